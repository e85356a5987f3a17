import { evaluateTemplate } from '../../lib/checks/hcl-expression';
import { hostServers, serverCloud } from '../../lib/checks/provider-hosts';

// Which server a provider's host reaches (A37a-1): the server's name and nothing else, else unresolved (any server).

const S = 'azurerm_postgresql_flexible_server.db';
const read = (host: string) => hostServers(evaluateTemplate(host, new Map() as never));
const PUBLIC = 'postgres.database.azure.com';
const CHINA = 'postgres.database.chinacloudapi.cn';
const USGOV = 'postgres.database.usgovcloudapi.net';
const named = (name: string, domain = PUBLIC, privatelink = false) => ({ names: [{ name, domain, privatelink }], references: [], unresolved: false });
const referenced = (reference: string, domain?: string) => ({ names: [], references: [domain === undefined ? { reference } : { reference, domain }], unresolved: false });
const UNRESOLVED = { names: [], references: [], unresolved: true };

test.each([
  ['orders.postgres.database.azure.com', named('orders')],
  ['ORDERS.Postgres.Database.AZURE.com.', named('orders')],
  [' orders.postgres.database.azure.com ', named('orders')],
  ['orders.postgres.database.usgovcloudapi.net', named('orders', USGOV)],
  ['orders.postgres.database.chinacloudapi.cn', named('orders', CHINA)],
  ['Orders.POSTGRES.database.ChinaCloudApi.cn.', named('orders', CHINA)],
  ['orders.privatelink.postgres.database.azure.com', named('orders', PUBLIC, true)],
  ['orders.privatelink.postgres.database.chinacloudapi.cn', named('orders', CHINA, true)],
])('the literal %p names the server of that name in that cloud', (host, expected) => {
  expect(read(host)).toEqual(expected);
});

test.each([
  'orders.postgres.database.azure.com.evil.example', 'orders.postgres.database.evil.example', 'orders.postgres.database.azure.co',
  'x.orders.postgres.database.azure.com', 'orders.postgres.database.azure.com..', 'orders..postgres.database.azure.com', '-orders.postgres.database.azure.com',
  'postgres.database.azure.com', 'pg.internal.contoso.com', '10.0.0.4', 'localhost', '',
  // The apex of a VNet-integrated server's private zone is no name Azure gives the server (A38b-1c).
  'orders.private.postgres.database.azure.com', 'orders.private.postgres.database.chinacloudapi.cn', 'orders.database.azure.com',
  'orders.postgres.database.cloudapi.de', 'orders.postgres.database.windows.net',
])('the literal %p is unresolved', (host) => {
  expect(read(host)).toEqual(UNRESOLVED);
});

test.each([
  [`\${${S}.fqdn}`, `${S}.fqdn`],
  [`\${${S}.fqdn}.`, `${S}.fqdn`],
  [`\${${S}[0].fqdn}`, `${S}[0].fqdn`],
  [`\${data.azurerm_postgresql_flexible_server.same.fqdn}`, 'data.azurerm_postgresql_flexible_server.same.fqdn'],
  [`\${lower(${S}.fqdn)}`, `${S}.fqdn`],
  [`\${upper(trimspace(${S}.fqdn))}`, `${S}.fqdn`],
  [`\${trimsuffix(${S}.fqdn, ".")}`, `${S}.fqdn`],
])('%p names the server by reference', (host, reference) => {
  expect(read(host)).toEqual(referenced(reference));
});

test.each([
  [`\${${S}.name}.postgres.database.azure.com`, PUBLIC],
  [`\${${S}.name}.POSTGRES.database.usgovcloudapi.net.`, USGOV],
  [`\${${S}.name}.postgres.database.chinacloudapi.cn`, CHINA],
  [`\${${S}["k"].name}.postgres.database.chinacloudapi.cn`, CHINA],
])('%p names the server by its name under a cloud\'s domain', (host, domain) => {
  expect(read(host)).toEqual(referenced(host.slice(2, host.indexOf('}')), domain));
});

