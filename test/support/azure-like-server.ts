import { Client } from 'pg';
import { PostgresCluster, SUPERUSER } from './postgres-cluster';
import { ProviderStep, quoteIdent, TemporaryRoles } from './provider-sql';

// A local cluster set up the way Azure sets up a Flexible Server, as far as roles go: Azure's
// superuser (azuresu, the cluster's bootstrap user), the azure_pg_admin group, an administrator
// who is a member of it with CREATEROLE and CREATEDB but no SUPERUSER, and databases created
// through the Azure API, owned by azure_pg_admin. Then the provider's SQL runs as that
// administrator, as Terraform runs it, with one exception: Azure lets its administrators create
// the extensions allow-listed in azure.extensions (pgaudit among them), which plain PostgreSQL
// lets only a superuser do for an untrusted extension such as pgaudit. So CREATE EXTENSION runs
// as the superuser here, standing in for Azure's allow-list.

export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface AzureLikeServer {
  readonly cluster: PostgresCluster;
  readonly admin: string;
  /** A client signed in as Azure's superuser, for planting drift and for test logins. */
  superuser(database?: string): Promise<Client>;
  /** A client signed in as a role, with its password. */
  connectAs(role: string, password: string, database: string): Promise<Client>;
  /** Runs the provider's steps as the administrator, one transaction per resource. */
  apply(steps: readonly ProviderStep[]): Promise<void>;
  /** Ends every client opened through this object. */
  close(): Promise<void>;
}

export async function azureLikeServer(cluster: PostgresCluster, admin: string, databases: readonly string[]): Promise<AzureLikeServer> {
  const clients: Client[] = [];
  const connect = async (role: string, password: string, database: string) => {
    const client = await cluster.connect(role, password, database);
    clients.push(client);
    return client;
  };
  const root = await connect(SUPERUSER, cluster.superuserPassword, 'postgres');
  await root.query('CREATE ROLE azure_pg_admin NOLOGIN');
  await root.query(`CREATE ROLE ${quoteIdent(admin)} LOGIN NOSUPERUSER CREATEDB CREATEROLE IN ROLE azure_pg_admin PASSWORD '${ADMIN_PASSWORD}'`);
  for (const database of databases) {
    await root.query(`CREATE DATABASE ${quoteIdent(database)} OWNER azure_pg_admin`);
    const inDatabase = await connect(SUPERUSER, cluster.superuserPassword, database);
    // PostgreSQL 14 and older (Azure offers 11 to 14) let PUBLIC create in schema public: start from there.
    await inDatabase.query('GRANT CREATE ON SCHEMA public TO PUBLIC');
  }
  return {
    cluster,
    admin,
    superuser: (database = 'postgres') => connect(SUPERUSER, cluster.superuserPassword, database),
    connectAs: connect,
    apply: async (steps) => {
      for (const step of steps) {
        const allowListed = step.address.startsWith('postgresql_extension.');
        const client = allowListed
          ? await cluster.connect(SUPERUSER, cluster.superuserPassword, step.database)
          : await cluster.connect(admin, ADMIN_PASSWORD, step.database);
        try {
          await applyStep(client, step);
        } catch (error) {
          throw new Error(`${step.address}: ${(error as Error).message}\n${step.statements.join(';\n')}`);
        } finally {
          await client.end();
        }
      }
    },
    close: async () => {
      await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
    },
  };
}

/** One resource: in a transaction, with the provider's temporary memberships (withRolesGranted). */
async function applyStep(client: Client, step: ProviderStep): Promise<void> {
  await client.query('BEGIN');
  const roles = await temporaryRoles(client, step.temporaryRoles);
  const granted: string[] = [];
  for (const role of roles) {
    if (await isSuperuser(client, role)) continue;
    const member = await client.query('SELECT 1 FROM pg_auth_members WHERE pg_get_userbyid(roleid) = $1 AND pg_get_userbyid(member) = current_user', [role]);
    if (member.rowCount === 0 && role !== (await currentUser(client))) {
      await client.query(`GRANT ${quoteIdent(role)} TO CURRENT_USER`);
      granted.push(role);
    }
  }
  for (const statement of step.statements) await client.query(statement);
  for (const role of granted) await client.query(`REVOKE ${quoteIdent(role)} FROM CURRENT_USER`);
  await client.query('COMMIT');
}

async function temporaryRoles(client: Client, roles: TemporaryRoles): Promise<string[]> {
  if (roles.kind === 'none') return [];
  const databaseOwner = async () => (await client.query('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()')).rows[0].owner as string;
  const resolved = async (owner: string) => (owner === 'pg_database_owner' ? databaseOwner() : owner);
  if (roles.kind === 'roles') return [...(roles.databaseOwner ? [await databaseOwner()] : []), ...roles.roles];
  const owners: string[] = [];
  if (roles.tableOwners) {
    owners.push(...(await client.query('SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = $1', [roles.schema])).rows.map((row) => row.tableowner as string));
  }
  const schemaOwner = (await client.query('SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1', [roles.schema])).rows[0].owner as string;
  if (!owners.includes(schemaOwner)) owners.push(schemaOwner);
  return Promise.all(owners.map(resolved));
}

async function isSuperuser(client: Client, role: string): Promise<boolean> {
  return (await client.query('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [role])).rows[0]?.rolsuper === true;
}

async function currentUser(client: Client): Promise<string> {
  return (await client.query('SELECT current_user AS name')).rows[0].name as string;
}
