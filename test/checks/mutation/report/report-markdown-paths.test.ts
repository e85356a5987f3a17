import { ReportFinding, SecurityReport } from '../../../../lib/checks/report';
import { renderMarkdown } from '../../../../lib/checks/report-markdown';
import { RuleSeverity, SecurityLayer } from '../../../../lib/checks/rule';
import { AccessPaths, ServerFacts } from '../../../../lib/checks/server-facts';

// The Markdown report of a stack that has one of everything, written out whole (issue #12, the
// report group of the mutation score): the example stacks' reports check sections and values; this
// pins every line each part of the report is drawn as, both server kinds and every optional part.

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

function server(address: string, kind: 'flexible' | 'single', access: Partial<AccessPaths>, constructPath?: string): ServerFacts {
  return { address, kind, constructPath, definedInStack: true, name: address.split('.')[1], sku: 'GP_Standard_D2ds_v5', version: '16', location: 'westeurope', networkMode: 'public access', access: { ...CLOSED, ...access } };
}

// Schema 2.0: a finding names its rule; the title and fix shown are the rule's, from `rules`.
function finding(ruleId: string, layer: SecurityLayer, server: string, status: ReportFinding['status'], more: Partial<ReportFinding> = {}): ReportFinding {
  return { ruleId, layer, server, status, severity: RuleSeverity.ERROR, ...more };
}

const FLEX = 'azurerm_postgresql_flexible_server.flex';
const SINGLE = 'azurerm_postgresql_server.single';

const REPORT: SecurityReport = {
  schemaVersion: '9',
  stack: 'orders',
  generator: 'gen',
  generatorVersion: '1.2.3',
  synthFailed: true,
  summary: { errors: 2, warnings: 1, suppressed: 1, servers: 2, notJudged: 1 },
  servers: [
    server(FLEX, 'flexible', {
      publicNetworkAccess: 'enabled',
      firewallRanges: [
        { address: 'r.a', name: 'office', start: '203.0.113.1', end: '203.0.113.9', addresses: 9, certain: true },
        { address: 'r.b', name: 'vpn', start: '198.51.100.1', end: '${var.end}', addresses: null, certain: false },
      ],
      firewallAddressTotal: null,
      azureServicesRule: 'present (azure)',
      vnetIntegration: { subnet: 'snet', privateDnsZone: 'zone' },
      privateEndpoints: [
        { address: 'p.a', name: 'pe-a', subnet: 'snet-a', privateDnsZones: [], certain: false },
        { address: 'p.b', name: 'pe-b', subnet: 'snet-b', privateDnsZones: ['zone-1', 'zone-2'], certain: true },
      ],
      entraAdministrators: [
        { address: 'e.a', principalName: 'dba', principalType: 'Group', objectId: 'oid-1', certain: true },
        { address: 'e.b', principalName: 'ops', principalType: 'User', objectId: 'oid-2', certain: false },
      ],
      passwordAuthentication: 'on',
      administratorLogin: 'pgadmin',
      databases: ['orders', 'billing'],
      databaseRoles: [
        { name: 'app', login: true, memberOf: ['readers', 'writers'], signIn: 'password' },
        { name: 'readers', login: false, memberOf: [], signIn: 'none (group role)' },
      ],
    }, 'orders/Postgres'),
    server(SINGLE, 'single', {
      firewallAddressTotal: 1,
      firewallRanges: [{ address: 'r.c', name: 'one', start: '203.0.113.5', end: '203.0.113.5', addresses: 1, certain: true }],
      virtualNetworkRules: [
        { address: 'v.a', name: 'apps', subnet: 'snet-apps', certain: true },
        { address: 'v.b', name: 'jobs', subnet: 'snet-jobs', certain: false },
      ],
    }),
  ],
  accessDiagram: 'flowchart LR',
  inDatabase: [
    { server: FLEX, roles: [{ name: 'app', login: true, memberOf: ['readers'], signIn: 'password' }, { name: 'readers', login: false, memberOf: [], signIn: 'none (group role)' }], databases: [{ name: 'orders', pgaudit: true }, { name: 'billing', pgaudit: false }] },
    { server: SINGLE, roles: [], databases: [] },
  ],
  rules: [
    { id: 'R-NET', title: 'Network rule', severity: 'error', layer: SecurityLayer.NETWORK, fix: 'close it', references: {}, referenceLinks: [{ source: 'CIS', text: 'DB [6.3]', url: 'https://cis' }, { source: 'Trivy', text: 'AVD-1', url: 'https://avd' }] },
    { id: 'R-TLS', title: 'TLS rule', severity: 'warning', layer: SecurityLayer.IN_TRANSIT, fix: 'tls', references: {}, referenceLinks: [] },
    { id: 'R-UNUSED', title: 'No finding', severity: 'error', layer: SecurityLayer.ACCESS, fix: 'x', references: {}, referenceLinks: [] },
  ],
  findings: [
    finding('R-NET', SecurityLayer.NETWORK, FLEX, 'pass'),
    finding('R-NET', SecurityLayer.NETWORK, FLEX, 'fail', { message: 'open to all', address: 'r.b' }),
    finding('R-NET', SecurityLayer.NETWORK, FLEX, 'suppressed', { message: 'waived', reason: 'SEC-1' }),
    finding('R-NET', SecurityLayer.NETWORK, SINGLE, 'suppressed', { message: 'waived here', address: 'r.c', reason: 'SEC-2' }),
    finding('R-NET', SecurityLayer.NETWORK, SINGLE, 'pass'),
    finding('R-TLS', SecurityLayer.IN_TRANSIT, FLEX, 'not-applicable', { note: 'no TLS here' }),
    finding('R-TLS', SecurityLayer.IN_TRANSIT, SINGLE, 'not-applicable'),
    finding('R-TLS', SecurityLayer.IN_TRANSIT, '(stack)', 'not-applicable'),
    finding('R-TLS', SecurityLayer.IN_TRANSIT, SINGLE, 'fail', { severity: RuleSeverity.WARNING }),
  ],
  synthWarnings: [{ path: 'orders/Postgres', id: 'PublicNetworkAccess', message: 'public, because SEC-1' }],
  notJudged: [
    { address: 'azurerm_x.a', type: 'azurerm_x', constructPath: 'orders/X', reason: 'no rule', include: 'add one' },
    { address: 'azurerm_x.b', type: 'azurerm_x', reason: 'none either', include: 'cannot' },
  ],
};

