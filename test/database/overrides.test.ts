import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { GrantRole } from '@cdktf/provider-postgresql/lib/grant-role';
import { Role } from '@cdktf/provider-postgresql/lib/role';
import { SecurityLabel } from '@cdktf/provider-postgresql/lib/security-label';
import { App, Fn, TerraformLocal, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { AccessLevel, DatabaseAccess, DatabaseAccessProps, DatabasePrincipal, EntraPrincipalType, PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { runCheck } from '../../lib/cli/check-command';
import { rule as PGD_IAM_12 } from '../../lib/checks/rules/PGD-IAM-12';
import { rule as PGD_IAM_13 } from '../../lib/checks/rules/PGD-IAM-13';
import { minimalProps, providerStack, synthErrors } from '../helpers';
import { accessStack as fixtureStack } from '../support/database-fixture';

// Overrides that undo what DatabaseAccess sets fail synth (finding N7 of the second review).

/** The fixture's server and DatabaseAccess, in a stack with its azurerm provider. */
function accessStack(overrides: Partial<DatabaseAccessProps> = {}): { stack: TerraformStack; server: SecureFlexibleServer; access: DatabaseAccess } {
  const built = fixtureStack(overrides);
  new AzurermProvider(built.stack, 'azurerm', { features: [{}] });
  return built;
}

/** The construct at a path under the stack, to override. */
function at(stack: TerraformStack, path: string): any {
  const found = stack.node.findAll().find((c) => c.node.path === `${stack.node.id}/${path}`);
  if (found === undefined) throw new Error(`no construct ${path}`);
  return found;
}

// 86th run, A86a-1: CREATE EXTENSION IF NOT EXISTS takes over the extension, and the old instance's DROP EXTENSION removes it; a grant's
// destroy revokes what the new one granted. With create_before_destroy every replacement leaves them undone.
test.each(['Pgaudit', 'Grant-readonly-public-table'])('create_before_destroy on its %s fails synth (PG-CFG-2)', (id) => {
  const { stack } = accessStack();
  const resource = at(stack, `OrdersAccess/Database-orders/${id}`);
  resource.addOverride('lifecycle', { create_before_destroy: true, replace_triggered_by: ['terraform_data.every_apply'] });
  const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
  const errors = synthErrors(stack);
  expect(errors[0]).toContain(`  [orders] ${address} PG-CFG-2 the resource, which orders/OrdersAccess makes, has lifecycle.create_before_destroy, so a replacement creates it over the object that exists and then the old instance's destroy undoes it`);
  // What it waits for, the server parameters among them, Terraform replaces create-before-destroy too: each fails its rule (Z78-2),
  // as does the pgaudit extension so replaced (C79-19).
  expect(errors.slice(1).every((line) => line.includes('is written by a resource Terraform replaces create-before-destroy') || line.includes('(pgaudit in orders) is replaced create-before-destroy'))).toBe(true);
});

// Adversarial run of stop 79, D79-36: a create_before_destroy resource reading the server's parameters through a local the evaluator
// folds (`length(local.l)`) forces create_before_destroy onto each of them as a direct reference does.
test('a create_before_destroy resource reading the server parameters through a local fails synth', () => {
  const built = (lifecycle: { createBeforeDestroy: boolean }) => {
    const stack = providerStack('orders');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const parameters = stack.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType === 'azurerm_postgresql_flexible_server_configuration');
    const ids = new TerraformLocal(stack, 'ids', parameters.map((parameter) => parameter.getStringAttribute('id')));
    new ResourceGroup(stack, 'rg2', { name: Fn.tostring(Fn.lengthOf(ids.asList)), location: 'westeurope', lifecycle });
    return synthErrors(stack);
  };
  const errors = built({ createBeforeDestroy: true });
  expect(errors).toEqual(expect.arrayContaining([expect.stringContaining('require_secure_transport is written by a resource Terraform replaces create-before-destroy (forced by the lifecycle.create_before_destroy of azurerm_resource_group.rg2,')]));
  expect(built({ createBeforeDestroy: false })).toEqual([]);
});

// Adversarial run of stop 80, C80-24: Terraform plans each stack apart, so a create_before_destroy resource of another stack that
// reads the server's database through a cross-stack reference forces nothing onto the server's parameters.
test('a create_before_destroy resource of another stack reading its database passes synth and check', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cross-stack-cbd-'));
  const app = new App({ outdir });
  const server = new SecureFlexibleServer(providerStack('db', app), 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  new KeyVaultSecret(providerStack('web', app), 'Connection', {
    name: 'orders-db', keyVaultId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv', value: server.databaseResources[0].id, lifecycle: { createBeforeDestroy: true },
  });
  expect(() => app.synth()).not.toThrow();
  expect(runCheck(['check', outdir], { out: () => undefined, err: () => undefined })).toBe(0);
});

describe('count, for_each and provisioners on its resources (PG-CFG-2), and the PUBLIC revokes (PGD-IAM-14)', () => {
  /** Where a missing revoke shows: the construct's first resource on the server by address, so a suppression on it covers the finding. */
  const firstOf = (stack: TerraformStack) => `postgresql_default_privileges.${at(stack, 'OrdersAccess/Database-orders/Default-readonly-public-function').friendlyUniqueId}`;
  const revokeGone = (address: string, what: string) =>
    `  [orders] ${address} PGD-IAM-14 no postgresql_grant revokes from PUBLIC ${what} of database orders, which orders/OrdersAccess manages: every role keeps PUBLIC's default rights there. Fix: Remove the override of the DatabaseAccess PUBLIC revokes (RevokePublicDatabase, RevokePublicSchema), add every database of the server to the DatabaseAccess databases, and grant PUBLIC nothing back.`;
  test.each([
    ['RevokePublicSchema', 'count', 0, 'its rights on schema public'],
    ['RevokePublicDatabase', 'count', 0, 'CONNECT and TEMPORARY on the database'],
    ['Group-readonly', 'for_each', { a: 1, b: 2 }, undefined],
  ])('%s with %s fails synth', (id, key, value, revoked) => {
    const { stack } = accessStack();
    const resource = at(stack, `OrdersAccess/Database-orders/${id}`);
    resource.addOverride(key, value);
    const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
    expect(synthErrors(stack)).toEqual([
      `  [orders] ${address} PG-CFG-2 the resource, which orders/OrdersAccess makes, has count or for_each, so an override may remove it or make copies of it. Fix: Remove the count, for_each, OpenTofu lifecycle.enabled or lifecycle.destroy, lifecycle.replace_triggered_by, provisioner or connection override; change the construct's props instead.`,
      // count = 0 makes no instance: the revoke is gone, and PGD-IAM-14 says so too.
      ...(revoked === undefined ? [] : [revokeGone(firstOf(stack), revoked)]),
    ]);
  });

  test('a schema it makes handed to the read-only group fails synth', () => {
    const { stack } = accessStack({ schemas: { orders: ['public', 'sales'] } });
    const schema = at(stack, 'OrdersAccess/Database-orders/Schema-sales');
    schema.addOverride('owner', 'orders_readonly');
    expect(synthErrors(stack)).toEqual([
      `  [orders] postgresql_schema.${schema.friendlyUniqueId} PGD-IAM-12 postgresql_schema.${schema.friendlyUniqueId}, which orders/OrdersAccess makes, is owned by "orders_readonly", not by orders_owner: its owner may create, change and drop anything in it. Fix: Remove the override or grant that widens the group role; give a role more access through the DatabaseAccess access level that has it, and list a schema in its schemas to give the levels rights there.`,
    ]);
  });

  test('a schema it makes renamed to one it does not declare fails synth, with the grants that follow its name (tenth review, A10a-7)', () => {
    const { stack } = accessStack({ schemas: { orders: ['sales'] } });
    const schema = at(stack, 'OrdersAccess/Database-orders/Schema-sales');
    schema.addOverride('name', 'hr');
    const errors = synthErrors(stack);
    expect(errors).toContain(
      `  [orders] postgresql_schema.${schema.friendlyUniqueId} PGD-IAM-12 postgresql_schema.${schema.friendlyUniqueId}, which orders/OrdersAccess makes, is named "hr", not a schema it declares for orders (["sales"]): its owner level would own it, and the levels' grants follow its name. Fix: ${PGD_IAM_12.fix}`,
    );
    // Each level's grants on the schema and its objects, and the default privileges, follow the name: 3 schema + 9 object grants + 6 defaults.
    expect(errors.filter((line) => line.includes('is given privileges in schema "hr" of orders'))).toHaveLength(18);
  });

  test('a revoke pointed at another role fails synth', () => {
    const { stack } = accessStack();
    const revoke = at(stack, 'OrdersAccess/Database-orders/RevokePublicSchema');
    revoke.addOverride('role', 'nobody');
    const address = `postgresql_grant.${revoke.friendlyUniqueId}`;
    expect(synthErrors(stack)).toEqual([
      `  [orders] ${address} PGD-IAM-13 ${address}, which orders/OrdersAccess makes, names role nobody as its role, a role orders/OrdersAccess does not declare: an override re-pointed it. Fix: ${PGD_IAM_13.fix}`,
      revokeGone(firstOf(stack), 'its rights on schema public'),
    ]);
  });

  test('a provisioner on a grant fails synth', () => {
    const { stack } = accessStack();
    const grant = at(stack, 'OrdersAccess/Database-orders/Grant-readonly-public-table');
    grant.addOverride('provisioner', [{ 'local-exec': { command: 'true' } }]);
    expect(synthErrors(stack)).toEqual([
      `  [orders] postgresql_grant.${grant.friendlyUniqueId} PG-CFG-2 the resource, which orders/OrdersAccess makes, has a provisioner block, so commands no rule reads may change what the construct made. Fix: Remove the count, for_each, OpenTofu lifecycle.enabled or lifecycle.destroy, lifecycle.replace_triggered_by, provisioner or connection override; change the construct's props instead.`,
      `  [orders] postgresql_grant.${grant.friendlyUniqueId} PG-CFG-3 a provisioner (local-exec) reaches the server; no rule reads what it does there, so it cannot be judged. Fix: Manage the server with the azurerm PostgreSQL resources the rules read, or review the resource by hand and suppress PG-CFG-3 on it with the reason.`,
    ]);
  });
});

describe('overrides that undo what DatabaseAccess sets fail synth and check (PGD-IAM-9 to PGD-IAM-13)', () => {
  const OBJECT_ID = '99999999-9999-9999-9999-999999999999';
  const OTHER_LABEL = 'aadauth,oid=88888888-9999-9999-9999-999999999999,type=user';

  /** The review's stack: a server with database orders, and one READ_ONLY Entra group role on it. */
  function reviewStack(app = Testing.app()): { stack: TerraformStack; postgres: SecureFlexibleServer; access: DatabaseAccess } {
    const stack = new TerraformStack(app, 'trust');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
    const access = new DatabaseAccess(stack, 'Access', {
      server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'],
      roles: [{ name: 'orders_reporting', database: 'orders', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.entra({ objectId: OBJECT_ID, principalType: EntraPrincipalType.GROUP }) }],
    });
    return { stack, postgres, access };
  }
  const addressOf = (resource: any) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
  /** Where the findings on the provider show: the construct's first resource (its pgaudit extension). */
  const pgaudit = (stack: TerraformStack) => addressOf(at(stack, 'Access/Database-orders/Pgaudit'));
  const providerOf = (access: DatabaseAccess) => `postgresql.${access.provider.alias}`;
  const SIGN_IN_FIX = 'Fix: Remove the override of the DatabaseAccess provider, of its resources\' provider or of its declaration in the JSON; change the DatabaseAccess props instead.';
  const GRANT_FIX = 'Fix: Remove the override or grant that widens the group role; give a role more access through the DatabaseAccess access level that has it, and list a schema in its schemas to give the levels rights there.';
  const ROLE_FIX = `Fix: ${PGD_IAM_13.fix}`;

  test('the props path passes synth, and the JSON carries what the construct declared', () => {
    const { stack, postgres, access } = reviewStack();
    expect(synthErrors(stack)).toEqual([]);
    const synth = stack.toTerraform() as any;
    expect(synth['//']['cdktf-azure-postgres-access']).toEqual([{
      path: 'trust/Access',
      server: addressOf(postgres.server),
      provider: providerOf(access),
      principalName: 'db-admins',
      groups: ['readonly', 'readwrite', 'owner'].map((level) => ({ name: `orders_${level}`, database: 'orders', access: level, schemas: ['public'] })),
      logins: [{ name: 'orders_reporting', group: 'orders_readonly', label: `aadauth,oid=${OBJECT_ID},type=group` }],
    }]);
    expect(synth['//']['cdktf-azure-postgres-constructs']).toContain('trust/Access');
  });

  test('a literal password in the provider, with azure_identity_auth false, fails synth without showing the password', () => {
    const { stack, access } = reviewStack();
    access.provider.addOverride('azure_identity_auth', false);
    access.provider.addOverride('password', 'Sup3rSecret!Passw0rd');
    const provider = providerOf(access);
    const first = addressOf(at(stack, 'Access/Database-orders/Default-readonly-public-function'));
    const errors = synthErrors(stack);
    expect(errors).toEqual([
      `  [trust] ${first} PGD-IAM-9 provider ${provider}: password is a literal, so the password is written in the configuration. Fix: Sign the postgresql provider in with an Entra token (azure_identity_auth = true, no password), as DatabaseAccess does, or take the password from a variable or a Key Vault secret.`,
      `  [trust] ${first} PGD-IAM-10 provider ${provider} has azure_identity_auth false, so it signs in with a password instead of an Entra token. Fix: Set azure_identity_auth = true on the postgresql provider and sign in as an Entra administrator (DatabaseAccess does).`,
      `  [trust] ${pgaudit(stack)} PGD-IAM-11 provider ${provider} of trust/Access has azure_identity_auth false, so it signs in with a password instead of an Entra token. ${SIGN_IN_FIX}`,
      `  [trust] ${pgaudit(stack)} PGD-IAM-11 provider ${provider} of trust/Access has a password, which DatabaseAccess never sets: it signs in with an Entra token only. ${SIGN_IN_FIX}`,
    ]);
    expect(errors.join('\n')).not.toContain('Sup3rSecret');
  });

  test.each([
    ['a host outside Azure', 'host', 'db.attacker.example', (server: string) => `has host "db.attacker.example", not the FQDN of ${server}: the Entra token of db-admins is sent there, and the roles, grants and PUBLIC revokes are made there instead of on the server.`],
    ['another Azure server', 'host', 'other-db.postgres.database.azure.com', (server: string) => `has host "other-db.postgres.database.azure.com", not the FQDN of ${server}: the Entra token of db-admins is sent there, and the roles, grants and PUBLIC revokes are made there instead of on the server.`],
    ['PgBouncer\'s port', 'port', 6432, () => 'has port 6432, not 5432.'],
    ['another principal', 'username', 'someone-else', () => 'signs in as "someone-else", not as the declared administrator "db-admins".'],
    ['superuser', 'superuser', true, () => 'has superuser true (not set means true), where the Azure administrator it signs in as is not a superuser.'],
  ])('the provider overridden to %s fails synth', (_name, key, value, problem) => {
    const { stack, postgres, access } = reviewStack();
    access.provider.addOverride(key, value);
    expect(synthErrors(stack)).toEqual([`  [trust] ${pgaudit(stack)} PGD-IAM-11 provider ${providerOf(access)} of trust/Access ${problem(addressOf(postgres.server))} ${SIGN_IN_FIX}`]);
  });

  test('the provider\'s literal host of its own server passes where azurerm writes its cloud', () => {
    const { stack, access } = reviewStack();
    (stack.node.children.find((child) => child instanceof AzurermProvider) as AzurermProvider).addOverride('environment', 'public');
    access.provider.addOverride('host', 'Orders-DB.postgres.database.azure.com');
    expect(synthErrors(stack)).toEqual([]);
  });

  // 38th run, A38a-2: with environment not written, the runner's ARM_ENVIRONMENT picks the cloud, so the public name may be another server.
  test('the provider\'s literal host of its own server fails closed where the runner\'s ARM_ENVIRONMENT picks the cloud', () => {
    const { stack, access } = reviewStack();
    access.provider.addOverride('host', 'Orders-DB.postgres.database.azure.com');
    const errors = synthErrors(stack);
    expect(errors).toEqual([expect.stringContaining(' PGD-IAM-11 ')]);
    expect(errors[0]).toMatch(/environment not set, so the runner's ARM_ENVIRONMENT decides its cloud \(reference the server's fqdn in the host, or write the provider's environment\)/);
  });

  test.each([
    ['DELETE and TRUNCATE on tables', 'Grant-readonly-public-table', ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'], '["INSERT","UPDATE","DELETE","TRUNCATE"] on table', '["SELECT"]'],
    ['CREATE on the schema', 'Grant-readonly-public-schema', ['USAGE', 'CREATE'], '["CREATE"] on schema', '["USAGE"]'],
    ['ALL by default', 'Default-readonly-public-table', ['ALL'], '["ALL"] by default on table', '["SELECT"]'],
  ])('the read-only group granted %s fails synth', (_name, id, privileges, given, level) => {
    const { stack } = reviewStack();
    const grant = at(stack, `Access/Database-orders/${id}`);
    grant.addOverride('privileges', privileges);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(grant)} PGD-IAM-12 role orders_readonly, the readonly group of orders (trust/Access), is granted ${given} by ${addressOf(grant)}, beyond the level's ${level}. ${GRANT_FIX}`,
    ]);
  });

  test.each(['Grant-readonly-public-table', 'Grant-readwrite-public-schema', 'Grant-owner-public-table', 'Default-readonly-public-table'])('%s moved to a schema the DatabaseAccess does not declare fails synth (tenth review, A10a-7)', (id) => {
    const { stack } = reviewStack();
    const grant = at(stack, `Access/Database-orders/${id}`);
    grant.addOverride('schema', 'hr');
    const level = id.split('-')[1];
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(grant)} PGD-IAM-12 role orders_${level}, the ${level} group of orders (trust/Access), is given privileges in schema "hr" of orders by ${addressOf(grant)}, beyond the schemas its DatabaseAccess declares there (["public"]). ${GRANT_FIX}`,
    ]);
  });

  test('a grant beside it to a group role, in a schema it does not declare, fails synth; in a declared one it passes (tenth review, A10a-7)', () => {
    const { stack, access } = reviewStack();
    const grant = (id: string, schema: string) => new Grant(stack, id, { provider: access.provider, database: 'orders', role: access.groupRoleName('orders', AccessLevel.READ_ONLY), schema, objectType: 'table', privileges: ['SELECT'] });
    grant('PublicReads', 'public');
    expect(synthErrors(stack)).toEqual([]);
    const hr = grant('HrReads', 'hr');
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(hr)} PGD-IAM-12 role orders_readonly, the readonly group of orders (trust/Access), is given privileges in schema "hr" of orders by ${addressOf(hr)}, beyond the schemas its DatabaseAccess declares there (["public"]). ${GRANT_FIX}`,
    ]);
  });

  test('the read-only group given with_grant_option fails synth', () => {
    const { stack } = reviewStack();
    const grant = at(stack, 'Access/Database-orders/Grant-readonly-public-table');
    grant.addOverride('with_grant_option', true);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(grant)} PGD-IAM-12 role orders_readonly, the readonly group of orders (trust/Access), may grant on what ${addressOf(grant)} gives it (with_grant_option). ${GRANT_FIX}`,
    ]);
  });

  test('the read-only login role made a member of orders_owner fails synth', () => {
    const { stack } = reviewStack();
    const role = at(stack, 'Access/Role-orders_reporting/Role');
    role.addOverride('roles', ['orders_owner']);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(role)} PGD-IAM-13 role orders_reporting is made a member of orders_owner by ${addressOf(role)}; trust/Access makes it a member of orders_readonly only. ${ROLE_FIX}`,
    ]);
  });

  test('the read-only group made a member of orders_owner fails synth', () => {
    const { stack } = reviewStack();
    const group = at(stack, 'Access/Database-orders/Group-readonly');
    group.addOverride('roles', ['orders_owner']);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(group)} PGD-IAM-13 role orders_readonly is made a member of orders_owner by ${addressOf(group)}; trust/Access makes it a member of no role. ${ROLE_FIX}`,
    ]);
  });

  test('a login role beside DatabaseAccess made a member of its owner group fails synth, by roles or by a grant (adversary A3-6)', () => {
    const { stack, access } = reviewStack();
    const owner = at(stack, 'Access/Database-orders/Group-owner');
    const intruder = new Role(stack, 'Intruder', { name: 'intruder', login: true, roles: ['orders_owner'], provider: access.provider });
    new SecurityLabel(stack, 'IntruderLabel', { objectType: 'role', objectName: intruder.name, labelProvider: 'pgaadauth', label: OTHER_LABEL, provider: access.provider });
    const grant = new GrantRole(stack, 'Grant', { role: 'analyst', grantRole: owner.name, provider: access.provider });
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(grant)} PGD-IAM-13 role analyst is made a member of orders_owner by ${addressOf(grant)}, gaining its rights; trust/Access gives orders_owner no members. ${ROLE_FIX}`,
      `  [trust] ${addressOf(intruder)} PGD-IAM-13 role intruder is made a member of orders_owner by ${addressOf(intruder)}, gaining its rights; trust/Access gives orders_owner no members. ${ROLE_FIX}`,
    ]);
    PostgresSecurityChecks.suppress(intruder, 'PGD-IAM-13', 'break-glass owner for the 2026-12 migration (SEC-902)');
    PostgresSecurityChecks.suppress(grant, 'PGD-IAM-13', 'break-glass owner for the 2026-12 migration (SEC-902)');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('a login role and a grant created inside DatabaseAccess (its scope) that join its owner group fail synth as beside it (a guard for A11a-1: memberships are compared whatever the scope)', () => {
    const { stack, access } = reviewStack();
    const owner = at(stack, 'Access/Database-orders/Group-owner');
    const intruder = new Role(access, 'Intruder', { name: 'intruder', login: true, roles: ['orders_owner'], provider: access.provider });
    const grant = new GrantRole(access, 'Grant', { role: 'analyst', grantRole: owner.name, provider: access.provider });
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(grant)} PGD-IAM-13 role analyst is made a member of orders_owner by ${addressOf(grant)}, gaining its rights; trust/Access gives orders_owner no members. ${ROLE_FIX}`,
      `  [trust] ${addressOf(intruder)} PGD-IAM-13 role intruder is made a member of orders_owner by ${addressOf(intruder)}, gaining its rights; trust/Access gives orders_owner no members. ${ROLE_FIX}`,
    ]);
  });

  test('a role managed elsewhere granted a read level through groupRoleName passes, as documented; the owner level fails (adversary A9-1)', () => {
    const { stack, access } = reviewStack();
    const etl = new Role(stack, 'Etl', { name: 'etl_job', login: false, provider: access.provider });
    new GrantRole(stack, 'EtlReads', { role: etl.name, grantRole: access.groupRoleName('orders', AccessLevel.READ_ONLY), provider: access.provider });
    new GrantRole(stack, 'OtherWrites', { role: 'reporting', grantRole: access.groupRoleName('orders', AccessLevel.READ_WRITE), provider: access.provider });
    expect(synthErrors(stack)).toEqual([]);
    const owner = new GrantRole(stack, 'EtlOwns', { role: etl.name, grantRole: access.groupRoleName('orders', AccessLevel.OWNER), provider: access.provider });
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(owner)} PGD-IAM-13 role etl_job is made a member of orders_owner by ${addressOf(owner)}, gaining its rights; trust/Access gives orders_owner no members. ${ROLE_FIX}`,
    ]);
  });

  test('a login\'s own membership, or a read level given to a role managed elsewhere, granted with admin option fails synth and check; suppressed with a reason, it passes (fifteenth review, A15a-17)', () => {
    const { stack, access } = reviewStack();
    const own = new GrantRole(stack, 'OwnAdmin', { role: 'orders_reporting', grantRole: access.groupRoleName('orders', AccessLevel.READ_ONLY), withAdminOption: true, provider: access.provider });
    const etl = new GrantRole(stack, 'EtlAdmin', { role: 'etl_job', grantRole: access.groupRoleName('orders', AccessLevel.READ_ONLY), withAdminOption: true, provider: access.provider });
    const admin = (grant: GrantRole, member: string) => `  [trust] ${addressOf(grant)} PGD-IAM-13 role ${member} is given orders_readonly WITH ADMIN OPTION by ${addressOf(grant)}: it may grant orders_readonly to any role and revoke it from its members; trust/Access grants no membership with admin option. ${ROLE_FIX}`;
    expect(synthErrors(stack)).toEqual([admin(etl, 'etl_job'), admin(own, 'orders_reporting')]);
    const file = join(mkdtempSync(join(tmpdir(), 'admin-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(stack.toTerraform()));
    expect(runCheck(['check', file], { out: () => undefined, err: () => undefined })).toBe(1);
    PostgresSecurityChecks.suppress(own, 'PGD-IAM-13', 'the reporting team hands out read access, SEC-903');
    PostgresSecurityChecks.suppress(etl, 'PGD-IAM-13', 'the reporting team hands out read access, SEC-903');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('a right granted with grant option to a login it declares fails synth, also where the direct grant is suppressed for PGD-IAM-5 (fifteenth review, A15a-17)', () => {
    const { stack, access } = reviewStack();
    const grant = new Grant(stack, 'AppOption', { database: 'orders', role: 'orders_reporting', schema: 'public', objectType: 'table', privileges: ['SELECT'], withGrantOption: true, provider: access.provider });
    PostgresSecurityChecks.suppress(grant, 'PGD-IAM-5', 'a direct read grant the vendor tool checks for, SEC-904');
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(grant)} PGD-IAM-13 role orders_reporting, a login trust/Access declares, is given the right to grant what it holds (with_grant_option) by ${addressOf(grant)}: it may hand its rights to any role; trust/Access grants none with grant option. ${ROLE_FIX}`,
    ]);
  });

  test('a grant it makes re-pointed to a role it does not declare fails synth (twelfth review, A12a-6)', () => {
    const { stack } = reviewStack();
    const grant = at(stack, 'Access/Database-orders/Grant-owner-public-schema');
    grant.addOverride('role', 'etl_user');
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(grant)} PGD-IAM-13 ${addressOf(grant)}, which trust/Access makes, names role etl_user as its role, a role trust/Access does not declare: an override re-pointed it. ${ROLE_FIX}`,
    ]);
  });

  test('owner-level rights granted beside it to a role it does not declare fail synth; read and write rights pass (twelfth review, A12a-7)', () => {
    const { stack, access } = reviewStack();
    new Grant(stack, 'EtlWrites', { provider: access.provider, database: 'orders', role: 'etl_user', schema: 'public', objectType: 'table', privileges: ['SELECT', 'INSERT'] });
    expect(synthErrors(stack)).toEqual([]);
    const create = new Grant(stack, 'EtlCreate', { provider: access.provider, database: 'orders', role: 'etl_user', schema: 'public', objectType: 'schema', privileges: ['CREATE', 'USAGE'], withGrantOption: true });
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(create)} PGD-IAM-13 role etl_user, which trust/Access does not declare, is given the right to grant what it holds (with_grant_option) in database orders, which trust/Access manages, by ${addressOf(create)}: rights of the owner level, which only the roles trust/Access declares may hold. ${ROLE_FIX}`,
    ]);
    PostgresSecurityChecks.suppress(create, 'PGD-IAM-13', 'migration job creates the sales tables (SEC-903)');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('a group role renamed fails synth', () => {
    const { stack } = reviewStack();
    const group = at(stack, 'Access/Database-orders/Group-readonly');
    group.addOverride('name', 'orders_renamed');
    const login = addressOf(at(stack, 'Access/Role-orders_reporting/Role'));
    // The level's grants and default privileges follow the name: each now gives its rights to a role the DatabaseAccess does not declare.
    const following = ['Default-readonly-public-function', 'Default-readonly-public-sequence', 'Default-readonly-public-table', 'Grant-readonly-database',
      'Grant-readonly-public-function', 'Grant-readonly-public-schema', 'Grant-readonly-public-sequence', 'Grant-readonly-public-table']
      .map((id) => addressOf(at(stack, `Access/Database-orders/${id}`)))
      .map((address) => `  [trust] ${address} PGD-IAM-13 ${address}, which trust/Access makes, names role orders_renamed as its role, a role trust/Access does not declare: an override re-pointed it. ${ROLE_FIX}`);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${login} PGD-IAM-13 role orders_reporting is made a member of orders_renamed by ${login}; trust/Access makes it a member of orders_readonly only. ${ROLE_FIX}`,
      ...following,
      `  [trust] ${addressOf(at(stack, 'Access/Database-orders/Default-readonly-public-function'))} PGD-IAM-13 trust/Access makes role orders_readonly, but no postgresql_role of the server has that name: an override renamed it. ${ROLE_FIX}`,
    ]);
  });

  test('the Entra label of orders_reporting mapped to another object ID fails synth', () => {
    const { stack } = reviewStack();
    const label = at(stack, 'Access/Role-orders_reporting/EntraLabel');
    label.addOverride('label', OTHER_LABEL);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${addressOf(label)} PGD-IAM-13 role orders_reporting is mapped to ${OTHER_LABEL} by ${addressOf(label)}; trust/Access maps it to aadauth,oid=${OBJECT_ID},type=group. ${ROLE_FIX}`,
    ]);
  });

  test('a suppression with a reason on the DatabaseAccess is the visible way to accept one', () => {
    const { stack, access } = reviewStack();
    at(stack, 'Access/Database-orders/RevokePublicSchema').addOverride('role', 'nobody');
    expect(synthErrors(stack)).toHaveLength(2);
    PostgresSecurityChecks.suppress(access, 'PGD-IAM-14', 'schema public is dropped by the migration job (SEC-901)');
    PostgresSecurityChecks.suppress(access, 'PGD-IAM-13', 'schema public is dropped by the migration job (SEC-901)');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('an override of the declarations in the JSON fails synth', () => {
    const { stack } = reviewStack();
    stack.addOverride('//.cdktf-azure-postgres-access', []);
    expect(synthErrors(stack)).toEqual([
      `  [trust] (stack) PGD-IAM-11 the DatabaseAccess declarations written into the JSON (//.cdktf-azure-postgres-access) are not those the constructs made, so \`check\` on the JSON would judge against another intent. ${SIGN_IN_FIX}`,
    ]);
  });

  test('check passes the JSON synth writes, and fails it with the literal password, the host or the grant overridden', () => {
    const cases: ((built: ReturnType<typeof reviewStack>) => void)[] = [
      () => undefined,
      ({ access }) => { access.provider.addOverride('azure_identity_auth', false); access.provider.addOverride('password', 'Sup3rSecret!Passw0rd'); },
      ({ access }) => access.provider.addOverride('host', 'db.attacker.example'),
      ({ stack }) => at(stack, 'Access/Database-orders/Grant-readonly-public-table').addOverride('privileges', ['DELETE']),
      ({ stack }) => at(stack, 'Access/Role-orders_reporting/EntraLabel').addOverride('label', OTHER_LABEL),
      // Tenth review, A10a-7: the same verdict as synth on a grant moved to an undeclared schema.
      ({ stack }) => at(stack, 'Access/Database-orders/Grant-readonly-public-table').addOverride('schema', 'hr'),
    ];
    const exits = cases.map((weaken) => {
      const outdir = mkdtempSync(join(tmpdir(), 'n7-'));
      const app = new App({ outdir, skipValidation: true });
      const built = reviewStack(app);
      weaken(built);
      // Synth refuses it; the JSON is what synth converts, judged by check as a pipeline would.
      const json = built.stack.toTerraform();
      writeFileSync(join(outdir, 'cdk.tf.json'), JSON.stringify(json));
      return runCheck(['check', join(outdir, 'cdk.tf.json')], { out: () => undefined, err: () => undefined });
    });
    expect(exits).toEqual([0, 1, 1, 1, 1, 1]);
  });
});
