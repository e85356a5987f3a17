import { libraryMarksDisagree, resourcePaths } from '../../lib/checks/library-marks';

// The library's lists held against the construct paths cdktf wrote into the blocks (A10b-2); the
// check command's cases, on a synthesized stack, are in test/cli/written-declarations.test.ts.

const at = (path: string) => ({ '//': { metadata: { path } } });
const file = (lists: { [key: string]: unknown }) => ({
  'resource': { azurerm_postgresql_flexible_server: { db: { name: 'db', ...at('app/Postgres/Server') } }, random_password: { raw: { length: 32 } }, postgresql_role: { r: { name: 'x', ...at('app/Postgres/Mine/Role') } } },
  'module': { net: { source: './net', ...at('app/Network/Module') } },
  '//': lists,
});
const PIN = { server: 'app/Postgres/Server', path: 'app/Postgres/Server', attributes: { provider: null, name: 'db' } };

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

test('in synth, an enforced scope that holds no block passes: it is a construct the process enforced and holds at its recorded path (A15a-1)', () => {
  const lists = { 'cdktf-azure-postgres-enforced': ['app/TeamA'] };
  expect(libraryMarksDisagree(file(lists))).toBe('//.cdktf-azure-postgres-enforced lists "app/TeamA", but no block of the file has that construct path or one below it');
  expect(libraryMarksDisagree(file(lists), { enforcedRecorded: true })).toBeUndefined();
  expect(libraryMarksDisagree(file({ 'cdktf-azure-postgres-constructs': ['app/postgres'] }), { enforcedRecorded: true })).toMatch(/constructs lists "app\/postgres"/);
});

test('a pinned server is compared by its whole path: the construct above it is not it', () => {
  expect(libraryMarksDisagree(file({ 'cdktf-azure-postgres-pinned': [{ ...PIN, server: 'app/Postgres' }] }))).toMatch(/pins "app\/Postgres", but/);
});

test('a pinned resource other than the server, deleted, is left to PG-CFG-6 (a finding, as in synth)', () => {
  expect(libraryMarksDisagree(file({ 'cdktf-azure-postgres-pinned': [PIN, { ...PIN, path: 'app/Postgres/SecurityRule-DenyAllInbound' }] }))).toBeUndefined();
});

