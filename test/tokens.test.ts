import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { DataAzurermPostgresqlServer } from '@cdktf/provider-azurerm/lib/data-azurerm-postgresql-server';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Fn, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import {
  DiagnosticSettings,
  EntraAdministrator,
  EntraPrincipalType,
  FlexibleServerAuthentication,
  FlexibleServerNetwork,
  FlexibleServerSku,
  HighAvailabilityMode,
  PgAuditLogClass,
  RoleDefinition,
  SecureFlexibleServer,
  SecureFlexibleServerProps,
  SecureSingleServer,
  SecureSingleServerProps,
  SingleServerNetwork,
  SingleServerSku,
  SingleServerVersion,
  StorageTier,
} from '../lib';
import { evaluateStack } from '../lib/checks/evaluate';
import { ALL_RULES } from '../lib/checks/rules';
import { ADMIN_OBJECT_ID, GEO_IDENTITY_ID, GEO_KEY_ID, IDENTITY_ID, KEY_ID, minimalProps, minimalSingleProps, MONITORING_SECURITY_RULE, SUBNET_ID, SUBSCRIPTION, VNET_ID } from './helpers';
import { PathKind, propPaths } from './prop-paths';

// Every prop of both constructs, given a Terraform token instead of a literal: once a
// TerraformVariable, once a reference (to a resource, data source or local of the stack). A token
// is known only at apply time. Where it names or places something (IDs, names, sizes, zones), the
// library passes it through: no crash, no refusal, no failed rule at synth, and the reference
// reaches the synthesized JSON. Where it could weaken a control unseen (a security setting), where
// a reviewer must read it (a justification) or where the construct makes one resource per item (a
// list of administrators or databases), it is refused with the library's own error, naming the prop.
//
// The table below has a row for every prop path; a test derives the paths from the prop types
// (TypeScript's checker on lib/index.ts), so a new prop without a row fails.

const REASON = 'SEC-123: accepted by the security team until 2027-03';
const ADMIN: EntraAdministrator = { objectId: ADMIN_OBJECT_ID, principalName: 'db-admins', principalType: EntraPrincipalType.GROUP };
const OFFICE = { name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' };

type Kind = 'string' | 'number' | 'boolean' | 'list' | 'map';
/** The error a refused token causes. */
type Refusal = 'SECURITY-SETTING-TOKEN' | 'JUSTIFICATION-TOKEN' | 'LIST-TOKEN';

/** Resources, data sources and locals of the stack, created when a row first asks for them. */
class References {
  private readonly made = new Map<string, unknown>();

  constructor(private readonly stack: TerraformStack) {}

  private once<T>(id: string, make: () => T): T {
    if (!this.made.has(id)) this.made.set(id, make());
    return this.made.get(id) as T;
  }

  get resourceGroup(): ResourceGroup {
    return this.once('rg', () => new ResourceGroup(this.stack, 'ResourceGroup', { name: 'rg-orders', location: 'westeurope' }));
  }
  get client(): DataAzurermClientConfig {
    return this.once('client', () => new DataAzurermClientConfig(this.stack, 'Client'));
  }
  get vnet(): VirtualNetwork {
    return this.once('vnet', () => new VirtualNetwork(this.stack, 'Vnet', { name: 'vnet', resourceGroupName: this.resourceGroup.name, location: 'westeurope', addressSpace: ['10.0.0.0/16'] }));
  }
  get subnet(): Subnet {
    return this.once('subnet', () => new Subnet(this.stack, 'Subnet', { name: 'snet', resourceGroupName: this.resourceGroup.name, virtualNetworkName: this.vnet.name, addressPrefixes: ['10.0.9.0/24'] }));
  }
  /** A subnet delegated to Flexible Server, guarded by a network security group as PGF-NET-7 asks. */
  get delegatedSubnet(): Subnet {
    return this.once('delegatedSubnet', () => {
      const subnet = new Subnet(this.stack, 'DelegatedSubnet', { name: 'snet-db', resourceGroupName: this.resourceGroup.name, virtualNetworkName: this.vnet.name, addressPrefixes: ['10.0.8.0/28'] });
      const group = new NetworkSecurityGroup(this.stack, 'DelegatedSubnetNsg', { name: 'nsg-db', resourceGroupName: this.resourceGroup.name, location: 'westeurope' });
      new SubnetNetworkSecurityGroupAssociation(this.stack, 'DelegatedSubnetNsgAssociation', { subnetId: subnet.id, networkSecurityGroupId: group.id });
      return subnet;
    });
  }
  get securityGroup(): NetworkSecurityGroup {
    return this.once('nsg', () => new NetworkSecurityGroup(this.stack, 'SecurityGroup', { name: 'nsg-hub', resourceGroupName: this.resourceGroup.name, location: 'westeurope' }));
  }
  get vnetZone(): PrivateDnsZone {
    return this.once('vnetZone', () => new PrivateDnsZone(this.stack, 'VnetZone', { name: 'orders.private.postgres.database.azure.com', resourceGroupName: this.resourceGroup.name }));
  }
  get privateLinkZone(): PrivateDnsZone {
    return this.once('plZone', () => new PrivateDnsZone(this.stack, 'PrivateLinkZone', { name: 'privatelink.postgres.database.azure.com', resourceGroupName: this.resourceGroup.name }));
  }
  get workspace(): LogAnalyticsWorkspace {
    return this.once('workspace', () => new LogAnalyticsWorkspace(this.stack, 'Workspace', { name: 'log', resourceGroupName: this.resourceGroup.name, location: 'westeurope' }));
  }
  identity(id = 'Identity'): UserAssignedIdentity {
    return this.once(id, () => new UserAssignedIdentity(this.stack, id, { name: id.toLowerCase(), resourceGroupName: this.resourceGroup.name, location: 'westeurope' }));
  }
  get keyVault(): KeyVault {
    return this.once('kv', () => new KeyVault(this.stack, 'KeyVault', { name: 'kv-orders', resourceGroupName: this.resourceGroup.name, location: 'westeurope', tenantId: this.client.tenantId, skuName: 'premium', purgeProtectionEnabled: true, publicNetworkAccessEnabled: false }));
  }
  key(id = 'Key'): KeyVaultKey {
    return this.once(id, () => new KeyVaultKey(this.stack, id, { name: id.toLowerCase(), keyVaultId: this.keyVault.id, keyType: 'RSA', keySize: 3072, keyOpts: ['wrapKey', 'unwrapKey'] }));
  }
  get publicIp(): PublicIp {
    return this.once('ip', () => new PublicIp(this.stack, 'PublicIp', { name: 'pip-etl', resourceGroupName: this.resourceGroup.name, location: 'westeurope', allocationMethod: 'Static', sku: 'Standard' }));
  }
  get liveServer(): DataAzurermPostgresqlServer {
    return this.once('live', () => new DataAzurermPostgresqlServer(this.stack, 'LiveServer', { name: 'legacy-db', resourceGroupName: 'rg-legacy' }));
  }
  /** A local value: a reference to `local.<name>`. */
  local(name: string, value: unknown): TerraformLocal {
    return this.once(`local-${name}`, () => new TerraformLocal(this.stack, name, value));
  }
  localString(name: string, value = 'x'): string {
    return this.local(name, value).asString;
  }
  localNumber(name: string, value = 1): number {
    return this.local(name, value).asNumber;
  }
  localBoolean(name: string, value = true): boolean {
    return this.local(name, value).asBoolean as unknown as boolean;
  }
}

/** One way of putting a token at a prop path. */
interface Row<P> {
  readonly path: string;
  /** What the row shows, when a path has several rows. */
  readonly how?: string;
  readonly kind: Kind;
  /** A reference of a fitting kind. */
  readonly reference: (r: References) => any;
  /** The props with the token in place; everything else as the minimal props. */
  readonly place: (token: any) => Partial<P>;
  /** False when the construct does not write the prop to any resource (it is only validated). */
  readonly reaches?: boolean;
  /** Set when the token is refused: the error's code, and its prop when not the path. */
  readonly refused?: Refusal;
  readonly prop?: string;
}

function variableOf(stack: TerraformStack, kind: Kind): any {
  const type = kind === 'list' ? 'list(string)' : kind === 'map' ? 'map(string)' : kind === 'boolean' ? 'bool' : kind;
  const variable = new TerraformVariable(stack, 'token', { type });
  if (kind === 'number') return variable.numberValue;
  if (kind === 'boolean') return variable.booleanValue;
  if (kind === 'list') return variable.listValue;
  if (kind === 'map') return Token.asStringMap(variable.value);
  return variable.stringValue;
}

const vnet = (options: object) => FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', ...options });
const securityRule = (rule: object) => vnet({ additionalSecurityRules: [{ ...MONITORING_SECURITY_RULE, ...rule }] });
/** A range of a /23: more than 256 addresses, so it needs wideRanges. */
const WIDE = { name: 'partner', startIpAddress: '198.51.100.0', endIpAddress: '198.51.101.255' };
const READER_ASSIGNMENT = { role: RoleDefinition.READER, principalId: ADMIN_OBJECT_ID, principalType: EntraPrincipalType.GROUP };
const flexiblePublic = (options: object) => FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: REASON, ...options });
const password = (options: object) => FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON, ...options });
const cmk = (options: object) => ({
  customerManagedKey: { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID, ...options },
});

