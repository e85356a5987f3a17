import { spawnSync } from 'child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CHECK_HELP, CHECK_USAGE, EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { run } from '../../lib/cli/main';
import { cdktfOut, check, fileWith, INSECURE, SECURE, tree } from './cli-harness';

// What `cdktf-azure-postgres check` accepts on its command line, and which stack files it finds.

const badInput = (message: string) => ({ code: EXIT_BAD_INPUT, out: [], err: [`cdktf-azure-postgres: ${message}`] });

describe('arguments', () => {
  test('a command other than check is bad input, with the usage', () => {
    expect(check('lint', cdktfOut({ secure: SECURE }))).toEqual(badInput(CHECK_USAGE));
  });

  test('check without a path is bad input, with the usage', () => {
    expect(check('check')).toEqual(badInput(CHECK_USAGE));
    expect(check('check', '--report', mkdtempSync(join(tmpdir(), 'pg-report-')))).toEqual(badInput(CHECK_USAGE));
  });

  test('--report without a directory is bad input', () => {
    expect(check('check', cdktfOut({ secure: SECURE }), '--report')).toEqual(badInput(`--report needs a directory. ${CHECK_USAGE}`));
  });

  // A20b-5: a second --report used to win silently: the report went where the pipeline did not look.
  test('--report given twice is bad input', () => {
    const [first, second] = [mkdtempSync(join(tmpdir(), 'pg-report-')), mkdtempSync(join(tmpdir(), 'pg-report-'))];
    expect(check('check', cdktfOut({ secure: SECURE }), '--report', first, '--report', second)).toEqual(badInput('--report is given twice; give it once'));
  });

  test('a second path is bad input, not a second stack', () => {
    const root = cdktfOut({ secure: SECURE });
    expect(check('check', root, 'other')).toEqual(badInput(`unexpected argument "other". ${CHECK_USAGE}`));
  });

  test('--report may come before the path', () => {
    const reports = mkdtempSync(join(tmpdir(), 'pg-report-'));
    expect(check('check', '--report', reports, cdktfOut({ insecure: INSECURE })).code).toBe(EXIT_FINDINGS);
  });

  test('-h after other arguments still prints the usage only', () => {
    expect(check('check', cdktfOut({ insecure: INSECURE }), '-h')).toEqual({ code: EXIT_OK, out: CHECK_HELP, err: [] });
  });

  test('--report that cannot be made (under a file) is bad input', () => {
    const blocker = fileWith('blocker', 'a file');
    const result = check('check', cdktfOut({ secure: SECURE }), '--report', join(blocker, 'reports'));
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toEqual([expect.stringMatching(new RegExp(`^cdktf-azure-postgres: --report ${blocker}/reports: cannot be created \\(ENOTDIR: `))]);
  });
});

describe('the command line of the package', () => {
  function runWith(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = run(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out, err };
  }

  test('--help lists the commands', () => {
    expect(runWith('--help')).toEqual({
      code: EXIT_OK,
      err: [],
      out: [
        'cdktf-azure-postgres: security checks for Azure Database for PostgreSQL in cdktf stacks',
        '',
        '  cdktf-azure-postgres check <cdktf.out directory | cdk.tf.json> [--report <directory>]',
        '      judge synthesized stacks with the rule pack; exit 0 clean, 1 error findings, 2 bad input',
        '  cdktf-azure-postgres audit-roles <stack folder | cdk.tf.json> --host <host> [--port <port>] [--user <user>] [--database <database>] [--json]',
        '      compare a live server\'s roles and privileges with what the stack declares; exit 0 clean, 1 drift, 2 bad input or no connection',
        '  cdktf-azure-postgres --help | --version',
        '',
        'Each command takes --help.',
      ],
    });
  });

  test('-v prints the version, like --version', () => {
    expect(runWith('-v')).toEqual(runWith('--version'));
    expect(runWith('-v').out).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+/)]);
  });

  test('a command is run by the check command', () => {
    expect(runWith('check', cdktfOut({ insecure: INSECURE })).code).toBe(EXIT_FINDINGS);
  });
});

