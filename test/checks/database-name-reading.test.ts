import * as fs from 'fs';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { Extension } from '@cdktf/provider-postgresql/lib/extension';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { Role } from '@cdktf/provider-postgresql/lib/role';
import { TerraformLocal, TerraformStack, Testing } from 'cdktf';
import { DatabaseAccess, PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps, synthErrors } from '../helpers';

// One reading of "which database does this value name" (database-checks.ts databaseNameIn), for a resource's `database` and the
// postgresql provider's own (read without the stack's locals elsewhere): a literal, a local the stack evaluates, or a reference to the
// `name` of a database the stack makes on the server, read as that name; anything else stays known only at apply time (34th run, A34a-2/3).

function setup() {
  const stack = new TerraformStack(Testing.app(), 'trust');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  const access = new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
  const made = postgres.node.findChild('Database-orders') as PostgresqlFlexibleServerDatabase;
  const local = new TerraformLocal(stack, 'db', 'orders');
  return { stack, postgres, access, dbref: made.name, local: local.asString };
}

const lines = (stack: TerraformStack, rule: string) => synthErrors(stack).filter((line) => line.includes(` ${rule} `))
  .map((line) => line.replace(new RegExp(`^ {2}\\[[^\\]]+\\] (\\S+) ${rule} .*$`), '$1'));

describe('the provider\'s own database (PGD-TLS-1)', () => {
  const withDatabase = (database: (names: { dbref: string; local: string }) => string, localValue?: string) => {
    const { stack, postgres, dbref, local } = setup();
    if (localValue !== undefined) stack.addOverride('locals.db', localValue);
    const provider = new PostgresqlProvider(stack, 'raw', {
      alias: 'raw', host: postgres.fqdn, database: database({ dbref, local }), sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true, superuser: false,
    });
    new Role(stack, 'R', { provider, name: 'reporting', login: false });
    return stack;
  };

  test.each([
    ['a local constant', ({ local }: { local: string }) => local],
    ['the name of the construct\'s database', ({ dbref }: { dbref: string }) => dbref],
  ])('%s passes', (_what, database) => {
    expect(lines(withDatabase(database), 'PGD-TLS-1')).toEqual([]);
  });

  test.each([
    ['a local holding a query', '${"orders?sslmode=disable&x="}'],
    ['a local holding a fragment', 'orders#'],
    ['a local holding a percent-escape', 'orders%00options=x'],
    ['a local holding a control character', 'orders\nx'],
    ['a local known only at apply time', '${var.db}'],
  ])('%s still fails', (_what, value) => {
    const stack = withDatabase(({ local }) => local, value);
    if (value === '${var.db}') stack.addOverride('variable.db', { type: 'string' });
    expect(lines(stack, 'PGD-TLS-1')).toEqual(['postgresql_role.R']);
  });

  test('a template over the construct database\'s name still fails (read as the expression)', () => {
    expect(lines(withDatabase(({ dbref }) => `${dbref}?sslmode=disable&x=`), 'PGD-TLS-1')).toEqual(['postgresql_role.R']);
  });
});

