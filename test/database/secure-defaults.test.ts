import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, EntraPrincipalType, PostgresSslMode, SecureFlexibleServer } from '../../lib';
import { resourcesOf, SynthesizedStack, TerraformBlock, vnetSubnet, warningsOf } from '../helpers';
import { accessProps, accessStack, APP_OBJECT_ID, DBA, MIGRATOR_OBJECT_ID, REPORTING_OBJECT_ID, serverProps, VENDOR_REASON } from '../support/database-fixture';

// One assertion per promise of DatabaseAccess, on the synthesized JSON (snake_case keys).

const { stack, access } = accessStack();
const synth = JSON.parse(Testing.synth(stack)) as SynthesizedStack & { provider: { [type: string]: TerraformBlock[] } };
const roles = resourcesOf(synth, 'postgresql_role');
const grants = resourcesOf(synth, 'postgresql_grant');
const defaults = resourcesOf(synth, 'postgresql_default_privileges');
const PROVIDER = /^postgresql\.cdktf_azure_postgres_postgresql_[0-9a-f]{16}$/;

function role(name: string): TerraformBlock {
  const found = roles.filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one role ${name}, found ${found.length}`);
  return found[0];
}

/** The name a "${postgresql_role.x.name}" reference stands for. */
function roleName(reference: string): string {
  const id = /^\$\{postgresql_role\.([^.]+)\.name\}$/.exec(reference)?.[1];
  return synth.resource.postgresql_role[id!].name;
}

describe('the postgresql provider', () => {
  const [provider] = synth.provider.postgresql;

  test('signs in to the server\'s FQDN as the Entra administrator, with a token for the server\'s tenant, as a non-superuser', () => {
    expect(provider).toEqual({
      alias: expect.stringMatching(/^cdktf_azure_postgres_postgresql_[0-9a-f]{16}$/),
      host: expect.stringMatching(/^\$\{azurerm_postgresql_flexible_server\.Postgres_Server_\w+\.fqdn\}$/),
      port: 5432,
      database: 'postgres',
      username: DBA,
      azure_identity_auth: true,
      azure_tenant_id: '11111111-2222-3333-4444-555555555555',
      superuser: false,
      sslmode: 'verify-full',
      connect_timeout: 30,
    });
  });

  test('is the only postgresql provider, and every postgresql resource names it', () => {
    expect(synth.provider.postgresql).toHaveLength(1);
    const postgresql = Object.entries(synth.resource).filter(([type]) => type.startsWith('postgresql_')).flatMap(([, blocks]) => Object.values(blocks));
    expect(postgresql.length).toBeGreaterThan(30);
    expect(postgresql.filter((r) => !PROVIDER.test(r.provider))).toEqual([]);
    expect(`postgresql.${provider.alias}`).toBe(postgresql[0].provider);
  });

  test('the random and time resources name the library\'s aliased providers', () => {
    expect(resourcesOf(synth, 'time_rotating').map((r) => r.provider)).toEqual(['time.cdktf_azure_postgres_time']);
    const memberPassword = resourcesOf(synth, 'random_password').filter((r) => r.keepers.rotation !== undefined);
    expect(memberPassword.map((r) => r.provider)).toEqual(['random.cdktf_azure_postgres_random']);
    expect(synth.provider.time).toEqual([{ alias: 'cdktf_azure_postgres_time' }]);
  });

  test("one library random provider serves the server's administrator password and the member's, generated alike", () => {
    const [administrator, member] = [
      resourcesOf(synth, 'random_password').filter((r) => r.keepers.version !== undefined),
      resourcesOf(synth, 'random_password').filter((r) => r.keepers.rotation !== undefined),
    ];
    expect([administrator.length, member.length]).toEqual([1, 1]);
    expect(synth.provider.random).toEqual([{ alias: 'cdktf_azure_postgres_random' }]);
    expect([administrator[0].provider, member[0].provider]).toEqual(['random.cdktf_azure_postgres_random', 'random.cdktf_azure_postgres_random']);
    const settings = ({ keepers, ...rest }: TerraformBlock) => ({ ...rest, keepers: Object.keys(keepers) });
    expect(settings(administrator[0])).toEqual({ ...settings(member[0]), keepers: ['version'] });
    expect(settings(member[0])).toEqual({
      provider: 'random.cdktf_azure_postgres_random',
      length: 32,
      min_lower: 2,
      min_upper: 2,
      min_numeric: 2,
      min_special: 2,
      override_special: '-_.~!*',
      keepers: ['rotation'],
    });
  });

  test('TLS mode require is written as given (with its justification)', () => {
    const { stack: other } = accessStack({ sslMode: PostgresSslMode.REQUIRE, sslModeJustification: 'Runner image lacks the DigiCert roots (OPS-88)' });
    expect(JSON.parse(Testing.synth(other)).provider.postgresql[0].sslmode).toBe('require');
  });
});

describe('each managed database', () => {
  test('gets the pgaudit extension, after the database exists', () => {
    expect(resourcesOf(synth, 'postgresql_extension')).toEqual([expect.objectContaining({
      name: 'pgaudit',
      database: 'orders',
      depends_on: [expect.stringMatching(/^azurerm_postgresql_flexible_server_database\.Postgres_Database-orders_\w+$/)],
    })]);
  });

  test('PUBLIC loses CONNECT and TEMPORARY on the database and every privilege on schema public (a grant with no privileges only revokes)', () => {
    const toPublic = grants.filter((g) => g.role === 'public');
    expect(toPublic.map(({ database, object_type, schema, privileges }) => ({ database, object_type, schema, privileges }))).toEqual([
      { database: 'orders', object_type: 'database', schema: undefined, privileges: [] },
      { database: 'orders', object_type: 'schema', schema: 'public', privileges: [] },
    ]);
  });

  test('has a NOLOGIN group role per level', () => {
    for (const name of ['orders_readonly', 'orders_readwrite', 'orders_owner']) {
      expect(role(name)).toMatchObject({ login: false });
      expect(role(name).roles).toBeUndefined();
    }
  });

  const granted = (level: string, objectType: string) => grants
    .filter((g) => g.role !== 'public' && roleName(g.role) === `orders_${level}` && g.object_type === objectType)
    .map((g) => [...g.privileges].sort());

  test.each([
    ['readonly', { database: ['CONNECT'], schema: ['USAGE'], table: ['SELECT'], sequence: ['SELECT'], function: ['EXECUTE'] }],
    ['readwrite', { database: ['CONNECT', 'TEMPORARY'], schema: ['USAGE'], table: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'], sequence: ['SELECT', 'USAGE'], function: ['EXECUTE'] }],
    ['owner', { database: ['CONNECT', 'TEMPORARY'], schema: ['CREATE', 'USAGE'], table: ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'], sequence: ['SELECT', 'UPDATE', 'USAGE'], function: ['EXECUTE'] }],
  ])('the %s level is granted its privileges on the database, schema public, tables, sequences and functions', (level, expected) => {
    for (const [objectType, privileges] of Object.entries(expected)) expect(granted(level, objectType)).toEqual([privileges]);
  });

  test('default privileges cover what the owner level creates later, for read-only and read-write', () => {
    const rows = defaults.map((d) => `${roleName(d.role)} ${d.object_type} [${[...d.privileges].sort().join(',')}] for ${roleName(d.owner)} in ${d.schema}`).sort();
    expect(rows).toEqual([
      'orders_readonly function [EXECUTE] for orders_owner in public',
      'orders_readonly sequence [SELECT] for orders_owner in public',
      'orders_readonly table [SELECT] for orders_owner in public',
      'orders_readwrite function [EXECUTE] for orders_owner in public',
      'orders_readwrite sequence [SELECT,USAGE] for orders_owner in public',
      'orders_readwrite table [DELETE,INSERT,SELECT,UPDATE] for orders_owner in public',
    ]);
  });

  test('schemas other than public are created, owned by the owner level, and covered like public', () => {
    const { stack: other } = accessStack({ schemas: { orders: ['public', 'sales'] } });
    const json = JSON.parse(Testing.synth(other));
    const schemas = Object.values(json.resource.postgresql_schema) as TerraformBlock[];
    expect(schemas).toEqual([expect.objectContaining({ name: 'sales', database: 'orders', drop_cascade: false, owner: expect.stringMatching(/Group-owner_\w+\.name\}$/) })]);
    const salesGrants = (Object.values(json.resource.postgresql_grant) as TerraformBlock[]).filter((g) => String(g.schema).includes('postgresql_schema'));
    expect(salesGrants).toHaveLength(12);
    expect((Object.values(json.resource.postgresql_default_privileges) as TerraformBlock[]).filter((d) => String(d.schema).includes('postgresql_schema'))).toHaveLength(6);
  });
});

describe('login roles', () => {
  test('no role the construct creates has a dangerous attribute, each written out as false', () => {
    expect(roles).toHaveLength(7);
    for (const r of roles) {
      expect(r).toMatchObject({ superuser: false, create_role: false, create_database: false, replication: false, bypass_row_level_security: false, inherit: true });
    }
  });

  test('get their rights only through membership of their level\'s group role', () => {
    const memberships = roles.filter((r) => r.login).map((r) => `${r.name} -> ${r.roles.map(roleName).join(',')}`).sort();
    expect(memberships).toEqual([
      'Orders Reporting -> orders_readonly',
      'billing_vendor -> orders_readonly',
      'migrator@contoso.com -> orders_owner',
      'orders_app -> orders_readwrite',
    ]);
    const logins = roles.filter((r) => r.login).map((r) => r.name);
    expect(grants.filter((g) => g.role !== 'public' && logins.includes(roleName(g.role)))).toEqual([]);
    expect(defaults.filter((d) => logins.includes(roleName(d.role)))).toEqual([]);
  });

  test('Entra members are mapped to their object ID with the pgaadauth label, and have no password', () => {
    const labels = resourcesOf(synth, 'postgresql_security_label').map((l) => ({ role: roleName(l.object_name), type: l.object_type, provider: l.label_provider, label: l.label }));
    expect(labels.sort((a, b) => (a.role < b.role ? -1 : 1))).toEqual([
      { role: 'Orders Reporting', type: 'role', provider: 'pgaadauth', label: `aadauth,oid=${REPORTING_OBJECT_ID},type=group` },
      { role: 'migrator@contoso.com', type: 'role', provider: 'pgaadauth', label: `aadauth,oid=${MIGRATOR_OBJECT_ID},type=user` },
      { role: 'orders_app', type: 'role', provider: 'pgaadauth', label: `aadauth,oid=${APP_OBJECT_ID},type=service` },
    ]);
    for (const name of ['Orders Reporting', 'migrator@contoso.com', 'orders_app']) {
      expect(role(name)).toMatchObject({ login: true });
      expect(role(name).password).toBeUndefined();
      expect(role(name).password_wo).toBeUndefined();
    }
  });

  test('accessors: the login role names and each level\'s group role', () => {
    expect(access.roleNames).toEqual(['orders_app', 'Orders Reporting', 'migrator@contoso.com', 'billing_vendor']);
    // A reference to the group role block's name (A43a-3): a grant naming it waits for the role.
    const other = accessStack();
    new TerraformOutput(other.stack, 'ReadWrite', { value: other.access.groupRoleName('orders', AccessLevel.READ_WRITE) });
    const json = JSON.parse(Testing.synth(other.stack)) as SynthesizedStack & { output: { [name: string]: { value: string } } };
    const id = /^\$\{postgresql_role\.([^.]+)\.name\}$/.exec(json.output.ReadWrite.value)?.[1];
    expect(json.resource.postgresql_role[id!].name).toBe('orders_readwrite');
    expect(() => access.groupRoleName('billing', AccessLevel.OWNER)).toThrow(expect.objectContaining({
      code: 'DB-DATABASE-UNMANAGED',
      message: 'Invalid database: "billing" is not one of the databases this DatabaseAccess manages. Fix: use one of "orders".',
    }));
    expect(() => access.groupRoleName('orders', 'admin' as AccessLevel)).toThrow(expect.objectContaining({
      code: 'DB-ACCESS-LEVEL',
      message: 'Invalid access: "admin" is not supported. Fix: use AccessLevel.READ_ONLY, READ_WRITE or OWNER.',
    }));
  });

  test('accessors refuse a missing access level and String objects (44th run, A44b-3: a JavaScript caller)', () => {
    expect(() => access.groupRoleName('orders', undefined as unknown as AccessLevel)).toThrow(expect.objectContaining({
      code: 'DB-ACCESS-LEVEL',
      message: 'Invalid access: (not set) is required. Fix: use AccessLevel.READ_ONLY, READ_WRITE or OWNER.',
    }));
    expect(() => access.groupRoleName('orders', new String('readonly') as unknown as AccessLevel)).toThrow(expect.objectContaining({
      code: 'DB-ACCESS-LEVEL', message: 'Invalid access: (a String object) must be a string primitive. Fix: use AccessLevel.READ_ONLY, READ_WRITE or OWNER.',
    }));
    expect(() => access.groupRoleName(new String('orders') as unknown as string, AccessLevel.READ_ONLY)).toThrow(expect.objectContaining({
      code: 'DB-DATABASE-UNMANAGED',
      message: 'Invalid database: (a String object) must be a string primitive. Fix: pass it as a string primitive (value.valueOf()), one of "orders".',
    }));
    expect(access.groupRoleName('orders', AccessLevel.READ_ONLY)).toMatch(/TfToken/);
  });

  test('accessors refuse an argument that throws when read, with the library\'s error (adversarial run of stop 67)', () => {
    const revoked = () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    };
    const trapping = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } });
    expect(() => access.groupRoleName(revoked() as unknown as string, AccessLevel.READ_ONLY)).toThrow(expect.objectContaining({
      name: 'ValidationError', code: 'DB-DATABASE-UNMANAGED', message: expect.stringMatching(/^Invalid database: \(a value that cannot be read\) cannot be read \(.*revoked.*\)\. Fix: use one of "orders"\.$/),
    }));
    expect(() => access.groupRoleName('orders', trapping as unknown as AccessLevel)).toThrow(expect.objectContaining({
      name: 'ValidationError', code: 'DB-ACCESS-LEVEL', message: 'Invalid access: (a value that cannot be read) cannot be read (trap). Fix: use AccessLevel.READ_ONLY, READ_WRITE or OWNER.',
    }));
  });
});

describe('a password member', () => {
  const vendor = role('billing_vendor');
  const rotation = resourcesOf(synth, 'time_rotating')[0];
  const password = resourcesOf(synth, 'random_password').find((r) => r.keepers.rotation !== undefined)!;
  const secret = resourcesOf(synth, 'azurerm_key_vault_secret')[0];
  const rotationRef = (attribute: string) => expect.stringMatching(new RegExp(`^\\$\\{time_rotating\\.OrdersAccess_PasswordRole-billing_vendor_Rotation_\\w+\\.${attribute}\\}$`));

  test('gets a generated password, written only through password_wo', () => {
    expect(vendor.password).toBeUndefined();
    expect(vendor.password_wo).toMatch(/^\$\{random_password\.OrdersAccess_PasswordRole-billing_vendor_Password_\w+\.result\}$/);
    expect(password).toMatchObject({ length: 32, min_lower: 2, min_upper: 2, min_numeric: 2, min_special: 2 });
  });

  test('is rotated on schedule: time_rotating drives the random keeper and password_wo_version', () => {
    expect(rotation).toMatchObject({ rotation_days: 90 });
    expect(password.keepers).toEqual({ rotation: rotationRef('rfc3339') });
    expect(vendor.password_wo_version).toEqual(rotationRef('rfc3339'));
  });

  test('expires when not rotated: valid_until is the rotation date plus 7 days, written as PostgreSQL prints it', () => {
    expect(vendor.valid_until).toMatch(/^\$\{formatdate\("YYYY-MM-DD hh:mm:ss\+00", timeadd\(time_rotating\.OrdersAccess_PasswordRole-billing_vendor_Rotation_\w+\.rotation_rfc3339, "168h"\)\)\}$/);
  });

  test('expiryGraceDays moves valid_until', () => {
    const { stack: other } = accessStack({ roles: [{ ...accessProps(accessStack().server).roles[3], member: DatabasePrincipal.password({ rotateEveryDays: 30, expiryGraceDays: 0, justification: VENDOR_REASON }) }] });
    const json = JSON.parse(Testing.synth(other));
    const only = Object.values(json.resource.postgresql_role as { [name: string]: TerraformBlock }).find((r) => r.name === 'billing_vendor')!;
    expect(only.valid_until).toContain('"0h"');
    expect(json.resource.azurerm_key_vault_secret).toBeUndefined();
  });

  test('is stored in Key Vault through value_wo, versioned by the rotation, with the same expiry', () => {
    expect(secret).toMatchObject({
      name: expect.stringMatching(/^\$\{azurerm_postgresql_flexible_server\.Postgres_Server_\w+\.name\}-billing-vendor-password$/),
      value_wo: vendor.password_wo,
      value_wo_version: rotationRef('unix'),
      content_type: 'password',
      expiration_date: expect.stringMatching(/^\$\{timeadd\(time_rotating\.\w+-billing_vendor_Rotation_\w+\.rotation_rfc3339, "168h"\)\}$/),
    });
    expect(secret.value).toBeUndefined();
  });

  test('warns at synth with its justification', () => {
    expect(warningsOf(stack).filter((w) => w.includes('DatabasePasswordRole'))).toEqual([
      `[cdktf-azure-postgres:DatabasePasswordRole] Role "billing_vendor" signs in with a password, rotated every 90 days. Justification: "${VENDOR_REASON}".`,
    ]);
  });
});

describe('several servers, several accesses', () => {
  test('each server gets its own provider; two accesses on one server share its provider', () => {
    const { stack: other, server } = accessStack({ databases: ['orders'] }, { databases: [{ name: 'orders' }, { name: 'billing' }] });
    new DatabaseAccess(other, 'BillingAccess', { ...accessProps(server), databases: ['billing'], roles: [] });
    const second = new SecureFlexibleServer(other, 'Second', serverProps({ name: 'orders-db-2', network: vnetSubnet(2) }));
    new DatabaseAccess(other, 'SecondAccess', { ...accessProps(second), roles: [] });
    const json = JSON.parse(Testing.synth(other));
    expect(json.provider.postgresql).toHaveLength(2);
    const providers = new Set((Object.values(json.resource.postgresql_role) as TerraformBlock[]).map((r) => r.provider));
    expect(providers.size).toBe(2);
    expect(json.provider.postgresql.map((p: TerraformBlock) => p.host)).toEqual([
      expect.stringMatching(/Postgres_Server_\w+\.fqdn\}$/),
      expect.stringMatching(/Second_Server_\w+\.fqdn\}$/),
    ]);
  });

  test('a postgresql provider the user declares is neither reused nor clashed with', () => {
    const other = new TerraformStack(Testing.app(), 'orders');
    new PostgresqlProvider(other, 'postgresql', { host: 'other.example.com', username: 'someone' });
    const server = new SecureFlexibleServer(other, 'Postgres', serverProps());
    new DatabaseAccess(other, 'OrdersAccess', accessProps(server));
    const json = JSON.parse(Testing.synth(other));
    expect(json.provider.postgresql.map((p: TerraformBlock) => p.alias)).toEqual([undefined, expect.stringMatching(/^cdktf_azure_postgres_postgresql_/)]);
    const used = new Set(Object.entries(json.resource).filter(([type]) => type.startsWith('postgresql_')).flatMap(([, blocks]) => Object.values(blocks as object)).map((r) => r.provider));
    expect([...used]).toEqual([expect.stringMatching(/^postgresql\.cdktf_azure_postgres_postgresql_/)]);
  });

  test('roles of an Entra member may be Terraform references (tokens pass validation)', () => {
    const other = new TerraformStack(Testing.app(), 'orders');
    const server = new SecureFlexibleServer(other, 'Postgres', serverProps());
    const name = new TerraformVariable(other, 'app_name', { type: 'string' }).stringValue;
    const objectId = new TerraformVariable(other, 'app_object_id', { type: 'string' }).stringValue;
    new DatabaseAccess(other, 'OrdersAccess', {
      ...accessProps(server),
      roles: [{ name, database: 'orders', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.entra({ objectId, principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) }],
    });
    const json = JSON.parse(Testing.synth(other));
    const label = Object.values(json.resource.postgresql_security_label)[0] as TerraformBlock;
    expect(label.label).toBe('aadauth,oid=${var.app_object_id},type=service');
    expect((Object.values(json.resource.postgresql_role) as TerraformBlock[]).find((r) => r.login)?.name).toBe('${var.app_name}');
  });
});

// 63rd adversarial run, A63a-1: the two kinds of member shared the role's address, so switching a member from a password to Entra
// updated the role in place: the provider sets no password when none is given, so the old one stayed, with no expiry.
test('a member switched from a password to Entra gets another role resource, so the password role is dropped, not kept', () => {
  const addressOf = (member: DatabasePrincipal) => {
    const { stack: switched } = accessStack({ roles: [{ name: 'billing_vendor', database: 'orders', access: AccessLevel.READ_ONLY, member }] });
    const written = JSON.parse(Testing.synth(switched)) as { resource: { postgresql_role: { [name: string]: { name: string } } } };
    return Object.entries(written.resource.postgresql_role).filter(([, body]) => body.name === 'billing_vendor').map(([name]) => name);
  };
  const byPassword = addressOf(DatabasePrincipal.password({ rotateEveryDays: 90, justification: VENDOR_REASON }));
  const byEntra = addressOf(DatabasePrincipal.entra({ objectId: APP_OBJECT_ID, principalType: EntraPrincipalType.SERVICE_PRINCIPAL }));
  expect(byPassword).toHaveLength(1);
  expect(byEntra).toHaveLength(1);
  expect(byEntra[0]).not.toBe(byPassword[0]);
});

// 64th run, A64a-1: a password member named by a token is keyed by its place in the list, so a changed name renamed the role in
// place and kept its password (the version did not change); the name triggers the rotation, so a new password is made and sent.
test('a password member\'s rotation is triggered by its role name, a token\'s expression included', () => {
  const rotation = (name: string) => {
    const { stack: named } = accessStack({ roles: [{ name, database: 'orders', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.password({ rotateEveryDays: 90, justification: VENDOR_REASON }) }] });
    return resourcesOf(JSON.parse(Testing.synth(named)) as SynthesizedStack, 'time_rotating');
  };
  expect(rotation('billing_vendor').map((found) => found.triggers)).toEqual([{ role: 'billing_vendor' }]);
  const stack = new TerraformStack(Testing.app(), 'tokens');
  const server = new SecureFlexibleServer(stack, 'Postgres', serverProps());
  const vendor = new TerraformVariable(stack, 'vendor', { type: 'string' }).stringValue;
  new DatabaseAccess(stack, 'OrdersAccess', accessProps(server, { roles: [{ name: vendor, database: 'orders', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.password({ rotateEveryDays: 90, justification: VENDOR_REASON }) }] }));
  expect(resourcesOf(JSON.parse(Testing.synth(stack)) as SynthesizedStack, 'time_rotating').map((found) => found.triggers)).toEqual([{ role: '${var.vendor}' }]);
});
