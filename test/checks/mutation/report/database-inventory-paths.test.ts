import { databaseInventory } from '../../../../lib/checks/database-inventory';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { databaseStack, grant, groupRole } from '../../database-fixtures';
import { FLEXIBLE } from '../../rule-harness';

// The paths of the report's in-database inventory that the main test leaves open (issue #12, the
// report group of the mutation score): a label that names nothing, each kind of resource as the only
// one naming a database, and values that are JSON objects.

function inventoryOf(terraform: object) {
  const server = buildStackModel(terraform).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return databaseInventory(server)!;
}

test('a pgaadauth label whose object_name is neither a name nor a reference gives no role Entra ID', () => {
  const inventory = inventoryOf(databaseStack({
    postgresql_role: { app: groupRole('app', { login: true }) },
    postgresql_security_label: { odd: { label_provider: 'pgaadauth', object_type: 'role', object_name: 7, label: 'aadauth,oid=x,type=user' } },
  }));
  expect(inventory.roles).toEqual([{ name: 'app', login: true, memberOf: [], signIn: 'no credential declared' }]);
});

test.each([
  ['postgresql_grant', grant('r', ['SELECT'], { database: 'only_grant' })],
  ['postgresql_default_privileges', { database: 'only_grant', role: 'r', owner: 'o', object_type: 'table', privileges: ['SELECT'] }],
  ['postgresql_schema', { name: 'app', database: 'only_grant' }],
  ['postgresql_extension', { name: 'pg_trgm', database: 'only_grant' }],
])('a database named by a %s alone is listed', (type, block) => {
  const inventory = inventoryOf(databaseStack({ [type]: { only: block } }));
  expect(inventory.databases).toEqual([{ name: 'only_grant', pgaudit: false }]);
});

test('a role name or a membership that is a JSON object is shown as its JSON', () => {
  const inventory = inventoryOf(databaseStack({
    postgresql_role: { odd: groupRole('x', { name: { first: 'a' }, roles: [{ role: 'readers' }] }) },
  }));
  expect(inventory.roles).toEqual([{ name: '{"first":"a"}', login: false, memberOf: ['{"role":"readers"}'], signIn: 'none (group role)' }]);
});
