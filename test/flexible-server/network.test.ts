import { TerraformVariable } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer } from '../../lib';
import { minimalProps, newStack, synthStack } from '../helpers';

const out: any = {};
function msg(name: string, f: () => unknown) {
  try { f(); out[name] = 'NO THROW'; } catch (e) { out[name] = (e as Error).message; }
}
test('explore', () => {
  let stack = newStack();
  const v = (n: string) => new TerraformVariable(stack, n, { type: 'string' }).stringValue;
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: v('s1'), endIpAddress: v('e1') }, { name: 'home', startIpAddress: '203.0.113.1', endIpAddress: v('e2') }], justification: 'vendor appliance access', allowAzureServices: true }) }));
  out.fw = synthStack(stack).resource.azurerm_postgresql_flexible_server_firewall_rule;
  out.meta = stack.node.findAll().flatMap((c) => c.node.metadata).map((m) => [m.type, m.data]);
  stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: v('sub'), privateDnsZoneResourceId: v('zone') }) }));
  out.ex = synthStack(stack).resource.azurerm_postgresql_flexible_server;
  stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: v('sub') }) }));
  const s = synthStack(stack);
  out.pe = [s.resource.azurerm_private_endpoint, s.resource.azurerm_private_dns_zone_virtual_network_link];
  stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: v('sub'), privateDnsZoneResourceId: v('zone') }) }));
  out.pe2 = synthStack(stack).resource.azurerm_private_endpoint;
  msg('p8', () => new SecureFlexibleServer(newStack(), 'P', minimalProps({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v', subnetAddressPrefix: '10.0.1.8/29' }) })));
  msg('p8b', () => new SecureFlexibleServer(newStack(), 'P', minimalProps({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v', subnetAddressPrefix: '10.0.1.0/28' }) })));
  const st = newStack();
  msg('collide', () => new SecureFlexibleServer(st, 'P', minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'AllowAzureServices', startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.1' }], allowAzureServices: true, justification: 'vendor appliance access' }) })));
  out.collideRes = Object.keys(synthStack(st).resource ?? {});
  msg('undefRanges', () => new SecureFlexibleServer(newStack(), 'P', minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowAzureServices: true, justification: 'vendor appliance access' } as any) })));
  msg('existingServerZone', () => new SecureFlexibleServer(newStack(), 'P', minimalProps({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s', privateDnsZoneResourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/orders-db.postgres.database.azure.com' }) })));
  require('fs').writeFileSync('/tmp/scratch/out2.json', JSON.stringify(out, null, 1));
});
