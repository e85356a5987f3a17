import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { accessStack } from '../support/database-fixture';
import { check } from './cli-harness';
import { SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack } from '../helpers';

// The library's entries under "//" tell `check` what its constructs made: one of another shape, or
// a DatabaseAccess's declaration deleted, never skips the comparisons silently (third review, A3-8).

/** The JSON synth writes for a server and a DatabaseAccess whose provider signs in elsewhere, as a pipeline would read it. */
function movedHostJson(): any {
  const built = accessStack();
  new AzurermProvider(built.stack, 'azurerm', { features: [{}] });
  built.access.provider.addOverride('host', 'evil.example.com');
  return JSON.parse(JSON.stringify(built.stack.toTerraform()));
}

function checkJson(json: unknown): ReturnType<typeof check> & { file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'declarations-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(json));
  return { ...check('check', file), file };
}

const REFUSED_TAIL = '; it tells check what the library\'s constructs made, so the stack cannot be judged: synthesize again instead of editing it';

test('with the declaration intact, the moved host is a finding', () => {
  expect(checkJson(movedHostJson()).code).toBe(EXIT_FINDINGS);
});

test('the JSON synth writes, untouched, passes', () => {
  const built = accessStack();
  new AzurermProvider(built.stack, 'azurerm', { features: [{}] });
  expect(checkJson(JSON.parse(JSON.stringify(built.stack.toTerraform()))).code).toBe(EXIT_OK);
});

describe('a library entry of another shape is bad input, naming the key and the value', () => {
  test.each<[string, string, unknown, string]>([
    ['access null', 'cdktf-azure-postgres-access', null, 'is null, where the library writes a list (each item a DatabaseAccess declaration)'],
    ['access text', 'cdktf-azure-postgres-access', 'x', 'is "x", where the library writes a list (each item a DatabaseAccess declaration)'],
    ['access [null]', 'cdktf-azure-postgres-access', [null], 'item 0 is null, where the library writes a DatabaseAccess declaration'],
    ['access with an empty item', 'cdktf-azure-postgres-access', [{}], 'item 0 is {}, where the library writes a DatabaseAccess declaration'],
    ['constructs a number', 'cdktf-azure-postgres-constructs', 7, 'is 7, where the library writes a list (each item a construct path)'],
    ['enforced an object', 'cdktf-azure-postgres-enforced', { a: 1 }, 'is {"a":1}, where the library writes a list (each item a construct path)'],
    ['enforced an empty path', 'cdktf-azure-postgres-enforced', ['orders/Postgres', ''], 'item 1 is "", where the library writes a construct path'],
    ['warnings of another shape', 'cdktf-azure-postgres-warnings', [null, { path: 1 }], 'item 0 is null, where the library writes a warning with path, id and message'],
  ])('%s', (_name, key, value, problem) => {
    const json = movedHostJson();
    json['//'][key] = value;
    const result = checkJson(json);
    expect(result).toEqual({ code: EXIT_BAD_INPUT, out: [], err: [`cdktf-azure-postgres: ${result.file}: //.${key} ${problem}${REFUSED_TAIL}`], file: result.file });
  });

  test('a long value is shown cut short', () => {
    const json = movedHostJson();
    json['//']['cdktf-azure-postgres-access'] = 'y'.repeat(100);
    const result = checkJson(json);
    expect(result.err).toEqual([`cdktf-azure-postgres: ${result.file}: //.cdktf-azure-postgres-access is "${'y'.repeat(56)}..., where the library writes a list (each item a DatabaseAccess declaration)${REFUSED_TAIL}`]);
  });
});

