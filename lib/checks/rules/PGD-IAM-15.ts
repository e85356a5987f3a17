import { SECRET_KEYWORD_TEXT, SECRET_KEYWORDS, secretInConnectionString } from '../connection-secrets';
import { eachOf, inDatabaseOf, noDatabaseObjects } from '../database-checks';
import { asSentIdentifier } from '../postgres-sent-text';
import { directiveTemplateRead, isJoinedTemplate, Value } from '../hcl-expression';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';
import { EchoScope, echoOf } from '../echoed-arguments';
import { ReadingMemo } from '../reading-memo';
import { ResourceView } from '../stack-model';
import { isObject } from '../terraform-json';
import { plainTextPassword } from '../value-readers';

/** The postgresql provider resources whose `options` map may hold a foreign server's credentials. */
const OPTION_HOLDERS = ['postgresql_user_mapping', 'postgresql_server'];

/** Deeper values than this in an options map are not read: it fails closed. */
const MAX_DEPTH = 32;

/**
 * No secret written into an in-database resource: besides a role's password (PGD-IAM-2) and the
 * provider's (PGD-IAM-9), the postgresql provider takes credentials in a user mapping's or foreign
 * server's `options` and in a subscription's `conninfo` (`password=`, or a password in a postgresql:// URI),
 * under any of libpq's secret keywords (SECRET_KEYWORDS: `password`, `sslpassword`, `oauth_client_secret`,
 * `scram_client_key`, `scram_server_key`). Each is absent or one plain reference (a
 * variable, a random_password, a Key Vault secret), or references under a function that adds no
 * text (value-readers.ts fromReferencesOnly: `sensitive(...)`); literal text puts the secret into cdk.tf.json,
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
  evaluate: (server, stack) =>
    noDatabaseObjects(server) ??
    eachOf(inDatabaseOf(server, ...OPTION_HOLDERS, 'postgresql_subscription'), (resource) =>
      resource.type === 'postgresql_subscription' ? judgeConnInfo(resource, { stack, block: resource.config }) : judgeOptions(resource, { stack, block: resource.config })),
};

function judgeConnInfo(subscription: ResourceView, scope: EchoScope): Verdict {
  const problem = secretInConnectionString(subscription.config.conninfo, scope);
  return problem === undefined ? PASS : fail(`${subscription.address}: conninfo ${problem}.`, subscription.address);
}

function judgeOptions(resource: ResourceView, scope: EchoScope): Verdict {
  const options = resource.config.options;
  if (!isUnknown(options) && !isObject(options)) return PASS;
  // A map known only later is read as the evaluator reads it: each object in it (a merge's, a local's, each branch of a
  // conditional) by its keys, and any other literal text in it, which may be a key or a value, is text the checks cannot place.
  const problem = isUnknown(options) ? optionsProblem(options, scope, 0) : entriesProblem(options as { readonly [key: string]: Value }, scope, 0);
  return problem === undefined ? PASS : fail(`${resource.address}: options${problem}.`, resource.address);
}

/** The option names PostgreSQL receives and whose value is a secret: the name up to its first NUL, cut to 63 bytes ("password\u0000x" is password). */
function entriesProblem(options: { readonly [key: string]: Value }, scope: EchoScope, depth: number): string | undefined {
  for (const [key, value] of Object.entries(options)) {
    const name = asSentIdentifier(key);
    const keyword = name.toLowerCase();
    if (SECRET_KEYWORDS.includes(keyword)) {
      const problem = plainTextPassword(value, /password$/.test(keyword) ? undefined : `the ${keyword}`, scope);
      if (problem !== undefined) return `.${name === key ? key : `${name} (written ${JSON.stringify(key)})`} ${problem}`;
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value)) {
      // A map of maps chosen by a key known only later (`lookup(local.by_env, var.env)`): each inner map may be the options.
      const problem = optionsProblem(value, scope, depth + 1);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/** The problems of the maps the references of one reading read back. */
const echoedOptions = new ReadingMemo<string | undefined>();

const UNPLACED = ' is an expression that writes text the checks cannot place under a key, so a password written in it cannot be ruled out';

/** Why a value that is, or builds, the options map may write a secret as text; undefined when every secret in it comes from a reference. */
function optionsProblem(value: Value, scope: EchoScope, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return UNPLACED;
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'string' || typeof value === 'number') return UNPLACED;
  if (Array.isArray(value)) return firstProblem(value, scope, depth);
  if (!isUnknown(value)) return entriesProblem(value as { readonly [key: string]: Value }, scope, depth);
  if (value.isPlainReference) {
    // A map read back from an argument a block in the stack writes (`terraform_data.o.output`) is that map (echoOf; A43b-1), each
    // reference read once in a reading (reading-memo.ts; 50th run, A50a-9).
    const reference = value.references[0];
    return echoedOptions.read(reference, undefined, () => {
      const echo = echoOf(reference, scope);
      if (echo === undefined) return undefined;
      return 'unreadable' in echo ? ` reads ${echo.unreadable}, so a password written there cannot be ruled out` : firstProblem(echo.values, scope, depth);
    });
  }
  if (value.choices !== undefined && value.choices.length > 0) return firstProblem(value.choices, scope, depth);
  const read = directiveTemplateRead(value);
  // A template the evaluator did not read, or an expression with no parts read: its parts (if any) are its references only.
  const unread = read === undefined && (value.parts === undefined || (value.spelled !== undefined && !isJoinedTemplate(value)));
  if (unread && /["']|<</.test(value.expression)) return UNPLACED;
  if (value.parts === undefined && value.items === undefined) return SECRET_KEYWORD_TEXT.test(value.expression) ? ` ${plainTextPassword(value, undefined, scope)}` : undefined;
  return firstProblem([...(value.parts ?? []), ...(value.items ?? [])], scope, depth);
}

function firstProblem(values: readonly Value[], scope: EchoScope, depth: number): string | undefined {
  for (const item of values) {
    const problem = optionsProblem(item, scope, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
