// 39th run, A39a-1 and A39a-1b: the props take a token as an Entra administrator's principalName (a group lookup's display_name, a
// variable). Such an administrator may be any role the stack does not surely make itself, so a raw role made a member of a literal
// role beside the construct fails PGD-IAM-6 closed (database-checks.ts unknownAdministrators), where it passed: the administrator's
// name was dropped and the membership compared with no administrator at all.
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { GrantRole } from '@cdktf/provider-postgresql/lib/grant-role';
import { Role } from '@cdktf/provider-postgresql/lib/role';
import { SecurityLabel } from '@cdktf/provider-postgresql/lib/security-label';
import { TerraformDataSource, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { ADMIN_OBJECT_ID, minimalProps, providerStack, synthErrors } from '../helpers';

const APP = '66666666-7777-8888-9999-000000000001';
const OTHER_ID = '66666666-7777-8888-9999-000000000002';

type Name = (scope: Construct) => string;
/** An azuread_group lookup's display_name (the azuread provider is not a dependency: the data source written raw). */
const lookup: Name = (scope) => {
  const group = new TerraformDataSource(scope, `AdminGroup${scope.node.children.length}`, { terraformResourceType: 'azuread_group' });
  group.addOverride('object_id', ADMIN_OBJECT_ID);
  return group.getStringAttribute('display_name');
};
const variable: Name = (scope) => new TerraformVariable(scope, 'admin', { type: 'string' }).stringValue;
const literal: Name = () => 'pg-admins';

/**
 * A server whose Entra administrators are named by `names`, a DatabaseAccess on orders signing in as "pg-admins" with one read-write
 * role orders_app, and `add` beside them.
 */
function stackWith(names: Name[], add: (access: DatabaseAccess, stack: TerraformStack, server: SecureFlexibleServer) => void = () => undefined): string[] {
  const stack = providerStack('admintoken');
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    databases: [{ name: 'orders' }],
    entraAdministrators: names.map((name, index) => ({ objectId: index === 0 ? ADMIN_OBJECT_ID : OTHER_ID, principalName: name(stack), principalType: EntraPrincipalType.GROUP })),
  }));
  const access = new DatabaseAccess(stack, 'Access', {
    server, connectAs: { principalName: 'pg-admins' }, databases: ['orders'],
    roles: [{ name: 'orders_app', database: 'orders', access: AccessLevel.READ_WRITE, member: DatabasePrincipal.entra({ objectId: APP, principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) }],
  });
  add(access, stack, server);
  return synthErrors(stack);
}

/** The rule ids of the finding lines at one resource type. */
const idsAt = (lines: string[], type: string) => [...new Set(lines.filter((line) => line.includes(`${type}.`)).map((line) => /(PG[A-Z]?-[A-Z]+-\d+)/.exec(line)?.[1]))].sort();

/**
 * A raw NOLOGIN role "reporting" made a member of `group`, through postgresql_grant_role or its own roles; with `wait`, the membership
 * lists the role block of `group` in depends_on, as a membership that names a made role literally must beside an administrator named by
 * a token (42nd run, A42a-1).
 */
const reportingIn = (group: string, via: 'grant_role' | 'roles', wait = false) => (access: DatabaseAccess) => {
  const block = wait ? access.node.findAll().find((child): child is Role => child instanceof Role && child.nameInput === group) : undefined;
  const dependsOn = block === undefined ? undefined : [block];
  const role = new Role(access, 'Reporting', { provider: access.provider, name: 'reporting', login: false, roles: via === 'roles' ? [group] : undefined, dependsOn: via === 'roles' ? dependsOn : undefined });
  if (via === 'grant_role') new GrantRole(access, 'Member', { provider: access.provider, role: role.name, grantRole: group, dependsOn });
};

