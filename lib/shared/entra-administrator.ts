import { POSTGRES_NAME_FIX, postgresNameProblem } from '../private/postgres-name';
import { member, optional, required, struct, text } from '../private/shape';
import { isToken } from '../private/tokens';
import { checkOneOf, checkPattern, checkUuid } from '../private/validate';
import { ValidationError } from '../private/validation-error';

/** The kind of Entra ID principal that administers a server. */
export enum EntraPrincipalType {
  /** A single user account. */
  USER = 'User',
  /** A security group: recommended, so admins change without touching the server. */
  GROUP = 'Group',
  /** A service principal or managed identity, e.g. for a deployment pipeline. */
  SERVICE_PRINCIPAL = 'ServicePrincipal',
}

/** An Entra ID (Azure AD) principal that administers the server. */
export interface EntraAdministrator {
  /** Object ID of the user, group or service principal in Entra ID. */
  readonly objectId: string;
  /**
   * Display name of the principal: the user principal name, group name or application name.
   * Azure makes it the name of the principal's PostgreSQL role: 1-63 bytes of visible characters,
   * without double quotes, "${" or "%{", or surrounding spaces.
   */
  readonly principalName: string;
  /** Kind of principal. */
  readonly principalType: EntraPrincipalType;
  /**
   * Tenant of the principal, which must be the server's tenant. A principal of another tenant
   * administers the server as a guest of the server's tenant; another literal tenant is refused.
   * @default - the server's `tenantId`
   */
  readonly tenantId?: string;
}

/** The fix for a missing or unknown principal type. */
export const PRINCIPAL_TYPE_FIX = 'use EntraPrincipalType.USER, GROUP or SERVICE_PRINCIPAL';

/** An Entra principal's object ID: required, and a reference may stand for it. */
export const OBJECT_ID_FIELD = required(text(), 'give the object ID of the principal in Entra ID');

export const ENTRA_ADMINISTRATOR = struct('EntraAdministrator', {
  objectId: OBJECT_ID_FIELD,
  principalName: required(text(), 'give the display name of the user, group or application'),
  principalType: required(member('EntraPrincipalType', 'EntraPrincipalType.GROUP'), PRINCIPAL_TYPE_FIX),
  tenantId: optional(text()),
});

/** The fix when no administrator is listed. */
export const ENTRA_ADMINISTRATORS_FIX = 'add { objectId, principalName, principalType: EntraPrincipalType.GROUP } for the group that administers the server';

/** Refuses an empty list, malformed administrators and the same principal twice. */
export function validateEntraAdministrators(prop: string, admins: readonly EntraAdministrator[]): void {
  if (admins.length === 0) {
    throw new ValidationError(
      'ENTRA-ADMINS-EMPTY',
      prop,
      admins,
      'must list at least one Entra administrator',
      ENTRA_ADMINISTRATORS_FIX,
    );
  }
  const seen = new Set<string>();
  admins.forEach((admin, index) => {
    const at = `${prop}[${index}]`;
    validateEntraAdministrator(at, admin);
    const key = admin.objectId.toLowerCase();
    if (seen.has(key)) {
      throw new ValidationError('ENTRA-OBJECT-ID-DUPLICATE', `${at}.objectId`, admin.objectId, 'is listed twice', 'list each administrator once');
    }
    seen.add(key);
  });
}

/** Refuses a malformed object ID or tenant ID, a blank or malformed name and an unknown principal type. */
export function validateEntraAdministrator(prop: string, admin: EntraAdministrator): void {
  checkUuid('ENTRA-OBJECT-ID-FORMAT', `${prop}.objectId`, admin.objectId);
  checkUuid('TENANT-ID-FORMAT', `${prop}.tenantId`, admin.tenantId);
  checkPrincipalName(`${prop}.principalName`, admin.principalName, 'give the display name of the user, group or application');
  checkPrincipalType(`${prop}.principalType`, admin.principalType);
}

/**
 * Refuses an Entra principal's name that is blank, or that the role Azure makes of it could not
 * take: a literal is held to the rules DatabaseAccess role names follow. A reference is Azure's to judge.
 */
export function checkPrincipalName(prop: string, name: string, blankFix: string): void {
  checkPattern('ENTRA-PRINCIPAL-NAME-BLANK', prop, name, /\S/, 'is blank', blankFix);
  const problem = isToken(name) ? undefined : postgresNameProblem(name);
  if (problem !== undefined) {
    throw new ValidationError('ENTRA-PRINCIPAL-NAME-FORMAT', prop, name, problem, `give the principal's display name, which Azure makes the name of its PostgreSQL role: ${POSTGRES_NAME_FIX}`);
  }
}

/**
 * Refuses an administrator's tenant that is not the server's (both literals): Azure signs the
 * server's administrators in through the server's tenant only. A reference is judged where it is given.
 */
export function checkAdministratorTenant(prop: string, admin: EntraAdministrator, serverTenantId: string): void {
  const tenant = admin.tenantId;
  if (tenant === undefined || isToken(tenant) || isToken(serverTenantId) || tenant.toLowerCase() === serverTenantId.toLowerCase()) return;
  throw new ValidationError('ENTRA-ADMIN-TENANT', `${prop}.tenantId`, tenant, `is not the server's tenantId ${JSON.stringify(serverTenantId)}`, 'leave it out (it defaults to the server\'s tenantId); a principal of another tenant administers the server as a guest of the server\'s tenant');
}

/** Refuses a principal type that is not an EntraPrincipalType member (a JavaScript caller or a cast). */
export function checkPrincipalType(prop: string, type: EntraPrincipalType): void {
  checkOneOf('ENTRA-PRINCIPAL-TYPE', prop, type, Object.values(EntraPrincipalType), PRINCIPAL_TYPE_FIX);
}
