// PGD-IAM-11 beyond its own tests: the FQDN of another server, values written as text, and which
// resources are the construct's (postgresql types only, at or below its path).
import { rule } from '../../../../lib/checks/rules/PGD-IAM-11';
import { databaseStack, groupRole, judgeDeclared, PROVIDER } from '../../database-fixtures';
import { FLEXIBLE } from '../../rule-harness';

const PATH = 'stack/Access';
const at = (path: string, block: object) => ({ ...block, '//': { metadata: { path } } });
const ROLES = { postgresql_role: { ro: at(`${PATH}/Database-orders/Group-orders_readonly`, groupRole('orders_readonly')) } };

function withProvider(attributes: { [key: string]: unknown }, resources: object = ROLES): ReturnType<typeof databaseStack> {
  const stack = databaseStack(resources as never);
  const [provider] = (stack.provider as { postgresql: { [key: string]: unknown }[] }).postgresql;
  return { ...stack, provider: { postgresql: [{ ...provider, port: 5432, username: 'grp-dba', azure_tenant_id: '11111111-2222-3333-4444-555555555555', connect_timeout: 30, ...attributes }] } };
}

test('fails a host that is the FQDN of another server', () => {
  expect(judgeDeclared(rule, withProvider({ host: `\${${FLEXIBLE}.other.fqdn}` }))).toEqual([{
    status: 'fail',
    message: `provider ${PROVIDER} of ${PATH} has host "\${${FLEXIBLE}.other.fqdn}", not the FQDN of ${FLEXIBLE}.db: the Entra token of grp-dba is sent there, and the roles, grants and PUBLIC revokes are made there instead of on the server.`,
    address: 'postgresql_role.ro',
  }]);
});

test('passes the port, the identity and superuser written as text', () => {
  expect(judgeDeclared(rule, withProvider({ port: '5432', azure_identity_auth: 'true', superuser: 'false' }))).toEqual([{ status: 'pass' }]);
});

test('fails a username written null', () => {
  expect(judgeDeclared(rule, withProvider({ username: null }))).toEqual([{
    status: 'fail', message: `provider ${PROVIDER} of ${PATH} signs in as null, not as the declared administrator "grp-dba".`, address: 'postgresql_role.ro',
  }]);
});

test('judges only the postgresql resources at or below the construct\'s path', () => {
  const resources = {
    ...ROLES,
    postgresql_grant: { sibling: at('stack/Access2/Grant', { provider: 'postgresql.other', database: 'orders', role: 'x', object_type: 'table', privileges: [] }) },
    azurerm_resource_group: { own: at(`${PATH}/Group`, { provider: 'azurerm.other', name: 'rg', location: 'westeurope' }) },
  };
  expect(judgeDeclared(rule, withProvider({}, resources))).toEqual([{ status: 'pass' }]);
});
