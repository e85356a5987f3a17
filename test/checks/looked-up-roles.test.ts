// 80th run, A80b-2 (false failure): a role given as the azurerm docs write it, through a role definition lookup by a literal name
// or GUID, or as a template whose literal end is the definition ID, is that role: judged by what it is, not as a role known only
// at apply time. A lookup by names known only later, or another template, stays unknown.
import { DataAzurermRoleDefinition } from '@cdktf/provider-azurerm/lib/data-azurerm-role-definition';
import { DataAzurermSubscription } from '@cdktf/provider-azurerm/lib/data-azurerm-subscription';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { minimalProps, providerStack } from '../helpers';

const PRINCIPAL = '00000000-0000-0000-0000-000000000001';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

/** PG-IAM-2's verdicts (status and message) on a grant on the server whose definition ID `role` writes. */
function judged(role: (stack: TerraformStack) => string): string[] {
  const stack = providerStack('looked-up-roles');
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  new RoleAssignment(stack, 'grant', { scope: server.serverId, roleDefinitionId: role(stack), principalId: PRINCIPAL });
  return evaluateStack(JSON.parse(JSON.stringify(stack.toTerraform())) as object, ALL_RULES).findings
    .filter((finding) => finding.ruleId === 'PG-IAM-2' && finding.status !== 'pass' && finding.status !== 'not-applicable').map((finding) => `${finding.status} ${finding.message}`);
}
const lookup = (stack: TerraformStack, config: { name?: string; roleDefinitionId?: string }) => new DataAzurermRoleDefinition(stack, 'role', config);
const subscription = (stack: TerraformStack) => new DataAzurermSubscription(stack, 'sub', {}).id;

test('a lookup by a built-in role\'s name or GUID is that role', () => {
  expect(judged((stack) => lookup(stack, { name: 'Reader' }).id)).toEqual([]);
  expect(judged((stack) => lookup(stack, { roleDefinitionId: READER }).roleDefinitionId)).toEqual([]);
  expect(judged((stack) => `${subscription(stack)}${lookup(stack, { name: 'Reader' }).id}`)).toEqual([]);
  expect(judged((stack) => lookup(stack, { name: 'Owner' }).id)).toEqual([expect.stringMatching(/^fail .*grants Owner on the server/)]);
  expect(judged((stack) => lookup(stack, { roleDefinitionId: OWNER }).id)).toEqual([expect.stringMatching(/^fail .*grants Owner on the server/)]);
});

test('a template whose literal end is a definition ID is that definition', () => {
  expect(judged((stack) => `${subscription(stack)}/providers/Microsoft.Authorization/roleDefinitions/${READER}`)).toEqual([]);
  expect(judged((stack) => `${subscription(stack)}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`)).toEqual([expect.stringMatching(/^fail .*grants Owner/)]);
});

test('a lookup by a name known only later, or a definition ID ending in a value known only later, stays unknown', () => {
  const unknown = [expect.stringMatching(/role_definition_id\) is known only at apply time, and may be a privileged one/)];
  expect(judged((stack) => lookup(stack, { name: new TerraformVariable(stack, 'role_name', { type: 'string' }).stringValue }).id)).toEqual(unknown);
  expect(judged((stack) => `${subscription(stack)}/providers/Microsoft.Authorization/roleDefinitions/${new TerraformVariable(stack, 'guid', { type: 'string' }).stringValue}`)).toEqual(unknown);
});
