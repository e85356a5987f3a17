/**
 * What a plain reference to an attribute of a block in the stack reads back of the configuration (43rd run, A43b-1). An attribute a
 * block writes as an argument is, once planned, that argument: `azurerm_key_vault_secret.s.value` with `value = "s3cret"` is the text
 * "s3cret", as `local_file.f.content`, `null_resource.n.triggers["p"]` and `random_password.p.keepers["k"]` are theirs. A few
 * attributes give another argument back: `terraform_data`'s `output` is its `input` (Terraform's terraform_data resource), a few data
 * sources' too (ALIASES). Nested blocks are read as HCL's JSON syntax reads them, a `dynamic` block's content for every block it makes
 * (44th run, A44b-1); a content that reads its iterator, or is an expression, fails closed. A write-only
 * argument (`value_wo`, `password_wo`) reads as null. A block read whole, or by an attribute known only later, fails closed (45th run,
 * A45b-1: the evaluator keeps the path read after a whole block, `local.sec.value`). An attribute the block does not write (`random_password.p.result`, an
 * `id`) is computed by the provider, no text of the configuration; a lookup's (a Key Vault data source's `value`) is what every block of
 * the stack it may find writes there (read-back-lookups.ts), and nothing else. So the password readers
 * (value-readers.ts fromReferencesOnly and plainTextPassword, connection-secrets.ts) read a reference to a written argument as that
 * argument, with the same reader: a literal fails, a reference is followed again. Read for every block, not from a table of echoing
 * types, so a provider's argument read back (any provider) is never taken for a value from elsewhere.
 */
import { blockOf } from './attribute-reads';
import { blockItems, isDynamicBlock } from './dynamic-blocks';
import { evaluateTemplate, isUnknown, referencesOf, Scope, Unknown, Value } from './hcl-expression';
import { jsonSpelled } from './json-text';
import { CONTENT_ATTRIBUTES } from './local-file-attributes';
import { boundSymbol, forCollection, forHeader, isSetting, ModuleInput, namesSecret, PassedReference, passedOn, referenceNamesSecret, secretInputs, secretsOf } from './module-inputs';
import { readBackReferences, unreadWriters } from './read-back-lookups';
import { ResourceView, TerraformBlock } from './stack-model';
import { defaultsAlong, typeShape } from './type-defaults';
import { isObject } from './terraform-json';

/** Where a password is read: the stack, and the block that writes it (its `for_each` binds `each.value`). */
export interface EchoScope {
  readonly stack?: { readonly resources?: ReadonlyMap<string, ResourceView>; readonly lookups?: ReadonlyMap<string, ResourceView>; readonly locals?: Scope };
  readonly block?: TerraformBlock;
}

/**
 * What a reference reads back: the written values it may be (`lookedUp` when they are references to what a lookup may find,
 * read-back-lookups.ts; `defaulted` when they are a variable's default; `fromModule` when they are the secrets a module is given, each input's path beside its value),
 * or why the checks cannot tell (fails closed).
 */
export type Echo = { readonly values: readonly Value[]; readonly lookedUp?: true; readonly defaulted?: true; readonly fromModule?: readonly string[] } | { readonly unreadable: string };

/** A local file's attributes computed from its `content` (its `sensitive_content` and `content_base64` are read through a lookup of it). */
const FILE_HASHES = Object.fromEntries(CONTENT_ATTRIBUTES.filter((attribute) => attribute !== 'content_base64').map((attribute) => [attribute, 'content']));

/**
 * Attributes that give another argument of their block (or of its nested block) back, by block type: terraform_data's `output` is its
 * `input`, and from Terraform 1.17 its `store` block's write-only `input` is copied to the block's `output` or `sensitive_output`.
 */
const ALIASES: { readonly [type: string]: { readonly [attribute: string]: string } } = {
  terraform_data: { output: 'input', sensitive_output: 'input' },
  // Data sources (keyed by type, as resources are): terraform_remote_state's `outputs` are its `defaults` where the state lacks the
  // output (Terraform's terraform_remote_state data source, "defaults"); hashicorp/null's null_data_source `outputs` is a copy of `inputs`.
  terraform_remote_state: { outputs: 'defaults' },
  null_data_source: { outputs: 'inputs' },
  // hashicorp/template (archived): `rendered` is `template` with its `vars` put in; read as the template when it has no vars (echoOf).
  template_file: { rendered: 'template' },
  // hashicorp/time: a time_static's or time_rotating's `id` is its `rfc3339`, a time_offset's its base moved by the offsets (47th run, A47a-3).
  time_static: { id: 'rfc3339', unix: 'rfc3339' },
  time_rotating: { id: 'rfc3339', unix: 'rfc3339', rotation_rfc3339: 'rfc3339' },
  time_offset: { id: 'base_rfc3339', rfc3339: 'base_rfc3339' },
  // hashicorp/cloudinit (and hashicorp/template's copy): `rendered` is its parts' content, encoded or not: read as the parts.
  cloudinit_config: { rendered: 'part' },
  template_cloudinit_config: { rendered: 'part' },
  // hashicorp/external: the program reads its `query` and may print it back as `result` (48th run, A48a-3).
  external: { result: 'query' },
  // hashicorp/random generators whose result holds a written argument (46th run, A46a-2): random_shuffle's `result` is items of its
  // `input`; random_id's encodings and random_pet's `id` start with their `prefix`, as written.
  random_shuffle: { result: 'input' },
  random_id: { hex: 'prefix', b64_url: 'prefix', b64_std: 'prefix', dec: 'prefix' },
  random_pet: { id: 'prefix' },
  // hashicorp/local: a file's hashes and id are computed from its content alone (51st run, A50b-3).
  local_file: FILE_HASHES,
  local_sensitive_file: FILE_HASHES,
  // hashicorp/vault: a secret's `data` is its `data_json` decoded (50th run, A50a-1).
  vault_generic_secret: { data: 'data_json' },
  vault_kv_secret: { data: 'data_json' },
  vault_kv_secret_v2: { data: 'data_json' },
};

