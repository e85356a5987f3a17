import { AccessLevel, LevelPrivileges, privilegesOf } from '../../database/access-level';
import { AccessDeclaration, declarationsConcerning, firstResourceOn, judgedAgainstEach, namesDeclared } from '../access-declarations';
import { madeBy } from '../beside-construct';
import { databaseOf, eachOf, entraRoleLabel, grantsOf, inDatabaseOf, literalAdministratorRoles, roleNamed, roleNameIn, unknownAt } from '../database-checks';
import { isOwnership } from '../implied-grants';
import { asIdentifier } from '../postgres-sent-text';
import { laterNamedRole, mayBeLaterRole } from '../later-role-names';
import { literalsLowerCased } from '../literal-case';
import { objectIdAmongWords } from '../../private/pgaadauth-label';
import { credentialAdditions } from '../administrator-credentials';
import { groupAdditions } from '../administrator-groups';
import { identityOperators } from '../identity-operators';
import { loginIdentityAttachments } from '../login-identities';
import { loginPrincipals } from '../login-principals';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, unknown, Verdict, worstOf } from '../rule';
import { ResourceView, ServerView } from '../stack-model';
import { isSet, literalBoolean, literalString } from '../value-readers';

/** A role DatabaseAccess makes: the roles it is a member of, the Entra label it carries (none for group and password roles), a group's access level. */
interface DeclaredRole {
  readonly name: string;
  readonly path: string;
  readonly memberOf: readonly string[];
  readonly label?: string;
  readonly access?: string;
}

/**
 * The roles of DatabaseAccess are members of, and signed in to by, only what it declared: a
 * login role is a member of its level's group role only, a group role of none (through
 * postgresql_role roles or postgresql_grant_role); and a pgaadauth label on one of its roles maps
 * exactly the declared Entra principal (object ID and type), none on group and password roles,
 * and no label maps such a principal to another role (it would sign in with that role's rights: M75-2).
 * No role it does not declare is made a member of its owner groups (a raw login in its owner group)
 * or of its login roles; a role managed elsewhere may be granted a read-only or read-write group
 * role, the documented way to give it that access (visible in the stack as the grant that does it).
 * Every grant, default privileges and Entra label DatabaseAccess makes names only roles it
 * declares (its `role`, `owner`, `object_name`; PUBLIC for its revokes): an override that re-points
 * one hands its rights to another role (twelfth review, A12a-6). And a role it does not declare is
 * given none of the owner level's rights in a database it manages by a grant beside it either
 * (ownership, with_grant_option, a privilege beyond the read-write level's: A12a-7; any right on a kind
 * of object no level is given, a foreign data wrapper or server among them: M75-1). No membership
 * that concerns its roles is granted with admin option, nor a right with grant option to its logins:
 * either hands what it declared on to roles it never named (fifteenth review, A15a-17).
 * Its group roles cannot sign in, its Entra logins have no password, no role it declares skips the
 * provider's DROP ROLE or DROP OWNED when destroyed (it would outlive its removal from the props), and every role it declares
 * exists under its name. A label's literal text compares in any case, its expressions exactly (`${var.APP_ID}` is another
 * variable than `${var.app_id}`, 88th run, A88a-1). And the stack writes nothing into the Entra principal a declared login is
 * mapped to (its label's object ID as declared): no credential, owner or group member, read as PG-IAM-3 reads them for an
 * administrator's principal (88th run, A88a-2), and no workload of the stack attaches the user-assigned identity a login is mapped to
 * unless suppressed on that workload with the reason (login-identities.ts; 90th run, A90a-4). A read-only login put into the owner group, a
 * label re-mapped to another object ID, a role renamed, or a secret minted for a login's principal gives other rights or another identity
 * than the report shows. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-13',
  title: 'DatabaseAccess roles have only the memberships and Entra mappings it declared',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Remove the override or resource that changes the role\'s memberships or Entra label; change the DatabaseAccess roles instead (a role managed elsewhere may be granted a read-only or read-write group role; the owner level takes only the DatabaseAccess roles, or a suppression with its reason).',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const lists = declarationsConcerning(stack?.declaredAccess, server);
    if (lists.length === 0) return notApplicable('no DatabaseAccess manages the server');
    return judgedAgainstEach(lists, (declarations) => judgeRoles(server, declarations, stack));
  },
};

/** The server's roles, memberships and labels compared with the declarations of one managed server. */
function judgeRoles(server: ServerView, declarations: readonly AccessDeclaration[], stack: StackFacts | undefined): readonly Verdict[] {
  const roles = declarations.flatMap(declaredRoles);
  const declaredAs = (value: unknown) => {
    const name = roleNameIn(server, value);
    return roles.find((role) => namesDeclared(name, role.name));
  };
  const membership = (resource: ResourceView): Verdict => {
    const named = resource.type === 'postgresql_role' ? resource.config.name : resource.config.role;
    const role = declaredAs(named);
    if (role === undefined) return worstOf(laterMembership(server, resource, named, roles), undeclaredMembership(server, resource, roles));
    const signIn = resource.type === 'postgresql_role' ? signInProblem(resource, role) : undefined;
    return signIn ?? declaredMembership(server, resource, role);
  };
  const found = eachOf(inDatabaseOf(server, 'postgresql_role', 'postgresql_grant_role', 'postgresql_security_label'), (resource) => {
    if (resource.type === 'postgresql_security_label') return judgeLabel(server, resource, declaredAs, roles);
    // Who joins which role, then how: a membership with admin option hands the role on (A15a-17).
    return resource.type === 'postgresql_grant_role' ? worstOf(membership(resource), adminOption(server, resource, roles)) : membership(resource);
  });
  const granted = eachOf(grantsOf(server).filter((grant) => grant.type !== 'postgresql_grant_role'), (grant) => judgeGrantee(server, grant, declarations, roles));
  const relabelled = eachOf(inDatabaseOf(server, 'postgresql_security_label'), (label) => {
    const maker = declarations.find((declaration) => madeBy(label, declaration.path));
    return maker === undefined ? PASS : madeFor(server, label, 'object_name', maker, roles);
  });
  const missing = missingRoles(server, declarations);
  const faults = [...found, ...granted, ...relabelled, ...principalWrites(declarations, stack)].filter((verdict) => verdict.status !== 'pass');
  return faults.length === 0 && missing.length === 0 ? found : [...faults, ...missing];
}

