import { rule } from '../../../lib/checks/rules/PG-IAM-3';
import { POLICY_LISTS } from '../../../lib/checks/policy-scope';
import { buildStackModel } from '../../../lib/checks/stack-model';
import { Verdict } from '../../../lib/checks/rule';
import { CONSTRUCT, madeAt } from '../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from '../rule-harness';

// Twenty-second review, A22a-3 and A22a-9: a Conditional Access policy's exclusions are read as the sets they stand for. An
// exclusion fails PG-IAM-3 when it may cover a declared administrator: its ID, a special value (All, GuestsOrExternalUsers,
// ServicePrincipalsInMyTenant, a guest block, a role), a filter, a group the administrator (or a member of an administrator group)
// may be in at any depth (a group the stack makes by the members it declares, any other group as one whose members are managed
// outside the stack), or a value known only at apply time. One class test over every exclusion field, azuread and Graph spellings.

type Json = { [key: string]: any };
const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const USER = '99999999-7777-8888-9999-000000000001';
const GROUP = '99999999-7777-8888-9999-000000000002';
const SP = '99999999-7777-8888-9999-000000000003';
const BREAK_GLASS = 'dddddddd-0000-0000-0000-000000000001';
const OTHER_GROUP = 'dddddddd-0000-0000-0000-000000000002';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const POLICY_ID = 'aaaaaaaa-1111-2222-3333-444444444444';

/** A declared administrator: its kind, its object ID as the construct gives it, and the blocks that make it. */
interface Administrator { readonly name: string; readonly kind: 'user' | 'group' | 'sp'; readonly id: string; readonly type: string; readonly resources: Json }
const ADMINISTRATORS: readonly Administrator[] = [
  { name: 'a literal user', kind: 'user', id: USER, type: 'User', resources: {} },
  { name: 'a user the stack makes', kind: 'user', id: '${azuread_user.dba.object_id}', type: 'User', resources: { azuread_user: { dba: { user_principal_name: 'dba@contoso.com', display_name: 'dba' } } } },
  { name: 'a literal group', kind: 'group', id: GROUP, type: 'Group', resources: {} },
  { name: 'a group the stack makes', kind: 'group', id: '${azuread_group.admins.object_id}', type: 'Group', resources: { azuread_group: { admins: { display_name: 'db-admins', security_enabled: true } } } },
  { name: 'a literal service principal', kind: 'sp', id: SP, type: 'ServicePrincipal', resources: {} },
  { name: 'a managed identity the stack makes', kind: 'sp', id: '${azurerm_user_assigned_identity.mi.principal_id}', type: 'ServicePrincipal', resources: { azurerm_user_assigned_identity: { mi: { name: 'mi', location: 'westeurope', resource_group_name: 'rg' } } } },
];

/** The failing addresses (or "pass") of PG-IAM-3 beside the administrator and the resources. */
function judge(administrator: Administrator, resources: Json, data: Json = {}): readonly string[] {
  const extra = merged(administrator.resources, resources);
  const model = buildStackModel({
    resource: {
      [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
      [ADMINISTRATOR]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: '11111111-2222-3333-4444-555555555555', object_id: administrator.id, principal_name: 'dba@contoso.com', principal_type: administrator.type } },
      ...extra,
    },
    ...(Object.keys(data).length === 0 ? {} : { data }),
  });
  const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
  return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
}

/** A user or service principal exclusion, in the azuread and the Graph spelling, with the blocks it needs (given the administrator's ID). */
interface Exclusion {
  readonly name: string;
  /** The administrators it covers. */
  readonly covers: readonly Administrator['kind'][];
  /** Only beside the administrators it covers: an ID of another kind in the list is no configuration to control. */
  readonly onlyCovered?: boolean;
  /** The list it exercises (azuread name, in POLICY_LISTS). */
  readonly list: string;
  readonly azuread: (id: string) => Json;
  readonly graph: (id: string) => Json;
  readonly resources?: (id: string) => Json;
  readonly data?: Json;
}

