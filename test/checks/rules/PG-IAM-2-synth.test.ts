import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataAzurermPostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-azurerm-postgresql-flexible-server';
import { DataAzurermResourceGroup } from '@cdktf/provider-azurerm/lib/data-azurerm-resource-group';
import { DataAzurermResources } from '@cdktf/provider-azurerm/lib/data-azurerm-resources';
import { DataAzurermVirtualNetwork } from '@cdktf/provider-azurerm/lib/data-azurerm-virtual-network';
import { KeyVaultAccessPolicyA } from '@cdktf/provider-azurerm/lib/key-vault-access-policy';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformStack } from 'cdktf';
import { rule } from '../../../lib/checks/rules/PG-IAM-2';
import { EXIT_FINDINGS, EXIT_OK } from '../../../lib/cli/check-command';
import { FlexibleServerAuthentication, FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer, SecureFlexibleServerProps } from '../../../lib';
import { check } from '../../cli/cli-harness';
import { KEY_VAULT_ID, minimalProps, newStack, synthErrors, VNET_ID } from '../../helpers';
import { accessStack } from '../../support/database-fixture';

// A5-12 at synth and in check: Owner on the resource group a SecureFlexibleServer is in, beside
// it. The rule's own cases are in PG-IAM-2.test.ts, which loads no cdktf.

const GROUP = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders';
const PRINCIPAL = 'aaaaaaaa-0000-0000-0000-000000000001';

