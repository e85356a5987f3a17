import { actionRequest, mayReadByGet } from './azapi-writes';
import { idParts } from './azure-keys';
import { spelledId } from './block-ids';
import { isUnknown } from './hcl-expression';
import { idsUnder, isCollectionGet, literalType } from './listed-objects';
import type { StackFacts } from './rule';
import type { ResourceView } from './stack-model';
import { literalString } from './value-readers';

// An azapi lookup of one object gives it back (84th run, A84b-2): data.azapi_resource's `output` is the object's body (its `id`
// among it), and both it and data.azapi_resource_id read its parent in `parent_id` when they were given its resource_id. A
// pointer read there is that object, or its parent: any object when the lookup's arguments do not spell it.

/** Per lookup type, the attributes that hold the object itself. */
const OWN: { readonly [type: string]: readonly string[] } = { azapi_resource: ['id', 'output'], azapi_resource_id: ['id', 'resource_id'] };

/** What a pointer read from an azapi lookup's `attribute` may be: its object's ID patterns (a segment "?"), or 'any'; undefined for another attribute. */
export function azapiLookupObjects(lookup: ResourceView, attribute: string, stack: StackFacts | undefined): string[] | 'any' | undefined {
  const own = OWN[lookup.type];
  const { config } = lookup;
  // A parent_id it was given is read as written, as every pointer argument is.
  if (!lookup.address.startsWith('data.') || own === undefined || (attribute === 'parent_id' && config.parent_id !== undefined)) return undefined;
  if (attribute !== 'parent_id' && !own.includes(attribute)) return undefined;
  const ids = objectIds(config, stack);
  if (attribute !== 'parent_id' || ids === 'any') return ids;
  const parents = ids.map(parentOf);
  return parents.every((parent): parent is string => parent !== undefined) ? parents : 'any';
}

/** The IDs the lookup's arguments spell: its resource_id, or its type's object named `name` under parent_id. */
function objectIds(config: ResourceView['config'], stack: StackFacts | undefined): string[] | 'any' {
  const spelled = (value: unknown) => spelledId(value, stack?.resources, stack?.azurermProviders);
  if (config.resource_id !== undefined) {
    const id = spelled(config.resource_id);
    return id === undefined ? 'any' : [id];
  }
  const type = literalType(config.type);
  const parent = spelled(config.parent_id);
  const name = literalString(config.name)?.trim();
  if (type === undefined || parent === undefined) return 'any';
  return idsUnder(parent, type, name === undefined || name === '' || name.includes('/') ? '?' : name);
}

/** An ARM ID's parent: a child's without its last type and name, a provider resource's scope, a group's subscription; undefined above. */
function parentOf(id: string): string | undefined {
  const segments = idParts(id);
  const providers = segments.map((segment) => segment.toLowerCase()).lastIndexOf('providers');
  const kept = providers >= 0 && segments.length - providers > 4 ? segments.length - 2 : providers >= 0 ? providers : segments.length - 2;
  return kept < 2 ? undefined : `/${segments.slice(0, kept).join('/')}`;
}

/**
 * An azapi action that GETs one object (method GET or HEAD, data source or resource) read as the data.azapi_resource of it (96th
 * run, A96b-1): its `output` is that object's body, as the lookup's is. The object is the request's (azapi-writes.ts actionRequest:
 * an action of type/name pairs names a child); an action known only later may GET any object (no type, no resource_id). Undefined
 * for any other block, a GET of a collection (listed-objects.ts) and a GET of an action's URL (its output is no object).
 */
export function actionAsLookup(block: ResourceView, stack?: StackFacts): ResourceView | undefined {
  if (!mayReadByGet(block) || isCollectionGet(block, stack)) return undefined;
  if (isUnknown(block.config.action)) return { ...block, type: 'azapi_resource', config: {} };
  const request = actionRequest(block.config);
  const action = request.action === undefined ? '' : literalString(request.action)?.trim();
  if (action !== '') return undefined;
  return { ...block, type: 'azapi_resource', config: { type: request.type, resource_id: request.resource_id } };
}

/** What an `output` reading may read of the body when the exports' query is no plain path (a JMESPath function, a filter). */
export const ANY_PART = '*';

/**
 * The path into an azapi lookup's response body (lower case, "properties.subnets[0].id") that a reading of its `output` reads
 * (the reference's text after "output": `.sid`, `["sid"]`, `.value.id`), by its response_export_values (96th run, A96e-1): a map
 * names each output by its key, whose query is a path of the body (`{ sid = "id" }`: `output.sid` is the ID) or the body itself
 * ("@"); a list, or none, mirrors the body's paths. ANY_PART for a query that is not a plain path (it may give any part); undefined
 * for a key the map does not export.
 */
export function exportedBodyPath(exportValues: unknown, reading: string): string | undefined {
  const tail = reading.replace(/\["([^"]*)"\]/g, '.$1').toLowerCase();
  if (exportValues === null || typeof exportValues !== 'object' || Array.isArray(exportValues)) return tail.replace(/^\./, '');
  const [, key, rest] = /^\.([^.[]+)(.*)$/.exec(tail) ?? [];
  if (key === undefined) return '';
  const query = Object.entries(exportValues).find(([name]) => name.toLowerCase() === key)?.[1];
  if (query === undefined) return undefined;
  const path = typeof query === 'string' ? query.trim().toLowerCase() : '';
  if (path === '@') return rest.replace(/^\./, '');
  return PLAIN_PATH.test(path) ? `${path}${rest}` : ANY_PART;
}

/** A JMESPath that is a plain path of the body: names, indexes and "[*]" projections. */
const PLAIN_PATH = /^[a-z_$][\w$-]*(?:\.[a-z_$][\w$-]*|\[(?:\d+|\*)\])*$/;
