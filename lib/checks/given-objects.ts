import { actionAsLookup, ANY_PART, azapiLookupObjects, exportedBodyPath } from './azapi-lookup-objects';
import { azapiType, mayReadByGet } from './azapi-writes';
import { listedObjects } from './listed-objects';
import { idKey, nameKey } from './azure-keys';
import { spelledBlockId } from './block-ids';
import { ANYTHING, expressionReadings, readsWhole } from './expression-readings';
import { evaluateTemplate, isUnknown, Unknown, Value } from './hcl-expression';
import { pairsReach } from './pair-search';
import { mayBeAnyName } from './public-name-shadows';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { withEchoes } from './sql-clients';
import { splitTemplate } from './value-readers';
import { literalPattern } from '../private/literal-pattern';

// An object a construct is given by a pointer known only at apply time (a variable, a template of one, a lookup by names known
// later) may be any object of its type: a writer or a role that names an object of that type by a literal ID, by literal names
// or by a lookup may name the given one (seventeenth review, A17b-7, A17b-8, A17b-9), as the workspace writers, the vault and
// the VNet already read it. One matcher for every reader that asks "is this the construct's given object": roles (PG-IAM-2,
// perimeter-objects.ts), subnet associations and azapi subnet writes (given-subnets.ts), records and links (given-zones.ts).
// A given object known by a literal ID (or a block of the stack) is matched by that ID where it is read; not here.

/** What a given object's type is: its ID path after "/providers/" ("?" for each name), the lookups that read one, a test of its own name. */
interface GivenType {
  readonly path: readonly string[];
  readonly lookups: readonly string[];
  /** Names Azure accepts for the object in that place (a VNet-integration zone ends in ".postgres.database.azure.com"). */
  readonly name?: NameRule;
}

/** A name Azure accepts: one that ends in a suffix, or one exact name (as keys). */
type NameRule = { readonly suffix: string } | { readonly exact: string };

/** One segment known only at apply time: any one name. */
export const ANY_NAME = '?';

/** The kinds of given object, by the attribute that gives them. */
export const GIVEN_TYPES = {
  subnet: { path: ['microsoft.network', 'virtualnetworks', ANY_NAME, 'subnets', ANY_NAME], lookups: ['azurerm_subnet'] },
  // The VNet vnetIntegration makes its subnet in: the subnet is the stack's, the VNet around it given (A25a-7).
  virtualNetwork: { path: ['microsoft.network', 'virtualnetworks', ANY_NAME], lookups: ['azurerm_virtual_network'] },
  // The vault a generated password is written to, given by ID (A25a-7).
  keyVault: { path: ['microsoft.keyvault', 'vaults', ANY_NAME], lookups: ['azurerm_key_vault'] },
  // Azure refuses a VNet-integration zone not named "<label>.postgres.database.azure.com".
  serverZone: { path: ['microsoft.network', 'privatednszones', ANY_NAME], lookups: ['azurerm_private_dns_zone'], name: { suffix: '.postgres.database.azure.com' } },
  // A private endpoint's zone answers for the server only when it is the Private Link zone (dns-zone-answers.ts).
  privateLinkZone: { path: ['microsoft.network', 'privatednszones', ANY_NAME], lookups: ['azurerm_private_dns_zone'], name: { exact: 'privatelink.postgres.database.azure.com' } },
  securityGroup: { path: ['microsoft.network', 'networksecuritygroups', ANY_NAME], lookups: ['azurerm_network_security_group'] },
  workspace: { path: ['microsoft.operationalinsights', 'workspaces', ANY_NAME], lookups: ['azurerm_log_analytics_workspace'] },
  storageAccount: { path: ['microsoft.storage', 'storageaccounts', ANY_NAME], lookups: ['azurerm_storage_account'] },
  eventHubRule: { path: ['microsoft.eventhub', 'namespaces', ANY_NAME, 'authorizationrules', ANY_NAME], lookups: ['azurerm_eventhub_namespace_authorization_rule'] },
  identity: { path: ['microsoft.managedidentity', 'userassignedidentities', ANY_NAME], lookups: ['azurerm_user_assigned_identity'] },
  // The hubs of an event hub rule given by a variable: any hub of any namespace may be where the logs go (perimeter-objects.ts).
  eventHub: { path: ['microsoft.eventhub', 'namespaces', ANY_NAME, 'eventhubs', ANY_NAME], lookups: ['azurerm_eventhub'] },
  // A customer-managed key given by a variable (its URL): any key of any vault may be it (perimeter-objects.ts, closing note 29).
  customerManagedKey: { path: ['microsoft.keyvault', 'vaults', ANY_NAME, 'keys', ANY_NAME], lookups: ['azurerm_key_vault_key'] },
  // Or any key of any Managed HSM: Azure takes a customer-managed key from either (azurerm 4.55 accepts an HSM key's URL).
  customerManagedHsmKey: { path: ['microsoft.keyvault', 'managedhsms', ANY_NAME, 'keys', ANY_NAME], lookups: ['azurerm_key_vault_managed_hardware_security_module_key'] },
} satisfies { readonly [kind: string]: GivenType };

