import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformLocal, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { EntraPrincipalType, FlexibleServerNetwork, PostgresSecurityChecks, RoleDefinition, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { minimalProps, minimalSingleProps, providerStack, SUBNET_ID, synthErrors, TENANT_ID, VNET_ID, VNET_ZONE_ID } from '../helpers';
import { checkStack } from '../cli/cli-harness';

// Access and guards added or changed beside a construct's server (adversary finding N5): a raw
// privileged role assignment, an administrator of another tenant, a private endpoint, VNet rule or
// log export the construct did not declare, its delete lock moved or frozen, its network moved.
// Each fails synth and `check` unless a suppression on the resource gives the reason.

const PRINCIPAL = '99999999-9999-9999-9999-999999999999';
const JUSTIFICATION = 'break-glass operators of the platform team, SEC-204';

/** Exit code of `cdktf-azure-postgres check` on the stack's JSON, written without synth's validations. */
function checkExit(build: (stack: TerraformStack) => void): number {
  const stack = providerStack('trust');
  build(stack);
  return checkStack(stack).code;
}

const resourcesOf = (stack: TerraformStack, type: string) => stack.node.findAll().filter((c) => (c as TerraformResource).terraformResourceType === type) as TerraformResource[];
const addressOf = (stack: TerraformStack, resource: TerraformResource) => `${resource.terraformResourceType}.${stack.getLogicalId(resource)}`;
const PIN_FIX = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';
/** The PG-CFG-6 line of an override of a server pointer the construct pinned (A3-12). */
const repinned = (server: string, attribute: string, written: string, pinned: string) =>
  `  [trust] ${server} PG-CFG-6 ${attribute} is ${JSON.stringify(written)}, where the construct's props set ${JSON.stringify(pinned)}. ${PIN_FIX}`;
/** The subnet the construct made, as the JSON refers to it. */
const ownSubnet = (stack: TerraformStack, postgres: SecureFlexibleServer) => `\${${addressOf(stack, postgres.node.findChild('Subnet') as TerraformResource)}.id}`;

describe('privileged role assignments on the server (PG-IAM-2)', () => {
  const OWNER_FAILS = 'azurerm_role_assignment.x PG-IAM-2 azurerm_role_assignment.x grants Owner on the server, which can change or delete the server or grant access to it, with no justification. Fix: Grant a role that cannot change the server or its log export (e.g. Reader, Monitoring Reader), nor read the secrets of the vault a generated password is written to (e.g. Key Vault Reader; no access policy with Get or Backup on that vault), or give the justification through roleAssignments or PostgresSecurityChecks.suppress on the assignment or access policy.';
  const rawOwner = (stack: TerraformStack, postgres: SecureFlexibleServer) =>
    stack.addOverride('resource.azurerm_role_assignment.x', { scope: postgres.serverId, role_definition_name: 'Owner', principal_id: PRINCIPAL });

  test('a raw Owner assignment on the construct\'s server fails synth and check', () => {
    const stack = providerStack('trust');
    rawOwner(stack, new SecureFlexibleServer(stack, 'Postgres', minimalProps()));
    expect(synthErrors(stack)).toEqual([`  [trust] ${OWNER_FAILS}`]);
    expect(checkExit((s) => rawOwner(s, new SecureFlexibleServer(s, 'Postgres', minimalProps())))).toBe(1);
  });

  test('Owner through roleAssignments with its justification passes, and an override of it to User Access Administrator fails', () => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      roleAssignments: [{ role: RoleDefinition.builtIn('Owner'), principalId: PRINCIPAL, principalType: EntraPrincipalType.GROUP, justification: JUSTIFICATION }],
    }));
    expect(synthErrors(stack)).toEqual([]);
    const [assignment] = resourcesOf(stack, 'azurerm_role_assignment');
    assignment.addOverride('role_definition_name', 'User Access Administrator');
    const address = addressOf(stack, assignment);
    expect(synthErrors(stack)).toEqual([
      // The role is pinned as the props justified it (A13-6's placement pins); PG-IAM-2 judges the role as written.
      `  [trust] ${address} PG-CFG-6 role_definition_name is "User Access Administrator", where the construct's props set "Owner". ${PIN_FIX}`,
      `  [trust] ${address} PG-IAM-2 ${address} grants User Access Administrator on the server, which can change or delete the server or grant access to it, with no justification. The justification "${JUSTIFICATION}" covers only role "Owner". Fix: Grant a role that cannot change the server or its log export (e.g. Reader, Monitoring Reader), nor read the secrets of the vault a generated password is written to (e.g. Key Vault Reader; no access policy with Get or Backup on that vault), or give the justification through roleAssignments or PostgresSecurityChecks.suppress on the assignment or access policy.`,
    ]);
  });

  test('the justified Owner assignment widened by override to the subscription fails synth', () => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      roleAssignments: [{ role: RoleDefinition.builtIn('Owner'), principalId: PRINCIPAL, principalType: EntraPrincipalType.GROUP, justification: JUSTIFICATION }],
    }));
    const [assignment] = resourcesOf(stack, 'azurerm_role_assignment');
    assignment.addOverride('scope', '/subscriptions/00000000-0000-0000-0000-000000000000');
    const address = addressOf(stack, assignment);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${address} PG-CFG-6 scope is "/subscriptions/00000000-0000-0000-0000-000000000000", where the construct's props set "\${azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78.id}". ${PIN_FIX}`,
      `  [trust] ${address} PG-IAM-2 ${address}, which trust/Postgres makes for the server, has the scope "/subscriptions/00000000-0000-0000-0000-000000000000": roleAssignments grant roles on the server only. The justification "${JUSTIFICATION}" covers only role "Owner". Fix: Grant a role that cannot change the server or its log export (e.g. Reader, Monitoring Reader), nor read the secrets of the vault a generated password is written to (e.g. Key Vault Reader; no access policy with Get or Backup on that vault), or give the justification through roleAssignments or PostgresSecurityChecks.suppress on the assignment or access policy.`,
    ]);
  });

  test('a raw Owner assignment suppressed with a reason passes', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const raw = new RoleAssignment(stack, 'Raw', { scope: postgres.serverId, roleDefinitionName: 'Owner', principalId: PRINCIPAL });
    PostgresSecurityChecks.suppress(raw, 'PG-IAM-2', JUSTIFICATION);
    expect(synthErrors(stack)).toEqual([]);
  });
});

