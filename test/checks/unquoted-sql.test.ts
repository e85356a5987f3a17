// The arguments cyrilgdn/postgresql 1.26 writes into SQL unquoted, read as PostgreSQL's lexer reads them
// (thirty-second run, A32a-2): a security label's object_type, a grant's routine arguments, a database's name.
import { Unknown } from '../../lib/checks/hcl-expression';
import { ResourceView } from '../../lib/checks/stack-model';
import { labelledType, oneStringConstant, sessionDefaultValues, settingValue, sqlWords, unreadSql } from '../../lib/checks/unquoted-sql';

const view = (type: string, config: { [key: string]: unknown }): ResourceView => ({ type, name: 'x', address: `${type}.x`, config } as unknown as ResourceView);
const plain = (reference: string) => new Unknown(reference, [reference]);
const NOTE = (what: string) => ({ status: 'unknown', note: `${what}: the checks cannot tell what SQL it runs`, address: expect.any(String) });

describe('sqlWords', () => {
  test.each([
    ['role', 'role'], ['ROLE', 'role'], ['Role', 'role'], [' role', 'role'], ['role ', 'role'], ['\trole', 'role'], ['ROLE\n', 'role'],
    ['\r\f\vrole\v', 'role'], ['role/**/', 'role'], ['/* x */role', 'role'], ['/* a /* nested */ comment */ role', 'role'],
    ['-- a line\nrole', 'role'], ['role -- a line\r', 'role'], ['MATERIALIZED\n/**/VIEW', 'materialized view'], ['event  trigger', 'event trigger'],
  ])('%j reads as %j', (text, words) => {
    expect(sqlWords(text)).toBe(words);
  });

  test.each([
    [''], [' '], ['/**/'], ['role--'], ['role -- open to the end'], ['role/*'], ['role /* /* */'], ['"role"'], ['role;'], ["role 'x'"],
    ['role "pg-admins" IS \'aadauth,oid=x,type=user,admin\'; SECURITY LABEL FOR pgaadauth ON role'], ['U&"role"'], ['role(x)'], ['ro-le'],
  ])('%j is not read', (text) => {
    expect(sqlWords(text)).toBeUndefined();
  });

  test('only A to Z are folded, as PostgreSQL folds keywords; a high-bit letter is part of a word', () => {
    expect(sqlWords('ROLE\u0130')).toBe('role\u0130');
    expect(sqlWords('role\u00a0')).toBe('role\u00a0');
  });
});

describe('labelledType', () => {
  test('the object types SECURITY LABEL takes, in any spelling PostgreSQL reads as one', () => {
    expect(labelledType('\tROLE/* */')).toBe('role');
    expect(labelledType('Table')).toBe('table');
    expect(labelledType('procedural language')).toBe('procedural language');
  });

  test('none for a text that names no object type, or that is not read', () => {
    expect(labelledType('roles')).toBeUndefined();
    expect(labelledType('role\u00a0')).toBeUndefined();
    expect(labelledType('role role')).toBeUndefined();
    expect(labelledType('role;')).toBeUndefined();
  });
});

