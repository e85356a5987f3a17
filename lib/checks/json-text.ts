/**
 * The collection a JSON text spells, for a reader that steps into text a provider decodes (a Vault secret's `data_json` read as its
 * `data`: echoed-arguments.ts). Literal JSON is what it spells (52nd run, A50c-8). A template whose interpolations each stand alone
 * as a JSON string, as cdktf writes `JSON.stringify({ password: rp.result })`, is read with each such string the interpolation's
 * value (`"${random_password.p.result}"` is that reference, no literal text; 53rd run, A50d-5); a string that mixes text and an
 * interpolation is its own template, its pieces in place (stop 81). Of a key written twice the last is read, as Go's decoder reads it.
 */
import { isJoinedTemplate, isUnknown, numberText, templateOfPieces, Value } from './hcl-expression';

/** Marks where an interpolation stands while the text is parsed: a private-use character, never in the text, nor its escape `\ue000` that JSON.parse spells as it (checked; 58th run, A58b-10). */
const MARK = '\uE000';
const STANDING_ALONE = new RegExp(`^${MARK}(\\d+)${MARK}$`);

/** The object or list a JSON text spells (a literal or a template read whole); undefined for any other value. */
export function jsonSpelled(value: Value): Value | undefined {
  if (typeof value === 'string') return collection(value);
  if (!isUnknown(value) || !isJoinedTemplate(value) || value.parts === undefined) return undefined;
  // Stryker disable next-line ArrayDeclaration: equivalent: each mark's number is the list's length when its interpolation is pushed, read back by that index
  const interpolations: Value[] = [];
  let text = '';
  for (const part of value.parts) {
    if (isUnknown(part)) {
      text += `${MARK}${interpolations.length}${MARK}`;
      interpolations.push(part);
    } else if (typeof part === 'string' && !part.includes(MARK) && !/\\u[eE]000/.test(part)) text += part;
    else if (typeof part === 'number') text += numberText(part);
    else if (typeof part === 'boolean') text += String(part);
    else return undefined;
  }
  const parsed = collection(text);
  // Stryker disable next-line ConditionalExpression: equivalent: withInterpolations gives undefined back as it is (no string, no object)
  return parsed === undefined ? undefined : withInterpolations(parsed, interpolations);
}

function collection(text: string): Value | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    // A comment before `catch` is no node's, so the catch's block is disabled from here and restored inside it.
    // Stryker disable BlockStatement: equivalent: the catch's block emptied gives undefined as well
    return parsed !== null && typeof parsed === 'object' ? (parsed as Value) : undefined;
  } catch {
    // Stryker restore BlockStatement
    return undefined;
  }
}

/** The parsed value with each marked string put back: the interpolation alone, or the string's own template where text is beside it. */
function withInterpolations(parsed: Value, interpolations: readonly Value[]): Value | undefined {
  if (typeof parsed === 'string') {
    const alone = STANDING_ALONE.exec(parsed);
    if (alone !== null) return interpolations[Number(alone[1])];
    // Text beside an interpolation: the string's own template (`"postgresql://u@${S.fqdn}/db?sslmode=disable"`, as cdktf writes a token
    // inside JSON.stringify), its pieces in place (adversarial run of stop 81).
    return parsed.includes(MARK) ? templateOfPieces(parsed.split(new RegExp(`${MARK}(\\d+)${MARK}`)).map((piece, index) => (index % 2 === 1 ? interpolations[Number(piece)] : piece))) : parsed;
  }
  if (parsed === null || typeof parsed !== 'object' || isUnknown(parsed)) return parsed;
  if (Array.isArray(parsed)) {
    const items = (parsed as readonly Value[]).map((item) => withInterpolations(item, interpolations));
    return items.includes(undefined) ? undefined : (items as Value[]);
  }
  const entries = Object.entries(parsed as { readonly [key: string]: Value });
  // A key known only later may be any key: not read.
  if (entries.some(([key]) => key.includes(MARK))) return undefined;
  const read: [string, Value][] = [];
  for (const [key, item] of entries) {
    const value = withInterpolations(item, interpolations);
    if (value === undefined) return undefined;
    read.push([key, value]);
  }
  return Object.fromEntries(read);
}
