import { evaluateStack, Finding } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';
import { group, guarded, NSG, RULE, securityRule, SUBNET, subnet } from './subnet-fixtures';

// A second resource of a network resource around a server (seventh review, A7-6): PG-CFG-3.

const SERVER = `${FLEXIBLE}.db`;
const TAIL = 'reaches the server; no rule reads what it does there, so it cannot be judged.';
const VNET = 'azurerm_virtual_network';
const OPEN = { name: 'open', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: '*', destination_address_prefix: '*' };

/** PG-CFG-3's failures, as "server | resource | message". */
function failures(resources: Resources, constructs?: string[], made?: string[]): string[] {
  const root = constructs === undefined ? {} : { '//': { 'cdktf-azure-postgres-constructs': constructs, 'cdktf-azure-postgres-made': made ?? [] } };
  return evaluateStack({ ...root, resource: resources }, ALL_RULES).findings
    .filter((f: Finding) => f.ruleId === 'PG-CFG-3' && f.status !== 'pass')
    .map((f) => `${f.server} | ${f.address} | ${f.status}: ${f.message}`);
}

test.each<[string, Resources, string]>([
  ['the network security group, in another case, with an inline allow-all rule', { [NSG]: { db: group, adopt: { ...group, name: 'NSG-db', resource_group_name: 'RG-DB', security_rule: [OPEN] } } },
    `${SERVER} | ${NSG}.adopt | fail: ${NSG}.adopt, a second ${NSG} with the same resource group and names as ${NSG}.db (the network security group of the server's delegated subnet) ${TAIL}`],
  ['the delegated subnet', { [SUBNET]: { db: subnet, adopt: { ...subnet, address_prefixes: ['10.0.9.0/24'] } } },
    `${SERVER} | ${SUBNET}.adopt | fail: ${SUBNET}.adopt, a second ${SUBNET} with the same resource group and names as ${SUBNET}.db (the server's delegated subnet) ${TAIL}`],
  ['the virtual network of the delegated subnet, with inline subnets', { [VNET]: { hub: { name: 'VNET-hub', resource_group_name: 'rg-network', address_space: ['10.0.0.0/16'], subnet: [{ name: 'snet-db', address_prefixes: ['10.0.1.0/28'] }] } } },
    `${SERVER} | ${VNET}.hub | fail: ${VNET}.hub, whose inline subnets replace ${SUBNET}.db (the server's delegated subnet) in its virtual network ${TAIL}`],
])('fails a second resource of %s', (_, extra, expected) => {
  expect(failures(guarded(undefined, extra))).toEqual([expected]);
});

// A20b-7: inline subnets written as dynamic blocks are inline subnets all the same (over a literal list or a variable).
test.each([
  ['over a literal list', { for_each: '${toset(["db"])}', content: { name: 'snet-db', address_prefixes: ['10.0.1.0/28'] } }],
  ['over a variable', { for_each: '${var.subnets}', content: { name: '${subnet.value.name}', address_prefixes: '${subnet.value.prefixes}' } }],
  ['whose content is a variable', { for_each: '${var.subnets}', content: '${var.subnet}' }],
])('fails the virtual network of the delegated subnet with a dynamic subnet block %s', (_, dynamicSubnet) => {
  expect(failures(guarded(undefined, { [VNET]: { hub: { name: 'vnet-hub', resource_group_name: 'rg-network', address_space: ['10.0.0.0/16'], dynamic: { subnet: dynamicSubnet } } } }))).toEqual([
    `${SERVER} | ${VNET}.hub | fail: ${VNET}.hub, whose inline subnets replace ${SUBNET}.db (the server's delegated subnet) in its virtual network ${TAIL}`,
  ]);
});

test('passes a group of the same name in another resource group, a virtual network without inline subnets, and a second resource a library construct made', () => {
  expect(failures(guarded(undefined, {
    [NSG]: { db: { ...group, '//': { metadata: { path: 'app/Db/Nsg' } } }, other: { ...group, resource_group_name: 'rg-app' }, made: { ...group, '//': { metadata: { path: 'app/Other/Nsg' } } } },
    [VNET]: { hub: { name: 'vnet-hub', resource_group_name: 'rg-network', address_space: ['10.0.0.0/16'] } },
  }), ['app/Db', 'app/Other'], ['app/Db/Nsg', 'app/Other/Nsg'])).toEqual([]);
});

