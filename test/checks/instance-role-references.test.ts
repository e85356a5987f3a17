import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { minimalProps, synthErrors } from '../helpers';

// A per-key loop of in-database blocks: a role block with for_each, and a grant (membership, label...) for each of its keys that names
// the role of its own key, `postgresql_role.R[each.key].name`, `postgresql_role.R["orders"].name`, or `each.value.name` over a for_each
// chained over R. Each instance reads as the role of that key (in-database-index.ts instanceViews), so a correct loop passes and a
// weakening written so is found at its instance; a key R lacks, keys known only later, and R with count stay read as before (fail closed).

const DATABASES = ['orders', 'billing'];

function loop(blocks: { [address: string]: Record<string, unknown> }, databases = DATABASES) {
  const stack = new TerraformStack(Testing.app(), 'eachkey');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: databases.map((name) => ({ name })) }));
  const access = new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases, roles: [] });
  const provider = `postgresql.${access.provider.alias}`;
  stack.addOverride('locals.dbs', databases);
  stack.addOverride('variable.dbs', { type: 'set(string)' });
  stack.addOverride('variable.on', { type: 'bool' });
  for (const [address, body] of Object.entries(blocks)) stack.addOverride(`resource.${address}`, { provider, ...body });
  return stack;
}

/** The PGD findings as "<rule> <address>", sorted. */
const failing = (stack: TerraformStack) => synthErrors(stack).filter((line) => / PGD-/.test(line))
  .map((line) => line.replace(/^ {2}\[[^\]]+\] (\S+) (PGD-[A-Z]+-\d+) .*$/, '$2 $1')).sort();

const reporting = (extra: Record<string, unknown> = {}) => ({ for_each: '${toset(local.dbs)}', name: '${each.key}_reporting', login: false, ...extra });
const onGrant = (line: string) => line.includes(' postgresql_grant.');
const select = (extra: Record<string, unknown>) => ({ schema: 'public', object_type: 'table', privileges: ['SELECT'], objects: [], ...extra });

