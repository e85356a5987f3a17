import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataAzurermPostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-azurerm-postgresql-flexible-server';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { App, Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer, SecureSingleServer, SingleServerSku, SingleServerVersion } from '../../lib';
import { checkStack } from '../cli/cli-harness';
import { minimalProps, minimalSingleProps, providerStack, synthErrors } from '../helpers';

// Eleventh review, A11a-4: a server that copies a construct's server (a point-in-time restore, a
// replica) holds all its data, but its administrators, network paths and log exports were judged as
// a raw server's, and its warnings stayed warnings. Such a copy now fails PG-CFG-3 until a
// suppression on it gives the reason, and it is enforced as its source is: its warnings fail synth.

const REASON = 'disaster-recovery replica run by the platform team, DR-118';

function copyOf(mode: string, source: (stack: TerraformStack) => string): { stack: TerraformStack; copy: PostgresqlFlexibleServer } {
  const stack = providerStack();
  const copy = new PostgresqlFlexibleServer(stack, 'Copy', {
    name: 'orders-copy', resourceGroupName: 'rg-orders', location: 'westeurope', createMode: mode, sourceServerId: source(stack),
    pointInTimeRestoreTimeInUtc: mode === 'PointInTimeRestore' ? '2026-11-01T00:00:00Z' : undefined,
  });
  return { stack, copy };
}

const fromConstruct = (stack: TerraformStack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps()).serverId;
const rulesOf = (errors: string[], address: string) => errors.filter((line) => line.includes(` ${address} `)).map((line) => / (PG[A-Z]*-[A-Z]+-\d+) /.exec(line)?.[1]);

test.each(['PointInTimeRestore', 'Replica'])('a %s of the construct\'s server fails PG-CFG-3, at synth and in check', (mode) => {
  const { stack } = copyOf(mode, fromConstruct);
  const errors = synthErrors(stack);
  expect(errors).toEqual(expect.arrayContaining([expect.stringContaining(
    `azurerm_postgresql_flexible_server.Copy PG-CFG-3 azurerm_postgresql_flexible_server.Copy copies the data of the server test/Postgres makes (create_mode "${mode}")`,
  )]));
  expect(checkStack(stack).code).toBe(1);
});

test('suppressed on the copy with its reason, PG-CFG-3 passes, and the copy is enforced as its source: its warnings (PGF-ENC-1) fail synth', () => {
  const { stack, copy } = copyOf('Replica', fromConstruct);
  PostgresSecurityChecks.suppress(copy, 'PG-CFG-3', REASON);
  const found = rulesOf(synthErrors(stack), 'azurerm_postgresql_flexible_server.Copy');
  expect(found).not.toContain('PG-CFG-3');
  expect(found).toContain('PGF-ENC-1');
});

test('a replica of a raw server beside a construct is no copy of the construct\'s: no PG-CFG-3 finding for it (control)', () => {
  const { stack } = copyOf('Replica', (s) => {
    fromConstruct(s);
    return new PostgresqlFlexibleServer(s, 'Raw', { name: 'raw-db', resourceGroupName: 'rg-orders', location: 'westeurope' }).id;
  });
  expect(synthErrors(stack).filter((line) => line.includes('copies the data of the server'))).toEqual([]);
});

test('the copy\'s Entra administrator is held to the construct\'s props as the server\'s own: an undeclared one fails PG-IAM-3', () => {
  const { stack, copy } = copyOf('PointInTimeRestore', fromConstruct);
  PostgresSecurityChecks.suppress(copy, 'PG-CFG-3', REASON);
  new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'Mallory', {
    serverName: copy.name, resourceGroupName: 'rg-orders', tenantId: '11111111-2222-3333-4444-555555555555', objectId: '99999999-9999-9999-9999-999999999999', principalName: 'mallory', principalType: 'User',
  });
  expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(/PG-IAM-3 .*mallory|PG-IAM-3 .*99999999-9999-9999-9999-999999999999/)]));
});

