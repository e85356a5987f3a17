import { rule } from '../../../lib/checks/rules/PG-NET-1';
import { buildStackModel } from '../../../lib/checks/stack-model';
import { SHADOW_SERVER_ZONE_SUBJECT } from '../../../lib/checks/shadow-dns-zones';
import { CONSTRUCT, madeAt, verdictsBeside } from '../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../rule-harness';

// A private zone named for the server's public name or a parent of it answers for that name in the
// VNets linked to it, before Azure's DNS points clients at the zone the server resolves in (seventh
// review, A7-18).

const ZONES = 'stack/cdktf-azure-postgres-private-dns-zones';
const OWN_ZONE = 'orders-db.private.postgres.database.azure.com';

const constructServer = (extra: Resources = {}, name: unknown = 'orders-db'): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), name, ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', address_prefixes: ['10.0.1.0/28'] } },
  azurerm_private_dns_zone: { db: { ...madeAt(`${ZONES}/zone/Zone`), name: OWN_ZONE, resource_group_name: 'rg' } },
  ...extra,
});
const zone = (name: string) => ({ ...madeAt('stack/Shadow'), name, resource_group_name: 'rg-dns' });
const record = (zoneName: string, name: unknown) => ({ ...madeAt('stack/Extra'), name, zone_name: zoneName, resource_group_name: 'rg-dns', ttl: 10, records: ['10.9.9.9'] });
const link = (zoneName: string) => ({ ...madeAt('stack/Link'), name: 'hub', private_dns_zone_name: zoneName, resource_group_name: 'rg-dns', virtual_network_id: '${var.vnet}' });
const recordFailure = (address: string, name: unknown, zoneName: string) => ({
  status: 'fail',
  message: `${address} writes ${JSON.stringify(name)} into zone ${zoneName}, which answers in the VNets linked to it for the public name of ${CONSTRUCT}'s server before Azure's DNS can: clients there may be sent to another address.`,
  address,
});
const linkFailure = (zoneName: string) => ({
  status: 'fail',
  message: `azurerm_private_dns_zone_virtual_network_link.hub links zone ${zoneName} to a VNet, where it then answers for the public name of ${CONSTRUCT}'s server in place of Azure's DNS: clients there reach what its records say, or nothing.`,
  address: 'azurerm_private_dns_zone_virtual_network_link.hub',
});

test.each<[string, string, unknown]>([
  ['the parent zone, the server\'s name', 'postgres.database.azure.com', 'orders-db'],
  ['the server\'s own public name, "@"', 'orders-db.postgres.database.azure.com', '@'],
  ['a grandparent, two labels', 'database.azure.com', 'orders-db.postgres'],
  ['a parent in upper case, a wildcard', 'POSTGRES.database.azure.com', '*'],
  ['another cloud\'s domain', 'postgres.database.chinacloudapi.cn', 'Orders-DB'],
  ['the parent zone, a name known later', 'postgres.database.azure.com', '${var.name}'],
])('fails a record of %s and the zone\'s VNet link', (_name, zoneName, recordName) => {
  const verdicts = verdictsBeside(rule, constructServer({
    azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, shadow: zone(zoneName) },
    azurerm_private_dns_a_record: { rec: record('${azurerm_private_dns_zone.shadow.name}', recordName) },
    azurerm_private_dns_zone_virtual_network_link: { hub: link('${azurerm_private_dns_zone.shadow.name}') },
  }), [CONSTRUCT, ZONES]);
  expect(verdicts).toEqual([recordFailure('azurerm_private_dns_a_record.rec', recordName, zoneName.toLowerCase()), linkFailure(zoneName.toLowerCase())]);
});

test('fails a record of any type naming a parent zone by literal name, though the zone is defined elsewhere', () => {
  expect(verdictsBeside(rule, constructServer({
    azurerm_private_dns_cname_record: { rec: record('postgres.database.azure.com', 'orders-db') },
  }), [CONSTRUCT, ZONES])).toEqual([recordFailure('azurerm_private_dns_cname_record.rec', 'orders-db', 'postgres.database.azure.com')]);
});

test('with the server\'s name known later, a record of any one name under the domain may be its name', () => {
  const verdicts = verdictsBeside(rule, constructServer({
    azurerm_private_dns_a_record: { one: record('postgres.database.azure.com', 'billing-db'), deeper: record('postgres.database.azure.com', 'a.b') },
  }, '${var.server}'), [CONSTRUCT, ZONES]);
  expect(verdicts.filter((verdict) => verdict.status === 'fail' && verdict.address?.startsWith('azurerm_private_dns_a_record'))).toEqual([
    recordFailure('azurerm_private_dns_a_record.one', 'billing-db', 'postgres.database.azure.com'),
  ]);
});

