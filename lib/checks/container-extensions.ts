/**
 * An azapi write of an extension resource of a container that holds the server (its resource group, a subscription, a
 * management group): its ID is `<container>/providers/<Namespace>/<type>/<name>`, and it acts on the container itself (a PIM
 * role management policy, a Virtual Network Manager connection, Defender plans, a cost export), as its azurerm twin does, which
 * names the container by `scope`, `subscription_id` or `management_group_id`; it is not a new, separate resource placed in the
 * group (nineteenth review, A19b-2). Under a subscription or a management group every type is one, but the few a subscription
 * holds as separate resources; under a resource group, the types of the namespaces and the types listed below.
 */
import { azapiTarget, azapiType } from './azapi-writes';
import { idKey, scopeAndType } from './azure-keys';
import { containingScope, mayHoldScope } from './containing-scopes';
import { isUnknown, Unknown } from './hcl-expression';
import { JudgedScope, perimeterContainerOf } from './judged-scopes';
import { StackFacts } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { splitTemplate } from './value-readers';

/** Types a subscription holds as separate resources (lower case, without the API version), with why they act on nothing else there. */
export const PLACED_IN_SUBSCRIPTIONS: { readonly [type: string]: string } = {
  'microsoft.resources/resourcegroups': 'a new resource group is a container of its own: it holds nothing of the server',
  'microsoft.resources/deployments': 'a deployment acts by what its template deploys, judged by PG-CFG-4 beside a server (what it deploys may reach it), as azurerm_subscription_template_deployment is',
};

/**
 * Extension resources of a resource group (top-level types, lower case): every type of the namespaces that only extend the scope
 * they are written at (Authorization, Security, Policy Insights, Lighthouse, Cost Management, Consumption, Advisor, Features,
 * Management), and single types of others.
 */
export const GROUP_EXTENSIONS: readonly RegExp[] = [
  /^microsoft\.(authorization|security|policyinsights|managedservices|costmanagement|consumption|advisor|features|management)\//,
  /^microsoft\.insights\/diagnosticsettings$/,
  // A deployment stack deletes or detaches what it does not manage and denies changes to what it does; tags and links describe.
  /^microsoft\.resources\/(tags|links|deploymentstacks)$/,
  /^microsoft\.network\/networkmanagerconnections$/,
  /^microsoft\.maintenance\/configurationassignments$/,
];

type Level = 'group' | 'subscription' | 'managementGroup';

const LEVELS: readonly (readonly [Level, RegExp])[] = [
  ['managementGroup', /^providers\/microsoft\.management\/managementgroups\/[^/]+$/],
  ['subscription', /^subscriptions\/[^/]+$/],
  ['group', /^subscriptions\/[^/]+\/resourcegroups\/[^/]+$/],
];
/** Plain references to a container of the stack or a lookup of one, by level. */
const REFERENCES: readonly (readonly [Level, RegExp])[] = [
  ['managementGroup', /^(data\.)?azurerm_management_group\.[^.]+\.id$/],
  ['subscription', /^data\.(azurerm_subscription\.[^.]+\.id|azapi_client_config\.[^.]+\.subscription_resource_id)$/],
  ['group', /^(data\.)?azurerm_resource_group\.[^.]+\.id$/],
];

/** The level of a container scope (a literal, a template with "?" for each interpolation, or a plain reference). */
function levelOf(scope: unknown): Level | undefined {
  if (isUnknown(scope) && scope.isPlainReference) return REFERENCES.find(([, pattern]) => pattern.test(scope.references[0]))?.[0];
  const text = isUnknown(scope) ? splitTemplate(scope.spelling, '?').literal : scope;
  return typeof text === 'string' ? LEVELS.find(([, pattern]) => pattern.test(idKey(text)))?.[0] : undefined;
}

/** True when a top-level type written at a container of a level extends it (acts on it), rather than being placed in it. */
function extendsContainer(type: string, level: Level): boolean {
  if (type === '?/?') return true;
  if (level === 'group') return GROUP_EXTENSIONS.some((pattern) => pattern.test(type));
  return level === 'managementGroup' || !Object.prototype.hasOwnProperty.call(PLACED_IN_SUBSCRIPTIONS, type);
}

/** The scope part of an azapi block's target ID (before its last "/providers/"), as written: a literal, or an Unknown. */
function scopeOf(target: unknown): unknown {
  const text = typeof target === 'string' ? target : isUnknown(target) ? target.toString() : undefined;
  const at = text?.toLowerCase().lastIndexOf('/providers/') ?? -1;
  if (text === undefined || at < 0) return undefined;
  const scope = text.slice(0, at);
  if (!isUnknown(target)) return scope;
  const plain = /^\$\{([^{}]+)\}$/.exec(scope.trim())?.[1]?.trim();
  if (plain !== undefined && target.references.includes(plain)) return new Unknown(plain, [plain]);
  return scope.includes('${') ? new Unknown(scope, target.references.filter((reference) => scope.includes(reference))) : scope;
}

/** The container an azapi block writes an extension resource of, for the message; `known` when its ID names the container whole. */
export interface ContainerExtension {
  readonly on: string;
  readonly argument: string;
  /** The container is a literal ID or a plain reference: the block's ID names it and nothing else (no interpolation may spell the server). */
  readonly known: boolean;
  /** A template that may be the server itself too: a type the server's rules read is judged there. */
  readonly orServer?: true;
}

/**
 * The container that holds the server an azapi block writes an extension resource of, for PG-CFG-8's message, with the argument
 * that places it there; undefined for any other block (a resource placed in the group, a container that does not hold the server).
 */
export function containerExtension(block: ResourceView, server: ServerView, stack: StackFacts | undefined, containers: readonly JudgedScope[] = []): ContainerExtension | undefined {
  const target = azapiTarget(block);
  const text = typeof target === 'string' ? target : isUnknown(target) ? target.toString() : undefined;
  // A type known only at apply time written under a parent may be any extension type of it.
  const later = azapiType(block) === undefined && block.config.parent_id !== undefined && block.config.resource_id === undefined;
  const written = later ? { type: '?/?' } : text === undefined ? undefined : scopeAndType(text);
  const scope = later ? block.config.parent_id : scopeOf(target);
  if (written === undefined || scope === undefined) return undefined;
  const holds = containingScope(server, scope, stack);
  // A template whose interpolations may spell a container that holds the server (or the server itself): of a level its literal
  // parts show, else read as a resource group's (only the types that extend whatever scope they are written at).
  const spelled = holds === undefined ? mayHoldScope(server, scope, stack) : undefined;
  // Else a container of another object of the perimeter (its workspace's group, a given identity's subscription: A19a-3).
  const other = holds === undefined && spelled === undefined ? perimeterContainerOf(scope, containers, stack) : undefined;
  const level = levelOf(scope) ?? (spelled === undefined ? other === undefined ? undefined : other.what.startsWith('the subscription') ? 'subscription' : 'group' : 'group');
  const type = written.type.split('/').slice(0, 2).join('/');
  if (level === undefined || (holds === undefined && spelled === undefined && other === undefined) || holds === 'the root scope' || !extendsContainer(type, level)) return undefined;
  const on = other !== undefined ? other.what : holds === undefined ? `${spelled}: the server ${server.address}` : `${holds.replace(/^its /, 'the ')}, which holds the server ${server.address}`;
  return {
    on: `${on} (an extension resource of it, which acts on it)`,
    argument: block.config.resource_id !== undefined ? 'resource_id' : 'parent_id',
    known: !isUnknown(scope) || scope.isPlainReference,
    ...(spelled === undefined ? {} : { orServer: true as const }),
  };
}
