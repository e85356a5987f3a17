import { dirname, relative } from 'path';
import { StackEvaluation } from '../checks/evaluate';
import { StackNotRead } from '../checks/report';
import { TerraformRequirement } from '../checks/terraform-requirement';

/** One stack file the check command judged: what the output formats need to name and locate its findings. */
export interface JudgedStack {
  /** The stack's name (its folder under cdktf.out/stacks), or its folder's path where another judged stack has its name (withDistinctNames). */
  readonly name: string;
  /** The cdk.tf.json path as given (relative to the working directory, or absolute). */
  readonly file: string;
  /** The file's text, for the line of each resource. */
  readonly text: string;
  readonly evaluation: StackEvaluation;
  /** The Terraform version the stack needs, when it writes write-only attributes. */
  readonly terraform?: TerraformRequirement;
  /** Configuration files beside cdk.tf.json that Terraform skips by their names (a leading "."), so check does too. */
  readonly ignored?: readonly string[];
  /** The stacks of its app (by the app's manifest) that check was not given: this stack was judged without them. */
  readonly stacksNotRead?: readonly StackNotRead[];
  /** What check warns of how the stack was read (the app's stacks not given, an unreadable manifest), printed on stderr. */
  readonly notes?: readonly string[];
}

/**
 * The stacks, each named by the path of its folder from the folder given where another judged stack has the same name (two apps of
 * a monorepo, each with a stack "main"): the summary, every format and the SARIF fingerprints name a stack, and two of one name
 * could not say which app's failed, and shared fingerprints, so dismissing one alert dismissed the other (stop 70, C4). A name no
 * other stack has is kept, and with it the fingerprints code scanning already tracks.
 */
export function withDistinctNames(stacks: readonly JudgedStack[], target: string): JudgedStack[] {
  const count = new Map<string, number>();
  for (const { name } of stacks) count.set(name, (count.get(name) ?? 0) + 1);
  return stacks.map((stack) => (count.get(stack.name)! > 1 ? { ...stack, name: relative(target, dirname(stack.file)) || dirname(stack.file) } : stack));
}