describe('a DatabaseAccess the constructs list names, with no declaration, fails', () => {
  test.each<[string, unknown]>([['deleted', undefined], ['an empty list', []]])('declaration %s', (_name, value) => {
    const json = movedHostJson();
    if (value === undefined) delete json['//']['cdktf-azure-postgres-access'];
    else json['//']['cdktf-azure-postgres-access'] = value;
    const result = checkJson(json);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out.filter((line) => line.includes('no declaration'))).toEqual([
      '  ERROR      PGD-IAM-11 postgresql_extension.OrdersAccess_Database-orders_Pgaudit_6EFD9361: orders/OrdersAccess, a library construct, makes in-database resources but the JSON holds no declaration of it (//.cdktf-azure-postgres-access), so they cannot be compared with what it declared. Fix: Remove the override of the DatabaseAccess provider, of its resources\' provider or of its declaration in the JSON; change the DatabaseAccess props instead.',
    ]);
  });

  test('in-database resources of the caller\'s own, outside the library\'s constructs, need no declaration', () => {
    // The same resources, run by a postgresql provider of the caller's own alias, not the library's.
    const json = JSON.parse(JSON.stringify(movedHostJson()).replace(/cdktf_azure_postgres_/g, 'own_'));
    delete json['//']['cdktf-azure-postgres-access'];
    json['//']['cdktf-azure-postgres-constructs'] = json['//']['cdktf-azure-postgres-constructs'].filter((path: string) => path !== 'orders/OrdersAccess');
    json['//']['cdktf-azure-postgres-enforced'] = json['//']['cdktf-azure-postgres-enforced'].filter((path: string) => path !== 'orders/OrdersAccess');
    json['//']['cdktf-azure-postgres-made'] = json['//']['cdktf-azure-postgres-made'].filter((path: string) => !path.startsWith('orders/OrdersAccess/'));
    const result = checkJson(json);
    expect(result.err).toEqual([]);
    expect(result.out.filter((line) => line.includes('no declaration'))).toEqual([]);
  });
});

test('a construct whose server pinned attributes, deleted from the constructs list, is bad input: it would no longer be judged as a library construct (A6-2)', () => {
  const json = movedHostJson();
  json['//']['cdktf-azure-postgres-constructs'] = json['//']['cdktf-azure-postgres-constructs'].filter((path: string) => path !== 'orders/Postgres');
  const result = checkJson(json);
  expect(result.code).toBe(EXIT_BAD_INPUT);
  expect(result.err).toEqual([expect.stringMatching(/^cdktf-azure-postgres: .*: \/\/\.cdktf-azure-postgres-pinned pins "orders\/Postgres\/Server", a server of no construct \/\/\.cdktf-azure-postgres-constructs lists; it tells check/)]);
});

describe('the whole "//" deleted from a stack the library wrote (A9-8)', () => {
  test('is bad input when a provider the library adds for its constructs is left: the constructs would be judged as raw resources', () => {
    const json = movedHostJson();
    delete json['//'];
    const result = checkJson(json);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toEqual([expect.stringMatching(/^cdktf-azure-postgres: .*: provider (postgresql|random|time)\.cdktf_azure_postgres_\w+ is one the library adds for its constructs, but \/\/\.cdktf-azure-postgres-constructs lists none; it tells check/)]);
  });

  test('a stack with the library\'s provider and its constructs listed, or with neither (nor its reserved construct id), is judged', () => {
    const json = movedHostJson();
    expect(checkJson(json).code).toBe(EXIT_FINDINGS);
    delete json['//'];
    json.provider = { azurerm: json.provider.azurerm };
    for (const byName of Object.values(json.resource as { [type: string]: { [name: string]: { provider?: string } } })) Object.values(byName).forEach((body) => delete body.provider);
    // Neither: the shared zones' reserved construct id is a mark too (A23-1).
    const raw = checkJson(JSON.parse(JSON.stringify(json).replace(/cdktf-azure-postgres-private-dns-zones/g, 'zones')));
    expect(raw.err).toEqual([]);
    expect(raw.out[0]).toMatch(/^declarations-\w+: 2 server\(s\), /);
  });
});

