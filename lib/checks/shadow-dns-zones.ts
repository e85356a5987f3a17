import { azapiNetworkRow } from './azapi-network';
import { madeBy, resourcesOfType } from './beside-construct';
import { LINK_TYPE, RECORD_TYPES, serverZones, ZONE_ID } from './dns-zone-answers';
import { everyBlock } from './dynamic-blocks';
import { bodiesOf } from './terraform-json';
import { isUnknown, Unknown } from './hcl-expression';
import { hasDomainEnd, mayBeOneOf, publicNameParents, publicNames, recordMayAnswer, shadowingNames } from './public-name-shadows';
import { azapiName, azapiParent, azapiType, azapiWriters } from './azapi-writes';
import { fail, StackFacts, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { indexByZone, inZones, zoneAddressKey, zoneNameKey, zoneOf } from './zone-index';
import { appendTo } from '../private/list-map';

// Clients connect to a server by its public name (<name>.postgres.database.azure.com), which Azure's
// public DNS points at the zone the server resolves in. A private DNS zone named for that name or a
// parent of it, linked to a VNet, answers the first query itself in that VNet: the pointer is never
// followed, and its records say where the server is (seventh review, A7-18).

/** Every literal zone name of the stack (its zones', its records' and VNet links'), normalized, with the keys it is written by. */
const namesByStack = new WeakMap<object, ReadonlyMap<string, readonly string[]>>();

function literalZoneNames(stack: StackFacts | undefined): ReadonlyMap<string, readonly string[]> {
  const cacheKey = stack?.resources;
  let names = cacheKey === undefined ? undefined : namesByStack.get(cacheKey);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (names === undefined) {
    const built = new Map<string, string[]>();
    const add = (written: string) => {
      const normalized = written.trim().toLowerCase().replace(/\.$/, '');
      if (!(built.get(normalized) ?? []).includes(written)) appendTo(built, normalized, written);
    };
    resourcesOfType(stack, 'azurerm_private_dns_zone').forEach((zone) => typeof zone.config.name === 'string' && add(zone.config.name.toLowerCase()));
    [...RECORD_TYPES.map((type) => [type, 'zone_name']), [LINK_TYPE, 'private_dns_zone_name']].forEach(([type, attribute]) => [...indexByZone(resourcesOfType(stack, type), attribute, stack).keys()]
      .filter((key) => key.startsWith(zoneNameKey(''))).forEach((key) => add(key.slice(zoneNameKey('').length))));
    names = built;
    if (cacheKey !== undefined) namesByStack.set(cacheKey, names);
  }
  return names;
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
 * of the name, by literal name or by reference), and VNet links of such zones: each fails. A zone
 * whose name is a template that may be such a name is judged alike (laterShadowAnswers).
 */
export function shadowZoneAnswers(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const byName = zonesNamed(stack);
  const names = shadowingNames(server);
  // Each literal name of the stack that may shadow (the server's name known: one of the names), and the keys a record or link names a zone of that name by.
  const stackNames = literalZoneNames(stack);
  // With the server's name known the names are all literal: looked up, not scanned (every server asks; bench/README.md).
  const found = typeof server.config.name === 'string' ? names.flatMap((name): [string, readonly string[]][] => (stackNames.has(name) ? [[name, stackNames.get(name)!]] : []))
    : [...stackNames].filter(([name]) => mayBeOneOf(name, names));
  const shadows = found.flatMap(([name, written]) => written.map((variant) => ({
    name,
    keys: [zoneNameKey(variant), ...(byName.get(variant) ?? []).map((zone) => zoneAddressKey(zone.address))],
  })));
  const records = shadows.flatMap((shadow) => RECORD_TYPES.flatMap((type) => inZones(resourcesOfType(stack, type), 'zone_name', stack, shadow.keys))
    .filter((record) => recordMayAnswer(record.config.name, shadow.name, server, stack))
    .map((record) => fail(`${record.address} writes ${JSON.stringify(record.config.name ?? null)} into zone ${shadow.name}, which answers in the VNets linked to it for the public name of ${owner}'s server before Azure's DNS can: clients there may be sent to another address.`, record.address)));
  const links = shadows.flatMap((shadow) => inZones(resourcesOfType(stack, LINK_TYPE), 'private_dns_zone_name', stack, shadow.keys)
    .map((link) => fail(`${link.address} links zone ${shadow.name} to a VNet, where it then answers for the public name of ${owner}'s server in place of Azure's DNS: clients there reach what its records say, or nothing.`, link.address)));
  return [...records, ...links, ...laterShadowAnswers(server, owner, stack), ...azapiShadowAnswers(server, owner, stack)];
}

/**
 * Records and VNet links whose zone's name is a template (written in them, or the name of the zone of
 * the stack they refer to) that may be the server's public name or a parent of it: Terraform may plan
 * that name (fourteenth review, A14b-13). A name that is wholly a variable is not judged, as for
 * forwarding rules.
 */
function laterShadowAnswers(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const names = shadowingNames(server);
  const ownAddresses = server.privateDnsZones.map((zone) => zone.address);
  const zonesOf = (zones: LaterChild['zones']) => zones.filter((zone) => !(zone.address !== undefined && ownAddresses.includes(zone.address)) && mayBeOneOf(zone.name, names, stack)).map((zone) => zone.name);
  return laterChildren(stack).flatMap(({ resource, isLink, zones }): Verdict[] => {
    if (isLink) {
      return zonesOf(zones).slice(0, 1).map((zone) => fail(`${resource.address} links zone ${JSON.stringify(zone)}, ${MAY_SHADOW(owner)}, to a VNet, where it then answers for that name in place of Azure's DNS: clients there reach what its records say, or nothing.`, resource.address));
    }
    const zone = zonesOf(zones).find((name) => recordMayAnswer(resource.config.name, name, server, stack));
    return zone === undefined ? [] : [fail(`${resource.address} writes ${JSON.stringify(resource.config.name ?? null)} into zone ${JSON.stringify(zone)}, ${MAY_SHADOW(owner)}, which then answers in the VNets linked to it for that name before Azure's DNS can: clients there may be sent to another address.`, resource.address)];
  });
}

/** A record or VNet link, and the zone names known only later it may be in (written in it, or of the zone of the stack it refers to). */
interface LaterChild {
  readonly resource: ResourceView;
  readonly isLink: boolean;
  readonly zones: readonly { readonly name: Unknown; readonly address?: string }[];
}

const laterByStack = new WeakMap<object, readonly LaterChild[]>();

/** The stack's records and links in a zone whose name is a template with a domain's end, once per stack (every server asks). */
function laterChildren(stack: StackFacts | undefined): readonly LaterChild[] {
  const cacheKey = stack?.resources;
  let children = cacheKey === undefined ? undefined : laterByStack.get(cacheKey);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (children === undefined) {
    const kinds: [string, string, boolean][] = [...RECORD_TYPES.map((type): [string, string, boolean] => [type, 'zone_name', false]), [LINK_TYPE, 'private_dns_zone_name', true]];
    children = kinds.flatMap(([type, attribute, isLink]) => resourcesOfType(stack, type).flatMap((resource): LaterChild[] => {
      const written = resource.config[attribute];
      if (!isUnknown(written)) return [];
      const referred = zoneOf(resource, attribute, stack).keys.filter((key) => key.startsWith(zoneAddressKey('')))
        .flatMap((key) => stack?.resources?.get(key.slice(zoneAddressKey('').length)) ?? [])
        .map((zone) => ({ name: zone.config.name, address: zone.address }));
      const zones = [{ name: written as unknown, address: undefined }, ...referred].filter((zone): zone is { name: Unknown; address: string | undefined } => isUnknown(zone.name) && hasDomainEnd(zone.name, stack));
      return zones.length === 0 ? [] : [{ resource, isLink, zones }];
    }));
    if (cacheKey !== undefined) laterByStack.set(cacheKey, children);
  }
  return children;
}

/** The azapi type of a private zone; its VNet links and records are read by their azurerm twins (azapi-network.ts). */
const AZAPI_ZONE = 'microsoft.network/privatednszones';
/** A reference to a zone block's ID: the block's address is group 1. */
const ZONE_REFERENCE = /^((?:azapi_resource|azurerm_private_dns_zone)\.[^.[\]]+)\.id$/;

/**
 * azapi VNet links and records of a zone that is, or may be, named for the server's public name or a
 * parent of it: its parent_id a zone ID (literal or a template), or a reference to a zone of the stack
 * (azapi or azurerm). Judged as the azurerm blocks are (fourteenth review, A14b-13).
 */
function azapiShadowAnswers(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const names = shadowingNames(server);
  const ownAddresses = server.privateDnsZones.map((zone) => zone.address);
  return azapiWriters(stack).flatMap((block): Verdict[] => {
    const twin = azapiNetworkRow(block)?.azurerm;
    const isLink = twin === LINK_TYPE;
    if (!isLink && !RECORD_TYPES.includes(twin ?? '')) return [];
    // Any writer form: its zone is its parent, its name the last segment of the ID it writes (azapi-writes.ts).
    const zone = azapiZoneName(azapiParent(block), stack, ownAddresses);
    const name = azapiName(block);
    if (zone === undefined || !mayBeOneOf(zone, names, stack) || (!isLink && !recordMayAnswer(name, zone, server, stack))) return [];
    const [shown, answered] = typeof zone === 'string' ? [zone.trim().replace(/\.$/, ''), `the public name of ${owner}'s server`] : [`${JSON.stringify(zone)}, ${MAY_SHADOW(owner)}`, 'that name'];
    return [fail(isLink
      ? `${block.address} links zone ${typeof zone === 'string' ? shown : `${shown},`} to a VNet, where it then answers for ${answered} in place of Azure's DNS: clients there reach what its records say, or nothing.`
      : `${block.address} writes ${JSON.stringify(name ?? null)} into zone ${shown}, which answers in the VNets linked to it for ${answered} before Azure's DNS can: clients there may be sent to another address.`, block.address)];
  });
}

/** The name of the zone an azapi child's parent_id names: by ID (literal or a template), or a zone block of the stack it refers to, not the server's own. */
function azapiZoneName(parentId: unknown, stack: StackFacts | undefined, ownAddresses: readonly string[]): unknown {
  if (!isUnknown(parentId) || !parentId.isPlainReference) return zoneNameOfId(parentId);
  const address = ZONE_REFERENCE.exec(parentId.references[0])?.[1];
  const zone = address === undefined || ownAddresses.includes(address) ? undefined : stack?.resources?.get(address);
  if (zone === undefined || (zone.type === 'azapi_resource' && azapiType(zone) !== AZAPI_ZONE)) return undefined;
  return typeof zone.config.name === 'string' ? zone.config.name.toLowerCase() : zone.config.name;
}

const MAY_SHADOW = (owner: string) => `whose name is known only at apply time and may be the public name of ${owner}'s server or a parent of it`;

/**
 * The construct's private endpoints that write the server's record into a zone named for its public
 * name or a parent of it, given by an ID the JSON holds as a literal (a Lazy resolves to one) or a
 * template whose zone name may be one: such a zone answers for every name below it wherever it is
 * linked (tenth review, A10a-2; fourteenth review, A14b-13).
 */
export function shadowEndpointZones(server: ServerView, owner: string, stack?: StackFacts): Verdict[] {
  const shadows = [...publicNames(server), ...publicNameParents(server)];
  return server.privateEndpoints.filter((endpoint) => madeBy(endpoint, owner)).flatMap((endpoint) => everyBlock(endpoint.config, 'private_dns_zone_group')
    .flatMap((group) => bodiesOf(group.private_dns_zone_ids))
    .flatMap((id) => {
      const name = zoneNameOfId(id);
      if (name === undefined || !mayBeOneOf(name, shadows, stack)) return [];
      return [fail(typeof name === 'string'
        ? `${endpoint.address} writes the server's record into zone ${name}, which answers for the public name of ${owner}'s server, and every name below it, in the VNets linked to it, in place of Azure's DNS.`
        : `${endpoint.address} writes the server's record into zone ${JSON.stringify(name)}, ${MAY_SHADOW(owner)}: it answers for that name, and every name below it, in the VNets linked to it, in place of Azure's DNS.`, endpoint.address)];
    }));
}

/** The zone name a zone ID spells, in lower case: a literal, or the template's text after /privateDnsZones/; undefined for another ID. */
function zoneNameOfId(id: unknown): string | Unknown | undefined {
  if (typeof id === 'string') return ZONE_ID.exec(id.trim())?.[1]?.toLowerCase();
  const name = isUnknown(id) ? ZONE_ID.exec(id.toString().trim())?.[1] : undefined;
  return name === undefined || !isUnknown(id) ? undefined : new Unknown(name, id.references);
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
 * A zone named by a template that may be such a name, or an ID template that spells one, fails alike
 * (fourteenth review, A14b-13).
 */
export function shadowServerZones(server: ServerView, owner: string, stack?: StackFacts): Verdict[] {
  const shadows = [...publicNames(server), ...publicNameParents(server)];
  const where = (address: string | undefined) => (address === undefined ? '' : ` (${address})`);
  // Azure reads a zone's name in any case, around spaces and a final dot.
  const literal = serverZones(server).map((zone) => ({ ...zone, name: zone.name.trim().replace(/\.$/, '') })).filter((zone) => mayBeOneOf(zone.name, shadows, stack)).map((zone) => fail(
    `the server resolves in zone ${zone.name}${where(zone.address)}, named for the public name of ${owner}'s server or a parent of it: it answers for that name, and every name below it, in the VNets linked to it, in place of Azure's DNS.`,
    undefined, SHADOW_SERVER_ZONE_SUBJECT));
  const given = zoneNameOfId(server.config.private_dns_zone_id);
  const later = [...server.privateDnsZones.map((zone) => ({ name: zone.config.name, address: zone.address as string | undefined })), ...(isUnknown(given) ? [{ name: given, address: undefined }] : [])]
    .filter((zone): zone is { name: Unknown; address: string | undefined } => isUnknown(zone.name) && mayBeOneOf(zone.name, shadows, stack)).map((zone) => fail(
      `the server resolves in zone ${JSON.stringify(zone.name)}${where(zone.address)}, ${MAY_SHADOW(owner)}: it answers for that name, and every name below it, in the VNets linked to it, in place of Azure's DNS.`,
      undefined, SHADOW_SERVER_ZONE_SUBJECT));
  return [...literal, ...later];
}
