import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ref, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureFlexibleServerProps } from '../../lib';
import { GEO_IDENTITY_ID, GEO_KEY_ID, IDENTITY_ID, minimalProps, newStack, SUBSCRIPTION, synthErrors } from '../helpers';
import { lookup, raw } from './beside-fixtures';

// The class test of "a counted resource is each of its instances" (instance-references.ts; twentieth review, A20a-3): every
// spelling of a reference to one instance of a resource (or a lookup) with count or for_each is judged as the reference to the block,
// by each kind of reader: a privileged role on the server's resource group (PG-IAM-2), Key Vault Crypto Officer on the vault
// of the construct's key (PG-IAM-2), and a role on a resource group an import block adopts into one instance, beside a server
// given its subnet by a variable (PG-IAM-2: it may hold the subnet). The same blocks the stack creates pass.

const MEMBER = 'abcdefab-1111-2222-3333-444444444444';

/** How a block is counted, and how a reference reads one instance of it (`A` stands for the block's address). */
interface Form {
  readonly counted: (name: string) => Record<string, unknown>;
  readonly instance: (address: string) => string;
  /** The instance an import block names (`to`), for the import reader. */
  readonly key: string;
  /** Arguments of the role itself (a for_each whose each.key picks the instance). */
  readonly role?: Record<string, unknown>;
}

const ONE = (name: string) => ({ count: 1, name });
const OPTIONAL = (name: string) => ({ count: '${var.create ? 1 : 0}', name });
const MAP = (name: string) => ({ for_each: { hub: name }, name: '${each.value}' });

const FORMS: { readonly [spelling: string]: Form } = {
  '<block>[0] (count = 1)': { counted: ONE, instance: (a) => `\${${a}[0].id}`, key: '[0]' },
  '<block>[0] (count = var.create ? 1 : 0)': { counted: OPTIONAL, instance: (a) => `\${${a}[0].id}`, key: '[0]' },
  '<block>["hub"] (for_each)': { counted: MAP, instance: (a) => `\${${a}["hub"].id}`, key: '["hub"]' },
  '<block>[each.key] (for_each on both)': { counted: MAP, instance: (a) => `\${${a}[each.key].id}`, key: '["hub"]', role: { for_each: { hub: 'x' } } },
  'one(<block>[*].id)': { counted: ONE, instance: (a) => `\${one(${a}[*].id)}`, key: '[0]' },
  '<block>[*].id[0]': { counted: ONE, instance: (a) => `\${${a}[*].id[0]}`, key: '[0]' },
  'element(<block>[*].id, 0)': { counted: ONE, instance: (a) => `\${element(${a}[*].id, 0)}`, key: '[0]' },
  'values(<block>)[0].id': { counted: MAP, instance: (a) => `\${values(${a})[0].id}`, key: '["hub"]' },
  'one(values(<block>)).id': { counted: MAP, instance: (a) => `\${one(values(${a})).id}`, key: '["hub"]' },
  // A splat anywhere in an expression is the list of every instance (twenty-first review, A21a-1).
  'join("", <block>[*].id)': { counted: ONE, instance: (a) => `\${join("", ${a}[*].id)}`, key: '[0]' },
  'tolist(<block>[*].id)[0]': { counted: OPTIONAL, instance: (a) => `\${tolist(${a}[*].id)[0]}`, key: '[0]' },
  'coalesce(<block>[*].id...)': { counted: ONE, instance: (a) => `\${coalesce(${a}.*.id...)}`, key: '[0]' },
  'sort(<block>[*].id)[0]': { counted: ONE, instance: (a) => `\${sort(${a}[*].id)[0]}`, key: '[0]' },
  'element(concat(<block>[*].id, [""]), 0)': { counted: OPTIONAL, instance: (a) => `\${element(concat(${a}[*].id, [""]), 0)}`, key: '[0]' },
  'join("", values(<block>)[*].id)': { counted: MAP, instance: (a) => `\${join("", values(${a})[*].id)}`, key: '["hub"]' },
  'sort(values(<block>))[0].id': { counted: MAP, instance: (a) => `\${sort(values(${a}))[0].id}`, key: '["hub"]' },
};

