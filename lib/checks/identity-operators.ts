import { identityRole } from '../private/privileged-roles';
import { azureTypeKey } from './azapi-writes';
import { armKey, idKey, nameKey } from './azure-keys';
import { containingScope } from './containing-scopes';
import { wholeReadings } from './expression-readings';
import { isUnknown } from './hcl-expression';
import { isMadePrincipal } from './later-groups';
import { roleGrants } from './role-grants';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { splitTemplate } from './value-readers';

// A declared Entra administrator that is a user-assigned managed identity is used by whoever can attach the identity to a
// workload of theirs (Managed Identity Operator: userAssignedIdentities/*/assign/action) or add a credential to it (Managed
// Identity Contributor): a role grant of that power on the identity, or a scope that holds it, gives a new party
// azure_pg_admin (fifteenth review, A15a-10). Every role writer (role-grants.ts) and custom roles of the stack are read.

/** A role grant that lets its principal act as a declared administrator identity, and how the message says it. */
export interface IdentityOperator {
  readonly resource: ResourceView;
  readonly administrator: ResourceView;
  /** 'grants Managed Identity Operator on …, which can attach …', or undefined when the role is known only at apply time. */
  readonly text?: string;
}

/** The identity block an administrator's object ID reads: `azurerm_user_assigned_identity.<n>.principal_id` (or the data source), or an azapi identity's `output.properties.principalId`. */
const IDENTITY_PRINCIPAL = /^((?:data\.)?azurerm_user_assigned_identity\.[^.[\]\s]+)\.principal_id$|^(azapi_resource\.[^.[\]\s]+)\.output\b/;
/** A reference to a block's own ID: a scope that names that block (another one than the identity is no identity). */
const PLACED_ID = /^(?:data\.)?[a-z0-9_]+\.[^.[\]\s]+\.id$/;
const IDENTITY_TYPE = 'microsoft.managedidentity/userassignedidentities';
/** A user-assigned identity's ID as a key: group 1 its resource group, 2 its name. */
const IDENTITY_ID = /^subscriptions\/[^/]+\/resourcegroups\/([^/]+)\/providers\/microsoft\.managedidentity\/userassignedidentities\/([^/]+)$/;
/** The resource group an azapi identity's parent_id names. */
const GROUP_ID = /^subscriptions\/[^/]+\/resourcegroups\/([^/]+)$/;

/** The user-assigned identity (block address and block) a declared administrator is, when its object ID reads one of the stack. */
function identityOf(administrator: ResourceView, stack: StackFacts | undefined): { readonly address: string; readonly block: ResourceView } | undefined {
  const id = administrator.config.object_id;
  const found = isUnknown(id) ? id.references.map((reference) => IDENTITY_PRINCIPAL.exec(reference)).find((each) => each !== null) : undefined;
  const address = found === undefined || found === null ? undefined : found[1] ?? found[2];
  const block = address === undefined ? undefined : stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  if (address === undefined || block === undefined) return undefined;
  if (block.type !== 'azapi_resource') return { address, block };
  // An azapi identity: its name, and the resource group its parent_id names, as an azurerm identity writes them.
  const type = typeof block.config.type === 'string' ? azureTypeKey(block.config.type) : undefined;
  if (type !== IDENTITY_TYPE) return undefined;
  const parent = block.config.parent_id;
  const group = typeof parent === 'string' ? GROUP_ID.exec(idKey(parent))?.[1] : undefined;
  return { address, block: { ...block, config: { ...block.config, resource_group_name: group ?? parent } } };
}

/**
 * How a scope holds the identity ("the identity azurerm_user_assigned_identity.admin"), or undefined: a reference to its ID, its
 * literal ID (resource group and name, any case), a scope that contains it (its resource group, a subscription, a management
 * group, the root), or a scope known only at apply time that may be its ID.
 */
