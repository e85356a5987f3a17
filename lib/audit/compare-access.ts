import { pgauditLoggedClasses } from '../checks/pgaudit-classes';
import { judgeSessionSetting, touchesLogging } from '../checks/session-settings';
import { AZURE_DATABASES } from '../private/azure-databases';
import { azureLookAlike, isAzureOrPredefinedRole } from './azure-roles';
import { declaredLookAlike } from './look-alike-roles';
import { DeclaredServer } from './declared-access';
import { DeclaredPrivileges } from './declared-grants';
import { grantedByScript } from './extension-grants';
import { CatalogPrivilege, DEFINER_KINDS, DefinerExecution, LiveDatabase, LiveGrant, LiveRole, LiveState, PublicPrivilege, UserMapping } from './live-state';
import { loggingWeakness, SERVER_LOGGING } from './server-logging';
import { StoredPassword } from './stored-passwords';
import { appendTo } from '../private/list-map';
import { isAdministratorLabel, liveObjectId } from '../private/pgaadauth-label';
import { ownValue } from '../private/own-keys';
import { quotedWithEscapes } from '../private/reason-text';

/** The kinds of drift the audit reports, each with what to do about it. */
export const AUDIT_CHECKS = {
  'dangerous-attribute': 'Remove the attribute (ALTER ROLE ... NOSUPERUSER NOCREATEROLE ...): only Azure\'s roles and the server\'s administrators may hold it.',
  'undeclared-login': 'Declare the role in the stack (a DatabaseAccess role) or drop it.',
  'azure-role-look-alike': 'Find who created the role and drop it: only Azure may make a role of that name. Until then the audit judges it as any other role.',
  'declared-role-look-alike': 'Find who created the role and drop it: its name reads as that of a role the stack declares, so what is reported of it reads as drift of that role. Until then the audit judges it as any other role.',
  'undeclared-administrator': 'Drop the role, or declare it an Entra administrator of the server in the stack; a role the stack declares in a DatabaseAccess is never an administrator: drop it and apply the stack.',
  'undeclared-membership': 'Declare the membership in the stack or revoke it (REVOKE <role> FROM <member>).',
  'membership-admin-option': 'Revoke the option (REVOKE ADMIN OPTION FOR <role> FROM <member>), or declare it in the stack (postgresql_grant_role with_admin_option).',
  'missing-role': 'Apply the stack: the role it declares does not exist.',
  'missing-membership': 'Apply the stack: the role lacks a membership the stack declares.',
  'entra-label-missing': 'Apply the stack: the role is not mapped to its Entra principal (pgaadauth security label).',
  'entra-label-unexpected': 'Remove the pgaadauth label (SECURITY LABEL FOR pgaadauth ON ROLE ... IS NULL): the stack maps no Entra principal to the role, and the label gives that principal a way to sign in as it.',
  'entra-label-mismatch': 'Apply the stack: the role is mapped to another Entra principal than the stack declares.',
  'password-expired': 'Rotate the password: apply the stack (its time_rotating resource is due).',
  'password-expiry-too-late': 'Set the expiry back (ALTER ROLE ... VALID UNTIL ...) or apply the stack: the password must expire within its rotation period and grace, as the stack declares.',
  'password-without-expiry': 'Give the password an expiry (valid_until), as DatabasePrincipal.password does, or use Entra ID.',
  'group-role-login': 'Make the role a group role again (ALTER ROLE ... NOLOGIN PASSWORD NULL): the stack declares it NOLOGIN, a set of rights nobody signs in as.',
  'entra-role-password': 'Remove the password (ALTER ROLE ... PASSWORD NULL VALID UNTIL \'infinity\'): an Entra role signs in with a token only.',
  'public-privilege': 'Revoke it from PUBLIC; give access through group roles.',
  'direct-privilege': 'Revoke it from the login role (REVOKE ... FROM <role>); grant it to a group role the role is a member of, in the stack.',
  'owned-by-login': 'Give the object to the owner group role (ALTER ... OWNER TO <database>_owner), or declare the owner in the stack.',
  'owned-by-group-role': 'Give the object to the owner group role (ALTER ... OWNER TO <database>_owner), or declare the owner in the stack: every member of a role that owns an object may change, empty, drop and grant it.',
  'undeclared-database': 'Drop the database, or declare it in the stack (a DatabaseAccess database); until then give it to the administrators (ALTER DATABASE ... OWNER TO azure_pg_admin) and revoke what the stack\'s roles and PUBLIC hold on it (REVOKE ... ON DATABASE ...).',
  'group-privilege': 'Revoke what the stack does not declare (REVOKE ... FROM <role>), or declare it in the stack.',
  'definer-execute': 'Revoke EXECUTE from the role (REVOKE EXECUTE ON FUNCTION ... FROM <role>) or make the routine SECURITY INVOKER; to keep it, grant EXECUTE on that routine by name in the stack. A view an administrator owns: make it security_invoker or give it to the owner level. A rule on an administrator\'s relation: drop it (a trigger runs as the writer) or give the relation to the owner level.',
  'user-mapping': 'Drop the user mapping (DROP USER MAPPING FOR <role | PUBLIC> SERVER <server>): the stack declares none, and whoever it is for signs in to the remote server with its credentials whenever it queries a foreign table of that server, USAGE on the server or not.',
  'stored-password': 'Change the password it holds, then rewrite the object without it: a routine\'s source, a view\'s query and a default are readable by every role. Sign in with Entra ID, or keep the credentials in an administrator\'s user mapping, whose options only that role and the foreign server\'s owner read.',
  'missing-database': 'Apply the stack: the database it manages does not exist.',
  'missing-pgaudit': 'Apply the stack (CREATE EXTENSION pgaudit in the database), so DDL is audited with object names.',
  'pgaudit-log': 'Apply the stack: set the server\'s pgaudit.log parameter (and shared_preload_libraries with pgaudit) as it declares, so that pgaudit logs the classes it declares.',
  'server-parameter': 'Apply the stack: set the server parameter as it declares (on Azure its azurerm_postgresql_flexible_server_configuration), so that the server logs and signs in as the stack says; where the stack declares none, set it back to its default (ALTER SYSTEM RESET <name>; on Azure, reset the server parameter).',
  'catalog-privilege': 'Revoke it (REVOKE ... ON <object> FROM <role | PUBLIC>; on Azure, ask support): PostgreSQL does not give it, and the system catalogs hold what no role should read or run (password hashes in pg_authid, the server\'s files through pg_read_file).',
  'pgaudit-event-trigger': 'Enable it (ALTER EVENT TRIGGER <name> ENABLE; on Azure, ask support or recreate the extension: DROP EXTENSION pgaudit; CREATE EXTENSION pgaudit), so DDL is audited with object names.',
  'session-setting': 'Reset it (ALTER ROLE ... RESET <name>, ALTER DATABASE ... RESET <name>, ALTER ROLE ... IN DATABASE ... RESET <name>, or ALTER FUNCTION ... RESET <name>) and set logging on the server\'s parameters: the sessions it starts, or the calls of the routine, escape them.',
  'parameter-privilege': 'Revoke it (REVOKE SET, ALTER SYSTEM ON PARAMETER <name> FROM <role>): the stack grants none, and with it the role changes that setting itself (SET for its own sessions, ALTER SYSTEM for the server), whatever the server\'s parameters say: a logging setting to escape the server\'s logging, archive_command or shared_preload_libraries to run its code on the server.',
} as const;

export type AuditCheck = keyof typeof AUDIT_CHECKS;

export interface AuditFinding {
  readonly check: AuditCheck;
  /** The role, membership or database the finding is about. */
  readonly subject: string;
  readonly message: string;
}

export interface AuditResult {
  readonly findings: readonly AuditFinding[];
  /** What the audit could not judge, and why. */
  readonly notes: readonly string[];
  /**
   * The databases the stack's roles may connect to that the audit could not read (the notes say why): what they hold was not
   * checked, so the audit is incomplete and the command exits 2, as when it cannot connect (93rd run, A93a-3). A managed database
   * whose pg_cron jobs could not be read is one (A72-21).
   */
  readonly unread: readonly string[];
  /**
   * The server parameters the audit compares that it could not read from the server (a session default of its own session hides
   * the server's value), each a one-line reason: the audit is incomplete, and the command exits 2 (adversarial run adv73a, D73-8).
   */
  readonly unchecked?: readonly string[];
}

const ATTRIBUTES: readonly [keyof LiveRole, string][] = [
  ['superuser', 'SUPERUSER'],
  ['createRole', 'CREATEROLE'],
  ['createDatabase', 'CREATEDB'],
  ['replication', 'REPLICATION'],
  ['bypassRls', 'BYPASSRLS'],
];

/**
 * Compares a live server with what the stack declares for it. Azure's roles (as Azure makes them:
 * a role that only takes one of their names is judged as any other) and the predefined pg_* roles
 * are not reported, except as members of a role the stack declares; the server's administrators
 * (named in the stack; labelled as Entra administrators only when the stack cannot name them) may
 * hold role attributes and memberships.
 */