/** A stack with the azurerm provider, which the raw blocks need. */
function stackWithProvider(): TerraformStack {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

const iam2 = (stack: TerraformStack) => synthErrors(stack).filter((line) => line.includes('PG-IAM-2'));

/** Contributor on the server's own resource group (rg-orders), declared counted. */
function serverGroup(form: Form): TerraformStack {
  const stack = stackWithProvider();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  raw(stack, 'azurerm_resource_group', 'rg', { location: 'westeurope', ...form.counted('rg-orders') });
  raw(stack, 'azurerm_role_assignment', 'r', { scope: form.instance('azurerm_resource_group.rg'), role_definition_name: 'Contributor', principal_id: MEMBER, ...form.role });
  return stack;
}

/** Key Vault Crypto Officer on the counted vault of the construct's counted key. */
function keyVault(form: Form): TerraformStack {
  const stack = stackWithProvider();
  raw(stack, 'azurerm_key_vault', 'kv', { resource_group_name: 'rg-keys', location: 'westeurope', tenant_id: '11111111-2222-3333-4444-555555555555', sku_name: 'premium', purge_protection_enabled: true, ...form.counted('kv-pg') });
  raw(stack, 'azurerm_key_vault_key', 'k', { name: 'pg', key_vault_id: form.instance('azurerm_key_vault.kv'), key_type: 'RSA', key_size: 3072, key_opts: ['wrapKey', 'unwrapKey'], ...form.counted('pg') });
  const keyId = Token.asString(ref(`azurerm_key_vault_key.k${form.key}.versionless_id`));
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: keyId, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
  raw(stack, 'azurerm_role_assignment', 'officer', { scope: form.instance('azurerm_key_vault.kv'), role_definition_name: 'Key Vault Crypto Officer', principal_id: MEMBER, ...form.role });
  return stack;
}

/** Network Contributor on a resource group beside a server given its subnet by a variable: adopted into one instance by an import block, or created. */
function networkGroup(form: Form, imported: 'instance' | 'for_each import' | 'created'): TerraformStack {
  const stack = stackWithProvider();
  const variable = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
  const network = FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: variable('subnet_id'), privateDnsZoneResourceId: variable('zone_id') });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network } as Partial<SecureFlexibleServerProps>));
  raw(stack, 'azurerm_resource_group', 'rg', { location: 'westeurope', ...form.counted('rg-net') });
  const id = `${SUBSCRIPTION}/resourceGroups/rg-net`;
  if (imported === 'instance') stack.addOverride('import', [{ to: `azurerm_resource_group.rg${form.key}`, id }]);
  if (imported === 'for_each import') stack.addOverride('import', [{ for_each: { hub: 'rg-net' }, to: 'azurerm_resource_group.rg[each.key]', id: `${SUBSCRIPTION}/resourceGroups/\${each.value}` }]);
  raw(stack, 'azurerm_role_assignment', 'nc', { scope: form.instance('azurerm_resource_group.rg'), role_definition_name: 'Network Contributor', principal_id: MEMBER, ...form.role });
  return stack;
}

describe.each(Object.entries(FORMS))('a reference to one instance, %s, is the counted block (A20a-3)', (_spelling, form) => {
  test('Contributor on the server\'s counted resource group fails PG-IAM-2', () => {
    expect(iam2(serverGroup(form)).join('\n')).toContain('azurerm_role_assignment.r grants Contributor on its resource group');
  });
  test('Key Vault Crypto Officer on the counted vault of the construct\'s key fails PG-IAM-2', () => {
    expect(iam2(keyVault(form)).join('\n')).toContain('azurerm_role_assignment.officer PG-IAM-2 ');
  });
  test('Network Contributor on a counted resource group an import block adopts into the instance fails PG-IAM-2', () => {
    expect(iam2(networkGroup(form, 'instance')).join('\n')).toContain('azurerm_role_assignment.nc PG-IAM-2 ');
  });
  test('the same with the group adopted by an import block with for_each fails PG-IAM-2', () => {
    expect(iam2(networkGroup(form, 'for_each import')).join('\n')).toContain('azurerm_role_assignment.nc PG-IAM-2 ');
  });
  test('control: the same role on a counted resource group the stack creates passes', () => {
    expect(iam2(networkGroup(form, 'created'))).toEqual([]);
  });
});

/** A privileged role on a counted lookup: Contributor on the server's group, Crypto Officer on the vault of the construct's key (by its literal ID). */
function lookups(form: Form): TerraformStack {
  const stack = stackWithProvider();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: 'https://kv-pg.vault.azure.net/keys/pg', userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
  lookup(stack, 'azurerm_resource_group', 'rg', form.counted('rg-orders'));
  lookup(stack, 'azurerm_key_vault', 'kv', { resource_group_name: 'rg-keys', ...form.counted('kv-pg') });
  raw(stack, 'azurerm_role_assignment', 'r', { scope: form.instance('data.azurerm_resource_group.rg'), role_definition_name: 'Contributor', principal_id: MEMBER, ...form.role });
  raw(stack, 'azurerm_role_assignment', 'officer', { scope: form.instance('data.azurerm_key_vault.kv'), role_definition_name: 'Key Vault Crypto Officer', principal_id: MEMBER, ...form.role });
  return stack;
}

