// The text of a postgresql_* block as cyrilgdn/postgresql sends it to PostgreSQL (thirty-third run, A33b-1, A33b-2).
// Terraform keeps a NUL in a string, and lib/pq's QuoteIdentifier, which quotes nearly every name the provider writes
// into SQL (a role, a grant's role and grant_role, a role's roles, a label's provider and object, a schema, a database,
// an owner), cuts a name at its first NUL (lib/pq quote.go: "if the input string contains a zero byte, the result will be
// truncated immediately before it"): `grant_role = "azure_pg_admin\u0000x"` runs GRANT "azure_pg_admin". A NUL anywhere
// else the provider sends does nothing: PostgreSQL takes a statement (a Query or Parse message) only as a string ended by
// its first zero byte and refuses a message with bytes after it ("invalid message format"), and a bound value with a NUL
// fails its encoding check, so the statement fails and is rolled back. Every text of such a block is therefore read up to
// its first NUL: exact for the names, and at most stricter for the rest (a write that fails is judged as done).
//
// PostgreSQL then cuts every identifier, quoted or not, to NAMEDATALEN - 1 = 63 bytes at a character boundary (scan.l
// truncate_identifier, with pg_mbcliplen; a NOTICE only, the statement goes on): `GRANT "<63 bytes>x" TO intruder` grants the
// role of the first 63 bytes (thirty-fifth run, A35b-4). So every argument the provider quotes as an identifier is read cut so
// (IDENTIFIERS below); texts it sends as literals (a password, a label, a comment) stay whole.
import { copiedTemplate, isUnknown, Unknown, Value } from './hcl-expression';
import { TerraformBlock } from './stack-model';
import { isObject } from './terraform-json';
import { setOwn } from '../private/own-keys';

/**
 * Terraform's meta-arguments (Terraform reads them, the provider never sends them) and `database`, the database a block
 * connects to: the provider writes it into its connection URL, which lib/pq decodes and writes into the startup packet
 * unchecked, NUL included (PGD-TLS-1 judges it as written, and fails closed on a control character in it).
 */
const META = ['count', 'for_each', 'provider', 'lifecycle', 'depends_on', 'provisioner', 'connection', '//', 'database'];

/**
 * The arguments cyrilgdn/postgresql 1.26 writes into SQL through pq.QuoteIdentifier, by block type (one text, or a list of
 * them); each is a name PostgreSQL cuts to 63 bytes. Source: postgresql/resource_postgresql_*.go at v1.26.0:
 * grant_role.go grantRoleStatement (GRANT grant_role TO role); role.go createRole, grantRoles, setSearchPath, setAssumeRole
 * (CREATE ROLE name, GRANT roles TO name, SET search_path, SET ROLE TO assume_role); grant.go createGrantQuery (role, schema,
 * columns); default_privileges.go (FOR ROLE owner ... IN SCHEMA schema ... TO role); schema.go (CREATE SCHEMA name
 * AUTHORIZATION owner); security_label.go (FOR label_provider ON object_type object_name; the label is a QuoteLiteral);
 * database.go (OWNER, TEMPLATE, TABLESPACE); extension.go (name, SCHEMA, VERSION); function.go (schema.name); server.go
 * (server_name, FOREIGN DATA WRAPPER fdw_name, OWNER TO server_owner); user_mapping.go (FOR user_name SERVER server_name);
 * publication.go and subscription.go (name, publications). Left whole here: `database` (META: the connection's, read by
 * database-checks.ts databaseOf as the server reads it) and postgresql_database's `name`, which the provider also writes into
 * its connection URL (PGD-TLS-1 judges that text as written; databasesMadeOn cuts it for the comparisons).
 */
const IDENTIFIERS: { readonly [type: string]: readonly string[] } = {
  // "<block>.<argument>": that argument of each nested block.
  postgresql_grant_role: ['role', 'grant_role'],
  postgresql_role: ['name', 'roles', 'search_path', 'assume_role'],
  postgresql_grant: ['role', 'schema', 'columns'],
  postgresql_default_privileges: ['role', 'owner', 'schema'],
  postgresql_schema: ['name', 'owner', 'policy.role'],
  postgresql_security_label: ['label_provider', 'object_name'],
  postgresql_database: ['owner', 'template', 'tablespace_name'],
  postgresql_extension: ['name', 'schema', 'version'],
  postgresql_function: ['name', 'schema'],
  postgresql_server: ['server_name', 'fdw_name', 'server_owner'],
  postgresql_user_mapping: ['user_name', 'server_name'],
  postgresql_publication: ['name', 'owner'],
  postgresql_subscription: ['name', 'publications'],
};

/**
 * A postgresql_* block's arguments as the provider sends them and PostgreSQL reads them: each text up to its first NUL, and
 * each identifier (IDENTIFIERS) cut to 63 bytes (see above).
 */
export function sentToPostgres(config: TerraformBlock, type?: string): TerraformBlock {
  const identifiers = type === undefined ? [] : Object.prototype.hasOwnProperty.call(IDENTIFIERS, type) ? IDENTIFIERS[type] : [];
  const sent: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(config)) {
    const text = META.includes(key) ? value : beforeNul(value);
    const inBlocks = identifiers.filter((name) => name.startsWith(`${key}.`)).map((name) => name.slice(key.length + 1));
    setOwn(sent, key, identifiers.includes(key) ? asIdentifiers(text) : inBlocks.length > 0 && Array.isArray(text) ? text.map((block) => withIdentifiers(block, inBlocks)) : text);
  }
  return sent;
}

