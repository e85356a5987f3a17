import { isUnknown } from './hcl-expression';
import { ResourceView } from './stack-model';

/**
 * The resources of one type that a value refers to ("${random_password.pw.result}", or inside a
 * function call), as the stack defines them; a reference to a resource the stack lacks is left out.
 */
export function referencedResources(value: unknown, type: string, resources: ReadonlyMap<string, ResourceView> | undefined): ResourceView[] {
  if (!isUnknown(value) || resources === undefined) return [];
  const addressOf = addressPattern(type);
  const addresses = value.references
    .map((reference) => addressOf.exec(reference))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${type}.${match[1]}`);
  return [...new Set(addresses)].map((address) => resources.get(address)).filter((resource): resource is ResourceView => resource !== undefined);
}

/** One expression per type, made once: the checks ask for the same few types thousands of times. */
const patterns = new Map<string, RegExp>();

function addressPattern(type: string): RegExp {
  let pattern = patterns.get(type);
  if (pattern === undefined) {
    pattern = new RegExp(`^${type}\\.([^.[\\]]+)`);
    patterns.set(type, pattern);
  }
  return pattern;
}
