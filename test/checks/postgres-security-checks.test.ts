import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, warningsOf } from '../helpers';

/** A stack with the azurerm provider, so cdktf's own validations pass. */
/** Synth with validations on, as `cdktf synth` runs them. */
function synthWithChecks(stack: TerraformStack): string {
  return Testing.synth(stack, true);
}

function rawInsecureServer(stack: TerraformStack): PostgresqlFlexibleServer {
  const server = new PostgresqlFlexibleServer(stack, 'Raw', { name: 'raw-db', resourceGroupName: 'rg', location: 'westeurope', skuName: 'B_Standard_B1ms', version: '16' });
  new PostgresqlFlexibleServerFirewallRule(stack, 'AllowAll', { name: 'all', serverId: server.id, startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' });
  return server;
}

describe('a SecureFlexibleServer checks itself', () => {
  test('with its defaults, synth passes', () => {
    const stack = providerStack('checked');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    expect(() => synthWithChecks(stack)).not.toThrow();
  });

  test('an addOverride that turns public access on fails synth', () => {
    const stack = providerStack('checked');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('public_network_access_enabled', true);
    expect(() => synthWithChecks(stack)).toThrow(/azurerm_postgresql_flexible_server\.Postgres_Server_\w+ PGF-NET-1 public_network_access_enabled is true, not false\. Fix: /);
  });

  test('an override suppressed with a reason passes, and the report keeps it as suppressed', () => {
    const stack = providerStack('checked');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('public_network_access_enabled', true);
    PostgresSecurityChecks.suppress(postgres.server, 'PGF-NET-1', 'break-glass access for the 2026-12 incident');
    expect(() => synthWithChecks(stack)).not.toThrow();
  });

  test('a suppressed override is printed at synth with its reason, as a justified prop is (adversarial run of stop 68)', () => {
    const stack = providerStack('checked');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('public_network_access_enabled', true);
    PostgresSecurityChecks.suppress(postgres.server, 'PGF-NET-1', 'break-glass access for the 2026-12 incident');
    synthWithChecks(stack);
    expect(warningsOf(stack).filter((line) => line.includes('suppressed'))).toEqual([
      expect.stringMatching(/^azurerm_postgresql_flexible_server\.Postgres_Server_\w+ PGF-NET-1 is suppressed \(break-glass access for the 2026-12 incident\): public_network_access_enabled is true, not false\.$/),
    ]);
  });

  test('a suppression that waives nothing prints nothing, nor does a justified prop print its waiver twice', () => {
    const stack = providerStack('checked');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', { ...minimalProps(), deletionProtection: { preventDestroy: false, justification: 'sandbox torn down every night' } });
    PostgresSecurityChecks.suppress(postgres.server, 'PGF-NET-1', 'break-glass access for the 2026-12 incident');
    synthWithChecks(stack);
    expect(warningsOf(stack).filter((line) => line.includes('suppressed'))).toEqual([]);
  });

  test('raw resources beside the construct are not judged unless the stack asks for it', () => {
    const stack = providerStack('checked');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    rawInsecureServer(stack);
    expect(() => synthWithChecks(stack)).not.toThrow();
  });
});

describe('PostgresSecurityChecks on a stack', () => {
  test('fails synth on raw insecure resources, one line per finding', () => {
    const stack = providerStack('checked');
    rawInsecureServer(stack);
    PostgresSecurityChecks.applyTo(stack);
    expect(() => synthWithChecks(stack)).toThrow(/azurerm_postgresql_flexible_server\.Raw PGF-NET-1 public_network_access_enabled is not set/);
  });

  test('applied to an app, it checks the stacks the app has', () => {
    const app = Testing.app();
    const stack = providerStack('checked', app);
    rawInsecureServer(stack);
    PostgresSecurityChecks.applyTo(app);
    expect(() => synthWithChecks(stack)).toThrow(/PGF-NET-1/);
  });

  test('a suppression on the stack covers every resource in it', () => {
    const stack = providerStack('checked');
    const server = rawInsecureServer(stack);
    server.addOverride('public_network_access_enabled', false);
    PostgresSecurityChecks.applyTo(stack);
    PostgresSecurityChecks.suppress(stack, 'PGF-TLS-1', 'sandbox stack torn down every night');
    const message = (() => {
      try {
        synthWithChecks(stack);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).not.toMatch(/PGF-TLS-1/);
    expect(message).not.toMatch(/PGF-NET-1/);
  });
});

describe('suppressions', () => {
  test('need a reason of at least 10 characters', () => {
    const stack = providerStack('checked');
    expect(() => PostgresSecurityChecks.suppress(stack, 'PGF-NET-1', 'because')).toThrow(
      'Invalid reason: "because" has fewer than 10 letters or digits, so it does not explain the suppression of PGF-NET-1. Fix: say why in at least 10 letters or digits; the reason is printed in the security report.',
    );
  });

  test('need a rule id', () => {
    const stack = providerStack('checked');
    expect(() => PostgresSecurityChecks.suppress(stack, 'public access', 'a long enough reason')).toThrow(
      'Invalid ruleId: "public access" is not a rule of the pack. Fix: use an id listed in the security report or in docs/security-rules.md (https://github.com/cdktf-azure-postgres/cdktf-azure-postgres/blob/main/docs/security-rules.md), e.g. "PGF-NET-1".',
    );
  });

  test('refuse a String object by what it is, not as an id that is no rule (a JavaScript caller, twenty-fourth review, A24a-3)', () => {
    const stack = providerStack('checked');
    const boxed = new String('PGF-NET-1') as unknown as string;
    expect(() => PostgresSecurityChecks.suppress(stack, boxed, 'a long enough reason')).toThrow(/^Invalid ruleId: "PGF-NET-1" is a String object, not a string\. Fix: /);
  });

  test('travel in the synthesized JSON, so the check command honours them', () => {
    const stack = providerStack('checked');
    PostgresSecurityChecks.suppress(stack, 'PGF-NET-1', 'break-glass access for the 2026-12 incident');
    expect(stack.toTerraform()['//']['cdktf-azure-postgres-suppressions']).toEqual([
      { path: 'checked', ruleId: 'PGF-NET-1', reason: 'break-glass access for the 2026-12 incident' },
    ]);
  });
});

describe('reports', () => {
  function synthToDisk(build: (stack: TerraformStack) => void): string {
    const outdir = mkdtempSync(join(tmpdir(), 'pg-checks-'));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'orders');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    build(stack);
    app.synth();
    return join(outdir, 'stacks', 'orders');
  }

  test('a Markdown and a JSON report are written beside cdk.tf.json', () => {
    const dir = synthToDisk((stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps()));
    expect(existsSync(join(dir, 'cdk.tf.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'postgres-security-report.json'), 'utf8'));
    expect(report.summary).toMatchObject({ errors: 0, servers: 1 });
    expect(report.findings.length).toBeGreaterThan(0);
    const markdown = readFileSync(join(dir, 'postgres-security-report.md'), 'utf8');
    expect(markdown).toContain('# PostgreSQL security report: orders');
    expect(markdown).toMatch(/\| PGF-NET-1 Public network access is disabled \| error \| pass \|/);
  });

  test('justified weaker choices appear as suppressed, with the justification', () => {
    const reason = 'partner ETL runs outside Azure until Q3';
    const dir = synthToDisk((stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      network: (jest.requireActual('../../lib') as typeof import('../../lib')).FlexibleServerNetwork.publicAccess({
        allowedIpRanges: [{ name: 'etl', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.10' }],
        justification: reason,
      }),
    })));
    const report = JSON.parse(readFileSync(join(dir, 'postgres-security-report.json'), 'utf8'));
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'PGF-NET-1')).toMatchObject({ status: 'suppressed', reason });
  });
});

test('on a stack, warning findings are printed, not fatal', () => {
  const stack = providerStack('checked');
  const server = rawInsecureServer(stack);
  server.addOverride('public_network_access_enabled', false);
  PostgresSecurityChecks.suppress(stack, 'PGF-NET-4', 'sandbox stack torn down every night');
  for (const id of ['PGF-NET-2', 'PGF-TLS-1', 'PGF-TLS-2', 'PGF-IAM-1', 'PGF-IAM-2', 'PGF-LOG-1', 'PGF-LOG-2', 'PGF-LOG-3', 'PGF-LOG-4', 'PGF-LOG-5', 'PGF-LOG-6', 'PGF-LOG-8', 'PGF-LOG-10', 'PGF-BAK-1', 'PGF-NET-5', 'PGF-NET-8']) {
    PostgresSecurityChecks.suppress(stack, id, 'sandbox stack torn down every night');
  }
  PostgresSecurityChecks.applyTo(stack);
  expect(() => synthWithChecks(stack)).not.toThrow();
  expect(warningsOf(stack).some((w) => w.includes('PGF-DEL-1'))).toBe(true);
});

test('on a stack checked with failOnWarnings, a warning finding fails synth', () => {
  const stack = providerStack('checked');
  const server = rawInsecureServer(stack);
  server.addOverride('public_network_access_enabled', false);
  PostgresSecurityChecks.suppress(stack, 'PGF-NET-4', 'sandbox stack torn down every night');
  for (const id of ['PGF-NET-2', 'PGF-TLS-1', 'PGF-TLS-2', 'PGF-IAM-1', 'PGF-IAM-2', 'PGF-LOG-1', 'PGF-LOG-2', 'PGF-LOG-3', 'PGF-LOG-4', 'PGF-LOG-5', 'PGF-LOG-6', 'PGF-LOG-8', 'PGF-BAK-1', 'PGF-NET-5']) {
    PostgresSecurityChecks.suppress(stack, id, 'sandbox stack torn down every night');
  }
  PostgresSecurityChecks.applyTo(stack, { failOnWarnings: true });
  expect(() => synthWithChecks(stack)).toThrow(/azurerm_postgresql_flexible_server\.Raw PGF-DEL-1 lifecycle\.prevent_destroy is not set/);
});

test('on a SecureFlexibleServer, an override that weakens a warning-level control fails synth', () => {
  const stack = providerStack('checked');
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  postgres.server.addOverride('lifecycle.prevent_destroy', false);
  expect(() => synthWithChecks(stack)).toThrow(/PGF-DEL-1 lifecycle\.prevent_destroy is false, so a plan may delete or replace the server and its data\./);
});
