// PG-LOG-1 and PG-DEL-1 beyond their own tests: every destination an export names, an export with
// none, a ReadOnly lock, a lock with neither scope nor level, a level that is no text, a lock of a
// construct whose server another made.
import { rule as logsBeside } from '../../../../lib/checks/rules/PG-LOG-1';
import { rule as deleteLock } from '../../../../lib/checks/rules/PG-DEL-1';
import { TerraformBlock } from '../../../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from '../../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../../rule-harness';

const server = (path = `${CONSTRUCT}/Server`): Resources => ({ [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(path) } } });

describe('PG-LOG-1', () => {
  const setting = (block: TerraformBlock): TerraformBlock => ({ ...madeAt('stack/extra'), name: 'diag', target_resource_id: `\${${FLEXIBLE}.db.id}`, enabled_log: [{ category: 'PostgreSQLLogs' }], ...block });

  test('names every destination an added export writes, in order, and says when it writes none', () => {
    const everywhere = setting({
      partner_solution_id: '${var.partner}',
      eventhub_authorization_rule_id: '${var.hub}',
      storage_account_id: '${var.storage}',
      log_analytics_workspace_id: '${var.workspace}',
    });
    const resources = { ...server(), azurerm_monitor_diagnostic_setting: { everywhere, nowhere: setting({}) } };
    expect(verdictsBeside(logsBeside, resources, [CONSTRUCT])).toEqual([
      {
        status: 'fail',
        message: `azurerm_monitor_diagnostic_setting.everywhere exports the server's logs (log_analytics_workspace_id "\${var.workspace}", storage_account_id "\${var.storage}", eventhub_authorization_rule_id "\${var.hub}", partner_solution_id "\${var.partner}"), an export ${CONSTRUCT} does not declare.`,
        address: 'azurerm_monitor_diagnostic_setting.everywhere',
      },
      {
        status: 'fail',
        message: `azurerm_monitor_diagnostic_setting.nowhere exports the server's logs (no destination written), an export ${CONSTRUCT} does not declare.`,
        address: 'azurerm_monitor_diagnostic_setting.nowhere',
      },
    ]);
  });
});

describe('PG-DEL-1', () => {
  const lock = (block: TerraformBlock): TerraformBlock => ({ ...madeAt(`${CONSTRUCT}/DeleteLock`), name: 'do-not-delete', ...block });
  const withLocks = (locks: { [name: string]: TerraformBlock }, serverPath?: string): Resources => ({ ...server(serverPath), azurerm_management_lock: locks });

  test('passes a ReadOnly lock on the server', () => {
    expect(verdictsBeside(deleteLock, withLocks({ own: lock({ scope: `\${${FLEXIBLE}.db.id}`, lock_level: 'ReadOnly' }) }), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
  });

  test('fails a lock with neither scope nor level, and a level that is no text', () => {
    expect(verdictsBeside(deleteLock, withLocks({ bare: lock({}), number: lock({ scope: `\${${FLEXIBLE}.db.id}`, lock_level: 1 }) }), [CONSTRUCT])).toEqual([
      { status: 'fail', message: 'azurerm_management_lock.bare has the scope null, not the server\'s ID: the server is not locked.', address: 'azurerm_management_lock.bare' },
      { status: 'fail', message: 'azurerm_management_lock.bare has the lock_level null, which does not stop a delete.', address: 'azurerm_management_lock.bare' },
      { status: 'fail', message: 'azurerm_management_lock.number has the lock_level 1, which does not stop a delete.', address: 'azurerm_management_lock.number' },
    ]);
  });

  test('fails a literal level that stops no delete', () => {
    expect(verdictsBeside(deleteLock, withLocks({ own: lock({ scope: `\${${FLEXIBLE}.db.id}`, lock_level: 'NotSpecified' }) }), [CONSTRUCT])).toEqual([
      { status: 'fail', message: 'azurerm_management_lock.own has the lock_level "NotSpecified", which does not stop a delete.', address: 'azurerm_management_lock.own' },
    ]);
  });

  test('with no owning construct, never reads the construct path "undefined"', () => {
    const resources = { ...server('undefined/Server'), azurerm_management_lock: { raw: { ...madeAt('undefined/Lock'), name: 'l', lock_level: 'CanNotDelete' } } };
    expect(verdictsBeside(deleteLock, resources, [])).toEqual([{ status: 'not-applicable', note: 'no construct of the library made a delete lock for the server' }]);
  });

  test('is not applicable to a server no construct of the library made, even beside a construct\'s lock', () => {
    expect(verdictsBeside(deleteLock, withLocks({ own: lock({ scope: '/subscriptions/0/resourceGroups/rg', lock_level: 'CanNotDelete' }) }, 'stack/raw'), [CONSTRUCT])).toEqual([
      { status: 'not-applicable', note: 'no construct of the library made a delete lock for the server' },
    ]);
  });
});
