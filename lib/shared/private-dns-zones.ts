import { createHash } from 'crypto';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Tokenization } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { PRIVATE_DNS_ZONES_ID } from '../checks/library-comments';
import { claimStack } from '../checks/library-copy';
import { checkLibraryConstruct, recordMadeResources } from '../checks/suppression-registry';
import { isToken } from '../private/tokens';
import { reservedIdError } from '../private/reserved-id';

// Azure allows one private DNS zone of a name per resource group: a second create fails. So the
// zones the constructs create live once per stack, keyed by name and resource group, and every
// server that needs one shares it (two private-endpoint servers in one group share
// privatelink.postgres.database.azure.com). Names compare as Azure compares them, ignoring case.
// A name or resource group given as a Terraform token is compared by the expression it stands
// for: the same reference or variable shares a zone; two different expressions are taken for
// two groups, as they may well be at apply time. Links are keyed the same way by the VNet's ID:
// endpoints in subnets of one VNet given by literal IDs share a link; for a subnet given as a
// reference, the VNet's ID is an expression of that reference, so endpoints in the same subnet
// share a link, and endpoints in two referenced subnets of one VNet would get two links, which
// Azure refuses (docs: give such subnets as literal IDs, or one subnet to both endpoints).

/** What a zone is asked for with. */
export interface SharedZoneRequest {
  readonly name: string;
  readonly resourceGroupName: string;
  /** Tags of the zone: those of the first server that asks for it. */
  readonly tags?: { [key: string]: string };
}

/** A VNet link of a shared zone. */
export interface SharedLinkRequest {
  /** Resource ID of the virtual network. */
  readonly virtualNetworkId: string;
  /** Name of the link, when the construct creates it (the first server to need it names it). */
  readonly name: string;
  readonly tags?: { [key: string]: string };
}

const ID = PRIVATE_DNS_ZONES_ID;

/** The stack's shared private DNS zones (one construct per stack, under a reserved id). */
class SharedPrivateDnsZones extends Construct {
  public static of(scope: IConstruct): SharedPrivateDnsZones {
    const stack = TerraformStack.of(scope);
    claimStack(stack);
    const existing = stack.node.tryFindChild(ID);
    if (existing === undefined) return new SharedPrivateDnsZones(stack);
    if (!(existing instanceof SharedPrivateDnsZones)) {
      throw reservedIdError('PRIVATE-DNS-ZONES-ID-RESERVED', ID, 'the private DNS zones cdktf-azure-postgres shares between servers');
    }
    return existing;
  }

  private constructor(stack: TerraformStack) {
    super(stack, ID);
    // The zones are the constructs' own: no override may add count or for_each to them (PG-CFG-2).
    checkLibraryConstruct(this);
  }

  public zone(request: SharedZoneRequest): SharedZone {
    const key = `${comparable(this, request.name)}|${comparable(this, request.resourceGroupName)}`;
    const readable = !isToken(request.name) && !isToken(request.resourceGroupName);
    const id = readable ? key.replace('|', '-') : `Zone-${digest(key)}`;
    const existing = this.node.tryFindChild(id);
    if (existing === undefined) return new SharedZone(this, id, request);
    // A caller's construct at the id of a zone: taken for the zone, it would crash or share the caller's resources (A12a-10).
    if (!(existing instanceof SharedZone)) throw reservedIdError('PRIVATE-DNS-ZONES-ID-RESERVED', id, 'a private DNS zone cdktf-azure-postgres shares between servers');
    return existing;
  }
}

/** The links the shared zones made: a caller's construct at a link's id is not one, whatever its class. */
const madeLinks = new WeakSet<IConstruct>();

/**
 * The shared zones and links each construct asked for: they live outside its subtree, yet its server
 * construct pins where they are, as it pins its own resources (thirteenth review, A13-6).
 */
const usedBy = new WeakMap<IConstruct, TerraformResource[]>();

/** The shared zones and links a construct asked for. */
export function sharedResourcesUsedBy(scope: IConstruct): readonly TerraformResource[] {
  return usedBy.get(scope) ?? [];
}

function use<T extends TerraformResource>(scope: IConstruct, resource: T): T {
  const used = usedBy.get(scope) ?? [];
  if (!used.includes(resource)) used.push(resource);
  usedBy.set(scope, used);
  return resource;
}

/** A private DNS zone the library's constructs share, with one link per virtual network. */
export class SharedZone extends Construct {
  /** The zone resource. */
  public readonly zone: PrivateDnsZone;

  constructor(scope: Construct, id: string, request: SharedZoneRequest) {
    super(scope, id);
    this.zone = new PrivateDnsZone(this, 'Zone', { name: request.name, resourceGroupName: request.resourceGroupName, tags: request.tags });
    recordMadeResources([this.zone]);
  }

  /** The zone's link to a virtual network: created by the first server that needs it, shared by the rest. */
  public link(user: IConstruct, request: SharedLinkRequest): PrivateDnsZoneVirtualNetworkLink {
    const id = `Link-${digest(comparable(this, request.virtualNetworkId))}`;
    const existing = this.node.tryFindChild(id);
    if (existing !== undefined && madeLinks.has(existing)) return use(user, existing as PrivateDnsZoneVirtualNetworkLink);
    if (existing !== undefined) throw reservedIdError('PRIVATE-DNS-ZONES-ID-RESERVED', id, 'a virtual network link of a private DNS zone cdktf-azure-postgres shares between servers');
    const link = new PrivateDnsZoneVirtualNetworkLink(this, id, {
      name: request.name,
      privateDnsZoneName: this.zone.name,
      resourceGroupName: this.zone.resourceGroupName,
      virtualNetworkId: request.virtualNetworkId,
      registrationEnabled: false,
      tags: request.tags,
    });
    recordMadeResources([link]);
    madeLinks.add(link);
    return use(user, link);
  }
}

/** The stack's zone of this name in this resource group, created on first request. */
export function sharedPrivateDnsZone(scope: IConstruct, request: SharedZoneRequest): SharedZone {
  const shared = SharedPrivateDnsZones.of(scope).zone(request);
  use(scope, shared.zone);
  return shared;
}

/** A value as Azure compares it: a literal ignoring case, a token by the expression it resolves to. */
function comparable(scope: IConstruct, value: string): string {
  if (!isToken(value)) return value.toLowerCase();
  return JSON.stringify(Tokenization.resolve(value, { scope: TerraformStack.of(scope), resolver: new DefaultTokenResolver(new StringConcat()) }));
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
