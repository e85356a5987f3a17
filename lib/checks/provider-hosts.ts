import { isUnknown, Unknown } from './hcl-expression';
import { expressionEnd } from './traversal-text';
import { splitTemplate } from './value-readers';
import { providerReferenceKey } from './provider-references';

// Which server a PostgreSQL provider's host reaches (37th run, A37a-1): the one reader of the stack model's attribution of
// in-database resources, PGD-IAM-11's "the server's host" and PGD-TLS-1's names Azure gives. lib/pq connects to the host as
// written, so a host names a server only when it is that server's name and nothing else: a literal
// "<name>.postgres.database.<cloud's domain>" (SERVER_DOMAINS: azure.com, chinacloudapi.cn, usgovcloudapi.net), or its
// privatelink form, any case, a root's trailing dot allowed; a reference to a server's (or a lookup's) fqdn, or such a
// reference under a function that returns it in a spelling DNS reads alike (HOST_SAME); or the template
// `${<server resource>.name}.postgres.database.<cloud's domain>`. Any other host ("<name>.postgres.database.azure.com.evil.example",
// `${S.fqdn}.evil.example`, `${S.name}2.postgres.database.azure.com`, a custom DNS name, a variable) is unresolved: it may be any
// server, so what is done through it satisfies no server's control and counts against every server.
//
// A name under a cloud's domain is a server of that cloud (38th run, A38a-1, A38b-1, A38b-2): server names are unique within one
// cloud only, and "orders.postgres.database.chinacloudapi.cn" is anyone's server in Azure China when the stack's "orders" is in the
// public cloud. So a literal or name-template host is a server of the stack only when its domain is the cloud of the azurerm provider
// configuration that manages that server (serverCloud), and a cloud that is not known makes such a host unresolved; a reference to
// the server's fqdn is the server whatever its cloud (azurerm copies the API's name). "<name>.private.postgres.database.azure.com" is
// no name Azure gives a server: a VNet-integrated server's record in its private zone has a label of Azure's choosing, and the name is
// the apex of the construct's own zone (A38b-1c): unresolved.

/**
 * The functions that return their text argument in a spelling DNS reads alike, without a character it did not hold: the case of
 * a name (DNS compares names case-insensitively, RFC 4343), white space trimmed (an fqdn holds none), a root's trailing dot
 * (trimsuffix with ".": "a.example." and "a.example" name the same host), a string as a string. Each takes the host as its first
 * argument; the others, when the function has any, must be these literals exactly.
 */
const HOST_SAME: { readonly [name: string]: readonly string[] } = { lower: [], upper: [], trimspace: [], tostring: [], trimsuffix: ['.'] };

/**
 * A reference to a name Azure gives a PostgreSQL server, which holds none of HOST_SYNTAX: the `fqdn` of an azurerm flexible or
 * single server, resource or data source (azurerm sets it from the API's `fullyQualifiedDomainName`:
 * postgresql_flexible_server_resource.go and _data_source.go, `d.Set("fqdn", props.FullyQualifiedDomainName)`; the same in
 * postgresql_server_*.go before 5.0), or the `name` of such a resource (validated at plan: flexible_server_name.go
 * `^[a-z0-9]([a-z0-9-]+[a-z0-9])?$`, server_name.go `^[0-9a-z][-0-9a-z]{1,61}[0-9a-z]$`), for a block with count or for_each one
 * instance (`[0]`, `["key"]`). Any other attribute may hold text written in the configuration (`terraform_data.output`,
 * `data.http.response_body`, a `random_*` or `local_file` result, a tag, a data source's `name`: A35a-1, A35b-1).
 */
export const AZURE_DNS_NAME = /^(?:data\.(?:azurerm_postgresql_flexible_server|azurerm_postgresql_server)\.[A-Za-z_][\w-]*(?:\[(?:\d+|"[^"\\]*")\])?\.fqdn|(?:azurerm_postgresql_flexible_server|azurerm_postgresql_server)\.[A-Za-z_][\w-]*(?:\[(?:\d+|"[^"\\]*")\])?\.(?:fqdn|name))$/;

