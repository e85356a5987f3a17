import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PostgresqlFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-firewall-rule';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { FlexibleServerNetwork, HighAvailabilityMode, PgAuditLogClass, SecureFlexibleServer, SecurityRuleAccess, SecurityRuleDirection, SecurityRuleProtocol, SecureSingleServer, SingleServerNetwork } from '../../lib';
import { cdktfOut, check } from '../cli/cli-harness';
import { minimalProps, minimalSingleProps, synthErrors, VNET_ID } from '../helpers';
import { rule as PG_NET_1 } from '../../lib/checks/rules/PG-NET-1';

/** PG-NET-1 on a firewall rule added beside the construct at `owner` (tenth review, A10b-1). */
const addedRule = (address: string, start: string, end: string, owner: string) =>
  `  [test] ${address} PG-NET-1 ${address} lets ${JSON.stringify(start)} to ${JSON.stringify(end)} through the server's firewall, a path ${owner} does not declare. Fix: ${PG_NET_1.fix}`;

// A justification given through the props covers exactly the weaker choice the props made (N10):
// the ranges, sources, mode or pgaudit classes the construct itself creates. Anything wider or different, added
// beside the construct or by an override of its own resources, still fails synth.

const BREAK_GLASS = 'break-glass access for the 2026-12 incident';
const PARTNERS = 'two partner /24 ranges, ticket SEC-1234';
const TWO_24 = [{ name: 'a', startIpAddress: '198.51.100.0', endIpAddress: '198.51.100.255' }, { name: 'b', startIpAddress: '203.0.113.0', endIpAddress: '203.0.113.255' }];

const SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';
const GROUP = 'azurerm_network_security_group.Postgres_SecurityGroup_46BC35B3';
const RANGES_FIX = 'Fix: Narrow the firewall rules to the addresses your clients connect from (256 in total at most), or justify wider ranges (publicAccess.wideRanges, or a suppression with a reason).';
const SOURCES_FIX = 'Fix: Allow PostgreSQL only from your clients\' address ranges (256 public addresses in total at most) or the VirtualNetwork tag, or justify wider sources (vnetIntegration.wideSources, or a suppression with a reason).';
const COVERS_RANGES = `The justification "${PARTNERS}" covers only firewall ranges 198.51.100.0-198.51.100.255, 203.0.113.0-203.0.113.255.`;
const COVERS_SOURCES = `The justification "${PARTNERS}" covers only sources 198.51.100.0-198.51.100.255, 203.0.113.0-203.0.113.255.`;

const publicTwo24 = () => FlexibleServerNetwork.publicAccess({ allowedIpRanges: TWO_24, justification: BREAK_GLASS, wideRanges: { justification: PARTNERS } });
const vnetTwo24 = () => FlexibleServerNetwork.vnetIntegration({
  virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28',
  allowedSources: ['VirtualNetwork', '198.51.100.0/24', '203.0.113.0/24'], wideSources: { justification: PARTNERS },
});

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** The suppression of a rule the stack's JSON carries. */
function suppressionOf(stack: TerraformStack, ruleId: string): object | undefined {
  const list = (stack.toTerraform()['//']?.['cdktf-azure-postgres-suppressions'] ?? []) as { ruleId: string }[];
  return list.find((entry) => entry.ruleId === ruleId);
}

function ownResource(scope: SecureFlexibleServer | SecureSingleServer, type: string, pathPart: string): TerraformResource {
  return scope.node.findAll().find((c) => c instanceof TerraformResource && c.terraformResourceType === type && c.node.path.includes(pathPart)) as TerraformResource;
}

