import { evaluateTemplate, isAnyText, isUnknown, Scope, Unknown, Value } from './hcl-expression';
import { azapiIdStep } from './azapi-writes';
import { spelledBlockId } from './block-ids';
import { importsInto } from './import-targets';
import { referencedName, resolvedGroup, withNamesRead } from './name-parents';
import { StackFacts } from './rule';
import { defaultsAlong, typeShape } from './type-defaults';
import { ResourceView } from './stack-model';
import { splitTemplate } from './value-readers';
import { holedPattern } from '../private/literal-pattern';

// What a value known only at apply time may be, as text (eighteenth review, A18a-2, A18a-5, A18a-6, A18a-8): one reader for
// the perimeter's scopes, the identities a block attaches and the domains of forwarding rules. An expression is read into
// its possible texts, "*" standing for a part known only later (a variable: any text, several segments too): a conditional,
// coalesce/try, one/element/lookup/an index may be each of their items; format, formatlist and join build their texts from
// their arguments' readings; lower/upper/trim*/chomp/tostring are their argument's (keys ignore case and blanks). A function
// the reader does not know, whose arguments hold literal text, may make any text of it (replace, split, substr, strrev,
// regex...): its reading is ANYTHING, judged as "may be every object", never as no reading. What only variables make is "*".

/** A reading that may be any text: a function the reader does not know made it of literal text. */
export const ANYTHING = '\u0004';

/** The readings of a value: its possible texts ("*" for a part known only later, ANYTHING for any text at all). */
export type Readings = readonly string[];

/** More readings than this of one value are read as ANYTHING (a scope has few interpolations, each few literals). */
const MAX_READINGS = 1024;

/** What a reading spells where it reads one of the references it was asked to mark (expressionReadings' `marked`). */
export const MARKED = '\u0006';

/**
 * A value's readings as text; undefined for a value that is no text (a number, a list, an object). A reference of `marked` (a
 * variable an object was given by) reads as MARKED, so a reader can tell where the value may be that reference's text whole.
 */
export function expressionReadings(value: unknown, stack: StackFacts | undefined, marked?: ReadonlySet<string>): Readings | undefined {
  if (typeof value === 'string') return [value];
  if (!isUnknown(value)) return undefined;
  return capped(unknownReadings(value, stack, 0, marked));
}

/**
 * Whether some reading of a value is, whole, the text of one of `references` (as written or through a function that may give it
 * back: lower, trimspace, try, coalesce, one, a local, a conditional's branch): the value may be what the reference reads.
 */
export function readsWhole(value: Unknown, references: readonly string[], stack: StackFacts | undefined): boolean {
  return references.length > 0 && (expressionReadings(value, stack, new Set(references)) ?? []).includes(MARKED);
}

/**
 * Whether a setting that takes one of a few words (an action or access, a direction, a protocol) may be `word` (lower case): a
 * literal that is it, blanks and letter case aside (Azure reads them so); an expression one of whose readings may spell it (a
 * variable, a conditional's branch, a for_each item, a template around literal text: twenty-seventh review, A27b-3); any other
 * value (not written, an object, a body known only at apply time) may be any word.
 */
export function mayBeWord(value: unknown, word: string, stack: StackFacts | undefined): boolean {
  const readings = typeof value === 'string' || isUnknown(value) ? expressionReadings(value, stack) : undefined;
  if (readings === undefined) return true;
  return readings.some((reading) => reading.includes(ANYTHING) || new RegExp(`^${holedPattern(reading.trim().toLowerCase(), '*', '.*')}$`, 's').test(word));
}

function unknownReadings(value: Unknown, stack: StackFacts | undefined, depth: number, marked?: ReadonlySet<string>): string[] {
  // A value that may be any text at all (an ID or name the pack cannot read as written: dot-segments.ts) may be every object.
  if (isAnyText(value)) return [ANYTHING];
  // What the evaluator knows it may be (A18a-5): each of its choices.
  if (value.choices !== undefined && value.choices.length > 0 && depth < MAX_DEPTH) {
    return value.choices.flatMap((choice) => choiceReadings(choice, stack, depth + 1, marked));
  }
  // Its constant locals written out (A16a-10).
  return templateReadings(value.spelling, stack, depth, marked);
}

/** One choice's readings: a list's or an object's are each of its items' (an attribute that takes a list, identity_ids). */
function choiceReadings(choice: Value, stack: StackFacts | undefined, depth: number, marked: ReadonlySet<string> | undefined): string[] {
  if (typeof choice === 'string') return [choice];
  if (typeof choice === 'number' || typeof choice === 'boolean') return [String(choice)];
  if (isUnknown(choice)) return unknownReadings(choice, stack, depth, marked);
  if (choice === null) return [];
  const items = Array.isArray(choice) ? choice : Object.values(choice);
  return depth < MAX_DEPTH ? items.flatMap((item) => choiceReadings(item, stack, depth + 1, marked)) : ['*'];
}