// Twelfth review, A12a-1/2/3: the copy's source is read as every other pointer to a server is: a
// lookup by a reference to the server's name, a template with a segment known only at apply time
// (a subscription from a variable); a source known only at apply time may be the construct's server:
// the copy fails PG-CFG-3 (fail closed) until a suppression on it gives the reason.
describe('a copy whose source is not a plain reference', () => {
  const COPY_FINDING = 'azurerm_postgresql_flexible_server.Copy PG-CFG-3 azurerm_postgresql_flexible_server.Copy copies the data of the server test/Postgres makes';
  const POSSIBLE_FINDING = 'azurerm_postgresql_flexible_server.Copy PG-CFG-3 azurerm_postgresql_flexible_server.Copy copies the data of a server known only at apply time';

  test('a replica of a lookup of the construct\'s server by a reference to its name fails PG-CFG-3 as a copy of it (A12a-1)', () => {
    const { stack } = copyOf('Replica', (s) => {
      const postgres = new SecureFlexibleServer(s, 'Postgres', minimalProps());
      return new DataAzurermPostgresqlFlexibleServer(s, 'Lookup', { name: postgres.serverName, resourceGroupName: 'rg-orders' }).id;
    });
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringContaining(COPY_FINDING)]));
  });

  test('a replica of a lookup by a name known only at apply time fails PG-CFG-3 as a possible copy (A12a-1)', () => {
    const { stack } = copyOf('Replica', (s) => {
      fromConstruct(s);
      const name = new TerraformVariable(s, 'name', { type: 'string' });
      return new DataAzurermPostgresqlFlexibleServer(s, 'Lookup', { name: name.stringValue, resourceGroupName: 'rg-orders' }).id;
    });
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringContaining(POSSIBLE_FINDING)]));
  });

  test.each([
    ['a variable subscription', (s: TerraformStack) => `/subscriptions/${new TerraformVariable(s, 'subscription', { type: 'string' }).stringValue}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`],
    ['a variable resource group', (s: TerraformStack) => `/subscriptions/0000/resourceGroups/${new TerraformVariable(s, 'group', { type: 'string' }).stringValue}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`],
    ['a name whose known part fits the construct\'s server\'s', (s: TerraformStack) => `/subscriptions/0000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-${new TerraformVariable(s, 'env', { type: 'string' }).stringValue}`],
  ])('a replica whose source ID is a template with %s fails PG-CFG-3 as a copy of the server it names (A12a-2)', (_, source) => {
    const { stack } = copyOf('Replica', (s) => {
      fromConstruct(s);
      return source(s);
    });
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringContaining(COPY_FINDING)]));
  });

  test.each([
    ['a variable', (s: TerraformStack) => new TerraformVariable(s, 'source', { type: 'string' }).stringValue],
    ['a function of a variable', (s: TerraformStack) => Fn.lower(new TerraformVariable(s, 'source', { type: 'string' }).stringValue)],
  ])('a replica whose source is %s, known only at apply time, fails PG-CFG-3 beside the construct (A12a-3)', (_, source) => {
    const { stack } = copyOf('Replica', (s) => {
      fromConstruct(s);
      return source(s);
    });
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringContaining(POSSIBLE_FINDING)]));
  });

  test('suppressed on the copy with its reason, the possible copy passes PG-CFG-3 (A12a-3)', () => {
    const { stack, copy } = copyOf('Replica', (s) => {
      fromConstruct(s);
      return new TerraformVariable(s, 'source', { type: 'string' }).stringValue;
    });
    PostgresSecurityChecks.suppress(copy, 'PG-CFG-3', REASON);
    expect(synthErrors(stack).filter((line) => line.includes('PG-CFG-3'))).toEqual([]);
  });

  test.each([
    ['a literal ID', () => '/subscriptions/0000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/legacy-db'],
    ['a template whose known part of the name fits no server of the stack', (s: TerraformStack) => `/subscriptions/0000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/legacy-${new TerraformVariable(s, 'env', { type: 'string' }).stringValue}`],
  ])('a replica of %s of another server beside the construct is no copy of the construct\'s (control)', (_, source) => {
    const { stack } = copyOf('Replica', (s) => {
      fromConstruct(s);
      return source(s);
    });
    expect(synthErrors(stack).filter((line) => line.includes('PG-CFG-3'))).toEqual([]);
  });
});

test('a replica whose source is known only at apply time, in another stack of the app than the construct, fails PG-CFG-3 (A12a-3)', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'server-copy-beside-')) });
  new SecureFlexibleServer(providerStack('primary', app), 'Postgres', minimalProps());
  const other = providerStack('trust', app);
  new PostgresqlFlexibleServer(other, 'Copy', {
    name: 'orders-copy', resourceGroupName: 'rg-orders', location: 'westeurope', createMode: 'Replica',
    sourceServerId: new TerraformVariable(other, 'source', { type: 'string' }).stringValue,
  });
  let message = '';
  try {
    app.synth();
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(/azurerm_postgresql_flexible_server\.Copy PG-CFG-3 azurerm_postgresql_flexible_server\.Copy copies the data of a server known only at apply time .*which may be the server primary\/Postgres makes/);
});

// Found by `npm run synth` (every example in one app): a Single Server adopted by an ID known only at plan
// time was taken for a possible copy of every Flexible Server construct of the app. Azure copies a server,
// and azurerm imports one, only into a server of its kind.
test('a Single Server adopted by an ID known only at plan time is no possible copy of a Flexible Server construct in another stack', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'server-copy-kinds-')) });
  new SecureFlexibleServer(providerStack('primary', app), 'Postgres', minimalProps());
  const legacy = providerStack('legacy', app);
  const id = new TerraformVariable(legacy, 'server_resource_id', { type: 'string' }).stringValue;
  new SecureSingleServer(legacy, 'Postgres', minimalSingleProps({
    name: Fn.element(Fn.split('/', id), 8), resourceGroupName: Fn.element(Fn.split('/', id), 4),
    adoption: { serverResourceId: id, infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true },
    sku: SingleServerSku.GP_GEN5_2, version: SingleServerVersion.V11, storageMb: 102400,
  }));
  expect(() => app.synth()).not.toThrow();
});