/** Where Azure's clouds put PostgreSQL servers' public names (public-name-shadows.ts reads them too). */
export const SERVER_DOMAINS = ['postgres.database.azure.com', 'postgres.database.chinacloudapi.cn', 'postgres.database.usgovcloudapi.net'];

/**
 * The domains under which a label is a server's name: each cloud's, and its privatelink zone's, where a private endpoint's zone group
 * writes the server's name (captured: the zone, the domain).
 */
const DOMAINS = `(privatelink\\.)?(${SERVER_DOMAINS.map((domain) => domain.replace(/\./g, '\\.')).join('|')})\\.?`;

/** A literal host that is a server's name: its first label is the server's. */
const LITERAL_HOST = new RegExp(`^([a-z0-9][a-z0-9-]*)\\.${DOMAINS}$`, 'i');

/** A server named by a literal host: its name (lower case), the cloud's domain it is named under (SERVER_DOMAINS), and whether through the privatelink zone. */
export interface NamedServer {
  readonly name: string;
  readonly domain: string;
  readonly privatelink: boolean;
}

/** A server named by a reference: to its fqdn (no domain), or to its name in a template under the cloud's domain `domain` (SERVER_DOMAINS). */
export interface ReferencedServer {
  readonly reference: string;
  readonly domain?: string;
}

/**
 * The cloud's domain (SERVER_DOMAINS) of each name the azurerm provider's `environment` accepts: go-azure-sdk's environments.FromName
 * (sdk/environments/from_name.go, vendored by terraform-provider-azurerm), which lower-cases the name: "public", "global" and "canary"
 * (AzurePublic, Canary differs only in its Graph endpoint), "usgovernment", "usgovernmentl4", "dod" and "usgovernmentl5"
 * (AzureUSGovernment, L5 differs only in Graph), "china". Each environment's `Postgresql` API domain is the one given here
 * (azure_public.go, azure_gov.go, azure_china.go). Any other name (there is no "german" any more) fails at plan.
 */
const ENVIRONMENT_DOMAINS: { readonly [name: string]: string } = {
  public: SERVER_DOMAINS[0], global: SERVER_DOMAINS[0], canary: SERVER_DOMAINS[0],
  china: SERVER_DOMAINS[1],
  usgovernment: SERVER_DOMAINS[2], usgovernmentl4: SERVER_DOMAINS[2], dod: SERVER_DOMAINS[2], usgovernmentl5: SERVER_DOMAINS[2],
};

/** The cloud a server is deployed to: its domain (SERVER_DOMAINS), or why it is not known (a clause, with the fix). */
export type ServerCloud = { readonly domain: string } | { readonly unknown: string };

/**
 * The cloud of the azurerm provider configuration that manages a server (its `provider` meta-argument, "azurerm" when unset; `providers`
 * as provider-facts.ts azurermProviders reads them). terraform-provider-azurerm (internal/provider/provider.go) reads `environment` with
 * the default ARM_ENVIRONMENT, else "public", and `metadata_host` with the default ARM_METADATA_HOSTNAME; a metadata host, when set,
 * decides the cloud instead of `environment` (environments.FromEndpoint). So the cloud is known only from a literal `environment` with no
 * `metadata_host` written: unset (or no provider block), the runner's ARM_ENVIRONMENT decides (36th run: an argument the environment
 * fills is not known); written as an expression, or beside a `metadata_host`, the cloud is read at apply time.
 */
export function serverCloud(server: { readonly [name: string]: unknown }, providers: ReadonlyMap<string, { readonly [name: string]: unknown }> | undefined): ServerCloud {
  const key = azurermConfigurationOf(server);
  if (key === undefined) return { unknown: `its azurerm provider is chosen by an expression (${CLOUD_FIX})` };
  return configurationCloud(key, providers?.get(key));
}

