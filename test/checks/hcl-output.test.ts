import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';
import { SecureFlexibleServer } from '../../lib';
import { EXIT_BAD_INPUT } from '../../lib/cli/check-command';
import { check } from '../cli/cli-harness';
import { minimalProps } from '../helpers';

// Adversarial run of stop 71, A71-3: with HCL output cdktf writes cdk.tf from toHclTerraform(), which the checks did not judge
// (a validation after theirs changed the server, and the change was written). A stack the checks judge is refused as HCL.

/** An app in a new folder whose stack `orders` holds a default server; the stack made with SYNTH_HCL_OUTPUT as given (cdktf reads it then). */
function build(hcl: string | undefined, skipValidation = false): { app: App; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'hcl-output-'));
  const app = new App({ outdir, skipValidation });
  const before = process.env.SYNTH_HCL_OUTPUT;
  if (hcl === undefined) delete process.env.SYNTH_HCL_OUTPUT;
  else process.env.SYNTH_HCL_OUTPUT = hcl;
  try {
    const stack = new TerraformStack(app, 'orders');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  } finally {
    if (before === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = before;
  }
  return { app, outdir };
}

test.each([['true', false], ['true', true]])('SYNTH_HCL_OUTPUT=%s fails synth, skipValidation %s, and writes no cdk.tf', (hcl, skip) => {
  const { app, outdir } = build(hcl, skip);
  expect(() => app.synth()).toThrow(/The stack is synthesized as HCL \(cdk\.tf\), a conversion the PostgreSQL security checks do not judge.*Fix: synthesize JSON/);
  expect(existsSync(join(outdir, 'stacks', 'orders', 'cdk.tf'))).toBe(false);
});

test.each([[undefined], ['false']])('JSON output (SYNTH_HCL_OUTPUT %s) synthesizes', (hcl) => {
  const { app, outdir } = build(hcl);
  app.synth();
  expect(existsSync(join(outdir, 'stacks', 'orders', 'cdk.tf.json'))).toBe(true);
});

// Adversarial run of stop 72, B72-2: a validation that runs after the checks' switches the stack to HCL output and weakens the
// server; cdktf's writer converts with toHclTerraform(), which the checks never judged.
test('HCL output switched on after the checks judged the stack fails synth and writes no cdk.tf', () => {
  const { app, outdir } = build(undefined);
  const stack = app.node.findChild('orders') as TerraformStack;
  const server = stack.node.findChild('Postgres') as SecureFlexibleServer;
  server.node.addValidation({
    validate: () => {
      (stack as unknown as { synthesizer: { hclOutput: boolean } }).synthesizer.hclOutput = true;
      (app as unknown as { manifest: { stackFileName: string } }).manifest.stackFileName = 'cdk.tf';
      server.server.publicNetworkAccessEnabled = true;
      return [];
    },
  });
  expect(() => app.synth()).toThrow(/The stack is synthesized as HCL \(cdk\.tf\), a conversion the PostgreSQL security checks do not judge/);
  expect(existsSync(join(outdir, 'stacks', 'orders', 'cdk.tf'))).toBe(false);
});

test('after synth returns, the stack converts to HCL again (the refusal lasts for the synth only)', async () => {
  const { app } = build(undefined);
  app.synth();
  await Promise.resolve();
  const stack = app.node.findChild('orders') as TerraformStack;
  expect(Object.getOwnPropertyDescriptor(stack, 'toHclTerraform')).toBeUndefined();
  expect(() => stack.toHclTerraform()).not.toThrow();
});

// Adversarial run of stop 72, C72-7: the refusal above made a caller's own HCL conversion throw in the tick of a synth
// (Testing.synthHcl after app.synth(), or with validations run), which writes nothing.
test('Testing.synthHcl of a judged stack, after a synth in the same tick or with validations, still gives the HCL', () => {
  const { app } = build(undefined);
  app.synth();
  const stack = app.node.findChild('orders') as TerraformStack;
  expect(Testing.synthHcl(stack)).toMatch(/azurerm_postgresql_flexible_server/);
  const other = build(undefined).app.node.findChild('orders') as TerraformStack;
  expect(Testing.synthHcl(other, true)).toMatch(/azurerm_postgresql_flexible_server/);
});

// Adversarial run of stop 72, C72-9: when the refusal above fires in cdktf's writer, the report written a moment before said
// the synth passed, and the cdk.tf.json of an earlier synth was left beside it: `check` passed on that old file.
test('HCL output switched on after the report was written marks the report failed and leaves no earlier cdk.tf.json: check exits 2', () => {
  const { app, outdir } = build(undefined);
  app.synth();
  const again = new App({ outdir });
  const stack = new TerraformStack(again, 'orders');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  addCustomSynthesis(new Construct(stack, 'Late'), {
    onSynthesize: () => {
      (stack as unknown as { synthesizer: { hclOutput: boolean } }).synthesizer.hclOutput = true;
      server.server.publicNetworkAccessEnabled = true;
    },
  });
  expect(() => again.synth()).toThrow(/The stack is synthesized as HCL \(cdk\.tf\)/);
  const folder = join(outdir, 'stacks', 'orders');
  expect(readdirSync(folder).sort()).toEqual(['postgres-security-report.json', 'postgres-security-report.md']);
  expect(JSON.parse(readFileSync(join(folder, 'postgres-security-report.json'), 'utf8')).synthFailed).toBe(true);
  const result = check('check', outdir);
  expect(result.code).toBe(EXIT_BAD_INPUT);
  expect(result.err).toEqual([expect.stringMatching(/stacks\/orders: cdktf synth failed for this stack .* so there is no cdk\.tf\.json/)]);
});
