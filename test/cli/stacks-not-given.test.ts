import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { EXIT_OK } from '../../lib/cli/check-command';
import { cdktfOut, check, SECURE, tree } from './cli-harness';

// One stack of a multi-stack app given to check alone is judged alone (docs/pipelines.md): what it
// adds to another stack's construct (an Entra administrator of its server) is not judged. check says
// so, on stderr and in the report and SARIF, naming the stacks the manifest lists that it did not read;
// the exit code is the stack's own (thirty-sixth review, A36b-1).

const sarifSchema = JSON.parse(readFileSync(join(__dirname, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
const sarifAjv = new AjvDraft04({ allErrors: true, strict: false });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile(sarifSchema);
const validateReport = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'postgres-security-report.schema.json'), 'utf8')));

/** A stack that adds an Entra administrator to a server of another stack, by name. */
const ADDS_ADMIN = {
  resource: {
    azurerm_postgresql_flexible_server_active_directory_administrator: {
      X: { server_name: 'orders-db', resource_group_name: 'rg-data', tenant_id: 't', object_id: '99999999-7777-8888-9999-000000000000', principal_name: 'evil@contoso.com', principal_type: 'User' },
    },
  },
};

/** A cdktf.out with the given stacks and the manifest cdktf writes for them. */
function app(stacks: { [name: string]: object }): string {
  const root = cdktfOut(stacks);
  const listed = Object.keys(stacks).map((name) => [name, { name, constructPath: name, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, workingDirectory: `stacks/${name}` }]);
  writeFileSync(join(root, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: Object.fromEntries(listed) }));
  return root;
}

/** The stderr line check prints for a manifest listing the stacks not given. */
const judgedAlone = (root: string, stacks: string) => expect.stringMatching(new RegExp(`^cdktf-azure-postgres: warning: ${root}/manifest\\.json: lists ${stacks} that check was not given, so .* judged alone: .*not judged; give check the whole cdktf\\.out folder \\(${root}\\)`));

describe('one stack folder of a multi-stack app', () => {
  const root = app({ A: SECURE, B: ADDS_ADMIN });

  test.each([
    ['the stack folder', 'stacks/B'],
    ['the stack file', 'stacks/B/cdk.tf.json'],
  ])('%s alone: exit 0 as before, and a warning on stderr naming the stack not read', (_name, given) => {
    const result = check('check', join(root, given));
    expect(result.code).toBe(EXIT_OK);
    expect(result.err).toEqual([judgedAlone(root, 'stack A \\(stacks/A/cdk\\.tf\\.json\\)')]);
  });

  // Adversarial run of stop 70, B25: a link to the stack's file or folder, from outside the cdktf.out, is that stack of the app.
  test.each([
    ['a link to the stack file', 'stacks/B/cdk.tf.json', 'cdk.tf.json'],
    ['a link to the stack folder', 'stacks/B', 'B'],
  ])('%s alone: the same warning', (_name, target, link) => {
    const outside = tree({});
    symlinkSync(join(root, target), join(outside, link));
    const result = check('check', join(outside, link));
    expect(result.code).toBe(EXIT_OK);
    expect(result.err).toEqual([judgedAlone(root, 'stack A \\(stacks/A/cdk\\.tf\\.json\\)')]);
  });

  // With a library construct in A, the whole cdktf.out fails PG-IAM-3 on B (test/checks/cross-stack*; adversary36b).
  test('the whole cdktf.out, or its stacks folder, prints no such warning', () => {
    expect(check('check', root).err).toEqual([]);
    expect(check('check', join(root, 'stacks')).err).toEqual([]);
  });

  test('the JSON report names the stacks not read, and keeps its schema', () => {
    const result = check('check', join(root, 'stacks/B'), '--format', 'json');
    const document = JSON.parse(result.out.join('\n'));
    expect(document.stacks[0].stacksNotRead).toEqual([{ name: 'A', path: 'stacks/A/cdk.tf.json' }]);
    for (const report of document.stacks) expect(validateReport(report) ? [] : validateReport.errors).toEqual([]);
    const whole = JSON.parse(check('check', root, '--format', 'json').out.join('\n'));
    for (const report of whole.stacks) expect(report).not.toHaveProperty('stacksNotRead');
  });

  test('--report writes it in the JSON and the Markdown report', () => {
    const dir = tree({});
    check('check', join(root, 'stacks/B/cdk.tf.json'), '--report', dir);
    const written = JSON.parse(readFileSync(join(dir, 'B', 'postgres-security-report.json'), 'utf8'));
    expect(written.stacksNotRead).toEqual([{ name: 'A', path: 'stacks/A/cdk.tf.json' }]);
    expect(readFileSync(join(dir, 'B', 'postgres-security-report.md'), 'utf8')).toMatch(/Judged alone.*`A`.*whole cdktf\.out/);
    const markdown = check('check', join(root, 'stacks/B'), '--format', 'markdown').out.join('\n');
    expect(markdown).toMatch(/Judged alone/);
    expect(check('check', root, '--format', 'markdown').out.join('\n')).not.toMatch(/Judged alone/);
  });

  test('SARIF carries it as a tool notification, valid against the schema', () => {
    const sarif = JSON.parse(check('check', join(root, 'stacks/B'), '--format', 'sarif').out.join('\n'));
    expect(validateSarif(sarif) ? [] : validateSarif.errors).toEqual([]);
    const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications;
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(true);
    expect(notifications).toEqual([expect.objectContaining({ level: 'warning', descriptor: { id: 'stacks-not-read' }, message: { text: expect.stringMatching(/stack A \(stacks\/A\/cdk\.tf\.json\).*whole cdktf\.out/) } })]);
    const whole = JSON.parse(check('check', root, '--format', 'sarif').out.join('\n'));
    expect(whole.runs[0]).not.toHaveProperty('invocations');
  });

  test('JUnit carries it in the stack\'s system-err', () => {
    const xml = check('check', join(root, 'stacks/B'), '--format', 'junit').out.join('\n');
    expect(xml).toMatch(/<system-err>[^<]*stack A \(stacks\/A\/cdk\.tf\.json\)[^<]*<\/system-err>/);
    expect(check('check', root, '--format', 'junit').out.join('\n')).not.toMatch(/system-err/);
  });
});

