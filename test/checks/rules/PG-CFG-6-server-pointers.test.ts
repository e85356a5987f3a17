import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { PINNED_KEY, writtenValues } from '../../../lib/checks/pinned-attributes';
import { EXIT_FINDINGS, EXIT_OK } from '../../../lib/cli/check-command';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureSingleServer } from '../../../lib';
import { checkStack } from '../../cli/cli-harness';
import { GEO_IDENTITY_ID, GEO_KEY_ID, IDENTITY_ID, KEY_ID, minimalProps, minimalSingleProps, newStack, PRIVATE_LINK_ZONE_ID, SUBNET_ID, synthErrors, TENANT_ID, VNET_ZONE_ID } from '../../helpers';

// A3-12, the rest: the server's own pointers (its subnet and DNS zone, the customer-managed key and
// the identities that may use it, Single Server's threat alert recipients) are pinned too, so an
// override that changes, removes or nulls one fails PG-CFG-6 in synth and in `check`.

const FIX = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';
const FLEXIBLE_SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';
const SINGLE_SERVER = 'azurerm_postgresql_server.Legacy_Server_BD4265F7';
const OTHER_KEY = 'https://kv-evil.vault.azure.net/keys/other';
const OTHER_IDENTITY = '/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/rg-x/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-other';
const VERSIONED_KEY_ID = `${KEY_ID}/0123456789abcdef0123456789abcdef`;

const CMK = { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID };
const existingNetwork = FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: VNET_ZONE_ID });

/** The PG-CFG-6 line synth prints for a pinned attribute written otherwise. */
function line(address: string, attribute: string, written: unknown, pinned: unknown): string {
  const was = pinned === null ? 'leave it unset' : `set ${JSON.stringify(pinned)}`;
  return `  [test] ${address} PG-CFG-6 ${attribute} is ${written === null ? 'unset' : JSON.stringify(written)}, where the construct's props ${was}. ${FIX}`;
}

/** The same finding as `check` prints it. */
function checkLine(address: string, attribute: string, written: unknown, pinned: unknown): string {
  return line(address, attribute, written, pinned).replace(`  [test] ${address} PG-CFG-6 `, `  ERROR      PG-CFG-6   ${address}: `);
}

function flexibleStack(override?: (server: TerraformResource) => void): TerraformStack {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: existingNetwork, customerManagedKey: CMK }));
  override?.(postgres.server);
  return stack;
}

function singleStack(override?: (legacy: SecureSingleServer) => void): TerraformStack {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ customerManagedKey: { keyVaultKeyId: VERSIONED_KEY_ID } }));
  override?.(legacy);
  return stack;
}

const pinLines = (lines: readonly string[]) => lines.filter((text) => text.includes('PG-CFG-6'));
/** The address of the stack's only resource of a type. */
const addressOf = (stack: TerraformStack, type: string) => {
  const [resource] = stack.node.findAll().filter((child) => (child as TerraformResource).terraformResourceType === type) as TerraformResource[];
  return `${type}.${stack.getLogicalId(resource)}`;
};

/** PG-CFG-6's lines of `check` on the JSON the stack writes (no synth validation), and its exit code. */
function checkWritten(stack: TerraformStack): { code: number; lines: string[] } {
  const result = checkStack(stack);
  return { code: result.code, lines: pinLines(result.out) };
}