/** A template's readings: each interpolation read by expression; a directive is any text (or the text it chooses, any text around). */
function templateReadings(template: string, stack: StackFacts | undefined, depth: number, marked: ReadonlySet<string> | undefined): string[] {
  // A reference to a block's literal name is that name (name-parents.ts), as the network's readers read it.
  const text = withNamesRead(template, stack?.resources);
  const DIRECTIVE = /(?<!%)%\{[^}]*\}/g;
  const spans = DIRECTIVE.test(text)
    ? [text.replace(/(?<!%)%\{[^]*(?<!%)%\{[^}]*\}|(?<!%)%\{[^}]*\}/, HIDDEN), text.replace(DIRECTIVE, HIDDEN)] : [text];
  return spans.flatMap((span) => {
    const choices: string[][] = [];
    const holed = splitTemplate(span, (expression) => {
      choices.push(textsOf(read(new Reader(expression, stack, depth, marked)), true));
      return `${HIDDEN}${choices.length - 1}${HIDDEN}`;
    }).literal;
    // Every combination of the interpolations' readings, cut short (to ANYTHING) past the cap.
    const texts = choices.reduce<string[]>((heads, options, index) => (heads.length > MAX_READINGS ? heads
      : heads.flatMap((each) => options.map((option) => each.replace(`${HIDDEN}${index}${HIDDEN}`, option)))), [holed]);
    return capped(texts.length > MAX_READINGS ? [ANYTHING] : texts.map((each) => each.split(HIDDEN).join('*')));
  });
}

/** What stands for text known only later while a template's readings are built. */
const HIDDEN = '\u0003';

/** Readings past the cap are one ANYTHING: read as may-be-anything, never as fewer readings. */
function capped(texts: readonly string[]): string[] {
  const unique = [...new Set(texts)];
  if (unique.some((text) => text.includes(ANYTHING))) return [ANYTHING];
  return unique.length > MAX_READINGS ? [ANYTHING] : unique;
}

/** One expression's reading: texts, a list (its items' readings; open when more items may be there), or anything. */
type Reading = { readonly texts: readonly string[] } | { readonly items: readonly Reading[]; readonly open: boolean; readonly unordered?: boolean } | 'anything';

const UNKNOWN_TEXT: Reading = { texts: ['*'] };

/** A reading's texts: a list is each of its items; with `whole`, a reading past the cap is ANYTHING. */
function textsOf(reading: Reading, whole = false): string[] {
  if (reading === 'anything') return [ANYTHING];
  if ('texts' in reading) return capped(reading.texts);
  const texts = reading.items.flatMap((item) => textsOf(item));
  return capped(reading.open || (whole && texts.length === 0) ? [...texts, '*'] : texts);
}

/**
 * Functions whose value is their (first) argument's text for the readers (keys ignore case and blanks around): azurerm's
 * normalise_resource_id changes only the letter case of an ID's keys (95th run, A95a-5).
 */
const SAME_TEXT = ['lower', 'upper', 'trimspace', 'chomp', 'tostring', 'nonsensitive', 'sensitive', 'tolist', 'provider::azurerm::normalise_resource_id'];
/**
 * azapi's provider functions that build an ID of a scope, a type and its names, as ARM's resourceId does (95th run, A95a-5): the
 * scope's prefix ("%s" each of its leading arguments), then "/providers/<namespace>/<type>/<name>", each child type with its name.
 */
const SCOPED_IDS: { readonly [name: string]: string } = {
  'provider::azapi::tenant_resource_id': '',
  'provider::azapi::management_group_resource_id': '/providers/Microsoft.Management/managementGroups/%s',
  'provider::azapi::subscription_resource_id': '/subscriptions/%s',
  'provider::azapi::resource_group_resource_id': '/subscriptions/%s/resourceGroups/%s',
  'provider::azapi::extension_resource_id': '%s',
};
/**
 * Functions whose list holds its argument's items in another order or at other places (A20b-9): `sort([b, a])[0]` is a, so an
 * index into it may be any item. compact also drops empty texts.
 */
const REORDERING = ['toset', 'sort', 'distinct', 'compact', 'flatten', 'reverse'];
/** Functions that return one of their arguments (or an item of the list they are given). */
const ONE_OF_ARGUMENTS = ['coalesce', 'try'];
const ONE_OF_ITEMS = ['one', 'element', 'values', 'lookup', 'coalescelist'];

