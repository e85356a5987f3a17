import { Construct } from 'constructs';
import { TerraformStack, Testing } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlServer } from '@cdktf/provider-azurerm/lib/postgresql-server';
import { FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer, SecureSingleServer, SingleServerNetwork } from '../../lib';
import { cdktfOut, check, checkStack } from '../cli/cli-harness';
import { minimalProps, minimalSingleProps, providerStack, synthErrors, TENANT_ID } from '../helpers';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';

// A props justification is bound to the resource it was written for (A3-5): a suppression on a
// resource covers that resource, not a server or replica someone creates with it as their scope.

const REASON = 'Partner BI tool connects from its fixed egress IP (SEC-901)';
const RANGE = [{ name: 'office', startIpAddress: '20.1.1.1', endIpAddress: '20.1.1.1' }];
const REPLICA = 'azurerm_postgresql_flexible_server.Postgres_Server_Replica_82445CE9';
const NET_1 = `  [test] ${REPLICA} PGF-NET-1 public_network_access_enabled is true, not false. Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.`;
const NET_2 = `  [test] ${REPLICA} PGF-NET-2 the server is neither VNet-integrated nor reached through a private endpoint. Fix: Integrate the server into a VNet (delegated_subnet_id and private_dns_zone_id) or connect an azurerm_private_endpoint to it.`;

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

function flexibleWith(configure: (postgres: SecureFlexibleServer, stack: TerraformStack) => void = () => undefined): TerraformStack {
  const stack = newStack();
  configure(new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: RANGE, justification: REASON }) })), stack);
  return stack;
}

function publicReplica(scope: Construct, postgres: SecureFlexibleServer): PostgresqlFlexibleServer {
  return new PostgresqlFlexibleServer(scope, 'Replica', {
    name: 'orders-replica', resourceGroupName: 'rg-orders', location: 'northeurope', createMode: 'Replica', sourceServerId: postgres.server.id, publicNetworkAccessEnabled: true,
  });
}

describe('SecureFlexibleServer publicAccess justification', () => {
  test('covers its own server: synth passes', () => {
    expect(synthErrors(flexibleWith())).toEqual([]);
  });

  test('does not cover a public replica created in the server\'s scope: it fails PGF-NET-1 and PGF-NET-2', () => {
    const errors = synthErrors(flexibleWith((postgres) => publicReplica(postgres.server, postgres)));
    expect(errors).toContain(NET_1);
    expect(errors).toContain(NET_2);
  });

  test('the check command reads the written JSON the same way: exit 1', () => {
    const stack = flexibleWith((postgres) => publicReplica(postgres.server, postgres));
    const { code, out } = check('check', cdktfOut({ test: stack.toTerraform() }));
    expect(code).toBe(1);
    expect(out).toContain(`  ERROR      PGF-NET-1  ${REPLICA}: public_network_access_enabled is true, not false. Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.`);
    expect(out).toContain(`  suppressed PGF-NET-1  azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78: public_network_access_enabled is true, not false. Reason: ${REASON}`);
  });

  test('a suppression on a construct that is no resource still covers what is under it', () => {
    const stack = flexibleWith((postgres, s) => {
      const team = new Construct(s, 'Team');
      publicReplica(team, postgres);
      PostgresSecurityChecks.suppress(team, 'PGF-NET-1', 'the reporting team\'s replica is public by design, SEC-77');
      PostgresSecurityChecks.suppress(team, 'PGF-NET-2', 'the reporting team\'s replica is public by design, SEC-77');
    });
    expect(synthErrors(stack).filter((line) => line.includes('Team_Replica') && line.includes(' PGF-NET-'))).toEqual([]);
  });
});

describe('SecureSingleServer publicAccess justification', () => {
  test('does not cover a public replica created in the server\'s scope: it fails PGS-NET-1', () => {
    const stack = newStack();
    const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ network: SingleServerNetwork.publicAccess({ allowedIpRanges: RANGE, justification: REASON }) }));
    expect(synthErrors(stack)).toEqual([]);
    new PostgresqlServer(legacy.server, 'Replica', {
      name: 'legacy-replica', resourceGroupName: 'rg-legacy', location: 'northeurope', skuName: 'GP_Gen5_2', version: '11', sslEnforcementEnabled: true,
      createMode: 'Replica', creationSourceServerId: legacy.server.id, publicNetworkAccessEnabled: true,
    });
    expect(synthErrors(stack).filter((line) => line.includes('Legacy_Server_Replica') && line.includes(' PGS-NET-1 '))).toHaveLength(1);
  });
});

// Adversarial run of stop 81, A81-42: a user's suppression of a rule the construct suppresses itself was shown nowhere; every reason
// that waives a finding is shown, the one that counts first.
test('a finding two suppressions waive shows both reasons', () => {
  const stack = flexibleWith((_postgres, scope) => PostgresSecurityChecks.suppress(scope, 'PGF-ENC-1', 'Keys stay platform-managed for this stack (SEC-990)'));
  const out = checkStack(stack).out.join('\n');
  expect(out).toMatch(/suppressed PGF-ENC-1 .*Reason: platform-managed keys are the library default.* \(also suppressed: "Keys stay platform-managed for this stack \(SEC-990\)"\)/);
});

// Adversarial run of stop 81, D81-97: a suppression on a construct of stack a, or on stack a itself, waived what stack b adds to its
// server (an administrator), with no warning anywhere. What another stack adds is waived only by a suppression on that resource.
describe('a suppression in the server\'s stack and what another stack adds', () => {
  const REASON_A = 'Break-glass admin db-oncall SEC-4711 until 2027';
  const synthWith = (scope: 'construct' | 'stack', addedIn: 'a' | 'b', suppressAddition = false) => {
    const app = Testing.app();
    const a = providerStack('a', app);
    const postgres = new SecureFlexibleServer(a, 'Postgres', minimalProps());
    PostgresSecurityChecks.suppress(scope === 'construct' ? postgres : a, 'PG-IAM-3', REASON_A);
    const intruder = new PostgresqlFlexibleServerActiveDirectoryAdministrator(addedIn === 'a' ? a : providerStack('b', app), 'intruder', {
      serverName: postgres.serverName, resourceGroupName: 'rg-orders', tenantId: TENANT_ID, objectId: '12345678-1234-1234-1234-123456789012', principalName: 'intruder', principalType: 'User',
    });
    if (suppressAddition) PostgresSecurityChecks.suppress(intruder, 'PG-IAM-3', 'Break-glass admin of team b, SEC-4712');
    return app;
  };
  test.each(['construct', 'stack'] as const)('on the %s: it does not waive stack b\'s administrator', (scope) => {
    expect(() => synthWith(scope, 'b').synth()).toThrow(/\[b\] azurerm_postgresql_flexible_server_active_directory_administrator\.intruder PG-IAM-3/);
  });
  test('it waives one its own stack adds, and one stack b suppresses itself is waived', () => {
    expect(() => synthWith('construct', 'a').synth()).not.toThrow();
    expect(() => synthWith('construct', 'b', true).synth()).not.toThrow();
  });
});
