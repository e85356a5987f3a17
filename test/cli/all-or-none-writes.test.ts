import { existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeAllOrNone } from '../../lib/cli/all-or-none-writes';
import { BadInput } from '../../lib/cli/bad-input';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { cdktfOut, check, INSECURE, SECURE } from './cli-harness';

// On exit 2 `check` writes neither --report nor --output (docs/pipelines.md), and leaves what was there whole (U77-3, U77-4, U77-5).

const folder = () => mkdtempSync(join(tmpdir(), 'pg-writes-'));

describe('writeAllOrNone', () => {
  test('a file that cannot be written leaves the others as they were, and no temporary file behind', () => {
    const root = folder();
    writeFileSync(join(root, 'results.sarif'), 'the results of the last run');
    writeFileSync(join(root, 'blocker'), 'a file where a folder should be');
    const attempt = () => writeAllOrNone([
      { path: join(root, 'results.sarif'), text: 'new results', failure: 'first' },
      { path: join(root, 'new', 'report.json'), text: '{}', failure: 'second' },
      { path: join(root, 'blocker', 'report.md'), text: '# report', failure: 'third: cannot be written' },
    ]);
    expect(attempt).toThrow(BadInput);
    expect(attempt).toThrow(/^third: cannot be written \(/);
    expect(readFileSync(join(root, 'results.sarif'), 'utf8')).toBe('the results of the last run');
    // The folder made for the second file is removed again.
    expect(readdirSync(root).sort()).toEqual(['blocker', 'results.sarif']);
  });

  test('a write that fails half way (a full disk) puts back what the files already written held, and removes the new ones', () => {
    const root = folder();
    writeFileSync(join(root, 'report.md'), 'the report of the last run');
    writeFileSync(join(root, 'results.sarif'), 'the results of the last run');
    // A full disk cannot be made here: the third write fails as one would, after writing part of its text.
    const write = (path: string, text: string) => {
      if (path === join(root, 'results.sarif')) {
        writeFileSync(path, text.slice(0, 7));
        throw new Error('ENOSPC: no space left on device, write');
      }
      writeFileSync(path, text);
    };
    expect(() => writeAllOrNone([
      { path: join(root, 'report.md'), text: '# new report', failure: 'report' },
      { path: join(root, 'new', 'report.json'), text: '{}', failure: 'report' },
      { path: join(root, 'results.sarif'), text: 'new results', failure: 'out' },
    ], write)).toThrow(/^out \(ENOSPC: no space left on device, write\)$/);
    expect(readFileSync(join(root, 'report.md'), 'utf8')).toBe('the report of the last run');
    expect(readFileSync(join(root, 'results.sarif'), 'utf8')).toBe('the results of the last run');
    expect(readdirSync(root).sort()).toEqual(['report.md', 'results.sarif']);
  });

  test('every file written, folders made, a link written through and kept, a device written in place', () => {
    const root = folder();
    writeFileSync(join(root, 'real.json'), 'old');
    symlinkSync(join(root, 'real.json'), join(root, 'link.json'));
    writeAllOrNone([
      { path: join(root, 'a', 'b', 'report.md'), text: '# report', failure: 'x' },
      { path: join(root, 'link.json'), text: 'new', failure: 'x' },
      { path: '/dev/null', text: 'nothing', failure: 'x' },
    ]);
    expect(readFileSync(join(root, 'a', 'b', 'report.md'), 'utf8')).toBe('# report');
    expect(lstatSync(join(root, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'real.json'), 'utf8')).toBe('new');
    expect(readdirSync(root).sort()).toEqual(['a', 'link.json', 'real.json']);
  });

  test('a folder where the file should be fails before anything is written', () => {
    const root = folder();
    mkdirSync(join(root, 'report.json'));
    writeFileSync(join(root, 'kept.md'), 'old');
    expect(() => writeAllOrNone([
      { path: join(root, 'kept.md'), text: 'new', failure: 'x' },
      { path: join(root, 'report.json'), text: '{}', failure: 'report: cannot be written' },
    ])).toThrow(/^report: cannot be written \(it is a folder\)$/);
    expect(readFileSync(join(root, 'kept.md'), 'utf8')).toBe('old');
  });
});

describe('check', () => {
  test('a second stack whose report cannot be written: exit 2, the first stack\'s report not written either, nothing printed but the reason', () => {
    const reports = folder();
    writeFileSync(join(reports, 'orders'), 'a file where the stack folder goes');
    const result = check('check', cdktfOut({ billing: SECURE, orders: SECURE }), '--report', reports);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual([expect.stringMatching(new RegExp(`^cdktf-azure-postgres: --report ${reports}: cannot write the report of orders \\(`))]);
    expect(readdirSync(reports)).toEqual(['orders']);
  });

  test('--output a device that refuses the text: exit 2, and no report written', () => {
    const reports = join(folder(), 'reports');
    const result = check('check', cdktfOut({ app: SECURE }), '--report', reports, '--format', 'sarif', '--output', '/dev/full');
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toEqual([expect.stringMatching(/^cdktf-azure-postgres: --output \/dev\/full: cannot be written \(ENOSPC: /)]);
    // Nor the folder it was to go in, made for this run (W77-19).
    expect(existsSync(reports)).toBe(false);
  });

  test('an existing results file is replaced whole when the run judges', () => {
    const root = folder();
    writeFileSync(join(root, 'results.json'), 'x'.repeat(100_000));
    const result = check('check', cdktfOut({ app: INSECURE }), '--format', 'json', '--output', join(root, 'results.json'));
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(JSON.parse(readFileSync(join(root, 'results.json'), 'utf8')).stacks).toHaveLength(1);
    expect(readdirSync(root)).toEqual(['results.json']);
  });

  test('--output a link to the judged app\'s manifest is refused, through the link (U77-8)', () => {
    const app = cdktfOut({ app: SECURE });
    writeFileSync(join(app, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { app: { name: 'app', workingDirectory: 'stacks/app', synthesizedStackPath: 'stacks/app/cdk.tf.json' } } }));
    const manifest = readFileSync(join(app, 'manifest.json'), 'utf8');
    const link = join(folder(), 'results.json');
    symlinkSync(join(app, 'manifest.json'), link);
    const result = check('check', app, '--format', 'json', '--output', link);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toEqual([expect.stringMatching(/^cdktf-azure-postgres: --output .*results\.json: is the manifest\.json of the cdktf\.out folder this command judges/)]);
    expect(readFileSync(join(app, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(existsSync(link)).toBe(true);
  });

  test('a path with a line break is printed escaped: the reason stays one line (S77-36)', () => {
    const result = check('check', join(folder(), 'ba\nse.json'));
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).not.toContain('\n');
    expect(result.err[0]).toMatch(/ba\\u\{a\}se\.json: no such file or directory$/);
  });

  test('a clean run still writes both and exits 0', () => {
    const reports = join(folder(), 'reports');
    const results = join(folder(), 'results.sarif');
    expect(check('check', cdktfOut({ app: SECURE }), '--report', reports, '--format', 'sarif', '--output', results).code).toBe(EXIT_OK);
    expect(readdirSync(join(reports, 'app')).sort()).toEqual(['postgres-security-report.json', 'postgres-security-report.md']);
    expect(JSON.parse(readFileSync(results, 'utf8')).version).toBe('2.1.0');
  });
});

test('a report file that is a link to the judged stack or its manifest: exit 2, neither written over (V77-10)', () => {
  const app = cdktfOut({ app: SECURE });
  writeFileSync(join(app, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { app: { name: 'app', workingDirectory: 'stacks/app', synthesizedStackPath: 'stacks/app/cdk.tf.json' } } }));
  for (const target of [join(app, 'stacks', 'app', 'cdk.tf.json'), join(app, 'manifest.json')]) {
    const reports = folder();
    mkdirSync(join(reports, 'app'));
    symlinkSync(target, join(reports, 'app', 'postgres-security-report.json'));
    const before = readFileSync(target, 'utf8');
    const result = check('check', app, '--report', reports);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toEqual([`cdktf-azure-postgres: --report ${reports}: ${reports}/app/postgres-security-report.json is a link to a stack this command judges or to its app's manifest.json, which the report would overwrite; remove the link`]);
    expect(readFileSync(target, 'utf8')).toBe(before);
  }
});

// W77-19, V77-11: the folders --report and --output name were made before the stacks were judged, and stayed behind when the run
// then exited 2 (no stacks, a stack that cannot be read).
test('exit 2 after the folders --report and --output name were made: neither folder is left behind', () => {
  const root = folder();
  mkdirSync(join(root, 'empty'));
  expect(check('check', join(root, 'empty'), '--report', join(root, 'reports', 'ci'), '--format', 'sarif', '--output', join(root, 'out', 'ci', 'results.sarif')).code).toBe(EXIT_BAD_INPUT);
  const broken = cdktfOut({ app: SECURE });
  writeFileSync(join(broken, 'stacks', 'app', 'cdk.tf.json'), '{ not json');
  expect(check('check', broken, '--report', join(root, 'reports', 'ci'), '--format', 'sarif', '--output', join(root, 'out', 'ci', 'results.sarif')).code).toBe(EXIT_BAD_INPUT);
  expect(readdirSync(root)).toEqual(['empty']);
});

// W77-4, W77-5: a report file or --output that is a link into a judged stack's folder, to a file Terraform loads there (a variable
// file, existing or not yet, or a configuration file): writing through it would change what the judged stack deploys.
describe('a link into a judged stack\'s folder, to a file Terraform loads there', () => {
  const loaded = ['terraform.tfvars', 'x.auto.tfvars.json', 'main.tf.json'];

  test.each(loaded)('a report file linked to %s: exit 2, whether the file is there or not', (name) => {
    for (const there of [true, false]) {
      const app = cdktfOut({ app: SECURE });
      const target = join(app, 'stacks', 'app', name);
      if (there) writeFileSync(target, '{}');
      const reports = folder();
      mkdirSync(join(reports, 'app'));
      symlinkSync(target, join(reports, 'app', 'postgres-security-report.json'));
      const result = check('check', app, '--report', reports);
      expect(result.code).toBe(EXIT_BAD_INPUT);
      // A file of such a name already there may be refused first for itself (a terraform.tfvars check cannot read, say).
      if (!there) expect(result.err).toEqual([`cdktf-azure-postgres: --report ${reports}: ${reports}/app/postgres-security-report.json is a link to a file Terraform loads from the folder of a stack this command judges (${join(app, 'stacks', 'app')}: a variable file or configuration), which the report would overwrite; remove the link`]);
      expect(there ? readFileSync(target, 'utf8') : existsSync(target)).toBe(there ? '{}' : false);
    }
  });

  test.each(loaded)('--output a dangling link to %s: exit 2, the file not made', (name) => {
    const app = cdktfOut({ app: SECURE });
    const target = join(app, 'stacks', 'app', name);
    const link = join(folder(), 'results.sarif');
    symlinkSync(target, link);
    const result = check('check', app, '--format', 'sarif', '--output', link);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toEqual([expect.stringContaining(`--output ${link}: is a file Terraform loads from the folder of a stack this command judges`)]);
    expect(existsSync(target)).toBe(false);
  });

  test('a link to a file elsewhere is written through, and a chain of links is followed to its end', () => {
    const results = join(folder(), 'results.sarif');
    const first = join(folder(), 'first.sarif');
    symlinkSync(results, first);
    const second = join(folder(), 'second.sarif');
    symlinkSync(first, second);
    expect(check('check', cdktfOut({ app: SECURE }), '--format', 'sarif', '--output', second).code).toBe(EXIT_OK);
    expect(JSON.parse(readFileSync(results, 'utf8')).version).toBe('2.1.0');
  });
});

// Adversarial run of stop 78.
describe('what a write must not replace', () => {
  // Y78-8: the later write replaced the other unseen.
  test('--output one of the files --report writes: exit 2, neither written', () => {
    const reports = join(folder(), 'reports');
    const result = check('check', cdktfOut({ app: SECURE }), '--report', reports, '--format', 'sarif', '--output', join(reports, 'app', 'postgres-security-report.json'));
    expect(result).toEqual({ code: EXIT_BAD_INPUT, out: [], err: [`cdktf-azure-postgres: --output ${reports}/app/postgres-security-report.json: is also ${reports}/app/postgres-security-report.json, which --report writes, so one would overwrite the other; write the results to another file`] });
    expect(existsSync(reports)).toBe(false);
  });

  // Y78-21: a hard link is the file it links, though no path names it.
  test('--output or a report file hard-linked to a judged stack\'s variable file or its manifest: exit 2, the file kept', () => {
    const app = cdktfOut({ app: SECURE });
    writeFileSync(join(app, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { app: { name: 'app', workingDirectory: 'stacks/app', synthesizedStackPath: 'stacks/app/cdk.tf.json' } } }));
    writeFileSync(join(app, 'stacks', 'app', 'terraform.tfvars.json'), '{}');
    for (const target of [join(app, 'stacks', 'app', 'terraform.tfvars.json'), join(app, 'manifest.json')]) {
      const before = readFileSync(target, 'utf8');
      const hard = join(folder(), 'results.json');
      linkSync(target, hard);
      expect(check('check', app, '--format', 'json', '--output', hard).code).toBe(EXIT_BAD_INPUT);
      const reports = folder();
      mkdirSync(join(reports, 'app'));
      linkSync(target, join(reports, 'app', 'postgres-security-report.json'));
      expect(check('check', app, '--report', reports).code).toBe(EXIT_BAD_INPUT);
      expect(readFileSync(target, 'utf8')).toBe(before);
    }
  });

  // Y78-7: through a link, a report could replace another stack's report of a failed synth with one that says it did not fail.
  test('a report written over the report synth writes in a stack\'s folder: exit 2, the synthFailed mark kept', () => {
    const other = folder();
    mkdirSync(join(other, 'stacks', 'app'), { recursive: true });
    const failed = join(other, 'stacks', 'app', 'postgres-security-report.json');
    writeFileSync(failed, JSON.stringify({ synthFailed: true }));
    const reports = folder();
    symlinkSync(join(other, 'stacks', 'app'), join(reports, 'app'));
    const result = check('check', cdktfOut({ app: SECURE }), '--report', reports);
    expect(result).toEqual({ code: EXIT_BAD_INPUT, out: [], err: [`cdktf-azure-postgres: --report ${reports}: ${reports}/app/postgres-security-report.json is the report synth writes in a stack's folder (${join(other, 'stacks', 'app')}), which says whether its synth failed; give --report a folder outside cdktf.out's stacks`] });
    expect(JSON.parse(readFileSync(failed, 'utf8'))).toEqual({ synthFailed: true });
    expect(check('check', cdktfOut({ app: SECURE }), '--format', 'json', '--output', failed).code).toBe(EXIT_BAD_INPUT);
  });

  // A stacks/ folder that is a link to a folder named otherwise (a CI cache) holds stack folders all the same (Z78-4).
  test('--output the report synth wrote in a stack\'s folder of a stacks/ linked to a cache: exit 2, the synthFailed mark kept', () => {
    const other = folder();
    mkdirSync(join(other, 'cache', 'st123', 'app'), { recursive: true });
    mkdirSync(join(other, 'cdktf.out'));
    symlinkSync('../cache/st123', join(other, 'cdktf.out', 'stacks'));
    const failed = join(other, 'cache', 'st123', 'app', 'postgres-security-report.json');
    writeFileSync(failed, JSON.stringify({ synthFailed: true }));
    const output = join(other, 'cdktf.out', 'stacks', 'app', 'postgres-security-report.json');
    expect(check('check', cdktfOut({ app: SECURE }), '--format', 'json', '--output', output)).toMatchObject({ code: EXIT_BAD_INPUT, err: [expect.stringContaining('is the report synth writes in a stack\'s folder')] });
    // --report naming that stacks/ folder would write the stack app's report there (B79-60).
    expect(check('check', cdktfOut({ app: SECURE }), '--report', join(other, 'cdktf.out', 'stacks'))).toMatchObject({ code: EXIT_BAD_INPUT, err: [expect.stringContaining('is the report synth writes in a stack\'s folder')] });
    expect(JSON.parse(readFileSync(failed, 'utf8'))).toEqual({ synthFailed: true });
  });
});

// Z78-20: a link whose own text holds `..` after a link was followed as text, another folder than the system writes into.
test('--output through a link whose text holds ".." after a link: exit 2, nothing made in the stack\'s folder', () => {
  const root = folder();
  const app = join(root, 'deep', 'out');
  mkdirSync(join(app, 'stacks', 's'), { recursive: true });
  writeFileSync(join(app, 'stacks', 's', 'cdk.tf.json'), JSON.stringify(SECURE));
  mkdirSync(join(root, 'deep', 'inner'));
  symlinkSync(join(root, 'deep', 'inner'), join(root, 'x'));
  symlinkSync('x/../out/stacks/s/results.auto.tfvars.json', join(root, 'res.json'));
  const result = check('check', app, '--format', 'json', '--output', join(root, 'res.json'));
  expect(result.code).toBe(EXIT_BAD_INPUT);
  expect(result.err).toEqual([expect.stringContaining(`holds ".." after a symbolic link (${root}/x)`)]);
  expect(readdirSync(join(app, 'stacks', 's'))).toEqual(['cdk.tf.json']);
});
