import { TerraformDataSource, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { graphUrl, pathText } from '../../lib/checks/graph-urls';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// Twenty-fifth review, A25a-1, A25a-2, A25a-6: a msgraph block's URL is read as the provider sends it (graph-urls.ts): cleaned
// as Go's path.Join cleans it, percent-decoded, OData keys as segments, its query merged with query_parameters, a part with an
// interpolation known only at apply time; a msgraph_resource_action by its method.

type Block = readonly [type: string, id: string, config: { readonly [key: string]: unknown }];

/** The segments of a URL as read ("?" before one known only at apply time) and its query. */
function read(url: unknown, parameters?: unknown): { path: string[]; query: unknown } {
  const found = graphUrl(url, parameters);
  return { path: found.segments.map((segment) => (segment.later ? `?${segment.text}` : segment.text)), query: found.query === undefined ? 'any' : Object.fromEntries([...found.query].map(([key, values]) => [key, values.map(String)])) };
}

describe('graphUrl', () => {
  test.each([
    ['./groups', ['groups']], ['users/../groups', ['groups']], ['identity/x/../conditionalAccess/./policies', ['identity', 'conditionalAccess', 'policies']],
    ['/v1.0/groups/', ['groups']], ['https://graph.microsoft.com/beta/groups', ['groups']], ['../beta/groups', ['groups']], ['groups//x', ['groups', 'x']],
    ['gr%6Fups', ['groups']], ['users/dba%40contoso.com', ['users', 'dba@contoso.com']], ["policies('11111111-1111-1111-1111-111111111111')", ['policies', '11111111-1111-1111-1111-111111111111']],
    ['groups/microsoft.graph.delta()', ['groups', 'microsoft.graph.delta']], ['groups#/../users', ['users']], ['groups?x=/../../users', ['users']],
  ])('%j is sent as the path %j (path.Join cleans the whole text, a query too; Graph decodes and reads OData keys)', (url, path) => {
    expect(read(url).path).toEqual(path);
  });

  test('a part with an interpolation, an encoded ".." or a "%" that starts no escape is known only later (an encoded "/" separates); a value that is no text is any URL', () => {
    expect(read('identity/conditionalAccess/policies/${var.pid}').path).toEqual(['identity', 'conditionalAccess', 'policies', '?${var.pid}']);
    expect(read("policies('${var.pid}')").path).toEqual(['policies', '?${var.pid}']);
    expect(read('${var.collection}').path).toEqual(['?${var.collection}']);
    expect(read('groups%2Fx').path).toEqual(['groups', 'x']);
    expect(read('groups/%2E%2E').path).toEqual(['groups', '?%2E%2E']);
    expect(read('gr%zups').path).toEqual(['?gr%zups']);
    expect(read(42).path).toEqual(['?${?}']);
  });

  test('the query written in the URL is decoded and merged with query_parameters, each key of which is set over the URL\'s', () => {
    expect(read("groups?$filter=displayName eq 'x'&$select=id").query).toEqual({ filter: ["displayName eq 'x'"], select: ['id'] });
    expect(read('groups?%24filter=displayName+eq+%27x%27').query).toEqual({ filter: ["displayName eq 'x'"] });
    expect(read("groups?$filter=displayName eq 'x'", { $filter: ["displayName eq 'y'"] }).query).toEqual({ filter: ["displayName eq 'y'"] });
    // Another spelling of the key is not set over it: both are sent, two filters the readers take as any.
    expect(read("groups?filter=displayName eq 'x'", { $filter: ["displayName eq 'y'"] }).query).toEqual({ filter: ["displayName eq 'x'", "displayName eq 'y'"] });
    expect(read("groups?$filter=displayName eq '${var.n}'").query).toEqual({ filter: ["displayName eq '${var.n}'"] });
    expect(read('groups?${var.q}').query).toBe('any');
    expect(pathText(graphUrl("directoryRoles(roleTemplateId='62e90394-69f5-4237-9190-012177145e10')/members/$ref"))).toBe('directoryRoles/roletemplateid=62e90394-69f5-4237-9190-012177145e10/members/$ref');
  });
});

/** The PG-IAM-3 errors of a stack with the blocks, a variable `pid`, and a server whose one administrator is given. */
function iam3(blocks: readonly Block[], administrator: (stack: TerraformStack) => { objectId: string; principalName: string; principalType: EntraPrincipalType }, lookups: readonly Block[] = []): string[] {
  const stack = providerStack();
  const pid = new TerraformVariable(stack, 'pid', { type: 'string' }).stringValue;
  for (const [type, id, config] of blocks) {
    const made = new TerraformResource(stack, id, { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) made.addOverride(key, typeof value === 'string' ? value.replace('${PID}', pid) : value);
  }
  for (const [type, id, config] of lookups) {
    const made = new TerraformDataSource(stack, id, { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) made.addOverride(key, value);
  }
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ entraAdministrators: [administrator(stack)] }));
  return synthErrors(stack).filter((line) => line.includes(' PG-IAM-3 '));
}

