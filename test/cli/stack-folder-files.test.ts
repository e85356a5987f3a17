import { mkdirSync, symlinkSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { cdktfOut, check, INSECURE, SECURE, tree } from './cli-harness';

// Terraform and OpenTofu read every configuration file of the folder they run in and merge the
// override files into the others (dirFiles/rootFiles in internal/configs/parser_config_dir.go of
// both): whatever the name of the stack file given to check, another configuration file beside it
// is part of the stack, so the file alone cannot be judged (thirty-seventh review, A37b-1). Both
// pass over directories only (`if info.IsDir() continue`, entries as Lstat sees them), then files
// by their name (IsIgnoredFile), and match the suffixes case-sensitively (A37b-2).

const refused = (folder: string, others: string, self: string) => ({
  code: EXIT_BAD_INPUT,
  out: [],
  err: [`cdktf-azure-postgres: ${folder}: holds ${others} beside ${self}, which Terraform or OpenTofu reads too (an override file can change any setting), so ${self} alone cannot be judged; remove it`],
});

/** An override that turns TLS off for every provider block of its kind: what the stack file alone does not show. */
const WEAKEN = JSON.stringify({ provider: { postgresql: [{ sslmode: 'disable', host: 'evil.example.com' }] } });

describe('a stack file of any name: the configuration files beside it are refused', () => {
  test.each([
    ['main.tf.json', 'main_override.tf.json', WEAKEN],
    ['CDK.tf.json', 'main_override.tf.json', WEAKEN],
    ['stack.tf.json', 'override.tf', 'provider "postgresql" {\n  sslmode = "disable"\n}\n'],
    ['cdk.tofu.json', 'override.tofu.json', WEAKEN],
    ['stack.json', 'main.tf', 'resource "x" "y" {}'],
    ['cdk.tf.json.bak', 'cdk.tf.json', JSON.stringify(INSECURE)],
    ['main.tf.json', 'other.tofu', 'x'],
  ])('%s + %s: exit 2 naming it', (self, other, text) => {
    const root = tree({ [self]: SECURE, [other]: text });
    expect(check('check', join(root, self))).toEqual(refused(root, other, self));
  });

  test('in a cdktf.out stack folder too: a stack file renamed main.tf.json beside an override', () => {
    const root = tree({ 'stacks/app/main.tf.json': SECURE, 'stacks/app/weaken_override.tf.json': WEAKEN });
    expect(check('check', join(root, 'stacks/app/main.tf.json'))).toEqual(refused(join(root, 'stacks/app'), 'weaken_override.tf.json', 'main.tf.json'));
  });

  test('a symlink to a file, beside the stack file, is read by Terraform: refused', () => {
    const root = tree({ 'main.tf.json': SECURE, 'elsewhere/w.tf.json': WEAKEN });
    symlinkSync(join(root, 'elsewhere/w.tf.json'), join(root, 'link_override.tf.json'));
    expect(check('check', join(root, 'main.tf.json'))).toEqual(refused(root, 'link_override.tf.json', 'main.tf.json'));
  });

  test('a symlink to a directory is not passed over as a directory (Lstat sees a link): refused', () => {
    const root = tree({ 'cdk.tf.json': SECURE, 'assets/x': 'x' });
    symlinkSync(join(root, 'assets'), join(root, 'assets.tf'));
    expect(check('check', join(root, 'cdk.tf.json'))).toEqual(refused(root, 'assets.tf', 'cdk.tf.json'));
  });

  test('a stack file given through a symlink: the folder of the file it names is read too', () => {
    const real = tree({ 'stacks/app/cdk.tf.json': SECURE, 'stacks/app/weaken_override.tf.json': WEAKEN });
    const other = tree({});
    symlinkSync(join(real, 'stacks/app/cdk.tf.json'), join(other, 'stack.tf.json'));
    expect(check('check', join(other, 'stack.tf.json'))).toEqual(refused(join(real, 'stacks/app'), 'weaken_override.tf.json', 'cdk.tf.json'));
  });
});

describe('only what Terraform reads counts', () => {
  test.each(['assets.tf', 'modules.tf.json', 'x.tofu', 'override.tf'])('a directory named %s beside cdk.tf.json is passed over', (folder) => {
    const root = cdktfOut({ app: SECURE });
    mkdirSync(join(root, 'stacks/app', folder));
    writeFileSync(join(root, 'stacks/app', folder, 'main.tf'), 'x');
    expect(check('check', root)).toMatchObject({ code: EXIT_OK, err: [] });
    expect(check('check', join(root, 'stacks/app/cdk.tf.json'))).toMatchObject({ code: EXIT_OK, err: [] });
  });

  test('a directory beside a stack file of another name is passed over too; the stack is judged', () => {
    const root = tree({ 'main.tf.json': INSECURE, 'assets.tf/inner.tf': 'x' });
    const result = check('check', join(root, 'main.tf.json'));
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out).toContainEqual(expect.stringMatching(/ERROR {6}PGF-NET-1/));
  });

  test('names of another case, and the files Terraform skips by name, are not configuration (controls)', () => {
    const root = tree({ 'main.tf.json': SECURE, 'x.TF': 'x', 'y.Tf.JSON': 'x', 'notes.txt': 'x', 'z.tftest.hcl': 'x', 'plan.tfplan': 'x', 'w_override.tf.json~': 'x', '#e.tf#': 'x' });
    expect(check('check', join(root, 'main.tf.json'))).toMatchObject({ code: EXIT_OK, err: [] });
  });

  test('what cdktf and terraform init leave beside a stack (.terraform/, .terraform.lock.hcl, the reports) is accepted', () => {
    const root = cdktfOut({ app: SECURE });
    const folder = join(root, 'stacks/app');
    mkdirSync(join(folder, '.terraform/providers'), { recursive: true });
    writeFileSync(join(folder, '.terraform/terraform.tfstate'), '{}');
    writeFileSync(join(folder, '.terraform.lock.hcl'), '# lock');
    writeFileSync(join(folder, 'postgres-security-report.md'), '# report');
    writeFileSync(join(folder, 'plan'), 'x');
    expect(check('check', root)).toMatchObject({ code: EXIT_OK, err: [] });
    expect(check('check', join(folder, 'cdk.tf.json'))).toMatchObject({ code: EXIT_OK, err: [] });
  });

  test('a stack file of another name alone in its folder is judged (control)', () => {
    for (const name of ['main.tf.json', 'stack.json', 'CDK.tf.json']) {
      const root = tree({ [name]: INSECURE });
      const result = check('check', join(root, name));
      expect(result.code).toBe(EXIT_FINDINGS);
      expect(result.out).toContainEqual(expect.stringMatching(/ERROR {6}PGF-NET-1/));
    }
  });

  test('a hidden configuration file beside a stack file of another name is named, not refused', () => {
    const root = tree({ 'main.tf.json': SECURE, '.weaken_override.tf.json': WEAKEN });
    const result = check('check', join(root, 'main.tf.json'));
    expect(result).toMatchObject({ code: EXIT_OK, err: [] });
    expect(result.out).toContainEqual(expect.stringContaining(`${join(root, '.weaken_override.tf.json')}: not read`));
  });
});