describe('SecureFlexibleServer: the subnet, DNS zone, key and identities it set', () => {
  const pinned: ReadonlyArray<readonly [string, unknown, unknown]> = [
    ['delegated_subnet_id', SUBNET_ID, `${SUBNET_ID}-open`],
    ['private_dns_zone_id', VNET_ZONE_ID, VNET_ZONE_ID.replace('orders', 'evil')],
    ['identity.type', 'UserAssigned', 'SystemAssigned, UserAssigned'],
    // cdktf appends a list an override gives to the list the construct wrote.
    ['identity.identity_ids', [IDENTITY_ID, GEO_IDENTITY_ID], [OTHER_IDENTITY]],
    ['customer_managed_key.key_vault_key_id', KEY_ID, OTHER_KEY],
    ['customer_managed_key.primary_user_assigned_identity_id', IDENTITY_ID, OTHER_IDENTITY],
    ['customer_managed_key.geo_backup_key_vault_key_id', GEO_KEY_ID, OTHER_KEY],
    ['customer_managed_key.geo_backup_user_assigned_identity_id', GEO_IDENTITY_ID, OTHER_IDENTITY],
    // The directory whose principals sign in (twelfth review, A12a-8).
    ['authentication.tenant_id', TENANT_ID, '99999999-2222-3333-4444-555555555555'],
    // A major version the props refuse, out of Azure's standard support (69th run).
    ['version', '17', '11'],
    // The SKU the props chose: a Burstable one makes PGF-AVL-1 moot, and the high availability could go with it (92nd run, A92c-3).
    ['sku_name', 'GP_Standard_D2ds_v5', 'B_Standard_B2s'],
  ];
  const asMerged = (was: unknown, written: unknown) => (Array.isArray(was) && Array.isArray(written) ? [...was, ...written] : written);

  test('as the construct wrote them they pass synth and check', () => {
    const stack = flexibleStack();
    expect(pinLines(synthErrors(stack))).toEqual([]);
    expect(checkWritten(stack)).toEqual({ code: EXIT_OK, lines: [] });
  });

  test.each(pinned)('%s overridden to another value, or to null, fails synth and check', (attribute, was, other) => {
    for (const override of [other, null]) {
      const stack = flexibleStack((server) => server.addOverride(attribute, override));
      const written = asMerged(was, override);
      expect(pinLines(synthErrors(stack))).toEqual([line(FLEXIBLE_SERVER, attribute, written, was)]);
      expect(checkWritten(stack)).toEqual({ code: EXIT_FINDINGS, lines: [checkLine(FLEXIBLE_SERVER, attribute, written, was)] });
    }
  });

  test.each([['customer_managed_key'], ['identity']])('the %s block removed fails for each attribute in it', (block) => {
    const stack = flexibleStack((server) => server.addOverride(block, null));
    const lost = pinned.filter(([attribute]) => attribute.startsWith(`${block}.`)).map(([attribute, was]) => line(FLEXIBLE_SERVER, attribute, null, was));
    expect(pinLines(synthErrors(stack))).toEqual(lost);
    expect(checkWritten(stack).lines).toEqual(lost.map((text) => text.replace(`  [test] ${FLEXIBLE_SERVER} PG-CFG-6 `, `  ERROR      PG-CFG-6   ${FLEXIBLE_SERVER}: `)));
  });

  test('the provider class\'s own escape hatches (reset, put, a setter) after construction fail too', () => {
    const keyLost = pinned.filter(([attribute]) => attribute.startsWith('customer_managed_key.')).map(([attribute, was]) => line(FLEXIBLE_SERVER, attribute, null, was));
    expect(pinLines(synthErrors(flexibleStack((server) => (server as PostgresqlFlexibleServer).resetCustomerManagedKey())))).toEqual(keyLost);
    expect(pinLines(synthErrors(flexibleStack((server) => (server as PostgresqlFlexibleServer).putIdentity({ type: 'SystemAssigned' }))))).toEqual([
      line(FLEXIBLE_SERVER, 'identity.type', 'SystemAssigned', 'UserAssigned'),
      line(FLEXIBLE_SERVER, 'identity.identity_ids', null, [IDENTITY_ID, GEO_IDENTITY_ID]),
    ]);
    expect(pinLines(synthErrors(flexibleStack((server) => { (server as PostgresqlFlexibleServer).delegatedSubnetId = `${SUBNET_ID}-open`; })))).toEqual([
      line(FLEXIBLE_SERVER, 'delegated_subnet_id', `${SUBNET_ID}-open`, SUBNET_ID),
    ]);
  });

  test('the tenant overridden to a value known only at apply time fails: the administrators\' tenant is compared with it (A12a-8)', () => {
    const stack = flexibleStack((server) => server.addOverride('authentication.tenant_id', new TerraformVariable(server, 'tenant', { type: 'string' }).stringValue));
    expect(pinLines(synthErrors(stack))).toEqual([line(FLEXIBLE_SERVER, 'authentication.tenant_id', '${var.Postgres_Server_tenant_0864138C}', TENANT_ID)]);
  });

  test('an override by index (customer_managed_key.0.key_vault_key_id), which cdktf writes under "0", fails', () => {
    const stack = flexibleStack((server) => server.addOverride('customer_managed_key.0.key_vault_key_id', OTHER_KEY));
    expect(pinLines(synthErrors(stack))).toEqual([line(FLEXIBLE_SERVER, 'customer_managed_key.key_vault_key_id', OTHER_KEY, KEY_ID)]);
  });

  test('a dynamic block of the type fails: Terraform fills it in at plan time', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const dynamic = { for_each: '${var.keys}', content: { key_vault_key_id: OTHER_KEY } };
    postgres.server.addOverride('dynamic.customer_managed_key', dynamic);
    const written = { dynamic: { customer_managed_key: dynamic } };
    expect(pinLines(synthErrors(stack))).toEqual(pinned.filter(([attribute]) => attribute.startsWith('customer_managed_key.')).map(([attribute]) => line(FLEXIBLE_SERVER, attribute, written, null)));
  });

  test('without customerManagedKey no key or identity is pinned but null: an override may not add one', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('identity', { type: 'UserAssigned', identity_ids: [OTHER_IDENTITY] });
    expect(pinLines(synthErrors(stack))).toEqual([
      line(FLEXIBLE_SERVER, 'identity.type', 'UserAssigned', null),
      line(FLEXIBLE_SERVER, 'identity.identity_ids', [OTHER_IDENTITY], null),
    ]);
  });

  test('in private endpoint mode the server is pinned to no subnet and no zone', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID }) }));
    postgres.server.addOverride('private_dns_zone_id', VNET_ZONE_ID);
    expect(pinLines(synthErrors(stack))).toEqual([line(FLEXIBLE_SERVER, 'private_dns_zone_id', VNET_ZONE_ID, null)]);
  });
});

