import { ownValue } from '../private/own-keys';
import { roleWithEffect } from '../private/privileged-roles';
import { mayMatch, RoleEffect } from '../private/role-actions';
import { idKey, idSegments, nameKey } from './azure-keys';
import { blockOf, readsAttribute } from './attribute-reads';
import { azapiName, azapiType, writes } from './azapi-writes';
import { madeBy, resourcesOfType } from './beside-construct';
import { spelledBlockId } from './block-ids';
import { ANYTHING, expressionReadings, MARKED } from './expression-readings';
import { isUnknown, Unknown } from './hcl-expression';
import { identityPointers, JudgedScope, judgedScopes, ScopeKind } from './judged-scopes';
import { anyGivenObject, GIVEN_TYPES, GivenKind, laterObject, LaterObject, laterReach, mayBeLater } from './given-objects';
import { givenSubnetAssociations } from './given-subnets';
import { fail, PASS, StackFacts, unknown, Verdict } from './rule';
import { stackCreates } from './stack-created';
import { ResourceView, ServerView } from './stack-model';
import { KeyUrl, parseKeyUrl } from '../private/key-vault-url';
import { splitTemplate } from './value-readers';
import { INSTANCE_KEY } from './traversal-text';
import { aliasAttribute, ignoresChanges } from './id-aliases';
import { POINTER_ARGUMENT } from './pointer-readings';
import { echoedArgument, echoOf } from './echoed-arguments';
import { listedObjects } from './listed-objects';
import { azapiLookupObjects } from './azapi-lookup-objects';

// Who may act on the objects of the perimeter (docs/security-rules.md, "What the promise covers" 1 and 2): one table, per
// kind of object, of the effect a role must have to weaken it, and of how the stack may name it (a reference to its
// block, its literal ID, the expression the construct was given). PG-IAM-2 judges every role grant of the stack on each
// object, and on every scope that holds it, through this table (sixteenth run, A16a-3, A16a-12, A16b-14). The server,
// the scopes that contain it, the network the construct makes and the vault of a generated password are judged before
// (PG-IAM-2, network-scopes.ts, vaulted-password-scopes.ts); what they judged is not judged again.

/** The kinds of object of the perimeter judged here. */
export type PerimeterKind = 'logs' | 'network' | 'dns' | 'identity' | 'key';

/** Per kind: the effect of a role that weakens it (role-actions.ts), and what the object is to the server, for a message. */
export const PERIMETER_KINDS: { readonly [kind in PerimeterKind]: { readonly effect: RoleEffect; readonly why: string } } = {
  logs: { effect: 'logs', why: 'where the server\'s logs are kept' },
  network: { effect: 'network', why: 'part of the server\'s network path' },
  dns: { effect: 'network', why: 'where the server\'s name resolves' },
  identity: { effect: 'identity', why: 'an identity the server acts as (its customer-managed key)' },
  key: { effect: 'key', why: 'what the server\'s data encryption key is wrapped with' },
};

/** The judged scopes (judged-scopes.ts) that are objects of the table, by their kind there; the others are judged apart. */
const FROM_JUDGED: { readonly [kind in ScopeKind]?: PerimeterKind } = { workspace: 'logs', network: 'network', dns: 'dns' };

/**
 * Block types of the judged network not judged here: routes are inert toward the network (decided, sixteenth run); a private
 * endpoint the construct makes is judged with its network (network-scopes.ts), its subnet and zones here, and a caller's own
 * endpoint to the server is a path PG-NET-1 judges.
 */
const NOT_HERE = ['azurerm_route_table', 'azurerm_private_endpoint'];

/** One object of the perimeter and the ways the stack names it. */
export interface PerimeterObject {
  readonly kind: PerimeterKind;
  /** For messages, e.g. "azurerm_log_analytics_workspace.law (where ... sends the server's logs)". */
  readonly what: string;
  /** Blocks (or lookups) that are it: a reference to their ID (or to `attributes`) names it. */
  readonly addresses: readonly string[];
  /** The attributes of its blocks that are its ARM ID, when not `id` (a Key Vault key's `id` is its data-plane URL). */
  readonly attributes?: readonly string[];
  /** Its ID as keys (azure-keys.ts), "?" for a segment known only at apply time (a subscription): its literal IDs, and those its blocks' names spell. */
  readonly ids: readonly string[];
  /** Expressions by which the construct names it: the same expression names it. */
  readonly values: readonly unknown[];
  /** True for a virtual network: a scope below it is another subnet's (its subnets of the table are objects of their own). */
  readonly exact?: boolean;
  /** Known by its name only (its group and subscription not): only a scope at or below it reaches it, not one that may hold it. */
  readonly byName?: boolean;
  /** Given by a pointer known only at apply time: any object of its type may be it (given-objects.ts; A17b-8). */
  readonly later?: LaterObject;
  /**
   * Given by a pointer known only at apply time but not read as any object of its type (a literal ID of another vault is another:
   * decided, A74b-2): a lookup of its type whose names are known only later may be it (77th run, A77b-4).
   */
  readonly lookedUpLater?: LaterObject;
}

/** A pointer's object: the block a plain reference reads, else the value as written (a literal ID, an expression). */
function pointerObject(kind: PerimeterKind, what: string, pointer: unknown, stack: StackFacts | undefined, given?: GivenKind): PerimeterObject | undefined {
  if (pointer === undefined || pointer === null) return undefined;
  const reference = isUnknown(pointer) && pointer.isPlainReference ? /^((?:data\.)?[a-z0-9_]+\.[^.[\]]+)\.id$/.exec(pointer.references[0])?.[1] : undefined;
  const block = reference === undefined ? undefined : stack?.resources?.get(reference) ?? stack?.lookups?.get(reference);
  const spelled = block === undefined ? undefined : spelledBlockId(block, stack?.resources, stack?.azurermProviders);
  // A literal names an object by its ID, a path ("x" names none: Azure refuses it), as fromJudged reads literals.
  const ids = [...(typeof pointer === 'string' && pointer.includes('/') ? [pointer] : []), ...(spelled === undefined ? [] : [spelled])].map(idKey);
  const later = given === undefined ? undefined : laterObject(given, pointer, stack);
  return { kind, what, addresses: reference === undefined ? [] : [reference], ids, values: isUnknown(pointer) ? [pointer] : [], ...(later === undefined ? {} : { later }) };
}

