import { Rule, RuleReferences, RuleSeverity, SecurityLayer, Verdict } from './rule';
import { buildStackModel, ServerView } from './stack-model';
import { findSuppression, readSuppressions, Suppression } from './suppressions';

export type FindingStatus = 'pass' | 'fail' | 'suppressed' | 'not-applicable';

/** The result of one rule on one server. */
export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: RuleSeverity;
  readonly layer: SecurityLayer;
  readonly references: RuleReferences;
  readonly fix: string;
  /** Address of the server judged. */
  readonly server: string;
  readonly status: FindingStatus;
  /** What is wrong (failed or suppressed findings). */
  readonly message?: string;
  /** Address of the resource at fault, when it is not the server itself. */
  readonly address?: string;
  /** Why the finding is suppressed. */
  readonly reason?: string;
  /** Why the rule does not apply. */
  readonly note?: string;
}

export interface StackEvaluation {
  readonly servers: readonly ServerView[];
  readonly findings: readonly Finding[];
}

/**
 * Runs every rule on every server of a stack's Terraform JSON. `inScope` limits the servers
 * judged (a construct checks only its own); suppressions come from the JSON itself.
 */
export function evaluateStack(
  terraform: { [key: string]: unknown },
  rules: readonly Rule[],
  inScope: (server: ServerView) => boolean = () => true,
): StackEvaluation {
  const model = buildStackModel(terraform as Parameters<typeof buildStackModel>[0]);
  const suppressions = readSuppressions(terraform);
  const servers = model.servers.filter(inScope);
  const findings: Finding[] = [];
  for (const server of servers) {
    for (const rule of rules) {
      if (rule.appliesTo !== server.kind) continue;
      findings.push(...judge(rule, server, model.resources, suppressions));
    }
  }
  return { servers, findings };
}

function judge(rule: Rule, server: ServerView, resources: ReadonlyMap<string, { constructPath?: string }>, suppressions: readonly Suppression[]): Finding[] {
  const base = {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    layer: rule.layer,
    references: rule.references,
    fix: rule.fix,
    server: server.address,
  };
  const result = rule.evaluate(server);
  const verdicts: readonly Verdict[] = Array.isArray(result) ? result : [result as Verdict];
  const failures = verdicts.filter((v): v is Extract<Verdict, { status: 'fail' }> => v.status === 'fail');
  if (failures.length === 0) {
    const unknown = verdicts.find((v): v is Extract<Verdict, { status: 'not-applicable' }> => v.status === 'not-applicable');
    return [unknown ? { ...base, status: 'not-applicable', note: unknown.note } : { ...base, status: 'pass' }];
  }
  return failures.map((verdict) => {
    // A suppression on the faulty resource, the server, or any construct above them counts.
    const paths = [verdict.address ? resources.get(verdict.address)?.constructPath : undefined, server.constructPath];
    const suppression = paths.map((path) => findSuppression(suppressions, rule.id, path)).find((s) => s !== undefined);
    const fault = { message: verdict.message, address: verdict.address };
    return suppression ? { ...base, ...fault, status: 'suppressed' as const, reason: suppression.reason } : { ...base, ...fault, status: 'fail' as const };
  });
}

/** One line per finding: resource address, rule id, what is wrong, the fix. */
export function formatFinding(finding: Finding): string {
  const where = finding.address ?? finding.server;
  return `${where} ${finding.ruleId} ${finding.message} Fix: ${finding.fix}`;
}
