import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { entraTokenSource, TokenSource } from '../../lib/audit/session';
import { runAuditRoles } from '../../lib/cli/audit-roles-command';
import { vnetSubnet } from '../helpers';
import { accessProps, DBA, serverProps } from './database-fixture';

// The bad invocations of `cdktf-azure-postgres audit-roles`, for the catalogue
// (test/errors-catalog.test.ts and "## The `audit-roles` command" in docs/errors.md): exit code 2
// and one line on stderr.

/** A bad invocation: its arguments given the fixture folder, and the line, with that folder written as <dir>. */
export interface AuditEntry {
  readonly id: string;
  readonly args: (dir: string) => string[];
  /** The environment; ENV when not given. */
  readonly env?: NodeJS.ProcessEnv;
  /** A package that fails to load, as when it is not installed. */
  readonly notInstalled?: string;
  readonly message: string;
}

const USAGE = 'usage: cdktf-azure-postgres audit-roles <stack folder | cdk.tf.json> --host <host> [--port <port>] [--user <user>] [--database <database>] [--json]';
const HOST = ['--host', 'orders-db.postgres.database.azure.com'];
const ENV = { PGPASSWORD: 'secret', PGUSER: DBA };

export const AUDIT_ROLES_ERRORS: AuditEntry[] = [
  { id: 'AUDIT-USAGE', args: () => ['audit-roles'], message: `cdktf-azure-postgres: the stack folder or cdk.tf.json is missing. ${USAGE}` },
  { id: 'AUDIT-HOST-REQUIRED', args: (dir) => ['audit-roles', join(dir, 'stack')], message: `cdktf-azure-postgres: --host is required. ${USAGE}` },
  { id: 'AUDIT-FLAG-VALUE', args: (dir) => ['audit-roles', join(dir, 'stack'), '--host'], message: `cdktf-azure-postgres: --host needs a value. ${USAGE}` },
  { id: 'AUDIT-FLAG-EMPTY', args: (dir) => ['audit-roles', join(dir, 'stack'), '--host', ''], message: `cdktf-azure-postgres: --host is empty (""): give the server's host. ${USAGE}` },
  { id: 'AUDIT-FLAG-REPEATED', args: (dir) => ['audit-roles', join(dir, 'stack'), ...HOST, '--host', '127.0.0.2'], message: `cdktf-azure-postgres: --host is given twice; give it once. ${USAGE}` },
  { id: 'AUDIT-UNEXPECTED-ARGUMENT', args: (dir) => ['audit-roles', join(dir, 'stack'), ...HOST, '--ssl'], message: `cdktf-azure-postgres: unexpected argument "--ssl". ${USAGE}` },
  { id: 'AUDIT-NO-SUCH-PATH', args: (dir) => ['audit-roles', join(dir, 'missing'), ...HOST], message: 'cdktf-azure-postgres: <dir>/missing: no such file or directory' },
  {
    id: 'AUDIT-NO-STACK-FILE',
    args: (dir) => ['audit-roles', join(dir, 'empty'), ...HOST],
    message: 'cdktf-azure-postgres: <dir>/empty: no cdk.tf.json in it; give a stack folder such as cdktf.out/stacks/<name>, or its cdk.tf.json',
  },
  { id: 'AUDIT-INVALID-JSON', args: (dir) => ['audit-roles', join(dir, 'list.json'), ...HOST], message: 'cdktf-azure-postgres: <dir>/list.json: invalid JSON (not a JSON object)' },
  {
    id: 'AUDIT-NOT-A-REGULAR-FILE',
    args: () => ['audit-roles', '/dev/null', ...HOST],
    message: 'cdktf-azure-postgres: /dev/null: is a character device, not a regular file; give the cdk.tf.json that cdktf synth wrote',
  },
  {
    id: 'AUDIT-NOT-TERRAFORM-JSON',
    args: (dir) => ['audit-roles', join(dir, 'null-provider'), ...HOST],
    message: 'cdktf-azure-postgres: <dir>/null-provider/cdk.tf.json: not valid Terraform JSON: provider.postgresql is null, where Terraform needs an object',
  },
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
    message: `cdktf-azure-postgres: cannot audit 127.0.0.1:1 as ${DBA}: connect ECONNREFUSED 127.0.0.1:1`,
  },
];

/** The token sources of the two Entra entries: the package failing, and the package missing. */
function tokenFor(entry: AuditEntry): TokenSource {
  if (entry.id === 'AUDIT-NO-TOKEN') {
    return entraTokenSource(() => ({ DefaultAzureCredential: class { public async getToken(): Promise<never> { throw new Error("Please run 'az login' to set up an account\nmore"); } } }));
  }
  return entraTokenSource(() => {
    throw new Error("Cannot find module '@azure/identity'");
  });
}

/** Makes `dir` with what the entries read: stack (one DatabaseAccess), two (two servers), plain (none), empty, list.json. */
export function writeAuditFixtures(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, build: (stack: TerraformStack) => void) => {
    const stack = new TerraformStack(Testing.app(), name);
    build(stack);
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'cdk.tf.json'), Testing.synth(stack));
  };
  write('stack', (stack) => new DatabaseAccess(stack, 'OrdersAccess', accessProps(new SecureFlexibleServer(stack, 'Postgres', serverProps()))));
  write('two', (stack) => {
    new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(new SecureFlexibleServer(stack, 'Postgres', serverProps())), roles: [] });
    new DatabaseAccess(stack, 'SecondAccess', { ...accessProps(new SecureFlexibleServer(stack, 'Second', serverProps({ name: 'orders-db-2', network: vnetSubnet(2) }))), roles: [] });
  });
  write('plain', (stack) => new SecureFlexibleServer(stack, 'Postgres', serverProps()));
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'list.json'), '[]');
  mkdirSync(join(dir, 'null-provider'));
  writeFileSync(join(dir, 'null-provider', 'cdk.tf.json'), JSON.stringify({ provider: { postgresql: [null] }, resource: {} }));
}

/** Runs the entry's command line against the fixtures in `dir`: its exit code and what it printed. */
export async function runAuditEntry(entry: AuditEntry, dir: string): Promise<{ code: number; out: string[]; err: string[] }> {
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
    return { code, out, err };
  } finally {
    if (missing !== undefined) jest.dontMock(missing);
  }
}