/**
 * A grant, default privileges or owner of the server, by the role it gives rights to. One
 * DatabaseAccess makes names only the roles it declares (an override that re-points its `role` or
 * `owner` gives its rights to another role: twelfth review, A12a-6); one made beside it gives a
 * role it does not declare no owner-level right in a database it manages, as making that role a
 * member of the owner level does not (A12a-7). PGD-IAM-12 judges grants to its group roles, and
 * PGD-IAM-4 those to PUBLIC.
 */
function judgeGrantee(server: ServerView, grant: ResourceView, declarations: readonly AccessDeclaration[], roles: readonly DeclaredRole[]): Verdict {
  const option = grantOption(server, grant, roles);
  if (option.status !== 'pass') return option;
  const maker = declarations.find((declaration) => madeBy(grant, declaration.path));
  // A schema it makes is PGD-IAM-12's whole (its owner, its policy blocks).
  if (maker !== undefined && grant.type === 'postgresql_schema') return PASS;
  if (maker !== undefined) {
    const attributes = grant.type === 'postgresql_default_privileges' ? ['role', 'owner'] : ['role'];
    return attributes.map((attribute) => madeFor(server, grant, attribute, maker, roles)).find((verdict) => verdict.status !== 'pass') ?? PASS;
  }
  const later = laterGrant(server, grant, roles);
  if (later.status !== 'pass') return later;
  const role = roleNameIn(server, grant.config.role);
  const names = roleMatcher(server, grant.config.role);
  if (role === undefined || namesDeclared(role, 'public') || roles.some((declared) => names(declared.name))) return PASS;
  // The server's administrators (the one DatabaseAccess signs in as among them) may grant themselves anything already. Their roles
  // by the exact name: PostgreSQL's role names are case-sensitive, and `GRP-DBA` is another role than `grp-dba` (88th run).
  const administrators = [...literalAdministratorRoles(server), ...declarations.filter((d) => d.principalNameUnknown !== true).map((d) => asIdentifier(d.principalName))];
  if (typeof role === 'string' && administrators.includes(role)) return PASS;
  // pg_database_owner's one member is the database's owner (PostgreSQL 15 makes it public's owner): what it is given, that owner
  // holds, judged where the database's owner is set. By its exact name: "PG_DATABASE_OWNER" is another role (75th run, M75-3).
  if (role === PREDEFINED_DATABASE_OWNER) return PASS;
  const rights = ownerLevelRights(grant);
  if (rights.status === 'pass') return PASS;
  const database = databaseOf(server, grant);
  const managing = declarations.find((declaration) => declaration.groups.some((group) => namesDeclared(database, group.database)));
  if (managing === undefined && isUnknown(database)) return unknownAt(grant, 'the database');
  if (managing === undefined) return PASS;
  if (!('what' in rights)) return rights;
  if (isUnknown(role)) return unknownAt(grant, 'the role');
  // A kind of object the levels do not list is beyond the read-write level too: no level holds a right on it (M75-1).
  const held = rights.noLevel === true ? `a kind of object on which no level of ${managing.path} holds a right` : `rights of the owner level, which only the roles ${managing.path} declares may hold`;
  return fail(`role ${role}, which ${managing.path} does not declare, is given ${rights.what} in database ${String(database)}, which ${managing.path} manages, by ${grant.address}: ${held}.`, grant.address);
}

