import { importTargets, movedTargets, resourceAddress } from '../../lib/checks/import-targets';
import { StackFacts } from '../../lib/checks/rule';
import { stackCreates } from '../../lib/checks/stack-created';
import { buildStackModel } from '../../lib/checks/stack-model';

// "The stack creates this object" (nineteenth review, A19b-3): a managed resource no import adopts; never a lookup, an azapi
// update or action (they write over an object that exists), an import target (by `to`, with an instance key or blanks) or
// an address the stack does not declare.

const RULESET = 'Microsoft.Network/dnsForwardingRulesets@2022-07-01';
const HUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/dnsForwardingRulesets/hub';

function facts(terraform: { [key: string]: unknown }): StackFacts {
  const model = buildStackModel(terraform);
  return { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, imports: importTargets(terraform), moves: movedTargets(terraform) };
}

const blocks = {
  resource: {
    azurerm_resource_group: { made: { name: 'rg-a', location: 'westeurope' }, adopted: { name: 'rg-b', location: 'westeurope' }, keyed: { for_each: '${toset(["x"])}', name: 'rg-${each.key}', location: 'westeurope' } },
    azapi_resource: { made: { type: RULESET, name: 'hub', parent_id: '/subscriptions/x/resourceGroups/rg-a', body: {} } },
    azapi_update_resource: { hub: { type: RULESET, resource_id: HUB, body: { tags: {} } } },
    azapi_resource_action: { hub: { type: RULESET, resource_id: HUB, method: 'PATCH', body: { tags: {} } } },
  },
  data: { azurerm_resource_group: { looked: { name: 'rg-c' } }, azapi_resource: { looked: { type: RULESET, resource_id: HUB } } },
};

