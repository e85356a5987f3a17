import { pgauditLogsDdlAndRole } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * pgaudit audits schema and role changes: pgaudit.log, read as pgaudit reads it, keeps the ddl
 * and role classes on ("all" does, "all,-role" or "read,write" do not). These are the statements
 * an attacker uses to give themselves access or hide a table, so a narrower list needs a reason
 * (SecureSingleServer's auditLogging.justification suppresses this rule). Whether pgaudit is
 * loaded at all is PGS-LOG-6. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGS-LOG-9',
  title: 'pgaudit logs DDL and role changes',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {},
  fix: 'Set the pgaudit.log parameter to a list that includes ddl and role, e.g. "ddl,role,misc".',
  appliesTo: 'single',
  evaluate: pgauditLogsDdlAndRole,
};
