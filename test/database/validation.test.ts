import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AccessLevel, DatabaseAccess, DatabaseAccessProps, DatabasePrincipal, EntraPrincipalType, FlexibleServerAuthentication, PostgresSslMode, SecureFlexibleServer } from '../../lib';
import { KEY_VAULT_ID, vnetSubnet } from '../helpers';
import { accessProps, APP_OBJECT_ID, DBA, entraMember, oneRole as role, oneVendor as vendor, SERVER_PASSWORD_REASON, serverProps, VENDOR_REASON } from '../support/database-fixture';

// The paths around validation: the errors a DatabaseAccess shares with the server constructs
// (their codes and whole messages), what passes (Terraform references where they cannot weaken
// anything), and that a refused DatabaseAccess leaves nothing behind. The errors only a
// DatabaseAccess causes are in the catalogue (test/support/database-access-errors.ts), and a
// token at every prop in tokens.test.ts.

const REASON = 'SEC-123: accepted by the security team until 2027-03';

function stackWithServer(server = serverProps()): { stack: TerraformStack; postgres: SecureFlexibleServer } {
  const stack = new TerraformStack(Testing.app(), 'orders');
  return { stack, postgres: new SecureFlexibleServer(stack, 'Postgres', server) };
}

function variable(stack: TerraformStack, name: string): string {
  return new TerraformVariable(stack, name, { type: 'string' }).stringValue;
}

test('a refused DatabaseAccess adds nothing to the stack: no provider, no resource', () => {
  const { stack, postgres } = stackWithServer();
  expect(() => new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(postgres), databases: ['shipping'] })).toThrow('Invalid databases[0]');
  const json = JSON.parse(Testing.synth(stack));
  expect(json.provider.postgresql).toBeUndefined();
  expect(Object.keys(json.resource).filter((type) => type.startsWith('postgresql_') || type === 'time_rotating')).toEqual([]);
});

test('a refusal after another DatabaseAccess on the server claimed nothing: the database can still be managed', () => {
  const { stack, postgres } = stackWithServer();
  expect(() => new DatabaseAccess(stack, 'Broken', { ...accessProps(postgres), roles: [{ ...accessProps(postgres).roles[0], access: 'admin' as AccessLevel }] })).toThrow('Invalid roles[0].access');
  expect(() => new DatabaseAccess(stack, 'OrdersAccess', accessProps(postgres))).not.toThrow();
});

test('references pass where they cannot weaken anything: connectAs, object IDs, role names, the Key Vault', () => {
  const { stack, postgres } = stackWithServer();
  expect(() => new DatabaseAccess(stack, 'OrdersAccess', {
    ...accessProps(postgres),
    connectAs: { principalName: variable(stack, 'dba') },
    roles: [
      { name: variable(stack, 'app'), database: 'orders', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.entra({ objectId: variable(stack, 'oid'), principalType: EntraPrincipalType.GROUP }) },
      { name: 'billing_vendor', database: 'orders', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.password({ rotateEveryDays: 30, justification: VENDOR_REASON, keyVaultResourceId: variable(stack, 'vault') }) },
    ],
  })).not.toThrow();
  expect(Testing.synth(stack)).toContain('"username": "${var.dba}"');
});

test('a literal connectAs is accepted when the server names its administrators by reference', () => {
  const probe = new TerraformStack(Testing.app(), 'probe');
  const { stack, postgres } = stackWithServer(serverProps({
    entraAdministrators: [{ objectId: '66666666-7777-8888-9999-000000000000', principalName: variable(probe, 'admin'), principalType: EntraPrincipalType.GROUP }],
  }));
  expect(() => new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(postgres), connectAs: { principalName: 'grp-orders-dba' } })).not.toThrow();
});

test('an empty role list creates the group roles only', () => {
  const { stack, postgres } = stackWithServer();
  new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(postgres), roles: [] });
  const json = JSON.parse(Testing.synth(stack));
  expect(Object.values(json.resource.postgresql_role).map((r) => (r as { name: string }).name).sort()).toEqual(['orders_owner', 'orders_readonly', 'orders_readwrite']);
  expect(json.resource.postgresql_security_label).toBeUndefined();
});