/** The argument an attribute of a block of `type` gives back: itself, or the one ALIASES names (terraform_data's `output` is its `input`). */
export function echoedArgument(type: string, attribute: string): string {
  return ALIASES[type]?.[attribute] ?? attribute;
}

/** One step after the attribute or the block's name: a key, an index, or any item (a splat, a key known only later). */
type Step = { readonly key: string; readonly indexed: boolean } | { readonly any: true };

const STEP = /^(?:\.([^.[\]*]+)|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*(\d+)\s*\]|\[\s*\*\s*\]|\.\*|\[[^\]]*\])/;

/** A quoted key's text; an escape JSON does not read (HCL's `\\uNNNNNNNN`) is any key. */
function quotedKey(text: string): string | undefined {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    // Any key.
  }
  return undefined;
}

function stepsOf(text: string): Step[] | undefined {
  const steps: Step[] = [];
  let rest = text;
  while (rest !== '') {
    const found = STEP.exec(rest);
    if (found === null) return undefined;
    const key = found[1] ?? (found[2] === undefined ? found[3] : quotedKey(found[2]));
    // Stryker disable next-line BooleanLiteral: equivalent: only whether a step has `any` is read, never its value
    steps.push(key === undefined ? { any: true } : { key, indexed: found[1] === undefined });
    rest = rest.slice(found[0].length);
  }
  return steps;
}

/** `each.value` and a path of names, numbers or quoted keys after it, as a traversal writes it. */
const ITEM_PATH = /^each\.value((?:\.[\p{ID_Start}_][\p{ID_Continue}-]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])*)$/u;

/** A reference that reads an iterator of the block (`each.value.output`) as the reference its `for_each` is (`terraform_data.pw[*].output`). */
function throughForEach(reference: string, block: TerraformBlock | undefined): string | undefined {
  const path = ITEM_PATH.exec(reference)?.[1];
  const collection = forEachReference(block?.for_each as Value | undefined);
  return path === undefined || collection === undefined ? undefined : `${collection}[*]${path}`;
}

/** Calls that give their one argument's items as they are: how a sensitive variable is made a for_each Terraform accepts. */
const ITEMS_KEEPING = /^\s*(?:nonsensitive|sensitive|tomap|toset|tolist)\s*\(.*\)\s*$/s;

/** The one reference a for_each is, or is under ITEMS_KEEPING (`nonsensitive(var.secrets)`: 51st run, A50b-7); undefined otherwise. */
function forEachReference(forEach: Value | undefined): string | undefined {
  if (!isUnknown(forEach)) return undefined;
  if (forEach.isPlainReference) return forEach.references[0];
  // The call's one argument as the evaluator read it (`nonsensitive(local.s)` with `s = var.secrets` is over var.secrets: A50c-7).
  const [argument] = forEach.parts ?? [];
  if (!ITEMS_KEEPING.test(forEach.expression) || forEach.parts?.length !== 1 || !isUnknown(argument) || !argument.isPlainReference) return undefined;
  return argument.references[0];
}

/** A value written from a for_each's item that boundItem did not bind (`each.value.result`, written whole by the evaluator). */
function isUnboundItem(value: Value): boolean {
  return isUnknown(value) && value.parts === undefined && value.choices === undefined && ITEM_PATH.test(value.expression);
}

/**
 * A value an instance of a block writes from its item (`value = each.value.result`, which the evaluator writes whole over a for_each
 * known only later), read as the reference its for_each is (`random_password.pw[*].result`), so a computed attribute of the blocks
 * the for_each names passes and a written one is read back (45th run, A45b-2). Any other value as it is.
 */
export function boundItem(value: Value, block: TerraformBlock): Value {
  if (!isUnknown(value)) return value;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: a call or template (parts) is no each.value path, which ITEM_PATH reads whole, and the evaluator writes each.value over a for_each known only later without choices
  if (value.parts !== undefined || value.choices !== undefined) return value;
  const reference = throughForEach(value.expression, block);
  if (reference === undefined) return value;
  // throughForEach gives a reference only through a for_each that is one reference (under a call that keeps its items, too).
  const forEach = block.for_each as Unknown;
  // Stryker disable next-line ConditionalExpression: equivalent: the evaluator writes each.value with the references of the for_each it reads, so they are equal whenever throughForEach reads the path
  if (value.references.join() !== forEach.references.join()) return value;
  return new Unknown(reference, [reference]);
}

