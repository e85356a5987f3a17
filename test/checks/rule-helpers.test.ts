import { evaluateTemplate, NO_LOCALS, Unknown } from '../../lib/checks/hcl-expression';
import { allowsAzureServices, mayAllowAzureServices, mayOpenToInternet, opensToInternet } from '../../lib/checks/firewall-checks';
import { listItems, parameterEquals, parametersSetOnce } from '../../lib/checks/parameter-checks';
import { sendsLogs } from '../../lib/checks/diagnostic-checks';
import { pgauditLoggedClasses } from '../../lib/checks/pgaudit-classes';
import { fail, notApplicable, PASS, RuleSeverity, SecurityLayer, unknown, worstOf } from '../../lib/checks/rule';
import { renderRuleCatalog } from '../../lib/checks/rule-catalog';
import { attributeEquals, isSet, literalBoolean, literalInteger, literalMajorVersion, literalString, nestedBlock, plainTextPassword, splitTemplate } from '../../lib/checks/value-readers';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, serverIn, SINGLE } from './rule-harness';

// The readers and predicates the rules share: values as Terraform converts them for an attribute.

const later = (expression: string) => evaluateTemplate(`\${${expression}}`, NO_LOCALS) as Unknown;

describe('values as Terraform converts them', () => {
  test('a bool: true, "true", "1"; false, "false", "0"; nothing else', () => {
    expect([true, 'true', '1', false, 'false', '0', 'yes', 1, 0, 'TRUE', undefined].map(literalBoolean)).toEqual([true, true, true, false, false, false, undefined, undefined, undefined, undefined, undefined]);
  });

  test('a whole number: a number, or the text of one', () => {
    expect([35, '35', '35.0', '35.00', '3.5e1', '3.5e+1', '1e10', '-7', '1e1', 3.5, '3.5', '35 days', 'x35', '0x10', '', true, ['35'], undefined].map(literalInteger)).toEqual([35, 35, 35, 35, 35, 35, 1e10, -7, 10, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  test('a string: text, or the text of a number or bool', () => {
    expect(['on', 7, 1e21, true, false, null, ['on'], undefined].map(literalString)).toEqual(['on', '7', '1000000000000000000000', 'true', 'false', undefined, undefined, undefined]);
  });

  test('an attribute is set when written with a value, known now or later', () => {
    expect([undefined, null, '', 'x', 0, false, later('var.x')].map(isSet)).toEqual([false, false, false, true, true, true, true]);
  });

  test.each<[unknown, number | undefined]>([['17', 17], [16, 16], ['16.2', 16], ['16.10', 16], ['x16', undefined], ['16x', undefined], ['16.', undefined], [undefined, undefined]])('the major version of %p is %p', (version, major) => {
    expect(literalMajorVersion(serverIn({ [FLEXIBLE]: { db: compliantFlexibleServer({ version }) } }))).toBe(major);
  });
});

describe('nested blocks', () => {
  test('absent, present (the first of a list), or known only later', () => {
    expect(nestedBlock({}, 'lifecycle')).toEqual({ state: 'absent' });
    expect(nestedBlock({ lifecycle: [{ a: 1 }, { b: 2 }] }, 'lifecycle')).toEqual({ state: 'present', block: { a: 1 } });
    expect(nestedBlock({ lifecycle: later('var.l') }, 'lifecycle')).toEqual({ state: 'unknown', note: 'the lifecycle block is known only at apply time' });
    expect(nestedBlock({ dynamic: { lifecycle: { for_each: '${var.l}' } } }, 'lifecycle')).toEqual({ state: 'unknown', note: 'the lifecycle block is written as a dynamic block, known only at plan time' });
  });

  test('a dynamic block of another name, or dynamic written as an expression or null, leaves the block as written', () => {
    expect(nestedBlock({ dynamic: { tags: {} }, lifecycle: { a: 1 } }, 'lifecycle')).toEqual({ state: 'present', block: { a: 1 } });
    expect(nestedBlock({ dynamic: later('var.d'), lifecycle: { a: 1 } }, 'lifecycle')).toEqual({ state: 'present', block: { a: 1 } });
    expect(nestedBlock({ dynamic: null }, 'lifecycle')).toEqual({ state: 'absent' });
  });
});

describe('passwords', () => {
  test.each<[string, unknown, string | undefined]>([
    ['absent', undefined, undefined],
    ['a plain reference', later('random_password.pw.result'), undefined],
    ['a literal', 'Sup3r$ecret!', 'is a literal, so the password is written in the configuration'],
    ['built from constants only', later('base64decode("cHc=")'), 'is built only from constants, so the password is written in the configuration'],
    ['a function of a reference that may change its text', later('base64decode(var.pw)'), 'is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of the password may be written in the configuration'],
    // A function that adds no text to the reference writes none (41st run, A41a-1; test/checks/password-wrappers.test.ts).
    ['a reference under a function that adds no text', later('sensitive(upper(var.pw))'), undefined],
  ])('%s', (_, value, problem) => {
    expect(plainTextPassword(value)).toBe(problem);
  });

  test('the literal text of a template, without its interpolations', () => {
    expect(splitTemplate('P@ss${var.a}-$${x}-${b{c}}!')).toEqual({ literal: 'P@ss-${x}-!', interpolations: 2 });
    expect(splitTemplate('${var.a')).toEqual({ literal: '', interpolations: 1 });
    expect(splitTemplate('plain')).toEqual({ literal: 'plain', interpolations: 0 });
    expect(splitTemplate('/a/${var.a}/${b{c}}', '?')).toEqual({ literal: '/a/?/?', interpolations: 2 });
    // A function gives each interpolation's text for what the interpolation's expression is (A8-1).
    expect(splitTemplate('/a/${var.a}/${ b{c} }/${var.open', (expression) => `<${expression}>`)).toEqual({ literal: '/a/<var.a>/< b{c} >/<var.open>', interpolations: 3 });
  });
});

describe('firewall ranges', () => {
  const range = (start: unknown, end: unknown) => ({ start, end });
  const X = later('var.x');

  test.each<[string, unknown, unknown, boolean, boolean]>([
    ['everything', '0.0.0.0', '255.255.255.255', true, false],
    ['from 0.0.0.0 to a private range end', '0.0.0.0', '10.255.255.255', true, false],
    ['from 0.0.0.0/0', '0.0.0.0/0', '10.0.0.0', true, false],
    ['up to 255.255.255.255 from anywhere', '10.0.0.0', '255.255.255.255', true, false],
    ['the Azure services rule', '0.0.0.0', '0.0.0.0', false, false],
    ['a narrow range', '203.0.113.1', '203.0.113.9', false, false],
    ['0.0.0.0 to a value known later', '0.0.0.0', X, false, true],
    ['a start known later to a narrow end', X, '203.0.113.9', false, true],
    ['a start known later to 0.0.0.0', X, '0.0.0.0', false, false],
    ['a narrow start to an end known later', '203.0.113.1', X, false, true],
    ['a start known later to 255.255.255.255', X, '255.255.255.255', true, false],
  ])('%s: opens to the internet %p, may %p', (_, start, end, opens, may) => {
    expect(opensToInternet(range(start, end))).toBe(opens);
    expect(mayOpenToInternet(range(start, end))).toBe(may);
  });

  test.each<[string, unknown, unknown, boolean, boolean]>([
    ['the Azure services rule', '0.0.0.0', '0.0.0.0', true, false],
    ['0.0.0.0 to an end known later', '0.0.0.0', X, false, true],
    ['a start known later to 0.0.0.0', X, '0.0.0.0', false, true],
    ['both known later', X, X, false, true],
    ['a narrow start to an end known later', '203.0.113.1', X, false, false],
    ['a start known later to a narrow end', X, '203.0.113.9', false, false],
    ['everything', '0.0.0.0', '255.255.255.255', false, false],
  ])('%s: allows Azure services %p, may %p', (_, start, end, allows, may) => {
    expect(allowsAzureServices(range(start, end))).toBe(allows);
    expect(mayAllowAzureServices(range(start, end))).toBe(may);
  });
});

describe('lists in parameter values', () => {
  test('comma-separated items, trimmed, in lower case, blanks dropped', () => {
    expect(listItems(' PgAudit , ,pg_cron,')).toEqual(['pgaudit', 'pg_cron']);
  });

  test.each<[string, string[] | undefined]>([
    ['READ, -Write,,misc_set', ['read', 'misc_set']],
    ['all,- misc', ['read', 'write', 'function', 'role', 'ddl', 'misc_set']],
    ['ddl,-all', []],
    ['none', []],
    ['none,function', ['function']],
    ['role,bogus', undefined],
    ['', []],
  ])('pgaudit.log %p logs %p', (value, classes) => {
    expect(pgauditLoggedClasses(value)).toEqual(classes);
  });
});

test('the worst verdict: a failure, else an unknown, else a rule that does not apply, else a pass', () => {
  expect(worstOf(PASS, notApplicable('n/a'), unknown('later'), fail('bad'))).toEqual(fail('bad'));
  expect(worstOf(PASS, notApplicable('n/a'), unknown('later'))).toEqual(unknown('later'));
  expect(worstOf(PASS, notApplicable('n/a'))).toEqual(notApplicable('n/a'));
  expect(worstOf(PASS)).toEqual(PASS);
});

test('the rule catalog lists only the layers that have rules', () => {
  const page = renderRuleCatalog([{ id: 'X-1', title: 'T', severity: RuleSeverity.ERROR, layer: SecurityLayer.AUDIT, references: { cis: ['1'], trivy: ['AVD-1'] }, fix: 'Do it.', appliesTo: 'flexible' }]);
  expect(page.split('\n').filter((line) => line.startsWith('## '))).toEqual(['## What the promise covers', '## What is judged, and how', '## Audit']);
  expect(page).toContain('| X-1 | Flexible Server | T | error | CIS 1; AVD-1 | Do it. |');
});

test('a server attribute that must be written says so when it is missing', () => {
  expect(attributeEquals(serverIn({ [SINGLE]: { db: { name: 'legacy' } } }), 'ssl_enforcement_enabled', true)).toEqual(fail('ssl_enforcement_enabled is not set (it must be true).'));
});

describe('server parameters', () => {
  const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
  const SERVER_ID = `\${${FLEXIBLE}.db.id}`;
  const withSettings = (settings: { [name: string]: { [key: string]: unknown } }) => serverIn({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: settings });

  test('a value compared without regard to case or surrounding blanks', () => {
    expect(parameterEquals(withSettings(flexibleParameters({ log_checkpoints: ' ON ' })), 'log_checkpoints', 'on')).toEqual(PASS);
  });

  test('a value that is not text fails, shown as written', () => {
    expect(parameterEquals(withSettings({ p: { name: 'log_checkpoints', value: ['on'], server_id: SERVER_ID } }), 'log_checkpoints', 'on')).toEqual(
      fail('server parameter log_checkpoints is ["on"], not "on".', `${CONFIGURATION}.p`),
    );
  });

  test('a setting that may not exist is unknown, not a pass and not a missing setting', () => {
    expect(parameterEquals(withSettings({ p: { name: 'log_checkpoints', value: 'on', server_id: SERVER_ID, count: '${var.n}' } }), 'log_checkpoints', 'on')).toEqual(
      unknown('server parameter log_checkpoints may not be set: count, for_each or the server its resource points at is known only at apply time', `${CONFIGURATION}.p`),
    );
  });

  test('a parameter set by three resources names them all', () => {
    const settings = { a: { name: 'log_checkpoints', value: 'on', server_id: SERVER_ID }, b: { name: 'LOG_CHECKPOINTS', value: 'on', server_id: SERVER_ID }, c: { name: 'Log_Checkpoints', value: 'on', server_id: SERVER_ID } };
    expect(parametersSetOnce(withSettings(settings))).toEqual([
      fail(`server parameter log_checkpoints is set by 3 resources (${CONFIGURATION}.a, ${CONFIGURATION}.b, ${CONFIGURATION}.c), so its value depends on which Azure applies last.`, `${CONFIGURATION}.b`),
    ]);
  });
});

describe('server logs sent to a destination', () => {
  const DIAGNOSTIC = 'azurerm_monitor_diagnostic_setting';
  const withSetting = (setting: object) => serverIn({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [DIAGNOSTIC]: { d: { target_resource_id: `\${${FLEXIBLE}.db.id}`, ...setting } } });
  const WORKSPACE = { log_analytics_workspace_id: '${azurerm_log_analytics_workspace.w.id}' };

  test.each(['log_analytics_workspace_id', 'storage_account_id', 'eventhub_authorization_rule_id', 'partner_solution_id'])('%s is a destination', (destination) => {
    expect(sendsLogs(withSetting({ [destination]: '${x.y.id}', enabled_log: { category: 'PostgreSQLLogs' } }))).toEqual(PASS);
  });

  test('a setting without a destination fails', () => {
    expect(sendsLogs(withSetting({ enabled_log: { category_group: 'allLogs' } }))).toEqual(
      fail('the diagnostic setting has no destination (Log Analytics, storage, Event Hub or partner solution).', `${DIAGNOSTIC}.d`),
    );
  });

  test.each<[string, unknown]>([['none', undefined], ['one without a category or category group', [{ enabled: true }]]])('a setting with %s enabled_log sends metrics only', (_, enabledLog) => {
    expect(sendsLogs(withSetting({ ...WORKSPACE, enabled_log: enabledLog }))).toEqual(
      fail('the diagnostic setting sends metrics only: it has no enabled_log with a category or category_group.', `${DIAGNOSTIC}.d`),
    );
  });

  test('a setting that may not exist is unknown', () => {
    expect(sendsLogs(withSetting({ ...WORKSPACE, enabled_log: { category_group: 'allLogs' }, count: '${var.n}' }))).toEqual(
      unknown(`diagnostic setting ${DIAGNOSTIC}.d may not exist or target the server: count, for_each or its target is known only at apply time`, `${DIAGNOSTIC}.d`),
    );
  });
});