/** A cursor over one expression's text. */
class Reader {
  public at = 0;
  constructor(public readonly text: string, public readonly stack: StackFacts | undefined, public readonly depth: number, public readonly marked: ReadonlySet<string> | undefined) {}
  public space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
  }
  public peek(): string {
    this.space();
    return this.text[this.at] ?? '';
  }
  public eat(token: string): boolean {
    this.space();
    if (!this.text.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }
}

/** Reads a whole expression; what it cannot parse holds literal text or not (ANYTHING, or "*"). */
function read(reader: Reader): Reading {
  try {
    const reading = conditional(reader);
    reader.space();
    if (reader.at < reader.text.length) return unread(reader.text);
    return reading;
  } catch {
    return unread(reader.text);
  }
}

/** What the reader cannot read: any text when literal text of letters, digits or "/" is part of it, else what a variable is. */
function unread(text: string): Reading {
  return /"[^"]*[\p{L}\p{N}/][^"]*"|<<-?[A-Za-z_]/u.test(text) ? 'anything' : UNKNOWN_TEXT;
}

function conditional(reader: Reader): Reading {
  const condition = operand(reader);
  if (!reader.eat('?')) return condition;
  const whenTrue = conditional(reader);
  if (!reader.eat(':')) throw new Error('no ":"');
  const whenFalse = conditional(reader);
  return { items: [whenTrue, whenFalse], open: false };
}

/** An operand with its binary operators: operators make numbers and bools, no text of an ID. */
function operand(reader: Reader): Reading {
  let reading = postfix(reader);
  for (;;) {
    const found = /^\s*(==|!=|<=|>=|&&|\|\||[<>+\-*/%])/.exec(reader.text.slice(reader.at));
    if (found === null) return reading;
    reader.at += found[0].length;
    postfix(reader);
    reading = UNKNOWN_TEXT;
  }
}

function postfix(reader: Reader): Reading {
  let reading = primary(reader);
  for (;;) {
    if (reader.eat('[')) {
      if (reader.eat('*')) {
        if (!reader.eat(']')) throw new Error('no "]"');
        reading = UNKNOWN_TEXT;
        continue;
      }
      const key = conditional(reader);
      if (!reader.eat(']')) throw new Error('no "]"');
      reading = itemOf(reading, key);
    } else if (/^\s*\.[\p{L}_*]/u.test(reader.text.slice(reader.at))) {
      reader.eat('.');
      reader.at += (/^[\p{L}\p{N}_*-]+/u.exec(reader.text.slice(reader.at))?.[0] ?? '').length;
      reading = reading === 'anything' ? 'anything' : UNKNOWN_TEXT;
    } else return reading;
  }
}

/** An item of a list (by a literal index, that item; else any of them). */
function itemOf(reading: Reading, key: Reading): Reading {
  if (reading === 'anything') return 'anything';
  if ('texts' in reading) return UNKNOWN_TEXT;
  const literal = key !== 'anything' && 'texts' in key && key.texts.length === 1 && /^\d+$/.test(key.texts[0]) ? Number(key.texts[0]) : undefined;
  if (literal !== undefined && !reading.open && reading.unordered !== true && reading.items[literal] !== undefined) return reading.items[literal];
  return { items: reading.items, open: reading.open };
}

function primary(reader: Reader): Reading {
  const character = reader.peek();
  if (character === '(') {
    reader.eat('(');
    const inner = conditional(reader);
    if (!reader.eat(')')) throw new Error('no ")"');
    return inner;
  }
  if (character === '!' || character === '-') {
    reader.at++;
    postfix(reader);
    return UNKNOWN_TEXT;
  }
  if (character === '"') return { texts: templateReadings(quoted(reader), reader.stack, reader.depth, reader.marked) };
  if (reader.text.startsWith('<<', reader.at)) return { texts: templateReadings(heredoc(reader), reader.stack, reader.depth, reader.marked) };
  if (character === '[') return list(reader, ']');
  if (character === '{') return list(reader, '}');
  const number = /^\d+(\.\d+)?/.exec(reader.text.slice(reader.at));
  if (number !== null) {
    reader.at += number[0].length;
    return { texts: [number[0]] };
  }
  // A provider function is called by its provider's name too (`provider::azapi::build_resource_id(...)`).
  const name = /^(?:provider::[\p{L}_][\p{L}\p{N}_-]*::)?[\p{L}_][\p{L}\p{N}_-]*/u.exec(reader.text.slice(reader.at));
  if (name === null) throw new Error('no operand');
  reader.at += name[0].length;
  if (reader.eat('(')) return call(reader, name[0]);
  if (name[0] === 'local' && reader.stack?.locals !== undefined) return local(reader, name[0].length, reader.stack.locals);
  return traversal(reader, name[0]);
}

