import * as fs from 'fs';
import * as path from 'path';
import { DataAzurermVirtualNetwork } from '@cdktf/provider-azurerm/lib/data-azurerm-virtual-network';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Fn, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import { FirewallRange, FlexibleServerNetwork, PublicAccessOptions, SecureFlexibleServer } from '../../lib';
import { ValidationError } from '../../lib/private/validation-error';
import {
  minimalProps,
  newStack,
  onlyResource,
  PRIVATE_LINK_ZONE_ID,
  resourcesOf,
  SUBNET_ID,
  SUBSCRIPTION,
  synthFlexible,
  SynthesizedStack,
  synthStack,
  VNET_ID,
  VNET_ZONE_ID,
  warningsOf,
} from '../helpers';
import { muteCdktfEscapeWarnings } from '../support/cdktf-escape-warnings';

muteCdktfEscapeWarnings();

// Server name in minimalProps(); DNS rules depend on it.
const SERVER_NAME = 'orders-db';
const SERVER = 'azurerm_postgresql_flexible_server';
const SUBNET = 'azurerm_subnet';
const ZONE = 'azurerm_private_dns_zone';
const LINK = 'azurerm_private_dns_zone_virtual_network_link';
const ENDPOINT = 'azurerm_private_endpoint';
const FIREWALL_RULE = 'azurerm_postgresql_flexible_server_firewall_rule';
const JUSTIFICATION = 'vendor appliance needs direct access until Q3';
const DNS_ZONES = `${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones`;
const OFFICE: FirewallRange = { name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' };
const HOME: FirewallRange = { name: 'home', startIpAddress: '198.51.100.7', endIpAddress: '198.51.100.7' };

/** The Terraform address of the only resource of a type, e.g. "azurerm_subnet.Postgres_Subnet_1234". */
function addressOf(synth: SynthesizedStack, type: string): string {
  onlyResource(synth, type);
  return `${type}.${Object.keys(synth.resource[type])[0]}`;
}

/** A Terraform reference to an attribute of the only resource of a type. */
function refTo(synth: SynthesizedStack, type: string, attribute: string): string {
  return `\${${addressOf(synth, type)}.${attribute}}`;
}

/** Firewall rules by rule name. */
function firewallRules(synth: SynthesizedStack): { [name: string]: { [key: string]: any } } {
  return Object.fromEntries(resourcesOf(synth, FIREWALL_RULE).map((rule) => [rule.name, rule]));
}

/** The Terraform address of the firewall rule with a given rule name. */
function firewallRuleAddress(synth: SynthesizedStack, ruleName: string): string {
  const [key] = Object.entries(synth.resource[FIREWALL_RULE]).find(([, rule]) => rule.name === ruleName)!;
  return `${FIREWALL_RULE}.${key}`;
}

/** Synthesizes a server on the given network; also returns the construct and the warnings it printed. */
function build(network: FlexibleServerNetwork) {
  let server!: SecureFlexibleServer;
  let warnings: string[] = [];
  const synth = synthFlexible(minimalProps({ network }), (s, stack: Construct) => {
    server = s;
    warnings = warningsOf(stack);
  });
  return { synth, server, warnings };
}

const PROPERTIES = ['subnetId', 'privateDnsZoneId', 'privateEndpointId'] as const;

/** Like build, and what each network property of the construct resolves to in Terraform (through outputs). */
function buildWithProperties(network: FlexibleServerNetwork) {
  let server!: SecureFlexibleServer;
  const synth = synthFlexible(minimalProps({ network }), (s, stack: Construct) => {
    server = s;
    for (const property of PROPERTIES) {
      if (s[property] !== undefined) new TerraformOutput(stack, property, { value: s[property] });
    }
  });
  const outputs = (synth as unknown as { output?: { [name: string]: { value: string } } }).output ?? {};
  const resolved = Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
  return { synth, server, resolved };
}

const vnetIntegration = (overrides: Partial<{ virtualNetworkResourceId: string; subnetAddressPrefix: string; subnetName: string; privateDnsZoneName: string }> = {}) =>
  FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', ...overrides });
const publicAccess = (allowedIpRanges: FirewallRange[], allowAzureServices?: boolean) =>
  FlexibleServerNetwork.publicAccess({ allowedIpRanges, allowAzureServices, justification: JUSTIFICATION });
const oneRange = (startIpAddress: string, endIpAddress: string, name = 'office') => publicAccess([{ name, startIpAddress, endIpAddress }]);

describe('vnetIntegration', () => {
  const { synth } = build(vnetIntegration());
  const server = onlyResource(synth, SERVER);

  test('public network access is off', () => {
    expect(server.public_network_access_enabled).toBe(false);
  });

  test('a subnet delegated to Flexible Server is created in the VNet', () => {
    const subnet = onlyResource(synth, SUBNET);
    expect(subnet).toMatchObject({
      name: `${SERVER_NAME}-postgres`,
      resource_group_name: 'rg-network',
      virtual_network_name: 'vnet-hub',
      address_prefixes: ['10.0.1.0/28'],
    });
    expect(subnet.delegation).toEqual([
      {
        name: 'postgresql-flexible-server',
        service_delegation: {
          name: 'Microsoft.DBforPostgreSQL/flexibleServers',
          actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
        },
      },
    ]);
  });

  test('the server is placed in the new subnet', () => {
    expect(server.delegated_subnet_id).toBe(refTo(synth, SUBNET, 'id'));
  });

  test('a private DNS zone is created and the server uses it', () => {
    expect(onlyResource(synth, ZONE)).toMatchObject({ name: `${SERVER_NAME}.private.postgres.database.azure.com`, resource_group_name: 'rg-orders' });
    expect(server.private_dns_zone_id).toBe(refTo(synth, ZONE, 'id'));
  });

  test('the zone is linked to the VNet without auto-registration', () => {
    expect(onlyResource(synth, LINK)).toMatchObject({
      private_dns_zone_name: refTo(synth, ZONE, 'name'),
      virtual_network_id: VNET_ID,
      registration_enabled: false,
    });
  });

  test('the server waits for the VNet link and for the subnet\'s security group association and rules', () => {
    const rules = resourcesOf(synth, 'azurerm_network_security_rule');
    expect(rules).toHaveLength(6);
    const ruleAddresses = Object.keys(synth.resource.azurerm_network_security_rule).map((name) => `azurerm_network_security_rule.${name}`);
    expect(server.depends_on.slice(0, 2)).toEqual([addressOf(synth, LINK), addressOf(synth, 'azurerm_subnet_network_security_group_association')]);
    expect([...server.depends_on.slice(2)].sort()).toEqual(ruleAddresses.sort());
  });

  test('no private endpoint and no firewall rule', () => {
    expect(resourcesOf(synth, ENDPOINT)).toHaveLength(0);
    expect(resourcesOf(synth, FIREWALL_RULE)).toHaveLength(0);
  });

  test('a custom subnet name and DNS zone name are used', () => {
    const custom = build(vnetIntegration({ subnetName: 'snet-pg', privateDnsZoneName: 'orders.private.postgres.database.azure.com' })).synth;
    expect(onlyResource(custom, SUBNET).name).toBe('snet-pg');
    expect(onlyResource(custom, ZONE).name).toBe('orders.private.postgres.database.azure.com');
  });
});

describe('existingVnetIntegration', () => {
  const { synth } = build(FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: VNET_ZONE_ID }));
  const server = onlyResource(synth, SERVER);

  test('no subnet, DNS zone or VNet link is created', () => {
    expect(resourcesOf(synth, SUBNET)).toHaveLength(0);
    expect(resourcesOf(synth, ZONE)).toHaveLength(0);
    expect(resourcesOf(synth, LINK)).toHaveLength(0);
  });

  test('the server uses the given subnet and zone', () => {
    expect(server.delegated_subnet_id).toBe(SUBNET_ID);
    expect(server.private_dns_zone_id).toBe(VNET_ZONE_ID);
  });

  test('public network access is off', () => {
    expect(server.public_network_access_enabled).toBe(false);
  });
});

