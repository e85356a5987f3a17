import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PostgresqlActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-active-directory-administrator';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { PostgresqlServerKey } from '@cdktf/provider-azurerm/lib/postgresql-server-key';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { FlexibleServerAuthentication, FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { CONSTRUCTS_KEY, ENFORCED_KEY, MADE_KEY } from '../../lib/checks/suppressions';
import { checkStack } from '../cli/cli-harness';
import { KEY_VAULT_ID, minimalProps, minimalSingleProps, providerStack, SUBSCRIPTION, synthErrors, TENANT_ID } from '../helpers';

// Eleventh review, A11a-1: a resource a caller creates with a library construct as its scope has a
// construct path below the construct's, and was trusted as the construct's own ("declared by the
// props"): an extra Entra administrator, firewall rule, private endpoint or log export passed synth
// and `check`. The constructs now list the resources they made (//.cdktf-azure-postgres-made);
// anything else below them is judged as an addition beside the construct.

const PRINCIPAL = '99999999-9999-9999-9999-999999999999';
const OTHER_SUBNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other/providers/Microsoft.Network/virtualNetworks/vnet-other/subnets/snet-x';
const STORAGE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-evil/providers/Microsoft.Storage/storageAccounts/stevil';
const JUSTIFICATION = 'office egress range for the reporting team, ticket NET-4411';

type Add = (scope: Construct, postgres: SecureFlexibleServer) => void;

const additions: ReadonlyArray<readonly [string, string, Add]> = [
  ['an Entra administrator', 'PG-IAM-3', (scope, postgres) => new PostgresqlFlexibleServerActiveDirectoryAdministrator(scope, 'Backdoor', {
    serverName: postgres.server.name, resourceGroupName: 'rg-orders', tenantId: TENANT_ID, objectId: PRINCIPAL, principalName: 'mallory', principalType: 'User',
  })],
  ['a private endpoint in another VNet', 'PG-NET-1', (scope, postgres) => new PrivateEndpoint(scope, 'Endpoint2', {
    name: 'pe-2', location: 'westeurope', resourceGroupName: 'rg-orders', subnetId: OTHER_SUBNET,
    privateServiceConnection: { name: 'psc', privateConnectionResourceId: postgres.serverId, subresourceNames: ['postgresqlServer'], isManualConnection: false },
  })],
  ['a log export to another storage account', 'PG-LOG-1', (scope, postgres) => new MonitorDiagnosticSetting(scope, 'Exfil', {
    name: 'exfil', targetResourceId: postgres.serverId, storageAccountId: STORAGE, enabledLog: [{ categoryGroup: 'allLogs' }],
  })],
];

/** The rule ids of a stack's synth errors. */
const failedRules = (stack: TerraformStack) => synthErrors(stack).map((line) => / (PG[A-Z]*-[A-Z]+-\d+) /.exec(line)?.[1]);

describe.each(additions)('%s', (_what, ruleId, add) => {
  test(`beside the construct fails ${ruleId} (control)`, () => {
    const stack = providerStack();
    add(stack, new SecureFlexibleServer(stack, 'Postgres', minimalProps()));
    expect(failedRules(stack)).toEqual([ruleId]);
  });

  test(`with the construct as its scope fails ${ruleId} too, at synth and in check`, () => {
    const stack = providerStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    add(postgres, postgres);
    expect(failedRules(stack)).toEqual([ruleId]);
    expect(checkStack(stack).code).toBe(1);
  });

  test('with the server resource as its scope fails too', () => {
    const stack = providerStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    add(postgres.server, postgres);
    expect(failedRules(stack)).toEqual([ruleId]);
  });
});

test('a firewall rule inside a public-mode construct fails PG-NET-1; suppressed on the rule with a reason, it passes', () => {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.0', endIpAddress: '203.0.113.63' }], justification: JUSTIFICATION }),
  }));
  const extra = new PostgresqlFlexibleServerFirewallRule(postgres, 'Extra', { name: 'extra', serverId: postgres.serverId, startIpAddress: '198.51.100.7', endIpAddress: '198.51.100.7' });
  expect(failedRules(stack)).toEqual(['PG-NET-1']);
  PostgresSecurityChecks.suppress(extra, 'PG-NET-1', 'partner monitoring probe, reviewed in NET-4502');
  expect(synthErrors(stack)).toEqual([]);
});

