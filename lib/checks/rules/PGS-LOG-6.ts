import { listItems, parameterSatisfies, pgauditLogs } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer, faultsOf } from '../rule';

/**
 * pgaudit loaded and logging: shared_preload_libraries lists pgaudit, and pgaudit.log is written
 * and leaves at least one class on as pgaudit reads the list, left to right ("none", "-all" or
 * "ddl,-ddl" log nothing). No scanner checks this for Single Server; it mirrors the Flexible
 * Server policies 4eb5e667 and dd626066 and Microsoft's "enable audit logging" advice.
 */
export const rule: Rule = {
  id: 'PGS-LOG-6',
  title: 'pgaudit loaded and logging',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {},
  fix: 'Add azurerm_postgresql_configuration shared_preload_libraries = "pgaudit" and pgaudit.log = "ddl,role,misc" for the server.',
  appliesTo: 'single',
  evaluate: (server) =>
    faultsOf(
      parameterSatisfies(server, 'shared_preload_libraries', 'a list that includes pgaudit', (value) => listItems(value).includes('pgaudit')),
      pgauditLogs(server),
    ),
};
