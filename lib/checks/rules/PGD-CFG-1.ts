import { eachOf, inDatabaseResources, noDatabaseObjects, schemaNameIn } from '../database-checks';
import { READ_IN_DATABASE } from '../in-database-types';
import { unreadQuery, unreadSql } from '../unquoted-sql';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';
import { SqlClientView } from '../sql-clients';
import { ResourceView } from '../stack-model';

/** A resource of the postgresql provider: unread if of a type no rule reads, unknown if its unquoted SQL is not read. */
function judgeResource(resource: ResourceView): Verdict {
  return READ_IN_DATABASE.includes(resource.type)
    ? unreadSql(resource) ?? PASS
    : fail(`${resource.address} acts inside the server through its postgresql provider, and no rule reads what a ${resource.type} does there (copies of data, connections to other servers, code run with its owner's rights), so it cannot be judged.`, resource.address);
}

/**
 * Every postgresql provider resource signed in to a server is of a type the rules read. A
 * publication, subscription or replication slot copies the data to or from another server, a
 * foreign server and user mapping connect it to one, a function runs code (SECURITY DEFINER: with
 * its owner's rights, often an administrator's; else with each caller's), and no rule reads
 * what they do. The list of read types is explicit (in-database-types.ts), so a type the provider
 * adds later is not judged either. Nor is a resource of a read type whose argument the provider
 * writes into SQL unquoted (unquoted-sql.ts: a security label's object_type, a grant's routine
 * argument types, a database's name, a session default's value with quote = false) in a form the checks do not read as PostgreSQL does: such a
 * text may run any SQL, so it is unknown. So is a postgresql data source (read at every plan, signed in as
 * its provider) of a type the checks do not read, or whose filter the provider writes between single quotes it
 * does not double (unquoted-sql.ts, unreadQuery: a pattern, schema or table type) holding a quote, a closing
 * backslash, or a value known only at apply time. So is a block that signs in to the server through another client (85th run,
 * A85c-1; sql-clients.ts): a resource or data source of a provider whose block names the server (paultyng/sql's `sql_migrate`
 * runs its migrations there), a Vault database connection to it (Vault runs its roles' creation statements). A warning beside raw resources and an error on a server of the
 * library's constructs, as PG-CFG-4; one reviewed by hand takes a suppression with the reason.
 */
export const rule: Rule = {
  id: 'PGD-CFG-1',
  title: 'No in-database resource of a type no rule reads',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Keep the resource out of the stack that manages the server, or review it by hand and suppress PGD-CFG-1 on it with the reason.',
  appliesTo: 'any',
  evaluate: (server) =>
    (server.inDatabaseReads.length === 0 && server.sqlClients.length === 0 ? noDatabaseObjects(server) : undefined) ??
    eachOf([...inDatabaseResources(server), ...server.inDatabaseReads, ...server.sqlClients], (resource) => server.inDatabaseReads.includes(resource)
      ? unreadQuery(resource, (item) => schemaNameIn(server, item) ?? item) ?? PASS
      : 'via' in resource ? judgeClient(resource as SqlClientView) : judgeResource(resource)),
};

/** A block that signs in to the server through another client (sql-clients.ts): what it runs there is read by no rule. */
function judgeClient(client: SqlClientView): Verdict {
  // The state backend runs no statement of the configuration: its conn_str is PGD-IAM-9's and PGD-TLS-1's (A82-25).
  if (client.keepsState === true) return PASS;
  return fail(`${client.address} ${client.what}; no rule reads the roles, grants and data it changes there, so it cannot be judged.`, client.address);
}
