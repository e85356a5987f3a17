import { rule } from '../../../lib/checks/rules/PGD-IAM-7';
import { databaseStackWithAdministrators, groupRole, judgeAllIn, judgeIn, passwordRole } from '../database-fixtures';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';
import { UUID } from '../../../lib/private/uuid';

const APP = 'aaaaaaaa-0000-0000-0000-000000000001';
const OTHER = '99999999-9999-9999-9999-999999999999';

/** An Entra login role as DatabaseAccess writes it: login, no password. */
function entraRole(name: string) {
  return groupRole(name, { login: true, roles: ['orders_readwrite'] });
}

function label(role: string, text: string, overrides: object = {}) {
  return { object_type: 'role', object_name: role, label_provider: 'pgaadauth', label: text, ...overrides };
}

test('passes one plain mapping per Entra login role of the stack, and labels of other providers or objects', () => {
  const stack = databaseStackWithAdministrators({
    postgresql_role: { app: entraRole('orders_app'), report: entraRole('Orders Reporting') },
    postgresql_security_label: {
      app: label('${postgresql_role.app.name}', `aadauth,oid=${APP},type=service`),
      report: label('Orders Reporting', `aadauth,oid=${OTHER},type=group`),
      other: label('grp-dba', 'secret', { label_provider: 'sepgsql' }),
      table: label('grp-dba', 'x', { object_type: 'table' }),
    },
  });
  expect(judgeAllIn(rule, stack)).toEqual([{ status: 'pass' }]);
});

test.each([
  ['grp-dba', 'an Entra administrator'],
  ['GRP-DBA', 'an Entra administrator, in other case'],
  ['pgadmin_ops', 'the local administrator'],
])('fails a mapping of the administrator role %s (%s)', (role) => {
  expect(judgeIn(rule, databaseStackWithAdministrators({ postgresql_security_label: { hijack: label(role, `aadauth,oid=${OTHER},type=user`) } }))).toEqual({
    status: 'fail',
    message: `role ${role}, an administrator's role, is mapped to aadauth,oid=${OTHER},type=user: Azure maps its administrators itself, and another mapping lets another identity sign in as the administrator.`,
    address: 'postgresql_security_label.hijack',
  });
});

test.each([
  [`aadauth,oid=${APP},type=service,admin`],
  [`aadauth,oid=${APP},type=robot`],
  ['aadauth,type=user'],
  ['aadauth,oid=${var.app},type=user,admin'],
  [''],
  // P75-2, R76-35: an object ID in a spelling Azure does not document (no hyphens, quoted, a zero-width space after it) may or may
  // not be read by pgaadauth as the declared principal.
  [`aadauth,oid=${APP.replace(/-/g, '')},type=service`],
  [`aadauth,oid="${APP}",type=service`],
  [`aadauth,oid=${APP}\u200b,type=service`],
  ['aadauth,oid=not-a-guid,type=service'],
])('fails a label that is not a plain mapping: %p', (text) => {
  expect(judgeIn(rule, databaseStackWithAdministrators({ postgresql_role: { app: entraRole('orders_app') }, postgresql_security_label: { app: label('orders_app', text) } }))).toEqual({
    status: 'fail',
    message: `role orders_app is given the pgaadauth label ${JSON.stringify(text)}, which is not a plain mapping "aadauth,oid=<object ID>,type=user|group|service".`,
    address: 'postgresql_security_label.app',
  });
});

/** The precondition DatabaseAccess writes on a label whose object ID is known only at apply time. */
const GUARD = (expression: string) => ({ lifecycle: { precondition: [{ condition: `\${can(regex("${UUID.source}", ${expression}))}`, error_message: 'a GUID' }] } });

test('passes a mapping whose object ID, held to a GUID by its precondition, or whose role\'s name, is known only at apply time', () => {
  const stack = databaseStackWithAdministrators({
    postgresql_role: { app: groupRole('${var.app_role}', { login: true }) },
    postgresql_security_label: { app: label('${postgresql_role.app.name}', 'aadauth,oid=${var.app_object_id},type=service', GUARD('var.app_object_id')) },
  });
  expect(judgeAllIn(rule, stack)).toEqual([{ status: 'pass' }]);
});

