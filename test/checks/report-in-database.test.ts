import { evaluateStack } from '../../lib/checks/evaluate';
import { buildReport, renderMarkdown } from '../../lib/checks/report';
import { ALL_RULES, CATALOG } from '../../lib/checks/rules';
import { databaseStack, grant, groupRole, passwordRole, pgaudit } from './database-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

const STACK = databaseStack({
  postgresql_role: {
    ro: groupRole('orders_readonly'),
    app: groupRole('orders_app', { login: true, roles: ['${postgresql_role.ro.name}'] }),
    vendor: passwordRole('vendor', { roles: ['orders_readonly'] }),
  },
  postgresql_security_label: { app: { label_provider: 'pgaadauth', object_type: 'role', object_name: '${postgresql_role.app.name}', label: 'aadauth,oid=${var.oid},type=service' } },
  postgresql_grant: { ro: grant('${postgresql_role.ro.name}', ['SELECT']), audit: grant('${postgresql_role.ro.name}', ['SELECT'], { database: 'audit' }) },
  postgresql_extension: { orders: pgaudit('orders') },
});

test('the report lists, per server, the roles the stack declares inside it and how each signs in', () => {
  const report = buildReport('orders', evaluateStack(STACK, ALL_RULES), CATALOG);
  expect(report.inDatabase).toEqual([{
    server: `${FLEXIBLE}.db`,
    roles: [
      { name: 'orders_app', login: true, memberOf: ['orders_readonly'], signIn: 'Entra ID (service)' },
      { name: 'orders_readonly', login: false, memberOf: [], signIn: 'none (group role)' },
      { name: 'vendor', login: true, memberOf: ['orders_readonly'], signIn: 'password' },
    ],
    databases: [{ name: 'audit', pgaudit: false }, { name: 'orders', pgaudit: true }],
  }]);
  const markdown = renderMarkdown(report);
  expect(markdown).toContain(`## In the database: \`${FLEXIBLE}.db\`\n\nDatabases managed: audit (pgaudit **missing**), orders (pgaudit created).`);
  expect(markdown).toContain('| orders_app | yes | Entra ID (service) | orders_readonly |');
  expect(markdown).toContain('| vendor | yes | password | orders_readonly |');
});

test('a server without postgresql provider resources has no such section', () => {
  const report = buildReport('orders', evaluateStack({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } } }, ALL_RULES), CATALOG);
  expect(report.inDatabase).toEqual([]);
  expect(renderMarkdown(report)).not.toContain('In the database');
});

// Adversarial run of stop 71, B71-8: the table shows a membership whose member is known only at apply time, as such.
test('a membership granted to a role named only at apply time is a row of the table, said to be known at apply, and in the JSON', () => {
  const stack = databaseStack({
    postgresql_role: { ro: groupRole('orders_readonly') },
    postgresql_grant_role: { later: { role: '${var.r}', grant_role: '${postgresql_role.ro.name}' } },
  });
  const report = buildReport('orders', evaluateStack(stack, ALL_RULES), CATALOG);
  expect(report.inDatabase[0].laterMemberships).toEqual([{ member: '${var.r}', group: 'orders_readonly' }]);
  expect(renderMarkdown(report)).toContain('| orders_readonly | no | none (group role) | — |\n| ${var.r} (known at apply) | — | — | orders_readonly |\n');
});

// Adversarial run of stop 72, C72-12: a membership of a role the stack does not declare was in no row of the table.
test('a membership granted to a role the stack does not declare is a row of the table, said so, and in the JSON', () => {
  const stack = databaseStack({
    postgresql_role: { ro: groupRole('orders_readonly') },
    postgresql_grant_role: { outside: { role: 'made_elsewhere', grant_role: 'azure_pg_admin' } },
  });
  const report = buildReport('orders', evaluateStack(stack, ALL_RULES), CATALOG);
  expect(report.inDatabase[0].undeclaredMemberships).toEqual([{ member: 'made_elsewhere', group: 'azure_pg_admin' }]);
  expect(renderMarkdown(report)).toContain('| orders_readonly | no | none (group role) | — |\n| made_elsewhere (not declared by the stack) | — | — | azure_pg_admin |\n');
});
