import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  DiagnosticSettings, EntraPrincipalType, FlexibleServerNetwork, RoleDefinition, SecureFlexibleServer, SecureFlexibleServerProps, SecureSingleServer, SecureSingleServerProps,
} from '../../lib';
import { minimalProps, minimalSingleProps, SUBNET_ID, VNET_ZONE_ID as ZONE_ID } from '../helpers';

// 46th run, A46b-2: a reference written as text ("${azurerm_subnet.sn.id}", as ported from HCL) is valid cdktf, but the
// constructs read only tokens and literals. They still refuse it in an ID or UUID prop, and say why and what to pass.

const EXPRESSION = /^Invalid (\S+): "(?:[^"]|\\")*\$\{[^"]*" holds a hand-written Terraform expression \("\$\{" or "%\{"\), which the library does not read: it reads only cdktf tokens and literal values\. Fix: pass the attribute as a token instead \(e\.g\. [^)]*\), or /;

function flexible(overrides: () => Partial<SecureFlexibleServerProps>): () => void {
  return () => new SecureFlexibleServer(new TerraformStack(Testing.app(), 'orders'), 'Postgres', minimalProps(overrides()));
}

function single(overrides: () => Partial<SecureSingleServerProps>): () => void {
  return () => new SecureSingleServer(new TerraformStack(Testing.app(), 'legacy'), 'Legacy', minimalSingleProps(overrides()));
}

/** The prop an error names and its code, or the message when it is not the expression error. */
function refusal(build: () => void): { prop: string; code: string } | string {
  try {
    build();
  } catch (error) {
    const match = EXPRESSION.exec((error as Error).message);
    return match === null ? (error as Error).message : { prop: match[1], code: (error as { code: string }).code };
  }
  return 'not refused';
}

test.each<[string, () => void]>([
  ['network.existingVnetIntegration.delegatedSubnetResourceId', flexible(() => ({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: '${azurerm_subnet.sn.id}', privateDnsZoneResourceId: ZONE_ID }) }))],
  ['network.existingVnetIntegration.privateDnsZoneResourceId', flexible(() => ({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: '${azurerm_private_dns_zone.z.id}' }) }))],
  ['network.vnetIntegration.virtualNetworkResourceId', flexible(() => ({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: '${azurerm_virtual_network.vn.id}', subnetAddressPrefix: '10.0.1.0/28' }) }))],
  ['diagnosticSettings.workspaceResourceId', flexible(() => ({ diagnosticSettings: DiagnosticSettings.logAnalytics('${var.ws}') }))],
  ['tenantId', flexible(() => ({ tenantId: '${var.tenant}' }))],
  ['entraAdministrators[0].objectId', flexible(() => ({ entraAdministrators: [{ objectId: '${azuread_group.admins.object_id}', principalName: 'db-admins', principalType: EntraPrincipalType.GROUP }] }))],
  ['roleAssignments[0].principalId', flexible(() => ({ roleAssignments: [{ role: RoleDefinition.MONITORING_READER, principalId: '${azurerm_user_assigned_identity.app.principal_id}', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }] }))],
  ['tenantId', single(() => ({ tenantId: '$${var.tenant}' }))],
])('%s: a hand-written expression is refused as one', (prop, build) => {
  expect(refusal(build)).toEqual({ prop, code: 'ID-TEMPLATE' });
});

test('the same props take the token, and a mistyped literal is still "not an ID"', () => {
  const stack = new TerraformStack(Testing.app(), 'orders');
  const subnet = new TerraformVariable(stack, 'subnet', {}).stringValue;
  const tenant = new TerraformVariable(stack, 'tenant', {}).stringValue;
  expect(() => new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: subnet, privateDnsZoneResourceId: ZONE_ID }),
    tenantId: tenant,
  }))).not.toThrow();
  expect(refusal(flexible(() => ({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: 'azurerm_subnet.sn.id', privateDnsZoneResourceId: ZONE_ID }) }))))
    .toMatch(/^Invalid network\.existingVnetIntegration\.delegatedSubnetResourceId: "azurerm_subnet\.sn\.id" is not a subnet resource ID\./);
  expect(refusal(flexible(() => ({ tenantId: 'contoso.onmicrosoft.com' })))).toMatch(/^Invalid tenantId: "contoso\.onmicrosoft\.com" is not a UUID\./);
});
