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

// cyrilgdn/postgresql 1.26 writes three arguments of the read types into SQL unquoted; one PostgreSQL does not read as
// the checks do may run any SQL, so it fails closed on the resource (thirty-second run, A32a-2).
const CANNOT = (address: string, what: string) => ({ status: 'unknown', note: `${address} ${what}: the checks cannot tell what SQL it runs`, address });

test('a security label of any provider, a routine grant and a database whose unquoted SQL is not read are unknown', () => {
  const injected = 'ROLE "grp-dba" IS \'aadauth,oid=99999999-9999-9999-9999-999999999999,type=user,admin\'; SECURITY LABEL FOR anon ON ROLE';
  const verdicts = judgeAllIn(rule, databaseStack({
    postgresql_security_label: { anon: { object_type: injected, object_name: 'x', label_provider: 'anon', label: 'MASKED' } },
    postgresql_grant: { fn: { role: 'app', database: 'orders', schema: 'sales', object_type: 'function', objects: ['f(integer), secret.g(integer)'], privileges: ['EXECUTE'] } },
    postgresql_database: { d: { name: "x' OR true; ALTER ROLE app SUPERUSER; --" } },
  }));
  expect(verdicts).toEqual([
    CANNOT('postgresql_database.d', 'names its database "x\' OR true; ALTER ROLE app SUPERUSER; --", with a quote or backslash, which cyrilgdn/postgresql writes unescaped into a text in the SQL it runs when it drops the database'),
    CANNOT('postgresql_grant.fn', 'grants on the object "f(integer), secret.g(integer)", whose text from its first "(" on cyrilgdn/postgresql writes unquoted, and which is not one list of argument types'),
    CANNOT('postgresql_security_label.anon', `has object_type ${JSON.stringify(injected)}, which cyrilgdn/postgresql writes unquoted into its SECURITY LABEL statement and which PostgreSQL does not read as one object type`),
  ]);
});

test('passes the canonical spellings: a label of a role in any case and spacing, a routine with its argument types, a plain database name', () => {
  const stack = databaseStack({
    postgresql_security_label: { r: { object_type: '\tROLE\n', object_name: 'x', label_provider: 'pgaadauth', label: 'aadauth,oid=${var.oid},type=user' } },
    postgresql_grant: { fn: { role: 'app', database: 'orders', schema: 'sales', object_type: 'function', objects: ['f(integer, text)', 'g'], privileges: ['EXECUTE'] } },
    postgresql_database: { d: { name: 'orders-2' } },
  });
  expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
});
