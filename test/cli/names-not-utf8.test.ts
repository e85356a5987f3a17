import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EXIT_BAD_INPUT } from '../../lib/cli/check-command';
import { check, INSECURE, SECURE } from './cli-harness';

// Node reads a file name that is not UTF-8 with U+FFFD for each bad byte: such a folder could be read as its sibling and its
// own stack passed over (U77-9). `check` refuses a folder that holds such a name.

/** A path inside root whose last name is the given bytes. */
const named = (root: string, bytes: number[]) => Buffer.concat([Buffer.from(`${root}/`), Buffer.from(bytes)]);

function appWith(root: Buffer | string, stack: object): void {
  mkdirSync(root);
  mkdirSync(Buffer.concat([Buffer.from(root), Buffer.from('/cdktf.out/stacks/app')]), { recursive: true });
  writeFileSync(Buffer.concat([Buffer.from(root), Buffer.from('/cdktf.out/stacks/app/cdk.tf.json')]), JSON.stringify(stack));
}

test('a folder named app\\xFF beside one named app\\uFFFD: exit 2 naming the bytes, not the clean one judged alone', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  appWith(Buffer.from(join(root, 'app\uFFFD')), SECURE);
  appWith(named(root, [0x61, 0x70, 0x70, 0xff]), INSECURE);
  const result = check('check', root);
  expect(result).toEqual({
    code: EXIT_BAD_INPUT,
    out: [],
    err: [`cdktf-azure-postgres: ${root}: holds an entry whose name is not UTF-8 (bytes 617070ff), which check cannot read by its name, and it may hold a stack; rename it, or give check a folder without it`],
  });
});

test('a stack folder of such a name inside stacks/: exit 2 too', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  mkdirSync(join(root, 'stacks', 'orders'), { recursive: true });
  writeFileSync(join(root, 'stacks', 'orders', 'cdk.tf.json'), JSON.stringify(SECURE));
  const odd = named(join(root, 'stacks'), [0x6f, 0xff]);
  mkdirSync(odd);
  writeFileSync(Buffer.concat([odd, Buffer.from('/cdk.tf.json')]), JSON.stringify(INSECURE));
  expect(check('check', root).err).toEqual([expect.stringMatching(/stacks: holds an entry whose name is not UTF-8 \(bytes 6fff\)/)]);
});

test('names in any script that are UTF-8 are read as ever', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-names-'));
  appWith(join(root, 'приложение-应用-🐘'), SECURE);
  expect(check('check', root).code).toBe(0);
});