/** Whether a value read from a block's own configuration reads that block's iterators, which the checks do not bind here. */
function readsIterator(
  value: Value,
  iterators: readonly string[] = [
    // Stryker disable next-line StringLiteral: equivalent: the evaluator writes each.key and each.value as the references of the for_each they read, so no reference starts with "each."
    'each',
    'count',
    'self',
  ],
): boolean {
  if (isUnknown(value)) return value.references.some((reference) => iterators.some((name) => reference.startsWith(`${name}.`)));
  if (Array.isArray(value)) return value.some((item) => readsIterator(item, iterators));
  return isObject(value) && Object.values(value as { readonly [key: string]: Value }).some((item) => readsIterator(item, iterators));
}

/**
 * The `name` blocks a body writes, read as HCL's JSON syntax reads them when some are dynamic blocks (dynamic-blocks.ts blockItems):
 * each dynamic block's content stands for every block its for_each makes, whatever the for_each. Undefined when the body writes no
 * dynamic `name` block; a problem when a content is an expression. `iterators` are the names its content reads its items by.
 */
function dynamicItems(body: { readonly [key: string]: Value }, name: string, problems: string[]): { items: Value[]; iterators: string[] } | undefined {
  if (!isDynamicBlock(body, name)) return undefined;
  // Stryker disable next-line ArrayDeclaration: equivalent: what a dynamic entry that is no object gives is read for its iterator only, and text has none
  const dynamic = blockItems({ dynamic: body.dynamic }, 'dynamic').flatMap((byLabel) => (isObject(byLabel) ? blockItems({ [name]: byLabel[name] }, name) : []));
  // Stryker disable next-line ConditionalExpression,LogicalOperator,ArrayDeclaration: equivalent: an iterator name that is no text (undefined, or a mutant's "Stryker was here") starts no reference; the named iterators are killed by tests
  const iterators = [name, ...dynamic.flatMap((block) => (isObject(block) && typeof block.iterator === 'string' ? [block.iterator] : []))];
  const items = blockItems(body, name) as Value[];
  const blocks = items.filter((item) => isObject(item) && !isUnknown(item));
  if (blocks.length < items.length) problems.push(`a dynamic "${name}" block's content is known only later`);
  return { items: blocks, iterators };
}

/**
 * The values steps pick in a written value; a value known only later is given as it is (its reader judges it). `strict` when the
 * reading is one of two a reference may mean (echoOf): a step the written value cannot take picks nothing, instead of the value or
 * every item (which Terraform would refuse, so the other reading is the one that holds).
 */
function pick(value: Value, steps: readonly Step[], aliases: { readonly [attribute: string]: string } = {}, problems: string[] = [], strict = false): Value[] {
  // A step into `jsonencode(x)` (a Vault secret's data_json read as its data) is a step into x, as the evaluator read it.
  if (steps.length > 0 && isUnknown(value) && value.encodes !== undefined) return pick(value.encodes, steps, aliases, problems, strict);
  // A step into JSON text (data_json read as data) is a step into what it spells, literal or a template (json-text.ts).
  const spelled = steps.length > 0 ? jsonSpelled(value) : undefined;
  if (spelled !== undefined) return pick(spelled, steps, aliases, problems, strict);
  // A step into a block given whole (`input = random_password.p`, read as `output.result`) reads that block's attribute: the
  // whole block would stand for all it holds, its public id as much as its secret (71st run, A71a-4).
  if (steps.length > 0 && isUnknown(value) && value.isPlainReference) {
    const read = `${value.references[0]}${pathOf(steps)}`;
    return [new Unknown(read, [read])];
  }
  if (steps.length === 0 || isUnknown(value)) return [value];
  if (value === null || typeof value !== 'object') return strict ? [] : [value];
  const [step, ...rest] = steps;
  const items: Value[] = Array.isArray(value) ? [...(value as readonly Value[])] : Object.values(value as { readonly [key: string]: Value });
  // A nested block written as one object is read as its list's first item too (`store[0].output`).
  if (!Array.isArray(value) && 'key' in step && step.indexed && step.key === '0' && !(step.key in value)) return pick(value, rest, aliases, problems, strict);
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: read as a key, a step without one finds no dynamic block and no value (map[undefined]), so every item is read as here
  if ('any' in step) return items.flatMap((item) => pick(item, rest, aliases, problems, strict));
  const map = value as { readonly [key: string]: Value };
  // Blocks some dynamic block makes: which one an index picks is known only at plan, so every one is read.
  // Stryker disable next-line ConditionalExpression: equivalent: a list has no `dynamic` attribute, so dynamicItems finds no dynamic block in it either
  const dynamic = Array.isArray(value) || step.indexed ? undefined : dynamicItems(map, step.key, problems);
  if (dynamic !== undefined) {
    const picked = dynamic.items.flatMap((item) => pick(item, afterIndex(rest), aliases, problems, strict));
    // A value read from the dynamic block's iterator (`container.value`) is an item of its for_each, which the checks do not bind.
    if (picked.some((item) => readsIterator(item, dynamic.iterators))) problems.push(`a dynamic "${step.key}" block's content reads its iterator, which the checks do not bind`);
    return picked;
  }
  const chosen = Array.isArray(value) ? (value as readonly Value[])[Number(step.key)] : map[step.key] ?? map[aliases[step.key] ?? ''];
  // A key the written value does not have fails in Terraform; read every item, so none is missed.
  if (chosen === undefined && strict) return [];
  return chosen === undefined ? items.flatMap((item) => pick(item, rest, aliases, problems, strict)) : pick(chosen, rest, aliases, problems, strict);
}

