import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EXIT_BAD_INPUT, EXIT_FINDINGS } from '../../lib/cli/check-command';
import { check, INSECURE, SECURE } from './cli-harness';

// Node reads a file name that is not UTF-8 with U+FFFD for each bad byte: such a folder could be read as its sibling and its
// own stack passed over (U77-9). `check` refuses a folder that holds such a name.

/** A path inside root whose last name is the given bytes. */
const named = (root: string, bytes: number[]) => Buffer.concat([Buffer.from(`${root}/`), Buffer.from(bytes)]);

function appWith(root: Buffer | string, stack: object): void {
  mkdirSync(root);
  mkdirSync(Buffer.concat([Buffer.from(root), Buffer.from('/cdktf.out/stacks/app')]), { recursive: true });
  writeFileSync(Buffer.concat([Buffer.from(root), Buffer.from('/cdktf.out/stacks/app/cdk.tf.json')]), JSON.stringify(stack));
}

test('a folder named app\\xFF beside one named app\\uFFFD: exit 2 naming the bytes, not the clean one judged alone', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  appWith(Buffer.from(join(root, 'app\uFFFD')), SECURE);
  appWith(named(root, [0x61, 0x70, 0x70, 0xff]), INSECURE);
  const result = check('check', root);
  expect(result).toEqual({
    code: EXIT_BAD_INPUT,
    out: [],
    err: [`cdktf-azure-postgres: ${root}: holds an entry whose name is not UTF-8 (bytes 617070ff), which check cannot read by its name, and it may hold a stack; rename it, or give check a folder without it`],
  });
});

test('a stack folder of such a name inside stacks/: exit 2 too', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  mkdirSync(join(root, 'stacks', 'orders'), { recursive: true });
  writeFileSync(join(root, 'stacks', 'orders', 'cdk.tf.json'), JSON.stringify(SECURE));
  const odd = named(join(root, 'stacks'), [0x6f, 0xff]);
  mkdirSync(odd);
  writeFileSync(Buffer.concat([odd, Buffer.from('/cdk.tf.json')]), JSON.stringify(INSECURE));
  expect(check('check', root).err).toEqual([expect.stringMatching(/stacks: holds an entry whose name is not UTF-8 \(bytes 6fff\)/)]);
});

test('names in any script that are UTF-8 are read as ever', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  appWith(join(root, 'приложение-应用-🐘'), SECURE);
  expect(check('check', root).code).toBe(0);
});

// V77-13: Node reads a path given in bytes that are not UTF-8 with U+FFFD, so `check u/app\xFF` judged its clean sibling.
test('a path given with U+FFFD in it: exit 2, not the sibling of that name judged', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  appWith(join(root, 'app\uFFFD'), SECURE);
  const result = check('check', join(root, 'app\uFFFD'));
  expect(result.code).toBe(EXIT_BAD_INPUT);
  expect(result.err).toEqual([`cdktf-azure-postgres: ${root}/app\\u{fffd}: holds U+FFFD, which is how a path that is not UTF-8 is read, so it may name another file or folder than the one meant; rename it to a UTF-8 name`]);
});

// V77-14: a stack file given alone is judged with the variable files beside it; one named in bytes that are not UTF-8 was read as
// its decoy sibling, and the value Terraform loads from it never seen.
test('a stack file given alone, beside a variable file whose name is not UTF-8: exit 2', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  writeFileSync(join(root, 'cdk.tf.json'), JSON.stringify(SECURE));
  writeFileSync(join(root, 'a\uFFFD.auto.tfvars.json'), '{}');
  writeFileSync(Buffer.concat([Buffer.from(join(root, 'a')), Buffer.from([0xff]), Buffer.from('.auto.tfvars.json')]), '{"p": "x"}');
  const result = check('check', join(root, 'cdk.tf.json'));
  expect(result.code).toBe(EXIT_BAD_INPUT);
  expect(result.err).toEqual([expect.stringContaining(`${root}: holds an entry whose name is not UTF-8 (bytes 61ff2e6175746f2e7466766172732e6a736f6e)`)]);
});

