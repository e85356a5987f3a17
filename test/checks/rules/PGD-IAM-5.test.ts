import { rule } from '../../../lib/checks/rules/PGD-IAM-5';
import { databaseStack, grant, groupRole, passwordRole , judgeIn } from '../database-fixtures';

test('passes grants to NOLOGIN group roles, and to roles the stack does not define', () => {
  const stack = databaseStack({
    postgresql_role: { ro: groupRole('orders_readonly'), app: passwordRole('app', { roles: ['orders_readonly'] }) },
    postgresql_grant: { ro: grant('${postgresql_role.ro.name}', ['SELECT']), other: grant('reporting', ['SELECT']) },
  });
  expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
});

test.each(['${postgresql_role.app.name}', 'app'])('fails a grant straight to a login role (%s)', (grantee) => {
  const stack = databaseStack({ postgresql_role: { app: passwordRole('app') }, postgresql_grant: { g: grant(grantee, ['SELECT']) } });
  expect(judgeIn(rule, stack)).toEqual({
    status: 'fail',
    message: 'login role app is granted privileges directly instead of through a group role.',
    address: 'postgresql_grant.g',
  });
});

describe('schema policies and owners, database owners (fourth review, A4-6 and A4-7)', () => {
  const roles = { app: passwordRole('app'), ro: groupRole('orders_readonly') };
  test('fails a schema policy that names a login role', () => {
    const stack = databaseStack({ postgresql_role: roles, postgresql_schema: { s: { name: 'staging', database: 'orders', policy: [{ role: '${postgresql_role.app.name}', usage: true }] } } });
    expect(judgeIn(rule, stack)).toEqual({ status: 'fail', message: 'login role app is granted privileges directly instead of through a group role.', address: 'postgresql_schema.s' });
  });

  test.each([
    ['postgresql_schema', { name: 'staging', database: 'orders', owner: 'app' }, 'schema'],
    ['postgresql_database', { name: 'shadow', owner: '${postgresql_role.app.name}' }, 'database'],
  ])('fails a login role that owns a %s', (type, body, kind) => {
    expect(judgeIn(rule, databaseStack({ postgresql_role: roles, [type]: { x: body } }))).toEqual({
      status: 'fail',
      message: `login role app owns the ${kind} ${type}.x makes, so it holds every right there directly instead of through a group role.`,
      address: `${type}.x`,
    });
  });

  test('passes schemas and databases owned by group roles', () => {
    const stack = databaseStack({ postgresql_role: roles, postgresql_schema: { s: { name: 'staging', database: 'orders', owner: 'orders_readonly' } }, postgresql_database: { d: { name: 'shadow', owner: 'orders_readonly' } } });
    expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
  });
});

// Adversarial run of stop 70, A22: a login known only at apply time, or a role name known only then, is not a pass.
describe('a role that may log in', () => {
  test.each(['${var.login}', '${try(true, false)}', '${terraform.workspace == "prod"}'])('a login of %s is unknown', (login) => {
    const stack = databaseStack({ postgresql_role: { app: { ...passwordRole('app'), login } }, postgresql_grant: { g: grant('${postgresql_role.app.name}', ['SELECT']) } });
    expect(judgeIn(rule, stack)).toEqual({
      status: 'unknown',
      note: 'role app may be a login role (login is known only at apply time), and postgresql_grant.g grants it privileges directly instead of through a group role',
      address: 'postgresql_grant.g',
    });
  });

  test('a grant by a literal name to a role whose name is known only at apply time, and that logs in, is unknown', () => {
    const stack = databaseStack({ postgresql_role: { app: { ...passwordRole('app'), name: '${var.app_role}' } }, postgresql_grant: { g: grant('app', ['SELECT']) } });
    expect(judgeIn(rule, stack)).toEqual({
      status: 'unknown',
      note: 'postgresql_grant.g grants privileges directly to app, which may be postgresql_role.app, a role whose name is known only at apply time and that may log in',
      address: 'postgresql_grant.g',
    });
  });

  test.each([[false], ['false'], [undefined]])('a login of %s, and a role named later that cannot log in, pass', (login) => {
    const role = { ...groupRole('later'), name: '${var.group}', ...(login === undefined ? {} : { login }) };
    const stack = databaseStack({ postgresql_role: { ro: role, x: { ...groupRole('x'), login } }, postgresql_grant: { g: grant('${postgresql_role.x.name}', ['SELECT']), h: grant('reporting', ['SELECT']) } });
    expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
  });
});

// Adversarial run of stop 70 (adv70d, D5, D7): PUBLIC and pg_ names are no role a stack makes, a revoke grants nothing, and every
// role the grantee may be is named.
test.each([
  ['PUBLIC', { privileges: ['CONNECT'] }],
  ['public', {}],
  ['pg_read_all_data', {}],
  ['reporting', { privileges: [] }],
])('a grant to %s beside a role named later that may log in passes', (grantee, extra) => {
  const stack = databaseStack({ postgresql_role: { app: { ...passwordRole('app'), name: '${var.app_role}' } }, postgresql_grant: { g: { ...grant(grantee, ['SELECT']), ...extra } } });
  expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
});

test('a grant by a literal name names every role named later that it may be', () => {
  const later = (variable: string) => ({ ...passwordRole('x'), name: `\${var.${variable}}` });
  const stack = databaseStack({ postgresql_role: { a: later('a'), b: later('b') }, postgresql_grant: { g: grant('app', ['SELECT']) } });
  expect(judgeIn(rule, stack)).toMatchObject({ status: 'unknown', note: expect.stringContaining('which may be one of postgresql_role.a, postgresql_role.b, a role whose name') });
});

// Review of stop 70 (D20): PostgreSQL refuses only lower-case "pg_" names; "PG_app", which the provider quotes, is a role it makes.
test('a grant to PG_app beside a role named later that may log in is unknown', () => {
  const stack = databaseStack({ postgresql_role: { app: { ...passwordRole('app'), name: '${var.app_role}' } }, postgresql_grant: { g: grant('PG_app', ['SELECT']) } });
  expect(judgeIn(rule, stack)).toMatchObject({ status: 'unknown' });
});