function ownerStack(configure?: (assignment: RoleAssignment) => void): TerraformStack {
  const scope = newStack();
  new AzurermProvider(scope, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(scope, 'Postgres', minimalProps());
  const assignment = new RoleAssignment(scope, 'GroupOwner', { scope: GROUP, roleDefinitionName: 'Owner', principalId: PRINCIPAL });
  configure?.(assignment);
  return scope;
}

const failure = (address: string) => `${address} grants Owner on its resource group "${GROUP}", which contains the server, which can change or delete the server or grant access to it, with no justification.`;

test('Owner on the construct\'s resource group fails synth', () => {
  expect(synthErrors(ownerStack())).toEqual([`  [test] azurerm_role_assignment.GroupOwner PG-IAM-2 ${failure('azurerm_role_assignment.GroupOwner')} Fix: ${rule.fix}`]);
});

test('suppressed on the assignment with a reason, it passes', () => {
  expect(synthErrors(ownerStack((assignment) => PostgresSecurityChecks.suppress(assignment, 'PG-IAM-2', 'landing zone owner of the workload resource group, SEC-88')))).toEqual([]);
});

test('check: the same assignment in the JSON fails; the JSON without it passes', () => {
  const json = JSON.parse(JSON.stringify(ownerStack().toTerraform()));
  const checkOf = () => {
    const file = join(mkdtempSync(join(tmpdir(), 'roles-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(json));
    return check('check', file);
  };
  const checked = checkOf();
  expect(checked.code).toBe(EXIT_FINDINGS);
  expect(checked.out.filter((text) => text.includes('PG-IAM-2'))).toEqual([`  ERROR      PG-IAM-2   azurerm_role_assignment.GroupOwner: ${failure('azurerm_role_assignment.GroupOwner')} Fix: ${rule.fix}`]);
  delete json.resource.azurerm_role_assignment;
  expect(checkOf().code).toBe(EXIT_OK);
});

test('Network Contributor on the NSG the construct makes fails synth; suppressed on the assignment with a reason, it passes (A7-16)', () => {
  const networkStack = (suppress: boolean) => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(scope, 'Postgres', minimalProps());
    const nsg = postgres.node.findAll().find((c): c is NetworkSecurityGroup => c instanceof NetworkSecurityGroup)!;
    const assignment = new RoleAssignment(scope, 'NetworkAdmin', { scope: nsg.id, roleDefinitionName: 'Network Contributor', principalId: PRINCIPAL });
    if (suppress) PostgresSecurityChecks.suppress(assignment, 'PG-IAM-2', 'network team operates the NSG, change control CHG-77');
    return synthErrors(scope).filter((line) => line.includes('PG-IAM-2'));
  };
  expect(networkStack(false)).toEqual([expect.stringMatching(/^ {2}\[test\] azurerm_role_assignment\.NetworkAdmin PG-IAM-2 azurerm_role_assignment\.NetworkAdmin grants Network Contributor on azurerm_network_security_group\.\S+, which the library makes for the server's network: /)]);
  expect(networkStack(true)).toEqual([]);
});

describe('network roles beside the construct, as ordinary code spells them (eighth review)', () => {
  const networkRoleStack = (role: string, scopeOf: (stack: TerraformStack, server: SecureFlexibleServer) => string, props: Partial<SecureFlexibleServerProps> = {}) => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps(props));
    new RoleAssignment(stack, 'NetworkAdmin', { scope: scopeOf(stack, server), roleDefinitionName: role, principalId: PRINCIPAL });
    return stack;
  };
  const NSG = 'providers/Microsoft.Network/networkSecurityGroups/orders-db-postgres-nsg';
  const cases: [string, string, (stack: TerraformStack, server: SecureFlexibleServer) => string, Partial<SecureFlexibleServerProps>, RegExp][] = [
    ['A8-1: the NSG below a data.azurerm_resource_group', 'Network Contributor', (stack) => `${new DataAzurermResourceGroup(stack, 'Group', { name: 'rg-orders' }).id}/${NSG}`, {}, /on azurerm_network_security_group\.\S+, which the library makes/],
    ['A8-1: the subnet\'s VNet by data.azurerm_virtual_network', 'Network Contributor', (stack) => new DataAzurermVirtualNetwork(stack, 'Hub', { name: 'vnet-hub', resourceGroupName: 'rg-network' }).id, {}, /on azurerm_subnet\.\S+, which the library makes/],
    ['A8-2: the server\'s resource group, which holds the NSG', 'Network Contributor', () => GROUP, {}, /on the resource group "[^"]+", which holds azurerm_network_security_group\.\S+, which the library makes/],
    ['A8-8: the private endpoint', 'Network Contributor', (_stack, server) => server.privateEndpointId!, { network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: `${VNET_ID}/subnets/snet-endpoints` }) }, /on azurerm_private_endpoint\.\S+, which the library makes/],
  ];

  test.each(cases)('%s fails synth and check', (_name, role, scopeOf, props, on) => {
    const line = new RegExp(`azurerm_role_assignment\\.NetworkAdmin grants ${role} ${on.source}`);
    expect(synthErrors(networkRoleStack(role, scopeOf, props)).filter((text) => text.includes('PG-IAM-2'))).toEqual([expect.stringMatching(line)]);
    const file = join(mkdtempSync(join(tmpdir(), 'roles-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(networkRoleStack(role, scopeOf, props).toTerraform()));
    const checked = check('check', file);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-2'))).toEqual([expect.stringMatching(line)]);
  });

  test('Reader on the same scopes passes synth', () => {
    for (const [, , scopeOf, props] of cases) expect(synthErrors(networkRoleStack('Reader', scopeOf, props))).toEqual([]);
  });
});

describe('Owner on the server\'s id spelled as an index, with blanks, or read through the whole server (seventh review, A7-9)', () => {
  const serverOwner = (scopeOf: (server: string) => string) => ownerStack((assignment) => {
    const server = assignment.node.scope!.node.findAll().find((c: any) => c.terraformResourceType === 'azurerm_postgresql_flexible_server') as any;
    assignment.addOverride('scope', scopeOf(`azurerm_postgresql_flexible_server.${server.friendlyUniqueId}`));
  });
  const spellings: [string, (server: string) => string][] = [
    ['["id"]', (server) => `\${${server}["id"]}`],
    ['blanks around the dots', (server) => `\${${server.replace('.', ' . ')} . id}`],
    ['lookup(<server>, "id")', (server) => `\${lookup(${server}, "id")}`],
  ];

  test.each(spellings)('%s fails synth and check', (_name, scopeOf) => {
    const stack = serverOwner(scopeOf);
    expect(synthErrors(stack)).toContainEqual(expect.stringMatching(/^ {2}\[test\] azurerm_role_assignment\.GroupOwner PG-IAM-2 azurerm_role_assignment\.GroupOwner grants Owner on the server, /));
    const file = join(mkdtempSync(join(tmpdir(), 'roles-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(serverOwner(scopeOf).toTerraform()));
    const checked = check('check', file);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out).toContainEqual(expect.stringMatching(/^ {2}ERROR +PG-IAM-2 +azurerm_role_assignment\.GroupOwner: azurerm_role_assignment\.GroupOwner grants Owner on the server, /));
  });
});

describe('Owner on a lookup of the server that the rules once could not read (eighth review, A8-5, A8-9)', () => {
  const lookupOwner = (addLookup: (scope: TerraformStack) => string) => ownerStack((assignment) => {
    assignment.scope = addLookup(assignment.node.scope as TerraformStack);
  });
  const lookups: [string, (scope: TerraformStack) => string, RegExp][] = [
    ['one() of a data.azurerm_resources search by type, name and group', (scope) => {
      new DataAzurermResources(scope, 'Search', { type: 'Microsoft.DBforPostgreSQL/flexibleServers', name: 'orders-db', resourceGroupName: 'rg-orders' });
      return '${one(data.azurerm_resources.Search.resources[*].id)}';
    }, /grants Owner on the server, /],
    ['a data.azurerm_resources search by type and group only', (scope) => {
      new DataAzurermResources(scope, 'Search', { type: 'Microsoft.DBforPostgreSQL/flexibleServers', resourceGroupName: 'rg-orders' });
      return '${data.azurerm_resources.Search.resources[0].id}';
    }, /grants Owner on the server ID "\/subscriptions\/\?\/resourceGroups\/rg-orders\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/\?", which may be the server, /],
    ['a data.azurerm_postgresql_flexible_server named by format()', (scope) =>
      new DataAzurermPostgresqlFlexibleServer(scope, 'Lookup', { name: '${format("%s-db", "orders")}', resourceGroupName: 'rg-orders' }).id, /grants Owner on the server, /],
  ];

  test.each(lookups)('%s fails synth and check', (_name, addLookup, message) => {
    expect(synthErrors(lookupOwner(addLookup))).toContainEqual(expect.stringMatching(new RegExp(`^ {2}\\[test\\] azurerm_role_assignment\\.GroupOwner PG-IAM-2 azurerm_role_assignment\\.GroupOwner ${message.source}`)));
    const file = join(mkdtempSync(join(tmpdir(), 'roles-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(lookupOwner(addLookup).toTerraform()));
    const checked = check('check', file);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out).toContainEqual(expect.stringMatching(new RegExp(`^ {2}ERROR +PG-IAM-2 +azurerm_role_assignment\\.GroupOwner: azurerm_role_assignment\\.GroupOwner ${message.source}`)));
  });
});

describe('a role that reads the administrator password the construct vaults (fourteenth review, A14a-7)', () => {
  const vaulted = (scopeOf: (secret: KeyVaultSecret) => string, role = 'Key Vault Secrets User') => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(scope, 'Postgres', minimalProps({ authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: 'legacy reporting tool without Entra', keyVaultResourceId: KEY_VAULT_ID }) }));
    const secret = postgres.node.findChild('AdministratorPassword').node.findChild('Secret') as KeyVaultSecret;
    const assignment = new RoleAssignment(scope, 'Reads', { scope: scopeOf(secret), roleDefinitionName: role, principalId: PRINCIPAL });
    return { scope, assignment };
  };

  test.each<[string, (secret: KeyVaultSecret) => string]>([
    ['the secret\'s versionless ID', (secret) => secret.resourceVersionlessId],
    ['the secret\'s ID', (secret) => secret.id],
    ['its vault by literal ID', () => KEY_VAULT_ID],
    ['the vault\'s resource group', () => KEY_VAULT_ID.replace(/\/providers\/.*$/, '')],
  ])('Key Vault Secrets User on %s fails synth; suppressed with a reason, it passes', async (_name, scopeOf) => {
    const { scope } = vaulted(scopeOf);
    const errors = synthErrors(scope);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/azurerm_role_assignment\.Reads PG-IAM-2 azurerm_role_assignment\.Reads grants Key Vault Secrets User on .*azurerm_key_vault_secret\.\S+, the Key Vault secret the administrator password is written to, which reads the values of its secrets: its holder reads that password and signs in to the server with it/);
    const { scope: suppressed, assignment } = vaulted(scopeOf);
    PostgresSecurityChecks.suppress(assignment, 'PG-IAM-2', 'break-glass reader of the administrator password, SEC-91');
    expect(synthErrors(suppressed)).toEqual([]);
  });

  test('Key Vault Reader on the secret passes synth', () => {
    expect(synthErrors(vaulted((secret) => secret.id, 'Key Vault Reader').scope)).toEqual([]);
  });
});

describe('an access policy with Backup on the vault of a vaulted password (fifteenth review, A15a-7)', () => {
  const backup = (permissions: string[], administratorPassword = true) => {
    const { stack } = accessStack({}, administratorPassword ? { authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: 'legacy reporting tool without Entra', keyVaultResourceId: KEY_VAULT_ID }) } : {});
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const policy = new KeyVaultAccessPolicyA(stack, 'Policy', { keyVaultId: KEY_VAULT_ID, tenantId: '00000000-0000-0000-0000-0000000000aa', objectId: PRINCIPAL, secretPermissions: permissions });
    return { stack, policy };
  };

  test.each([
    ['the administrator password and a DatabaseAccess member\'s', true],
    ['a DatabaseAccess member\'s password', false],
  ])('["List", "Backup"] on the vault of %s fails synth and check; suppressed with a reason, it passes', (_name, administratorPassword) => {
    const { stack } = backup(['List', 'Backup'], administratorPassword);
    const errors = synthErrors(stack).filter((line) => line.includes(' PG-IAM-2 '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/azurerm_key_vault_access_policy\.Policy PG-IAM-2 azurerm_key_vault_access_policy\.Policy grants Backup on the secrets of the vault of azurerm_key_vault_secret\.\S+, the Key Vault secret the (administrator password|password of a DatabaseAccess member) is written to \(a backup is restored into any vault of the subscription, where its holder reads it\): its principal reads that password/);
    const file = join(mkdtempSync(join(tmpdir(), 'backup-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(stack.toTerraform()));
    expect(check('check', file).code).toBe(EXIT_FINDINGS);
    const { stack: suppressed, policy } = backup(['List', 'Backup'], administratorPassword);
    PostgresSecurityChecks.suppress(policy, 'PG-IAM-2', 'the platform backup principal, SEC-92');
    expect(synthErrors(suppressed).filter((line) => line.includes(' PG-IAM-2 '))).toEqual([]);
  });

  test('List, Set and Restore read no secret\'s value and pass synth', () => {
    expect(synthErrors(backup(['List', 'Set', 'Restore']).stack).filter((line) => line.includes(' PG-IAM-2 '))).toEqual([]);
  });
});
