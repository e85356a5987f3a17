import { compareAccess } from '../../lib/audit/compare-access';
import { DeclaredServer } from '../../lib/audit/declared-access';
import { LiveRole, LiveState } from '../../lib/audit/live-state';

// The comparison on its own, for what a local server cannot show: Entra labels (Azure's pgaadauth),
// Azure's system roles and administrators, PostgreSQL 16's memberships of the role creator.

const APP_OID = 'aaaaaaaa-0000-0000-0000-000000000001';

const declared: DeclaredServer = {
  provider: 'postgresql.cdktf_azure_postgres_postgresql_0123456789abcdef',
  host: '${azurerm_postgresql_flexible_server.Postgres_Server_1.fqdn}',
  serverName: 'orders-db',
  administrators: ['grp-orders-dba', 'pgadmin_ops'],
  databases: ['orders'],
  roles: [
    { name: 'orders_readonly', login: false, memberOf: [], password: false, address: 'postgresql_role.ro' },
    { name: 'orders_app', login: true, memberOf: ['orders_readonly'], entraObjectId: APP_OID, password: false, address: 'postgresql_role.app' },
    { name: 'billing_vendor', login: true, memberOf: ['orders_readonly'], password: true, address: 'postgresql_role.vendor' },
  ],
  unresolvedRoles: 0,
};

function liveRole(name: string, overrides: Partial<LiveRole> = {}): LiveRole {
  return { name, superuser: false, createRole: false, createDatabase: false, replication: false, bypassRls: false, login: true, validUntil: '2027-04-01T00:00:00Z', expired: false, ...overrides };
}

/** A live Azure server holding exactly what the stack declares, with Azure's own roles and labels. */
function azureServer(overrides: Partial<LiveState> = {}): LiveState {
  return {
    currentUser: 'grp-orders-dba',
    roles: [
      liveRole('azuresu', { superuser: true, createRole: true, createDatabase: true, replication: true, bypassRls: true, validUntil: null }),
      liveRole('azure_pg_admin', { login: false, validUntil: null }),
      liveRole('replication', { replication: true, validUntil: null }),
      liveRole('pg_read_all_data', { login: false, validUntil: null }),
      liveRole('grp-orders-dba', { createRole: true, createDatabase: true, replication: true, validUntil: null }),
      liveRole('pgadmin_ops', { createRole: true, createDatabase: true, validUntil: null }),
      liveRole('orders_readonly', { login: false, validUntil: null }),
      liveRole('orders_app', { validUntil: null }),
      liveRole('billing_vendor'),
    ],
    memberships: [
      { role: 'azure_pg_admin', member: 'grp-orders-dba' },
      { role: 'pg_read_all_data', member: 'azure_pg_admin' },
      { role: 'orders_readonly', member: 'orders_app' },
      { role: 'orders_readonly', member: 'billing_vendor' },
      // PostgreSQL 16 makes the creator of a role its member (with ADMIN OPTION).
      { role: 'orders_app', member: 'grp-orders-dba' },
    ],
    entraLabels: new Map([
      ['grp-orders-dba', 'aadauth,oid=66666666-7777-8888-9999-000000000000,type=group,admin'],
      ['orders_app', `aadauth,oid=${APP_OID},type=service`],
    ]),
    databases: [{ name: 'orders', exists: true, pgaudit: true, publicPrivileges: [] }],
    ...overrides,
  };
}

test('a server that matches: no finding, no note', () => {
  expect(compareAccess(declared, azureServer())).toEqual({ findings: [], notes: [] });
});

test('Azure\'s roles, predefined roles and the administrators are never reported', () => {
  const result = compareAccess(declared, azureServer());
  expect(result.findings.map((f) => f.subject)).toEqual([]);
});

test('an Entra administrator Azure labels as admin is exempt even when the stack names it only by reference', () => {
  const result = compareAccess({ ...declared, administrators: ['pgadmin_ops'] }, azureServer());
  expect(result.findings).toEqual([]);
});

test('an administrator the stack does not name and Azure does not label is reported like any role', () => {
  const result = compareAccess({ ...declared, administrators: ['grp-orders-dba'] }, azureServer());
  expect(result.findings.map((f) => `${f.check}: ${f.message}`)).toEqual([
    'dangerous-attribute: Role "pgadmin_ops" has CREATEROLE, CREATEDB.',
    'undeclared-login: Login role "pgadmin_ops" is not declared in the stack.',
    'password-without-expiry: Password role "pgadmin_ops" has no valid_until: its password never expires.',
  ]);
});

test('a declared Entra role without its pgaadauth label, and one mapped to another principal', () => {
  const missing = compareAccess(declared, azureServer({ entraLabels: new Map([['grp-orders-dba', 'aadauth,oid=x,type=group,admin']]) }));
  expect(missing.findings.map((f) => `${f.check}: ${f.message}`)).toEqual([`entra-label-missing: Role "orders_app" is declared for Entra principal ${APP_OID} but has no pgaadauth label.`]);
  const other = compareAccess(declared, azureServer({ entraLabels: new Map([['grp-orders-dba', 'aadauth,oid=x,type=group,admin'], ['orders_app', 'aadauth,oid=bbbbbbbb-0000-0000-0000-000000000009,type=service']]) }));
  expect(other.findings.map((f) => `${f.check}: ${f.message}`)).toEqual([`entra-label-mismatch: Role "orders_app" is mapped to Entra principal bbbbbbbb-0000-0000-0000-000000000009, not ${APP_OID}.`]);
});

test('an object ID known only at apply time is not compared', () => {
  const byReference = { ...declared, roles: declared.roles.map((r) => (r.name === 'orders_app' ? { ...r, entraObjectId: '${var.app_object_id}' } : r)) };
  expect(compareAccess(byReference, azureServer()).findings).toEqual([]);
});

test('a server without any pgaadauth label (not Azure): Entra mappings are not checked, and the report says so', () => {
  const result = compareAccess(declared, azureServer({ entraLabels: new Map() }));
  expect(result.findings).toEqual([]);
  expect(result.notes).toEqual(['The server has no pgaadauth security label at all (not an Azure server, or Entra ID sign-in is off): the Entra mappings of the declared roles were not checked.']);
});

test('an undeclared login that Azure maps to an Entra principal is reported as undeclared, not as a password role', () => {
  const live = azureServer();
  const result = compareAccess(declared, {
    ...live,
    roles: [...live.roles, liveRole('someone@contoso.com', { validUntil: null })],
    entraLabels: new Map([...live.entraLabels, ['someone@contoso.com', 'aadauth,oid=cccccccc-0000-0000-0000-000000000001,type=user']]),
  });
  expect(result.findings.map((f) => f.check)).toEqual(['undeclared-login']);
});

test('a managed database that does not exist, and one without pgaudit', () => {
  const result = compareAccess({ ...declared, databases: ['orders', 'billing'] }, azureServer({
    databases: [{ name: 'orders', exists: true, pgaudit: false, publicPrivileges: [] }, { name: 'billing', exists: false, pgaudit: false, publicPrivileges: [] }],
  }));
  expect(result.findings.map((f) => `${f.check}: ${f.message}`)).toEqual([
    'missing-pgaudit: Database "orders" has no pgaudit extension.',
    'missing-database: Database "billing" is managed by the stack but does not exist.',
  ]);
});

test('roles whose names are known only at apply time are counted in a note', () => {
  expect(compareAccess({ ...declared, unresolvedRoles: 2 }, azureServer()).notes).toEqual([
    '2 declared role(s) have names known only at apply time: they were not compared, and may be among the roles reported as undeclared.',
  ]);
});
