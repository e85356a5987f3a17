import { rule } from '../../../lib/checks/rules/PGF-NET-10';
import { TerraformBlock } from '../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, judge, Resources } from '../rule-harness';

const ZONE = 'azurerm_private_dns_zone';
const ENDPOINT = 'azurerm_private_endpoint';
const PRIVATE_LINK = 'privatelink.postgres.database.azure.com';

/** A private endpoint of a server, registering in the given zone. */
function endpoint(server: string, zone: string): TerraformBlock {
  return {
    name: `${server}-pe`,
    resource_group_name: 'rg-db',
    location: 'westeurope',
    subnet_id: '${var.endpoint_subnet_id}',
    private_service_connection: { name: 'c', is_manual_connection: false, private_connection_resource_id: `\${${FLEXIBLE}.${server}.id}`, subresource_names: ['postgresqlServer'] },
    private_dns_zone_group: { name: 'default', private_dns_zone_ids: [`\${${ZONE}.${zone}.id}`] },
  };
}

const publicServer = (name: string) => compliantFlexibleServer({ name, delegated_subnet_id: undefined, private_dns_zone_id: undefined });

/** Two private-endpoint servers, "db" and "other", each with its own privatelink zone. */
function twoServers(zones: { [name: string]: TerraformBlock }): Resources {
  return {
    [FLEXIBLE]: { db: publicServer('orders-db'), other: publicServer('billing-db') },
    [ZONE]: zones,
    [ENDPOINT]: { db: endpoint('db', 'db'), other: endpoint('other', 'other') },
  };
}

test('passes two servers that share one zone', () => {
  const resources = twoServers({ db: { name: PRIVATE_LINK, resource_group_name: 'rg-db' } });
  resources[ENDPOINT] = { db: endpoint('db', 'db'), other: endpoint('other', 'db') };
  expect(judge(rule, resources)).toEqual({ status: 'pass' });
});

test('passes zones of the same name in different resource groups', () => {
  expect(judge(rule, twoServers({ db: { name: PRIVATE_LINK, resource_group_name: 'rg-db' }, other: { name: PRIVATE_LINK, resource_group_name: 'rg-billing' } }))).toEqual({ status: 'pass' });
});

test('fails two zones of one name in one resource group, naming both', () => {
  expect(judge(rule, twoServers({ db: { name: PRIVATE_LINK, resource_group_name: 'rg-db' }, other: { name: PRIVATE_LINK, resource_group_name: 'rg-db' } }))).toEqual({
    status: 'fail',
    message: `${ZONE}.db and ${ZONE}.other create zone "${PRIVATE_LINK}" in one resource group, where Azure allows one zone of a name.`,
    address: `${ZONE}.db`,
  });
});

test('names and resource groups compare ignoring case, as Azure does', () => {
  expect(judge(rule, twoServers({ db: { name: PRIVATE_LINK, resource_group_name: 'rg-db' }, other: { name: PRIVATE_LINK.toUpperCase(), resource_group_name: 'RG-DB' } }))).toMatchObject({ status: 'fail' });
});

test('a resource group given as the same expression is the same group', () => {
  const zones = { db: { name: PRIVATE_LINK, resource_group_name: '${azurerm_resource_group.db.name}' }, other: { name: PRIVATE_LINK, resource_group_name: '${azurerm_resource_group.db.name}' } };
  expect(judge(rule, twoServers(zones))).toMatchObject({ status: 'fail' });
});

test('resource groups given as different expressions are taken for different groups', () => {
  const zones = { db: { name: PRIVATE_LINK, resource_group_name: '${var.rg_orders}' }, other: { name: PRIVATE_LINK, resource_group_name: '${var.rg_billing}' } };
  expect(judge(rule, twoServers(zones))).toEqual({ status: 'pass' });
});

test('judges the VNet-integration zone of the server too', () => {
  const resources: Resources = {
    [FLEXIBLE]: { db: compliantFlexibleServer() },
    [ZONE]: { db: { name: 'orders.private.postgres.database.azure.com', resource_group_name: 'rg-db' }, copy: { name: 'orders.private.postgres.database.azure.com', resource_group_name: 'rg-db' } },
  };
  expect(judge(rule, resources)).toMatchObject({ status: 'fail', address: `${ZONE}.db` });
});

test('a zone given by a literal ID of a zone of the stack is found', () => {
  const id = `/subscriptions/0/resourceGroups/rg-db/providers/Microsoft.Network/privateDnsZones/${PRIVATE_LINK}`;
  const resources = twoServers({ db: { name: PRIVATE_LINK, resource_group_name: 'rg-db' }, other: { name: PRIVATE_LINK, resource_group_name: 'rg-db' } });
  resources[ENDPOINT] = { db: { ...endpoint('db', 'db'), private_dns_zone_group: { name: 'default', private_dns_zone_ids: [id] } } };
  expect(judge(rule, resources)).toMatchObject({ status: 'fail' });
});

test('does not apply to a server that resolves in no zone of this stack', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer({ private_dns_zone_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/hub.postgres.database.azure.com' }) } })).toMatchObject({
    status: 'not-applicable',
  });
});
