/**
 * What an Azure Policy rule of the stack may write, read from the rule itself (its JSON), not from its
 * text: the effect (`then.effect`, or the values its parameter allows), the types its `if` may match, the
 * fields a modify or append writes and the types a deployIfNotExists template deploys (sixteenth review,
 * A16b-9, A16b-11). An ARM expression (`[concat(...)]`, `[parameters('t')]`), a value known only at apply
 * time, or a part that is absent is "may be anything": the rule fails closed.
 */
import { parameterName } from './arm-parameters';
import { propertyInAnyCase as prop } from './azapi-writes';
import { armKey } from './azure-keys';
import { isUnknown } from './hcl-expression';
import { managementSurfaceIn, mentionsIn } from './server-mentions';
import { isObject as isJsonObject, parseTerraformJson } from './terraform-json';

type Json = { readonly [key: string]: unknown };

/** A JSON object of the rule; a value known only later is none. */
function isObject(value: unknown): value is Json {
  return isJsonObject(value) && !isUnknown(value);
}

/**
 * The resource provider namespaces of the objects the promise covers (docs/security-rules.md "What the promise
 * covers"): PostgreSQL; the network around it (subnets, security groups, DNS zones and records, endpoints,
 * forwarders, Virtual Network Manager); role grants, policy and locks; Lighthouse; managed identities (their
 * credentials sign in as the administrator); Key Vault; diagnostic settings and the workspace; deployments and
 * deployment scripts (they deploy anything); Defender for Cloud. A policy writing a type of another namespace
 * (a storage account, a web app) writes outside it.
 */
export const PERIMETER_NAMESPACES: ReadonlySet<string> = new Set([
  'microsoft.dbforpostgresql', 'microsoft.network', 'microsoft.authorization', 'microsoft.managedservices', 'microsoft.managedidentity',
  'microsoft.keyvault', 'microsoft.insights', 'microsoft.operationalinsights', 'microsoft.resources', 'microsoft.security',
]);

/** The perimeter's types as one test: a type (or an alias, or a type pattern's literal start) of one of its namespaces. */
export const PERIMETER: RegExp = new RegExp(`^\\s*(${[...PERIMETER_NAMESPACES].map((namespace) => namespace.replace('.', '\\.')).join('|')})/`, 'i');

/** The effect that adds the VNets a rule matches to a network group (AVNM dynamic membership), lower case. */
const ADD_TO_NETWORK_GROUP = 'addtonetworkgroup';
/** What addToNetworkGroup writes: a network group's members. */
const NETWORK_GROUP_MEMBERS = 'Microsoft.Network/networkManagers/networkGroups';
/** The only mode Azure runs addToNetworkGroup in. */
const NETWORK_DATA_MODE = 'microsoft.network.data';

/** Types that run a command or deploy a template of their own wherever they are (writer-kinds.ts reads them as commands). */
const DEPLOYING = /^\s*Microsoft\.(Resources\/(deployments|deploymentScripts|deploymentStacks)|(Compute|HybridCompute)\/.+\/(extensions|runCommands))(\/|$)/i;

/**
 * The effects that change what they match, or deploy beside it; addToNetworkGroup writes the membership of a Virtual
 * Network Manager network group (A17b-1). Deny and denyAction only refuse a request, loudly (as a lock does).
 */
export const WRITING_EFFECTS: ReadonlySet<string> = new Set(['modify', 'append', 'deployifnotexists', ADD_TO_NETWORK_GROUP]);

/**
 * Whether a policy rule may write a type `target` accepts (the perimeter by default): its effect may be a writing
 * one (its own, or one an assignment's override gives), and what that effect writes is not provably outside. A rule
 * or parameters that cannot be read write.
 */
