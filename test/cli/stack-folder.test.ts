import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { check, INSECURE, SECURE, tree } from './cli-harness';

// Adversarial run of stop 70, C15: `terraform -chdir=cdktf.out/stacks/<stack> apply` (and OpenTofu, which cdk-terrain
// writes cdk.tofu.json for) applies whatever configuration a stack folder holds, whatever its name. A folder of stacks/
// that holds no cdk.tf.json but another JSON configuration file is a stack, judged by it; one of HCL only, which check
// cannot read, is bad input. Outside a stacks folder only cdk.tf.json is a stack (a monorepo holds other Terraform).

const summaries = (out: string[]) => out.filter((line) => !line.startsWith(' '));
const INSECURE_SUMMARY = '1 server(s), 18 error(s), 9 warning(s), 0 suppressed, 15 passed';
const SECURE_SUMMARY = '1 server(s), 0 error(s), 2 warning(s), 0 suppressed, 41 passed';

/** A cdktf.out whose manifest lists stack pub only, with the given files beside it. */
function app(files: { [path: string]: object | string }): string {
  const manifest = { version: '0.21.0', stacks: { pub: { name: 'pub', constructPath: 'pub', synthesizedStackPath: 'stacks/pub/cdk.tf.json', workingDirectory: 'stacks/pub' } } };
  return tree({ 'manifest.json': manifest, 'stacks/pub/cdk.tf.json': SECURE, ...files });
}

test.each(['cdk.tofu.json', 'main.tf.json'])('a folder of stacks/ holding %s, which the manifest does not list, is judged by it, named by its folder', (name) => {
  const root = app({ [`stacks/extra/${name}`]: INSECURE });
  const result = check('check', root);
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(summaries(result.out)).toEqual([`extra: ${INSECURE_SUMMARY}`, `pub: ${SECURE_SUMMARY}`]);
  // Given the folder itself, or its stacks folder, the same.
  expect(summaries(check('check', join(root, 'stacks/extra')).out)).toEqual([`extra: ${INSECURE_SUMMARY}`]);
  expect(check('check', join(root, 'stacks')).code).toBe(EXIT_FINDINGS);
});

test('a stack folder given alone names the other folder as a stack of the app not given, by its file', () => {
  const root = app({ 'stacks/extra/cdk.tofu.json': INSECURE });
  const result = check('check', join(root, 'stacks/pub'));
  expect(result.code).toBe(EXIT_OK);
  expect(result.err).toEqual([expect.stringContaining(`${root}/stacks: holds stack extra (stacks/extra/cdk.tofu.json) that manifest.json does not list and check was not given`)]);
});

test.each(['main.tf', 'cdk.tf', 'app.tofu'])('a folder of stacks/ holding %s, HCL check cannot read, is bad input naming it', (name) => {
  const root = app({ [`stacks/extra/${name}`]: 'resource "azurerm_postgresql_flexible_server_firewall_rule" "all" {}\n' });
  expect(check('check', root)).toEqual({ code: EXIT_BAD_INPUT, out: [], err: [
    `cdktf-azure-postgres: ${root}/stacks/extra: holds ${name}, Terraform configuration in HCL, which check cannot read (it judges the JSON form, such as cdk.tf.json), so Terraform would apply a stack nobody judged; synthesize JSON for the gate (remove hclOutput from cdktf.json, or --hcl from cdktf synth), or remove the file; check takes every folder in a folder named stacks for a stack's folder, so for Terraform of your own kept in one (stacks/prod/main.tf) give check each cdktf.out folder instead`,
  ] });
});

test('two configuration files in a folder without cdk.tf.json: judged by the first JSON one, the other refused', () => {
  const root = app({ 'stacks/extra/b.tofu.json': SECURE, 'stacks/extra/a.tf.json': SECURE, 'stacks/extra/c.tf': 'x' });
  expect(check('check', root).err).toEqual([
    `cdktf-azure-postgres: ${root}/stacks/extra: holds b.tofu.json, c.tf beside a.tf.json, which Terraform or OpenTofu reads too (an override file can change any setting), so a.tf.json alone cannot be judged; remove it`,
  ]);
});

test('a file Terraform skips by its name, a folder named like configuration and other files make no stack', () => {
  const root = app({ 'stacks/extra/.hidden.tf.json': INSECURE, 'stacks/extra/old.tf.json~': INSECURE, 'stacks/extra/assets.tf/x': 'x', 'stacks/extra/notes.json': INSECURE });
  expect(check('check', root)).toMatchObject({ code: EXIT_OK, err: [] });
});

test('outside a folder of stacks/, another configuration file is no stack (a monorepo\'s own Terraform)', () => {
  const root = tree({ 'infra/main.tf.json': INSECURE, 'infra/net.tf': 'x', 'cdktf.out/stacks/pub/cdk.tf.json': SECURE });
  expect(summaries(check('check', root).out)).toEqual([`pub: ${SECURE_SUMMARY}`]);
});

test('a synthFailed report beside a stack folder\'s file of another name still refuses it', () => {
  const root = app({ 'stacks/extra/cdk.tofu.json': SECURE });
  writeFileSync(join(root, 'stacks/extra/postgres-security-report.json'), JSON.stringify({ synthFailed: true }));
  expect(check('check', root).err).toEqual([
    `cdktf-azure-postgres: ${root}/stacks/extra: cdktf synth failed for this stack (its postgres-security-report.json says synthFailed), so its cdk.tofu.json is left from an earlier synth and the stack cannot be judged; fix the error findings that report lists, then synth again`,
  ]);
});

// CLI-HIDDEN-STACKS named every file it found below a hidden folder a cdk.tf.json, though a folder of stacks/ there may be
// judged by another configuration file (C15).
test('a stack folder below a hidden folder judged by main.tf.json stops the check, the file named as a stack file, not a cdk.tf.json', () => {
  const root = tree({ 'pub/cdk.tf.json': SECURE, '.build/cdktf.out/stacks/data/main.tf.json': INSECURE });
  expect(check('check', root)).toEqual({ code: EXIT_BAD_INPUT, out: [], err: [
    `cdktf-azure-postgres: ${root}: holds 1 stack file (a cdk.tf.json, or in a folder of stacks/ the configuration Terraform applies there) below hidden folders `
    + '(.build/cdktf.out/stacks/data/main.tf.json), which check does not judge with the rest, so they would pass unjudged; give the folder that holds them to check on its own, '
    + 'or move them out of the hidden folder',
  ] });
});

// The name check judges a stack by is written once, in stack-folder.ts: a private copy elsewhere (manifest-stacks, failed-synth,
// the audit's stack-file) could drift from it unseen.
test('cdk.tf.json is spelled once in lib: STACK_FILE of stack-folder.ts, which the others import', () => {
  const root = join(__dirname, '..', '..', 'lib');
  const sources = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts')).map((file) => join(root, file));
  const spelled = sources.filter((file) => /(['"])cdk\.tf\.json\1/.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file));
  expect(spelled).toEqual([join('cli', 'stack-folder.ts')]);
});