/** A nested block (an item of `policy`) with its identifier arguments cut; any other value as it is. */
function withIdentifiers(block: unknown, names: readonly string[]): unknown {
  if (!isObject(block)) return block;
  const cut: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(block)) setOwn(cut, key, names.includes(key) ? asIdentifiers(value) : value);
  return cut;
}

/** PostgreSQL's longest identifier in bytes (NAMEDATALEN - 1). */
const IDENTIFIER_BYTES = 63;

/**
 * An identifier, quoted or not, as PostgreSQL keeps it: cut to 63 bytes of UTF-8 at a character boundary (scan.l
 * truncate_identifier; the one cut of the pack: unquoted-sql.ts reads setting values with it, database-checks.ts database names).
 */
export function asIdentifier(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= IDENTIFIER_BYTES) return name;
  let kept = '';
  for (const char of name) {
    if (Buffer.byteLength(kept + char, 'utf8') > IDENTIFIER_BYTES) break;
    kept += char;
  }
  return kept;
}

/**
 * A name the provider writes with pq.QuoteIdentifier that the stack model keeps as written, a key of a map (a foreign server's or user
 * mapping's option name: resource_postgresql_server.go, resource_postgresql_user_mapping.go at v1.26.0), as PostgreSQL receives it:
 * up to its first NUL, cut to 63 bytes (cut63). Read where it is compared, so that two keys with one such name stay two.
 */
export function asSentIdentifier(name: string): string {
  return asIdentifier(beforeNul(name) as string);
}

/**
 * The user name of a provider's startup packet (its `username`) as the server reads it (cut63): PostgreSQL 15's ProcessStartupPacket
 * (postmaster.c) cuts it to 63 bytes, in the middle of a character too, so "<63 bytes>x" signs in as the role of those 63 bytes; a cut
 * across a character leaves a name no role has (the sign-in fails), kept whole here so that it names no role of 63 bytes or fewer
 * (both shown on the live cluster, identifier-63-on-postgres.test.ts). Any other value as it is.
 */
export function asStartupName(name: unknown): unknown {
  if (typeof name !== 'string') return name;
  const cut = asIdentifier(name);
  return Buffer.byteLength(cut, 'utf8') === IDENTIFIER_BYTES ? cut : name;
}

/**
 * An identifier argument as PostgreSQL keeps it: a text, or each text of a list, cut to 63 bytes; a value known only at apply
 * time is known when its text before the first interpolation already has more than 63 bytes ("<63 bytes>${var.x}" is those 63
 * bytes), and its choices are cut; any other value as it is.
 */
function asIdentifiers(value: unknown): unknown {
  if (typeof value === 'string') return asIdentifier(value);
  if (Array.isArray(value)) return value.map(asIdentifiers);
  if (!isUnknown(value)) return value;
  const spelled = value.spelled;
  const start = spelled === undefined ? -1 : spelled.search(/[$%]\{/);
  if (spelled !== undefined && start >= 0 && Buffer.byteLength(spelled.slice(0, start), 'utf8') > IDENTIFIER_BYTES) return asIdentifier(spelled.slice(0, start));
  if (value.choices === undefined) return value;
  return copiedTemplate(new Unknown(value.expression, value.references, value.spelled, value.choices.map((item) => asIdentifiers(item) as Value), value.encodes, value.partly, value.parts), value);
}

/** A value with every text in it cut at its first NUL; keys of objects stay as written (a reader fails closed on a NUL in a name it reads). */
function beforeNul(value: unknown): unknown {
  if (typeof value === 'string') {
    const end = value.indexOf('\0');
    return end < 0 ? value : value.slice(0, end);
  }
  if (Array.isArray(value)) return value.map(beforeNul);
  if (isUnknown(value)) return unknownBeforeNul(value);
  if (!isObject(value)) return value;
  const object: { [key: string]: unknown } = {};
  for (const [key, item] of Object.entries(value)) setOwn(object, key, beforeNul(item));
  return object;
}

/**
 * A value known only at apply time as sent: a template whose text has a NUL before its first interpolation is the
 * text before it, known now ("azure_pg_admin\u0000${var.x}" sends "azure_pg_admin"); the values it may be and the
 * parts read inside it are cut as any text.
 */
function unknownBeforeNul(value: Unknown): Value {
  const spelled = value.spelled;
  const end = spelled === undefined ? -1 : spelled.indexOf('\0');
  if (spelled !== undefined && end >= 0 && !/[$%]\{/.test(spelled.slice(0, end))) return spelled.slice(0, end);
  if (value.choices === undefined && value.parts === undefined) return value;
  const cut = (values: readonly Value[] | undefined) => values?.map((item) => beforeNul(item) as Value);
  return copiedTemplate(new Unknown(value.expression, value.references, value.spelled, cut(value.choices), value.encodes, value.partly, cut(value.parts)), value);
}
