/**
 * The one registry of the types the pack reads: each row is a reader and the table of types it reads
 * (Terraform resource types, and Azure types given to azapi, lower case without the API version),
 * taken from the reader's own table, and the kinds of scope its table judges them toward. A block that
 * points at what a construct's server depends on fails PG-CFG-8 (unread-writers.ts) unless a row judges
 * its type toward that kind of scope, or it is inert there (inert-types.ts): a table added later joins
 * here, and its types leave the net only for the scopes it judges (sixteenth run; per effect since the
 * seventeenth, A16a-4: a type read for one effect still writes others). test/checks/unread-writers.test.ts
 * holds every row to its kinds and every type a file of lib/checks names to this registry.
 */
import { azureTypeKey } from './azapi-writes';
import { AZAPI_FEDERATED, CREDENTIAL_TYPES } from './administrator-credentials';
import { AZUREAD_PRINCIPALS, PRINCIPAL_POSTS } from './principal-writers';
import { CONNECTIVITY_AZURE_TYPES, CONNECTIVITY_TYPES } from './connectivity-configurations';
import { DIRECTORY_WRITER, GROUP_TYPES, READ_OR_GRANTEE } from './administrator-groups';
import { AZAPI_NETWORK_TYPES } from './azapi-network';
import { LINK_TYPE, RECORD_TYPES } from './dns-zone-answers';
import { DEPLOYED_AZURE_TYPES, DEPLOYED_TYPES } from './manager-deployments';
import { RULE_TYPE as FORWARDING_RULE_TYPE } from './dns-forwarding-rules';
import { READ_IN_DATABASE } from './in-database-types';
import { FORWARDER_TYPES, FORWARDING_INPUT_AZURE_TYPES, FORWARDING_INPUT_TYPES } from './forwarding-paths';
import { APPLICATION_RULE_AZURE_TYPES, APPLICATION_RULE_TYPES } from './firewall-application-rules';
import { PLACEMENT_INPUT_TYPES } from './firewall-placements';
import { NGINX_CONFIGURATION_AZURE_TYPES, NGINX_CONFIGURATION_TYPES } from './nginx-configurations';
import { ARM_TYPES as AROUND_ARM_TYPES } from './network-writers';
import { NETWORK_ID_SEGMENTS } from './parent-id-pattern';
import { POLICY_AZURE_TYPES, POLICY_TYPES } from './policy-writers';
import { AZURERM_ROLE_TYPES, POLICY_CHILD, ROLE_TYPES } from './role-grants';
import { ADMIN_RULE_AZURE_TYPES, ADMIN_RULE_TYPES } from './security-admin-rules';
import { INERT_SERVER_POINTERS, SERVER_POINTERS } from './server-pointers';
import { MODELLED_TYPES } from './stack-model';
import { DEFENDER_PLAN_AZURE_TYPE } from './defender-plans';
import { SETTING_TYPE } from './threat-protection';
import { SNAT_AZURE_TYPES, SNAT_TYPES, SOURCE_REWRITER_TYPES } from './source-rewriters';
import { SOURCE_TRANSLATOR_AZURE_TYPES, SOURCE_TRANSLATOR_TYPES } from './source-translators';
import { VNET_WIDE_AZURE_TYPES, VNET_WIDE_TYPES } from './vnet-wide-writers';
import { DATA_EXPORT_TYPE } from './workspace-exports';
import { WORKSPACE_TYPE } from './workspace-pointers';
import { WORKSPACE_WRITER_AZURE_TYPES, WORKSPACE_WRITER_TYPES } from './workspace-writers';
import type { ScopeKind } from './judged-scopes';

/** A type as a table holds it: its exact name, or a pattern of names. */
export type TypePattern = string | RegExp;

