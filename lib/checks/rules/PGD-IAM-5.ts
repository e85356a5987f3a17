import { eachOf, grantsOf, noDatabaseObjects, roleNamed } from '../database-checks';
import { isOwnership } from '../implied-grants';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { literalBoolean } from '../value-readers';

/**
 * Privileges through group roles: no postgresql_grant, postgresql_default_privileges or
 * postgresql_schema policy block names a login role of the stack as grantee, and no login role owns
 * a postgresql_schema or postgresql_database (its owner holds every right in it); login roles get their rights by membership of NOLOGIN group
 * roles, so a right is granted, reviewed and revoked in one place. Grants to roles the stack does
 * not define are not judged (whether they can log in is not known). No scanner has this check.
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
      if (role === undefined || !('name' in role) || role.resource === undefined) return PASS;
      if (literalBoolean(role.resource.config.login) !== true) return PASS;
      if (isOwnership(grant)) return fail(`login role ${role.name} owns the ${grant.config.object_type} ${grant.address} makes, so it holds every right there directly instead of through a group role.`, grant.address);
      return fail(`login role ${role.name} is granted privileges directly instead of through a group role.`, grant.address);
    }),
};
