import { privilegedRole, secretReadingRole } from '../../private/privileged-roles';
import { madeBy, namesServer, ownerConstruct } from '../beside-construct';
import { containingScope, mayHoldScope } from '../containing-scopes';
import { constructNetworkScope, judgeNetworkAssignment } from '../network-scopes';
import { laterServerGroup } from '../given-objects';
import { mayNameServer } from '../later-pointers';
import { administratorNameAttachments } from '../administrator-identity-names';
import { attachableIdentities, identityAttachments } from '../identity-attachments';
import { identityCredentials, judgePerimeter, perimeterObjects } from '../perimeter-objects';
import { keyAccessPolicies } from '../key-access-policies';
import { hsmRoleAssignments } from '../hsm-role-assignments';
import { accessPolicyGrants, roleGrants } from '../role-grants';
import { possibleServerScope } from '../unknown-server-names';
import { grantedSecretReads, secretAccessPolicies, vaultedPasswordSecrets, vaultedSecretScope } from '../vaulted-password-scopes';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown, Verdict } from '../rule';
import { ResourceView } from '../stack-model';
import { unreadCustomRole } from '../custom-roles';

/**
 * The subject of a privileged role assignment: the role, so the justification of one role covers no
 * other. SecureFlexibleServer binds the justification of a roleAssignments item to it.
 */
export function privilegedRoleSubject(roleName: string): string {
  return `role ${JSON.stringify(roleName)}`;
}

