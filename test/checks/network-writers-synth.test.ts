import { TerraformResource } from 'cdktf';
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