describe('references are pinned as the text Terraform reads', () => {
  function withReferences(override?: (server: TerraformResource) => void): { stack: TerraformStack; identity: string } {
    const stack = newStack();
    const key = new TerraformVariable(stack, 'key', { type: 'string' });
    const identity = new UserAssignedIdentity(stack, 'Identity', { name: 'id-postgres', resourceGroupName: 'rg-keys', location: 'westeurope' });
    const customerManagedKey = { ...CMK, keyVaultKeyId: key.stringValue, userAssignedIdentityResourceId: identity.id };
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey }));
    override?.(postgres.server);
    return { stack, identity: '${azurerm_user_assigned_identity.Identity.id}' };
  }

  test('the pins hold the references, and the same references written again pass', () => {
    const { stack, identity } = withReferences((server) => server.addOverride('customer_managed_key.key_vault_key_id', '${var.key}'));
    const pins = (stack.toTerraform() as { '//': { [key: string]: Array<{ attributes: { [name: string]: unknown } }> } })['//'][PINNED_KEY];
    expect(pins[0].attributes).toEqual(expect.objectContaining({
      'identity.identity_ids': [identity, GEO_IDENTITY_ID],
      'customer_managed_key.key_vault_key_id': '${var.key}',
      'customer_managed_key.primary_user_assigned_identity_id': identity,
    }));
    expect(pinLines(synthErrors(stack))).toEqual([]);
  });

  test('another reference fails', () => {
    const { stack, identity } = withReferences((server) => server.addOverride('customer_managed_key.primary_user_assigned_identity_id', '${azurerm_user_assigned_identity.Other.id}'));
    expect(pinLines(synthErrors(stack))).toEqual([
      line(FLEXIBLE_SERVER, 'customer_managed_key.primary_user_assigned_identity_id', '${azurerm_user_assigned_identity.Other.id}', identity),
    ]);
  });
});

describe('SecureSingleServer: its identity, threat alert recipients and key', () => {
  const KEY_RESOURCE = 'azurerm_postgresql_server_key.Legacy_CustomerManagedKey_294B466D';

  test('as the construct wrote them they pass synth and check', () => {
    const stack = singleStack();
    expect(pinLines(synthErrors(stack))).toEqual([]);
    expect(checkWritten(stack)).toEqual({ code: EXIT_OK, lines: [] });
  });

  test.each<[string, unknown, unknown]>([
    ['identity.type', 'SystemAssigned', 'UserAssigned'],
    ['threat_detection_policy.email_account_admins', true, false],
    ['threat_detection_policy.email_addresses', null, ['attacker@example.com']],
    ['threat_detection_policy.storage_endpoint', null, 'https://evil.blob.core.windows.net/'],
    // Adversarial run of stop 81, A81-46: storage that no longer grows before it fills.
    ['auto_grow_enabled', true, false],
  ])('%s overridden fails synth and check', (attribute, was, other) => {
    for (const written of [other, ...(was === null ? [] : [null])]) {
      const stack = singleStack((legacy) => legacy.server.addOverride(attribute, written));
      expect(pinLines(synthErrors(stack))).toEqual([line(SINGLE_SERVER, attribute, written, was)]);
      expect(checkWritten(stack)).toEqual({ code: EXIT_FINDINGS, lines: [checkLine(SINGLE_SERVER, attribute, written, was)] });
    }
  });

  test('the threat_detection_policy block removed fails for the recipients it held', () => {
    const stack = singleStack((legacy) => legacy.server.addOverride('threat_detection_policy', null));
    expect(pinLines(synthErrors(stack))).toEqual([line(SINGLE_SERVER, 'threat_detection_policy.email_account_admins', null, true)]);
  });

  test.each<[string, unknown]>([
    ['key_vault_key_id', OTHER_KEY],
    ['key_vault_key_id', null],
    ['server_id', '${azurerm_postgresql_server.other.id}'],
  ])('the customer-managed key resource\'s %s overridden to %j fails synth and check', (attribute, written) => {
    const stack = singleStack((legacy) => (legacy.node.findChild('CustomerManagedKey') as TerraformResource).addOverride(attribute, written));
    const was = attribute === 'key_vault_key_id' ? VERSIONED_KEY_ID : `\${${SINGLE_SERVER}.id}`;
    expect(pinLines(synthErrors(stack))).toEqual([line(KEY_RESOURCE, attribute, written, was)]);
    expect(checkWritten(stack)).toEqual({ code: EXIT_FINDINGS, lines: [checkLine(KEY_RESOURCE, attribute, written, was)] });
  });
});

