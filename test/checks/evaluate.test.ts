import { evaluateStack, formatFinding, Trusted } from '../../lib/checks/evaluate';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown, Verdict } from '../../lib/checks/rule';
import { ALL_RULES } from '../../lib/checks/rules';
import { CONSTRUCTS_KEY, ENFORCED_KEY, SUPPRESSIONS_KEY } from '../../lib/checks/suppressions';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

// The engine: how verdicts become findings, how suppressions and enforced scopes apply.

const FIREWALL = 'azurerm_postgresql_flexible_server_firewall_rule';
const REASON = 'break-glass access for the 2026-12 incident';

/** A test rule that returns the given verdicts for every Flexible Server. */
function ruleOf(severity: RuleSeverity, ...verdicts: Verdict[]): Rule {
  return {
    id: 'PGF-NET-4',
    title: 'Test rule',
    severity,
    layer: SecurityLayer.NETWORK,
    references: {},
    fix: 'Fix it.',
    appliesTo: 'flexible',
    evaluate: () => (verdicts.length === 1 ? verdicts[0] : verdicts),
  };
}

/** A server at construct path stack/Postgres/Server, a firewall rule at stack/Rules/Open, and the given "//" comments. */
function stack(comments: object = {}, server: object = compliantFlexibleServer()) {
  return {
    resource: {
      [FLEXIBLE]: { db: { ...server, '//': { metadata: { path: 'stack/Postgres/Server' } } } },
      [FIREWALL]: { open: { name: 'open', server_id: `\${${FLEXIBLE}.db.id}`, '//': { metadata: { path: 'stack/Rules/Open' } } } },
    },
    '//': comments,
  };
}

const OPEN_RULE = `${FIREWALL}.open`;
const SERVER = `${FLEXIBLE}.db`;

test('a failing verdict is a finding with the rule, the server, the message and the resource at fault', () => {
  const { findings } = evaluateStack(stack(), [ruleOf(RuleSeverity.ERROR, fail('it is open.', OPEN_RULE))]);
  expect(findings).toEqual([{
    ruleId: 'PGF-NET-4', title: 'Test rule', severity: 'error', layer: 'network', references: {}, fix: 'Fix it.',
    server: SERVER, status: 'fail', message: 'it is open.', address: OPEN_RULE, constructPath: 'stack/Rules/Open',
  }]);
  expect(formatFinding(findings[0])).toBe(`${OPEN_RULE} PGF-NET-4 it is open. Fix: Fix it.`);
});

test('a finding on the server itself is printed with the server address', () => {
  const { findings } = evaluateStack(stack(), [ruleOf(RuleSeverity.ERROR, fail('it is open.'))]);
  expect(formatFinding(findings[0])).toBe(`${SERVER} PGF-NET-4 it is open. Fix: Fix it.`);
});

test('an unknown verdict fails: a value known only later is never passed', () => {
  const { findings } = evaluateStack(stack(), [ruleOf(RuleSeverity.WARNING, unknown('the range is known only at apply time', OPEN_RULE))]);
  expect(findings).toEqual([expect.objectContaining({ status: 'fail', severity: 'warning', message: 'the range is known only at apply time, so it cannot be judged at synth.', address: OPEN_RULE })]);
});

test('one finding per failing or unknown verdict; passes and notes are dropped then', () => {
  const rule = ruleOf(RuleSeverity.ERROR, PASS, fail('first.', OPEN_RULE), notApplicable('n/a'), unknown('second'));
  expect(evaluateStack(stack(), [rule]).findings.map((f) => [f.status, f.message])).toEqual([['fail', 'first.'], ['fail', 'second, so it cannot be judged at synth.']]);
});

test('a rule that does not apply is reported with its note; one that passes, as passed', () => {
  expect(evaluateStack(stack(), [ruleOf(RuleSeverity.ERROR, PASS, notApplicable('no firewall here'))]).findings).toEqual([expect.objectContaining({ status: 'not-applicable', note: 'no firewall here' })]);
  expect(evaluateStack(stack(), [ruleOf(RuleSeverity.ERROR, PASS)]).findings).toEqual([expect.objectContaining({ status: 'pass' })]);
  expect(evaluateStack(stack(), [ruleOf(RuleSeverity.ERROR, PASS)]).findings[0]).not.toHaveProperty('note');
});

