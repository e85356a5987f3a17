import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { TerraformResource, TerraformVariable } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// An azapi write to the network a construct makes around its server fails synth (PG-CFG-3, fifth
// review A5-1), and passes when reviewed by hand and suppressed with the reason.

const RULE_TYPE = 'Microsoft.Network/networkSecurityGroups/securityRules@2023-04-01';
const ALLOW_ALL = { access: 'Allow', direction: 'Inbound', priority: 100, protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' };

function withAzapiRule(): { stack: ReturnType<typeof providerStack>; rule: TerraformResource } {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const rule = new TerraformResource(stack, 'OpenPostgres', { terraformResourceType: 'azapi_resource' });
  rule.addOverride('type', RULE_TYPE);
  rule.addOverride('name', 'open');
  rule.addOverride('parent_id', postgres.networkSecurityGroupId);
  rule.addOverride('body', { properties: ALLOW_ALL });
  return { stack, rule };
}

test('an azapi rule under the construct\'s network security group fails synth', () => {
  const errors = synthErrors(withAzapiRule().stack);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^ {2}\[test\] azapi_resource\.OpenPostgres PG-CFG-3 an azapi_resource of type "Microsoft\.Network\/networkSecurityGroups\/securityRules@2023-04-01" on azurerm_network_security_group\.\S+ \(the network security group of the server's delegated subnet\) reaches the server;/);
});

test('the rule reviewed by hand passes with a suppression on it that gives the reason', () => {
  const { stack, rule } = withAzapiRule();
  PostgresSecurityChecks.suppress(rule, 'PG-CFG-3', 'Temporary allow-all for the migration window, removed in SEC-90');
  expect(synthErrors(stack)).toEqual([]);
});

describe('an azapi block acting on another resource the construct made, by a reference to its ID (A14b-15)', () => {
  function withLockAction(target: (lock: TerraformResource) => { [argument: string]: string }): ReturnType<typeof providerStack> {
    const stack = providerStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ deletionProtection: { lock: true } }));
    const lock = postgres.node.findChild('DeleteLock') as TerraformResource;
    const action = new TerraformResource(stack, 'Unlock', { terraformResourceType: 'azapi_resource_action' });
    action.addOverride('type', 'Microsoft.Authorization/locks@2020-05-01');
    action.addOverride('method', 'DELETE');
    Object.entries(target(lock)).forEach(([argument, value]) => action.addOverride(argument, value));
    return stack;
  }

  test('a DELETE of the construct\'s delete lock by its id fails synth (PG-CFG-3)', () => {
    const errors = synthErrors(withLockAction((lock) => ({ resource_id: `\${${lock.terraformResourceType}.${lock.friendlyUniqueId}.id}` })));
    expect(errors).toEqual([expect.stringMatching(/^ {2}\[test\] azapi_resource_action\.Unlock PG-CFG-3 an azapi_resource_action of type "Microsoft\.Authorization\/locks@2020-05-01" on azurerm_management_lock\.Postgres_DeleteLock_\w+ \(a resource test\/Postgres made\), whose ID its resource_id reads, reaches the server;/)]);
  });

  test('so does a child written below it by parent_id, the whole block read as its id, or a function of its id', () => {
    const address = (lock: TerraformResource) => `${lock.terraformResourceType}.${lock.friendlyUniqueId}`;
    for (const target of [
      (lock: TerraformResource) => ({ parent_id: `\${${address(lock)}.id}`, name: 'x' }),
      (lock: TerraformResource) => ({ resource_id: `\${lookup(${address(lock)}, "id")}` }),
      (lock: TerraformResource) => ({ resource_id: `\${lower(${address(lock)}.id)}` }),
    ]) {
      expect(synthErrors(withLockAction(target)).join('\n')).toMatch(/azapi_resource_action\.Unlock PG-CFG-3 .* on azurerm_management_lock\.Postgres_DeleteLock_\w+ \(a resource test\/Postgres made\)/);
    }
  });

  test('a body that only carries its id, acting elsewhere, is no writer', () => {
    expect(synthErrors(withLockAction((lock) => ({ resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other/providers/Microsoft.Authorization/locks/other', 'body.note': `\${${lock.terraformResourceType}.${lock.friendlyUniqueId}.id}` })))).toEqual([]);
  });

  test('a resource_id known only at apply time, of the lock\'s type, may be the lock; another lock of the stack by reference is not', () => {
    const byVariable = withLockAction(() => ({ resource_id: '${var.lock_id}' }));
    new TerraformVariable(byVariable, 'lock_id', { type: 'string' });
    expect(synthErrors(byVariable)).toEqual([expect.stringMatching(/azapi_resource_action\.Unlock PG-CFG-3 .* on azurerm_management_lock\.Postgres_DeleteLock_\w+ \(a resource test\/Postgres made\), whose resource_id "\$\{var\.lock_id\}" is known only at apply time and may be it, reaches the server;/)]);
    const other = withLockAction(() => ({ resource_id: '${azurerm_management_lock.mine.id}' }));
    new ManagementLock(other, 'mine', { name: 'mine', scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other', lockLevel: 'CanNotDelete' });
    expect(synthErrors(other)).toEqual([]);
  });
});
