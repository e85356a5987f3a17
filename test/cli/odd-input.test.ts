import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { execFileSync } from 'child_process';
import { EXIT_BAD_INPUT, EXIT_FINDINGS } from '../../lib/cli/check-command';
import { MAX_JSON_DEPTH } from '../../lib/checks/terraform-json';
import { cdktfOut, check, fileWith, INSECURE, SECURE } from './cli-harness';

// Input a pipeline gate may meet by accident or on purpose: the command never hangs, never
// crashes with a stack trace and never exits 1 (the code of findings) on it; it exits 2 with one
// line on stderr. And it judges every stack cdktf wrote, whatever the stack is called.

const badInput = (line: string) => ({ code: EXIT_BAD_INPUT, out: [], err: [`cdktf-azure-postgres: ${line}`] });
const nested = (depth: number) => `{"resource": {}, "locals": {"x": ${'['.repeat(depth)}${']'.repeat(depth)}}}`;

describe('odd input exits 2 with one line', () => {
  test('JSON nested deeper than the reader goes', () => {
    const path = fileWith('cdk.tf.json', nested(3000));
    expect(check('check', path)).toEqual(badInput(`${path}: invalid JSON (nested more than ${MAX_JSON_DEPTH} levels deep at line 1, column 1032)`));
  });

  // Terraform keeps the exact value of a JSON number and decodes bytes as Go does; JavaScript would read otherwise (A12b-7).
  test('a number that is not exactly a double', () => {
    const path = fileWith('cdk.tf.json', '{"locals": {\n  "n": 1.00000000000000000001}}');
    expect(check('check', path)).toEqual(badInput(`${path}: holds a number Terraform reads more exactly than JavaScript (a number of 22 characters at line 2, column 8, not shown); write it as a double prints, as cdktf synth does`));
  });

  // Adversarial run of stop 81, B81-121, B81-186: a password written as a number was printed in the message.
  test('a number that is not exactly a double, in the stack or a variable file: not shown', () => {
    const SECRET = '12345678901234567890123';
    const root = mkdtempSync(join(tmpdir(), 'odd-input-'));
    writeFileSync(join(root, 'cdk.tf.json'), JSON.stringify(SECURE));
    writeFileSync(join(root, 'terraform.tfvars.json'), `{"p": ${SECRET}}`);
    expect(check('check', root)).toEqual(badInput(`${join(root, 'terraform.tfvars.json')}: a variable file Terraform loads, which holds a number Terraform reads more exactly than JavaScript (a number of 23 characters at line 1, column 7, not shown); write it as a double prints, or as a string`));
    writeFileSync(join(root, 'cdk.tf.json'), `{"locals": {"p": ${SECRET}}}`);
    expect(check('check', join(root, 'cdk.tf.json')).err.join('\n')).not.toContain(SECRET);
  });

  test('bytes that are not UTF-8', () => {
    const root = mkdtempSync(join(tmpdir(), 'odd-input-'));
    writeFileSync(join(root, 'cdk.tf.json'), Buffer.from([...Buffer.from('{"locals": {"k": "a'), 0xf0, 0x9f, 0x98, ...Buffer.from('"}}')]));
    expect(check('check', root)).toEqual(badInput(`${join(root, 'cdk.tf.json')}: invalid JSON (not UTF-8 text)`));
  });

  test('JSON nested as deep as the reader goes is judged', () => {
    expect(check('check', fileWith('cdk.tf.json', nested(MAX_JSON_DEPTH - 2))).code).toBe(0);
  });

  test.each(['/dev/null', '/dev/zero'])('%s, which is neither a file nor a directory', (path) => {
    expect(check('check', path)).toEqual(badInput(`${path}: is a character device, not a regular file; give the cdk.tf.json that cdktf synth wrote`));
  });

  test('a cdk.tf.json that links to a device', () => {
    const root = mkdtempSync(join(tmpdir(), 'odd-input-'));
    symlinkSync('/dev/zero', join(root, 'cdk.tf.json'));
    expect(check('check', root)).toEqual(badInput(`${join(root, 'cdk.tf.json')}: is a character device, not a regular file; give the cdk.tf.json that cdktf synth wrote`));
  });

  test('a cdk.tf.json that is a FIFO is refused, not read (a read would wait forever)', () => {
    const root = mkdtempSync(join(tmpdir(), 'odd-input-'));
    execFileSync('mkfifo', [join(root, 'cdk.tf.json')]);
    expect(check('check', root)).toEqual(badInput(`${join(root, 'cdk.tf.json')}: is a FIFO, not a regular file; give the cdk.tf.json that cdktf synth wrote`));
  });

  // Adversarial run of stop 69, C1: the other files check reads beside a stack hung the gate with no message.
  test.each([
    ['manifest.json', 'a FIFO', 'manifest.json'],
    ['manifest.json', 'a link to /dev/zero', 'manifest.json'],
    ['a variable file Terraform loads', 'a FIFO', 'stacks/main/terraform.tfvars'],
    ['a variable file Terraform loads', 'a link to /dev/zero', 'stacks/main/x.auto.tfvars'],
    ['the security report synth wrote', 'a FIFO', 'stacks/main/postgres-security-report.json'],
  ])('%s that is %s is refused, not read', (_, kind, file) => {
    const root = cdktfOut({ main: SECURE });
    if (kind === 'a FIFO') execFileSync('mkfifo', [join(root, file)]);
    else symlinkSync('/dev/zero', join(root, file));
    const result = check('check', root);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err.join('\n')).toContain(`is ${kind === 'a FIFO' ? 'a FIFO' : 'a character device'}, not a regular file`);
  });

  test('--report under /proc, where a recursive mkdir never returns', () => {
    const path = fileWith('cdk.tf.json', JSON.stringify(SECURE));
    expect(check('check', path, '--report', '/proc/cdktf-report/x')).toEqual(badInput("--report /proc/cdktf-report/x: cannot be created (ENOENT: no such file or directory, mkdir '/proc/cdktf-report')"));
  });
});

