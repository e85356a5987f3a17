import { buildAuditReport, renderAuditMarkdown } from '../audit/audit-report';
import { compareAccess } from '../audit/compare-access';
import { DeclaredServer, readDeclaredAccess, serverForHost } from '../audit/declared-access';
import { readLiveState } from '../audit/live-state';
import { declaredRoutines } from '../audit/routine-identities';
import { AuditInputError, ConnectionTarget, entraTokenSource, firstLine, sessionOpener, sslOptions, TokenSource, unverifiedTls } from '../audit/session';
import { readStackFile } from '../audit/stack-file';
import { printable } from '../private/reason-text';
import { asksForHelp } from './help-request';
import { withCredentialsHidden } from '../checks/secret-literals';

/** Where the command writes; a test passes its own. */
export interface AuditOutput {
  out(line: string): void;
  err(line: string): void;
}

/** What the command takes from its surroundings; tests replace them. */
export interface AuditEnvironment {
  /** libpq variables: PGPASSWORD, PGSSLMODE, PGSSLROOTCERT, PGUSER, PGPORT, PGDATABASE. */
  readonly env: NodeJS.ProcessEnv;
  /** The Entra ID token when no PGPASSWORD is set. */
  readonly token: TokenSource;
  readonly now: () => Date;
}

export const AUDIT_EXIT_CLEAN = 0;
export const AUDIT_EXIT_FINDINGS = 1;
export const AUDIT_EXIT_BAD_INPUT = 2;
/** The audit could not read a database the stack's roles may connect to: its report is printed, but it is incomplete. Never 0 nor 1, as drift may hide there. */
export const AUDIT_EXIT_INCOMPLETE = AUDIT_EXIT_BAD_INPUT;

export const AUDIT_USAGE = 'usage: cdktf-azure-postgres audit-roles <stack folder | cdk.tf.json> --host <host> [--port <port>] [--user <user>] [--database <database>] [--json]';
const HELP = [
  AUDIT_USAGE,
  '',
  'Compares the roles, memberships, Entra mappings, PUBLIC privileges, password expiry and pgaudit of a live',
  'server with what the stack declares (its DatabaseAccess), with read-only queries. Prints a Markdown report',
  '(JSON with --json). Exit 0: no drift; 1: drift found; 2: bad input, no connection, or a database the',
  'stack\'s roles may connect to that the audit could not read (the report is printed, its notes say why).',
  '',
  'Signs in with PGPASSWORD when set; otherwise with an Entra ID token of the signed-in identity',
  '(needs the optional package @azure/identity). TLS follows PGSSLMODE (default verify-full) and PGSSLROOTCERT;',
  'with require or disable the command warns on stderr and in the report.',
  '--user defaults to PGUSER, --port to PGPORT or 5432, --database to PGDATABASE or postgres.',
];

interface AuditArgs {
  readonly stack: string;
  readonly host: string;
  readonly port?: string;
  readonly user?: string;
  readonly database?: string;
  readonly json: boolean;
}

const VALUE_FLAGS = ['--host', '--port', '--user', '--database'] as const;

/**
 * `cdktf-azure-postgres audit-roles`: the live role audit. Exit 0 when the server matches the
 * stack, 1 when it has drifted, 2 for bad input or a failed connection (one line on stderr), and
 * for a database the stack's roles may connect to that it could not read (after the report).
 */
