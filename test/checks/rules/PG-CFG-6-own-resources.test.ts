import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { EXIT_FINDINGS, EXIT_OK } from '../../../lib/cli/check-command';
import { EntraPrincipalType, FlexibleServerAuthentication, FlexibleServerNetwork, RoleDefinition, SecureFlexibleServer } from '../../../lib';
import { check } from '../../cli/cli-harness';
import { KEY_VAULT_ID, minimalProps, MONITORING_SECURITY_RULE, newStack, synthErrors, VNET_ID } from '../../helpers';
import { accessStack } from '../../support/database-fixture';

// A4-10, A4-4 and A5-4: the rules of the network security group the construct made, the Key Vault
// secrets it writes generated passwords to and the principals of its role assignments are pinned:
// an override of what a rule matches or does, of the vault, name or value of a secret, or of whom
// an assignment grants its role to, fails PG-CFG-6 in synth and in `check`, and a literal secret
// written there is named, never printed.

const FIX = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';
const OTHER_VAULT = '/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.KeyVault/vaults/kv-elsewhere';
const SECRET = 'Literal-Secret-7c1f2e9a';
const REASON = 'Billing vendor appliance cannot use Entra ID (SEC-517)';

const addressOf = (stack: TerraformStack, resource: TerraformResource) => `${resource.terraformResourceType}.${stack.getLogicalId(resource)}`;
const pinLines = (lines: readonly string[]) => lines.filter((text) => text.includes('PG-CFG-6'));

/** The PG-CFG-6 line synth prints for a pinned attribute written otherwise ("shown" as the message shows it). */
function line(stack: TerraformStack, address: string, attribute: string, shown: string, pinned: unknown): string {
  const was = pinned === null ? 'leave it unset' : `set ${JSON.stringify(pinned)}`;
  return `  [${stack.node.id}] ${address} PG-CFG-6 ${attribute} is ${shown}, where the construct's props ${was}. ${FIX}`;
}

/** The same finding as `check` prints it. */
const asChecked = (stack: TerraformStack, address: string, text: string) => text.replace(`  [${stack.node.id}] ${address} PG-CFG-6 `, `  ERROR      PG-CFG-6   ${address}: `);

