/**
 * The blocks, of any stack of the app, that can delete a server's resource group, or everything in it, with the server inside: an
 * azurerm_resource_group of another stack (created or adopted; its own provider's guard decides), an azapi resource group (azapi
 * has no guard), and a template deployment from another stack, azurerm at any scope or an azapi Microsoft.Resources/deployments
 * (in the server's own stack PG-CFG-4 judges it): in Complete mode into the group, or whose template holds such a deployment (it
 * deletes what its template does not list), or, a resource group template deployment of azurerm, whose template deploys the group
 * (azurerm deletes what it deployed when it is destroyed, unless its provider turns features.template_deployment.
 * delete_nested_items_during_deletion off; at the other scopes, and in azapi, destroying a deployment deletes only its record). A
 * template the checks cannot read may do either, and another stack's module any of these. A group of another name or subscription,
 * both literal, is not the server's (adversarial run of stop 70, B40, B42; 71st run, B71-11, B71-12; 72nd run, C72-6).
 */
import { parameterValue } from './arm-parameters';
import { armKey, idKey } from './azure-keys';
import { azapiName, azapiParent, azapiType, azapiWriters, bodyProperties, parseJson, propertyInAnyCase } from './azapi-writes';
import { resourcesOfType } from './beside-construct';
import { guidKey } from './directory-pointers';
import { AnyText, isUnknown } from './hcl-expression';
import { resolvedGroup } from './name-parents';
import { literalSubscription, providerSubscriptionRelation } from './provider-facts';
import { providerReferenceKey } from './provider-references';
import { StackFacts } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { mayBeName } from './unknown-names';
import { isObject } from './terraform-json';

/**
 * How a block may delete the server's group: through its azurerm provider's guard, with none (azapi), by a Complete deployment, by
 * destroying a deployment that deployed the group ('deploys'), by a template the checks cannot read ('unread'), or by what a module
 * holds, which the checks do not read ('module').
 */
export type GroupManagerKind = 'azurerm' | 'azapi' | 'complete' | 'deploys' | 'unread' | 'module';

export interface GroupManager {
  readonly block: ResourceView;
  readonly kind: GroupManagerKind;
  /** 'same': the server's group; 'maybe': a name or subscription known only at apply time may make it so. */
  readonly relation: 'same' | 'maybe';
  /** The key of the azurerm provider the block runs with ("azurerm.<stack>__:" for another stack's default one). */
  readonly provider: string;
  /** A Complete deployment's mode is known only at apply time. */
  readonly later?: boolean;
}

type Relation = 'same' | 'other' | 'maybe';
/** Where a deployment deploys: a group's name (undefined: a scope above groups) and how its subscription is the server's. */
interface Target { readonly name: unknown; readonly subscription: Relation }
/** What a deployment's template may do to a group: deploy into it in Complete mode, deploy it, or anything ('unread'). */
interface Reach extends Target { readonly kind: 'complete' | 'deploys' | 'unread'; readonly later?: boolean }

const AZAPI_GROUP = 'microsoft.resources/resourcegroups';
const DEPLOYMENTS = 'microsoft.resources/deployments';
/** azurerm 3's resource group deployment (template_body, deployment_mode), gone from azurerm 4: a stack that pins azurerm 3 may hold it (C72-3). */
const LEGACY_DEPLOYMENT = 'azurerm_template_deployment';
/** azurerm's template deployments by scope: the resource group one deploys into resource_group_name (and deletes what it deployed when destroyed). */
const AZURERM_DEPLOYMENTS = ['azurerm_resource_group_template_deployment', 'azurerm_subscription_template_deployment', 'azurerm_management_group_template_deployment', 'azurerm_tenant_template_deployment', LEGACY_DEPLOYMENT];
/** A value that may be any name or mode. */
const ANY = new AnyText('(text known only at apply time)');
/** How deep nested deployments are read (deeper: read as a template that cannot be read). */
const MAX_DEPTH = 8;

