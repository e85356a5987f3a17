import { AccessDeclaration, declarationsConcerning, firstResourceOn, judgedAgainstEach, namesDeclared } from '../access-declarations';
import { databaseOf, databasesMadeOn, databasesOf, grantsOf, inDatabaseOf, MadeDatabase, roleNameIn, unknownAt } from '../database-checks';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';
import { certainOnly, ResourceView, ServerView } from '../stack-model';
import { literalString } from '../value-readers';

/** What DatabaseAccess revokes from PUBLIC in each database it manages: the database's rights, and those on schema public. */
const REVOKES = [
  { objectType: 'database', what: 'CONNECT and TEMPORARY on the database' },
  { objectType: 'schema', schema: 'public', what: 'its rights on schema public' },
] as const;

/**
 * DatabaseAccess strips PUBLIC in every database it manages: for each one, a postgresql_grant (that exists for sure) of
 * the server revokes everything from PUBLIC on the database, and one on schema public (role
 * public, privileges = []). An override that points a revoke at another role, database or schema
 * leaves every role of the server, Entra users included, with PUBLIC's default CONNECT and
 * TEMPORARY (and before PostgreSQL 15 CREATE on public), while the report still describes the
 * revoke. Every other database the stack makes on the server (an azurerm database of it, a
 * postgresql_database through a provider signed in to it) is managed too: a postgresql_grant
 * revokes PUBLIC's CONNECT and TEMPORARY there. And no grant, nor a postgresql_schema policy
 * block, gives PUBLIC back a right on a managed database or its schema public. No scanner has
 * this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-14',
  title: 'DatabaseAccess revokes PUBLIC\'s rights in every database it manages',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Remove the override of the DatabaseAccess PUBLIC revokes (RevokePublicDatabase, RevokePublicSchema), add every database of the server to the DatabaseAccess databases, and grant PUBLIC nothing back.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const lists = declarationsConcerning(stack?.declaredAccess, server);
    if (lists.length === 0) return notApplicable('no DatabaseAccess manages the server');
    return judgedAgainstEach(lists, (declarations) => judgeDatabases(server, declarations));
  },
};

/** The server's PUBLIC revokes and grants compared with the databases of one managed server's declarations. */
function judgeDatabases(server: ServerView, declarations: readonly AccessDeclaration[]): Verdict | Verdict[] {
  // Only a revoke that exists for sure revokes: one whose count, for_each or enabled (a chained for_each's source's too) may make none does not (A35a-2).
  const revokes = certainOnly(inDatabaseOf(server, 'postgresql_grant')).filter((grant) => isPublicRevoke(server, grant));
  const verdicts = declarations.flatMap((declaration) => {
    const address = firstResourceOn(server, declaration);
    return address === undefined ? [] : missingRevokes(server, declaration, revokes, address);
  });
  const declared = declarations.flatMap((declaration) => declaration.groups.map((group) => group.database));
  const others = databasesMadeOn(server).filter(({ name }) => !declared.some((database) => namesDeclared(name, database)));
  verdicts.push(...others.flatMap((made) => missingDatabaseRevoke(server, made, revokes, declarations[0].path)));
  const managed = [...declared, ...others.map(({ name }) => name)];
  verdicts.push(...grantsOf(server).filter((grant) => regrantsPublic(server, grant, managed)).map((grant) =>
    fail(`${grant.address} gives PUBLIC ${JSON.stringify(grant.config.privileges)} on the ${grant.config.object_type} of database ${String(grant.config.database)}, whose PUBLIC rights DatabaseAccess revokes: every role of the server gets them back.`, grant.address)));
  return verdicts.length > 0 ? verdicts : PASS;
}

function missingRevokes(server: ServerView, declaration: AccessDeclaration, revokes: readonly ResourceView[], address: string): Verdict[] {
  const databases = [...new Set(declaration.groups.map((group) => group.database))];
  return databases.flatMap((database) => REVOKES
    .filter((revoke) => !revokes.some((grant) => databasesOf(server, grant).some((named) => namesDeclared(named, database))
      && literalString(grant.config.object_type)?.toLowerCase() === revoke.objectType
      && ('schema' in revoke ? grant.config.schema === revoke.schema : true)))
    .map((revoke) => fail(`no postgresql_grant revokes from PUBLIC ${revoke.what} of database ${database}, which ${declaration.path} manages: every role keeps PUBLIC's default rights there.`, address)));
}

/** A database made on the managed server beside DatabaseAccess: PUBLIC's CONNECT and TEMPORARY revoked there too. */
function missingDatabaseRevoke(server: ServerView, { name, resource }: MadeDatabase, revokes: readonly ResourceView[], path: string): Verdict[] {
  if (isUnknown(name)) return [unknownAt(resource, 'the name')];
  if (typeof name !== 'string') return [];
  const revoked = revokes.some((grant) => databasesOf(server, grant).some((named) => namesDeclared(named, name)) && literalString(grant.config.object_type)?.toLowerCase() === 'database');
  return revoked ? [] : [fail(`no postgresql_grant revokes from PUBLIC CONNECT and TEMPORARY on database ${name}, which ${resource.address} makes on the server ${path} manages: every role of the server can connect to it.`, resource.address)];
}

/** A grant (or schema policy block) that gives PUBLIC a right on a managed database, or on its schema public. */
function regrantsPublic(server: ServerView, grant: ResourceView, managed: readonly unknown[]): boolean {
  const { object_type: objectType, schema, privileges } = grant.config;
  const database = databaseOf(server, grant);
  if (grant.type === 'postgresql_grant_role' || !isPublic(roleNameIn(server, grant.config.role))) return false;
  // A list known only at apply time is PGD-IAM-4's to judge (unknown); an empty one revokes.
  if (!Array.isArray(privileges) || privileges.length === 0) return false;
  const kind = literalString(objectType)?.toLowerCase();
  const onRevoked = kind === 'database' || (kind === 'schema' && schema === 'public');
  return onRevoked && managed.some((name) => typeof name === 'string' && namesDeclared(database, name));
}

function isPublic(role: unknown): boolean {
  return typeof role === 'string' && role.toLowerCase() === 'public';
}

/** A grant that revokes everything from PUBLIC: role public, an empty privilege list. */
function isPublicRevoke(server: ServerView, grant: ResourceView): boolean {
  const privileges = grant.config.privileges;
  return isPublic(roleNameIn(server, grant.config.role)) && Array.isArray(privileges) && privileges.length === 0;
}
