import { makeUniqueId } from 'cdktf/lib/private/unique';
import { repointedOutputs } from '../../lib/checks/cross-stack-outputs';

// cdktf names a cross-stack output after the reference it holds; an override that re-points one is
// found (sixth review, A6-10).

test('outputs that hold the reference their name was made from pass, and other outputs are not read', () => {
  const terraform = { output: {
    'cross-stack-output-azurerm_user_assigned_identityIdprincipal_id': { value: '${azurerm_user_assigned_identity.Id.principal_id}', sensitive: true },
    'cross-stack-output-azurerm_subnetsubnets0': { value: '${azurerm_subnet.subnets[0]}' },
    'fqdn': { value: '${azurerm_postgresql_flexible_server.db.fqdn}' },
    'other-output-name': { value: 'anything' },
  } };
  expect(repointedOutputs(terraform)).toEqual([]);
});

test('an output re-pointed, emptied or made literal is found with the value it holds', () => {
  const terraform = [{ output: [{
    'cross-stack-output-azurerm_user_assigned_identityIdprincipal_id': { value: '${azurerm_user_assigned_identity.Evil.principal_id}' },
    'cross-stack-output-azurerm_log_analytics_workspaceLogsid': { value: '/subscriptions/0/resourceGroups/x/providers/Microsoft.OperationalInsights/workspaces/other' },
    'cross-stack-output-azurerm_key_vaultVaultid': {},
    'cross-stack-output-azurerm_key_vaultVaultname': null,
  }] }, null];
  expect(repointedOutputs(terraform)).toEqual([
    { name: 'cross-stack-output-azurerm_user_assigned_identityIdprincipal_id', value: '${azurerm_user_assigned_identity.Evil.principal_id}' },
    { name: 'cross-stack-output-azurerm_log_analytics_workspaceLogsid', value: '/subscriptions/0/resourceGroups/x/providers/Microsoft.OperationalInsights/workspaces/other' },
    { name: 'cross-stack-output-azurerm_key_vaultVaultid', value: undefined },
    { name: 'cross-stack-output-azurerm_key_vaultVaultname', value: undefined },
  ]);
});

describe('a name too long for cdktf to keep (a deep construct path) is cut and hashed as cdktf does, and compared (seventh review, A7-14)', () => {
  const reference = `azurerm_user_assigned_identity.${'PlatformSharedIdentityLayer'.repeat(12)}Id_6922025B.principal_id`;
  // cdktf's own naming, as the oracle: an output id under the stack is one component.
  const name = makeUniqueId([`cross-stack-output-${reference}`]);

  test('the name is cut and hashed (the premise)', () => {
    expect(name).toMatch(/^cross-stack-output-azurerm_user_assigned_identityPlatformShared\w+_[0-9A-F]{8}$/);
    expect(name.length).toBe(249);
  });

  test('holding the reference it was made from, it passes', () => {
    expect(repointedOutputs({ output: { [name]: { value: `\${${reference}}` } } })).toEqual([]);
  });

  test('re-pointed, even to a reference with the same first 240 characters, it is found', () => {
    const other = reference.replace(/principal_id$/, 'client_id');
    expect(repointedOutputs({ output: { [name]: { value: `\${${other}}` } } })).toEqual([{ name, value: `\${${other}}` }]);
  });

  test('a name of exactly 255 characters is not cut: it is compared as written', () => {
    const id = `cross-stack-output-${'a'.repeat(236)}`;
    expect(makeUniqueId([id])).toBe(id);
    expect(repointedOutputs({ output: { [id]: { value: `\${${'a'.repeat(236)}}` } } })).toEqual([]);
    const longer = `${id}b`;
    expect(repointedOutputs({ output: { [longer]: { value: `\${${'a'.repeat(236)}b}` } } })).toEqual([{ name: longer, value: `\${${'a'.repeat(236)}b}` }]);
    expect(repointedOutputs({ output: { [makeUniqueId([longer])]: { value: `\${${'a'.repeat(236)}b}` } } })).toEqual([]);
  });
});

test('a value that only contains the reference, or holds it in a list, is not the reference: it is found', () => {
  const name = 'cross-stack-output-azurerm_user_assigned_identityIdprincipal_id';
  for (const value of ['x${azurerm_user_assigned_identity.Id.principal_id}', '${azurerm_user_assigned_identity.Id.principal_id}x', ['${azurerm_user_assigned_identity.Id.principal_id}']]) {
    expect(repointedOutputs({ output: [null, { [name]: { value } }] })).toEqual([{ name, value }]);
  }
});

test('a literal is never the reference, even under a name that spells "undefined"', () => {
  expect(repointedOutputs({ output: { 'cross-stack-output-undefined': { value: 'literal' } } })).toEqual([{ name: 'cross-stack-output-undefined', value: 'literal' }]);
});