describe('unreadSql', () => {
  const label = (type: unknown, provider = 'sepgsql') => view('postgresql_security_label', { object_type: type, object_name: 'x', label_provider: provider, label: 'y' });

  test('a security label of any provider whose object_type is not read as one object type', () => {
    const injected = 'ROLE "pg-admins" IS \'aadauth,oid=x,type=user,admin\'; SECURITY LABEL FOR anon ON ROLE';
    expect(unreadSql(label(injected))).toEqual(NOTE(`postgresql_security_label.x has object_type ${JSON.stringify(injected)}, which cyrilgdn/postgresql writes unquoted into its SECURITY LABEL statement and which PostgreSQL does not read as one object type`));
    expect(unreadSql(label('role;', 'pgaadauth'))).toMatchObject({ status: 'unknown', address: 'postgresql_security_label.x' });
    expect(unreadSql(label('role--'))).toMatchObject({ status: 'unknown' });
  });

  test('passes a security label whose object_type reads as one object type', () => {
    for (const type of ['role', ' ROLE\n', 'table', 'materialized view']) expect(unreadSql(label(type))).toBeUndefined();
  });

  test('a security label whose object_type is known only at apply time, of any provider', () => {
    expect(unreadSql(label(plain('var.type')))).toEqual(NOTE('postgresql_security_label.x has an object_type known only at apply time, which cyrilgdn/postgresql writes unquoted into its SECURITY LABEL statement'));
    expect(unreadSql(label(plain('var.type'), 'pgaadauth'))).toMatchObject({ status: 'unknown' });
  });

  test('a database name with a quote or a backslash, which the provider writes unescaped when it drops the database', () => {
    expect(unreadSql(view('postgresql_database', { name: "x' OR true; ALTER ROLE app SUPERUSER; --" }))).toMatchObject({ status: 'unknown', address: 'postgresql_database.x' });
    expect(unreadSql(view('postgresql_database', { name: 'x\\' }))).toMatchObject({ status: 'unknown' });
    expect(unreadSql(view('postgresql_database', { name: 'orders-2' }))).toBeUndefined();
    expect(unreadSql(view('postgresql_database', { name: plain('var.db') }))).toBeUndefined();
  });

  const grant = (objectType: unknown, objects: unknown) => view('postgresql_grant', { role: 'app', database: 'orders', schema: 'sales', object_type: objectType, objects, privileges: ['EXECUTE'] });

  test.each([
    ['function', ['f(integer) TO public; GRANT ALL ON SCHEMA secret TO app; GRANT EXECUTE ON FUNCTION sales.f(integer)']],
    ['function', ['f(integer), secret.g(integer)']],
    ['procedure', ['p(text) , secret.q(text)']],
    ['routine', ['r(int) -- comment']],
    ['function', ['f(int']],
    ['function', ['f(numeric(10,2))']],
    ['function', ["f('x')"]],
    ['function', [plain('var.fn')]],
    ['function', plain('var.fns')],
    [plain('var.type'), ['f(int);']],
    [plain('var.type'), plain('var.fns')],
  ])('a %p grant on objects %p: unknown', (type, objects) => {
    expect(unreadSql(grant(type, objects))).toMatchObject({ status: 'unknown', address: 'postgresql_grant.x' });
  });

  test.each([
    ['function', ['f', 'g()', 'h(integer, text)', 'i(character varying, "My Type", public.t[], int[3])', 'j( int ) ']],
    ['procedure', ['p(text)']],
    ['routine', undefined],
    ['function', []],
    ['table', ['t(x); DROP TABLE y']],
    ['sequence', [plain('var.seq')]],
    ['table', plain('var.tables')],
    ['database', undefined],
    ['schema', undefined],
    ['foreign_server', ['srv(x']],
  ])('a %p grant on objects %p passes', (type, objects) => {
    expect(unreadSql(grant(type, objects))).toBeUndefined();
  });

  test('other resources pass', () => {
    expect(unreadSql(view('postgresql_role', { name: "x'; --" }))).toBeUndefined();
    expect(unreadSql(view('postgresql_schema', { name: 'role--' }))).toBeUndefined();
  });
});

// A session default's value written as SQL (thirty-third run, A33b-3): cyrilgdn/terraform-provider-postgresql#305's
// `parameter { name, value, quote = false }` writes `ALTER ROLE ... SET <name> TO <value>` with the value as given.
describe('settingValue', () => {
  test.each([
    ['replica', 'replica'], ['REPLICA', 'replica'], [' replica -- a line\n', 'replica'], ["'replica'", 'replica'], ["E'replica'", 'replica'],
    ["e'rep\\x6cica'", 'replica'], ["E'\\162eplica'", 'replica'], ["E'\\u0072eplica'", 'replica'], ["E'it\\'s'", "it's"], ["'it''s'", "it's"],
    ['$$replica$$', 'replica'], ['$tag$replica$tag$', 'replica'], ['"Replica"', 'Replica'], ['ddl, role', 'ddl, role'], ["ddl,'role'/* x */", 'ddl, role'],
    ['64', '64'], ['-1', '-1'], ['0.5', '0.5'], ["'64MB'", '64MB'], ["'a\\b'", 'a\\b'],
    // Identifiers, quoted or not, are cut to 63 bytes of UTF-8 at a character boundary (scan.l, truncate_identifier; A34b-1).
    [`"misc${' '.repeat(59)},ddl,role"`, `misc${' '.repeat(59)}`], [`${'a'.repeat(70)}`, 'a'.repeat(63)], [`"${'é'.repeat(40)}"`, 'é'.repeat(31)],
    [`"${'a'.repeat(63)}"`, 'a'.repeat(63)], ["'" + 'a'.repeat(70) + "'", 'a'.repeat(70)],
  ])('%j reads as %j', (text, value) => {
    expect(settingValue(text)).toBe(value);
  });

  test.each([
    [''], ['  '], ['64MB; GRANT azure_pg_admin TO reporting'], ["'ddl,role'; GRANT azure_pg_admin TO reporting; SELECT 'ddl,role'"], ['64MB'], ['replica role'],
    ["'replica"], ['$$replica'], ['$a$replica$b$'], ["U&'replica'"], ["x'1f'"], ["E'\\x00'"], ["E'\\xe9'"], ['replica -- open'], ['replica /*'], ['ddl,'], [',ddl'],
    ['pg_catalog.english'], ['""'], ['0x1f'], ["'a' 'b'"],
  ])('%j is not read', (text) => {
    expect(settingValue(text)).toBeUndefined();
  });
});

