import { AZAPI_WRITER_TYPES, azapiName, azapiParent, azapiTarget, azapiType, azapiWriters, bodyProperties, writes, writesObject } from './azapi-writes';
import { encodedTexts } from './encoded-texts';
import { blockItems } from './dynamic-blocks';
import { blocksOfTypes } from './per-stack';
import { isUnknown, Unknown } from './hcl-expression';
import { referencedResources } from './referenced-resources';
import { StackFacts } from './rule';
import { listOf } from './server-networks';
import { sameVnet, serverVnets, vnetOfId } from './server-vnets';
import { ResourceView, ServerView } from './stack-model';
import { isObject } from './terraform-json';
import { literalString } from './value-readers';
import { nginxTargets } from './nginx-targets';

// NGINXaaS (nineteenth review, A19a-5): a deployment forwards whatever its configuration says (`proxy_pass`, `upstream`,
// `stream`), and the configuration is text the provider takes base64. The raw-text scanner of network writers reads it
// decoded (encoded-texts.ts); what it cannot read (a file read at apply by `filebase64`, a variable, a package too large) is
// a forward to anywhere: it fails closed when the deployment may take connections from the internet in a VNet the server
// is reachable in. One row per writer of a configuration text: where its texts are, and which deployment runs them. A
// deployment is also a forwarder of forwarding-paths.ts's table (twentieth review, A20b-1, A20b-8): from its frontends to
// the targets its configuration's directives name (nginx-targets.ts), so that what reaches a private frontend is carried on.

type Reader = (block: ResourceView) => { readonly texts: readonly unknown[]; readonly paths: readonly unknown[]; readonly deployment: unknown };

/** The items of a nested block list (or one object) by a key, an unreadable item as itself. */
function field(items: unknown, key: string): unknown[] {
  return listOf(items).map((item) => (isObject(item) && !isUnknown(item) ? item[key] : item));
}

/** The texts of an azurerm configuration block (`config_file`, `protected_file`, `package_data`). */
function azurermTexts(configuration: unknown): unknown[] {
  return listOf(configuration).flatMap((item) => (isObject(item) && !isUnknown(item)
    ? [...field(blockItems(item, 'config_file'), 'content'), ...field(blockItems(item, 'protected_file'), 'content'), ...listOf(item.package_data)] : [item]));
}

/** The paths of the files an azurerm configuration block writes (a package: a path known only later, any file). */
function azurermPaths(configuration: unknown): unknown[] {
  return listOf(configuration).flatMap((item) => (isObject(item) && !isUnknown(item)
    ? [...field(blockItems(item, 'config_file'), 'virtual_path'), ...field(blockItems(item, 'protected_file'), 'virtual_path'), ...listOf(item.package_data).map(() => PACKAGE)] : [item]));
}

/** The ARM spelling (`files`, `protectedFiles`, `package.data`). */
function armTexts(properties: unknown): unknown[] {
  if (!isObject(properties) || isUnknown(properties)) return [properties];
  return [...field(properties.files, 'content'), ...field(properties.protectedFiles, 'content'), ...field(properties.package, 'data')];
}

/** The paths of the files of the ARM spelling. */
function armPaths(properties: unknown): unknown[] {
  if (!isObject(properties) || isUnknown(properties)) return [properties];
  return [...field(properties.files, 'virtualPath'), ...field(properties.protectedFiles, 'virtualPath'), ...listOf(properties.package).map(() => PACKAGE)];
}

/** The files of a package: any path. */
const PACKAGE = new Unknown('the files of a package', []);

const armConfiguration: Reader = (block) => {
  const properties = writes(block) ? bodyProperties(block) ?? {} : {};
  return { texts: writes(block) ? armTexts(properties) : [], paths: armPaths(properties), deployment: azapiParent(block) };
};

/** The writers of an NGINXaaS configuration text, azurerm types. */
const AZURERM_READERS: { readonly [type: string]: Reader } = {
  azurerm_nginx_configuration: (block) => ({ texts: azurermTexts(block.config), paths: azurermPaths(block.config), deployment: block.config.nginx_deployment_id }),
  // The deployment's own `configuration` block (azurerm 3.x): it runs it itself.
  azurerm_nginx_deployment: (block) => ({ texts: azurermTexts(blockItems(block.config, 'configuration')), paths: azurermPaths(blockItems(block.config, 'configuration')), deployment: block }),
};

/** The same, Azure types (lower case, no API version): the resource provider, and the spelling earlier previews documented. */
const AZAPI_READERS: { readonly [type: string]: Reader } = {
  'nginx.nginxplus/nginxdeployments/configurations': armConfiguration,
  'microsoft.nginx/nginxdeployments/configurations': armConfiguration,
};

export const NGINX_CONFIGURATION_TYPES: readonly string[] = Object.keys(AZURERM_READERS);
export const NGINX_CONFIGURATION_AZURE_TYPES: readonly string[] = Object.keys(AZAPI_READERS);
/** The deployments a configuration runs on, read for where they take connections from. */
const DEPLOYMENT_AZURE_TYPES = ['nginx.nginxplus/nginxdeployments', 'microsoft.nginx/nginxdeployments'];

