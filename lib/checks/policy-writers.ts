/**
 * Azure Policy assignments that change resources: a definition whose effect is modify, append or
 * deployIfNotExists rewrites (or deploys beside) every resource it matches at the assignment's
 * scope, continuously and out of the rules' sight. Only definitions of the stack can be read; one
 * defined elsewhere has an effect the JSON does not say. A built-in's rule is Microsoft's, but what it
 * deploys and where (an Event Hub, a workspace) are parameters the stack writes: on a scope that holds a
 * server, a built-in counts as a writer unless it is one of the audit-only built-ins listed below
 * (fifteenth review, A15b-6). An exemption switches the platform's guardrails off for its scope (A15b-14).
 * Every writer of an assignment or an exemption (azurerm at each scope, azapi) is read into one shape.
 */
import { idKey } from './azure-keys';
import { azapiType, azapiWriters, bodyProperties, onlyReads, writes } from './azapi-writes';
import { resourcesOfType } from './beside-construct';
import { dynamicContents } from './dynamic-blocks';
import { isUnknown, Unknown } from './hcl-expression';
import { resolvedPointer } from './id-aliases';
import { oncePerStack } from './per-stack';
import { overriddenEffects, OverriddenEffects, overridesWrite } from './policy-overrides';
import { fillsNetworkGroups, PERIMETER, prop, ruleWrites } from './policy-rules';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';
import { INSTANCE_KEY } from './traversal-text';

/** Assignment types, at every scope Azure offers. */
export const POLICY_ASSIGNMENT = /^azurerm_(resource_group|subscription|management_group|resource)_policy_assignment$/;
/** Definition types an assignment may point at: the azurerm ones, and an azapi definition or set read into their shape. */
const DEFINITION_REFERENCE = /^((?:azurerm_(?:management_group_)?policy_(?:set_)?definition|azapi_resource)\.[^.[\]]+)/;
/** The azurerm definition and set types, and the attribute of a set that holds its definitions. */
const AZURERM_DEFINITIONS = /^azurerm_(management_group_)?policy_(set_)?definition$/;
const SET_REFERENCES = 'policy_definition_reference';
/** azapi types of a definition and a set (lower case, without the API version). */
const AZAPI_DEFINITION = 'microsoft.authorization/policydefinitions';
const AZAPI_SET = 'microsoft.authorization/policysetdefinitions';

/**
 * The stack's policy definitions and sets by address, every writer read into the azurerm shape (policy_rule and
 * parameters; a set's policy_definition_reference): azurerm at each scope, and azapi_resource. A definition that
 * an azapi update or PUT/PATCH action may rewrite is left out: its rule in Azure is not the one read, so an
 * assignment of it fails closed as one of a definition the JSON does not show.
 */
export function policyDefinitions(resources: Iterable<ResourceView>): ReadonlyMap<string, { [key: string]: unknown }> {
  const { found, rewritten } = readDefinitions([...resources]);
  return new Map([...found].filter(([address]) => !rewritten.has(address)));
}

/** The stack's policy definitions (policyDefinitions of its resources): every server asks, read once per evaluation (per-stack.ts). */
export function stackPolicyDefinitions(stack: StackFacts | undefined): ReadonlyMap<string, { [key: string]: unknown }> {
  return definitionsKept(stack);
}

const definitionsKept = oncePerStack((stack) => policyDefinitions(stack?.resources?.values() ?? []));

/** Every definition and set of the stack in the azurerm shape, and the addresses of those an azapi write may rewrite. */
function readDefinitions(all: readonly ResourceView[]): { found: ReadonlyMap<string, { [key: string]: unknown }>; rewritten: ReadonlySet<string> } {
  const found = new Map<string, { [key: string]: unknown }>();
  for (const resource of all) {
    if (AZURERM_DEFINITIONS.test(resource.type)) found.set(resource.address, resource.config);
    const type = resource.type === 'azapi_resource' ? azapiType(resource) : undefined;
    if (type === AZAPI_DEFINITION || type === AZAPI_SET) found.set(resource.address, azapiDefinition(resource, type === AZAPI_SET));
  }
  const rewrittenAddresses = new Set<string>();
  for (const rewrite of definitionRewrites(all, true)) {
    const type = azapiType(rewrite);
    for (const address of rewritten(rewrite.config.resource_id, type !== undefined, found)) rewrittenAddresses.add(address);
  }
  return { found, rewritten: rewrittenAddresses };
}

