import { eachOf, noDatabaseObjects } from '../database-checks';
import { READ_IN_DATABASE } from '../in-database-types';
import { unreadSql } from '../unquoted-sql';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Every postgresql provider resource signed in to a server is of a type the rules read. A
 * publication, subscription or replication slot copies the data to or from another server, a
 * foreign server and user mapping connect it to one, a function runs code (SECURITY DEFINER: with
 * its owner's rights, often an administrator's; else with each caller's), and no rule reads
 * what they do. The list of read types is explicit (in-database-types.ts), so a type the provider
 * adds later is not judged either. Nor is a resource of a read type whose argument the provider
 * writes into SQL unquoted (unquoted-sql.ts: a security label's object_type, a grant's routine
 * argument types, a database's name, a session default's value with quote = false) in a form the checks do not read as PostgreSQL does: such a
 * text may run any SQL, so it is unknown. A warning beside raw resources and an error on a server of the
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
    noDatabaseObjects(server) ??
    eachOf(server.inDatabase, (resource) => READ_IN_DATABASE.includes(resource.type)
      ? unreadSql(resource) ?? PASS
      : fail(`${resource.address} acts inside the server through its postgresql provider, and no rule reads what a ${resource.type} does there (copies of data, connections to other servers, code run with its owner's rights), so it cannot be judged.`, resource.address)),
};
