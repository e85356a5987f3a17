import { TerraformVariable } from 'cdktf';
import { EXIT_FINDINGS, EXIT_OK } from '../../../lib/cli/check-command';
import { SecureFlexibleServer, SecureSingleServer } from '../../../lib';
import { minimalProps, minimalSingleProps, newStack } from '../../helpers';
import { ruleFindings as findings } from '../../support/pin-findings';

// A10a-6 (tenth review): no prop makes a construct's server a restore or a replica, so what would
// make it a copy of another server (whose roles, Entra mappings and data no rule judged) is pinned
// unset: an override fails PG-CFG-6 in synth and in `check`.

const FIX = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';
const SOURCE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/flexibleServers/legacy-unmanaged';

const unset = (address: string, attribute: string, shown: string) => `${address} PG-CFG-6 ${attribute} is ${shown}, where the construct's props leave it unset. ${FIX}`;

describe('a SecureFlexibleServer made a copy of another server by override', () => {
  const ADDRESS = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';

  test('as the construct wrote it, it passes synth and check', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    expect(findings(stack)).toEqual({ synth: [], code: EXIT_OK, checked: [] });
  });

  test.each<[string, { [attribute: string]: string }]>([
    ['PointInTimeRestore', { point_in_time_restore_time_in_utc: '2026-11-01T00:00:00Z' }],
    ['GeoRestore', {}],
    ['Replica', {}],
    ['ReviveDropped', {}],
  ])('create_mode %s from another server fails synth and check', (mode, extra) => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const overrides = { create_mode: mode, source_server_id: SOURCE, ...extra };
    Object.entries(overrides).forEach(([attribute, value]) => postgres.server.addOverride(attribute, value));
    const expected = Object.entries(overrides).map(([attribute, value]) => unset(ADDRESS, attribute, JSON.stringify(value)));
    const result = findings(stack);
    expect(result.synth.map((line) => line.replace('  [test] ', ''))).toEqual(expect.arrayContaining(expected));
    expect(result.synth).toHaveLength(expected.length);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.checked).toHaveLength(expected.length);
  });

  test('a source known only at apply time fails too', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('source_server_id', new TerraformVariable(stack, 'source', { type: 'string' }).stringValue);
    expect(findings(stack).synth).toEqual([`  [test] ${unset(ADDRESS, 'source_server_id', '"${var.source}"')}`]);
  });
});

describe('a SecureSingleServer made a copy of another server by override', () => {
  test.each<[string, string]>([
    ['create_mode', 'Replica'],
    ['creation_source_server_id', SOURCE.replace('flexibleServers', 'servers')],
    ['restore_point_in_time', '2026-11-01T00:00:00Z'],
  ])('%s fails synth and check', (attribute, value) => {
    const stack = newStack();
    const postgres = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    expect(findings(stack).synth).toEqual([]);
    postgres.server.addOverride(attribute, value);
    const expected = `  [test] azurerm_postgresql_server.${stack.getLogicalId(postgres.server)} PG-CFG-6 ${attribute} is ${JSON.stringify(value)}, where the construct's props leave it unset. ${FIX}`;
    const result = findings(stack);
    expect(result.synth).toEqual([expected]);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.checked).toHaveLength(1);
  });
});