/** Makes the DatabaseAccess with the props changed; returns what it threw and the library resources the stack holds after. */
function attempt(change: (stack: TerraformStack, postgres: SecureFlexibleServer) => object): { error: Error & { code?: string; prop?: string }; written: string[] } {
  const { stack, postgres } = stackWithServer();
  let error: Error = new Error('nothing was thrown');
  try {
    new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(postgres), ...change(stack, postgres) } as DatabaseAccessProps);
  } catch (thrown) {
    error = thrown as Error;
  }
  const json = JSON.parse(Testing.synth(stack));
  const written = [...Object.keys(json.provider ?? {}), ...Object.keys(json.resource)].filter((type) => /^(postgresql|time)/.test(type));
  return { error, written };
}

describe('errors shared with the server constructs: the same codes, the prop named from DatabaseAccessProps', () => {
  test.each<[string, (stack: TerraformStack, postgres: SecureFlexibleServer) => object, string, string]>([
    ['no server', () => ({ server: undefined }), 'REQUIRED', 'Invalid server: (not set) is required. Fix: give the SecureFlexibleServer whose databases this manages.'],
    ['a plain object as the server', () => ({ server: { name: 'orders-db' } }), 'PROP-TYPE', 'Invalid server: {"name":"orders-db"} is not a SecureFlexibleServer. Fix: pass the SecureFlexibleServer construct whose databases this manages.'],
    ['another construct as the server', (stack) => ({ server: stack }), 'PROP-TYPE', 'Invalid server: "orders" is not a SecureFlexibleServer. Fix: pass the SecureFlexibleServer construct whose databases this manages.'],
    ['the server\'s name as the server', (_, postgres) => ({ server: postgres.serverName }), 'PROP-TYPE', 'Invalid server: "${…}" is not a SecureFlexibleServer. Fix: pass the SecureFlexibleServer construct whose databases this manages.'],
    ['no connectAs', () => ({ connectAs: undefined }), 'REQUIRED', 'Invalid connectAs: (not set) is required. Fix: give the principalName of one of the server\'s entraAdministrators: Terraform signs in as it.'],
    ['an empty connectAs.principalName', () => ({ connectAs: { principalName: '' } }), 'REQUIRED', 'Invalid connectAs.principalName: "" is required. Fix: give the principalName of one of the server\'s entraAdministrators: Terraform signs in as it.'],
    ['a blank connectAs.principalName', () => ({ connectAs: { principalName: ' ' } }), 'ENTRA-PRINCIPAL-NAME-BLANK', 'Invalid connectAs.principalName: " " is blank. Fix: give the principalName of one of the server\'s entraAdministrators: Terraform signs in as it.'],
    [
      'a connectAs.principalName with a line break (tenth review, A10a-9)',
      () => ({ connectAs: { principalName: 'grp-orders-dba\n' } }),
      'ENTRA-PRINCIPAL-NAME-FORMAT',
      'Invalid connectAs.principalName: "grp-orders-dba\\n" holds a double quote or a control character. Fix: give the principal\'s display name, which Azure makes the name of its PostgreSQL role: use 1-63 bytes of visible characters, without double quotes, "${" or "%{", or surrounding spaces.',
    ],
    [
      'a role name with a right-to-left override (tenth review, A10a-9)',
      () => role({ name: 'orders_\u202eppa' }),
      'DB-ROLE-NAME-FORMAT',
      'Invalid roles[0].name: "orders_\\u{202e}ppa" holds U+202E, an invisible or bidirectional character, with which the name reads like another. Fix: use 1-63 bytes of visible characters, without double quotes, "${" or "%{", or surrounding spaces.',
    ],
    [
      'a password member named as the server\'s password administrator, in another case (65th run, A65a-4)',
      () => ({ roles: [{ ...vendor().roles[0], name: 'PGADMIN_ops' }] }),
      'DB-ROLE-NAME-ADMIN',
      'Invalid roles[0].name: "PGADMIN_ops" is the server\'s password administrator (its administratorLogin). Fix: choose another name.',
    ],
    [
      'a role name with a thin space (eleventh review, A11a-7)',
      () => role({ name: 'orders\u2009app' }),
      'DB-ROLE-NAME-FORMAT',
      'Invalid roles[0].name: "orders\\u{2009}app" holds U+2009, a space other than U+0020, with which the name reads like another. Fix: use 1-63 bytes of visible characters, without double quotes, "${" or "%{", or surrounding spaces.',
    ],
    [
      'a role name holding a directive, which Terraform makes azure_pg_admin at apply (adversarial run of stop 67)',
      () => role({ name: 'azure_pg_%{if true}admin%{endif}' }),
      'DB-ROLE-NAME-FORMAT',
      'Invalid roles[0].name: "azure_pg_%{if true}admin%{endif}" holds "${" or "%{", a template Terraform evaluates at apply time: the name it makes is not the one judged at synth. Fix: use 1-63 bytes of visible characters, without double quotes, "${" or "%{", or surrounding spaces.',
    ],
    [
      'a role name holding an interpolation (adversarial run of stop 67)',
      () => role({ name: '${var.tenant}' }),
      'DB-ROLE-NAME-FORMAT',
      'Invalid roles[0].name: "${var.tenant}" holds "${" or "%{", a template Terraform evaluates at apply time: the name it makes is not the one judged at synth. Fix: use 1-63 bytes of visible characters, without double quotes, "${" or "%{", or surrounding spaces.',
    ],
    [
      'a connectAs.principalName holding a directive (adversarial run of stop 67)',
      () => ({ connectAs: { principalName: 'grp-orders-%{if true}dba%{endif}' } }),
      'ENTRA-PRINCIPAL-NAME-FORMAT',
      'Invalid connectAs.principalName: "grp-orders-%{if true}dba%{endif}" holds "${" or "%{", a template Terraform evaluates at apply time: the name it makes is not the one judged at synth. Fix: give the principal\'s display name, which Azure makes the name of its PostgreSQL role: use 1-63 bytes of visible characters, without double quotes, "${" or "%{", or surrounding spaces.',
    ],
    [
      'two roles whose names make one construct id, "/" being written "--" (adversarial run of stop 67)',
      () => ({ roles: [...role({ name: 'orders/app' }).roles, ...role({ name: 'orders--app', access: AccessLevel.READ_ONLY }).roles] }),
      'DB-ROLE-NAME-DUPLICATE',
      'Invalid roles[1].name: "orders--app" makes the construct id of "orders/app", as constructs writes "/" in an id as "--". Fix: give each a name that differs by more than "/" against "--".',
    ],
    [
      'two schemas whose names make one construct id (adversarial run of stop 67)',
      () => ({ schemas: { orders: ['sales--eu', 'sales/eu'] } }),
      'DB-SCHEMA-DUPLICATE',
      'Invalid schemas.orders[1]: "sales/eu" makes the construct id of "sales--eu", as constructs writes "/" in an id as "--". Fix: give each a name that differs by more than "/" against "--".',
    ],
    [
      'a schema with a hair space, which reads as "sales" (eleventh review, A11a-7)',
      () => ({ schemas: { orders: ['sa\u200ales'] } }),
      'DB-SCHEMA-NAME',
      'Invalid schemas.orders[0]: "sa\\u{200a}les" holds U+200A, a space other than U+0020, with which the name reads like another. Fix: use 1-63 bytes of visible characters, without double quotes, "${" or "%{", or surrounding spaces.',
    ],
    [
      'a variable as sslMode',
      (stack) => ({ sslMode: variable(stack, 'ssl_mode') }),
      'SECURITY-SETTING-TOKEN',
      'Invalid sslMode: "${…}" is a Terraform token, known only at apply time: a security setting known only then could weaken the server with no justification and no warning (Terraform itself refuses a variable in prevent_destroy). Fix: give a PostgresSslMode member as a literal, e.g. PostgresSslMode.VERIFY_FULL; choose per environment in your code, not in a Terraform variable.',
    ],
    [
      'REQUIRE without a justification',
      () => ({ sslMode: PostgresSslMode.REQUIRE }),
      'JUSTIFICATION-MISSING',
      'Invalid sslModeJustification: (not set) is required to connect without checking the server\'s certificate. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
    ],
    [
      'REQUIRE with a short justification',
      () => ({ sslMode: PostgresSslMode.REQUIRE, sslModeJustification: 'no roots' }),
      'JUSTIFICATION-SHORT',
      'Invalid sslModeJustification: "no roots" is too short to justify the choice to connect without checking the server\'s certificate. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
    ],
    ['a typo in a prop', () => ({ sslmode: PostgresSslMode.REQUIRE }), 'PROP-UNKNOWN', 'Invalid sslmode: (a string) is not a prop of DatabaseAccessProps. Fix: did you mean "sslMode"? Remove or rename it.'],
    [
      'a variable as a database',
      (stack) => ({ databases: [variable(stack, 'database')] }),
      'SECURITY-SETTING-TOKEN',
      'Invalid databases[0]: "${…}" is a Terraform token, known only at apply time: a security setting known only then could weaken the server with no justification and no warning (Terraform itself refuses a variable in prevent_destroy). Fix: give a database name as a literal, e.g. "orders"; choose per environment in your code, not in a Terraform variable.',
    ],
    [
      'a schema written as a Terraform template (tenth review, A10a-8)',
      () => ({ schemas: { orders: ['public', '%{if true}hr%{endif}'] } }),
      'SECURITY-SETTING-TEMPLATE',
      'Invalid schemas.orders[1]: "%{if true}hr%{endif}" holds a Terraform template sequence ("${" or "%{"): cdktf writes it as it is and Terraform evaluates it at apply time, so a security setting known only then could weaken the server with no justification and no warning. Fix: give a schema name as plain text, e.g. "sales", without "${" or "%{".',
    ],
    [
      'a role\'s database holding an escaped template',
      () => role({ database: 'orders$${var.x}' }),
      'SECURITY-SETTING-TEMPLATE',
      'Invalid roles[0].database: "orders$${var.x}" holds a Terraform template sequence ("${" or "%{"): cdktf writes it as it is and Terraform evaluates it at apply time, so a security setting known only then could weaken the server with no justification and no warning. Fix: give a database name as plain text, e.g. "orders", without "${" or "%{".',
    ],
    ['a database listed twice', () => ({ databases: ['orders', 'orders'] }), 'DATABASE-NAME-DUPLICATE', 'Invalid databases[1]: "orders" is listed twice. Fix: list each database once.'],
    ['a list as schemas', () => ({ schemas: ['public'] }), 'PROP-TYPE', 'Invalid schemas: ["public"] is not a map of lists of schema names. Fix: give a map of lists of schema names.'],
    [
      'schemas of a database it does not manage',
      () => ({ schemas: { billing: ['public'] } }),
      'DB-DATABASE-UNMANAGED',
      'Invalid schemas.billing: ["public"] is for a database this DatabaseAccess does not manage. Fix: add "billing" to databases, or remove the entry.',
    ],
    ['no roles', () => ({ roles: undefined }), 'REQUIRED', 'Invalid roles: (not set) is required. Fix: give a list of { name, database, access, member }, or [] for the group roles only.'],
    [
      'a variable as the roles',
      (stack) => ({ roles: new TerraformVariable(stack, 'roles', {}).listValue }),
      'LIST-TOKEN',
      'Invalid roles: ["${…}"] is a Terraform token, known only at apply time: the construct makes one resource per item, so it must know the items at synth. Fix: list the items in your code (an item may still hold references).',
    ],
    ['null as a role', () => ({ roles: [null] }), 'PROP-TYPE', 'Invalid roles[0]: null is not a DatabaseRole object. Fix: give a DatabaseRole object.'],
    ['a role without a name', () => role({ name: '' }), 'REQUIRED', 'Invalid roles[0].name: "" is required. Fix: give the name the member signs in with, e.g. "orders_app".'],
    [
      'a plain object as a member',
      () => role({ member: { objectId: APP_OBJECT_ID } }),
      'PROP-TYPE',
      'Invalid roles[0].member: {"objectId":"aaaaaaaa-0000-0000-0000-000000000001"} is not a DatabasePrincipal. Fix: use DatabasePrincipal.entra({ objectId, principalType }) or DatabasePrincipal.password({ rotateEveryDays, justification }).',
    ],
    ['a factory given no options', () => role({ member: DatabasePrincipal.password(undefined as never) }), 'REQUIRED', 'Invalid roles[0].member.password: (not set) is required. Fix: give { rotateEveryDays, justification }.'],
    [
      'a typo in a member\'s options',
      () => vendor({ rotateEveryDay: 30 }),
      'PROP-UNKNOWN',
      'Invalid roles[0].member.password.rotateEveryDay: (a number) is not a prop of PasswordPrincipalOptions. Fix: did you mean "rotateEveryDays"? Remove or rename it.',
    ],
    [
      'an object ID that is no GUID',
      () => role({ member: entraMember({ objectId: 'orders-app' }) }),
      'ENTRA-OBJECT-ID-FORMAT',
      'Invalid roles[0].member.entra.objectId: "orders-app" is not a UUID. Fix: give the GUID from Entra ID, e.g. "00000000-0000-0000-0000-000000000000".',
    ],
    [
      'a principal type that is not one',
      () => role({ member: entraMember({ principalType: 'ManagedIdentity' }) }),
      'ENTRA-PRINCIPAL-TYPE',
      'Invalid roles[0].member.entra.principalType: "ManagedIdentity" is not supported. Fix: use EntraPrincipalType.USER, GROUP or SERVICE_PRINCIPAL.',
    ],
    [
      'a password member without a justification',
      () => vendor({ justification: undefined }),
      'JUSTIFICATION-MISSING',
      'Invalid roles[0].member.password.justification: (not set) is required to let this member sign in with a password instead of Entra ID. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
    ],
    [
      'a justification that is a Terraform template',
      () => vendor({ justification: 'approved in ${var.ticket}' }),
      'JUSTIFICATION-TEMPLATE',
      'Invalid roles[0].member.password.justification: "approved in ${var.ticket}" holds a Terraform expression ("${" or "%{"), which the warning and the security report would show unresolved. Fix: write the reason as plain text, e.g. "SEC-123: accepted by the security team until 2027-03".',
    ],
    [
      'a variable as rotateEveryDays',
      (stack) => vendor({ rotateEveryDays: new TerraformVariable(stack, 'days', { type: 'number' }).numberValue }),
      'SECURITY-SETTING-TOKEN',
      'Invalid roles[0].member.password.rotateEveryDays: ${…} is a Terraform token, known only at apply time: a security setting known only then could weaken the server with no justification and no warning (Terraform itself refuses a variable in prevent_destroy). Fix: give a number as a literal; choose per environment in your code, not in a Terraform variable.',
    ],
    [
      'a Key Vault name instead of its ID',
      () => vendor({ keyVaultResourceId: 'kv-postgres' }),
      'RESOURCE-ID-KIND',
      'Invalid roles[0].member.password.keyVaultResourceId: "kv-postgres" is not a Key Vault resource ID. Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>.',
    ],
  ])('%s', (_, change, code, message) => {
    const { error, written } = attempt(change);
    expect(error.message).toBe(message);
    expect(error).toMatchObject({ name: 'ValidationError', code });
    expect(message.startsWith(`Invalid ${error.prop}: `)).toBe(true);
    expect(written).toEqual([]);
  });
});

