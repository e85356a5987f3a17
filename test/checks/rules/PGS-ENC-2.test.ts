import { rule } from '../../../lib/checks/rules/PGS-ENC-2';
import { buildStackModel } from '../../../lib/checks/stack-model';
import { judge, judgeAll, outsideAddress, SINGLE } from '../rule-harness';
import { SERVER_ID, SERVER_KEY, singleStack } from '../single-fixtures';

const KEY_ID = 'https://vault.vault.azure.net/keys/pg/0123456789abcdef0123456789abcdef';

test('passes when a server key belongs to the server', () => {
  expect(judge(rule, singleStack({ [SERVER_KEY]: { cmk: { server_id: SERVER_ID, key_vault_key_id: KEY_ID } } }))).toEqual({ status: 'pass' });
});

test('fails when the server has no key', () => {
  expect(judge(rule, singleStack())).toEqual({
    status: 'fail',
    address: undefined,
    message: 'no azurerm_postgresql_server_key belongs to the server, so its data is encrypted with a Microsoft-managed key.',
    subject: 'platform-managed keys',
  });
});

test('passes a key for a server outside the stack, given by literal ID', () => {
  const serverId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/servers/legacy-db';
  expect(judge(rule, { [SERVER_KEY]: { cmk: { server_id: serverId, key_vault_key_id: KEY_ID } } }, outsideAddress('single', serverId))).toEqual({ status: 'pass' });
});

test('fails each of two keys of one server: Azure keeps one, whichever applies last (A9-12)', () => {
  const other = 'https://elsewhere.vault.azure.net/keys/pg/fedcba9876543210fedcba9876543210';
  const verdicts = judgeAll(rule, singleStack({ [SERVER_KEY]: { cmk: { server_id: SERVER_ID, key_vault_key_id: KEY_ID }, second: { server_id: SERVER_ID, key_vault_key_id: other } } }));
  const both = `(${SERVER_KEY}.cmk, ${SERVER_KEY}.second)`;
  expect(verdicts).toEqual([
    { status: 'fail', address: `${SERVER_KEY}.cmk`, message: `${SERVER_KEY}.cmk is one of 2 azurerm_postgresql_server_key resources of the server ${both}: Azure keeps one key per server, so whichever applies last encrypts its data.` },
    { status: 'fail', address: `${SERVER_KEY}.second`, message: `${SERVER_KEY}.second is one of 2 azurerm_postgresql_server_key resources of the server ${both}: Azure keeps one key per server, so whichever applies last encrypts its data.` },
  ]);
});

describe('beside a library construct, a key it did not make (A9-12)', () => {
  const at = (path: string) => ({ '//': { metadata: { path } } });
  function verdicts(keyPath: string): unknown {
    const model = buildStackModel({ resource: singleStack({ [SERVER_KEY]: { extra: { server_id: SERVER_ID, key_vault_key_id: KEY_ID, ...at(keyPath) } } }, {}, { ...singleStack()[SINGLE].db, ...at('app/Legacy/Server') }) });
    return rule.evaluate(model.servers[0], { postgresqlProviders: new Map(), resources: model.resources, constructs: ['app/Legacy'] });
  }

  test('fails: the construct sets the key itself (customerManagedKey) or keeps platform keys', () => {
    expect(verdicts('app/Key')).toEqual([{
      status: 'fail', address: `${SERVER_KEY}.extra`,
      message: `${SERVER_KEY}.extra sets the key of the server app/Legacy makes, which the construct did not make: Azure keeps one key per server, so whichever key applies last encrypts its data.`,
    }]);
  });

  test('passes the construct\'s own key', () => {
    expect(verdicts('app/Legacy/Key')).toEqual({ status: 'pass' });
  });
});
