import { rule } from '../../../lib/checks/rules/PGF-IAM-7';
import { compliantFlexibleServer, FLEXIBLE, judgeAll, Resources } from '../rule-harness';

const TENANT = '11111111-2222-3333-4444-555555555555';
const admin = (tenant: unknown) => ({ server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', principal_name: 'p', principal_type: 'Group', object_id: '99999999-9999-9999-9999-999999999999', tenant_id: tenant });
const withAdmins = (admins: { [name: string]: object }, server = compliantFlexibleServer()): Resources => ({
  [FLEXIBLE]: { db: server },
  azurerm_postgresql_flexible_server_active_directory_administrator: admins as Resources[string],
});

test('passes administrators of the server\'s tenant, in any case, and one whose tenant is a reference', () => {
  expect(judgeAll(rule, withAdmins({ a: admin(TENANT), b: admin(TENANT.toUpperCase()), c: admin('${var.tenant}') }))).toEqual([{ status: 'pass' }]);
});

test('is not applicable when the server\'s tenant is a reference, or when it has no administrator here', () => {
  const byReference = compliantFlexibleServer({ authentication: { active_directory_auth_enabled: true, password_auth_enabled: false, tenant_id: '${var.tenant}' } });
  expect(judgeAll(rule, withAdmins({ a: admin('99999999-2222-3333-4444-555555555555') }, byReference))).toEqual([
    { status: 'not-applicable', note: 'the server\'s authentication tenant_id is not written as a literal in this stack' },
  ]);
  expect(judgeAll(rule, withAdmins({}))).toEqual([{ status: 'not-applicable', note: 'the server has no Entra administrator in this stack' }]);
});

test('fails an administrator of another tenant', () => {
  expect(judgeAll(rule, withAdmins({ ours: admin(TENANT), outsider: admin('99999999-2222-3333-4444-555555555555') }))).toEqual([{
    status: 'fail',
    message: `azurerm_postgresql_flexible_server_active_directory_administrator.outsider is an administrator of tenant "99999999-2222-3333-4444-555555555555", not of the server's tenant "${TENANT}".`,
    address: 'azurerm_postgresql_flexible_server_active_directory_administrator.outsider',
  }]);
});