const madeGroup: Block = ['azuread_group', 'evil', { display_name: 'pg-admins', security_enabled: true, members: ['00000000-0000-0000-0000-0000000000ee'] }];
const madeUser: Block = ['azuread_user', 'evil', { user_principal_name: 'dba@contoso.com', display_name: 'x', password: 'S3cret-from-the-stack!' }];
/** An administrator read through data.msgraph_resource.found at the attribute. */
const throughLookup = (attribute: string, principalType = EntraPrincipalType.GROUP) => (stack: TerraformStack) => ({
  objectId: (stack.node.findChild('found') as TerraformDataSource).getStringAttribute(attribute), principalName: 'pg-admins', principalType,
});
const lookup = (url: string, parameters?: object): Block => ['msgraph_resource', 'found', { url, ...(parameters === undefined ? {} : { query_parameters: parameters }) }];

describe('A25a-1: a msgraph lookup is a search as the provider sends it', () => {
  test.each([
    "groups?$filter=displayName eq 'pg-admins'", 'groups?$select=id', './groups', 'users/../groups', 'groups/delta', 'gr%6Fups', '/beta/./groups/', 'GROUPS?$filter=startswith(displayName,\'pg\')', '${var.collection}',
  ])('an administrator read through a lookup at %j beside a group the stack makes with a member fails PG-IAM-3 on the administrator', (url) => {
    const errors = iam3([madeGroup], throughLookup('output.value[0].id'), [lookup(url)]);
    expect(errors.join('\n')).toMatch(/azurerm_postgresql_flexible_server_active_directory_administrator\.\S+ declares the Entra administrator "pg-admins" through data\.msgraph_resource\.found/);
  });

  test.each(['users/dba@contoso.com?$select=id', 'users/./dba@contoso.com', "users(userPrincipalName='dba@contoso.com')", 'users/dba%40contoso.com', 'users/${var.upn}'])(
    'a user administrator read through a lookup at %j beside a user the stack makes with that name fails PG-IAM-3', (url) => {
      expect(iam3([madeUser], throughLookup('output.id', EntraPrincipalType.USER), [lookup(url)]).join('\n')).toMatch(/through data\.msgraph_resource\.found/);
    });

  test('controls: a search of another name (in the URL, or set over it by query_parameters), another collection, or another user passes', () => {
    expect(iam3([madeGroup], throughLookup('output.value[0].id'), [lookup("groups?$filter=displayName eq 'other'")])).toEqual([]);
    expect(iam3([madeGroup], throughLookup('output.value[0].id'), [lookup("groups?$filter=displayName eq 'pg-admins'", { $filter: ["displayName eq 'other'"] })])).toEqual([]);
    expect(iam3([madeGroup], throughLookup('output.value[0].id'), [lookup('users/../applications')])).toEqual([]);
    expect(iam3([madeUser], throughLookup('output.id', EntraPrincipalType.USER), [lookup('users/./other@contoso.com')])).toEqual([]);
    expect(iam3([madeGroup], throughLookup('output.value[0].id'), [lookup('groups/11111111-1111-1111-1111-111111111111/members')])).toEqual([]);
  });
});

