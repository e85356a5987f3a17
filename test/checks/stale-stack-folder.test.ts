import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Annotations, App, Aspects, TerraformStack, Testing } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { EXIT_BAD_INPUT, EXIT_OK } from '../../lib/cli/check-command';
import { check } from '../cli/cli-harness';
import { minimalProps, providerStack } from '../helpers';

// Adversarial run of stop 72, C72-10, C72-16, C72-18: cdktf keeps a stack's folder from one synth to the next. Whatever stops a
// synth after the checks judged a stack, `check` must not pass on the cdk.tf.json an earlier synth left there.

type After = 'annotation' | 'validation' | undefined;

/** Synthesizes stack "data" (a server) and stack `name` (a role on it, Owner failing PG-IAM-2) into outdir; `after` fails synth once the checks passed. */
function synth(outdir: string, role: string, after?: After, name = 'ops'): void {
  const app = new App({ outdir });
  const postgres = new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps());
  const ops = providerStack(name, app);
  new RoleAssignment(ops, 'Role', { scope: postgres.serverId, roleDefinitionName: role, principalId: 'aaaaaaaa-0000-0000-0000-000000000001' });
  if (after === 'annotation') Annotations.of(ops).addError('another construct\'s error');
  if (after === 'validation') ops.node.addValidation({ validate: () => ['another construct\'s validation'] });
  app.synth();
}

const files = (outdir: string, stack: string) => readdirSync(join(outdir, 'stacks', stack)).sort();

// The annotation after a synth that failed the checks (whose report the passing checks remove); the validation after a good synth.
test.each<[After, boolean]>([['annotation', true], ['validation', false]])('a synth that fails on a %s after the checks passed leaves no earlier cdk.tf.json in the stack folder: check exits 2', (after, failedBefore) => {
  const outdir = mkdtempSync(join(tmpdir(), 'stale-'));
  synth(outdir, 'Reader');
  expect(files(outdir, 'ops')).toEqual(['cdk.tf.json']);
  if (failedBefore) expect(() => synth(outdir, 'Owner')).toThrow(/PG-IAM-2/);
  expect(() => synth(outdir, 'Reader', after)).toThrow(/another construct's/);
  expect(files(outdir, 'ops')).toEqual([]);
  const result = check('check', outdir);
  expect(result.code).toBe(EXIT_BAD_INPUT);
  expect(result.err).toEqual([expect.stringMatching(/lists stack ops \(stacks\/ops\/cdk\.tf\.json\), a file that is missing, so it cannot be judged; synthesize again/)]);
});

test('a stack that failed synth and is renamed leaves no report in the old folder when the app passes (app.synth keeps the folder): check passes', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'stale-'));
  expect(() => synth(outdir, 'Owner')).toThrow(/PG-IAM-2/);
  expect(files(outdir, 'ops')).toEqual(['postgres-security-report.json', 'postgres-security-report.md']);
  // An old folder that still holds a stack file keeps its report: its cdk.tf.json is not this synth's.
  mkdirSync(join(outdir, 'stacks', 'kept'));
  cpSync(join(outdir, 'stacks', 'ops', 'postgres-security-report.json'), join(outdir, 'stacks', 'kept', 'postgres-security-report.json'));
  cpSync(join(outdir, 'stacks', 'data', 'postgres-security-report.json'), join(outdir, 'stacks', 'kept', 'main.tf.json'));
  synth(outdir, 'Reader', undefined, 'ops2');
  expect(files(outdir, 'ops')).toEqual([]);
  expect(files(outdir, 'kept')).toEqual(['main.tf.json', 'postgres-security-report.json']);
  expect(existsSync(join(outdir, 'stacks', 'ops2', 'cdk.tf.json'))).toBe(true);
  const result = check('check', join(outdir, 'stacks', 'ops2'));
  expect(result.code).toBe(EXIT_OK);
  expect(check('check', outdir).code).toBe(EXIT_BAD_INPUT);
});

test('a directory named as the report in a stack folder fails synth with the library\'s error, not Node\'s', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'stale-'));
  synth(outdir, 'Reader');
  const report = join(outdir, 'stacks', 'ops', 'postgres-security-report.json');
  mkdirSync(report);
  expect(() => synth(outdir, 'Reader')).toThrow(`Invalid stack folder entry: ${JSON.stringify(report)} is a directory, where the PostgreSQL security checks write or remove a file of the stack (its report, or the cdk.tf.json of an earlier synth). Fix: remove the directory, then synth again.`);
});

