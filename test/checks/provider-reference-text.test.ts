import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { evaluateStack, Finding } from '../../lib/checks/evaluate';
import { joinStacks } from '../../lib/checks/other-stacks';
import { unreadProviderReference } from '../../lib/checks/provider-facts';
import { RuleSeverity } from '../../lib/checks/rule';
import { ALL_RULES } from '../../lib/checks/rules';
import { rule as iam11 } from '../../lib/checks/rules/PGD-IAM-11';
import { databaseStack, declaredAccess, groupRole, judgeDeclared } from './database-fixtures';
import { minimalProps } from '../helpers';

// Terraform reads a JSON `provider` meta-argument as HCL traversal syntax (hashicorp/hcl json/structure.go AsTraversal:
// hclsyntax.ParseTraversalAbs, which skips blanks and comments between tokens: "postgresql . mine" is postgresql.mine), and
// OpenTofu 1.9 parses it as an HCL expression with an instance key (internal/configs/resource.go decodeProviderConfigRef:
// `postgresql.by_key[each.key]`, `postgresql.mine["a"]`). The checks read `<name>` and `<name>.<alias>` only: any other
// spelling fails PGD-TLS-1 closed, with a message naming the reference as written, not as a provider "not configured".

/** A stack with a DatabaseAccess on its server, a verify-full provider block `postgresql.mine` (for_each keys when given), and a grant naming its provider as `reference`. */
function grantThrough(reference: string, forEach?: { [key: string]: string }): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'refs');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
  const host = `\${${postgres.server.terraformResourceType}.${postgres.server.friendlyUniqueId}.fqdn}`;
  stack.addOverride('provider.postgresql', [{
    alias: forEach === undefined ? 'mine' : 'by_key', host, port: 5432, database: 'postgres', username: 'db-admins',
    sslmode: 'verify-full', azure_identity_auth: true, azure_tenant_id: 't', superuser: false, ...(forEach === undefined ? {} : { for_each: forEach }),
  }]);
  const grant = new TerraformResource(stack, 'Mine', { terraformResourceType: 'postgresql_grant' });
  const settings = { provider: reference, database: 'orders', role: 'public', object_type: 'database', privileges: [], ...(forEach === undefined ? {} : { for_each: forEach }) };
  for (const [name, value] of Object.entries(settings)) grant.addOverride(name, value);
  return stack;
}

const findingsOf = (stack: TerraformStack, rule: string): Finding[] =>
  evaluateStack(JSON.parse(Testing.synth(stack)), ALL_RULES).findings.filter((finding) => finding.ruleId === rule && finding.status === 'fail');

describe('a provider reference the checks do not read fails PGD-TLS-1 closed, naming it as written', () => {
  test.each([
    ['blanks around the dot', 'postgresql . mine', undefined],
    ['a trailing blank', 'postgresql.mine ', undefined],
    ['a leading blank', ' postgresql.mine', undefined],
    ['a tab', 'postgresql\t.mine', undefined],
    ['a comment after it', 'postgresql.mine # the grants', undefined],
    ['a literal instance key (OpenTofu 1.9)', 'postgresql.by_key["a"]', { a: 'x' }],
    ['an each.key instance key (OpenTofu 1.9)', 'postgresql.by_key[each.key]', { a: 'x', b: 'y' }],
    ['an instance key with blanks', 'postgresql.by_key [ each.key ]', { a: 'x' }],
    ['an interpolation', '${postgresql.mine}', undefined],
  ])('%s: %j', (_name, reference, forEach) => {
    const tls = findingsOf(grantThrough(reference, forEach), 'PGD-TLS-1');
    expect(tls.map((finding) => [finding.severity, finding.address])).toContainEqual([RuleSeverity.ERROR, 'postgresql_grant.Mine']);
    const messages = tls.filter((finding) => finding.address === 'postgresql_grant.Mine').map((finding) => finding.message ?? '');
    expect(messages.join('\n')).toContain(JSON.stringify(reference));
    expect(messages.join('\n')).not.toMatch(/not configured/);
  });
});

