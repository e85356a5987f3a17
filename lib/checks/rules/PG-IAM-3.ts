import { madeBy, ownerConstruct } from '../beside-construct';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';

/**
 * A construct's server has only the Entra administrators it declares: on a server that
 * SecureFlexibleServer or SecureSingleServer made, every Entra administrator resource of the
 * server (by reference, literal ID or literal name) is one the construct made from
 * entraAdministrators (entraAdministrator on Single Server). An administrator added beside it is
 * a member of azure_pg_admin, the most powerful grant on the server, so it fails unless a
 * suppression on it gives the reason. PG-CFG-6 keeps the construct's own administrators as made;
 * other servers' administrators are their owners' to judge. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-IAM-3',
  title: 'A construct\'s server has only the Entra administrators it declares',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Declare the administrator in the construct\'s entraAdministrators (entraAdministrator on Single Server), or review it and suppress PG-IAM-3 on the administrator resource with the reason.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const owner = ownerConstruct(server, stack);
    if (owner === undefined) return notApplicable('the server is not made by a construct of the library: its administrators are its owner\'s to judge');
    const added = server.administrators.filter((admin) => !madeBy(admin, owner)).map((admin): Verdict => {
      const who = admin.config.principal_name ?? admin.config.login;
      return fail(`${admin.address} makes ${who === undefined ? 'a principal' : JSON.stringify(who)} (object ${JSON.stringify(admin.config.object_id ?? null)}) an administrator of the server, one ${owner} does not declare.`, admin.address);
    });
    return added.length > 0 ? added : PASS;
  },
};
