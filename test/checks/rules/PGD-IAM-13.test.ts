import { rule } from '../../../lib/checks/rules/PGD-IAM-13';
import { APP_OBJECT_ID, databaseStack, declaredAccess, groupRole, judgeDeclared, SIDE_SERVER, sideStack } from '../database-fixtures';
import { madeAt } from '../beside-fixtures';
import { FLEXIBLE } from '../rule-harness';

const MAPPING = `aadauth,oid=${APP_OBJECT_ID},type=service`;
const OTHER = 'aadauth,oid=88888888-9999-9999-9999-999999999999,type=user';
const GROUPS = { ro: groupRole('orders_readonly'), rw: groupRole('orders_readwrite'), owner: groupRole('orders_owner') };
const app = (overrides: object = {}) => groupRole('orders_app', { login: true, roles: ['${postgresql_role.rw.name}'], ...overrides });
const label = (role: string, text: string) => ({ object_type: 'role', object_name: role, label_provider: 'pgaadauth', label: text });

/** The fixture's stack with the roles DatabaseAccess makes (changed by overrides) and any other in-database resources. */
function withRoles(appOverrides: object = {}, resources: object = {}, groups: object = GROUPS): ReturnType<typeof databaseStack> {
  return databaseStack({
    postgresql_role: { ...groups, app: app(appOverrides) },
    postgresql_security_label: { app: label('${postgresql_role.app.name}', MAPPING) },
    ...resources,
  } as never);
}

test('passes the roles, memberships and label DatabaseAccess declares, and other roles\' memberships of roles it does not declare', () => {
  const stack = withRoles({}, {
    postgresql_role: { ...GROUPS, app: app(), analyst: groupRole('analyst', { login: true, roles: ['reporting'] }) },
    postgresql_grant_role: { analyst: { role: 'analyst', grant_role: 'pg_read_all_stats' }, self: { role: 'orders_app', grant_role: 'orders_readwrite' } },
    postgresql_security_label: { app: label('orders_app', MAPPING.toUpperCase()), other: label('analyst', OTHER) },
  });
  expect(judgeDeclared(rule, stack)).toEqual([{ status: 'pass' }]);
});

test('is not applicable on a server no DatabaseAccess manages', () => {
  expect(judgeDeclared(rule, withRoles(), [declaredAccess({ server: `${FLEXIBLE}.other` })])).toEqual([{ status: 'not-applicable', note: 'no DatabaseAccess manages the server' }]);
});

test('fails a login role made a member of another group, by its roles or by a postgresql_grant_role', () => {
  const stack = withRoles({ roles: ['orders_readwrite', 'orders_owner'] }, { postgresql_grant_role: { more: { role: '${postgresql_role.app.name}', grant_role: '${postgresql_role.owner.name}' } } });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'fail', message: 'role orders_app is made a member of orders_owner by postgresql_grant_role.more; stack/Access makes it a member of orders_readwrite only.', address: 'postgresql_grant_role.more' },
    { status: 'fail', message: 'role orders_app is made a member of orders_owner by postgresql_role.app; stack/Access makes it a member of orders_readwrite only.', address: 'postgresql_role.app' },
  ]);
});

test('fails a role it does not declare made a member of one of its roles, by roles or by a postgresql_grant_role (adversary A3-6)', () => {
  const stack = withRoles({}, {
    postgresql_role: { ...GROUPS, app: app(), intruder: groupRole('intruder', { login: true, roles: ['orders_owner'] }) },
    postgresql_grant_role: { analyst: { role: 'analyst', grant_role: '${postgresql_role.owner.name}' }, login: { role: 'analyst', grant_role: 'orders_app' } },
  });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'fail', message: 'role analyst is made a member of orders_owner by postgresql_grant_role.analyst, gaining its rights; stack/Access gives orders_owner no members.', address: 'postgresql_grant_role.analyst' },
    { status: 'fail', message: 'role analyst is made a member of orders_app by postgresql_grant_role.login, gaining its rights; stack/Access gives orders_app no members.', address: 'postgresql_grant_role.login' },
    { status: 'fail', message: 'role intruder is made a member of orders_owner by postgresql_role.intruder, gaining its rights; stack/Access gives orders_owner no members.', address: 'postgresql_role.intruder' },
  ]);
});

test('passes a role managed elsewhere granted a read-only or read-write group role, the documented way (adversary A9-1)', () => {
  const stack = withRoles({}, {
    postgresql_role: { ...GROUPS, app: app(), etl: groupRole('etl_job', { roles: ['orders_readonly'] }) },
    postgresql_grant_role: { etl: { role: '${postgresql_role.etl.name}', grant_role: '${postgresql_role.rw.name}' }, other: { role: 'reporting', grant_role: 'orders_readonly' } },
  });
  expect(judgeDeclared(rule, stack)).toEqual([{ status: 'pass' }]);
});

