import { azapiType, pointerBody, writes } from './azapi-writes';
import { everyBlock } from './dynamic-blocks';
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

/**
 * The ARM properties of an azapi body that attach user-assigned identities (read in any key case: azapi-writes.ts), by the
 * Azure type that reads them (undefined: any type), as paths: "*" each item of a list or member of a map, "keys" the names
 * of a map's members. The azurerm twins: `identity_ids` of any block, and `kubelet_identity` (A18a-9).
 */
export const ATTACHMENT_PATHS: readonly { readonly type?: string; readonly path: readonly string[] }[] = [
  // Every resource's own identities: the workload's code acts as each.
  { path: ['identity', 'userAssignedIdentities', 'keys'] },
  // A cluster's kubelet identity (azurerm's kubelet_identity): every pod on its nodes may get its tokens from IMDS.
  { type: 'microsoft.containerservice/managedclusters', path: ['properties', 'identityProfile', '*', 'resourceId'] },
  // An AAD pod identity binding: the pods of a namespace act as the identity.
  { type: 'microsoft.containerservice/managedclusters', path: ['properties', 'podIdentityProfile', 'userAssignedIdentities', '*', 'identity', 'resourceId'] },
];

/** The azurerm blocks that attach one identity by an argument of theirs (static or dynamic blocks, at any depth). */
const ATTACHMENT_BLOCKS: { readonly [block: string]: string } = { kubelet_identity: 'user_assigned_identity_id' };

type Json = { readonly [key: string]: unknown };
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);

/** The values at a path of the table in a body; a part known only at apply time on the way is a value too (it may be the identity). */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (isUnknown(value)) return [value];
  if (path.length === 0) return value === undefined || value === null ? [] : [value];
  const [head, ...rest] = path;
  if (head === 'keys') return isObject(value) ? Object.keys(value) : [];
  if (head === '*') return (Array.isArray(value) ? value : isObject(value) ? Object.values(value) : []).flatMap((item) => valuesAt(item, rest));
  return isObject(value) ? valuesAt(value[head], rest) : [];
}

/** The identities a block attaches to itself: every `identity_ids` (any depth, any key case), a kubelet identity (static or dynamic block), an azapi body's properties of the table. */
function attachedIdentities(block: ResourceView): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isObject(value)) {
      // A dynamic block's content is read as the block (dynamic-blocks.ts); an expression in its place may be the identity.
      for (const [name, argument] of Object.entries(ATTACHMENT_BLOCKS)) {
        found.push(...everyBlock(value, name).map((each) => each[argument]), ...Object.entries(value).filter(([key, item]) => key.toLowerCase() === name && isUnknown(item)).map(([, item]) => item));
      }
      for (const [key, item] of Object.entries(value)) {
        if (key.toLowerCase() === 'identity_ids') found.push(...(Array.isArray(item) ? item : [item]));
        else if (!Object.prototype.hasOwnProperty.call(ATTACHMENT_BLOCKS, key.toLowerCase())) walk(item);
      }
    }
  };
  walk(block.config);
  if (block.type.startsWith('azapi_') && writes(block)) {
    const body = pointerBody(block);
    const type = azapiType(block);
    found.push(...ATTACHMENT_PATHS.filter((row) => row.type === undefined || row.type === type).flatMap((row) => (isUnknown(body) ? [] : valuesAt(body, row.path))));
  }
  return found.filter((value) => value !== undefined && value !== null);
}

/**
 * The services that use an identity attached to them only to reach their own customer-managed key, and run no code of the
 * caller's that could act as it: attaching the server's encryption identity to them is a shared "encryption identity", a
 * common platform pattern, not a workload acting as it (eighteenth review, A18a-7). Each with its ARM type (azapi) and why.
 * Not here, as their code or configuration acts as an attached identity: compute (VMs, scale sets, App Service and Functions,
 * Container Apps and Instances, AKS, Batch), Automation, Logic Apps, Data Factory, Synapse, Databricks, Machine Learning,
 * deployment scripts, API Management (its policies call endpoints as it), Azure SQL (T-SQL calls endpoints as it), Event Hubs
 * (Capture writes to a destination as it), Redis (exports to storage as it), container registries; and any type not listed.
 */
export const ENCRYPTION_ONLY_TYPES: readonly { readonly azurerm: string; readonly arm: string; readonly why: string }[] = [
  { azurerm: 'azurerm_storage_account', arm: 'microsoft.storage/storageaccounts', why: 'serves data; the identity wraps and unwraps its account key' },
  { azurerm: 'azurerm_mysql_flexible_server', arm: 'microsoft.dbformysql/flexibleservers', why: 'MySQL calls no endpoint as the server\'s identity; it unwraps its data key' },
  { azurerm: 'azurerm_cosmosdb_account', arm: 'microsoft.documentdb/databaseaccounts', why: 'its stored procedures run sandboxed, with no network; the identity unwraps its data key' },
  { azurerm: 'azurerm_disk_encryption_set', arm: 'microsoft.compute/diskencryptionsets', why: 'no code at all: the identity unwraps the disks\' keys' },
];

/** Whether a block is a service of ENCRYPTION_ONLY_TYPES (azurerm, or an azapi write of its ARM type). */
function encryptionOnly(block: ResourceView): boolean {
  const type = block.type.startsWith('azapi_') ? azapiType(block) : block.type;
  return ENCRYPTION_ONLY_TYPES.some((row) => row.azurerm === type || row.arm === type);
}

/**
 * A workload of the stack (a VM, a web app, an azapi resource, any block with `identity_ids` or `userAssignedIdentities`)
 * that attaches an identity of `identities`: its code acts as that identity, with every role it holds, as a holder of Managed
 * Identity Operator on it could make it (seventeenth review, A17a-4). A server of PostgreSQL attaching it is the server's own use; a
 * service that uses it only for its own encryption (ENCRYPTION_ONLY_TYPES) runs no code as it (A18a-7).
 */
export function identityAttachments(identities: readonly PerimeterObject[], stack: StackFacts | undefined): Verdict[] {
  if (identities.length === 0) return [];
  return [...stack?.resources?.values() ?? []].flatMap((block): Verdict[] => {
    if (MODELLED_TYPES.includes(block.type) || (block.type.startsWith('azapi_') && (azapiType(block) ?? '').startsWith('microsoft.dbforpostgresql/')) || encryptionOnly(block)) return [];
    const values = attachedIdentities(block);
    const identity = identities.find((object) => values.some((value) => reachOf(object, value, stack) === 'is'));
    return identity === undefined ? [] : [fail(`${block.address} attaches ${identity.what} to a workload of its own: its code acts as that identity, with every role the identity holds (the power Managed Identity Operator on it gives), with no justification.`, block.address)];
  });
}
