import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { TerraformStack } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { INERT_SERVER_POINTERS, laterServerPointer, SERVER_POINTERS } from '../../lib/checks/server-pointers';
import { MODELLED_TYPES } from '../../lib/checks/stack-model';
import { minimalProps, providerStack, synthErrors } from '../helpers';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';
import { FIX_3, REACHES } from './writer-messages';

// A15b-17 of the fifteenth review: a writer that takes a server's ID, given by a pointer known only at
// apply time, may act on a construct's server, as a child by such a pointer does.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const VAULT = `${SUB}/resourceGroups/rg-evil/providers/Microsoft.DataProtection/backupVaults/evil`;
const FLEXIBLE_BACKUP = 'azurerm_data_protection_backup_instance_postgresql_flexible_server';
const SINGLE_BACKUP = 'azurerm_data_protection_backup_instance_postgresql';
const WHAT = (type: string) => `an ${type}, a copy of the server's data restorable outside the stack,`;

function beside(type: string, body: Record<string, unknown>): TerraformStack {
  const stack = providerStack('later');
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride('variable.sid', { type: 'string' });
  stack.addOverride(`resource.${type}.b`, { name: 'b', location: 'westeurope', vault_id: VAULT, backup_policy_id: `${VAULT}/backupPolicies/p`, ...body });
  return stack;
}

test.each<[string, string, Record<string, unknown>]>([
  ['a Flexible server backup by a variable', FLEXIBLE_BACKUP, { server_id: '${var.sid}' }],
  ['a Flexible server backup by a template of a variable', FLEXIBLE_BACKUP, { server_id: `${SUB}/resourceGroups/\${var.rg}/providers/Microsoft.DBforPostgreSQL/flexibleServers/\${var.name}` }],
  ['a Single Server database backup below a variable', SINGLE_BACKUP, { database_id: '${var.sid}/databases/orders' }],
])('%s beside a construct fails synth (PG-CFG-3)', (_name, type, body) => {
  expect(synthErrors(beside(type, body))).toEqual([`  [later] ${type}.b PG-CFG-3 ${WHAT(type)} ${REACHES} ${FIX_3}`]);
});

test('a backup whose server ID is the ID of another kind of resource of the stack is not read as a server', () => {
  expect(laterServerPointer(FLEXIBLE_BACKUP, { server_id: '${azurerm_storage_account.s.id}' })).toBeUndefined();
  expect(laterServerPointer(FLEXIBLE_BACKUP, { server_id: `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/\${var.n}` })).toBeUndefined();
  expect(synthErrors(beside(FLEXIBLE_BACKUP, { server_id: `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/\${var.n}` }))).toEqual([]);
});

test('a raw server\'s stack: the backup by a variable is judged on a server of its own, known only at apply time', () => {
  const terraform = {
    variable: { sid: { type: 'string' } },
    resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [FLEXIBLE_BACKUP]: { b: { name: 'b', vault_id: VAULT, server_id: '${var.sid}', backup_policy_id: 'p' } } },
  };
  const finding = evaluateStack(terraform, ALL_RULES).findings.find((f) => f.ruleId === 'PG-CFG-3' && f.address === `${FLEXIBLE_BACKUP}.b`);
  expect([finding?.status, finding?.server]).toEqual(['fail', `(server unknown) acted on by ${FLEXIBLE_BACKUP}.b`]);
});

/** The provider's argument names that point at a PostgreSQL server or one of its databases. */
const POINTER_ARGUMENTS = /^ {4}readonly (serverId|serverName|databaseId|sourceServerId|replicaServerId|creationSourceServerId)\??:/m;
const PROVIDER = join(require.resolve('@cdktf/provider-azurerm/package.json'), '..', 'lib');
/** Those read elsewhere: the servers themselves and their copies (server-copies.ts). */
const COPIES = ['azurerm_postgresql_flexible_server_virtual_endpoint'];

test('every azurerm resource type with an argument that takes a PostgreSQL server is read: a child of the model, a copy, a pointer of this table, or inert with a reason', () => {
  const types = readdirSync(PROVIDER).filter((dir) => /postgresql/.test(dir) && !/^(data-azurerm|cosmosdb|data-factory)-/.test(dir))
    .filter((dir) => POINTER_ARGUMENTS.test(readFileSync(join(PROVIDER, dir, 'index.d.ts'), 'utf8')))
    .map((dir) => `azurerm_${dir.replace(/-/g, '_')}`);
  expect(types.length).toBeGreaterThan(10);
  const read = new Set([...MODELLED_TYPES, ...COPIES, ...Object.keys(SERVER_POINTERS), ...Object.keys(INERT_SERVER_POINTERS)]);
  expect(types.filter((type) => !read.has(type))).toEqual([]);
});