/**
 * A membership given WITH ADMIN OPTION that concerns a declared role (its member or its group): the
 * member may grant the group to any role and revoke it from its members, which no declaration shows;
 * DatabaseAccess grants none, and a role's `roles` list does not track the option, so nothing takes it
 * back (fifteenth review, A15a-17). Memberships with unknown names are judged unknown by the checks
 * of who joins which role.
 */
function adminOption(server: ServerView, grant: ResourceView, roles: readonly DeclaredRole[]): Verdict {
  const option = grant.config.with_admin_option;
  if (!isUnknown(option) && literalBoolean(option) !== true) return PASS;
  const concerned = (value: unknown) => roles.find((role) => namesRole(server, value, role.name)) ?? laterNamedRole(server, value, roles);
  const declared = concerned(grant.config.grant_role) ?? concerned(grant.config.role);
  if (declared === undefined) return PASS;
  if (isUnknown(option)) return unknownAt(grant, 'with_admin_option');
  const group = String(roleNameIn(server, grant.config.grant_role));
  return fail(`${roleLabelOf(server, grant)} is given ${group} WITH ADMIN OPTION by ${grant.address}: it may grant ${group} to any role and revoke it from its members; ${declared.path} grants no membership with admin option.`, grant.address);
}

/**
 * A grant or default privileges with grant option to a declared login: it may hand its rights to any
 * role (A15a-17). PGD-IAM-12 judges its group roles' grants, and ownerLevelRights those of roles it does not declare.
 */
function grantOption(server: ServerView, grant: ResourceView, roles: readonly DeclaredRole[]): Verdict {
  const names = roleMatcher(server, grant.config.role);
  const login = roles.find((role) => role.memberOf.length > 0 && names(role.name));
  const option = grant.config.with_grant_option;
  if (login === undefined || (!isUnknown(option) && literalBoolean(option) !== true)) return PASS;
  if (isUnknown(option)) return unknownAt(grant, 'with_grant_option');
  return fail(`role ${login.name}, a login ${login.path} declares, is given the right to grant what it holds (with_grant_option) by ${grant.address}: it may hand its rights to any role; ${login.path} grants none with grant option.`, grant.address);
}

/** A role-naming attribute of a resource a DatabaseAccess makes names one of its roles (or PUBLIC, which its revokes name). */
function madeFor(server: ServerView, resource: ResourceView, attribute: string, maker: AccessDeclaration, roles: readonly DeclaredRole[]): Verdict {
  const name = roleNameIn(server, resource.config[attribute]);
  const names = roleMatcher(server, resource.config[attribute]);
  if (roles.some((role) => role.path === maker.path && names(role.name)) || namesDeclared(name, 'public')) return PASS;
  if (isUnknown(name)) return unknownAt(resource, attribute);
  const named = name === undefined ? 'no role' : `role ${name}`;
  return fail(`${resource.address}, which ${maker.path} makes, names ${named} as its ${attribute}, a role ${maker.path} does not declare: an override re-pointed it.`, resource.address);
}

/** Whether a value names a declared role: by its name, or by a reference to the postgresql_role whose name (a token too) it is. */
function namesRole(server: ServerView, value: unknown, declared: string): boolean {
  return namesDeclared(roleNameIn(server, value), declared) || namesDeclared(roleNamed(server, value)?.resource?.config.name, declared);
}

/**
 * namesRole for one value against many declared names: what the value names is read once, at the first name asked
 * (every grant of every server is held against each declared role).
 */
