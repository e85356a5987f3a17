import { createHash } from 'crypto';
import { Finding, STACK_ADDRESS } from '../checks/evaluate';
import { printable } from '../private/reason-text';

/**
 * The fingerprints code scanning tracks a stack's findings by across runs, in the findings' order: where and what (stack, rule,
 * server, the block at fault), whether it was accepted (a failure never shares a suppressed result's, so it cannot ride on an alert
 * closed as suppressed), and a digest of its message (two weakenings one rule finds on one block are two alerts). Findings equal in
 * all of these get a counter, in order, so no two results share one (92nd run, A92a-1).
 */
export function findingFingerprints(stack: string, findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const target = finding.address ?? (finding.server === STACK_ADDRESS ? '' : finding.server);
    const accepted = finding.status === 'suppressed' ? 'suppressed' : 'open';
    const digest = createHash('sha256').update(finding.message ?? '').digest('hex').slice(0, 16);
    // Escaped as the rest of the log (a bidi control stays out of the file, stop 70, C13); text without such characters is unchanged.
    const key = printable([stack, finding.ruleId, finding.server, target, accepted, digest].join('|'));
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    return count === 0 ? key : `${key}|${count}`;
  });
}
