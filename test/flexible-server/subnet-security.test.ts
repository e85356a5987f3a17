import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  FlexibleServerNetwork,
  SecureFlexibleServer,
  SecurityRuleAccess,
  SecurityRuleDirection,
  SecurityRuleProtocol,
  SubnetSecurityRule,
  VnetIntegrationOptions,
} from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { minimalProps, newStack, onlyResource, warningsOf, resourcesOf, SUBSCRIPTION, synthFlexible, SynthesizedStack, TerraformBlock, VNET_ID } from '../helpers';

// The network security group of the delegated subnet (vnetIntegration): created with least-privilege
// rules by default, or an existing one associated; the user's own rules added next to the construct's.

const NSG = 'azurerm_network_security_group';
const RULE = 'azurerm_network_security_rule';
const ASSOCIATION = 'azurerm_subnet_network_security_group_association';
const SUBNET = 'azurerm_subnet';
const SERVER = 'azurerm_postgresql_flexible_server';
const PREFIX = '10.0.1.0/28';
const EXISTING_NSG = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-spoke-db`;

const vnet = (options: Partial<VnetIntegrationOptions> = {}) =>
  FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: PREFIX, ...options });

/** The construct's security rules by name. */
function rulesByName(synth: SynthesizedStack): { [name: string]: TerraformBlock } {
  return Object.fromEntries(resourcesOf(synth, RULE).map((rule) => [rule.name, rule]));
}

function addressOf(synth: SynthesizedStack, type: string, where: (block: TerraformBlock) => boolean = () => true): string {
  const [key] = Object.entries(synth.resource[type]).find(([, block]) => where(block))!;
  return `${type}.${key}`;
}

/** What SecureFlexibleServer.networkSecurityGroupId resolves to in Terraform. */
function exposedGroupId(network: FlexibleServerNetwork): string {
  const stack = newStack();
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network }));
  new TerraformOutput(stack, 'nsg', { value: server.networkSecurityGroupId });
  return JSON.parse(Testing.synth(stack)).output.nsg.value;
}

const MONITORING: SubnetSecurityRule = {
  name: 'AllowAzureMonitorOut',
  priority: 200,
  direction: SecurityRuleDirection.OUTBOUND,
  access: SecurityRuleAccess.ALLOW,
  protocol: SecurityRuleProtocol.TCP,
  sourceAddressPrefix: PREFIX,
  destinationAddressPrefix: 'AzureMonitor',
  destinationPortRange: '443',
  description: 'monitoring agent',
};

describe('by default, a new network security group guards the delegated subnet', () => {
  const synth = synthFlexible(minimalProps({ tags: { workload: 'orders' } }));
  const rules = rulesByName(synth);
  const group = onlyResource(synth, NSG);

  test('the group is in the server\'s resource group and region, with the server\'s tags', () => {
    expect(group).toMatchObject({ name: 'orders-db-postgres-nsg', resource_group_name: 'rg-orders', location: 'westeurope', tags: { workload: 'orders' } });
  });

  test('it is associated with the new subnet', () => {
    expect(onlyResource(synth, ASSOCIATION)).toEqual(expect.objectContaining({
      subnet_id: `\${${addressOf(synth, SUBNET)}.id}`,
      network_security_group_id: `\${${addressOf(synth, NSG)}.id}`,
    }));
  });

  test('every rule is a separate azurerm_network_security_rule of the group', () => {
    for (const rule of Object.values(rules)) {
      expect(rule).toMatchObject({ network_security_group_name: `\${${addressOf(synth, NSG)}.name}`, resource_group_name: 'rg-orders' });
    }
  });

  test('inbound PostgreSQL is allowed from the VNet only, to the subnet, on 5432', () => {
    expect(rules['AllowPostgresFrom-VirtualNetwork']).toMatchObject({
      priority: 1010,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      source_address_prefix: 'VirtualNetwork',
      source_port_range: '*',
      destination_address_prefix: PREFIX,
      destination_port_range: '5432',
    });
  });

  test('high availability: 5432 within the subnet, both ways', () => {
    for (const [name, direction] of [['AllowPostgresWithinSubnetIn', 'Inbound'], ['AllowPostgresWithinSubnetOut', 'Outbound']]) {
      expect(rules[name]).toMatchObject({ priority: 1000, direction, access: 'Allow', protocol: 'Tcp', source_address_prefix: PREFIX, destination_address_prefix: PREFIX, destination_port_range: '5432' });
    }
  });

  test('outbound to Azure Storage (WAL archiving) and Entra ID on 443', () => {
    expect(rules.AllowAzureStorageOut).toMatchObject({ priority: 1010, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: PREFIX, destination_address_prefix: 'Storage', destination_port_range: '443' });
    expect(rules.AllowEntraIdOut).toMatchObject({ priority: 1020, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: PREFIX, destination_address_prefix: 'AzureActiveDirectory', destination_port_range: '443' });
  });

  test('every other inbound flow is denied explicitly, at the lowest priority', () => {
    expect(rules.DenyAllInbound).toMatchObject({ priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '*' });
  });

  test('no rule allows inbound traffic from the internet; 6432 (PgBouncer, not turned on) is not opened', () => {
    const inboundAllows = Object.values(rules).filter((rule) => rule.direction === 'Inbound' && rule.access === 'Allow');
    expect(inboundAllows.map((rule) => rule.source_address_prefix).filter((source) => ['*', 'Internet', 'Any', '0.0.0.0/0'].includes(source))).toEqual([]);
    expect(Object.values(rules).map((rule) => rule.destination_port_range)).not.toContain('6432');
  });

  test('exactly these six rules', () => {
    expect(Object.keys(rules).sort()).toEqual(['AllowAzureStorageOut', 'AllowEntraIdOut', 'AllowPostgresFrom-VirtualNetwork', 'AllowPostgresWithinSubnetIn', 'AllowPostgresWithinSubnetOut', 'DenyAllInbound']);
  });

  test('the server waits for the association and every rule', () => {
    const dependsOn: string[] = onlyResource(synth, SERVER).depends_on;
    expect(dependsOn).toContain(addressOf(synth, ASSOCIATION));
    for (const name of Object.keys(rules)) expect(dependsOn).toContain(addressOf(synth, RULE, (rule) => rule.name === name));
  });

  test('the construct exposes the group\'s ID', () => {
    expect(exposedGroupId(vnet())).toMatch(/^\$\{azurerm_network_security_group\.[\w-]+\.id\}$/);
    expect(exposedGroupId(vnet({ networkSecurityGroupResourceId: EXISTING_NSG }))).toBe(EXISTING_NSG);
  });
});

test('allowedSources: one inbound 5432 rule per source, named after it, in the order given', () => {
  const synth = synthFlexible(minimalProps({ network: vnet({ allowedSources: ['10.20.0.0/16', 'AzureCloud.westeurope', '192.168.4.7'], wideSources: { justification: 'the reporting service runs in West Europe' } }) }));
  const rules = rulesByName(synth);
  expect(rules['AllowPostgresFrom-10.20.0.0_16']).toMatchObject({ priority: 1010, source_address_prefix: '10.20.0.0/16', destination_port_range: '5432', destination_address_prefix: PREFIX });
  expect(rules['AllowPostgresFrom-AzureCloud.westeurope']).toMatchObject({ priority: 1011, source_address_prefix: 'AzureCloud.westeurope' });
  expect(rules['AllowPostgresFrom-192.168.4.7']).toMatchObject({ priority: 1012, source_address_prefix: '192.168.4.7' });
  expect(rules['AllowPostgresFrom-VirtualNetwork']).toBeUndefined();
});

test('additionalSecurityRules are added to the group, next to the construct\'s', () => {
  const deny: SubnetSecurityRule = {
    name: 'DenyLegacyApps',
    priority: 900,
    direction: SecurityRuleDirection.INBOUND,
    access: SecurityRuleAccess.DENY,
    protocol: SecurityRuleProtocol.ANY,
    sourceAddressPrefix: '10.0.7.0/24',
    sourcePortRange: '1024-65535',
    destinationAddressPrefix: '*',
    destinationPortRange: '*',
  };
  const synth = synthFlexible(minimalProps({ network: vnet({ additionalSecurityRules: [MONITORING, deny] }) }));
  const rules = rulesByName(synth);
  expect(Object.keys(rules)).toHaveLength(8);
  expect(rules.AllowAzureMonitorOut).toMatchObject({ priority: 200, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: PREFIX, source_port_range: '*', destination_address_prefix: 'AzureMonitor', destination_port_range: '443', description: 'monitoring agent' });
  expect(rules.DenyLegacyApps).toMatchObject({ priority: 900, direction: 'Inbound', access: 'Deny', protocol: '*', source_address_prefix: '10.0.7.0/24', source_port_range: '1024-65535' });
});

describe('an existing network security group', () => {
  const synth = synthFlexible(minimalProps({ network: vnet({ networkSecurityGroupResourceId: EXISTING_NSG }) }));

  test('is associated with the new subnet by its ID', () => {
    expect(onlyResource(synth, ASSOCIATION)).toMatchObject({ subnet_id: `\${${addressOf(synth, SUBNET)}.id}`, network_security_group_id: EXISTING_NSG });
  });

  test('gets no group and no rules from the construct: its owner manages them', () => {
    expect(resourcesOf(synth, NSG)).toHaveLength(0);
    expect(resourcesOf(synth, RULE)).toHaveLength(0);
  });

  test('the server waits for the association', () => {
    expect(onlyResource(synth, SERVER).depends_on).toContain(addressOf(synth, ASSOCIATION));
  });
});

test('existingVnetIntegration creates no group and no association: the subnet is the platform team\'s', () => {
  const network = FlexibleServerNetwork.existingVnetIntegration({
    delegatedSubnetResourceId: `${VNET_ID}/subnets/snet-db`,
    privateDnsZoneResourceId: `${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com`,
  });
  const synth = synthFlexible(minimalProps({ network }));
  expect([NSG, RULE, ASSOCIATION].flatMap((type) => resourcesOf(synth, type))).toEqual([]);
});

test('an address prefix known only at apply time is read back from the subnet, and the rule pack passes the rules', () => {
  const stack = new TerraformStack(Testing.app(), 'prefix');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const prefix = new TerraformVariable(stack, 'prefix', { type: 'string' }).stringValue;
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnet({ subnetAddressPrefix: prefix }) }));
  const synth = JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
  const rules = rulesByName(synth);
  const subnet = addressOf(synth, SUBNET);
  expect(rules.AllowPostgresWithinSubnetIn.source_address_prefix).toBe(`\${element(${subnet}.address_prefixes, 0)}`);
  expect(onlyResource(synth, SUBNET).address_prefixes).toEqual(['${var.prefix}']);
  expect(evaluateStack(stack.toTerraform(), ALL_RULES).findings.filter((f) => f.ruleId === 'PGF-NET-7').map((f) => f.status)).toEqual(['pass']);
});

describe('an override that opens the subnet fails synth', () => {
  test('a construct rule turned into an allow from the internet', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const rule = stack.node.findAll().find((c) => c.node.id === 'SecurityRule-AllowPostgresFrom-VirtualNetwork') as unknown as { addOverride(path: string, value: unknown): void };
    rule.addOverride('source_address_prefix', 'Internet');
    expect(() => Testing.synth(stack, true)).toThrow(/PGF-NET-7 security rule azurerm_network_security_rule\.[\w-]+ allows inbound PostgreSQL from "Internet"\./);
  });

  test('the association removed by count = 0', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const association = stack.node.findAll().find((c) => c.node.id === 'SecurityGroupAssociation') as unknown as { addOverride(path: string, value: unknown): void };
    association.addOverride('count', 0);
    expect(() => Testing.synth(stack, true)).toThrow(/PGF-NET-7 no network security group is associated with the delegated subnet/);
  });
});

describe('validation of the group\'s options', () => {
  const build = (options: Partial<VnetIntegrationOptions>) => () => new SecureFlexibleServer(newStack(), 'Postgres', minimalProps({ network: vnet(options) }));
  const rule = (overrides: Partial<SubnetSecurityRule>) => build({ additionalSecurityRules: [{ ...MONITORING, ...overrides }] });

  test.each([
    ['0.0.0.0/0', 'means any address, the internet included'],
    ['any', 'means any address, the internet included'],
    ['*', 'means any address, the internet included'],
    ['0.0.0.0/1', 'holds 2147483648 addresses, more than a /8 (the widest private range)'],
    ['128.0.0.0/7', 'holds 33554432 addresses, more than a /8 (the widest private range)'],
  ])('source %s is refused', (source, problem) => {
    expect(build({ allowedSources: [source] })).toThrow(`Invalid network.vnetIntegration.allowedSources[0]: "${source}" ${problem}, and would open PostgreSQL to the internet.`);
  });

  test.each(['10.0.0.0/8', '172.16.0.0/12', 'VirtualNetwork', 'AzureLoadBalancer', '203.0.113.7', '198.51.100.0/24'])('source %s is accepted', (source) => {
    expect(build({ allowedSources: [source] })).not.toThrow();
  });

  test('a source with host bits is refused as Azure refuses it', () => {
    expect(build({ allowedSources: ['10.1.2.3/16'] })).toThrow('Invalid network.vnetIntegration.allowedSources[0]: "10.1.2.3/16" has host bits set, which Azure refuses. Fix: start the range at its network address, "10.1.0.0/16".');
  });

  test('more than 80 sources do not fit the construct\'s priorities', () => {
    const sources = Array.from({ length: 81 }, (_, i) => `10.${i}.0.0/16`);
    expect(build({ allowedSources: sources })).toThrow('Invalid network.vnetIntegration.allowedSources: ');
    expect(build({ allowedSources: sources })).toThrow('lists 81 sources, more than the 80 the group has room for. Fix: list 1 to 80 sources');
    expect(build({ allowedSources: sources.slice(0, 80) })).not.toThrow();
  });

  test('allowedSources next to an existing group is refused too: the construct adds no rules to it', () => {
    expect(build({ networkSecurityGroupResourceId: EXISTING_NSG, allowedSources: ['VirtualNetwork'] })).toThrow(
      'Invalid network.vnetIntegration.allowedSources: ["VirtualNetwork"] has no effect next to networkSecurityGroupResourceId',
    );
  });

  test('an existing group must be given by a network security group ID', () => {
    expect(build({ networkSecurityGroupResourceId: `${VNET_ID}/subnets/snet-db` })).toThrow('Invalid network.vnetIntegration.networkSecurityGroupResourceId: ');
  });

  test.each([[99, 'is not a priority Azure accepts for a rule'], [4096, 'is taken by the rules the construct writes'], [1000, 'is taken by the rules the construct writes'], [1099, 'is taken by the rules the construct writes'], [150.5, 'is not a priority Azure accepts for a rule']])('priority %s is refused: %s', (priority, problem) => {
    expect(rule({ priority })).toThrow(`Invalid network.vnetIntegration.additionalSecurityRules[0].priority: ${priority} ${problem}.`);
  });

  test.each([100, 999, 1100, 4095])('priority %s is accepted', (priority) => {
    expect(rule({ priority })).not.toThrow();
  });

  test('the same priority in the other direction is accepted', () => {
    expect(build({ additionalSecurityRules: [MONITORING, { ...MONITORING, name: 'DenyLegacy', direction: SecurityRuleDirection.INBOUND, access: SecurityRuleAccess.DENY, sourceAddressPrefix: '10.9.0.0/16' }] })).not.toThrow();
  });

  test('two rules of one name in different case are refused', () => {
    expect(build({ additionalSecurityRules: [MONITORING, { ...MONITORING, name: 'allowazuremonitorout', priority: 201 }] })).toThrow(
      'Invalid network.vnetIntegration.additionalSecurityRules[1].name: "allowazuremonitorout" is used twice (names ignore case). Fix: give each rule its own name.',
    );
  });

  test('a rule may not take the name of a client rule the construct writes for a source', () => {
    expect(build({ allowedSources: ['10.1.0.0/16'], additionalSecurityRules: [{ ...MONITORING, name: 'AllowPostgresFrom-10.1.0.0_16' }] })).toThrow('is the name of a rule the construct writes');
  });

  test.each([['a service tag', 'AzureMonitor'], ['an address', '20.1.2.3'], ['"*"', '*']])('destination %s is accepted', (_, prefix) => {
    expect(rule({ destinationAddressPrefix: prefix })).not.toThrow();
  });

  test.each(['10.0.0.0/40', 'my-subnet', '10.0.0.256'])('prefix %s is refused', (prefix) => {
    expect(rule({ sourceAddressPrefix: prefix })).toThrow(`Invalid network.vnetIntegration.additionalSecurityRules[0].sourceAddressPrefix: "${prefix}" is not an address prefix.`);
  });

  test.each(['65536', '0-70000', 'http', '80,443'])('port range %s is refused', (port) => {
    expect(rule({ sourcePortRange: port })).toThrow(`Invalid network.vnetIntegration.additionalSecurityRules[0].sourcePortRange: "${port}" is not a port range.`);
  });

  test('an inbound deny from anywhere is accepted; an inbound allow from the internet on any port is not', () => {
    const inbound = { direction: SecurityRuleDirection.INBOUND, sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*', destinationPortRange: '443' };
    expect(rule({ ...inbound, access: SecurityRuleAccess.DENY })).not.toThrow();
    expect(rule({ ...inbound, access: SecurityRuleAccess.ALLOW })).toThrow('"Internet" means any address, the internet included: an inbound allow from it would open the delegated subnet to the internet.');
  });

  test('an outbound allow to the internet is the user\'s call', () => {
    expect(rule({ destinationAddressPrefix: 'Internet' })).not.toThrow();
  });

  test('a rule name known only at apply time passes through, under a construct id by position', () => {
    const stack = newStack();
    const name = new TerraformVariable(stack, 'rule_name', { type: 'string' }).stringValue;
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnet({ additionalSecurityRules: [{ ...MONITORING, name }] }) }));
    expect(stack.node.findAll().some((c) => c.node.id === 'SecurityRule6')).toBe(true);
  });

  test('nothing is added after a refusal', () => {
    const stack = newStack();
    expect(() => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnet({ allowedSources: ['Internet'] }) }))).toThrow();
    expect(stack.node.findAll().some((c) => ['Server', 'Subnet', 'SecurityGroup'].includes(c.node.id))).toBe(false);
  });
});

describe('sources that together open PostgreSQL widely need a justification (wideSources)', () => {
  const REASON = 'the reporting vendor connects from its whole Azure region';
  /** One inbound 5432 allow per public /8 from 1.0.0.0/8 on, leaving out 10/8 and 127/8. */
  const slash8Rules = (count: number): SubnetSecurityRule[] => Array.from({ length: 223 }, (_, i) => i + 1)
    .filter((octet) => octet !== 10 && octet !== 127)
    .slice(0, count)
    .map((octet, index) => ({
      name: `AllowFrom${octet}`,
      priority: 100 + index,
      direction: SecurityRuleDirection.INBOUND,
      access: SecurityRuleAccess.ALLOW,
      protocol: SecurityRuleProtocol.TCP,
      sourceAddressPrefix: `${octet}.0.0.0/8`,
      destinationAddressPrefix: '*',
      destinationPortRange: '5432',
    }));
  const build = (options: Partial<VnetIntegrationOptions>, stack = newStack()) => () => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnet(options) }));

  test('AzureCloud, which holds every Azure customer\'s addresses, is refused unstated, with the whole message', () => {
    expect(build({ allowedSources: ['VirtualNetwork', 'AzureCloud'] })).toThrow(
      'Invalid network.vnetIntegration: ["VirtualNetwork","AzureCloud"] (allowedSources and the inbound PostgreSQL rules of additionalSecurityRules) let PostgreSQL in from the service tag(s) "AzureCloud", which hold other Azure tenants\' addresses. Fix: allow only your clients\' address ranges or "VirtualNetwork", or state the need with network.vnetIntegration.wideSources: { justification }.',
    );
  });

  test.each(['AzureCloud.WestEurope', 'Sql.WestEurope', 'DataFactory'])('service tag %s is refused unstated too', (tag) => {
    expect(build({ allowedSources: [tag] })).toThrow(`let PostgreSQL in from the service tag(s) "${tag}", which hold other Azure tenants' addresses.`);
  });

  test('many additional rules of one public /8 each are counted together (the adversary\'s 221 rules)', () => {
    const rules = slash8Rules(221);
    expect(build({ additionalSecurityRules: rules })).toThrow(/^Invalid network\.vnetIntegration: \["VirtualNetwork","1\.0\.0\.0\/8",.*… \(allowedSources and the inbound PostgreSQL rules of additionalSecurityRules\) let PostgreSQL in from 3702390784 public addresses together \(overlaps counted once\), more than 256 \(a \/24\)\. Fix: allow only your clients' address ranges or "VirtualNetwork", or state the need with network\.vnetIntegration\.wideSources: \{ justification \}\.$/);
  });

  test('79 public /8 sources next to AzureCloud are refused', () => {
    const sources = ['AzureCloud', ...slash8Rules(79).map((rule) => rule.sourceAddressPrefix)];
    expect(build({ allowedSources: sources })).toThrow('let PostgreSQL in from 1325400064 public addresses together (overlaps counted once), more than 256 (a /24), and the service tag(s) "AzureCloud", which hold other Azure tenants\' addresses.');
  });

  test('rules that do not let PostgreSQL in are not counted: a deny, outbound, another port, UDP', () => {
    const [rule] = slash8Rules(1);
    const others = [
      { ...rule, name: 'Deny', access: SecurityRuleAccess.DENY, sourceAddressPrefix: 'AzureCloud' },
      { ...rule, name: 'Out', priority: 101, direction: SecurityRuleDirection.OUTBOUND, sourceAddressPrefix: 'AzureCloud' },
      { ...rule, name: 'Https', priority: 102, sourceAddressPrefix: 'AzureCloud', destinationPortRange: '443' },
      { ...rule, name: 'Udp', priority: 103, protocol: SecurityRuleProtocol.UDP, sourceAddressPrefix: 'AzureCloud' },
    ];
    expect(build({ additionalSecurityRules: others })).not.toThrow();
  });

  test('an any-protocol rule on a port range holding 5432 is counted', () => {
    const [rule] = slash8Rules(1);
    expect(build({ additionalSecurityRules: [{ ...rule, protocol: SecurityRuleProtocol.ANY, destinationPortRange: '5000-6000', sourceAddressPrefix: 'AzureCloud' }] })).toThrow('"AzureCloud", which hold other Azure tenants\' addresses.');
  });

  test('a short justification is refused', () => {
    expect(build({ allowedSources: ['AzureCloud'], wideSources: { justification: 'vendor' } })).toThrow(
      'Invalid network.vnetIntegration.wideSources.justification: "vendor" is too short to justify the choice to let PostgreSQL in from more than 256 public addresses or from other Azure tenants\' addresses.',
    );
  });

  test('with a justification: the rules are written, a warning names them, and PGF-NET-11 is suppressed with the reason', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnet({ allowedSources: ['VirtualNetwork', 'AzureCloud.WestEurope'], wideSources: { justification: REASON } }) }));
    const synth = JSON.parse(Testing.synth(stack)) as SynthesizedStack;
    expect(rulesByName(synth)['AllowPostgresFrom-AzureCloud.WestEurope'].source_address_prefix).toBe('AzureCloud.WestEurope');
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:WideNetworkSources] The network security group lets PostgreSQL in from the service tag(s) "AzureCloud.WestEurope", which hold other Azure tenants' addresses. Justification: "${REASON}".`);
    const finding = evaluateStack(stack.toTerraform(), ALL_RULES).findings.find((f) => f.ruleId === 'PGF-NET-11')!;
    expect(finding).toMatchObject({ status: 'suppressed', reason: REASON });
  });

  test('an additional rule whose destination is disjoint from the subnet is left out of the justified sources, as PGF-NET-11 leaves it out (A17a-9)', () => {
    const stack = newStack();
    const elsewhere = { name: 'ToOtherSubnet', priority: 1100, direction: SecurityRuleDirection.INBOUND, access: SecurityRuleAccess.ALLOW, protocol: SecurityRuleProtocol.TCP, sourceAddressPrefix: '0.0.0.0', destinationAddressPrefix: '10.9.0.0/24', destinationPortRange: '*' };
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnet({ allowedSources: ['1.0.0.0/8'], additionalSecurityRules: [elsewhere], wideSources: { justification: REASON } }) }));
    const findings = evaluateStack(stack.toTerraform(), ALL_RULES).findings;
    expect(findings.filter((f) => f.ruleId === 'PGF-NET-11').map((f) => f.status)).toEqual(['suppressed']);
    expect(findings.filter((f) => f.status === 'fail')).toEqual([]);
  });

  test('the same source added by an override fails synth (no justification on that path)', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const rule = stack.node.findAll().find((c) => c.node.id === 'SecurityRule-AllowPostgresFrom-VirtualNetwork') as unknown as { addOverride(path: string, value: unknown): void };
    rule.addOverride('source_address_prefix', 'AzureCloud');
    expect(() => Testing.synth(stack, true)).toThrow(/PGF-NET-11 the inbound rules of azurerm_network_security_group\.[\w-]+ let PostgreSQL in from the service tag\(s\) "AzureCloud", which hold other Azure tenants' addresses\./);
  });

  test('a raw rule on the construct\'s group splitting the internet in two halves fails synth (the adversary\'s F7)', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new NetworkSecurityRule(stack, 'Open', {
      name: 'open', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
      sourceAddressPrefixes: ['0.0.0.0/1', '128.0.0.0/1'], destinationAddressPrefix: '*', resourceGroupName: 'rg-orders', networkSecurityGroupName: 'orders-db-postgres-nsg',
    });
    expect(() => Testing.synth(stack, true)).toThrow(/PGF-NET-11 the inbound rules of azurerm_network_security_group\.[\w-]+ let PostgreSQL in from 3702390784 public addresses together/);
  });

  test.each<[string, string[], RegExp]>([
    ['from ::/0', ['::/0'], /azurerm_network_security_rule\.Open PGF-NET-7 security rule azurerm_network_security_rule\.Open allows inbound PostgreSQL from "::\/0"\./],
    ['from the IPv6 internet in two halves', ['::/1', '8000::/1'], /PGF-NET-11 the inbound rules of azurerm_network_security_group\.[\w-]+ let PostgreSQL in from 337291603930422402749341041546137436158 public addresses together/],
  ])('a raw rule on the construct\'s group %s fails synth, as allowedSources refuses IPv6', (_, sources, error) => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new NetworkSecurityRule(stack, 'Open', {
      name: 'open', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
      sourceAddressPrefixes: sources, destinationAddressPrefix: '*', resourceGroupName: 'rg-orders', networkSecurityGroupName: 'orders-db-postgres-nsg',
    });
    expect(() => Testing.synth(stack, true)).toThrow(error);
  });
});
