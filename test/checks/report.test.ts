import { Finding, StackEvaluation } from '../../lib/checks/evaluate';
import { buildReport, REPORT_BASENAME, renderMarkdown } from '../../lib/checks/report';
import { RuleInfo, RuleSeverity, SecurityLayer } from '../../lib/checks/rule';
import { ServerView } from '../../lib/checks/stack-model';

// The posture report: the data pipelines read and the Markdown people read.

const RULES: RuleInfo[] = [
  { id: 'X-NET-1', title: 'Private', severity: RuleSeverity.ERROR, layer: SecurityLayer.NETWORK, references: { cis: ['1.1'] }, fix: 'Make it private.', appliesTo: 'flexible' },
  { id: 'X-TLS-1', title: 'TLS on', severity: RuleSeverity.ERROR, layer: SecurityLayer.IN_TRANSIT, references: {}, fix: 'Turn TLS on.', appliesTo: 'flexible' },
  { id: 'X-LOG-1', title: 'Logged', severity: RuleSeverity.WARNING, layer: SecurityLayer.AUDIT, references: {}, fix: 'Log it.', appliesTo: 'flexible' },
  { id: 'X-BAK-1', title: 'Backed up', severity: RuleSeverity.ERROR, layer: SecurityLayer.AT_REST, references: {}, fix: 'Back it up.', appliesTo: 'single' },
];

function finding(rule: RuleInfo, server: string, status: Finding['status'], extra: Partial<Finding> = {}): Finding {
  const { id: ruleId, title, severity, layer, references, fix } = rule;
  return { ruleId, title, severity, layer, references, fix, server, status, ...extra };
}

const [NET, TLS, LOG] = RULES;
const A = 'azurerm_postgresql_flexible_server.a';
const B = 'azurerm_postgresql_flexible_server.b';
const SERVERS = [{ address: A, kind: 'flexible', constructPath: 'stack/a' }, { address: B, kind: 'flexible' }] as unknown as ServerView[];

const EVALUATION: StackEvaluation = {
  servers: SERVERS,
  problems: [],
  findings: [
    finding(NET, A, 'pass'),
    finding(NET, B, 'fail', { message: 'public access is on.', address: `${B}_rule.x` }),
    finding(NET, B, 'suppressed', { message: 'a rule is open.', reason: 'vendor access until June' }),
    finding(TLS, A, 'suppressed', { message: 'TLS is off.', reason: 'TLS ends at the proxy in front' }),
    finding(TLS, B, 'not-applicable', { note: 'no TLS here' }),
    finding(LOG, A, 'fail', { message: 'nothing is logged.' }),
    finding(LOG, A, 'pass'),
    finding(LOG, B, 'pass'),
    finding(LOG, B, 'suppressed', { message: 'logs are off.', reason: 'a replica, logged by its primary' }),
    finding(TLS, B, 'fail', { message: 'TLS 1.0 is allowed.', address: `${B}_parameter.tls` }),
  ],
};

test('the JSON report counts errors and warnings that failed, suppressions and servers', () => {
  const report = buildReport('orders', EVALUATION, RULES);
  expect(report).toEqual({
    stack: 'orders',
    generator: 'cdktf-azure-postgres',
    summary: { errors: 2, warnings: 1, suppressed: 3, servers: 2 },
    servers: [{ address: A, kind: 'flexible', constructPath: 'stack/a' }, { address: B, kind: 'flexible', constructPath: undefined }],
    rules: RULES.map(({ id, title, severity, layer, fix, references }) => ({ id, title, severity, layer, fix, references })),
    findings: EVALUATION.findings,
  });
});

test('the Markdown report shows each control per server (the worst finding), by layer, then what failed and what is suppressed', () => {
  expect(renderMarkdown(buildReport('orders', EVALUATION, RULES))).toBe([
    '# PostgreSQL security report: orders',
    '',
    '2 server(s); 2 error(s), 1 warning(s), 3 suppressed finding(s).',
    '',
    '| column | server |',
    '| --- | --- |',
    `| S1 | \`${A}\` (flexible) |`,
    `| S2 | \`${B}\` (flexible) |`,
    '',
    '## In transit',
    '',
    '| control | severity | S1 | S2 |',
    '| --- | --- | --- | --- |',
    '| X-TLS-1 TLS on | error | suppressed | **FAIL** |',
    '',
    '## Network',
    '',
    '| control | severity | S1 | S2 |',
    '| --- | --- | --- | --- |',
    '| X-NET-1 Private | error | pass | **FAIL** |',
    '',
    '## Audit',
    '',
    '| control | severity | S1 | S2 |',
    '| --- | --- | --- | --- |',
    '| X-LOG-1 Logged | warning | **FAIL** | suppressed |',
    '',
    '## Findings',
    '',
    `- error \`${B}_rule.x\` X-NET-1: public access is on. Fix: Make it private.`,
    `- warning \`${A}\` X-LOG-1: nothing is logged. Fix: Log it.`,
    `- error \`${B}_parameter.tls\` X-TLS-1: TLS 1.0 is allowed. Fix: Turn TLS on.`,
    '',
    '## Suppressed',
    '',
    `- \`${B}\` X-NET-1: a rule is open. Reason: vendor access until June`,
    `- \`${A}\` X-TLS-1: TLS is off. Reason: TLS ends at the proxy in front`,
    `- \`${B}\` X-LOG-1: logs are off. Reason: a replica, logged by its primary`,
    '',
  ].join('\n'));
});

test('the report files are named as pipelines expect them', () => {
  expect(`${REPORT_BASENAME}.json`).toBe('postgres-security-report.json');
});

test('a stack without servers says so, and lists no controls', () => {
  expect(renderMarkdown(buildReport('empty', { servers: [], findings: [], problems: [] }, RULES))).toBe(
    '# PostgreSQL security report: empty\n\n0 server(s); 0 error(s), 0 warning(s), 0 suppressed finding(s).\n\nNo PostgreSQL server in this stack.\n',
  );
});

test('a report with nothing failed or suppressed has no Findings or Suppressed section', () => {
  const clean: StackEvaluation = { servers: SERVERS.slice(0, 1), problems: [], findings: [finding(NET, A, 'pass')] };
  expect(renderMarkdown(buildReport('clean', clean, RULES))).toBe([
    '# PostgreSQL security report: clean',
    '',
    '1 server(s); 0 error(s), 0 warning(s), 0 suppressed finding(s).',
    '',
    '| column | server |',
    '| --- | --- |',
    `| S1 | \`${A}\` (flexible) |`,
    '',
    '## Network',
    '',
    '| control | severity | S1 |',
    '| --- | --- | --- |',
    '| X-NET-1 Private | error | pass |',
    '',
  ].join('\n'));
});
