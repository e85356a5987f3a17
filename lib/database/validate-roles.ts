import { SecureFlexibleServer } from '../flexible-server/secure-flexible-server';
import { ResourceIdKind, checkResourceId } from '../private/resource-id';
import { isToken } from '../private/tokens';
import { checkIntegerRange, checkJustification, checkOneOf, checkUuid } from '../private/validate';
import { Unshown, ValidationError } from '../private/validation-error';
import { checkPrincipalType } from '../shared/entra-administrator';
import { ACCESS_LEVELS, AccessLevel } from './access-level';
import type { DatabaseRole } from './database-access';
import { EntraPrincipalOptions, PasswordPrincipalOptions } from './database-principal';
import { asConstructId, checkRoleName, sameConstructId } from './names';
import { ACCESS_LEVEL_FIX } from './props-shape';

/** A password member after validation, with the defaults applied. */
export interface ResolvedPassword {
  readonly rotateEveryDays: number;
  readonly expiryGraceDays: number;
  readonly justification: string;
  readonly keyVaultResourceId?: string;
}

/** A login role after validation: exactly one of entra and password is set. */
export interface ResolvedRole {
  readonly name: string;
  readonly database: string;
  readonly access: AccessLevel;
  readonly entra?: EntraPrincipalOptions;
  readonly password?: ResolvedPassword;
}

/** What the roles are checked against. */
export interface RoleContext {
  readonly server: SecureFlexibleServer;
  readonly databases: readonly string[];
  readonly groupRoles: readonly string[];
  readonly principalName: string;
}

export const DEFAULT_EXPIRY_GRACE_DAYS = 7;

/** Checks the values of the roles, whose types the props' shape has checked. */
export function resolveRoles(roles: readonly DatabaseRole[], context: RoleContext): ResolvedRole[] {
  const seen = new Set<string>();
  const ids = new Map<string, string>();
  return roles.map((role, index) => {
    const prop = `roles[${index}]`;
    const resolved = resolveRole(prop, role, context);
    // References too: the same reference twice is the same name twice, whatever its value.
    const key = resolved.name.toLowerCase();
    if (seen.has(key)) throw new ValidationError('DB-ROLE-NAME-DUPLICATE', `${prop}.name`, resolved.name, 'is used twice (names ignore case)', 'give each role its own name');
    seen.add(key);
    const id = asConstructId(resolved.name);
    const other = ids.get(id);
    if (other !== undefined) throw sameConstructId('DB-ROLE-NAME-DUPLICATE', `${prop}.name`, resolved.name, other);
    ids.set(id, resolved.name);
    return resolved;
  });
}

function resolveRole(prop: string, role: DatabaseRole, context: RoleContext): ResolvedRole {
  const { name, database, access, member } = role;
  checkName(`${prop}.name`, name, context);
  checkManagedDatabase(`${prop}.database`, database, context.databases);
  checkAccessLevel(`${prop}.access`, access);
  const entra = member.entraOptions;
  if (entra !== undefined) {
    checkUuid('ENTRA-OBJECT-ID-FORMAT', `${prop}.member.entra.objectId`, entra.objectId);
    checkPrincipalType(`${prop}.member.entra.principalType`, entra.principalType);
    return { name, database, access, entra };
  }
  if (!context.server.passwordAuthenticationEnabled) {
    throw new ValidationError('DB-PASSWORD-SERVER-MODE', `${prop}.member`, 'DatabasePrincipal.password', 'needs a server in password mode, but the server accepts Entra ID sign-in only',
      'use DatabasePrincipal.entra, or turn password authentication on with FlexibleServerAuthentication.entraAndPassword({ ... }) on the server');
  }
  // The props' shape has made sure that a member without Entra options has password options.
  return { name, database, access, password: checkPassword(`${prop}.member.password`, member.passwordOptions!) };
}

