import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ResourceGroupPolicyAssignment } from '@cdktf/provider-azurerm/lib/resource-group-policy-assignment';
import { SubscriptionPolicyAssignment } from '@cdktf/provider-azurerm/lib/subscription-policy-assignment';
import { App, TerraformStack } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { AUDIT_ONLY_BUILT_INS } from '../../lib/checks/policy-writers';
import { cdktfOut, check } from '../cli/cli-harness';
import { minimalProps, providerStack, SUBSCRIPTION } from '../helpers';
import { rule } from '../../lib/checks/rules/PG-CFG-4';
import { buildStackModel, TerraformBlock } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Azure Policy acting on a judged scope, by every writer of an assignment or an exemption (fifteenth review, A15b-6, A15b-14).

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const SERVER_ID = `\${${FLEXIBLE}.db.id}`;
/** "Enable logging by category group for microsoft.dbforpostgresql/flexibleservers to Event Hub" (DeployIfNotExists). */
const DEPLOYING = '/providers/Microsoft.Authorization/policyDefinitions/bd0079c6-6f2d-42f4-9cee-e23930968f10';
const AUDIT_ONLY = '/providers/Microsoft.Authorization/policyDefinitions/5e1de0e3-42cb-4ebc-a86d-61d0c619ca48';
const GUARD = `${SUB}/providers/Microsoft.Authorization/policyAssignments/deny-public-postgres`;
/** Governance built-ins that only deny: "Allowed locations" (Audit, Deny or Disabled) and "Require a tag on resources" (Deny). */
const ALLOWED_LOCATIONS = '/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c';
const REQUIRE_TAG = '/providers/Microsoft.Authorization/policyDefinitions/871b6d14-10aa-478d-b590-94f262ecfa99';
/** "Inherit a tag from the resource group if missing": Modify. */
const INHERIT_TAG = '/providers/Microsoft.Authorization/policyDefinitions/ea3f2387-9b95-492a-a190-fcdc54f7b070';

/** The scopes of each level: one that holds the construct's server, one that does not. */
const SCOPES: [string, string, string, string][] = [
  ['resource', 'resource_id', SERVER_ID, `${SUB}/resourceGroups/rg-orders/providers/Microsoft.Storage/storageAccounts/other`],
  ['resource_group', 'resource_group_id', `${SUB}/resourceGroups/rg-orders`, `${SUB}/resourceGroups/rg-other`],
  ['resource_group', 'resource_group_id', '${azurerm_resource_group.orders.id}', '${azurerm_resource_group.other.id}'],
  ['subscription', 'subscription_id', SUB, SUB],
  ['management_group', 'management_group_id', '/providers/Microsoft.Management/managementGroups/corp', '/providers/Microsoft.Management/managementGroups/corp'],
];

function judged(extra: Resources): string[] {
  const resources: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), resource_group_name: 'rg-orders', ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_resource_group: { orders: { name: 'rg-orders', location: 'westeurope' }, other: { name: 'rg-other', location: 'westeurope' } },
    ...extra,
  };
  return verdictsBeside(rule, resources, [CONSTRUCT]).map((verdict) => ('address' in verdict ? `${verdict.status} ${verdict.address}` : verdict.status));
}

const assignment = (scope: string, attribute: string, at: string, definition: string): Resources => ({ [`azurerm_${scope}_policy_assignment`]: { x: { name: 'x', [attribute]: at, policy_definition_id: definition, location: 'westeurope', identity: { type: 'SystemAssigned' } } } });
const exemption = (scope: string, attribute: string, at: string): Resources => ({ [`azurerm_${scope}_policy_exemption`]: { x: { name: 'x', [attribute]: at, policy_assignment_id: GUARD, exemption_category: 'Waiver' } } });
const azapi = (type: string, parent: string, properties: TerraformBlock): Resources => ({ azapi_resource: { x: { type: `Microsoft.Authorization/${type}@2022-06-01`, name: 'x', parent_id: parent, body: { properties } } } });

