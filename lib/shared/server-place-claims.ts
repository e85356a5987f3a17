import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { AddressSpan, cidrSpan, parseCidr, spansOverlap } from '../private/ipv4';
import { isToken } from '../private/tokens';
import { ValidationError } from '../private/validation-error';

/** A subnet a server construct makes in a VNet, and the props that name it. */
export interface ClaimedSubnet {
  readonly virtualNetworkId: string;
  readonly name: string;
  readonly nameProp: string;
  readonly prefix: string;
  readonly prefixProp: string;
}

/** What one server construct takes that no other may: its name, and the subnet it makes. */
export interface ServerPlace {
  readonly name: string;
  readonly subnet?: ClaimedSubnet;
}

/** A subnet made in a VNet: its name in lower case, its range, and who made it. */
interface MadeSubnet {
  readonly name: string;
  readonly prefix: string;
  readonly span?: AddressSpan;
  readonly owner: string;
}

interface Taken {
  /** Server names in lower case, by who took them. */
  readonly names: Map<string, string>;
  /** Per VNet ID in lower case: the subnets made there. */
  readonly subnets: Map<string, MadeSubnet[]>;
}

/** Per stack: what its server constructs took. */
const takenByStack = new WeakMap<IConstruct, Taken>();

/**
 * Checks a server's name and the subnet its construct makes against those of the stack's other server constructs: Azure refuses a
 * second server of a name (Flexible and Single Servers share `<name>.postgres.database.azure.com`, in any resource group), a second
 * subnet of a name in one VNet, and subnets whose ranges overlap; each would pass synth and fail at apply (62nd adversarial run,
 * A62a-4). One stack is applied as a whole, so there the clash is certain; the stacks of an app may be alternatives, or go to other
 * clouds (whose host names differ), so they are not compared. Values known only at apply time are not compared either. Returns the
 * claim, which the constructor makes once it is whole: a construct refused by a later check claims nothing.
 */
export function checkServerPlace(scope: IConstruct, place: ServerPlace): () => void {
  const stack = TerraformStack.of(scope);
  const taken = takenByStack.get(stack) ?? { names: new Map(), subnets: new Map() };
  const owner = scope.node.path;
  const name = isToken(place.name) ? undefined : place.name.toLowerCase();
  const other = name === undefined ? undefined : taken.names.get(name);
  if (other !== undefined) {
    throw new ValidationError('SERVER-NAME-TAKEN', 'name', place.name, `is the name of ${other} too; server names are global in Azure (<name>.postgres.database.azure.com), in any resource group`, 'give each server its own name');
  }
  const subnet = place.subnet;
  const vnet = subnet === undefined || isToken(subnet.virtualNetworkId) ? undefined : subnet.virtualNetworkId.trim().toLowerCase();
  const made: readonly MadeSubnet[] = vnet === undefined ? [] : taken.subnets.get(vnet) ?? [];
  let span: AddressSpan | undefined;
  if (subnet !== undefined && vnet !== undefined) {
    const named = isToken(subnet.name) ? undefined : made.find((each) => each.name === subnet.name.toLowerCase());
    if (named !== undefined) {
      throw new ValidationError('SUBNET-TAKEN', subnet.nameProp, subnet.name, `names the subnet ${named.owner} makes in the same virtual network too`, `give each server's subnet its own name (${subnet.nameProp})`);
    }
    const cidr = isToken(subnet.prefix) ? undefined : parseCidr(subnet.prefix);
    span = cidr === undefined ? undefined : cidrSpan(cidr.address, cidr.prefixLength);
    const overlapping = span === undefined ? undefined : made.find((each) => each.span !== undefined && spansOverlap(each.span, span!));
    if (overlapping !== undefined) {
      throw new ValidationError('SUBNET-TAKEN', subnet.prefixProp, subnet.prefix, `overlaps ${overlapping.prefix}, the range of the subnet ${overlapping.owner} makes in the same virtual network; Azure refuses overlapping subnets`, 'give each server\'s subnet a range of its own in the virtual network');
    }
  }
  return () => {
    if (name !== undefined) taken.names.set(name, owner);
    if (subnet !== undefined && vnet !== undefined) {
      taken.subnets.set(vnet, [...(taken.subnets.get(vnet) ?? []), { name: isToken(subnet.name) ? `${owner}|subnet` : subnet.name.toLowerCase(), prefix: subnet.prefix, span, owner }]);
    }
    takenByStack.set(stack, taken);
  };
}
