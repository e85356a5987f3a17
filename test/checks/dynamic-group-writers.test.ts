import { TerraformResource } from 'cdktf';
import { EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { checkStack } from '../cli/cli-harness';
import { minimalProps, providerStack, synthErrors } from '../helpers';
import { administratorFindings } from './administrator-fixtures';

// 29th run, A29a-2 (and the known gaps "restapi dynamic-membership writes", "`membershipRuleProcessingState: On` alone"): an existing
// group made dynamic over all users passed through every Graph writer but the msgraph ones (administrator-memberships.ts read only
// graphRequest's msgraph senders). The dynamic-group reader now reads every Graph or REST writer's requests as the other readers do
// (graph-urls.ts graphWrites, mayReachGraph, sentBody): restful, terracurl and restapi writes of `groups/<id>` by any method but a
// POST, a block an import or moved block adopts writing the `groups` collection, and `membershipRuleProcessingState` other than Paused.

type Json = { [key: string]: any };
const USER = '99999999-7777-8888-9999-000000000001';
const SP = '99999999-7777-8888-9999-000000000003';
const EXISTING = '44444444-4444-4444-4444-444444444444';
const GRAPH = 'https://graph.microsoft.com/v1.0';
const RULE = '(user.accountEnabled -eq true)';
const DYNAMIC = { groupTypes: ['DynamicMembership'], membershipRule: RULE, membershipRuleProcessingState: 'On' };
const RESTFUL = { restful: [{ base_url: GRAPH }] };
const RESTAPI = { restapi: [{ uri: GRAPH }] };

/** One block of a type named "w", with providers. */
const one = (type: string, config: Json, provider: Json = {}, extra: Json = {}): Json => ({ provider, ...extra, resource: { [type]: { w: config } } });

/** Each Graph or REST writer setting a dynamic rule on the existing group: the blocks, and the failing address. */
const FAILING: readonly (readonly [string, Json, string])[] = [
  ['restful_operation PATCH groups/<id>', one('restful_operation', { path: `/groups/${EXISTING}`, method: 'PATCH', body: DYNAMIC }, RESTFUL), 'restful_operation.w'],
  ['restful_operation lower-case patch, only a membershipRule in another key case', one('restful_operation', { path: `/groups/${EXISTING}`, method: 'patch', body: { MEMBERSHIPRULE: RULE } }, RESTFUL), 'restful_operation.w'],
  ['restful_operation Put, groupTypes known only at apply time', one('restful_operation', { path: `groups/${EXISTING}/`, method: 'Put', body: { groupTypes: '${var.types}' } }, RESTFUL), 'restful_operation.w'],
  ['restful_operation PATCH turning an existing rule on (membershipRuleProcessingState On alone)', one('restful_operation', { path: `/groups/${EXISTING}`, method: 'PATCH', body: { membershipRuleProcessingState: 'On' } }, RESTFUL), 'restful_operation.w'],
  ['restful_operation method known only at apply time', one('restful_operation', { path: `/groups/${EXISTING}`, method: '${var.method}', body: DYNAMIC }, RESTFUL), 'restful_operation.w'],
  ['restful_operation for_each over groups', one('restful_operation', { for_each: `\${toset(["${EXISTING}"])}`, path: '/groups/${each.value}', method: 'PATCH', body: DYNAMIC }, RESTFUL), 'restful_operation.w'],
  ['restful_operation with no provider block (its base URL not read)', one('restful_operation', { path: `/groups/${EXISTING}`, method: 'PATCH', body: DYNAMIC }), 'restful_operation.w'],
  ['restful_operation body known only at apply time', one('restful_operation', { path: `/groups/${EXISTING}`, method: 'PATCH', body: '${var.body}' }, RESTFUL), 'restful_operation.w'],
  ['restful_resource PUT /groups an import adopts the existing group into', one('restful_resource', { path: '/groups', create_method: 'PUT', body: DYNAMIC }, RESTFUL, { import: [{ to: 'restful_resource.w', id: JSON.stringify({ id: `/groups/${EXISTING}`, path: '/groups' }) }] }), 'restful_resource.w'],
  ['restful_resource update_path $(body.id) of a block an import adopts', one('restful_resource', { path: '/groups', update_path: '/groups/$(body.id)', update_method: 'PATCH', body: DYNAMIC }, RESTFUL, { import: [{ to: 'restful_resource.w', id: '${var.spec}' }] }), 'restful_resource.w'],
  ['restful_resource create_method PATCH of groups/<id>', one('restful_resource', { path: `/groups/${EXISTING}`, create_method: 'PATCH', body: DYNAMIC }, RESTFUL), 'restful_resource.w'],
  ['restful_resource update_path groups/<id>', one('restful_resource', { path: '/groups', update_path: `/groups/${EXISTING}`, update_method: 'PATCH', body: { displayName: 'x', ...DYNAMIC } }, RESTFUL), 'restful_resource.w'],
  ['terracurl_request patch, a JSON text body', one('terracurl_request', { name: 'x', url: `${GRAPH}/groups/${EXISTING}`, method: 'patch', request_body: JSON.stringify({ groupTypes: ['DynamicMembership'], membershipRule: RULE }), response_codes: ['204'] }), 'terracurl_request.w'],
  ['terracurl_request PATCH, a jsonencode() body', one('terracurl_request', { name: 'x', url: `${GRAPH}/groups/${EXISTING}`, method: 'PATCH', request_body: '${jsonencode({membershipRuleProcessingState = "On"})}', response_codes: ['204'] }), 'terracurl_request.w'],
  ['terracurl_request PATCH, a body that is no JSON', one('terracurl_request', { name: 'x', url: `${GRAPH}/groups/${EXISTING}`, method: 'PATCH', request_body: 'membershipRule=x', response_codes: ['204'] }), 'terracurl_request.w'],
  ['terracurl_request PATCH, a templated body', one('terracurl_request', { name: 'x', url: `${GRAPH}/groups/${EXISTING}`, method: 'PATCH', request_body: '{"membershipRule": "${var.rule}"}', response_codes: ['204'] }), 'terracurl_request.w'],
  ['terracurl_request PATCH (national cloud), membershipRule written twice in different case', one('terracurl_request', { name: 'x', url: `https://graph.microsoft.us/v1.0/groups/${EXISTING}`, method: 'PATCH', request_body: '{"membershipRule": null, "MembershipRule": "x"}', response_codes: ['204'] }), 'terracurl_request.w'],
  ['terracurl_request destroy_method PATCH of groups/<id>, its destroy_request_body', one('terracurl_request', { name: 'x', url: 'https://api.example.com/x', method: 'GET', destroy_url: `${GRAPH}/groups/${EXISTING}`, destroy_method: 'PATCH', destroy_request_body: JSON.stringify({ membershipRule: RULE }), response_codes: ['200'] }), 'terracurl_request.w'],
  ['restful_operation PATCH, the rule in its ephemeral_body (merged into body)', one('restful_operation', { path: `/groups/${EXISTING}`, method: 'PATCH', body: { displayName: 'x' }, ephemeral_body: { membershipRule: RULE } }, RESTFUL), 'restful_operation.w'],
  ['restapi_object of groups/<id>, the rule in its update_data', one('restapi_object', { path: `/groups/${EXISTING}`, data: '{"displayName":"x"}', update_data: JSON.stringify({ membershipRule: RULE }) }, RESTAPI), 'restapi_object.w'],
  ['restapi_object of groups/<id> (its data a JSON text)', one('restapi_object', { path: `/groups/${EXISTING}`, data: JSON.stringify(DYNAMIC) }, RESTAPI), 'restapi_object.w'],
  ['restapi_object of groups an import adopts', one('restapi_object', { path: '/groups', data: JSON.stringify({ membershipRule: RULE }) }, RESTAPI, { import: [{ to: 'restapi_object.w', id: `/groups/${EXISTING}` }] }), 'restapi_object.w'],
  ['msgraph_resource of groups an import adopts', one('msgraph_resource', { url: 'groups', body: DYNAMIC }, {}, { import: [{ to: 'msgraph_resource.w', id: `/groups/${EXISTING}` }] }), 'msgraph_resource.w'],
  ['msgraph_update_resource membershipRuleProcessingState On alone', one('msgraph_update_resource', { url: `groups/${EXISTING}`, body: { membershipRuleProcessingState: 'On' } }), 'msgraph_update_resource.w'],
];

describe('A29a-2: an existing group made dynamic through any Graph or REST writer fails PG-IAM-3 beside a user administrator', () => {
  test.each(FAILING)('%s', (_name, blocks, address) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual([address]);
  });

  test('a data.http PATCH of groups/<id> fails (as every posting lookup)', () => {
    expect(administratorFindings({ data: { http: { h: { url: `${GRAPH}/groups/${EXISTING}`, method: 'PATCH', request_body: JSON.stringify(DYNAMIC) } } } }, 'User', USER)).toEqual(['data.http.h']);
  });

  test.each<[string, Json]>([
    ['a new dynamic group restful_resource posts', one('restful_resource', { path: '/groups', read_path: '$(path)/$(body.id)', body: { displayName: 'all', mailNickname: 'all', securityEnabled: true, mailEnabled: false, ...DYNAMIC } }, RESTFUL)],
    ['a new dynamic group restful_resource posts, updated at /groups/$(body.id)', one('restful_resource', { path: '/groups', update_path: '/groups/$(body.id)', update_method: 'PATCH', body: DYNAMIC }, RESTFUL)],
    ['a new dynamic group terracurl posts', one('terracurl_request', { name: 'x', url: `${GRAPH}/groups`, method: 'POST', request_body: JSON.stringify(DYNAMIC), response_codes: ['201'] })],
    ['a new dynamic group restapi_object posts', one('restapi_object', { path: '/groups', data: JSON.stringify(DYNAMIC) }, RESTAPI)],
    ['a restful PATCH of another group\'s displayName', one('restful_operation', { path: `/groups/${EXISTING}`, method: 'PATCH', body: { displayName: 'renamed' } }, RESTFUL)],
    ['a restful PATCH of another group\'s displayName, a DELETE on destroy with a delete_body holding no rule', one('restful_operation', { path: `/groups/${EXISTING}`, method: 'PATCH', body: { displayName: 'renamed' }, delete_path: `/groups/${EXISTING}`, delete_method: 'DELETE', delete_body: { displayName: 'old' } }, RESTFUL)],
    ['a terracurl PATCH pausing the rule', one('terracurl_request', { name: 'x', url: `${GRAPH}/groups/${EXISTING}`, method: 'PATCH', request_body: '{"membershipRuleProcessingState":"Paused"}', response_codes: ['204'] })],
    ['a restful PATCH of groups/<id> to another API', one('restful_operation', { path: `/groups/${EXISTING}`, method: 'PATCH', body: DYNAMIC }, { restful: [{ base_url: 'https://api.example.com/v1' }] })],
    ['a restful GET of the group, its DELETE on destroy', one('restful_operation', { path: `/groups/${EXISTING}`, method: 'GET', delete_path: `/groups/${EXISTING}/x`, delete_method: 'DELETE', body: DYNAMIC }, RESTFUL)],
    ['a restful PATCH of a group the stack makes', { provider: RESTFUL, resource: { azuread_group: { g: { display_name: 'g', security_enabled: true } }, restful_operation: { w: { path: '/groups/${azuread_group.g.object_id}', method: 'PATCH', body: DYNAMIC } } } }],
  ])('control: %s passes', (_name, blocks) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual(['pass']);
  });

  test('control: a service principal administrator (dynamic groups hold users or devices) passes', () => {
    expect(administratorFindings(FAILING[0][1], 'ServicePrincipal', SP)).toEqual(['pass']);
  });
});