/** The azapi writes other than a resource (an update, a PUT/PATCH action) of a definition or a set, and with `later` of a type known only later. */
function definitionRewrites(all: readonly ResourceView[], later: boolean): readonly ResourceView[] {
  return all.filter((resource) => resource.type !== 'azapi_resource' && /^azapi_/.test(resource.type) && writes(resource)).filter((rewrite) => {
    const type = azapiType(rewrite);
    return type === AZAPI_DEFINITION || type === AZAPI_SET || (later && type === undefined);
  });
}

/**
 * The definitions a rewrite's ID may name: those it refers to; by a literal ID, those of its name (or of a name known
 * only later); by an ID known only later that refers to none, any, when its type is a definition's (a type known only
 * later rewrites only what its ID names).
 */
function rewritten(id: unknown, definitionType: boolean, found: ReadonlyMap<string, { [key: string]: unknown }>): readonly string[] {
  if (typeof id === 'string') {
    const name = /\/policy(?:Set)?Definitions\/([^/]+?)\/?$/i.exec(id.trim())?.[1].toLowerCase();
    return name === undefined ? [] : [...found].filter(([, config]) => typeof config.name !== 'string' || config.name.trim().toLowerCase() === name).map(([address]) => address);
  }
  const named = isUnknown(id) ? id.references.map((reference) => DEFINITION_REFERENCE.exec(reference)?.[1] ?? '').filter((address) => found.has(address)) : [];
  return named.length > 0 || !definitionType ? named : [...found.keys()];
}

/** An azapi definition or set in the azurerm shape; a body that cannot be read is a rule known only later. */
function azapiDefinition(resource: ResourceView, set: boolean): { [key: string]: unknown } {
  const properties = bodyProperties(resource);
  const later = new Unknown(`the body of ${resource.address}`, []);
  const name = resource.config.name;
  if (!isObject(properties) || isUnknown(properties)) return set ? { name, [SET_REFERENCES]: [{ policy_definition_id: later }] } : { name, policy_rule: later, mode: later };
  if (!set) return { name, policy_rule: prop(properties, 'policyRule') ?? later, parameters: prop(properties, 'parameters'), mode: prop(properties, 'mode') };
  const held = prop(properties, 'policyDefinitions');
  const pointer = (each: unknown) => (isObject(each) && !isUnknown(each) ? prop(each, 'policyDefinitionId') : later);
  return { name, [SET_REFERENCES]: Array.isArray(held) ? held.map((each) => ({ policy_definition_id: pointer(each) })) : [{ policy_definition_id: later }] };
}

/** A built-in definition or set, written by Microsoft: "/providers/Microsoft.Authorization/policy(Set)Definitions/<id>". */
const BUILT_IN = /^\/?providers\/Microsoft\.Authorization\/policy(Set)?Definitions\/([^/]+?)\/?$/i;

/**
 * Built-in definitions that only audit or deny (a fixed effect, or an effect parameter whose allowedValues hold
 * nothing else), each with its name and effects as its source says (Azure/azure-policy,
 * built-in-policies/policyDefinitions/SQL, General and Tags): they deploy and change nothing. Beside the
 * PostgreSQL ones, the location, tag and resource type guardrails a landing zone assigns next to the server
 * (69th run, A69b-1); "Inherit a tag ..." and "Add a tag ..." modify, and stay writers.
 */