describe('unreadSql: session defaults written unquoted', () => {
  const role = (parameter: unknown, type = 'postgresql_role') => view(type, { name: 'reporting', parameter });

  test('a value with quote = false that PostgreSQL does not read as one list of values, on a role or a database', () => {
    const injected = { name: 'work_mem', value: '64MB; GRANT azure_pg_admin TO reporting', quote: false };
    expect(unreadSql(role([injected]))).toMatchObject({ status: 'unknown', address: 'postgresql_role.x' });
    expect(unreadSql(role([injected], 'postgresql_database'))).toMatchObject({ status: 'unknown', address: 'postgresql_database.x' });
    expect(unreadSql(view('postgresql_role', { name: 'r', parameters: [injected] }))).toMatchObject({ status: 'unknown' });
    expect(unreadSql(role([{ ...injected, quote: 'false' }]))).toMatchObject({ status: 'unknown' });
  });

  test('a value with quote = false known only at apply time, and a quote known only then', () => {
    expect(unreadSql(role([{ name: 'work_mem', value: plain('var.v'), quote: false }]))).toMatchObject({ status: 'unknown' });
    expect(unreadSql(role([{ name: 'work_mem', value: '64MB; SELECT 1', quote: plain('var.q') }]))).toMatchObject({ status: 'unknown' });
  });

  test('controls: a quoted value (quote true, or not written) of any text, and a readable unquoted one', () => {
    for (const item of [
      { name: 'work_mem', value: '64MB; GRANT azure_pg_admin TO reporting' }, { name: 'work_mem', value: plain('var.v'), quote: true },
      { name: 'work_mem', value: "'64MB'", quote: false }, { name: 'statement_timeout', value: '30000', quote: false }, { name: 'x', value: 'on', quote: plain('var.q') },
    ]) expect(unreadSql(role([item]))).toBeUndefined();
  });
});

describe('sessionDefaultValues', () => {
  test('as given when quoted; as PostgreSQL reads it with quote = false; both when quote is known only at apply time', () => {
    expect(sessionDefaultValues({ name: 'session_replication_role', value: "E'replica'" })).toEqual(["E'replica'"]);
    expect(sessionDefaultValues({ name: 'session_replication_role', value: "E'replica'", quote: false })).toEqual(['replica']);
    expect(sessionDefaultValues({ name: 'session_replication_role', value: '$$replica$$', quote: plain('var.q') })).toEqual(['$$replica$$', 'replica']);
    expect(sessionDefaultValues({ name: 'n', value: 'on', quote: plain('var.q') })).toEqual(['on']);
    expect(sessionDefaultValues({ name: 'n', value: '64MB; SELECT 1', quote: false })).toEqual(['64MB; SELECT 1']);
  });
});

describe('oneStringConstant (a data source filter between quotes the provider does not double)', () => {
  test.each(['orders%', 'orders\\_%', '^orders_\\d+$', 'C:\\\\', '', 'BASE TABLE', 'a"b;--'])('%j stays one string constant', (text) => {
    expect(oneStringConstant(text)).toBe(true);
  });
  test.each(["x'", "x'']); COMMIT; --", 'a\\', 'a\\\\\\', '\\'])('%j may not: a quote, or an odd run of backslashes at its end', (text) => {
    expect(oneStringConstant(text)).toBe(false);
  });
});