test('every stack not given is named, once per app, and each judged stack of it carries the list', () => {
  const root = app({ A: SECURE, B: ADDS_ADMIN, C: SECURE });
  const result = check('check', join(root, 'stacks/B'));
  expect(result.err).toEqual([judgedAlone(root, 'stacks A \\(stacks/A/cdk\\.tf\\.json\\), C \\(stacks/C/cdk\\.tf\\.json\\)')]);
});

test('controls: a single-stack app, and a loose stack file without a cdktf.out, print no such warning', () => {
  const single = app({ A: SECURE });
  for (const given of ['', 'stacks', 'stacks/A', 'stacks/A/cdk.tf.json']) expect(check('check', join(single, given))).toMatchObject({ code: EXIT_OK, err: [] });
  const loose = tree({ 'cdk.tf.json': SECURE });
  expect(check('check', join(loose, 'cdk.tf.json'))).toMatchObject({ code: EXIT_OK, err: [] });
  const noManifest = cdktfOut({ A: SECURE, B: SECURE });
  expect(check('check', noManifest)).toMatchObject({ code: EXIT_OK, err: [] });
  expect(check('check', join(noManifest, 'stacks'))).toMatchObject({ code: EXIT_OK, err: [] });
});

// Without a manifest, or with one that does not list them all, the stacks beside the one given in
// stacks/ are the app's too: it is judged alone all the same (thirty-seventh review, A37b-3).
describe('stacks in stacks/ that no manifest lists', () => {
  /** The stderr line for stacks of stacks/ no manifest lists (none, or one that does not list them). */
  const unlisted = (root: string, stacks: string, manifest: 'none' | 'some') =>
    expect.stringMatching(new RegExp(`^cdktf-azure-postgres: warning: ${root}/stacks: holds ${stacks} that ${manifest === 'none' ? 'no manifest\\.json lists' : 'manifest\\.json does not list'} and check was not given, so .* judged alone: .*not judged; give check the whole cdktf\\.out folder \\(${root}\\)`));

  test.each(['stacks/B', 'stacks/B/cdk.tf.json'])('no manifest.json, %s given: a warning naming A, exit code B\'s own', (given) => {
    const root = cdktfOut({ A: SECURE, B: ADDS_ADMIN, C: SECURE });
    const result = check('check', join(root, given));
    expect(result.code).toBe(EXIT_OK);
    expect(result.err).toEqual([unlisted(root, 'stacks A \\(stacks/A/cdk\\.tf\\.json\\), C \\(stacks/C/cdk\\.tf\\.json\\)', 'none')]);
  });

  test.each([
    ['lists only the stack given', () => ({ stacks: { B: { name: 'B', synthesizedStackPath: 'stacks/B/cdk.tf.json', workingDirectory: 'stacks/B' } } })],
    ['lists no stack', () => ({ stacks: {} })],
  ])('a manifest that %s: the same warning', (_name, manifest) => {
    const root = cdktfOut({ A: SECURE, B: ADDS_ADMIN });
    writeFileSync(join(root, 'manifest.json'), JSON.stringify(manifest()));
    const result = check('check', join(root, 'stacks/B'));
    expect(result.code).toBe(EXIT_OK);
    expect(result.err).toEqual([unlisted(root, 'stack A \\(stacks/A/cdk\\.tf\\.json\\)', 'some')]);
  });

  test('stacks the manifest lists and others it does not are both named, once', () => {
    const root = app({ A: SECURE, B: ADDS_ADMIN });
    mkdirSync(join(root, 'stacks', 'C'));
    writeFileSync(join(root, 'stacks', 'C', 'cdk.tf.json'), JSON.stringify(SECURE));
    const result = check('check', join(root, 'stacks/B'), '--format', 'json');
    expect(result.err).toEqual([expect.stringMatching(new RegExp(`manifest\\.json: lists stack A \\(stacks/A/cdk\\.tf\\.json\\) that check was not given; ${root}/stacks: holds stack C \\(stacks/C/cdk\\.tf\\.json\\) that manifest\\.json does not list and check was not given, so B was judged alone`))]);
    const document = JSON.parse(result.out.join('\n'));
    expect(document.stacks[0].stacksNotRead).toEqual([{ name: 'A', path: 'stacks/A/cdk.tf.json' }, { name: 'C', path: 'stacks/C/cdk.tf.json' }]);
    for (const report of document.stacks) expect(validateReport(report) ? [] : validateReport.errors).toEqual([]);
  });

  test('the JSON report, SARIF and JUnit carry them', () => {
    const root = cdktfOut({ A: SECURE, B: ADDS_ADMIN });
    const document = JSON.parse(check('check', join(root, 'stacks/B'), '--format', 'json').out.join('\n'));
    expect(document.stacks[0].stacksNotRead).toEqual([{ name: 'A', path: 'stacks/A/cdk.tf.json' }]);
    const sarif = JSON.parse(check('check', join(root, 'stacks/B'), '--format', 'sarif').out.join('\n'));
    expect(validateSarif(sarif) ? [] : validateSarif.errors).toEqual([]);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([expect.objectContaining({ level: 'warning', descriptor: { id: 'stacks-not-read' } })]);
    expect(check('check', join(root, 'stacks/B'), '--format', 'junit').out.join('\n')).toMatch(/<system-err>[^<]*stack A \(stacks\/A\/cdk\.tf\.json\)[^<]*<\/system-err>/);
  });

  test('controls: a folder of stacks/ without a cdk.tf.json file, and a symlink to the stack given, are not stacks not given', () => {
    const root = cdktfOut({ B: SECURE });
    mkdirSync(join(root, 'stacks', 'empty'));
    mkdirSync(join(root, 'stacks', 'dir', 'cdk.tf.json'), { recursive: true });
    writeFileSync(join(root, 'stacks', 'notes.txt'), 'x');
    symlinkSync(join(root, 'stacks', 'B'), join(root, 'stacks', 'B-link'));
    expect(check('check', join(root, 'stacks/B'))).toMatchObject({ code: EXIT_OK, err: [] });
    expect(check('check', join(root, 'stacks/B/cdk.tf.json'))).toMatchObject({ code: EXIT_OK, err: [] });
  });
});