describe('a grant\'s database that references the construct\'s database (PGD-IAM-12, PGD-LOG-1, PGD-IAM-14)', () => {
  test('a sequence grant within the level in the referenced database passes PGD-IAM-12', () => {
    const { stack, access, dbref } = setup();
    new Grant(stack, 'X', { provider: access.provider, database: dbref, role: 'orders_readonly', schema: 'public', objectType: 'sequence', privileges: ['SELECT'], objects: [] });
    expect(lines(stack, 'PGD-IAM-12')).toEqual([]);
  });

  test('a grant beyond the level in the referenced database still fails PGD-IAM-12', () => {
    const { stack, access, dbref } = setup();
    new Grant(stack, 'X', { provider: access.provider, database: dbref, role: 'orders_readonly', schema: 'public', objectType: 'table', privileges: ['DELETE'], objects: [] });
    expect(lines(stack, 'PGD-IAM-12')).toEqual(['postgresql_grant.X']);
  });

  test('a grant to a role of the stack in the referenced database passes PGD-LOG-1 (the construct audits "orders")', () => {
    const { stack, access, dbref } = setup();
    const role = new Role(stack, 'R', { provider: access.provider, name: 'reporting', login: false });
    new Grant(stack, 'X', { provider: access.provider, database: dbref, role: role.name, schema: 'public', objectType: 'table', privileges: ['SELECT'], objects: [] });
    expect(lines(stack, 'PGD-LOG-1')).toEqual([]);
  });

  test('a pgaudit extension whose database references another made database counts for it', () => {
    const { stack, access, postgres } = setup();
    const other = new PostgresqlFlexibleServerDatabase(stack, 'Billing', { name: 'billing', serverId: postgres.serverId });
    new Extension(stack, 'Audit', { provider: access.provider, name: 'pgaudit', database: other.name });
    new Grant(stack, 'Revoke', { provider: access.provider, database: other.name, role: 'public', objectType: 'database', privileges: [] });
    expect(lines(stack, 'PGD-LOG-1')).toEqual([]);
    expect(lines(stack, 'PGD-IAM-14')).toEqual([]);
  });

  test('without the extension and the revoke, the other database still fails PGD-LOG-1 and PGD-IAM-14', () => {
    const { stack, postgres } = setup();
    new PostgresqlFlexibleServerDatabase(stack, 'Billing', { name: 'billing', serverId: postgres.serverId });
    expect(lines(stack, 'PGD-LOG-1')).toEqual(['azurerm_postgresql_flexible_server_database.Billing']);
    expect(lines(stack, 'PGD-IAM-14')).toEqual(['azurerm_postgresql_flexible_server_database.Billing']);
  });
});

describe('a database block with for_each over a collection the evaluator knows is read instance by instance', () => {
  const withDatabases = (revoked: string[], audited: string[]) => {
    const { stack, access } = setup();
    const provider = `postgresql.${access.provider.alias}`;
    stack.addOverride('resource.postgresql_database.D', { provider, for_each: '${toset(["a1", "b1"])}', name: '${each.value}', owner: 'db-admins' });
    if (revoked.length > 0) {
      stack.addOverride('resource.postgresql_grant.Revoke', { provider, for_each: `\${toset(${JSON.stringify(revoked)})}`, database: '${each.key}', role: 'public', object_type: 'database', privileges: [] });
    }
    if (audited.length > 0) stack.addOverride('resource.postgresql_extension.Audit', { provider, for_each: `\${toset(${JSON.stringify(audited)})}`, database: '${each.value}', name: 'pgaudit' });
    return stack;
  };

  test('each database revoked and audited by for_each blocks passes PGD-IAM-14 and PGD-LOG-1', () => {
    const stack = withDatabases(['a1', 'b1'], ['a1', 'b1']);
    expect(lines(stack, 'PGD-IAM-14')).toEqual([]);
    expect(lines(stack, 'PGD-LOG-1')).toEqual([]);
  });

  test('an instance left without its revoke or its pgaudit fails, at its key (PGD-LOG-1 at the first instance naming that database)', () => {
    const stack = withDatabases(['a1'], ['b1']);
    expect(lines(stack, 'PGD-IAM-14')).toEqual(['postgresql_database.D["b1"]']);
    expect(synthErrors(stack).find((line) => line.includes('PGD-IAM-14'))).toMatch(/database b1/);
    expect(lines(stack, 'PGD-LOG-1')).toEqual(['postgresql_grant.Revoke["a1"]']);
    expect(synthErrors(stack).find((line) => line.includes('PGD-LOG-1'))).toMatch(/database a1 /);
  });

  test('a for_each over a collection known only at apply time stays known only at apply time', () => {
    const { stack, access } = setup();
    stack.addOverride('variable.names', { type: 'set(string)' });
    stack.addOverride('resource.postgresql_database.D', { provider: `postgresql.${access.provider.alias}`, for_each: '${var.names}', name: '${each.value}', owner: 'db-admins' });
    expect(lines(stack, 'PGD-IAM-14')).toEqual(['postgresql_database.D']);
    expect(synthErrors(stack).find((line) => line.includes('PGD-IAM-14'))).toMatch(/known only at apply time/);
  });
});