const USERS_AND_GROUPS: Administrator['kind'][] = ['user', 'group'];
const users = (azuread: Json, graph: Json) => ({ azuread: () => ({ users: azuread }), graph: () => ({ users: graph }) });
const clients = (azuread: Json, graph: Json) => ({ azuread: () => ({ client_applications: azuread }), graph: () => ({ clientApplications: graph }) });
const BREAK_GLASS_GROUP = '${azuread_group.bg.object_id}';
const madeGroup = (block: Json = {}) => ({ azuread_group: { bg: { display_name: 'break-glass', security_enabled: true, ...block } } });

const EXCLUSIONS: readonly Exclusion[] = [
  { name: 'GuestsOrExternalUsers in excluded_users (A22a-9)', covers: USERS_AND_GROUPS, list: 'excluded_users', ...users({ excluded_users: ['GuestsOrExternalUsers'] }, { excludeUsers: ['GuestsOrExternalUsers'] }) },
  { name: 'All in excluded_users', covers: USERS_AND_GROUPS, list: 'excluded_users', ...users({ excluded_users: ['all'] }, { excludeUsers: ['All'] }) },
  { name: 'a text in excluded_users that is no ID', covers: USERS_AND_GROUPS, list: 'excluded_users', ...users({ excluded_users: ['breakglass@contoso.com'] }, { excludeUsers: ['breakglass@contoso.com'] }) },
  { name: 'the user administrator excluded by ID', covers: ['user'], onlyCovered: true, list: 'excluded_users', azuread: (id) => ({ users: { excluded_users: [id.toUpperCase()] } }), graph: (id) => ({ users: { excludeUsers: [id] } }) },
  { name: 'users known only at apply time', covers: USERS_AND_GROUPS, list: 'excluded_users', ...users({ excluded_users: '${var.users}' }, { excludeUsers: '${var.users}' }) },
  { name: 'a guest block of internal guests (A22a-9)', covers: USERS_AND_GROUPS, list: 'excluded_guests_or_external_users', ...users({ excluded_guests_or_external_users: [{ guest_or_external_user_types: ['internalGuest'] }] }, { excludeGuestsOrExternalUsers: { guestOrExternalUserTypes: 'internalGuest,b2bCollaborationMember', externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' } } }) },
  { name: 'a directory role', covers: USERS_AND_GROUPS, list: 'excluded_roles', ...users({ excluded_roles: [GLOBAL_ADMIN] }, { excludeRoles: [GLOBAL_ADMIN] }) },
  { name: 'a literal group, whose members are managed outside the stack (A22a-3)', covers: USERS_AND_GROUPS, list: 'excluded_groups', ...users({ excluded_groups: [BREAK_GLASS] }, { excludeGroups: [BREAK_GLASS] }) },
  { name: 'a group known only at apply time', covers: USERS_AND_GROUPS, list: 'excluded_groups', ...users({ excluded_groups: ['${var.break_glass_group}'] }, { excludeGroups: ['${var.break_glass_group}'] }) },
  { name: 'a group looked up by name', covers: USERS_AND_GROUPS, list: 'excluded_groups', ...users({ excluded_groups: ['${data.azuread_group.bg.object_id}'] }, { excludeGroups: ['${data.azuread_group.bg.object_id}'] }), data: { azuread_group: { bg: { display_name: 'break-glass' } } } },
  {
    name: 'a group the stack makes and adds the administrator to (azuread_group_member)', covers: USERS_AND_GROUPS, list: 'excluded_groups', ...users({ excluded_groups: [BREAK_GLASS_GROUP] }, { excludeGroups: [BREAK_GLASS_GROUP] }),
    resources: (id) => ({ ...madeGroup(), azuread_group_member: { admin: { group_object_id: '${azuread_group.bg.id}', member_object_id: id } } }),
  },
  {
    name: 'a group the stack makes listing the administrator among its members', covers: USERS_AND_GROUPS, list: 'excluded_groups', ...users({ excluded_groups: [BREAK_GLASS_GROUP] }, { excludeGroups: [BREAK_GLASS_GROUP] }),
    resources: (id) => madeGroup({ members: ['${azuread_user.bg.object_id}', id] }),
  },
  {
    name: 'a group holding a group the administrator is in (nested)', covers: USERS_AND_GROUPS, list: 'excluded_groups', ...users({ excluded_groups: [BREAK_GLASS_GROUP] }, { excludeGroups: [BREAK_GLASS_GROUP] }),
    resources: (id) => ({ ...madeGroup({ members: ['${azuread_group.inner.object_id}'] }), azuread_group: { ...madeGroup({ members: ['${azuread_group.inner.object_id}'] }).azuread_group, inner: { display_name: 'inner', security_enabled: true } }, azuread_group_member: { nested: { group_object_id: '${azuread_group.inner.object_id}', member_object_id: id } } }),
  },
  { name: 'a group the stack makes whose members are known only at apply time', covers: USERS_AND_GROUPS, list: 'excluded_groups', ...users({ excluded_groups: [BREAK_GLASS_GROUP] }, { excludeGroups: [BREAK_GLASS_GROUP] }), resources: () => madeGroup({ members: '${var.members}' }) },
  { name: 'a group the stack makes holding a literal member (maybe a group of others)', covers: USERS_AND_GROUPS, list: 'excluded_groups', ...users({ excluded_groups: [BREAK_GLASS_GROUP] }, { excludeGroups: [BREAK_GLASS_GROUP] }), resources: () => madeGroup({ members: [BREAK_GLASS] }) },
  { name: 'a dynamic group the stack makes', covers: USERS_AND_GROUPS, list: 'excluded_groups', ...users({ excluded_groups: [BREAK_GLASS_GROUP] }, { excludeGroups: [BREAK_GLASS_GROUP] }), resources: () => madeGroup({ types: ['DynamicMembership'], dynamic_membership: [{ enabled: true, rule: 'user.department -eq "IT"' }] }) },
  { name: 'a group the stack makes with owners, who may add anyone', covers: USERS_AND_GROUPS, list: 'excluded_groups', ...users({ excluded_groups: [BREAK_GLASS_GROUP] }, { excludeGroups: [BREAK_GLASS_GROUP] }), resources: () => madeGroup({ owners: [OTHER_GROUP] }) },
  { name: 'a group the stack makes that a Graph write adds members to', covers: USERS_AND_GROUPS, list: 'excluded_groups', ...users({ excluded_groups: [BREAK_GLASS_GROUP] }, { excludeGroups: [BREAK_GLASS_GROUP] }), resources: () => ({ ...madeGroup(), msgraph_resource: { join: { url: 'groups/${azuread_group.bg.object_id}/members/$ref', body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${OTHER_GROUP}` } } } }) },
  { name: 'a list the checks do not read', covers: USERS_AND_GROUPS, list: '(unknown)', ...users({ excluded_future_principals: ['x'] }, { excludeFuturePrincipals: ['x'] }) },
  { name: 'ServicePrincipalsInMyTenant in excluded_service_principals', covers: ['sp'], list: 'excluded_service_principals', ...clients({ included_service_principals: ['ServicePrincipalsInMyTenant'], excluded_service_principals: ['ServicePrincipalsInMyTenant'] }, { includeServicePrincipals: ['ServicePrincipalsInMyTenant'], excludeServicePrincipals: ['ServicePrincipalsInMyTenant'] }) },
  { name: 'the service principal administrator excluded by ID', covers: ['sp'], onlyCovered: true, list: 'excluded_service_principals', azuread: (id) => ({ client_applications: { included_service_principals: ['ServicePrincipalsInMyTenant'], excluded_service_principals: [id] } }), graph: (id) => ({ clientApplications: { includeServicePrincipals: ['ServicePrincipalsInMyTenant'], excludeServicePrincipals: [id] } }) },
  { name: 'service principals known only at apply time', covers: ['sp'], list: 'excluded_service_principals', ...clients({ included_service_principals: ['ServicePrincipalsInMyTenant'], excluded_service_principals: ['${var.sp}'] }, { includeServicePrincipals: ['ServicePrincipalsInMyTenant'], excludeServicePrincipals: ['${var.sp}'] }) },
  { name: 'a service principal filter in exclude mode (A22a-3)', covers: ['sp'], list: 'filter', ...clients({ included_service_principals: ['ServicePrincipalsInMyTenant'], filter: [{ mode: 'exclude', rule: 'CustomSecurityAttribute.tier -eq "db"' }] }, { includeServicePrincipals: ['ServicePrincipalsInMyTenant'], servicePrincipalFilter: { mode: 'exclude', rule: 'CustomSecurityAttribute.tier -eq "db"' } }) },
  { name: 'a service principal filter whose mode is known only at apply time', covers: ['sp'], list: 'filter', ...clients({ included_service_principals: ['ServicePrincipalsInMyTenant'], filter: [{ mode: '${var.mode}', rule: 'x' }] }, { includeServicePrincipals: ['ServicePrincipalsInMyTenant'], servicePrincipalFilter: { mode: '${var.mode}', rule: 'x' } }) },
];

/** The policy around the exclusions: all users (or every service principal) included, all applications, MFA. */
const azureadPolicy = (conditions: Json): Json => ({
  display_name: 'mfa', state: 'enabled',
  conditions: { client_app_types: ['all'], applications: { included_applications: ['All'] }, users: { included_users: ['All'], ...(conditions.users ?? {}) }, ...(conditions.client_applications === undefined ? {} : { client_applications: conditions.client_applications }) },
  grant_controls: { operator: 'OR', built_in_controls: ['mfa'] },
});
const graphPolicy = (conditions: Json): Json => ({
  displayName: 'mfa', state: 'enabled',
  conditions: { clientAppTypes: ['all'], applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'], ...(conditions.users ?? {}) }, ...(conditions.clientApplications === undefined ? {} : { clientApplications: conditions.clientApplications }) },
  grantControls: { operator: 'OR', builtInControls: ['mfa'] },
});
/** Resources of two sets, the blocks of a type both write kept side by side. */
const merged = (one: Json, two: Json): Json => Object.fromEntries([...new Set([...Object.keys(one), ...Object.keys(two)])].map((type) => [type, { ...(one[type] ?? {}), ...(two[type] ?? {}) }]));
const hasReference = (value: Json): boolean => JSON.stringify(value).includes('${');

/** Every writer of a policy: azuread (new, and adopted by an import), a Graph post and update, a REST post (literal bodies only: a reference makes its data text known only at apply time). */
const FORMS: readonly (readonly [string, string, (exclusion: Exclusion, id: string) => Json | undefined])[] = [
  ['azuread_conditional_access_policy', 'azuread_conditional_access_policy.ca', (exclusion, id) => ({ azuread_conditional_access_policy: { ca: azureadPolicy(exclusion.azuread(id)) } })],
  ['msgraph_resource (a new policy)', 'msgraph_resource.ca', (exclusion, id) => ({ msgraph_resource: { ca: { url: 'identity/conditionalAccess/policies', body: graphPolicy(exclusion.graph(id)) } } })],
  ['msgraph_update_resource (an existing policy)', 'msgraph_update_resource.ca', (exclusion, id) => ({ msgraph_update_resource: { ca: { url: `identity/conditionalAccess/policies/${POLICY_ID}`, body: graphPolicy(exclusion.graph(id)) } } })],
  ['restapi_object (a new policy)', 'restapi_object.ca', (exclusion, id) => (hasReference(exclusion.graph(id)) ? undefined : { restapi_object: { ca: { path: '/v1.0/identity/conditionalAccess/policies', data: JSON.stringify(graphPolicy(exclusion.graph(id))) } } })],
];

describe('every exclusion of a Conditional Access policy is read as the set it stands for (twenty-second review, A22a-3, A22a-9)', () => {
  const cases = FORMS.flatMap(([form, address, write]) => EXCLUSIONS.flatMap((exclusion) => ADMINISTRATORS.flatMap((administrator) => {
    const policy = write(exclusion, administrator.id);
    if (policy === undefined) return [];
    const covered = exclusion.covers.includes(administrator.kind);
    // An existing policy rewritten to users that do not name the administrator fails for that (A20a-4): only its exclusions that cover are asserted.
    if (!covered && (exclusion.onlyCovered === true || form.includes('existing'))) return [];
    const expected = covered ? [address] : ['pass'];
    return [[`${form}: ${exclusion.name}, beside ${administrator.name}`, administrator, merged(policy, exclusion.resources?.(administrator.id) ?? {}), exclusion.data ?? {}, expected] as const];
  })));

  test.each(cases)('%s', (_name, administrator, resources, data, expected) => {
    // Another failure (a group the administrator is written into) is not this rule's question: only the policy's verdict is asserted
    // (a Graph write naming a user or service principal administrator is also read as a possible credential write: one address).
    const verdicts = [...new Set(judge(administrator, resources, data).filter((verdict) => verdict === 'pass' || /\.ca$/.test(verdict)))];
    expect(verdicts.length === 0 ? ['pass'] : verdicts).toEqual(expected);
  });

  test('every exclusion list the reader knows, and one it does not, has a case above in both spellings', () => {
    const exercised = new Set(EXCLUSIONS.map((exclusion) => exclusion.list));
    expect(POLICY_LISTS.filter(([, side]) => side !== 'include').map(([list]) => list).filter((list) => !exercised.has(list) && list !== 'service_principal_filter')).toEqual([]);
    expect(exercised.has('(unknown)')).toBe(true);
  });
});

describe('exclusions that provably leave the administrator out pass (controls)', () => {
  const policy = (usersBlock: Json, clientApplications?: Json): Json => ({ azuread_conditional_access_policy: { ca: azureadPolicy({ users: usersBlock, client_applications: clientApplications }) } });
  const byKind = (kind: Administrator['kind']) => ADMINISTRATORS.filter((administrator) => administrator.kind === kind);

  test.each(ADMINISTRATORS.map((administrator) => [administrator.name, administrator] as const))('the hardening policy with a literal break-glass user excluded passes beside %s', (_name, administrator) => {
    expect(judge(administrator, policy({ excluded_users: [BREAK_GLASS, 'None'] }))).toEqual(['pass']);
    expect(judge(administrator, policy({ excluded_guests_or_external_users: [{ guest_or_external_user_types: ['none'] }], excluded_roles: [] }))).toEqual(['pass']);
  });

  test('a closed break-glass group the stack makes, holding only users it makes that are not the administrator, passes', () => {
    const resources = {
      ...policy({ excluded_groups: [BREAK_GLASS_GROUP] }),
      azuread_user: { bg: { user_principal_name: 'bg@contoso.com', display_name: 'bg' } },
      azuread_group: { bg: { display_name: 'break-glass', security_enabled: true, members: ['${azuread_user.bg.object_id}'] } },
      azuread_group_member: { second: { group_object_id: '${azuread_group.bg.object_id}', member_object_id: '${azuread_user.bg2.object_id}' } },
    };
    for (const administrator of [...byKind('user').filter((each) => each.id.includes('azuread_user')), ...byKind('group')]) {
      expect([administrator.name, judge(administrator, { ...resources, azuread_user: { ...resources.azuread_user, bg2: { user_principal_name: 'bg2@contoso.com', display_name: 'bg2' } } })]).toEqual([administrator.name, ['pass']]);
    }
  });

  test('user conditions do not apply to a service principal administrator, nor client applications to a user or group one', () => {
    for (const administrator of byKind('sp')) expect(judge(administrator, policy({ excluded_users: ['GuestsOrExternalUsers'], excluded_groups: [BREAK_GLASS], excluded_roles: [GLOBAL_ADMIN] }))).toEqual(['pass']);
    for (const administrator of [...byKind('user'), ...byKind('group')]) {
      expect(judge(administrator, policy({}, { included_service_principals: ['ServicePrincipalsInMyTenant'], excluded_service_principals: ['ServicePrincipalsInMyTenant'], filter: [{ mode: 'exclude', rule: 'x' }] }))).toEqual(['pass']);
    }
  });

  test('a service principal filter in include mode, or another literal service principal excluded, passes beside a service principal administrator', () => {
    for (const administrator of byKind('sp')) {
      expect(judge(administrator, policy({ included_users: ['None'] }, { included_service_principals: ['ServicePrincipalsInMyTenant'], excluded_service_principals: [BREAK_GLASS], filter: [{ mode: 'include', rule: 'x' }] }))).toEqual(['pass']);
    }
  });

  test('a new policy that cannot apply to the administrator may exclude anyone: its exclusions exempt no one from it', () => {
    const closed = {
      azuread_user: { contractor: { user_principal_name: 'c@contoso.com', display_name: 'c' } },
      azuread_group: { contractors: { display_name: 'contractors', security_enabled: true, members: ['${azuread_user.contractor.object_id}'] } },
    };
    const resources = { ...closed, azuread_conditional_access_policy: { ca: { ...azureadPolicy({}), conditions: { client_app_types: ['all'], applications: { included_applications: ['All'] }, users: { included_groups: ['${azuread_group.contractors.object_id}'], excluded_users: ['GuestsOrExternalUsers'] } } } } };
    for (const administrator of [...byKind('user').filter((each) => each.id.includes('azuread_user')), byKind('group')[1]]) expect([administrator.name, judge(administrator, resources)]).toEqual([administrator.name, ['pass']]);
  });
});

describe('an inclusion is read as the set it stands for: a new policy that may apply to the administrator is judged by its settings (A22a-9)', () => {
  const weak = (users: Json): Json => ({ azuread_conditional_access_policy: { ca: { ...azureadPolicy({}), conditions: { client_app_types: ['all'], applications: { included_applications: ['All'] }, users }, session_controls: { persistent_browser_mode: 'always' } } } });
  test.each([
    ['All users', { included_users: ['All'] }],
    ['every guest', { included_users: ['GuestsOrExternalUsers'] }],
    ['a guest block', { included_guests_or_external_users: [{ guest_or_external_user_types: ['b2bCollaborationGuest'] }] }],
    ['a directory role', { included_roles: [GLOBAL_ADMIN] }],
    ['a group whose members are managed outside the stack', { included_groups: [OTHER_GROUP] }],
  ])('persistent browser sessions for %s fail beside a user and a group administrator', (_name, usersBlock) => {
    for (const administrator of ADMINISTRATORS.filter((each) => each.kind !== 'sp')) expect([administrator.name, judge(administrator, weak(usersBlock))]).toEqual([administrator.name, ['azuread_conditional_access_policy.ca']]);
  });
  test('control: None, or a user that is not the administrator, is not judged', () => {
    expect(judge(ADMINISTRATORS[0], weak({ included_users: ['None'] }))).toEqual(['pass']);
    expect(judge(ADMINISTRATORS[0], weak({ included_users: [BREAK_GLASS] }))).toEqual(['pass']);
  });
});

describe('group memberships are followed in every spelling the stack writes them (A22a-3)', () => {
  const excluding = (group: string): Json => ({ azuread_conditional_access_policy: { ca: azureadPolicy({ users: { excluded_groups: [group] } }) } });
  const madeUser = ADMINISTRATORS[1];
  const madeGroupAdministrator = ADMINISTRATORS[3];

  test('a subgroup of the administrator group, excluded, exempts its members (administrators through nesting); another closed group passes', () => {
    const resources = (excluded: string) => merged(excluding(excluded), {
      azuread_user: { u: { user_principal_name: 'u@contoso.com', display_name: 'u' }, v: { user_principal_name: 'v@contoso.com', display_name: 'v' } },
      azuread_group: {
        admins: { display_name: 'db-admins', security_enabled: true, members: ['${azuread_group.sub.object_id}'] },
        sub: { display_name: 'sub', security_enabled: true, members: ['${azuread_user.u.object_id}'] },
        other: { display_name: 'other', security_enabled: true, members: ['${azuread_user.v.object_id}'] },
      },
    });
    expect(judge(madeGroupAdministrator, resources('${azuread_group.sub.object_id}')).filter((verdict) => verdict !== 'azuread_group.admins')).toEqual(['azuread_conditional_access_policy.ca']);
    expect(judge(madeGroupAdministrator, resources('${azuread_group.other.object_id}')).filter((verdict) => verdict !== 'azuread_group.admins')).toEqual([]);
  });

  test('a counted group, and members added by for_each over a variable, are read', () => {
    const counted = merged(excluding('${azuread_group.bg[0].object_id}'), {
      azuread_group: { bg: { count: 1, display_name: 'break-glass', security_enabled: true } },
      azuread_group_member: { admin: { group_object_id: '${azuread_group.bg[0].object_id}', member_object_id: madeUser.id } },
    });
    expect(judge(madeUser, counted)).toEqual(['azuread_conditional_access_policy.ca']);
    const iterated = merged(excluding('${azuread_group.bg.object_id}'), {
      azuread_group: { bg: { display_name: 'break-glass', security_enabled: true } },
      azuread_group_member: { each: { for_each: '${toset(var.break_glass_users)}', group_object_id: '${azuread_group.bg.object_id}', member_object_id: '${each.value}' } },
    });
    expect(judge(madeUser, iterated)).toEqual(['azuread_conditional_access_policy.ca']);
    // A group member whose group is known only at apply time may write into the break-glass group.
    const later = merged(excluding('${azuread_group.bg.object_id}'), {
      azuread_group: { bg: { display_name: 'break-glass', security_enabled: true } },
      azuread_group_member: { later: { group_object_id: '${var.group}', member_object_id: madeUser.id } },
    });
    // The membership fails on its own too: the group known only then may be one a live policy excludes (27th run, administrator-memberships.ts).
    expect(judge(madeUser, later)).toEqual(['azuread_conditional_access_policy.ca', 'azuread_group_member.later']);
  });

  test('a PIM assignment into the excluded group may make anyone a member', () => {
    const resources = merged(excluding('${azuread_group.bg.object_id}'), {
      azuread_group: { bg: { display_name: 'break-glass', security_enabled: true } },
      azuread_privileged_access_group_eligibility_schedule: { pim: { group_id: '${azuread_group.bg.object_id}', principal_id: BREAK_GLASS, assignment_type: 'member', duration: 'P30D' } },
    });
    expect(judge(madeUser, resources)).toEqual(['azuread_conditional_access_policy.ca']);
  });
});

describe('a new policy written through Graph is read in the azuread shape, its controls in Graph\'s spelling too', () => {
  const graph = (sessionControls: Json): Json => ({ msgraph_resource: { ca: { url: 'identity/conditionalAccess/policies', body: { ...graphPolicy({}), sessionControls } } } });
  test('Graph session controls that only shorten sessions pass; persistent browser sessions fail beside a user administrator', () => {
    const hardening = { persistentBrowser: { mode: 'never', isEnabled: true }, signInFrequency: { value: 4, type: 'hours', isEnabled: true }, applicationEnforcedRestrictions: { isEnabled: true }, disableResilienceDefaults: true };
    expect(judge(ADMINISTRATORS[1], graph(hardening))).toEqual(['pass']);
    expect(judge(ADMINISTRATORS[1], graph({ ...hardening, persistentBrowser: { mode: 'always', isEnabled: true } }))).toEqual(['msgraph_resource.ca']);
    expect(judge(ADMINISTRATORS[1], { msgraph_resource: { ca: { url: 'identity/conditionalAccess/policies', body: '${var.policy}' } } })).toEqual(['msgraph_resource.ca']);
  });
});

describe('a break-glass group a Graph write makes is read by the members it binds', () => {
  const graphGroup = (members: readonly string[]): Json => ({
    azuread_conditional_access_policy: { ca: azureadPolicy({ users: { excluded_groups: ['${msgraph_resource.bg.id}'] } }) },
    msgraph_resource: { bg: { url: 'groups', body: { displayName: 'break-glass', mailEnabled: false, mailNickname: 'bg', securityEnabled: true, 'members@odata.bind': members } } },
  });
  // Another reader judges the Graph write itself (a user pointer it cannot tell from the administrator): only the policy's verdict is asserted here.
  const policyVerdict = (administrator: Administrator, resources: Json) => {
    const verdicts = judge(administrator, resources).filter((verdict) => verdict === 'pass' || verdict.endsWith('.ca'));
    return verdicts.length === 0 ? ['pass'] : verdicts;
  };
  const users = ADMINISTRATORS.filter((administrator) => administrator.kind === 'user');
  test.each(users.map((administrator) => [administrator.name, administrator] as const))('beside %s: users bound by ID that are not the administrator pass; the administrator, or a directory object of any kind, fails', (_name, administrator) => {
    expect(policyVerdict(administrator, graphGroup([`https://graph.microsoft.com/v1.0/users/${BREAK_GLASS}`]))).toEqual(['pass']);
    const own = `https://graph.microsoft.com/v1.0/users/${administrator.id}`;
    expect(policyVerdict(administrator, graphGroup([`https://graph.microsoft.com/v1.0/users/${BREAK_GLASS}`, own]))).toEqual(['azuread_conditional_access_policy.ca']);
    expect(policyVerdict(administrator, graphGroup([`https://graph.microsoft.com/v1.0/directoryObjects/${BREAK_GLASS}`]))).toEqual(['azuread_conditional_access_policy.ca']);
    expect(policyVerdict(administrator, graphGroup([`https://graph.microsoft.com/v1.0/groups/${OTHER_GROUP}`]))).toEqual(['azuread_conditional_access_policy.ca']);
  });
});
