import { READ_IN_DATABASE } from '../../../lib/checks/in-database-types';
import { Verdict } from '../../../lib/checks/rule';
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

// cyrilgdn/postgresql 1.26's data sources (postgresql_schemas, _sequences, _tables) write their patterns, schemas and table
// types between single quotes they never double and run the query at every plan as their provider (data_source_helpers.go,
// generatePatternArrayString and applyPatternMatchingToQuery): a quote there runs any SQL (thirty-third run, A33a-3).
const QUERY = (address: string, what: string) => ({ status: 'unknown', note: `${address} ${what}: the checks cannot tell what SQL it runs at every plan`, address });
const UNDOUBLED = 'which cyrilgdn/postgresql writes between single quotes it does not double';
const INJECTED = 'x\']); COMMIT; ALTER ROLE "orders_app" CREATEROLE; --';
/** Verdicts by address: data sources keep the order of the JSON. */
const addressOf = (verdict: Verdict) => ('address' in verdict ? verdict.address : undefined);
const byAddress = (verdicts: readonly Verdict[]) => [...verdicts].sort((x, y) => String(addressOf(x)).localeCompare(String(addressOf(y))));
const withReads = (reads: Record<string, Record<string, object>>, provider = 'postgresql.db') => ({
  ...databaseStack({}),
  data: Object.fromEntries(Object.entries(reads).map(([type, blocks]) => [type,
    Object.fromEntries(Object.entries(blocks).map(([name, body]) => [name, { provider, database: 'orders', ...body }]))])),
});

test('a postgresql data source whose quoted filter holds a quote is unknown, with no in-database resource beside it', () => {
  const verdicts = byAddress(judgeAllIn(rule, withReads({
    postgresql_tables: {
      any: { like_any_patterns: ['orders%', INJECTED] },
      regex: { regex_pattern: 'x\'; COMMIT; ALTER ROLE "orders_app" CREATEROLE; --' },
      types: { table_types: ['BASE TABLE', INJECTED] },
      schemas: { schemas: [INJECTED] },
    },
    postgresql_schemas: { all: { like_all_patterns: [INJECTED] } },
    postgresql_sequences: { not: { not_like_all_patterns: [INJECTED] }, schemas: { schemas: ["public'"] } },
  })));
  const quoted = (argument: string, value: string) => `has ${argument} ${JSON.stringify(value)}, with a quote or a closing backslash, ${UNDOUBLED}`;
  expect(verdicts).toEqual([
    QUERY('data.postgresql_schemas.all', quoted('like_all_patterns', INJECTED)),
    QUERY('data.postgresql_sequences.not', quoted('not_like_all_patterns', INJECTED)),
    QUERY('data.postgresql_sequences.schemas', quoted('schemas', "public'")),
    QUERY('data.postgresql_tables.any', quoted('like_any_patterns', INJECTED)),
    QUERY('data.postgresql_tables.regex', quoted('regex_pattern', 'x\'; COMMIT; ALTER ROLE "orders_app" CREATEROLE; --')),
    QUERY('data.postgresql_tables.schemas', quoted('schemas', INJECTED)),
    QUERY('data.postgresql_tables.types', quoted('table_types', INJECTED)),
  ]);
});

test('a filter ending in an odd run of backslashes is unknown: with standard_conforming_strings off it escapes the closing quote', () => {
  const verdicts = judgeAllIn(rule, withReads({
    postgresql_tables: { one: { like_any_patterns: ['a\\', ', 1); COMMIT; DROP ROLE x; --'] }, three: { regex_pattern: 'a\\\\\\' } },
  }));
  expect(verdicts.map((verdict) => [verdict.status, addressOf(verdict)])).toEqual([
    ['unknown', 'data.postgresql_tables.one'], ['unknown', 'data.postgresql_tables.three'],
  ]);
});

test('a filter known only at apply time is unknown: a variable, an item of a list, each.value of a for_each, a count', () => {
  const verdicts = byAddress(judgeAllIn(rule, withReads({
    postgresql_tables: { whole: { like_any_patterns: '${var.patterns}' }, item: { schemas: ['public', '${var.schema}'] } },
    postgresql_schemas: { each: { for_each: '${toset(var.patterns)}', regex_pattern: '${each.value}' } },
    postgresql_sequences: { counted: { count: 2, like_all_patterns: ['${var.p[count.index]}'] } },
  })));
  expect(verdicts.map((verdict) => [verdict.status, addressOf(verdict)])).toEqual([
    ['unknown', 'data.postgresql_schemas.each'], ['unknown', 'data.postgresql_sequences.counted'],
    ['unknown', 'data.postgresql_tables.item'], ['unknown', 'data.postgresql_tables.whole'],
  ]);
  expect(verdicts[3]).toEqual(QUERY('data.postgresql_tables.whole', `has like_any_patterns known only at apply time, ${UNDOUBLED}`));
});

test('a postgresql data source of a type the checks do not read is unknown', () => {
  expect(judgeAllIn(rule, withReads({ postgresql_roles: { r: { like_any_patterns: ['x'] } } }))).toEqual([
    QUERY('data.postgresql_roles.r', 'is a data source of a type the checks do not read (cyrilgdn/postgresql 1.26 has postgresql_schemas, postgresql_sequences, postgresql_tables)'),
  ]);
});

test('a data source through the user\'s own postgresql provider of the server is judged the same', () => {
  const stack = withReads({ postgresql_tables: { t: { like_any_patterns: [INJECTED] } } }, 'postgresql.mine');
  const db = (stack.provider as { postgresql: { host: string }[] }).postgresql[0];
  const own = { ...stack, provider: { postgresql: [db, { alias: 'mine', host: db.host, username: 'me', sslmode: 'require' }] } };
  expect(judgeAllIn(rule, own).map((verdict) => [verdict.status, addressOf(verdict)])).toEqual([['unknown', 'data.postgresql_tables.t']]);
});

test('passes the data sources with plain filters: LIKE patterns with escaped wildcards, regular expressions, schemas, table types', () => {
  expect(judgeAllIn(rule, withReads({
    postgresql_tables: {
      t: { schemas: ['public', 'sales'], table_types: ['BASE TABLE', 'VIEW'], like_any_patterns: ['orders%', 'orders\\_%'], not_like_all_patterns: ['tmp_%'], regex_pattern: '^orders_\\d+$' },
      ended: { regex_pattern: 'C:\\\\' },
    },
    postgresql_schemas: { s: { include_system_schemas: true, like_all_patterns: ['s%', '%s'] } },
    postgresql_sequences: { q: { schemas: ['public'], like_any_patterns: ['%_seq'] }, bare: {} },
  }))).toEqual([{ status: 'pass' }]);
});

test('a schema named by a reference to a postgresql_schema of the server is read as its name', () => {
  const stack = (name: string) => ({
    ...withReads({ postgresql_tables: { t: { schemas: ['${postgresql_schema.s.name}'] } } }),
    resource: databaseStack({ postgresql_schema: { s: { name, database: 'orders' } } }).resource,
  });
  expect(judgeAllIn(rule, stack('sales'))).toEqual([{ status: 'pass' }]);
  expect(judgeAllIn(rule, stack("sales']); DROP ROLE app; --"))).toEqual([
    QUERY('data.postgresql_tables.t', `has schemas ${JSON.stringify("sales']); DROP ROLE app; --")}, with a quote or a closing backslash, ${UNDOUBLED}`),
  ]);
  expect(judgeAllIn(rule, stack('${var.schema}')).map((verdict) => verdict.status)).toEqual(['unknown']);
});
