import { declarationsOf } from '../access-declarations';
import { databasesMadeOn, databasesOf, inDatabaseOf, noDatabaseObjects, unknownAt } from '../database-checks';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, Verdict } from '../rule';
import { mayBeWord } from '../expression-readings';
import { certainOnly, ResourceView, ServerView } from '../stack-model';
import { appendTo } from '../../private/list-map';
import { createBeforeDestroyCause, isCreatedBeforeDestroyed } from '../forced-create-before-destroy';

/** Resources whose `database` makes it a database the stack manages. */
const MANAGING = ['postgresql_grant', 'postgresql_default_privileges', 'postgresql_schema', 'postgresql_extension'];

/**
 * pgaudit created in every managed database: each database that the stack's grants, default
 * privileges, schemas or extensions name has a postgresql_extension "pgaudit" (that exists for
 * sure); on a server a DatabaseAccess manages, so does every database the stack makes there (an
 * azurerm database of the server, a postgresql_database signed in to it). Loaded and configured on the server, pgaudit still needs CREATE EXTENSION in each
 * database to name the objects in its DDL audit lines. One finding per database. And no database's
 * pgaudit extension is managed twice (twins). No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-LOG-1',
  title: 'pgaudit created in every managed database',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: { azurePolicy: ['4eb5e667 Auditing with PgAudit should be enabled for PostgreSQL flexible servers'] },
  fix: 'Add a postgresql_extension { name = "pgaudit", database = <database> } for every database the stack manages.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const none = noDatabaseObjects(server);
    if (none) return none;
    const verdicts: Verdict[] = [];
    const databases = new Map<string, string>();
    const named = inDatabaseOf(server, ...MANAGING).flatMap((resource) => databasesOf(server, resource).map((database) => ({ database, resource })));
    const managedServer = declarationsOf(stack?.declaredAccess, server.address).length > 0;
    const made = managedServer ? databasesMadeOn(server).map(({ name, resource }) => ({ database: name, resource })) : [];
    for (const { database, resource } of [...named, ...made]) {
      if (isUnknown(database)) verdicts.push(unknownAt(resource, resource.type.endsWith('_database') ? 'the name' : 'the database'));
      else if (typeof database === 'string' && !databases.has(database)) databases.set(database, resource.address);
    }
    // As written: cyrilgdn/postgresql quotes the name (`CREATE EXTENSION IF NOT EXISTS "PgAudit"`), which names no extension (A81-37).
    const pgaudit = inDatabaseOf(server, 'postgresql_extension').filter((extension) => extension.config.name === 'pgaudit');
    const audited = certainOnly(pgaudit).flatMap((extension) => databasesOf(server, extension));
    for (const [database, address] of databases) {
      if (!audited.includes(database)) verdicts.push(fail(`database ${database} has no pgaudit extension, so DDL audit lines lack object types and names.`, address));
    }
    verdicts.push(...twins(server, pgaudit), ...replacedFirst(server, pgaudit), ...maybePgaudit(server, pgaudit, stack));
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

/**
 * An extension whose name is known only at apply time (`var.ext` defaulting to "pgaudit", `base64decode(...)`) may be pgaudit: in a
 * database whose pgaudit another block manages, or replaced create-before-destroy, it may drop pgaudit as a twin or a replacement
 * does (adversarial run of stop 80, A80-2). Known only later, never passed.
 */
function maybePgaudit(server: ServerView, pgaudit: readonly ResourceView[], stack: StackFacts | undefined): Verdict[] {
  const audited = new Set(pgaudit.flatMap((extension) => databasesOf(server, extension)));
  // One of known choices none of which is pgaudit (`var.fuzzy ? "pg_trgm" : "fuzzystrmatch"`) is not (C80-10).
  return inDatabaseOf(server, 'postgresql_extension').filter((extension) => isUnknown(extension.config.name) && mayBeWord(extension.config.name, 'pgaudit', stack))
    .filter((extension) => isCreatedBeforeDestroyed(extension) || databasesOf(server, extension).some((database) => typeof database !== 'string' || audited.has(database)))
    .map((extension) => unknownAt(extension, 'the name, which may be pgaudit (managed twice, or replaced create-before-destroy),'));
}

/**
 * A database whose pgaudit extension two blocks (or instances) manage (86th run, A86a-4): the second's CREATE EXTENSION IF NOT
 * EXISTS does nothing, and destroying either (a later commit that deletes it) runs DROP EXTENSION while the other still records it.
 */
function twins(server: ServerView, pgaudit: readonly ResourceView[]): Verdict[] {
  const byDatabase = new Map<string, string[]>();
  for (const extension of pgaudit) {
    // Each instance of a `count` known at synth too (`count = 2`: C81-9).
    const count = extension.config.count;
    const instances = typeof count === 'number' && count > 1 ? Array.from({ length: Math.min(count, 2) }, (_, index) => `${extension.address}[${index}]`) : [extension.address];
    for (const database of databasesOf(server, extension)) if (typeof database === 'string') instances.forEach((address) => appendTo(byDatabase, database, address));
  }
  return [...byDatabase].filter(([, addresses]) => new Set(addresses).size > 1).map(([database, addresses]) =>
    fail(`database ${database}'s pgaudit extension is managed by ${[...new Set(addresses)].join(' and ')}: destroying either one drops it (DROP EXTENSION) while the other still records it.`, addresses[addresses.length - 1]));
}

/**
 * A pgaudit extension Terraform replaces create-before-destroy (its own lifecycle, or forced by a resource that depends on it): the
 * new instance's CREATE EXTENSION IF NOT EXISTS does nothing, then the old instance's DROP EXTENSION removes it (C79-19, as X78-63
 * for server parameters).
 */
function replacedFirst(server: ServerView, pgaudit: readonly ResourceView[]): Verdict[] {
  return pgaudit.filter(isCreatedBeforeDestroyed).map((extension) => {
    const databases = databasesOf(server, extension).filter((database) => typeof database === 'string').join(', ') || 'its database';
    return fail(`${extension.address} (pgaudit in ${databases}) is replaced create-before-destroy (${createBeforeDestroyCause(extension)}): the new instance's CREATE EXTENSION IF NOT EXISTS does nothing, then the old instance's DROP EXTENSION removes pgaudit.`, extension.address);
  });
}
