// Data sources of any Azure resource type that name it by its ARM type, name and parent
// (seventh review, A7-2): azapi_resource_id builds the ID from them and reads nothing,
// azapi_resource reads the resource there, azurerm_resources searches by type and name. Their
// ID is the one their arguments spell, whatever resource the stack writes of that type.

type Args = { readonly [key: string]: string };

/** The lookups whose `id` is `<parent_id>/providers/<type>/<name>` (or `resource_id` as given). */
const BY_PARENT = ['azapi_resource_id', 'azapi_resource'];
/** The search whose `resources[<n>].id` are resources of its `type` and `name`. */
const SEARCH = 'azurerm_resources';
/** An item of the search's result by index ("resources[0].id"). */
const SEARCH_ITEM_ID = /^resources\[\d+\]\.id$/;

/**
 * The ID (literal, or a template where the lookup's own result supplies what its arguments do not
 * say) that an attribute of the lookup `self` (`data.<type>.<name>`) holds, or undefined when it is
 * not an ID or the arguments do not spell one.
 */
export function armIdOf(type: string, args: Args, self: string, attribute: string): string | undefined {
  if (BY_PARENT.includes(type) && attribute === 'id') return args.resource_id?.trim() ?? childId(args);
  const { type: armType, name } = args;
  if (type !== SEARCH || !SEARCH_ITEM_ID.test(attribute) || armType === undefined || name === undefined) return undefined;
  if (armType.includes('${') || name.includes('${') || !armType.includes('/') || name.includes('/')) return undefined;
  // The search reads the subscription of its provider, and any group without resource_group_name.
  const part = (index: number) => `\${split("/", ${self}.${attribute})[${index}]}`;
  const group = args.resource_group_name === undefined || args.resource_group_name.includes('${') ? part(4) : args.resource_group_name.trim();
  return `/subscriptions/${part(2)}/resourceGroups/${group}/providers/${armType.trim()}/${name.trim()}`;
}

/** azapi's ID of a resource of `type` named `name` under `parent_id`: a top-level type under a group or subscription, a child type under its parent. */
function childId(args: Args): string | undefined {
  const { type, name, parent_id: parent } = args;
  if (type === undefined || name === undefined || parent === undefined || type.includes('${')) return undefined;
  const segments = type.replace(/@.*$/, '').trim().split('/');
  if (segments.length < 2 || segments.some((segment) => segment === '')) return undefined;
  const base = parent.trim().replace(/\/$/, '');
  return segments.length === 2 ? `${base}/providers/${segments.join('/')}/${name.trim()}` : `${base}/${segments[segments.length - 1]}/${name.trim()}`;
}
