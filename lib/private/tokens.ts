import { DefaultTokenResolver, StringConcat, Token, TerraformStack, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * True when a value is only known at apply time (a reference or a variable). Validation of a
 * literal skips such values: their content is not known at synth.
 */
export function isToken(value: unknown): boolean {
  // Most props are plain strings: one without cdktf's token marker cannot hold a string token
  // ("${TfToken[...]}"), the only token cdktf finds in a string. Everything else goes to cdktf.
  if (typeof value === 'string' && !value.includes(TOKEN_MARKER)) return false;
  return Token.isUnresolved(value);
}

/** What every token cdktf encodes into a string, list or map key holds. */
const TOKEN_MARKER = 'TfToken[';

/** A literal string, or undefined when the value is a token or unset. */
export function literal(value: string | undefined): string | undefined {
  return isToken(value) ? undefined : value;
}

/** A value as the synthesized JSON will hold it: a literal as it is, a token as its expression ("${var.x}"). */
export function asWritten(scope: IConstruct, value: string): string {
  if (!isToken(value)) return value;
  return String(Tokenization.resolve(value, { scope: TerraformStack.of(scope), resolver: new DefaultTokenResolver(new StringConcat()) }));
}