function roleMatcher(server: ServerView, value: unknown): (declared: string) => boolean {
  let named: { readonly name: unknown; readonly resourceName: unknown } | undefined;
  return (declared) => {
    named ??= { name: roleNameIn(server, value), resourceName: roleNamed(server, value)?.resource?.config.name };
    return namesDeclared(named.name, declared) || namesDeclared(named.resourceName, declared);
  };
}

/** The predefined role (PostgreSQL 14+) whose only member is the current database's owner. */
const PREDEFINED_DATABASE_OWNER = 'pg_database_owner';

/**
 * Object kinds whose privileges the access levels list (a column takes its table's; a procedure or routine a function's: EXECUTE is
 * their one privilege, which PUBLIC holds on each by default; adversarial run adv75d, P75-5).
 */
const LEVEL_KINDS: { readonly [kind: string]: keyof LevelPrivileges } = {
  database: 'database', schema: 'schema', table: 'table', column: 'table', sequence: 'sequence', function: 'function', procedure: 'function', routine: 'function',
};

/**
 * The rights of a grant beyond what the read-write level holds (ownership, with_grant_option, a
 * privilege such as CREATE, TRUNCATE or ALL): only the owner level holds them. Pass for a grant
 * within the read-write level. A kind of object the levels do not list (a foreign data wrapper or
 * server, a procedure, a type) is given no level: any privilege on it is beyond, as PGD-IAM-12 holds
 * the group roles (USAGE on postgres_fdw lets its holder make servers and user mappings: 75th run, M75-1).
 */
function ownerLevelRights(grant: ResourceView, level: AccessLevel = AccessLevel.READ_WRITE): { readonly status: 'owner'; readonly what: string; readonly noLevel?: boolean } | Verdict {
  if (isOwnership(grant)) return { status: 'owner', what: `ownership of the ${String(grant.config.object_type)}` };
  const { object_type: objectType, privileges, with_grant_option: withGrantOption } = grant.config;
  if (isUnknown(withGrantOption)) return unknownAt(grant, 'with_grant_option');
  if (literalBoolean(withGrantOption) === true) return { status: 'owner', what: 'the right to grant what it holds (with_grant_option)' };
  if (isUnknown(objectType)) return unknownAt(grant, 'the object type');
  const kind = (literalString(objectType) ?? '').toLowerCase();
  const key = Object.prototype.hasOwnProperty.call(LEVEL_KINDS, kind) ? LEVEL_KINDS[kind] : undefined;
  if (isUnknown(privileges)) return unknownAt(grant, 'the privileges');
  const listed = Array.isArray(privileges) ? privileges : [];
  if (listed.some(isUnknown)) return unknownAt(grant, 'a privilege');
  const allowed = key === undefined ? [] : privilegesOf(level)[key] as readonly string[];
  const beyond = listed.map((privilege) => String(privilege).toUpperCase()).filter((privilege) => !allowed.includes(privilege));
  if (beyond.length === 0) return PASS;
  const how = grant.type === 'postgresql_default_privileges' ? ' by default' : '';
  return { status: 'owner', what: `${JSON.stringify(beyond)}${how} on ${kind || 'objects'}`, noLevel: key === undefined };
}

/**
 * A membership of a role named by a literal that may be a declared role whose name is known only
 * at apply time: judged as the declared role's (A14a-10).
 */
function laterMembership(server: ServerView, resource: ResourceView, named: unknown, roles: readonly DeclaredRole[]): Verdict {
  const role = laterNamedRole(server, named, roles);
  if (role === undefined) return PASS;
  const verdict = declaredMembership(server, resource, role);
  return verdict.status === 'fail' ? fail(`${mayBeLaterRole(String(named), role)}: ${verdict.message}`, resource.address) : verdict;
}

/** The groups a role (its roles) or a grant_role (its grant_role) puts a declared role in, held against those declared for it. */
function declaredMembership(server: ServerView, resource: ResourceView, role: DeclaredRole): Verdict {
  const groups = resource.type === 'postgresql_role' ? resource.config.roles : [resource.config.grant_role];
  if (isUnknown(groups)) return unknownAt(resource, 'roles');
  return worstMembership(server, resource, role, Array.isArray(groups) ? groups : [], resource.type === 'postgresql_role' ? 'an entry of roles' : 'grant_role');
}