describe('an assignment of a built-in that may deploy or change (A15b-6)', () => {
  test.each(SCOPES)('azurerm_%s_policy_assignment fails on a scope that holds the server', (scope, attribute, on) => {
    expect(judged(assignment(scope, attribute, on, DEPLOYING))).toEqual([`fail azurerm_${scope}_policy_assignment.x`]);
  });

  test.each(SCOPES.filter(([, , on, elsewhere]) => on !== elsewhere))('azurerm_%s_policy_assignment passes elsewhere', (scope, attribute, _on, elsewhere) => {
    expect(judged(assignment(scope, attribute, elsewhere, DEPLOYING))).toEqual(['pass']);
  });

  test.each(SCOPES)('azurerm_%s_policy_assignment of an audit-only built-in passes', (scope, attribute, on) => {
    expect(judged(assignment(scope, attribute, on, AUDIT_ONLY))).toEqual(['pass']);
  });

  test.each([...AUDIT_ONLY_BUILT_INS.keys()])('the audit-only built-in %s passes on the server, in any case and spelling', (id) => {
    expect(judged(assignment('resource', 'resource_id', SERVER_ID, `/providers/microsoft.authorization/policydefinitions/${id.toUpperCase()}/`))).toEqual(['pass']);
  });

  test.each(SCOPES)('azurerm_%s_policy_assignment of Allowed locations or Require a tag, which only deny, passes (69th run, A69b-1)', (scope, attribute, on) => {
    expect(judged(assignment(scope, attribute, on, ALLOWED_LOCATIONS))).toEqual(['pass']);
    expect(judged(assignment(scope, attribute, on, REQUIRE_TAG))).toEqual(['pass']);
    expect(judged(azapi('policyAssignments', `${SUB}/resourceGroups/rg-orders`, { policyDefinitionId: ALLOWED_LOCATIONS }))).toEqual(['pass']);
  });

  test('a tag built-in that modifies ("Inherit a tag from the resource group if missing") still fails; Allowed locations overridden to a writing effect fails', () => {
    expect(judged(assignment('resource_group', 'resource_group_id', `${SUB}/resourceGroups/rg-orders`, INHERIT_TAG))).toEqual(['fail azurerm_resource_group_policy_assignment.x']);
    const overridden = (value: string): Resources => ({ azurerm_subscription_policy_assignment: { x: { name: 'x', subscription_id: SUB, policy_definition_id: ALLOWED_LOCATIONS, location: 'westeurope', overrides: [{ value }] } } });
    expect(judged(overridden('Modify'))).toEqual(['fail azurerm_subscription_policy_assignment.x']);
    expect(judged(overridden('Audit'))).toEqual(['pass']);
  });

  test('a built-in set (initiative) not on the list fails', () => {
    expect(judged(assignment('subscription', 'subscription_id', SUB, '/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8'))).toEqual(['fail azurerm_subscription_policy_assignment.x']);
  });

  test('an azapi assignment of the built-in on the server\'s group fails, elsewhere passes; of an audit-only built-in passes', () => {
    expect(judged(azapi('policyAssignments', `${SUB}/resourceGroups/rg-orders`, { policyDefinitionId: DEPLOYING }))).toEqual(['fail azapi_resource.x']);
    expect(judged(azapi('policyAssignments', `${SUB}/resourceGroups/rg-other`, { policyDefinitionId: DEPLOYING }))).toEqual(['pass']);
    expect(judged(azapi('policyAssignments', `${SUB}/resourceGroups/rg-orders`, { policyDefinitionId: AUDIT_ONLY }))).toEqual(['pass']);
  });

  test('an azapi assignment of a definition defined elsewhere, or whose body is known only later, fails closed on a judged scope', () => {
    expect(judged(azapi('policyAssignments', SUB, { policyDefinitionId: `${SUB}/providers/Microsoft.Authorization/policyDefinitions/custom` }))).toEqual(['fail azapi_resource.x']);
    expect(judged({ azapi_resource: { x: { type: 'Microsoft.Authorization/policyAssignments@2022-06-01', name: 'x', parent_id: SUB, body: '${var.body}' } } })).toEqual(['fail azapi_resource.x']);
    expect(judged({ azapi_update_resource: { x: { type: 'Microsoft.Authorization/policyAssignments@2022-06-01', resource_id: `${SUB}/resourceGroups/rg-orders/providers/Microsoft.Authorization/policyAssignments/a`, body: { properties: { parameters: {} } } } } })).toEqual(['fail azapi_update_resource.x']);
  });
});