describe('privateEndpoint', () => {
  const { synth } = build(FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID }));
  const server = onlyResource(synth, SERVER);
  const endpoint = onlyResource(synth, ENDPOINT);

  test('the server is not VNet-integrated', () => {
    expect(server.delegated_subnet_id).toBeUndefined();
    expect(server.private_dns_zone_id).toBeUndefined();
    expect(resourcesOf(synth, SUBNET)).toHaveLength(0);
  });

  test('public network access is off', () => {
    expect(server.public_network_access_enabled).toBe(false);
  });

  test('the endpoint sits in the given subnet', () => {
    expect(endpoint.subnet_id).toBe(SUBNET_ID);
  });

  test('the endpoint connects automatically to the server\'s postgresqlServer sub-resource', () => {
    expect(endpoint.private_service_connection).toMatchObject({
      subresource_names: ['postgresqlServer'],
      is_manual_connection: false,
      private_connection_resource_id: refTo(synth, SERVER, 'id'),
    });
  });

  test('a privatelink zone is created and linked to the subnet\'s VNet', () => {
    expect(onlyResource(synth, ZONE).name).toBe('privatelink.postgres.database.azure.com');
    expect(onlyResource(synth, LINK)).toMatchObject({ private_dns_zone_name: refTo(synth, ZONE, 'name'), virtual_network_id: VNET_ID });
  });

  test('the endpoint registers in the privatelink zone after the link exists', () => {
    expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual([refTo(synth, ZONE, 'id')]);
    expect(endpoint.depends_on).toEqual([addressOf(synth, LINK)]);
  });

  test('no firewall rule', () => {
    expect(resourcesOf(synth, FIREWALL_RULE)).toHaveLength(0);
  });

  describe('with an existing privatelink zone', () => {
    const existing = build(FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID })).synth;

    test('no zone or VNet link is created', () => {
      expect(resourcesOf(existing, ZONE)).toHaveLength(0);
      expect(resourcesOf(existing, LINK)).toHaveLength(0);
    });

    test('the zone group uses the given zone', () => {
      expect(onlyResource(existing, ENDPOINT).private_dns_zone_group.private_dns_zone_ids).toEqual([PRIVATE_LINK_ZONE_ID]);
    });
  });
});

