import { buildAuditReport, renderAuditMarkdown } from '../../lib/audit/audit-report';
import { AuditResult } from '../../lib/audit/compare-access';

// The roles the audit reports are named by whoever created them: no name may add a line, a
// heading or a terminal escape to the report people read (A5-15).

const FORGED = 'ghost\n\n## All clear\n\n0 finding(s).\n\n\u001b[8m';

function rendered(result: AuditResult, user = 'grp-dba'): string {
  return renderAuditMarkdown(buildAuditReport({ stack: 'orders', host: 'orders-db.postgres.database.azure.com', user, checkedAt: new Date(0), databases: ['orders'] }, result));
}

test('a name with line breaks, Markdown and a terminal escape stays on its line, escaped', () => {
  const report = rendered({ findings: [{ check: 'dangerous-attribute', subject: FORGED, message: `Role ${JSON.stringify(FORGED)} has SUPERUSER.` }], notes: [], unread: [] }, `admin\u001b[8m*`);
  expect(report).not.toContain('\u001b');
  expect(report).not.toMatch(/^## All clear$/m);
  expect(report).toContain('- Role "ghost\\\\n\\\\n## All clear\\\\n\\\\n0 finding(s).\\\\n\\\\n\\\\u001b[8m" has SUPERUSER.');
  expect(report).toContain('as `admin\\u{1b}[8m*`;');
});

test('ordinary names print as they are', () => {
  const report = rendered({ findings: [{ check: 'undeclared-login', subject: 'intruder', message: 'Login role "intruder" is not declared in the stack.' }], notes: [], unread: [] });
  expect(report.split('\n')).toEqual(expect.arrayContaining(['Checked 1970-01-01T00:00:00.000Z as `grp-dba`; databases: `orders`.', '- Login role "intruder" is not declared in the stack.']));
});