describe('a governance stack without a server beside the data stack (69th run, A69b-1)', () => {
  /** `check` on an app: "data" holds the construct (orders-db in rg-orders, logs to rg-logs), "platform" assigns the built-ins on its subscription and groups. */
  function checkApp(definitions: readonly [string, string, string]): ReturnType<typeof check> {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'governance-')) });
    const data = providerStack('data', app);
    new SecureFlexibleServer(data, 'Postgres', minimalProps());
    const platform = providerStack('platform', app);
    const [onSubscription, onServerGroup, onLogsGroup] = definitions;
    new SubscriptionPolicyAssignment(platform, 'Locations', { name: 'locations', subscriptionId: SUBSCRIPTION, policyDefinitionId: onSubscription, parameters: JSON.stringify({ listOfAllowedLocations: { value: ['westeurope'] } }) });
    new ResourceGroupPolicyAssignment(platform, 'Tag', { name: 'tag', resourceGroupId: `${SUBSCRIPTION}/resourceGroups/rg-orders`, policyDefinitionId: onServerGroup, parameters: JSON.stringify({ tagName: { value: 'team' } }) });
    new ResourceGroupPolicyAssignment(platform, 'LogsTag', { name: 'logs-tag', resourceGroupId: `${SUBSCRIPTION}/resourceGroups/rg-logs`, policyDefinitionId: onLogsGroup, parameters: JSON.stringify({ tagName: { value: 'team' } }) });
    const stacks = [data, platform] as TerraformStack[];
    stacks.forEach((stack) => stack.prepareStack());
    return check('check', cdktfOut(Object.fromEntries(stacks.map((stack) => [stack.node.id, JSON.parse(JSON.stringify(stack.toTerraform()))]))));
  }

  test('Allowed locations on the subscription and Require a tag on the server\'s and the workspace\'s groups pass', () => {
    const result = checkApp([ALLOWED_LOCATIONS, REQUIRE_TAG, REQUIRE_TAG]);
    expect(result.out.find((line) => line.startsWith('platform: '))).toBe('platform: 0 server(s), 0 error(s), 0 warning(s), 0 suppressed, 0 passed');
    expect(result.code).toBe(0);
  });

  test('a built-in that modifies there fails PG-CFG-4 on each scope that holds the server, and PG-LOG-1 on the workspace\'s group', () => {
    const result = checkApp([INHERIT_TAG, INHERIT_TAG, INHERIT_TAG]);
    expect(result.out.filter((line) => / ERROR /.test(line)).map((line) => /ERROR +(\S+) +(\S+):/.exec(line)!.slice(1).join(' ')).sort()).toEqual([
      'PG-CFG-4 azurerm_resource_group_policy_assignment.Tag', 'PG-CFG-4 azurerm_subscription_policy_assignment.Locations', 'PG-LOG-1 azurerm_resource_group_policy_assignment.LogsTag',
    ]);
    expect(result.code).toBe(1);
  });
});

