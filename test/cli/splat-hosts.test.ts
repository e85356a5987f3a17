import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { minimalProps } from '../helpers';
import { checkStack } from './cli-harness';

// 35th run, A35b-2: HCL reads an index after a legacy splat's attributes on the list the splat makes (hashicorp/hcl hclsyntax/spec.md
// "Splat Operators": `tuple.*.foo.bar[0]` is `[for v in tuple: v.foo.bar][0]`, `tuple[*].foo.bar[0]` is `[for v in tuple: v.foo.bar[0]]`),
// so a provider host `${S.*.fqdn[0]}` is the server's fqdn, a text. `check` read it as `[S.fqdn[0]]`, a list, and exited 2.

const SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';
const LOOKUP = 'data.azurerm_postgresql_flexible_server.L';

/** A DatabaseAccess stack with a raw provider of the given host beside it (and a lookup of the server, L), checked as `check` reads a file. */
function checkHost(host: string, lookup: object = {}): { code: number; text: string } {
  const stack = new TerraformStack(Testing.app(), 'splat');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
  stack.addOverride(LOOKUP, { name: 'orders-db', resource_group_name: 'rg-orders', ...lookup });
  const provider = new PostgresqlProvider(stack, 'raw', { alias: 'raw', host, database: 'postgres', sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true });
  new Grant(stack, 'G', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
  const { code, out, err } = checkStack(stack);
  return { code, text: [...out, ...err].join('\n') };
}

describe('a provider host read through a splat of a resource or lookup (A35b-2)', () => {
  test.each([
    ['a legacy splat of the server and an index', `\${${SERVER}.*.fqdn[0]}`],
    ['a legacy splat of a lookup and an index', `\${${LOOKUP}.*.fqdn[0]}`],
    ['lower of a legacy splat and an index', `\${lower(${SERVER}.*.fqdn[0])}`],
    ['the fqdn (control)', `\${${SERVER}.fqdn}`],
    // The server has no count: its full splat is a list of one, which join writes without the separator. The providers are read from
    // the aliased JSON since the 47th run, which reads this splat so (instance-references.ts); before, the host failed closed.
    ['join of a full splat of the server with a query as separator', `\${join("/x?sslmode=disable&y=", ${SERVER}[*].fqdn)}`],
  ])('%s is judged and passes (exit 0)', (_what, host) => {
    const result = checkHost(host);
    expect(result.text).not.toMatch(/PGD-TLS-1|where Terraform needs text/);
    expect(result.code).toBe(EXIT_OK);
  });

  // A lookup with count: `L.*.fqdn[0]` is its first instance's fqdn.
  test.each([
    ['count', { count: 1 }, `\${${LOOKUP}.*.fqdn[0]}`],
    ['count, by its instance', { count: 1 }, `\${${LOOKUP}[0].fqdn}`],
  ])('a lookup with %s passes (exit 0)', (_what, lookup, host) => {
    const result = checkHost(host, lookup);
    expect(result.text).not.toMatch(/PGD-TLS-1|where Terraform needs text/);
    expect(result.code).toBe(EXIT_OK);
  });

  test.each([
    ['a legacy splat and a query', `\${${SERVER}.*.fqdn[0]}/x?sslmode=disable&y=`],
    ['a lookup\'s legacy splat and a query', `\${${LOOKUP}.*.fqdn[0]}?sslmode=disable&x=`],
  ])('%s fails PGD-TLS-1 on the grant (exit 1)', (_what, host) => {
    const result = checkHost(host);
    expect(result.text).toMatch(/ERROR +PGD-TLS-1 +postgresql_grant\.G:/);
    expect(result.code).toBe(EXIT_FINDINGS);
  });

  test('a lookup with count: its legacy splat and a query fails PGD-TLS-1 (exit 1)', () => {
    const result = checkHost(`\${${LOOKUP}.*.fqdn[0]}?sslmode=disable&x=`, { count: 1 });
    expect(result.text).toMatch(/ERROR +PGD-TLS-1 +postgresql_grant\.G:/);
    expect(result.code).toBe(EXIT_FINDINGS);
  });

  // one() of the list is its one item, the fqdn (with several instances Terraform refuses it).
  test('one(S.*.fqdn) passes (exit 0)', () => {
    const result = checkHost(`\${one(${SERVER}.*.fqdn)}`);
    expect(result.text).not.toMatch(/PGD-TLS-1|where Terraform needs text/);
    expect(result.code).toBe(EXIT_OK);
  });

  // What Terraform refuses as a text: a list (`S.*.fqdn`), an index of a text inside a full splat (`[S.fqdn[0]]`, each item's fqdn
  // indexed) or after a legacy one (`.0` is a legacy index of each item: `[S.fqdn[0]]`).
  test.each([
    ['a legacy splat without an index', `\${${SERVER}.*.fqdn}`],
    ['a full splat and an index', `\${${SERVER}[*].fqdn[0]}`],
    ['a lookup\'s full splat and an index', `\${${LOOKUP}[*].fqdn[0]}`],
    ['a legacy splat and a legacy index', `\${${SERVER}.*.fqdn.0}`],
  ])('%s is refused as a list (exit 2)', (_what, host) => {
    const result = checkHost(host);
    expect(result.text).toMatch(/provider\.postgresql\.host is list, where Terraform needs text/);
    expect(result.code).toBe(EXIT_BAD_INPUT);
  });
});
