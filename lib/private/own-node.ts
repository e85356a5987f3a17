import { types } from 'util';
import { IConstruct, Node } from 'constructs';
import { Unshown, ValidationError } from './validation-error';

/**
 * Keeps the Node that constructs made for a library construct as its own, read-only `node`. A
 * subclass that defines `node` (an accessor on its prototype receives the real Node from Construct's
 * constructor) could hand the library and cdktf a view of it that hides a resource from the made
 * list, the pins and the JSON, or reports another path and turns the construct's checks off
 * (fourteenth review, A14a-9). Checked right after `super`, before the construct reads its node.
 */
export function sealNode(construct: IConstruct, scope: IConstruct, className: string): void {
  const own = Object.getOwnPropertyDescriptor(construct, 'node');
  const node: unknown = own !== undefined && 'value' in own ? own.value : undefined;
  const made = node instanceof Object && !types.isProxy(node) && Object.getPrototypeOf(node) === Node.prototype
    && (node as Node).scope === scope && scope.node.tryFindChild((node as Node).id) === construct;
  if (!made) {
    throw new ValidationError('CONSTRUCT-NODE-OVERRIDDEN', 'node', new Unshown(own === undefined ? '(an accessor)' : '(another object)'),
      `is not the node that constructs made for this ${className}: a subclass that redefines node could hide the construct's resources from its checks and from the JSON`,
      `remove node from the subclass of ${className}`);
  }
  Object.defineProperty(construct, 'node', { value: node, writable: false, configurable: false, enumerable: own!.enumerable });
}

/**
 * Makes a library construct's public fields read-only at run time, as `readonly` is at compile time only: the library's other
 * constructs trust them (a DatabaseAccess checks its props against the server's lists), and a JavaScript caller could reassign
 * them first (adversarial run 74, H74-3 to H74-5). Checked right after `super`: a subclass accessor of such a name would take
 * the values the constructor sets. Returns the step that seals them, for the end of the constructor; an assignment then throws
 * in strict mode and is ignored otherwise, and a field left unset stays undefined.
 */
export function guardFields<T extends IConstruct>(construct: T, className: string, names: readonly (keyof T & string)[]): () => void {
  const redefined = names.find((name) => isAccessor(construct, name));
  if (redefined !== undefined) {
    throw new ValidationError('CONSTRUCT-FIELD-OVERRIDDEN', redefined, new Unshown('(an accessor)'),
      `is not a field of this ${className}: the library's other constructs read the value it sets, which an accessor could replace`,
      `remove ${redefined} from the subclass of ${className}`);
  }
  return () => {
    for (const name of names) {
      const value: unknown = Object.getOwnPropertyDescriptor(construct, name)?.value;
      Object.defineProperty(construct, name, { value, writable: false, configurable: false, enumerable: true });
    }
  };
}

/** Whether the nearest definition of the name, on the object or a prototype, is an accessor. */
function isAccessor(object: object, name: string): boolean {
  for (let at: object | null = object; at !== null; at = Object.getPrototypeOf(at) as object | null) {
    const own = Object.getOwnPropertyDescriptor(at, name);
    if (own !== undefined) return !('value' in own);
  }
  return false;
}