test('fails a role managed elsewhere made a member of the owner level, even one that cannot sign in: its members would be owners too (adversary A9-1)', () => {
  const stack = withRoles({}, {
    postgresql_role: { ...GROUPS, app: app(), etl: groupRole('etl_job', { roles: ['orders_readonly', 'orders_owner'] }) },
  });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'fail', message: 'role etl_job is made a member of orders_owner by postgresql_role.etl, gaining its rights; stack/Access gives orders_owner no members.', address: 'postgresql_role.etl' },
  ]);
});

test('a role it does not declare, in groups known only at apply time, is unknown', () => {
  const stack = withRoles({}, { postgresql_grant_role: { analyst: { role: 'analyst', grant_role: '${var.group}' } } });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'unknown', note: 'grant_role of postgresql_grant_role.analyst is known only at apply time', address: 'postgresql_grant_role.analyst' },
  ]);
});

test('fails a group role made a member of any role', () => {
  const stack = withRoles({}, {}, { ...GROUPS, ro: groupRole('orders_readonly', { roles: ['orders_owner'] }) });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'fail', message: 'role orders_readonly is made a member of orders_owner by postgresql_role.ro; stack/Access makes it a member of no role.', address: 'postgresql_role.ro' },
  ]);
});

test('fails a label that maps a declared role to another identity, and a label on a group or password role', () => {
  const stack = withRoles({}, { postgresql_security_label: { app: label('orders_app', OTHER), ro: label('${postgresql_role.ro.name}', OTHER) } });
  const vendor = declaredAccess({ logins: [{ name: 'orders_app', group: 'orders_readwrite' }] });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'fail', message: `role orders_app is mapped to ${OTHER} by postgresql_security_label.app; stack/Access maps it to ${MAPPING}.`, address: 'postgresql_security_label.app' },
    { status: 'fail', message: `role orders_readonly is mapped to ${OTHER} by postgresql_security_label.ro; stack/Access maps no Entra identity to it.`, address: 'postgresql_security_label.ro' },
  ]);
  expect(judgeDeclared(rule, withRoles(), [vendor])).toEqual([
    { status: 'fail', message: `role orders_app is mapped to ${MAPPING} by postgresql_security_label.app; stack/Access maps no Entra identity to it.`, address: 'postgresql_security_label.app' },
  ]);
});

test('roles and memberships known only at apply time are unknown, never a pass', () => {
  const stack = withRoles({ roles: '${var.groups}' }, { postgresql_grant_role: { x: { role: 'orders_app', grant_role: '${var.group}' } } });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'unknown', note: 'grant_role of postgresql_grant_role.x is known only at apply time', address: 'postgresql_grant_role.x' },
    { status: 'unknown', note: 'roles of postgresql_role.app is known only at apply time', address: 'postgresql_role.app' },
  ]);
});

test('a declared name or label given as a token compares by its expression', () => {
  const stack = databaseStack({
    postgresql_role: { ...GROUPS, app: groupRole('${var.app}', { login: true, roles: ['orders_readwrite'] }) },
    postgresql_security_label: { app: label('${var.app}', 'aadauth,oid=${var.oid},type=service') },
  } as never);
  const declared = declaredAccess({ logins: [{ name: '${var.app}', group: 'orders_readwrite', label: 'aadauth,oid=${var.oid},type=service' }] });
  expect(judgeDeclared(rule, stack, [declared])).toEqual([{ status: 'pass' }]);
});

test.each([
  ['a variable spelled in another case than declared', 'aadauth,oid=${var.OID},type=service', 'AADAUTH,OID=${var.oid},TYPE=SERVICE'],
  ['a reference in another case, after a string holding a closing brace', 'aadauth,oid=${join("}", [var.OID])},type=service', 'aadauth,oid=${join("}", [var.oid])},Type=Service'],
])('fails a label whose object ID is %s; the literal text of the label may differ in case (A88a-1)', (_, relabelled, literalCase) => {
  const declaredLabel = relabelled.replace('var.OID', 'var.oid');
  const declared = declaredAccess({ logins: [{ name: 'orders_app', group: 'orders_readwrite', label: declaredLabel }] });
  const stack = withRoles({}, { postgresql_security_label: { app: label('${postgresql_role.app.name}', relabelled) } });
  expect(judgeDeclared(rule, stack, [declared])).toEqual([
    { status: 'fail', message: `role orders_app is mapped to ${relabelled} by postgresql_security_label.app; stack/Access maps it to ${declaredLabel}.`, address: 'postgresql_security_label.app' },
  ]);
  const literal = withRoles({}, { postgresql_security_label: { app: label('${postgresql_role.app.name}', literalCase) } });
  expect(judgeDeclared(rule, literal, [declared])).toEqual([{ status: 'pass' }]);
});

