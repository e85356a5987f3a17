import { rule } from '../../../lib/checks/rules/PGF-NET-2';
import { compliantFlexibleServer, FLEXIBLE, judge, outsideAddress } from '../rule-harness';

const PUBLIC_MODE = { delegated_subnet_id: undefined, private_dns_zone_id: undefined };

function privateEndpoint(target: string) {
  return {
    azurerm_private_endpoint: {
      pe: {
        name: 'orders-db-pe',
        subnet_id: '${azurerm_subnet.endpoints.id}',
        private_service_connection: { name: 'c', is_manual_connection: false, private_connection_resource_id: target, subresource_names: ['postgresqlServer'] },
      },
    },
  };
}

test('passes a VNet-integrated server (which Checkov CKV2_AZURE_57 wrongly fails)', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'pass' });
});

test('passes a public-mode server reached through a private endpoint', () => {
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer(PUBLIC_MODE) }, ...privateEndpoint(`\${${FLEXIBLE}.db.id}`) };
  expect(judge(rule, resources)).toEqual({ status: 'pass' });
});

test('passes a private endpoint written as a list that points at the server by literal ID', () => {
  const endpoint = privateEndpoint('/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db');
  const pe = endpoint.azurerm_private_endpoint.pe;
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer(PUBLIC_MODE) }, azurerm_private_endpoint: { pe: { ...pe, private_service_connection: [pe.private_service_connection] } } };
  expect(judge(rule, resources)).toEqual({ status: 'pass' });
});

test('fails a server with neither VNet integration nor a private endpoint', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer(PUBLIC_MODE) } })).toEqual({
    status: 'fail',
    message: 'the server is neither VNet-integrated nor reached through a private endpoint.',
    address: undefined,
  });
});

test('fails a private endpoint that connects to another server', () => {
  const resources = {
    [FLEXIBLE]: { db: compliantFlexibleServer(PUBLIC_MODE), other: compliantFlexibleServer({ name: 'other-db' }) },
    ...privateEndpoint(`\${${FLEXIBLE}.other.id}`),
  };
  expect(judge(rule, resources)).toMatchObject({ status: 'fail' });
});

test('fails an incomplete VNet integration (subnet without DNS zone)', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer({ private_dns_zone_id: undefined }) } })).toMatchObject({
    status: 'fail',
    message: expect.stringContaining('without private_dns_zone_id'),
  });
});

test('fails when the VNet attributes are empty strings', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: '', private_dns_zone_id: '' }) } })).toMatchObject({ status: 'fail' });
});

test('does not apply to a server defined outside this stack', () => {
  const pointer = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/ext-db';
  const resources = { azurerm_postgresql_flexible_server_firewall_rule: { fw: { name: 'office', server_id: pointer, start_ip_address: '1.2.3.4', end_ip_address: '1.2.3.4' } } };
  expect(judge(rule, resources, outsideAddress('flexible', pointer))).toMatchObject({ status: 'not-applicable' });
});
