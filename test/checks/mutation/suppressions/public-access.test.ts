import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureSingleServer, SingleServerNetwork } from '../../../../lib';
import { warn } from '../../../../lib/private/warnings';
import { warnWideRanges } from '../../../../lib/shared/firewall-range';
import { minimalProps, minimalSingleProps, SUBNET_ID, synthStack, warningsOf } from '../../../helpers';

// What public access adds next to its suppressions: the warnings that name each weakening with its
// justification, the firewall and VNet rules, and the wide-ranges statement only above a /24.

const PUBLIC = 'SEC-101: public access for the partner ETL';
const WIDE = 'SEC-102: the partner egress range is a /23';
const SLASH_24 = { name: 'office', startIpAddress: '203.0.113.0', endIpAddress: '203.0.113.255' };
const CMK_KEY_ID = 'https://kv-postgres.vault.azure.net/keys/postgres-cmk/0123456789abcdef0123456789abcdef';

/** A resource's settings without the depends_on of the serial chain, which only orders the API calls. */
function withoutOrder(resource: { [key: string]: unknown }) {
  return Object.fromEntries(Object.entries(resource).filter(([key]) => key !== 'depends_on'));
}

function build(make: (stack: TerraformStack) => Construct) {
  const stack = new TerraformStack(Testing.app(), 'stack');
  const construct = make(stack);
  const suppressions = ((stack.toTerraform()['//']?.['cdktf-azure-postgres-suppressions'] ?? []) as { ruleId: string }[]).map((s) => s.ruleId).sort();
  return { warnings: warningsOf(construct).filter((w) => !w.includes(':SingleServerRetired]')), synth: synthStack(stack), suppressions };
}

describe('SecureFlexibleServer', () => {
  test('public access with no ranges and the Azure-services rule: both warnings, the 0.0.0.0 rule on the server', () => {
    const { warnings, synth } = build((stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [], allowAzureServices: true, justification: PUBLIC }) })));
    expect(warnings).toEqual([
      `[cdktf-azure-postgres:PublicNetworkAccess] Public network access is on for 0 IPv4 range(s) and every Azure service. Justification: "${PUBLIC}".`,
      `[cdktf-azure-postgres:AzureServicesAllowed] The 0.0.0.0 firewall rule lets every Azure service, in any tenant, reach the server. Justification: "${PUBLIC}".`,
    ]);
    expect(Object.values(synth.resource.azurerm_postgresql_flexible_server_firewall_rule).map(withoutOrder)).toEqual([
      { name: 'AllowAllAzureServicesAndResourcesWithinAzureIps', server_id: expect.stringMatching(/^\$\{azurerm_postgresql_flexible_server\.[\w-]+\.id\}$/), start_ip_address: '0.0.0.0', end_ip_address: '0.0.0.0' },
    ]);
  });

  test('a /24 with a wide-ranges justification: no wide-ranges warning, no PGF-NET-8 suppression', () => {
    const { warnings, suppressions } = build((stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [SLASH_24], wideRanges: { justification: WIDE }, justification: PUBLIC }) })));
    expect(warnings).toEqual([`[cdktf-azure-postgres:PublicNetworkAccess] Public network access is on for 1 IPv4 range(s). Justification: "${PUBLIC}".`]);
    expect(suppressions).toEqual(['PGF-ENC-1', 'PGF-NET-1', 'PGF-NET-2']);
  });
});

