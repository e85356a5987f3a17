import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, EntraPrincipalType, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { minimalProps, minimalSingleProps, providerStack, synthErrors } from '../helpers';
import { checkStack } from '../cli/cli-harness';

// A3-1 of the third review: a constant condition the evaluator would read otherwise than Terraform
// (objects compared, strings outside ASCII, numbers beyond a double, types Terraform unifies) is
// not evaluated: the security setting made of it is known only at apply time, and fails synth and
// the check command like any other value that cannot be judged.

const SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';
const TLS_PARAMETER = 'azurerm_postgresql_flexible_server_configuration.Postgres_Parameter-require_secure_transport_842FA61E';

function flexible(configure: (postgres: SecureFlexibleServer, stack: TerraformStack) => void): TerraformStack {
  const stack = providerStack('trust');
  configure(new SecureFlexibleServer(stack, 'Postgres', minimalProps()), stack);
  return stack;
}

/** The check command's exit code and its finding lines on the stack's JSON as cdktf would write it. */
function check(stack: TerraformStack): { code: number; lines: string[] } {
  const { code, out, err } = checkStack(stack);
  return { code, lines: [...out, ...err].filter((line) => / ERROR /.test(line)).map((line) => line.trim()) };
}

function tlsParameter(postgres: SecureFlexibleServer): TerraformResource {
  return postgres.node.findChild('Parameter-require_secure_transport') as TerraformResource;
}

describe('require_secure_transport from a condition outside the evaluated subset fails synth and check', () => {
  test.each([
    '${{a=1,b=2} == {b=2,a=1} ? "off" : "on"}',
    '${"\\u00e9" == "e\\u0301" ? "off" : "on"}',
    '${9007199254740993 != 9007199254740992 ? "off" : "on"}',
    '${1e400 != 1e401 ? "off" : "on"}',
    '${tostring(0.1+0.2) == "0.3" ? "off" : "on"}',
    '${upper("\\ufb00") == "FF" ? "on" : "off"}',
    '${trimspace("\\ufeffx") == "x" ? "on" : "off"}',
  ])('%s', (value) => {
    const build = () => flexible((postgres) => tlsParameter(postgres).addOverride('value', value));
    const expected = `[trust] ${TLS_PARAMETER} PGF-TLS-1 server parameter require_secure_transport is known only at apply time, so it cannot be judged at synth. `
      + 'Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".';
    expect(synthErrors(build())).toContain(`  ${expected}`);
    const result = check(build());
    expect(result.code).toBe(1);
    expect(result.lines.filter((line) => line.includes('PGF-TLS-1'))).toHaveLength(1);
    expect(result.lines.find((line) => line.includes('PGF-TLS-1'))).toContain('server parameter require_secure_transport is known only at apply time, so it cannot be judged at synth.');
  });
});

describe('types Terraform unifies are evaluated as Terraform does', () => {
  test.each([
    '${(true ? 1 : "a") == 1 ? "on" : "off"}',
    '${coalesce(1, "x") == 1 ? "on" : "off"}',
  ])('%s is "off": fails synth', (value) => {
    const stack = flexible((postgres) => tlsParameter(postgres).addOverride('value', value));
    expect(synthErrors(stack)).toContain(`  [trust] ${TLS_PARAMETER} PGF-TLS-1 server parameter require_secure_transport is "off", not "on". `
      + 'Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".');
  });

  test('"${"on"}" and a plain-ASCII conditional still pass', () => {
    expect(synthErrors(flexible((postgres) => tlsParameter(postgres).addOverride('value', '${"on"}')))).toEqual([]);
    expect(synthErrors(flexible((postgres) => tlsParameter(postgres).addOverride('value', '${upper("x") == "X" ? "on" : "off"}')))).toEqual([]);
  });
});

test('public access from an object comparison fails synth and check', () => {
  const build = () => flexible((postgres) => postgres.server.addOverride('public_network_access_enabled', '${{x="a",y="b"} == {y="b",x="a"}}'));
  const errors = synthErrors(build());
  expect(errors.filter((line) => line.includes(' PGF-NET-1 '))).toEqual([
    `  [trust] ${SERVER} PGF-NET-1 public_network_access_enabled is known only at apply time, so it cannot be judged at synth. `
      + 'Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.',
  ]);
  expect(check(build()).code).toBe(1);
});

test('a public replica whose create_mode compares objects is judged as a copy and fails synth', () => {
  const stack = flexible((postgres, scope) => new PostgresqlFlexibleServer(scope, 'Replica', {
    name: 'orders-replica', resourceGroupName: 'rg-orders', location: 'northeurope',
    createMode: '${{a=1,b=2} == {b=2,a=1} ? "Replica" : "Default"}', sourceServerId: postgres.server.id, publicNetworkAccessEnabled: true,
  }));
  expect(synthErrors(stack).filter((line) => line.includes('azurerm_postgresql_flexible_server.Replica PGF-NET-1'))).toEqual([
    '  [trust] azurerm_postgresql_flexible_server.Replica PGF-NET-1 public_network_access_enabled is true, not false. '
      + 'Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.',
  ]);
});

test('Single Server: ssl_enforcement_enabled from an object comparison fails synth', () => {
  const stack = providerStack('trust');
  const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
  legacy.server.addOverride('ssl_enforcement_enabled', '${{a=1,b=2} != {b=2,a=1}}');
  expect(synthErrors(stack).filter((line) => line.includes(' PGS-TLS-1 '))).toEqual([
    '  [trust] azurerm_postgresql_server.Legacy_Server_BD4265F7 PGS-TLS-1 ssl_enforcement_enabled is known only at apply time, so it cannot be judged at synth. '
      + 'Fix: Set ssl_enforcement_enabled = true.',
  ]);
});

test('DatabaseAccess\'s provider host chosen by an object comparison fails PGD-IAM-11', () => {
  const stack = providerStack('trust');
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  new DatabaseAccess(stack, 'OrdersAccess', {
    server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'],
    roles: [{ name: 'orders_app', database: 'orders', access: AccessLevel.READ_WRITE,
      member: DatabasePrincipal.entra({ objectId: '77777777-7777-7777-7777-777777777777', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) }],
  });
  const provider = stack.node.findAll().find((c) => c.constructor.name === 'PostgresqlProvider') as TerraformProvider;
  provider.addOverride('host', `\${{a=1,b=2} == {b=2,a=1} ? "evil.example.com" : ${SERVER}.fqdn}`);
  expect(synthErrors(stack).filter((line) => line.includes(' PGD-IAM-11 '))).toEqual([
    '  [trust] postgresql_extension.OrdersAccess_Database-orders_Pgaudit_6EFD9361 PGD-IAM-11 provider postgresql.cdktf_azure_postgres_postgresql_c8a0d5367fde42f2 '
      + `of trust/OrdersAccess has host "\${{a=1,b=2} == {b=2,a=1} ? \\"evil.example.com\\" : ${SERVER}.fqdn}", not the FQDN of ${SERVER}: `
      + 'the Entra token of db-admins is sent there, and the roles, grants and PUBLIC revokes are made there instead of on the server. '
      + 'Fix: Remove the override of the DatabaseAccess provider, of its resources\' provider or of its declaration in the JSON; change the DatabaseAccess props instead.',
  ]);
});
