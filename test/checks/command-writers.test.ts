import { DataResource, TerraformStack } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { cdktfOut, check as cliCheck, checkStack, SECURE } from '../cli/cli-harness';
import { minimalProps, minimalSingleProps, providerStack, synthErrors } from '../helpers';
import { FIX_3, FIX_4, MAY_REACH, REACHES } from './writer-messages';

// N1 of the second review: what acts on a construct's server without a type or text the checks
// read (an ARM deployment through azapi, an azapi type known only later, an external data source,
// a command that finds the server by a search) fails synth and the check command.

const RG_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders';
const REASON = 'reviewed by the platform team in SEC-42';
const SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';
const SEARCH = 'az resource update --ids "$(az resource list -g rg-orders --resource-type Microsoft.DBforPost""greSQL/flexibleServers --query [0].id -o tsv)/configurations/require_secure_transport" --set properties.value=off';

/** The check command's exit code and the lines of its findings on the stack's JSON as cdktf would write it (synth refuses it). */
function check(stack: TerraformStack): { code: number; lines: string[] } {
  const { code, out, err } = checkStack(stack);
  return { code, lines: [...out, ...err].filter((line) => / (ERROR|WARNING|suppressed) /.test(line)).map((line) => line.trim()) };
}

const cases: [string, (stack: TerraformStack) => void, string, string][] = [
  ['an azapi Microsoft.Resources/deployments whose template sets orders-db/require_secure_transport = off', (stack) => {
    stack.addOverride('resource.azapi_resource.arm', {
      type: 'Microsoft.Resources/deployments@2022-09-01', name: 'd', parent_id: RG_ID,
      body: { properties: { mode: 'Incremental', template: { contentVersion: '1.0.0.0',
        resources: [{ type: 'Microsoft.DBforPostgreSQL/flexibleServers/configurations', apiVersion: '2024-08-01', name: 'orders-db/require_secure_transport', properties: { value: 'off', source: 'user-override' } }] } } },
    });
  }, 'azapi_resource.arm PG-CFG-3', `an azapi_resource of type "Microsoft.Resources/deployments@2022-09-01" ${REACHES} ${FIX_3}`],
  ['an azapi_resource whose type is a variable, named orders-db/require_secure_transport under the resource group', (stack) => {
    stack.addOverride('variable.t', { type: 'string' });
    stack.addOverride('resource.azapi_resource.x', { type: '${var.t}', name: 'orders-db/require_secure_transport', parent_id: RG_ID, body: { properties: { value: 'off' } } });
  }, 'azapi_resource.x PG-CFG-3', `an azapi_resource whose type is known only at apply time ${REACHES} ${FIX_3}`],
  ['an external data source whose program sets a parameter of orders-db', (stack) => {
    stack.addOverride('data.external.x', { program: ['sh', '-c', 'az postgres flexible-server parameter set -g rg-orders -s orders-db --name require_secure_transport --value off >/dev/null; echo {}'] });
  }, 'data.external.x PG-CFG-3', `an external data source, which runs a program at every plan, ${REACHES} ${FIX_3}`],
  ['a terraform_data local-exec that finds the server by a search and never says "postgres"', (stack) => {
    stack.addOverride('resource.terraform_data.x', { provisioner: [{ 'local-exec': { command: SEARCH } }] });
  }, 'terraform_data.x PG-CFG-4', `a provisioner (local-exec) ${MAY_REACH} ${FIX_4}`],
];

describe('writers a construct\'s server cannot see through', () => {
  test.each(cases)('%s fails synth', (_name, add, where, message) => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    add(stack);
    expect(synthErrors(stack)).toEqual([`  [trust] ${where} ${message}`]);
  });

  test.each(cases)('%s fails the check command', (_name, add, where, message) => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    add(stack);
    const [address, ruleId] = where.split(' ');
    const result = check(stack);
    expect(result.code).toBe(1);
    expect(result.lines.filter((line) => line.startsWith('ERROR'))).toEqual([`ERROR      ${ruleId.padEnd(10)} ${address}: ${message}`]);
  });

  test('a suppression with the reason on the server lets synth pass, and the report keeps the command as suppressed', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    stack.addOverride('resource.terraform_data.x', { provisioner: [{ 'local-exec': { command: SEARCH } }] });
    PostgresSecurityChecks.suppress(postgres, 'PG-CFG-4', REASON);
    expect(synthErrors(stack)).toEqual([]);
    const finding = evaluateStack(stack.toTerraform(), ALL_RULES).findings.find((f) => f.ruleId === 'PG-CFG-4' && f.address === 'terraform_data.x');
    expect([finding?.server, finding?.status, finding?.reason]).toEqual([SERVER, 'suppressed', REASON]);
  });

  test('a suppression with the reason on the command itself covers it', () => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const command = new DataResource(stack, 'Migrate', {});
    command.addOverride('provisioner', [{ 'local-exec': { command: SEARCH } }]);
    PostgresSecurityChecks.suppress(command, 'PG-CFG-4', REASON);
    expect(synthErrors(stack)).toEqual([]);
  });

  test('a SecureSingleServer fails synth the same way', () => {
    const stack = providerStack('trust');
    new SecureSingleServer(stack, 'Postgres', minimalSingleProps());
    stack.addOverride('data.external.x', { program: ['sh', '-c', `${SEARCH}; echo {}`] });
    expect(synthErrors(stack)).toEqual([`  [trust] data.external.x PG-CFG-4 an external data source, which runs a program at every plan, ${MAY_REACH} ${FIX_4}`]);
  });

  test('a stack of raw resources gets a warning, and the check command exits 0', () => {
    const raw = { ...SECURE, resource: { ...SECURE.resource, terraform_data: { x: { provisioner: [{ 'local-exec': { command: SEARCH } }] } } } };
    const result = cliCheck('check', cdktfOut({ app: raw }));
    expect(result.out.filter((line) => line.includes('PG-CFG-'))).toEqual([`  WARNING    PG-CFG-4   terraform_data.x: a provisioner (local-exec) ${MAY_REACH} ${FIX_4}`]);
    expect(result.code).toBe(0);
  });
});
