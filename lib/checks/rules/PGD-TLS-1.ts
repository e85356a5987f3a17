import { databaseNameIn, inDatabaseOf, inDatabaseResources, providerKeyOf, providersSigningIn } from '../database-checks';
import { clientVerifies } from '../client-tls';
import { outboundVerifies } from '../outbound-tls';
import { unreadProviderReference } from '../provider-facts';
import { unsetForProvider } from '../provider-databases';
import { distinctConnections } from '../sql-clients';
import { AnyText, Unknown, Value } from '../hcl-expression';
import { ResourceView, ServerView } from '../stack-model';
import { literalBoolean, splitTemplate } from '../value-readers';
import { AZURE_DNS_NAME, hostSame, wholeCall } from '../provider-hosts';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, unknown, Verdict } from '../rule';

/**
 * Terraform checks the server's certificate: every postgresql provider that signs in to the
 * server, for a resource or a data source (read at every plan), has sslmode "verify-full" (the deprecated ssl_mode is read only when PGSSLMODE is empty too). Any other mode
 * lets a man-in-the-middle read the Entra token of a server administrator the provider sends. A
 * missing sslmode is the provider's default (the runner's PGSSLMODE, else ssl_mode, else "require"). verify-ca
 * fails too: Azure's server certificates come from public CAs, and with a public CA verify-ca
 * accepts a certificate issued to anyone (PostgreSQL docs, libpq "SSL Support": use verify-full).
 * sslrootcert fails whatever its value: it replaces the trust anchors verify-full checks against
 * (unset, libpq reads the runner's ~/.postgresql/root.crt or, on the provider, the system's), so
 * a certificate from a CA of the committer's choosing would pass; a runner that needs Azure's
 * root bundle named suppresses the rule with the reason, for that path only (its subject).
 * DatabaseAccess's justified sslMode REQUIRE suppresses this rule for sslmode "require" only (its
 * subject): an override to a weaker mode still fails. So does a client that signs in to the server through another provider or
 * Vault (85th run, A85c-1; sql-clients.ts, client-tls.ts): its connection strings and sslmode arguments set "verify-full". And
 * the server checks the certificate of the servers it signs in to (86th run, A86a-3; outbound-tls.ts): a subscription's conninfo
 * and a postgres_fdw or dblink_fdw foreign server's options set sslmode "verify-full" (a wrapper known only at apply time is unknown). No Checkov or Trivy check.
 *
 * The connection is the one the provider builds, whatever its arguments hold. cyrilgdn/postgresql 1.26 writes the database a
 * resource or data source acts in (`database`; a postgresql_database's `name` with alter_object_ownership, setAlterOwnership), and the
 * provider's own `database`, unescaped into the path of its URL (config.go, connStr: "%s://%s:%s@%s:%d/%s?%s", the user and
 * password through url.PathEscape) and opens it with lib/pq 1.10 (proxy_driver.go). lib/pq's ParseURL (url.go) decodes the path
 * and takes each query parameter by its first value; a "?" in the name starts the query, so "orders?sslmode=disable&x=" turns
 * TLS off and "orders?host=..." may send the token elsewhere; a "#" cuts off the provider's own sslmode (lib/pq then uses
 * "require", no certificate check); a "%" decodes to any character, "%00" a NUL that lib/pq writes unchecked into the startup
 * packet (conn.go, startup: each parameter NUL-terminated), which injects a startup parameter (`options`, `user`). A literal
 * provider `username` with a NUL does the same (PathEscape keeps it). Such a text, a control character, or a database known only
 * at apply time (not a local the stack evaluates, nor a reference to the `name` of a database the stack makes on the server:
 * databaseNameIn, the one reading of a database name) fails closed. So does a provider
 * `host` (unescaped too) whose text ends the host ("/", "?", "#", "@", "%", a control character) or that is known only at apply
 * time other than as a name Azure gives a PostgreSQL server (AZURE_DNS_NAME: a server's or lookup's `fqdn`; `terraform_data.output`,
 * a variable or any other attribute fails: A35a-1, A35b-1), or a call around one that may write more than it (`format`, `join`,
 * `replace`, a decoder; only the functions of HOST_SAME pass: A34a-4). So does a `scheme` other than "postgres" (another driver).
 * The provider blocks are read with the stack's locals (A35b-3).
 *
 * The rule judges each argument's EFFECTIVE value: an argument left unset, null or "" is what the provider then reads, and for the
 * arguments of PROVIDER_ENVIRONMENT (and sslmode) that is the runner's environment (36th run, A36a-1 to -3): a host, database or
 * sslmode the environment decides fails closed, naming the argument and the variable.
 */