/**
 * What a path written after an attribute (`.pw`, `["pw"]`) reads of a value written to that attribute, as echoOf reads it (a step
 * into `jsonencode(...)` or JSON text is a step into what it spells); undefined when the path is no steps the checks read.
 */
export function readAlong(value: Value, path: string): Value[] | undefined {
  const steps = stepsOf(path);
  return steps === undefined ? undefined : pick(value, steps);
}

/** Steps after a list of blocks: an index into it is dropped (every block is read). */
function afterIndex(steps: readonly Step[]): readonly Step[] {
  const [first, ...rest] = steps;
  return first !== undefined && ('any' in first || (first.indexed && /^\d+$/.test(first.key))) ? rest : steps;
}

/**
 * What a plain reference reads back of the configuration: undefined when it reads no argument a block in the stack writes (a
 * variable, a module's output, a data source's or resource's computed attribute, a block outside the stack); the written values
 * otherwise (every instance's, when it does not name one); unreadable when the argument reads the block's iterators the checks do
 * not bind (`input = each.value` under `count` or a `for_each` known only later).
 */
export function echoOf(reference: string, scope: EchoScope | undefined, writeOnly = false): Echo | undefined {
  const stack = scope?.stack;
  if (stack === undefined) return undefined;
  // Stryker disable next-line OptionalChaining: equivalent: without a scope there is no stack, and echoOf returned above
  const read = throughForEach(reference, scope?.block) ?? reference;
  const address = blockOf(read);
  // Stryker disable next-line ConditionalExpression: equivalent: the maps hold no block under an undefined address, so the next line returns
  if (address === undefined) return undefined;
  if (address.startsWith('var.')) return defaultOf(read, address, stack);
  const block = stack.resources?.get(address) ?? stack.lookups?.get(address);
  if (block === undefined) return undefined;
  // A module's output may be any secret it is given (module-inputs.ts; 50th run, A50a-5).
  // Read as its output (`module.m.out`), or whole as a writer a store lookup may find (`module.m`: read-back-lookups.ts).
  if (block.type === 'module') return moduleEcho(block, stack, read !== address);
  const steps = stepsOf(read.slice(address.length));
  if (steps === undefined) return { unreadable: `${reference} reads ${address} in a way the checks do not read` };
  // An index or key after a block with count or for_each picks an instance; the attribute's name follows.
  const multiplied = block.config.count !== undefined || block.config.for_each !== undefined;
  const reading = { reference, address, block, steps, multiplied, stack, writeOnly };
  const [head] = steps;
  if (head === undefined || 'any' in head || !multiplied || head.indexed) return readFrom(reading, multiplied && head !== undefined ? 1 : 0);
  // A name after it is the attribute, as the stack's aliasing writes an instance's (instance-references.ts: `m[0].output` is
  // `m.output`), or an instance key written after a dot, as references to locals are spelled (reference-spelling.ts: `local.m["a"]`
  // is `local.m.a`; 47th run, A47a-1): an instance when it is one of the block's keys, else the attribute; when its keys are known
  // only later, both readings are judged, each strict, so a key that only names an instance reads no argument (48th run, A48a-4).
  const keys = block.instanceKeys;
  if (keys !== undefined) return readFrom(reading, keys.includes(head.key) ? 1 : 0);
  const asAttribute = readFrom(reading, 0, true);
  const asInstance = steps.length > 1 ? readFrom(reading, 1, true) : undefined;
  if (asAttribute !== undefined && 'unreadable' in asAttribute) return asAttribute;
  if (asInstance !== undefined && 'unreadable' in asInstance) return asInstance;
  const values = [...(asAttribute?.values ?? []), ...(asInstance?.values ?? [])];
  if (values.length === 0) return undefined;
  return asAttribute?.lookedUp === true || asInstance?.lookedUp === true ? { values, lookedUp: true } : { values };
}

/**
 * What a variable gives back when the run does not set it: its default (50th run, A50b-4), literal text of the configuration like any
 * argument, read strictly (a key its default lacks is one the run sets); with the defaults its type constraint gives the optional
 * attributes on the reference's path (type-defaults.ts; 53rd run, A50d-1/2). Terraform takes a default's strings literally, never as
 * templates (A50c-1: a `${random_password.p.result}` there is that text), so the default is read from the JSON as written (A50d-3:
 * `"${\"\"}"` is five characters of text), and "" writes no text, at any depth (A50c-5). None when nothing is written.
 */
