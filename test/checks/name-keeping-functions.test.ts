import { addedFindings, addedMessages } from '../support/example-findings';

// lower, upper, trimspace, try and coalesce may give a reference's text back whole (Azure's names are not case-sensitive, a
// subscription ID is a GUID in any case), so a reader that takes a lookup's name or the provider's subscription reads it through
// them too. A probe that wrapped every plain reference of the past adversarial patches in each found two readers that passed the
// whole stack (PG-NET-1's zone of a record, PG-CFG-8's subscription of a management group) and PGD-IAM-13's label reader, which
// took a role named by an expression it could not match for no declared role.

const ZONE_RECORD = (zoneName: string, zone = 'corp.postgres.database.azure.com') => ({
  resource: { azurerm_private_dns_a_record: { r: { name: 'payments-db-prod', zone_name: zoneName, resource_group_name: 'rg-dns', ttl: 10, records: ['10.9.9.9'] } } },
  data: { azapi_resource_action: { z: { type: 'Microsoft.Network/privateDnsZones@2024-06-01', method: 'GET', response_export_values: ['name'],
    resource_id: `/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${zone}` } } },
});
const MANAGEMENT_GROUP = (subscription: string) => ({
  variable: { sandbox_subscription: { type: 'string' } },
  resource: { azurerm_management_group: { m: { display_name: 'sandbox', subscription_ids: [subscription] } } },
});
const LABEL = (role: string) => ({
  variable: { APP_IDENTITY_OBJECT_ID: { type: 'string', default: '11111111-2222-3333-4444-555555555555' } },
  resource: {
    postgresql_role: { mine: { provider: 'postgresql.cdktf_azure_postgres_postgresql_c82013d1067dc32c', name: 'reporting_tool', login: true } },
    postgresql_security_label: { x: { provider: 'postgresql.cdktf_azure_postgres_postgresql_c82013d1067dc32c', label_provider: 'pgaadauth', object_type: 'role',
      object_name: role, label: 'aadauth,oid=99999999-2222-3333-4444-555555555555,type=service' } },
  },
});
const LOOKED_UP_ZONE = 'data.azapi_resource_action.z.output.name';
const SUBSCRIPTION = 'data.azurerm_client_config.Postgres_ProviderSubscription_47C598D8.subscription_id';
const APP_ROLE = 'postgresql_role.OrdersAccess_Role-orders_app_Role_134DC34C.name';

const WRAPPERS: readonly [string, (reference: string) => string][] = [
  ['lower', (reference) => `\${lower(${reference})}`],
  ['upper', (reference) => `\${upper(${reference})}`],
  ['trimspace', (reference) => `\${trimspace(${reference})}`],
  ['try', (reference) => `\${try(${reference}, "")}`],
  ['coalesce', (reference) => `\${coalesce(${reference}, "x")}`],
];

describe.each(WRAPPERS)('a reference given back whole by %s', (_name, wrap) => {
  test('an A record in the server\'s private DNS zone named by a GET of the zone fails PG-NET-1', () => {
    expect(addedFindings('flexible-existing-network', ZONE_RECORD(`\${${LOOKED_UP_ZONE}}`))).toContain('PG-NET-1 azurerm_private_dns_a_record.r');
    expect(addedFindings('flexible-existing-network', ZONE_RECORD(wrap(LOOKED_UP_ZONE)))).toContain('PG-NET-1 azurerm_private_dns_a_record.r');
  });
  test('an A record in another zone named by a GET of that zone passes PG-NET-1', () => {
    expect(addedFindings('flexible-existing-network', ZONE_RECORD(wrap(LOOKED_UP_ZONE), 'corp.example.com'))).not.toContain('PG-NET-1 azurerm_private_dns_a_record.r');
  });
  test('a management group given the provider\'s subscription fails PG-CFG-8', () => {
    expect(addedFindings('flexible-database-roles', MANAGEMENT_GROUP(`\${${SUBSCRIPTION}}`))).toContain('PG-CFG-8 azurerm_management_group.m');
    expect(addedFindings('flexible-database-roles', MANAGEMENT_GROUP(wrap(SUBSCRIPTION)))).toContain('PG-CFG-8 azurerm_management_group.m');
  });
  test('a management group given a subscription by a variable is not read as the server\'s', () => {
    expect(addedFindings('flexible-database-roles', MANAGEMENT_GROUP(wrap('var.sandbox_subscription')))).not.toContain('PG-CFG-8 azurerm_management_group.m');
  });
  test('a pgaadauth label on a role named by it fails PGD-IAM-13', () => {
    expect(addedFindings('flexible-database-roles', LABEL(`\${${APP_ROLE}}`))).toContain('PGD-IAM-13 postgresql_security_label.x');
    expect(addedFindings('flexible-database-roles', LABEL(wrap(APP_ROLE)))).toContain('PGD-IAM-13 postgresql_security_label.x');
  });
});

describe('PGD-IAM-13, a label on a role named by an expression', () => {
  // Its object ID is literal and the example declares its logins' by variables, so which principal it maps is not known at synth
  // (R76-12); the role it labels is read by name, not as a name known only at apply time.
  test('on a role of the stack by a plain reference to it: judged by that role\'s name', () => {
    const messages = addedMessages('flexible-database-roles', LABEL('${postgresql_role.mine.name}'));
    expect(messages).not.toContain('object_name of postgresql_security_label.x is known only at apply time, so it cannot be judged at synth.');
    expect(messages).toContainEqual(expect.stringMatching(/^postgresql_security_label\.x maps object ID 99999999-2222-3333-4444-555555555555, which may be the one /));
  });
  test('on a role named by a variable: known only at apply time, so it may be a declared login', () => {
    const messages = addedMessages('flexible-database-roles', { ...LABEL('${var.role_name}'), variable: { role_name: { type: 'string' }, APP_IDENTITY_OBJECT_ID: { type: 'string' } } });
    expect(messages).toContain('object_name of postgresql_security_label.x is known only at apply time, so it cannot be judged at synth.');
  });
});
