import { TerraformResource } from 'cdktf';
import { SecureSingleServer } from '../../lib';
import { minimalSingleProps, providerStack, synthErrors } from '../helpers';

// Twelfth review, A12a-9: azurerm_postgresql_configuration names its server by server_name AND
// resource_group_name. The construct's parameters re-pointed to another resource group configure
// another server: the construct's own keeps Azure's defaults, and fails as with them removed.

function parametersMoved(group: string | null): string[] {
  const stack = providerStack();
  const postgres = new SecureSingleServer(stack, 'Postgres', minimalSingleProps());
  for (const child of postgres.node.children) {
    if (child.node.id.startsWith('Parameter-')) (child as TerraformResource).addOverride('resource_group_name', group);
  }
  return synthErrors(stack);
}

test.each<[string, string | null]>([
  ['to another resource group', 'rg-elsewhere'],
  ['to a group known only at apply time', '${var.group}'],
  ['to no group (null)', null],
])('the construct\'s parameters moved %s fail synth: the server has none for sure (PGS-LOG-*)', (_, group) => {
  expect(parametersMoved(group).join('\n')).toMatch(/ PGS-LOG-\d /);
});

test('the construct\'s parameters with the same group in another case still configure its server (control): only the pins see the override', () => {
  // Any override of a construct's parameter fails PG-CFG-6 (A12a-15); the group, compared ignoring case, is the server's.
  const lines = parametersMoved(minimalSingleProps().resourceGroupName.toUpperCase());
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.filter((line) => !/ PG-CFG-6 resource_group_name is "RG-LEGACY"/.test(line))).toEqual([]);
});
