import { idKey } from './azure-keys';
import { groupName } from './containing-scopes';
import { isUnknown } from './hcl-expression';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';

// A child that names its server by name (server_name) names it together with its resource group
// (resource_group_name), and a literal ID names the group too: in another group it configures
// another server, whatever the name (twelfth review, A12a-9).

/** The group segment of a literal server ID (or one below it). */
// Read from the ID's key: its "." and empty segments dropped, as every reader drops them (azure-keys.ts, A23-3).
const ID_GROUP = /\/resourcegroups\/([^/]+)\/providers\/microsoft\.dbforpostgresql\//i;

/**
 * Whether the child's resource group is the server's: "same", "other" (with the child's group in
 * lower case), or "maybe" when one of the two is known only at apply time or the child names none.
 * A server that writes no group, or a reference or ID with no group, has none to tell apart: "same".
 */
export function childGroup(child: ResourceView, via: 'server_id' | 'server_name', server: ResourceView, resources: ReadonlyMap<string, ResourceView>): { relation: 'same' | 'maybe' } | { relation: 'other'; group: string } {
  const pointer = child.config[via];
  const written = via === 'server_name' ? child.config.resource_group_name : typeof pointer === 'string' ? ID_GROUP.exec(`/${idKey(pointer)}`)?.[1] : undefined;
  const own = server.config.resource_group_name;
  if (own === undefined || (written === undefined && via === 'server_id')) return { relation: 'same' };
  // Without its group (null, or taken out by an override) Terraform refuses the child: it never satisfies a control.
  if (written === undefined) return { relation: 'maybe' };
  // The server's own group, read from it.
  if (isUnknown(written) && written.isPlainReference && written.references[0] === `${server.address}.resource_group_name`) return { relation: 'same' };
  const theirs = groupNamed(written, resources);
  const ours = groupNamed(own, resources);
  if (theirs !== undefined && ours !== undefined) return theirs === ours ? { relation: 'same' } : { relation: 'other', group: theirs };
  // The same expression is the same group, whatever it holds.
  const same = isUnknown(written) && isUnknown(own) && written.expression.trim() === own.expression.trim();
  return { relation: same ? 'same' : 'maybe' };
}

/** The group a resource (or a lookup's arguments) names, in lower case, as childGroup reads it: undefined when known only at apply time. */
export function groupOf(config: ResourceView['config'], resources: ReadonlyMap<string, ResourceView>): string | undefined {
  return groupNamed(config.resource_group_name, resources);
}

function groupNamed(group: unknown, resources: ReadonlyMap<string, ResourceView>): string | undefined {
  const facts: StackFacts = { postgresqlProviders: new Map(), resources };
  // A number is text to Terraform.
  return groupName({ config: { resource_group_name: typeof group === 'number' ? String(group) : group } }, facts);
}
