import { idSegments, nameKey } from './azure-keys';
import { madeBy, resourcesOfType } from './beside-construct';
import { AZAPI_WRITER_TYPES, azapiParent, azapiType } from './azapi-writes';
import { isUnknown, Unknown } from './hcl-expression';
import { groupMayHold, groupNamed, membershipOf, serverVnets } from './network-group-members';
import { resolvedGroup } from './name-parents';
import { blockOf } from './attribute-reads';
import { givenZonePointers } from './dns-zone-answers';
import { spelledBlockId } from './block-ids';
import { ANY_NAME, GIVEN_TYPES, GivenKind, LaterObject } from './given-objects';
import { literalSubscription } from './provider-facts';
import { blocksOfTypes, oncePerStackFor } from './per-stack';
import { StackFacts } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { scopeTemplate } from './containing-scopes';
import { idPattern, isPathTemplate, mayReach } from './scope-patterns';
import { splitTemplate } from './value-readers';
import { vaultedPasswordSecrets } from './vaulted-password-scopes';

// What a construct's server depends on beyond its own resources: whatever changes one of these changes
// who reaches the server, who administers it, who reads its password or where its logs stay. PG-CFG-8
// (unread-writers.ts) fails a block of a type no table reads that points at one of them (sixteenth run).

/**
 * The kinds of scope: the server, a scope that contains it (its resource group, a subscription), the
 * network around it (VNet, delegated subnet, NSG, route table, private endpoint), its private DNS zones,
 * the vault of its generated password and the secret, where its logs go, its Entra administrator, the user-assigned identities
 * it acts as (its customer-managed key's: a write on one changes who may act as it; nineteenth review, A19a-1), its customer-managed
 * key and the key's vault (key-scopes.ts: a write on either may disable the key; queued after the nineteenth run).
 */
export type ScopeKind = 'server' | 'container' | 'network' | 'dns' | 'vault' | 'workspace' | 'administrator' | 'identity' | 'key';

/** Every kind of scope, as PG-CFG-8's message names it. */
export const SCOPE_KINDS: { readonly [kind in ScopeKind]: string } = {
  server: 'the server',
  container: 'a resource group or subscription that holds the server',
  network: 'the network around the server',
  dns: "the server's private DNS zones",
  vault: "the vault and secret of the server's generated password",
  workspace: "where the server's logs go",
  administrator: "the server's Entra administrator",
  identity: 'a managed identity the server acts as',
  key: "the server's customer-managed key or its vault",
};

/** One thing a construct's server depends on, and how the stack names it. */
export interface JudgedScope {
  readonly kind: ScopeKind;
  /** For messages, e.g. "azurerm_subnet.db (the server's delegated subnet)". */
  readonly what: string;
  /** The blocks of the stack (or lookups) that are it: a reference to one of their IDs points at it. */
  readonly addresses: readonly string[];
  /** The stack's resources that are it, for their literal names (an ID or a name pointer spelled with them). */
  readonly blocks: readonly ResourceView[];
  /** The values by which the construct names it: a literal ID, an expression (a variable), an object ID. */
  readonly values: readonly unknown[];
  /** True for a virtual network: an ID below it is another subnet's (a VNet's new subnet is an azurerm_subnet, read). */
  readonly exact?: boolean;
  /** True for what the server is given (a subnet or zone by ID) and what the stack hangs on it: the network table reads azapi writes to the stack's own network only. */
  readonly given?: boolean;
  /** Its literal name and resource group (as keys) and the arguments by which a child names it, when it has no block of the stack. */
  readonly named?: { readonly arguments: readonly string[]; readonly name: string; readonly group: string };
  /** For an object given by a pointer: its type, which a pointer known only at apply time may be any object of (given-objects.ts). */
  readonly givenKind?: GivenKind;
  /** The object it may be when the stack does not name it (its container known only at apply time), read from more than one pointer (the VNet around a subnet of the stack). */
  readonly later?: LaterObject;
  /** For an Entra administrator: its block, by which mentionsAdministrator (administrator-groups.ts) finds it named in any text or reference (A28b-4). */
  readonly administrator?: ResourceView;
}

/** A block a plain reference reads, by address ("azurerm_x.y", "data.azuread_group.g"). */
function referencedBlock(value: unknown): string | undefined {
  return isUnknown(value) && value.isPlainReference ? blockOf(value.references[0]) : undefined;
}

