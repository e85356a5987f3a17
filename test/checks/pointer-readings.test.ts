import { pointerReadings } from '../../lib/checks/pointer-readings';

const NSG = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg';

/** The text as read beside the given resources and lookups. */
const read = (text: string, resource: object, data: object = {}) => pointerReadings({ resource, data })(text);

describe('a reference to a block\'s pointer is read as what it points at', () => {
  const association = { azurerm_subnet_network_security_group_association: { a: { subnet_id: '${azurerm_subnet.s.id}', network_security_group_id: '${azurerm_network_security_group.n.id}' } } };

  test('an ID argument read back, and an alias\'s id, are the reference written', () => {
    expect(read('${azurerm_subnet_network_security_group_association.a.network_security_group_id}', association)).toBe('${azurerm_network_security_group.n.id}');
    expect(read('${azurerm_subnet_network_security_group_association.a.id}', association)).toBe('${azurerm_subnet.s.id}');
    expect(read('${lower(azurerm_subnet_network_security_group_association.a.subnet_id)}/x', association)).toBe('${lower(azurerm_subnet.s.id)}/x');
  });

  test('a lookup\'s ID argument and id, through a chain of aliases, down to a literal ID quoted', () => {
    const data = { azurerm_role_assignments: { r: { scope: NSG }, outer: { scope: '${data.azurerm_role_assignments.r.id}' } } };
    expect(read('${data.azurerm_role_assignments.outer.id}', {}, data)).toBe(`\${${JSON.stringify(NSG)}}`);
    expect(read('${data.azurerm_role_assignments.r.scope}/securityRules/x', {}, data)).toBe(`\${${JSON.stringify(NSG)}}/securityRules/x`);
  });

  test('what is not a pointer, or differs per instance, stays as written', () => {
    const counted = { azurerm_subnet_network_security_group_association: { a: { for_each: '${var.subnets}', subnet_id: '${each.value}' } } };
    expect(read('${azurerm_subnet_network_security_group_association.a.id}', counted)).toBe('${azurerm_subnet_network_security_group_association.a.id}');
    const own = { azurerm_key_vault_secret: { s: { key_vault_id: '${self.x}', name: '${var.name}', value: '${var.v}' } } };
    expect(read('${azurerm_key_vault_secret.s.key_vault_id}', own)).toBe('${azurerm_key_vault_secret.s.key_vault_id}');
    expect(read('${azurerm_key_vault_secret.s.name}', own)).toBe('${azurerm_key_vault_secret.s.name}');
    expect(read('${azurerm_key_vault_secret.s.value}', own)).toBe('${azurerm_key_vault_secret.s.value}');
    // A pointer given a name, or any attribute that is no ID, points at nothing it names; an Entra lookup's ID argument names
    // the object it looks up (looked-up-blocks.ts reads it).
    const named = { azurerm_subnet_network_security_group_association: { a: { subnet_id: '${azurerm_subnet.s.name}' } } };
    expect(read('${azurerm_subnet_network_security_group_association.a.subnet_id}', named)).toBe('${azurerm_subnet_network_security_group_association.a.subnet_id}');
    expect(read('${data.azuread_group.g.object_id}', {}, { azuread_group: { g: { object_id: '${azuread_user.u.object_id}' } } })).toBe('${data.azuread_group.g.object_id}');
    expect(read('${data.azurerm_key_vault_key.k.key_vault_id}', {}, { azurerm_key_vault_key: { k: { name: 'cmk', key_vault_id: '${var.vault}' } } })).toBe('${var.vault}');
    // A block that ignores changes may hold another object, imported from it (74th run, A74b-4).
    const imported = { azurerm_subnet_route_table_association: { x: { subnet_id: '${azurerm_subnet.s.id}', route_table_id: '${var.rt}', lifecycle: { ignore_changes: ['subnet_id'] } } } };
    expect(read('${azurerm_subnet_route_table_association.x.subnet_id}', imported)).toBe('${azurerm_subnet_route_table_association.x.subnet_id}');
    expect(read('${azurerm_subnet_route_table_association.x.id}', imported)).toBe('${azurerm_subnet_route_table_association.x.id}');
    // Not inside an expression: literal text is text.
    expect(read('azurerm_subnet_network_security_group_association.a.id', association)).toBe('azurerm_subnet_network_security_group_association.a.id');
    // Another block whose name ends alike is another block.
    expect(read('${xazurerm_subnet_network_security_group_association.a.id}', association)).toBe('${xazurerm_subnet_network_security_group_association.a.id}');
  });
});
