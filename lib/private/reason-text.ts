// What makes a justification or a suppression reason acceptable. Pure (no cdktf), so the
// constructs, PostgresSecurityChecks.suppress and the `check` command judge a reason alike.

/** The least number of visible characters a justification or suppression reason must have. */
export const MIN_REASON_LENGTH = 10;

/** Characters a reader sees: letters, digits, punctuation and symbols. Spaces, controls and zero-width or other format characters do not count. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/gu;

/** How many characters of the text a reader sees. */
export function visibleLength(text: string): number {
  return text.match(VISIBLE)?.length ?? 0;
}

/**
 * Why a text cannot serve as a reason, or undefined when it can. It must be a string, hold no
 * Terraform template sequence ("${" or "%{", which the report would show unresolved) and have at
 * least MIN_REASON_LENGTH visible characters.
 */
export function reasonProblem(text: unknown): string | undefined {
  if (typeof text !== 'string') return 'is not text';
  if (text.includes('${') || text.includes('%{')) return 'is a Terraform expression or template, known only at apply time, not text a reviewer can read';
  if (visibleLength(text) === 0) return 'is empty or blank';
  if (visibleLength(text) < MIN_REASON_LENGTH) return `has fewer than ${MIN_REASON_LENGTH} visible characters`;
  return undefined;
}