export type GivenKind = keyof typeof GIVEN_TYPES;

/** A given object known only at apply time: its kind, and its ID as key segments, "?" for each segment not known. */
export interface LaterObject {
  /** Its type's lookups (none for a server). */
  readonly lookups: readonly string[];
  readonly segments: readonly string[];
  /** Names its type can bear, when Azure narrows them. */
  readonly name?: NameRule;
  /**
   * The pointer it was given by, when it reads a reference (`var.subnet_id`, `${var.vnet_id}/subnets/snet-db`): an expression
   * reading the same references that may spell the same text may be the object.
   */
  readonly given?: Unknown;
  /** True for a VNet: an ID below it is another subnet's, not the VNet (a given VNet's subnets are judged apart). */
  readonly exact?: boolean;
}

/** A reference to a block's ID: group 1 the block's address. */
const ID_REFERENCE = /^((?:data\.)?[a-z0-9_]+\.[^.[\]]+)\.id$/;
/** What stands for an interpolation while a template is read. */
const HOLE = '\u0001';

/**
 * The object a pointer known only at apply time may be, or undefined for a pointer the stack names for sure (a literal ID, a
 * reference to a resource of the stack or to a lookup of literal names: matched by that ID where it is read). A template keeps
 * its literal segments when they have the type's shape (`/subscriptions/${var.s}/resourceGroups/rg-logs/...`); any other pointer
 * known only later may be any object of the type.
 */
export function laterObject(kind: GivenKind, pointer: unknown, stack: StackFacts | undefined): LaterObject | undefined {
  if (!isUnknown(pointer)) return undefined;
  const type: GivenType = GIVEN_TYPES[kind];
  const base = { lookups: type.lookups, ...(type.name === undefined ? {} : { name: type.name }) };
  const any = ['subscriptions', ANY_NAME, 'resourcegroups', ANY_NAME, 'providers', ...GIVEN_TYPES[kind].path];
  if (pointer.isPlainReference) {
    const address = ID_REFERENCE.exec(pointer.references[0])?.[1];
    // A managed resource of the stack names one object for sure, written in the file or not (Terraform refuses a reference to
    // a resource it does not declare: a partial file is still the stack's own object, not any object of the type).
    if (address !== undefined && !address.startsWith('data.') && !address.startsWith('azapi_')) return undefined;
    const lookup = address === undefined ? undefined : stack?.lookups?.get(address);
    if (lookup !== undefined && spelledBlockId(lookup, stack?.resources, stack?.azurermProviders) !== undefined) return undefined;
    return { ...base, segments: any, given: pointer };
  }
  const written = idKey(splitTemplate(pointer.spelling, HOLE).literal).split('/').map((segment) => (segment.includes(HOLE) ? ANY_NAME : segment));
  const shaped = written.length === any.length && any.every((segment, at) => segment === ANY_NAME || written[at] === ANY_NAME || written[at] === segment);
  // A template of a reference (`${var.vnet_id}/subnets/snet-db`): an expression of the same reference that may spell it may be it.
  const given = pointer.references.length > 0 ? { given: pointer } : {};
  return { ...base, segments: shaped ? written.map((segment, at) => (any[at] === ANY_NAME ? segment : any[at])) : literalTail(written, any), ...given };
}

/**
 * The type's ID with the names a template's literal end spells (`${var.vnet_id}/subnets/snet-db`: the subnet "snet-db" of any
 * VNet): an interpolation may stand for several segments, so the literal segments after the last one are read from the end.
 * A tail that does not fit the type's path, or none, names any object of the type.
 */
function literalTail(written: readonly string[], any: readonly string[]): string[] {
  const last = written.reduce((found, segment, at) => (segment === ANY_NAME ? at : found), -1);
  const tail = written.slice(last + 1).filter((segment) => segment !== '');
  const from = any.length - tail.length;
  if (last < 0 || tail.length === 0 || from <= 0 || !tail.every((segment, at) => any[from + at] === ANY_NAME || any[from + at] === segment)) return [...any];
  return [...any.slice(0, from), ...tail];
}

