// PGF-IAM-7 and PGS-IAM-3 beyond their own tests: tenants written with blanks, a server outside the
// stack, no administrator, and three administrators of one Single Server.
import { rule as sameTenant } from '../../../../lib/checks/rules/PGF-IAM-7';
import { rule as oneAdministrator } from '../../../../lib/checks/rules/PGS-IAM-3';
import { compliantFlexibleServer, FLEXIBLE, judgeAll, outsideAddress, Resources } from '../../rule-harness';
import { singleStack } from '../../single-fixtures';

const TENANT = '11111111-2222-3333-4444-555555555555';
const OTHER = '99999999-2222-3333-4444-555555555555';
const FLEXIBLE_ADMIN = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const SINGLE_ADMIN = 'azurerm_postgresql_active_directory_administrator';

describe('PGF-IAM-7', () => {
  const admin = (tenant: unknown, server = `\${${FLEXIBLE}.db.name}`) => ({ server_name: server, resource_group_name: 'rg', principal_name: 'p', principal_type: 'Group', object_id: '99999999-9999-9999-9999-999999999999', tenant_id: tenant });
  const withTenant = (tenant: string, admins: { [name: string]: object }): Resources => ({
    [FLEXIBLE]: { db: compliantFlexibleServer({ authentication: { active_directory_auth_enabled: true, password_auth_enabled: false, tenant_id: tenant } }) },
    [FLEXIBLE_ADMIN]: admins as Resources[string],
  });

  test('compares tenants without their blanks, and fails each administrator of another tenant', () => {
    expect(judgeAll(sameTenant, withTenant(` ${TENANT} `, { a: admin(`${TENANT}  `) }))).toEqual([{ status: 'pass' }]);
    expect(judgeAll(sameTenant, withTenant(TENANT, { a: admin(OTHER), b: admin(` ${TENANT}`), c: admin(`${OTHER.toUpperCase()}`) }))).toEqual([
      { status: 'fail', message: `${FLEXIBLE_ADMIN}.a is an administrator of tenant "${OTHER}", not of the server's tenant "${TENANT}".`, address: `${FLEXIBLE_ADMIN}.a` },
      { status: 'fail', message: `${FLEXIBLE_ADMIN}.c is an administrator of tenant "${OTHER.toUpperCase()}", not of the server's tenant "${TENANT}".`, address: `${FLEXIBLE_ADMIN}.c` },
    ]);
  });

  test('compares tenants whose letters differ in case only as the same tenant', () => {
    const lettered = 'abcdef12-2222-3333-4444-555555555555';
    expect(judgeAll(sameTenant, withTenant(lettered, { a: admin(lettered.toUpperCase()) }))).toEqual([{ status: 'pass' }]);
  });

  test('is not applicable to a server defined outside this stack, whose tenant it cannot read', () => {
    const pointer = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/ext-db';
    const resources = { [FLEXIBLE_ADMIN]: { a: { ...admin(OTHER), server_name: 'ext-db', server_id: pointer } } };
    expect(judgeAll(sameTenant, resources, outsideAddress('flexible', pointer))).toEqual([
      { status: 'not-applicable', note: 'the server\'s authentication tenant_id is not written as a literal in this stack' },
    ]);
  });
});

describe('PGS-IAM-3', () => {
  const admin = (login: string) => ({ server_name: '${azurerm_postgresql_server.db.name}', resource_group_name: 'rg', login, object_id: '99999999-9999-9999-9999-999999999999', tenant_id: TENANT });

  test('is not applicable to a server without an Entra administrator here', () => {
    expect(judgeAll(oneAdministrator, singleStack())).toEqual([{ status: 'not-applicable', note: 'the server has no Entra administrator in this stack' }]);
  });

  test('fails every administrator after the first, naming all three', () => {
    const admins = { a: admin('a'), b: admin('b'), c: admin('c') };
    const all = `${SINGLE_ADMIN}.a, ${SINGLE_ADMIN}.b, ${SINGLE_ADMIN}.c`;
    expect(judgeAll(oneAdministrator, singleStack({ [SINGLE_ADMIN]: admins }))).toEqual(['b', 'c'].map((name) => ({
      status: 'fail',
      message: `${SINGLE_ADMIN}.${name} is a second Entra administrator of the server (${all}): Single Server keeps one, so each apply replaces the other.`,
      address: `${SINGLE_ADMIN}.${name}`,
    })));
  });
});
