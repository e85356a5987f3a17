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
import { azapiType, azapiWriters, bodyProperties } from './azapi-writes';
import { resourcesOfType } from './beside-construct';
import { dynamicContents } from './dynamic-blocks';
import { isUnknown, Unknown } from './hcl-expression';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';

/** Assignment types, at every scope Azure offers. */
export const POLICY_ASSIGNMENT = /^azurerm_(resource_group|subscription|management_group|resource)_policy_assignment$/;
/** Definition types an assignment may point at. */
const DEFINITION_REFERENCE = /^(azurerm_policy_(?:set_)?definition\.[^.[\]]+)/;
/** Effects that write to a resource, or deploy next to it. */
const WRITING_EFFECT = /\b(modify|append|deployIfNotExists)\b/i;
/** An Azure resource type named in a rule, e.g. "Microsoft.Storage/storageAccounts". */
const ANY_TYPE = /Microsoft\.[A-Za-z]+\//i;
/** The fields a rule reads or writes: "field": "<path>". */
const FIELD = /"field"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/** A built-in definition or set, written by Microsoft: "/providers/Microsoft.Authorization/policy(Set)Definitions/<id>". */
const BUILT_IN = /^\/?providers\/Microsoft\.Authorization\/policy(Set)?Definitions\/([^/]+?)\/?$/i;

/**
 * Built-in definitions that only audit or deny (their effect parameter allows nothing else), each with its
 * source (Azure/azure-policy, built-in-policies/policyDefinitions/SQL): they deploy and change nothing.
 */
export const AUDIT_ONLY_BUILT_INS: ReadonlyMap<string, string> = new Map([
  ['5e1de0e3-42cb-4ebc-a86d-61d0c619ca48', 'Public network access should be disabled for PostgreSQL flexible servers: Audit, Deny or Disabled'],
  ['d158790f-bfb0-486c-8631-2dc6b4e8e6af', 'Enforce SSL connection should be enabled for PostgreSQL database servers: Audit or Disabled'],
  ['fa498b91-8a7e-4710-9578-da944c68d1fe', 'Azure PostgreSQL flexible server should have Microsoft Entra Only Authentication enabled: Audit or Disabled'],
  ['0564d078-92f5-4f97-8398-b9f58a51f70b', 'Private endpoint should be enabled for PostgreSQL servers: AuditIfNotExists or Disabled'],
]);

/** The ID of a built-in definition or set a pointer names (lower case), or undefined when it names none. */
export function builtInId(pointer: unknown): string | undefined {
  return typeof pointer === 'string' ? BUILT_IN.exec(pointer.trim())?.[2].toLowerCase() : undefined;
}

/**
 * How an assignment's definition may act on a PostgreSQL server: "writes" when a definition or set
 * of the stack (read through definitions) has a writing effect on PostgreSQL, or on every type and
 * more than tags (a rule known only later counts); "unread" when the definition is neither of the
 * stack nor built-in (defined elsewhere, or known only later), so its effect is not in the JSON;
 * undefined for one that does not write, or a built-in.
 */
export function policyAssignmentEffect(assignment: { [key: string]: unknown }, definitions: ReadonlyMap<string, { [key: string]: unknown }>): PolicyEffect {
  return pointerEffect(assignment.policy_definition_id, definitions, new Set());
}

export type PolicyEffect = 'writes' | 'unread' | undefined;

/** The resource types a definition is read against: PostgreSQL's by default. */
const POSTGRES_TYPES = /DBforPostgreSQL/i;

/**
 * How a definition pointer (an assignment's, of any writer) may act: as policyAssignmentEffect reads it,
 * against the types `target` matches (a workspace's writers read it against Log Analytics and Azure Monitor).
 */
export function definitionPointerEffect(pointer: unknown, definitions: ReadonlyMap<string, { [key: string]: unknown }>, target: RegExp = POSTGRES_TYPES): PolicyEffect {
  return pointerEffect(pointer, definitions, new Set(), target);
}

/** The effect of the definition (or set) a pointer names: an assignment's, or one held by a set. */
function pointerEffect(pointer: unknown, definitions: ReadonlyMap<string, { [key: string]: unknown }>, seen: Set<string>, target: RegExp = POSTGRES_TYPES): PolicyEffect {
  if (typeof pointer === 'string') return builtInId(pointer) !== undefined ? undefined : 'unread';
  if (!isUnknown(pointer)) return 'unread';
  const addresses = pointer.references.map((reference) => DEFINITION_REFERENCE.exec(reference)?.[1] ?? '');
  if (addresses.length === 0 || addresses.some((address) => !definitions.has(address))) return 'unread';
  const effects = addresses.map((address) => definitionEffect(address, definitions, seen, target));
  return effects.includes('writes') ? 'writes' : effects.includes('unread') ? 'unread' : undefined;
}

