import { listItems, parameterSatisfies, pgauditLogs } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer, faultsOf } from '../rule';

/**
 * pgaudit loaded and logging: shared_preload_libraries lists pgaudit (comma-separated,
 * case-insensitive, spaces allowed) and pgaudit.log is written and leaves at least one class on
 * as pgaudit reads the list, left to right ("none", "-all" or "ddl,-ddl" log nothing). Loading
 * the library without pgaudit.log logs nothing, and pgaudit.log without the library does nothing,
 * so both are needed. When azure.extensions is written it must allow pgaudit, or no database can
 * create the extension that names objects in DDL audit lines. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGF-LOG-6',
  title: 'pgaudit loaded and logging',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {
    azurePolicy: ['dd626066 Configure shared_preload_libraries to include pgaudit', '4eb5e667 Auditing with PgAudit should be enabled for PostgreSQL flexible servers'],
  },
  fix: 'Add pgaudit to the shared_preload_libraries parameter (and to azure.extensions, when it is set) and set the pgaudit.log parameter to "role,ddl,misc".',
  appliesTo: 'flexible',
  evaluate: (server) =>
    faultsOf(
      parameterSatisfies(server, 'shared_preload_libraries', 'a list that includes pgaudit', (value) => listItems(value).includes('pgaudit')),
      pgauditLogs(server),
      parameterSatisfies(server, 'azure.extensions', 'a list that includes pgaudit', (value) => listItems(value).includes('pgaudit'), true),
    ),
};
