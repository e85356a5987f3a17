/**
 * How a block whose effect no rule reads may act on a server: what it is, which of its mentions
 * name a server, and whether it runs commands or deploys a template, so that it may act on a
 * server it never names. Text matching of a command can never be complete: a command may find a
 * server by a search (`az resource list -g rg`) or put its name together.
 */
import { onlyReads } from './azapi-writes';
import { armKey } from './azure-keys';
import { isUnknown } from './hcl-expression';
import { POLICY_ASSIGNMENT, policyAssignmentEffect } from './policy-writers';
import { managementSurfaceIn, mentionsIn } from './server-mentions';
import { mentionsLeavingOut } from './argument-mentions';
import { bodiesOf, isObject } from './terraform-json';
import { turnsThreatProtectionOn } from './threat-protection';
import type { ResourceView } from './stack-model';

export interface WriterKind {
  /** What acts on the server, for messages: "a module", "a provisioner (local-exec)", ... */
  readonly what: string;
  /**
   * True when every mention counts (a reference to any attribute, the server's ID, name or host);
   * false when only an ID does (an azapi resource of a known type given the host is a client).
   */
  readonly byAnything: boolean;
  /** Runs commands or deploys a template or script: it may act on a server it does not name. */
  readonly command: boolean;
  /**
   * True for a resource of any other type: it acts on a server it names by its ID (or ARM path),
   * or by its name beside a command; its host alone makes it a client.
   */
  readonly byIdOrCommand?: boolean;
  /**
   * What it is as a command that may reach a server it does not name, when its type is no command
   * type but its text addresses PostgreSQL's management surface, e.g. "..., whose text addresses
   * PostgreSQL's management ("az postgres"),".
   */
  readonly asCommand?: string;
}

/**
 * Types the rules read, and types that name a server without acting on it (alerts, locks, role
 * assignments the rules judge, policy definitions, which act only through an assignment judged on
 * its own, exemptions, which PG-CFG-4 judges on the server's scopes, dashboards, generators, markers
 * without a provisioner).
 */
const READ_OR_INERT_TYPES = /^(azurerm_(postgresql_\w+|management_lock|role_assignment|policy_(set_)?definition|\w+_policy_exemption|monitor_\w+|private_endpoint|private_dns_\w+|portal_dashboard|application_insights_workbook|advisor_suppression|key_vault_secret)|postgresql_\w+|terraform_data|null_resource|time_\w+|random_\w+)$/;
/**
 * Types whose text names PostgreSQL's management surface only to say what a resource is, to grant
 * or audit on it, or to query its logs and metrics, never to run: the types the rules read, subnet
 * delegations, role and policy definitions (an assignment is judged on its own), exemptions, alerts
 * and diagnostic settings, log queries, workbooks, dashboards, provider registrations, budgets,
 * private endpoints and DNS, locks. Markers, generators and secrets hand their values on: not here.
 */
const DESCRIBING_TYPES = /^(azurerm_(postgresql_\w+|subnet|virtual_network|role_(definition|assignment)|policy_(set_)?definition|\w+_policy_exemption|monitor_\w+|log_analytics_(saved_search|query_pack_query)|sentinel_alert_rule_\w+|application_insights_workbook|portal_dashboard|resource_provider_registration|consumption_budget_\w+|private_endpoint|private_dns_\w+|management_lock|advisor_suppression)|postgresql_\w+)$/;
/** The same for Azure resource types given to azapi, e.g. "Microsoft.Network/virtualNetworks/subnets@2024-05-01". */
const DESCRIBING_AZURE_TYPES = /^Microsoft\.(Network\/virtualNetworks(\/subnets)?|Authorization\/(roleDefinitions|roleAssignments|policyDefinitions|policySetDefinitions|policyExemptions|locks)|Insights\/[^@]+|OperationalInsights\/(workspaces\/savedSearches|queryPacks\/queries)|SecurityInsights\/alertRules|Portal\/dashboards|Consumption\/budgets|Network\/privateEndpoints|Network\/privateDnsZones(\/[^@]+)?)(@|$)/i;
/** Arguments no one runs: ordering, lifecycle, tags and descriptions. */
const NEVER_RUN = ['depends_on', 'lifecycle', 'tags', 'description'];

/** A removed block whose object Terraform forgets and leaves in Azure (forgotten-objects.ts). */
export const FORGETS = 'a removed block that leaves its object in Azure';
/** A removed block that destroys an object that may guard a server, or one the checks cannot read (destroyed-objects.ts). */
export const DESTROYS = 'a removed block that destroys an object that may guard a server';