/**
 * Privileged roles on the server are justified: an azurerm_role_assignment scoped to the server (or
 * below it) that grants a built-in role able to change or delete the server or grant access to it
 * (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator), to
 * switch off its log export (Monitoring Contributor, Monitoring Policy Contributor, Log Analytics
 * Contributor, Storage Account Contributor), to export its backups (PostgreSQL Flexible Server
 * Long Term Retention Backup Role), to assign or exempt policy (Resource Policy Contributor,
 * Security Admin) or to remove its delete lock (Storage Account Backup Contributor, Locks Contributor), by name or
 * definition ID, fails unless a suppression gives the reason, the same roles the roleAssignments prop asks a
 * justification for. A warning for any stack; an error on the constructs' servers, whose
 * roleAssignments prop suppresses it with the justification of exactly that role. The same roles
 * on a scope of the stack that contains the server (its resource group by literal name or by the
 * resource group it reads, a subscription, a management group, the root) fail too: RBAC inherits
 * down. So does a server ID whose name is known only at apply time (a search by type and group) that may
 * be the server. A custom role the stack defines is judged by its permissions (custom-roles.ts); one defined
 * elsewhere cannot be seen and is not judged; an assignment the construct
 * made, moved by override off the server, fails whatever its role. On a construct's server, a role that
 * can rewrite the subnet, network security group, private endpoint or private DNS zone the library
 * makes for it (those roles, Network Contributor, Private DNS Zone Contributor), on them or on a scope
 * that holds them, fails too. Beside a construct that vaults a password it generates (the administrator's,
 * a DatabaseAccess member's), a role that reads the secret's value, or can grant itself that, on the
 * secret, its vault or a scope that holds the vault, and an access policy that grants Get or Backup on the vault's
 * secrets, fail too: their holder signs in to the server (fourteenth review, A14a-7). A known vault (a literal ID, a
 * vault the stack makes or looks up by a literal name) and one known only at apply time may be one (fifteenth review,
 * A14b-6). Every writer of a role grant (PIM, azapi role assignments and schedule requests, Azure Lighthouse) and of an
 * access policy (azapi) is read as the azurerm type (role-grants.ts; fifteenth review, A15a-13, A15b-4, A15b-5). A scope
 * that may name the construct's network or the password's vault or secret (a part known only at apply time that could spell
 * it) is judged as on it, fail-closed (A15a-8, A15a-9, A15b-12, A15b-19). Beside a construct, every other object of the
 * perimeter (where its logs are kept, the network and zones it is given, the identities the server acts as) is judged through
 * one table, perimeter-objects.ts: a role with the effect that weakens the object, on it or a scope that holds it, fails, and
 * so does a federated credential on such an identity (sixteenth run, A16a-3, A16a-12, A16b-14). The table holds the event hub
 * namespace and hub the logs go to, and the server's customer-managed key and its vault; an access policy on that vault with a
 * key permission that deletes, disables or rotates the key fails too (key-access-policies.ts). No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-IAM-2',
  title: 'Privileged roles on the server are justified',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Grant a role that cannot change the server or its log export (e.g. Reader, Monitoring Reader), nor read the secrets of the vault a generated password is written to (e.g. Key Vault Reader; no access policy with Get or Backup on that vault), or give the justification through roleAssignments or PostgresSecurityChecks.suppress on the assignment or access policy.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    // Every writer of a role grant, read as an azurerm_role_assignment (fifteenth review, A15a-13, A15b-4).
    const all = roleGrants(stack);
    const assignments = all.filter((assignment) => namesServer(server, assignment.config.scope, true));
    const owner = ownerConstruct(server, stack);
    const own = (assignment: ResourceView) => owner !== undefined && madeBy(assignment, owner);
    // An override that widens the construct's assignment to the resource group or subscription.
    const moved = all.filter((assignment) => own(assignment) && !assignments.includes(assignment)).map((assignment) =>
      fail(`${assignment.address}, which ${owner} makes for the server, has the scope ${JSON.stringify(assignment.config.scope ?? null)}: roleAssignments grant roles on the server only.`, assignment.address));
    // A role on a scope that contains the server is that role on the server (fifth review, A5-12).
    // A server ID whose name is known only at apply time may be the server (eighth review, A8-5).
    const above = all.flatMap((assignment) => {
      if (own(assignment) || assignments.includes(assignment)) return [];
      const scope = containingScope(server, assignment.config.scope, stack);
      if (scope !== undefined) return [{ assignment, on: `${scope}, which contains the server` }];
      const possible = possibleServerScope(server, assignment.config.scope, stack);
      if (possible !== undefined) return [{ assignment, on: `${possible}, which may be the server` }];
      // A literal resource group may hold a server whose group is known only at apply time (A17b-8).
      const group = laterServerGroup(server, assignment.config.scope, stack);
      if (group !== undefined) return [{ assignment, on: `${group}, which contains the server` }];
      const spelled = mayHoldScope(server, assignment.config.scope, stack);
      if (spelled !== undefined) return [{ assignment, on: `${spelled}: the server` }];
      // Beside a construct, a scope known only at apply time may be its server (twelfth review, A12b-4).
      return owner !== undefined && server.defined && mayNameServer(assignment.config.scope, stack)
        ? [{ assignment, on: `${String(assignment.config.scope)}, a scope known only at apply time, which may be the server` }] : [];
    });
    const aboveVerdicts = above.map(({ assignment, on }) => ({ assignment, verdict: judgeAssignment(assignment, on) }));
    // A role on the subnet, security group, endpoint or zone the construct makes for the server, or on a scope that
    // holds them (seventh review, A7-16; eighth, A8-2, A8-8), unless it was judged privileged on a scope that contains the server.
    const network = owner === undefined ? [] : all.flatMap((assignment) => {
      const judgedAbove = aboveVerdicts.some((each) => each.assignment === assignment && each.verdict.status !== 'pass');
      const on = own(assignment) || assignments.includes(assignment) || judgedAbove ? undefined : constructNetworkScope(server, assignment.config.scope, owner, stack);
      return on === undefined ? [] : [judgeNetworkAssignment(assignment, on, privilegedRoleSubject)];
    });
    // A role that reads the password the construct vaults, on its secret or a scope that holds it (fourteenth review, A14a-7).
    const secrets = owner === undefined ? [] : vaultedPasswordSecrets(server, owner, stack);
    const vaulted = all.flatMap((assignment) => {
      const judged = own(assignment) || assignments.includes(assignment) || aboveVerdicts.some((each) => each.assignment === assignment && each.verdict.status !== 'pass')
        || network.some((verdict) => 'address' in verdict && verdict.address === assignment.address);
      const on = judged ? undefined : secrets.map((secret) => vaultedSecretScope(secret, assignment.config.scope, stack)).find((each) => each !== undefined);
      return on === undefined ? [] : [judgeSecretAssignment(assignment, on)];
    });
    // An access policy that grants Get (or Backup) on the secrets of its vault reads it too.
    const policies = secrets.flatMap((secret) => secretAccessPolicies(secret, stack)).filter((policy, index, all) => all.findIndex((each) => each.address === policy.address) === index).map(({ address, on, later }) => (later
      ? unknown(`the secret permissions of ${address} are known only at apply time, and may grant Get or Backup on ${on}`, address)
      : fail(`${address} ${grantsSecretReads([stack?.resources?.get(address), ...accessPolicyGrants(stack).filter((grant) => grant.address === address)], on)}: its principal reads that password and signs in to the server with it, with no justification.`, address)));
    // A role on another object of the perimeter (where the logs are kept, the network and zones the construct is given, the
    // identities the server acts as), or a scope that holds it, not judged above (sixteenth run, A16a-3, A16a-12, A16b-14).
    const objects = owner === undefined ? [] : perimeterObjects(server, owner, stack);
    const judgedBefore = new Set([...network, ...vaulted].flatMap((verdict) => ('address' in verdict && verdict.address !== undefined ? [verdict.address] : [])));
    const perimeter = objects.length === 0 ? [] : all.flatMap((assignment) => {
      if (own(assignment) || assignments.includes(assignment) || judgedBefore.has(assignment.address) || aboveVerdicts.some((each) => each.assignment === assignment && each.verdict.status !== 'pass')) return [];
      const verdict = judgePerimeter(assignment, objects, stack, privilegedRoleSubject);
      return verdict === undefined ? [] : [verdict];
    });
    // A federated credential on an identity the server acts as lets an outside workload act as it (A16b-14).
    const credentials = objects.length === 0 ? [] : identityCredentials(objects, stack);
    // An access policy on the customer-managed key's vault that deletes, disables or rotates the key (queued, closing note 29).
    // A Managed HSM's local role assignment is its access policy: one that deletes, purges or rotates the key, or grants that.
    const keyPolicies = objects.length === 0 ? [] : [...keyAccessPolicies(objects, stack), ...hsmRoleAssignments(objects, stack)];
    // A workload of the stack attaching such an identity (or the administrator's) acts as it (A17a-4).
    const attached = owner === undefined ? [] : identityAttachments(attachableIdentities(server, objects, stack), stack);
    // Or an identity that may be a given service principal administrator by its name (92nd run, A92c-4), each block once.
    const byName = owner === undefined ? [] : administratorNameAttachments(server, stack).filter((verdict) => !attached.some((each) => 'address' in each && 'address' in verdict && each.address === verdict.address));
    const attachments = [...attached, ...byName];
    if (assignments.length === 0 && moved.length === 0 && above.length === 0 && network.length === 0 && vaulted.length === 0 && policies.length === 0 && perimeter.length === 0 && credentials.length === 0 && keyPolicies.length === 0 && attachments.length === 0) return notApplicable('no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it');
    const judged = [...assignments.map((assignment) => judgeAssignment(assignment, 'the server')), ...aboveVerdicts.map(({ verdict }) => verdict), ...network, ...vaulted, ...policies, ...perimeter, ...credentials, ...keyPolicies, ...attachments];
    const verdicts = [...moved, ...judged.filter((verdict) => verdict.status !== 'pass')];
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

/**
 * What an access policy grants that reads the secrets of a vault, for a message: Backup alone reads them once restored elsewhere
 * (A15a-7). An azapi writer's grants are read in their azurerm shape (role-grants.ts), so its message names them too (A16b-6).
 */