export function compareAccess(declared: DeclaredServer, live: LiveState): AuditResult {
  const findings: AuditFinding[] = [];
  const notes: string[] = [];
  const unread: string[] = [];
  const unchecked: string[] = [];
  const add = (check: AuditCheck, subject: string, message: string) => findings.push({ check, subject, message });

  const declaredRoles = new Map(declared.roles.map((role) => [role.name, role]));
  const administrators = new Set([...declared.administrators, ...labelledAdministrators(declared, live, declaredRoles, add, notes)]);
  // Azure's roles by what they are, not by name alone: a look-alike is judged as any other role.
  const azureRoles = new Set(live.roles.filter(isAzureOrPredefinedRole).map((role) => role.name));
  const exempt = (name: string) => name.startsWith('pg_') || azureRoles.has(name) || administrators.has(name);
  const liveRoles = new Map(live.roles.map((role) => [role.name, role]));
  // Azure's login roles that are no superusers (replication): Azure grants them nothing on the objects of a managed database and
  // makes them own none there, so what they hold there a user gave to whoever signs in with their credentials (adversarial run
  // adv72a, A72-9). They stay out of the role checks: their shape is Azure's. azure_pg_admin's members are the administrators.
  const azureLogins = new Set(live.roles.filter((role) => azureRoles.has(role.name) && !role.name.startsWith('pg_') && role.login && !role.superuser).map((role) => role.name));
  const exemptHolder = (name: string) => exempt(name) && !azureLogins.has(name);
  const declaredPairs = new Set(declared.roles.flatMap((role) => role.memberOf.map((group) => pair(group, role.name))));
  const declaredAdminPairs = new Set(declared.roles.flatMap((role) => (role.adminOf ?? []).map((group) => pair(group, role.name))));
  const livePairs = new Set(live.memberships.map((m) => pair(m.role, m.member)));

  for (const role of live.roles) {
    const made = azureLookAlike(role);
    if (made !== undefined) add('azure-role-look-alike', role.name, `Role ${quoted(role.name)} is named like one of Azure's roles, but Azure makes that role ${made}: it is not Azure's.`);
    if (exempt(role.name)) continue;
    // Its name is escaped beside it in every message; this says whom it reads as (93rd run, A93a-4).
    const alike = declaredRoles.has(role.name) ? undefined : declaredLookAlike(role.name, [...declaredRoles.keys(), ...administrators]);
    if (alike !== undefined) add('declared-role-look-alike', role.name, `Role ${quoted(role.name)} looks like the declared role ${quoted(alike)} but is not it: what is reported of it is not drift of ${quoted(alike)}.`);
    const held = ATTRIBUTES.filter(([key]) => role[key] === true).map(([, label]) => label);
    if (held.length > 0) add('dangerous-attribute', role.name, `Role ${quoted(role.name)} has ${held.join(', ')}.`);
    if (role.login && !declaredRoles.has(role.name)) add('undeclared-login', role.name, `Login role ${quoted(role.name)} is not declared in the stack.`);
  }
  for (const membership of live.memberships) {
    // Azure's own roles are in no role the stack declares: such a membership gives the stack's rights away. Azure's replication
    // login is in no role at all (azure-roles.ts: Azure gives it REPLICATION alone): not a user's (adversarial run adv73a, D73-2),
    // nor a predefined role or azure_pg_admin, whose rights its credentials then carry (adv74a, D74-5).
    if (exempt(membership.member) && !(azureRoles.has(membership.member) && declaredRoles.has(membership.role))
      && !azureLogins.has(membership.member)) continue;
    const subject = `${membership.member} in ${membership.role}`;
    if (!declaredPairs.has(pair(membership.role, membership.member))) {
      add('undeclared-membership', subject, `${quoted(membership.member)} is a member of ${quoted(membership.role)}, which the stack does not declare.`);
    }
    // ADMIN OPTION lets the member grant the role to anyone and revoke it from the declared members (ninth review, A9-6).
    if (membership.adminOption && !declaredAdminPairs.has(pair(membership.role, membership.member))) {
      add('membership-admin-option', subject, `${quoted(membership.member)} holds ${quoted(membership.role)} WITH ADMIN OPTION, which the stack does not declare: it may grant the role to any role and revoke it from its members.`);
    }
  }
  for (const role of declared.roles) {
    if (!liveRoles.has(role.name)) {
      add('missing-role', role.name, `Role ${quoted(role.name)} is declared (${role.address}) but does not exist.`);
      continue;
    }
    for (const group of role.memberOf) {
      if (!livePairs.has(pair(group, role.name))) add('missing-membership', `${role.name} in ${group}`, `${quoted(role.name)} is declared a member of ${quoted(group)} but is not.`);
    }
  }

  checkEntraLabels(declared, live, add, notes);
  checkAdministratorLabels(declared, live, add, notes);
  checkPasswords(declared, live, exempt, add);

  // The roles of the stack: declared, or named as an owner (of an object, or of default privileges: the owner level).
  const stackRoles = new Set([...declaredRoles.keys(), ...declared.owners.map((d) => d.owner), ...declared.defaultPrivileges.map((d) => d.owner)]);
  for (const database of live.databases) {
    if (!database.exists) {
      add('missing-database', database.name, `Database ${quoted(database.name)} is managed by the stack but does not exist.`);
      continue;
    }
    if (!database.pgaudit) add('missing-pgaudit', database.name, `Database ${quoted(database.name)} has no pgaudit extension.`);
    checkCatalogPrivileges(database.name, database.catalogPrivileges ?? [], exempt, add);
    for (const trigger of database.disabledPgauditTriggers ?? []) {
      add('pgaudit-event-trigger', `${database.name}: ${trigger}`, `pgaudit's event trigger ${quoted(trigger)} is disabled in database ${quoted(database.name)}: DDL there is not logged with its object names.`);
    }
    for (const [object, { privileges }] of publicHoldings(database.publicPrivileges, stackRoles)) {
      add('public-privilege', `${database.name}: ${object}`, `PUBLIC holds ${privileges.join(', ')} on ${object} in database ${quoted(database.name)}.`);
    }
    checkGrants(declared, database.name, database.grants, live, exemptHolder, add);
    checkDefinerExecutions(declared, database, exempt, add);
    checkOwners(declared, database, exemptHolder, add);
    checkRoutineSettings(database, add);
    checkUserMappings(database.name, database.userMappings, exempt, add);
    checkStoredPasswords(database.name, database.storedPasswords, add);
  }
  checkUndeclaredDatabases(declared, live, exempt, azureLogins, add);
  checkPublicCreate(declared, live, stackRoles, exempt, azureLogins, add, notes, unread);
  checkCronJobs(declared, live, exempt, add, notes, unread);
  checkPgauditLog(declared, live, add, notes, unchecked);
  checkServerParameters(declared, live, add, notes, unchecked);
  notes.push(...unchecked.map((reason) => `${reason[0].toUpperCase()}${reason.slice(1)}: the audit is incomplete.`));
  // Azure's logins' defaults are judged: Azure sets none (D74-9).
  checkSessionSettings(live, new Set([...azureRoles].filter((name) => !azureLogins.has(name))), add);
  checkParameterPrivileges(live, azureRoles, add);

  if (declared.unresolvedGrants > 0) {
    notes.push(`${declared.unresolvedGrants} declared grant(s) or default privilege(s) have names or privileges known only at apply time: they were not compared, and what they grant may be among the privileges reported.`);
  }
  const membershipsUnknown = declared.roles.filter((role) => role.membershipsUnknown === true).map((role) => role.name);
  if (membershipsUnknown.length > 0) {
    notes.push(`${membershipsUnknown.length} declared role(s) have memberships known only at apply time (${membershipsUnknown.map(quoted).join(', ')}): they were not compared, and may be among the memberships reported as undeclared.`);
  }
  if (declared.unresolvedRoles > 0) {
    notes.push(`${declared.unresolvedRoles} declared role(s) have names known only at apply time: they were not compared, and may be among the roles reported as undeclared.`);
  }
  // A block that may create nothing (its count, for_each or enabled not computed by the checks: known only at apply time, or written with
  // a function the evaluator does not compute) is taken as declared: it may create what it writes, and reporting that as drift would flag
  // every stack that switches a block with a variable. The notes name each (42nd run, A42b-2), and do not claim Terraform cannot compute
  // what the checks did not (43rd run, A43b-2).
  const maybe = declared.maybeDeclared ?? [];
  if (maybe.length > 0) {
    notes.push(`${maybe.length} declared block(s) have a count, for_each or lifecycle.enabled the checks could not compute (${maybe.map(quoted).join(', ')}): it may be known only at apply time, or written with a function the checks do not evaluate. What they write was taken as declared, though they may create nothing; if they create none, what they write and the server holds was granted by hand.`);
  }
  return { findings, notes, unread, ...unchecked.length > 0 ? { unchecked } : {} };
}

/**
 * The roles labelled as Entra administrators (",admin" in their pgaadauth label) that the stack
 * does not name as administrators. Anyone who administers the server can label one in SQL
 * (pgaadauth_create_principal with isAdmin): each is reported and judged as any role (ninth
 * review, A9-5), unless the stack names its administrators only at apply time: then the labelled
 * ones that are members of Azure's azure_pg_admin, as Azure makes every Entra administrator, are
 * returned, taken as administrators on trust, and the report says so; a labelled one that is not is
 * reported (A72-28). A role the stack declares in a DatabaseAccess is never taken for one.
 */
const AZURE_ADMIN_GROUP = 'azure_pg_admin';