function checkName(prop: string, name: string, context: RoleContext): void {
  if (isToken(name)) return;
  checkRoleName(prop, name);
  if (context.groupRoles.some((group) => group.toLowerCase() === name.toLowerCase())) {
    throw new ValidationError('DB-ROLE-NAME-GROUP', prop, name, 'is the name of a group role this construct creates', 'choose another name; members get their access through the group roles');
  }
  const administrator = administratorNamed(name, context);
  if (administrator !== undefined) throw new ValidationError('DB-ROLE-NAME-ADMIN', prop, name, `is ${administrator}`, 'choose another name');
}

/**
 * Which administrator of the server a member's name is, or undefined: a member's role made under an administrator's name would
 * take that administrator's role, or give a later administrator a role that already has the member's password (65th run, A65a-4).
 */
function administratorNamed(name: string, context: RoleContext): string | undefined {
  const same = (other: unknown) => typeof other === 'string' && !isToken(other) && other.toLowerCase() === name.toLowerCase();
  if (same(context.principalName)) return 'the administrator Terraform signs in as (connectAs)';
  if (context.server.entraAdministratorNames.some(same)) return 'the name of an Entra administrator of the server';
  if (same(context.server.server.administratorLoginInput)) return 'the server\'s password administrator (its administratorLogin)';
  return undefined;
}

/** Refuses a database that is not one of those the DatabaseAccess manages. */
export function checkManagedDatabase(prop: string, database: string, databases: readonly string[]): void {
  // A String object (a JavaScript caller) equals no name: say what is wrong rather than suggest the same text (44th run, A44b-3).
  if ((database as unknown) instanceof String) {
    throw new ValidationError('DB-DATABASE-UNMANAGED', prop, new Unshown('(a String object)'), 'must be a string primitive', `pass it as a string primitive (value.valueOf()), ${oneOf(databases)}`);
  }
  if (!databases.includes(database)) {
    throw new ValidationError('DB-DATABASE-UNMANAGED', prop, database, 'is not one of the databases this DatabaseAccess manages', `use ${oneOf(databases)}`);
  }
}

/** The managed databases, as a fix names them: one of "a", "b". */
export function oneOf(databases: readonly string[]): string {
  return `one of ${databases.map((d) => JSON.stringify(d)).join(', ')}`;
}

/** Refuses an access level that is not an AccessLevel member (a JavaScript caller or a cast). */
export function checkAccessLevel(prop: string, access: AccessLevel): void {
  // Required: a JavaScript caller that leaves it out gets the error, not undefined (44th run, A44b-3); a String object is no member.
  if (access === undefined) throw new ValidationError('DB-ACCESS-LEVEL', prop, access, 'is required', ACCESS_LEVEL_FIX);
  if ((access as unknown) instanceof String) throw new ValidationError('DB-ACCESS-LEVEL', prop, new Unshown('(a String object)'), 'must be a string primitive', ACCESS_LEVEL_FIX);
  checkOneOf('DB-ACCESS-LEVEL', prop, access, ACCESS_LEVELS, ACCESS_LEVEL_FIX);
}

function checkPassword(prop: string, password: PasswordPrincipalOptions): ResolvedPassword {
  checkIntegerRange('DB-PASSWORD-ROTATION', `${prop}.rotateEveryDays`, password.rotateEveryDays, 1, 365);
  checkIntegerRange('DB-PASSWORD-GRACE', `${prop}.expiryGraceDays`, password.expiryGraceDays, 0, 30);
  checkJustification(`${prop}.justification`, password.justification, 'let this member sign in with a password instead of Entra ID');
  checkResourceId(`${prop}.keyVaultResourceId`, password.keyVaultResourceId, ResourceIdKind.KEY_VAULT);
  return {
    rotateEveryDays: password.rotateEveryDays,
    expiryGraceDays: password.expiryGraceDays ?? DEFAULT_EXPIRY_GRACE_DAYS,
    justification: password.justification,
    keyVaultResourceId: password.keyVaultResourceId,
  };
}
