import { accessDiagram, shortResourceId } from '../../../../lib/checks/access-diagram';
import { AccessPaths, ServerFacts } from '../../../../lib/checks/server-facts';

// Every branch of the access diagram, written out whole (issue #12, the report group of the mutation
// score): the Mermaid parser test and the example stacks check that diagrams parse and hold some
// labels; these pin what each way in is drawn as, line by line.

const SUBNET = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-app/subnets/snet-db';
const ZONE = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com';

const CLOSED: AccessPaths = {
  publicNetworkAccess: 'disabled',
  firewallRanges: [],
  firewallAddressTotal: 0,
  azureServicesRule: 'absent',
  virtualNetworkRules: [],
  privateEndpoints: [],
  entraAuthentication: 'on',
  entraAdministrators: [],
  passwordAuthentication: 'off',
  databases: [],
  databaseRoles: [],
};

function server(name: string, kind: 'flexible' | 'single', access: Partial<AccessPaths>, definedInStack = true): ServerFacts {
  return { address: `x.${name}`, kind, definedInStack, name, sku: 'B1', version: '16', location: 'westeurope', networkMode: 'mode', access: { ...CLOSED, ...access } };
}

test('shortResourceId: a subnet as "vnet/subnet", a DNS zone by its name, anything else as written', () => {
  expect([SUBNET, ZONE, '${var.subnet}'].map(shortResourceId)).toEqual(['vnet-app/snet-db', 'privatelink.postgres.database.azure.com', '${var.subnet}']);
});

test('every way in, drawn', () => {
  const diagram = accessDiagram([
    server('open', 'flexible', {
      publicNetworkAccess: 'enabled',
      firewallAddressTotal: null,
      firewallRanges: [
        { address: 'r.a', name: 'office', start: '203.0.113.1', end: '203.0.113.9', addresses: 9, certain: true },
        { address: 'r.b', name: 'vpn', start: '198.51.100.1', end: '${var.end}', addresses: null, certain: false },
      ],
      azureServicesRule: 'may be present (azure)',
      virtualNetworkRules: [{ address: 'v.a', name: 'apps', subnet: SUBNET, certain: true }],
      vnetIntegration: { subnet: SUBNET, privateDnsZone: ZONE },
      privateEndpoints: [
        { address: 'p.a', name: 'pe-a', subnet: SUBNET, privateDnsZones: [], certain: true },
        { address: 'p.b', name: 'pe-b', subnet: '${var.subnet}', privateDnsZones: [ZONE, 'zone-b'], certain: true },
      ],
      entraAdministrators: [{ address: 'e.a', principalName: 'dba', principalType: 'Group', objectId: 'o', certain: true }],
      passwordAuthentication: 'on (provider default)',
      databases: ['orders'],
      databaseRoles: [
        { name: 'app', login: true, memberOf: ['readers', 'outside'], signIn: 'password' },
        { name: 'readers', login: false, memberOf: ['outside'], signIn: 'none (group role)' },
      ],
    }),
    server('legacy', 'single', {
      publicNetworkAccess: 'enabled',
      firewallAddressTotal: 1,
      azureServicesRule: 'present (AllowAzure)',
      vnetIntegration: { subnet: SUBNET, privateDnsZone: ZONE, networkSecurityGroup: 'nsg-db' },
      administratorLogin: 'pgadmin',
    }),
    server('elsewhere', 'flexible', { publicNetworkAccess: 'enabled', passwordAuthentication: 'off (provider default)' }, false),
  ]);
  expect(diagram.split('\n')).toEqual(EXPECTED);
});

test('a stack without servers', () => {
  expect(accessDiagram([])).toBe('flowchart LR\n  n1["No PostgreSQL server in this stack"]');
});

const EXPECTED = [
  'flowchart LR',
  '  subgraph clients ["Who and from where"]',
  '    n3["Internet: office<br/>203.0.113.1 - 203.0.113.9<br/>9 address(es)"]',
  '    n4["Internet: vpn<br/>198.51.100.1 - #36;#123;var.end#125;<br/>known at apply time<br/>may not exist"]',
  '    n5["Any Azure service, any tenant<br/>0.0.0.0 rule (may be present)"]',
  '    n6["Subnet vnet-app/snet-db<br/>VNet rule apps"]',
  '    n8["Delegated subnet vnet-app/snet-db"]',
  '    n10["Subnet vnet-app/snet-db"]',
  '    n12["Subnet #36;#123;var.subnet#125;"]',
  '    n13["Entra administrator dba<br/>Group"]',
  '    n14["Local administrator administrator login (not set)"]',
  '    n21["Any Azure service, any tenant<br/>0.0.0.0 rule"]',
  '    n23["Delegated subnet vnet-app/snet-db"]',
  '    n24["Local administrator pgadmin"]',
  '  end',
  '  subgraph entries ["Entry points"]',
  '    n2["S1 public endpoint<br/>public network access: enabled<br/>firewall: total known at apply time"]',
  '    n7["S1 VNet integration<br/>DNS zone privatelink.postgres.database.azure.com<br/>NSG defined outside this stack"]',
  '    n9["Private endpoint pe-a<br/>DNS zone none"]',
  '    n11["Private endpoint pe-b<br/>DNS zone privatelink.postgres.database.azure.com, zone-b"]',
  '    n20["S2 public endpoint<br/>public network access: enabled<br/>firewall: 1 address(es) in all"]',
  '    n22["S2 VNet integration<br/>DNS zone privatelink.postgres.database.azure.com<br/>NSG nsg-db"]',
  '  end',
  '  subgraph servers ["Servers"]',
  '    n1[("S1 open<br/>Flexible Server 16<br/>mode")]',
  '    n19[("S2 legacy<br/>Single Server 16<br/>mode")]',
  '    n25[("S3 elsewhere<br/>Flexible Server 16<br/>mode")]',
  '  end',
  '  subgraph inside ["Databases and roles"]',
  '    n15["database orders"]',
  '    n16["role app<br/>login<br/>password"]',
  '    n17["role readers<br/>no login<br/>none (group role)"]',
  '    n18["role outside<br/>not declared in this stack"]',
  '  end',
  '  n2 --> n1',
  '  n3 --> n2',
  '  n4 --> n2',
  '  n5 --> n2',
  '  n6 -->|"service endpoint"| n2',
  '  n8 --> n7',
  '  n7 --> n1',
  '  n10 --> n9',
  '  n9 --> n1',
  '  n12 --> n11',
  '  n11 --> n1',
  '  n13 -->|"Entra ID on"| n1',
  '  n14 -->|"password on (provider default)"| n1',
  '  n1 --> n15',
  '  n1 -->|"signs in as"| n16',
  '  n16 -.->|"member of"| n17',
  '  n16 -.->|"member of"| n18',
  '  n17 -.->|"member of"| n18',
  '  n20 --> n19',
  '  n21 --> n20',
  '  n23 --> n22',
  '  n22 --> n19',
  '  n24 -->|"password off"| n19',
];