test('a rule judges only the kind of server it is written for', () => {
  const single: Rule = { ...ruleOf(RuleSeverity.ERROR, fail('x.')), appliesTo: 'single' };
  expect(evaluateStack(stack(), [single]).findings).toEqual([]);
});

describe('suppressions', () => {
  const judged = (path: string, ruleId = 'PGF-NET-4', verdict = fail('it is open.', OPEN_RULE)) =>
    evaluateStack(stack({ [SUPPRESSIONS_KEY]: [{ path, ruleId, reason: REASON }] }), [ruleOf(RuleSeverity.ERROR, verdict)]).findings[0];

  test('one on the resource at fault, or any construct above it, suppresses the finding with its reason', () => {
    expect(judged('stack/Rules/Open')).toMatchObject({ status: 'suppressed', reason: REASON, message: 'it is open.', address: OPEN_RULE });
    expect(judged('stack/Rules')).toMatchObject({ status: 'suppressed' });
  });

  test('one on the server, or above it, suppresses findings on its resources too', () => {
    expect(judged('stack/Postgres')).toMatchObject({ status: 'suppressed' });
    expect(judged('stack/Postgres/Server', 'PGF-NET-4', fail('server finding.'))).toMatchObject({ status: 'suppressed' });
  });

  test('one on a sibling, on a path that only starts the same, or for another rule suppresses nothing', () => {
    expect(judged('stack/Rules/Other')).toMatchObject({ status: 'fail' });
    expect(judged('stack/Rules/Op')).toMatchObject({ status: 'fail' });
    expect(judged('stack/Postgres/Serv', 'PGF-NET-4', fail('server finding.'))).toMatchObject({ status: 'fail' });
    expect(judged('stack', 'PGF-NET-5')).toMatchObject({ status: 'fail' });
  });

  test('a passing rule stays a pass under a suppression', () => {
    expect(judged('stack', 'PGF-NET-4', PASS)).toMatchObject({ status: 'pass' });
  });
});

describe('a suppression bound to a subject (a justification given for one weaker choice)', () => {
  const SUBJECT = 'firewall ranges 198.51.100.0-198.51.100.255';
  const judged = (entry: object, verdict: Verdict) => evaluateStack(stack({ [SUPPRESSIONS_KEY]: [entry] }), [ruleOf(RuleSeverity.ERROR, verdict)]).findings[0];
  const bound = { path: 'stack/Postgres', ruleId: 'PGF-NET-4', reason: REASON, subject: SUBJECT };

  test('suppresses a failure of exactly that subject', () => {
    expect(judged(bound, fail('it is open.', undefined, SUBJECT))).toMatchObject({ status: 'suppressed', reason: REASON, message: 'it is open.' });
  });

  test('leaves a failure of another subject, of no subject, or an unknown one failing, and says what it covers', () => {
    const covers = ` The justification ${JSON.stringify(REASON)} covers only ${SUBJECT}.`;
    expect(judged(bound, fail('it is open.', undefined, 'firewall ranges 11.0.0.0-99.255.255.255'))).toMatchObject({ status: 'fail', message: `it is open.${covers}` });
    expect(judged(bound, fail('it is open.'))).toMatchObject({ status: 'fail', message: `it is open.${covers}` });
    expect(judged(bound, unknown('the range is known only at apply time'))).toMatchObject({ status: 'fail', message: `the range is known only at apply time, so it cannot be judged at synth.${covers}` });
  });

  test('covers an unknown verdict whose every outcome is that subject', () => {
    expect(judged(bound, unknown('the SKU is known only at apply time', undefined, SUBJECT))).toMatchObject({ status: 'suppressed', reason: REASON });
  });

  test('a subject that is not text makes the entry invalid: it suppresses nothing', () => {
    const entry = { ...bound, subject: 42 };
    expect(evaluateStack(stack({ [SUPPRESSIONS_KEY]: [entry] }), [ruleOf(RuleSeverity.ERROR, fail('x.', undefined, SUBJECT))]).findings).toEqual([
      expect.objectContaining({ ruleId: 'PG-SUP-1', status: 'fail', message: `suppression 1 (${JSON.stringify(entry)}) has a subject that is not text, so it suppresses nothing.` }),
      expect.objectContaining({ ruleId: 'PGF-NET-4', status: 'fail', message: 'x.' }),
    ]);
  });
});