/** A judged scope as an object of the table. */
export function fromJudged(kind: PerimeterKind, scope: JudgedScope, stack: StackFacts | undefined): PerimeterObject {
  // Its blocks, and the lookups it is (a data source by its names): the IDs their names spell.
  const blocks = [...scope.blocks, ...scope.addresses.flatMap((address) => stack?.lookups?.get(address) ?? [])];
  const spelled = blocks.flatMap((block) => {
    const id = spelledBlockId(block, stack?.resources, stack?.azurermProviders);
    return id === undefined ? [] : [id];
  });
  const literal = scope.values.filter((value): value is string => typeof value === 'string' && value.includes('/'));
  // A pointer the construct is given, known only at apply time, may be any object of its type (A17b-8).
  const later = scope.later ?? (scope.givenKind === undefined || scope.blocks.length > 0 ? undefined : laterObject(scope.givenKind, scope.values[0], stack));
  return { kind, what: scope.what, addresses: scope.addresses, ids: [...literal, ...spelled].map(idKey), values: scope.values.filter((value) => isUnknown(value)), exact: scope.exact, ...(later === undefined ? {} : { later }) };
}

/** The namespace of an event hub's authorization rule (an ID key). */
const EVENT_HUB_RULE = /^(.*\/providers\/microsoft\.eventhub\/namespaces\/[^/]+)\/authorizationrules\/[^/]+$/;

/**
 * The event hub namespace and hub a log export of the construct sends to (queued, closing note 29): the rule it is given names
 * the namespace, whose deletion (or the hub's, or a change of its retention or capture) loses the logs on their way. The hub is
 * the setting's eventhub_name; without a literal one (Azure then makes one per category), any hub of the namespace.
 */
function eventHubObjects(server: ServerView, owner: string, stack: StackFacts | undefined): PerimeterObject[] {
  return server.diagnosticSettings.filter((setting) => madeBy(setting, owner)).flatMap((setting): PerimeterObject[] => {
    const pointer = setting.config.eventhub_authorization_rule_id;
    const rule = pointerObject('logs', '', pointer, stack);
    const namespaces = (rule?.ids ?? []).flatMap((id) => EVENT_HUB_RULE.exec(id)?.[1] ?? []);
    if (namespaces.length === 0) {
      // A rule given by a value known only at apply time: its namespace's hubs may be any (the rule itself is a judged scope's).
      const later = rule?.addresses.length === 0 ? laterObject('eventHub', pointer, stack) : undefined;
      return later === undefined ? [] : [{ kind: 'logs', what: `an event hub of the rule ${String(pointer)} (where ${setting.address} sends the server's logs)`, addresses: [], ids: [], values: [], later }];
    }
    const hub = typeof setting.config.eventhub_name === 'string' && !isUnknown(setting.config.eventhub_name) ? nameKey(setting.config.eventhub_name) : ONE_SEGMENT;
    const where = `(where ${setting.address} sends the server's logs)`;
    return [
      { kind: 'logs', what: `the event hub namespace of ${JSON.stringify(String(setting.config.eventhub_authorization_rule_id))} ${where}`, addresses: [], ids: namespaces, values: [], exact: true },
      { kind: 'logs', what: `the event hub ${hub === ONE_SEGMENT ? '(any, no eventhub_name)' : JSON.stringify(hub)} of that namespace ${where}`, addresses: [], ids: namespaces.map((namespace) => `${namespace}/eventhubs/${hub}`), values: [] },
    ];
  });
}

/** The subnet and DNS zones the construct's private endpoint is given. */
function endpointObjects(server: ServerView, owner: string, stack: StackFacts | undefined): PerimeterObject[] {
  return server.privateEndpoints.filter((endpoint) => madeBy(endpoint, owner)).flatMap((endpoint) => {
    const groups = endpoint.config.private_dns_zone_group;
    const zones = (Array.isArray(groups) ? groups : [groups]).flatMap((group) => {
      const ids = typeof group === 'object' && group !== null && !isUnknown(group) ? (group as { readonly [key: string]: unknown }).private_dns_zone_ids : undefined;
      return Array.isArray(ids) ? ids : ids === undefined ? [] : [ids];
    });
    return [
      pointerObject('network', `the subnet of ${endpoint.address} (the server's private endpoint)`, endpoint.config.subnet_id, stack, 'subnet'),
      ...zones.map((zone) => pointerObject('dns', `the private DNS zone ${JSON.stringify(String(zone))} of ${endpoint.address} (the server's private endpoint)`, zone, stack, 'privateLinkZone')),
    ].filter((each): each is PerimeterObject => each !== undefined);
  });
}

/**
 * The network security groups of the server's delegated subnet that no block of the stack is (given by ID: `vnetIntegration`'s
 * networkSecurityGroupResourceId, a group the stack associates with a given subnet): the stack's own groups are judged scopes.
 */
function givenGroupObjects(server: ServerView, stack: StackFacts | undefined): PerimeterObject[] {
  const associations = [...server.delegatedSubnet?.associations ?? [], ...givenSubnetAssociations(server, stack)];
  return associations.filter((association) => association.securityGroup === undefined).flatMap((association) => {
    const pointer = association.config.network_security_group_id;
    const object = pointerObject('network', `the network security group ${typeof pointer === 'string' ? JSON.stringify(pointer) : String(pointer)} of the server's delegated subnet (${association.address})`, pointer, stack, 'securityGroup');
    return object === undefined ? [] : [object];
  });
}

/** The user-assigned identities the server acts as (its identity block, its customer-managed keys'). */
function identityObjects(server: ServerView, stack: StackFacts | undefined): PerimeterObject[] {
  return identityPointers(server).flatMap((pointer) => {
    const object = pointerObject('identity', `the managed identity ${typeof pointer === 'string' ? JSON.stringify(pointer) : String(pointer)} the server acts as`, pointer, stack, 'identity');
    return object === undefined ? [] : [object];
  });
}

/** The attributes of a Key Vault key block that are its ARM ID (a role's scope); `id` and `versionless_id` are data-plane URLs. */
const KEY_ARM_IDS = ['resource_id', 'resource_versionless_id'];
/**
 * The key blocks (and lookups) a customer-managed key's pointer may read: a Key Vault key, or a Managed HSM key (its `id` the
 * versionless URL, `versioned_id` the versioned one; azurerm 4.55 takes either for a Flexible Server).
 */