describe('finding the stacks under a path', () => {
  const summaries = (out: string[]) => out.filter((line) => !line.startsWith(' '));

  test('finds each cdk.tf.json below the path however deep, in name order, and no other file', () => {
    const root = tree({
      'b/cdk.tf.json': SECURE,
      'a/x/y/cdk.tf.json': INSECURE,
      'c/1/2/3/cdk.tf.json': INSECURE,
      'd/e/f/g/h/i/j/k/l/m/n/o/p/cdktf.out/stacks/deep/cdk.tf.json': SECURE,
      'node_modules/m/cdk.tf.json': INSECURE,
      'q/node_modules/dep/cdktf.out/stacks/dep/cdk.tf.json': INSECURE,
      'q/.terraform/modules/m/cdk.tf.json': INSECURE,
      '.git/x/cdk.tf.json': INSECURE,
      'q/cdktf.out/stacks/.hidden-id/cdk.tf.json': SECURE,
      'other.json': INSECURE,
    });
    const result = check('check', root);
    // node_modules, .git and .terraform are skipped at any depth, but not inside a stacks folder.
    expect(summaries(result.out)).toEqual([
      'y: 1 server(s), 18 error(s), 9 warning(s), 0 suppressed, 15 passed',
      'b: 1 server(s), 0 error(s), 2 warning(s), 0 suppressed, 41 passed',
      '3: 1 server(s), 18 error(s), 9 warning(s), 0 suppressed, 15 passed',
      'deep: 1 server(s), 0 error(s), 2 warning(s), 0 suppressed, 41 passed',
      '.hidden-id: 1 server(s), 0 error(s), 2 warning(s), 0 suppressed, 41 passed',
    ]);
    expect(result.code).toBe(EXIT_FINDINGS);
  });

  test('a stack below another hidden folder is named and stops the check (exit 2); given on its own, it is judged', () => {
    const root = tree({ 'app/cdktf.out/stacks/data/cdk.tf.json': SECURE, '.build/cdktf.out/stacks/data/cdk.tf.json': INSECURE, '.cache/x/cdk.tf.json': SECURE, '.cache/y/cdk.tf.json': SECURE, '.cache/z/cdk.tf.json': SECURE });
    expect(check('check', root)).toEqual(badInput(`${root}: holds 4 stack files (a cdk.tf.json, or in a folder of stacks/ the configuration Terraform applies there) below hidden folders (.build/cdktf.out/stacks/data/cdk.tf.json, .cache/x/cdk.tf.json, .cache/y/cdk.tf.json and 1 more), which check does not judge with the rest, so they would pass unjudged; give the folder that holds them to check on its own, or move them out of the hidden folder`));
    expect(check('check', join(root, '.build')).code).toBe(EXIT_FINDINGS);
    expect(check('check', join(root, 'app')).code).toBe(EXIT_OK);
  });

  test('a file given by its path is judged whatever its name, and named by it', () => {
    expect(summaries(check('check', fileWith('insecure.json', JSON.stringify(INSECURE))).out)).toEqual([
      'insecure.json: 1 server(s), 18 error(s), 9 warning(s), 0 suppressed, 15 passed',
    ]);
  });

  test('a cdk.tf.json that cannot be read is bad input', () => {
    const root = tree({ 'stacks/odd/cdk.tf.json/inside': 'x' });
    const result = check('check', root);
    expect(result).toMatchObject({ code: EXIT_BAD_INPUT, out: [] });
    expect(result.err).toEqual([`cdktf-azure-postgres: ${root}/stacks/odd/cdk.tf.json: cannot be read (EISDIR: illegal operation on a directory, read)`]);
  });

  test('JSON that is not an object is bad input', () => {
    const path = fileWith('cdk.tf.json', '[{ "resource": {} }]');
    expect(check('check', path)).toEqual(badInput(`${path}: invalid JSON (not a JSON object)`));
  });

  test('files beside cdk.tf.json that Terraform does not read are fine; every one it reads is named', () => {
    const root = tree({ 'stacks/app/cdk.tf.json': SECURE, 'stacks/app/notes.txt': 'x', 'stacks/app/plan.tfplan': 'x', 'stacks/app/main.tf': 'x', 'stacks/app/extra.tf.json': {} });
    expect(check('check', root)).toEqual(badInput(
      `${root}/stacks/app: holds extra.tf.json, main.tf beside cdk.tf.json, which Terraform or OpenTofu reads too (an override file can change any setting), so cdk.tf.json alone cannot be judged; remove it`,
    ));
  });

  test('OpenTofu files beside cdk.tf.json are refused too: cdk.tofu.json replaces it, override.tofu changes it', () => {
    for (const other of ['cdk.tofu.json', 'override.tofu.json', 'override.tofu', 'main_override.tofu.json', 'main.tofu']) {
      const root = tree({ 'stacks/app/cdk.tf.json': SECURE, [`stacks/app/${other}`]: 'x' });
      expect(check('check', root)).toEqual(badInput(
        `${root}/stacks/app: holds ${other} beside cdk.tf.json, which Terraform or OpenTofu reads too (an override file can change any setting), so cdk.tf.json alone cannot be judged; remove it`,
      ));
    }
  });

  // Terraform run in that folder reads main.tf, whatever the given file's name (thirty-seventh review, A37b-1; stack-folder-files.test.ts).
  test('a loose stack file of any name is judged with its folder: a main.tf beside it is refused, nothing else beside it is', () => {
    const path = fileWith('stack.json', JSON.stringify(SECURE));
    writeFileSync(join(path, '..', 'notes.txt'), 'x');
    expect(check('check', path).code).toBe(EXIT_OK);
    writeFileSync(join(path, '..', 'main.tf'), 'x');
    expect(check('check', path).code).toBe(EXIT_BAD_INPUT);
  });
});

