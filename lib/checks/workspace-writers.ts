import { overriddenEffects, overridesWrite } from './policy-overrides';
import { AZAPI_WRITER_TYPES, azapiName, azapiType, requestBody, writesObject } from './azapi-writes';
import { afterWrite } from './live-patch';
import { resourcesOfType } from './beside-construct';
import { oncePerStack } from './per-stack';
import { isUnknown, Unknown } from './hcl-expression';
import { StackFacts } from './rule';
import { asList, ResourceView } from './stack-model';
import { isObject } from './terraform-json';
import { isSet, literalBoolean, literalString, nestedBlock } from './value-readers';
import { AUDIT_ONLY_BUILT_INS, builtInId, definitionPointerEffect, POLICY_ASSIGNMENT, stackPolicyDefinitions, policyWrites } from './policy-writers';
import { holdsWorkspace, WorkspaceMatch } from './workspace-pointers';
import { unsafeFeatures } from './provider-features';

// The Log Analytics workspace a construct sends its server's logs to keeps them only as long as the
// stack lets it: a workspace transformation drops rows at ingestion, a purge erases them, a table's
// retention or plan shortens them, a daily cap stops ingestion, a Free tier keeps 7 days, and a
// deleted or replaced workspace takes them along (fifteenth review, A15a-11, A15b-11). Every writer of
// a workspace (azurerm and azapi, by the table below) is read into one shape: the workspace it writes
// and what it does to the server's logs there, or nothing when it leaves them be (tags, a saved
// search). A writer of the workspace's kind that the table does not read fails closed.

/** One write on a workspace: the pointer to the workspace as written, and what it does to the logs (undefined: nothing). */
export interface WorkspaceWrite {
  readonly resource: ResourceView;
  readonly pointer: unknown;
  readonly problem: string | undefined;
  /** A writer whose workspace cannot be read at all (an azapi body known only later) may write any workspace. */
  readonly anyWorkspace?: boolean;
  /**
   * The pointer is a scope (a policy assignment's), of this kind for a message: "resource group", "subscription",
   * "management group", "resource", or "scope" (azapi's parent_id says none). The workspace's resource group holds it too.
   */
  readonly scope?: string;
}

/** Azure's default workspace retention, and the least a PerGB2018 workspace keeps: a shorter retention is a choice that shortens the server's logs. */
export const RETENTION_FLOOR_DAYS = 30;

/** Where Log Analytics keeps a PostgreSQL server's diagnostic logs: the shared table, or its own PGSQL* tables. */
export function holdsServerLogs(table: string): boolean {
  const key = table.trim().toLowerCase();
  return key === 'azurediagnostics' || key.startsWith('pgsql');
}

const WORKSPACE = 'microsoft.operationalinsights/workspaces';
const TABLE = 'microsoft.operationalinsights/workspaces/tables';
const COLLECTION_RULE = 'microsoft.insights/datacollectionrules';
const LINKED_SERVICE = 'azurerm_log_analytics_linked_service';
const AZAPI_LINKED_SERVICE = 'microsoft.operationalinsights/workspaces/linkedservices';

/** The types this table judges wherever they point (read-types.ts); the other Log Analytics types it fails closed only on the workspace. */
export const WORKSPACE_WRITER_TYPES: readonly string[] = ['azurerm_log_analytics_workspace_table', 'azurerm_monitor_data_collection_rule', LINKED_SERVICE];
export const WORKSPACE_WRITER_AZURE_TYPES: readonly string[] = [WORKSPACE, TABLE, COLLECTION_RULE, AZAPI_LINKED_SERVICE];

/** One argument of a workspace writer (an azapi one as its path in the body, "properties.x"), and what it does to where the logs are stored. */
export interface StoreArgument {
  readonly type: string;
  readonly argument: string;
  readonly moves: string;
}

const CLUSTER = 'links the workspace to a Log Analytics dedicated cluster: what it ingests from then on, the server\'s logs included, is stored in the cluster under the cluster\'s key and owner, who can make it unreadable by revoking the key or deleting the cluster; review the cluster\'s owner and key and suppress PG-LOG-1 on this writer with a reason naming them';

