import { instanceReadings } from '../../lib/checks/instance-references';

// A reference to one instance of a counted resource or lookup reads as the reference to the block (A20a-3).

const stack = {
  resource: {
    azurerm_resource_group: { rg: { count: 1, name: 'rg-orders' }, plain: { name: 'rg-plain' }, each: { for_each: { hub: 'rg-net' }, name: '${each.value}' } },
    azurerm_key_vault: { 'kv-1': { count: '${var.create ? 1 : 0}', name: 'kv-pg' } },
  },
  data: { azurerm_resource_group: { rg: { count: 1, name: 'rg-orders' } }, azurerm_key_vault: { plain: { name: 'kv' } } },
};
const read = instanceReadings(stack);

describe('instanceReadings', () => {
  test.each([
    ['${azurerm_resource_group.rg[0].id}', '${azurerm_resource_group.rg.id}'],
    ['${azurerm_resource_group.each["hub"].id}', '${azurerm_resource_group.each.id}'],
    ['${azurerm_resource_group.each[each.key].name}', '${azurerm_resource_group.each.name}'],
    ['${azurerm_resource_group.rg[var.i].id}', '${azurerm_resource_group.rg.id}'],
    ['${azurerm_resource_group.rg[local.keys[0]].id}', '${azurerm_resource_group.rg.id}'],
    ['${azurerm_resource_group.each["a]b"].id}', '${azurerm_resource_group.each.id}'],
    ['${one(azurerm_resource_group.rg[*].id)}', '${azurerm_resource_group.rg.id}'],
    ['${one(azurerm_resource_group.rg.*.id)}', '${azurerm_resource_group.rg.id}'],
    ['${azurerm_resource_group.rg[*].id[0]}', '${azurerm_resource_group.rg.id}'],
    ['${element(azurerm_resource_group.rg[*].id, 0)}', '${azurerm_resource_group.rg.id}'],
    ['${values(azurerm_resource_group.each)[0].id}', '${azurerm_resource_group.each.id}'],
    ['${one(values(azurerm_resource_group.each)).id}', '${azurerm_resource_group.each.id}'],
    ['${element(values(azurerm_resource_group.each), 0).id}', '${azurerm_resource_group.each.id}'],
    ['${azurerm_key_vault.kv-1[0].id}/keys', '${azurerm_key_vault.kv-1.id}/keys'],
    ['${data.azurerm_resource_group.rg[0].id}', '${data.azurerm_resource_group.rg.id}'],
    ['${one(data.azurerm_resource_group.rg[*].id)}', '${data.azurerm_resource_group.rg.id}'],
    ['${azurerm_resource_group.rg[0].id}/providers/${azurerm_resource_group.each["hub"].name}', '${azurerm_resource_group.rg.id}/providers/${azurerm_resource_group.each.name}'],
    // A splat anywhere else is the list of every instance's attribute (A21a-1), an uncounted block's the list of it; the idioms of
    // "the one instance, if any" over it are the instance.
    ['${azurerm_resource_group.rg[*].id}', '${[azurerm_resource_group.rg.id]}'],
    ['${length(azurerm_resource_group.rg.*.id)}', '${length([azurerm_resource_group.rg.id])}'],
    ['${join(",", azurerm_resource_group.rg[*].name, ["x"])}', '${join(",", [azurerm_resource_group.rg.name], ["x"])}'],
    ['${join("", azurerm_resource_group.rg[*].id)}', '${azurerm_resource_group.rg.id}'],
    ['${coalesce(azurerm_resource_group.rg.*.id...)}', '${azurerm_resource_group.rg.id}'],
    ['${tolist(data.azurerm_resource_group.rg[*].id)[0]}', '${data.azurerm_resource_group.rg.id}'],
    ['${concat(azurerm_resource_group.rg[*].id, [])[0]}', '${azurerm_resource_group.rg.id}'],
    ['${element(concat(azurerm_resource_group.rg[*].id, [""]), 0)}/x', '${azurerm_resource_group.rg.id}/x'],
    ['${join("", azurerm_resource_group.plain[*].id)}', '${azurerm_resource_group.plain.id}'],
    ['${azurerm_resource_group.plain[*].identity[0].principal_id}', '${[azurerm_resource_group.plain.identity[0].principal_id]}'],
    ['${join("", values(azurerm_resource_group.each)[*].id)}', '${azurerm_resource_group.each.id}'],
    ['${sort(values(azurerm_resource_group.each))[0].id}', '${azurerm_resource_group.each.id}'],
    ['${keys(values(azurerm_resource_group.each))}', '${keys([azurerm_resource_group.each])}'],
    // 35th run, A35b-2: the list holds the steps HCL applies to each item (traversal-text.ts splatStepsEnd): a legacy splat's attributes
    // and legacy indexes, a full splat's whole traversal; an index after a legacy splat's attributes applies to the list.
    ['${azurerm_postgresql_flexible_server.s.*.fqdn[0]}', '${[azurerm_postgresql_flexible_server.s.fqdn][0]}'],
    ['${data.azurerm_postgresql_flexible_server.d.*.fqdn[0]}', '${[data.azurerm_postgresql_flexible_server.d.fqdn][0]}'],
    ['${azurerm_postgresql_flexible_server.s[*].fqdn[0]}', '${[azurerm_postgresql_flexible_server.s.fqdn[0]]}'],
    ['${azurerm_postgresql_flexible_server.s.*.fqdn}', '${[azurerm_postgresql_flexible_server.s.fqdn]}'],
    ['${azurerm_resource_group.plain.*.identity.0.principal_id}', '${[azurerm_resource_group.plain.identity.0.principal_id]}'],
    ['${azurerm_resource_group.plain.*.identity[0].principal_id}', '${[azurerm_resource_group.plain.identity][0].principal_id}'],
    ['${azurerm_resource_group.plain[*].identity[var.i].principal_id}', '${[azurerm_resource_group.plain.identity[var.i].principal_id]}'],
    ['${azurerm_resource_group.plain[*].a[*].b}', '${[azurerm_resource_group.plain.a[*].b]}'],
    ['${azurerm_resource_group.plain[*].a.*.b[0]}', '${[azurerm_resource_group.plain.a.*.b[0]]}'],
    ['${azurerm_resource_group.plain.*.a[*].b}', '${[azurerm_resource_group.plain.a][*].b}'],
    ['${azurerm_resource_group.plain.*.name[0]}-${azurerm_resource_group.plain.*.id[0]}', '${[azurerm_resource_group.plain.name][0]}-${[azurerm_resource_group.plain.id][0]}'],
  ])('%s reads as %s', (written, expected) => {
    expect(read(written)).toBe(expected);
  });

  test.each([
    ['an uncounted lookup', '${data.azurerm_key_vault.plain[0].id}'],
    ['a resource named like a counted lookup', '${azurerm_key_vault.rg[0].id}'],
    ['a resource without count', '${azurerm_resource_group.plain.id}'],
    ['another resource whose name starts alike', '${azurerm_resource_group.rg2[0].id}'],
    ['a resource of a type that ends alike', '${my_azurerm_resource_group.rg[0].id}'],
    ['a splat of a variable, a local or an iterator', '${join("", var.rg[*].id)}${local.rg[*].id}${each.value[*]}'],
    ['plain text', 'azurerm_resource_group.rg[0].id'],
  ])('%s stays as written', (_what, written) => {
    expect(read(written)).toBe(written);
  });

  const several = instanceReadings({ resource: { azurerm_resource_group: { rg: { for_each: { app: 'rg-app', orders: 'rg-orders' }, name: '${each.value}' } },
    azurerm_key_vault: { kv: { for_each: ['kv-a', 'kv-b'], name: '${each.key}', resource_group_name: 'rg-keys' }, later: { for_each: { a: 1, b: 2 }, name: '${var.n}', resource_group_name: 'rg-keys' } } } });
  const [APP, ORDERS] = ['rg-app', 'rg-orders'].map((name) => `"/subscriptions/\${split("/", azurerm_resource_group.rg.id)[2]}/resourceGroups/${name}"`);

  test('an instance of a for_each of several different items, by a literal key, is the ID its own item spells', () => {
    expect(several('${azurerm_resource_group.rg["orders"].id}')).toBe('/subscriptions/${split("/", azurerm_resource_group.rg.id)[2]}/resourceGroups/rg-orders');
    expect(several('${azurerm_key_vault.kv["kv-b"].id}/keys')).toBe('/subscriptions/${split("/", azurerm_key_vault.kv.id)[2]}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-b/keys');
    // A key no item has, a name known only later: any item's, the block.
    expect(several('${azurerm_resource_group.rg["none"].id}')).toBe('${azurerm_resource_group.rg.id}');
    expect(several('${azurerm_key_vault.later["a"].id}')).toBe('${azurerm_key_vault.later.id}');
    expect(several('${azurerm_key_vault.later[var.k].id}')).toBe('${azurerm_key_vault.later.id}');
    // Inside a function: its own item's ID, quoted.
    expect(several('${lower(azurerm_resource_group.rg["orders"].id)}')).toBe(`\${lower(${ORDERS})}`);
  });

  test('an instance of a for_each of several different items, by a key known only later, may be each item (queued after the twentieth run)', () => {
    const every = `coalesce(${APP}, ${ORDERS})`;
    expect(several('${azurerm_resource_group.rg[var.k].id}')).toBe(`\${${every}}`);
    expect(several('${azurerm_resource_group.rg[local.keys[0]].id}')).toBe(`\${${every}}`);
    expect(several('${values(azurerm_resource_group.rg)[var.i].id}')).toBe(`\${${every}}`);
    expect(several('${trimsuffix(azurerm_resource_group.rg[each.key].id, "/")}')).toBe(`\${trimsuffix(${every}, "/")}`);
    // Another attribute than the ID is the block's (its names read with any item).
    expect(several('${azurerm_resource_group.rg[var.k].name}')).toBe('${azurerm_resource_group.rg.name}');
  });

  test('an item of a lookup with for_each or count, by a literal key, is the ID its own item spells; by a later key each item\'s (A22a-5)', () => {
    const lookups = instanceReadings({ data: { azurerm_resource_group: { others: { for_each: { a: 'rg-a', b: 'rg-b' }, name: '${each.value}' }, listed: { count: 2, name: '${["rg-c", "rg-d"][count.index]}' } },
      azapi_resource: { groups: { for_each: ['rg-e', 'rg-f'], type: 'Microsoft.Resources/resourceGroups@2024-03-01', name: '${each.key}', parent_id: '/subscriptions/00000000-0000-0000-0000-000000000000' } } } });
    const own = (address: string, name: string) => `/subscriptions/\${split("/", ${address}.id)[2]}/resourceGroups/${name}`;
    expect(lookups('${data.azurerm_resource_group.others["a"].id}')).toBe(own('data.azurerm_resource_group.others', 'rg-a'));
    expect(lookups('${data.azurerm_resource_group.listed[1].id}')).toBe(own('data.azurerm_resource_group.listed', 'rg-d'));
    expect(lookups('${data.azapi_resource.groups["rg-f"].id}')).toBe('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-f');
    expect(lookups('${data.azurerm_resource_group.others[var.k].id}')).toBe(`\${coalesce("${own('data.azurerm_resource_group.others', 'rg-a')}", "${own('data.azurerm_resource_group.others', 'rg-b')}")}`);
    // A key no item has: any item's, the lookup.
    expect(lookups('${data.azurerm_resource_group.others["z"].id}')).toBe('${data.azurerm_resource_group.others.id}');
  });

  test('a stack without counted resources reads only splats (A21a-1)', () => {
    const plain = instanceReadings({ resource: { azurerm_resource_group: { plain: { name: 'rg' } } } });
    expect(plain('${azurerm_resource_group.plain[0].id}')).toBe('${azurerm_resource_group.plain[0].id}');
    expect(plain('${join("", azurerm_resource_group.plain[*].id)}')).toBe('${azurerm_resource_group.plain.id}');
    expect(plain('${join("", [azurerm_resource_group.plain.id])}')).toBe('${join("", [azurerm_resource_group.plain.id])}');
    expect(instanceReadings([])('${azurerm_resource_group.plain.id}')).toBe('${azurerm_resource_group.plain.id}');
  });
});

