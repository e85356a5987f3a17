import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformHclModule, TerraformStack } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { check } from '../cli/cli-harness';
import { minimalProps, newStack, synthErrors } from '../helpers';

// A module is a whole Terraform configuration the stack's JSON does not show: inside it a data
// source can find the construct's server by name and a parameter resource switch TLS off, with no
// argument that names the server (fourth review, A4-1). It is judged like a command: PG-CFG-4.

const MAY_REACH = 'is in the server\'s stack but does not name the server; what it runs or deploys is not in the Terraform JSON and may still reach it (found by a search, or by a name put together), so it cannot be judged.';
const FIX_4 = 'Fix: Make the change with the azurerm PostgreSQL resources the rules read, or move the command out of the server\'s stack (in another stack, it names neither the server nor its resource group), or review it by hand and suppress PG-CFG-4 on it (or on the server) with the reason.';

function withModule(configure: (module: TerraformHclModule) => void = () => undefined): TerraformStack {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  configure(new TerraformHclModule(stack, 'Tuning', { source: 'app.terraform.io/acme/pg-tuning/azurerm', version: '1.0.0', variables: { resource_group_name: 'rg-orders' } }));
  return stack;
}

test('a module beside a construct\'s server that names no server fails synth', () => {
  expect(synthErrors(withModule())).toEqual([`  [test] module.Tuning PG-CFG-4 a module ${MAY_REACH} ${FIX_4}`]);
});

test('a module reviewed by hand passes with a suppression on it that gives the reason', () => {
  const stack = withModule((module) => PostgresSecurityChecks.suppress(module, 'PG-CFG-4', 'pg-tuning 1.0.0 reviewed in SEC-77: it only reads metrics'));
  expect(synthErrors(stack)).toEqual([]);
});

test('check fails such a module in the written JSON, and passes the stack without it', () => {
  const json = JSON.parse(JSON.stringify(withModule().toTerraform()));
  const file = join(mkdtempSync(join(tmpdir(), 'module-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(json));
  const result = check('check', file);
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.out.filter((line) => line.includes('PG-CFG-4'))).toEqual([`  ERROR      PG-CFG-4   module.Tuning: a module ${MAY_REACH} ${FIX_4}`]);
  delete json.module;
  writeFileSync(file, JSON.stringify(json));
  expect(check('check', file).code).toBe(EXIT_OK);
});

describe('a module suppression covers the module it reviewed (A5-7)', () => {
  const REASON = 'Reviewed pg-tuning module v1.0.0 by platform team (SEC-12)';
  const covers = (source: string, version?: string) => `The justification "${REASON}" covers only module source ${JSON.stringify(source)} version ${JSON.stringify(version ?? null)}.`;
  const UNPINNED = (why: string, source: string, version?: string) => `a module ${MAY_REACH.slice(0, -1)}; its content is not pinned (${why}), so a suppression on the module does not cover it. ${covers(source, version)} ${FIX_4}`;

  test.each<[string, string, unknown]>([
    ['source', 'source', 'app.terraform.io/acme/pg-tuning-v2/azurerm'],
    ['version', 'version', '1.0.1'],
  ])('an override of the reviewed module\'s %s after the suppression fails synth and check', (_, attribute, value) => {
    const stack = withModule((module) => {
      PostgresSecurityChecks.suppress(module, 'PG-CFG-4', REASON);
      module.addOverride(attribute, value);
    });
    expect(synthErrors(stack)).toEqual([`  [test] module.Tuning PG-CFG-4 a module ${MAY_REACH} ${covers('app.terraform.io/acme/pg-tuning/azurerm', '1.0.0')} ${FIX_4}`]);
    const file = join(mkdtempSync(join(tmpdir(), 'module-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(stack.toTerraform()));
    expect(check('check', file).code).toBe(EXIT_FINDINGS);
  });

  test.each<[string, { source: string; version?: string }, string]>([
    ['a git branch', { source: 'git::https://github.com/acme/pg-tuning.git?ref=main' }, 'a git source without ref=<commit SHA> follows a branch or a tag, which can move'],
    ['a registry module without a version', { source: 'app.terraform.io/acme/pg-tuning/azurerm' }, 'a registry module without a version runs the newest one'],
    ['a version range', { source: 'acme/pg-tuning/azurerm', version: '>= 1.0.0' }, 'the version ">= 1.0.0" is not one exact version'],
    ['an archive', { source: 'https://example.com/pg-tuning.zip' }, 'an archive, bucket or other remote source can change at the same address'],
  ])('a suppressed module at %s still fails synth', (_, module, why) => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    PostgresSecurityChecks.suppress(new TerraformHclModule(stack, 'Tuning', { ...module, variables: { resource_group_name: 'rg-orders' } }), 'PG-CFG-4', REASON);
    expect(synthErrors(stack)).toEqual([`  [test] module.Tuning PG-CFG-4 ${UNPINNED(why, module.source, module.version)}`]);
  });

  test('a suppressed module at a git commit or a local path passes', () => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const commit = new TerraformHclModule(stack, 'Tuning', { source: 'git::https://github.com/acme/pg-tuning.git?ref=4f9941b0c6a1e2d3f4a5b6c7d8e9f00112233445' });
    const local = new TerraformHclModule(stack, 'Local', { source: './modules/pg-tuning', skipAssetCreationFromLocalModules: true });
    [commit, local].forEach((module) => PostgresSecurityChecks.suppress(module, 'PG-CFG-4', REASON));
    expect(synthErrors(stack)).toEqual([]);
  });
});
