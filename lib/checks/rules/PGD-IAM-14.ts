import { AccessDeclaration, declarationsOf, namesDeclared, firstResourceOn } from '../access-declarations';
import { inDatabaseOf, roleNameIn } from '../database-checks';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';
import { ResourceView, ServerView } from '../stack-model';
import { literalString } from '../value-readers';

/** What DatabaseAccess revokes from PUBLIC in each database it manages: the database's rights, and those on schema public. */
const REVOKES = [
  { objectType: 'database', what: 'CONNECT and TEMPORARY on the database' },
  { objectType: 'schema', schema: 'public', what: 'its rights on schema public' },
] as const;

/**
 * DatabaseAccess strips PUBLIC in every database it manages: for each one, a postgresql_grant of
 * the server revokes everything from PUBLIC on the database, and one on schema public (role
 * public, privileges = []). An override that points a revoke at another role, database or schema
 * leaves every role of the server, Entra users included, with PUBLIC's default CONNECT and
 * TEMPORARY (and before PostgreSQL 15 CREATE on public), while the report still describes the
 * revoke. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-14',
  title: 'DatabaseAccess revokes PUBLIC\'s rights in every database it manages',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Remove the override of the DatabaseAccess PUBLIC revokes (RevokePublicDatabase, RevokePublicSchema).',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const declarations = declarationsOf(stack?.declaredAccess, server.address);
    if (declarations.length === 0) return notApplicable('no DatabaseAccess manages the server');
    const revokes = inDatabaseOf(server, 'postgresql_grant').filter((grant) => isPublicRevoke(server, grant));
    const verdicts = declarations.flatMap((declaration) => {
      const address = firstResourceOn(server, declaration);
      return address === undefined ? [] : missingRevokes(declaration, revokes, address);
    });
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

function missingRevokes(declaration: AccessDeclaration, revokes: readonly ResourceView[], address: string): Verdict[] {
  const databases = [...new Set(declaration.groups.map((group) => group.database))];
  return databases.flatMap((database) => REVOKES
    .filter((revoke) => !revokes.some((grant) => namesDeclared(grant.config.database, database)
      && literalString(grant.config.object_type)?.toLowerCase() === revoke.objectType
      && ('schema' in revoke ? grant.config.schema === revoke.schema : true)))
    .map((revoke) => fail(`no postgresql_grant revokes from PUBLIC ${revoke.what} of database ${database}, which ${declaration.path} manages: every role keeps PUBLIC's default rights there.`, address)));
}

/** A grant that revokes everything from PUBLIC: role public, an empty privilege list. */
function isPublicRevoke(server: ServerView, grant: ResourceView): boolean {
  const role = roleNameIn(server, grant.config.role);
  const privileges = grant.config.privileges;
  return typeof role === 'string' && role.toLowerCase() === 'public' && Array.isArray(privileges) && privileges.length === 0;
}
