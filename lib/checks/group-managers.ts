/**
 * The blocks, of any stack of the app, that can delete a server's resource group, or everything in it, with the server inside: an
 * azurerm_resource_group of another stack (created or adopted; its own provider's guard decides), an azapi resource group (azapi
 * has no guard), and a template deployment in Complete mode from another stack (it deletes what its template does not list; in
 * the server's own stack PG-CFG-4 judges it). A group of another name or subscription, both literal, is not the server's
 * (adversarial run of stop 70, B40, B42).
 */
import { idKey } from './azure-keys';
import { azapiName, azapiParent, azapiType } from './azapi-writes';
import { resourcesOfType } from './beside-construct';
import { guidKey } from './directory-pointers';
import { isUnknown } from './hcl-expression';
import { resolvedGroup } from './name-parents';
import { literalSubscription, providerSubscriptionRelation } from './provider-facts';
import { providerReferenceKey } from './provider-references';
import { StackFacts } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { mayBeName } from './unknown-names';

/** How a block may delete the server's group: through its azurerm provider's guard, with none (azapi), or by a Complete deployment. */
export type GroupManagerKind = 'azurerm' | 'azapi' | 'complete';

export interface GroupManager {
  readonly block: ResourceView;
  readonly kind: GroupManagerKind;
  /** 'same': the server's group; 'maybe': a name or subscription known only at apply time may make it so. */
  readonly relation: 'same' | 'maybe';
  /** The key of the azurerm provider the block runs with ("azurerm.<stack>__:" for another stack's default one). */
  readonly provider: string;
}

const AZAPI_GROUP = 'microsoft.resources/resourcegroups';

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
  const complete = resourcesOfType(stack, 'azurerm_resource_group_template_deployment').filter((block) => fromOtherStack(block) && mayBeComplete(block.config.deployment_mode))
    .map((block) => manager(server, block, 'complete', block.config.resource_group_name, azurermSubscription(server, block, stack), stack));
  return [...groups, ...azapi, ...complete].filter((found): found is GroupManager => found !== undefined);
}

function manager(server: ServerView, block: ResourceView, kind: GroupManagerKind, name: unknown, subscription: 'same' | 'other' | 'maybe', stack: StackFacts | undefined): GroupManager | undefined {
  const named = nameRelation(server, block, name, stack);
  if (named === undefined || subscription === 'other') return undefined;
  return { block, kind, relation: named === 'same' && subscription === 'same' ? 'same' : 'maybe', provider: providerOf(block) };
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

/** Complete mode, or a mode known only at apply time (azurerm accepts "Complete" and "Incremental"). */
function mayBeComplete(mode: unknown): boolean {
  return isUnknown(mode) || (typeof mode === 'string' && mode.trim().toLowerCase() === 'complete');
}