/** A backup of a Flexible server to a Backup vault: a copy of its data that no rule reads. */
const BACKUP_INSTANCE = /^azurerm_data_protection_backup_instance_postgresql/;

/**
 * azurerm types that deploy an ARM template or run a script or command; also those that deploy a template the stack does not show
 * (a blueprint's artifacts, a managed application's definition: 81st run, A81a-4). A policy remediation is judged by its assignment
 * (policy-writers.ts).
 */
const DEPLOYING_TYPES = /^azurerm_((resource_group_|subscription_|management_group_|tenant_)?template_deployment|resource_deployment_script_\w+|virtual_machine_run_command|blueprint_assignment|managed_application)$/;
/** Blocks of other providers that run a program or send any request they are given (scottwinkler/shell, Mastercard/restapi). */
const COMMAND_TYPES = ['resource.shell_script', 'data.shell_script', 'resource.restapi_object'];
/** azurerm machine extensions: those of a script type (or a type known only later) run commands on the machine. */
const EXTENSION_TYPES = /^azurerm_(virtual_machine|virtual_machine_scale_set|arc_machine)_extension$/;
const SCRIPT_EXTENSIONS = /CustomScript|RunCommand/i;
/** Azure machine extensions, which run a script when their body names a script extension. */
const AZURE_EXTENSIONS = /^Microsoft\.(Compute|HybridCompute)\/.+\/extensions(@|$)/i;
/** azapi types (resources, and the data and ephemeral forms of an action) that call Azure Resource Manager. */
const AZAPI_TYPES = /^(resource\.azapi_\w+|data\.azapi_resource_action|ephemeral\.azapi_resource_action)$/;
/** Azure resource types whose body carries a template, a script or a command: what they do is in their body, whatever it names. */
const DEPLOYING_AZURE_TYPES = /^Microsoft\.Resources\/(deployments|deploymentScripts|deploymentStacks)(\/|@|$)|\/runCommands(@|$)|^Microsoft\.(Solutions\/applications|Blueprint\/blueprintAssignments)(@|$)/i;
/** An Azure resource type of PostgreSQL, e.g. "Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01". */
export const POSTGRES_TYPE = /Microsoft\.DBforPostgreSQL\//i;
/** Actions of azapi_resource_action that run a command on a machine. */
const COMMAND_ACTIONS = /^runCommand$/i;
/** Methods of a request that only reads. */
const READING_METHODS = /^(GET|HEAD)$/i;

/**
 * The kind of a block that may act on a server where no rule reads it, or undefined for one that
 * does not (a resource the model reads, a data source that only reads). The section is "resource",
 * "data", "ephemeral", "action", "removed", "forgotten" (a removed block that leaves its object in
 * Azure), "destroyed" (one that destroys an object that may guard a server) or "module"; provisioned says the block has a provisioner;
 * policyDefinitions holds the stack's policy (set) definitions by address, which assignments point at.
 */
