import { PERIMETER_NAMESPACES, ruleWrites } from '../../lib/checks/policy-rules';
import { rule as namedWriters } from '../../lib/checks/rules/PG-CFG-3';
import { rule } from '../../lib/checks/rules/PG-CFG-4';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// What a policy rule of the stack writes, read from its JSON (sixteenth review, A16b-9, A16b-11, A16b-12): every
// effect, by every form of its target, in every container (a definition, a set, a built-in a set holds) is judged.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const GROUP = `${SUB}/resourceGroups/rg-orders`;
/** Network Contributor: a modify or a deployIfNotExists names the roles it needs (a Microsoft.Authorization ID). */
const ROLE_IDS = ['/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7'];
const DEPLOYING_BUILT_IN = '/providers/Microsoft.Authorization/policyDefinitions/bd0079c6-6f2d-42f4-9cee-e23930968f10';
const AUDIT_ONLY_BUILT_IN = '/providers/Microsoft.Authorization/policyDefinitions/5e1de0e3-42cb-4ebc-a86d-61d0c619ca48';

type Form = 'a type of the perimeter' | 'a parameter' | 'absent' | 'a concat' | 'a type outside';
const FORMS: readonly Form[] = ['a type of the perimeter', 'a parameter', 'absent', 'a concat', 'a type outside'];
const WRITING = ['modify', 'append', 'deployIfNotExists', 'addToNetworkGroup'];
const REFUSING = ['deny', 'denyAction', 'audit', 'auditIfNotExists', 'disabled'];

/** The type a form names, as the rule spells it (undefined: the rule names no type). */
function typeOf(form: Form, perimeter = 'Microsoft.Network/networkSecurityGroups'): string | undefined {
  return {
    'a type of the perimeter': perimeter,
    'a parameter': "[parameters('t')]",
    absent: undefined,
    'a concat': "[concat('Microsoft.DBfor', 'PostgreSQL/flexibleServers')]",
    'a type outside': 'Microsoft.Storage/storageAccounts',
  }[form];
}

/** A rule of an effect on a target form: the `if`, the field written (modify, append) or the type deployed (deployIfNotExists). */
function policyRule(effect: string, form: Form, perimeter?: string): object {
  const type = typeOf(form, perimeter);
  const condition = type === undefined ? { field: 'location', equals: 'westeurope' } : { field: 'type', equals: type };
  const field = type === undefined ? 'identity.type' : type.startsWith('[') ? `[concat(${type.slice(1, -1)}, '/properties.publicNetworkAccess')]` : `${type}/properties.publicNetworkAccess`;
  const details = {
    modify: { roleDefinitionIds: ROLE_IDS, operations: [{ operation: 'addOrReplace', field, value: 'Enabled' }] },
    append: [{ field, value: 'Enabled' }],
    deployIfNotExists: { type: type ?? 'Microsoft.Storage/storageAccounts', roleDefinitionIds: ROLE_IDS,
      ...(type === undefined ? {} : { deployment: { properties: { mode: 'incremental', template: { resources: [{ type, apiVersion: '2023-01-01', name: 'x', properties: {} }] } } } }) },
    // It adds what its `if` matches to a group (A17b-1): a write of the group's members unless the `if` matches only types outside.
    addToNetworkGroup: { networkGroupId: `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/networkManagers/central/networkGroups/g` },
  }[effect];
  return { if: condition, then: { effect, ...(details === undefined ? {} : { details }) } };
}

const definition = (policy: object, parameters?: object): Resources => ({
  azurerm_policy_definition: { d: { name: 'd', policy_type: 'Custom', mode: 'All', display_name: 'd', policy_rule: JSON.stringify(policy), parameters: JSON.stringify(parameters ?? { t: { type: 'String' } }) } },
});
const assigned = (pointer: string, at = GROUP, scope = 'resource_group'): Resources => ({
  [`azurerm_${scope}_policy_assignment`]: { a: { name: 'a', [`${scope}_id`]: at, policy_definition_id: pointer, location: 'westeurope', identity: { type: 'SystemAssigned' } } },
});
const set = (...pointers: string[]): Resources => ({ azurerm_policy_set_definition: { s: { name: 's', policy_type: 'Custom', display_name: 's', policy_definition_reference: pointers.map((id) => ({ policy_definition_id: id })) } } });
const azapiAssigned = (pointer: string): Resources => ({ azapi_resource: { a: { type: 'Microsoft.Authorization/policyAssignments@2022-06-01', name: 'a', parent_id: GROUP, body: { properties: { policyDefinitionId: pointer } } } } });

