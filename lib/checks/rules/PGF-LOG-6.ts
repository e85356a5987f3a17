
import { parameterSatisfies } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer, worstOf } from '../rule';

/** The items of a comma-separated parameter value, trimmed and in lower case. */
function items(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
}

/**
 * pgaudit loaded and logging: shared_preload_libraries lists pgaudit (comma-separated,
 * case-insensitive, spaces allowed) and pgaudit.log is written with a class other than "none".
 * Loading the library without pgaudit.log logs nothing, and pgaudit.log without the library does
 * nothing, so both are needed. (The extension must still be allow-listed in azure.extensions and
 * created in the database; that is outside what Terraform can show.) No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGF-LOG-6',
  title: 'pgaudit loaded and logging',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {
    azurePolicy: ['dd626066 Configure shared_preload_libraries to include pgaudit', '4eb5e667 Auditing with PgAudit should be enabled for PostgreSQL flexible servers'],
  },
  fix: 'Add pgaudit to the shared_preload_libraries parameter and set the pgaudit.log parameter to "role,ddl,misc".',
  appliesTo: 'flexible',
  evaluate: (server) =>
    worstOf(
      parameterSatisfies(server, 'shared_preload_libraries', 'a list that includes pgaudit', (value) => items(value).includes('pgaudit')),
      parameterSatisfies(server, 'pgaudit.log', 'a list of classes other than "none"', (value) => items(value).some((item) => item !== 'none')),
    ),
};
