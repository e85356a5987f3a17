/**
 * Value readers for the rules (lib/checks/rules/*.ts). The stack model has already evaluated
 * what can be evaluated; these read a value the way Terraform converts it for the attribute's
 * type ("true" and "1" are the bool true, "35" the number 35, 7 the string "7"), and tell an
 * unknown value (an Unknown: known only at plan or apply time) from a missing one.
 */
import { blockOf } from './attribute-reads';
import { isDynamicBlock } from './dynamic-blocks';
import { directiveTemplateRead, isJoinedTemplate, isUnknown, numberText, Unknown, Value } from './hcl-expression';
import { boundItem, EchoScope, echoOf } from './echoed-arguments';
import { publicReading } from './public-references';
import { ReadingMemo } from './reading-memo';
import { expressionEnd } from './traversal-text';
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
 * The functions whose result is their one argument's own text, at most in another case or with white space cut off, so they add
 * no text to it: `sensitive` and `nonsensitive` (they mark the value only), `tostring` (a string as it is), `trimspace`, `chomp`,
 * `lower` and `upper` (Terraform's function reference). Any other function (a decoder, `replace`, `format`, `file`) may make the
 * password from text the configuration writes, or read it from a file beside it: a value under one fails, as before.
 */
const ADDING_NO_TEXT = new Set(['sensitive', 'nonsensitive', 'tostring', 'trimspace', 'chomp', 'lower', 'upper']);

/** What referencesProblem gives for literal text of the value itself (its callers word it). */
const TEXT = 'text';

/** Values followed inside one another, at most; deeper, the value fails closed, saying so (DEEP). */
const MAX_WRAPPING_DEPTH = 32;
/** Why a value read deeper than MAX_WRAPPING_DEPTH fails (50th run, A50a-10: not "literal text", which it may not write). */
const DEEP = `reads values through more than ${MAX_WRAPPING_DEPTH} others, deeper than the checks follow`;

/**
 * Whether a value writes no literal text of the configuration, only what references give (41st run, A41a-1): one reference; a
 * conditional, `coalesce` or `try` whose every choice is such a value (or null, which writes nothing); a template the evaluator
 * read whose every part is one (`${var.a}${var.b}`; an empty literal adds nothing), its directives read; or one under a function
 * of ADDING_NO_TEXT with one argument, `sensitive(data.azurerm_key_vault_secret.s.value)`, as read by the evaluator (its `parts`).
 * A literal, a number, a constant, text beside a reference, a call the evaluator read no parts of, and a template it did not read
 * (literal text may be inside it) are not.
 */
export function fromReferencesOnly(value: unknown, scope?: EchoScope, depth = 0): boolean {
  return referencesProblem(value, scope, depth) === undefined;
}

/**
 * Why a value may write literal text of the configuration (fromReferencesOnly), or undefined when it writes none: a plain reference
 * to an argument a block in the stack writes is read as that argument (echoed-arguments.ts echoOf: `terraform_data.pw.output` with
 * `input = "s3cret"` is that literal; 43rd run, A43b-1), the reason then naming the reference.
 */
function referencesProblem(value: unknown, scope: EchoScope | undefined, depth: number): string | undefined {
  if (value === null) return undefined;
  // Stryker disable next-line ConditionalExpression: equivalent: a value that is no Unknown has no reference, choices, directive or parts, so the lines below give TEXT too
  if (!isUnknown(value)) return TEXT;
  if (depth > MAX_WRAPPING_DEPTH) return DEEP;
  const within = (inner: unknown) => referencesProblem(inner, scope, depth + 1);
  // The judged block's `each.value` over a for_each that is one reference is an item of it (`for_each = var.roles`, `password =
  // each.value.password` reads `var.roles[*].password`), as echoOf binds a block's own item (54th run, after A50c's notes).
  const item = scope?.block === undefined ? value : boundItem(value, scope.block);
  if (item !== value) return within(item);
  if (value.isPlainReference) return publicProblem(value.references[0], scope) ?? echoProblem(value.references[0], scope, depth);
  if (value.choices !== undefined && value.choices.length > 0) return value.choices.map(within).find((problem) => problem !== undefined);
  const read = directiveTemplateRead(value);
  if (read !== undefined) return within(read);
  const decoded = decodedRead(value);
  if (decoded !== undefined) return within(decoded);
  if (value.parts === undefined) return TEXT;
  if (isJoinedTemplate(value)) return value.parts.map((part) => (part === '' ? undefined : within(part))).find((problem) => problem !== undefined);
  const argument = textKeptArgument(value);
  return argument === undefined ? TEXT : within(argument);
}

/**
 * The one argument of a call of ADDING_NO_TEXT, as the evaluator read it (`sensitive(var.p)`, `tostring(azurerm_key_vault.v.id)`),
 * when the value is that call and nothing after it (not `sensitive(var.p)[0]`); undefined for anything else.
 */
export function textKeptArgument(value: Unknown): Value | undefined {
  if (value.parts === undefined) return undefined;
  const call = /^\s*([a-z_][\w-]*)\s*\(/.exec(value.expression);
  if (call === null || !ADDING_NO_TEXT.has(call[1])) return undefined;
  const end = expressionEnd(value.expression, call[0].length, ')');
  // Stryker disable next-line ConditionalExpression,LogicalOperator,MethodExpression: equivalent: the evaluator read the call, so its parenthesis closes (without an end, all the expression would be after it); an index or attribute after it is a second part (`sensitive(var.p)[0]` has the parts `${sensitive(var.p)}` and 0), which the count of parts below refuses, and it keeps no blank at the end
  if (end === undefined || value.expression.slice(end + 1).trim() !== '') return undefined;
  return value.parts.length === 1 ? value.parts[0] : undefined;
}

/** `jsondecode(<a block's attribute>)` and a path of names, indexes or quoted keys after it: group 1 the reference, 2 the path. */
const DECODED_READ = /^\s*jsondecode\(\s*((?:data\.|ephemeral\.)?[a-z][a-z0-9_]*\.[^\s.()[\]]+(?:\[[^\]]*\])?\.[a-z_][\w-]*)\s*\)((?:\s*(?:\.[A-Za-z_][\w-]*|\[\s*(?:\d+|"(?:[^"\\]|\\.)*")\s*\]))+)\s*$/;

/**
 * A key read of a block's JSON text (`jsondecode(data.aws_secretsmanager_secret_version.d.secret_string).password`, the common
 * JSON secret) as the reference with that path (`....secret_string.password`), which echoOf and the lookups' read-back follow
 * into the JSON a writer gives (a `jsonencode(...)`, JSON text): the key, not the user name beside it (77th run, A77a-3/4).
 * Undefined for anything else (a variable's or a module's text is read whole, as before).
 */
export function decodedRead(value: Unknown): Unknown | undefined {
  const found = DECODED_READ.exec(value.expression);
  if (found === null || value.references.length !== 1 || value.references[0] !== found[1] || /^(?:var|local|module)\./.test(found[1])) return undefined;
  const read = `${found[1]}${found[2].replace(/\s+/g, '')}`;
  return new Unknown(read, [read]);
}

/** Why a plain reference gives no secret: it reads text anyone can tell (public-references.ts; 85th run, A85c-2). */
function publicProblem(reference: string, scope: EchoScope | undefined): string | undefined {
  const reading = publicReading(reference, scope?.stack);
  return reading === undefined ? undefined : `reads ${reference}, ${reading}: no secret`;
}

/** The problems of the references one reading meets, each read once (reading-memo.ts). */
const echoProblems = new ReadingMemo<string | undefined>();

/** Why a plain reference may give literal text of the configuration: the argument it reads back, read again (echoOf). */
function echoProblem(reference: string, scope: EchoScope | undefined, depth: number): string | undefined {
  return echoProblems.read(reference, undefined, () => readEchoProblem(reference, scope, depth));
}

function readEchoProblem(reference: string, scope: EchoScope | undefined, depth: number): string | undefined {
  const echo = echoOf(reference, scope);
  if (echo === undefined) return undefined;
  if ('unreadable' in echo) return echo.unreadable;
  for (const [index, written] of echo.values.entries()) {
    if (written === null) continue;
    const inner = isUnknown(written) ? referencesProblem(written, scope, depth + 1) : TEXT;
    if (inner === undefined) continue;
    const input = echo.fromModule?.[index];
    const what = echo.defaulted === true ? 'a variable given literal text by its default or a variable file'
      : input !== undefined ? moduleGives(reference, input) : 'an argument the stack writes with literal text';
    const problem = inner === TEXT ? `reads ${reference}, ${what}` : inner;
    // A lookup's value read as a block of the stack it may find (read-back-lookups.ts): say so, the block's problem after it.
    if (echo.lookedUp !== true) return problem;
    // The block's problem starts with what it reads ("reads ...") or with the reference that reads it (50th run, A50a-11).
    return `reads ${reference}, a lookup that may find what the stack writes: ${problem.startsWith('reads ') ? `it ${problem}` : problem}`;
  }
  return undefined;
}

/**
 * What a module gives back (`module.m.out`), or may store for a lookup (read-back-lookups.ts: the module itself, `module.m`), named
 * by the input it is given literal text in (57th run, A57a-11).
 */
function moduleGives(reference: string, input: string): string {
  const address = blockOf(reference) ?? reference;
  return address === reference ? `a module that may store the literal text the stack gives it in its input ${input}`
    : `an output of ${address}, which may give back the literal text the stack gives the module in its input ${input}`;
}

/**
 * Why a password attribute's value puts the password, or part of it, in the configuration; or
 * undefined when it is absent or written from references only (fromReferencesOnly: a random_password,
 * a variable, a Key Vault secret, also under `sensitive(...)` and the like). A literal, a value built
 * only from constants ("${base64decode("...")}") and literal text mixed with a reference
 * ("P@ss${var.suffix}", `coalesce(var.p, "x")`) all fail. `secret` names what the attribute holds.
 */
export function plainTextPassword(value: unknown, secret = 'the password', scope?: EchoScope): string | undefined {
  if (value === undefined) return undefined;
  if (!isUnknown(value)) return `is a literal, so ${secret} is written in the configuration`;
  if (value.references.length === 0) return `is built only from constants, so ${secret} is written in the configuration`;
  const problem = referencesProblem(value, scope, 0);
  if (problem === undefined) return undefined;
  if (problem !== TEXT) return `${problem}, so ${secret} may be written in the configuration`;
  return `is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of ${secret} may be written in the configuration`;
}