describe('in synth, only what this process added is trusted', () => {
  const SUPPRESSION = { path: 'stack', ruleId: 'PGF-NET-4', reason: REASON };
  const trusted = (suppressions: object[], enforced: string[] = []): Trusted => ({ suppressions: suppressions as Trusted['suppressions'], enforced, constructs: [], warnings: [] });

  test('a suppression added through suppress() counts', () => {
    const { findings } = evaluateStack(stack({ [SUPPRESSIONS_KEY]: [SUPPRESSION] }), [ruleOf(RuleSeverity.ERROR, fail('x.'))], { trusted: trusted([SUPPRESSION]) });
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([['PGF-NET-4', 'suppressed']]);
  });

  test.each<[string, object]>([
    ['path', { ...SUPPRESSION, path: 'stack/Postgres' }],
    ['rule', { ...SUPPRESSION, ruleId: 'PGF-NET-5' }],
    ['reason', { ...SUPPRESSION, reason: 'another reason, written by an override' }],
    ['subject (an override dropped the bound)', { ...SUPPRESSION, subject: 'firewall ranges 198.51.100.0-198.51.100.255' }],
  ])('one that differs from every added suppression in its %s was written by an override: a finding, and no waiver', (_, added) => {
    const { findings } = evaluateStack(stack({ [SUPPRESSIONS_KEY]: [SUPPRESSION] }), [ruleOf(RuleSeverity.ERROR, fail('x.'))], { trusted: trusted([added]) });
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'PG-SUP-1',
        server: '(stack)',
        status: 'fail',
        severity: 'error',
        message: `a suppression (${JSON.stringify(SUPPRESSION)}) was written into the JSON by an override, not added through PostgresSecurityChecks.suppress, so it suppresses nothing.`,
      }),
      expect.objectContaining({ ruleId: 'PGF-NET-4', status: 'fail' }),
    ]);
  });

  test('a scope enforced in this process stays enforced whatever the JSON says: its warnings are errors', () => {
    const { findings } = evaluateStack(stack(), [ruleOf(RuleSeverity.WARNING, fail('x.'))], { trusted: trusted([], ['stack/Postgres']) });
    expect(findings.find((f) => f.ruleId === 'PGF-NET-4')).toMatchObject({ status: 'fail', severity: 'error', enforcedBy: 'stack/Postgres' });
    // The JSON that drops it is itself a finding (twelfth review, A12a-17).
    expect(findings.find((f) => f.ruleId === 'PG-CFG-6')?.message).toMatch(/^the enforced constructs written into the JSON/);
  });
});

describe('enforced scopes written in the JSON (what the CLI reads)', () => {
  test('make warnings on the servers under them errors', () => {
    const findings = evaluateStack(stack({ [ENFORCED_KEY]: ['stack/Postgres'] }), [ruleOf(RuleSeverity.WARNING, fail('x.'))]).findings;
    expect(findings[0]).toMatchObject({ severity: 'error', enforcedBy: 'stack/Postgres' });
  });

  test('a library construct recorded in the JSON enforces its servers, even when the enforced list was edited away', () => {
    const findings = evaluateStack(stack({ [CONSTRUCTS_KEY]: ['stack/Postgres'] }), [ruleOf(RuleSeverity.WARNING, fail('x.'))]).findings;
    expect(findings[0]).toMatchObject({ severity: 'error', enforcedBy: 'stack/Postgres' });
  });

  test('leave servers outside them, and entries that are no paths, alone', () => {
    for (const scopes of [['stack/Rules'], ['stack/Post'], ['', 7, null]]) {
      const finding = evaluateStack(stack({ [ENFORCED_KEY]: scopes }), [ruleOf(RuleSeverity.WARNING, fail('x.'))]).findings[0];
      expect(finding.severity).toBe('warning');
      expect(finding).not.toHaveProperty('enforcedBy');
    }
  });
});