/**
 * A grant to a role named by a literal that may be a declared role whose name is known only at
 * apply time: within the level declared for it (a login's, its group role's), as PGD-IAM-12 holds
 * the group roles to theirs (A14a-10).
 */
function laterGrant(server: ServerView, grant: ResourceView, roles: readonly DeclaredRole[]): Verdict {
  const role = laterNamedRole(server, grant.config.role, roles);
  if (role === undefined) return PASS;
  const group = role.memberOf.length === 0 ? role : roles.find((each) => each.path === role.path && role.memberOf.includes(each.name));
  const level = Object.values(AccessLevel).find((each) => each === group?.access) ?? AccessLevel.READ_ONLY;
  const rights = ownerLevelRights(grant, level);
  if (rights.status === 'pass' || !('what' in rights)) return rights;
  return fail(`${grant.address} gives ${mayBeLaterRole(String(grant.config.role), role)}, ${rights.what}, beyond the ${level} level ${role.path} declares for it.`, grant.address);
}

/** How a declared role can be signed in to beyond what was declared: a group that can log in, an Entra login with a password too. */
function signInProblem(resource: ResourceView, role: DeclaredRole): Verdict | undefined {
  // Removing a role from the props must take it out of the server: the provider skips DROP ROLE (or the REASSIGN and DROP OWNED
  // before it, so the drop fails) when told to, and the role keeps its login, password and memberships (62nd run, A62a-1).
  for (const attribute of KEEPING_ROLE) {
    const value = resource.config[attribute];
    if (isUnknown(value)) return unknownAt(resource, attribute);
    if (value !== undefined && literalBoolean(value) !== false) {
      return fail(`role ${role.name} of ${role.path} has ${attribute} = ${JSON.stringify(value)} by ${resource.address}: removed from the props, it would stay in the server with its login, password and memberships.`, resource.address);
    }
  }
  if (role.memberOf.length === 0) {
    if (isUnknown(resource.config.login)) return unknownAt(resource, 'login');
    if (literalBoolean(resource.config.login) === true) return fail(`role ${role.name}, a group role of ${role.path}, can sign in (login = true) by ${resource.address}.`, resource.address);
  } else if (role.label !== undefined && (isSet(resource.config.password) || isSet(resource.config.password_wo))) {
    return fail(`role ${role.name}, which ${role.path} maps to an Entra principal, is given a password by ${resource.address}: a second way in.`, resource.address);
  }
  return undefined;
}

/** The provider's arguments that keep a role in the server when its resource is destroyed (cyrilgdn/postgresql 1.26 resourcePostgreSQLRoleDelete). */
const KEEPING_ROLE = ['skip_drop_role', 'skip_reassign_owned'];

/** A declared role no postgresql_role of the server is named as: an override renamed it, and its grants and label went with it. */
function missingRoles(server: ServerView, declarations: readonly AccessDeclaration[]): Verdict[] {
  const names = inDatabaseOf(server, 'postgresql_role').map((role) => role.config.name);
  return declarations.flatMap((declaration) => {
    const address = firstResourceOn(server, declaration);
    if (address === undefined) return [];
    return declaredRoles(declaration)
      .filter((role) => !names.some((name) => namesDeclared(name, role.name)))
      .map((role) => fail(`${role.path} makes role ${role.name}, but no postgresql_role of the server has that name: an override renamed it.`, address));
  });
}

function declaredRoles(declaration: AccessDeclaration): DeclaredRole[] {
  return [
    ...declaration.groups.map((group) => ({ name: group.name, path: declaration.path, memberOf: [], access: group.access })),
    ...declaration.logins.map((login) => ({ name: login.name, path: declaration.path, memberOf: [login.group], label: login.label })),
  ];
}

/**
 * A role DatabaseAccess does not declare, made a member of its owner group or of one of its login
 * roles: it gains the owner's rights over every table, or a login's identity, without the
 * declaration, the thing reviewers read, showing it. A read-only or read-write group may be granted
 * to a role managed elsewhere (the documented way: a NOLOGIN role, one of another stack); the owner
 * level is not, since any login could be a member of that role in turn.
 */