describe('SecureSingleServer', () => {
  test('public access with ranges, VNet rules and the Azure-services rule: warnings, rules and their ids', () => {
    const { warnings, synth } = build((stack) => new SecureSingleServer(stack, 'Legacy', minimalSingleProps({
      network: SingleServerNetwork.publicAccess({
        allowedIpRanges: [SLASH_24],
        virtualNetworkRules: [{ name: 'app-subnet', subnetResourceId: SUBNET_ID }, { name: 'batch-subnet', subnetResourceId: `${SUBNET_ID}-batch` }],
        allowAzureServices: true,
        justification: PUBLIC,
      }),
    })));
    expect(warnings).toEqual([
      `[cdktf-azure-postgres:PublicNetworkAccess] Public network access is on for 1 IPv4 range(s), every Azure service and 2 VNet rule(s). Justification: "${PUBLIC}".`,
      `[cdktf-azure-postgres:AzureServicesAllowed] The 0.0.0.0 firewall rule lets every Azure service, in any tenant, reach the server. Justification: "${PUBLIC}".`,
    ]);
    const server = { server_name: expect.stringMatching(/^\$\{azurerm_postgresql_server\.[\w-]+\.name\}$/), resource_group_name: 'rg-legacy' };
    const byName = (a: { name?: unknown }, b: { name?: unknown }) => String(a.name).localeCompare(String(b.name));
    expect(Object.values(synth.resource.azurerm_postgresql_firewall_rule).map(withoutOrder).sort(byName)).toEqual([
      { ...server, name: 'AllowAllAzureServicesAndResourcesWithinAzureIps', start_ip_address: '0.0.0.0', end_ip_address: '0.0.0.0' },
      { ...server, name: 'office', start_ip_address: '203.0.113.0', end_ip_address: '203.0.113.255' },
    ]);
    const vnetRules = synth.resource.azurerm_postgresql_virtual_network_rule;
    expect(Object.values(vnetRules).map(withoutOrder).sort(byName)).toEqual([
      { ...server, name: 'app-subnet', subnet_id: SUBNET_ID },
      { ...server, name: 'batch-subnet', subnet_id: `${SUBNET_ID}-batch` },
    ]);
    expect(Object.keys(vnetRules).map((key) => key.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual(['Legacy_VnetRule-app-subnet', 'Legacy_VnetRule-batch-subnet']);
  });

  test('ranges only: no VNet rule, and the warning says so', () => {
    const { warnings, synth } = build((stack) => new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ network: SingleServerNetwork.publicAccess({ allowedIpRanges: [SLASH_24], justification: PUBLIC }) })));
    expect(warnings).toEqual([`[cdktf-azure-postgres:PublicNetworkAccess] Public network access is on for 1 IPv4 range(s) and 0 VNet rule(s). Justification: "${PUBLIC}".`]);
    expect(synth.resource.azurerm_postgresql_virtual_network_rule).toBeUndefined();
  });

  test('a VNet rule whose name is a token is named by its position', () => {
    const { synth } = build((stack) => new SecureSingleServer(stack, 'Legacy', minimalSingleProps({
      network: SingleServerNetwork.publicAccess({ virtualNetworkRules: [{ name: new TerraformVariable(stack, 'rule_name', {}).stringValue, subnetResourceId: SUBNET_ID }], justification: PUBLIC }),
    })));
    const vnetRules = synth.resource.azurerm_postgresql_virtual_network_rule;
    expect(Object.keys(vnetRules).map((key) => key.replace(/_[0-9A-F]{8}$/, ''))).toEqual(['Legacy_VnetRule0']);
    expect(Object.values(vnetRules)[0].name).toBe('${var.rule_name}');
  });

  test('a customer-managed key: no PGS-ENC-2 suppression', () => {
    const { suppressions } = build((stack) => new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ customerManagedKey: { keyVaultKeyId: CMK_KEY_ID } })));
    expect(suppressions).toEqual(['PGS-RET-1']);
  });
});

describe('warn', () => {
  test('a warning without a justification ends at its message', () => {
    const scope = new Construct(new TerraformStack(Testing.app(), 'stack'), 'scope');
    warn(scope, 'SomeId', 'Something is weaker');
    warn(scope, 'OtherId', 'Something else is weaker', 'SEC-1: reviewed by the platform team');
    expect(warningsOf(scope)).toEqual([
      '[cdktf-azure-postgres:SomeId] Something is weaker.',
      '[cdktf-azure-postgres:OtherId] Something else is weaker. Justification: "SEC-1: reviewed by the platform team".',
    ]);
  });
});

describe('warnWideRanges', () => {
  test('without a wide-ranges statement it warns of nothing and gives no reason (validation refused the ranges before)', () => {
    const scope = new Construct(new TerraformStack(Testing.app(), 'stack'), 'scope');
    expect(warnWideRanges(scope, [{ name: 'a', startIpAddress: '198.51.100.0', endIpAddress: '198.51.101.255' }], undefined)).toBeUndefined();
    expect(warningsOf(scope)).toEqual([]);
  });

  test('above a /24 it warns with the count and gives the justification', () => {
    const scope = new Construct(new TerraformStack(Testing.app(), 'stack'), 'scope');
    expect(warnWideRanges(scope, [{ name: 'a', startIpAddress: '198.51.100.0', endIpAddress: '198.51.101.0' }], { justification: WIDE })).toBe(WIDE);
    expect(warningsOf(scope)).toEqual([`[cdktf-azure-postgres:WideFirewallRanges] The firewall rules open 257 addresses together, more than 256 (a /24). Justification: "${WIDE}".`]);
  });
});
