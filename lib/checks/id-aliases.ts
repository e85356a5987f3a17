import { isUnknown } from './hcl-expression';
import type { StackFacts } from './rule';
import type { ResourceView, TerraformBlock } from './stack-model';
import { INSTANCE_KEY, traversalText } from './traversal-text';
import { nestedBlock } from './value-readers';

// Blocks whose `id` is the ID of another object, read in hashicorp/terraform-provider-azurerm
// (internal/services/<service>/<file>.go, 69697b7f): each parses the argument named here and sets it as
// its own ID (`d.SetId(x.ID())`, `metadata.SetID(x)`), so a reference to that `id` names the object the
// argument names (fourteenth review, A14b-8; seventieth run, A70b-1: `cats.id` is the server's ID the
// diagnostic categories lookup was given). Every reader of what an `id` points at goes through this one
// list: a reference to such an `id` is read as the argument, or, the block not found, as any ID (fail
// closed). Composite IDs ("<target>|<name>", "<nic>|<nsg>") and a child's own ID are no aliases.

/** Each such type (a data source as "data.<type>"), and the attribute that names the object its `id` is, with the file that says so. */
const ID_ALIASES: { readonly [type: string]: string } = {
  // network/subnet_*_association_resource.go: d.SetId(subnetId.ID()).
  azurerm_subnet_network_security_group_association: 'subnet_id',
  azurerm_subnet_route_table_association: 'subnet_id',
  azurerm_subnet_nat_gateway_association: 'subnet_id',
  // storage/storage_account_{customer_managed_key,network_rules}_resource.go: ParseStorageAccountID(d.Get("storage_account_id")), d.SetId(id.ID());
  // storage_account_{queue,table}_properties and static_website: metadata.SetID(accountID); securitycenter/security_center_storage_defender: NewScopeID(StorageAccountId).
  azurerm_storage_account_customer_managed_key: 'storage_account_id',
  azurerm_storage_account_network_rules: 'storage_account_id',
  azurerm_storage_account_queue_properties: 'storage_account_id',
  azurerm_storage_account_table_properties: 'storage_account_id',
  azurerm_storage_account_static_website: 'storage_account_id',
  azurerm_security_center_storage_defender: 'storage_account_id',
  // The others of that kind, each parsing its argument and setting it as its ID.
  azurerm_cognitive_account_customer_managed_key: 'cognitive_account_id',
  azurerm_databricks_workspace_root_dbfs_customer_managed_key: 'workspace_id',
  azurerm_eventhub_namespace_customer_managed_key: 'eventhub_namespace_id',
  azurerm_log_analytics_cluster_customer_managed_key: 'log_analytics_cluster_id',
  azurerm_managed_disk_sas_token: 'managed_disk_id',
  azurerm_container_app_environment_custom_domain: 'container_app_environment_id',
  azurerm_kubernetes_cluster_deployment_safeguard: 'kubernetes_cluster_id',
  azurerm_iotcentral_application_network_rule_set: 'iotcentral_application_id',
  azurerm_managed_redis_geo_replication: 'managed_redis_id',
  azurerm_mssql_job_schedule: 'job_id',
  azurerm_netapp_account_encryption: 'netapp_account_id',
  azurerm_palo_alto_local_rulestack_outbound_trust_certificate_association: 'certificate_id',
  azurerm_palo_alto_local_rulestack_outbound_untrust_certificate_association: 'certificate_id',
  azurerm_signalr_service_network_acl: 'signalr_service_id',
  azurerm_web_pubsub_network_acl: 'web_pubsub_id',
  azurerm_stream_analytics_job_storage_account: 'stream_analytics_job_id',
  // monitor/monitor_diagnostic_categories_data_source.go: d.SetId(commonids.NewScopeID(d.Get("resource_id")).ID()).
  'data.azurerm_monitor_diagnostic_categories': 'resource_id',
  // authorization/role_assignments_data_source.go: id := commonids.NewScopeID(state.Scope); metadata.SetID(id).
  'data.azurerm_role_assignments': 'scope',
  // keyvault/key_vault_{secrets,certificates}_data_source.go: d.SetId(keyVaultId.ID()).
  'data.azurerm_key_vault_secrets': 'key_vault_id',
  'data.azurerm_key_vault_certificates': 'key_vault_id',
  // storage/storage_containers_data_source.go, automation/automation_variables_data_source.go, datafactory/data_factory_trigger_schedules_data_source.go,
  // netapp/netapp_account_encryption_data_source.go, systemcentervirtualmachinemanager/..._inventory_items_data_source.go: metadata.SetID(<the parsed argument>).
  'data.azurerm_storage_containers': 'storage_account_id',
  'data.azurerm_automation_variables': 'automation_account_id',
  'data.azurerm_data_factory_trigger_schedules': 'data_factory_id',
  'data.azurerm_netapp_account_encryption': 'netapp_account_id',
  'data.azurerm_system_center_virtual_machine_manager_inventory_items': 'system_center_virtual_machine_manager_server_id',
};