function defaultOf(reference: string, address: string, stack: NonNullable<EchoScope['stack']>): Echo | undefined {
  const variable = variableBody(address, stack);
  const written = asWritten(variable?.default as Value | undefined);
  const steps = stepsOf(reference.slice(address.length));
  if (steps === undefined) return { unreadable: `${reference} reads ${address} in a way the checks do not read` };
  const typeText = variable?.type;
  const shape = typeof typeText === 'string' ? typeShape(typeText) : undefined;
  // A constraint the checks do not read may give any attribute a default (`optional(string, <<-EOT ...)`): fails closed.
  if (typeof typeText === 'string' && shape === undefined && /\boptional\b/.test(typeText)) {
    return { unreadable: `${reference} reads ${address}, whose type gives optional attributes defaults the checks do not read` };
  }
  const optional = shape === undefined ? [] : defaultsAlong(shape, steps).flatMap(({ value, after }) => defaultRead(value, after as readonly Step[]));
  const values = [...(written === undefined || written === null ? [] : defaultRead(written, steps)), ...optional].filter((value) => value !== null && value !== '');
  return values.length === 0 ? undefined : { values, defaulted: true };
}

/**
 * What a module's output may give back (`module.m.out`), or a store lookup may find it wrote (the bare `module.m`: read-back-lookups.ts):
 * the secrets it is given, each read as written (none when it is given none), and what it is given by reference under any name
 * (55th run, A55a-6; 58th run, A58a-1/3/4): what the reference reads back (another module's secrets, a variable's default, a
 * block's argument, a local's value) read by the same rule, all of it when a name on its path names a secret (`var.admin_password`).
 */
function moduleEcho(block: ResourceView, stack: NonNullable<EchoScope['stack']>, asOutput: boolean): Echo | undefined {
  // Read once per module of the stack, however many lookups and modules read it (59th run, A59a-18: 400 modules and 40 Key Vault
  // lookups took 79 s). Modules given each other's outputs form cycles: a module met again while it is being read adds nothing
  // there, as the reading above it adds its secrets. A reading that met a module still being read above it lacks that module's
  // secrets: it is kept only until the reading of the group's first module ends (whose union is whole), then dropped, so no verdict
  // depends on which module was read first and each group costs polynomial time, not exponential (61st run, A61a-4).
  let ofStack = moduleEchoes.get(stack);
  if (ofStack === undefined) moduleEchoes.set(stack, (ofStack = new WeakMap()));
  let echoes = ofStack.get(block);
  if (echoes === undefined) ofStack.set(block, (echoes = new Map()));
  const known = echoes.get(asOutput);
  if (known !== undefined) {
    if ('lacksBelow' in known) shallowestMet = Math.min(shallowestMet, known.lacksBelow);
    return known.echo;
  }
  const depth = openReadings++;
  const partialsBefore = partials.length;
  const metAbove = shallowestMet;
  echoes.set(asOutput, { lacksBelow: depth, echo: undefined });
  shallowestMet = Number.POSITIVE_INFINITY;
  let whole = false;
  try {
    const echo = readModuleEcho(block, stack, asOutput);
    whole = shallowestMet >= depth;
    if (whole) {
      dropPartials(partialsBefore);
      echoes.set(asOutput, { echo });
    } else {
      // It lacks what the readings from the shallowest one it met down to itself give, and so do the partial readings inside it.
      for (const partial of partials.slice(partialsBefore)) partial.reading.lacksBelow = shallowestMet;
      const reading = { lacksBelow: shallowestMet, echo };
      echoes.set(asOutput, reading);
      partials.push({ echoes, asOutput, reading });
    }
    return echo;
  } catch (error) {
    dropPartials(partialsBefore);
    echoes.delete(asOutput);
    throw error;
  } finally {
    openReadings--;
    shallowestMet = whole ? metAbove : Math.min(metAbove, shallowestMet);
  }
}

/** Forgets the partial readings made since the count given: what they lacked has been read. */
function dropPartials(count: number): void {
  for (const partial of partials.splice(count)) partial.echoes.delete(partial.asOutput);
}

/** A module's echo read whole, or one that lacks the secrets of the module readings open at depth `lacksBelow` and deeper. */
type ModuleReading = { readonly echo: Echo | undefined } | { lacksBelow: number; readonly echo: Echo | undefined };

/** How many module readings are open (the depth the next one opens at), and the shallowest open one met since the current began. */
let openReadings = 0;
let shallowestMet = Number.POSITIVE_INFINITY;

/** The readings kept while they lack a module still being read, in the order made: dropped when the reading they lack ends. */
const partials: { readonly echoes: Map<boolean, ModuleReading>; readonly asOutput: boolean; readonly reading: { lacksBelow: number } }[] = [];

/** Each module view's echo in the stack read (one evaluation's), as its output (true) and as a writer a store lookup may find (false). */
const moduleEchoes = new WeakMap<NonNullable<EchoScope['stack']>, WeakMap<ResourceView, Map<boolean, ModuleReading>>>();

