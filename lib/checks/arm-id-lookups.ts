// Data sources of any Azure resource type that name it by its ARM type, name and parent
// (seventh review, A7-2): azapi_resource_id builds the ID from them and reads nothing,
// azapi_resource reads the resource there, azurerm_resources searches by type and name. Their
// ID is the one their arguments spell, whatever resource the stack writes of that type.

type Args = { readonly [key: string]: string };

/** The lookups whose `id` is `<parent_id>/providers/<type>/<name>` (or `resource_id` as given). */
const BY_PARENT = ['azapi_resource_id', 'azapi_resource'];
/** The search whose `resources` are resources of its `type` (and `name`, `resource_group_name` when given). */
const SEARCH = 'azurerm_resources';
/**
 * What of the search's result holds the resources' IDs: an item's ID ("resources[0].id"), or the
 * list read in any other way ("resources", for a splat, a for expression, the whole list or item,
 * which reads every item's ID: eighth review, A8-5).
 */
const SEARCH_READ = /^resources(?:\[\d+\]\.id)?$/;

/**
 * The ID (literal, or a template where the lookup's own result supplies what its arguments do not
 * say) that an attribute of the lookup `self` (`data.<type>.<name>`) holds, or undefined when it is
 * not an ID or the arguments do not spell one.
 */
export function armIdOf(type: string, args: Args, self: string, attribute: string): string | undefined {
  if (BY_PARENT.includes(type) && attribute === 'id') return args.resource_id?.trim() ?? childId(args);
  const { type: armType, name, resource_group_name: group } = args;
  if (type !== SEARCH || !SEARCH_READ.test(attribute) || armType === undefined || armType.includes('${')) return undefined;
  const segments = armType.trim().split('/');
  if (segments.length < 2 || (name !== undefined && !name.includes('${') && name.includes('/'))) return undefined;
  // The search reads the subscription of its provider, any group without resource_group_name, and
  // any name without name (A8-5): those segments are the item's own, known only at apply time.
  const item = attribute === 'resources' ? 'resources[0].id' : attribute;
  const part = (index: number) => `\${split("/", ${self}.${item})[${index}]}`;
  const known = (value: string | undefined): value is string => value !== undefined && !value.includes('${');
  // A child type's names sit between its type segments ("vaults/<vault>/keys/<key>"), each the item's own but the last when named (83rd run, A83b-1).
  const [namespace, ...kinds] = segments;
  const names = kinds.map((kind, at) => `${kind}/${at === kinds.length - 1 && known(name) ? name.trim() : part(8 + 2 * at)}`);
  return `/subscriptions/${part(2)}/resourceGroups/${known(group) ? group.trim() : part(4)}/providers/${namespace}/${names.join('/')}`;
}

/** azapi's ID of a resource of `type` named `name` under `parent_id`: a top-level type under a group or subscription, a child type under its parent. */
function childId(args: Args): string | undefined {
  const { type, name, parent_id: parent } = args;
  if (type === undefined || name === undefined || parent === undefined || type.includes('${')) return undefined;
  const segments = type.replace(/@.*$/, '').trim().split('/');
  if (segments.length < 2 || segments.some((segment) => segment === '')) return undefined;
  const base = parent.trim().replace(/\/$/, '');
  // A resource group sits in its subscription as "/resourceGroups/<name>", not as a provider resource (azapi's parse.NewResourceID).
  if (segments.join('/').toLowerCase() === 'microsoft.resources/resourcegroups') return `${base}/resourceGroups/${name.trim()}`;
  return segments.length === 2 ? `${base}/providers/${segments.join('/')}/${name.trim()}` : `${base}/${segments[segments.length - 1]}/${name.trim()}`;
}
