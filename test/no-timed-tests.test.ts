import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

// House rule: a test never asserts the time a call takes (flaky under load: the machine is shared). Speed goals
// live in bench/ as ratios against a baseline; a guard against a quadratic pass counts the work instead
// (test/support/work-count.ts).

const ROOT = join(__dirname, '..');

/** The clock read minus an earlier reading: how a test measures the time a call took. */
const ELAPSED = /\b(?:Date\.now\(\)|performance\.now\(\)|process\.hrtime(?:\.bigint)?\(\w*\)|new Date\(\)\.getTime\(\))\s*-\s*[\w.]+/;

function testFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === '__snapshots__' ? [] : testFiles(path);
    return /\.(?:[cm]?[jt]s)$/.test(entry.name) ? [path] : [];
  });
}

test('the pattern finds an elapsed time, not a time to come', () => {
  expect(['expect(Date.now() - started).toBeLessThan(5000);', 'const took = performance.now() - t0;', 'process.hrtime.bigint() - start'].map((line) => ELAPSED.test(line))).toEqual([true, true, true]);
  expect(['(rows[0].rolvaliduntil.getTime() - Date.now()) / 86_400_000', 'const started = Date.now();'].map((line) => ELAPSED.test(line))).toEqual([false, false]);
});

test('no test measures elapsed time', () => {
  // This file's own examples excepted.
  const timed = testFiles(join(ROOT, 'test')).filter((file) => file !== __filename).flatMap((file) => readFileSync(file, 'utf8').split('\n')
    .map((line, index) => (ELAPSED.test(line) ? `${relative(ROOT, file)}:${index + 1}` : undefined))
    .filter((found): found is string => found !== undefined));
  expect(timed).toEqual([]);
});
