import { Rule, RuleSeverity, SecurityLayer, worstOf } from '../rule';
import {singleParameter} from '../single-checks';

/** The classes a pgaudit.log value turns on: those not removed with "-", other than "none". */
function loggedClasses(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '' && item !== 'none' && !item.startsWith('-'));
}

/**
 * pgaudit loaded and logging: shared_preload_libraries lists pgaudit, and pgaudit.log is written
 * and turns on at least one class (not "none", and not only exclusions such as "-all"). No
 * scanner checks this for Single Server; it mirrors the Flexible Server policies 4eb5e667 and
 * dd626066 and Microsoft's "enable audit logging" advice.
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
    worstOf(
      singleParameter(server, 'shared_preload_libraries', 'a list that includes pgaudit', (value) =>
        value.split(',').some((library) => library.trim().toLowerCase() === 'pgaudit'),
      ),
      singleParameter(server, 'pgaudit.log', 'a list of audit classes other than "none"', (value) => loggedClasses(value).length > 0),
    ),
};
