// The text of a postgresql_* block as cyrilgdn/postgresql sends it to PostgreSQL (thirty-third run, A33b-1, A33b-2).
// Terraform keeps a NUL in a string, and lib/pq's QuoteIdentifier, which quotes nearly every name the provider writes
// into SQL (a role, a grant's role and grant_role, a role's roles, a label's provider and object, a schema, a database,
// an owner), cuts a name at its first NUL (lib/pq quote.go: "if the input string contains a zero byte, the result will be
// truncated immediately before it"): `grant_role = "azure_pg_admin\u0000x"` runs GRANT "azure_pg_admin". A NUL anywhere
// else the provider sends does nothing: PostgreSQL takes a statement (a Query or Parse message) only as a string ended by
// its first zero byte and refuses a message with bytes after it ("invalid message format"), and a bound value with a NUL
// fails its encoding check, so the statement fails and is rolled back. Every text of such a block is therefore read up to
// its first NUL: exact for the names, and at most stricter for the rest (a write that fails is judged as done).
import { isUnknown, Unknown, Value } from './hcl-expression';
import { TerraformBlock } from './stack-model';
import { isObject } from './terraform-json';
import { setOwn } from '../private/own-keys';

/**
 * Terraform's meta-arguments (Terraform reads them, the provider never sends them) and `database`, the database a block
 * connects to: the provider writes it into its connection URL, which lib/pq decodes and writes into the startup packet
 * unchecked, NUL included (PGD-TLS-1 judges it as written, and fails closed on a control character in it).
 */
const META = ['count', 'for_each', 'provider', 'lifecycle', 'depends_on', 'provisioner', 'connection', '//', 'database'];

/** A postgresql_* block's arguments as the provider sends them: each text up to its first NUL (see above). */
export function sentToPostgres(config: TerraformBlock): TerraformBlock {
  const sent: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(config)) setOwn(sent, key, META.includes(key) ? value : beforeNul(value));
  return sent;
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
  return new Unknown(value.expression, value.references, value.spelled, cut(value.choices), value.encodes, value.partly, cut(value.parts));
}
