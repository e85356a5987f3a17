import { AZAPI_WRITER_TYPES, azapiType, writes } from './azapi-writes';
import { azureReaderOf, readerOf } from './read-types';
import { blocksOfTypes } from './per-stack';
import { fail, StackFacts, Verdict } from './rule';
import { serverVnets } from './network-group-members';
import { ServerView } from './stack-model';

// Azure Virtual Network Manager acts on the VNets of its network groups, not on a VNet a block names, so PG-CFG-8's net
// (which follows pointers) does not see its configurations (sixteenth review, A16b-7). Every Virtual Network Manager
// type is therefore read by a table (admin rules, connectivity configurations, group members) or inert here with its
// reason; any other (a type Azure adds later, security user rules) fails closed beside a server that answers in a VNet.

const ADDRESSES = 'it manages address pools (IPAM): it opens no path and changes no rule';
const VERIFIER = 'it analyses reachability (Network Verifier) and reports: it changes nothing';
const CONTAINER = 'it holds rules, each read where it is written (security-admin-rules.ts): it opens nothing by itself';
const SCOPE = 'it says which subscriptions or management groups the manager may configure: each configuration is judged on its own';
const ROUTES = 'routing configurations write routes (user-defined routes), which steer only traffic the subnet\'s network security group still judges (decided for routes: inert toward the network)';

/** The Virtual Network Manager types that act on no VNet's reach, with why (Terraform types and azapi types, lower case). */
export const INERT_NETWORK_MANAGER_TYPES: readonly (readonly [RegExp, string])[] = [
  [/^azurerm_network_manager$/, SCOPE],
  [/^azurerm_network_manager_(management_group|subscription|scope)_connection$/, SCOPE],
  [/^azurerm_network_manager_ipam_pool(_static_cidr)?$/, ADDRESSES],
  [/^azurerm_network_manager_verifier_workspace(_reachability_analysis_intent)?$/, VERIFIER],
  [/^azurerm_network_manager_security_admin_configuration$/, CONTAINER],
  [/^azurerm_network_manager_routing_(configuration|rule_collection|rule)$/, ROUTES],
  [/^microsoft\.network\/networkmanagers$/, SCOPE],
  [/^microsoft\.network\/(networkmanagerconnections|networkmanagers\/scopeconnections)$/, SCOPE],
  [/^microsoft\.network\/networkmanagers\/ipampools(\/.*)?$/, ADDRESSES],
  [/^microsoft\.network\/networkmanagers\/verifierworkspaces(\/.*)?$/, VERIFIER],
  // A rule collection's appliesToGroups says where its rules act: read by security-admin-rules.ts.
  [/^microsoft\.network\/networkmanagers\/securityadminconfigurations$/, CONTAINER],
  [/^microsoft\.network\/networkmanagers\/routingconfigurations(\/.*)?$/, ROUTES],
];


/** Why a Virtual Network Manager type is inert, or undefined. */
export function inertNetworkManagerReason(type: string): string | undefined {
  return INERT_NETWORK_MANAGER_TYPES.find(([pattern]) => pattern.test(type))?.[1];
}

/** The Virtual Network Manager type of a block (Terraform, or azapi lower case), or undefined for any other block. */
function managerType(type: string, azure: string | undefined): string | undefined {
  if (/^azurerm_network_manager(_|$)/.test(type)) return type;
  return azure !== undefined && /^microsoft\.network\/networkmanager/.test(azure) ? azure : undefined;
}

/** The blocks managerType may take (an azapi writer's Azure type is told by its config), in the stack's order: every server asks. */
const managerWriters = blocksOfTypes((type) => AZAPI_WRITER_TYPES.includes(type) || managerType(type, undefined) !== undefined);

/** PG-NET-1 failures of the Virtual Network Manager writers no table reads, beside a server that answers in a VNet. */
export function unreadNetworkManagerWriters(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  if (serverVnets(server, stack).length === 0) return [];
  const verdicts: Verdict[] = [];
  for (const block of managerWriters(stack)) {
    const azapi = AZAPI_WRITER_TYPES.includes(block.type);
    // An action that only reads acts on nothing (a commit, a POST on the manager, is read by connectivity-configurations.ts).
    if (azapi && !writes(block)) continue;
    const type = managerType(block.type, azapi ? azapiType(block) : undefined);
    if (type === undefined) continue;
    const read = azapi ? azureReaderOf(type) : readerOf(type);
    if (read !== undefined || inertNetworkManagerReason(type) !== undefined) continue;
    verdicts.push(fail(`${block.address} writes Virtual Network Manager type ${JSON.stringify(type)}, which acts on the VNets of network groups that may hold the VNet of ${owner}'s server: no rule reads what it does, so it cannot be judged. Review it and suppress PG-NET-1 on the resource with the reason.`, block.address));
  }
  return verdicts;
}
