import { EntraPrincipalType } from '../../lib';
import { graphWrites, HTTP_REQUEST_TYPES, mayReachGraph } from '../../lib/checks/graph-urls';
import type { ResourceView } from '../../lib/checks/stack-model';
import { administratorErrors, administratorStack, failingBlocks, RawBlock } from './administrator-fixtures';

// Twenty-eighth review, A28b-1: generic HTTP-request providers send to Microsoft Graph what msgraph and restapi send. magodo/restful
// (`restful_resource`, `restful_operation`, `data.restful_resource` with a method), devops-rob/terracurl (`terracurl_request`, its data
// source) and hashicorp/http (`data.http` with a method) are read through one table (graph-urls.ts HTTP_REQUESTS) as the restapi blocks
// are: the allow-list of Graph write targets, the pointer, credential and group readers of PG-IAM-3, when they may send to a Graph host
// (its provider's base URL, or the whole URL, a Graph host or known only at apply time, or no provider block). To another literal host
// a path no reader knows is no Graph write; a request that names the administrator fails whatever its host, as a restapi_object's.

const ADMIN = '00000000-0000-0000-0000-0000000000a1';
const GROUP = '00000000-0000-0000-0000-000000000002';
const TAP = `/users/${ADMIN}/authentication/temporaryAccessPassMethods`;
const FED = { issuerUri: 'https://idp.example', passiveSignInUri: 'https://idp.example/sso', federatedIdpMfaBehavior: 'acceptIfMfaDoneByFederatedIdp' };
const GRAPH = 'https://graph.microsoft.com/v1.0';
const OTHER = 'https://api.example.com/v1';

const USER_ADMIN = { objectId: ADMIN, principalName: 'dba@contoso.com', principalType: EntraPrincipalType.USER };
const GROUP_ADMIN = { objectId: GROUP, principalName: 'pg-admins', principalType: EntraPrincipalType.GROUP };

/**
 * The resources PG-IAM-3 fails in a stack with the blocks and lookups (`${BASE}` a variable), the providers' configurations (`provider.<name>`),
 * raw blocks at their path (`ephemeral.<type>.<name>`, `check.<name>`), and a server whose one administrator is given.
 */
function iam3(blocks: readonly RawBlock[], administrator: typeof USER_ADMIN, providers: { readonly [name: string]: unknown } = {}, lookups: readonly RawBlock[] = []): string[] {
  return failingBlocks(administratorErrors(administratorStack(blocks, administrator, { providers, lookups })));
}

