import { AZAPI_WRITER_TYPES } from './azapi-writes';
import { blockOf, readsAttribute } from './attribute-reads';
import { nameKey } from './azure-keys';
import { madePath, namesServer, ownerConstruct, resourcesOfType, resourcesUnder } from './beside-construct';
import { judgedScopes } from './judged-scopes';
import { oncePerStack } from './per-stack';
import { readersOf } from './read-types';
import { readReferencesIn } from './server-mentions';
import { literalString } from './value-readers';
import { inZones, zoneAddressKey, zoneNameKey } from './zone-index';
import { fail, isUnknown, notApplicable, PASS, StackFacts, unknown, Verdict } from './rule';
import { serverChildren } from './server-children';
import { ResourceView, ServerView } from './stack-model';
import { traversalText } from './traversal-text';
import { nestedBlock } from './value-readers';

// lifecycle.ignore_changes on a server and the resources that guard it (PGF-CFG-2, PGS-CFG-2).
// Terraform then never corrects drift of what it ignores: a setting changed in the portal, or an
// imported server that was public, stays as it is while every rule passes on the declared value.

/** Server attributes that hold no control of the pack: ignoring their drift weakens nothing. */
export const IGNORABLE_SERVER_ATTRIBUTES = {
  flexible: [
    // Azure moves these on failover (PGF-AVL-2 asks for them).
    'zone', 'high_availability[0].standby_availability_zone',
    'tags', 'maintenance_window', 'storage_mb', 'storage_tier', 'auto_grow_enabled', 'sku_name',
    // Passwords rotated outside Terraform, and what only a restore reads.
    'administrator_password', 'administrator_password_wo_version', 'create_mode', 'point_in_time_restore_time_in_utc', 'source_server_id',
  ],
  single: ['tags', 'storage_mb', 'auto_grow_enabled', 'sku_name', 'administrator_login_password', 'administrator_login_password_wo_version', 'create_mode', 'creation_source_server_id', 'restore_point_in_time'],
} as const;

/** On the resources around a server (parameters, firewall rules, administrators, keys, network): only tags hold no control. */
const IGNORABLE_CHILD_ATTRIBUTES = ['tags'];
/** Inside the server (roles, grants, extensions of the postgresql provider): a password rotated outside Terraform. */
const IGNORABLE_IN_DATABASE = ['password'];

/** "a.0.b" and "a[0].b" are the same reference, blanks and comments between the parts nothing; ignore_changes names attributes either way. */
function normalized(entry: string): string {
  // Stryker disable next-line Regex: equivalent: no ignorable attribute has an index of two digits or ends with one
  return traversalText(entry).replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

function ignorable(entry: string, allowed: readonly string[]): boolean {
  const name = normalized(entry);
  // A map attribute may be named with a key: tags["owner"], tags.owner.
  return allowed.some((attribute) => name === attribute || (attribute === 'tags' && /^tags(\[|\.)/.test(name)));
}

/**
 * The block as the stack writes it: a view the model rebuilt from an azapi body (an azapi group read as an azurerm one,
 * azapi-network.ts) keeps only what it read, not the block's lifecycle (eighteenth review, A18b-8).
 */
function written(resource: ResourceView, stack: StackFacts | undefined): ResourceView {
  const block = stack?.resources?.get(resource.address);
  return block !== undefined && block.type === resource.type ? block : resource;
}

/** One verdict for one resource's lifecycle.ignore_changes: "all", or an entry outside the allowed ones, fails. */
function judgeResource(view: ResourceView, allowed: readonly string[], stack: StackFacts | undefined, role?: string): Verdict {
  const resource = written(view, stack);
  // What the object is to the server, for a block the pack judges as part of its perimeter.
  const what = role === undefined ? '' : ` ${resource.address} is ${role}.`;
  const lifecycle = nestedBlock(resource.config, 'lifecycle');
  if (lifecycle.state === 'unknown') return unknown(`${resource.address}: ${lifecycle.note}`, resource.address);
  const ignored = lifecycle.state === 'present' ? lifecycle.block.ignore_changes : undefined;
  if (ignored === undefined) return PASS;
  if (isUnknown(ignored)) return unknown(`${resource.address}: lifecycle.ignore_changes is known only at apply time`, resource.address);
  const entries: unknown[] = Array.isArray(ignored) ? ignored : [ignored];
  if (entries.some((entry) => typeof entry === 'string' && traversalText(entry) === 'all')) {
    return fail(`lifecycle.ignore_changes of ${resource.address} is "all": Terraform would never correct drift of its settings, security settings included (a change made in the portal, or an imported resource, stays as it is).${what}`, resource.address);
  }
  const security = entries.filter((entry) => typeof entry !== 'string' || !ignorable(entry, allowed));
  if (security.length === 0) return PASS;
  const names = security.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))).join(', ');
  return fail(`lifecycle.ignore_changes of ${resource.address} holds ${names}: Terraform would not correct drift of ${security.length === 1 ? 'that setting' : 'those settings'} (a change made in the portal, or an imported resource, stays as it is).${what}`, resource.address);
}

