import { madeBy, ownerConstruct } from '../beside-construct';
import { isUnknown } from '../hcl-expression';
import { laterChildren, mayBeTheServer } from '../later-servers';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, Verdict } from '../rule';
import { nestedBlock } from '../value-readers';
import { ownSettingNamesakes } from '../diagnostic-checks';
import { workspaceExports } from '../workspace-exports';
import { holdsWorkspace, WorkspaceMatch, workspaceMatcher } from '../workspace-pointers';
import { onWorkspace, WorkspaceWrite, workspaceWrites } from '../workspace-writers';

/** Where a diagnostic setting sends what it exports. */
const DESTINATIONS = ['log_analytics_workspace_id', 'storage_account_id', 'eventhub_authorization_rule_id', 'partner_solution_id'];

/**
 * A construct's server logs go only where the construct sends them: on a server that
 * SecureFlexibleServer or SecureSingleServer made, every azurerm_monitor_diagnostic_setting that
 * exports its logs (statements, connections, pgaudit lines) is the one the construct made from
 * diagnosticSettings. A second export added beside it fails unless a suppression on it gives the
 * reason (an enabled_log known only later counts as an export); a setting of metrics only passes (unless it bears the name of the
 * construct's setting, in any case, or a name known only later: Azure names a setting by its target and name, so it is the
 * construct's setting written again, sixteenth review, A16a-9), and so does a destination in another subscription
 * chosen through the props (a central workspace is a normal pattern). A data export rule of the
 * workspace the construct sends the logs to (azurerm or azapi) that copies the tables holding them
 * (AzureDiagnostics, the PGSQL* tables, or tables known only later) is one more export and fails
 * the same way: the workspace named by the same expression, its literal ID (any letter case), a
 * reference to a workspace or a lookup of the same names, or a pointer known only at apply time that
 * may be it (a variable, a template that may spell its ID; any pointer when the construct's own
 * workspace is known only at apply time). The logs stay there too: a write on that workspace that
 * drops, erases or shortens them fails the same way (a transformation of the tables holding them,
 * a purge, a retention under 30 days, a Basic or Auxiliary plan, a daily cap, the Free tier, a
 * deletion or replacement, an azurerm provider that deletes a workspace of the stack at once past its soft delete, a link to a dedicated cluster that stores them under its owner's key), and a writer of the
 * workspace the pack does not read fails closed (workspace-writers.ts; fifteenth review, A15a-11, A15b-11; A17a-7, A17b-11). No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-LOG-1',
  title: 'A construct\'s server logs go only where it sends them',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {},
  fix: 'Send the logs through the construct\'s diagnosticSettings, keep them in its workspace as they arrive (no transformation, purge, cap or retention under 30 days of the tables holding them), or review the export or write and suppress PG-LOG-1 on the diagnostic setting (or the data export rule, or the writer of the workspace) with the reason.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const owner = ownerConstruct(server, stack);
    if (owner === undefined) return notApplicable('the server is not made by a construct of the library: where its logs go is its owner\'s to judge');
    // A setting of a server known only at apply time may export this server's logs (twelfth review, A12b-4).
    const later = new Set(laterChildren(server, owner, stack, 'diagnosticSettings'));
    const verdicts = [...server.diagnosticSettings, ...later]
      // An enabled_log known only later (an expression, a dynamic block) may export the logs too.
      .filter((setting) => !madeBy(setting, owner) && nestedBlock(setting.config, 'enabled_log').state !== 'absent')
      .map((setting): Verdict => {
        const to = DESTINATIONS.filter((attribute) => setting.config[attribute] !== undefined).map((attribute) => `${attribute} ${JSON.stringify(setting.config[attribute])}`);
        const which = later.has(setting) ? `${setting.address}, ${mayBeTheServer(setting)},` : setting.address;
        return fail(`${which} exports the server's logs (${to.join(', ') || 'no destination written'}), an export ${owner} does not declare.`, setting.address);
      });
    // A setting of the construct's setting's name is that setting written again: the last apply wins (A16a-9).
    const exporting = new Set(verdicts.map((verdict) => ('address' in verdict ? verdict.address : undefined)));
    const namesakes = ownSettingNamesakes([...server.diagnosticSettings, ...later], owner).filter(({ setting }) => !exporting.has(setting.address)).map(({ setting, name }) => {
      const which = later.has(setting) ? `${setting.address}, ${mayBeTheServer(setting)},` : `${setting.address},`;
      const named = isUnknown(setting.config.name) ? `whose name ${JSON.stringify(setting.config.name)} is known only at apply time and may be ${JSON.stringify(name)}` : `named ${JSON.stringify(setting.config.name)}`;
      return fail(`${which} ${named}, is the diagnostic setting ${JSON.stringify(name)} ${owner} makes on the server written again (Azure names a setting by its target and name, in any case): the last apply wins, and the server's log export may stop.`, setting.address);
    });
    const workspaces = server.diagnosticSettings.filter((setting) => madeBy(setting, owner)).map((setting) => setting.config.log_analytics_workspace_id).filter((id) => id !== undefined);
    const reExports = workspaceExports(stack, workspaces).map(({ resource, tables, mayBe }) => {
      // A workspace known only at apply time may be the construct's (fourteenth review, A14b-5).
      const which = mayBe === undefined ? 'the workspace' : `a workspace known only at apply time (${JSON.stringify(mayBe)}) that may be the one`;
      return fail(`${resource.address} copies the tables ${tables} of ${which} ${owner} sends the server's logs to, an export ${owner} does not declare.`, resource.address);
    });
    // What the stack writes on that workspace may drop or shorten the logs there (fifteenth review, A15a-11, A15b-11).
    const matchers = workspaces.map((workspace) => workspaceMatcher(workspace, stack));
    const drops = workspaceWrites(stack).flatMap((write) => {
      // A block read as an export already (an azapi type known only later) is reported once.
      const exported = reExports.some((verdict) => 'address' in verdict && verdict.address === write.resource.address);
      const match = write.problem === undefined || exported || madeBy(write.resource, owner) ? undefined : onWorkspace(write, matchers, workspaces, stack);
      if (match === undefined) return [];
      const which = match === 'is' ? 'the workspace' : `a workspace known only at apply time (${JSON.stringify(write.pointer ?? null)}) that may be the one`;
      const on = write.scope !== undefined ? onScope(write, match, workspaces, stack, owner) : `${which} ${owner} sends the server's logs to`;
      return [fail(`${write.resource.address}, on ${on}, ${write.problem}.`, write.resource.address)];
    });
    const all = [...verdicts, ...namesakes, ...reExports, ...drops];
    return all.length > 0 ? all : PASS;
  },
};

/**
 * A policy assignment's scope as the message names it: the scope itself, which is or holds the workspace, or may
 * (69th run, A69b-2: a literal resource group is not "a workspace known only at apply time").
 */
function onScope(write: WorkspaceWrite, match: WorkspaceMatch, workspaces: readonly unknown[], stack: StackFacts | undefined, owner: string): string {
  const scope = `the ${write.scope} ${JSON.stringify(write.pointer ?? null)}`;
  const logs = `the workspace ${owner} sends the server's logs to`;
  if (match === 'is') return `${scope}, which ${workspaces.some((workspace) => holdsWorkspace(workspace, write.pointer, stack)) ? 'holds' : 'is'} ${logs}`;
  // A literal scope may hold it only when the workspace's ID is known only at apply time; otherwise the scope is.
  const later = typeof write.pointer === 'string' ? 'the workspace\'s ID' : 'the scope';
  return `${scope}, which may ${write.scope === 'resource' ? 'be' : write.scope === 'scope' ? 'be or hold' : 'hold'} ${logs} (${later} is known only at apply time)`;
}