// Stop 64: two blocks of one object in one stack, one a construct's: the construct's is the object (resource-twins.ts), the other a second one.
test('a group of the stack written as a library construct\'s group, in one stack and one subscription, is a second resource of that group', () => {
  expect(failures(guarded(undefined, {
    [NSG]: { db: group, made: { ...group, '//': { metadata: { path: 'app/Other/Nsg' } } } },
  }), ['app/Other'], ['app/Other/Nsg'])).toEqual([
    `${SERVER} | ${NSG}.db | fail: ${NSG}.db, a second ${NSG} with the same resource group and names as ${NSG}.made (the network security group of the server's delegated subnet) ${TAIL}`,
  ]);
});

test('a second resource a caller created inside a library construct (not listed as made) is judged as any other (A11a-1)', () => {
  expect(failures(guarded(undefined, {
    [NSG]: { db: group, made: { ...group, '//': { metadata: { path: 'app/Other/Nsg' } } } },
  }), ['app/Other'], [])).toEqual([
    `${SERVER} | ${NSG}.made | fail: ${NSG}.made, a second ${NSG} with the same resource group and names as ${NSG}.db (the network security group of the server's delegated subnet) ${TAIL}`,
  ]);
});

test('a private DNS zone of the same name and group is not judged here: PG-CFG-3 passes (two in one stack fail as namesakes)', () => {
  const zone = { name: 'orders.private.postgres.database.azure.com', resource_group_name: 'rg-dns' };
  expect(failures(guarded(undefined, {
    [FLEXIBLE]: { db: compliantFlexibleServer({ private_dns_zone_id: '${azurerm_private_dns_zone.db.id}' }) },
    azurerm_private_dns_zone: { db: zone, again: zone },
  }))).toEqual([]);
});

describe('providers of two subscriptions in one stack (eighth review, A8-4)', () => {
  const adopt = { ...group, provider: 'azurerm.prod', security_rule: [OPEN] };
  const judged = (prod: string) => evaluateStack({
    provider: { azurerm: [{ features: [{}], subscription_id: '11111111-1111-1111-1111-111111111111' }, { alias: 'prod', features: [{}], subscription_id: prod }] },
    resource: guarded(undefined, { [NSG]: { db: group, adopt } }),
  }, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-3' && f.status !== 'pass').map((f) => f.address);

  test('a group of the same name through a provider of another literal subscription is another object: passes', () => {
    expect(judged('22222222-2222-2222-2222-222222222222')).toEqual([]);
  });

  test('through a provider of the same subscription, or one known only at apply time, it is the same object: fails', () => {
    expect(judged('11111111-1111-1111-1111-111111111111')).toEqual([`${NSG}.adopt`]);
    expect(judged('${var.prod_subscription}')).toEqual([`${NSG}.adopt`]);
  });
});

// Fourteenth review, A14a-11: a twin's names are read as the model reads them (a reference to another
// resource's name is that resource's literal name), and a separate rule of the group may have a twin too.
describe('twins named through references, and twins of the group\'s rules (A14a-11)', () => {
  test('a group named by a reference to a decoy group of the same name (in another resource group), in the group\'s resource group, fails', () => {
    expect(failures(guarded(undefined, { [NSG]: { db: group, decoy: { ...group, resource_group_name: 'rg-decoy' }, twin: { ...group, name: `\${${NSG}.decoy.name}`, security_rule: [OPEN] } } })))
      .toEqual([`${SERVER} | ${NSG}.twin | fail: ${NSG}.twin, a second ${NSG} with the same resource group and names as ${NSG}.db (the network security group of the server's delegated subnet) ${TAIL}`]);
  });

  test('a rule of the same name in the same group (literal names) fails; one of another name, or in another group, passes', () => {
    const rule = securityRule({ network_security_group_name: 'NSG-db', destination_port_range: '22', access: 'Deny' });
    expect(failures(guarded(undefined, { [RULE]: { clients: securityRule(), twin: rule, other: { ...rule, name: 'Other', priority: 1020 }, elsewhere: { ...rule, resource_group_name: 'rg-app', priority: 1030 } } })))
      .toEqual([
        // Both are the caller's and rules of the group: each is a second resource of the other.
        `${SERVER} | ${RULE}.twin | fail: ${RULE}.twin, a second ${RULE} with the same resource group and names as ${RULE}.clients (a rule of the network security group of the server's delegated subnet) ${TAIL}`,
        `${SERVER} | ${RULE}.clients | fail: ${RULE}.clients, a second ${RULE} with the same resource group and names as ${RULE}.twin (a rule of the network security group of the server's delegated subnet) ${TAIL}`,
      ]);
  });
});
