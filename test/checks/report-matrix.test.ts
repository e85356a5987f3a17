import { Finding } from '../../lib/checks/evaluate';
import { controlGrid } from '../../lib/checks/report-markdown';
import { RuleInfo, RuleSeverity, SecurityLayer } from '../../lib/checks/rule';
import { ServerFacts } from '../../lib/checks/server-facts';

// The controls x servers grid of the Markdown report: one table per layer, the worst finding per cell.

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
// The grid reads only the address of a server.
const SERVERS = [{ address: A }, { address: B }] as ServerFacts[];
const REPORT_RULES = RULES.map((r) => ({ ...r, referenceLinks: [] }));

test('each cell shows the worst finding of the rule on the server, whatever the order; layers in report order, rules without findings left out', () => {
  const findings = [
    finding(NET, A, 'pass'),
    finding(NET, B, 'fail', { message: 'public access is on.' }),
    finding(NET, B, 'suppressed', { message: 'a rule is open.', reason: 'vendor access until June' }),
    finding(TLS, A, 'suppressed', { message: 'TLS is off.', reason: 'TLS ends at the proxy in front' }),
    finding(TLS, B, 'not-applicable', { note: 'no TLS here' }),
    finding(LOG, A, 'fail', { message: 'nothing is logged.' }),
    finding(LOG, A, 'pass'),
    finding(LOG, B, 'pass'),
    finding(LOG, B, 'suppressed', { message: 'logs are off.', reason: 'a replica, logged by its primary' }),
    finding(TLS, B, 'fail', { message: 'TLS 1.0 is allowed.' }),
  ];
  expect(controlGrid({ servers: SERVERS, rules: REPORT_RULES, findings })).toEqual([
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
  ]);
});

test('a server without a finding of the rule has a dash; a rule that does not apply shows n/a', () => {
  const findings = [finding(NET, A, 'not-applicable', { note: 'no network here' })];
  expect(controlGrid({ servers: SERVERS, rules: REPORT_RULES, findings })).toEqual([
    '## Network',
    '',
    '| control | severity | S1 | S2 |',
    '| --- | --- | --- | --- |',
    '| X-NET-1 Private | error | n/a | — |',
    '',
  ]);
});

test('no finding, no table', () => {
  expect(controlGrid({ servers: SERVERS, rules: REPORT_RULES, findings: [] })).toEqual([]);
});
