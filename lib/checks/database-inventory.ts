import { inDatabaseOf, NamedRole, roleNamed } from './database-checks';
import { isUnknown } from './hcl-expression';
import { ServerView } from './stack-model';
import { isSet, literalBoolean } from './value-readers';

/** One role the stack declares inside a server, as a reviewer reads it. */
export interface DeclaredRole {
  readonly name: string;
  readonly login: boolean;
  /** The roles it is a member of. */
  readonly memberOf: readonly string[];
  /** How it signs in: "Entra ID (<type>)", "password", or "none" for a group role. */
  readonly signIn: string;
}

/** A membership a postgresql_grant_role grants to a role named only at apply time (`${var.r}`, `${each.key}`): no row can show it. */
export interface LaterMembership {
  /** The member as written: the expression that names it at apply time. */
  readonly member: string;
  readonly group: string;
}

/**
 * A membership a postgresql_grant_role grants to a role no postgresql_role of the server declares: a role made outside the stack, a
 * declared name in another letter case (PostgreSQL's names are case-sensitive as the provider writes them), or no role at all.
 */
export interface UndeclaredMembership {
  /** The member as written, or "(not set)". */
  readonly member: string;
  readonly group: string;
}

/** What a server's postgresql provider resources declare: roles, and the databases they manage with their pgaudit state. */
export interface DatabaseInventory {
  readonly roles: readonly DeclaredRole[];
  readonly databases: readonly { readonly name: string; readonly pgaudit: boolean }[];
  /** Memberships whose member is known only at apply time (left out when there are none). */
  readonly laterMemberships?: readonly LaterMembership[];
  /** Memberships of a role the stack does not declare (left out when there are none). */
  readonly undeclaredMemberships?: readonly UndeclaredMembership[];
}

/** The in-database inventory of a server, or undefined when no postgresql provider resource targets it. */
export function databaseInventory(server: ServerView): DatabaseInventory | undefined {
  if (server.inDatabase.length === 0) return undefined;
  // Each label's role is looked up once, not once per role.
  const labels = inDatabaseOf(server, 'postgresql_security_label')
    .filter((label) => label.config.label_provider === 'pgaadauth')
    .map((label) => ({ label, target: roleNamed(server, label.config.object_name) }));
  // The member as the grant names it: by name, or by its role block when that block's name is known only at apply time.
  const memberships = inDatabaseOf(server, 'postgresql_grant_role').map((grant) => ({
    named: roleNamed(server, grant.config.role), written: grant.config.role, group: roleText(server, grant.config.grant_role),
  }));
  const rows = new Set<{ named?: NamedRole; written: unknown; group: string }>();
  const roles = inDatabaseOf(server, 'postgresql_role').map((role): DeclaredRole => {
    // Stryker disable next-line StringLiteral: shown() gives a string as it is, so the test only spares a call
    const name = typeof role.config.name === 'string' ? role.config.name : shown(role.config.name ?? role.address);
    // A label names its role by name, or by the role block whose name is known only at apply time (72nd run, B72-11).
    const label = labels.find(({ target }) => target !== undefined && ('name' in target ? target.name === name : target.resource === role))?.label;
    const type = label === undefined ? undefined : /type=(\w+)/.exec(shown(label.config.label))?.[1];
    const login = literalBoolean(role.config.login) === true;
    // A login known only at apply time is no group role (adversarial run of stop 70, A22).
    const laterLogin = !login && isSet(role.config.login) && literalBoolean(role.config.login) === undefined;
    const signIn = label !== undefined ? `Entra ID (${type ?? 'unknown type'})` : isSet(role.config.password) || isSet(role.config.password_wo) ? 'password'
      : login ? 'no credential declared' : laterLogin ? 'login known only at apply time' : 'none (group role)';
    // A membership is written on the role (`roles`) or apart, by a postgresql_grant_role (adversarial run of stop 70, A27).
    // A number or truth value is the text Terraform converts it to; a missing role is no role's (C72-12: not the row "undefined").
    const mine = memberships.filter(({ named, written }) => (named === undefined ? asText(written) === name
      : 'name' in named ? named.name === name : named.resource === role));
    mine.forEach((membership) => rows.add(membership));
    const granted = mine.map(({ group }) => group);
    const memberOf = [...(Array.isArray(role.config.roles) ? role.config.roles : []).map((group) => roleText(server, group)), ...granted];
    return { name, login, memberOf, signIn };
  });
  const audited = new Set(inDatabaseOf(server, 'postgresql_extension').filter((e) => e.config.name === 'pgaudit').map((e) => e.config.database));
  const names = new Set<string>();
  for (const resource of inDatabaseOf(server, 'postgresql_grant', 'postgresql_default_privileges', 'postgresql_schema', 'postgresql_extension', 'postgresql_database')) {
    // A postgresql_database names itself; the others name the database they act in.
    const database = resource.type === 'postgresql_database' ? resource.config.name : resource.config.database;
    if (typeof database === 'string') names.add(database);
    else if (isUnknown(database)) names.add(String(database));
  }
  // A member named only at apply time may be any role: listed apart, not left out (adversarial run of stop 71, B71-8).
  const later = memberships.filter((membership) => !rows.has(membership) && membership.named !== undefined && 'unknown' in membership.named)
    .map(({ written, group }) => ({ member: shown(written), group }));
  // Any other membership no row shows names a role the stack does not make (adversarial run of stop 72, C72-12): listed, not left out.
  const undeclared = memberships.filter((membership) => !rows.has(membership) && (membership.named === undefined || 'name' in membership.named))
    .map(({ written, group }) => ({ member: roleText(server, written), group }));
  return {
    roles,
    databases: [...names].sort().map((name) => ({ name, pgaudit: audited.has(name) })),
    ...(later.length === 0 ? {} : { laterMemberships: later }),
    ...(undeclared.length === 0 ? {} : { undeclaredMemberships: undeclared }),
  };
}

/** A role as the report names it: its name, through a reference to the role block that has it, else the value as written. */
function roleText(server: ServerView, value: unknown): string {
  // A missing or null role is shown as the report shows a missing attribute, not as "undefined".
  if (value === undefined || value === null) return '(not set)';
  const named = roleNamed(server, value);
  return named === undefined ? shown(value) : 'name' in named ? named.name : String(named.unknown);
}

/** A number or truth value as the text Terraform converts it to; anything else is no text. */
function asText(value: unknown): string | undefined {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** A value as the report shows it; an object as its JSON (its "toString" key may hold any JSON, not a method). */
function shown(value: unknown): string {
  return value !== null && typeof value === 'object' && !isUnknown(value) ? JSON.stringify(value) : String(value);
}