function readModuleEcho(block: ResourceView, stack: NonNullable<EchoScope['stack']>, asOutput: boolean): Echo | undefined {
  const passed = passedOn(block.body ?? {}, block.config).flatMap((reference) => referencedSecrets(reference, block, stack));
  // A plain reference a secret's name or place gives (`secrets = var.kv_secrets`, `{ app_user = var.pw }`, `{ name = "DB_PASSWORD",
  // value = var.x }`) is read back as a secret with the record rules (59th run, A59a-8: names and content types are no secret; 60th
  // run, A60a-1/2/3; 61st run, A61a-1), but an ID's (`{ AZURE_SUBSCRIPTION_ID = var.subscription_id }`) from a variable neither
  // sensitive nor named as a secret; other values known later are read as they are.
  const given = secretInputs(block.config, asOutput).flatMap((secret) => {
    // A `for` over a reference under a secret's name is read with its collection, as it makes it (60th run, A60a-6/7).
    const over = forCollection(secret.value);
    if (over !== undefined) return referencedSecrets({ input: secret.input, key: keyOf(secret.input), reference: over, evaluated: secret.value, marked: false }, block, stack, true);
    if (!isUnknown(secret.value) || !secret.value.isPlainReference) return [secret];
    const reference = secret.value.references[0];
    const key = keyOf(secret.input);
    const named = !/(?:^|[^a-z])ids?$/i.test(key) || referenceNamesSecret(reference) || isSensitiveVariable(reference, stack);
    return referencedSecrets({ input: secret.input, key, reference, evaluated: secret.value, marked: false }, block, stack, named);
  });
  const found = distinct([...given, ...passed].filter(({ value }) => value !== ''));
  return found.length === 0 ? undefined : { values: found.map(({ value }) => value), fromModule: found.map(({ input }) => input) };
}

/**
 * Each secret once, named by the first input it came by: modules given each other's outputs reach one secret by many paths, and a
 * list of every path grows exponentially with the modules (61st run, A61a-4).
 */
function distinct(found: readonly ModuleInput[]): ModuleInput[] {
  const seen = new Set<Value>();
  return found.filter(({ value }) => !seen.has(value) && seen.add(value) !== undefined);
}

