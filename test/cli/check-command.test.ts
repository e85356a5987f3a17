import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CHECK_HELP, CHECK_USAGE, EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { run } from '../../lib/cli/main';
import { cdktfOut, check, fileWith, INSECURE, SECURE } from './cli-harness';

test('exits 0 when no error finding is left', () => {
  const result = check('check', cdktfOut({ secure: SECURE }));
  expect(result.out[0]).toMatch(/^secure: 1 server\(s\), 0 error\(s\)/);
  expect(result.code).toBe(EXIT_OK);
});

test('exits 1 and prints one line per finding on an insecure stack', () => {
  const result = check('check', cdktfOut({ insecure: INSECURE }));
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.out).toContainEqual(expect.stringMatching(/^ {2}ERROR {6}PGF-NET-1 {2}azurerm_postgresql_flexible_server\.db: public_network_access_enabled is true, not false\. Fix: /));
});

test('a single cdk.tf.json can be checked', () => {
  const root = cdktfOut({ insecure: INSECURE });
  expect(check('check', join(root, 'stacks', 'insecure', 'cdk.tf.json')).code).toBe(EXIT_FINDINGS);
});

test('writes nothing unless asked', () => {
  const root = cdktfOut({ insecure: INSECURE });
  check('check', root);
  expect(readdirSync(join(root, 'stacks', 'insecure'))).toEqual(['cdk.tf.json']);
});

test('--report writes both reports per stack', () => {
  const root = cdktfOut({ insecure: INSECURE });
  const reports = join(root, 'reports');
  check('check', root, '--report', reports);
  expect(existsSync(join(reports, 'insecure', 'postgres-security-report.md'))).toBe(true);
  expect(existsSync(join(reports, 'insecure', 'postgres-security-report.json'))).toBe(true);
});

// 64th adversarial run, A64a-4: a stack file given by a path through `..` or `.` was named `..` or `.`, and `..`'s report landed
// beside the report directory, not in it.
test.each([['..', 'sub/..'], ['.', '.']])('--report names a stack given as <folder>/%s/cdk.tf.json by the folder the path resolves to', (_, step) => {
  const root = mkdtempSync(join(tmpdir(), 'pg-check-'));
  const folder = join(root, 'orders');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  writeFileSync(join(folder, 'cdk.tf.json'), JSON.stringify(INSECURE));
  const reports = join(root, 'reports');
  expect(check('check', `${folder}/${step}/cdk.tf.json`, '--report', reports).code).toBe(EXIT_FINDINGS);
  expect(readdirSync(reports)).toEqual(['orders']);
  expect(readdirSync(root).sort()).toEqual(['orders', 'reports']);
});

describe('bad input exits 2 with a one-line message', () => {
  test('a missing path', () => {
    expect(check('check', '/no/such/place')).toEqual({ code: EXIT_BAD_INPUT, out: [], err: ['cdktf-azure-postgres: /no/such/place: no such file or directory'] });
  });

  test('invalid JSON', () => {
    const root = mkdtempSync(join(tmpdir(), 'pg-check-'));
    writeFileSync(join(root, 'cdk.tf.json'), '{ not json');
    const result = check('check', join(root, 'cdk.tf.json'));
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/cdk\.tf\.json: invalid JSON \(/);
  });

  test('a folder without stacks', () => {
    const root = mkdtempSync(join(tmpdir(), 'pg-check-'));
    expect(check('check', root)).toMatchObject({ code: EXIT_BAD_INPUT, err: [`cdktf-azure-postgres: ${root}: no stacks found (no cdk.tf.json in it or in any folder below it, node_modules, .git and .terraform not searched)`] });
  });

  test('no command', () => {
    expect(check()).toMatchObject({ code: EXIT_BAD_INPUT, err: ['cdktf-azure-postgres: usage: cdktf-azure-postgres check <cdktf.out directory | cdk.tf.json> [--report <directory>]'] });
  });
});