// V77-24: a plain file is no stack outside a stack's folder, whatever its name; inside one, Terraform may load it (x\xFF.tf.json).
test('a plain file whose name is not UTF-8: judged around at a monorepo\'s root, refused in a stack\'s folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  appWith(join(root, 'app'), INSECURE);
  writeFileSync(named(root, [0x6e, 0x6f, 0x74, 0x65, 0xe9]), 'notes in Latin-1');
  expect(check('check', root).code).toBe(EXIT_FINDINGS);
  const stackFolder = join(root, 'app', 'cdktf.out', 'stacks', 'app');
  writeFileSync(Buffer.concat([Buffer.from(join(stackFolder, 'x')), Buffer.from([0xff]), Buffer.from('.tf.json')]), '{}');
  expect(check('check', root).err).toEqual([expect.stringContaining(`${stackFolder}: holds an entry whose name is not UTF-8 (bytes 78ff2e74662e6a736f6e)`)]);
});

// W77-11: a stack file given by a link whose target lies below a folder not named in UTF-8. Its real path was read with U+FFFD, so
// the stack folder's report (synth failed, the file left from an earlier synth) was looked for in a folder that is not there.
test('a link to a stack file below a folder whose name is not UTF-8: exit 2, the stale file not judged', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  const app = named(root, [0x61, 0x70, 0x70, 0xff]);
  appWith(app, SECURE);
  const stackFolder = Buffer.concat([app, Buffer.from('/cdktf.out/stacks/app')]);
  writeFileSync(Buffer.concat([stackFolder, Buffer.from('/postgres-security-report.json')]), JSON.stringify({ synthFailed: true }));
  mkdirSync(join(root, 'ci'));
  symlinkSync(Buffer.concat([stackFolder, Buffer.from('/cdk.tf.json')]), join(root, 'ci', 'given.tf.json'));
  const result = check('check', join(root, 'ci', 'given.tf.json'));
  expect(result.code).toBe(EXIT_BAD_INPUT);
  expect(result.err).toEqual([expect.stringContaining(`${join(root, 'ci', 'given.tf.json')}: leads to a path that is not UTF-8 (bytes `)]);
});

test('a link to a folder whose name is not UTF-8, given as the folder to check: exit 2 too', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  const app = named(root, [0x61, 0x70, 0x70, 0xff]);
  appWith(app, SECURE);
  mkdirSync(join(root, 'ci'));
  symlinkSync(app, join(root, 'ci', 'app'));
  expect(check('check', join(root, 'ci', 'app'))).toEqual({
    code: EXIT_BAD_INPUT,
    out: [],
    err: [`cdktf-azure-postgres: ${join(root, 'ci', 'app')}: leads to a path that is not UTF-8 (bytes ${Buffer.from(app).toString('hex')}), which check cannot read by its name; rename the folders on its way to UTF-8 names`],
  });
});

// W77-15: --output and --report given in bytes that are not UTF-8 wrote to the U+FFFD spelling, another name: a pipeline reading
// the name it gave would read the results of an earlier run.
test.each([['--report', 'reports\uFFFD'], ['--output', 'results\uFFFD.sarif']])('%s with U+FFFD in it: exit 2, nothing written', (option, name) => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  appWith(join(root, 'app'), SECURE);
  const result = check('check', join(root, 'app'), '--format', 'sarif', option, join(root, name));
  expect(result).toEqual({ code: EXIT_BAD_INPUT, out: [], err: [`cdktf-azure-postgres: ${option} ${root}/${name.replace('\uFFFD', '\\u{fffd}')}: holds U+FFFD, which is how a path that is not UTF-8 is read, so it may name another file or folder than the one meant; rename it to a UTF-8 name`] });
  expect(readdirSync(root)).toEqual(['app']);
});

// Y78-2, Y78-27 (adversarial run of stop 78): `check proj/latest/..`, latest a link, judged the folder the link is in (a clean
// copy) while the system reads the folder above where it leads (the stack Terraform applies); --report wrote likewise.
test.each([[[]], [['--report']], [['--format', 'sarif', '--output']]])('a path with ".." after a link, %j: exit 2; without the link, read as ever', (option) => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  appWith(join(root, 'real'), INSECURE);
  mkdirSync(join(root, 'proj'));
  symlinkSync(join(root, 'real', 'cdktf.out', 'stacks', 'app'), join(root, 'proj', 'latest'));
  const path = join(root, 'proj', 'latest') + '/../x';
  const args = option.length === 0 ? ['check', join(root, 'proj', 'latest') + '/..'] : ['check', join(root, 'real'), ...option, path];
  const result = check(...args);
  expect(result.code).toBe(EXIT_BAD_INPUT);
  expect(result.err).toEqual([expect.stringContaining(`: holds ".." after a symbolic link (${join(root, 'proj', 'latest')}), which the system reads as the folder above where the link leads`)]);
  expect(check('check', join(root, 'proj', '..', 'real')).code).toBe(EXIT_FINDINGS);
});
