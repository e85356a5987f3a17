import { isReservedRoleName } from '../../database/reserved-role-names';
import { eachOf, inDatabaseOf, namesItMayBe, noDatabaseObjects } from '../database-checks';
import { asIdentifier } from '../postgres-sent-text';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, unknown, Verdict } from '../rule';
import { Unknown } from '../hcl-expression';
import { textKeptArgument } from '../value-readers';
import { Administrators, administratorsOf } from '../server-administrators';
import { adoptedBy } from '../stack-created';
import { blockAddressOf } from '../in-database-index';
import { ResourceView } from '../stack-model';

/**
 * No role the stack creates takes a name PostgreSQL or Azure owns (postgres, public, none,
 * current_user, current_role, session_user, azuresu, azure_superuser, azure_pg_admin, replication,
 * localadmin, or one starting with pg_; any case), as written in the JSON: the twin of
 * DB-ROLE-NAME-RESERVED, which DatabaseAccess checks only on literal names, so a Lazy or a local
 * that yields such a name is judged too. Nor the role of one of the server's administrators (85th run,
 * A85c-3): its local administrator_login, an Entra administrator's principal name, the administrator
 * a DatabaseAccess signs in as (server-administrators.ts), by a literal name, each choice of a
 * conditional, or the very expression the administrator's name is written with (`var.admin_group_name`).
 * A postgresql_role of that name, imported, takes the administrator's role over: its password, its
 * login and its memberships become what the block writes, a second way in no rule reads. A name known
 * only at apply time is not judged here unless an import or moved block adopts an existing role into the
 * block while an administrator's name, or the role's, is not known: that role may be the administrator's
 * (unknown). Otherwise PostgreSQL refuses to create a role that exists or a pg_ name, so apply fails,
 * never silently, and what the role is granted or mapped to is judged by PGD-IAM-7 and PGD-IAM-13 either
 * way. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-16',
  title: 'Roles the stack creates take no name PostgreSQL, Azure or the server\'s administrators own',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Choose another role name: not an administrator\'s, not postgres, public, azuresu, azure_superuser, azure_pg_admin, replication, localadmin, nor one starting with pg_. Manage the administrators through the server, never as a postgresql_role.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const denied = noDatabaseObjects(server);
    if (denied !== undefined) return denied;
    const administrators = administratorsOf(server, stack);
    return eachOf(inDatabaseOf(server, 'postgresql_role'), (role) => judgeName(role, administrators, stack));
  },
};

function judgeName(role: ResourceView, administrators: Administrators, stack: StackFacts | undefined): Verdict {
  const name = role.config.name;
  const names = typeof name === 'string' ? [name] : isUnknown(name) && name.choices !== undefined ? name.choices.filter((choice): choice is string => typeof choice === 'string') : [];
  const reserved = names.find(isReservedRoleName);
  if (reserved !== undefined) return fail(`${role.address} names its role ${JSON.stringify(reserved)}, which PostgreSQL or Azure owns: not a role the stack may create or take over.`, role.address);
  const administrator = names.find((each) => administrators.roles.includes(asIdentifier(each).toLowerCase()))
    ?? (isUnknown(name) && spelledAsAdministrator(name, administrators) ? `\${${name.expression}}` : undefined);
  if (administrator !== undefined) {
    return fail(`${role.address} names its role ${JSON.stringify(administrator)}, the role of one of the server's administrators: a postgresql_role of that name takes it over (its password, login and memberships), a second way in.`, role.address);
  }
  const adopted = adoptedBy(role.block ?? blockAddressOf(role.address), stack);
  const nameLater = namesItMayBe(name) === undefined;
  if (adopted !== undefined && (nameLater || administrators.unknown.length > 0)) {
    const why = nameLater ? 'its name is known only at apply time' : `an administrator's name is known only at apply time (${administrators.unknown.join('; ')})`;
    return unknown(`${role.address} adopts an existing role (${adopted} block) and ${why}: it may be an administrator's role, taken over.`, role.address);
  }
  return PASS;
}

/** An administrator's name as a reference reads it: a server's administrator_login, an Entra administrator block's principal_name or login. */
const ADMINISTRATOR_ATTRIBUTE = /^(?:data\.)?azurerm_postgresql_(?:flexible_server|server)(?:_active_directory_administrator)?\.[^.[\]]+(?:\[[^\]]*\])?\.(?:administrator_login|principal_name|login)$/;

/**
 * Whether a name known only later is an administrator's: the very expression an administrator's name is written with, or one
 * reference to an administrator's name attribute or to that expression, also under a function that keeps its text (`trimspace`,
 * `lower`: value-readers.ts textKeptArgument), 87th run, A87a-5. A name that adds text to it (`"${...administrator_login}_app"`)
 * is another role.
 */
function spelledAsAdministrator(name: Unknown, administrators: Administrators): boolean {
  let value: Unknown = name;
  for (let depth = 0; depth < 8; depth++) {
    if (administrators.laterExpressions.includes(value.expression)) return true;
    if (value.isPlainReference) return ADMINISTRATOR_ATTRIBUTE.test(value.references[0]) || administrators.laterExpressions.includes(value.references[0]);
    const inner = textKeptArgument(value);
    if (!isUnknown(inner)) return false;
    value = inner;
  }
  return false;
}
