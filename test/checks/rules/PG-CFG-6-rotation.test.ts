import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { EXIT_FINDINGS, EXIT_OK } from '../../../lib/cli/check-command';
import { FlexibleServerAuthentication, SecureFlexibleServer, SecureSingleServer } from '../../../lib';
import { check } from '../../cli/cli-harness';
import { KEY_VAULT_ID, minimalProps, minimalSingleProps, newStack, synthErrors } from '../../helpers';
import { accessStack } from '../../support/database-fixture';

// A10a-5, A10b-4 and A10a-12 (tenth review): every attribute a generated password's rotation
// depends on is pinned on every resource of the chain (the server's or role's write-only version
// and value, the vault secret's version, the member's time_rotating schedule), and none of them
// may be ignored: a held-back version keeps the old password on the server while the vault holds
// the new one. PG-CFG-6 fails it in synth and in `check`.

const FIX = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';
const REASON = 'Billing vendor appliance cannot use Entra ID (SEC-517)';

const addressOf = (stack: TerraformStack, resource: TerraformResource) => `${resource.terraformResourceType}.${stack.getLogicalId(resource)}`;
const pinLines = (lines: readonly string[]) => lines.filter((text) => text.includes('PG-CFG-6'));

/** The PG-CFG-6 line synth prints for a resource, and the same finding as `check` prints it. */
function lines(stack: TerraformStack, address: string, message: string): { synth: string; checked: string } {
  return { synth: `  [${stack.node.id}] ${address} PG-CFG-6 ${message} ${FIX}`, checked: `  ERROR      PG-CFG-6   ${address}: ${message} ${FIX}` };
}

/** `check` on the JSON the stack writes (no synth validation): its exit code and the PG-CFG-6 lines it printed. */
function checkWritten(stack: TerraformStack): { code: number; pins: string[] } {
  const file = join(mkdtempSync(join(tmpdir(), 'rotation-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(stack.toTerraform()));
  const { code, out } = check('check', file);
  return { code, pins: pinLines(out) };
}

/** Synth and `check` both print exactly this PG-CFG-6 finding. */
function expectFinding(stack: TerraformStack, resource: TerraformResource, message: string): void {
  const expected = lines(stack, addressOf(stack, resource), message);
  expect(pinLines(synthErrors(stack))).toEqual([expected.synth]);
  const checked = checkWritten(stack);
  expect(checked.code).toBe(EXIT_FINDINGS);
  expect(checked.pins).toEqual([expected.checked]);
}

function flexibleStack(): { stack: TerraformStack; postgres: SecureFlexibleServer; child: (path: string) => TerraformResource } {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const authentication = FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON, passwordVersion: 3, keyVaultResourceId: KEY_VAULT_ID });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ authentication }));
  const child = (path: string) => path.split('/').reduce((scope, id) => scope.node.findChild(id), postgres as never as { node: { findChild(id: string): never } }) as unknown as TerraformResource;
  return { stack, postgres, child };
}

describe('the administrator password of a SecureFlexibleServer (A10a-5, A10b-4)', () => {
  test('as the construct wrote it, with the zones and tags ignored, it passes synth and check', () => {
    const { stack, postgres } = flexibleStack();
    postgres.server.addOverride('lifecycle.ignore_changes', ['zone', 'high_availability[0].standby_availability_zone', 'tags']);
    expect(synthErrors(stack)).toEqual([]);
    expect(checkWritten(stack).code).toBe(EXIT_OK);
  });

  test.each<[string, unknown, string, string]>([
    ['administrator_password_wo_version', 2, '2', 'set 3'],
    ['administrator_password_wo_version', '${var.version}', '"${var.version}"', 'set 3'],
    ['administrator_password_wo', '${random_password.mine.result}', '"${random_password.mine.result}"', 'set "${random_password.Postgres_AdministratorPassword_5805CB74.result}"'],
    ['administrator_password', '${random_password.mine.result}', '"${random_password.mine.result}"', 'leave it unset'],
  ])('the server\'s %s overridden to %j fails synth and check', (attribute, written, shown, was) => {
    const { stack, postgres } = flexibleStack();
    postgres.server.addOverride(attribute, written);
    const expected = lines(stack, addressOf(stack, postgres.server), `${attribute} is ${shown}, where the construct's props ${was}.`);
    expect(pinLines(synthErrors(stack))).toEqual([expected.synth]);
    expect(checkWritten(stack).pins).toEqual([expected.checked]);
  });

  test.each([
    [['zone', 'administrator_password_wo_version'], '"administrator_password_wo_version"', 'administrator_password_wo_version'],
    [['administrator_password_wo'], '"administrator_password_wo"', 'administrator_password_wo'],
  ])('the server\'s lifecycle.ignore_changes %j fails synth and check', (ignored, entries, names) => {
    const { stack, postgres } = flexibleStack();
    postgres.server.addOverride('lifecycle.ignore_changes', ignored);
    expectFinding(stack, postgres.server, `lifecycle.ignore_changes holds ${entries}, so Terraform would never apply a change the construct's props make to ${names}.`);
  });

  test('the vault secret\'s value_wo_version held back fails synth and check', () => {
    const { stack, child } = flexibleStack();
    const secret = child('AdministratorPassword/Secret');
    secret.addOverride('value_wo_version', 2);
    expectFinding(stack, secret, 'value_wo_version is 2, where the construct\'s props set 3.');
  });

  test('the vault secret\'s value_wo_version ignored fails synth and check', () => {
    const { stack, child } = flexibleStack();
    const secret = child('AdministratorPassword/Secret');
    secret.addOverride('lifecycle.ignore_changes', 'all');
    expectFinding(stack, secret, 'lifecycle.ignore_changes holds "all", so Terraform would never apply a change the construct\'s props make to key_vault_id, name, value_wo, value_wo_version.');
  });

  test.each([
    ['value_wo_version # rotation handled by hand\n', 'value_wo_version'],
    ['/* c */value_wo_version', 'value_wo_version'],
    ['/*c*/all', 'key_vault_id, name, value_wo, value_wo_version'],
  ])('the vault secret\'s ignore_changes %j, a spelling Terraform reads as the plain one, fails synth and check (A11b-6)', (entry, names) => {
    const { stack, child } = flexibleStack();
    const secret = child('AdministratorPassword/Secret');
    secret.addOverride('lifecycle.ignore_changes', entry.includes('all') ? entry : [entry]);
    expectFinding(stack, secret, `lifecycle.ignore_changes holds ${JSON.stringify(entry)}, so Terraform would never apply a change the construct's props make to ${names}.`);
  });

  test('an Entra-only server given a password by override fails: the props left it unset', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('administrator_password_wo_version', 1);
    expect(pinLines(synthErrors(stack))).toEqual([lines(stack, addressOf(stack, postgres.server), 'administrator_password_wo_version is 1, where the construct\'s props leave it unset.').synth]);
  });
});

