import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleManagementPolicy } from '@cdktf/provider-azurerm/lib/role-management-policy';
import { DataAzurermVirtualNetwork } from '@cdktf/provider-azurerm/lib/data-azurerm-virtual-network';
import { TerraformResource, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { FlexibleServerAuthentication, FlexibleServerNetwork, DiagnosticSettings, SecureFlexibleServer, SecureFlexibleServerProps } from '../../lib';
import { GEO_IDENTITY_ID, GEO_KEY_ID, KEY_ID, minimalProps, SUBNET_ID, synthErrors, VNET_ID, VNET_ZONE_ID } from '../helpers';
import { muteCdktfEscapeWarnings } from '../support/cdktf-escape-warnings';

muteCdktfEscapeWarnings();

// Twenty-fifth review, A25a-7: an object a construct is given by a pointer known only at apply time may be in any literal resource
// group (given-objects.ts). That held for a workspace or an identity, but not for a VNet given to vnetIntegration (the construct
// makes its subnet inside it: the subnet is a block of the stack, the VNet around it was no object at all), nor, for a PIM policy
// (given-containers.ts), for an object given by a template with a variable group, nor for an object outside the judged scopes
// (a private endpoint's subnet or zone, a group given by ID, a key). "Given" means the stack does not make the object, whatever the
// stack makes inside it. Each prop that takes a given ID, by each pointer known only later, beside a role and a PIM policy on one
// literal resource group; controls: the same object given literally, or by a pointer whose literal group is another, passes.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000009';
const GROUP = `${SUB}/resourceGroups/rg-x1`;
const OTHER = '00000000-0000-0000-0000-00000000000a';
const CONTRIBUTOR = '/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c';

/** How a test gives an object: its ID's path after the resource group, and the props that give it. */
interface Given {
  readonly tail: string;
  readonly props: (id: string) => Partial<SecureFlexibleServerProps>;
  /** True when the construct makes a subnet inside it, in its azurerm provider's subscription. */
  readonly inProviderSubscription?: boolean;
}

const GIVEN: { readonly [name: string]: Given } = {
  'the VNet of vnetIntegration': { tail: 'providers/Microsoft.Network/virtualNetworks/vnet-given', props: (id) => ({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: id, subnetAddressPrefix: '10.20.1.0/28' }) }), inProviderSubscription: true },
  'the subnet of vnetIntegration named in a given VNet': { tail: 'providers/Microsoft.Network/virtualNetworks/vnet-given', props: (id) => ({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: id, subnetAddressPrefix: '10.20.1.0/28', subnetName: 'snet-db' }) }), inProviderSubscription: true },
  'the network security group of vnetIntegration': { tail: 'providers/Microsoft.Network/networkSecurityGroups/nsg-given', props: (id) => ({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', networkSecurityGroupResourceId: id }) }) },
  'the delegated subnet of existingVnetIntegration': { tail: 'providers/Microsoft.Network/virtualNetworks/vnet-given/subnets/snet-db', props: (id) => ({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: id, privateDnsZoneResourceId: VNET_ZONE_ID }) }) },
  'the zone of existingVnetIntegration': { tail: 'providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com', props: (id) => ({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: id }) }) },
  'the subnet of a private endpoint': { tail: 'providers/Microsoft.Network/virtualNetworks/vnet-given/subnets/snet-pe', props: (id) => ({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: id }) }) },
  'the zone of a private endpoint': { tail: 'providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com', props: (id) => ({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: id }) }) },
  'the log workspace': { tail: 'providers/Microsoft.OperationalInsights/workspaces/log-given', props: (id) => ({ diagnosticSettings: DiagnosticSettings.logAnalytics(id) }) },
  'the identity of the customer-managed key': { tail: 'providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-given', props: (id) => ({ customerManagedKey: { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: id, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }) },
  'the vault of the generated password': { tail: 'providers/Microsoft.KeyVault/vaults/kv-given', props: (id) => ({ authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: 'a legacy reporting tool signs in with a password', keyVaultResourceId: id }) }) },
};