function grantsSecretReads(views: readonly (ResourceView | undefined)[], on: string): string {
  const granted = grantedSecretReads(...views);
  const restored = granted.length === 1 && granted[0] === 'Backup' ? ' (a backup is restored into any vault of the subscription, where its holder reads it)' : '';
  return `grants ${granted.join(' and ')} on the secrets of ${on}${restored}`;
}

function judgeAssignment(assignment: ResourceView, on: string): Verdict {
  const { config, address } = assignment;
  const hidden = ['role_definition_name', 'role_definition_id'].find((attribute) => isUnknown(config[attribute]));
  // A custom role of the stack whose actions are known only later: a construct's justification of that role covers it (A20a-6).
  const custom = hidden === 'role_definition_id' && unreadCustomRole(config.role_definition_id) && typeof config.role_definition_name === 'string' ? privilegedRoleSubject(config.role_definition_name.trim()) : undefined;
  if (hidden) return unknown(`the role of ${address} (${hidden}) is known only at apply time, and may be a privileged one`, address, custom);
  const name = typeof config.role_definition_name === 'string' ? config.role_definition_name.trim() : undefined;
  const id = typeof config.role_definition_id === 'string' ? config.role_definition_id.trim() : undefined;
  const role = privilegedRole(name, id);
  if (role === undefined) return PASS;
  return fail(`${address} grants ${role.name} on ${on}, which ${role.can}, with no justification.`, address, privilegedRoleSubject(role.name));
}

/** A role on a vaulted password secret, or a scope that holds it: one that reads its value fails, one known only at apply time is unknown. */
function judgeSecretAssignment(assignment: ResourceView, on: string): Verdict {
  const { config, address } = assignment;
  const hidden = ['role_definition_name', 'role_definition_id'].find((attribute) => isUnknown(config[attribute]));
  if (hidden) return unknown(`the role of ${address} (${hidden}) is known only at apply time, and may be one that reads the password in ${on}`, address);
  const name = typeof config.role_definition_name === 'string' ? config.role_definition_name.trim() : undefined;
  const id = typeof config.role_definition_id === 'string' ? config.role_definition_id.trim() : undefined;
  const role = secretReadingRole(name, id);
  if (role === undefined) return PASS;
  return fail(`${address} grants ${role.name} on ${on}, which ${role.can}: its holder reads that password and signs in to the server with it, with no justification.`, address, privilegedRoleSubject(role.name));
}