describe('a policy exemption (A15b-14)', () => {
  test.each(SCOPES)('azurerm_%s_policy_exemption fails on a scope that holds the server', (scope, attribute, on) => {
    expect(judged(exemption(scope, attribute, on))).toEqual([`fail azurerm_${scope}_policy_exemption.x`]);
  });

  test.each(SCOPES.filter(([, , on, elsewhere]) => on !== elsewhere))('azurerm_%s_policy_exemption passes elsewhere', (scope, attribute, _on, elsewhere) => {
    expect(judged(exemption(scope, attribute, elsewhere))).toEqual(['pass']);
  });

  test('an azapi exemption (resource, update or PUT action) fails on the server, passes elsewhere', () => {
    const properties = { policyAssignmentId: GUARD, exemptionCategory: 'Waiver' };
    expect(judged(azapi('policyExemptions', SERVER_ID, properties))).toEqual(['fail azapi_resource.x']);
    expect(judged({ azapi_resource_action: { x: { type: 'Microsoft.Authorization/policyExemptions@2022-07-01-preview', resource_id: `${SUB}/resourceGroups/rg-orders/providers/Microsoft.Authorization/policyExemptions/e`, method: 'PUT', body: { properties } } } })).toEqual(['fail azapi_resource_action.x']);
    expect(judged(azapi('policyExemptions', `${SUB}/resourceGroups/rg-other`, properties))).toEqual(['pass']);
  });

  test('an exemption whose scope is known only at apply time may hold the construct\'s server', () => {
    expect(judged(exemption('resource_group', 'resource_group_id', '${var.group_id}'))).toEqual(['fail azurerm_resource_group_policy_exemption.x']);
  });
});

describe('a remediation task, which runs an assignment\'s deployments now', () => {
  const remediation = (at: string, assignmentId: string): Resources => ({ azurerm_resource_group_policy_remediation: { x: { name: 'x', resource_group_id: at, policy_assignment_id: assignmentId } } });

  test('of an assignment the stack does not write fails on a scope that holds the server, passes elsewhere', () => {
    expect(judged(remediation(`${SUB}/resourceGroups/rg-orders`, GUARD))).toEqual(['fail azurerm_resource_group_policy_remediation.x']);
    expect(judged(remediation(`${SUB}/resourceGroups/rg-other`, GUARD))).toEqual(['pass']);
    expect(judged({ azapi_resource: { x: { type: 'Microsoft.PolicyInsights/remediations@2021-10-01', name: 'x', parent_id: `${SUB}/resourceGroups/rg-orders`, body: { properties: { policyAssignmentId: GUARD } } } } })).toEqual(['fail azapi_resource.x']);
  });

  test('of an assignment of the stack is judged as that assignment is', () => {
    const own = (definition: string): Resources => ({ ...assignment('resource_group', 'resource_group_id', `${SUB}/resourceGroups/rg-orders`, definition), ...remediation(`${SUB}/resourceGroups/rg-orders`, '${azurerm_resource_group_policy_assignment.x.id}') });
    expect(judged(own(AUDIT_ONLY))).toEqual(['pass']);
    expect(judged(own(DEPLOYING))).toEqual(['fail azurerm_resource_group_policy_assignment.x']);
  });
});

test('an azapi_resource_action data source that PUTs an exemption on the server\'s group (sent at every plan) fails', () => {
  const model = buildStackModel({
    resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), resource_group_name: 'rg-orders', ...madeAt(`${CONSTRUCT}/Server`) } } },
    data: { azapi_resource_action: { x: { type: 'Microsoft.Authorization/policyExemptions@2022-07-01-preview', resource_id: `${SUB}/resourceGroups/rg-orders/providers/Microsoft.Authorization/policyExemptions/e`, method: 'PUT', body: { properties: { policyAssignmentId: GUARD, exemptionCategory: 'Waiver' } } } } },
  });
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
  expect((Array.isArray(result) ? result : [result]).map((verdict) => ('address' in verdict ? `${verdict.status} ${verdict.address}` : verdict.status))).toEqual(['fail data.azapi_resource_action.x']);
});

