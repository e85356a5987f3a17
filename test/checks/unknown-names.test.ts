import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { Unknown } from '../../lib/checks/hcl-expression';
import { mayBeName } from '../../lib/checks/unknown-names';
import { minimalProps, newStack, synthErrors } from '../helpers';
import { raw } from './beside-fixtures';

// A resource group the stack makes whose name is known only at apply time may be the server's (twenty-first review, A21a-4);
// count.index is read per index as each.key is.

describe('mayBeName', () => {
  const later = (spelling: string, choices?: unknown[]) => new Unknown(spelling, ['var.x'], spelling, choices as never);
  test.each([
    ['a literal of another case and a final dot', 'RG-Orders.', true],
    ['another literal', 'rg-app', false],
    ['a variable', later('${var.x}'), true],
    ['a template whose literal parts may spell it', later('rg-${var.env}'), true],
    ['a template whose literal parts cannot', later('app-${var.env}'), false],
    ['a template around it', later('${var.p}orders${var.s}'), true],
    ['a directive', later('rg-%{ if var.x }orders%{ endif }'), true],
    ['choices one of which is it', later('${each.value}', ['rg-app', 'rg-orders']), true],
    ['choices none of which is it', later('${each.value}', ['rg-app', 'rg-app2']), false],
    ['a choice known only later', later('${each.value}', ['rg-app', later('${var.y}')]), true],
    ['a number', 7, false],
  ])('%s: %s', (_what, value, expected) => {
    expect(mayBeName(value, 'rg-orders')).toBe(expected);
  });
});

/** The server in rg-orders, a resource group the stack makes (the arguments given) and a role on the scope given. */
function groupAndRole(group: Record<string, unknown>, scope: string, role: Record<string, unknown> = {}, locals?: Record<string, unknown>): TerraformStack {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new TerraformVariable(stack, 'rg_name', { type: 'string' });
  new TerraformVariable(stack, 'env', { type: 'string' });
  if (locals !== undefined) stack.addOverride('locals', locals);
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  raw(stack, 'azurerm_resource_group', 'rg', { location: 'westeurope', ...group });
  raw(stack, 'azurerm_role_assignment', 'ra', { scope, role_definition_name: 'Contributor', principal_id: 'abcdefab-1111-2222-3333-444444444444', ...role });
  return stack;
}

const iam2 = (stack: TerraformStack) => synthErrors(stack).filter((line) => line.includes('PG-IAM-2'));
const fails = (stack: TerraformStack) => expect(iam2(stack).join('\n')).toContain('azurerm_role_assignment.ra grants Contributor on');
const passes = (stack: TerraformStack) => expect(iam2(stack)).toEqual([]);

describe('a resource group the stack makes whose name is known only at apply time (A21a-4)', () => {
  test('name = var.rg_name: Contributor on it fails PG-IAM-2 (it may be rg-orders)', () => {
    fails(groupAndRole({ name: '${var.rg_name}' }, '${azurerm_resource_group.rg.id}'));
  });
  test('name = "rg-${var.env}" fails; "app-${var.env}" cannot be rg-orders and passes', () => {
    fails(groupAndRole({ name: 'rg-${var.env}' }, '${azurerm_resource_group.rg.id}'));
    passes(groupAndRole({ name: 'app-${var.env}' }, '${azurerm_resource_group.rg.id}'));
  });
  test('the message says the name is known only at apply time', () => {
    expect(iam2(groupAndRole({ name: '${var.rg_name}' }, '${azurerm_resource_group.rg.id}')).join('\n'))
      .toContain('a resource group whose name ("${var.rg_name}") is known only at apply time and may be "rg-orders"');
  });
});

describe('count.index is read per index (A21a-4)', () => {
  const NAMES = { names: ['rg-app', 'rg-orders'] };
  test('count = length(local.names), name = local.names[count.index]: a role on an instance fails when an item is rg-orders', () => {
    fails(groupAndRole({ count: '${length(local.names)}', name: '${local.names[count.index]}' }, '${azurerm_resource_group.rg[1].id}', {}, NAMES));
    passes(groupAndRole({ count: '${length(local.names)}', name: '${local.names[count.index]}' }, '${azurerm_resource_group.rg[1].id}', {}, { names: ['rg-app1', 'rg-app2'] }));
  });
  test('a constant count: a literal index is its own item', () => {
    fails(groupAndRole({ count: 2, name: '${local.names[count.index]}' }, '${azurerm_resource_group.rg[1].id}', {}, NAMES));
    passes(groupAndRole({ count: 2, name: '${local.names[count.index]}' }, '${azurerm_resource_group.rg[0].id}', {}, NAMES));
  });
  test('count = 1, name = ["rg-orders"][count.index] fails', () => {
    fails(groupAndRole({ count: 1, name: '${["rg-orders"][count.index]}' }, '${azurerm_resource_group.rg[0].id}'));
  });
  test('a template of count.index, and a role counted over the instances, fail', () => {
    fails(groupAndRole({ count: 2, name: 'rg-${count.index == 1 ? "orders" : "app"}' }, '${azurerm_resource_group.rg[count.index].id}', { count: 2 }));
    passes(groupAndRole({ count: 2, name: 'rg-${count.index == 1 ? "app2" : "app"}' }, '${azurerm_resource_group.rg[count.index].id}', { count: 2 }));
  });
  test('control: count = 2 with a literal name rg-orders fails', () => {
    fails(groupAndRole({ count: 2, name: 'rg-orders' }, '${azurerm_resource_group.rg[1].id}'));
  });
});

describe('a resource group the stack makes whose name is known only at apply time may hold any object of the perimeter (A21a-4)', () => {
  /** Log Analytics Contributor on a group the stack makes, beside the construct whose logs go to log-central in rg-logs. */
  const onLogs = (name: string) => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new TerraformVariable(stack, 'rg_name', { type: 'string' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    raw(stack, 'azurerm_resource_group', 'rg', { location: 'westeurope', name });
    raw(stack, 'azurerm_role_assignment', 'ra', { scope: '${azurerm_resource_group.rg.id}', role_definition_name: 'Log Analytics Contributor', principal_id: 'abcdefab-1111-2222-3333-444444444444' });
    return iam2(stack);
  };
  test('a group named by a variable, or a template that may spell rg-logs, fails PG-IAM-2', () => {
    expect(onLogs('${var.rg_name}').join('\n')).toContain('azurerm_role_assignment.ra grants Log Analytics Contributor on');
    expect(onLogs('rg-${var.rg_name}').join('\n')).toContain('azurerm_role_assignment.ra grants Log Analytics Contributor on');
  });
  test('a template that cannot spell it, and a literal other name, pass', () => {
    expect(onLogs('app-${var.rg_name}')).toEqual([]);
    expect(onLogs('rg-app')).toEqual([]);
  });
});
