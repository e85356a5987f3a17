import { addedFindings } from '../support/example-findings';

// tostring gives a text back as it is and one([x]) its one item, so `${tostring(x)}` and `${one([x])}` are x wherever the rules read
// a reference: a lookup's name or ID, a role's name, the provider's subscription. A probe that wrapped every plain reference of the
// past adversarial runs' patches in each found three readers that lost their failure (hcl-expression.ts now reads either call of a
// reference known only later as that reference).

const ZONE_RECORD = (zoneName: string) => ({
  resource: { azurerm_private_dns_a_record: { r: { name: 'payments-db-prod', zone_name: zoneName, resource_group_name: 'rg-dns', ttl: 10, records: ['10.9.9.9'] } } },
  data: { azapi_resource_action: { z: { type: 'Microsoft.Network/privateDnsZones@2024-06-01', method: 'GET', response_export_values: ['name'],
    resource_id: '/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/corp.postgres.database.azure.com' } } },
});
const MANAGEMENT_GROUP = (subscription: string) => ({ resource: { azurerm_management_group: { m: { display_name: 'sandbox', subscription_ids: [subscription] } } } });
const LABEL = (role: string) => ({
  variable: { APP_IDENTITY_OBJECT_ID: { type: 'string', default: '11111111-2222-3333-4444-555555555555' } },
  resource: { postgresql_security_label: { x: { provider: 'postgresql.cdktf_azure_postgres_postgresql_c82013d1067dc32c', label_provider: 'pgaadauth', object_type: 'role',
    object_name: role, label: 'aadauth,oid=${var.APP_IDENTITY_OBJECT_ID},type=service' } } },
});
const SUBSCRIPTION = 'data.azurerm_client_config.Postgres_ProviderSubscription_47C598D8.subscription_id';
const APP_ROLE = 'postgresql_role.OrdersAccess_Role-orders_app_Role_134DC34C.name';

describe.each([
  ['an A record in a private DNS zone named by a GET of the zone (PG-NET-1)', 'flexible-existing-network', (t: string) => ZONE_RECORD(t), 'data.azapi_resource_action.z.output.name', 'PG-NET-1 azurerm_private_dns_a_record.r'],
  ['a management group holding the server\'s subscription (PG-CFG-8)', 'flexible-database-roles', (t: string) => MANAGEMENT_GROUP(t), SUBSCRIPTION, 'PG-CFG-8 azurerm_management_group.m'],
  ['a pgaadauth label on a declared login role (PGD-IAM-13)', 'flexible-database-roles', (t: string) => LABEL(t), APP_ROLE, 'PGD-IAM-13 postgresql_security_label.x'],
])('%s', (_what, example, sections, reference, finding) => {
  test('by the plain reference: fails', () => {
    expect(addedFindings(example, sections(`\${${reference}}`))).toContain(finding);
  });
  test('by tostring of it: fails the same', () => {
    expect(addedFindings(example, sections(`\${tostring(${reference})}`))).toEqual(addedFindings(example, sections(`\${${reference}}`)));
  });
  test('by one([it]): fails the same', () => {
    expect(addedFindings(example, sections(`\${one([${reference}])}`))).toEqual(addedFindings(example, sections(`\${${reference}}`)));
  });
});