describe('wideRanges on SecureFlexibleServer', () => {
  test('covers the two /24s the props chose: synth passes, PGF-NET-8 suppressed for those addresses only', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: publicTwo24() }));
    expect(synthErrors(stack)).toEqual([]);
    expect(suppressionOf(stack, 'PGF-NET-8')).toEqual({ path: 'test/Postgres/Server', ruleId: 'PGF-NET-8', reason: PARTNERS, subject: 'firewall ranges 198.51.100.0-198.51.100.255, 203.0.113.0-203.0.113.255' });
  });

  test('the check command honours the bound in the written JSON: a raw wide rule beside them exits 1', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: publicTwo24() }));
    new PostgresqlFlexibleServerFirewallRule(stack, 'Wide', { serverId: postgres.serverId, name: 'wide', startIpAddress: '11.0.0.0', endIpAddress: '99.255.255.255' });
    const { code, out } = check('check', cdktfOut({ test: stack.toTerraform() }));
    expect(code).toBe(1);
    expect(out).toContain(`  ERROR      PGF-NET-8  ${SERVER}: the firewall rules open 1493172736 addresses together (overlaps counted once), more than 256 (a /24); the widest is 11.0.0.0-99.255.255.255 (azurerm_postgresql_flexible_server_firewall_rule.Wide). ${COVERS_RANGES} ${RANGES_FIX}`);
  });

  test('does not cover a raw firewall rule 11.0.0.0-99.255.255.255 beside them', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: publicTwo24() }));
    new PostgresqlFlexibleServerFirewallRule(stack, 'Wide', { serverId: postgres.serverId, name: 'wide', startIpAddress: '11.0.0.0', endIpAddress: '99.255.255.255' });
    expect(synthErrors(stack)).toEqual([
      `  [test] ${SERVER} PGF-NET-8 the firewall rules open 1493172736 addresses together (overlaps counted once), more than 256 (a /24); the widest is 11.0.0.0-99.255.255.255 (azurerm_postgresql_flexible_server_firewall_rule.Wide). ${COVERS_RANGES} ${RANGES_FIX}`,
      addedRule('azurerm_postgresql_flexible_server_firewall_rule.Wide', '11.0.0.0', '99.255.255.255', 'test/Postgres'),
    ]);
  });

  test.each([
    ['widens it', '11.0.0.0', '99.255.255.255', 1493172480],
    ['moves it to another /24 of the same size', '192.0.2.0', '192.0.2.255', 512],
  ])('does not cover an override of the construct\'s own rule that %s', (_name, start, end, opened) => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: publicTwo24() }));
    const rule = ownResource(postgres, 'azurerm_postgresql_flexible_server_firewall_rule', 'FirewallRule-a');
    rule.addOverride('start_ip_address', start);
    rule.addOverride('end_ip_address', end);
    expect(synthErrors(stack)).toEqual([
      `  [test] ${SERVER} PGF-NET-8 the firewall rules open ${opened} addresses together (overlaps counted once), more than 256 (a /24); the widest is ${start}-${end} (azurerm_postgresql_flexible_server_firewall_rule.Postgres_FirewallRule-a_46F34051). ${COVERS_RANGES} ${RANGES_FIX}`,
      // The range itself is pinned as the props wrote it (A12a-13).
      expect.stringMatching(new RegExp(`FirewallRule-a_46F34051 PG-CFG-6 start_ip_address is "${start}", where the construct's props set "198.51.100.0"`)),
      expect.stringMatching(new RegExp(`FirewallRule-a_46F34051 PG-CFG-6 end_ip_address is "${end}", where the construct's props set "198.51.100.255"`)),
    ]);
  });

  test('does not cover a raw rule whose range is known only at apply time', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: publicTwo24() }));
    new PostgresqlFlexibleServerFirewallRule(stack, 'Hidden', { serverId: postgres.serverId, name: 'hidden', startIpAddress: postgres.fqdn, endIpAddress: postgres.fqdn });
    const hidden = 'azurerm_postgresql_flexible_server_firewall_rule.Hidden';
    const later = `the range of firewall rule ${hidden} is known only at apply time, so it cannot be judged at synth.`;
    expect(synthErrors(stack)).toEqual([
      `  [test] ${hidden} PGF-NET-4 ${later} Fix: Remove the firewall rule, or narrow it to the client addresses that need the server.`,
      `  [test] ${hidden} PGF-NET-5 ${later} Fix: Remove the 0.0.0.0-0.0.0.0 firewall rule and reach the server through a private endpoint or VNet integration.`,
      `  [test] ${SERVER} PGF-NET-8 the firewall rules open 512 addresses together (overlaps counted once), more than 256 (a /24); the widest is 198.51.100.0-198.51.100.255 (azurerm_postgresql_flexible_server_firewall_rule.Postgres_FirewallRule-a_46F34051). ${COVERS_RANGES} ${RANGES_FIX}`,
      `  [test] ${hidden} PGF-NET-9 ${later} Fix: List the public addresses your clients connect from; reach the server from private networks through VNet integration or a private endpoint.`,
      addedRule(hidden, `\${${SERVER}.fqdn}`, `\${${SERVER}.fqdn}`, 'test/Postgres'),
    ]);
  });
});

