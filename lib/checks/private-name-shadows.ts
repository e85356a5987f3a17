import { azapiNetworkRow, readAzapiNetwork } from './azapi-network';
import { azapiName, azapiParent, azapiWriters } from './azapi-writes';
import { idKey, nameKey } from './azure-keys';
import { resourcesOfType } from './beside-construct';
import { givenZonePointers, LINK_TYPE, RECORD_TYPES, serverZones, ZONE_ID } from './dns-zone-answers';
import { expressionReadings } from './expression-readings';
import { isUnknown, Unknown } from './hcl-expression';
import { anyLabelBelow, below, mayBeOneOf, publicNameParents, publicNames, shadowingNames } from './public-name-shadows';
import { oncePerStackFor } from './per-stack';
import { fail, StackFacts, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { literalBoolean } from './value-readers';
import { zoneAddressKey, zoneOf } from './zone-index';

// Azure's public DNS points a server's public name one hop on, at a private name: <name>.privatelink.postgres.database.azure.com
// for a server with private endpoints, a name below its VNet-integration zone (<label>.<zone>) for one with VNet integration.
// A second zone of the same name as the one that answers for that private name (a namesake in another resource group or
// subscription), or of a name above it (private.postgres.database.azure.com), linked to a VNet, answers there in its place:
// its records decide where the server's clients connect, and hand their Entra token to (nineteenth review, A19a-11). Zones are
// judged by name, not by object: a record of any zone but the server's own that may answer for such a private name, or a
// registering link of a zone that may hold one, fails PG-NET-1. A zone of such a name with no record for the server (another
// server's Private Link zone in another hub) answers nothing for it: its plain links pass. The public name and its parents are
// judged in shadow-dns-zones.ts.

/** The private names a server's public name leads to: the Private Link name in each cloud, any label below each VNet-integration zone. */
export function privateNames(server: ServerView): string[] {
  const privateLink = publicNames(server).map((name) => name.replace(/^([^.]+)\./, '$1.privatelink.'));
  const integration = serverZones(server).map((zone) => zone.name).filter((name) => !name.startsWith('privatelink.')).map(anyLabelBelow);
  return [...new Set([...privateLink, ...integration])];
}

/** The names above the private names (of two labels or more), the private names' zones among them, but the public name's parents (judged as shadows). */
function privateParents(server: ServerView, names: readonly string[]): string[] {
  const publicParents = publicNameParents(server);
  return [...new Set(names.flatMap((name) => {
    const labels = name.split('.');
    return labels.slice(1, -1).map((_label, index) => labels.slice(index + 1).join('.'));
  }))].filter((name) => !publicParents.includes(name));
}

/** The names a zone or a forwarding rule may answer for a private name by: the private names, and the names above them but the public name's parents. */
export function privateZoneNames(server: ServerView): string[] {
  const names = privateNames(server);
  return [...names, ...privateParents(server, names)];
}

/** Records of a namesake or a parent of the zones the server's private names live in that may answer for one, and registering links of such zones. */
export function privateNameShadows(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const names = privateNames(server);
  const parents = privateParents(server, names);
  const zones = [...names, ...parents];
  const own = server.privateDnsZones.map((zone) => zone.address);
  // The zones the server is given by literal ID are its own: judged in given-zones.ts.
  const ownIds = givenZonePointers(server).flatMap(({ pointer }) => (typeof pointer === 'string' ? [idKey(pointer)] : []));
  // A record answers when its full name may be a private name, or when it is a wildcard over a name at or above one.
  const answers = (record: unknown, zone: unknown) => {
    if (typeof record !== 'string') return true;
    const relative = nameKey(record);
    if (relative === '*' || relative.startsWith('*.')) return mayBeOneOf(below(relative.slice(2), zone), parents, stack);
    return mayBeOneOf(below(relative === '@' ? '' : relative, zone), names, stack);
  };
  const where = (zone: unknown) => (typeof zone === 'string' ? zone : `${JSON.stringify(zone)} (known only at apply time)`);
  const verdicts: Verdict[] = [];
  // A zone that may be the public name or a parent of it is judged whole in shadow-dns-zones.ts (any link of it fails).
  const publicShadows = shadowingNames(server);
  const judge = (resource: ResourceView, isLink: boolean, zone: unknown, record: unknown, registers: unknown) => {
    if (!mayBeOneOf(zone, zones, stack) || mayBeOneOf(zone, publicShadows, stack)) return;
    if (!isLink && answers(record, zone)) {
      verdicts.push(fail(`${resource.address} writes ${JSON.stringify(record ?? null)} into zone ${where(zone)}, not the zone ${owner}'s server resolves in but one that may answer for the private name its public name leads to: linked to a VNet, it sends the server's clients there to another address.`, resource.address));
    } else if (isLink && literalBoolean(registers ?? false) !== false) {
      verdicts.push(fail(`${resource.address} links zone ${where(zone)}, which may answer for the private name the public name of ${owner}'s server leads to, with registration on: every VM of the VNet may write that name into it.`, resource.address));
    }
  };
  const kinds: [string, string, boolean][] = [...RECORD_TYPES.map((type): [string, string, boolean] => [type, 'zone_name', false]), [LINK_TYPE, 'private_dns_zone_name', true]];
  for (const [type, attribute, isLink] of kinds) {
    for (const resource of resourcesOfType(stack, type)) {
      for (const zone of zoneNames(resource, attribute, stack, own, server)) judge(resource, isLink, zone, resource.config.name, resource.config.registration_enabled);
    }
  }
  // azapi records and links (read as their azurerm twins): their zone is their parent.
  for (const block of azapiWriters(stack)) {
    const twin = azapiNetworkRow(block)?.azurerm;
    const isLink = twin === LINK_TYPE;
    if (!isLink && !RECORD_TYPES.includes(twin ?? '')) continue;
    const zone = azapiZone(azapiParent(block), stack, own, ownIds);
    if (zone !== undefined) judge(block, isLink, zone, azapiName(block), readAzapiNetwork(block)?.registration_enabled);
  }
  return verdicts;
}

/**
 * The names of the zone a record or link is in, but the server's own zones: a literal name (one of the server's own zone names is
 * judged there, dns-zone-answers.ts), or the name of the zone block of the stack it refers to, or a template.
 */
function zoneNames(resource: ResourceView, attribute: string, stack: StackFacts | undefined, own: readonly string[], server: ServerView): readonly unknown[] {
  const written = resource.config[attribute];
  if (typeof written === 'string') return isOwnZoneName(server, written) ? [] : [written];
  const { referred, names } = referredZones(resource, attribute, stack);
  if (referred.some((address) => own.includes(address))) return [];
  return names().filter((name) => !(isUnknown(name) && ownZoneByDefault(name, server, stack)));
}

/**
 * A zone name known only later that is, beside what the run may set, only one of the server's own zone names (a variable's
 * default): judged as that literal name is, in dns-zone-answers.ts (later-parents.ts), not twice.
 */
function ownZoneByDefault(name: Unknown, server: ServerView, stack: StackFacts | undefined): boolean {
  const known = (expressionReadings(name, stack) ?? []).filter((text) => text !== '*');
  return known.length > 0 && known.every((text) => isOwnZoneName(server, text));
}

/** Whether a literal zone name is one of the server's own zones' (Azure's names are not case-sensitive). */
function isOwnZoneName(server: ServerView, text: string): boolean {
  return serverZones(server).some((zone) => zone.name === nameKey(text));
}

/**
 * The zones of the stack a record or link refers to, and their names (else the pointer known only later): the same for
 * every server, read once per evaluation; the names only when a server asks for them, as before.
 */
const referredZones = oncePerStackFor((resource: ResourceView, attribute: string, stack: StackFacts | undefined): ReferredZones => {
  const referred = zoneOf(resource, attribute, stack).keys.filter((key) => key.startsWith(zoneAddressKey(''))).map((key) => key.slice(zoneAddressKey('').length));
  let names: readonly unknown[] | undefined;
  return {
    referred,
    names: () => {
      if (names === undefined) {
        const found = referred.flatMap((address) => stack?.resources?.get(address)?.config.name ?? []);
        const written = resource.config[attribute];
        names = found.length > 0 ? found : isUnknown(written) ? [written] : [];
      }
      return names;
    },
  };
});

interface ReferredZones {
  readonly referred: readonly string[];
  readonly names: () => readonly unknown[];
}

/** A reference to a zone block's ID: the block's address is group 1. */
const ZONE_REFERENCE = /^((?:azapi_resource|azurerm_private_dns_zone)\.[^.[\]]+)\.id$/;

/** The name of the zone an azapi child's parent_id names (a literal or template ID, or a zone block of the stack), not the server's own. */
function azapiZone(parentId: unknown, stack: StackFacts | undefined, own: readonly string[], ownIds: readonly string[]): unknown {
  if (typeof parentId === 'string') return ownIds.includes(idKey(parentId)) ? undefined : ZONE_ID.exec(parentId.trim().replace(/\/+$/, ''))?.[1];
  if (!isUnknown(parentId)) return undefined;
  if (parentId.isPlainReference) {
    const address = ZONE_REFERENCE.exec(parentId.references[0])?.[1];
    if (address === undefined || own.includes(address)) return undefined;
    return stack?.resources?.get(address)?.config.name;
  }
  const name = ZONE_ID.exec(parentId.toString().trim().replace(/\/+$/, ''))?.[1];
  return name === undefined ? undefined : new Unknown(name, parentId.references);
}