/** A scope named by a pointer (the construct's, or a member's group): the block it reads when it is a plain reference, else the pointer itself. */
export function pointerScope(kind: ScopeKind, what: (named: string) => string, pointer: unknown, stack: StackFacts | undefined, givenKind?: GivenKind): JudgedScope | undefined {
  if (pointer === undefined || pointer === null) return undefined;
  const address = referencedBlock(pointer);
  const block = address === undefined ? undefined : stack?.resources?.get(address);
  return {
    kind,
    what: what(block !== undefined || stack?.lookups?.has(address ?? '') === true ? address as string : JSON.stringify(pointer)),
    addresses: address === undefined ? [] : [address],
    blocks: block === undefined ? [] : [block],
    // The literal ID the block's names spell names it too (block-ids.ts; sixteenth run, A16a-8).
    values: [pointer, ...spelledIds(block, stack)],
    ...(givenKind === undefined ? {} : { givenKind }),
  };
}

function spelledIds(block: ResourceView | undefined, stack: StackFacts | undefined): string[] {
  const id = block === undefined ? undefined : spelledBlockId(block, stack?.resources, stack?.azurermProviders);
  return id === undefined ? [] : [id];
}

function blockScope(kind: ScopeKind, block: ResourceView, role: string, values: readonly unknown[] = []): JudgedScope {
  return { kind, what: `${block.address} (${role})`, addresses: [block.address], blocks: [block], values };
}

/** The network the server hangs in: its delegated subnet (of the stack, or given), the subnet's VNet, groups and route tables, its private endpoints. */
function networkScopes(server: ServerView, stack: StackFacts | undefined): JudgedScope[] {
  const scopes: JudgedScope[] = [];
  const subnet = server.delegatedSubnet;
  const pointer = server.config.delegated_subnet_id;
  if (subnet !== undefined) {
    scopes.push(blockScope('network', subnet, "the server's delegated subnet", pointer === undefined ? [] : [pointer]));
    const network = referencedBlock(subnet.config.virtual_network_name) ?? vnetOfIdReference(subnet.config.virtual_network_name);
    const vnet = (network === undefined ? undefined : stack?.resources?.get(network)) ?? vnetByName(subnet, stack);
    if (vnet !== undefined && vnet.type === 'azurerm_virtual_network') scopes.push({ ...blockScope('network', vnet, "the virtual network of the server's delegated subnet"), exact: true });
    const [vnetName, group] = [lookupLiteral(subnet.config.virtual_network_name, stack), lookupLiteral(subnet.config.resource_group_name, stack)];
    if (vnet === undefined && typeof vnetName === 'string' && typeof group === 'string') {
      // A VNet given by its literal ID (or a lookup of literal names): any subscription, its literal group and name.
      const id = `/subscriptions/?/resourceGroups/${group.trim()}/providers/Microsoft.Network/virtualNetworks/${vnetName.trim()}`;
      const named = { arguments: ['virtual_network_name'], name: nameKey(vnetName), group: nameKey(group) };
      scopes.push({ kind: 'network', what: `the virtual network ${JSON.stringify(vnetName.trim())} of the server's delegated subnet`, addresses: [], blocks: [], values: [id], exact: true, named });
    } else if (vnet === undefined) {
      const given = givenVnetScope(subnet, vnetName, group, stack);
      if (given !== undefined) scopes.push(given);
    }
    for (const association of subnet.associations) {
      if (association.securityGroup !== undefined) scopes.push(blockScope('network', association.securityGroup, "the network security group of the server's delegated subnet"));
    }
    for (const association of resourcesOfType(stack, 'azurerm_subnet_route_table_association')) {
      const subnetId = association.config.subnet_id;
      if (!isUnknown(subnetId) || !subnetId.references.includes(`${subnet.address}.id`)) continue;
      const table = referencedBlock(association.config.route_table_id);
      const block = table === undefined ? undefined : stack?.resources?.get(table);
      if (block !== undefined) scopes.push(blockScope('network', block, "the route table of the server's delegated subnet"));
    }
  } else {
    const given = pointerScope('network', (named) => `the delegated subnet the server is given (${named})`, pointer, stack, 'subnet');
    if (given !== undefined) scopes.push({ ...given, given: true }, ...hungOnGiven(pointer, stack));
  }
  server.privateEndpoints.forEach((endpoint) => scopes.push(blockScope('network', endpoint, 'a private endpoint of the server')));
  return scopes;
}

