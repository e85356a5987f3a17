import { rule } from '../../../lib/checks/rules/PG-DEL-1';
import { CONSTRUCT, madeAt, verdictsBeside } from '../beside-fixtures';
import { TerraformBlock } from '../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../rule-harness';

const SERVER_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';
const lock = (block: TerraformBlock, path = `${CONSTRUCT}/DeleteLock`): TerraformBlock => ({ ...madeAt(path), name: 'do-not-delete', lock_level: 'CanNotDelete', scope: `\${${FLEXIBLE}.db.id}`, ...block });
const stack = (locks: { [name: string]: TerraformBlock }): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_management_lock: locks,
});

test('passes the construct\'s lock on its server, by reference or by literal ID', () => {
  expect(verdictsBeside(rule, stack({ own: lock({}) }), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
  expect(verdictsBeside(rule, stack({ own: lock({ scope: SERVER_ID }) }), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
});

test('is not applicable when no construct of the library made a lock (a raw lock elsewhere is not its)', () => {
  expect(verdictsBeside(rule, stack({ raw: lock({ scope: '/subscriptions/0/resourceGroups/rg' }, 'stack/raw') }), [CONSTRUCT])).toEqual([
    { status: 'not-applicable', note: 'no construct of the library made a delete lock for the server' },
  ]);
});

test('fails the construct\'s lock moved to a resource group, or made a lock that stops nothing', () => {
  expect(verdictsBeside(rule, stack({ own: lock({ scope: '/subscriptions/0/resourceGroups/rg-other', lock_level: '${var.level}' }) }), [CONSTRUCT])).toEqual([
    { status: 'fail', message: 'azurerm_management_lock.own has the scope "/subscriptions/0/resourceGroups/rg-other", not the server\'s ID: the server is not locked.', address: 'azurerm_management_lock.own' },
    { status: 'fail', message: 'azurerm_management_lock.own has the lock_level "${var.level}", which does not stop a delete.', address: 'azurerm_management_lock.own' },
  ]);
});