const KEY_REFERENCE = /^((?:data\.)?azurerm_key_vault_key\.[^.[\]]+)\.(?:id|versionless_id|resource_id|resource_versionless_id)$|^((?:data\.)?azurerm_key_vault_managed_hardware_security_module_key\.[^.[\]]+)\.(?:id|versioned_id)$/;
/** The key block (or lookup) a reference reads, or undefined. */
function keyAddress(reference: string): string | undefined {
  const found = KEY_REFERENCE.exec(reference);
  return found?.[1] ?? found?.[2];
}
/** Per kind of key block, its container's pointer, ARM type (a key), the container's noun (for messages) and the key's ARM ID attributes. */
const CONTAINERS = {
  vault: { pointer: 'key_vault_id', type: 'microsoft.keyvault/vaults', noun: 'Key Vault', attributes: KEY_ARM_IDS },
  managedhsm: { pointer: 'managed_hsm_id', type: 'microsoft.keyvault/managedhsms', noun: 'Managed HSM', attributes: [] as string[] },
} as const;
/** Any attribute of a key or vault block (or lookup) of the stack, by a reference that may index an instance (`count`, `for_each`). */
const KEY_BLOCK_ATTRIBUTE = new RegExp(String.raw`^((?:data\.)?azurerm_key_vault(?:_managed_hardware_security_module)?_key\.[^.[\]]+)(?:${INSTANCE_KEY})?\.`);
const VAULT_BLOCK_ATTRIBUTE = new RegExp(String.raw`^((?:data\.)?azurerm_key_vault\.[^.[\]]+)(?:${INSTANCE_KEY})?\.`);

/**
 * The customer-managed keys of the server and their vaults (queued, closing note 29): whoever disables, deletes or rotates the
 * key, deletes its vault or rewrites its access, makes the server unavailable or changes its encryption. A key of the stack (or a
 * lookup) is named by its block and the vault its key_vault_id gives; a key given by its URL names its vault by name only (its
 * group and subscription unknown: a role on the vault or the key fails, one on a group is not matched, which would be any group).
 * A key given by a variable may be any key of any vault, as the other objects given by a pointer known only at apply time are.
 */
export function keyObjects(server: ServerView, stack: StackFacts | undefined): PerimeterObject[] {
  const blocks = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
  const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null && !isUnknown(value) ? (value as { readonly [key: string]: unknown })[key] : undefined);
  // A Flexible Server's customer_managed_key block; a Single Server's azurerm_postgresql_server_key children.
  const pointers = [...blocks(server.config.customer_managed_key).flatMap((key) => [field(key, 'key_vault_key_id'), field(key, 'geo_backup_key_vault_key_id')]),
    ...server.serverKeys.map((key) => key.config.key_vault_key_id)];
  return pointers.filter((pointer) => pointer !== undefined && pointer !== null).flatMap((pointer): PerimeterObject[] => {
    const what = `the customer-managed key ${typeof pointer === 'string' ? JSON.stringify(pointer) : String(pointer)} of the server`;
    if (!isUnknown(pointer)) return urlKeyObjects(pointer, what, stack);
    const address = pointer.isPlainReference ? keyAddress(pointer.references[0]) ?? madeAzapiKey(pointer.references[0], stack) : undefined;
    const key = address === undefined ? undefined : stack?.resources?.get(address) ?? stack?.lookups?.get(address);
    if (address !== undefined && key !== undefined) return keyBlockObjects(address, key, what, stack);
    // Given by a value known only at apply time (a variable): any key of any vault or Managed HSM may be it, as for the other given
    // objects (A17b-8); an expression over the stack's keys or vaults (trimspace, replace, a conditional, an instance of a `count`)
    // reaches each (A25a-4).
    // A URL whose vault is literal and whose key is known only later names a key of that vault (80th run, A80b-4).
    if (laterKeyUrl(pointer) !== undefined) return [...urlKeyObjects(pointer, what, stack), ...referencedKeyObjects(pointer, what, stack)];
    return [...anyKeyObjects(what, (kind) => laterObject(kind, pointer, stack), stack), ...referencedKeyObjects(pointer, what, stack)];
  });
}

/**
 * A key that may be any key of any vault or Managed HSM (`later`, per kind of container); a key lookup may read it, by its ARM ID
 * attributes (given-objects.ts reads a lookup's `id`, a key's data-plane URL).
 */
function anyKeyObjects(what: string, later: (kind: GivenKind) => LaterObject | undefined, stack: StackFacts | undefined): PerimeterObject[] {
  return (['customerManagedKey', 'customerManagedHsmKey'] as const).flatMap((kind): PerimeterObject[] => {
    const object = later(kind);
    const lookups = [...stack?.lookups?.values() ?? []].filter((lookup) => GIVEN_TYPES[kind].lookups.includes(lookup.type)).map((lookup) => lookup.address);
    return object === undefined ? [] : [{ kind: 'key', what, addresses: lookups, attributes: KEY_ARM_IDS, ids: [], values: [], later: object }];
  });
}

/** A key block (or lookup) of the stack, and the vault or Managed HSM its container pointer gives. */
function keyBlockObjects(address: string, key: ResourceView, what: string, stack: StackFacts | undefined): PerimeterObject[] {
  const container = CONTAINERS[keyService(key) ?? (key.type.endsWith('_managed_hardware_security_module_key') ? 'managedhsm' : 'vault')];
  const vault = pointerObject('key', `the ${container.noun} of ${what}`, containerPointer(key), stack);
  const written = key.type === 'azapi_resource' ? azapiName(key) : key.config.name;
  const name = typeof written === 'string' ? nameKey(written) : undefined;
  const keyIds = name === undefined ? [] : (vault?.ids ?? []).map((id) => `${id}/keys/${name}`);
  // A vault given by an expression: the key is that expression's path to it.
  const keyValues = typeof written !== 'string' ? [] : (vault?.values ?? []).filter(isUnknown).map((value) => keyIn(value, written));
  // The containers the stack makes that the pointer reads (an instance of one, a lookup of one by name) are that container too.
  const made = madeContainersOf(containerPointer(key), stack).map((container) => container.address);
  const lookedUpLater = container === CONTAINERS.vault ? laterObject('keyVault', containerPointer(key), stack) : undefined;
  return [
    ...(vault === undefined ? [] : [{ ...vault, addresses: [...new Set([...vault.addresses, ...vault.addresses.flatMap((each) => lookupsAlike(each, stack)), ...made])], exact: true,
      ...(lookedUpLater === undefined ? {} : { lookedUpLater }) }]),
    // An azapi key's `id` is its ARM ID; an azurerm key's is its URL.
    { kind: 'key', what, addresses: [address, ...lookupsAlike(address, stack)], attributes: key.type === 'azapi_resource' ? ['id'] : container.attributes, ids: keyIds, values: keyValues },
  ];
}

/** Arguments of a lookup that do not choose what it finds (its provider, count and for_each do). */
const NOT_FINDING = ['depends_on', 'lifecycle', 'timeouts', '//'];

/**
 * The other lookups of the stack of a lookup's type written alike (the same arguments, as written): they find the same object
 * (77th run, A77b-4/5: a second lookup of the customer-managed key's vault, or of the key, by the same variables). A resource is
 * its own object: none.
 */
