import { TerraformDataSource, TerraformResource, TerraformStack } from 'cdktf';
import { DiagnosticSettings, EntraPrincipalType, FlexibleServerNetwork, SecureFlexibleServer, SecureFlexibleServerProps } from '../../../lib';
import { GEO_IDENTITY_ID, GEO_KEY_ID, KEY_ID, minimalProps, newStack, synthErrors } from '../../helpers';
import { lookup, raw } from '../beside-fixtures';

// A construct given a lookup (data.*) of an object the stack itself makes is given that object: the pack reads the lookup as
// the object (data-source-aliases.ts), and PG-CFG-6 compares the pins read the same way, so no override is reported where
// none was written; an override of the same attribute still fails (twentieth review, A20a-2).

const cfg6 = (stack: TerraformStack) => synthErrors(stack).filter((line) => line.includes('PG-CFG-6'));

/** One construct input given through a lookup of the object the stack makes: the stack, the props, and the made child it pins. */
interface Input {
  readonly made: (stack: TerraformStack) => TerraformResource;
  readonly lookup: (stack: TerraformStack, made: TerraformResource, byReference: boolean) => TerraformDataSource;
  readonly props: (found: TerraformDataSource) => Partial<SecureFlexibleServerProps>;
  /** A resource of the construct (its path below it) and an attribute that holds the input, for the override control. */
  readonly pinned: readonly [string, string];
}

const INPUTS: { readonly [name: string]: Input } = {
  'log workspace': {
    made: (stack) => raw(stack, 'azurerm_log_analytics_workspace', 'law', { name: 'log-central', resource_group_name: 'rg-logs', location: 'westeurope', retention_in_days: 90 }),
    lookup: (stack, made, byReference) => lookup(stack, 'azurerm_log_analytics_workspace', 'found', byReference
      ? { name: made.getStringAttribute('name'), resource_group_name: made.getStringAttribute('resource_group_name') }
      : { name: 'log-central', resource_group_name: 'rg-logs' }),
    props: (found) => ({ diagnosticSettings: DiagnosticSettings.logAnalytics(found.getStringAttribute('id')) }),
    pinned: ['DiagnosticSetting', 'log_analytics_workspace_id'],
  },
  'administrator group': {
    made: (stack) => raw(stack, 'azuread_group', 'admins', { display_name: 'db-admins', security_enabled: true }),
    lookup: (stack, made, byReference) => lookup(stack, 'azuread_group', 'found', byReference
      ? { display_name: made.getStringAttribute('display_name'), security_enabled: true }
      : { display_name: 'db-admins', security_enabled: true, depends_on: ['azuread_group.admins'] }),
    props: (found) => ({ entraAdministrators: [{ objectId: found.getStringAttribute('object_id'), principalName: 'db-admins', principalType: EntraPrincipalType.GROUP }] }),
    pinned: ['EntraAdministrator0', 'object_id'],
  },
  'virtual network': {
    made: (stack) => raw(stack, 'azurerm_virtual_network', 'vnet', { name: 'vnet-hub', resource_group_name: 'rg-network', location: 'westeurope', address_space: ['10.0.0.0/16'] }),
    lookup: (stack, made, byReference) => lookup(stack, 'azurerm_virtual_network', 'found', byReference
      ? { name: made.getStringAttribute('name'), resource_group_name: made.getStringAttribute('resource_group_name') }
      : { name: 'vnet-hub', resource_group_name: 'rg-network' }),
    props: (found) => ({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: found.getStringAttribute('id'), subnetAddressPrefix: '10.0.1.0/28' }) }),
    pinned: ['Subnet', 'virtual_network_name'],
  },
  'private endpoint subnet': {
    made: (stack) => raw(stack, 'azurerm_subnet', 'pe', { name: 'snet-pe', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.2.0/24'] }),
    lookup: (stack, made, byReference) => lookup(stack, 'azurerm_subnet', 'found', byReference
      ? { name: made.getStringAttribute('name'), virtual_network_name: made.getStringAttribute('virtual_network_name'), resource_group_name: made.getStringAttribute('resource_group_name') }
      : { name: 'snet-pe', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network' }),
    props: (found) => ({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: found.getStringAttribute('id') }) }),
    pinned: ['PrivateEndpoint/Endpoint', 'subnet_id'],
  },
  'key identity': {
    made: (stack) => raw(stack, 'azurerm_user_assigned_identity', 'cmk', { name: 'id-postgres', resource_group_name: 'rg-keys', location: 'westeurope' }),
    lookup: (stack, made, byReference) => lookup(stack, 'azurerm_user_assigned_identity', 'found', byReference
      ? { name: made.getStringAttribute('name'), resource_group_name: made.getStringAttribute('resource_group_name') }
      : { name: 'id-postgres', resource_group_name: 'rg-keys' }),
    props: (found) => ({ customerManagedKey: { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: found.getStringAttribute('id'), geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }),
    pinned: ['Server', 'customer_managed_key.0.primary_user_assigned_identity_id'],
  },
};

function given(input: Input, byReference: boolean, configure: (postgres: SecureFlexibleServer) => void = () => undefined): TerraformStack {
  const stack = newStack();
  const made = input.made(stack);
  const found = input.lookup(stack, made, byReference);
  configure(new SecureFlexibleServer(stack, 'Postgres', minimalProps(input.props(found))));
  return stack;
}

describe.each(Object.entries(INPUTS))('a construct given a lookup of the %s the stack makes (A20a-2)', (_name, input) => {
  test.each([['literal names', false], ['references to the made block', true]])('the lookup by %s is not an override', (_how, byReference) => {
    expect(cfg6(given(input, byReference))).toEqual([]);
  });

  test('an override of the same attribute still fails', () => {
    const [child, attribute] = input.pinned;
    const stack = given(input, false, (postgres) => (postgres.node.findAll().find((each) => each.node.path === `${postgres.node.path}/${child}`) as TerraformResource).addOverride(attribute, '${var.other}'));
    expect(cfg6(stack).join('\n')).toContain(`PG-CFG-6 ${attribute.replace('.0.', '.')} is "\${var.other}"`);
  });
});
