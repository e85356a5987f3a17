/**
 * Types that point at what a construct's server depends on without acting on it, each with why it is
 * inert: they pass PG-CFG-8 though no table reads them. An entry with `on` is inert only toward those
 * kinds of scope (an application sending its own telemetry into the log workspace acts on no subnet).
 * Each entry is held inert by test/checks/inert-types.test.ts; a type that can weaken a scope is no entry.
 */
import { azapiTarget, azapiType, writes } from './azapi-writes';
import { scopeAndType } from './azure-keys';
import { isUnknown } from './hcl-expression';
import type { ScopeKind } from './judged-scopes';
import { azureReaderOf, readerOf, TypePattern } from './read-types';
import type { ResourceView } from './stack-model';
import { INERT_WORKSPACE_WRITERS } from './workspace-writers';

/** A type that points at a scope without acting on it, and why. */
export interface InertType {
  readonly type: TypePattern;
  readonly reason: string;
  /** The kinds of scope it is inert toward; every kind when not given. */
  readonly on?: readonly ScopeKind[];
}

/**
 * One inert writer in both its forms: the Terraform type and the Azure type azapi writes it with (lower case, without the API
 * version), held together so that a twin cannot be inert on one side only (nineteenth review, A19b-6). A row without one of
 * them says why none exists.
 */
export interface InertWriter {
  readonly type?: TypePattern;
  readonly azureType?: TypePattern;
  /** Why the row has no Azure type (no ARM resource of its own: a property of another, or nothing in Azure). */
  readonly noAzureType?: string;
  readonly reason: string;
  readonly on?: readonly ScopeKind[];
}

const ALERT = 'an alert or its action group only watches what it names and tells someone: it changes nothing there';
const SAVED_QUERY = 'a saved query runs only when someone runs it: it changes no log, table, retention or access of the workspace';
const SENTINEL_CONNECTOR = 'a Microsoft Sentinel data connector brings another source\'s data into the workspace: it cannot remove, redirect or shorten what the server sends there';
const RESOLVER = 'a DNS Private Resolver and its inbound and outbound endpoints answer the queries sent to them with what the VNet resolves, or carry queries out: they change no answer and open no path to the server (what changes answers, a forwarding rule and a ruleset\'s link to a VNet, is read by dns-forwarding-rules.ts and vnet-wide-writers.ts)';
const RULESET = 'a DNS forwarding ruleset acts only through its links to VNets (vnet-wide-writers.ts: a ruleset the stack does not write fails there) and its rules (dns-forwarding-rules.ts)';
const SENDS_LOGS = 'sends its own telemetry into the workspace: it sets no retention, export, table or access of the logs there';
const MARKER = 'a marker holds the values it is given (its provisioners are judged by PG-CFG-3 and PG-CFG-4)';
const NOT_IN_AZURE = 'it writes nothing in Azure';
const ROUTES = 'routes and NAT gateways steer traffic the subnet\'s network security group still judges, and only outbound (a hub firewall\'s inspection route names the subnet): no path into the server opens';

/** The workspace writers workspace-writers.ts holds inert toward the workspace, with its reasons (one list for both readers). */
// Those another table reads (a data export: workspace-exports.ts) are judged there, not inert.
const WORKSPACE_INERT = [...INERT_WORKSPACE_WRITERS].filter(([type]) => (type.includes('/') ? azureReaderOf(type) : readerOf(type)) === undefined)
  .map(([type, reason]): InertWriter => (type.includes('/') ? { azureType: type, reason, on: ['workspace'] } : { type, reason, on: ['workspace'], noAzureType: 'its Azure form is held by workspace-writers.ts too (inert there, or read as a writer of the workspace)' }));

