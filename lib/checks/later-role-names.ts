import { inDatabaseIndex } from './in-database-index';
import { templateMaySpell } from './later-parents';
import { ServerView } from './stack-model';

// A DatabaseAccess role's name may be a token ("a role's name ... may still be references"): Terraform
// plans a variable's default unless told otherwise. A grant or membership that names a role by a literal
// no role of the server bears may then be one to the declared role, and is judged at the level it was
// declared (fourteenth review, A14a-10), as a server child by literal name is beside a server named later.

/** A declared role, by its name as written in the declaration (a token's text when known only at apply time). */
export interface NamedLater {
  readonly name: string;
}

/**
 * The declared role whose name is known only at apply time and may be the literal `value`, when no
 * role of the server (a postgresql_role of that literal name) or declared role bears it for sure.
 */
export function laterNamedRole<T extends NamedLater>(server: ServerView, value: unknown, roles: readonly T[]): T | undefined {
  if (typeof value !== 'string' || roles.some((role) => role.name === value) || inDatabaseIndex(server.inDatabase).roleByName.has(value)) return undefined;
  return roles.find((role) => /(?<!\$)\$\{/.test(role.name) && templateMaySpell(role.name, value));
}

/** The sentence part that says which declared role a literal may be. */
export function mayBeLaterRole(value: string, role: NamedLater): string {
  return `role ${JSON.stringify(value)} may be role ${role.name}, whose name is known only at apply time`;
}
