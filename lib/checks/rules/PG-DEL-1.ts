import { madeBy, namesServer, ownerConstruct, resourcesOfType } from '../beside-construct';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';

/** Lock levels that stop a delete. */
const STOPS_DELETE = ['CanNotDelete', 'ReadOnly'];

/**
 * A construct's delete lock locks its server: every azurerm_management_lock that
 * SecureFlexibleServer or SecureSingleServer made (deletionProtection.lock) has the server's ID as
 * its scope and a level that stops a delete, so an override cannot move the lock to another
 * resource or weaken it while the plan still shows a lock. Removing or copying it is PG-CFG-2,
 * freezing it with ignore_changes PGF-CFG-2 and PGS-CFG-2. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-DEL-1',
  title: 'A construct\'s delete lock locks its server',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Remove the overrides of the lock\'s scope and lock_level: the construct scopes it to the server with CanNotDelete.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const owner = ownerConstruct(server, stack);
    const locks = owner === undefined ? [] : resourcesOfType(stack, 'azurerm_management_lock').filter((lock) => madeBy(lock, owner));
    if (locks.length === 0) return notApplicable('no construct of the library made a delete lock for the server');
    const verdicts = locks.flatMap((lock): Verdict[] => {
      const { scope, lock_level: level } = lock.config;
      const faults: Verdict[] = [];
      if (!namesServer(server, scope)) faults.push(fail(`${lock.address} has the scope ${JSON.stringify(scope ?? null)}, not the server's ID: the server is not locked.`, lock.address));
      if (typeof level !== 'string' || !STOPS_DELETE.includes(level)) faults.push(fail(`${lock.address} has the lock_level ${JSON.stringify(level ?? null)}, which does not stop a delete.`, lock.address));
      return faults;
    });
    return verdicts.length > 0 ? verdicts : PASS;
  },
};
