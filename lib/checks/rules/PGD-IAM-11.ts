import { AccessDeclaration, declarationsOf, signsInAs } from '../access-declarations';
import { resourcesUnder } from '../beside-construct';
import { providerKeyOf } from '../database-checks';
import { asStartupName } from '../postgres-sent-text';
import { unreadProviderReference } from '../provider-facts';
import { hostServers, serverCloud } from '../provider-hosts';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, unknown, Verdict } from '../rule';
import { ServerView, TerraformBlock } from '../stack-model';
import { isSet, literalBoolean, literalInteger } from '../value-readers';

/** The port Azure Database for PostgreSQL listens on (PgBouncer's 6432 is another service). */
const POSTGRES_PORT = 5432;

/** The database DatabaseAccess's provider connects to (library-providers.ts, serverProvider). */
const PROVIDER_DATABASE = 'postgres';

/** The seconds DatabaseAccess's provider waits for the server (library-providers.ts, CONNECT_TIMEOUT_SECONDS). */
const CONNECT_TIMEOUT_SECONDS = 30;

/**
 * The arguments DatabaseAccess writes into its provider block (library-providers.ts, serverProvider), the whole block: each is
 * compared below, and any other argument (`database_username`, `ssl_mode`, `sslrootcert`, `clientcert`, `scheme`, `password`,
 * `aws_rds_iam_auth`, ...) is an override of the construct's provider. `sslmode`, which the props choose (verify-full, or require
 * with a justification), is PGD-TLS-1's; `alias` names the block.
 */
const WRITTEN = new Set(['alias', 'host', 'port', 'database', 'username', 'azure_identity_auth', 'azure_tenant_id', 'superuser', 'sslmode', 'connect_timeout']);

/**
 * DatabaseAccess signs in as it declared: its postgresql provider has the host of the server it
 * manages (a reference to the server's fqdn, or its name under its own cloud's domain: hostProblem), port 5432,
 * the declared Entra administrator as username, azure_identity_auth = true, no password and
 * superuser = false; and every resource the construct makes signs in through that provider.
 * Another host gets the administrator's Entra token (valid on every server that group
 * administers) and the roles, grants and PUBLIC revokes, which then never reach the server; a
 * password replaces the token. The block must be the whole one the construct wrote (WRITTEN): database "postgres",
 * connect_timeout 30, the server's tenant, and no other argument (an added `database_username` is the role the provider acts as in
 * REASSIGN OWNED and owner changes; an unset port or database is the runner's PGPORT or PGDATABASE: A36a-3, A36a-4).
 * sslmode is PGD-TLS-1's. At synth, the declarations written into
 * the JSON must also be those the constructs made (an override of them is a finding of the stack).
 * No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-11',
  title: 'DatabaseAccess signs in to its server as it declared',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Remove the override of the DatabaseAccess provider, of its resources\' provider or of its declaration in the JSON; change the DatabaseAccess props instead.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const declarations = declarationsOf(stack?.declaredAccess, server.address);
    if (declarations.length === 0) return notApplicable('no DatabaseAccess manages the server');
    const verdicts = declarations.flatMap((declaration) => signInProblems(server, declaration, stack!));
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

function signInProblems(server: ServerView, declaration: AccessDeclaration, stack: StackFacts): Verdict[] {
  const made = resourcesUnder(stack, declaration.path).filter((resource) => resource.type.startsWith('postgresql_'));
  const elsewhere = made.filter((resource) => providerKeyOf(resource) !== declaration.provider).map((resource) =>
    fail(`${resource.address}, which ${declaration.path} makes, signs in through provider ${providerKeyOf(resource)}, not ${declaration.provider}.`, resource.address));
  // Findings on the provider show at a resource of the construct, so a suppression on it covers them.
  const address = made.find((resource) => providerKeyOf(resource) === declaration.provider)?.address;
  const config = stack.postgresqlProviders.get(declaration.provider);
  const who = `provider ${declaration.provider} of ${declaration.path}`;
  const unread = config === undefined ? unreadProviderReference(declaration.provider) : undefined;
  if (unread !== undefined) return [unknown(`${who} ${unread}`, address), ...elsewhere];
  if (config === undefined) return [fail(`${who} is not configured in this stack.`, address), ...elsewhere];
  const problems = providerProblems(server, declaration, config, address, stack).map((verdict) =>
    verdict.status === 'fail' ? fail(`${who} ${verdict.message}`, address) : verdict);
  return [...problems, ...elsewhere];
}

/** What in the provider differs from the declaration: failures end their sentence; unknowns name the attribute. */
function providerProblems(server: ServerView, declaration: AccessDeclaration, config: TerraformBlock, address: string | undefined, stack: StackFacts): Verdict[] {
  const found: Verdict[] = [];
  const later = (attribute: string) => found.push(unknown(`the ${attribute} of provider ${declaration.provider} is known only at apply time`, address));
  const { host, port, username, azure_identity_auth: identity, password, superuser, database, azure_tenant_id: tenant, connect_timeout: timeout } = config;
  const other = hostProblem(server, host, stack);
  if (other !== undefined) {
    found.push(fail(`has host ${JSON.stringify(host ?? null)}, not the FQDN of ${server.address}${other}: the Entra token of ${declaration.principalName} is sent there, and the roles, grants and PUBLIC revokes are made there instead of on the server.`));
  }
  if (isUnknown(port)) later('port');
  else if (literalInteger(port) !== POSTGRES_PORT) found.push(fail(`has port ${JSON.stringify(port ?? null)}, not ${POSTGRES_PORT}${port === undefined || port === null ? ' (not set: the runner\'s PGPORT decides)' : ''}.`));
  if (database !== PROVIDER_DATABASE) {
    found.push(fail(`has database ${JSON.stringify(database ?? null)}, not ${JSON.stringify(PROVIDER_DATABASE)}${isSet(database) ? '' : ' (not set: the runner\'s PGDATABASE decides)'}.`));
  }
  if (!sameTenant(server, tenant)) found.push(fail(`has azure_tenant_id ${JSON.stringify(tenant ?? null)}, not the tenant of ${server.address}'s Entra authentication.`));
  if (literalInteger(timeout) !== CONNECT_TIMEOUT_SECONDS) found.push(fail(`has connect_timeout ${JSON.stringify(timeout ?? null)}, not ${CONNECT_TIMEOUT_SECONDS}.`));
  // Every other argument is an addition to the block the construct wrote; the password has its own message below and is never shown.
  const added = Object.keys(config).filter((name) => !WRITTEN.has(name) && name !== 'password' && config[name] !== null && config[name] !== undefined);
  if (added.length > 0) {
    const acting = added.includes('database_username') ? ' (database_username is the role the provider acts as in REASSIGN OWNED and owner changes)' : '';
    found.push(fail(`has ${added.join(', ')}, which DatabaseAccess never writes: an override of its provider${acting}.`));
  }
  // The server signs in as the first 63 bytes of the name (postgres-sent-text.ts asStartupName).
  if (!signsInAs(asStartupName(username), declaration)) {
    found.push(fail(`signs in as ${JSON.stringify(username ?? null)}, not as the declared administrator ${JSON.stringify(declaration.principalName)}.`));
  }
  if (isUnknown(identity)) later('azure_identity_auth');
  else if (literalBoolean(identity) !== true) found.push(fail(`has azure_identity_auth ${JSON.stringify(identity ?? null)}, so it signs in with a password instead of an Entra token.`));
  // The password is never shown.
  if (isSet(password)) found.push(fail('has a password, which DatabaseAccess never sets: it signs in with an Entra token only.'));
  if (isUnknown(superuser)) later('superuser');
  else if (literalBoolean(superuser) !== false) found.push(fail(`has superuser ${JSON.stringify(superuser ?? null)} (not set means true), where the Azure administrator it signs in as is not a superuser.`));
  return found;
}