const RESTFUL_GRAPH = { restful: [{ base_url: GRAPH }] };
/** A new Conditional Access policy that only hardens (MFA for all users). */
const NEW_POLICY = { displayName: 'mfa', state: 'enabled', conditions: { clientAppTypes: ['all'], applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'] } }, grantControls: { operator: 'OR', builtInControls: ['mfa'] } };
const RESTFUL_OTHER = { restful: [{ base_url: OTHER }] };

/** Each generic HTTP-request resource type writing to Graph: a TAP for the administrator by its literal ID, a domain's federation, cross-tenant trust. */
const WRITES: readonly [string, RawBlock][] = [
  ['restful_resource TAP (create_method unset: POST)', ['restful_resource', 'w', { path: TAP, body: { isUsableOnce: false } }]],
  ['restful_operation POST TAP', ['restful_operation', 'w', { path: TAP, method: 'POST', body: { isUsableOnce: false } }]],
  ['restful_operation GET, its delete_path DELETE of the TAP', ['restful_operation', 'w', { path: `/users/${ADMIN}`, method: 'GET', delete_path: `${TAP}/x`, delete_method: 'DELETE' }]],
  ['restful_resource domain federation', ['restful_resource', 'w', { path: '/domains/contoso.com/federationConfiguration', body: FED }]],
  ['restful_operation PATCH cross-tenant inbound trust', ['restful_operation', 'w', { path: '/policies/crossTenantAccessPolicy/default', method: 'PATCH', body: { inboundTrust: { isMfaAccepted: true } } }]],
  ['restful_operation method known only at apply time', ['restful_operation', 'w', { path: '/policies/crossTenantAccessPolicy/default', method: '${BASE}' }]],
  ['restful_operation for_each over users', ['restful_operation', 'w', { for_each: '${toset(["a","b"])}', path: '/users/${each.value}/authentication/temporaryAccessPassMethods', method: 'POST' }]],
  ['terracurl_request POST TAP', ['terracurl_request', 'w', { name: 't', url: `${GRAPH}${TAP}`, method: 'POST', request_body: '{"isUsableOnce":false}', response_codes: ['201'] }]],
  ['terracurl_request domain federation (national cloud)', ['terracurl_request', 'w', { name: 'f', url: 'https://graph.microsoft.us/v1.0/domains/contoso.com/federationConfiguration', method: 'POST', request_body: JSON.stringify(FED), response_codes: ['201'] }]],
  ['terracurl_request count, URL known only at apply time', ['terracurl_request', 'w', { count: 2, name: 'f', url: '${BASE}/policies/crossTenantAccessPolicy/default', method: 'PATCH', response_codes: ['204'] }]],
  // The lead's review after the twenty-eighth run: a delete request of another policy or sign-in object is the delete rule's (graph-write-targets.ts).
  ['restful_resource new CA policy, its delete_path another policy', ['restful_resource', 'w', { path: '/identity/conditionalAccess/policies', body: NEW_POLICY, delete_path: '/identity/conditionalAccess/policies/44444444-4444-4444-4444-444444444444' }]],
  ['restful_operation GET of a named location, delete_method DELETE (its delete goes to its path)', ['restful_operation', 'w', { path: '/identity/conditionalAccess/namedLocations/n1', method: 'GET', delete_method: 'DELETE' }]],
  ['terracurl_request, its destroy_url a named location', ['terracurl_request', 'w', { name: 'n', url: `${GRAPH}/subscriptions`, method: 'POST', request_body: '{}', response_codes: ['201'], destroy_url: `${GRAPH}/identity/conditionalAccess/namedLocations/n1`, destroy_method: 'delete', destroy_response_codes: ['204'] }]],
  ['terracurl_request GET, its destroy_url DELETE on Graph', ['terracurl_request', 'w', { name: 'd', url: 'https://api.example.com/x', method: 'GET', destroy_url: `${GRAPH}/policies/crossTenantAccessPolicy/default`, destroy_method: 'DELETE', response_codes: ['200'] }]],
];

describe('A28b-1: generic HTTP-request resources that may write to Graph are read beside an Entra administrator', () => {
  test.each(WRITES)('%s to Graph (base_url a Graph host) fails PG-IAM-3', (_, block) => {
    expect(iam3([block], USER_ADMIN, RESTFUL_GRAPH)).toEqual([`${block[0]}.w`]);
  });

  test.each(WRITES.filter(([, [type]]) => type.startsWith('restful_')))('%s with no restful provider block, or a base_url known only at apply time, fails PG-IAM-3', (_, block) => {
    expect(iam3([block], USER_ADMIN)).toEqual([`${block[0]}.w`]);
    expect(iam3([block], USER_ADMIN, { restful: [{ base_url: '${BASE}' }] })).toEqual([`${block[0]}.w`]);
  });

  test('a restful block of an aliased provider on Graph fails beside a default provider on another host; of the other host it passes', () => {
    const providers = { restful: [{ base_url: OTHER }, { alias: 'graph', base_url: GRAPH }] };
    expect(iam3([['restful_resource', 'w', { path: TAP, body: {}, provider: 'restful.graph' }]], USER_ADMIN, providers)).toEqual(['restful_resource.w']);
    expect(iam3([['restful_resource', 'w', { path: '/domains/contoso.com/federationConfiguration', body: FED, provider: 'restful.graph' }]], USER_ADMIN, providers)).toEqual(['restful_resource.w']);
    expect(iam3([['restful_resource', 'w', { path: '/domains/contoso.com/federationConfiguration', body: FED }]], USER_ADMIN, providers)).toEqual([]);
  });

  test('restful_operation adding a member to the administrator group (groups/<id>/members/$ref) fails PG-IAM-3', () => {
    const add: RawBlock = ['restful_operation', 'm', { path: `/groups/${GROUP}/members/$ref`, method: 'POST', body: { '@odata.id': `${GRAPH}/directoryObjects/00000000-0000-0000-0000-0000000000ee` } }];
    expect(iam3([add], GROUP_ADMIN, RESTFUL_GRAPH)).toEqual(['restful_operation.m']);
    expect(iam3([['terracurl_request', 'm', { name: 'm', url: `${GRAPH}/groups/${GROUP}/members/$ref`, method: 'POST', response_codes: ['204'] }]], GROUP_ADMIN)).toEqual(['terracurl_request.m']);
  });

  test('lookups that send other than GET to Graph fail PG-IAM-3 (data.restful_resource, data.terracurl_request, data.http)', () => {
    const lookups: RawBlock[] = [
      ['restful_resource', 'r', { id: TAP, method: 'POST' }],
      ['terracurl_request', 't', { name: 't', url: `${GRAPH}${TAP}`, method: 'POST', response_codes: ['201'] }],
      ['http', 'h', { url: `${GRAPH}/policies/crossTenantAccessPolicy/default`, method: 'PATCH' }],
    ];
    for (const lookup of lookups) expect(iam3([], USER_ADMIN, RESTFUL_GRAPH, [lookup])).toEqual([`data.${lookup[0]}.${lookup[1]}`]);
  });

  test('ephemeral resources that open, renew or close with other than GET on Graph, and a check block\'s data.http that PATCHes, fail PG-IAM-3', () => {
    const ephemeral: [string, object][] = [
      ['ephemeral.restful_resource.e', { path: TAP, method: 'POST', body: { isUsableOnce: false } }],
      ['ephemeral.restful_resource.e', { path: `/users/${ADMIN}`, method: 'GET', close_path: '/policies/crossTenantAccessPolicy/default', close_method: 'PATCH' }],
      ['ephemeral.terracurl_request.e', { name: 'e', url: `${GRAPH}${TAP}`, method: 'POST', response_codes: ['201'] }],
      ['ephemeral.terracurl_request.e', { name: 'e', url: `${GRAPH}/me`, method: 'GET', response_codes: ['200'], renew_url: `${GRAPH}/policies/crossTenantAccessPolicy/default`, renew_method: 'PATCH' }],
    ];
    for (const [address, config] of ephemeral) expect(iam3([], USER_ADMIN, { ...RESTFUL_GRAPH, [address]: config })).toEqual([address]);
    const check = { 'check.probe': { data: { http: { h: { url: `${GRAPH}/policies/crossTenantAccessPolicy/default`, method: 'PATCH' } } }, assert: [{ condition: true, error_message: 'x' }] } };
    expect(iam3([], USER_ADMIN, check)).toEqual(['check.probe.data.http.h']);
  });

  test('the body is read where the provider takes it (terracurl request_body, restful body): a hardening update of a Conditional Access policy passes, one that disables it fails', () => {
    const policy = `${GRAPH}/identity/conditionalAccess/policies/11111111-1111-1111-1111-111111111111`;
    const hardening = JSON.stringify({ grantControls: { operator: 'OR', builtInControls: ['mfa'] } });
    const terracurl = (body: string): RawBlock => ['terracurl_request', 'ca', { name: 'ca', url: policy, method: 'PATCH', request_body: body, response_codes: ['204'] }];
    const restful = (body: unknown): RawBlock => ['restful_operation', 'ca', { path: policy.slice(GRAPH.length), method: 'PATCH', body }];
    expect(iam3([terracurl(hardening)], USER_ADMIN)).toEqual([]);
    expect(iam3([restful(JSON.parse(hardening))], USER_ADMIN, RESTFUL_GRAPH)).toEqual([]);
    expect(iam3([terracurl('{"state":"disabled"}')], USER_ADMIN)).toEqual(['terracurl_request.ca']);
    expect(iam3([restful({ state: 'disabled' })], USER_ADMIN, RESTFUL_GRAPH)).toEqual(['restful_operation.ca']);
  });

  test('a domain federation through restful reaches a group administrator\'s member users too; a service principal administrator it does not reach', () => {
    const federation: RawBlock = ['restful_resource', 'w', { path: '/domains/contoso.com/federationConfiguration', body: FED }];
    expect(iam3([federation], GROUP_ADMIN, RESTFUL_GRAPH)).toEqual(['restful_resource.w']);
    expect(iam3([federation], { objectId: '00000000-0000-0000-0000-0000000000a3', principalName: 'pg-app', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }, RESTFUL_GRAPH)).toEqual([]);
  });
});

describe('controls: the same blocks to another literal host, or reading, pass', () => {
  /** Writes that reach Graph paths the allow-list alone fails closed (no administrator named, no sign-in object a reader judges by its path). */
  const UNNAMED: readonly [string, RawBlock][] = [
    ['restful_resource domain federation', ['restful_resource', 'w', { path: '/domains/contoso.com/federationConfiguration', body: FED }]],
    ['restful_operation POST to a path no reader knows', ['restful_operation', 'w', { path: '/directory/deletedItems/x/restore', method: 'POST' }]],
    ['restful_operation DELETE of a path no reader knows', ['restful_operation', 'w', { path: '/things', method: 'GET', delete_path: '/directory/deletedItems/x', delete_method: 'DELETE' }]],
  ];
  test.each(UNNAMED)('%s: to Graph fails, with base_url another host passes', (_, block) => {
    expect(iam3([block], USER_ADMIN, RESTFUL_GRAPH)).toEqual([`${block[0]}.w`]);
    expect(iam3([block], USER_ADMIN, RESTFUL_OTHER)).toEqual([]);
  });

  test('terracurl_request to another host passes, to a look-alike host too', () => {
    expect(iam3([['terracurl_request', 'w', { name: 't', url: `${OTHER}/domains/contoso.com/federationConfiguration`, method: 'POST', response_codes: ['201'] }]], USER_ADMIN)).toEqual([]);
    expect(iam3([['terracurl_request', 'w', { name: 't', url: 'https://graph.microsoft.com.example.com/v1.0/domains/x', method: 'POST', response_codes: ['201'] }]], USER_ADMIN)).toEqual([]);
  });

  test('a block to another host that names the administrator (its object ID in a path) still fails, as a restapi_object does: the pointer readers read every text of a request writer (another API, such as ARM, may grant it)', () => {
    expect(iam3([['restful_operation', 'w', { path: TAP, method: 'POST' }]], USER_ADMIN, RESTFUL_OTHER)).toEqual(['restful_operation.w']);
    expect(iam3([['terracurl_request', 'w', { name: 't', url: `${OTHER}${TAP}`, method: 'POST', response_codes: ['201'] }]], USER_ADMIN)).toEqual(['terracurl_request.w']);
    expect(iam3([['restapi_object', 'w', { path: TAP, data: '{}' }]], USER_ADMIN, { restapi: [{ uri: OTHER }] })).toEqual(['restapi_object.w']);
  });

  test('lookups that read (GET, or no method: GET) pass, to Graph too', () => {
    const lookups: RawBlock[] = [
      ['restful_resource', 'r', { id: '/domains/contoso.com/federationConfiguration' }],
      ['terracurl_request', 't', { name: 't', url: `${GRAPH}/domains/contoso.com`, method: 'GET', response_codes: ['200'] }],
      ['http', 'h', { url: `${GRAPH}/policies/crossTenantAccessPolicy/default` }],
    ];
    for (const lookup of lookups) expect(iam3([], USER_ADMIN, RESTFUL_GRAPH, [lookup])).toEqual([]);
    expect(iam3([], USER_ADMIN, { ...RESTFUL_GRAPH, 'ephemeral.restful_resource.e': { path: `/users/${ADMIN}`, method: 'GET' } })).toEqual([]);
    expect(iam3([], USER_ADMIN, { 'ephemeral.terracurl_request.e': { name: 'e', url: `${OTHER}/domains/contoso.com/federationConfiguration`, method: 'POST', response_codes: ['201'] } })).toEqual([]);
  });

});

describe('A29b-2: a Graph host is read as Go sends to it (absolute-urls.ts), in every base URL and whole URL', () => {
  const FEDERATION = '/domains/contoso.com/federationConfiguration';
  /** Spellings of graph.microsoft.com that Go's net/url sends there (userinfo, case, trailing dot, port), or that it refuses or the checks cannot read. */
  const SPELLINGS = ['https://x@graph.microsoft.com/v1.0', 'https://graph.microsoft.com./v1.0', 'HTTPS://u:p@GRAPH.MICROSOFT.COM.:0443/v1.0', 'http://graph.microsoft.com/v1.0', 'https://ｇｒａｐｈ.microsoft.com/v1.0', 'https://graph%2emicrosoft.com/v1.0'];
  test.each(SPELLINGS)('a domain federated beside a user administrator through %s fails PG-IAM-3 (restful base_url, restapi uri, terracurl url, data.http url)', (base) => {
    expect(iam3([['restful_resource', 'w', { path: FEDERATION, body: FED }]], USER_ADMIN, { restful: [{ base_url: base }] })).toEqual(['restful_resource.w']);
    expect(iam3([['restapi_object', 'w', { path: FEDERATION, data: JSON.stringify(FED) }]], USER_ADMIN, { restapi: [{ uri: base }] })).toEqual(['restapi_object.w']);
    expect(iam3([['terracurl_request', 'w', { name: 'f', url: `${base}${FEDERATION}`, method: 'POST', request_body: JSON.stringify(FED), response_codes: ['201'] }]], USER_ADMIN)).toEqual(['terracurl_request.w']);
    expect(iam3([], USER_ADMIN, {}, [['http', 'h', { url: `${base}/policies/crossTenantAccessPolicy/default`, method: 'PATCH', request_body: '{"inboundTrust":{"isMfaAccepted":true}}' }]])).toEqual(['data.http.h']);
  });

  test('a terracurl URL with userinfo is read to its path: a hardening Conditional Access update passes, one that disables the policy fails', () => {
    const policy = 'https://u@graph.microsoft.com./v1.0/identity/conditionalAccess/policies/11111111-1111-1111-1111-111111111111';
    const terracurl = (body: string): RawBlock => ['terracurl_request', 'ca', { name: 'ca', url: policy, method: 'PATCH', request_body: body, response_codes: ['204'] }];
    expect(iam3([terracurl(JSON.stringify({ grantControls: { operator: 'OR', builtInControls: ['mfa'] } }))], USER_ADMIN)).toEqual([]);
    expect(iam3([terracurl('{"state":"disabled"}')], USER_ADMIN)).toEqual(['terracurl_request.ca']);
  });

  test('a path that names its own host, joined as the provider joins it, is read by that host: restful sends an absolute path as is, restapi appends the path to its uri', () => {
    for (const path of [`${GRAPH}${FEDERATION}`, `https://x@graph.microsoft.com.${FEDERATION}`, '${var.path}']) {
      expect(iam3([['restful_resource', 'w', { path, body: FED }]], USER_ADMIN, { restful: [{ base_url: OTHER }] })).toEqual(['restful_resource.w']);
    }
    expect(iam3([['restapi_object', 'w', { path: `@graph.microsoft.com/v1.0${FEDERATION}`, data: JSON.stringify(FED) }]], USER_ADMIN, { restapi: [{ uri: 'https://api.example.com' }] })).toEqual(['restapi_object.w']);
    expect(iam3([['restapi_object', 'w', { path: '${var.path}', data: JSON.stringify(FED) }]], USER_ADMIN, { restapi: [{ uri: 'https://api.example.com' }] })).toEqual(['restapi_object.w']);
    // Controls: resty puts "/" before a path with no scheme (a "//host" or "@host" path stays on the base's host); a restapi uri with a path ends its host.
    for (const path of [`//graph.microsoft.com/v1.0${FEDERATION}`, `@graph.microsoft.com/v1.0${FEDERATION}`, 'items/1']) {
      expect(iam3([['restful_resource', 'w', { path, body: FED }]], USER_ADMIN, { restful: [{ base_url: OTHER }] })).toEqual([]);
    }
    for (const path of [`@graph.microsoft.com/v1.0${FEDERATION}`, '/items/1']) {
      expect(iam3([['restapi_object', 'w', { path, data: JSON.stringify(FED) }]], USER_ADMIN, { restapi: [{ uri: OTHER }] })).toEqual([]);
    }
  });

  test('controls: another literal host, in the spellings that put a Graph name in its userinfo, path, query or a longer name, is no Graph write', () => {
    for (const other of ['https://graph.microsoft.com@api.example.com/v1', 'https://graph.microsoft.com.example.com/v1', 'https://api.example.com/graph.microsoft.com', 'https://api.example.com:443/v1']) {
      expect(iam3([['restful_resource', 'w', { path: FEDERATION, body: FED }]], USER_ADMIN, { restful: [{ base_url: other }] })).toEqual([]);
      expect(iam3([['terracurl_request', 'w', { name: 'f', url: `${other}${FEDERATION}`, method: 'POST', response_codes: ['201'] }]], USER_ADMIN)).toEqual([]);
    }
  });
});

describe('A30b-1: a host under a Graph host (canary.graph.microsoft.com) is a Graph host', () => {
  const FEDERATION = '/domains/contoso.com/federationConfiguration';
  const CANARY = 'https://canary.graph.microsoft.com/v1.0';
  test('a domain federated beside a user administrator through the canary endpoint fails PG-IAM-3 (restful base_url, restapi uri, terracurl url)', () => {
    expect(iam3([['restful_resource', 'w', { path: FEDERATION, body: FED }]], USER_ADMIN, { restful: [{ base_url: CANARY }] })).toEqual(['restful_resource.w']);
    expect(iam3([['restapi_object', 'w', { path: FEDERATION, data: JSON.stringify(FED) }]], USER_ADMIN, { restapi: [{ uri: CANARY }] })).toEqual(['restapi_object.w']);
    expect(iam3([['terracurl_request', 'w', { name: 'f', url: `${CANARY}${FEDERATION}`, method: 'POST', request_body: JSON.stringify(FED), response_codes: ['201'] }]], USER_ADMIN)).toEqual(['terracurl_request.w']);
  });

  test('control: the same write to a look-alike host passes', () => {
    expect(iam3([['terracurl_request', 'w', { name: 'f', url: `https://canarygraph.microsoft.com/v1.0${FEDERATION}`, method: 'POST', request_body: JSON.stringify(FED), response_codes: ['201'] }]], USER_ADMIN)).toEqual([]);
  });
});

describe('the table', () => {
  const view = (address: string, config: { readonly [key: string]: unknown }): ResourceView => ({ type: address.replace(/^data\./, '').split('.')[0], address, config } as unknown as ResourceView);
  test('every resource type of the table is a directory writer type and a destroyed type whose delete is not read', () => {
    expect(HTTP_REQUEST_TYPES).toEqual(['restapi_object', 'restful_resource', 'restful_operation', 'terracurl_request']);
  });
  test('graphWrites reads each request with its method; GET is no write', () => {
    expect(graphWrites(view('restful_operation.x', { path: '/groups', method: 'post', delete_path: '/groups/1', delete_method: 'DELETE' })).map(({ method, url }) => `${method} ${url.written}`))
      .toEqual(['POST /groups', 'DELETE /groups/1']);
    expect(graphWrites(view('data.http.x', { url: `${GRAPH}/groups` }))).toEqual([]);
    expect(graphWrites(view('terracurl_request.x', { url: `${GRAPH}/groups`, method: '${var.m}' })).map(({ method }) => method)).toEqual([undefined]);
  });
  test('mayReachGraph: a whole URL or a provider\'s base URL on a Graph host, known later, or not configured', () => {
    expect(mayReachGraph(view('terracurl_request.x', { url: `${OTHER}/groups` }), [])).toBe(false);
    expect(mayReachGraph(view('terracurl_request.x', { url: `${OTHER}/groups`, destroy_url: `${GRAPH}/groups/1` }), [])).toBe(true);
    expect(mayReachGraph(view('restful_resource.x', { path: '/groups' }), [])).toBe(true);
    expect(mayReachGraph(view('restful_resource.x', { path: '/groups' }), [{ key: 'restful', config: { base_url: OTHER } } as never])).toBe(false);
    expect(mayReachGraph(view('msgraph_resource.x', { url: 'groups' }), [])).toBe(true);
  });
});