/** `check` on the JSON the stack writes (no synth validation): its exit code and every line it printed. */
function checkWritten(json: unknown): { code: number; out: string[] } {
  const file = join(mkdtempSync(join(tmpdir(), 'own-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(json));
  const { code, out } = check('check', file);
  return { code, out };
}

describe('the rules of the construct\'s network security group (A4-10)', () => {
  function nsgStack(): { stack: TerraformStack; rule: (name: string) => TerraformResource } {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const network = FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', additionalSecurityRules: [MONITORING_SECURITY_RULE] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network }));
    return { stack, rule: (name) => postgres.node.findChild(`SecurityRule-${name}`) as TerraformResource };
  }

  test('as the construct wrote them they pass synth and check', () => {
    const { stack } = nsgStack();
    expect(synthErrors(stack)).toEqual([]);
    expect(checkWritten(stack.toTerraform()).code).toBe(EXIT_OK);
  });

  test.each<[string, string, unknown, unknown]>([
    ['DenyAllInbound', 'destination_port_range', '*', '22'],
    ['DenyAllInbound', 'source_address_prefix', '*', '10.0.0.1'],
    ['DenyAllInbound', 'direction', 'Inbound', 'Outbound'],
    ['DenyAllInbound', 'access', 'Deny', 'Allow'],
    ['DenyAllInbound', 'priority', 4096, 100],
    ['DenyAllInbound', 'protocol', '*', 'Icmp'],
    ['DenyAllInbound', 'destination_address_prefix', '*', '10.9.9.9'],
    ['DenyAllInbound', 'network_security_group_name', '${azurerm_network_security_group.Postgres_SecurityGroup_46BC35B3.name}', 'nsg-unused'],
    ['AllowPostgresFrom-VirtualNetwork', 'destination_port_range', '5432', '*'],
    ['AllowPostgresFrom-VirtualNetwork', 'source_address_prefixes', null, ['0.0.0.0/0']],
    ['AllowPostgresFrom-VirtualNetwork', 'destination_port_ranges', null, ['22', '5432']],
    [MONITORING_SECURITY_RULE.name, 'destination_address_prefix', MONITORING_SECURITY_RULE.destinationAddressPrefix, '*'],
  ])('%s: %s overridden fails synth and check', (name, attribute, was, written) => {
    const { stack, rule } = nsgStack();
    rule(name).addOverride(attribute, written);
    const address = addressOf(stack, rule(name));
    const expected = line(stack, address, attribute, JSON.stringify(written), was);
    expect(pinLines(synthErrors(stack))).toEqual([expected]);
    const checked = checkWritten(stack.toTerraform());
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(pinLines(checked.out)).toEqual([asChecked(stack, address, expected)]);
  });

  test('the construct\'s DenyAllInbound removed from the JSON fails check: the pin list names it', () => {
    const { stack, rule } = nsgStack();
    const address = addressOf(stack, rule('DenyAllInbound'));
    const json = JSON.parse(JSON.stringify(stack.toTerraform()));
    delete json.resource.azurerm_network_security_rule[address.split('.')[1]];
    const checked = checkWritten(json);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(pinLines(checked.out)).toEqual([
      `  ERROR      PG-CFG-6   azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78: test/Postgres/SecurityRule-DenyAllInbound, which the construct of azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 makes, is not in the JSON: what it guarded goes with it. ${FIX}`,
    ]);
  });
});

describe('the Key Vault secret of the generated administrator password (A4-4)', () => {
  function passwordStack(): { stack: TerraformStack; secret: TerraformResource; address: string } {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const authentication = FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON, keyVaultResourceId: KEY_VAULT_ID });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ authentication }));
    const secret = postgres.node.findChild('AdministratorPassword').node.findChild('Secret') as TerraformResource;
    return { stack, secret, address: addressOf(stack, secret) };
  }
  const GENERATED = '${random_password.Postgres_AdministratorPassword_5805CB74.result}';

  test('as the construct wrote it, it passes synth and check', () => {
    const { stack } = passwordStack();
    expect(synthErrors(stack)).toEqual([]);
    expect(checkWritten(stack.toTerraform()).code).toBe(EXIT_OK);
  });

  test.each<[string, unknown, string, unknown]>([
    ['key_vault_id', OTHER_VAULT, JSON.stringify(OTHER_VAULT), KEY_VAULT_ID],
    ['name', 'pg-admin', '"pg-admin"', 'orders-db-administrator-password'],
    ['value_wo', SECRET, 'written as text (not shown: it holds a secret)', GENERATED],
    ['value_wo', `x${GENERATED}`, 'written as text (not shown: it holds a secret)', GENERATED],
    ['value_wo', '${var.other}', '"${var.other}"', GENERATED],
    ['value', SECRET, 'written as text (not shown: it holds a secret)', null],
    ['value', GENERATED, JSON.stringify(GENERATED), null],
  ])('%s overridden to %j fails synth and check, and a literal secret is never printed', (attribute, written, shown, was) => {
    const { stack, secret, address } = passwordStack();
    secret.addOverride(attribute, written);
    const expected = line(stack, address, attribute, shown, was);
    const errors = synthErrors(stack);
    expect(pinLines(errors)).toEqual([expected]);
    expect(errors.join('\n')).not.toContain(SECRET);
    const checked = checkWritten(stack.toTerraform());
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(pinLines(checked.out)).toEqual([asChecked(stack, address, expected)]);
    expect(checked.out.join('\n')).not.toContain(SECRET);
  });
});

describe('whom a roleAssignments item grants its role to (A5-4)', () => {
  const PIPELINE = '12345678-1234-1234-1234-123456789abc';
  function roleStack(): { stack: TerraformStack; assignment: TerraformResource; address: string } {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const roleAssignments = [{ role: RoleDefinition.builtIn('Contributor'), principalId: PIPELINE, principalType: EntraPrincipalType.SERVICE_PRINCIPAL, justification: REASON }];
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments }));
    const assignment = postgres.node.findChild('RoleAssignment0') as TerraformResource;
    return { stack, assignment, address: addressOf(stack, assignment) };
  }

  test('as the construct wrote it, the justified assignment passes synth and check', () => {
    const { stack } = roleStack();
    expect(synthErrors(stack)).toEqual([]);
    expect(checkWritten(stack.toTerraform()).code).toBe(EXIT_OK);
  });

  test.each<[string, unknown, unknown]>([
    ['principal_id', 'bbbbbbbb-1111-2222-3333-444444444444', PIPELINE],
    ['principal_type', 'User', 'ServicePrincipal'],
    ['delegated_managed_identity_resource_id', '/subscriptions/x/resourceGroups/y/providers/Microsoft.ManagedIdentity/userAssignedIdentities/z', null],
  ])('%s overridden fails synth and check: the justification covers one principal', (attribute, written, was) => {
    const { stack, assignment, address } = roleStack();
    assignment.addOverride(attribute, written);
    const expected = line(stack, address, attribute, JSON.stringify(written), was);
    expect(pinLines(synthErrors(stack))).toEqual([expected]);
    const checked = checkWritten(stack.toTerraform());
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(pinLines(checked.out)).toEqual([asChecked(stack, address, expected)]);
  });
});