// 75th run, M75-2: a raw label mapping a declared login's principal to another role lets that principal sign in with that role's rights.
describe('a label on a role it does not declare that maps the Entra principal of a declared login (75th run, M75-2)', () => {
  const second = (text: string, declaredLabel = MAPPING) => withRoles({}, {
    postgresql_role: { ...GROUPS, app: app(), reporting2: groupRole('reporting2', { login: true, roles: ['${postgresql_role.rw.name}'] }) },
    postgresql_security_label: { app: label('${postgresql_role.app.name}', declaredLabel), second: label('${postgresql_role.reporting2.name}', text) },
  });
  const secondMapping = (text: string) => ({
    status: 'fail',
    message: `role reporting2 is mapped to ${text} by postgresql_security_label.second, the Entra principal stack/Access maps role orders_app to: it signs in as role reporting2 too, with its rights, beyond what stack/Access declares for it.`,
    address: 'postgresql_security_label.second',
  });

  test.each([
    ['as declared', MAPPING],
    ['in upper case, with another type', `aadauth,oid=${APP_OBJECT_ID.toUpperCase()},type=group`],
    // Adversarial run adv75d, P75-1: read wherever it stands among the words, as audit-roles reads a live label.
    ['after the type', `aadauth,type=user,oid=${APP_OBJECT_ID}`],
    ['before ",admin,type=user", with blanks', `aadauth, oid = ${APP_OBJECT_ID} ,admin,type=user`],
  ])('fails its object ID %s', (_, text) => {
    expect(judgeDeclared(rule, second(text))).toEqual([secondMapping(text)]);
  });

  test('compares an object ID given as an expression by its expression, and passes another identity', () => {
    const byVariable = 'aadauth,oid=${var.oid},type=service';
    const declared = declaredAccess({ logins: [{ name: 'orders_app', group: 'orders_readwrite', label: byVariable }] });
    expect(judgeDeclared(rule, second('AADAUTH,OID=${var.oid},TYPE=GROUP', byVariable), [declared])).toEqual([secondMapping('AADAUTH,OID=${var.oid},TYPE=GROUP')]);
    expect(judgeDeclared(rule, second(OTHER))).toEqual([{ status: 'pass' }]);
  });

  // Adversarial run adv75d, P75-3: an object ID known only at apply time (another variable, a function of the declared one, a local)
  // may be the declared login's: not judged, never a pass.
  test.each([
    ['another variable', 'aadauth,oid=${var.OID},type=service'],
    ['a function of the declared variable', 'aadauth,oid=${lower(var.oid)},type=service'],
    ['a local', 'aadauth,oid=${local.oid},type=service'],
  ])('an object ID given as %s, beside a login declared by a variable, is unknown', (_, text) => {
    const byVariable = 'aadauth,oid=${var.oid},type=service';
    const declared = declaredAccess({ logins: [{ name: 'orders_app', group: 'orders_readwrite', label: byVariable }] });
    expect(judgeDeclared(rule, second(text, byVariable), [declared])).toEqual([
      { status: 'unknown', note: 'the object ID of postgresql_security_label.second is known only at apply time', address: 'postgresql_security_label.second' },
    ]);
  });

  // Adversarial run of stop 76, R76-12: the other way round, a literal object ID beside a login whose object ID is a variable's may be
  // the value the variable holds: not judged, never a pass. Beside logins declared by literals, another literal passes.
  test('a literal object ID, beside a login declared by a variable, is unknown', () => {
    const declared = declaredAccess({ logins: [{ name: 'orders_app', group: 'orders_readwrite', label: 'aadauth,oid=${var.oid},type=service' }] });
    expect(judgeDeclared(rule, second(MAPPING, 'aadauth,oid=${var.oid},type=service'), [declared])).toEqual([{
      status: 'unknown',
      note: `postgresql_security_label.second maps object ID ${APP_OBJECT_ID}, which may be the one stack/Access gives role orders_app, known only at apply time: it would sign in as that role too`,
      address: 'postgresql_security_label.second',
    }]);
    expect(judgeDeclared(rule, second(OTHER))).toEqual([{ status: 'pass' }]);
  });
});

