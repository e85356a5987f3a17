import { rule } from '../../../lib/checks/rules/PGS-NET-7';
import { SINGLE, judge, Resources } from '../rule-harness';
import { compliantSingleServer, PRIVATE_ENDPOINT } from '../single-fixtures';

const ZONE = 'azurerm_private_dns_zone';
const PRIVATE_LINK = 'privatelink.postgres.database.azure.com';

function endpoint(server: string, zone: string) {
  return {
    name: `${server}-pe`,
    resource_group_name: 'rg',
    location: 'westeurope',
    subnet_id: '${var.subnet_id}',
    private_service_connection: { name: 'c', is_manual_connection: false, private_connection_resource_id: `\${${SINGLE}.${server}.id}`, subresource_names: ['postgresqlServer'] },
    private_dns_zone_group: { name: 'default', private_dns_zone_ids: [`\${${ZONE}.${zone}.id}`] },
  };
}

function stack(zones: object, endpoints = { db: endpoint('db', 'db'), other: endpoint('other', 'other') }): Resources {
  return {
    [SINGLE]: { db: compliantSingleServer(), other: compliantSingleServer({ name: 'billing-legacy' }) },
    [ZONE]: zones as Resources[string],
    [PRIVATE_ENDPOINT]: endpoints,
  };
}

test('passes servers that share one zone', () => {
  expect(judge(rule, stack({ db: { name: PRIVATE_LINK, resource_group_name: 'rg' } }, { db: endpoint('db', 'db'), other: endpoint('other', 'db') }))).toEqual({ status: 'pass' });
});

test('fails two privatelink zones in one resource group', () => {
  expect(judge(rule, stack({ db: { name: PRIVATE_LINK, resource_group_name: 'rg' }, other: { name: PRIVATE_LINK, resource_group_name: 'rg' } }))).toEqual({
    status: 'fail',
    message: `${ZONE}.db and ${ZONE}.other create zone "${PRIVATE_LINK}" in one resource group, where Azure allows one zone of a name.`,
    address: `${ZONE}.db`,
  });
});

test('does not apply without a zone of this stack', () => {
  expect(judge(rule, { [SINGLE]: { db: compliantSingleServer() } })).toMatchObject({ status: 'not-applicable' });
});
