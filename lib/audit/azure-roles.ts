// Which live roles are Azure's own. Their names are no proof: whoever holds CREATEROLE can take a
// name Azure uses where Azure has no such role (localadmin on a server without one, azure_superuser
// on Flexible Server). So a role counts as Azure's only when it is as Azure makes it.
import { ownValue } from '../private/own-keys';
import type { LiveRole } from './live-state';

interface AzureRole {
  /** What Azure makes of the role, for the message about a role that differs. */
  readonly made: string;
  readonly matches: (role: LiveRole) => boolean;
}

/** A superuser: on Azure no customer role can be one, so a role named so without SUPERUSER is not Azure's. */
const SUPERUSER: AzureRole = { made: 'a superuser', matches: (role) => role.superuser };

/** By name, what Azure makes of its roles (AZURE_SYSTEM_ROLES in lib/database/reserved-role-names.ts). */
const AZURE_ROLES: { readonly [name: string]: AzureRole } = {
  azuresu: SUPERUSER,
  azure_superuser: SUPERUSER,
  localadmin: SUPERUSER,
  azure_pg_admin: {
    made: 'a group role (NOLOGIN) without attributes',
    matches: (role) => !role.login && !role.superuser && !role.createRole && !role.createDatabase && !role.replication && !role.bypassRls,
  },
  replication: {
    made: 'a role with REPLICATION and no other attribute',
    // REPLICATION is what makes it Azure's: a login of that name without it is anyone's (92nd run, A92d-3).
    matches: (role) => role.replication && !role.superuser && !role.createRole && !role.createDatabase && !role.bypassRls,
  },
};

/** Whether PostgreSQL (a predefined pg_* role: no one can create a role so named) or Azure made this role. */
export function isAzureOrPredefinedRole(role: LiveRole): boolean {
  return role.name.startsWith('pg_') || ownValue(AZURE_ROLES, role.name)?.matches(role) === true;
}

/** What Azure makes of a role of this name, when this one is named like it but is not so; else undefined. */
export function azureLookAlike(role: LiveRole): string | undefined {
  const azure = ownValue(AZURE_ROLES, role.name);
  return azure === undefined || azure.matches(role) ? undefined : azure.made;
}

/** Names Azure gives its roles, to tell from look-alikes. */
export const AZURE_ROLE_NAMES: readonly string[] = Object.keys(AZURE_ROLES);
