import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  DiagnosticSettings,
  EntraPrincipalType,
  FlexibleServerAuthentication,
  SecureFlexibleServer,
  SecureSingleServer,
  SingleServerNetwork,
} from '../../lib';
import { ADMIN_OBJECT_ID, minimalProps, minimalPropsOf, SUBNET_ID, TENANT_ID, vnetSubnet, WORKSPACE_ID } from '../helpers';

// With password authentication the library generates the password with the random provider. It
// adds its own provider configuration, aliased and under a reserved id, so that a random provider
// the user declares (any id, aliased or not, before or after the server) can neither clash with it
// nor be duplicated: Terraform refuses two unaliased configurations of one provider.

const LIBRARY_ALIAS = 'cdktf_azure_postgres_random';
const LIBRARY_PROVIDER = `random.${LIBRARY_ALIAS}`;
const JUSTIFICATION = 'Billing batch runs on a vendor appliance (SEC-517)';
const PASSWORD_AUTH = FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'ops_admin', justification: JUSTIFICATION });

type ServerKind = 'flexible' | 'single';

/** `subnet`: the n-th subnet of vnetSubnet, each Flexible Server of one app its own. */
function addServer(kind: ServerKind, stack: Construct, id: string, name: string, subnet = 1): void {
  if (kind === 'flexible') {
    new SecureFlexibleServer(stack, id, minimalProps({ name, network: vnetSubnet(subnet), authentication: PASSWORD_AUTH }));
  } else {
    new SecureSingleServer(stack, id, {
      name,
      resourceGroupName: 'rg-legacy',
      location: 'westeurope',
      tenantId: TENANT_ID,
      network: SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID }),
      entraAdministrator: { objectId: ADMIN_OBJECT_ID, principalName: 'db-admins', principalType: EntraPrincipalType.GROUP },
      diagnosticSettings: DiagnosticSettings.logAnalytics(WORKSPACE_ID),
      administratorLogin: 'pgadmin_ops',
    });
  }
}

function stackWithProvider(app: App, id = 'orders'): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

interface RandomConfig {
  readonly alias?: string;
}
interface Synthesized {
  readonly provider?: { readonly random?: RandomConfig[] };
  readonly resource: { readonly random_password?: { [name: string]: { readonly provider?: string } } };
}

function synth(stack: TerraformStack): Synthesized {
  return JSON.parse(Testing.synth(stack, true)) as Synthesized;
}

function randomProviders(json: Synthesized): RandomConfig[] {
  return json.provider?.random ?? [];
}

function passwordProviders(json: Synthesized): (string | undefined)[] {
  return Object.values(json.resource.random_password ?? {}).map((password) => password.provider);
}

describe.each<ServerKind>(['flexible', 'single'])('%s server: the random provider the library adds', (kind) => {
  test('is one aliased configuration, named by the password, when the stack has none', () => {
    const stack = stackWithProvider(Testing.app());
    addServer(kind, stack, 'Postgres', 'orders-db');
    const json = synth(stack);
    expect(randomProviders(json)).toEqual([{ alias: LIBRARY_ALIAS }]);
    expect(passwordProviders(json)).toEqual([LIBRARY_PROVIDER]);
  });

  test('is added once for two servers in one stack, and both passwords name it', () => {
    const stack = stackWithProvider(Testing.app());
    addServer(kind, stack, 'First', 'first-db');
    addServer(kind, stack, 'Second', 'second-db', 2);
    const json = synth(stack);
    expect(randomProviders(json)).toEqual([{ alias: LIBRARY_ALIAS }]);
    expect(passwordProviders(json)).toEqual([LIBRARY_PROVIDER, LIBRARY_PROVIDER]);
  });

  test('is added to each stack of an app that needs it', () => {
    const app = Testing.app();
    const stacks = [stackWithProvider(app, 'blue'), stackWithProvider(app, 'green')];
    stacks.forEach((stack, index) => addServer(kind, stack, 'Postgres', `${stack.node.id}-db`, index + 1));
    for (const stack of stacks) {
      const json = synth(stack);
      expect(randomProviders(json)).toEqual([{ alias: LIBRARY_ALIAS }]);
      expect(passwordProviders(json)).toEqual([LIBRARY_PROVIDER]);
    }
  });

  describe.each([
    ['before', 'random', undefined],
    ['after', 'random', undefined],
    ['before', 'team-random', undefined],
    ['after', 'team-random', undefined],
    ['before', 'random', 'team'],
    ['after', 'team-random', 'team'],
  ])('next to a RandomProvider the user declares %s the server, with id "%s" and alias %s', (order, userId, userAlias) => {
    function build(): TerraformStack {
      const stack = stackWithProvider(Testing.app());
      const declareUserProvider = () => new RandomProvider(stack, userId, { alias: userAlias });
      if (order === 'before') declareUserProvider();
      addServer(kind, stack, 'Postgres', 'orders-db');
      if (order === 'after') declareUserProvider();
      return stack;
    }

    test("synthesizes with the user's configuration kept as it is and exactly one library configuration", () => {
      const json = synth(build());
      const userConfig = userAlias === undefined ? {} : { alias: userAlias };
      expect(randomProviders(json)).toHaveLength(2);
      expect(randomProviders(json)).toEqual(expect.arrayContaining([userConfig, { alias: LIBRARY_ALIAS }]));
    });

    test('no two configurations share an alias (Terraform: "Duplicate provider configuration")', () => {
      const aliases = randomProviders(synth(build())).map((config) => config.alias ?? '(default)');
      expect(new Set(aliases).size).toBe(aliases.length);
    });

    test("the library's password names the library's configuration, never the user's", () => {
      expect(passwordProviders(synth(build()))).toEqual([LIBRARY_PROVIDER]);
    });
  });
});