export const AUDIT_ONLY_BUILT_INS: ReadonlyMap<string, string> = new Map([
  ['5e1de0e3-42cb-4ebc-a86d-61d0c619ca48', 'Public network access should be disabled for PostgreSQL flexible servers: Audit, Deny or Disabled'],
  ['d158790f-bfb0-486c-8631-2dc6b4e8e6af', 'Enforce SSL connection should be enabled for PostgreSQL database servers: Audit or Disabled'],
  ['fa498b91-8a7e-4710-9578-da944c68d1fe', 'Azure PostgreSQL flexible server should have Microsoft Entra Only Authentication enabled: Audit or Disabled'],
  ['0564d078-92f5-4f97-8398-b9f58a51f70b', 'Private endpoint should be enabled for PostgreSQL servers: AuditIfNotExists or Disabled'],
  ['e56962a6-4747-49cd-b67b-bf8b01975c4c', 'Allowed locations: Audit, Deny or Disabled'],
  ['e765b5de-1225-4ba3-bd56-1ac6695af988', 'Allowed locations for resource groups: Audit, Deny or Disabled'],
  ['0a914e76-4921-4c19-b460-a2d36003525a', 'Audit resource location matches resource group location: Audit, Deny or Disabled'],
  ['a08ec900-254a-4555-9bf5-e42af04b5c5c', 'Allowed resource types: Audit, Deny or Disabled'],
  ['6c112d4e-5bc7-47ae-a041-ea2d9dccd749', 'Not allowed resource types: Audit, Deny or Disabled'],
  ['871b6d14-10aa-478d-b590-94f262ecfa99', 'Require a tag on resources: Deny'],
  ['96670d01-0a4d-4649-9c89-2d3abc0a5025', 'Require a tag on resource groups: Deny'],
  ['1e30110a-5ceb-460c-a204-c1c3969c6d62', 'Require a tag and its value on resources: Deny'],
  ['8ce3da23-7156-49e4-b145-24f95f9dcb46', 'Require a tag and its value on resource groups: Deny'],
]);

/** The ID of a built-in definition or set a pointer names (lower case), or undefined when it names none. */
export function builtInId(pointer: unknown): string | undefined {
  // Read as every reader reads an ID (azure-keys.ts idKey: a "." or empty segment says nothing; run 35).
  return typeof pointer === 'string' ? BUILT_IN.exec(idKey(pointer))?.[2] : undefined;
}

/**
 * How an assignment's definition may act on every server of its stack, whatever its scope (writer-kinds.ts):
 * "writes" when a definition or set of the stack (read through definitions) may write what the promise covers
 * (policy-rules.ts); "unread" when the definition is neither of the stack nor built-in (defined elsewhere, or
 * known only later), so its effect is not in the JSON; undefined for one that does not write, and for a built-in
 * or a set of built-ins, which PG-CFG-4 judges on the scopes that hold a server (definitionPointerEffect).
 */
export function policyAssignmentEffect(assignment: { [key: string]: unknown }, definitions: ReadonlyMap<string, { [key: string]: unknown }>): PolicyEffect {
  const overridden = overriddenEffects(azurermOverrides(assignment));
  return pointerEffect(assignment.policy_definition_id, { definitions, judge: writesInto(PERIMETER, overridden), builtIns: false, seen: new Set(), overridden });
}

export type PolicyEffect = 'writes' | 'unread' | undefined;

/**
 * How a definition pointer (an assignment's, of any writer, on a scope that holds what is judged) may act: as
 * policyAssignmentEffect reads it, against the types `target` accepts (policy-rules.ts: the perimeter's by default;
 * a workspace's writers read it against Log Analytics and Azure Monitor), and a built-in a set holds makes the set a
 * writer unless it is audit-only, as the same built-in assigned alone is (sixteenth review, A16b-12).
 */
export function definitionPointerEffect(pointer: unknown, definitions: ReadonlyMap<string, { [key: string]: unknown }>, target: RegExp = PERIMETER, overrides?: unknown): PolicyEffect {
  const overridden = overriddenEffects(overrides);
  return pointerEffect(pointer, { definitions, judge: writesInto(target, overridden), builtIns: true, seen: new Set(), overridden });
}

/** What a definition of the stack is judged for: whether its rule (policy-rules.ts) acts as the caller asks. */
type Judge = (definition: { readonly [key: string]: unknown }) => boolean;

