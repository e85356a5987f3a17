/**
 * The random_* generators a password comes from, followed through the blocks that pass a value on (echoOf: a terraform_data's
 * input, a null_resource's triggers, a generator's own keepers, a Key Vault secret's value and a lookup that reads it back, a
 * variable's default): a password read through another block is the generator's all the same, for its strength (PG-IAM-1) and its
 * rotation (PGD-IAM-3; 66th adversarial run, A66a-3). Only what a generator makes is a password of it: its `id`, its flags or a
 * keeper's copy of the rotation's time are text anyone can read in a plan (67th run, A67a-1/2).
 */
import { blockOf, INSTANCE_STEPS } from './attribute-reads';
import { echoOf, EchoScope, readAlong } from './echoed-arguments';
import { isUnknown, referencesOf, Value } from './hcl-expression';
import { isCounted } from './instance-arguments';
import { isLookupAddress, readBackReferences, surelyReadsStack, writerArguments } from './read-back-lookups';
import { ResourceView } from './stack-model';
import { decodedRead, fromReferencesOnly } from './value-readers';

/** A random_* generator a reference reads, resource ("random_x.n") or ephemeral ("ephemeral.random_x.n"). */
export const GENERATOR_REFERENCE = /^((?:ephemeral\.)?random_[a-z_]+\.[^.[\]]+)/;

/** A generator that is a lookup: AWS's, which makes a new password at each read (69th run, A69a-8). PG-IAM-1 judges random_password only. */
const LOOKUP_GENERATOR = /^((?:data|ephemeral)\.aws_secretsmanager_random_password\.[^.[\]]+)/;

/**
 * What a random_password makes: its secret outputs (hashicorp/random); its other attributes are what it is given (keepers, flags)
 * or public (its id is "none"). Every other random_* generator fails PG-IAM-1 whatever it is read for: any attribute is its.
 */
const PASSWORD_MADE = ['result', 'bcrypt_hash'];

/** Blocks a password may pass through before the checks stop following it (fails closed). */
const MAX_HOPS = 16;

/**
 * The generators of the stack behind a value, the blocks it passed through on the way and where a way ended without a generator
 * (`leaves`: a variable, a literal, a lookup of nothing the stack writes, another block's computed attribute), or why the way
 * cannot be followed.
 */
export type PasswordSources =
  | { readonly generators: readonly ResourceView[]; readonly through: readonly ResourceView[]; readonly writeOnly: readonly WriteOnlyStore[]; readonly leaves: readonly string[] }
  | { readonly unreadable: string };

/** A store the password reached through a write-only argument, which the provider rewrites only when its version argument changes. */
export interface WriteOnlyStore {
  readonly store: ResourceView;
  /** The write-only argument, e.g. "value_wo". */
  readonly argument: string;
}

