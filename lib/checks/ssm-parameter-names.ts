/**
 * How an AWS SSM parameter lookup names what it reads (A68a-2's rest). GetParameter takes a name or an ARN, either with a selector
 * after a colon: `/db/pw:3` reads version 3, `/db/pw:prod` the version the label `prod` is on (a label moves only by hand). A name
 * holds no colon, so past an ARN's `…:parameter/` prefix any colon outside an interpolation starts a selector.
 */
import { isUnknown } from './hcl-expression';
import { splitTemplate } from './value-readers';

/** The lookup types that read SSM parameters by `name`. */
export const SSM_PARAMETER_LOOKUPS: ReadonlySet<string> = new Set(['aws_ssm_parameter']);

const ARN_PREFIX = /^arn:[^:]*:ssm:[^:]*:[^:]*:parameter\//i;

/** The name as written: a literal, or a template's text with its constants read; undefined for anything else. */
function nameText(name: unknown): string | undefined {
  return typeof name === 'string' ? name : isUnknown(name) ? name.spelling : undefined;
}

/** The name a lookup reads a parameter by: `name`, or `arn` (the ephemeral aws_ssm_parameter's: 70th run, A70a-2). */
export function parameterNameOf(config: { readonly [key: string]: unknown }): unknown {
  return config.name ?? config.arn;
}

/** A name that is a parameter's own name or ARN (`${aws_ssm_parameter.s.arn}`), with what follows it: the parameter's address. */
const OWN_NAME = /^\$\{(aws_ssm_parameter\.[^.}[\]]+)(?:\[[^\]]*\])?\.(?:name|arn|id)\}(.*)$/s;

/** The parameter of the stack a name is spelled from (`${aws_ssm_parameter.s.name}:1` names aws_ssm_parameter.s), or undefined. */
export function referencedParameter(name: unknown): string | undefined {
  return isUnknown(name) ? OWN_NAME.exec(name.spelling)?.[1] : undefined;
}

/**
 * Whether a lookup's name reads one version (a version number or a label after a colon). A name known only later may hold one
 * (`var.param` = "/db/pw:1", `format("%s:%d", …)`: 70th run, A70a-1), unless it is a parameter's own name, ARN or ID, alone or
 * followed by that parameter's own `version`, which moves with every write (A70a-7).
 */
export function hasSelector(name: unknown): boolean {
  const text = nameText(name);
  if (text === undefined) return false;
  const own = OWN_NAME.exec(text);
  if (own !== null) return own[2] !== '' && own[2] !== `:\${${own[1]}.version}`;
  // A selector ends the name: its last segment may hold one when it has a colon or a part known only later (`/db/${var.name}`);
  // a part known only later before it (`/${var.env}/db/pw`) does not (71st run, A71a-2).
  const last = splitTemplate(text.trim().replace(ARN_PREFIX, ''), '\u0000').literal.split('/').pop() ?? '';
  return last.includes(':') || last.includes('\u0000');
}

/**
 * Whether two names may name one parameter (`sameText` compares two texts that may be known only later): a literal compares without
 * an ARN's prefix, its leading `/` (an ARN drops it) or a selector; a value known only later with a selector may name any parameter.
 */
export function mayNameOneParameter(name: unknown, other: unknown, sameText: (a: unknown, b: unknown) => boolean): boolean {
  const [mine, theirs] = [plainName(name), plainName(other)];
  if ([mine, theirs].some((each) => typeof each !== 'string' && hasSelector(each))) return true;
  if (typeof mine === 'string' && typeof theirs === 'string') return sameText(mine, theirs);
  const literal = typeof mine === 'string' ? mine : typeof theirs === 'string' ? theirs : undefined;
  const later = literal === mine ? theirs : mine;
  return sameText(mine, theirs) || (literal !== undefined && sameText(later, `/${literal}`));
}

/**
 * A literal name without an ARN's prefix, its leading `/` and a selector; an ARN spelled with a region or account known only later
 * by its literal name; anything else as it is.
 */
function plainName(name: unknown): unknown {
  const arnName = isUnknown(name) ? /^arn:[^/]*:parameter\/([^${}]*)$/.exec(name.spelling)?.[1] : undefined;
  const text = typeof name === 'string' ? name : arnName;
  return text === undefined ? name : text.trim().replace(ARN_PREFIX, '').replace(/^\//, '').replace(/:.*$/s, '');
}