/**
 * Arguments that move where the workspace stores what it ingests, or under whose key: set (not absent or null, a value known
 * only later included) they fail whatever else the writer sets. One row per argument, not per type: the same writer with
 * only the arguments of INERT_ARGUMENTS leaves the store as it is (seventeenth review, A17a-7, A17b-11).
 */
export const STORE_ARGUMENTS: readonly StoreArgument[] = [
  { type: LINKED_SERVICE, argument: 'write_access_id', moves: CLUSTER },
  { type: AZAPI_LINKED_SERVICE, argument: 'properties.writeAccessResourceId', moves: CLUSTER },
  // The workspace's own pointer to its cluster, as ARM describes it: written, it may link the workspace too.
  { type: WORKSPACE, argument: 'properties.features.clusterResourceId', moves: CLUSTER },
];

/** Arguments of the same writers that leave where and under whose key the logs are stored as it is, each with its reason. */
export const INERT_ARGUMENTS: readonly (Omit<StoreArgument, 'moves'> & { readonly reason: string })[] = [
  { type: LINKED_SERVICE, argument: 'read_access_id', reason: 'links an Automation account, which reads the workspace for its solutions: no table, store or key of the logs changes' },
  { type: AZAPI_LINKED_SERVICE, argument: 'properties.resourceId', reason: 'links an Automation account, which reads the workspace for its solutions: no table, store or key of the logs changes' },
];

/** What a writer's arguments of STORE_ARGUMENTS do to where the logs are stored; `read` gives an argument's value as written. */
function storeProblem(type: string, read: (argument: string) => unknown): string | undefined {
  const problems = STORE_ARGUMENTS.filter((row) => row.type === type).flatMap((row) => {
    const value = read(row.argument);
    return isSet(value) ? [`sets ${row.argument} to ${JSON.stringify(value)}${isUnknown(value) ? ' (known only at apply time)' : ''}: it ${row.moves}`] : [];
  });
  return problems.length === 0 ? undefined : problems.join('; ');
}

/** An argument below an azapi body's properties ("properties.features.clusterResourceId"), read from them; an Unknown on the way stays one. */
function bodyArgument(properties: { readonly [key: string]: unknown }, argument: string): unknown {
  return argument.split('.').slice(1).reduce<unknown>((value, key) => (isObject(value) && !isUnknown(value) ? value[key] : isUnknown(value) ? value : undefined), properties);
}

/**
 * Writers under a workspace that leave what it keeps as it is, each with its reason. Any other azapi type
 * under Microsoft.OperationalInsights/workspaces, or azurerm_log_analytics_* type given a workspace, fails closed.
 */
export const INERT_WORKSPACE_WRITERS: ReadonlyMap<string, string> = new Map([
  ['microsoft.operationalinsights/workspaces/dataexports', 'a copy of the tables to another destination: judged by PG-LOG-1 as an export (workspace-exports.ts)'],
  ['azurerm_log_analytics_data_export_rule', 'a copy of the tables to another destination: judged by PG-LOG-1 as an export (workspace-exports.ts)'],
  ['microsoft.operationalinsights/workspaces/savedsearches', 'a stored query: it reads the tables, never writes them'],
  ['azurerm_log_analytics_saved_search', 'a stored query: it reads the tables, never writes them'],
  ['microsoft.operationalinsights/workspaces/datasources', 'collects more data (events, counters) into the workspace: it adds rows, it drops none'],
  ['microsoft.operationalinsights/workspaces/storageinsightconfigs', 'reads more data from a storage account into the workspace: it adds rows, it drops none'],
  ['azurerm_log_analytics_storage_insights', 'reads more data from a storage account into the workspace: it adds rows, it drops none'],
  // Every data_source_type (CustomLogs, AzureWatson, Ingestion, Query, Alerts) names files uploaded before ingestion or query texts.
  ['microsoft.operationalinsights/workspaces/linkedstorageaccounts', 'storage for custom log and dump uploads before ingestion, saved queries and alert queries: not where the diagnostic tables are kept'],
  ['azurerm_log_analytics_linked_storage_account', 'storage for custom log and dump uploads before ingestion, saved queries and alert queries: not where the diagnostic tables are kept'],
  ['azurerm_log_analytics_solution', 'adds a solution\'s own tables and views: the diagnostic tables stay as they are'],
  ['azurerm_log_analytics_workspace_table_custom_log', 'a custom table (its name ends in _CL): never one that holds the server\'s logs'],
]);

