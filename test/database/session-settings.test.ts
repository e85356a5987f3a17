import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Role } from '@cdktf/provider-postgresql/lib/role';
import { TerraformResource, TerraformStack } from 'cdktf';
import { PostgresSecurityChecks } from '../../lib';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { check } from '../cli/cli-harness';
import { synthErrors } from '../helpers';
import { accessStack, AccessStack } from '../support/database-fixture';

// A role's or a database's session defaults (ALTER ROLE/DATABASE ... SET) override the server's logging
// parameters for the sessions they start: a DatabaseAccess role given one by an override, or a role beside
// it, fails synth and check (twenty-second review, A22a-6).

function built(): AccessStack {
  const made = accessStack();
  new AzurermProvider(made.stack, 'azurerm', { features: [{}] });
  return made;
}

const at = (resource: TerraformResource) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;

function libraryRole(stack: TerraformStack, name: string): TerraformResource {
  const found = stack.node.findAll().find((c) => c instanceof Role && c.node.path.includes(`Role-${name}/`));
  if (found === undefined) throw new Error(`no role ${name}`);
  return found as TerraformResource;
}

function findings(stack: TerraformStack): string[] {
  return synthErrors(stack).map((line) => line.split(' ').slice(3, 5).join(' '));
}

function checkJson(stack: TerraformStack, change: (json: any) => void): ReturnType<typeof check> {
  const json = JSON.parse(JSON.stringify(stack.toTerraform()));
  change(json);
  const file = join(mkdtempSync(join(tmpdir(), 'session-settings-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(json));
  return check('check', file);
}

test('a DatabaseAccess role whose sessions turn pgaudit off, by an override, fails synth', () => {
  const { stack } = built();
  const role = libraryRole(stack, 'orders_app');
  role.addOverride('parameter', [{ name: 'pgaudit.log', value: 'none' }]);
  expect(findings(stack)).toEqual([`${at(role)} PGD-LOG-2`]);
});

test('an override that adds a setting the provider does not define fails closed; a role default the provider writes passes', () => {
  const { stack } = built();
  const role = libraryRole(stack, 'orders_app');
  role.addOverride('statement_timeout', 30000);
  role.addOverride('search_path', ['orders']);
  expect(synthErrors(stack)).toEqual([]);
  role.addOverride('configuration', { log_statement: 'all' });
  expect(findings(stack)).toEqual([`${at(role)} PGD-LOG-2`]);
});

test.each([['log_lock_waits', 'on'], ['log_min_messages', 'debug3'], ['log_temp_files', '0']])('a role whose sessions set %s = %p writes statement text, passwords included, into the log: it fails synth (adversarial run of stop 68)', (name, value) => {
  const { stack, access } = built();
  const role = new Role(stack, 'Chatty', { provider: access.provider, name: 'chatty_etl', login: true });
  role.addOverride('parameter', [{ name, value }]);
  expect(findings(stack)).toEqual([`${at(role)} PGD-LOG-2`]);
});

test('a role beside DatabaseAccess fails synth, and a suppression with the reason silences it', () => {
  const { stack, access } = built();
  const role = new Role(stack, 'Quiet', { provider: access.provider, name: 'quiet_etl', login: true });
  role.addOverride('parameter', [{ name: 'log_min_messages', value: 'panic' }]);
  expect(findings(stack)).toEqual([`${at(role)} PGD-LOG-2`]);
  PostgresSecurityChecks.suppress(role, 'PGD-LOG-2', 'batch role reviewed with the audit team (SEC-1204)');
  expect(synthErrors(stack)).toEqual([]);
});

test('check fails a role and a database whose sessions weaken logging, and passes the stack without them', () => {
  const { stack, access } = built();
  expect(checkJson(stack, () => undefined).code).toBe(EXIT_OK);
  const provider = `postgresql.${access.provider.alias}`;
  const result = checkJson(stack, (json) => {
    json.resource.postgresql_role = { ...json.resource.postgresql_role, quiet: { provider, name: 'quiet', login: false, parameters: { 'pgaudit.log': 'none' } } };
    json.resource.postgresql_database = { reports: { provider, name: 'orders', parameter: [{ name: 'log_statement', value: 'all' }] } };
  });
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.out.some((line) => line.includes('PGD-LOG-2') && line.includes('postgresql_role.quiet'))).toBe(true);
  expect(result.out.some((line) => line.includes('PGD-LOG-2') && line.includes('postgresql_database.reports'))).toBe(true);
});
