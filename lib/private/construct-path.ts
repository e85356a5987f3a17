import { IConstruct } from 'constructs';
import { ValidationError } from './validation-error';

/** Where Terraform JSON reads a string as an expression: an interpolation or a directive. */
const TEMPLATE = /[$%]\{/;

/**
 * Refuses a library construct whose path holds "${" or "%{": the library records the path in the
 * stack's JSON (its suppressions, pins and construct lists), where such a path reads as an
 * expression, not as the construct it names (tenth review, A10a-11).
 */
export function checkConstructPath(scope: IConstruct): void {
  const path = scope.node.path;
  if (!TEMPLATE.test(path)) return;
  throw new ValidationError('CONSTRUCT-PATH-TEMPLATE', 'id', path,
    'is a construct path holding "${" or "%{", which Terraform JSON reads as an expression: the library could not read back what it records of this construct',
    'give the construct, and those above it, ids without "${" or "%{"');
}
