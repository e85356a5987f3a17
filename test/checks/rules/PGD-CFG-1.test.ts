import { READ_IN_DATABASE } from '../../../lib/checks/in-database-types';
import { rule } from '../../../lib/checks/rules/PGD-CFG-1';
import { databaseStack, groupRole, judgeAllIn, judgeIn } from '../database-fixtures';

const UNREAD = (address: string, type: string) => `${address} acts inside the server through its postgresql provider, and no rule reads what a ${type} does there (copies of data, connections to other servers, code run with its owner's rights), so it cannot be judged.`;

test('passes the types the rules read', () => {
  const stack = databaseStack({
    postgresql_role: { ro: groupRole('orders_readonly') },
    postgresql_database: { d: { name: 'orders' } },
    postgresql_schema: { s: { name: 'sales', database: 'orders' } },
    postgresql_extension: { e: { name: 'pgaudit', database: 'orders' } },
  });
  expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
});

test('fails every other type of the provider, SECURITY INVOKER functions included, and a type it may add later', () => {
  const verdicts = judgeAllIn(rule, databaseStack({
    postgresql_publication: { all: { name: 'all', database: 'orders', all_tables: true } },
    postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], conninfo: '${var.c}' } },
    postgresql_replication_slot: { slot: { name: 'slot', plugin: 'pgoutput' } },
    postgresql_physical_replication_slot: { physical: { name: 'physical' } },
    postgresql_server: { out: { server_name: 'out', fdw_name: 'postgres_fdw', options: { host: 'collector.example.net' } } },
    postgresql_user_mapping: { map: { server_name: 'out', user_name: 'etl' } },
    postgresql_function: { definer: { name: 'elevate', body: 'BEGIN END;', security_definer: true }, invoker: { name: 'f', body: 'SELECT 1', security_definer: false } },
    postgresql_future_thing: { x: { name: 'x' } },
  }));
  expect(verdicts).toEqual([
    ['postgresql_publication.all', 'postgresql_publication'],
    ['postgresql_subscription.pull', 'postgresql_subscription'],
    ['postgresql_replication_slot.slot', 'postgresql_replication_slot'],
    ['postgresql_physical_replication_slot.physical', 'postgresql_physical_replication_slot'],
    ['postgresql_server.out', 'postgresql_server'],
    ['postgresql_user_mapping.map', 'postgresql_user_mapping'],
    ['postgresql_function.definer', 'postgresql_function'],
    ['postgresql_function.invoker', 'postgresql_function'],
    ['postgresql_future_thing.x', 'postgresql_future_thing'],
  ].sort().map(([address, type]) => ({ status: 'fail', message: UNREAD(address, type), address })));
});

test('the read types are listed, not the unread ones', () => {
  expect([...READ_IN_DATABASE].sort()).toEqual([
    'postgresql_database', 'postgresql_default_privileges', 'postgresql_extension', 'postgresql_grant', 'postgresql_grant_role', 'postgresql_role', 'postgresql_schema', 'postgresql_security_label',
  ]);
});