describe('wideSources on SecureFlexibleServer', () => {
  const openRule = (stack: TerraformStack, sources: string[]) => new NetworkSecurityRule(stack, 'Open', {
    name: 'open', priority: 150, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
    sourceAddressPrefixes: sources, destinationAddressPrefix: '*', resourceGroupName: 'rg-orders', networkSecurityGroupName: 'orders-db-postgres-nsg',
  });

  test('covers the two /24s the props chose: synth passes, PGF-NET-11 suppressed for those sources only', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnetTwo24() }));
    expect(synthErrors(stack)).toEqual([]);
    expect(suppressionOf(stack, 'PGF-NET-11')).toEqual({ path: 'test/Postgres/SecurityGroup', ruleId: 'PGF-NET-11', reason: PARTNERS, subject: 'sources 198.51.100.0-198.51.100.255, 203.0.113.0-203.0.113.255' });
  });

  test('covers the inbound PostgreSQL rules of additionalSecurityRules and service tags, however written: synth passes', () => {
    const stack = newStack();
    const additional = [
      { name: 'PartnerA', priority: 300, direction: SecurityRuleDirection.INBOUND, access: SecurityRuleAccess.ALLOW, protocol: SecurityRuleProtocol.ANY, sourceAddressPrefix: '1.0.0.0/8', destinationAddressPrefix: '*', destinationPortRange: '5432' },
      { name: 'PartnerB', priority: 310, direction: SecurityRuleDirection.INBOUND, access: SecurityRuleAccess.ALLOW, protocol: SecurityRuleProtocol.TCP, sourceAddressPrefix: '2.0.0.0/8', destinationAddressPrefix: '*', destinationPortRange: '5000-6500' },
    ];
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.vnetIntegration({
      virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', allowedSources: ['VirtualNetwork', 'AzureCloud.WestEurope', '198.51.100.7'],
      additionalSecurityRules: additional, wideSources: { justification: PARTNERS },
    }) }));
    expect(synthErrors(stack)).toEqual([]);
    expect(suppressionOf(stack, 'PGF-NET-11')).toMatchObject({ subject: 'sources 1.0.0.0-2.255.255.255, 198.51.100.7-198.51.100.7; service tags azurecloud.westeurope' });
  });

  test.each([
    ['0.0.0.0/1 and 128.0.0.0/1', ['0.0.0.0/1', '128.0.0.0/1'], '3702390784 public addresses together (overlaps counted once), more than 256 (a /24)'],
    ['1.0.0.0/8', ['1.0.0.0/8'], '16777728 public addresses together (overlaps counted once), more than 256 (a /24)'],
    ['AzureCloud', ['AzureCloud'], '512 public addresses together (overlaps counted once), more than 256 (a /24), and the service tag(s) "AzureCloud", which hold other Azure tenants\' addresses'],
  ])('does not cover a raw rule on its group from %s', (_name, sources, breadth) => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnetTwo24() }));
    openRule(stack, sources);
    // A rule of the user's in the construct's group is also a path the construct does not declare (PG-NET-1, A12b-5).
    expect(synthErrors(stack)).toEqual([
      `  [test] ${GROUP} PGF-NET-11 the inbound rules of ${GROUP} let PostgreSQL in from ${breadth}. ${COVERS_SOURCES} ${SOURCES_FIX}`,
      expect.stringMatching(/^ {2}\[test\] azurerm_network_security_rule\.Open PG-NET-1 azurerm_network_security_rule\.Open adds the rule "open" to the network security group /),
    ]);
  });

  test('does not cover an override that widens the construct\'s own rule (which PG-CFG-6 fails as well: the rule is pinned)', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnetTwo24() }));
    const rule = ownResource(postgres, 'azurerm_network_security_rule', 'SecurityRule-AllowPostgresFrom-198.51.100.0_24');
    rule.addOverride('source_address_prefix', '198.51.0.0/16');
    const address = `azurerm_network_security_rule.${stack.getLogicalId(rule)}`;
    expect(synthErrors(stack)).toEqual([
      `  [test] ${GROUP} PGF-NET-11 the inbound rules of ${GROUP} let PostgreSQL in from 65792 public addresses together (overlaps counted once), more than 256 (a /24). ${COVERS_SOURCES} ${SOURCES_FIX}`,
      `  [test] ${address} PG-CFG-6 source_address_prefix is "198.51.0.0/16", where the construct's props set "198.51.100.0/24". Fix: Remove the override of the construct's resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.`,
    ]);
  });
});

