/**
 * Azure Policy assignments that change resources: a definition whose effect is modify, append or
 * deployIfNotExists rewrites (or deploys beside) every resource it matches at the assignment's
 * scope, continuously and out of the rules' sight. Only definitions of the stack can be read; one
 * defined elsewhere has an effect the JSON does not say. Built-ins are Microsoft's, not the stack's.
 */
import { dynamicContents } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
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
const BUILT_IN = /^\/providers\/Microsoft\.Authorization\/policy(Set)?Definitions\/[^/]+$/i;

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

type PolicyEffect = 'writes' | 'unread' | undefined;

/** The effect of the definition (or set) a pointer names: an assignment's, or one held by a set. */
function pointerEffect(pointer: unknown, definitions: ReadonlyMap<string, { [key: string]: unknown }>, seen: Set<string>): PolicyEffect {
  if (typeof pointer === 'string') return BUILT_IN.test(pointer.trim()) ? undefined : 'unread';
  if (!isUnknown(pointer)) return 'unread';
  const addresses = pointer.references.map((reference) => DEFINITION_REFERENCE.exec(reference)?.[1] ?? '');
  if (addresses.length === 0 || addresses.some((address) => !definitions.has(address))) return 'unread';
  const effects = addresses.map((address) => definitionEffect(address, definitions, seen));
  return effects.includes('writes') ? 'writes' : effects.includes('unread') ? 'unread' : undefined;
}

function definitionEffect(address: string, definitions: ReadonlyMap<string, { [key: string]: unknown }>, seen: Set<string>): PolicyEffect {
  const definition = definitions.get(address);
  if (definition === undefined || seen.has(address)) return undefined;
  seen.add(address);
  if (address.startsWith('azurerm_policy_set_definition.')) {
    // A set acts as the definitions it holds act, those its dynamic blocks point at included.
    const references = [...bodiesOf(definition.policy_definition_reference ?? []), ...dynamicContents(definition, 'policy_definition_reference')];
    const held = references.map((reference) => pointerEffect(isObject(reference) ? reference.policy_definition_id : undefined, definitions, seen));
    return held.includes('writes') ? 'writes' : held.includes('unread') ? 'unread' : undefined;
  }
  return isWriting(definition) ? 'writes' : undefined;
}

function isWriting(definition: { [key: string]: unknown }): boolean {
  const rule = definition.policy_rule;
  if (isUnknown(rule) && !rule.expression.includes('{')) return true;
  const ruleText = typeof rule === 'string' ? rule : isUnknown(rule) ? rule.expression : JSON.stringify(rule ?? '');
  const text = `${ruleText}${JSON.stringify(definition.parameters ?? '')}`;
  if (!WRITING_EFFECT.test(text)) return false;
  if (/DBforPostgreSQL/i.test(text)) return true;
  if (ANY_TYPE.test(text)) return false;
  // A deployment beside every type may deploy anything; a modify or append on every type that only
  // writes tags (tag inheritance) cannot change a server's controls.
  if (/deployIfNotExists/i.test(text)) return true;
  const fields = [...text.matchAll(FIELD)].map((match) => match[1]);
  return fields.length === 0 || fields.some((field) => !/tags/i.test(field) && field !== 'type' && field !== 'name' && field !== 'location');
}