function lookupsAlike(address: string, stack: StackFacts | undefined): string[] {
  const lookup = address.startsWith('data.') ? stack?.lookups?.get(address) : undefined;
  if (lookup === undefined) return [];
  const written = (block: ResourceView) => JSON.stringify(Object.entries(block.config).filter(([argument]) => !NOT_FINDING.includes(argument)).sort(([a], [b]) => a.localeCompare(b)));
  const own = written(lookup);
  return [...stack?.lookups?.values() ?? []].filter((other) => other.type === lookup.type && other.address !== address && written(other) === own).map((other) => other.address);
}

/**
 * A key given by a literal URL (key-vault-url.ts, the grammar the props accept: A25a-3): its vault or Managed HSM by name in any
 * group, the key by name in it. A URL outside the grammar (another port, a query, an encoded character, another host) may be any
 * key of any vault or Managed HSM: it fails closed where a block may weaken one.
 */
function urlKeyObjects(pointer: unknown, what: string, stack: StackFacts | undefined): PerimeterObject[] {
  const url = typeof pointer === 'string' ? parseKeyUrl(pointer) : isUnknown(pointer) ? laterKeyUrl(pointer) : undefined;
  if (url === undefined) return anyKeyObjects(`${what} (not read as a key URL: it may be any key)`, anyGivenObject, stack);
  const container = CONTAINERS[url.service];
  const vault = `subscriptions/?/resourcegroups/?/providers/${container.type}/${url.vault}`;
  return [
    { kind: 'key', what: `the ${container.noun} ${JSON.stringify(url.vault)} of ${what}`, addresses: [], ids: [vault], values: [], exact: true, byName: true },
    // A key whose name is known only later is any key below the vault (an ID with "?" for its name would let any scope's names in).
    { kind: 'key', what, addresses: [], ids: [url.key === '?' ? vault : `${vault}/keys/${url.key}`], values: [], byName: true },
  ];
}

/**
 * A key URL with parts known only later, read by the props' grammar ("?" for an interpolation), when its vault or Managed HSM is
 * literal (names are global DNS labels); a key name with a part known only later is any key there ("?").
 */
function laterKeyUrl(pointer: Unknown): KeyUrl | undefined {
  const url = parseKeyUrl(splitTemplate(pointer.spelling, '?').literal, '?');
  return url === undefined || url.vault.includes('?') ? undefined : { ...url, key: url.key.includes('?') ? '?' : url.key };
}

/** Which service a made container or key is of, by its type: the azurerm blocks, and an azapi_resource's Azure type. */
type Service = keyof typeof CONTAINERS;
const MADE_CONTAINERS: { readonly [type: string]: Service } = {
  azurerm_key_vault: 'vault',
  azurerm_key_vault_managed_hardware_security_module: 'managedhsm',
  'microsoft.keyvault/vaults': 'vault',
  'microsoft.keyvault/managedhsms': 'managedhsm',
};
const MADE_KEYS: { readonly [type: string]: Service } = {
  azurerm_key_vault_key: 'vault',
  azurerm_key_vault_managed_hardware_security_module_key: 'managedhsm',
  'microsoft.keyvault/vaults/keys': 'vault',
  'microsoft.keyvault/managedhsms/keys': 'managedhsm',
};
/** The lookups of a container (by its name: a vault's and a Managed HSM's names are global, their DNS labels) and of a key in one. */
const LOOKED_UP_CONTAINERS: { readonly [type: string]: Service } = { azurerm_key_vault: 'vault', azurerm_key_vault_managed_hardware_security_module: 'managedhsm' };
const LOOKED_UP_KEYS: { readonly [type: string]: Service } = { azurerm_key_vault_key: 'vault', azurerm_key_vault_managed_hardware_security_module_key: 'managedhsm' };

/** A block's type as the tables above key it: an azurerm type, or an azapi_resource's Azure type (an update or action makes nothing). */
function madeType(block: ResourceView): string {
  return block.type === 'azapi_resource' ? azapiType(block) ?? '' : block.type.startsWith('azapi_') ? '' : block.type;
}
/** The service of a container the stack makes (an azurerm vault or Managed HSM, or an azapi_resource of its type), or undefined. */
export function containerService(block: ResourceView): Service | undefined {
  return ownValue(MADE_CONTAINERS, madeType(block));
}
/** The service of a key the stack makes (azurerm, or an azapi_resource of Microsoft.KeyVault/vaults/keys or managedHSMs/keys), or undefined. */
export function keyService(block: ResourceView): Service | undefined {
  return ownValue(MADE_KEYS, madeType(block));
}
/** The pointer of a made key at its container: key_vault_id, managed_hsm_id, an azapi key's parent_id. */
function containerPointer(key: ResourceView): unknown {
  return key.type === 'azapi_resource' ? key.config.parent_id : key.config[CONTAINERS[keyService(key) ?? 'vault'].pointer];
}
/** A made block's literal name (an azapi block's `name`, or its resource_id's last segment), as compared; undefined when not literal. */
function madeName(block: ResourceView): string | undefined {
  const name = block.type === 'azapi_resource' ? azapiName(block) : block.config.name;
  return typeof name === 'string' ? nameKey(name) : undefined;
}
/** The azapi key (made, or a data.azapi_resource lookup) a reference reads (any attribute: `id`, `output.properties.keyUriWithVersion`), or undefined. */
function madeAzapiKey(reference: string, stack: StackFacts | undefined): string | undefined {
  const address = blockOf(reference);
  if (address === undefined) return undefined;
  const block = address.startsWith('azapi_resource.') ? stack?.resources?.get(address) : address.startsWith('data.azapi_resource.') ? stack?.lookups?.get(address) : undefined;
  // One whose type is known only at apply time may be a key (PG-ENC-1 fails it closed).
  return block !== undefined && (azapiType(block) === undefined || ownValue(MADE_KEYS, azapiType(block)!) !== undefined) ? address : undefined;
}

/** What a lookup looks up, a container (`containers`) or a key, of which service: an azurerm lookup by its type, a data.azapi_resource by its Azure type. */
function lookedUp(lookup: ResourceView, containers: boolean): Service | undefined {
  if (lookup.type === 'azapi_resource') return ownValue(containers ? MADE_CONTAINERS : MADE_KEYS, azapiType(lookup) ?? '');
  return ownValue(containers ? LOOKED_UP_CONTAINERS : LOOKED_UP_KEYS, lookup.type);
}

/** The containers the stack makes of a service and a name. */
function madeContainersNamed(service: Service, name: string, stack: StackFacts | undefined): ResourceView[] {
  return [...stack?.resources?.values() ?? []].filter((block) => containerService(block) === service && madeName(block) === name);
}

