import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { postgresqlProviders } from '../../lib/checks/database-checks';
import { evaluateStack } from '../../lib/checks/evaluate';
import { azurermProviders, literalSubscription } from '../../lib/checks/provider-facts';
import { RuleSeverity } from '../../lib/checks/rule';
import { ALL_RULES } from '../../lib/checks/rules';
import { ResourceView } from '../../lib/checks/stack-model';
import { minimalProps, synthErrors } from '../helpers';

// Terraform maps a provider local name to its provider through terraform.required_providers, else to hashicorp/<name>, and a
// resource runs with the local name its "provider" meta-argument names, else its type's prefix (hashicorp/terraform
// internal/configs/module.go, ProviderForLocalConfig and ImpliedProviderForUnqualifiedType). A cyrilgdn/postgresql provider under
// another local name ("pg2") is read as the postgresql one is (37th run, A37a-3); a name required from elsewhere fails PG-CFG-5.
// cyrilgdn/postgresql writes sslrootcert into its URL only when it is not "" (config.go connParams): "" and null are unset (A37a-2).

const SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';

/** A stack with a DatabaseAccess and a grant through a user's own provider block `provider.<local>`, required from `source` (none: not required). */
function throughLocalName(local: string, source: string | undefined, block: { [name: string]: unknown }, reference = local): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'names');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
  if (source !== undefined) stack.addOverride(`terraform.required_providers.${local}`, { source });
  stack.addOverride(`provider.${local}`, [{
    host: `\${${postgres.server.terraformResourceType}.${postgres.server.friendlyUniqueId}.fqdn}`, port: 5432, database: 'postgres', username: 'db-admins',
    sslmode: 'verify-full', azure_identity_auth: true, azure_tenant_id: 't', superuser: false, ...block,
  }]);
  const grant = new TerraformResource(stack, 'Mine', { terraformResourceType: 'postgresql_grant' });
  for (const [name, value] of Object.entries({ provider: reference, database: 'orders', role: 'public', object_type: 'database', privileges: [] })) grant.addOverride(name, value);
  return stack;
}

/** The findings of a rule in a synth, as "<address> <rule>". */
const findings = (stack: TerraformStack, rule: string) =>
  synthErrors(stack).filter((line) => line.includes(` ${rule} `)).map((line) => line.replace(/^ {2}\[[^\]]+\] (\S+) (\S+) .*$/, '$1 $2'));
const lines = (stack: TerraformStack, rule: string) => synthErrors(stack).filter((line) => line.includes(` ${rule} `));
const ruleIds = (stack: TerraformStack) => [...new Set(synthErrors(stack).map((line) => / (PG[A-Z]?-[A-Z]+-\d+) /.exec(line)?.[1]).filter((id) => id !== undefined))];

