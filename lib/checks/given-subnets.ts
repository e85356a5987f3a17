import { idKey, idSegments, nameKey } from './azure-keys';
import { resourcesOfType } from './beside-construct';
import { groupName } from './containing-scopes';
import { isUnknown } from './hcl-expression';
import { StackFacts } from './rule';
import { AssociationView, ResourceView, sameForSure, SecurityGroupView, ServerView, TerraformBlock } from './stack-model';
import { azapiSecurityGroups, azapiTarget, azapiWriters, readAzapiNetwork } from './azapi-network';
import { azapiType } from './azapi-writes';
import { laterObject, lookedUpPointers, mayBeLater, readsPointer } from './given-objects';
import { adoptedBy, importInto } from './stack-created';

// A delegated subnet defined outside the stack (existingVnetIntegration, a raw server's variable) is
// its owner's to judge, and so is the group its owner associates with it; but when the stack itself
// associates a group with that subnet, by the very pointer the server holds (the same expression, or
// the same literal ID in any case), the stack is the writer, and the group is judged as on a subnet
// of the stack (fourteenth review, A14b-17). An azapi update of that subnet setting its group is such an
// association, and a group written by azapi such a group (azapi-network.ts; fifteenth review, A15b-1, A15b-15). A subnet
// given by a pointer known only at apply time may be any subnet the stack names by a literal ID or a lookup (given-objects.ts;
// seventeenth review, A17b-9).

const ASSOCIATION = 'azurerm_subnet_network_security_group_association';
const SECURITY_GROUP = 'azurerm_network_security_group';
const SECURITY_RULE = 'azurerm_network_security_rule';
/** A subnet's resource ID: its resource group, VNet and name. */
const SUBNET_ID = /^subscriptions\/[^/]*\/resourcegroups\/([^/]+)\/providers\/microsoft\.network\/virtualnetworks\/([^/]+)\/subnets\/([^/]+)$/;

/** The stack's associations of the server's delegated subnet, named by the server's own pointer, each with its group when the group is the stack's. */
export function givenSubnetAssociations(server: ServerView, stack: StackFacts | undefined): AssociationView[] {
  const pointer = server.config.delegated_subnet_id;
  if (pointer === undefined || server.delegatedSubnet !== undefined) return [];
  return [...resourcesOfType(stack, ASSOCIATION), ...azapiAssociations(stack)]
    .filter((association) => sameSubnet(pointer, association.config.subnet_id, stack))
    .map((association) => ({ ...association, securityGroup: groupOf(association.config.network_security_group_id, stack) }));
}

/**
 * The stack's associations (azurerm, azapi subnet writes) of a subnet that may be the delegated subnet the server is given by a
 * pointer known only at apply time: a literal subnet ID or a lookup of a subnet (A17b-9). Their groups are judged as the
 * subnet's (PGF-NET-7); they are not counted as sure associations (two of them on other subnets replace nothing).
 */
export function laterSubnetAssociations(server: ServerView, stack: StackFacts | undefined): AssociationView[] {
  const pointer = server.config.delegated_subnet_id;
  const later = server.delegatedSubnet !== undefined ? undefined : laterObject('subnet', pointer, stack);
  if (later === undefined) return [];
  return [...resourcesOfType(stack, ASSOCIATION), ...azapiAssociations(stack)]
    .filter((association) => !sameSubnet(pointer, association.config.subnet_id, stack) && mayBeLater(later, association.config.subnet_id, stack))
    .map((association) => ({ ...association, securityGroup: groupOf(association.config.network_security_group_id, stack) }));
}

/** An association of the stack that takes over the given subnet's: by an import or a moved block, and how, for a message. */
export interface TakenAssociation {
  readonly association: ResourceView;
  readonly by: 'import' | 'moved';
  readonly how: string;
  /** What the given subnet loses with it: its network security group, or its route table. */
  readonly guard: string;
  /** Whether its subnet_id surely names another subnet, not one that may be the given one by a spelling the readers cannot tell. */
  readonly surely: boolean;
}

/** The association types whose import ID is their subnet's ID and whose subnet_id forces a new one, and what each guards. */
const ADOPTABLE_ASSOCIATIONS: { readonly [type: string]: string } = {
  [ASSOCIATION]: 'its network security group',
  // 96th run, A96e-3: the route table association's twin: the platform's route through a firewall goes with it.
  azurerm_subnet_route_table_association: 'its route table (traffic it sent through a firewall goes another way)',
};

/**
 * The stack's associations that take over the association of the delegated subnet the server is given while their own subnet_id
 * names another subnet (96th run, A96b-4, A96e-3): an association's import ID is its subnet's ID, so an import whose ID may be the
 * given subnet (its pointer, a literal subnet ID, a lookup: mayBeLater) adopts that subnet's association, and a moved block hands
 * over what another address managed, which may be it. subnet_id forces a new association: the plan deletes the given subnet's one,
 * detaching its network security group or route table. A subnet_id read from the pointer (a relay, a function of it, a lookup or a
 * reading azapi action of it) is the given subnet (A96e-4); one that only may be it (a literal ID) may name another.
 */