describe.each(Object.entries(FORMS))('a reference to one instance of a counted lookup, %s, is the lookup (A20a-3)', (_spelling, form) => {
  test('Contributor on the server\'s group and Crypto Officer on the key\'s vault fail PG-IAM-2', () => {
    const errors = iam2(lookups(form)).join('\n');
    expect(errors).toContain('azurerm_role_assignment.r grants Contributor on its resource group');
    expect(errors).toContain('azurerm_role_assignment.officer grants Key Vault Crypto Officer on the Key Vault "kv-pg"');
  });
});

describe('an instance of a for_each of several different items is its own item\'s, by a literal key (A20a-3)', () => {
  const GROUPS = { for_each: { app: 'rg-app', orders: 'rg-orders', net: 'rg-net' }, name: '${each.value}' };
  test.each([['orders', true], ['app', false]])('Contributor on rg["%s"] fails PG-IAM-2 when it is the server\'s group: %s', (key, fails) => {
    const stack = stackWithProvider();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    raw(stack, 'azurerm_resource_group', 'rg', { location: 'westeurope', ...GROUPS });
    raw(stack, 'azurerm_role_assignment', 'r', { scope: `\${azurerm_resource_group.rg["${key}"].id}`, role_definition_name: 'Contributor', principal_id: MEMBER });
    expect(iam2(stack).some((line) => line.includes('azurerm_role_assignment.r grants Contributor on its resource group'))).toBe(fails);
  });
  test('Network Contributor on the instance an import block adopts fails PG-IAM-2', () => {
    const stack = stackWithProvider();
    const variable = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: variable('subnet_id'), privateDnsZoneResourceId: variable('zone_id') }) }));
    raw(stack, 'azurerm_resource_group', 'rg', { location: 'westeurope', ...GROUPS });
    stack.addOverride('import', [{ to: 'azurerm_resource_group.rg["net"]', id: `${SUBSCRIPTION}/resourceGroups/rg-net` }]);
    raw(stack, 'azurerm_role_assignment', 'nc', { scope: '${azurerm_resource_group.rg["net"].id}', role_definition_name: 'Network Contributor', principal_id: MEMBER });
    expect(iam2(stack).join('\n')).toContain('azurerm_role_assignment.nc PG-IAM-2 ');
  });
  test.each([['kv-pg', true], ['kv-other', false]])('Key Vault Crypto Officer on kv["%s"] fails PG-IAM-2 when it holds the construct\'s key: %s', (key, fails) => {
    const stack = stackWithProvider();
    raw(stack, 'azurerm_key_vault', 'kv', { for_each: ['kv-pg', 'kv-other'], name: '${each.key}', resource_group_name: 'rg-keys', location: 'westeurope', tenant_id: '11111111-2222-3333-4444-555555555555', sku_name: 'premium' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: 'https://kv-pg.vault.azure.net/keys/pg', userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
    raw(stack, 'azurerm_role_assignment', 'officer', { scope: `\${azurerm_key_vault.kv["${key}"].id}`, role_definition_name: 'Key Vault Crypto Officer', principal_id: MEMBER });
    expect(iam2(stack).some((line) => line.includes('azurerm_role_assignment.officer PG-IAM-2 '))).toBe(fails);
  });
});

describe('the pins read an instance as the block too (A20a-3)', () => {
  test('a construct given the name of a counted resource group\'s instance keeps its pin', () => {
    const stack = stackWithProvider();
    raw(stack, 'azurerm_resource_group', 'rg', { location: 'westeurope', count: 1, name: 'rg-orders' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ resourceGroupName: Token.asString(ref('azurerm_resource_group.rg[0].name')) }));
    expect(synthErrors(stack).filter((line) => line.includes('PG-CFG-6'))).toEqual([]);
  });
});

