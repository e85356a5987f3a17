import { namesServer, ownerConstruct } from '../beside-construct';
import { containingScope, mayHoldScope } from '../containing-scopes';
import { mayNameServer } from '../later-pointers';
import { moduleReview } from '../module-content';
import { AUDIT_ONLY_BUILT_INS, builtInId, definitionPointerEffect, policyAssignmentEffect, stackPolicyDefinitions, PolicyWrite, policyWrites } from '../policy-writers';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, Verdict } from '../rule';
import { ServerView } from '../stack-model';
import { overriddenEffects, overridesWrite } from '../policy-overrides';
import { possibleServerScope } from '../unknown-server-names';
import { DESTROYS, FORGETS } from '../writer-kinds';

/**
 * A command, template or script in a server's stack (or a resource of any type whose text addresses
 * PostgreSQL's management surface: `az postgres`, the Microsoft.DBforPostgreSQL namespace) may act on
 * the server without naming it: it can find the server by a search (`az resource list -g rg`) or put
 * its name together, and no text match can be complete. One in another stack may so reach a server whose resource group it names
 * (E73-9; stack-model.ts addWriters). A warning for a server of the stack's own resources (as for any choice
 * the checks cannot see through), and an error on a server of the library's constructs, whose
 * warnings fail synth. In a stack with no server, an azapi write whose type is known only at apply
 * time may be the server: a warning on the stack (possible-servers.ts). One that is reviewed by hand takes a suppression with the reason; on a
 * module, the suppression covers the source and version it was given for, and only a module pinned
 * to fixed content (a local path, a registry module at one exact version, git at a commit).
 * Azure Policy on a scope that holds the server (the server, its resource group, a subscription, a
 * management group, the root, or beside a construct a scope known only at apply time): an assignment of
 * a built-in definition that is not on the audit-only list (what it deploys, and where, are parameters
 * the stack writes; fifteenth review, A15b-6), an azapi assignment of a definition that writes or is not
 * in the JSON, and any exemption (it switches the platform's guardrails off for the server, as Resource
 * Policy Contributor can; A15b-14), by every writer (policy-writers.ts). An azapi update or action of an assignment named
 * by a reference is on that assignment's scope, or on any; a DELETE of one is an exemption (70th run, A70b-2).
 */
export const rule: Rule = {
  id: 'PG-CFG-4',
  title: 'No unjudgeable commands or deployments beside a server',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Make the change with the azurerm PostgreSQL resources the rules read, or move the command out of the server\'s stack (in another stack, it names neither the server nor its resource group), or review it by hand and suppress PG-CFG-4 on it (or on the server) with the reason.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    // A removed block that leaves its object in Azure, or destroys one that may guard the server, is PG-CFG-7's.
    const commands = server.possibleWriters.filter((writer) => writer.what !== FORGETS && writer.what !== DESTROYS);
    const policies = policyVerdicts(server, stack, new Set(commands.map((writer) => writer.address)));
    if (commands.length === 0 && policies.length === 0) return PASS;
    return [...commands.map((writer) => {
      const where = writer.group === undefined ? 'is in the server\'s stack but does not name the server' : `is in another stack and names the server's resource group "${writer.group}", not the server`;
      const message = `${writer.what} ${where}; what it runs or deploys is not in the Terraform JSON and may still reach it (found by a search, or by a name put together), so it cannot be judged`;
      if (writer.type !== 'module') return fail(`${message}.`, writer.address);
      return moduleVerdict(message, writer.address, writer.config.source, writer.config.version);
    }), ...policies];
  },
};

/**
 * A module's finding is bound to its source and version, which a suppression on the module records:
 * another module is not the one reviewed (fifth review, A5-7). A module whose content is not pinned
 * has a subject no suppression on a module has: what was reviewed is not what the next init fetches.
 */
function moduleVerdict(message: string, address: string, source: unknown, version: unknown): Verdict {
  const { subject, unpinned } = moduleReview(source, version);
  if (unpinned === undefined) return fail(`${message}.`, address, subject);
  return fail(`${message}; its content is not pinned (${unpinned}), so a suppression on the module does not cover it.`, address, subject);
}