test('fails a declared role no postgresql_role is named as (renamed by an override)', () => {
  const stack = withRoles({ name: 'orders_app2' }, { postgresql_security_label: {} });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'fail', message: 'stack/Access makes role orders_app, but no postgresql_role of the server has that name: an override renamed it.', address: 'postgresql_role.app' },
  ]);
});

test('does not look for the roles when the declared provider signs in to the server for none of them (PGD-IAM-11 says where they went)', () => {
  const unrelated = databaseStack({ postgresql_role: { x: groupRole('unrelated') } });
  expect(judgeDeclared(rule, unrelated, [declaredAccess({ provider: 'postgresql.gone' })])).toEqual([{ status: 'pass' }]);
  expect(judgeDeclared(rule, unrelated)).toHaveLength(4);
});

test('fails a group role that can sign in, and an Entra login given a password too', () => {
  const stack = withRoles({ password_wo: '${random_password.pw.result}' }, {}, { ...GROUPS, ro: groupRole('orders_readonly', { login: true }) });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'fail', message: 'role orders_app, which stack/Access maps to an Entra principal, is given a password by postgresql_role.app: a second way in.', address: 'postgresql_role.app' },
    { status: 'fail', message: 'role orders_readonly, a group role of stack/Access, can sign in (login = true) by postgresql_role.ro.', address: 'postgresql_role.ro' },
  ]);
  expect(judgeDeclared(rule, withRoles({}, {}, { ...GROUPS, ro: groupRole('orders_readonly', { login: '${var.login}' }) }))).toEqual([
    { status: 'unknown', note: 'login of postgresql_role.ro is known only at apply time', address: 'postgresql_role.ro' },
  ]);
});

// 62nd run, A62a-1: an override told the provider to skip DROP ROLE (or DROP OWNED) on destroy, so a role removed from the props
// stayed in the server with its login, password and memberships; false, "false" and unset pass.
test.each<[string, object, string]>([
  ['skip_drop_role on a login', { skip_drop_role: true }, 'role orders_app of stack/Access has skip_drop_role = true by postgresql_role.app'],
  ['skip_reassign_owned on a login, as text', { skip_reassign_owned: 'true' }, 'role orders_app of stack/Access has skip_reassign_owned = "true" by postgresql_role.app'],
])('fails a declared role that outlives its removal: %s', (_, overrides, start) => {
  expect(judgeDeclared(rule, withRoles(overrides))).toEqual([{ status: 'fail', message: `${start}: removed from the props, it would stay in the server with its login, password and memberships.`, address: 'postgresql_role.app' }]);
});
test('fails a group role that skips DROP ROLE, passes false ones, and one known only at apply time is unknown', () => {
  expect(judgeDeclared(rule, withRoles({}, {}, { ...GROUPS, ro: groupRole('orders_readonly', { skip_drop_role: 1 }) }))).toEqual([
    { status: 'fail', message: 'role orders_readonly of stack/Access has skip_drop_role = 1 by postgresql_role.ro: removed from the props, it would stay in the server with its login, password and memberships.', address: 'postgresql_role.ro' },
  ]);
  expect(judgeDeclared(rule, withRoles({ skip_drop_role: false, skip_reassign_owned: 'false' }))).toEqual([{ status: 'pass' }]);
  expect(judgeDeclared(rule, withRoles({ skip_reassign_owned: '${var.keep}' }))).toEqual([
    { status: 'unknown', note: 'skip_reassign_owned of postgresql_role.app is known only at apply time', address: 'postgresql_role.app' },
  ]);
});

