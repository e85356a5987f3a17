import { azapiType, parseJson, pointerBody, writes } from './azapi-writes';
import { ANYTHING, expressionReadings } from './expression-readings';
import { readsPointer } from './given-objects';
import { isUnknown } from './hcl-expression';
import { PerimeterObject, reachOf } from './perimeter-objects';
import { identitiesRead, identityObject } from './read-identities';
import { azureReaderOf, readerOf } from './read-types';
import { fail, StackFacts, Verdict } from './rule';
import { MODELLED_TYPES, ResourceView, ServerView } from './stack-model';

// Attaching a user-assigned identity to a workload lets the workload's code act as it, with every role it
// holds: the identities the server acts as are judged here by every writer of an attachment (A17a-4).

/**
 * The identities no workload of the stack may attach: those the server acts as (the table's), and a user-assigned identity of
 * the stack that is its Entra administrator, whose attachment is read here by every spelling too (A17a-4).
 */
export function attachableIdentities(server: ServerView, objects: readonly PerimeterObject[], stack: StackFacts | undefined): PerimeterObject[] {
  // Read as a login's identity is (read-identities.ts): through a function or a local, or an azapi identity (92nd run, A92c-1).
  const administrators = server.administrators.flatMap((administrator) => identitiesRead(administrator.config.object_id, stack)
    .map((address) => identityObject(address, (named) => `${named} (the Entra administrator of the server, by ${administrator.address})`, stack)));
  return [...objects.filter((object) => object.kind === 'identity'), ...administrators];
}

/**
 * ARM properties of azapi bodies known to attach user-assigned identities, by the Azure type that reads them (undefined: any
 * type), as paths: "*" each item of a list or member of a map, "keys" the names of a map's members. Not a table the reader
 * walks: ANY occurrence of the identity in a block attaches it (A19a-1); these are the class test's samples (A18a-9).
 */
export const ATTACHMENT_PATHS: readonly { readonly type?: string; readonly path: readonly string[] }[] = [
  // Every resource's own identities: the workload's code acts as each.
  { path: ['identity', 'userAssignedIdentities', 'keys'] },
  // A cluster's kubelet identity (azurerm's kubelet_identity): every pod on its nodes may get its tokens from IMDS.
  { type: 'microsoft.containerservice/managedclusters', path: ['properties', 'identityProfile', '*', 'resourceId'] },
  // An AAD pod identity binding: the pods of a namespace act as the identity.
  { type: 'microsoft.containerservice/managedclusters', path: ['properties', 'podIdentityProfile', 'userAssignedIdentities', '*', 'identity', 'resourceId'] },
];

/**
 * Where a block is placed, not what it holds: a write ON the identity (a policy at its scope, a child under it, an update of
 * it), which the identity kind of PG-CFG-8's net judges (judged-scopes.ts), not an attachment; and a block's own placement.
 */
export const IDENTITY_PLACEMENT: readonly string[] = ['scope', 'parent_id', 'resource_id', 'target_resource_id'];
const OWN_PLACEMENT = ['name', 'location', 'resource_group_name', 'tags', 'description', 'depends_on', 'replace_triggered_by', 'lifecycle',
  'provider', 'providers', 'count', 'for_each', 'timeouts', 'type', '//'];
/** The azapi arguments that hold the body it sends, read through azapi-writes.ts (merged, in any key case). */
const AZAPI_BODY = ['body', 'sensitive_body'];
/**
 * Blocks that only name an identity to reach the block's own customer-managed key (any key case): the service unwraps its key
 * with it and runs nothing as it there; where it attaches the identity too (`identity_ids`), that attachment is read (A19a-1).
 */
const ENCRYPTION_BLOCKS = ['customer_managed_key', 'customermanagedkey', 'encryption'];

type Json = { readonly [key: string]: unknown };
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);

/**
 * Every value a part of a block holds, at any depth, and the names of its maps' members (an identity map's keys are IDs): what
 * a JSON text holds, and what a `jsonencode(...)` encodes or the known objects of a `merge(...)` give, too; not under a block
 * of ENCRYPTION_BLOCKS. An expression in a block's place is a value too (it may be the identity).
 */