test('every part of the report, line by line', () => {
  expect(renderMarkdown(REPORT).split('\n')).toEqual(EXPECTED);
});

test('a stack without servers, findings or anything else', () => {
  const empty: SecurityReport = { ...REPORT, synthFailed: false, summary: { errors: 0, warnings: 0, suppressed: 0, servers: 0, notJudged: 0 }, servers: [], inDatabase: [], findings: [], synthWarnings: [], notJudged: [] };
  expect(renderMarkdown(empty)).toBe([
    '# PostgreSQL security report: orders',
    '',
    'Written by gen 1.2.3 (report schema 9).',
    '',
    '0 server(s); 0 error(s), 0 warning(s), 0 suppressed finding(s).',
    '',
    'No PostgreSQL server in this stack.',
    '',
  ].join('\n'));
});

const EXPECTED = [
  '# PostgreSQL security report: orders',
  '',
  'Written by gen 1.2.3 (report schema 9).',
  '',
  '**cdktf synth failed** on the error findings below, so cdktf wrote no cdk.tf.json for this stack.',
  '',
  '2 server(s); 2 error(s), 1 warning(s), 1 suppressed finding(s).',
  '',
  '**1 PostgreSQL resource(s) not judged**: see [Not judged](#not-judged).',
  '',
  '| column | server |',
  '| --- | --- |',
  '| S1 | `azurerm_postgresql_flexible_server.flex` (flexible) |',
  '| S2 | `azurerm_postgresql_server.single` (single) |',
  '',
  '## Servers and access paths',
  '',
  '### S1 `azurerm_postgresql_flexible_server.flex`',
  '',
  '| fact | value |',
  '| --- | --- |',
  '| name | `flex` |',
  '| kind | Flexible Server |',
  '| SKU | `GP_Standard_D2ds_v5` |',
  '| version | `16` |',
  '| location | `westeurope` |',
  '| network mode | public access |',
  '| construct | `orders/Postgres` |',
  '',
  '| way in | what the stack declares |',
  '| --- | --- |',
  '| public network access | enabled |',
  '| public firewall ranges | `office` `203.0.113.1` to `203.0.113.9`: 9 address(es); `vpn` `198.51.100.1` to `${var.end}`: address count known at apply time (may not exist); total known at apply time |',
  '| "Allow Azure services" rule (0.0.0.0) | present (azure) |',
  '| VNet integration | delegated subnet `snet`; private DNS zone `zone`; NSG on the subnet: defined with the subnet outside this stack |',
  '| private endpoints | `pe-a` in subnet `snet-a`, DNS zone none (may not exist); `pe-b` in subnet `snet-b`, DNS zone `zone-1`, `zone-2` |',
  '| Entra ID sign-in | on; administrators: `dba` (Group, object ID `oid-1`); `ops` (User, object ID `oid-2`) (may not exist) |',
  '| password sign-in | on; administrator login `pgadmin` |',
  '| databases (azurerm) | `orders`, `billing` |',
  '| database roles | `app` (login, password, member of `readers`, `writers`); `readers` (no login, none (group role)) |',
  '',
  '### S2 `azurerm_postgresql_server.single`',
  '',
  '| fact | value |',
  '| --- | --- |',
  '| name | `single` |',
  '| kind | Single Server |',
  '| SKU | `GP_Standard_D2ds_v5` |',
  '| version | `16` |',
  '| location | `westeurope` |',
  '| network mode | public access |',
  '',
  '| way in | what the stack declares |',
  '| --- | --- |',
  '| public network access | disabled |',
  '| public firewall ranges | `one` `203.0.113.5` to `203.0.113.5`: 1 address(es); 1 distinct address(es) in all |',
  '| "Allow Azure services" rule (0.0.0.0) | absent |',
  '| VNet rules (service endpoints) | `apps` subnet `snet-apps`; `jobs` subnet `snet-jobs` (may not exist) |',
  '| private endpoints | none |',
  '| Entra ID sign-in | on; administrators: none |',
  '| password sign-in | off |',
  '| databases (azurerm) | none |',
  '| database roles | none declared |',
  '',
  '## Access diagram',
  '',
  'Who and from where, through which entry point, to which server, and as which role inside it.',
  '',
  '```mermaid',
  'flowchart LR',
  '```',
  '',
  '## In transit',
  '',
  '| control | severity | S1 | S2 |',
  '| --- | --- | --- | --- |',
  '| R-TLS TLS rule | warning | n/a | **FAIL** |',
  '',
  '## Network',
  '',
  '| control | severity | S1 | S2 |',
  '| --- | --- | --- | --- |',
  '| R-NET Network rule | error | **FAIL** | suppressed |',
  '',
  '## Not applicable',
  '',
  '- S1 R-TLS TLS rule: no TLS here.',
  '- S2 R-TLS TLS rule: the rule does not apply to this server.',
  '',
  '## In the database: `azurerm_postgresql_flexible_server.flex`',
  '',
  'Databases managed: orders (pgaudit created), billing (pgaudit **missing**).',
  '',
  '| role | login | signs in with | member of |',
  '| --- | --- | --- | --- |',
  '| app | yes | password | readers |',
  '| readers | no | none (group role) | — |',
  '',
  '## In the database: `azurerm_postgresql_server.single`',
  '',
  'Databases managed: none.',
  '',
  '| role | login | signs in with | member of |',
  '| --- | --- | --- | --- |',
  '',
  '## Findings',
  '',
  '- error `r.b` R-NET: open to all Fix: close it',
  '- warning `azurerm_postgresql_server.single` R-TLS:  Fix: tls',
  '',
  '## Suppressed',
  '',
  '- `azurerm_postgresql_flexible_server.flex` R-NET: waived Reason: SEC-1',
  '- `r.c` R-NET: waived here Reason: SEC-2',
  '',
  '## Warnings printed at synth',
  '',
  'Weaker choices the constructs were asked for, with their justification.',
  '',
  '- `orders/Postgres`: public, because SEC-1',
  '',
  '## Not judged',
  '',
  '| resource | construct | why | to include it |',
  '| --- | --- | --- | --- |',
  '| `azurerm_x.a` | `orders/X` | no rule | add one |',
  '| `azurerm_x.b` | — | none either | cannot |',
  '',
  '## Control references',
  '',
  '- R-NET Network rule: CIS [DB \\[6.3\\]](https://cis); Trivy [AVD-1](https://avd)',
  '- R-TLS TLS rule: no benchmark or scanner has this control',
  '',
];