function labelledAdministrators(declared: DeclaredServer, live: LiveState, declaredRoles: ReadonlyMap<string, DeclaredServer['roles'][number]>, add: (check: AuditCheck, subject: string, message: string) => void, notes: string[]): string[] {
  const trusted: string[] = [];
  // Azure makes each Entra administrator a member of azure_pg_admin (pgaadauth_create_principal with isAdmin): a label alone,
  // which whoever administers the server may write, is no proof (adversarial run adv72a, A72-28). Azure's own azure_pg_admin only.
  const adminGroup = live.roles.find((r) => r.name === AZURE_ADMIN_GROUP);
  const madeByAzure = (role: string) => adminGroup !== undefined && isAzureOrPredefinedRole(adminGroup)
    && live.memberships.some((m) => m.role === AZURE_ADMIN_GROUP && m.member === role);
  for (const [role, label] of [...live.entraLabels].sort()) {
    if (!isAdministratorLabel(label) || declared.administrators.includes(role)) continue;
    const declaredRole = declaredRoles.get(role);
    if (declaredRole !== undefined) {
      add('undeclared-administrator', role, `Role ${quoted(role)} is labelled an Entra administrator of the server, but the stack declares it as ${declaredRole.address}: it is judged as that role.`);
    } else if (declared.unresolvedAdministrators > 0 && madeByAzure(role)) {
      trusted.push(role);
    } else if (declared.unresolvedAdministrators > 0) {
      add('undeclared-administrator', role, `Role ${quoted(role)} is labelled an Entra administrator of the server, but is not a member of ${quoted(AZURE_ADMIN_GROUP)}, as Azure makes every Entra administrator: the label was written by hand, and the role is judged as any other role.`);
    } else {
      add('undeclared-administrator', role, `Role ${quoted(role)} is labelled an Entra administrator of the server, which the stack does not declare: it is judged as any other role.`);
    }
  }
  if (trusted.length > 0) {
    notes.push(`${trusted.length} role(s) labelled as Entra administrators (${trusted.map(quoted).join(', ')}) were taken as administrators on trust: the stack does not name all of its administrators (some are known only at apply time).`);
  }
  return trusted;
}

function checkEntraLabels(declared: DeclaredServer, live: LiveState, add: (check: AuditCheck, subject: string, message: string) => void, notes: string[]): void {
  // A label on a role the stack maps to no Entra principal (a password member, a group role) is a second way in (ninth review, A9-14).
  for (const role of declared.roles) {
    const label = live.entraLabels.get(role.name);
    if (role.entraObjectId !== undefined || label === undefined || isAdministratorLabel(label)) continue;
    const objectId = liveObjectId(label) ?? 'unknown';
    add('entra-label-unexpected', role.name, `Role ${quoted(role.name)} is declared without an Entra principal (${role.address}) but is mapped to Entra principal ${quoted(objectId)}: that identity may sign in as it.`);
  }
  const entraRoles = declared.roles.filter((role) => role.entraObjectId !== undefined);
  // No label at all is no reason to skip: whoever may write labels removes them all as easily as one, and a server without the
  // stack's Entra mappings is not as the stack declares it, whatever the reason (adversarial run adv74a, D74-8).
  if (live.entraLabels.size === 0 && (entraRoles.length > 0 || (declared.entraAdministrators ?? []).length > 0)) {
    notes.push('The server has no pgaadauth security label at all, though the stack declares Entra sign-in: each Entra role and administrator it declares is reported without its label (the server is not the stack\'s, Entra ID sign-in is off, or the labels were removed).');
  }
  // An object ID from a variable or reference is known only at apply time: the report names the roles not compared (A9-15).
  const uncompared: string[] = [];
  for (const role of entraRoles) {
    if (!live.roles.some((r) => r.name === role.name)) continue;
    const label = live.entraLabels.get(role.name);
    const objectId = label === undefined ? undefined : liveObjectId(label);
    if (objectId === undefined) {
      add('entra-label-missing', role.name, `Role ${quoted(role.name)} is declared for Entra principal ${role.entraObjectId} but has no pgaadauth label.`);
    } else if (role.entraObjectId!.includes('${')) {
      uncompared.push(role.name);
    } else if (objectId.toLowerCase() !== role.entraObjectId!.toLowerCase()) {
      add('entra-label-mismatch', role.name, `Role ${quoted(role.name)} is mapped to Entra principal ${objectId}, not ${role.entraObjectId}.`);
    }
  }
  if (uncompared.length > 0) {
    notes.push(`${uncompared.length} Entra mapping(s) have object IDs known only at apply time (${uncompared.map(quoted).join(', ')}): they were not compared, and the role(s) may be mapped to another Entra principal than the stack declares.`);
  }
}

/**
 * The Entra administrators the stack declares, as their pgaadauth labels map them, labels or none on the server (D74-8): Azure
 * labels each with its principal's object ID and ",admin". An administrator is exempt from the role checks by its name,
 * so a role of that name mapped to another principal (adversarial run adv73a, D73-10), or with no label at all, a password login
 * made under the administrator's name (D73-11), holds an administrator's rights unseen.
 */
function checkAdministratorLabels(declared: DeclaredServer, live: LiveState, add: (check: AuditCheck, subject: string, message: string) => void, notes: string[]): void {
  const uncompared: string[] = [];
  const entraNames = new Set((declared.entraAdministrators ?? []).map((admin) => admin.name));
  for (const admin of declared.entraAdministrators ?? []) {
    if (!live.roles.some((r) => r.name === admin.name)) continue;
    const label = live.entraLabels.get(admin.name);
    const objectId = label === undefined ? undefined : liveObjectId(label);
    const declaredId = admin.objectId ?? '${unknown}';
    if (objectId === undefined) {
      add('entra-label-missing', admin.name, `Role ${quoted(admin.name)} is declared the server's Entra administrator (${admin.address}) but has no pgaadauth label: it is not that Entra principal but a role that bears its name and signs in otherwise (a password), with an administrator's rights. Drop it and apply the stack, so that Azure makes the administrator.`);
    } else if (declaredId.includes('${')) {
      uncompared.push(admin.name);
    } else if (objectId.toLowerCase() !== declaredId.toLowerCase() || !isAdministratorLabel(label!)) {
      add('entra-label-mismatch', admin.name, `Role ${quoted(admin.name)}, the server's Entra administrator (${admin.address}), is labelled ${quoted(label!)}: not Entra principal ${declaredId} as an administrator, as the stack declares. Whoever that label names signs in as the administrator: write the label back (SECURITY LABEL FOR pgaadauth ON ROLE ...) or drop the role and apply the stack.`);
    }
  }
  // The password administrator is no Entra principal: a label on it lets that principal sign in as it (D74-7).
  const password = declared.passwordAdministrator;
  const passwordLabel = password === undefined || entraNames.has(password.name) ? undefined : live.entraLabels.get(password.name);
  if (password !== undefined && passwordLabel !== undefined) {
    add('entra-label-unexpected', password.name, `Role ${quoted(password.name)}, the server's password administrator (administrator_login of ${password.address}), is labelled ${quoted(passwordLabel)}: Entra principal ${quoted(liveObjectId(passwordLabel) ?? 'unknown')} signs in as it, with an administrator's rights.`);
  }
  if (uncompared.length > 0) {
    notes.push(`${uncompared.length} Entra administrator(s) have object IDs known only at apply time (${uncompared.map(quoted).join(', ')}): their labels were not compared, and they may be mapped to another Entra principal than the stack declares.`);
  }
}

/**
 * Password sign-in: every login role that is not Entra (by label or by declaration), Azure's, or an
 * administrator has a password that expires, no later than the stack's rotation allows; a role the stack declares NOLOGIN cannot sign in; an
 * Entra role has no valid_until, which only a password uses (seventh review, A7-11). The password
 * itself (pg_authid) is not readable by an Azure administrator: one given to an Entra role without
 * an expiry stays unseen.
 */
function checkPasswords(declared: DeclaredServer, live: LiveState, exempt: (name: string) => boolean, add: (check: AuditCheck, subject: string, message: string) => void): void {
  const declaredEntra = new Set(declared.roles.filter((role) => role.entraObjectId !== undefined).map((role) => role.name));
  // A role the stack declares without an Entra mapping stays a password (or group) role whatever its label says (A9-14).
  const declaredOther = new Set(declared.roles.filter((role) => role.entraObjectId === undefined).map((role) => role.name));
  const declaredGroups = new Map(declared.roles.filter((role) => !role.login).map((role) => [role.name, role.address]));
  const lifetimes = new Map(declared.roles.map((role) => [role.name, role.passwordLifetimeMs]));
  for (const role of live.roles) {
    if (exempt(role.name)) continue;
    const group = declaredGroups.get(role.name);
    if (role.login && group !== undefined) add('group-role-login', role.name, `Role ${quoted(role.name)} is declared a group role (NOLOGIN, ${group}) but can sign in: a password or an Entra label on it gives the group's rights to whoever signs in as it.`);
    const entra = declaredEntra.has(role.name) || (live.entraLabels.has(role.name) && !declaredOther.has(role.name));
    if (entra && role.validUntil !== null) add('entra-role-password', role.name, `Entra role ${quoted(role.name)} has valid_until ${role.validUntil}, which only a password uses: it was given a password, a sign-in beside Entra ID.`);
    if (!role.login || entra) continue;
    if (role.expired) add('password-expired', role.name, `The password of ${quoted(role.name)} expired on ${role.validUntil}.`);
    else if (role.validUntil === null) add('password-without-expiry', role.name, `Password role ${quoted(role.name)} has no valid_until: its password never expires.`);
    else checkExpiryBound(role, lifetimes.get(role.name), add);
  }
}