/** The random_* generators of the stack a value comes from, directly or through other blocks of the stack. */
export function passwordGenerators(value: unknown, scope: EchoScope): PasswordSources {
  const generators = new Map<string, ResourceView>();
  const through = new Map<string, ResourceView>();
  const writeOnly = new Map<string, WriteOnlyStore>();
  const leaves = new Set<string>();
  const seen = new Set<string>();
  let next = passwordReferences(value);
  for (let hop = 0; next.length > 0; hop++) {
    if (hop > MAX_HOPS) return { unreadable: `passes through more than ${MAX_HOPS} blocks` };
    const later: string[] = [];
    for (const reference of next) {
      // Each reference is followed once, however many paths reach it: paths multiply with every layer of copies (50th run, A50a-9).
      if (seen.has(reference)) continue;
      seen.add(reference);
      const generator = generatorRead(reference, scope);
      if (generator !== undefined) {
        generators.set(generator.address, generator);
        continue;
      }
      // The first references are the password's own, read in its block (its each.value); later ones are other blocks' arguments.
      const echo = echoOf(reference, hop === 0 ? scope : { stack: scope.stack });
      const address = blockOf(reference) ?? '';
      const block = scope.stack?.resources?.get(address) ?? scope.stack?.lookups?.get(address);
      // A lookup also finds what a store was given through its write-only argument (`value_wo`, as the constructs write a Key
      // Vault secret), which echoOf reads as null on the store itself (67th run, A67a-3).
      const before = later.length;
      const attribute = block === undefined ? undefined : attributeRead(reference, block);
      // A way that meets text of the configuration (a literal, or one branch of a conditional) ends there, without a generator
      // (75th run, A75a-1: another version of the stack's secret given a literal write-only).
      const follow = (value: unknown, from: string) => {
        if (holdsText(value)) leaves.add(from);
        later.push(...passwordReferences(value));
      };
      writtenOnlyFound(block, attribute, scope).forEach(({ store, argument, written }) => {
        through.set(store.address, store);
        writeOnly.set(`${store.address} ${argument}`, { store, argument });
        // What the reference reads of it (`data.pw` of `jsonencode({pw = ...})`: a user name beside it is no password; 76th run, A76a-6).
        const read = readAlong(written, pathAfterAttribute(reference, block!)) ?? [written];
        for (const value of read) {
          // Read as PGD-IAM-2 reads a password (a write-only argument echoes nothing, so it does not see these): references alone,
          // or choices of them; literal text inside a call (`sensitive("x")`) or a function of the generator (`substr(...)`) may
          // send the same password at every rotation (76th run, A76a-1/2).
          if (!holdsText(value) && !fromReferencesOnly(value, { stack: scope.stack, block: store.config })) leaves.add(`${store.address}.${argument} (not written from references alone)`);
          follow(value, `${store.address}.${argument}`);
        }
      });
      // What a generator does not make, and any time, is text a plan shows (a keeper's copy of the rotation, its "none" id). Of a
      // random_password only a keeper passes a value on: read whole, a function may pick its id (`lookup(p, "id")`; stop 66).
      if (block?.type === 'random_password' && (echo === undefined || attribute !== 'keepers')) return { unreadable: `reads ${reference}, which is no password ${address} makes` };
      if (echo === undefined && block !== undefined && block.type.startsWith('time_')) return { unreadable: `reads ${reference}, a time any plan shows` };
      if (echo !== undefined && 'unreadable' in echo) return { unreadable: `reads ${echo.unreadable}` };
      if (echo !== undefined && block !== undefined) through.set(block.address, block);
      echo?.values.forEach((each) => follow(each, reference));
      // A way that ends here without a generator: a variable (any value a pipeline gives), nothing of the stack behind it (70th
      // run), or a lookup that only may read a store of the stack, and may as well read one elsewhere (71st run, A71a-1).
      // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: the guards narrow types; a block is found only in a stack, a lookup read whole returned above.
      const unsure = block !== undefined && attribute !== undefined && isLookupAddress(block.address) && scope.stack !== undefined && !surelyReadsStack(block, attribute, scope.stack);
      // Stryker disable next-line MethodExpression: equivalent: a variable's default is text, never a reference, so its way always ends here too.
      if (reference.startsWith('var.') || later.length === before || unsure) leaves.add(reference);
    }
    next = later;
  }
  return { generators: [...generators.values()], through: [...through.values()], writeOnly: [...writeOnly.values()], leaves: [...leaves] };
}

/**
 * The references a value's password may come from: of a conditional whose branches the evaluator knows, its branches' only (the
 * condition chooses, it is no password: 71st run, A71a-3); otherwise every reference it reads.
 */
function passwordReferences(value: unknown): string[] {
  if (isUnknown(value) && value.choices !== undefined && value.choices.length > 0) return value.choices.flatMap(passwordReferences);
  // A key of a block's JSON text is read at that key (`jsondecode(x.secret_string).password`: 77th run, A77a-3/4).
  const decoded = isUnknown(value) ? decodedRead(value) : undefined;
  return [...referencesOf((decoded ?? value) as Value)];
}

/**
 * Whether a value on the password's way is, or may be, text of the configuration: a literal (not null, which a write-only
 * argument reads as), a conditional with such a branch, or a list or map holding one.
 */
function holdsText(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (isUnknown(value)) return value.choices !== undefined && value.choices.some(holdsText);
  if (typeof value === 'object') return Object.values(value).some(holdsText);
  return true;
}