/** The azurerm attributes that point a writer at a workspace. */
const AZURERM_POINTERS = ['workspace_id', 'workspace_resource_id', 'log_analytics_workspace_id'];

/** Every write of the stack on a workspace, by the table of writer types (the data export rules excepted: workspace-exports.ts). */
export function workspaceWrites(stack: StackFacts | undefined): readonly WorkspaceWrite[] {
  return writesKept(stack);
}

/** Every server's check asks the same of the stack: read once per evaluation (per-stack.ts). */
const writesKept = oncePerStack(readWorkspaceWrites);

function readWorkspaceWrites(stack: StackFacts | undefined): readonly WorkspaceWrite[] {
  const workspaces = resourcesOfType(stack, 'azurerm_log_analytics_workspace').map((resource) => workspaceResource(resource, stack));
  const tables = resourcesOfType(stack, 'azurerm_log_analytics_workspace_table').map((resource) => ({ resource, pointer: resource.config.workspace_id, problem: tableProblem(resource.config.name, resource.config) }));
  const rules = resourcesOfType(stack, 'azurerm_monitor_data_collection_rule').flatMap((resource) => collectionRuleWrites(resource));
  const links = resourcesOfType(stack, LINKED_SERVICE).map((resource) => ({ resource, pointer: resource.config.workspace_id, problem: storeProblem(LINKED_SERVICE, (argument) => resource.config[argument]) }));
  const azapi = AZAPI_WRITER_TYPES.flatMap((type) => resourcesOfType(stack, type)).flatMap((resource) => azapiWrites(resource, stack));
  const others = [...(stack?.resources?.values() ?? [])].filter((resource) => /^azurerm_log_analytics_/.test(resource.type) && !READ_AZURERM.includes(resource.type) && !INERT_WORKSPACE_WRITERS.has(resource.type))
    .flatMap((resource) => AZURERM_POINTERS.filter((attribute) => resource.config[attribute] !== undefined)
      .map((attribute) => ({ resource, pointer: resource.config[attribute], problem: `is an ${resource.type}, a writer of the workspace the pack does not read, so what it does to the server's logs cannot be judged` })));
  return [...workspaces, ...tables, ...rules, ...links, ...azapi, ...others, ...policyOnWorkspaces(stack)];
}

/**
 * Azure Policy assignments that may deploy or change what they match (a built-in not on the audit-only list, a
 * definition that writes or is not in the JSON), as writers of the workspace or its resource group. A scope that
 * holds the server too (a subscription, a management group) is PG-CFG-4's.
 */
/** Types whose writes reach what a workspace keeps: Log Analytics itself, and Azure Monitor's rules and settings. */
const LOG_TYPES = /Microsoft\.(OperationalInsights|Insights)\//i;

function policyOnWorkspaces(stack: StackFacts | undefined): WorkspaceWrite[] {
  const definitions = stackPolicyDefinitions(stack);
  return policyWrites(stack).filter((write) => write.kind === 'assignment').flatMap((write) => {
    const builtIn = builtInId(write.definition);
    // An effect override may make any definition write (A18b-6).
    const listed = builtIn !== undefined && AUDIT_ONLY_BUILT_INS.has(builtIn);
    const acts = builtIn !== undefined ? !listed || overridesWrite(overriddenEffects(write.overrides)) : definitionPointerEffect(write.definition, definitions, LOG_TYPES, write.overrides) !== undefined;
    const kind = POLICY_ASSIGNMENT.exec(write.resource.type)?.[1].replace(/_/g, ' ') ?? 'scope';
    // A listed built-in acts by its overrides only: the message names them (A70b-3).
    const why = listed ? 'a built-in on the audit-only list whose overrides may give it an effect that writes' : 'a built-in not on the audit-only list, or a definition that writes or is not in the JSON';
    return acts ? [{ resource: write.resource, pointer: write.scope, scope: kind, problem: `assigns the policy ${JSON.stringify(write.definition ?? null)}, which may deploy or change what it matches there (${why})` }] : [];
  });
}

const READ_AZURERM = ['azurerm_log_analytics_workspace', 'azurerm_log_analytics_workspace_table', LINKED_SERVICE];

