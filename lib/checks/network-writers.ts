/**
 * azapi blocks that write to the network resources around a server (its delegated subnet, the
 * subnet's network security group and rules, its private endpoints, its private DNS zones with
 * their links and records). The rules judge those resources as azurerm writes them; the same write
 * through azapi (a rule added to the group, DenyAllInbound flipped, the group detached, a record
 * of the server's name) is read by no rule, so it is a writer of the server (fifth review, A5-1).
 * So is one that acts on any other resource the server's construct made, by a reference to its ID
 * (made-resource-writers.ts).
 */
import { idSegments, nameKey } from './azure-keys';
import { idsInBlock, idsInText, idsInValue, networkPathsOf, pathAtOrBelow, resourceGroupOf } from './ids-in-text';
import { madeBy, ownerConstruct, resourcesOfType } from './beside-construct';
import { isUnknown, Unknown } from './hcl-expression';
import { defaultedTexts } from './expression-readings';
import { aliasedValue } from './id-aliases';
import { mayNameParent } from './later-parents';
import { NETWORK_ID_SEGMENTS } from './parent-id-pattern';
import { referencedName, resolvedGroup, withNamesRead } from './name-parents';
import { madeResourceTarget } from './made-resource-writers';
import { StackFacts } from './rule';
import { mentionsIn } from './server-mentions';
import { isSet, literalString } from './value-readers';
import { ResourceView, ServerView, TerraformBlock, WriterView } from './stack-model';
import { writerKind } from './writer-kinds';
import { AZAPI_NETWORK_TYPES, azapiNetworkRow, azapiTarget, writesAtOrBelow, writesChildren } from './azapi-network';
import { givenSubnetAssociations, laterSubnetAssociations, subnetPath } from './given-subnets';
import { laterObject, LaterObject, laterReach, mayBeLater } from './given-objects';
import { givenZoneWrites, mayWriteAtOrBelow } from './given-zones';
import { referencedResources } from './referenced-resources';
import { givenZonePointers, mayAnswerForServer, SHARED_ZONE } from './dns-zone-answers';
import { azapiName, azapiType, azureTypeKey } from './azapi-writes';
import { inZones, zoneAddressKey, zoneNameKey } from './zone-index';
import { adoptedBy, isAdopted } from './stack-created';

const RECORD_TYPES = ['a', 'aaaa', 'cname', 'mx', 'ptr', 'srv', 'txt'].map((kind) => `azurerm_private_dns_${kind}_record`);
const LINK_TYPE = 'azurerm_private_dns_zone_virtual_network_link';
/** The azapi block types (the data and ephemeral forms of an action run it too; writerKind says which only read). */
const AZAPI_TYPE = /^azapi_\w+$/;

/** A network resource around a server, what it is to the server, and its ID path below Microsoft.Network when its names are literal. */
export interface AroundResource {
  readonly resource: ResourceView;
  readonly role: string;
  readonly idPath?: string;
}

/** The ARM type of each network resource type around a server (lower case), for azapi blocks that name theirs. */
export const ARM_TYPES: { readonly [type: string]: string } = {
  azurerm_subnet: 'microsoft.network/virtualnetworks/subnets',
  azurerm_network_security_group: 'microsoft.network/networksecuritygroups',
  azurerm_private_endpoint: 'microsoft.network/privateendpoints',
  azurerm_private_dns_zone: 'microsoft.network/privatednszones',
};

/**
 * The resource group and ID path ("rg/networksecuritygroups/nsg-db") of a network resource with literal names, lower case: a
 * name or group read from a block of the stack that holds it as a literal is that literal (A14a-1).
 */
export function idPath(resource: ResourceView, resources?: ReadonlyMap<string, ResourceView>): string | undefined {
  const group = resolvedGroup(resource.config.resource_group_name, resources);
  // A block azapi writes is read as its azurerm twin (azapi-network.ts): an azapi group's ID is a group's.
  const type = resource.type.startsWith('azapi_') ? azapiNetworkRow(resource)?.azurerm ?? resource.type : resource.type;
  const segments = NETWORK_ID_SEGMENTS[type]?.(resource.config).map((segment) => (typeof segment === 'string' ? segment : referencedName(segment, resources)));
  if (group === undefined || segments === undefined || !segments.every((segment) => typeof segment === 'string')) return undefined;
  return [group, ...segments].map(nameKey).join('/');
}