const USER_ADMIN = () => ({ objectId: '00000000-0000-0000-0000-0000000000a1', principalName: 'dba@contoso.com', principalType: EntraPrincipalType.USER });
const GROUP_ADMIN = () => ({ objectId: '00000000-0000-0000-0000-000000000002', principalName: 'pg-admins', principalType: EntraPrincipalType.GROUP });
const EXCLUDING = { conditions: { users: { includeUsers: ['All'], excludeGroups: ['22222222-2222-2222-2222-222222222222'] } } };
const POLICY = '11111111-1111-1111-1111-111111111111';
const OUTSIDER_ID = '99999999-7777-8888-9999-000000000000';

describe('A25a-2: a Graph write of a Conditional Access or PIM policy, its URL as the provider sends it', () => {
  test.each([
    ['msgraph_update_resource', { url: 'identity/conditionalAccess/policies/${PID}', body: { state: 'disabled' } }],
    ['msgraph_update_resource', { url: 'identity/conditionalAccess/policies/${PID}', body: EXCLUDING }],
    ['msgraph_update_resource', { url: `identity/conditionalAccess/./policies/${POLICY}`, body: EXCLUDING }],
    ['msgraph_update_resource', { url: `identity/x/../conditionalAccess/policies/${POLICY}`, body: EXCLUDING }],
    ['msgraph_update_resource', { url: `identity/conditionalAccess/policies('${POLICY}')`, body: EXCLUDING }],
    ['msgraph_update_resource', { url: `identity/conditionalAccess/polic%69es/${POLICY}`, body: { state: 'disabled' } }],
    ['msgraph_resource_action', { resource_url: 'identity/conditionalAccess/policies/${PID}', method: 'DELETE' }],
    ['msgraph_resource_action', { resource_url: 'identity/conditionalAccess', action: 'policies/${PID}', method: 'PATCH', body: { state: 'disabled' } }],
    ['msgraph_resource_action', { resource_url: `identity/conditionalAccess/policies/${POLICY}`, method: 'DELETE' }],
    ['restapi_object', { path: '/v1.0/identity/./conditionalAccess/policies', object_id: POLICY, data: JSON.stringify(EXCLUDING) }],
  ])('%s %j beside a user administrator fails PG-IAM-3 on the write', (type, config) => {
    expect(iam3([[type, 'ca', config]], USER_ADMIN).join('\n')).toMatch(new RegExp(`${type}\\.ca `));
  });

  test('controls: a hardening update of a policy (a lookup\'s or a literal ID), a GET, and a write of another path pass', () => {
    const hardening = { grantControls: { operator: 'OR', builtInControls: ['mfa'] } };
    // By a variable ID it now fails: the variable may hold "/" or ".." and reach any path (graph-segments.test.ts).
    const policyLookup: Block = ['msgraph_resource', 'p', { url: "identity/conditionalAccess/policies?$filter=displayName eq 'MFA'" }];
    expect(iam3([['msgraph_update_resource', 'ca', { url: 'identity/conditionalAccess/policies/${data.msgraph_resource.p.output.value[0].id}', body: hardening }]], USER_ADMIN, [policyLookup])).toEqual([]);
    expect(iam3([['msgraph_update_resource', 'ca', { url: `identity/conditionalAccess/policies/${POLICY}`, body: hardening }]], USER_ADMIN)).toEqual([]);
    expect(iam3([['msgraph_resource_action', 'ca', { resource_url: 'identity/conditionalAccess/policies/${PID}', method: 'GET' }]], USER_ADMIN)).toEqual([]);
    expect(iam3([['msgraph_update_resource', 'ca', { url: `identity/conditionalAccess/namedLocations/${POLICY}`, body: { displayName: 'x' } }]], USER_ADMIN)).toEqual([]);
  });

  const rule = { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule', id: 'Enablement_EndUser_Assignment', enabledRules: [] };
  test.each([
    'policies/roleManagementPolicies/${PID}/rules/Enablement_EndUser_Assignment', "policies/roleManagementPolicies('${PID}')/rules/Enablement_EndUser_Assignment", 'policies/./roleManagementPolicies/${PID}',
  ])('a PIM policy write at %j (an ID known only at apply time) beside a group administrator fails PG-IAM-3', (url) => {
    expect(iam3([['msgraph_update_resource', 'pim', { url, body: rule }]], GROUP_ADMIN).join('\n')).toMatch(/msgraph_update_resource\.pim writes the Privileged Identity Management policy .* may be the one of the group "pg-admins"/);
  });

  test('31st run: a literal PIM policy ID beside a group administrator may be its group\'s (Graph documents no format for it), whatever group it seems to name', () => {
    for (const id of [`Group_33333333-3333-3333-3333-333333333333_${POLICY}`, POLICY, `Directory_${POLICY}_${POLICY}`]) {
      const lines = iam3([['msgraph_update_resource', 'pim', { url: `policies/roleManagementPolicies/${id}/rules/Enablement_EndUser_Assignment`, body: rule }]], GROUP_ADMIN);
      expect(lines.some((line) => line.includes('does not say which group it is of'))).toBe(true);
    }
  });

  test('controls: a PIM policy beside a user administrator (literal or variable) is not read as a group\'s (the power reader still reads its path)', () => {
    const pimLines = (lines: string[]) => lines.filter((line) => line.includes('writes the Privileged Identity Management policy'));
    expect(pimLines(iam3([['msgraph_update_resource', 'pim', { url: `policies/roleManagementPolicies/Group_33333333-3333-3333-3333-333333333333_${POLICY}/rules/Enablement_EndUser_Assignment`, body: rule }]], USER_ADMIN))).toEqual([]);
    expect(pimLines(iam3([['msgraph_update_resource', 'pim', { url: 'policies/roleManagementPolicies/${PID}/rules/Enablement_EndUser_Assignment', body: rule }]], USER_ADMIN))).toEqual([]);
  });

  test('a Graph $batch (msgraph_resource_action POST, msgraph_resource) fails PG-IAM-3 beside an administrator; one that only reads does not', () => {
    const requests = { requests: [{ id: '1', method: 'POST', url: '/groups', body: { displayName: 'pg-admins' } }] };
    expect(iam3([['msgraph_resource_action', 'batch', { resource_url: '$batch', method: 'POST', body: requests }]], USER_ADMIN).join('\n')).toMatch(/msgraph_resource_action\.batch sends a Microsoft Graph \$batch/);
    expect(iam3([['msgraph_resource', 'batch', { url: './$batch', body: requests }]], GROUP_ADMIN).join('\n')).toMatch(/msgraph_resource\.batch sends a Microsoft Graph \$batch/);
    expect(iam3([['msgraph_resource_action', 'batch', { resource_url: '$batch', method: 'GET' }]], USER_ADMIN)).toEqual([]);
  });

  // Review of e7b5c70: the batch rule read the body apart from the membership reader (graph-urls.ts batchBody is now the one reader),
  // and failed closed on every `jsonencode(...)` body, which that reader reads as what it encodes.
  const READS = '{id = "1", method = "GET", url = "/me"}';
  const batchLines = (lines: string[]) => lines.filter((line) => /sends a Microsoft Graph \$batch/.test(line));
  test.each([
    ['restapi_object', { path: '/$batch', data: `\${jsonencode({requests = [${READS}]})}` }],
    ['restful_operation', { path: '/$batch', method: 'POST', body: `\${jsonencode({Requests = [${READS}, {id = "2", method = "get", url = "/groups/\${var.pid}/members"}]})}` }],
    ['msgraph_resource_action', { resource_url: '$batch', method: 'POST', body: `\${jsonencode({requests = [${READS}]})}` }],
    ['msgraph_resource_action', { resource_url: '$batch', method: 'POST', body: { requests: [{ id: '1', method: 'GET', url: '/me' }] } }],
  ])('a $batch (%s) whose requests only read, its body a jsonencode(...) or an object, passes PG-IAM-3', (type, config) => {
    // restapi_object's delete of "$batch/{id}" (its destroy path by default) is the delete rule's, failed closed apart.
    expect(iam3([[type, 'batch', config]], USER_ADMIN).filter((line) => !line.includes('sends a Microsoft Graph delete'))).toEqual([]);
  });

  test('a jsonencode(...) $batch request that grants a directory role is read by the power reader (the same batch reader) and fails PG-IAM-3', () => {
    const grant = '{id = "1", method = "POST", url = "/roleManagement/directory/roleAssignments", body = {roleDefinitionId = "fe930be7-5e62-47db-91af-98c3a49a38b1", principalId = var.pid, directoryScopeId = "/"}}';
    expect(iam3([['msgraph_resource_action', 'batch', { resource_url: '$batch', method: 'POST', body: `\${jsonencode({requests = [${READS}, ${grant}]})}` }]], USER_ADMIN).join('\n'))
      .toMatch(/msgraph_resource_action\.batch PG-IAM-3 msgraph_resource_action\.batch grants the directory role User Administrator/);
  });

  test('a $batch request that grants, in any Graph or REST writer type (restful, terracurl: the power reader reads every one), fails PG-IAM-3 by the role it grants, not as a batch', () => {
    const grant = { id: '1', method: 'POST', url: '/roleManagement/directory/roleAssignments', body: { roleDefinitionId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', principalId: '${var.pid}', directoryScopeId: '/' } };
    for (const [type, config] of [
      ['restful_operation', { path: '/$batch', method: 'POST', body: { requests: [grant] } }],
      ['restful_operation', { path: '/$batch', method: 'POST', body: `\${jsonencode(${JSON.stringify({ requests: [grant] }).replace(/"([a-zA-Z]+)":/g, '$1 = ').replace('${var.pid}', '" + var.pid + "')})}` }],
      ['terracurl_request', { url: 'https://graph.microsoft.com/v1.0/$batch', method: 'POST', request_body: JSON.stringify({ requests: [grant] }).replace('${var.pid}', OUTSIDER_ID) }],
    ] as const) {
      const lines = iam3([[type, 'batch', config]], USER_ADMIN);
      expect(batchLines(lines)).toEqual([]);
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`${type}\\.batch grants the directory role User Administrator`))]));
    }
    // A JSON text with an interpolation in it is a text known only at apply time: its requests cannot be read, and it fails closed as a batch.
    const text = { url: 'https://graph.microsoft.com/v1.0/$batch', method: 'POST', request_body: JSON.stringify({ requests: [grant] }) };
    expect(batchLines(iam3([['terracurl_request', 'batch', text]], USER_ADMIN))).toEqual([expect.stringMatching(/terracurl_request\.batch sends a Microsoft Graph \$batch/)]);
  });

  test.each([
    ['a jsonencode(...) body with a POST of a group', `\${jsonencode({requests = [${READS}, {id = "2", method = "POST", url = "/groups", body = {displayName = "pg-admins"}}]})}`],
    ['a jsonencode(...) body whose request list is a variable', '${jsonencode({requests = var.pid})}'],
    ['a jsonencode(...) body with a request that is a variable', `\${jsonencode({requests = [${READS}, var.pid]})}`],
    ['a jsonencode(...) body with a request whose URL is a variable', '${jsonencode({requests = [{id = "1", method = "POST", url = var.pid}]})}'],
    ['a body known only at apply time', '${var.pid}'],
    ['a text that is no JSON', 'requests'],
  ])('controls: a $batch (restapi_object) with %s fails PG-IAM-3 closed beside an administrator', (_name, data) => {
    expect(batchLines(iam3([['restapi_object', 'batch', { path: '/$batch', data }]], USER_ADMIN))).toEqual([expect.stringMatching(/restapi_object\.batch sends a Microsoft Graph \$batch/)]);
  });
});

