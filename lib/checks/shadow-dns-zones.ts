import { madeBy, resourcesOfType } from './beside-construct';
import { LINK_TYPE, RECORD_TYPES, serverZones, ZONE_ID } from './dns-zone-answers';
import { everyBlock } from './dynamic-blocks';
import { bodiesOf } from './terraform-json';
import { fail, StackFacts, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { inZones, zoneAddressKey, zoneNameKey } from './zone-index';
import { appendTo } from '../private/list-map';

// Clients connect to a server by its public name (<name>.postgres.database.azure.com), which Azure's
// public DNS points at the zone the server resolves in. A private DNS zone named for that name or a
// parent of it, linked to a VNet, answers the first query itself in that VNet: the pointer is never
// followed, and its records say where the server is (seventh review, A7-18).

/** Where Azure's clouds put PostgreSQL servers' public names. */
export const SERVER_DOMAINS = ['postgres.database.azure.com', 'postgres.database.chinacloudapi.cn', 'postgres.database.usgovcloudapi.net'];

/**
 * The names a private zone (or a DNS forwarding rule) shadows the server's public name with: the name
 * and each parent of it with two labels or more, but for the zones the server resolves in.
 */
export function shadowingNames(server: ServerView): string[] {
  const own = new Set(serverZones(server).map((zone) => zone.name));
  return publicNameAndParents(server).filter((name) => !own.has(name));
}

function publicNameAndParents(server: ServerView): string[] {
  const name = typeof server.config.name === 'string' ? server.config.name.trim().toLowerCase() : undefined;
  return SERVER_DOMAINS.flatMap((domain) => {
    const labels = (name === undefined ? domain : `${name}.${domain}`).split('.');
    return labels.slice(0, -1).map((_label, index) => labels.slice(index).join('.'));
  });
}

/** True when a record's full name (its name under the zone, "@" the zone itself) may be the server's public name. */
function mayAnswerFor(recordName: unknown, zoneName: string, server: ServerView): boolean {
  if (typeof recordName !== 'string') return true;
  const relative = recordName.trim().toLowerCase();
  const full = relative === '@' ? zoneName : `${relative}.${zoneName}`;
  const name = typeof server.config.name === 'string' ? server.config.name.trim().toLowerCase() : undefined;
  return SERVER_DOMAINS.some((domain) => {
    // A wildcard answers for every name below the name it stands in.
    if (full.startsWith('*.')) return `${name ?? 'x'}.${domain}`.endsWith(full.slice(1));
    if (name !== undefined) return full === `${name}.${domain}`;
    return full.endsWith(`.${domain}`) && !full.slice(0, -domain.length - 1).includes('.');
  });
}

/** The stack's zone resources by literal name in lower case, once per stack (every server asks). */
const zonesByName = new WeakMap<readonly ResourceView[], ReadonlyMap<string, readonly ResourceView[]>>();

function zonesNamed(stack: StackFacts | undefined): ReadonlyMap<string, readonly ResourceView[]> {
  const zones = resourcesOfType(stack, 'azurerm_private_dns_zone');
  let byName = zonesByName.get(zones);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (byName === undefined) {
    const built = new Map<string, ResourceView[]>();
    zones.forEach((zone) => {
      if (typeof zone.config.name === 'string') appendTo(built, zone.config.name.toLowerCase(), zone);
    });
    byName = built;
    zonesByName.set(zones, byName);
  }
  return byName;
}

/**
 * Records of any zone but the server's own that may answer for its public name (the zone of a parent
 * of the name, by literal name or by reference), and VNet links of such zones: each fails.
 */
export function shadowZoneAnswers(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const byName = zonesNamed(stack);
  // Each shadowing name, and the keys a record or link names a zone of that name by.
  const shadows = shadowingNames(server).map((name) => ({
    name,
    keys: [zoneNameKey(name), ...(byName.get(name) ?? []).map((zone) => zoneAddressKey(zone.address))],
  }));
  const records = shadows.flatMap((shadow) => RECORD_TYPES.flatMap((type) => inZones(resourcesOfType(stack, type), 'zone_name', stack, shadow.keys))
    .filter((record) => mayAnswerFor(record.config.name, shadow.name, server))
    .map((record) => fail(`${record.address} writes ${JSON.stringify(record.config.name ?? null)} into zone ${shadow.name}, which answers in the VNets linked to it for the public name of ${owner}'s server before Azure's DNS can: clients there may be sent to another address.`, record.address)));
  const links = shadows.flatMap((shadow) => inZones(resourcesOfType(stack, LINK_TYPE), 'private_dns_zone_name', stack, shadow.keys)
    .map((link) => fail(`${link.address} links zone ${shadow.name} to a VNet, where it then answers for the public name of ${owner}'s server in place of Azure's DNS: clients there reach what its records say, or nothing.`, link.address)));
  return [...records, ...links];
}

/**
 * The construct's private endpoints that write the server's record into a zone named for its public
 * name or a parent of it, given by an ID the JSON holds as a literal (a Lazy resolves to one): such a
 * zone answers for every name below it wherever it is linked (tenth review, A10a-2).
 */
export function shadowEndpointZones(server: ServerView, owner: string): Verdict[] {
  const shadows = new Set(publicNameAndParents(server));
  return server.privateEndpoints.filter((endpoint) => madeBy(endpoint, owner)).flatMap((endpoint) => everyBlock(endpoint.config, 'private_dns_zone_group')
    .flatMap((group) => bodiesOf(group.private_dns_zone_ids))
    .flatMap((id) => {
      const name = typeof id === 'string' ? ZONE_ID.exec(id.trim())?.[1]?.toLowerCase() : undefined;
      return name !== undefined && shadows.has(name)
        ? [fail(`${endpoint.address} writes the server's record into zone ${name}, which answers for the public name of ${owner}'s server, and every name below it, in the VNets linked to it, in place of Azure's DNS.`, endpoint.address)]
        : [];
    }));
}

/**
 * What a failure of shadowServerZones is about: its own subject, so the suppression of an existing
 * zone given by ID (subject private_dns_zone_id) does not cover it (eleventh review, A11a-9).
 */
export const SHADOW_SERVER_ZONE_SUBJECT = 'server zone named for its public name';

/**
 * The zones the server resolves in (its private_dns_zone_id by literal ID, whatever wrote it, or a
 * zone of the stack its pointers name) that are named for its public name or a parent of it: such a
 * zone answers for every PostgreSQL name below it in the VNets linked to it (eleventh review, A11a-9).
 */
export function shadowServerZones(server: ServerView, owner: string): Verdict[] {
  const shadows = new Set(publicNameAndParents(server));
  // Azure reads a zone's name in any case, around spaces and a final dot.
  return serverZones(server).map((zone) => ({ ...zone, name: zone.name.trim().replace(/\.$/, '') })).filter((zone) => shadows.has(zone.name)).map((zone) => fail(
    `the server resolves in zone ${zone.name}${zone.address === undefined ? '' : ` (${zone.address})`}, named for the public name of ${owner}'s server or a parent of it: it answers for that name, and every name below it, in the VNets linked to it, in place of Azure's DNS.`,
    undefined, SHADOW_SERVER_ZONE_SUBJECT));
}