describe('publicAccess', () => {
  const { synth, warnings } = build(publicAccess([OFFICE, HOME]));
  const server = onlyResource(synth, SERVER);

  test('public network access is on', () => {
    expect(server.public_network_access_enabled).toBe(true);
  });

  test('the server is not VNet-integrated and has no private endpoint', () => {
    expect(server.delegated_subnet_id).toBeUndefined();
    expect(server.private_dns_zone_id).toBeUndefined();
    expect(resourcesOf(synth, ENDPOINT)).toHaveLength(0);
  });

  test('one firewall rule per range, with its name and addresses', () => {
    const rules = resourcesOf(synth, FIREWALL_RULE).map((rule) => ({ name: rule.name, start: rule.start_ip_address, end: rule.end_ip_address }));
    expect(rules).toEqual(expect.arrayContaining([
      { name: 'office', start: '203.0.113.10', end: '203.0.113.20' },
      { name: 'home', start: '198.51.100.7', end: '198.51.100.7' },
    ]));
    expect(rules).toHaveLength(2);
  });

  test('the rules belong to the server', () => {
    const serverId = refTo(synth, SERVER, 'id');
    expect(resourcesOf(synth, FIREWALL_RULE).map((rule) => rule.server_id)).toEqual([serverId, serverId]);
  });

  test('the rules are applied one after another', () => {
    const rules = firewallRules(synth);
    expect(rules.office.depends_on).toHaveLength(1);
    expect(rules.office.depends_on[0]).not.toMatch(new RegExp(`^${FIREWALL_RULE}\\.`));
    expect(rules.home.depends_on).toEqual([firewallRuleAddress(synth, 'office')]);
  });

  test('a warning with a stable id carries the justification', () => {
    expect(warnings).toContainEqual(expect.stringContaining('[cdktf-azure-postgres:PublicNetworkAccess]'));
    expect(warnings.find((w) => w.includes('PublicNetworkAccess'))).toContain(JUSTIFICATION);
  });

  test('without allowAzureServices there is no 0.0.0.0 rule', () => {
    expect(resourcesOf(synth, FIREWALL_RULE).filter((rule) => rule.start_ip_address === '0.0.0.0')).toHaveLength(0);
  });

  test('without allowAzureServices there is no AzureServicesAllowed warning', () => {
    expect(warnings).toHaveLength(1); // the PublicNetworkAccess warning, proving warnings are read at all
    expect(warnings).not.toContainEqual(expect.stringContaining('AzureServicesAllowed'));
  });

  describe('with allowAzureServices', () => {
    const azure = build(publicAccess([OFFICE], true));

    test('the 0.0.0.0-0.0.0.0 rule is added after the listed ranges', () => {
      const rules = firewallRules(azure.synth);
      expect(rules.AllowAllAzureServicesAndResourcesWithinAzureIps).toMatchObject({ start_ip_address: '0.0.0.0', end_ip_address: '0.0.0.0' });
      expect(rules.AllowAllAzureServicesAndResourcesWithinAzureIps.depends_on).toEqual([firewallRuleAddress(azure.synth, 'office')]);
    });

    test('an AzureServicesAllowed warning carries the justification', () => {
      const warning = azure.warnings.find((w) => w.includes('[cdktf-azure-postgres:AzureServicesAllowed]'));
      expect(warning).toBeDefined();
      expect(warning).toContain(JUSTIFICATION);
    });

    test('no listed range is needed', () => {
      const rules = resourcesOf(build(publicAccess([], true)).synth, FIREWALL_RULE);
      expect(rules.map((rule) => rule.name)).toEqual(['AllowAllAzureServicesAndResourcesWithinAzureIps']);
    });

    test('allowedIpRanges cannot be left out, even by a JavaScript caller: an empty list says "no ranges"', () => {
      const network = FlexibleServerNetwork.publicAccess({ allowAzureServices: true, justification: JUSTIFICATION } as unknown as PublicAccessOptions);
      expect(() => build(network)).toThrow(new Error('Invalid network.publicAccess.allowedIpRanges: (not set) is required. Fix: list the public ranges of your clients.'));
    });

    test('a range named AllowAzureServices does not clash with the Azure services rule', () => {
      const named: FirewallRange = { name: 'AllowAzureServices', startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.1' };
      const rules = resourcesOf(build(publicAccess([named], true)).synth, FIREWALL_RULE);
      expect(rules.map((rule) => rule.name).sort()).toEqual(['AllowAllAzureServicesAndResourcesWithinAzureIps', 'AllowAzureServices']);
    });
  });
});

describe('public properties', () => {
  test('vnetIntegration: subnetId and privateDnsZoneId reference the new resources, no privateEndpointId', () => {
    const { server, synth, resolved } = buildWithProperties(vnetIntegration());
    expect(Token.isUnresolved(server.subnetId)).toBe(true);
    expect(Token.isUnresolved(server.privateDnsZoneId)).toBe(true);
    expect(resolved).toEqual({ subnetId: refTo(synth, SUBNET, 'id'), privateDnsZoneId: refTo(synth, ZONE, 'id') });
    expect(server.privateEndpointId).toBeUndefined();
  });

  test('existingVnetIntegration: subnetId and privateDnsZoneId are the given IDs, no privateEndpointId', () => {
    const { server } = build(FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: VNET_ZONE_ID }));
    expect(server.subnetId).toBe(SUBNET_ID);
    expect(server.privateDnsZoneId).toBe(VNET_ZONE_ID);
    expect(server.privateEndpointId).toBeUndefined();
  });

  test('privateEndpoint: privateEndpointId and privateDnsZoneId reference the new resources, no subnetId', () => {
    const { server, synth, resolved } = buildWithProperties(FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID }));
    expect(Token.isUnresolved(server.privateEndpointId)).toBe(true);
    expect(Token.isUnresolved(server.privateDnsZoneId)).toBe(true);
    expect(resolved).toEqual({ privateEndpointId: refTo(synth, ENDPOINT, 'id'), privateDnsZoneId: refTo(synth, ZONE, 'id') });
    expect(server.subnetId).toBeUndefined();
  });

  test('privateEndpoint with an existing zone: privateDnsZoneId is the given ID', () => {
    const { server } = build(FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }));
    expect(server.privateDnsZoneId).toBe(PRIVATE_LINK_ZONE_ID);
    expect(Token.isUnresolved(server.privateEndpointId)).toBe(true);
    expect(server.subnetId).toBeUndefined();
  });

  test('publicAccess: no subnetId, privateDnsZoneId or privateEndpointId', () => {
    const { server } = build(publicAccess([OFFICE]));
    expect(server.subnetId).toBeUndefined();
    expect(server.privateDnsZoneId).toBeUndefined();
    expect(server.privateEndpointId).toBeUndefined();
  });
});