/**
 * Whether the provider's tenant is the one DatabaseAccess wrote: the server's (its Entra authentication's `tenant_id`, as written,
 * the same token or text), or any set value where the server's is not readable (a server of another shape).
 */
function sameTenant(server: ServerView, tenant: unknown): boolean {
  if (!isSet(tenant)) return false;
  const authentication = server.config.authentication;
  const block = Array.isArray(authentication) ? authentication[0] : authentication;
  const own = typeof block === 'object' && block !== null ? (block as { tenant_id?: unknown }).tenant_id : undefined;
  return !isSet(own) || JSON.stringify(own) === JSON.stringify(tenant);
}

/**
 * Why a provider host may reach another server than this one (provider-hosts.ts), or undefined when it reaches the server and no
 * other: a reference to its fqdn (or a HOST_SAME function of it) in any cloud; its name, literal or `${<server>.name}`, under the domain
 * of the cloud its azurerm provider deploys it to (serverCloud). A name under another cloud's domain is another server (A38a-2,
 * A38b-2), a privatelink or private zone's name is a record someone writes, and a name whose cloud is not known may be either: "" when
 * the host is simply another, else the clause that says what could not be read.
 */
function hostProblem(server: ServerView, host: unknown, stack: StackFacts): string | undefined {
  const reached = hostServers(host);
  const name = typeof server.config.name === 'string' ? server.config.name.toLowerCase() : undefined;
  if (reached.unresolved || reached.names.length + reached.references.length === 0) return '';
  const byName = [
    ...reached.names.map((named) => (!named.privatelink && named.name === name ? named.domain : undefined)),
    ...reached.references.map(({ reference, domain }) => (domain === undefined ? (reference === `${server.address}.fqdn` ? null : undefined) : reference === `${server.address}.name` ? domain : undefined)),
  ];
  if (byName.includes(undefined)) return '';
  const domains = byName.filter((domain): domain is string => typeof domain === 'string');
  if (domains.length === 0) return undefined;
  const cloud = serverCloud(server.config, stack.azurermProviders);
  if ('unknown' in cloud) return `: it names the server by name under ${domains[0]}, and ${cloud.unknown}`;
  return domains.every((domain) => domain === cloud.domain) ? undefined : '';
}
