import { isToken } from '../private/tokens';
import { checkPattern } from '../private/validate';
import { ValidationError } from '../private/validation-error';

/** Names Azure reserves (azurerm validate/admin_usernames.go), compared case-insensitively. */
const RESERVED_LOGINS = ['azure_superuser', 'azure_pg_admin', 'admin', 'administrator', 'root', 'guest', 'public'];
const LOGIN = /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/;

/** The fix when a login is missing (its field is required in the props' shape). */
export const LOGIN_REQUIRED_FIX = 'give a login such as "pgadmin_ops"';

export function checkAdministratorLogin(prop: string, login: string): void {
  checkPattern('LOGIN-FORMAT', prop, login, LOGIN, 'is not a valid login', 'use 1-63 letters, digits or "_", starting with a letter or "_"');
  checkNotReservedLogin('LOGIN-RESERVED', prop, login);
}

/** Refuses the names Azure keeps for itself; Entra logins ("team@contoso.com") get only this check. */
export function checkNotReservedLogin(code: 'LOGIN-RESERVED' | 'ENTRA-PRINCIPAL-RESERVED', prop: string, login: string): void {
  if (isToken(login)) return;
  const lower = login.toLowerCase();
  if (RESERVED_LOGINS.includes(lower) || lower.startsWith('pg_')) {
    throw new ValidationError(code, prop, login, 'is reserved by Azure', 'choose another name: not admin, administrator, root, guest, public, azure_superuser, azure_pg_admin, nor one starting with pg_');
  }
}
