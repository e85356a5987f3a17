import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TerraformStack } from 'cdktf';
import { EXIT_FINDINGS, EXIT_OK } from '../../../lib/cli/check-command';
import { SecureFlexibleServer } from '../../../lib';
import { check } from '../../cli/cli-harness';
import { minimalProps, newStack } from '../../helpers';
import { ruleFindings as findings } from '../../support/pin-findings';

// A10a-13 (tenth review): a SecureFlexibleServer waits for its subnet's NSG association, the NSG's
// rules and the DNS zone link, so it never runs in a subnet without them. Its depends_on is pinned
// as a floor: an override or a mutation that drops one of them fails PG-CFG-6 in synth and in
// `check`; waiting for more passes.

const FIX = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';

function server(): { stack: TerraformStack; postgres: SecureFlexibleServer; guards: string[] } {
  const stack = newStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const json = stack.toTerraform() as { resource: { azurerm_postgresql_flexible_server: { [id: string]: { depends_on: string[] } } } };
  return { stack, postgres, guards: json.resource.azurerm_postgresql_flexible_server[stack.getLogicalId(postgres.server)].depends_on };
}

test('the server waits for the NSG association, every NSG rule and the DNS zone link', () => {
  const { guards } = server();
  expect(guards).toEqual(expect.arrayContaining([
    expect.stringMatching(/^azurerm_subnet_network_security_group_association\./),
    expect.stringMatching(/^azurerm_network_security_rule\..*DenyAllInbound/),
    expect.stringMatching(/^azurerm_private_dns_zone_virtual_network_link\./),
  ]));
});

test('waiting for more passes synth and check', () => {
  const { stack, postgres, guards } = server();
  postgres.server.addOverride('depends_on', [...guards, 'azurerm_resource_group.extra']);
  expect(findings(stack)).toEqual({ synth: [], code: EXIT_OK, checked: [] });
});

const address = (made: ReturnType<typeof server>) => `azurerm_postgresql_flexible_server.${made.stack.getLogicalId(made.postgres.server)}`;
const message = (guards: string[], written: unknown) =>
  `depends_on is ${JSON.stringify(written)}, where the construct's props set ${JSON.stringify(guards)} (entries may be added, none removed). ${FIX}`;

test.each<[string, (made: ReturnType<typeof server>) => void, (guards: string[]) => unknown]>([
  ['dependsOn emptied', ({ postgres }) => { postgres.server.dependsOn = []; }, () => []],
  ['dependsOn\'s own list emptied in place', ({ postgres }) => { postgres.server.dependsOn!.length = 0; }, () => []],
  ['the NSG association left out', ({ postgres }) => { postgres.server.dependsOn = postgres.server.dependsOn!.filter((_, index) => index !== 1); }, (guards) => guards.filter((_, index) => index !== 1)],
])('%s fails synth and check', (_name, change, written) => {
  const made = server();
  change(made);
  const result = findings(made.stack);
  const expected = message(made.guards, written(made.guards));
  expect(result.synth).toEqual([`  [test] ${address(made)} PG-CFG-6 ${expected}`]);
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.checked).toEqual([`  ERROR      PG-CFG-6   ${address(made)}: ${expected}`]);
});

test('the DNS zone link deleted from depends_on in the JSON fails check', () => {
  const made = server();
  const json = made.stack.toTerraform() as { resource: { azurerm_postgresql_flexible_server: { [id: string]: { depends_on: string[] } } } };
  const body = json.resource.azurerm_postgresql_flexible_server[made.stack.getLogicalId(made.postgres.server)];
  body.depends_on = body.depends_on.filter((entry) => !entry.includes('virtual_network_link'));
  const file = join(mkdtempSync(join(tmpdir(), 'ordering-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(json));
  const { code, out } = check('check', file);
  expect(code).toBe(EXIT_FINDINGS);
  expect(out.filter((line) => line.includes('PG-CFG-6'))).toEqual([`  ERROR      PG-CFG-6   ${address(made)}: ${message(made.guards, body.depends_on)}`]);
});