describe('a grant per key to the role of that key passes', () => {
  test.each([
    ['R[each.key].name over the same keys', { for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${postgresql_role.R[each.key].name}' }],
    ['R[each.value].name over a set', { for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${postgresql_role.R[each.value].name}' }],
    ['each.value.name, chained over R (for_each = postgresql_role.R)', { for_each: '${postgresql_role.R}', database: '${each.key}', role: '${each.value.name}' }],
    ['R["orders"].name, one grant by a literal key', { database: 'orders', role: '${postgresql_role.R["orders"].name}' }],
  ])('%s', (_what, grant) => {
    expect(failing(loop({ 'postgresql_role.R': reporting(), 'postgresql_grant.G': select(grant) }))).toEqual([]);
  });

  test('a membership and a schema owner per key, chained over R', () => {
    const stack = loop({
      'postgresql_role.R': reporting(),
      'postgresql_role.U': { for_each: '${postgresql_role.R}', name: '${each.key}_user', login: true },
      'postgresql_grant_role.M': { for_each: '${postgresql_role.R}', role: '${postgresql_role.U[each.key].name}', grant_role: '${each.value.name}' },
      'postgresql_grant.G': select({ for_each: '${postgresql_role.R}', database: '${each.key}', role: '${each.value.name}' }),
    });
    expect(failing(stack)).toEqual([]);
  });
});

describe('other in-database blocks per key read the role of their key', () => {
  const OIDS = { orders: '66666666-7777-8888-9999-000000000001', billing: '66666666-7777-8888-9999-000000000002' };
  const login = (extra: Record<string, unknown> = {}) => ({ for_each: '${toset(local.dbs)}', name: '${each.key}_svc', login: true, ...extra });
  const labels = { for_each: OIDS, object_type: 'role', object_name: '${postgresql_role.L[each.key].name}', label_provider: 'pgaadauth', label: 'aadauth,oid=${each.value},type=service' };

  test('default privileges to R[each.key] in the database of the key pass; one to a PUBLIC instance fails at its key', () => {
    const privileges = { for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${postgresql_role.R[each.key].name}', owner: 'db-admins', schema: 'public', object_type: 'table', privileges: ['SELECT'] };
    expect(failing(loop({ 'postgresql_role.R': reporting(), 'postgresql_default_privileges.P': privileges }))).toEqual([]);
    const role = { for_each: { orders: 'orders_reporting', billing: 'public' }, name: '${each.value}', login: false };
    expect(failing(loop({ 'postgresql_role.R': role, 'postgresql_default_privileges.P': privileges })).filter((line) => line.includes('postgresql_default_privileges')))
      .toEqual(['PGD-IAM-4 postgresql_default_privileges.P["billing"]']);
  });

  test('an Entra label per login role of R passes (PGD-IAM-7)', () => {
    expect(failing(loop({ 'postgresql_role.L': login(), 'postgresql_security_label.E': labels }))).toEqual([]);
  });

  test('a label per key on an instance with a password fails at that key; a second label on an instance fails (PGD-IAM-7)', () => {
    const withPassword = login({ for_each: { orders: '', billing: 'Secret-1234' }, password: '${each.value == "" ? null : each.value}' });
    expect(failing(loop({ 'postgresql_role.L': withPassword, 'postgresql_security_label.E': labels })).filter((line) => line.startsWith('PGD-IAM-7')))
      .toEqual(['PGD-IAM-7 postgresql_security_label.E["billing"]']);
    const again = { object_type: 'role', object_name: '${postgresql_role.L["orders"].name}', label_provider: 'pgaadauth', label: `aadauth,oid=${OIDS.billing},type=service` };
    expect(failing(loop({ 'postgresql_role.L': login(), 'postgresql_security_label.E': labels, 'postgresql_security_label.F': again })).filter((line) => line.startsWith('PGD-IAM-7')))
      .toEqual(['PGD-IAM-7 postgresql_security_label.F']);
  });

  test('a for_each over a local map of objects holding R\'s instances\' names reads each (each.value.role)', () => {
    const grant = select({ for_each: '${local.grants}', database: '${each.key}', role: '${each.value.role}' });
    const stack = loop({ 'postgresql_role.R': reporting(), 'postgresql_grant.G': grant });
    stack.addOverride('locals.grants', { orders: { role: '${postgresql_role.R["orders"].name}' }, billing: { role: '${postgresql_role.R["billing"].name}' } });
    expect(failing(stack)).toEqual([]);
    stack.addOverride('locals.grants.billing.role', '${postgresql_role.R["sales"].name}');
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G["billing"]']);
  });

  test('a schema per key (S[each.key].name): a group\'s grant in its schema passes, in another schema fails PGD-IAM-12 at that key', () => {
    const schemas = (billing: string) => ({ for_each: { orders: 'public', billing }, database: '${each.key}', name: '${each.value}' });
    const grant = select({ for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${each.key}_readonly', schema: '${postgresql_schema.S[each.key].name}' });
    expect(failing(loop({ 'postgresql_schema.S': schemas('public'), 'postgresql_grant.G': grant })).filter(onGrant)).toEqual([]);
    expect(failing(loop({ 'postgresql_schema.S': schemas('reports'), 'postgresql_grant.G': grant })).filter(onGrant)).toEqual(['PGD-IAM-12 postgresql_grant.G["billing"]']);
  });

  test('a grant chained over R that names R[each.key] passes', () => {
    expect(failing(loop({ 'postgresql_role.R': reporting(), 'postgresql_grant.G': select({ for_each: '${postgresql_role.R}', database: '${each.key}', role: '${postgresql_role.R[each.key].name}' }) }))).toEqual([]);
  });
});

describe('a weakening written per key is found at its instance', () => {
  test('an instance of R named public: PGD-IAM-4 at that key only (R[each.key], R["key"], each.value.name)', () => {
    const role = { for_each: { orders: 'orders_reporting', billing: 'public' }, name: '${each.value}', login: false };
    for (const grant of [
      { for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${postgresql_role.R[each.key].name}' },
      { for_each: '${postgresql_role.R}', database: '${each.key}', role: '${each.value.name}' },
    ]) {
      expect(failing(loop({ 'postgresql_role.R': role, 'postgresql_grant.G': select(grant) })).filter(onGrant)).toEqual(['PGD-IAM-4 postgresql_grant.G["billing"]']);
    }
    expect(failing(loop({ 'postgresql_role.R': role, 'postgresql_grant.G': select({ database: 'billing', role: '${postgresql_role.R["billing"].name}' }) })).filter(onGrant))
      .toEqual(['PGD-IAM-4 postgresql_grant.G']);
    expect(failing(loop({ 'postgresql_role.R': role, 'postgresql_grant.G': select({ database: 'orders', role: '${postgresql_role.R["orders"].name}' }) })).filter(onGrant))
      .toEqual([]);
  });

  test('an instance of R that may log in: PGD-IAM-5 at that key only', () => {
    const role = { for_each: { orders: false, billing: true }, name: '${each.key}_reporting', login: '${each.value}' };
    expect(failing(loop({ 'postgresql_role.R': role, 'postgresql_grant.G': select({ for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${postgresql_role.R[each.key].name}' }) })))
      .toEqual(['PGD-IAM-5 postgresql_grant.G["billing"]']);
    expect(failing(loop({ 'postgresql_role.R': role, 'postgresql_grant.G': select({ for_each: '${toset(["orders"])}', database: '${each.key}', role: '${postgresql_role.R[each.key].name}' }) })).filter(onGrant))
      .toEqual([]);
    expect(failing(loop({ 'postgresql_role.R': role, 'postgresql_grant.G': select({ for_each: '${postgresql_role.R}', database: '${each.key}', role: '${each.value.name}' }) })))
      .toEqual(['PGD-IAM-5 postgresql_grant.G["billing"]']);
  });

  test('R\'s instances named as the construct\'s groups: DELETE to R[each.key] fails PGD-IAM-12 at each key, SELECT passes', () => {
    const groups = { for_each: '${toset(local.dbs)}', name: '${each.key}_readonly', login: false };
    const grant = (privileges: string[], extra: Record<string, unknown>) => loop({ 'postgresql_role.R': groups, 'postgresql_grant.G': select({ privileges, database: '${each.key}', ...extra }) });
    for (const by of [{ for_each: '${toset(local.dbs)}', role: '${postgresql_role.R[each.key].name}' }, { for_each: '${postgresql_role.R}', role: '${each.value.name}' }]) {
      expect(failing(grant(['DELETE'], by)).filter((line) => line.startsWith('PGD-IAM-12'))).toEqual(['PGD-IAM-12 postgresql_grant.G["billing"]', 'PGD-IAM-12 postgresql_grant.G["orders"]']);
      expect(failing(grant(['SELECT'], by))).toEqual([]);
    }
  });

  test('a membership per key making an outside role a member of the construct\'s owner group: PGD-IAM-13 at each key', () => {
    const stack = loop({
      'postgresql_role.R': { for_each: '${toset(local.dbs)}', name: '${each.key}_owner', login: false },
      'postgresql_role.U': { name: 'intruder', login: true },
      'postgresql_grant_role.M': { for_each: '${postgresql_role.R}', role: '${postgresql_role.U.name}', grant_role: '${each.value.name}' },
    });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-13'))).toEqual(['PGD-IAM-13 postgresql_grant_role.M["billing"]', 'PGD-IAM-13 postgresql_grant_role.M["orders"]']);
  });

  test('the 63-byte cut still applies to the instance\'s name (a longer name is the construct\'s group)', () => {
    // 53 bytes, the longest a DatabaseAccess database takes: its read-write group has 63.
    const long = 'd'.repeat(53);
    const groups = { for_each: `\${toset(["${long}"])}`, name: '${each.key}_readwrite_and_more', login: false };
    const stack = loop({ 'postgresql_role.R': groups, 'postgresql_grant.G': select({ for_each: '${postgresql_role.R}', database: '${each.key}', role: '${each.value.name}', privileges: ['TRUNCATE'] }) }, [long]);
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-12'))).toEqual([`PGD-IAM-12 postgresql_grant.G["${long}"]`]);
    // Control: a name that cuts to no group of the construct is the user's own role (PGD-IAM-12 judges the construct's groups only).
    const other = loop({ 'postgresql_role.R': { ...groups, name: '${each.key}_reporting_and_more' }, 'postgresql_grant.G': select({ for_each: '${postgresql_role.R}', database: '${each.key}', role: '${each.value.name}', privileges: ['TRUNCATE'] }) }, [long]);
    expect(failing(other).filter((line) => line.startsWith('PGD-IAM-12'))).toEqual([]);
  });
});

describe('what is not read per key stays as before (fail closed)', () => {
  test('a key R lacks: that instance fails closed, the other passes', () => {
    const stack = loop({ 'postgresql_role.R': reporting({ for_each: '${toset(["orders", "sales"])}' }), 'postgresql_grant.G': select({ for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${postgresql_role.R[each.key].name}' }) });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G["billing"]']);
  });

  test('a literal key R lacks fails closed', () => {
    const stack = loop({ 'postgresql_role.R': reporting(), 'postgresql_grant.G': select({ database: 'orders', role: '${postgresql_role.R["sales"].name}' }) });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G']);
  });

  test('the grant\'s keys from a variable: read as one block, fails closed', () => {
    const stack = loop({ 'postgresql_role.R': reporting(), 'postgresql_grant.G': select({ for_each: '${var.dbs}', database: '${each.key}', role: '${postgresql_role.R[each.key].name}' }) });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G']);
  });

  test('R\'s keys from a variable: each instance fails closed', () => {
    const stack = loop({ 'postgresql_role.R': reporting({ for_each: '${var.dbs}' }), 'postgresql_grant.G': select({ for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${postgresql_role.R[each.key].name}' }) });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G["billing"]', 'PGD-IAM-4 postgresql_grant.G["orders"]']);
  });

  test('R with count, not for_each: R[each.key] fails closed', () => {
    const stack = loop({ 'postgresql_role.R': { count: 2, name: '${local.dbs[count.index]}_reporting', login: false }, 'postgresql_grant.G': select({ for_each: '${toset(local.dbs)}', database: '${each.key}', role: '${postgresql_role.R[each.key].name}' }) });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G["billing"]', 'PGD-IAM-4 postgresql_grant.G["orders"]']);
  });

  test('an attribute R\'s instances do not write (each.value.login read as the role) fails closed at each key', () => {
    const stack = loop({ 'postgresql_role.R': { for_each: '${toset(local.dbs)}', name: '${each.key}_reporting' }, 'postgresql_grant.G': select({ for_each: '${postgresql_role.R}', database: '${each.key}', role: '${each.value.login}' }) });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G["billing"]', 'PGD-IAM-4 postgresql_grant.G["orders"]']);
  });

  test('a template over each.value.name (no plain reference) fails closed at each key', () => {
    const stack = loop({ 'postgresql_role.R': reporting(), 'postgresql_grant.G': select({ for_each: '${postgresql_role.R}', database: '${each.key}', role: '${each.value.name}x' }) });
    expect(failing(stack).filter((line) => line.startsWith('PGD-IAM-4'))).toEqual(['PGD-IAM-4 postgresql_grant.G["billing"]', 'PGD-IAM-4 postgresql_grant.G["orders"]']);
  });

  test('chained over R with enabled = false: no grant at all; with enabled known only later: read per key, not certain', () => {
    const grant = select({ for_each: '${postgresql_role.R}', database: '${each.key}', role: '${each.value.name}' });
    expect(failing(loop({ 'postgresql_role.R': reporting({ lifecycle: { enabled: false } }), 'postgresql_grant.G': grant })).filter((line) => line.includes('postgresql_grant.G'))).toEqual([]);
    expect(failing(loop({ 'postgresql_role.R': reporting({ lifecycle: { enabled: '${var.on}' } }), 'postgresql_grant.G': grant }))).toEqual([]);
  });
});