/** A definition whose rule (or an effect the assignment's overrides give, A18b-6) may write a type `target` accepts. */
const writesInto = (target: RegExp, overridden: OverriddenEffects = []): Judge => (definition) => ruleWrites(definition.policy_rule, definition.parameters, target, overridden);

/** How pointers are read: the stack's definitions, what a definition is judged for, whether built-ins a set holds count, the definitions read so far. */
interface Reading {
  readonly definitions: ReadonlyMap<string, { [key: string]: unknown }>;
  readonly judge: Judge;
  readonly builtIns: boolean;
  readonly seen: Set<string>;
  /** The effects the assignment's overrides give (A18b-6). */
  readonly overridden: OverriddenEffects;
}

/** The effect of the definition (or set) a pointer names: an assignment's, or one a set holds (`held`); an assigned built-in is its callers'. */
function pointerEffect(pointer: unknown, reading: Reading, held = false): PolicyEffect {
  const builtIn = builtInId(pointer);
  if (builtIn !== undefined) return held && reading.builtIns && (!AUDIT_ONLY_BUILT_INS.has(builtIn) || overridesWrite(reading.overridden)) ? 'writes' : undefined;
  if (typeof pointer === 'string' || !isUnknown(pointer)) return 'unread';
  const addresses = pointer.references.map((reference) => DEFINITION_REFERENCE.exec(reference)?.[1] ?? '');
  if (addresses.length === 0 || addresses.some((address) => !reading.definitions.has(address))) return 'unread';
  const effects = addresses.map((address) => definitionEffect(address, reading));
  return effects.includes('writes') ? 'writes' : effects.includes('unread') ? 'unread' : undefined;
}

/** A set definition (azurerm, or azapi read into its shape): it holds definitions by pointer. */
function isSet(address: string, definition: { readonly [key: string]: unknown }): boolean {
  return /^azurerm_(management_group_)?policy_set_definition\./.test(address) || SET_REFERENCES in definition;
}

function definitionEffect(address: string, reading: Reading): PolicyEffect {
  const definition = reading.definitions.get(address);
  if (definition === undefined || reading.seen.has(address)) return undefined;
  reading.seen.add(address);
  if (isSet(address, definition)) {
    // A set acts as the definitions it holds act, built-ins and those its dynamic blocks point at included.
    const references = [...bodiesOf(definition[SET_REFERENCES] ?? []), ...dynamicContents(definition, SET_REFERENCES)];
    const held = references.map((reference) => pointerEffect(isObject(reference) ? reference.policy_definition_id : undefined, reading, true));
    return held.includes('writes') ? 'writes' : held.includes('unread') ? 'unread' : undefined;
  }
  return reading.judge(definition) ? 'writes' : undefined;
}

/** Whether a definition of the stack may add VNets to network groups (policy-rules.ts). */
const fills: Judge = (definition) => fillsNetworkGroups(definition.policy_rule, definition.parameters, definition.mode) !== undefined;

/**
 * Why Azure Policy may fill Azure Virtual Network Manager network groups (dynamic membership), or undefined: a definition
 * of the stack whose rule may (its effect, read from its JSON, or an effect the JSON does not say under a mode that may be
 * Microsoft.Network.Data), one an azapi write rewrites, a set holding one or one defined outside the stack, an azapi
 * update or PUT of a definition outside the stack that may, and an assignment of a definition the JSON does not show
 * (seventeenth review, A17b-1). A definition fills whether or not the stack assigns it: an assignment may be made elsewhere.
 * Built-ins fill no group: a network group is the caller's, and no built-in adds to one.
 */