function undeclaredMembership(server: ServerView, resource: ResourceView, roles: readonly DeclaredRole[]): Verdict {
  const groups = resource.type === 'postgresql_role' ? resource.config.roles : resource.type === 'postgresql_grant_role' ? [resource.config.grant_role] : [];
  if (isUnknown(groups)) return unknownAt(resource, resource.type === 'postgresql_role' ? 'roles' : 'grant_role');
  for (const group of Array.isArray(groups) ? groups : []) {
    const name = roleNameIn(server, group);
    if (name === undefined) continue;
    const joined = roles.find((role) => namesDeclared(name, role.name));
    if (joined === undefined && isUnknown(name)) return unknownAt(resource, resource.type === 'postgresql_role' ? 'roles' : 'grant_role');
    if (joined === undefined || openToOthers(joined)) continue;
    const members = roles.filter((role) => role.memberOf.includes(joined.name)).map((role) => role.name);
    const declared = members.length === 0 ? 'no members' : `the members ${members.join(', ')} only`;
    return fail(`${roleLabelOf(server, resource)} is made a member of ${joined.name} by ${resource.address}, gaining its rights; ${joined.path} gives ${joined.name} ${declared}.`, resource.address);
  }
  return PASS;
}

/** A read-only or read-write group role: one a role DatabaseAccess does not declare may join. */
function openToOthers(role: DeclaredRole): boolean {
  return role.access !== undefined && role.access !== AccessLevel.OWNER;
}

/** The member a role or grant resource names (a reference to a role of the stack by its name), for messages. */
function roleLabelOf(server: ServerView, resource: ResourceView): string {
  const name = roleNameIn(server, resource.type === 'postgresql_role' ? resource.config.name : resource.config.role);
  return typeof name === 'string' ? `role ${name}` : `the role of ${resource.address}`;
}

function worstMembership(server: ServerView, resource: ResourceView, role: DeclaredRole, groups: readonly unknown[], attribute: string): Verdict {
  for (const group of groups) {
    const name = roleNameIn(server, group);
    if (name === undefined) continue;
    if (role.memberOf.some((declared) => namesDeclared(name, declared))) continue;
    if (isUnknown(name)) return unknownAt(resource, attribute);
    const declared = role.memberOf.length === 0 ? 'of no role' : `of ${role.memberOf.join(', ')} only`;
    return fail(`role ${role.name} is made a member of ${name} by ${resource.address}; ${role.path} makes it a member ${declared}.`, resource.address);
  }
  return PASS;
}

/**
 * What the stack writes into the Entra principal a declared login is mapped to (88th run, A88a-2): a client secret, certificate or
 * federated identity credential of it (or of its application), an owner of it, a user's password or reset contacts, a member or owner
 * of a group login, by the readers PG-IAM-3 judges an Entra administrator's principal with. Whoever holds what it writes signs in as
 * the login, with the rights of its level, which the declaration does not show. Every declared Entra login, not only the owner level:
 * each maps an identity the report shows as the only one that signs in as it.
 */
function principalWrites(declarations: readonly AccessDeclaration[], stack: StackFacts | undefined): Verdict[] {
  const principals = loginPrincipals(declarations);
  const standIns = principals.map(({ standIn }) => standIn);
  const mapping = (standIn: ResourceView) => {
    const { declaration, login } = principals.find((principal) => principal.standIn === standIn)!;
    return { login: login.name, mappedBy: `the Entra principal ${declaration.path} maps role ${login.name} to` };
  };
  const credentialed = credentialAdditions(standIns, stack);
  const credentials = credentialed.map(({ resource, administrator, text }) => {
    const { login, mappedBy } = mapping(administrator);
    return fail(`${resource.address} ${text}, ${mappedBy}: whoever holds what it writes signs in to the server as ${login}, which the declaration does not show.`, resource.address);
  });
  // A principal whose type is not said is not one here, but a block read as a credential is one finding, as PG-IAM-3 makes it.
  const written = new Set(credentialed.map(({ resource }) => resource.address));
  const members = groupAdditions(standIns, stack).filter(({ resource }) => !written.has(resource.address)).map(({ resource, administrator, action, laterPointer }) => {
    const { login, mappedBy } = mapping(administrator);
    const group = `the group ${JSON.stringify(administrator.config.object_id ?? null)}`;
    const into = laterPointer === undefined ? group : `a group whose ${laterPointer} may be ${group}`;
    return fail(`${resource.address} ${action} ${into}, ${mappedBy}: each of its members signs in to the server as ${login}, which the declaration does not show.`, resource.address);
  });
  // A role that lets its holder attach a login's managed identity to a workload of theirs or add a credential to it (Managed Identity
  // Operator or Contributor on it, its group or above), as PG-IAM-3 reads it for an administrator identity.
  const operators = identityOperators(standIns, stack).filter(({ resource }) => !written.has(resource.address)).map(({ resource, administrator, text }) => {
    const { login, mappedBy } = mapping(administrator);
    return text === undefined
      ? unknown(`the role of ${resource.address} is known only at apply time, and may let its holder act as ${mappedBy} and sign in to the server as ${login}`, resource.address)
      : fail(`${resource.address} ${text}, ${mappedBy}: its holder signs in to the server as ${login}, which the declaration does not show.`, resource.address);
  });
  return [...credentials, ...members, ...operators, ...loginIdentityAttachments(principals, stack)];
}

