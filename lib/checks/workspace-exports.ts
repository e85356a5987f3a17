import { isUnknown, Unknown } from './hcl-expression';
import { azapiType, azapiWriters, bodyProperties } from './azapi-writes';
import { resourcesOfType } from './beside-construct';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';
import { workspaceMatcher, WorkspaceMatch } from './workspace-pointers';
import { holdsServerLogs } from './workspace-writers';

// A Log Analytics workspace can copy what it receives to a storage account or an event hub (a data
// export rule): beside a construct that sends its server's logs to a workspace, such a rule is one
// more destination of the logs (fifth review, A5-17).

/** The azapi type of a workspace's data export rules, before its "@<api version>". */
export const DATA_EXPORT_TYPE = 'microsoft.operationalinsights/workspaces/dataexports';


/** A data export rule of a workspace and the tables it copies that may hold the server's logs, as printed. */
export interface WorkspaceExport {
  readonly resource: ResourceView;
  readonly tables: string;
  /** The workspace pointer as written, when it is known only at apply time and may be the construct's (A14b-5). */
  readonly mayBe?: unknown;
}

/**
 * The data export rules in the stack of any of the workspaces (their IDs as the construct's
 * diagnostic settings write them) that copy a table that holds, or may hold, a server's logs.
 */
export function workspaceExports(stack: StackFacts | undefined, workspaces: readonly unknown[]): WorkspaceExport[] {
  const matchers = workspaces.map((workspace) => workspaceMatcher(workspace, stack));
  const onWorkspace = (value: unknown): WorkspaceMatch => {
    const matches = matchers.map((matches) => matches(value));
    return matches.includes('is') ? 'is' : matches.includes('may') ? 'may' : undefined;
  };
  const rules = resourcesOfType(stack, 'azurerm_log_analytics_data_export_rule')
    .map((rule) => ({ resource: rule, tables: rule.config.table_names, pointer: rule.config.workspace_resource_id }));
  const azapi = azapiWriters(stack)
    .filter((resource) => isDataExport(resource))
    .flatMap((resource) => [resource.config.parent_id, workspaceOfExport(resource.config.resource_id)]
      .filter((pointer) => pointer !== undefined).map((pointer) => ({ resource, tables: tableNamesInBody(resource), pointer })));
  const found = new Map<ResourceView, WorkspaceExport>();
  for (const { resource, tables, pointer } of [...rules, ...azapi]) {
    const match = onWorkspace(pointer);
    const copied = match === undefined ? undefined : copiedTables(tables);
    // An azapi block read by parent_id and resource_id: a match for sure wins over a maybe.
    const before = found.get(resource);
    if (copied === undefined || (before !== undefined && before.mayBe === undefined)) continue;
    found.set(resource, match === 'is' ? { resource, tables: copied } : { resource, tables: copied, mayBe: pointer });
  }
  return [...found.values()];
}

/** The tables that may hold the server's logs, as printed, or undefined when none does. */
function copiedTables(tables: unknown): string | undefined {
  if (!Array.isArray(tables)) return `${JSON.stringify(tables ?? null)} (known only later)`;
  const copied = tables.filter((table) => typeof table !== 'string' || holdsServerLogs(table));
  return copied.length === 0 ? undefined : copied.map((table) => JSON.stringify(table)).join(', ');
}

/** An azapi write of a data export rule (any API version, any letter case), or of a type known only later. */
function isDataExport(resource: ResourceView): boolean {
  return isUnknown(resource.config.type) || azapiType(resource) === DATA_EXPORT_TYPE;
}

/**
 * The workspace of an azapi export rule's ID ("<workspace>/dataExports/<name>"), or undefined when it is
 * not one; an ID known only at apply time without that literal tail may be any rule's (the pointer itself).
 */
function workspaceOfExport(resourceId: unknown): unknown {
  const text = typeof resourceId === 'string' ? resourceId : isUnknown(resourceId) ? resourceId.toString() : undefined;
  if (text === undefined) return undefined;
  const at = text.toLowerCase().lastIndexOf('/dataexports/');
  if (at <= 0) return isUnknown(resourceId) ? resourceId : undefined;
  if (!isUnknown(resourceId)) return text.slice(0, at);
  // "${var.workspace}/dataExports/x": the workspace is that one reference.
  const whole = /^\$\{([^{}]+)\}$/.exec(text.slice(0, at))?.[1];
  return whole !== undefined && resourceId.references.includes(whole) ? new Unknown(whole, [whole]) : new Unknown(text.slice(0, at), resourceId.references);
}

/** The tableNames of the body an azapi write sends (azapi-writes.ts); undefined when it cannot be read. */
function tableNamesInBody(resource: ResourceView): unknown {
  const properties = bodyProperties(resource);
  return isObject(properties) && !isUnknown(properties) ? properties.tableNames : undefined;
}
