import { groupName } from './containing-scopes';
import { isUnknown } from './hcl-expression';
import { StackFacts } from './rule';
import { ServerView } from './stack-model';
import { splitTemplate } from './value-readers';

// A server ID whose name (or group) is known only at apply time, such as the ID of every item of a
// search by type and group (eighth review, A8-5), may be a server of the stack: read it as that
// server, the way a role on its resource group is, whenever its known segments match.

/** A server's ID, or an ID below it (what follows the name is not read), in lower case: group, type, name. */
const SERVER_ID = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)\/providers\/microsoft\.dbforpostgresql\/(flexibleservers|servers)\/([^/]+)/;

/** The scope ("?" for each unknown part), when it is a template of a server ID with a name known only at apply time that may be this server's. */
export function possibleServerScope(server: ServerView, scope: unknown, stack: StackFacts | undefined): string | undefined {
  if (!isUnknown(scope)) return undefined;
  const path = splitTemplate(scope.expression, '?').literal.trim();
  const found = SERVER_ID.exec(path.toLowerCase());
  if (found === null) return undefined;
  const [, group, type, name] = found;
  if (!name.includes('?') || (type === 'flexibleservers') !== (server.kind === 'flexible')) return undefined;
  const serverGroup = groupName(server, stack);
  const sameGroup = serverGroup === undefined ? group.includes('?') : fits(group, serverGroup);
  // A server whose own name is known only at apply time may have any name.
  const serverName = server.config.name;
  const sameName = typeof serverName !== 'string' || fits(name, serverName.trim().toLowerCase());
  return sameGroup && sameName ? `the server ID ${JSON.stringify(path)}` : undefined;
}

/** True when a segment with "?" for each unknown part can be the text. */
function fits(segment: string, text: string): boolean {
  const pattern = segment.split('?').map((part) => part.replace(/[.*+^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(text);
}
