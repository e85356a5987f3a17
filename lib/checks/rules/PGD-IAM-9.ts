import { providersSigningIn } from '../database-checks';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts } from '../rule';
import { firstBlock, TerraformBlock } from '../stack-model';
import { literalBoolean, plainTextPassword } from '../value-readers';
import { holdsCredential } from '../secret-literals';
import { unsetForProvider } from '../provider-databases';
import { clientSecretProblem } from '../client-secrets';
import { distinctConnections } from '../sql-clients';
import { providerPasswordProblem } from '../unused-providers';

/**
 * No password written into a postgresql provider: a provider that signs in to the server, for a
 * resource or a data source, has no `password`, or one plain reference (a variable, a Key Vault
 * secret), or references under a function that adds no text (value-readers.ts fromReferencesOnly). A literal, or text built from constants, puts the password of a role that manages
 * the server's roles and grants into cdk.tf.json, the plan and the state. Holds for any stack;
 * DatabaseAccess signs in with an Entra token and sets no password at all (PGD-IAM-11). No
 * scanner has this check. Nor into the connection of a block that signs in to the server through another client (85th run,
 * A85c-1; sql-clients.ts, client-secrets.ts): a paultyng/sql provider's `url`, a Vault database connection's `password` or URL.
 * Nor into a postgresql provider no block signs in with, which reaches no server: that one fails on the stack (evaluate.ts,
 * unused-providers.ts; adversarial run of stop 70, A23).
 */
export const rule: Rule = {
  id: 'PGD-IAM-9',
  title: 'No password written into a postgresql provider',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Sign the postgresql provider in with an Entra token (azure_identity_auth = true, no password), as DatabaseAccess does, or take the password from a variable or a Key Vault secret.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const firstUse = providersSigningIn(server);
    if (firstUse.size === 0 && server.sqlClients.length === 0) return notApplicable('no postgresql provider resource or data source signs in to the server');
    const verdicts = [...firstUse].flatMap(([key, address]) => {
      const config = stack?.postgresqlProviders.get(key);
      const problem = providerPasswordProblem(config?.password, stack);
      const keyProblem = inlineKeyProblem(config, stack);
      // A password in the connection's other text (`host = "u:<password>@h"`, `database = "db?password=..."`: A81-36).
      const carriers = CONNECTION_TEXTS.filter((argument) => typeof config?.[argument] === 'string' && holdsCredential(config[argument] as string));
      // The password itself is never shown: the message says where it is, not what it is.
      return [
        ...(problem === undefined ? [] : [fail(`provider ${key}: password ${problem}.`, address)]),
        ...(keyProblem === undefined ? [] : [fail(`provider ${key}: clientcert.key ${keyProblem}.`, address)]),
        ...carriers.map((argument) => fail(`provider ${key}: ${argument} writes a password as text (a URL's user, or a password setting), so it is in the configuration.`, address)),
      ];
    });
    // A client that signs in through another provider or Vault (sql-clients.ts), each connection once (85th run, A85c-1).
    for (const client of distinctConnections(server.sqlClients)) {
      const problem = client.unread === undefined ? clientSecretProblem(client.connection, { stack }) : `${client.unread}, so a password written in it cannot be ruled out`;
      if (problem !== undefined) verdicts.push(fail(`${client.via}: ${problem}.`, client.address));
    }
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

/** Provider arguments cyrilgdn/postgresql writes into its connection URL, where a password may be smuggled. */
const CONNECTION_TEXTS = ['host', 'database', 'username', 'sslmode', 'sslrootcert'];

/**
 * Why the private key of a provider's client certificate is in the configuration: given inline (`sslinline = true`, or not known at
 * synth, or PEM text whatever it says) as a literal or from constants, it signs in as the certificate's role (adversarial run of stop
 * 81, A81-35). A key file's path is no secret.
 */
function inlineKeyProblem(config: TerraformBlock | undefined, stack: StackFacts | undefined): string | undefined {
  const certificate = firstBlock(config?.clientcert);
  const key = certificate?.key;
  if (certificate === undefined || unsetForProvider(key)) return undefined;
  const inline = isUnknown(certificate.sslinline) || literalBoolean(certificate.sslinline) === true || (typeof key === 'string' && key.includes('PRIVATE KEY'));
  return inline ? plainTextPassword(key, 'the private key', { stack }) : undefined;
}