describe('highAvailability on SecureFlexibleServer', () => {
  const sameZone = () => minimalProps({ highAvailability: { mode: HighAvailabilityMode.SAME_ZONE, justification: 'region without zones, ticket SEC-77' } });

  test('SAME_ZONE justified: synth passes, PGF-AVL-1 suppressed for SameZone only', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', sameZone());
    expect(synthErrors(stack)).toEqual([]);
    expect(suppressionOf(stack, 'PGF-AVL-1')).toEqual({ path: 'test/Postgres/Server', ruleId: 'PGF-AVL-1', reason: 'region without zones, ticket SEC-77', subject: 'high availability mode SameZone' });
  });

  test('the SAME_ZONE justification does not cover an override that removes high availability', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', sameZone());
    postgres.server.addOverride('high_availability', null);
    expect(synthErrors(stack)).toEqual([
      `  [test] ${SERVER} PGF-AVL-1 the server has no high_availability block, so it has no standby. The justification "region without zones, ticket SEC-77" covers only high availability mode SameZone. Fix: Add high_availability { mode = "ZoneRedundant" }; in a region without availability zones, suppress the rule with the reason.`,
    ]);
  });

  test('DISABLED justified: synth passes', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ highAvailability: { mode: HighAvailabilityMode.DISABLED, justification: 'dev server, ticket SEC-78' } }));
    expect(synthErrors(stack)).toEqual([]);
    expect(suppressionOf(stack, 'PGF-AVL-1')).toEqual({ path: 'test/Postgres/Server', ruleId: 'PGF-AVL-1', reason: 'dev server, ticket SEC-78', subject: 'no high availability' });
  });
});

describe('wideRanges on SecureSingleServer', () => {
  const publicSingle = () => minimalSingleProps({ network: SingleServerNetwork.publicAccess({ allowedIpRanges: TWO_24, justification: BREAK_GLASS, wideRanges: { justification: PARTNERS } }) });

  test('covers the two /24s the props chose: synth passes', () => {
    const stack = newStack();
    new SecureSingleServer(stack, 'Legacy', publicSingle());
    expect(synthErrors(stack)).toEqual([]);
    expect(suppressionOf(stack, 'PGS-NET-5')).toEqual({ path: 'test/Legacy/Server', ruleId: 'PGS-NET-5', reason: PARTNERS, subject: 'firewall ranges 198.51.100.0-198.51.100.255, 203.0.113.0-203.0.113.255' });
  });

  test('does not cover a raw firewall rule 11.0.0.0-99.255.255.255 beside them', () => {
    const stack = newStack();
    const legacy = new SecureSingleServer(stack, 'Legacy', publicSingle());
    new PostgresqlFirewallRule(stack, 'Wide', { serverName: legacy.server.name, resourceGroupName: 'rg-legacy', name: 'wide', startIpAddress: '11.0.0.0', endIpAddress: '99.255.255.255' });
    expect(synthErrors(stack)).toEqual([
      `  [test] azurerm_postgresql_server.Legacy_Server_BD4265F7 PGS-NET-5 the firewall rules open 1493172736 addresses together (overlaps counted once), more than 256 (a /24); the widest is 11.0.0.0-99.255.255.255 (azurerm_postgresql_firewall_rule.Wide). ${COVERS_RANGES} ${RANGES_FIX}`,
      addedRule('azurerm_postgresql_firewall_rule.Wide', '11.0.0.0', '99.255.255.255', 'test/Legacy'),
    ]);
  });
});

