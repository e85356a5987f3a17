import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { DiagnosticSettings, EntraPrincipalType, FlexibleServerNetwork, SecureFlexibleServer } from 'cdktf-azure-postgres';

// Names to adapt. The resource group must exist; the server name must be unique in Azure.
const SERVER_NAME = 'analytics-db-prod';
const RESOURCE_GROUP_NAME = 'rg-analytics-db';
const LOCATION = 'westeurope';

/**
 * A Flexible Server on the public internet, reachable only from two listed IPv4 ranges. Public
 * access is the weakest network mode the library offers: it needs a written justification, prints
 * the PublicNetworkAccess warning at every synth, and the security report lists the two network
 * rules it weakens as suppressed, with that justification. Everything else keeps its default:
 * Entra-only sign-in, TLS 1.2+, audit logging, geo-redundant backup, zone-redundant HA.
 */
export class FlexiblePublicFirewallStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The subscription comes from ARM_SUBSCRIPTION_ID at plan time (azurerm 4.x requires it).
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const variable = (name: string, description: string) => new TerraformVariable(this, name, { type: 'string', description }).stringValue;
    const tenantId = variable('tenant_id', 'Entra ID tenant that signs database users in');
    const adminGroupObjectId = variable('admin_group_object_id', 'Object ID of the Entra ID group that administers the server');
    const adminGroupName = variable('admin_group_name', 'Display name of that group');
    const workspaceId = variable('log_analytics_workspace_id', 'Resource ID of the Log Analytics workspace for server logs and metrics');

    const postgres = new SecureFlexibleServer(this, 'Postgres', {
      name: SERVER_NAME,
      resourceGroupName: RESOURCE_GROUP_NAME,
      location: LOCATION,
      network: FlexibleServerNetwork.publicAccess({
        // Documentation ranges (RFC 5737): replace them with your clients' public addresses.
        allowedIpRanges: [
          { name: 'head-office', startIpAddress: '203.0.113.0', endIpAddress: '203.0.113.63' },
          { name: 'partner-etl', startIpAddress: '198.51.100.16', endIpAddress: '198.51.100.31' },
        ],
        justification: 'Partner ETL runs outside Azure until the VPN is live (SEC-482, review 2026-09)',
      }),
      tenantId,
      entraAdministrators: [{ objectId: adminGroupObjectId, principalName: adminGroupName, principalType: EntraPrincipalType.GROUP }],
      diagnosticSettings: DiagnosticSettings.logAnalytics(workspaceId),
      tags: { environment: 'production', workload: 'analytics' },
    });

    new TerraformOutput(this, 'server_id', { value: postgres.serverId });
    new TerraformOutput(this, 'server_fqdn', { value: postgres.fqdn });
  }
}

if (require.main === module) {
  const app = new App();
  new FlexiblePublicFirewallStack(app, 'flexible-public-firewall');
  app.synth();
}