/**
 * A local with its steps (`local.ws[var.env]`, inside any function: A18a-5), evaluated with the stack's constant locals: what the
 * evaluator knows it may be (each item a variable may choose), read as each.
 */
function local(reader: Reader, head: number, locals: Scope): Reading {
  const start = reader.at - head;
  for (;;) {
    const step = /^\.[\p{L}_][\p{L}\p{N}_-]*/u.exec(reader.text.slice(reader.at));
    if (step !== null) reader.at += step[0].length;
    else if (reader.text[reader.at] === '[' && reader.text[reader.at + 1] !== '*') reader.at = closing(reader.text, reader.at);
    else break;
  }
  if (reader.depth > MAX_DEPTH) return UNKNOWN_TEXT;
  return valueReading(evaluateTemplate(`\${${reader.text.slice(start, reader.at)}}`, locals), reader.stack, reader.depth + 1, reader.marked);
}

/** A value's reading: a string its text, a list's or an object's each item, one known only later each text it may be. */
function valueReading(value: Value, stack: StackFacts | undefined, depth: number, marked: ReadonlySet<string> | undefined): Reading {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { texts: [String(value)] };
  if (isUnknown(value)) return { texts: unknownReadings(value, stack, depth, marked) };
  if (value === null) return UNKNOWN_TEXT;
  return { items: (Array.isArray(value) ? value : Object.values(value)).map((item) => valueReading(item, stack, depth, marked)), open: false };
}

/** How deep readings of locals and choices go (a local read through another, each a choice). */
const MAX_DEPTH = 8;

