// Role names that belong to PostgreSQL or to Azure. Pure data: the construct refuses them as
// names (the live audit tells Azure's own roles from look-alikes in lib/audit/azure-roles.ts).

/** Roles Azure creates and manages on a server (its superuser, the administrators' group, replication). */
export const AZURE_SYSTEM_ROLES: readonly string[] = ['azuresu', 'azure_superuser', 'azure_pg_admin', 'replication', 'localadmin'];

/** Names PostgreSQL reserves or treats specially as role names. */
const POSTGRES_RESERVED: readonly string[] = ['public', 'none', 'current_user', 'current_role', 'session_user', 'postgres'];

/** Whether PostgreSQL or Azure owns this name (compared without regard to case): not for a role the library creates. */
export function isReservedRoleName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('pg_') || AZURE_SYSTEM_ROLES.includes(lower) || POSTGRES_RESERVED.includes(lower);
}