/** The containers a definition is assigned through. */
const CONTAINERS: [string, (policy: object) => Resources][] = [
  ['a definition assigned by azurerm', (policy) => ({ ...definition(policy), ...assigned('${azurerm_policy_definition.d.id}') })],
  ['a set holding it', (policy) => ({ ...definition(policy), ...set(AUDIT_ONLY_BUILT_IN, '${azurerm_policy_definition.d.id}'), ...assigned('${azurerm_policy_set_definition.s.id}') })],
  ['a definition assigned by azapi', (policy) => ({ ...definition(policy), ...azapiAssigned('${azurerm_policy_definition.d.id}') })],
];

/** PG-CFG-4's verdicts beside a construct's server in rg-orders (PG-CFG-3's for a writer that names the server). */
function judged(extra: Resources, judge = rule): string[] {
  const resources: Resources = { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), resource_group_name: 'rg-orders', ...madeAt(`${CONSTRUCT}/Server`) } }, ...extra };
  return verdictsBeside(judge, resources, [CONSTRUCT]).map((verdict) => verdict.status);
}

describe('the class: effect × target form × container', () => {
  const cases = CONTAINERS.flatMap(([container, make]) => [...WRITING, ...REFUSING].flatMap((effect) => FORMS.map((form) => [container, effect, form, make] as const)));
  test.each(cases)('%s, %s on %s', (_container, effect, form, make) => {
    const writes = WRITING.includes(effect) && form !== 'a type outside';
    expect(judged(make(policyRule(effect, form)))).toEqual([writes ? 'fail' : 'pass']);
  });
});

describe('the perimeter: every namespace of its table is judged', () => {
  test.each([...PERIMETER_NAMESPACES])('a modify, an append and a deployment of a type of %s fail; the same of Microsoft.Storage pass', (namespace) => {
    for (const effect of WRITING) {
      expect(ruleWrites(JSON.stringify(policyRule(effect, 'a type of the perimeter', `${namespace}/things`)), undefined)).toBe(true);
      expect(ruleWrites(JSON.stringify(policyRule(effect, 'a type outside')), undefined)).toBe(false);
    }
  });

  test('a deployment that runs a command (a deployment script, a VM run command) or whose template addresses PostgreSQL writes', () => {
    const deploying = (type: string, properties: object = {}) => JSON.stringify({ if: { field: 'type', equals: 'Microsoft.Compute/virtualMachines' }, then: { effect: 'deployIfNotExists', details: {
      type: 'Microsoft.Storage/storageAccounts', deployment: { properties: { template: { resources: [{ type, name: 'x', properties }] } } } } } });
    expect(ruleWrites(deploying('Microsoft.Compute/virtualMachines/runCommands'), undefined)).toBe(true);
    expect(ruleWrites(deploying('Microsoft.ContainerInstance/containerGroups', { containers: [{ properties: { command: ['az', 'postgres', 'flexible-server', 'update', '--public-access', 'All'] } }] }), undefined)).toBe(true);
    expect(ruleWrites(deploying('Microsoft.ContainerInstance/containerGroups', { containers: [{ properties: { command: ['echo', 'hello'] } }] }), undefined)).toBe(false);
  });

  // Adversarial run of stop 74, G74-1: types, fields and effects are read as ARM compares them (azure-keys.ts armKey): "\u017f" and
  // "\u0131" are "s" and "i" to its .NET readers, so a type so spelled is the perimeter's and a deployment so spelled deploys.
  test('a type, a field or an effect spelled with a long s or a dotless i is read as ARM reads it', () => {
    for (const spelled of ['Micro\u017foft.Network/networkSecurityGroups', 'M\u0131crosoft.Network/networkSecurityGroups']) {
      for (const effect of ['modify', 'append', 'deployIfNotExists']) expect(ruleWrites(JSON.stringify(policyRule(effect, 'a type of the perimeter', spelled)), undefined)).toBe(true);
    }
    expect(ruleWrites(JSON.stringify(policyRule('mod\u0131fy', 'a type of the perimeter')), undefined)).toBe(true);
    expect(ruleWrites(JSON.stringify(policyRule('deployIfNotEx\u0131\u017fts', 'a type of the perimeter')), undefined)).toBe(true);
    const deploying = (type: string) => JSON.stringify({ if: { field: 'type', equals: 'Microsoft.Compute/virtualMachines' }, then: { effect: 'deployIfNotExists', details: {
      type: 'Microsoft.Storage/storageAccounts', deployment: { properties: { template: { resources: [{ type, name: 'x', properties: {} }] } } } } } });
    expect(ruleWrites(deploying('Micro\u017foft.Resources/deployments'), undefined)).toBe(true);
    expect(ruleWrites(deploying('Microsoft.Resources/deployment\u017f'), undefined)).toBe(true);
    // Controls: the same outside the perimeter passes, in either spelling.
    expect(ruleWrites(deploying('Microsoft.Storage/storageAccounts'), undefined)).toBe(false);
    expect(ruleWrites(deploying('Micro\u017foft.Storage/storageAccounts'), undefined)).toBe(false);
  });

  test('a template\'s nested resources are read, a child\'s type under its parent\'s', () => {
    const nested = (parent: string, child: string) => JSON.stringify({ if: { field: 'type', equals: 'Microsoft.Compute/virtualMachines' }, then: { effect: 'deployIfNotExists', details: {
      type: 'Microsoft.Storage/storageAccounts', deployment: { properties: { template: { resources: { account: { type: parent, name: 'x', resources: [{ type: child, name: 'default' }] } } } } } } } });
    expect(ruleWrites(nested('Microsoft.Storage/storageAccounts', 'blobServices'), undefined)).toBe(false);
    expect(ruleWrites(nested('Microsoft.Storage/storageAccounts', 'Microsoft.Network/networkSecurityGroups'), undefined)).toBe(true);
    expect(ruleWrites(nested('Microsoft.Network/networkSecurityGroups', 'securityRules'), undefined)).toBe(true);
    expect(ruleWrites(nested('Microsoft.Storage/storageAccounts', "[parameters('child')]"), undefined)).toBe(true);
  });
});

