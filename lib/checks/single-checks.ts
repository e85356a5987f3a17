/**
 * Helpers for the Single Server rules (PGS-*). Only the PGS-* rules use them.
 */
import { fail, isReference, notApplicable, PASS, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';

/**
 * Judges a Single Server parameter (an azurerm_postgresql_configuration) that must be written.
 * Unlike parameterSatisfies, it takes a number or boolean value as Terraform does (it turns it into
 * a string), and a parameter missing on a server defined outside this stack is not applicable:
 * that server may set it wherever it is managed.
 */
export function singleParameter(server: ServerView, name: string, wanted: string, test: (value: string) => boolean): Verdict {
  const parameter = server.parameters.get(name);
  if (parameter === undefined) {
    if (!server.defined) return notApplicable(`the server is defined outside this stack, and this stack does not set ${name}`);
    return fail(`server parameter ${name} is not set (it must be ${wanted}).`);
  }
  const raw = parameter.config.value;
  if (isReference(raw)) return notApplicable(`${name} is known only at apply time`);
  const value = typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
  if (typeof value !== 'string' || !test(value)) return fail(`server parameter ${name} is ${JSON.stringify(raw)}, not ${wanted}.`, parameter.address);
  return PASS;
}

/** A Single Server parameter that must be written as "on" (any case). */
export function singleParameterOn(server: ServerView, name: string): Verdict {
  return singleParameter(server, name, '"on"', (value) => value.trim().toLowerCase() === 'on');
}

/**
 * A rule that needs at least one child resource of the server (an Entra administrator, a key, a
 * private endpoint...). A server defined outside this stack may have it elsewhere: not applicable
 * unless this stack gives it one.
 */
export function requireChild(server: ServerView, children: readonly ResourceView[], missing: string, what: string): Verdict {
  if (children.length > 0) return PASS;
  if (!server.defined) return notApplicable(`the server is defined outside this stack, and this stack gives it no ${what}`);
  return fail(missing);
}
