// The in-database resources of a server by type, address and role name. The rules and the
// report look roles up once per grant, label and membership: scanning the server's list each
// time grew with the square of its resources. The index is derived from the list itself and
// built again whenever the list has another length; the model never changes a list once built.
import { ResourceView } from './stack-model';

/** A server's in-database resources, indexed. Each list keeps the order of the server's list. */
export interface InDatabaseIndex {
  readonly byType: ReadonlyMap<string, readonly ResourceView[]>;
  /** The first resource of each address. */
  readonly byAddress: ReadonlyMap<string, ResourceView>;
  /** The first postgresql_role of each literal name. */
  readonly roleByName: ReadonlyMap<string, ResourceView>;
  /** The resources of any of the types, in the list's order. */
  ofTypes(types: readonly string[]): readonly ResourceView[];
}

const indexes = new WeakMap<readonly ResourceView[], { readonly length: number; readonly index: InDatabaseIndex }>();

/** The index of a server's in-database list. */
export function inDatabaseIndex(resources: readonly ResourceView[]): InDatabaseIndex {
  const known = indexes.get(resources);
  if (known !== undefined && known.length === resources.length) return known.index;
  const byType = new Map<string, ResourceView[]>();
  const byAddress = new Map<string, ResourceView>();
  const roleByName = new Map<string, ResourceView>();
  for (const resource of resources) {
    const ofType = byType.get(resource.type);
    if (ofType === undefined) byType.set(resource.type, [resource]);
    else ofType.push(resource);
    if (!byAddress.has(resource.address)) byAddress.set(resource.address, resource);
    if (resource.type !== 'postgresql_role') continue;
    const name = resource.config.name;
    if (typeof name === 'string' && !roleByName.has(name)) roleByName.set(name, resource);
  }
  // Several types at once (grants, default privileges, memberships): filtered once per set of types.
  const byTypes = new Map<string, readonly ResourceView[]>();
  const ofTypes = (types: readonly string[]): readonly ResourceView[] => {
    if (types.length === 1) return byType.get(types[0]) ?? [];
    const key = types.join(' ');
    let found = byTypes.get(key);
    // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
    if (found === undefined) byTypes.set(key, (found = resources.filter((resource) => types.includes(resource.type))));
    return found;
  };
  const index = { byType, byAddress, roleByName, ofTypes };
  indexes.set(resources, { length: resources.length, index });
  return index;
}