test.each([
  `\${${S}.fqdn}.evil.example`, `replica-\${${S}.fqdn}`, `\${${S}.fqdn}\${${S}.fqdn}`, `\${${S}.name}`, `\${${S}.id}`,
  `\${${S}.name}2.postgres.database.azure.com`, `replica-\${${S}.name}.postgres.database.azure.com`,
  `\${${S}.name}.postgres.database.azure.com.evil.example`, `\${${S}.fqdn}.postgres.database.azure.com`, `\${${S}.name}.private.postgres.database.azure.com`,
  `\${data.azurerm_postgresql_flexible_server.same.name}.postgres.database.azure.com`, `\${terraform_data.h.output}`, '${var.host}',
  `\${trimsuffix(${S}.fqdn, ".com")}`, `\${format("%s", ${S}.fqdn)}`, `\${lower(${S}.fqdn)}.evil.example`, `%{if true}x%{endif}\${${S}.fqdn}`,
])('%p is unresolved', (host) => {
  expect(read(host)).toEqual(UNRESOLVED);
});

test('a choice reaches each of its branches, and is unresolved when one branch is', () => {
  expect(read(`\${var.b ? ${S}.fqdn : "other.postgres.database.azure.com"}`)).toEqual({ names: [{ name: 'other', domain: PUBLIC, privatelink: false }], references: [{ reference: `${S}.fqdn` }], unresolved: false });
  expect(read(`\${var.b ? ${S}.fqdn : "evil.example"}`)).toEqual({ names: [], references: [{ reference: `${S}.fqdn` }], unresolved: true });
});

test('a host that is not a text is unresolved', () => {
  for (const host of [undefined, null, 5432, true, {}]) expect(hostServers(host)).toEqual(UNRESOLVED);
});

describe('the cloud of a server is its azurerm provider\'s environment, written as a literal (A38a-2, A38b-2)', () => {
  const providers = (config: { [name: string]: unknown }, key = 'azurerm') => new Map([[key, config]]);
  test.each([
    ['public', PUBLIC], ['Public', PUBLIC], ['global', PUBLIC], ['canary', PUBLIC],
    ['china', CHINA], ['CHINA', CHINA],
    ['usgovernment', USGOV], ['usgovernmentl4', USGOV], ['dod', USGOV], ['usgovernmentl5', USGOV],
  ])('environment %p is %p', (environment, domain) => {
    expect(serverCloud({}, providers({ features: [{}], environment }))).toEqual({ domain });
  });

  test('the provider meta-argument picks the configuration, alias included', () => {
    const both = new Map<string, { [name: string]: unknown }>([['azurerm', { environment: 'public' }], ['azurerm.cn', { environment: 'china' }]]);
    expect(serverCloud({ provider: 'azurerm.cn' }, both)).toEqual({ domain: CHINA });
    expect(serverCloud({}, both)).toEqual({ domain: PUBLIC });
    expect(serverCloud({ provider: 'azurerm.gov' }, both)).toEqual({ unknown: expect.stringMatching(/azurerm provider azurerm\.gov is not configured in the stack, so the runner's ARM_ENVIRONMENT decides/) });
  });

  test.each([
    ['environment not set', { features: [{}] }, /environment not set, so the runner's ARM_ENVIRONMENT decides its cloud/],
    ['environment null', { environment: null }, /environment not set/],
    ['environment ""', { environment: '' }, /environment not set/],
    ['environment known at apply time', { environment: evaluateTemplate('${var.cloud}', new Map() as never) }, /known only at apply time/],
    ['metadata_host beside environment', { environment: 'public', metadata_host: 'management.azure.com' }, /has metadata_host, whose metadata service decides its cloud/],
    ['german (no longer a cloud)', { environment: 'german' }, /"german", which is no cloud azurerm knows/],
    ['a blank around the name (FromName does not trim)', { environment: ' china' }, /which is no cloud azurerm knows/],
  ])('%s: the cloud is not known, and the reason names the fix', (_name, config, why) => {
    const cloud = serverCloud({}, providers(config));
    expect(cloud).toEqual({ unknown: expect.stringMatching(why) });
    expect((cloud as { unknown: string }).unknown).toMatch(/reference the server's fqdn in the host, or write the provider's environment/);
  });

  test('no provider block, or a provider chosen by an expression, is a cloud not known', () => {
    expect(serverCloud({}, new Map())).toEqual({ unknown: expect.stringMatching(/not configured in the stack/) });
    expect(serverCloud({}, undefined)).toEqual({ unknown: expect.stringMatching(/not configured in the stack/) });
    expect(serverCloud({ provider: evaluateTemplate('${var.p}', new Map() as never) }, providers({ environment: 'public' }))).toEqual({ unknown: expect.stringMatching(/chosen by an expression/) });
  });
});