/** The workspace resource itself: its pointer is a reference to its ID. */
function workspaceResource(resource: ResourceView, stack: StackFacts | undefined): WorkspaceWrite {
  const reference = `${resource.address}.id`;
  const config = resource.config;
  const problems = [
    retentionProblem('retention_in_days', config.retention_in_days),
    quotaProblem('daily_quota_gb', config.daily_quota_gb),
    freeTierProblem(config.sku),
    purgeProblem('immediate_data_purge_on_30_days_enabled', config.immediate_data_purge_on_30_days_enabled),
    isSet(config.data_collection_rule_id) ? collectionRuleLink(config.data_collection_rule_id, stack) : undefined,
    isSet(config.lifecycle) && isSet(asList(config.lifecycle)[0]?.replace_triggered_by) ? 'is replaced (lifecycle.replace_triggered_by) when another resource changes: a new workspace starts empty' : undefined,
    permanentDeletion(stack),
  ].filter((problem) => problem !== undefined);
  return { resource, pointer: new Unknown(reference, [reference]), problem: problems.length === 0 ? undefined : problems.join('; ') };
}

/**
 * Log Analytics keeps a deleted workspace 14 days in soft delete, recoverable with its logs, unless the azurerm provider deletes it
 * at once: its feature `log_analytics_workspace.permanently_delete_on_destroy` on (off by default). Then a plan that destroys or
 * replaces the workspace loses the server's logs for good (left by the 91st run). Every azurerm provider of the stack is read.
 */
function permanentDeletion(stack: StackFacts | undefined): string | undefined {
  const settings = unsafeFeatures(stack, 'log_analytics_workspace', 'permanently_delete_on_destroy', false);
  if (settings.length === 0) return undefined;
  const how = settings.map(({ provider, value, later }) => `the azurerm provider ${provider} sets it ${later ? 'by an expression known only at apply time' : `to ${JSON.stringify(value)}`}`);
  return `is deleted at once, with the logs it holds, when a plan destroys or replaces it, past Log Analytics' 14-day soft delete (features.log_analytics_workspace.permanently_delete_on_destroy: ${how.join('; ')})`;
}

/** A workspace's link to a transformation rule: judged as the rule is when it is one of the stack, failed closed otherwise. */
function collectionRuleLink(pointer: unknown, stack: StackFacts | undefined): string | undefined {
  const found = isUnknown(pointer) && pointer.isPlainReference ? /^(azurerm_monitor_data_collection_rule\.[^.[\]]+)\.id$/.exec(pointer.references[0])?.[1] : undefined;
  const rule = found === undefined ? undefined : stack?.resources?.get(found);
  if (rule === undefined) return `sets data_collection_rule_id ${JSON.stringify(pointer)}, a workspace transformation rule the stack does not write, which may drop the server's rows at ingestion`;
  const dropping = collectionRuleFlows(rule).find((flow) => flow !== undefined);
  return dropping === undefined ? undefined : `sets data_collection_rule_id to ${rule.address}, whose transformation ${dropping}`;
}

/** A table's retention of -1 keeps the workspace's: nothing shortened there. */
function retentionProblem(attribute: string, value: unknown, inherits = false): string | undefined {
  if (value === undefined || (inherits && literalString(value)?.trim() === '-1')) return undefined;
  if (isUnknown(value)) return `sets ${attribute} to ${JSON.stringify(value)}, known only at apply time, which may be shorter than ${RETENTION_FLOOR_DAYS} days`;
  const days = Number(literalString(value));
  return Number.isFinite(days) && days >= RETENTION_FLOOR_DAYS ? undefined : `sets ${attribute} to ${JSON.stringify(value)}, shorter than ${RETENTION_FLOOR_DAYS} days: the server's logs are deleted sooner`;
}

function quotaProblem(attribute: string, value: unknown): string | undefined {
  if (value === undefined || literalString(value)?.trim() === '-1') return undefined;
  return `sets ${attribute} to ${JSON.stringify(value)}${isUnknown(value) ? ', known only at apply time' : ''}: once the cap is reached, the workspace drops the server's logs for the rest of the day`;
}