export function networkGroupFiller(stack: StackFacts | undefined): string | undefined {
  const all = [...(stack?.resources?.values() ?? [])];
  const { found, rewritten } = readDefinitions(all);
  const read = new Map([...found].filter(([address]) => !rewritten.has(address)));
  // An update or a PUT of a definition outside the stack is one more definition, as its body says.
  for (const rewrite of definitionRewrites(all, false)) read.set(rewrite.address, azapiDefinition(rewrite, azapiType(rewrite) === AZAPI_SET));
  const reading = (): Reading => ({ definitions: read, judge: fills, builtIns: false, seen: new Set(), overridden: [] });
  const why = (address: string, reason: string) => `${address} may fill network groups by Azure Policy: ${reason}`;
  const first = [...rewritten].sort()[0];
  if (first !== undefined) return why(first, 'an azapi write may rewrite it: its rule in Azure is not the one read');
  for (const [address, definition] of read) {
    const reason = !isSet(address, definition) ? fillsNetworkGroups(definition.policy_rule, definition.parameters, definition.mode)
      : definitionEffect(address, reading()) !== undefined ? 'it holds a definition that may, or one defined outside the stack or known only later' : undefined;
    if (reason !== undefined) return why(address, reason);
  }
  const assignment = policyWrites(stack).find((write) => write.kind === 'assignment' && pointerEffect(write.definition, reading()) !== undefined);
  return assignment === undefined ? undefined : why(assignment.resource.address, 'its definition is defined outside the stack or known only later');
}

/** An assignment, an exemption from one, or a remediation task that runs one's deployments now. */
export type PolicyKind = 'assignment' | 'exemption' | 'remediation';

/** One policy assignment or exemption, whatever its writer: its scope, and for an assignment its definition as written. */
export interface PolicyWrite {
  readonly resource: ResourceView;
  readonly kind: PolicyKind;
  readonly scope: unknown;
  readonly definition?: unknown;
  /** The assignment an exemption or a remediation names, as written. */
  readonly assignment?: unknown;
  /** True for an azurerm assignment, which writer-kinds.ts judges already unless its definition is built-in or a set of built-ins. */
  readonly azurerm: boolean;
  /** An assignment's effect overrides as written (policy-overrides.ts). */
  readonly overrides?: unknown;
  /** True for an azapi action that deletes (or acts otherwise on) an assignment: read as an exemption, the guardrail off for its scope (A70b-2). */
  readonly removes?: boolean;
}

/** The azurerm types, one per scope Azure offers, and the attribute that holds the scope. */
const AZURERM_SCOPES: readonly (readonly [string, string])[] = [['resource', 'resource_id'], ['resource_group', 'resource_group_id'], ['subscription', 'subscription_id'], ['management_group', 'management_group_id']];
/** azapi types of an assignment and an exemption (lower case, without the API version). */
const AZAPI_KINDS: ReadonlyMap<string, PolicyKind> = new Map([['microsoft.authorization/policyassignments', 'assignment'], ['microsoft.authorization/policyexemptions', 'exemption'], ['microsoft.policyinsights/remediations', 'remediation']]);

/** Every type read here (read-types.ts): the azurerm assignment, exemption and remediation at each scope, and their azapi types. */
export const POLICY_TYPES: readonly string[] = AZURERM_SCOPES.flatMap(([scope]) => ['assignment', 'exemption', 'remediation'].map((kind) => `azurerm_${scope}_policy_${kind}`));
export const POLICY_AZURE_TYPES: readonly string[] = [...AZAPI_KINDS.keys()];

/** Every policy assignment and exemption the stack writes, in address order by writer type. */
export function policyWrites(stack: StackFacts | undefined): readonly PolicyWrite[] {
  return writesKept(stack);
}

/** Every server asks the same of the stack: read once per evaluation (per-stack.ts). */
const writesKept = oncePerStack(readPolicyWrites);

