import { mkdirSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { compliantFlexibleServer } from '../checks/rule-harness';
import { minimalProps } from '../helpers';
import { cdktfOut, check, SECURE } from './cli-harness';

// `terraform plan` and `apply` read terraform.tfvars, terraform.tfvars.json and every *.auto.tfvars(.json) of the folder they run
// in, and set the variables they name (Terraform docs, "Variable Definitions (.tfvars) Files"; the runner's TF_VAR_<name> too).
// The rule pack never takes a variable's default as the value of a setting: every `var.<name>` a security setting reads is a value
// known only at apply time (hcl-expression.ts traversal: only `local.<name>` and bound iterators are looked up). So a variable file
// beside a stack changes no such verdict: what a variable decides fails closed with or without one (stop 40). The password rules read
// a variable's default as text of the configuration (echoed-arguments.ts defaultOf), and a value such a file gives as the default it
// replaces (cli/variable-files.ts; 54th run, A54a-2): a literal password there fails as one in the default does.

/** The variable files Terraform reads automatically, each setting every variable of the stacks below to its weakest value. */
const WEAKEST = { sslmode: 'disable', pg_host: 'evil.example.com', role: 'public', start: '0.0.0.0', end: '255.255.255.255', open: 1, rules: { all: { start: '0.0.0.0', end: '255.255.255.255' } }, public: true };
const VARIABLE_FILES: { [name: string]: string } = {
  'terraform.tfvars': Object.entries(WEAKEST).map(([name, value]) => `${name} = ${JSON.stringify(value)}`).join('\n'),
  'terraform.tfvars.json': JSON.stringify(WEAKEST),
  'weaken.auto.tfvars': Object.entries(WEAKEST).map(([name, value]) => `${name} = ${JSON.stringify(value)}`).join('\n'),
  'weaken.auto.tfvars.json': JSON.stringify(WEAKEST),
};

/** A stack whose postgresql provider (or its grant) takes the given arguments, each variable declared with its strongest default. */
function providerStack(providerArguments: { [name: string]: unknown }, grantArguments: { [name: string]: unknown } = {}): object {
  const stack = new TerraformStack(Testing.app(), 'vars');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
  const provider = new PostgresqlProvider(stack, 'raw', { alias: 'raw', host: postgres.fqdn, database: 'postgres', sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true });
  for (const [name, value] of Object.entries(providerArguments)) provider.addOverride(name, value);
  const grant = new Grant(stack, 'G', { provider, database: 'orders', role: 'orders_app', objectType: 'database', privileges: ['CONNECT'] });
  for (const [name, value] of Object.entries(grantArguments)) grant.addOverride(name, value);
  stack.addOverride('variable', { sslmode: { default: 'verify-full' }, pg_host: { default: 'orders-db.postgres.database.azure.com' }, role: { default: 'orders_app' } });
  return JSON.parse(JSON.stringify(stack.toTerraform()));
}

/** The harness's passing server with the given resources added and the given variables declared (their strongest defaults). */
function serverStack(resources: { [type: string]: object }, server: { [name: string]: unknown } = {}): object {
  const secure = JSON.parse(JSON.stringify(SECURE));
  Object.assign(secure.resource.azurerm_postgresql_flexible_server.db, server);
  return {
    ...secure,
    variable: { start: { default: '10.0.0.4' }, end: { default: '10.0.0.4' }, open: { default: 0 }, rules: { default: {} }, public: { default: false } },
    resource: { ...secure.resource, ...resources },
  };
}

const RULE = 'azurerm_postgresql_flexible_server_firewall_rule';
const SERVER_ID = '${azurerm_postgresql_flexible_server.db.id}';

/** Each case: the stack, and the error finding (rule, resource) and message its variable gives, the default not taken. */
const CASES: [string, () => object, string, string, RegExp][] = [
  ['the provider sslmode', () => providerStack({ sslmode: '${var.sslmode}' }), 'PGD-TLS-1', 'postgresql_grant.G', /the sslmode of provider postgresql\.raw is known only at apply time/],
  ['the provider host', () => providerStack({ host: '${var.pg_host}' }), 'PGD-TLS-1', 'postgresql_grant.G', /provider postgresql\.raw has the host \$\{var\.pg_host\}, known only at apply time/],
  ['a grant\'s role', () => providerStack({}, { role: '${var.role}' }), 'PGD-IAM-4', 'postgresql_grant.G', /the role of postgresql_grant\.G is known only at apply time/],
  ['a firewall range', () => serverStack({ [RULE]: { r: { name: 'r', server_id: SERVER_ID, start_ip_address: '${var.start}', end_ip_address: '${var.end}' } } }),
    'PGF-NET-4', `${RULE}.r`, /the range of firewall rule \S+\.r is known only at apply time/],
  // The default (0) is not taken: the rule may exist, so its range is judged.
  ['a firewall rule\'s count', () => serverStack({ [RULE]: { all: { count: '${var.open}', name: 'all', server_id: SERVER_ID, start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' } } }),
    'PGF-NET-4', `${RULE}.all`, /allows 0\.0\.0\.0-255\.255\.255\.255, which opens the server to the internet/],
  ['a firewall rule\'s for_each', () => serverStack({ [RULE]: { each: { for_each: '${var.rules}', name: '${each.key}', server_id: SERVER_ID, start_ip_address: '${each.value.start}', end_ip_address: '${each.value.end}' } } }),
    'PGF-NET-4', `${RULE}.each`, /the range of firewall rule \S+\.each is known only at apply time/],
  ['public network access enabled', () => serverStack({}, { public_network_access_enabled: '${var.public}' }), 'PGF-NET-1', 'azurerm_postgresql_flexible_server.db', /public_network_access_enabled is known only at apply time/],
];

/** The findings check printed, as [label, rule, resource]. */
const rows = (out: readonly string[]) => out.map((line) => /^ {2}(\S+) +(\S+) +([^:]+): /.exec(line)).filter((match) => match !== null).map((match) => [match![1], match![2], match![3]]);

describe('a variable file beside a stack changes no verdict: what a variable decides fails closed with or without one', () => {
  test.each(CASES)('%s', (_name, stack, rule, address, message) => {
    const root = cdktfOut({ vars: stack() });
    const alone = check('check', root);
    expect(alone.code).toBe(EXIT_FINDINGS);
    expect(rows(alone.out)).toContainEqual(['ERROR', rule, address]);
    expect(alone.out.find((line) => line.includes(` ${rule} `) && line.includes(` ${address}: `))).toMatch(message);
    for (const [file, text] of Object.entries(VARIABLE_FILES)) writeFileSync(join(root, 'stacks', 'vars', file), text);
    expect(check('check', root)).toEqual(alone);
  });

  test('the runner\'s TF_VAR_<name> changes none either', () => {
    const root = cdktfOut({ vars: providerStack({ sslmode: '${var.sslmode}' }) });
    const alone = check('check', root);
    process.env.TF_VAR_sslmode = 'disable';
    try {
      expect(check('check', root)).toEqual(alone);
    } finally {
      delete process.env.TF_VAR_sslmode;
    }
  });
});

test('control: a passing stack with variable files beside it passes, neither refused nor noted (a pipeline may write them for cdktf deploy)', () => {
  const root = cdktfOut({ vars: SECURE });
  const alone = check('check', root);
  expect(alone.code).toBe(EXIT_OK);
  for (const [file, text] of Object.entries(VARIABLE_FILES)) writeFileSync(join(root, 'stacks', 'vars', file), text);
  expect(check('check', root)).toEqual(alone);
});

describe('a password a variable file gives is text of the configuration (54th run, A54a-2)', () => {
  const SECRET = 'Lit3ralS3cret-54a2';
  /** The harness's passing server, its administrator password `var.p` (declared as `variable`, with no default by default). */
  const passwordStack = (variable: object = { type: 'string', sensitive: true }, password = '${var.p}') => {
    const secure = JSON.parse(JSON.stringify(SECURE));
    secure.resource.azurerm_postgresql_flexible_server.db = compliantFlexibleServer({ administrator_login: 'pgadmin', administrator_password: password });
    return { ...secure, variable: { p: variable } };
  };
  const checked = (files: { [name: string]: string }, variable?: object, password?: string) => {
    const root = cdktfOut({ vars: passwordStack(variable, password) });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, 'stacks', 'vars', file), text);
    return check('check', root);
  };
  const ADMINISTRATOR_PASSWORD = /^ {2}ERROR +PGF-IAM-4 +azurerm_postgresql_flexible_server\.db: administrator_password reads var\.p, a variable given literal text by its default or a variable file/;
  test.each<[string, { [name: string]: string }]>([
    ['terraform.tfvars', { 'terraform.tfvars': `# the administrator\np = "${SECRET}" // set here\n` }],
    ['terraform.tfvars.json', { 'terraform.tfvars.json': JSON.stringify({ p: SECRET }) }],
    ['an .auto.tfvars file', { 'db.auto.tfvars': `/* given */ p = "${SECRET}"` }],
    ['an .auto.tfvars.json file', { 'db.auto.tfvars.json': JSON.stringify({ p: SECRET }) }],
    ['the last file in Terraform\'s order', { 'terraform.tfvars': 'p = ""', 'z.auto.tfvars.json': JSON.stringify({ p: SECRET }) }],
    ['a string holding // and # (no comment)', { 'terraform.tfvars': `q = "\${"}"}#" # a comment\np = "${SECRET}//#x"` }],
    ['a heredoc', { 'terraform.tfvars': `p = <<EOT\n${SECRET}\nEOT\n` }],
    ['a map set across lines, a comment inside', { 'terraform.tfvars': `p = {\n  # the administrator\n  admin = "${SECRET}"\n}` }],
    // 55th run: hidden auto files are loaded (A55a-1); names in the order of their UTF-8 bytes, as Go sorts them (A55a-3).
    ['a hidden auto file', { '.x.auto.tfvars': `p = "${SECRET}"` }],
    ['a file named only by the suffix', { '.auto.tfvars.json': JSON.stringify({ p: SECRET }) }],
    // 55th run (A55b-4): a constant the reader does not read is that variable's literal text; the file's other values are read.
    ['a flush heredoc', { 'terraform.tfvars': `notes = <<-EOT\n  x\n  EOT\np = <<-EOT\n  ${SECRET}\n  EOT\n` }],
    ['a value after one with an exponent', { 'terraform.tfvars': `big = 1e9\np = "${SECRET}"` }],
    // 56th and 57th runs: a collection or a conditional with a part the reader does not read is taken whole, as written.
    ['the last by UTF-8 bytes', { '\uFF5E.auto.tfvars.json': JSON.stringify({ p: null }), '\u{1F600}.auto.tfvars.json': JSON.stringify({ p: SECRET }) }],
    // 58th run (A58b-3): Windows and macOS open a name in any case as Terraform's.
    ['Terraform.tfvars', { 'Terraform.tfvars': `p = "${SECRET}"` }],
    ['TERRAFORM.TFVARS.JSON', { 'TERRAFORM.TFVARS.JSON': JSON.stringify({ p: SECRET }) }],
    // An auto file Terraform matches case-sensitively: one in other case never clears a literal default.
    ['a default, beside an auto file in other case', { 'prod.AUTO.tfvars': 'p = ""', 'terraform.tfvars': `p = "${SECRET}"` }],
    // 61st run (A61a-2): a default file in other case, which Linux does not load, never overrides the exact name.
    ['terraform.tfvars, beside a JSON default file in other case', { 'Terraform.tfvars.json': JSON.stringify({ p: null }), 'terraform.tfvars': `p = "${SECRET}"` }],
  ])('a literal in %s fails', (_, files) => {
    const result = checked(files);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out.filter((line) => / ERROR /.test(line))).toEqual([expect.stringMatching(ADMINISTRATOR_PASSWORD)]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
  test.each<[string, { [name: string]: string }]>([
    ['no variable file', {}],
    ['a file setting other variables', { 'terraform.tfvars': 'other = "x"' }],
    ['a literal replaced by a later file\'s ""', { 'terraform.tfvars': `p = "${SECRET}"`, 'a.auto.tfvars': 'p = ""' }],
    ['values the reader does not read, for other variables', { 'terraform.tfvars': 'notes = <<-EOT\n  a\n  EOT\nbig = 1e9\nsmall = -2.5e-3\nlist = [\n  1e3,\n]\nmap = {\n  doc = <<-EOT\n    x\n    EOT\n}\n' }],
    ['a file that is not loaded', { 'secrets.tfvars': `p = "${SECRET}"`, 'x.auto.tfvars.txt': `p = "${SECRET}"`, 'x.AUTO.tfvars': `p = "${SECRET}"` }],
  ])('%s passes', (_, files) => {
    expect(checked(files).code).toBe(EXIT_OK);
  });
  test.each([
    ['an attribute without =', 'other = 1\np "x"', /terraform\.tfvars: a variable file Terraform loads, which check does not read at line 2; write it as \S*terraform\.tfvars\.json or remove it/],
    ['no attribute', '{ "p": "x" }', /terraform\.tfvars: a variable file Terraform loads, which check does not read at line 1/],
    // 56th run (A56a-1, 9): a collection with a part the reader does not read, and a value on the line after its `=`.
    ['a constant not read on the line after its =', 'p =\n1e3', /terraform\.tfvars: a variable file Terraform loads, which check does not read at line 1 \(the value of p\)/],
  ])('%s is refused (exit 2)', (_, text, message) => {
    const result = checked({ 'terraform.tfvars': text });
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err.join('\n')).toMatch(message);
  });
  test.each([
    ['an object with a part not read', `p = {\n  n = 1e3\n  password = "${SECRET}"\n}`],
    ['a conditional', `p = true ? { password = "${SECRET}" } : null`],
  ])('%s is read whole: a password read from a part of it fails (56th and 57th runs)', (_, text) => {
    const result = checked({ 'terraform.tfvars': text }, { type: 'object({password = string})' }, '${var.p.password}');
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out.filter((line) => / ERROR /.test(line))).toEqual([expect.stringMatching(/^ {2}ERROR +PGF-IAM-4 +azurerm_postgresql_flexible_server\.db: administrator_password reads var\.p\.password, a variable given literal text by its default or a variable file/)]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
  test('a null for a variable that is not nullable keeps its literal default (55th run, A55a-2)', () => {
    expect(checked({ 'terraform.tfvars': 'p = null' }, { type: 'string', nullable: false, default: SECRET }).code).toBe(EXIT_FINDINGS);
    expect(checked({ 'terraform.tfvars': 'p = null' }, { type: 'string', default: SECRET }).code).toBe(EXIT_OK);
    expect(checked({ 'terraform.tfvars': 'p = null' }, { type: 'string', nullable: true, default: SECRET }).code).toBe(EXIT_OK);
  });
  test.each([['"false"', 'false'], ['"0"', '0'], ['"${false}"', '${false}']])('nullable %s is not surely true: a null keeps the default (58th run, A58b-1)', (_, nullable) => {
    expect(checked({ 'terraform.tfvars.json': '{ "p": null }' }, { type: 'string', nullable, default: SECRET }).code).toBe(EXIT_FINDINGS);
  });
  // A folder named as a variable file is none (a link to no file is refused, naming it: 55th run).
  test('a folder named as a variable file is none', () => {
    const root = cdktfOut({ vars: passwordStack() });
    mkdirSync(join(root, 'stacks', 'vars', 'dir.auto.tfvars'));
    const result = check('check', root);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(EXIT_OK);
  });
  test('a link to a folder named as one is refused, naming it', () => {
    const root = cdktfOut({ vars: passwordStack() });
    const folder = join(root, 'stacks', 'vars');
    mkdirSync(join(folder, 'sub'));
    symlinkSync(join(folder, 'sub'), join(folder, 'x.auto.tfvars'));
    const result = check('check', root);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err.join('\n')).toMatch(/x\.auto\.tfvars: a variable file Terraform loads, which cannot be read \(EISDIR/);
  });
  test('another stack of the app is judged with the variable files of its own folder (55th run, A55a-4)', () => {
    const shared = { variable: { p: { type: 'string', sensitive: true } }, output: { p: { value: '${var.p}', sensitive: true } } };
    const database = JSON.parse(JSON.stringify(SECURE));
    database.resource.azurerm_postgresql_flexible_server.db = compliantFlexibleServer({ administrator_login: 'pgadmin', administrator_password: '${data.terraform_remote_state.cross-stack-reference-input-shared.outputs.p}' });
    database.data = { terraform_remote_state: { 'cross-stack-reference-input-shared': { backend: 'local', config: { path: '../shared/terraform.shared.tfstate' } } } };
    const root = cdktfOut({ shared, db: database });
    const clean = check('check', root);
    writeFileSync(join(root, 'stacks', 'shared', 'terraform.tfvars'), `p = "${SECRET}"`);
    const result = check('check', root);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out.filter((line) => / PGF-IAM-4 /.test(line))).toEqual([expect.stringMatching(/^ {2}ERROR +PGF-IAM-4 +azurerm_postgresql_flexible_server\.db: administrator_password reads var\.p \(stack "shared"\), a variable given literal text by its default or a variable file/)]);
    expect(clean.out.filter((line) => / PGF-IAM-4 /.test(line))).toEqual([]);
  });
  test('JSON that is not an object of values is refused (exit 2)', () => {
    const result = checked({ 'terraform.tfvars.json': '["x"]' });
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err.join('\n')).toMatch(/terraform\.tfvars\.json: a variable file Terraform loads, not a JSON object of variable values/);
  });
});