describe('auditLogging.justification for fewer pgaudit classes', () => {
  const READ_ONLY = 'reads only, the DDL goes through the migration pipeline, SEC-90';
  const audit = { auditLogging: { pgauditLogClasses: [PgAuditLogClass.READ], justification: READ_ONLY } };
  const PGAUDIT_FIX = 'Fix: Set the pgaudit.log parameter to a list that includes ddl and role, e.g. "ddl,role,misc".';
  const parameter = (scope: SecureFlexibleServer | SecureSingleServer) => scope.node.findChild('Parameter-pgaudit.log') as TerraformResource;

  test('covers the classes the props chose: synth passes, PGF-LOG-10 suppressed for "read" only', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps(audit));
    expect(synthErrors(stack)).toEqual([]);
    expect(suppressionOf(stack, 'PGF-LOG-10')).toEqual({ path: 'test/Postgres/Parameter-pgaudit.log', ruleId: 'PGF-LOG-10', reason: READ_ONLY, subject: 'pgaudit.log classes read' });
  });

  test('does not cover an override of the construct\'s pgaudit.log to other classes (Flexible Server)', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps(audit));
    parameter(postgres).addOverride('value', 'misc_set');
    expect(synthErrors(stack)).toEqual([
      `  [test] azurerm_postgresql_flexible_server_configuration.Postgres_Parameter-pgauditlog_05171A4F PGF-LOG-10 server parameter pgaudit.log is "misc_set", not a list that keeps the ddl and role classes on. The justification "${READ_ONLY}" covers only pgaudit.log classes read. ${PGAUDIT_FIX}`,
      expect.stringMatching(/PG-CFG-6 value is "misc_set", where the construct's props set "read"/),
    ]);
  });

  test('does not cover an override of the construct\'s pgaudit.log to other classes (Single Server)', () => {
    const stack = newStack();
    const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps(audit));
    expect(suppressionOf(stack, 'PGS-LOG-9')).toEqual({ path: 'test/Legacy/Parameter-pgaudit.log', ruleId: 'PGS-LOG-9', reason: READ_ONLY, subject: 'pgaudit.log classes read' });
    parameter(legacy).addOverride('value', 'misc_set');
    expect(synthErrors(stack)).toEqual([
      `  [test] azurerm_postgresql_configuration.Legacy_Parameter-pgauditlog_5C74635B PGS-LOG-9 server parameter pgaudit.log is "misc_set", not a list that keeps the ddl and role classes on. The justification "${READ_ONLY}" covers only pgaudit.log classes read. ${PGAUDIT_FIX}`,
      expect.stringMatching(/PG-CFG-6 value is "misc_set", where the construct's props set "read"/),
    ]);
  });
});

describe('backup retention (A3-15): the justification covers the number of days the props chose', () => {
  const RETENTION = 'dev copy restored nightly from prod, ticket OPS-12';
  const SINGLE_SERVER = 'azurerm_postgresql_server.Legacy_Server_BD4265F7';
  const BACKUP_FIX = 'Fix: Set backup_retention_days = 35.';
  const COVERS_14 = `The justification "${RETENTION}" covers only backup retention of 14 days.`;

  test('14 days justified on SecureFlexibleServer: synth passes, PGF-BAK-2 suppressed for 14 days only', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ backup: { retentionDays: 14, justification: RETENTION } }));
    expect(synthErrors(stack)).toEqual([]);
    expect(suppressionOf(stack, 'PGF-BAK-2')).toEqual({ path: 'test/Postgres/Server', ruleId: 'PGF-BAK-2', reason: RETENTION, subject: 'backup retention of 14 days' });
  });

  test.each([1, 7, 20])('the 14-day justification does not cover an override to %p days on SecureFlexibleServer', (days) => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ backup: { retentionDays: 14, justification: RETENTION } }));
    postgres.server.addOverride('backup_retention_days', days);
    expect(synthErrors(stack)).toEqual([`  [test] ${SERVER} PGF-BAK-2 backup_retention_days is ${days}, not 35. ${COVERS_14} ${BACKUP_FIX}`]);
  });

  test('the 14-day justification does not cover an override that removes the retention (Azure\'s 7 days)', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ backup: { retentionDays: 14, justification: RETENTION } }));
    postgres.server.addOverride('backup_retention_days', null);
    expect(synthErrors(stack)).toEqual([`  [test] ${SERVER} PGF-BAK-2 backup_retention_days is not set, so Azure keeps backups for its 7-day default. ${COVERS_14} ${BACKUP_FIX}`]);
  });

  test('14 days justified on SecureSingleServer: synth passes; an override to 1 day fails PGS-BAK-2', () => {
    const passing = newStack();
    new SecureSingleServer(passing, 'Legacy', minimalSingleProps({ backup: { retentionDays: 14, justification: RETENTION } }));
    expect(synthErrors(passing)).toEqual([]);
    expect(suppressionOf(passing, 'PGS-BAK-2')).toEqual({ path: 'test/Legacy/Server', ruleId: 'PGS-BAK-2', reason: RETENTION, subject: 'backup retention of 14 days' });
    const stack = newStack();
    const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ backup: { retentionDays: 14, justification: RETENTION } }));
    legacy.server.addOverride('backup_retention_days', 1);
    expect(synthErrors(stack)).toEqual([`  [test] ${SINGLE_SERVER} PGS-BAK-2 backup_retention_days is 1, not 35. ${COVERS_14} ${BACKUP_FIX}`]);
  });
});
