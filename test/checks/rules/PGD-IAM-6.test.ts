import { rule } from '../../../lib/checks/rules/PGD-IAM-6';
import { administratorNames, postgresqlProviders, unknownAdministrators } from '../../../lib/checks/database-checks';
import { buildStackModel, TerraformBlock } from '../../../lib/checks/stack-model';
import { databaseStackWithAdministrators, declaredAccess, groupRole, judgeAllIn, judgeIn, passwordRole } from '../database-fixtures';
import { compliantFlexibleServer, FLEXIBLE, judge, Resources, SINGLE } from '../rule-harness';

test('passes memberships of the stack\'s group roles, and roles without memberships', () => {
  const stack = databaseStackWithAdministrators({
    postgresql_role: { rw: groupRole('orders_readwrite'), app: passwordRole('app', { roles: ['${postgresql_role.rw.name}'] }), lone: groupRole('lone') },
    postgresql_grant_role: { m: { role: 'reporting', grant_role: 'orders_readwrite' }, named: { role: 'reporting', grant_role: 'constructor' } },
  });
  expect(judgeAllIn(rule, stack)).toEqual([{ status: 'pass' }]);
});

test.each([
  ['azure_pg_admin', 'the group of the server\'s administrators (CREATEROLE over every role, every database)'],
  ['AZURE_PG_ADMIN', 'the group of the server\'s administrators (CREATEROLE over every role, every database)'],
  ['azuresu', 'Azure\'s superuser'],
  // Adversarial run of stop 70, A18: the roles Azure's extensions make to choose where they send data.
  ['azure_storage_admin', 'adds storage accounts and their keys to the azure_storage extension, through which tables are copied to and from blob storage'],
  ['azure_ai_settings_manager', 'sets the endpoints and keys of the azure_ai extension, where its calls send the data they are given'],
  ['azure_cdc_admin', 'runs Azure\'s change data capture, which copies the server\'s tables out of it (Fabric mirroring)'],
  ['pg_read_all_data', 'reads every table of every database'],
  ['pg_write_all_data', 'writes every table of every database'],
  ['pg_read_server_files', 'reads the server\'s files (COPY FROM a file)'],
  ['pg_write_server_files', 'writes the server\'s files (COPY TO a file)'],
  ['pg_execute_server_program', 'runs programs on the server (COPY ... PROGRAM)'],
  ['pg_signal_backend', 'cancels and ends other sessions'],
  ['pg_monitor', 'reads every session\'s query text and every setting'],
  ['pg_maintain', 'a predefined role of PostgreSQL'],
  ['grp-dba', 'the role of one of the server\'s administrators'],
  ['pgadmin_ops', 'the role of one of the server\'s administrators'],
])('fails a postgresql_grant_role that makes a role a member of %s', (group, power) => {
  expect(judgeIn(rule, databaseStackWithAdministrators({ postgresql_grant_role: { escalate: { role: 'orders_app', grant_role: group } } }))).toEqual({
    status: 'fail',
    message: `role orders_app is made a member of ${group}, ${power}.`,
    address: 'postgresql_grant_role.escalate',
  });
});

test('fails a postgresql_role whose roles name azure_pg_admin, one finding per role at fault', () => {
  const verdicts = judgeAllIn(rule, databaseStackWithAdministrators({
    postgresql_role: {
      rw: groupRole('orders_readwrite'),
      app: passwordRole('app', { roles: ['${postgresql_role.rw.name}', 'azure_pg_admin'] }),
      spy: groupRole('spy', { roles: ['pg_read_all_data'] }),
    },
  }));
  expect(verdicts).toEqual([
    { status: 'fail', message: 'role app is made a member of azure_pg_admin, the group of the server\'s administrators (CREATEROLE over every role, every database).', address: 'postgresql_role.app' },
    { status: 'fail', message: 'role spy is made a member of pg_read_all_data, reads every table of every database.', address: 'postgresql_role.spy' },
  ]);
});

test('a member named by reference is named in the message; an unresolved member by the grant', () => {
  const verdicts = judgeAllIn(rule, databaseStackWithAdministrators({
    postgresql_role: { app: passwordRole('app') },
    postgresql_grant_role: { a: { role: '${postgresql_role.app.name}', grant_role: 'pg_write_all_data' }, b: { role: '${var.member}', grant_role: 'pg_write_all_data' } },
  }));
  expect(verdicts).toEqual([
    { status: 'fail', message: 'role app is made a member of pg_write_all_data, writes every table of every database.', address: 'postgresql_grant_role.a' },
    { status: 'fail', message: 'postgresql_grant_role.b is made a member of pg_write_all_data, writes every table of every database.', address: 'postgresql_grant_role.b' },
  ]);
});

