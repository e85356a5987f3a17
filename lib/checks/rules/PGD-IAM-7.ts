import { connectAsKnownLater } from '../access-declarations';
import { administratorRoles, eachOf, entraRoleLabel, inDatabaseOf, noDatabaseObjects, roleNamed, runsAfter, surelyMade, unknownAdministrators, unknownAt } from '../database-checks';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';
import { preconditionConditions, ResourceView } from '../stack-model';
import { isSet, literalBoolean } from '../value-readers';
import { isPlainMapping, objectIdGuard, readPlainLabel } from '../../private/pgaadauth-label';
import { UUID } from '../../private/uuid';

/**
 * Entra mappings only where the stack declares them: a pgaadauth security label decides which
 * Entra identity signs in as a role, so each one the stack writes must be a plain mapping
 * (aadauth,oid=<object ID>,type=user|group|service, the object ID a GUID or an expression, never ",admin"; an expression held to a
 * GUID by the label's precondition, as DatabaseAccess writes it: objectIdGuard) of a login role the stack
 * declares without a password, one label per role. Labels on an administrator's role (Azure maps
 * its Entra administrators itself), on Azure's or undeclared roles, on group or password roles,
 * and a second label on a role fail. Beside an administrator whose name is known only at apply time (a token in the props, a token
 * connectAs), a label on a role block the stack may not surely make (imported, moved into, count or for_each known only later) is
 * unknown, never a pass: it may be that administrator's role (40th run, A40a-1); so is a label that does not wait for the role block
 * (names the role literally, no reference to the block nor depends_on on it: database-checks.ts runsAfter), applied even where the
 * block's CREATE ROLE fails on the administrator's existing role (42nd run, A42a-1). One finding per label. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-7',
  title: 'pgaadauth labels map only the stack\'s Entra login roles, once each',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Map Entra principals to roles through DatabaseAccess roles with DatabasePrincipal.entra (one label per login role), and leave the administrators\' roles to Azure.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const none = noDatabaseObjects(server);
    if (none) return none;
    const later = [...unknownAdministrators(server), ...connectAsKnownLater(server, stack)];
    const labelled = new Map<string, string>();
    return eachOf(inDatabaseOf(server, 'postgresql_security_label'), (label) => {
      const relevant = entraRoleLabel(label);
      if (relevant !== true) return relevant === false ? PASS : relevant;
      const target = roleNamed(server, label.config.object_name);
      if (target === undefined || ('unknown' in target && target.resource === undefined)) return unknownAt(label, 'the role');
      const raw = label.config.label;
      if (isUnknown(raw) && raw.isPlainReference) return unknownAt(label, 'the label');
      // A label built from a template is judged by its form: only its object ID may be unknown.
      const text = isUnknown(raw) ? raw.toString() : raw;
      const role = 'name' in target ? `role ${target.name}` : target.resource!.address;
      // The plain form, as pgaadauth reads it; the object ID may be known only at apply time.
      if (typeof text !== 'string' || !isPlainMapping(text)) {
        return fail(`${role} is given the pgaadauth label ${JSON.stringify(text)}, which is not a plain mapping "aadauth,oid=<object ID>,type=user|group|service".`, label.address);
      }
      if ('name' in target && administratorRoles(server).includes(target.name.toLowerCase())) {
        return fail(`${role}, an administrator's role, is mapped to ${text}: Azure maps its administrators itself, and another mapping lets another identity sign in as the administrator.`, label.address);
      }
      const problem = roleProblem(target.resource);
      if (problem !== undefined) return fail(`${role} is mapped to ${text}, but ${problem}.`, label.address);
      // An object ID known only at apply time is written into the label as it comes: "<GUID>,admin" would map an administrator.
      const objectId = readPlainLabel(text)!.objectId;
      // Not a GUID, so one expression (isPlainMapping): "${<expression>}".
      const guard = UUID.test(objectId) ? undefined : objectIdGuard(objectId.slice(2, -1));
      if (guard !== undefined && !preconditionConditions(label).includes(guard)) {
        return fail(`${role} is mapped to ${text}, whose object ID is known only at apply time, and ${label.address} has no lifecycle precondition ${guard}: a value such as "<GUID>,admin" would make the role an Entra administrator's.`, label.address);
      }
      // A block an import or moved block adopts an existing role into, or that may make none, may be an administrator's role whose
      // name is known only at apply time (40th run, A40a-1): the mapping would let another identity sign in as that administrator.
      if (later.length > 0 && !surelyMade(target.resource!, stack)) {
        return unknown(`${role} is mapped to ${text}, and ${target.resource!.address} may adopt an existing role or make none, which may be the role of an administrator: the name of ${later.join(', ')} is known only at apply time (write the administrator's name literally, or suppress PGD-IAM-7 with the reason)`, label.address);
      }
      // A label that does not wait for the role block (no reference to it, no depends_on) is applied even where the block's CREATE ROLE
      // fails on an existing role of that name, an administrator's among them (42nd run, A42a-1): it would remap that administrator.
      if (later.length > 0 && !runsAfter(server, label, target.resource!)) {
        return unknown(`${role} is mapped to ${text}, and ${label.address} does not wait for ${target.resource!.address} (no reference to it, no depends_on): where its CREATE ROLE fails on an existing role, which may be the role of an administrator, the label is applied to that role: the name of ${later.join(', ')} is known only at apply time (name the role through ${target.resource!.address}, write the administrator's name literally, or suppress PGD-IAM-7 with the reason)`, label.address);
      }
      const key = target.resource?.address ?? role;
      const earlier = labelled.get(key);
      labelled.set(key, label.address);
      return earlier === undefined ? PASS : fail(`${role} is mapped to ${text}, and ${earlier} maps it too: one identity per role.`, label.address);
    });
  },
};

/** Why a role may not carry an Entra mapping, if it may not. */
function roleProblem(role: ResourceView | undefined): string | undefined {
  if (role === undefined) return 'the stack does not declare the role (no postgresql_role of this server)';
  if (literalBoolean(role.config.login) !== true) return 'it is not a login role';
  if (isSet(role.config.password) || isSet(role.config.password_wo)) return 'it signs in with a password: the mapping would be a second way in';
  return undefined;
}