/** The last key of an input's path (`secrets["pg.admin"]` is pg.admin). */
function keyOf(input: string): string {
  return /([^.[\]"]+)"?\]?$/.exec(input)?.[1] ?? input;
}

/** The secrets a module input given by a reference carries, each named by the input and what it reads (`db.password (from var.creds)`). */
function referencedSecrets(passed: PassedReference, block: ResourceView, stack: NonNullable<EchoScope['stack']>, namedAbove = false): ModuleInput[] {
  const { input, key, reference, evaluated, marked } = passed;
  // The module's own each.value reads its for_each (`for_each = var.passwords`, `db = each.value`: A58a-1).
  const read = throughForEach(reference, block.config) ?? reference;
  // A setting's name wins over the reference's (`secret_name = local.pg_secret`: 59th run, A59a-11); a sensitive value is a secret (A59a-2).
  const named = namedAbove || marked || namesSecret(key) || (!isSetting(key) && (referenceNamesSecret(read) || isSensitiveVariable(read, stack)));
  const from = (found: ModuleInput[]) => found.map((one) => ({ ...one, input: read === '' ? one.input : `${one.input} (from ${read})` }));
  // A local or an iterator the checks do not bind is read as the evaluator made it, and what it reads in turn (`local.x` =
  // `var.admin_password`: 58th run, A58a-1; `each.value.password` over `{for d in var.dbs : d.name => d}`: 59th run, A59a-1).
  if (read === '' || read.startsWith('local.') || read.startsWith('each.')) {
    const inner = referencesOf(evaluated).filter((found) => found !== read && found !== reference).map((found) => ({ input, key, reference: found, evaluated: null, marked }));
    // A `for` the local holds is read with its collection, as it makes it (below).
    const over = forCollection(evaluated);
    const own = over !== undefined && over !== read ? referencedSecrets({ input, key, reference: over, evaluated, marked }, block, stack, named) : from(secretsOf(input, key, evaluated, named));
    return [...own, ...inner.flatMap((one) => referencedSecrets(one, block, stack, named))];
  }
  // A whole module given on is read as its output (`cfg = module.m`: 61st run, A61a-3), not as a writer a store lookup may find.
  const whole = /^module\.[^.[\]]+$/.test(read) ? stack.resources?.get(read) : undefined;
  const echo = whole?.type === 'module' ? moduleEcho(whole, stack, true) : echoOf(read, { stack, block: block.config });
  // A `for` over the reference makes its values of what the collection holds (63rd run, A63b-1/2: keys kept); over one whose items are
  // known only later or read whole (blocks), its items read what they read of those (boundSymbol), each read back in turn.
  const made = forCollection(evaluated) === reference ? (evaluated as Unknown) : undefined;
  if (made !== undefined && (echo === undefined || 'unreadable' in echo)) return from(made.items!.flatMap((item) => secretsOf(`${input}[*]`, key, boundSymbol(item, made), named)));
  if (echo === undefined) return [];
  if ('unreadable' in echo) return named ? from([{ input, value: new Unknown(read, [read]) }]) : [];
  const evaluatedOver = made === undefined || echo.fromModule !== undefined ? undefined : madeOver(made, reference, echo.values, stack.locals);
  // Named by the input only: the keys a `for` makes come from what it reads, which may be the secrets themselves (63rd run, A63b-2).
  if (evaluatedOver !== undefined) return from(evaluatedOver.flatMap((value) => secretsOf(input, key, value, named)).map((one) => ({ ...one, input: `${input}[*]` })));
  // Another module's secrets are secrets here too, named by where that module is given them.
  const inputs = echo.fromModule;
  if (inputs !== undefined) return echo.values.map((value, index) => ({ input: `${input} (from ${blockOf(read) ?? read}, its input ${inputs[index]})`, value }));
  return from(echo.values.flatMap((value) => secretsOf(input, key, value, named)));
}

/** The local a `for`'s collection is read as when it is evaluated over what the collection holds (no configuration names one so). */
const COLLECTION_LOCAL = 'cdktf_azure_postgres_for_collection';

/**
 * What a `for` over one reference makes of each value the reference may hold, evaluated as Terraform evaluates it (its keys, filters
 * and grouping read); undefined when its text does not name the reference as written.
 */
function madeOver(made: Unknown, reference: string, values: readonly Value[], locals: Scope | undefined): Value[] | undefined {
  const header = forHeader(made.expression);
  const rest = header === undefined ? '' : made.expression.slice(header.length);
  if (header === undefined || !rest.startsWith(reference) || !/^\s*:/.test(rest.slice(reference.length))) return undefined;
  const text = `\${${header}local.${COLLECTION_LOCAL}${rest.slice(reference.length)}}`;
  // The stack's locals as the configuration reads them (`local.pws[u]`: 63rd run); without them, a local the body reads is not read.
  if (locals === undefined && /\blocal\./.test(rest)) return undefined;
  return values.map((value) => evaluateTemplate(text, { local: (name) => (name === COLLECTION_LOCAL ? value : locals?.local(name)) }));
}

/** Whether a reference reads a variable declared sensitive (`sensitive = true`). */
function isSensitiveVariable(reference: string, stack: NonNullable<EchoScope['stack']>): boolean {
  const address = blockOf(reference);
  const sensitive = address?.startsWith('var.') === true ? variableBody(address, stack)?.sensitive : undefined;
  return sensitive === true || sensitive === 'true';
}

/** A variable's block as written (its `default`, `type`, `sensitive`), by its address `var.<name>`. */
function variableBody(address: string, stack: NonNullable<EchoScope['stack']>): { readonly [key: string]: unknown } | undefined {
  const view = stack.lookups?.get(`variable.${address.slice('var.'.length)}`);
  return view?.body ?? view?.config;
}

/**
 * What steps read of a default, strictly (a key it lacks is one the run sets). Text read with steps is text the checks did not read
 * as a value (a variable file's or a type's constant they took as written: a conditional, a heredoc inside a map): Terraform refuses
 * steps into text, so any step may reach literal text in it, and it is read whole (57th run, A57a-1/2/8).
 */
function defaultRead(value: Value, steps: readonly Step[]): Value[] {
  return typeof value === 'string' && steps.length > 0 ? [value] : pick(value, steps, {}, [], true);
}

/** A default as Terraform reads it from the JSON: its strings are text, "" is nothing (null). */
function asWritten(value: Value | undefined): Value | undefined {
  if (value === '') return null;
  if (isUnknown(value)) return value.toString();
  if (Array.isArray(value)) return value.map((item) => asWritten(item) ?? null);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asWritten(item as Value) ?? null]));
  return value;
}

/** A reference read from a block of the stack, its steps after the block's name. */
interface Reading {
  readonly reference: string;
  readonly address: string;
  readonly block: ResourceView;
  readonly steps: readonly Step[];
  /** Whether the block has count or for_each. */
  readonly multiplied: boolean;
  readonly stack: NonNullable<EchoScope['stack']>;
  /** Whether a write-only argument reads as written: only where a lookup reads back what it stored (a reference to it reads null). */
  readonly writeOnly: boolean;
}

