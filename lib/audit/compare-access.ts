import { isSystemRole } from '../database/reserved-role-names';
import { DeclaredServer } from './declared-access';
import { LiveRole, LiveState } from './live-state';

/** The kinds of drift the audit reports, each with what to do about it. */
export const AUDIT_CHECKS = {
  'dangerous-attribute': 'Remove the attribute (ALTER ROLE ... NOSUPERUSER NOCREATEROLE ...): only Azure\'s roles and the server\'s administrators may hold it.',
  'undeclared-login': 'Declare the role in the stack (a DatabaseAccess role) or drop it.',
  'undeclared-membership': 'Declare the membership in the stack or revoke it (REVOKE <role> FROM <member>).',
  'missing-role': 'Apply the stack: the role it declares does not exist.',
  'missing-membership': 'Apply the stack: the role lacks a membership the stack declares.',
  'entra-label-missing': 'Apply the stack: the role is not mapped to its Entra principal (pgaadauth security label).',
  'entra-label-mismatch': 'Apply the stack: the role is mapped to another Entra principal than the stack declares.',
  'password-expired': 'Rotate the password: apply the stack (its time_rotating resource is due).',
  'password-without-expiry': 'Give the password an expiry (valid_until), as DatabasePrincipal.password does, or use Entra ID.',
  'public-privilege': 'Revoke it from PUBLIC; give access through group roles.',
  'missing-database': 'Apply the stack: the database it manages does not exist.',
  'missing-pgaudit': 'Apply the stack (CREATE EXTENSION pgaudit in the database), so DDL is audited with object names.',
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
}

const ATTRIBUTES: readonly [keyof LiveRole, string][] = [
  ['superuser', 'SUPERUSER'],
  ['createRole', 'CREATEROLE'],
  ['createDatabase', 'CREATEDB'],
  ['replication', 'REPLICATION'],
  ['bypassRls', 'BYPASSRLS'],
];

/**
 * Compares a live server with what the stack declares for it. Azure's roles and the predefined
 * pg_* roles are never reported; the server's administrators (named in the stack, or labelled
 * as Entra administrators by Azure) may hold role attributes and memberships.
 */
export function compareAccess(declared: DeclaredServer, live: LiveState): AuditResult {
  const findings: AuditFinding[] = [];
  const notes: string[] = [];
  const add = (check: AuditCheck, subject: string, message: string) => findings.push({ check, subject, message });

  const administrators = new Set(declared.administrators);
  for (const [role, label] of live.entraLabels) if (label.split(',').includes('admin')) administrators.add(role);
  const exempt = (name: string) => isSystemRole(name) || administrators.has(name);
  const declaredRoles = new Map(declared.roles.map((role) => [role.name, role]));
  const liveRoles = new Map(live.roles.map((role) => [role.name, role]));
  const declaredPairs = new Set(declared.roles.flatMap((role) => role.memberOf.map((group) => pair(group, role.name))));
  const livePairs = new Set(live.memberships.map((m) => pair(m.role, m.member)));

  for (const role of live.roles) {
    if (exempt(role.name)) continue;
    const held = ATTRIBUTES.filter(([key]) => role[key] === true).map(([, label]) => label);
    if (held.length > 0) add('dangerous-attribute', role.name, `Role "${role.name}" has ${held.join(', ')}.`);
    if (role.login && !declaredRoles.has(role.name)) add('undeclared-login', role.name, `Login role "${role.name}" is not declared in the stack.`);
  }
  for (const membership of live.memberships) {
    if (exempt(membership.member) || declaredPairs.has(pair(membership.role, membership.member))) continue;
    add('undeclared-membership', `${membership.member} in ${membership.role}`, `"${membership.member}" is a member of "${membership.role}", which the stack does not declare.`);
  }
  for (const role of declared.roles) {
    if (!liveRoles.has(role.name)) {
      add('missing-role', role.name, `Role "${role.name}" is declared (${role.address}) but does not exist.`);
      continue;
    }
    for (const group of role.memberOf) {
      if (!livePairs.has(pair(group, role.name))) add('missing-membership', `${role.name} in ${group}`, `"${role.name}" is declared a member of "${group}" but is not.`);
    }
  }

  checkEntraLabels(declared, live, add, notes);
  checkPasswords(declared, live, exempt, add);

  for (const database of live.databases) {
    if (!database.exists) {
      add('missing-database', database.name, `Database "${database.name}" is managed by the stack but does not exist.`);
      continue;
    }
    if (!database.pgaudit) add('missing-pgaudit', database.name, `Database "${database.name}" has no pgaudit extension.`);
    const byObject = new Map<string, string[]>();
    for (const p of database.publicPrivileges) {
      const key = `${p.kind} "${p.object}"`;
      byObject.set(key, [...(byObject.get(key) ?? []), p.privilege]);
    }
    for (const [object, privileges] of byObject) {
      add('public-privilege', `${database.name}: ${object}`, `PUBLIC holds ${privileges.join(', ')} on ${object} in database "${database.name}".`);
    }
  }

  if (declared.unresolvedRoles > 0) {
    notes.push(`${declared.unresolvedRoles} declared role(s) have names known only at apply time: they were not compared, and may be among the roles reported as undeclared.`);
  }
  return { findings, notes };
}

function checkEntraLabels(declared: DeclaredServer, live: LiveState, add: (check: AuditCheck, subject: string, message: string) => void, notes: string[]): void {
  const entraRoles = declared.roles.filter((role) => role.entraObjectId !== undefined);
  if (entraRoles.length === 0) return;
  if (live.entraLabels.size === 0) {
    notes.push('The server has no pgaadauth security label at all (not an Azure server, or Entra ID sign-in is off): the Entra mappings of the declared roles were not checked.');
    return;
  }
  for (const role of entraRoles) {
    if (!live.roles.some((r) => r.name === role.name)) continue;
    const label = live.entraLabels.get(role.name);
    const objectId = label === undefined ? undefined : /(?:^|,)oid=([^,]+)/.exec(label)?.[1];
    if (objectId === undefined) {
      add('entra-label-missing', role.name, `Role "${role.name}" is declared for Entra principal ${role.entraObjectId} but has no pgaadauth label.`);
    } else if (!role.entraObjectId!.includes('${') && objectId.toLowerCase() !== role.entraObjectId!.toLowerCase()) {
      add('entra-label-mismatch', role.name, `Role "${role.name}" is mapped to Entra principal ${objectId}, not ${role.entraObjectId}.`);
    }
  }
}

/** Password logins: every login role that is not Entra (by label or by declaration), Azure's, or an administrator. */
function checkPasswords(declared: DeclaredServer, live: LiveState, exempt: (name: string) => boolean, add: (check: AuditCheck, subject: string, message: string) => void): void {
  const declaredEntra = new Set(declared.roles.filter((role) => role.entraObjectId !== undefined).map((role) => role.name));
  for (const role of live.roles) {
    if (!role.login || exempt(role.name) || live.entraLabels.has(role.name) || declaredEntra.has(role.name)) continue;
    if (role.expired) add('password-expired', role.name, `The password of "${role.name}" expired on ${role.validUntil}.`);
    else if (role.validUntil === null) add('password-without-expiry', role.name, `Password role "${role.name}" has no valid_until: its password never expires.`);
  }
}

function pair(role: string, member: string): string {
  return JSON.stringify([role, member]);
}