test('the Key Vault secret of a DatabaseAccess password member is pinned to its server (A4-4)', () => {
  const { stack, access } = accessStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  expect(synthErrors(stack)).toEqual([]);
  const secret = access.node.findChild('PasswordRole-billing_vendor').node.findChild('Secret') as TerraformResource;
  secret.addOverride('key_vault_id', OTHER_VAULT);
  const address = addressOf(stack, secret);
  const expected = line(stack, address, 'key_vault_id', JSON.stringify(OTHER_VAULT), KEY_VAULT_ID);
  expect(pinLines(synthErrors(stack))).toEqual([expected]);
  expect(pinLines(checkWritten(stack.toTerraform()).out)).toEqual([asChecked(stack, address, expected)]);
});

// Adversarial run of stop 67: the member's secret expires with the role's password (docs/database-access.md); removing the expiry
// or moving it later, by an override or the class's setter, left the password in the vault for good with no finding.
describe('the expiry of a DatabaseAccess password member\'s Key Vault secret', () => {
  const EXPIRY = '${timeadd(time_rotating.OrdersAccess_PasswordRole-billing_vendor_Rotation_D7BDD684.rotation_rfc3339, "168h")}';
  function memberSecret(): { stack: TerraformStack; secret: TerraformResource; address: string } {
    const { stack, access } = accessStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const secret = access.node.findChild('PasswordRole-billing_vendor').node.findChild('Secret') as TerraformResource;
    return { stack, secret, address: addressOf(stack, secret) };
  }

  test('as the construct wrote it, it passes synth, and the JSON holds the expiry of the role\'s password', () => {
    const { stack, secret, address } = memberSecret();
    expect(synthErrors(stack)).toEqual([]);
    const [type, name] = address.split('.');
    expect((stack.toTerraform() as any).resource[type][name].expiration_date).toBe(EXPIRY);
    expect(secret.terraformResourceType).toBe('azurerm_key_vault_secret');
  });

  test.each<[string, (secret: TerraformResource) => void, string]>([
    ['removed by an override', (secret) => secret.addOverride('expiration_date', null), 'unset'],
    ['moved to 2999 by an override', (secret) => secret.addOverride('expiration_date', '2999-12-31T00:00:00Z'), '"2999-12-31T00:00:00Z"'],
    ['reset by the class\'s setter', (secret) => (secret as any).resetExpirationDate(), 'unset'],
  ])('%s fails synth and check', (_label, weaken, shown) => {
    const { stack, secret, address } = memberSecret();
    weaken(secret);
    const expected = line(stack, address, 'expiration_date', shown, EXPIRY);
    expect(pinLines(synthErrors(stack))).toEqual([expected]);
    const checked = checkWritten(stack.toTerraform());
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(pinLines(checked.out)).toEqual([asChecked(stack, address, expected)]);
  });

  test('the administrator password\'s secret sets no expiry, and one added (as Azure Policy asks) passes', () => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const authentication = FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON, keyVaultResourceId: KEY_VAULT_ID });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ authentication }));
    const secret = postgres.node.findChild('AdministratorPassword').node.findChild('Secret') as TerraformResource;
    secret.addOverride('expiration_date', '2027-06-30T00:00:00Z');
    expect(synthErrors(stack)).toEqual([]);
  });
});