describe('a splat of a block anywhere in an expression is the block (twenty-first review, A21a-1)', () => {
  test.each([
    ['join("", <uncounted>[*].id)', { name: 'rg-orders' }, '${join("", azurerm_resource_group.rg[*].id)}'],
    ['a list of every instance inside a function the reader does not simplify', { count: 1, name: 'rg-orders' }, '${try(azurerm_resource_group.rg[*].id[var.i], "")}'],
    ['coalescelist over a splat', { count: 1, name: 'rg-orders' }, '${coalescelist(azurerm_resource_group.rg[*].id, [""])[0]}'],
    ['a for expression over a splat', { count: 1, name: 'rg-orders' }, '${[for id in azurerm_resource_group.rg[*].id : id][0]}'],
  ])('Contributor on %s of the server\'s group fails PG-IAM-2', (_what, group, scope) => {
    const stack = stackWithProvider();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    raw(stack, 'azurerm_resource_group', 'rg', { location: 'westeurope', ...group });
    raw(stack, 'azurerm_role_assignment', 'r', { scope, role_definition_name: 'Contributor', principal_id: MEMBER });
    expect(iam2(stack).join('\n')).toContain('azurerm_role_assignment.r PG-IAM-2 ');
  });
  test('a role for_each over a splat (toset(rg[*].id)), scope = each.value, fails PG-IAM-2', () => {
    const stack = stackWithProvider();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    raw(stack, 'azurerm_resource_group', 'rg', { location: 'westeurope', count: 1, name: 'rg-orders' });
    raw(stack, 'azurerm_role_assignment', 'r', { for_each: '${toset(azurerm_resource_group.rg[*].id)}', scope: '${each.value}', role_definition_name: 'Contributor', principal_id: MEMBER });
    expect(iam2(stack).join('\n')).toContain('azurerm_role_assignment.r grants Contributor on ${each.value}, which may be its resource group');
  });
  test('control: Reader on join("", rg[*].id) passes', () => {
    const stack = stackWithProvider();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    raw(stack, 'azurerm_resource_group', 'rg', { location: 'westeurope', count: 1, name: 'rg-orders' });
    raw(stack, 'azurerm_role_assignment', 'r', { scope: '${join("", azurerm_resource_group.rg[*].id)}', role_definition_name: 'Reader', principal_id: MEMBER });
    expect(iam2(stack)).toEqual([]);
  });
});

// "Any item" is "may be each item" (queued after the twentieth run): a reference to one instance of a for_each of several
// different items whose key is known only later (`rg[var.k]`, `rg[local.k]`, `values(rg)[var.i]`) or that a function wraps
// (`lower(rg["orders"].id)`) may be each instance, so every reader that fails on an item fails on it. Each reader below is one
// that judges a role on the block by its names: the server's group, the workspace's group, the CMK vault, the group of a given subnet.
describe('an instance of a for_each of several different items, by a key known only later, may be each item', () => {
  const SPELLINGS: readonly [string, (address: string, hit: string) => string][] = [
    ['lower(<block>["<hit>"].id)', (a, hit) => `\${lower(${a}["${hit}"].id)}`],
    ['<block>[var.k].id', (a) => `\${${a}[var.k].id}`],
    ['<block>[local.k].id', (a) => `\${${a}[local.k].id}`],
    ['values(<block>)[var.i].id', (a) => `\${values(${a})[var.i].id}`],
    ['trimsuffix(<block>[var.k].id, "/")', (a) => `\${trimsuffix(${a}[var.k].id, "/")}`],
  ];
  /** Per reader: the block's type and arguments (besides its for_each name), the role, the perimeter item's name and the construct's props. */
  const READERS: { readonly [reader: string]: { type: string; args: Record<string, unknown>; role: string; hit: string; props?: Partial<SecureFlexibleServerProps> } } = {
    'the server\'s resource group': { type: 'azurerm_resource_group', args: { location: 'westeurope' }, role: 'Contributor', hit: 'rg-orders' },
    'the workspace\'s resource group': { type: 'azurerm_resource_group', args: { location: 'westeurope' }, role: 'Log Analytics Contributor', hit: 'rg-logs' },
    'the vault of the construct\'s key': {
      type: 'azurerm_key_vault', args: { resource_group_name: 'rg-keys', location: 'westeurope', tenant_id: '11111111-2222-3333-4444-555555555555', sku_name: 'premium' }, role: 'Key Vault Crypto Officer', hit: 'kv-pg',
      props: { customerManagedKey: { keyVaultKeyId: 'https://kv-pg.vault.azure.net/keys/pg', userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } },
    },
    'the group of a subnet the construct is given': {
      type: 'azurerm_resource_group', args: { location: 'westeurope' }, role: 'Network Contributor', hit: 'rg-net',
      props: { network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: `${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-pg`, privateDnsZoneResourceId: `${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com` }) },
    },
  };
  function stackOf(reader: typeof READERS[string], items: Record<string, string>, scope: string): TerraformStack {
    const stack = stackWithProvider();
    stack.addOverride('variable.k', { type: 'string' });
    stack.addOverride('variable.i', { type: 'number' });
    stack.addOverride('locals.k', '${var.k}');
    raw(stack, reader.type, 'x', { ...reader.args, for_each: items, name: '${each.value}' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps(reader.props));
    raw(stack, 'azurerm_role_assignment', 'r', { scope, role_definition_name: reader.role, principal_id: MEMBER });
    return stack;
  }
  const failsOn = (stack: TerraformStack) => iam2(stack).some((line) => line.includes('azurerm_role_assignment.r PG-IAM-2 '));
  describe.each(Object.entries(READERS))('%s', (_reader, reader) => {
    test.each(SPELLINGS)('%s fails PG-IAM-2 when one item is the perimeter\'s', (_spelling, spell) => {
      expect(failsOn(stackOf(reader, { other: 'zz-other', hit: reader.hit }, spell(`${reader.type}.x`, 'hit')))).toBe(true);
    });
    test.each(SPELLINGS)('control: %s passes when no item is', (_spelling, spell) => {
      expect(failsOn(stackOf(reader, { other: 'zz-other', hit: 'zz-another' }, spell(`${reader.type}.x`, 'hit')))).toBe(false);
    });
    test.each([['${%s["other"].id}'], ['${lower(%s["other"].id)}']])('control: a literal key to the other item, %s, passes', (form) => {
      expect(failsOn(stackOf(reader, { other: 'zz-other', hit: reader.hit }, form.replace('%s', `${reader.type}.x`)))).toBe(false);
    });
  });
});