describe('A29a-2 through a cdktf program: synth and the check command', () => {
  const stack = (type: string, config: Json, provider?: readonly [string, string, Json]) => {
    const made = providerStack();
    if (provider !== undefined) {
      made.addOverride(`terraform.required_providers.${provider[0]}`, { source: provider[1] });
      made.addOverride(`provider.${provider[0]}`, [provider[2]]);
    }
    const block = new TerraformResource(made, 'W', { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
    new SecureFlexibleServer(made, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: USER, principalName: 'dba@contoso.com', principalType: EntraPrincipalType.USER }] }));
    return made;
  };
  const restful = ['restful', 'magodo/restful', { base_url: GRAPH }] as const;

  const iam3 = (lines: readonly string[]) => lines.filter((line) => line.includes('PG-IAM-3'));
  const CASES: readonly [string, Json, (readonly [string, string, Json])?][] = [
    ['restful_operation', { path: `/groups/${EXISTING}`, method: 'PATCH', body: DYNAMIC }, restful],
    ['terracurl_request', { name: 'x', url: `${GRAPH}/groups/${EXISTING}`, method: 'patch', request_body: JSON.stringify({ membershipRule: RULE }), response_codes: ['204'] }, ['terracurl', 'devops-rob/terracurl', {}]],
    ['restapi_object', { path: `/groups/${EXISTING}`, data: JSON.stringify({ membershipRuleProcessingState: 'On' }) }, ['restapi', 'Mastercard/restapi', { uri: GRAPH }]],
  ];

  test.each(CASES)('%s PATCH of groups/<existing> making it dynamic fails PG-IAM-3 at synth and in the check command', (type, config, provider) => {
    const failing = stack(type, config, provider);
    expect(iam3(synthErrors(failing)).some((line) => line.includes(`${type}.W `))).toBe(true);
    const checked = checkStack(failing);
    expect(checked.code).toBe(1);
    expect(iam3(checked.out).some((line) => line.includes(`${type}.W:`))).toBe(true);
  });

  test.each(CASES)('control: %s PATCH of another group\'s displayName fails no PG-IAM-3 (synth, check)', (type, config, provider) => {
    const renamed = type === 'restful_operation' ? { ...config, body: { displayName: 'renamed' } } : type === 'terracurl_request' ? { ...config, request_body: '{"displayName":"renamed"}' } : { ...config, data: '{"displayName":"renamed"}' };
    const passing = stack(type, renamed, provider);
    expect(iam3(synthErrors(passing))).toEqual([]);
    expect(iam3(checkStack(passing).out)).toEqual([]);
  });

  test('a restful_resource a moved block hands an existing group, posting a dynamic rule to /groups, fails PG-IAM-3 in the check command', () => {
    const moved = stack('restful_resource', { path: '/groups', read_path: '$(path)/$(body.id)', body: DYNAMIC }, restful);
    moved.addOverride('moved', [{ from: 'restful_resource.Old', to: 'restful_resource.W' }]);
    expect(iam3(checkStack(moved).out).some((line) => line.includes('restful_resource.W:'))).toBe(true);
  });
});
