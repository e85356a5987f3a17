import { databaseNameIn, providerKeyOf, providersSigningIn } from '../database-checks';
import { Unknown } from '../hcl-expression';
import { ResourceView, ServerView } from '../stack-model';
import { literalBoolean, splitTemplate } from '../value-readers';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, unknown, Verdict } from '../rule';

/**
 * Terraform checks the server's certificate: every postgresql provider that signs in to the
 * server, for a resource or a data source (read at every plan), has sslmode "verify-full" (or, without sslmode, the deprecated ssl_mode). Any other mode
 * lets a man-in-the-middle read the Entra token of a server administrator the provider sends. A
 * missing sslmode is the provider's default (the runner's PGSSLMODE, else "require"). verify-ca
 * fails too: Azure's server certificates come from public CAs, and with a public CA verify-ca
 * accepts a certificate issued to anyone (PostgreSQL docs, libpq "SSL Support": use verify-full).
 * sslrootcert fails whatever its value: it replaces the trust anchors verify-full checks against
 * (unset, libpq reads the runner's ~/.postgresql/root.crt or, on the provider, the system's), so
 * a certificate from a CA of the committer's choosing would pass; a runner that needs Azure's
 * root bundle named suppresses the rule with the reason, for that path only (its subject).
 * DatabaseAccess's justified sslMode REQUIRE suppresses this rule for sslmode "require" only (its
 * subject): an override to a weaker mode still fails. No Checkov or Trivy check.
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
 * time other than as the attribute of a resource or data source (a server's or lookup's `fqdn` passes, a variable fails).
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
  fix: 'Set sslmode = "verify-full" and no sslrootcert on the postgresql provider (DatabaseAccess does by default).',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const firstUse = providersSigningIn(server);
    if (firstUse.size === 0) return notApplicable('no postgresql provider resource or data source signs in to the server');
    const verdicts = [...firstUse].flatMap(([key, address]) => [providerVerifies(key, address, stack), trustAnchorKept(key, address, stack), providerConnection(server, key, address, stack)])
      .concat(connectionDatabases(server))
      .filter((verdict) => verdict.status !== 'pass');
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

function providerVerifies(key: string, address: string, stack: StackFacts | undefined): Verdict {
  const config = stack?.postgresqlProviders.get(key);
  if (config === undefined) {
    return fail(`provider ${key} is not configured in this stack, so it uses the default sslmode (PGSSLMODE, else "require"), which does not check the server's certificate.`, address);
  }
  const mode = config.sslmode ?? config.ssl_mode ?? undefined;
  if (isUnknown(mode)) return unknown(`the sslmode of provider ${key} is known only at apply time`, address);
  if (mode === 'verify-full') return PASS;
  const why = mode === 'verify-ca' ? "checks the certificate's issuer but not the host name it was issued to" : "does not check the server's certificate";
  const shown = mode === undefined ? 'not set (the default, "require")' : JSON.stringify(mode);
  return fail(`provider ${key} has sslmode ${shown}, which ${why}, so a man-in-the-middle can take the token it signs in with.`, address,
    mode === 'require' ? SSL_MODE_REQUIRE_SUBJECT : undefined);
}

/** The provider checks the certificate against the runner's trust anchors: no sslrootcert of its own. */
function trustAnchorKept(key: string, address: string, stack: StackFacts | undefined): Verdict {
  const root = stack?.postgresqlProviders.get(key)?.sslrootcert;
  if (root === undefined) return PASS;
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
  return [...server.inDatabase, ...server.inDatabaseReads].flatMap((resource: ResourceView) => {
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
function providerConnection(server: ServerView, key: string, address: string, stack: StackFacts | undefined): Verdict {
  const config = stack?.postgresqlProviders.get(key);
  // The provider blocks are read without the stack's locals: the database is read with them, as a resource's is.
  const database = databaseNameIn(server, config?.database, stack?.locals);
  const problem = database === undefined ? undefined : connectionTextProblem(database);
  if (problem !== undefined) return unknown(`provider ${key} has the database ${problem}: ${CONNECTION_HARM}`, address);
  const host = hostProblem(config?.host);
  if (host !== undefined) return unknown(`provider ${key} has the host ${host}: ${HOST_HARM}`, address);
  const username = config?.username;
  if (typeof username === 'string' && /\u0000/.test(username)) {
    return unknown(`provider ${key} has a username ${JSON.stringify(username)} with a NUL, which lib/pq writes unchecked into the startup packet, where it ends the user name and may add startup parameters`, address);
  }
  return PASS;
}

/** What ends the host in the URL lib/pq parses (path, query, fragment, user information), a percent-escape and control characters. */
const HOST_SYNTAX = /[/?#@%\u0000-\u001f\u007f]/;

const HOST_HARM = 'cyrilgdn/postgresql writes it unescaped into the connection URL it opens with lib/pq, where such a text may end the host and add '
  + 'connection parameters after it (sslmode, host: the Entra token to another server)';

/**
 * Why the provider's host may carry more than a host name into its URL: text that ends the host (its literal text, as a template
 * writes it), or a part known only at apply time that is not the attribute of a resource or data source (a variable, a call);
 * undefined for a literal name or a reference to a server's or lookup's `fqdn`.
 */
function hostProblem(host: unknown): string | undefined {
  if (typeof host !== 'string' && !isUnknown(host)) return undefined;
  const text = typeof host === 'string' ? host : host.spelling;
  const literal = typeof host === 'string' ? host : splitTemplate(text).literal;
  const found = HOST_SYNTAX.exec(literal);
  if (found !== null) return `${JSON.stringify(text)}, whose ${JSON.stringify(found[0])}`;
  if (isUnknown(host) && !host.references.every((reference) => /^(?:data\.)?[a-z][\w-]*\.[^.]+\.[\w-]+$/.test(reference) && !/^(?:var|local|each|count|module|path|terraform)\./.test(reference))) {
    return `${text}, known only at apply time`;
  }
  return undefined;
}