describe('stackCreates', () => {
  test('a managed resource no import adopts is created; an azapi resource too', () => {
    const stack = facts(blocks);
    expect(stackCreates('azurerm_resource_group.made', stack)).toBe(true);
    expect(stackCreates({ address: 'azapi_resource.made' }, stack)).toBe(true);
    expect(stackCreates('azurerm_resource_group.adopted', stack)).toBe(true);
  });
  test('an import target is not, by any spelling of its address (an instance key, blanks, a for_each import)', () => {
    for (const to of ['azurerm_resource_group.adopted', 'azurerm_resource_group . adopted', 'azurerm_resource_group.adopted["k"]']) {
      expect(stackCreates('azurerm_resource_group.adopted', facts({ ...blocks, import: [{ to, id: '/subscriptions/x/resourceGroups/rg-b' }] }))).toBe(false);
    }
    expect(stackCreates('azurerm_resource_group.keyed', facts({ ...blocks, import: [{ for_each: '${toset(["x"])}', to: 'azurerm_resource_group.keyed[each.key]', id: '/subscriptions/x/resourceGroups/rg-${each.key}' }] }))).toBe(false);
    expect(stackCreates('azapi_resource.made', facts({ ...blocks, import: [{ to: 'azapi_resource.made', id: HUB }] }))).toBe(false);
  });
  // A28a-8: a moved block hands its `to` the object its `from` managed, one that existed before this plan (a resource, a module's, a chain).
  test('a moved target is not, by any spelling of its address (instance keys, blanks, a resource. prefix, a module source, a chain)', () => {
    const moved = (...moves: object[]) => facts({ ...blocks, moved: moves });
    for (const to of ['azurerm_resource_group.made', 'azurerm_resource_group . made', 'azurerm_resource_group.made[0]', 'resource.azurerm_resource_group.made', '${resource . azurerm_resource_group.made["k"]}']) {
      expect([to, stackCreates('azurerm_resource_group.made', moved({ from: 'azurerm_resource_group.old', to }))]).toEqual([to, false]);
    }
    expect(stackCreates('azurerm_resource_group.made', moved({ from: 'module.old["a"].azurerm_resource_group.x', to: 'azurerm_resource_group.made' }))).toBe(false);
    expect(stackCreates('azurerm_resource_group.made', moved({ from: 'azurerm_resource_group.a', to: 'azurerm_resource_group.b' }, { from: 'azurerm_resource_group.b', to: 'azurerm_resource_group.made' }))).toBe(false);
    expect(stackCreates('azapi_resource.made', moved({ from: 'azapi_resource.old', to: 'azapi_resource.made' }))).toBe(false);
    // Controls: a moved block into another resource, or one moved out of the resource, leaves it created.
    expect(stackCreates('azurerm_resource_group.made', moved({ from: 'azurerm_resource_group.old', to: 'azurerm_resource_group.adopted' }))).toBe(true);
    expect(stackCreates('azurerm_resource_group.made', moved({ from: 'azurerm_resource_group.made', to: 'module.new.azurerm_resource_group.x' }))).toBe(true);
  });
  test('an import `to` with a resource. prefix (Terraform 1.10+) is the same address', () => {
    expect(stackCreates('azurerm_resource_group.adopted', facts({ ...blocks, import: [{ to: 'resource.azurerm_resource_group.adopted', id: '/subscriptions/x/resourceGroups/rg-b' }] }))).toBe(false);
  });
  test('resourceAddress drops a resource. prefix after any module path, never a module or a resource named resource', () => {
    expect(resourceAddress('resource.azuread_group.g')).toBe('azuread_group.g');
    expect(resourceAddress('module.a["k"].module.b[0].resource.azuread_group.g[1]')).toBe('module.a.module.b.azuread_group.g');
    expect(resourceAddress('module.resource.azuread_group.g')).toBe('module.resource.azuread_group.g');
    expect(resourceAddress('azuread_group.resource')).toBe('azuread_group.resource');
    expect(resourceAddress('resource.resource.g')).toBe('resource.g');
  });
  // A29b-1: an instance key is any HCL expression (Terraform 1.7+ for_each imports), read to its own closing bracket: an index, a
  // string holding `]` or an escaped quote, a template, a comment inside it. The old reader stopped at the first `]`.
  const KEYS = ['[each.value["k"]]', '[each.value.keys[0]]', '[local.keys[0]]', '["a]b"]', '["a\\"]b"]', '["${"]"}"]', '["$${"]', '["%{ if true }]%{ endif }"]',
    '[ each.value[ "k" ] # ]\n ]', '[{ a = "]" }["a"]]', '[lookup(local.m, "x]", "y")]', '[/* ] */ each.key]', '[local.m["a.b"][0].x]'];
  test.each(KEYS)('resourceAddress reads the key %j to its own closing bracket, in a module path and in a resource', (key) => {
    expect(resourceAddress(`azuread_group.g${key}`)).toBe('azuread_group.g');
    expect(resourceAddress(`\${azuread_group.g${key}}`)).toBe('azuread_group.g');
    expect(resourceAddress(`module.m${key}.resource.azuread_group.g${key}`)).toBe('module.m.azuread_group.g');
  });
  test('resourceAddress reads a key never closed as any instance of what comes before it, never as no address', () => {
    for (const written of ['azuread_group.g[each.value["k"]', 'azuread_group.g[', 'azuread_group.g["a]', 'azuread_group.g["${"]"]', 'azuread_group.g[(each.key]']) {
      expect([written, resourceAddress(written)]).toEqual([written, 'azuread_group.g']);
    }
    expect(resourceAddress('module.m[local.k[0].azuread_group.g')).toBe('module.m');
  });
  test.each(KEYS)('an import or a moved block into an instance keyed %j adopts the resource; one into another resource does not', (key) => {
    for (const adopt of [{ import: [{ for_each: { a: { k: 'a' } }, to: `azurerm_resource_group.keyed${key}`, id: '/subscriptions/x/resourceGroups/rg-a' }] },
      { moved: [{ from: 'azurerm_resource_group.old', to: `azurerm_resource_group.keyed${key}` }] }]) {
      expect(stackCreates('azurerm_resource_group.keyed', facts({ ...blocks, ...adopt }))).toBe(false);
      const other = JSON.parse(JSON.stringify(adopt).replace(/azurerm_resource_group\.keyed/g, 'azurerm_resource_group.adopted'));
      expect(stackCreates('azurerm_resource_group.keyed', facts({ ...blocks, ...other }))).toBe(true);
    }
  });
  test('an azapi update or action (PATCH or PUT), a lookup and an address the stack does not declare are not', () => {
    const stack = facts(blocks);
    for (const address of ['azapi_update_resource.hub', 'azapi_resource_action.hub', 'data.azurerm_resource_group.looked', 'data.azapi_resource.looked', 'azurerm_resource_group.missing']) {
      expect([address, stackCreates(address, stack)]).toEqual([address, false]);
    }
    expect(stackCreates('azurerm_resource_group.made', undefined)).toBe(false);
  });
});