describe('through a provider whose host names no server (a variable, an address): it may be any managed server (seventh review, A7-7)', () => {
  const ESCALATE = { postgresql_grant_role: { escalate: { role: 'orders_app', grant_role: 'orders_owner' } } };
  const ESCALATED = { status: 'fail', message: 'role orders_app is made a member of orders_owner by postgresql_grant_role.escalate; stack/Access makes it a member of orders_readwrite only.', address: 'postgresql_grant_role.escalate' };

  test.each([
    ['an address', '10.0.1.4'],
    ['a variable', '${var.pghost}'],
  ])('fails a declared login made a member of another declared group, the host %s', (_name, host) => {
    expect(judgeDeclared(rule, sideStack(ESCALATE, host), [declaredAccess()], SIDE_SERVER)).toEqual([ESCALATED]);
  });

  test('fails the same through the fqdn of a server lookup whose name is known only at apply time', () => {
    const stack = { ...sideStack(ESCALATE, '${data.azurerm_postgresql_flexible_server.x.fqdn}'), data: { azurerm_postgresql_flexible_server: { x: { name: '${var.name}', resource_group_name: 'rg' } } } };
    expect(judgeDeclared(rule, stack, [declaredAccess()], '(data source) data.azurerm_postgresql_flexible_server.x')).toEqual([ESCALATED]);
  });

  test('fails a role it does not declare made a member of a declared group, and a label re-mapping a declared role', () => {
    const stack = sideStack({
      postgresql_role: { intruder: groupRole('bbbbbbbb-0000-0000-0000-000000000009', { login: true, roles: ['orders_owner'] }) },
      postgresql_security_label: { app: label('orders_app', OTHER) },
    });
    expect(judgeDeclared(rule, stack, [declaredAccess()], SIDE_SERVER)).toEqual([
      { status: 'fail', message: 'role bbbbbbbb-0000-0000-0000-000000000009 is made a member of orders_owner by postgresql_role.intruder, gaining its rights; stack/Access gives orders_owner no members.', address: 'postgresql_role.intruder' },
      { status: 'fail', message: `role orders_app is mapped to ${OTHER} by postgresql_security_label.app; stack/Access maps it to ${MAPPING}.`, address: 'postgresql_security_label.app' },
    ]);
  });

  test('judges against each managed server\'s declarations: what one allows and another does not fails', () => {
    const other = declaredAccess({ path: 'stack/Other', server: `${FLEXIBLE}.other`, logins: [{ name: 'orders_app', group: 'orders_owner' }] });
    expect(judgeDeclared(rule, sideStack(ESCALATE), [declaredAccess(), other], SIDE_SERVER)).toEqual([ESCALATED]);
  });

  test('passes roles and memberships the declarations do not concern; not applicable without a DatabaseAccess', () => {
    const stack = sideStack({ postgresql_role: { analyst: groupRole('analyst', { login: true, roles: ['reporting'] }) } });
    expect(judgeDeclared(rule, stack, [declaredAccess()], SIDE_SERVER)).toEqual([{ status: 'pass' }]);
    expect(judgeDeclared(rule, stack, [], SIDE_SERVER)).toEqual([{ status: 'not-applicable', note: 'no DatabaseAccess manages the server' }]);
  });
});