/** The inert writers, each in its Terraform and its Azure form (lower case, without the API version). */
export const INERT_WRITERS: readonly InertWriter[] = [
  ...WORKSPACE_INERT,
  { type: /^azurerm_monitor_(metric_alert|activity_log_alert|scheduled_query_rules_alert(_v2)?|scheduled_query_rules_log|smart_detector_alert_rule|action_group)$/,
    azureType: /^microsoft\.(insights\/(metricalerts|activitylogalerts|scheduledqueryrules|actiongroups|smartdetectoralertrules)|alertsmanagement\/smartdetectoralertrules)$/, reason: ALERT },
  { type: /^azurerm_consumption_budget_(resource_group|subscription|management_group)$/, azureType: 'microsoft.consumption/budgets', reason: 'a budget counts the cost of its scope and notifies: it changes nothing there' },
  { type: /^azurerm_cost_anomaly_alert$/, azureType: 'microsoft.costmanagement/scheduledactions', reason: `${ALERT} (a scheduled action only mails a cost view or alert)` },
  { type: 'azurerm_portal_dashboard', azureType: 'microsoft.portal/dashboards', reason: 'a dashboard shows what it names: it changes nothing there' },
  { type: 'azurerm_application_insights_workbook', azureType: 'microsoft.insights/workbooks', reason: 'a workbook shows queries of what it names: it changes nothing there' },
  { type: 'azurerm_advisor_suppression', azureType: 'microsoft.advisor/recommendations/suppressions', reason: 'it hides an Advisor recommendation from view: the resource is unchanged' },
  { type: 'terraform_data', noAzureType: NOT_IN_AZURE, reason: MARKER },
  { type: 'null_resource', noAzureType: NOT_IN_AZURE, reason: MARKER },
  { type: /^time_\w+$/, noAzureType: NOT_IN_AZURE, reason: 'a clock or a wait acts on nothing in Azure' },
  { type: /^random_\w+$/, noAzureType: NOT_IN_AZURE, reason: 'a generator acts on nothing in Azure; a copy of what it makes is judged by PG-IAM-4' },
  { type: 'azurerm_role_definition', azureType: 'microsoft.authorization/roledefinitions', reason: 'a role definition grants nothing until a role assignment, judged on its own (PG-IAM-2), gives it to someone' },
  { type: /^azurerm_policy_(set_)?definition$/, azureType: /^microsoft\.authorization\/(policydefinitions|policysetdefinitions)$/, reason: 'a policy definition acts only through an assignment, judged on its own (policy-writers.ts)' },
  { type: /^azurerm_log_analytics_(saved_search|query_pack_query)$/, azureType: /^microsoft\.operationalinsights\/(workspaces\/savedsearches|querypacks\/queries)$/, reason: SAVED_QUERY, on: ['workspace'] },
  { type: 'azurerm_network_watcher_flow_log', azureType: 'microsoft.network/networkwatchers/flowlogs', reason: 'a flow log records the traffic its network security group or VNet sees (traffic analytics sends it into a workspace): it changes no rule, no path and no log there', on: ['network', 'workspace'] },
  { type: 'azurerm_security_center_workspace', azureType: 'microsoft.security/workspacesettings', reason: 'tells Defender for Cloud which workspace its agents send their data to: it changes nothing in the subscription, and sets no retention, export, table or access of the logs there', on: ['workspace', 'container'] },
  { type: 'azurerm_monitor_private_link_scoped_service', azureType: 'microsoft.insights/privatelinkscopes/scopedresources', reason: 'adds the workspace to a Monitor private link scope: a private path to it, where reading its logs still needs a role on it (PG-IAM-2); it moves, shortens or re-keys none of them', on: ['workspace'] },
  // Their Azure types are read as their azurerm twins (azapi-network.ts): the same row keeps them inert toward the network.
  { type: /^azurerm_(route_table|route)$/, azureType: /^microsoft\.network\/routetables(\/routes)?$/, reason: ROUTES, on: ['network'] },
  { type: /^azurerm_subnet_(route_table|nat_gateway)_association$/, noAzureType: 'a property of the subnet (its routeTable or natGateway), read with the subnet\'s azapi write (azapi-network.ts)', reason: ROUTES, on: ['network'] },
  { type: /^azurerm_private_dns_resolver(_inbound_endpoint|_outbound_endpoint)?$/, azureType: /^microsoft\.network\/dnsresolvers(\/inboundendpoints|\/outboundendpoints)?$/, reason: RESOLVER, on: ['network', 'dns'] },
  { type: 'azurerm_private_dns_resolver_dns_forwarding_ruleset', azureType: 'microsoft.network/dnsforwardingrulesets', reason: RULESET, on: ['network', 'dns'] },
  { type: 'azurerm_application_insights', azureType: 'microsoft.insights/components', reason: SENDS_LOGS, on: ['workspace'] },
  { type: 'azurerm_container_app_environment', azureType: 'microsoft.app/managedenvironments', reason: SENDS_LOGS, on: ['workspace'] },
  { type: 'azurerm_log_analytics_solution', azureType: 'microsoft.operationsmanagement/solutions', reason: 'adds a monitoring solution\'s views and data types to the workspace: it sets no retention, export or access of its logs', on: ['workspace'] },
  { type: 'azurerm_sentinel_log_analytics_workspace_onboarding', azureType: 'microsoft.securityinsights/onboardingstates', reason: 'turns Microsoft Sentinel on over the workspace: it reads the logs for threats and changes none', on: ['workspace'] },
  { type: /^azurerm_sentinel_data_connector_\w+$/, azureType: 'microsoft.securityinsights/dataconnectors', reason: SENTINEL_CONNECTOR, on: ['workspace'] },
  // Read by PG-LOG-1 toward the server (its own log export); elsewhere a copy of another resource's logs.
  { type: 'azurerm_monitor_diagnostic_setting', azureType: 'microsoft.insights/diagnosticsettings', reason: 'a diagnostic setting of another resource sends a copy of that resource\'s logs and metrics to its destination: it removes none and changes no control of what it names', on: ['container', 'network', 'dns', 'vault', 'workspace', 'administrator', 'key'] },
  // Read by PG-DEL-1 on the server and its containers; elsewhere it only hardens.
  { type: 'azurerm_management_lock', azureType: 'microsoft.authorization/locks', reason: 'a lock only refuses changes and deletion: it hardens what it names' },
  // Read by dns-zone-answers.ts in the server's zones (azapi-network.ts for the Azure types); elsewhere an alias that names the server (db.corp.internal → its host name).
  { type: /^azurerm_private_dns_(a|aaaa|cname|mx|ptr|srv|txt)_record$/, azureType: /^microsoft\.network\/privatednszones\/(a|aaaa|cname|mx|ptr|srv|txt)$/, reason: 'a private DNS record that names the server answers with its name or address: it opens no path and changes nothing of the server', on: ['server'] },
  { azureType: 'microsoft.resources/tags', reason: 'tags describe a resource: no control reads them' },
  // Extension resources of a subscription (container-extensions.ts) that change no resource there (A19b-2).
  { type: 'azurerm_security_center_contact', azureType: 'microsoft.security/securitycontacts', reason: 'tells someone of Defender for Cloud\'s alerts: it changes nothing in the subscription', on: ['container'] },
  // Subscription-level settings the azurerm provider writes at its own subscription without naming it (implicit-subscription.ts).
  { type: 'azurerm_security_center_auto_provisioning', azureType: 'microsoft.security/autoprovisioningsettings', reason: 'turns the automatic install of Defender\'s monitoring agent on virtual machines on or off: a PostgreSQL server runs no agent, and no control of it changes', on: ['container'] },
  { type: 'azurerm_security_center_assessment_policy', azureType: 'microsoft.security/assessmentmetadata', reason: 'describes a custom security assessment (its name, severity, text): it assesses and changes nothing', on: ['container'] },
  { type: 'azurerm_security_center_server_vulnerability_assessments_setting', azureType: 'microsoft.security/servervulnerabilityassessmentssettings', reason: 'chooses the vulnerability scanner of virtual machines and Arc machines: it changes no PostgreSQL server', on: ['container'] },
  { type: 'azurerm_security_center_automation', azureType: 'microsoft.security/automations', reason: 'sends copies of Defender\'s alerts and recommendations to a Logic App, event hub or workspace (each judged on its own): it turns off, hides or removes none', on: ['container'] },
  { type: 'azurerm_maintenance_assignment_dynamic_scope', noAzureType: 'its Azure form (microsoft.maintenance/configurationassignments) also assigns a configuration to one named resource, which the net judges', reason: 'assigns a guest patching schedule to the virtual machines its filter selects: a PostgreSQL server takes its own maintenance window, not these', on: ['container'] },
  { type: 'azurerm_resource_provider_registration', azureType: 'microsoft.features/featureproviders/subscriptionfeatureregistrations', reason: 'registers a resource provider or a preview feature for the subscription: more types become available, no resource there changes', on: ['container'] },
];

