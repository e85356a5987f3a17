import { nameKey } from './azure-keys';
import { NamedParents, namedParents } from './name-parents';
import { referencedResources } from './referenced-resources';
import { oncePerStackFor } from './per-stack';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';

const indexes = new WeakMap<readonly ResourceView[], Map<string, ReadonlyMap<string, readonly number[]>>>();

/**
 * Where each resource of a list sits in it, by the private DNS zone its attribute names: the
 * zone's literal name ("name:<lower case>") or a zone of the stack it refers to ("zone:<address>").
 * Built once per list and attribute: every server looks its zones up (a scan per server grows
 * with the square of the servers; bench/README.md).
 */
export function indexByZone(resources: readonly ResourceView[], attribute: string, stack: StackFacts | undefined): ReadonlyMap<string, readonly number[]> {
  let byAttribute = indexes.get(resources);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (byAttribute === undefined) {
    byAttribute = new Map();
    indexes.set(resources, byAttribute);
  }
  let index = byAttribute.get(attribute);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (index === undefined) {
    const built = new Map<string, number[]>();
    const add = (key: string, position: number) => {
      const positions = built.get(key);
      if (positions === undefined) built.set(key, [position]);
      else positions.push(position);
    };
    resources.forEach((resource, position) => zoneOf(resource, attribute, stack).keys.forEach((key) => add(key, position)));
    index = built;
    byAttribute.set(attribute, index);
  }
  return index;
}

/**
 * The zone a record or link names: the keys of the zones it may be in (a literal name; the zones of
 * the stack it references whose resource group may be its own; the literal name such a reference
 * reads, which in the child's own group is another zone: A14a-2), and how a zone of another name may
 * still hold it (name-parents.ts; later-parents.ts judges those).
 */
export function zoneOf(resource: ResourceView, attribute: string, stack: StackFacts | undefined): ZoneOf {
  return zoneKept(resource, attribute, stack);
}

type ZoneOf = { readonly keys: readonly string[]; readonly later: NamedParents<ResourceView>['later'] };

/** Read once per evaluation: every server asks of every record and link (the result is shared: not to be changed). */
const zoneKept = oncePerStackFor(readZoneOf);

function readZoneOf(resource: ResourceView, attribute: string, stack: StackFacts | undefined): ZoneOf {
  const zone = resource.config[attribute];
  if (typeof zone === 'string') return { keys: [zoneNameKey(zone)], later: 'no' };
  const { kept, name, later } = namedParents(resource, zone, referencedResources(zone, 'azurerm_private_dns_zone', stack?.resources), stack?.resources);
  return { keys: [...kept.map((found) => zoneAddressKey(found.address)), ...(name === undefined ? [] : [zoneNameKey(name)])], later };
}

export function zoneNameKey(name: string): string {
  return `name:${nameKey(name)}`;
}

export function zoneAddressKey(address: string): string {
  return `zone:${address}`;
}

/** The resources of the list whose attribute names one of the zones, in the list's order. */
export function inZones(resources: readonly ResourceView[], attribute: string, stack: StackFacts | undefined, keys: readonly string[]): ResourceView[] {
  const index = indexByZone(resources, attribute, stack);
  const found = new Set(keys.flatMap((key) => index.get(key) ?? []));
  return [...found].sort((a, b) => a - b).map((position) => resources[position]);
}