function freeTierProblem(sku: unknown): string | undefined {
  if (sku === undefined || (typeof sku === 'string' && sku.trim().toLowerCase() !== 'free')) return undefined;
  return `has the sku ${JSON.stringify(sku)}${isUnknown(sku) ? ', known only at apply time, which may be Free' : ''}: a Free workspace keeps 7 days and stops ingesting at 500 MB a day`;
}

function purgeProblem(attribute: string, value: unknown): string | undefined {
  if (value === undefined || literalBoolean(value) === false) return undefined;
  return `sets ${attribute} to ${JSON.stringify(value)}: the server's logs are purged after 30 days whatever the retention`;
}

/** A table's retention and plan, when the table holds (or may hold) the server's logs. */
function tableProblem(name: unknown, settings: { readonly [key: string]: unknown }, retention = 'retention_in_days', total = 'total_retention_in_days', plan = 'plan'): string | undefined {
  const table = literalString(name);
  if (table !== undefined && !holdsServerLogs(table)) return undefined;
  const which = table === undefined ? `the table ${JSON.stringify(name ?? null)}, known only at apply time,` : `the table ${JSON.stringify(table)}`;
  const planValue = settings[plan];
  const problems = [
    retentionProblem(retention, settings[retention], true),
    retentionProblem(total, settings[total], true),
    planValue === undefined || (typeof planValue === 'string' && planValue.trim().toLowerCase() === 'analytics') ? undefined
      : `sets ${plan} to ${JSON.stringify(planValue)}: a Basic or Auxiliary table keeps the server's logs for less time and only for limited queries`,
  ].filter((problem) => problem !== undefined);
  return problems.length === 0 ? undefined : `writes ${which}: ${problems.join('; ')}`;
}

/** Streams of a workspace transformation: "Microsoft-Table-<table>". */
function streamHoldsServerLogs(stream: unknown): boolean {
  const text = literalString(stream);
  if (text === undefined) return true;
  const table = /^microsoft-table-(.+)$/i.exec(text.trim())?.[1];
  return table !== undefined && holdsServerLogs(table);
}

/** A transformation that passes every row as it is. */
function keepsEveryRow(kql: unknown): boolean {
  return kql === undefined || (typeof kql === 'string' && ['', 'source'].includes(kql.trim().toLowerCase()));
}

/** What each data flow of an azurerm rule does to the server's rows, undefined for one that leaves them be. */
function collectionRuleFlows(rule: ResourceView): (string | undefined)[] {
  if (nestedBlock(rule.config, 'data_flow').state === 'unknown') return ['has data flows known only at apply time, which may transform the server\'s rows'];
  return asList(rule.config.data_flow).map((flow) => flowProblem(flow.streams, flow.transform_kql, flow.output_stream));
}

/**
 * What a data flow does to the server's rows: a transformation may drop them, and an output stream other than the
 * stream's own table moves them into another table, with its own retention, plan and access (A17a-7's class).
 */
function flowProblem(streams: unknown, kql: unknown, output?: unknown): string | undefined {
  const held = Array.isArray(streams) ? streams.filter(streamHoldsServerLogs) : [streams];
  if (held.length === 0) return undefined;
  const which = held.map((stream) => JSON.stringify(stream ?? null)).join(', ');
  const moved = isSet(output) && !held.every((stream) => sameStream(stream, output))
    ? `sends ${which} to the output stream ${JSON.stringify(output)}${isUnknown(output) ? ', known only at apply time,' : ''} in place of the table the server writes: the rows are stored in another table, with its own retention, plan and access` : undefined;
  const rewritten = keepsEveryRow(kql) ? undefined : `rewrites ${which} with ${JSON.stringify(kql)}, which may drop the server's rows at ingestion`;
  const problems = [rewritten, moved].filter((problem) => problem !== undefined);
  return problems.length === 0 ? undefined : problems.join('; ');
}

/** Two literal stream names of one table, in any case. */
function sameStream(stream: unknown, output: unknown): boolean {
  const [from, to] = [literalString(stream), literalString(output)];
  return from !== undefined && to !== undefined && from.trim().toLowerCase() === to.trim().toLowerCase();
}

