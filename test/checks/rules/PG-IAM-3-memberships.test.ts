import { buildStackModel } from '../../../lib/checks/stack-model';
import { administratorFindings } from '../administrator-fixtures';

// Twenty-seventh run: the declared administrator made a member of a group passed through azuread (azuread_group_member, an
// azuread_group's members) and failed through Graph (`groups/<id>/members/$ref`, as an unread write). A Conditional Access policy
// excludes groups by object ID, and its exclusion covers their members: a group a live policy may exclude (one the stack does not
// make) exempts the administrator from that policy in every writer's form; a group the stack makes no existing policy can name.

type Json = { [key: string]: any };
const EXISTING = '44444444-4444-4444-4444-444444444444';
const KINDS = [['User', '99999999-7777-8888-9999-000000000001'], ['Group', '99999999-7777-8888-9999-000000000002'], ['ServicePrincipal', '99999999-7777-8888-9999-000000000003']] as const;

/** The failing addresses (the writer's as "w") or "pass" of PG-IAM-3 beside a declared administrator of the type and object ID, with the blocks. */
function judge(blocks: Json, type: string, id: string): readonly string[] {
  return administratorFindings(blocks, type, id).map((address) => address.replace(/^(?:azuread_group_member|msgraph_resource)\.w$/, 'w'));
}

/** The writers of one membership: the group (a pointer) and the member (a pointer), in each provider's form. */
const WRITERS: readonly (readonly [string, (group: string, member: string) => Json])[] = [
  ['azuread_group_member', (group, member) => ({ azuread_group_member: { w: { group_object_id: group, member_object_id: member } } })],
  ['msgraph_resource groups/<id>/members/$ref', (group, member) => ({ msgraph_resource: { w: { url: `groups/${group}/members/$ref`, body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${member}` } } } })],
];

describe('the declared administrator made a member of a group', () => {
  // By literal ID, by a reference to the block that makes it, by a lookup.
  const named = (type: string, id: string): (readonly [string, string, Json])[] => {
    const made: { [kind: string]: [string, Json] } = {
      Group: ['${azuread_group.admins.object_id}', { azuread_group: { admins: { display_name: 'pg-admins', security_enabled: true } } }],
      User: ['${azuread_user.dba.object_id}', { azuread_user: { dba: { user_principal_name: 'dba@contoso.com', display_name: 'DBA' } } }],
      ServicePrincipal: ['${azuread_service_principal.sp.object_id}', { azuread_service_principal: { sp: { client_id: '${azuread_application.app.client_id}' } }, azuread_application: { app: { display_name: 'app' } } }],
    };
    return [['its literal object ID', id, {}], ['a reference to the block that makes it', ...made[type]], ['a lookup', '${data.azuread_user.dba.object_id}', {}]];
  };

  describe.each(KINDS)('a %s administrator', (type, literal) => {
    describe.each(WRITERS)('through %s', (_writer, write) => {
      test.each(named(type, literal))('named by %s, added to an existing group (a literal ID, a variable) fails; to a group the stack makes passes', (how, id, extra) => {
        const member = how === 'a lookup' ? '${data.azuread_user.dba.object_id}' : id;
        const admin = how === 'a lookup' ? '${data.azuread_user.dba.object_id}' : id;
        const madeGroup = { azuread_group: { ...extra.azuread_group, team: { display_name: 'team', security_enabled: true } } };
        expect(judge({ resource: { ...extra, ...write(EXISTING, member) } }, type, admin)).toEqual(['w']);
        expect(judge({ resource: { ...extra, ...write('${var.group}', member) } }, type, admin)).toEqual(['w']);
        expect(judge({ resource: { ...extra, ...madeGroup, ...write('${azuread_group.team.object_id}', member) } }, type, admin)).toEqual(['pass']);
      });
    });

    test('an azuread_group listing it as a member passes when the stack makes the group, and fails when an import adopts an existing one', () => {
      const group = { azuread_group: { g: { display_name: 'team', security_enabled: true, members: [literal] } } };
      expect(judge({ resource: group }, type, literal)).toEqual(['pass']);
      expect(judge({ import: [{ to: 'azuread_group.g', id: `/groups/${EXISTING}` }], resource: group }, type, literal)).toEqual(['azuread_group.g']);
    });

    test('a Graph write adding it to a group the stack makes, whose body holds more than the member, stays an unread write (fails)', () => {
      const resource = { azuread_group: { team: { display_name: 'team', security_enabled: true } }, msgraph_resource: { w: { url: 'groups/${azuread_group.team.object_id}/members/$ref', body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${literal}`, x: 1 } } } };
      expect(judge({ resource }, type, literal)).toEqual(['w']);
    });
  });

  test('someone else added to an existing group passes (only the administrator\'s memberships are read)', () => {
    expect(judge({ resource: WRITERS[0][1](EXISTING, '12345678-1234-1234-1234-123456789012') }, 'User', KINDS[0][1])).toEqual(['pass']);
  });

  test('a member added to the administrator group itself is still read as a foreign member', () => {
    const [, id] = KINDS[1];
    for (const [, write] of WRITERS) expect(judge({ resource: write(id, '12345678-1234-1234-1234-123456789012') }, 'Group', id)).toEqual(['w']);
  });
});

// A27b-4, the same class in the policy readers: a Conditional Access policy's conditions written [[{...}]] (one block to HCL) read as
// none, so a new policy excluding the administrator passed. Read as the block it is, the exclusion fails; "x" is refused by the model.
test('a Conditional Access policy whose conditions are written [[{...}]] is read as those conditions', () => {
  const [, id] = KINDS[0];
  const conditions = { client_app_types: ['all'], applications: { included_applications: ['All'] }, users: { included_users: ['All'], excluded_users: [id] } };
  const policy = (written: unknown) => ({ resource: { azuread_conditional_access_policy: { ca: { display_name: 'mfa', state: 'enabled', conditions: written, grant_controls: { operator: 'OR', built_in_controls: ['mfa'] } } } } });
  expect(administratorFindings(policy(conditions), 'User', id)).toEqual(['azuread_conditional_access_policy.ca']);
  expect(administratorFindings(policy([[conditions]]), 'User', id)).toEqual(['azuread_conditional_access_policy.ca']);
  expect(administratorFindings(policy([[{ ...conditions, users: [[{ included_users: ['All'], excluded_users: [id] }]] }]]), 'User', id)).toEqual(['azuread_conditional_access_policy.ca']);
  expect(buildStackModel(policy('x')).problems).toEqual([
    'resource.azuread_conditional_access_policy.ca.conditions is text, where Terraform needs a block (an object, or a list of objects): write the block as an object, or a list of objects (a dynamic block for a list known later)',
  ]);
});
