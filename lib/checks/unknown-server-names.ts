import { idKey, nameKey } from './azure-keys';
import { groupName } from './containing-scopes';
import { isUnknown } from './hcl-expression';
import { StackFacts } from './rule';
import { ServerView } from './stack-model';
import { splitTemplate } from './value-readers';
import { holedPattern } from '../private/literal-pattern';

// A server ID whose name (or group) is known only at apply time, such as the ID of every item of a
// search by type and group (eighth review, A8-5), may be a server of the stack: read it as that
// server, the way a role on its resource group is, whenever its known segments match. So may a literal
// server ID be a server of the stack whose own name is known only at apply time (fourteenth review, A14b-12).

/** A server's ID, or an ID below it (what follows the name is not read), in lower case: group, type, name. */
const SERVER_ID = /^subscriptions\/[^/]+\/resourcegroups\/([^/]+)\/providers\/microsoft\.dbforpostgresql\/(flexibleservers|servers)\/([^/]+)/;

/** The scope ("?" for each unknown part), when it is a template of a server ID with a name known only at apply time that may be this server's. */
export function possibleServerScope(server: ServerView, scope: unknown, stack: StackFacts | undefined): string | undefined {
  const serverName = server.config.name;
  // A literal ID names a server whose name is known (namesServer reads it); it may be one whose name is known only later.
  const literal = typeof scope === 'string' && typeof serverName !== 'string' && server.defined;
  if (!isUnknown(scope) && !literal) return undefined;
  const path = isUnknown(scope) ? splitTemplate(scope.expression, '?').literal.trim() : String(scope).trim();
  const found = SERVER_ID.exec(idKey(path));
  if (found === null) return undefined;
  const [, group, type, name] = found;
  if ((!name.includes('?') && !literal) || (type === 'flexibleservers') !== (server.kind === 'flexible')) return undefined;
  const serverGroup = groupName(server, stack);
  const sameGroup = serverGroup === undefined ? group.includes('?') || literal : fits(group, serverGroup);
  // A server whose own name is known only at apply time may have any name.
  const sameName = typeof serverName !== 'string' || fits(name, nameKey(serverName));
  if (!sameGroup || !sameName) return undefined;
  return literal ? `the server ID ${JSON.stringify(path)} (this server's name is known only at apply time)` : `the server ID ${JSON.stringify(path)}`;
}

/** True when a segment with "?" for each unknown part can be the text. */
function fits(segment: string, text: string): boolean {
  const pattern = holedPattern(segment, '?', '.*');
  return new RegExp(`^${pattern}$`).test(text);
}
