import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Lazy, TerraformStack, TerraformVariable } from 'cdktf';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { check } from '../cli/cli-harness';
import { minimalProps, newStack, synthErrors, VNET_ID } from '../helpers';

// PG-NET-1 on what the zone a construct's server resolves in answers (fourth review, A4-9), at
// synth and in `check`; the verdicts themselves are in rules/PG-NET-1-zone-answers.test.ts.

describe('at synth', () => {
  function withRecord(suppress: boolean): string[] {
    const stack: TerraformStack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const zone = stack.node.findAll().find((c): c is PrivateDnsZone => c instanceof PrivateDnsZone)!;
    const hijack = new PrivateDnsARecord(stack, 'Hijack', { name: 'orders-db', zoneName: zone.name, resourceGroupName: 'rg-orders', ttl: 10, records: ['10.9.9.9'] });
    if (suppress) PostgresSecurityChecks.suppress(hijack, 'PG-NET-1', 'Failover alias reviewed in CHG-2231, points at the standby');
    return synthErrors(stack);
  }

  test('a record of the server\'s name in the construct\'s zone fails, and a suppression on it with the reason keeps it', () => {
    expect(withRecord(false)).toEqual([
      '  [test] azurerm_private_dns_a_record.Hijack PG-NET-1 azurerm_private_dns_a_record.Hijack writes "orders-db" into zone orders-db.private.postgres.database.azure.com, where the server\'s name resolves, a record test/Postgres does not make: clients in the VNet may be sent to another address. Fix: Declare the path through the construct\'s network props, or review it and suppress PG-NET-1 on the resource with the reason; remove overrides of delegated_subnet_id and private_dns_zone_id.',
    ]);
    expect(withRecord(true)).toEqual([]);
  });

  test('auto-registration switched on on the construct\'s VNet link fails', () => {
    const stack: TerraformStack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    stack.node.findAll().find((c): c is PrivateDnsZoneVirtualNetworkLink => c instanceof PrivateDnsZoneVirtualNetworkLink)!.addOverride('registration_enabled', true);
    expect(synthErrors(stack).filter((line) => line.includes('PG-NET-1'))).toEqual([expect.stringMatching(/ PG-NET-1 azurerm_private_dns_zone_virtual_network_link\.\S+ links zone \S+, where the server's name resolves, with registration_enabled true: every VM of the VNet may write names into it\./)]);
  });
});

test('check fails a wildcard record written into the construct\'s zone in the JSON', () => {
  const stack: TerraformStack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const json = JSON.parse(JSON.stringify(stack.toTerraform()));
  const file = join(mkdtempSync(join(tmpdir(), 'zone-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(json));
  expect(check('check', file).code).toBe(EXIT_OK);
  json.resource.azurerm_private_dns_a_record = { hijack: { name: '*', zone_name: 'orders-db.private.postgres.database.azure.com', resource_group_name: 'rg', ttl: 10, records: ['10.9.9.9'] } };
  writeFileSync(file, JSON.stringify(json));
  const result = check('check', file);
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.out.filter((line) => line.includes('PG-NET-1'))).toEqual([
    '  ERROR      PG-NET-1   azurerm_private_dns_a_record.hijack: azurerm_private_dns_a_record.hijack writes "*" into zone orders-db.private.postgres.database.azure.com, where the server\'s name resolves, a record test/Postgres does not make: clients in the VNet may be sent to another address. Fix: Declare the path through the construct\'s network props, or review it and suppress PG-NET-1 on the resource with the reason; remove overrides of delegated_subnet_id and private_dns_zone_id.',
  ]);
});

test('at synth, a zone named for a parent of the server\'s public name fails on its record and its VNet link, and suppressions with the reason keep them (A7-18)', () => {
  function withShadow(suppress: boolean): string[] {
    const stack: TerraformStack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const zone = new PrivateDnsZone(stack, 'Shadow', { name: 'postgres.database.azure.com', resourceGroupName: 'rg-dns' });
    const link = new PrivateDnsZoneVirtualNetworkLink(stack, 'Link', { name: 'hub', resourceGroupName: 'rg-dns', privateDnsZoneName: zone.name, virtualNetworkId: '${var.vnet}' });
    const record = new PrivateDnsARecord(stack, 'Rec', { name: 'orders-db', zoneName: zone.name, resourceGroupName: 'rg-dns', ttl: 60, records: ['10.9.9.9'] });
    if (suppress) [link, record].forEach((shadow) => PostgresSecurityChecks.suppress(shadow, 'PG-NET-1', 'Failover alias reviewed in CHG-2231, points at the standby'));
    return synthErrors(stack).filter((line) => line.includes('PG-NET-1'));
  }
  expect(withShadow(false)).toEqual([
    expect.stringMatching(/^ {2}\[test\] azurerm_private_dns_a_record\.Rec PG-NET-1 azurerm_private_dns_a_record\.Rec writes "orders-db" into zone postgres\.database\.azure\.com, which answers /),
    expect.stringMatching(/^ {2}\[test\] azurerm_private_dns_zone_virtual_network_link\.Link PG-NET-1 azurerm_private_dns_zone_virtual_network_link\.Link links zone postgres\.database\.azure\.com to a VNet/),
  ]);
  expect(withShadow(true)).toEqual([]);
});

test('the construct\'s private endpoint into a zone named postgres.database.azure.com, given by a Lazy, fails synth (A10a-2)', () => {
  const scope = newStack();
  new AzurermProvider(scope, 'azurerm', { features: [{}] });
  const zone = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/postgres.database.azure.com';
  new SecureFlexibleServer(scope, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({
    subnetResourceId: `${VNET_ID}/subnets/pe`, privateDnsZoneResourceId: Lazy.stringValue({ produce: () => zone }),
  }) }));
  expect(synthErrors(scope)).toEqual([expect.stringMatching(/^ {2}\[test\] azurerm_private_endpoint\.\S+ PG-NET-1 .* writes the server's record into zone postgres\.database\.azure\.com, /)]);
});

describe('existingVnetIntegration\'s zone given by a Lazy that resolves to a zone named for the public name or a parent (eleventh review, A11a-9)', () => {
  const zoneId = (name: string) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${name}`;
  function synthWithZone(name: string): { errors: string[]; file: string } {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps({ network: FlexibleServerNetwork.existingVnetIntegration({
      delegatedSubnetResourceId: `${VNET_ID}/subnets/db`, privateDnsZoneResourceId: Lazy.stringValue({ produce: () => zoneId(name) }),
    }) }));
    const file = join(mkdtempSync(join(tmpdir(), 'zone-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(scope.toTerraform()));
    return { errors: synthErrors(scope), file };
  }

  test.each(['postgres.database.azure.com', 'orders-db.postgres.database.azure.com', 'AZURE.com'])('%s fails synth and check, not covered by the suppression of the existing zone', (name) => {
    const { errors, file } = synthWithZone(name);
    const finding = `the server resolves in zone ${name.toLowerCase()}, named for the public name of test/Postgres's server or a parent of it: it answers for that name`;
    expect(errors).toEqual([expect.stringMatching(/^ {2}\[test\] azurerm_postgresql_flexible_server\.\S+ PG-NET-1 /)]);
    expect(errors[0]).toContain(finding);
    const checked = check('check', file);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((line) => line.startsWith('  ERROR      PG-NET-1 '))).toEqual([expect.stringContaining(finding)]);
  });

  test('a private zone below the domain, given the same way, passes synth and check', () => {
    const { errors, file } = synthWithZone('orders.private.postgres.database.azure.com');
    expect(errors).toEqual([]);
    expect(check('check', file).code).toBe(EXIT_OK);
  });
});

describe('a zone whose name is a template that may be the public name or a parent of it (fourteenth review, A14b-13)', () => {
  function withTemplateZone(name: (p: string) => string, suppress: boolean): string[] {
    const stack: TerraformStack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const p = new TerraformVariable(stack, 'p', { type: 'string' }).stringValue;
    const zone = new PrivateDnsZone(stack, 'Shadow', { name: name(p), resourceGroupName: 'rg-dns' });
    const link = new PrivateDnsZoneVirtualNetworkLink(stack, 'Link', { name: 'hub', resourceGroupName: 'rg-dns', privateDnsZoneName: zone.name, virtualNetworkId: '${var.vnet}' });
    if (suppress) PostgresSecurityChecks.suppress(link, 'PG-NET-1', 'Test zone of the team, reviewed in CHG-2232: p is never postgres');
    return synthErrors(stack).filter((line) => line.includes('PG-NET-1'));
  }

  test('its VNet link fails synth as known only at apply time, and a suppression with the reason keeps it', () => {
    expect(withTemplateZone((p) => `${p}.database.azure.com`, false)).toEqual([
      expect.stringMatching(/^ {2}\[test\] azurerm_private_dns_zone_virtual_network_link\.Link PG-NET-1 azurerm_private_dns_zone_virtual_network_link\.Link links zone "\$\{var\.p\}\.database\.azure\.com", whose name is known only at apply time and may be the public name of test\/Postgres's server or a parent of it, to a VNet/),
    ]);
    expect(withTemplateZone((p) => `${p}.database.azure.com`, true)).toEqual([]);
  });

  test('a template that cannot end in such a name passes', () => {
    expect(withTemplateZone((p) => `${p}.example.com`, false)).toEqual([]);
  });
});
