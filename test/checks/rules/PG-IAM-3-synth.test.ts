import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformDataSource, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { rule } from '../../../lib/checks/rules/PG-IAM-3';
import { EXIT_FINDINGS, EXIT_OK } from '../../../lib/cli/check-command';
import { EntraPrincipalType, PostgresSecurityChecks, SecureFlexibleServer } from '../../../lib';
import { check } from '../../cli/cli-harness';
import { ADMIN_OBJECT_ID, minimalProps, newStack, synthErrors, TENANT_ID } from '../../helpers';

// A4-12 and A5-2 at synth and in check: an Entra administrator, or a member of its administrator group, beside SecureFlexibleServer. The rule's own
// cases are in PG-IAM-3.test.ts, which loads no cdktf (it runs in the mutation group of the rules).

const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const OUTSIDER = '99999999-7777-8888-9999-000000000000';

describe('synth and check', () => {
  function extraStack(configure?: (extra: PostgresqlFlexibleServerActiveDirectoryAdministrator) => void): TerraformStack {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(scope, 'Postgres', minimalProps());
    const extra = new PostgresqlFlexibleServerActiveDirectoryAdministrator(scope, 'Extra', {
      serverName: postgres.serverName, resourceGroupName: 'rg-orders', tenantId: TENANT_ID,
      objectId: OUTSIDER, principalName: 'contractor@partner.example', principalType: 'User',
    });
    configure?.(extra);
    return scope;
  }
  const checkOf = (json: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), 'admins-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(json));
    return check('check', file);
  };

  test('an administrator added beside SecureFlexibleServer fails synth', () => {
    expect(synthErrors(extraStack())).toEqual([
      `  [test] ${ADMINISTRATOR}.Extra PG-IAM-3 ${ADMINISTRATOR}.Extra makes "contractor@partner.example" (object "${OUTSIDER}") an administrator of the server, one test/Postgres does not declare. Fix: ${rule.fix}`,
    ]);
  });

  test('reviewed and suppressed on the resource with a reason, it passes', () => {
    expect(synthErrors(extraStack((extra) => PostgresSecurityChecks.suppress(extra, 'PG-IAM-3', 'break-glass administrator of the platform team, SEC-204')))).toEqual([]);
  });

  test('check: a removed block that destroys a Conditional Access policy fails PG-IAM-3 on the server (A25b-5); one that forgets it does not', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps());
    const json = JSON.parse(JSON.stringify(scope.toTerraform()));
    const withRemoved = (lifecycle: object) => checkOf({ ...json, removed: [{ from: 'azuread_conditional_access_policy.old', ...lifecycle }] });
    for (const lifecycle of [{ lifecycle: { destroy: true } }, {}]) {
      const checked = withRemoved(lifecycle);
      expect(checked.code).toBe(EXIT_FINDINGS);
      expect(checked.out.filter((text) => text.includes('PG-IAM-3')).map((text) => text.split(':')[0].trim())).toEqual(['ERROR      PG-IAM-3   removed.azuread_conditional_access_policy.old']);
    }
    expect(withRemoved({ lifecycle: { destroy: false } }).out.filter((text) => text.includes('PG-IAM-3'))).toEqual([]);
  });

  test('check: an administrator naming the server by literal name fails; the JSON as synthesized passes', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps());
    const json = JSON.parse(JSON.stringify(scope.toTerraform()));
    expect(checkOf(json).code).toBe(EXIT_OK);
    json.resource[ADMINISTRATOR].extra = { server_name: 'orders-db', resource_group_name: 'rg-orders', tenant_id: TENANT_ID, object_id: OUTSIDER, principal_name: 'ci-sp', principal_type: 'ServicePrincipal' };
    const checked = checkOf(json);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-3'))).toEqual([
      `  ERROR      PG-IAM-3   ${ADMINISTRATOR}.extra: ${ADMINISTRATOR}.extra makes "ci-sp" (object "${OUTSIDER}") an administrator of the server, one test/Postgres does not declare. Fix: ${rule.fix}`,
    ]);
  });

  test('a member added to the declared administrator group fails synth and check; suppressed on the membership with a reason, it passes (A5-2)', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps());
    const join = new TerraformResource(scope, 'Join', { terraformResourceType: 'azuread_group_member' });
    join.addOverride('group_object_id', ADMIN_OBJECT_ID);
    join.addOverride('member_object_id', OUTSIDER);
    const message = `azuread_group_member.Join adds the member "${OUTSIDER}" to the group "db-admins", an Entra administrator test/Postgres declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`;
    expect(synthErrors(scope)).toEqual([`  [test] azuread_group_member.Join PG-IAM-3 ${message} Fix: ${rule.fix}`]);
    const checked = checkOf(scope.toTerraform());
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-3'))).toEqual([`  ERROR      PG-IAM-3   azuread_group_member.Join: ${message} Fix: ${rule.fix}`]);
    PostgresSecurityChecks.suppress(join, 'PG-IAM-3', 'on-call engineer joins the admin group for incident INC-42');
    expect(synthErrors(scope)).toEqual([]);
  });

  test('Groups Administrator granted to an outsider fails synth with the reason; suppressed on the grant with a reason, it passes (A15a-4, A15b-13)', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps());
    const grant = new TerraformResource(scope, 'Grant', { terraformResourceType: 'azuread_directory_role_assignment' });
    grant.addOverride('role_id', 'fdd7a751-b60b-444a-984c-02652fe8fa1c');
    grant.addOverride('principal_object_id', OUTSIDER);
    const message = 'azuread_directory_role_assignment.Grant grants the directory role Groups Administrator, which can add members to every group (or own it): its holder can become or act as the Entra administrator "db-admins" test/Postgres declares (azure_pg_admin), and the construct\'s props do not say so.';
    expect(synthErrors(scope)).toEqual([`  [test] azuread_directory_role_assignment.Grant PG-IAM-3 ${message} Fix: ${rule.fix}`]);
    PostgresSecurityChecks.suppress(grant, 'PG-IAM-3', 'the identity team\'s break-glass account, SEC-311');
    expect(synthErrors(scope)).toEqual([]);
  });

  test('a Graph write to the administrator group and a member of a plural lookup of it fail synth and check (A7-17)', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps());
    const graph = new TerraformResource(scope, 'Graph', { terraformResourceType: 'msgraph_resource' });
    graph.addOverride('url', `groups/${ADMIN_OBJECT_ID}/members/$ref`);
    graph.addOverride('body', { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${OUTSIDER}` });
    new TerraformDataSource(scope, 'Groups', { terraformResourceType: 'azuread_groups' }).addOverride('display_names', ['db-admins']);
    const join = new TerraformResource(scope, 'Join', { terraformResourceType: 'azuread_group_member' });
    join.addOverride('group_object_id', '${data.azuread_groups.Groups.object_ids[0]}');
    join.addOverride('member_object_id', OUTSIDER);
    const declared = 'the group "db-admins", an Entra administrator test/Postgres declares: each member administers the server (azure_pg_admin), and the construct\'s props do not list them.';
    const messages = [
      `azuread_group_member.Join adds the member "${OUTSIDER}" to ${declared}`,
      `msgraph_resource.Graph may change the members or owners (through msgraph_resource, a type no rule reads) of ${declared}`,
    ];
    expect(synthErrors(scope).filter((text) => text.includes('PG-IAM-3'))).toEqual(messages.map((message) => `  [test] ${message.split(' ')[0]} PG-IAM-3 ${message} Fix: ${rule.fix}`));
    const checked = checkOf(scope.toTerraform());
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-3'))).toEqual(messages.map((message) => `  ERROR      PG-IAM-3   ${message.split(' ')[0]}: ${message} Fix: ${rule.fix}`));
  });

  test('a plural lookup of several display names: a member of the administrator group\'s index fails synth and check, one of another group\'s passes', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps());
    new TerraformDataSource(scope, 'Groups', { terraformResourceType: 'azuread_groups' }).addOverride('display_names', ['app-readers', 'db-admins']);
    ['Readers', 'Admins'].forEach((name, index) => {
      const join = new TerraformResource(scope, name, { terraformResourceType: 'azuread_group_member' });
      join.addOverride('group_object_id', `\${data.azuread_groups.Groups.object_ids[${index}]}`);
      join.addOverride('member_object_id', OUTSIDER);
    });
    const message = `azuread_group_member.Admins adds the member "${OUTSIDER}" to the group "db-admins", an Entra administrator test/Postgres declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`;
    expect(synthErrors(scope).filter((text) => text.includes('PG-IAM-3'))).toEqual([`  [test] azuread_group_member.Admins PG-IAM-3 ${message} Fix: ${rule.fix}`]);
    const checked = checkOf(scope.toTerraform());
    expect(checked.out.filter((text) => text.includes('PG-IAM-3'))).toEqual([`  ERROR      PG-IAM-3   azuread_group_member.Admins: ${message} Fix: ${rule.fix}`]);
  });

  test('a member of a group known only at apply time fails synth and check, suppressed with a reason it passes; a group provably another passes (A14a-8)', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps());
    scope.addOverride('variable.g', { type: 'string', default: 'db-admins' });
    new TerraformDataSource(scope, 'Named', { terraformResourceType: 'azuread_group' }).addOverride('display_name', '${var.g}');
    const join = new TerraformResource(scope, 'Join', { terraformResourceType: 'azuread_group_member' });
    join.addOverride('group_object_id', '${data.azuread_group.Named.object_id}');
    join.addOverride('member_object_id', OUTSIDER);
    // Provably other groups: by another literal display name or object ID (looked up or written), and a group the stack makes.
    new TerraformDataSource(scope, 'Readers', { terraformResourceType: 'azuread_group' }).addOverride('display_name', 'app-readers');
    new TerraformDataSource(scope, 'ById', { terraformResourceType: 'azuread_group' }).addOverride('object_id', '11111111-0000-0000-0000-000000000000');
    new TerraformResource(scope, 'Made', { terraformResourceType: 'azuread_group' }).addOverride('display_name', 'db-admins-next');
    ['${data.azuread_group.Readers.object_id}', '${data.azuread_group.ById.object_id}', '${azuread_group.Made.object_id}', '22222222-0000-0000-0000-000000000000'].forEach((group, index) => {
      const other = new TerraformResource(scope, `Other${index}`, { terraformResourceType: 'azuread_group_member' });
      other.addOverride('group_object_id', group);
      other.addOverride('member_object_id', OUTSIDER);
    });
    const message = `azuread_group_member.Join adds the member "${OUTSIDER}" to a group whose group_object_id "\${data.azuread_group.Named.object_id}" is known only at apply time and may be the group "db-admins", an Entra administrator test/Postgres declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`;
    expect(synthErrors(scope)).toEqual([`  [test] azuread_group_member.Join PG-IAM-3 ${message} Fix: ${rule.fix}`]);
    const checked = checkOf(scope.toTerraform());
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-3'))).toEqual([`  ERROR      PG-IAM-3   azuread_group_member.Join: ${message} Fix: ${rule.fix}`]);
    PostgresSecurityChecks.suppress(join, 'PG-IAM-3', 'the variable names the on-call group, reviewed in CHG-7');
    expect(synthErrors(scope)).toEqual([]);
  });

  test('a construct whose administrator group\'s object ID is a variable: a member of a literal group may join it and fails synth (A14a-8)', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    const objectId = new TerraformVariable(scope, 'admin', { type: 'string', default: ADMIN_OBJECT_ID });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: objectId.stringValue, principalName: 'db-admins', principalType: EntraPrincipalType.GROUP }] }));
    const join = new TerraformResource(scope, 'Join', { terraformResourceType: 'azuread_group_member' });
    join.addOverride('group_object_id', ADMIN_OBJECT_ID);
    join.addOverride('member_object_id', OUTSIDER);
    const message = `azuread_group_member.Join adds the member "${OUTSIDER}" to a group whose group_object_id "${ADMIN_OBJECT_ID}" may be the group "db-admins", whose object ID "\${var.admin}" is known only at apply time, an Entra administrator test/Postgres declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`;
    expect(synthErrors(scope)).toEqual([`  [test] azuread_group_member.Join PG-IAM-3 ${message} Fix: ${rule.fix}`]);
  });

  test('a client secret or a federated identity credential of the declared administrator service principal fails synth and check; suppressed with a reason it passes (A14b-19)', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: ADMIN_OBJECT_ID, principalName: 'deploy-sp', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }] }));
    const secret = new TerraformResource(scope, 'Secret', { terraformResourceType: 'azuread_service_principal_password' });
    secret.addOverride('service_principal_id', `/servicePrincipals/${ADMIN_OBJECT_ID}`);
    // Another service principal's secret passes.
    new TerraformResource(scope, 'Other', { terraformResourceType: 'azuread_service_principal_password' }).addOverride('service_principal_id', OUTSIDER);
    const declared = `the service principal "deploy-sp" (object "${ADMIN_OBJECT_ID}"), an Entra administrator test/Postgres declares: whoever holds a credential of it, or owns it, can sign in to the server as that administrator (azure_pg_admin), and the construct's props do not say so.`;
    const message = `azuread_service_principal_password.Secret writes a client secret for ${declared}`;
    expect(synthErrors(scope)).toEqual([`  [test] azuread_service_principal_password.Secret PG-IAM-3 ${message} Fix: ${rule.fix}`]);
    const checked = checkOf(scope.toTerraform());
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-3'))).toEqual([`  ERROR      PG-IAM-3   azuread_service_principal_password.Secret: ${message} Fix: ${rule.fix}`]);
    PostgresSecurityChecks.suppress(secret, 'PG-IAM-3', 'the deployment pipeline signs in with this secret, rotated by SEC-311');
    expect(synthErrors(scope)).toEqual([]);
  });

  test('the declared administrator user adopted by an import with a password fails synth (A14b-19)', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: ADMIN_OBJECT_ID, principalName: 'ops@contoso.com', principalType: EntraPrincipalType.USER }] }));
    const user = new TerraformResource(scope, 'User', { terraformResourceType: 'azuread_user' });
    user.addOverride('user_principal_name', 'ops@contoso.com');
    user.addOverride('display_name', 'ops');
    user.addOverride('password', 'Attacker-Chosen-1!');
    scope.addOverride('import', [{ to: 'azuread_user.User', id: ADMIN_OBJECT_ID }]);
    const message = `azuread_user.User sets the password of the user "ops@contoso.com" (object "${ADMIN_OBJECT_ID}"), adopted by an import of its object ID, an Entra administrator test/Postgres declares: whoever holds a credential of it, or owns it, can sign in to the server as that administrator (azure_pg_admin), and the construct's props do not say so.`;
    expect(synthErrors(scope)).toEqual([`  [test] azuread_user.User PG-IAM-3 ${message} Fix: ${rule.fix}`]);
  });

  test('a Conditional Access policy exempting the administrator group fails synth and check; suppressed on the policy with a reason, it passes (A19a-9)', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps());
    const policy = new TerraformResource(scope, 'Mfa', { terraformResourceType: 'azuread_conditional_access_policy' });
    policy.addOverride('display_name', 'Require MFA');
    policy.addOverride('state', 'enabled');
    policy.addOverride('conditions', { client_app_types: ['all'], applications: { included_applications: ['All'] }, users: { included_users: ['All'], excluded_groups: [ADMIN_OBJECT_ID] } });
    policy.addOverride('grant_controls', { operator: 'OR', built_in_controls: ['mfa'] });
    expect(synthErrors(scope).join('\n')).toContain(`azuread_conditional_access_policy.Mfa PG-IAM-3 azuread_conditional_access_policy.Mfa exempts "db-admins" from a Conditional Access policy (excluded_groups: "${ADMIN_OBJECT_ID}" (the administrator group, or may be))`);
    expect(checkOf(scope.toTerraform()).code).toBe(EXIT_FINDINGS);
    PostgresSecurityChecks.suppress(policy, 'PG-IAM-3', 'break-glass exemption reviewed by security, SEC-311');
    expect(synthErrors(scope)).toEqual([]);
  });

  test('the stack\'s administrator group as a Microsoft 365 group with no visibility (Public) fails synth; Private passes (A19a-10)', () => {
    const withGroup = (visibility?: string) => {
      const scope = newStack();
      new AzurermProvider(scope, 'azurerm', { features: [{}] });
      const group = new TerraformResource(scope, 'Admins', { terraformResourceType: 'azuread_group' });
      for (const [key, value] of Object.entries({ display_name: 'db-admins', types: ['Unified'], mail_enabled: true, mail_nickname: 'db-admins', security_enabled: true, ...(visibility === undefined ? {} : { visibility }) })) group.addOverride(key, value);
      new SecureFlexibleServer(scope, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: group.getStringAttribute('object_id'), principalName: 'db-admins', principalType: EntraPrincipalType.GROUP }] }));
      return synthErrors(scope).join('\n');
    };
    expect(withGroup()).toContain('azuread_group.Admins PG-IAM-3 azuread_group.Admins lets anyone in the tenant join it without an owner\'s approval (visibility Public, Graph\'s default for a Microsoft 365 group with no visibility) of the group "db-admins"');
    expect(withGroup('Private')).toBe('');
  });

  test('a Graph federated identity credential on the application of the administrator service principal the stack makes fails synth (A19a-7)', () => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new TerraformResource(scope, 'App', { terraformResourceType: 'azuread_application' }).addOverride('display_name', 'deploy');
    const principal = new TerraformResource(scope, 'Sp', { terraformResourceType: 'azuread_service_principal' });
    principal.addOverride('client_id', '${azuread_application.App.client_id}');
    new SecureFlexibleServer(scope, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: principal.getStringAttribute('object_id'), principalName: 'deploy', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }] }));
    const federated = new TerraformResource(scope, 'Fic', { terraformResourceType: 'msgraph_resource' });
    federated.addOverride('url', '${azuread_application.App.id}/federatedIdentityCredentials');
    federated.addOverride('body', { name: 'gh', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:contoso/x:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] });
    expect(synthErrors(scope).join('\n')).toContain('msgraph_resource.Fic PG-IAM-3 msgraph_resource.Fic may add a credential or owner (through msgraph_resource, a type no rule reads) to the application of the service principal "deploy"');
  });

  test('32nd run, A32a-3: the administrator user joining an existing group through (each).value over toset([its ID]) fails synth and check; over another ID it passes', () => {
    const build = (item: string, spelling: string) => {
      const scope = newStack();
      new AzurermProvider(scope, 'azurerm', { features: [{}] });
      new SecureFlexibleServer(scope, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: ADMIN_OBJECT_ID, principalName: 'ops@contoso.com', principalType: EntraPrincipalType.USER }] }));
      const join = new TerraformResource(scope, 'Join', { terraformResourceType: 'azuread_group_member' });
      join.addOverride('for_each', `\${toset(["${item}"])}`);
      join.addOverride('group_object_id', '11111111-1111-1111-1111-111111111111');
      join.addOverride('member_object_id', spelling);
      return scope;
    };
    for (const spelling of ['${(each).value}', '${values(each)[1]}', '${merge(each).value}']) {
      expect(synthErrors(build(ADMIN_OBJECT_ID, spelling)).filter((text) => text.includes('PG-IAM-3'))).toEqual([expect.stringMatching(/^ {2}\[test\] azuread_group_member\.Join PG-IAM-3 /)]);
      expect(checkOf(build(ADMIN_OBJECT_ID, spelling).toTerraform()).code).toBe(EXIT_FINDINGS);
      expect(synthErrors(build(OUTSIDER, spelling))).toEqual([]);
      expect(checkOf(build(OUTSIDER, spelling).toTerraform()).code).toBe(EXIT_OK);
    }
  });
});
