import { mkdirSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';
import { EXIT_BAD_INPUT } from '../../lib/cli/check-command';
import { cdktfOut, check, SECURE } from './cli-harness';

// A folder the command may not read could hold a stack, so it is bad input, not skipped. Tests
// run as root here, which reads every folder: the refusal other users get is played by fs.
const locked = new Set<string>();
const unseen = new Set<string>();
jest.mock('fs', () => {
  const fs = jest.requireActual<typeof import('fs')>('fs');
  return {
    ...fs,
    readdirSync: (path: string, ...rest: unknown[]) => {
      if (locked.has(path)) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
      return (fs.readdirSync as (...args: unknown[]) => unknown)(path, ...rest);
    },
    // A folder that may be listed but not entered (mode 0444): what is in it cannot be looked at.
    statSync: (path: string, ...rest: unknown[]) => {
      if (unseen.has(path)) throw Object.assign(new Error(`EACCES: permission denied, stat '${path}'`), { code: 'EACCES' });
      return (fs.statSync as (...args: unknown[]) => unknown)(path, ...rest);
    },
  };
});

test('a folder that cannot be read exits 2 with one line', () => {
  const root = cdktfOut({ secure: SECURE });
  const folder = join(root, 'stacks', 'locked');
  mkdirSync(folder);
  locked.add(folder);
  expect(check('check', root)).toEqual({ code: EXIT_BAD_INPUT, out: [], err: [`cdktf-azure-postgres: ${folder}: cannot be read (EACCES: permission denied, scandir '${folder}')`] });
});

// What Terraform would read beside a stack file of any name must be listed (thirty-seventh review, A37b-1).
test('a stack file whose folder cannot be listed exits 2: what Terraform reads beside it is unknown', () => {
  const root = cdktfOut({ app: SECURE });
  const folder = join(root, 'stacks', 'app');
  renameSync(join(folder, 'cdk.tf.json'), join(folder, 'main.tf.json'));
  locked.add(folder);
  const result = check('check', join(folder, 'main.tf.json'));
  expect(result).toMatchObject({ code: EXIT_BAD_INPUT, out: [] });
  expect(result.err).toEqual([expect.stringContaining(`EACCES: permission denied, scandir '${folder}'`)]);
});

// Y78-19 (adversarial run of stop 78): a failed synth's report in a folder that can be listed but not entered was taken as absent.
test('a stack folder whose report cannot be looked at exits 2: whether synth failed is unknown', () => {
  const root = cdktfOut({ secure: SECURE });
  const folder = join(root, 'stacks', 'failed');
  mkdirSync(folder);
  writeFileSync(join(folder, 'postgres-security-report.json'), JSON.stringify({ synthFailed: true }));
  unseen.add(join(folder, 'postgres-security-report.json'));
  expect(check('check', root)).toEqual({
    code: EXIT_BAD_INPUT,
    out: [],
    err: [`cdktf-azure-postgres: ${folder}/postgres-security-report.json: cannot be read (EACCES: permission denied, stat '${folder}/postgres-security-report.json'), so whether cdktf synth failed for this stack is unknown; let the user that runs check read the folder`],
  });
});