describe('a cyrilgdn/postgresql provider under another local name is read as configured (A37a-3)', () => {
  test.each([
    ['cyrilgdn/postgresql', 'pg2', 'pg2', {}],
    ['registry.terraform.io/cyrilgdn/postgresql', 'pg2', 'pg2', {}],
    ['registry.opentofu.org/cyrilgdn/postgresql', 'pg2', 'pg2', {}],
    ['CyrilGDN/PostgreSQL', 'pg2', 'pg2', {}],
    ['cyrilgdn/postgresql', 'pg2', 'pg2.x', { alias: 'x' }],
    ['cyrilgdn/postgresql', 'db', 'db', {}],
  ])('verify-full through a local name required from %s (%s, resources name %s) passes PGD-TLS-1, PGD-IAM-10 and PG-CFG-5', (source, local, reference, block) => {
    const stack = throughLocalName(local, source, block, reference);
    expect(ruleIds(stack)).toEqual([]);
  });

  test('the stack model reaches the server through the local name\'s host: the grant is judged on the server, not on an unknown one', () => {
    const json = JSON.parse(Testing.synth(throughLocalName('pg2', 'cyrilgdn/postgresql', { sslmode: 'disable' })));
    const tls = evaluateStack(json, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGD-TLS-1' && finding.status === 'fail');
    expect(tls.map((finding) => [finding.severity, finding.server, finding.address])).toEqual([[RuleSeverity.ERROR, SERVER, 'postgresql_grant.Mine']]);
    expect(tls[0].message).toMatch(/^provider pg2 has sslmode "disable"/);
  });

  test.each([
    ['sslmode "disable"', { sslmode: 'disable' }, /provider pg2 has sslmode "disable", which does not check/],
    ['sslmode a local "require"', { sslmode: '${local.m}' }, /provider pg2 has sslmode "require"/],
    ['sslrootcert of its own', { sslrootcert: './mitm.pem' }, /provider pg2 has sslrootcert "\.\/mitm\.pem", which replaces the trust anchors/],
    ['host unset', { host: null }, /provider pg2 has host not set: the runner's PGHOST decides/],
  ])('a weaker provider under the local name fails PGD-TLS-1 for what it holds, not as unconfigured: %s', (_name, block, message) => {
    const stack = throughLocalName('pg2', 'cyrilgdn/postgresql', block);
    stack.addOverride('locals.m', 'require');
    expect(findings(stack, 'PGD-TLS-1')).toContain('postgresql_grant.Mine PGD-TLS-1');
    expect(lines(stack, 'PGD-TLS-1').join('\n')).toMatch(message);
    expect(lines(stack, 'PGD-TLS-1').join('\n')).not.toMatch(/not configured/);
  });

  test('azure_identity_auth false under the local name fails PGD-IAM-10', () => {
    expect(findings(throughLocalName('pg2', 'cyrilgdn/postgresql', { azure_identity_auth: false }), 'PGD-IAM-10')).toContain('postgresql_grant.Mine PGD-IAM-10');
  });

  describe('controls: names not required from cyrilgdn/postgresql keep failing', () => {
    test.each([
      ['a fork', 'pg2', 'someone/postgresql'],
      ['a fork on the registry', 'pg2', 'registry.terraform.io/someone/postgresql'],
      ['another type of the same namespace', 'pg2', 'cyrilgdn/postgresql2'],
      ['no requirement (hashicorp/pg2)', 'pg2', undefined],
    ])('verify-full through a local name required from %s fails PG-CFG-5 and PGD-TLS-1 (not read)', (_name, local, source) => {
      const stack = throughLocalName(local, source, {});
      expect(findings(stack, 'PG-CFG-5')).toContain('postgresql_grant.Mine PG-CFG-5');
      expect(findings(stack, 'PGD-TLS-1')).toContain('postgresql_grant.Mine PGD-TLS-1');
    });

    test('provider.postgresql required from a fork is read as the postgresql provider and fails PG-CFG-5', () => {
      const stack = throughLocalName('postgresql', 'someone/postgresql', { alias: 'mine' }, 'postgresql.mine');
      expect(findings(stack, 'PG-CFG-5')).toEqual([`${SERVER} PG-CFG-5`]);
      expect(lines(stack, 'PG-CFG-5').join('\n')).toMatch(/terraform\.required_providers\.postgresql\.source is "someone\/postgresql"/);
      expect(findings(stack, 'PGD-TLS-1')).toEqual([]);
    });

    test('the default local name with an alias passes', () => {
      expect(ruleIds(throughLocalName('postgresql', 'cyrilgdn/postgresql', { alias: 'mine' }, 'postgresql.mine'))).toEqual([]);
    });

    test('a resource naming an alias the local name does not have fails PGD-TLS-1 as unconfigured', () => {
      const stack = throughLocalName('pg2', 'cyrilgdn/postgresql', {}, 'pg2.other');
      expect(lines(stack, 'PGD-TLS-1').join('\n')).toMatch(/provider pg2\.other is not configured in this stack/);
    });
  });
});

describe('the provider readers map every local name required from the provider', () => {
  const json = {
    terraform: [{ required_providers: [{ pg2: { source: 'cyrilgdn/postgresql' }, az2: { source: 'hashicorp/azurerm' }, fork: { source: 'someone/postgresql' }, other: { source: 'someone/azurerm' } }] }],
    provider: [{ pg2: [{ host: 'a' }, { alias: 'x', host: 'b' }], postgresql: [{ host: 'c' }], fork: [{ host: 'd' }], az2: [{ subscription_id: 'S2' }, { alias: 'y', subscription_id: 'S3' }], azurerm: [{ subscription_id: 'S1' }], other: [{ subscription_id: 'S4' }] }],
  };
  test('postgresqlProviders', () => {
    expect([...postgresqlProviders(json).entries()].map(([key, config]) => [key, config.host])).toEqual([['postgresql', 'c'], ['pg2', 'a'], ['pg2.x', 'b']]);
  });
  test('azurermProviders, and the subscription a resource through the second local name names', () => {
    const providers = azurermProviders(json);
    expect([...providers.keys()]).toEqual(['azurerm', 'az2', 'az2.y']);
    const resource = (provider?: string) => ({ address: 'azurerm_subnet.s', type: 'azurerm_subnet', config: provider === undefined ? {} : { provider } }) as unknown as ResourceView;
    expect([resource(), resource('az2'), resource('az2.y'), resource('other')].map((block) => literalSubscription(block, providers))).toEqual(['s1', 's2', 's3', undefined]);
  });
});

describe('an azurerm provider under another local name required from hashicorp/azurerm is read as azurerm\'s', () => {
  /** The server's shared_preload_libraries written through provider `reference`, local name az2 required from `source`, restart feature off. */
  function restartOff(source: string, reference = 'az2', restart = false): string[] {
    const stack = new TerraformStack(Testing.app(), 'restart');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    stack.addOverride('terraform.required_providers.az2', { source });
    stack.addOverride('provider.az2', [{ features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: restart }] }] }, { alias: 'x', features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: restart }] }] }]);
    const preload = postgres.node.findChild('Parameter-shared_preload_libraries') as TerraformResource;
    preload.addOverride('provider', reference);
    return synthErrors(stack).filter((line) => / PGF-LOG-12 /.test(line)).map((line) => line.replace(/^ {2}\[[^\]]+\] (\S+) (\S+) .*$/, '$1 $2'));
  }

  test.each([['az2'], ['az2.x']])('restart_server_on_configuration_value_change = false on %s fails PGF-LOG-12 (it passed as unconfigured)', (reference) => {
    expect(restartOff('hashicorp/azurerm', reference).map((line) => line.split(' ')[1])).toEqual(['PGF-LOG-12']);
  });

  test('control: the feature on passes', () => {
    expect(restartOff('registry.terraform.io/hashicorp/azurerm', 'az2', true)).toEqual([]);
  });
});