describe('the rotation of the generated passwords (A9-4)', () => {
  function memberStack(): { stack: TerraformStack; password: TerraformResource; role: TerraformResource } {
    const { stack, access } = accessStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const member = access.node.findChild('PasswordRole-billing_vendor');
    return { stack, password: member.node.findChild('Password') as TerraformResource, role: member.node.findChild('Role') as TerraformResource };
  }
  /** An attribute as the stack writes it before any override. */
  const writtenBefore = (stack: TerraformStack, resource: TerraformResource, attribute: string): unknown =>
    (stack.toTerraform() as { resource: { [type: string]: { [id: string]: { [name: string]: unknown } } } }).resource[resource.terraformResourceType][stack.getLogicalId(resource)][attribute];

  test('as the constructs wrote them, the member\'s and the administrator\'s passwords pass synth and check', () => {
    const { stack } = memberStack();
    expect(synthErrors(stack)).toEqual([]);
    expect(checkWritten(stack.toTerraform()).code).toBe(EXIT_OK);
  });

  test.each<[string, 'password' | 'role', string, unknown, string]>([
    ['the member\'s keepers made constant', 'password', 'keepers', { rotation: 'static' }, JSON.stringify({ rotation: 'static' })],
    ['the member\'s keepers deleted', 'password', 'keepers', null, 'unset'],
    ['the member\'s keepers ignored', 'password', 'lifecycle.ignore_changes', ['keepers'], JSON.stringify(['keepers'])],
    ['the member\'s expiry a literal', 'role', 'valid_until', '2099-01-01 00:00:00+00', JSON.stringify('2099-01-01 00:00:00+00')],
    ['the member\'s password version ignored', 'role', 'lifecycle.ignore_changes', ['password_wo_version'], JSON.stringify(['password_wo_version'])],
  ])('%s fails synth and check', (_name, which, attribute, written, shown) => {
    const made = memberStack();
    const resource = made[which];
    const pinned = attribute === 'lifecycle.ignore_changes' ? null : writtenBefore(made.stack, resource, attribute);
    resource.addOverride(attribute, written);
    const address = addressOf(made.stack, resource);
    const expected = line(made.stack, address, attribute, shown, pinned);
    expect(pinLines(synthErrors(made.stack))).toEqual([expected]);
    expect(pinLines(checkWritten(made.stack.toTerraform()).out)).toEqual([asChecked(made.stack, address, expected)]);
  });

  test('the administrator password\'s keepers pinned to another version fail synth and check', () => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const authentication = FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON, passwordVersion: 2 });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ authentication }));
    const password = postgres.node.findChild('AdministratorPassword').node.findChild('Password') as TerraformResource;
    expect(synthErrors(stack)).toEqual([]);
    password.addOverride('keepers', { version: '1' });
    const address = addressOf(stack, password);
    const expected = line(stack, address, 'keepers', JSON.stringify({ version: '1' }), { version: '2' });
    expect(pinLines(synthErrors(stack))).toEqual([expected]);
    expect(pinLines(checkWritten(stack.toTerraform()).out)).toEqual([asChecked(stack, address, expected)]);
  });
});

// A81-17: an override could give an Entra role a valid_until (which audit-roles reads as a password's) or move pgaudit to another
// schema or version, with no finding: those arguments DatabaseAccess leaves unset are pinned.
describe('the arguments DatabaseAccess leaves unset on its roles and pgaudit extension (A81-17)', () => {
  test.each<[string, string[], string, unknown]>([
    ['an Entra login role\'s valid_until', ['Role-orders_app', 'Role'], 'valid_until', 'infinity'],
    ['a group role\'s valid_until', ['Database-orders', 'Group-owner'], 'valid_until', '2099-01-01'],
    ['the pgaudit extension\'s schema', ['Database-orders', 'Pgaudit'], 'schema', 'evil'],
    ['the pgaudit extension\'s version', ['Database-orders', 'Pgaudit'], 'version', '1.0'],
    ['the pgaudit extension\'s drop_cascade', ['Database-orders', 'Pgaudit'], 'drop_cascade', true],
  ])('%s added by an override fails synth and check', (_name, path, attribute, written) => {
    const { stack, access } = accessStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    expect(pinLines(synthErrors(stack))).toEqual([]);
    const resource = path.reduce<IConstruct>((scope, id) => scope.node.findChild(id), access) as TerraformResource;
    resource.addOverride(attribute, written);
    const address = addressOf(stack, resource);
    const expected = line(stack, address, attribute, JSON.stringify(written), null);
    expect(pinLines(synthErrors(stack))).toEqual([expected]);
    const checked = checkWritten(stack.toTerraform());
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(pinLines(checked.out)).toEqual([asChecked(stack, address, expected)]);
  });
});