describe('A25a-6: a principal a Graph request posts, its URL and method read as the provider sends them', () => {
  const groupBody = { displayName: 'pg-admins', mailEnabled: false, mailNickname: 'x', securityEnabled: true, 'members@odata.bind': ['https://graph.microsoft.com/v1.0/directoryObjects/00000000-0000-0000-0000-0000000000ee'] };
  const byName = (stack: TerraformStack) => ({ objectId: (stack.node.findChild('found') as TerraformDataSource).getStringAttribute('object_id'), principalName: 'pg-admins', principalType: EntraPrincipalType.GROUP });
  const found: Block = ['azuread_group', 'found', { display_name: 'pg-admins' }];
  test.each([
    ['msgraph_resource_action', { resource_url: 'groups', method: 'POST', body: groupBody }],
    ['msgraph_resource_action', { resource_url: 'v1.0/../groups', method: 'post', body: groupBody }],
    ['msgraph_resource_action', { resource_url: 'groups', method: '${PID}', body: groupBody }],
    ['msgraph_resource', { url: './groups', body: groupBody }],
    ['msgraph_resource', { url: 'users/../groups', body: groupBody }],
    ['msgraph_resource', { url: 'gr%6Fups?$select=id', body: groupBody }],
    ['restapi_object', { path: '/v1.0/./groups', data: JSON.stringify(groupBody) }],
  ])('a group %s %j makes, found by data.azuread_group display_name, fails PG-IAM-3', (type, config) => {
    expect(iam3([[type, 'evil', config]], byName, [found]).join('\n')).toMatch(new RegExp(`${type}\\.evil`));
  });

  test('controls: a GET or PATCH of the collection makes no group; a group of another name is not the one found', () => {
    expect(iam3([['msgraph_resource_action', 'evil', { resource_url: 'groups', method: 'GET' }]], byName, [found])).toEqual([]);
    expect(iam3([['msgraph_resource_action', 'evil', { resource_url: './groups', method: 'POST', body: { ...groupBody, displayName: 'other' } }]], byName, [found])).toEqual([]);
  });
});

