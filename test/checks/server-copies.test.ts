import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerVirtualEndpoint } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-virtual-endpoint';
import { PostgresqlServer } from '@cdktf/provider-azurerm/lib/postgresql-server';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { minimalProps, minimalSingleProps, providerStack, SUBSCRIPTION, synthErrors } from '../helpers';

// A server that copies a construct's server (a replica, a point-in-time or geo-restore, a revived
// server) holds all its data: synth judges it like the servers under the construct, and so a copy
// of that copy, whatever spelling of the source's ID it uses.

/** A public Flexible Server that copies sourceServerId with the given create mode. */
function publicCopy(stack: TerraformStack, id: string, sourceServerId: string | undefined, createMode: string | undefined): PostgresqlFlexibleServer {
  return new PostgresqlFlexibleServer(stack, id, {
    name: `orders-${id.toLowerCase()}`, resourceGroupName: 'rg-orders', location: 'westeurope', createMode, sourceServerId,
    pointInTimeRestoreTimeInUtc: createMode === 'PointInTimeRestore' || createMode === 'GeoRestore' ? '2026-11-01T00:00:00Z' : undefined,
    publicNetworkAccessEnabled: true,
  });
}

function errorsOf(stack: TerraformStack, address: string): string[] {
  return synthErrors(stack).filter((line) => line.startsWith(`  [trust] ${address} `));
}

const COPY_PUBLIC = (address: string) => `  [trust] ${address} PGF-NET-1 public_network_access_enabled is true, not false. `
  + 'Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.';
const ORDERS_ID = `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`;

describe('a copy of the construct\'s server is judged like it', () => {
  test.each(['Replica', 'PointInTimeRestore', 'GeoRestore', 'ReviveDropped'])('a public %s fails synth', (mode) => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    publicCopy(stack, 'Copy', postgres.serverId, mode);
    expect(errorsOf(stack, 'azurerm_postgresql_flexible_server.Copy')).toContain(COPY_PUBLIC('azurerm_postgresql_flexible_server.Copy'));
  });

  test('a copy made by an override of the stack fails synth', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    stack.addOverride('resource.azurerm_postgresql_flexible_server.copy', {
      name: 'orders-copy', resource_group_name: 'rg-orders', location: 'westeurope', create_mode: 'Replica', source_server_id: postgres.serverId, public_network_access_enabled: true,
    });
    expect(errorsOf(stack, 'azurerm_postgresql_flexible_server.copy')).toContain(COPY_PUBLIC('azurerm_postgresql_flexible_server.copy'));
  });

  test('a replica of a replica fails synth', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const first = publicCopy(stack, 'First', postgres.serverId, 'Replica');
    publicCopy(stack, 'Second', first.id, 'Replica');
    expect(errorsOf(stack, 'azurerm_postgresql_flexible_server.Second')).toContain(COPY_PUBLIC('azurerm_postgresql_flexible_server.Second'));
  });

  test.each([
    ['the literal ID', ORDERS_ID],
    ['the literal ID in other case, with a trailing slash', `${ORDERS_ID.toUpperCase()}/`],
    ['an expression around the reference', '${lower(azurerm_postgresql_flexible_server.Postgres_Server_5DC4BA3D.id)}'],
  ])('a replica that names the source by %s fails synth', (_how, sourceServerId) => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    publicCopy(stack, 'Copy', sourceServerId, 'Replica');
    expect(errorsOf(stack, 'azurerm_postgresql_flexible_server.Copy')).toContain(COPY_PUBLIC('azurerm_postgresql_flexible_server.Copy'));
  });

  test('a copy whose create_mode is known only at apply time is judged: it may copy', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const mode = new TerraformVariable(stack, 'mode', { type: 'string' });
    publicCopy(stack, 'Copy', postgres.serverId, mode.stringValue);
    expect(errorsOf(stack, 'azurerm_postgresql_flexible_server.Copy')).toContain(COPY_PUBLIC('azurerm_postgresql_flexible_server.Copy'));
  });

  test('a copy in another stack of the app, by a cross-stack reference, fails synth', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'server-copies-')) });
    const postgres = new SecureFlexibleServer(providerStack('primary', app), 'Postgres', minimalProps());
    publicCopy(providerStack('trust', app), 'Copy', postgres.serverId, 'Replica');
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toContain(COPY_PUBLIC('azurerm_postgresql_flexible_server.Copy'));
  });

  test('the replica a virtual endpoint pairs with the construct\'s server is judged', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const replica = publicCopy(stack, 'Copy', undefined, undefined);
    new PostgresqlFlexibleServerVirtualEndpoint(stack, 'Endpoint', { name: 'orders', sourceServerId: postgres.serverId, replicaServerId: replica.id, type: 'ReadWrite' });
    expect(errorsOf(stack, 'azurerm_postgresql_flexible_server.Copy')).toContain(COPY_PUBLIC('azurerm_postgresql_flexible_server.Copy'));
  });

  test('a public replica of a SecureSingleServer fails synth', () => {
    const stack = providerStack('trust');
    const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    new PostgresqlServer(stack, 'Copy', {
      name: 'legacy-copy', resourceGroupName: 'rg-legacy', location: 'westeurope', skuName: 'GP_Gen5_2', version: '11', sslEnforcementEnabled: true,
      createMode: 'Replica', creationSourceServerId: legacy.serverId, publicNetworkAccessEnabled: true,
    });
    expect(errorsOf(stack, 'azurerm_postgresql_server.Copy')).toContain('  [trust] azurerm_postgresql_server.Copy PGS-NET-1 public_network_access_enabled is true, not false. '
      + 'Fix: Set public_network_access_enabled = false and reach the server through a private endpoint.');
  });
});

