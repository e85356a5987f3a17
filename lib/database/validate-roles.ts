import { Token } from 'cdktf';
import { SecureFlexibleServer } from '../flexible-server/secure-flexible-server';
import { ResourceIdKind, checkResourceId } from '../private/resource-id';
import { reasonProblem } from '../private/reason-text';
import { isToken } from '../private/tokens';
import { checkIntegerRange, checkRequired, checkUuid } from '../private/validate';
import { ValidationError } from '../private/validation-error';
import { EntraPrincipalType } from '../shared/entra-administrator';
import { AccessLevel } from './access-level';
import { DatabasePrincipal, EntraPrincipalOptions } from './database-principal';
import { checkRoleName } from './names';
import { shown } from './shown';

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
const DECIDES_ACCESS = 'is a Terraform expression, known only at apply time, but it decides access and must be known at synth';
const ACCESS_FIX = 'use AccessLevel.READ_ONLY, READ_WRITE or OWNER';
const MEMBER_FIX = 'use DatabasePrincipal.entra({ objectId, principalType }) or DatabasePrincipal.password({ rotateEveryDays, justification })';
const PRINCIPAL_TYPE_FIX = 'use EntraPrincipalType.USER, GROUP or SERVICE_PRINCIPAL';

export function resolveRoles(roles: unknown, context: RoleContext): ResolvedRole[] {
  const fix = 'give a list of { name, database, access, member }, or [] for the group roles only';
  if (isToken(roles)) throw new ValidationError('roles', shown(roles), DECIDES_ACCESS, fix);
  if (!Array.isArray(roles)) throw new ValidationError('roles', shown(roles), 'is not a list of roles', fix);
  const seen = new Set<string>();
  return roles.map((role: unknown, index) => {
    const prop = `roles[${index}]`;
    if (role === null || typeof role !== 'object') throw new ValidationError(prop, role, 'is not a role', 'give { name, database, access, member }');
    const resolved = resolveRole(prop, role as { [key: string]: unknown }, context);
    if (!isToken(resolved.name)) {
      const key = resolved.name.toLowerCase();
      if (seen.has(key)) throw new ValidationError(`${prop}.name`, resolved.name, 'is used twice (names ignore case)', 'give each role its own name');
      seen.add(key);
    }
    return resolved;
  });
}

function resolveRole(prop: string, role: { [key: string]: unknown }, context: RoleContext): ResolvedRole {
  const name = checkName(`${prop}.name`, role.name, context);
  const database = checkDatabase(`${prop}.database`, role.database, context.databases);
  const access = checkAccess(`${prop}.access`, role.access);
  const member = role.member;
  if (!(member instanceof DatabasePrincipal)) throw new ValidationError(`${prop}.member`, shown(member), 'is not a DatabasePrincipal', MEMBER_FIX);
  if (member.entraOptions !== undefined) {
    return { name, database, access, entra: checkEntra(`${prop}.member`, member.entraOptions) };
  }
  if (!context.server.passwordAuthenticationEnabled) {
    throw new ValidationError(`${prop}.member`, 'DatabasePrincipal.password', 'needs a server in password mode, but the server accepts Entra ID sign-in only',
      'use DatabasePrincipal.entra, or turn password authentication on with FlexibleServerAuthentication.entraAndPassword({ ... }) on the server');
  }
  return { name, database, access, password: checkPassword(`${prop}.member`, member.passwordOptions) };
}

function checkName(prop: string, name: unknown, context: RoleContext): string {
  checkRequired(prop, name, 'give the name the member signs in with, e.g. "orders_app"');
  if (isToken(name)) return name as string;
  if (typeof name !== 'string') throw new ValidationError(prop, shown(name), 'is not text', 'give the name the member signs in with, e.g. "orders_app"');
  checkRoleName(prop, name);
  if (context.groupRoles.some((group) => group.toLowerCase() === name.toLowerCase())) {
    throw new ValidationError(prop, name, 'is the name of a group role this construct creates', 'choose another name; members get their access through the group roles');
  }
  if (name.toLowerCase() === context.principalName.toLowerCase()) {
    throw new ValidationError(prop, name, 'is the administrator Terraform signs in as (connectAs)', 'choose another name');
  }
  return name;
}

function checkDatabase(prop: string, database: unknown, databases: readonly string[]): string {
  const fix = `use one of ${databases.map((d) => JSON.stringify(d)).join(', ')}`;
  if (isToken(database)) throw new ValidationError(prop, database, DECIDES_ACCESS, fix);
  if (typeof database !== 'string' || !databases.includes(database)) {
    throw new ValidationError(prop, database, 'is not one of the databases this DatabaseAccess manages', fix);
  }
  return database;
}

function checkAccess(prop: string, access: unknown): AccessLevel {
  if (isToken(access)) throw new ValidationError(prop, access, DECIDES_ACCESS, ACCESS_FIX);
  if (!Object.values(AccessLevel).includes(access as AccessLevel)) throw new ValidationError(prop, access, 'is not supported', ACCESS_FIX);
  return access as AccessLevel;
}

function checkEntra(prop: string, entra: EntraPrincipalOptions): EntraPrincipalOptions {
  checkRequired(`${prop}.objectId`, entra.objectId, 'give the object ID of the principal in Entra ID');
  checkUuid(`${prop}.objectId`, entra.objectId);
  const type: unknown = entra.principalType;
  if (isToken(type)) throw new ValidationError(`${prop}.principalType`, type, DECIDES_ACCESS, PRINCIPAL_TYPE_FIX);
  if (!Object.values(EntraPrincipalType).includes(type as EntraPrincipalType)) {
    throw new ValidationError(`${prop}.principalType`, type, 'is not supported', PRINCIPAL_TYPE_FIX);
  }
  return entra;
}

function checkPassword(prop: string, password: DatabasePrincipal['passwordOptions']): ResolvedPassword {
  checkRequired(prop, password, MEMBER_FIX);
  const days = checkLiteralDays(`${prop}.rotateEveryDays`, password.rotateEveryDays, 1, 365, true);
  const grace = checkLiteralDays(`${prop}.expiryGraceDays`, password.expiryGraceDays, 0, 30, false) ?? DEFAULT_EXPIRY_GRACE_DAYS;
  const problem = reasonProblem(password.justification);
  if (problem !== undefined) {
    throw new ValidationError(`${prop}.justification`, password.justification, problem,
      'say why this member cannot sign in with Entra ID, in at least 10 visible characters, e.g. "Vendor appliance without Entra ID support (SEC-517, review 2027-03)"');
  }
  checkResourceId(`${prop}.keyVaultResourceId`, password.keyVaultResourceId, ResourceIdKind.KEY_VAULT);
  return { rotateEveryDays: days!, expiryGraceDays: grace, justification: password.justification, keyVaultResourceId: password.keyVaultResourceId };
}

/** A number of days that decides when a password changes or expires: a whole literal in range. */
function checkLiteralDays(prop: string, days: unknown, min: number, max: number, required: boolean): number | undefined {
  if (days === undefined && !required) return undefined;
  // A number token prints as a huge negative number; its string form shows it as the expression it is.
  if (isToken(days)) throw new ValidationError(prop, Token.asString(days), DECIDES_ACCESS, `use a whole number from ${min} to ${max}`);
  if (typeof days !== 'number') throw new ValidationError(prop, days, 'is not a number', `use a whole number from ${min} to ${max}`);
  checkIntegerRange(prop, days, min, max);
  return days;
}