describe('every resource a construct made has its pin, with each placement attribute it writes (A14b-9)', () => {
  const MADE = 'cdktf-azure-postgres-made';
  const PINNED = 'cdktf-azure-postgres-pinned';
  const GROUP_PIN = { server: 'app/Postgres/Server', path: 'app/Postgres/SecurityGroup', attributes: { provider: null, name: 'nsg', resource_group_name: 'rg-db', location: 'westeurope' } };
  /** A server construct with its server and NSG made and pinned, a DatabaseAccess's role beside them. */
  const written = (edit: (lists: { [key: string]: any }) => void = () => undefined) => {
    const lists: { [key: string]: any } = {
      'cdktf-azure-postgres-constructs': ['app/Postgres'],
      [PINNED]: [PIN, GROUP_PIN],
      [MADE]: ['app/Postgres/Server', 'app/Postgres/SecurityGroup'],
    };
    edit(lists);
    const json = file(lists);
    (json.resource as { [type: string]: unknown }).azurerm_network_security_group = { nsg: { name: 'nsg', resource_group_name: 'rg-decoy', location: 'westeurope', ...at('app/Postgres/SecurityGroup') } };
    return json;
  };

  test('pins that cover every made resource agree', () => {
    expect(libraryMarksDisagree(written())).toBeUndefined();
  });

  test('a made resource whose pin is deleted disagrees', () => {
    expect(libraryMarksDisagree(written((lists) => { lists[PINNED] = [PIN]; }))).toBe(
      'azurerm_network_security_group.nsg is listed as made (//.cdktf-azure-postgres-made), but //.cdktf-azure-postgres-pinned holds no pin of it ("app/Postgres/SecurityGroup"), where the library pins every resource its constructs make');
  });

  test.each(['resource_group_name', 'name', 'location', 'provider'])('a pin without its %s disagrees', (attribute) => {
    const attributes: { [name: string]: unknown } = { ...GROUP_PIN.attributes };
    delete attributes[attribute];
    expect(libraryMarksDisagree(written((lists) => { lists[PINNED] = [PIN, { ...GROUP_PIN, attributes }]; }))).toBe(
      `//.cdktf-azure-postgres-pinned pins azurerm_network_security_group.nsg ("app/Postgres/SecurityGroup") without its ${attribute}, which the library pins on every resource its constructs make`);
  });

  test('each pin of a resource pinned under several servers (a shared zone) holds its placement', () => {
    const shorter = { ...GROUP_PIN, attributes: { provider: null, name: 'nsg' } };
    expect(libraryMarksDisagree(written((lists) => { lists[PINNED] = [PIN, GROUP_PIN, shorter]; }))).toMatch(/pins azurerm_network_security_group\.nsg \("app\/Postgres\/SecurityGroup"\) without its resource_group_name,/);
  });

  test('a placement attribute the resource does not write need not be pinned (the library pins it null)', () => {
    expect(libraryMarksDisagree(written((lists) => { lists[PINNED] = [PIN, { ...GROUP_PIN, attributes: { provider: null, name: 'nsg', resource_group_name: 'rg-db', location: 'westeurope', scope: null } }]; }))).toBeUndefined();
    expect(libraryMarksDisagree(written((lists) => { lists[PINNED] = [{ ...PIN, attributes: { provider: null, name: 'db', location: null } }, GROUP_PIN]; }))).toBeUndefined();
  });

  test('a DatabaseAccess\'s resources are made without pins', () => {
    const declaration = { path: 'app/Access', server: 'azurerm_postgresql_flexible_server.db', provider: 'postgresql', principalName: 'db-admins', groups: [], logins: [] };
    const json = written((lists) => {
      lists['cdktf-azure-postgres-constructs'].push('app/Access');
      lists[MADE].push('app/Access/Grant');
      lists['cdktf-azure-postgres-access'] = [declaration];
    });
    (json.resource as { [type: string]: unknown }).postgresql_grant = { g: { role: 'r', ...at('app/Access/Grant') } };
    expect(libraryMarksDisagree(json)).toBeUndefined();
    // Its declaration deleted, it is still one (it makes in-database resources and no server): PGD-IAM-11's finding.
    json['//']['cdktf-azure-postgres-access'] = [];
    expect(libraryMarksDisagree(json)).toBeUndefined();
  });

  test('the whole pinned list deleted, or every pin of a construct\'s server, is left to PG-CFG-6 (a finding, as in synth)', () => {
    expect(libraryMarksDisagree(written((lists) => { delete lists[PINNED]; }))).toBeUndefined();
    const other = { server: 'app/Other/Server', path: 'app/Other/Server', attributes: { provider: null, name: 'other' } };
    expect(libraryMarksDisagree(written((lists) => { lists[PINNED] = [other]; }))).toMatch(/pins "app\/Other\/Server", but no resource/);
  });
});

test('resourcePaths reads each resource\'s path and provider, and refuses a //.metadata cdktf would not write', () => {
  expect(resourcePaths({ resource: { random_password: { a: { provider: 'random.x', ...at('app/A') }, b: { '//': 'a note of the user\'s own' } } } })).toEqual({
    resources: [{ address: 'random_password.a', path: 'app/A', provider: 'random.x' }, { address: 'random_password.b', path: undefined, provider: undefined }],
  });
  expect(resourcePaths({ resource: { random_password: { a: { '//': [at('app/A')['//'], at('app/B')['//']] } } } }).problem).toBe('random_password.a holds //.metadata 2 times, where cdktf writes it once');
  expect(resourcePaths({ resource: { random_password: { a: { '//': { metadata: {} } } } } }).problem).toBe('random_password.a holds a //.metadata without a construct path, where cdktf writes one');
});
