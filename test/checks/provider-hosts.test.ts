import { evaluateTemplate } from '../../lib/checks/hcl-expression';
import { hostServers } from '../../lib/checks/provider-hosts';

// Which server a provider's host reaches (A37a-1): the server's name and nothing else, else unresolved (any server).

const S = 'azurerm_postgresql_flexible_server.db';
const read = (host: string) => hostServers(evaluateTemplate(host, new Map() as never));
const named = (name: string, publicAzure = true) => ({ names: [{ name, publicAzure }], references: [], unresolved: false });
const referenced = (reference: string) => ({ names: [], references: [reference], unresolved: false });
const UNRESOLVED = { names: [], references: [], unresolved: true };

test.each([
  ['orders.postgres.database.azure.com', named('orders')],
  ['ORDERS.Postgres.Database.AZURE.com.', named('orders')],
  [' orders.postgres.database.azure.com ', named('orders')],
  ['orders.postgres.database.usgovcloudapi.net', named('orders', false)],
  ['orders.postgres.database.chinacloudapi.cn', named('orders', false)],
  ['orders.privatelink.postgres.database.azure.com', named('orders', false)],
  ['orders.private.postgres.database.azure.com', named('orders', false)],
])('the literal %p names the server', (host, expected) => {
  expect(read(host)).toEqual(expected);
});

test.each([
  'orders.postgres.database.azure.com.evil.example', 'orders.postgres.database.evil.example', 'orders.postgres.database.azure.co',
  'x.orders.postgres.database.azure.com', 'orders.postgres.database.azure.com..', 'orders..postgres.database.azure.com', '-orders.postgres.database.azure.com',
  'postgres.database.azure.com', 'pg.internal.contoso.com', '10.0.0.4', 'localhost', '',
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
  [`\${${S}.name}.postgres.database.azure.com`, `${S}.name`],
  [`\${${S}.name}.POSTGRES.database.usgovcloudapi.net.`, `${S}.name`],
])('%p names the server by reference', (host, reference) => {
  expect(read(host)).toEqual(referenced(reference));
});

test.each([
  `\${${S}.fqdn}.evil.example`, `replica-\${${S}.fqdn}`, `\${${S}.fqdn}\${${S}.fqdn}`, `\${${S}.name}`, `\${${S}.id}`,
  `\${${S}.name}2.postgres.database.azure.com`, `replica-\${${S}.name}.postgres.database.azure.com`,
  `\${${S}.name}.postgres.database.azure.com.evil.example`, `\${${S}.fqdn}.postgres.database.azure.com`,
  `\${data.azurerm_postgresql_flexible_server.same.name}.postgres.database.azure.com`, `\${terraform_data.h.output}`, '${var.host}',
  `\${trimsuffix(${S}.fqdn, ".com")}`, `\${format("%s", ${S}.fqdn)}`, `\${lower(${S}.fqdn)}.evil.example`, `%{if true}x%{endif}\${${S}.fqdn}`,
])('%p is unresolved', (host) => {
  expect(read(host)).toEqual(UNRESOLVED);
});

test('a choice reaches each of its branches, and is unresolved when one branch is', () => {
  expect(read(`\${var.b ? ${S}.fqdn : "other.postgres.database.azure.com"}`)).toEqual({ names: [{ name: 'other', publicAzure: true }], references: [`${S}.fqdn`], unresolved: false });
  expect(read(`\${var.b ? ${S}.fqdn : "evil.example"}`)).toEqual({ names: [], references: [`${S}.fqdn`], unresolved: true });
});

test('a host that is not a text is unresolved', () => {
  for (const host of [undefined, null, 5432, true, {}]) expect(hostServers(host)).toEqual(UNRESOLVED);
});