/** A reference: a block's ID (its names spelled) is that ID; anything else is known only later. */
function traversal(reader: Reader, head: string): Reading {
  if (['true', 'false', 'null'].includes(head)) return { texts: [head] };
  const found = /^((?:\.[\p{L}_][\p{L}\p{N}_-]*)+)/u.exec(reader.text.slice(reader.at));
  const steps = found === null ? '' : found[1];
  // A reference asked to be marked, read whole (no index after it).
  if (reader.marked?.has(`${head}${steps}`) === true && !/^\s*\[/.test(reader.text.slice(reader.at + steps.length))) {
    reader.at += steps.length;
    return { texts: [MARKED] };
  }
  // A variable's default is what Terraform plans unless the run sets it: one of its texts, beside what the run may set ("*").
  const defaulted = head === 'var' ? defaultReading(steps, reader) : undefined;
  if (defaulted !== undefined) {
    reader.at += steps.length;
    return defaulted;
  }
  const id = /^((?:data\.)?[a-z0-9_]+\.[^.[\]\s]+)\.id$/.exec(`${head}${steps}`);
  const block = id === null ? undefined : reader.stack?.resources?.get(id[1]) ?? reader.stack?.lookups?.get(id[1]);
  // Its subscription its azurerm provider's literal one, as the perimeter's own IDs are spelled (A19b-9).
  const spelled = block === undefined ? undefined : spelledBlockId(block, reader.stack?.resources, reader.stack?.azurermProviders) ?? lookupPattern(block, reader.stack);
  const made = block === undefined || spelled !== undefined ? undefined : madeGroupPatterns(block, reader.stack, reader.depth);
  const others = block === undefined || reader.depth > MAX_DEPTH ? [] : [...importedIds(block, reader), ...(spelled === undefined && made === undefined ? defaultSpelledIds(block, reader) : [])];
  if (spelled === undefined && made === undefined && others.length === 0) return UNKNOWN_TEXT;
  reader.at += steps.length;
  return { texts: [...(made ?? [spelled ?? '*']), ...others] };
}

/**
 * The IDs import blocks adopt into a resource of the stack, which its `id` may be: an import's id (a literal, an expression's
 * readings), or the ID the resource's names spell with an import's identity names in their place (its subscription any).
 */
function importedIds(block: ResourceView, reader: Reader): string[] {
  return importsInto(block.address, reader.stack).flatMap((adopted) => {
    if ('id' in adopted) return typeof adopted.id === 'string' ? [adopted.id] : isUnknown(adopted.id) ? unknownReadings(adopted.id, reader.stack, reader.depth + 1) : ['*'];
    if (!isDefaultMap(adopted.identity)) return ['*'];
    const names = Object.entries(adopted.identity).filter(([name]) => name !== 'subscription_id');
    const named = { ...block, config: { ...block.config, ...Object.fromEntries(names) } };
    const spelled = spelledBlockId(named, reader.stack?.resources, reader.stack?.azurermProviders);
    return spelled !== undefined ? [spelled] : [...defaultSpelledIds(named, reader), '*'];
  });
}

/** More name combinations than this (each variable's defaults) are not spelled: the block's ID stays known only later. */
const MAX_DEFAULTED = 16;

/**
 * The IDs a block's names spell with their variables' defaults (what Terraform plans unless the run sets them), where its names
 * as written spell none: a twin of an object named by defaults is that object, as one named by the literals is.
 */
function defaultSpelledIds(block: ResourceView, reader: Reader): string[] {
  let configs: (typeof block.config)[] = [];
  for (const [key, value] of Object.entries(block.config)) {
    const texts = isUnknown(value) ? knownTexts(value, reader.stack, reader.depth + 1) : [];
    if (texts.length === 0) continue;
    configs = (configs.length === 0 ? [block.config] : configs).flatMap((config) => texts.map((text) => ({ ...config, [key]: text })));
    if (configs.length > MAX_DEFAULTED) return [];
  }
  return configs.flatMap((config) => spelledBlockId({ ...block, config }, reader.stack?.resources, reader.stack?.azurermProviders) ?? []);
}

/**
 * The texts a value is with its variables' defaults (what Terraform plans unless the run sets them), each wholly known: none for
 * a value that reads no variable, or whose every reading keeps a part known only later.
 */
export function defaultedTexts(value: Unknown, stack: StackFacts | undefined): string[] {
  return knownTexts(value, stack, 0);
}

function knownTexts(value: Unknown, stack: StackFacts | undefined, depth: number): string[] {
  if (!value.references.some((reference) => reference.startsWith('var.'))) return [];
  return wholly(capped(unknownReadings(value, stack, depth)));
}

/** The texts a value may be that are wholly known: no part known only later, not any text at all. */
export function wholeReadings(value: Unknown, stack: StackFacts | undefined): string[] {
  return wholly(capped(unknownReadings(value, stack, 0)));
}

function wholly(texts: readonly string[]): string[] {
  return texts.filter((text) => !text.includes('*') && !text.includes(ANYTHING) && !text.includes(MARKED));
}

/**
 * A variable's default read along the attributes after its name (`var.zones.primary`), taken literally as Terraform takes it: a
 * text (a number, a bool) is one reading beside what the run may set; a list, map or object (read whole, `identity_ids = var.ids`,
 * or by an index after it, `var.zones["a"]`) is its items, more of them possible. Undefined for no default, an attribute it lacks,
 * an empty text, or a text holding what stands for the unknown parts of a reading.
 */
function defaultReading(steps: string, reader: Reader): Reading | undefined {
  const [name, ...path] = steps.slice(1).split('.');
  const view = reader.stack?.lookups?.get(`variable.${name}`);
  const body = view?.body ?? view?.config;
  const optional = optionalDefaults(body?.type, path);
  if (optional === 'unread') return 'anything';
  const readings = [valueAlong(body?.default, path), ...optional].flatMap((value) => defaultValueReading(value, 0) ?? []);
  return readings.length <= 1 ? readings[0] : { items: readings, open: true };
}

/**
 * What a variable's type constraint gives the attributes on a reference's path (`optional(string, "...")`, type-defaults.ts): a
 * constraint with optional attributes the checks do not read may give any default ('unread', as echoed-arguments.ts reads it).
 */
function optionalDefaults(type: unknown, path: readonly string[]): unknown[] | 'unread' {
  if (typeof type !== 'string') return [];
  const shape = typeShape(type);
  if (shape === undefined) return /\boptional\b/.test(type) ? 'unread' : [];
  return defaultsAlong(shape, path.map((key) => ({ key }))).map(({ value, after }) => valueAlong(value, after.map((step) => ('key' in step ? step.key : ''))));
}

/** A default's part at the attributes (or list indexes) of a path; undefined where it has none. */
function valueAlong(value: unknown, path: readonly string[]): unknown {
  for (const key of path) value = isDefaultMap(value) ? value[key] : Array.isArray(value) && /^\d+$/.test(key) ? value[Number(key)] : undefined;
  return value;
}

function defaultValueReading(value: unknown, depth: number): Reading | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return { texts: ['*', String(value)] };
  if (typeof value === 'string') return value.trim() !== '' && !/[*\u0004\u0006]/.test(value) ? { texts: ['*', value] } : undefined;
  if ((!Array.isArray(value) && !isDefaultMap(value)) || depth > MAX_DEPTH) return undefined;
  return { items: Object.values(value).map((item) => defaultValueReading(item, depth + 1) ?? UNKNOWN_TEXT), open: true };
}

