import { Construct } from 'constructs';
import { stackOfScope } from '../checks/suppression-registry';
import { ValidationError } from '../private/validation-error';

// The scope and id of the library's constructs, checked before `super` hands them to constructs,
// whose Node reads `scope.node` and calls `id.replace` (a TypeError for null, a number, a Proxy)
// (fifteenth review, A15a-5). A derived constructor may run this before `super`: it touches no `this`.

/** The scope, when it is a construct in a stack; otherwise the library's error naming `scope`. */
export function constructScope(scope: unknown, className: string): Construct {
  stackOfScope(scope, { notConstruct: 'CONSTRUCT-SCOPE', noStack: 'CONSTRUCT-SCOPE-NO-STACK' },
    `pass the stack, or the construct in a stack, that the ${className} belongs to`);
  return scope as Construct;
}

/** The id, when it is a non-empty string; otherwise the library's error naming `id`. A boxed String is refused too: its type is string. */
export function constructId(id: unknown, className: string, example: string): string {
  if (typeof id === 'string' && id !== '') return id;
  throw new ValidationError('CONSTRUCT-ID', 'id', id, 'is not a non-empty string',
    `give the ${className} an id: text that stays the same across deployments, e.g. "${example}"`);
}