describe('a failed synth refuses a stack file of any name in its folder', () => {
  const failedReport = (root: string) => writeFileSync(join(root, 'stacks/app/postgres-security-report.json'), JSON.stringify({ synthFailed: true }));

  test.each(['main.tf.json', 'CDK.tf.json'])('stacks/app/%s beside a report marked synthFailed: exit 2', (name) => {
    const root = tree({ [`stacks/app/${name}`]: SECURE });
    failedReport(root);
    const file = join(root, 'stacks/app', name);
    expect(check('check', file)).toEqual({
      code: EXIT_BAD_INPUT,
      out: [],
      err: [`cdktf-azure-postgres: ${dirname(file)}: cdktf synth failed for this stack (its postgres-security-report.json says synthFailed), so its ${name} is left from an earlier synth and the stack cannot be judged; fix the error findings that report lists, then synth again`],
    });
  });

  test('a symlink to a failed stack\'s file, from another folder: exit 2', () => {
    const root = tree({ 'stacks/app/cdk.tf.json': SECURE });
    failedReport(root);
    const other = tree({});
    symlinkSync(join(root, 'stacks/app/cdk.tf.json'), join(other, 'main.tf.json'));
    expect(check('check', join(other, 'main.tf.json')).code).toBe(EXIT_BAD_INPUT);
  });

  test('a report not marked synthFailed beside a stack file of another name changes nothing (control)', () => {
    const root = tree({ 'stacks/app/main.tf.json': SECURE, 'stacks/app/postgres-security-report.json': { synthFailed: false } });
    expect(check('check', join(root, 'stacks/app/main.tf.json'))).toMatchObject({ code: EXIT_OK, err: [] });
  });
});
