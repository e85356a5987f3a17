import { parameterSatisfies } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/** The escapes of a log_line_prefix ("%u", "%-10d" padded, never the literal "%%"). */
function escapes(prefix: string): Set<string> {
  const found = new Set<string>();
  for (const match of prefix.matchAll(/%-?\d*(.)/g)) found.add(match[1]);
  return found;
}

/**
 * Log lines identify user and database: log_line_prefix holds the %u and %d escapes (Azure's
 * default "%t-%c-" has neither, so a missing parameter fails). Escapes are read as PostgreSQL
 * does: "%%u" is the literal text "%u", not the user name, and padded escapes like "%-10u"
 * count; Azure Policy's plain "contains" test differs on those. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGF-LOG-7',
  title: 'Log lines identify user and database',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AUDIT,
  references: { azurePolicy: ['3bf854e8 Configure log_line_prefix with key identifiers'] },
  fix: 'Add an azurerm_postgresql_flexible_server_configuration log_line_prefix = "%t-%c-%u-%d-".',
  appliesTo: 'flexible',
  evaluate: (server) =>
    parameterSatisfies(server, 'log_line_prefix', 'a prefix with the %u and %d escapes', (value) => {
      const found = escapes(value);
      return found.has('u') && found.has('d');
    }),
};