/** The subject of sslmode "require": the only weaker mode DatabaseAccess's sslModeJustification covers. */
export const SSL_MODE_REQUIRE_SUBJECT = 'sslmode require';

/** The subject of a trust anchor swapped by sslrootcert: a justification covers that path only. */
export function rootCertificateSubject(path: string): string {
  return `sslrootcert ${JSON.stringify(path)}`;
}

export const rule: Rule = {
  id: 'PGD-TLS-1',
  title: 'Terraform verifies the server certificate',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.IN_TRANSIT,
  references: {},
  fix: 'Set host to the server\'s fqdn, database to a literal name, sslmode = "verify-full" and no sslrootcert on the postgresql provider (DatabaseAccess does by default); set sslmode=verify-full in a subscription\'s conninfo, a postgres_fdw or dblink_fdw server\'s options and another client\'s connection string.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const firstUse = providersSigningIn(server);
    if (firstUse.size === 0 && server.sqlClients.length === 0) return notApplicable('no postgresql provider resource or data source signs in to the server');
    // A client that signs in through another provider or Vault (sql-clients.ts), each connection once (85th run, A85c-1).
    const verdicts = [...firstUse].flatMap(([key, address]) => [providerVerifies(key, address, stack), trustAnchorKept(key, address, stack), ...providerConnection(server, key, address, stack)])
      .concat(firstUse.size === 0 ? [] : connectionDatabases(server))
      .concat(distinctConnections(server.sqlClients).map((client) => clientVerifies(client, { stack })))
      .concat(inDatabaseOf(server, 'postgresql_subscription', 'postgresql_server').map((resource) => outboundVerifies(resource, { stack, block: resource.config })))
      .filter((verdict) => verdict.status !== 'pass');
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

/**
 * What cyrilgdn/postgresql 1.26 reads for each connection argument left unset, null or "" (provider.go at ff936b9, `Provider()`'s
 * schema: `schema.EnvDefaultFunc`, `Default`; `providerConfigure`; config.go `connStr`, `connParams`), and whether the runner's
 * environment then decides where or how the Entra token is sent. SDKv2's ConfigFieldReader applies a DefaultFunc to an argument the
 * configuration leaves unset (null is unset), so `d.Get` returns the variable's value:
 * - `host`: PGHOST, else "" (lib/pq then reads its own PGHOST, else localhost): written unescaped before the port, it decides where
 *   the token goes (a PGHOST of `h/?sslmode=disable&x=` also turns TLS off). Fails closed (PROVIDER_ENVIRONMENT).
 * - `database`: PGDATABASE, else "postgres": written unescaped into the URL's path (`orders?sslmode=disable&x=`). Fails closed
 *   (PROVIDER_ENVIRONMENT).
 * - `sslmode`: PGSSLMODE, else the deprecated `ssl_mode` (read only when sslmode is still empty: `d.GetOk("sslmode")`), else ""
 *   (lib/pq: "require", no certificate check). Fails (providerVerifies), whatever ssl_mode holds.
 * - `port`: PGPORT, else 5432. Not judged: verify-full checks the certificate against the host name whatever the port.
 * - `username`: PGUSER, else "postgres": through url.PathEscape, the role the token signs in as, not where it goes. Not judged here.
 * - `sslrootcert`: no default in the provider; unset or "" (connParams sends it only when not "", 37th run A37a-2), left out of the URL, lib/pq reads PGSSLROOTCERT, else ~/.postgresql/root.crt, else the
 *   system's trust store: the runner's trust anchors, which verify-full always rests on (a runner that trusts a CA issuing
 *   certificates for Azure's names is compromised already, where PGSSLMODE=require is an ordinary runner setting). Accepted.
 * - `scheme`: "postgres" (no variable); `connect_timeout` (PGCONNECT_TIMEOUT), `superuser` (PGSUPERUSER), `password` (PGPASSWORD, not
 *   sent with azure_identity_auth): none changes where or how the token is sent.
 */
export const PROVIDER_ENVIRONMENT: { readonly [argument: string]: { readonly variable: string; readonly decides: string; readonly fix: string } } = {
  host: { variable: 'PGHOST', decides: 'where the Entra token goes (lib/pq falls back to its own PGHOST, else localhost)', fix: 'set host to the server\'s fqdn' },
  database: {
    variable: 'PGDATABASE',
    decides: 'the database, which cyrilgdn/postgresql writes unescaped into the connection URL, where its text may add connection parameters (sslmode, host)',
    fix: 'set database to a literal name ("postgres")',
  },
};

/** The arguments of PROVIDER_ENVIRONMENT a provider leaves to the runner's environment, each failing closed. */
function environmentDecides(key: string, address: string, config: { readonly [name: string]: unknown }): Verdict[] {
  return Object.entries(PROVIDER_ENVIRONMENT).filter(([argument]) => unsetForProvider(config[argument])).map(([argument, { variable, decides, fix }]) =>
    unknown(`provider ${key} has ${argument} not set: the runner's ${variable} decides ${decides} (${fix})`, address));
}

function providerVerifies(key: string, address: string, stack: StackFacts | undefined): Verdict {
  const config = stack?.postgresqlProviders.get(key);
  const unread = config === undefined ? unreadProviderReference(key) : undefined;
  if (unread !== undefined) return unknown(`${address} ${unread}`, address);
  if (config === undefined) {
    return fail(`provider ${key} is not configured in this stack, so it uses the default sslmode (PGSSLMODE, else "require"), which does not check the server's certificate.`, address);
  }
  // The provider reads the deprecated ssl_mode only when sslmode is empty after its default, the runner's PGSSLMODE (providerConfigure).
  if (unsetForProvider(config.sslmode)) {
    const deprecated = config.ssl_mode;
    const then = unsetForProvider(deprecated) ? '"require"' : `the deprecated ssl_mode ${isUnknown(deprecated) ? String(deprecated) : JSON.stringify(deprecated)}, read only when PGSSLMODE is empty`;
    return fail(`provider ${key} has sslmode not set, so the runner's PGSSLMODE decides (else ${then}), which may not check the server's certificate, `
      + 'so a man-in-the-middle can take the token it signs in with.', address);
  }
  const mode = config.sslmode;
  if (isUnknown(mode)) return unknown(`the sslmode of provider ${key} is known only at apply time`, address);
  if (mode === 'verify-full') return PASS;
  const why = mode === 'verify-ca' ? "checks the certificate's issuer but not the host name it was issued to" : "does not check the server's certificate";
  return fail(`provider ${key} has sslmode ${JSON.stringify(mode)}, which ${why}, so a man-in-the-middle can take the token it signs in with.`, address,
    mode === 'require' ? SSL_MODE_REQUIRE_SUBJECT : undefined);
}

/** The provider checks the certificate against the runner's trust anchors: no sslrootcert of its own. */
function trustAnchorKept(key: string, address: string, stack: StackFacts | undefined): Verdict {
  const root = stack?.postgresqlProviders.get(key)?.sslrootcert;
  // cyrilgdn/postgresql sends sslrootcert only when it is not "" (config.go connParams): "" keeps the runner's trust anchors, as unset does (A37a-2).
  if (unsetForProvider(root)) return PASS;
  if (isUnknown(root)) return unknown(`the sslrootcert of provider ${key} is known only at apply time`, address);
  return fail(`provider ${key} has sslrootcert ${JSON.stringify(root)}, which replaces the trust anchors verify-full checks the server's certificate against, `
    + 'so a server holding a certificate from that CA takes the token it signs in with.', address, typeof root === 'string' ? rootCertificateSubject(root) : undefined);
}

/** What lib/pq reads as more than a database name in the path of the URL cyrilgdn/postgresql builds: query, fragment, percent-escape, control characters. */
const URL_SYNTAX = /[?#%\u0000-\u001f\u007f]/;

/** Why a database name in the provider's connection URL may change the connection, or undefined when lib/pq reads it as a name only. */
function connectionTextProblem(name: string | Unknown): string | undefined {
  if (isUnknown(name)) {
    const choices = name.choices;
    if (choices !== undefined && choices.every((choice) => typeof choice === 'string' || isUnknown(choice))) {
      return choices.map((choice) => connectionTextProblem(choice as string | Unknown)).find((problem) => problem !== undefined);
    }
    return `${String(name)}, known only at apply time`;
  }
  const found = URL_SYNTAX.exec(name);
  return found === null ? undefined : `${JSON.stringify(name)}, whose ${JSON.stringify(found[0])}`;
}

const CONNECTION_HARM = 'cyrilgdn/postgresql writes it unescaped into the connection URL it opens with lib/pq, where such a text may add connection parameters '
  + '(sslmode, host: the Entra token to another server) or startup parameters';

/** The database each resource and data source signed in to the server connects to, as the provider writes it into its URL. */
function connectionDatabases(server: ServerView): Verdict[] {
  return [...inDatabaseResources(server), ...server.inDatabaseReads].flatMap((resource: ResourceView) => {
    const database = resource.type === 'postgresql_database';
    // A postgresql_database connects to itself only to hand its objects to a new owner (alter_object_ownership, default false).
    if (database && (resource.config.alter_object_ownership === undefined || literalBoolean(resource.config.alter_object_ownership) === false)) return [];
    const argument = database ? 'name' : 'database';
    const value = resource.config[argument];
    if (value === undefined || value === null) return [];
    const name = databaseNameIn(server, value);
    const problem = name === undefined ? undefined : connectionTextProblem(name);
    if (problem === undefined) return [];
    return [unknown(`${resource.address} (provider ${providerKeyOf(resource)}) has the ${argument} ${problem}, the database it connects to: ${CONNECTION_HARM}`, resource.address)];
  });
}

/** The provider's own database and user name, as it writes them into its URL (the user through url.PathEscape, which lib/pq decodes back). */
function providerConnection(server: ServerView, key: string, address: string, stack: StackFacts | undefined): Verdict[] {
  const config = stack?.postgresqlProviders.get(key);
  const scheme = schemeProblem(key, address, config?.scheme);
  if (scheme !== undefined) return [scheme];
  // A provider not configured at all fails in providerVerifies; one configured is read argument by argument, as the provider reads it.
  const environment = config === undefined ? [] : environmentDecides(key, address, config);
  if (environment.length > 0) return environment;
  const database = databaseNameIn(server, config?.database);
  const problem = database === undefined ? undefined : connectionTextProblem(database);
  if (problem !== undefined) return [unknown(`provider ${key} has the database ${problem}: ${CONNECTION_HARM}`, address)];
  const host = hostProblem(config?.host);
  if (host !== undefined) return [unknown(`provider ${key} has the host ${host}: ${HOST_HARM}`, address)];
  const username = config?.username;
  if (typeof username === 'string' && /\u0000/.test(username)) {
    return [unknown(`provider ${key} has a username ${JSON.stringify(username)} with a NUL, which lib/pq writes unchecked into the startup packet, where it ends the user name and may add startup parameters`, address)];
  }
  return [PASS];
}

/**
 * The provider's `scheme` picks the driver that opens its URL (config.go, Connect): only "postgres" (the default) is lib/pq, which
 * reads the sslmode judged here; "awspostgres" and "gcppostgres" (provider.go, the only other values it accepts) open it through
 * gocloud.dev's drivers for RDS and Cloud SQL, which dial with another cloud's trust anchors or proxy and whatever TLS they choose.
 */
function schemeProblem(key: string, address: string, scheme: unknown): Verdict | undefined {
  if (scheme === undefined || scheme === 'postgres') return undefined;
  if (isUnknown(scheme)) return unknown(`the scheme of provider ${key} is known only at apply time; only "postgres" (the default) opens the connection with lib/pq and the sslmode judged here`, address);
  return fail(`provider ${key} has scheme ${JSON.stringify(scheme)}, which opens the connection through another cloud's driver (gocloud.dev), not lib/pq with the sslmode judged here, `
    + 'so the Entra token is sent over a connection this rule cannot read; leave scheme unset or "postgres".', address);
}

/** What ends the host in the URL lib/pq parses (path, query, fragment, user information), a percent-escape and control characters. */
const HOST_SYNTAX = /[/?#@%\u0000-\u001f\u007f]/;

const HOST_HARM = 'cyrilgdn/postgresql writes it unescaped into the connection URL it opens with lib/pq, where such a text may end the host and add '
  + 'connection parameters after it (sslmode, host: the Entra token to another server)';

/**
 * Why the provider's host may carry more than a host name into its URL: text that ends the host (its literal text, as a template
 * writes it), or a part known only at apply time that is not a name Azure gives a PostgreSQL server (AZURE_DNS_NAME), or a call that
 * may build or decode text (`format`, `join`, `replace`, `urldecode`, `base64decode`: whatever literal it adds, A34a-4); undefined for a
 * literal name, a reference to a server's or lookup's `fqdn` (or a server resource's `name`), a template of such references and
 * literal text free of those characters, and such a value under a function that returns it in a spelling DNS reads alike (HOST_SAME).
 */
function hostProblem(host: unknown): string | undefined {
  if (typeof host !== 'string' && !isUnknown(host)) return undefined;
  const problem = hostPartProblem(host, 0);
  if (problem === undefined) return undefined;
  const text = typeof host === 'string' ? host : host.spelling;
  return problem.character !== undefined ? `${JSON.stringify(text)}, whose ${JSON.stringify(problem.character)}` : `${text}, ${problem.why}`;
}

const HOST_FIX = 'use the server\'s fqdn (`<server>.fqdn`, or a data source\'s `fqdn`) or a literal name';

/** Why a reference in a host may be any text, naming it and the fix; undefined for a name Azure gives (AZURE_DNS_NAME). */
function referenceProblem(reference: string): { why: string } | undefined {
  return AZURE_DNS_NAME.test(reference.trim()) ? undefined : {
    why: `known only at apply time, with \${${reference.trim()}}, which is not the fqdn (or a resource's name) of an azurerm PostgreSQL server and may hold any text: ${HOST_FIX}`,
  };
}

/** Deepest nesting of calls and templates read in a host. */
const MAX_HOST_DEPTH = 16;

/** Why one part of a host (the whole, a template's part, a choice, a call's argument) may end the host or be any text. */
function hostPartProblem(value: Value, depth: number): { character?: string; why?: string } | undefined {
  if (typeof value === 'string') {
    const found = HOST_SYNTAX.exec(value);
    return found === null ? undefined : { character: found[0] };
  }
  if (!isUnknown(value)) return typeof value === 'number' || typeof value === 'boolean' ? undefined : { why: 'not a text' };
  const later = { why: 'known only at apply time' };
  if (depth > MAX_HOST_DEPTH || value instanceof AnyText) return later;
  const within = (parts: readonly Value[]) => parts.map((part) => hostPartProblem(part, depth + 1)).find((problem) => problem !== undefined);
  if (value.choices !== undefined && value.choices.length > 0) return within(value.choices);
  if (value.isPlainReference) return referenceProblem(value.expression);
  // A template (read or not: a template the parser gives up on is its text): its literal text, and each interpolation a plain
  // reference to a name Azure gives (`${S.name}.postgres.database.azure.com`); a call inside one may add any text.
  if (value.spelled !== undefined) {
    const interpolations: string[] = [];
    const literal = splitTemplate(value.spelled, (expression) => {
      interpolations.push(expression);
      return '';
    }).literal;
    const found = HOST_SYNTAX.exec(literal);
    if (found !== null) return { character: found[0] };
    return interpolations.map(referenceProblem).find((problem) => problem !== undefined);
  }
  const call = wholeCall(value.expression);
  const same = call === undefined ? undefined : hostSame(call);
  const args = value.parts ?? [];
  if (same === undefined || args.length !== same.length + 1 || !same.every((literal, at) => args[at + 1] === literal)) {
    return { why: `known only at apply time and built by ${call === undefined ? 'an expression' : `${call}(...)`}, which may write more than the server's fqdn into the host` };
  }
  return within([args[0]]);
}

