import { AZURE_ROLE_NAMES } from '../../lib/audit/azure-roles';
import { compareAccess } from '../../lib/audit/compare-access';
import { declaredLookAlike } from '../../lib/audit/look-alike-roles';
import { AZURE_SYSTEM_ROLES } from '../../lib/database/reserved-role-names';
import { DeclaredServer } from '../../lib/audit/declared-access';
import { LiveDatabase, LiveGrant, LiveRole, LiveState } from '../../lib/audit/live-state';

// The comparison on its own, for what a local server cannot show: Entra labels (Azure's pgaadauth),
// Azure's system roles and administrators, PostgreSQL 16's memberships of the role creator.

const APP_OID = 'aaaaaaaa-0000-0000-0000-000000000001';

const declared: DeclaredServer = {
  provider: 'postgresql.cdktf_azure_postgres_postgresql_0123456789abcdef',
  host: '${azurerm_postgresql_flexible_server.Postgres_Server_1.fqdn}',
  serverName: 'orders-db',
  administrators: ['grp-orders-dba', 'pgadmin_ops'],
  unresolvedAdministrators: 0,
  databases: ['orders'],
  roles: [
    { name: 'orders_readonly', login: false, memberOf: [], password: false, address: 'postgresql_role.ro' },
    { name: 'orders_app', login: true, memberOf: ['orders_readonly'], entraObjectId: APP_OID, password: false, address: 'postgresql_role.app' },
    { name: 'billing_vendor', login: true, memberOf: ['orders_readonly'], password: true, address: 'postgresql_role.vendor' },
  ],
  unresolvedRoles: 0,
  grants: [
    { role: 'orders_readonly', database: 'orders', objectType: 'schema', schema: 'public', objects: [], columns: [], privileges: ['USAGE'], withGrantOption: false },
    { role: 'orders_readonly', database: 'orders', objectType: 'table', schema: 'public', objects: [], columns: [], privileges: ['SELECT'], withGrantOption: false },
    { role: 'orders_readonly', database: 'orders', objectType: 'column', schema: 'public', objects: ['audit'], columns: ['at'], privileges: ['SELECT'], withGrantOption: false },
    { role: 'orders_readonly', database: 'orders', objectType: 'routine', schema: 'public', objects: ['report(integer)'], columns: [], privileges: ['EXECUTE'], withGrantOption: false },
  ],
  defaultPrivileges: [{ role: 'orders_readonly', database: 'orders', owner: 'orders_owner', schema: 'public', objectType: 'table', privileges: ['SELECT'], withGrantOption: false }],
  owners: [{ kind: 'schema', database: 'orders', name: 'sales', owner: 'orders_app' }],
  unresolvedGrants: 0,
};

function liveRole(name: string, overrides: Partial<LiveRole> = {}): LiveRole {
  return { name, superuser: false, createRole: false, createDatabase: false, replication: false, bypassRls: false, login: true, validUntil: '2027-04-01T00:00:00Z', expired: false, validForSeconds: 30 * 86_400, ...overrides };
}

/**
 * Azure's own databases and orders (made through the Azure API, owned by azure_pg_admin, managed by
 * the stack). Their owners are Azure's roles; Azure's ACLs are not known here, so they are shaped
 * to show that grants to Azure's roles and PUBLIC's default do not count.
 */
const AZURE_DATABASES: LiveState['serverDatabases'] = [
  { name: 'azure_maintenance', owner: 'azuresu', privileges: [{ grantee: 'azure_pg_admin', privilege: 'CONNECT' }] },
  { name: 'azure_sys', owner: 'azuresu', privileges: [{ grantee: null, privilege: 'CONNECT' }, { grantee: null, privilege: 'TEMPORARY' }] },
  { name: 'orders', owner: 'azure_pg_admin', privileges: [{ grantee: 'orders_readonly', privilege: 'CONNECT' }] },
  { name: 'postgres', owner: 'azure_pg_admin', privileges: [] },
  { name: 'template0', owner: 'azuresu', privileges: [{ grantee: null, privilege: 'CONNECT' }] },
  { name: 'template1', owner: 'azuresu', privileges: [] },
];

/** A live Azure server holding exactly what the stack declares, with Azure's own roles and labels. */
function azureServer(overrides: Partial<LiveState> = {}): LiveState {
  return {
    cronJobs: { jobs: [], database: null },
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
      { role: 'azure_pg_admin', member: 'grp-orders-dba', adminOption: false },
      { role: 'pg_read_all_data', member: 'azure_pg_admin', adminOption: false },
      { role: 'orders_readonly', member: 'orders_app', adminOption: false },
      { role: 'orders_readonly', member: 'billing_vendor', adminOption: false },
      // PostgreSQL 16 makes the creator of a role its member (with ADMIN OPTION).
      { role: 'orders_app', member: 'grp-orders-dba', adminOption: true },
    ],
    entraLabels: new Map([
      ['grp-orders-dba', 'aadauth,oid=66666666-7777-8888-9999-000000000000,type=group,admin'],
      ['orders_app', `aadauth,oid=${APP_OID},type=service`],
    ]),
    databases: [{ name: 'orders', exists: true, pgaudit: true, publicPrivileges: [], grants: [], owners: [], definerExecutions: [], routines: [], routineSettings: [], userMappings: [], storedPasswords: [] }],
    serverDatabases: AZURE_DATABASES,
    sessionSettings: [],
    parameterPrivileges: [],
    ...overrides,
  };
}

test('a server that matches: no finding, no note', () => {
  expect(compareAccess(declared, azureServer())).toEqual({ findings: [], notes: [], unread: [] });
});

test('Azure\'s roles, predefined roles and the administrators are never reported', () => {
  const result = compareAccess(declared, azureServer());
  expect(result.findings.map((f) => f.subject)).toEqual([]);
});

test('names from the server are quoted as JSON in the messages: a quote, line break or escape cannot end them', () => {
  const name = 'x" is fine.\nRole "y\u001b[8m';
  const result = compareAccess(declared, azureServer({ roles: [...azureServer().roles, liveRole(name, { superuser: true })] }));
  expect(result.findings.map((f) => f.message)).toEqual([
    `Role ${JSON.stringify(name)} has SUPERUSER.`,
    `Login role ${JSON.stringify(name)} is not declared in the stack.`,
  ]);
  expect(result.findings[0].message).toContain('\\u001b');
});

describe('a role whose name reads as a declared role\'s (93rd run, A93a-4)', () => {
  const lookAlikes = [
    liveRole('\u043erders_app', { createRole: true, validUntil: '2026-12-01T00:00:00Z', expired: true }),
    liveRole('orders\u2009app'),
    liveRole('billing_vendor\u200b', { login: false }),
  ];
  const memberships = [...azureServer().memberships, { role: 'orders_owner', member: '\u043erders_app', adminOption: false }];

  test('is said to look like it but not be it, and its name is escaped beside it in every message', () => {
    const result = compareAccess(declared, azureServer({ roles: [...azureServer().roles, ...lookAlikes], memberships }));
    const cyrillic = '"\u043erders_app" (\\u{43e}rders_app, its characters outside printable ASCII escaped)';
    const thin = '"orders\u2009app" (orders\\u{2009}app, its characters outside printable ASCII escaped)';
    const invisible = '"billing_vendor\u200b" (billing_vendor\\u{200b}, its characters outside printable ASCII escaped)';
    expect(result.findings.map((f) => `${f.check}: ${f.message}`)).toEqual([
      `declared-role-look-alike: Role ${cyrillic} looks like the declared role "orders_app" but is not it: what is reported of it is not drift of "orders_app".`,
      `dangerous-attribute: Role ${cyrillic} has CREATEROLE.`,
      `undeclared-login: Login role ${cyrillic} is not declared in the stack.`,
      `declared-role-look-alike: Role ${thin} looks like the declared role "orders_app" but is not it: what is reported of it is not drift of "orders_app".`,
      `undeclared-login: Login role ${thin} is not declared in the stack.`,
      `declared-role-look-alike: Role ${invisible} looks like the declared role "billing_vendor" but is not it: what is reported of it is not drift of "billing_vendor".`,
      `undeclared-membership: ${cyrillic} is a member of "orders_owner", which the stack does not declare.`,
      `password-expired: The password of ${cyrillic} expired on 2026-12-01T00:00:00Z.`,
    ]);
  });

  test('printable ASCII that reads alike in many fonts: an I or a 1 for an l, a 0 for an o, "rn" for an m, a space at either end (96th run, A96c-5)', () => {
    const alike = ['biIIing_vendor', 'bi11ing_vendor', '0rders_app', 'orders_app ', ' orders_owner', 'orders_rnigrator'];
    expect(alike.map((name) => declaredLookAlike(name, ['billing_vendor', 'orders_app', 'orders_owner', 'orders_migrator']))).toEqual(
      ['billing_vendor', 'billing_vendor', 'orders_app', 'orders_app', 'orders_owner', 'orders_migrator']);
    expect(declaredLookAlike('orders_app', ['orders_app'])).toBeUndefined();
  });

  test('a name that differs in printable ASCII, or in length, reads apart: only escaped where it holds other characters', () => {
    const others = [liveRole('orders_app2'), liveRole('Orders_app'), liveRole('orders_\u00e4pp2')];
    const result = compareAccess(declared, azureServer({ roles: [...azureServer().roles, ...others] }));
    expect(result.findings.map((f) => `${f.check}: ${f.message}`)).toEqual([
      'undeclared-login: Login role "orders_app2" is not declared in the stack.',
      'undeclared-login: Login role "Orders_app" is not declared in the stack.',
      'undeclared-login: Login role "orders_\u00e4pp2" (orders_\\u{e4}pp2, its characters outside printable ASCII escaped) is not declared in the stack.',
    ]);
  });
});