/** Leeway for the clocks of the Terraform runner and the server. */
const CLOCK_LEEWAY_MS = 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** A password valid for longer than the stack's rotation period and grace had its expiry pushed out by hand (ninth review, A9-3). */
function checkExpiryBound(role: LiveRole, lifetimeMs: number | undefined, add: (check: AuditCheck, subject: string, message: string) => void): void {
  if (lifetimeMs === undefined || role.validForSeconds === null || role.validForSeconds * 1000 <= lifetimeMs + CLOCK_LEEWAY_MS) return;
  add('password-expiry-too-late', role.name, `The password of ${quoted(role.name)} is valid until ${role.validUntil}, later than the stack allows: at most ${Math.round(lifetimeMs / DAY_MS)} days from now (its rotation period and grace).`);
}

/**
 * Privileges granted to roles: to a login role only through its group roles (so every grant to
 * one is drift, unless the stack declares it), to a group role of the stack only what the stack
 * declares for it. Grants to Azure's roles and the administrators are not judged.
 */
function checkGrants(declared: DeclaredServer, database: string, grants: readonly LiveGrant[], live: LiveState, exempt: (name: string) => boolean, add: (check: AuditCheck, subject: string, message: string) => void): void {
  const login = new Map(live.roles.map((role) => [role.name, role.login]));
  const groups = new Set(declared.roles.filter((role) => !role.login).map((role) => role.name));
  // A group the stack does not declare gives what it holds to its login members, through any chain (adversarial run adv73a, D73-2).
  const reaching = new Map<string, string[]>();
  const loginsOf = (group: string) => reaching.get(group)
    ?? reaching.set(group, membersOf(live.memberships, group).filter((member) => login.get(member) === true && !exempt(member))).get(group)!;
  const byObject = new Map<string, { check: AuditCheck; grantee: string; object: string; privileges: string[] }>();
  for (const grant of grants) {
    if (exempt(grant.grantee) || declaresGrant(declared, database, grant)) continue;
    const check: AuditCheck | undefined = login.get(grant.grantee) === true ? 'direct-privilege'
      : groups.has(grant.grantee) || loginsOf(grant.grantee).length > 0 ? 'group-privilege' : undefined;
    if (check === undefined) continue;
    const object = `${grant.kind} ${quoted(grant.object)}`;
    const key = JSON.stringify([check, grant.grantee, object]);
    const entry = byObject.get(key) ?? { check, grantee: grant.grantee, object, privileges: [] };
    entry.privileges.push(grant.grantable ? `${grant.privilege} WITH GRANT OPTION` : grant.privilege);
    byObject.set(key, entry);
  }
  for (const { check, grantee, object, privileges } of byObject.values()) {
    const subject = `${database}: ${grantee} on ${object}`;
    if (check === 'direct-privilege') {
      add(check, subject, `Login role ${quoted(grantee)} holds ${privileges.join(', ')} on ${object} in database ${quoted(database)}, granted directly instead of through a group role.`);
    } else if (groups.has(grantee)) {
      add(check, subject, `Group role ${quoted(grantee)} holds ${privileges.join(', ')} on ${object} in database ${quoted(database)}, which the stack does not declare.`);
    } else {
      add(check, subject, `Group role ${quoted(grantee)}, which the stack does not declare, holds ${privileges.join(', ')} on ${object} in database ${quoted(database)}: its login members ${loginsOf(grantee).map(quoted).join(', ')} hold it through it.`);
    }
  }
}

/**
 * Owners of the objects of a managed database: the administrators, Azure's roles and the owners
 * the stack declares may own them; a group role also when it is the database's owner level (the
 * role whose new objects the stack's default privileges cover: DatabaseAccess's <database>_owner),
 * except the database itself and NOT_THE_OWNER_LEVELS. Any other owner's members hold every right on the object.
 */
/**
 * What the owner level may not own: the database, and what is the database's more than its data: an extension (its owner drops
 * it, pgaudit with its auditing, or pg_cron with its jobs: adversarial run adv72a, A72-16), a procedural language, a foreign-data
 * wrapper and a foreign server (their owners change the code or credentials behind them for every role).
 */
const NOT_THE_OWNER_LEVELS: readonly string[] = ['database', 'extension', 'language', 'foreign data wrapper', 'foreign server'];

/**
 * What the message says of a system object (pg_catalog, information_schema) a role of a user's owns: no level may own one
 * (adversarial run adv73a, D73-3, D73-6).
 */
const SYSTEM_OWNED = 'it is PostgreSQL\'s own, which every role\'s queries use: its owner uses it with every right (the owner of pg_read_file reads the server\'s files), grants it to any role, and may alter or drop it for every role. Give it back to the bootstrap superuser (ALTER ... OWNER TO it; on Azure, ask support).';

function checkOwners(declared: DeclaredServer, database: LiveDatabase, exempt: (name: string) => boolean, add: (check: AuditCheck, subject: string, message: string) => void): void {
  const ownerLevel = new Set(declared.defaultPrivileges.filter((d) => d.database === database.name).map((d) => d.owner));
  for (const owned of database.owners) {
    if (exempt(owned.owner) || declaresOwner(declared, database.name, owned.kind, owned.object, owned.owner)) continue;
    if (!owned.login && owned.system !== true && !NOT_THE_OWNER_LEVELS.includes(owned.kind) && ownerLevel.has(owned.owner)) continue;
    const object = `${owned.kind} ${quoted(owned.object)}`;
    if (owned.system === true) {
      add(owned.login ? 'owned-by-login' : 'owned-by-group-role', `${database.name}: ${object}`, `${owned.login ? 'Login' : 'Group'} role ${quoted(owned.owner)} owns ${object} in database ${quoted(database.name)}: ${SYSTEM_OWNED}`);
    } else if (!owned.login && owned.kind !== 'database' && ownerLevel.has(owned.owner)) {
      add('owned-by-group-role', `${database.name}: ${object}`, `Group role ${quoted(owned.owner)}, the owner level, owns ${object} in database ${quoted(database.name)}, which the stack does not declare: its members may drop or replace it for every role (an extension's owner drops pgaudit or pg_cron, and what needs it with CASCADE; a language's or foreign-data wrapper's changes the code behind it; a foreign server's makes user mappings for any role).`);
    } else if (owned.login) {
      add('owned-by-login', `${database.name}: ${object}`, `Login role ${quoted(owned.owner)} owns ${object} in database ${quoted(database.name)}, which the stack does not declare.`);
    } else {
      add('owned-by-group-role', `${database.name}: ${object}`, `Group role ${quoted(owned.owner)} owns ${object} in database ${quoted(database.name)}, which the stack does not declare: its members hold every right on it.`);
    }
  }
}

/**
 * The messages of the definer executions no grant of the stack declares, by kind: an event trigger fires for every role's DDL
 * command (A96c-2, A96d-2), a range type's support function runs as PostgreSQL plans a query on the type (A96d-5), and before
 * PostgreSQL 16 a subscription's apply worker writes as the subscription's owner whatever code the table's owner adds (A96c-4).
 */
const UNDECLARABLE_RUNS: { readonly [kind: string]: (run: DefinerExecution, database: string) => string } = {
  'event trigger function': (run, database) => `Every role fires SECURITY DEFINER event trigger function ${quoted(run.object)} with any DDL command (a CREATE TEMP TABLE is one) in database ${database}, which runs with the rights of its owner ${quoted(run.owner)}.`,
  'event trigger code': (run, database) => `Role ${quoted(run.executor)} owns function ${quoted(run.object)}, which runs for every role's DDL command in database ${database}: it may replace the function and run its code with the rights of whoever runs DDL there, the event trigger's owner ${quoted(run.owner)} among them.`,
  'type support function': (run, database) => `Every role that uses the type runs SECURITY DEFINER function ${quoted(run.object)} when PostgreSQL plans or indexes a query on it, EXECUTE or not, in database ${database}, which runs with the rights of its owner ${quoted(run.owner)}.`,
  view: (run, database) => `Role ${quoted(run.executor)} uses view ${quoted(run.object)} in database ${database}, which reads its tables with the rights of its owner ${quoted(run.owner)}, an administrator or Azure's role: through it the role reads (and, if the view is updatable, writes) what ${quoted(run.owner)} may, beyond what the stack grants it. Make the view security_invoker (ALTER VIEW ... SET (security_invoker = on)), give it to the owner level, or revoke the role's privileges on it.`,
  'materialized view': (run, database) => `Role ${quoted(run.executor)} reads materialized view ${quoted(run.object)} in database ${database}, which holds what its owner ${quoted(run.owner)}, an administrator or Azure's role, read: beyond what the stack grants the role. Give it to the owner level, or revoke the role's privileges on it.`,
  rule: (run, database) => `Role ${quoted(run.executor)} writes the relation of ${quoted(run.object)} in database ${database}: the rule's actions run with the rights of the relation's owner ${quoted(run.owner)}, an administrator or Azure's role, whatever the role may do itself. Drop the rule (a trigger runs as the writer), give the relation to the owner level, or revoke the role's write.`,
  'cron job code': (run, database) => `Role ${quoted(run.executor)} owns function ${quoted(run.object)} in database ${database}, which the job runs as ${quoted(run.owner)}, an administrator or Azure's role: it may replace the function and run its code with the rights of ${quoted(run.owner)} at the job's next run. Give the function to the job's role, or schedule the job as a role of the stack.`,
  'index code': (run, database) => `Role ${quoted(run.executor)} owns function ${quoted(run.object)} in database ${database}, which runs with the rights of the table's owner ${quoted(run.owner)}, an administrator or Azure's role, when it writes the table and at each ANALYZE, VACUUM or REINDEX (autovacuum runs them as the owner): it may replace the function and run its code with those rights. Give the function to ${quoted(run.owner)}, or drop the index, statistics or column that uses it.`,
  subscription: (run, database) => `Subscription table ${quoted(run.object)} in database ${database} is written as the subscription's owner ${quoted(run.owner)}: before PostgreSQL 16 the code its owner ${quoted(run.executor)} gives the table (an ENABLE ALWAYS or REPLICA trigger, a default, a check, an index expression), now or later, runs with the rights of ${quoted(run.owner)}. Make the table's owner the subscription's, or upgrade and keep run_as_owner off.`,
};