/**
 * The generator of the stack whose made value a reference reads (`random_password.p.result`, `random_password.p[0].result`), or
 * undefined. A random_password read whole is none: what a function picks of it may be its public id or a flag (`lookup(p, "id")`,
 * `values(p)[1]`, `p["id"]` of a block without instances; thirteenth mutation pass, stop 66).
 */
function generatorRead(reference: string, scope: EchoScope): ResourceView | undefined {
  const lookup = LOOKUP_GENERATOR.exec(reference)?.[1];
  if (lookup !== undefined) return scope.stack?.lookups?.get(lookup);
  // Stryker disable next-line StringLiteral: equivalent: no block has the address of the text in its place.
  const generator = scope.stack?.resources?.get(GENERATOR_REFERENCE.exec(reference)?.[1] ?? '');
  if (generator === undefined || generator.type !== 'random_password') return generator;
  // Stryker disable next-line LogicalOperator: equivalent: the config keeps the for_each and count its body writes.
  const attribute = madeAttribute(reference.slice(generator.address.length), isCounted(generator.body ?? generator.config));
  // Stryker disable next-line ConditionalExpression: equivalent: no name made is undefined; the guard narrows the type.
  return attribute !== undefined && PASSWORD_MADE.includes(attribute) ? generator : undefined;
}

/**
 * The attribute read after a generator's address (`.result`, `["result"]`), past an instance key or splat of a block with for_each
 * or count; undefined when the block or an instance is read whole, or by a key known only later.
 */
function madeAttribute(rest: string, counted: boolean): string | undefined {
  const instances = counted ? INSTANCE_STEPS.exec(rest)![0].length : 0;
  return /^(?:\.([^.[\]]+)|\["([^"]*)"\])/.exec(rest.slice(instances))?.slice(1).find((name) => name !== undefined);
}

/**
 * The stores that were given the read attribute write-only (`value_wo` for `value`), with what they were given: those a lookup may
 * find, or the store read itself (the model reads a lookup that surely finds a store as that store's attribute).
 */
function writtenOnlyFound(block: ResourceView | undefined, attribute: string | undefined, scope: EchoScope): { store: ResourceView; argument: string; written: Value }[] {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: an attribute is read only of a block, found only in a stack; the guards narrow types.
  if (block === undefined || attribute === undefined || scope.stack === undefined) return [];
  // Each argument that writes the attribute, write-only: a Vault secret's `data` as `data_json_wo` (69th run, A69a-1).
  return writerArguments(block.type, attribute).map((writer) => `${writer}_wo`).flatMap((writeOnly) => {
    // Stryker disable next-line StringLiteral,OptionalChaining: equivalent: the path only follows each reference found; without resources none is.
    const stores = block.config[writeOnly] !== undefined ? [block] : readBackReferences(block, writeOnly, '', scope.stack!).map((found) => scope.stack?.resources?.get(blockOf(found) ?? ''));
    return stores.flatMap((store) => {
      const written = store?.config[writeOnly] as Value | undefined;
      // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: no store writes nothing; the guard narrows the type.
      return store === undefined || written === undefined ? [] : [{ store, argument: writeOnly, written }];
    });
  });
}

/** A block's address, any instance key, then the attribute read (group 1); what follows is read inside the attribute. */
const ATTRIBUTE_READ = /^(?:\[[^\]]*\])*\.([^.[\]]+)/;

/** The attribute a reference reads right after a block's address and any instance key (`value` of `data.x.y["a"].value`), or undefined. */
function attributeRead(reference: string, block: ResourceView): string | undefined {
  return ATTRIBUTE_READ.exec(reference.slice(block.address.length))?.[1];
}

/** What a reference reads inside the attribute (`.pw` of `data.vault_kv_secret_v2.d.data.pw`), '' for the attribute whole. */
function pathAfterAttribute(reference: string, block: ResourceView): string {
  const rest = reference.slice(block.address.length);
  // Stryker disable next-line OptionalChaining: equivalent: called only for a reference whose attribute was read.
  return rest.slice(ATTRIBUTE_READ.exec(rest)?.[0].length ?? rest.length);
}