/** A name as literal text: a literal, or a plain reference to the literal name or group of a lookup (a VNet looked up by its names). */
function lookupLiteral(value: unknown, stack: StackFacts | undefined): unknown {
  const read = isUnknown(value) && value.isPlainReference ? /^(data\.[a-z0-9_]+\.[^.[\]]+)\.(name|resource_group_name)$/.exec(value.references[0]) : null;
  const literal = read === null ? undefined : stack?.lookups?.get(read[1])?.config[read[2]];
  return typeof literal === 'string' && literal.trim() !== '' ? literal : value;
}

/** The construct's spelling of a part of an ID known only later (`element(split("/", var.vnet_id), 8)`): the ID's expression. */
const ID_PART = /^element\(\s*split\(\s*"\/"\s*,\s*(.+)\)\s*,\s*(\d+)\s*\)$/s;

/**
 * The VNet around a delegated subnet of the stack when the stack makes no such VNet and does not name it by literal names
 * (vnetIntegration given a VNet by a variable, or by a template with a variable group: twenty-fifth review, A25a-7): the stack
 * makes the subnet inside it, but the VNet is given, so it may be any VNet its known parts allow, in any resource group a part
 * known only later may be (given-objects.ts). Its subscription is the subnet's azurerm provider's, where Azure creates the subnet
 * (any, when that is not literal). A plain reference to a VNet's ID read back from its names (the library's
 * `element(split("/", <id>), 8)`) is that ID: an expression of the same pointer may be it.
 */
function givenVnetScope(subnet: ResourceView, name: unknown, group: unknown, stack: StackFacts | undefined): JudgedScope | undefined {
  const part = (value: unknown) => (typeof value === 'string' && value.trim() !== '' && !value.includes('/') ? nameKey(value) : ANY_NAME);
  const subscription = (stack?.azurermProviders === undefined ? undefined : literalSubscription(subnet, stack.azurermProviders)) ?? ANY_NAME;
  const segments = ['subscriptions', subscription, 'resourcegroups', part(group), 'providers', 'microsoft.network', 'virtualnetworks', part(name)];
  const [fromName, fromGroup] = [name, group].map((value) => (isUnknown(value) ? ID_PART.exec(value.expression.trim()) : null));
  const pointer = fromName !== null && fromGroup !== null && fromName[1].trim() === fromGroup[1].trim() && isUnknown(name) ? new Unknown(fromName[1].trim(), name.references) : undefined;
  const later: LaterObject = { lookups: GIVEN_TYPES.virtualNetwork.lookups, segments, exact: true, ...(pointer === undefined ? {} : { given: pointer }) };
  const what = pointer === undefined ? `the virtual network of ${subnet.address} (the server's delegated subnet), given by names known only at apply time` : `the virtual network ${pointer.toString()} of ${subnet.address} (the server's delegated subnet)`;
  return { kind: 'network', what, addresses: [], blocks: [], values: pointer === undefined ? [] : [pointer], exact: true, givenKind: 'virtualNetwork', later };
}

/** The associations of the stack that hang a group or route table on the subnet the server is given, by the same pointer. */
const GIVEN_ASSOCIATIONS: { readonly [type: string]: { readonly attribute: string; readonly role: string } } = {
  azurerm_subnet_network_security_group_association: { attribute: 'network_security_group_id', role: "the network security group the stack associates with the server's given delegated subnet" },
  azurerm_subnet_route_table_association: { attribute: 'route_table_id', role: "the route table the stack associates with the server's given delegated subnet" },
};

/** The groups and route tables of the stack hung on the given subnet: writes to them are writes to the subnet's paths. */
function hungOnGiven(pointer: unknown, stack: StackFacts | undefined): JudgedScope[] {
  const same = (value: unknown) => (isUnknown(pointer) ? isUnknown(value) && value.toString().trim() === pointer.toString().trim() : typeof pointer === 'string' && typeof value === 'string' && nameKey(value) === nameKey(pointer));
  return Object.entries(GIVEN_ASSOCIATIONS).flatMap(([type, { attribute, role }]) => resourcesOfType(stack, type)
    .filter((association) => same(association.config.subnet_id))
    .flatMap((association) => {
      const address = referencedBlock(association.config[attribute]);
      const block = address === undefined ? undefined : stack?.resources?.get(address);
      return block === undefined ? [] : [{ ...blockScope('network', block, role), given: true }];
    }));
}

