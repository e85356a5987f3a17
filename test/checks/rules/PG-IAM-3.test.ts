import { rule } from '../../../lib/checks/rules/PG-IAM-3';
import { INERT_APPLICATION_TYPES } from '../../../lib/checks/administrator-credentials';
import { EXISTING_CONDITIONAL_ACCESS } from '../../../lib/checks/administrator-policies';
import { buildStackModel, TerraformBlock } from '../../../lib/checks/stack-model';
import { Verdict } from '../../../lib/checks/rule';
import { CONSTRUCT, madeAt, verdictsBeside } from '../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../rule-harness';

// A4-12: an Entra administrator of a construct's server that the construct did not make.

const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const OUTSIDER = '99999999-7777-8888-9999-000000000000';
const admin = (path: string, block: TerraformBlock = {}): TerraformBlock => ({
  ...madeAt(path), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: '11111111-2222-3333-4444-555555555555', object_id: OUTSIDER, principal_name: 'contractor@partner.example', principal_type: 'User', ...block,
});
const stack = (admins: { [name: string]: TerraformBlock }): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
  [ADMINISTRATOR]: admins,
});
const added = (name: string, who = '"contractor@partner.example"') => ({
  status: 'fail',
  message: `${ADMINISTRATOR}.${name} makes ${who} (object "${OUTSIDER}") an administrator of the server, one ${CONSTRUCT} does not declare.`,
  address: `${ADMINISTRATOR}.${name}`,
});

test('passes the administrators the construct made', () => {
  expect(verdictsBeside(rule, stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`) }), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
});

test('is not applicable to a server no construct of the library made', () => {
  expect(verdictsBeside(rule, stack({ raw: admin('stack/raw') }))).toEqual([
    { status: 'not-applicable', note: 'the server is not made by a construct of the library: its administrators are its owner\'s to judge' },
  ]);
});

test('fails an administrator added beside the construct, by reference or by the server\'s literal name', () => {
  expect(verdictsBeside(rule, stack({
    own: admin(`${CONSTRUCT}/EntraAdministrator0`),
    byReference: admin('stack/extra'),
    byName: admin('stack/literal', { server_name: 'orders-db', principal_name: 'ci-sp' }),
    unnamed: { server_name: 'orders-db', resource_group_name: 'rg', object_id: OUTSIDER },
  }), [CONSTRUCT])).toEqual([added('byName', '"ci-sp"'), added('byReference'), added('unnamed', 'a principal')]);
});

describe('members written into a declared administrator group (A5-2)', () => {
  const GROUP = '66666666-7777-8888-9999-000000000000';
  const MEMBER = 'bbbbbbbb-0000-0000-0000-000000000000';
  const groupAdmin = (objectId: string, type = 'Group') => admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: objectId, principal_name: 'pg-admins', principal_type: type });
  const joined = (address: string, action: string) => ({
    status: 'fail',
    message: `${address} ${action} the group "pg-admins", an Entra administrator ${CONSTRUCT} declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`,
    address,
  });

  test('fails an azuread_group_member of the group by literal object ID (in any case) or by the group it reads, and the members and owners of that group', () => {
    expect(verdictsBeside(rule, {
      ...stack({ own: groupAdmin(GROUP.toUpperCase()) }),
      azuread_group_member: { join: { ...madeAt('stack/Join'), group_object_id: GROUP, member_object_id: MEMBER } },
    }, [CONSTRUCT])).toEqual([joined('azuread_group_member.join', `adds the member "${MEMBER}" to`)]);
    expect(verdictsBeside(rule, {
      ...stack({ own: groupAdmin('${azuread_group.admins.object_id}') }),
      azuread_group: { admins: { display_name: 'pg-admins', security_enabled: true, owners: ['${data.azuread_client_config.current.object_id}'], members: [MEMBER] } },
      azuread_group_member: { join: { group_object_id: '${azuread_group.admins.id}', member_object_id: MEMBER } },
    }, [CONSTRUCT])).toEqual([joined('azuread_group.admins', 'lists the members and owners of'), joined('azuread_group_member.join', `adds the member "${MEMBER}" to`)]);
  });

  // 27th run: the user administrator made a member of an existing group (a literal ID) fails, as a Conditional Access policy may
  // exclude that group (administrator-memberships.ts); a group the stack makes passes.
  test('passes a membership of a group the stack makes, an administrator group without members in the stack, and a user administrator', () => {
    expect(verdictsBeside(rule, {
      ...stack({ own: groupAdmin('${azuread_group.admins.object_id}'), user: admin(`${CONSTRUCT}/EntraAdministrator1`, { object_id: MEMBER }) }),
      azuread_group: { admins: { display_name: 'pg-admins', security_enabled: true, members: [] }, other: { display_name: 'other', members: [MEMBER] } },
      azuread_group_member: {
        other: { group_object_id: '${azuread_group.other.object_id}', member_object_id: MEMBER },
        literal: { group_object_id: '11111111-0000-0000-0000-000000000000', member_object_id: MEMBER },
        intoUser: { group_object_id: MEMBER, member_object_id: OUTSIDER },
      },
    }, [CONSTRUCT]).map((verdict) => ('address' in verdict ? verdict.address : verdict.status))).toEqual(['azuread_group_member.literal']);
  });
});

describe('other writers of a declared administrator group: Microsoft Graph, other azuread types, plural lookups (A7-17)', () => {
  const GROUP = '66666666-7777-8888-9999-000000000000';
  const MEMBER = 'cccccccc-0000-0000-0000-000000000001';
  const groupAdmin = admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: GROUP, principal_name: 'db-admins', principal_type: 'Group' });
  /** PG-IAM-3 on the construct's server beside the given resources and data sources. */
  const judged = (resources: Resources, data: Resources = {}): readonly Verdict[] => {
    const model = buildStackModel({ resource: { ...stack({ own: groupAdmin }), ...resources }, data });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  };
  const joined = (address: string, action: string) => ({
    status: 'fail',
    message: `${address} ${action} the group "db-admins", an Entra administrator ${CONSTRUCT} declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`,
    address,
  });
  const member = (group: string) => ({ azuread_group_member: { m: { group_object_id: group, member_object_id: MEMBER } } });

  test('fails a Graph write naming the group\'s object ID (URL or body, in any case, escaped) and an azuread type no rule reads that reads the group', () => {
    expect(judged({
      msgraph_resource: { post: { url: `groups/${GROUP.toUpperCase()}/members/$ref`, body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${MEMBER}` } } },
      msgraph_update_resource: { patch: { url: 'groups', body: { ref: `groups%2F${GROUP}%2Fowners` } } },
      azuread_privileged_access_group_assignment_schedule: { pim: { group_id: GROUP, principal_id: MEMBER, assignment_type: 'member', permanent_assignment: true } },
    })).toEqual([
      joined('azuread_privileged_access_group_assignment_schedule.pim', 'may change the members or owners (through azuread_privileged_access_group_assignment_schedule, a type no rule reads) of'),
      joined('msgraph_resource.post', 'may change the members or owners (through msgraph_resource, a type no rule reads) of'),
      joined('msgraph_update_resource.patch', 'may change the members or owners (through msgraph_update_resource, a type no rule reads) of'),
    ]);
  });

  test.each<[string, TerraformBlock]>([
    ['its display name (any case) among others', { display_names: ['other', 'DB-Admins'] }],
    ['its object ID', { object_ids: [GROUP] }],
    ['a prefix of its display name', { display_name_prefix: 'db-' }],
    ['return_all', { return_all: true }],
    ['names known only later', { display_names: '${var.groups}' }],
  ])('fails a member added to a data.azuread_groups lookup by %s, and a Graph write reading it', (_name, lookup) => {
    expect(judged({
      ...member('${data.azuread_groups.g.object_ids[1]}'),
      msgraph_resource: { post: { url: 'groups/${data.azuread_groups.g.object_ids[1]}/members/$ref', body: {} } },
    }, { azuread_groups: { g: lookup } })).toEqual([
      joined('azuread_group_member.m', `adds the member "${MEMBER}" to`),
      joined('msgraph_resource.post', 'may change the members or owners (through msgraph_resource, a type no rule reads) of'),
    ]);
  });

  test('reads object_ids[<i>] of a plural lookup as the group at that index of its display names or object IDs; one known only later may be the group', () => {
    const lookups = { names: { display_names: ['other', 'DB-Admins', '${var.group}'] }, ids: { object_ids: [MEMBER, GROUP] } };
    const groupMembers = (references: { [name: string]: string }) => judged({
      azuread_group_member: Object.fromEntries(Object.entries(references).map(([name, group]) => [name, { group_object_id: group, member_object_id: MEMBER }])),
    }, { azuread_groups: lookups });
    expect(groupMembers({
      otherName: '${data.azuread_groups.names.object_ids[0]}',
      otherId: '${data.azuread_groups.ids.object_ids[0]}',
    })).toEqual([{ status: 'pass' }]);
    expect(groupMembers({
      byName: '${data.azuread_groups.names.object_ids[1]}',
      laterName: '${data.azuread_groups.names.object_ids[2]}',
      anyName: '${element(data.azuread_groups.names.object_ids, 0)}',
      pastTheEnd: '${data.azuread_groups.names.object_ids[3]}',
      byId: '${data.azuread_groups.ids.object_ids[1]}',
    }).map((verdict) => (verdict.status === 'fail' ? verdict.address : verdict.status))).toEqual(['anyName', 'byId', 'byName', 'laterName', 'pastTheEnd'].map((name) => `azuread_group_member.${name}`));
  });

  test('passes plural lookups that exclude the group, Graph writes of other groups, and types that only give the group a role', () => {
    expect(judged({
      azuread_group_member: {
        byName: { group_object_id: '${data.azuread_groups.names.object_ids[0]}', member_object_id: MEMBER },
        byId: { group_object_id: '${data.azuread_groups.ids.object_ids[0]}', member_object_id: MEMBER },
        byPrefix: { group_object_id: '${data.azuread_groups.prefix.object_ids[0]}', member_object_id: MEMBER },
        notAll: { group_object_id: '${data.azuread_groups.notAll.object_ids[0]}', member_object_id: MEMBER },
      },
      msgraph_resource: { other: { url: 'groups/11111111-0000-0000-0000-000000000000/members/$ref', body: {} } },
      azuread_app_role_assignment: { role: { principal_object_id: GROUP, app_role_id: 'x', resource_object_id: 'y' } },
      // They harden the group (MFA, PIM activation rules) and cannot change its members (A8-7).
      azuread_conditional_access_policy: { mfa: { display_name: 'MFA for DBAs', state: 'enabled', conditions: [{ users: [{ included_groups: [GROUP] }] }], grant_controls: [{ operator: 'OR', built_in_controls: ['mfa'] }] } },
      azuread_group_role_management_policy: { pim: { group_id: GROUP, role_id: 'member', activation_rules: [{ require_approval: true }] } },
      azurerm_role_assignment: { reader: { scope: '${azurerm_resource_group.rg.id}', role_definition_name: 'Reader', principal_id: GROUP } },
    }, {
      azuread_groups: { names: { display_names: ['app-readers'] }, ids: { object_ids: [MEMBER] }, prefix: { display_name_prefix: 'app-' }, notAll: { return_all: false, display_names: ['x'] } },
    })).toEqual([{ status: 'pass' }]);
  });
});

