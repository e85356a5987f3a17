import { eachOf, inDatabaseOf, noDatabaseObjects, roleLabel, unknownAt } from '../database-checks';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { literalBoolean } from '../value-readers';

/** Attributes that give a role power over the server beyond its own data (the provider defaults them to false). */
const DANGEROUS = ['superuser', 'create_role', 'create_database', 'replication', 'bypass_row_level_security'];

/**
 * No role with dangerous attributes: no postgresql_role has SUPERUSER, CREATEROLE, CREATEDB,
 * REPLICATION or BYPASSRLS. Microsoft's security guidance asks to audit pg_roles for exactly
 * these; the Azure administrator role already holds what administration needs. One finding per
 * role. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-1',
  title: 'No role with SUPERUSER, CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Set superuser, create_role, create_database, replication and bypass_row_level_security to false (or leave them out) on every postgresql_role.',
  appliesTo: 'any',
  evaluate: (server) =>
    noDatabaseObjects(server) ??
    eachOf(inDatabaseOf(server, 'postgresql_role'), (role) => {
      for (const attribute of DANGEROUS) {
        const value = role.config[attribute];
        if (isUnknown(value)) return unknownAt(role, attribute);
        if (value !== undefined && literalBoolean(value) !== false) return fail(`${roleLabel(role)} has ${attribute} = ${JSON.stringify(value)}.`, role.address);
      }
      return PASS;
    }),
};
