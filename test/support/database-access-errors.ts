import { TerraformStack, Testing } from 'cdktf';
import { AccessLevel, DatabaseAccess, DatabaseAccessProps, DatabasePrincipal, EntraPrincipalType, FlexibleServerAuthentication, PostgresSslMode, SecureFlexibleServer, SecureFlexibleServerProps, SecureSingleServer } from '../../lib';
import { KEY_VAULT_ID, minimalSingleProps } from '../helpers';
import { ThrownEntry } from './catalogue-entry';
import { accessProps, DBA, oneRole as role, oneVendor as vendor, serverProps, VENDOR_REASON } from './database-fixture';

// The errors only a DatabaseAccess can cause, for the catalogue (test/errors-catalog.test.ts and
// the "## DatabaseAccess" section of docs/errors.md). Its other errors share their codes with the
// server constructs (REQUIRED, PROP-TYPE, SECURITY-SETTING-TOKEN, JUSTIFICATION-*, ...): the
// catalogue shows one message per code, and test/database/validation.test.ts has the rest.

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'orders');
}

/** A DatabaseAccess on the fixture's server, with the given props changed. */
function access(overrides: Partial<DatabaseAccessProps> | ((stack: TerraformStack) => Partial<DatabaseAccessProps>), server: Partial<SecureFlexibleServerProps> = {}): () => void {
  return () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', serverProps(server));
    const changes = typeof overrides === 'function' ? overrides(stack) : overrides;
    new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(postgres), ...changes });
  };
}

/** The fixture's server with a second database, billing. */
const WITH_BILLING: Partial<SecureFlexibleServerProps> = { databases: [{ name: 'orders' }, { name: 'billing' }] };

/** Two DatabaseAccess on one server with the databases orders and billing: the second, on billing, with the given props changed. */
function second(overrides: Partial<DatabaseAccessProps>, server: Partial<SecureFlexibleServerProps> = {}): () => void {
  return () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', serverProps({ ...WITH_BILLING, ...server }));
    new DatabaseAccess(stack, 'OrdersAccess', accessProps(postgres));
    new DatabaseAccess(stack, 'BillingAccess', { ...accessProps(postgres), databases: ['billing'], roles: [], ...overrides });
  };
}

const LONG_DATABASE = 'orders_archive_of_the_retail_division_2024_quarterly_x';
const ADMIN_2 = { objectId: '66666666-7777-8888-9999-000000000001', principalName: 'grp-orders-dba-2', principalType: EntraPrincipalType.GROUP };

