import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { TerraformStack } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { checkStack } from '../cli/cli-harness';
import { minimalProps, providerStack, synthErrors } from '../helpers';

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
