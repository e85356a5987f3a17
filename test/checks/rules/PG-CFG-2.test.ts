import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { SecureFlexibleServer } from '../../../lib';
import { evaluateStack } from '../../../lib/checks/evaluate';
import { ALL_RULES } from '../../../lib/checks/rules';
import { minimalProps } from '../../helpers';
import { compliantFlexibleServer, FLEXIBLE } from '../rule-harness';

function synthErrors(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

function serverWithLock(): { stack: TerraformStack; lock: TerraformResource } {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ deletionProtection: { lock: true } }));
  return { stack, lock: postgres.node.findChild('DeleteLock') as TerraformResource };
}

test('passes a construct whose resources are as it made them', () => {
  expect(synthErrors(serverWithLock().stack)).toBe('');
});

test.each([['count', 0], ['count', '${var.n}'], ['for_each', { a: 1, b: 2 }]])('fails an override that sets %s on a resource of the construct', (key, value) => {
  const { stack, lock } = serverWithLock();
  lock.addOverride(key, value);
  expect(synthErrors(stack)).toMatch(/azurerm_management_lock\.Postgres_DeleteLock_[0-9A-F]+ PG-CFG-2 the resource, which stack\/Postgres makes, has count or for_each, so an override may remove it or make copies of it\./);
});

test('raw resources with count or for_each, outside the library\'s constructs, are not its concern', () => {
  const terraform = { resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), count: 1, '//': { metadata: { path: 'stack/db' } } } } } };
  expect(evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-2')).toEqual([]);
});

test.each<[string, unknown, string]>([
  ['provisioner', [{ 'local-exec': { command: 'echo' } }], 'a provisioner block'],
  ['connection', { type: 'ssh', host: 'x' }, 'a connection block'],
])('fails an override that sets a %s on a resource of the construct', (key, value, blocks) => {
  const { stack, lock } = serverWithLock();
  lock.addOverride(key, value);
  expect(synthErrors(stack)).toMatch(new RegExp(`azurerm_management_lock\\.Postgres_DeleteLock_[0-9A-F]+ PG-CFG-2 the resource, which stack/Postgres makes, has ${blocks}, so commands no rule reads may change what the construct made\\. Fix: Remove the count, for_each, OpenTofu lifecycle\\.enabled or lifecycle\\.destroy, lifecycle\\.replace_triggered_by, provisioner or connection override; change the construct's props instead\\.`));
});

// OpenTofu 1.11's lifecycle.enabled keeps a resource from being created; its lifecycle.destroy = false forgets it (A15b-16).
test.each<[string, unknown]>([
  ['lifecycle.enabled', false],
  ['lifecycle.enabled', '${var.x}'],
  ['lifecycle.enabled', 'no'],
  ['lifecycle.destroy', false],
  ['lifecycle.forget', true],
])('fails an override that sets %s = %j on a resource of the construct', (key, value) => {
  const { stack, lock } = serverWithLock();
  lock.addOverride(key, value);
  expect(synthErrors(stack)).toMatch(new RegExp(`azurerm_management_lock\\.Postgres_DeleteLock_[0-9A-F]+ PG-CFG-2 the resource, which stack/Postgres makes, has ${key.replace('.', '\\.')}, which OpenTofu reads to not create it or to forget it instead of destroying it \\(or no engine reads yet\\), so an override may remove it unseen\\. Fix: Remove the count, for_each, OpenTofu lifecycle\\.enabled or lifecycle\\.destroy, lifecycle\\.replace_triggered_by, provisioner or connection override; change the construct's props instead\\.`));
});

test.each<[string, unknown]>([['lifecycle.enabled', true], ['lifecycle.destroy', true], ['lifecycle.create_before_destroy', true]])('passes %s = %j on a resource of the construct', (key, value) => {
  const { stack, lock } = serverWithLock();
  lock.addOverride(key, value);
  expect(synthErrors(stack)).toBe('');
});