/**
 * The containers the stack makes that an address is: the block itself, or the ones a lookup of a vault or Managed HSM names by
 * its literal name (the name is global: a lookup of it in any group is that container).
 */
function madeContainersAt(address: string, stack: StackFacts | undefined, seen: ReadonlySet<string> = new Set()): ResourceView[] {
  const block = stack?.resources?.get(address);
  if (block !== undefined) return containerService(block) === undefined ? [] : [block];
  const lookup = address.startsWith('data.') && !seen.has(address) ? stack?.lookups?.get(address) : undefined;
  const service = lookup === undefined ? undefined : lookedUp(lookup, true);
  if (lookup === undefined || service === undefined) return [];
  const name = madeName(lookup);
  // A data.azapi_resource may name the container by its resource_id: a reference to it, or its literal ID.
  const byId = lookup.type === 'azapi_resource' ? madeContainersOf(lookup.config.resource_id, stack, new Set([...seen, address])) : [];
  return [...(name === undefined ? [] : madeContainersNamed(service, name, stack)), ...byId.filter((container) => containerService(container) === service)];
}

/** A container's ID (an ID key) and, below it, a key's: the service, the container's name, the key's. */
const CONTAINER_ID = /(?:^|\/)providers\/microsoft\.keyvault\/(vaults|managedhsms)\/([^/]+)(?:\/keys\/([^/]+))?$/;
const SERVICE_OF: { readonly [segment: string]: Service } = { vaults: 'vault', managedhsms: 'managedhsm' };

/** The containers the stack makes that a pointer reads (a reference to one, or to a lookup of one) or names (a literal ID). */
function madeContainersOf(pointer: unknown, stack: StackFacts | undefined, seen: ReadonlySet<string> = new Set()): ResourceView[] {
  if (isUnknown(pointer)) return pointer.references.flatMap((reference) => (readsAttribute(reference, blockOf(reference) ?? '', ['id']) ? madeContainersAt(blockOf(reference)!, stack, seen) : []));
  const names = typeof pointer === 'string' ? CONTAINER_ID.exec(idKey(pointer)) : null;
  return names === null || names[3] !== undefined ? [] : madeContainersNamed(SERVICE_OF[names[1]], names[2], stack);
}

/** The keys the stack makes in one of these containers (by its container pointer), of a name or of any name. */
function madeKeysIn(containers: readonly ResourceView[], name: string | undefined, stack: StackFacts | undefined): ResourceView[] {
  if (containers.length === 0) return [];
  return [...stack?.resources?.values() ?? []].filter((block) => keyService(block) !== undefined && (name === undefined || madeName(block) === name)
    && madeContainersOf(containerPointer(block), stack).some((container) => containers.includes(container) && containerService(container) === keyService(block)));
}

/** The container, or the key in one, the stack makes that an ID (an ID key) names by the container's name and the key's. */
export function madeKeyBlocksAt(id: string, stack: StackFacts | undefined): ResourceView[] {
  const names = CONTAINER_ID.exec(id);
  const containers = names === null ? [] : madeContainersNamed(SERVICE_OF[names[1]], names[2], stack);
  return names === null || names[3] === undefined ? containers : madeKeysIn(containers, names[3], stack);
}

/**
 * The key and container blocks of the stack a customer-managed key names by their names, not by a reference (A25a-4; the
 * thirty-sixth stop): an ID or URL of a vault or Managed HSM the stack makes (azurerm or azapi) and of a key in it, a lookup of
 * such a container by name, a key lookup by name in one. They are those objects: PG-ENC-1 judges them.
 */
export function keyBlocksByName(objects: readonly PerimeterObject[], stack: StackFacts | undefined): ResourceView[] {
  // A key the stack makes is in the container it makes, judged with it.
  const withContainers = (blocks: readonly ResourceView[]) => blocks.flatMap((block) => (keyService(block) === undefined ? [block] : [block, ...madeContainersOf(containerPointer(block), stack)]));
  return withContainers(objects.filter((object) => object.later === undefined).flatMap((object) => [
    ...object.ids.flatMap((id) => madeKeyBlocksAt(id, stack)),
    ...object.addresses.flatMap((address) => {
      const lookup = address.startsWith('data.') ? stack?.lookups?.get(address) : undefined;
      if (lookup === undefined || lookedUp(lookup, false) === undefined) return madeContainersAt(address, stack);
      return madeKeysLookedUp(lookup, stack);
    }),
  ]));
}

/**
 * The keys the stack makes that a key lookup names: by its name in a container its pointer reads or names (key_vault_id,
 * managed_hsm_id, a data.azapi_resource's parent_id), or a data.azapi_resource's resource_id (a reference to the key, its literal ID).
 */
function madeKeysLookedUp(lookup: ResourceView, stack: StackFacts | undefined): ResourceView[] {
  const name = madeName(lookup);
  const byName = name === undefined ? [] : madeKeysIn(madeContainersOf(containerPointer(lookup), stack), name, stack);
  const id = lookup.type === 'azapi_resource' ? lookup.config.resource_id : undefined;
  const byId = isUnknown(id) ? id.references.flatMap((reference) => {
    const block = stack?.resources?.get(blockOf(reference) ?? '');
    return block !== undefined && keyService(block) !== undefined && readsAttribute(reference, block.address, ['id']) ? [block] : [];
  }) : typeof id === 'string' ? madeKeyBlocksAt(idKey(id), stack) : [];
  return [...byName, ...byId].filter((key) => keyService(key) === lookedUp(lookup, false));
}

/**
 * The keys and vaults of the stack an expression reads (A25a-4): a key it reads by any attribute (an azurerm key or lookup, an
 * azapi key's output), and the container it reads (made, or looked up by name) with the stack's keys in it (only those of the
 * name the expression's literal end spells, "${azurerm_key_vault.kv.vault_uri}keys/cmk").
 */