// T77-10, T77-12, T77-14: "<GUID>,admin" from a variable (its default, a function, a hand-edited file without the guard, a token
// that resolved to another value in the guard) would make the role an Entra administrator's.
test.each([
  ['no precondition', {}],
  ['a precondition on another expression', GUARD('var.other')],
  ['a guard of a literal GUID (a token that resolved otherwise there)', GUARD(`"${APP}"`)],
  ['a looser pattern', { lifecycle: { precondition: [{ condition: '${can(regex(".*", var.app_object_id))}', error_message: 'x' }] } }],
  ['a condition that is always true', { lifecycle: { precondition: [{ condition: true, error_message: 'x' }] } }],
])('fails a mapping whose object ID is known only at apply time with %s', (_, overrides) => {
  const stack = databaseStackWithAdministrators({
    postgresql_role: { app: entraRole('orders_app') },
    postgresql_security_label: { app: label('${postgresql_role.app.name}', 'aadauth,oid=${var.app_object_id},type=service', overrides) },
  });
  expect(judgeAllIn(rule, stack)).toEqual([{
    status: 'fail',
    message: `role orders_app is mapped to aadauth,oid=\${var.app_object_id},type=service, whose object ID is known only at apply time, and postgresql_security_label.app has no lifecycle precondition \${can(regex("${UUID.source}", var.app_object_id))}: a value such as "<GUID>,admin" would make the role an Entra administrator's.`,
    address: 'postgresql_security_label.app',
  }]);
});

test('a guard among other preconditions counts', () => {
  const guard = GUARD('base64decode(var.b)').lifecycle.precondition[0];
  const other = { condition: '${var.ok}', error_message: 'x' };
  const stack = databaseStackWithAdministrators({
    postgresql_role: { app: entraRole('orders_app') },
    postgresql_security_label: { app: label('${postgresql_role.app.name}', 'aadauth,oid=${base64decode(var.b)},type=service', { lifecycle: { precondition: [other, guard] } }) },
  });
  expect(judgeAllIn(rule, stack)).toEqual([{ status: 'pass' }]);
});

test('judges a role whose name is known only at apply time by its resource', () => {
  const stack = databaseStackWithAdministrators({
    postgresql_role: { vendor: passwordRole('${var.vendor}') },
    postgresql_security_label: { vendor: label('${postgresql_role.vendor.name}', 'aadauth,oid=${var.app_object_id},type=service') },
  });
  expect(judgeAllIn(rule, stack)).toEqual([{
    status: 'fail',
    message: 'postgresql_role.vendor is mapped to aadauth,oid=${var.app_object_id},type=service, but it signs in with a password: the mapping would be a second way in.',
    address: 'postgresql_security_label.vendor',
  }]);
});

test('fails mappings of roles the stack does not declare, group roles and password roles', () => {
  const verdicts = judgeAllIn(rule, databaseStackWithAdministrators({
    postgresql_role: { rw: groupRole('orders_readwrite'), vendor: passwordRole('billing_vendor') },
    postgresql_security_label: {
      azure: label('azure_pg_admin', `aadauth,oid=${OTHER},type=user`),
      group: label('${postgresql_role.rw.name}', `aadauth,oid=${OTHER},type=user`),
      vendor: label('billing_vendor', `aadauth,oid=${OTHER},type=user`),
    },
  }));
  expect(verdicts).toEqual([
    { status: 'fail', message: `role azure_pg_admin is mapped to aadauth,oid=${OTHER},type=user, but the stack does not declare the role (no postgresql_role of this server).`, address: 'postgresql_security_label.azure' },
    { status: 'fail', message: `role orders_readwrite is mapped to aadauth,oid=${OTHER},type=user, but it is not a login role.`, address: 'postgresql_security_label.group' },
    { status: 'fail', message: `role billing_vendor is mapped to aadauth,oid=${OTHER},type=user, but it signs in with a password: the mapping would be a second way in.`, address: 'postgresql_security_label.vendor' },
  ]);
});

