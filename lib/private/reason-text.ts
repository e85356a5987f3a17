// What makes a justification or a suppression reason acceptable. Pure (no cdktf), so the
// constructs, PostgresSecurityChecks.suppress and the `check` command judge a reason alike.

import { holdsTemplateSequence } from './template-text';

/** The least number of letters and digits a justification or suppression reason must have. */
export const MIN_REASON_LENGTH = 10;

/**
 * Characters a reader cannot see, or that change the lines around them where a reason is printed:
 * controls (ESC starts a terminal escape sequence), line and paragraph separators, format
 * characters (zero-width, bidirectional overrides), Unicode's default-ignorable code points (the
 * Hangul fillers U+115F, U+1160, U+3164, U+FFA0 among them), private-use, unassigned and lone
 * surrogate code points, and symbols that render blank or as a placeholder: the Braille blank
 * U+2800, U+FFFC and U+FFFD, the musical null notehead U+1D159 and the Khitan filler U+16FE4.
 */
const UNREADABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800\ufffc\ufffd\u{1d159}\u{16fe4}]/u;
const UNREADABLE_ALL = new RegExp(UNREADABLE.source, 'gu');
/**
 * Every space separator but U+0020: a reader cannot tell them from a space, or sees nothing at all
 * (the hair and thin spaces), so a name holding one reads like another. A reason may hold them.
 */
const UNUSUAL_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/u;
/** What a printer shows escaped: the unreadable characters and the unusual spaces. */
const INDISTINCT_ALL = new RegExp(`${UNREADABLE.source}|${UNUSUAL_SPACE.source}`, 'gu');
/** What a reader sees: anything but spaces and the characters above. */
const VISIBLE = new RegExp(`(?!${UNREADABLE.source})[^\\p{Z}]`, 'gu');
/** What counts toward the length: letters and digits (ten dots say nothing). */
const LETTER_OR_DIGIT = new RegExp(`(?!${UNREADABLE.source})[\\p{L}\\p{N}]`, 'gu');

/** Why a text cannot serve as a reason: what the constructs' errors are named by. */
export type ReasonFault = 'not-text' | 'template' | 'blank' | 'unreadable' | 'short' | 'long';

/** The first character of the text a reader cannot see or that breaks its line, as U+XXXX; undefined when there is none. */
export function unreadableCharacter(text: string): string | undefined {
  return codePointOf(UNREADABLE.exec(text)?.[0]);
}

/**
 * Three spaces or more in a row (any space character): where a reason is printed on one line, a run of them pushes what follows out of sight or, in a log
 * that wraps lines, onto a line of its own that looks like another finding (62nd run, A62a-2). Two after a full stop are usual.
 */
const SPACE_RUN = /\p{Zs}{3,}/u;

/**
 * Nine combining marks or more in a row: stacked on one letter they draw over the lines above and below where the reason is
 * printed (adversarial run of stop 77, U77-11). Writing uses up to a few on one letter (Vietnamese two, Tibetan stacks four).
 */
const MARK_RUN = /\p{M}{9,}/u;

/**
 * The most characters a reason may have: a sentence or two, with a ticket for the rest. Printed on one line, a longer one pushes what
 * follows out of sight, and any padding in it can place a forged line where a log wraps (63rd run, A63a-3).
 */
export const MAX_REASON_LENGTH = 300;

/** What of the text hides or forges text where it is printed, in words: `U+001B, a control, ...` or `a run of 300 spaces`; undefined when nothing. */
export function unreadablePart(text: string): string | undefined {
  const character = unreadableCharacter(text);
  if (character !== undefined) return `${character}, a control, line break or invisible character,`;
  const run = SPACE_RUN.exec(text)?.[0];
  if (run !== undefined) return `a run of ${[...run].length} spaces,`;
  const marks = MARK_RUN.exec(text)?.[0];
  return marks === undefined ? undefined : `a run of ${[...marks].length} combining marks,`;
}

/** The first space of the text other than U+0020, as U+XXXX; undefined when there is none. */
export function unusualSpace(text: string): string | undefined {
  return codePointOf(UNUSUAL_SPACE.exec(text)?.[0]);
}

function codePointOf(found: string | undefined): string | undefined {
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** How many letters and digits of the text a reader sees. */
export function letterAndDigitCount(text: string): number {
  return text.match(LETTER_OR_DIGIT)?.length ?? 0;
}

/**
 * What is wrong with a text as a reason, checked in this order: it must be a string, hold no
 * Terraform template sequence ("${" or "%{", which the report would show unresolved), show
 * something, hold no character of UNREADABLE nor a run of spaces or combining marks, and have at least MIN_REASON_LENGTH letters and
 * digits. Undefined when it can serve.
 */
export function reasonFault(text: unknown): ReasonFault | undefined {
  if (typeof text !== 'string') return 'not-text';
  if (holdsTemplateSequence(text)) return 'template';
  if ((text.match(VISIBLE)?.length ?? 0) === 0) return 'blank';
  if (unreadableCharacter(text) !== undefined) return 'unreadable';
  if (letterAndDigitCount(text) < MIN_REASON_LENGTH) return 'short';
  if (SPACE_RUN.test(text) || MARK_RUN.test(text)) return 'unreadable';
  if ([...text].length > MAX_REASON_LENGTH) return 'long';
  return undefined;
}

/** Why a text cannot serve as a reason, in words that complete "the reason ...", or undefined when it can. */
export function reasonProblem(text: unknown): string | undefined {
  switch (reasonFault(text)) {
    case 'not-text': return 'is not text';
    case 'template': return 'is a Terraform expression or template, known only at apply time, not text a reviewer can read';
    case 'blank': return 'is empty or blank';
    case 'unreadable': return `holds ${unreadablePart(text as string)} which hides or forges text where the reason is printed`;
    case 'short': return `has fewer than ${MIN_REASON_LENGTH} letters or digits`;
    case 'long': return `has ${[...(text as string)].length} characters, more than the ${MAX_REASON_LENGTH} a reason may have (printed on one line, the rest is out of sight)`;
    // Stryker disable next-line ConditionalExpression: equivalent: without the case the switch falls out and the function returns undefined all the same
    default: return undefined;
  }
}

/**
 * Text from a stack (a reason, a message, a path) made safe to print on one line: each character
 * of UNREADABLE is shown as its escape (\u{1b}), so it can neither hide text, nor move the
 * cursor, nor start a line that looks like another finding.
 */
export function printable(text: string): string {
  return text.replace(UNREADABLE_ALL, escaped);
}

/** A value shown to a reviewer (an error's value, a name): as printable, with unusual spaces escaped too. */
export function escapeIndistinct(text: string): string {
  return text.replace(INDISTINCT_ALL, escaped);
}

/**
 * A name as a message shows it: quoted as JSON, and, where it holds characters outside printable ASCII (a look-alike letter, a
 * no-break, thin or zero-width space), escaped beside it, so that two names that print alike read apart (49th run, A49a-8).
 */
export function quotedWithEscapes(name: string): string {
  const quoted = JSON.stringify(name);
  // JSON escapes the controls itself (\n, \u001b): only what it leaves as it is needs the escaped form beside it.
  return /^[\x20-\x7e]*$/.test(quoted) ? quoted : `${quoted} (${name.replace(/[^\x20-\x7e]/gu, escaped)}, its characters outside printable ASCII escaped)`;
}

/** A character as the messages show one they escape: `\\u{1b}`. */
export function escaped(character: string): string {
  return `\\u{${character.codePointAt(0)!.toString(16)}}`;
}