describe('grants, default privileges and owners of roles it does not declare (twelfth review, A12a-6 and A12a-7)', () => {
  const made = (id: string, block: object) => ({ ...madeAt(`stack/Access/Database-orders/${id}`), ...block });
  const ownerSchema = (role: string) => ({ database: 'orders', role, schema: 'public', object_type: 'schema', privileges: ['CREATE', 'USAGE'] });
  const defaults = (role: string, owner: string) => ({ database: 'orders', role, owner, schema: 'public', object_type: 'table', privileges: ['SELECT'] });

  test('fails a grant or default privileges DatabaseAccess makes that names a role it does not declare (an override re-pointed it)', () => {
    const stack = withRoles({}, {
      postgresql_grant: {
        owner: made('Grant-owner-public-schema', ownerSchema('etl_user')),
        revoke: made('RevokePublicSchema', { database: 'orders', role: 'public', schema: 'public', object_type: 'schema', privileges: [] }),
        read: made('Grant-readonly-public-table', { database: 'orders', role: '${postgresql_role.ro.name}', schema: 'public', object_type: 'table', privileges: ['SELECT'] }),
      },
      postgresql_default_privileges: {
        grantee: made('Default-readonly-public-table', defaults('etl_user', '${postgresql_role.owner.name}')),
        owner: made('Default-readwrite-public-table', defaults('${postgresql_role.rw.name}', 'etl_user')),
      },
      postgresql_security_label: { app: { ...madeAt('stack/Access/Role-orders_app/EntraLabel'), ...label('etl_user', MAPPING) } },
    });
    expect(judgeDeclared(rule, stack)).toEqual([
      { status: 'fail', message: 'postgresql_default_privileges.grantee, which stack/Access makes, names role etl_user as its role, a role stack/Access does not declare: an override re-pointed it.', address: 'postgresql_default_privileges.grantee' },
      { status: 'fail', message: 'postgresql_default_privileges.owner, which stack/Access makes, names role etl_user as its owner, a role stack/Access does not declare: an override re-pointed it.', address: 'postgresql_default_privileges.owner' },
      { status: 'fail', message: 'postgresql_grant.owner, which stack/Access makes, names role etl_user as its role, a role stack/Access does not declare: an override re-pointed it.', address: 'postgresql_grant.owner' },
      { status: 'fail', message: 'postgresql_security_label.app, which stack/Access makes, names role etl_user as its object_name, a role stack/Access does not declare: an override re-pointed it.', address: 'postgresql_security_label.app' },
    ]);
  });

  test('a role of a resource DatabaseAccess makes known only at apply time is unknown', () => {
    const stack = withRoles({}, { postgresql_grant: { owner: made('Grant-owner-public-schema', ownerSchema('${var.grantee}')) } });
    expect(judgeDeclared(rule, stack)).toEqual([{ status: 'unknown', note: 'role of postgresql_grant.owner is known only at apply time', address: 'postgresql_grant.owner' }]);
  });

  test('fails owner-level rights granted beside it to a role it does not declare, in a database it manages: CREATE, grant option, ALL, ownership', () => {
    const stack = withRoles({}, {
      postgresql_grant: {
        create: ownerSchema('etl_user'),
        database: { database: 'orders', role: 'etl_user', object_type: 'database', privileges: ['CONNECT', 'CREATE'] },
        option: { database: 'orders', role: 'etl_user', schema: 'public', object_type: 'table', privileges: ['SELECT'], with_grant_option: true },
        all: { database: 'orders', role: 'etl_user', schema: 'public', object_type: 'table', privileges: ['ALL'] },
      },
      postgresql_default_privileges: { truncate: { ...defaults('etl_user', 'orders_owner'), privileges: ['SELECT', 'TRUNCATE'] } },
      postgresql_schema: { sales: { database: 'orders', name: 'sales', owner: 'etl_user' }, reports: { database: 'orders', name: 'reports', policy: [{ role: 'etl_user', create: true }] } },
    });
    const owning = (address: string, what: string) => ({
      status: 'fail',
      message: `role etl_user, which stack/Access does not declare, is given ${what} in database orders, which stack/Access manages, by ${address}: rights of the owner level, which only the roles stack/Access declares may hold.`,
      address,
    });
    expect(judgeDeclared(rule, stack)).toEqual([
      owning('postgresql_default_privileges.truncate', '["TRUNCATE"] by default on table'),
      owning('postgresql_grant.all', '["ALL"] on table'),
      owning('postgresql_grant.create', '["CREATE"] on schema'),
      owning('postgresql_grant.database', '["CREATE"] on database'),
      owning('postgresql_grant.option', 'the right to grant what it holds (with_grant_option)'),
      owning('postgresql_schema.reports', '["CREATE"] on schema'),
      owning('postgresql_schema.sales', 'ownership of the schema'),
    ]);
  });

  test('passes read and write rights granted beside it to a role it does not declare, owner-level rights in a database it does not manage or to its administrator, and PUBLIC (PGD-IAM-4\'s)', () => {
    const stack = withRoles({}, {
      postgresql_grant: {
        read: { database: 'orders', role: 'etl_user', schema: 'public', object_type: 'table', privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
        connect: { database: 'orders', role: 'etl_user', object_type: 'database', privileges: ['CONNECT', 'TEMPORARY'] },
        elsewhere: { database: 'analytics', role: 'etl_user', schema: 'public', object_type: 'schema', privileges: ['CREATE', 'USAGE'], with_grant_option: true },
        public: { database: 'orders', role: 'public', schema: 'public', object_type: 'schema', privileges: [] },
        // The administrator DatabaseAccess signs in as may grant itself anything already.
        administrator: { database: 'orders', role: 'grp-dba', schema: 'public', object_type: 'schema', privileges: ['CREATE'] },
      },
      postgresql_default_privileges: { read: defaults('etl_user', 'orders_owner') },
    });
    expect(judgeDeclared(rule, stack)).toEqual([{ status: 'pass' }]);
  });

  // 75th run, M75-1: USAGE on postgres_fdw lets a role make servers and user mappings at run time; no level is given such a right.
  test('fails a right on a kind of object no access level is given (foreign data wrapper, foreign server, type) to a role it does not declare', () => {
    const usage = (objectType: string, objects: string[]) => ({ database: 'orders', role: 'etl_grp', object_type: objectType, objects, privileges: ['USAGE'] });
    const stack = withRoles({}, {
      postgresql_grant: {
        fdw: usage('foreign_data_wrapper', ['postgres_fdw']),
        server: usage('foreign_server', ['warehouse']),
        revoke: { ...usage('foreign_server', ['warehouse']), privileges: [] },
      },
      postgresql_default_privileges: { type: { ...defaults('etl_grp', 'orders_owner'), object_type: 'type', privileges: ['USAGE'] } },
    });
    const unlisted = (address: string, what: string) => ({
      status: 'fail',
      message: `role etl_grp, which stack/Access does not declare, is given ${what} in database orders, which stack/Access manages, by ${address}: a kind of object on which no level of stack/Access holds a right.`,
      address,
    });
    expect(judgeDeclared(rule, stack)).toEqual([
      unlisted('postgresql_default_privileges.type', '["USAGE"] by default on type'),
      unlisted('postgresql_grant.fdw', '["USAGE"] on foreign_data_wrapper'),
      unlisted('postgresql_grant.server', '["USAGE"] on foreign_server'),
    ]);
  });

  // Adversarial run adv75d, P75-5: EXECUTE on a procedure or routine is a function's privilege (PUBLIC holds it by default); more is the owner level's.
  test('judges a procedure or routine as a function: EXECUTE to a role it does not declare passes, ALL fails', () => {
    const execute = (objectType: string, privileges: string[]) => ({ database: 'orders', role: 'etl_grp', schema: 'public', object_type: objectType, privileges });
    expect(judgeDeclared(rule, withRoles({}, { postgresql_grant: { p: execute('procedure', ['EXECUTE']), r: execute('routine', ['EXECUTE']) } }))).toEqual([{ status: 'pass' }]);
    expect(judgeDeclared(rule, withRoles({}, { postgresql_grant: { p: execute('procedure', ['ALL']) } }))).toEqual([{
      status: 'fail',
      message: 'role etl_grp, which stack/Access does not declare, is given ["ALL"] on procedure in database orders, which stack/Access manages, by postgresql_grant.p: rights of the owner level, which only the roles stack/Access declares may hold.',
      address: 'postgresql_grant.p',
    }]);
  });

  // 75th run, M75-3: PostgreSQL 15 makes pg_database_owner (its one member: the database's owner) the owner of public.
  test('passes the public schema owned by pg_database_owner, as by the database\'s owner; a role named otherwise fails', () => {
    const owned = (owner: string) => ({ database: 'orders', name: 'public', owner });
    expect(judgeDeclared(rule, withRoles({}, { postgresql_schema: { public: owned('pg_database_owner') } }))).toEqual([{ status: 'pass' }]);
    const stack = withRoles({}, { postgresql_schema: { upper: owned('PG_DATABASE_OWNER'), padded: owned('pg_database_owner ') } });
    const owning = (address: string, role: string) => ({
      status: 'fail',
      message: `role ${role}, which stack/Access does not declare, is given ownership of the schema in database orders, which stack/Access manages, by ${address}: rights of the owner level, which only the roles stack/Access declares may hold.`,
      address,
    });
    expect(judgeDeclared(rule, stack)).toEqual([owning('postgresql_schema.padded', 'pg_database_owner '), owning('postgresql_schema.upper', 'PG_DATABASE_OWNER')]);
  });

  // 88th run: the administrator was matched in any case, but PostgreSQL's role names are case-sensitive: `GRP-DBA` is another role.
  test('fails owner-level rights to a role named as its administrator in another case', () => {
    const stack = withRoles({}, { postgresql_grant: { upper: { database: 'orders', role: 'GRP-DBA', schema: 'public', object_type: 'schema', privileges: ['CREATE'] } } });
    expect(judgeDeclared(rule, stack)).toEqual([{
      status: 'fail',
      message: 'role GRP-DBA, which stack/Access does not declare, is given ["CREATE"] on schema in database orders, which stack/Access manages, by postgresql_grant.upper: rights of the owner level, which only the roles stack/Access declares may hold.',
      address: 'postgresql_grant.upper',
    }]);
  });

  test('owner-level rights to a role it does not declare in a database, or with a flag, known only at apply time are unknown', () => {
    expect(judgeDeclared(rule, withRoles({}, { postgresql_grant: { create: { ...ownerSchema('etl_user'), database: '${var.db}' } } }))).toEqual([
      { status: 'unknown', note: 'the database of postgresql_grant.create is known only at apply time', address: 'postgresql_grant.create' },
    ]);
    expect(judgeDeclared(rule, withRoles({}, { postgresql_grant: { create: { ...ownerSchema('${var.grantee}') } } }))).toEqual([
      { status: 'unknown', note: 'the role of postgresql_grant.create is known only at apply time', address: 'postgresql_grant.create' },
    ]);
    expect(judgeDeclared(rule, withRoles({}, { postgresql_grant: { read: { database: 'orders', role: 'etl_user', schema: 'public', object_type: 'table', privileges: ['SELECT'], with_grant_option: '${var.flag}' } } }))).toEqual([
      { status: 'unknown', note: 'with_grant_option of postgresql_grant.read is known only at apply time', address: 'postgresql_grant.read' },
    ]);
  });
});

describe('memberships with admin option and grants with grant option that concern its roles (fifteenth review, A15a-17)', () => {
  const admin = (address: string, member: string, group: string) => ({
    status: 'fail',
    message: `role ${member} is given ${group} WITH ADMIN OPTION by ${address}: it may grant ${group} to any role and revoke it from its members; stack/Access grants no membership with admin option.`,
    address,
  });

  test('fails a declared login\'s own membership granted again with admin option, and a role it does not declare given a read group with admin option', () => {
    const stack = withRoles({}, {
      postgresql_grant_role: {
        self: { role: 'orders_app', grant_role: 'orders_readwrite', with_admin_option: true },
        referenced: { role: '${postgresql_role.app.name}', grant_role: '${postgresql_role.rw.name}', with_admin_option: 'true' },
        other: { role: 'reporting', grant_role: 'orders_readonly', with_admin_option: true },
      },
    });
    expect(judgeDeclared(rule, stack)).toEqual([
      admin('postgresql_grant_role.other', 'reporting', 'orders_readonly'),
      admin('postgresql_grant_role.referenced', 'orders_app', 'orders_readwrite'),
      admin('postgresql_grant_role.self', 'orders_app', 'orders_readwrite'),
    ]);
  });

  test('fails a grant or default privileges with grant option to a declared login (PGD-IAM-12 judges its group roles)', () => {
    const stack = withRoles({}, {
      postgresql_grant: { option: { database: 'orders', role: '${postgresql_role.app.name}', schema: 'public', object_type: 'table', privileges: ['SELECT'], with_grant_option: true } },
      postgresql_default_privileges: { option: { database: 'orders', role: 'orders_app', owner: 'orders_owner', schema: 'public', object_type: 'table', privileges: ['SELECT'], with_grant_option: 'true' } },
      postgresql_schema: { reports: { database: 'analytics', name: 'reports', policy: [{ role: 'orders_app', usage_with_grant: true }] } },
    });
    const option = (address: string) => ({
      status: 'fail',
      message: `role orders_app, a login stack/Access declares, is given the right to grant what it holds (with_grant_option) by ${address}: it may hand its rights to any role; stack/Access grants none with grant option.`,
      address,
    });
    expect(judgeDeclared(rule, stack)).toEqual([option('postgresql_default_privileges.option'), option('postgresql_grant.option'), option('postgresql_schema.reports')]);
  });

  test('passes the declared membership without admin option, and admin option on roles it does not concern; an option known only at apply time is unknown', () => {
    expect(judgeDeclared(rule, withRoles({}, {
      postgresql_grant_role: {
        self: { role: 'orders_app', grant_role: 'orders_readwrite', with_admin_option: false },
        other: { role: 'analyst', grant_role: 'pg_read_all_stats', with_admin_option: true },
      },
      postgresql_grant: { read: { database: 'orders', role: 'orders_app', schema: 'public', object_type: 'table', privileges: ['SELECT'], with_grant_option: false } },
    }))).toEqual([{ status: 'pass' }]);
    expect(judgeDeclared(rule, withRoles({}, {
      postgresql_grant_role: { self: { role: 'orders_app', grant_role: 'orders_readwrite', with_admin_option: '${var.admin}' } },
      postgresql_grant: { read: { database: 'orders', role: 'orders_app', schema: 'public', object_type: 'table', privileges: ['SELECT'], with_grant_option: '${var.option}' } },
    }))).toEqual([
      { status: 'unknown', note: 'with_admin_option of postgresql_grant_role.self is known only at apply time', address: 'postgresql_grant_role.self' },
      { status: 'unknown', note: 'with_grant_option of postgresql_grant.read is known only at apply time', address: 'postgresql_grant.read' },
    ]);
  });
});

test.each([['role '], ['\tROLE'], ['role/**/'], ['-- c\nrole']])('fails a label with object_type %j that maps a declared role to another identity: PostgreSQL reads it as ROLE (A32a-2)', (type) => {
  const stack = withRoles({}, { postgresql_security_label: { app: label('${postgresql_role.app.name}', MAPPING), evil: { ...label('orders_app', OTHER), object_type: type } } });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'fail', message: `role orders_app is mapped to ${OTHER} by postgresql_security_label.evil; stack/Access maps it to ${MAPPING}.`, address: 'postgresql_security_label.evil' },
  ]);
});

test('a label whose object_type is not read as one object type is unknown (A32a-2)', () => {
  const stack = withRoles({}, { postgresql_security_label: { app: label('${postgresql_role.app.name}', MAPPING), evil: { ...label('orders_app', OTHER), object_type: 'role;' } } });
  expect(judgeDeclared(rule, stack)).toEqual([expect.objectContaining({ status: 'unknown', address: 'postgresql_security_label.evil' })]);
});
