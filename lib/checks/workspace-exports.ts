import { isUnknown } from './hcl-expression';
import { resourcesOfType } from './beside-construct';
import { StackFacts } from './rule';
import { ResourceView, sameForSure } from './stack-model';
import { isObject } from './terraform-json';

// A Log Analytics workspace can copy what it receives to a storage account or an event hub (a data
// export rule): beside a construct that sends its server's logs to a workspace, such a rule is one
// more destination of the logs (fifth review, A5-17).

/** The azapi type of a workspace's data export rules, before its "@<api version>". */
const DATA_EXPORT_TYPE = 'microsoft.operationalinsights/workspaces/dataexports';

/** Where Log Analytics keeps a PostgreSQL server's diagnostic logs: the shared table, or its own PGSQL* tables. */
const holdsServerLogs = (table: string) => table.toLowerCase() === 'azurediagnostics' || table.toLowerCase().startsWith('pgsql');

/** A data export rule of a workspace and the tables it copies that may hold the server's logs, as printed. */
export interface WorkspaceExport {
  readonly resource: ResourceView;
  readonly tables: string;
}

/**
 * The data export rules in the stack of any of the workspaces (their IDs as the construct's
 * diagnostic settings write them) that copy a table that holds, or may hold, a server's logs.
 */
export function workspaceExports(stack: StackFacts | undefined, workspaces: readonly unknown[]): WorkspaceExport[] {
  const onWorkspace = (value: unknown) => workspaces.some((workspace) => sameForSure(workspace, value));
  const rules = resourcesOfType(stack, 'azurerm_log_analytics_data_export_rule')
    .filter((rule) => onWorkspace(rule.config.workspace_resource_id))
    .map((rule) => ({ resource: rule, tables: rule.config.table_names }));
  const azapi = ['azapi_resource', 'azapi_update_resource']
    .flatMap((type) => resourcesOfType(stack, type))
    .filter((resource) => isDataExport(resource.config.type) && (onWorkspace(resource.config.parent_id) || exportOf(resource.config.resource_id, onWorkspace)))
    .map((resource) => ({ resource, tables: tableNamesInBody(resource.config.body) }));
  return [...rules, ...azapi].flatMap(({ resource, tables }) => {
    const copied = copiedTables(tables);
    return copied === undefined ? [] : [{ resource, tables: copied }];
  });
}

/** The tables that may hold the server's logs, as printed, or undefined when none does. */
function copiedTables(tables: unknown): string | undefined {
  if (!Array.isArray(tables)) return `${JSON.stringify(tables ?? null)} (known only later)`;
  const copied = tables.filter((table) => typeof table !== 'string' || holdsServerLogs(table));
  return copied.length === 0 ? undefined : copied.map((table) => JSON.stringify(table)).join(', ');
}

/** An azapi type of a data export rule (any API version, any letter case), or one known only later. */
function isDataExport(type: unknown): boolean {
  return isUnknown(type) || (typeof type === 'string' && type.toLowerCase().split('@')[0] === DATA_EXPORT_TYPE);
}

/** Whether an azapi resource ID is an export rule of one of the workspaces ("<workspace>/dataExports/<name>"). */
function exportOf(resourceId: unknown, onWorkspace: (value: unknown) => boolean): boolean {
  if (typeof resourceId !== 'string') return false;
  const at = resourceId.toLowerCase().lastIndexOf('/dataexports/');
  return at > 0 && onWorkspace(resourceId.slice(0, at));
}

/** The tableNames of an azapi body, an object or its JSON text; undefined when it cannot be read. */
function tableNamesInBody(body: unknown): unknown {
  const parsed = typeof body === 'string' ? parseJson(body) : body;
  const properties = isObject(parsed) ? parsed.properties : undefined;
  return isObject(properties) ? properties.tableNames : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
    // Stryker disable next-line BlockStatement: equivalent: an empty catch block returns undefined too
  } catch {
    return undefined;
  }
}
