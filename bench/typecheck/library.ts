// Typecheck consumer, library side: the quickstart stack, importing the BUILT package through its
// .d.ts ('cdktf-azure-postgres' is mapped to dist/index.d.ts by the temporary tsconfig).
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { DiagnosticSettings, EntraPrincipalType, FlexibleServerNetwork, SecureFlexibleServer } from 'cdktf-azure-postgres';

export class OrdersStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    const tenantId = new TerraformVariable(this, 'tenant_id', { type: 'string' });
    const adminGroupObjectId = new TerraformVariable(this, 'admin_group_object_id', { type: 'string' });
    const adminGroupName = new TerraformVariable(this, 'admin_group_name', { type: 'string' });
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

    const postgres = new SecureFlexibleServer(this, 'Postgres0', {
      name: 'orders-db-0',
      resourceGroupName: resourceGroup.name,
      location: resourceGroup.location,
      network: FlexibleServerNetwork.vnetIntegration({
        virtualNetworkResourceId: network.id,
        subnetAddressPrefix: '10.20.0.0/28',
      }),
      tenantId: tenantId.stringValue,
      entraAdministrators: [
        { objectId: adminGroupObjectId.stringValue, principalName: adminGroupName.stringValue, principalType: EntraPrincipalType.GROUP },
      ],
      diagnosticSettings: DiagnosticSettings.logAnalytics(logs.id),
      tags: { environment: 'production', workload: 'orders' },
    });
    new TerraformOutput(this, 'server_fqdn', { value: postgres.fqdn });
  }
}

const app = new App();
new OrdersStack(app, 'bench');
app.synth();