test('passes other servers\' names, names below the server\'s, zones that are not parents, and unlinked parent zones', () => {
  expect(verdictsBeside(rule, constructServer({
    azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, shadow: zone('postgres.database.azure.com'), other: zone('contoso.internal') },
    azurerm_private_dns_a_record: {
      theirs: record('postgres.database.azure.com', 'billing-db'),
      below: record('postgres.database.azure.com', 'x.orders-db'),
      belowWild: record('postgres.database.azure.com', '*.orders-db'),
      elsewhere: record('contoso.internal', 'orders-db'),
      sibling: record('orders-db.postgres.database.azure.com.evil', '@'),
    },
    azurerm_private_dns_zone_virtual_network_link: { hub: link('contoso.internal') },
  }), [CONSTRUCT, ZONES])).toEqual([{ status: 'pass' }]);
});

test('a zone the server resolves in, named for its public name, fails once as the server\'s zone (eleventh review, A11a-9), its link not as a shadow', () => {
  const ownName = 'orders-db.postgres.database.azure.com';
  expect(verdictsBeside(rule, constructServer({
    azurerm_private_dns_zone: { db: { ...madeAt(`${ZONES}/zone/Zone`), name: ownName, resource_group_name: 'rg' } },
    azurerm_private_dns_zone_virtual_network_link: { hub: link(ownName) },
  }), [CONSTRUCT, ZONES])).toEqual([{
    status: 'fail', subject: SHADOW_SERVER_ZONE_SUBJECT,
    message: `the server resolves in zone ${ownName} (azurerm_private_dns_zone.db), named for the public name of ${CONSTRUCT}'s server or a parent of it: it answers for that name, and every name below it, in the VNets linked to it, in place of Azure's DNS.`,
  }]);
});