/**
 * How an ID (a scope's or a writer's pointer, as key text; "*" or "?" in a segment any text, a segment wholly "*" any number of
 * segments) reaches a given object known only later: it may be the object or below it ("is"), or a scope above it ("holds": its
 * resource group, subscription, a VNet above a subnet). A name the object's type cannot bear is another object.
 */
export function laterReach(object: LaterObject, text: string): 'is' | 'holds' | undefined {
  const scope = idKey(text).split('/').filter((segment) => segment !== '');
  const pattern = object.segments;
  const test = object.name;
  const fits = (segment: string, wanted: string, last: boolean) => {
    const open = /[*?]/.test(segment);
    if (wanted !== ANY_NAME) return open ? new RegExp(`^${segment.split(/[*?]/).map(literalPattern).join('.*')}$`).test(wanted) : segment === wanted;
    // An ID's keyword is no name: else an interpolation standing for several segments would line a template of any ID up with
    // any object (`/subscriptions/${var.s}/resourceGroups/…/sites/app` read as below a subnet named "resourceGroups").
    if (KEYWORDS.includes(segment)) return false;
    return !last || test === undefined || mayBear(segment, test);
  };
  let best: 'is' | 'holds' | undefined;
  const walk = (at: number, from: number): void => {
    if (best === 'is') return;
    if (from === pattern.length) {
      // Below the object only after a literal segment: an interpolation that ends the object may end any ID, whatever follows.
      if (at === scope.length || (object.exact !== true && scope[at - 1] !== '*')) best = 'is';
      return;
    }
    if (at === scope.length) {
      // A scope that stops at a resource group, a subscription or a parent resource holds the object.
      if (from > 0 && from % 2 === 0) best = 'holds';
      return;
    }
    const segment = scope[at];
    // An interpolation wholly one segment may stand for several (a resource group's ID in a variable).
    if (segment === '*') for (let end = from + 1; end <= pattern.length; end++) walk(at + 1, end);
    if (fits(segment, pattern[from], from === pattern.length - 1)) walk(at + 1, from + 1);
  };
  walk(0, 0);
  return best;
}

/** The segments of an Azure ID that are its grammar, never a name. */
const KEYWORDS = ['subscriptions', 'resourcegroups', 'providers'];

/**
 * Whether a name (a segment, "*" or "?" for text known only later) may be one the rule accepts: an exact name its literal parts
 * may spell; a suffix its literal end may close (a template ending in an interpolation may end in anything).
 */
function mayBear(name: string, rule: NameRule): boolean {
  const parts = name.split(/[*?]/);
  if ('exact' in rule) return new RegExp(`^${parts.map(literalPattern).join('.*')}$`).test(rule.exact);
  const tail = parts[parts.length - 1];
  return parts.length > 1 ? tail.endsWith(rule.suffix) || rule.suffix.endsWith(tail) : name.endsWith(rule.suffix);
}

/**
 * True when a writer's pointer (a subnet ID, a zone's ID) may be the given object known only at apply time: a literal ID of its
 * type, a template that may spell one, or a reference to a lookup of its type (any names: the lookup reads what its names spell,
 * known or not). A pointer wholly known only at apply time (another variable) is not read here: failing it would refuse every
 * write to the caller's other objects.
 */