function definitionEffect(address: string, definitions: ReadonlyMap<string, { [key: string]: unknown }>, seen: Set<string>, target: RegExp): PolicyEffect {
  const definition = definitions.get(address);
  if (definition === undefined || seen.has(address)) return undefined;
  seen.add(address);
  if (address.startsWith('azurerm_policy_set_definition.')) {
    // A set acts as the definitions it holds act, those its dynamic blocks point at included.
    const references = [...bodiesOf(definition.policy_definition_reference ?? []), ...dynamicContents(definition, 'policy_definition_reference')];
    const held = references.map((reference) => pointerEffect(isObject(reference) ? reference.policy_definition_id : undefined, definitions, seen, target));
    return held.includes('writes') ? 'writes' : held.includes('unread') ? 'unread' : undefined;
  }
  return isWriting(definition, target) ? 'writes' : undefined;
}

function isWriting(definition: { [key: string]: unknown }, target: RegExp): boolean {
  const rule = definition.policy_rule;
  if (isUnknown(rule) && !rule.expression.includes('{')) return true;
  const ruleText = typeof rule === 'string' ? rule : isUnknown(rule) ? rule.expression : JSON.stringify(rule ?? '');
  const text = `${ruleText}${JSON.stringify(definition.parameters ?? '')}`;
  if (!WRITING_EFFECT.test(text)) return false;
  if (target.test(text)) return true;
  if (ANY_TYPE.test(text)) return false;
  // A deployment beside every type may deploy anything; a modify or append on every type that only
  // writes tags (tag inheritance) cannot change a server's controls.
  if (/deployIfNotExists/i.test(text)) return true;
  const fields = [...text.matchAll(FIELD)].map((match) => match[1]);
  return fields.length === 0 || fields.some((field) => !/tags/i.test(field) && field !== 'type' && field !== 'name' && field !== 'location');
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
  /** True for an azurerm assignment, which writer-kinds.ts judges already unless its definition is built-in. */
  readonly azurerm: boolean;
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
  const azurerm = AZURERM_SCOPES.flatMap(([scope, attribute]) => (['assignment', 'exemption', 'remediation'] as const).flatMap((kind) => resourcesOfType(stack, `azurerm_${scope}_policy_${kind}`)
    .map((resource): PolicyWrite => ({ resource, kind, scope: resource.config[attribute], definition: resource.config.policy_definition_id, assignment: resource.config.policy_assignment_id, azurerm: true }))));
  const azapi = azapiWriters(stack).flatMap((resource): PolicyWrite[] => {
    const type = azapiType(resource);
    const kind = type === undefined ? undefined : AZAPI_KINDS.get(type);
    if (kind === undefined || type === undefined) return [];
    const scope = resource.type === 'azapi_resource' || resource.config.resource_id === undefined ? resource.config.parent_id : scopeOf(resource.config.resource_id, type);
    const read = bodyProperties(resource);
    const properties = isUnknown(read) || isObject(read) ? read : undefined;
    const definition = isUnknown(properties) ? properties : properties?.policyDefinitionId ?? new Unknown(`the definition of ${resource.address}, not in its body`, []);
    const assignment = isUnknown(properties) ? properties : properties?.policyAssignmentId;
    return [{ resource, kind, scope: scope ?? new Unknown(`the scope of ${resource.address}`, []), definition, assignment, azurerm: false }];
  });
  return [...azurerm, ...azapi];
}

/** The scope of an assignment's or exemption's ID ("<scope>/providers/Microsoft.Authorization/<type>/<name>"). */
function scopeOf(id: unknown, type: string): unknown {
  const text = typeof id === 'string' ? id : isUnknown(id) ? id.toString() : undefined;
  if (text === undefined) return undefined;
  const at = text.toLowerCase().lastIndexOf(`/providers/${type.toLowerCase()}/`);
  if (at < 0) return isUnknown(id) ? id : undefined;
  const scope = text.slice(0, at);
  return isUnknown(id) ? new Unknown(scope, id.references) : scope;
}

