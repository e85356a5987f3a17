import { isUnknown, Unknown } from './hcl-expression';
import { ResourceView } from './stack-model';
import { splitTemplate, textKeptArgument } from './value-readers';
import { holedPattern } from '../private/literal-pattern';
import { parseGoogleSecretName } from './google-secret-names';
import { INSTANCE_KEY } from './traversal-text';

// A lookup of a Key Vault secret is aliased to a secret of the stack only by its literal name and vault
// (data-source-aliases.ts). One whose name or vault is known only at apply time (a variable, a template
// with a variable part, another state's output, a local Terraform cannot fold) may be the secret a
// construct writes a generated password to: Terraform plans a variable's default unless told otherwise.
// Its value is read as that secret's, unless the lookup is known to read another (thirteenth review, A13-5).

/** The lookups that read a secret's value by its name and vault: data sources (in a check block too) and ephemeral resources. */
const SECRET_LOOKUP = /^(?:check\.[^.]+\.)?(?:data|ephemeral)\.azurerm_key_vault_secret\.[^.[\]]+$/;
/** A Key Vault's ID (or a template of one): group 1 is its name. */
const VAULT_ID = /\/providers\/microsoft\.keyvault\/vaults\/([^/]+)\/?$/i;
/** A reference to the ID of a vault the stack makes or looks up: group 1 is the block. */
const PLACED_VAULT = new RegExp(String.raw`^((?:data\.)?azurerm_key_vault\.[^.[\]]+)(?:${INSTANCE_KEY})?\.id$`);

/** A reference to the name or vault of a block the stack makes or looks up in a vault: group 1 is the block, 2 the argument. */
const IN_VAULT = new RegExp(String.raw`^((?:data\.)?azurerm_key_vault_(?:secret|key|certificate)\.[^.[\]]+)(?:${INSTANCE_KEY})?\.(name|key_vault_id)$`);

/** Two names or vaults: the same, others for sure, or ones that may meet once known ('later'). */
export type Relation = 'same' | 'other' | 'later';

/** What a vault argument says: the block it is the ID of, and its name, where they are known; the ID it spells (ANY for what is known only at apply time). */
interface Vault {
  readonly block?: string;
  readonly name?: string;
  readonly pattern: string;
}

/** True when an address is a lookup that reads a Key Vault secret's value by its name and vault. */
export function isSecretLookup(address: string): boolean {
  return SECRET_LOOKUP.test(address);
}

/**
 * Why a lookup of a Key Vault secret may read `secret`: its arguments known only at apply time
 * ("name \"${var.n}\" is"), '' when its literal arguments are the secret's, undefined when it reads
 * another secret (another name, another vault) for sure.
 */
