import { Construct } from 'constructs';
import { EntraPrincipalType } from './entra-administrator';
import { privilegedRoleSubject } from '../checks/rules/PG-IAM-2';
import { suppressChoice } from '../checks/suppression-registry';
import { choice, LiteralReason, list, member, optional, part, reason, required, struct, text } from '../private/shape';
import { isKnownBuiltInRole, PrivilegedRole, privilegedRole, ROLE_DEFINITION_ID, roleDefinitionGuid } from '../private/privileged-roles';
import { isToken } from '../private/tokens';
import { checkJustification, checkOneOf, checkPattern, checkUuid } from '../private/validate';
import { ValidationError } from '../private/validation-error';
import { warn } from '../private/warnings';
import { onDemandClasses } from '../private/on-demand-classes';

/** An Azure RBAC role: a built-in role by name, or any role by its definition's resource ID. */
export class RoleDefinition {
  /** Reader: sees the server's configuration, changes nothing. */
  public static readonly READER = new RoleDefinition('Reader', undefined);
  /** Monitoring Reader: reads metrics, logs and alerts, e.g. for a monitoring tool. */
  public static readonly MONITORING_READER = new RoleDefinition('Monitoring Reader', undefined);

  /**
   * A built-in role by its name, exactly as Azure lists it, e.g. "Monitoring Reader". A name the
   * library does not know as a built-in role may be a custom one: it warns `CustomRoleAssignment`.
   * @param name the role's name
   */
  public static builtIn(name: string): RoleDefinition {
    return new RoleDefinition(name, undefined);
  }

  /**
   * A role by the resource ID of its definition, e.g. a custom role:
   * "/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>", the same at
   * another scope (a resource group, a management group) or without a scope. Azure reads a
   * definition at any scope by its GUID, so a built-in role's GUID is that role at any scope.
   * @param roleDefinitionResourceId the definition's resource ID
   */
  public static fromResourceId(roleDefinitionResourceId: string): RoleDefinition {
    return new RoleDefinition(undefined, roleDefinitionResourceId);
  }

  /** The built-in role's name, when the role was given by name. */
  public readonly name?: string;
  /** The definition's resource ID, when the role was given by ID. */
  public readonly resourceId?: string;

  private constructor(name: string | undefined, resourceId: string | undefined) {
    this.name = name;
    this.resourceId = resourceId;
  }
}

/** A role granted on the server's Azure resource (Azure RBAC: the control plane, not the databases). */
export interface RoleAssignment {
  /** The role: a RoleDefinition constant, `RoleDefinition.builtIn(name)` or `RoleDefinition.fromResourceId(id)`. */
  readonly role: RoleDefinition;
  /** Object ID of the principal in Entra ID (a user, a group, a service principal or managed identity). */
  readonly principalId: string;
  /** Kind of principal. */
  readonly principalType: EntraPrincipalType;
  /**
   * What the assignment is for.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Why the principal needs a role that can change or delete the server or grant access to it
   * (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator),
   * switch off its log export (Monitoring Contributor, Monitoring Policy Contributor, Log Analytics
   * Contributor, Storage Account Contributor), export its backups (PostgreSQL Flexible Server Long
   * Term Retention Backup Role), exempt it from Azure Policy (Resource Policy Contributor, Security
   * Admin) or remove its delete lock (Storage Account Backup Contributor, Locks Contributor), at least 10
   * characters, printed at synth. Also for a custom role the stack defines whose actions reach the
   * server (`*`, `Microsoft.DBforPostgreSQL/*`, role assignment writes...): judged at synth (PG-IAM-2).
   * @default - none; required for those roles
   */
  readonly justification?: string;
}

// The role is a security setting: a role known only at apply time could be Owner, unjustified.
const ROLE_DEFINITION = choice('RoleDefinition', RoleDefinition, 'use a RoleDefinition constant, RoleDefinition.builtIn(name) or RoleDefinition.fromResourceId(id)', (role) =>
  role.resourceId !== undefined
    ? [part('resourceId', role.resourceId, required(text({ literal: LiteralReason.SECURITY }), 'give the role definition\'s resource ID'))]
    : [part('name', role.name, required(text({ literal: LiteralReason.SECURITY }), 'give the built-in role\'s name, e.g. "Monitoring Reader"'))],
);

export const ROLE_ASSIGNMENTS = list(
  struct('RoleAssignment', {
    role: required(ROLE_DEFINITION, 'use a RoleDefinition constant, RoleDefinition.builtIn(name) or RoleDefinition.fromResourceId(id)'),
    principalId: required(text(), 'give the object ID of the principal in Entra ID'),
    principalType: required(member('EntraPrincipalType', 'EntraPrincipalType.GROUP'), 'use EntraPrincipalType.USER, GROUP or SERVICE_PRINCIPAL'),
    description: optional(text()),
    justification: optional(reason()),
  }),
  { literal: LiteralReason.ITEMS },
);