/** The VNet of the stack a subnet names by its literal name and group (the model reads a reference to a block's literal name as that name). */
function vnetByName(subnet: ResourceView, stack: StackFacts | undefined): ResourceView | undefined {
  const [name, group] = [subnet.config.virtual_network_name, resolvedGroup(subnet.config.resource_group_name, stack?.resources)];
  if (typeof name !== 'string' || group === undefined) return undefined;
  const found = resourcesOfType(stack, 'azurerm_virtual_network').filter((vnet) => typeof vnet.config.name === 'string' && nameKey(vnet.config.name) === nameKey(name)
    && resolvedGroup(vnet.config.resource_group_name, stack?.resources) === group);
  return found.length === 1 ? found[0] : undefined;
}

/** The VNet block a subnet's virtual_network_name reads through its ID (element(split("/", vnet.id), 8)). */
function vnetOfIdReference(value: unknown): string | undefined {
  if (!isUnknown(value)) return undefined;
  const blocks = [...new Set(value.references.filter((reference) => /^azurerm_virtual_network\.[^.]+\.id$/.test(reference)).map(blockOf))];
  return blocks.length === 1 ? blocks[0] : undefined;
}

/** The server's private DNS zones of the stack, or the zone it is given by ID; and the zones its private endpoints are given. */
function dnsScopes(server: ServerView, stack: StackFacts | undefined): JudgedScope[] {
  return [...ownDnsScopes(server, stack), ...endpointZoneScopes(server, stack)];
}

function ownDnsScopes(server: ServerView, stack: StackFacts | undefined): JudgedScope[] {
  const pointer = server.config.private_dns_zone_id;
  const zones = server.privateDnsZones.map((zone) => blockScope('dns', zone, "the server's private DNS zone"));
  if (zones.length > 0 || pointer === undefined) return zones;
  const given = pointerScope('dns', (named) => `the private DNS zone the server is given (${named})`, pointer, stack, 'serverZone');
  return given === undefined ? [] : [{ ...given, given: true }];
}

/**
 * The Private Link zone a private endpoint of the server is given (not a zone of the stack): the server's name resolves there as
 * in its own zone, so what writes there unread fails closed as in the others (eighteenth review, A18a-4).
 */
function endpointZoneScopes(server: ServerView, stack: StackFacts | undefined): JudgedScope[] {
  return givenZonePointers(server).filter(({ shared }) => shared).flatMap(({ pointer, holder }) => {
    const address = referencedBlock(pointer);
    if (address !== undefined && stack?.resources?.get(address)?.type === 'azurerm_private_dns_zone') return [];
    const given = pointerScope('dns', () => `the private DNS zone ${JSON.stringify(String(pointer))} of ${holder} (the server's private endpoint)`, pointer, stack);
    return given === undefined ? [] : [{ ...given, given: true }];
  });
}

/** The Key Vault secrets the construct writes a generated password to, and their vaults. */
function vaultScopes(server: ServerView, owner: string, stack: StackFacts | undefined): JudgedScope[] {
  return vaultedPasswordSecrets(server, owner, stack).flatMap(({ secret, password }) => {
    const vault = pointerScope('vault', (named) => `${named} (the vault of the Key Vault secret ${password} is written to)`, secret.config.key_vault_id, stack, 'keyVault');
    return [blockScope('vault', secret, `the Key Vault secret ${password} is written to`), ...(vault === undefined ? [] : [vault])];
  });
}

/** The destinations of the log export the construct makes for the server. */
const DESTINATIONS: { readonly [attribute: string]: GivenKind } = { log_analytics_workspace_id: 'workspace', storage_account_id: 'storageAccount', eventhub_authorization_rule_id: 'eventHubRule' };

function workspaceScopes(server: ServerView, owner: string, stack: StackFacts | undefined): JudgedScope[] {
  return server.diagnosticSettings.filter((setting) => madeBy(setting, owner)).flatMap((setting) => Object.entries(DESTINATIONS).flatMap(([attribute, givenKind]) => {
    const scope = pointerScope('workspace', (named) => `${named} (where ${setting.address} sends the server's logs)`, setting.config[attribute], stack, givenKind);
    return scope === undefined ? [] : [scope];
  }));
}

