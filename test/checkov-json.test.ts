import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformStack } from 'cdktf';
import { checkovTerraformJsonProblems } from './support/checkov-terraform-json';

// Checkov's terraform_json runner is what many pipelines run on cdktf output. Its parser fails on
// some shapes of cdk.tf.json (terraform.required_version, import blocks: see
// support/checkov-terraform-json.ts). The default output of every example must have none of them;
// the Single Server adoption example writes import blocks, which Checkov cannot read either.

const EXAMPLES_DIR = join(__dirname, '..', 'examples');
const EXAMPLES = readdirSync(EXAMPLES_DIR).filter((name) => statSync(join(EXAMPLES_DIR, name)).isDirectory());
/** Examples whose output Checkov cannot parse for a reason the library does not control, and that reason. */
const EXPECTED_PROBLEMS: { [example: string]: string[] } = {
  'single-server-legacy': ['import is a list, not an object'],
};

/** The cdk.tf.json `cdktf synth` writes for an example, parsed. */
function cdkTfJson(name: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(EXAMPLES_DIR, name, 'main')) as { [exported: string]: unknown };
  const stackClass = Object.values(module).find((value) => typeof value === 'function') as new (scope: App, id: string) => TerraformStack;
  const outdir = mkdtempSync(join(tmpdir(), `checkov-${name}-`));
  try {
    const app = new App({ outdir });
    new stackClass(app, name);
    app.synth();
    return JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

test.each(EXAMPLES)('the default output of %s parses in Checkov\'s terraform_json parser', (name) => {
  const json = cdkTfJson(name);
  expect(checkovTerraformJsonProblems(json)).toEqual(EXPECTED_PROBLEMS[name] ?? []);
  expect((json as { terraform?: { required_version?: unknown } }).terraform?.required_version).toBeUndefined();
});

describe('the model of the parser finds what the parser fails on', () => {
  test.each([
    ['terraform.required_version', { terraform: { required_version: '>= 1.11.0' } }, ['terraform.required_version is string, not an object']],
    ['import blocks', { import: [{ to: 'a.b', id: 'x' }] }, ['import is a list, not an object']],
    ['a provider written as an object', { provider: { azurerm: { features: {} } } }, ['provider.azurerm is object, not a list of configurations']],
    ['a resource body that is not an object', { resource: { azurerm_subnet: { a: 'x' } } }, ['resource.azurerm_subnet.a is string, not an object']],
    ['a variable that is a string', { variable: { v: 'x' } }, ['variable.v is string, not an object']],
  ])('%s', (_, json, problems) => {
    expect(checkovTerraformJsonProblems(json)).toEqual(problems);
  });

  test('what cdktf writes otherwise parses: comments, backends, required providers, lists of blocks, locals', () => {
    expect(checkovTerraformJsonProblems({
      '//': { metadata: { version: '0.21.0' } },
      terraform: { required_providers: { azurerm: { source: 'azurerm', version: '4.55.0' } }, backend: { local: { path: 'x' } } },
      provider: { azurerm: [{ features: [{}] }] },
      locals: { a: 1 },
      variable: { v: { type: 'string' } },
      output: { o: { value: '${var.v}' } },
      resource: { azurerm_subnet: { a: { name: 'a', delegation: [{ name: 'd' }], lifecycle: { precondition: [{ condition: '${true}', error_message: 'x' }] } } } },
      data: { azurerm_client_config: { c: {} } },
    })).toEqual([]);
  });
});