const CLOUD_FIX = 'reference the server\'s fqdn in the host, or write the provider\'s environment';

/** The cloud of the provider configuration `key` (as serverCloud reads an azurerm one: `config` undefined when the stack writes none). */
function configurationCloud(key: string, config: { readonly [name: string]: unknown } | undefined): ServerCloud {
  if (config === undefined) return { unknown: `its azurerm provider ${key} is not configured in the stack, so the runner's ARM_ENVIRONMENT decides its cloud (${CLOUD_FIX})` };
  const metadata = config.metadata_host;
  if (metadata !== undefined && metadata !== null && metadata !== '') return { unknown: `its azurerm provider ${key} has metadata_host, whose metadata service decides its cloud (${CLOUD_FIX})` };
  const environment = config.environment;
  if (environment === undefined || environment === null || environment === '') {
    return { unknown: `its azurerm provider ${key} has environment not set, so the runner's ARM_ENVIRONMENT decides its cloud (${CLOUD_FIX})` };
  }
  if (typeof environment !== 'string') return { unknown: `the environment of its azurerm provider ${key} is known only at apply time (${CLOUD_FIX})` };
  const domain = Object.prototype.hasOwnProperty.call(ENVIRONMENT_DOMAINS, environment.toLowerCase()) ? ENVIRONMENT_DOMAINS[environment.toLowerCase()] : undefined;
  return domain === undefined ? { unknown: `its azurerm provider ${key} has environment ${JSON.stringify(environment)}, which is no cloud azurerm knows (${CLOUD_FIX})` } : { domain };
}

/** Whether a provider configuration leaves its cloud to the runner (ARM_ENVIRONMENT): none written, or neither environment nor metadata_host. */
function runnersCloud(config: { readonly [name: string]: unknown } | undefined): boolean {
  return config === undefined || [config.environment, config.metadata_host].every((value) => value === undefined || value === null || value === '');
}

/**
 * Whether two provider configurations (keys "azurerm", "azurerm.gov"...; `config` gives each one's block, undefined when the stack writes none)
 * reach one cloud (42nd run, A42a-2): names, and the objects a lookup finds by them, are another cloud's in another. One configuration, or two
 * whose clouds are both known (configurationCloud) and equal, or both left to the runner's ARM_ENVIRONMENT, are the same cloud; two known
 * clouds that differ are other; else why it cannot be told (a clause, with the fix).
 */
export function cloudRelation(one: string, other: string, config: (key: string) => { readonly [name: string]: unknown } | undefined): 'same' | 'other' | { readonly unknown: string } {
  if (one === other) return 'same';
  const [mine, theirs] = [configurationCloud(one, config(one)), configurationCloud(other, config(other))];
  if ('domain' in mine && 'domain' in theirs) return mine.domain === theirs.domain ? 'same' : 'other';
  if (runnersCloud(config(one)) && runnersCloud(config(other))) return 'same';
  return { unknown: ('unknown' in mine ? mine : theirs as { readonly unknown: string }).unknown };
}

/** The azurerm provider configuration a block names by its `provider` meta-argument ("azurerm" when unset); undefined when an expression chooses it. */
export function azurermConfigurationOf(block: { readonly [name: string]: unknown }): string | undefined {
  const meta = block.provider === undefined || block.provider === null ? 'azurerm' : block.provider;
  return typeof meta === 'string' ? providerReferenceKey(meta) ?? meta.trim() : undefined;
}

/** Stands for the one interpolation of a template host. */
const HOLE = '\u0000';

/** A template host whose one interpolation is a server resource's name, followed by the domain only. */
const NAME_TEMPLATE = new RegExp(`^${HOLE}\\.${DOMAINS}$`, 'i');

/** A template host whose one interpolation is a server's fqdn, with a root's trailing dot at most. */
const FQDN_TEMPLATE = new RegExp(`^${HOLE}\\.?$`);