/** What the reference reads back when its step `first` names the attribute (0, or 1 after an instance step); `strict` as pick's. */
function readFrom({ reference, address, block, steps, multiplied, stack, writeOnly }: Reading, first: number, strict = false): Echo | undefined {
  const attribute = steps[first];
  // A password generator read whole writes settings, lengths and character sets, and what it gives is generated (60th run, A60a-6):
  // only its keepers, any text, are read.
  if (attribute === undefined && GENERATORS.has(block.type)) {
    const keepers = instanceConfigs(block, first === 0 ? undefined : steps[0]).flatMap((config) => (config.keepers === undefined ? [] : [config.keepers as Value]));
    return keepers.length === 0 ? undefined : { values: keepers };
  }
  // The block read whole, or an attribute known only later (`local.sec[var.k]`): any argument it writes may be read (A45b-1).
  // Named once when the reference is the block itself (72nd run, A72a-7: "d reads d whole").
  const read = reference === address ? address : `${reference} reads ${address}`;
  if (attribute === undefined || !('key' in attribute)) return { unreadable: `${read} whole or by an attribute known only later, which the checks do not follow` };
  const name = ALIASES[block.type]?.[attribute.key] ?? attribute.key;
  if (/_wo$/.test(name) && !writeOnly) return { values: [null] };
  const configs = instanceConfigs(block, first === 0 ? undefined : steps[0]);
  const values: Value[] = [];
  const problems: string[] = [];
  for (const config of configs) {
    // A template with vars renders other text than it is written: the checks do not render it (fail closed).
    if (block.type === 'template_file' && name === 'template' && config.vars !== undefined) {
      return { unreadable: `${reference} reads ${address}.rendered, a template with vars the checks do not render` };
    }
    // Blocks some dynamic block makes are read from the body with those written beside them (pick reads the dynamic blocks).
    const written = isDynamicBlock(config, name) ? (config as unknown as Value) : (config[name] as Value | undefined);
    if (written === undefined) continue;
    if (config === block.config && multiplied && readsIterator(written === config ? (config.dynamic as Value) : written)) {
      return { unreadable: `${reference} reads ${address}.${name}, which reads the block's count or for_each the checks do not read` };
    }
    const read = written === config ? pick(written, steps.slice(first), ALIASES[block.type], problems, strict) : pick(written, steps.slice(first + 1), ALIASES[block.type], problems, strict);
    // An item read over a for_each that is one reference is bound for the block's own configuration too (its keys known only later:
    // `for_each = var.settings`, `value = each.value` reads `var.settings[*]`; 50th run, A50a-6).
    const bound = read.map((value) => boundItem(value, block.config));
    // An item of a for_each that is no one reference (`{for k, v in random_password.m : k => v}`, `merge(...)`): not bound here.
    if (bound.some(isUnboundItem)) return { unreadable: `${reference} reads ${address}.${name}, written from its for_each's item (each.value), which the checks do not bind` };
    values.push(...bound);
  }
  if (problems.length > 0) return { unreadable: `${reference} reads ${address}: ${problems[0]}` };
  if (values.length > 0) return { values };
  // A lookup gives back what a block of the stack it may find writes (read-back-lookups.ts): that block's attribute, read in turn.
  const after = steps.slice(first + 1);
  // What another type may write there (an azapi write of the secret, a manifest, a command) is not read: nor is the lookup (A78a-2).
  const unread = unreadWriters(block, attribute.key, stack);
  if (unread.length > 0) return { unreadable: `${reference}, which ${unread[0]} may write in a way the checks do not read` };
  const readBack: Value[] = [];
  for (const found of readBackReferences(block, attribute.key, pathOf(after), stack, (written) => mayHold(written as Value, after))) {
    // What a store was given write-only (`value_wo = "hunter2"`) is what the lookup reads: read as written (83rd run, A83a-1).
    const written = isWriteOnlyReference(found) ? echoOf(found, { stack }, true) : { values: [new Unknown(found, [found])] };
    if (written !== undefined && 'unreadable' in written) return written;
    readBack.push(...(written?.values ?? []));
  }
  return readBack.length === 0 ? undefined : { values: readBack, lookedUp: true };
}

/** Whether a reference reads a write-only argument (`azurerm_key_vault_secret.s.value_wo`, `vault_kv_secret_v2.s.data_json_wo.pw`). */
function isWriteOnlyReference(reference: string): boolean {
  return (stepsOf(reference.slice((blockOf(reference) ?? '').length)) ?? []).some((step) => 'key' in step && !step.indexed && /_wo$/.test(step.key));
}

/** Resources that generate their value from settings (random_password's are lengths, counts and character sets). */
const GENERATORS = new Set(['random_password', 'random_string']);

/**
 * Whether a written value may hold the steps read after it: a collection (a map, `jsonencode` of one, JSON text: json-text.ts) only
 * when it has them; other text or a value known only later always (JSON text the provider decodes, written as `format(...)`).
 */
function mayHold(written: Value, steps: readonly Step[]): boolean {
  const collection = (written !== null && typeof written === 'object' && !isUnknown(written)) || (isUnknown(written) && written.encodes !== undefined) || jsonSpelled(written) !== undefined;
  return !collection || pick(written, steps, {}, [], true).length > 0;
}

/** Steps written back as a traversal (`.value`, `["k"]`, `[0]`, `[*]`). */
function pathOf(steps: readonly Step[]): string {
  return steps.map((step) => ('any' in step ? '[*]' : !step.indexed ? `.${step.key}` : /^\d+$/.test(step.key) ? `[${step.key}]` : `[${JSON.stringify(step.key)}]`)).join('');
}

/** The configurations a reference may read: the instance it names, every instance the evaluator knows, or the block's own. */
function instanceConfigs(block: { readonly config: TerraformBlock; readonly instance?: (key: string) => TerraformBlock | undefined; readonly instanceKeys?: readonly string[] }, step: Step | undefined): TerraformBlock[] {
  if (block.instance === undefined || block.instanceKeys === undefined) return [block.config];
  const keys = step !== undefined && 'key' in step ? [step.key] : block.instanceKeys;
  const found = keys.map((key) => block.instance!(key)).filter((config): config is TerraformBlock => config !== undefined);
  return found.length > 0 ? found : [block.config];
}
