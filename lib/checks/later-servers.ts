import { everyBlock } from './dynamic-blocks';
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
  return [...found];
}

/** How a child known only at apply time names its server, as written, for messages: 'server_id "${var.sid}"'. */
export function laterPointer(child: ResourceView): string {
  const via = ['server_id', 'server_name', 'target_resource_id'].find((attribute) => child.config[attribute] !== undefined);
  const connection = everyBlock(child.config, 'private_service_connection')[0]?.private_connection_resource_id;
  const [attribute, value] = via !== undefined ? [via, child.config[via]] : ['private_connection_resource_id', connection];
  return `${attribute} ${JSON.stringify(value ?? null)}`;
}

/** The sentence part for a child of a server known only at apply time: where it may be added. */
export function mayBeTheServer(child: ResourceView): string {
  return `whose ${laterPointer(child)} is known only at apply time and may be this server`;
}
