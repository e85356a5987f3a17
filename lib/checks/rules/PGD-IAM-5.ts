import { eachOf, grantsOf, inDatabaseOf, noDatabaseObjects, roleNamed } from '../database-checks';
import { isOwnership } from '../implied-grants';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer, unknown, Verdict } from '../rule';
import { ResourceView, ServerView } from '../stack-model';
import { isSet, literalBoolean } from '../value-readers';

/**
 * Privileges through group roles: no postgresql_grant, postgresql_default_privileges or
 * postgresql_schema policy block names a login role of the stack as grantee, and no login role owns
 * a postgresql_schema or postgresql_database (its owner holds every right in it); login roles get their rights by membership of NOLOGIN group
 * roles, so a right is granted, reviewed and revoked in one place. Grants to roles the stack does
 * not define are not judged (whether they can log in is not known); a role whose login, or whose name, is known only at apply time
 * is unknown, not a pass. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-5',
  title: 'Privileges granted to group roles, not to login roles',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Grant the privileges to a NOLOGIN group role and make the login role a member of it (postgresql_role roles).',
  appliesTo: 'any',
  evaluate: (server) =>
    noDatabaseObjects(server) ??
    eachOf(grantsOf(server).filter((grant) => grant.type !== 'postgresql_grant_role'), (grant) => {
      const role = roleNamed(server, grant.config.role);
      if (role === undefined || !('name' in role)) return PASS;
      if (role.resource === undefined) return unnamedLoginRole(server, grant, role.name) ?? PASS;
      const login = role.resource.config.login;
      if (!isSet(login) || literalBoolean(login) === false) return PASS;
      // A login known only at apply time may be true: not a pass (adversarial run of stop 70, A22).
      if (literalBoolean(login) !== true) return unknown(`role ${role.name} may be a login role (login is known only at apply time), and ${grant.address} grants it privileges directly instead of through a group role`, grant.address);
      if (isOwnership(grant)) return fail(`login role ${role.name} owns the ${grant.config.object_type} ${grant.address} makes, so it holds every right there directly instead of through a group role.`, grant.address);
      return fail(`login role ${role.name} is granted privileges directly instead of through a group role.`, grant.address);
    }),
};

/**
 * A grantee named as text that no role of the stack names as text may still be a role of the stack whose name is known only at
 * apply time, one that may log in (adversarial run of stop 70, A22): not a pass.
 */
function unnamedLoginRole(server: ServerView, grant: ResourceView, grantee: string): Verdict | undefined {
  // PUBLIC is PGD-IAM-4's, in any case: the provider quotes the role, so only "public" is the keyword and "PUBLIC" a role of that
  // name, but PGD-IAM-4 fails a grant to either (fail closed; no such role exists, apply fails: 75th run, M75-4). Names that start
  // with "pg_" (PostgreSQL refuses to create them; "PG_app", quoted, it makes: D20) are no role a stack can make; a revoke (no
  // privileges) grants nothing.
  if (/^public$/i.test(grantee) || grantee.startsWith('pg_') || (Array.isArray(grant.config.privileges) && grant.config.privileges.length === 0)) return undefined;
  const roles = inDatabaseOf(server, 'postgresql_role').filter((each) => typeof each.config.name !== 'string' && isSet(each.config.name)
    && isSet(each.config.login) && literalBoolean(each.config.login) !== false);
  if (roles.length === 0) return undefined;
  const which = roles.length === 1 ? roles[0].address : `one of ${[...new Set(roles.map((role) => role.address))].join(', ')}`;
  return unknown(`${grant.address} grants privileges directly to ${grantee}, which may be ${which}, a role whose name is known only at apply time and that may log in`, grant.address);
}