describe('the library\'s lists must agree with the construct paths cdktf wrote into the resources (A10b-2)', () => {
  const LISTS = ['cdktf-azure-postgres-constructs', 'cdktf-azure-postgres-enforced'];
  const refused = (json: unknown, problem: RegExp): void => {
    const result = checkJson(json);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toEqual([expect.stringMatching(new RegExp(`^cdktf-azure-postgres: [^:]*: ${problem.source}; it tells check`))]);
  };
  const libraryResource = /provider \w+\.cdktf_azure_postgres_\w+ is one the library adds for its constructs, but no construct \/\/\.cdktf-azure-postgres-constructs lists made a resource that runs with it \(\S+\)/;

  test.each<[string, (path: string) => string]>([
    ['a "/" after each path', (path) => `${path}/`],
    ['each path in upper case', (path) => path.toUpperCase()],
    ['each path re-pointed to another construct', () => 'orders/Unrelated'],
  ])('constructs and enforced lists with %s, pins and declarations deleted: the library\'s providers run no listed construct\'s resource', (_name, edit) => {
    const json = movedHostJson();
    LISTS.forEach((key) => { json['//'][key] = json['//'][key].map(edit); });
    delete json['//']['cdktf-azure-postgres-pinned'];
    delete json['//']['cdktf-azure-postgres-access'];
    refused(json, libraryResource);
  });

  test('the whole "//" deleted and the library\'s aliases written in upper case: aliases are compared in any case', () => {
    const json = JSON.parse(JSON.stringify(movedHostJson()).replace(/cdktf_azure_postgres_/g, 'CDKTF_AZURE_POSTGRES_'));
    delete json['//'];
    refused(json, /provider (postgresql|random|time)\.CDKTF_AZURE_POSTGRES_\w+ is one the library adds for its constructs, but \/\/\.cdktf-azure-postgres-constructs lists none/);
  });

  test('a constructs or enforced entry that made nothing in the file', () => {
    const json = movedHostJson();
    json['//'][LISTS[0]] = [...json['//'][LISTS[0]], 'orders/Elsewhere'];
    refused(json, /\/\/\.cdktf-azure-postgres-constructs lists "orders\/Elsewhere", but no resource of the file has that construct path or one below it/);
    const enforced = movedHostJson();
    enforced['//'][LISTS[1]] = [...enforced['//'][LISTS[1]], 'orders/Elsewhere'];
    refused(enforced, /\/\/\.cdktf-azure-postgres-enforced lists "orders\/Elsewhere", but no block of the file has that construct path or one below it/);
  });

  test('an enforced scope of data sources only, or in a stack of no resources, is trusted: applyTo may enforce such a scope', () => {
    const json = movedHostJson();
    json.data = { azurerm_client_config: { current: { '//': { metadata: { path: 'orders/Lookups/current' } } } } };
    json['//'][LISTS[1]] = [...json['//'][LISTS[1]], 'orders/Lookups'];
    expect(checkJson(json).code).toBe(EXIT_FINDINGS);
    expect(checkJson({ output: { a: { value: 1 } }, '//': { [LISTS[1]]: ['outputs-only'] } }).code).toBe(EXIT_OK);
  });

  test('a DatabaseAccess declaration re-pointed to a path that made nothing', () => {
    const json = movedHostJson();
    json['//']['cdktf-azure-postgres-access'][0].path = 'orders/OrdersAccess2';
    refused(json, /\/\/\.cdktf-azure-postgres-access declares "orders\/OrdersAccess2", but no resource of the file has that construct path or one below it/);
  });

  // B82-155, B82-176 to B82-188: a declaration whose server no longer names the server's address exactly (a blank added, another case,
  // another address) had every in-database comparison skip the server; one whose group is declared at another level judged the
  // read-only group's grants as read-write ones.
  test.each<[string, (declaration: any) => void, RegExp]>([
    ['its server re-spelt with a blank', (declaration) => { declaration.server += ' '; }, /\/\/\.cdktf-azure-postgres-access declares "orders\/OrdersAccess" with server "azurerm_postgresql_flexible_server\.\S+ ", which is no Flexible server of the file/],
    ['its server in upper case', (declaration) => { declaration.server = declaration.server.toUpperCase(); }, /\/\/\.cdktf-azure-postgres-access declares "orders\/OrdersAccess" with server "AZURERM_POSTGRESQL_FLEXIBLE_SERVER\.\S+", which is no Flexible server of the file/],
    ['its server another resource', (declaration) => { declaration.server = 'azurerm_postgresql_flexible_server.elsewhere'; }, /\/\/\.cdktf-azure-postgres-access declares "orders\/OrdersAccess" with server "azurerm_postgresql_flexible_server\.elsewhere", which is no Flexible server of the file/],
    ['a group at another level', (declaration) => { declaration.groups[0].access = 'readwrite'; }, /\/\/\.cdktf-azure-postgres-access declares "orders\/OrdersAccess" with group "orders_readonly" of level "readwrite", where DatabaseAccess names each level's group once, <database>_<level>/],
    ['a group declared twice', (declaration) => { declaration.groups.push(declaration.groups[0]); }, /\/\/\.cdktf-azure-postgres-access declares "orders\/OrdersAccess" with group "orders_readonly" of level "readonly", where DatabaseAccess names each level's group once, <database>_<level>/],
  ])('a DatabaseAccess declaration with %s', (_name, edit, message) => {
    const json = movedHostJson();
    edit(json['//']['cdktf-azure-postgres-access'][0]);
    refused(json, message);
  });

  // B82-196: the server's pin edited to a replica along with the server passed, where no prop makes a server a copy of another.
  test('a server pin that makes the server a replica', () => {
    const json = movedHostJson();
    const pin = json['//']['cdktf-azure-postgres-pinned'].find((entry: any) => entry.path === entry.server && 'create_mode' in entry.attributes);
    pin.attributes.create_mode = 'Replica';
    for (const server of Object.values<any>(json.resource.azurerm_postgresql_flexible_server)) server.create_mode = 'Replica';
    refused(json, /\/\/\.cdktf-azure-postgres-pinned pins "orders\/Postgres\/Server" with create_mode "Replica", where the library pins it unset on every server \(no prop makes a server a copy of another\)/);
  });

  // C82-16: the copy attributes deleted from the server's pin (not set to a value) let the server become a restore with no finding.
  test('a construct\'s server made a restore, its pin\'s copy attributes deleted', () => {
    const json = movedHostJson();
    const pin = json['//']['cdktf-azure-postgres-pinned'].find((entry: any) => entry.path === entry.server && 'create_mode' in entry.attributes);
    for (const name of ['create_mode', 'source_server_id', 'point_in_time_restore_time_in_utc']) delete pin.attributes[name];
    for (const server of Object.values<any>(json.resource.azurerm_postgresql_flexible_server)) Object.assign(server, { create_mode: 'PointInTimeRestore', source_server_id: '/subscriptions/x/resourceGroups/r/providers/Microsoft.DBforPostgreSQL/flexibleServers/other', point_in_time_restore_time_in_utc: '2026-01-01T00:00:00Z' });
    refused(json, /azurerm_postgresql_flexible_server\.\S+, a library construct's server, has create_mode "PointInTimeRestore", which no prop sets \(no prop makes a server a copy of another\), and its pin holds no create_mode/);
  });

  test.each<[string, (server: any) => void, RegExp]>([
    ['deleted', (server) => { delete server['//']; }, /\/\/\.cdktf-azure-postgres-pinned pins "orders\/Postgres\/Server", but no resource of the file has that construct path \(its \/\/\.metadata\.path was changed or deleted\)/],
    ['emptied', (server) => { server['//'] = {}; }, /\/\/\.cdktf-azure-postgres-pinned pins "orders\/Postgres\/Server", but no resource of the file has that construct path \(its \/\/\.metadata\.path was changed or deleted\)/],
    ['changed', (server) => { server['//'].metadata.path = 'orders/Raw/Server'; }, /\/\/\.cdktf-azure-postgres-pinned pins "orders\/Postgres\/Server", but no resource of the file has that construct path \(its \/\/\.metadata\.path was changed or deleted\)/],
    ['written twice', (server) => { server['//'] = [server['//'], server['//']]; }, /azurerm_postgresql_flexible_server\.\S+ holds \/\/\.metadata 2 times, where cdktf writes it once/],
    ['left without a path', (server) => { server['//'].metadata = { path: 7 }; }, /azurerm_postgresql_flexible_server\.\S+ holds a \/\/\.metadata without a construct path, where cdktf writes one/],
  ])('the server\'s own //.metadata %s while its pins stay', (_name, edit, problem) => {
    const json = movedHostJson();
    edit(Object.values(json.resource.azurerm_postgresql_flexible_server)[0]);
    refused(json, problem);
  });
});

describe('every resource a construct made keeps its pin, with its placement (A14b-9)', () => {
  /** The JSON synth writes for a server and a DatabaseAccess, and the pin of one resource the server construct made besides the server. */
  const written = () => {
    const built = accessStack();
    new AzurermProvider(built.stack, 'azurerm', { features: [{}] });
    const json = JSON.parse(JSON.stringify(built.stack.toTerraform()));
    const pins: { server: string; path: string; attributes: { [name: string]: unknown } }[] = json['//']['cdktf-azure-postgres-pinned'];
    const pin = pins.find((each) => each.path !== each.server && 'resource_group_name' in each.attributes)!;
    return { json, pins, pin };
  };

  test('the pins as synth wrote them, DatabaseAccess resources unpinned, are judged', () => {
    expect(checkJson(written().json).code).toBe(EXIT_OK);
  });

  test('a made resource\'s pin deleted, or its resource_group_name, is bad input', () => {
    const deleted = written();
    deleted.json['//']['cdktf-azure-postgres-pinned'] = deleted.pins.filter((each) => each !== deleted.pin);
    const result = checkJson(deleted.json);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toEqual([expect.stringContaining(`is listed as made (//.cdktf-azure-postgres-made), but //.cdktf-azure-postgres-pinned holds no pin of it (${JSON.stringify(deleted.pin.path)}), where the library pins every resource its constructs make${REFUSED_TAIL}`)]);
    const attribute = written();
    delete attribute.pin.attributes.resource_group_name;
    expect(checkJson(attribute.json).err).toEqual([expect.stringMatching(/ without its resource_group_name, which the library pins on every resource its constructs make; it tells check/)]);
  });
});

describe('the marks deleted from a stack whose server sits in its own subnet (twenty-third review, A23-1)', () => {
  /** An Entra-only server with every default (no library provider alias), its password mode and protection weakened by hand. */
  function weakenedDefaultJson(): any {
    const stack = providerStack('orders');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const json = JSON.parse(JSON.stringify(stack.toTerraform()));
    const server = Object.values(json.resource.azurerm_postgresql_flexible_server)[0] as any;
    server.authentication = { ...server.authentication, password_auth_enabled: true };
    delete server.lifecycle;
    return json;
  }
  const reserved = /^cdktf-azure-postgres: [^:]*: azurerm_private_dns_zone(_virtual_network_link)?\.\S+ lies in cdktf-azure-postgres-private-dns-zones, a construct the library adds to a stack, but no construct \/\/\.cdktf-azure-postgres-constructs lists holds it; it tells check/;

  test.each<[string, (json: any) => void]>([
    ['deleted', (json) => { delete json['//']; }],
    ['rewritten as text', (json) => { json['//'] = 'x'; }],
    ['rewritten as a list', (json) => { json['//'] = []; }],
    ['left without the library\'s keys', (json) => { for (const key of Object.keys(json['//'])) if (key.startsWith('cdktf-azure-postgres')) delete json['//'][key]; }],
  ])('"//" %s: the shared zones\' reserved construct id marks the file as the library\'s, so it is bad input, not a raw stack', (_name, strip) => {
    const json = weakenedDefaultJson();
    strip(json);
    const result = checkJson(json);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toEqual([expect.stringMatching(reserved)]);
  });

  test('untouched, the weakened server fails as an enforced construct; its zones moved out of the reserved id with the marks, it is a raw stack', () => {
    const json = weakenedDefaultJson();
    expect(checkJson(json).code).toBe(EXIT_FINDINGS);
    delete json['//'];
    const moved = JSON.parse(JSON.stringify(json).replace(/cdktf-azure-postgres-private-dns-zones/g, 'zones'));
    expect(checkJson(moved).err).toEqual([]);
  });
});
