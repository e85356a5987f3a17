import { rule } from '../../../lib/checks/rules/PGS-ENC-2';
import { judge, outsideAddress } from '../rule-harness';
import { SERVER_ID, SERVER_KEY, singleStack } from '../single-fixtures';

const KEY_ID = 'https://vault.vault.azure.net/keys/pg/0123456789abcdef0123456789abcdef';

test('passes when a server key belongs to the server', () => {
  expect(judge(rule, singleStack({ [SERVER_KEY]: { cmk: { server_id: SERVER_ID, key_vault_key_id: KEY_ID } } }))).toEqual({ status: 'pass' });
});

test('fails when the server has no key', () => {
  expect(judge(rule, singleStack())).toEqual({
    status: 'fail',
    message: 'no azurerm_postgresql_server_key belongs to the server, so its data is encrypted with a Microsoft-managed key.',
  });
});

test('passes a key for a server outside the stack, given by literal ID', () => {
  const serverId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/servers/legacy-db';
  expect(judge(rule, { [SERVER_KEY]: { cmk: { server_id: serverId, key_vault_key_id: KEY_ID } } }, outsideAddress('single', serverId))).toEqual({ status: 'pass' });
});
