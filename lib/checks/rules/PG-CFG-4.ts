import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * A command, template or script in a server's stack (or a resource of any type whose text addresses
 * PostgreSQL's management surface: `az postgres`, the Microsoft.DBforPostgreSQL namespace) may act on
 * the server without naming it: it can find the server by a search (`az resource list -g rg`) or put
 * its name together, and no text match can be complete. A warning for a server of the stack's own resources (as for any choice
 * the checks cannot see through), and an error on a server of the library's constructs, whose
 * warnings fail synth. One that is reviewed by hand takes a suppression with the reason.
 */
export const rule: Rule = {
  id: 'PG-CFG-4',
  title: 'No unjudgeable commands or deployments beside a server',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Make the change with the azurerm PostgreSQL resources the rules read, or move the command out of the server\'s stack, or review it by hand and suppress PG-CFG-4 on it (or on the server) with the reason.',
  appliesTo: 'any',
  evaluate: (server) => {
    if (server.possibleWriters.length === 0) return PASS;
    return server.possibleWriters.map((writer) => fail(
      `${writer.what} is in the server's stack but does not name the server; what it runs or deploys is not in the Terraform JSON and may still reach it (found by a search, or by a name put together), so it cannot be judged.`,
      writer.address,
    ));
  },
};
