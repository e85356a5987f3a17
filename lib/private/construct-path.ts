import { IConstruct } from 'constructs';
import { holdsTemplateSequence } from './template-text';
import { ValidationError } from './validation-error';

/**
 * Refuses a library construct whose path holds "${" or "%{": the library records the path in the
 * stack's JSON (its suppressions, pins and construct lists), where such a path reads as an
 * expression, not as the construct it names (tenth review, A10a-11).
 */
export function checkConstructPath(scope: IConstruct): void {
  const path = scope.node.path;
  if (!holdsTemplateSequence(path)) return;
  throw new ValidationError('CONSTRUCT-PATH-TEMPLATE', 'id', path,
    'is a construct path holding "${" or "%{", which Terraform JSON reads as an expression: the library could not read back what it records of this construct',
    'give the construct, and those above it, ids without "${" or "%{"');
}
