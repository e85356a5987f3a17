/**
 * Value readers for the rules (lib/checks/rules/*.ts). The stack model has already evaluated
 * what can be evaluated; these read a value the way Terraform converts it for the attribute's
 * type ("true" and "1" are the bool true, "35" the number 35, 7 the string "7"), and tell an
 * unknown value (an Unknown: known only at plan or apply time) from a missing one.
 */
import { isDynamicBlock } from './dynamic-blocks';
import { isUnknown, numberText } from './hcl-expression';
import { fail, notApplicable, PASS, unknown, Verdict } from './rule';
import { firstBlock, ServerView, TerraformBlock } from './stack-model';

/** Not applicable for a server defined outside this stack (its attributes are unknown); undefined otherwise. */
export function outsideStack(server: ServerView): Verdict | undefined {
  return server.defined ? undefined : notApplicable('the server is defined outside this stack');
}

/** True when an attribute is written with a value; a value known only later counts as written. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** A bool as Terraform converts it (true, "true", "1"; false, "false", "0"); undefined for anything else. */
export function literalBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  return undefined;
}

/** A whole number as Terraform converts it (35, "35", "35.0"); undefined for anything else. */
export function literalInteger(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value) ? Number(value) : undefined;
  // Stryker disable next-line ConditionalExpression: equivalent: without the first test, Number.isInteger(undefined) is false
  return number !== undefined && Number.isInteger(number) ? number : undefined;
}

/** A string as Terraform converts it (numbers and bools turn into their text); undefined for anything else. */
export function literalString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** The state of a nested block: absent, present, or not knowable from the configuration. */
export type NestedBlock =
  | { readonly state: 'absent' }
  | { readonly state: 'unknown'; readonly note: string }
  | { readonly state: 'present'; readonly block: TerraformBlock };

/**
 * Reads a nested block of a resource (or of a block). A block written as an expression or as a
 * `dynamic` block (cdktf writes those under "dynamic", an object or a list of them) exists only at
 * plan time, so it is unknown.
 */
export function nestedBlock(config: TerraformBlock, name: string): NestedBlock {
  const value = config[name];
  if (isUnknown(value)) return { state: 'unknown', note: `the ${name} block is known only at apply time` };
  if (isDynamicBlock(config, name)) {
    return { state: 'unknown', note: `the ${name} block is written as a dynamic block, known only at plan time` };
  }
  const block = firstBlock(value);
  if (block === undefined) return { state: 'absent' };
  return { state: 'present', block };
}

/** The major version of a server when it is known ("17" or 17); undefined when it is missing or known only later. */
export function literalMajorVersion(server: ServerView): number | undefined {
  // Stryker disable next-line StringLiteral: equivalent: any text that is not a version reads as none
  const version = literalString(server.config.version) ?? '';
  if (/^\d+(\.\d+)?$/.test(version)) return Math.floor(Number(version));
  return undefined;
}

/**
 * A server attribute that must be one value, compared as Terraform converts it to the expected
 * value's type. A missing attribute fails (the provider default is not relied on); a value known
 * only later is unknown.
 */
export function attributeEquals(server: ServerView, attribute: string, expected: boolean | string, whenMissing?: string): Verdict {
  if (!server.defined) return notApplicable('the server is defined outside this stack');
  const value = server.config[attribute];
  if (value === undefined) return fail(whenMissing ?? `${attribute} is not set (it must be ${JSON.stringify(expected)}).`);
  if (isUnknown(value)) return unknown(`${attribute} is known only at apply time`);
  const actual = typeof expected === 'boolean' ? literalBoolean(value) : literalString(value);
  if (actual !== expected) return fail(`${attribute} is ${JSON.stringify(value)}, not ${JSON.stringify(expected)}.`);
  return PASS;
}

/**
 * Splits a Terraform string template: the text written literally (every "${...}" interpolation
 * taken out, or replaced by `placeholder`, or by what it gives for the interpolation's expression,
 * nested braces followed, "$${" read as an escaped "${") and how many interpolations it holds.
 */
export function splitTemplate(value: string, placeholder: string | ((expression: string) => string) = ''): { readonly literal: string; readonly interpolations: number } {
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
      const start = i;
      // Stryker disable next-line EqualityOperator: equivalent: past the end there is no brace to count
      while (i < value.length && depth > 0) {
        if (value[i] === '{') depth++;
        else if (value[i] === '}') depth--;
        i++;
      }
      literal += typeof placeholder === 'string' ? placeholder : placeholder(value.slice(start, depth === 0 ? i - 1 : i));
    } else {
      literal += value[i];
      i++;
    }
  }
  return { literal, interpolations };
}

/**
 * Why a password attribute's value puts the password, or part of it, in the configuration; or
 * undefined when it is absent or one plain reference (to a random_password, a variable, a Key Vault
 * secret). A literal, a value built only from constants ("${base64decode("...")}") and literal text
 * mixed with a reference ("P@ss${var.suffix}") all fail. `secret` names what the attribute holds.
 */
export function plainTextPassword(value: unknown, secret = 'the password'): string | undefined {
  if (value === undefined) return undefined;
  if (!isUnknown(value)) return `is a literal, so ${secret} is written in the configuration`;
  if (value.isPlainReference) return undefined;
  if (value.references.length === 0) return `is built only from constants, so ${secret} is written in the configuration`;
  return `is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of ${secret} may be written in the configuration`;
}
