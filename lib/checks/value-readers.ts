/**
 * Value readers for the rules (lib/checks/rules/*.ts). They read the raw
 * Terraform JSON the way Terraform does: "true" and "35" convert to a bool and a number, a
 * nested block may be an object or a list, and a value that holds "${...}" is known only at apply
 * time, so it cannot be judged.
 */
import { fail, isReference, notApplicable, PASS, Verdict } from './rule';
import { firstBlock, ResourceView, ServerView, TerraformBlock } from './stack-model';

/** Not applicable for a server defined outside this stack (its attributes are unknown); undefined otherwise. */
export function outsideStack(server: ServerView): Verdict | undefined {
  return server.defined ? undefined : notApplicable('the server is defined outside this stack');
}

/** True when an attribute is written with a value; a reference counts as written. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** A literal bool as Terraform converts it (true, false, "true", "false"); undefined for anything else. */
export function literalBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/** A literal whole number as Terraform converts it (35 or "35"); undefined for anything else. */
export function literalInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The state of a nested block: absent, present, or not knowable from the configuration. */
export type NestedBlock =
  | { readonly state: 'absent' }
  | { readonly state: 'unknown'; readonly note: string }
  | { readonly state: 'present'; readonly block: TerraformBlock };

/**
 * Reads a nested block of a resource. A block written as an expression or as a `dynamic` block
 * (cdktf writes those under "dynamic") exists only at plan time, so it is unknown.
 */
export function nestedBlock(config: TerraformBlock, name: string): NestedBlock {
  const value = config[name];
  if (isReference(value)) return { state: 'unknown', note: `the ${name} block is known only at apply time` };
  const dynamic = config.dynamic;
  if (typeof dynamic === 'object' && dynamic !== null && name in dynamic) {
    return { state: 'unknown', note: `the ${name} block is written as a dynamic block, known only at plan time` };
  }
  const block = firstBlock(value);
  if (block === undefined || block === null || typeof block !== 'object') return { state: 'absent' };
  return { state: 'present', block };
}

/** The major version of a server when it is a literal ("17" or 17); undefined when it is missing or a reference. */
export function literalMajorVersion(server: ServerView): number | undefined {
  const version = server.config.version;
  if (typeof version === 'number') return Math.floor(version);
  if (typeof version === 'string' && /^\d+(\.\d+)?$/.test(version)) return Math.floor(Number(version));
  return undefined;
}

/** The first item of a list of candidates that satisfies the test, or a failure naming the first candidate's problem. */
export function anyOf(candidates: readonly ResourceView[], problem: (resource: ResourceView) => string | undefined, whenNone: string): Verdict {
  if (candidates.length === 0) return fail(whenNone);
  const problems = candidates.map((resource) => ({ resource, message: problem(resource) }));
  if (problems.some((p) => p.message === undefined)) return PASS;
  return fail(problems[0].message as string, problems[0].resource.address);
}

/**
 * Splits a Terraform string template: the text written literally (every "${...}" interpolation
 * taken out, nested braces followed, "$${" read as an escaped "${") and how many interpolations
 * it holds.
 */
export function splitTemplate(value: string): { readonly literal: string; readonly interpolations: number } {
  let literal = '';
  let interpolations = 0;
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('$${', i)) {
      literal += '${';
      i += 3;
    } else if (value.startsWith('${', i)) {
      interpolations++;
      let depth = 1;
      i += 2;
      while (i < value.length && depth > 0) {
        if (value[i] === '{') depth++;
        else if (value[i] === '}') depth--;
        i++;
      }
    } else {
      literal += value[i];
      i++;
    }
  }
  return { literal, interpolations };
}