describe('a zone whose name is a template that may be the public name or a parent of it (fourteenth review, A14b-13)', () => {
  const mayFailLink = (zoneName: string) => ({
    status: 'fail',
    message: `azurerm_private_dns_zone_virtual_network_link.hub links zone ${JSON.stringify(zoneName)}, whose name is known only at apply time and may be the public name of ${CONSTRUCT}'s server or a parent of it, to a VNet, where it then answers for that name in place of Azure's DNS: clients there reach what its records say, or nothing.`,
    address: 'azurerm_private_dns_zone_virtual_network_link.hub',
  });
  const mayFailRecord = (address: string, name: unknown, zoneName: string) => ({
    status: 'fail',
    message: `${address} writes ${JSON.stringify(name)} into zone ${JSON.stringify(zoneName)}, whose name is known only at apply time and may be the public name of ${CONSTRUCT}'s server or a parent of it, which then answers in the VNets linked to it for that name before Azure's DNS can: clients there may be sent to another address.`,
    address,
  });
  const judged = (zoneName: string, records: Resources[string] = {}, serverName: unknown = 'orders-db') => verdictsBeside(rule, constructServer({
    azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, shadow: zone(zoneName) },
    azurerm_private_dns_a_record: records,
    azurerm_private_dns_zone_virtual_network_link: { hub: link('${azurerm_private_dns_zone.shadow.name}') },
  }, serverName), [CONSTRUCT, ZONES]).filter((verdict) => verdict.status !== 'pass');

  test.each([
    ['a grandparent with a variable first label', '${var.p}.database.azure.com'],
    ['azure.com under a variable', '${var.p}.azure.com'],
    ['the parent under a local known later', '${local.x}.postgres.database.azure.com'],
    ['the parent, glued to a variable, with the root\'s dot, in upper case', '${var.p}POSTGRES.database.azure.com.'],
    ['the public name with a variable stage', '${var.stage}orders-db.postgres.database.azure.com'],
    ['another cloud\'s domain', '${var.p}.database.chinacloudapi.cn'],
  ])('a VNet link of a zone named by %s fails', (_name, zoneName) => {
    expect(judged(zoneName)).toEqual([mayFailLink(zoneName)]);
  });

  test('a record that may be the public name in such a zone fails, by reference or by the same template, and another server\'s record passes', () => {
    const zoneName = '${var.p}.database.azure.com';
    const verdicts = verdictsBeside(rule, constructServer({
      azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, shadow: zone(zoneName) },
      azurerm_private_dns_a_record: {
        mine: record('${azurerm_private_dns_zone.shadow.name}', 'orders-db'),
        wild: record('${azurerm_private_dns_zone.shadow.name}', '*'),
        later: record('${azurerm_private_dns_zone.shadow.name}', '${var.record}'),
        written: record(zoneName, 'orders-db'),
        theirs: record('${azurerm_private_dns_zone.shadow.name}', 'billing-db'),
        deeper: record('${azurerm_private_dns_zone.shadow.name}', 'a.b.c'),
      },
    }), [CONSTRUCT, ZONES]).filter((verdict) => verdict.status !== 'pass');
    expect(verdicts).toEqual([
      mayFailRecord('azurerm_private_dns_a_record.later', '${var.record}', zoneName),
      mayFailRecord('azurerm_private_dns_a_record.mine', 'orders-db', zoneName),
      mayFailRecord('azurerm_private_dns_a_record.wild', '*', zoneName),
      mayFailRecord('azurerm_private_dns_a_record.written', 'orders-db', zoneName),
    ]);
  });

  test('a VNet link naming such a zone by the template itself (the zone defined elsewhere) fails', () => {
    const zoneName = '${var.p}.postgres.database.azure.com';
    expect(verdictsBeside(rule, constructServer({
      azurerm_private_dns_zone_virtual_network_link: { hub: link(zoneName) },
    }), [CONSTRUCT, ZONES])).toEqual([mayFailLink(zoneName)]);
  });

  test('with the server\'s name known later, a template of one label under the domain may be its public name', () => {
    expect(judged('${var.p}.postgres.database.azure.com', {}, '${var.server}')).toEqual([mayFailLink('${var.p}.postgres.database.azure.com')]);
  });

  test.each([
    ['a company domain', '${var.p}.example.com'],
    ['another service\'s Private Link zone', '${var.p}.privatelink.blob.core.windows.net'],
    ['a variable alone, as a forwarding rule for it passes', '${var.zone}'],
    ['a top-level domain', '${var.p}.com'],
    ['a zone below another label than the server\'s', 'billing-db.${var.p}.database.azure.com'],
    ['a zone under the private endpoint zone', '${var.p}.privatelink.postgres.database.azure.com'],
    ['a look-alike', '${var.p}.database.azure.com.evil'],
  ])('a zone named by %s passes, its link and records too', (_name, zoneName) => {
    expect(judged(zoneName, { mine: record('${azurerm_private_dns_zone.shadow.name}', 'orders-db') })).toEqual([]);
  });

  // A VNet-integration zone named by a template may be a namesake of the server's own zone: a record in it may answer for the
  // private name the public name leads to (A19a-11, private-name-shadows.ts); its plain link passes.
  test('a zone named by a VNet-integrated zone template fails its record as a possible namesake of the server\'s zone; its link passes', () => {
    expect(judged('${var.p}.private.postgres.database.azure.com', { mine: record('${azurerm_private_dns_zone.shadow.name}', 'orders-db') }).map((verdict) => 'address' in verdict && verdict.address))
      .toEqual(['azurerm_private_dns_a_record.mine']);
  });

  test('an unlinked zone named by such a template, with no record, passes', () => {
    expect(verdictsBeside(rule, constructServer({
      azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, shadow: zone('${var.p}.database.azure.com') },
    }), [CONSTRUCT, ZONES])).toEqual([{ status: 'pass' }]);
  });
});

test('with the server\'s name known later, a VNet link of a literal zone of one name under the domain fails, as a forwarding rule for it does; the Private Link zone passes', () => {
  const verdicts = verdictsBeside(rule, constructServer({
    azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, shadow: zone('billing-db.postgres.database.azure.com'), link: zone('privatelink.postgres.database.azure.com') },
    azurerm_private_dns_zone_virtual_network_link: { hub: link('${azurerm_private_dns_zone.shadow.name}'), pl: { ...link('${azurerm_private_dns_zone.link.name}'), name: 'pl' } },
  }, '${var.server}'), [CONSTRUCT, ZONES]);
  expect(verdicts.filter((verdict) => verdict.status === 'fail' && verdict.address?.startsWith('azurerm_private_dns_zone_virtual_network_link'))).toEqual([linkFailure('billing-db.postgres.database.azure.com')]);
});