/** One reader of the pack and the types its table reads. */
export interface TypeReader {
  /** The file (and rule) that reads them, for messages and tests. */
  readonly reader: string;
  /** Terraform resource types, e.g. "azurerm_role_assignment". */
  readonly types?: readonly TypePattern[];
  /** Azure types given to azapi, lower case without the API version, e.g. "microsoft.authorization/roleassignments". */
  readonly azureTypes?: readonly TypePattern[];
  /** True when the reader reads its types only where they act on a block of the stack, not on a subnet or zone given by ID. */
  readonly blocksOnly?: boolean;
  /** The kinds of scope (judged-scopes.ts) its table judges these types toward: toward any other, a block of them is still in the net. */
  readonly judges: readonly ScopeKind[];
}

/** Every reader and its table. Add a row (or a type to a reader's own table) when a reader is added, with the kinds of scope it judges. */
export const TYPE_READERS: readonly TypeReader[] = [
  // The server and its children are attached to their server; a second Entra administrator of another server names the same principal and gives it nothing here.
  { reader: 'stack-model.ts (the server rules)', types: MODELLED_TYPES, judges: ['server', 'administrator'] },
  { reader: 'stack-model.ts (PG-LOG-1: the server\'s log export)', types: ['azurerm_monitor_diagnostic_setting'], judges: ['server'] },
  { reader: 'stack-model.ts (PG-NET-*: the server\'s network)', types: ['azurerm_private_endpoint'], judges: ['server', 'network', 'dns'] },
  { reader: 'stack-model.ts (PGF-NET-7: the rules of the subnet\'s groups)', types: ['azurerm_subnet_network_security_group_association', 'azurerm_network_security_rule'], judges: ['network'] },
  { reader: 'parent-id-pattern.ts (the network rules, PG-CFG-3)', types: Object.keys(NETWORK_ID_SEGMENTS), judges: ['network', 'dns'] },
  { reader: 'second-resources.ts (PG-CFG-3)', types: ['azurerm_virtual_network'], judges: ['network'] },
  // The azapi forms of the network resources around a server, and their children: a write to the server's own fails PG-CFG-3 there.
  { reader: 'network-writers.ts (PG-CFG-3)', blocksOnly: true, azureTypes: Object.values(AROUND_ARM_TYPES).map((type) => new RegExp(`^${type.replace(/[.]/g, '\\.')}(?:/|$)`)), judges: ['network', 'dns'] },
  // The azapi forms of the network objects, read as their azurerm twins or failed closed, at the stack's own objects and at a given subnet or zone.
  { reader: 'azapi-network.ts (PG-CFG-3, the rules of the azurerm twins)', azureTypes: Object.keys(AZAPI_NETWORK_TYPES), judges: ['network', 'dns'] },
  // A link of another zone to the server's VNet changes what the VNet resolves: judged with the zone's answers.
  { reader: 'dns-zone-answers.ts (PGF-NET-*)', types: [...RECORD_TYPES, LINK_TYPE], judges: ['dns', 'network'] },
  { reader: 'dns-forwarding-rules.ts (PGF-NET-*)', types: [FORWARDING_RULE_TYPE], judges: ['dns', 'network'] },
  { reader: 'in-database-types.ts (PGD-*)', types: [...READ_IN_DATABASE], judges: ['server', 'administrator'] },
  { reader: 'server-pointers.ts (PG-CFG-3)', types: [...Object.keys(SERVER_POINTERS), ...Object.keys(INERT_SERVER_POINTERS)], judges: ['server'] },
  // The log workspace too: PG-IAM-2 judges roles on every object of the perimeter (perimeter-objects.ts).
  { reader: 'role-grants.ts (PG-IAM-2)', types: [...AZURERM_ROLE_TYPES, 'azurerm_lighthouse_assignment', 'azurerm_lighthouse_definition', 'azurerm_key_vault_access_policy'], azureTypes: [ROLE_TYPES, POLICY_CHILD, 'microsoft.managedservices/registrationassignments', 'microsoft.managedservices/registrationdefinitions'], judges: ['server', 'container', 'network', 'dns', 'vault', 'workspace', 'administrator', 'identity', 'key'] },
  // A federated credential on an identity the server acts as (its content naming the identity is read by identity-attachments.ts, any type).
  { reader: 'perimeter-objects.ts (PG-IAM-2: federated credentials)', types: ['azurerm_federated_identity_credential'], azureTypes: [AZAPI_FEDERATED], judges: ['identity'] },
  { reader: 'administrator-credentials.ts (PG-IAM-3)', types: [...CREDENTIAL_TYPES], azureTypes: [AZAPI_FEDERATED], judges: ['administrator'] },
  // The principals the stack makes, azuread blocks and Graph or REST posts read in their shape (A21a-6).
  { reader: 'principal-writers.ts (PG-IAM-3: the principals the stack makes)', types: [...Object.keys(AZUREAD_PRINCIPALS), ...Object.keys(PRINCIPAL_POSTS)], judges: ['administrator'] },
  { reader: 'administrator-groups.ts, administrator-policies.ts, open-groups.ts (PG-IAM-3: every directory writer that names an administrator; policies read as hardening or not)', types: [...GROUP_TYPES, ...READ_OR_GRANTEE, DIRECTORY_WRITER], judges: ['administrator'] },
  // An assignment on a scope that holds the server (PG-CFG-4), and one whose parameters send logs to a workspace (PG-LOG-1).
  { reader: 'policy-writers.ts (PG-CFG-4, PG-LOG-1)', types: POLICY_TYPES, azureTypes: POLICY_AZURE_TYPES, judges: ['server', 'container', 'workspace'] },
  { reader: 'threat-protection.ts (PGF-*-THR, PG-CFG-3)', types: ['azurerm_advanced_threat_protection'], azureTypes: [SETTING_TYPE], judges: ['server'] },
  // azurerm's form is read only without subscription_id (it then names no scope the net could see): with one, the net judges it.
  { reader: 'defender-plans.ts (PG-CFG-3)', azureTypes: [DEFENDER_PLAN_AZURE_TYPE], judges: ['container'] },
  { reader: 'workspace-pointers.ts (PG-LOG-1)', types: [WORKSPACE_TYPE], judges: ['workspace'] },
  { reader: 'workspace-exports.ts (PG-LOG-1)', types: ['azurerm_log_analytics_data_export_rule'], azureTypes: [DATA_EXPORT_TYPE], judges: ['workspace'] },
  // A Managed HSM's local role assignment is its access policy (PG-IAM-2 on the HSM of the customer-managed key).
  { reader: 'hsm-role-assignments.ts (PG-IAM-2)', types: ['azurerm_key_vault_managed_hardware_security_module_role_assignment', 'azurerm_key_vault_role_assignment'], judges: ['key'] },
  { reader: 'vaulted-password-scopes.ts, password-copies.ts (PG-IAM-2, PG-IAM-4)', types: ['azurerm_key_vault', 'azurerm_key_vault_secret'], judges: ['vault'] },
  { reader: 'PG-DEL-1.ts', types: ['azurerm_management_lock'], judges: ['server', 'container'] },
  // Forwarders and their inputs (load balancers, IP groups, DNS names) toward the server and the network it hangs in.
  { reader: 'forwarding-paths.ts (PG-NET-1)', types: [...FORWARDER_TYPES.filter((type) => type.startsWith('azurerm_')), ...FORWARDING_INPUT_TYPES], azureTypes: [...FORWARDER_TYPES.filter((type) => type.startsWith('microsoft.')), ...FORWARDING_INPUT_AZURE_TYPES], judges: ['server', 'network'] },
  // NGINXaaS configuration texts: read decoded by the network writers' scanner, failed closed when unreadable (A19a-5).
  { reader: 'nginx-configurations.ts (PG-NET-1)', types: NGINX_CONFIGURATION_TYPES, azureTypes: NGINX_CONFIGURATION_AZURE_TYPES, judges: ['network'] },
  // Admin rules; a group a static member puts the server's VNet in is itself a network scope of the net (unread-writers.ts), so what else configures the group stays judged.
  { reader: 'security-admin-rules.ts (PG-NET-1)', types: ADMIN_RULE_TYPES, azureTypes: ADMIN_RULE_AZURE_TYPES, judges: ['network'] },
  { reader: 'connectivity-configurations.ts, network-group-members.ts (PG-NET-1)', types: CONNECTIVITY_TYPES, azureTypes: CONNECTIVITY_AZURE_TYPES, judges: ['network'] },
  { reader: 'manager-deployments.ts (PG-NET-1)', types: DEPLOYED_TYPES, azureTypes: DEPLOYED_AZURE_TYPES, judges: ['network'] },
  { reader: 'workspace-writers.ts (PG-LOG-1)', types: WORKSPACE_WRITER_TYPES, azureTypes: WORKSPACE_WRITER_AZURE_TYPES, judges: ['workspace'] },
  // Gateways, Bastion, peerings and DNS servers: writers of a whole VNet the server is reachable in.
  { reader: 'vnet-wide-writers.ts (PG-NET-1)', types: VNET_WIDE_TYPES, azureTypes: VNET_WIDE_AZURE_TYPES, judges: ['network'] },
  // Gateway NAT rules, client pools and the connections that apply NAT rules: who is given an address the construct's allowedSources admit.
  { reader: 'source-translators.ts (PG-NET-1)', types: SOURCE_TRANSLATOR_TYPES, azureTypes: SOURCE_TRANSLATOR_AZURE_TYPES, judges: ['network'] },
  // Forwarders that connect from their own address (DNAT, proxies, Private Link NAT) and the firewall's SNAT ranges and network rules (A20b-3);
  // the secured hubs their firewalls sit in (A21b-2); the firewall's application rules, always SNATed (A21b-4).
  { reader: 'source-rewriters.ts (PG-NET-1)', types: [...new Set([...SOURCE_REWRITER_TYPES.filter((type) => type.startsWith('azurerm_')), ...SNAT_TYPES, ...PLACEMENT_INPUT_TYPES, ...APPLICATION_RULE_TYPES])],
    azureTypes: [...new Set([...SOURCE_REWRITER_TYPES.filter((type) => !type.startsWith('azurerm_')), ...SNAT_AZURE_TYPES, ...APPLICATION_RULE_AZURE_TYPES])], judges: ['network'] },
];

