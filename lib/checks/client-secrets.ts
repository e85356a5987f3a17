/**
 * Where a client's connection (sql-clients.ts: a provider block, a Vault database connection) writes the password it signs in to
 * the server with as text (85th run, A85c-1): an argument named for a password (`password`, `password_wo`), read as a role's
 * password is (value-readers.ts plainTextPassword), and a connection string or URL in any other argument
 * (`postgres://user:<password>@host/db`, `password=...`), read as libpq reads one (connection-secrets.ts). Vault fills
 * `{{password}}` in its connection_url from its `password` argument, so a URL holding that placeholder is read through that argument.
 */
import { secretInConnectionString } from './connection-secrets';
import { EchoScope } from './echoed-arguments';
import { isUnknown } from './hcl-expression';
import { isObject } from './terraform-json';
import { plainTextPassword } from './value-readers';

/** Arguments named for a password. */
const PASSWORD_ARGUMENT = /password/i;

/** Deeper than this, a connection's blocks are not read: nothing there is a connection argument of the clients read. */
const MAX_DEPTH = 8;

/** The first argument of a connection that writes its password as text, with why (its value never shown); undefined for none. */
export function clientSecretProblem(connection: { readonly [key: string]: unknown }, scope: EchoScope, path = '', depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const [key, value] of Object.entries(connection)) {
    const at = path === '' ? key : `${path}.${key}`;
    const blocks = Array.isArray(value) ? value.filter(isObject) : isObject(value) && !isUnknown(value) ? [value] : [];
    for (const block of blocks) {
      const inner = clientSecretProblem(block, scope, at, depth + 1);
      if (inner !== undefined) return inner;
    }
    if (typeof value !== 'string' && !isUnknown(value)) continue;
    const problem = PASSWORD_ARGUMENT.test(key) ? plainTextPassword(value, undefined, scope)
      : JSON.stringify(isUnknown(value) ? value.expression : value).includes('{{password}}') ? undefined : secretInConnectionString(value, scope);
    if (problem !== undefined) return `${at} ${problem}`;
  }
  return undefined;
}