const form = (key: 'type' | 'azureType') => INERT_WRITERS.flatMap(({ [key]: type, reason, on }): InertType[] => (type === undefined ? [] : [{ type, reason, ...(on === undefined ? {} : { on }) }]));

/** Terraform resource types. */
export const INERT_TYPES: readonly InertType[] = form('type');

/** Azure types given to azapi, lower case without the API version. */
export const INERT_AZURE_TYPES: readonly InertType[] = form('azureType');

function matches(pattern: TypePattern, type: string): boolean {
  return typeof pattern === 'string' ? pattern === type : pattern.test(type);
}

/** Why a Terraform type is inert toward a kind of scope, or undefined when it may act there. */
export function inertReason(type: string, kind: ScopeKind): string | undefined {
  return INERT_TYPES.find((entry) => matches(entry.type, type) && (entry.on === undefined || entry.on.includes(kind)))?.reason;
}

/** Why an Azure type (lower case, without its version) is inert toward a kind of scope, or undefined. */
export function inertAzureReason(azureType: string, kind: ScopeKind): string | undefined {
  return INERT_AZURE_TYPES.find((entry) => matches(entry.type, azureType) && (entry.on === undefined || entry.on.includes(kind)))?.reason;
}

/**
 * True when an azapi block writes (not an action by POST or DELETE) a type inert toward a kind of scope, at an ID of that type:
 * the type of a write whose resource_id names another object (a subnet) is not what it writes there.
 */
export function inertAzapiWrite(block: ResourceView, kind: ScopeKind): boolean {
  const type = azapiType(block);
  const target = azapiTarget(block);
  const id = typeof target === 'string' ? target : isUnknown(target) ? target.toString() : undefined;
  return type !== undefined && writes(block) && id !== undefined && scopeAndType(id)?.type === type && inertAzureReason(type, kind) !== undefined;
}

/** Body keys that only describe a resource: an azapi write of these alone changes no control. */
const DESCRIBING_KEYS = ['tags'];

/** True when an azapi write's body (a JSON object) sets tags and nothing else. */
export function writesOnlyTags(body: unknown): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || isUnknown(body)) return false;
  const keys = Object.keys(body);
  return keys.length > 0 && keys.every((key) => DESCRIBING_KEYS.includes(key));
}
