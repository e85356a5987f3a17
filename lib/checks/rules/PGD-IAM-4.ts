import { eachOf, grantsOf, noDatabaseObjects, roleNamed, unknownAt } from '../database-checks';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * No privileges for PUBLIC: no postgresql_grant, postgresql_default_privileges or postgresql_schema
 * policy block (one without a role is PUBLIC's) gives PUBLIC a privilege (an empty privilege list,
 * which revokes, is fine), and no postgresql_grant_role makes
 * PUBLIC a member of a role. Every role of the server, Entra users included, holds what PUBLIC
 * holds. One finding per grant. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-4',
  title: 'The stack grants PUBLIC no privileges',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Grant the privileges to a group role instead of "public"; revoke from PUBLIC with privileges = [].',
  appliesTo: 'any',
  evaluate: (server) =>
    noDatabaseObjects(server) ??
    eachOf(grantsOf(server), (grant) => {
      const role = roleNamed(server, grant.config.role);
      if (role === undefined) return PASS;
      if ('unknown' in role) return unknownAt(grant, 'the role');
      // In any case, on purpose: the provider quotes the role, so "PUBLIC" is a role of that name, not the keyword (cyrilgdn/postgresql
      // 1.26 createGrantQuery); none exists and apply fails, so failing it costs nothing and reads it the way a reviewer does (M75-4).
      if (role.name.toLowerCase() !== 'public') return PASS;
      if (grant.type === 'postgresql_grant_role') return fail(`PUBLIC is made a member of ${JSON.stringify(grant.config.grant_role)}.`, grant.address);
      const privileges = grant.config.privileges;
      if (isUnknown(privileges)) return unknownAt(grant, 'the privileges');
      if (Array.isArray(privileges) && privileges.length === 0) return PASS;
      return fail(`PUBLIC is granted ${JSON.stringify(privileges)} (${grant.config.object_type ?? 'objects'}).`, grant.address);
    }),
};
