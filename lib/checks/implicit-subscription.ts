/**
 * Blocks that act on their provider's subscription without naming it (queued after the nineteenth run, issue #12): Defender for
 * Cloud's settings, Advisor's, a resource provider's registration, subscription-level settings. Their azurerm form has no scope
 * argument, so no pointer of theirs reaches the PG-CFG-8 net (unread-writers.ts): the subscription they write is their provider's.
 * One of these families written without a scope argument, where its provider's subscription may hold the server or another
 * object of the perimeter, is a writer on that container: it fails the net unless a table reads it there or it is inert there
 * (inert-types.ts, each with its reason). A block that names its scope or target is read by the net as a pointer.
 */
import { idKey } from './azure-keys';
import { DEFENDER_PLAN_TYPE } from './defender-plans';
import { sourceRelation } from './data-source-aliases';
import { guidKey } from './directory-pointers';
import { inertReason } from './inert-types';
import type { JudgedScope } from './judged-scopes';
import { literalSubscription } from './provider-facts';
import { readerOf } from './read-types';
import { StackFacts } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { writerKind } from './writer-kinds';

/** The families of azurerm types whose object is an extension of their provider's subscription. */
export const IMPLICIT_SUBSCRIPTION_FAMILIES: readonly RegExp[] = [
  /^azurerm_security_center_/,
  /^azurerm_advisor_/,
  /^azurerm_subscription_/,
  /^azurerm_resource_provider_/,
  /^azurerm_maintenance_assignment_dynamic_scope$/,
];

/** Arguments by which a type of these families names its scope or target: one written makes the block a pointer the net reads. */
export const NAMING_ARGUMENTS = ['subscription_id', 'scope', 'scopes', 'target_resource_id', 'resource_id', 'virtual_machine_id', 'hybrid_machine_id', 'storage_account_id', 'recommendation_id', 'management_group_id'];

/** What a block acts on implicitly, for PG-CFG-8's message; undefined when it names its scope, is read or inert, or acts elsewhere. */
export function implicitSubscription(block: ResourceView, server: ServerView, containers: readonly JudgedScope[], stack: StackFacts | undefined): string | undefined {
  if (!IMPLICIT_SUBSCRIPTION_FAMILIES.some((family) => family.test(block.type))) return undefined;
  if (NAMING_ARGUMENTS.some((argument) => block.config[argument] !== undefined && block.config[argument] !== null)) return undefined;
  // Without subscription_id, Defender's plans are read by defender-plans.ts (PG-CFG-3).
  if (block.type === DEFENDER_PLAN_TYPE || readerOf(block.type, 'container') !== undefined || inertReason(block.type, 'container') !== undefined) return undefined;
  // A deployment at the subscription runs what its template holds: PG-CFG-4 judges it as a command (writer-kinds.ts), not twice.
  if (writerKind('resource', block, false)?.command === true) return undefined;
  const provider = typeof block.config.provider === 'string' ? block.config.provider : 'azurerm';
  const its = `the subscription of its provider ${JSON.stringify(provider)}`;
  if (sourceRelation(block.type, block.config, server.config, stack?.providers ?? []) !== 'other') return `${its}, which may hold the server ${server.address} (it names none, so it acts there)`;
  // Else the subscription of another object of the perimeter (perimeterContainers: a hub VNet's, a given identity's).
  const own = stack?.azurermProviders === undefined ? undefined : literalSubscription(block, stack.azurermProviders);
  const key = own === undefined ? undefined : guidKey(own) ?? own;
  const held = key === undefined ? undefined : containers.find((scope) => scope.kind === 'container' && scope.values.some((value) => {
    // Read as every reader reads an ID (azure-keys.ts idKey: "/subscriptions/<id>/" and "/subscriptions/<id>/." are it; run 35).
    const found = typeof value === 'string' ? /^subscriptions\/([^/]+)$/.exec(idKey(value)) : null;
    return found !== null && (guidKey(found[1]) ?? found[1].toLowerCase()) === key;
  }));
  return held === undefined ? undefined : `${its}, ${held.what} (it names none, so it acts there)`;
}