/** The network resources of the stack around a server. */
export function networkAround(server: ServerView, stack: StackFacts | undefined): AroundResource[] {
  const subnet = server.delegatedSubnet;
  const around: AroundResource[] = [];
  if (subnet !== undefined) {
    around.push({ resource: subnet, role: "the server's delegated subnet", idPath: idPath(subnet, stack?.resources) });
    for (const association of subnet.associations) {
      around.push({ resource: association, role: "the network security group association of the server's delegated subnet" });
      const group = association.securityGroup;
      if (group === undefined) continue;
      around.push({ resource: group, role: "the network security group of the server's delegated subnet", idPath: idPath(group, stack?.resources) });
      group.separateRules.forEach((rule) => around.push({ resource: rule, role: "a rule of the network security group of the server's delegated subnet" }));
    }
  }
  // A subnet the server was given: the groups the stack associates with it by the server's own pointer are the stack's (A15b-1).
  if (subnet === undefined) {
    for (const group of givenSubnetAssociations(server, stack).flatMap((association) => association.securityGroup ?? [])) {
      around.push({ resource: group, role: "the network security group the stack associates with the server's given delegated subnet", idPath: idPath(group, stack?.resources) });
      group.separateRules.forEach((rule) => around.push({ resource: rule, role: "a rule of the network security group the stack associates with the server's given delegated subnet" }));
    }
  }
  for (const endpoint of server.privateEndpoints) {
    around.push({ resource: endpoint, role: "a private endpoint of the server", idPath: idPath(endpoint, stack?.resources) });
  }
  for (const zone of server.privateDnsZones) around.push({ resource: zone, role: "the server's private DNS zone", idPath: idPath(zone, stack?.resources) });
  const keys = server.privateDnsZones.flatMap((zone) => [zoneAddressKey(zone.address), ...(typeof zone.config.name === 'string' ? [zoneNameKey(zone.config.name)] : [])]);
  if (keys.length > 0) {
    inZones(resourcesOfType(stack, LINK_TYPE), 'private_dns_zone_name', stack, keys).forEach((link) => around.push({ resource: link, role: "a virtual network link of the server's private DNS zone" }));
    RECORD_TYPES.flatMap((type) => inZones(resourcesOfType(stack, type), 'zone_name', stack, keys)).forEach((record) => around.push({ resource: record, role: "a record in the server's private DNS zone" }));
  }
  return around;
}

/** The section an address of the model's resources is in: "data", "ephemeral", or "resource". */
function sectionOf(address: string): string {
  const found = /^(?:check\.[^.]+\.)?(data|ephemeral)\./.exec(address);
  return found === null ? 'resource' : found[1];
}

/** The network resource around the server a block names: by a reference to it, or by a literal ID at or below its own. */
function namedAround(block: ResourceView, around: readonly AroundResource[], resources: ReadonlyMap<string, ResourceView>, stack: StackFacts | undefined): AroundResource | undefined {
  const mentions = mentionsIn(block.config);
  // A reference to the id of a block whose ID is another object's (a subnet association's) is what that block names (A14b-8).
  const aliased = mentions.references.map((reference) => aliasedValue(reference, (address) => resources.get(address)));
  const references = [...mentions.references, ...aliased.flatMap((value) => (isUnknown(value) ? value.references : []))];
  const referenced = around.find(({ resource }) => references.some((reference) => reference.startsWith(`${resource.address}.`) || reference === resource.address));
  if (referenced !== undefined) return referenced;
  const own = childId(block.config);
  const texts = [...mentions.texts, ...aliased.filter((value): value is string => typeof value === 'string'), ...(typeof own === 'string' ? [own] : [])];
  // Every ID its texts hold, and those its expressions may spell, read by the ID grammar (ids-in-text.ts; stop 36). A segment
  // spelled with another block's name is that name: a decoy's name in the construct's group is the construct's (A14a-1).
  const ids = [...texts.flatMap((text) => idsInText(withNamesRead(text, resources))), ...idsInBlock(block.config, stack), ...(isUnknown(own) ? idsInValue(own, stack) : [])];
  const paths = ids.flat().flatMap(networkPathsOf);
  return around.find((each) => each.idPath !== undefined && paths.some((path) => pathAtOrBelow(path, each.idPath as string)));
}

