import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  AccessLevel,
  DatabaseAccess,
  DatabaseAccessProps,
  DatabasePrincipal,
  DiagnosticSettings,
  EntraPrincipalType,
  FlexibleServerAuthentication,
  PostgresSslMode,
  SecureFlexibleServer,
  SecureFlexibleServerProps,
  SecureSingleServer,
  SingleServerNetwork,
} from '../../lib';
import { entraTokenSource } from '../../lib/audit/session';
import { runAuditRoles } from '../../lib/cli/audit-roles-command';
import { SUBNET_ID, TENANT_ID, WORKSPACE_ID } from '../helpers';
import { accessProps, DBA, serverProps, VENDOR_REASON } from '../support/database-fixture';

// The error catalogue of DatabaseAccess and of `cdktf-azure-postgres audit-roles`: every bad input
// with its whole message. Each id is also a "### <id>" entry under "## Errors" in
// docs/database-access.md (same format as docs/errors.md); the tests keep the two in step.

interface ThrownEntry {
  readonly id: string;
  readonly run: () => void;
  readonly message: string;
}

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'orders');
}

/** A DatabaseAccess on the fixture's server, with the given props changed. */
function access(overrides: Partial<DatabaseAccessProps> | ((server: SecureFlexibleServer, stack: TerraformStack) => Partial<DatabaseAccessProps>), server: Partial<SecureFlexibleServerProps> = {}): () => void {
  return () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', serverProps(server));
    const changes = typeof overrides === 'function' ? overrides(postgres, stack) : overrides;
    new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(postgres), ...changes });
  };
}

/** Two DatabaseAccess on one server: the second with the given props changed. */
function second(overrides: Partial<DatabaseAccessProps>, server: Partial<SecureFlexibleServerProps> = {}): () => void {
  return () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', serverProps(server));
    new DatabaseAccess(stack, 'OrdersAccess', accessProps(postgres));
    new DatabaseAccess(stack, 'BillingAccess', { ...accessProps(postgres), databases: ['billing'], roles: [], ...overrides });
  };
}

function role(overrides: object): Partial<DatabaseAccessProps> {
  return { roles: [{ name: 'orders_app', database: 'orders', access: AccessLevel.READ_WRITE, member: DatabasePrincipal.entra({ objectId: 'aaaaaaaa-0000-0000-0000-000000000001', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }), ...overrides }] };
}

function vendor(options: object): Partial<DatabaseAccessProps> {
  return role({ name: 'billing_vendor', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.password({ rotateEveryDays: 90, justification: VENDOR_REASON, ...options }) });
}

function token(stack: TerraformStack, name: string): string {
  return new TerraformVariable(stack, name, { type: 'string' }).stringValue;
}

const TOKEN_NOTE = 'is a Terraform expression, known only at apply time';
const LONG_DATABASE = 'orders_archive_of_the_retail_division_2024_quarterly_x';
const ADMIN_2 = { objectId: '66666666-7777-8888-9999-000000000001', principalName: 'grp-orders-dba-2', principalType: EntraPrincipalType.GROUP };