/** How a policy writer's scope holds the server, for a message, or undefined when it does not. */
function policyScope(server: ServerView, scope: unknown, stack: StackFacts | undefined): string | undefined {
  if (namesServer(server, scope, true)) return 'the server';
  const containing = containingScope(server, scope, stack);
  if (containing !== undefined) return `${containing}, which contains the server`;
  const possible = possibleServerScope(server, scope, stack);
  if (possible !== undefined) return `${possible}, which may be the server`;
  const spelled = mayHoldScope(server, scope, stack);
  if (spelled !== undefined) return `${spelled}: the server`;
  // Beside a construct, a scope known only at apply time may hold its server.
  return ownerConstruct(server, stack) !== undefined && server.defined && mayNameServer(scope, stack) ? `${String(scope)}, a scope known only at apply time, which may hold the server` : undefined;
}

/** Policy assignments and exemptions on a scope that holds the server (fifteenth review, A15b-6, A15b-14); those judged as commands already are not repeated. */
function policyVerdicts(server: ServerView, stack: StackFacts | undefined, judged: ReadonlySet<string>): Verdict[] {
  const definitions = stackPolicyDefinitions(stack);
  const writes = policyWrites(stack);
  return writes.flatMap((write) => {
    if (judged.has(write.resource.address)) return [];
    const on = policyScope(server, write.scope, stack);
    const problem = on === undefined ? undefined : policyProblem(write, on, definitions, writes);
    return problem === undefined ? [] : [fail(`${write.resource.address} ${problem}.`, write.resource.address)];
  });
}

function policyProblem(write: PolicyWrite, on: string, definitions: ReadonlyMap<string, { [key: string]: unknown }>, writes: readonly PolicyWrite[]): string | undefined {
  // A remediation of an assignment of the stack runs what that assignment is judged for; of another, what no rule has read.
  if (write.kind === 'remediation') {
    const pointer = write.assignment;
    const own = isUnknown(pointer) && pointer.isPlainReference && writes.some((each) => each.kind === 'assignment' && pointer.references[0] === `${each.resource.address}.id`);
    return own ? undefined : `runs a remediation of the policy assignment ${JSON.stringify(pointer ?? null)} on ${on}; that assignment is not one of the stack's, so what it deploys or changes on the server now is not judged`;
  }
  if (write.removes === true) return `deletes (or acts on), by an azapi action, a policy assignment on ${on}: the assignment (a deny, an audit, a deployment) stops applying to the server, as by an exemption, with no justification`;
  if (write.kind === 'exemption') return `exempts ${on} from Azure Policy: the assignment it names (a deny, an audit, a deployment) stops applying to the server, the act Resource Policy Contributor is judged for (PG-IAM-2), with no justification`;
  const builtIn = builtInId(write.definition);
  if (builtIn !== undefined) {
    const listed = AUDIT_ONLY_BUILT_INS.has(builtIn);
    if (listed && !overridesWrite(overriddenEffects(write.overrides))) return undefined;
    // A listed built-in fails by its overrides only: the message says so, not that it is off the list (A70b-3).
    const why = listed ? 'it is on the pack\'s list of audit-only built-ins, but its overrides may give it an effect that writes (Modify, Append, DeployIfNotExists, or one known only later)' : 'it is not on the pack\'s list of audit-only built-ins';
    return `assigns the built-in policy ${JSON.stringify(write.definition)} on ${on}; ${why}, and what it deploys or changes, and where (an Event Hub, a workspace, a setting its parameters name), is not judged`;
  }
  // An azurerm assignment of a definition of the stack that writes is a command already (writer-kinds.ts: PG-CFG-3 or above);
  // one of a set of built-ins is judged here, on the scopes that hold the server, as the built-ins assigned alone are (A16b-12).
  if (write.azurerm && policyAssignmentEffect({ policy_definition_id: write.definition, overrides: write.overrides }, definitions) !== undefined) return undefined;
  const effect = definitionPointerEffect(write.definition, definitions, undefined, write.overrides);
  if (effect === undefined) return undefined;
  return effect === 'writes' ? `assigns a policy that modifies, appends, deploys or adds to network groups on ${on}` : `assigns the policy ${JSON.stringify(write.definition ?? null)} on ${on}; it is defined outside the stack or known only later, so its effect is not in the JSON`;
}