/**
 * What reaches data with its owner's rights, judged only when an administrator or Azure's role owns it: relations, the
 * code a pg_cron job runs (its owner: the job's role; a job of a stack role runs with no more than the stack gives that role)
 * and the code of an index (its owner: the table's).
 */
const OWNER_RIGHTS_KINDS: readonly string[] = ['view', 'materialized view', 'rule', 'cron job code', 'index code'];

/**
 * A SECURITY DEFINER routine runs with its owner's rights for whoever may execute it: a role other
 * than its owner may, only where the stack grants EXECUTE on that routine by name. A level's grant
 * on every function of a schema, or the owner level's default privileges, give every later
 * routine to the readers, the owner's rights with it (seventh review, A7-12).
 */
function checkDefinerExecutions(declared: DeclaredServer, database: Pick<LiveDatabase, 'name' | 'definerExecutions' | 'routines'>, exempt: (name: string) => boolean, add: (check: AuditCheck, subject: string, message: string) => void): void {
  for (const run of database.definerExecutions) {
    // PUBLIC's EXECUTE by an extension's script (pgaudit's C functions) lets every role run it already: a level's grant
    // on every function of the schema, made after CREATE EXTENSION, adds nothing (A27b-1).
    if (run.publicByScript === true || exempt(run.executor)) continue;
    // A view reads, and a rule writes, what its owner may: the owner level's are its design (it owns what they reach); an
    // administrator's reach beyond what the stack grants (adversarial run of stop 67, d01).
    if (OWNER_RIGHTS_KINDS.includes(run.kind) && !exempt(run.owner)) continue;
    const object = `${run.kind} ${quoted(run.object)}`;
    const subject = `${database.name}: ${run.executor} on ${object}`;
    // Code no grant the stack makes can declare: it runs whatever EXECUTE says (96th run).
    const undeclarable = UNDECLARABLE_RUNS[run.kind];
    if (undeclarable !== undefined) {
      add('definer-execute', subject, undeclarable(run, quoted(database.name)));
      continue;
    }
    if (declaresRoutine(declared, database, run)) continue;
    if (run.kind === 'foreign key action') {
      add('definer-execute', subject, `Role ${quoted(run.executor)} runs function ${quoted(run.object)} in database ${quoted(database.name)} when it writes the referenced table: the foreign key action writes the referencing table as its owner, and the function runs with the rights of ${quoted(run.owner)}.`);
      continue;
    }
    // A trigger's function fires for whoever writes its table, EXECUTE or not; an aggregate runs its support functions as its owner (A92d-1).
    const how = run.kind === 'trigger function' ? `fires SECURITY DEFINER ${object} when it writes the table` : `may execute SECURITY DEFINER ${object}`;
    add('definer-execute', subject, `Role ${quoted(run.executor)} ${how} in database ${quoted(database.name)}, which runs with the rights of its owner ${quoted(run.owner)}.`);
  }
}

/**
 * Whether the stack grants EXECUTE on this very routine to the role: one of the grant's objects
 * resolves to it by name and argument types ("f(text)" is not "f(text, boolean)"), or by a name
 * that only it bears.
 */
function declaresRoutine(declared: DeclaredPrivileges, database: Pick<LiveDatabase, 'name' | 'routines'>, run: DefinerExecution): boolean {
  // A trigger's or a foreign key action's function is a function to GRANT: the stack's EXECUTE on it by name says it was
  // reviewed and the writer may run it (94th run, A94a-4: else a reviewed schema could never audit clean).
  const kind = run.kind === 'trigger function' || run.kind === 'foreign key action' ? 'function' : run.kind;
  return declared.grants.some((d) => d.role === run.executor && d.database === database.name && d.privileges.includes('EXECUTE')
    && (d.objectType === kind || d.objectType === 'routine') && d.schema === run.schema
    && d.objects.some((object) => database.routines.some((routine) => routine.schema === d.schema && routine.object === object && routine.oid === run.oid)));
}

/** PostgreSQL's default for PUBLIC on a database (acldefault): not drift on Azure's own databases. */
const DEFAULT_PUBLIC_DATABASE_PRIVILEGES = ['CONNECT', 'TEMPORARY'];

/**
 * The server's databases the stack does not declare, that a role of the stack owns or holds a
 * privilege on, or that PUBLIC may connect to: every database of the server is managed, and PUBLIC's
 * CONNECT (PostgreSQL's default) lets every login in. A copy made with CREATE DATABASE ... TEMPLATE
 * holds the managed data and grants (ninth review, A9-10). Azure's own databases (postgres,
 * azure_maintenance, azure_sys, the templates) keep PUBLIC's default: reported only for more.
 */
function checkUndeclaredDatabases(declared: DeclaredServer, live: LiveState, exempt: (name: string) => boolean, azureLogins: ReadonlySet<string>, add: (check: AuditCheck, subject: string, message: string) => void): void {
  const declaredDatabases = new Set([...declared.databases, ...declared.owners.filter((d) => d.kind === 'database').map((d) => d.name)]);
  const ofStack = stackRole(declared, exempt);
  for (const database of live.serverDatabases) {
    if (declaredDatabases.has(database.name)) continue;
    const azureOwn = AZURE_DATABASES.includes(database.name);
    const azureLogin = azureLoginHolder(azureLogins, database.name);
    const reasons = ofStack(database.owner) ? [`the stack's role ${quoted(database.owner)} owns it`] : [];
    const held = new Map<string, string[]>();
    for (const { grantee, privilege } of database.privileges) {
      const holder = grantee === null ? 'PUBLIC' : azureLogin(grantee) ? `Azure's login ${quoted(grantee)}` : `the stack's role ${quoted(grantee)}`;
      const publicDefault = azureOwn ? DEFAULT_PUBLIC_DATABASE_PRIVILEGES.includes(privilege) : privilege === 'TEMPORARY';
      if (grantee === null ? publicDefault : !ofStack(grantee) && !azureLogin(grantee)) continue;
      appendTo(held, holder, privilege);
    }
    for (const [holder, privileges] of held) reasons.push(`${holder} holds ${privileges.join(', ')} on it`);
    if (reasons.length > 0) add('undeclared-database', database.name, `Database ${quoted(database.name)} is not declared in the stack, but ${reasons.join('; ')}.`);
  }
}

/**
 * pg_settings.source of a value a session default set: the server's own value is not what the session shows, nor can any role
 * but a superuser read it (pg_file_settings). Each with the default it is and how to reset it, of the auditing role $role.
 */
const SESSION_DEFAULT_SOURCES: { readonly [source: string]: (role: string, name: string) => string } = {
  user: (role, name) => `of the auditing role (ALTER ROLE ${quotedWithEscapes(role)} RESET ${name})`,
  database: (_role, name) => `of the database the audit connects to (ALTER DATABASE <database> RESET ${name}, or audit from another --database)`,
  'database user': (role, name) => `of the auditing role in the database it connects to (ALTER ROLE ${quotedWithEscapes(role)} IN DATABASE <database> RESET ${name})`,
  session: () => 'of the session',
  // ALTER ROLE ALL SET: every role's sessions, the audit's too (adversarial run adv74a, D74-2).
  global: (_role, name) => `of every role (ALTER ROLE ALL RESET ${name})`,
};

/** Why a server parameter the audit compares could not be: its session's value is a session default's, which hides the server's (D73-8). */
function maskedBy(live: LiveState, name: string, source: string): string | undefined {
  const which = ownValue(SESSION_DEFAULT_SOURCES, source);
  return which === undefined ? undefined
    : `the server's ${name} was not compared: the audit's session has it from a session default ${which(live.currentUser, name)}, which hides the server's value`;
}

/**
 * The server's pgaudit.log against what the stack declares for it (the library's default where it declares none): pgaudit
 * installed in every database logs nothing while the server's pgaudit.log is 'none', or while pgaudit is not loaded
 * (shared_preload_libraries), and the extension rows look the same (adversarial run adv72a, A72-14). More classes than declared
 * are not drift. A value the audit's session has from a session default hides the server's, even the declared value: the audit
 * is then incomplete (exit 2), not clean with a note (adversarial run adv73a, D73-8); that session-setting judges such a default
 * harmless says nothing of the server's value.
 */
function checkPgauditLog(declared: DeclaredServer, live: LiveState, add: (check: AuditCheck, subject: string, message: string) => void, notes: string[], unchecked: string[]): void {
  if (live.pgauditLog === undefined || declared.databases.length === 0) return;
  if (live.pgauditLog === null) {
    add('pgaudit-log', 'pgaudit.log', 'pgaudit is not loaded on the server (it is not in shared_preload_libraries): it logs nothing, whatever its extensions and pgaudit.log say.');
    return;
  }
  if (declared.pgauditLog === undefined) {
    notes.push('The server\'s pgaudit.log was not compared: the stack declares it only at apply time, or the server is not one of the stack\'s.');
    return;
  }
  const { log, source } = live.pgauditLog;
  const masked = maskedBy(live, 'pgaudit.log', source);
  if (masked !== undefined) {
    unchecked.push(masked);
    return;
  }
  const wanted = pgauditLoggedClasses(declared.pgauditLog) ?? [];
  const logged = pgauditLoggedClasses(log) ?? [];
  const missing = wanted.filter((c) => !logged.includes(c));
  if (missing.length > 0) {
    add('pgaudit-log', 'pgaudit.log', `The server's pgaudit.log is ${quoted(log)}, which leaves out ${missing.join(', ')}: the stack declares ${quoted(declared.pgauditLog)}.`);
  }
}

