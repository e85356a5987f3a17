import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { DataPostgresqlSchemas } from '@cdktf/provider-postgresql/lib/data-postgresql-schemas';
import { DataPostgresqlTables } from '@cdktf/provider-postgresql/lib/data-postgresql-tables';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { minimalProps, synthErrors } from '../helpers';

// A postgresql provider used only by data sources signs in at every plan, with the Entra token of
// the identity it runs as: PGD-TLS-1 judges it as it judges the providers of resources (adversary
// finding N2).

function withAccess(): { stack: TerraformStack; postgres: SecureFlexibleServer } {
  const stack = new TerraformStack(Testing.app(), 'trust');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
  return { stack, postgres };
}

const failure = (address: string) =>
  `  [trust] ${address} PGD-TLS-1 provider postgresql.insecure has sslmode "disable", which does not check the server's certificate, so a man-in-the-middle can take the token it signs in with. Fix: Set host to the server\'s fqdn, database to a literal name, sslmode = "verify-full" and no sslrootcert on the postgresql provider (DatabaseAccess does by default); set sslmode=verify-full in a subscription's conninfo, a postgres_fdw or dblink_fdw server's options and another client's connection string.`;

test('a provider with sslmode "disable" used only by a postgresql_schemas data source fails synth', () => {
  const { stack, postgres } = withAccess();
  const insecure = new PostgresqlProvider(stack, 'insecure', { alias: 'insecure', database: 'postgres', host: postgres.fqdn, sslmode: 'disable', username: 'db-admins', azureIdentityAuth: true });
  new DataPostgresqlSchemas(stack, 'Schemas', { provider: insecure, database: 'orders' });
  expect(synthErrors(stack)).toEqual([failure('data.postgresql_schemas.Schemas')]);
});

test('a provider with sslmode "disable" and the server\'s literal host, used only by a postgresql_tables data source, fails synth', () => {
  const { stack } = withAccess();
  const insecure = new PostgresqlProvider(stack, 'insecure', { alias: 'insecure', database: 'postgres', host: 'orders-db.postgres.database.azure.com', sslmode: 'disable', username: 'db-admins', azureIdentityAuth: true });
  new DataPostgresqlTables(stack, 'Tables', { provider: insecure, database: 'orders' });
  expect(synthErrors(stack)).toEqual([failure('data.postgresql_tables.Tables')]);
});

test('a data source read through a provider that verifies the certificate passes synth', () => {
  const { stack, postgres } = withAccess();
  const reader = new PostgresqlProvider(stack, 'reader', { alias: 'reader', database: 'postgres', host: postgres.fqdn, sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true });
  new DataPostgresqlSchemas(stack, 'Schemas', { provider: reader, database: 'orders' });
  expect(synthErrors(stack)).toEqual([]);
});

// 92nd run, A92b-1: a check block's scoped data source is read at every plan and apply, through the provider it names.
describe('a postgresql data source scoped in a check block', () => {
  const checked = (stack: TerraformStack, provider: string, type = 'postgresql_schemas') =>
    stack.addOverride('check.c', { data: { [type]: { s: { database: 'orders', provider } } }, assert: [{ condition: '${true}', error_message: 'never' }] });

  test('signs in through a provider with sslmode "disable": fails synth', () => {
    const { stack, postgres } = withAccess();
    new PostgresqlProvider(stack, 'insecure', { alias: 'insecure', database: 'postgres', host: postgres.fqdn, sslmode: 'disable', username: 'db-admins', azureIdentityAuth: true });
    checked(stack, 'postgresql.insecure');
    expect(synthErrors(stack)).toEqual([failure('check.c.data.postgresql_schemas.s')]);
  });

  test('signs in with a literal password: fails synth (PGD-IAM-9, PGD-IAM-10)', () => {
    const { stack, postgres } = withAccess();
    new PostgresqlProvider(stack, 'pw', { alias: 'pw', database: 'postgres', host: postgres.fqdn, sslmode: 'verify-full', username: 'pgadmin_orders', password: 'Hunter2-literal-password' });
    checked(stack, 'postgresql.pw', 'postgresql_tables');
    const errors = synthErrors(stack).join('\n');
    expect(errors).toContain('PGD-IAM-9');
    expect(errors).toContain('PGD-IAM-10');
    expect(errors).not.toContain('Hunter2-literal-password');
  });

  test('through a provider that verifies the certificate and signs in with Entra: passes synth', () => {
    const { stack, postgres } = withAccess();
    new PostgresqlProvider(stack, 'reader', { alias: 'reader', database: 'postgres', host: postgres.fqdn, sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true });
    checked(stack, 'postgresql.reader');
    expect(synthErrors(stack)).toEqual([]);
  });
});
