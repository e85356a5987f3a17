import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { satisfies, validRange } from 'semver';

// What a team adopting the package gets: the files in the tarball, the manifest's peer ranges and
// exports, the release files, and a README whose commands are the ones CI runs.

const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const manifest = JSON.parse(read('package.json'));
const cdktnOverlay = JSON.parse(read('scripts/cdktn/package.json'));

describe('the packed tarball', () => {
  // npm lists what `npm pack` would put in the tarball (dist/ is built by `npm install`).
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }))[0];
  const files: string[] = packed.files.map((file: { path: string }) => file.path);

  test.each(['LICENSE', 'README.md', 'CHANGELOG.md', 'SECURITY.md', 'API.md', '.jsii', 'dist/index.js', 'dist/index.d.ts', 'bin/cdktf-azure-postgres.js', 'docs/errors.md'])(
    'holds %s',
    (file) => {
      expect(files).toContain(file);
    },
  );

  test('holds no tests, sources or build leftovers', () => {
    expect(files.filter((file) => /^(test|lib|scripts|examples|bench|build)\/|\.ts$(?<!\.d\.ts)|tsbuildinfo/.test(file))).toEqual([]);
  });
});

test('LICENSE is the Apache License 2.0 that package.json names', () => {
  expect(manifest.license).toBe('Apache-2.0');
  expect(read('LICENSE')).toMatch(/^\s+Apache License\s+Version 2\.0, January 2004\s/);
  expect(read('LICENSE')).toContain('END OF TERMS AND CONDITIONS');
});

test('every exports key is a subpath Node accepts ("." or "./...")', () => {
  expect(Object.keys(manifest.exports).filter((key) => key !== '.' && !key.startsWith('./'))).toEqual([]);
  expect(manifest.exports['./.jsii']).toBe('./.jsii');
});

describe('peer dependencies', () => {
  const peers: { [name: string]: string } = manifest.peerDependencies;

  test('are ranges, and the versions the repo develops with (exact pins) are inside them', () => {
    for (const [name, range] of Object.entries(peers)) {
      expect([name, validRange(range) !== null]).toEqual([name, true]);
      expect([name, manifest.devDependencies[name]]).toEqual([name, expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
      expect([name, satisfies(manifest.devDependencies[name], range)]).toEqual([name, true]);
    }
  });

  test('@cdktf/provider-random is optional: only generated passwords need it', () => {
    expect(manifest.peerDependenciesMeta).toEqual({ '@cdktf/provider-random': { optional: true } });
  });

  test('stay outside the bundle, so that an optional one is loaded only when asked for', () => {
    const bundle = read('dist/index.js');
    for (const name of Object.keys(peers)) expect([name, bundle.includes(`require("${name}`)]).toEqual([name, true]);
  });

  test('each has its CDK Terrain counterpart in the cdktn package, optional where it is', () => {
    const counterpart = (name: string) => name.replace(/^cdktf$/, 'cdktn').replace(/^@cdktf\//, '@cdktn/');
    expect(Object.keys(cdktnOverlay.peerDependencies).sort()).toEqual(Object.keys(peers).map(counterpart).sort());
    expect(Object.keys(cdktnOverlay.peerDependenciesMeta)).toEqual(Object.keys(manifest.peerDependenciesMeta).map(counterpart));
  });
});

describe('release files', () => {
  test('CHANGELOG.md has an Unreleased section and an entry for the current version', () => {
    const changelog = read('CHANGELOG.md');
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    expect(changelog).toMatch(new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
  });

  test('SECURITY.md says how to report a vulnerability and which versions are supported', () => {
    const security = read('SECURITY.md');
    expect(security).toMatch(/^## Reporting a vulnerability$/m);
    expect(security).toMatch(/^## Supported versions$/m);
    expect(security).toContain(`| \`${manifest.name}\` | ${manifest.version.replace(/\.\d+$/, '.x')} | yes |`);
  });
});

describe('README', () => {
  const readme = read('README.md');
  const ci = read('.ci/run');

  test('starts with what a user needs: install, quickstart, defaults; contributor details live in CONTRIBUTING.md', () => {
    const headings = readme.match(/^## .+$/gm) ?? [];
    expect(headings.slice(0, 3)).toEqual(['## Install', '## Quickstart', '## What you get by default']);
    expect(readme).toContain(`npm install ${manifest.name}`);
    expect(readme).toContain('[CONTRIBUTING.md](CONTRIBUTING.md)');
  });

  test('states the framework status', () => {
    expect(readme).toContain('archived by HashiCorp on 2025-12-10');
    expect(readme).toContain(`npm install ${cdktnOverlay.name}`);
  });

  test('keeps the two commands from a fresh clone to synthesized examples, and the test command', () => {
    expect(readme).toContain('npm install        # installs and builds the library');
    expect(readme).toContain('npm run synth      # writes cdktf.out/stacks/<example>/cdk.tf.json for every example');
    expect(readme).toContain('npm test           # the test suite');
  });

  test("CI runs exactly the README's test command", () => {
    expect(ci.split('\n').filter((line) => /^npm (test|run test)\b/.test(line) && !line.startsWith('npm run test:'))).toEqual(['npm test']);
  });

  test('states every peer range as package.json declares it', () => {
    for (const [name, range] of Object.entries(manifest.peerDependencies as { [name: string]: string })) {
      // In a Markdown table cell "|" is written "\|".
      expect([name, readme.includes(`\`${range.replace(/\|/g, '\\|')}\``)]).toEqual([name, true]);
    }
  });
});