// [case, network, the whole error message]
const INVALID: [string, () => FlexibleServerNetwork, string][] = [
  ...([
    ['224.0.0.0/28', '224.0.0.0/4 (multicast)'],
    ['255.255.255.240/28', '255.255.255.255/32 (broadcast)'],
    ['127.0.1.0/24', '127.0.0.0/8 (loopback)'],
    ['169.254.0.0/28', '169.254.0.0/16 (link-local)'],
    ['168.63.128.0/22', '168.63.129.16/32 (Azure\'s internal DNS)'],
    ['128.0.0.0/1', '224.0.0.0/4 (multicast)'],
  ].map(([prefix, reserved]): [string, () => FlexibleServerNetwork, string] => [
    `subnet prefix ${prefix} in a range Azure reserves`,
    () => vnetIntegration({ subnetAddressPrefix: prefix }),
    `Invalid network.vnetIntegration.subnetAddressPrefix: "${prefix}" overlaps ${reserved}, which Azure does not allow in a virtual network. Fix: use a private range such as "10.0.2.0/28" (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16).`,
  ])),
  [
    'subnet prefix smaller than /28',
    () => vnetIntegration({ subnetAddressPrefix: '10.0.1.0/29' }),
    'Invalid network.vnetIntegration.subnetAddressPrefix: "10.0.1.0/29" is smaller than /28, the least a Flexible Server subnet needs. Fix: use /28 or larger, e.g. "10.0.1.0/28".',
  ],
  [
    'subnet prefix smaller than /28, off a /28 boundary (the fix must be a valid range)',
    () => vnetIntegration({ subnetAddressPrefix: '10.0.1.8/29' }),
    'Invalid network.vnetIntegration.subnetAddressPrefix: "10.0.1.8/29" is smaller than /28, the least a Flexible Server subnet needs. Fix: use /28 or larger, e.g. "10.0.1.0/28".',
  ],
  [
    'subnet prefix with host bits set',
    () => vnetIntegration({ subnetAddressPrefix: '10.0.1.16/27' }),
    'Invalid network.vnetIntegration.subnetAddressPrefix: "10.0.1.16/27" has host bits set. Fix: start the range at its network address, "10.0.1.0/27".',
  ],
  [
    'subnet prefix that is not a CIDR range',
    () => vnetIntegration({ subnetAddressPrefix: '10.0.1.0' }),
    'Invalid network.vnetIntegration.subnetAddressPrefix: "10.0.1.0" is not an IPv4 CIDR range. Fix: write it as address/length, e.g. "10.0.2.0/28".',
  ],
  [
    'subnet name reserved by Azure',
    () => vnetIntegration({ subnetName: 'GatewaySubnet' }),
    'Invalid network.vnetIntegration.subnetName: "GatewaySubnet" is reserved by Azure for another service. Fix: choose another name, e.g. "postgres".',
  ],
  [
    'invalid subnet name',
    () => vnetIntegration({ subnetName: '-postgres' }),
    'Invalid network.vnetIntegration.subnetName: "-postgres" is not a valid subnet name. Fix: use 1-80 letters, digits, ".", "-" or "_", starting with a letter or digit and ending with a letter, digit or "_".',
  ],
  [
    'DNS zone without the postgres suffix',
    () => vnetIntegration({ privateDnsZoneName: 'orders.example.com' }),
    'Invalid network.vnetIntegration.privateDnsZoneName: "orders.example.com" is not a zone ending in ".postgres.database.azure.com". Fix: use a name such as "orders-db.private.postgres.database.azure.com".',
  ],
  [
    'DNS zone equal to the server\'s public host name',
    () => vnetIntegration({ privateDnsZoneName: 'orders-db.postgres.database.azure.com' }),
    'Invalid network.vnetIntegration.privateDnsZoneName: "orders-db.postgres.database.azure.com" equals the server\'s own public host name, which Azure refuses. Fix: use a name such as "orders-db.private.postgres.database.azure.com", with two labels before the suffix.',
  ],
  [
    'malformed VNet ID',
    () => vnetIntegration({ virtualNetworkResourceId: SUBNET_ID }),
    `Invalid network.vnetIntegration.virtualNetworkResourceId: "${SUBNET_ID}" is not a virtual network resource ID. Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>.`,
  ],
  [
    'malformed delegated subnet ID',
    () => FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: VNET_ID, privateDnsZoneResourceId: VNET_ZONE_ID }),
    `Invalid network.existingVnetIntegration.delegatedSubnetResourceId: "${VNET_ID}" is not a subnet resource ID. Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>.`,
  ],
  [
    'malformed private endpoint subnet ID',
    () => FlexibleServerNetwork.privateEndpoint({ subnetResourceId: VNET_ID }),
    `Invalid network.privateEndpoint.subnetResourceId: "${VNET_ID}" is not a subnet resource ID. Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>.`,
  ],
  [
    'existing zone ID whose name lacks the postgres suffix',
    () => FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: `${DNS_ZONES}/orders.example.com` }),
    `Invalid network.existingVnetIntegration.privateDnsZoneResourceId: "${DNS_ZONES}/orders.example.com" is not a zone ending in ".postgres.database.azure.com". Fix: give the ID of a zone named like "orders-db.private.postgres.database.azure.com".`,
  ],
  [
    'existing zone ID named after the server\'s public host name',
    () => FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: `${DNS_ZONES}/orders-db.postgres.database.azure.com` }),
    `Invalid network.existingVnetIntegration.privateDnsZoneResourceId: "${DNS_ZONES}/orders-db.postgres.database.azure.com" equals the server's own public host name, which Azure refuses. Fix: give the ID of a zone named like "orders-db.private.postgres.database.azure.com", with two labels before the suffix.`,
  ],
  [
    'private endpoint zone that is not privatelink',
    () => FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: VNET_ZONE_ID }),
    `Invalid network.privateEndpoint.privateDnsZoneResourceId: "${VNET_ZONE_ID}" names zone "orders.private.postgres.database.azure.com", which Private Link does not resolve PostgreSQL servers in. Fix: give the ID of a "privatelink.postgres.database.azure.com" zone, or leave it out to create one.`,
  ],
  [
    'public access with no range',
    () => publicAccess([]),
    'Invalid network.publicAccess.allowedIpRanges: [] is empty, so public access would let no one in. Fix: list the public ranges of your clients, or use vnetIntegration or privateEndpoint.',
  ],
  [
    'public access without justification',
    () => FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE] } as unknown as { allowedIpRanges: FirewallRange[]; justification: string }),
    'Invalid network.publicAccess.justification: (not set) is required to open the server to public network access. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
  ],
  [
    'public access with a too-short justification',
    () => FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: 'because' }),
    'Invalid network.publicAccess.justification: "because" is too short to justify the choice to open the server to public network access. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
  ],
  [
    'range 0.0.0.0-255.255.255.255',
    () => oneRange('0.0.0.0', '255.255.255.255'),
    'Invalid network.publicAccess.allowedIpRanges[0]: "0.0.0.0-255.255.255.255" starts at 0.0.0.0 or ends at 255.255.255.255, which opens the server to a large part of the internet. Fix: list only the public addresses of your clients.',
  ],
  [
    'range starting at 0.0.0.0',
    () => oneRange('0.0.0.0', '10.0.0.1'),
    'Invalid network.publicAccess.allowedIpRanges[0]: "0.0.0.0-10.0.0.1" starts at 0.0.0.0 or ends at 255.255.255.255, which opens the server to a large part of the internet. Fix: list only the public addresses of your clients.',
  ],
  [
    'range ending at 255.255.255.255',
    () => oneRange('203.0.113.1', '255.255.255.255'),
    'Invalid network.publicAccess.allowedIpRanges[0]: "203.0.113.1-255.255.255.255" starts at 0.0.0.0 or ends at 255.255.255.255, which opens the server to a large part of the internet. Fix: list only the public addresses of your clients.',
  ],
  [
    'range that starts after it ends',
    () => oneRange('203.0.113.20', '203.0.113.10'),
    'Invalid network.publicAccess.allowedIpRanges[0]: "203.0.113.20-203.0.113.10" starts after it ends. Fix: swap the addresses: "203.0.113.10" to "203.0.113.20".',
  ],
  [
    'range start written as CIDR',
    () => oneRange('10.0.0.0/24', '10.0.0.255'),
    'Invalid network.publicAccess.allowedIpRanges[0].startIpAddress: "10.0.0.0/24" is not an IPv4 address. Fix: write a single address such as "203.0.113.10" (no CIDR suffix).',
  ],
  [
    'range end with an octet above 255',
    () => oneRange('203.0.113.1', '256.1.1.1'),
    'Invalid network.publicAccess.allowedIpRanges[0].endIpAddress: "256.1.1.1" is not an IPv4 address. Fix: write a single address such as "203.0.113.10" (no CIDR suffix).',
  ],
  [
    'the Azure services rule given as a range',
    () => oneRange('0.0.0.0', '0.0.0.0'),
    'Invalid network.publicAccess.allowedIpRanges[0]: "0.0.0.0-0.0.0.0" is the "allow Azure services" rule. Fix: remove it and set allowAzureServices: true if every Azure tenant must reach the server.',
  ],
  [
    'two ranges with the same name',
    () => publicAccess([OFFICE, { ...HOME, name: 'office' }]),
    'Invalid network.publicAccess.allowedIpRanges[1].name: "office" is used twice (names ignore case). Fix: give each range its own name.',
  ],
  [
    'invalid firewall rule name',
    () => oneRange('203.0.113.1', '203.0.113.1', 'my office'),
    'Invalid network.publicAccess.allowedIpRanges[0].name: "my office" is not a valid firewall rule name. Fix: use 1-128 letters, digits, "-" or "_".',
  ],
  [
    'allowedIpRanges smuggled into privateEndpoint',
    () => FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, allowedIpRanges: [OFFICE] } as unknown as { subnetResourceId: string }),
    'Invalid network.privateEndpoint.allowedIpRanges: [{"name":"office","startIpAddress":"203.0.113.10","endIpAddress":"203.0.113.20"}] is not allowed: a server with private access has no firewall rules. Fix: remove the ranges, or use FlexibleServerNetwork.publicAccess({ allowedIpRanges, justification }).',
  ],
  [
    'allowedIpRanges smuggled into vnetIntegration',
    () => FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', allowedIpRanges: [] } as unknown as { virtualNetworkResourceId: string; subnetAddressPrefix: string }),
    'Invalid network.vnetIntegration.allowedIpRanges: [] is not allowed: a server with private access has no firewall rules. Fix: remove the ranges, or use FlexibleServerNetwork.publicAccess({ allowedIpRanges, justification }).',
  ],
  [
    'allowedIpRanges smuggled into existingVnetIntegration',
    () => FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: VNET_ZONE_ID, allowedIpRanges: [] } as unknown as { delegatedSubnetResourceId: string; privateDnsZoneResourceId: string }),
    'Invalid network.existingVnetIntegration.allowedIpRanges: [] is not allowed: a server with private access has no firewall rules. Fix: remove the ranges, or use FlexibleServerNetwork.publicAccess({ allowedIpRanges, justification }).',
  ],
];