describe('a group known only at apply time may be the administrator group (A14a-8)', () => {
  const GROUP = '66666666-7777-8888-9999-000000000000';
  const OTHER = '11111111-0000-0000-0000-000000000000';
  const MEMBER = 'cccccccc-0000-0000-0000-000000000001';
  const groupAdmin = admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: GROUP, principal_name: 'db-admins', principal_type: 'Group' });
  /** The addresses PG-IAM-3 fails on the construct's server beside the given resources and data sources, or its one other verdict. */
  const failed = (resources: Resources, data: Resources = {}): readonly string[] => {
    const model = buildStackModel({ resource: { ...stack({ own: groupAdmin }), ...resources }, data, variable: { g: { type: 'string', default: GROUP } } });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
  };
  const members = (groups: { [name: string]: string }) => ({
    azuread_group_member: Object.fromEntries(Object.entries(groups).map(([name, group]) => [name, { group_object_id: group, member_object_id: MEMBER }])),
  });
  const names = { azurerm_resource_group: { admins: { name: 'db-admins', location: 'westeurope' }, readers: { name: 'app-readers', location: 'westeurope' }, id: { name: GROUP, location: 'westeurope' } } };

  test('fails a member of a group that is a variable, another state\'s output, an expression, or a lookup whose group is known only at apply time', () => {
    expect(failed({
      ...names,
      ...members({
        variable: '${var.g}',
        remote: '${data.terraform_remote_state.ids.outputs.group}',
        expression: '${lower(var.g)}',
        byVariableName: '${data.azuread_group.byVariableName.object_id}',
        byVariableId: '${data.azuread_group.byVariableId.id}',
        byNameReference: '${data.azuread_group.byNameReference.object_id}',
        byNickname: '${data.azuread_group.byNickname.object_id}',
        nameOfResource: '${azurerm_resource_group.id.name}',
      }),
    }, {
      azuread_group: {
        byVariableName: { display_name: '${var.g}' },
        byVariableId: { object_id: '${var.g}' },
        // A reference to a resource's name is that resource's configured name: the group's.
        byNameReference: { display_name: '${azurerm_resource_group.admins.name}' },
        // The model cannot tell which group has that mail nickname.
        byNickname: { mail_nickname: 'dbadmins' },
      },
      terraform_remote_state: { ids: { backend: 'local', config: { path: 'ids.tfstate' } } },
    })).toEqual(['byNameReference', 'byNickname', 'byVariableId', 'byVariableName', 'expression', 'nameOfResource', 'remote', 'variable'].map((name) => `azuread_group_member.${name}`));
  });

  test('the message says the group is known only at apply time and may be the administrator group', () => {
    const model = buildStackModel({ resource: { ...stack({ own: groupAdmin }), ...members({ variable: '${var.g}' }) } });
    expect(rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] })).toEqual([{
      status: 'fail',
      message: `azuread_group_member.variable adds the member "${MEMBER}" to a group whose group_object_id "\${var.g}" is known only at apply time and may be the group "db-admins", an Entra administrator ${CONSTRUCT} declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`,
      address: 'azuread_group_member.variable',
    }]);
  });

  test('fails a PIM assignment or eligibility and a Graph or REST write whose group is known only at apply time', () => {
    expect(failed({
      azuread_privileged_access_group_assignment_schedule: { pim: { group_id: '${var.g}', principal_id: MEMBER, assignment_type: 'member', permanent_assignment: true } },
      azuread_privileged_access_group_eligibility_schedule: { eligible: { group_id: '${var.g}', principal_id: MEMBER, assignment_type: 'owner', permanent_assignment: true } },
      azuread_access_package_resource_catalog_association: { catalog: { catalog_id: 'x', resource_origin_id: '${var.g}', resource_origin_system: 'AadGroup' } },
      // "<catalog ID>/<resource origin ID>": the package hands out membership of that group (fifteenth review, A15a-6).
      azuread_access_package_resource_package_association: { handout: { access_package_id: 'p', catalog_resource_association_id: '${var.assoc}' } },
      msgraph_resource: { post: { url: 'groups/${var.g}/members/$ref', body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${MEMBER}` } } },
      restapi_object: { owner: { path: '/v1.0/Groups/${var.g}/owners/$ref', data: '{}' } },
    })).toEqual([
      'azuread_access_package_resource_catalog_association.catalog', 'azuread_access_package_resource_package_association.handout', 'azuread_privileged_access_group_assignment_schedule.pim',
      'azuread_privileged_access_group_eligibility_schedule.eligible', 'msgraph_resource.post', 'restapi_object.owner',
    ]);
  });

  test('passes a group that is provably another: a literal ID, a lookup by another literal name or ID, a group the stack makes, a resource named otherwise', () => {
    expect(failed({
      ...names,
      azuread_group: { other: { display_name: 'app-readers', security_enabled: true } },
      ...members({
        literal: OTHER,
        byOtherName: '${data.azuread_group.byOtherName.object_id}',
        byOtherId: '${data.azuread_group.byOtherId.object_id}',
        byOtherNameReference: '${data.azuread_group.byOtherNameReference.object_id}',
        made: '${azuread_group.other.object_id}',
        madeId: '${azuread_group.other.id}',
        nameOfOther: '${azurerm_resource_group.readers.name}',
      }),
      azuread_privileged_access_group_assignment_schedule: { pim: { group_id: '${azuread_group.other.id}', principal_id: MEMBER, assignment_type: 'member', permanent_assignment: true } },
      msgraph_resource: { post: { url: 'groups/${azuread_group.other.object_id}/members/$ref', body: {} } },
      // A principal known only at apply time given a directory role that reads (Directory Readers) is no group write; a role
      // known only at apply time fails closed (administrator-powers.ts, fifteenth review, A15b-13).
      azuread_directory_role_assignment: { role: { role_id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', principal_object_id: '${var.g}' } },
    }, {
      azuread_group: {
        byOtherName: { display_name: 'App-Readers ' },
        byOtherId: { object_id: OTHER },
        byOtherNameReference: { display_name: '${azurerm_resource_group.readers.name}' },
      },
    })).toEqual(['pass']);
  });
});

describe('an administrator group known only at apply time (A14a-8)', () => {
  const MEMBER = 'cccccccc-0000-0000-0000-000000000001';
  /** The addresses PG-IAM-3 fails beside an administrator whose object ID is `objectId`, or its one other verdict. */
  const failed = (objectId: string, extra: { [section: string]: unknown } = {}): readonly string[] => {
    const model = buildStackModel({
      resource: {
        ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: objectId, principal_name: 'db-admins', principal_type: 'Group' }) }),
        azuread_group: { admins: { display_name: 'db-admins', security_enabled: true } },
        azuread_group_member: { literal: { group_object_id: '11111111-0000-0000-0000-000000000000', member_object_id: MEMBER } },
      },
      ...extra,
    });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
  };

  test('may be a group written as a literal ID; a group the stack makes is none, unless an import block adopts an existing group into it', () => {
    expect(failed('${var.admins}')).toEqual(['azuread_group_member.literal']);
    const model = buildStackModel({ resource: {
      ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: '${var.admins}', principal_name: 'db-admins', principal_type: 'Group' }) }),
      azuread_privileged_access_group_assignment_schedule: { pim: { group_id: '11111111-0000-0000-0000-000000000000', principal_id: MEMBER, assignment_type: 'owner' } },
    } });
    expect(rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] })).toEqual([{
      status: 'fail',
      message: 'azuread_privileged_access_group_assignment_schedule.pim may change the members or owners (through azuread_privileged_access_group_assignment_schedule, a type no rule reads) of a group whose group_id "11111111-0000-0000-0000-000000000000" may be '
        + `the group "db-admins", whose object ID "\${var.admins}" is known only at apply time, an Entra administrator ${CONSTRUCT} declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`,
      address: 'azuread_privileged_access_group_assignment_schedule.pim',
    }]);
    // A lookup by the name of the group the stack makes (not aliased here) may return it: the administrator fails closed too (A21a-2).
    expect(failed('${data.azuread_group.admins.object_id}', { data: { azuread_group: { admins: { display_name: 'db-admins' } } } })).toEqual(['azuread_group_member.literal', `${ADMINISTRATOR}.own`]);
    expect(failed('${data.azuread_group.admins.object_id}', { data: { azuread_group: { admins: { display_name: 'existing-admins' } } } })).toEqual(['azuread_group_member.literal']);
    expect(failed('${azuread_group.admins.object_id}')).toEqual(['pass']);
    expect(failed('${azuread_group.admins.object_id}', { import: [{ to: 'azuread_group.admins', id: '/groups/11111111-0000-0000-0000-000000000000' }] })).toEqual(['azuread_group_member.literal']);
  });
});

describe('a group resource an import block adopts (A14a-8)', () => {
  const GROUP = '66666666-7777-8888-9999-000000000000';
  const MEMBER = 'cccccccc-0000-0000-0000-000000000001';
  const groupAdmin = admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: GROUP, principal_name: 'db-admins', principal_type: 'Group' });
  const failed = (imports: unknown[]): readonly Verdict[] => {
    const model = buildStackModel({
      resource: { ...stack({ own: groupAdmin }), azuread_group: { adopted: { display_name: 'db-admins', security_enabled: true, members: [MEMBER] }, fresh: { display_name: 'new', members: [MEMBER] } } },
      import: imports,
    });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  };

  test('lists the members of the administrator group when the import names it (by literal ID or one known only at apply time); another literal ID passes', () => {
    expect(failed([{ to: 'azuread_group.adopted', id: `/groups/${GROUP.toUpperCase()}` }])).toEqual([{
      status: 'fail',
      message: `azuread_group.adopted lists the members of the group "db-admins", an Entra administrator ${CONSTRUCT} declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`,
      address: 'azuread_group.adopted',
    }]);
    expect(failed([{ to: 'azuread_group.adopted', id: '${var.group}' }])).toEqual([{
      status: 'fail',
      message: `azuread_group.adopted lists the members of a group whose import id "\${var.group}" is known only at apply time and may be the group "db-admins", an Entra administrator ${CONSTRUCT} declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`,
      address: 'azuread_group.adopted',
    }]);
    expect(failed([{ to: 'azuread_group.adopted', id: '/groups/11111111-0000-0000-0000-000000000000' }])).toEqual([{ status: 'pass' }]);
  });

  test('a dynamic membership rule written into the adopted administrator group fails: every user the rule admits is a member (fifteenth review, A15a-14)', () => {
    const dynamic = (group: object, id = `/groups/${GROUP}`) => {
      const model = buildStackModel({ resource: { ...stack({ own: groupAdmin }), azuread_group: { adopted: { display_name: 'db-admins', security_enabled: true, ...group } } }, import: [{ to: 'azuread_group.adopted', id }] });
      const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
      return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.message.split(' the group')[0] : verdict.status));
    };
    const rule_ = { enabled: true, rule: 'user.accountEnabled -eq true' };
    expect(dynamic({ types: ['DynamicMembership'], dynamic_membership: rule_ })).toEqual(['azuread_group.adopted sets a dynamic membership rule (every user it admits is a member) of']);
    expect(dynamic({ types: ['dynamicmembership'] })).toEqual(['azuread_group.adopted sets a dynamic membership rule (every user it admits is a member) of']);
    // Types known only at apply time may also make it a Microsoft 365 group with no visibility, which Graph makes Public (A19a-10).
    expect(dynamic({ types: '${var.types}' })).toEqual(['azuread_group.adopted sets a dynamic membership rule (every user it admits is a member), and lets anyone in the tenant join it without an owner\'s approval (visibility Public, Graph\'s default for a Microsoft 365 group with no visibility) of']);
    expect(dynamic({ owners: [MEMBER], dynamic_membership: rule_ })).toEqual(['azuread_group.adopted lists the owners, and sets a dynamic membership rule (every user it admits is a member) of']);
    expect(dynamic({ types: ['Unified'], visibility: 'Private' })).toEqual(['pass']);
    expect(dynamic({ types: ['DynamicMembership'], dynamic_membership: rule_ }, '/groups/11111111-0000-0000-0000-000000000000')).toEqual(['pass']);
  });

  test('the owners of a group without members (azuread 3.1) that the administrator reads, or that an import may adopt the group into, fail', () => {
    const judged = (objectId: string, imports: unknown[] = []) => {
      const model = buildStackModel({
        resource: {
          ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: objectId, principal_name: 'db-admins', principal_type: 'Group' }) }),
          azuread_group_without_members: { owned: { display_name: 'db-admins', security_enabled: true, owners: [MEMBER] } },
        },
        import: imports,
      });
      const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
      return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
    };
    const declared = `the group "db-admins", an Entra administrator ${CONSTRUCT} declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`;
    expect(judged('${azuread_group_without_members.owned.object_id}')).toEqual([`azuread_group_without_members.owned lists the owners of ${declared}`]);
    expect(judged(GROUP, [{ to: 'azuread_group_without_members.owned', id: '${var.group}' }])).toEqual([
      `azuread_group_without_members.owned lists the owners of a group whose import id "\${var.group}" is known only at apply time and may be ${declared}`,
    ]);
    expect(judged(GROUP)).toEqual(['pass']);
  });
});

describe('credentials and owners of a declared administrator principal (A14b-19)', () => {
  const SP = '66666666-7777-8888-9999-000000000000';
  const OTHER = '11111111-0000-0000-0000-000000000000';
  const OWNER = 'cccccccc-0000-0000-0000-000000000001';
  const IDENTITY_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app';
  /** The addresses PG-IAM-3 fails beside an administrator of the given object ID and type, or its one other verdict. */
  const failed = (objectId: string, type: string, resources: Resources, extra: { [section: string]: unknown } = {}): readonly string[] => {
    const model = buildStackModel({
      resource: { ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: objectId, principal_name: type === 'User' ? 'ops@contoso.com' : 'deploy-sp', principal_type: type }) }), ...resources },
      variable: { sp: { type: 'string', default: SP } },
      ...extra,
    });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
  };
  const messageOf = (objectId: string, type: string, resources: Resources, extra: { [section: string]: unknown } = {}): readonly Verdict[] => {
    const model = buildStackModel({
      resource: { ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: objectId, principal_name: type === 'User' ? 'ops@contoso.com' : 'deploy-sp', principal_type: type }) }), ...resources },
      ...extra,
    });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  };
  const tail = `an Entra administrator ${CONSTRUCT} declares: whoever holds a credential of it, or owns it, can sign in to the server as that administrator (azure_pg_admin), and the construct's props do not say so.`;

  test('fails a secret or certificate of the administrator service principal by its literal object ID (azuread 2.x and 3.x forms, any case) and a Graph write naming it', () => {
    expect(failed(SP, 'ServicePrincipal', {
      azuread_service_principal_password: { v2: { service_principal_id: SP }, v3: { service_principal_id: `/servicePrincipals/${SP.toUpperCase()}` } },
      azuread_service_principal_certificate: { cert: { service_principal_id: SP, type: 'AsymmetricX509Cert', value: 'x' } },
      msgraph_resource: { add: { url: `servicePrincipals/${SP}/addPassword`, body: {} } },
    })).toEqual(['azuread_service_principal_certificate.cert', 'azuread_service_principal_password.v2', 'azuread_service_principal_password.v3', 'msgraph_resource.add']);
  });

  test('the message names what the block writes and the administrator', () => {
    expect(messageOf(SP, 'ServicePrincipal', { azuread_service_principal_password: { pw: { service_principal_id: SP } } })).toEqual([{
      status: 'fail',
      message: `azuread_service_principal_password.pw writes a client secret for the service principal "deploy-sp" (object "${SP}"), ${tail}`,
      address: 'azuread_service_principal_password.pw',
    }]);
    expect(messageOf(SP, 'ServicePrincipal', { azuread_service_principal_password: { pw: { service_principal_id: '${var.sp}' } } })).toEqual([{
      status: 'fail',
      message: `azuread_service_principal_password.pw writes a client secret for a service principal whose service_principal_id "\${var.sp}" is known only at apply time and may be the service principal "deploy-sp" (object "${SP}"), ${tail}`,
      address: 'azuread_service_principal_password.pw',
    }]);
  });

  test('the message says why an application, or a service principal use_existing takes over, may be the administrator\'s', () => {
    expect(messageOf(SP, 'ServicePrincipal', {
      azuread_application_password: { pw: { application_object_id: OTHER } },
      azuread_service_principal: { existing: { client_id: OTHER, use_existing: true, owners: [OWNER] } },
    }).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status))).toEqual([
      `azuread_application_password.pw writes a client secret for an application whose application_object_id "${OTHER}" may be the application of the service principal "deploy-sp" (object "${SP}") (its ID is not the principal's object ID, so the checks cannot tell), ${tail}`,
      `azuread_service_principal.existing sets the owners of the existing service principal of its application (use_existing), which may be the service principal "deploy-sp" (object "${SP}"), ${tail}`,
    ]);
  });

  test('fails the credentials and owners of an administrator service principal the stack makes, and of its application (by reference, azuread 2.x and 3.x)', () => {
    expect(failed('${azuread_service_principal.sp.object_id}', 'ServicePrincipal', {
      azuread_application: { app: { display_name: 'deploy', owners: [OWNER] }, other: { display_name: 'other', owners: [OWNER] } },
      azuread_service_principal: { sp: { client_id: '${azuread_application.app.client_id}', owners: [OWNER] }, other: { client_id: '${azuread_application.other.client_id}', owners: [OWNER] } },
      azuread_service_principal_password: { byId: { service_principal_id: '${azuread_service_principal.sp.id}' }, other: { service_principal_id: '${azuread_service_principal.other.id}' } },
      azuread_application_password: { v2: { application_object_id: '${azuread_application.app.object_id}' }, v3: { application_id: '${azuread_application.app.id}' }, other: { application_id: '${azuread_application.other.id}' } },
      azuread_application_certificate: { cert: { application_id: '${azuread_application.app.id}', type: 'AsymmetricX509Cert', value: 'x' } },
      azuread_application_federated_identity_credential: { github: { application_id: '${azuread_application.app.id}', display_name: 'gh', audiences: ['api://AzureADTokenExchange'], issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:evil/repo:ref:refs/heads/main' } },
      azuread_application_owner: { owner: { application_id: '${azuread_application.app.id}', owner_object_id: OWNER } },
    })).toEqual([
      'azuread_application.app', 'azuread_application_certificate.cert', 'azuread_application_federated_identity_credential.github', 'azuread_application_owner.owner',
      'azuread_application_password.v2', 'azuread_application_password.v3', 'azuread_service_principal.sp', 'azuread_service_principal_password.byId',
    ]);
  });

  test('fails a credential of a principal known only at apply time, or of an application or managed identity that may be the administrator\'s', () => {
    expect(failed(SP, 'ServicePrincipal', {
      azuread_service_principal_password: { variable: { service_principal_id: '${var.sp}' }, lookup: { service_principal_id: '${data.azuread_service_principal.byClientId.object_id}' } },
      // An application's object ID is not its service principal's: the model cannot tell whose it is.
      azuread_application_password: { literal: { application_object_id: OTHER }, lookup: { application_id: '${data.azuread_application.app.id}' } },
      azurerm_federated_identity_credential: { literal: { name: 'gh', resource_group_name: 'rg', parent_id: IDENTITY_ID, audience: ['api://AzureADTokenExchange'], issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:evil/repo:ref:refs/heads/main' } },
      azapi_resource: { federated: { type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31', name: 'gh', parent_id: IDENTITY_ID, body: { properties: { issuer: 'https://token.actions.githubusercontent.com' } } } },
    }, { data: { azuread_service_principal: { byClientId: { client_id: '22222222-0000-0000-0000-000000000000' } }, azuread_application: { app: { display_name: 'deploy' } } } })).toEqual([
      'azapi_resource.federated', 'azuread_application_password.literal', 'azuread_application_password.lookup', 'azuread_service_principal_password.lookup',
      'azuread_service_principal_password.variable', 'azurerm_federated_identity_credential.literal',
    ]);
  });

  test('fails a federated identity credential of the administrator managed identity (azurerm parent_id or user_assigned_identity_id, by reference)', () => {
    expect(failed('${azurerm_user_assigned_identity.app.principal_id}', 'ServicePrincipal', {
      azurerm_user_assigned_identity: { app: { name: 'app', resource_group_name: 'rg', location: 'westeurope' }, other: { name: 'other', resource_group_name: 'rg', location: 'westeurope' } },
      azurerm_federated_identity_credential: {
        parent: { name: 'gh', resource_group_name: 'rg', parent_id: '${azurerm_user_assigned_identity.app.id}', audience: ['x'], issuer: 'https://issuer', subject: 's' },
        v4: { name: 'gh4', user_assigned_identity_id: '${azurerm_user_assigned_identity.app.id}', audience: ['x'], issuer: 'https://issuer', subject: 's' },
        other: { name: 'other', resource_group_name: 'rg', parent_id: '${azurerm_user_assigned_identity.other.id}', audience: ['x'], issuer: 'https://issuer', subject: 's' },
        // A made identity's ARM ID is spelled from its literal group and name (unlike an object ID): the literal ID of "app" in "rg" is it.
        literal: { name: 'literal', resource_group_name: 'rg', parent_id: IDENTITY_ID.toUpperCase(), audience: ['x'], issuer: 'https://issuer', subject: 's' },
        otherLiteral: { name: 'other-literal', resource_group_name: 'rg', parent_id: `${IDENTITY_ID}-2`, audience: ['x'], issuer: 'https://issuer', subject: 's' },
      },
    })).toEqual(['azurerm_federated_identity_credential.literal', 'azurerm_federated_identity_credential.parent', 'azurerm_federated_identity_credential.v4']);
  });

  // A second identity resource that is the administrator's identity (its same names, literal or a variable's default, or adopted by
  // an import) is read as a literal ID of it is: a federated credential on it lets the issuer sign in as the administrator.
  test('fails a federated identity credential on a twin of the administrator managed identity', () => {
    const credential = (twin: string) => ({ name: `gh-${twin}`, resource_group_name: 'rg', parent_id: `\${azurerm_user_assigned_identity.${twin}.id}`, audience: ['x'], issuer: 'https://issuer', subject: 's' });
    expect(failed('${azurerm_user_assigned_identity.app.principal_id}', 'ServicePrincipal', {
      azurerm_user_assigned_identity: {
        app: { name: 'app', resource_group_name: 'rg', location: 'westeurope' },
        literal: { name: 'APP', resource_group_name: 'rg', location: 'westeurope' },
        defaulted: { name: '${var.n}', resource_group_name: 'rg', location: 'westeurope' },
        later: { name: '${var.later}', resource_group_name: 'rg', location: 'westeurope' },
        other: { name: 'other', resource_group_name: 'rg', location: 'westeurope' },
      },
      azurerm_federated_identity_credential: { literal: credential('literal'), defaulted: credential('defaulted'), later: credential('later'), other: credential('other') },
    }, { variable: { sp: { type: 'string', default: SP }, n: { type: 'string', default: 'app' }, later: { type: 'string' } } })).toEqual(['azurerm_federated_identity_credential.defaulted', 'azurerm_federated_identity_credential.literal']);
  });

  test('fails an application password block (also dynamic) of an application whose service principal may be the administrator\'s, and owners of a service principal adopted with use_existing', () => {
    expect(failed(SP, 'ServicePrincipal', {
      azuread_application: { dynamic: { display_name: 'x', dynamic: { password: { for_each: '${var.secrets}', content: { display_name: 'x' } } } } },
      azuread_service_principal: { existing: { client_id: '22222222-0000-0000-0000-000000000000', use_existing: true, owners: [OWNER] } },
      msgraph_resource: { federated: { url: `applications/${OTHER}/federatedIdentityCredentials`, body: {} }, created: { url: 'applications', body: { displayName: 'new' } } },
    }, { import: [{ to: 'azuread_application.dynamic', id: `/applications/${OTHER}` }] })).toEqual(['azuread_application.dynamic', 'azuread_service_principal.existing', 'msgraph_resource.federated']);
  });

  test('fails the administrator user adopted by an import (its object ID, or one known only at apply time) with a password', () => {
    const user = (imports: unknown[]) => failed(SP, 'User', { azuread_user: { u: { user_principal_name: 'ops@contoso.com', display_name: 'ops', password: 'Attacker-Chosen-1!' } } }, { import: imports });
    expect(user([{ to: 'azuread_user.u', id: SP }])).toEqual(['azuread_user.u']);
    expect(user([{ to: 'azuread_user.u', id: `/users/${SP}` }])).toEqual(['azuread_user.u']);
    expect(user([{ to: 'azuread_user.u', id: '${var.sp}' }])).toEqual(['azuread_user.u']);
    expect(user([{ to: 'azuread_user.u', id: '/users/OPS@contoso.com' }])).toEqual(['azuread_user.u']);
    expect(user([{ to: 'azuread_user.u', id: OTHER }])).toEqual(['pass']);
    expect(user([])).toEqual(['pass']);
    expect(failed('${azuread_user.u.object_id}', 'User', { azuread_user: { u: { user_principal_name: 'ops@contoso.com', display_name: 'ops', password: 'x' } } })).toEqual(['azuread_user.u']);
  });

  test('fails the user administrator the stack makes with a password reset contact (mobile or office phone, alternate email), or one known later, and a Graph write of one (A20a-7)', () => {
    const user = (contacts: object, resources: Resources = {}) => failed('${azuread_user.u.object_id}', 'User', { azuread_user: { u: { user_principal_name: 'ops@contoso.com', display_name: 'ops', ...contacts } }, ...resources });
    expect(user({ mobile_phone: '+1 555 0100' })).toEqual(['azuread_user.u']);
    expect(user({ business_phones: ['+1 555 0101'] })).toEqual(['azuread_user.u']);
    expect(user({ other_mails: ['recovery@evil.example'] })).toEqual(['azuread_user.u']);
    expect(user({ other_mails: '${var.mails}' })).toEqual(['azuread_user.u']);
    expect(user({ other_mails: [], business_phones: [] })).toEqual(['pass']);
    expect(user({ job_title: 'DBA', mail: 'ops@contoso.com' })).toEqual(['pass']);
    expect(user({}, { msgraph_update_resource: { phone: { url: 'users/${azuread_user.u.object_id}', body: { mobilePhone: '+1 555 0100' } } } })).toEqual(['msgraph_update_resource.phone']);
    expect(messageOf('${azuread_user.u.object_id}', 'User', { azuread_user: { u: { user_principal_name: 'ops@contoso.com', display_name: 'ops', mobile_phone: '+1 555 0100', other_mails: ['x@evil.example'] } } })).toEqual([{
      status: 'fail',
      message: `azuread_user.u sets the mobile phone (a password reset contact) and the alternate emails (a password reset contact) of the user "ops@contoso.com" (object "\${azuread_user.u.object_id}"), ${tail}`,
      address: 'azuread_user.u',
    }]);
  });

  test('fails a Graph or REST write to the administrator principal by a path whose ID is known only at apply time; a principal the stack makes passes', () => {
    expect(failed(SP, 'ServicePrincipal', {
      azuread_user: { made: { user_principal_name: 'new@contoso.com', display_name: 'new', password: 'x' } },
      msgraph_resource: { later: { url: 'servicePrincipals/${var.sp}/addPassword', body: {} }, made: { url: 'users/${azuread_user.made.object_id}', body: {} } },
      restapi_object: { owner: { path: '/v1.0/Applications/${var.sp}/owners/$ref', data: '{}' } },
    })).toEqual(['msgraph_resource.later', 'restapi_object.owner']);
  });

  test('an application the checks cannot tie to a made administrator service principal (its application looked up) may be its; a Graph write addressing the principal by client ID or the user by UPN fails', () => {
    expect(failed('${azuread_service_principal.sp.object_id}', 'ServicePrincipal', {
      azuread_service_principal: { sp: { client_id: '${data.azuread_application.app.client_id}' } },
      azuread_application_password: { literal: { application_object_id: OTHER } },
      msgraph_resource: { byClientId: { url: "servicePrincipals(appId='22222222-0000-0000-0000-000000000000')/addPassword", body: {} } },
    }, { data: { azuread_application: { app: { display_name: 'deploy' } } } })).toEqual(['azuread_application_password.literal', 'msgraph_resource.byClientId']);
    expect(failed(SP, 'User', {
      msgraph_update_resource: { reset: { url: 'users/OPS%40contoso.com', body: { passwordProfile: { password: 'x' } } }, other: { url: 'users/dev@contoso.com', body: {} } },
    })).toEqual(['msgraph_update_resource.reset']);
  });

  test('an administrator whose type is not said (as on Single Server) may be a service principal or a user', () => {
    expect(failed(SP, undefined as unknown as string, {
      azuread_service_principal_password: { pw: { service_principal_id: SP } },
      azuread_user: { u: { user_principal_name: 'ops@contoso.com', display_name: 'ops', password: 'x' } },
      msgraph_resource: { later: { url: 'servicePrincipals/${var.sp}/addPassword', body: {} } },
    }, { import: [{ to: 'azuread_user.u', id: SP }] })).toEqual(['azuread_service_principal_password.pw', 'azuread_user.u', 'msgraph_resource.later']);
  });

  test('passes credentials of other principals: another literal ID, a principal or application the stack makes, a lookup by another literal ID, the wrong kind', () => {
    expect(failed(SP, 'ServicePrincipal', {
      azuread_application: { app: { display_name: 'other', owners: [OWNER] } },
      azuread_service_principal: { sp: { client_id: '${azuread_application.app.client_id}', owners: [OWNER] } },
      azurerm_user_assigned_identity: { made: { name: 'made', resource_group_name: 'rg', location: 'westeurope' } },
      azuread_service_principal_password: {
        literal: { service_principal_id: OTHER }, path: { service_principal_id: `/servicePrincipals/${OTHER}` },
        made: { service_principal_id: '${azuread_service_principal.sp.id}' }, lookup: { service_principal_id: '${data.azuread_service_principal.other.object_id}' },
      },
      azuread_application_password: { made: { application_id: '${azuread_application.app.id}' } },
      azurerm_federated_identity_credential: { made: { name: 'gh', resource_group_name: 'rg', parent_id: '${azurerm_user_assigned_identity.made.id}', audience: ['x'], issuer: 'https://issuer', subject: 's' } },
      // The administrator is a service principal: a user's password is another principal's.
      azuread_user: { u: { user_principal_name: 'ops@contoso.com', display_name: 'ops', password: 'x' } },
      // Giving the administrator a role adds no party that acts as it.
      azuread_app_role_assignment: { role: { principal_object_id: SP, app_role_id: 'x', resource_object_id: OTHER } },
      // A group the stack makes no live Conditional Access policy names (one of an existing group's ID fails: administrator-memberships.ts).
      azuread_group: { g: { display_name: 'team', security_enabled: true } },
      azuread_group_member: { join: { group_object_id: '${azuread_group.g.object_id}', member_object_id: SP } },
    }, { data: { azuread_service_principal: { other: { object_id: OTHER } } }, import: [{ to: 'azuread_user.u', id: SP }] })).toEqual(['pass']);
    // A user or group administrator has no client secret.
    expect(failed(SP, 'User', { azuread_service_principal_password: { pw: { service_principal_id: SP } } })).toEqual(['pass']);
  });
});

describe('every writer of a group\'s members or owners reads its group pointer one way (seventeenth review, A17b-4)', () => {
  const GROUP = '66666666-7777-8888-9999-000000000000';
  const OTHER = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  const MEMBER = 'cccccccc-0000-0000-0000-000000000001';
  const bind = `https://graph.microsoft.com/v1.0/directoryObjects/${MEMBER}`;
  /** Each writer form, as a type and a block that writes into the group of the given ID. */
  const WRITERS: readonly (readonly [string, string, (group: string) => TerraformBlock])[] = [
    ['azuread_group_member', 'azuread_group_member', (group) => ({ group_object_id: group, member_object_id: MEMBER })],
    ['a PIM assignment', 'azuread_privileged_access_group_assignment_schedule', (group) => ({ group_id: group, principal_id: MEMBER, assignment_type: 'member', permanent_assignment: true })],
    ['a PIM eligibility', 'azuread_privileged_access_group_eligibility_schedule', (group) => ({ group_id: group, principal_id: MEMBER, assignment_type: 'owner', permanent_assignment: true })],
    ['a catalog association', 'azuread_access_package_resource_catalog_association', (group) => ({ catalog_id: 'c', resource_origin_id: group, resource_origin_system: 'AadGroup' })],
    ['an access package association', 'azuread_access_package_resource_package_association', (group) => ({ access_package_id: 'p', catalog_resource_association_id: `c/${group}` })],
    ['Graph members/$ref', 'msgraph_resource', (group) => ({ url: `groups/${group}/members/$ref`, body: { '@odata.id': bind } })],
    ['Graph owners/$ref by full URL, another case', 'msgraph_resource', (group) => ({ url: `https://graph.microsoft.com/v1.0/Groups/${group.toUpperCase()}/Owners/$ref`, body: { '@odata.id': bind } })],
    ['Graph key in parentheses', 'msgraph_resource', (group) => ({ url: `groups('${group}')/members/$ref`, body: { '@odata.id': bind } })],
    ['Graph ID without hyphens', 'msgraph_resource', (group) => ({ url: `groups/${group.replace(/-/g, '')}/members/$ref`, body: { '@odata.id': bind } })],
    ['Graph $batch, URL-escaped', 'msgraph_resource', (group) => ({ url: '$batch', body: { requests: [{ id: '1', method: 'POST', url: `/groups%2F${group}/members/$ref`, body: { '@odata.id': bind } }] } })],
    ['Graph members@odata.bind', 'msgraph_update_resource', (group) => ({ url: `groups/${group}`, body: { 'members@odata.bind': [bind] } })],
    ['Graph action', 'msgraph_resource_action', (group) => ({ resource_url: `groups/${group}`, action: 'members/$ref', method: 'POST', body: { '@odata.id': bind } })],
    ['Graph reference collection', 'msgraph_resource_collection', (group) => ({ url: `groups/${group}/owners/$ref`, reference_ids: [MEMBER] })],
    ['Graph PIM for groups (groupId)', 'msgraph_resource', (group) => ({ url: 'identityGovernance/privilegedAccess/group/eligibilityScheduleRequests', body: { accessId: 'member', principalId: MEMBER, GroupId: group, action: 'adminAssign' } })],
    ['Graph PIM for groups, a JSON text body', 'msgraph_resource', (group) => ({ url: 'identityGovernance/privilegedAccess/group/assignmentScheduleRequests', body: JSON.stringify({ accessId: 'owner', principalId: MEMBER, groupId: group }) })],
    ['Graph catalog resource (originId)', 'msgraph_resource', (group) => ({ url: 'identityGovernance/entitlementManagement/resourceRequests', body: { requestType: 'adminAdd', resource: { originId: group, originSystem: 'AadGroup' }, catalog: { id: 'c' } } })],
    ['Graph package role scope (Member_<id>)', 'msgraph_resource', (group) => ({ url: 'identityGovernance/entitlementManagement/accessPackages/p/resourceRoleScopes', body: { role: { originId: `Member_${group}`, originSystem: 'AadGroup' }, scope: { originId: group, originSystem: 'AadGroup' } } })],
    ['REST path', 'restapi_object', (group) => ({ path: `/v1.0/groups/${group}/members/$ref`, data: JSON.stringify({ '@odata.id': bind }) })],
    ['REST {id} placeholder', 'restapi_object', (group) => ({ path: '/v1.0/groups', update_path: '/v1.0/groups/{id}', object_id: group, data: '{}' })],
    // A type of the kind no table lists (one a later azuread adds) is read by its group argument: fail closed.
    ['an azuread type of no table', 'azuread_group_owner', (group) => ({ group_object_id: group, owner_object_id: MEMBER })],
  ];
  /** The addresses PG-IAM-3 fails beside a group administrator of the given object ID and one writer, or its one other verdict. */
  const failed = (objectId: string, type: string, block: TerraformBlock, resources: Resources = {}): readonly string[] => {
    const model = buildStackModel({
      resource: { ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: objectId, principal_name: 'db-admins', principal_type: 'Group' }) }), ...resources, [type]: { w: block } },
      variable: { admins: { type: 'string' } },
    });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
  };

  test.each(WRITERS)('%s (%s): a literal group ID while the administrator\'s is a variable fails; another literal beside a literal administrator passes; the same literal fails', (_form, type, write) => {
    expect(failed('${var.admins}', type, write(OTHER))).toEqual([`${type}.w`]);
    expect(failed(GROUP, type, write(OTHER))).toEqual(['pass']);
    expect(failed(GROUP, type, write(GROUP))).toEqual([`${type}.w`]);
  });

  test('the message says the administrator\'s object ID is known only at apply time, or that an alternate key cannot be compared', () => {
    const messages = (objectId: string, block: TerraformBlock) => {
      const model = buildStackModel({ resource: { ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: objectId, principal_name: 'db-admins', principal_type: 'Group' }) }), msgraph_resource: { w: block } } });
      const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
      return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
    };
    const declared = `an Entra administrator ${CONSTRUCT} declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`;
    expect(messages('${var.admins}', { url: `groups/${OTHER}/members/$ref` })).toEqual([
      `msgraph_resource.w may change the members or owners (through msgraph_resource, a type no rule reads) of a group whose url "groups/${OTHER}/members/$ref" may be the group "db-admins", whose object ID "\${var.admins}" is known only at apply time, ${declared}`,
    ]);
    expect(messages(GROUP, { url: "groups(uniqueName='dbas')/members/$ref" })).toEqual([
      `msgraph_resource.w may change the members or owners (through msgraph_resource, a type no rule reads) of a group whose url "groups(uniqueName='dbas')/members/$ref" names it by a key that is not its object ID and may be the group "db-admins", ${declared}`,
    ]);
  });

  test('passes Graph writes that name no group: a new group, a collection function, a member bound by its directory object, a group the stack makes', () => {
    expect(failed('${var.admins}', 'msgraph_resource', { url: 'groups', body: { displayName: 'app', 'members@odata.bind': [bind] } })).toEqual(['pass']);
    expect(failed('${var.admins}', 'msgraph_resource', { url: 'groups/delta', body: {} })).toEqual(['pass']);
    expect(failed('${var.admins}', 'msgraph_resource', { url: 'groups/${azuread_group.app.object_id}/members/$ref', body: { '@odata.id': bind } }, { azuread_group: { app: { display_name: 'app', security_enabled: true } } })).toEqual(['pass']);
    // The provider's own example: a group it makes (posted to the groups collection) and its members.
    expect(failed('${var.admins}', 'msgraph_resource_collection', { url: 'groups/${msgraph_resource.group.id}/members/$ref', reference_ids: [MEMBER] }, { msgraph_resource: { group: { url: 'groups', body: { displayName: 'app', mailEnabled: false, mailNickname: 'app', securityEnabled: true } } } })).toEqual(['pass']);
    expect(failed(GROUP, 'msgraph_resource_collection', { url: 'groups/${msgraph_resource.group.id}/members/$ref', reference_ids: [MEMBER] }, { msgraph_resource: { group: { url: '/v1.0/groups', body: { displayName: 'app' } } } })).toEqual(['pass']);
    // A Graph write whose URL names an existing object is no new one: its ID may be the group's.
    expect(failed('${var.admins}', 'msgraph_resource_collection', { url: 'groups/${msgraph_resource.group.id}/members/$ref', reference_ids: [MEMBER] }, { msgraph_resource: { group: { url: `groups/${OTHER}`, body: {} } } })).toEqual(['msgraph_resource.group', 'msgraph_resource_collection.w']);
    // A catalog resource of another origin (an application) is no group.
    expect(failed('${var.admins}', 'msgraph_resource', { url: 'identityGovernance/entitlementManagement/resourceRequests', body: { resource: { originId: OTHER, originSystem: 'AadApplication' } } })).toEqual(['pass']);
  });
});

describe('credentials of an administrator principal written through a Graph path with a literal ID (seventeenth review, A17b-4)', () => {
  const SP = '66666666-7777-8888-9999-000000000000';
  const OTHER = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  const failed = (objectId: string, type: string, block: TerraformBlock): readonly string[] => {
    const model = buildStackModel({ resource: { ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: objectId, principal_name: 'deploy-sp', principal_type: 'ServicePrincipal' }) }), [type]: { w: block } } });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
  };
  const WRITERS: readonly (readonly [string, (id: string) => TerraformBlock])[] = [
    ['msgraph_resource', (id) => ({ url: `servicePrincipals/${id}/addPassword`, body: {} })],
    ['msgraph_resource_action', (id) => ({ resource_url: `ServicePrincipals('${id}')`, action: 'addKey', method: 'POST', body: {} })],
    ['restapi_object', (id) => ({ path: `/v1.0/servicePrincipals/${id}/owners/$ref`, data: '{}' })],
  ];

  test.each(WRITERS)('%s: a literal ID while the administrator\'s is a variable fails; another literal beside a literal administrator passes; the same literal fails', (type, write) => {
    expect(failed('${var.sp}', type, write(OTHER))).toEqual([`${type}.w`]);
    expect(failed(SP, type, write(OTHER))).toEqual(['pass']);
    expect(failed(SP, type, write(SP))).toEqual([`${type}.w`]);
  });
});

