import { idKey } from './azure-keys';
import { groupName } from './containing-scopes';
import { everyBlock } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
import { StackFacts } from './rule';
import { isUnresolvedServer, ResourceView, ServerView } from './stack-model';

// A child whose server is known only at apply time (a variable, a local Terraform cannot fold, another
// state's output, a lookup by a name known later) may be a library construct's own server: Terraform
// plans a variable's default unless told otherwise. Beside such a construct it is judged as an addition
// to the construct's server, as the in-database side judges a host known only then (twelfth review, A12b-4).

/** A server known only by a pointer Terraform resolves at apply time: it may be any server, a construct's own included. */
export function isLaterServer(server: ServerView): boolean {
  return isUnresolvedServer(server) || (!server.defined && server.address.startsWith('(data source) '));
}

type LaterList = 'firewallRules' | 'virtualNetworkRules' | 'administrators' | 'privateEndpoints' | 'diagnosticSettings';

/**
 * The resources of a list (firewall rules, endpoints...) that servers known only at apply time hold,
 * for a construct's own server (defined in the stack): each may be added to it. None for any other server.
 */
export function laterChildren(server: ServerView, owner: string | undefined, stack: StackFacts | undefined, list: LaterList): readonly ResourceView[] {
  if (owner === undefined || !server.defined) return [];
  // Endpoints and diagnostic settings name either kind of server; the other children name one kind.
  const anyKind = list === 'privateEndpoints' || list === 'diagnosticSettings';
  const found = new Set<ResourceView>();
  for (const later of stack?.laterServers ?? []) {
    if (anyKind || later.kind === server.kind) later[list].forEach((child) => found.add(child));
  }
  // A server whose name is known only at apply time may be the one a child names by a literal name or ID (fourteenth review, A14a-10, A14b-12).
  if (typeof server.config.name !== 'string') {
    const group = groupName(server, stack);
    for (const named of stack?.namedServers ?? []) {
      // A literal name or ID names one kind of server, whatever the list.
      if (named.kind !== server.kind) continue;
      named[list].filter((child) => group === undefined || [group, undefined].includes(childGroupName(child, stack))).forEach((child) => found.add(child));
    }
  }
  return [...found];
}

/** The group a child writes its server in, in lower case: from a literal ID it points at, or its own resource_group_name; undefined when known only later. */
function childGroupName(child: ResourceView, stack: StackFacts | undefined): string | undefined {
  const pointer = pointerOf(child)[1];
  if (typeof pointer === 'string' && pointer.includes('/')) return /(?:^|\/)resourcegroups\/([^/]+)\//.exec(idKey(pointer))?.[1];
  return groupName(child, stack);
}

/** The attribute by which a child names its server, and its value. */
function pointerOf(child: ResourceView): [string, unknown] {
  const via = ['server_id', 'server_name', 'target_resource_id'].find((attribute) => child.config[attribute] !== undefined);
  const connection = everyBlock(child.config, 'private_service_connection')[0]?.private_connection_resource_id;
  return via !== undefined ? [via, child.config[via]] : ['private_connection_resource_id', connection];
}

/** How a child known only at apply time names its server, as written, for messages: 'server_id "${var.sid}"'. */
export function laterPointer(child: ResourceView): string {
  const [attribute, value] = pointerOf(child);
  return `${attribute} ${JSON.stringify(value ?? null)}`;
}

/** The sentence part for a child of a server known only at apply time (or of a named server that may be this one, whose name is known only then): where it may be added. */
export function mayBeTheServer(child: ResourceView): string {
  return isUnknown(pointerOf(child)[1]) ? `whose ${laterPointer(child)} is known only at apply time and may be this server`
    : `whose ${laterPointer(child)} may name this server, whose name is known only at apply time`;
}