function matches(patterns: readonly TypePattern[] | undefined, type: string): boolean {
  return (patterns ?? []).some((pattern) => (typeof pattern === 'string' ? pattern === type : pattern.test(type)));
}

/** True when a row judges a kind of scope; every row, when no kind is asked. */
function judging(row: TypeReader, kind: ScopeKind | undefined): boolean {
  return kind === undefined || row.judges.includes(kind);
}

/** The reader of a Terraform resource type (toward a kind of scope, when given), or undefined when no table reads it there. */
export function readerOf(type: string, kind?: ScopeKind): string | undefined {
  return TYPE_READERS.find((row) => matches(row.types, type) && judging(row, kind))?.reader;
}

/**
 * The reader of an Azure type given to azapi ("Microsoft.X/y@version" in any case) (toward a kind of scope, when given), or
 * undefined when no table reads it there; `given` when the block acts on something the stack names by a pointer only (a subnet
 * given by ID), not by a block of its own.
 */
export function azureReaderOf(azureType: string, given = false, kind?: ScopeKind): string | undefined {
  const key = azureTypeKey(azureType);
  return TYPE_READERS.find((row) => matches(row.azureTypes, key) && !(given && row.blocksOnly === true) && judging(row, kind))?.reader;
}

/** The readers of a type (Terraform, or Azure when `azure`) toward any kind, with the kinds they judge, for PG-CFG-8's message. */
export function readersOf(type: string, azure = false): readonly TypeReader[] {
  return TYPE_READERS.filter((row) => matches(azure ? row.azureTypes : row.types, azure ? azureTypeKey(type) : type));
}

