import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { EXIT_BAD_INPUT, EXIT_OK } from '../../lib/cli/check-command';
import { cdktfOut, check, SECURE } from './cli-harness';

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
    `${root}/manifest.json: lists stack b (stacks/b/cdk.tf.json) whose cdk.tf.json is missing, so it cannot be judged; synthesize again, or give check the whole cdktf.out folder`,
  ));
});

test('listed stacks whose folders are empty are named, every one', () => {
  const root = twoStacks();
  for (const name of ['a', 'b']) {
    rmSync(join(root, 'stacks', name), { recursive: true });
    mkdirSync(join(root, 'stacks', name));
  }
  expect(check('check', root)).toEqual(badInput(
    `${root}/manifest.json: lists stacks a (stacks/a/cdk.tf.json), b (stacks/b/cdk.tf.json) whose cdk.tf.json is missing, so they cannot be judged; synthesize again, or give check the whole cdktf.out folder`,
  ));
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
    `${root}/manifest.json: cannot be read (Expected property name or '}' in JSON at position 1), so the stacks it lists cannot be matched; synthesize again`,
  ));
});

test('a stacks folder given alone, without its manifest, is judged as before', () => {
  const root = twoStacks();
  rmSync(join(root, 'stacks', 'b'), { recursive: true });
  expect(check('check', join(root, 'stacks')).code).toBe(EXIT_OK);
});