export function mayBeLater(object: LaterObject, pointer: unknown, stack: StackFacts | undefined): boolean {
  if (object.given !== undefined && readsPointer(pointer, object.given, stack) && !(object.exact === true && belowGiven(pointer, object.given, stack))) return true;
  const literal = (text: string) => laterReach(object, text) === 'is' && idKey(text).split('/').length === object.segments.length;
  if (typeof pointer === 'string') return literal(pointer);
  if (!isUnknown(pointer)) return false;
  // What an expression may be (a local, a conditional's literal branch, a function of them): a literal ID of the type among its
  // texts is read as that ID; a function the reader does not evaluate over literal text (base64decode) may be any ID (fail closed).
  // The stack's managed resources are not read: each makes a new object, never one given before it (A17b-9), in any wrapper.
  const readings = expressionReadings(pointer, withoutResources(stack)) ?? [];
  if (readings.some((text) => text.includes(ANYTHING)) || readings.some((text) => !text.includes('*') && literal(text))) return true;
  // A template that may spell an ID of the type (`/subscriptions/${var.s}/…`, format, join, a variable resource group: each "*"
  // any text) may be it, as a literal ID it may spell is (nineteenth review, A19a-2), and as the perimeter's roles read it; one
  // wholly a variable is not read here, nor one over a resource of the stack (its VNet's ID: a new object, A17b-9).
  if (!readsMadeResource(pointer, stack) && readings.some((text) => text.includes('*') && mayBeSpelled(object, text))) return true;
  // An item of a list that may hold objects of the type (a search, an azapi list, a GET of a collection: `output.value[0].id`), or
  // an ID a parent's body holds (a VNet's `properties.subnets[0].id`), may be the given object, as a literal ID of it is and as
  // the names side reads a list (96th run, A96e-2).
  const references = referencesThrough(pointer, stack);
  const ids = references.filter((reference) => ITEM_ID.test(reference));
  if (ids.some((reference) => listMayHold(object, reference, stack) || parentBodyMayHold(object, reference, stack))) return true;
  // A lookup's ID of the object, as written or through a function that may give it back whole (tostring, lower, one, try, a
  // conditional's branch: a reading that is the reference's text whole), is the object; a constant local is read through.
  const lookups = references.filter((reference) => lookupReadsObject(object, reference, stack));
  if (lookups.length === 0) return false;
  if (pointer.isPlainReference && lookups.includes(pointer.references[0])) return true;
  return readsWhole(pointer, lookups, stack);
}

/** Whether a reference reads the ID of a lookup (azapi or a data source of the type) of the object. */
function lookupReadsObject(object: LaterObject, reference: string, stack: StackFacts | undefined): boolean {
  const azapi = azapiIdLookup(reference, stack);
  if (azapi !== undefined) return azapiMayRead(object, azapi);
  const address = ID_REFERENCE.exec(reference)?.[1];
  const lookup = address?.startsWith('data.') === true ? stack?.lookups?.get(address) : undefined;
  if (lookup === undefined || !object.lookups.includes(lookup.type)) return false;
  return laterReach(object, lookupId(lookup.type, lookup, stack)) === 'is';
}

/** Whether every text a pointer may be is a text the given pointer may be followed by a path (`${var.vnet_id}/subnets/snet-app`: below it). */
function belowGiven(pointer: unknown, given: Unknown, stack: StackFacts | undefined): boolean {
  const [texts, pointerTexts] = [expressionReadings(given, stack), isUnknown(pointer) ? expressionReadings(pointer, stack) : undefined];
  if (texts === undefined || pointerTexts === undefined || pointerTexts.length === 0) return false;
  const key = (text: string) => idKey(text).replace(/\/+$/, '');
  return pointerTexts.every((other) => !other.includes(ANYTHING) && texts.some((text) => !text.includes(ANYTHING) && key(other).startsWith(`${key(text)}/`) && key(other).length > key(text).length + 1));
}

/**
 * Whether a reading with interpolations ("*") may spell the object's ID, or one below it: it writes the type's own segment
 * ("subnets", "privatednszones") and has the type's shape. Without that segment the interpolations spell the type (`${var.id}/A/x`,
 * a child of any object): that is a pointer known only at apply time, not read here.
 */
function mayBeSpelled(object: LaterObject, text: string): boolean {
  const key = idKey(text);
  const type = object.segments[object.segments.length - 2];
  return type !== undefined && key.split('/').includes(type) && laterReach(object, key) === 'is';
}

/** Whether an expression reads a managed resource of the stack (not a lookup, not an azapi block: those may read any object), through locals too. */
function readsMadeResource(pointer: Unknown, stack: StackFacts | undefined): boolean {
  return referencesThrough(pointer, stack, 0).some((reference) => {
    const address = /^([a-z0-9]+_[a-z0-9_]+\.[^.[\]]+)/.exec(reference)?.[1];
    return address !== undefined && !address.startsWith('azapi_') && stack?.resources?.has(address) === true;
  });
}

/** The stack's facts without its managed resources (its locals and lookups kept). */
function withoutResources(stack: StackFacts | undefined): StackFacts | undefined {
  return stack === undefined ? undefined : { postgresqlProviders: stack.postgresqlProviders, ...(stack.lookups === undefined ? {} : { lookups: stack.lookups }),
    ...(stack.locals === undefined ? {} : { locals: stack.locals }), ...(stack.azurermProviders === undefined ? {} : { azurermProviders: stack.azurermProviders }) };
}

/**
 * True when literal names (a record's zone_name and resource_group_name) may name the given object known only later: the
 * object's own name (the last segment) literal, or a reference to a lookup of the type's name; the group literal or not.
 */