function administratorScopes(server: ServerView, stack: StackFacts | undefined): JudgedScope[] {
  return server.administrators.flatMap((administrator) => {
    const scope = pointerScope('administrator', (named) => `${named} (the Entra administrator of the server, by ${administrator.address})`, administrator.config.object_id, stack);
    return scope === undefined ? [] : [{ ...scope, administrator }];
  });
}

/** The pointers to the user-assigned identities the server acts as: its identity block's, its customer-managed keys' (primary, geo-backup), each once. */
export function identityPointers(server: ServerView): unknown[] {
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
  const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null && !isUnknown(value) ? (value as { readonly [key: string]: unknown })[key] : undefined);
  const pointers = [
    ...list(server.config.identity).flatMap((identity) => list(field(identity, 'identity_ids'))),
    ...list(server.config.customer_managed_key).flatMap((key) => [field(key, 'primary_user_assigned_identity_id'), field(key, 'geo_backup_user_assigned_identity_id')]),
  ];
  return pointers.filter((pointer, index) => pointers.findIndex((each) => String(each) === String(pointer)) === index);
}

/** The identities the server acts as, as scopes of the net: a write on one (a PIM policy at its scope, an azapi update) changes who may act as it. */
function identityScopes(server: ServerView, stack: StackFacts | undefined): JudgedScope[] {
  return identityPointers(server).flatMap((pointer) => {
    const scope = pointerScope('identity', (named) => `the managed identity ${named} the server acts as`, pointer, stack, 'identity');
    return scope === undefined ? [] : [scope];
  });
}

/**
 * What a construct's server depends on (besides the server itself and the scopes that contain it, which
 * unread-writers.ts reads apart): the network around it, its DNS zones, its password's vault and secret,
 * its log destinations, its Entra administrators and the identities it acts as.
 */
export function judgedScopes(server: ServerView, owner: string, stack: StackFacts | undefined): readonly JudgedScope[] {
  return scopesKept(server, owner, stack);
}

/** Read once per server and evaluation: four rules ask (the result is shared: not to be changed). */
const scopesKept = oncePerStackFor(readScopes);

function readScopes(server: ServerView, owner: string, stack: StackFacts | undefined): readonly JudgedScope[] {
  return [...networkScopes(server, stack), ...dnsScopes(server, stack), ...vaultScopes(server, owner, stack), ...workspaceScopes(server, owner, stack), ...administratorScopes(server, stack), ...identityScopes(server, stack)];
}

/**
 * The resource groups and subscriptions that hold the other objects of the perimeter (judgedScopes: its workspace, given network
 * objects, zones, vaults, identities), as container scopes: an extension resource of one (a PIM policy, an azapi write at its ID)
 * acts on what it holds, as on the server's own (twentieth run, A19a-3's last case). Each names its container exactly: a new,
 * separate resource placed in it (parent_id, resource_group_name) names no scope.
 */
export function perimeterContainers(scopes: readonly JudgedScope[], stack: StackFacts | undefined): JudgedScope[] {
  const found = new Map<string, JudgedScope>();
  const add = (id: string, holds: string, addresses: readonly string[]) => {
    const key = idSegments(id).join('/');
    const known = found.get(key);
    const what = `the ${key.includes('/resourcegroups/') ? 'resource group' : 'subscription'} ${JSON.stringify(id)}, which holds ${holds}`;
    if (known === undefined) found.set(key, { kind: 'container', what, addresses, blocks: [], values: [id], exact: true });
    else found.set(key, { ...known, addresses: [...new Set([...known.addresses, ...addresses])] });
  };
  for (const scope of scopes) {
    for (const block of scope.blocks) {
      const group = resolvedGroup(block.config.resource_group_name, stack?.resources);
      if (group !== undefined && !/[?*$]/.test(group)) add(`/subscriptions/?/resourceGroups/${group}`, scope.what, groupBlocks(group, stack));
    }
    // The literal ID a block's names spell carries its provider's subscription (another than the server's: block-ids.ts).
    for (const value of [...scope.values, ...scope.blocks.flatMap((block) => spelledIds(block, stack))]) {
      const segments = typeof value === 'string' ? idSegments(value) : [];
      if (segments[0] !== 'subscriptions' || segments.length < 2 || /[?*$]/.test(segments[1])) continue;
      add(`/subscriptions/${segments[1]}`, scope.what, []);
      if (segments[2] === 'resourcegroups' && segments.length > 3 && !/[?*$]/.test(segments[3])) add(`/subscriptions/${segments[1]}/resourceGroups/${segments[3]}`, scope.what, groupBlocks(segments[3], stack));
    }
  }
  return [...found.values()];
}