/** The managers of a group that is, or may be, the server's. */
export function groupManagers(server: ServerView, stack: StackFacts | undefined): GroupManager[] {
  // The server's own stack's providers are judged whatever group they manage (group-deletion-guard.ts); its blocks in the report of
  // another stack joined to it (other-stacks.ts) are that stack's, the stack judged being then the other one.
  const place = (block: ResourceView) => stack?.placeOf?.(block).stack;
  const fromOtherStack = (block: ResourceView) => place(block) !== place(server);
  const groups = resourcesOfType(stack, 'azurerm_resource_group').filter(fromOtherStack)
    .map((block) => manager(server, block, 'azurerm', block.config.name, azurermSubscription(server, block, stack), stack));
  const azapi = resourcesOfType(stack, 'azapi_resource').filter((block) => azapiType(block) === AZAPI_GROUP)
    .map((block) => manager(server, block, 'azapi', azapiName(block), azapiSubscription(server, azapiParent(block), stack), stack));
  const deployments = [...AZURERM_DEPLOYMENTS.flatMap((type) => resourcesOfType(stack, type)), ...azapiWriters(stack).filter((block) => azapiType(block) === DEPLOYMENTS)]
    .filter(fromOtherStack).flatMap((block) => deploymentReach(server, block, stack).map((reach) => manager(server, block, reach.kind, reach.name, reach.subscription, stack, reach.later)));
  // Another stack's module may hold any of these, for any group (C72-6); the server's own stack's is a PG-CFG-4 command.
  const modules = resourcesOfType(stack, 'module').filter(fromOtherStack).map((block) => manager(server, block, 'module', ANY, 'maybe', stack));
  // A template may reach the group the same way twice: one manager for each way.
  const key = (found: GroupManager | undefined) => (found === undefined ? '' : `${found.block.address} ${found.kind} ${found.relation} ${found.later === true}`);
  return [...groups, ...azapi, ...deployments, ...modules].filter((found, index, all): found is GroupManager => found !== undefined && all.findIndex((other) => key(other) === key(found)) === index);
}

function manager(server: ServerView, block: ResourceView, kind: GroupManagerKind, name: unknown, subscription: Relation, stack: StackFacts | undefined, later?: boolean): GroupManager | undefined {
  const named = nameRelation(server, block, name, stack);
  if (named === undefined || subscription === 'other') return undefined;
  return { block, kind, relation: named === 'same' && subscription === 'same' ? 'same' : 'maybe', provider: providerOf(block), later };
}

/**
 * What a template deployment may do to a group: its own Complete mode into its group, and what its template does. The template is
 * azurerm's template_content (JSON text, or `jsonencode(...)`), azapi's body.properties.template; a template spec or link, or text
 * known only at apply time, cannot be read. What it deploys reaches a group only from azurerm's resource group scope (on destroy).
 */
function deploymentReach(server: ServerView, block: ResourceView, stack: StackFacts | undefined): Reach[] {
  // An azapi resource, update or PUT/PATCH action (the model reads an action as the request it sends) writes the deployment alike (C72-1, C72-2).
  const azapi = block.type.startsWith('azapi_');
  const properties = azapi ? bodyProperties(block) : undefined;
  if (azapi && !isJson(properties)) return properties === undefined ? [] : [{ kind: 'unread', name: ANY, subscription: 'maybe' }];
  const parameters = azapi ? propertyInAnyCase(properties, 'parameters') : readTemplate(block.config.parameters_content);
  const [target, mode, template] = azapi ? [azapiGroup(server, azapiParent(block), stack), armValue(propertyInAnyCase(properties, 'mode')), armTemplate(properties)]
    : [azurermTarget(server, block, stack), atGroupScope(block) ? block.config.deployment_mode : undefined,
      block.config.template_spec_version_id !== undefined ? undefined : readTemplate(block.type === LEGACY_DEPLOYMENT ? block.config.template_body : block.config.template_content)];
  const own: Reach[] = target.name !== undefined && mayBeComplete(mode) ? [{ kind: 'complete', ...target, later: isUnknown(mode) }] : [];
  const reach = [...own, ...templateReach(server, template, target, stack, parameters)];
  return block.type === 'azurerm_resource_group_template_deployment' ? reach : reach.filter((each) => each.kind !== 'deploys');
}

/**
 * What a deployment at `target` may do to a group by its template's resources (nested ones, and nested deployments', included), read
 * with the parameter values the deployment gives (`parameters`; a nested deployment's own are not followed).
 */
