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