describe('validation errors', () => {
  test.each(INVALID)('%s', (_, network, message) => {
    expect(() => synthFlexible(minimalProps({ network: network() }))).toThrow(new Error(message));
  });

  // Next to a reserved range, or in shared address space: Azure allows them in a virtual network.
  test.each(['168.63.129.0/28', '168.63.129.32/28', '100.64.0.0/28', '223.255.255.240/28', '10.0.0.0/8'])('subnet prefix %s synthesizes', (prefix) => {
    const subnet = onlyResource(synthFlexible(minimalProps({ network: vnetIntegration({ subnetAddressPrefix: prefix }) })), SUBNET);
    expect(subnet.address_prefixes).toEqual([prefix]);
  });
});

describe('after a validation error nothing is added', () => {
  test.each(INVALID)('%s', (_, network) => {
    const stack = newStack();
    expect(() => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: network() }))).toThrow(ValidationError);
    expect(synthStack(stack).resource ?? {}).toEqual({});
  });
});

describe('Terraform tokens in place of literals', () => {
  /** A stack with string variables; `variable(name)` gives the token of "var.<name>". */
  function tokenStack() {
    const stack = newStack();
    const variable = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
    const synth = (network: FlexibleServerNetwork) => {
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network }));
      return synthStack(stack);
    };
    return { variable, synth };
  }

  test('vnetIntegration: the VNet ID and address prefix are passed through', () => {
    const { variable, synth } = tokenStack();
    const result = synth(FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: variable('vnet_id'), subnetAddressPrefix: variable('prefix') }));
    expect(onlyResource(result, SUBNET).address_prefixes).toEqual(['${var.prefix}']);
    expect(onlyResource(result, LINK).virtual_network_id).toBe('${var.vnet_id}');
  });

  test('vnetIntegration: the subnet\'s resource group and VNet name are computed by Terraform from the VNet ID', () => {
    const { variable, synth } = tokenStack();
    const subnet = onlyResource(synth(FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: variable('vnet_id'), subnetAddressPrefix: '10.0.1.0/28' })), SUBNET);
    expect(subnet.resource_group_name).toBe('${element(split("/", var.vnet_id), 4)}');
    expect(subnet.virtual_network_name).toBe('${element(split("/", var.vnet_id), 8)}');
  });

  // Fourteenth review, A14b-1: the README's form, a VNet of the stack by reference; Terraform reads the same value.
  test('vnetIntegration: a reference to a VNet (or VNet lookup) of the stack gives the subnet the VNet\'s own resource_group_name and name', () => {
    for (const lookup of [false, true]) {
      const stack = newStack();
      const network = lookup
        ? new DataAzurermVirtualNetwork(stack, 'Network', { name: 'vnet-orders', resourceGroupName: 'rg-net' })
        : new VirtualNetwork(stack, 'Network', { name: 'vnet-orders', resourceGroupName: 'rg-net', location: 'westeurope', addressSpace: ['10.20.0.0/16'] });
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnetIntegration({ virtualNetworkResourceId: network.id }) }));
      const result = synthStack(stack);
      const address = lookup ? 'data.azurerm_virtual_network.Network' : 'azurerm_virtual_network.Network';
      const subnet = onlyResource(result, SUBNET);
      expect([subnet.resource_group_name, subnet.virtual_network_name]).toEqual([`\${${address}.resource_group_name}`, `\${${address}.name}`]);
      expect(onlyResource(result, LINK).virtual_network_id).toBe(`\${${address}.id}`);
    }
  });

  // Fifteenth review, A15b-19: the same VNet ID written as a template of the stack's names; Terraform reads the same value.
  test('vnetIntegration: a VNet ID written as the ID template with whole references or literals as its group and name gives the subnet those parts', () => {
    const stack = newStack();
    const group = new ResourceGroup(stack, 'Group', { name: 'rg-net', location: 'westeurope' });
    const network = new VirtualNetwork(stack, 'Network', { name: 'vnet-orders', resourceGroupName: group.name, location: 'westeurope', addressSpace: ['10.20.0.0/16'] });
    const id = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${network.resourceGroupName}/providers/Microsoft.Network/virtualNetworks/${network.name}`;
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnetIntegration({ virtualNetworkResourceId: id }) }));
    const subnet = onlyResource(synthStack(stack), SUBNET);
    expect([subnet.resource_group_name, subnet.virtual_network_name]).toEqual(['${azurerm_virtual_network.Network.resource_group_name}', '${azurerm_virtual_network.Network.name}']);
    const literal = newStack();
    const vnet = new VirtualNetwork(literal, 'Network', { name: 'vnet-orders', resourceGroupName: 'rg-net', location: 'westeurope', addressSpace: ['10.20.0.0/16'] });
    new SecureFlexibleServer(literal, 'Postgres', minimalProps({ network: vnetIntegration({ virtualNetworkResourceId: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/${vnet.name}` }) }));
    const second = onlyResource(synthStack(literal), SUBNET);
    expect([second.resource_group_name, second.virtual_network_name]).toEqual(['rg-net', '${azurerm_virtual_network.Network.name}']);
  });

  test('vnetIntegration: a VNet ID template whose group or name is more than one reference or literal keeps the parts computed from the ID', () => {
    const stack = newStack();
    const vnet = new VirtualNetwork(stack, 'Network', { name: 'vnet-orders', resourceGroupName: 'rg-net', location: 'westeurope', addressSpace: ['10.20.0.0/16'] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: vnetIntegration({ virtualNetworkResourceId: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-${vnet.resourceGroupName}/providers/Microsoft.Network/virtualNetworks/${Fn.lower(vnet.name)}` }) }));
    const subnet = onlyResource(synthStack(stack), SUBNET);
    expect(subnet.resource_group_name).toMatch(/^\$\{element\(split\("\/", "\/subscriptions\/.*"\), 4\)\}$/);
    expect(subnet.virtual_network_name).toMatch(/^\$\{element\(split\("\/", "\/subscriptions\/.*"\), 8\)\}$/);
  });

  test('vnetIntegration: any other VNet ID token (an attribute of another block, a VNet of another stack) keeps the parts computed from the ID', () => {
    const app = Testing.app();
    const hub = new TerraformStack(app, 'network');
    new AzurermProvider(hub, 'azurerm', { features: [{}] });
    const network = new VirtualNetwork(hub, 'Network', { name: 'vnet-orders', resourceGroupName: 'rg-net', location: 'westeurope', addressSpace: ['10.20.0.0/16'] });
    const other = new TerraformStack(app, 'other');
    new AzurermProvider(other, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(other, 'Postgres', minimalProps({ network: vnetIntegration({ virtualNetworkResourceId: network.id }) }));
    app.synth();
    const subnet = onlyResource(JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'other', 'cdk.tf.json'), 'utf8')), SUBNET);
    expect(subnet.resource_group_name).toMatch(/^\$\{element\(split\("\/", data\.terraform_remote_state\..*\), 4\)\}$/);
    const own = newStack();
    const vnet = new VirtualNetwork(own, 'Network', { name: 'vnet-orders', resourceGroupName: 'rg-net', location: 'westeurope', addressSpace: ['10.20.0.0/16'] });
    new SecureFlexibleServer(own, 'Postgres', minimalProps({ network: vnetIntegration({ virtualNetworkResourceId: Fn.lower(vnet.id) }) }));
    expect(onlyResource(synthStack(own), SUBNET).virtual_network_name).toBe('${element(split("/", lower(azurerm_virtual_network.Network.id)), 8)}');
  });

  test('vnetIntegration: the subnet name is passed through; the zone name, which the construct links to the VNet, must be a literal (A10a-2)', () => {
    const { variable, synth } = tokenStack();
    const result = synth(vnetIntegration({ subnetName: variable('subnet_name') }));
    expect(onlyResource(result, SUBNET).name).toBe('${var.subnet_name}');
    const zoneName = tokenStack();
    expect(() => zoneName.synth(vnetIntegration({ privateDnsZoneName: zoneName.variable('zone_name') }))).toThrow(expect.objectContaining({ code: 'SECURITY-SETTING-TOKEN', prop: 'network.vnetIntegration.privateDnsZoneName' }));
  });

  test('existingVnetIntegration: the subnet and zone IDs are passed through', () => {
    const { variable, synth } = tokenStack();
    const server = onlyResource(synth(FlexibleServerNetwork.existingVnetIntegration({
      delegatedSubnetResourceId: variable('subnet_id'),
      privateDnsZoneResourceId: variable('zone_id'),
    })), SERVER);
    expect(server.delegated_subnet_id).toBe('${var.subnet_id}');
    expect(server.private_dns_zone_id).toBe('${var.zone_id}');
  });

  test('privateEndpoint: the subnet ID is passed through and the zone is linked to its parent VNet', () => {
    const { variable, synth } = tokenStack();
    const result = synth(FlexibleServerNetwork.privateEndpoint({ subnetResourceId: variable('subnet_id') }));
    expect(onlyResource(result, ENDPOINT).subnet_id).toBe('${var.subnet_id}');
    expect(onlyResource(result, LINK).virtual_network_id).toBe('${join("/", slice(split("/", var.subnet_id), 0, 9))}');
  });

  test('privateEndpoint: an existing zone ID is used without creating a zone', () => {
    const { variable, synth } = tokenStack();
    const result = synth(FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: variable('zone_id') }));
    expect(onlyResource(result, ENDPOINT).private_dns_zone_group.private_dns_zone_ids).toEqual(['${var.zone_id}']);
    expect(resourcesOf(result, ZONE)).toHaveLength(0);
  });

  const TOKEN_PROBLEM = 'is a Terraform token, known only at apply time: a security setting known only then could weaken the server with no justification and no warning (Terraform itself refuses a variable in prevent_destroy)';

  test.each(['startIpAddress', 'endIpAddress'] as const)('publicAccess: a token %s is refused, as an address known only at apply time may be anything', (key) => {
    const { variable, synth } = tokenStack();
    const range = { name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20', [key]: variable('address') };
    expect(() => synth(publicAccess([range]))).toThrow(new Error(
      `Invalid network.publicAccess.allowedIpRanges[0].${key}: "\${…}" ${TOKEN_PROBLEM}. Fix: give an IPv4 address as a literal, e.g. "203.0.113.10"; choose per environment in your code, not in a Terraform variable.`,
    ));
  });

  test('publicAccess: a token list of ranges is refused', () => {
    const stack = newStack();
    const ranges = new TerraformVariable(stack, 'ranges', { type: 'list(string)' }).listValue as unknown as FirewallRange[];
    expect(() => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: publicAccess(ranges) }))).toThrow(new Error(
      `Invalid network.publicAccess.allowedIpRanges: ["\${…}"] ${TOKEN_PROBLEM}. Fix: give a list of FirewallRange objects as a literal; choose per environment in your code, not in a Terraform variable.`,
    ));
  });

  test('publicAccess: a token allowAzureServices is refused', () => {
    const stack = newStack();
    const allow = new TerraformVariable(stack, 'allow', { type: 'bool' }).booleanValue as unknown as boolean;
    expect(() => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: publicAccess([], allow) }))).toThrow(new Error(
      `Invalid network.publicAccess.allowAzureServices: \${…} ${TOKEN_PROBLEM}. Fix: give true or false as a literal; choose per environment in your code, not in a Terraform variable.`,
    ));
  });

  test('publicAccess: firewall rule names are passed through', () => {
    const { variable, synth } = tokenStack();
    const result = synth(publicAccess([
      { name: variable('rule_a'), startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.1' },
      { name: variable('rule_b'), startIpAddress: '203.0.113.2', endIpAddress: '203.0.113.2' },
    ]));
    expect(resourcesOf(result, FIREWALL_RULE).map((rule) => rule.name).sort()).toEqual(['${var.rule_a}', '${var.rule_b}']);
  });
});
