import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Client } from 'pg';

// A throwaway PostgreSQL cluster for tests: initdb and pg_ctl of the newest server installed under
// /usr/lib/postgresql/<major>/bin, on a free localhost port, removed by stop() (and at process exit
// if a test run dies before). PostgreSQL refuses to run as root, so as root the server runs as the
// "postgres" user (or "nobody"), which owns the cluster's directory.
//
// The bootstrap superuser is named "azuresu", as Azure's is: Azure's own roles are what an audit
// of a real server sees, and the tests see the same.

export const SUPERUSER = 'azuresu';
const ROOT_OF_SERVERS = '/usr/lib/postgresql';

export interface PostgresCluster {
  readonly host: string;
  readonly port: number;
  readonly superuserPassword: string;
  /** Major version of the server. */
  readonly major: number;
  /** Whether the pgaudit extension is installed here (Debian: postgresql-<major>-pgaudit). */
  readonly pgaudit: boolean;
  /** Whether pg_cron is preloaded (startCluster's cronDatabase, and Debian's postgresql-<major>-cron installed). */
  readonly pgCron: boolean;
  /** The server log (the server's stderr), where LOG lines and pgaudit's audit lines go. */
  readonly logFile: string;
  /** A connected client; the caller ends it. */
  connect(user: string, password: string, database: string): Promise<Client>;
  /** Stops the server and removes its files. */
  stop(): void;
}

interface ServerBinaries {
  readonly bin: string;
  readonly major: number;
}

/** The newest PostgreSQL server installed, or an error that says how to install one. */
export function findServerBinaries(root = ROOT_OF_SERVERS): ServerBinaries {
  const majors = existsSync(root)
    ? readdirSync(root).filter((entry) => /^\d+$/.test(entry) && existsSync(join(root, entry, 'bin', 'initdb'))).map(Number).sort((a, b) => b - a)
    : [];
  if (majors.length === 0) {
    throw new Error(`No PostgreSQL server found under ${root}/<major>/bin: install Debian's postgresql package (apt-get install postgresql), as .ci/run does.`);
  }
  return { bin: join(root, String(majors[0]), 'bin'), major: majors[0] };
}

/** The unprivileged user the server runs as when the tests run as root. */
function serverUser(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    if (spawnSync('id', ['-u', user]).status === 0) return user;
  }
  throw new Error('Running as root, and neither a "postgres" nor a "nobody" user exists to run PostgreSQL as.');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a throwaway cluster. With `cronDatabase`, pg_cron is preloaded too (when installed) and runs its jobs in that
 * database, the only one where its extension can be created.
 */
export async function startCluster(wanted: { readonly cronDatabase?: string } = {}): Promise<PostgresCluster> {
  const { bin, major } = findServerBinaries();
  const user = serverUser();
  const base = mkdtempSync(join(tmpdir(), 'cdktf-azure-postgres-pg-'));
  const data = join(base, 'data');
  const superuserPassword = `test-${Math.random().toString(36).slice(2)}`;
  // CDKTF_AZURE_POSTGRES_TEST_WITHOUT_PGAUDIT=1 runs the tests as on a machine without pgaudit.
  const pgaudit = existsSync(join(dirname(bin), 'lib', 'pgaudit.so')) && process.env.CDKTF_AZURE_POSTGRES_TEST_WITHOUT_PGAUDIT !== '1';
  const pgCron = wanted.cronDatabase !== undefined && existsSync(join(dirname(bin), 'lib', 'pg_cron.so'));
  const preload = [...(pgaudit ? ['pgaudit'] : []), ...(pgCron ? ['pg_cron'] : [])];
  const run = (command: string, args: string[]) => {
    const [file, argv] = user === undefined ? [join(bin, command), args] : ['runuser', ['-u', user, '--', join(bin, command), ...args]];
    return execFileSync(file, argv, { env: { ...process.env, LC_ALL: 'C' }, stdio: 'pipe', timeout: 120_000 });
  };
  let started = false;
  const stop = () => {
    if (started) {
      spawnSync(user === undefined ? join(bin, 'pg_ctl') : 'runuser', [...(user === undefined ? [] : ['-u', user, '--', join(bin, 'pg_ctl')]), '-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', timeout: 60_000 });
      started = false;
    }
    rmSync(base, { recursive: true, force: true });
    process.removeListener('exit', stop);
  };
  process.on('exit', stop);
  try {
    writeFileSync(join(base, 'pwfile'), `${superuserPassword}\n`);
    if (user !== undefined) {
      const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
      chownSync(base, uid, gid);
      chownSync(join(base, 'pwfile'), uid, gid);
    }
    chmodSync(base, 0o700);
    run('initdb', ['-D', data, '-U', SUPERUSER, `--pwfile=${join(base, 'pwfile')}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale', '--no-sync']);
    let port = 0;
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      const options = [
        '-c listen_addresses=127.0.0.1', `-p ${port}`, "-c unix_socket_directories=''", '-c fsync=off', '-c synchronous_commit=off',
        '-c full_page_writes=off', '-c max_connections=40', '-c TimeZone=UTC', ...(preload.length > 0 ? [`-c shared_preload_libraries=${preload.join(',')}`] : []),
        ...(pgCron ? [`-c cron.database_name=${wanted.cronDatabase}`] : []),
      ].join(' ');
      try {
        run('pg_ctl', ['-D', data, '-l', join(base, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
        started = true;
      } catch (error) {
        if (attempt >= 3) throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${readLog(base)}`);
      }
    }
    const cluster: PostgresCluster = {
      host: '127.0.0.1',
      port,
      superuserPassword,
      major,
      pgaudit,
      pgCron,
      logFile: join(base, 'server.log'),
      connect: async (role, password, database) => {
        const client = new Client({ host: '127.0.0.1', port, user: role, password, database, ssl: false });
        client.on('error', () => undefined);
        await client.connect();
        return client;
      },
      stop,
    };
    return cluster;
  } catch (error) {
    stop();
    throw error;
  }
}

function readLog(base: string): string {
  try {
    return readFileSync(join(base, 'server.log'), 'utf8').slice(-2000);
  } catch {
    return '(no server log)';
  }
}