/** A map or object of a default, as the JSON writes it. */
function isDefaultMap(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

/**
 * The IDs a resource group the stack makes may have when its name is known only at apply time (a variable, an item of its
 * for_each or count, a template): its name's readings (each choice, a template's literal parts around any text), so a role on it
 * may be on a group that holds an object of the perimeter (twenty-first review, A21a-4).
 */
function madeGroupPatterns(block: ResourceView, stack: StackFacts | undefined, depth: number): string[] | undefined {
  const name = block.config.name;
  if (block.type !== 'azurerm_resource_group' || block.address.startsWith('data.') || !isUnknown(name) || depth > MAX_DEPTH) return undefined;
  const id = spelledBlockId({ ...block, config: { ...block.config, name: LATER_NAME } }, stack?.resources, stack?.azurermProviders);
  return id === undefined ? undefined : unknownReadings(name, stack, depth + 1).map((reading) => (reading === ANYTHING ? ANYTHING : id.split(LATER_NAME).join(reading)));
}

/** What stands for a lookup's name known only later while its ID is spelled. */
const LATER_NAME = '\u0005';

/**
 * The ID a lookup (a data source) may read when some of its names are known only later (a variable, a local chosen by one): its
 * names spelled, each known only later any text (A18a-5), as a template of those names would be read. A resource of the stack
 * makes a new object, which Azure refuses at the ID of an existing one: only lookups are read so.
 */
function lookupPattern(block: ResourceView, stack: StackFacts | undefined): string | undefined {
  if (!block.address.startsWith('data.')) return undefined;
  // A name read from another block of the stack stays that block's; any other known only later is any text.
  const later = (value: unknown) => isUnknown(value) && resolvedGroup(value, stack?.resources) === undefined && referencedName(value, stack?.resources) === undefined;
  const config = Object.fromEntries(Object.entries(block.config).map(([key, value]) => [key, later(value) ? LATER_NAME : value]));
  return spelledBlockId({ ...block, config }, stack?.resources, stack?.azurermProviders)?.split(LATER_NAME).join('*');
}

/** A list `[a, b]` or an object `{ k = v }` (its values): with a `for`, what its body makes. */
function list(reader: Reader, close: ']' | '}'): Reading {
  const start = reader.at;
  reader.at++;
  const items: Reading[] = [];
  if (/^\s*for\s/.test(reader.text.slice(reader.at))) {
    reader.at = closing(reader.text, start);
    return unread(reader.text.slice(start, reader.at));
  }
  while (!reader.eat(close)) {
    const item = conditional(reader);
    if (close === '}') {
      if (!reader.eat('=') && !reader.eat(':')) throw new Error('no "="');
      items.push(conditional(reader));
    } else items.push(item);
    if (!reader.eat(',')) {
      reader.space();
      if (!reader.eat(close)) throw new Error(`no "${close}"`);
      break;
    }
  }
  return { items, open: false };
}

/** A function call: the functions of names read here, any other as what its arguments' text may make. */
function call(reader: Reader, name: string): Reading {
  const start = reader.at - 1;
  const args: Reading[] = [];
  while (!reader.eat(')')) {
    args.push(conditional(reader));
    reader.eat('...');
    if (!reader.eat(',')) {
      if (!reader.eat(')')) throw new Error('no ")"');
      break;
    }
  }
  const whole = `${name}${reader.text.slice(start, reader.at)}`;
  if (SAME_TEXT.includes(name) && args.length > 0) return args[0];
  if (REORDERING.includes(name) && args.length > 0) return reordered(args[0], name === 'compact');
  if (ONE_OF_ARGUMENTS.includes(name)) return { items: args, open: false };
  // element's literal index picks its item, as an index does (77th run, A77b-6); lookup's default is one of them too.
  if (name === 'element' && args.length === 2) return itemOf(args[0], args[1]);
  if (ONE_OF_ITEMS.includes(name) && args.length > 0) return name === 'lookup' && args.length > 2 ? { items: [itemOf(args[0], UNKNOWN_TEXT), args[2]], open: false } : itemOf(args[0], UNKNOWN_TEXT);
  if (name === 'concat') {
    return { items: args.flatMap((arg) => (arg !== 'anything' && 'items' in arg ? arg.items : [arg])), open: args.some((arg) => arg === 'anything' || !('items' in arg) || arg.open),
      unordered: args.some((arg) => arg !== 'anything' && 'items' in arg && arg.unordered === true) };
  }
  if (name === 'format' && args.length > 0) return { texts: formatted(args) };
  if (name === 'formatlist' && args.length > 0) return { items: [{ texts: formatted(args.map((arg, index) => (index === 0 ? arg : itemOf(arg, UNKNOWN_TEXT)))) }], open: true };
  if (name === 'join' && args.length === 2) return { texts: joined(args[0], args[1]) };
  if (name === 'provider::azapi::build_resource_id' && args.length === 3) return builtId(args[0], args[1], args[2]);
  if (SCOPED_IDS[name] !== undefined) return scopedIds(SCOPED_IDS[name], args);
  const affix = (name === 'trimsuffix' || name === 'trimprefix') && args.length === 2 ? literalText(args[1]) : undefined;
  if (affix !== undefined) return { texts: trimmed(textsOf(args[0]), affix, name === 'trimsuffix') };
  // Any function of a text that may be any text (a local made by base64decode) may make any text too.
  if (args.some((arg) => textsOf(arg).includes(ANYTHING))) return 'anything';
  if (name === 'split' && args.length === 2) return pieces(args[0], args[1]) ?? unread(whole);
  return unread(whole);
}

/** A reading's one literal text (nothing known only later in it); undefined for any other. */
function literalText(reading: Reading): string | undefined {
  const texts = textsOf(reading);
  return texts.length === 1 && !/[*\u0004]/.test(texts[0]) ? texts[0] : undefined;
}

/** build_resource_id's reading: the ID azapi makes of a parent, a literal type and a name (azapi-writes.ts); any text for a type not literal. */
function builtId(parent: Reading, type: Reading, name: Reading): Reading {
  const literal = literalText(type);
  const step = literal === undefined ? undefined : azapiIdStep(literal);
  if (step === undefined) return 'anything';
  const parents: Reading = { texts: textsOf(parent).map((text) => text.replace(/\/+$/, '')) };
  return { texts: formatted([{ texts: [`%s/${step.replace(/%/g, '%%')}/%s`] }, parents, name]) };
}

/** The reading of a SCOPED_IDS function: its scope's arguments, a literal type and a list of as many names; any text otherwise. */
function scopedIds(prefix: string, args: readonly Reading[]): Reading {
  const scope = prefix.split('%s').length - 1;
  if (args.length !== scope + 2) return 'anything';
  const [type, names] = [literalText(args[scope]), args[scope + 1]];
  const [namespace, ...types] = (type ?? '').replace(/@.*$/, '').split('/').map((each) => each.replace(/%/g, '%%'));
  if (names === 'anything' || !('items' in names) || names.open || types.length === 0 || types.length !== names.items.length) return 'anything';
  const spec = `${prefix}/providers/${namespace}${types.map((each) => `/${each}/%s`).join('')}`;
  return { texts: formatted([{ texts: [spec] }, ...args.slice(0, scope), ...names.items]) };
}

/** A list's items in an order the reader does not know (an index into it may be any of them); without the empty texts compact drops. */
function reordered(reading: Reading, compact: boolean): Reading {
  if (reading === 'anything' || !('items' in reading)) return reading;
  const empty = (item: Reading) => item !== 'anything' && 'texts' in item && item.texts.every((text) => text === '' || text === 'null');
  return { items: compact ? reading.items.filter((item) => !empty(item)) : reading.items, open: reading.open, unordered: true };
}

/** trimsuffix/trimprefix's readings: each text with a literal affix cut off where it ends (starts) with it. */
function trimmed(texts: readonly string[], cut: string, suffix: boolean): string[] {
  return capped(texts.flatMap((text) => {
    if (text === ANYTHING || cut === '') return [text];
    const [flipped, affix] = suffix ? [[...text].reverse().join(''), [...cut].reverse().join('')] : [text, cut];
    // Where "*" (known only later) opens the text the affix may be inside it or just after it: both kept.
    const read = flipped.startsWith(affix) ? [flipped.slice(affix.length)] : [flipped];
    if (flipped.startsWith('*') && flipped.slice(1).startsWith(affix)) read.push(`*${flipped.slice(1 + affix.length)}`);
    return read.map((each) => (suffix ? [...each].reverse().join('') : each));
  }));
}

/**
 * split's reading (A19b-9: `split("/", data.x.id)[2]`, the subscription of a lookup's ID): the pieces of its text between the
 * literal separator, by position up to the first part known only later (which may hold separators: that piece is its literal
 * start and any text, and more may follow); several texts, any of their pieces. Undefined for a separator not one literal text.
 */
function pieces(separator: Reading, source: Reading): Reading | undefined {
  const [by] = separator !== 'anything' && 'texts' in separator && separator.texts.length === 1 ? separator.texts : [undefined];
  if (by === undefined || by === '' || by.includes('*') || by.includes(ANYTHING)) return undefined;
  if (source === 'anything') return 'anything';
  const lists = textsOf(source).map((text): Reading => {
    if (text.includes(ANYTHING)) return 'anything';
    const parts = text.split(by);
    const open = parts.findIndex((part) => part.includes('*'));
    if (open < 0) return { items: parts.map((part) => ({ texts: [part] })), open: false };
    // The piece a part known only later starts in ends anywhere after its literal start.
    return { items: [...parts.slice(0, open), `${parts[open].slice(0, parts[open].indexOf('*'))}*`].map((part) => ({ texts: [part] })), open: true };
  });
  if (lists.includes('anything')) return 'anything';
  return lists.length === 1 ? lists[0] : { items: lists.flatMap((list) => (list !== 'anything' && 'items' in list ? list.items : [])), open: true };
}

/** format's readings: its verbs each argument's reading in order ("%%" a "%"). */
function formatted(args: readonly Reading[]): string[] {
  const [spec, ...rest] = args.map((arg) => textsOf(arg));
  return capped(spec.flatMap((text) => {
    let combinations = [''];
    let next = 0;
    let at = 0;
    const verbs = /%%|%[^a-zA-Z%]*[a-zA-Z]/g;
    for (let found = verbs.exec(text); found !== null; found = verbs.exec(text)) {
      const literal = text.slice(at, found.index);
      const options = found[0] === '%%' ? ['%'] : rest[next++] ?? ['*'];
      combinations = combinations.flatMap((head) => options.map((option) => `${head}${literal}${option}`)).slice(0, MAX_READINGS + 1);
      at = found.index + found[0].length;
    }
    return combinations.map((head) => `${head}${text.slice(at)}`);
  }));
}

/** join's readings: its items' readings joined by the separator's; items known only later any text. */
function joined(separator: Reading, items: Reading): string[] {
  const separators = textsOf(separator);
  if (items === 'anything') return [ANYTHING];
  const parts = 'texts' in items ? [['*']] : [...items.items.map((item) => textsOf(item)), ...(items.open ? [['*']] : [])];
  return capped(separators.flatMap((between) => parts.reduce<string[]>((heads, options, index) => heads.flatMap((head) => options.map((option) => (index === 0 ? option : `${head}${between}${option}`))).slice(0, MAX_READINGS + 1), [''])));
}

/** A quoted string's template text, the cursor past its closing quote (escapes read, interpolations kept as written). */
function quoted(reader: Reader): string {
  const start = reader.at;
  reader.at++;
  let text = '';
  while (reader.at < reader.text.length && reader.text[reader.at] !== '"') {
    if (reader.text[reader.at] === '\\') {
      const next = reader.text[reader.at + 1] ?? '';
      // \uNNNN and \UNNNNNNNN spell a character (A18a-2: an ID's letter so written is still that letter).
      const code = next === 'u' || next === 'U' ? new RegExp(`^[0-9a-fA-F]{${next === 'u' ? 4 : 8}}`).exec(reader.text.slice(reader.at + 2))?.[0] : undefined;
      if ((next === 'u' || next === 'U') && code === undefined) throw new Error('a bad escape');
      text += code !== undefined ? String.fromCodePoint(parseInt(code, 16)) : ({ n: '\n', t: '\t', r: '\r' } as { [key: string]: string })[next] ?? next;
      reader.at += 2 + (code?.length ?? 0);
    } else if (reader.text.startsWith('${', reader.at) || reader.text.startsWith('%{', reader.at)) {
      const end = closing(reader.text, reader.at + 1);
      text += reader.text.slice(reader.at, end);
      reader.at = end;
    } else text += reader.text[reader.at++];
  }
  if (reader.at >= reader.text.length) throw new Error(`no closing quote after ${start}`);
  reader.at++;
  return text;
}

/** A heredoc's text (`<<EOT` or `<<-EOT`, to its closing marker), the cursor past it. */
function heredoc(reader: Reader): string {
  const found = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(reader.text.slice(reader.at));
  if (found === null) throw new Error('no heredoc marker');
  const bodyStart = reader.at + found[0].length;
  const end = new RegExp(`^[ \\t]*${found[2]}[ \\t]*$`, 'm');
  const rest = reader.text.slice(bodyStart);
  const closingLine = end.exec(rest);
  if (closingLine === null) throw new Error('no heredoc end');
  reader.at = bodyStart + closingLine.index + closingLine[0].length;
  const body = rest.slice(0, closingLine.index);
  return found[1] === '-' ? body.replace(/^[ \t]+/gm, '') : body;
}

/** The index just past the bracket that closes the one at `open` (strings and nested brackets skipped). */
function closing(text: string, open: number): number {
  let depth = 0;
  let quote = false;
  for (let at = open; at < text.length; at++) {
    const character = text[at];
    if (quote) {
      if (character === '\\') at++;
      else if (character === '"') quote = false;
    } else if (character === '"') quote = true;
    else if ('([{'.includes(character)) depth++;
    else if (')]}'.includes(character) && --depth === 0) return at + 1;
  }
  throw new Error('no closing bracket');
}
