import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { minimalProps, vnetSubnet } from '../helpers';
import { check } from './cli-harness';

// A failed synth of one stack of a multi-stack app: cdktf writes the stacks before it, the library
// writes the failed stack's report marked synthFailed, and nothing else. `check` of that output
// must not pass the app on the stacks that were written, nor on a cdk.tf.json an earlier synth
// left in the failed stack's folder.

/** Synthesizes an app of two stacks into outdir: a is clean, b is made public by override when weakened. */
function synthInto(outdir: string, weakenB: boolean): 'ok' | 'failed' {
  const app = new App({ outdir });
  const a = new TerraformStack(app, 'a');
  new AzurermProvider(a, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(a, 'Postgres', minimalProps());
  const b = new TerraformStack(app, 'b');
  new AzurermProvider(b, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(b, 'Postgres', minimalProps({ name: 'b-db', network: vnetSubnet(2) }));
  if (weakenB) postgres.server.addOverride('public_network_access_enabled', true);
  try {
    app.synth();
    return 'ok';
  } catch {
    return 'failed';
  }
}

const failedLine = (folder: string, left: string) =>
  `cdktf-azure-postgres: ${folder}: cdktf synth failed for this stack (its postgres-security-report.json says synthFailed), so ${left} and the stack cannot be judged; fix the error findings that report lists, then synth again`;

describe('check of an output whose synth failed for one stack', () => {
  test('a fresh outdir: stack b holds only its failed report; check exits 2 naming it, and judges nothing', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'pg-failed-'));
    expect(synthInto(outdir, true)).toBe('failed');
    expect(readdirSync(join(outdir, 'stacks', 'b')).sort()).toEqual(['postgres-security-report.json', 'postgres-security-report.md']);
    expect(existsSync(join(outdir, 'stacks', 'a', 'cdk.tf.json'))).toBe(true);
    const report = join(outdir, 'reports');
    expect(check('check', outdir, '--report', report)).toEqual({ code: 2, out: [], err: [failedLine(join(outdir, 'stacks', 'b'), 'there is no cdk.tf.json')] });
    expect(existsSync(report)).toBe(false);
  });

  test('a reused outdir: the cdk.tf.json of an earlier clean synth beside the failed report is not judged', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'pg-failed-'));
    expect(synthInto(outdir, false)).toBe('ok');
    expect(check('check', outdir).code).toBe(0);
    const earlier = readFileSync(join(outdir, 'stacks', 'b', 'cdk.tf.json'));
    expect(synthInto(outdir, true)).toBe('failed');
    // The failed synth removed it (adversarial run of stop 72, C72-10); a folder an older release left keeps it, and is refused too.
    expect(existsSync(join(outdir, 'stacks', 'b', 'cdk.tf.json'))).toBe(false);
    expect(check('check', outdir).err).toEqual([failedLine(join(outdir, 'stacks', 'b'), 'there is no cdk.tf.json')]);
    writeFileSync(join(outdir, 'stacks', 'b', 'cdk.tf.json'), earlier);
    const line = failedLine(join(outdir, 'stacks', 'b'), 'its cdk.tf.json is left from an earlier synth');
    expect(check('check', outdir)).toEqual({ code: 2, out: [], err: [line] });
    // Named by its stack folder, or by its cdk.tf.json, or from the project above cdktf.out: the same refusal.
    expect(check('check', join(outdir, 'stacks', 'b')).err).toEqual([line]);
    expect(check('check', join(outdir, 'stacks', 'b', 'cdk.tf.json')).err).toEqual([line]);
    expect(check('check', join(outdir, 'stacks')).err).toEqual([line]);
    // The stack that was written is still judged alone when named alone.
    expect(check('check', join(outdir, 'stacks', 'a')).code).toBe(0);
  });

  test('after the failure is fixed, the next synth rewrites the report and check passes again', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'pg-failed-'));
    expect(synthInto(outdir, true)).toBe('failed');
    expect(synthInto(outdir, false)).toBe('ok');
    expect(JSON.parse(readFileSync(join(outdir, 'stacks', 'b', 'postgres-security-report.json'), 'utf8')).synthFailed).toBe(false);
    const result = check('check', outdir);
    expect(result.code).toBe(0);
    expect(result.out.filter((line) => !line.startsWith(' '))).toEqual([
      expect.stringMatching(/^a: 1 server\(s\), 0 error\(s\)/),
      expect.stringMatching(/^b: 1 server\(s\), 0 error\(s\)/),
    ]);
  });

  test('a report without cdk.tf.json in a stack folder is refused; reports written by check --report elsewhere are not stack folders', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'pg-failed-'));
    expect(synthInto(outdir, false)).toBe('ok');
    // check --report writes <dir>/<stack>/postgres-security-report.json without cdk.tf.json: judging a project with it stays clean.
    expect(check('check', outdir, '--report', join(outdir, 'reports')).code).toBe(0);
    expect(check('check', outdir).code).toBe(0);
    rmSync(join(outdir, 'stacks', 'b', 'cdk.tf.json'));
    expect(check('check', outdir)).toEqual({
      code: 2,
      out: [],
      err: [`cdktf-azure-postgres: ${join(outdir, 'stacks', 'b')}: holds postgres-security-report.json but no cdk.tf.json, so synth did not finish for this stack or the file was removed; synth again`],
    });
  });
});