describe('the administrator service principal is reached through its application and itself by every spelling Graph accepts (nineteenth review, A19a-7)', () => {
  const OWNER = 'abcdefab-1111-2222-3333-444444444444';
  /** The addresses PG-IAM-3 fails beside a service principal administrator the stack makes for its own application "app" ("other" is another pair). */
  const failed = (resources: Resources): readonly string[] => {
    const model = buildStackModel({ resource: {
      ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: '${azuread_service_principal.sp.object_id}', principal_name: 'deploy-sp', principal_type: 'ServicePrincipal' }) }),
      azuread_application: { app: { display_name: 'deploy' }, other: { display_name: 'other' } },
      azuread_service_principal: { sp: { client_id: '${azuread_application.app.client_id}' }, other: { client_id: '${azuread_application.other.client_id}' } },
      ...resources,
    } });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
  };
  /** Every spelling of one object of a pair ("app"/"sp" or "other"): by object ID, by azuread 3.x ID ("/applications/<id>"), by the alternate key appId. */
  const spellings = (application: string, principal: string): { readonly [name: string]: string } => ({
    applicationObjectId: `applications/\${azuread_application.${application}.object_id}`,
    applicationId: `\${azuread_application.${application}.id}`,
    applicationAppId: `applications(appId='\${azuread_application.${application}.client_id}')`,
    principalObjectId: `servicePrincipals/\${azuread_service_principal.${principal}.object_id}`,
    principalId: `\${azuread_service_principal.${principal}.id}`,
    principalAppId: `servicePrincipals(appId='\${azuread_application.${application}.client_id}')`,
    principalOwnAppId: `servicePrincipals(appId = '\${azuread_service_principal.${principal}.client_id}')`,
  });
  /** Every credential or owner write, by every Graph and REST writer type, of an object spelled as given. */
  const WRITES: { readonly [write: string]: (target: string) => readonly [string, TerraformBlock] } = {
    federated: (target) => ['msgraph_resource', { url: `${target}/federatedIdentityCredentials`, body: { name: 'gh', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:evil/x:ref:refs/heads/main' } }],
    password: (target) => ['msgraph_resource_action', { resource_url: target, action: 'addPassword', method: 'POST', body: { passwordCredential: { displayName: 'ci' } } }],
    key: (target) => ['msgraph_update_resource', { url: target, body: { keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: 'MIIB' }] } }],
    owner: (target) => ['msgraph_resource', { url: `/v1.0/${target}/owners/$ref`, body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${OWNER}` } }],
    rest: (target) => ['restapi_object', { path: `/v1.0/${target}/federatedIdentityCredentials`, data: '{}' }],
  };
  const cases = Object.entries(WRITES).flatMap(([write, make]) => Object.keys(spellings('app', 'sp')).map((spelling) => [write, spelling, make] as const));

  test.each(cases)('%s of the administrator by %s fails; of another application and its service principal passes', (_write, spelling, make) => {
    const [type, block] = make(spellings('app', 'sp')[spelling]);
    expect(failed({ [type]: { w: block } })).toEqual([`${type}.w`]);
    const [otherType, otherBlock] = make(spellings('other', 'other')[spelling]);
    expect(failed({ [otherType]: { w: otherBlock } })).toEqual(['pass']);
  });

  test('azuread\'s flexible federated identity credential of the administrator\'s application fails like the federated identity credential; of another passes', () => {
    const flexible = (application: string) => ({ application_id: `\${azuread_application.${application}.id}`, display_name: 'gh-any', audience: 'api://AzureADTokenExchange',
      issuer: 'https://token.actions.githubusercontent.com', claims_matching_expression: "claims['sub'] matches 'repo:contoso/*'" });
    expect(failed({ azuread_application_flexible_federated_identity_credential: { w: flexible('app'), other: flexible('other') } })).toEqual(['azuread_application_flexible_federated_identity_credential.w']);
  });

  test('a path whose object is an interpolation at its start (an ID known only at apply time) may be the administrator\'s application', () => {
    expect(failed({ msgraph_resource: { w: { url: '${var.application}/federatedIdentityCredentials', body: {} } } })).toEqual(['msgraph_resource.w']);
    expect(failed({ msgraph_resource_action: { w: { resource_url: '${data.azuread_application.looked.id}', action: 'addPassword', method: 'POST', body: {} } } })).toEqual(['msgraph_resource_action.w']);
  });
});

describe('an azuread type of no table naming the administrator\'s application fails closed; the inert ones pass (nineteenth review, A19a-7)', () => {
  const failed = (type: string, applicationId: string): readonly string[] => {
    const model = buildStackModel({ resource: {
      ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: '${azuread_service_principal.sp.object_id}', principal_name: 'deploy-sp', principal_type: 'ServicePrincipal' }) }),
      azuread_application: { app: { display_name: 'deploy' }, other: { display_name: 'other' } },
      azuread_service_principal: { sp: { client_id: '${azuread_application.app.client_id}' } },
      [type]: { w: { application_id: applicationId } },
    } });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
  };

  test.each(Object.keys(INERT_APPLICATION_TYPES))('%s of the administrator\'s application passes', (type) => {
    expect(failed(type, '${azuread_application.app.id}')).toEqual(['pass']);
  });

  test('a type no table lists fails on the administrator\'s application, or one known only at apply time; another application passes', () => {
    expect(failed('azuread_application_future_credential', '${azuread_application.app.id}')).toEqual(['azuread_application_future_credential.w']);
    expect(failed('azuread_application_future_credential', '${var.application}')).toEqual(['azuread_application_future_credential.w']);
    expect(failed('azuread_application_future_credential', '${azuread_application.other.id}')).toEqual(['pass']);
  });
});

describe('the administrator group\'s own settings that let others join or manage it are judged like its members (nineteenth review, A19a-10)', () => {
  /** The addresses PG-IAM-3 fails beside the stack's group "admins" (azuread, or a Graph POST groups) declared the administrator. */
  const failed = (type: 'azuread_group' | 'msgraph_resource', block: TerraformBlock): readonly string[] => {
    const model = buildStackModel({ resource: {
      ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: `\${${type}.admins.${type === 'azuread_group' ? 'object_id' : 'id'}}`, principal_name: 'db-admins', principal_type: 'Group' }) }),
      [type]: { admins: block },
    } });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
  };
  const azuread = (settings: TerraformBlock) => failed('azuread_group', { display_name: 'db-admins', security_enabled: true, ...settings });
  const graph = (body: unknown) => failed('msgraph_resource', { url: 'groups', body });
  const m365 = { types: ['Unified'], mail_enabled: true, mail_nickname: 'db-admins' };

  test.each([
    ['a Microsoft 365 group that is Public', { ...m365, visibility: 'Public' }],
    ['a Microsoft 365 group with no visibility (Graph makes it Public)', m365],
    ['a Microsoft 365 group whose visibility is known only at apply time', { ...m365, visibility: '${var.visibility}' }],
    ['a security group written Public', { visibility: ' public ' }],
    ['a security group whose visibility is known only at apply time', { visibility: '${var.visibility}' }],
    ['a group placed in an administrative unit', { administrative_unit_ids: ['bbbbbbbb-1111-2222-3333-444444444444'] }],
    ['a group whose administrative units are known only at apply time', { administrative_unit_ids: '${var.units}' }],
    ['a group with a dynamic membership rule', { types: ['DynamicMembership'], dynamic_membership: { enabled: true, rule: 'user.department -eq "IT"' } }],
  ])('azuread: %s fails', (_case, settings) => {
    expect(azuread(settings)).toEqual(['azuread_group.admins']);
  });

  test.each([
    ['a Microsoft 365 group that is Private', { ...m365, visibility: 'Private' }],
    ['a Microsoft 365 group with hidden membership', { ...m365, visibility: 'HiddenMembership' }],
    ['a security group with no visibility (Private)', {}],
    ['a role-assignable security group, Private, in no administrative unit', { assignable_to_role: true, visibility: 'Private', administrative_unit_ids: [] }],
  ])('azuread: %s passes', (_case, settings) => {
    expect(azuread(settings)).toEqual(['pass']);
  });

  test('Graph: the same settings in a POST groups body (any key case, a JSON text), members bound at creation, or a body known only at apply time fail; a private one passes', () => {
    const body = { displayName: 'db-admins', mailEnabled: true, mailNickname: 'db-admins', securityEnabled: true };
    expect(graph({ ...body, groupTypes: ['Unified'], visibility: 'Public' })).toEqual(['msgraph_resource.admins']);
    expect(graph({ ...body, GroupTypes: ['Unified'] })).toEqual(['msgraph_resource.admins']);
    expect(graph(JSON.stringify({ ...body, groupTypes: ['DynamicMembership'], membershipRule: 'user.department -eq "IT"' }))).toEqual(['msgraph_resource.admins']);
    expect(graph({ ...body, 'members@odata.bind': ['https://graph.microsoft.com/v1.0/users/cccccccc-0000-0000-0000-000000000001'] })).toEqual(['msgraph_resource.admins']);
    expect(graph('${jsonencode(var.group)}')).toEqual(['msgraph_resource.admins']);
    expect(graph({ ...body, groupTypes: ['Unified'], visibility: 'Private' })).toEqual(['pass']);
    expect(graph({ ...body, groupTypes: [] })).toEqual(['pass']);
  });
});

describe('a PIM-for-groups or Conditional Access policy naming an administrator passes only when read as hardening it (nineteenth review, A19a-9)', () => {
  const GROUP = '66666666-7777-8888-9999-000000000000';
  const BREAK_GLASS = 'dddddddd-0000-0000-0000-000000000001';
  /** The addresses PG-IAM-3 fails beside the literal administrator (a group unless said) and one policy block. */
  const failed = (type: string, block: TerraformBlock, principalType = 'Group'): readonly string[] => {
    const model = buildStackModel({ resource: {
      ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: GROUP, principal_name: 'db-admins', principal_type: principalType }) }),
      [type]: { w: block },
    } });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
  };
  const HARDENING_PIM = {
    group_id: GROUP, role_id: 'member',
    activation_rules: { require_approval: true, require_multifactor_authentication: true, require_justification: true, require_ticket_info: true, maximum_duration: 'PT4H', approval_stage: { primary_approver: [{ object_id: BREAK_GLASS, type: 'singleUser' }] } },
    eligible_assignment_rules: { expiration_required: true, expire_after: 'P180D' },
    active_assignment_rules: { expiration_required: true, expire_after: 'P90D', require_multifactor_authentication: true },
    notification_rules: { eligible_activations: { admin_notifications: { default_recipients: true, notification_level: 'All', additional_recipients: ['sec@contoso.com'] } } },
  };
  const pim = (change: (policy: typeof HARDENING_PIM) => object) => failed('azuread_group_role_management_policy', change(JSON.parse(JSON.stringify(HARDENING_PIM))) as TerraformBlock);

  test('a PIM policy whose every setting hardens passes; on another group passes whatever it writes', () => {
    expect(pim((policy) => policy)).toEqual(['pass']);
    expect(pim((policy) => ({ group_id: policy.group_id }))).toEqual(['pass']);
    // A ticket number is bookkeeping, neither hardening nor weakening.
    expect(pim((policy) => ({ ...policy, activation_rules: { ...policy.activation_rules, require_ticket_info: false } }))).toEqual(['pass']);
    expect(pim((policy) => ({ ...policy, group_id: BREAK_GLASS, activation_rules: { require_approval: false } }))).toEqual(['pass']);
  });

  test.each([
    ['approval off', (policy: typeof HARDENING_PIM) => ({ ...policy, activation_rules: { ...policy.activation_rules, require_approval: false } })],
    ['MFA off', (policy: typeof HARDENING_PIM) => ({ ...policy, activation_rules: { ...policy.activation_rules, require_multifactor_authentication: 'false' } })],
    ['justification off', (policy: typeof HARDENING_PIM) => ({ ...policy, activation_rules: { ...policy.activation_rules, require_justification: false } })],
    ['activation for 24 hours', (policy: typeof HARDENING_PIM) => ({ ...policy, activation_rules: { ...policy.activation_rules, maximum_duration: 'PT24H' } })],
    ['a duration known only at apply time', (policy: typeof HARDENING_PIM) => ({ ...policy, activation_rules: { ...policy.activation_rules, maximum_duration: '${var.duration}' } })],
    ['an authentication context instead of MFA', (policy: typeof HARDENING_PIM) => ({ ...policy, activation_rules: { require_approval: true, require_conditional_access_authentication_context: 'c1' } })],
    ['permanent eligibility', (policy: typeof HARDENING_PIM) => ({ ...policy, eligible_assignment_rules: { expiration_required: false } })],
    ['eligibility for two years', (policy: typeof HARDENING_PIM) => ({ ...policy, eligible_assignment_rules: { expiration_required: true, expire_after: 'P730D' } })],
    ['notifications without their default recipients', (policy: typeof HARDENING_PIM) => ({ ...policy, notification_rules: { eligible_activations: { admin_notifications: { default_recipients: false, notification_level: 'All' } } } })],
    ['critical notifications only', (policy: typeof HARDENING_PIM) => ({ ...policy, notification_rules: { eligible_activations: { admin_notifications: { default_recipients: true, notification_level: 'Critical' } } } })],
    ['a setting the checks do not read', (policy: typeof HARDENING_PIM) => ({ ...policy, activation_rules: { ...policy.activation_rules, future_setting: true } })],
    ['a block known only at apply time', (policy: typeof HARDENING_PIM) => ({ ...policy, activation_rules: '${var.rules}' })],
    ['the group known only at apply time', (policy: typeof HARDENING_PIM) => ({ ...policy, group_id: '${var.group}', activation_rules: { require_approval: false } })],
  ])('a PIM policy of the administrator group with %s fails', (_case, change) => {
    expect(pim(change)).toEqual(['azuread_group_role_management_policy.w']);
  });

  const ca = (users: object, extra: object = {}, clientApplications?: object) => ({
    display_name: 'admins', state: 'enabled',
    conditions: { client_app_types: ['all'], applications: { included_applications: ['All'] }, users, ...(clientApplications === undefined ? {} : { client_applications: clientApplications }) },
    grant_controls: { operator: 'OR', built_in_controls: ['mfa'] }, ...extra,
  });
  const policy = (block: object, principalType?: string) => failed('azuread_conditional_access_policy', block as TerraformBlock, principalType);

  test('a Conditional Access policy that includes the administrator and only asks for more passes; one excluding others passes', () => {
    expect(policy(ca({ included_groups: [GROUP] }))).toEqual(['pass']);
    expect(policy(ca({ included_groups: [GROUP] }, { state: 'enabledForReportingButNotEnforced', grant_controls: { operator: 'AND', built_in_controls: ['mfa', 'compliantDevice'], authentication_strength_policy_id: 'x' }, session_controls: { sign_in_frequency: 1, sign_in_frequency_period: 'hours', persistent_browser_mode: 'never' } }))).toEqual(['pass']);
    expect(policy(ca({ included_users: ['All'], excluded_users: [BREAK_GLASS] }))).toEqual(['pass']);
    // User conditions do not apply to a service principal administrator.
    expect(policy(ca({ included_users: ['All'], excluded_groups: [BREAK_GLASS], excluded_guests_or_external_users: { guest_or_external_user_types: ['b2bCollaborationGuest'] } }), 'ServicePrincipal')).toEqual(['pass']);
  });

  // Twenty-second review (A22a-3, A22a-9): these passed; every guest, and a group whose members are managed outside the stack, may hold
  // the administrator group's members (the class: PG-IAM-3-policy-scope.test.ts).
  test.each([
    ['excludes GuestsOrExternalUsers', ca({ included_users: ['All'], excluded_users: [BREAK_GLASS, 'GuestsOrExternalUsers'] })],
    ['excludes a literal break-glass group', ca({ included_users: ['All'], excluded_groups: [BREAK_GLASS] })],
    ['excludes every B2B guest', ca({ included_users: ['All'], excluded_guests_or_external_users: { guest_or_external_user_types: ['b2bCollaborationGuest'] } })],
  ])('a Conditional Access policy that %s fails beside a group administrator', (_case, block) => {
    expect(policy(block)).toEqual(['azuread_conditional_access_policy.w']);
  });

  test.each([
    ['excludes the group', ca({ included_users: ['All'], excluded_groups: [GROUP] }), 'Group'],
    ['excludes the group in another spelling', ca({ included_users: ['All'], excluded_groups: [GROUP.toUpperCase()] }), 'Group'],
    ['excludes groups known only at apply time', ca({ included_users: ['All'], excluded_groups: '${var.excluded}' }), 'Group'],
    ['excludes a user administrator', ca({ included_users: ['All'], excluded_users: [GROUP] }), 'User'],
    ['excludes a service principal administrator', ca({ included_users: ['None'] }, {}, { included_service_principals: ['ServicePrincipalsInMyTenant'], excluded_service_principals: [GROUP] }), 'ServicePrincipal'],
    ['has conditions known only at apply time', { ...ca({}), conditions: '${var.conditions}' }, 'Group'],
    ['has its users written as a dynamic block', { ...ca({}), conditions: { client_app_types: ['all'], dynamic: { users: { for_each: '${var.users}', content: { included_users: ['All'] } } } } }, 'Group'],
    ['excludes every guest, which a user administrator may be', ca({ included_users: ['All'], excluded_guests_or_external_users: { guest_or_external_user_types: ['b2bCollaborationGuest'] } }), 'User'],
    ['includes the group with a custom control', ca({ included_groups: [GROUP] }, { grant_controls: { operator: 'OR', custom_authentication_factors: ['duo'] } }), 'Group'],
    ['includes the group with a control known only at apply time', ca({ included_groups: [GROUP] }, { grant_controls: { operator: 'OR', built_in_controls: '${var.controls}' } }), 'Group'],
    ['includes the group with persistent browser sessions', ca({ included_groups: [GROUP] }, { session_controls: { persistent_browser_mode: 'always' } }), 'Group'],
  ])('a Conditional Access policy that %s fails', (_case, block, principalType) => {
    expect(policy(block, principalType)).toEqual(['azuread_conditional_access_policy.w']);
  });

  // Queued after the twentieth run: a directory role the administrator (or a member of its group) may hold is assigned outside the
  // stack, so any excluded role may exempt it; users known only at apply time may be members of the administrator group.
  const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
  test.each([
    ['excludes a directory role (a member may hold it)', ca({ included_users: ['All'], excluded_roles: [GLOBAL_ADMIN] }), 'Group'],
    ['excludes a directory role the user administrator may hold', ca({ included_users: ['All'], excluded_roles: [GLOBAL_ADMIN] }), 'User'],
    ['excludes directory roles known only at apply time', ca({ included_groups: [GROUP], excluded_roles: '${var.roles}' }), 'Group'],
    ['excludes a directory role given by a variable', ca({ included_groups: [GROUP], excluded_roles: ['${var.role}'] }), 'Group'],
    ['excludes users known only at apply time (a member may be one)', ca({ included_users: ['All'], excluded_users: '${var.users}' }), 'Group'],
    ['excludes a user given by a variable (a member may be it)', ca({ included_groups: [GROUP], excluded_users: ['${var.break_glass}'] }), 'Group'],
  ])('a Conditional Access policy that %s fails', (_case, block, principalType) => {
    expect(policy(block, principalType)).toEqual(['azuread_conditional_access_policy.w']);
  });
  test('control: no excluded role, or roles excluded for a service principal administrator (user conditions do not apply to it), pass', () => {
    expect(policy(ca({ included_users: ['All'], excluded_roles: [] }))).toEqual(['pass']);
    expect(policy(ca({ included_users: ['All'], excluded_roles: [GLOBAL_ADMIN] }), 'ServicePrincipal')).toEqual(['pass']);
    expect(policy(ca({ included_users: ['All'], excluded_users: [BREAK_GLASS] }))).toEqual(['pass']);
  });

  test('a Conditional Access policy excluding a member the stack writes into the administrator group fails; excluding another user passes', () => {
    const MEMBER = 'eeeeeeee-0000-0000-0000-000000000001';
    const withMember = (excluded: unknown) => {
      const model = buildStackModel({ resource: {
        ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: GROUP, principal_name: 'db-admins', principal_type: 'Group' }) }),
        azuread_group_member: { m: { group_object_id: GROUP, member_object_id: MEMBER } },
        azuread_conditional_access_policy: { w: ca({ included_users: ['All'], excluded_users: excluded }) },
      } });
      const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
      return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
    };
    expect(withMember([MEMBER.toUpperCase()])).toEqual(['azuread_group_member.m', 'azuread_conditional_access_policy.w']);
    expect(withMember([BREAK_GLASS])).toEqual(['azuread_group_member.m']);
  });

  test('the message says what the policy does and why it is not read as hardening', () => {
    const model = buildStackModel({ resource: {
      ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: GROUP, principal_name: 'db-admins', principal_type: 'Group' }) }),
      azuread_group_role_management_policy: { w: { group_id: GROUP, role_id: 'member', activation_rules: { require_approval: false, maximum_duration: 'PT24H' } } },
    } });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    expect(result).toEqual([{
      status: 'fail',
      address: 'azuread_group_role_management_policy.w',
      message: `azuread_group_role_management_policy.w sets how eligible principals become members of the group "db-admins" with activation_rules.require_approval false, activation_rules.maximum_duration "PT24H" (Privileged Identity Management for groups), which is not read as only hardening: it decides how the Entra administrator "db-admins" ${CONSTRUCT} declares signs in to the server or is joined (azure_pg_admin), and the construct's props do not say so.`,
    }]);
  });
});