test('a server with Entra ID sign-in only adds no random provider and no password', () => {
  const stack = stackWithProvider(Testing.app());
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const json = synth(stack);
  expect(json.provider?.random).toBeUndefined();
  expect(json.resource.random_password).toBeUndefined();
});

// Twelfth review, A12a-16: a provider of the user's under the library's alias would be a second configuration of it.
test.each([['before', true], ['after', false]])("a random provider of the user's that takes the library's alias %s the server fails synth", (_, before) => {
  const stack = stackWithProvider(Testing.app());
  if (before) new RandomProvider(stack, 'Mine', { alias: LIBRARY_ALIAS });
  addServer('flexible', stack, 'Postgres', 'orders-db');
  if (!before) new RandomProvider(stack, 'Mine', { alias: LIBRARY_ALIAS });
  expect(() => synth(stack)).toThrow(`The stack's Terraform JSON cannot be judged: provider.random is configured twice with the alias "${LIBRARY_ALIAS}", which Terraform refuses (Duplicate provider configuration).`);
});

test("a construct under the library provider's reserved id fails with an error that says what to rename", () => {
  const stack = stackWithProvider(Testing.app());
  new Construct(stack, 'cdktf-azure-postgres-random');
  expect(() => addServer('flexible', stack, 'Postgres', 'orders-db')).toThrow(
    expect.objectContaining({ code: 'LIBRARY-PROVIDER-ID-RESERVED', message: 'Invalid construct id: "cdktf-azure-postgres-random" is reserved for the provider cdktf-azure-postgres adds. Fix: rename the construct that uses it.' }),
  );
});

describe('@cdktf/provider-random is an optional peer dependency', () => {
  const MISSING = "Cannot find module '@cdktf/provider-random/lib/password' from 'lib/shared/generated-password.ts'";

  /** Loads the library afresh with the random provider's modules failing to load with `error`. */
  function libraryWithout(error: Error): typeof import('../../lib') {
    let library: typeof import('../../lib') | undefined;
    jest.isolateModules(() => {
      for (const module of ['@cdktf/provider-random/lib/password', '@cdktf/provider-random/lib/provider']) {
        jest.doMock(module, () => {
          throw error;
        });
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      library = require('../../lib');
    });
    return library!;
  }

  function notFound(message: string): Error {
    return Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
  }

  afterEach(() => {
    jest.dontMock('@cdktf/provider-random/lib/password');
    jest.dontMock('@cdktf/provider-random/lib/provider');
  });

  test('a stack with Entra ID sign-in only synthesizes without it: it is loaded only for a generated password', () => {
    const library = libraryWithout(notFound(MISSING));
    const stack = stackWithProvider(Testing.app());
    new library.SecureFlexibleServer(stack, 'Postgres', minimalPropsOf(library));
    expect(synth(stack).resource).toHaveProperty('azurerm_postgresql_flexible_server');
  });

  test('a generated password without it fails with an error that says what to install', () => {
    const library = libraryWithout(notFound(MISSING));
    const stack = stackWithProvider(Testing.app());
    const authentication = library.FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'ops_admin', justification: JUSTIFICATION });
    expect(() => new library.SecureFlexibleServer(stack, 'Postgres', minimalPropsOf(library, { authentication }))).toThrow(
      new Error(
        'cdktf-azure-postgres: a generated administrator password needs @cdktf/provider-random, an optional peer dependency that is not installed. ' +
          'Fix: npm install @cdktf/provider-random (stacks whose servers use Entra ID only do not need it).',
      ),
    );
  });

  test('any other failure to load it is passed on as it is, not disguised as a missing package', () => {
    const library = libraryWithout(notFound("Cannot find module 'fflate' from 'node_modules/@cdktf/provider-random/lib/password/index.js'"));
    const stack = stackWithProvider(Testing.app());
    const authentication = library.FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'ops_admin', justification: JUSTIFICATION });
    expect(() => new library.SecureFlexibleServer(stack, 'Postgres', minimalPropsOf(library, { authentication }))).toThrow(
      new Error("Cannot find module 'fflate' from 'node_modules/@cdktf/provider-random/lib/password/index.js'"),
    );
  });
});
