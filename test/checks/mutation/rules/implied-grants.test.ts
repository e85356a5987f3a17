// The grants a server's schemas and databases imply (implied-grants.ts): each policy block, a
// policy list known only later, owners (ALL), and what a block without a role or with repeated
// flags grants; read again when the server's list grew.
import { Unknown } from '../../../../lib/checks/hcl-expression';
import { impliedGrants, isOwnership } from '../../../../lib/checks/implied-grants';
import { buildStackModel, ResourceView, ServerView } from '../../../../lib/checks/stack-model';
import { databaseStack } from '../../database-fixtures';
import { FLEXIBLE } from '../../rule-harness';

const grantsOf = (resources: object) => {
  const server = buildStackModel(databaseStack(resources as never)).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return impliedGrants(server).map((grant) => ({ address: grant.address, owner: isOwnership(grant), config: grant.config }));
};
const ON = { database: 'orders', schema: 'sales', object_type: 'schema' };

test('a schema\'s policy blocks, and its owner, who holds ALL; no owner, no owner\'s grant', () => {
  const schema = { name: 'sales', database: 'orders', owner: 'orders_owner', policy: [{ role: '', usage: true }, { role: 'app', create: true, create_with_grant: true, usage: false }] };
  expect(grantsOf({ postgresql_schema: { s: schema, bare: { name: 'bare', database: 'orders' } }, postgresql_database: { d: { name: 'reports' } } })).toEqual([
    { address: 'postgresql_schema.s', owner: false, config: { ...ON, role: 'public', privileges: ['USAGE'], with_grant_option: false } },
    { address: 'postgresql_schema.s', owner: false, config: { ...ON, role: 'app', privileges: ['CREATE'], with_grant_option: true } },
    { address: 'postgresql_schema.s', owner: true, config: { ...ON, role: 'orders_owner', privileges: ['ALL'] } },
  ]);
});

test('a grant option known only later does not undo one written true', () => {
  const [grant] = grantsOf({ postgresql_schema: { s: { name: 'sales', database: 'orders', policy: [{ role: 'app', create_with_grant: true, usage_with_grant: '${var.u}' }] } } });
  expect(grant.config.with_grant_option).toBe(true);
  expect(grant.config.privileges).toEqual(['CREATE', expect.any(Unknown)]);
});

test('policies given as one expression grant what is known only later; a database\'s owner holds ALL on it', () => {
  const grants = grantsOf({ postgresql_schema: { s: { name: 'sales', database: 'orders', policy: '${var.policies}' } }, postgresql_database: { d: { name: 'reports', owner: 'app' } } });
  expect(grants.map(({ address, owner, config }) => [address, owner, config.role instanceof Unknown ? String(config.role) : config.role, config.privileges, config.with_grant_option])).toEqual([
    ['postgresql_schema.s', false, '${var.policies}', [expect.any(Unknown)], false],
    ['postgresql_database.d', true, 'app', ['ALL'], undefined],
  ]);
});

test('a list that grew is read again', () => {
  const made = buildStackModel(databaseStack({ postgresql_database: { a: { name: 'a', owner: 'x' }, b: { name: 'b', owner: 'y' } } } as never)).servers[0].inDatabase;
  const list: ResourceView[] = [made[0]];
  const server = { inDatabase: list } as unknown as ServerView;
  expect(impliedGrants(server)).toHaveLength(1);
  list.push(made[1]);
  expect(impliedGrants(server).map((grant) => grant.config.role)).toEqual(['x', 'y']);
});