const ACCESS_ERRORS: ThrownEntry[] = [
  // The server
  { id: 'DB-SERVER-REQUIRED', run: access({ server: undefined }), message: 'Invalid server: (not set) is required. Fix: give the SecureFlexibleServer whose databases this manages.' },
  {
    id: 'DB-SERVER-SINGLE',
    run: access((_, stack) => ({
      server: new SecureSingleServer(stack, 'Legacy', {
        name: 'legacy-db', resourceGroupName: 'rg-legacy', location: 'westeurope', tenantId: TENANT_ID,
        network: SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID }),
        entraAdministrator: { objectId: '66666666-7777-8888-9999-000000000000', principalName: DBA, principalType: EntraPrincipalType.GROUP },
        diagnosticSettings: DiagnosticSettings.logAnalytics(WORKSPACE_ID), administratorLogin: 'pgadmin_ops',
      }) as never,
    })),
    message: 'Invalid server: "orders/Legacy" is a SecureSingleServer: the pgaadauth security labels that map Entra principals to roles exist only on Flexible Server. Fix: manage the roles of a SecureFlexibleServer; migrate the Single Server first (docs/migrating-to-flexible-server.md).',
  },
  { id: 'DB-SERVER-TYPE', run: access({ server: { name: 'orders-db' } as never }), message: 'Invalid server: {"name":"orders-db"} is not a SecureFlexibleServer. Fix: pass the SecureFlexibleServer construct whose databases this manages.' },
  {
    id: 'DB-SERVER-STACK',
    run: () => {
      const app = Testing.app();
      const server = new SecureFlexibleServer(new TerraformStack(app, 'data'), 'Postgres', serverProps());
      new DatabaseAccess(new TerraformStack(app, 'orders'), 'OrdersAccess', accessProps(server));
    },
    message: 'Invalid server: "data/Postgres" is in stack "data", not in "orders". Fix: create the DatabaseAccess in the stack of its server.',
  },
  // Signing in
  { id: 'DB-CONNECT-AS-REQUIRED', run: access({ connectAs: { principalName: ' ' } }), message: 'Invalid connectAs.principalName: " " is required. Fix: give the principalName of one of the server\'s entraAdministrators: Terraform signs in as it.' },
  {
    id: 'DB-CONNECT-AS-NOT-ADMIN',
    run: access({ connectAs: { principalName: 'grp-orders-devs' } }),
    message: 'Invalid connectAs.principalName: "grp-orders-devs" is not an Entra administrator of the server (it lists "grp-orders-dba"). Fix: give the principalName of one of the server\'s entraAdministrators: Terraform signs in as it.',
  },
  {
    id: 'DB-CONNECT-AS-SHARED',
    run: second({ connectAs: { principalName: ADMIN_2.principalName } }, { entraAdministrators: [{ ...ADMIN_2, principalName: DBA, objectId: '66666666-7777-8888-9999-000000000000' }, ADMIN_2] }),
    message: 'Invalid connectAs.principalName: "grp-orders-dba-2" differs from "grp-orders-dba", which another DatabaseAccess of this server signs in as. Fix: sign in as the same administrator: every DatabaseAccess of a server shares one postgresql provider.',
  },
  { id: 'DB-SSL-MODE', run: access({ sslMode: 'disable' as PostgresSslMode }), message: 'Invalid sslMode: "disable" is not supported. Fix: use PostgresSslMode.VERIFY_FULL (the default) or PostgresSslMode.REQUIRE.' },
  {
    id: 'DB-SSL-MODE-TOKEN',
    run: access((_, stack) => ({ sslMode: token(stack, 'ssl_mode') as PostgresSslMode })),
    message: `Invalid sslMode: "\${TfToken[TOKEN.1]}" ${TOKEN_NOTE}, but the TLS mode is a security setting. Fix: use PostgresSslMode.VERIFY_FULL (the default) or PostgresSslMode.REQUIRE.`,
  },
  {
    id: 'DB-SSL-JUSTIFICATION-MISSING',
    run: access({ sslMode: PostgresSslMode.REQUIRE }),
    message: 'Invalid sslModeJustification: (not set) is required to connect without checking the server\'s certificate. Fix: say why in at least 10 visible characters, e.g. "Runner image lacks the DigiCert roots (OPS-88, until 2027-01)".',
  },
  {
    id: 'DB-SSL-JUSTIFICATION-SHORT',
    run: access({ sslMode: PostgresSslMode.REQUIRE, sslModeJustification: 'no roots' }),
    message: 'Invalid sslModeJustification: "no roots" has fewer than 10 visible characters. Fix: say why in at least 10 visible characters, e.g. "Runner image lacks the DigiCert roots (OPS-88, until 2027-01)".',
  },
  {
    id: 'DB-SSL-JUSTIFICATION-UNUSED',
    run: access({ sslModeJustification: 'Runner image lacks the DigiCert roots' }),
    message: 'Invalid sslModeJustification: "Runner image lacks the DigiCert roots" has no effect: sslMode is PostgresSslMode.VERIFY_FULL. Fix: remove it.',
  },
  {
    id: 'DB-SSL-MODE-SHARED',
    run: second({ sslMode: PostgresSslMode.REQUIRE, sslModeJustification: 'Runner image lacks the DigiCert roots (OPS-88)' }),
    message: 'Invalid sslMode: "require" differs from "verify-full", which another DatabaseAccess of this server uses. Fix: use the same TLS mode: every DatabaseAccess of a server shares one postgresql provider.',
  },
  // Databases and schemas
  { id: 'DB-DATABASES-EMPTY', run: access({ databases: [] }), message: 'Invalid databases: [] must list at least one database. Fix: list databases the server declares in its databases prop, e.g. ["orders"].' },
  {
    id: 'DB-DATABASE-TOKEN',
    run: access((_, stack) => ({ databases: [token(stack, 'database')] })),
    message: `Invalid databases[0]: "\${TfToken[TOKEN.1]}" ${TOKEN_NOTE}, but the name of a database decides its group roles. Fix: write the database name as text, e.g. "orders".`,
  },
  {
    id: 'DB-DATABASE-UNDECLARED',
    run: access({ databases: ['orders', 'shipping'] }),
    message: 'Invalid databases[1]: "shipping" is not a database of the server (it declares "orders", "billing"). Fix: add { name: "shipping" } to the server\'s databases prop, so the database exists before the grants.',
  },
  { id: 'DB-DATABASE-DUPLICATE', run: access({ databases: ['orders', 'orders'] }), message: 'Invalid databases[1]: "orders" is listed twice. Fix: list each database once.' },
  {
    id: 'DB-DATABASE-TOO-LONG',
    run: access({ databases: [LONG_DATABASE], roles: [] }, { databases: [{ name: LONG_DATABASE }] }),
    message: `Invalid databases[0]: "${LONG_DATABASE}" is too long to name its group roles ("${LONG_DATABASE}_readwrite" would be 64 bytes; PostgreSQL keeps 63). Fix: use a database name of at most 53 bytes.`,
  },
  {
    id: 'DB-DATABASE-CLAIMED',
    run: second({ databases: ['orders'] }),
    message: 'Invalid databases[0]: "orders" is already managed by DatabaseAccess "orders/OrdersAccess" on this server. Fix: manage each database of a server in one DatabaseAccess.',
  },
  { id: 'DB-SCHEMAS-SHAPE', run: access({ schemas: ['public'] as never }), message: 'Invalid schemas: ["public"] is not a map of database name to schema names. Fix: write it as { orders: ["public", "sales"] }.' },
  { id: 'DB-SCHEMAS-DATABASE', run: access({ schemas: { billing: ['public'] } }), message: 'Invalid schemas.billing: ["public"] is for a database this DatabaseAccess does not manage. Fix: add "billing" to databases, or remove the entry.' },
  { id: 'DB-SCHEMAS-EMPTY', run: access({ schemas: { orders: [] } }), message: 'Invalid schemas.orders: [] must list at least one schema. Fix: list the schemas to grant on, e.g. ["public"], or leave the entry out for ["public"].' },
  { id: 'DB-SCHEMA-SYSTEM', run: access({ schemas: { orders: ['public', 'pg_temp'] } }), message: 'Invalid schemas.orders[1]: "pg_temp" is a system schema. Fix: manage only your own schemas, e.g. "public" or "sales".' },
  { id: 'DB-SCHEMA-NAME', run: access({ schemas: { orders: ['sales "eu"'] } }), message: 'Invalid schemas.orders[0]: "sales \\"eu\\"" holds a double quote or a control character. Fix: use 1-63 bytes without double quotes, control characters or surrounding spaces.' },
  {
    id: 'DB-SCHEMA-TOKEN',
    run: access((_, stack) => ({ schemas: { orders: [token(stack, 'schema')] } })),
    message: `Invalid schemas.orders[0]: "\${TfToken[TOKEN.1]}" ${TOKEN_NOTE}, but the schemas decide where the grants apply. Fix: write the schema name as text, e.g. "sales".`,
  },
  { id: 'DB-SCHEMA-DUPLICATE', run: access({ schemas: { orders: ['sales', 'sales'] } }), message: 'Invalid schemas.orders[1]: "sales" is listed twice. Fix: list each schema once.' },
  // Roles
  { id: 'DB-ROLES-LIST', run: access({ roles: undefined }), message: 'Invalid roles: (not set) is not a list of roles. Fix: give a list of { name, database, access, member }, or [] for the group roles only.' },
  { id: 'DB-ROLE-SHAPE', run: access({ roles: [null as never] }), message: 'Invalid roles[0]: null is not a role. Fix: give { name, database, access, member }.' },
  { id: 'DB-ROLE-NAME-REQUIRED', run: access(role({ name: '' })), message: 'Invalid roles[0].name: "" is required. Fix: give the name the member signs in with, e.g. "orders_app".' },
  {
    id: 'DB-ROLE-NAME-FORMAT',
    run: access(role({ name: 'x'.repeat(64) })),
    message: `Invalid roles[0].name: "${'x'.repeat(64)}" is empty or longer than 63 bytes. Fix: use 1-63 bytes without double quotes, control characters or surrounding spaces.`,
  },
  {
    id: 'DB-ROLE-NAME-RESERVED',
    run: access(role({ name: 'Azure_PG_Admin' })),
    message: 'Invalid roles[0].name: "Azure_PG_Admin" is reserved by PostgreSQL or Azure. Fix: choose another name: not postgres, public, azuresu, azure_superuser, azure_pg_admin, replication, localadmin, nor one starting with pg_.',
  },
  {
    id: 'DB-ROLE-NAME-GROUP',
    run: access(role({ name: 'orders_readonly' })),
    message: 'Invalid roles[0].name: "orders_readonly" is the name of a group role this construct creates. Fix: choose another name; members get their access through the group roles.',
  },
  { id: 'DB-ROLE-NAME-ADMIN', run: access(role({ name: DBA })), message: 'Invalid roles[0].name: "grp-orders-dba" is the administrator Terraform signs in as (connectAs). Fix: choose another name.' },
  {
    id: 'DB-ROLE-NAME-DUPLICATE',
    run: access((server) => ({ roles: [accessProps(server).roles[0], { ...accessProps(server).roles[1], name: 'Orders_App' }] })),
    message: 'Invalid roles[1].name: "Orders_App" is used twice (names ignore case). Fix: give each role its own name.',
  },
  {
    id: 'DB-ROLE-CLAIMED',
    run: second(role({ database: 'billing' })),
    message: 'Invalid roles: "orders_app" is already created by DatabaseAccess "orders/OrdersAccess" on this server. Fix: declare each role once per server.',
  },
  { id: 'DB-ROLE-DATABASE', run: access(role({ database: 'billing' })), message: 'Invalid roles[0].database: "billing" is not one of the databases this DatabaseAccess manages. Fix: use one of "orders".' },
  {
    id: 'DB-ROLE-DATABASE-TOKEN',
    run: access((_, stack) => role({ database: token(stack, 'database') })),
    message: `Invalid roles[0].database: "\${TfToken[TOKEN.1]}" ${TOKEN_NOTE}, but it decides access and must be known at synth. Fix: use one of "orders".`,
  },
  { id: 'DB-ROLE-ACCESS', run: access(role({ access: 'admin' })), message: 'Invalid roles[0].access: "admin" is not supported. Fix: use AccessLevel.READ_ONLY, READ_WRITE or OWNER.' },
  {
    id: 'DB-ROLE-ACCESS-TOKEN',
    run: access((_, stack) => role({ access: token(stack, 'access') })),
    message: `Invalid roles[0].access: "\${TfToken[TOKEN.1]}" ${TOKEN_NOTE}, but it decides access and must be known at synth. Fix: use AccessLevel.READ_ONLY, READ_WRITE or OWNER.`,
  },
  {
    id: 'DB-ROLE-MEMBER',
    run: access(role({ member: { objectId: 'aaaaaaaa-0000-0000-0000-000000000001' } })),
    message: 'Invalid roles[0].member: {"objectId":"aaaaaaaa-0000-0000-0000-000000000001"} is not a DatabasePrincipal. Fix: use DatabasePrincipal.entra({ objectId, principalType }) or DatabasePrincipal.password({ rotateEveryDays, justification }).',
  },
  {
    id: 'DB-ENTRA-OBJECT-ID',
    run: access(role({ member: DatabasePrincipal.entra({ objectId: 'orders-app', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) })),
    message: 'Invalid roles[0].member.objectId: "orders-app" is not a UUID. Fix: give the GUID from Entra ID, e.g. "00000000-0000-0000-0000-000000000000".',
  },
  {
    id: 'DB-ENTRA-PRINCIPAL-TYPE',
    run: access(role({ member: DatabasePrincipal.entra({ objectId: 'aaaaaaaa-0000-0000-0000-000000000001', principalType: 'ManagedIdentity' as EntraPrincipalType }) })),
    message: 'Invalid roles[0].member.principalType: "ManagedIdentity" is not supported. Fix: use EntraPrincipalType.USER, GROUP or SERVICE_PRINCIPAL.',
  },
  // Password members
  {
    id: 'DB-PASSWORD-SERVER-MODE',
    run: access({}, { authentication: FlexibleServerAuthentication.entraOnly() }),
    message: 'Invalid roles[3].member: "DatabasePrincipal.password" needs a server in password mode, but the server accepts Entra ID sign-in only. Fix: use DatabasePrincipal.entra, or turn password authentication on with FlexibleServerAuthentication.entraAndPassword({ ... }) on the server.',
  },
  { id: 'DB-PASSWORD-ROTATION', run: access(vendor({ rotateEveryDays: 400 })), message: 'Invalid roles[0].member.rotateEveryDays: 400 is outside 1..365. Fix: use a whole number from 1 to 365.' },
  {
    id: 'DB-PASSWORD-ROTATION-TOKEN',
    run: access((_, stack) => vendor({ rotateEveryDays: new TerraformVariable(stack, 'days', { type: 'number' }).numberValue })),
    message: `Invalid roles[0].member.rotateEveryDays: "${'${TfToken[TOKEN.1]}'}" ${TOKEN_NOTE}, but it decides access and must be known at synth. Fix: use a whole number from 1 to 365.`,
  },
  { id: 'DB-PASSWORD-GRACE', run: access(vendor({ expiryGraceDays: 1.5 })), message: 'Invalid roles[0].member.expiryGraceDays: 1.5 is not a whole number. Fix: use a whole number from 0 to 30.' },
  {
    id: 'DB-PASSWORD-JUSTIFICATION',
    run: access(vendor({ justification: '${var.reason}' })),
    message: 'Invalid roles[0].member.justification: "${var.reason}" is a Terraform expression or template, known only at apply time, not text a reviewer can read. Fix: say why this member cannot sign in with Entra ID, in at least 10 visible characters, e.g. "Vendor appliance without Entra ID support (SEC-517, review 2027-03)".',
  },
  {
    id: 'DB-PASSWORD-KEY-VAULT',
    run: access(vendor({ keyVaultResourceId: 'kv-postgres' })),
    message: 'Invalid roles[0].member.keyVaultResourceId: "kv-postgres" is not a Key Vault resource ID. Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>.',
  },
];

