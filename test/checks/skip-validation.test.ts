import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps } from '../helpers';

// `new App({ skipValidation: true })` skips cdktf's validations, where the checks run in an
// ordinary synth. It must not switch off the library's checks of its own constructs, nor of the
// scopes given to PostgresSecurityChecks.applyTo.

const SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';
const ADVICE = '[orders] skipValidation: true does not switch off the PostgreSQL security checks of cdktf-azure-postgres. Fix: undo the weakening, '
  + 'choose it through the construct\'s props with a justification, or waive the rule with PostgresSecurityChecks.suppress(scope, ruleId, reason).';
const PUBLIC = `[orders] ${SERVER} PGF-NET-1 public_network_access_enabled is true, not false. Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.`;

function skippingApp(): { app: App; stack: TerraformStack; dir: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'skip-validation-'));
  const app = new App({ outdir, skipValidation: true });
  const stack = new TerraformStack(app, 'orders');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return { app, stack, dir: join(outdir, 'stacks', 'orders') };
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (error) {
    return (error as Error).message;
  }
  return '(synth passed)';
}

describe('skipValidation does not skip the security checks', () => {
  test('an override that opens a SecureFlexibleServer to the internet fails synth, with the same finding and how to waive it', () => {
    const { app, stack, dir } = skippingApp();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('public_network_access_enabled', true);
    expect(synthError(app)).toBe(`Validation failed with the following errors:\n  ${PUBLIC}\n  ${ADVICE}\n`);
    expect(existsSync(join(dir, 'cdk.tf.json'))).toBe(false);
    const report = JSON.parse(readFileSync(join(dir, 'postgres-security-report.json'), 'utf8'));
    expect(report.synthFailed).toBe(true);
  });

  test('weakened warning-level controls of a construct fail synth, even with the enforced list in the JSON emptied', () => {
    const { app, stack } = skippingApp();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('lifecycle.prevent_destroy', false);
    postgres.server.addOverride('high_availability', null);
    postgres.server.addOverride('authentication.password_auth_enabled', true);
    stack.addOverride('//.cdktf-azure-postgres-enforced', []);
    const lines = synthError(app).split('\n').filter((line) => line.startsWith('  ['));
    // The emptied list is itself a finding (twelfth review, A12a-17).
    expect(lines.map((line) => / (PG[FS]?-[A-Z]+-\d+) /.exec(line)?.[1] ?? 'advice')).toEqual(['PG-CFG-6', 'PGF-IAM-3', 'PGF-IAM-6', 'PGF-IAM-6', 'PGF-AVL-1', 'PGF-DEL-1', 'advice']);
    expect(lines[lines.length - 1]).toBe(`  ${ADVICE}`);
  });

  test('a scope given to applyTo is judged too', () => {
    const { app, stack } = skippingApp();
    new PostgresqlFlexibleServer(stack, 'Raw', { name: 'raw-db', resourceGroupName: 'rg', location: 'westeurope', skuName: 'B_Standard_B1ms', version: '16', publicNetworkAccessEnabled: true });
    PostgresSecurityChecks.applyTo(stack);
    expect(synthError(app)).toContain('  [orders] azurerm_postgresql_flexible_server.Raw PGF-NET-1 public_network_access_enabled is true, not false.');
  });

  test('a compliant stack synthesizes and is written, with its report', () => {
    const { app, stack, dir } = skippingApp();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    app.synth();
    expect(existsSync(join(dir, 'cdk.tf.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'postgres-security-report.json'), 'utf8')).summary.errors).toBe(0);
  });

  test('a second synth with skipValidation judges the stack again', () => {
    const { app, stack } = skippingApp();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('public_network_access_enabled', true);
    expect(synthError(app)).toContain(PUBLIC);
    expect(synthError(app)).toContain(PUBLIC);
  });

  test('in an ordinary synth, the advice follows the findings, before cdktf\'s own hint', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'skip-validation-'));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'orders');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('public_network_access_enabled', true);
    expect(synthError(app)).toBe(`Validation failed with the following errors:\n  ${PUBLIC}\n  ${ADVICE}\n\nIf you wish to ignore these validations, pass 'skipValidation: true' to your App configuration.\n`);
  });
});