test('a stack given alone whose app manifest cannot be read says that the app\'s other stacks are unknown', () => {
  const root = app({ A: SECURE, B: ADDS_ADMIN });
  writeFileSync(join(root, 'manifest.json'), '{');
  const result = check('check', join(root, 'stacks/B'));
  expect(result.code).toBe(EXIT_OK);
  expect(result.err).toEqual([expect.stringMatching(new RegExp(`^cdktf-azure-postgres: warning: ${root}/manifest\\.json: cannot be read .*\\. B was judged alone.*give check the whole cdktf\\.out folder`))]);
});

// Adversarial run of stop 70, C17: stderr, SARIF and JUnit said so, the Markdown and JSON reports did not.
test('so do the JSON and Markdown reports, in every form (--format and --report), valid against the schema', () => {
  // Its stacks folder holds B alone: no stack to name, only the manifest.
  const root = app({ B: ADDS_ADMIN });
  writeFileSync(join(root, 'manifest.json'), '{');
  const note = expect.stringMatching(new RegExp(`^${root}/manifest\\.json: cannot be read .*\\. B was judged alone.*give check the whole cdktf\\.out folder`));
  const document = JSON.parse(check('check', join(root, 'stacks/B'), '--format', 'json').out.join('\n'));
  expect(document.stacks[0].judgedAlone).toEqual([note]);
  expect(document.stacks[0]).not.toHaveProperty('stacksNotRead');
  expect(validateReport(document.stacks[0]) ? [] : validateReport.errors).toEqual([]);
  expect(check('check', join(root, 'stacks/B'), '--format', 'markdown').out.join('\n')).toMatch(/\*\*Judged alone\*\*: .*manifest\.json: cannot be read .*B was judged alone/);
  const dir = tree({});
  check('check', join(root, 'stacks/B'), '--report', dir);
  expect(JSON.parse(readFileSync(join(dir, 'B', 'postgres-security-report.json'), 'utf8')).judgedAlone).toEqual([note]);
  expect(readFileSync(join(dir, 'B', 'postgres-security-report.md'), 'utf8')).toMatch(/\*\*Judged alone\*\*: .*manifest\.json: cannot be read/);
  // The whole folder: nothing judged alone, no field.
  writeFileSync(join(root, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { B: { name: 'B', synthesizedStackPath: 'stacks/B/cdk.tf.json', workingDirectory: 'stacks/B' } } }));
  for (const report of JSON.parse(check('check', root, '--format', 'json').out.join('\n')).stacks) expect(report).not.toHaveProperty('judgedAlone');
});

