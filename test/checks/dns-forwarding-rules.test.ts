import { shadowForwardingRules } from '../../lib/checks/dns-forwarding-rules';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

// Which DNS Private Resolver forwarding rules answer for a server's public name in place of Azure's
// DNS (dns-forwarding-rules.ts, PG-NET-1): the rule's failure, or nothing. PG-NET-1's own tests
// (test/checks/rules/PG-NET-1-forwarding-rules.test.ts) hold the common domains.

const RULE = 'azurerm_private_dns_resolver_forwarding_rule';
const RULESET = '/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/dnsForwardingRulesets/hub';

/** The failures of forwarding rules with the given blocks beside the server "db" of the given name. */
function failures(rules: { [name: string]: object }, serverName: unknown = 'orders-db'): string[] {
  const blocks = Object.fromEntries(Object.entries(rules).map(([name, block]) => [name, { name, dns_forwarding_ruleset_id: RULESET, target_dns_servers: [{ ip_address: '10.9.9.9', port: 53 }], ...block }]));
  const model = buildStackModel({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ name: serverName }) }, [RULE]: blocks } });
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return shadowForwardingRules(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => `${verdict.status}: ${verdict.status === 'fail' ? verdict.message : ''}`);
}
const failure = (name: string, domain: unknown) =>
  `fail: ${RULE}.${name} forwards ${JSON.stringify(domain)} to DNS servers of its own in the VNets linked to its ruleset, which then answer for the public name of ${CONSTRUCT}'s server in place of Azure's DNS: clients there reach what those servers say.`;

describe('a server whose name is known', () => {
  test('fails a template that may be the public name itself, where the text before it is empty (a stage prefix)', () => {
    const domain = '${var.stage}orders-db.postgres.database.azure.com.';
    expect(failures({ staged: { domain_name: domain } })).toEqual([failure('staged', domain)]);
  });

  test('fails a template whose text after the interpolation may make azure.com', () => {
    const domain = '${var.prefix}azure.com.';
    expect(failures({ glued: { domain_name: domain } })).toEqual([failure('glued', domain)]);
  });

  test('passes another server whose name ends as this one\'s, a template of a domain of one label, and a rule with no domain', () => {
    expect(failures({
      another: { domain_name: 'myorders-db.postgres.database.azure.com.' },
      label: { domain_name: '${var.prefix}com.' },
      none: {},
    })).toEqual([]);
  });

  test('fails each shadowing rule once, in address order', () => {
    expect(failures({ b: { domain_name: 'postgres.database.azure.com' }, a: { domain_name: 'database.azure.com' } }))
      .toEqual([failure('a', 'database.azure.com'), failure('b', 'postgres.database.azure.com')]);
  });
});

describe('a server whose name is known only later: any one label under a server domain may be its name', () => {
  test('fails one label under each cloud\'s domain, and the parents', () => {
    expect(failures({
      public: { domain_name: 'billing-db.postgres.database.azure.com.' },
      china: { domain_name: 'x.postgres.database.chinacloudapi.cn' },
      parent: { domain_name: 'postgres.database.azure.com.' },
    }, '${var.server}')).toEqual([
      failure('china', 'x.postgres.database.chinacloudapi.cn'),
      failure('parent', 'postgres.database.azure.com.'),
      failure('public', 'billing-db.postgres.database.azure.com.'),
    ]);
  });

  test('passes two labels under a server domain, an on-premises domain, a look-alike, and a template of a company domain', () => {
    expect(failures({
      deeper: { domain_name: 'a.billing-db.postgres.database.azure.com.' },
      onprem: { domain_name: 'corp.example.com.' },
      alike: { domain_name: 'xpostgres.database.azure.com.' },
      company: { domain_name: '${var.company}.example.com.' },
    }, '${var.server}')).toEqual([]);
  });
});

describe('the root and the top-level domains of the server\'s public names (seventeenth review, A17a-5)', () => {
  // Every suffix of a public name, "." and its top-level domain included, is a rule for that name.
  test.each(['.', '..', ' . ', 'com.', 'COM', 'cn.', 'net'])('fails %j, as a VNet\'s custom DNS servers fail', (domain) => {
    expect(failures({ wide: { domain_name: domain } })).toEqual([failure('wide', domain)]);
  });

  test('passes another top-level domain, a disabled rule for ".", and a template of a company domain', () => {
    expect(failures({
      org: { domain_name: 'org.' },
      disabled: { domain_name: '.', enabled: false },
      company: { domain_name: '${var.prefix}com.' },
    })).toEqual([]);
  });
});

