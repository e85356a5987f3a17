import { Extension } from '@cdktf/provider-postgresql/lib/extension';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { rule as entraAdministrator } from '../../lib/checks/rules/PGF-IAM-2';
import { buildStackModel, ResourceView } from '../../lib/checks/stack-model';
import { accessStack, synthErrors } from '../helpers';
import { compliantFlexibleServer, FLEXIBLE, judge } from './rule-harness';

// A chained for_each (`for_each = terraform_data.T`) has T's keys, and counts as existing for sure, only when T surely has exactly
// those instances: the one reading of count, for_each and OpenTofu's lifecycle.enabled that makes a view `certain` (stack-model.ts
// instancesOf), over every hop of a chain. A source OpenTofu does not create (enabled = false) leaves the chained block no instance;
// one whose enabled is known only later leaves it instances that may not exist (35th run, A35a-2).

type Body = { [key: string]: unknown };
const source = (extra: Body = {}): Body => ({ for_each: { newdb: 'x' }, input: '${each.value}', ...extra });
const over = (address: string): Body => ({ for_each: `\${${address}}`, input: '${each.key}' });

/** The view of terraform_data.X in a stack of the given terraform_data blocks (and data sources), or undefined when it has no instance. */
function chained(blocks: { [name: string]: Body }, data: { [type: string]: { [name: string]: Body } } = {}, address = 'terraform_data.X'): ResourceView | undefined {
  return buildStackModel({ resource: { terraform_data: blocks }, data, variable: { on: { type: 'bool' } } }).resources.get(address);
}
const reading = (view: ResourceView | undefined) => view === undefined ? 'no instance' : { certain: view.certain, keys: view.instanceKeys };

describe('a block chained over one that surely has its instances is certain, with its keys', () => {
  test.each([
    ['a literal map', source()],
    ['enabled = true', source({ lifecycle: { enabled: true } })],
    ['enabled = "true"', source({ lifecycle: { enabled: 'true' } })],
  ])('over %s', (_what, body) => {
    expect(reading(chained({ T: body, X: over('terraform_data.T') }))).toEqual({ certain: true, keys: ['newdb'] });
  });

  test('over a chain of known hops (X over B over C)', () => {
    expect(reading(chained({ C: source(), B: over('terraform_data.C'), X: over('terraform_data.B') }))).toEqual({ certain: true, keys: ['newdb'] });
  });

  test('over a chain of 5,000 hops, each over the next (read without recursion: no stack overflow)', () => {
    const blocks: { [name: string]: Body } = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`H${i}`, over(`terraform_data.H${i + 1}`)]));
    blocks.H5000 = source();
    expect(reading(chained(blocks, {}, 'terraform_data.H0'))).toEqual({ certain: true, keys: ['newdb'] });
    blocks.H5000 = source({ lifecycle: { enabled: '${var.on}' } });
    expect(reading(chained(blocks, {}, 'terraform_data.H0'))).toEqual({ certain: false, keys: ['newdb'] });
  });

  test('over a data source with for_each over a known collection', () => {
    const data = { azuread_group: { g: { for_each: { newdb: 'x' }, display_name: '${each.key}' } } };
    expect(reading(chained({ X: over('data.azuread_group.g') }, data))).toEqual({ certain: true, keys: ['newdb'] });
  });
});

describe('a block chained over one that may not have its instances is not certain', () => {
  test.each([
    ['enabled known only later', { T: source({ lifecycle: { enabled: '${var.on}' } }) }],
    ['enabled that is no bool', { T: source({ lifecycle: { enabled: 'yes' } }) }],
    ['enabled written as a list of lifecycle blocks', { T: source({ lifecycle: [{ enabled: '${var.on}' }] }) }],
    ['a hop whose source has enabled known only later (X over B over C)', { C: source({ lifecycle: { enabled: '${var.on}' } }), B: over('terraform_data.C') }],
    ['three hops, the doubt at the far end', { D: source({ lifecycle: { enabled: '${var.on}' } }), C: over('terraform_data.D'), B: over('terraform_data.C') }],
  ])('over a source with %s: still read by its keys, not certain', (_what, blocks) => {
    const first = 'B' in blocks ? 'terraform_data.B' : 'terraform_data.T';
    expect(reading(chained({ ...blocks, X: over(first) }))).toEqual({ certain: false, keys: ['newdb'] });
  });

  test.each([
    ['count', { T: { count: 1, input: 'x' } }],
    ['no for_each (one instance, its object)', { T: { input: 'x', lifecycle: { enabled: '${var.on}' } } }],
    ['for_each known only later', { T: { for_each: '${var.names}', input: 'x' } }],
    ['for_each and count', { T: { for_each: { newdb: 'x' }, count: 1, input: 'x' } }],
  ])('over a source with %s: known only later', (_what, blocks) => {
    expect(reading(chained({ ...blocks, X: over('terraform_data.T') }))).toEqual({ certain: false, keys: undefined });
  });

  test.each([
    ['a module', 'module.m'],
    ['a resource the stack does not have', 'foo_thing.t'],
    ['a data source the stack does not have', 'data.foo_thing.t'],
    ['an attribute of a source', 'terraform_data.T.output'],
  ])('over %s: known only later', (_what, address) => {
    expect(reading(chained({ T: source(), X: over(address) }))).toEqual({ certain: false, keys: undefined });
  });

  test('over a data source whose enabled is known only later', () => {
    const data = { azuread_group: { g: { for_each: { newdb: 'x' }, display_name: '${each.key}', lifecycle: { enabled: '${var.on}' } } } };
    expect(reading(chained({ X: over('data.azuread_group.g') }, data))).toEqual({ certain: false, keys: ['newdb'] });
  });

  test('a loop (A over B, B over A, Terraform\'s cycle error) ends, and neither is certain', () => {
    const blocks = { A: over('terraform_data.B'), B: over('terraform_data.A'), X: over('terraform_data.A'), S: over('terraform_data.S') };
    expect(['A', 'B', 'X', 'S'].map((name) => reading(chained(blocks, {}, `terraform_data.${name}`)))).toEqual(new Array(4).fill({ certain: false, keys: undefined }));
  });
});