/** A deployment's frontend the pack cannot read, or of a deployment it does not know: any private address. */
const ANY_FRONTEND = new Unknown('a frontend of the NGINX deployment known only later', []);

/** Where a deployment takes connections and sits: public (or not known), its private frontends (addresses, prefixes, or any), and its subnet's ID. */
interface Deployment {
  readonly isPublic: boolean;
  readonly frontends: readonly unknown[];
  readonly subnet: unknown;
}

/** A private frontend's addresses: its literal address, else (allocated dynamically) its subnet's prefixes in the stack, else any. */
function frontendAddresses(address: unknown, subnet: unknown, stack: StackFacts | undefined): unknown[] {
  if (typeof address === 'string') return [address];
  if (address !== undefined && address !== null) return [ANY_FRONTEND];
  const prefixes = referencedResources(subnet, 'azurerm_subnet', stack?.resources).flatMap((found) => listOf(found.config.address_prefixes));
  return prefixes.length > 0 ? prefixes : [ANY_FRONTEND];
}

function deploymentOf(pointer: unknown, stack: StackFacts | undefined): Deployment {
  const block = isObject(pointer) && !isUnknown(pointer) && 'address' in pointer ? pointer as unknown as ResourceView
    : referencedResources(pointer, 'azurerm_nginx_deployment', stack?.resources)[0]
      ?? AZAPI_WRITER_TYPES.flatMap((type) => referencedResources(pointer, type, stack?.resources)).find((found) => DEPLOYMENT_AZURE_TYPES.includes(azapiType(found) ?? ''));
  if (block === undefined) return { isPublic: true, frontends: [ANY_FRONTEND], subnet: undefined };
  const own = block.type === 'azurerm_nginx_deployment' ? azurermDeployment(block, stack) : profileOf(bodyProperties(block), stack) ?? { isPublic: true, frontends: [ANY_FRONTEND], subnet: undefined };
  // Another write of the deployment's network profile (an azapi update, a PUT) adds its frontends: what it makes public is public.
  return rewrites(block, stack).reduce<Deployment>((deployment, properties) => {
    const written = profileOf(properties, stack);
    return written === undefined ? deployment : { isPublic: deployment.isPublic || written.isPublic, frontends: [...deployment.frontends, ...written.frontends], subnet: deployment.subnet ?? written.subnet };
  }, own);
}

/** An azurerm deployment's frontends and subnet. */
function azurermDeployment(block: ResourceView, stack: StackFacts | undefined): Deployment {
  const privates = blockItems(block.config, 'frontend_private').flatMap((front) => (isObject(front) && !isUnknown(front) ? frontendAddresses(front.ip_address, front.subnet_id, stack) : [ANY_FRONTEND]));
  return { isPublic: blockItems(block.config, 'frontend_public').length > 0, frontends: privates, subnet: field(blockItems(block.config, 'network_interface'), 'subnet_id')[0] };
}

/** The frontends and subnet an ARM body's properties write (undefined when they write no network profile); one that cannot be read is public. */
function profileOf(properties: unknown, stack: StackFacts | undefined): Deployment | undefined {
  const profile = isObject(properties) && !isUnknown(properties) ? properties.networkProfile : properties;
  if (profile === undefined) return undefined;
  if (!isObject(profile) || isUnknown(profile)) return { isPublic: true, frontends: [ANY_FRONTEND], subnet: undefined };
  const front = profile.frontEndIPConfiguration;
  const isPublic = !isObject(front) || isUnknown(front) || listOf(front.publicIPAddresses).length > 0;
  const privates = !isObject(front) || isUnknown(front) ? [ANY_FRONTEND]
    : listOf(front.privateIPAddresses).flatMap((item) => (isObject(item) && !isUnknown(item) ? frontendAddresses(item.privateIPAddress, item.subnetId, stack) : [ANY_FRONTEND]));
  const nic = profile.networkInterfaceConfiguration;
  return { isPublic, frontends: privates, subnet: isObject(nic) && !isUnknown(nic) ? nic.subnetId : nic };
}

/**
 * The body properties of the stack's other azapi writes of an NGINX deployment (an update, a PUT, a second resource) that may be
 * this one: by reference to it, by a literal ID or name that is its name (or a name known only later), or by a pointer to no
 * deployment of the stack (a variable: any).
 */
function rewrites(block: ResourceView, stack: StackFacts | undefined): unknown[] {
  const name = block.config.name;
  return azapiWriters(stack).filter((writer) => writer !== block && writesObject(writer) && DEPLOYMENT_AZURE_TYPES.includes(azapiType(writer) ?? '')).filter((writer) => {
    const target = azapiTarget(writer);
    if (isUnknown(target) && target.references.some((reference) => reference === block.address || reference.startsWith(`${block.address}.`))) return true;
    const written = azapiName(writer);
    if (typeof written !== 'string' || typeof name !== 'string') return !isUnknown(written) || !written.references.some((reference) => /^(azurerm_nginx_deployment|azapi_\w+)\./.test(reference));
    return written.trim().toLowerCase() === name.trim().toLowerCase();
  }).map((writer) => bodyProperties(writer));
}

