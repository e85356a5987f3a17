import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { EntraPrincipalType, PostgresSecurityChecks, RoleDefinition, SecureFlexibleServer } from '../../lib';
import { runCheck } from '../../lib/cli/check-command';
import { minimalProps, synthErrors } from '../helpers';

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