describe('a block chained over one OpenTofu does not create has no instance', () => {
  test.each([
    ['enabled = false', { T: source({ lifecycle: { enabled: false } }) }, 'terraform_data.T'],
    ['enabled = "false"', { T: source({ lifecycle: { enabled: 'false' } }) }, 'terraform_data.T'],
    ['enabled = false two hops away', { C: source({ lifecycle: { enabled: false } }), B: over('terraform_data.C') }, 'terraform_data.B'],
    ['an empty for_each', { T: source({ for_each: {} }) }, 'terraform_data.T'],
  ])('over a source with %s', (_what, blocks, first) => {
    expect(reading(chained({ ...blocks, X: over(first) }))).toBe('no instance');
  });
});

describe('what the rules read of a control chained over a source that may not exist', () => {
  const ruleLines = (stack: ReturnType<typeof accessStack>['stack'], rule: string) => synthErrors(stack).filter((line) => line.includes(` ${rule} `));
  const withSource = (enabled: unknown) => {
    const { stack, access } = accessStack('chain');
    const provider = access.provider;
    stack.addOverride('variable.on', { type: 'bool' });
    stack.addOverride('resource.postgresql_database.N', { provider: `postgresql.${provider.alias}`, name: 'newdb' });
    stack.addOverride('resource.terraform_data.T', source(enabled === undefined ? {} : { lifecycle: { enabled } }));
    return { stack, provider };
  };

  // pgaudit in newdb only through an extension chained over T (PGD-LOG-1).
  const audited = (enabled: unknown) => {
    const { stack, provider } = withSource(enabled);
    new Extension(stack, 'X', { provider, name: 'pgaudit', database: '${each.key}' }).addOverride('for_each', '${terraform_data.T}');
    return ruleLines(stack, 'PGD-LOG-1');
  };

  test('PGD-LOG-1 passes for the database when T surely has the key', () => {
    expect(audited(undefined)).toEqual([]);
  });

  test.each([[false], ['${var.on}']])('PGD-LOG-1 fails on newdb when T has enabled = %s', (enabled) => {
    const found = audited(enabled);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/\] postgresql_(database\.N|extension\.X(\["newdb"\])?) PGD-LOG-1 database newdb has no pgaudit extension/);
  });

  // PUBLIC's database privileges revoked in newdb only through a grant chained over T (PGD-IAM-14).
  const revoked = (enabled: unknown) => {
    const { stack, provider } = withSource(enabled);
    new Extension(stack, 'A', { provider, name: 'pgaudit', database: 'newdb' });
    new Grant(stack, 'V', { provider, database: '${each.key}', role: 'public', objectType: 'database', privileges: [] }).addOverride('for_each', '${terraform_data.T}');
    return ruleLines(stack, 'PGD-IAM-14');
  };

  test('PGD-IAM-14 passes when T surely has the key', () => {
    expect(revoked(undefined)).toEqual([]);
  });

  test.each([[false], ['${var.on}']])('PGD-IAM-14 fails on newdb when T has enabled = %s', (enabled) => {
    const found = revoked(enabled);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/\] postgresql_database\.N PGD-IAM-14 /);
  });

  // The same revoke may not exist through its own count or enabled: PGD-IAM-14 reads only the revokes that surely exist.
  test.each([
    ['count = var.n', { count: '${var.n}' }],
    ['lifecycle.enabled = var.on', { lifecycle: { enabled: '${var.on}' } }],
    ['for_each = var.names', { for_each: '${var.names}' }],
  ])('PGD-IAM-14 fails on newdb when its only revoke has %s', (_what, existence) => {
    const { stack, provider } = withSource(undefined);
    stack.addOverride('variable.n', { type: 'number' });
    stack.addOverride('variable.names', { type: 'set(string)' });
    new Extension(stack, 'A', { provider, name: 'pgaudit', database: 'newdb' });
    const grant = new Grant(stack, 'V', { provider, database: 'newdb', role: 'public', objectType: 'database', privileges: [] });
    Object.entries(existence).forEach(([key, value]) => grant.addOverride(key, value));
    const found = ruleLines(stack, 'PGD-IAM-14');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/\] postgresql_database\.N PGD-IAM-14 no postgresql_grant revokes from PUBLIC CONNECT and TEMPORARY on database newdb/);
  });

  // An Entra administrator only through a block chained over T (PGF-IAM-2, certainOnly of the server's administrators).
  const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';
  const administered = (lifecycle: Body | undefined) => judge(entraAdministrator, {
    [FLEXIBLE]: { db: compliantFlexibleServer() },
    terraform_data: { T: source(lifecycle === undefined ? {} : { lifecycle }) },
    [ADMINISTRATOR]: { admins: {
      for_each: '${terraform_data.T}', server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: '11111111-2222-3333-4444-555555555555',
      object_id: '66666666-7777-8888-9999-000000000000', principal_name: 'db-admins', principal_type: 'Group',
    } },
  });

  test('PGF-IAM-2 passes when T surely has its instance', () => {
    expect(administered(undefined)).toEqual({ status: 'pass' });
    expect(administered({ enabled: true })).toEqual({ status: 'pass' });
  });

  test.each([[false], ['${var.on}']])('PGF-IAM-2 fails when T has enabled = %s', (enabled) => {
    expect(administered({ enabled })).toMatchObject({ status: 'fail' });
  });
});