describe('a pipeline gate never passes what it cannot judge', () => {
  test.each([
    ['an empty object', '{}'],
    ['a package.json', JSON.stringify({ name: 'app', version: '1.0.0', dependencies: {} })],
    ['a comment only', JSON.stringify({ '//': { metadata: {} } })],
  ])('%s is not a stack: exit 2', (_, text) => {
    const path = fileWith('cdk.tf.json', text);
    expect(check('check', path)).toEqual({
      code: EXIT_BAD_INPUT,
      out: [],
      err: [`cdktf-azure-postgres: ${path}: not a Terraform stack (it has none of terraform, provider, resource, data, variable, output, locals, module, import, moved, removed, check); give a cdk.tf.json that cdktf synth wrote`],
    });
  });

  test('null where a block should be: exit 2 with one line, no stack trace', () => {
    const path = fileWith('cdk.tf.json', JSON.stringify({ resource: { azurerm_postgresql_flexible_server: { db: null } } }));
    expect(check('check', path)).toEqual({
      code: EXIT_BAD_INPUT,
      out: [],
      err: [`cdktf-azure-postgres: ${path}: not valid Terraform JSON: resource.azurerm_postgresql_flexible_server.db is null, where Terraform needs an object`],
    });
  });

  test.each([
    // A null block is none, a null item an empty block (HCL JSON): judged. A text where a block belongs is refused (stack-shape.ts: exit 2).
    ['null children', { resource: { azurerm_postgresql_flexible_server: { db: { name: 'db', authentication: null, lifecycle: [null], dynamic: null } }, azurerm_monitor_diagnostic_setting: { d: { target_resource_id: `\${azurerm_postgresql_flexible_server.db.id}`, enabled_log: [null] } } } }],
    // A list or an object where text belongs is a problem of the shape (written-text-attributes.ts): exit 2.
    ['wrong types in what the rules read', { resource: { azurerm_postgresql_flexible_server: { db: { name: 'db', version: 16.5, sku_name: true, lifecycle: { ignore_changes: 5 } } }, azurerm_postgresql_flexible_server_configuration: { p: { name: 5, value: false, server_id: `\${azurerm_postgresql_flexible_server.db.id}` } } } }],
  ])('%s are judged, never a crash', (_, terraform) => {
    const result = check('check', fileWith('cdk.tf.json', JSON.stringify(terraform)));
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.err).toEqual([]);
  });

  test('text where a block belongs (a server block, an item of a diagnostic setting\'s enabled_log), which Terraform refuses: exit 2 with one line', () => {
    const path = fileWith('cdk.tf.json', JSON.stringify({ resource: {
      azurerm_postgresql_flexible_server: { db: { name: 'db', high_availability: 'x' } },
      azurerm_monitor_diagnostic_setting: { d: { target_resource_id: `\${azurerm_postgresql_flexible_server.db.id}`, enabled_log: [null, 'x'] } },
    } }));
    expect(check('check', path)).toEqual({
      code: EXIT_BAD_INPUT,
      out: [],
      err: [`cdktf-azure-postgres: ${path}: not valid Terraform JSON: resource.azurerm_postgresql_flexible_server.db.high_availability is text, where Terraform needs a block (an object, or a list of objects): write the block as an object, or a list of objects (a dynamic block for a list known later) (and 1 more)`],
    });
  });

  test('wrong types in what places a resource on its server (a name, a pointer, a connection block): exit 2, never a silent pass', () => {
    const path = fileWith('cdk.tf.json', JSON.stringify({ resource: {
      azurerm_postgresql_flexible_server: { db: { name: 7 } },
      azurerm_postgresql_flexible_server_configuration: { p: { name: 'require_secure_transport', value: 'off', server_id: 3 } },
      azurerm_private_endpoint: { e: { private_service_connection: 'x' } },
    } }));
    expect(check('check', path)).toEqual({
      code: EXIT_BAD_INPUT,
      out: [],
      err: [`cdktf-azure-postgres: ${path}: not valid Terraform JSON: resource.azurerm_postgresql_flexible_server.db.name is number, where Terraform needs text (and 2 more)`],
    });
  });

  test('a UTF-8 byte order mark is not invalid JSON', () => {
    expect(check('check', fileWith('cdk.tf.json', `\ufeff${JSON.stringify(SECURE)}`)).code).toBe(EXIT_OK);
  });

  test('a resource hidden by a repeated "resource" key, which JSON.parse drops and Terraform keeps, is judged', () => {
    const firewall = { azurerm_postgresql_flexible_server_firewall_rule: INSECURE.resource.azurerm_postgresql_flexible_server_firewall_rule };
    const text = `{"resource": ${JSON.stringify(firewall)}, "resource": ${JSON.stringify(SECURE.resource)}}`;
    const result = check('check', fileWith('cdk.tf.json', text));
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out).toContainEqual(expect.stringMatching(/ERROR {6}PGF-NET-4 {2}azurerm_postgresql_flexible_server_firewall_rule\.all:/));
  });

  test('a hand-edited suppression without a visible reason is a finding, and suppresses nothing', () => {
    const edited = { ...INSECURE, '//': { 'cdktf-azure-postgres-suppressions': [{ path: 'stack', ruleId: 'PGF-NET-1', reason: '\u200b'.repeat(12) }] } };
    const result = check('check', fileWith('cdk.tf.json', JSON.stringify(edited)));
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out).toContainEqual(expect.stringMatching(/ERROR {6}PG-SUP-1 {3}\(stack\): suppression 1 .* has a reason that is empty or blank, so it suppresses nothing\./));
    expect(result.out).toContainEqual(expect.stringMatching(/ERROR {6}PGF-NET-1/));
  });

  test('a stack directory with an override file beside cdk.tf.json cannot be judged from cdk.tf.json alone', () => {
    const root = cdktfOut({ secure: SECURE });
    const dir = join(root, 'stacks', 'secure');
    writeFileSync(join(dir, 'weaken_override.tf.json'), JSON.stringify({ resource: {} }));
    expect(check('check', root)).toEqual({
      code: EXIT_BAD_INPUT,
      out: [],
      err: [`cdktf-azure-postgres: ${dir}: holds weaken_override.tf.json beside cdk.tf.json, which Terraform or OpenTofu reads too (an override file can change any setting), so cdk.tf.json alone cannot be judged; remove it`],
    });
  });

  // Terraform 1.11 and OpenTofu skip a file whose name starts with "." or ends with "~", or starts and ends with "#"
  // (configs.IsIgnoredFile in internal/configs/parser_config_dir.go): such a file beside cdk.tf.json changes nothing.
  test.each(['.hidden_override.tf.json', '.override.tf', '.weaken.tofu.json', '.tf.json'])(
    '%s beside cdk.tf.json, which Terraform and OpenTofu ignore, is ignored too, and the summary says so',
    (ignored) => {
      const root = cdktfOut({ insecure: INSECURE });
      const dir = join(root, 'stacks', 'insecure');
      writeFileSync(join(dir, ignored), JSON.stringify({ resource: {} }));
      const result = check('check', root);
      expect(result.code).toBe(EXIT_FINDINGS);
      expect(result.err).toEqual([]);
      expect(result.out).toContainEqual(expect.stringMatching(/ERROR {6}PGF-NET-1/));
      expect(result.out).toContainEqual(`  NOTE       (folder)   ${join(dir, ignored)}: not read, as Terraform and OpenTofu ignore a file whose name starts with "." or ends with "~", or starts and ends with "#"`);
    },
  );

  test.each(['#weaken_override.tf.json#', 'weaken_override.tf.json~', 'notes.txt'])('%s beside cdk.tf.json, not a configuration file by its name, is passed over without a note', (other) => {
    const root = cdktfOut({ secure: SECURE });
    writeFileSync(join(root, 'stacks', 'secure', other), JSON.stringify({ resource: {} }));
    const result = check('check', root);
    expect(result).toMatchObject({ code: EXIT_OK, err: [] });
    expect(result.out.filter((line) => line.includes('NOTE'))).toEqual([]);
  });

  test.each(['override.tf.json', 'a_override.tf', 'main.tf', 'x.tofu', 'y.tofu.json', 'b.hidden_override.tf.json', 'z~.tf.json', '#x.tf.json'])(
    '%s beside cdk.tf.json, which Terraform or OpenTofu reads, still makes the folder bad input',
    (read) => {
      const root = cdktfOut({ secure: SECURE });
      const dir = join(root, 'stacks', 'secure');
      writeFileSync(join(dir, '.ignored.tf.json'), '{}');
      writeFileSync(join(dir, read), JSON.stringify({ resource: {} }));
      expect(check('check', root)).toEqual({
        code: EXIT_BAD_INPUT,
        out: [],
        err: [`cdktf-azure-postgres: ${dir}: holds ${read} beside cdk.tf.json, which Terraform or OpenTofu reads too (an override file can change any setting), so cdk.tf.json alone cannot be judged; remove it`],
      });
    },
  );

  test('--report at an existing file exits 2 before judging anything', () => {
    const root = cdktfOut({ insecure: INSECURE });
    const report = join(root, 'report.md');
    writeFileSync(report, 'keep me');
    expect(check('check', root, '--report', report)).toEqual({ code: EXIT_BAD_INPUT, out: [], err: [`cdktf-azure-postgres: --report ${report}: is a file, not a directory`] });
    expect(readFileSync(report, 'utf8')).toBe('keep me');
  });

  test('an unknown option is bad input, not a path', () => {
    expect(check('check', '--repot', 'x')).toMatchObject({ code: EXIT_BAD_INPUT, err: [expect.stringMatching(/unknown option "--repot"/)] });
  });
});

