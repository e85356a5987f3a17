import { evaluateStack, Finding } from '../../../lib/checks/evaluate';
import { ALL_RULES } from '../../../lib/checks/rules';
import { compliantFlexibleServer, FLEXIBLE } from '../rule-harness';

// A11b-7 (eleventh review): a removed block that makes Terraform forget its object and leave it in Azure.

const SERVER = `${FLEXIBLE}.db`;

/** PG-CFG-7's findings that are not passes, as "server | block | severity status: message", beside a compliant server. */
function findings(extra: object): string[] {
  const terraform = { ...extra, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } } };
  return evaluateStack(terraform, ALL_RULES).findings
    .filter((f: Finding) => f.ruleId === 'PG-CFG-7' && f.status !== 'pass')
    .map((f) => `${f.server} | ${f.address} | ${f.severity} ${f.status}: ${f.message}`);
}
const forgotten = (from: string) => `${SERVER} | removed.${from} | warning fail: removed.${from} makes Terraform forget ${from} without destroying it (its lifecycle.destroy is not true): the object stays in Azure beside the server, where it may still reach it, and no rule judges it any more.`;

test.each<[string, unknown]>([
  ['destroy = false', { destroy: false }],
  ['destroy = "false"', { destroy: 'false' }],
  ['a lifecycle list whose second block sets it false', [{}, { destroy: false }]],
  ['destroy as an expression (Terraform takes only a constant)', { destroy: '${var.keep}' }],
  ['a lifecycle that is no block', 'keep'],
])('%s warns beside a raw server: a firewall rule or a module forgotten stays beside it unjudged', (_, lifecycle) => {
  expect(findings({ removed: [
    { from: 'azurerm_postgresql_flexible_server_firewall_rule.allow_all', lifecycle },
    { from: 'module.legacy', lifecycle },
  ] })).toEqual([forgotten('azurerm_postgresql_flexible_server_firewall_rule.allow_all'), forgotten('module.legacy')]);
});

test('passes a removed block that destroys its object: no lifecycle, or destroy true', () => {
  expect(findings({ removed: [
    { from: 'azurerm_postgresql_flexible_server_firewall_rule.a' },
    { from: 'azurerm_postgresql_flexible_server_firewall_rule.b', lifecycle: {} },
    { from: 'azurerm_postgresql_flexible_server_firewall_rule.c', lifecycle: { destroy: true } },
    { from: 'azurerm_postgresql_flexible_server_firewall_rule.d', lifecycle: [{ destroy: 'true' }] },
  ] })).toEqual([]);
});

test('a stack without a server has nothing to warn about', () => {
  expect(evaluateStack({ removed: [{ from: 'terraform_data.x', lifecycle: { destroy: false } }], resource: { terraform_data: { y: {} } } }, ALL_RULES).findings).toEqual([]);
});

test('beside a server of a construct the stack enforces it fails (an error); suppressed on the construct with a reason, it passes, and that suppression covers no command beside the server', () => {
  const terraform = (suppressed: boolean) => ({
    '//': {
      'cdktf-azure-postgres-enforced': ['stack/Postgres'],
      ...(suppressed ? { 'cdktf-azure-postgres-suppressions': [{ path: 'stack/Postgres', ruleId: 'PG-CFG-7', reason: 'The partner endpoint moved to the network stack (NET-88)' }] } : {}),
    },
    resource: {
      [FLEXIBLE]: { db: { ...compliantFlexibleServer(), '//': { metadata: { path: 'stack/Postgres/Server' } } } },
      terraform_data: { x: { provisioner: { 'local-exec': { command: 'az resource list -g rg' } } } },
    },
    removed: [{ from: 'azurerm_private_endpoint.partner', lifecycle: { destroy: false } }],
  });
  const judged = (suppressed: boolean) => evaluateStack(terraform(suppressed), ALL_RULES).findings
    .filter((f) => ['PG-CFG-4', 'PG-CFG-7'].includes(f.ruleId))
    .map((f) => [f.ruleId, f.address, f.severity, f.status, f.reason]);
  expect(judged(false)).toEqual([
    ['PG-CFG-4', 'terraform_data.x', 'error', 'fail', undefined],
    ['PG-CFG-7', 'removed.azurerm_private_endpoint.partner', 'error', 'fail', undefined],
  ]);
  expect(judged(true)).toEqual([
    ['PG-CFG-4', 'terraform_data.x', 'error', 'fail', undefined],
    ['PG-CFG-7', 'removed.azurerm_private_endpoint.partner', 'error', 'suppressed', 'The partner endpoint moved to the network stack (NET-88)'],
  ]);
});

test('a removed block with a provisioner that also leaves its object is a command (PG-CFG-4) and a forgotten object (PG-CFG-7)', () => {
  const terraform = {
    resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } },
    removed: [{ from: 'azurerm_private_endpoint.old', lifecycle: { destroy: false }, provisioner: { 'local-exec': { when: 'destroy', command: 'echo gone' } } }],
  };
  expect(evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.status === 'fail' && f.ruleId.startsWith('PG-CFG-')).map((f) => `${f.ruleId} ${f.address}`))
    .toEqual(['PG-CFG-4 removed.azurerm_private_endpoint.old', 'PG-CFG-7 removed.azurerm_private_endpoint.old']);
});

test('forgetting what lives only in the state (a marker, a generated value, a time) leaves nothing in Azure: it passes (stop 36); in a module, it does not', () => {
  expect(findings({ removed: ['terraform_data.old', 'null_resource.old', 'random_password.old', 'time_rotating.old', 'tls_private_key.old', 'resource.terraform_data.older']
    .map((from) => ({ from, lifecycle: { destroy: false } })) })).toEqual([]);
  expect(findings({ removed: [{ from: 'module.legacy.terraform_data.old', lifecycle: { destroy: false } }, { from: 'terraform_data_extra.old', lifecycle: { destroy: false } }] }))
    .toEqual([forgotten('module.legacy.terraform_data.old'), forgotten('terraform_data_extra.old')]);
  // Its provisioner still runs: a command beside the server.
  const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } }, removed: [{ from: 'terraform_data.old', lifecycle: { destroy: false }, provisioner: { 'local-exec': { when: 'destroy', command: 'echo gone' } } }] };
  expect(evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.status === 'fail' && f.ruleId.startsWith('PG-CFG-')).map((f) => `${f.ruleId} ${f.address}`))
    .toEqual(['PG-CFG-4 removed.terraform_data.old']);
});