/** The pointers known only at apply time, each with the literal group it may name (a role or policy there may be on the object); the azurerm provider's subscription, when literal. */
type Form = readonly [string, (stack: TerraformStack, tail: string) => string, string?];
const variable = (stack: TerraformStack, name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
const LATER: readonly Form[] = [
  ['a variable', (stack) => variable(stack, 'given_id')],
  ['a template with a variable resource group', (stack, tail) => `${SUB}/resourceGroups/${variable(stack, 'rg')}/${tail}`],
  ['a template with a variable subscription and that group', (stack, tail) => `/subscriptions/${variable(stack, 'sub')}/resourceGroups/rg-x1/${tail}`],
];
/** Pointers that cannot be in that group: controls. */
const ELSEWHERE: readonly Form[] = [
  ['a literal ID in another group', (_stack, tail) => `${SUB}/resourceGroups/rg-given/${tail}`],
  ['a template with a variable subscription and another group', (stack, tail) => `/subscriptions/${variable(stack, 'sub')}/resourceGroups/rg-given/${tail}`],
  // The subnet vnetIntegration makes is in the provider's subscription (the construct's precondition refuses a VNet in another):
  // with a provider of no literal subscription, the VNet may be in any (see the last test).
  ['a template with a variable resource group in another subscription', (stack, tail) => `/subscriptions/${OTHER}/resourceGroups/${variable(stack, 'rg')}/${tail}`, OTHER],
];

type Writer = readonly [string, string, string, (stack: TerraformStack, scope: string) => void];
const WRITERS: readonly Writer[] = [
  ['Contributor', 'azurerm_role_assignment.writer', 'PG-IAM-2', (stack, scope) => { new RoleAssignment(stack, 'writer', { scope, roleDefinitionName: 'Contributor', principalId: '00000000-0000-0000-0000-0000000000ee' }); }],
  ['a PIM policy (no MFA, no approval)', 'azurerm_role_management_policy.writer', 'PG-CFG-8', (stack, scope) => {
    new RoleManagementPolicy(stack, 'writer', { scope, roleDefinitionId: `${SUB}${CONTRIBUTOR}`, activationRules: { requireMultifactorAuthentication: false, requireApproval: false, maximumDuration: 'PT24H' } });
  }],
];

/** The rule ids that fail on the writer, beside a server given one object by a pointer. */
function failedOn(given: Given, form: Form, writer: Writer, scope = GROUP): string[] {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}], ...(form[2] === undefined || given.inProviderSubscription !== true ? {} : { subscriptionId: form[2] }) });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps(given.props(form[1](stack, given.tail))));
  writer[3](stack, scope);
  return [...new Set(synthErrors(stack).filter((line) => line.split(' ')[3] === writer[1]).map((line) => line.split(' ')[4]))];
}

const cases = (forms: readonly Form[]) => Object.entries(GIVEN).flatMap(([name, given]) => forms.flatMap((form) => WRITERS.map((writer) => [name, form[0], writer[0], given, form, writer] as const)));

describe('an object a construct is given by a pointer known only at apply time may be in a literal resource group', () => {
  test.each(cases(LATER))('%s given by %s: %s on that group fails', (_name, _form, _writer, given, form, writer) => {
    expect(failedOn(given, form, writer)).toEqual([writer[2]]);
  });
  test.each(cases(ELSEWHERE))('control: %s given by %s: %s on rg-x1 passes', (_name, _form, _writer, given, form, writer) => {
    expect(failedOn(given, form, writer)).toEqual([]);
  });
});

test('over-strict, kept: a VNet given by a template of another literal subscription, beside a provider of no literal subscription, may be in any (the subnet is made in the provider\'s)', () => {
  const form: Form = ['', (stack, tail) => `/subscriptions/${OTHER}/resourceGroups/${variable(stack, 'rg')}/${tail}`];
  expect(failedOn(GIVEN['the VNet of vnetIntegration'], form, WRITERS[0])).toEqual(['PG-IAM-2']);
});

