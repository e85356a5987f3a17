import { libraryMarksDisagree, resourcePaths } from '../../lib/checks/library-marks';

// The library's lists held against the construct paths cdktf wrote into the blocks (A10b-2); the
// check command's cases, on a synthesized stack, are in test/cli/written-declarations.test.ts.

const at = (path: string) => ({ '//': { metadata: { path } } });
const file = (lists: { [key: string]: unknown }) => ({
  'resource': { azurerm_postgresql_flexible_server: { db: { name: 'db', ...at('app/Postgres/Server') } }, random_password: { raw: { length: 32 } }, postgresql_role: { r: { name: 'x', ...at('app/Postgres/Mine/Role') } } },
  'module': { net: { source: './net', ...at('app/Network/Module') } },
  '//': lists,
});
const PIN = { server: 'app/Postgres/Server', path: 'app/Postgres/Server', attributes: {} };

test('lists that name what made the blocks agree', () => {
  expect(libraryMarksDisagree(file({
    'cdktf-azure-postgres-constructs': ['app/Postgres'],
    'cdktf-azure-postgres-enforced': ['app/Postgres', 'app', 'app/Network'],
    'cdktf-azure-postgres-pinned': [PIN],
    'cdktf-azure-postgres-made': ['app/Postgres/Server'],
  }))).toBeUndefined();
});

test.each<[string, { [key: string]: unknown }, string]>([
  ['a construct re-spelt', { 'cdktf-azure-postgres-constructs': ['app/postgres'] }, '//.cdktf-azure-postgres-constructs lists "app/postgres", but no resource of the file has that construct path or one below it'],
  ['a construct of modules only', { 'cdktf-azure-postgres-constructs': ['app/Network'] }, '//.cdktf-azure-postgres-constructs lists "app/Network", but no resource of the file has that construct path or one below it'],
  ['an enforced scope with a "/" after it', { 'cdktf-azure-postgres-enforced': ['app/Postgres/'] }, '//.cdktf-azure-postgres-enforced lists "app/Postgres/", but no block of the file has that construct path or one below it'],
  ['a construct whose made list is gone (A11a-1)', { 'cdktf-azure-postgres-constructs': ['app/Postgres'] }, '//.cdktf-azure-postgres-constructs lists "app/Postgres", but //.cdktf-azure-postgres-made lists no resource it made'],
  ['a construct none of whose made resources is listed', { 'cdktf-azure-postgres-constructs': ['app/Postgres'], 'cdktf-azure-postgres-made': ['app/Postgresql/Server'] }, '//.cdktf-azure-postgres-constructs lists "app/Postgres", but //.cdktf-azure-postgres-made lists no resource it made'],
  ['an in-database resource listed as made by a server construct (A11b-2)', { 'cdktf-azure-postgres-constructs': ['app/Postgres'], 'cdktf-azure-postgres-pinned': [PIN], 'cdktf-azure-postgres-made': ['app/Postgres/Server', 'app/Postgres/Mine/Role'] }, 'postgresql_role.r is listed as made (//.cdktf-azure-postgres-made) by a server construct (app/Postgres/Mine/Role), where only a DatabaseAccess makes in-database resources'],
  ['a made resource of no listed construct (A11b-2)', { 'cdktf-azure-postgres-constructs': ['app/Postgres'], 'cdktf-azure-postgres-made': ['app/Postgres/Server', 'app/Access/Grant'] }, '//.cdktf-azure-postgres-made lists "app/Access/Grant", which no construct //.cdktf-azure-postgres-constructs lists made'],
  ['a made construct path written on two resources (A12b-3)', { 'cdktf-azure-postgres-constructs': ['app/Postgres'], 'cdktf-azure-postgres-made': ['app/Postgres/Server', 'app/Postgres/Mine/Role'] }, 'postgresql_role.copy has the construct path "app/Postgres/Mine/Role" of postgresql_role.r, which //.cdktf-azure-postgres-made lists as made: cdktf writes one resource at a construct path'],
  ['a pin of a server no resource is', { 'cdktf-azure-postgres-pinned': [{ ...PIN, server: 'app/Postgres/Replica' }] }, '//.cdktf-azure-postgres-pinned pins "app/Postgres/Replica", but no resource of the file has that construct path (its //.metadata.path was changed or deleted)'],
])('%s disagrees', (_name, lists, problem) => {
  const written = file(lists);
  if (problem.includes('postgresql_role.copy')) (written.resource.postgresql_role as { [key: string]: unknown }).copy = { name: 'y', ...at('app/Postgres/Mine/Role') };
  expect(libraryMarksDisagree(written)).toBe(problem);
});

test('a pinned server is compared by its whole path: the construct above it is not it', () => {
  expect(libraryMarksDisagree(file({ 'cdktf-azure-postgres-pinned': [{ ...PIN, server: 'app/Postgres' }] }))).toMatch(/pins "app\/Postgres", but/);
});

test('a pinned resource other than the server, deleted, is left to PG-CFG-6 (a finding, as in synth)', () => {
  expect(libraryMarksDisagree(file({ 'cdktf-azure-postgres-pinned': [PIN, { ...PIN, path: 'app/Postgres/SecurityRule-DenyAllInbound' }] }))).toBeUndefined();
});

test('resourcePaths reads each resource\'s path and provider, and refuses a //.metadata cdktf would not write', () => {
  expect(resourcePaths({ resource: { random_password: { a: { provider: 'random.x', ...at('app/A') }, b: { '//': 'a note of the user\'s own' } } } })).toEqual({
    resources: [{ address: 'random_password.a', path: 'app/A', provider: 'random.x' }, { address: 'random_password.b', path: undefined, provider: undefined }],
  });
  expect(resourcePaths({ resource: { random_password: { a: { '//': [at('app/A')['//'], at('app/B')['//']] } } } }).problem).toBe('random_password.a holds //.metadata 2 times, where cdktf writes it once');
  expect(resourcePaths({ resource: { random_password: { a: { '//': { metadata: {} } } } } }).problem).toBe('random_password.a holds a //.metadata without a construct path, where cdktf writes one');
});
