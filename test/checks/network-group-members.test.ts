import { membershipOf } from '../../lib/checks/network-group-members';
import { rule as pgCfg4 } from '../../lib/checks/rules/PG-CFG-4';
import { alwaysAllowedPaths } from '../../lib/checks/security-admin-rules';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Network groups Azure Policy fills (AVNM dynamic membership), read from the policy's JSON, not from its text (seventeenth
// review, A17b-1): the class test spells the effect every way Azure reads it (any case, JSON escapes, a parameter, an
// expression), in every container (a definition of each writer, a set, an assignment of a definition not in the JSON, a
// rewrite), with the mode literal in any case or known only later. Each lets the group of an AlwaysAllow 5432 admin rule
// hold the construct's VNet (PG-NET-1), and its assignment beside the server is a write (PG-CFG-4). A policy with
// another effect fills no group (controls).

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const GROUP = `${SUB}/resourceGroups/rg-orders`;
const OTHER_VNET = `${SUB}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/other`;
const GROUP_REF = '${azurerm_network_manager_network_group.g.id}';
const AUDIT_ONLY_BUILT_IN = '/providers/Microsoft.Authorization/policyDefinitions/5e1de0e3-42cb-4ebc-a86d-61d0c619ca48';
const ELSEWHERE = `${SUB}/providers/Microsoft.Authorization/policyDefinitions/fill-orders`;
const DEFINITION_TYPE = 'Microsoft.Authorization/policyDefinitions@2023-04-01';

