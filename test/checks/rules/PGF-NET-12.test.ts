import { rule } from '../../../lib/checks/rules/PGF-NET-12';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withExtensions = (extensions?: string) => ({
  [FLEXIBLE]: { db: compliantFlexibleServer() },
  [CONFIGURATION]: flexibleParameters(extensions === undefined ? {} : { 'azure.extensions': extensions }),
});

test.each(['pgaudit', 'pgaudit,pg_trgm,vector,uuid-ossp', 'PGAUDIT, POSTGIS', 'pgaudit,postgres_fdw_helper'])('passes azure.extensions = %p', (extensions) => {
  expect(judge(rule, withExtensions(extensions))).toEqual({ status: 'pass' });
});

test('passes a server that writes no allow-list: Azure allows no extension then', () => {
  expect(judge(rule, withExtensions())).toEqual({ status: 'pass' });
});

test.each<[string, string]>([
  ['pgaudit,postgres_fdw', 'postgres_fdw'],
  ['pgaudit, DBLINK ', 'dblink'],
  ['azure_storage,pgaudit,azure_ai', 'azure_ai,azure_storage'],
  ['oracle_fdw,tds_fdw,pg_duckdb,pglogical', 'oracle_fdw,pg_duckdb,pglogical,tds_fdw'],
])('fails azure.extensions = %p, with the outbound extensions as the subject a justification must cover', (extensions, subject) => {
  expect(judge(rule, withExtensions(extensions))).toEqual({
    status: 'fail',
    message: `server parameter azure.extensions is ${JSON.stringify(extensions)}, not a list without an extension that sends data out of the server.`,
    address: `${CONFIGURATION}.azure_extensions`,
    subject: `azure.extensions sending data out: ${subject}`,
  });
});

test('a list known only at apply time is unknown, never a pass', () => {
  expect(judge(rule, withExtensions('${var.extensions}'))).toEqual({
    status: 'unknown',
    note: 'server parameter azure.extensions is known only at apply time',
    address: `${CONFIGURATION}.azure_extensions`,
  });
});
