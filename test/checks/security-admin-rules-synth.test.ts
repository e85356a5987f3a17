import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { minimalProps, providerStack, VNET_ID } from '../helpers';

// PG-NET-1 on the construct's server, end to end: an AlwaysAllow admin rule on a network group holding the construct's VNet, its
// configuration deployed only to another region than the server's, passes every rule; deployed in the server's region it fails.
test('an AlwaysAllow admin rule deployed only to another region passes; in the server\'s region it fails PG-NET-1', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'x-')) });
  new SecureFlexibleServer(providerStack('test', app), 'Postgres', minimalProps());
  app.synth();
  const base = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'test', 'cdk.tf.json'), 'utf8'));
  const server = Object.values(base.resource.azurerm_postgresql_flexible_server)[0] as { location: string };
  expect(server.location).toBe('westeurope');
  const results: string[][] = [];
  for (const region of ['northeurope', server.location]) {
    const json = JSON.parse(JSON.stringify(base));
    Object.assign(json.resource, {
      azurerm_network_manager: { m: { name: 'm', resource_group_name: 'rg-network', location: 'westeurope', scope: [{ subscription_ids: ['/subscriptions/00000000-0000-0000-0000-000000000000'] }], scope_accesses: ['SecurityAdmin'] } },
      azurerm_network_manager_security_admin_configuration: { c: { name: 'c', network_manager_id: '${azurerm_network_manager.m.id}' } },
      azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: '${azurerm_network_manager.m.id}' } },
      azurerm_network_manager_static_member: { s: { name: 's', network_group_id: '${azurerm_network_manager_network_group.g.id}', target_virtual_network_id: VNET_ID } },
      azurerm_network_manager_admin_rule_collection: { rc: { name: 'rc', security_admin_configuration_id: '${azurerm_network_manager_security_admin_configuration.c.id}', network_group_ids: ['${azurerm_network_manager_network_group.g.id}'] } },
      azurerm_network_manager_admin_rule: { r: { name: 'r', admin_rule_collection_id: '${azurerm_network_manager_admin_rule_collection.rc.id}', action: 'AlwaysAllow', direction: 'Inbound', priority: 1, protocol: 'Tcp', destination_port_ranges: ['5432'], source: [{ address_prefix_type: 'IPPrefix', address_prefix: '0.0.0.0/0' }], destination: [{ address_prefix_type: 'IPPrefix', address_prefix: '*' }] } },
      azurerm_network_manager_deployment: { d: { network_manager_id: '${azurerm_network_manager.m.id}', location: region, scope_access: 'SecurityAdmin', configuration_ids: ['${azurerm_network_manager_security_admin_configuration.c.id}'] } },
    });
    results.push(evaluateStack(json, ALL_RULES).findings.filter((f) => f.status === 'fail').map((f) => `${f.ruleId} ${f.address}`));
  }
  expect(results).toEqual([[], ['PG-NET-1 azurerm_network_manager_admin_rule.r']]);
});
