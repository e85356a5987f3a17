import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { EXIT_BAD_INPUT, EXIT_OK } from '../../lib/cli/check-command';
import { cdktfOut, check, INSECURE, SECURE } from './cli-harness';

// A cdktf.out folder is judged against its manifest: a stack it lists whose cdk.tf.json is gone
// is bad input, never a green gate for a stack nobody read (third review, A3-11).

const badInput = (message: string) => ({ code: EXIT_BAD_INPUT, out: [], err: [`cdktf-azure-postgres: ${message}`] });

/** A cdktf.out with stacks a and b and the manifest cdktf writes for them. */
function twoStacks(manifest: unknown = {
  stacks: Object.fromEntries(['a', 'b'].map((name) => [name, { name, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, workingDirectory: `stacks/${name}` }])),
  version: '0.21.0',
}): string {
  const root = cdktfOut({ a: SECURE, b: SECURE });
  writeFileSync(join(root, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return root;
}

test('every stack the manifest lists is there: judged as before', () => {
  const result = check('check', twoStacks());
  expect(result.code).toBe(EXIT_OK);
  expect(result.out.filter((line) => !line.startsWith(' ')).map((line) => line.split(':')[0])).toEqual(['a', 'b']);
});

test('a listed stack whose folder is gone is bad input', () => {
  const root = twoStacks();
  rmSync(join(root, 'stacks', 'b'), { recursive: true });
  expect(check('check', root)).toEqual(badInput(
    `${root}/manifest.json: lists stack b (stacks/b/cdk.tf.json), a file that is missing, so it cannot be judged; synthesize again, or give check the whole cdktf.out folder`,
  ));
});

test('listed stacks whose folders are empty are named, every one', () => {
  const root = twoStacks();
  for (const name of ['a', 'b']) {
    rmSync(join(root, 'stacks', name), { recursive: true });
    mkdirSync(join(root, 'stacks', name));
  }
  expect(check('check', root)).toEqual(badInput(
    `${root}/manifest.json: lists stacks a (stacks/a/cdk.tf.json), b (stacks/b/cdk.tf.json), files that are missing, so they cannot be judged; synthesize again, or give check the whole cdktf.out folder`,
  ));
});

// The message names the file the manifest lists: a stack listed as main.tf.json is no missing cdk.tf.json (known gap, stop 40).
describe('a stack the manifest lists under another file name than cdk.tf.json', () => {
  /** The two-stack cdktf.out with the given stacks listed (and written, unless gone) as main.tf.json. */
  function listedAs(renamed: readonly string[], gone: readonly string[] = []): string {
    const root = twoStacks({
      stacks: Object.fromEntries(['a', 'b'].map((name) => [name, { name, synthesizedStackPath: `stacks/${name}/${renamed.includes(name) ? 'main' : 'cdk'}.tf.json`, workingDirectory: `stacks/${name}` }])),
      version: '0.21.0',
    });
    for (const name of renamed) {
      rmSync(join(root, 'stacks', name, 'cdk.tf.json'));
      if (!gone.includes(name)) writeFileSync(join(root, 'stacks', name, 'main.tf.json'), JSON.stringify(SECURE));
    }
    return root;
  }

  // A folder of stacks/ is judged by its configuration file, whatever its name (adversarial run of stop 70, C15).
  test('there, under that name: judged', () => {
    const root = listedAs(['b']);
    expect(check('check', root)).toMatchObject({ code: EXIT_OK, err: [] });
  });

  test('there, beside a cdk.tf.json the folder is judged by: bad input naming the file as listed, not a missing one', () => {
    const root = listedAs(['b']);
    writeFileSync(join(root, 'stacks', 'b', 'cdk.tf.json'), JSON.stringify(SECURE));
    expect(check('check', root)).toEqual(badInput(
      `${root}/manifest.json: lists stack b (stacks/b/main.tf.json), a file check does not judge as a stack (it judges a folder of stacks/ by its cdk.tf.json, else by its one other JSON configuration file, and elsewhere only a cdk.tf.json), so it cannot be judged; synthesize again`,
    ));
  });

  test('gone: bad input naming the file as listed', () => {
    const root = listedAs(['b'], ['b']);
    expect(check('check', root)).toEqual(badInput(
      `${root}/manifest.json: lists stack b (stacks/b/main.tf.json), a file that is missing, so it cannot be judged; synthesize again, or give check the whole cdktf.out folder`,
    ));
  });

  test('one of each: both named, each as it is', () => {
    const root = listedAs(['a', 'b'], ['b']);
    writeFileSync(join(root, 'stacks', 'a', 'cdk.tf.json'), JSON.stringify(SECURE));
    expect(check('check', root)).toEqual(badInput(
      `${root}/manifest.json: lists stack b (stacks/b/main.tf.json), a file that is missing, and stack a (stacks/a/main.tf.json), a file check does not judge as a stack (it judges a folder of stacks/ by its cdk.tf.json, else by its one other JSON configuration file, and elsewhere only a cdk.tf.json), so they cannot be judged; synthesize again, or give check the whole cdktf.out folder`,
    ));
  });

  test('given the file itself, it is judged (a stack file of any name), the other stack named as not given', () => {
    const root = listedAs(['b']);
    const result = check('check', join(root, 'stacks', 'b', 'main.tf.json'));
    expect(result.code).toBe(EXIT_OK);
    expect(result.err.join('\n')).toContain('lists stack a (stacks/a/cdk.tf.json) that check was not given');
  });
});

test.each<[string, unknown]>([
  ['no stacks', { version: '0.21.0' }],
  ['a stack without its path', { stacks: { a: { name: 'a' } } }],
  ['null', null],
])('a manifest of another shape (%s) is bad input', (_name, manifest) => {
  const root = twoStacks(manifest);
  expect(check('check', root)).toEqual(badInput(
    `${root}/manifest.json: is not the manifest cdktf writes (no stacks, each with a synthesizedStackPath), so the stacks it lists cannot be matched; synthesize again`,
  ));
});

test('a manifest that is not JSON is bad input', () => {
  const root = twoStacks('{');
  expect(check('check', root)).toEqual(badInput(
    `${root}/manifest.json: cannot be read (not valid JSON), so the stacks it lists cannot be matched; synthesize again`,
  ));
});

test('a stacks folder given alone, without its manifest, is judged as before', () => {
  const root = twoStacks();
  rmSync(join(root, 'stacks', 'b'), { recursive: true });
  expect(check('check', join(root, 'stacks')).code).toBe(EXIT_OK);
});

// cdktf deploy (and diff, destroy, output) runs Terraform in each stack's workingDirectory: one that
// is not the folder of the stack's cdk.tf.json deploys files the gate never judged (eleventh review, A11b-3).
describe('a stack deployed from another folder than its cdk.tf.json', () => {
  /** The two-stack cdktf.out with stack b's workingDirectory changed, and a public copy of b written there. */
  function deployedFrom(workingDirectory: string, file = 'main.tf.json'): string {
    const root = twoStacks();
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
    manifest.stacks.b.workingDirectory = workingDirectory;
    writeFileSync(join(root, 'manifest.json'), JSON.stringify(manifest));
    mkdirSync(join(root, workingDirectory), { recursive: true });
    writeFileSync(join(root, workingDirectory, file), JSON.stringify(INSECURE));
    return root;
  }
  const refused = (root: string, named: string) => badInput(
    `${root}/manifest.json: runs the Terraform of stack ${named}, where cdktf runs it in the folder of stacks/ that holds the stack's cdk.tf.json, so cdktf deploy would apply a configuration check does not judge with this app; synthesize again`,
  );

  test.each([
    ['a folder without a cdk.tf.json', 'shadow'],
    ['a hidden folder of the stacks folder', 'stacks/.shadow'],
    ['another stack\'s folder', 'stacks/a'],
    ['a folder below the stack\'s own', 'stacks/b/deploy'],
  ])('%s is bad input naming the manifest and the stack', (_name, workingDirectory) => {
    const root = deployedFrom(workingDirectory);
    expect(check('check', root)).toEqual(refused(root, `b in ${workingDirectory} (its cdk.tf.json at stacks/b/cdk.tf.json)`));
  });

  test('a folder outside the cdktf.out is bad input', () => {
    const root = deployedFrom(`../${basename(mkdtempSync(join(tmpdir(), 'pg-shadow-')))}`, 'cdk.tf.json');
    const { workingDirectory } = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')).stacks.b;
    expect(check('check', root)).toEqual(refused(root, `b in ${workingDirectory} (its cdk.tf.json at stacks/b/cdk.tf.json)`));
  });

  test('an absolute path is read as cdktf reads it, joined to the cdktf.out folder: bad input', () => {
    // cdktf joins both paths to the folder: an absolute pair naming the real files names a copy below the folder.
    const root = twoStacks();
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
    manifest.stacks.b = { ...manifest.stacks.b, synthesizedStackPath: join(root, 'stacks/b/cdk.tf.json'), workingDirectory: join(root, 'stacks/b') };
    writeFileSync(join(root, 'manifest.json'), JSON.stringify(manifest));
    expect(check('check', root)).toEqual(badInput(
      `${root}/manifest.json: lists stack b (${root}/stacks/b/cdk.tf.json), a file that is missing, so it cannot be judged; synthesize again, or give check the whole cdktf.out folder`,
    ));
  });

  test('a stack moved with its cdk.tf.json out of stacks/ (judged apart from the app) is bad input', () => {
    const root = twoStacks();
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
    manifest.stacks.b = { ...manifest.stacks.b, synthesizedStackPath: 'shadow/cdk.tf.json', workingDirectory: 'shadow' };
    writeFileSync(join(root, 'manifest.json'), JSON.stringify(manifest));
    mkdirSync(join(root, 'shadow'));
    writeFileSync(join(root, 'shadow', 'cdk.tf.json'), JSON.stringify(SECURE));
    expect(check('check', root)).toEqual(refused(root, 'b in shadow (its cdk.tf.json at shadow/cdk.tf.json)'));
  });

  test('the stack\'s file or stacks folder given alone is refused too: deploy reads the same manifest', () => {
    const root = deployedFrom('shadow');
    expect(check('check', join(root, 'stacks', 'b', 'cdk.tf.json'))).toEqual(refused(root, 'b in shadow (its cdk.tf.json at stacks/b/cdk.tf.json)'));
    expect(check('check', join(root, 'stacks')).code).toBe(EXIT_BAD_INPUT);
  });

  test('the same folder spelt another way, or no workingDirectory (cdktf cannot deploy it), is judged as before', () => {
    const root = twoStacks();
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
    manifest.stacks.a.workingDirectory = './stacks/x/../a/';
    delete manifest.stacks.b.workingDirectory;
    writeFileSync(join(root, 'manifest.json'), JSON.stringify(manifest));
    expect(check('check', root).code).toBe(EXIT_OK);
  });
});
