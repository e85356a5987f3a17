import { mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runAuditRoles } from '../../lib/cli/audit-roles-command';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { asksForHelp } from '../../lib/cli/help-request';
import { cdktfOut, check, INSECURE } from './cli-harness';

// `-h` as the value of an option (a variable that held it) is no request for help: the gate judged nothing and exited 0 (U77-2).

test('help is asked where an option is expected, never as an option\'s value', () => {
  expect(asksForHelp(['cdktf.out', '--help'], ['--report'])).toBe(true);
  expect(asksForHelp(['-h', 'cdktf.out'], ['--report'])).toBe(true);
  expect(asksForHelp(['cdktf.out', '--report', '-h'], ['--report'])).toBe(false);
  expect(asksForHelp(['cdktf.out', '--report', 'r', '-h'], ['--report'])).toBe(true);
  expect(asksForHelp(['cdktf.out'], ['--report'])).toBe(false);
});

describe('check', () => {
  test.each([
    [['--report', '-h'], '--report needs a directory.'],
    [['--report', '--help'], '--report needs a directory.'],
    [['--report', ''], '--report needs a directory.'],
    [['--format', 'sarif', '--output', '-h'], '--output needs a file.'],
    [['--format', 'sarif', '--output', ''], '--output needs a file.'],
    [['--format', '-h'], '--format "-h": not a format'],
  ])('%j after a stack with errors: exit 2, not the help and 0', (options, reason) => {
    const cwd = process.cwd();
    const folder = mkdtempSync(join(tmpdir(), 'pg-help-'));
    process.chdir(folder);
    try {
      const result = check('check', cdktfOut({ app: INSECURE }), ...options);
      expect(result.code).toBe(EXIT_BAD_INPUT);
      expect(result.out).toEqual([]);
      expect(result.err).toEqual([expect.stringContaining(`cdktf-azure-postgres: ${reason}`)]);
      // No folder named "-h" made where the command ran.
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  test('--output - is still standard output, and -h after all options still the help', () => {
    expect(check('check', cdktfOut({ app: INSECURE }), '--format', 'json', '--output', '-').code).toBe(EXIT_FINDINGS);
    expect(check('check', cdktfOut({ app: INSECURE }), '--format', 'json', '-h').code).toBe(EXIT_OK);
  });
});

test.each(['--host', '--port', '--user', '--database'])('audit-roles %s -h: exit 2 naming the option, not the help', async (flag) => {
  const out: string[] = [];
  const err: string[] = [];
  const host = flag === '--host' ? [] : ['--host', 'orders-db.postgres.database.azure.com'];
  const code = await runAuditRoles(['audit-roles', '/nonexistent/stack', ...host, flag, '-h'], { out: (line) => out.push(line), err: (line) => err.push(line) }, { env: {} });
  expect({ code, out }).toEqual({ code: 2, out: [] });
  expect(err).toEqual([expect.stringMatching(new RegExp(`^cdktf-azure-postgres: ${flag} needs a value\\. `))]);
});
