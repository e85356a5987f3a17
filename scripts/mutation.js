#!/usr/bin/env node
// `npm run test:mutation [-- <group>... <stryker options>]`: runs Stryker once per group of
// stryker.config.mjs (all groups when none is named), then prints the counts and the score of each
// group and of the groups together. Exits 1 when the score of the groups together is under the
// break threshold (90 %) or a run ended without a report; a single group under 90 % is named but
// does not fail the whole (Stryker's own break threshold makes its exit code 1 then).
// Example: `npm run test:mutation -- engine --incremental`.
const { spawnSync } = require('child_process');
const { existsSync, readFileSync, rmSync } = require('fs');
const { join } = require('path');

const BREAK = 90;
const root = join(__dirname, '..');

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

async function main() {
  const { GROUP_NAMES } = await import(join(root, 'stryker.config.mjs'));
  const args = process.argv.slice(2);
  const groups = args.filter((arg) => GROUP_NAMES.includes(arg));
  const strykerArgs = args.filter((arg) => !GROUP_NAMES.includes(arg));
  const totals = {};
  const results = [];
  let failedRuns = 0;
  for (const group of groups.length > 0 ? groups : GROUP_NAMES) {
    const started = Date.now();
    const report = join(root, 'reports', 'mutation', group, 'mutation.json');
    // A report left by an earlier run must not stand in for a run that failed to write one.
    rmSync(report, { force: true });
    const run = spawnSync('npx', ['stryker', 'run', ...strykerArgs], { cwd: root, stdio: 'inherit', env: { ...process.env, MUTATION_GROUP: group } });
    const seconds = Math.round((Date.now() - started) / 1000);
    if (!existsSync(report)) {
      failedRuns++;
      console.error(`${group}: no report (Stryker exited ${run.status})`);
      continue;
    }
    const counts = countStatuses(JSON.parse(readFileSync(report, 'utf8')));
    results.push(`${group}: ${describe(counts)} in ${seconds} s${mutationScore(counts) < BREAK ? ` (under ${BREAK} %)` : ''}`);
    for (const [status, count] of Object.entries(counts)) totals[status] = (totals[status] ?? 0) + count;
  }
  // Printed together at the end, after Stryker's own output of every group.
  for (const line of results) console.log(line);
  console.log(`all groups: ${describe(totals)}`);
  const passed = failedRuns === 0 && mutationScore(totals) >= BREAK;
  if (!passed) console.error(`mutation score of all groups under ${BREAK} % or a run without a report: failed`);
  process.exitCode = passed ? 0 : 1;
}

function countStatuses(report) {
  const counts = {};
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
  return counts;
}

/** Stryker's score: detected (killed, timed out) among the valid mutants (detected, survived, not covered). */
function mutationScore(counts) {
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return valid === 0 ? NaN : (100 * detected) / valid;
}

function describe(counts) {
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const parts = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'Ignored', 'RuntimeError', 'CompileError'].map((status) => `${counts[status] ?? 0} ${status}`);
  return `score ${mutationScore(counts).toFixed(2)}% of ${total} mutants (${parts.join(', ')})`;
}
