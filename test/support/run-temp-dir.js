// One temporary directory per test run: every test's os.tmpdir() is inside it, and the run removes it at the end.
// Tests, cdktf's Testing.app and the CLI make thousands of temporary folders per run; left in /tmp they filled a CI disk.
const { mkdtempSync, chmodSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

const VARIABLE = 'CDKTF_AZURE_POSTGRES_TEST_RUN_DIR';

/** Jest's globalSetup: runs before the workers start, which inherit TMPDIR. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-azure-postgres-test-run-'));
  // The throwaway PostgreSQL clusters run as an unprivileged user, who must reach their own folder inside this one.
  chmodSync(dir, 0o755);
  process.env[VARIABLE] = dir;
  process.env.TMPDIR = dir;
}

/** Jest's globalTeardown. */
function teardown() {
  const dir = process.env[VARIABLE];
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}

module.exports = { setup, teardown };