// Adversarial run of stop 79, B79-1: an artifact of cdktf.out/stacks whose upload dropped the folders above the stacks' (art/a, art/b)
// held the failed stack's report outside any stacks/ folder, and check judged the others (and a stale file) and passed.
test('a failed stack\'s folder copied out of stacks/ is refused, its stale cdk.tf.json too', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'pg-failed-'));
  expect(synthInto(outdir, true)).toBe('failed');
  const art = mkdtempSync(join(tmpdir(), 'pg-artifact-'));
  cpSync(join(outdir, 'stacks'), art, { recursive: true });
  expect(check('check', art)).toEqual({ code: 2, out: [], err: [failedLine(join(art, 'b'), 'there is no cdk.tf.json')] });
  expect(check('check', join(art, 'b')).err).toEqual([failedLine(join(art, 'b'), 'there is no cdk.tf.json')]);
  cpSync(join(art, 'a', 'cdk.tf.json'), join(art, 'b', 'cdk.tf.json'));
  expect(check('check', art)).toEqual({ code: 2, out: [], err: [failedLine(join(art, 'b'), 'its cdk.tf.json is left from an earlier synth')] });
  expect(check('check', join(art, 'b', 'cdk.tf.json')).err).toEqual([failedLine(join(art, 'b'), 'its cdk.tf.json is left from an earlier synth')]);
  expect(check('check', join(art, 'a')).code).toBe(0);
});

// Y78-20 (adversarial run of stop 78): the parser's message quoted the first characters of the file, whatever a link led to.
test('a report or manifest that is not JSON is named without quoting what it holds', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'pg-failed-'));
  const secret = join(outdir, 'secret.env');
  writeFileSync(secret, 'ARM_CLIENT_SECRET=abc123');
  mkdirSync(join(outdir, 'app', 'stacks', 'b'), { recursive: true });
  symlinkSync(secret, join(outdir, 'app', 'stacks', 'b', 'postgres-security-report.json'));
  const report = check('check', join(outdir, 'app'));
  expect(report.err).toEqual([`cdktf-azure-postgres: ${join(outdir, 'app', 'stacks', 'b')}: postgres-security-report.json cannot be read (not valid JSON), so whether cdktf synth failed for this stack is unknown; synth again`]);
  rmSync(join(outdir, 'app', 'stacks', 'b', 'postgres-security-report.json'));
  writeFileSync(join(outdir, 'app', 'stacks', 'b', 'cdk.tf.json'), '{"resource": {}}');
  symlinkSync(secret, join(outdir, 'app', 'manifest.json'));
  const manifest = check('check', join(outdir, 'app'));
  expect(manifest.code).toBe(2);
  expect(manifest.err.join('\n')).not.toContain('ARM_CLIENT');
});