describe('an azapi forwarding rule whose body is an expression (eighteenth review, A18a-1)', () => {
  const TYPE = 'Microsoft.Network/dnsForwardingRulesets/forwardingRules@2022-07-01';
  const judge = (body: string) => {
    const model = buildStackModel({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ name: 'orders-db' }) }, azapi_resource: { fr: { type: TYPE, name: 'fr', parent_id: RULESET, body } } } });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    return shadowForwardingRules(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => verdict.status);
  };

  test('fails azure.com. written in jsonencode() (the azapi 1.x form) or in a merge() over a body known only later', () => {
    expect(judge('${jsonencode({properties = {domainName = "azure.com.", targetDnsServers = [{ipAddress = var.dns_ip, port = 53}]}})}')).toEqual(['fail']);
    expect(judge('${merge(var.base, {properties = {domainName = "azure.com.", targetDnsServers = [{ipAddress = var.dns_ip, port = 53}]}})}')).toEqual(['fail']);
  });

  test('passes another domain so written, and a body wholly known only later (a domain known only at apply time passes, as decided)', () => {
    expect(judge('${jsonencode({properties = {domainName = "corp.example.com.", targetDnsServers = []}})}')).toEqual([]);
    expect(judge('${merge(var.base, {properties = {domainName = "corp.example.com."}})}')).toEqual([]);
    expect(judge('${jsonencode(var.body)}')).toEqual([]);
  });
});

describe('a domain whose possible values hold the root or the top-level domain (eighteenth review, A18a-8)', () => {
  // One reader of an expression's possible texts (expression-readings.ts): a branch, a coalesce argument, a constant local's item.
  test.each([
    '${var.catch_all ? "." : "corp.contoso.com."}',
    '${var.x ? "com." : "corp.local."}',
    '${coalesce(var.domain, ".")}',
    '${lower(var.wide ? "COM." : "corp.local.")}',
    '${replace(var.domain, "corp", "")}',
  ])('fails %j', (domain) => {
    expect(failures({ wide: { domain_name: domain } })).toEqual([failure('wide', domain)]);
  });

  test('passes branches of company domains, a template of a company domain in a branch, and a domain wholly a variable', () => {
    expect(failures({
      branches: { domain_name: '${var.x ? "corp.contoso.com." : "corp.local."}' },
      company: { domain_name: '${var.x ? "${var.company}.com." : "corp.local."}' },
      variable: { domain_name: '${lower(var.domain)}' },
    })).toEqual([]);
  });
});

