import { existsSync, mkdtempSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setup, teardown } = require('./run-temp-dir') as { setup: () => void; teardown: () => void };

const VARIABLE = 'CDKTF_AZURE_POSTGRES_TEST_RUN_DIR';

test('this run writes its temporary folders inside the run folder, which everyone can traverse', () => {
  const runDir = process.env[VARIABLE];
  expect(runDir).toBeDefined();
  expect(tmpdir()).toBe(runDir);
  expect(statSync(runDir!).mode & 0o777).toBe(0o755);
  expect(mkdtempSync(join(tmpdir(), 'probe-')).startsWith(`${runDir}/`)).toBe(true);
});

test('setup makes a fresh run folder under the current one and teardown removes it with what tests left there', () => {
  const saved = { run: process.env[VARIABLE], tmp: process.env.TMPDIR };
  try {
    const outer = tmpdir();
    setup();
    const made = process.env[VARIABLE]!;
    expect(made.startsWith(join(outer, 'cdktf-azure-postgres-test-run-'))).toBe(true);
    // Jest gives each test file its own copy of process.env, so os.tmpdir() here still reads the outer run's TMPDIR.
    expect(process.env.TMPDIR).toBe(made);
    const left = mkdtempSync(join(made, 'left-'));
    writeFileSync(join(left, 'cdk.tf.json'), '{}');
    teardown();
    expect(existsSync(made)).toBe(false);
  } finally {
    process.env[VARIABLE] = saved.run;
    process.env.TMPDIR = saved.tmp;
  }
});
