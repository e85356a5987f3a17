import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { isMissingModule, loadOptionalPeer, POSTGRESQL_PROVIDER, TIME_PROVIDER } from '../../lib/private/optional-peer';
import { KEY_VAULT_ID, minimalPropsOf } from '../helpers';
import { APP_OBJECT_ID, DBA, SERVER_PASSWORD_REASON, VENDOR_REASON } from '../support/database-fixture';

// @cdktf/provider-postgresql and @cdktf/provider-time are optional peer dependencies: the package
// loads without them, the server constructs work without them, and a DatabaseAccess that needs one
// fails before it adds anything, with what to install.

type Library = typeof import('../../lib');

const LIB = join(__dirname, '..', '..', 'lib');

/** Every module of an optional provider package that the library requires, read from its sources. */
function requiredModules(packageName: string): string[] {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
  const pattern = new RegExp(`require\\('(${packageName}/[^']+)'\\)`, 'g');
  return [...new Set(files(LIB).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => match[1])))];
}

const POSTGRESQL_MODULES = requiredModules('@cdktf/provider-postgresql');
const TIME_MODULES = requiredModules('@cdktf/provider-time');

/** Node's error for a module that is not installed. */
function notFound(module: string): Error {
  return Object.assign(new Error(`Cannot find module '${module}'\nRequire stack:\n- ${LIB}/index.ts`), { code: 'MODULE_NOT_FOUND' });
}

/**
 * Loads the library afresh with `modules` failing to load, each with `errorFor(module)`, until
 * the test ends (the library requires them when a construct needs them, not when it is loaded).
 */
function libraryWithout(modules: string[], errorFor: (module: string) => Error = notFound): Library {
  let library: Library | undefined;
  jest.isolateModules(() => {
    for (const module of modules) {
      jest.doMock(module, () => {
        throw errorFor(module);
      });
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    library = require('../../lib');
  });
  return library!;
}

afterEach(() => [...POSTGRESQL_MODULES, ...TIME_MODULES].forEach((module) => jest.dontMock(module)));

/** A stack with the azurerm provider, which full synthesis validates. */
function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'orders');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** A password-mode server with the database orders, made with `library`. */
function server(library: Library, stack: TerraformStack) {
  return new library.SecureFlexibleServer(stack, 'Postgres', minimalPropsOf(library, {
    entraAdministrators: [{ objectId: '66666666-7777-8888-9999-000000000000', principalName: DBA, principalType: library.EntraPrincipalType.GROUP }],
    databases: [{ name: 'orders' }],
    authentication: library.FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: SERVER_PASSWORD_REASON }),
  } as never));
}

function entraRole(library: Library) {
  return { name: 'orders_app', database: 'orders', access: library.AccessLevel.READ_WRITE, member: library.DatabasePrincipal.entra({ objectId: APP_OBJECT_ID, principalType: library.EntraPrincipalType.SERVICE_PRINCIPAL }) };
}

function passwordRole(library: Library) {
  return { name: 'billing_vendor', database: 'orders', access: library.AccessLevel.READ_ONLY, member: library.DatabasePrincipal.password({ rotateEveryDays: 90, justification: VENDOR_REASON, keyVaultResourceId: KEY_VAULT_ID }) };
}

const POSTGRESQL_MISSING =
  'cdktf-azure-postgres: a DatabaseAccess needs @cdktf/provider-postgresql, an optional peer dependency that is not installed. ' +
  'Fix: npm install @cdktf/provider-postgresql (stacks without a DatabaseAccess do not need it).';
const TIME_MISSING =
  'cdktf-azure-postgres: a DatabaseAccess password member needs @cdktf/provider-time, an optional peer dependency that is not installed. ' +
  'Fix: npm install @cdktf/provider-time (members that sign in with Entra ID do not need it).';