describe('roles named like Azure\'s are Azure\'s only when they are as Azure makes them (A5-16)', () => {
  test('every name Azure uses has what Azure makes of it', () => {
    expect([...AZURE_ROLE_NAMES].sort()).toEqual([...AZURE_SYSTEM_ROLES].sort());
  });

  test('a login named replication without REPLICATION is not Azure\'s: reported as a look-alike and an undeclared login (92nd run, A92d-3)', () => {
    const roles = [...azureServer().roles.filter((role) => role.name !== 'replication'), liveRole('replication', { validUntil: null })];
    const result = compareAccess(declared, azureServer({ roles }));
    expect(result.findings.map((f) => `${f.check} ${f.message}`)).toEqual(expect.arrayContaining([
      'azure-role-look-alike Role "replication" is named like one of Azure\'s roles, but Azure makes that role a role with REPLICATION and no other attribute: it is not Azure\'s.',
      'undeclared-login Login role "replication" is not declared in the stack.',
    ]));
  });

  test('a look-alike is reported as such, with its attributes, its login and its memberships', () => {
    const lookAlikes = [
      liveRole('localadmin', { createRole: true, createDatabase: true, validUntil: null }),
      liveRole('azure_superuser', { createRole: true, bypassRls: true }),
      liveRole('azure_pg_admin', { validUntil: null }),
    ];
    const roles = [...azureServer().roles.filter((role) => role.name !== 'azure_pg_admin'), ...lookAlikes];
    const memberships = [...azureServer().memberships, { role: 'orders_readonly', member: 'localadmin', adminOption: false }];
    const result = compareAccess(declared, azureServer({ roles, memberships }));
    expect(result.findings.map((f) => `${f.check} ${f.message}`)).toEqual([
      'azure-role-look-alike Role "localadmin" is named like one of Azure\'s roles, but Azure makes that role a superuser: it is not Azure\'s.',
      'dangerous-attribute Role "localadmin" has CREATEROLE, CREATEDB.',
      'undeclared-login Login role "localadmin" is not declared in the stack.',
      'azure-role-look-alike Role "azure_superuser" is named like one of Azure\'s roles, but Azure makes that role a superuser: it is not Azure\'s.',
      'dangerous-attribute Role "azure_superuser" has CREATEROLE, BYPASSRLS.',
      'undeclared-login Login role "azure_superuser" is not declared in the stack.',
      'azure-role-look-alike Role "azure_pg_admin" is named like one of Azure\'s roles, but Azure makes that role a group role (NOLOGIN) without attributes: it is not Azure\'s.',
      'undeclared-login Login role "azure_pg_admin" is not declared in the stack.',
      'undeclared-membership "azure_pg_admin" is a member of "pg_read_all_data", which the stack does not declare.',
      'undeclared-membership "localadmin" is a member of "orders_readonly", which the stack does not declare.',
      'password-without-expiry Password role "localadmin" has no valid_until: its password never expires.',
      'password-without-expiry Password role "azure_pg_admin" has no valid_until: its password never expires.',
    ]);
  });

  test('Azure\'s own role as a member of a role the stack declares is reported; its other memberships are not', () => {
    const memberships = [...azureServer().memberships, { role: 'orders_readonly', member: 'azure_pg_admin', adminOption: false }, { role: 'pg_monitor', member: 'azuresu', adminOption: false }];
    expect(compareAccess(declared, azureServer({ memberships })).findings).toEqual([
      { check: 'undeclared-membership', subject: 'azure_pg_admin in orders_readonly', message: '"azure_pg_admin" is a member of "orders_readonly", which the stack does not declare.' },
    ]);
  });
});

