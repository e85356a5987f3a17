import { Fn } from 'cdktf';
import { holdsTemplateSequence } from './template-text';
import { isToken } from './tokens';
import { idTemplateError } from './validate';
import { ValidationError } from './validation-error';

const PREFIX = '^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/';

/** The Azure resource ID shapes this library accepts, as the azurerm provider parses them. */
export class ResourceIdKind {
  public static readonly SUBNET = new ResourceIdKind(
    'subnet',
    'Microsoft.Network/virtualNetworks/[^/]+/subnets/[^/]+',
    '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
  );
  public static readonly VIRTUAL_NETWORK = new ResourceIdKind(
    'virtual network',
    'Microsoft.Network/virtualNetworks/[^/]+',
    '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>',
  );
  public static readonly PRIVATE_DNS_ZONE = new ResourceIdKind(
    'private DNS zone',
    'Microsoft.Network/privateDnsZones/[^/]+',
    '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/<zone>',
  );
  public static readonly NETWORK_SECURITY_GROUP = new ResourceIdKind(
    'network security group',
    'Microsoft.Network/networkSecurityGroups/[^/]+',
    '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/networkSecurityGroups/<name>',
  );
  public static readonly LOG_ANALYTICS_WORKSPACE = new ResourceIdKind(
    'Log Analytics workspace',
    'Microsoft.OperationalInsights/workspaces/[^/]+',
    '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>',
    'i', // Azure returns this one in several casings; the provider parses it case-insensitively.
  );
  public static readonly USER_ASSIGNED_IDENTITY = new ResourceIdKind(
    'user-assigned identity',
    'Microsoft.ManagedIdentity/userAssignedIdentities/[^/]+',
    '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>',
  );
  public static readonly KEY_VAULT = new ResourceIdKind(
    'Key Vault',
    'Microsoft.KeyVault/vaults/[^/]+',
    '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>',
  );

  private readonly pattern: RegExp;

  private constructor(public readonly label: string, tail: string, public readonly example: string, flags = '') {
    this.pattern = new RegExp(`${PREFIX}${tail}$`, flags);
  }

  public matches(value: string): boolean {
    return this.pattern.test(value);
  }
}

/** Refuses a literal that is not a resource ID of the given kind; tokens pass. */
export function checkResourceId(prop: string, value: string | undefined, kind: ResourceIdKind): void {
  if (value === undefined || isToken(value)) return;
  // Before the pattern: a hand-written expression inside one segment (`.../virtualNetworks/vnet${var.y}`) is not read either (A49a-6).
  if (holdsTemplateSequence(value)) throw idTemplateError(prop, value, `the ${kind.label}'s .id attribute, or variable.stringValue of a TerraformVariable`, `the full ID, ${kind.example}`);
  if (kind.matches(value)) return;
  throw new ValidationError('RESOURCE-ID-KIND', prop, value, `is not a ${kind.label} resource ID`, `give the full ID, ${kind.example}`);
}

/** Position of each part in "/subscriptions/s/resourceGroups/rg/providers/ns/type/name/child/childName". */
export enum IdPart {
  SUBSCRIPTION = 2,
  RESOURCE_GROUP = 4,
  NAME = 8,
  CHILD_NAME = 10,
}

/** One part of a resource ID: computed now for a literal, by Terraform for a token. */
export function resourceIdPart(id: string, part: IdPart): string {
  return isToken(id) ? Fn.element(Fn.split('/', id), part) : id.split('/')[part];
}

/** The ID of a child's parent, e.g. the virtual network of a subnet. */
export function parentResourceId(id: string): string {
  return isToken(id) ? Fn.join('/', Fn.slice(Fn.split('/', id), 0, IdPart.NAME + 1)) : id.split('/').slice(0, IdPart.NAME + 1).join('/');
}