/** The reader of a block, or undefined for a block of another type (or an azapi action that only reads). */
function readerOf(block: ResourceView): Reader | undefined {
  if (!AZAPI_WRITER_TYPES.includes(block.type)) return Object.prototype.hasOwnProperty.call(AZURERM_READERS, block.type) ? AZURERM_READERS[block.type] : undefined;
  const type = azapiType(block);
  return type !== undefined && Object.prototype.hasOwnProperty.call(AZAPI_READERS, type) ? AZAPI_READERS[type] : undefined;
}

/** True for a writer of an NGINX configuration text (of the table). */
export function writesNginxConfiguration(block: ResourceView): boolean {
  return readerOf(block) !== undefined;
}

/** True for an NGINX deployment or a writer of its configuration, whatever the spelling. */
export function isNginx(block: ResourceView): boolean {
  return block.type === 'azurerm_nginx_deployment' || readerOf(block) !== undefined
    || (AZAPI_WRITER_TYPES.includes(block.type) && DEPLOYMENT_AZURE_TYPES.includes(azapiType(block) ?? ''));
}

/** The blocks a reader of this table may read (an azapi writer's type is told by its config): the others have no configuration. */
export const configurationWriters = blocksOfTypes((type) => AZAPI_WRITER_TYPES.includes(type) || Object.prototype.hasOwnProperty.call(AZURERM_READERS, type));

/**
 * Why a configuration writer's text cannot be read while its deployment may forward the internet into a VNet the server is
 * reachable in (the first text that cannot be read, described), or undefined. A literal is read (decoded) by the scanner.
 */
export function unreadableConfiguration(block: ResourceView, server: ServerView, stack: StackFacts | undefined): string | undefined {
  const reader = readerOf(block);
  if (reader === undefined) return undefined;
  const { texts, deployment } = reader(block);
  const at = texts.findIndex((text) => { const literal = literalString(text); return literal === undefined || encodedTexts(literal).unread; });
  if (at < 0) return undefined;
  const unreadable = texts[at];
  const { isPublic, subnet } = deploymentOf(deployment, stack);
  if (!isPublic) return undefined;
  const vnet = vnetOfId(subnet, stack);
  if (!serverVnets(server, stack).some((each) => sameVnet(each.vnet, vnet) !== false)) return undefined;
  return isUnknown(unreadable) ? unreadable.toString() : JSON.stringify(unreadable ?? null);
}

/**
 * A forward of a deployment (A20b-1, A20b-8), in forwarding-paths.ts's shape: from the internet when its frontend is public, from
 * its VNet otherwise (a forwarder of the stack that reaches a private frontend carries its own sources on: the deployment is
 * a hop), to a target of its configuration on any port. A target chosen at run time, or a text the pack cannot read, is any
 * address the deployment's VNet reaches (`inVnetOf`).
 */
export interface NginxForward {
  readonly sources: readonly unknown[];
  readonly destination: unknown;
  readonly ports: readonly unknown[];
  readonly frontends: readonly unknown[];
  readonly frontendPorts: readonly unknown[];
  readonly inVnetOf?: readonly unknown[];
}

/** The subnet of the deployment a configuration writer runs on (undefined when it cannot be told), where the proxy connects from. */
export function nginxSubnet(block: ResourceView, stack: StackFacts | undefined): unknown {
  const reader = readerOf(block);
  return reader === undefined ? undefined : deploymentOf(reader(block).deployment, stack).subnet;
}

/** The forwards of a configuration writer, or undefined for a block of another type. */
export function nginxForwards(block: ResourceView, stack: StackFacts | undefined): readonly NginxForward[] | undefined {
  const reader = readerOf(block);
  if (reader === undefined) return undefined;
  const { texts, paths, deployment } = reader(block);
  const { isPublic, frontends, subnet } = deploymentOf(deployment, stack);
  const forward = { sources: isPublic ? ['*'] : ['VirtualNetwork'], ports: [], frontends, frontendPorts: [] };
  const anywhere = (why: string): NginxForward => ({ ...forward, destination: new Unknown(`what ${block.address} forwards to: ${why}`, []), ...(subnet === undefined ? {} : { inVnetOf: [subnet] }) });
  const read: string[] = [];
  const forwards: NginxForward[] = [];
  for (const text of texts) {
    const literal = literalString(text);
    const decoded = literal === undefined ? undefined : encodedTexts(literal);
    if (literal === undefined || decoded === undefined || decoded.unread) forwards.push(anywhere(`a configuration the pack cannot read (${isUnknown(text) ? text.toString() : JSON.stringify(text ?? null)})`));
    else read.push(literal, ...decoded.texts);
  }
  const literalPaths = paths.every((path) => typeof path === 'string') ? (paths as string[]) : undefined;
  for (const target of nginxTargets(read, literalPaths)) {
    forwards.push('host' in target ? { ...forward, destination: target.host } : anywhere(`${target.runtime}, chosen at run time`));
  }
  return forwards;
}
