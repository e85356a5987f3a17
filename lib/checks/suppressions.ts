import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { MIN_JUSTIFICATION_LENGTH } from '../private/validate';
import { ValidationError } from '../private/validation-error';

/** A rule switched off for a construct and everything below it, with the reason a reviewer reads. */
export interface Suppression {
  /** Construct path the suppression covers, e.g. "stack/Postgres" or "stack/Postgres/Server". */
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Suppressions travel inside the synthesized JSON, under the top-level "//" comment that
 * Terraform ignores, so `check` on a cdk.tf.json honours the same suppressions synth did.
 */
export const SUPPRESSIONS_KEY = 'cdktf-azure-postgres-suppressions';

const RULE_ID = /^[A-Z]+(-[A-Z0-9]+)+$/;
const registry = new WeakMap<TerraformStack, Suppression[]>();

/** Records a suppression on a construct's stack; a reason shorter than 10 characters is refused. */
export function addSuppression(scope: IConstruct, ruleId: string, reason: string): void {
  if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) {
    throw new ValidationError('ruleId', ruleId, 'is not a rule id', 'use an id such as "PGF-NET-1" (see the security report)');
  }
  if (typeof reason !== 'string' || reason.trim().length < MIN_JUSTIFICATION_LENGTH) {
    throw new ValidationError(
      'reason',
      reason,
      `does not explain the suppression of ${ruleId}`,
      `say why in at least ${MIN_JUSTIFICATION_LENGTH} characters; the reason is printed in the security report`,
    );
  }
  const stack = TerraformStack.of(scope);
  const list = registry.get(stack) ?? [];
  list.push({ path: scope.node.path, ruleId, reason });
  registry.set(stack, list);
  stack.addOverride(`//.${SUPPRESSIONS_KEY}`, list);
}

/** Suppresses several rules for a construct with one reason (the constructs' own weaker choices). */
export function suppressRules(scope: IConstruct, ruleIds: readonly string[], reason: string): void {
  ruleIds.forEach((ruleId) => addSuppression(scope, ruleId, reason));
}

/** Why the constructs accept platform-managed keys by default, as their reports say. */
export const PLATFORM_KEYS_REASON = 'platform-managed keys are the library default; set customerManagedKey to use your own (CIS DB 6.1, Level 2)';

/** The suppressions written into a stack's Terraform JSON. */
export function readSuppressions(terraform: { [key: string]: unknown }): Suppression[] {
  const comment = terraform['//'] as { [key: string]: unknown } | undefined;
  const list = comment?.[SUPPRESSIONS_KEY];
  return Array.isArray(list) ? (list as Suppression[]) : [];
}

/** The suppression of a rule that covers a construct path, if any. */
export function findSuppression(suppressions: readonly Suppression[], ruleId: string, path: string | undefined): Suppression | undefined {
  if (path === undefined) return undefined;
  return suppressions.find((s) => s.ruleId === ruleId && (path === s.path || path.startsWith(`${s.path}/`)));
}
