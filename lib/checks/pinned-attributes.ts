/**
 * The identity attributes a server construct pins on its own resources (who administers the
 * server, which NSG guards its subnet, which extensions and preloaded libraries it allows, which
 * provider creates it), as they travel inside the synthesized JSON under the top-level "//"
 * comment, so PG-CFG-6 compares what is written with what the props declared, at synth and in
 * `check`. Pure: no cdktf. The constructs record them with pinAttributes (suppression-registry.ts).
 */
import { Aliasing, aliasing } from './data-source-aliases';
import { TwinOptions } from './resource-twins';
import { writtenArgument } from './literal-names';
import { evaluateJson, isUnknown, Scope } from './hcl-expression';
import { plainNames, TextReads } from './pin-attribute-reads';
import { ownLocals } from './stack-model';
import { commentValues } from './suppressions';
import { forEachString, isObject } from './terraform-json';

export const PINNED_KEY = 'cdktf-azure-postgres-pinned';

/** One resource a construct made and the attributes it must keep, null meaning "not set". */
export interface PinnedAttributes {
  /** Construct path of the server the resource belongs to. */
  readonly server: string;
  /** Construct path of the resource. */
  readonly path: string;
  /** The attributes as the construct wrote them, tokens as Terraform reads them ("${...}"). */
  readonly attributes: { readonly [name: string]: unknown };
}

/**
 * What would make the server a copy of another one (a restore, a replica): its roles, Entra
 * mappings and data would come from a server no rule judged. No prop asks for one (A10a-6), so
 * a server's pin holds them unset, and a pin that holds one was edited by hand (B82-196).
 */
export const FLEXIBLE_COPY = ['create_mode', 'source_server_id', 'point_in_time_restore_time_in_utc'];
export const SINGLE_COPY = ['create_mode', 'creation_source_server_id', 'restore_point_in_time'];

/**
 * Why a library construct's server is, or is pinned as, a copy of another one, or undefined: no prop makes one, so a pin that
 * holds an attribute of FLEXIBLE_COPY or SINGLE_COPY set, or the server written with one (its pin edited or deleted along with it),
 * was edited by hand (B82-196, C82-16). `servers`: the blocks at the pinned servers' construct paths.
 */
export function copyPinned(pins: readonly PinnedAttributes[], servers: readonly { readonly address: string; readonly path: string; readonly body: { readonly [key: string]: unknown } }[]): string | undefined {
  const copies = [...new Set([...FLEXIBLE_COPY, ...SINGLE_COPY])];
  for (const pin of pins.filter((entry) => entry.path === entry.server)) {
    const name = copies.find((copy) => pin.attributes[copy] !== undefined && pin.attributes[copy] !== null);
    if (name !== undefined) return `//.${PINNED_KEY} pins ${JSON.stringify(pin.server)} with ${name} ${JSON.stringify(pin.attributes[name]).slice(0, 60)}, where the library pins it unset on every server (no prop makes a server a copy of another)`;
  }
  for (const server of servers) {
    // A copy attribute the pin holds is PG-CFG-6's to compare (a finding); one deleted from the pin is compared with nothing.
    const pinned = new Set(pins.filter((pin) => pin.path === server.path).flatMap((pin) => Object.keys(pin.attributes)));
    const name = copies.find((copy) => !pinned.has(copy) && server.body[copy] !== undefined && server.body[copy] !== null);
    if (name !== undefined) return `${server.address}, a library construct's server, has ${name} ${JSON.stringify(server.body[name]).slice(0, 60)}, which no prop sets (no prop makes a server a copy of another), and its pin holds no ${name}`;
  }
  return undefined;
}

/** Whether an entry has the shape pinAttributes writes. */
export function isPinned(entry: unknown): entry is PinnedAttributes {
  return isObject(entry) && typeof entry.server === 'string' && typeof entry.path === 'string' && isObject(entry.attributes);
}

/** The pinned attributes written into a stack's Terraform JSON; entries of another shape are left out. */
export function readPinnedAttributes(terraform: unknown): PinnedAttributes[] {
  return commentValues(terraform, PINNED_KEY).filter(isPinned);
}

/** Why the pinned attributes written into the JSON are not those this process pinned, or undefined when they are. */
export function alteredPins(terraform: unknown, pinned: readonly PinnedAttributes[]): string | undefined {
  return JSON.stringify(readPinnedAttributes(terraform)) === JSON.stringify(pinned)
    ? undefined
    : `the attributes the constructs pinned, written into the JSON (//.${PINNED_KEY}), are not those the constructs pinned, so \`check\` on the JSON would judge against another intent`;
}