describe('a group a REST write makes, or one a Graph or REST block makes that the checks do not read, is judged like the azuread group (nineteenth review, A19a-10)', () => {
  const failed = (type: string, block: TerraformBlock): readonly string[] => {
    const model = buildStackModel({ resource: {
      ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: `\${${type}.admins.id}`, principal_name: 'db-admins', principal_type: 'Group' }) }),
      [type]: { admins: block },
    } });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
  };
  test('restapi_object POST /v1.0/groups is read by its data; another request making the administrator group fails closed', () => {
    expect(failed('restapi_object', { path: '/v1.0/groups', data: JSON.stringify({ displayName: 'db-admins', groupTypes: ['Unified'], visibility: 'Public' }) })).toEqual(['restapi_object.admins']);
    expect(failed('restapi_object', { path: '/v1.0/groups', data: JSON.stringify({ displayName: 'db-admins', securityEnabled: true }) })).toEqual(['pass']);
    expect(failed('msgraph_resource', { url: 'administrativeUnits/bbbbbbbb-1111-2222-3333-444444444444/members', body: { '@odata.type': '#microsoft.graph.group', displayName: 'db-admins', securityEnabled: true } })).toEqual(['msgraph_resource.admins']);
  });
});

// A20a-4: a Conditional Access policy that exists before the stack (imported, or written over by a Graph or REST update) is read
// by its state and every condition too: the stack's values replace the live ones, which applied it to the administrator. A new
// policy's conditions only narrow where it applies (it adds requirements), but leaving out PostgreSQL's application exempts the
// administrator's sign-in to the server.
describe('a Conditional Access policy over an existing one is read by its state and conditions; a new one by the applications it leaves out (A20a-4)', () => {
  const GROUP = '66666666-7777-8888-9999-000000000000';
  const OTHER = 'dddddddd-0000-0000-0000-000000000001';
  const POLICY_ID = 'aaaaaaaa-1111-2222-3333-444444444444';
  /** Azure OSSRDBMS Database, the application whose tokens Azure Database for PostgreSQL accepts (any excluded application may be it). */
  const POSTGRES_APPLICATION = '123cd850-d9df-40bd-94d5-c9f07b7fa203';
  type Json = { [key: string]: any };
  const HARDENING: Json = {
    display_name: 'db-admins-mfa', state: 'enabled',
    conditions: { client_app_types: ['all'], applications: { included_applications: ['All'] }, users: { included_groups: [GROUP] } },
    grant_controls: { operator: 'OR', built_in_controls: ['mfa'] },
  };
  const GRAPH_HARDENING: Json = {
    displayName: 'db-admins-mfa', state: 'enabled',
    conditions: { clientAppTypes: ['all'], applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'] } },
    grantControls: { operator: 'OR', builtInControls: ['mfa'] },
  };
  // The Graph forms include All users, not the group by ID: a Graph write naming the administrator's ID fails as a directory write
  // (administrator-groups.ts), which would make their weakenings fail for another reason.
  const deep = (base: Json, path: readonly string[], value: unknown): Json => {
    const [head, ...rest] = path;
    return { ...base, [head]: rest.length === 0 ? value : deep(base[head] ?? {}, rest, value) };
  };
  /** Each weakening: the azuread path and value, and the Graph path and value (the same setting in a Graph body). */
  const WEAKENINGS: readonly (readonly [string, readonly string[], unknown, readonly string[], unknown])[] = [
    ['state disabled', ['state'], 'disabled', ['state'], 'disabled'],
    ['state report-only', ['state'], 'enabledForReportingButNotEnforced', ['state'], 'enabledForReportingButNotEnforced'],
    ['PostgreSQL\'s application excluded', ['conditions', 'applications', 'excluded_applications'], [POSTGRES_APPLICATION.toUpperCase()], ['conditions', 'applications', 'excludeApplications'], [POSTGRES_APPLICATION]],
    ['another application excluded', ['conditions', 'applications', 'excluded_applications'], [OTHER], ['conditions', 'applications', 'excludeApplications'], [OTHER]],
    ['excluded applications known only at apply time', ['conditions', 'applications', 'excluded_applications'], '${var.apps}', ['conditions', 'applications', 'excludeApplications'], '${var.apps}'],
    ['Office 365 only', ['conditions', 'applications', 'included_applications'], ['Office365'], ['conditions', 'applications', 'includeApplications'], ['Office365']],
    ['a user action instead of applications', ['conditions', 'applications', 'included_user_actions'], ['urn:user:registersecurityinfo'], ['conditions', 'applications', 'includeUserActions'], ['urn:user:registersecurityinfo']],
    ['an authentication context instead of applications', ['conditions', 'applications', 'included_authentication_context_class_references'], ['c1'], ['conditions', 'applications', 'includeAuthenticationContextClassReferences'], ['c1']],
    ['an application filter', ['conditions', 'applications', 'application_filter'], { mode: 'exclude', rule: 'x' }, ['conditions', 'applications', 'applicationFilter'], { mode: 'exclude', rule: 'x' }],
    ['browser only', ['conditions', 'client_app_types'], ['browser'], ['conditions', 'clientAppTypes'], ['browser']],
    ['Android only', ['conditions', 'platforms', 'included_platforms'], ['android'], ['conditions', 'platforms', 'includePlatforms'], ['android']],
    ['Windows excluded', ['conditions', 'platforms', 'excluded_platforms'], ['windows'], ['conditions', 'platforms', 'excludePlatforms'], ['windows']],
    ['one named location', ['conditions', 'locations', 'included_locations'], [OTHER], ['conditions', 'locations', 'includeLocations'], [OTHER]],
    ['trusted locations excluded', ['conditions', 'locations', 'excluded_locations'], ['AllTrusted'], ['conditions', 'locations', 'excludeLocations'], ['AllTrusted']],
    ['high sign-in risk only', ['conditions', 'sign_in_risk_levels'], ['high'], ['conditions', 'signInRiskLevels'], ['high']],
    ['high user risk only', ['conditions', 'user_risk_levels'], ['high'], ['conditions', 'userRiskLevels'], ['high']],
    ['high service principal risk only', ['conditions', 'service_principal_risk_levels'], ['high'], ['conditions', 'servicePrincipalRiskLevels'], ['high']],
    ['elevated insider risk only', ['conditions', 'insider_risk_levels'], 'elevated', ['conditions', 'insiderRiskLevels'], 'elevated'],
    ['a device filter', ['conditions', 'devices'], { filter: { mode: 'exclude', rule: 'device.isCompliant -eq True' } }, ['conditions', 'devices'], { deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True' } }],
    ['device code flow only', ['conditions', 'authentication_flow_transfer_methods'], ['deviceCodeFlow'], ['conditions', 'authenticationFlows'], { transferMethods: 'deviceCodeFlow' }],
    ['a condition the checks do not read', ['conditions', 'future_condition'], ['x'], ['conditions', 'futureCondition'], ['x']],
    ['terms of use instead of MFA', ['grant_controls'], { operator: 'OR', terms_of_use: [OTHER] }, ['grantControls'], { operator: 'OR', termsOfUse: [OTHER] }],
    ['a custom control', ['grant_controls'], { operator: 'OR', custom_authentication_factors: ['duo'] }, ['grantControls'], { operator: 'OR', customAuthenticationFactors: ['duo'] }],
    ['MFA or an approved app', ['grant_controls'], { operator: 'OR', built_in_controls: ['mfa', 'approvedApplication'] }, ['grantControls'], { operator: 'OR', builtInControls: ['mfa', 'approvedApplication'] }],
    ['MFA or terms of use', ['grant_controls'], { operator: 'OR', built_in_controls: ['mfa'], terms_of_use: [OTHER] }, ['grantControls'], { operator: 'OR', builtInControls: ['mfa'], termsOfUse: [OTHER] }],
    ['persistent browser sessions', ['session_controls'], { persistent_browser_mode: 'always' }, ['sessionControls'], { persistentBrowser: { mode: 'always', isEnabled: true } }],
    ['users that no longer name the group', ['conditions', 'users'], { included_groups: [OTHER] }, ['conditions', 'users'], { includeGroups: [OTHER] }],
  ];
  const evaluate = (resources: Resources, imports: unknown[] = []): readonly string[] => {
    const model = buildStackModel({ resource: { ...stack({ own: admin(`${CONSTRUCT}/EntraAdministrator0`, { object_id: GROUP, principal_name: 'db-admins', principal_type: 'Group' }) }), ...resources }, ...(imports.length === 0 ? {} : { import: imports }) });
    const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, imports: imports.map((each) => (each as { to: string }).to), constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
  };
  /** Every form of a write over an existing policy: the azuread resource an import adopts, a Graph update, a REST update of the policy's path. */
  const FORMS: readonly (readonly [string, (weak: (base: Json, graph: boolean) => Json) => readonly string[], string])[] = [
    ['azuread, imported', (weak) => evaluate({ azuread_conditional_access_policy: { ca: weak(HARDENING, false) } }, [{ to: 'azuread_conditional_access_policy.ca', id: `/identity/conditionalAccess/policies/${POLICY_ID}` }]), 'azuread_conditional_access_policy.ca'],
    ['msgraph_update_resource', (weak) => evaluate({ msgraph_update_resource: { ca: { url: `identity/conditionalAccess/policies/${POLICY_ID}`, body: weak(GRAPH_HARDENING, true) } } }), 'msgraph_update_resource.ca'],
    ['restapi_object at the policy\'s path', (weak) => evaluate({ restapi_object: { ca: { path: `/v1.0/identity/conditionalAccess/policies/${POLICY_ID}`, data: JSON.stringify(weak(GRAPH_HARDENING, true)) } } }), 'restapi_object.ca'],
  ];

  test.each(FORMS)('%s: the hardening policy passes', (_form, judge) => {
    expect(judge((base) => base)).toEqual(['pass']);
  });
  test.each(FORMS.flatMap(([form, judge, address]) => WEAKENINGS.map(([name, path, value, graphPath, graphValue]) => [`${form}: ${name}`, judge, address, path, value, graphPath, graphValue] as const)))(
    '%s fails PG-IAM-3', (_name, judge, address, path, value, graphPath, graphValue) => {
      expect(judge((base, graph) => (graph ? deep(base, graphPath, graphValue) : deep(base, path, value)))).toEqual([address]);
    });

  test('every setting of the existing-policy table has a weakening above', () => {
    const leaves = (schema: Json, prefix: string[] = []): string[] => Object.entries(schema).flatMap(([key, entry]) => {
      const hardening = typeof entry === 'string' || entry === true || Array.isArray(entry) || 'some' in entry || 'atMost' in entry;
      if (hardening) return entry === 'any' ? [] : [[...prefix, key].join('.')];
      return leaves(entry, [...prefix, key]);
    });
    const covered = WEAKENINGS.map(([, path]) => path.join('.'));
    expect(leaves(EXISTING_CONDITIONAL_ACCESS).filter((leaf) => !covered.some((path) => path === leaf || path.startsWith(`${leaf}.`)))).toEqual([]);
  });

  test('a new policy: its state and narrowed conditions add requirements and pass; PostgreSQL\'s application excluded fails', () => {
    const created = (weak: Json) => evaluate({ azuread_conditional_access_policy: { ca: weak } });
    // Every condition but the excluded applications (and the users, read by CA_LISTS): grant and session controls are read as before.
    for (const [name, path, value] of WEAKENINGS.filter(([, path]) => path[0] === 'state' || (path[0] === 'conditions' && path[1] !== 'users' && path[2] !== 'excluded_applications' && path[2] !== 'application_filter'))) {
      expect([name, created(deep(HARDENING, path, value))]).toEqual([name, ['pass']]);
    }
    // An application filter excluding what it matches may match PostgreSQL's application, as an excluded list does (A22a-3); one including narrows.
    for (const key of ['filter', 'application_filter']) {
      expect(created(deep(HARDENING, ['conditions', 'applications', key], [{ mode: 'exclude', rule: 'x' }]))).toEqual(['azuread_conditional_access_policy.ca']);
      expect(created(deep(HARDENING, ['conditions', 'applications', key], [{ mode: '${var.mode}', rule: 'x' }]))).toEqual(['azuread_conditional_access_policy.ca']);
      expect(created(deep(HARDENING, ['conditions', 'applications', key], [{ mode: 'include', rule: 'x' }]))).toEqual(['pass']);
    }
    expect(created(deep(HARDENING, ['conditions', 'applications', 'excluded_applications'], [POSTGRES_APPLICATION]))).toEqual(['azuread_conditional_access_policy.ca']);
    expect(created(deep(HARDENING, ['conditions', 'applications', 'excluded_applications'], ['${var.apps}']))).toEqual(['azuread_conditional_access_policy.ca']);
    // The checks cannot tell an application's service by its ID: any application excluded may be PostgreSQL's; none excluded passes.
    expect(created(deep(HARDENING, ['conditions', 'applications', 'excluded_applications'], [OTHER]))).toEqual(['azuread_conditional_access_policy.ca']);
    expect(created(deep(HARDENING, ['conditions', 'applications', 'excluded_applications'], []))).toEqual(['pass']);
  });

  test('a Graph update whose body is known only at apply time fails closed; one of another policy path, or a new policy not naming the administrator, passes', () => {
    expect(evaluate({ msgraph_update_resource: { ca: { url: `identity/conditionalAccess/policies/${POLICY_ID}`, body: '${var.policy}' } } })).toEqual(['msgraph_update_resource.ca']);
    expect(evaluate({ msgraph_update_resource: { ca: { url: `identity/conditionalAccess/namedLocations/${POLICY_ID}`, body: { displayName: 'x' } } } })).toEqual(['pass']);
    expect(evaluate({ msgraph_resource: { ca: { url: 'identity/conditionalAccess/policies', body: deep(GRAPH_HARDENING, ['conditions', 'users'], { includeGroups: [OTHER] }) } } })).toEqual(['pass']);
  });
});