/**
 * The server parameters the stack sets (SERVER_PARAMETERS) against pg_settings: a server with log_connections off or
 * password_encryption md5 looked clean while only pgaudit.log was compared (adversarial run adv73a, D73-7), and one with another
 * log_line_prefix or pgaudit.log_statement off while only seven were (adv74a, D74-3). Where the stack sets none, the value is judged
 * on its own (server-logging.ts): pgaudit.log_statement off, log_destination without a log file, and so on. A parameter the server
 * does not have (Azure's own, elsewhere) is not compared, with a note; one the audit's session has from a session default is not the
 * server's, whatever its value: the audit is incomplete (D73-8).
 */
function checkServerParameters(declared: DeclaredServer, live: LiveState, add: (check: AuditCheck, subject: string, message: string) => void, notes: string[], unchecked: string[]): void {
  if (declared.serverParameters === undefined || declared.databases.length === 0) return;
  const rows = live.serverParameters ?? [];
  const values = new Map(rows.map(({ name, setting, type }) => [name, normalParameter(name, setting, type)]));
  for (const { name, setting, type, source } of rows) {
    const wanted = ownValue(declared.serverParameters, name);
    const value = values.get(name)!;
    const weakness = wanted === undefined ? loggingWeakness(name, value, values) : undefined;
    const masked = maskedBy(live, name, source);
    // A default with the declared value hides the server's as well as any other (D73-8).
    if (masked !== undefined && (wanted !== undefined || SERVER_LOGGING.some((p) => p.name === name))) unchecked.push(masked);
    if (masked !== undefined) continue;
    if (weakness !== undefined) add('server-parameter', name, `The server's ${name} is ${quoted(setting)}: ${weakness}.`);
    if (wanted !== undefined && normalParameter(name, wanted, type) !== value) {
      add('server-parameter', name, `The server's ${name} is ${quoted(setting)}: the stack declares ${quoted(wanted)}.`);
    }
  }
  for (const name of Object.keys(declared.serverParameters).filter((name) => !values.has(name))) {
    notes.push(`The server has no parameter ${name} (the stack declares ${quoted(declared.serverParameters[name])}): it was not compared. Azure's own parameters (azure.*) exist only on Azure, pgaudit's only where pgaudit is loaded.`);
  }
}

/**
 * A parameter's value as pg_settings spells it: a boolean on or off; log_line_prefix as written, whose escapes are case-sensitive
 * (%p and %P differ) and whose blanks are kept; anything else in lower case.
 */
function normalParameter(name: string, value: string, type: string): string {
  if (name === 'log_line_prefix') return value;
  const lower = value.trim().toLowerCase();
  if (type !== 'bool') return lower;
  return ['on', 'true', 'yes', '1', 't', 'y'].includes(lower) ? 'on' : 'off';
}

/**
 * Session defaults (ALTER ROLE/DATABASE ... SET) that weaken the logging of the sessions they start, judged as
 * PGD-LOG-2 judges them in the stack (session-settings.ts): pgaudit.log = 'none' for one login leaves it
 * unaudited while every server parameter is right (twenty-second review, A22a-6). Every role's and database's,
 * the administrators' too; not those of Azure's own roles (Azure's, as for the other checks), but its replication login's, for
 * which Azure sets none (adversarial run adv74a, D74-9).
 */
function checkSessionSettings(live: LiveState, azureOwn: ReadonlySet<string>, add: (check: AuditCheck, subject: string, message: string) => void): void {
  for (const setting of live.sessionSettings) {
    if (setting.role !== null && (azureOwn.has(setting.role) || setting.role.startsWith('pg_'))) continue;
    const { role, database } = setting;
    // ALTER ROLE ALL SET (neither role nor database) applies to every session of the server.
    const where = role === null ? (database === null ? 'every role (ALTER ROLE ALL)' : `database ${quoted(database)}`) : `role ${quoted(role)}${database === null ? '' : ` in database ${quoted(database)}`}`;
    const name = setting.name.toLowerCase();
    const message = IDENTITY_SETTINGS.includes(name) ? identityFinding(setting.name, setting.value, where)
      : name === 'search_path' ? searchPathFinding(setting.value, where) : settingFinding(setting.name, setting.value, where);
    if (message !== undefined) add('session-setting', `${where}: ${setting.name}`, message);
  }
}

/**
 * Session defaults that change who a session runs as: role (any member of the role may give itself one) and session_authorization
 * (a superuser's). The sessions they start run with another role's rights, and the log and the catalogs name that role, not the one
 * that signed in; the audit's own sessions undo them (session.ts), as an audit run as another role sees another view (A72-20).
 */
const IDENTITY_SETTINGS: readonly string[] = ['role', 'session_authorization'];

function identityFinding(name: string, value: string, where: string): string {
  return sentence(`${where} starts its sessions with ${name} = ${quoted(value)}: they run as ${quoted(value)}, with its rights, and what they do is logged and owned as done by it, not by the role that signed in.`);
}

/**
 * A search_path default that names pg_catalog after another schema (pg_temp aside, which is the session's own): PostgreSQL then
 * resolves an unqualified function or operator in that schema before the built-in, and whoever may create there (the owner level
 * in public) makes lower(text) run its code with the rights of each session the default starts, an administrator's too
 * (adversarial run adv73a, D73-9). Without pg_catalog in it, PostgreSQL searches pg_catalog first.
 */
function searchPathFinding(value: string, where: string, runs = 'starts its sessions with', whose = 'the session'): string | undefined {
  const schemas = value.split(',').map((item) => item.trim().replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));
  const before = schemas.slice(0, Math.max(schemas.indexOf('pg_catalog'), 0)).filter((schema) => schema !== 'pg_temp');
  if (before.length === 0) return undefined;
  return sentence(`${where} ${runs} search_path = ${quoted(value)}, which puts ${before.map(quoted).join(', ')} before pg_catalog: an unqualified function or operator (lower(), =) resolves first to one of that name there, and runs its code with the rights of ${whose}, for whoever may create in that schema. Put pg_catalog first, or leave it out (PostgreSQL then searches it first).`);
}

/** The finding's message for a setting that weakens logging, judged as PGD-LOG-2 judges a session default; undefined when it does not. */
function settingFinding(name: string, value: string, where: string): string | undefined {
  const verdict = judgeSessionSetting(name, value, where);
  if (verdict === undefined || verdict.status === 'pass') return undefined;
  return sentence(verdict.status === 'fail' ? verdict.message : verdict.status === 'unknown' ? `${verdict.note}.` : '');
}

/** A message as a sentence: its first letter upper case. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * The settings routines run with (ALTER FUNCTION ... SET), judged as session defaults: every call of
 * a function that sets pgaudit.log = 'none' runs unaudited, by anyone who may execute it (PUBLIC, by
 * default). Every routine of a managed database, an extension's too (twenty-seventh run, A27b-2). Its search_path is judged as a
 * session default's.
 */
function checkRoutineSettings(database: LiveDatabase, add: (check: AuditCheck, subject: string, message: string) => void): void {
  for (const setting of database.routineSettings) {
    const where = `${setting.kind} ${quoted(setting.object)} in database ${quoted(database.name)} (its own setting, for every call)`;
    // Its search_path, as a session default's: the code it calls unqualified may be the owner level's (adversarial run adv74a, D74-1).
    const message = setting.name.toLowerCase() === 'search_path'
      ? searchPathFinding(setting.value, where, 'runs every call with', 'whoever calls it (its owner\'s, if SECURITY DEFINER)')
      : settingFinding(setting.name, setting.value, where);
    if (message !== undefined) add('session-setting', `${database.name}: ${setting.kind} ${quoted(setting.object)}: ${setting.name}`, message);
  }
}

/**
 * The predefined role whose one member is the owner of the current database, whoever that is: no
 * pg_auth_members row records it (twenty-eighth run).
 */
const DATABASE_OWNER = 'pg_database_owner';

/**
 * SET or ALTER SYSTEM on any parameter (PostgreSQL 15+'s GRANT ... ON PARAMETER, pg_parameter_acl),
 * held by PUBLIC, a role other than Azure's and the predefined ones, pg_database_owner (the owner of
 * each database, in its sessions), or another predefined role one of whose members, through any chain
 * of memberships (pg_auth_members), is neither Azure's nor predefined: the role may set pgaudit.log =
 * 'none' (SET) for its own sessions, or for the server (ALTER SYSTEM), at will. Not only the logging settings a session default is
 * judged on (session-settings.ts): the stack grants no parameter privilege, and ALTER SYSTEM on archive_command or
 * shared_preload_libraries runs the holder's code on the server (adversarial run adv74a, D74-4). The administrators' are reported too, as their
 * session defaults are (twenty-seventh run, A27b-2), and so are those they inherit through a
 * predefined role (an administrator made a member of pg_monitor, or through azure_pg_admin).
 */