describe('roles labelled as Entra administrators (",admin") are administrators only as the stack declares them (ninth review, A9-5)', () => {
  const ROGUE_LABEL = 'aadauth,oid=99999999-0000-0000-0000-000000000009,type=user,admin';
  const rogue = liveRole('rogue', { createRole: true, validUntil: null });

  test('one the stack names only by reference is taken on trust, and the report says so', () => {
    const result = compareAccess({ ...declared, administrators: ['pgadmin_ops'], unresolvedAdministrators: 1 }, azureServer());
    expect(result).toEqual({ findings: [], notes: [
      '1 role(s) labelled as Entra administrators ("grp-orders-dba") were taken as administrators on trust: the stack does not name all of its administrators (some are known only at apply time).',
    ], unread: [] });
  });

  test('one the stack does not declare, while it names every administrator, is reported and judged as any role', () => {
    const live = azureServer({
      roles: [...azureServer().roles, rogue],
      memberships: [...azureServer().memberships, { role: 'orders_readonly', member: 'rogue', adminOption: false }],
      entraLabels: new Map([...azureServer().entraLabels, ['rogue', ROGUE_LABEL]]),
    });
    expect(compareAccess(declared, live).findings.map((f) => `${f.check}: ${f.message}`)).toEqual([
      'undeclared-administrator: Role "rogue" is labelled an Entra administrator of the server, which the stack does not declare: it is judged as any other role.',
      'dangerous-attribute: Role "rogue" has CREATEROLE.',
      'undeclared-login: Login role "rogue" is not declared in the stack.',
      'undeclared-membership: "rogue" is a member of "orders_readonly", which the stack does not declare.',
    ]);
  });

  test('a DatabaseAccess login labelled ",admin" is judged as the login it is declared, also when administrators are named by reference', () => {
    const live = azureServer({
      roles: azureServer().roles.map((role) => (role.name === 'orders_app' ? { ...role, createRole: true } : role)),
      entraLabels: new Map([...azureServer().entraLabels, ['orders_app', `aadauth,oid=${APP_OID},type=service,admin`]]),
    });
    expect(compareAccess({ ...declared, unresolvedAdministrators: 1 }, live).findings.map((f) => `${f.check}: ${f.message}`)).toEqual([
      'undeclared-administrator: Role "orders_app" is labelled an Entra administrator of the server, but the stack declares it as postgresql_role.app: it is judged as that role.',
      'dangerous-attribute: Role "orders_app" has CREATEROLE.',
    ]);
  });
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

test('the password administrator (administrator_login) labelled for an Entra principal, as an administrator or not, is reported; the Entra administrator\'s own label is not (adversarial run adv74a, D74-7)', () => {
  const server = 'azurerm_postgresql_flexible_server.Postgres_Server_1';
  const stack = {
    ...declared,
    passwordAdministrator: { name: 'pgadmin_ops', address: server },
    entraAdministrators: [{ name: 'grp-orders-dba', objectId: '66666666-7777-8888-9999-000000000000', address: 'azurerm_postgresql_flexible_server_active_directory_administrator.a' }],
  };
  const labelled = (label: string) => compareAccess(stack, azureServer({ entraLabels: new Map([...azureServer().entraLabels, ['pgadmin_ops', label]]) })).findings.map((f) => `${f.check}: ${f.message}`);
  expect(compareAccess(stack, azureServer()).findings).toEqual([]);
  for (const label of ['aadauth,oid=deadbeef-0000-0000-0000-00000000beef,type=user,admin', 'aadauth,oid=deadbeef-0000-0000-0000-00000000beef,type=user']) {
    expect(labelled(label)).toEqual([
      `entra-label-unexpected: Role "pgadmin_ops", the server's password administrator (administrator_login of ${server}), is labelled ${JSON.stringify(label)}: Entra principal "deadbeef-0000-0000-0000-00000000beef" signs in as it, with an administrator's rights.`,
    ]);
  }
});

test('an object ID known only at apply time is not compared, and the report names the role (ninth review, A9-15)', () => {
  const byReference = { ...declared, roles: declared.roles.map((r) => (r.name === 'orders_app' ? { ...r, entraObjectId: '${var.app_object_id}' } : r)) };
  const remapped = azureServer({ entraLabels: new Map([['grp-orders-dba', 'aadauth,oid=x,type=group,admin'], ['orders_app', 'aadauth,oid=99999999-0000-0000-0000-000000000009,type=user']]) });
  expect(compareAccess(byReference, remapped)).toEqual({
    findings: [],
    notes: ['1 Entra mapping(s) have object IDs known only at apply time ("orders_app"): they were not compared, and the role(s) may be mapped to another Entra principal than the stack declares.'],
    unread: [],
  });
  // With the literal object ID the mapping is compared, and no note.
  expect(compareAccess(declared, azureServer()).notes).toEqual([]);
});

test('a server without any pgaadauth label, while the stack declares Entra sign-in: each declared Entra role and administrator is reported without its label, and a note says why none may have one (adversarial run adv74a, D74-8)', () => {
  const stack = { ...declared, entraAdministrators: [{ name: 'grp-orders-dba', objectId: '66666666-7777-8888-9999-000000000000', address: 'azurerm_postgresql_flexible_server_active_directory_administrator.a' }] };
  const result = compareAccess(stack, azureServer({ entraLabels: new Map() }));
  expect(result.findings.map((f) => `${f.check}: ${f.subject}`)).toEqual(['entra-label-missing: orders_app', 'entra-label-missing: grp-orders-dba']);
  expect(result.notes).toEqual(['The server has no pgaadauth security label at all, though the stack declares Entra sign-in: each Entra role and administrator it declares is reported without its label (the server is not the stack\'s, Entra ID sign-in is off, or the labels were removed).']);
  // A stack without Entra sign-in expects no label.
  const passwordOnly = { ...declared, roles: declared.roles.map((role) => ({ ...role, entraObjectId: undefined })) };
  const unlabelled = compareAccess(passwordOnly, azureServer({ entraLabels: new Map() }));
  expect({ entra: unlabelled.findings.filter((f) => f.check.startsWith('entra-')), notes: unlabelled.notes }).toEqual({ entra: [], notes: [] });
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

describe('a role the stack declares without a password gets a way to sign in with one (seventh review, A7-11)', () => {
  const withRoles = (changed: Record<string, Partial<LiveRole>>) => azureServer({ roles: azureServer().roles.map((role) => (role.name in changed ? { ...role, ...changed[role.name] } : role)) });
  const found = (live: LiveState) => compareAccess(declared, live).findings.map((f) => `${f.check}: ${f.message}`);

  test('a declared group role that can sign in, with or without an expiry', () => {
    const message = 'group-role-login: Role "orders_readonly" is declared a group role (NOLOGIN, postgresql_role.ro) but can sign in: a password or an Entra label on it gives the group\'s rights to whoever signs in as it.';
    expect(found(withRoles({ orders_readonly: { login: true, validUntil: '2027-03-01T00:00:00Z' } }))).toEqual([message]);
    expect(found(withRoles({ orders_readonly: { login: true } }))).toEqual([message, 'password-without-expiry: Password role "orders_readonly" has no valid_until: its password never expires.']);
  });

  test('an Entra role, declared or labelled by Azure, with a valid_until (which only a password uses)', () => {
    expect(found(withRoles({ orders_app: { validUntil: '2027-03-01T00:00:00Z' } }))).toEqual([
      'entra-role-password: Entra role "orders_app" has valid_until 2027-03-01T00:00:00Z, which only a password uses: it was given a password, a sign-in beside Entra ID.',
    ]);
    const live = azureServer();
    const labelled = { ...live, roles: [...live.roles, liveRole('someone@contoso.com', { validUntil: '2027-03-01T00:00:00Z' })], entraLabels: new Map([...live.entraLabels, ['someone@contoso.com', 'aadauth,oid=c,type=user']]) };
    expect(found(labelled)).toEqual([
      'undeclared-login: Login role "someone@contoso.com" is not declared in the stack.',
      'entra-role-password: Entra role "someone@contoso.com" has valid_until 2027-03-01T00:00:00Z, which only a password uses: it was given a password, a sign-in beside Entra ID.',
    ]);
  });

  test('not reported: a group role that cannot sign in, an Entra role without valid_until, a password member\'s expiry, an administrator\'s', () => {
    expect(found(withRoles({ 'grp-orders-dba': { validUntil: '2027-03-01T00:00:00Z' }, orders_readonly: { validUntil: '2027-03-01T00:00:00Z' } }))).toEqual([]);
  });
});

test('a pgaadauth label on a declared password member is reported, and its password is judged all the same (ninth review, A9-14)', () => {
  const live = azureServer({
    roles: azureServer().roles.map((role) => (role.name === 'billing_vendor' ? { ...role, validUntil: null, validForSeconds: null } : role)),
    entraLabels: new Map([...azureServer().entraLabels, ['billing_vendor', 'aadauth,oid=99999999-0000-0000-0000-000000000009,type=user']]),
  });
  expect(compareAccess(declared, live).findings.map((f) => `${f.check}: ${f.message}`)).toEqual([
    'entra-label-unexpected: Role "billing_vendor" is declared without an Entra principal (postgresql_role.vendor) but is mapped to Entra principal "99999999-0000-0000-0000-000000000009": that identity may sign in as it.',
    'password-without-expiry: Password role "billing_vendor" has no valid_until: its password never expires.',
  ]);
});

describe('a membership WITH ADMIN OPTION is drift unless the stack declares the option (ninth review, A9-6)', () => {
  const withOption = azureServer({ memberships: azureServer().memberships.map((m) => (m.member === 'orders_app' && m.role === 'orders_readonly' ? { ...m, adminOption: true } : m)) });

  test('on a declared membership: reported', () => {
    expect(compareAccess(declared, withOption).findings.map((f) => `${f.check}: ${f.message}`)).toEqual([
      'membership-admin-option: "orders_app" holds "orders_readonly" WITH ADMIN OPTION, which the stack does not declare: it may grant the role to any role and revoke it from its members.',
    ]);
  });

  test('declared with the option (postgresql_grant_role with_admin_option), or held by an administrator: not reported', () => {
    const withAdminOf = { ...declared, roles: declared.roles.map((role) => (role.name === 'orders_app' ? { ...role, adminOf: ['orders_readonly'] } : role)) };
    expect(compareAccess(withAdminOf, withOption).findings).toEqual([]);
    // PostgreSQL 16 gives the creator of a role (here an administrator) the role WITH ADMIN OPTION.
    expect(azureServer().memberships).toContainEqual({ role: 'orders_app', member: 'grp-orders-dba', adminOption: true });
    expect(compareAccess(declared, azureServer()).findings).toEqual([]);
  });
});

describe('a password member\'s expiry is no later than its rotation period and grace allow (ninth review, A9-3)', () => {
  const DAY_SECONDS = 86_400;
  const rotated = { ...declared, roles: declared.roles.map((role) => (role.name === 'billing_vendor' ? { ...role, passwordLifetimeMs: 97 * DAY_SECONDS * 1000 } : role)) };
  const vendor = (validUntil: string, validForSeconds: number) =>
    azureServer({ roles: azureServer().roles.map((role) => (role.name === 'billing_vendor' ? { ...role, validUntil, validForSeconds } : role)) });
  const found = (live: LiveState) => compareAccess(rotated, live).findings.map((f) => `${f.check}: ${f.message}`);

  test('pushed out by decades: reported', () => {
    expect(found(vendor('2099-01-01T00:00:00Z', 26_000 * DAY_SECONDS))).toEqual([
      'password-expiry-too-late: The password of "billing_vendor" is valid until 2099-01-01T00:00:00Z, later than the stack allows: at most 97 days from now (its rotation period and grace).',
    ]);
  });

  test('just rotated (97 days), or a day of clock leeway beyond: not reported; nor without a declared rotation', () => {
    expect(found(vendor('2027-04-08T00:00:00Z', 97 * DAY_SECONDS))).toEqual([]);
    expect(found(vendor('2027-04-09T00:00:00Z', 98 * DAY_SECONDS))).toEqual([]);
    expect(compareAccess(declared, vendor('2099-01-01T00:00:00Z', 26_000 * DAY_SECONDS)).findings).toEqual([]);
  });
});

test('a managed database that does not exist, and one without pgaudit', () => {
  const result = compareAccess({ ...declared, databases: ['orders', 'billing'] }, azureServer({
    databases: [{ name: 'orders', exists: true, pgaudit: false, publicPrivileges: [], grants: [], owners: [], definerExecutions: [], routines: [], routineSettings: [], userMappings: [], storedPasswords: [] }, { name: 'billing', exists: false, pgaudit: false, publicPrivileges: [], grants: [], owners: [], definerExecutions: [], routines: [], routineSettings: [], userMappings: [], storedPasswords: [] }],
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

test('roles whose memberships are known only at apply time are named in a note, and their live memberships still reported (A10b-6)', () => {
  const roles = declared.roles.map((role) => (role.name === 'orders_app' ? { ...role, membershipsUnknown: true } : role));
  expect(compareAccess({ ...declared, roles }, azureServer()).notes).toEqual([
    '1 declared role(s) have memberships known only at apply time ("orders_app"): they were not compared, and may be among the memberships reported as undeclared.',
  ]);
});

test('blocks whose count, for_each or enabled the checks could not compute are named in a note that claims no more than that (A43b-2)', () => {
  const [note] = compareAccess({ ...declared, maybeDeclared: ['postgresql_grant_role.x', 'postgresql_role.y'] }, azureServer()).notes;
  expect(note).toMatch(/^2 declared block\(s\) have a count, for_each or lifecycle\.enabled the checks could not compute \("postgresql_grant_role\.x", "postgresql_role\.y"\): /);
  // It may be a function the checks do not evaluate, which Terraform computes at plan: the note does not say it is known only at apply time.
  expect(note).toContain('or written with a function the checks do not evaluate');
  expect(note).not.toMatch(/(have|has) a count, for_each or lifecycle\.enabled known only at apply time/);
});

/** A live grant in the database orders. */
function liveGrant(grantee: string, kind: LiveGrant['kind'], object: string, privilege: string, fields: Partial<LiveGrant> = {}): LiveGrant {
  const [schema, name] = object.includes('.') ? object.split('.') : [null, object];
  return { kind, schema, name, detail: null, object, grantee, privilege, grantable: false, ...fields };
}

function inOrders(grants: LiveGrant[], owners: LiveDatabase['owners'] = [], definerExecutions: LiveDatabase['definerExecutions'] = [], routines: LiveDatabase['routines'] = []): LiveState {
  return azureServer({ databases: [{ name: 'orders', exists: true, pgaudit: true, publicPrivileges: [], grants, owners, definerExecutions, routines, routineSettings: [], userMappings: [], storedPasswords: [] }] });
}

test('grants the stack declares to a group role, and any grant to Azure\'s roles and the administrators, are not reported', () => {
  const result = compareAccess(declared, inOrders([
    liveGrant('orders_readonly', 'schema', 'public', 'USAGE', { schema: null }),
    liveGrant('orders_readonly', 'table', 'public.orders', 'SELECT'),
    liveGrant('orders_readonly', 'column', 'public.audit.at', 'SELECT', { name: 'audit', detail: 'at' }),
    liveGrant('orders_readonly', 'function', 'public.report(integer)', 'EXECUTE', { name: 'report' }),
    liveGrant('orders_readonly', 'default privileges', 'tables created by orders_owner in public', 'SELECT', { schema: 'public', name: 'table', detail: 'orders_owner' }),
    liveGrant('grp-orders-dba', 'table', 'public.orders', 'DELETE'),
    liveGrant('azure_pg_admin', 'table', 'public.orders', 'DELETE'),
  ], [{ kind: 'schema', object: 'sales', owner: 'orders_app', login: true }, { kind: 'table', object: 'public.orders', owner: 'grp-orders-dba', login: true }]));
  expect(result).toEqual({ findings: [], notes: [], unread: [] });
});

test('privileges beyond the declared ones, per role and object; grants straight to login roles; objects login roles own', () => {
  const result = compareAccess(declared, inOrders([
    liveGrant('orders_app', 'table', 'public.secrets', 'INSERT'),
    liveGrant('orders_app', 'table', 'public.secrets', 'SELECT'),
    liveGrant('orders_readonly', 'schema', 'public', 'CREATE', { schema: null }),
    liveGrant('orders_readonly', 'table', 'public.orders', 'SELECT', { grantable: true }),
    liveGrant('orders_readonly', 'column', 'public.audit.who', 'SELECT', { name: 'audit', detail: 'who' }),
    liveGrant('orders_readonly', 'function', 'public.drop_all()', 'EXECUTE', { name: 'drop_all' }),
    liveGrant('orders_readonly', 'default privileges', 'tables created by orders_app in public', 'SELECT', { schema: 'public', name: 'table', detail: 'orders_app' }),
    liveGrant('undeclared_group', 'table', 'public.secrets', 'SELECT'),
  ], [{ kind: 'table', object: 'public.secrets', owner: 'orders_app', login: true }, { kind: 'schema', object: 'sales', owner: 'billing_vendor', login: true }]));
  expect(result.findings).toEqual([
    { check: 'direct-privilege', subject: 'orders: orders_app on table "public.secrets"', message: 'Login role "orders_app" holds INSERT, SELECT on table "public.secrets" in database "orders", granted directly instead of through a group role.' },
    { check: 'group-privilege', subject: 'orders: orders_readonly on schema "public"', message: 'Group role "orders_readonly" holds CREATE on schema "public" in database "orders", which the stack does not declare.' },
    {
      check: 'group-privilege',
      subject: 'orders: orders_readonly on table "public.orders"',
      message: 'Group role "orders_readonly" holds SELECT WITH GRANT OPTION on table "public.orders" in database "orders", which the stack does not declare.',
    },
    { check: 'group-privilege', subject: 'orders: orders_readonly on column "public.audit.who"', message: 'Group role "orders_readonly" holds SELECT on column "public.audit.who" in database "orders", which the stack does not declare.' },
    { check: 'group-privilege', subject: 'orders: orders_readonly on function "public.drop_all()"', message: 'Group role "orders_readonly" holds EXECUTE on function "public.drop_all()" in database "orders", which the stack does not declare.' },
    {
      check: 'group-privilege',
      subject: 'orders: orders_readonly on default privileges "tables created by orders_app in public"',
      message: 'Group role "orders_readonly" holds SELECT on default privileges "tables created by orders_app in public" in database "orders", which the stack does not declare.',
    },
    { check: 'owned-by-login', subject: 'orders: table "public.secrets"', message: 'Login role "orders_app" owns table "public.secrets" in database "orders", which the stack does not declare.' },
    { check: 'owned-by-login', subject: 'orders: schema "sales"', message: 'Login role "billing_vendor" owns schema "sales" in database "orders", which the stack does not declare.' },
  ]);
});

test('a grant the stack declares straight to a login role is not drift (PGD-IAM-5 warns of it at synth)', () => {
  const direct = { ...declared, grants: [...declared.grants, { role: 'orders_app', database: 'orders', objectType: 'table', schema: 'public', objects: ['secrets'], columns: [], privileges: ['SELECT'], withGrantOption: false }] };
  expect(compareAccess(direct, inOrders([liveGrant('orders_app', 'table', 'public.secrets', 'SELECT')])).findings).toEqual([]);
});

test('a foreign-data wrapper or server the stack grants USAGE on (postgresql_grant, one object, no schema) is not drift; another, and any large object, is (thirty-second run)', () => {
  const fdw = (objectType: string, object: string) => ({ role: 'orders_readonly', database: 'orders', objectType, objects: [object], columns: [], privileges: ['USAGE'], withGrantOption: false });
  const stack = { ...declared, grants: [...declared.grants, fdw('foreign_server', 'warehouse'), fdw('foreign_data_wrapper', 'postgres_fdw')] };
  const result = compareAccess(stack, inOrders([
    liveGrant('orders_readonly', 'foreign server', 'warehouse', 'USAGE'),
    liveGrant('orders_readonly', 'foreign data wrapper', 'postgres_fdw', 'USAGE'),
    liveGrant('orders_readonly', 'foreign server', 'archive', 'USAGE'),
    liveGrant('orders_readonly', 'foreign data wrapper', 'warehouse', 'USAGE'),
    liveGrant('orders_readonly', 'large object', '4242', 'SELECT'),
  ]));
  expect(result.findings.map((f) => [f.check, f.subject])).toEqual([
    ['group-privilege', 'orders: orders_readonly on foreign server "archive"'],
    ['group-privilege', 'orders: orders_readonly on foreign data wrapper "warehouse"'],
    ['group-privilege', 'orders: orders_readonly on large object "4242"'],
  ]);
});

test('grants whose names are known only at apply time are counted in a note', () => {
  expect(compareAccess({ ...declared, unresolvedGrants: 3 }, azureServer()).notes).toEqual([
    '3 declared grant(s) or default privilege(s) have names or privileges known only at apply time: they were not compared, and what they grant may be among the privileges reported.',
  ]);
});

test('objects owned by a group role: the owner level (of the stack\'s default privileges) and declared owners are not reported; any other group role is', () => {
  const owned = (object: string, owner: string, kind = 'table') => ({ kind, object, owner, login: false });
  const result = compareAccess({ ...declared, owners: [...declared.owners, { kind: 'schema', database: 'orders', name: 'ledger', owner: 'orders_readonly' }] }, inOrders([], [
    owned('public.orders', 'orders_owner'),
    owned('reports', 'orders_owner', 'schema'),
    owned('public.total()', 'orders_owner', 'function'),
    owned('ledger', 'orders_readonly', 'schema'),
    owned('public.mirror', 'azure_pg_admin'),
    owned('public', 'pg_database_owner', 'schema'),
    owned('public.secrets', 'orders_readonly'),
    owned('s2', 'orders_readonly', 'schema'),
    owned('public.seq', 'undeclared_group', 'sequence'),
    owned('orders', 'orders_owner', 'database'),
  ]));
  expect(result.findings).toEqual([
    {
      check: 'owned-by-group-role',
      subject: 'orders: table "public.secrets"',
      message: 'Group role "orders_readonly" owns table "public.secrets" in database "orders", which the stack does not declare: its members hold every right on it.',
    },
    { check: 'owned-by-group-role', subject: 'orders: schema "s2"', message: 'Group role "orders_readonly" owns schema "s2" in database "orders", which the stack does not declare: its members hold every right on it.' },
    {
      check: 'owned-by-group-role',
      subject: 'orders: sequence "public.seq"',
      message: 'Group role "undeclared_group" owns sequence "public.seq" in database "orders", which the stack does not declare: its members hold every right on it.',
    },
    { check: 'owned-by-group-role', subject: 'orders: database "orders"', message: 'Group role "orders_owner" owns database "orders" in database "orders", which the stack does not declare: its members hold every right on it.' },
  ]);
});

test('a group role is the owner level only in the databases whose default privileges name it as owner', () => {
  const elsewhere = { ...declared, defaultPrivileges: declared.defaultPrivileges.map((d) => ({ ...d, database: 'billing' })) };
  const result = compareAccess(elsewhere, inOrders([], [{ kind: 'table', object: 'public.orders', owner: 'orders_owner', login: false }]));
  expect(result.findings.map((f) => f.check)).toEqual(['owned-by-group-role']);
});

test('a database the stack does not declare: reported when a role of the stack owns it or holds a privilege on it, or PUBLIC holds more than its default', () => {
  const result = compareAccess({ ...declared, owners: [...declared.owners, { kind: 'database', name: 'ledger', owner: 'orders_app' }] }, azureServer({
    serverDatabases: [
      ...AZURE_DATABASES,
      { name: 'shadow', owner: 'orders_app', privileges: [] },
      { name: 'billing', owner: 'azure_pg_admin', privileges: [{ grantee: 'orders_readonly', privilege: 'CONNECT' }, { grantee: null, privilege: 'CONNECT' }, { grantee: null, privilege: 'CREATE' }] },
      { name: 'other_team', owner: 'other_team_owner', privileges: [{ grantee: 'other_team_reader', privilege: 'CONNECT' }, { grantee: 'grp-orders-dba', privilege: 'CREATE' }] },
      { name: 'ledger', owner: 'orders_app', privileges: [{ grantee: 'orders_readonly', privilege: 'CONNECT' }] },
    ],
  }));
  expect(result.findings).toEqual([
    { check: 'undeclared-database', subject: 'shadow', message: 'Database "shadow" is not declared in the stack, but the stack\'s role "orders_app" owns it.' },
    {
      check: 'undeclared-database',
      subject: 'billing',
      message: 'Database "billing" is not declared in the stack, but the stack\'s role "orders_readonly" holds CONNECT on it; PUBLIC holds CONNECT, CREATE on it.',
    },
  ]);
});

describe('a database the stack does not declare that PUBLIC may connect to (ninth review, A9-10)', () => {
  const publicDefault = [{ grantee: null, privilege: 'CONNECT' }, { grantee: null, privilege: 'TEMPORARY' }];

  test('a copy of a managed database (CREATE DATABASE ... TEMPLATE) by an administrator, with PUBLIC\'s default, is reported', () => {
    const result = compareAccess(declared, azureServer({ serverDatabases: [...AZURE_DATABASES, { name: 'orders_copy', owner: 'grp-orders-dba', privileges: publicDefault }] }));
    expect(result.findings).toEqual([
      { check: 'undeclared-database', subject: 'orders_copy', message: 'Database "orders_copy" is not declared in the stack, but PUBLIC holds CONNECT on it.' },
    ]);
  });

  test('one that PUBLIC may not connect to is not; nor Azure\'s own databases with PUBLIC\'s default', () => {
    const result = compareAccess(declared, azureServer({
      serverDatabases: [
        ...AZURE_DATABASES.map((database) => ({ ...database, privileges: [...database.privileges, ...publicDefault] })),
        { name: 'orders_copy', owner: 'grp-orders-dba', privileges: [{ grantee: null, privilege: 'TEMPORARY' }] },
      ],
    }));
    expect(result.findings).toEqual([]);
  });
});

describe('Azure\'s replication login, to which Azure gives no membership, privilege, object or session default (adversarial run adv74a, D74-5, D74-6, D74-9)', () => {
  const subjects = (live: LiveState) => compareAccess(declared, live).findings.map((f) => `${f.check}: ${f.subject}`);

  test('made a member of a predefined role or of azure_pg_admin: reported', () => {
    expect(subjects(azureServer({ memberships: [...azureServer().memberships,
      { role: 'pg_read_all_data', member: 'replication', adminOption: false },
      { role: 'azure_pg_admin', member: 'replication', adminOption: false },
    ] }))).toEqual(['undeclared-membership: replication in pg_read_all_data', 'undeclared-membership: replication in azure_pg_admin']);
  });

  test('session defaults of its own that weaken logging or put public before pg_catalog: reported; Azure\'s superuser\'s are Azure\'s', () => {
    const setting = (role: string, name: string, value: string) => ({ role, database: null, name, value });
    expect(subjects(azureServer({ sessionSettings: [
      setting('replication', 'search_path', 'public, pg_catalog'),
      setting('replication', 'pgaudit.log', 'none'),
      setting('replication', 'statement_timeout', '0'),
      setting('azuresu', 'pgaudit.log', 'none'),
    ] }))).toEqual(['session-setting: role "replication": search_path', 'session-setting: role "replication": pgaudit.log']);
  });

  test('a grant to it, an object it owns, or CONNECT held by it, in a database the stack does not manage: reported; not in Azure\'s internal databases', () => {
    const holdings = (name: string, privileges: LiveState['serverDatabases'][number]['privileges']) => ({
      name, owner: 'azure_pg_admin', privileges, publicCreate: {
        schemas: [],
        grants: [liveGrant('replication', 'table', 'public.copy_t', 'SELECT', { schema: 'public', name: 'copy_t' })],
        owners: [{ kind: 'table', object: 'public.repl_box', owner: 'replication', login: true }],
      },
    });
    expect(subjects(azureServer({ serverDatabases: [
      ...AZURE_DATABASES.filter((d) => d.name !== 'postgres' && d.name !== 'azure_sys'),
      holdings('postgres', [{ grantee: null, privilege: 'CONNECT' }]),
      holdings('billing', [{ grantee: 'replication', privilege: 'CONNECT' }]),
      holdings('azure_sys', [{ grantee: null, privilege: 'CONNECT' }, { grantee: 'replication', privilege: 'CONNECT' }]),
    ] }))).toEqual([
      'undeclared-database: billing',
      'direct-privilege: postgres: replication on table "public.copy_t"',
      'owned-by-login: postgres: table "public.repl_box"',
      'direct-privilege: billing: replication on table "public.copy_t"',
      'owned-by-login: billing: table "public.repl_box"',
    ]);
  });
});

describe('PUBLIC\'s CREATE on a schema of a database the stack does not manage (ninth review, A9-17)', () => {
  const postgres = (privileges: LiveState['serverDatabases'][number]['privileges'], publicCreate: LiveState['serverDatabases'][number]['publicCreate']) =>
    azureServer({ serverDatabases: [...AZURE_DATABASES.filter((d) => d.name !== 'postgres'), { name: 'postgres', owner: 'azure_pg_admin', privileges, publicCreate }] });
  const publicConnect = [{ grantee: null, privilege: 'CONNECT' }, { grantee: null, privilege: 'TEMPORARY' }];

  test('on Azure\'s postgres database (PostgreSQL 13/14\'s default), which every login may connect to: reported', () => {
    expect(compareAccess(declared, postgres(publicConnect, { schemas: ['public'] })).findings).toEqual([
      { check: 'public-privilege', subject: 'postgres: schema "public"', message: 'PUBLIC holds CREATE on schema "public" in database "postgres", which the stack does not manage but its roles may connect to.' },
    ]);
  });

  test('not reported where the stack\'s roles may not connect, nor without CREATE', () => {
    expect(compareAccess(declared, postgres([{ grantee: 'azure_pg_admin', privilege: 'CONNECT' }], { schemas: ['public'] }))).toEqual({ findings: [], notes: [], unread: [] });
    expect(compareAccess(declared, postgres([{ grantee: 'azure_pg_admin', privilege: 'CONNECT' }], { unreadable: 'permission denied for database "postgres"' }))).toEqual({ findings: [], notes: [], unread: [] });
    expect(compareAccess(declared, postgres(publicConnect, { schemas: [] }))).toEqual({ findings: [], notes: [], unread: [] });
  });

  test('one the stack\'s roles may connect to that could not be read is noted and leaves the audit incomplete (93rd run, A93a-3)', () => {
    expect(compareAccess(declared, postgres(publicConnect, { unreadable: 'terminating connection due to idle-session timeout' }))).toEqual({
      findings: [],
      notes: ['Database "postgres", which the stack\'s roles may connect to, could not be read ("terminating connection due to idle-session timeout"): PUBLIC\'s CREATE on its schemas and EXECUTE on its SECURITY DEFINER routines were not checked, so the audit is incomplete.'],
      unread: ['postgres'],
    });
  });

  test('what PUBLIC and the roles hold there is judged as in a managed database, not what a superuser owns nor an extension\'s script gave (93rd run, A93a-1)', () => {
    const publicRow = (kind: string, object: string, privilege: string, owner: string, initial = false) => ({ kind, object, privilege, owner, initial, extension: null, name: null });
    const result = compareAccess(declared, postgres(publicConnect, {
      schemas: [],
      publicPrivileges: [
        publicRow('database', 'postgres', 'CONNECT', 'azure_pg_admin'),
        publicRow('schema', 'public', 'USAGE', 'pg_database_owner'),
        publicRow('table', 'public.drop_box', 'INSERT', 'grp-orders-dba'),
        publicRow('table', 'public.drop_box', 'SELECT', 'grp-orders-dba'),
        publicRow('view', 'query_store.qs_view', 'SELECT', 'azuresu'),
        publicRow('security definer function', 'public.tied()', 'EXECUTE', 'azure_pg_admin', true),
      ],
      grants: [
        { kind: 'function', schema: 'public', name: 'adm', detail: null, object: 'public.adm(q text)', grantee: 'orders_app', privilege: 'EXECUTE', grantable: false },
        // The database's own privileges are undeclared-database's.
        { kind: 'database', schema: null, name: 'postgres', detail: null, object: 'postgres', grantee: 'orders_app', privilege: 'TEMPORARY', grantable: false },
      ],
      definerExecutions: [{ kind: 'function', schema: 'public', name: 'adm', object: 'public.adm(q text)', oid: '1', owner: 'grp-orders-dba', executor: 'orders_app' }],
    }));
    expect(result.findings.map((f) => `${f.check}: ${f.subject}`)).toEqual([
      'public-privilege: postgres: table "public.drop_box"',
      'direct-privilege: postgres: orders_app on function "public.adm(q text)"',
      'definer-execute: postgres: orders_app on function "public.adm(q text)"',
    ]);
  });

  test('a foreign key action\'s function is reported, unless the stack grants the writer EXECUTE on it by name (93rd run, A93a-2; 94th run, A94a-4)', () => {
    const run = { kind: 'foreign key action' as const, schema: 'public', name: 'report', object: 'public.report(integer) of trigger t on public.child (written by the foreign key action of public.parent)', oid: 'report()', owner: 'orders_owner', executor: 'orders_readonly' };
    expect(compareAccess(declared, inOrders([], [], [run], [{ schema: 'public', object: 'report(integer)', oid: 'other()' }])).findings.map((f) => f.message)).toEqual([
      'Role "orders_readonly" runs function "public.report(integer) of trigger t on public.child (written by the foreign key action of public.parent)" in database "orders" when it writes the referenced table: the foreign key action writes the referencing table as its owner, and the function runs with the rights of "orders_owner".',
    ]);
    expect(compareAccess(declared, inOrders([], [], [run], [{ schema: 'public', object: 'report(integer)', oid: 'report()' }])).findings).toEqual([]);
  });

  test('a declared role\'s CONNECT lets the stack in too', () => {
    const result = compareAccess(declared, postgres([{ grantee: 'orders_readonly', privilege: 'CONNECT' }], { schemas: ['public'] }));
    expect(result.findings.map((f) => f.check)).toEqual(['undeclared-database', 'public-privilege']);
  });
});

describe('a SECURITY DEFINER routine a role other than its owner may execute (seventh review, A7-12)', () => {
  const run = (name: string, executor: string, owner = 'orders_owner', oid = `${name}()`) => ({ kind: 'function' as const, schema: 'public', name, object: `public.${name}()`, oid, owner, executor });
  /** What the stack's grant on "report(integer)" resolves to on the server. */
  const resolved = (oid: string | null) => [{ schema: 'public', object: 'report(integer)', oid }];

  test('is reported per role, with the owner whose rights it runs with', () => {
    const result = compareAccess(declared, inOrders([], [], [run('wipe', 'orders_readonly'), run('wipe', 'orders_app')]));
    expect(result.findings.map((f) => `${f.check}: ${f.subject}: ${f.message}`)).toEqual([
      'definer-execute: orders: orders_readonly on function "public.wipe()": Role "orders_readonly" may execute SECURITY DEFINER function "public.wipe()" in database "orders", which runs with the rights of its owner "orders_owner".',
      'definer-execute: orders: orders_app on function "public.wipe()": Role "orders_app" may execute SECURITY DEFINER function "public.wipe()" in database "orders", which runs with the rights of its owner "orders_owner".',
    ]);
  });

  test('is not reported for the administrators and Azure\'s roles, nor where the stack grants EXECUTE on that very routine', () => {
    expect(compareAccess(declared, inOrders([], [], [run('wipe', 'grp-orders-dba'), run('wipe', 'azure_pg_admin'), run('report', 'orders_readonly')], resolved('report()'))).findings).toEqual([]);
    // A grant by name to another role, or of another routine, does not cover it.
    expect(compareAccess(declared, inOrders([], [], [run('report', 'billing_vendor'), run('reports', 'orders_readonly')], resolved('report()'))).findings.map((f) => f.subject)).toEqual([
      'orders: billing_vendor on function "public.report()"',
      'orders: orders_readonly on function "public.reports()"',
    ]);
  });

  test('a grant on report(integer) does not cover an overload of the same name, nor anything when it resolves to no routine', () => {
    const overload = run('report', 'orders_readonly', 'orders_owner', 'report(integer, boolean)');
    expect(compareAccess(declared, inOrders([], [], [overload], resolved('report()'))).findings.map((f) => f.subject)).toEqual(['orders: orders_readonly on function "public.report()"']);
    expect(compareAccess(declared, inOrders([], [], [run('report', 'orders_readonly')], resolved(null))).findings.map((f) => f.subject)).toEqual(['orders: orders_readonly on function "public.report()"']);
  });
});

describe('session defaults (pg_db_role_setting), twenty-second review, A22a-6', () => {
  const setting = (role: string | null, database: string | null, name: string, value: string) => ({ role, database, name, value });
  const reported = (settings: LiveState['sessionSettings']) => compareAccess(declared, azureServer({ sessionSettings: settings })).findings;

  test('harmless defaults, and logging kept or raised, are not reported', () => {
    expect(reported([
      setting('orders_app', null, 'search_path', '"$user", public'),
      setting('orders_app', null, 'statement_timeout', '30s'),
      setting(null, 'orders', 'work_mem', '64MB'),
      setting('billing_vendor', 'orders', 'pgaudit.log', 'all'),
      setting('billing_vendor', null, 'log_statement', 'none'),
    ])).toEqual([]);
  });

  test('a default that weakens logging is reported, of any role (an administrator too), database or of ALTER ROLE ALL', () => {
    expect(reported([
      setting('orders_app', null, 'pgaudit.log', 'none'),
      setting('grp-orders-dba', null, 'log_min_messages', 'PANIC'),
      setting('billing_vendor', 'orders', 'debug_print_plan', 'on'),
      setting(null, 'postgres', 'log_statement', 'all'),
      setting(null, null, 'session_replication_role', 'replica'),
    ])).toEqual([
      { check: 'session-setting', subject: 'role "orders_app": pgaudit.log', message: expect.stringMatching(/^Role "orders_app" sets pgaudit\.log to "none" for the sessions it starts, not a list that keeps the ddl and role classes on/) },
      { check: 'session-setting', subject: 'role "grp-orders-dba": log_min_messages', message: expect.stringMatching(/^Role "grp-orders-dba" sets log_min_messages to "PANIC"/) },
      { check: 'session-setting', subject: 'role "billing_vendor" in database "orders": debug_print_plan', message: expect.stringMatching(/^Role "billing_vendor" in database "orders" sets debug_print_plan to "on"/) },
      { check: 'session-setting', subject: 'database "postgres": log_statement', message: expect.stringMatching(/^Database "postgres" sets log_statement to "all"/) },
      { check: 'session-setting', subject: 'every role (ALTER ROLE ALL): session_replication_role', message: expect.stringMatching(/^Every role \(ALTER ROLE ALL\) sets session_replication_role to "replica"/) },
    ]);
  });

  test('a logging setting no rule reads is reported as not read; Azure\'s and the predefined roles\' defaults are theirs', () => {
    expect(reported([
      setting('orders_app', null, 'pgaudit.log_catalog', 'off'),
      setting('azuresu', null, 'pgaudit.log', 'none'),
      setting('pg_monitor', null, 'log_statement', 'none'),
    ])).toEqual([
      { check: 'session-setting', subject: 'role "orders_app": pgaudit.log_catalog', message: 'Role "orders_app" sets pgaudit.log_catalog, a logging setting no rule reads, for the sessions it starts.' },
    ]);
  });
});

describe('extension members, settings privileges and routine settings (twenty-seventh review, A27b-1, A27b-2)', () => {
  const inOrdersWith = (fields: Partial<LiveDatabase>): LiveState => azureServer({ databases: [{ name: 'orders', exists: true, pgaudit: true, publicPrivileges: [], grants: [], owners: [], definerExecutions: [], routines: [], routineSettings: [], userMappings: [], storedPasswords: [], ...fields }] });

  test('PUBLIC\'s privilege an extension\'s script gave is not reported; on an object a role of the stack owns, or not initial, it is', () => {
    const view = { kind: 'view', object: 'public.pg_stat_statements', privilege: 'SELECT', extension: 'pg_stat_statements', name: 'pg_stat_statements' };
    expect(compareAccess(declared, inOrdersWith({ publicPrivileges: [
      { ...view, owner: 'azuresu', initial: true },
      { ...view, privilege: 'INSERT', owner: 'azuresu', initial: false },
      { kind: 'table', object: 'public.secrets', privilege: 'SELECT', owner: 'orders_readonly', initial: true },
      { kind: 'schema', object: 'sales', privilege: 'USAGE', owner: 'orders_app', initial: true },
      { kind: 'table', object: 'public.plain', privilege: 'SELECT' },
    ] })).findings.map((f) => `${f.check}: ${f.message}`)).toEqual([
      'public-privilege: PUBLIC holds INSERT on view "public.pg_stat_statements" in database "orders".',
      'public-privilege: PUBLIC holds SELECT on table "public.secrets" in database "orders".',
      'public-privilege: PUBLIC holds USAGE on schema "sales" in database "orders".',
      'public-privilege: PUBLIC holds SELECT on table "public.plain" in database "orders".',
    ]);
  });

  test('an initial PUBLIC privilege on a schema or relation is excused only where the shipped table says an extension\'s script grants it, on its object in its schema (twenty-eighth run, A28b-3)', () => {
    const initial = (kind: string, object: string, privilege: string, extension: string | null, name: string | null) => ({ kind, object, privilege, owner: 'azuresu', initial: true, extension, name });
    expect(compareAccess(declared, inOrdersWith({ publicPrivileges: [
      // The scripts' own grants (pg_stat_statements, postgis, postgis_raster, postgis_topology): not reported.
      initial('view', 'public.pg_stat_statements_info', 'SELECT', 'pg_stat_statements', 'pg_stat_statements_info'),
      initial('table', 'gis.spatial_ref_sys', 'SELECT', 'postgis', 'spatial_ref_sys'),
      initial('view', 'gis.geometry_columns', 'SELECT', 'postgis', 'geometry_columns'),
      initial('view', 'gis.geography_columns', 'SELECT', 'postgis', 'geography_columns'),
      initial('view', 'gis.raster_columns', 'SELECT', 'postgis_raster', 'raster_columns'),
      initial('view', 'gis.raster_overviews', 'SELECT', 'postgis_raster', 'raster_overviews'),
      initial('schema', 'topology', 'USAGE', 'postgis_topology', 'topology'),
      initial('table', 'topology.topology', 'SELECT', 'postgis_topology', 'topology'),
      initial('table', 'topology.layer', 'SELECT', 'postgis_topology', 'layer'),
      initial('sequence', 'topology.topology_id_seq', 'SELECT', 'postgis_topology', 'topology_id_seq'),
      // Initial (granted before ALTER EXTENSION ... ADD) but no script's: reported.
      initial('table', 'public.t3', 'INSERT', 'pgaudit', 't3'),
      initial('table', 'public.t3', 'SELECT', 'pgaudit', 't3'),
      initial('schema', 's9', 'CREATE', 'pgaudit', 's9'),
      initial('schema', 's9', 'USAGE', 'pgaudit', 's9'),
      initial('table', 'gis.spatial_ref_sys', 'INSERT', 'postgis', 'spatial_ref_sys'),
      initial('view', 'gis.spatial_ref_sys', 'SELECT', 'postgis', 'spatial_ref_sys'),
      initial('schema', 'topology', 'CREATE', 'postgis_topology', 'topology'),
      initial('table', 'public.spatial_ref_sys', 'SELECT', 'pg_stat_statements', 'spatial_ref_sys'),
      // Tied to the extension outside its schema (extension null), or a column: reported.
      initial('view', 'other.pg_stat_statements', 'SELECT', null, 'pg_stat_statements'),
      initial('column', 'public.t3.a', 'SELECT', null, null),
      // Routines keep their own reading (SCRIPT_EXECUTE, in the query).
      { kind: 'security definer function', object: 'public.pgaudit_ddl_command_end()', privilege: 'EXECUTE', owner: 'azuresu', initial: true, extension: null, name: null },
    ] })).findings.map((f) => `${f.check}: ${f.subject}: ${f.message}`)).toEqual([
      'public-privilege: orders: table "public.t3": PUBLIC holds INSERT, SELECT on table "public.t3" in database "orders".',
      'public-privilege: orders: schema "s9": PUBLIC holds CREATE, USAGE on schema "s9" in database "orders".',
      'public-privilege: orders: table "gis.spatial_ref_sys": PUBLIC holds INSERT on table "gis.spatial_ref_sys" in database "orders".',
      'public-privilege: orders: view "gis.spatial_ref_sys": PUBLIC holds SELECT on view "gis.spatial_ref_sys" in database "orders".',
      'public-privilege: orders: schema "topology": PUBLIC holds CREATE on schema "topology" in database "orders".',
      'public-privilege: orders: table "public.spatial_ref_sys": PUBLIC holds SELECT on table "public.spatial_ref_sys" in database "orders".',
      'public-privilege: orders: view "other.pg_stat_statements": PUBLIC holds SELECT on view "other.pg_stat_statements" in database "orders".',
      'public-privilege: orders: column "public.t3.a": PUBLIC holds SELECT on column "public.t3.a" in database "orders".',
    ]);
  });

  test('SET on a logging setting granted to pg_database_owner (its member is each database\'s owner), or to a predefined role a role other than Azure\'s inherits through any chain of memberships, is reported; to one only Azure\'s and predefined roles are members of, not (twenty-eighth run)', () => {
    const base = azureServer();
    const result = compareAccess(declared, azureServer({
      memberships: [
        ...base.memberships,
        // pg_monitor: reached by orders_app through pg_read_all_stats and a group of its own.
        { role: 'pg_monitor', member: 'pg_read_all_stats', adminOption: false },
        { role: 'pg_read_all_stats', member: 'orders_readonly', adminOption: false },
        // pg_signal_backend: only Azure's superuser is a member (azure_pg_admin would bring the administrators in).
        { role: 'pg_signal_backend', member: 'azuresu', adminOption: false },
      ],
      parameterPrivileges: [
        { name: 'pgaudit.log', grantee: 'pg_database_owner', privilege: 'SET' },
        { name: 'log_statement', grantee: 'pg_database_owner', privilege: 'ALTER SYSTEM' },
        { name: 'work_mem', grantee: 'pg_database_owner', privilege: 'SET' },
        // The administrator grp-orders-dba is in azure_pg_admin, a member of pg_read_all_data (as on Azure).
        { name: 'pgaudit.log', grantee: 'pg_read_all_data', privilege: 'SET' },
        { name: 'log_statement', grantee: 'pg_monitor', privilege: 'SET' },
        { name: 'pgaudit.log', grantee: 'pg_signal_backend', privilege: 'SET' },
        { name: 'pgaudit.log', grantee: 'pg_read_all_settings', privilege: 'SET' },
        { name: 'pgaudit.log', grantee: 'azure_pg_admin', privilege: 'SET' },
      ],
    }));
    expect(result.findings.map((f) => `${f.check}: ${f.subject}`).sort()).toEqual([
      'parameter-privilege: pg_database_owner: log_statement',
      'parameter-privilege: pg_database_owner: pgaudit.log',
      // Any parameter: the stack grants none (adversarial run adv74a, D74-4).
      'parameter-privilege: pg_database_owner: work_mem',
      'parameter-privilege: pg_monitor: log_statement',
      'parameter-privilege: pg_read_all_data: pgaudit.log',
      // orders_readonly's membership of a predefined role is reported as such too.
      'undeclared-membership: orders_readonly in pg_read_all_stats',
    ]);
    expect(result.findings.find((f) => f.subject === 'pg_read_all_data: pgaudit.log')?.message).toContain('its member "grp-orders-dba" inherits it');
  });

  test('SET or ALTER SYSTEM on any parameter held by PUBLIC or a role is reported, a setting that is not logging\'s too (adversarial run adv74a, D74-4); Azure\'s and the predefined roles\' are not', () => {
    const privilege = (name: string, grantee: string | null, p = 'SET') => ({ name, grantee, privilege: p });
    expect(compareAccess(declared, azureServer({ parameterPrivileges: [
      privilege('pgaudit.log', 'orders_app'),
      privilege('session_replication_role', 'orders_readwrite'),
      privilege('session_replication_role', 'orders_readwrite', 'ALTER SYSTEM'),
      privilege('log_statement', null),
      privilege('log_statement', 'grp-orders-dba'),
      privilege('auto_explain.log_min_duration', 'billing_vendor'),
      privilege('pgaudit.log', 'azure_pg_admin'),
      privilege('pgaudit.log', 'pg_monitor'),
      privilege('work_mem', 'orders_app'),
      privilege('search_path', null),
    ] })).findings.map((f) => `${f.check}: ${f.subject}`)).toEqual([
      'parameter-privilege: orders_app: pgaudit.log',
      'parameter-privilege: orders_readwrite: session_replication_role',
      'parameter-privilege: PUBLIC: log_statement',
      'parameter-privilege: grp-orders-dba: log_statement',
      'parameter-privilege: billing_vendor: auto_explain.log_min_duration',
      'parameter-privilege: orders_app: work_mem',
      'parameter-privilege: PUBLIC: search_path',
    ]);
  });

  test('ALTER SYSTEM on archive_command or shared_preload_libraries, SET on session_preload_libraries: reported with what it lets the role do (adversarial run adv74a, D74-4)', () => {
    const findings = compareAccess(declared, azureServer({ parameterPrivileges: [
      { name: 'archive_command', grantee: 'orders_readonly', privilege: 'ALTER SYSTEM' },
      { name: 'session_preload_libraries', grantee: 'orders_app', privilege: 'SET' },
    ] })).findings;
    expect(findings.map((f) => `${f.check}: ${f.subject}`)).toEqual(['parameter-privilege: orders_readonly: archive_command', 'parameter-privilege: orders_app: session_preload_libraries']);
    expect(findings[0].message).toMatch(/^Role "orders_readonly" holds ALTER SYSTEM on parameter "archive_command", a privilege the stack never grants: .*archive_command runs a shell command/);
  });

  test('a routine\'s own setting that weakens logging is reported; a harmless one is not', () => {
    const setting = (object: string, name: string, value: string) => ({ kind: 'function' as const, object, name, value });
    expect(compareAccess(declared, inOrdersWith({ routineSettings: [
      setting('public.g()', 'pgaudit.log', 'none'),
      setting('public.h()', 'search_path', 'pg_catalog, pg_temp'),
      setting('public.k()', 'pgaudit.log', 'ddl, role'),
      setting('public.m()', 'log_min_messages', 'panic'),
    ] })).findings).toEqual([
      { check: 'session-setting', subject: 'orders: function "public.g()": pgaudit.log', message: expect.stringMatching(/^Function "public\.g\(\)" in database "orders" \(its own setting, for every call\) sets pgaudit\.log to "none"/) },
      { check: 'session-setting', subject: 'orders: function "public.m()": log_min_messages', message: expect.stringMatching(/^Function "public\.m\(\)" in database "orders" \(its own setting, for every call\) sets log_min_messages to "panic"/) },
    ]);
  });
  test('a routine\'s own search_path that puts a schema before pg_catalog is reported as a session default\'s is (adversarial run adv74a, D74-1)', () => {
    const setting = (object: string, value: string) => ({ kind: 'function' as const, object, name: 'search_path', value });
    expect(compareAccess(declared, inOrdersWith({ routineSettings: [
      setting('public.adm_report()', 'public, pg_catalog'),
      setting('public.safe()', 'pg_catalog, public'),
      setting('public.temp_first()', 'pg_temp, pg_catalog'),
      setting('public.empty()', '""'),
    ] })).findings).toEqual([
      { check: 'session-setting', subject: 'orders: function "public.adm_report()": search_path', message: expect.stringMatching(/^Function "public\.adm_report\(\)" in database "orders" \(its own setting, for every call\) runs every call with search_path = "public, pg_catalog", which puts "public" before pg_catalog: .* with the rights of whoever calls it \(its owner's, if SECURITY DEFINER\)/) },
    ]);
  });
});

describe('views, rules and pg_cron jobs that reach data with an administrator\'s rights; user mappings (adversarial run of stop 67)', () => {
  const inOrdersWith = (fields: Partial<LiveDatabase>, server: Partial<LiveState> = {}): LiveState => azureServer({
    ...server,
    databases: [{ name: 'orders', exists: true, pgaudit: true, publicPrivileges: [], grants: [], owners: [], definerExecutions: [], routines: [], routineSettings: [], userMappings: [], storedPasswords: [], ...fields }],
  });
  const run = (kind: 'view' | 'materialized view' | 'rule' | 'cron job code' | 'index code', owner: string, executor: string) => ({ kind, schema: 'public', name: 'v', object: `public.v (${owner})`, oid: '1', owner, executor });
  const checks = (live: LiveState) => compareAccess(declared, live).findings.map((f) => `${f.check}: ${f.subject}`);

  test('an administrator\'s view, materialized view, rule or job is reported for a stack role; the owner level\'s, or one an administrator uses, is not', () => {
    expect(checks(inOrdersWith({ definerExecutions: [
      run('view', 'grp-orders-dba', 'orders_readonly'),
      run('materialized view', 'azure_pg_admin', 'orders_readwrite'),
      run('rule', 'grp-orders-dba', 'orders_readwrite'),
      run('cron job code', 'grp-orders-dba', 'orders_owner'),
      run('view', 'orders_owner', 'orders_readonly'),
      run('rule', 'orders_owner', 'orders_readwrite'),
      run('cron job code', 'orders_app', 'orders_owner'),
      run('view', 'grp-orders-dba', 'pgadmin_ops'),
      // Stop 68, x01: an administrator's index on the owner level's function (a reader's own function is an owned-by-group-role finding).
      run('index code', 'grp-orders-dba', 'orders_owner'),
      run('index code', 'orders_owner', 'orders_readonly'),
      run('index code', 'grp-orders-dba', 'pgadmin_ops'),
    ] }))).toEqual([
      'definer-execute: orders: orders_readonly on view "public.v (grp-orders-dba)"',
      'definer-execute: orders: orders_readwrite on materialized view "public.v (azure_pg_admin)"',
      'definer-execute: orders: orders_readwrite on rule "public.v (grp-orders-dba)"',
      'definer-execute: orders: orders_owner on cron job code "public.v (grp-orders-dba)"',
      'definer-execute: orders: orders_owner on index code "public.v (grp-orders-dba)"',
    ]);
  });

  test('a stored connection password is reported in a managed database and in one the roles may connect to, whoever wrote it (adversarial run of stop 68, u02)', () => {
    const stored = [{ kind: 'function' as const, object: 'public.peek()' }, { kind: 'view' as const, object: 'public.v_remote' }];
    expect(checks(inOrdersWith({ storedPasswords: stored }))).toEqual(['stored-password: orders: function public.peek()', 'stored-password: orders: view public.v_remote']);
    const postgres = azureServer({ serverDatabases: [...AZURE_DATABASES.filter((d) => d.name !== 'postgres'),
      { name: 'postgres', owner: 'azure_pg_admin', privileges: [{ grantee: null, privilege: 'CONNECT' }], publicCreate: { schemas: [], storedPasswords: [stored[0]] } }] });
    expect(checks(postgres)).toEqual(['stored-password: postgres: function public.peek()']);
  });

  test('a user mapping for PUBLIC or a stack role is reported; an administrator\'s or Azure\'s is not', () => {
    expect(checks(inOrdersWith({ userMappings: [
      { server: 'remote', role: null },
      { server: 'remote', role: 'orders_app' },
      { server: 'remote', role: 'grp-orders-dba' },
      { server: 'remote', role: 'azuresu' },
    ] }))).toEqual(['user-mapping: orders: PUBLIC on remote', 'user-mapping: orders: orders_app on remote']);
  });

  test('an administrator\'s pg_cron job in a managed database is reported whatever its command; a stack role\'s, or one in another database, is not (stop 68, c08)', () => {
    const job = (name: string, username: string, database: string) => ({ name, username, database, command: 'DELETE FROM public.orders WHERE id > 100' });
    expect(checks(inOrdersWith({}, { cronJobs: { database: 'postgres', jobs: [
      job('cleanup', 'grp-orders-dba', 'orders'), job('app', 'orders_app', 'orders'), job('elsewhere', 'grp-orders-dba', 'postgres'),
    ] } }))).toEqual(['definer-execute: orders: cron job cleanup']);
  });

  test('the notes say when pg_cron\'s jobs were unreadable, or hidden by its row-level security from an auditor that is not a superuser', () => {
    const notes = (server: Partial<LiveState>) => compareAccess(declared, inOrdersWith({}, server)).notes.filter((note) => note.includes('pg_cron'));
    expect(notes({ cronJobs: { jobs: [], database: null } })).toEqual([]);
    expect(notes({ cronJobs: { jobs: [], database: 'postgres' } })).toEqual([
      'pg_cron shows each role only its own jobs: the jobs of roles other than "grp-orders-dba" were not read; audit as each administrator to check theirs.',
    ]);
    expect(notes({ cronJobs: { jobs: [], database: 'postgres' }, currentUser: 'azuresu' })).toEqual([]);
    expect(notes({ cronJobs: { unreadable: 'permission denied for schema cron', database: 'postgres' } })).toEqual([
      'pg_cron\'s jobs in database "postgres" could not be read ("permission denied for schema cron"): the functions they call were not checked.',
    ]);
  });
});

describe('the server\'s pgaudit.log against the stack\'s (adversarial run adv72a, A72-14)', () => {
  const server = { ...declared, pgauditLog: 'ddl,role,misc' };
  const said = (live: LiveState, stack: DeclaredServer = server) => {
    const result = compareAccess(stack, live);
    return { findings: result.findings.filter((f) => f.check === 'pgaudit-log').map((f) => f.message), notes: result.notes.filter((n) => n.includes('pgaudit.log')) };
  };

  test('pgaudit not loaded (no pg_settings row): reported whatever the stack declares', () => {
    expect(said(azureServer({ pgauditLog: null }), declared)).toEqual({ findings: ['pgaudit is not loaded on the server (it is not in shared_preload_libraries): it logs nothing, whatever its extensions and pgaudit.log say.'], notes: [] });
  });

  test('a value from the audit\'s session defaults is not the server\'s, whatever it is: not compared, the audit is incomplete, naming the default (adversarial run adv73a, D73-8)', () => {
    const masked = (source: string) => compareAccess(server, azureServer({ pgauditLog: { log: 'ddl,role,misc', source } })).unchecked;
    expect(said(azureServer({ pgauditLog: { log: 'all', source: 'user' } }))).toEqual({ findings: [], notes: ['The server\'s pgaudit.log was not compared: the audit\'s session has it from a session default of the auditing role (ALTER ROLE "grp-orders-dba" RESET pgaudit.log), which hides the server\'s value: the audit is incomplete.'] });
    expect(masked('user')).toEqual(['the server\'s pgaudit.log was not compared: the audit\'s session has it from a session default of the auditing role (ALTER ROLE "grp-orders-dba" RESET pgaudit.log), which hides the server\'s value']);
    expect(masked('database')).toEqual(['the server\'s pgaudit.log was not compared: the audit\'s session has it from a session default of the database the audit connects to (ALTER DATABASE <database> RESET pgaudit.log, or audit from another --database), which hides the server\'s value']);
    expect(masked('database user')).toEqual(['the server\'s pgaudit.log was not compared: the audit\'s session has it from a session default of the auditing role in the database it connects to (ALTER ROLE "grp-orders-dba" IN DATABASE <database> RESET pgaudit.log), which hides the server\'s value']);
    expect(masked('configuration file')).toBeUndefined();
  });

  test('a value from ALTER ROLE ALL SET (source global) hides the server\'s too: pgaudit.log and a compared server parameter are not compared, the audit is incomplete (adversarial run adv74a, D74-2)', () => {
    const stack = { ...server, serverParameters: { log_connections: 'on' } };
    const result = compareAccess(stack, azureServer({
      pgauditLog: { log: 'ddl,role,misc', source: 'global' },
      serverParameters: [{ name: 'log_connections', setting: 'on', type: 'bool', source: 'global' }],
    }));
    expect(result.unchecked).toEqual([
      'the server\'s pgaudit.log was not compared: the audit\'s session has it from a session default of every role (ALTER ROLE ALL RESET pgaudit.log), which hides the server\'s value',
      'the server\'s log_connections was not compared: the audit\'s session has it from a session default of every role (ALTER ROLE ALL RESET log_connections), which hides the server\'s value',
    ]);
  });

  test('a value the stack knows only at apply time: a note; the server\'s own value narrower than declared: reported', () => {
    expect(said(azureServer({ pgauditLog: { log: 'none', source: 'configuration file' } }), declared).notes).toHaveLength(1);
    expect(said(azureServer({ pgauditLog: { log: 'ddl', source: 'configuration file' } })).findings).toEqual(['The server\'s pgaudit.log is "ddl", which leaves out role, misc: the stack declares "ddl,role,misc".']);
  });
});

describe('the server\'s parameters against the stack\'s, and those that weaken logging where it declares none (adversarial runs adv73a, D73-7, and adv74a, D74-3)', () => {
  const PREFIX = '%t-%c-user=%u,db=%d,app=%a,client=%h-';
  const stack = { ...declared, serverParameters: { log_line_prefix: PREFIX, 'azure.accepted_password_auth_method': 'scram-sha-256', log_connections: 'on' } };
  const row = (name: string, setting: string, type = 'string') => ({ name, setting, type, source: 'configuration file' });
  const clean = [row('log_line_prefix', PREFIX), row('log_connections', 'on', 'bool'), row('log_min_messages', 'warning', 'enum'), row('pgaudit.log_statement', 'on', 'bool'),
    row('pgaudit.log_client', 'off', 'bool'), row('pgaudit.log_level', 'log'), row('log_destination', 'stderr')];
  const said = (changes: readonly ReturnType<typeof row>[]) => {
    const names = changes.map((c) => c.name);
    const result = compareAccess(stack, azureServer({ serverParameters: [...clean.filter((r) => !names.includes(r.name)), ...changes] }));
    return { findings: result.findings.map((f) => `${f.check}: ${f.subject}: ${f.message}`), notes: result.notes.filter((n) => n.includes('parameter')) };
  };

  test('a clean server: no finding; a declared Azure parameter the server lacks is noted, not reported', () => {
    expect(said([])).toEqual({ findings: [], notes: ['The server has no parameter azure.accepted_password_auth_method (the stack declares "scram-sha-256"): it was not compared. Azure\'s own parameters (azure.*) exist only on Azure, pgaudit\'s only where pgaudit is loaded.'] });
  });

  test('log_line_prefix is compared as written: empty, or another letter case, is reported; azure.accepted_password_auth_method in any letter case is not', () => {
    expect(said([row('log_line_prefix', '')]).findings).toEqual([`server-parameter: log_line_prefix: The server's log_line_prefix is "": the stack declares "${PREFIX}".`]);
    expect(said([row('log_line_prefix', PREFIX.toUpperCase())]).findings).toHaveLength(1);
    expect(said([row('azure.accepted_password_auth_method', 'SCRAM-SHA-256')]).findings).toEqual([]);
    expect(said([row('azure.accepted_password_auth_method', 'md5,scram-sha-256')]).findings).toEqual(['server-parameter: azure.accepted_password_auth_method: The server\'s azure.accepted_password_auth_method is "md5,scram-sha-256": the stack declares "scram-sha-256".']);
  });

  test('undeclared weakenings: pgaudit.log_statement off, log_destination without a log file, pgaudit.log_level below log_min_messages while pgaudit.log_client is on', () => {
    expect(said([row('pgaudit.log_statement', 'off', 'bool')]).findings).toEqual(['server-parameter: pgaudit.log_statement: The server\'s pgaudit.log_statement is "off": pgaudit\'s lines hold no statement text, so the log says "ALTER ROLE" but not which role or what changed.']);
    expect(said([row('log_destination', 'syslog')]).findings).toEqual([expect.stringMatching(/^server-parameter: log_destination: The server's log_destination is "syslog": the server writes no log file/)]);
    expect(said([row('pgaudit.log_client', 'on', 'bool'), row('pgaudit.log_level', 'debug5')]).findings).toEqual([expect.stringMatching(/^server-parameter: pgaudit.log_level: The server's pgaudit.log_level is "debug5": pgaudit.log_client is on/)]);
    expect(said([row('pgaudit.log_client', 'on', 'bool'), row('pgaudit.log_level', 'NOTICE')]).findings).toHaveLength(1);
  });

  // Adversarial run adv75d, P75-13: at log the server drops ERROR lines, which PGF-LOG-9 fails at synth; error and warning keep them.
  test('log_min_messages at log, fatal or panic drops ERROR lines; at error or warning it does not', () => {
    expect(said([row('log_min_messages', 'log', 'enum')]).findings).toEqual(['server-parameter: log_min_messages: The server\'s log_min_messages is "log": the server log drops ERROR lines (a "permission denied" among them), and at fatal or panic every LOG line too, pgaudit\'s included.']);
    expect(said([row('log_min_messages', 'PANIC', 'enum')]).findings).toHaveLength(1);
    expect(said([row('log_min_messages', 'error', 'enum')]).findings).toEqual([]);
  });

  test('harmless alone: pgaudit.log_level without pgaudit.log_client, pgaudit.log_client at LOG or at a level log_min_messages keeps, csvlog (stderr without the collector)', () => {
    expect(said([row('pgaudit.log_level', 'debug5')]).findings).toEqual([]);
    expect(said([row('pgaudit.log_client', 'on', 'bool')]).findings).toEqual([]);
    expect(said([row('pgaudit.log_client', 'on', 'bool'), row('pgaudit.log_level', 'notice'), row('log_min_messages', 'notice', 'enum')]).findings).toEqual([]);
    expect(said([row('log_destination', 'csvlog')]).findings).toEqual([]);
    expect(said([row('log_destination', 'syslog, jsonlog')]).findings).toEqual([]);
  });

  test('a declared value is compared, not judged: pgaudit.log_statement the stack declares off is no finding', () => {
    const offDeclared = { ...stack, serverParameters: { ...stack.serverParameters, 'pgaudit.log_statement': 'off' } };
    expect(compareAccess(offDeclared, azureServer({ serverParameters: [...clean.filter((r) => r.name !== 'pgaudit.log_statement'), row('pgaudit.log_statement', 'off', 'bool')] })).findings).toEqual([]);
  });
});
