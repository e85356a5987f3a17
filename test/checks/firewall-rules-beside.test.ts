import { PostgresqlFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-firewall-rule';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { TerraformStack } from 'cdktf';
import { rule } from '../../lib/checks/rules/PG-NET-1';
import { FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer, SecureSingleServer, SingleServerNetwork } from '../../lib';
import { minimalProps, minimalSingleProps, providerStack, synthErrors } from '../helpers';

// Tenth review, A10b-1: a firewall rule of the user's beside a construct whose props open the server
// to a few public ranges opened it to more, with no finding (the construct's suppressions of
// PGF-NET-1 and -2 cover the public access its props justify, not a range it did not make).

const JUSTIFICATION = 'office egress range for the reporting team, ticket NET-4411';
const OFFICE = { name: 'office', startIpAddress: '203.0.113.0', endIpAddress: '203.0.113.63' };
const EXTRA = { startIpAddress: '8.8.8.8', endIpAddress: '8.8.8.8' };

function flexibleStack(): { stack: TerraformStack; postgres: SecureFlexibleServer } {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: JUSTIFICATION }) }));
  return { stack, postgres };
}

const finding = (address: string, owner = 'test/Postgres') =>
  `  [test] ${address} PG-NET-1 ${address} lets "8.8.8.8" to "8.8.8.8" through the server's firewall, a path ${owner} does not declare. Fix: ${rule.fix}`;

test('the construct\'s own public ranges pass synth', () => {
  expect(synthErrors(flexibleStack().stack)).toEqual([]);
});

test('a firewall rule added beside a SecureFlexibleServer fails synth, however narrow; suppressed on the rule with a reason, it passes', () => {
  const { stack, postgres } = flexibleStack();
  const extra = new PostgresqlFlexibleServerFirewallRule(stack, 'Extra', { name: 'extra', serverId: postgres.serverId, ...EXTRA });
  expect(synthErrors(stack)).toEqual([finding('azurerm_postgresql_flexible_server_firewall_rule.Extra')]);
  PostgresSecurityChecks.suppress(extra, 'PG-NET-1', 'partner monitoring probe, reviewed in NET-4502');
  expect(synthErrors(stack)).toEqual([]);
});

test('a firewall rule added beside a SecureSingleServer fails synth', () => {
  const stack = providerStack();
  const postgres = new SecureSingleServer(stack, 'Postgres', minimalSingleProps({
    network: SingleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: JUSTIFICATION }),
  }));
  new PostgresqlFirewallRule(stack, 'Extra', { name: 'extra', resourceGroupName: 'rg-legacy', serverName: postgres.server.name, ...EXTRA });
  expect(synthErrors(stack)).toEqual([finding('azurerm_postgresql_firewall_rule.Extra')]);
});

// Twelfth review, A12b-3: a block that repeats the construct path of a resource the construct made
// (an override's copy of it) was taken for the construct's own. A made path names one block only.
test('a firewall rule written by an override with the construct path of the construct\'s own rule fails synth, and so does the rule it copied', () => {
  const { stack, postgres } = flexibleStack();
  const own = stack.node.findAll().find((child) => child instanceof PostgresqlFlexibleServerFirewallRule) as PostgresqlFlexibleServerFirewallRule;
  stack.addOverride('resource.azurerm_postgresql_flexible_server_firewall_rule.Extra', {
    'name': 'extra', 'server_id': `\${${postgres.server.terraformResourceType}.${postgres.server.friendlyUniqueId}.id}`, 'start_ip_address': '8.8.8.8', 'end_ip_address': '8.8.8.8',
    '//': { metadata: { path: own.node.path } },
  });
  const ownAddress = `azurerm_postgresql_flexible_server_firewall_rule.${own.friendlyUniqueId}`;
  expect(synthErrors(stack).filter((line) => line.includes('PG-NET-1')).map((line) => line.split(' ')[3])).toEqual(['azurerm_postgresql_flexible_server_firewall_rule.Extra', ownAddress]);
});