describe('sslrootcert "" or null is not sent: the runner\'s trust anchors, as unset (A37a-2)', () => {
  test.each([
    ['""', { sslrootcert: '' }],
    ['null', { sslrootcert: null }],
    ['a local that is ""', { sslrootcert: '${local.r}' }],
  ])('sslrootcert %s passes PGD-TLS-1', (_name, block) => {
    const stack = throughLocalName('postgresql', 'cyrilgdn/postgresql', { alias: 'mine', ...block }, 'postgresql.mine');
    stack.addOverride('locals.r', '');
    expect(findings(stack, 'PGD-TLS-1')).toEqual([]);
  });

  test.each([
    ['a path', { sslrootcert: './mitm.pem' }],
    ['" " (sent: not empty)', { sslrootcert: ' ' }],
    ['a local that is a path', { sslrootcert: '${local.p}' }],
  ])('control: sslrootcert %s fails PGD-TLS-1', (_name, block) => {
    const stack = throughLocalName('postgresql', 'cyrilgdn/postgresql', { alias: 'mine', ...block }, 'postgresql.mine');
    stack.addOverride('locals.p', './mitm.pem');
    expect(findings(stack, 'PGD-TLS-1')).toEqual(['postgresql_grant.Mine PGD-TLS-1']);
  });
});
