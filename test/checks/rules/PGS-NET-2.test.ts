import { rule } from '../../../lib/checks/rules/PGS-NET-2';
import { judge } from '../rule-harness';
import { EXTERNAL, externalChild, FIREWALL_RULE, PRIVATE_ENDPOINT, SERVER_ID, singleStack } from '../single-fixtures';

function privateEndpoint(resourceId: string) {
  return {
    name: 'orders-legacy-pe',
    location: 'westeurope',
    resource_group_name: 'rg',
    subnet_id: '${var.subnet_id}',
    private_service_connection: { name: 'c', is_manual_connection: false, private_connection_resource_id: resourceId, subresource_names: ['postgresqlServer'] },
  };
}

test('passes when a private endpoint connects to the server', () => {
  expect(judge(rule, singleStack({ [PRIVATE_ENDPOINT]: { pe: privateEndpoint(SERVER_ID) } }))).toEqual({ status: 'pass' });
});

test('passes when the connection is written as a list and gives the server ID literally', () => {
  const endpoint = { ...privateEndpoint(''), private_service_connection: [privateEndpoint('/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/servers/orders-legacy').private_service_connection] };
  expect(judge(rule, singleStack({ [PRIVATE_ENDPOINT]: { pe: endpoint } }))).toEqual({ status: 'pass' });
});

test('fails when no private endpoint connects to the server', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'fail', message: 'no azurerm_private_endpoint connects to the server.' });
});

test('fails when the only private endpoint connects to another server', () => {
  expect(judge(rule, singleStack({ [PRIVATE_ENDPOINT]: { pe: privateEndpoint('${azurerm_postgresql_server.other.id}') } }))).toMatchObject({ status: 'fail' });
});

test('does not apply to a server defined outside the stack', () => {
  expect(judge(rule, { [FIREWALL_RULE]: { r: externalChild({ name: 'office', start_ip_address: '203.0.113.10', end_ip_address: '203.0.113.10' }) } }, EXTERNAL)).toMatchObject({
    status: 'not-applicable',
  });
});