describe('the same for a data source and for another local name of cyrilgdn/postgresql', () => {
  test('a postgresql data source read through "postgresql . mine" fails PGD-TLS-1 closed, naming it', () => {
    const stack = grantThrough('postgresql.mine');
    stack.addOverride('data.postgresql_schemas.s', { provider: 'postgresql . mine', database: 'orders' });
    const tls = findingsOf(stack, 'PGD-TLS-1').filter((finding) => finding.address === 'data.postgresql_schemas.s');
    expect(tls.map((finding) => finding.severity)).toEqual([RuleSeverity.ERROR]);
    expect(tls[0].message).toContain('data.postgresql_schemas.s names its provider as "postgresql . mine"');
  });

  test('"pg2 . x" under a local name required from cyrilgdn/postgresql fails closed, naming it; "pg2.x" passes', () => {
    const through = (reference: string) => {
      const stack = grantThrough('postgresql.mine');
      stack.addOverride('terraform.required_providers.pg2', { source: 'cyrilgdn/postgresql' });
      stack.addOverride('provider.pg2', [{ alias: 'x', host: '${azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78.fqdn}', port: 5432, database: 'postgres', username: 'db-admins', sslmode: 'verify-full', azure_identity_auth: true, azure_tenant_id: 't', superuser: false }]);
      stack.addOverride('resource.postgresql_grant.Mine.provider', reference);
      return findingsOf(stack, 'PGD-TLS-1').filter((finding) => finding.address === 'postgresql_grant.Mine');
    };
    expect(through('pg2 . x').map((finding) => finding.message)).toEqual([expect.stringContaining('names its provider as "pg2 . x"')]);
    expect(through('pg2.x')).toEqual([]);
  });
});

describe('controls', () => {
  test('the reference as the checks read it, to a verify-full block, passes PGD-TLS-1', () => {
    expect(findingsOf(grantThrough('postgresql.mine'), 'PGD-TLS-1')).toEqual([]);
  });

  test('a well-formed reference to an alias no block has is still "not configured"', () => {
    const tls = findingsOf(grantThrough('postgresql.other'), 'PGD-TLS-1');
    expect(tls.map((finding) => finding.address)).toContain('postgresql_grant.Mine');
    expect(tls.map((finding) => finding.message).join('\n')).toMatch(/provider postgresql\.other is not configured in this stack/);
  });
});


describe('the other rules that read the provider block name the reference as written too', () => {
  test('PGD-IAM-10 (a warning on raw resources) does not claim azure_identity_auth is unset', () => {
    const iam10 = findingsOf(grantThrough('postgresql . mine'), 'PGD-IAM-10').filter((finding) => finding.address === 'postgresql_grant.Mine');
    expect(iam10.map((finding) => finding.message ?? '')).toEqual([expect.stringContaining('names its provider as "postgresql . mine", which the checks do not read')]);
    expect(iam10.map((finding) => finding.message).join('\n')).not.toMatch(/not set/);
  });

  test.each(['postgresql . db', 'postgresql.db["a"]'])('PGD-IAM-11: a DatabaseAccess declaration whose provider is %j fails closed, naming it', (provider) => {
    const verdicts = judgeDeclared(iam11, databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') } }), [declaredAccess({ provider })]);
    expect(verdicts[0]).toEqual({ status: 'unknown', note: `provider ${provider} of stack/Access names its provider as ${JSON.stringify(provider)}, which the checks do not read as a provider reference `
      + '(they read a provider\'s local name, optionally followed by "." and a configuration alias, without blanks, comments or an instance key), so which provider block it signs in through '
      + '(where and how it sends its token) is unknown' });
  });

  test('a resource of another stack of the app keeps its reference as written when the checks do not read it; one they read is renamed', () => {
    const other = { provider: { postgresql: [{ alias: 'mine', host: 'h' }] }, resource: { postgresql_role: {
      spaced: { provider: 'postgresql . mine', name: 's' }, keyed: { provider: 'postgresql.mine[each.key]', name: 'k' }, plain: { provider: 'postgresql.mine', name: 'p' },
    } } };
    const [, joined] = joinStacks({}, 'ops', [{ path: 'data', terraform: other }]).terraform as { resource: { postgresql_role: { [name: string]: { provider: string } }[] }[] }[];
    const roles = joined.resource[0].postgresql_role[0];
    expect(['spaced', 'keyed', 'plain'].map((name) => roles[`data__${name}`].provider)).toEqual(['postgresql . mine', 'postgresql.mine[each.key]', 'postgresql.data__mine']);
  });

  test('the renamed key of another stack\'s provider under a local name not read is still "not configured", not an unread reference', () => {
    expect(unreadProviderReference('postgresql.data__fork:default')).toBeUndefined();
    expect(unreadProviderReference('pg2.x')).toBeUndefined();
    expect(unreadProviderReference('pg2 . x')).toBeDefined();
  });
});