// Adversarial run of stop 73, F73-1, F73-2: a synth stopped before it reached a stack's validation (a stack synthesized before it,
// an aspect) left that stack's earlier cdk.tf.json, and the earlier manifest, for `check` to pass on.
describe('app.synth() first removes the cdk.tf.json of every stack of the app', () => {
  /** A good synth of "data" and "ops", then one where `fail` stops the synth before either stack writes. */
  const failedAfterGood = (fail: (first: TerraformStack) => void) => {
    const outdir = mkdtempSync(join(tmpdir(), 'stale-'));
    synth(outdir, 'Reader');
    const app = new App({ outdir });
    // Made first, a stack is synthesized first.
    const first = providerStack('first', app);
    const postgres = new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps());
    const ops = providerStack('ops', app);
    new RoleAssignment(ops, 'Role', { scope: postgres.serverId, roleDefinitionName: 'Reader', principalId: 'aaaaaaaa-0000-0000-0000-000000000001' });
    fail(first);
    expect(() => app.synth()).toThrow(/stops the synth/);
    return outdir;
  };

  test.each<[string, (first: TerraformStack) => void]>([
    ['a new stack synthesized first, with an error annotation', (first) => Annotations.of(first).addError('this stack stops the synth')],
    ['an aspect of the stack synthesized first that throws', (first) => Aspects.of(first).add({ visit: () => { throw new Error('an aspect stops the synth'); } })],
  ])('%s: no earlier cdk.tf.json is left, and check exits 2', (_name, fail) => {
    const outdir = failedAfterGood(fail);
    expect(existsSync(join(outdir, 'stacks', 'data', 'cdk.tf.json'))).toBe(false);
    expect(existsSync(join(outdir, 'stacks', 'ops', 'cdk.tf.json'))).toBe(false);
    expect(check('check', outdir).code).toBe(EXIT_BAD_INPUT);
  });

  // G74-5: a folder that cannot be cleaned (a file where a new stack's folder goes, a directory named cdk.tf.json) stopped the removal
  // there, with Node's error for the file: the later stacks' earlier files stayed for `check` to pass on.
  test.each<[string, (folder: string) => void, RegExp]>([
    ['a file where its folder goes', (folder) => writeFileSync(folder, 'not a folder'), /Invalid stack folder: ".*first" is a file, where cdktf writes the folder of a stack of the app\. Fix: remove the file, then synth again\./],
    ['a directory named cdk.tf.json in its folder', (folder) => mkdirSync(join(folder, 'cdk.tf.json'), { recursive: true }), /Invalid stack folder entry: ".*cdk\.tf\.json" is a directory/],
  ])('a new stack synthesized first with %s: the library\'s error, and no other stack\'s earlier cdk.tf.json is left', (_name, block, error) => {
    const outdir = mkdtempSync(join(tmpdir(), 'stale-'));
    synth(outdir, 'Reader');
    block(join(outdir, 'stacks', 'first'));
    const app = new App({ outdir });
    providerStack('first', app);
    const postgres = new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps());
    new RoleAssignment(providerStack('ops', app), 'Role', { scope: postgres.serverId, roleDefinitionName: 'Reader', principalId: 'aaaaaaaa-0000-0000-0000-000000000001' });
    expect(() => app.synth()).toThrow(error);
    expect(existsSync(join(outdir, 'stacks', 'data', 'cdk.tf.json'))).toBe(false);
    expect(existsSync(join(outdir, 'stacks', 'ops', 'cdk.tf.json'))).toBe(false);
  });

  // F73-3: Testing's syntheses run the validations of a stack whose App has an outdir of its own; they must leave it as it is.
  test('Testing.synth and Testing.fullSynth of a stack of an app leave the app\'s outdir as it is; a subclass\'s synth is kept', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'stale-'));
    synth(outdir, 'Reader');
    const app = new App({ outdir });
    const data = providerStack('data', app);
    new SecureFlexibleServer(data, 'Postgres', minimalProps());
    Testing.synth(data, true);
    Testing.fullSynth(data);
    expect(files(outdir, 'data')).toContain('cdk.tf.json');
    expect(check('check', outdir).code).toBe(EXIT_OK);
    const synthesized: string[] = [];
    class OwnApp extends App {
      public synth(): void {
        synthesized.push('own');
        super.synth();
      }
    }
    const own = new OwnApp({ outdir });
    new SecureFlexibleServer(providerStack('data', own), 'Postgres', minimalProps());
    own.synth();
    expect(synthesized).toEqual(['own']);
    expect(files(outdir, 'data')).toContain('cdk.tf.json');
  });
});