/** A bad invocation of `cdktf-azure-postgres audit-roles`: exit code 2 and this one line on stderr (<dir>: the fixture folder). */
interface CliEntry {
  readonly id: string;
  readonly args: (dir: string) => string[];
  readonly env?: NodeJS.ProcessEnv;
  /** A package that fails to load, as when it is not installed. */
  readonly notInstalled?: string;
  readonly message: string;
}

const USAGE = 'usage: cdktf-azure-postgres audit-roles <stack folder | cdk.tf.json> --host <host> [--port <port>] [--user <user>] [--database <database>] [--json]';
const HOST = ['--host', 'orders-db.postgres.database.azure.com'];
const ENV = { PGPASSWORD: 'secret', PGUSER: DBA };

const AUDIT_ERRORS: CliEntry[] = [
  { id: 'AUDIT-USAGE', args: () => ['audit-roles'], message: `cdktf-azure-postgres: the stack folder or cdk.tf.json is missing. ${USAGE}` },
  { id: 'AUDIT-HOST-REQUIRED', args: (dir) => ['audit-roles', join(dir, 'stack')], message: `cdktf-azure-postgres: --host is required. ${USAGE}` },
  { id: 'AUDIT-FLAG-VALUE', args: (dir) => ['audit-roles', join(dir, 'stack'), '--host'], message: `cdktf-azure-postgres: --host needs a value. ${USAGE}` },
  { id: 'AUDIT-UNEXPECTED-ARGUMENT', args: (dir) => ['audit-roles', join(dir, 'stack'), ...HOST, '--ssl'], message: `cdktf-azure-postgres: unexpected argument "--ssl". ${USAGE}` },
  { id: 'AUDIT-NO-SUCH-PATH', args: (dir) => ['audit-roles', join(dir, 'missing'), ...HOST], message: 'cdktf-azure-postgres: <dir>/missing: no such file or directory' },
  {
    id: 'AUDIT-NO-STACK-FILE',
    args: (dir) => ['audit-roles', join(dir, 'empty'), ...HOST],
    message: 'cdktf-azure-postgres: <dir>/empty: no cdk.tf.json in it; give a stack folder such as cdktf.out/stacks/<name>, or its cdk.tf.json',
  },
  { id: 'AUDIT-INVALID-JSON', args: (dir) => ['audit-roles', join(dir, 'list.json'), ...HOST], message: 'cdktf-azure-postgres: <dir>/list.json: invalid JSON (not a JSON object)' },
  {
    id: 'AUDIT-NO-PROVIDER',
    args: (dir) => ['audit-roles', join(dir, 'plain'), ...HOST],
    message: 'cdktf-azure-postgres: plain declares no postgresql provider (no DatabaseAccess): nothing to compare with',
  },
  {
    id: 'AUDIT-HOST-UNMATCHED',
    args: (dir) => ['audit-roles', join(dir, 'two'), '--host', 'billing-db.postgres.database.azure.com'],
    message: 'cdktf-azure-postgres: no server of two matches host billing-db.postgres.database.azure.com; it declares orders-db, orders-db-2',
  },
  { id: 'AUDIT-PORT', args: (dir) => ['audit-roles', join(dir, 'stack'), ...HOST, '--port', '5432x'], message: 'cdktf-azure-postgres: port "5432x" is not a TCP port (1-65535)' },
  {
    id: 'AUDIT-USER',
    args: (dir) => ['audit-roles', join(dir, 'stack'), ...HOST],
    env: { PGPASSWORD: 'secret' },
    message: 'cdktf-azure-postgres: no user to sign in as: give --user (an Entra administrator of the server) or set PGUSER',
  },
  {
    id: 'AUDIT-SSLMODE',
    args: (dir) => ['audit-roles', join(dir, 'stack'), ...HOST],
    env: { ...ENV, PGSSLMODE: 'prefer' },
    message: 'cdktf-azure-postgres: PGSSLMODE "prefer" is not supported: use verify-full (the default), verify-ca, require or disable',
  },
  {
    id: 'AUDIT-SSLROOTCERT',
    args: (dir) => ['audit-roles', join(dir, 'stack'), ...HOST],
    env: { ...ENV, PGSSLROOTCERT: '/nonexistent/root.crt' },
    message: "cdktf-azure-postgres: PGSSLROOTCERT /nonexistent/root.crt: cannot be read (ENOENT: no such file or directory, open '/nonexistent/root.crt')",
  },
  {
    id: 'AUDIT-NO-IDENTITY',
    args: (dir) => ['audit-roles', join(dir, 'stack'), ...HOST],
    env: { PGUSER: DBA },
    message: 'cdktf-azure-postgres: no PGPASSWORD is set, and signing in with Entra ID needs @azure/identity, which is not installed: run npm install @azure/identity, or set PGPASSWORD',
  },
  {
    id: 'AUDIT-NO-PG',
    args: (dir) => ['audit-roles', join(dir, 'stack'), ...HOST],
    notInstalled: 'pg',
    message: 'cdktf-azure-postgres: audit-roles needs the pg package (node-postgres), which is not installed: run npm install pg',
  },
  {
    id: 'AUDIT-NO-TOKEN',
    args: (dir) => ['audit-roles', join(dir, 'stack'), ...HOST, '--user', 'token'],
    env: {},
    message: 'cdktf-azure-postgres: no Entra ID token for https://ossrdbms-aad.database.windows.net/.default: Please run \'az login\' to set up an account',
  },
  {
    id: 'AUDIT-CONNECTION',
    args: (dir) => ['audit-roles', join(dir, 'stack'), '--host', '127.0.0.1', '--port', '1'],
    env: { ...ENV, PGSSLMODE: 'disable' },
    message: `cdktf-azure-postgres: cannot audit 127.0.0.1:1 as ${DBA}: connect ECONNREFUSED 127.0.0.1:1`,
  },
];

