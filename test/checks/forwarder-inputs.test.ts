import { FORWARDER_INPUTS, INERT_CHILDREN } from '../../lib/checks/forwarder-inputs';
import { forwardingPaths } from '../../lib/checks/forwarding-paths';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// The inputs a forwarder row takes from other blocks (forwarder-inputs.ts; twenty-first review, A21b-1, A21b-3): for every
// row of the table and every azapi spelling of it (the holder's body, a child written on its own), a write of a value that
// opens a path to the server fails PG-NET-1 as the azurerm argument would, a harmless one passes, a body known only at
// apply time fails closed; a child of a holder the table does not read fails closed unless it is on the inert list.

const SERVER = '10.0.1.4';
const PUBLIC_IP = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/publicIPAddresses/pip';
const HUB_SUBNET = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub/subnets/lb';
const VNET = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const POLICY = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/fw';

/** The failures of forwarders beside a construct's server in subnet 10.0.1.0/28. */
function failures(extra: Resources): string[] {
  const resources: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({}), ...madeAt(`${CONSTRUCT}/Server`) } },
    ...extra,
    azurerm_subnet: { ...extra.azurerm_subnet, db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
  };
  const model = buildStackModel({ resource: resources });
  const found = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return forwardingPaths(found, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
}

/** A DNAT from anyone to an address on 5432. */
const dnat = (source: string, target: string, sourceGroup?: string): Resources => ({ azurerm_firewall_policy_rule_collection_group: { dn: { name: 'dn', firewall_policy_id: POLICY, priority: 100,
  nat_rule_collection: [{ name: 'n', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], ...(sourceGroup === undefined ? { source_addresses: [source] } : { source_ip_groups: [sourceGroup] }),
    destination_address: '20.1.2.3', destination_ports: ['5432'], translated_address: target, translated_port: 5432 }] }] } } });

/** A load balancer (public, or private at 10.8.0.10) whose pool holds the server, with one rule 443 → 443 (public) or 443 → 5432 (private). */
const balancer = (frontend: 'public' | 'private'): Resources => ({
  azurerm_lb: { f: { name: 'lb', resource_group_name: 'rg-hub', location: 'westeurope', frontend_ip_configuration: [frontend === 'public' ? { name: 'fe', public_ip_address_id: PUBLIC_IP } : { name: 'fe', subnet_id: HUB_SUBNET, private_ip_address: '10.8.0.10' }] } },
  azurerm_lb_backend_address_pool: { f: { name: 'p', loadbalancer_id: '${azurerm_lb.f.id}' } },
  azurerm_lb_rule: { r: { name: 'r', loadbalancer_id: '${azurerm_lb.f.id}', protocol: 'Tcp', frontend_port: 443, backend_port: frontend === 'public' ? 443 : 5432, frontend_ip_configuration_name: 'fe' } },
  azurerm_lb_backend_address_pool_address: { f: { name: 'a', backend_address_pool_id: '${azurerm_lb_backend_address_pool.f.id}', virtual_network_id: VNET, ip_address: SERVER } },
});

/** An Application Gateway (public, or private at 10.8.0.20) whose pool is the server, backend port 443 (public) or 5432 (private) behind frontend port 443. */
const gateway = (frontend: 'public' | 'private'): Resources => ({ azurerm_application_gateway: { f: { name: 'agw',
  frontend_ip_configuration: [frontend === 'public' ? { name: 'fe', public_ip_address_id: PUBLIC_IP } : { name: 'fe', subnet_id: HUB_SUBNET, private_ip_address: '10.8.0.20' }],
  frontend_port: [{ name: 'p', port: 443 }], backend_address_pool: [{ name: 'b', ip_addresses: [SERVER] }], backend_http_settings: [{ name: 's', port: frontend === 'public' ? 443 : 5432, protocol: 'Https' }] } } });

