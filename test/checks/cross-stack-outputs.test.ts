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

test('a name cdktf would have hashed (255 characters or more) cannot be compared and is left', () => {
  const name = `cross-stack-output-${'a'.repeat(236)}`;
  expect(name.length).toBe(255);
  expect(repointedOutputs({ output: { [name]: { value: '${x.y.z}' } } })).toEqual([]);
  const shorter = name.slice(0, -1);
  expect(repointedOutputs({ output: { [shorter]: { value: '${x.y.z}' } } })).toEqual([{ name: shorter, value: '${x.y.z}' }]);
});
