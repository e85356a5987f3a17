// The password rules' statuses on the server "db" of a raw stack, for the suites of echoed secrets (echoed-passwords,
// echoes-through-values): each rule judged on the model alone, or through evaluateStack (the CLI and synth path, which aliases
// the stack first). No verdict may show the secret.
import { evaluateStack } from '../../lib/checks/evaluate';
import { Rule, Verdict } from '../../lib/checks/rule';
import { ALL_RULES } from '../../lib/checks/rules';
import { rule as administratorPassword } from '../../lib/checks/rules/PGF-IAM-4';
import { rule as providerPassword } from '../../lib/checks/rules/PGD-IAM-9';
import { rule as rolePassword } from '../../lib/checks/rules/PGD-IAM-2';
import { rule as connectionSecrets } from '../../lib/checks/rules/PGD-IAM-15';
import { postgresqlProviders } from '../../lib/checks/database-checks';
import { buildStackModel } from '../../lib/checks/stack-model';
import { FLEXIBLE } from './rule-harness';

export const PASSWORD_RULES: [string, Rule][] = [['PGF-IAM-4', administratorPassword], ['PGD-IAM-2', rolePassword], ['PGD-IAM-9', providerPassword], ['PGD-IAM-15', connectionSecrets]];
const IDS = PASSWORD_RULES.map(([id]) => id);

export const ALL_PASS = Object.fromEntries(IDS.map((id) => [id, ['pass']]));
export const ALL_FAIL = Object.fromEntries(IDS.map((id) => [id, ['fail']]));

/** A rule's verdicts on the server "db", given the stack's resources and data sources as evaluate.ts gives them. */
function judgeAllIn(rule: Rule, terraform: object): readonly Verdict[] {
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: postgresqlProviders(terraform), resources: model.resources, lookups: model.lookups });
  return Array.isArray(result) ? result : [result as Verdict];
}

/** The statuses of each password rule's verdicts on the model of the stack, by rule id; no verdict shows `secret`. */
export function modelStatuses(stack: object, secret: string): { [id: string]: string[] } {
  return Object.fromEntries(PASSWORD_RULES.map(([id, rule]) => {
    const verdicts = judgeAllIn(rule, stack);
    expect(JSON.stringify(verdicts)).not.toContain(secret);
    return [id, [...new Set(verdicts.map((verdict) => verdict.status))].sort()];
  }));
}

/** The statuses of each password rule as the whole evaluation gives them, by rule id; no finding shows `secret`. */
export function evaluatedStatuses(stack: object, secret: string): { [id: string]: string[] } {
  const findings = evaluateStack(stack, ALL_RULES).findings.filter((finding) => IDS.includes(finding.ruleId));
  expect(JSON.stringify(findings)).not.toContain(secret);
  return Object.fromEntries(IDS.map((id) => [id, [...new Set(findings.filter((finding) => finding.ruleId === id).map((finding) => finding.status))].sort()]));
}
