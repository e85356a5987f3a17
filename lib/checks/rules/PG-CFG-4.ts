import { moduleSubject, unpinnedModule } from '../module-content';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';
import { FORGETS } from '../writer-kinds';

/**
 * A command, template or script in a server's stack (or a resource of any type whose text addresses
 * PostgreSQL's management surface: `az postgres`, the Microsoft.DBforPostgreSQL namespace) may act on
 * the server without naming it: it can find the server by a search (`az resource list -g rg`) or put
 * its name together, and no text match can be complete. A warning for a server of the stack's own resources (as for any choice
 * the checks cannot see through), and an error on a server of the library's constructs, whose
 * warnings fail synth. One that is reviewed by hand takes a suppression with the reason; on a
 * module, the suppression covers the source and version it was given for, and only a module pinned
 * to fixed content (a local path, a registry module at one exact version, git at a commit).
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
    // A removed block that leaves its object in Azure is PG-CFG-7's.
    const commands = server.possibleWriters.filter((writer) => writer.what !== FORGETS);
    if (commands.length === 0) return PASS;
    return commands.map((writer) => {
      const message = `${writer.what} is in the server's stack but does not name the server; what it runs or deploys is not in the Terraform JSON and may still reach it (found by a search, or by a name put together), so it cannot be judged`;
      if (writer.type !== 'module') return fail(`${message}.`, writer.address);
      return moduleVerdict(message, writer.address, writer.config.source, writer.config.version);
    });
  },
};

/**
 * A module's finding is bound to its source and version, which a suppression on the module records:
 * another module is not the one reviewed (fifth review, A5-7). A module whose content is not pinned
 * has a subject no suppression on a module has: what was reviewed is not what the next init fetches.
 */
function moduleVerdict(message: string, address: string, source: unknown, version: unknown): Verdict {
  const subject = moduleSubject(source, version);
  const unpinned = unpinnedModule(source, version);
  if (unpinned === undefined) return fail(`${message}.`, address, subject);
  return fail(`${message}; its content is not pinned (${unpinned}), so a suppression on the module does not cover it.`, address, `unpinned ${subject}`);
}