// An azapi block without parent_id (queued after the twentieth run): azapi 2.x (and 1.15) refuses one at plan, unless its type is
// a resource group, whose parent is then the provider's subscription; a lookup of a subscription without name or resource_id reads
// the provider's subscription. So every table reading azapi scopes sees that parent (azapi-writes.ts, defaultParents).
describe('an azapi block without parent_id is in the scope azapi gives it', () => {
  const GROUP = 'Microsoft.Resources/resourceGroups@2024-03-01';
  function roleOn(scope: string, blocks: (stack: TerraformStack) => void): boolean {
    const stack = stackWithProvider();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    blocks(stack);
    raw(stack, 'azurerm_role_assignment', 'r', { scope, role_definition_name: 'Contributor', principal_id: MEMBER });
    return iam2(stack).some((line) => line.includes('azurerm_role_assignment.r PG-IAM-2 '));
  }
  test('Contributor on an azapi resource group rg-orders written without parent_id fails PG-IAM-2 (as one whose parent_id is the subscription)', () => {
    expect(roleOn('${azapi_resource.rg.id}', (stack) => raw(stack, 'azapi_resource', 'rg', { type: GROUP, name: 'rg-orders', location: 'westeurope' }))).toBe(true);
  });
  test('Contributor on an azapi lookup of the server\'s resource group without parent_id (in the provider\'s subscription) fails PG-IAM-2', () => {
    expect(roleOn('${data.azapi_resource.rg.id}', (stack) => lookup(stack, 'azapi_resource', 'rg', { type: GROUP, name: 'rg-orders' }))).toBe(true);
  });
  test('Contributor on an azapi lookup of the subscription without name or resource_id (the provider\'s) fails PG-IAM-2', () => {
    expect(roleOn('${data.azapi_resource.sub.id}', (stack) => lookup(stack, 'azapi_resource', 'sub', { type: 'Microsoft.Resources/subscriptions@2022-12-01' }))).toBe(true);
  });
  // The net (PG-CFG-8) reads an azapi write of a container as the spelled ID: the same without parent_id as with the subscription.
  test.each([[undefined, 'rg-orders', true], ['/subscriptions/00000000-0000-0000-0000-000000000000', 'rg-orders', true], ['${var.subscription_id}', 'rg-orders', true],
    [undefined, 'rg-app', false], ['/subscriptions/00000000-0000-0000-0000-000000000000', 'rg-app', false], ['${var.subscription_id}', 'rg-app', false]])(
    'an azapi write of a resource group with parent_id %s, named %s, fails PG-CFG-8 when it holds the server: %s', (parent, name, fails) => {
      const stack = stackWithProvider();
      stack.addOverride('variable.subscription_id', { type: 'string' });
      new SecureFlexibleServer(stack, 'Postgres', minimalProps());
      raw(stack, 'azapi_resource', 'rg', { type: GROUP, name, location: 'westeurope', body: { managedBy: 'x' }, ...(parent === undefined ? {} : { parent_id: parent }) });
      expect(synthErrors(stack).some((line) => line.includes('azapi_resource.rg PG-CFG-8 '))).toBe(fails);
    });
  test('Contributor on a resource group whose azapi type is known only later, without parent_id, fails PG-IAM-2 by its name', () => {
    expect(roleOn('${azapi_resource.rg.id}', (stack) => raw(stack, 'azapi_resource', 'rg', { type: '${var.group_type}', name: 'rg-orders', location: 'westeurope' }))).toBe(true);
  });
});

