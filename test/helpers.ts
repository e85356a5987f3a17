import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AnnotationMetadataEntryType, App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  AccessLevel,
  DatabaseAccess,
  DatabasePrincipal,
  DiagnosticSettings,
  EntraPrincipalType,
  FlexibleServerNetwork,
  SecureFlexibleServer,
  SecureFlexibleServerProps,
  SecureSingleServerProps,
  SecurityRuleAccess,
  SecurityRuleDirection,
  SecurityRuleProtocol,
  SingleServerNetwork,
  SubnetSecurityRule,
} from '../lib';

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const ADMIN_OBJECT_ID = '66666666-7777-8888-9999-000000000000';
export const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
export const VNET_ID = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
export const SUBNET_ID = `${VNET_ID}/subnets/snet-postgres`;
export const VNET_ZONE_ID = `${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com`;
export const PRIVATE_LINK_ZONE_ID = `${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com`;
export const WORKSPACE_ID = `${SUBSCRIPTION}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central`;
export const IDENTITY_ID = `${SUBSCRIPTION}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-postgres`;
export const GEO_IDENTITY_ID = `${SUBSCRIPTION}/resourceGroups/rg-keys-geo/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-postgres-geo`;
export const KEY_VAULT_ID = `${SUBSCRIPTION}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-postgres`;
export const KEY_ID = 'https://kv-postgres.vault.azure.net/keys/postgres-cmk';
export const GEO_KEY_ID = 'https://kv-postgres-geo.vault.azure.net/keys/postgres-cmk-geo';

/** A rule of one's own for the delegated subnet's security group (minimalProps' subnet): monitoring agents reach Azure Monitor. */
export const MONITORING_SECURITY_RULE: SubnetSecurityRule = {
  name: 'AllowAzureMonitorOut',
  priority: 200,
  direction: SecurityRuleDirection.OUTBOUND,
  access: SecurityRuleAccess.ALLOW,
  protocol: SecurityRuleProtocol.TCP,
  sourceAddressPrefix: '10.0.1.0/28',
  destinationAddressPrefix: 'AzureMonitor',
  destinationPortRange: '443',
};

/** The least a user must give: every other prop takes its secure default. */
export function minimalProps(overrides: Partial<SecureFlexibleServerProps> = {}): SecureFlexibleServerProps {
  return {
    name: 'orders-db',
    resourceGroupName: 'rg-orders',
    location: 'westeurope',
    network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28' }),
    tenantId: TENANT_ID,
    entraAdministrators: [{ objectId: ADMIN_OBJECT_ID, principalName: 'db-admins', principalType: EntraPrincipalType.GROUP }],
    diagnosticSettings: DiagnosticSettings.logAnalytics(WORKSPACE_ID),
    ...overrides,
  };
}

/**
 * minimalProps' vnetIntegration network with the n-th /28 of the VNet (10.0.n.0/28; n from 1 to 255, 1 being minimalProps' own):
 * the servers of one app each need a subnet range of their own (SUBNET-TAKEN), as they need names of their own (SERVER-NAME-TAKEN).
 */
export function vnetSubnet(n: number): FlexibleServerNetwork {
  return FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: `10.0.${n}.0/28` });
}

/**
 * minimalProps made with another copy of the library, such as one a test loads afresh with
 * jest.isolateModules: the props' shapes accept only objects its own factories made.
 */
export function minimalPropsOf(library: typeof import('../lib'), overrides: Partial<SecureFlexibleServerProps> = {}): SecureFlexibleServerProps {
  return minimalProps({
    network: library.FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28' }),
    diagnosticSettings: library.DiagnosticSettings.logAnalytics(WORKSPACE_ID),
    ...overrides,
  });
}

/** The least a user must give for a SecureSingleServer. */
export function minimalSingleProps(overrides: Partial<SecureSingleServerProps> = {}): SecureSingleServerProps {
  return {
    name: 'legacy-db',
    resourceGroupName: 'rg-legacy',
    location: 'westeurope',
    tenantId: TENANT_ID,
    network: SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID }),
    entraAdministrator: { objectId: ADMIN_OBJECT_ID, principalName: 'db-admins', principalType: EntraPrincipalType.GROUP },
    diagnosticSettings: DiagnosticSettings.logAnalytics(WORKSPACE_ID),
    administratorLogin: 'pgadmin_ops',
    ...overrides,
  };
}

/** A fresh stack in a fresh app, for one construct under test. */
export function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

/** The synthesized Terraform JSON of a stack, parsed. */
export interface SynthesizedStack {
  readonly resource: { [type: string]: { [name: string]: TerraformBlock } };
}

/** One resource block as Terraform gets it (snake_case keys). */
export type TerraformBlock = { [key: string]: any };

export function synthStack(stack: TerraformStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack)) as SynthesizedStack;
}

/**
 * The finding lines a stack's synth (validations on) fails with, or [] when it passes. The advice that
 * skipValidation does not help, which closes every failed synth, is left out: skip-validation.test.ts asserts it.
 */
export function synthErrors(stack: TerraformStack): string[] {
  try {
    Testing.synth(stack, true);
    return [];
  } catch (error) {
    return (error as Error).message.split('\n').filter((line) => line.startsWith('  [') && !line.includes('skipValidation: true does not switch off'));
  }
}

/** A stack (id `test` unless given) with the azurerm provider, in a test app unless given. */
export function providerStack(id = 'test', app: App = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** Synthesizes one SecureFlexibleServer with the given props and returns the stack's JSON. */
/**
 * A stack with a SecureFlexibleServer (database `orders`) and a DatabaseAccess signing in as `db-admins` that makes one
 * read-write role, `orders_app`, for a service principal: the in-database stack the trust tests weaken.
 */
export function accessStack(id: string): { stack: TerraformStack; access: DatabaseAccess } {
  const stack = providerStack(id);
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  const access = new DatabaseAccess(stack, 'Access', {
    server: postgres,
    connectAs: { principalName: 'db-admins' },
    databases: ['orders'],
    roles: [{ name: 'orders_app', database: 'orders', access: AccessLevel.READ_WRITE, member: DatabasePrincipal.entra({ objectId: '66666666-7777-8888-9999-000000000001', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) }],
  });
  return { stack, access };
}

export function synthFlexible(props: SecureFlexibleServerProps, configure?: (server: SecureFlexibleServer, stack: Construct) => void): SynthesizedStack {
  const stack = newStack();
  const server = new SecureFlexibleServer(stack, 'Postgres', props);
  configure?.(server, stack);
  return synthStack(stack);
}

/** Every resource of a type, in synthesized order. */
export function resourcesOf(synth: SynthesizedStack, type: string): TerraformBlock[] {
  return Object.values(synth.resource[type] ?? {});
}

/** The only resource of a type; fails the test when there are none or several. */
export function onlyResource(synth: SynthesizedStack, type: string): TerraformBlock {
  const found = resourcesOf(synth, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0];
}

/** Server parameters as a name → value map. */
export function serverParameters(synth: SynthesizedStack): { [name: string]: string } {
  const entries = resourcesOf(synth, 'azurerm_postgresql_flexible_server_configuration').map((c) => [c.name, c.value]);
  return Object.fromEntries(entries);
}

/** The warnings the library attached to constructs under a scope, as printed at synth. */
export function warningsOf(scope: Construct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
    .map((m) => String(m.data));
}

export { App };

/** The error a function throws, or undefined when it returns. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
