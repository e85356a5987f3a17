import { fail, isReference, notApplicable, PASS, Verdict } from './rule';
import { ServerView } from './stack-model';

/**
 * Judges a server parameter that must be set explicitly to a value: a missing configuration
 * resource fails (Azure defaults differ by version and age, and scanners read only what is
 * written), a reference cannot be judged, any other value fails.
 */
export function parameterEquals(server: ServerView, name: string, expected: string): Verdict {
  return parameterSatisfies(server, name, `"${expected}"`, (value) => value.toLowerCase() === expected.toLowerCase());
}

/** Like parameterEquals, with any test of the value. */
export function parameterSatisfies(server: ServerView, name: string, wanted: string, test: (value: string) => boolean): Verdict {
  const parameter = server.parameters.get(name);
  if (parameter === undefined) return fail(`server parameter ${name} is not set (it must be ${wanted}).`);
  const value = parameter.config.value;
  if (isReference(value)) return notApplicable(`${name} is known only at apply time`);
  if (typeof value !== 'string' || !test(value)) return fail(`server parameter ${name} is ${JSON.stringify(value)}, not ${wanted}.`, parameter.address);
  return PASS;
}

/** A server attribute that must be exactly a value; a missing attribute fails (the provider default is not relied on). */
export function attributeEquals(server: ServerView, attribute: string, expected: unknown, whenMissing?: string): Verdict {
  if (!server.defined) return notApplicable('the server is defined outside this stack');
  const value = server.config[attribute];
  if (value === undefined) return fail(whenMissing ?? `${attribute} is not set (it must be ${JSON.stringify(expected)}).`);
  if (isReference(value)) return notApplicable(`${attribute} is known only at apply time`);
  if (value !== expected) return fail(`${attribute} is ${JSON.stringify(value)}, not ${JSON.stringify(expected)}.`);
  return PASS;
}
