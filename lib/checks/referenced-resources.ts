import { isUnknown } from './hcl-expression';
import { ResourceView } from './stack-model';

/**
 * The resources of one type that a value refers to ("${random_password.pw.result}", or inside a
 * function call), as the stack defines them; a reference to a resource the stack lacks is left out.
 */
export function referencedResources(value: unknown, type: string, resources: ReadonlyMap<string, ResourceView> | undefined): ResourceView[] {
  if (!isUnknown(value) || resources === undefined) return [];
  const addresses = value.references
    .map((reference) => new RegExp(`^${type}\\.([^.[\\]]+)`).exec(reference))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${type}.${match[1]}`);
  return [...new Set(addresses)].map((address) => resources.get(address)).filter((resource): resource is ResourceView => resource !== undefined);
}