function judgeLabel(server: ServerView, label: ResourceView, declaredAs: (value: unknown) => DeclaredRole | undefined, roles: readonly DeclaredRole[]): Verdict {
  const relevant = entraRoleLabel(label);
  if (relevant !== true) return relevant === false ? PASS : relevant;
  const raw = label.config.label;
  const text = isUnknown(raw) ? raw.toString() : String(raw);
  const role = declaredAs(label.config.object_name);
  if (role === undefined) {
    // A role named by an expression that names no role block of the stack (`lower(postgresql_role.r.name)`, a variable) may be a declared one.
    const named = roleNamed(server, label.config.object_name);
    return named !== undefined && 'unknown' in named && named.resource === undefined ? unknownAt(label, 'object_name') : secondMapping(server, label, text, roles);
  }
  // An object ID and the label's words in any case; an expression exactly: `${var.APP_ID}` is another variable (A88a-1).
  if (role.label !== undefined && literalsLowerCased(text) === literalsLowerCased(role.label)) return PASS;
  const declared = role.label === undefined ? 'maps no Entra identity to it' : `maps it to ${role.label}`;
  return fail(`role ${role.name} is mapped to ${text} by ${label.address}; ${role.path} ${declared}.`, label.address);
}

/**
 * A pgaadauth label on a role DatabaseAccess does not declare that maps the Entra principal one of its logins is mapped to (the same
 * object ID, a literal in any case, an expression exactly, as the login's own label is compared): that principal signs in as this role
 * too, with whatever it holds, which the level declared for the principal does not show (75th run, M75-2).
 */
function secondMapping(server: ServerView, label: ResourceView, text: string, roles: readonly DeclaredRole[]): Verdict {
  // One DatabaseAccess makes, re-pointed to this role, fails as re-pointed (madeFor): one finding.
  if (roles.some((role) => madeBy(label, role.path))) return PASS;
  const objectId = mappedObjectId(text);
  if (objectId === undefined) return PASS;
  const login = roles.find((role) => role.label !== undefined && mappedObjectId(role.label) === objectId);
  if (login === undefined) {
    // An object ID known only at apply time (`lower(var.oid)`, a local, another attribute) may be a declared login's (adversarial run adv75d, P75-3).
    const logins = roles.filter((role) => role.label !== undefined);
    if (isExpression(objectId) && logins.length > 0) return unknownAt(label, 'the object ID');
    // So may a literal one be the object ID a declared login is given by a variable (adversarial run of stop 76, R76-12).
    const later = logins.find((role) => {
      const declared = mappedObjectId(role.label!);
      return declared === undefined || isExpression(declared);
    });
    return later === undefined ? PASS : unknown(`${label.address} maps object ID ${objectId}, which may be the one ${later.path} gives role ${later.name}, known only at apply time: it would sign in as that role too`, label.address);
  }
  const name = roleNameIn(server, label.config.object_name);
  const mapped = typeof name === 'string' ? `role ${name}` : `the role of ${label.address}`;
  return fail(`${mapped} is mapped to ${text} by ${label.address}, the Entra principal ${login.path} maps role ${login.name} to: it signs in as ${mapped} too, with its rights, beyond what ${login.path} declares for it.`, label.address);
}

/** Whether an object ID is an expression, known only at apply time. */
const isExpression = (objectId: string) => /\$\{|%\{/.test(objectId);

/**
 * The object ID a pgaadauth label maps its role to, its literal text in lower case (GUIDs compare in any case): read wherever it
 * stands among the label's words, as audit-roles reads a live label (P75-1); PGD-IAM-7 fails a label not in the plain form.
 */
function mappedObjectId(text: string): string | undefined {
  const objectId = objectIdAmongWords(text);
  return objectId === undefined ? undefined : literalsLowerCased(objectId);
}
