import { isUnknown } from './hcl-expression';
import { ResourceView } from './stack-model';
import { fits } from './unknown-server-names';
import { splitTemplate } from './value-readers';

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
const PLACED_VAULT = /^((?:data\.)?azurerm_key_vault\.[^.[\]]+)(?:\[[^\]]*\])?\.id$/;

/** A reference to the name or vault of a block the stack makes or looks up in a vault: group 1 is the block, 2 the argument. */
const IN_VAULT = /^((?:data\.)?azurerm_key_vault_(?:secret|key|certificate)\.[^.[\]]+)(?:\[[^\]]*\])?\.(name|key_vault_id)$/;

type Relation = 'same' | 'other' | 'later';

/** What a vault argument says: the block it is the ID of, and its name, where they are known. */
interface Vault {
  readonly block?: string;
  readonly name?: string;
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
  const name = textRelation(argumentOf(lookup, 'name', blockAt), secret.config.name);
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
  let value = block.config[attribute];
  const seen = new Set([block.address]);
  for (;;) {
    const found = isUnknown(value) && value.isPlainReference ? IN_VAULT.exec(value.references[0]) : null;
    const next = found === null || found[2] !== attribute || seen.has(found[1]) ? undefined : blockAt(found[1]);
    if (next === undefined) return value;
    seen.add(next.address);
    value = next.config[attribute];
  }
}

/** Names as Azure compares them (without case), the same expression, or a template whose literal parts may spell the other. */
function textRelation(a: unknown, b: unknown): Relation {
  const [x, y] = [literal(a), literal(b)];
  if (x === undefined || y === undefined) return 'other';
  if (typeof x === 'string' && typeof y === 'string') return x === y ? 'same' : 'other';
  if (isUnknown(x) && isUnknown(y)) return x.expression === y.expression ? 'same' : 'later';
  const [template, text] = isUnknown(x) ? [x, y as string] : [y as { toString(): string }, x as string];
  return fits(splitTemplate(template.toString(), '?').literal.trim().toLowerCase(), text) ? 'later' : 'other';
}

/** A literal as compared (trimmed, lower case, no trailing slash), an Unknown as it is, undefined for what Terraform refuses. */
function literal(value: unknown): string | { readonly expression: string } | undefined {
  if (isUnknown(value)) return value;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  return String(value).trim().toLowerCase().replace(/\/$/, '');
}

/**
 * The lookup's vault and the secret's: the same literal, expression or block, or vaults of one
 * name (names are unique in Azure); another vault for sure when the names differ, or when the
 * lookup's is a vault the stack makes (or looks up by a literal name) that the secret's is not.
 */
function vaultRelation(lookup: unknown, secret: unknown, blockAt: (address: string) => ResourceView | undefined): Relation {
  const text = textRelation(lookup, secret);
  if (text === 'same') return text;
  const [mine, theirs] = [vaultOf(lookup, blockAt), vaultOf(secret, blockAt)];
  if (mine.name !== undefined && theirs.name !== undefined) return mine.name === theirs.name ? 'same' : 'other';
  if (mine.block !== undefined) return mine.block === theirs.block ? 'same' : 'other';
  return text;
}

function vaultOf(value: unknown, blockAt: (address: string) => ResourceView | undefined): Vault {
  if (typeof value === 'string') return { name: VAULT_ID.exec(value.trim())?.[1]?.toLowerCase() };
  if (!isUnknown(value)) return {};
  const block = value.isPlainReference ? PLACED_VAULT.exec(value.references[0])?.[1] : undefined;
  if (block !== undefined) {
    const name = blockAt(block)?.config.name;
    // A vault looked up by a name known only at apply time may be any vault; one the stack makes is its own.
    if (typeof name !== 'string' && block.startsWith('data.')) return {};
    return { block, name: typeof name === 'string' ? name.trim().toLowerCase() : undefined };
  }
  // A template that spells a vault's ID with a literal name.
  const name = VAULT_ID.exec(splitTemplate(value.toString(), '?').literal.trim())?.[1];
  return { name: name === undefined || name.includes('?') ? undefined : name.toLowerCase() };
}