describe('--format and --output', () => {
  test.each([['markdown', /^# PostgreSQL security report: insecure\n/], ['json', /^\{\n {2}"schemaVersion": "2\.4",/], ['sarif', /^\{\n {2}"\$schema": /], ['junit', /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /]])(
    '--format %s alone writes the document to stdout, without the summary lines, and keeps the exit code',
    (format, start) => {
      const result = check('check', cdktfOut({ insecure: INSECURE }), '--format', format);
      expect(result.code).toBe(EXIT_FINDINGS);
      expect(result.out).toHaveLength(1);
      expect(result.out[0]).toMatch(start);
      expect(result.out[0]).not.toMatch(/^insecure: /m);
    },
  );

  test('--output writes the file (making its folders), prints the summary lines and says where it wrote', () => {
    const root = cdktfOut({ insecure: INSECURE, secure: SECURE });
    const file = join(root, 'out', 'nested', 'results.json');
    const result = check('check', root, '--format', 'json', '--output', file);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out[0]).toMatch(/^insecure: 1 server\(s\), \d+ error\(s\)/);
    expect(result.out[result.out.length - 1]).toBe(`json results written to ${file}`);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toMatchObject({ schemaVersion: '2.4', generator: 'cdktf-azure-postgres', generatorVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(written.stacks.map((s: { stack: string }) => s.stack)).toEqual(['insecure', 'secure']);
  });

  test.each([['markdown', /^# PostgreSQL security report: insecure\n/], ['json', /^\{\n {2}"schemaVersion": "2\.4",/], ['sarif', /^\{\n {2}"\$schema": /], ['junit', /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /]])(
    '--format %s --output - writes the document to stdout, the summary lines to stderr, and no file named "-" (69th run, A69b-3)',
    (format, start) => {
      const cwd = process.cwd();
      const here = mkdtempSync(join(tmpdir(), 'pg-dash-'));
      const root = cdktfOut({ insecure: INSECURE });
      process.chdir(here);
      try {
        const result = check('check', root, '--format', format, '--output', '-');
        expect(result.code).toBe(EXIT_FINDINGS);
        expect(result.out).toEqual([check('check', root, '--format', format).out[0]]);
        expect(result.out[0]).toMatch(start);
        expect(result.err[0]).toMatch(/^insecure: 1 server\(s\), \d+ error\(s\)/);
        expect(result.err.slice(1).every((line) => line.startsWith('  '))).toBe(true);
        expect(readdirSync(here)).toEqual([]);
      } finally {
        process.chdir(cwd);
      }
    },
  );

  test('./- is a file named "-", as any other --output', () => {
    const cwd = process.cwd();
    const here = mkdtempSync(join(tmpdir(), 'pg-dash-'));
    const root = cdktfOut({ secure: SECURE });
    process.chdir(here);
    try {
      const result = check('check', root, '--format', 'json', '--output', './-');
      expect(result.out[result.out.length - 1]).toBe('json results written to ./-');
      expect(JSON.parse(readFileSync(join(here, '-'), 'utf8'))).toMatchObject({ schemaVersion: '2.4' });
    } finally {
      process.chdir(cwd);
    }
  });

  test('a clean stack exits 0 whatever the format', () => {
    for (const format of ['markdown', 'json', 'sarif', 'junit']) expect(check('check', cdktfOut({ secure: SECURE }), '--format', format).code).toBe(EXIT_OK);
  });

  test('bad options exit 2 before anything is judged or written', () => {
    const root = cdktfOut({ insecure: INSECURE });
    expect(check('check', root, '--format', 'SARIF')).toEqual({ code: EXIT_BAD_INPUT, out: [], err: ['cdktf-azure-postgres: --format "SARIF": not a format; use markdown, json, sarif, junit'] });
    expect(check('check', root, '--output', join(root, 'x.sarif')).code).toBe(EXIT_BAD_INPUT);
    expect(existsSync(join(root, 'x.sarif'))).toBe(false);
    expect(check('check', root, '--format', 'sarif', '--output', root)).toEqual({ code: EXIT_BAD_INPUT, out: [], err: [`cdktf-azure-postgres: --output ${root}: is a directory, not a file`] });
  });
});

describe('warnings printed at synth travel in the JSON', () => {
  test('the check counts them as warnings and prints them', () => {
    const warning = { path: 'secure/Postgres', id: 'BackupWeakened', message: '[cdktf-azure-postgres:BackupWeakened] Backup is weaker than the default: 7 days. Justification: "dev stack, rebuilt nightly".' };
    const stack = { ...SECURE, '//': { 'cdktf-azure-postgres-warnings': [warning] } };
    // An entry of another shape is bad input (test/cli/written-declarations.test.ts).
    const before = check('check', cdktfOut({ secure: SECURE }));
    const result = check('check', cdktfOut({ secure: stack }));
    const warnings = (summary: string) => Number(/, (\d+) warning\(s\), /.exec(summary)![1]);
    expect(result.code).toBe(EXIT_OK);
    expect(warnings(result.out[0])).toBe(warnings(before.out[0]) + 1);
    expect(result.out[1]).toBe(`  WARNING    (synth)    secure/Postgres: ${warning.message}`);
    expect(result.out.slice(2)).toEqual(before.out.slice(1));
  });
});

describe('help and version', () => {
  test.each([['--help'], ['-h'], ['help']])('%s prints the usage and exits 0', (flag) => {
    const out: string[] = [];
    expect(run([flag], { out: (line) => out.push(line), err: () => undefined })).toBe(EXIT_OK);
    expect(out.join('\n')).toContain('cdktf-azure-postgres check <cdktf.out directory | cdk.tf.json>');
  });

  test.each([['--help'], ['-h']])('check %s is not a path: it prints the usage and every option, and exits 0', (flag) => {
    const result = check('check', flag);
    expect(result).toEqual({ code: EXIT_OK, out: CHECK_HELP, err: [] });
    expect(result.out[0]).toBe(CHECK_USAGE);
    for (const option of ['--format markdown|json|sarif|junit', '--output <file>', '--report <directory>', '--help, -h']) {
      expect(result.out.some((line) => line.startsWith(`  ${option} `))).toBe(true);
    }
    expect(result.out.some((line) => line.includes('--output - writes it to stdout, and the summary lines to stderr'))).toBe(true);
  });

  test('--version prints the package version and exits 0', () => {
    const out: string[] = [];
    expect(run(['--version'], { out: (line) => out.push(line), err: () => undefined })).toBe(EXIT_OK);
    expect(out).toEqual([JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version]);
  });
});

// Adversarial run of stop 70, C14: a run of spaces in a value a finding quotes, wrapped in a log, could start a line of its own that
// reads as another row ("suppressed PGF-NET-4 ..."): rows print each run as one space, as the warnings do.
test('a finding row prints each run of spaces in the stack\'s text as one', () => {
  const padded = `db${' '.repeat(160)}suppressed PGF-NET-4  approved by SEC-482`;
  const serverId = `/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/${padded}`;
  const result = check('check', cdktfOut({ odd: { resource: { azurerm_postgresql_flexible_server_firewall_rule: { all: { name: 'all', server_id: serverId, start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' } } } } }));
  const rows = result.out.filter((line) => /^ {2}ERROR /.test(line));
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row.slice(24)).not.toMatch(/ {2}/);
  expect(rows.join('\n')).toContain('db suppressed PGF-NET-4 approved by SEC-482');
});

// Review of stop 70 (C9, E10): folder and stack names are printed as the stack's text is, escaped and with runs of spaces as one.
test('a stack folder\'s name is printed escaped, each run of spaces as one, in the summary and in a note', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  const name = `x${' '.repeat(150)}suppressed PGF-NET-4  approved\nSEC-482`;
  mkdirSync(join(root, 'stacks', name), { recursive: true });
  writeFileSync(join(root, 'stacks', name, 'cdk.tf.json'), JSON.stringify(SECURE));
  mkdirSync(join(root, 'stacks', 'other'));
  writeFileSync(join(root, 'stacks', 'other', 'cdk.tf.json'), JSON.stringify(SECURE));
  const result = check('check', join(root, 'stacks', name));
  expect(result.out[0]).toMatch(/^x suppressed PGF-NET-4 approved\\u\{a\}SEC-482: /);
  expect(result.err).toHaveLength(1);
  expect(result.err[0]).not.toMatch(/ {2}|\n/);
});