describe('an Entra administrator named by a token (A39a-1)', () => {
  test.each([
    ['a lookup\'s display_name', 'grant_role', lookup],
    ['a lookup\'s display_name', 'roles', lookup],
    ['a variable', 'grant_role', variable],
    ['a variable', 'roles', variable],
  ] as const)('named by %s: a raw role made a member of the role DatabaseAccess signs in as (%s) fails PGD-IAM-6', (_n, via, name) => {
    const lines = stackWith([name], reportingIn('pg-admins', via));
    expect(idsAt(lines, via === 'roles' ? 'postgresql_role' : 'postgresql_grant_role')).toContain('PGD-IAM-6');
  });

  test.each([
    ['a lookup\'s display_name', 'grant_role', lookup],
    ['a variable', 'roles', variable],
  ] as const)('named by %s: a raw role made a member of any other literal role (%s) fails PGD-IAM-6 closed, naming the administrator', (_n, via, name) => {
    const lines = stackWith([name], reportingIn('dba-team', via));
    const at = lines.filter((line) => / PGD-IAM-6 /.test(line));
    expect(at).toHaveLength(1);
    expect(at[0]).toMatch(/role reporting is made a member of dba-team, which may be the role of an administrator .*principal_name of azurerm_postgresql_flexible_server_active_directory_administrator\.\S+ .* is known only at apply time \(write the administrator's name literally, or suppress PGD-IAM-6 with the reason\)/);
  });

  test('A39a-1b: with a second, literal administrator, a membership of a role that may be the unknown one still fails PGD-IAM-6', () => {
    expect(idsAt(stackWith([literal, lookup], reportingIn('dba-team', 'grant_role')), 'postgresql_grant_role')).toContain('PGD-IAM-6');
    expect(idsAt(stackWith([literal, lookup], reportingIn('pg-admins', 'roles')), 'postgresql_role')).toContain('PGD-IAM-6');
  });

  test('a raw administrator block beside the construct, its principal_name a reference, is such an administrator', () => {
    const lines = stackWith([literal], (access, stack, server) => {
      new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'RawAdmin', {
        serverName: server.server.name, resourceGroupName: 'rg-orders', tenantId: '00000000-0000-0000-0000-000000000000', objectId: OTHER_ID,
        principalName: lookup(stack), principalType: 'Group',
      });
      reportingIn('dba-team', 'grant_role')(access);
    });
    expect(idsAt(lines, 'postgresql_grant_role')).toContain('PGD-IAM-6');
  });

  test('PGD-IAM-13 does not take an unknown administrator\'s name for one that may grant itself: owner-level rights to "dba-team" still fail', () => {
    const grant = (role: string) => (access: DatabaseAccess) => new Grant(access, 'Owner', { provider: access.provider, database: 'orders', role, objectType: 'database', privileges: ['CREATE', 'CONNECT'], withGrantOption: true });
    expect(idsAt(stackWith([lookup], grant('dba-team')), 'postgresql_grant')).toContain('PGD-IAM-13');
  });

  test('PGD-IAM-7: a pgaadauth label on a role that may be the unknown administrator fails', () => {
    const lines = stackWith([lookup], (access) => new SecurityLabel(access, 'Map', {
      provider: access.provider, objectType: 'role', objectName: 'dba-team', labelProvider: 'pgaadauth', label: `aadauth,oid=${OTHER_ID},type=group`,
    }));
    expect(idsAt(lines, 'postgresql_security_label')).toContain('PGD-IAM-7');
  });

  describe('controls', () => {
    test.each<[string, Name[]]>([
      ['a lookup\'s display_name', [lookup]],
      ['a variable', [variable]],
      ['a literal and a lookup', [literal, lookup]],
    ])('administrators named by %s, the DatabaseAccess roles and no raw membership: synth passes', (_n, names) => {
      expect(stackWith(names)).toEqual([]);
    });

    test.each([
      ['its read-write group by name', 'orders_readwrite'],
      ['its read-only group by name', 'orders_readonly'],
    ])('a raw role made a member of the construct\'s own group (%s), waiting for its block, passes with an administrator named by a token', (_n, group) => {
      expect(stackWith([lookup], reportingIn(group, 'grant_role', true))).toEqual([]);
      expect(stackWith([variable], reportingIn(group, 'roles', true))).toEqual([]);
      // Not waiting for it, the membership may be applied to the administrator's role where the group's CREATE ROLE fails (A42a-1).
      expect(idsAt(stackWith([lookup], reportingIn(group, 'grant_role')), 'postgresql_grant_role')).toEqual(['PGD-IAM-6']);
    });

    test('a raw role made a member of another raw role of the stack, waiting for it, passes; literal administrators keep judging literal names', () => {
      const team = (access: DatabaseAccess) => {
        new Role(access, 'Team', { provider: access.provider, name: 'dba-team', login: false });
        reportingIn('dba-team', 'grant_role', true)(access);
      };
      expect(stackWith([lookup], team)).toEqual([]);
      expect(stackWith([literal], reportingIn('dba-team', 'grant_role'))).toEqual([]);
    });
  });
});