describe('a write into a group named by a path the provider cleans (directory-pointers.ts reads the path as sent too)', () => {
  test.each([
    'groups/./${PID}/members/$ref', 'groups/x/../${PID}/members/$ref', './${PID}/members/$ref', 'v1.0/./groups/${PID}/owners/$ref',
  ])('msgraph_resource at %j (a group ID known only at apply time) beside a group administrator fails PG-IAM-3', (url) => {
    expect(iam3([['msgraph_resource', 'member', { url, body: { '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/00000000-0000-0000-0000-0000000000ee' } }]], GROUP_ADMIN).join('\n'))
      .toMatch(/msgraph_resource\.member may change the members or owners/);
  });

  test('control: the same write into a literal other group passes', () => {
    expect(iam3([['msgraph_resource', 'member', { url: 'groups/./33333333-3333-3333-3333-333333333333/members/$ref', body: { '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/00000000-0000-0000-0000-0000000000ee' } }]], GROUP_ADMIN)).toEqual([]);
  });

  // Review of e7b5c70: restapi's "{id}" is the block's new group only when graph-urls.ts ownObjectPaths reads one (directory-pointers.ts restApiId).
  const member = { '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/00000000-0000-0000-0000-0000000000ee' };
  test.each([
    ['a PUT create', { create_method: 'PUT', data: JSON.stringify(member) }],
    ['a create method known only at apply time', { create_method: '${PID}', data: JSON.stringify(member) }],
    ['data that sets the ID ("id", its id_attribute unset)', { data: JSON.stringify({ ...member, id: '00000000-0000-0000-0000-000000000002' }) }],
    ['data whose id_attribute is known only at apply time', { id_attribute: '${PID}', data: JSON.stringify(member) }],
  ])('restapi_object writing "groups/{id}/members/$ref" with %s beside a group administrator fails PG-IAM-3 ({id} may be any group)', (_name, config) => {
    expect(iam3([['restapi_object', 'member', { path: '/groups', update_path: '/groups/{id}/members/$ref', update_method: 'POST', ...config }]], GROUP_ADMIN).join('\n'))
      .toMatch(/restapi_object\.member may change the members or owners/);
  });

  test('control: restapi_object posting a new group (its data sets no ID) and writing "groups/{id}/members/$ref" passes', () => {
    expect(iam3([['restapi_object', 'member', { path: '/groups', update_path: '/groups/{id}/members/$ref', update_method: 'POST', data: JSON.stringify({ displayName: 'app-readers', mailEnabled: false, mailNickname: 'x', securityEnabled: true }) }]], GROUP_ADMIN)).toEqual([]);
  });
});