test('an Entra administrator inside a SecureSingleServer fails PG-IAM-3', () => {
  const stack = providerStack();
  const postgres = new SecureSingleServer(stack, 'Postgres', minimalSingleProps());
  new PostgresqlActiveDirectoryAdministrator(postgres, 'Backdoor', {
    serverName: postgres.server.name, resourceGroupName: 'rg-legacy', tenantId: TENANT_ID, objectId: PRINCIPAL, login: 'mallory',
  });
  // PGS-IAM-3 fails too: Azure keeps one administrator per Single Server.
  expect(failedRules(stack)).toEqual(['PG-IAM-3', 'PGS-IAM-3']);
});

test('a customer-managed key inside a SecureSingleServer fails PGS-ENC-2', () => {
  const stack = providerStack();
  const postgres = new SecureSingleServer(stack, 'Postgres', minimalSingleProps());
  new PostgresqlServerKey(postgres, 'Key', { serverId: postgres.server.id, keyVaultKeyId: 'https://evil.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef' });
  expect(failedRules(stack)).toContain('PGS-ENC-2');
});

test('a Key Vault secret inside the construct\'s password that copies it to another vault fails PG-IAM-4', () => {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: 'legacy reporting tool needs a password', keyVaultResourceId: KEY_VAULT_ID }),
  }));
  new KeyVaultSecret(postgres.node.findChild('AdministratorPassword'), 'Copy', {
    name: 'copy', keyVaultId: `${SUBSCRIPTION}/resourceGroups/rg-evil/providers/Microsoft.KeyVault/vaults/evil`, valueWo: postgres.administratorPassword!, valueWoVersion: 1,
  });
  expect(failedRules(stack)).toContain('PG-IAM-4');
});

test('the constructs list what they made: every resource below them, in the JSON', () => {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const json = stack.toTerraform() as { '//': { [key: string]: unknown }; resource: { [type: string]: { [name: string]: { '//': { metadata: { path: string } } } } } };
  const paths = Object.values(json.resource).flatMap((byName) => Object.values(byName)).map((body) => body['//'].metadata.path);
  expect(json['//'][MADE_KEY]).toEqual(expect.arrayContaining(paths));
  expect((json['//'][MADE_KEY] as string[]).length).toBe(paths.length);
  expect(paths).toContain(postgres.server.node.path);
});

test('a made list written by an override fails synth (PG-CFG-6), so it cannot make an addition the construct\'s own', () => {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const backdoor = new PostgresqlFlexibleServerActiveDirectoryAdministrator(postgres, 'Backdoor', {
    serverName: postgres.server.name, resourceGroupName: 'rg-orders', tenantId: TENANT_ID, objectId: PRINCIPAL, principalName: 'mallory', principalType: 'User',
  });
  const listed = stack.toTerraform()['//'][MADE_KEY] as string[];
  stack.addOverride(`//.${MADE_KEY}`, [...listed, backdoor.node.path]);
  const errors = synthErrors(stack);
  expect(errors).toEqual(expect.arrayContaining([expect.stringContaining('PG-IAM-3'), expect.stringContaining(`(//.${MADE_KEY}), are not those they made`)]));
});

// Twelfth review, A12a-17: the lists of constructs and enforced constructs too, so the edit fails where it is made.
test.each([
  [CONSTRUCTS_KEY, 'the library constructs written into the JSON'],
  [ENFORCED_KEY, 'the enforced constructs written into the JSON'],
])('the list %s deleted or changed by an override fails synth (PG-CFG-6)', (key, message) => {
  for (const value of [undefined, [], ['orders/Elsewhere']]) {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    stack.addOverride(`//.${key}`, value);
    expect(synthErrors(stack)).toEqual([expect.stringContaining(`PG-CFG-6 ${message} (//.${key}) are not those of the stack`)]);
  }
});

test('check refuses a stack file whose made list was deleted (exit 2), rather than judge every construct resource as an addition', () => {
  const stack = providerStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride(`//.${MADE_KEY}`, undefined);
  const result = checkStack(stack);
  expect(result.code).toBe(2);
  expect(result.err.join('\n')).toContain(`//.${MADE_KEY} lists no resource it made`);
});
