import { networkRole } from '../private/privileged-roles';
import { madeBy } from './beside-construct';
import { isUnknown } from './hcl-expression';
import { fail, PASS, StackFacts, unknown, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';

// A construct makes its server's network boundary: the delegated subnet, the subnet's network
// security group (whose rules PG-CFG-6 pins) and the private DNS zone. A role that can write them
// hands the same change to a principal outside Terraform, where no check runs (seventh review, A7-16).

/** The Azure resource path of each network resource type a construct makes ("<namespace>/<type>", lower case). */
const ARM_PATHS: { readonly [type: string]: string } = {
  azurerm_subnet: 'microsoft.network/virtualnetworks',
  azurerm_network_security_group: 'microsoft.network/networksecuritygroups',
  azurerm_private_dns_zone: 'microsoft.network/privatednszones',
};
/** An interpolation in a template, read as "any one segment". */
const INTERPOLATION = /\$\{[^}]*\}/g;

/** The network resources the construct made for the server: its delegated subnet, the subnet's groups, its private DNS zones. */
function constructNetwork(server: ServerView, owner: string, stack: StackFacts | undefined): ResourceView[] {
  const subnet = server.delegatedSubnet !== undefined && madeBy(server.delegatedSubnet, owner) ? [server.delegatedSubnet] : [];
  const groups = subnet.flatMap((each) => each.associations).flatMap((association) => (association.securityGroup === undefined ? [] : [association.securityGroup]));
  // The library's zones live under a construct of their own, shared by the stack's servers.
  const zones = server.privateDnsZones.filter((zone) => (stack?.constructs ?? []).some((scope) => madeBy(zone, scope)));
  return [...subnet, ...groups.filter((group) => madeBy(group, owner)), ...zones];
}

/**
 * The IDs that reach a resource, from its literal names, below "/subscriptions/<any>/resourcegroups/"
 * and in lower case: its own (and what is below it), and for a subnet its virtual network exactly,
 * since a role on the VNet is on the subnet too (RBAC inherits down).
 */
function reachingIds(resource: ResourceView): { readonly id: string; readonly orBelow: boolean }[] {
  const { name, resource_group_name: group, virtual_network_name: network } = resource.config;
  if (typeof name !== 'string' || typeof group !== 'string') return [];
  const prefix = `${group.trim()}/providers/${ARM_PATHS[resource.type]}`.toLowerCase();
  if (resource.type !== 'azurerm_subnet') return [{ id: `${prefix}/${name.trim().toLowerCase()}`, orBelow: true }];
  if (typeof network !== 'string') return [];
  const vnet = `${prefix}/${network.trim().toLowerCase()}`;
  return [{ id: vnet, orBelow: false }, { id: `${vnet}/subnets/${name.trim().toLowerCase()}`, orBelow: true }];
}

const SUBSCRIPTION_GROUP = /^\/subscriptions\/[^/]+\/resourcegroups\/(.+?)\/?$/;

/** True when a scope is the resource or below it: a reference to its id, or an ID (literal or template) of its names. */
function isAtOrBelow(resource: ResourceView, scope: unknown): boolean {
  if (isUnknown(scope) && scope.references.includes(`${resource.address}.id`)) return true;
  const text = isUnknown(scope) ? scope.expression.replace(INTERPOLATION, '?') : scope;
  const below = typeof text === 'string' ? SUBSCRIPTION_GROUP.exec(text.trim().toLowerCase())?.[1] : undefined;
  if (below === undefined) return false;
  return reachingIds(resource).some(({ id, orBelow }) => below === id || (orBelow && below.startsWith(`${id}/`)));
}

/** The network resource the construct made for the server that a scope is (or is above, for a subnet's VNet), described for a message. */
export function constructNetworkScope(server: ServerView, scope: unknown, owner: string, stack: StackFacts | undefined): string | undefined {
  const resource = constructNetwork(server, owner, stack).find((each) => isAtOrBelow(each, scope));
  return resource === undefined ? undefined : `${resource.address}, which the library makes for the server's network`;
}

/**
 * A role assignment on a network resource of the construct's: a role that can rewrite it fails, one
 * known only at apply time is unknown. The subject is the role's, as on the server.
 */
export function judgeNetworkAssignment(assignment: ResourceView, on: string, subjectOf: (role: string) => string): Verdict {
  const { config, address } = assignment;
  const hidden = ['role_definition_name', 'role_definition_id'].find((attribute) => isUnknown(config[attribute]));
  if (hidden) return unknown(`the role of ${address} (${hidden}) is known only at apply time, and may be one that rewrites ${on}`, address);
  const name = typeof config.role_definition_name === 'string' ? config.role_definition_name.trim() : undefined;
  const id = typeof config.role_definition_id === 'string' ? config.role_definition_id.trim() : undefined;
  const role = networkRole(name, id);
  if (role === undefined) return PASS;
  return fail(`${address} grants ${role.name} on ${on}: its holder can rewrite who reaches the server or where its name resolves (network rules, the subnet's security group, DNS records), outside Terraform, with no justification.`, address, subjectOf(role.name));
}