const NETWORK_GROUP = 'azurerm_network_manager_network_group';
const AZAPI_NETWORK_GROUP = 'microsoft.network/networkmanagers/networkgroups';

/**
 * The network managers of the stack's AVNM network groups that may hold a VNet the server answers in (network-group-members.ts
 * groupMayHold: a group the stack does not create, or one a member may put the VNet in): a group sits in its manager, so the
 * manager's resource group and subscription hold it, and a writer there (a PIM policy, an azapi extension) acts on who configures
 * the group's admin rules and connectivity (queued after the nineteenth run). Scopes for perimeterContainers only.
 */
export function networkGroupManagers(server: ServerView, stack: StackFacts | undefined): JudgedScope[] {
  const groups = [...resourcesOfType(stack, NETWORK_GROUP), ...AZAPI_WRITER_TYPES.flatMap((kind) => resourcesOfType(stack, kind)).filter((block) => azapiType(block) === AZAPI_NETWORK_GROUP)];
  if (groups.length === 0) return [];
  const [vnets, membership] = [serverVnets(server, stack), membershipOf(stack)];
  return groups.flatMap((block) => {
    const reference = `${block.address}.id`;
    if (!groupMayHold(groupNamed(new Unknown(reference, [reference]), stack), vnets, membership)) return [];
    const manager = block.type === NETWORK_GROUP ? block.config.network_manager_id : azapiParent(block);
    const scope = pointerScope('network', (named) => `the network manager ${named} of ${block.address} (a network group that may hold the server's VNet)`, manager, stack);
    return scope === undefined ? [] : [scope];
  });
}

/** The resource groups of the stack (and its lookups) of a literal name (a key): a reference to one's ID names the group. */
function groupBlocks(group: string, stack: StackFacts | undefined): string[] {
  return resourceGroups(stack).filter((block) => typeof block.config.name === 'string' && nameKey(block.config.name) === group)
    .map((block) => block.address);
}

/** The stack's resource groups and group lookups, in its order: asked per block of every server's perimeter. */
const resourceGroups = blocksOfTypes((type) => type === 'azurerm_resource_group', true);

/** The perimeter container a scope (an azapi block's parent or the scope of its ID) is: a reference to its group, or its ID in any spelling ("?" for an interpolation). */
export function perimeterContainerOf(scope: unknown, containers: readonly JudgedScope[], stack?: StackFacts): JudgedScope | undefined {
  if (isUnknown(scope) && scope.isPlainReference) return containers.find((each) => each.addresses.some((address) => scope.references[0] === `${address}.id`));
  const text = typeof scope === 'string' ? scope : isUnknown(scope) ? splitTemplate(scope.spelling, '?').literal : undefined;
  if (text === undefined || !text.includes('/')) return undefined;
  const segments = idSegments(text);
  return containers.find((each) => each.values.some((value) => {
    const own = idSegments(String(value));
    return own.length === segments.length && own.every((segment, at) => segment === segments[at] || segment === '?' || segments[at] === '?');
  })) ?? containers.find((each) => maySpellContainer(scope, each, stack));
}

/**
 * True when a template with literal parts (`/subscriptions/${var.s}/resourceGroups/${var.prefix}-logs`) may spell a container's
 * ID exactly: an interpolation may be any text, part of a name too (scope-patterns.ts; queued after the nineteenth run). A literal,
 * a plain reference and a template of no "/" are read elsewhere (a scope wholly a variable is not judged on other objects).
 */
export function maySpellContainer(value: unknown, container: JudgedScope, stack: StackFacts | undefined): boolean {
  const template = container.kind === 'container' ? scopeTemplate(value, stack) : undefined;
  if (template === undefined || !isPathTemplate(template)) return false;
  return container.values.some((each) => typeof each === 'string' && mayReach(template, idPattern(idSegments(each).map((segment) => (segment === '?' ? undefined : segment))), 'exact'));
}