/** Lookups that read a resource of any type (a search, azapi's reads): their `id` may be any object's. */
export const ANY_TYPE_LOOKUPS: readonly string[] = ['azurerm_resources', 'azapi_resource', 'azapi_resource_id', 'azapi_resource_list'];

/** A reference to the id of a block: its address (data, type and name, an instance key left out) and type. */
const ID_REFERENCE = new RegExp(String.raw`^((data\.)?([a-z0-9_]+)\.[^.[\]]+)(?:${INSTANCE_KEY})?\.id$`);

/** Whether a reference ("azurerm_subnet_route_table_association.rt.id") is to the id of an alias type. */
export function isAliasReference(reference: string): boolean {
  const found = ID_REFERENCE.exec(reference);
  return found !== null && aliasAttribute(found[2], found[3]) !== undefined;
}

/**
 * What a pointer that is a reference to an alias's id stands for: the aliased block's attribute
 * (followed through aliases of aliases); undefined when the pointer is no such reference or the
 * block is not found.
 */
export function aliasedPointer(pointer: unknown, find: (address: string) => ResourceView | undefined): unknown {
  return isUnknown(pointer) && pointer.isPlainReference ? aliasedValue(pointer.references[0], find) : undefined;
}

/**
 * What a pointer stands for, read through the stack's resources and lookups: the aliased block's argument when it is a
 * reference to an alias's id and that block is found, else the pointer as written (a reference to an alias not found
 * stays one, which isAliasReference lets readers treat as any ID).
 */
export function resolvedPointer(written: unknown, stack: StackFacts | undefined): unknown {
  return aliasedPointer(written, (address) => stack?.resources?.get(address) ?? stack?.lookups?.get(address)) ?? written;
}

/** What a reference to an alias's id stands for (aliasedPointer), from the reference's text. */
export function aliasedValue(reference: string, find: (address: string) => ResourceView | undefined): unknown {
  let current: unknown = undefined;
  let next: string | undefined = reference;
  // A few steps: a cycle of references is Terraform's error, not a reading.
  for (let step = 0; step < 5 && next !== undefined; step++) {
    const found = ID_REFERENCE.exec(next);
    const attribute = found === null ? undefined : aliasAttribute(found[2], found[3]);
    const block = attribute === undefined ? undefined : find(found![1]);
    // A block that ignores changes may hold another object than it names (imported from it: 74th run, A74b-4): read as any ID.
    if (block === undefined || ignoresChanges(block.config, attribute!)) return current;
    current = block.config[attribute!];
    next = isUnknown(current) && current.isPlainReference ? current.references[0] : undefined;
  }
  return current;
}

/** The argument whose value an alias's `id` is (`subnet_id` of an NSG association), by type (`data` "data." for a lookup), or undefined. */
export function aliasAttribute(data: string | undefined, type: string): string | undefined {
  const key = `${data ?? ''}${type}`;
  return Object.prototype.hasOwnProperty.call(ID_ALIASES, key) ? ID_ALIASES[key] : undefined;
}

/**
 * The arguments a block's lifecycle ignores changes to, each entry's first name ("tags" for `tags["owner"]`, blanks and comments
 * read as ignore-changes.ts reads them), or 'any': `all`, a lifecycle or an entry known only later, which may name any.
 */
function ignoredArguments(config: TerraformBlock): readonly string[] | 'any' {
  const lifecycle = nestedBlock(config, 'lifecycle');
  if (lifecycle.state === 'unknown') return 'any';
  const ignored = lifecycle.state === 'present' ? lifecycle.block.ignore_changes : undefined;
  if (ignored === undefined || ignored === null) return [];
  const entries: unknown[] = Array.isArray(ignored) ? ignored : [ignored];
  const names = entries.map((entry) => (typeof entry === 'string' ? /^[A-Za-z_][\w-]*/.exec(traversalText(entry))?.[0] : undefined));
  return names.some((name) => name === undefined || name === 'all') ? 'any' : names as string[];
}

/**
 * Whether a block's lifecycle ignores changes to `argument` (by name, as a path into it, or `all`; an entry known only later may
 * be any): what it holds there may be what it was given another way, imported from another object (74th run, A74b-4). Other
 * arguments it ignores (its tags) leave it as written (75th run, A75b-4).
 */
export function ignoresChanges(config: TerraformBlock, argument: string): boolean {
  const ignored = ignoredArguments(config);
  return ignored === 'any' || ignored.includes(argument);
}
