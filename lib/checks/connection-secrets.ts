// Where a libpq connection string (keyword=value pairs, or a postgresql:// URI) writes a secret:
// a subscription's conninfo carries the password its server signs in to the publisher with.
import { isUnknown } from './hcl-expression';

/** libpq keywords whose value is a secret (the password, and the passphrase of the client key). */
export const SECRET_KEYWORDS = ['password', 'sslpassword'];

/** Stands for an interpolation in a template: a value that comes from a reference, not from the text. */
const REFERENCE = '\u0000';

/**
 * Why a connection string writes a secret as text, naming the keyword (never the secret), or
 * undefined when it writes none: a secret that is one interpolation (`password=${var.p}`) comes
 * from a reference. An expression that is not a template nor one reference cannot be read here.
 */
export function secretInConnectionString(value: unknown): string | undefined {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: undefined and null are neither text nor an expression, so the lines below return undefined for them too
  if (value === undefined || value === null) return undefined;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (!isUnknown(value) || value.isPlainReference) return undefined;
  else if (value.expression.includes('${') || value.expression.includes('%{')) text = value.expression.replace(/[$%]\{[^}]*\}/g, REFERENCE);
  else return 'is an expression the checks do not read, so a password written in it cannot be ruled out';
  const found = secretsOf(text).find(({ value: secret }) => secret.replace(new RegExp(REFERENCE, 'g'), '') !== '');
  if (found === undefined) return undefined;
  const whole = !found.value.includes(REFERENCE);
  return `${whole ? 'writes' : 'writes part of'} its ${found.keyword} as text, so it is in the configuration`;
}

/** The secrets a connection string writes, as written (a reference among them left in). */
export function secretValues(text: string): string[] {
  return secretsOf(text).map(({ value }) => value);
}

/** The secret keywords of a connection string, with their values. */
function secretsOf(text: string): { keyword: string; value: string }[] {
  const trimmed = text.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return uriSecrets(trimmed);
  const pairs = [...trimmed.matchAll(/([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|\S*)/g)];
  return pairs
    .map(([, keyword, raw]) => ({ keyword: keyword.toLowerCase(), value: raw.startsWith('\'') ? raw.slice(1, -1) : raw }))
    .filter(({ keyword }) => SECRET_KEYWORDS.includes(keyword));
}

/** The password of a URI's user information, and the secret keywords of its query. */
function uriSecrets(uri: string): { keyword: string; value: string }[] {
  const authority = /^[^:]+:\/\/([^/?#]*)/.exec(uri)?.[1] ?? '';
  const userInfo = authority.includes('@') ? authority.slice(0, authority.lastIndexOf('@')) : '';
  const found = userInfo.includes(':') ? [{ keyword: 'password', value: userInfo.slice(userInfo.indexOf(':') + 1) }] : [];
  const query = uri.includes('?') ? uri.slice(uri.indexOf('?') + 1).split('#')[0] : '';
  for (const pair of query.split('&')) {
    const [keyword, value = ''] = pair.split('=');
    if (SECRET_KEYWORDS.includes(keyword.toLowerCase())) found.push({ keyword: keyword.toLowerCase(), value });
  }
  return found;
}