function readPolicyWrites(stack: StackFacts | undefined): readonly PolicyWrite[] {
  const azurerm = AZURERM_SCOPES.flatMap(([scope, attribute]) => (['assignment', 'exemption', 'remediation'] as const).flatMap((kind) => resourcesOfType(stack, `azurerm_${scope}_policy_${kind}`)
    .map((resource): PolicyWrite => ({ resource, kind, scope: resolvedPointer(resource.config[attribute], stack), definition: resource.config.policy_definition_id, assignment: resource.config.policy_assignment_id, azurerm: true, overrides: azurermOverrides(resource.config) }))));
  const azapi = azapiWriters(stack).flatMap((resource): PolicyWrite[] => {
    const type = azapiType(resource);
    const kind = type === undefined ? undefined : AZAPI_KINDS.get(type);
    if (kind === undefined || type === undefined) return [];
    const scope = resource.type === 'azapi_resource' || resource.config.resource_id === undefined ? resolvedPointer(resource.config.parent_id, stack) : scopeOf(resource.config.resource_id, type, stack);
    const read = bodyProperties(resource);
    const properties = isUnknown(read) || isObject(read) ? read : undefined;
    const definition = isUnknown(properties) ? properties : properties?.policyDefinitionId ?? new Unknown(`the definition of ${resource.address}, not in its body`, []);
    const assignment = isUnknown(properties) ? properties : properties?.policyAssignmentId;
    const overrides = isUnknown(properties) ? properties : properties === undefined ? undefined : prop(properties, 'overrides');
    return [{ resource, kind, scope: scope ?? new Unknown(`the scope of ${resource.address}`, []), definition, assignment, azurerm: false, overrides }];
  });
  // An action by DELETE (or POST) on an assignment removes it, or does what no rule reads: its scope loses the guardrail, as by an exemption.
  const removals = resourcesOfType(stack, 'azapi_resource_action').filter((resource) => !writes(resource) && !onlyReads(resource))
    .filter((resource) => azapiType(resource) === 'microsoft.authorization/policyassignments').map((resource): PolicyWrite => ({
      resource, kind: 'exemption', scope: scopeOf(resource.config.resource_id, 'microsoft.authorization/policyassignments', stack) ?? new Unknown(`the scope of ${resource.address}`, []), azurerm: false, removes: true }));
  return [...azurerm, ...azapi, ...removals];
}

/** An azurerm assignment's `overrides` blocks as written, and the content of its dynamic `overrides` blocks (queued, closing note 29). */
export function azurermOverrides(config: { readonly [key: string]: unknown }): unknown {
  const dynamic = dynamicContents(config, 'overrides');
  if (dynamic.length === 0) return config.overrides;
  return isUnknown(config.overrides) ? config.overrides : [...bodiesOf(config.overrides ?? []), ...dynamic];
}

/** A reference to the id of an assignment, exemption or remediation: an azurerm one at a scope, its lookup, or an azapi resource. */
const POLICY_ID_REFERENCE = new RegExp(String.raw`^((data\.)?(azurerm_(?:(resource|resource_group|subscription|management_group)_)?policy_(?:assignment|exemption|remediation)|azapi_resource)\.[^.[\]]+)(?:${INSTANCE_KEY})?\.id$`);

/**
 * The scope of an assignment's or exemption's ID ("<scope>/providers/Microsoft.Authorization/<type>/<name>"). An ID that
 * does not spell it is a reference to the block it names, whose scope is its own (a lookup's scope_id, an azurerm
 * assignment's scope argument, an azapi resource's parent_id), or any scope, as an ID known only at apply time (A70b-2).
 */
function scopeOf(id: unknown, type: string, stack: StackFacts | undefined): unknown {
  const text = typeof id === 'string' ? id : isUnknown(id) ? id.toString() : undefined;
  if (text === undefined) return undefined;
  const at = text.toLowerCase().lastIndexOf(`/providers/${type.toLowerCase()}/`);
  if (at >= 0) return isUnknown(id) ? new Unknown(text.slice(0, at), id.references) : text.slice(0, at);
  const found = isUnknown(id) && id.isPlainReference ? POLICY_ID_REFERENCE.exec(id.references[0]) : null;
  const block = found === null ? undefined : (found[2] === undefined ? stack?.resources : stack?.lookups)?.get(found[1]);
  const attribute = found === null ? undefined : found[2] !== undefined ? 'scope_id' : found[3] === 'azapi_resource' ? 'parent_id' : AZURERM_SCOPES.find(([scope]) => scope === found[4])?.[1];
  const scope = block === undefined || attribute === undefined ? undefined : resolvedPointer(block.config[attribute], stack);
  // The ID as written, with no reference left that places it: any scope.
  return scope ?? (isUnknown(id) ? new Unknown(text, []) : undefined);
}
