import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AnnotationMetadataEntryType, App, TerraformStack, Testing } from 'cdktf';
import { FlexibleServerAuthentication, PostgresSecurityChecks, RequiredTerraformVersion, SecureFlexibleServer } from '../lib';
import { minimalProps, minimalSingleProps, newStack } from './helpers';
import { SecureSingleServer } from '../lib';
import { checkovTerraformJsonProblems } from './support/checkov-terraform-json';

// Write-only attributes (every generated password) need Terraform 1.11. The default output does
// not say so in terraform.required_version, which Checkov's terraform_json parser cannot read;
// the requirement is stated in a synth-time note and in the security report, and
// RequiredTerraformVersion.addTo writes it into a stack on request.

const REASON = 'SEC-9: the reporting tool has no Entra support yet';
const withPassword = () => minimalProps({ authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON }) });

function infosOf(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === AnnotationMetadataEntryType.INFO).map((m) => String(m.data));
}

const NOTE = '[cdktf-azure-postgres:TerraformVersion] This stack writes generated passwords to write-only attributes (*_wo): plan and apply it with Terraform >= 1.11.0. ' +
  'RequiredTerraformVersion.addTo(stack) writes that constraint into the stack (not done by default: Checkov\'s terraform_json parser fails on terraform.required_version).';

describe('by default', () => {
  test('a stack with a generated password has no terraform.required_version', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', withPassword());
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource.azurerm_postgresql_flexible_server).toBeDefined();
    expect(json.terraform?.required_version).toBeUndefined();
    expect(checkovTerraformJsonProblems(json)).toEqual([]);
  });

  test('it notes the requirement once per stack, as an info annotation, not a warning', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Orders', withPassword());
    new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    expect(infosOf(stack)).toEqual([NOTE]);
    expect(stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data)).filter((w) => w.includes('TerraformVersion'))).toEqual([]);
  });

  test('an Entra-only server writes no write-only attribute and gets no note', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    expect(infosOf(stack)).toEqual([]);
  });
});

describe('RequiredTerraformVersion.addTo, the opt-in', () => {
  test('writes terraform.required_version = ">= 1.11.0"', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', withPassword());
    RequiredTerraformVersion.addTo(stack);
    expect(JSON.parse(Testing.synth(stack)).terraform.required_version).toBe('>= 1.11.0');
    expect(RequiredTerraformVersion.CONSTRAINT).toBe('>= 1.11.0');
  });

  test('takes any construct of the stack', () => {
    const stack = newStack();
    const server = new SecureFlexibleServer(stack, 'Postgres', withPassword());
    RequiredTerraformVersion.addTo(server);
    expect(JSON.parse(Testing.synth(stack)).terraform.required_version).toBe('>= 1.11.0');
  });

  test('the output then has what Checkov\'s terraform_json parser fails on: this is why it is opt-in', () => {
    const stack = newStack();
    RequiredTerraformVersion.addTo(stack);
    expect(checkovTerraformJsonProblems(JSON.parse(Testing.synth(stack)))).toEqual(['terraform.required_version is string, not an object']);
  });

  test('a JavaScript caller passing something else gets the library\'s error', () => {
    expect(() => RequiredTerraformVersion.addTo('orders' as never)).toThrow(
      'Invalid scope: "orders" is not a construct. Fix: pass the stack, or any construct in it (call addTo once per stack of an app).',
    );
  });
});

describe('the security report states the requirement', () => {
  function reportOf(configure: (stack: TerraformStack) => void): { json: any; markdown: string } {
    const outdir = mkdtempSync(join(tmpdir(), 'tf-version-'));
    try {
      const app = new App({ outdir, skipValidation: false });
      const stack = new TerraformStack(app, 'orders');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      configure(stack);
      PostgresSecurityChecks.applyTo(stack);
      app.synth();
      const dir = join(outdir, 'stacks', 'orders');
      return { json: JSON.parse(readFileSync(join(dir, 'postgres-security-report.json'), 'utf8')), markdown: readFileSync(join(dir, 'postgres-security-report.md'), 'utf8') };
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }

  test('with the write-only attributes that need it, and whether the stack declares it', () => {
    const { json, markdown } = reportOf((stack) => new SecureFlexibleServer(stack, 'Postgres', withPassword()));
    expect(json.terraform).toEqual({ requiredVersion: '>= 1.11.0', writeOnlyAttributes: [expect.stringMatching(/^azurerm_postgresql_flexible_server\.[\w-]+\.administrator_password_wo$/)] });
    expect(markdown).toContain('## Terraform version');
    expect(markdown).toContain('Plan and apply this stack with Terraform >= 1.11.0: it writes write-only attributes');
    expect(markdown).toContain('The stack declares no `required_version`: `RequiredTerraformVersion.addTo(stack)` writes one');
  });

  test('and the declared version once added', () => {
    const { json, markdown } = reportOf((stack) => {
      new SecureFlexibleServer(stack, 'Postgres', withPassword());
      RequiredTerraformVersion.addTo(stack);
    });
    expect(json.terraform.declaredVersion).toBe('>= 1.11.0');
    expect(markdown).toContain('The stack declares `required_version = ">= 1.11.0"`.');
  });

  test('not for a stack without write-only attributes', () => {
    const { json, markdown } = reportOf((stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps()));
    expect(json.terraform).toBeUndefined();
    expect(markdown).not.toContain('Terraform version');
  });
});