export const DATABASE_ACCESS_ERRORS: ThrownEntry[] = [
  // The server and signing in
  {
    id: 'DB-SERVER-SINGLE',
    run: access((stack) => ({ server: new SecureSingleServer(stack, 'Legacy', minimalSingleProps()) as never })),
    message: 'Invalid server: "orders/Legacy" is a SecureSingleServer: the pgaadauth security labels that map Entra principals to roles exist only on Flexible Server. Fix: manage the roles of a SecureFlexibleServer; migrate the Single Server first (docs/migrating-to-flexible-server.md).',
  },
  {
    // Adversarial run of stop 72, B72-1: a JavaScript caller's object made from the server answers with an FQDN of its own.
    id: 'PROP-NOT-THE-CONSTRUCT',
    run: () => {
      const stack = new TerraformStack(Testing.app(), 'orders');
      const server = new SecureFlexibleServer(stack, 'Postgres', serverProps());
      new DatabaseAccess(stack, 'OrdersAccess', accessProps(Object.create(server, { fqdn: { value: 'db.attacker.example' } }) as SecureFlexibleServer));
    },
    message: 'Invalid server: "orders/Postgres" is not the SecureFlexibleServer its construct tree holds (an object made from one, or a Proxy of one, answers for it with values of its own). Fix: pass the SecureFlexibleServer construct whose databases this manages.',
  },
  {
    id: 'DB-SERVER-STACK',
    run: () => {
      const app = Testing.app();
      const server = new SecureFlexibleServer(new TerraformStack(app, 'data'), 'Postgres', serverProps());
      new DatabaseAccess(new TerraformStack(app, 'orders'), 'OrdersAccess', accessProps(server));
    },
    message: 'Invalid server: "data/Postgres" is in stack "data", not in "orders". Fix: create the DatabaseAccess in the stack of its server.',
  },
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
    id: 'DB-SSL-MODE-SHARED',
    run: second({ sslMode: PostgresSslMode.REQUIRE, sslModeJustification: 'Runner image lacks the DigiCert roots (OPS-88)' }),
    message: 'Invalid sslMode: "require" differs from "verify-full", which another DatabaseAccess of this server uses. Fix: use the same TLS mode: every DatabaseAccess of a server shares one postgresql provider.',
  },
  {
    id: 'DB-SSL-JUSTIFICATION-UNUSED',
    run: access({ sslModeJustification: 'Runner image lacks the DigiCert roots' }),
    message: 'Invalid sslModeJustification: "Runner image lacks the DigiCert roots" has no effect: sslMode is PostgresSslMode.VERIFY_FULL. Fix: remove it.',
  },
  // Databases and schemas
  { id: 'DB-DATABASES-EMPTY', run: access({ databases: [] }), message: 'Invalid databases: [] must list at least one database. Fix: list databases the server declares in its databases prop, e.g. ["orders"].' },
  {
    id: 'DB-DATABASE-UNDECLARED',
    run: access({ databases: ['orders', 'shipping'] }, WITH_BILLING),
    message: 'Invalid databases[1]: "shipping" is not a database of the server (it declares "orders", "billing"). Fix: add { name: "shipping" } to the server\'s databases prop, so the database exists before the grants.',
  },
  { id: 'DB-DATABASE-UNMANAGED', run: access(role({ database: 'billing' })), message: 'Invalid roles[0].database: "billing" is not one of the databases this DatabaseAccess manages. Fix: use one of "orders".' },
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
  { id: 'DB-SCHEMAS-EMPTY', run: access({ schemas: { orders: [] } }), message: 'Invalid schemas.orders: [] must list at least one schema. Fix: list the schemas to grant on, e.g. ["public"], or leave the entry out for ["public"].' },
  { id: 'DB-SCHEMA-NAME', run: access({ schemas: { orders: ['sales "eu"'] } }), message: 'Invalid schemas.orders[0]: "sales \\"eu\\"" holds a double quote or a control character. Fix: use 1-63 bytes of visible characters, without double quotes, "${" or "%{", or surrounding spaces.' },
  { id: 'DB-SCHEMA-SYSTEM', run: access({ schemas: { orders: ['public', 'pg_temp'] } }), message: 'Invalid schemas.orders[1]: "pg_temp" is a system schema. Fix: manage only your own schemas, e.g. "public" or "sales".' },
  { id: 'DB-SCHEMA-DUPLICATE', run: access({ schemas: { orders: ['sales', 'sales'] } }), message: 'Invalid schemas.orders[1]: "sales" is listed twice. Fix: list each schema once.' },
  // Roles and their members
  {
    id: 'DB-ROLE-NAME-FORMAT',
    run: access(role({ name: 'x'.repeat(64) })),
    message: `Invalid roles[0].name: "${'x'.repeat(64)}" is empty or longer than 63 bytes. Fix: use 1-63 bytes of visible characters, without double quotes, "\${" or "%{", or surrounding spaces.`,
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
    run: access({ roles: [...role().roles, ...role({ name: 'Orders_App', access: AccessLevel.READ_ONLY }).roles] }),
    message: 'Invalid roles[1].name: "Orders_App" is used twice (names ignore case). Fix: give each role its own name.',
  },
  {
    id: 'DB-ROLE-CLAIMED',
    run: second(role({ database: 'billing' })),
    message: 'Invalid roles: "orders_app" is already created by DatabaseAccess "orders/OrdersAccess" on this server. Fix: declare each role once per server.',
  },
  { id: 'DB-ACCESS-LEVEL', run: access(role({ access: 'admin' })), message: 'Invalid roles[0].access: "admin" is not supported. Fix: use AccessLevel.READ_ONLY, READ_WRITE or OWNER.' },
  {
    id: 'DB-PASSWORD-SERVER-MODE',
    run: access({}, { authentication: FlexibleServerAuthentication.entraOnly() }),
    message: 'Invalid roles[3].member: "DatabasePrincipal.password" needs a server in password mode, but the server accepts Entra ID sign-in only. Fix: use DatabasePrincipal.entra, or turn password authentication on with FlexibleServerAuthentication.entraAndPassword({ ... }) on the server.',
  },
  { id: 'DB-PASSWORD-ROTATION', run: access(vendor({ rotateEveryDays: 400 })), message: 'Invalid roles[0].member.password.rotateEveryDays: 400 is outside 1..365. Fix: use a whole number from 1 to 365.' },
  {
    id: 'KEY-VAULT-SECRET-NAME',
    run: access({ roles: ['vendor.x', 'vendor_x'].map((name) => ({ name, database: 'orders', access: AccessLevel.READ_ONLY, member: DatabasePrincipal.password({ rotateEveryDays: 90, justification: VENDOR_REASON, keyVaultResourceId: KEY_VAULT_ID }) })) }),
    message: 'Invalid roles[1].name: "vendor_x" gives Key Vault secret name "orders-db-vendor-x-password", which role "vendor.x" of orders/OrdersAccess writes in the same vault. Fix: give it a name that differs in a letter or digit (secret names keep letters, digits and "-", in any case), or another keyVaultResourceId.',
  },
  { id: 'DB-PASSWORD-GRACE', run: access(vendor({ expiryGraceDays: 1.5 })), message: 'Invalid roles[0].member.password.expiryGraceDays: 1.5 is not a whole number. Fix: use a whole number from 0 to 30.' },
];
