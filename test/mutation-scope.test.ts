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

interface GroupScope {
  readonly name: string;
  readonly mutate: readonly string[];
  readonly tests: readonly string[];
  readonly withCdktf: boolean;
}

function groupScopes(): { groups: GroupScope[]; cdktfSuites: string[] } {
  const script = 'import(process.argv[1]).then((config) => console.log(JSON.stringify({ groups: Object.entries(config.GROUPS)'
    + '.map(([name, group]) => ({ name, mutate: group.mutate, tests: group.tests, withCdktf: group.withCdktf === true })), cdktfSuites: config.CDKTF_SUITES })))';
  return JSON.parse(execFileSync(process.execPath, ['-e', script, join(ROOT, 'stryker.config.mjs')], { cwd: ROOT, encoding: 'utf8' }));
}

// A group's mutants run only its tests: the unit tests of a file it mutates that sit elsewhere (test/checks/<name>.test.ts beside
// the engine's) never judged them, and the score read them as survivors (stop 66: 17 such files of the rules group).
test('each unit test named after a file a group mutates is among that group\'s tests, unless the group cannot run it (it loads cdktf)', () => {
  const { groups, cdktfSuites } = groupScopes();
  const testFiles = (readdirSync(join(ROOT, 'test'), { recursive: true }) as string[]).filter((file) => file.endsWith('.test.ts')).map((file) => `test/${file.split('\\').join('/')}`);
  const libFiles = (readdirSync(join(ROOT, 'lib'), { recursive: true }) as string[]).filter((file) => file.endsWith('.ts')).map((file) => `lib/${file.split('\\').join('/')}`);
  const missing = groups.flatMap((group) => {
    const mutated = group.mutate.map((entry) => globMatcher(entry.replace(/:\d+-\d+$/, '')));
    // A group that mutates part of a file (a range of lines) is judged by the tests it lists for that part.
    const whole = libFiles.filter((file) => mutated.some((glob) => glob.test(file)) && !group.mutate.some((entry) => entry.startsWith(`${file}:`)));
    const tests = group.tests.map(globMatcher);
    return whole.flatMap((file) => {
      const named = `/${file.split('/').pop()!.replace(/\.ts$/, '.test.ts')}`;
      return testFiles.filter((test) => test.endsWith(named) && !tests.some((glob) => glob.test(test)) && (group.withCdktf || !cdktfSuites.includes(test)))
        .map((test) => `${group.name}: ${file} <- ${test}`);
    });
  });
  expect(missing).toEqual([]);
});
