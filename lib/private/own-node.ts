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
 * them first (adversarial run 74, H74-3 to H74-5). Checked after the props are read (a props getter is the caller's code, and can
 * reach the construct through its scope) and before the first field is set: a subclass accessor of such a name would take the
 * values the constructor sets, and a read-only property of that name would make the assignment a TypeError (J74-5). Returns the
 * step that seals them, for the end of the constructor, which checks again what code run since may have defined; an assignment
 * then throws in strict mode and is ignored otherwise, and a field left unset stays undefined. A subclass class field of such a
 * name is set after the constructor returns: the language's TypeError is what refuses it (docs/errors.md).
 */
export function guardFields<T extends IConstruct>(construct: T, className: string, names: readonly (keyof T & string)[]): () => void {
  refuseDefined(construct, className, names, true);
  return () => {
    refuseDefined(construct, className, names, false);
    for (const name of names) {
      const value: unknown = Object.getOwnPropertyDescriptor(construct, name)?.value;
      Object.defineProperty(construct, name, { value, writable: false, configurable: false, enumerable: true });
    }
  };
}

/**
 * Refuses a name that something other than the constructor's own assignment defined. `unset`: before the constructor sets any field,
 * when even a plain value is another's (a props getter's assignment to a field the constructor leaves unset would stay: P75-11).
 */
function refuseDefined(construct: IConstruct, className: string, names: readonly string[], unset: boolean): void {
  for (const name of names) {
    const found = unset && Object.getOwnPropertyDescriptor(construct, name)?.writable === true ? '(a value set before the constructor set it)' : foreignDefinition(construct, name);
    if (found === undefined) continue;
    throw new ValidationError('CONSTRUCT-FIELD-OVERRIDDEN', name, new Unshown(found),
      `is not a field of this ${className}: the library's other constructs read the value it sets, which such a definition could replace or refuse`,
      `remove ${name} from the subclass of ${className} (or from the code that defines it on the construct while it is built); read the field, or add fields of other names`);
  }
}

/**
 * What defines the name other than a plain assignment: the nearest definition on a prototype (none is the inherited default),
 * or an own one that an assignment would not have made (an accessor, or a property already read-only or fixed).
 */
function foreignDefinition(object: object, name: string): string | undefined {
  const own = Object.getOwnPropertyDescriptor(object, name);
  if (own !== undefined) {
    if (!('value' in own)) return '(an accessor)';
    return own.writable === true && own.configurable === true ? undefined : '(a read-only or non-configurable property)';
  }
  // A construct frozen, sealed or made non-extensible while it is built can take no field (adversarial run adv75d, P75-10).
  if (!Object.isExtensible(object)) return '(a construct that takes no new property: frozen, sealed or made non-extensible)';
  for (let at = Object.getPrototypeOf(object) as object | null; at !== null; at = Object.getPrototypeOf(at) as object | null) {
    const inherited = Object.getOwnPropertyDescriptor(at, name);
    if (inherited !== undefined) return 'value' in inherited ? '(a value on the prototype)' : '(an accessor)';
  }
  return undefined;
}