describe('an assignment\'s effect overrides (eighteenth review, A18b-6)', () => {
  const RULE = { if: { field: 'type', equals: 'Microsoft.DBforPostgreSQL/flexibleServers' },
    then: { effect: 'Audit', details: { roleDefinitionIds: ['/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c'],
      operations: [{ operation: 'addOrReplace', field: 'Microsoft.DBforPostgreSQL/flexibleServers/network.publicNetworkAccess', value: 'Enabled' }] } } };
  const definition = { azurerm_policy_definition: { p: { name: 'p', policy_type: 'Custom', mode: 'Indexed', display_name: 'p', policy_rule: JSON.stringify(RULE) } } };
  const azurerm = (overrides?: unknown, at = SUB): Resources => ({ ...definition, azurerm_subscription_policy_assignment: { x: { name: 'x', subscription_id: at, policy_definition_id: '${azurerm_policy_definition.p.id}', location: 'westeurope', identity: { type: 'SystemAssigned' }, ...(overrides === undefined ? {} : { overrides }) } } });
  const byAzapi = (overrides?: unknown, pointer = '${azurerm_policy_definition.p.id}'): Resources => ({ ...definition, ...azapi('policyAssignments', SUB, { policyDefinitionId: pointer, ...(overrides === undefined ? {} : { overrides }) }) });

  test('an audit-only definition of the stack overridden to a writing effect (or an effect known only later) fails; without, or overridden to another audit effect, it passes', () => {
    for (const value of ['Modify', 'append', 'DeployIfNotExists', '${var.effect}']) expect(judged(azurerm([{ value }]))).toEqual(['fail azurerm_subscription_policy_assignment.x']);
    expect(judged(azurerm([{ value: 'Modify', selectors: [{ in: ['westeurope'], kind: 'resourceLocation' }] }]))).toEqual(['fail azurerm_subscription_policy_assignment.x']);
    expect(judged(azurerm())).toEqual(['pass']);
    expect(judged(azurerm([{ value: 'Disabled' }]))).toEqual(['pass']);
  });

  test('by azapi: properties.overrides of kind policyEffect (any case) to a writing effect fails; of a kind known only later fails closed; none passes', () => {
    expect(judged(byAzapi([{ kind: 'policyEffect', value: 'Modify' }]))).toEqual(['fail azapi_resource.x']);
    expect(judged(byAzapi([{ Kind: 'PolicyEffect', Value: 'modify' }]))).toEqual(['fail azapi_resource.x']);
    expect(judged(byAzapi([{ kind: '${var.kind}', value: 'Modify' }]))).toEqual(['fail azapi_resource.x']);
    expect(judged(byAzapi())).toEqual(['pass']);
    expect(judged(byAzapi([{ kind: 'policyEffect', value: 'Audit' }]))).toEqual(['pass']);
  });

  test('an audit-only built-in overridden to a writing effect is no longer audit-only', () => {
    expect(judged(assignment('subscription', 'subscription_id', SUB, AUDIT_ONLY))).toEqual(['pass']);
    const overridden: Resources = { azurerm_subscription_policy_assignment: { x: { name: 'x', subscription_id: SUB, policy_definition_id: AUDIT_ONLY, location: 'westeurope', identity: { type: 'SystemAssigned' }, overrides: [{ value: 'DeployIfNotExists' }] } } };
    expect(judged(overridden)).toEqual(['fail azurerm_subscription_policy_assignment.x']);
    expect(judged(byAzapi([{ kind: 'policyEffect', value: 'Modify' }], AUDIT_ONLY))).toEqual(['fail azapi_resource.x']);
  });

  test('azurerm overrides written as dynamic blocks are read as their content: a writing effect, or one known only later, fails; an audit effect passes', () => {
    const dynamic = (value: string): Resources => {
      const written = azurerm() as { [type: string]: { [name: string]: { [key: string]: unknown } } };
      const x = written.azurerm_subscription_policy_assignment.x;
      return { ...written, azurerm_subscription_policy_assignment: { x: { ...x, dynamic: { overrides: { for_each: '${var.overrides}', content: { value } } } } } };
    };
    expect(judged(dynamic('Modify'))).toEqual(['fail azurerm_subscription_policy_assignment.x']);
    expect(judged(dynamic('${overrides.value}'))).toEqual(['fail azurerm_subscription_policy_assignment.x']);
    expect(judged(dynamic('Disabled'))).toEqual(['pass']);
  });
});