test('a granted role or a roles list known only at apply time is unknown, never a pass', () => {
  const verdicts = judgeAllIn(rule, databaseStackWithAdministrators({
    postgresql_grant_role: { g: { role: 'orders_app', grant_role: '${var.group}' } },
    postgresql_role: { r: groupRole('r', { roles: '${var.groups}' }), s: groupRole('s', { roles: ['${var.group}'] }) },
  }));
  expect(verdicts).toEqual([
    { status: 'unknown', note: 'grant_role of postgresql_grant_role.g is known only at apply time', address: 'postgresql_grant_role.g' },
    { status: 'unknown', note: 'roles of postgresql_role.r is known only at apply time', address: 'postgresql_role.r' },
    { status: 'unknown', note: 'an entry of roles of postgresql_role.s is known only at apply time', address: 'postgresql_role.s' },
  ]);
});

test('does not apply to a server no postgresql provider signs in to', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'not-applicable', note: 'no postgresql provider resource signs in to the server' });
});

// 39th run, A39a-1/A39a-1b: an administrator whose name the stack writes as no literal (a token in the props, a reference, a variable)
// may be any role the stack does not surely make itself: a membership of such a role is unknown (fails closed), never a pass.
describe('an administrator whose name is known only at apply time (A39a-1)', () => {
  const ADMIN = 'azurerm_postgresql_flexible_server_active_directory_administrator';
  /** databaseStackWithAdministrators with a second Entra administrator "lookup" whose principal_name is `name`, and `resources`. */
  const withUnknownAdministrator = (resources: Resources, name: unknown = '${data.azuread_group.dba.display_name}', server: TerraformBlock = {}) => {
    const stack = databaseStackWithAdministrators(resources);
    return {
      ...stack,
      resource: {
        ...stack.resource,
        [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_login: 'pgadmin_ops', ...server }) },
        [ADMIN]: { ...stack.resource[ADMIN], lookup: { ...stack.resource[ADMIN].dba, object_id: '66666666-7777-8888-9999-000000000001', principal_name: name } },
      },
    };
  };
  const NOTE = 'the name of principal_name of azurerm_postgresql_flexible_server_active_directory_administrator.lookup "data.azuread_group.dba.display_name" is known only at apply time (write the administrator\'s name literally, or suppress PGD-IAM-6 with the reason)';
  const maybe = (member: string, group: string, address: string) => ({ status: 'unknown', note: `${member} is made a member of ${group}, which may be the role of an administrator (its CREATEROLE, membership of azure_pg_admin): ${NOTE}`, address });

  test.each([
    ['postgresql_grant_role', { postgresql_grant_role: { g: { role: 'orders_app', grant_role: 'dba-team' } } }, 'role orders_app', 'postgresql_grant_role.g'],
    ['a role\'s roles', { postgresql_role: { r: groupRole('reporting', { roles: ['dba-team'] }) } }, 'role reporting', 'postgresql_role.r'],
    ['a role\'s roles, for_each', { postgresql_role: { r: groupRole('${each.key}', { for_each: { reporting: 1 }, roles: ['dba-team'] }) } }, 'role reporting', 'postgresql_role.r["reporting"]'],
  ])('a literal group through %s is unknown, naming the administrator', (_via, resources, member, address) => {
    expect(judgeAllIn(rule, withUnknownAdministrator(resources))).toEqual([maybe(member, 'dba-team', address)]);
  });

  test.each([
    ['a variable', '${var.dba}'],
    ['a template', 'grp-${var.env}'],
    ['a local of a lookup', '${local.admin}'],
  ])('an administrator named by %s makes a membership of a literal group unknown', (_n, name) => {
    const verdicts = judgeAllIn(rule, withUnknownAdministrator({ postgresql_grant_role: { g: { role: 'orders_app', grant_role: 'dba-team' } } }, name));
    expect(verdicts.map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined])).toEqual([['unknown', 'postgresql_grant_role.g']]);
  });

  test('a group known only at apply time names the administrator too', () => {
    expect(judgeAllIn(rule, withUnknownAdministrator({ postgresql_grant_role: { g: { role: 'orders_app', grant_role: '${var.group}' } } }))).toEqual([{
      status: 'unknown', note: `grant_role of postgresql_grant_role.g is known only at apply time and may name an administrator's role: ${NOTE}`, address: 'postgresql_grant_role.g',
    }]);
  });

  test('the local administrator_login known only at apply time (a Flexible or Single Server\'s) is such an administrator', () => {
    const stack = databaseStackWithAdministrators({ postgresql_grant_role: { g: { role: 'orders_app', grant_role: 'ops' } } });
    const verdicts = judgeAllIn(rule, { ...stack, resource: { ...stack.resource, [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_login: '${var.login}' }) } } });
    expect(verdicts).toEqual([{ status: 'unknown', note: expect.stringContaining('the name of administrator_login of azurerm_postgresql_flexible_server.db "var.login" is known only at apply time'), address: 'postgresql_grant_role.g' }]);
    const single = {
      provider: { postgresql: [{ alias: 'db', host: `\${${SINGLE}.db.fqdn}`, database: 'postgres', superuser: false, sslmode: 'verify-full' }] },
      resource: {
        [SINGLE]: { db: { name: 'db', resource_group_name: 'rg', location: 'westeurope', administrator_login: '${var.login}', ssl_enforcement_enabled: true } },
        postgresql_grant_role: { g: { provider: 'postgresql.db', role: 'orders_app', grant_role: 'ops' } },
      },
    };
    const server = buildStackModel(single).servers.find((s) => s.address === `${SINGLE}.db`)!;
    expect([rule.evaluate(server, { postgresqlProviders: postgresqlProviders(single) })].flat()).toEqual([
      { status: 'unknown', note: expect.stringContaining('the name of administrator_login of azurerm_postgresql_server.db "var.login"'), address: 'postgresql_grant_role.g' },
    ]);
    // A Single Server's Entra administrator names its principal by `login`.
    const entra = {
      ...single,
      resource: {
        ...single.resource,
        [SINGLE]: { db: { ...single.resource[SINGLE].db, administrator_login: 'pgadmin_ops' } },
        azurerm_postgresql_active_directory_administrator: { dba: { server_name: `\${${SINGLE}.db.name}`, resource_group_name: 'rg', login: '${data.azuread_group.dba.display_name}', object_id: '66666666-7777-8888-9999-000000000000', tenant_id: '11111111-2222-3333-4444-555555555555' } },
      },
    };
    const entraServer = buildStackModel(entra).servers.find((s) => s.address === `${SINGLE}.db`)!;
    expect([rule.evaluate(entraServer, { postgresqlProviders: postgresqlProviders(entra) })].flat()).toEqual([
      { status: 'unknown', note: expect.stringContaining('the name of login of azurerm_postgresql_active_directory_administrator.dba "data.azuread_group.dba.display_name"'), address: 'postgresql_grant_role.g' },
    ]);
  });

  test('a literal administrator still fails, whatever the other: a definite finding before an unknown one', () => {
    const verdicts = judgeAllIn(rule, withUnknownAdministrator({
      postgresql_grant_role: { g: { role: 'orders_app', grant_role: 'grp-dba' } },
      postgresql_role: { r: groupRole('reporting', { roles: ['dba-team', 'azure_pg_admin'] }) },
    }));
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['fail', 'fail']);
  });

  test('controls: the stack\'s own roles, an administrator block for_each over literal names, and no membership pass', () => {
    const own = { postgresql_role: { rw: groupRole('orders_readwrite'), app: passwordRole('app', { roles: ['${postgresql_role.rw.name}', 'orders_readwrite'] }) },
      postgresql_grant_role: { m: { role: 'reporting', grant_role: 'orders_readwrite', depends_on: ['postgresql_role.rw'] }, n: { role: 'reporting', grant_role: '${postgresql_role.rw.name}' } } };
    expect(judgeAllIn(rule, withUnknownAdministrator(own))).toEqual([{ status: 'pass' }]);
    expect(judgeAllIn(rule, withUnknownAdministrator({ postgresql_role: { lone: groupRole('lone') } }))).toEqual([{ status: 'pass' }]);
    // Instances read one by one: each administrator's name is a literal, so only a membership of one of them fails.
    const eachAdministrator = (grantRole: string, forEach?: object) => {
      const stack = withUnknownAdministrator({ postgresql_grant_role: { g: { role: 'orders_app', grant_role: grantRole } } }, '${each.value}');
      const admins = stack.resource[ADMIN] as { [name: string]: TerraformBlock };
      if (forEach !== undefined) admins.lookup = { ...admins.lookup, for_each: forEach };
      return judgeAllIn(rule, stack).map((verdict) => verdict.status);
    };
    const names = { one: 'grp-one', two: 'grp-two' };
    expect(eachAdministrator('dba-team', names)).toEqual(['pass']);
    expect(eachAdministrator('grp-two', names)).toEqual(['fail']);
    expect(eachAdministrator('dba-team')).toEqual(['unknown']);
  });

  test('an administrator whose name is one of known choices is each of them where a match is a finding, none where it lets a grant pass', () => {
    const choice = '${var.prod ? "grp-prod" : "grp-dev"}';
    const status = (grantRole: string) => judgeAllIn(rule, withUnknownAdministrator({ postgresql_grant_role: { g: { role: 'orders_app', grant_role: grantRole } } }, choice))
      .map((verdict) => verdict.status);
    expect(status('grp-dev')).toEqual(['fail']);
    expect(status('GRP-PROD')).toEqual(['fail']);
    expect(status('dba-team')).toEqual(['pass']);
    const server = buildStackModel(withUnknownAdministrator({}, choice)).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    expect(administratorNames(server)).toEqual(['grp-dba', 'pgadmin_ops']);
    expect(unknownAdministrators(server)).toEqual([]);
    const unread = buildStackModel(withUnknownAdministrator({}, '${var.prod ? "grp-prod" : var.other}')).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    expect(unknownAdministrators(unread)).toHaveLength(1);
  });

  test('the administrator a DatabaseAccess signs in as (its connectAs) is an administrator\'s role where the server names its administrators by token', () => {
    // The construct makes its group roles as blocks of the server: a membership of one passes as a role the stack surely makes (A40a-1).
    const stack = withUnknownAdministrator({ postgresql_role: { ro: groupRole('orders_readonly') }, postgresql_grant_role: { g: { role: 'orders_app', grant_role: 'pg-admins' }, h: { role: 'orders_app', grant_role: 'orders_readonly', depends_on: ['postgresql_role.ro'] } } });
    const server = buildStackModel(stack).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    const verdicts = [rule.evaluate(server, { postgresqlProviders: postgresqlProviders(stack), declaredAccess: [declaredAccess({ principalName: 'pg-admins' })] })].flat();
    expect(verdicts).toEqual([{ status: 'fail', message: 'role orders_app is made a member of pg-admins, the role of one of the server\'s administrators.', address: 'postgresql_grant_role.g' }]);
  });

  // 40th run, A40a-1: only a block the stack surely applies, and into which no import or moved block adopts an existing role, makes
  // the role; A40a-3: a connectAs given as a token is an administrator whose name is known only at apply time.
  test('a role block that may adopt an existing role or make none is no proof; one surely made is', () => {
    const status = (team: TerraformBlock, facts: object = {}) => {
      const stack = withUnknownAdministrator({ postgresql_role: { team: groupRole('dba-team', team) }, postgresql_grant_role: { g: { role: 'orders_app', grant_role: 'dba-team', depends_on: ['postgresql_role.team'] }, r: { role: 'orders_app', grant_role: '${postgresql_role.team.name}' } } });
      const server = buildStackModel(stack).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
      return [rule.evaluate(server, { postgresqlProviders: postgresqlProviders(stack), ...facts })].flat().map((verdict) => verdict.status);
    };
    expect(status({})).toEqual(['pass']);
    expect(status({ count: 1 })).toEqual(['pass']);
    expect(status({}, { imports: ['postgresql_role.team'] })).toEqual(['unknown', 'unknown']);
    expect(status({}, { moves: ['postgresql_role.team'] })).toEqual(['unknown', 'unknown']);
    expect(status({}, { imports: ['postgresql_role.other'] })).toEqual(['pass']);
    expect(status({ count: '${var.n}' })).toEqual(['unknown', 'unknown']);
    expect(status({ lifecycle: { enabled: '${var.e}' } })).toEqual(['unknown', 'unknown']);
    expect(status({ for_each: '${var.s}' })).toEqual(['unknown', 'unknown']);
  });

  test('a connectAs given as a token is an administrator known only at apply time, even beside literal administrators', () => {
    const stack = databaseStackWithAdministrators({ postgresql_role: { ro: groupRole('orders_readonly') }, postgresql_grant_role: { g: { role: 'orders_app', grant_role: 'dba-team' }, h: { role: 'orders_app', grant_role: 'orders_readonly', depends_on: ['postgresql_role.ro'] } } });
    const server = buildStackModel(stack).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    const judgeWith = (access: object) => [rule.evaluate(server, { postgresqlProviders: postgresqlProviders(stack), declaredAccess: [declaredAccess(access)] })].flat();
    expect(judgeWith({ principalName: '${var.ca}', principalNameUnknown: true })).toEqual([{ status: 'unknown', address: 'postgresql_grant_role.g',
      note: 'role orders_app is made a member of dba-team, which may be the role of an administrator (its CREATEROLE, membership of azure_pg_admin): the name of connectAs of stack/Access "var.ca" is known only at apply time (write the administrator\'s name literally, or suppress PGD-IAM-6 with the reason)' }]);
    expect(judgeWith({ principalName: 'pg-admins' })).toEqual([{ status: 'pass' }]);
  });
});