describe('the private endpoint the construct made keeps its subnet, server and zone', () => {
  const OTHER_SUBNET = '/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x/subnets/snet-x';
  const endpointNetwork = FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID });

  function endpointStack(kind: 'flexible' | 'single', override?: (endpoint: TerraformResource) => void): { stack: TerraformStack; address: string; server: string } {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const construct = kind === 'flexible'
      ? new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: endpointNetwork }))
      : new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    const endpoint = construct.node.findChild('PrivateEndpoint').node.findChild('Endpoint') as TerraformResource;
    override?.(endpoint);
    return { stack, address: `azurerm_private_endpoint.${stack.getLogicalId(endpoint)}`, server: kind === 'flexible' ? FLEXIBLE_SERVER : SINGLE_SERVER };
  }

  test.each([['flexible' as const], ['single' as const]])('%s: as the construct wrote it, it passes synth and check', (kind) => {
    const { stack } = endpointStack(kind);
    expect(pinLines(synthErrors(stack))).toEqual([]);
    expect(checkWritten(stack)).toEqual({ code: EXIT_OK, lines: [] });
  });

  test.each([['flexible' as const], ['single' as const]])('%s: another subnet, server or zone, or none, fails synth and check', (kind) => {
    for (const [attribute, written] of [
      ['subnet_id', OTHER_SUBNET],
      ['subnet_id', null],
      ['private_service_connection.private_connection_resource_id', '${azurerm_postgresql_flexible_server.other.id}'],
    ] as const) {
      const { stack, address, server } = endpointStack(kind, (endpoint) => endpoint.addOverride(attribute, written));
      const was = attribute === 'subnet_id' ? SUBNET_ID : `\${${server}.id}`;
      expect(pinLines(synthErrors(stack))).toEqual([line(address, attribute, written, was)]);
      expect(checkWritten(stack)).toEqual({ code: EXIT_FINDINGS, lines: [checkLine(address, attribute, written, was)] });
    }
    // The shared privatelink zone the Single Server construct made, or the one the props gave.
    const { stack, address } = endpointStack(kind, (endpoint) => endpoint.addOverride('private_dns_zone_group.private_dns_zone_ids', null));
    const zones = kind === 'flexible' ? [PRIVATE_LINK_ZONE_ID] : [`\${${addressOf(stack, 'azurerm_private_dns_zone')}.id}`];
    expect(pinLines(synthErrors(stack))).toEqual([line(address, 'private_dns_zone_group.private_dns_zone_ids', null, zones)]);
    expect(checkWritten(stack).lines).toEqual([checkLine(address, 'private_dns_zone_group.private_dns_zone_ids', null, zones)]);
  });
});

test('writtenValues reads a path through blocks as Terraform would hold them', () => {
  const path = ['customer_managed_key', 'key_vault_key_id'];
  expect(writtenValues({ customer_managed_key: { key_vault_key_id: 'k' } }, path)).toEqual(['k']);
  expect(writtenValues({ customer_managed_key: [{ key_vault_key_id: 'k' }] }, path)).toEqual(['k']);
  expect(writtenValues({ customer_managed_key: [] }, path)).toEqual([null]);
  expect(writtenValues({}, path)).toEqual([null]);
  expect(writtenValues({ customer_managed_key: [{ key_vault_key_id: 'k' }, { key_vault_key_id: 'j' }] }, path)).toEqual([[{ key_vault_key_id: 'k' }, { key_vault_key_id: 'j' }]]);
  expect(writtenValues({ customer_managed_key: '${var.block}' }, path)).toEqual(['${var.block}']);
  expect(writtenValues({ customer_managed_key: { key_vault_key_id: 'k', 0: { key_vault_key_id: 'j' }, 1: { other: 'x' } } }, path)).toEqual(['k', 'j']);
  expect(writtenValues({ delegated_subnet_id: 's' }, ['delegated_subnet_id'])).toEqual(['s']);
});