test('the library requires the classes of both packages it uses (the mocks below cover them all)', () => {
  expect(POSTGRESQL_MODULES).toEqual(expect.arrayContaining(['@cdktf/provider-postgresql/lib/provider', '@cdktf/provider-postgresql/lib/role']));
  expect(TIME_MODULES).toEqual(expect.arrayContaining(['@cdktf/provider-time/lib/provider', '@cdktf/provider-time/lib/rotating']));
});

test('no source file imports a value from them: type imports only, and requires on first use', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
  const valueImports = files(LIB).flatMap((file) => readFileSync(file, 'utf8').split('\n')
    .filter((line) => /^import (?!type )[^;]*from '@cdktf\/provider-(postgresql|time|random)\//.test(line))
    .map((line) => `${file.slice(LIB.length + 1)}: ${line}`));
  expect(valueImports).toEqual([]);
});

describe('without @cdktf/provider-postgresql and @cdktf/provider-time', () => {
  test('a stack with servers only synthesizes: they are not loaded with the package', () => {
    const library = libraryWithout([...POSTGRESQL_MODULES, ...TIME_MODULES]);
    const stack = newStack();
    server(library, stack);
    expect(JSON.parse(Testing.synth(stack, true)).resource).toHaveProperty('azurerm_postgresql_flexible_server');
  });

  test('the generated password, whose provider is loaded on demand (another copy of cdktf here), is pinned as every made resource is (A15a-1)', () => {
    const library = libraryWithout([...POSTGRESQL_MODULES, ...TIME_MODULES]);
    const stack = newStack();
    server(library, stack);
    const pins: { path: string; attributes: object }[] = (stack.toTerraform() as any)['//']['cdktf-azure-postgres-pinned'];
    const password = pins.filter((pin) => pin.path === 'orders/Postgres/AdministratorPassword/Password').flatMap((pin) => Object.keys(pin.attributes));
    expect(password).toEqual(expect.arrayContaining(['provider', 'keepers', 'lifecycle.ignore_changes']));
  });

  test('a DatabaseAccess fails with an error that says what to install, and adds nothing to the stack', () => {
    const library = libraryWithout([...POSTGRESQL_MODULES, ...TIME_MODULES]);
    const stack = newStack();
    const postgres = server(library, stack);
    const before = stack.node.findAll().length;
    expect(() => new library.DatabaseAccess(stack, 'OrdersAccess', { server: postgres, connectAs: { principalName: DBA }, databases: ['orders'], roles: [entraRole(library)] })).toThrow(new Error(POSTGRESQL_MISSING));
    // Only the DatabaseAccess construct itself (made before its constructor ran) is new.
    expect(stack.node.findAll().map((construct) => construct.node.path).slice(before)).toEqual(['orders/OrdersAccess']);
  });

  test('a bad prop is still reported as such first', () => {
    const library = libraryWithout([...POSTGRESQL_MODULES, ...TIME_MODULES]);
    const stack = newStack();
    const postgres = server(library, stack);
    expect(() => new library.DatabaseAccess(stack, 'OrdersAccess', { server: postgres, connectAs: { principalName: DBA }, databases: [], roles: [] })).toThrow(
      new Error('Invalid databases: [] must list at least one database. Fix: list databases the server declares in its databases prop, e.g. ["orders"].'),
    );
  });
});

describe('without @cdktf/provider-time only', () => {
  test('a DatabaseAccess of Entra members synthesizes: only password members need it', () => {
    const library = libraryWithout(TIME_MODULES);
    const stack = newStack();
    new library.DatabaseAccess(stack, 'OrdersAccess', { server: server(library, stack), connectAs: { principalName: DBA }, databases: ['orders'], roles: [entraRole(library)] });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.keys(json.resource.postgresql_role)).toHaveLength(4);
    expect(json.provider.time).toBeUndefined();
  });

  test('a password member fails with an error that says what to install, before anything is added', () => {
    const library = libraryWithout(TIME_MODULES);
    const stack = newStack();
    const postgres = server(library, stack);
    const before = stack.node.findAll().length;
    expect(() => new library.DatabaseAccess(stack, 'OrdersAccess', { server: postgres, connectAs: { principalName: DBA }, databases: ['orders'], roles: [entraRole(library), passwordRole(library)] })).toThrow(new Error(TIME_MISSING));
    expect(stack.node.findAll().length).toBe(before + 1);
  });
});

