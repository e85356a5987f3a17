import { StackEvaluation } from '../checks/evaluate';
import { StackNotRead } from '../checks/report';
import { TerraformRequirement } from '../checks/terraform-requirement';

/** One stack file the check command judged: what the output formats need to name and locate its findings. */
export interface JudgedStack {
  /** The stack's name (its folder under cdktf.out/stacks). */
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