/** An azurerm data collection rule: each Log Analytics destination it writes through a transforming flow. */
function collectionRuleWrites(resource: ResourceView): WorkspaceWrite[] {
  const problem = collectionRuleFlows(resource).find((each) => each !== undefined);
  if (problem === undefined) return [];
  const destinations = nestedBlock(resource.config, 'destinations');
  if (destinations.state !== 'present') return [{ resource, pointer: undefined, problem, anyWorkspace: true }];
  if (nestedBlock(destinations.block, 'log_analytics').state === 'unknown') return [{ resource, pointer: undefined, problem, anyWorkspace: true }];
  return asList(destinations.block.log_analytics).map((destination) => ({ resource, pointer: destination.workspace_resource_id, problem }));
}

/** The body an azapi block sends (azapi-writes.ts: body and sensitive_body, names in any case); undefined when absent, an Unknown when it cannot be read. */
function azapiBody(block: ResourceView): { readonly [key: string]: unknown } | Unknown | undefined {
  const body = requestBody(block);
  if (body === undefined || isUnknown(body)) return body;
  return isObject(body) ? body : new Unknown(`the body of ${block.address}`, []);
}

/** The object under "properties" of a body, {} when there is none, an Unknown when it cannot be read. */
function propertiesOf(body: { readonly [key: string]: unknown } | Unknown | undefined): { readonly [key: string]: unknown } | Unknown {
  if (body === undefined) return {};
  if (isUnknown(body)) return body;
  const properties = body.properties;
  if (properties === undefined) return {};
  return isObject(properties) && !isUnknown(properties) ? properties : new Unknown('its properties', []);
}

/** The lower-case Azure type of an azapi block without its API version; null when it is known only later. */
function azureType(block: ResourceView): string | null | undefined {
  return isUnknown(block.config.type) ? null : azapiType(block);
}

/** The part of an ID before "/<segment>/<name>" (any case), the ID itself when it has none; an Unknown stays one. */
function idBefore(id: unknown, segment: string): unknown {
  const text = typeof id === 'string' ? id : isUnknown(id) ? id.toString() : undefined;
  if (text === undefined) return undefined;
  const at = text.toLowerCase().lastIndexOf(`/${segment}/`);
  if (at <= 0) return id;
  const before = text.slice(0, at);
  if (!isUnknown(id)) return before;
  const whole = /^\$\{([^{}]+)\}$/.exec(before)?.[1];
  return whole !== undefined && id.references.includes(whole) ? new Unknown(whole, [whole]) : new Unknown(before, id.references);
}

/** The workspace an azapi block writes: its parent (a resource) or its ID (an update, an action), cut to the workspace. */
function azapiWorkspace(block: ResourceView, type: string): unknown {
  if (block.type === 'azapi_resource') {
    if (type !== WORKSPACE) return block.config.parent_id;
    // A workspace azapi writes itself: its ID from the parent and name, or a reference to it.
    const { parent_id: parent, name } = block.config;
    const reference = `${block.address}.id`;
    return typeof parent === 'string' && typeof name === 'string' ? `${parent.replace(/\/+$/, '')}/providers/Microsoft.OperationalInsights/workspaces/${name}` : new Unknown(reference, [reference]);
  }
  // An update may name its object by parent_id and name instead of resource_id.
  const { resource_id: resourceId, parent_id: parent, name } = block.config;
  if (resourceId === undefined && type !== WORKSPACE) return parent;
  const id = resourceId ?? (typeof parent === 'string' && typeof name === 'string' ? `${parent.replace(/\/+$/, '')}/providers/Microsoft.OperationalInsights/workspaces/${name}` : parent);
  if (type === WORKSPACE) return id;
  const tail = type.slice(WORKSPACE.length + 1).split('/')[0];
  return idBefore(id, tail);
}

/** Reading methods of an azapi action. */
const READING = /^(get|head)$/i;
/** Workspace actions that change no table: they read keys, regenerate them, or list what is there. */
const INERT_ACTIONS = ['sharedkeys', 'regeneratesharedkey', 'listkeys', 'schemas', 'usages', 'availableservicetiers', 'search', 'query'];

