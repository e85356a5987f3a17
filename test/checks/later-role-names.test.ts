import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { GrantRole } from '@cdktf/provider-postgresql/lib/grant-role';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// Fourteenth review, A14a-10 (in-database): a DatabaseAccess role's name may be a token. Declared read-only under a
// variable (default "reporting"), a grant or membership that names "reporting" by literal may be one to the declared
// role: judged at its declared level (PGD-IAM-13), as with the role declared by literal.

function declared(name: (stack: TerraformStack) => string): { stack: TerraformStack; access: DatabaseAccess } {
  const stack = providerStack();
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  const access = new DatabaseAccess(stack, 'Access', { server, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [{ name: name(stack), database: 'orders', access: AccessLevel.READ_ONLY,
    member: DatabasePrincipal.entra({ objectId: 'aaaaaaaa-0000-0000-0000-000000000001', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) }] });
  return { stack, access };
}
const variable = (stack: TerraformStack) => new TerraformVariable(stack, 'role', { type: 'string', default: 'reporting' }).stringValue;
const template = (stack: TerraformStack) => `${new TerraformVariable(stack, 'env', { type: 'string', default: 'prod' }).stringValue}-reporting`;
const failedOn = (stack: TerraformStack, address: string) => synthErrors(stack).filter((line) => line.split(' ')[3] === address).map((line) => line.split(' ')[4]);

test('membership of the read-write group granted to a literal the role\'s variable name may be fails PGD-IAM-13, saying the name is known only at apply time', () => {
  const { stack, access } = declared(variable);
  new GrantRole(stack, 'Raise', { provider: access.provider, role: 'reporting', grantRole: 'orders_readwrite' });
  expect(failedOn(stack, 'postgresql_grant_role.Raise')).toContain('PGD-IAM-13');
  expect(synthErrors(stack).join('\n')).toMatch(/role "reporting" may be role \$\{var\.role\}, whose name is known only at apply time/);
});

test('INSERT, UPDATE, DELETE granted to that literal fail PGD-IAM-13 (beyond the declared read-only level); SELECT passes', () => {
  const [raised, reading] = [['SELECT', 'INSERT', 'UPDATE', 'DELETE'], ['SELECT']].map((privileges) => {
    const { stack, access } = declared(variable);
    new Grant(stack, 'Raise', { provider: access.provider, role: 'reporting', database: 'orders', schema: 'public', objectType: 'table', privileges });
    return stack;
  });
  expect(failedOn(raised, 'postgresql_grant.Raise')).toContain('PGD-IAM-13');
  expect(synthErrors(raised).join('\n')).toMatch(/beyond the readonly level/);
  expect(failedOn(reading, 'postgresql_grant.Raise')).not.toContain('PGD-IAM-13');
});

test('control: a literal the role\'s templated name cannot spell is another role (the read-write group may be granted to it)', () => {
  const { stack, access } = declared(template);
  new GrantRole(stack, 'Raise', { provider: access.provider, role: 'billing', grantRole: 'orders_readwrite' });
  expect(failedOn(stack, 'postgresql_grant_role.Raise')).toEqual([]);
});

test('with the template, a literal it may spell fails PGD-IAM-13', () => {
  const { stack, access } = declared(template);
  new GrantRole(stack, 'Raise', { provider: access.provider, role: 'prod-reporting', grantRole: 'orders_readwrite' });
  expect(failedOn(stack, 'postgresql_grant_role.Raise')).toContain('PGD-IAM-13');
});

test('a membership of a literal the later name may be is judged as the declared role\'s own: the same group check, unknown alike', () => {
  const lines = (name: (stack: TerraformStack) => string, grantRole: (stack: TerraformStack) => string) => {
    const { stack, access } = declared(name);
    new GrantRole(stack, 'Raise', { provider: access.provider, role: 'reporting', grantRole: grantRole(stack) });
    return synthErrors(stack).filter((line) => line.includes('PGD-IAM-13') && line.includes('postgresql_grant_role.Raise'));
  };
  const owner = () => 'orders_owner';
  const later = (stack: TerraformStack) => new TerraformVariable(stack, 'group', { type: 'string' }).stringValue;
  for (const name of [() => 'reporting', variable]) {
    expect(lines(name, owner).join('\n')).toMatch(/is made a member of orders_owner by postgresql_grant_role\.Raise; test\/Access makes it a member of orders_readonly only/);
    expect(lines(name, later).join('\n')).toMatch(/grant_role of postgresql_grant_role\.Raise is known only at apply time/);
  }
});