export function adoptedGivenAssociations(server: ServerView, stack: StackFacts | undefined): TakenAssociation[] {
  const pointer = server.config.delegated_subnet_id;
  if (pointer === undefined || server.delegatedSubnet !== undefined) return [];
  const later = laterObject('subnet', pointer, stack);
  const mayBeGiven = (id: unknown) => sameSubnet(pointer, id, stack) || (later !== undefined && mayBeLater(later, id, stack));
  const isGiven = (id: unknown) => sameSubnet(pointer, id, stack) || (isUnknown(pointer) && readsPointer(id, pointer, stack))
    || lookedUpPointers(id, stack).some((looked) => sameSubnet(pointer, looked, stack));
  return Object.entries(ADOPTABLE_ASSOCIATIONS).flatMap(([type, guard]) => resourcesOfType(stack, type).flatMap((association): TakenAssociation[] => {
    const subnet = association.config.subnet_id;
    const by = adoptedBy(association.address, stack);
    if (by === undefined || isGiven(subnet)) return [];
    const surely = !mayBeGiven(subnet);
    if (by === 'moved') return [{ association, by, guard, surely, how: 'a moved block hands it the association another address managed, which may be the given subnet\'s' }];
    const id = importInto(association.address, stack)?.id;
    if (!mayBeGiven(id) || sameSubnet(id, subnet, stack)) return [];
    return [{ association, by, guard, surely, how: `an import adopts the association of ${JSON.stringify(id)}, which ${sameSubnet(pointer, id, stack) ? 'is' : 'may be'} the given subnet` }];
  }));
}

/** The azapi writes of a subnet whose body the table reads as a group association, each as an association view (A15b-1). */
export function azapiAssociations(stack: StackFacts | undefined): ResourceView[] {
  return azapiWriters(stack).flatMap((block) => {
    const read = azapiType(block) === 'microsoft.network/virtualnetworks/subnets' ? readAzapiNetwork(block) : undefined;
    return read === undefined ? [] : [{ ...block, config: { subnet_id: azapiTarget(block), ...read } as TerraformBlock }];
  });
}

/** The same expression, or the same subnet by literal ID (any case) or a lookup of its literal names. */
function sameSubnet(a: unknown, b: unknown, stack: StackFacts | undefined): boolean {
  if (sameForSure(a, b)) return true;
  const [x, y] = [subnetKey(a, stack), subnetKey(b, stack)];
  return x !== undefined && x === y;
}

/** The ID path below Microsoft.Network ("<group>/virtualnetworks/<vnet>/subnets/<subnet>") of a subnet pointer subnetKey reads. */
export function subnetPath(pointer: unknown, stack: StackFacts | undefined): string | undefined {
  const [group, network, name] = subnetKey(pointer, stack)?.split('/') ?? [];
  return name === undefined ? undefined : `${group}/virtualnetworks/${network}/subnets/${name}`;
}

/** "<group>/<vnet>/<subnet>" (lower case) of a literal subnet ID, or of a data.azurerm_subnet of literal names. */
function subnetKey(pointer: unknown, stack: StackFacts | undefined): string | undefined {
  if (typeof pointer === 'string') {
    const found = SUBNET_ID.exec(idKey(pointer));
    return found === null ? undefined : `${found[1]}/${found[2]}/${found[3]}`;
  }
  const lookup = isUnknown(pointer) && pointer.isPlainReference ? /^(data\.azurerm_subnet\.[^.[\]]+)\.id$/.exec(pointer.references[0])?.[1] : undefined;
  const block = lookup === undefined ? undefined : stack?.lookups?.get(lookup);
  if (block === undefined) return undefined;
  const [group, network, name] = [groupName(block, stack), block.config.virtual_network_name, block.config.name];
  return group !== undefined && typeof network === 'string' && typeof name === 'string' ? [group, network, name].map(nameKey).join('/') : undefined;
}

/** The stack's group a pointer names: by reference, or by a literal ID of its literal name and resource group. */
function groupOf(pointer: unknown, stack: StackFacts | undefined): SecurityGroupView | undefined {
  // A group written by azapi is read as an azurerm one (azapi-network.ts, A15b-15).
  const group = [...resourcesOfType(stack, SECURITY_GROUP), ...azapiSecurityGroups(resourcesOfType(stack, 'azapi_resource'))].find((candidate) => {
    if (isUnknown(pointer)) return pointer.references.some((reference) => reference === `${candidate.address}.id`);
    // Its segments as every reader takes them: "." and empty ones dropped (azure-keys.ts, A23-3).
    const parts = typeof pointer === 'string' ? idSegments(pointer) : [];
    return parts[6] === 'networksecuritygroups' && sameForSure(candidate.config.resource_group_name, parts[3]) && sameForSure(candidate.config.name, parts[7]);
  });
  return group === undefined ? undefined : { ...group, separateRules: resourcesOfType(stack, SECURITY_RULE).filter((rule) => inGroup(rule, group)), possibleRules: [] };
}

/** A separate rule of the group: its group's name by reference, or its literal name and resource group. */
function inGroup(rule: ResourceView, group: ResourceView): boolean {
  const name = rule.config.network_security_group_name;
  if (isUnknown(name)) return name.references.includes(`${group.address}.name`);
  return sameForSure(name, group.config.name) && sameForSure(rule.config.resource_group_name, group.config.resource_group_name);
}