describe('resources of the library constructs keep no count or for_each (PG-CFG-2)', () => {
  const counted = (constructs: unknown[], metadataPath = 'stack/Postgres/Lock') => ({
    resource: {
      azurerm_management_lock: { lock: { name: 'lock', count: 0, '//': { metadata: { path: metadataPath } } } },
      azurerm_resource_group: { rg: { name: 'rg', count: 1 } },
    },
    '//': { [CONSTRUCTS_KEY]: constructs },
  });

  test('a counted resource under a construct of the library fails', () => {
    expect(evaluateStack(counted(['stack/Postgres']), ALL_RULES).findings).toEqual([{
      ruleId: 'PG-CFG-2',
      title: 'Construct resources not removed, copied or scripted by count, for_each or provisioners',
      severity: 'error',
      layer: 'configuration',
      references: {},
      fix: 'Remove the count, for_each, OpenTofu lifecycle.enabled or lifecycle.destroy, lifecycle.replace_triggered_by, provisioner or connection override; change the construct\'s props instead.',
      server: '(stack)',
      status: 'fail',
      address: 'azurerm_management_lock.lock',
      constructPath: 'stack/Postgres/Lock',
      message: 'the resource, which stack/Postgres makes, has count or for_each, so an override may remove it or make copies of it.',
    }]);
  });

  test('counted resources elsewhere, or without a construct path, are the user\'s own', () => {
    expect(evaluateStack(counted(['stack/Post']), ALL_RULES).findings).toEqual([]);
    expect(evaluateStack(counted([]), ALL_RULES).findings).toEqual([]);
  });

  test('a construct recorded in this process counts even if the JSON drops it', () => {
    const findings = evaluateStack(counted([]), ALL_RULES, { trusted: { suppressions: [], enforced: [], constructs: ['stack/Postgres'], warnings: [] } }).findings;
    // The JSON that drops it is itself a finding (twelfth review, A12a-17).
    expect(findings.map((f) => f.ruleId)).toEqual(['PG-CFG-2', 'PG-CFG-6']);
  });
});

test('inScope limits the servers judged', () => {
  const evaluation = evaluateStack(stack(), [ruleOf(RuleSeverity.ERROR, fail('x.'))], { inScope: (server) => server.constructPath === 'stack/Other' });
  expect(evaluation).toMatchObject({ servers: [], findings: [], problems: [] });
  // What is left out is listed, so nobody takes it for judged.
  expect(evaluation.unjudged.map((u) => u.address)).toEqual([SERVER, OPEN_RULE]);
});

test('JSON that is not the shape Terraform needs is not judged at all', () => {
  const evaluation = evaluateStack({ ...stack({ [SUPPRESSIONS_KEY]: ['bad'] }), locals: [null] }, [ruleOf(RuleSeverity.ERROR, fail('x.'))]);
  expect(evaluation).toEqual({ servers: [], findings: [], problems: ['locals is null, where Terraform needs an object'], unjudged: [], warnings: [] });
});