function azapiWrites(block: ResourceView, stack: StackFacts | undefined): WorkspaceWrite[] {
  const type = azureType(block);
  if (type === undefined) return [];
  const action = block.type === 'azapi_resource_action';
  const method = block.config.method;
  if (action && typeof method === 'string' && READING.test(method.trim())) return [];
  // A type known only at apply time may be a workspace's own: judged when it points at the workspace.
  if (type === null) {
    const pointer = block.config.parent_id ?? block.config.resource_id;
    return [{ resource: block, pointer, problem: `has an Azure type known only at apply time (${JSON.stringify(block.config.type)}), so what it does to the workspace cannot be judged` }];
  }
  if (type === COLLECTION_RULE) return azapiCollectionRule(block);
  if (type !== WORKSPACE && !type.startsWith(`${WORKSPACE}/`)) return [];
  const pointer = azapiWorkspace(block, type);
  if (INERT_WORKSPACE_WRITERS.has(type)) return [];
  if (type === AZAPI_LINKED_SERVICE) return linkedServiceWrites(block, pointer);
  // A PUT or PATCH of the object itself (no action name) sends its body as a resource or an update does (azapi-writes.ts).
  const problem = !writesObject(block) ? actionProblem(block, type) : type === WORKSPACE ? workspaceBodyProblem(block, stack) : type === TABLE ? azapiTableProblem(block)
    : `is an azapi write of ${JSON.stringify(block.config.type)}, a type under the workspace the pack does not read, so what it does to the server's logs cannot be judged`;
  return [{ resource: block, pointer, problem }];
}

/** An azapi linked service: a cluster link fails (STORE_ARGUMENTS); an Automation account's, or an unlink, leaves the store as it is. */
function linkedServiceWrites(block: ResourceView, pointer: unknown): WorkspaceWrite[] {
  if (!writesObject(block)) return isUnknown(block.config.method) ? [{ resource: block, pointer, problem: `sends a method known only at apply time (${JSON.stringify(block.config.method)}) to a linked service of the workspace, which may link it to a dedicated cluster: ${CLUSTER}` }] : [];
  const properties = propertiesOf(azapiBody(block));
  if (isUnknown(properties)) return [{ resource: block, pointer, problem: `writes a linked service of the workspace with a body known only at apply time, which may link it to a dedicated cluster: ${CLUSTER}` }];
  return [{ resource: block, pointer, problem: storeProblem(AZAPI_LINKED_SERVICE, (argument) => bodyArgument(properties, argument)) }];
}

function actionProblem(block: ResourceView, type: string): string | undefined {
  const { action, method } = block.config;
  const verb = literalString(method)?.trim().toLowerCase();
  if (verb === 'delete' || isUnknown(method)) return `${verb === 'delete' ? 'deletes' : `sends a method known only at apply time (${JSON.stringify(method)}) to`} ${type === WORKSPACE ? 'the workspace' : `a ${type.split('/').pop()} of the workspace`}, and the server's logs in it`;
  const name = literalString(action)?.trim().toLowerCase();
  if (name === 'purge') return `purges rows of the workspace (${JSON.stringify(readTable(block))}): the server's logs there are erased`;
  if (name !== undefined && INERT_ACTIONS.includes(name)) return undefined;
  return `runs the action ${JSON.stringify(action ?? null)} on ${JSON.stringify(block.config.type)}, which the pack does not read, so what it does to the server's logs cannot be judged`;
}

/** The table a purge names, as written. */
function readTable(block: ResourceView): unknown {
  const body = azapiBody(block);
  return body === undefined || isUnknown(body) ? 'a table known only at apply time' : body.table ?? null;
}

function workspaceBodyProblem(block: ResourceView, stack: StackFacts | undefined): string | undefined {
  const body = azapiBody(block);
  if (isUnknown(body)) return `writes the workspace with a body known only at apply time (${JSON.stringify(body)}), which may shorten or drop the server's logs`;
  const properties = propertiesOf(body);
  if (isUnknown(properties)) return 'writes the workspace with properties known only at apply time, which may shorten or drop the server\'s logs';
  const capping = properties.workspaceCapping;
  const features = properties.features;
  const problems = [
    retentionProblem('properties.retentionInDays', properties.retentionInDays),
    isObject(capping) && !isUnknown(capping) ? quotaProblem('properties.workspaceCapping.dailyQuotaGb', capping.dailyQuotaGb) : capping === undefined ? undefined : 'sets properties.workspaceCapping known only at apply time, which may cap ingestion',
    isObject(properties.sku) && !isUnknown(properties.sku) ? freeTierProblem(properties.sku.name) : properties.sku === undefined ? undefined : freeTierProblem(new Unknown('properties.sku', [])),
    isObject(features) && !isUnknown(features) ? purgeProblem('properties.features.immediatePurgeDataOn30Days', features.immediatePurgeDataOn30Days) : features === undefined ? undefined : 'sets properties.features known only at apply time, which may purge the logs after 30 days',
    isSet(properties.defaultDataCollectionRuleResourceId) ? collectionRuleLink(properties.defaultDataCollectionRuleResourceId, stack) : undefined,
    storeProblem(WORKSPACE, (argument) => bodyArgument(properties, argument)),
  ].filter((problem) => problem !== undefined);
  return problems.length === 0 ? undefined : problems.join('; ');
}

