import { runAuditRoles } from '../../lib/cli/audit-roles-command';
import { main } from '../../lib/cli/main';

// The command line itself; its errors are in the errors catalogue (test/support/audit-roles-errors.ts), its runs against a
// server in live-audit.test.ts.

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAuditRoles(args, { out: (line) => out.push(line), err: (line) => err.push(line) }, { env: {} });
  return { code, out, err };
}

test('--help prints the usage and what the command does, and exits 0', async () => {
  const result = await run(['audit-roles', '--help']);
  expect(result.code).toBe(0);
  expect(result.err).toEqual([]);
  expect(result.out[0]).toBe('usage: cdktf-azure-postgres audit-roles <stack folder | cdk.tf.json> --host <host> [--port <port>] [--user <user>] [--database <database>] [--json]');
  expect(result.out.join('\n')).toContain('Exit 0: no drift; 1: drift found; 2: bad input, no connection, or a database the');
});

test('the package\'s entry point dispatches audit-roles (asynchronously) and keeps check as it was', async () => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await expect(Promise.resolve(main(['audit-roles', '-h']))).resolves.toBe(0);
    expect(main(['check'])).toBe(2);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
});

// A19b-8: `--host "$DB_HOST"` with the variable unset gives an empty value; libpq would take it as localhost (or PGUSER for --user).
test.each(['--host', '--port', '--user', '--database'])('an empty or blank %s is refused before anything is read or connected', async (flag) => {
  for (const value of ['', '  ']) {
    const host = flag === '--host' ? [] : ['--host', 'orders-db.postgres.database.azure.com'];
    const args = ['audit-roles', '/nonexistent/stack', ...host, flag, value];
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual([expect.stringMatching(new RegExp(`^cdktf-azure-postgres: ${flag} is empty \\(${JSON.stringify(value)}\\): give the server's ${flag.slice(2)}\\. usage: `))]);
  }
});

// A20b-5: a repeated option used to take its last value silently (`--host A --host B` audited B).
test.each(['--host', '--port', '--user', '--database', '--json'])('%s given twice is refused before anything is read or connected', async (flag) => {
  const twice = flag === '--json' ? ['--json', '--json'] : [flag, 'first', flag, 'second'];
  const host = flag === '--host' ? [] : ['--host', 'orders-db.postgres.database.azure.com'];
  const result = await run(['audit-roles', '/nonexistent/stack', ...host, ...twice]);
  expect(result).toEqual({ code: 2, out: [], err: [expect.stringMatching(new RegExp(`^cdktf-azure-postgres: ${flag} is given twice; give it once\\. usage: `))] });
});

test('a stack path spelled like an object\'s own property is a path, not a repeated option', async () => {
  for (const path of ['constructor', '__proto__', 'toString']) {
    const result = await run(['audit-roles', path, '--host', 'orders-db.postgres.database.azure.com']);
    expect(result.err).toEqual([`cdktf-azure-postgres: ${path}: no such file or directory`]);
  }
});