export function mayBeLaterByNames(object: LaterObject, name: unknown, group: unknown, stack: StackFacts | undefined): boolean {
  const block = isUnknown(name) && name.isPlainReference ? nameLookupAt(name.references[0], stack) : undefined;
  if (block !== undefined) return lookupMayRead(object, block, stack);
  // A lookup's name through a function that may give it back whole (lower, trimspace, try, coalesce, a local): Azure's names
  // are not case-sensitive, so `lower(data.azapi_resource.z.name)` names the zone the lookup reads.
  if (isUnknown(name) && namesThroughLookup(object, name, stack)) return true;
  // An item of a search or an azapi list, however it is read (`resources[0].name`, `one(…resources[*].name)`, a `for`
  // expression, through a local), may be any object the list may hold (95th run, A95a-1).
  if (isUnknown(name) && referencesThrough(name, stack).some((reference) => listMayHold(object, reference, stack))) return true;
  // A template of a name (`${var.label}.postgres.database.azure.com`), a local or a conditional, may be any name its literal parts
  // spell; one wholly known only later (another variable) is not read here; one an unread function makes of literal text
  // (`base64decode("…")`, through a local) may be any name.
  if (isUnknown(name) && mayBeAnyName(name, stack)) return true;
  const texts = typeof name === 'string' ? [name] : isUnknown(name) ? expressionReadings(name, withoutResources(stack)) ?? [] : [];
  const path = object.segments.slice(0, -1).map((segment, at) => (at === 3 && typeof group === 'string' && group.trim() !== '' ? nameKey(group) : segment));
  return texts.some((text) => !text.includes(ANYTHING) && text.replace(/\*/g, '').trim() !== '' && laterReach(object, [...path, nameKey(text)].join('/')) === 'is');
}

/** Whether some reading of a name is, whole, the name of a lookup (through LOOKED_UP_NAME) that may read the object. */
function namesThroughLookup(object: LaterObject, name: Unknown, stack: StackFacts | undefined): boolean {
  const lookups = referencesThrough(name, stack).filter((reference) => {
    const block = nameLookupAt(reference, stack);
    return block !== undefined && lookupMayRead(object, block, stack);
  });
  return readsWhole(name, lookups, stack);
}

/** The lookup (a data source, an azapi lookup) whose object's name a reference reads (LOOKED_UP_NAME), if it is one. */
function nameLookupAt(reference: string, stack: StackFacts | undefined) {
  const address = LOOKED_UP_NAME.exec(reference)?.[1];
  return address === undefined ? undefined : azapiLookupAt(address, stack) ?? stack?.lookups?.get(address);
}