const ROLE_NAME = /^[A-Za-z0-9]([A-Za-z0-9 ()._-]{0,126}[A-Za-z0-9)])?$/;

/** The privileged built-in role a role is, if it is one. */
function privileged(role: RoleDefinition): PrivilegedRole | undefined {
  return privilegedRole(role.name, role.resourceId);
}

/** True for a role, by name or ID, that is no built-in role the library knows: maybe a custom role, whose actions it cannot see. */
function unjudged(role: RoleDefinition): boolean {
  return !isKnownBuiltInRole(role.name, role.resourceId);
}

/** Refuses malformed roles and principals, a principal given one role twice, and an unjustified privileged role. */
export function validateRoleAssignments(prop: string, assignments: readonly RoleAssignment[]): void {
  const seen = new Set<string>();
  assignments.forEach((assignment, index) => {
    const at = `${prop}[${index}]`;
    const { role } = assignment;
    checkPattern('ROLE-NAME-FORMAT', `${at}.role.name`, role.name, ROLE_NAME, 'is not a role name', 'write the built-in role\'s name as Azure lists it, e.g. "Monitoring Reader", or use RoleDefinition.fromResourceId for a custom role');
    checkPattern(
      'ROLE-DEFINITION-ID',
      `${at}.role.resourceId`,
      role.resourceId,
      ROLE_DEFINITION_ID,
      'is not a role definition resource ID',
      'give "/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>", the same at another scope (a resource group, a management group) or without a scope',
    );
    checkUuid('ROLE-PRINCIPAL-ID', `${at}.principalId`, assignment.principalId);
    checkOneOf('ROLE-PRINCIPAL-TYPE', `${at}.principalType`, assignment.principalType, Object.values(EntraPrincipalType), 'use EntraPrincipalType.USER, GROUP or SERVICE_PRINCIPAL');
    const roleKey = role.name?.toLowerCase() ?? roleDefinitionGuid(role.resourceId) ?? role.resourceId!;
    if (!isToken(assignment.principalId)) {
      const key = `${roleKey}|${assignment.principalId.toLowerCase()}`;
      if (seen.has(key)) {
        throw new ValidationError('ROLE-ASSIGNMENT-DUPLICATE', `${at}.principalId`, assignment.principalId, `is given ${role.name ?? role.resourceId} twice`, 'list each role of a principal once');
      }
      seen.add(key);
    }
    const elevated = privileged(role);
    if (elevated !== undefined) checkJustification(`${at}.justification`, assignment.justification, `grant ${elevated.name}, which ${elevated.can}`);
  });
}

/** The principal an item grants its role to, as a reviewer reads it in the warning. */
function principalOf(assignment: RoleAssignment): string {
  return isToken(assignment.principalId) ? `a ${assignment.principalType} known only at apply time` : `${assignment.principalType} ${assignment.principalId}`;
}

/** One azurerm_role_assignment per item, scoped to the server; privileged roles warn with their justification. */
export function addRoleAssignments(scope: Construct, serverId: string, assignments: readonly RoleAssignment[]): void {
  assignments.forEach((assignment, index) => {
    const { role } = assignment;
    const resource = new (onDemandClasses.roleAssignment())(scope, `RoleAssignment${index}`, {
      scope: serverId,
      roleDefinitionName: role.name,
      roleDefinitionId: role.resourceId,
      principalId: assignment.principalId,
      principalType: assignment.principalType,
      description: assignment.description,
    });
    const elevated = privileged(role);
    if (elevated !== undefined) {
      warn(scope, 'PrivilegedRoleAssignment', `roleAssignments[${index}] grants ${elevated.name} on the server to ${principalOf(assignment)}, which ${elevated.can}`, assignment.justification);
      // The justification covers this role on this assignment: an override to another role fails PG-IAM-2.
      suppressChoice(resource, 'PG-IAM-2', assignment.justification!, privilegedRoleSubject(elevated.name));
    }
    if (unjudged(role)) {
      // A custom role the stack defines is judged by its actions at synth (PG-IAM-2, A20a-6): the justification covers this role only.
      if (assignment.justification !== undefined) suppressChoice(resource, 'PG-IAM-2', assignment.justification, privilegedRoleSubject(role.name ?? role.resourceId!));
      const given = role.resourceId !== undefined ? `the role ${role.resourceId} by its definition ID` : `the role ${JSON.stringify(role.name)}, which is no built-in role the library knows (azurerm resolves custom role names too)`;
      warn(scope, 'CustomRoleAssignment', `roleAssignments[${index}] grants ${given}: the library cannot see its actions; make sure it cannot change or delete the server, grant access to it or switch off its log export`, assignment.justification);
    }
  });
}