// The same class for the identity-attachment reader: a workload attaching one item of a for_each of identities by a key known
// only later attaches each item, the CMK identity the server acts as included (PG-IAM-2).
describe('an identity of a for_each of several different items attached by a key known only later may be each item', () => {
  const CMK = { customerManagedKey: { keyVaultKeyId: 'https://kv-pg.vault.azure.net/keys/pg', userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } };
  function attaches(names: Record<string, string>, reference: string): boolean {
    const stack = stackWithProvider();
    stack.addOverride('variable.k', { type: 'string' });
    raw(stack, 'azurerm_user_assigned_identity', 'ids', { for_each: names, name: '${each.value}', resource_group_name: 'rg-keys', location: 'westeurope' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps(CMK));
    raw(stack, 'azurerm_linux_virtual_machine', 'vm', { name: 'vm', resource_group_name: 'rg-app', location: 'westeurope', size: 'x', admin_username: 'u', network_interface_ids: [], identity: { type: 'UserAssigned', identity_ids: [reference] } });
    return iam2(stack).some((line) => line.includes('azurerm_linux_virtual_machine.vm'));
  }
  test.each(['${azurerm_user_assigned_identity.ids[var.k].id}', '${lower(azurerm_user_assigned_identity.ids["pg"].id)}', '${values(azurerm_user_assigned_identity.ids)[var.k].id}'])('%s fails PG-IAM-2 when an item is the CMK identity', (reference) => {
    expect(attaches({ app: 'id-app', pg: 'id-postgres' }, reference)).toBe(true);
  });
  test.each(['${azurerm_user_assigned_identity.ids[var.k].id}', '${lower(azurerm_user_assigned_identity.ids["app"].id)}'])('control: %s passes when no item (or not the keyed one) is', (reference) => {
    expect(attaches({ app: 'id-app', pg: 'id-other' }, reference)).toBe(false);
    expect(attaches({ app: 'id-app', pg: 'id-postgres' }, '${lower(azurerm_user_assigned_identity.ids["app"].id)}')).toBe(false);
  });
});

// The same for a literal count whose instances' names differ by count.index: an index is its own instance, a later index each.
describe('an instance of a literal count whose names differ by count.index is its own, or each by an index known only later', () => {
  function contributorOn(names: readonly string[], scope: string): boolean {
    const stack = stackWithProvider();
    stack.addOverride('variable.i', { type: 'number' });
    stack.addOverride('locals.groups', names);
    raw(stack, 'azurerm_resource_group', 'rg', { location: 'westeurope', count: names.length, name: '${local.groups[count.index]}' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    raw(stack, 'azurerm_role_assignment', 'r', { scope, role_definition_name: 'Contributor', principal_id: MEMBER });
    return iam2(stack).some((line) => line.includes('azurerm_role_assignment.r PG-IAM-2 '));
  }
  test.each([
    ['${azurerm_resource_group.rg[1].id}', true], ['${lower(azurerm_resource_group.rg[1].id)}', true], ['${azurerm_resource_group.rg[var.i].id}', true],
    ['${azurerm_resource_group.rg[0].id}', false], ['${lower(azurerm_resource_group.rg[0].id)}', false],
  ])('Contributor on %s of [rg-app, rg-orders] fails PG-IAM-2: %s', (scope, fails) => {
    expect(contributorOn(['rg-app', 'rg-orders'], scope)).toBe(fails);
  });
  test('control: an index known only later passes when no instance is the server\'s group', () => {
    expect(contributorOn(['rg-app', 'rg-web'], '${azurerm_resource_group.rg[var.i].id}')).toBe(false);
  });
});

// Twenty-second review, A22a-5: a LOOKUP with for_each or count is each of its items too. A role on one item of a lookup of other
// resource groups, by a literal key or index, is that item's group (its own literal name); by a key known only later (or each.value of
// a for_each over the lookup), each item's. It fails only where an item is (or may be) the group of the server or of its network.
describe('an item of a counted or for_each lookup is its own item\'s group (A22a-5)', () => {
  const LOOKUP = 'data.azurerm_resource_group.others';
  /** The lookup's forms: how it iterates over [first, second] names, and how a reference picks the first or the second item. */
  const FORMS: { readonly [form: string]: { args: (names: readonly [string, string]) => Record<string, unknown>; pick: readonly [string, string] } } = {
    'for_each of a map': { args: ([a, b]) => ({ for_each: { a, b }, name: '${each.value}' }), pick: ['["a"]', '["b"]'] },
    'for_each of toset([...])': { args: ([a, b]) => ({ for_each: `\${toset(["${a}", "${b}"])}`, name: '${each.value}' }), pick: ['["rg-a"]', '["rg-b"]'] },
    'for_each of a list, name = each.key': { args: ([a, b]) => ({ for_each: [a, b], name: '${each.key}' }), pick: ['["rg-a"]', '["rg-b"]'] },
    'count over a local list': { args: () => ({ count: 2, name: '${local.groups[count.index]}' }), pick: ['[0]', '[1]'] },
    'for_each of a map, a template name': { args: ([a, b]) => ({ for_each: { a: a.slice(3), b: b.slice(3) }, name: 'rg-${each.value}' }), pick: ['["a"]', '["b"]'] },
  };
  function roleOn(names: readonly [string, string], form: typeof FORMS[string], scope: (address: string) => string, role = 'Contributor', extra: Record<string, unknown> = {}): string[] {
    const stack = stackWithProvider();
    stack.addOverride('variable.k', { type: 'string' });
    stack.addOverride('locals.groups', names);
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    lookup(stack, 'azurerm_resource_group', 'others', form.args(names));
    raw(stack, 'azurerm_role_assignment', 'r', { scope: scope(LOOKUP), role_definition_name: role, principal_id: MEMBER, ...extra });
    return synthErrors(stack).filter((line) => line.includes('azurerm_role_assignment.r ') && /PG-IAM-2|PG-CFG-8/.test(line));
  }
  describe.each(Object.entries(FORMS))('%s', (_form, form) => {
    // Items named like the 'b' item of each form: the second name is the server's group (rg-orders) or another.
    const withServer = ['rg-a', 'rg-orders'] as const;
    const without = ['rg-a', 'rg-b'] as const;
    const second = (names: readonly [string, string]) => form.pick[1].replace('rg-b', names[1]);
    test('control: Contributor on the item of another group, by its literal key, passes (the finding)', () => {
      expect(roleOn(withServer, form, (a) => `\${${a}${form.pick[0]}.id}`)).toEqual([]);
      expect(roleOn(withServer, form, (a) => `\${lower(${a}${form.pick[0]}.id)}`)).toEqual([]);
    });
    test('Contributor on the item that is the server\'s group, by its literal key, fails PG-IAM-2', () => {
      expect(roleOn(withServer, form, (a) => `\${${a}${second(withServer)}.id}`).join('\n')).toContain('azurerm_role_assignment.r grants Contributor on its resource group');
      expect(roleOn(withServer, form, (a) => `\${lower(${a}${second(withServer)}.id)}`)).not.toEqual([]);
    });
    test('a key known only later may be each item: fails when one item is the server\'s group, passes when none is', () => {
      expect(roleOn(withServer, form, (a) => `\${${a}[var.k].id}`)).not.toEqual([]);
      expect(roleOn(without, form, (a) => `\${${a}[var.k].id}`)).toEqual([]);
    });
  });
  test('a role for_each over the lookup (scope = each.value.id) is each item: fails when one is the server\'s group, passes when none is', () => {
    const form = FORMS['for_each of a map'];
    expect(roleOn(['rg-a', 'rg-orders'], form, () => '${each.value.id}', 'Contributor', { for_each: `\${${LOOKUP}}` })).not.toEqual([]);
    expect(roleOn(['rg-a', 'rg-b'], form, () => '${each.value.id}', 'Contributor', { for_each: `\${${LOOKUP}}` })).toEqual([]);
    expect(roleOn(['rg-a', 'rg-b'], form, (a) => `\${${a}[each.key].id}`, 'Contributor', { for_each: { a: 1 } })).toEqual([]);
  });
  test('an item that is the group of the server\'s VNet or of its log workspace fails PG-IAM-2; another item of the same lookup passes', () => {
    const form = FORMS['for_each of a map'];
    expect(roleOn(['rg-a', 'rg-network'], form, (a) => `\${${a}["b"].id}`, 'Network Contributor')).not.toEqual([]);
    expect(roleOn(['rg-a', 'rg-network'], form, (a) => `\${lower(${a}["b"].id)}`, 'Network Contributor')).not.toEqual([]);
    expect(roleOn(['rg-a', 'rg-network'], form, (a) => `\${${a}["a"].id}`, 'Network Contributor')).toEqual([]);
    expect(roleOn(['rg-a', 'rg-logs'], form, (a) => `\${${a}["b"].id}`, 'Log Analytics Contributor')).not.toEqual([]);
    expect(roleOn(['rg-a', 'rg-logs'], form, (a) => `\${${a}["a"].id}`, 'Log Analytics Contributor')).toEqual([]);
  });
  test('an item whose name is known only later, or a lookup whose items are known only later, still fails', () => {
    const later = { args: () => ({ for_each: { a: '${var.k}', b: 'rg-b' }, name: '${each.value}' }), pick: ['["a"]', '["b"]'] as const };
    expect(roleOn(['rg-a', 'rg-b'], later, (a) => `\${${a}["a"].id}`)).not.toEqual([]);
    expect(roleOn(['rg-a', 'rg-b'], later, (a) => `\${${a}["b"].id}`)).toEqual([]);
    const unknownItems = { args: () => ({ for_each: '${var.groups}', name: '${each.value}' }), pick: ['["a"]', '["b"]'] as const };
    expect(roleOn(['rg-a', 'rg-b'], unknownItems, (a) => `\${${a}["a"].id}`)).not.toEqual([]);
  });
  test('an azapi lookup of resource groups with for_each: the other item passes, the server\'s group fails', () => {
    const azapi = (key: string) => {
      const stack = stackWithProvider();
      new SecureFlexibleServer(stack, 'Postgres', minimalProps());
      lookup(stack, 'azapi_resource', 'groups', { for_each: { a: 'rg-a', o: 'rg-orders' }, type: 'Microsoft.Resources/resourceGroups@2024-03-01', name: '${each.value}', parent_id: SUBSCRIPTION });
      raw(stack, 'azurerm_role_assignment', 'r', { scope: `\${data.azapi_resource.groups["${key}"].id}`, role_definition_name: 'Contributor', principal_id: MEMBER });
      return iam2(stack);
    };
    expect(azapi('a')).toEqual([]);
    expect(azapi('o').join('\n')).toContain('azurerm_role_assignment.r grants Contributor on its resource group');
  });
  test('Key Vault Crypto Officer on an item of a lookup of vaults: the vault of the construct\'s key fails PG-IAM-2, another passes', () => {
    const officer = (key: string) => {
      const stack = stackWithProvider();
      lookup(stack, 'azurerm_key_vault', 'kvs', { for_each: { a: 'kv-other', b: 'kv-pg' }, name: '${each.value}', resource_group_name: 'rg-keys' });
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: 'https://kv-pg.vault.azure.net/keys/pg', userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
      raw(stack, 'azurerm_role_assignment', 'officer', { scope: key, role_definition_name: 'Key Vault Crypto Officer', principal_id: MEMBER });
      return iam2(stack);
    };
    expect(officer('${data.azurerm_key_vault.kvs["a"].id}')).toEqual([]);
    expect(officer('${data.azurerm_key_vault.kvs["b"].id}').join('\n')).toContain('azurerm_role_assignment.officer grants Key Vault Crypto Officer on the Key Vault "kv-pg"');
    expect(officer('${data.azurerm_key_vault.kvs[var.k].id}')).not.toEqual([]);
  });
  test('a PIM policy on the item that is the server\'s group fails PG-CFG-8; on the other item it passes', () => {
    const pim = (key: string) => {
      const stack = stackWithProvider();
      new SecureFlexibleServer(stack, 'Postgres', minimalProps());
      lookup(stack, 'azurerm_resource_group', 'others', { for_each: { a: 'rg-a', o: 'rg-orders' }, name: '${each.value}' });
      raw(stack, 'azurerm_role_management_policy', 'p', { scope: `\${${LOOKUP}["${key}"].id}`, role_definition_id: 'x' });
      return synthErrors(stack).filter((line) => line.includes('azurerm_role_management_policy.p PG-CFG-8 '));
    };
    expect(pim('a')).toEqual([]);
    expect(pim('o')).not.toEqual([]);
  });
});
