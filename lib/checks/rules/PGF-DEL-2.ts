import { literalBoolean, nestedBlock } from '../value-readers';
import { fail, faultsOf, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown, Verdict } from '../rule';
import { ResourceView } from '../stack-model';

/**
 * Databases protected against destroy: every azurerm_postgresql_flexible_server_database of the
 * server has lifecycle { prevent_destroy = true }, so removing or renaming one in code cannot drop
 * its data. One finding per unprotected database. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGF-DEL-2',
  title: 'Terraform prevent_destroy on every database',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Add lifecycle { prevent_destroy = true } to every database resource.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    if (server.databases.length === 0) return notApplicable('the server has no database resource');
    return faultsOf(...server.databases.map(judgeDatabase));
  },
};

function judgeDatabase(database: ResourceView): Verdict {
  const lifecycle = nestedBlock(database.config, 'lifecycle');
  if (lifecycle.state === 'unknown') return unknown(`${database.address}: ${lifecycle.note}`, database.address);
  const prevent = lifecycle.state === 'present' ? lifecycle.block.prevent_destroy : undefined;
  if (literalBoolean(prevent) === true) return PASS;
  if (isUnknown(prevent)) return unknown(`${database.address} has lifecycle.prevent_destroy as an expression (Terraform accepts only a literal there)`, database.address);
  return fail(`database ${String(database.config.name)} has no lifecycle.prevent_destroy = true, so Terraform may drop it and its data.`, database.address);
}
