import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
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
