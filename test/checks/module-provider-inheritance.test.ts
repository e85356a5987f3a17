import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { joinStacks } from '../../lib/checks/other-stacks';

// 70th run, A1: Terraform gives a module called without a `providers` argument every default provider configuration of its caller,
// so a module with no map reaches the server of the default postgresql provider as one that names it in a map does (PG-CFG-3).

const PROVIDER = { host: 'db.example.com', database: 'app', username: 'tf', sslmode: 'verify-full', azure_identity_auth: true, superuser: false };

/** A stack whose postgresql provider (default or aliased) signs in to a server, with a module called as given. */
function stack(module: object, provider: object = PROVIDER): object {
  return {
    terraform: { required_providers: { postgresql: { source: 'cyrilgdn/postgresql', version: '1.26.0' } } },
    provider: { postgresql: [provider] },
    resource: { postgresql_role: { r: { name: 'y', ...('alias' in provider ? { provider: `postgresql.${String(provider.alias)}` } : {}) } } },
    module: { m: module },
  };
}

/** The failed or unknown findings of a rule on the module. */
function moduleFindings(terraform: object, ruleId: string): { status: string; severity: string }[] {
  return evaluateStack(terraform, ALL_RULES).findings.filter((finding) => finding.ruleId === ruleId && finding.address === 'module.m' && finding.status !== 'pass');
}

test('a module called without providers inherits the default postgresql provider: it reaches the server (PG-CFG-3)', () => {
  expect(moduleFindings(stack({ source: './m' }), 'PG-CFG-3')).toEqual([expect.objectContaining({ status: 'fail', severity: 'error' })]);
});

test('as one that names the provider in its map does', () => {
  expect(moduleFindings(stack({ source: './m', providers: { postgresql: 'postgresql' } }), 'PG-CFG-3')).toEqual([expect.objectContaining({ status: 'fail', severity: 'error' })]);
});

// Adversarial run of stop 71, B71-5: Terraform still passes a default configuration whose name the map leaves out.
test.each([
  ['an empty map', { source: './m', providers: {} }],
  ['a map of other providers only', { source: './m', providers: { azurerm: 'azurerm' } }],
])('a module given %s still inherits the default postgresql provider (PG-CFG-3)', (_, module) => {
  expect(moduleFindings(stack(module), 'PG-CFG-3')).toEqual([expect.objectContaining({ status: 'fail', severity: 'error' })]);
});

// B71-6: a postgresql configuration under another local name, inherited or named in a map, is one all the same.
test.each([
  ['inherited', { source: './m' }],
  ['named in a map', { source: './m', providers: { postgresql: 'pg' } }],
])('a module given the default configuration of another local name for cyrilgdn/postgresql, %s, reaches the server', (_, module) => {
  const terraform = stack(module) as { provider: { postgresql: object[] } };
  const renamed = {
    ...terraform,
    terraform: { required_providers: { pg: { source: 'cyrilgdn/postgresql', version: '1.26.0' } } },
    provider: { pg: terraform.provider.postgresql },
    resource: { postgresql_role: { r: { name: 'y', provider: 'pg' } } },
  };
  expect(moduleFindings(renamed, 'PG-CFG-3')).toEqual([expect.objectContaining({ status: 'fail', severity: 'error' })]);
});

test('a module given no map, where the only postgresql provider has an alias (never inherited), does not reach the server (PG-CFG-4 warns, as for any module beside it)', () => {
  const aliased = stack({ source: './m' }, { ...PROVIDER, alias: 'admin' });
  expect(moduleFindings(aliased, 'PG-CFG-3')).toEqual([]);
  expect(moduleFindings(aliased, 'PG-CFG-4')).toEqual([expect.objectContaining({ status: 'fail', severity: 'warning' })]);
});

test('another stack\'s module is given its own stack\'s default postgresql configuration, not the judged stack\'s', () => {
  const other = { module: { net: { source: './net' } } };
  const withDefault = { ...other, provider: { postgresql: [PROVIDER] } };
  const modulesOf = (host: object, terraform: object) => (joinStacks(host, 'ops', [{ path: 'data', terraform }]).terraform as { module?: unknown }[]).slice(1)
    .flatMap((root) => (root.module === undefined ? [] : [root.module]));
  const aliasedHost = stack({ source: './m' }, { ...PROVIDER, alias: 'admin' });
  expect(modulesOf(aliasedHost, other)).toEqual([[{ data__net: { source: './net', providers: {} } }]]);
  expect(modulesOf(aliasedHost, withDefault)).toEqual([[{ data__net: { source: './net', providers: { postgresql: 'postgresql.data__:' } } }]]);
  // Where the judged stack has a default configuration, the other stack's module is given that stack's own, or the empty one
  // Terraform makes (a key no block has), so the judged stack's never fills the gap.
  expect(modulesOf(stack({ source: './m' }), other)).toEqual([[{ data__net: { source: './net', providers: { postgresql: 'postgresql.data__:' } } }]]);
});

test('judged with the app\'s other stacks, the judged stack\'s default provider reaches its own module only', () => {
  const judged = { ...stack({ source: './m' }), module: undefined };
  const failures = (other: object) => evaluateStack(judged, ALL_RULES, { app: { path: 'ops', others: [{ path: 'data', terraform: other }] } }).findings
    .filter((finding) => finding.ruleId === 'PG-CFG-3' && finding.status !== 'pass').map((finding) => finding.address);
  expect(failures({ module: { net: { source: './net' } } })).toEqual([]);
  // Given its own stack's provider, it is judged in that stack (test above), as its own stack's blocks are.
  expect(failures({ module: { net: { source: './net' } }, provider: { postgresql: [PROVIDER] } })).toEqual([]);
});
