import { idKey, nameKey } from './azure-keys';
import { groupName } from './containing-scopes';
import { isUnknown } from './hcl-expression';
import { ANY_TYPE_LOOKUPS, isAliasReference, resolvedPointer } from './id-aliases';
import { spells } from './later-parents';
import { StackFacts } from './rule';
import { ResourceView, sameForSure } from './stack-model';
import { INSTANCE_KEY } from './traversal-text';

// Which pointers name, or may name, the Log Analytics workspace a construct sends its server's logs
// to: by the same expression, by its literal ID (any letter case), by a reference to a workspace of
// the stack or a lookup of its names, or by a pointer known only at apply time (a variable, a
// template, a search), which Terraform may plan as that workspace (fourteenth review, A14b-5), as
// later-parents.ts reads a pointer to a construct's network parents.

/** A workspace's resource ID as a key (azure-keys.ts): its resource group and name. */
const WORKSPACE_ID = /^subscriptions\/[^/]*\/resourcegroups\/([^/]+)\/providers\/microsoft\.operationalinsights\/workspaces\/([^/]+)$/;
/** A reference to a block's attribute: data or a resource, its type, name (and index), attribute. */
const BLOCK_REFERENCE = new RegExp(String.raw`^(data\.)?([a-z0-9_]+)\.([^.[\]]+)(?:${INSTANCE_KEY})?\.(.+)$`);
export const WORKSPACE_TYPE = 'azurerm_log_analytics_workspace';

/** How a pointer names the construct's workspace: for sure, maybe (known only at apply time), or not. */
export type WorkspaceMatch = 'is' | 'may' | undefined;

/** A reader of pointers against one workspace the construct sends the logs to, as its diagnostic setting writes it. */
export function workspaceMatcher(workspace: unknown, stack: StackFacts | undefined): (pointer: unknown) => WorkspaceMatch {
  const own = workspaceKey(workspace, stack);
  // A workspace known only at apply time (a variable) may be any workspace.
  const later = own === undefined && isUnknown(workspace);
  return (written) => {
    // A reference to the id of a block whose ID is another object's (a diagnostic categories lookup's) is that object's (A70b-1).
    const pointer = resolvedPointer(written, stack);
    if (sameForSure(workspace, pointer)) return 'is';
    if (later) return pointer === undefined ? undefined : 'may';
    if (own === undefined) return undefined;
    const key = workspaceKey(pointer, stack);
    if (key !== undefined) return key === own ? 'is' : undefined;
    return mayNameWorkspace(pointer, own) ? 'may' : undefined;
  };
}

/** A resource group ID as a key: its name. */
const GROUP_ID = /^subscriptions\/[^/]*\/resourcegroups\/([^/]+)$/;

/**
 * True when a scope is the resource group of a workspace the construct sends the logs to (its literal ID,
 * or a reference to the ID of a resource group of the stack of that name), read as workspaceKey reads it.
 */
export function holdsWorkspace(workspace: unknown, scope: unknown, stack: StackFacts | undefined): boolean {
  const group = workspaceKey(workspace, stack)?.split('/')[0];
  if (group === undefined) return false;
  if (typeof scope === 'string') return GROUP_ID.exec(idKey(scope))?.[1] === group;
  const found = isUnknown(scope) && scope.isPlainReference ? /^(azurerm_resource_group\.[^.[\]]+)\.id$/.exec(scope.references[0]) : null;
  const name = found === null ? undefined : stack?.resources?.get(found[1])?.config.name;
  return typeof name === 'string' && nameKey(name) === group;
}

/** "<group>/<name>" (lower case) of a workspace a pointer names for sure: its literal ID, or a workspace or lookup of literal names. */
function workspaceKey(pointer: unknown, stack: StackFacts | undefined): string | undefined {
  if (typeof pointer === 'string') {
    const found = WORKSPACE_ID.exec(idKey(pointer));
    return found === null ? undefined : `${found[1]}/${found[2]}`;
  }
  if (!isUnknown(pointer) || !pointer.isPlainReference) return undefined;
  const found = /^((data\.)?azurerm_log_analytics_workspace\.[^.[\]]+)\.id$/.exec(pointer.references[0]);
  const block: ResourceView | undefined = found === null ? undefined : (found[2] === undefined ? stack?.resources : stack?.lookups)?.get(found[1]);
  const [group, name] = block === undefined ? [] : [groupName(block, stack), block.config.name];
  return group !== undefined && typeof name === 'string' ? `${group}/${nameKey(name)}` : undefined;
}

/**
 * True when a pointer known only at apply time may name the workspace `own` ("<group>/<name>"):
 * anything but a reference to the ID of a placed block of another kind, or a template whose literal
 * part cannot spell the workspace's ID. A workspace or lookup of its kind whose names are known only
 * later may be it.
 */
function mayNameWorkspace(pointer: unknown, own: string): boolean {
  if (!isUnknown(pointer)) return false;
  if (pointer.isPlainReference) {
    const found = BLOCK_REFERENCE.exec(pointer.references[0]);
    if (found === null) return true;
    const [, data, type, , attribute] = found;
    // Variables, locals, modules (no provider's type has no underscore), azapi blocks and searches: any ID.
    // The id of a block whose ID is another object's, that block not found: any ID (id-aliases.ts).
    if (!type.includes('_') || type.startsWith('azapi_') || type === WORKSPACE_TYPE || (data !== undefined && ANY_TYPE_LOOKUPS.includes(type)) || isAliasReference(pointer.references[0])) return true;
    return attribute !== 'id';
  }
  // A directive (%{if}, %{for}) chooses or repeats its text: what it spells is read as anything.
  // Its constant locals written out (A16a-10).
  const text = pointer.spelling;
  if (/(?<!%)%\{/.test(text)) return true;
  const [group, name] = own.split('/');
  return spells(text, `subscriptions/x/resourcegroups/${group}/providers/microsoft.operationalinsights/workspaces/${name}`, true);
}