function checkParameterPrivileges(live: LiveState, azureRoles: ReadonlySet<string>, add: (check: AuditCheck, subject: string, message: string) => void): void {
  const held = new Map<string, { grantee: string | null; name: string; privileges: string[] }>();
  const ownOrAzure = (role: string) => azureRoles.has(role) || role.startsWith('pg_');
  const inheritor = (role: string): string | undefined => membersOf(live.memberships, role).find((member) => !ownOrAzure(member));
  const inheritors = new Map<string, string | undefined>();
  for (const p of live.parameterPrivileges) {
    if (p.grantee !== null && p.grantee !== DATABASE_OWNER && ownOrAzure(p.grantee)) {
      // Azure's own (azureRoles holds the predefined roles too).
      if (!p.grantee.startsWith('pg_')) continue;
      if (!inheritors.has(p.grantee)) inheritors.set(p.grantee, inheritor(p.grantee));
      if (inheritors.get(p.grantee) === undefined) continue;
    }
    const key = JSON.stringify([p.grantee, p.name]);
    const entry = held.get(key) ?? { grantee: p.grantee, name: p.name, privileges: [] };
    entry.privileges.push(p.privilege);
    held.set(key, entry);
  }
  for (const { grantee, name, privileges } of held.values()) {
    const member = grantee === null ? undefined : inheritors.get(grantee);
    const holder = grantee === null ? 'PUBLIC' : `Role ${quoted(grantee)}${grantee === DATABASE_OWNER ? ' (each database\'s owner, in its sessions)' : member !== undefined ? ` (its member ${quoted(member)} inherits it)` : ''}`;
    add('parameter-privilege', `${grantee === null ? 'PUBLIC' : grantee}: ${name}`,
      `${holder} holds ${privileges.join(', ')} on parameter ${quoted(name)}, ${parameterPower(name)}.`);
  }
}

/** What a privilege on a parameter lets its holder do, for the finding's message. */
function parameterPower(name: string): string {
  const access = ownValue(ACCESS_SETTINGS, name.toLowerCase());
  if (access !== undefined) return access;
  if (touchesLogging(name)) return 'a logging setting: it may change it itself (SET for its own sessions, ALTER SYSTEM for the server\'s) and escape the server\'s logging';
  return 'a privilege the stack never grants: SET lets it set the parameter in its own sessions where PostgreSQL lets only a superuser (session_preload_libraries loads a library into them), ALTER SYSTEM lets it set the server\'s (archive_command runs a shell command as the server\'s operating-system user, shared_preload_libraries loads a library into every process), a server-level power';
}

/** The settings session-settings.ts judges that weaken access control, not logging, and what the privilege on one lets a role do (A72-25). */
const ACCESS_SETTINGS: { readonly [name: string]: string } = {
  lo_compat_privileges: 'an access-control setting: it may turn it on itself (SET for its own sessions, ALTER SYSTEM for the server\'s) and skip the privilege checks on large objects',
  session_replication_role: 'an access-control setting: it may set it to replica itself (SET for its own sessions, ALTER SYSTEM for the server\'s) and stop ordinary triggers, rules and foreign-key checks',
};

/** What PUBLIC holds on one object, and who owns it. */
interface PublicHolding {
  readonly kind: PublicPrivilege['kind'];
  readonly owner: PublicPrivilege['owner'];
  readonly privileges: string[];
}

/**
 * What PUBLIC holds, by object ("kind \"name\""): not what an extension's script gave PUBLIC on its own
 * objects (pg_stat_statements' views); a role of the stack never owns what a script makes, so there it
 * is a grant tied to the extension by hand (A27b-1). Of a schema or relation, only what the shipped
 * table says a script grants: ALTER EXTENSION ... ADD records a grant made before it as initial too
 * (A28b-3). Routines keep their own reading (SCRIPT_EXECUTE: untrusted languages only).
 */
function publicHoldings(rows: readonly PublicPrivilege[], stackRoles: ReadonlySet<string>): Map<string, PublicHolding> {
  const byObject = new Map<string, PublicHolding>();
  for (const p of rows) {
    if (p.initial === true && (p.owner === undefined || !stackRoles.has(p.owner)) && (DEFINER_KINDS.includes(p.kind) || grantedByScript(p))) continue;
    const object = `${p.kind} ${quoted(p.object)}`;
    const holding = byObject.get(object) ?? { kind: p.kind, owner: p.owner, privileges: [] };
    holding.privileges.push(p.privilege);
    byObject.set(object, holding);
  }
  return byObject;
}

/**
 * A database the stack does not manage but its roles may connect to (PUBLIC's CONNECT or a declared
 * role's), Azure's included, judged as a managed one for what any login may use there: PUBLIC's
 * CREATE on a schema (on PostgreSQL 13 and 14 the default on schema public, where a read-only login
 * could store tables or functions: ninth review, A9-17), PUBLIC's other privileges (a SECURITY DEFINER
 * routine runs as its owner for every login: A92d-4; a table every login writes is a drop box), the
 * privileges granted to the roles, and the routines and foreign key actions they may run with another
 * role's rights (93rd run, A93a-1). Not the privileges on the database itself (undeclared-database
 * judges them) nor PUBLIC's USAGE on schemas, and not what a superuser owns: only Azure can make such objects.
 * One the audit could not read is unread, not a note only: a default that ends the auditor's session there
 * would hide all of it (93rd run, A93a-3).
 */
function checkPublicCreate(declared: DeclaredServer, live: LiveState, stackRoles: ReadonlySet<string>, exempt: (name: string) => boolean, azureLogins: ReadonlySet<string>, add: (check: AuditCheck, subject: string, message: string) => void, notes: string[], unread: string[]): void {
  const ofStack = stackRole(declared, exempt);
  const superusers = new Set(live.roles.filter((role) => role.superuser).map((role) => role.name));
  for (const database of live.serverDatabases) {
    const read = database.publicCreate;
    // Azure's replication login judged as a role of the stack, where Azure gives it nothing (D74-6).
    const azureLogin = azureLoginHolder(azureLogins, database.name);
    const judged = (role: string) => ofStack(role) || azureLogin(role);
    if (read === undefined || !database.privileges.some((p) => p.privilege === 'CONNECT' && (p.grantee === null || judged(p.grantee)))) continue;
    if ('unreadable' in read) {
      notes.push(`Database ${quoted(database.name)}, which the stack's roles may connect to, could not be read (${quoted(read.unreadable)}): PUBLIC's CREATE on its schemas and EXECUTE on its SECURITY DEFINER routines were not checked, so the audit is incomplete.`);
      unread.push(database.name);
      continue;
    }
    const where = `in database ${quoted(database.name)}, which the stack does not manage but its roles may connect to`;
    for (const schema of read.schemas) {
      add('public-privilege', `${database.name}: schema ${quoted(schema)}`, `PUBLIC holds CREATE on schema ${quoted(schema)} ${where}.`);
    }
    const held = (read.publicPrivileges ?? []).filter((p) => p.kind !== 'database' && p.kind !== 'schema' && !(p.owner != null && superusers.has(p.owner)));
    for (const [object, { kind, owner, privileges }] of publicHoldings(held, stackRoles)) {
      const definer = DEFINER_KINDS.includes(kind);
      add('public-privilege', `${database.name}: ${object}`, `PUBLIC holds ${privileges.join(', ')} on ${object} ${where}${definer ? `: it runs with the rights of its owner ${quoted(owner ?? '?')} for every role` : ''}.`);
    }
    checkGrants(declared, database.name, (read.grants ?? []).filter((grant) => grant.kind !== 'database'), live, (role) => exempt(role) && !azureLogin(role), add);
    checkDefinerExecutions(declared, { name: database.name, definerExecutions: read.definerExecutions ?? [], routines: [] }, exempt, add);
    checkUserMappings(database.name, read.userMappings ?? [], exempt, add);
    checkStoredPasswords(database.name, read.storedPasswords ?? [], add);
    checkCatalogPrivileges(database.name, read.catalogPrivileges ?? [], exempt, add, ': the stack does not manage the database, but its roles may connect to it');
    // What a role the stack declares owns there is a store the stack does not know of (a read-only login's writable table:
    // adversarial run adv72a, A72-17); the database itself is undeclared-database's.
    for (const owned of (read.owners ?? []).filter((o) => o.kind !== 'database' && judged(o.owner))) {
      const object = `${owned.kind} ${quoted(owned.object)}`;
      const role = owned.login ? `Login role ${quoted(owned.owner)}` : `Group role ${quoted(owned.owner)}`;
      const what = owned.system === true ? SYSTEM_OWNED : `a store the stack does not declare, which ${owned.login ? 'it' : 'its members'} may write and grant to any role.`;
      add(owned.login ? 'owned-by-login' : 'owned-by-group-role', `${database.name}: ${object}`, `${role} owns ${object} ${where}: ${what}`);
    }
  }
}

/**
 * Privileges on a database's system catalog that PostgreSQL does not give (CATALOG_PRIVILEGES_SQL), but an administrator's or
 * Azure's: a managed database's, and one's the stack's roles may connect to, where a grant on a shared catalog (pg_authid) reads
 * the whole server's (adversarial runs adv72a, A72-3, and adv73a, D73-4, D73-5). unmanaged: what the message says of the latter.
 */