/** An internal balancer whose frontend takes its address dynamically in the stack's subnet snet-lb (10.8.0.0/24 of vnet-lb), 5432 to the server in its pool. */
const dynamicBalancer = (): Resources => {
  const stack = balancer('private');
  return { ...stack, azurerm_lb: { f: { ...stack.azurerm_lb.f, frontend_ip_configuration: [{ name: 'fe', subnet_id: '${azurerm_subnet.lbs.id}' }] } },
    azurerm_lb_rule: { r: { ...stack.azurerm_lb_rule.r, frontend_port: 5432 } },
    azurerm_virtual_network: { v: { name: 'vnet-lb', resource_group_name: 'rg-hub', location: 'westeurope', address_space: ['10.8.0.0/16'] } },
    azurerm_subnet: { lbs: { name: 'snet-lb', virtual_network_name: '${azurerm_virtual_network.v.name}', resource_group_name: 'rg-hub', address_prefixes: ['10.8.0.0/24'] } } };
};

/**
 * For each input: the stack that passes with the azurerm value, the holder's address, the item name a list spelling writes, and
 * a value that opens a path (the internet, PostgreSQL's port, a frontend port a DNAT on 5432 reaches) and one that does not.
 */
const CASES: { readonly [input: string]: { readonly stack: () => Resources; readonly holder: string; readonly open: unknown; readonly closed: unknown; readonly judged?: string } } = {
  ipGroupRanges: { stack: () => ({ azurerm_ip_group: { g: { name: 'ig', resource_group_name: 'rg-hub', location: 'westeurope', cidrs: ['10.50.0.0/16'] } }, ...dnat('', SERVER, '${azurerm_ip_group.g.id}') }),
    holder: 'azurerm_ip_group.g', open: ['0.0.0.0/0'], closed: ['10.60.0.0/16'], judged: 'azurerm_firewall_policy_rule_collection_group.dn' },
  lbRuleBackendPorts: { stack: () => balancer('public'), holder: 'azurerm_lb.f', open: 5432, closed: 8443, judged: 'azurerm_lb_backend_address_pool_address.f' },
  lbNatRuleBackendPorts: { stack: () => balancer('public'), holder: 'azurerm_lb.f', open: 5432, closed: 8443, judged: 'azurerm_lb_backend_address_pool_address.f' },
  // A DNAT on 5432 to the private frontend reaches the balancer only on a frontend port it takes.
  lbRuleFrontendPorts: { stack: () => ({ ...balancer('private'), ...dnat('*', '10.8.0.10') }), holder: 'azurerm_lb.f', open: 5432, closed: 8443 },
  lbNatRuleFrontendPorts: { stack: () => ({ ...balancer('private'), ...dnat('*', '10.8.0.10') }), holder: 'azurerm_lb.f', open: 5432, closed: 8443 },
  lbNatRuleFrontendRanges: { stack: () => ({ ...balancer('private'), ...dnat('*', '10.8.0.10') }), holder: 'azurerm_lb.f', open: [5000, 6000], closed: [7000, 8000] },
  gatewayBackendPorts: { stack: () => gateway('public'), holder: 'azurerm_application_gateway.f', open: 5432, closed: 8443, judged: 'azurerm_application_gateway.f' },
  gatewayFrontendPorts: { stack: () => ({ ...gateway('private'), ...dnat('*', '10.8.0.20') }), holder: 'azurerm_application_gateway.f', open: 5432, closed: 8443 },
  // A private gateway to the server on 5432: Private Link publishes it to other tenants (anyone).
  gatewayPrivateLinks: { stack: () => gateway('private'), holder: 'azurerm_application_gateway.f', judged: 'azurerm_application_gateway.f',
    open: [{ name: 'pl', properties: { ipConfigurations: [{ name: 'c', properties: { subnet: { id: HUB_SUBNET }, privateIPAllocationMethod: 'Dynamic' } }] } }], closed: [] },
  // A DNAT on 5432 to 10.8.5.4 reaches the internal balancer only when its dynamic frontend's subnet holds that address.
  subnetPrefixes: { stack: () => ({ ...dynamicBalancer(), ...dnat('*', '10.8.5.4') }), holder: 'azurerm_subnet.lbs', open: ['10.8.5.0/24'], closed: ['10.8.9.0/24'] },
};