/**
 * The parent a library construct made around the server (its subnet, group, endpoint or zone) that an
 * azapi block may act on through a pointer known only at apply time: `resource_id` of that parent's
 * type, or `parent_id` of a type below it (a type known only later may be either). Beside a construct
 * such a pointer may be its parent, as later-parents.ts reads it (thirteenth review, A13-3).
 */
function laterAround(block: ResourceView, made: readonly AroundResource[], stack: StackFacts | undefined): string | undefined {
  const written = block.config.type;
  const literal = isUnknownType(written) ? undefined : literalString(written);
  const type = literal === undefined ? undefined : azureTypeKey(literal);
  const own = childId(block.config);
  const pointers = [['resource_id', block.config.resource_id, false], ['parent_id', block.config.parent_id, true], ['ID (parent_id and name)', isUnknown(own) ? own : undefined, false]] as const;
  for (const [attribute, pointer, below] of pointers) {
    const found = made.find(({ resource }) => {
      const armType = ARM_TYPES[resource.type];
      const fits = type === undefined || (below ? type.startsWith(`${armType}/`) : type === armType || type.startsWith(`${armType}/`));
      return fits && mayNameParent(pointer, resource, { idPath: idPath(resource) }, stack?.lookups, stack?.resources, stack?.providers);
    });
    if (found !== undefined) return `${found.resource.address} (${found.role}), whose ${attribute} ${JSON.stringify(pointer)} is known only at apply time and may be it,`;
  }
  return undefined;
}

/**
 * The ID of what an azapi block given `parent_id` and `name` writes, as azapi makes it: a child type's
 * last segment and the name below the parent, a top-level type under its group. A template (Unknown)
 * when the parent or name is known only at apply time; undefined without a literal type.
 */
function childId(config: TerraformBlock): string | Unknown | undefined {
  const { parent_id: parent, name } = config;
  const type = literalString(config.type)?.replace(/@.*$/, '').trim();
  const segments = type?.split('/') ?? [];
  const [base, child] = [isUnknown(parent) ? parent.toString() : literalString(parent), isUnknown(name) ? name.toString() : literalString(name)];
  if (segments.length < 2 || base === undefined || child === undefined) return undefined;
  const below = segments.length === 2 ? `providers/${segments.join('/')}` : segments[segments.length - 1];
  const id = `${base.replace(/\/+$/, '')}/${below}/${child}`;
  const references = [parent, name].flatMap((part) => (isUnknown(part) ? part.references : []));
  return references.length > 0 || isUnknown(parent) || isUnknown(name) ? new Unknown(id, references) : id;
}

/** A type the checks cannot read as a literal: any type. */
function isUnknownType(value: unknown): boolean {
  return value !== undefined && literalString(value) === undefined;
}

/** The stack's azapi blocks in address order, found once per stack (every server asks). */
const azapiByStack = new WeakMap<ReadonlyMap<string, ResourceView>, readonly ResourceView[]>();

function azapiBlocks(resources: ReadonlyMap<string, ResourceView>): readonly ResourceView[] {
  let blocks = azapiByStack.get(resources);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (blocks === undefined) {
    // Verdicts and messages must not depend on the order of keys in the JSON.
    blocks = [...resources.values()].filter((block) => AZAPI_TYPE.test(block.type)).sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
    azapiByStack.set(resources, blocks);
  }
  return blocks;
}

/**
 * Whether an azapi block's type is inert toward the network or the server's DNS zones (inert-types.ts: a diagnostic setting or
 * flow log names what it copies logs of, and acts on nothing there). The rules pass it in: inert-types.ts reads the tables,
 * which read this file.
 */
export type InertToward = (block: ResourceView, kind: 'network' | 'dns') => boolean;

/**
 * The azapi blocks of the stack that act on a network resource around the server, each with what
 * it is and which resource it names, e.g. 'an azapi_resource of type "…" on
 * azurerm_network_security_group.nsg (the network security group of the server's delegated subnet)'.
 */