/** The token sources of the two Entra entries: the package missing, and the package failing. */
function tokenFor(entry: CliEntry) {
  if (entry.id === 'AUDIT-NO-TOKEN') {
    return entraTokenSource(() => ({ DefaultAzureCredential: class { public async getToken(): Promise<never> { throw new Error("Please run 'az login' to set up an account\nmore"); } } }));
  }
  return entraTokenSource(() => {
    throw new Error("Cannot find module '@azure/identity'");
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'database-errors-'));
  const write = (name: string, json: unknown) => {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'cdk.tf.json'), JSON.stringify(json));
  };
  const one = newStack();
  new DatabaseAccess(one, 'OrdersAccess', accessProps(new SecureFlexibleServer(one, 'Postgres', serverProps())));
  write('stack', JSON.parse(Testing.synth(one)));
  const two = newStack();
  new DatabaseAccess(two, 'OrdersAccess', { ...accessProps(new SecureFlexibleServer(two, 'Postgres', serverProps())), roles: [] });
  new DatabaseAccess(two, 'SecondAccess', { ...accessProps(new SecureFlexibleServer(two, 'Second', serverProps({ name: 'orders-db-2' }))), roles: [] });
  write('two', JSON.parse(Testing.synth(two)));
  const plain = newStack();
  new SecureFlexibleServer(plain, 'Postgres', serverProps());
  write('plain', JSON.parse(Testing.synth(plain)));
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'list.json'), '[]');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Token numbers depend on the order tests make tokens in. */
function normalized(message: string): string {
  return message.replace(/TOKEN\.\d+/g, 'TOKEN.1');
}

