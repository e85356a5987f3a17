import { rule } from '../../../lib/checks/rules/PG-NET-1';
import { CONSTRUCT, madeAt, verdictsBeside } from '../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../rule-harness';

// A DNS Private Resolver forwarding rule for the server's public name or a parent of it sends the
// queries for that name, in the VNets linked to its ruleset, to DNS servers of its own, as a shadowing
// private zone does (eighth review, A8-6).

const ZONES = 'stack/cdktf-azure-postgres-private-dns-zones';
const RULESET = '/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/dnsForwardingRulesets/hub';

const constructServer = (extra: Resources = {}, name: unknown = 'orders-db'): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), name, ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', address_prefixes: ['10.0.1.0/28'] } },
  azurerm_private_dns_zone: { db: { ...madeAt(`${ZONES}/zone/Zone`), name: 'orders-db.private.postgres.database.azure.com', resource_group_name: 'rg' } },
  azurerm_private_dns_resolver_virtual_network_link: { spoke: { ...madeAt('stack/Link'), name: 'spoke', dns_forwarding_ruleset_id: RULESET, virtual_network_id: '${var.vnet}' } },
  ...extra,
});
const forwarding = (domainName: unknown, extra: Record<string, unknown> = {}) => ({
  ...madeAt('stack/Forward'), name: 'fwd', dns_forwarding_ruleset_id: RULESET, domain_name: domainName, target_dns_servers: [{ ip_address: '10.9.9.9', port: 53 }], ...extra,
});
const failure = (domainName: unknown) => ({
  status: 'fail',
  message: `azurerm_private_dns_resolver_forwarding_rule.fwd forwards ${JSON.stringify(domainName)} to DNS servers of its own in the VNets linked to its ruleset, which then answer for the public name of ${CONSTRUCT}'s server in place of Azure's DNS: clients there reach what those servers say.`,
  address: 'azurerm_private_dns_resolver_forwarding_rule.fwd',
});
const judged = (domainName: unknown, extra: Record<string, unknown> = {}, serverName: unknown = 'orders-db') => verdictsBeside(rule, constructServer({
  azurerm_private_dns_resolver_forwarding_rule: { fwd: forwarding(domainName, extra) },
}, serverName), [CONSTRUCT, ZONES]);

test.each([
  ['the parent domain, as Azure writes it', 'postgres.database.azure.com.'],
  ['the parent domain without the root\'s dot, in upper case', ' POSTGRES.Database.Azure.COM'],
  ['the server\'s own public name', 'orders-db.postgres.database.azure.com.'],
  ['a grandparent', 'database.azure.com.'],
  ['azure.com', 'azure.com.'],
  ['another cloud\'s domain', 'postgres.database.usgovcloudapi.net.'],
  ['a template that ends in the parent domain', '${var.env}.postgres.database.azure.com.'],
  ['a template that ends in a grandparent', '${var.service}.database.azure.com.'],
  ['every name ("."), as a VNet\'s custom DNS servers (A17a-5)', '.'],
  ['the top-level domain of the public name (A17a-5)', 'com.'],
])('fails a rule for %s', (_name, domainName) => {
  expect(judged(domainName)).toEqual([failure(domainName)]);
});

test('fails a rule whose enabled is known only later, and one for any one name under the domain while the server\'s name is', () => {
  expect(judged('postgres.database.azure.com.', { enabled: '${var.forward}' })).toEqual([failure('postgres.database.azure.com.')]);
  expect(judged('billing-db.postgres.database.azure.com.', {}, '${var.server}')).toEqual(expect.arrayContaining([failure('billing-db.postgres.database.azure.com.')]));
  expect(judged('${var.x}.postgres.database.azure.com.', {}, '${var.server}')).toEqual(expect.arrayContaining([failure('${var.x}.postgres.database.azure.com.')]));
});

test.each([
  ['an on-premises domain', 'corp.example.com.'],
  ['the private endpoint zone, forwarded to the hub\'s inbound endpoint', 'privatelink.postgres.database.azure.com.'],
  ['the VNet-integrated zones', 'private.postgres.database.azure.com.'],
  ['the construct\'s own zone', 'orders-db.private.postgres.database.azure.com.'],
  ['another server\'s public name', 'billing-db.postgres.database.azure.com.'],
  ['a name below the server\'s', 'x.orders-db.postgres.database.azure.com.'],
  ['a look-alike', 'postgres.database.azure.com.evil.'],
  ['a domain known only later', '${var.onprem_domain}'],
  ['a template of a company domain', '${var.company}.com.'],
  ['a template under the private endpoint zone', '${var.x}.privatelink.postgres.database.azure.com.'],
])('passes a rule for %s', (_name, domainName) => {
  expect(judged(domainName)).toEqual([{ status: 'pass' }]);
});

test('passes a disabled rule for the parent domain', () => {
  expect(judged('postgres.database.azure.com.', { enabled: false })).toEqual([{ status: 'pass' }]);
});

test('a rule is judged by the predicate zones are judged by (fourteenth review, A14b-13): the literal start of a template counts, and the Private Link zone passes while the server\'s name is known later', () => {
  expect(judged('billing-db.${var.p}.database.azure.com.')).toEqual([{ status: 'pass' }]);
  expect(judged('orders-db.${var.p}.database.azure.com.')).toEqual([failure('orders-db.${var.p}.database.azure.com.')]);
  expect(judged('%{if var.on}postgres.database.azure.com%{endif}')).toEqual([failure('%{if var.on}postgres.database.azure.com%{endif}')]);
  expect(judged('privatelink.postgres.database.azure.com.', {}, '${var.server}').filter((verdict) => verdict.status === 'fail' && verdict.address === 'azurerm_private_dns_resolver_forwarding_rule.fwd')).toEqual([]);
});
