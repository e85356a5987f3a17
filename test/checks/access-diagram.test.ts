import { readFileSync } from 'fs';
import { join } from 'path';
import { accessDiagram, mermaidText } from '../../lib/checks/access-diagram';
import { evaluateStack } from '../../lib/checks/evaluate';
import { buildReport } from '../../lib/checks/report';
import { ALL_RULES, CATALOG } from '../../lib/checks/rules';
import { serverFacts } from '../../lib/checks/server-facts';
import { buildStackModel } from '../../lib/checks/stack-model';
import { EXAMPLE_NAMES, exampleStack } from '../support/example-stacks';
import { labelsOf, MermaidResult, parseMermaid } from '../support/mermaid';
import { databaseStack, groupRole, passwordRole } from './database-fixtures';
import { FLEXIBLE, flexibleServerWithoutVnet } from './rule-harness';

// Names and expressions a stack may hold that would break a diagram written carelessly: quotes,
// brackets, Mermaid's arrows and keywords, comments, HTML, Markdown, a line break, a backtick.
const HOSTILE = ['a"b', 'x] --> y[z', 'end', '%% comment', '<script>alert(1)</script>', '`code` | pipe', 'line\nbreak', '#quot; #35;', 'A;B{c}', '${var.x["k"]}'];

function hostileStack() {
  const server = flexibleServerWithoutVnet({ public_network_access_enabled: true, name: HOSTILE[0] });
  const firewall = Object.fromEntries(HOSTILE.map((name, i) => [`r${i}`, { name, server_id: `\${${FLEXIBLE}.db.id}`, start_ip_address: '203.0.113.1', end_ip_address: '203.0.113.9' }]));
  return {
    resource: {
      [FLEXIBLE]: { db: server },
      azurerm_postgresql_flexible_server_firewall_rule: firewall,
      azurerm_postgresql_flexible_server_active_directory_administrator: { a: { server_name: `\${${FLEXIBLE}.db.name}`, principal_name: HOSTILE[4], principal_type: 'Group', object_id: 'x' } },
      azurerm_postgresql_flexible_server_database: { d: { name: HOSTILE[5], server_id: `\${${FLEXIBLE}.db.id}` } },
    },
  };
}

const exampleDiagrams = EXAMPLE_NAMES.map((name) => {
  try {
    const { terraform } = exampleStack(name);
    return { name, diagram: buildReport(name, evaluateStack(terraform, ALL_RULES), CATALOG).accessDiagram };
  } catch (error) {
    return { name, diagram: '', error: (error as Error).message };
  }
});
const hostile = accessDiagram(buildStackModel(hostileStack()).servers.map(serverFacts));
const roles = accessDiagram(buildStackModel(databaseStack({
  postgresql_role: {
    ro: groupRole('orders_readonly'),
    app: groupRole('orders_app', { login: true, roles: ['${postgresql_role.ro.name}', 'reporting'] }),
    vendor: passwordRole('vendor', { roles: ['orders_readonly'] }),
  },
  postgresql_security_label: { app: { label_provider: 'pgaadauth', object_type: 'role', object_name: '${postgresql_role.app.name}', label: 'aadauth,oid=${var.oid},type=service' } },
})).servers.map(serverFacts));
const empty = accessDiagram([]);
const broken = 'flowchart LR\n  n1["a"b"] --> n2';

let results: MermaidResult[];
beforeAll(() => {
  results = parseMermaid([...exampleDiagrams.map((e) => e.diagram), hostile, empty, broken, roles]);
}, 60_000);

describe("Mermaid's own parser accepts every generated diagram", () => {
  test.each(exampleDiagrams.map((example, index) => [example.name, index] as const))('example %s', (_, index) => {
    expect(exampleDiagrams[index].error).toBeUndefined();
    expect(results[index]).toMatchObject({ ok: true, type: 'flowchart-v2' });
    const labels = labelsOf(results[index]);
    expect(labels).toEqual(expect.arrayContaining(['Who and from where', 'Entry points', 'Servers']));
    expect(labels.some((label) => label.startsWith('S1 '))).toBe(true);
  });

  test('names and expressions from the stack are labels, shown as written, and never syntax', () => {
    const result = results[exampleDiagrams.length];
    expect(result).toMatchObject({ ok: true });
    const labels = labelsOf(result);
    expect(HOSTILE.filter((name) => !labels.some((label) => label.includes(name)))).toEqual([]);
    // Every node Mermaid found is one the generator declared: no name made a node of its own.
    expect(result.ok && result.vertices.length).toBe(hostile.match(/^\s+n\d+[[(]/gm)?.length);
  });

  test('a stack without servers still gives a diagram', () => {
    expect(results[exampleDiagrams.length + 1]).toMatchObject({ ok: true });
  });

  test('roles inside the server, how each signs in, and their memberships', () => {
    const result = results[exampleDiagrams.length + 3];
    expect(labelsOf(result)).toEqual(expect.arrayContaining([
      'Databases and roles',
      'role orders_app\nlogin\nEntra ID (service)',
      'role vendor\nlogin\npassword',
      'role orders_readonly\nno login\nnone (group role)',
      'role reporting\nnot declared in this stack',
      'signs in as',
      'member of',
    ]));
    expect(roles.match(/-\.->\|"member of"\|/g)).toHaveLength(3);
  });

  test('the parser rejects a label that is not escaped, so the tests above can fail', () => {
    expect(results[exampleDiagrams.length + 2]).toMatchObject({ ok: false });
  });
});

test('mermaidText keeps letters, digits and plain punctuation, and writes everything else as an entity code', () => {
  expect(mermaidText('orders-db 10.0.1.0/28 (x), y:z_w')).toBe('orders-db 10.0.1.0/28 (x), y:z_w');
  expect(mermaidText('a"b')).toBe('a#34;b');
  expect(mermaidText('${var.x}')).toBe('#36;#123;var.x#125;');
  expect(mermaidText('é😀\n')).toBe('#233;#128512;#10;');
  // A lone surrogate is one character too, and "#" and ";" themselves are written as codes.
  expect(mermaidText('a\ud800b\udc00#;')).toBe('a#55296;b#56320;#35;#59;');
  expect(mermaidText('')).toBe('');
});

test('the image in docs/ shows the diagram the report gives today (node scripts/render-access-diagram.js renders it again)', () => {
  const source = readFileSync(join(__dirname, '..', '..', 'docs', 'images', 'access-diagram.mmd'), 'utf8');
  expect(source).toBe(`${exampleDiagrams.find((e) => e.name === 'flexible-public-firewall')!.diagram}\n`);
});