export function networkWriters(server: ServerView, stack: StackFacts | undefined, inert: InertToward): WriterView[] {
  const resources = stack?.resources;
  if (resources === undefined) return [];
  const given = givenPointers(server, stack);
  const adoptedVnets = adoptedVnetWriters(given, stack);
  const blocks = azapiBlocks(resources);
  if (blocks.length === 0) return adoptedVnets;
  const around = networkAround(server, stack);
  // The objects whose parent's write may carry them: those around the server, and a subnet given by literal ID.
  const children = [...around.map(({ resource, role, idPath: path }) => ({ label: `${resource.address} (${role})`, idPath: path, address: resource.address })),
    ...given.flatMap(({ pointer, role }) => (typeof pointer === 'string' ? [{ label: `${role} ${JSON.stringify(pointer)}`, idPath: literalPath(pointer) }] : []))];
  const made = ownerConstruct(server, stack) === undefined ? [] : around.filter(({ resource }) => ARM_TYPES[resource.type] !== undefined && (stack?.constructs ?? []).some((scope) => madeBy(resource, scope)));
  return blocks.flatMap((block): WriterView[] => {
    const kind = writerKind(sectionOf(block.address), block, false);
    // A write the given subnet's or zone's readers judge as its azurerm twin is judged there.
    if (kind === undefined || given.some(({ read }) => read.has(block.address))) return [];
    // A group written by azapi is around the server itself, not a writer of itself; a VNet that defines the delegated subnet in its
    // body (inline-subnets.ts) is the subnet's definition: the group it names is the subnet's association, its subnets list no parent write.
    const associated = new Set((server.delegatedSubnet?.associations ?? []).filter((association) => association.address === block.address).map((association) => association.securityGroup?.address));
    const named = namedAround(block, around.filter(({ resource }) => resource.address !== block.address && !associated.has(resource.address)), resources, stack);
    // An inert type is inert in its azapi form too, as its azurerm twin is (A19b-6).
    if (named !== undefined && inert(block, named.resource.type === 'azurerm_private_dns_zone' ? 'dns' : 'network')) return [];
    // Any other resource the construct made, acted on by a reference to its ID (its delete lock, A14b-15).
    const on = named === undefined ? laterAround(block, made, stack) ?? madeResourceTarget(block, server, stack) ?? parentWrite(block, children.filter((child) => !('address' in child) || child.address !== block.address), resources) ?? givenWrite(block, given, stack)
      : `${named.resource.address} (${named.role})`;
    return on === undefined ? [] : [{ ...block, what: `${kind.what} on ${on}` }];
  }).concat(adoptedVnets);
}

/**
 * An azurerm_virtual_network an import adopts (or a moved block hands over: stack-created.ts adoptedBy) while the server's subnet is
 * given by a pointer known only at apply time: its inline `subnet` list replaces every subnet of that live VNet, which may hold the
 * given subnet, so it fails closed as the azapi VNet write does (95th run, A95a-2).
 */
function adoptedVnetWriters(given: readonly GivenPointer[], stack: StackFacts | undefined): WriterView[] {
  const subnet = given.find(({ attribute, later }) => attribute === 'delegated_subnet_id' && later !== undefined);
  if (subnet === undefined) return [];
  return resourcesOfType(stack, 'azurerm_virtual_network')
    .filter((vnet) => isAdopted(vnet.address, stack) && vnet.config.subnet !== undefined)
    .map((vnet) => ({ ...vnet, what: `an azurerm_virtual_network ${adoptedBy(vnet.address, stack) === 'import' ? 'an import adopts' : 'a moved block hands over'}, whose inline subnet list rewrites every subnet of a live VNet, on ${subnet.role} (its delegated_subnet_id ${JSON.stringify(subnet.pointer)}, known only at apply time), which that VNet may hold,` }));
}

/** A subnet or zone the server was given by a pointer, and the azapi writes under it that the rules read (given-subnets.ts, given-zones.ts). */
interface GivenPointer {
  readonly attribute: string;
  readonly pointer: unknown;
  readonly role: string;
  readonly read: ReadonlySet<string>;
  /** A pointer known only at apply time: any object of its type may be it (given-objects.ts; A17b-7, A17b-9). */
  readonly later?: LaterObject;
  /** Writes there that are no write of the server's (another server's record in a shared zone). */
  readonly others?: (block: ResourceView) => boolean;
  /** A zone: a write at a template that may be it is there (given-zones.ts). */
  readonly zone?: boolean;
}