export function ruleWrites(rule: unknown, parameters: unknown, target: RegExp = PERIMETER, overridden: readonly string[] | 'any' = []): boolean {
  const read = readJson(rule);
  const own = ruleEffects(read, parameters);
  // An assignment's effect overrides (policy-overrides.ts) are effects it may have too.
  if (!isObject(read) || own === undefined || overridden === 'any') return true;
  const effects = [...own, ...overridden];
  const writing = effects.filter((effect) => WRITING_EFFECTS.has(effect));
  const then = prop(read, 'then') as Json;
  const details = prop(then, 'details');
  return writing.some((effect) => {
    if (effect === 'deployifnotexists') return deploysInto(details, target);
    // It adds what its `if` matches (VNets) to a group: a write of the group's members.
    if (effect === ADD_TO_NETWORK_GROUP) return writesType(NETWORK_GROUP_MEMBERS, target) && mayMatch(prop(read, 'if'), target);
    return changesInto(effect, prop(read, 'if'), details, target);
  });
}

/**
 * The effects a rule (parsed, or its JSON text) may have, lower case, decoded as Azure decodes the JSON (escapes, any
 * case): undefined for any (a rule, a `then` or parameters that cannot be read, an expression, a parameter without allowedValues).
 */
function ruleEffects(read: unknown, parameters: unknown): readonly string[] | undefined {
  const then = isObject(read) ? prop(read, 'then') : undefined;
  if (!isObject(then)) return undefined;
  return effectsOf(prop(then, 'effect'), parameters === undefined ? {} : readJson(parameters));
}

/**
 * Why a policy definition may add VNets to Azure Virtual Network Manager network groups (dynamic membership), or
 * undefined: its effect may be addToNetworkGroup, read from its JSON (seventeenth review, A17b-1), or its effect is
 * not in the JSON and its mode (Microsoft.Network.Data, any case) may be the one Azure runs that effect in.
 */
export function fillsNetworkGroups(rule: unknown, parameters: unknown, mode: unknown): string | undefined {
  const effects = ruleEffects(readJson(rule), parameters);
  if (effects !== undefined) return effects.includes(ADD_TO_NETWORK_GROUP) ? 'its effect is addToNetworkGroup' : undefined;
  const networkData = typeof mode !== 'string' || isExpression(mode) || armKey(mode.trim()) === NETWORK_DATA_MODE;
  return networkData ? 'its effect is not in the JSON and its mode may be Microsoft.Network.Data' : undefined;
}

/** A property of a policy's JSON, its name in any case (as ARM reads it); two spellings of one name are neither. */
export { prop };

/**
 * A value that is JSON text (or a value known only later whose text is JSON), parsed; undefined when it is not. A property
 * written twice is read as the list of both (parseTerraformJson), which no reader here takes for one value: which of the two
 * Azure keeps is not known.
 */
function readJson(value: unknown): unknown {
  const text = typeof value === 'string' ? value : isUnknown(value) ? value.spelling : undefined;
  if (text === undefined) return isUnknown(value) ? undefined : value;
  try {
    return parseTerraformJson(text);
    // Stryker disable next-line BlockStatement: equivalent: an empty catch block returns undefined too
  } catch {
    return undefined;
  }
}

/** A value of the rule the JSON does not say: an ARM expression ("[...]", "[[" escapes a literal "["), or a Terraform interpolation. */
function isExpression(value: unknown): boolean {
  return typeof value !== 'string' || (value.trim().startsWith('[') && !value.trim().startsWith('[[')) || value.includes('${') || value.includes('%{');
}

/** The effects a rule may have, folded as ARM compares them (armKey): its literal effect, or every value its parameter allows; undefined for any. */
function effectsOf(effect: unknown, parameters: unknown): readonly string[] | undefined {
  if (typeof effect === 'string' && !isExpression(effect)) return [armKey(effect.trim())];
  const name = parameterName(effect);
  // Parameters that cannot be read may declare any values.
  const declared = name === undefined || !isObject(parameters) ? undefined : prop(parameters, name);
  const allowed = isObject(declared) ? prop(declared, 'allowedValues') : undefined;
  // A parameter without allowedValues takes any effect its assignment gives.
  if (!Array.isArray(allowed) || allowed.some((value) => typeof value !== 'string' || isExpression(value))) return undefined;
  return allowed.map((value: string) => armKey(value.trim()));
}

