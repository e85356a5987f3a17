import { AccessDeclaration, connectAsKnownLater, declarationsConcerning } from './access-declarations';
import { administratorRoles, laterAdministratorExpressions, unknownAdministrators } from './database-checks';
import { asIdentifier } from './postgres-sent-text';
import { StackFacts } from './rule';
import { ServerView } from './stack-model';

/**
 * What the rules know of a server's administrators: the roles of those named literally, with the administrator each DatabaseAccess of
 * the server signs in as (its connectAs, its provider's username: the construct refuses a name that is no administrator where it can
 * read them, and signs in with that administrator's Entra token to create roles and grant them, so a member of it holds what it
 * holds); the administrators whose name is known only at apply time (database-checks.ts unknownAdministrators, and a connectAs
 * given as a token: 40th run, A40a-3), each as a label for messages; and the expressions of those names (`var.admin_group_name`).
 */
export interface Administrators {
  readonly roles: readonly string[];
  readonly unknown: readonly string[];
  readonly laterExpressions: readonly string[];
}

export function administratorsOf(server: ServerView, stack: StackFacts | undefined): Administrators {
  const declarations: AccessDeclaration[] = declarationsConcerning(stack?.declaredAccess, server).flat();
  // A connectAs written as a token is compared as no name (its text "${var.ca}" is none): an administrator known only at apply time.
  const connectAs = declarations.filter((declaration) => declaration.principalNameUnknown !== true).map((declaration) => asIdentifier(declaration.principalName).toLowerCase());
  const laterConnectAs = declarations.filter((declaration) => declaration.principalNameUnknown === true).flatMap((declaration) => /^\$\{([\s\S]*)\}$/.exec(declaration.principalName)?.[1] ?? []);
  return {
    roles: [...administratorRoles(server), ...connectAs],
    unknown: [...unknownAdministrators(server), ...connectAsKnownLater(server, stack)],
    laterExpressions: [...laterAdministratorExpressions(server), ...laterConnectAs],
  };
}
