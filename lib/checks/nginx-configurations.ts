import { AZAPI_WRITER_TYPES, azapiParent, azapiType, bodyProperties, writes } from './azapi-writes';
import { encodedTexts } from './encoded-texts';
import { blocksOfTypes } from './per-stack';
import { isUnknown } from './hcl-expression';
import { referencedResources } from './referenced-resources';
import { StackFacts } from './rule';
import { listOf } from './server-networks';
import { sameVnet, serverVnets, vnetOfId } from './server-vnets';
import { ResourceView, ServerView } from './stack-model';
import { isObject } from './terraform-json';
import { literalString } from './value-readers';

// NGINXaaS (nineteenth review, A19a-5): a deployment forwards whatever its configuration says (`proxy_pass`, `upstream`,
// `stream`), and the configuration is text the provider takes base64. The raw-text scanner of network writers reads it
// decoded (encoded-texts.ts); what it cannot read (a file read at apply by `filebase64`, a variable, a package too large) is
// a forward to anywhere: it fails closed when the deployment may take connections from the internet in a VNet the server
// is reachable in. One row per writer of a configuration text: where its texts are, and which deployment runs them.

type Reader = (block: ResourceView) => { readonly texts: readonly unknown[]; readonly deployment: unknown };

/** The items of a nested block list (or one object) by a key, an unreadable item as itself. */
function field(items: unknown, key: string): unknown[] {
  return listOf(items).map((item) => (isObject(item) && !isUnknown(item) ? item[key] : item));
}

/** The texts of an azurerm configuration block (`config_file`, `protected_file`, `package_data`). */
function azurermTexts(configuration: unknown): unknown[] {
  return listOf(configuration).flatMap((item) => (isObject(item) && !isUnknown(item)
    ? [...field(item.config_file, 'content'), ...field(item.protected_file, 'content'), ...listOf(item.package_data)] : [item]));
}

/** The ARM spelling (`files`, `protectedFiles`, `package.data`). */
function armTexts(properties: unknown): unknown[] {
  if (!isObject(properties) || isUnknown(properties)) return [properties];
  return [...field(properties.files, 'content'), ...field(properties.protectedFiles, 'content'), ...field(properties.package, 'data')];
}

const armConfiguration: Reader = (block) => ({ texts: writes(block) ? armTexts(bodyProperties(block) ?? {}) : [], deployment: azapiParent(block) });

/** The writers of an NGINXaaS configuration text, azurerm types. */
const AZURERM_READERS: { readonly [type: string]: Reader } = {
  azurerm_nginx_configuration: (block) => ({ texts: azurermTexts(block.config), deployment: block.config.nginx_deployment_id }),
  // The deployment's own `configuration` block (azurerm 3.x): it runs it itself.
  azurerm_nginx_deployment: (block) => ({ texts: azurermTexts(block.config.configuration), deployment: block }),
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

/** Where a deployment takes connections and sits: public (or not known), and its subnet's ID. */
function deploymentOf(pointer: unknown, stack: StackFacts | undefined): { readonly isPublic: boolean; readonly subnet: unknown } {
  const block = isObject(pointer) && !isUnknown(pointer) && 'address' in pointer ? pointer as unknown as ResourceView
    : referencedResources(pointer, 'azurerm_nginx_deployment', stack?.resources)[0]
      ?? AZAPI_WRITER_TYPES.flatMap((type) => referencedResources(pointer, type, stack?.resources)).find((found) => DEPLOYMENT_AZURE_TYPES.includes(azapiType(found) ?? ''));
  if (block === undefined) return { isPublic: true, subnet: undefined };
  if (block.type === 'azurerm_nginx_deployment') {
    return { isPublic: block.config.frontend_public !== undefined && listOf(block.config.frontend_public).length > 0, subnet: field(block.config.network_interface, 'subnet_id')[0] };
  }
  const properties = bodyProperties(block);
  const profile = isObject(properties) && !isUnknown(properties) ? properties.networkProfile : properties;
  if (!isObject(profile) || isUnknown(profile)) return { isPublic: true, subnet: undefined };
  const front = profile.frontEndIPConfiguration;
  const isPublic = !isObject(front) || isUnknown(front) || listOf(front.publicIPAddresses).length > 0;
  const nic = profile.networkInterfaceConfiguration;
  return { isPublic, subnet: isObject(nic) && !isUnknown(nic) ? nic.subnetId : nic };
}

/** The reader of a block, or undefined for a block of another type (or an azapi action that only reads). */
function readerOf(block: ResourceView): Reader | undefined {
  if (!AZAPI_WRITER_TYPES.includes(block.type)) return Object.prototype.hasOwnProperty.call(AZURERM_READERS, block.type) ? AZURERM_READERS[block.type] : undefined;
  const type = azapiType(block);
  return type !== undefined && Object.prototype.hasOwnProperty.call(AZAPI_READERS, type) ? AZAPI_READERS[type] : undefined;
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
