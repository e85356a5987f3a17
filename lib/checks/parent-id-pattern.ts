import { nameKey } from './azure-keys';
import type { ResourceView, TerraformBlock } from './stack-model';

// A network parent's resource ID as a pattern when some of its names are known only at apply time
// (a VNet or group from a variable): its literal parts, a hole for each other part. A pointer whose
// literal start or end cannot meet the pattern's is another resource, whatever the holes hold
// (fourteenth review, A14b-2).

/** What stands for a part known only later, in a pattern and in a pointer's literal text. */
export const HOLE = '\u0000';

/** The parts below Microsoft.Network of each network parent type's ID (the one table: network-writers.ts and later-parents.ts read it). */
export const NETWORK_ID_SEGMENTS: { readonly [type: string]: (config: TerraformBlock) => unknown[] } = {
  azurerm_subnet: (config) => ['virtualnetworks', config.virtual_network_name, 'subnets', config.name],
  azurerm_network_security_group: (config) => ['networksecuritygroups', config.name],
  azurerm_private_endpoint: (config) => ['privateendpoints', config.name],
  azurerm_private_dns_zone: (config) => ['privatednszones', config.name],
};

/** The parent's ID as a key (azure-keys.ts: no leading "/"), its subscription and each part that is not literal text a HOLE; undefined for another type. */
export function parentIdPattern(parent: ResourceView): string | undefined {
  const segments = Object.prototype.hasOwnProperty.call(NETWORK_ID_SEGMENTS, parent.type) ? NETWORK_ID_SEGMENTS[parent.type](parent.config) : undefined;
  if (segments === undefined) return undefined;
  const part = (value: unknown) => (typeof value === 'string' && !value.includes('/') ? nameKey(value) : HOLE);
  return `subscriptions/${HOLE}/resourcegroups/${part(parent.config.resource_group_name)}/providers/microsoft.network/${segments.map(part).join('/')}`;
}

/**
 * Whether two patterns (a HOLE any text) may spell the same text: a text both spell starts with each
 * one's literal start and ends with each one's literal end, so one of the two starts (and ends) is
 * the other's. When they disagree the two cannot meet; when they agree they may.
 */
export function mayMeet(a: string, b: string): boolean {
  const [partsA, partsB] = [a.split(HOLE), b.split(HOLE)];
  const [startA, startB, endA, endB] = [partsA[0], partsB[0], partsA[partsA.length - 1], partsB[partsB.length - 1]];
  return (startA.startsWith(startB) || startB.startsWith(startA)) && (endA.endsWith(endB) || endB.endsWith(endA));
}
