import { isUnknown, Unknown } from './hcl-expression';
import { ResourceView } from './stack-model';
import { isObject as isJsonObject } from './terraform-json';
import { literalString } from './value-readers';

// How every table reads an azapi block: its Azure type, whether it writes, and its body's properties.

/** A JSON object written in the configuration; an Unknown (a value known only later) is none. */
function isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return isJsonObject(value) && !isUnknown(value);
}

/** The lower-case Azure type of an azapi block without its API version, or undefined when it is not a literal. */
export function azapiType(block: ResourceView): string | undefined {
  return literalString(block.config.type)?.replace(/@.*$/, '').trim().toLowerCase();
}

/** An azapi block that writes: a resource or an update, or an action whose method is PUT or PATCH (or known only later); the default POST reads. */
export function writes(block: ResourceView): boolean {
  const method = block.config.method;
  return block.type !== 'azapi_resource_action' || isUnknown(method) || (typeof method === 'string' && ['put', 'patch'].includes(method.trim().toLowerCase()));
}

/** The properties of an azapi body (an object or its JSON text); an Unknown when the body cannot be read. */
export function bodyProperties(body: unknown, address: string): unknown {
  if (body === undefined) return undefined;
  if (isUnknown(body)) return body;
  const parsed = typeof body === 'string' ? parseJson(body) : body;
  if (!isObject(parsed)) return new Unknown(`the body of ${address}`, []);
  return isObject(parsed.properties) || isUnknown(parsed.properties) ? parsed.properties : parsed.properties === undefined ? undefined : new Unknown(`the body of ${address}`, []);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
    // Stryker disable next-line BlockStatement: equivalent: an empty catch block returns undefined too
  } catch {
    return undefined;
  }
}