function identityScope(identity: { readonly address: string; readonly block: ResourceView }, scope: unknown, stack: StackFacts | undefined): string | undefined {
  const own = `the identity ${identity.address}`;
  if (isUnknown(scope) && scope.references.includes(`${identity.address}.id`)) return own;
  // The parent an azapi identity hangs under, by the same reference.
  const parent = identity.block.config.parent_id;
  if (isUnknown(scope) && scope.isPlainReference && isUnknown(parent) && parent.isPlainReference && parent.references[0] === scope.references[0]) return `${String(scope)}, which holds ${identity.address}`;
  const above = containingScope(identity.block, scope, stack);
  if (above !== undefined) return `${above.replace(/^its /, 'the ')}, which holds ${identity.address}`;
  const text = typeof scope === 'string' ? scope : isUnknown(scope) ? splitTemplate(scope.spelling, '?').literal : undefined;
  if (text === undefined) return undefined;
  const { name, resource_group_name: group } = identity.block.config;
  const same = (written: unknown, part: string) => part === '?' || typeof written !== 'string' || nameKey(written) === part;
  const isIdentityId = (id: string) => {
    const spelled = IDENTITY_ID.exec(idKey(id));
    return spelled === null ? undefined : same(group, spelled[1]) && same(name, spelled[2]);
  };
  const literal = isIdentityId(text);
  if (literal !== undefined) return literal ? `${JSON.stringify(String(scope))}, the ID of ${identity.address}` : undefined;
  // Another identity resource that spells its ID (the same names, literal or a variable's default, or one an import adopts it into).
  if (isUnknown(scope) && wholeReadings(scope, stack).some((reading) => isIdentityId(reading) === true)) return `${String(scope)}, which is ${identity.address} by the ID it spells`;
  // A scope known only at apply time may be the identity's ID, unless it names another block or spells another type's ID.
  if (!isUnknown(scope) || scope.references.every((reference) => PLACED_ID.test(reference))) return undefined;
  const types = [...armKey(text).matchAll(/\/providers\/([a-z0-9.]+\/[a-z0-9]+)(?:\/|$)/g)].map((match) => match[1]);
  return types.every((type) => type === IDENTITY_TYPE) ? `${String(scope)}, a scope known only at apply time, which may be ${identity.address}` : undefined;
}

/**
 * How a scope names a user-assigned identity that may be an administrator whose object ID is no identity of the stack (a literal, a
 * variable: a managed identity made elsewhere): a literal or template ID of an identity, or a lookup of one. An identity the stack
 * makes is a new one, never that administrator.
 */
function outsideIdentityScope(scope: unknown, stack: StackFacts | undefined): string | undefined {
  if (isUnknown(scope) && scope.isPlainReference) {
    const entity = /^(data\.azurerm_user_assigned_identity\.[^.[\]\s]+)\.id$/.exec(scope.references[0])?.[1];
    return entity !== undefined && stack?.lookups?.has(entity) !== false ? `${String(scope)}, an identity made outside the stack` : undefined;
  }
  const text = typeof scope === 'string' ? scope : isUnknown(scope) ? splitTemplate(scope.spelling, '?').literal : undefined;
  return text !== undefined && new RegExp(`/providers/${IDENTITY_TYPE.replace('.', '\\.')}/[^/]+$`).test(idKey(text)) ? `${JSON.stringify(String(scope))}, an identity` : undefined;
}

/** The role grants of the stack that let a principal act as one of the declared administrators that is (or may be) a managed identity. */
export function identityOperators(administrators: readonly ResourceView[], stack: StackFacts | undefined): IdentityOperator[] {
  const identities = administrators.map((administrator) => ({ administrator, identity: identityOf(administrator, stack) }));
  // A service principal administrator the stack does not make may be a managed identity made elsewhere.
  const outside = administrators.filter((administrator) => {
    const type = administrator.config.principal_type;
    return (typeof type !== 'string' || type.trim().toLowerCase() === 'serviceprincipal') && identityOf(administrator, stack) === undefined && !isMadePrincipal(administrator.config.object_id, stack);
  });
  if (identities.every(({ identity }) => identity === undefined) && outside.length === 0) return [];
  return roleGrants(stack).flatMap((grant): IdentityOperator[] => {
    const found = identities.map(({ administrator, identity }) => ({ administrator, on: identity === undefined ? undefined : identityScope(identity, grant.config.scope, stack) }))
      .find(({ on }) => on !== undefined);
    const maybe = found === undefined && outside.length > 0 ? outsideIdentityScope(grant.config.scope, stack) : undefined;
    const administrator = found?.administrator ?? (maybe === undefined ? undefined : outside[0]);
    const on = found?.on ?? (maybe === undefined ? undefined : `${maybe} that may be the administrator's (its resource ID is not the principal's object ID, so the checks cannot tell)`);
    if (administrator === undefined || on === undefined) return [];
    const { role_definition_name: name, role_definition_id: id } = grant.config;
    if (isUnknown(name) || isUnknown(id)) return [{ resource: grant, administrator }];
    const role = identityRole(typeof name === 'string' ? name.trim() : undefined, typeof id === 'string' ? id.trim() : undefined);
    return role === undefined ? [] : [{ resource: grant, administrator, text: `grants ${role.name} on ${on}, which ${role.can}` }];
  });
}
