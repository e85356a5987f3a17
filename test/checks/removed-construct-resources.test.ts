import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { Aspects, TerraformStack } from 'cdktf';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { MADE_KEY } from '../../lib/checks/suppressions';
import { EXIT_BAD_INPUT } from '../../lib/cli/check-command';
import { checkStack } from '../cli/cli-harness';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// Eleventh review, A11a-8: an escape hatch that takes one of a construct's resources out of the tree
// (node.tryRemoveChild) took what it guarded with it: a database (and its prevent_destroy, so the next
// apply drops it) or the delete lock. The constructs list what they made; a listed resource missing
// from the JSON fails PG-CFG-6, at synth and in check. Every resource a server construct makes is pinned
// (thirteenth review, A13-6), so its server's PG-CFG-6 names a missing one; the made list names the rest
// (a DatabaseAccess's).

function stackWith(remove: (postgres: SecureFlexibleServer) => void): TerraformStack {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }], deletionProtection: { lock: true } }));
  remove(postgres);
  return stack;
}

const FIX = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';
const SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';
const missing = (id: string) =>
  `  [test] ${SERVER} PG-CFG-6 test/Postgres/${id}, which the construct of ${SERVER} makes, is not in the JSON: what it guarded goes with it. ${FIX}`;

test('the construct as made passes (control)', () => {
  expect(synthErrors(stackWith(() => undefined))).toEqual([]);
});

test.each(['Database-orders', 'DeleteLock'])('%s taken out with tryRemoveChild fails synth and check', (id) => {
  const stack = stackWith((postgres) => postgres.node.tryRemoveChild(id));
  expect(synthErrors(stack)).toEqual(expect.arrayContaining([missing(id)]));
  expect(checkStack(stack).code).toBe(1);
});

test('in check, a resource deleted from the file and from the made list by hand is judged as never made (the made list is what the construct wrote)', () => {
  const stack = stackWith((postgres) => postgres.node.tryRemoveChild('DeleteLock'));
  const made = (stack.toTerraform()['//'][MADE_KEY] as string[]).filter((path) => !path.endsWith('/DeleteLock'));
  stack.addOverride(`//.${MADE_KEY}`, made);
  // In synth the process's own list counts: the override of the list is itself a finding.
  expect(synthErrors(stack)).toEqual(expect.arrayContaining([missing('DeleteLock'), expect.stringContaining('are not those they made')]));
});

test('a DatabaseAccess resource taken out with tryRemoveChild fails synth and check (the made list)', () => {
  let revokes: string | undefined;
  const stack = stackWith((postgres) => {
    const access = new DatabaseAccess(postgres.node.scope!, 'OrdersAccess', {
      server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'],
      roles: [{ name: 'orders_app', database: 'orders', access: AccessLevel.READ_WRITE,
        member: DatabasePrincipal.entra({ objectId: '77777777-7777-7777-7777-777777777777', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) }],
    });
    const database = access.node.findChild('Database-orders');
    revokes = database.node.findChild('RevokePublicSchema').node.path;
    database.node.tryRemoveChild('RevokePublicSchema');
  });
  expect(synthErrors(stack)).toEqual(expect.arrayContaining([
    `  [test] (stack) PG-CFG-6 ${revokes}, which a library construct made, is not in the JSON: it was taken out, or moved to another block (moveTo), after the construct made it, and what it guarded (a lock, a database's prevent_destroy, a rule) goes with it. ${FIX}`,
  ]));
  expect(checkStack(stack).code).toBe(1);
});

// Adversarial run of stop 71, A71-6: the construct's server itself taken out, or moved (moveTo, by an aspect) onto a raw public server
// of the same name, which Terraform would hand the server's state to. PG-CFG-6 judges the servers in the JSON, so a pin of the missing
// server was left to it and only a suppression that no longer matched (PG-SUP-1) said anything: the stack now says the server is gone.
const SERVER_GONE = `  [test] (stack) PG-CFG-6 test/Postgres/Server, which a library construct made, is not in the JSON: it was taken out, or moved to another block (moveTo), after the construct made it, and what it guarded (a lock, a database's prevent_destroy, a rule) goes with it. ${FIX}`;

test.each([
  ['taken out with tryRemoveChild', (postgres: SecureFlexibleServer) => postgres.node.tryRemoveChild('Server')],
  ['moved by an aspect onto a raw public server (moveTo)', (postgres: SecureFlexibleServer) => {
    const stack = postgres.node.scope as TerraformStack;
    const raw = new PostgresqlFlexibleServer(stack, 'Legacy', {
      name: 'orders-db', resourceGroupName: 'rg-orders', location: 'westeurope', skuName: 'GP_Standard_D2ds_v5', version: '17', publicNetworkAccessEnabled: true,
    });
    raw.addMoveTarget('legacy');
    Aspects.of(stack).add({ visit: (node) => (node === postgres.server ? postgres.server.moveTo('legacy') : undefined) });
  }],
])('the construct\'s server %s fails synth saying it is not in the JSON; check refuses the file', (_name, remove) => {
  const stack = stackWith(remove);
  expect(synthErrors(stack)).toEqual(expect.arrayContaining([SERVER_GONE]));
  const checked = checkStack(stack);
  expect(checked.code).toBe(EXIT_BAD_INPUT);
  expect(checked.err).toEqual([expect.stringContaining(': //.cdktf-azure-postgres-pinned pins "test/Postgres/Server", but no resource of the file has that construct path')]);
});