function valuesIn(value: unknown, found: unknown[] = []): unknown[] {
  // An object with a name known only later is its members, each name (a template key of an identity map is an ID) and value, as a
  // known object's are; not one text (95th run, A95a-5).
  if (isUnknown(value) && value.members !== undefined) membersIn(value.members, found);
  else if (isUnknown(value)) {
    found.push(value);
    [value.encodes, value.partly].forEach((inner) => inner !== undefined && inner !== null && typeof inner === 'object' && valuesIn(inner, found));
  } else if (typeof value === 'string') {
    found.push(value);
    const json = /^\s*[[{]/.test(value) ? parseJson(value) : undefined;
    if (json !== null && typeof json === 'object') valuesIn(json, found);
  } else if (Array.isArray(value)) value.forEach((each) => valuesIn(each, found));
  else if (isObject(value)) membersIn(Object.entries(value), found);
  return found;
}

/** valuesIn of an object's members: each name, and each value but those of ENCRYPTION_BLOCKS. */
function membersIn(members: readonly (readonly [unknown, unknown])[], found: unknown[]): void {
  for (const [name, item] of members) {
    if (typeof name === 'string' && ENCRYPTION_BLOCKS.includes(name.toLowerCase())) continue;
    found.push(name);
    valuesIn(item, found);
  }
}

/**
 * The values a block may attach an identity by: ANY occurrence in its content, as any argument, body path or key case of a type
 * may attach it (an Image Builder build VM, a Service Fabric node type, an HDInsight storage identity: A19a-1), not its placement.
 * An azapi block's body is read as azapi sends it (azapi-writes.ts); a part known only at apply time on the way is a value too.
 */
function attachedIdentities(block: ResourceView): unknown[] {
  const azapi = block.type.startsWith('azapi_');
  const found: unknown[] = [];
  const placed = [...OWN_PLACEMENT, ...IDENTITY_PLACEMENT, ...(azapi ? AZAPI_BODY : [])];
  valuesIn(Object.fromEntries(Object.entries(block.config).filter(([argument]) => !placed.includes(argument))), found);
  if (azapi && writes(block)) valuesIn(pointerBody(block), found);
  // A literal names an identity only by its ID (a path); expressions are read by their readings (perimeter-objects.ts).
  return found.filter((value) => isUnknown(value) || (typeof value === 'string' && value.includes('/')));
}

/**
 * The services that use an identity attached to them only to reach their own customer-managed key, and run no code of the
 * caller's that could act as it: attaching the server's encryption identity to them is a shared "encryption identity", a
 * common platform pattern, not a workload acting as it (eighteenth review, A18a-7). Each with its ARM type (azapi) and why.
 * Not here, as their code or configuration acts as an attached identity: compute (VMs, scale sets, App Service and Functions,
 * Container Apps and Instances, AKS, Batch), Automation, Logic Apps, Data Factory, Synapse, Databricks, Machine Learning,
 * deployment scripts, API Management (its policies call endpoints as it), Azure SQL (T-SQL calls endpoints as it), Event Hubs
 * (Capture writes to a destination as it), Redis (exports to storage as it), container registries, Recovery Services vaults (Azure
 * Backup and Site Recovery act as the vault's identity on protected data sources and storage accounts), Data Protection backup vaults
 * (read what they back up as it), Cognitive Search (indexers); and any type not listed.
 */
export const ENCRYPTION_ONLY_TYPES: readonly { readonly azurerm: string; readonly arm: string; readonly why: string }[] = [
  { azurerm: 'azurerm_storage_account', arm: 'microsoft.storage/storageaccounts', why: 'serves data; the identity wraps and unwraps its account key' },
  { azurerm: 'azurerm_mysql_flexible_server', arm: 'microsoft.dbformysql/flexibleservers', why: 'MySQL calls no endpoint as the server\'s identity; it unwraps its data key' },
  { azurerm: 'azurerm_cosmosdb_account', arm: 'microsoft.documentdb/databaseaccounts', why: 'its stored procedures run sandboxed, with no network; the identity unwraps its data key' },
  { azurerm: 'azurerm_disk_encryption_set', arm: 'microsoft.compute/diskencryptionsets', why: 'no code at all: the identity unwraps the disks\' keys' },
  // Nineteenth review, A19a-8, from each service's documentation of what it does with an attached user-assigned identity.
  { azurerm: 'azurerm_servicebus_namespace', arm: 'microsoft.servicebus/namespaces', why: 'a broker: its user-assigned identities are for bringing its own key (the namespace\'s identity properties), it calls no endpoint of the caller\'s as them' },
  { azurerm: 'azurerm_app_configuration', arm: 'microsoft.appconfiguration/configurationstores', why: 'serves key-values; the identity wraps and unwraps the store\'s encryption key (Key Vault references are resolved by the client, as the client)' },
  { azurerm: 'azurerm_log_analytics_cluster', arm: 'microsoft.operationalinsights/clusters', why: 'a dedicated cluster\'s identity is documented for its key (keyVaultProperties) only: it runs no code of the caller\'s' },
];

/** Whether a block is a service of ENCRYPTION_ONLY_TYPES (azurerm, or an azapi write of its ARM type). */
function encryptionOnly(block: ResourceView): boolean {
  const type = block.type.startsWith('azapi_') ? azapiType(block) : block.type;
  return ENCRYPTION_ONLY_TYPES.some((row) => row.azurerm === type || row.arm === type);
}

/**
 * Whether a value that may be the identity names it, not merely any text: a function the readers do not know over OTHER
 * variables (`element(split("/", var.vnet_id), 4)`, in any argument of any block) may make any text, which only an identity slot
 * may read as the identity (A18a-2). It names it by a literal, a reference or expression reading it, an expression of the
 * variable it was given by (`replace(var.cmk_identity, …)`, any function that may keep its text: the predicate role scopes and
 * federated credentials use, A20a-5), a reading that spells it, or text that names the identities' namespace.
 */
function named(object: PerimeterObject, value: unknown, stack: StackFacts | undefined): boolean {
  if (!isUnknown(value) || value.isPlainReference || namesIdentityNamespace(value)) return true;
  if (object.values.some((each) => isUnknown(each) && (each.toString().trim() === value.toString().trim() || readsPointer(value, each, stack)))) return true;
  const readings = expressionReadings(value, stack) ?? [];
  return readings.some((reading) => !reading.includes(ANYTHING) && reachOf(object, reading, stack) === 'is');
}

/** Whether a value's text names the user-assigned identities' namespace (its type or resource provider, in any letter case). */
export function namesIdentityNamespace(value: unknown): boolean {
  return /microsoft\.managedidentity|userassignedidentities/i.test(String(value));
}

/** A block another table reads toward the identity (a role grant, a federated credential: read-types.ts), judged there. */
function readElsewhere(block: ResourceView): boolean {
  const type = block.type.startsWith('azapi_') ? azapiType(block) : block.type;
  return type !== undefined && (block.type.startsWith('azapi_') ? azureReaderOf(type, false, 'identity') : readerOf(type, 'identity')) !== undefined;
}

/** A block of the stack that attaches one of the identities, and that identity. */
export interface IdentityAttachment {
  readonly block: ResourceView;
  readonly identity: PerimeterObject;
}

/**
 * A workload of the stack (a VM, a web app, an azapi resource, any block with `identity_ids` or `userAssignedIdentities`)
 * that attaches an identity of `identities`: its code acts as that identity, with every role it holds, as a holder of Managed
 * Identity Operator on it could make it (seventeenth review, A17a-4). A server of PostgreSQL attaching it is the server's own use; a
 * service that uses it only for its own encryption (ENCRYPTION_ONLY_TYPES) runs no code as it (A18a-7).
 */
export function attachmentsOf(identities: readonly PerimeterObject[], stack: StackFacts | undefined): IdentityAttachment[] {
  if (identities.length === 0) return [];
  return workloadIdentityValues(stack).flatMap(({ block, values }): IdentityAttachment[] => {
    const identity = identities.find((object) => values.some((value) => reachOf(object, value, stack) === 'is' && named(object, value, stack)));
    return identity === undefined ? [] : [{ block, identity }];
  });
}

/**
 * Blocks that only hold a value for others to read and run no code as any identity: terraform_data gives its `input` back as its
 * `output`, and a workload that attaches what it gives back is read through it (perimeter-objects.ts pointerGiven; 93rd run, A93b-2).
 */
const RELAYS = ['terraform_data'];

/**
 * The workloads of the stack, each with the values it may attach an identity by: every block but the servers of PostgreSQL (their
 * own use), the services that use an identity only for their own encryption, the blocks another table reads toward an identity,
 * and relays.
 */
export function workloadIdentityValues(stack: StackFacts | undefined): { readonly block: ResourceView; readonly values: readonly unknown[] }[] {
  return [...stack?.resources?.values() ?? []].flatMap((block) => {
    if (MODELLED_TYPES.includes(block.type) || (block.type.startsWith('azapi_') && (azapiType(block) ?? '').startsWith('microsoft.dbforpostgresql/')) || encryptionOnly(block) || readElsewhere(block) || RELAYS.includes(block.type)) return [];
    return [{ block, values: attachedIdentities(block) }];
  });
}

/** attachmentsOf, as PG-IAM-2 judges them for the identities the server acts as and its administrator's. */
export function identityAttachments(identities: readonly PerimeterObject[], stack: StackFacts | undefined): Verdict[] {
  return attachmentsOf(identities, stack).map(({ block, identity }) => fail(`${block.address} attaches ${identity.what} to a workload of its own: its code acts as that identity, with every role the identity holds (the power Managed Identity Operator on it gives), with no justification.`, block.address));
}
