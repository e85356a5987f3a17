// PG-NET-1's paths beyond its own tests: VNet rules, a path without a subnet, a subnet or zone some
// other construct made, and the innermost construct owning the server.
import { rule } from '../../../../lib/checks/rules/PG-NET-1';
import { CONSTRUCT, madeAt, verdictsBeside } from '../../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, flexibleServerWithoutVnet, SINGLE } from '../../rule-harness';
import { compliantSingleServer, SERVER_NAME } from '../../single-fixtures';

const ZONES = 'stack/cdktf-azure-postgres-private-dns-zones';
const zone = (path: string) => ({ ...madeAt(path), name: 'orders-db.private.postgres.database.azure.com', resource_group_name: 'rg' });
const subnet = (path: string) => ({ ...madeAt(path), name: 'snet', address_prefixes: ['10.0.1.0/28'] });

test('fails a VNet rule added beside a Single Server construct, and names a path without a subnet as null', () => {
  const resources = {
    [SINGLE]: { db: { ...compliantSingleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_postgresql_virtual_network_rule: {
      own: { ...madeAt(`${CONSTRUCT}/VnetRule0`), name: 'own', server_name: SERVER_NAME, subnet_id: '${azurerm_subnet.app.id}' },
      added: { ...madeAt('stack/added'), name: 'added', server_name: SERVER_NAME },
    },
  };
  expect(verdictsBeside(rule, resources, [CONSTRUCT], `${SINGLE}.db`)).toEqual([
    { status: 'fail', message: `azurerm_postgresql_virtual_network_rule.added reaches the server from subnet null, a path ${CONSTRUCT} does not declare.`, address: 'azurerm_postgresql_virtual_network_rule.added' },
  ]);
});

test('fails a subnet and a zone in the stack that are not the construct\'s, and passes the zone of another library construct', () => {
  const elsewhere = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: subnet('stack/Network/Subnet') },
    azurerm_private_dns_zone: { db: zone('stack/Dns/Zone') },
  };
  expect(verdictsBeside(rule, elsewhere, [CONSTRUCT, ZONES])).toEqual([
    { status: 'fail', message: `delegated_subnet_id is "\${azurerm_subnet.db.id}", not a subnet ${CONSTRUCT} made: no rule judges who that subnet lets in.`, address: undefined, subject: 'delegated_subnet_id' },
    {
      status: 'fail',
      message: 'private_dns_zone_id is "${azurerm_private_dns_zone.db.id}", not a zone the library made: whoever holds that zone answers for the server\'s name.',
      address: undefined,
      subject: 'private_dns_zone_id',
    },
  ]);
  const otherLibraryZone = { ...elsewhere, azurerm_subnet: { db: subnet(`${CONSTRUCT}/Subnet`) }, azurerm_private_dns_zone: { db: zone('stack/Other/Zone') } };
  expect(verdictsBeside(rule, otherLibraryZone, [CONSTRUCT, 'stack/Other'])).toEqual([{ status: 'pass' }]);
  expect(verdictsBeside(rule, otherLibraryZone, [CONSTRUCT])).toEqual([expect.objectContaining({ status: 'fail', subject: 'private_dns_zone_id' })]);
});

test('judges paths by the innermost library construct that made the server', () => {
  const outer = 'stack/Platform';
  const inner = `${outer}/Postgres`;
  const resources = {
    [FLEXIBLE]: { db: { ...flexibleServerWithoutVnet(), ...madeAt(`${inner}/Server`) } },
    azurerm_private_endpoint: {
      pe: {
        ...madeAt(`${outer}/Endpoint`), name: 'pe', subnet_id: '${azurerm_subnet.app.id}',
        private_service_connection: { name: 'c', private_connection_resource_id: `\${${FLEXIBLE}.db.id}`, is_manual_connection: false, subresource_names: ['postgresqlServer'] },
      },
    },
  };
  const failure = { status: 'fail', message: `azurerm_private_endpoint.pe reaches the server from subnet "\${azurerm_subnet.app.id}", a path ${inner} does not declare.`, address: 'azurerm_private_endpoint.pe' };
  expect(verdictsBeside(rule, resources, [outer, inner])).toEqual([failure]);
  expect(verdictsBeside(rule, resources, [inner, outer])).toEqual([failure]);
});
