import { printable } from '../private/reason-text';

// Text from a stack as the Markdown reports write it: it may show itself, never add Markdown or HTML.

/**
 * A value from the stack as inline code, safe in a table cell: controls, line breaks and invisible
 * characters are shown escaped (\u{a}), "|" is escaped (GitHub splits cells on it even inside
 * code), and the fence is longer than any run of backticks in the value, so no name or expression
 * can add Markdown to the report.
 */
export function code(value: string): string {
  const text = printable(value).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text from the stack (a reason, a message, a name) as plain text in a line or a table cell:
 * controls, line breaks and invisible characters are shown escaped, so it stays on its line, and
 * the characters that start Markdown or HTML (a backslash, "|", "<", a backtick, "*", "&" of a
 * character reference, "~" of a strikethrough, and the "(" of "](") are escaped, so it cannot add a
 * link, an image, a comment, a cell or emphasis, nor show another name than its own (`orders&#95;app`
 * rendered as `orders_app`: 92nd run, A92d-5).
 */
export function cell(value: string): string {
  return printable(value).replace(/[\\|<`*&~]/g, '\\$&').replace(/\]\(/g, ']\\(');
}