test('a justification of REQUIRE is accepted and printed; one without REQUIRE is refused (DB-SSL-JUSTIFICATION-UNUSED)', () => {
  expect(attempt(() => ({ sslMode: PostgresSslMode.REQUIRE, sslModeJustification: REASON })).error.message).toBe('nothing was thrown');
  expect(attempt(() => ({ sslMode: PostgresSslMode.VERIFY_FULL, sslModeJustification: REASON })).error).toMatchObject({ code: 'DB-SSL-JUSTIFICATION-UNUSED' });
});

test('a database named like a property every object inherits gets the default schemas, not the inherited value', () => {
  const stack = new TerraformStack(Testing.app(), 'orders');
  const postgres = new SecureFlexibleServer(stack, 'Postgres', serverProps({ databases: [{ name: 'constructor' }] }));
  new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(postgres), databases: ['constructor'], roles: [], schemas: {} });
  const grants = Object.values(JSON.parse(Testing.synth(stack)).resource.postgresql_grant) as { schema?: string }[];
  expect([...new Set(grants.map((grant) => grant.schema).filter((schema) => schema !== undefined))]).toEqual(['public']);
});

test('props that are not an object are refused with the library\'s error', () => {
  const { stack } = stackWithServer();
  expect(() => new DatabaseAccess(stack, 'OrdersAccess', null as never)).toThrow(expect.objectContaining({
    code: 'PROP-TYPE',
    message: 'Invalid props: null is not a DatabaseAccessProps object. Fix: give a DatabaseAccessProps object.',
  }));
});

