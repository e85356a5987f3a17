import { foldsOtherwise } from './azure-keys';
import { AnyText, isAnyText, isUnknown, Value } from './hcl-expression';

// An Azure ID or scope with a ".." segment (twenty-third run, A23-3). A scope is sent as a URL path, and who resolves a
// ".." there is not one reader: azcore's runtime.JoinPaths (azapi) cleans the path with Go's path.Join, which first drops
// empty segments, RFC 3986's remove_dot_segments (a front end that normalizes the path) does not ("a/x//.." is "a" to the
// first and "a/x/" to the second), and a client that sends it unchanged leaves it to ARM. No one key is right, so the
// evaluator reads such a value as known only later: every reader then takes it as any scope (fails closed), and the
// message names it. Percent-encoded dots ("%2e") count as dots: a server may decode them before it normalizes. So does
// any percent-encoded character in an ID (twenty-fourth run, A24b-1): azapi sends a valid "%XX" as it stands and ARM decodes
// it ("rg%2Dx" is the group rg-x), while every key here compares the text as written; no Azure name holds a "%". So does a
// letter whose case JavaScript and ARM may fold otherwise (azure-keys.ts foldsOtherwise; run 35): "rg-\u017f" has no one key.

/** A segment that is a ".." or a percent-encoded "." or "..": a "." itself is dropped by idSegments (azure-keys.ts). */
const DOT_SEGMENT = /(?:^|[/"'])(?:\.\.|\.%2e|%2e\.|%2e%2e|%2e)(?=[/"']|$)/i;

/** A percent-encoded octet, which ARM decodes. */
const ENCODED = /%[0-9a-f]{2}/i;

/** A segment that names an Azure scope level: text with one is an ID or a scope. */
const ID_SEGMENT = /(?:^|\/)\s*(?:subscriptions|resourcegroups|providers|managementgroups)\s*(?:\/|$)/i;

/** A reference to an attribute that holds an ID ("azurerm_resource_group.rg.id", "x.parent_id", "x.versionless_id"). */
const ID_REFERENCE = /(?:^|[._])id$/i;

/**
 * Whether a text (a literal, or an expression as written) is an ID or scope with a ".." segment, a percent-encoded character or a
 * letter whose case may be folded otherwise ("/\u017fubscriptions" is "/SUBSCRIPTIONS" upper-cased: an ID too); `isId` when the
 * argument holds an ID whatever its text shows (an azapi block's resource_id or parent_id: "${var.p}/x%2Dy").
 */
export function climbsScope(text: string, references: readonly string[] = [], isId = false): boolean {
  const unreadable = ((text.includes('.') || text.includes('%')) && (DOT_SEGMENT.test(text) || ENCODED.test(text))) || foldsOtherwise(text);
  return unreadable && (isId || [decoded(text), decoded(text).toUpperCase()].some((each) => ID_SEGMENT.test(each))
    || references.some((reference) => ID_REFERENCE.test(reference)));
}

/** The text with its percent-encoded octets decoded where they form UTF-8 ("/%73ubscriptions" is an ID too), else as written. */
function decoded(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * A name as an azapi block sends it: one with a percent-encoded character (ARM reads it decoded) or a letter whose case may be folded
 * otherwise, in a template too, may be any text.
 */
export function withEncodedNameRead(name: unknown): unknown {
  const text = typeof name === 'string' ? name : isUnknown(name) && !isAnyText(name) ? name.spelling : undefined;
  if (text === undefined || !(ENCODED.test(text) || foldsOtherwise(text))) return name;
  return new AnyText(`(a name with a percent-encoded character or a letter whose case Azure may fold otherwise, which may be any name: ${text})`);
}

/** A value as the evaluator returns it (`isId`: of an argument that holds an ID), an ID with a ".." segment read as any text. */
export function withDotSegmentsRead(value: Value, isId = false): Value {
  if (isAnyText(value)) return value;
  if (typeof value === 'string') return climbsScope(value, [], isId) ? unreadableId(value) : value;
  if (isUnknown(value) && climbsScope(value.spelling, value.references, isId)) return unreadableId(value.spelling);
  return value;
}

/** The arguments of an azapi block that hold an ID, whatever their text shows. */
const AZAPI_IDS = ['resource_id', 'parent_id'];

/**
 * An azapi block's arguments as ARM reads the URL azapi sends (twenty-fourth run, A24b-1; stop 35): its name and its IDs with a
 * percent-encoded character (or an ID with a ".." segment) may be any text. Read here, where the model builds the block, so
 * that every reader of `config.name` or `config.resource_id` reads them so, not only the readers that go through azapiName.
 */
export function withAzapiUrlRead<T extends { readonly [key: string]: unknown }>(config: T): T {
  const name = withEncodedNameRead(config.name);
  const ids = AZAPI_IDS.filter((key) => config[key] !== undefined).map((key) => [key, withDotSegmentsRead(config[key] as Value, true)] as const);
  if (name === config.name && ids.every(([key, value]) => value === config[key])) return config;
  return { ...config, ...Object.fromEntries(ids), ...(config.name === undefined ? {} : { name }) };
}

/** What the message shows: the text, with its "/" written as "∕" so that no reader takes the description for an ID. */
function unreadableId(text: string): AnyText {
  return new AnyText(`${UNREADABLE_ID}${text.replace(/\//g, '\u2215')})`);
}
const UNREADABLE_ID = '(an ID with a ".." segment, a percent-encoded character or a letter whose case Azure may fold otherwise, which may be any scope: ';

/**
 * The text of an ID read as any scope (withDotSegmentsRead), as written, for a reader that reads each way ARM may read it
 * (ids-in-text.ts); undefined for any other value. Its interpolations are no longer in it ("$(" for "${": AnyText).
 */
export function unreadableIdText(value: unknown): string | undefined {
  if (!isAnyText(value) || !value.expression.startsWith(UNREADABLE_ID)) return undefined;
  return value.expression.slice(UNREADABLE_ID.length, -1).replace(/\u2215/g, '/');
}
