import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { accessStack } from '../support/database-fixture';
import { check } from './cli-harness';

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
    const json = movedHostJson();
    delete json['//']['cdktf-azure-postgres-access'];
    json['//']['cdktf-azure-postgres-constructs'] = json['//']['cdktf-azure-postgres-constructs'].filter((path: string) => path !== 'orders/OrdersAccess');
    json['//']['cdktf-azure-postgres-enforced'] = json['//']['cdktf-azure-postgres-enforced'].filter((path: string) => path !== 'orders/OrdersAccess');
    expect(checkJson(json).out.filter((line) => line.includes('no declaration'))).toEqual([]);
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

  test('a stack with the library\'s provider and its constructs listed, or with neither, is judged', () => {
    const json = movedHostJson();
    expect(checkJson(json).code).toBe(EXIT_FINDINGS);
    delete json['//'];
    json.provider = { azurerm: json.provider.azurerm };
    for (const byName of Object.values(json.resource as { [type: string]: { [name: string]: { provider?: string } } })) Object.values(byName).forEach((body) => delete body.provider);
    const raw = checkJson(json);
    expect(raw.err).toEqual([]);
    expect(raw.out[0]).toMatch(/^declarations-\w+: 2 server\(s\), /);
  });
});