describe('a zone the server resolves in, named by a template that may be its public name or a parent (fourteenth review, A14b-13)', () => {
  const shadowFindings = (server: Resources[string][string], zones: Resources[string] = {}) => verdictsBeside(rule, constructServer({
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`), ...server } },
    azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, ...zones },
  }), [CONSTRUCT, ZONES]).filter((verdict) => verdict.status === 'fail' && verdict.subject === SHADOW_SERVER_ZONE_SUBJECT);
  const mayFail = (zoneName: string, address = '') => ({
    status: 'fail', subject: SHADOW_SERVER_ZONE_SUBJECT,
    message: `the server resolves in zone ${JSON.stringify(zoneName)}${address}, whose name is known only at apply time and may be the public name of ${CONSTRUCT}'s server or a parent of it: it answers for that name, and every name below it, in the VNets linked to it, in place of Azure's DNS.`,
  });

  test('given by an ID whose zone name is such a template, it fails under the finding\'s own subject', () => {
    const zoneName = '${var.p}.database.azure.com';
    expect(shadowFindings({ private_dns_zone_id: `/subscriptions/\${var.sub}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${zoneName}` })).toEqual([mayFail(zoneName)]);
  });

  test('a zone of the stack named by such a template, by reference, fails; the construct\'s own zone named after a variable passes', () => {
    expect(shadowFindings({ private_dns_zone_id: '${azurerm_private_dns_zone.shadow.id}' }, { shadow: zone('${var.p}.postgres.database.azure.com') }))
      .toEqual([mayFail('${var.p}.postgres.database.azure.com', ' (azurerm_private_dns_zone.shadow)')]);
    expect(shadowFindings({ private_dns_zone_id: '${azurerm_private_dns_zone.own.id}' }, { own: zone('${var.name}.private.postgres.database.azure.com') })).toEqual([]);
    expect(shadowFindings({ private_dns_zone_id: '${var.zone_id}' })).toEqual([]);
  });
});

describe('azapi blocks that link such a zone, write a record into it or forward such a name (fourteenth review, A14b-13)', () => {
  const LINK = 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01';
  const zoneId = (name: string) => `/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${name}`;
  const azapiLink = (parentId: string) => ({ type: LINK, name: 'l', parent_id: parentId, location: 'global', body: { properties: { registrationEnabled: false, virtualNetwork: { id: '${var.vnet}' } } } });
  const azapiRecord = (parentId: string, name: string) => ({ type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name, parent_id: parentId, body: { properties: { ttl: 60, aRecords: [{ ipv4Address: '10.9.9.9' }] } } });
  const failures = (blocks: Resources[string], zones: Resources[string] = {}) => verdictsBeside(rule, constructServer({
    azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, ...zones },
    azapi_resource: blocks,
  }), [CONSTRUCT, ZONES]).filter((verdict) => verdict.status === 'fail').map((verdict) => (verdict.status === 'fail' ? `${verdict.address}: ${verdict.message}` : ''));

  test('a VNet link or record under a literal zone ID, an ID template or a reference to an azapi or azurerm zone that may shadow fails', () => {
    const found = failures({
      zone: { type: 'Microsoft.Network/privateDnsZones@2024-06-01', name: 'postgres.database.azure.com', parent_id: '/subscriptions/0/resourceGroups/rg-dns', location: 'global', body: {} },
      byAzapi: azapiLink('${azapi_resource.zone.id}'),
      byId: azapiLink(zoneId('Database.Azure.com')),
      byTemplate: azapiLink(zoneId('${var.p}.database.azure.com')),
      byAzurerm: azapiLink('${azurerm_private_dns_zone.shadow.id}'),
      record: azapiRecord('${azapi_resource.zone.id}', 'orders-db'),
      theirs: azapiRecord('${azapi_resource.zone.id}', 'billing-db'),
      forward: { type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules@2022-07-01', name: 'f', parent_id: '/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/dnsForwardingRulesets/hub',
        body: { properties: { domainName: '${var.p}.postgres.database.azure.com.', forwardingRuleState: 'Enabled', targetDnsServers: [{ ipAddress: '10.9.9.9', port: 53 }] } } },
    }, { shadow: zone('${var.p}.azure.com') });
    expect(found.map((line) => line.split(':')[0]).sort()).toEqual(['azapi_resource.byAzapi', 'azapi_resource.byAzurerm', 'azapi_resource.byId', 'azapi_resource.byTemplate', 'azapi_resource.forward', 'azapi_resource.record']);
    expect(found[0]).toBe(`azapi_resource.byAzapi: azapi_resource.byAzapi links zone postgres.database.azure.com to a VNet, where it then answers for the public name of ${CONSTRUCT}'s server in place of Azure's DNS: clients there reach what its records say, or nothing.`);
  });

  test('a link of another zone, a disabled forwarding rule and a rule for an on-premises domain pass', () => {
    const rule_ = (domainName: string, state = 'Enabled') => ({ type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules@2022-07-01', name: 'f', parent_id: '${var.ruleset}', body: { properties: { domainName, forwardingRuleState: state } } });
    expect(failures({
      other: azapiLink(zoneId('${var.p}.example.com')),
      privateLink: azapiLink(zoneId('privatelink.postgres.database.azure.com')),
      variable: azapiLink('${var.zone_id}'),
      disabled: rule_('postgres.database.azure.com.', 'Disabled'),
      onprem: rule_('corp.example.com.'),
    })).toEqual([]);
  });
});

// A zone named through a local (queued after the eighteenth run): the name readers read the stack's locals, a constant one
// evaluated, another as what it may be; a local made of literal text by a function the pack does not evaluate may be the public
// name (A18b-4's class), read through any wrapper. Each wrapper x {a VNet link, a wildcard record}; the same around a variable
// or a company's name passes.
describe('a zone named through a local', () => {
  const ENCODED = Buffer.from('postgres.database.azure.com').toString('base64');
  const WRAPPERS: { readonly [how: string]: string } = {
    'the local': '${local.z}',
    'lower(local)': '${lower(local.z)}',
    'trimsuffix(local, ".")': '${trimsuffix(local.z, ".")}',
    'format("%s", local)': '${format("%s", local.z)}',
    'a template of the local': '${var.stage}${local.z}',
    'a local of the local': '${lower(local.y)}',
  };
  const LOCALS: { readonly [what: string]: { readonly z: string; readonly shadows: boolean } } = {
    'base64decode of the parent': { z: `\${base64decode("${ENCODED}")}`, shadows: true },
    'a conditional that may be the parent': { z: '${var.hub ? "postgres.database.azure.com." : "corp.example.com"}', shadows: true },
    'a constant company name': { z: 'corp.example.com', shadows: false },
    'a variable (a name wholly known later)': { z: '${var.zone_name}', shadows: false },
    'a company name under a variable': { z: '${var.p}.corp.example.com', shadows: false },
  };
  const judgedWith = (locals: { [name: string]: unknown }, zoneName: string) => {
    const model = buildStackModel({ locals, resource: constructServer({
      azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, shadow: zone(zoneName) },
      azurerm_private_dns_a_record: { wild: record('${azurerm_private_dns_zone.shadow.name}', '*') },
      azurerm_private_dns_zone_virtual_network_link: { hub: link('${azurerm_private_dns_zone.shadow.name}') },
    }) });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, locals: model.locals, constructs: [CONSTRUCT, ZONES] });
    return (Array.isArray(result) ? result : [result]).filter((verdict) => verdict.status === 'fail').map((verdict) => ('address' in verdict ? verdict.address : undefined));
  };
  /** An azapi wildcard record below a zone ID whose zone name is the wrapper. */
  const azapiJudged = (locals: { [name: string]: unknown }, zoneName: string) => {
    const model = buildStackModel({ locals, resource: constructServer({ azapi_resource: { rec: { type: 'Microsoft.Network/privateDnsZones/A@2020-06-01', name: '*',
      parent_id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${zoneName}`, body: { properties: { ttl: 60, aRecords: [{ ipv4Address: '203.0.113.9' }] } } } } }) });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, locals: model.locals, constructs: [CONSTRUCT, ZONES] });
    return (Array.isArray(result) ? result : [result]).filter((verdict) => verdict.status === 'fail').map((verdict) => ('address' in verdict ? verdict.address : undefined));
  };
  const cases = Object.entries(LOCALS).flatMap(([what, local]) => Object.entries(WRAPPERS).map(([how, name]) => [what, how, local, name] as const));
  test.each(cases)('a zone whose local is %s, named by %s', (_what, _how, local, name) => {
    const locals = { z: local.z, y: '${local.z}' };
    expect(judgedWith(locals, name)).toEqual(local.shadows ? ['azurerm_private_dns_a_record.wild', 'azurerm_private_dns_zone_virtual_network_link.hub'] : []);
    expect(azapiJudged(locals, name)).toEqual(local.shadows ? ['azapi_resource.rec'] : []);
  });
});
