import { resourcesOfType } from './beside-construct';
import { referencedResources } from './referenced-resources';
import { fail, StackFacts, Verdict } from './rule';
import { ServerView } from './stack-model';
import { literalBoolean } from './value-readers';
import { inZones, zoneAddressKey, zoneNameKey } from './zone-index';

// Which zone a server resolves in is judged by PG-NET-1 and PGF-NET-3; what else that zone answers
// is judged here: a record of the server's name sends clients in the VNet elsewhere, and a VNet
// link with auto-registration lets every VM of the VNet write names into the zone (fourth review, A4-9).

/** The record types of private DNS zones in azurerm. */
export const RECORD_TYPES = ['a', 'aaaa', 'cname', 'mx', 'ptr', 'srv', 'txt'].map((kind) => `azurerm_private_dns_${kind}_record`);
export const LINK_TYPE = 'azurerm_private_dns_zone_virtual_network_link';
/** The zone private endpoints of every PostgreSQL server share: its other names belong to other servers. */
const SHARED_ZONE = 'privatelink.postgres.database.azure.com';
/** A private DNS zone's ID: group 1 is its name. */
export const ZONE_ID = /\/privateDnsZones\/([^/]+)$/i;

/** A zone the server resolves in: this stack's zone resources, and zones given by literal ID. */
export interface ServerZone {
  readonly name: string;
  readonly address?: string;
}

export function serverZones(server: ServerView): ServerZone[] {
  const zones: ServerZone[] = server.privateDnsZones.flatMap((zone) => (typeof zone.config.name === 'string' ? [{ name: zone.config.name.toLowerCase(), address: zone.address }] : []));
  const id = server.config.private_dns_zone_id;
  const name = typeof id === 'string' ? ZONE_ID.exec(id)?.[1]?.toLowerCase() : undefined;
  if (name !== undefined && !zones.some((zone) => zone.name === name)) zones.push({ name });
  return zones;
}

/** The zone of the server's a record or link names (by literal name in any case, or by reference to the zone resource). */
function zoneNamed(value: unknown, zones: readonly ServerZone[], stack: StackFacts | undefined): ServerZone | undefined {
  if (typeof value === 'string') return zones.find((zone) => zone.name === value.toLowerCase());
  const referenced = referencedResources(value, 'azurerm_private_dns_zone', stack?.resources).map((zone) => zone.address);
  return zones.find((zone) => zone.address !== undefined && referenced.includes(zone.address));
}

/** True when a record may answer for the server: any name in a zone of its own; in the shared zone, its name, "*", "@" or a name known later. */
function mayAnswerForServer(recordName: unknown, zone: ServerZone, server: ServerView): boolean {
  if (zone.name !== SHARED_ZONE) return true;
  if (typeof recordName !== 'string') return true;
  const serverName = server.config.name;
  const name = recordName.toLowerCase();
  return name === '*' || name === '@' || typeof serverName !== 'string' || name === serverName.toLowerCase();
}

/**
 * Records that may answer for the server's name (the library writes none: Azure writes the server's
 * own), and links that let a VNet register names, in the zones the server resolves in.
 */
export function foreignZoneAnswers(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const zones = serverZones(server);
  if (zones.length === 0) return [];
  const keys = zones.flatMap((zone) => [zoneNameKey(zone.name), ...(zone.address === undefined ? [] : [zoneAddressKey(zone.address)])]);
  const records = RECORD_TYPES.flatMap((type) => inZones(resourcesOfType(stack, type), 'zone_name', stack, keys)).flatMap((record): Verdict[] => {
    const zone = zoneNamed(record.config.zone_name, zones, stack);
    if (zone === undefined || !mayAnswerForServer(record.config.name, zone, server)) return [];
    return [fail(`${record.address} writes ${JSON.stringify(record.config.name ?? null)} into zone ${zone.name}, where the server's name resolves, a record ${owner} does not make: clients in the VNet may be sent to another address.`, record.address)];
  });
  const links = inZones(resourcesOfType(stack, LINK_TYPE), 'private_dns_zone_name', stack, keys).flatMap((link): Verdict[] => {
    const zone = zoneNamed(link.config.private_dns_zone_name, zones, stack);
    if (zone === undefined || literalBoolean(link.config.registration_enabled ?? false) === false) return [];
    return [fail(`${link.address} links zone ${zone.name}, where the server's name resolves, with registration_enabled ${JSON.stringify(link.config.registration_enabled)}: every VM of the VNet may write names into it.`, link.address)];
  });
  return [...records, ...links];
}