export async function runAuditRoles(args: readonly string[], output: AuditOutput, environment: Partial<AuditEnvironment> = {}): Promise<number> {
  const env = environment.env ?? process.env;
  try {
    if (asksForHelp(args, VALUE_FLAGS)) {
      HELP.forEach((line) => output.out(line));
      return AUDIT_EXIT_CLEAN;
    }
    const parsed = parseArgs(args);
    const stack = readStackFile(parsed.stack);
    const declared = declaredServer(stack.name, readDeclaredAccess(stack.json), parsed.host);
    const target = connectionTarget(parsed, env);
    const ssl = sslOptions(env);
    const tlsNote = unverifiedTls(env, env.PGPASSWORD === undefined ? 'the Entra access token (valid on every server the identity administers)' : 'the password (PGPASSWORD)');
    // Said before signing in, so that an audit that fails later still leaves the warning.
    if (tlsNote !== undefined) output.err(`cdktf-azure-postgres: warning: ${tlsNote}. Use PGSSLMODE=verify-full (the default).`);
    const password = env.PGPASSWORD ?? await (environment.token ?? entraTokenSource())();
    const live = await readLiveState(sessionOpener(target, password, ssl), target.database, declared.databases, declaredRoutines(declared.grants)).catch((error: unknown) => {
      if (error instanceof AuditInputError) throw error;
      throw new AuditInputError(`cannot audit ${target.host}:${target.port} as ${target.user}: ${firstLine(error)}`);
    });
    const compared = compareAccess(declared, live);
    const result = tlsNote === undefined ? compared : { ...compared, notes: [...compared.notes, `TLS: ${tlsNote}.`] };
    const report = buildAuditReport({ stack: stack.name, host: target.host, user: live.currentUser, checkedAt: (environment.now ?? (() => new Date()))(), databases: declared.databases }, result);
    output.out(parsed.json ? JSON.stringify(report, null, 2) : renderAuditMarkdown(report));
    // What the audit could not read may hold drift: never the exit code of a clean server, nor of drift alone (93rd run, A93a-3).
    // A server parameter hidden by a session default of the audit's session leaves it incomplete too (D73-8): one line for all.
    const unread = result.unread.length > 0 ? [`${result.unread.map((name) => JSON.stringify(name)).join(', ')}, which the stack's roles may connect to, could not be read (the report's notes say why)`] : [];
    const incomplete = [...unread, ...result.unchecked ?? []];
    if (incomplete.length > 0) {
      output.err(`cdktf-azure-postgres: ${printable(`the audit is incomplete: ${incomplete.join('; ')}`)}`);
      return AUDIT_EXIT_INCOMPLETE;
    }
    return result.findings.length === 0 ? AUDIT_EXIT_CLEAN : AUDIT_EXIT_FINDINGS;
  } catch (error) {
    // Never a stack trace, nor the exit code of drift: anything unforeseen is reported as bad input.
    output.err(`cdktf-azure-postgres: ${printable(withCredentialsHidden(error instanceof AuditInputError ? error.message : `cannot audit: ${firstLine(error)}`))}`);
    return AUDIT_EXIT_BAD_INPUT;
  }
}

function parseArgs(args: readonly string[]): AuditArgs {
  const [command, ...rest] = args;
  if (command !== 'audit-roles') throw new AuditInputError(AUDIT_USAGE);
  const values: { [flag: string]: string } = {};
  let stack: string | undefined;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    // A repeated option would leave the audit judging whichever came last (another server): refuse it.
    const repeated = arg === '--json' ? json : (VALUE_FLAGS as readonly string[]).includes(arg) && values[arg] !== undefined;
    if (repeated) throw new AuditInputError(`${arg} is given twice; give it once. ${AUDIT_USAGE}`);
    if ((VALUE_FLAGS as readonly string[]).includes(arg)) {
      const value = rest[++i];
      if (value === undefined || value.startsWith('-')) throw new AuditInputError(`${arg} needs a value. ${AUDIT_USAGE}`);
      // An empty value (`--host "$DB_HOST"` with the variable unset) would let libpq fall back to localhost or PGUSER: a verdict on another server.
      if (value.trim() === '') throw new AuditInputError(`${arg} is empty (${JSON.stringify(value)}): give the server's ${arg.slice(2)}. ${AUDIT_USAGE}`);
      values[arg] = value;
    } else if (arg === '--json') {
      json = true;
    } else if (arg.startsWith('--') || stack !== undefined) {
      throw new AuditInputError(`unexpected argument ${JSON.stringify(arg)}. ${AUDIT_USAGE}`);
    } else {
      stack = arg;
    }
  }
  if (stack === undefined) throw new AuditInputError(`the stack folder or cdk.tf.json is missing. ${AUDIT_USAGE}`);
  if (values['--host'] === undefined) throw new AuditInputError(`--host is required. ${AUDIT_USAGE}`);
  return { stack, host: values['--host'], port: values['--port'], user: values['--user'], database: values['--database'], json };
}

function declaredServer(stack: string, servers: readonly DeclaredServer[], host: string): DeclaredServer {
  if (servers.length === 0) throw new AuditInputError(`${stack} declares no postgresql provider (no DatabaseAccess): nothing to compare with`);
  const server = serverForHost(servers, host);
  if (server === undefined) {
    const known = servers.map((s) => s.serverName ?? s.host).join(', ');
    throw new AuditInputError(`no server of ${stack} matches host ${host}; it declares ${known}`);
  }
  return server;
}

function connectionTarget(args: AuditArgs, env: NodeJS.ProcessEnv): ConnectionTarget {
  const portText = args.port ?? env.PGPORT ?? '5432';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new AuditInputError(`port "${portText}" is not a TCP port (1-65535)`);
  const user = args.user ?? env.PGUSER;
  if (user === undefined || user === '') throw new AuditInputError(`no user to sign in as: give --user (an Entra administrator of the server) or set PGUSER`);
  return { host: args.host, port, user, database: args.database ?? env.PGDATABASE ?? 'postgres' };
}