function templateReach(server: ServerView, template: unknown, target: Target, stack: StackFacts | undefined, parameters: unknown, depth = 0): Reach[] {
  const resources = templateResources(template);
  if (resources === undefined || depth > MAX_DEPTH) return [{ kind: 'unread', name: ANY, subscription: 'maybe' }];
  return resources.flatMap((resource): Reach[] => {
    const type = armValue(propertyInAnyCase(resource, 'type'));
    const subscriptionId = armValue(propertyInAnyCase(resource, 'subscriptionId'));
    const subscription = subscriptionId === undefined ? target.subscription : typeof subscriptionId === 'string' ? azapiSubscription(server, `/subscriptions/${subscriptionId}`, stack) : 'maybe';
    const kind = typeof type === 'string' ? armKey(type.trim()) : undefined;
    // A type known only at deployment may be a nested deployment in Complete mode.
    if (kind === undefined) return [{ kind: 'unread', name: ANY, subscription: 'maybe' }];
    if (kind === AZAPI_GROUP) return [{ kind: 'deploys', name: armValue(propertyInAnyCase(resource, 'name')), subscription }];
    if (kind !== DEPLOYMENTS) return [];
    const properties = propertyInAnyCase(resource, 'properties');
    const written = propertyInAnyCase(resource, 'resourceGroup');
    // "[parameters('rg')]" with a literal value given (C72-13); any other expression is any group.
    const read = (value: unknown) => armValue(parameterValue(value, parameters) ?? value);
    const group = read(written);
    const scope = propertyInAnyCase(resource, 'scope');
    // A nested deployment deploys into its resourceGroup, else into its parent's group in its parent's subscription (or its own, at its scope).
    // One that also writes a scope may deploy where either says (G74-4).
    const nested = scope === undefined ? { name: group ?? (subscriptionId === undefined ? target.name : undefined), subscription }
      : written === undefined && subscriptionId === undefined ? scopeTarget(server, read(scope), stack) : { name: ANY, subscription: 'maybe' as const };
    const mode = armValue(propertyInAnyCase(properties, 'mode'));
    const own: Reach[] = nested.name !== undefined && mayBeComplete(mode) ? [{ kind: 'complete', ...nested, later: isUnknown(mode) }] : [];
    return [...own, ...templateReach(server, armTemplate(properties), nested, stack, undefined, depth + 1)];
  });
}

/** The resources of a template, nested ones included; undefined when it cannot be read (no object, resources neither a list nor a map). */
function templateResources(template: unknown): { [key: string]: unknown }[] | undefined {
  if (!isJson(template)) return undefined;
  const written = propertyInAnyCase(template, 'resources');
  // languageVersion 2.0 keys its resources by symbolic name.
  const list = written === undefined ? [] : Array.isArray(written) ? written : isJson(written) ? Object.values(written) : undefined;
  if (list === undefined || !list.every(isJson)) return undefined;
  const resources = list as { [key: string]: unknown }[];
  const children = resources.map((each) => (propertyInAnyCase(each, 'resources') === undefined ? [] : templateResources(each)));
  return children.every((each) => each !== undefined) ? [...resources, ...children.flat()] : undefined;
}

/** A JSON object written as such (an Unknown is none). */
function isJson(value: unknown): value is { [key: string]: unknown } {
  return isObject(value) && !isUnknown(value);
}

/** A deployment's inline template; undefined (cannot be read) for a linked one or none. */
function armTemplate(properties: unknown): unknown {
  return readTemplate(propertyInAnyCase(properties, 'template'));
}

/** A template (or parameter values) given as an object, its JSON text, or `jsonencode(...)` of one; undefined when it cannot be read. */
function readTemplate(written: unknown): unknown {
  if (typeof written === 'string') return parseJson(written);
  return isUnknown(written) ? written.encodes : written;
}

