import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { AnnotationMetadataEntryType, App, TerraformStack } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { RuleSeverity } from '../../lib/checks/rule';
import { ALL_RULES } from '../../lib/checks/rules';
import { minimalProps } from '../helpers';

// What synth writes is what the checks judged, whatever the validations that run after the
// checks do: one that converts the stack and then changes it has its change judged before the write.

const PUBLIC = '  [trust] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PGF-NET-1 public_network_access_enabled is true, not false. '
  + 'Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.';

function setUp(): { app: App; stack: TerraformStack; postgres: SecureFlexibleServer; written: () => any } {
  const outdir = mkdtempSync(join(tmpdir(), 'judged-write-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'trust');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const written = () => JSON.parse(readFileSync(join(outdir, 'stacks', 'trust', 'cdk.tf.json'), 'utf8'));
  return { app, stack, postgres, written };
}

/** The finding lines a synth fails with, or [] when it passes. */
function synthErrors(app: App): string[] {
  try {
    app.synth();
    return [];
  } catch (error) {
    return (error as Error).message.split('\n').filter((line) => line.startsWith('  [') && !line.includes('skipValidation: true does not switch off'));
  }
}

function serverOf(json: any): any {
  return Object.values<any>(json.resource.azurerm_postgresql_flexible_server)[0];
}

test('a later validation that converts the stack and then makes the server public fails synth', () => {
  const { app, stack, postgres } = setUp();
  stack.node.addValidation({ validate: () => { stack.toTerraform(); postgres.server.addOverride('public_network_access_enabled', true); return []; } });
  expect(synthErrors(app)).toEqual([PUBLIC]);
});

test('a later validation that only converts the stack changes nothing written', () => {
  const { app, stack, written } = setUp();
  let seen: any;
  stack.node.addValidation({ validate: () => { seen = stack.toTerraform(); return []; } });
  expect(synthErrors(app)).toEqual([]);
  expect(serverOf(written()).public_network_access_enabled).toBe(false);
  expect(written()).toEqual(JSON.parse(JSON.stringify(seen)));
});

test('a later validation that changes the stack without converting it: the judged JSON is written', () => {
  const { app, stack, postgres, written } = setUp();
  stack.node.addValidation({ validate: () => { postgres.server.addOverride('public_network_access_enabled', true); return []; } });
  expect(synthErrors(app)).toEqual([]);
  expect(serverOf(written()).public_network_access_enabled).toBe(false);
});

test('two synths with an override between them: the second judges the stack as it is then', () => {
  const { app, postgres, written } = setUp();
  expect(synthErrors(app)).toEqual([]);
  expect(serverOf(written()).public_network_access_enabled).toBe(false);
  postgres.server.addOverride('public_network_access_enabled', true);
  expect(synthErrors(app)).toEqual([PUBLIC]);
});

test('a synth that another validation failed leaves no judged JSON behind for the next one', () => {
  const { app, stack, postgres } = setUp();
  let failures = 1;
  stack.node.addValidation({ validate: () => (failures-- > 0 ? ['another policy failed'] : []) });
  expect(synthErrors(app)).toEqual(['  [trust] another policy failed']);
  postgres.server.addOverride('public_network_access_enabled', true);
  expect(synthErrors(app)).toEqual([PUBLIC]);
});

test('on the normal path the stack is converted once per synth: the write takes the judged JSON', () => {
  const { app, written } = setUp();
  const convert = jest.spyOn(TerraformStack.prototype, 'toTerraform');
  try {
    expect(synthErrors(app)).toEqual([]);
    expect(convert).toHaveBeenCalledTimes(1);
    expect(serverOf(written()).public_network_access_enabled).toBe(false);
  } finally {
    convert.mockRestore();
  }
});

test('a warning is printed once when the stack is judged again before the write', () => {
  const { app, stack } = setUp();
  // A raw server whose error findings are waived: only its warnings (no high availability, ...) are printed.
  const raw = new PostgresqlFlexibleServer(stack, 'Raw', { name: 'raw-db', resourceGroupName: 'rg-orders', location: 'westeurope' });
  PostgresSecurityChecks.applyTo(raw);
  ALL_RULES.filter((rule) => rule.severity === RuleSeverity.ERROR).forEach((rule) => PostgresSecurityChecks.suppress(raw, rule.id, 'waived to see the warnings alone'));
  stack.node.addValidation({ validate: () => { stack.toTerraform(); return []; } });
  expect(synthErrors(app)).toEqual([]);
  const warnings = stack.node.metadata.filter((entry) => entry.type === AnnotationMetadataEntryType.WARN).map((entry) => String(entry.data));
  expect(warnings).toContain('azurerm_postgresql_flexible_server.Raw PGF-AVL-1 the server has no high_availability block, so it has no standby. '
    + 'Fix: Add high_availability { mode = "ZoneRedundant" }; in a region without availability zones, suppress the rule with the reason.');
  expect(new Set(warnings).size).toBe(warnings.length);
});