describe('an assignment\'s own parameters and a definition rewritten by a data-source or ephemeral action (queued, closing note 29)', () => {
  const modifying = (effect: object, field: string) => ({ if: { field: 'type', equals: 'Microsoft.DBforPostgreSQL/flexibleServers' },
    then: { effect: '[parameters(\'effect\')]', details: { roleDefinitionIds: ['/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c'],
      operations: [{ operation: 'addOrReplace', field, value: '[parameters(\'value\')]' }] } }, effect });
  const definitionOf = (allowed: string[] | undefined, field = 'Microsoft.DBforPostgreSQL/flexibleServers/network.publicNetworkAccess'): Resources => ({ azurerm_policy_definition: { p: { name: 'p', policy_type: 'Custom', mode: 'Indexed', display_name: 'p',
    policy_rule: JSON.stringify(modifying({}, field)), parameters: JSON.stringify({ effect: { type: 'String', defaultValue: 'Audit', ...(allowed === undefined ? {} : { allowedValues: allowed }) }, value: { type: 'String' } }) } } });
  const assigned = (parameters: object): Resources => ({ azurerm_subscription_policy_assignment: { x: { name: 'x', subscription_id: SUB, policy_definition_id: '${azurerm_policy_definition.p.id}', location: 'westeurope', identity: { type: 'SystemAssigned' }, parameters: JSON.stringify(parameters) } } });

  test('the assignment\'s parameters choose among the definition\'s allowed effects only: Audit-only allowed passes; a parameter without allowedValues (its default Audit) may be Modify and fails', () => {
    expect(judged({ ...definitionOf(['Audit', 'Disabled']), ...assigned({ effect: { value: 'Audit' }, value: { value: 'Enabled' } }) })).toEqual(['pass']);
    expect(judged({ ...definitionOf(undefined), ...assigned({ effect: { value: 'Modify' }, value: { value: 'Enabled' } }) })).toEqual(['fail azurerm_subscription_policy_assignment.x']);
    expect(judged({ ...definitionOf(undefined), ...assigned({}) })).toEqual(['fail azurerm_subscription_policy_assignment.x']);
  });

  test('a field the assignment\'s parameters name may be any field of the perimeter: it fails', () => {
    expect(judged({ ...definitionOf(['Modify']), ...assigned({}) })).toEqual(['fail azurerm_subscription_policy_assignment.x']);
    expect(judged({ ...definitionOf(['Modify'], '[parameters(\'field\')]'), ...assigned({ field: { value: 'Microsoft.DBforPostgreSQL/flexibleServers/network.publicNetworkAccess' } }) })).toEqual(['fail azurerm_subscription_policy_assignment.x']);
  });

  test.each(['data', 'ephemeral', 'action'])('a definition a PUT action of a %s block rewrites is not read as written: its assignment fails closed', (section) => {
    const audit = { ...definitionOf(['Audit', 'Disabled']), ...assigned({}) };
    const rewrite = { azapi_resource_action: { u: { type: 'Microsoft.Authorization/policyDefinitions@2023-04-01', resource_id: '${azurerm_policy_definition.p.id}', method: 'PUT', body: { properties: { policyRule: modifying({}, 'Microsoft.DBforPostgreSQL/flexibleServers/network.publicNetworkAccess') } } } } };
    const model = (extra: object) => buildStackModel({ resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), resource_group_name: 'rg-orders', ...madeAt(`${CONSTRUCT}/Server`) } }, ...audit }, ...extra });
    const verdicts = (extra: object) => {
      const built = model(extra);
      const result = rule.evaluate(built.servers.find((s) => s.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: built.resources, constructs: [CONSTRUCT] });
      return (Array.isArray(result) ? result : [result]).map((verdict) => ('address' in verdict ? `${verdict.status} ${verdict.address}` : verdict.status));
    };
    expect(verdicts({})).toEqual(['pass']);
    expect(verdicts({ [section]: rewrite })).toContain('fail azurerm_subscription_policy_assignment.x');
  });
});