/** A rule that adds the VNets named like "orders" to group g, its effect as given. */
const ruleOf = (effect: string): object => ({
  if: { allOf: [{ field: 'type', equals: 'Microsoft.Network/virtualNetworks' }, { field: 'name', contains: 'orders' }] },
  then: { effect, details: { networkGroupId: GROUP_REF } },
});
/** The rule as JSON text with its effect's letters from `from` on written as JSON escapes (Azure decodes them). */
const escaped = (effect: string, from: number): string => JSON.stringify(ruleOf(effect)).replace(`"${effect}"`,
  `"${effect.slice(0, from)}${[...effect.slice(from)].map((letter) => `\\u${letter.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`);
const text = (effect: string): string => JSON.stringify(ruleOf(effect));

const definition = (policyRule: string, mode = 'Microsoft.Network.Data', parameters?: string, type = 'azurerm_policy_definition'): Resources => ({
  [type]: { fill: { name: 'fill', policy_type: 'Custom', mode, display_name: 'fill', policy_rule: policyRule, ...(parameters === undefined ? {} : { parameters }) } },
});
const azapiDefinition = (body: unknown): Resources => ({ azapi_resource: { fill: { type: DEFINITION_TYPE, name: 'fill', parent_id: SUB, body } } });
const assigned = (pointer: string): Resources => ({ azurerm_resource_group_policy_assignment: { a: { name: 'a', resource_group_id: GROUP, policy_definition_id: pointer } } });
const set = (...pointers: string[]): Resources => ({ azurerm_policy_set_definition: { s: { name: 's', policy_type: 'Custom', display_name: 's', policy_definition_reference: pointers.map((id) => ({ policy_definition_id: id })) } } });
const byParameter = "[parameters('e')]";

/** Every way of writing a policy that may add VNets to network groups, each assigned on the server's resource group (`assignment`). */
const FILLING: { readonly [spelling: string]: readonly [Resources, string] } = {
  'the effect plain': [definition(text('addToNetworkGroup')), '${azurerm_policy_definition.fill.id}'],
  'the effect in another case': [definition(text('ADDTONETWORKgroup')), '${azurerm_policy_definition.fill.id}'],
  'a JSON escape in the effect, the mode a variable': [definition(escaped('addToNetworkGroup', 12), '${var.policy_mode}'), '${azurerm_policy_definition.fill.id}'],
  'every letter of the effect a JSON escape': [definition(escaped('addToNetworkGroup', 0)), '${azurerm_policy_definition.fill.id}'],
  'the effect with spaces, the mode literal in another case': [definition(text(' addToNetworkGroup '), 'microsoft.network.DATA'), '${azurerm_policy_definition.fill.id}'],
  'the effect a parameter allowing it (any mode)': [definition(text(byParameter), 'All', JSON.stringify({ e: { type: 'String', allowedValues: ['addToNetworkGroup', 'Disabled'] } })), '${azurerm_policy_definition.fill.id}'],
  'the effect a parameter without allowed values, the mode a variable': [definition(text(byParameter), '${var.policy_mode}', JSON.stringify({ e: { type: 'String' } })), '${azurerm_policy_definition.fill.id}'],
  'the effect a parameter, the parameters known only later': [definition(text(byParameter), 'Microsoft.Network.Data', '${var.parameters}'), '${azurerm_policy_definition.fill.id}'],
  'the effect an expression': [definition(text("[concat('addTo', 'NetworkGroup')]")), '${azurerm_policy_definition.fill.id}'],
  'the rule known only later, the mode a variable': [definition('${var.rule}', '${var.policy_mode}'), '${azurerm_policy_definition.fill.id}'],
  'the rule not JSON': [definition('{"if": ', 'Microsoft.Network.Data'), '${azurerm_policy_definition.fill.id}'],
  'a management group\'s definition': [definition(escaped('addToNetworkGroup', 5), 'Microsoft.Network.Data', undefined, 'azurerm_management_group_policy_definition'), '${azurerm_management_group_policy_definition.fill.id}'],
  'an azapi definition (its body an object)': [azapiDefinition({ properties: { mode: 'Microsoft.Network.Data', policyRule: ruleOf('addToNetworkGroup') } }), '${azapi_resource.fill.id}'],
  'an azapi definition (its body JSON text with an escape, names in another case)': [azapiDefinition(`{"Properties": {"Mode": "All", "PolicyRule": ${escaped('addToNetworkGroup', 3)}}}`), '${azapi_resource.fill.id}'],
  'an azapi definition whose body is known only later': [azapiDefinition('${var.body}'), '${azapi_resource.fill.id}'],
  'a set of the stack holding such a definition (its effect a JSON escape, the mode a variable)': [{ ...definition(escaped('addToNetworkGroup', 12), '${var.policy_mode}'), ...set(AUDIT_ONLY_BUILT_IN, '${azurerm_policy_definition.fill.id}') }, '${azurerm_policy_set_definition.s.id}'],
  'a set of the stack holding a definition defined elsewhere': [set(AUDIT_ONLY_BUILT_IN, ELSEWHERE), '${azurerm_policy_set_definition.s.id}'],
  'a set of the stack holding a definition known only later': [set('${var.definition}'), '${azurerm_policy_set_definition.s.id}'],
  'an azapi set holding a definition defined elsewhere': [{ azapi_resource: { s: { type: 'Microsoft.Authorization/policySetDefinitions@2023-04-01', name: 's', parent_id: SUB, body: { properties: { policyDefinitions: [{ policyDefinitionId: ELSEWHERE }] } } } } }, '${azapi_resource.s.id}'],
  'an assignment of a definition defined elsewhere': [{}, ELSEWHERE],
  'an azapi assignment of a definition defined elsewhere': [{ azapi_resource: { a2: { type: 'Microsoft.Authorization/policyAssignments@2022-06-01', name: 'a2', parent_id: SUB, body: { properties: { policyDefinitionId: ELSEWHERE } } } } }, AUDIT_ONLY_BUILT_IN],
  'an assignment of a definition known only later': [{}, '${var.definition}'],
  'a definition an azapi update rewrites (its rule in Azure is not the one read)': [{ ...definition(text('audit'), '${var.policy_mode}'), azapi_update_resource: { u: { type: DEFINITION_TYPE, resource_id: '${azurerm_policy_definition.fill.id}', body: { properties: { policyRule: ruleOf('Audit') } } } } }, '${azurerm_policy_definition.fill.id}'],
  'an azapi PUT of a definition defined elsewhere (its body JSON text)': [{ azapi_resource_action: { u: { type: DEFINITION_TYPE, resource_id: ELSEWHERE, method: 'PUT', body: `{"properties": {"mode": "Microsoft.Network.Data", "policyRule": ${escaped('addToNetworkGroup', 0)}}}` } } }, ELSEWHERE],
};

/** Policies that fill no group: another effect (however spelled), or an effect the JSON does not say under a mode that is not Microsoft.Network.Data. */
const NOT_FILLING: { readonly [spelling: string]: readonly [Resources, string] } = {
  'the effect audit, the mode a variable': [definition(text('audit'), '${var.policy_mode}'), '${azurerm_policy_definition.fill.id}'],
  'the effect audit as JSON escapes': [definition(escaped('audit', 0)), '${azurerm_policy_definition.fill.id}'],
  'the effect a parameter allowing Audit or Disabled': [definition(text(byParameter), '${var.policy_mode}', JSON.stringify({ e: { type: 'String', allowedValues: ['Audit', 'Disabled'] } })), '${azurerm_policy_definition.fill.id}'],
  'the effect a parameter without allowed values, the mode Indexed': [definition(text(byParameter), 'Indexed', JSON.stringify({ e: { type: 'String' } })), '${azurerm_policy_definition.fill.id}'],
  'the rule known only later, the mode All': [definition('${var.rule}', 'All'), '${azurerm_policy_definition.fill.id}'],
  'an azapi definition of a deny, its mode a variable': [azapiDefinition({ properties: { mode: '${var.mode}', policyRule: ruleOf('deny') } }), '${azapi_resource.fill.id}'],
  'an assignment of an audit-only built-in': [{}, AUDIT_ONLY_BUILT_IN],
  'a set of built-ins': [set(AUDIT_ONLY_BUILT_IN), '${azurerm_policy_set_definition.s.id}'],
};

/** The construct's server in rg-orders (subnet 10.0.1.0/28 of vnet-hub), and an AlwaysAllow 5432 admin rule on group g, whose only static member is another VNet. */
function stack(extra: Resources): Resources {
  return {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), resource_group_name: 'rg-orders', ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
    azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: '${data.azurerm_network_manager.m.id}' } },
    azurerm_network_manager_static_member: { s: { name: 's', network_group_id: GROUP_REF, target_virtual_network_id: OTHER_VNET } },
    azurerm_network_manager_admin_rule_collection: { rc: { name: 'rc', security_admin_configuration_id: '${azurerm_network_manager_security_admin_configuration.c.id}', network_group_ids: [GROUP_REF] } },
    azurerm_network_manager_admin_rule: { open: { name: 'open', admin_rule_collection_id: '${azurerm_network_manager_admin_rule_collection.rc.id}', action: 'AlwaysAllow', direction: 'Inbound', priority: 1, protocol: 'Any', destination_port_ranges: ['5432'], source: [{ address_prefix_type: 'IPPrefix', address_prefix: '*' }], destination: [{ address_prefix_type: 'IPPrefix', address_prefix: '*' }] } },
    ...extra,
  };
}

/** PG-NET-1's admin rule verdicts, and why groups may hold any VNet, with the policy assigned by `pointer` (if any). */
function judged(extra: Resources, pointer?: string): { failures: number; elsewhere: string | undefined } {
  const model = buildStackModel({ resource: stack({ ...extra, ...(pointer === undefined ? {} : assigned(pointer)) }) });
  const facts = { postgresqlProviders: new Map(), resources: model.resources };
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return { failures: alwaysAllowedPaths(server, CONSTRUCT, facts).length, elsewhere: membershipOf(facts).elsewhere };
}

describe('a policy that may fill network groups lets every group hold any VNet (A17b-1)', () => {
  test.each(Object.entries(FILLING))('%s: the AlwaysAllow 5432 rule fails', (_spelling, [resources, pointer]) => {
    const { failures, elsewhere } = judged(resources, pointer);
    expect(elsewhere).toMatch(/fill network groups by Azure Policy/);
    expect(failures).toBe(1);
    // A policy of the stack fills groups whether or not the stack assigns it (an assignment may be made elsewhere).
    if (Object.keys(resources).length > 0) expect(judged(resources)).toEqual({ failures: 1, elsewhere: expect.stringMatching(/fill network groups/) });
  });

  test.each(Object.entries(FILLING))('%s: assigned on the server\'s resource group, it fails PG-CFG-4', (_spelling, [resources, pointer]) => {
    expect(verdictsBeside(pgCfg4, stack({ ...resources, ...assigned(pointer) }), [CONSTRUCT]).map((verdict) => verdict.status)).toContain('fail');
  });

  test.each(Object.entries(NOT_FILLING))('control: %s fills no group', (_spelling, [resources, pointer]) => {
    expect(judged(resources, pointer)).toEqual({ failures: 0, elsewhere: undefined });
    expect(judged(resources)).toEqual({ failures: 0, elsewhere: undefined });
  });

  test('the reason names the policy and what it is not sure of', () => {
    expect(judged(FILLING['the effect plain'][0]).elsewhere).toBe('azurerm_policy_definition.fill may fill network groups by Azure Policy: its effect is addToNetworkGroup');
    expect(judged(FILLING['the rule known only later, the mode a variable'][0]).elsewhere).toBe('azurerm_policy_definition.fill may fill network groups by Azure Policy: its effect is not in the JSON and its mode may be Microsoft.Network.Data');
    expect(judged({}, ELSEWHERE).elsewhere).toBe('azurerm_resource_group_policy_assignment.a may fill network groups by Azure Policy: its definition is defined outside the stack or known only later');
  });
});

// One notion of "a network group the stack creates" (createdGroup over stack-created.ts, h-g24c): a group the admin rules name by a
// literal ID is the stack's only when a group the stack creates writes that name and manager in full; a name alone may be another
// manager's group, with live members (the AlwaysAllow rule is then judged).
describe('a group named by literal ID is the stack\'s only when its name and manager are both the created group\'s', () => {
  const named = (pointer: string, manager: string): Resources => ({
    azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: manager } },
    azurerm_network_manager_admin_rule_collection: { rc: { name: 'rc', security_admin_configuration_id: '${azurerm_network_manager_security_admin_configuration.c.id}', network_group_ids: [pointer] } },
  });
  const MANAGER = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/networkManagers/central`;

  test('the group\'s manager known only later: the rule fails', () => {
    expect(judged(named('${var.manager_id}/networkGroups/g', MANAGER)).failures).toBe(1);
    expect(judged(named(`${MANAGER}/networkGroups/g`, '${var.manager_id}')).failures).toBe(1);
  });

  test('control: the literal name and manager the created group writes (any case): its members are read, the rule passes', () => {
    expect(judged(named(`${MANAGER}/networkGroups/G`.toUpperCase(), MANAGER)).failures).toBe(0);
  });
});