function azapiTableProblem(block: ResourceView): string | undefined {
  const name = azapiName(block);
  const table = literalString(name);
  if (table !== undefined && !holdsServerLogs(table)) return undefined;
  const body = azapiBody(block);
  const properties = propertiesOf(body);
  if (isUnknown(properties)) return `writes the table ${JSON.stringify(name ?? null)} with a body known only at apply time, which may shorten or drop the server's logs`;
  return tableProblem(name, properties, 'retentionInDays', 'totalRetentionInDays', 'plan');
}

/** A data flow of an azapi rule; after a partial write (an update, a PATCH), over a live flow: its live streams and transformation are known only at apply time (live-patch.ts, A18b-2). */
function flowOverLive(block: ResourceView, flow: { readonly [key: string]: unknown }): string | undefined {
  const read = afterWrite(block, flow, ['streams', 'transformKql'], 'the data flow');
  return flowProblem(read.streams, read.transformKql, read.outputStream);
}

/** An azapi data collection rule: its flows and Log Analytics destinations, read from its body. */
function azapiCollectionRule(block: ResourceView): WorkspaceWrite[] {
  // An action whose method is known only at apply time may PUT the rule.
  if (!writesObject(block)) return isUnknown(block.config.method) ? [{ resource: block, pointer: undefined, problem: `is a data collection rule sent by a method known only at apply time (${JSON.stringify(block.config.method)}), which may transform the server's rows in the workspace`, anyWorkspace: true }] : [];
  const properties = propertiesOf(azapiBody(block));
  if (isUnknown(properties)) return [{ resource: block, pointer: undefined, problem: 'is a data collection rule whose body is known only at apply time, which may transform the server\'s rows in the workspace', anyWorkspace: true }];
  const flows = properties.dataFlows;
  const problems = Array.isArray(flows) ? flows.map((flow) => (isObject(flow) && !isUnknown(flow) ? flowOverLive(block, flow) : 'has a data flow known only at apply time')) : flows === undefined ? [] : ['has data flows known only at apply time'];
  const problem = problems.find((each) => each !== undefined);
  if (problem === undefined) return [];
  const destinations = properties.destinations;
  const logAnalytics = isObject(destinations) && !isUnknown(destinations) ? destinations.logAnalytics : undefined;
  if (!Array.isArray(logAnalytics)) return [{ resource: block, pointer: undefined, problem, anyWorkspace: true }];
  return logAnalytics.map((destination) => ({ resource: block, pointer: isObject(destination) && !isUnknown(destination) ? destination.workspaceResourceId : undefined, problem, anyWorkspace: !isObject(destination) || isUnknown(destination) }));
}

/**
 * How one write names a workspace the construct sends the logs to: the matchers of those workspaces
 * (workspace-pointers.ts); a scope names it when it is the workspace's resource group too.
 */
export function onWorkspace(write: WorkspaceWrite, matchers: readonly ((pointer: unknown) => WorkspaceMatch)[], workspaces: readonly unknown[], stack: StackFacts | undefined): WorkspaceMatch {
  if (write.anyWorkspace === true) return matchers.length > 0 ? 'may' : undefined;
  if (write.scope !== undefined && workspaces.some((workspace) => holdsWorkspace(workspace, write.pointer, stack))) return 'is';
  const matches = matchers.map((matches) => matches(write.pointer));
  return matches.includes('is') ? 'is' : matches.includes('may') ? 'may' : undefined;
}