function givenPointers(server: ServerView, stack: StackFacts | undefined): GivenPointer[] {
  const given: GivenPointer[] = [];
  const { delegated_subnet_id: subnet, private_dns_zone_id: zone } = server.config;
  if (server.delegatedSubnet === undefined && isSet(subnet)) {
    const later = laterObject('subnet', subnet, stack);
    const read = [...givenSubnetAssociations(server, stack), ...laterSubnetAssociations(server, stack)].map((association) => association.address);
    given.push({ attribute: 'delegated_subnet_id', pointer: subnet, role: "the server's given delegated subnet", read: new Set(read), ...(later === undefined ? {} : { later }) });
  }
  if (server.privateDnsZones.length === 0 && isSet(zone)) {
    // given-zones.ts judges the records and links written below a pointer known only at apply time.
    const later = laterObject('serverZone', zone, stack);
    const read = isUnknown(zone) && zone.references.length > 0 ? givenZoneWrites(zone, stack, later).map(({ block }) => block.address) : [];
    given.push({ attribute: 'private_dns_zone_id', pointer: zone, role: "the server's given private DNS zone", read: new Set(read), zone: true, ...(later === undefined ? {} : { later }) });
  }
  // The Private Link zone its private endpoints are given (not one of the stack's): given-zones.ts judges the records and links it reads
  // there; any other write there fails closed, but a record of another server's literal name, in the zone every server shares (A18a-4).
  for (const { pointer, holder } of givenZonePointers(server).filter(({ shared }) => shared)) {
    if (!isSet(pointer) || (isUnknown(pointer) && (pointer.references.length === 0 || referencedResources(pointer, 'azurerm_private_dns_zone', stack?.resources).length > 0))) continue;
    const others = (block: ResourceView) => RECORD_TYPES.includes(azapiNetworkRow(block)?.azurerm ?? '') && !mayAnswerForServer(azapiName(block), { name: SHARED_ZONE }, server);
    const later = laterObject('privateLinkZone', pointer, stack);
    given.push({ attribute: `private_dns_zone_ids of ${holder}`, pointer, role: "the private DNS zone the server's private endpoint is given", read: new Set(givenZoneWrites(pointer, stack, later).map(({ block }) => block.address)), others, zone: true, ...(later === undefined ? {} : { later }) });
  }
  return given;
}

/**
 * An azapi write at or below a subnet or zone the server was given, by the server's own pointer (the same expression or
 * literal ID, or that text and "/" more): the stack writes there, so what the table does not read fails closed (A15b-1).
 */
function givenWrite(block: ResourceView, given: readonly GivenPointer[], stack: StackFacts | undefined): string | undefined {
  // A literal ID and a lookup of the same literal names are one pointer (as for the azurerm association, given-subnets.ts).
  const pathOf = (value: unknown) => (typeof value === 'string' ? literalPath(value) : subnetPath(value, stack));
  const below = (value: unknown, path: string | undefined) => {
    const written = value === undefined || path === undefined ? undefined : pathOf(value);
    return written !== undefined && (written === path || written.startsWith(`${path}/`));
  };
  const found = given.find(({ pointer, read, others, zone }) => {
    const path = pathOf(pointer);
    return !read.has(block.address) && others?.(block) !== true && (writesAtOrBelow(block, pointer) || below(azapiTarget(block), path) || below(block.config.parent_id, path)
      || (zone === true && mayWriteAtOrBelow(block, pointer, stack)));
  });
  if (found !== undefined) return `${found.role} (its ${found.attribute} ${JSON.stringify(found.pointer)}), at or below which it writes,`;
  // At or below a literal ID (or a lookup) of an object of the type a pointer known only at apply time names: it may be that object.
  const later = given.find(({ later: object, read, others }) => object !== undefined && !read.has(block.address) && others?.(block) !== true
    && [azapiTarget(block), block.config.parent_id].some((at) => (typeof at === 'string' ? laterReach(object, at) === 'is' : mayBeLater(object, at, stack))));
  if (later !== undefined) return `${later.role} (its ${later.attribute} ${JSON.stringify(later.pointer)}, known only at apply time), which a write at or below ${JSON.stringify(azapiTarget(block) ?? block.config.parent_id ?? null)} may be,`;
  const parent = given.find(({ later: object, read }) => object !== undefined && !read.has(block.address) && mayRewriteGivenSubnets(block, object, stack));
  return parent === undefined ? undefined : `${parent.role} (its ${parent.attribute} ${JSON.stringify(parent.pointer)}, known only at apply time), whose VNet a write of a subnets list there may be,`;
}

/**
 * A VNet write whose `subnets` list replaces every subnet of a live VNet that may hold the given subnet (95th run, A95a-2): an
 * update of a literal VNet ID above it, or a VNet an import (or a moved block) adopts in a resource group that may hold it. A new VNet holds no given subnet.
 */
