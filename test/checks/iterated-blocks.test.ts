import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { iteratedBlocks } from '../../lib/checks/iterated-blocks';
import { minimalProps, newStack, synthErrors } from '../helpers';
import { raw } from './beside-fixtures';

// each.value of a for_each over another block's instances is the instance each.key picks (twenty-first review, A21a-5).

describe('iteratedBlocks', () => {
  const groups = { azurerm_resource_group: { apps: { for_each: { a: 'rg-app1' }, name: '${each.value}' }, one: { name: 'rg-one' } } };
  const role = (forEach: unknown, scope: string) => ({ resource: { ...groups, azurerm_role_assignment: { r: { for_each: forEach, scope, principal_id: 'p' } } } });
  const scopeOf = (json: unknown) => (json as { resource: { azurerm_role_assignment: { r: { scope: string; for_each: unknown } } } }).resource.azurerm_role_assignment.r;

  test.each([
    ['${azurerm_resource_group.apps}', '${each.value.id}', '${azurerm_resource_group.apps[each.key].id}'],
    ['${azurerm_resource_group.apps}', '${each.value}/providers/x', '${azurerm_resource_group.apps[each.key]}/providers/x'],
    ['${{for k, g in azurerm_resource_group.apps : k => g.id}}', '${each.value}', '${azurerm_resource_group.apps[each.key].id}'],
    ['${{ for name, group in azurerm_resource_group.apps: name => group }}', '${lower(each.value.id)}', '${lower(azurerm_resource_group.apps[each.key].id)}'],
  ])('for_each = %s: %s reads as %s', (forEach, scope, expected) => {
    const read = scopeOf(iteratedBlocks(role(forEach, scope)));
    expect(read.scope).toBe(expected);
    expect(read.for_each).toBe(forEach);
  });

  test.each([
    ['a block without for_each', '${azurerm_resource_group.one}'],
    ['a variable', '${var.groups}'],
    ['a for map of another shape', '${{for k, g in azurerm_resource_group.apps : g.name => g.id}}'],
    ['a block the stack does not have', '${azurerm_resource_group.none}'],
  ])('for_each over %s leaves each.value as written', (_what, forEach) => {
    const json = role(forEach, '${each.value.id}');
    expect(iteratedBlocks(json)).toBe(json);
  });

  // 46th run (A46a-4): a for_each that is a local naming the block, directly or through another local.
  test.each(['${local.apps}', '${local.via}'])('for_each = %s over a local naming the block reads each.value as its instance', (forEach) => {
    const read = scopeOf(iteratedBlocks({ ...role(forEach, '${each.value.id}'), locals: { apps: '${azurerm_resource_group.apps}', via: '${local.apps}' } }));
    expect(read.scope).toBe('${azurerm_resource_group.apps[each.key].id}');
    expect(read.for_each).toBe(forEach);
  });

  test.each(['${local.groups}', '${local.one}', '${local.none}'])('for_each = %s over a local naming no iterated block leaves each.value as written', (forEach) => {
    const json = { ...role(forEach, '${each.value.id}'), locals: { groups: '${var.groups}', one: '${azurerm_resource_group.one}' } };
    expect(iteratedBlocks(json)).toBe(json);
  });

  test('each.valued and other names are not each.value', () => {
    expect(scopeOf(iteratedBlocks(role('${azurerm_resource_group.apps}', '${my.each.value}${each.values}${each.value_x}${each.value.id}'))).scope)
      .toBe('${my.each.value}${each.values}${each.value_x}${azurerm_resource_group.apps[each.key].id}');
  });
});

/** A role per resource group of the stack's for_each, its scope spelled one of the ways of "this item of that block". */
function rolePerGroup(items: Record<string, string>, forEach: string, scope: string, role = 'Contributor'): TerraformStack {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  raw(stack, 'azurerm_resource_group', 'apps', { for_each: items, name: '${each.value}', location: 'westeurope' });
  raw(stack, 'azurerm_role_assignment', 'ra', { for_each: forEach, scope, role_definition_name: role, principal_id: 'abcdefab-1111-2222-3333-444444444444' });
  return stack;
}

const iam2 = (stack: TerraformStack) => synthErrors(stack).filter((line) => line.includes('PG-IAM-2'));

// The class test: each spelling of "this item of that block" against the same items gives the same verdict.
const SPELLINGS: readonly (readonly [string, string])[] = [
  ['${azurerm_resource_group.apps}', '${azurerm_resource_group.apps[each.key].id}'],
  ['${azurerm_resource_group.apps}', '${each.value.id}'],
  ['${{for k, g in azurerm_resource_group.apps : k => g.id}}', '${each.value}'],
  ['${{for k, g in azurerm_resource_group.apps : k => g}}', '${each.value.id}'],
];

describe.each(SPELLINGS)('a role for_each = %s, scope = %s (A21a-4, A21a-5)', (forEach, scope) => {
  test('passes when no group is the server\'s', () => {
    expect(iam2(rolePerGroup({ a: 'rg-app1', b: 'rg-app2' }, forEach, scope))).toEqual([]);
  });
  test('fails PG-IAM-2 when one group is the server\'s (rg-orders)', () => {
    expect(iam2(rolePerGroup({ a: 'rg-app1', b: 'rg-orders' }, forEach, scope)).join('\n')).toContain('azurerm_role_assignment.ra grants Contributor on');
  });
  test('control: Reader passes on them all', () => {
    expect(iam2(rolePerGroup({ a: 'rg-app1', b: 'rg-orders' }, forEach, scope, 'Reader'))).toEqual([]);
  });
});
