import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { EntraPrincipalType, PostgresSecurityChecks, RoleDefinition, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { runCheck } from '../../lib/cli/check-command';
import { minimalProps, minimalSingleProps, synthErrors, TENANT_ID } from '../helpers';

// Access and guards added or changed beside a construct's server (adversary finding N5): a raw
// privileged role assignment, an administrator of another tenant, a private endpoint, VNet rule or
// log export the construct did not declare, its delete lock moved or frozen, its network moved.
// Each fails synth and `check` unless a suppression on the resource gives the reason.

const PRINCIPAL = '99999999-9999-9999-9999-999999999999';
const JUSTIFICATION = 'break-glass operators of the platform team, SEC-204';

function providerStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'trust');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** Exit code of `cdktf-azure-postgres check` on the stack's JSON, written without synth's validations. */
function checkExit(build: (stack: TerraformStack) => void): number {
  const stack = providerStack();
  build(stack);
  const file = join(mkdtempSync(join(tmpdir(), 'beside-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(stack.toTerraform()));
  return runCheck(['check', file], { out: () => undefined, err: () => undefined });
}

const resourcesOf = (stack: TerraformStack, type: string) => stack.node.findAll().filter((c) => (c as TerraformResource).terraformResourceType === type) as TerraformResource[];
const addressOf = (stack: TerraformStack, resource: TerraformResource) => `${resource.terraformResourceType}.${stack.getLogicalId(resource)}`;

describe('privileged role assignments on the server (PG-IAM-2)', () => {
  const OWNER_FAILS = 'azurerm_role_assignment.x PG-IAM-2 azurerm_role_assignment.x grants Owner on the server, which can change or delete the server or grant access to it, with no justification. Fix: Grant a role that cannot change the server or its log export (e.g. Reader, Monitoring Reader), or give the justification through roleAssignments or PostgresSecurityChecks.suppress on the assignment.';
  const rawOwner = (stack: TerraformStack, postgres: SecureFlexibleServer) =>
    stack.addOverride('resource.azurerm_role_assignment.x', { scope: postgres.serverId, role_definition_name: 'Owner', principal_id: PRINCIPAL });

  test('a raw Owner assignment on the construct\'s server fails synth and check', () => {
    const stack = providerStack();
    rawOwner(stack, new SecureFlexibleServer(stack, 'Postgres', minimalProps()));
    expect(synthErrors(stack)).toEqual([`  [trust] ${OWNER_FAILS}`]);
    expect(checkExit((s) => rawOwner(s, new SecureFlexibleServer(s, 'Postgres', minimalProps())))).toBe(1);
  });

  test('Owner through roleAssignments with its justification passes, and an override of it to User Access Administrator fails', () => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      roleAssignments: [{ role: RoleDefinition.builtIn('Owner'), principalId: PRINCIPAL, principalType: EntraPrincipalType.GROUP, justification: JUSTIFICATION }],
    }));
    expect(synthErrors(stack)).toEqual([]);
    const [assignment] = resourcesOf(stack, 'azurerm_role_assignment');
    assignment.addOverride('role_definition_name', 'User Access Administrator');
    const address = addressOf(stack, assignment);
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${address} PG-IAM-2 ${address} grants User Access Administrator on the server, which can change or delete the server or grant access to it, with no justification. The justification "${JUSTIFICATION}" covers only role "Owner". Fix: Grant a role that cannot change the server or its log export (e.g. Reader, Monitoring Reader), or give the justification through roleAssignments or PostgresSecurityChecks.suppress on the assignment.`,
    ]);
  });

  test('a raw Owner assignment suppressed with a reason passes', () => {
    const stack = providerStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const raw = new RoleAssignment(stack, 'Raw', { scope: postgres.serverId, roleDefinitionName: 'Owner', principalId: PRINCIPAL });
    PostgresSecurityChecks.suppress(raw, 'PG-IAM-2', JUSTIFICATION);
    expect(synthErrors(stack)).toEqual([]);
  });
});

describe('Entra administrators of another tenant (PGF-IAM-7, PGS-IAM-3, ENTRA-ADMIN-TENANT)', () => {
  const OUTSIDER_TENANT = '99999999-2222-3333-4444-555555555555';

  test('a raw Flexible Server administrator of another tenant fails synth and check', () => {
    const outsider = (stack: TerraformStack) => {
      new SecureFlexibleServer(stack, 'Postgres', minimalProps());
      stack.addOverride('resource.azurerm_postgresql_flexible_server_active_directory_administrator.x', { server_name: 'orders-db', resource_group_name: 'rg-orders', principal_name: 'outsider', principal_type: 'User', tenant_id: OUTSIDER_TENANT, object_id: PRINCIPAL });
    };
    const stack = providerStack();
    outsider(stack);
    expect(synthErrors(stack)).toEqual([
      `  [trust] azurerm_postgresql_flexible_server_active_directory_administrator.x PGF-IAM-7 azurerm_postgresql_flexible_server_active_directory_administrator.x is an administrator of tenant "${OUTSIDER_TENANT}", not of the server's tenant "${TENANT_ID}". Fix: Give each Entra administrator the tenant_id of the server's authentication block; a principal of another tenant joins as a guest of the server's tenant.`,
    ]);
    expect(checkExit(outsider)).toBe(1);
  });

  test('a raw second Single Server administrator fails synth and check', () => {
    const second = (stack: TerraformStack) => {
      const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
      stack.addOverride('resource.azurerm_postgresql_active_directory_administrator.x', { server_name: legacy.serverName, resource_group_name: 'rg-legacy', login: 'outsider', tenant_id: OUTSIDER_TENANT, object_id: PRINCIPAL });
    };
    const stack = providerStack();
    second(stack);
    const [admin] = resourcesOf(stack, 'azurerm_postgresql_active_directory_administrator');
    const own = addressOf(stack, admin);
    expect(synthErrors(stack)).toEqual([
      `  [trust] azurerm_postgresql_active_directory_administrator.x PGS-IAM-3 azurerm_postgresql_active_directory_administrator.x is a second Entra administrator of the server (${own}, azurerm_postgresql_active_directory_administrator.x): Single Server keeps one, so each apply replaces the other. Fix: Keep one azurerm_postgresql_active_directory_administrator per server (the construct's entraAdministrator); give it an Entra group to share the role.`,
    ]);
    expect(checkExit(second)).toBe(1);
  });

  test('the Single Server entraAdministrator of another tenant is refused', () => {
    expect(() => new SecureSingleServer(providerStack(), 'Legacy', minimalSingleProps({ entraAdministrator: { objectId: PRINCIPAL, principalName: 'outsider', principalType: EntraPrincipalType.USER, tenantId: OUTSIDER_TENANT } }))).toThrow(
      `Invalid entraAdministrator.tenantId: "${OUTSIDER_TENANT}" is not the server's tenantId "${TENANT_ID}". Fix: leave it out (it defaults to the server's tenantId); a principal of another tenant administers the server as a guest of the server's tenant.`,
    );
  });
});
