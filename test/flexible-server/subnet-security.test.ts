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
import { minimalProps, newStack, onlyResource, resourcesOf, SUBSCRIPTION, synthFlexible, SynthesizedStack, TerraformBlock, VNET_ID } from '../helpers';

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
  const synth = synthFlexible(minimalProps({ network: vnet({ allowedSources: ['10.20.0.0/16', 'AzureCloud.westeurope', '192.168.4.7'] }) }));
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