describe('what a rule says, read as ARM reads it', () => {
  const modifyNsg = (extra: object = {}) => ({ if: { field: 'type', equals: 'Microsoft.Network/networkSecurityGroups' }, then: { effect: 'modify', details: { roleDefinitionIds: ROLE_IDS, operations: [{ operation: 'addOrReplace', field: 'Microsoft.Network/networkSecurityGroups/securityRules[*].access', value: 'Allow' }] }, ...extra } });

  test('an effect chosen by a parameter: writes when its allowed values hold a writing one or are not listed', () => {
    const byParameter = JSON.stringify({ ...modifyNsg(), then: { ...modifyNsg().then, effect: "[parameters('effect')]" } });
    expect(ruleWrites(byParameter, JSON.stringify({ effect: { type: 'String', allowedValues: ['Audit', 'Deny', 'Disabled'] } }))).toBe(false);
    expect(ruleWrites(byParameter, JSON.stringify({ effect: { type: 'String', allowedValues: ['Audit', 'Modify'] } }))).toBe(true);
    expect(ruleWrites(byParameter, JSON.stringify({ effect: { type: 'String', defaultValue: 'Audit' } }))).toBe(true);
    expect(ruleWrites(byParameter, '${var.parameters}')).toBe(true);
    // A literal effect needs no parameters: unreadable ones do not matter.
    expect(ruleWrites(JSON.stringify(modifyNsg({ effect: 'audit' })), '${var.parameters}')).toBe(false);
  });

  test('an effect written with JSON escapes or in any case is the effect Azure decodes (A17b-1)', () => {
    const adds = (effect: string) => `{"if": {"field": "type", "equals": "Microsoft.Network/virtualNetworks"}, "then": {"effect": "${effect}", "details": {"networkGroupId": "g"}}}`;
    for (const effect of ['addToNetwork\\u0047roup', '\\u0061\\u0064\\u0064ToNetworkGroup', 'ADDTONETWORKGROUP', 'mo\\u0064ify']) expect(ruleWrites(adds(effect), undefined)).toBe(true);
    expect(ruleWrites(adds('\\u0061udit'), undefined)).toBe(false);
    // addToNetworkGroup writes a network group's members: nothing of a workspace.
    expect(ruleWrites(adds('addToNetworkGroup'), undefined, /^Microsoft\.OperationalInsights\//i)).toBe(false);
  });

  test('property names in any case; two of one name in different cases cannot be read', () => {
    expect(ruleWrites(JSON.stringify({ IF: { Field: 'TYPE', Equals: 'Microsoft.Network/networkSecurityGroups' }, Then: { Effect: 'Modify', Details: { Operations: [{ Field: 'Microsoft.Network/networkSecurityGroups/securityRules[*].access' }] } } }), undefined)).toBe(true);
    expect(ruleWrites(JSON.stringify({ if: { field: 'type', equals: 'Microsoft.Storage/storageAccounts' }, then: { effect: 'audit', Effect: 'modify' } }), undefined)).toBe(true);
    // A property written twice: which one Azure keeps is not known.
    expect(ruleWrites('{"if": {"field": "type", "equals": "Microsoft.Storage/storageAccounts"}, "then": {"effect": "modify", "effect": "audit"}}', undefined)).toBe(true);
    expect(ruleWrites('{"if": {"field": "type", "equals": "Microsoft.Storage/storageAccounts"}, "then": {"effect": "audit"}}', undefined)).toBe(false);
  });

  test('the types of its if: allOf needs every part, anyOf one, a negation or another field may match any type', () => {
    const modify = (condition: object) => JSON.stringify({ if: condition, then: { effect: 'modify', details: { operations: [{ field: 'identity.type', value: 'None' }] } } });
    const storage = { field: 'type', equals: 'Microsoft.Storage/storageAccounts' };
    const network = { field: 'type', like: 'Microsoft.Network/*' };
    expect(ruleWrites(modify({ allOf: [storage, { field: 'location', equals: 'westeurope' }] }), undefined)).toBe(false);
    expect(ruleWrites(modify({ anyOf: [storage, network] }), undefined)).toBe(true);
    expect(ruleWrites(modify({ anyOf: [storage, { field: 'type', in: ['Microsoft.Web/sites', 'Microsoft.KeyVault/vaults'] }] }), undefined)).toBe(true);
    expect(ruleWrites(modify({ not: storage }), undefined)).toBe(true);
    expect(ruleWrites(modify({ field: 'type', like: 'Microsoft.*' }), undefined)).toBe(true);
    expect(ruleWrites(modify({ field: 'type', notEquals: 'Microsoft.Storage/storageAccounts' }), undefined)).toBe(true);
  });

  test('a modify or append of tags only, on any type, writes nothing the promise covers; a rule that cannot be read writes', () => {
    const tags = (field: string) => JSON.stringify({ if: { field: 'location', equals: 'westeurope' }, then: { effect: 'modify', details: { operations: [{ operation: 'add', field, value: 'x' }] } } });
    expect(ruleWrites(tags("tags['owner']"), undefined)).toBe(false);
    expect(ruleWrites(tags("[concat('tags[', parameters('tagName'), ']')]"), undefined)).toBe(false);
    expect(ruleWrites(tags("[concat(parameters('field'))]"), undefined)).toBe(true);
    expect(ruleWrites('{"if": ', undefined)).toBe(true);
    expect(ruleWrites(JSON.stringify({ if: {}, then: { effect: 'modify', details: "[parameters('details')]" } }), undefined)).toBe(true);
  });
});

describe('a set acts as the definitions it holds, built-ins included (A16b-12)', () => {
  test.each([
    ['its resource group', GROUP, 'resource_group'],
    ['the server', `\${${FLEXIBLE}.db.id}`, 'resource'],
    ['the subscription', SUB, 'subscription'],
  ])('a set holding a deploying built-in, assigned on %s, fails; holding only audit-only built-ins, passes', (_name, at, scope) => {
    expect(judged({ ...set(AUDIT_ONLY_BUILT_IN, DEPLOYING_BUILT_IN), ...assigned('${azurerm_policy_set_definition.s.id}', at, scope) })).toEqual(['fail']);
    expect(judged({ ...set(AUDIT_ONLY_BUILT_IN), ...assigned('${azurerm_policy_set_definition.s.id}', at, scope) })).toEqual(['pass']);
    // A set of built-ins is judged on its scope, as a built-in assigned alone is: it is no writer of the server PG-CFG-3 reads.
    expect(judged({ ...set(DEPLOYING_BUILT_IN), ...assigned('${azurerm_policy_set_definition.s.id}', at, scope) }, namedWriters)[0]).toMatch(/^(pass|not-applicable)$/);
  });

  test('a set of built-ins assigned on a scope that does not hold the server passes, as the built-in alone does', () => {
    expect(judged({ ...set(DEPLOYING_BUILT_IN), ...assigned('${azurerm_policy_set_definition.s.id}', `${SUB}/resourceGroups/rg-other`) })).toEqual(['pass']);
    expect(judged(assigned(DEPLOYING_BUILT_IN, `${SUB}/resourceGroups/rg-other`))).toEqual(['pass']);
  });

  test('an azapi assignment of such a set fails too', () => {
    expect(judged({ ...set(DEPLOYING_BUILT_IN), ...azapiAssigned('${azurerm_policy_set_definition.s.id}') })).toEqual(['fail']);
  });
});

describe('every writer of a definition or a set is read into one shape', () => {
  const writing = policyRule('modify', 'a type of the perimeter');
  const auditing = policyRule('audit', 'a type of the perimeter');
  const azapiDefinition = (body: unknown): Resources => ({ azapi_resource: { d: { type: 'Microsoft.Authorization/policyDefinitions@2023-04-01', name: 'd', parent_id: SUB, body } } });

  test('an azapi definition (its body an object or JSON text, names in any case) is read as its rule says', () => {
    expect(judged({ ...azapiDefinition({ properties: { policyRule: writing, mode: 'All' } }), ...assigned('${azapi_resource.d.id}') })).toEqual(['fail']);
    expect(judged({ ...azapiDefinition(JSON.stringify({ properties: { PolicyRule: writing } })), ...assigned('${azapi_resource.d.id}') })).toEqual(['fail']);
    expect(judged({ ...azapiDefinition({ properties: { policyRule: auditing } }), ...assigned('${azapi_resource.d.id}') })).toEqual(['pass']);
    expect(judged({ ...azapiDefinition('${var.body}'), ...assigned('${azapi_resource.d.id}') })).toEqual(['fail']);
  });

  test('an azapi set, and a management group\'s set, act as the definitions they hold', () => {
    const azapiSet = (held: string): Resources => ({ azapi_resource: { s: { type: 'Microsoft.Authorization/policySetDefinitions@2023-04-01', name: 's', parent_id: SUB, body: { properties: { policyDefinitions: [{ policyDefinitionId: held }] } } } } });
    expect(judged({ ...azapiSet(DEPLOYING_BUILT_IN), ...assigned('${azapi_resource.s.id}') })).toEqual(['fail']);
    expect(judged({ ...azapiSet(AUDIT_ONLY_BUILT_IN), ...assigned('${azapi_resource.s.id}') })).toEqual(['pass']);
    const managementGroupSet = (held: string): Resources => ({ azurerm_management_group_policy_set_definition: { s: { name: 's', policy_type: 'Custom', display_name: 's', management_group_id: '/providers/Microsoft.Management/managementGroups/corp', policy_definition_reference: [{ policy_definition_id: held }] } } });
    expect(judged({ ...managementGroupSet(DEPLOYING_BUILT_IN), ...assigned('${azurerm_management_group_policy_set_definition.s.id}') })).toEqual(['fail']);
    expect(judged({ ...managementGroupSet(AUDIT_ONLY_BUILT_IN), ...assigned('${azurerm_management_group_policy_set_definition.s.id}') })).toEqual(['pass']);
  });

  test('a definition an azapi update or PUT action may rewrite is not read as written: its assignment fails closed', () => {
    const audit = { ...definition(auditing), ...assigned('${azurerm_policy_definition.d.id}') };
    const update = (resourceId: string, type = 'Microsoft.Authorization/policyDefinitions@2023-04-01'): Resources => ({ azapi_update_resource: { u: { type, resource_id: resourceId, body: { properties: { policyRule: writing } } } } });
    expect(judged(audit)).toEqual(['pass']);
    expect(judged({ ...audit, ...update('${azurerm_policy_definition.d.id}') })).toEqual(['fail']);
    expect(judged({ ...audit, ...update(`${SUB}/providers/Microsoft.Authorization/policyDefinitions/D`) })).toEqual(['fail']);
    expect(judged({ ...audit, ...update('${var.definition_id}') })).toEqual(['fail']);
    // A type known only at apply time is a command of its own too.
    expect(judged({ ...audit, ...update('${azurerm_policy_definition.d.id}', '${var.type}') })).toEqual(['fail', 'fail']);
    expect(judged({ ...audit, azapi_resource_action: { u: { type: 'Microsoft.Authorization/policyDefinitions@2023-04-01', resource_id: '${azurerm_policy_definition.d.id}', method: 'PUT', body: { properties: { policyRule: writing } } } } })).toEqual(['fail']);
    // Another definition by its literal ID, a reading action, and a write of another type leave it as written.
    expect(judged({ ...audit, ...update(`${SUB}/providers/Microsoft.Authorization/policyDefinitions/other`) })).toEqual(['pass']);
    expect(judged({ ...audit, azapi_resource_action: { u: { type: 'Microsoft.Authorization/policyDefinitions@2023-04-01', resource_id: '${azurerm_policy_definition.d.id}', method: 'GET' } } })).toEqual(['pass']);
    expect(judged({ ...audit, ...update('${var.storage_id}', 'Microsoft.Storage/storageAccounts@2023-01-01') })).toEqual(['pass']);
  });
});