describe('what breaks while reading never crashes the gate', () => {
  test('a link to nothing under the path: exit 2 with one line', () => {
    const root = cdktfOut({ app: SECURE });
    symlinkSync(join(root, 'gone'), join(root, 'stacks', 'dangling'));
    expect(check('check', root)).toEqual(badInput(`${root}/stacks/dangling: cannot be read (ENOENT: no such file or directory, stat '${root}/stacks/dangling')`));
  });

  test('JSON nested too deep to read: exit 2 with one line', () => {
    const path = fileWith('cdk.tf.json', `${'['.repeat(100000)}${']'.repeat(100000)}`);
    expect(check('check', path)).toEqual(badInput(`${path}: invalid JSON (nested more than 1000 levels deep at line 1, column 1001)`));
  });
});

test('stacks are judged in name order, whatever order the folder lists them in', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-order-'));
  for (const name of ['c', 'a', 'b']) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'cdk.tf.json'), JSON.stringify(SECURE));
  }
  expect(check('check', root).out.filter((line) => !line.startsWith(' ')).map((line) => line.split(':')[0])).toEqual(['a', 'b', 'c']);
});

describe('the package entry point, run as the command', () => {
  const command = (args: string[], stdout: 'pipe' | number = 'pipe') => spawnSync(process.execPath, [join(__dirname, '..', 'support', 'cli-from-source.js'), ...args], { encoding: 'utf8', stdio: ['ignore', stdout, 'pipe'] });

  test('prints to standard output and error and exits with the code', () => {
    expect(command(['--version'])).toMatchObject({ status: EXIT_OK, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), stderr: '' });
    expect(command(['check'])).toMatchObject({ status: EXIT_BAD_INPUT, stdout: '', stderr: `cdktf-azure-postgres: ${CHECK_USAGE}\n` });
  }, 60_000);

  // Adversarial run of stop 70, C12: a SARIF or JSON verdict written to a full disk or a closed output is no verdict: exit 2, not 0.
  test('exits 2 when standard output cannot be written, saying so', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = command(['check', cdktfOut({ secure: SECURE }), '--format', 'sarif'], full);
      expect(result).toMatchObject({ status: EXIT_BAD_INPUT, stderr: expect.stringMatching(/^cdktf-azure-postgres: standard output could not be written \(ENOSPC\), so what the command printed is incomplete\n$/) });
    } finally {
      closeSync(full);
    }
  }, 60_000);

  // W77-6: `--output /dev/stdout >> build.log` opened the log anew through /proc/self/fd/1 and truncated it.
  test('--output /dev/stdout appended to a log: what the log held stays, the results after it', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'pg-stdout-')), 'build.log');
    writeFileSync(log, 'earlier steps of the build\n');
    const appended = openSync(log, 'a');
    try {
      const result = command(['check', cdktfOut({ secure: SECURE }), '--format', 'sarif', '--output', '/dev/stdout'], appended);
      expect(result.status).toBe(EXIT_OK);
    } finally {
      closeSync(appended);
    }
    const written = readFileSync(log, 'utf8');
    expect(written.startsWith('earlier steps of the build\n{')).toBe(true);
    // The document, then the summary lines printed once it is written.
    expect(JSON.parse(written.slice(written.indexOf('{'), written.indexOf('\n}\n') + 2)).version).toBe('2.1.0');
    expect(written.endsWith('sarif results written to /dev/stdout\n')).toBe(true);
  }, 60_000);
});
