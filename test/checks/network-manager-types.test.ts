import { INERT_NETWORK_MANAGER_TYPES, unreadNetworkManagerWriters } from '../../lib/checks/network-manager-types';
import { azureReaderOf, readerOf } from '../../lib/checks/read-types';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, flexibleServerWithoutVnet, Resources } from './rule-harness';

// Every Virtual Network Manager type is read by a table or inert with its reason (network-manager-types.ts; sixteenth
// review, A16b-7): the manager acts on the VNets of its groups, which PG-CFG-8's pointers do not reach, so a type of the
// namespace no table reads fails closed beside a server in a VNet.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const MANAGER = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/networkManagers/central`;

function failures(extra: Resources, server = compliantFlexibleServer()): string[] {
  const resources: Resources = {
    [FLEXIBLE]: { db: { ...server, ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
    ...extra,
  };
  const model = buildStackModel({ resource: resources });
  const found = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return unreadNetworkManagerWriters(found, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
}

/** Every Virtual Network Manager resource type of the azurerm provider this package builds against. */
const AZURERM_TYPES = ['azurerm_network_manager', 'azurerm_network_manager_admin_rule', 'azurerm_network_manager_admin_rule_collection', 'azurerm_network_manager_connectivity_configuration',
  'azurerm_network_manager_deployment', 'azurerm_network_manager_ipam_pool', 'azurerm_network_manager_ipam_pool_static_cidr', 'azurerm_network_manager_management_group_connection',
  'azurerm_network_manager_network_group', 'azurerm_network_manager_routing_configuration', 'azurerm_network_manager_routing_rule', 'azurerm_network_manager_routing_rule_collection',
  'azurerm_network_manager_scope_connection', 'azurerm_network_manager_security_admin_configuration', 'azurerm_network_manager_static_member', 'azurerm_network_manager_subscription_connection',
  'azurerm_network_manager_verifier_workspace', 'azurerm_network_manager_verifier_workspace_reachability_analysis_intent'];

describe('the class: each Virtual Network Manager type is read or inert', () => {
  test.each(AZURERM_TYPES)('%s is read by a table or inert with a reason, and passes here', (type) => {
    const reason = INERT_NETWORK_MANAGER_TYPES.find(([pattern]) => pattern.test(type))?.[1];
    expect(readerOf(type) !== undefined || (reason !== undefined && reason.length > 20)).toBe(true);
    expect(failures({ [type]: { x: { name: 'x', network_manager_id: MANAGER } } })).toEqual([]);
  });

  test('the azapi types of the tables pass, and a type of the namespace no table reads fails closed', () => {
    for (const type of ['networkManagers', 'networkManagers/networkGroups', 'networkManagers/networkGroups/staticMembers', 'networkManagers/connectivityConfigurations', 'networkManagers/securityAdminConfigurations/ruleCollections/rules',
      'networkManagers/securityAdminConfigurations', 'networkManagers/securityAdminConfigurations/ruleCollections', 'networkManagers/routingConfigurations/ruleCollections/rules', 'networkManagers/ipamPools', 'networkManagers/verifierWorkspaces']) {
      const azure = `Microsoft.Network/${type}`.toLowerCase();
      expect(azureReaderOf(azure) !== undefined || INERT_NETWORK_MANAGER_TYPES.some(([pattern]) => pattern.test(azure))).toBe(true);
      expect(failures({ azapi_resource: { x: { type: `Microsoft.Network/${type}@2024-05-01`, name: 'x', parent_id: MANAGER, body: {} } } })).toEqual([]);
    }
    const unread = 'Microsoft.Network/networkManagers/securityUserConfigurations/ruleCollections/rules';
    const message = (address: string, type: string) => `${address} writes Virtual Network Manager type ${JSON.stringify(type)}, which acts on the VNets of network groups that may hold the VNet of ${CONSTRUCT}'s server: no rule reads what it does, so it cannot be judged. Review it and suppress PG-NET-1 on the resource with the reason.`;
    expect(failures({ azapi_resource: { x: { type: `${unread}@2024-05-01`, name: 'x', parent_id: MANAGER, body: {} } } })).toEqual([message('azapi_resource.x', unread.toLowerCase())]);
    expect(failures({ azapi_resource_action: { x: { type: `${unread}@2024-05-01`, resource_id: `${MANAGER}/securityUserConfigurations/c/ruleCollections/rc/rules/r`, method: 'PUT', body: {} } } })).toHaveLength(1);
    expect(failures({ azurerm_network_manager_security_user_rule: { x: { name: 'x' } } })).toEqual([message('azurerm_network_manager_security_user_rule.x', 'azurerm_network_manager_security_user_rule')]);
  });

  test('an action that only reads, and a server in no VNet, pass', () => {
    const unread = 'Microsoft.Network/networkManagers/securityUserConfigurations@2024-05-01';
    expect(failures({ azapi_resource_action: { x: { type: unread, resource_id: `${MANAGER}/securityUserConfigurations/c`, method: 'GET' } } })).toEqual([]);
    expect(failures({ azapi_resource: { x: { type: unread, name: 'x', parent_id: MANAGER, body: {} } } }, flexibleServerWithoutVnet())).toEqual([]);
  });
});