/** A template's value, an ARM expression ("[parameters('group')]", not the escaped "[[...") read as any text. */
function armValue(value: unknown): unknown {
  return typeof value === 'string' && /^\s*\[(?!\[)[^]*\]\s*$/.test(value) ? ANY : typeof value === 'symbol' ? ANY : value;
}

/** An azurerm deployment into a resource group (resource_group_name, deployment_mode). */
function atGroupScope(block: ResourceView): boolean {
  return block.type === 'azurerm_resource_group_template_deployment' || block.type === LEGACY_DEPLOYMENT;
}

/** Where an azurerm deployment deploys: the resource group one into its group; the others above groups, in their provider's subscription. */
function azurermTarget(server: ServerView, block: ResourceView, stack: StackFacts | undefined): Target {
  if (atGroupScope(block)) return { name: block.config.resource_group_name, subscription: azurermSubscription(server, block, stack) };
  return { name: undefined, subscription: block.type === 'azurerm_subscription_template_deployment' ? azurermSubscription(server, block, stack) : 'maybe' };
}

/**
 * The group an azapi deployment's parent_id names, with its subscription: a literal ID, or the ID of an azurerm group of the stack;
 * another parent known only at apply time may be any group.
 */
function azapiGroup(server: ServerView, parent: unknown, stack: StackFacts | undefined): Target {
  const read = isUnknown(parent) && parent.isPlainReference ? /^(azurerm_resource_group\.[^.]+)\.id$/.exec(parent.references[0]) : null;
  const group = read === null ? undefined : stack?.resources?.get(read[1]);
  if (group !== undefined) return { name: group.config.name, subscription: azurermSubscription(server, group, stack) };
  if (isUnknown(parent)) return { name: ANY, subscription: 'maybe' };
  // A subscription or management group parent deploys above groups (its nested deployments name theirs).
  // A parent cut from a deployment's resource_id ends in its provider namespace ("<group>/providers/Microsoft.Resources").
  const found = typeof parent === 'string' ? /^subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?(?:\/providers\/microsoft\.resources)?$/.exec(idKey(parent)) : null;
  return { name: found?.[2], subscription: found === null ? 'maybe' : azapiSubscription(server, `/subscriptions/${found[1]}`, stack) };
}

/**
 * Where a nested deployment's `scope` deploys it: ARM documents it for a management group ("Microsoft.Management/managementGroups/<id>")
 * and the tenant ("/"), both above groups; a subscription's or a group's ID is read as that place. Whether ARM takes a group's ID
 * there is not documented: read as that group, so the server's group is the server's (G74-4). Any other value may be any group.
 */
function scopeTarget(server: ServerView, scope: unknown, stack: StackFacts | undefined): Target {
  if (typeof scope !== 'string') return { name: ANY, subscription: 'maybe' };
  const key = idKey(scope);
  if (scope.trim() === '/' || /^(?:providers\/)?microsoft\.management\/managementgroups\/[^/]+$/.test(key)) return { name: undefined, subscription: 'maybe' };
  const found = /^subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?$/.exec(key);
  return found === null ? { name: ANY, subscription: 'maybe' } : { name: found[2], subscription: azapiSubscription(server, `/subscriptions/${found[1]}`, stack) };
}

/** Whether a group name may be the server's: both read as literals (through the blocks they reference), else as what each may spell. */
function nameRelation(server: ServerView, block: ResourceView, name: unknown, stack: StackFacts | undefined): 'same' | 'maybe' | undefined {
  const own = server.config.resource_group_name;
  // The server reads the group block's name: its group, whatever the name.
  if (isUnknown(own) && own.isPlainReference && own.references[0] === `${block.address}.name`) return 'same';
  const [ours, theirs] = [resolvedGroup(own, stack?.resources), resolvedGroup(name, stack?.resources)];
  if (ours !== undefined && theirs !== undefined) return ours === theirs ? 'same' : undefined;
  if (ours !== undefined) return mayBeName(name, ours) ? 'maybe' : undefined;
  return theirs === undefined || mayBeName(own, theirs) ? 'maybe' : undefined;
}

/** The provider key a block names ("azurerm" when it names none). */
function providerOf(block: ResourceView): string {
  const written = block.config.provider;
  return typeof written === 'string' ? providerReferenceKey(written) ?? written : 'azurerm';
}

function azurermSubscription(server: ServerView, block: ResourceView, stack: StackFacts | undefined): 'same' | 'other' | 'maybe' {
  return providerSubscriptionRelation(server.config, block.config, stack?.azurermProviders ?? new Map());
}

/** An azapi group's subscription is its parent's ("/subscriptions/<id>"), compared with the server's provider's literal one. */
function azapiSubscription(server: ServerView, parent: unknown, stack: StackFacts | undefined): 'same' | 'other' | 'maybe' {
  const theirs = typeof parent === 'string' ? /^subscriptions\/([^/]+)$/.exec(idKey(parent))?.[1] : undefined;
  const ours = literalSubscription(server, stack?.azurermProviders ?? new Map());
  if (theirs === undefined || ours === undefined) return 'maybe';
  return (guidKey(theirs) ?? theirs) === (guidKey(ours) ?? ours) ? 'same' : 'other';
}

/**
 * A mode written that may be Complete: any but Incremental, which is "Incremental" in any case or fold, or 0 or "0" (ARM's JSON
 * reader takes an enum's number too, and DeploymentMode is Incremental = 0, Complete = 1: G74-2). A value it would refuse is read
 * as Complete all the same (fail closed); a mode known only at apply time may be Complete. No mode is Incremental (or refused).
 */
function mayBeComplete(mode: unknown): boolean {
  if (mode === undefined) return false;
  const text = typeof mode === 'string' ? armKey(mode.trim()) : mode;
  return !(text === 'incremental' || text === '0' || text === 0);
}
