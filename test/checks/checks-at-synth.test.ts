import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { AnnotationMetadataEntryType, App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct, IConstruct } from 'constructs';
import { evaluateStack } from '../../lib/checks/evaluate';
import { PostgresSecurityChecks } from '../../lib/checks/postgres-security-checks';
import { RuleSeverity } from '../../lib/checks/rule';
import { ALL_RULES } from '../../lib/checks/rules';
import { checkLibraryConstruct, PLATFORM_KEYS_REASON, suppressRules } from '../../lib/checks/suppression-registry';
import { reasonProblem } from '../../lib/private/reason-text';
import { providerStack } from '../helpers';

// PostgresSecurityChecks at synth, on raw azurerm resources: what fails synth, what is printed,
// what the report holds. (postgres-security-checks.test.ts does the same through the constructs.)

const SERVER = 'azurerm_postgresql_flexible_server';
const NET_1 = 'PGF-NET-1 public_network_access_enabled is not set, and the provider default (true) opens the server. Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.';
const DEL_1 = 'PGF-DEL-1 lifecycle.prevent_destroy is not set, so a plan may delete or replace the server and its data. Fix: Add lifecycle { prevent_destroy = true } to the server, and let no block of any stack of the app delete its resource group with it (an azurerm provider with features.resource_group.prevent_deletion_if_contains_resources off, an azapi resource group, a Complete-mode deployment).';
const REASON = 'sandbox stack torn down every night';

/** A raw Flexible Server at a stable address, azurerm_postgresql_flexible_server.<logicalId>, that fails most rules. */
function rawServer(scope: Construct, id: string, logicalId: string): PostgresqlFlexibleServer {
  // A name of its own: two servers of one name and group are one Azure server, judged together.
  const server = new PostgresqlFlexibleServer(scope, id, { name: `db-${logicalId.replace(/_/g, '-')}`, resourceGroupName: 'rg', location: 'westeurope', skuName: 'GP_Standard_D2ds_v5', version: '17' });
  server.overrideLogicalId(logicalId);
  return server;
}

/** Suppresses every error-level rule on a scope, so only warnings are left. */
function suppressErrors(scope: IConstruct): void {
  ALL_RULES.filter((rule) => rule.severity === RuleSeverity.ERROR).forEach((rule) => PostgresSecurityChecks.suppress(scope, rule.id, REASON));
}

