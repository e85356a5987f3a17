import { checkPattern, checkRequired, checkUuid } from '../private/validate';

/** What every server construct needs to place and name its server. */
export interface ServerIdentityProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tenantId: string;
}

// Both server kinds share the name rule: 3-63 lowercase letters, digits and inner hyphens.
const SERVER_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const RESOURCE_GROUP_NAME = /^[-\w.()]{0,89}[-\w()]$/;

export function validateServerIdentity(props: ServerIdentityProps): void {
  checkRequired('name', props.name, 'give a globally unique name, e.g. "orders-prod-pg"');
  checkPattern('name', props.name, SERVER_NAME, 'is not a valid server name', 'use 3-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen');
  checkRequired('resourceGroupName', props.resourceGroupName, 'give the name of an existing resource group');
  checkPattern('resourceGroupName', props.resourceGroupName, RESOURCE_GROUP_NAME, 'is not a valid resource group name', 'use 1-90 letters, digits, "_", "-", ".", "(" or ")", not ending with "."');
  checkRequired('location', props.location, 'give an Azure region, e.g. "westeurope"');
  checkRequired('tenantId', props.tenantId, 'give the Entra ID tenant ID');
  checkUuid('tenantId', props.tenantId);
}