/** A plain reference to the name of the object a lookup reads (an azapi lookup's `output.name` too, a reading action's): group 1 the lookup. */
const LOOKED_UP_NAME = /^((?:data\.)?[a-z0-9_]+\.[^.[\]]+)(?:\.output)?\.name$/;
/** A reference into a lookup's list of objects (`resources` of a search, `output` of an azapi list or a GET of a collection): group 1 the lookup, 2 the list. */
const LIST_READ = /^((?:data\.)?[a-z0-9_]+\.[^.[\]]+)\.(output|resources)(?![\w-])/;
/** A reference that reads an item's ID (`output.value[0].id`, `resources[*].id`), not its name or another part. */
const ITEM_ID = /(?:\.id|\["id"\])$/i;
/** A reference to an azapi block's `id` or into its `output`: group 1 the block, 2 the attribute, 3 the reading after it. */
const AZAPI_READ = /^((?:data\.)?azapi_[a-z0-9_]+\.[^.[\]]+)\.(id|output)((?:[.[].*)?)$/;

/**
 * The azapi lookup of one object whose ID a reference reads: its `id`, or the part of its `output` its response_export_values
 * export from the body's `id` (`output.id`, `output.sid` of `{ sid = "id" }`, `output.value.id` of `{ value = "@" }`), or a part
 * a query the checks do not read may give (96th run, A96e-1).
 */
function azapiIdLookup(reference: string, stack: StackFacts | undefined): ResourceView | undefined {
  const [, address, attribute, reading] = AZAPI_READ.exec(reference) ?? [];
  const lookup = azapiLookupAt(address, stack);
  if (lookup === undefined) return undefined;
  if (attribute === 'id') return reading === '' ? lookup : undefined;
  // An action read as a lookup keeps only its request: its exports are the block's own.
  const path = exportedBodyPath(exportValuesAt(address, stack), reading);
  return path === 'id' || path === ANY_PART ? lookup : undefined;
}

/** An azapi block's response_export_values: an action read as a lookup keeps only its request, its exports are the block's own. */
function exportValuesAt(address: string, stack: StackFacts | undefined): unknown {
  return (stack?.lookups?.get(address) ?? stack?.resources?.get(address))?.config.response_export_values;
}

/**
 * Whether a reference reads an ID inside the body of an azapi lookup of a parent of the given object (`output.properties.subnets[0].id`
 * of a VNet's, or a part a query the checks do not read gives) that may hold the object: one of a parent type (or a type known
 * only later) whose object may be above it. A lookup of a VNet that cannot hold the given subnet holds none of its IDs.
 */
function parentBodyMayHold(object: LaterObject, reference: string, stack: StackFacts | undefined): boolean {
  const [, address, attribute, reading] = AZAPI_READ.exec(reference) ?? [];
  const lookup = attribute === 'output' ? azapiLookupAt(address, stack) : undefined;
  if (lookup === undefined) return false;
  const path = exportedBodyPath(exportValuesAt(address, stack), reading);
  const type = azapiType(lookup);
  if (path === undefined || !(path === ANY_PART || path.endsWith('.id')) || (type !== undefined && !azureType(object).startsWith(`${type}/`))) return false;
  // A managed action that only GETs reads as its data source (readingAction).
  const objects = azapiLookupObjects(lookup.address.startsWith('data.') ? lookup : { ...lookup, address: `data.${lookup.address}` }, 'id', stack);
  return objects === undefined || objects === 'any' || objects.some((id) => laterReach(object, id) === 'holds');
}

/**
 * Whether the object a lookup reads (its name read by LOOKED_UP_NAME) may be the given object known only later: a lookup of the
 * type by its literal names as their ID; an azapi lookup by the resource_id it reads, as that pointer is read (mayBeLater), or
 * by its type (95th run, A95a-1).
 */
function lookupMayRead(object: LaterObject, lookup: ResourceView, stack: StackFacts | undefined): boolean {
  if (object.lookups.includes(lookup.type)) return laterReach(object, lookupId(lookup.type, lookup, stack)) === 'is';
  if (!AZAPI_LOOKUPS.includes(lookup.type)) return false;
  return lookup.config.resource_id === undefined ? azapiMayRead(object, lookup) : mayBeLater(object, lookup.config.resource_id, stack);
}

/** Whether a reference reads a list a lookup gives (LIST_READ) that may hold the given object: one of its type or, a search of every type, its scope (listed-objects.ts). */
function listMayHold(object: LaterObject, reference: string, stack: StackFacts | undefined): boolean {
  const [, address, list] = LIST_READ.exec(reference) ?? [];
  const lookup = address === undefined ? undefined : stack?.lookups?.get(address) ?? readingAction(address, stack);
  const listed = lookup === undefined ? undefined : listedObjects(lookup, list, stack);
  const reaches = (reach: ReturnType<typeof laterReach>) => reach === 'is' || (reach === 'holds' && lookup?.config.type === undefined);
  return listed === 'any' || (listed ?? []).some((id) => reaches(laterReach(object, id)));
}

/** Whether an azapi lookup of no object the stack names may read the given object: one of its Azure type, or of a type known only later, whatever its names. */
function azapiMayRead(object: LaterObject, lookup: ResourceView): boolean {
  const type = azapiType(lookup);
  return type === undefined || type === azureType(object);
}

/**
 * The pointers (resource_id) of the azapi lookups of one object an expression reads (`data.azapi_resource.z.name`, its
 * `output`, its `parent_id`), through locals: what it reads of that object is read from that pointer (95th run, A95a-1).
 */
export function lookedUpPointers(value: unknown, stack: StackFacts | undefined): unknown[] {
  if (!isUnknown(value)) return [];
  return referencesThrough(value, stack).flatMap((reference) => {
    const lookup = azapiLookupAt(/^(?:data\.)?[a-z0-9_]+\.[^.[\]]+/.exec(reference)?.[0], stack);
    return lookup !== undefined && lookup.config.resource_id !== undefined ? [lookup.config.resource_id] : [];
  });
}

/**
 * The azapi lookup of one object at an address: a data.azapi_resource or data.azapi_resource_id, or an azapi_resource_action (a
 * data source or a resource) that GETs one object, read as the data.azapi_resource of it (azapi-lookup-objects.ts; 96th run, A96b-1).
 */
function azapiLookupAt(address: string | undefined, stack: StackFacts | undefined): ResourceView | undefined {
  const block = address === undefined ? undefined : stack?.lookups?.get(address) ?? readingAction(address, stack);
  if (block === undefined) return undefined;
  return AZAPI_LOOKUPS.includes(block.type) && block.address.startsWith('data.') ? block : actionAsLookup(block, stack);
}

/** A managed azapi_resource_action that only GETs: it reads as its data source does (a managed action's `output` is the response too). */
function readingAction(address: string, stack: StackFacts | undefined): ResourceView | undefined {
  const block = stack?.resources?.get(address);
  return block !== undefined && mayReadByGet(block) ? block : undefined;
}

/**
 * Whether an expression may be the given pointer: it reads every reference the pointer reads (through a function, a list, a local
 * holding it: `element(local.ids, 0)`, an iterator over a collection of it: `each.key` of `toset([var.x])`), and some text it may
 * be may be a text the pointer may be, as IDs (any case, a "/" more or less at either end; "*" a part known only later).
 * Such an expression may be the given object (eighteenth review, A18b-10, A18b-4; a template pointer, queued after it): a
 * function of the variable may spell the same object, so it is read as "may be", as a literal ID of the type is. A template over
 * the given VNet's variable naming the given subnet may be it, one naming another subnet is not; an expression of another
 * variable is not.
 */
export function readsPointer(pointer: unknown, given: Unknown, stack: StackFacts | undefined): boolean {
  // What a relay gives back (`terraform_data.r.output` whose input is the pointer) or another argument written from it, a variable's
  // default: read as the pointer would be (sql-clients.ts withEchoes; 93rd run, A93b-3).
  return withEchoes(pointer, stack).some((value) => readsAsWritten(value, given, stack));
}

/** readsPointer for an expression as written, its references not followed into what the stack writes. */
function readsAsWritten(pointer: unknown, given: Unknown, stack: StackFacts | undefined): boolean {
  if (!isUnknown(pointer)) return false;
  const read = referencesThrough(pointer, stack, 0);
  const reads = (wanted: string) => read.some((reference) => reference === wanted || reference.startsWith(`${wanted}.`) || reference.startsWith(`${wanted}[`));
  const wanted = referencesThrough(given, stack, 0).filter((reference) => !reference.startsWith('local.'));
  if (wanted.length === 0 || !wanted.every(reads)) return false;
  const [texts, pointerTexts] = [expressionReadings(given, stack) ?? [ANYTHING], expressionReadings(pointer, stack) ?? [ANYTHING]];
  // A pointer wholly the variable (`var.subnet_id`): any expression of it may spell it (A18b-10).
  if ([...texts, ...pointerTexts].some((text) => text === '*' || text.includes(ANYTHING))) return true;
  return texts.some((text) => pointerTexts.some((other) => sameVariableText(idKey(text), idKey(other))));
}

/**
 * Whether a pointer's reading may be the given pointer's, both reading the same variables: each "*" of the given (its variable)
 * stands where a "*" of the pointer does, in order, and the literal text around them is the same; a "*" of the pointer beyond
 * those (another variable: `${var.vnet_id}/subnets/${var.name}`) may be any of the given's literal text. So
 * `${var.vnet_id}/subnets/snet-app` is not `${var.vnet_id}/subnets/snet-db`, as two independent "*" would allow.
 */
function sameVariableText(given: string, pointer: string): boolean {
  return pairsReach([given.length, pointer.length], (i, j) => {
    const [a, b] = [given[i], pointer[j]];
    const next: [number, number][] = a !== undefined && b !== undefined && a === b ? [[i + 1, j + 1]] : [];
    // A "*" of the pointer not the given's may take none of the given's literal text, or one more character of it.
    if (b === '*') {
      next.push([i, j + 1]);
      if (a !== undefined && a !== '*') next.push([i + 1, j]);
    }
    return next;
  });
}

/** The references an expression reads, a constant local's own references read through (as deep as locals go). */
export function referencesThrough(value: Unknown, stack: StackFacts | undefined, depth = 0): string[] {
  return value.references.flatMap((reference) => {
    const local = /^local\.[\p{L}_][\p{L}\p{N}_-]*/u.exec(reference)?.[0];
    if (local === undefined || stack?.locals === undefined || depth >= MAX_LOCAL_DEPTH) return [reference];
    return [reference, ...unknownsOf(evaluateTemplate(`\${${local}}`, stack.locals)).flatMap((inner) => referencesThrough(inner, stack, depth + 1))];
  });
}

/** How deep locals are read through (a local of a local). */
const MAX_LOCAL_DEPTH = 8;

/** The values known only later inside a value (a list's, an object's items). */
function unknownsOf(value: Value): Unknown[] {
  if (isUnknown(value)) return [value];
  if (value === null || typeof value !== 'object') return [];
  return (Array.isArray(value) ? value : Object.values(value)).flatMap(unknownsOf);
}

/** The azapi lookups of one resource by its Azure type. */
const AZAPI_LOOKUPS = ['azapi_resource', 'azapi_resource_id'];

/** An object's Azure type as azapi-writes.ts keys it ("microsoft.network/virtualnetworks/subnets"), from its ID's segments. */
function azureType(object: LaterObject): string {
  const [namespace, ...rest] = object.segments.slice(5);
  return [namespace, ...rest.filter((_segment, at) => at % 2 === 0)].join('/');
}

/** A lookup's ID as its literal names spell it ("?" for a name known only later). */
function lookupId(type: string, lookup: { readonly type: string; readonly config: { readonly [key: string]: unknown } }, stack: StackFacts | undefined): string {
  const spelled = spelledBlockId(lookup as Parameters<typeof spelledBlockId>[0], stack?.resources, stack?.azurermProviders);
  if (spelled !== undefined) return spelled;
  const kind = (Object.keys(GIVEN_TYPES) as GivenKind[]).find((each) => GIVEN_TYPES[each].lookups.includes(type));
  return kind === undefined ? '' : ['subscriptions', ANY_NAME, 'resourcegroups', ANY_NAME, 'providers', ...GIVEN_TYPES[kind].path].join('/');
}

/** The ID path after "/providers/" of each server type. */
const SERVER_PATHS: { readonly [type: string]: readonly string[] } = {
  azurerm_postgresql_flexible_server: ['microsoft.dbforpostgresql', 'flexibleservers'],
  azurerm_postgresql_server: ['microsoft.dbforpostgresql', 'servers'],
};

/**
 * A literal scope above a server whose resource group is known only at apply time (an adopted server's, read from a variable):
 * a resource group of any name may hold it (A17b-8), for a message; undefined when the server's group is literal or a group of
 * the stack (containing-scopes.ts reads those), or when the scope is no resource group.
 */
export function laterServerGroup(server: { readonly type: string; readonly config: { readonly [key: string]: unknown } }, scope: unknown, stack: StackFacts | undefined): string | undefined {
  const path = SERVER_PATHS[server.type];
  const group = server.config.resource_group_name;
  if (path === undefined || !isUnknown(group)) return undefined;
  // A lookup of a resource group reads one that exists, which may be the server's.
  if (isUnknown(scope) && scope.isPlainReference && /^data\.azurerm_resource_group\.[^.]+\.id$/.test(scope.references[0])) {
    return `${scope.references[0]}, which may be the resource group of the server (its resource group is known only at apply time)`;
  }
  // A template's interpolations are any text (`/subscriptions/${var.s}/resourceGroups/rg-legacy`); one wholly known later is judged elsewhere.
  const text = typeof scope === 'string' ? scope : isUnknown(scope) && !scope.isPlainReference ? splitTemplate(scope.spelling, '*').literal : undefined;
  if (text === undefined) return undefined;
  // A group read from a resource group of the stack is that group.
  if (group.isPlainReference && /^azurerm_resource_group\.[^.]+\.name$/.test(group.references[0]) && stack?.resources?.has(group.references[0].replace(/\.name$/, '')) === true) return undefined;
  const name = typeof server.config.name === 'string' ? nameKey(server.config.name) : ANY_NAME;
  const object: LaterObject = { lookups: [], segments: ['subscriptions', ANY_NAME, 'resourcegroups', ANY_NAME, 'providers', ...path, name] };
  const key = idKey(text).split('/');
  return key.length === 4 && !key[3].includes('*') && laterReach(object, text) === 'holds' ? `${JSON.stringify(String(scope))}, which may be the resource group of the server (its resource group is known only at apply time)` : undefined;
}

/** Any object of a kind: what a literal pointer the checks cannot read (a key's URL outside the grammar) may be, as one known later. */
export function anyGivenObject(kind: GivenKind): LaterObject {
  const type: GivenType = GIVEN_TYPES[kind];
  return { lookups: type.lookups, segments: ['subscriptions', ANY_NAME, 'resourcegroups', ANY_NAME, 'providers', ...type.path], ...(type.name === undefined ? {} : { name: type.name }) };
}