describe('the administrator password of a SecureSingleServer (A10a-5)', () => {
  function singleStack(): { stack: TerraformStack; postgres: SecureSingleServer } {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    return { stack, postgres: new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ passwordVersion: 4 })) };
  }

  test('as the construct wrote it, it passes synth', () => {
    expect(synthErrors(singleStack().stack)).toEqual([]);
  });

  test('administrator_login_password_wo_version held back fails synth and check', () => {
    const { stack, postgres } = singleStack();
    postgres.server.addOverride('administrator_login_password_wo_version', 3);
    expectFinding(stack, postgres.server, 'administrator_login_password_wo_version is 3, where the construct\'s props set 4.');
  });

  test('administrator_login_password_wo_version ignored fails synth and check', () => {
    const { stack, postgres } = singleStack();
    postgres.server.addOverride('lifecycle.ignore_changes', ['tags', 'administrator_login_password_wo_version']);
    expectFinding(stack, postgres.server, 'lifecycle.ignore_changes holds "administrator_login_password_wo_version", so Terraform would never apply a change the construct\'s props make to administrator_login_password_wo_version.');
  });
});

describe('the rotation of a DatabaseAccess password member (A10a-12)', () => {
  function memberStack(): { stack: TerraformStack; member: (id: string) => TerraformResource } {
    const { stack, access } = accessStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    return { stack, member: (id) => access.node.findChild('PasswordRole-billing_vendor').node.findChild(id) as TerraformResource };
  }

  test('as the construct wrote it, it passes synth', () => {
    expect(synthErrors(memberStack().stack)).toEqual([]);
  });

  test.each<[string, (stack: TerraformStack) => unknown, string]>([
    ['rfc3339', () => '2099-01-01T00:00:00Z', '"2099-01-01T00:00:00Z"'],
    ['rfc3339', (stack) => new TerraformVariable(stack, 'start', { type: 'string' }).stringValue, '"${var.start}"'],
    ['rotation_rfc3339', () => '2099-01-01T00:00:00Z', '"2099-01-01T00:00:00Z"'],
    ['rotation_years', () => 1, '1'],
  ])('the rotation\'s %s set by override fails synth and check', (attribute, value, shown) => {
    const { stack, member } = memberStack();
    const rotation = member('Rotation');
    rotation.addOverride(attribute, value(stack));
    const message = `${attribute} is ${shown}, where the construct's props leave it unset.`;
    const expected = lines(stack, addressOf(stack, rotation), message);
    expect(pinLines(synthErrors(stack))).toEqual([expected.synth]);
    expect(checkWritten(stack).pins).toEqual([expected.checked]);
  });

  test('the rotation\'s period lengthened fails synth and check', () => {
    const { stack, member } = memberStack();
    const rotation = member('Rotation');
    rotation.addOverride('rotation_days', 365);
    expectFinding(stack, rotation, 'rotation_days is 365, where the construct\'s props set 90.');
  });

  test('the rotation ignored fails synth and check', () => {
    const { stack, member } = memberStack();
    const rotation = member('Rotation');
    rotation.addOverride('lifecycle.ignore_changes', ['rfc3339']);
    expectFinding(stack, rotation, 'lifecycle.ignore_changes is ["rfc3339"], where the construct\'s props leave it unset.');
  });

  test('the role\'s password re-pointed at another generated password fails synth and check', () => {
    const { stack, member } = memberStack();
    const role = member('Role');
    role.addOverride('password_wo', '${random_password.fixed.result}');
    expect(pinLines(synthErrors(stack))).toEqual([
      lines(stack, addressOf(stack, role), `password_wo is "\${random_password.fixed.result}", where the construct's props set "\${${addressOf(stack, member('Password'))}.result}".`).synth,
    ]);
  });

  test('the vault secret\'s version ignored fails synth and check', () => {
    const { stack, member } = memberStack();
    const secret = member('Secret');
    secret.addOverride('lifecycle.ignore_changes', ['value_wo_version']);
    expectFinding(stack, secret, 'lifecycle.ignore_changes holds "value_wo_version", so Terraform would never apply a change the construct\'s props make to value_wo_version.');
  });
});