/**
 * The pins read the way the stack model reads a resource (a lookup of an object the stack makes read as the object, an instance of a counted resource as the resource, locals and
 * constant expressions folded, an expression left as its text), so a value given as a token compares equal only to the same
 * expression, and a lookup the construct was given equals what the model reads it as (twentieth review, A20a-2).
 */
export function comparablePins(terraform: unknown, pins: readonly PinnedAttributes[], aliased?: Aliasing, twins?: TwinOptions): PinnedAttributes[] {
  if (pins.length === 0) return [];
  const scope = ownLocals(terraform);
  // `aliased`: the aliasing of this same JSON the model was built from, when the caller has it; else one that tells twins apart as the model did.
  const read = mayBeAliased(pins) ? (aliased ?? aliasing(terraform, twins)).along(pins) : pins;
  // Most texts repeat across the servers' pins: each read once (pin-attribute-reads.ts); a list or object read is made anew for each pin.
  const texts = new TextReads(scope, asWritten, (written) => typeof written !== 'object' || written === null);
  return read.map((pin) => ({ ...pin, attributes: comparableAttributes(pin.attributes, scope, texts) }));
}

/**
 * A pin's attributes as asWritten(evaluateJson(attributes)) gives them: each attribute apart when the evaluator takes
 * every name as written (the same names, in the same order; an undefined value left out, as JSON leaves it).
 */
function comparableAttributes(attributes: PinnedAttributes['attributes'], scope: Scope, texts: TextReads<unknown>): PinnedAttributes['attributes'] {
  const names = Object.keys(attributes);
  if (!plainNames(names)) return asWritten(evaluateJson(attributes, scope)) as PinnedAttributes['attributes'];
  const comparable: { [name: string]: unknown } = {};
  for (const name of names) {
    if (attributes[name] === undefined) continue;
    // Defined, not assigned, as JSON.parse does: "__proto__" is an attribute like any other.
    Object.defineProperty(comparable, name, { value: texts.of(attributes[name]), enumerable: true, writable: true, configurable: true });
  }
  return comparable;
}

/**
 * Whether a pin may read a data source, an ephemeral resource or an instance of a counted resource: only then can the
 * aliases change it (most stacks' pins read none).
 */
function mayBeAliased(pins: readonly PinnedAttributes[]): boolean {
  let found = false;
  forEachString(pins, (text) => {
    found ||= text.includes('${') && /data\.|ephemeral\.|\[|\.\*|values\(/.test(text);
  });
  return found;
}

/** A value as JSON text would hold it: an expression known later as its text (its toJSON). */
export function asWritten(value: unknown): unknown {
  if (value === undefined) return null;
  // Text, a truth value and null are written as they are (a number may not be: NaN is written null).
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  // So is a list of text (depends_on, every pinned list; no hole, which JSON writes null): read only, it needs no copy.
  if (Array.isArray(value) && value.filter((item) => typeof item === 'string').length === value.length) return value;
  return JSON.parse(JSON.stringify(value));
}

/**
 * Every value the JSON writes for a pinned attribute, named by its path through nested blocks
 * ("customer_managed_key.key_vault_key_id"), as JSON text would hold it. A block is one object or
 * a list of one; a missing block leaves the attribute unset; any other block (several, an
 * expression) is itself the value, never the pinned one. cdktf writes an override by index
 * ("customer_managed_key.0.key_vault_key_id") of a block it writes as one object under the key
 * "0" (which Terraform refuses): a value written there counts too, and so does a dynamic block
 * of the type, which Terraform fills in at plan time.
 */
export function writtenValues(block: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [asWritten(block)];
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: two lines below, [asWritten(block)] is [null] for undefined and null alike
  if (block === undefined || block === null) return [null];
  if (Array.isArray(block)) return block.length <= 1 ? writtenValues(block[0], path) : [asWritten(block)];
  if (!isObject(block) || isUnknown(block)) return [asWritten(block)];
  const indexed: unknown[] = [];
  for (const key of Object.keys(block)) {
    const entry = block[key];
    if (isIndex(key) && isObject(entry) && path[0] in entry) indexed.push(...writtenValues(entry, path));
  }
  // A dynamic block of the same type makes the block at plan time, whatever it holds.
  const dynamic = path.length > 1 && isObject(block.dynamic) && path[0] in block.dynamic ? [asWritten({ dynamic: { [path[0]]: block.dynamic[path[0]] } })] : [];
  // A name read as the literal a reference gives (literal-names.ts) is compared as written.
  return [...writtenValues(writtenArgument(block, path[0]), path.slice(1)), ...indexed, ...dynamic];
}

/**
 * A key of digits only. Every pin reads every key of its resource's body (a server's has dozens), and
 * attribute names never start with a digit: the expression runs only on a key that does.
 */
function isIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 0x30 && first <= 0x39 && /^\d+$/.test(key);
}