describe('the "//" keys a hand-edited or synthesized cdk.tf.json carries', () => {
  const rule = ruleOf(RuleSeverity.WARNING, fail('x.', OPEN_RULE));

  test('cdktf-azure-postgres-suppressions holds the suppressions', () => {
    const finding = evaluateStack(stack({ 'cdktf-azure-postgres-suppressions': [{ path: 'stack', ruleId: 'PGF-NET-4', reason: REASON }] }), [rule]).findings[0];
    expect(finding.status).toBe('suppressed');
  });

  // The library writes a flat list of suppression objects: one object in its place, or a list inside the list, was written by
  // hand or by an override and is not read as a list of one: it suppresses nothing and is a PG-SUP-1 error naming it.
  test.each([
    ['one object instead of a list', { path: 'stack', ruleId: 'PGF-NET-4', reason: REASON }, 'a suppression', 'is written as //.cdktf-azure-postgres-suppressions itself, where the library writes a list of suppressions'],
    ['a list inside the list', [[{ path: 'stack', ruleId: 'PGF-NET-4', reason: REASON }]], 'suppression 1', 'is a list inside the list, where the library writes a suppression object'],
    ['text instead of a list', 'stack PGF-NET-4', 'a suppression', 'is written as //.cdktf-azure-postgres-suppressions itself, where the library writes a list of suppressions'],
  ])('cdktf-azure-postgres-suppressions written as %s suppresses nothing and fails PG-SUP-1', (_, written, which, problem) => {
    const { findings } = evaluateStack(stack({ [SUPPRESSIONS_KEY]: written }), [rule]);
    expect(findings.map((f) => [f.ruleId, f.status, f.severity])).toEqual([['PG-SUP-1', 'fail', 'error'], ['PGF-NET-4', 'fail', 'warning']]);
    expect(findings[0].message).toBe(`${which} (${JSON.stringify(Array.isArray(written) ? written[0] : written)}) ${problem}, so it suppresses nothing.`);
  });

  // Adversarial run of stop 76, Q76-19: jq and JSON.parse show a reviewer only the last of two "//" objects, so two are bad input
  // (nothing judged, check exits 2), not both counted.
  test('two "//" comments are a problem: nothing is judged, no suppression counts', () => {
    const terraform = { ...stack(), '//': [{ [SUPPRESSIONS_KEY]: [{ path: 'stack/Postgres', ruleId: 'PGF-NET-4', reason: REASON }] }, { [SUPPRESSIONS_KEY]: [{ path: 'stack', ruleId: 'PGF-NET-4', reason: REASON }, 'bad'] }] };
    const { findings, problems } = evaluateStack(terraform, [rule]);
    expect(problems).toEqual([expect.stringContaining('the top-level "//" comment object is written 2 times, where cdktf writes it once')]);
    expect(findings.filter((f) => f.status === 'suppressed')).toEqual([]);
  });

  test('cdktf-azure-postgres-enforced holds the enforced scopes', () => {
    expect(evaluateStack(stack({ 'cdktf-azure-postgres-enforced': ['stack/Postgres'] }), [rule]).findings[0].severity).toBe('error');
  });

  test('cdktf-azure-postgres-constructs holds the library constructs', () => {
    const terraform = { resource: { azurerm_management_lock: { lock: { name: 'lock', count: 0, '//': { metadata: { path: 'stack/Postgres/Lock' } } } } }, '//': { 'cdktf-azure-postgres-constructs': ['stack/Postgres'] } };
    expect(evaluateStack(terraform, ALL_RULES).findings.map((f) => f.ruleId)).toEqual(['PG-CFG-2']);
  });
});

test('with several suppressions added in this process, the one that matches counts', () => {
  const added = [{ path: 'stack/Other', ruleId: 'PGF-NET-4', reason: REASON }, { path: 'stack', ruleId: 'PGF-NET-4', reason: REASON }];
  const { findings } = evaluateStack(stack({ [SUPPRESSIONS_KEY]: [added[1]] }), [ruleOf(RuleSeverity.ERROR, fail('x.'))], { trusted: { suppressions: added, enforced: [], constructs: [], warnings: [] } });
  expect(findings.map((f) => f.status)).toEqual(['suppressed']);
});

test('an enforced scope leaves a server without a construct path alone', () => {
  const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } }, '//': { [ENFORCED_KEY]: ['stack'] } };
  expect(evaluateStack(terraform, [ruleOf(RuleSeverity.WARNING, fail('x.'))]).findings[0].severity).toBe('warning');
});

test('a fault at an address the stack does not have is still covered by a suppression on its server', () => {
  const { findings } = evaluateStack(stack({ [SUPPRESSIONS_KEY]: [{ path: 'stack/Postgres', ruleId: 'PGF-NET-4', reason: REASON }] }), [ruleOf(RuleSeverity.ERROR, fail('x.', 'azurerm_other.gone'))]);
  expect(findings[0]).toMatchObject({ status: 'suppressed', address: 'azurerm_other.gone' });
});

// In synth the rules read cdktf's object: a lone surrogate there is written as an escape Terraform reads as U+FFFD,
// so two keys that differ only by one are one key for Terraform (twelfth review, A12b-7).
test('a lookup that finds its key only as Terraform decodes lone surrogates is judged as Terraform reads it', () => {
  const tls = (key: string) => ({
    locals: { m: { [key]: 'off' } },
    resource: {
      [FLEXIBLE]: { db: compliantFlexibleServer() },
      azurerm_postgresql_flexible_server_configuration: { tls: { name: 'require_secure_transport', value: '${lookup(local.m, "\udbff", "on")}', server_id: `\${${FLEXIBLE}.db.id}` } },
    },
  });
  const failed = (key: string) => evaluateStack(tls(key), ALL_RULES).findings.filter((f) => f.ruleId === 'PGF-TLS-1' && f.status === 'fail').length;
  expect([failed('\ud800'), failed('other')]).toEqual([1, 0]);
});
