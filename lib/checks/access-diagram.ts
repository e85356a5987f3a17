/**
 * The access paths of a stack's servers as a Mermaid flowchart, read left to right: who and from
 * where (clients, networks, identities) -> entry points -> servers -> databases and roles. GitHub
 * and Azure DevOps render it in the Markdown report. Every label is quoted and every character of
 * it outside a small safe set is written as a Mermaid entity code, so no name or expression from
 * the stack can break the diagram or add markup to it; node ids are generated, never taken from it.
 */
import { ServerFacts } from './server-facts';

/** Characters written as they are inside a quoted label; every other one (a code point, /u) becomes "#<code>;". */
const UNSAFE = /[^A-Za-z0-9 .,:/_()-]/gu;

/** Text as a Mermaid label body: each character outside the safe set as its entity code. */
export function mermaidText(text: string): string {
  // One regular expression pass instead of one test per character: about 15 ms of a 50-server report.
  return text.replace(UNSAFE, (character) => `#${character.codePointAt(0)};`);
}

/** Lines of a label, each escaped, joined by Mermaid's line break. */
function label(...lines: string[]): string {
  return `"${lines.map(mermaidText).join('<br/>')}"`;
}

/** The last parts of an Azure resource ID that name it ("vnet / subnets / db"), or the value as written. */
export function shortResourceId(value: string): string {
  const subnet = /\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i.exec(value);
  if (subnet) return `${subnet[1]}/${subnet[2]}`;
  const zone = /\/privateDnsZones\/([^/]+)$/i.exec(value);
  if (zone) return zone[1];
  return value;
}

const KIND = { flexible: 'Flexible Server', single: 'Single Server' };

/** The Mermaid flowchart of a stack's servers, without the Markdown fence. */
export function accessDiagram(servers: readonly ServerFacts[]): string {
  const clients: string[] = [];
  const entries: string[] = [];
  const serverNodes: string[] = [];
  const inside: string[] = [];
  const edges: string[] = [];
  let next = 0;
  const node = (into: string[], text: string, shape: [string, string] = ['[', ']']) => {
    const id = `n${++next}`;
    into.push(`    ${id}${shape[0]}${text}${shape[1]}`);
    return id;
  };
  const edge = (from: string, to: string, text?: string, dotted = false) => {
    const arrow = dotted ? '-.->' : '-->';
    edges.push(`  ${from} ${arrow}${text === undefined ? '' : `|${label(text)}|`} ${to}`);
  };

  servers.forEach((server, index) => {
    const column = `S${index + 1}`;
    const serverId = node(serverNodes, label(`${column} ${server.name}`, `${KIND[server.kind]} ${server.version}`, server.networkMode), ['[(', ')]']);
    const { access } = server;

    if (access.publicNetworkAccess !== 'disabled' && server.definedInStack) {
      const total = access.firewallAddressTotal === null ? 'total known at apply time' : `${access.firewallAddressTotal} address(es) in all`;
      const publicEntry = node(entries, label(`${column} public endpoint`, `public network access: ${access.publicNetworkAccess}`, `firewall: ${total}`));
      edge(publicEntry, serverId);
      for (const range of access.firewallRanges) {
        const count = range.addresses === null ? 'known at apply time' : `${range.addresses} address(es)`;
        edge(node(clients, label(`Internet: ${range.name}`, `${range.start} - ${range.end}`, count, ...(range.certain ? [] : ['may not exist']))), publicEntry);
      }
      if (access.azureServicesRule !== 'absent') {
        edge(node(clients, label('Any Azure service, any tenant', `0.0.0.0 rule ${access.azureServicesRule.startsWith('may') ? '(may be present)' : ''}`.trim())), publicEntry);
      }
      for (const rule of access.virtualNetworkRules) {
        edge(node(clients, label(`Subnet ${shortResourceId(rule.subnet)}`, `VNet rule ${rule.name}`)), publicEntry, 'service endpoint');
      }
    }
    if (access.vnetIntegration !== undefined) {
      const { subnet, privateDnsZone, networkSecurityGroup } = access.vnetIntegration;
      const entry = node(entries, label(`${column} VNet integration`, `DNS zone ${shortResourceId(privateDnsZone)}`, `NSG ${networkSecurityGroup ?? 'defined outside this stack'}`));
      edge(node(clients, label(`Delegated subnet ${shortResourceId(subnet)}`)), entry);
      edge(entry, serverId);
    }
    for (const endpoint of access.privateEndpoints) {
      const zones = endpoint.privateDnsZones.map(shortResourceId).join(', ') || 'none';
      const entry = node(entries, label(`Private endpoint ${endpoint.name}`, `DNS zone ${zones}`));
      edge(node(clients, label(`Subnet ${shortResourceId(endpoint.subnet)}`)), entry);
      edge(entry, serverId);
    }
    for (const admin of access.entraAdministrators) {
      edge(node(clients, label(`Entra administrator ${admin.principalName}`, admin.principalType)), serverId, `Entra ID ${access.entraAuthentication}`);
    }
    if (access.administratorLogin !== undefined || !access.passwordAuthentication.startsWith('off')) {
      const login = access.administratorLogin ?? 'administrator login (not set)';
      edge(node(clients, label(`Local administrator ${login}`)), serverId, `password ${access.passwordAuthentication}`);
    }
    for (const database of access.databases) edge(serverId, node(inside, label(`database ${database}`)));
    const roleIds = new Map<string, string>();
    for (const role of access.databaseRoles) {
      const roleId = node(inside, label(`role ${role.name}`, role.login ? 'login' : 'no login', role.signIn));
      roleIds.set(role.name, roleId);
      if (role.login) edge(serverId, roleId, 'signs in as');
    }
    for (const role of access.databaseRoles) {
      for (const group of role.memberOf) {
        const groupId = roleIds.get(group) ?? node(inside, label(`role ${group}`, 'not declared in this stack'));
        roleIds.set(group, groupId);
        edge(roleIds.get(role.name)!, groupId, 'member of', true);
      }
    }
  });

  if (servers.length === 0) return ['flowchart LR', `  n1[${label('No PostgreSQL server in this stack')}]`].join('\n');
  const subgraph = (id: string, title: string, lines: string[]) => (lines.length === 0 ? [] : [`  subgraph ${id} [${label(title)}]`, ...lines, '  end']);
  return [
    'flowchart LR',
    ...subgraph('clients', 'Who and from where', clients),
    ...subgraph('entries', 'Entry points', entries),
    ...subgraph('servers', 'Servers', serverNodes),
    ...subgraph('inside', 'Databases and roles', inside),
    ...edges,
  ].join('\n');
}