export function mayReadSecret(lookup: ResourceView, secret: ResourceView, blockAt: (address: string) => ResourceView | undefined): string | undefined {
  const name = textRelation(argumentOf(lookup, 'name', blockAt), secret.config.name, blockAt);
  const vault = vaultRelation(argumentOf(lookup, 'key_vault_id', blockAt), secret.config.key_vault_id, blockAt);
  if (name === 'other' || vault === 'other') return undefined;
  const parts = ([['name', name], ['key_vault_id', vault]] as const).filter(([, relation]) => relation === 'later').map(([attribute]) => {
    const [mine, theirs] = [argumentOf(lookup, attribute, blockAt), secret.config[attribute]];
    // The lookup's own argument is known; the secret's is not.
    return `${attribute} ${JSON.stringify(mine)}${isUnknown(mine) ? '' : ` (the secret's: ${JSON.stringify(theirs)})`}`;
  });
  return parts.length === 0 ? '' : `${parts.join(' and ')} ${parts.length > 1 ? 'are' : 'is'}`;
}

/**
 * A block's name or key_vault_id, through references to that argument of other blocks in a vault
 * ("the vault of that secret", "that secret's name"), as far as they are known.
 */
function argumentOf(block: ResourceView, attribute: 'name' | 'key_vault_id', blockAt: (address: string) => ResourceView | undefined): unknown {
  // Stryker disable next-line ArrayDeclaration: equivalent: a block whose argument reads that argument of itself is followed once more, to the same value, and then seen
  return throughReferences(block.config[attribute], attribute, blockAt, new Set([block.address]));
}

/** A name or key_vault_id value, through references to that argument of other blocks in a vault (`azurerm_key_vault_secret.x.key_vault_id`: A15b-12). */
function throughReferences(written: unknown, attribute: 'name' | 'key_vault_id', blockAt: (address: string) => ResourceView | undefined, seen = new Set<string>()): unknown {
  let value = written;
  for (;;) {
    const found = isUnknown(value) && value.isPlainReference ? IN_VAULT.exec(value.references[0]) : null;
    const next = found === null || found[2] !== attribute || seen.has(found[1]) ? undefined : blockAt(found[1]);
    if (next === undefined) return value;
    seen.add(next.address);
    value = next.config[attribute];
  }
}

/** What an interpolation Terraform resolves only at apply time stands for in a pattern: any text. */
const ANY = '\u0000';
/** A reference to an argument of a resource: group 1 is the block, 2 the argument. */
const RESOURCE_ARGUMENT = /^((?!(?:data|var|local|module|each|count|path|terraform|self)\.)[a-zA-Z_][\w-]*\.[^.[\]\s]+)\.([a-z_]+)$/;
/** A reference to the name of a data source, which is the name it looks up (fourteenth review, A14a-6): group 1 is the block, 2 "name". */
const LOOKUP_NAME = /^(data\.[a-zA-Z_][\w-]*\.[^.[\]\s]+)\.(name)$/;

/**
 * Whether two values are the IDs of two blocks of one resource type (`google_secret_manager_secret.pw.id`,
 * `google_secret_manager_secret.api.id`): two blocks are two objects, so their IDs differ (70th run, A70a-3). Blocks of other types
 * may share one (an NSG association's ID is its subnet's).
 */
function distinctIds(x: unknown, y: unknown, blockAt: (address: string) => ResourceView | undefined): boolean {
  const [p, q] = [x, y].map((value) => (isUnknown(value) && value.isPlainReference ? RESOURCE_ARGUMENT.exec(value.references[0]) : null));
  if (p !== null && q !== null) return UNIQUE_IDS.has(p[2]) && UNIQUE_IDS.has(q[2]) && p[1] !== q[1] && p[1].split('.')[0] === q[1].split('.')[0];
  // A literal name against another block's identifier (its ID, ARN, name), that block named by another literal: its ID and ARN
  // spell its own name (75th run, A75a-3: "db-pw" is not `aws_secretsmanager_secret.api.arn`). A literal that is an ID or ARN may be.
  // A lookup of a secret by its literal name spells that name in its ID and ARN as the secret does (78th run, A78a-3); two lookups
  // may find one secret, so only a lookup against a literal.
  const [m, n] = [x, y].map((value) => (isUnknown(value) && value.isPlainReference ? NAMING_ARGUMENT.exec(value.references[0]) : null));
  const [reference, text] = m !== null ? [m, y] : n !== null ? [n, x] : [null, undefined];
  if (reference === null || typeof text !== 'string' || !UNIQUE_IDS.has(reference[2])) return false;
  // Only a secret whose ID spells its own name (not a block that names a secret by ID: 76th run, A76a-3). A name may hold "/"
  // (AWS's `prod/db/pw`): only an ARN or Google's resource name is an ID (78th run, A78a-4), compared by the names it spells.
  const block = blockAt(reference[1]);
  if (block === undefined || !NAMED_IN_ID.has(block.type)) return false;
  const named = ['name', 'secret_id'].map((key) => block.config[key]).find((value): value is string => typeof value === 'string' && !SECRET_ID.test(value) && !value.includes('${'));
  return named !== undefined && !spelledNames(text).includes(normalized(named));
}

/** A reference to an argument of a resource, or of a data source (its ID and ARN spell the name it looks up): group 1 the block, 2 the argument. */
const NAMING_ARGUMENT = /^((?:data\.)?(?!(?:data|var|local|module|each|count|path|terraform|self)\.)[a-zA-Z_][\w-]*\.[^.[\]\s]+)\.([a-z_]+)$/;

/** A secret's ID or ARN rather than its name: an AWS ARN, or Google's resource name (also in its full form). */
const SECRET_ID = /^(?:arn:|(?:\/\/secretmanager\.googleapis\.com\/)?projects\/)/i;

/** Secrets whose ID and ARN spell the name they are made with (an AWS secret's ARN, Google's `projects/p/secrets/<secret_id>`). */
const NAMED_IN_ID: ReadonlySet<string> = new Set(['aws_secretsmanager_secret', 'google_secret_manager_secret', 'google_secret_manager_regional_secret']);

/** The attributes that identify a block wherever it is (its ID, its ARN): two blocks of one type never share one. */
const UNIQUE_IDS: ReadonlySet<string> = new Set(['id', 'arn']);

/**
 * Names as Azure compares them (without case): the same text or expression, another text, or texts
 * that may meet once known (a template whose literal parts, and the literal arguments of the
 * resources it reads, such as a server's name, may spell the other).
 */
function textRelation(a: unknown, b: unknown, blockAt: (address: string) => ResourceView | undefined): Relation {
  const [x, y] = [literal(a), literal(b)];
  if (x === undefined || y === undefined) return 'other';
  // Stryker disable next-line LogicalOperator: equivalent: a string has no expression, so an Unknown beside a string never shares its expression
  if (isUnknown(x) && isUnknown(y) && x.expression === y.expression) return 'same';
  if (distinctIds(x, y, blockAt)) return 'other';
  const [p, q] = [patternOf(x, blockAt), patternOf(y, blockAt)];
  if (!p.includes(ANY) && !q.includes(ANY) && p === q) return 'same';
  // Another spelling of one secret's name (its ARN, its resource name), templates too, is that secret (76th/77th runs, A76a-5, A77a-1/2).
  const meet = (a: string, b: string) => (a.includes(ANY) || b.includes(ANY) ? mayMeet(a, b) : a === b);
  return spelledNames(p).some((mine) => spelledNames(q).some((theirs) => meet(mine, theirs))) ? 'later' : 'other';
}

/**
 * The secret names a text may be (lower case, ANY for a part known only later): itself, and the name an AWS secret's ARN spells (with and without the six
 * characters AWS adds) or a Google secret's resource name (`projects/p/secrets/db-pw`, regional or versioned too). Another spelling
 * of the same secret is not another secret (76th run, A76a-5); its account or project, not known to differ, may be the provider's.
 */
function spelledNames(text: string): string[] {
  const aws = /^arn:[^:]*:secretsmanager:[^:]*:[^:]*:secret:(.+)$/.exec(text)?.[1];
  if (aws !== undefined) return [text, aws, ...(/^(.+)-[a-z0-9]{6}$/.exec(aws)?.slice(1) ?? [])];
  const google = parseGoogleSecretName(text)?.secret;
  return google === undefined ? [text] : [text, google];
}

/** A literal as compared (trimmed, lower case, no trailing slash), an Unknown as it is, undefined for what Terraform refuses. */
function literal(value: unknown): string | Unknown | undefined {
  if (isUnknown(value)) return value;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  return normalized(String(value));
}

function normalized(text: string): string {
  return text.trim().toLowerCase().replace(/\/$/, '');
}

/** A text, or an expression with ANY for each part known only at apply time, and the literal arguments of resources it reads filled in. */
function patternOf(value: string | Unknown, blockAt: (address: string) => ResourceView | undefined): string {
  if (typeof value === 'string') return value;
  return normalized(splitTemplate(value.toString(), (expression) => {
    const found = RESOURCE_ARGUMENT.exec(expression.trim()) ?? LOOKUP_NAME.exec(expression.trim());
    const argument = found === null ? undefined : blockAt(found[1])?.config[found[2]];
    return typeof argument === 'string' && !argument.includes('${') ? argument : ANY;
  }).literal);
}

/** True when two patterns may spell one text: one fits the other, or their literal starts and ends agree. */
function mayMeet(p: string, q: string): boolean {
  if (!p.includes(ANY)) return fits(q, p);
  if (!q.includes(ANY)) return fits(p, q);
  const [pParts, qParts] = [p.split(ANY), q.split(ANY)];
  const [pStart, qStart, pEnd, qEnd] = [pParts[0], qParts[0], pParts[pParts.length - 1], qParts[qParts.length - 1]];
  return (pStart.startsWith(qStart) || qStart.startsWith(pStart)) && (pEnd.endsWith(qEnd) || qEnd.endsWith(pEnd));
}

function fits(pattern: string, text: string): boolean {
  return new RegExp(`^${holedPattern(pattern, ANY, '[^]*')}$`).test(text);
}

/**
 * The lookup's vault and the secret's: the same literal, expression or block, or vaults of one
 * name (names are unique in Azure). Another vault for sure only when both are known and differ:
 * two names, or two vaults the stack makes. A known vault (a literal ID, a vault the stack makes or
 * looks up by a literal name) compared with one known only at apply time (a variable) may be it:
 * the variable may be set to its ID (fifteenth review, A14b-6), as a name may meet a variable.
 */
function vaultRelation(lookup: unknown, secret: unknown, blockAt: (address: string) => ResourceView | undefined): Relation {
  const relations = vaultReadings(lookup).flatMap((mine) => vaultReadings(secret).map((theirs) => oneVaultRelation(mine, theirs, blockAt)));
  if (relations.every((relation) => relation === 'same')) return 'same';
  return relations.every((relation) => relation === 'other') ? 'other' : 'later';
}

/** Choices read, at most this deep (a choice of choices of wrapped references); deeper, the value is read as it is. */
const MAX_READING_DEPTH = 8;

/**
 * The vaults a value may be: each choice of a conditional or `try` (49th run, A49a-4), and the argument of a call that keeps its text
 * (`tostring(azurerm_key_vault.v.id)`, `lower(...)`: Azure compares IDs without case), read again; any other value as it is.
 */
function vaultReadings(value: unknown, depth = 0): unknown[] {
  if (!isUnknown(value) || depth > MAX_READING_DEPTH) return [value];
  if (value.choices !== undefined && value.choices.length > 0) return value.choices.flatMap((choice) => vaultReadings(choice, depth + 1));
  const argument = textKeptArgument(value);
  return argument === undefined ? [value] : vaultReadings(argument, depth + 1);
}

function oneVaultRelation(lookup: unknown, secret: unknown, blockAt: (address: string) => ResourceView | undefined): Relation {
  if (textRelation(lookup, secret, blockAt) === 'same') return 'same';
  const [mine, theirs] = [vaultOf(lookup, blockAt), vaultOf(secret, blockAt)];
  if (mine === undefined || theirs === undefined) return 'other';
  return relationOf(mine, theirs);
}

function relationOf(mine: Vault, theirs: Vault): Relation {
  if (mine.name !== undefined && theirs.name !== undefined) return mine.name === theirs.name ? 'same' : 'other';
  if (mine.block !== undefined && mine.block === theirs.block) return 'same';
  if (isMade(mine.block) && isMade(theirs.block)) return 'other';
  return mayMeet(mine.pattern, theirs.pattern) ? 'later' : 'other';
}

/** True for a vault the stack makes (not one it looks up): two of them are two vaults, whatever their names. */
function isMade(block: string | undefined): boolean {
  return block !== undefined && !block.startsWith('data.');
}

/** What a vault argument says, or undefined for a value Terraform refuses. */
function vaultOf(value: unknown, blockAt: (address: string) => ResourceView | undefined): Vault | undefined {
  const text = literal(value);
  if (text === undefined) return undefined;
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: below, a string is no plain reference and its pattern is itself, so the name and pattern are the same (they differ only for a literal holding U+0000, the placeholder of ANY, in the vault's name, which Azure refuses)
  if (typeof text === 'string') return { name: VAULT_ID.exec(text)?.[1], pattern: text };
  const block = text.isPlainReference ? PLACED_VAULT.exec(text.references[0])?.[1] : undefined;
  if (block !== undefined) return vaultOfBlock(block, blockAt);
  // A template that spells a vault's ID, with a literal name or not.
  const pattern = patternOf(text, blockAt);
  const name = VAULT_ID.exec(pattern)?.[1];
  return { name: name === undefined || name.includes(ANY) ? undefined : name, pattern };
}

/** A vault the stack makes or looks up: its block, its name where literal, and the ID it spells from its literal arguments. */
function vaultOfBlock(block: string, blockAt: (address: string) => ResourceView | undefined): Vault {
  const config = blockAt(block)?.config ?? {};
  const [name, group] = [config.name, config.resource_group_name].map((each) => partOf(each, blockAt));
  const known = name.includes(ANY) ? undefined : name;
  // A vault looked up by a name known only at apply time may be any vault.
  if (known === undefined && !isMade(block)) return { block, pattern: ANY };
  return { block, name: known, pattern: `/subscriptions/${ANY}/resourcegroups/${group}/providers/microsoft.keyvault/vaults/${name}` };
}

/** A name or group as a pattern: its literal text, the literal parts of a template (a made vault named `${var.prefix}-kv`), or ANY. */
function partOf(value: unknown, blockAt: (address: string) => ResourceView | undefined): string {
  const text = literal(value);
  if (text === undefined || (typeof text === 'string' && text.includes('${'))) return ANY;
  return patternOf(text, blockAt);
}

/**
 * Whether a value (a role's scope, an access policy's key_vault_id) is a secret's vault: 'same' for
 * sure (the same ID, expression, block or vault name), 'later' when one of them is known only at
 * apply time and they may meet, 'other' when not.
 */
export function vaultOfSecret(value: unknown, secret: ResourceView, blockAt: (address: string) => ResourceView | undefined): Relation {
  return vaultRelation(throughReferences(value, 'key_vault_id', blockAt), argumentOf(secret, 'key_vault_id', blockAt), blockAt);
}

/** Whether a vault the stack makes (by its block's address) is a secret's vault: 'same', 'later' (one of them is known only at apply time) or 'other'. */
export function madeVaultOfSecret(block: string, secret: ResourceView, blockAt: (address: string) => ResourceView | undefined): Relation {
  const theirs = vaultOf(secret.config.key_vault_id, blockAt);
  return theirs === undefined ? 'other' : relationOf(vaultOfBlock(block, blockAt), theirs);
}

/** True when a value names a vault known before apply: an ID with a literal name, a vault the stack makes, or one it looks up by a literal name. */
export function isKnownVault(value: unknown, blockAt: (address: string) => ResourceView | undefined): boolean {
  const vault = vaultOf(value, blockAt);
  return vault !== undefined && (vault.name !== undefined || isMade(vault.block));
}

/** The name of a secret's vault, in lower case, where its key_vault_id spells it (a literal ID or template, a vault the stack makes or looks up). */
export function vaultNameOf(secret: ResourceView, blockAt: (address: string) => ResourceView | undefined): string | undefined {
  return vaultOf(secret.config.key_vault_id, blockAt)?.name;
}

/** True when two texts (literals or templates: `${path.module}/pw.txt`) may be one once known, compared as Azure compares names (read-back-lookups.ts). */
export function mayBeSameText(a: unknown, b: unknown, blockAt: (address: string) => ResourceView | undefined): boolean {
  return textRelation(a, b, blockAt) !== 'other';
}

/** True when a name may be a secret's (the same text, or texts that may meet once known: a template spelled from the server's name). */
export function mayBeSecretName(name: string, secret: ResourceView, blockAt: (address: string) => ResourceView | undefined): boolean {
  return textRelation(name, secret.config.name, blockAt) !== 'other';
}