const FLEXIBLE_ROWS: Row<SecureFlexibleServerProps>[] = [
  { path: 'name', kind: 'string', reference: (r) => Fn.lower(r.resourceGroup.name), place: (name) => ({ name }) },
  { path: 'name', how: 'next to a literal privateDnsZoneName', kind: 'string', reference: (r) => r.localString('server_name'), place: (name) => ({ name, network: vnet({ privateDnsZoneName: 'orders.private.postgres.database.azure.com' }) }) },
  { path: 'resourceGroupName', kind: 'string', reference: (r) => r.resourceGroup.name, place: (resourceGroupName) => ({ resourceGroupName }) },
  { path: 'location', kind: 'string', reference: (r) => r.resourceGroup.location, place: (location) => ({ location }) },
  { path: 'tenantId', kind: 'string', reference: (r) => r.client.tenantId, place: (tenantId) => ({ tenantId }) },
  { path: 'zone', kind: 'string', reference: (r) => r.localString('zone', '1'), place: (zone) => ({ zone }) },
  {
    path: 'zone',
    how: 'next to a literal standby zone',
    kind: 'string',
    reference: (r) => r.localString('zone', '1'),
    place: (zone) => ({ zone, highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: '1' } }),
  },
  { path: 'network.vnetIntegration.virtualNetworkResourceId', kind: 'string', reference: (r) => r.vnet.id, place: (id) => ({ network: vnet({ virtualNetworkResourceId: id }) }) },
  {
    path: 'network.vnetIntegration.subnetAddressPrefix',
    kind: 'string',
    reference: (r) => Fn.cidrsubnet(Fn.element(r.vnet.addressSpace, 0), 12, 1),
    place: (prefix) => ({ network: vnet({ subnetAddressPrefix: prefix }) }),
  },
  { path: 'network.vnetIntegration.subnetName', kind: 'string', reference: (r) => r.localString('subnet_name', 'snet-db'), place: (subnetName) => ({ network: vnet({ subnetName }) }) },
  { path: 'network.vnetIntegration.privateDnsZoneName', kind: 'string', reference: (r) => r.vnetZone.name, place: (privateDnsZoneName) => ({ network: vnet({ privateDnsZoneName }) }), refused: 'SECURITY-SETTING-TOKEN' },
  {
    path: 'network.existingVnetIntegration.delegatedSubnetResourceId',
    kind: 'string',
    reference: (r) => r.delegatedSubnet.id,
    place: (id) => ({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: id, privateDnsZoneResourceId: `${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com` }) }),
  },
  {
    path: 'network.existingVnetIntegration.privateDnsZoneResourceId',
    kind: 'string',
    reference: (r) => r.vnetZone.id,
    place: (id) => ({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: id }) }),
  },
  { path: 'network.privateEndpoint.subnetResourceId', kind: 'string', reference: (r) => r.subnet.id, place: (id) => ({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: id }) }) },
  {
    path: 'network.privateEndpoint.privateDnsZoneResourceId',
    kind: 'string',
    reference: (r) => r.privateLinkZone.id,
    place: (id) => ({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: id }) }),
  },
  { path: 'network.publicAccess.allowedIpRanges[0].name', kind: 'string', reference: (r) => r.publicIp.name, place: (name) => ({ network: flexiblePublic({ allowedIpRanges: [{ ...OFFICE, name }] }) }) },
  {
    path: 'network.publicAccess.allowedIpRanges[0].startIpAddress',
    kind: 'string',
    reference: (r) => r.publicIp.ipAddress,
    place: (start) => ({ network: flexiblePublic({ allowedIpRanges: [{ ...OFFICE, startIpAddress: start }] }) }),
    refused: 'SECURITY-SETTING-TOKEN',
  },
  {
    path: 'network.publicAccess.allowedIpRanges[0].endIpAddress',
    kind: 'string',
    reference: (r) => r.publicIp.ipAddress,
    place: (end) => ({ network: flexiblePublic({ allowedIpRanges: [{ ...OFFICE, endIpAddress: end }] }) }),
    refused: 'SECURITY-SETTING-TOKEN',
  },
  {
    path: 'network.publicAccess.allowedIpRanges[0].startIpAddress',
    how: 'the same token at both ends',
    kind: 'string',
    reference: (r) => r.publicIp.ipAddress,
    place: (ip) => ({ network: flexiblePublic({ allowedIpRanges: [{ name: 'etl', startIpAddress: ip, endIpAddress: ip }] }) }),
    refused: 'SECURITY-SETTING-TOKEN',
  },
  { path: 'network.publicAccess.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (justification) => ({ network: flexiblePublic({ justification }) }), refused: 'JUSTIFICATION-TOKEN' },
  {
    path: 'network.publicAccess.wideRanges.justification',
    kind: 'string',
    reference: (r) => r.localString('reason', REASON),
    place: (justification) => ({ network: flexiblePublic({ allowedIpRanges: [WIDE], wideRanges: { justification } }) }),
    refused: 'JUSTIFICATION-TOKEN',
  },
  { path: 'network.vnetIntegration.allowedSources', kind: 'list', reference: (r) => r.local('sources', ['VirtualNetwork']).asList, place: (allowedSources) => ({ network: vnet({ allowedSources }) }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'network.vnetIntegration.allowedSources[0]', kind: 'string', reference: (r) => r.localString('source', 'VirtualNetwork'), place: (source) => ({ network: vnet({ allowedSources: [source] }) }), refused: 'SECURITY-SETTING-TOKEN' },
  {
    path: 'network.vnetIntegration.wideSources.justification',
    kind: 'string',
    reference: (r) => r.localString('reason', REASON),
    place: (justification) => ({ network: vnet({ allowedSources: ['AzureCloud'], wideSources: { justification } }) }),
    refused: 'JUSTIFICATION-TOKEN',
  },
  { path: 'network.vnetIntegration.networkSecurityGroupResourceId', kind: 'string', reference: (r) => r.securityGroup.id, place: (id) => ({ network: vnet({ networkSecurityGroupResourceId: id }) }) },
  { path: 'network.vnetIntegration.additionalSecurityRules', kind: 'list', reference: (r) => r.local('rules', [MONITORING_SECURITY_RULE]).asList, place: (rules) => ({ network: vnet({ additionalSecurityRules: rules }) }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'network.vnetIntegration.additionalSecurityRules[0].name', kind: 'string', reference: (r) => r.localString('rule_name', 'AllowMonitoring'), place: (name) => ({ network: securityRule({ name }) }) },
  { path: 'network.vnetIntegration.additionalSecurityRules[0].priority', kind: 'number', reference: (r) => r.localNumber('priority', 200), place: (priority) => ({ network: securityRule({ priority }) }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'network.vnetIntegration.additionalSecurityRules[0].direction', kind: 'string', reference: (r) => r.localString('direction', 'Inbound'), place: (direction) => ({ network: securityRule({ direction }) }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'network.vnetIntegration.additionalSecurityRules[0].access', kind: 'string', reference: (r) => r.localString('access', 'Allow'), place: (access) => ({ network: securityRule({ access }) }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'network.vnetIntegration.additionalSecurityRules[0].protocol', kind: 'string', reference: (r) => r.localString('protocol', 'Tcp'), place: (protocol) => ({ network: securityRule({ protocol }) }), refused: 'SECURITY-SETTING-TOKEN' },
  {
    path: 'network.vnetIntegration.additionalSecurityRules[0].sourceAddressPrefix',
    kind: 'string',
    reference: (r) => r.localString('source', '10.1.0.0/16'),
    place: (sourceAddressPrefix) => ({ network: securityRule({ sourceAddressPrefix }) }),
    refused: 'SECURITY-SETTING-TOKEN',
  },
  { path: 'network.vnetIntegration.additionalSecurityRules[0].sourcePortRange', kind: 'string', reference: (r) => r.localString('ports', '*'), place: (sourcePortRange) => ({ network: securityRule({ sourcePortRange }) }), refused: 'SECURITY-SETTING-TOKEN' },
  {
    path: 'network.vnetIntegration.additionalSecurityRules[0].destinationAddressPrefix',
    kind: 'string',
    reference: (r) => r.localString('destination', 'AzureMonitor'),
    place: (destinationAddressPrefix) => ({ network: securityRule({ destinationAddressPrefix }) }),
    refused: 'SECURITY-SETTING-TOKEN',
  },
  {
    path: 'network.vnetIntegration.additionalSecurityRules[0].destinationPortRange',
    kind: 'string',
    reference: (r) => r.localString('port', '443'),
    place: (destinationPortRange) => ({ network: securityRule({ destinationPortRange }) }),
    refused: 'SECURITY-SETTING-TOKEN',
  },
  { path: 'network.vnetIntegration.additionalSecurityRules[0].description', kind: 'string', reference: (r) => r.localString('description', 'monitoring agent'), place: (description) => ({ network: securityRule({ description }) }) },
  { path: 'roleAssignments', kind: 'list', reference: (r) => r.local('assignments', [{ principalId: ADMIN_OBJECT_ID }]).asList, place: (roleAssignments) => ({ roleAssignments }), refused: 'LIST-TOKEN' },
  {
    path: 'roleAssignments[0].role.builtIn.name',
    kind: 'string',
    reference: (r) => r.localString('role', 'Reader'),
    place: (name) => ({ roleAssignments: [{ ...READER_ASSIGNMENT, role: RoleDefinition.builtIn(name) }] }),
    refused: 'SECURITY-SETTING-TOKEN',
    prop: 'roleAssignments[0].role.name',
  },
  {
    path: 'roleAssignments[0].role.fromResourceId.roleDefinitionResourceId',
    kind: 'string',
    reference: (r) => r.localString('role_id', `/providers/Microsoft.Authorization/roleDefinitions/${ADMIN_OBJECT_ID}`),
    place: (id) => ({ roleAssignments: [{ ...READER_ASSIGNMENT, role: RoleDefinition.fromResourceId(id) }] }),
    refused: 'SECURITY-SETTING-TOKEN',
    prop: 'roleAssignments[0].role.resourceId',
  },
  { path: 'roleAssignments[0].principalId', kind: 'string', reference: (r) => r.client.objectId, place: (principalId) => ({ roleAssignments: [{ ...READER_ASSIGNMENT, principalId }] }) },
  { path: 'roleAssignments[0].principalType', kind: 'string', reference: (r) => r.localString('principal_type', 'Group'), place: (principalType) => ({ roleAssignments: [{ ...READER_ASSIGNMENT, principalType }] }) },
  { path: 'roleAssignments[0].description', kind: 'string', reference: (r) => r.localString('description', 'dashboards'), place: (description) => ({ roleAssignments: [{ ...READER_ASSIGNMENT, description }] }) },
  {
    path: 'roleAssignments[0].justification',
    kind: 'string',
    reference: (r) => r.localString('reason', REASON),
    place: (justification) => ({ roleAssignments: [{ ...READER_ASSIGNMENT, role: RoleDefinition.builtIn('Contributor'), justification }] }),
    refused: 'JUSTIFICATION-TOKEN',
  },
  { path: 'entraAdministrators[0].objectId', kind: 'string', reference: (r) => r.client.objectId, place: (objectId) => ({ entraAdministrators: [{ ...ADMIN, objectId }] }) },
  { path: 'entraAdministrators[0].principalName', kind: 'string', reference: (r) => r.identity().name, place: (principalName) => ({ entraAdministrators: [{ ...ADMIN, principalName }] }) },
  { path: 'entraAdministrators[0].principalType', kind: 'string', reference: (r) => r.localString('principal_type', 'Group'), place: (principalType) => ({ entraAdministrators: [{ ...ADMIN, principalType }] }) },
  { path: 'entraAdministrators[0].tenantId', kind: 'string', reference: (r) => r.client.tenantId, place: (tenantId) => ({ entraAdministrators: [{ ...ADMIN, tenantId }] }) },
  { path: 'diagnosticSettings.logAnalytics.workspaceResourceId', kind: 'string', reference: (r) => r.workspace.id, place: (id) => ({ diagnosticSettings: DiagnosticSettings.logAnalytics(id) }) },
  { path: 'diagnosticSettings.disabled.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (why) => ({ diagnosticSettings: DiagnosticSettings.disabled(why) }), refused: 'JUSTIFICATION-TOKEN', prop: 'diagnosticSettings.justification' },
  { path: 'authentication.entraAndPassword.administratorLogin', kind: 'string', reference: (r) => r.localString('login', 'pgadmin_ops'), place: (administratorLogin) => ({ authentication: password({ administratorLogin }) }) },
  { path: 'authentication.entraAndPassword.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (justification) => ({ authentication: password({ justification }) }), refused: 'JUSTIFICATION-TOKEN' },
  { path: 'authentication.entraAndPassword.passwordVersion', kind: 'number', reference: (r) => r.localNumber('password_version', 2), place: (passwordVersion) => ({ authentication: password({ passwordVersion }) }) },
  { path: 'authentication.entraAndPassword.keyVaultResourceId', kind: 'string', reference: (r) => r.keyVault.id, place: (keyVaultResourceId) => ({ authentication: password({ keyVaultResourceId }) }) },
  { path: 'sku.of.name', kind: 'string', reference: (r) => r.localString('sku', 'GP_Standard_D4ds_v5'), place: (name) => ({ sku: FlexibleServerSku.of(name) }) },
  {
    path: 'sku.of.name',
    how: 'next to an explicit high-availability mode',
    kind: 'string',
    reference: (r) => r.localString('sku', 'GP_Standard_D4ds_v5'),
    place: (name) => ({ sku: FlexibleServerSku.of(name), highAvailability: { mode: HighAvailabilityMode.SAME_ZONE, justification: REASON } }),
  },
  { path: 'version', kind: 'string', reference: (r) => r.localString('version', '16'), place: (version) => ({ version }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'storage.sizeMb', kind: 'number', reference: (r) => r.localNumber('storage_mb', 65536), place: (sizeMb) => ({ storage: { sizeMb } }) },
  { path: 'storage.sizeMb', how: 'next to a tier the default size does not allow', kind: 'number', reference: (r) => r.localNumber('storage_mb', 8388608), place: (sizeMb) => ({ storage: { sizeMb, tier: StorageTier.P60 } }) },
  { path: 'storage.tier', kind: 'string', reference: (r) => r.localString('tier', 'P10'), place: (tier) => ({ storage: { tier } }) },
  { path: 'tls.minVersion', kind: 'string', reference: (r) => r.localString('tls_min', 'TLSv1.3'), place: (minVersion) => ({ tls: { minVersion } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'tls.maxVersion', kind: 'string', reference: (r) => r.localString('tls_max', 'TLSv1.3'), place: (maxVersion) => ({ tls: { maxVersion } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'tls.maxVersion', how: 'next to a literal minVersion', kind: 'string', reference: (r) => r.localString('tls_max', 'TLSv1.3'), place: (maxVersion) => ({ tls: { minVersion: 'TLSv1.3' as never, maxVersion } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'auditLogging.pgauditLogClasses', kind: 'list', reference: (r) => r.local('audit_classes', ['ddl', 'role']).asList, place: (pgauditLogClasses) => ({ auditLogging: { pgauditLogClasses } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'auditLogging.pgauditLogClasses[0]', kind: 'string', reference: (r) => r.localString('audit_class', 'write'), place: (c) => ({ auditLogging: { pgauditLogClasses: [c, 'ddl' as never] } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'allowedExtensions', kind: 'list', reference: (r) => r.local('extensions', ['pg_trgm']).asList, place: (allowedExtensions) => ({ allowedExtensions }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'allowedExtensions[0]', kind: 'string', reference: (r) => r.localString('extension', 'vector'), place: (extension) => ({ allowedExtensions: [extension, 'pg_trgm'] }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'backup.retentionDays', kind: 'number', reference: (r) => r.localNumber('retention', 35), place: (retentionDays) => ({ backup: { retentionDays } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'backup.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (justification) => ({ backup: { geoRedundantBackup: false, justification } }), refused: 'JUSTIFICATION-TOKEN' },
  { path: 'auditLogging.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (justification) => ({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.READ], justification } }), refused: 'JUSTIFICATION-TOKEN' },
  { path: 'allowedExtensionsJustification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (allowedExtensionsJustification) => ({ allowedExtensions: ['postgres_fdw'], allowedExtensionsJustification }), refused: 'JUSTIFICATION-TOKEN' },
  { path: 'highAvailability.mode', kind: 'string', reference: (r) => r.localString('ha_mode', 'ZoneRedundant'), place: (mode) => ({ highAvailability: { mode } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'highAvailability.mode', how: 'with a justification', kind: 'string', reference: (r) => r.localString('ha_mode', 'SameZone'), place: (mode) => ({ highAvailability: { mode, justification: REASON } }), refused: 'SECURITY-SETTING-TOKEN' },
  {
    path: 'highAvailability.standbyAvailabilityZone',
    kind: 'string',
    reference: (r) => r.localString('standby_zone', '2'),
    place: (standbyAvailabilityZone) => ({ zone: '1', highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone } }),
  },
  { path: 'highAvailability.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (justification) => ({ highAvailability: { mode: HighAvailabilityMode.DISABLED, justification } }), refused: 'JUSTIFICATION-TOKEN' },
  { path: 'customerManagedKey.keyVaultKeyId', kind: 'string', reference: (r) => r.key().versionlessId, place: (keyVaultKeyId) => cmk({ keyVaultKeyId }) },
  { path: 'customerManagedKey.userAssignedIdentityResourceId', kind: 'string', reference: (r) => r.identity().id, place: (id) => cmk({ userAssignedIdentityResourceId: id }) },
  { path: 'customerManagedKey.geoBackupKeyVaultKeyId', kind: 'string', reference: (r) => r.key('GeoKey').versionlessId, place: (id) => cmk({ geoBackupKeyVaultKeyId: id }) },
  { path: 'customerManagedKey.geoBackupUserAssignedIdentityResourceId', kind: 'string', reference: (r) => r.identity('GeoIdentity').id, place: (id) => cmk({ geoBackupUserAssignedIdentityResourceId: id }) },
  { path: 'deletionProtection.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (justification) => ({ deletionProtection: { preventDestroy: false, justification } }), refused: 'JUSTIFICATION-TOKEN' },
  { path: 'maintenanceWindow.dayOfWeek', kind: 'number', reference: (r) => r.localNumber('day', 0), place: (dayOfWeek) => ({ maintenanceWindow: { dayOfWeek } }) },
  { path: 'maintenanceWindow.startHour', kind: 'number', reference: (r) => r.localNumber('hour', 2), place: (startHour) => ({ maintenanceWindow: { dayOfWeek: 0, startHour } }) },
  { path: 'maintenanceWindow.startMinute', kind: 'number', reference: (r) => r.localNumber('minute', 30), place: (startMinute) => ({ maintenanceWindow: { dayOfWeek: 0, startMinute } }) },
  { path: 'databases[0].name', kind: 'string', reference: (r) => r.localString('database', 'orders'), place: (name) => ({ databases: [{ name }, { name: 'app' }] }) },
  { path: 'databases[0].charset', kind: 'string', reference: (r) => r.localString('charset', 'UTF8'), place: (charset) => ({ databases: [{ name: 'app', charset }] }) },
  { path: 'databases[0].collation', kind: 'string', reference: (r) => r.localString('collation', 'C'), place: (collation) => ({ databases: [{ name: 'app', collation }] }) },
  { path: 'tags', kind: 'map', reference: (r) => r.local('tags', { owner: 'dba' }).asStringMap, place: (tags) => ({ tags }) },
  { path: 'tags.<key>', kind: 'string', reference: (r) => r.resourceGroup.name, place: (value) => ({ tags: { owner: value } }) },
  // Flags, lists of ranges and the lists the construct makes one resource per item of: refused.
  { path: 'network.publicAccess.allowAzureServices', kind: 'boolean', reference: (r) => r.localBoolean('azure'), place: (allowAzureServices) => ({ network: flexiblePublic({ allowAzureServices }) }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'network.publicAccess.allowedIpRanges', kind: 'list', reference: (r) => r.local('ranges', [OFFICE]).asList, place: (allowedIpRanges) => ({ network: flexiblePublic({ allowedIpRanges }) }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'entraAdministrators', kind: 'list', reference: (r) => r.local('admins', [ADMIN]).asList, place: (entraAdministrators) => ({ entraAdministrators }), refused: 'LIST-TOKEN' },
  { path: 'storage.autoGrow', kind: 'boolean', reference: (r) => r.localBoolean('auto_grow'), place: (autoGrow) => ({ storage: { autoGrow } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'backup.geoRedundantBackup', kind: 'boolean', reference: (r) => r.localBoolean('geo'), place: (geoRedundantBackup) => ({ backup: { geoRedundantBackup, justification: REASON } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'deletionProtection.preventDestroy', kind: 'boolean', reference: (r) => r.localBoolean('protect'), place: (preventDestroy) => ({ deletionProtection: { preventDestroy, justification: REASON } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'deletionProtection.lock', kind: 'boolean', reference: (r) => r.localBoolean('lock'), place: (lock) => ({ deletionProtection: { lock } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'databases', kind: 'list', reference: (r) => r.local('databases', [{ name: 'app' }]).asList, place: (databases) => ({ databases }), refused: 'LIST-TOKEN' },
];

const ADOPTED = { serverResourceId: `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db`, infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true };
const adopting = (adoption: object = {}) => ({ adoption: { ...ADOPTED, ...adoption }, sku: SingleServerSku.GP_GEN5_2, version: SingleServerVersion.V11, storageMb: 102400 });
const singlePublic = (options: object) => SingleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: REASON, ...options });

const SINGLE_ROWS: Row<SecureSingleServerProps>[] = [
  { path: 'name', kind: 'string', reference: (r) => Fn.lower(r.resourceGroup.name), place: (name) => ({ name }) },
  { path: 'name', how: 'when adopting by a literal ID', kind: 'string', reference: (r) => r.localString('server_name', 'legacy-db'), place: (name) => ({ name, ...adopting() }) },
  { path: 'resourceGroupName', kind: 'string', reference: (r) => r.resourceGroup.name, place: (resourceGroupName) => ({ resourceGroupName }) },
  { path: 'resourceGroupName', how: 'when adopting by a literal ID', kind: 'string', reference: (r) => r.resourceGroup.name, place: (resourceGroupName) => ({ resourceGroupName, ...adopting() }) },
  { path: 'location', kind: 'string', reference: (r) => r.resourceGroup.location, place: (location) => ({ location }) },
  { path: 'tenantId', kind: 'string', reference: (r) => r.client.tenantId, place: (tenantId) => ({ tenantId }) },
  { path: 'adoption.serverResourceId', kind: 'string', reference: (r) => r.liveServer.id, place: (serverResourceId) => adopting({ serverResourceId }) },
  { path: 'adoption.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (justification) => adopting({ infrastructureEncryptionEnabled: false, justification }), refused: 'JUSTIFICATION-TOKEN' },
  { path: 'network.privateEndpoint.subnetResourceId', kind: 'string', reference: (r) => r.subnet.id, place: (id) => ({ network: SingleServerNetwork.privateEndpoint({ subnetResourceId: id }) }) },
  {
    path: 'network.privateEndpoint.privateDnsZoneResourceId',
    kind: 'string',
    reference: (r) => r.privateLinkZone.id,
    place: (id) => ({ network: SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: id }) }),
  },
  { path: 'network.publicAccess.allowedIpRanges[0].name', kind: 'string', reference: (r) => r.publicIp.name, place: (name) => ({ network: singlePublic({ allowedIpRanges: [{ ...OFFICE, name }] }) }) },
  {
    path: 'network.publicAccess.allowedIpRanges[0].startIpAddress',
    kind: 'string',
    reference: (r) => r.publicIp.ipAddress,
    place: (start) => ({ network: singlePublic({ allowedIpRanges: [{ ...OFFICE, startIpAddress: start }] }) }),
    refused: 'SECURITY-SETTING-TOKEN',
  },
  {
    path: 'network.publicAccess.allowedIpRanges[0].endIpAddress',
    kind: 'string',
    reference: (r) => r.publicIp.ipAddress,
    place: (end) => ({ network: singlePublic({ allowedIpRanges: [{ ...OFFICE, endIpAddress: end }] }) }),
    refused: 'SECURITY-SETTING-TOKEN',
  },
  {
    path: 'network.publicAccess.virtualNetworkRules[0].name',
    kind: 'string',
    reference: (r) => r.subnet.name,
    place: (name) => ({ network: singlePublic({ allowedIpRanges: [], virtualNetworkRules: [{ name, subnetResourceId: SUBNET_ID }] }) }),
  },
  {
    path: 'network.publicAccess.virtualNetworkRules[0].subnetResourceId',
    kind: 'string',
    reference: (r) => r.subnet.id,
    place: (subnetResourceId) => ({ network: singlePublic({ virtualNetworkRules: [{ name: 'app', subnetResourceId }] }) }),
  },
  {
    path: 'network.publicAccess.privateEndpoint.subnetResourceId',
    kind: 'string',
    reference: (r) => r.subnet.id,
    place: (subnetResourceId) => ({ network: singlePublic({ privateEndpoint: { subnetResourceId } }) }),
  },
  {
    path: 'network.publicAccess.privateEndpoint.privateDnsZoneResourceId',
    kind: 'string',
    reference: (r) => r.privateLinkZone.id,
    place: (privateDnsZoneResourceId) => ({ network: singlePublic({ privateEndpoint: { subnetResourceId: SUBNET_ID, privateDnsZoneResourceId } }) }),
  },
  { path: 'network.publicAccess.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (justification) => ({ network: singlePublic({ justification }) }), refused: 'JUSTIFICATION-TOKEN' },
  {
    path: 'network.publicAccess.wideRanges.justification',
    kind: 'string',
    reference: (r) => r.localString('reason', REASON),
    place: (justification) => ({ network: singlePublic({ allowedIpRanges: [WIDE], wideRanges: { justification } }) }),
    refused: 'JUSTIFICATION-TOKEN',
  },
  { path: 'entraAdministrator.objectId', kind: 'string', reference: (r) => r.client.objectId, place: (objectId) => ({ entraAdministrator: { ...ADMIN, objectId } }) },
  { path: 'entraAdministrator.principalName', kind: 'string', reference: (r) => r.identity().name, place: (principalName) => ({ entraAdministrator: { ...ADMIN, principalName } }) },
  // Single Server's administrator resource has no principal type: it is validated, not written.
  {
    path: 'entraAdministrator.principalType',
    kind: 'string',
    reference: (r) => r.localString('principal_type', 'Group'),
    place: (principalType) => ({ entraAdministrator: { ...ADMIN, principalType } }),
    reaches: false,
  },
  { path: 'entraAdministrator.tenantId', kind: 'string', reference: (r) => r.client.tenantId, place: (tenantId) => ({ entraAdministrator: { ...ADMIN, tenantId } }) },
  { path: 'diagnosticSettings.logAnalytics.workspaceResourceId', kind: 'string', reference: (r) => r.workspace.id, place: (id) => ({ diagnosticSettings: DiagnosticSettings.logAnalytics(id) }) },
  { path: 'diagnosticSettings.disabled.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (why) => ({ diagnosticSettings: DiagnosticSettings.disabled(why) }), refused: 'JUSTIFICATION-TOKEN', prop: 'diagnosticSettings.justification' },
  { path: 'administratorLogin', kind: 'string', reference: (r) => r.localString('login', 'pgadmin_ops'), place: (administratorLogin) => ({ administratorLogin }) },
  { path: 'passwordVersion', kind: 'number', reference: (r) => r.localNumber('password_version', 3), place: (passwordVersion) => ({ passwordVersion }) },
  { path: 'passwordKeyVaultResourceId', kind: 'string', reference: (r) => r.keyVault.id, place: (passwordKeyVaultResourceId) => ({ passwordKeyVaultResourceId }) },
  { path: 'sku.of.name', kind: 'string', reference: (r) => r.localString('sku', 'GP_Gen5_4'), place: (name) => ({ sku: SingleServerSku.of(name) }) },
  { path: 'version', kind: 'string', reference: (r) => r.localString('version', '11'), place: (version) => ({ version }) },
  { path: 'storageMb', kind: 'number', reference: (r) => r.localNumber('storage_mb', 102400), place: (storageMb) => ({ storageMb }) },
  { path: 'backup.retentionDays', kind: 'number', reference: (r) => r.localNumber('retention', 35), place: (retentionDays) => ({ backup: { retentionDays } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'backup.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (justification) => ({ backup: { geoRedundantBackup: false, justification } }), refused: 'JUSTIFICATION-TOKEN' },
  { path: 'auditLogging.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (justification) => ({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.READ], justification } }), refused: 'JUSTIFICATION-TOKEN' },
  {
    path: 'threatDetection.emailAddresses',
    kind: 'list',
    reference: (r) => r.local('alert_recipients', ['dba@example.com']).asList,
    place: (emailAddresses) => ({ threatDetection: { emailAddresses } }),
  },
  { path: 'threatDetection.emailAddresses[0]', kind: 'string', reference: (r) => r.localString('alert_recipient', 'dba@example.com'), place: (address) => ({ threatDetection: { emailAddresses: [address] } }) },
  { path: 'customerManagedKey.keyVaultKeyId', kind: 'string', reference: (r) => r.key().id, place: (keyVaultKeyId) => ({ customerManagedKey: { keyVaultKeyId } }) },
  { path: 'auditLogging.pgauditLogClasses', kind: 'list', reference: (r) => r.local('audit_classes', ['ddl', 'role']).asList, place: (pgauditLogClasses) => ({ auditLogging: { pgauditLogClasses } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'auditLogging.pgauditLogClasses[0]', kind: 'string', reference: (r) => r.localString('audit_class', 'write'), place: (c) => ({ auditLogging: { pgauditLogClasses: [c, 'ddl' as never] } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'deletionProtection.justification', kind: 'string', reference: (r) => r.localString('reason', REASON), place: (justification) => ({ deletionProtection: { preventDestroy: false, justification } }), refused: 'JUSTIFICATION-TOKEN' },
  { path: 'tags', kind: 'map', reference: (r) => r.local('tags', { owner: 'dba' }).asStringMap, place: (tags) => ({ tags }) },
  { path: 'tags.<key>', kind: 'string', reference: (r) => r.resourceGroup.name, place: (value) => ({ tags: { owner: value } }) },
  { path: 'network.publicAccess.allowAzureServices', kind: 'boolean', reference: (r) => r.localBoolean('azure'), place: (allowAzureServices) => ({ network: singlePublic({ allowAzureServices }) }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'network.publicAccess.allowedIpRanges', kind: 'list', reference: (r) => r.local('ranges', [OFFICE]).asList, place: (allowedIpRanges) => ({ network: singlePublic({ allowedIpRanges }) }), refused: 'SECURITY-SETTING-TOKEN' },
  {
    path: 'network.publicAccess.virtualNetworkRules',
    kind: 'list',
    reference: (r) => r.local('rules', [{ name: 'app', subnetResourceId: SUBNET_ID }]).asList,
    place: (virtualNetworkRules) => ({ network: singlePublic({ virtualNetworkRules }) }),
    refused: 'SECURITY-SETTING-TOKEN',
  },
  { path: 'backup.geoRedundantBackup', kind: 'boolean', reference: (r) => r.localBoolean('geo'), place: (geoRedundantBackup) => ({ backup: { geoRedundantBackup, justification: REASON } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'deletionProtection.preventDestroy', kind: 'boolean', reference: (r) => r.localBoolean('protect'), place: (preventDestroy) => ({ deletionProtection: { preventDestroy, justification: REASON } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'deletionProtection.lock', kind: 'boolean', reference: (r) => r.localBoolean('lock'), place: (lock) => ({ deletionProtection: { lock } }), refused: 'SECURITY-SETTING-TOKEN' },
  { path: 'threatDetection.emailAccountAdmins', kind: 'boolean', reference: (r) => r.localBoolean('admins'), place: (emailAccountAdmins) => ({ threatDetection: { emailAccountAdmins } }), refused: 'SECURITY-SETTING-TOKEN' },
  {
    path: 'threatDetection.emailAddresses',
    how: 'as the only recipients',
    kind: 'list',
    reference: (r) => r.local('alert_recipients', ['dba@example.com']).asList,
    place: (emailAddresses) => ({ threatDetection: { emailAddresses, emailAccountAdmins: false } }),
    refused: 'SECURITY-SETTING-TOKEN',
  },
  // A token that resolves to "" at synth (a Lazy) would leave no one: one address must be written out (adversarial run of stop 68).
  {
    path: 'threatDetection.emailAddresses[0]',
    how: 'as the only recipient',
    kind: 'string',
    reference: (r) => r.localString('alert_recipient', 'dba@example.com'),
    place: (address) => ({ threatDetection: { emailAddresses: [address], emailAccountAdmins: false } }),
    refused: 'SECURITY-SETTING-TOKEN',
    prop: 'threatDetection.emailAddresses',
  },
  ...(['infrastructureEncryptionEnabled', 'geoRedundantBackupEnabled', 'importEntraAdministrator', 'rotateAdministratorPassword'] as const).map((key): Row<SecureSingleServerProps> => ({
    path: `adoption.${key}`,
    kind: 'boolean',
    reference: (r) => r.localBoolean(key),
    place: (value) => adopting({ [key]: value, justification: REASON }),
    refused: 'SECURITY-SETTING-TOKEN',
  })),
];

const singleProps = minimalSingleProps;

type Source = 'a variable' | 'a reference';

/**
 * Builds the stack with the token in place and synthesizes it with every validation (the rule pack
 * included, as `cdktf synth` runs it: an error finding throws). Returns the stack's JSON without
 * the probe output, the failed error rules, and the expression the token stands for.
 */
function synthWithToken<P>(row: Row<P>, source: Source, construct: (stack: TerraformStack, overrides: Partial<P>) => void) {
  const stack = new TerraformStack(Testing.app(), 'tokens');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const token = source === 'a variable' ? variableOf(stack, row.kind) : row.reference(new References(stack));
  expect(Token.isUnresolved(token)).toBe(true);
  // An output of the token alone shows the expression it resolves to.
  new TerraformOutput(stack, 'probe', { value: token });
  construct(stack, row.place(token));
  Testing.synth(stack, true);
  // The stack's JSON as `cdktf synth` writes it, with the "//" comment that carries suppressions
  // (and so the justifications).
  const { output, ...terraform } = stack.toTerraform();
  const failed = evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.status === 'fail' && f.severity === 'error');
  return { json: JSON.stringify(terraform), failed: failed.map((f) => `${f.ruleId} ${f.address ?? f.server}`), expression: String(output.probe.value) };
}

/** The row's token is refused with the library's own error, naming the prop, before anything is added. */
function expectRefused<P>(row: Row<P>, source: Source, construct: (stack: TerraformStack, overrides: Partial<P>) => void): void {
  const stack = new TerraformStack(Testing.app(), 'tokens');
  const token = source === 'a variable' ? variableOf(stack, row.kind) : row.reference(new References(stack));
  let error: { name?: string; code?: string; prop?: string } | undefined;
  try {
    construct(stack, row.place(token));
  } catch (thrown) {
    error = thrown as typeof error;
  }
  expect(error).toMatchObject({ name: 'ValidationError', code: row.refused, prop: row.prop ?? row.path });
  expect(stack.node.findAll().some((c) => c.node.id === 'Server')).toBe(false);
}

const label = <P>(row: Row<P>) => (row.how ? `${row.path} (${row.how})` : row.path);
const SOURCES: Source[] = ['a variable', 'a reference'];

const flexibleServer = (stack: TerraformStack, overrides: Partial<SecureFlexibleServerProps>) => new SecureFlexibleServer(stack, 'Postgres', minimalProps(overrides));
const singleServer = (stack: TerraformStack, overrides: Partial<SecureSingleServerProps>) => new SecureSingleServer(stack, 'Legacy', singleProps(overrides));

describe.each(SOURCES)('SecureFlexibleServer: %s at every prop', (source) => {
  test.each(FLEXIBLE_ROWS.map((row) => [label(row), row] as const))('%s', (_, row) => {
    const construct = flexibleServer;
    if (row.refused) return expectRefused(row, source, construct);
    const { json, failed, expression } = synthWithToken(row, source, construct);
    expect(failed).toEqual([]);
    if (row.reaches !== false) expect(json).toContain(referenceInside(expression));
  });
});

describe.each(SOURCES)('SecureSingleServer: %s at every prop', (source) => {
  test.each(SINGLE_ROWS.map((row) => [label(row), row] as const))('%s', (_, row) => {
    const construct = singleServer;
    if (row.refused) return expectRefused(row, source, construct);
    const { json, failed, expression } = synthWithToken(row, source, construct);
    expect(failed).toEqual([]);
    if (row.reaches !== false) expect(json).toContain(referenceInside(expression));
  });
});

/**
 * Text holding "${" or "%{" is no token to cdktf, but Terraform evaluates it as a template: where a
 * token is refused, such text is refused too (tenth review, A10a-8), escaped or not.
 */
function expectTemplateRefused<P>(row: Row<P>, construct: (stack: TerraformStack, overrides: Partial<P>) => void): void {
  const code = row.refused === 'JUSTIFICATION-TOKEN' ? 'JUSTIFICATION-TEMPLATE' : 'SECURITY-SETTING-TEMPLATE';
  for (const template of ['${var.token}', 'x%{if true}y%{endif}', 'x$${var.token}']) {
    const stack = new TerraformStack(Testing.app(), 'tokens');
    new TerraformVariable(stack, 'token', { type: 'string' });
    let error: { name?: string; code?: string; prop?: string } | undefined;
    try {
      construct(stack, row.place(template));
    } catch (thrown) {
      error = thrown as typeof error;
    }
    expect(error).toMatchObject({ name: 'ValidationError', code, prop: row.prop ?? row.path });
  }
}

/** The rows whose prop is text that must be a literal. */
const literalText = <P>(rows: Row<P>[]) => rows.filter((row) => row.kind === 'string' && row.refused !== undefined).map((row) => [label(row), row] as const);

describe('SecureFlexibleServer: a Terraform template as text where a literal is needed', () => {
  test.each(literalText(FLEXIBLE_ROWS))('%s', (_, row) => expectTemplateRefused(row, flexibleServer));
});

describe('SecureSingleServer: a Terraform template as text where a literal is needed', () => {
  test.each(literalText(SINGLE_ROWS))('%s', (_, row) => expectTemplateRefused(row, singleServer));
});

// ---------------------------------------------------------------------------------------------
// The table covers every prop: the paths come from the prop types themselves (prop-paths.ts)
// ---------------------------------------------------------------------------------------------

/** Paths a token has no place at: dependsOn takes resources (references already), a factory without arguments takes nothing. */
const NOT_TOKENS: PathKind[] = ['dependable', 'factory'];

/** The reference without its "${...}" wrapper: a list token may reach the resource inside a join(). */
function referenceInside(expression: string): string {
  return JSON.stringify(expression.replace(/^\$\{(.*)\}$/, '$1')).slice(1, -1);
}

describe('the tables cover every prop that can hold a token', () => {
  test.each([
    ['SecureFlexibleServerProps', FLEXIBLE_ROWS as Row<unknown>[]],
    ['SecureSingleServerProps', SINGLE_ROWS as Row<unknown>[]],
  ])('%s', (name, rows) => {
    const paths = propPaths(name);
    const tokenPaths = [...paths].filter(([, kind]) => !NOT_TOKENS.includes(kind)).map(([path]) => path);
    expect(tokenPaths.filter((path) => !rows.some((row) => row.path === path))).toEqual([]);
    // Every row names a real path, of the kind the prop has.
    expect(rows.filter((row) => paths.get(row.path) !== row.kind).map((row) => `${row.path}: ${row.kind}, the prop is ${paths.get(row.path)}`)).toEqual([]);
  }, 30_000);
});
