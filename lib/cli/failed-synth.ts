import { statSync } from 'fs';
import { join } from 'path';
import { REPORT_BASENAME } from '../checks/report';
import { BadInput } from './bad-input';
import { STACK_FILE } from './stack-folder';
import { readRegularText } from './stack-text';

/** The report synth writes in a stack's folder, marked synthFailed when synth failed for the stack. */
export const FAILED_SYNTH_REPORT = `${REPORT_BASENAME}.json`;
const REPORT_FILE = FAILED_SYNTH_REPORT;
const HCL_FILE = 'cdk.tf';

/**
 * Why a stack folder (cdktf.out/stacks/<stack>) cannot be judged although it may hold a
 * cdk.tf.json, or undefined when nothing says so. When synth fails on an error finding, the
 * library writes the stack's report there, marked synthFailed, and cdktf writes no cdk.tf.json:
 * the folder then holds the report alone, or beside it the cdk.tf.json of an earlier synth, which
 * is not what the code now makes. Judging the other stacks only, or that stale file, would pass a
 * gate the code fails. A stack file given by another name (main.tf.json) is the folder's stack
 * file: the report's synthFailed refuses it the same way (thirty-seventh review, A37b-1).
 */
export function failedSynthOf(folder: string, stackFile: string = STACK_FILE): string | undefined {
  const report = join(folder, REPORT_FILE);
  if (!isThere(report)) return undefined;
  const stack = isThere(join(folder, stackFile));
  const synthFailed = synthFailedIn(folder);
  if (typeof synthFailed === 'string') return synthFailed;
  if (synthFailed) return failedMessage(folder, stack ? stackFile : undefined);
  // cdktf's HCL output (hclOutput in cdktf.json, or --hcl) writes cdk.tf: synth ran, but there is no JSON to judge.
  if (!stack && isThere(join(folder, HCL_FILE))) {
    return `${folder}: holds ${HCL_FILE}, cdktf's HCL output, which check cannot read (it judges ${STACK_FILE}); synthesize JSON for the gate: remove hclOutput from cdktf.json (or --hcl from cdktf synth)`;
  }
  if (!stack) return `${folder}: holds ${REPORT_FILE} but no ${STACK_FILE}, so synth did not finish for this stack or the file was removed; synth again`;
  return undefined;
}

/**
 * Why a folder outside a folder of stacks cannot pass, or undefined: its report says synth failed. An artifact's upload may drop
 * the folders above the stacks', so `art/b` is a stack folder copied out of cdktf.out/stacks (adversarial run of stop 79, B79-1).
 * Any other report there (one `check --report` wrote, a report that is not JSON) says nothing of a synth.
 */
export function copiedFailedSynthOf(folder: string): string | undefined {
  if (!isThere(join(folder, REPORT_FILE)) || synthFailedIn(folder) !== true) return undefined;
  return failedMessage(folder, isThere(join(folder, STACK_FILE)) ? STACK_FILE : undefined);
}

/** The synthFailed mark of a folder's report, or why the report cannot be read. */
function synthFailedIn(folder: string): boolean | string {
  try {
    return (JSON.parse(readRegularText(join(folder, REPORT_FILE))) as { synthFailed?: unknown }).synthFailed === true;
  } catch (error) {
    // A parser's message quotes the text it stopped at: through a link, the first characters of any file, a secret's too (Y78-20).
    const reason = error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message;
    return `${folder}: ${REPORT_FILE} cannot be read (${reason}), so whether cdktf synth failed for this stack is unknown; synth again`;
  }
}

function failedMessage(folder: string, staleFile: string | undefined): string {
  const left = staleFile !== undefined ? `its ${staleFile} is left from an earlier synth` : `there is no ${STACK_FILE}`;
  return `${folder}: cdktf synth failed for this stack (its ${REPORT_FILE} says synthFailed), so ${left} and the stack cannot be judged; fix the error findings that report lists, then synth again`;
}

/**
 * Whether a file is there. One that cannot be looked at (a folder the user may list but not enter) may be the report of a failed
 * synth: bad input, never taken as absent (adversarial run of stop 78, Y78-19).
 */
function isThere(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw new BadInput(`${path}: cannot be read (${(error as Error).message}), so whether cdktf synth failed for this stack is unknown; let the user that runs check read the folder`);
  }
}
