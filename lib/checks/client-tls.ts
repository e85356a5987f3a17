/**
 * Whether a client that signs in to the server through another provider or Vault (sql-clients.ts) checks the server's certificate
 * (85th run, A85c-1): each connection string of its connection (a `postgres://` or `postgresql://` URL, a libpq `host=...` string)
 * and each `sslmode` argument beside them sets sslmode "verify-full", as the postgresql provider must (PGD-TLS-1). Without it the
 * client's driver encrypts at most (libpq and pgx default to "prefer", lib/pq to "require") and accepts any certificate, so a man in
 * the middle reads the password it signs in with. A connection string whose sslmode is made from a reference is unknown.
 */
import { sslModesIn } from './connection-secrets';
import { EchoScope } from './echoed-arguments';
import { isUnknown } from './hcl-expression';
import { fail, PASS, unknown, Verdict } from './rule';
import { connectionArguments, CONNECTION_TEXT, SqlClientView } from './sql-clients';


/** Data Factory linked services connect with Npgsql, which reads their connection string as ADO.NET's, whatever its first keyword (C82-4). */
const ADO_CLIENT = /^azurerm_data_factory_linked_service_/;

/** The verdict on one client's connection: the first argument that does not check the certificate, else pass. */
export function clientVerifies(client: SqlClientView, scope: EchoScope): Verdict {
  if (client.unread !== undefined) return unknown(`${client.via}: ${client.unread}, so whether ${client.address} checks the server's certificate cannot be told`, client.address);
  for (const { key, value, at: path } of connectionArguments(client.connection)) {
    const at = `${client.via}: ${path}`;
    if (key.toLowerCase() === 'sslmode') {
      if (isUnknown(value)) return unknown(`${at} is known only at apply time, so whether ${client.address} checks the server's certificate cannot be told`, client.address);
      if (typeof value === 'string' && value.toLowerCase() !== 'verify-full') return notVerified(client, at, `is ${JSON.stringify(value)}`);
      continue;
    }
    const text = isUnknown(value) ? value.expression : value;
    if (typeof text !== 'string' || !CONNECTION_TEXT.test(text)) continue;
    const modes = sslModesIn(value, scope, ADO_CLIENT.test(client.type));
    if (modes === undefined) return unknown(`${at} sets its sslmode from a value the checks cannot read, so whether ${client.address} checks the server's certificate cannot be told`, client.address);
    if (modes.length === 0) return notVerified(client, at, 'sets no sslmode (its driver then defaults to "prefer" or "require")');
    const weak = modes.find((mode) => mode !== 'verify-full');
    if (weak !== undefined) return notVerified(client, at, `sets sslmode ${JSON.stringify(weak)}`);
  }
  return PASS;
}

function notVerified(client: SqlClientView, at: string, how: string): Verdict {
  return fail(`${at} ${how}, not "verify-full": ${client.address} signs in to the server without checking its certificate, so a man in the middle reads the password it sends.`, client.address);
}