describe('an in-database block with for_each keeps the key of a reference to its instance (in-database-index.ts instanceViews)', () => {
  const inDatabase = instanceReadings({
    resource: {
      postgresql_role: { R: { for_each: '${toset(["a", "b"])}', name: '${each.key}' }, C: { count: 2, name: 'c${count.index}' }, B: { for_each: '${toset(["a"])}', count: 1, name: 'b' } },
      postgresql_database: { D: { for_each: { a: 'x' }, name: '${each.value}' } },
    },
  });

  test.each([
    ['${postgresql_role.R[each.key].name}', '${postgresql_role.R[each.key].name}'],
    ['${postgresql_role.R[each.value].name}', '${postgresql_role.R[each.value].name}'],
    ['${postgresql_role.R["a"].name}', '${postgresql_role.R["a"].name}'],
    ['${postgresql_database.D[ each.key ].name}', '${postgresql_database.D[ each.key ].name}'],
  ])('%s is kept', (written, read) => {
    expect(inDatabase(written)).toBe(read);
  });

  test.each([
    // A key known only later, or any other form over the instances: the block, as before.
    ['${postgresql_role.R[var.k].name}', '${postgresql_role.R.name}'],
    ['${values(postgresql_role.R)[0].name}', '${postgresql_role.R.name}'],
    ['${one(postgresql_role.R[*].name)}', '${postgresql_role.R.name}'],
    // count (and count beside for_each, which Terraform refuses): the block.
    ['${postgresql_role.C[each.key].name}', '${postgresql_role.C.name}'],
    ['${postgresql_role.C[0].name}', '${postgresql_role.C.name}'],
    ['${postgresql_role.B["a"].name}', '${postgresql_role.B.name}'],
  ])('%s is read as the block', (written, read) => {
    expect(inDatabase(written)).toBe(read);
  });
});
