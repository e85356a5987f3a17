import { SECRET_KEYWORD_TEXT, SECRET_KEYWORDS, secretInConnectionString } from '../connection-secrets';
import { eachOf, inDatabaseOf, noDatabaseObjects } from '../database-checks';
import { asSentIdentifier } from '../postgres-sent-text';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';
import { ResourceView } from '../stack-model';
import { isObject } from '../terraform-json';
import { plainTextPassword } from '../value-readers';

/** The postgresql provider resources whose `options` map may hold a foreign server's credentials. */
const OPTION_HOLDERS = ['postgresql_user_mapping', 'postgresql_server'];

/**
 * No secret written into an in-database resource: besides a role's password (PGD-IAM-2) and the
 * provider's (PGD-IAM-9), the postgresql provider takes credentials in a user mapping's or foreign
 * server's `options` and in a subscription's `conninfo` (`password=`, or a password in a postgresql:// URI),
 * under any of libpq's secret keywords (SECRET_KEYWORDS: `password`, `sslpassword`, `oauth_client_secret`,
 * `scram_client_key`, `scram_server_key`). Each is absent or one plain reference (a
 * variable, a random_password, a Key Vault secret); literal text puts the secret into cdk.tf.json,
 * the plan and the state. Messages say where the secret is, never what it is. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-15',
  title: 'No secret written into a user mapping, foreign server or subscription',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Take the password from a variable, a random_password or a Key Vault secret: options = { password = var.x }, conninfo = "host=... password=${var.x}".',
  appliesTo: 'any',
  evaluate: (server) =>
    noDatabaseObjects(server) ??
    eachOf(inDatabaseOf(server, ...OPTION_HOLDERS, 'postgresql_subscription'), (resource) =>
      resource.type === 'postgresql_subscription' ? judgeConnInfo(resource) : judgeOptions(resource)),
};

function judgeConnInfo(subscription: ResourceView): Verdict {
  const problem = secretInConnectionString(subscription.config.conninfo);
  return problem === undefined ? PASS : fail(`${subscription.address}: conninfo ${problem}.`, subscription.address);
}

function judgeOptions(resource: ResourceView): Verdict {
  const options = resource.config.options;
  if (isUnknown(options)) {
    // A whole map from one reference passes; one put together may hold a literal password.
    const problem = options.isPlainReference || !SECRET_KEYWORD_TEXT.test(options.expression) ? undefined : plainTextPassword(options);
    return problem === undefined ? PASS : fail(`${resource.address}: options ${problem}.`, resource.address);
  }
  if (!isObject(options)) return PASS;
  for (const [key, value] of Object.entries(options)) {
    // The option PostgreSQL receives: the name up to its first NUL, cut to 63 bytes ("password\u0000x" is password).
    const name = asSentIdentifier(key);
    const keyword = name.toLowerCase();
    const problem = SECRET_KEYWORDS.includes(keyword) ? plainTextPassword(value, /password$/.test(keyword) ? undefined : `the ${keyword}`) : undefined;
    if (problem !== undefined) return fail(`${resource.address}: options.${name === key ? key : `${name} (written ${JSON.stringify(key)})`} ${problem}.`, resource.address);
  }
  return PASS;
}