describe('a for_each over a database block with for_each (chained for_each): its keys are the database names', () => {
  const withSchema = (database: string, names = '${toset(["a1", "b1"])}') => {
    const { stack, access } = setup();
    const provider = `postgresql.${access.provider.alias}`;
    stack.addOverride('resource.postgresql_database.D', { provider, for_each: names, name: '${each.value}', owner: 'db-admins' });
    stack.addOverride('resource.postgresql_schema.S', { provider, for_each: '${postgresql_database.D}', database, name: 'app' });
    return stack;
  };

  test('database = each.key passes PGD-TLS-1', () => {
    expect(lines(withSchema('${each.key}'), 'PGD-TLS-1')).toEqual([]);
  });

  test('a key that is no plain database name still fails PGD-TLS-1, at its instance', () => {
    expect(lines(withSchema('${each.key}', '${toset(["a1", "b1?sslmode=disable&x="])}'), 'PGD-TLS-1')).toEqual(['postgresql_schema.S["b1?sslmode=disable&x="]']);
  });

  test('database = each.value.name is read as the name of D\'s instance of the key (each.value over D)', () => {
    expect(lines(withSchema('${each.value.name}'), 'PGD-TLS-1')).toEqual([]);
    expect(lines(withSchema('${each.value.name}', '${toset(["a1", "b1?sslmode=disable&x="])}'), 'PGD-TLS-1')).toEqual(['postgresql_schema.S["b1?sslmode=disable&x="]']);
  });
});

