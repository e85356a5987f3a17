import { Finding, FindingStatus, StackEvaluation } from './evaluate';
import { RuleInfo, SecurityLayer } from './rule';

export const REPORT_BASENAME = 'postgres-security-report';

/** The posture report as data: for pipelines (the .json file beside cdk.tf.json). */
export interface SecurityReport {
  readonly stack: string;
  readonly generator: string;
  readonly summary: { readonly errors: number; readonly warnings: number; readonly suppressed: number; readonly servers: number };
  readonly servers: readonly { readonly address: string; readonly kind: string; readonly constructPath?: string }[];
  readonly rules: readonly { readonly id: string; readonly title: string; readonly severity: string; readonly layer: string; readonly fix: string; readonly references: object }[];
  readonly findings: readonly Finding[];
}

export function buildReport(stack: string, evaluation: StackEvaluation, rules: readonly RuleInfo[]): SecurityReport {
  const failed = evaluation.findings.filter((f) => f.status === 'fail');
  return {
    stack,
    generator: 'cdktf-azure-postgres',
    summary: {
      errors: failed.filter((f) => f.severity === 'error').length,
      warnings: failed.filter((f) => f.severity === 'warning').length,
      suppressed: evaluation.findings.filter((f) => f.status === 'suppressed').length,
      servers: evaluation.servers.length,
    },
    servers: evaluation.servers.map((s) => ({ address: s.address, kind: s.kind, constructPath: s.constructPath })),
    rules: rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, layer: r.layer, fix: r.fix, references: r.references })),
    findings: evaluation.findings,
  };
}

const STATUS_RANK: { [status in FindingStatus]: number } = { 'not-applicable': 0, 'pass': 1, 'suppressed': 2, 'fail': 3 };
const CELL: { [status in FindingStatus]: string } = { 'pass': 'pass', 'fail': '**FAIL**', 'suppressed': 'suppressed', 'not-applicable': 'n/a' };

/** The posture report for people: controls × servers, grouped by layer, then what failed and why. */
export function renderMarkdown(report: SecurityReport): string {
  const lines = [`# PostgreSQL security report: ${report.stack}`, ''];
  const { errors, warnings, suppressed, servers } = report.summary;
  lines.push(`${servers} server(s); ${errors} error(s), ${warnings} warning(s), ${suppressed} suppressed finding(s).`, '');
  if (report.servers.length === 0) return [...lines, 'No PostgreSQL server in this stack.', ''].join('\n');
  lines.push('| column | server |', '| --- | --- |');
  report.servers.forEach((s, i) => lines.push(`| S${i + 1} | \`${s.address}\` (${s.kind}) |`));
  lines.push('');
  // A rule may fail on several resources of one server: the cell shows the worst.
  const byKey = new Map<string, FindingStatus>();
  for (const f of report.findings) {
    const key = `${f.ruleId} ${f.server}`;
    const seen = byKey.get(key);
    // Stryker disable next-line EqualityOperator: equivalent: an equal rank is the same status
    if (seen === undefined || STATUS_RANK[f.status] > STATUS_RANK[seen]) byKey.set(key, f.status);
  }
  const header = `| control | severity | ${report.servers.map((_, i) => `S${i + 1}`).join(' | ')} |`;
  const divider = `| --- | --- | ${report.servers.map(() => '---').join(' | ')} |`;
  for (const layer of Object.values(SecurityLayer)) {
    const rules = report.rules.filter((r) => r.layer === layer && report.findings.some((f) => f.ruleId === r.id));
    if (rules.length === 0) continue;
    lines.push(`## ${layer[0].toUpperCase()}${layer.slice(1)}`, '', header, divider);
    for (const rule of rules) {
      const cells = report.servers.map((s) => {
        const status = byKey.get(`${rule.id} ${s.address}`);
        return status ? CELL[status] : '—';
      });
      lines.push(`| ${rule.id} ${rule.title} | ${rule.severity} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  const failed = report.findings.filter((f) => f.status === 'fail');
  if (failed.length > 0) {
    lines.push('## Findings', '');
    failed.forEach((f) => lines.push(`- ${f.severity} \`${f.address ?? f.server}\` ${f.ruleId}: ${f.message} Fix: ${f.fix}`));
    lines.push('');
  }
  const waived = report.findings.filter((f) => f.status === 'suppressed');
  if (waived.length > 0) {
    lines.push('## Suppressed', '');
    waived.forEach((f) => lines.push(`- \`${f.address ?? f.server}\` ${f.ruleId}: ${f.message} Reason: ${f.reason}`));
    lines.push('');
  }
  return lines.join('\n');
}