/** What a provider's host reaches: servers by their literal names (lower case), servers by a reference to them, and whether it may be any server. */
export interface HostServers {
  readonly names: readonly NamedServer[];
  readonly references: readonly ReferencedServer[];
  readonly unresolved: boolean;
}

const UNRESOLVED: HostServers = { names: [], references: [], unresolved: true };

/** Deepest nesting of calls and choices read in a host. */
const MAX_DEPTH = 16;

/** Which servers a provider's host reaches (see the head of this file); a host that is not a text (unset, null) is unresolved. */
export function hostServers(host: unknown): HostServers {
  return serversOf(host, 0);
}

function serversOf(host: unknown, depth: number): HostServers {
  if (typeof host === 'string') {
    const found = LITERAL_HOST.exec(host.trim());
    if (found === null) return UNRESOLVED;
    const named = { name: found[1].toLowerCase(), domain: found[3].toLowerCase(), privatelink: found[2] !== undefined };
    return { names: [named], references: [], unresolved: false };
  }
  if (!isUnknown(host) || depth > MAX_DEPTH) return UNRESOLVED;
  if (host.choices !== undefined) {
    if (host.choices.length === 0) return UNRESOLVED;
    const each = host.choices.map((choice) => serversOf(choice, depth + 1));
    return { names: each.flatMap((one) => one.names), references: each.flatMap((one) => one.references), unresolved: each.some((one) => one.unresolved) };
  }
  if (host.isPlainReference) return byReference(host.expression.trim());
  if (host.spelled !== undefined) return byTemplate(host.spelled);
  const call = wholeCall(host.expression);
  const same = call === undefined ? undefined : hostSame(call);
  const args = host.parts ?? [];
  if (same === undefined || args.length !== same.length + 1 || !same.every((literal, at) => args[at + 1] === literal)) return UNRESOLVED;
  return serversOf(args[0], depth + 1);
}

/** A reference that names a server by its fqdn, or by its name under the cloud's domain `domain` (AZURE_DNS_NAME); unresolved otherwise. */
function byReference(reference: string, domain?: string): HostServers {
  if (!AZURE_DNS_NAME.test(reference) || !reference.endsWith(domain === undefined ? '.fqdn' : '.name')) return UNRESOLVED;
  return { names: [], references: [domain === undefined ? { reference } : { reference, domain }], unresolved: false };
}

/** A template: exactly `${<fqdn>}` (a trailing dot allowed) or `${<server resource>.name}.postgres.database.<domain>`. */
function byTemplate(spelled: string): HostServers {
  const interpolations: string[] = [];
  const { literal } = splitTemplate(spelled, (expression) => {
    interpolations.push(expression.trim());
    return HOLE;
  });
  if (interpolations.length !== 1) return UNRESOLVED;
  if (FQDN_TEMPLATE.test(literal)) return byReference(interpolations[0]);
  const named = NAME_TEMPLATE.exec(literal);
  return named === null ? UNRESOLVED : byReference(interpolations[0], named[2].toLowerCase());
}

/** The literals a HOST_SAME function takes after the host; undefined for any other function. */
export function hostSame(name: string): readonly string[] | undefined {
  return Object.prototype.hasOwnProperty.call(HOST_SAME, name) ? HOST_SAME[name] : undefined;
}

/**
 * The name of the function when `expression` is one call and nothing else (`lower(x)`, not `lower(x)[0]` or `lower(a) == b ? c : d`),
 * its arguments read to their closing bracket as HCL reads them (strings, templates, heredocs, comments); undefined otherwise.
 */
export function wholeCall(expression: string): string | undefined {
  const head = /^\s*([a-z_][\w-]*)\s*\(/i.exec(expression);
  if (head === null) return undefined;
  const end = expressionEnd(expression, head[0].length, ')');
  return end !== undefined && expression.slice(end + 1).trim() === '' ? head[1] : undefined;
}

/** A reference the stack model resolves to the servers it names. */
export function asReference(reference: string): Unknown {
  return new Unknown(reference, [reference]);
}