describe('variations on the VNet given to vnetIntegration', () => {
  const vnetProps = (id: string) => GIVEN['the VNet of vnetIntegration'].props(id);
  const errorsOf = (props: (stack: TerraformStack) => Partial<SecureFlexibleServerProps>, writer: (stack: TerraformStack) => void, address: string) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps(props(stack)));
    writer(stack);
    return [...new Set(synthErrors(stack).filter((line) => line.split(' ')[3] === address).map((line) => line.split(' ')[4]))];
  };
  const lookup = (stack: TerraformStack, name: string, group: string) => new DataAzurermVirtualNetwork(stack, 'vnet', { name, resourceGroupName: group }).id;
  const role = (scope: string, roleDefinitionName = 'Contributor') => (stack: TerraformStack) => { new RoleAssignment(stack, 'writer', { scope, roleDefinitionName, principalId: '00000000-0000-0000-0000-0000000000ee' }); };
  const pim = (type: string, config: { [key: string]: unknown }) => (stack: TerraformStack) => {
    const block = new TerraformResource(stack, 'writer', { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
  };
  const POLICY = 'Microsoft.Authorization/roleManagementPolicies@2020-10-01';

  test('looked up by literal names, it is that VNet: Contributor on another group passes, on its own fails PG-IAM-2', () => {
    expect(errorsOf((stack) => vnetProps(lookup(stack, 'vnet-hub', 'rg-net')), role(GROUP), 'azurerm_role_assignment.writer')).toEqual([]);
    expect(errorsOf((stack) => vnetProps(lookup(stack, 'vnet-hub', 'rg-net')), role(`${SUB}/resourceGroups/rg-net`), 'azurerm_role_assignment.writer')).toEqual(['PG-IAM-2']);
  });
  test('looked up by names known only at apply time, it may be in any group: Contributor on a literal group fails PG-IAM-2', () => {
    expect(errorsOf((stack) => vnetProps(lookup(stack, variable(stack, 'n'), variable(stack, 'g'))), role(GROUP), 'azurerm_role_assignment.writer')).toEqual(['PG-IAM-2']);
  });
  test('by a variable: Contributor by for_each over literal groups, or on the variable itself, fails PG-IAM-2; Reader on the group passes', () => {
    const byVariable = (stack: TerraformStack) => vnetProps(variable(stack, 'vn'));
    expect(errorsOf(byVariable, pim('azurerm_role_assignment', { for_each: { a: GROUP, b: `${SUB}/resourceGroups/rg-y` }, scope: '${each.value}', role_definition_name: 'Contributor', principal_id: 'x' }), 'azurerm_role_assignment.writer')).toEqual(['PG-IAM-2']);
    expect(errorsOf(byVariable, role('${var.vn}'), 'azurerm_role_assignment.writer')).toEqual(['PG-IAM-2']);
    expect(errorsOf(byVariable, role(GROUP, 'Reader'), 'azurerm_role_assignment.writer')).toEqual([]);
  });
  test('by a variable: a VNet is exact: Network Contributor on another subnet of it (by its variable or another) passes; on the VNet by a function of its variable, or on the construct\'s subnet, fails PG-IAM-2', () => {
    const byVariable = (stack: TerraformStack) => { variable(stack, 'other'); return vnetProps(variable(stack, 'vn')); };
    const network = (scope: string) => role(scope, 'Network Contributor');
    expect(errorsOf(byVariable, network('${var.vn}/subnets/snet-app'), 'azurerm_role_assignment.writer')).toEqual([]);
    expect(errorsOf(byVariable, network('${var.other}/subnets/snet-app'), 'azurerm_role_assignment.writer')).toEqual([]);
    expect(errorsOf(byVariable, network('${lower(var.vn)}'), 'azurerm_role_assignment.writer')).toEqual(['PG-IAM-2']);
    expect(errorsOf(byVariable, network('${var.vn}/subnets/orders-db-postgres'), 'azurerm_role_assignment.writer')).toEqual(['PG-IAM-2']);
    expect(errorsOf(byVariable, network(`${SUB}/resourceGroups/rg-x1/providers/Microsoft.Network/virtualNetworks/vnet-any`), 'azurerm_role_assignment.writer')).toEqual(['PG-IAM-2']);
  });
  test('by a variable: an azapi PIM policy below a literal group, or a PIM policy on a management group, fails PG-CFG-8', () => {
    const byVariable = (stack: TerraformStack) => vnetProps(variable(stack, 'vn'));
    expect(errorsOf(byVariable, pim('azapi_resource', { type: POLICY, name: 'p', parent_id: GROUP, body: { properties: { rules: [] } } }), 'azapi_resource.writer')).toEqual(['PG-CFG-8']);
    expect(errorsOf(byVariable, pim('azurerm_role_management_policy', { scope: '/providers/Microsoft.Management/managementGroups/mg', role_definition_id: CONTRIBUTOR, activation_rules: { require_approval: false } }), 'azurerm_role_management_policy.writer')).toEqual(['PG-CFG-8']);
  });
  test('a key given by a variable (any key of any vault): a PIM policy on a literal group fails PG-CFG-8', () => {
    const key = () => GIVEN['the identity of the customer-managed key'].props(`${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id`);
    const byVariable = (stack: TerraformStack) => { const props = key(); return { customerManagedKey: { ...props.customerManagedKey!, keyVaultKeyId: variable(stack, 'key') } }; };
    expect(errorsOf(byVariable, pim('azurerm_role_management_policy', { scope: GROUP, role_definition_id: CONTRIBUTOR, activation_rules: { require_approval: false } }), 'azurerm_role_management_policy.writer')).toEqual(['PG-CFG-8']);
  });
});