// 86th run, A86a-2: a server parameter's Create PUTs over the value and its Delete resets it to Azure's default, so with
// create_before_destroy a replacement (replace_triggered_by at every apply) ends with the parameter reset, whatever the JSON says.
describe('create_before_destroy on a type whose destroy undoes the object the new instance took over (A86a-1/2)', () => {
  const parameterWith = (lifecycle: object) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const parameter = postgres.node.findChild('Parameter-pgaudit.log') as TerraformResource;
    parameter.addOverride('lifecycle', lifecycle);
    return { stack, parameter };
  };
  test.each([
    [{ create_before_destroy: true, replace_triggered_by: ['terraform_data.every_apply'] }],
    [{ create_before_destroy: true }],
    [{ create_before_destroy: '${var.cbd}' }],
  ])('a construct\'s server parameter with %j fails', (lifecycle) => {
    const { stack } = parameterWith(lifecycle);
    expect(synthErrors(stack)).toMatch(/azurerm_postgresql_flexible_server_configuration\.Postgres_Parameter-pgauditlog_[0-9A-F]+ PG-CFG-2 the resource, which stack\/Postgres makes, has lifecycle\.create_before_destroy, so a replacement creates it over the object that exists and then the old instance's destroy undoes it/);
  });
  test('create_before_destroy = false passes', () => {
    expect(synthErrors(parameterWith({ create_before_destroy: false }).stack)).toBe('');
  });
});

// N75-11: replace_triggered_by destroys a construct's resource and creates it again whenever what it lists changes; a trigger that
// changes at every apply (terraform_data of timestamp()) takes the deny rule, a parameter or the diagnostic setting away at every apply.
describe('replace_triggered_by on a resource of the construct (N75-11)', () => {
  test.each<[string, unknown]>([
    ['a terraform_data that changes at each apply', ['terraform_data.every_apply']],
    ['a reference to an attribute', ['azurerm_resource_group.rg.id']],
    ['a variable', '${var.triggers}'],
  ])('fails with %s', (_, value) => {
    const { stack, lock } = serverWithLock();
    lock.addOverride('lifecycle.replace_triggered_by', value);
    expect(synthErrors(stack)).toMatch(/azurerm_management_lock\.Postgres_DeleteLock_[0-9A-F]+ PG-CFG-2 the resource, which stack\/Postgres makes, has lifecycle\.replace_triggered_by, so another resource's change destroys it and creates it again, with the control it holds gone in between \(at every apply under a trigger that changes each time\)\./);
  });
  test('on a server parameter, beside create_before_destroy, both are named', () => {
    const parameter = new SecureFlexibleServer(new TerraformStack(Testing.app(), 'stack'), 'Postgres', minimalProps()).node.findChild('Parameter-pgaudit.log') as TerraformResource;
    new AzurermProvider(parameter.node.scope!.node.scope!, 'azurerm', { features: [{}] });
    parameter.addOverride('lifecycle', { create_before_destroy: true, replace_triggered_by: ['terraform_data.every_apply'] });
    const errors = synthErrors(parameter.node.scope!.node.scope as TerraformStack);
    expect(errors).toMatch(/has lifecycle\.create_before_destroy, so a replacement creates it over the object that exists .*; it has lifecycle\.replace_triggered_by, so another resource's change destroys it/);
  });
  test.each<[string, unknown]>([['an empty list', []], ['null', null]])('passes %s, which replaces on nothing', (_, value) => {
    const { stack, lock } = serverWithLock();
    lock.addOverride('lifecycle.replace_triggered_by', value);
    expect(synthErrors(stack)).toBe('');
  });
  test('a raw resource of the user\'s own with replace_triggered_by is not its concern', () => {
    const terraform = { resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), lifecycle: { prevent_destroy: true, replace_triggered_by: ['terraform_data.x'] }, '//': { metadata: { path: 'stack/db' } } } } } };
    expect(evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-2')).toEqual([]);
  });
});