export function writerKind(section: string, block: ResourceView, provisioned: boolean,
  policyDefinitions: ReadonlyMap<string, { [key: string]: unknown }> = new Map()): WriterKind | undefined {
  const config = block.config;
  // A module is a whole configuration the JSON does not show: its own data source can find the
  // server by name and its resources change it, without any argument naming it (fourth review, A4-1).
  if (section === 'module') return { what: 'a module', byAnything: true, command: true };
  if (section === 'action') return { what: `an action of type ${block.type}`, byAnything: true, command: true };
  // What it names is an address in the state, not the server: the object it leaves may be anywhere beside it.
  if (section === 'forgotten') return { what: FORGETS, byAnything: false, command: true };
  if (section === 'destroyed') return { what: DESTROYS, byAnything: false, command: true };
  if (provisioned) return { what: `a provisioner (${provisionerKinds(config.provisioner)})`, byAnything: true, command: true };
  // Defender turned on hardens the server it names; turned off, it is judged as any other writer.
  if (turnsThreatProtectionOn(section, block)) return undefined;
  const sectionType = `${section}.${block.type}`;
  if (COMMAND_TYPES.includes(sectionType)) return { what: `a ${block.type} ${section === 'data' ? 'data source' : 'resource'}, which runs a program or sends a request,`, byAnything: true, command: true };
  if (sectionType === 'data.external') return { what: 'an external data source, which runs a program at every plan,', byAnything: true, command: true };
  if (sectionType === 'data.http') {
    const method = config.method;
    if (method === undefined || (typeof method === 'string' && READING_METHODS.test(method))) return undefined;
    const how = typeof method === 'string' ? `method ${JSON.stringify(method)}` : isUnknown(method) ? 'a method known only at plan time' : 'a method that is not text';
    return { what: `an http data source with ${how}, sent at every plan,`, byAnything: true, command: true };
  }
  if (section === 'resource' && DEPLOYING_TYPES.test(block.type)) return { what: `an ${block.type}`, byAnything: true, command: true };
  if (section === 'resource' && EXTENSION_TYPES.test(block.type) && !(typeof config.type === 'string' && !SCRIPT_EXTENSIONS.test(armKey(config.type)))) {
    return { what: `an ${block.type} of type ${typeof config.type === 'string' ? JSON.stringify(config.type) : 'known only at apply time'}`, byAnything: true, command: true };
  }
  if (section === 'resource' && POLICY_ASSIGNMENT.test(block.type)) {
    const effect = policyAssignmentEffect(config, policyDefinitions);
    if (effect === undefined) return undefined;
    return { what: `an ${block.type} of a policy ${effect === 'writes' ? 'that modifies, appends, deploys or adds to network groups' : 'defined outside the stack, whose effect is not in the JSON,'}`, byAnything: true, command: true };
  }
  if (section === 'resource' && BACKUP_INSTANCE.test(block.type)) return { what: `an ${block.type}, a copy of the server's data restorable outside the stack,`, byAnything: false, command: false, byIdOrCommand: true };
  if (!AZAPI_TYPES.test(sectionType)) {
    if (section !== 'resource') return undefined;
    const surface = DESCRIBING_TYPES.test(block.type) ? undefined : surfaceOf(config);
    if (surface === undefined && READ_OR_INERT_TYPES.test(block.type)) return undefined;
    return withSurface({ what: `${/^[aeiou]/i.test(block.type) ? 'an' : 'a'} ${block.type}`, byAnything: false, command: false, byIdOrCommand: true }, surface);
  }
  // An action that only reads (GET, HEAD, a reading POST: azapi-writes.ts onlyReads) changes nothing, in any form; it sends POST unless told.
  if (onlyReads(block)) return undefined;
  const form = section === 'resource' ? block.type : `${block.type} ${section === 'data' ? 'data source' : 'ephemeral resource'}`;
  const azureType = config.type;
  if (typeof azureType !== 'string') return { what: `an ${form} ${isUnknown(azureType) ? 'whose type is known only at apply time' : 'with no type as text'}`, byAnything: true, command: true };
  // Types, actions and extension types are read as ARM compares them: "Micro\u017foft.Resources/deployments" deploys (G74-1).
  const typeKey = armKey(azureType);
  const deploying = DEPLOYING_AZURE_TYPES.test(typeKey) || (typeof config.action === 'string' && COMMAND_ACTIONS.test(armKey(config.action)))
    || (AZURE_EXTENSIONS.test(typeKey) && mentionsIn([config.body, config.sensitive_body]).texts.some((text) => SCRIPT_EXTENSIONS.test(armKey(text))));
  const what = `an ${form} of type ${JSON.stringify(azureType)}`;
  // One of a PostgreSQL type acts on the server it names, or on one of its own.
  if (deploying || POSTGRES_TYPE.test(typeKey) || DESCRIBING_AZURE_TYPES.test(typeKey)) return { what, byAnything: deploying, command: deploying };
  return withSurface({ what, byAnything: false, command: false }, surfaceOf(config));
}

/**
 * How a block's text addresses PostgreSQL's management surface (outside what is never run), e.g.
 * "az postgres": it may find a server by a search, so it may act on every server of its stack.
 */
function surfaceOf(config: { [key: string]: unknown }): string | undefined {
  return managementSurfaceIn(mentionsLeavingOut(config, NEVER_RUN).texts);
}

/** A kind that is also a command when its text addresses PostgreSQL's management surface. */
function withSurface(kind: WriterKind, surface: string | undefined): WriterKind {
  if (surface === undefined) return kind;
  return { ...kind, command: true, asCommand: `${kind.what}, whose text addresses PostgreSQL's management (${JSON.stringify(surface)}),` };
}

/** The kinds of a provisioner block, e.g. "local-exec". */
function provisionerKinds(value: unknown): string {
  const kinds = bodiesOf(value).filter(isObject).flatMap((body) => Object.keys(body));
  return kinds.length > 0 ? [...new Set(kinds)].join(', ') : 'of a kind known only later';
}
