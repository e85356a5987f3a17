import { execFileSync } from 'child_process';
import { readdirSync } from 'fs';
import { join } from 'path';

// Issue #12's mutation score is over lib/checks and the CLI: a file added there and to no group of
// stryker.config.mjs would be left out of the score without anyone noticing.

const ROOT = join(__dirname, '..');

function mutatedGlobs(): string[] {
  const script = 'import(process.argv[1]).then((config) => console.log(JSON.stringify(config.MUTATED)))';
  const printed = execFileSync(process.execPath, ['-e', script, join(ROOT, 'stryker.config.mjs')], { cwd: ROOT, encoding: 'utf8' });
  // A range of lines ("file:12-40") mutates part of a file: the file is in a group.
  return (JSON.parse(printed) as string[]).map((entry) => entry.replace(/:\d+-\d+$/, ''));
}

/** The files a glob of the config matches: its globs are paths, `*` and `**\/` (no other pattern). */
function globMatcher(glob: string): RegExp {
  const pattern = glob.split('**/').map((part) => part.split('*').map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')).join('(?:.*/)?');
  return new RegExp(`^${pattern}$`);
}

test('the config\'s globs match as Stryker reads them', () => {
  expect(['lib/cli/main.ts', 'lib/cli/x/y.ts', 'lib/checks/rules/PG-CFG-1.ts'].map((file) => globMatcher('lib/cli/**/*.ts').test(file) || globMatcher('lib/checks/rules/**/*.ts').test(file))).toEqual([true, true, true]);
  expect(['lib/clix/main.ts', 'lib/cli/main.tsx', 'lib/checks/rulesX.ts'].map((file) => globMatcher('lib/cli/**/*.ts').test(file) || globMatcher('lib/checks/rules/**/*.ts').test(file))).toEqual([false, false, false]);
  expect([globMatcher('lib/private/ipv4.ts').test('lib/private/ipv4.ts'), globMatcher('lib/private/ipv4.ts').test('lib/private/ipv4xts')]).toEqual([true, false]);
});

test('every source file of lib/checks and lib/cli is mutated by some group', () => {
  const globs = mutatedGlobs().map(globMatcher);
  const isMutated = (file: string) => globs.some((glob) => glob.test(file));
  const sources = ['lib/checks', 'lib/cli'].flatMap((folder) => (readdirSync(join(ROOT, folder), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => `${folder}/${file.split('\\').join('/')}`));
  expect(sources.length).toBeGreaterThan(60);
  expect(sources.filter((file) => !isMutated(file))).toEqual([]);
});