// Eighteenth review, A18b-2: a partial write (an update, a PATCH) of a forwarding rule the stack does not define keeps its
// live domain, which may be "." (hubs forward everything on-premises): one that retargets or enables it fails closed; one
// that writes the domain is judged by it; one that disables it, or touches neither targets nor state, passes.
describe('a partial write of a forwarding rule outside the stack (eighteenth review, A18b-2)', () => {
  const RULE_ID = `${RULESET}/forwardingRules/all`;
  const writers: { readonly [writer: string]: (properties: object) => object } = {
    'azapi_update_resource': (properties) => ({ azapi_update_resource: { u: { type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules@2022-07-01', resource_id: RULE_ID, body: { properties } } } }),
    'azapi_resource_action PATCH': (properties) => ({ azapi_resource_action: { u: { type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules@2022-07-01', resource_id: RULE_ID, method: 'PATCH', body: { properties } } } }),
    'azapi_update_resource, in sensitive_body': (properties) => ({ azapi_update_resource: { u: { type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules@2022-07-01', resource_id: RULE_ID, body: { properties: { metadata: {} } }, sensitive_body: { properties } } } }),
  };
  const judge = (resources: object) => {
    const model = buildStackModel({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ name: 'orders-db' }) }, ...resources } });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    return shadowForwardingRules(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => verdict.status);
  };
  test.each(Object.keys(writers))('%s', (writer) => {
    expect(judge(writers[writer]({ targetDnsServers: [{ ipAddress: '203.0.113.53', port: 53 }] }))).toEqual(['fail']);
    expect(judge(writers[writer]({ forwardingRuleState: 'Enabled' }))).toEqual(['fail']);
    expect(judge(writers[writer]({ domainName: '.', forwardingRuleState: 'Enabled' }))).toEqual(['fail']);
    expect(judge(writers[writer]({ domainName: 'corp.contoso.com.', targetDnsServers: [{ ipAddress: '10.9.9.9', port: 53 }] }))).toEqual([]);
    expect(judge(writers[writer]({ forwardingRuleState: 'Disabled' }))).toEqual([]);
    expect(judge(writers[writer]({ metadata: { owner: 'hub' } }))).toEqual([]);
  });
  test('a whole write (azapi_resource) without a domain is judged by what it holds', () => {
    expect(judge({ azapi_resource: { u: { type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules@2022-07-01', parent_id: RULESET, name: 'all', body: { properties: { targetDnsServers: [{ ipAddress: '10.9.9.9', port: 53 }] } } } } })).toEqual([]);
  });
});

// A rule for the private name the public name leads to, or a zone above it (the Private Link zone, the server's VNet-integration
// zone, private.postgres.database.azure.com), sends those queries to its targets first: to the hub's own resolver (a private
// address, Azure's DNS, an inbound endpoint of a DNS Private Resolver) it is the documented design; to any other server, or one
// known only later, it fails (nineteenth review, A19a-11). azurerm and azapi alike.
describe('a rule for the private name the public name leads to (A19a-11)', () => {
  const OWN_ZONE = 'orders-db.private.postgres.database.azure.com';
  const DOMAINS = ['privatelink.postgres.database.azure.com.', 'orders-db.privatelink.postgres.database.azure.com.', `${OWN_ZONE}.`, 'private.postgres.database.azure.com.', 'A1B2.ORDERS-DB.private.postgres.database.azure.com'];
  const TARGETS: [string, unknown, 'fail' | 'pass'][] = [
    ['a public address', '203.0.113.53', 'fail'],
    ['an address known only later', '${var.dns_ip}', 'fail'],
    ['a private address (the hub\'s inbound endpoint)', '10.0.5.4', 'pass'],
    ['Azure\'s DNS', '168.63.129.16', 'pass'],
    ['the address of an inbound endpoint of the stack', '${azurerm_private_dns_resolver_inbound_endpoint.in.ip_configurations[0].private_ip_address}', 'pass'],
  ];
  const WRITERS: { readonly [how: string]: (domain: string, target: unknown) => { [type: string]: object } } = {
    azurerm: (domain, target) => ({ [RULE]: { fwd: { name: 'fwd', dns_forwarding_ruleset_id: RULESET, domain_name: domain, target_dns_servers: [{ ip_address: target, port: 53 }] } } }),
    azapi: (domain, target) => ({ azapi_resource: { fwd: { type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules@2022-07-01', name: 'fwd', parent_id: RULESET,
      body: { properties: { domainName: domain, targetDnsServers: [{ ipAddress: target, port: 53 }] } } } } }),
  };
  const judged = (blocks: { [type: string]: object }): string[] => {
    const model = buildStackModel({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, azurerm_private_dns_zone: { db: { name: OWN_ZONE, resource_group_name: 'rg' } }, ...blocks } });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    return shadowForwardingRules(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => verdict.status);
  };
  const cases = Object.entries(WRITERS).flatMap(([how, writer]) => DOMAINS.flatMap((domain) => TARGETS.map(([what, target, expected]) => [how, domain, what, writer, target, expected] as const)));
  test.each(cases)('%s: %s forwarded to %s', (_how, domain, _what, writer, target, expected) => {
    expect(judged(writer(domain, target))).toEqual(expected === 'fail' ? ['fail'] : []);
  });
  test('another server\'s private names, and a company\'s domain, pass to any target', () => {
    for (const domain of ['billing-db.privatelink.postgres.database.azure.com.', 'billing-db.private.postgres.database.azure.com.', 'corp.example.com.']) {
      expect([domain, judged(WRITERS.azurerm(domain, '203.0.113.53'))]).toEqual([domain, []]);
    }
  });
  test('the message names the rule, the domain and the target', () => {
    const model = buildStackModel({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, ...WRITERS.azurerm('privatelink.postgres.database.azure.com.', '203.0.113.53') } });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    expect(shadowForwardingRules(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources })).toEqual([{ status: 'fail', address: `${RULE}.fwd`,
      message: `${RULE}.fwd forwards "privatelink.postgres.database.azure.com." , which may hold the private name the public name of ${CONSTRUCT}'s server leads to, to "203.0.113.53", which may be no private DNS server of the network (not a private address, nor a DNS Private Resolver inbound endpoint of the stack): clients in the VNets linked to its ruleset reach what it says.`.replace('." ,', '.",') }]);
  });
});

// Queued after the nineteenth run (A19a-11's residual: a private target on a client VNet). Decided: a literal private address the
// stack does not place stays the hub's resolver (a DNS forwarder VM, Azure Firewall's DNS proxy, an on-premises server over the
// gateway are documented designs, and the pack cannot tell them apart); one the stack places on a machine of its own (a NIC, a load
// balancer's frontend, a private endpoint; any writer) is a DNS server it runs, whose answers no rule reads: it fails. The static
// address of an inbound endpoint of the stack passes.
describe('a rule for the private names sent to a machine the stack places at that address', () => {
  const DOMAINS = ['privatelink.postgres.database.azure.com.', 'orders-db.privatelink.postgres.database.azure.com.', 'private.postgres.database.azure.com.'];
  const IP = '10.20.0.53';
  const MACHINES: { readonly [how: string]: { [type: string]: object } } = {
    'a NIC\'s static address': { azurerm_network_interface: { dns: { name: 'nic-dns', location: 'westeurope', resource_group_name: 'rg-app', ip_configuration: [{ name: 'c', subnet_id: '/x', private_ip_address_allocation: 'Static', private_ip_address: IP }] } } },
    'a load balancer\'s private frontend': { azurerm_lb: { dns: { name: 'lb-dns', location: 'westeurope', resource_group_name: 'rg-app', frontend_ip_configuration: [{ name: 'f', subnet_id: '/x', private_ip_address: ` ${IP} ` }] } } },
    'a private endpoint\'s static address': { azurerm_private_endpoint: { dns: { name: 'pe-dns', location: 'westeurope', resource_group_name: 'rg-app', subnet_id: '/x', ip_configuration: [{ name: 'c', private_ip_address: IP, subresource_name: 'x' }] } } },
    'an azapi NIC (property in another case)': { azapi_resource: { nic: { type: 'Microsoft.Network/networkInterfaces@2024-01-01', name: 'nic-dns', parent_id: '/subscriptions/0/resourceGroups/rg-app', body: { properties: { ipConfigurations: [{ name: 'c', properties: { PrivateIpAddress: IP, privateIPAllocationMethod: 'Static' } }] } } } } },
  };
  const WRITERS: { readonly [how: string]: (domain: string, target: unknown) => { [type: string]: object } } = {
    azurerm: (domain, target) => ({ [RULE]: { fwd: { name: 'fwd', dns_forwarding_ruleset_id: RULESET, domain_name: domain, target_dns_servers: [{ ip_address: target, port: 53 }] } } }),
    azapi: (domain, target) => ({ azapi_update_resource: { fwd: { type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules@2022-07-01', name: 'fwd', parent_id: RULESET,
      body: { properties: { domainName: domain, targetDnsServers: [{ ipAddress: target, port: 53 }] } } } } }),
  };
  const judged = (...parts: { [type: string]: object }[]): string[] => {
    const resources: { [type: string]: { [name: string]: object } } = { [FLEXIBLE]: { db: compliantFlexibleServer() }, azurerm_private_dns_zone: { db: { name: 'orders-db.private.postgres.database.azure.com', resource_group_name: 'rg' } } };
    for (const part of parts) for (const [type, blocks] of Object.entries(part)) resources[type] = { ...resources[type], ...(blocks as { [name: string]: object }) };
    const model = buildStackModel({ resource: resources });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    return shadowForwardingRules(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
  };
  const cases = Object.keys(MACHINES).flatMap((machine) => Object.keys(WRITERS).flatMap((writer) => DOMAINS.map((domain) => [machine, writer, domain] as const)));
  test.each(cases)('%s, a rule by %s for %s: fails; to another private address, passes', (machine, writer, domain) => {
    const found = judged(MACHINES[machine], WRITERS[writer](domain, IP));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`to "${IP.replace(/\./g, '\\.')}", the private address of [a-z_]+\\.[a-z]+, a machine of the stack`));
    expect(judged(MACHINES[machine], WRITERS[writer](domain, '10.20.0.54'))).toEqual([]);
  });
  test('the static address of an inbound endpoint of the stack (azurerm or azapi) passes; another server\'s names pass to a machine', () => {
    const inbound = { azurerm_private_dns_resolver_inbound_endpoint: { in: { name: 'in', private_dns_resolver_id: '/x', location: 'westeurope', ip_configurations: [{ subnet_id: '/x', private_ip_allocation_method: 'Static', private_ip_address: IP }] } } };
    const azapiInbound = { azapi_resource: { in: { type: 'Microsoft.Network/dnsResolvers/inboundEndpoints@2022-07-01', name: 'in', parent_id: '/x', body: { properties: { ipConfigurations: [{ privateIpAddress: IP, privateIpAllocationMethod: 'Static', subnet: { id: '/x' } }] } } } } };
    for (const domain of DOMAINS) {
      expect(judged(inbound, WRITERS.azurerm(domain, IP))).toEqual([]);
      expect(judged(azapiInbound, WRITERS.azapi(domain, IP))).toEqual([]);
    }
    expect(judged(MACHINES['a NIC\'s static address'], WRITERS.azurerm('billing-db.privatelink.postgres.database.azure.com.', IP))).toEqual([]);
  });
});

// On the VNet of the server's delegated subnet its zone is linked: a rule there for the zone's name answers first, to any
// server but Azure's DNS or an inbound endpoint (A19a-11, the reviewer's "forwarding rule on the server's VNet"), even a private one.
describe('a rule for the server\'s zone name on the VNet of its delegated subnet (A19a-11)', () => {
  const OWN_ZONE = 'orders-db.private.postgres.database.azure.com';
  const VNET = '/subscriptions/0/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub';
  const judged = (domain: string, target: string, linked: string): string[] => {
    const model = buildStackModel({ resource: {
      [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: `${VNET}/subnets/snet-db` }) },
      azurerm_private_dns_zone: { db: { name: OWN_ZONE, resource_group_name: 'rg' } },
      [RULE]: { fwd: { name: 'fwd', dns_forwarding_ruleset_id: '${azurerm_private_dns_resolver_dns_forwarding_ruleset.rs.id}', domain_name: domain, target_dns_servers: [{ ip_address: target, port: 53 }] } },
      azurerm_private_dns_resolver_virtual_network_link: { l: { name: 'l', dns_forwarding_ruleset_id: '${azurerm_private_dns_resolver_dns_forwarding_ruleset.rs.id}', virtual_network_id: linked } },
    } });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    return shadowForwardingRules(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => verdict.status);
  };
  test.each([
    ['the zone\'s name to a private address, on its VNet', `${OWN_ZONE}.`, '10.9.9.9', VNET, ['fail']],
    ['a parent of the zone to a private address, on its VNet', 'private.postgres.database.azure.com.', '10.9.9.9', VNET, ['fail']],
    ['the zone\'s name to Azure\'s DNS, on its VNet', `${OWN_ZONE}.`, '168.63.129.16', VNET, []],
    ['the zone\'s name to a private address, on a client VNet', `${OWN_ZONE}.`, '10.9.9.9', VNET.replace('vnet-hub', 'vnet-app'), []],
    ['the Private Link zone to a private address, on its VNet (the hub design)', 'privatelink.postgres.database.azure.com.', '10.9.9.9', VNET, []],
  ])('%s', (_what, domain, target, linked, expected) => {
    expect(judged(domain, target, linked)).toEqual(expected);
  });
});

// The machine addresses walk every block of the stack; only a forwarding rule's targets are compared with them (issue #10).
test('a stack without a forwarding rule: no other block\'s arguments are read for machine addresses', () => {
  const model = buildStackModel({ resource: {
    [FLEXIBLE]: { db: compliantFlexibleServer() },
    azurerm_network_interface: { nic: { name: 'nic', ip_configuration: [{ name: 'ip', private_ip_address: '10.9.9.9' }] } },
  } });
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const nic = model.resources.get('azurerm_network_interface.nic')!;
  let reads = 0;
  // The same view, its arguments counted where they are read.
  const counted = Object.defineProperty({ ...nic }, 'config', { get: () => { reads += 1; return nic.config; }, enumerable: true });
  const resources = new Map([...model.resources].map(([address, view]) => [address, view === nic ? counted : view]));
  expect(shadowForwardingRules(server, CONSTRUCT, { postgresqlProviders: new Map(), resources })).toEqual([]);
  expect(reads).toBe(0);
});
