import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { minimalProps, newStack, SUBSCRIPTION, synthErrors } from '../helpers';
import { lookup, raw } from './beside-fixtures';

// Twenty-second review, A22a-8: a Virtual Network Manager's scope (the subscriptions and management groups it may configure) changes
// no traffic: its configurations take effect only when a deployment or commit puts them in force (Microsoft, "Configuration
// deployments in Azure Virtual Network Manager"), and each deployment and configuration of the stack is judged (PG-NET-1). A bare
// manager over the server's subscription or a management group above it passes PG-CFG-8, azurerm and azapi alike; a manager that may
// hold a configuration the checks cannot read before a deployment puts it in force (imported or only updated, or a security admin
// configuration whose rules are not all in the JSON) still fails, and a deployment of a configuration they cannot read fails PG-NET-1.

const MG = '/providers/Microsoft.Management/managementGroups/platform';
const AZAPI_MANAGER = 'Microsoft.Network/networkManagers@2024-05-01';

function stackWith(blocks: (stack: TerraformStack) => void): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: SUBSCRIPTION.split('/')[2] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  blocks(stack);
  return synthErrors(stack).filter((line) => /PG-CFG-8|PG-NET-1/.test(line));
}

/** The manager's forms: azurerm (scope block) and azapi (networkManagerScopes), over the subscription or a management group. */
const MANAGERS: { readonly [form: string]: (stack: TerraformStack) => void } = {
  'azurerm, the server\'s subscription by literal ID': (s) => raw(s, 'azurerm_network_manager', 'm', { name: 'm', location: 'westeurope', resource_group_name: 'rg-net', scope: { subscription_ids: [SUBSCRIPTION] } }),
  'azurerm, the subscription by a lookup': (s) => {
    lookup(s, 'azurerm_subscription', 'current', {});
    raw(s, 'azurerm_network_manager', 'm', { name: 'm', location: 'westeurope', resource_group_name: 'rg-net', scope_accesses: ['Connectivity', 'SecurityAdmin'], scope: { subscription_ids: ['${data.azurerm_subscription.current.id}'] } });
  },
  'azurerm, a management group above it': (s) => raw(s, 'azurerm_network_manager', 'm', { name: 'm', location: 'westeurope', resource_group_name: 'rg-net', scope: { management_group_ids: [MG] } }),
  'azapi, the subscription': (s) => raw(s, 'azapi_resource', 'm', { type: AZAPI_MANAGER, name: 'm', location: 'westeurope', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-net`, body: { properties: { networkManagerScopes: { subscriptions: [SUBSCRIPTION] }, networkManagerScopeAccesses: ['Connectivity'] } } }),
  'azapi, a management group': (s) => raw(s, 'azapi_resource', 'm', { type: AZAPI_MANAGER, name: 'm', location: 'westeurope', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-net`, body: { properties: { networkManagerScopes: { managementGroups: [MG] }, networkManagerScopeAccesses: ['SecurityAdmin'] } } }),
};
const managerId = (form: string) => (form.startsWith('azapi') ? '${azapi_resource.m.id}' : '${azurerm_network_manager.m.id}');

describe.each(Object.entries(MANAGERS))('a Virtual Network Manager (%s)', (form, manager) => {
  test('alone (no configuration, no deployment) passes PG-CFG-8 (the finding)', () => {
    expect(stackWith(manager)).toEqual([]);
  });
  test('with a security admin configuration whose rule collections the stack writes (not deployed) passes', () => {
    expect(stackWith((s) => {
      manager(s);
      raw(s, 'azurerm_network_manager_security_admin_configuration', 'sac', { name: 'sac', network_manager_id: managerId(form) });
      raw(s, 'azurerm_network_manager_admin_rule_collection', 'col', { name: 'c', security_admin_configuration_id: '${azurerm_network_manager_security_admin_configuration.sac.id}', network_group_ids: ['x'] });
    })).toEqual([]);
  });
  test('with a security admin configuration whose rule collection is imported (its rules not in the JSON) fails PG-CFG-8 on the manager, deployed or not', () => {
    const found = stackWith((s) => {
      manager(s);
      raw(s, 'azurerm_network_manager_security_admin_configuration', 'sac', { name: 'sac', network_manager_id: managerId(form) });
      raw(s, 'azurerm_network_manager_admin_rule_collection', 'col', { name: 'c', security_admin_configuration_id: '${azurerm_network_manager_security_admin_configuration.sac.id}', network_group_ids: ['x'] });
      s.addOverride('import', [{ to: 'azurerm_network_manager_admin_rule_collection.col', id: `${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network/networkManagers/m/securityAdminConfigurations/sac/ruleCollections/c` }]);
    });
    expect(found.some((line) => / (azurerm_network_manager|azapi_resource)\.m PG-CFG-8 /.test(line))).toBe(true);
  });
  test('with a rule written into a collection the stack does not write fails PG-CFG-8 on the manager', () => {
    const found = stackWith((s) => {
      manager(s);
      raw(s, 'azurerm_network_manager_security_admin_configuration', 'sac', { name: 'sac', network_manager_id: managerId(form) });
      raw(s, 'azurerm_network_manager_admin_rule', 'rule', { name: 'r', admin_rule_collection_id: '${azurerm_network_manager_security_admin_configuration.sac.id}/ruleCollections/outside', action: 'Deny', direction: 'Inbound', priority: 1, protocol: 'Tcp' });
    });
    expect(found.some((line) => / (azurerm_network_manager|azapi_resource)\.m PG-CFG-8 /.test(line))).toBe(true);
  });
  test('with a deployment of configurations known only later: the deployment fails PG-NET-1', () => {
    const found = stackWith((s) => {
      manager(s);
      s.addOverride('variable.ids', { type: 'list(string)' });
      raw(s, 'azurerm_network_manager_deployment', 'd', { network_manager_id: managerId(form), location: 'westeurope', scope_access: 'SecurityAdmin', configuration_ids: '${var.ids}' });
    });
    expect(found.some((line) => line.includes('azurerm_network_manager_deployment.d PG-NET-1 '))).toBe(true);
  });
});

