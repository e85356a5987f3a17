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
import { connectionArguments } from './sql-clients';
import { plainTextPassword } from './value-readers';

/** Arguments named for a password. */
const PASSWORD_ARGUMENT = /password/i;

/** The first argument of a connection that writes its password as text, with why (its value never shown); undefined for none. */
export function clientSecretProblem(connection: { readonly [key: string]: unknown }, scope: EchoScope): string | undefined {
  for (const { key, value, at } of connectionArguments(connection)) {
    // A number is a password too where a password goes (Vault decodes a JSON number into its text field: C81-34).
    if (typeof value !== 'string' && !isUnknown(value) && !(typeof value === 'number' && PASSWORD_ARGUMENT.test(key))) continue;
    const problem = PASSWORD_ARGUMENT.test(key) ? plainTextPassword(value, undefined, scope)
      : JSON.stringify(isUnknown(value) ? value.expression : value).includes('{{password}}') ? undefined : secretInConnectionString(value, scope);
    if (problem !== undefined) return `${at} ${problem}`;
  }
  return undefined;
}