/** The forwarder whose verdict an input's case fails: the DNAT that reaches the holder's private frontend, unless the case names another. */
const judgedOf = (input: string) => new RegExp(`^${(CASES[input].judged ?? 'azurerm_firewall_policy_rule_collection_group.dn').replace(/\./g, '\\.')} forwards connections from `);

/** The body properties a spelling's path writes with a value (a range: its start and end; one prefix: the first). */
function propertiesFor(path: string, value: unknown, input: string): object {
  const leaf = (name: string) => (Array.isArray(value) && input === 'lbNatRuleFrontendRanges' ? { [name]: value[0], [name.replace('Start', 'End')]: value[1] }
    : { [name]: name === 'addressPrefix' ? (value as string[])[0] : value });
  const [list, name] = path.includes('[].') ? path.split('[].') : [undefined, path];
  return list === undefined ? leaf(name) : { [list]: [{ name: list === 'subnets' ? 'snet-lb' : 'n', properties: leaf(name) }] };
}

/** The azapi writes of a spelling: an update of the holder (or a child under it), a PATCH and PUT action, a resource by name. */
function writers(azureType: string, holder: string, holderAzureType: string, body: unknown): Resources[] {
  const type = `${azureType.replace(/^microsoft\.network\//, 'Microsoft.Network/')}@2023-09-01`;
  // A subnet's VNet written with the subnet in its list.
  const id = holderAzureType.startsWith(`${azureType}/`) ? '${azurerm_virtual_network.v.id}' : `\${${holder}.id}`;
  if (azureType === holderAzureType || holderAzureType.startsWith(`${azureType}/`)) {
    const name = { azurerm_ip_group: 'ig', azurerm_lb: 'lb', azurerm_application_gateway: 'agw', azurerm_subnet: azureType === holderAzureType ? 'snet-lb' : 'vnet-lb' }[holder.split('.')[0]];
    const parent = azureType === holderAzureType && holder.startsWith('azurerm_subnet') ? '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-lb' : '/subscriptions/0/resourceGroups/rg-hub';
    return [
      { azapi_update_resource: { w: { type, resource_id: id, body } } },
      { azapi_resource_action: { w: { type, resource_id: id, method: 'PATCH', body } } },
      { azapi_resource_action: { w: { type, resource_id: id, method: 'PUT', body } } },
      { azapi_resource: { w: { type, name, parent_id: parent, body } } },
    ];
  }
  const child = azureType.split('/').pop()!;
  return [
    { azapi_resource: { w: { type, name: 'n', parent_id: id, body } } },
    { azapi_update_resource: { w: { type, resource_id: `${id}/${child}/n`, body } } },
    { azapi_resource_action: { w: { type: holderAzureType.replace(/^microsoft\.network\//, 'Microsoft.Network/') + '@2023-09-01', resource_id: id, action: `${child}/n`, method: 'PUT', body } } },
  ];
}

const SPELLINGS = Object.entries(FORWARDER_INPUTS).flatMap(([input, row]) => row.spellings.map((spelling) => [input, spelling.azureType, spelling.path] as const));

describe('every input of the table', () => {
  test('has a case here (a new row needs its stacks and values)', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(FORWARDER_INPUTS).sort());
  });

  test.each(Object.keys(CASES))('%s: the stack passes with its azurerm value', (input) => {
    expect(failures(CASES[input].stack())).toEqual([]);
  });

  test.each(SPELLINGS)('%s written as %s %s: an opening value fails PG-NET-1 in every writer, a harmless one passes', (input, azureType, path) => {
    const { stack, holder, open, closed } = CASES[input];
    const row = FORWARDER_INPUTS[input];
    const write = (value: unknown) => writers(azureType, holder, row.holderAzureType, { properties: propertiesFor(path, value, input) });
    for (const extra of write(open)) expect([JSON.stringify(extra), failures({ ...stack(), ...extra })]).toEqual([JSON.stringify(extra), [expect.stringMatching(judgedOf(input))]]);
    for (const extra of write(closed)) expect([JSON.stringify(extra), failures({ ...stack(), ...extra })]).toEqual([JSON.stringify(extra), []]);
  });

  test.each(SPELLINGS)('%s written as %s %s: a body known only at apply time fails closed', (input, azureType) => {
    const { stack, holder } = CASES[input];
    for (const extra of writers(azureType, holder, FORWARDER_INPUTS[input].holderAzureType, '${var.body}')) {
      expect([JSON.stringify(extra), failures({ ...stack(), ...extra })]).toEqual([JSON.stringify(extra), expect.arrayContaining([expect.stringMatching(judgedOf(input))])]);
    }
  });

  test('control: the azurerm subnet written with the opening prefix fails as its azapi writes do', () => {
    const stack = { ...dynamicBalancer(), ...dnat('*', '10.8.5.4') };
    expect(failures({ ...stack, azurerm_subnet: { lbs: { ...stack.azurerm_subnet.lbs, address_prefixes: ['10.8.5.0/24'] } } })).toEqual([expect.stringMatching(judgedOf('subnetPrefixes'))]);
  });

  test.each(SPELLINGS.filter(([, azureType, path]) => !path.includes('[]') && azureType.startsWith('microsoft.network/loadbalancers/')))('%s written as %s: a partial write of a rule by a literal ID keeps its live value (fails closed)', (input, azureType) => {
    const { stack } = CASES[input];
    const id = `/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/lb/${azureType.split('/').pop()}/other`;
    const extra = { azapi_update_resource: { w: { type: `${azureType}@2023-09-01`, resource_id: id, body: { properties: { protocol: 'Tcp' } } } } };
    expect(failures({ ...stack(), ...extra })).toEqual([expect.stringMatching(judgedOf(input))]);
  });
});

describe('which holder a write is of', () => {
  const open = (extra: Resources) => failures({ ...balancer('public'), ...extra });
  const rule = (props: object) => ({ type: 'Microsoft.Network/loadBalancers/loadBalancingRules@2023-09-01', body: { properties: { backendPort: 5432 } }, ...props });

  test('a write of another balancer of the stack (by reference, or a literal ID of another name) is not this one\'s', () => {
    const other = { azurerm_lb: { ...balancer('public').azurerm_lb, o: { name: 'other', resource_group_name: 'rg-hub', location: 'westeurope' } } };
    expect(open({ ...other, azapi_resource: { w: rule({ name: 'n', parent_id: '${azurerm_lb.o.id}' }) } })).toEqual([]);
    expect(open({ azapi_resource: { w: rule({ name: 'n', parent_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/other' }) } })).toEqual([]);
  });

  test('a write by a literal ID of its name, in any case, or by an ID known only at apply time, may be this one\'s', () => {
    expect(open({ azapi_resource: { w: rule({ name: 'n', parent_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/LB' }) } })).toHaveLength(1);
    expect(open({ azapi_resource: { w: rule({ name: 'n', parent_id: '${var.balancer_id}' }) } })).toHaveLength(1);
  });

  // The ID grammar (ids-in-text.ts; stop 36): ARM reads "LB." and "//LB" as the name lb.
  test.each([['a final dot', 'LB.'], ['"//" before the name', '/LB'], ['a "." segment', './lb']])('a write by a literal ID of its name with %s may be this one\'s', (_how, name) => {
    expect(open({ azapi_resource: { w: rule({ name: 'n', parent_id: `/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/${name}` }) } })).toHaveLength(1);
  });
  test('control: a literal ID of another name with a final dot or "//" is not this one\'s', () => {
    expect(open({ azapi_resource: { w: rule({ name: 'n', parent_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/other.' }) } })).toEqual([]);
    expect(open({ azapi_resource: { w: rule({ name: 'n', parent_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers//other' }) } })).toEqual([]);
  });

  test('a rule written on its own under a balancer written by azapi is read with that balancer\'s rules', () => {
    const lb = { type: 'Microsoft.Network/loadBalancers@2023-09-01', name: 'lb2', parent_id: '/subscriptions/0/resourceGroups/rg-hub', body: { properties: {
      frontendIPConfigurations: [{ name: 'fe', properties: { publicIPAddress: { id: PUBLIC_IP } } }], backendAddressPools: [{ name: 'p', properties: { loadBalancerBackendAddresses: [{ name: 'a', properties: { ipAddress: SERVER } }] } }],
      loadBalancingRules: [{ name: 'r', properties: { frontendPort: 443, backendPort: 443, protocol: 'Tcp' } }] } } };
    expect(failures({ azapi_resource: { lb } })).toEqual([]);
    expect(failures({ azapi_resource: { lb, w: rule({ name: 'n', parent_id: '${azapi_resource.lb.id}' }) } })).toEqual([expect.stringMatching(/^azapi_resource\.lb forwards connections from "\*" to "10\.0\.1\.4"/)]);
  });

  test('a PUT action on the balancer (or its rule) whose action is known only at apply time may write its rules: fails closed', () => {
    for (const resourceId of ['${azurerm_lb.f.id}', '${azurerm_lb_rule.r.id}']) {
      expect(open({ azapi_resource_action: { w: { type: 'Microsoft.Network/loadBalancers@2023-09-01', resource_id: resourceId, action: '${var.child}', method: 'PUT', body: { properties: { backendPort: 5432 } } } } }))
        .toEqual([expect.stringMatching(/\(a port what azapi_resource_action\.w writes at azurerm_lb\.f, whose type is known only at apply time: /)]);
    }
    expect(open({ azapi_resource_action: { w: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: '${var.vault}', action: '${var.child}', method: 'PUT', body: {} } } })).toEqual([]);
  });

  test('an action that only reads (POST) writes nothing', () => {
    expect(open({ azapi_resource_action: { w: { type: 'Microsoft.Network/loadBalancers/loadBalancingRules@2023-09-01', resource_id: '${azurerm_lb_rule.r.id}', action: 'getHealth', body: { properties: { backendPort: 5432 } } } } })).toEqual([]);
  });
});

describe('children of a holder the table does not read', () => {
  test.each(Object.keys(INERT_CHILDREN).filter((type) => type.startsWith('microsoft.network/loadbalancers/')))('%s under the balancer is inert', (type) => {
    expect(failures({ ...balancer('public'), azapi_resource: { w: { type: `${type}@2023-09-01`, name: 'n', parent_id: '${azurerm_lb.f.id}', body: { properties: { port: 5432 } } } } })).toEqual([]);
  });

  test('any other child type under the balancer or the gateway fails closed, naming the write', () => {
    expect(failures({ ...balancer('public'), azapi_resource: { w: { type: 'Microsoft.Network/loadBalancers/futureRules@2030-01-01', name: 'n', parent_id: '${azurerm_lb.f.id}', body: { properties: {} } } } }))
      .toEqual([expect.stringMatching(/^azurerm_lb_backend_address_pool_address\.f forwards connections from "\*" to "10\.0\.1\.4", .* \(a port what azapi_resource\.w writes under azurerm_lb\.f as microsoft\.network\/loadbalancers\/futurerules, which the pack does not read: write it as literal JSON the pack reads, or suppress PG-NET-1 on the forwarder with the reason\): /)]);
    expect(failures({ ...gateway('public'), azapi_resource: { w: { type: 'Microsoft.Network/applicationGateways/futureSettings@2030-01-01', name: 'n', parent_id: '${azurerm_application_gateway.f.id}', body: { properties: {} } } } }))
      .toHaveLength(1);
  });
});