/** The delete locks on the server, and the VNet links of its private DNS zones (without them its name does not resolve privately). */
function locksAndLinks(server: ServerView, stack: StackFacts | undefined): ResourceView[] {
  const locks = resourcesOfType(stack, 'azurerm_management_lock').filter((lock) => namesServer(server, lock.config.scope));
  const zones = new Set(server.privateDnsZones.map((zone) => zone.address));
  const zoneNames = server.privateDnsZones.map((zone) => zone.config.name).filter((name): name is string => typeof name === 'string');
  const keys = [...zoneNames.map(zoneNameKey), ...[...zones].map(zoneAddressKey)];
  return [...locks, ...inZones(resourcesOfType(stack, 'azurerm_private_dns_zone_virtual_network_link'), 'private_dns_zone_name', stack, keys)];
}

/** The resources of the stack that guard a server: its children, the delegated subnet with its network security group, its locks and DNS links. */
function guardingResources(server: ServerView, stack: StackFacts | undefined): ResourceView[] {
  const subnet = server.delegatedSubnet;
  const associations = subnet?.associations ?? [];
  const groups = associations.flatMap((association) => (association.securityGroup ? [association.securityGroup] : []));
  return [
    ...serverChildren(server),
    ...(subnet ? [subnet] : []),
    ...associations,
    ...groups,
    ...groups.flatMap((group) => group.separateRules),
    ...server.privateDnsZones,
    ...locksAndLinks(server, stack),
  ];
}

/**
 * The blocks of the stack that are the perimeter of a construct's server (judged-scopes.ts: the VNet, subnets, groups and
 * route tables around it, its zones, its password's vault and secret, its log destinations, its Entra administrator), each
 * with what it is to the server. The rules that judge them read the written value: ignoring its drift keeps the live one
 * (an imported workspace's short retention, a VNet's own DNS servers; eighteenth review, A18b-9).
 */
function perimeterBlocks(server: ServerView, stack: StackFacts | undefined, guarding: ReadonlySet<string>): { block: ResourceView; role: string }[] {
  const owner = ownerConstruct(server, stack);
  if (owner === undefined) return [];
  const found = new Map<string, { block: ResourceView; role: string }>();
  for (const scope of judgedScopes(server, owner, stack)) {
    for (const block of scope.blocks) {
      if (!guarding.has(block.address) && !block.address.startsWith('data.') && !found.has(block.address)) found.set(block.address, { block, role: scope.what.replace(/^\S+ \((.*)\)$/, '$1') });
    }
  }
  // What the construct is given by a reference (a VNet written by azapi, an identity...): a block its own resources read.
  for (const block of [server, ...resourcesUnder(stack, owner)]) {
    for (const address of referencesOf(written(block, stack)).map(blockOf)) {
      const given = address === undefined || found.has(address) || guarding.has(address) ? undefined : stack?.resources?.get(address);
      if (given !== undefined && madePath(given) === undefined && isReadType(given)) found.set(given.address, { block: given, role: `what ${owner} is given (${block.address} refers to it)` });
    }
  }
  const own = new Set([server.address, ...guarding, ...found.keys()]);
  const made = madeAddresses(stack);
  const isTarget = (address: string) => own.has(address) || made.has(address);
  // What is inside the server (roles, grants: a password may be ignored) is judged apart.
  const writers = perimeterWriters(server, stack, owner, isTarget, new Set([...guarding, ...found.keys(), ...server.inDatabase.map((resource) => resource.address)]));
  return [...found.values(), ...writers];
}

/** The addresses of the blocks a library construct made: the same for every server, read once per evaluation. */
const madeAddresses = oncePerStack((stack): ReadonlySet<string> => new Set([...stack?.resources?.values() ?? []].filter((block) => madePath(block) !== undefined).map((block) => block.address)));