/** Whether a deployIfNotExists deploys a type `target` accepts, a deploying type, or text that addresses PostgreSQL's management. */
function deploysInto(details: unknown, target: RegExp): boolean {
  if (!isObject(details)) return true;
  const deployment = prop(details, 'deployment');
  const properties = isObject(deployment) ? prop(deployment, 'properties') : undefined;
  const template = isObject(properties) ? prop(properties, 'template') : undefined;
  if (!isObject(template)) return true;
  const types = templateTypes(prop(template, 'resources'), undefined);
  if (types === undefined) return true;
  if ([prop(details, 'type'), ...types].some((type) => isExpression(type) || writesType(type as string, target) || DEPLOYING.test(armKey(type as string)))) return true;
  return managementSurfaceIn(mentionsIn(template).texts) !== undefined;
}

/**
 * The types a template's resources deploy (a list, or an object by symbolic name), nested ones included: a nested
 * resource's type without a namespace ("blobServices") is its parent's child; undefined when one cannot be read.
 */
function templateTypes(resources: unknown, parent: unknown): readonly unknown[] | undefined {
  const list = Array.isArray(resources) ? resources : isObject(resources) ? Object.values(resources) : resources === undefined ? [] : undefined;
  if (list === undefined || !list.every((resource) => isObject(resource))) return undefined;
  const types = list.map((resource: Json) => {
    const type = prop(resource, 'type');
    return typeof parent === 'string' && typeof type === 'string' && !isExpression(parent) && !isExpression(type) && !type.includes('.') ? `${parent}/${type}` : type;
  });
  const nested = list.map((resource: Json, index) => templateTypes(prop(resource, 'resources'), types[index]));
  return nested.some((each) => each === undefined) ? undefined : [...types, ...nested.flatMap((each) => each ?? [])];
}

/** Whether a type (or alias) written as a literal is one `target` accepts, folded as ARM compares it (G74-1); one without a namespace may be any. */
function writesType(type: string, target: RegExp): boolean {
  return !type.includes('/') || target.test(armKey(type));
}

/**
 * Whether a modify or append writes a type `target` accepts: a field of it (an alias names its type), or any
 * other field but tags on what the rule's `if` may match; no readable field writes what the `if` matches.
 */
function changesInto(effect: string, condition: unknown, details: unknown, target: RegExp): boolean {
  if (!mayMatch(condition, target)) return false;
  const operations = effect === 'modify' ? (isObject(details) ? prop(details, 'operations') : undefined) : Array.isArray(details) ? details : isObject(details) ? [details] : undefined;
  if (!Array.isArray(operations) || operations.length === 0) return true;
  return operations.some((operation) => {
    const field = isObject(operation) ? prop(operation, 'field') : undefined;
    if (typeof field === 'string' && TAGS.test(field)) return false;
    if (isExpression(field)) return true;
    return writesType(field as string, target);
  });
}

/** A field that is a tag: "tags", "tags.x", "tags['x']", or one put together from "tags[" (tag inheritance by a parameter). */
const TAGS = /^\s*(tags(\s*$|\.|\[)|\[\s*concat\(\s*'tags\[')/i;

/**
 * Whether a policy condition may match a resource of a type `target` accepts: false only when its `type`
 * conditions say every match is of another type (allOf: one such part; anyOf: every part). A condition on
 * anything else, a negation, or a type given by an expression may match any type.
 */
function mayMatch(condition: unknown, target: RegExp): boolean {
  if (!isObject(condition)) return true;
  const allOf = prop(condition, 'allOf');
  const anyOf = prop(condition, 'anyOf');
  if (Array.isArray(allOf)) return allOf.every((part) => mayMatch(part, target));
  if (Array.isArray(anyOf)) return anyOf.length === 0 || anyOf.some((part) => mayMatch(part, target));
  const field = prop(condition, 'field');
  if (typeof field !== 'string' || armKey(field.trim()) !== 'type') return true;
  const equals = prop(condition, 'equals');
  const among = prop(condition, 'in');
  const like = prop(condition, 'like');
  const types = equals !== undefined ? [equals] : Array.isArray(among) ? among : like !== undefined ? [typeof like === 'string' ? like.split('*')[0] : like] : undefined;
  if (types === undefined) return true;
  return types.some((type) => isExpression(type) || writesType(type as string, target));
}