test('any other failure to load the package is passed on as it is, not disguised as a missing package', () => {
  const broken = "Cannot find module 'pg-connection-string' from 'node_modules/@cdktf/provider-postgresql/lib/role/index.js'";
  const library = libraryWithout(POSTGRESQL_MODULES, () => Object.assign(new Error(broken), { code: 'MODULE_NOT_FOUND' }));
  const stack = newStack();
  const postgres = server(library, stack);
  expect(() => new library.DatabaseAccess(stack, 'OrdersAccess', { server: postgres, connectAs: { principalName: DBA }, databases: ['orders'], roles: [] })).toThrow(new Error(broken));
});

describe('the shared loader', () => {
  const use = { neededBy: 'a DatabaseAccess', notNeededBy: 'stacks without a DatabaseAccess do not need it' };

  test('returns what the load gives when the package is there', () => {
    expect(loadOptionalPeer(POSTGRESQL_PROVIDER, use, () => 42)).toBe(42);
  });

  test('in cdktn-azure-postgres, says plainly that the CDK Terrain package is not published', () => {
    // npm run build:cdktn turns the package names into their @cdktn counterparts; this is that peer.
    const cdktnPeer = { ...POSTGRESQL_PROVIDER, packageName: '@cdktn/provider-postgresql' };
    expect(() => loadOptionalPeer(cdktnPeer, use, () => {
      throw notFound('@cdktn/provider-postgresql/lib/provider');
    })).toThrow(new Error(
      'cdktf-azure-postgres: a DatabaseAccess needs @cdktn/provider-postgresql, a CDK Terrain provider package that is not published on npm yet, so cdktn-azure-postgres cannot create it today. ' +
        'Fix: build this stack with cdktf and cdktf-azure-postgres until @cdktn/provider-postgresql is published (docs/cdk-terrain.md).',
    ));
  });

  test('in cdktn-azure-postgres, a published package that is missing is simply to be installed', () => {
    const cdktnRandom = { packageName: '@cdktn/provider-random', publishedForCdktn: true };
    expect(() => loadOptionalPeer(cdktnRandom, { neededBy: 'a generated administrator password', notNeededBy: 'stacks whose servers use Entra ID only do not need it' }, () => {
      throw notFound('@cdktn/provider-random/lib/password');
    })).toThrow('Fix: npm install @cdktn/provider-random (');
  });

  test.each([
    ['a subpath of the package', true, "Cannot find module '@cdktf/provider-time/lib/rotating'", 'MODULE_NOT_FOUND'],
    ['the package itself', true, "Cannot find module '@cdktf/provider-time'", 'MODULE_NOT_FOUND'],
    ['a package whose name starts alike', false, "Cannot find module '@cdktf/provider-timeout/lib/x'", 'MODULE_NOT_FOUND'],
    ['a dependency of the package', false, "Cannot find module 'fflate'\nRequire stack:\n- node_modules/@cdktf/provider-time/lib/rotating/index.js", 'MODULE_NOT_FOUND'],
    ['an error with that text but no MODULE_NOT_FOUND code', false, "Cannot find module '@cdktf/provider-time/lib/rotating'", undefined],
  ])('Node cannot find %s: the package is missing = %s', (_, expected, message, code) => {
    expect(isMissingModule(Object.assign(new Error(message), { code }), TIME_PROVIDER.packageName)).toBe(expected);
  });

  test('a thrown non-error is never taken for a missing package', () => {
    expect(isMissingModule(undefined, TIME_PROVIDER.packageName)).toBe(false);
    expect(isMissingModule('Cannot find module', TIME_PROVIDER.packageName)).toBe(false);
  });
});
