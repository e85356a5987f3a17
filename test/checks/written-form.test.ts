import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { writtenForm } from '../../lib/checks/written-form';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// Adversarial run of stop 71: the checks judged the object toTerraform() returned, cdktf writes its serialization. A value whose
// toJSON differs from its own keys (a Date subclass, which cdktf's resolve passes untouched), or an object edited in place after
// the judgement, was written unjudged.

/** A Date (passed through by cdktf's resolve) whose own keys say one thing and whose toJSON writes another. */
class TwoFaced extends Date {
  constructor(seen: object, written: unknown) {
    super(0);
    Object.assign(this, seen);
    Object.defineProperty(this, 'toJSON', { value: () => written });
  }
}

const TENANT = '22222222-2222-2222-2222-222222222222';

test('the written form is the serialization read back, frozen all the way down', () => {
  const form = writtenForm({ a: [new TwoFaced({ secure: true }, { secure: false })], b: { c: 1 } });
  expect(form).toEqual({ a: [{ secure: false }], b: { c: 1 } });
  expect(Object.isFrozen(form) && Object.isFrozen(form.a) && Object.isFrozen((form.a as object[])[0]) && Object.isFrozen(form.b)).toBe(true);
});

test('an override whose toJSON writes password sign-in fails synth (A71-12)', () => {
  const stack = providerStack();
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  server.server.addOverride('authentication', [new TwoFaced(
    { active_directory_auth_enabled: true, password_auth_enabled: false, tenant_id: TENANT },
    { active_directory_auth_enabled: true, password_auth_enabled: true, tenant_id: TENANT },
  )]);
  const errors = synthErrors(stack);
  expect(errors).toContainEqual(expect.stringContaining('PGF-IAM-3'));
});

test('a stack-level override whose toJSON writes an Owner role assignment on the server fails synth (A71-11)', () => {
  const stack = providerStack();
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride('resource.azurerm_role_assignment', [new TwoFaced({}, {
    owner: { scope: `\${${server.server.terraformResourceType}.${server.server.friendlyUniqueId}.id}`, role_definition_name: 'Owner', principal_id: '66666666-6666-6666-6666-666666666666' },
  })]);
  expect(synthErrors(stack)).toContainEqual(expect.stringContaining('PG-IAM-2'));
});

test('a validation after the checks that edits the converted JSON in place changes nothing written (A71-8)', () => {
  class KeepingStack extends TerraformStack {
    public last?: { resource: { [type: string]: { [name: string]: { [key: string]: unknown } } } };
    public toTerraform(): any {
      const converted = super.toTerraform();
      this.last = converted;
      return converted;
    }
  }
  const outdir = mkdtempSync(join(tmpdir(), 'written-form-'));
  const app = new App({ outdir });
  const stack = new KeepingStack(app, 'orders');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  let edited = 0;
  server.node.addValidation({
    validate: () => {
      for (const body of Object.values(stack.last?.resource.azurerm_postgresql_flexible_server ?? {})) {
        body.public_network_access_enabled = true;
        edited++;
      }
      return [];
    },
  });
  app.synth();
  expect(edited).toBe(1);
  const written = JSON.parse(readFileSync(join(outdir, 'stacks', 'orders', 'cdk.tf.json'), 'utf8'));
  expect(Object.values(written.resource.azurerm_postgresql_flexible_server as { [name: string]: { [key: string]: unknown } }).map((body) => body.public_network_access_enabled)).toEqual([false]);
});

// Adversarial run of stop 71, B71-9: another stack of the app was judged as built, not as written.
test('another stack is judged as cdktf writes it: a provider whose toJSON names the server\'s subscription fails the group guard', () => {
  const [same, other] = ['00000000-0000-0000-0000-000000000000', '11111111-1111-1111-1111-111111111111'];
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'written-form-')) });
  const platform = new TerraformStack(app, 'platform');
  new AzurermProvider(platform, 'azurerm', { features: [{ resourceGroup: [{ preventDeletionIfContainsResources: false }] }], subscriptionId: same });
  new ResourceGroup(platform, 'Orders', { name: 'rg-orders', location: 'westeurope' });
  const data = new TerraformStack(app, 'data');
  new AzurermProvider(data, 'azurerm', { features: [{}], alias: 'spare', subscriptionId: same });
  new SecureFlexibleServer(data, 'Postgres', minimalProps({ resourceGroupName: 'rg-orders' }));
  data.addOverride('provider.azurerm', [new TwoFaced({ features: [{}], subscription_id: other }, { features: [{}], subscription_id: same })]);
  expect(() => app.synth()).toThrow(/\[platform\] azurerm_resource_group\.Orders PGF-DEL-1/);
});