describe('Entra administrators of another tenant (PGF-IAM-7, PGS-IAM-3, PG-IAM-3, ENTRA-ADMIN-TENANT)', () => {
  const OUTSIDER_TENANT = '99999999-2222-3333-4444-555555555555';

  test('a raw Flexible Server administrator of another tenant fails synth and check', () => {
    const outsider = (stack: TerraformStack) => {
      new SecureFlexibleServer(stack, 'Postgres', minimalProps());
      stack.addOverride('resource.azurerm_postgresql_flexible_server_active_directory_administrator.x', { server_name: 'orders-db', resource_group_name: 'rg-orders', principal_name: 'outsider', principal_type: 'User', tenant_id: OUTSIDER_TENANT, object_id: PRINCIPAL });
    };
    const stack = providerStack('trust');
    outsider(stack);
    expect(synthErrors(stack)).toEqual([
      `  [trust] azurerm_postgresql_flexible_server_active_directory_administrator.x PG-IAM-3 azurerm_postgresql_flexible_server_active_directory_administrator.x makes "outsider" (object "${PRINCIPAL}") an administrator of the server, one trust/Postgres does not declare. Fix: Declare the administrator in the construct's entraAdministrators (entraAdministrator on Single Server), or review it and suppress PG-IAM-3 on the administrator resource with the reason.`,
      `  [trust] azurerm_postgresql_flexible_server_active_directory_administrator.x PGF-IAM-7 azurerm_postgresql_flexible_server_active_directory_administrator.x is an administrator of tenant "${OUTSIDER_TENANT}", not of the server's tenant "${TENANT_ID}". Fix: Give each Entra administrator the tenant_id of the server's authentication block; a principal of another tenant joins as a guest of the server's tenant.`,
    ]);
    expect(checkExit(outsider)).toBe(1);
  });

  test('a raw second Single Server administrator fails synth and check', () => {
    const second = (stack: TerraformStack) => {
      const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
      stack.addOverride('resource.azurerm_postgresql_active_directory_administrator.x', { server_name: legacy.serverName, resource_group_name: 'rg-legacy', login: 'outsider', tenant_id: OUTSIDER_TENANT, object_id: PRINCIPAL });
    };
    const stack = providerStack('trust');
    second(stack);
    const [admin] = resourcesOf(stack, 'azurerm_postgresql_active_directory_administrator');
    const own = addressOf(stack, admin);
    expect(synthErrors(stack)).toEqual([
      `  [trust] azurerm_postgresql_active_directory_administrator.x PG-IAM-3 azurerm_postgresql_active_directory_administrator.x makes "outsider" (object "${PRINCIPAL}") an administrator of the server, one trust/Legacy does not declare. Fix: Declare the administrator in the construct's entraAdministrators (entraAdministrator on Single Server), or review it and suppress PG-IAM-3 on the administrator resource with the reason.`,
      `  [trust] azurerm_postgresql_active_directory_administrator.x PGS-IAM-3 azurerm_postgresql_active_directory_administrator.x is a second Entra administrator of the server (${own}, azurerm_postgresql_active_directory_administrator.x): Single Server keeps one, so each apply replaces the other. Fix: Keep one azurerm_postgresql_active_directory_administrator per server (the construct's entraAdministrator); give it an Entra group to share the role.`,
    ]);
    expect(checkExit(second)).toBe(1);
  });

  test('the Single Server entraAdministrator of another tenant is refused', () => {
    expect(() => new SecureSingleServer(providerStack('trust'), 'Legacy', minimalSingleProps({ entraAdministrator: { objectId: PRINCIPAL, principalName: 'outsider', principalType: EntraPrincipalType.USER, tenantId: OUTSIDER_TENANT } }))).toThrow(
      `Invalid entraAdministrator.tenantId: "${OUTSIDER_TENANT}" is not the server's tenantId "${TENANT_ID}". Fix: leave it out (it defaults to the server's tenantId); a principal of another tenant administers the server as a guest of the server's tenant.`,
    );
  });
});

