import { cell, code } from '../checks/markdown-text';
import { AUDIT_CHECKS, AuditCheck, AuditResult } from './compare-access';

/** The audit of one server as data (--json), for pipelines. */
export interface AuditReport {
  readonly generator: string;
  readonly stack: string;
  readonly host: string;
  /** The role the audit signed in as. */
  readonly user: string;
  readonly checkedAt: string;
  readonly databases: readonly string[];
  readonly findings: AuditResult['findings'];
  readonly notes: AuditResult['notes'];
  /** Each reported check with what to do about it. */
  readonly fixes: { readonly [check: string]: string };
}

export interface AuditContext {
  readonly stack: string;
  readonly host: string;
  readonly user: string;
  readonly checkedAt: Date;
  readonly databases: readonly string[];
}

export function buildAuditReport(context: AuditContext, result: AuditResult): AuditReport {
  const checks = [...new Set(result.findings.map((f) => f.check))];
  return {
    generator: 'cdktf-azure-postgres audit-roles',
    stack: context.stack,
    host: context.host,
    user: context.user,
    checkedAt: context.checkedAt.toISOString(),
    databases: context.databases,
    findings: result.findings,
    notes: result.notes,
    fixes: Object.fromEntries(checks.map((check) => [check, AUDIT_CHECKS[check]])),
  };
}

/**
 * The audit for people: what drifted, grouped by check, with the fix; or that nothing did. Every
 * name and message is escaped: the roles it reports name themselves, and no name may add a line,
 * a heading or a terminal escape to the report.
 */
export function renderAuditMarkdown(report: AuditReport): string {
  const lines = [`# Role audit: ${cell(report.stack)} on ${cell(report.host)}`, ''];
  const databases = report.databases.length === 0 ? 'no managed database' : report.databases.map(code).join(', ');
  lines.push(`Checked ${report.checkedAt} as ${code(report.user)}; databases: ${databases}.`, '');
  if (report.findings.length === 0) {
    lines.push('No drift: the live server matches what the stack declares.', '');
  } else {
    lines.push(`${report.findings.length} finding(s).`, '');
    for (const check of Object.keys(report.fixes) as AuditCheck[]) {
      lines.push(`## ${check}`, '', `Fix: ${report.fixes[check]}`, '');
      for (const finding of report.findings.filter((f) => f.check === check)) lines.push(`- ${cell(finding.message)}`);
      lines.push('');
    }
  }
  if (report.notes.length > 0) {
    lines.push('## Notes', '');
    for (const note of report.notes) lines.push(`- ${cell(note)}`);
    lines.push('');
  }
  return lines.join('\n');
}