describe('Key Vault secret names the library writes passwords to (ninth review, A9-11)', () => {
  const member = (keyVaultResourceId?: string) => DatabasePrincipal.password({ rotateEveryDays: 90, justification: VENDOR_REASON, keyVaultResourceId });
  const passwordRole = (name: string, keyVaultResourceId: string | undefined = KEY_VAULT_ID) => ({ name, database: 'orders', access: AccessLevel.READ_ONLY, member: member(keyVaultResourceId) });
  const inVault = serverProps({ authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: SERVER_PASSWORD_REASON, keyVaultResourceId: KEY_VAULT_ID }) });

  test('a role named "administrator" in the vault of the server\'s own password is refused, and the refused construct adds nothing', () => {
    const { stack, postgres } = stackWithServer(inVault);
    expect(() => new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(postgres), roles: [passwordRole('Administrator')] })).toThrow(
      'Invalid roles[0].name: "Administrator" gives Key Vault secret name "orders-db-Administrator-password", which the administrator password of orders/Postgres writes in the same vault.',
    );
    expect(JSON.parse(Testing.synth(stack)).resource.postgresql_role).toBeUndefined();
    new DatabaseAccess(stack, 'Retry', { ...accessProps(postgres), roles: [passwordRole('vendor_x')] });
  });

  test('names that differ only where Key Vault keeps "-" collide; in another vault, or named apart, they do not', () => {
    const first = stackWithServer();
    expect(() => new DatabaseAccess(first.stack, 'A', { ...accessProps(first.postgres), roles: [passwordRole('vendor.x'), passwordRole('VENDOR_X')] })).toThrow(/roles\[1\]\.name: "VENDOR_X" gives Key Vault secret name "orders-db-VENDOR-X-password", which role "vendor\.x" of orders\/A writes/);
    const { stack, postgres } = stackWithServer();
    new DatabaseAccess(stack, 'A', { ...accessProps(postgres), roles: [passwordRole('vendor.x'), passwordRole('vendor_x', `${KEY_VAULT_ID}-2`), passwordRole('vendor_y')] });
  });

  test('two servers of the app sharing a vault are compared by the whole secret name', () => {
    const app = Testing.app();
    const orders = new SecureFlexibleServer(new TerraformStack(app, 'a'), 'Postgres', serverProps({ name: 'orders' }));
    const ordersDb = new SecureFlexibleServer(new TerraformStack(app, 'b'), 'Postgres', serverProps({ name: 'orders-db', network: vnetSubnet(2) }));
    new DatabaseAccess(orders, 'A', { ...accessProps(orders), roles: [passwordRole('db_vendor')] });
    expect(() => new DatabaseAccess(ordersDb, 'A', { ...accessProps(ordersDb), roles: [passwordRole('vendor')] })).toThrow(
      'Invalid roles[0].name: "vendor" gives Key Vault secret name "orders-db-vendor-password", which role "db_vendor" of a/Postgres/A writes in the same vault.',
    );
    new DatabaseAccess(ordersDb, 'B', { ...accessProps(ordersDb), roles: [passwordRole('vendor', `${KEY_VAULT_ID}-2`)] });
  });

  test('a secret name over Key Vault\'s 127 characters is refused', () => {
    const { stack, postgres } = stackWithServer(serverProps({ name: 'o'.repeat(63) }));
    expect(() => new DatabaseAccess(stack, 'A', { ...accessProps(postgres), roles: [passwordRole('v'.repeat(63))] })).toThrow(/gives Key Vault secret name "o{63}-v{63}-password" of 136 characters, over the 127 Key Vault allows\. Fix: shorten the name\./);
  });
});