describe('a block with for_each over a collection the evaluator knows is judged instance by instance (35th run, A35a-3)', () => {
  // Two databases, each with its readonly group from the construct; a grant block beside them, one instance per database.
  const twoDatabases = (grant: Record<string, unknown>, roles: Record<string, unknown> = {}) => {
    const stack = new TerraformStack(Testing.app(), 'perinst');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }, { name: 'billing' }] }));
    const access = new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders', 'billing'], roles: [] });
    const provider = `postgresql.${access.provider.alias}`;
    stack.addOverride('locals.dbs', ['orders', 'billing']);
    for (const [name, body] of Object.entries(roles)) stack.addOverride(`resource.postgresql_role.${name}`, { provider, ...(body as object) });
    stack.addOverride('resource.postgresql_grant.G', { provider, schema: 'public', object_type: 'table', privileges: ['SELECT'], objects: [], ...grant });
    return stack;
  };
  const failing = (stack: TerraformStack) => synthErrors(stack).filter((line) => / PGD-/.test(line))
    .map((line) => line.replace(/^ {2}\[[^\]]+\] (\S+) (PGD-[A-Z]+-\d+) .*$/, '$2 $1'));

  test.each([
    ['"${each.key}_readonly" over toset(local.dbs)', { for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${each.key}_readonly' }],
    ['each.value.ro over a literal map', { for_each: { orders: { ro: 'orders_readonly' }, billing: { ro: 'billing_readonly' } }, database: '${each.key}', role: '${each.value.ro}' }],
    ['each.value over a map, database each.key', { for_each: { orders: 'orders_readonly', billing: 'billing_readonly' }, database: '${each.key}', role: '${each.value}' }],
    ['a for expression over the local', { for_each: '${{for d in local.dbs : d => "${d}_readonly"}}', database: '${each.key}', role: '${each.value}' }],
  ])('each database\'s own readonly group, %s: passes', (_what, grant) => {
    expect(failing(twoDatabases(grant))).toEqual([]);
  });

  test('a grant by R[each.key] over R\'s keys reads the role of its key (instance-role-references.test.ts has the variants)', () => {
    const stack = twoDatabases({ for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${postgresql_role.R[each.key].name}' },
      { R: { for_each: '${toset(local.dbs)}', name: '${each.key}_reporting', login: false } });
    expect(failing(stack)).toEqual([]);
  });

  test('the swapped map (each database\'s grant to the other\'s group) fails PGD-IAM-12 on each instance', () => {
    const stack = twoDatabases({ for_each: { orders: 'billing_readonly', billing: 'orders_readonly' }, database: '${each.key}', role: '${each.value}' });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-12')).sort()).toEqual(['PGD-IAM-12 postgresql_grant.G["billing"]', 'PGD-IAM-12 postgresql_grant.G["orders"]']);
  });

  test('one PUBLIC instance fails PGD-IAM-4 at its key; the harmless instance does not', () => {
    const stack = twoDatabases({ for_each: { orders: 'orders_readonly', billing: 'public' }, database: '${each.key}', role: '${each.value}' });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G["billing"]']);
  });

  test('an instance whose role is known only at apply time still fails closed, at its key', () => {
    const stack = twoDatabases({ for_each: { orders: 'orders_readonly', billing: '${var.r}' }, database: '${each.key}', role: '${each.value}' });
    stack.addOverride('variable.r', { type: 'string' });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G["billing"]']);
  });

  test('a for_each known only at apply time is read as one block, as before', () => {
    const stack = twoDatabases({ for_each: '${var.dbs}', database: '${each.key}', role: '${each.key}_readonly' });
    stack.addOverride('variable.dbs', { type: 'set(string)' });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G']);
  });

  test('an instance with a privilege beyond its group\'s level fails PGD-IAM-12 at its key only', () => {
    const stack = twoDatabases({ for_each: { orders: ['SELECT'], billing: ['DELETE'] }, database: '${each.key}', role: '${each.key}_readonly', privileges: '${each.value}' });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-12'))).toEqual(['PGD-IAM-12 postgresql_grant.G["billing"]']);
  });

  test('a membership loop: the instance granting azure_pg_admin fails PGD-IAM-6 at its key, the other passes', () => {
    const stack = twoDatabases({ for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${each.key}_readonly' });
    const access = stack.node.findChild('Access') as DatabaseAccess;
    stack.addOverride('resource.postgresql_grant_role.M', { provider: `postgresql.${access.provider.alias}`, for_each: { a: 'orders_readonly', b: 'azure_pg_admin' }, role: 'orders_readonly', grant_role: '${each.value}' });
    stack.addOverride('resource.postgresql_grant_role.M.role', 'billing_readonly');
    const found = failing(stack);
    expect(found.filter((line) => line.includes('postgresql_grant_role.M'))).toContain('PGD-IAM-6 postgresql_grant_role.M["b"]');
    expect(found.filter((line) => line.includes('postgresql_grant_role.M["a"]') && line.startsWith('PGD-IAM-6'))).toEqual([]);
  });

  test('count is read as the whole block, as before', () => {
    const stack = twoDatabases({ count: 2, database: '${local.dbs[count.index]}', role: 'public' });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G']);
  });

  test('no in-database rule reads the server\'s blocks but through inDatabaseOf, grantsOf or inDatabaseResources (instance by instance)', () => {
    const dir = path.join(__dirname, '../../lib/checks/rules');
    const direct = fs.readdirSync(dir).filter((file) => file.startsWith('PGD-') && /server\.inDatabase\b(?!Reads)/.test(fs.readFileSync(path.join(dir, file), 'utf8')));
    expect(direct).toEqual([]);
  });

  test('a suppression on the block\'s construct covers the finding on an instance', () => {
    const stack = twoDatabases({ for_each: { orders: 'orders_readonly', billing: 'billing_readonly' }, database: '${each.key}', role: '${each.value}' });
    const access = stack.node.findChild('Access') as DatabaseAccess;
    const grant = new Grant(stack, 'H', { provider: access.provider, database: 'orders', role: 'public', schema: 'public', objectType: 'table', privileges: ['SELECT'], objects: [] });
    grant.addOverride('for_each', { orders: 'orders_readonly', billing: 'public' });
    grant.addOverride('role', '${each.value}');
    grant.addOverride('database', '${each.key}');
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.H["billing"]']);
    PostgresSecurityChecks.suppress(grant, 'PGD-IAM-4', 'the billing team reviews PUBLIC reads of its tables, SEC-4411');
    expect(failing(stack)).toEqual([]);
  });
});
