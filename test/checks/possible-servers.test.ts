import { ALL_RULES } from '../../lib/checks/rules';
import { evaluateStack } from '../../lib/checks/evaluate';
import { TerraformResource, TerraformVariable } from 'cdktf';
import { PostgresSecurityChecks } from '../../lib';
import { cdktfOut, check, checkStack } from '../cli/cli-harness';
import { providerStack } from '../helpers';

// Eighteenth review, A18b-11: a stack whose only PostgreSQL server may be an azapi write of a type known only at apply
// time is not judged as having no server in silence: PG-CFG-4 (a warning, its severity beside a raw server) names the
// block, at synth and in check. A warning, not a failure: check walks every stack of an app, and one with no server and
// such a block need not be about PostgreSQL.

const FLEXIBLE_TYPE = 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01';
const BODY = { sku: { name: 'Standard_B1ms', tier: 'Burstable' }, properties: { version: '16', administratorLogin: 'pg', network: { publicNetworkAccess: 'Enabled' } } };

function azapiOnly(type: string, writer = 'azapi_resource'): object {
  return {
    variable: { t: { type: 'string' } },
    resource: { [writer]: { srv: { type, name: 'open-db', ...(writer === 'azapi_resource' ? { parent_id: '/subscriptions/0/resourceGroups/rg' } : { resource_id: '${var.t}' }), body: BODY } } },
  };
}

const possible = (terraform: object) => evaluateStack(terraform, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PG-CFG-4').map(({ address, status, severity }) => ({ address, status, severity }));

test.each([
  ['a variable', '${var.t}', 'azapi_resource'],
  ['a variable, by an update', '${var.t}', 'azapi_update_resource'],
])('an azapi write whose type is %s, in a stack with no server, is a PG-CFG-4 warning', (_what, type, writer) => {
  expect(possible(azapiOnly(type, writer))).toEqual([{ address: `${writer}.srv`, status: 'fail', severity: 'warning' }]);
});

// Since mentions are read decoded (queued after the twentieth run), a type the evaluator does not read but whose text decodes to
// the server's type mentions a server: the block fails PG-CFG-3 (an error) as a write reaching a server it cannot judge.
test('an azapi write whose type is a base64 text of the server type fails PG-CFG-3 as an error', () => {
  const encoded = `\${base64decode("${Buffer.from(FLEXIBLE_TYPE).toString('base64')}")}`;
  const failed = evaluateStack(azapiOnly(encoded), ALL_RULES).findings.filter((finding) => finding.status === 'fail');
  expect(failed.map(({ ruleId, address, severity }) => ({ ruleId, address, severity }))).toEqual([{ ruleId: 'PG-CFG-3', address: 'azapi_resource.srv', severity: 'error' }]);
});

test('one of a literal type that is no server is not; one that is a server is the server (PG-CFG-3)', () => {
  expect(possible(azapiOnly('Microsoft.Web/sites@2023-01-01'))).toEqual([]);
  const server = evaluateStack(azapiOnly(FLEXIBLE_TYPE), ALL_RULES);
  expect(server.findings.filter((finding) => finding.status === 'fail').map((finding) => `${finding.ruleId} ${finding.address}`)).toContain('PG-CFG-3 azapi_resource.srv');
  expect(server.findings.filter((finding) => finding.ruleId === 'PG-CFG-4' && finding.server === '(stack)')).toEqual([]);
});

test('check prints the warning and the message, and still exits 0', () => {
  const run = check('check', cdktfOut({ app: azapiOnly('${var.t}') }));
  expect(run.code).toBe(0);
  expect(run.out.join('\n')).toMatch(/WARNING\s+PG-CFG-4\s+azapi_resource\.srv: azapi_resource\.srv is an azapi_resource whose type is known only at apply time: it may be a PostgreSQL server, and the stack has no other the rules can read, so what it writes cannot be judged\./);
  expect(run.out[0]).toBe('app: 0 server(s), 0 error(s), 1 warning(s), 0 suppressed, 0 passed');
});

test('suppressed on the block with a reason, check shows it suppressed', () => {
  const stack = providerStack();
  const type = new TerraformVariable(stack, 't', { type: 'string' });
  const block = new TerraformResource(stack, 'Srv', { terraformResourceType: 'azapi_resource' });
  for (const [key, value] of Object.entries({ type: type.stringValue, name: 'app', parent_id: '/subscriptions/0/resourceGroups/rg', body: { properties: {} } })) block.addOverride(key, value);
  PostgresSecurityChecks.suppress(block, 'PG-CFG-4', 'type chosen per environment among web app SKUs, reviewed in SEC-12');
  const run = checkStack(stack);
  expect(run.code).toBe(0);
  expect(run.out.join('\n')).toMatch(/suppressed\s+PG-CFG-4\s+azapi_resource\.Srv: .*Reason: type chosen per environment/);
});