// 65th adversarial run, A65a-4: a member named as an administrator other than connectAs took, or later gave, that administrator's role.
test('a member of either kind named as an Entra administrator other than connectAs is refused', () => {
  const stack = new TerraformStack(Testing.app(), 'orders');
  const admins = [
    { objectId: '66666666-7777-8888-9999-000000000000', principalName: DBA, principalType: EntraPrincipalType.GROUP },
    { objectId: '66666666-7777-8888-9999-000000000001', principalName: 'dba2', principalType: EntraPrincipalType.USER },
  ];
  const postgres = new SecureFlexibleServer(stack, 'Postgres', serverProps({ entraAdministrators: admins }));
  const message = 'Invalid roles[0].name: "DBA2" is the name of an Entra administrator of the server. Fix: choose another name.';
  expect(() => new DatabaseAccess(stack, 'Vendor', { ...accessProps(postgres), roles: [{ ...vendor().roles[0], name: 'DBA2' }] })).toThrow(message);
  expect(() => new DatabaseAccess(stack, 'App', { ...accessProps(postgres), ...role({ name: 'DBA2' }) })).toThrow(message);
});

// Adversarial run of stop 72, B72-1: a JavaScript caller's stand-in for the server gave the provider an FQDN or tenant of its own;
// it failed only at synth, with a fix that named an override nobody wrote.
test.each<[string, (postgres: SecureFlexibleServer) => SecureFlexibleServer]>([
  ['an object made from the server', (postgres) => Object.create(postgres, { fqdn: { value: 'db.attacker.example' } }) as SecureFlexibleServer],
  ['a Proxy of the server', (postgres) => new Proxy(postgres, { get: (target, key, receiver) => (key === 'tenantId' ? '00000000-0000-0000-0000-0000000000ff' : Reflect.get(target, key, receiver)) })],
])('%s is refused at construction (PROP-NOT-THE-CONSTRUCT); the server itself is accepted', (_name, standIn) => {
  const { stack, postgres } = stackWithServer();
  expect(() => new DatabaseAccess(stack, 'Stand-in', accessProps(standIn(postgres)))).toThrow(expect.objectContaining({ code: 'PROP-NOT-THE-CONSTRUCT', prop: 'server' }));
  expect(() => new DatabaseAccess(stack, 'OrdersAccess', accessProps(postgres))).not.toThrow();
});