describe('network paths, log exports and the delete lock beside the construct (PG-NET-1, PG-LOG-1, PG-DEL-1, PGF-CFG-2)', () => {
  const OTHER = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/x/providers';
  const OTHER_SUBNET = `${OTHER}/Microsoft.Network/virtualNetworks/other/subnets/s`;
  const lockOf = (postgres: SecureFlexibleServer) => postgres.node.findAll().filter((c) => (c as TerraformResource).terraformResourceType === 'azurerm_management_lock') as TerraformResource[];
  const locked = (stack: TerraformStack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ deletionProtection: { preventDestroy: true, lock: true } }));
  const serverAddress = (stack: TerraformStack, postgres: SecureFlexibleServer) => addressOf(stack, postgres.server);
  const endpoint = (stack: TerraformStack, postgres: SecureFlexibleServer) => stack.addOverride('resource.azurerm_private_endpoint.x', {
    name: 'pe', location: 'westeurope', resource_group_name: 'rg-x', subnet_id: OTHER_SUBNET,
    private_service_connection: [{ name: 'c', private_connection_resource_id: postgres.serverId, subresource_names: ['postgresqlServer'], is_manual_connection: false }],
  });
  const NET_FIX = 'Fix: Declare the path through the construct\'s network props, or review it and suppress PG-NET-1 on the resource with the reason; remove overrides of delegated_subnet_id and private_dns_zone_id.';
  const ALL_IGNORED = 'is "all": Terraform would never correct drift of its settings, security settings included (a change made in the portal, or an imported resource, stays as it is). Fix: Remove "all" and the security attributes from lifecycle.ignore_changes; keep only zone, high_availability[0].standby_availability_zone, storage, SKU, maintenance window, tags or passwords there.';

  test('a private endpoint from a subnet of another subscription fails synth and check', () => {
    const stack = providerStack('trust');
    endpoint(stack, locked(stack));
    expect(synthErrors(stack)).toEqual([`  [trust] azurerm_private_endpoint.x PG-NET-1 azurerm_private_endpoint.x reaches the server from subnet "${OTHER_SUBNET}", a path trust/Postgres does not declare. ${NET_FIX}`]);
    expect(checkExit((s) => endpoint(s, locked(s)))).toBe(1);
  });

  test('a second diagnostic setting exporting the server log to a storage account of another subscription fails synth and check', () => {
    const storage = `${OTHER}/Microsoft.Storage/storageAccounts/other`;
    const copy = (stack: TerraformStack) => {
      const postgres = locked(stack);
      stack.addOverride('resource.azurerm_monitor_diagnostic_setting.x', { name: 'x', target_resource_id: postgres.serverId, storage_account_id: storage, enabled_log: [{ category: 'PostgreSQLLogs' }] });
    };
    const stack = providerStack('trust');
    copy(stack);
    expect(synthErrors(stack)).toEqual([
      `  [trust] azurerm_monitor_diagnostic_setting.x PG-LOG-1 azurerm_monitor_diagnostic_setting.x exports the server's logs (storage_account_id "${storage}"), an export trust/Postgres does not declare. Fix: Send the logs through the construct's diagnosticSettings, keep them in its workspace as they arrive (no transformation, purge, cap or retention under 30 days of the tables holding them), or review the export or write and suppress PG-LOG-1 on the diagnostic setting (or the data export rule, or the writer of the workspace) with the reason.`,
    ]);
    expect(checkExit(copy)).toBe(1);
  });

  test('the delete lock moved to another resource group fails synth and check', () => {
    const move = (stack: TerraformStack) => lockOf(locked(stack)).forEach((lock) => lock.addOverride('scope', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other'));
    const stack = providerStack('trust');
    move(stack);
    const lock = addressOf(stack, resourcesOf(stack, 'azurerm_management_lock')[0]);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${lock} PG-CFG-6 scope is "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other", where the construct's props set "\${azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78.id}". ${PIN_FIX}`,
      `  [trust] ${lock} PG-DEL-1 ${lock} has the scope "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other", not the server's ID: the server is not locked. Fix: Remove the overrides of the lock's scope and lock_level: the construct scopes it to the server with CanNotDelete.`,
    ]);
    expect(checkExit(move)).toBe(1);
  });

  test('lifecycle.ignore_changes = all on the delete lock and on the zone\'s VNet link fails synth and check', () => {
    const freeze = (stack: TerraformStack) => {
      locked(stack);
      const guards = [...resourcesOf(stack, 'azurerm_management_lock'), ...resourcesOf(stack, 'azurerm_private_dns_zone_virtual_network_link')];
      guards.forEach((resource) => resource.addOverride('lifecycle.ignore_changes', 'all'));
      return guards;
    };
    const stack = providerStack('trust');
    const [lock, link] = freeze(stack);
    const [lockAddress, linkAddress] = [addressOf(stack, lock), addressOf(stack, link)];
    expect(checkExit(freeze)).toBe(1);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${lockAddress} PGF-CFG-2 lifecycle.ignore_changes of ${lockAddress} ${ALL_IGNORED}`,
      `  [trust] ${linkAddress} PGF-CFG-2 lifecycle.ignore_changes of ${linkAddress} ${ALL_IGNORED}`,
      `  [trust] ${lockAddress} PG-CFG-6 lifecycle.ignore_changes holds "all", so Terraform would never apply a change the construct's props make to name, scope. ${PIN_FIX}`,
      `  [trust] ${linkAddress} PG-CFG-6 lifecycle.ignore_changes holds "all", so Terraform would never apply a change the construct's props make to name, resource_group_name, virtual_network_id, private_dns_zone_name. ${PIN_FIX}`,
    ]);
  });

  test('the server moved by override to another subnet of the VNet, or to a variable, fails synth and check', () => {
    const literal = `${VNET_ID}/subnets/snet-open`;
    const stack = providerStack('trust');
    const postgres = locked(stack);
    postgres.server.addOverride('delegated_subnet_id', literal);
    const server = serverAddress(stack, postgres);
    expect(synthErrors(stack)).toEqual([
      repinned(server, 'delegated_subnet_id', literal, ownSubnet(stack, postgres)),
      `  [trust] ${server} PG-NET-1 delegated_subnet_id is "${literal}", not a subnet trust/Postgres made: no rule judges who that subnet lets in. ${NET_FIX}`,
    ]);
    postgres.server.addOverride('delegated_subnet_id', '${var.subnet}');
    expect(synthErrors(stack)).toEqual([
      repinned(server, 'delegated_subnet_id', '${var.subnet}', ownSubnet(stack, postgres)),
      `  [trust] ${server} PG-NET-1 delegated_subnet_id is "\${var.subnet}", not a subnet trust/Postgres made: no rule judges who that subnet lets in. ${NET_FIX}`,
    ]);
    expect(checkExit((s) => locked(s).server.addOverride('delegated_subnet_id', literal))).toBe(1);
  });

  test('private_dns_zone_id overridden to a zone of another subscription fails synth and check', () => {
    const zone = `${OTHER}/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com`;
    const stack = providerStack('trust');
    const postgres = locked(stack);
    const ownZone = (stack.toTerraform() as any)['//']['cdktf-azure-postgres-pinned'][0].attributes.private_dns_zone_id;
    postgres.server.addOverride('private_dns_zone_id', zone);
    expect(synthErrors(stack)).toEqual([
      repinned(serverAddress(stack, postgres), 'private_dns_zone_id', zone, ownZone),
      `  [trust] ${serverAddress(stack, postgres)} PG-NET-1 private_dns_zone_id is "${zone}", not a zone the library made: whoever holds that zone answers for the server's name. ${NET_FIX}`,
    ]);
    expect(checkExit((s) => locked(s).server.addOverride('private_dns_zone_id', zone))).toBe(1);
  });

  test('an existing subnet and zone given by ID pass (PG-NET-1 suppressed for those pointers, their values pinned); an override to another subnet fails PG-CFG-6', () => {
    const network = FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: VNET_ZONE_ID });
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network }));
    expect(synthErrors(stack)).toEqual([]);
    const other = `${VNET_ID}/subnets/snet-open`;
    postgres.server.addOverride('delegated_subnet_id', other);
    expect(synthErrors(stack)).toEqual([
      repinned(serverAddress(stack, postgres), 'delegated_subnet_id', other, SUBNET_ID),
    ]);
  });

  test('an existing subnet given as a variable, and a zone given as a local value, pass; the variable overridden by another fails', () => {
    const stack = providerStack('trust');
    const subnet = new TerraformVariable(stack, 'subnet', { type: 'string' });
    const zone = new TerraformLocal(stack, 'zone', VNET_ZONE_ID);
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: subnet.stringValue, privateDnsZoneResourceId: zone.asString }) }));
    expect(synthErrors(stack)).toEqual([]);
    postgres.server.addOverride('delegated_subnet_id', '${var.other}');
    expect(synthErrors(stack)).toEqual([
      repinned(serverAddress(stack, postgres), 'delegated_subnet_id', '${var.other}', '${var.subnet}'),
    ]);
  });

  test('pointers the checks cannot read (a template on a local, a local of a local) are suppressed as pointers only: a record in the server\'s zone still fails (A10a-14)', () => {
    const stack = providerStack('trust');
    const hub = new TerraformLocal(stack, 'hub_vnet', VNET_ID);
    const zone = new TerraformLocal(stack, 'zone', new TerraformLocal(stack, 'zone_source', VNET_ZONE_ID).asString);
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: `${hub.asString}/subnets/db`, privateDnsZoneResourceId: zone.asString }) }));
    expect(synthErrors(stack)).toEqual([]);
    const zoneName = VNET_ZONE_ID.split('/').pop()!;
    new PrivateDnsARecord(stack, 'Hijack', { name: 'orders-db', zoneName, resourceGroupName: 'rg-dns', ttl: 300, records: ['203.0.113.66'] });
    expect(synthErrors(stack)).toEqual([expect.stringMatching(/^ {2}\[trust\] azurerm_private_dns_a_record\.Hijack PG-NET-1 /)]);
  });

  test('a Single Server VNet rule from another subscription\'s subnet added beside the construct fails synth and check', () => {
    const rule = (stack: TerraformStack) => {
      const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
      stack.addOverride('resource.azurerm_postgresql_virtual_network_rule.x', { name: 'x', resource_group_name: 'rg-legacy', server_name: legacy.serverName, subnet_id: OTHER_SUBNET, ignore_missing_vnet_service_endpoint: true });
    };
    const stack = providerStack('trust');
    rule(stack);
    expect(synthErrors(stack)).toEqual([`  [trust] azurerm_postgresql_virtual_network_rule.x PG-NET-1 azurerm_postgresql_virtual_network_rule.x reaches the server from subnet "${OTHER_SUBNET}", a path trust/Legacy does not declare. ${NET_FIX}`]);
    expect(checkExit(rule)).toBe(1);
  });

  test('a private endpoint reviewed and suppressed on itself passes', () => {
    const stack = providerStack('trust');
    const postgres = locked(stack);
    const pe = new PrivateEndpoint(stack, 'Reviewed', {
      name: 'pe', location: 'westeurope', resourceGroupName: 'rg-x', subnetId: OTHER_SUBNET,
      privateServiceConnection: { name: 'c', privateConnectionResourceId: postgres.serverId, subresourceNames: ['postgresqlServer'], isManualConnection: false },
    });
    PostgresSecurityChecks.suppress(pe, 'PG-NET-1', 'reporting hub of the data platform team, SEC-311');
    expect(synthErrors(stack)).toEqual([]);
  });
});
