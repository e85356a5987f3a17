import { parsePostgresServerId } from '../../lib/private/postgres-server-id';

// Server IDs read as azurerm's parser reads them (go-azure-helpers resourceids): what it accepts
// names the server; anything else names none, so the model judges it on a server of its own.

const ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/db';

test.each<[string, string, ReturnType<typeof parsePostgresServerId>]>([
  ['a Flexible Server ID', ID, { kind: 'flexible', name: 'db' }],
  ['a Single Server ID', ID.replace('flexibleServers', 'servers'), { kind: 'single', name: 'db' }],
  ['one "/" after the name', `${ID}/`, { kind: 'flexible', name: 'db' }],
  ['no leading "/"', ID.slice(1), { kind: 'flexible', name: 'db' }],
  ['segment names in another case', ID.toLowerCase().replace('/db', '/DB'), { kind: 'flexible', name: 'DB' }],
  // A "." or empty segment anywhere is dropped, as a cleaned URL path drops it (azure-keys.ts; twenty-third run, A23-3).
  ['two "/" after the name', `${ID}//`, { kind: 'flexible', name: 'db' }],
  ['an inner "//"', ID.replace('/flexibleServers', '//flexibleServers'), { kind: 'flexible', name: 'db' }],
  ['a "." segment', ID.replace('/flexibleServers', '/./flexibleServers'), { kind: 'flexible', name: 'db' }],
  ['a "." segment at the end', `${ID}/.`, { kind: 'flexible', name: 'db' }],
  ['a ".." segment (read as unknown by the evaluator, never as a server here)', `${ID}/x/..`, undefined],
  ['more after the name', `${ID}/configurations/x`, undefined],
  ['no name', ID.replace('/db', '/'), undefined],
  ['another provider', ID.replace('DBforPostgreSQL', 'DBforMySQL'), undefined],
  ['another type', ID.replace('flexibleServers', 'constructor'), undefined],
  ['only the provider', '/providers/Microsoft.DBforPostgreSQL', undefined],
  ['a name', 'db', undefined],
])('%s', (_, id, expected) => {
  expect(parsePostgresServerId(id)).toEqual(expected);
});

test('with orBelow, an ID below a server names it', () => {
  expect(parsePostgresServerId(`${ID}/configurations/require_secure_transport`, true)).toEqual({ kind: 'flexible', name: 'db' });
  expect(parsePostgresServerId(`${ID}//x`, true)).toEqual({ kind: 'flexible', name: 'db' });
  expect(parsePostgresServerId(ID.replace('/db', '//x'), true)).toEqual({ kind: 'flexible', name: 'x' });
  expect(parsePostgresServerId(ID.replace('/db', '/../x'), true)).toEqual({ kind: 'flexible', name: '..' });
});
