import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { DiagnosticSettings, EntraPrincipalType, FlexibleServerNetwork, SecureFlexibleServer } from 'cdktf-azure-postgres';

/**
 * A Flexible Server with every secure default: VNet integration in a new delegated subnet guarded
 * by a network security group (PostgreSQL from the VNet only, an explicit deny of every other
 * inbound flow) and a private DNS zone, Entra-only sign-in, TLS 1.2+, pgaudit and diagnostics to
 * Log Analytics, geo-redundant backup, zone-redundant HA and prevent_destroy.
 */
export class FlexibleVnetIntegrationStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The subscription comes from ARM_SUBSCRIPTION_ID at plan time (azurerm 4.x requires it).
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const tenantId = new TerraformVariable(this, 'tenant_id', {
      type: 'string',
      description: 'Entra ID tenant that signs database users in',
    });
    const adminGroupObjectId = new TerraformVariable(this, 'admin_group_object_id', {
      type: 'string',
      description: 'Object ID of the Entra ID group that administers the server',
    });
    const adminGroupName = new TerraformVariable(this, 'admin_group_name', {
      type: 'string',
      description: 'Display name of that group',
    });

    const resourceGroup = new ResourceGroup(this, 'ResourceGroup', { name: 'rg-orders-db', location: 'westeurope' });
    const network = new VirtualNetwork(this, 'Network', {
      name: 'vnet-orders',
      resourceGroupName: resourceGroup.name,
      location: resourceGroup.location,
      addressSpace: ['10.20.0.0/16'],
    });
    const logs = new LogAnalyticsWorkspace(this, 'Logs', {
      name: 'log-orders-db',
      resourceGroupName: resourceGroup.name,
      location: resourceGroup.location,
      sku: 'PerGB2018',
      retentionInDays: 90,
    });

    const postgres = new SecureFlexibleServer(this, 'Postgres', {
      name: 'orders-db-prod',
      resourceGroupName: resourceGroup.name,
      location: resourceGroup.location,
      network: FlexibleServerNetwork.vnetIntegration({
        virtualNetworkResourceId: network.id,
        subnetAddressPrefix: '10.20.1.0/28',
        // The default, written out: PostgreSQL clients in this VNet, its peered VNets and networks
        // connected by VPN or ExpressRoute. List CIDR ranges instead to narrow it.
        allowedSources: ['VirtualNetwork'],
      }),
      tenantId: tenantId.stringValue,
      entraAdministrators: [
        { objectId: adminGroupObjectId.stringValue, principalName: adminGroupName.stringValue, principalType: EntraPrincipalType.GROUP },
      ],
      diagnosticSettings: DiagnosticSettings.logAnalytics(logs.id),
      tags: { environment: 'production', workload: 'orders' },
    });

    new TerraformOutput(this, 'server_id', { value: postgres.serverId });
    new TerraformOutput(this, 'server_fqdn', { value: postgres.fqdn });
    new TerraformOutput(this, 'private_dns_zone_id', { value: postgres.privateDnsZoneId });
    new TerraformOutput(this, 'subnet_id', { value: postgres.subnetId });
    new TerraformOutput(this, 'network_security_group_id', { value: postgres.networkSecurityGroupId });
  }
}

if (require.main === module) {
  const app = new App();
  new FlexibleVnetIntegrationStack(app, 'flexible-vnet-integration');
  app.synth();
}