test('fails a second mapping of a role', () => {
  const stack = databaseStackWithAdministrators({
    postgresql_role: { app: entraRole('orders_app') },
    postgresql_security_label: { app: label('orders_app', `aadauth,oid=${APP},type=service`), second: label('orders_app', `aadauth,oid=${OTHER},type=user`) },
  });
  expect(judgeAllIn(rule, stack)).toEqual([{
    status: 'fail',
    message: `role orders_app is mapped to aadauth,oid=${OTHER},type=user, and postgresql_security_label.app maps it too: one identity per role.`,
    address: 'postgresql_security_label.second',
  }]);
});

test('a label, role or provider known only at apply time is unknown, never a pass', () => {
  const verdicts = judgeAllIn(rule, databaseStackWithAdministrators({
    postgresql_role: { app: entraRole('orders_app') },
    postgresql_security_label: {
      a: label('orders_app', '${var.label}'),
      b: label('${var.role}', `aadauth,oid=${APP},type=service`),
      c: label('orders_app', `aadauth,oid=${APP},type=service`, { label_provider: '${var.provider}' }),
    },
  }));
  expect(verdicts).toEqual([
    { status: 'unknown', note: 'the label of postgresql_security_label.a is known only at apply time', address: 'postgresql_security_label.a' },
    { status: 'unknown', note: 'the role of postgresql_security_label.b is known only at apply time', address: 'postgresql_security_label.b' },
    { status: 'unknown', note: 'label_provider of postgresql_security_label.c is known only at apply time', address: 'postgresql_security_label.c' },
  ]);
});

test('does not apply to a server no postgresql provider signs in to', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'not-applicable', note: 'no postgresql provider resource signs in to the server' });
});

// cyrilgdn/postgresql writes object_type unquoted (`ON <object_type>"<name>"`): PostgreSQL reads any case, white space and
// comments around ROLE as ROLE (thirty-second run, A32a-2).
test.each([['role '], [' role'], ['\trole'], ['ROLE\n'], ['role/**/'], ['-- c\nRole\f'], ['/* a /* b */ */role\v']])('judges a pgaadauth label with object_type %j as a label of a role', (type) => {
  const stack = databaseStackWithAdministrators({
    postgresql_role: { app: entraRole('orders_app') },
    postgresql_security_label: { app: label('orders_app', `aadauth,oid=${APP},type=service`, { object_type: type }), admin: label('grp-dba', `aadauth,oid=${OTHER},type=user,admin`, { object_type: type }) },
  });
  expect(judgeAllIn(rule, stack)).toEqual([{
    status: 'fail',
    message: `role grp-dba is given the pgaadauth label "aadauth,oid=${OTHER},type=user,admin", which is not a plain mapping "aadauth,oid=<object ID>,type=user|group|service".`,
    address: 'postgresql_security_label.admin',
  }]);
});

test.each([
  ['role;'], ['role--'], ['"role"'], ['roles'], [''],
  ['ROLE "grp-dba" IS \'aadauth,oid=99999999-9999-9999-9999-999999999999,type=user,admin\'; SECURITY LABEL FOR pgaadauth ON ROLE'],
])('a pgaadauth label whose object_type %j is not read as one object type is unknown, never a pass', (type) => {
  const stack = databaseStackWithAdministrators({ postgresql_role: { app: entraRole('orders_app') }, postgresql_security_label: { app: label('orders_app', `aadauth,oid=${APP},type=service`, { object_type: type }) } });
  expect(judgeAllIn(rule, stack)).toEqual([{
    status: 'unknown',
    note: `postgresql_security_label.app has object_type ${JSON.stringify(type)}, which cyrilgdn/postgresql writes unquoted into its SECURITY LABEL statement and which PostgreSQL does not read as one object type: it may map a role to another Entra identity`,
    address: 'postgresql_security_label.app',
  }]);
});

test('a pgaadauth label on another object type, in any spelling PostgreSQL reads, is no role\'s', () => {
  const stack = databaseStackWithAdministrators({ postgresql_security_label: { t: label('grp-dba', 'x', { object_type: ' TABLE\n' }), v: label('grp-dba', 'x', { object_type: 'materialized/**/view' }) } });
  expect(judgeAllIn(rule, stack)).toEqual([{ status: 'pass' }]);
});
