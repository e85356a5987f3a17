import { required, text } from '../private/shape';
import { checkPattern, checkUuid } from '../private/validate';

/** What every server construct needs to place and name its server. */
export interface ServerIdentityProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tenantId: string;
}

/** The shapes of the identity props, the same in both constructs' props. */
export const SERVER_IDENTITY_FIELDS = {
  name: required(text(), 'give a globally unique name, e.g. "orders-prod-pg"'),
  resourceGroupName: required(text(), 'give the name of an existing resource group'),
  location: required(text(), 'give an Azure region, e.g. "westeurope"'),
  tenantId: required(text(), 'give the Entra ID tenant ID'),
};

// Both server kinds share the name rule: 3-63 lowercase letters, digits and inner hyphens.
const SERVER_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const RESOURCE_GROUP_NAME = /^[-\w.()]{0,89}[-\w()]$/;
// A region's name ("westeurope") or display name ("West Europe", "West US 2"); the provider drops
// spaces and case. Nothing else is part of a region name.
const LOCATION = /^ *[A-Za-z][A-Za-z0-9 ]{0,59}$/;

export function validateServerIdentity(props: ServerIdentityProps): void {
  checkPattern('NAME-FORMAT', 'name', props.name, SERVER_NAME, 'is not a valid server name', 'use 3-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen');
  checkPattern('RESOURCE-GROUP-FORMAT', 'resourceGroupName', props.resourceGroupName, RESOURCE_GROUP_NAME, 'is not a valid resource group name', 'use 1-90 letters, digits, "_", "-", ".", "(" or ")", not ending with "."');
  checkPattern('LOCATION-FORMAT', 'location', props.location, LOCATION, 'is not an Azure region name', 'give a region such as "westeurope" or "West Europe": letters, digits and spaces');
  checkUuid('TENANT-ID-FORMAT', 'tenantId', props.tenantId);
}