describe('every catalogued bad input fails with its whole message', () => {
  test.each(ACCESS_ERRORS.map((entry) => [entry.id, entry] as const))('%s', (_, entry) => {
    let thrown: (Error & { prop?: string }) | undefined;
    try {
      entry.run();
    } catch (error) {
      thrown = error as Error & { prop?: string };
    }
    expect(thrown?.name).toBe('ValidationError');
    expect(normalized(thrown!.message)).toBe(entry.message);
    expect(entry.message.startsWith(`Invalid ${thrown!.prop}: `)).toBe(true);
  });

  test.each(AUDIT_ERRORS.map((entry) => [entry.id, entry] as const))('%s', async (_, entry) => {
    const out: string[] = [];
    const err: string[] = [];
    const missing = entry.notInstalled;
    if (missing !== undefined) {
      jest.doMock(missing, () => {
        throw Object.assign(new Error(`Cannot find module '${missing}'`), { code: 'MODULE_NOT_FOUND' });
      });
    }
    try {
      const code = await runAuditRoles(entry.args(dir), { out: (line) => out.push(line), err: (line) => err.push(line) }, { env: entry.env ?? ENV, token: tokenFor(entry) });
      expect({ code, out, err }).toEqual({ code: 2, out: [], err: [entry.message.replace(/<dir>/g, dir)] });
    } finally {
      if (missing !== undefined) jest.dontMock(missing);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// docs/database-access.md, section "Errors": one "### <id>" entry per error, with When, the
// message and Fix, in the format of docs/errors.md.

interface DocEntry {
  readonly id: string;
  readonly body: string;
  readonly message?: string;
}

function readDocEntries(): DocEntry[] {
  const text = readFileSync(join(__dirname, '..', '..', 'docs', 'database-access.md'), 'utf8');
  const errors = text.slice(text.indexOf('\n## Errors\n'));
  const end = errors.indexOf('\n## ', 1);
  return (end === -1 ? errors : errors.slice(0, end)).split(/^### /m).slice(1).map((section) => {
    const block = /```text\n([\s\S]*?)\n```/.exec(section);
    return { id: section.split(/\s/)[0], body: section, message: block?.[1] };
  });
}

const MESSAGES = new Map<string, string>([...ACCESS_ERRORS, ...AUDIT_ERRORS].map((entry) => [entry.id, entry.message]));

describe('docs/database-access.md lists every error', () => {
  test('every ### entry has a test, and every test an entry; ids are unique', () => {
    expect(MESSAGES.size).toBe(ACCESS_ERRORS.length + AUDIT_ERRORS.length);
    expect(readDocEntries().map((entry) => entry.id).sort()).toEqual([...MESSAGES.keys()].sort());
  });

  test.each(readDocEntries().map((entry) => [entry.id, entry] as const))('%s says when, the message as produced, and the fix', (id, entry) => {
    expect(entry.body).toMatch(/\*\*When:\*\* \S/);
    expect(entry.body).toMatch(/\*\*Fix:\*\* \S/);
    expect(entry.message).toBe(MESSAGES.get(id));
  });
});
