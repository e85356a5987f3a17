import { isReservedRoleName } from '../../database/reserved-role-names';
import { eachOf, inDatabaseOf, noDatabaseObjects } from '../database-checks';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * No role the stack creates takes a name PostgreSQL or Azure owns (postgres, public, none,
 * current_user, current_role, session_user, azuresu, azure_superuser, azure_pg_admin, replication,
 * localadmin, or one starting with pg_; any case), as written in the JSON: the twin of
 * DB-ROLE-NAME-RESERVED, which DatabaseAccess checks only on literal names, so a Lazy or a local
 * that yields such a name is judged too. A name known only at apply time is not judged here:
 * PostgreSQL refuses to create a role that exists or a pg_ name, so apply fails, never silently,
 * and what the role is granted or mapped to is judged by PGD-IAM-7 and PGD-IAM-13 either way.
 * No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-16',
  title: 'Roles the stack creates take no name PostgreSQL or Azure owns',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Choose another role name: not postgres, public, azuresu, azure_superuser, azure_pg_admin, replication, localadmin, nor one starting with pg_.',
  appliesTo: 'any',
  evaluate: (server) =>
    noDatabaseObjects(server) ??
    eachOf(inDatabaseOf(server, 'postgresql_role'), (role) => {
      const name = role.config.name;
      if (typeof name !== 'string' || !isReservedRoleName(name)) return PASS;
      return fail(`${role.address} names its role ${JSON.stringify(name)}, which PostgreSQL or Azure owns: not a role the stack may create or take over.`, role.address);
    }),
};