function referencedKeyObjects(pointer: Unknown, what: string, stack: StackFacts | undefined): PerimeterObject[] {
  const find = (address: string) => stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  const keys = new Set(pointer.references.flatMap((reference) => KEY_BLOCK_ATTRIBUTE.exec(reference)?.[1] ?? madeAzapiKey(reference, stack) ?? []));
  const containerAddress = (reference: string): string[] => {
    const address = VAULT_BLOCK_ATTRIBUTE.exec(reference)?.[1] ?? blockOf(reference);
    const block = address === undefined ? undefined : find(address);
    if (block === undefined || address === undefined) return [];
    return (address.startsWith('data.') ? lookedUp(block, true) : containerService(block)) === undefined ? [] : [address];
  };
  const vaults = [...new Set(pointer.references.flatMap(containerAddress))];
  const named = /keys\/([a-z0-9-]+)(?:\/[0-9a-f]{32})?\/?\s*$/i.exec(pointer.toString())?.[1];
  for (const block of madeKeysIn(vaults.flatMap((address) => madeContainersAt(address, stack)), named === undefined ? undefined : nameKey(named), stack)) keys.add(block.address);
  return [
    ...vaults.map((address): PerimeterObject => ({ kind: 'key', what: `the ${CONTAINERS[(address.startsWith('data.') ? lookedUp(find(address)!, true) : containerService(find(address)!)) ?? 'vault'].noun} ${address} of ${what}`, addresses: [address], ids: [], values: [], exact: true })),
    ...[...keys].flatMap((address) => {
      const key = find(address);
      return key === undefined ? [] : keyBlockObjects(address, key, what, stack);
    }),
  ];
}

/**
 * The objects of the perimeter of a construct's server judged here: where its logs go (the destinations of the log export it
 * makes), the network and DNS zones around it (what it makes, is given or hangs on what it is given; judged-scopes.ts), the
 * subnet and zones its private endpoint is given, the identities it acts as.
 */
export function perimeterObjects(server: ServerView, owner: string, stack: StackFacts | undefined): readonly PerimeterObject[] {
  const judged = judgedScopes(server, owner, stack).flatMap((scope) => {
    const kind = ownValue(FROM_JUDGED, scope.kind);
    if (kind === undefined || scope.blocks.some((block) => NOT_HERE.includes(block.type))) return [];
    return [fromJudged(kind, scope, stack)];
  });
  return [...judged, ...givenGroupObjects(server, stack), ...endpointObjects(server, owner, stack), ...identityObjects(server, stack), ...eventHubObjects(server, owner, stack), ...keyObjects(server, stack)];
}

/** A segment known only at apply time that is one segment (a subscription the model does not know), in a scope or an object. */
const ONE_SEGMENT = '?';
/** What no scope spells. */
const NO_NAME = '\u0000';

/**
 * An object's ID key made concrete for one scope: each segment known only at apply time ("?", a subscription the model does
 * not know) is one segment, so it is each literal segment of the scope in turn (it may be that one) or a name no scope spells.
 * Matched against a concrete ID, the scope's interpolations ("*", any text) cannot line up with a wildcard of the object's.
 */
function concreteIds(id: string, scope: string): string[] {
  const candidates = [NO_NAME, ...new Set(scope.split('/').filter((segment) => segment !== '' && segment !== ONE_SEGMENT && !segment.includes('*')))];
  return id.split('/').reduce<string[]>((heads, segment) => heads.flatMap((head) => (segment === ONE_SEGMENT ? candidates : [segment])
    .map((each) => (head === '' ? each : `${head}/${each}`))), ['']);
}

const MANAGEMENT_GROUP = /^providers\/microsoft\.management\/managementgroups\/[^/]+$/;

/**
 * How a scope reaches an object, for a message ("is", "holds"), or undefined: a reference to its block, the expression it was
 * given by, its ID or one below it, or a scope above it (a resource group, a subscription, a management group, the root:
 * RBAC inherits down), by any of its readings (expression-readings.ts). A scope wholly known only at apply time is judged where the
 * server's rules judge it, not here: failing it on every object would refuse every grant on a variable scope.
 */
export function reachOf(object: PerimeterObject, scope: unknown, stack: StackFacts | undefined, depth = 0): 'is' | 'holds' | undefined {
  // Pointers followed further than any stack chains them (or in a cycle) may be anything (75th run, A75b-3).
  if (depth >= MAX_POINTER_DEPTH) return 'is';
  // A list or object (what an echoed list gives back: `one(random_shuffle.s.result)`) reaches what any of its items reaches (76th run, A76b-2).
  if (Array.isArray(scope) || (typeof scope === 'object' && scope !== null && !isUnknown(scope))) {
    const reaches = Object.values(scope as object).map((item) => reachOf(object, item, stack, depth + 1));
    return reaches.includes('is') ? 'is' : reaches.includes('holds') ? 'holds' : undefined;
  }
  if (isUnknown(scope)) {
    if (mayBeGiven(object, scope, stack)) return 'is';
    // Another block's pointer argument the JSON's rewrite left (a counted block's, one given by an expression, a block read whole:
    // `(association).subnet_id`, `lookup(key, "key_vault_id")`) is what it was given; a block that ignores changes may hold any (A74b-3/4).
    const element = ELEMENT_OF.exec(scope.expression);
    for (const reference of scope.references) {
      const through = pointerGiven(reference, stack);
      if (through === ANY_OBJECT) return 'is';
      // element's literal index into what the pointer gives back picks that item, the index wrapping as element's does (77th run, A77b-6).
      const picked = element?.[1] === reference ? (through ?? []).map((value) => (Array.isArray(value) && value.length > 0 ? value[Number(element[2]) % value.length] as unknown : value)) : through;
      const reaches = (picked ?? []).map((value) => reachOf(object, value, stack, depth + 1));
      const reach = reaches.includes('is') ? 'is' : reaches.includes('holds') ? 'holds' : undefined;
      if (reach !== undefined) return reach;
    }
  }
  // A reference to its ID anywhere in the expression (a conditional's branch, concat, lower: A18a-6) may make the scope it.
  if (isUnknown(scope) && scope.references.some((reference) => object.addresses.some((address) => readsAttribute(reference, address, object.attributes ?? ['id']) && reference !== address))) return 'is';
  // The expression the construct was given, or a path below it ("${var.workspace_id}/tables/AzureDiagnostics").
  const written = isUnknown(scope) ? scope.toString().trim() : undefined;
  if (written !== undefined && object.values.some((value) => isUnknown(value) && (written === value.toString().trim() || (object.exact !== true && written.startsWith(`${value.toString().trim()}/`))))) return 'is';
  // A lookup of the type of an object given by a pointer known only at apply time may be it, its names known or not (A17b-8).
  if (object.later !== undefined && mayBeLater(object.later, scope, stack)) return 'is';
  if (object.lookedUpLater !== undefined && isUnknown(scope) && lookedUpByLaterNames(scope, stack) && mayBeLater(object.lookedUpLater, scope, stack)) return 'is';
  // A resource the stack creates (its resource group, its VNet) holds no object given before it, by a variable; one it imports may (A19b-3).
  // But a vault or Managed HSM it makes may hold a key given by a variable, as it may be a vault given so: its ID is spelled from
  // names a variable can carry, and a key made in it between applies may be given (79th run, A79b-1).
  const made = isUnknown(scope) && scope.isPlainReference && MADE_ID.test(scope.references[0]) && stackCreates(scope.references[0].replace(/\.id$/, ''), stack)
    && !(object.kind === 'key' && ownValue(MADE_CONTAINERS, scope.references[0].split('.')[0]) !== undefined);
  const reaches = (expressionReadings(scope, stack) ?? []).map((text) => textReach(made ? { ...object, later: undefined } : object, text, typeof scope === 'string'));
  return reaches.includes('is') ? 'is' : reaches.includes('holds') ? 'holds' : undefined;
}

