import { nameKey, sameName } from './azure-keys';
import { resourcesOfType } from './beside-construct';
import { everyBlock } from './dynamic-blocks';
import { mayNameParent, maySpellName } from './later-parents';
import { groupRelation } from './name-parents';
import { fail, StackFacts, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { literalBoolean, literalString } from './value-readers';
import { inZones, zoneAddressKey, zoneNameKey, zoneOf } from './zone-index';

// Which zone a server resolves in is judged by PG-NET-1 and PGF-NET-3; what else that zone answers
// is judged here: a record of the server's name sends clients in the VNet elsewhere, and a VNet
// link with auto-registration lets every VM of the VNet write names into the zone (fourth review, A4-9).

/** The record types of private DNS zones in azurerm. */
export const RECORD_TYPES = ['a', 'aaaa', 'cname', 'mx', 'ptr', 'srv', 'txt'].map((kind) => `azurerm_private_dns_${kind}_record`);
export const LINK_TYPE = 'azurerm_private_dns_zone_virtual_network_link';
/** The zone private endpoints of every PostgreSQL server share: its other names belong to other servers. */
export const SHARED_ZONE = 'privatelink.postgres.database.azure.com';
/** A private DNS zone's ID: group 1 is its name. */
export const ZONE_ID = /\/privateDnsZones\/([^/]+)$/i;

/**
 * The pointers to the zones the server is given (as written, any form): its own private_dns_zone_id and its private
 * endpoints' zone groups' zones (the Private Link zone, seventeenth review, A17a-6), each with the block that holds it.
 */
export function givenZonePointers(server: ServerView): { readonly pointer: unknown; readonly holder: string; readonly attribute: string; readonly shared: boolean }[] {
  const own = server.config.private_dns_zone_id === undefined ? [] : [{ pointer: server.config.private_dns_zone_id, holder: 'the server', attribute: 'private_dns_zone_id', shared: false }];
  // A view built by hand (a unit test's) may hold no private endpoints.
  return [...own, ...(server.privateEndpoints ?? []).flatMap((endpoint) => everyBlock(endpoint.config, 'private_dns_zone_group').flatMap((group) => {
    const ids = group.private_dns_zone_ids;
    // An endpoint's zone is the Private Link zone every server's endpoints share: only the server's names are its.
    return (Array.isArray(ids) ? ids : ids === undefined || ids === null ? [] : [ids]).map((pointer) => ({ pointer, holder: endpoint.address, attribute: 'private_dns_zone_ids', shared: true }));
  }))];
}

/** A zone the server resolves in: this stack's zone resources, and zones given by literal ID. */
export interface ServerZone {
  readonly name: string;
  readonly address?: string;
}

export function serverZones(server: ServerView): readonly ServerZone[] {
  // Read once per server view (each evaluation makes its own): the shadow rules ask per record and link of the stack.
  let zones = zonesByServer.get(server);
  if (zones === undefined) zonesByServer.set(server, (zones = withLiteralZones(server, [server.config.private_dns_zone_id])));
  return zones;
}

const zonesByServer = new WeakMap<ServerView, readonly ServerZone[]>();

/**
 * The zones where the stack's records and links may answer for the server: its zones (serverZones), and the zones its private
 * endpoints are given by literal ID (A17a-6; those zones' own names are the endpoints' rule's: shadow-dns-zones.ts).
 */
function answeringZones(server: ServerView): ServerZone[] {
  return withLiteralZones(server, givenZonePointers(server).map(({ pointer }) => pointer));
}

/** The zones of the stack the server resolves in, and those of the pointers that are literal IDs. */
function withLiteralZones(server: ServerView, pointers: readonly unknown[]): ServerZone[] {
  const zones: ServerZone[] = server.privateDnsZones.flatMap((zone) => (typeof zone.config.name === 'string' ? [{ name: nameKey(zone.config.name), address: zone.address }] : []));
  for (const pointer of pointers) {
    const found = typeof pointer === 'string' ? ZONE_ID.exec(pointer.trim().replace(/\/+$/, ''))?.[1] : undefined;
    const name = found === undefined ? undefined : nameKey(found);
    if (name !== undefined && !zones.some((zone) => zone.name === name)) zones.push({ name });
  }
  return zones;
}

/** The zone of the server's a record or link names (by literal name in any case, by reference to the zone resource, or by a name a reference reads). */
function zoneNamed(resource: ResourceView, attribute: string, zones: readonly ServerZone[], stack: StackFacts | undefined): ServerZone | undefined {
  const { keys } = zoneOf(resource, attribute, stack);
  return zones.find((zone) => keys.includes(zoneNameKey(zone.name)) || (zone.address !== undefined && keys.includes(zoneAddressKey(zone.address))));
}

/** True when a record may answer for the server: any name in a zone of its own; in the shared zone, its name, "*", "@" or a name known later. */
export function mayAnswerForServer(recordName: unknown, zone: ServerZone, server: ServerView): boolean {
  if (zone.name !== SHARED_ZONE) return true;
  if (typeof recordName !== 'string') return true;
  const serverName = server.config.name;
  const name = nameKey(recordName);
  return name === '*' || name === '@' || typeof serverName !== 'string' || name === nameKey(serverName);
}

/**
 * Records that may answer for the server's name (the library writes none: Azure writes the server's
 * own), and links that let a VNet register names, in the zones the server resolves in.
 */
export function foreignZoneAnswers(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const zones = answeringZones(server);
  // A zone whose name is known only at apply time is no literal zone, but later answers may still be in it (A14a-10).
  if (zones.length === 0) return laterZoneAnswers(server, owner, stack);
  const keys = zones.flatMap((zone) => [zoneNameKey(zone.name), ...(zone.address === undefined ? [] : [zoneAddressKey(zone.address)])]);
  const records = RECORD_TYPES.flatMap((type) => inZones(resourcesOfType(stack, type), 'zone_name', stack, keys)).flatMap((record): Verdict[] => {
    const zone = zoneNamed(record, 'zone_name', zones, stack);
    if (zone === undefined || !mayAnswerForServer(record.config.name, zone, server)) return [];
    return [fail(`${record.address} writes ${JSON.stringify(record.config.name ?? null)} into zone ${zone.name}, where the server's name resolves, a record ${owner} does not make: clients in the VNet may be sent to another address.`, record.address)];
  });
  const links = inZones(resourcesOfType(stack, LINK_TYPE), 'private_dns_zone_name', stack, keys).flatMap((link): Verdict[] => {
    const zone = zoneNamed(link, 'private_dns_zone_name', zones, stack);
    if (zone === undefined || literalBoolean(link.config.registration_enabled ?? false) === false) return [];
    return [fail(`${link.address} links zone ${zone.name}, where the server's name resolves, with registration_enabled ${JSON.stringify(link.config.registration_enabled)}: every VM of the VNet may write names into it.`, link.address)];
  });
  return [...records, ...links, ...laterZoneAnswers(server, owner, stack)];
}

/**
 * Records and registering links whose zone name is known only at apply time and may be one of the
 * server's zones of the stack (a variable whose default is the zone, a template that may spell it):
 * Terraform plans the default unless told otherwise (thirteenth review, A13-4). A literal resource
 * group other than the zone's is another zone.
 */
function laterZoneAnswers(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const zones = server.privateDnsZones;
  if (zones.length === 0) return [];
  // A zone the record surely names, or one of the stack it references in its group, is the literal form's to judge; the name of a
  // zone in another (or an unknown) group, known only later, may be any zone's of the record's group (A14a-2).
  const inZone = (resource: ResourceView, attribute: string) => {
    const { keys, later } = zoneOf(resource, attribute, stack);
    const literal = literalString(resource.config[attribute]);
    // A literal zone name may be a zone of the server's whose own name is known only at apply time (A14a-10).
    if (later === 'no' && literal !== undefined) {
      // A zone of the stack that bears the name in the record's group is the record's.
      const bearer = resourcesOfType(stack, 'azurerm_private_dns_zone').some((zone) => sameName(literalString(zone.config.name), literal)
        && groupRelation(resource, zone, stack?.resources) !== 'other');
      return bearer ? undefined : zones.find((zone) => groupRelation(resource, zone, stack?.resources) !== 'other' && maySpellName(zone.config.name, literal, stack?.resources));
    }
    return later === 'no' ? undefined : zones.find((zone) => !keys.includes(zoneAddressKey(zone.address)) && groupRelation(resource, zone, stack?.resources) !== 'other'
      && (later === 'any' || mayNameParent(resource.config[attribute], zone, { name: literalString(zone.config.name) }, stack?.lookups)));
  };
  const where = (resource: ResourceView, attribute: string, zone: ResourceView) => (typeof resource.config[attribute] === 'string'
    ? `${resource.address}, whose ${attribute} ${JSON.stringify(resource.config[attribute])} may be zone ${String(zone.config.name)}, whose name is known only at apply time, where the server's name resolves,`
    : `${resource.address}, whose ${attribute} ${JSON.stringify(resource.config[attribute])} is known only at apply time and may be zone ${String(zone.config.name)}, where the server's name resolves,`);
  const records = RECORD_TYPES.flatMap((type) => resourcesOfType(stack, type)).flatMap((record): Verdict[] => {
    const zone = inZone(record, 'zone_name');
    const name = literalString(zone?.config.name);
    if (zone === undefined || (name !== undefined && !mayAnswerForServer(record.config.name, { name: nameKey(name) }, server))) return [];
    return [fail(`${where(record, 'zone_name', zone)} writes ${JSON.stringify(record.config.name ?? null)} into it, a record ${owner} does not make: clients in the VNet may be sent to another address.`, record.address)];
  });
  const links = resourcesOfType(stack, LINK_TYPE).flatMap((link): Verdict[] => {
    const zone = literalBoolean(link.config.registration_enabled ?? false) === false ? undefined : inZone(link, 'private_dns_zone_name');
    if (zone === undefined) return [];
    return [fail(`${where(link, 'private_dns_zone_name', zone)} links it with registration_enabled ${JSON.stringify(link.config.registration_enabled)}: every VM of the VNet may write names into it.`, link.address)];
  });
  return [...records, ...links];
}