describe('a Virtual Network Manager the stack does not create may hold configurations that are not in the JSON', () => {
  test('an imported manager over the server\'s subscription fails PG-CFG-8', () => {
    const found = stackWith((s) => {
      MANAGERS['azurerm, the server\'s subscription by literal ID'](s);
      s.addOverride('import', [{ to: 'azurerm_network_manager.m', id: `${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network/networkManagers/m` }]);
    });
    expect(found.join('\n')).toContain('azurerm_network_manager.m PG-CFG-8 an azurerm_network_manager points at the subscription');
  });
  test('an azapi update of a manager\'s scope fails PG-CFG-8', () => {
    const found = stackWith((s) => raw(s, 'azapi_update_resource', 'm', { type: AZAPI_MANAGER, resource_id: `${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network/networkManagers/m`, body: { properties: { networkManagerScopes: { subscriptions: [SUBSCRIPTION] } } } }));
    expect(found.some((line) => line.includes('azapi_update_resource.m PG-CFG-8 '))).toBe(true);
  });
  test('an azapi security admin configuration only updated under an azapi manager fails PG-CFG-8 on the manager', () => {
    const found = stackWith((s) => {
      MANAGERS['azapi, the subscription'](s);
      raw(s, 'azapi_update_resource', 'sac', { type: 'Microsoft.Network/networkManagers/securityAdminConfigurations@2024-05-01', parent_id: '${azapi_resource.m.id}', name: 'sac', body: { properties: { description: 'x' } } });
    });
    expect(found.some((line) => line.includes('azapi_resource.m PG-CFG-8 '))).toBe(true);
  });
});

// The same class for the connections that give a manager a scope: one to a manager the stack writes is judged as that manager; one to a
// manager outside the stack names configurations that are not in the JSON and fails closed.
describe('a connection of the server\'s subscription or management group to a Virtual Network Manager', () => {
  const OWN = '${azurerm_network_manager.m.id}';
  const OTHER = `${SUBSCRIPTION}/resourceGroups/rg-hub/providers/Microsoft.Network/networkManagers/other`;
  const CONNECTIONS: { readonly [form: string]: (s: TerraformStack, manager: string) => void } = {
    'azurerm subscription connection': (s, manager) => raw(s, 'azurerm_network_manager_subscription_connection', 'c', { name: 'c', subscription_id: SUBSCRIPTION, network_manager_id: manager }),
    'azurerm management group connection': (s, manager) => raw(s, 'azurerm_network_manager_management_group_connection', 'c', { name: 'c', management_group_id: MG, network_manager_id: manager }),
    'azapi networkManagerConnections': (s, manager) => raw(s, 'azapi_resource', 'c', { type: 'Microsoft.Network/networkManagerConnections@2024-05-01', name: 'c', parent_id: SUBSCRIPTION, body: { properties: { networkManagerId: manager } } }),
  };
  describe.each(Object.entries(CONNECTIONS))('%s', (_form, connection) => {
    test('to a manager the stack creates whose configurations are all judged passes', () => {
      expect(stackWith((s) => {
        MANAGERS['azurerm, a management group above it'](s);
        connection(s, OWN);
      })).toEqual([]);
    });
    test('to a manager outside the stack fails PG-CFG-8', () => {
      expect(stackWith((s) => connection(s, OTHER)).some((line) => / (azurerm_network_manager_\w+_connection|azapi_resource)\.c PG-CFG-8 /.test(line))).toBe(true);
    });
    test('to a manager the stack creates with a security admin configuration whose rules are not all in the JSON fails PG-CFG-8', () => {
      const found = stackWith((s) => {
        MANAGERS['azurerm, a management group above it'](s);
        raw(s, 'azurerm_network_manager_security_admin_configuration', 'sac', { name: 'sac', network_manager_id: OWN });
        raw(s, 'azurerm_network_manager_admin_rule', 'rule', { name: 'r', admin_rule_collection_id: '${azurerm_network_manager_security_admin_configuration.sac.id}/ruleCollections/outside', action: 'Deny', direction: 'Inbound', priority: 1, protocol: 'Tcp' });
        connection(s, OWN);
      });
      expect(found.some((line) => / (azurerm_network_manager_\w+_connection|azapi_resource)\.c PG-CFG-8 /.test(line))).toBe(true);
    });
  });
});
