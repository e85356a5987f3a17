import { checkPattern, checkRequired, checkUuid, checkOneOf } from '../private/validate';
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
  /** Display name of the principal: the user principal name, group name or application name. */
  readonly principalName: string;
  /** Kind of principal. */
  readonly principalType: EntraPrincipalType;
  /**
   * Tenant of the principal.
   * @default - the server's `tenantId`
   */
  readonly tenantId?: string;
}

/** Refuses an empty list, malformed administrators and the same principal twice. */
export function validateEntraAdministrators(prop: string, admins: readonly EntraAdministrator[] | undefined): void {
  if (admins === undefined || admins.length === 0) {
    throw new ValidationError(
      prop,
      admins,
      'must list at least one Entra administrator',
      'add { objectId, principalName, principalType: EntraPrincipalType.GROUP } for the group that administers the server',
    );
  }
  const seen = new Set<string>();
  admins.forEach((admin, index) => {
    const at = `${prop}[${index}]`;
    validateEntraAdministrator(at, admin);
    const key = admin.objectId.toLowerCase();
    if (seen.has(key)) {
      throw new ValidationError(`${at}.objectId`, admin.objectId, 'is listed twice', 'list each administrator once');
    }
    seen.add(key);
  });
}

/** Refuses a malformed object ID or tenant ID, a blank name and an unknown principal type. */
export function validateEntraAdministrator(prop: string, admin: EntraAdministrator | undefined): void {
  checkRequired(prop, admin, 'give the Entra ID group or user that administers the server');
  checkRequired(`${prop}.objectId`, admin.objectId, 'give the object ID of the principal in Entra ID');
  checkUuid(`${prop}.objectId`, admin.objectId);
  checkUuid(`${prop}.tenantId`, admin.tenantId);
  checkRequired(`${prop}.principalName`, admin.principalName, 'give the display name of the user, group or application');
  checkPattern(`${prop}.principalName`, admin.principalName, /\S/, 'is blank', 'give the display name of the user, group or application');
  checkRequired(`${prop}.principalType`, admin.principalType, 'use EntraPrincipalType.USER, GROUP or SERVICE_PRINCIPAL');
  checkOneOf(`${prop}.principalType`, admin.principalType, Object.values(EntraPrincipalType), 'use EntraPrincipalType.USER, GROUP or SERVICE_PRINCIPAL');
}
