import { covers, scopesOf } from '../../lib/checks/suppressions';

// scopesOf lists exactly the scopes covers accepts, so an index by scope finds what a scan with covers found.

const PATHS = ['stack', 'stack/db', 'stack/db/Server', 'stack/dbx/Server', 'stack//db', '/stack/db', 'stack/db/', 'a/b/c/d'];

test.each(PATHS)('the scopes of %j are the paths that cover it, innermost first', (path) => {
  const candidates = [...new Set(PATHS.flatMap((each) => [each, ...scopesOf(each)]).concat(['', 'stack/d', 'stack/db/Serv']))];
  const covering = candidates.filter((scope) => covers(scope, path));
  expect(new Set(scopesOf(path))).toEqual(new Set(covering));
  expect(scopesOf(path).map((scope) => scope.length)).toEqual([...scopesOf(path).map((scope) => scope.length)].sort((a, b) => b - a));
});

test('a path with no "/" is its only scope', () => {
  expect(scopesOf('stack')).toEqual(['stack']);
  expect(scopesOf('stack/db/Server')).toEqual(['stack/db/Server', 'stack/db', 'stack']);
});
