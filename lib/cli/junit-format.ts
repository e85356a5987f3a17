/**
 * JUnit XML, the format test tabs read (Azure DevOps PublishTestResults, GitLab, Jenkins): one
 * test suite per stack, one test case per control and server. A failed control is a failure
 * (its type says error or warning: the check command's exit code decides the gate); a suppressed
 * or not applicable one is skipped, with the justification or the reason.
 */
import { Finding, FindingStatus, STACK_ADDRESS } from '../checks/evaluate';
import { RuleInfo } from '../checks/rule';
import { printable } from '../private/reason-text';
import { JudgedStack } from './judged-stack';

const RANK: { [status in FindingStatus]: number } = { 'not-applicable': 0, 'pass': 1, 'suppressed': 2, 'fail': 3 };

/** One test case: a control on a server (or on the stack, for the stack-wide checks). */
interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly findings: readonly Finding[];
  readonly status: FindingStatus;
}

/** The JUnit XML document of the judged stacks. */
export function toJunit(stacks: readonly JudgedStack[], rules: readonly RuleInfo[]): string {
  const suites = stacks.map((stack) => ({ stack, cases: testCases(stack, rules) }));
  const count = (cases: readonly TestCase[], status: FindingStatus | 'skipped') =>
    cases.filter((c) => (status === 'skipped' ? c.status === 'suppressed' || c.status === 'not-applicable' : c.status === status)).length;
  const all = suites.flatMap((suite) => suite.cases);
  // The skipped test cases of the resources no rule reads.
  const unjudged = (of: readonly JudgedStack[]) => of.reduce((sum, stack) => sum + stack.evaluation.unjudged.length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cdktf-azure-postgres check" tests="${all.length + unjudged(stacks)}" failures="${count(all, 'fail')}" errors="0" skipped="${count(all, 'skipped') + unjudged(stacks)}">`,
  ];
  for (const { stack, cases } of suites) {
    const extra = unjudged([stack]);
    lines.push(`  <testsuite name="${attribute(printable(stack.name))}" tests="${cases.length + extra}" failures="${count(cases, 'fail')}" errors="0" skipped="${count(cases, 'skipped') + extra}">`);
    for (const testCase of cases) lines.push(...testCaseXml(testCase));
    // A PostgreSQL resource no rule reads (a Cosmos DB for PostgreSQL cluster) is a skipped test case, so the test tab shows it (stop 70, C20).
    for (const resource of stack.evaluation.unjudged) {
      lines.push(`    <testcase classname="${attribute(printable(`${stack.name}.${resource.address}`))}" name="not judged">`, `      <skipped message="${attribute(printable(`not judged: ${resource.reason}; ${resource.include}`))}"/>`, '    </testcase>');
    }
    // What check warns of how it read the stack (the app's stacks it was not given).
    if (stack.notes !== undefined && stack.notes.length > 0) lines.push(`    <system-err>${text(stack.notes.map((note) => `warning: ${printable(note)}`).join('\n'))}</system-err>`);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** Every control and server of a stack, each with its findings and the worst status among them. */
function testCases(stack: JudgedStack, rules: readonly RuleInfo[]): TestCase[] {
  const titles = new Map(rules.map((rule) => [rule.id, rule.title]));
  // Keyed by both parts as JSON: a server's label may hold any character, a line break among them (adversarial run of stop 70, C2).
  const grouped = new Map<string, { server: string; ruleId: string; findings: Finding[] }>();
  const group = (server: string, ruleId: string) => {
    const key = JSON.stringify([server, ruleId]);
    return grouped.get(key) ?? grouped.set(key, { server, ruleId, findings: [] }).get(key)!;
  };
  for (const finding of stack.evaluation.findings) group(finding.server, finding.ruleId).findings.push(finding);
  // The stack-wide checks report failures only: each is a test case that passes when none failed.
  for (const rule of rules.filter((r) => r.appliesTo === 'stack')) group(STACK_ADDRESS, rule.id);
  return [...grouped.values()].map(({ server, ruleId, findings }) => {
    const status = findings.reduce<FindingStatus>((worst, f) => (RANK[f.status] > RANK[worst] ? f.status : worst), findings[0]?.status ?? 'pass');
    return { classname: printable(`${stack.name}.${server}`), name: `${ruleId} ${titles.get(ruleId) ?? ''}`.trim(), findings, status };
  });
}

function testCaseXml({ classname, name, findings, status }: TestCase): string[] {
  const open = `    <testcase classname="${attribute(classname)}" name="${attribute(name)}"`;
  if (status === 'pass') return [`${open}/>`];
  // Text from the stack is shown escaped, as in every other output: a bidi control or a line separator in a value could reorder
  // or break the text a test tab shows (adversarial run of stop 70, C13). The lines joined below are the format's own.
  const line = (f: Finding) => printable(`${f.address ?? f.server}: ${f.message}${f.status === 'suppressed' ? ` Suppressed: ${f.reason}` : ` Fix: ${f.fix}`}`);
  if (status === 'fail') {
    const failed = findings.filter((f) => f.status === 'fail');
    const severity = failed.some((f) => f.severity === 'error') ? 'error' : 'warning';
    return [
      `${open}>`,
      `      <failure type="${severity}" message="${attribute(printable(`${failed.length} finding(s): ${failed[0].message}`))}">${text(findings.filter((f) => f.status !== 'pass').map(line).join('\n'))}</failure>`,
      '    </testcase>',
    ];
  }
  const message = status === 'suppressed'
    ? `suppressed: ${findings.filter((f) => f.status === 'suppressed').map((f) => f.reason).join('; ')}`
    : `not applicable: ${findings[0].note ?? 'the rule does not apply'}`;
  return [`${open}>`, `      <skipped message="${attribute(printable(message))}"/>`, '    </testcase>'];
}

/** Characters XML 1.0 cannot hold at all (control characters other than tab and line breaks, lone surrogates, U+FFFE, U+FFFF), shown as "\u{...}". */
function xmlSafe(value: string): string {
  let safe = '';
  for (const character of value) {
    const code = character.codePointAt(0)!;
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
    safe += allowed ? character : `\\u{${code.toString(16)}}`;
  }
  return safe;
}

function text(value: string): string {
  return xmlSafe(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
