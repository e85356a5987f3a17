import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { recordWarning } from '../checks/suppression-registry';

/** Prefix of every warning the library prints, followed by a stable id users can grep for. */
export const WARNING_PREFIX = 'cdktf-azure-postgres';

/**
 * Prints a warning at synth. A weakened default carries the user's justification so that a
 * reviewer reading the pipeline log sees the choice and the reason side by side.
 */
export function warn(scope: IConstruct, id: string, message: string, justification?: string): void {
  const reason = justification === undefined ? '' : ` Justification: "${justification}".`;
  const text = `[${WARNING_PREFIX}:${id}] ${message}.${reason}`;
  Annotations.of(scope).addWarning(text);
  // The security report counts it too, also when it is read from cdk.tf.json by the check command.
  recordWarning(scope, id, text);
}