describe('every stack under cdktf.out/stacks is judged, whatever its name', () => {
  test.each(['node_modules', '.hidden'])('a stack named %s', (name) => {
    const root = cdktfOut({ secure: SECURE, [name]: INSECURE });
    const result = check('check', root);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out).toContainEqual(expect.stringMatching(new RegExp(`^\\${name}: 1 server\\(s\\), \\d+ error\\(s\\)`.replace('\\n', 'n'))));
  });

  test('also when the stacks folder itself is given', () => {
    const root = cdktfOut({ '.hidden': INSECURE });
    expect(check('check', join(root, 'stacks')).code).toBe(EXIT_FINDINGS);
  });

  test('outside a stacks folder, hidden folders and node_modules are still skipped', () => {
    const root = cdktfOut({ secure: SECURE });
    for (const skipped of ['node_modules', '.terraform']) {
      mkdirSync(join(root, skipped, 'x'), { recursive: true });
      writeFileSync(join(root, skipped, 'x', 'cdk.tf.json'), JSON.stringify(INSECURE));
    }
    expect(check('check', root).code).toBe(0);
  });
});

describe('--output never overwrites a stack', () => {
  test('the stack it judges', () => {
    const path = fileWith('cdk.tf.json', JSON.stringify(INSECURE));
    expect(check('check', path, '--format', 'json', '--output', path)).toEqual(
      badInput(`--output ${path}: is a stack file (a cdk.tf.json, or a stack this command judges), which the results would overwrite; write them to another file`),
    );
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(INSECURE);
  });

  test('a judged stack under another name, through a link', () => {
    const path = fileWith('stack.json', JSON.stringify(INSECURE));
    const link = join(mkdtempSync(join(tmpdir(), 'odd-input-')), 'results.json');
    symlinkSync(path, link);
    expect(check('check', path, '--format', 'sarif', '--output', link)).toEqual(
      badInput(`--output ${link}: is a stack file (a cdk.tf.json, or a stack this command judges), which the results would overwrite; write them to another file`),
    );
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(INSECURE);
  });

  // Adversarial run of stop 70, C6: nor what the stacks are read with.
  describe('nor what the judged stacks are read with', () => {
    const app = () => {
      const root = cdktfOut({ secure: SECURE });
      writeFileSync(join(root, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { secure: { name: 'secure', synthesizedStackPath: 'stacks/secure/cdk.tf.json', workingDirectory: 'stacks/secure' } } }));
      return root;
    };

    test.each([
      ['the whole cdktf.out', ''],
      ['one stack of it', 'stacks/secure'],
    ])('the manifest of the cdktf.out, given %s', (_name, given) => {
      const root = app();
      const before = readFileSync(join(root, 'manifest.json'), 'utf8');
      expect(check('check', join(root, given), '--format', 'sarif', '--output', join(root, 'manifest.json'))).toEqual(
        badInput(`--output ${root}/manifest.json: is the manifest.json of the cdktf.out folder this command judges (${root}), which the results would overwrite, so no later check could match the app's stacks; write them to another file`),
      );
      expect(readFileSync(join(root, 'manifest.json'), 'utf8')).toBe(before);
    });

    test.each(['terraform.tfvars.json', 'terraform.tfvars', 'Terraform.tfvars.json', 'results.auto.tfvars.json', 'results.tf.json', 'results.tofu'])('%s in a judged stack\'s folder, even not there yet', (name) => {
      const root = app();
      const output = join(root, 'stacks', 'secure', name);
      expect(check('check', root, '--format', 'json', '--output', output)).toEqual(
        badInput(`--output ${output}: is a file Terraform loads from the folder of a stack this command judges (${root}/stacks/secure: a variable file or configuration), so the results would be read as the stack's; write them to another file`),
      );
      expect(existsSync(output)).toBe(false);
    });

    test('a file Terraform does not load there, or a variable file\'s name elsewhere, is written', () => {
      const root = app();
      for (const output of [join(root, 'stacks', 'secure', 'results.json'), join(root, 'terraform.tfvars.json')]) {
        expect(check('check', root, '--format', 'json', '--output', output).code).toBe(0);
        expect(existsSync(output)).toBe(true);
      }
    });
  });

  test('any cdk.tf.json, even one not there yet', () => {
    const root = cdktfOut({ secure: SECURE });
    const output = join(root, 'elsewhere', 'cdk.tf.json');
    expect(check('check', root, '--format', 'junit', '--output', output)).toEqual(
      badInput(`--output ${output}: is a stack file (a cdk.tf.json, or a stack this command judges), which the results would overwrite; write them to another file`),
    );
    expect(existsSync(output)).toBe(false);
  });
});
