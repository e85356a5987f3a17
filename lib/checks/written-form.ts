/**
 * The stack's JSON as cdktf writes it: cdktf's writer serializes what `toTerraform()` returns, calling each value's `toJSON` (a
 * Date, or an object of a class that defines one, passes cdktf's resolve untouched), where the rules read an object's own keys: an
 * object whose keys say one thing and whose `toJSON` another was judged by the first and written by the second (adversarial run of
 * stop 71, A71-11, A71-12). Judging the serialized text read back, and handing that same copy to the writer, judges what is written.
 * The copy is frozen: whoever reaches it after the judgement (a later validation, a JavaScript caller) cannot change what is
 * written without a new conversion, which is judged again (A71-8).
 */
export function writtenForm(terraform: unknown): { [key: string]: unknown } {
  return deepFreeze(JSON.parse(JSON.stringify(terraform)) as { [key: string]: unknown });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