// Adversarial run 73, E73-13: a server in a stack of the DatabaseAccess's stack's name, but another stack, was refused as being in stack
// "orders", not in "orders". The message tells the stacks apart: by their paths, or as another app's; the server's own stack is accepted.
test.each<[string, () => { own: TerraformStack; its: TerraformStack }, string]>([
  ['a server of another app, whose stack has the same name', () => ({ own: new TerraformStack(Testing.app(), 'orders'), its: new TerraformStack(Testing.app(), 'orders') }),
    'Invalid server: "orders/Postgres" is in stack "orders" of another app, not in this app\'s stack "orders". Fix: create the DatabaseAccess in the stack of its server, in the app that holds the server.'],
  ['a server in a stack of the same name, nested in another construct of the app', () => {
    const app = Testing.app();
    return { own: new TerraformStack(new Construct(app, 'Shop'), 'orders'), its: new TerraformStack(new Construct(app, 'Billing'), 'orders') };
  }, 'Invalid server: "Billing/orders/Postgres" is in stack "Billing/orders", not in "Shop/orders". Fix: create the DatabaseAccess in the stack of its server.'],
])('%s is refused with DB-SERVER-STACK naming two different stacks (E73-13); in its own stack it is accepted', (_name, stacks, message) => {
  const { own, its } = stacks();
  const postgres = new SecureFlexibleServer(its, 'Postgres', serverProps());
  expect(() => new DatabaseAccess(own, 'OrdersAccess', accessProps(postgres))).toThrow(expect.objectContaining({ code: 'DB-SERVER-STACK', message }));
  expect(() => new DatabaseAccess(its, 'OrdersAccess', accessProps(postgres))).not.toThrow();
});

// Adversarial run 73, E73-12: a Proxy written into the construct tree in place of the server is the child the tree holds, yet answers
// with values of its own; it is refused all the same, and the server put back is accepted.
test('a Proxy of the server put into the construct tree in place of the server is refused (PROP-NOT-THE-CONSTRUCT)', () => {
  const { stack, postgres } = stackWithServer();
  const children = (stack.node as unknown as { _children: Record<string, unknown> })._children;
  const proxy = new Proxy(postgres, { get: (target, key) => (key === 'fqdn' ? 'db.attacker.example' : Reflect.get(target, key, target)) });
  children[postgres.node.id] = proxy;
  expect(() => new DatabaseAccess(stack, 'Stand-in', accessProps(proxy))).toThrow(expect.objectContaining({ code: 'PROP-NOT-THE-CONSTRUCT', prop: 'server' }));
  children[postgres.node.id] = postgres;
  expect(() => new DatabaseAccess(stack, 'OrdersAccess', accessProps(postgres))).not.toThrow();
});
