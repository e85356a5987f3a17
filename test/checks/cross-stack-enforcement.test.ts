import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { App, TerraformStack } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { cdktfOut, check, tree } from '../cli/cli-harness';
import { minimalProps, providerStack } from '../helpers';

// A weakening of a construct's server written in another stack of the app (a cross-stack reference,
// the server's literal ID) fails as it does in the construct's own stack: a server a stack does not
// define may be a construct's, and is judged as the construct enforces it (fourth review, A4-17).

const SERVER_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';

function twoStacks(serverId: (postgres: SecureFlexibleServer) => string, withConstruct = true): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cross-')) });
  const a = providerStack('a', app);
  const postgres = withConstruct ? new SecureFlexibleServer(a, 'Postgres', minimalProps()) : undefined;
  const b = providerStack('b', app);
  new PostgresqlFlexibleServerConfiguration(b, 'Weak', { serverId: postgres === undefined ? SERVER_ID : serverId(postgres), name: 'log_line_prefix', value: '%t ' });
  return app;
}

test.each<[string, (postgres: SecureFlexibleServer) => string]>([
  ['a cross-stack reference', (postgres) => postgres.serverId],
  ['the server\'s literal ID', () => SERVER_ID],
])('a warning-level weakening of a construct\'s server from another stack, by %s, fails synth', (_name, serverId) => {
  expect(() => twoStacks(serverId).synth()).toThrow(/\[b\] azurerm_postgresql_flexible_server_configuration\.Weak PGF-LOG-7 /);
});

test('without a library construct in the app, the same resource only warns', () => {
  expect(() => twoStacks(() => SERVER_ID, false).synth()).not.toThrow();
});

describe('check judges the stacks of one cdktf.out as one app', () => {
  const weak = {
    provider: { azurerm: [{ features: [{}] }] },
    resource: { azurerm_postgresql_flexible_server_configuration: { weak: { server_id: SERVER_ID, name: 'log_line_prefix', value: '%t ' } } },
  };
  function constructStack(): object {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cross-')) });
    new SecureFlexibleServer(providerStack('a', app), 'Postgres', minimalProps());
    return JSON.parse(JSON.stringify((app.node.findChild('a') as TerraformStack).toTerraform()));
  }

  test('beside a construct\'s stack, the weakening is an error', () => {
    const result = check('check', cdktfOut({ a: constructStack(), b: weak }));
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out.filter((line) => line.includes('PGF-LOG-7'))).toEqual([expect.stringMatching(/^ {2}ERROR +PGF-LOG-7 +azurerm_postgresql_flexible_server_configuration\.weak: /)]);
  });

  test('alone, or in another app\'s cdktf.out, it is a warning', () => {
    expect(check('check', cdktfOut({ b: weak })).code).toBe(EXIT_OK);
    const monorepo = tree({ 'orders/cdktf.out/stacks/a/cdk.tf.json': constructStack(), 'billing/cdktf.out/stacks/b/cdk.tf.json': weak });
    const result = check('check', monorepo);
    expect(result.code).toBe(EXIT_OK);
    expect(result.out.filter((line) => line.includes('PGF-LOG-7'))).toEqual([expect.stringMatching(/^ {2}WARNING +PGF-LOG-7 +azurerm_postgresql_flexible_server_configuration\.weak: /)]);
  });
});
