/** A regular expression source that matches exactly the text. */
export function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regular expression source for a text with holes: its parts between `hole` matched literally, each hole by `gap`.
 * Readers spell a value known only at apply time as a hole and ask whether it may be a given text.
 */
export function holedPattern(text: string, hole: string, gap: string): string {
  return text.split(hole).map(literalPattern).join(gap);
}