/**
 * Whether a scope that reads an expression the object was given may be it: what the scope may spell, the references of the
 * object's expressions marked, is what those expressions spell as an ID (`${var.vault}` and a choice holding it, `format("%s/keys/k",
 * var.vault)` for `${var.vault}/keys/k`, with blanks, case, "." or ".." segments or a trailing "/" read as ARM reads an ID: 76th and
 * 77th runs, A76b-1, A77b-2/3/7), or below it unless the object is exact; or a function of such a reference (the same variable or
 * local, any index or attribute of it) with no literal text around (`substr(var.key_vault_id, 0, n)`, `element(var.ids, 0)` for
 * `var.ids[0]`: A74b-2, A77b-1).
 */
function mayBeGiven(object: PerimeterObject, scope: Unknown, stack: StackFacts | undefined): boolean {
  const given = object.values.filter(isUnknown);
  if (given.length === 0) return false;
  const marked = new Set(given.flatMap((value) => value.references));
  const spelled = (value: Unknown) => (expressionReadings(value, stack, marked) ?? []).filter((text) => text.includes(MARKED) && !text.includes(ANYTHING)).map(resolvedKey);
  const own = given.flatMap(spelled);
  const texts = own.length === 0 ? [] : spelled(scope);
  if (texts.some((text) => own.some((id) => text === id || (object.exact !== true && text.startsWith(`${id}/`))))) return true;
  const roots = new Set([...marked].map(rootOf));
  return scope.references.some((reference) => roots.has(rootOf(reference))) && (expressionReadings(scope, stack) ?? []).some((text) => text.replace(/[*\s]/g, '') === '');
}

/** An ID's key (azure-keys.ts) with its ".." segments climbed, as ARM resolves a path. */
function resolvedKey(text: string): string {
  return idSegments(text).reduce<string[]>((segments, segment) => (segment === '..' ? segments.slice(0, -1) : [...segments, segment]), []).join('/');
}

