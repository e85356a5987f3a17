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

test.each([
  ['a map that passes no postgresql provider', { source: './m', providers: {} }, PROVIDER],
  ['no map, where the only postgresql provider has an alias (never inherited)', { source: './m' }, { ...PROVIDER, alias: 'admin' }],
])('a module given %s does not reach the server (PG-CFG-4 warns, as for any module beside it)', (_, module, provider) => {
  expect(moduleFindings(stack(module, provider), 'PG-CFG-3')).toEqual([]);
  expect(moduleFindings(stack(module, provider), 'PG-CFG-4')).toEqual([expect.objectContaining({ status: 'fail', severity: 'warning' })]);
});

test('another stack\'s module is given its own stack\'s default postgresql configuration, not the judged stack\'s', () => {
  const other = { module: { net: { source: './net' } } };
  const withDefault = { ...other, provider: { postgresql: [PROVIDER] } };
  const modulesOf = (terraform: object) => (joinStacks(stack({ source: './m', providers: {} }), 'ops', [{ path: 'data', terraform }]).terraform as { module?: unknown }[])
    .flatMap((root) => (root.module === undefined ? [] : [root.module]));
  expect(modulesOf(other)).toContainEqual([{ data__net: { source: './net', providers: {} } }]);
  expect(modulesOf(withDefault)).toContainEqual([{ data__net: { source: './net', providers: { postgresql: 'postgresql.data__:' } } }]);
});

test('judged with the app\'s other stacks, the judged stack\'s default provider reaches its own module only', () => {
  const judged = stack({ source: './m', providers: {} });
  const failures = (other: object) => evaluateStack(judged, ALL_RULES, { app: { path: 'ops', others: [{ path: 'data', terraform: other }] } }).findings
    .filter((finding) => finding.ruleId === 'PG-CFG-3' && finding.status !== 'pass').map((finding) => finding.address);
  expect(failures({ module: { net: { source: './net' } } })).toEqual([]);
  // Given its own stack's provider, it is judged in that stack (test above), as its own stack's blocks are.
  expect(failures({ module: { net: { source: './net' } }, provider: { postgresql: [PROVIDER] } })).toEqual([]);
});
