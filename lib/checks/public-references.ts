/**
 * References whose value is no secret (85th run, A85c-2): text anyone who reads the configuration, the plan, the state or the
 * cloud can tell. A password read from one is as good as a literal: the workspace's name, a path, an instance's index or key, an
 * attribute of the block itself, and attributes that are an object's ID, name, host, address, public key or certificate, a time,
 * a pet name, or what an HTTP request sent with no credential in its headers gets back. Only what generates or stores a secret (a random_password's result, a variable, a
 * Key Vault secret's value, a private key) counts as one; an attribute not named here is read as before.
 */
import { blockOf, INSTANCE_STEPS } from './attribute-reads';
import { isUnknown } from './hcl-expression';
import { isObject } from './terraform-json';

/** Terraform's own values: the workspace, paths, the instance's index or key, the block itself. */
const OWN_VALUES: readonly [RegExp, string][] = [
  [/^terraform\.workspace$/, 'the name of the Terraform workspace'],
  [/^path\.(?:module|root|cwd)$/, 'a path of the configuration'],
  [/^count\.index$/, 'the index of the block\'s instance'],
  [/^each\.key$/, 'the key of the block\'s instance'],
  [/^self(?:\.|\[|$)/, 'an attribute of the block itself'],
];

/** Attribute names that hold an object's identity or whereabouts: IDs, names, hosts, mail addresses, zones, URLs, public keys and certificates, tags. */
const PUBLIC_ATTRIBUTE = /^(?:id|ids|name|fqdn|host|login|mail|zone|location|tags|url|uri|arn|address|endpoint|version|cert_pem|certificate_data|certificate_pem|.*_(?:id|ids|name|fqdn|host|login|mail|zone|url|uri|arn|address|endpoint|cert_pem|certificate_pem)|public_key.*|.*_public_key.*)$/;

/** The attributes of a random_password that are not its password: its ID is the text "none". */
const RANDOM_PASSWORD_PUBLIC = ['id', 'keepers', 'length'];

/** The blocks of the stack, by address (`type.name`, `data.type.name`), as the stack model keeps them. */
interface Blocks {
  readonly resources?: ReadonlyMap<string, { readonly config: { readonly [name: string]: unknown }; readonly instanceKeys?: readonly string[] }>;
  readonly lookups?: ReadonlyMap<string, { readonly config: { readonly [name: string]: unknown }; readonly instanceKeys?: readonly string[] }>;
}

/**
 * What a reference reads when it is no secret (for messages: "the name of the Terraform workspace"); undefined otherwise. The
 * block is found in `stack`: a name after a block with count or for_each may be an instance key written after a dot (as locals are
 * spelled), so the reference is public only when every attribute it may read is. An HTTP response is one when no header of its
 * request is read from a reference: a request with a token may read a store.
 */
export function publicReading(reference: string, stack?: Blocks): string | undefined {
  const own = OWN_VALUES.find(([pattern]) => pattern.test(reference));
  if (own !== undefined) return own[1];
  const address = blockOf(reference);
  if (address === undefined || /^(?:var|local|module)\./.test(address)) return undefined;
  const type = address.replace(/^(?:data|ephemeral)\./, '').split('.')[0];
  const block = stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  const rest = reference.slice(address.length);
  const indexed = INSTANCE_STEPS.exec(rest)![0];
  const names = /^\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?/.exec(rest.slice(indexed.length));
  if (names === null) return undefined;
  const multiplied = block !== undefined && (block.config.count !== undefined || block.config.for_each !== undefined) && indexed === '';
  const keys = block?.instanceKeys;
  const attributes = !multiplied ? [names[1]]
    : keys !== undefined ? [keys.includes(names[1]) ? names[2] : names[1]]
    : [names[1], names[2]];
  const readings = attributes.map((attribute) => attribute === undefined ? undefined : attributeReading(type, attribute, address, block?.config));
  return readings.every((reading) => reading !== undefined) ? readings[0] : undefined;
}

/** What an attribute of a block of the type holds when it is no secret; undefined otherwise. */
function attributeReading(type: string, attribute: string, address: string, config: { readonly [name: string]: unknown } | undefined): string | undefined {
  if (type === 'random_password') return RANDOM_PASSWORD_PUBLIC.includes(attribute) ? `the ${attribute} of a random_password, not its result` : undefined;
  // A pet name is words from a short list (87th run, A87a-4); the other generators make their value their ID too (random_string, random_id, random_uuid).
  if (type === 'random_pet') return 'a pet name from a short word list, which anyone can guess';
  if (type.startsWith('random_')) return undefined;
  if (type.startsWith('time_')) return 'a time, which anyone can guess';
  if (type === 'http' && address.startsWith('data.')) {
    // Only a header read from a reference (a token) may make the request read a store; literal headers are no credential (87th run, A87a-4).
    const headers = config?.request_headers;
    const credential = isUnknown(headers) || (isObject(headers) && Object.values(headers).some((value) => isUnknown(value)));
    return credential ? undefined : 'what an HTTP request sent with no credential in its headers gets back';
  }
  return PUBLIC_ATTRIBUTE.test(attribute) ? `an ID, name, host, address or public key (${attribute})` : undefined;
}