function checkCatalogPrivileges(database: string, privileges: readonly CatalogPrivilege[], exempt: (name: string) => boolean, add: (check: AuditCheck, subject: string, message: string) => void, unmanaged = ''): void {
  for (const p of privileges) {
    if (p.grantee !== null && exempt(p.grantee)) continue;
    const holder = p.grantee === null ? 'PUBLIC' : `Role ${quoted(p.grantee)}`;
    add('catalog-privilege', `${database}: ${p.grantee ?? 'PUBLIC'} on ${p.kind} ${quoted(p.object)}`, `${holder} holds ${p.privilege} on system ${p.kind} ${quoted(p.object)} in database ${quoted(database)}, which PostgreSQL does not give (neither its default nor an initial privilege in pg_init_privs)${unmanaged}.`);
  }
}

/**
 * User mappings for PUBLIC or for a role of the stack: the stack declares none, and querying a
 * foreign table signs in to its server with the querying role's mapping (PUBLIC's when it has none
 * of its own), USAGE on the server or not; a role that may read a foreign table an administrator
 * made reads the remote data as whoever the credentials name (adversarial run of stop 67, d04, d05).
 * An administrator's or Azure's own mapping is theirs.
 */
function checkUserMappings(database: string, mappings: readonly UserMapping[], exempt: (name: string) => boolean, add: (check: AuditCheck, subject: string, message: string) => void): void {
  for (const { server, role } of mappings) {
    if (role !== null && exempt(role)) continue;
    const who = role === null ? 'PUBLIC (every role without a mapping of its own)' : `Role ${quoted(role)}`;
    add('user-mapping', `${database}: ${role ?? 'PUBLIC'} on ${server}`, `${who} has a user mapping for foreign server ${quoted(server)} in database ${quoted(database)}, which the stack does not declare: it signs in to the remote server with the mapping's credentials whenever it queries a foreign table of that server.`);
  }
}

/** Stored texts PostgreSQL describes with their kind (pg_describe_object). */
const DESCRIBED: readonly string[] = ['constraint', 'rule', 'policy', 'trigger'];

/**
 * Connection strings with a password in the catalog (stored-passwords.ts), whoever wrote them: every role
 * that may connect reads them (pg_proc, pg_views) and signs in as whoever they name, and a routine or
 * view that connects with them signs in its callers so (adversarial run of stop 68, u02).
 */
function checkStoredPasswords(database: string, stored: readonly StoredPassword[], add: (check: AuditCheck, subject: string, message: string) => void): void {
  for (const { kind, object } of stored) {
    // PostgreSQL's description of a constraint, rule, policy or trigger names its kind ("trigger t on table public.x").
    const what = kind === 'comment' ? `The comment on ${quoted(object)}` : DESCRIBED.includes(kind) ? `The ${quoted(object)}` : `The ${kind} ${quoted(object)}`;
    add('stored-password', `${database}: ${kind} ${object}`, `${what} in database ${quoted(database)} holds a connection string with a password (not shown): every role that may connect reads it from the catalog and may sign in as the role it names; code that connects with it signs its callers in as that role.`);
  }
}

/**
 * pg_cron's jobs. One of an administrator or Azure's role in a managed database runs, with that role's
 * rights, whatever code the owner level hangs on what its statements touch: triggers, rules, defaults,
 * operators that outrank a built-in, the functions of views and indexes, and what those call, any of
 * which the owner level may change; no reading of the command can rule that out (adversarial run of
 * stop 68, c01, c03, c06, c08), so the job itself is reported. In another database, the functions its
 * command calls that another role owns are (definer-execute, CRON_JOB_CODE_SQL). The notes say what
 * the audit could not see: jobs it could not read, and those of other roles, which pg_cron's row-level
 * security hides from all but a superuser.
 */
function checkCronJobs(declared: DeclaredServer, live: LiveState, exempt: (name: string) => boolean, add: (check: AuditCheck, subject: string, message: string) => void, notes: string[], unread: string[]): void {
  const { cronJobs } = live;
  if ('unreadable' in cronJobs) {
    // In a managed database the jobs are judged whole: unread, they are as an unread database, and the audit is incomplete (A72-21).
    const managed = declared.databases.includes(cronJobs.database);
    notes.push(`pg_cron's jobs in database ${quoted(cronJobs.database)} could not be read (${quoted(cronJobs.unreadable)}): the functions they call were not checked${managed ? ', nor the jobs of the managed database, so the audit is incomplete' : ''}.`);
    if (managed && !unread.includes(cronJobs.database)) unread.push(cronJobs.database);
    return;
  }
  for (const job of cronJobs.jobs) {
    if (!declared.databases.includes(job.database) || !exempt(job.username)) continue;
    add('definer-execute', `${job.database}: cron job ${job.name}`, `pg_cron job ${quoted(job.name)} runs as ${quoted(job.username)}, an administrator or Azure's role, in managed database ${quoted(job.database)}: its statements run the code the owner level hangs on what they touch (triggers, rules, defaults, operators, the functions of views and indexes), which the owner level may change, with the rights of ${quoted(job.username)}. Schedule it as the owner level (SET ROLE to it before cron.schedule), whose rights the code it runs has already, or drop it.`);
  }
  const auditor = live.roles.find((role) => role.name === live.currentUser);
  if (cronJobs.database !== null && auditor?.superuser !== true) {
    notes.push(`pg_cron shows each role only its own jobs: the jobs of roles other than ${quoted(live.currentUser)} were not read; audit as each administrator to check theirs.`);
  }
}

/** The members of a role, through any chain of memberships (pg_auth_members), nearest first. */
function membersOf(memberships: LiveState['memberships'], role: string): string[] {
  const seen = new Set([role]);
  const queue = [role];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const m of memberships) {
      if (m.role !== next || seen.has(m.member)) continue;
      seen.add(m.member);
      queue.push(m.member);
    }
  }
  return [...seen].slice(1);
}

/**
 * Azure's own internal databases: what Azure gives its logins there is not known, so it is not judged. Elsewhere Azure gives its
 * replication login nothing (adversarial run adv74a, D74-6).
 */
const AZURE_INTERNAL_DATABASES: readonly string[] = ['azure_maintenance', 'azure_sys'];

/** Whether a role is one of Azure's logins (replication) judged as a holder in this database: one outside Azure's internal ones. */
function azureLoginHolder(azureLogins: ReadonlySet<string>, database: string): (role: string) => boolean {
  return (role) => azureLogins.has(role) && !AZURE_INTERNAL_DATABASES.includes(database);
}

/** Whether a role is one the stack declares (not Azure's or an administrator). */
function stackRole(declared: DeclaredServer, exempt: (name: string) => boolean): (role: string) => boolean {
  return (role) => !exempt(role) && declared.roles.some((d) => d.name === role);
}

/** Whether the stack's grants or default privileges give this live privilege (with the grant option, if it has it). */
function declaresGrant(declared: DeclaredPrivileges, database: string, grant: LiveGrant): boolean {
  const gives = (d: { role: string; database: string; privileges: readonly string[]; withGrantOption: boolean }) =>
    d.role === grant.grantee && d.database === database && d.privileges.includes(grant.privilege) && (d.withGrantOption || !grant.grantable);
  if (grant.kind === 'default privileges') {
    return declared.defaultPrivileges.some((d) => gives(d) && d.owner === grant.detail && (d.schema ?? null) === grant.schema && d.objectType === grant.name);
  }
  // Default privileges on functions cover procedures too (PostgreSQL has no ON PROCEDURES): the owner level's new routines get
  // EXECUTE from them (adversarial run adv73a, D73-1).
  const byDefault = (grant.kind === 'function' || grant.kind === 'procedure')
    && declared.defaultPrivileges.some((d) => gives(d) && d.owner === grant.detail && (d.schema === undefined || d.schema === grant.schema) && d.objectType === 'function');
  return byDefault || declared.grants.some((d) => gives(d) && coversObject(d, grant));
}

/** Whether a declared grant names the live grant's object. */
function coversObject(declared: DeclaredPrivileges['grants'][number], grant: LiveGrant): boolean {
  // A routine may be named with its arguments, "f(integer)": compared by name.
  const named = declared.objects.length === 0 || declared.objects.some((object) => object.replace(/\(.*$/, '').trim() === grant.name);
  switch (grant.kind) {
    case 'database': return declared.objectType === 'database';
    case 'schema': return declared.objectType === 'schema' && declared.schema === grant.name;
    case 'column': return declared.objectType === 'column' && declared.schema === grant.schema && declared.objects.includes(grant.name) && declared.columns.includes(grant.detail ?? '');
    case 'function':
    case 'procedure': return (declared.objectType === grant.kind || declared.objectType === 'routine') && declared.schema === grant.schema && named;
    // Database-wide objects: the provider's object_type spells them with underscores and takes no schema.
    case 'foreign data wrapper': return declared.objectType === 'foreign_data_wrapper' && named;
    case 'foreign server': return declared.objectType === 'foreign_server' && named;
    // The provider grants nothing on a large object.
    case 'large object':
    case 'large objects': return false;
    default: return declared.objectType === grant.kind && declared.schema === grant.schema && named;
  }
}

/** Whether the stack creates this database or schema with this owner. */
function declaresOwner(declared: DeclaredPrivileges, database: string, kind: string, object: string, owner: string): boolean {
  return declared.owners.some((d) => d.owner === owner && d.kind === kind && d.name === object && (d.kind === 'database' || d.database === database));
}

/**
 * A name from the server, quoted as JSON: its own quotes, line breaks and escapes (\u001b) cannot end it or forge a line; and its
 * characters outside printable ASCII escaped beside it, so that a look-alike letter or an unusual space reads apart (93rd run, A93a-4).
 */
function quoted(name: string): string {
  return quotedWithEscapes(name);
}

function pair(role: string, member: string): string {
  return JSON.stringify([role, member]);
}