function mayRewriteGivenSubnets(block: ResourceView, object: LaterObject, stack: StackFacts | undefined): boolean {
  if (!writesChildren(block, 'subnets')) return false;
  const adopted = isAdopted(block.address, stack);
  const target = block.type === 'azapi_resource' ? (adopted ? block.config.parent_id : undefined) : azapiTarget(block);
  if (target === undefined) return false;
  if (typeof target === 'string') return laterReach(object, target) !== undefined;
  // A target written as a variable is read as its default too, as the literal it is unless the run sets another.
  return adopted || mayBeLater(object, target, stack) || (isUnknown(target) && defaultedTexts(target, stack).some((text) => laterReach(object, text) !== undefined));
}

/**
 * A write of the parent of a network resource around the server whose body replaces the list that resource is in: a VNet
 * PUT, or an update of its \`subnets\`, rewrites the delegated subnet (its group dropped: A15a-15, A15b-3). Any type
 * the table does not know (or one known only at apply time) on that parent may be such a write.
 */
function parentWrite(block: ResourceView, children: readonly { readonly label: string; readonly idPath?: string }[], resources: ReadonlyMap<string, ResourceView>): string | undefined {
  const type = azapiType(block);
  const known = type !== undefined && Object.prototype.hasOwnProperty.call(AZAPI_NETWORK_TYPES, type);
  const target = targetPath(block, resources);
  if (target === undefined) return undefined;
  for (const { label, idPath: path } of children) {
    const segments = path?.split('/') ?? [];
    if (segments.length < 5) continue;
    const [list, parentPath] = [segments[segments.length - 2], segments.slice(0, -2).join('/')];
    const parentType = `microsoft.network/${segments.slice(1, -2).filter((_, index) => index % 2 === 0).join('/')}`;
    const carries = AZAPI_NETWORK_TYPES[parentType]?.children?.includes(list) === true;
    if (!carries || target !== parentPath || (known && type !== parentType)) continue;
    if (writesChildren(block, list)) return `${label}, whose parent it writes with its ${list} list,`;
  }
  return undefined;
}

/** The ID path (as idPath spells it) of a literal Microsoft.Network ID. */
function literalPath(id: string): string | undefined {
  return networkPathsOf(idSegments(id))[0]?.join('/');
}

/** The ID path (as idPath spells it) of what an azapi block writes: by literal ID, or a reference to a VNet of the stack. */
function targetPath(block: ResourceView, resources: ReadonlyMap<string, ResourceView>): string | undefined {
  const target = azapiTarget(block);
  if (isUnknown(target)) {
    // A reference to a VNet of the stack (azurerm, or azapi), or an azapi VNet under a reference to a resource group.
    const reference = target.isPlainReference ? /^((?:azurerm_virtual_network|azapi_resource)\.[^.[\]\s]+)\.id$/.exec(target.references[0])?.[1] : undefined;
    const network = reference === undefined ? undefined : resources.get(reference);
    if (network?.type === 'azapi_resource') return azapiType(network) === 'microsoft.network/virtualnetworks' ? azapiVnetPath(network, resources) : undefined;
    if (network === undefined) return block.type === 'azapi_resource' && azapiType(block) === 'microsoft.network/virtualnetworks' ? azapiVnetPath(block, resources) : undefined;
    const [group, name] = [resolvedGroup(network.config.resource_group_name, resources), typeof network.config.name === 'string' ? network.config.name : referencedName(network.config.name, resources)];
    return group === undefined || name === undefined ? undefined : [group, 'virtualnetworks', name].map(nameKey).join('/');
  }
  return typeof target === 'string' ? literalPath(target) : undefined;
}

/** The ID path of an azapi VNet whose parent_id is a literal group ID or a reference to a resource group of the stack. */
function azapiVnetPath(network: ResourceView, resources: ReadonlyMap<string, ResourceView>): string | undefined {
  const parent = network.config.parent_id;
  const reference = isUnknown(parent) && parent.isPlainReference ? /^(azurerm_resource_group\.[^.[\]\s]+)\.id$/.exec(parent.references[0])?.[1] : undefined;
  const group = reference === undefined ? (typeof parent === 'string' ? resourceGroupOf(parent) : undefined) : resolvedGroup(resources.get(reference)?.config.name, resources);
  const name = typeof network.config.name === 'string' ? network.config.name : referencedName(network.config.name, resources);
  return group === undefined || name === undefined ? undefined : [group, 'virtualnetworks', name].map(nameKey).join('/');
}