describe('a second resource of the construct\'s server (its name and group, adopted by an import block) is judged like it (A7-6)', () => {
  const second = (stack: TerraformStack, name: string, resourceGroupName: string) => new PostgresqlFlexibleServer(stack, 'Adopt', {
    name, resourceGroupName, location: 'westeurope', publicNetworkAccessEnabled: true,
  });

  test('the same name and group, in another case, fail synth', () => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    second(stack, 'Orders-DB', 'RG-orders').importFrom(ORDERS_ID);
    expect(errorsOf(stack, 'azurerm_postgresql_flexible_server.Adopt')).toContain(COPY_PUBLIC('azurerm_postgresql_flexible_server.Adopt'));
  });

  test('the same name in another group is another server: passes synth', () => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    second(stack, 'orders-db', 'rg-other');
    expect(synthErrors(stack)).toEqual([]);
  });
});

// Twelfth review, A12a-11: an import block adopts the live server its id names into the resource it
// names, whatever that resource's name says: it is that server's twin.
describe('a server an import block adopts by the construct\'s server\'s ID is judged like it, whatever its name (A12a-11)', () => {
  const adopt = (stack: TerraformStack, name: string) => new PostgresqlFlexibleServer(stack, 'Adopt', {
    name, resourceGroupName: 'rg-orders', location: 'westeurope', publicNetworkAccessEnabled: true,
  });

  test('named by a reference to the construct\'s server name, imported by its ID: fails synth, as the server, not as a copy', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    adopt(stack, postgres.serverName).importFrom(postgres.serverId);
    const errors = errorsOf(stack, 'azurerm_postgresql_flexible_server.Adopt');
    expect(errors).toContain(COPY_PUBLIC('azurerm_postgresql_flexible_server.Adopt'));
    expect(errors.filter((line) => line.includes('copies the data'))).toEqual([]);
  });

  test('named by a variable, imported by the construct\'s server\'s literal ID: fails synth', () => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    adopt(stack, new TerraformVariable(stack, 'name', { type: 'string' }).stringValue).importFrom(ORDERS_ID.toUpperCase());
    expect(errorsOf(stack, 'azurerm_postgresql_flexible_server.Adopt')).toContain(COPY_PUBLIC('azurerm_postgresql_flexible_server.Adopt'));
  });

  test('imported by an ID known only at plan time: may be the construct\'s server, fails PG-CFG-3', () => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    adopt(stack, 'legacy-db').importFrom(new TerraformVariable(stack, 'id', { type: 'string' }).stringValue);
    expect(errorsOf(stack, 'azurerm_postgresql_flexible_server.Adopt').join('\n'))
      .toMatch(/PG-CFG-3 azurerm_postgresql_flexible_server\.Adopt copies the data of a server known only at apply time .*which may be the server trust\/Postgres makes/);
  });

  test('imported by another server\'s ID: another server, passes synth (control)', () => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    adopt(stack, new TerraformVariable(stack, 'name', { type: 'string' }).stringValue)
      .importFrom(`${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/legacy-db`);
    expect(synthErrors(stack)).toEqual([]);
  });
});

describe('servers that copy nothing of a judged server are not judged', () => {
  test('a server with a source but the Default create mode passes synth', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    publicCopy(stack, 'Copy', postgres.serverId, 'Default');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('a replica of a raw server of the stack passes synth', () => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const raw = publicCopy(stack, 'Raw', undefined, undefined);
    publicCopy(stack, 'Copy', raw.id, 'Replica');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('a replica of the construct\'s server in an app without the library\'s constructs is not judged at synth', () => {
    const stack = providerStack('trust');
    publicCopy(stack, 'Copy', ORDERS_ID, 'Replica');
    expect(synthErrors(stack)).toEqual([]);
  });
});
