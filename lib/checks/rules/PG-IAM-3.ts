import { credentialAdditions } from '../administrator-credentials';
import { lookupCandidates, unreadAdministratorLookups } from '../administrator-lookups';
import { groupAdditions } from '../administrator-groups';
import { policyAdditions } from '../administrator-policies';
import { powerAdditions } from '../administrator-powers';
import { identityOperators } from '../identity-operators';
import { madeBy, ownerConstruct } from '../beside-construct';
import { laterChildren, mayBeTheServer } from '../later-servers';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown, Verdict } from '../rule';
import { ResourceView } from '../stack-model';

/**
 * A construct's server has only the Entra administrators it declares: on a server that
 * SecureFlexibleServer or SecureSingleServer made, every Entra administrator resource of the
 * server (by reference, literal ID or literal name) is one the construct made from
 * entraAdministrators (entraAdministrator on Single Server). An administrator added beside it is
 * a member of azure_pg_admin, the most powerful grant on the server, so it fails unless a
 * suppression on it gives the reason. So does a member or owner the stack adds to a declared
 * administrator group (an azuread_group_member of it or of a plural lookup that may return it, the
 * members and owners of the azuread_group resource it reads, or a setting of that group (or of one a Graph write
 * posts) that lets others join or manage it: a dynamic membership rule, a Public visibility, administrative units
 * (A19a-10), an access package that hands it out, a Graph or other directory write that
 * names it, or a group known only at apply time that may be it: a variable, another state's output,
 * a data.azuread_group by a name or ID known only then): each member is an administrator too. So does
 * a credential or owner the stack writes for a declared administrator principal (a client secret,
 * certificate or federated identity credential of its service principal, application or managed
 * identity, an owner of them, the password of the user it is, its reset contacts, the on-premises anchor that lets an
 * on-premises account take it over, A21a-3), by literal ID, reference, import or a pointer known only at apply time, for a
 * principal made by azuread or by a Graph or REST post alike (principal-writers.ts, A21a-6): whoever holds it signs in as the administrator. So does a tenant-wide power the stack grants
 * that reaches a declared administrator (fifteenth review, A15a-4, A15b-13): a directory role or Microsoft Graph permission that
 * adds members to every group (beside a group administrator), credentials to every application (a service principal, a group: its service principal members; A16a-5) or resets
 * passwords (a user, a group's members), by any writer (azuread role assignments and members, PIM requests, app role
 * assignments, delegated grants, Microsoft Graph writes); a role or permission the checks cannot read fails closed. And a
 * role that can attach a declared administrator managed identity to a workload, or add a credential to it (Managed Identity
 * Operator or Contributor, Owner, a custom role with userAssignedIdentities/assign/action), on it or a scope that holds it
 * (A15a-10). And a PIM-for-groups or Conditional Access policy that names a declared administrator (a group, user or service
 * principal, included or excluded) unless every setting it writes is read as hardening it (A19a-9); its lists are read as the sets
 * they stand for: special values, groups the administrator may be in at any depth, filters (policy-scope.ts, A22a-3, A22a-9).
 * And a write over an existing sign-in object live policies name or stand in for (a named location or authentication strength an
 * import adopts or Graph rewrites, security defaults off, cross-tenant MFA trust, SMS sign-in, an organization-default token
 * lifetime, A25b-3), a removed block that destroys a policy (A25b-5), and a weak-password policy on the administrator user (A25b-7).
 * And a Microsoft Graph or REST write to a path no reader here judges (graph-write-targets.ts, A27a-1..6: another path to a policy or
 * sign-in object, a domain's federation, a trusted certificate authority, on-premises synchronization, any tenant-wide setting): it fails
 * closed, those that decide only how users sign in beside a user or group administrator.
 * PG-CFG-6 keeps the construct's own administrators as made; other servers' administrators are
 * their owners' to judge. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-IAM-3',
  title: 'A construct\'s server has only the Entra administrators it declares',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Declare the administrator in the construct\'s entraAdministrators (entraAdministrator on Single Server), or review it and suppress PG-IAM-3 on the administrator resource with the reason.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const owner = ownerConstruct(server, stack);
    if (owner === undefined) return notApplicable('the server is not made by a construct of the library: its administrators are its owner\'s to judge');
    const added = server.administrators.filter((admin) => !madeBy(admin, owner)).map((admin): Verdict => {
      const who = admin.config.principal_name ?? admin.config.login;
      return fail(`${admin.address} makes ${who === undefined ? 'a principal' : JSON.stringify(who)} (object ${JSON.stringify(admin.config.object_id ?? null)}) an administrator of the server, one ${owner} does not declare.`, admin.address);
    });
    const declared = server.administrators.filter((admin) => madeBy(admin, owner));
    // A credential or owner of a declared administrator principal lets a new party sign in as it (fourteenth review, A14b-19).
    const credentialed = credentialAdditions(declared, stack);
    // An administrator whose type is not said may be a group too: a block read as a credential is not judged again as a group write.
    const written = new Set(credentialed.map(({ resource }) => resource.address));
    // A member written into a declared administrator group is one more administrator (fifth review, A5-2).
    const joined = groupAdditions(declared, stack).filter(({ resource }) => !written.has(resource.address)).map(({ resource, administrator, action, laterPointer, administratorLater, alternateKey }) => {
      const group = `the group ${JSON.stringify(administrator.config.principal_name ?? administrator.config.login ?? administrator.config.object_id ?? null)}`;
      // A group known only at apply time may be the administrator group, and any group may be one whose ID is known only then (fourteenth review, A14a-8).
      const into = laterPointer === undefined ? group : alternateKey === true
        ? `a group whose ${laterPointer} names it by a key that is not its object ID and may be ${group}`
        : administratorLater === true
        ? `a group whose ${laterPointer} may be ${group}, whose object ID ${JSON.stringify(administrator.config.object_id)} is known only at apply time`
        : `a group whose ${laterPointer} is known only at apply time and may be ${group}`;
      return fail(`${resource.address} ${action} ${into}, an Entra administrator ${owner} declares: each member administers the server (azure_pg_admin), and the construct's props do not list them.`, resource.address);
    });
    const credentials = credentialed.map(({ resource, text }) => fail(
      `${resource.address} ${text}, an Entra administrator ${owner} declares: whoever holds a credential of it, or owns it, can sign in to the server as that administrator (azure_pg_admin), and the construct's props do not say so.`,
      resource.address,
    ));
    // A PIM-for-groups or Conditional Access policy naming a declared administrator passes only when read as hardening it (A19a-9).
    // A write to a Graph path the checks do not read (or a delete) is one finding: none when a reader above, or a policy reader, already judges the block (A27a).
    const additions = policyAdditions(declared, stack);
    const judged = new Set([...written, ...joined.map((verdict) => ('address' in verdict ? verdict.address : '')),
      ...additions.filter(({ anyPath, unread }) => anyPath !== true && unread !== true).map(({ resource }) => resource.address)]);
    const policies = additions.filter(({ resource, anyPath, unread }) => anyPath !== true && (unread !== true || !judged.has(resource.address))).map(({ resource, administrator, text }) => fail(
      `${resource.address} ${text}: it decides how the Entra administrator ${JSON.stringify(administrator.config.principal_name ?? administrator.config.login ?? administrator.config.object_id ?? null)} ${owner} declares signs in to the server or is joined (azure_pg_admin), and the construct's props do not say so.`,
      resource.address,
    ));
    // An administrator of a server known only at apply time may be one of this server (twelfth review, A12b-4).
    const later = laterChildren(server, owner, stack, 'administrators').map((admin) => {
      const who = admin.config.principal_name ?? admin.config.login;
      return fail(`${admin.address}, ${mayBeTheServer(admin)}, makes ${who === undefined ? 'a principal' : JSON.stringify(who)} an administrator, one ${owner} does not declare.`, admin.address);
    });
    // Tenant-wide powers and identity operators reach a declared administrator without naming it (fifteenth review, A15a-4, A15b-13, A15a-10).
    const named = (administrator: ResourceView) => JSON.stringify(administrator.config.principal_name ?? administrator.config.login ?? administrator.config.object_id ?? null);
    const powers = powerAdditions(declared, stack).filter(({ resource }) => !judged.has(resource.address)).map(({ resource, administrator, text, readable }) => (readable
      ? fail(`${resource.address} ${text}: its holder can become or act as the Entra administrator ${named(administrator)} ${owner} declares (azure_pg_admin), and the construct's props do not say so.`, resource.address)
      : unknown(`${resource.address} ${text}: its powers may let its holder become or act as the Entra administrator ${named(administrator)} ${owner} declares`, resource.address)));
    const operators = identityOperators(declared, stack).map(({ resource, administrator, text }) => (text === undefined
      ? unknown(`the role of ${resource.address} is known only at apply time, and may let its holder act as the managed identity ${named(administrator)}, an Entra administrator ${owner} declares`, resource.address)
      : fail(`${resource.address} ${text}: its holder acts as the Entra administrator ${named(administrator)} ${owner} declares (azure_pg_admin), and the construct's props do not say so.`, resource.address)));
    // A declared administrator read through a lookup the checks cannot tie to the principal the stack makes that it reads (A20a-1).
    // Or through a lookup by a name a principal the stack makes answers to, by any writer (A21a-2).
    const unread = unreadAdministratorLookups(declared, stack).map(({ administrator, lookup, principal, byName }) => fail(
      `${administrator.address} declares the Entra administrator ${named(administrator)} through ${lookup}, whose ${byName === undefined ? 'arguments read' : `${byName} may return`} ${principal}, a principal the stack makes, in a way the checks cannot tie to it: what the stack writes into ${principal} (members, owners, credentials, attachments) would not be judged as written into the administrator. Give the construct ${principal}'s own reference instead.`,
      administrator.address,
    ));
    // A declared administrator read through a lookup by a name that a principal the stack makes, named only at apply time (or looked
    // up by a name known only then), may bear: the administrator may be that principal, judged as it by every reader (A22a-1).
    const reported = new Set([...judged, ...[...credentials, ...policies, ...powers, ...operators].map((verdict) => ('address' in verdict ? verdict.address : ''))]);
    // A write whose URL may reach any path (graph-urls.ts anyPath), where no reader above fails the block for what it reads there.
    const anyPath = additions.filter((addition) => addition.anyPath === true && !reported.has(addition.resource.address) && reported.add(addition.resource.address) !== undefined)
      .map(({ resource, administrator, text }) => fail(
        `${resource.address} ${text}: it may decide how the Entra administrator ${named(administrator)} ${owner} declares signs in to the server or who it is (azure_pg_admin), and the construct's props do not say so.`,
        resource.address,
      ));
    const closedFor = new Set(unread.map((verdict) => ('address' in verdict ? verdict.address : '')));
    const candidates = lookupCandidates(declared, stack).flatMap(({ administrator, lookup, principal, byName, standIn, closed }) => {
      const through = `${lookup}, whose ${byName} may return ${principal} (a principal the stack makes, one name or both known only at apply time)`;
      // A service principal found by its application's name: what the stack writes into it is not read through the application.
      if (closed) {
        if (closedFor.has(administrator.address)) return [];
        closedFor.add(administrator.address);
        return [fail(`${administrator.address} reads the Entra administrator ${named(administrator)} of ${owner} through ${through}: the service principal of that application is one the checks cannot tie to the lookup, so what the stack writes into it would not be judged as written into the administrator. Give the construct the service principal's own reference instead.`, administrator.address)];
      }
      const written = [
        ...credentialAdditions([standIn], stack).map(({ resource, text }) => ({ resource, text })),
        ...groupAdditions([standIn], stack).map(({ resource, action }) => ({ resource, text: `${action} ${principal}` })),
        ...policyAdditions([standIn], stack).map(({ resource, text }) => ({ resource, text })),
      ];
      return written.filter(({ resource }) => !reported.has(resource.address) && reported.add(resource.address) !== undefined).map(({ resource, text }) => fail(
        `${resource.address} ${text}: ${administrator.address} reads the Entra administrator ${named(administrator)} of ${owner} through ${through}, so whoever this gives a way in may administer the server (azure_pg_admin). Give the construct ${principal}'s own reference, or look up a name no principal the stack makes may bear.`,
        resource.address,
      ));
    });
    const verdicts = [...added, ...later, ...joined, ...credentials, ...policies, ...powers, ...operators, ...anyPath, ...unread, ...candidates];
    return verdicts.length > 0 ? verdicts : PASS;
  },
};
