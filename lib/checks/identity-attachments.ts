import { azapiType, requestBody, writes } from './azapi-writes';
import { isUnknown } from './hcl-expression';
import { judgedScopes } from './judged-scopes';
import { fromJudged, PerimeterObject, reachOf } from './perimeter-objects';
import { fail, StackFacts, Verdict } from './rule';
import { MODELLED_TYPES, ResourceView, ServerView } from './stack-model';

// Attaching a user-assigned identity to a workload lets the workload's code act as it, with every role it
// holds: the identities the server acts as are judged here by every writer of an attachment (A17a-4).

/**
 * The identities no workload of the stack may attach: those the server acts as (the table's), and a user-assigned identity of
 * the stack that is its Entra administrator (judged-scopes.ts), whose attachment is read here by every spelling too (A17a-4).
 */
export function attachableIdentities(server: ServerView, owner: string, objects: readonly PerimeterObject[], stack: StackFacts | undefined): PerimeterObject[] {
  const administrators = judgedScopes(server, owner, stack).filter((scope) => scope.kind === 'administrator' && scope.blocks.some((block) => block.type === 'azurerm_user_assigned_identity'));
  return [...objects.filter((object) => object.kind === 'identity'), ...administrators.map((scope) => fromJudged('identity', scope, stack))];
}

/** The identities a block attaches to itself: every `identity_ids` (any depth, any key case), a kubelet identity, an azapi body's `identity.userAssignedIdentities` keys. */
function attachedIdentities(block: ResourceView): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null && !isUnknown(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (key.toLowerCase() === 'identity_ids') found.push(...(Array.isArray(item) ? item : [item]));
        // A Kubernetes cluster's kubelet identity: every node's pods may get its tokens.
        else if (key.toLowerCase() === 'kubelet_identity') (Array.isArray(item) ? item : [item]).forEach((each) => found.push(typeof each === 'object' && each !== null && !isUnknown(each) ? (each as { readonly [key: string]: unknown }).user_assigned_identity_id : each));
        else walk(item);
      }
    }
  };
  walk(block.config);
  if (block.type.startsWith('azapi_') && writes(block)) {
    const body = requestBody(block);
    const identity = typeof body === 'object' && body !== null && !isUnknown(body) ? (body as { readonly [key: string]: unknown }).identity : undefined;
    const assigned = typeof identity === 'object' && identity !== null && !isUnknown(identity) ? (identity as { readonly [key: string]: unknown }).userAssignedIdentities : undefined;
    if (typeof assigned === 'object' && assigned !== null && !isUnknown(assigned)) found.push(...Object.keys(assigned));
  }
  return found;
}

/**
 * A workload of the stack (a VM, a web app, an azapi resource, any block with `identity_ids` or `userAssignedIdentities`)
 * that attaches an identity of `identities`: its code acts as that identity, with every role it holds, as a holder of Managed
 * Identity Operator on it could make it (seventeenth review, A17a-4). A server of PostgreSQL attaching it is the server's own use.
 */
export function identityAttachments(identities: readonly PerimeterObject[], stack: StackFacts | undefined): Verdict[] {
  if (identities.length === 0) return [];
  return [...stack?.resources?.values() ?? []].flatMap((block): Verdict[] => {
    if (MODELLED_TYPES.includes(block.type) || (block.type.startsWith('azapi_') && (azapiType(block) ?? '').startsWith('microsoft.dbforpostgresql/'))) return [];
    const values = attachedIdentities(block);
    const identity = identities.find((object) => values.some((value) => reachOf(object, value, stack) === 'is'));
    return identity === undefined ? [] : [fail(`${block.address} attaches ${identity.what} to a workload of its own: its code acts as that identity, with every role the identity holds (the power Managed Identity Operator on it gives), with no justification.`, block.address)];
  });
}