/** What synth with validations (as `cdktf synth` runs them) throws, or "" when it passes. */
function synthErrors(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

function warningsOf(stack: TerraformStack): string[] {
  return stack.node.metadata.filter((entry) => entry.type === AnnotationMetadataEntryType.WARN).map((entry) => String(entry.data));
}

describe('applyTo', () => {
  test('refuses a failOnWarnings that is not a boolean', () => {
    const stack = providerStack('checked');
    expect(() => PostgresSecurityChecks.applyTo(stack, { failOnWarnings: 'yes' as unknown as boolean })).toThrow(
      'Invalid options.failOnWarnings: "yes" is not a boolean. Fix: use true or false.',
    );
  });

  test('error findings fail synth, one line each: address, rule, what is wrong, the fix', () => {
    const stack = providerStack('checked');
    rawServer(stack, 'Raw', 'raw');
    PostgresSecurityChecks.applyTo(stack);
    const errors = synthErrors(stack);
    expect(errors).toContain(`\n  [checked] ${SERVER}.raw ${NET_1}`);
    expect(errors).not.toContain('PGF-DEL-1');
  });

  test('warning findings are printed, whether or not synth fails', () => {
    const stack = providerStack('checked');
    rawServer(stack, 'Raw', 'raw');
    PostgresSecurityChecks.applyTo(stack, { failOnWarnings: false });
    synthErrors(stack);
    expect(warningsOf(stack)).toContain(`${SERVER}.raw ${DEL_1}`);
    expect(warningsOf(stack).filter((warning) => warning.includes(' PGF-NET-1 '))).toEqual([]);
  });

  test('with failOnWarnings, warning findings fail synth too', () => {
    const stack = providerStack('checked');
    rawServer(stack, 'Raw', 'raw');
    suppressErrors(stack);
    PostgresSecurityChecks.applyTo(stack, { failOnWarnings: true });
    expect(synthErrors(stack)).toContain(`[checked] ${SERVER}.raw ${DEL_1}`);
  });

  // X78-66 (adversarial run of stop 78): a server written into the stack by stack.addOverride has no construct path; the stack's
  // scope is its scope, so failOnWarnings on the stack holds for it too, as it did for the same server written as a resource.
  test('with failOnWarnings on the stack, a server written by a stack-level override fails synth on its warnings too', () => {
    const scratch = providerStack('scratch');
    rawServer(scratch, 'Raw', 'raw');
    const body = (Testing.synth(scratch) as unknown as string);
    const server = JSON.parse(body).resource[SERVER].raw;
    delete server['//'];
    const stack = providerStack('checked');
    stack.addOverride(`resource.${SERVER}.raw`, server);
    // No suppression covers a block without a construct path: its error findings fail synth beside the warning made one.
    PostgresSecurityChecks.applyTo(stack, { failOnWarnings: true });
    expect(synthErrors(stack)).toContain(`[checked] ${SERVER}.raw ${DEL_1}`);
  });

  test('without failOnWarnings, a stack with warnings only synthesizes', () => {
    const stack = providerStack('checked');
    rawServer(stack, 'Raw', 'raw');
    suppressErrors(stack);
    PostgresSecurityChecks.applyTo(stack);
    expect(synthErrors(stack)).toBe('');
    expect(warningsOf(stack)).toContain(`${SERVER}.raw ${DEL_1}`);
  });

  describe('a resource that configures a server defined elsewhere, by its ID', () => {
    const SERVER_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';
    function prefixIn(scope: Construct): void {
      new PostgresqlFlexibleServerConfiguration(scope, 'Prefix', { name: 'log_line_prefix', value: '%t-%c-', serverId: SERVER_ID });
    }

    test('fails synth on a warning under failOnWarnings, as the scope\'s servers do', () => {
      const stack = providerStack('tuning');
      prefixIn(stack);
      PostgresSecurityChecks.applyTo(stack, { failOnWarnings: true });
      expect(synthErrors(stack)).toMatch(/\[tuning\] azurerm_postgresql_flexible_server_configuration\.Prefix PGF-LOG-7 /);
      // check reads the enforced scope from the JSON: the same verdict.
      const finding = evaluateStack(stack.toTerraform(), ALL_RULES).findings.find((f) => f.ruleId === 'PGF-LOG-7');
      expect([finding?.status, finding?.severity, finding?.enforcedBy]).toEqual(['fail', RuleSeverity.ERROR, 'tuning']);
    });

    test('only prints the warning without failOnWarnings, or when the resource is outside the enforced scope', () => {
      const stack = providerStack('tuning');
      prefixIn(stack);
      PostgresSecurityChecks.applyTo(stack);
      PostgresSecurityChecks.applyTo(new Construct(stack, 'TeamA'), { failOnWarnings: true });
      expect(synthErrors(stack)).toBe('');
      expect(warningsOf(stack).filter((warning) => warning.includes(' PGF-LOG-7 '))).toHaveLength(1);
    });
  });

  test('applied twice to a stack, it judges it once and records the enforced scope once', () => {
    const stack = providerStack('checked');
    rawServer(stack, 'Raw', 'raw');
    PostgresSecurityChecks.applyTo(stack, { failOnWarnings: true });
    PostgresSecurityChecks.applyTo(stack, { failOnWarnings: true });
    expect(synthErrors(stack).split(' PGF-NET-1 ')).toHaveLength(2);
    expect(stack.toTerraform()['//']['cdktf-azure-postgres-enforced']).toEqual(['checked']);
  });

  test('applied to a construct, it judges the servers under it and no sibling whose name starts the same', () => {
    const stack = providerStack('checked');
    rawServer(new Construct(stack, 'TeamA'), 'Db', 'team_a');
    rawServer(new Construct(stack, 'TeamAB'), 'Db', 'team_ab');
    rawServer(stack, 'Raw', 'raw');
    PostgresSecurityChecks.applyTo(stack.node.findChild('TeamA'));
    const errors = synthErrors(stack);
    expect(errors).toContain(`${SERVER}.team_a ${NET_1}`);
    expect(errors).not.toContain(`${SERVER}.team_ab `);
    expect(errors).not.toContain(`${SERVER}.raw `);
  });

  test('applied to a stack, it judges every server in it, however deep', () => {
    const stack = providerStack('checked');
    rawServer(new Construct(new Construct(stack, 'Platform'), 'Orders'), 'Db', 'deep');
    PostgresSecurityChecks.applyTo(stack);
    expect(synthErrors(stack)).toContain(`${SERVER}.deep ${NET_1}`);
  });

  test('applied to an app, it judges every stack the app has', () => {
    const app = Testing.app();
    const first = providerStack('first', app);
    const second = providerStack('second', app);
    rawServer(first, 'Raw', 'one');
    rawServer(second, 'Raw', 'two');
    PostgresSecurityChecks.applyTo(app);
    expect(synthErrors(first)).toContain(`[first] ${SERVER}.one ${NET_1}`);
    expect(synthErrors(second)).toContain(`[second] ${SERVER}.two ${NET_1}`);
  });

  test('a stack whose JSON cannot be judged fails synth, saying why', () => {
    const stack = providerStack('checked');
    PostgresSecurityChecks.applyTo(stack);
    stack.addOverride('locals', [null]);
    expect(synthErrors(stack)).toContain("[checked] The stack's Terraform JSON cannot be judged: locals is null, where Terraform needs an object.");
  });

  test('after a passing check, the stack converts as it is now: the JSON judged is reused once only', () => {
    const stack = providerStack('checked');
    PostgresSecurityChecks.applyTo(stack);
    expect(synthErrors(stack)).toBe('');
    stack.addOverride('//.later', 'added after synth');
    expect(stack.toTerraform()['//'].later).toBe('added after synth');
  });
});

describe('suppress', () => {
  test('records each suppression in the JSON, with the path of the construct it covers', () => {
    const stack = providerStack('checked');
    const server = rawServer(stack, 'Raw', 'raw');
    PostgresSecurityChecks.suppress(stack, 'PGF-NET-1', REASON);
    suppressRules(server, ['PGF-TLS-1', 'PGF-TLS-2'], 'TLS is ended by the proxy in front');
    expect(stack.toTerraform()['//']['cdktf-azure-postgres-suppressions']).toEqual([
      { path: 'checked', ruleId: 'PGF-NET-1', reason: REASON },
      { path: 'checked/Raw', ruleId: 'PGF-TLS-1', reason: 'TLS is ended by the proxy in front' },
      { path: 'checked/Raw', ruleId: 'PGF-TLS-2', reason: 'TLS is ended by the proxy in front' },
    ]);
  });

  test('a suppressed error no longer fails synth', () => {
    const stack = providerStack('checked');
    const server = rawServer(stack, 'Raw', 'raw');
    PostgresSecurityChecks.applyTo(stack);
    PostgresSecurityChecks.suppress(server, 'PGF-NET-1', REASON);
    const errors = synthErrors(stack);
    expect(errors).toContain(`${SERVER}.raw PGF-TLS-1 `);
    expect(errors).not.toContain('PGF-NET-1');
  });

  test('a suppression list written by an override suppresses nothing, and fails synth', () => {
    const stack = providerStack('checked');
    rawServer(stack, 'Raw', 'raw');
    PostgresSecurityChecks.applyTo(stack);
    stack.addOverride('//.cdktf-azure-postgres-suppressions', [{ path: 'checked', ruleId: 'PGF-NET-1', reason: REASON }]);
    const errors = synthErrors(stack);
    expect(errors).toContain(
      `(stack) PG-SUP-1 a suppression ({"path":"checked","ruleId":"PGF-NET-1","reason":"${REASON}"}) was written into the JSON by an override, not added through PostgresSecurityChecks.suppress, so it suppresses nothing.`,
    );
    expect(errors).toContain(`${SERVER}.raw ${NET_1}`);
  });

  test.each<[string, unknown]>([
    ['null', null],
    ['a plain object', {}],
    ['an object whose node is not an object', { node: 'x' }],
  ])('refuses a scope that is %s', (_, scope) => {
    expect(() => PostgresSecurityChecks.suppress(scope as IConstruct, 'PGF-NET-1', REASON)).toThrow(
      `Invalid scope: ${JSON.stringify(scope)} is not a construct. Fix: pass the construct the suppression covers: a resource, a server construct or a stack.`,
    );
  });

  test.each<[string, unknown]>([
    ['a number', 5],
    ['a rule id in lower case', 'pgf-net-1'],
    ['a stack-wide check', 'PG-SUP-1'],
  ])('refuses a rule id that is %s', (_, ruleId) => {
    expect(() => PostgresSecurityChecks.suppress(providerStack('checked'), ruleId as string, REASON)).toThrow(
      `Invalid ruleId: ${JSON.stringify(ruleId)} is not a rule of the pack. Fix: use an id listed in the security report or in docs/security-rules.md (https://github.com/cdktf-azure-postgres/cdktf-azure-postgres/blob/main/docs/security-rules.md), e.g. "PGF-NET-1".`,
    );
  });

  test('refuses a reason that is a Terraform token, and says why', () => {
    const stack = providerStack('checked');
    const reason = new TerraformVariable(stack, 'reason', { type: 'string' }).stringValue;
    expect(() => PostgresSecurityChecks.suppress(stack, 'PGF-NET-1', reason)).toThrow(
      'Invalid reason: "${…}" is a Terraform token, known only at apply time, so a reviewer cannot read why PGF-NET-1 is suppressed. Fix: write the reason as literal text.',
    );
  });

  test('refuses a reason padded with blanks around too few visible characters', () => {
    expect(() => PostgresSecurityChecks.suppress(providerStack('checked'), 'PGF-NET-1', '   short    ')).toThrow(
      'Invalid reason: "   short    " has fewer than 10 letters or digits, so it does not explain the suppression of PGF-NET-1. Fix: say why in at least 10 letters or digits; the reason is printed in the security report.',
    );
  });

  test('the reason the constructs give for platform-managed keys is a valid reason', () => {
    expect(reasonProblem(PLATFORM_KEYS_REASON)).toBeUndefined();
  });
});

describe('the report written beside cdk.tf.json', () => {
  const outdirs: string[] = [];
  const latestOutdir = () => outdirs[outdirs.length - 1];
  function synthToDisk(skipValidation: boolean, build: (stack: TerraformStack) => void): { app: App; dir: string } {
    const outdir = mkdtempSync(join(tmpdir(), 'pg-checks-'));
    outdirs.push(outdir);
    const app = new App({ outdir, skipValidation });
    const stack = providerStack('orders', app);
    build(stack);
    PostgresSecurityChecks.applyTo(stack);
    app.synth();
    return { app, dir: join(outdir, 'stacks', 'orders') };
  }

  const report = (dir: string) => JSON.parse(readFileSync(join(dir, 'postgres-security-report.json'), 'utf8'));

  test('holds what synth judged: the stack, its servers and every finding', () => {
    const { dir } = synthToDisk(false, (stack) => {
      rawServer(stack, 'Raw', 'raw');
      suppressErrors(stack);
    });
    const written = report(dir);
    expect(written.stack).toBe('orders');
    expect(written.summary).toEqual({ errors: 0, warnings: 8, suppressed: 16, servers: 1, notJudged: 0 });
    expect(written.servers).toEqual([expect.objectContaining({ address: `${SERVER}.raw`, kind: 'flexible', constructPath: 'orders/Raw', definedInStack: true })]);
    expect(readFileSync(join(dir, 'postgres-security-report.md'), 'utf8')).toMatch(/^# PostgreSQL security report: orders\n\nWritten by cdktf-azure-postgres [^\n]+\n\n1 server\(s\); 0 error\(s\), 8 warning\(s\), 16 suppressed finding\(s\)\.\n/);
  });

  test('is written when synth skips validations, judged then: an error finding still fails synth', () => {
    expect(() => synthToDisk(true, (stack) => rawServer(stack, 'Raw', 'raw'))).toThrow(/skipValidation: true does not switch off the PostgreSQL security checks/);
    const dir = join(latestOutdir(), 'stacks', 'orders');
    expect(report(dir).summary).toMatchObject({ servers: 1, suppressed: 0 });
    expect(report(dir).summary.errors).toBeGreaterThan(0);
    expect(report(dir).synthFailed).toBe(true);
    expect(existsSync(join(dir, 'cdk.tf.json'))).toBe(false);
  });

  test('a second synth judges the stack as it is then', () => {
    const { app, dir } = synthToDisk(true, () => undefined);
    expect(report(dir).summary.servers).toBe(0);
    rawServer(app.node.findChild('orders'), 'Raw', 'raw');
    expect(() => app.synth()).toThrow(/PGF-NET-1/);
    expect(existsSync(join(dir, 'postgres-security-report.md'))).toBe(true);
    expect(report(dir).summary.servers).toBe(1);
  });

  // The checks hand the JSON they judged to the synthesizer: a later synth must not get it again.
  test('a second synth judges and writes an override made after the first', () => {
    let server: PostgresqlFlexibleServer | undefined;
    const { app, dir } = synthToDisk(false, (stack) => {
      suppressErrors(stack);
      server = rawServer(stack, 'Raw', 'raw');
    });
    const net1 = () => report(dir).findings.find((f: { ruleId: string }) => f.ruleId === 'PGF-NET-1').status;
    const written = () => JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')).resource[SERVER].raw.public_network_access_enabled;
    expect(net1()).toBe('suppressed');
    expect(written()).toBeUndefined();
    server!.addOverride('public_network_access_enabled', false);
    app.synth();
    expect(net1()).toBe('pass');
    expect(written()).toBe(false);
  });

  // Tenth review, A10a-1: cdktf runs the custom syntheses of constructs added after the checker
  // after its writer, before it writes cdk.tf.json.
  describe('a custom synthesis that runs after the checks', () => {
    const secureServer = (stack: TerraformStack) => {
      const server = rawServer(stack, 'Raw', 'raw');
      server.addOverride('public_network_access_enabled', false);
      suppressErrors(server);
      PostgresSecurityChecks.suppress(server, 'PGF-NET-1', REASON);
      return server;
    };
    const later = (stack: TerraformStack, onSynthesize: () => void) => addCustomSynthesis(new Construct(stack, 'Later'), { onSynthesize });
    const written = (dir: string) => JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')).resource[SERVER].raw;

    test.each([
      ['converts the stack and then changes it', (stack: TerraformStack, server: PostgresqlFlexibleServer) => {
        stack.toTerraform();
        server.addOverride('public_network_access_enabled', true);
      }],
      ['changes it without converting it', (_stack: TerraformStack, server: PostgresqlFlexibleServer) => server.addOverride('public_network_access_enabled', true)],
    ])('and %s: the change is judged before the write, and fails synth', (_, change) => {
      const { stack, server } = (() => {
        const outdir = mkdtempSync(join(tmpdir(), 'pg-checks-'));
        outdirs.push(outdir);
        const app = new App({ outdir });
        const each = providerStack('orders', app);
        return { stack: each, server: rawServer(each, 'Raw', 'raw') };
      })();
      for (const rule of ALL_RULES.filter((r) => r.id !== 'PGF-NET-1')) PostgresSecurityChecks.suppress(server, rule.id, REASON);
      server.addOverride('public_network_access_enabled', false);
      PostgresSecurityChecks.applyTo(stack);
      later(stack, () => change(stack, server));
      expect(() => App.of(stack).synth()).toThrow(/\[orders\] azurerm_postgresql_flexible_server\.raw PGF-NET-1 public_network_access_enabled is true/);
      expect(existsSync(join(latestOutdir(), 'stacks', 'orders', 'cdk.tf.json'))).toBe(false);
      expect(report(join(latestOutdir(), 'stacks', 'orders')).synthFailed).toBe(true);
    });

    // Adversarial run of stop 69, M4: cdktf has collected the warnings when the step runs, so one found there could not be printed.
    test.each([
      ['waives a failing rule with PostgresSecurityChecks.suppress', (server: PostgresqlFlexibleServer) => {
        server.addOverride('backup_retention_days', 7);
        PostgresSecurityChecks.suppress(server, 'PGF-BAK-2', 'waived in a custom synthesis step, where no one sees it');
      }, /\[orders\] azurerm_postgresql_flexible_server\.raw PGF-BAK-2 is suppressed \(waived in a custom synthesis step, where no one sees it\): .* \(found after synth printed its warnings: a custom synthesis step changed the stack\. Make the change, or call PostgresSecurityChecks\.suppress, before app\.synth\(\) so that it is printed\)/],
      ['makes an earlier suppression waive a failure', (server: PostgresqlFlexibleServer) => server.addOverride('public_network_access_enabled', true),
        /\[orders\] azurerm_postgresql_flexible_server\.raw PGF-NET-1 is suppressed \(sandbox stack torn down every night\): public_network_access_enabled is true, not false\. \(found after synth printed its warnings/],
      ['weakens a warning-level control', (server: PostgresqlFlexibleServer) => server.addOverride('backup_retention_days', 7),
        /\[orders\] azurerm_postgresql_flexible_server\.raw PGF-BAK-2 .* \(found after synth printed its warnings: a custom synthesis step/],
    ])('that %s fails synth: what it added would go unprinted', (_, change, message) => {
      const outdir = mkdtempSync(join(tmpdir(), 'pg-checks-'));
      outdirs.push(outdir);
      const stack = providerStack('orders', new App({ outdir }));
      const server = secureServer(stack);
      server.addOverride('backup_retention_days', 35);
      PostgresSecurityChecks.applyTo(stack);
      later(stack, () => change(server));
      expect(() => App.of(stack).synth()).toThrow(message);
      expect(existsSync(join(outdir, 'stacks', 'orders', 'cdk.tf.json'))).toBe(false);
    });

    test('that converts the stack and changes nothing, or changes what no rule fails: synth writes the stack as it is', () => {
      const { dir } = synthToDisk(false, (stack) => {
        const server = secureServer(stack);
        later(stack, () => {
          stack.toTerraform();
          server.addOverride('tags', { team: 'orders' });
        });
      });
      expect(written(dir).tags).toEqual({ team: 'orders' });
      expect(report(dir).summary.errors).toBe(0);
    });
  });
});

describe('more scopes', () => {
  test('applied to the server itself, it judges that server', () => {
    const stack = providerStack('checked');
    const server = rawServer(stack, 'Raw', 'raw');
    rawServer(stack, 'Other', 'other');
    PostgresSecurityChecks.applyTo(server);
    const errors = synthErrors(stack);
    expect(errors).toContain(`${SERVER}.raw ${NET_1}`);
    expect(errors).not.toContain(`${SERVER}.other `);
  });

  test('applied to two constructs, it judges the servers under either', () => {
    const stack = providerStack('checked');
    rawServer(new Construct(stack, 'TeamA'), 'Db', 'team_a');
    rawServer(new Construct(stack, 'TeamB'), 'Db', 'team_b');
    PostgresSecurityChecks.applyTo(stack.node.findChild('TeamA'));
    PostgresSecurityChecks.applyTo(stack.node.findChild('TeamB'));
    const errors = synthErrors(stack);
    expect(errors).toContain(`${SERVER}.team_a ${NET_1}`);
    expect(errors).toContain(`${SERVER}.team_b ${NET_1}`);
  });

  test('applied to a construct, it passes over servers known only by a child\'s pointer', () => {
    const stack = providerStack('checked');
    const team = new Construct(stack, 'Team');
    new PostgresqlFlexibleServerFirewallRule(team, 'Rule', { name: 'r', serverId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/ext', startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.2' });
    PostgresSecurityChecks.applyTo(team);
    expect(synthErrors(stack)).toBe('');
  });

  test('after a failing check, the stack converts as it is now', () => {
    const stack = providerStack('checked');
    rawServer(stack, 'Raw', 'raw');
    PostgresSecurityChecks.applyTo(stack);
    expect(synthErrors(stack)).not.toBe('');
    stack.addOverride('//.later', 'added after synth');
    expect(stack.toTerraform()['//'].later).toBe('added after synth');
  });

  test('a library construct is enforced, and its resources recorded, once', () => {
    const stack = providerStack('checked');
    const construct = new Construct(stack, 'Postgres');
    checkLibraryConstruct(construct);
    checkLibraryConstruct(construct);
    const comments = stack.toTerraform()['//'];
    expect([comments['cdktf-azure-postgres-enforced'], comments['cdktf-azure-postgres-constructs']]).toEqual([['checked/Postgres'], ['checked/Postgres']]);
  });
});

test('applied to a stack, it judges servers known only by a child\'s pointer too', () => {
  const stack = providerStack('checked');
  new PostgresqlFlexibleServerFirewallRule(stack, 'Rule', { name: 'r', serverId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/ext', startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' });
  PostgresSecurityChecks.applyTo(stack);
  expect(synthErrors(stack)).toContain('PGF-NET-4 the firewall rule allows 0.0.0.0-255.255.255.255, which opens the server to the internet.');
});