/** Whether a table of the pack reads a block's type (read-types.ts): what it writes is judged on the value written. An azapi type known only later may be any. */
function isReadType(block: ResourceView): boolean {
  if (!AZAPI_WRITER_TYPES.includes(block.type)) return readersOf(block.type).length > 0;
  const type = literalString(block.config.type);
  return type === undefined || readersOf(type, true).length > 0;
}

/**
 * The writers of a read type (roles, policy, records, rules, forwarders, exports...) that point at the server, an object of
 * its perimeter or what its construct made, by a reference to the block (its resource group by its ID only: every block
 * placed there names it), each with what it points at. Imported with ignore_changes, the live grant or rule stays while
 * its table judges the written one (A18b-9).
 */
function perimeterWriters(server: ServerView, stack: StackFacts | undefined, owner: string, isTarget: (address: string) => boolean, judged: ReadonlySet<string>): { block: ResourceView; role: string }[] {
  const groups = groupBlocks(server, stack);
  const found: { block: ResourceView; role: string }[] = [];
  for (const block of unmadeWriters(stack)) {
    if (judged.has(block.address) || !isReadType(block)) continue;
    const references = referencesOf(block);
    const target = references.map(blockOf).find((address) => address !== undefined && address !== block.address && isTarget(address))
      ?? groups.find((group) => references.some((reference) => readsAttribute(reference, group, ['id'])));
    if (target !== undefined) found.push({ block, role: `a writer the rules judge on ${target}, part of the perimeter of ${owner}'s server` });
  }
  return found;
}

/** The blocks no construct made, lookups left out, in the stack's order: the writers a perimeter may have, the same for every server. */
const unmadeBlocks = oncePerStack((stack) => [...stack?.resources?.values() ?? []].filter((block) => !block.address.startsWith('data.') && madePath(block) === undefined));

/** The unmade blocks whose type alone does not rule out a table's reader (an azapi block's type is in its config), once per evaluation. */
const unmadeWriters = oncePerStack((stack) => unmadeBlocks(stack).filter((block) => AZAPI_WRITER_TYPES.includes(block.type) || readersOf(block.type).length > 0));

/** A block's references, read once per block: every server of the stack asks. */
function referencesOf(block: ResourceView): readonly string[] {
  let found = referencesByBlock.get(block);
  if (found === undefined) {
    found = readReferencesIn(block.config);
    referencesByBlock.set(block, found);
  }
  return found;
}

const referencesByBlock = new WeakMap<ResourceView, readonly string[]>();

/** The resource group blocks of the stack a server may be in: by the name its resource_group_name reads (the model reads a reference to a literal name as that name). */
function groupBlocks(server: ServerView, stack: StackFacts | undefined): string[] {
  const name = server.config.resource_group_name;
  if (isUnknown(name) && name.isPlainReference) return [blockOf(name.references[0]) ?? ''];
  if (typeof name !== 'string') return [];
  return resourcesOfType(stack, 'azurerm_resource_group').filter((group) => typeof group.config.name === 'string' && nameKey(group.config.name) === nameKey(name)).map((group) => group.address);
}

/**
 * No lifecycle.ignore_changes on the server that is "all" or names a setting the pack judges, none
 * but tags on the resources that guard it and on the blocks of a construct's perimeter (an azapi
 * block's `body` holds all it writes), and none but a password on the roles, grants and extensions
 * inside it. One failure per resource, so none hides another.
 */
export function judgeIgnoredChanges(server: ServerView, stack?: StackFacts): Verdict | readonly Verdict[] {
  const own = server.defined ? [judgeResource(server, IGNORABLE_SERVER_ATTRIBUTES[server.kind], stack)] : [];
  const guarding = [...new Set(guardingResources(server, stack))];
  const around = guarding.map((resource) => judgeResource(resource, IGNORABLE_CHILD_ATTRIBUTES, stack));
  const perimeter = perimeterBlocks(server, stack, new Set(guarding.map((resource) => resource.address)))
    .map(({ block, role }) => judgeResource(block, IGNORABLE_CHILD_ATTRIBUTES, stack, role));
  const inside = server.inDatabase.map((resource) => judgeResource(resource, IGNORABLE_IN_DATABASE, stack));
  const verdicts = [...own, ...around, ...perimeter, ...inside];
  if (verdicts.length === 0) return notApplicable('the server is defined outside this stack, and nothing of the stack guards it');
  const failures = verdicts.filter((verdict) => verdict.status === 'fail');
  if (failures.length > 0) return failures;
  const hidden = verdicts.filter((verdict) => verdict.status === 'unknown');
  return hidden.length > 0 ? hidden : PASS;
}