test('the stacks folder of an app that lost a listed stack warns the same way (the manifest beside it is not searched)', () => {
  const root = app({ A: SECURE, B: ADDS_ADMIN });
  rmSync(join(root, 'stacks', 'A'), { recursive: true });
  const result = check('check', join(root, 'stacks'));
  expect(result.code).toBe(EXIT_OK);
  expect(result.err).toEqual([judgedAlone(root, 'stack A \\(stacks/A/cdk\\.tf\\.json\\)')]);
});

test('a stack name from the manifest is printed escaped: the warning stays one line', () => {
  const root = app({ A: SECURE, B: ADDS_ADMIN });
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  writeFileSync(join(root, 'manifest.json'), JSON.stringify({ ...manifest, stacks: { 'A\nforged': manifest.stacks.A, B: manifest.stacks.B } }));
  const result = check('check', join(root, 'stacks/B'));
  expect(result.err).toHaveLength(1);
  expect(result.err[0]).not.toContain('\n');
  expect(result.err[0]).toContain('stack A\\u{a}forged (stacks/A/cdk.tf.json)');
});

test('a monorepo of complete apps, given whole, prints no such warning', () => {
  const one = app({ A: SECURE, B: SECURE });
  const parent = tree({});
  renameSync(one, join(parent, 'app1'));
  const two = app({ main: SECURE });
  renameSync(two, join(parent, 'app2'));
  expect(check('check', parent)).toMatchObject({ code: EXIT_OK, err: [] });
  expect(check('check', join(parent, 'app1', 'stacks', 'A')).err).toEqual([judgedAlone(join(parent, 'app1'), 'stack B \\(stacks/B/cdk\\.tf\\.json\\)')]);
});

// Adversarial run of stop 70, B20, B21: a stack file inside a cdktf.out but not where cdktf writes a stack is judged alone, and says so.
test.each([['extra/b'], ['stacks/A/nested'], ['x1/x2/x3/x4/x5/x6/x7/x8/x9']])('a stack file at %s of a cdktf.out says it was judged alone', (folder) => {
  const root = app({ A: SECURE });
  mkdirSync(join(root, folder), { recursive: true });
  writeFileSync(join(root, folder, 'cdk.tf.json'), JSON.stringify(ADDS_ADMIN));
  const result = check('check', root);
  expect(result.code).toBe(EXIT_OK);
  expect(result.err).toEqual([expect.stringMatching(new RegExp(`^cdktf-azure-postgres: warning: ${root}/${folder}/cdk\\.tf\\.json is inside the cdktf\\.out folder ${root} but not one of its stacks \\(${root}/stacks/<name>/cdk\\.tf\\.json\\), so it was judged alone: .* is not judged$`))]);
});

// Review of stop 70 (E2-E4): a stack file of an app's stacks/ that is a link to a file elsewhere (a cache's store) is that app's stack.
test('a link in an app\'s stacks/ to a file elsewhere is the app\'s stack', () => {
  const root = app({ A: SECURE, B: ADDS_ADMIN });
  const store = tree({ 'b.json': ADDS_ADMIN });
  rmSync(join(root, 'stacks', 'B', 'cdk.tf.json'));
  symlinkSync(join(store, 'b.json'), join(root, 'stacks', 'B', 'cdk.tf.json'));
  const result = check('check', join(root, 'stacks', 'B', 'cdk.tf.json'));
  expect(result.code).toBe(EXIT_OK);
  expect(result.err).toEqual([judgedAlone(root, 'stack A \\(stacks/A/cdk\\.tf\\.json\\)')]);
  expect(check('check', root).err).toEqual([]);
});