/** The variable, local or block a reference reads (`var.ids` of `var.ids[0]`, `local.m` of `local.m.a`). */
function rootOf(reference: string): string {
  return /^(?:data\.)?[^.[\s]+\.[^.[\s]+/.exec(reference)?.[0] ?? reference;
}

/** `element(<one reference>, <literal index>)`: group 1 the reference, 2 the index. */
const ELEMENT_OF = /^\s*element\(\s*([^\s(),]+)\s*,\s*(\d+)\s*\)\s*$/;

/** How many pointers of other blocks a scope is followed through. */
const MAX_POINTER_DEPTH = 5;
/** What a pointer that may point at anything reads as. */
const ANY_OBJECT = Symbol('any object');
/** A reference to a block (a lookup's too) by its address, an instance key, then what it reads after it ('' for the block whole). */
const BLOCK_READ = new RegExp(String.raw`^((?:data\.)?[a-z][a-z0-9_]*\.[^.[\]]+)(?:${INSTANCE_KEY}|\[\s*\*\s*\])?(?:\.([a-z][a-z0-9_]*))?`);

/**
 * What a reference to a block of the stack points at, when it reads the block whole (any of its arguments: any object), by an
 * ID argument it writes (what it was given; any object when the block ignores changes to it, as it may hold what it was imported
 * from), or by an attribute that gives back what it was written (terraform_data's `output`, random_shuffle's `result`: 75th run,
 * A75b-2; any object when that cannot be read); undefined for anything else.
 */
function pointerGiven(reference: string, stack: StackFacts | undefined): readonly unknown[] | typeof ANY_OBJECT | undefined {
  const [, address, attribute] = BLOCK_READ.exec(reference) ?? [];
  const block = address === undefined ? undefined : stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  if (block === undefined || block.type.startsWith('azuread_')) return undefined;
  if (attribute === undefined) return ANY_OBJECT;
  // An item of a list lookup may be any object it lists (83rd run, A83b-1); an azapi lookup of one object reads as it (A84b-2).
  const listed = listedObjects(block, attribute, stack) ?? azapiLookupObjects(block, attribute, stack);
  if (listed !== undefined) return listed === 'any' ? ANY_OBJECT : listed;
  // A key lookup's ARM ID is the key its vault pointer and name spell, whatever else spells them (80th run, A80b-1).
  const spelled = KEY_ARM_IDS.includes(attribute) ? lookedUpKeyId(block) : undefined;
  if (spelled !== undefined) return [spelled];
  // An alias's id is the argument it names (id-aliases.ts).
  const argument = attribute === 'id' ? aliasAttribute(address!.startsWith('data.') ? 'data.' : undefined, block.type) ?? attribute : attribute;
  if (POINTER_ARGUMENT.test(argument) && block.config[argument] !== undefined) return ignoresChanges(block.config, argument) ? ANY_OBJECT : [block.config[argument]];
  const echo = echoOf(reference, { stack });
  if (echo === undefined) return undefined;
  // What a block that ignores changes to the argument it gives back holds may be what it was imported with (76th run, A76b-3).
  return 'unreadable' in echo || ignoresChanges(block.config, echoedArgument(block.type, attribute)) ? ANY_OBJECT : echo.values;
}

/**
 * The ARM ID a Key Vault key lookup reads: its vault pointer with `/keys/<name>` after it (a literal, or a template of the pointer's
 * expression, as keyBlockObjects spells a key's), when its name is literal; undefined for anything else.
 */
function lookedUpKeyId(block: ResourceView): unknown {
  const { name, key_vault_id: vault } = block.config;
  if (block.type !== 'azurerm_key_vault_key' || !block.address.startsWith('data.') || typeof name !== 'string') return undefined;
  if (typeof vault === 'string') return `${vault.trim()}/keys/${name.trim()}`;
  return isUnknown(vault) ? keyIn(vault, name) : undefined;
}

/** The key `name` of a vault given by an expression, as that expression's path to it ("${var.vault}/keys/cmk"). */
function keyIn(vault: Unknown, name: string): Unknown {
  return new Unknown(`${vault.toString().trim()}/keys/${name.trim()}`, vault.references);
}

/** Whether a scope is a lookup's ID whose names are known only at apply time (no ID spelled from them). */
function lookedUpByLaterNames(scope: Unknown, stack: StackFacts | undefined): boolean {
  const address = scope.isPlainReference ? /^(data\.[a-z0-9_]+\.[^.[\]]+)\.id$/.exec(scope.references[0])?.[1] : undefined;
  const lookup = address === undefined ? undefined : stack?.lookups?.get(address);
  return lookup !== undefined && spelledBlockId(lookup, stack?.resources, stack?.azurermProviders) === undefined;
}

/** A reference to the ID of a resource of the stack (an azapi update or action's is no object it makes: stackCreates). */
const MADE_ID = /^[a-z0-9]+_[a-z0-9_]+\.[^.[\]]+\.id$/;

/** How one reading of a scope (expressionReadings) reaches an object. */
function textReach(object: PerimeterObject, text: string, literal: boolean): 'is' | 'holds' | undefined {
  // A function the reader does not know made it of literal text: it may be the object (fail closed, A18a-2).
  if (text.includes(ANYTHING)) return 'is';
  const key = idKey(text);
  if (!literal && key.replace(/[*/]/g, '') === '') return undefined;
  if (key === '' || MANAGEMENT_GROUP.test(key)) return 'holds';
  // The scope's interpolations ("*", a "?" it spells) may be any text, several segments too; the object's ID is concrete.
  // Both from the root ("/subscriptions/..."), unless the scope opens with an interpolation, which may hold the first "/".
  const spelled = key.split('/').map((segment) => (segment === ONE_SEGMENT ? '*' : segment)).join('/');
  const pattern = spelled.startsWith('*') ? spelled : `/${spelled}`;
  const ids = object.ids.flatMap((id) => concreteIds(id, key)).map((id) => `/${id}`);
  if (ids.some((id) => atOrBelow(pattern, id, object.exact === true))) return 'is';
  if (ids.some((id) => mayMatch(`${pattern}/*`, id))) return 'holds';
  return object.later === undefined ? undefined : laterReach(object.later, key);
}

/**
 * Whether a scope (a pattern) may be an ID (concrete) or, unless exact, below it: the scope may spell the ID, or a leading part
 * of it ending in a literal segment does (a part ending in an interpolation would make every path an extension below anything).
 */
function atOrBelow(scope: string, id: string, exact: boolean): boolean {
  const segments = scope.split('/');
  const ends = exact ? [segments.length] : segments.map((_segment, at) => at + 1).filter((end) => end === segments.length || !segments[end - 1].includes('*'));
  return ends.some((end) => mayMatch(segments.slice(0, end).join('/'), id));
}

/** A role grant on an object of the table (or a scope that holds it): a role with the kind's effect fails, one known only at apply time is unknown. */
function judgePerimeterGrant(grant: ResourceView, object: PerimeterObject, reach: 'is' | 'holds', scope: unknown, subjectOf: (role: string) => string, maybe = false): Verdict {
  const { config, address } = grant;
  // Reached only as an object of the type a pointer known only at apply time names (A17b-8): the message says so.
  const on = maybe ? `${JSON.stringify(String(scope))}, which may ${reach === 'is' ? 'be' : 'hold'} ${object.what}, known only at apply time`
    : reach === 'is' ? object.what : `${JSON.stringify(String(scope))}, which holds ${object.what}`;
  const { effect, why } = PERIMETER_KINDS[object.kind];
  const hidden = ['role_definition_name', 'role_definition_id'].find((attribute) => isUnknown(config[attribute]));
  if (hidden) return unknown(`the role of ${address} (${hidden}) is known only at apply time, and may be one that weakens ${on}, ${why}`, address);
  const name = typeof config.role_definition_name === 'string' ? config.role_definition_name.trim() : undefined;
  const id = typeof config.role_definition_id === 'string' ? config.role_definition_id.trim() : undefined;
  const role = roleWithEffect(effect, name, id);
  if (role === undefined) return PASS;
  return fail(`${address} grants ${role.name} on ${on}, ${why}, which ${role.can}, with no justification.`, address, subjectOf(role.name));
}

/**
 * A role grant judged on every object of the table its scope reaches (the objects it is first, then those it holds): the first
 * verdict that is not a pass, a pass when none weakens, or undefined when it reaches none.
 */
export function judgePerimeter(grant: ResourceView, objects: readonly PerimeterObject[], stack: StackFacts | undefined, subjectOf: (role: string) => string): Verdict | undefined {
  const scope = grant.config.scope;
  // An object known by its name only may be in any group: a group is not taken to hold it.
  const reached = (['is', 'holds'] as const).flatMap((reach) => objects.filter((object) => reachOf(object, scope, stack) === reach && !(reach === 'holds' && object.byName === true)).map((object) => ({ object, reach })));
  if (reached.length === 0) return undefined;
  const maybe = (object: PerimeterObject) => (object.later ?? object.lookedUpLater) !== undefined && reachOf({ ...object, later: undefined, lookedUpLater: undefined }, scope, stack) === undefined;
  return reached.map(({ object, reach }) => judgePerimeterGrant(grant, object, reach, scope, subjectOf, maybe(object))).find((verdict) => verdict.status !== 'pass') ?? PASS;
}

/** Writers of a federated identity credential of a user-assigned identity, and the arguments that name the identity (or the credential below it). */
const CREDENTIAL_POINTERS: { readonly [type: string]: readonly string[] } = {
  azurerm_federated_identity_credential: ['parent_id', 'user_assigned_identity_id'],
  azapi_resource: ['parent_id'],
  azapi_update_resource: ['resource_id', 'parent_id'],
  azapi_resource_action: ['resource_id'],
};
const FEDERATED_TYPE = 'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials';

/**
 * A federated identity credential the stack writes on an identity of the table (by any writer of the type): its holder, an
 * outside workload (a repository's pipeline), acts as the identity with every role it has (sixteenth run, A16b-14).
 */
export function identityCredentials(objects: readonly PerimeterObject[], stack: StackFacts | undefined): Verdict[] {
  const identities = objects.filter((object) => object.kind === 'identity');
  if (identities.length === 0) return [];
  return Object.entries(CREDENTIAL_POINTERS).flatMap(([type, pointers]) => resourcesOfType(stack, type).flatMap((block): Verdict[] => {
    if (type.startsWith('azapi_') && (!writes(block) || azapiType(block) !== FEDERATED_TYPE)) return [];
    const values = pointers.map((pointer) => block.config[pointer]).filter((value) => value !== undefined);
    const identity = identities.find((object) => values.some((value) => reachOf(object, value, stack) === 'is'));
    return identity === undefined ? [] : [fail(`${block.address} writes a federated identity credential on ${identity.what}: the outside workload it trusts acts as that identity, with every role the identity holds, with no justification.`, block.address)];
  }));
}
