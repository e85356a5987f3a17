// Loads no cdktf. Tenant-wide Entra powers that let their holder become, or act as, a declared Entra administrator of a
// server (fifteenth review, A15a-4, A15b-13): directory roles and Microsoft Graph permissions that add members to every
// group, add credentials to every application or service principal, or reset users' passwords. IDs from Microsoft's
// references: "Microsoft Entra built-in roles" (template IDs) and "Microsoft Graph permissions reference" (permission IDs).

/** What a power lets its holder do to a principal: add members to (or own) a group, add a credential to an app or service principal, reset a user's password. */
export type DirectoryPower = 'members' | 'credentials' | 'passwords';

const ALL: readonly DirectoryPower[] = ['members', 'credentials', 'passwords'];

/** A directory role or Graph permission, by name and ID (lower case), with its powers (none: inert, with the reason). */
export interface DirectoryGrant {
  readonly name: string;
  readonly id: string;
  readonly powers: readonly DirectoryPower[];
  /** For an inert one: why it gives no power over a principal. */
  readonly inert?: string;
}

const READS = 'reads the directory only';

/** Built-in Entra roles by template ID. Any other role (another built-in, a custom one by object ID) may have any power. */
export const DIRECTORY_ROLES: readonly DirectoryGrant[] = [
  // Assigns itself (or anyone) any directory role.
  { name: 'Global Administrator', id: '62e90394-69f5-4237-9190-012177145e10', powers: ALL },
  { name: 'Privileged Role Administrator', id: 'e8611ab8-c189-46e8-94e1-60213ab1f814', powers: ALL },
  { name: 'Partner Tier2 Support', id: 'e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8', powers: ALL },
  { name: 'Groups Administrator', id: 'fdd7a751-b60b-444a-984c-02652fe8fa1c', powers: ['members'] },
  { name: 'User Administrator', id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', powers: ['members', 'passwords'] },
  { name: 'Partner Tier1 Support', id: '4ba39ca4-527c-499a-b93d-d9b492c50246', powers: ['members', 'passwords'] },
  { name: 'Directory Writers', id: '9360feb5-f418-4baa-8175-e2a00bac4301', powers: ['members'] },
  // Security groups (Intune), Microsoft 365 groups (Exchange, Teams): the administrator group may be either.
  { name: 'Intune Administrator', id: '3a2c62db-5318-420d-8d74-23affee5d9d5', powers: ['members'] },
  { name: 'Exchange Administrator', id: '29232cdf-9323-42fd-ade2-1d097af3e4de', powers: ['members'] },
  { name: 'Teams Administrator', id: '69091246-20e8-4a56-aa4d-066075b2a7a8', powers: ['members'] },
  // Access packages hand out group memberships.
  { name: 'Identity Governance Administrator', id: '45d8d3c5-c802-45c6-b32a-1d70b5e1e86e', powers: ['members'] },
  { name: 'Application Administrator', id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', powers: ['credentials'] },
  { name: 'Cloud Application Administrator', id: '158c047a-c907-4556-b7ef-446551a6b5f7', powers: ['credentials'] },
  { name: 'Helpdesk Administrator', id: '729827e3-9c14-49f7-bb1b-9608f156bbb8', powers: ['passwords'] },
  { name: 'Password Administrator', id: '966707d0-3269-4727-9be2-8c3a10f19b9d', powers: ['passwords'] },
  { name: 'Authentication Administrator', id: 'c4e39bd9-1100-46d3-8c65-fb160da0071f', powers: ['passwords'] },
  { name: 'Privileged Authentication Administrator', id: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', powers: ['passwords'] },
  { name: 'Directory Readers', id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', powers: [], inert: READS },
  { name: 'Global Reader', id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', powers: [], inert: READS },
  { name: 'Security Reader', id: '5d6b6bb7-de71-4623-b4af-96380a352509', powers: [], inert: READS },
  { name: 'Reports Reader', id: '4a5d8f65-41da-4de4-8968-e035b65339cf', powers: [], inert: 'reads sign-in and audit reports' },
  { name: 'Message Center Reader', id: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b', powers: [], inert: 'reads the message center' },
  { name: 'Teams Reader', id: '1076ac91-f3d9-41a7-a339-dcdf5f480acc', powers: [], inert: READS },
  { name: 'Usage Summary Reports Reader', id: '75934031-6c7e-415a-99d7-48dbd49e875e', powers: [], inert: 'reads usage reports' },
  { name: 'Application Developer', id: 'cf1c38e5-3621-4004-a7cb-879624dced7c', powers: [], inert: 'registers applications of its own; it cannot change others\'' },
];

/** Microsoft Graph application permissions (app roles of Graph), by app role ID. */
export const GRAPH_APP_ROLES: readonly DirectoryGrant[] = [
  { name: 'GroupMember.ReadWrite.All', id: 'dbaae8cf-10b5-4b86-a4a1-f871c94c6695', powers: ['members'] },
  { name: 'Group.ReadWrite.All', id: '62a82d76-70ea-41e2-9197-370581804d09', powers: ['members'] },
  { name: 'Directory.ReadWrite.All', id: '19dbc75e-c2e2-444c-a770-ec69d8559fc7', powers: ['members', 'credentials'] },
  // Assigns directory roles, or grants itself any Graph permission.
  { name: 'RoleManagement.ReadWrite.Directory', id: '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8', powers: ALL },
  { name: 'AppRoleAssignment.ReadWrite.All', id: '06b708a9-e830-4db3-a914-8e69da51d44f', powers: ALL },
  { name: 'Application.ReadWrite.All', id: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9', powers: ['credentials'] },
  { name: 'User.Read.All', id: 'df021288-bdef-4463-88db-98f22de89214', powers: [], inert: READS },
  { name: 'User.ReadBasic.All', id: '97235f07-e226-4f63-ace3-39588e11d3a1', powers: [], inert: READS },
  { name: 'Group.Read.All', id: '5b567255-7703-4780-807c-7be8301ae99b', powers: [], inert: READS },
  { name: 'GroupMember.Read.All', id: '98830695-27a2-44f7-8c18-0c3ebc9698f6', powers: [], inert: READS },
  { name: 'Directory.Read.All', id: '7ab1d382-f21e-4acd-a863-ba3e13f7da61', powers: [], inert: READS },
  { name: 'Application.Read.All', id: '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30', powers: [], inert: READS },
  { name: 'AuditLog.Read.All', id: 'b0afded3-3588-46d8-8b3d-9842eff778da', powers: [], inert: 'reads audit logs' },
];

/** Microsoft Graph delegated permissions (scopes, by name) with a power; names that only read, and sign-in scopes, are inert. */
const DELEGATED_POWERS: { readonly [name: string]: readonly DirectoryPower[] } = {
  'groupmember.readwrite.all': ['members'],
  'group.readwrite.all': ['members'],
  'directory.readwrite.all': ['members', 'credentials'],
  // Acts with every right of the signed-in user (an administrator's when one signs in).
  'directory.accessasuser.all': ALL,
  'rolemanagement.readwrite.directory': ALL,
  'approleassignment.readwrite.all': ALL,
  'application.readwrite.all': ['credentials'],
  'user-passwordprofile.readwrite.all': ['passwords'],
  'userauthenticationmethod.readwrite.all': ['passwords'],
};
const SIGN_IN_SCOPES = ['openid', 'profile', 'email', 'offline_access', 'user.read'];

/** Microsoft Graph's application (client) ID, the same in every tenant. */
export const GRAPH_APPLICATION_ID = '00000003-0000-0000-c000-000000000000';

/** The directory role of the table a template ID is, if it is one. */
export function directoryRole(id: string): DirectoryGrant | undefined {
  return DIRECTORY_ROLES.find((role) => role.id === id.trim().toLowerCase());
}

/** The Graph application permission of the table an app role ID is, if it is one. */
export function graphAppRole(id: string): DirectoryGrant | undefined {
  return GRAPH_APP_ROLES.find((role) => role.id === id.trim().toLowerCase());
}

/** The powers of a delegated Graph permission by name: its row, none for a read or sign-in scope, undefined for one the table does not know. */
export function delegatedPowers(name: string): readonly DirectoryPower[] | undefined {
  const key = name.trim().toLowerCase();
  if (Object.prototype.hasOwnProperty.call(DELEGATED_POWERS, key)) return DELEGATED_POWERS[key];
  return SIGN_IN_SCOPES.includes(key) || /\.read(basic)?(\.[a-z]+)?$/.test(key) ? [] : undefined;
}

/**
 * The powers of an Entra custom role's allowed resource actions ("microsoft.directory/groups/members/update"): group writes
 * (members, owners, every property) add members, application and service principal credential or owner writes add
 * credentials, user password or authentication method writes reset passwords, role assignment writes give any.
 */
export function customDirectoryPowers(actions: readonly string[]): readonly DirectoryPower[] {
  const powers = new Set<DirectoryPower>();
  for (const action of actions.map((each) => each.trim().toLowerCase()).filter((each) => !/\/read$/.test(each))) {
    if (/^microsoft\.directory\/(roleassignments|roledefinitions)\//.test(action) || action === '*' || action === 'microsoft.directory/*') ALL.forEach((power) => powers.add(power));
    if (/^microsoft\.directory\/groups[^/]*\/(members|owners|allproperties|dynamicmembershiprule|\*)/.test(action)) powers.add('members');
    if (/^microsoft\.directory\/(applications|serviceprincipals)[^/]*\/(credentials|owners|allproperties|\*)/.test(action)) powers.add('credentials');
    if (/^microsoft\.directory\/users[^/]*\/(password|authenticationmethods|allproperties|\*)/.test(action)) powers.add('passwords');
  }
  return [...powers];
}
