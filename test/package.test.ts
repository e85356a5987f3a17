import { execFileSync } from 'child_process';
import { builtinModules } from 'module';
import { existsSync, readFileSync } from 'fs';
import { dirname, join, posix } from 'path';
import { satisfies, validRange } from 'semver';
import { OPTIONAL_PEERS } from '../lib/private/optional-peer';
import { minimalProps, VNET_ID, WORKSPACE_ID } from './helpers';

// What a team adopting the package gets: the files in the tarball, the manifest's peer ranges and
// exports, the release files, and a README whose commands are the ones CI runs.

const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const manifest = JSON.parse(read('package.json'));
const cdktnOverlay = JSON.parse(read('scripts/cdktn/package.json'));

/** dist/index.d.ts and every declaration file it reaches (paths from the root), and the packages they import. */
function publicDeclarations(): { reached: Set<string>; packages: Set<string> } {
  const reached = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const [, specifier] of read(file).matchAll(/(?:from|import\()\s*["']([^"']+)["']/g)) {
      if (!specifier.startsWith('.')) packages.add(specifier);
      else visit(join(dirname(file), existsSync(join(ROOT, dirname(file), `${specifier}.d.ts`)) ? `${specifier}.d.ts` : join(specifier, 'index.d.ts')));
    }
  };
  visit('dist/index.d.ts');
  return { reached, packages };
}

/** The files in docs/ that README.md links to, and those they link to in turn. */
function linkedDocs(): string[] {
  const linked = new Set<string>();
  const visit = (file: string) => {
    for (const [, target] of read(file).matchAll(/\]\(([^)#\s:]+)(?:#[^)]*)?\)/g)) {
      const doc = posix.normalize(posix.join(posix.dirname(file), target));
      if (!doc.startsWith('docs/') || linked.has(doc)) continue;
      linked.add(doc);
      if (doc.endsWith('.md')) visit(doc);
    }
  };
  visit('README.md');
  return [...linked].sort();
}

describe('the packed tarball', () => {
  // npm lists what `npm pack` would put in the tarball (dist/ is built by `npm install`).
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }))[0];
  const files: string[] = packed.files.map((file: { path: string }) => file.path);

  test.each(['LICENSE', 'README.md', 'SECURITY.md', '.jsii', 'dist/index.js', 'dist/index.d.ts', 'bin/cdktf-azure-postgres.js'])(
    'holds %s',
    (file) => {
      expect(files).toContain(file);
    },
  );

  test('holds the JavaScript in three bundles: the constructs, the command line, and core.js with what both use, once', () => {
    expect(files.filter((file) => file.endsWith('.js')).sort()).toEqual(['bin/cdktf-azure-postgres.js', 'dist/cli.js', 'dist/core.js', 'dist/index.js']);
    // core.js exports each shared module by its path in lib/ (it loads nothing but Node modules).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const shared = Object.keys(require(join(ROOT, 'dist', 'core.js')));
    expect(shared).toEqual(expect.arrayContaining(['checks/evaluate', 'checks/rule', 'private/library-version']));
    for (const file of ['dist/index.js', 'dist/cli.js']) {
      const asked = [...read(file).matchAll(/require\("\.\/core\.js"\)\["([^"]+)"\]/g)].map((match) => match[1]);
      expect([file, asked.length > 0, asked.filter((key) => !shared.includes(key))]).toEqual([file, true, []]);
    }
    const bundles = ['dist/index.js', 'dist/core.js', 'dist/cli.js'].map(read);
    // A shared module is in core.js only: the rule pack (which both the constructs and check run)
    // once, not copied into the other two bundles.
    expect(bundles.map((bundle) => bundle.split('can change or delete the server or grant access to it').length - 1)).toEqual([0, 1, 0]);
    // One ValidationError class (minified, it keeps its name in a static block).
    expect(bundles.join('\n').match(/class extends Error\{static\{\w+\(this,"ValidationError"\)\}/g)).toHaveLength(1);
    // Strict mode, as the sources (ES modules) and jsii's output: the directive right after the banner.
    expect(bundles.map((bundle) => bundle.split('\n')[1])).toEqual(["'use strict';", "'use strict';", "'use strict';"]);
  });

  test('the command line and the shared code load nothing but Node modules and core.js: check runs without the peers', () => {
    for (const file of ['dist/cli.js', 'dist/core.js']) {
      const loaded = [...read(file).matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
      expect([file, loaded.filter((name) => name !== './core.js' && !builtinModules.includes(name))]).toEqual([file, []]);
    }
  });

  test('holds only the declaration files the public types reach', () => {
    const { reached } = publicDeclarations();
    expect(files.filter((file) => file.endsWith('.d.ts') && !reached.has(file))).toEqual([]);
    expect([...reached].filter((file) => !files.includes(file))).toEqual([]);
  });

  test('declares no private function, constant or type: each declaration file holds the public types the assembly lists in it', () => {
    const assembly = JSON.parse(read('.jsii'));
    const listed = new Set(Object.values(assembly.types as { [fqn: string]: { name: string } }).map((type) => type.name));
    // ValidationError is no jsii type (it extends Error); its code's type comes with it.
    const outsideAssembly = ['dist/index.d.ts', 'dist/private/validation-error.d.ts', 'dist/private/error-codes.d.ts'];
    const declared = files
      .filter((file) => file.endsWith('.d.ts') && !outsideAssembly.includes(file))
      .flatMap((file) => [...read(file).matchAll(/^export (?:declare )?(?:abstract )?(?:class|interface|enum|function|const|type|let|var) (\w+)/gm)].map((match) => match[1]));
    expect(declared.length).toBeGreaterThan(40);
    expect(declared.filter((name) => !listed.has(name))).toEqual([]);
  });

  test('the assembly\'s readme (Construct Hub\'s page) is README.md up to the table of its secure defaults, then where the rest is: the package ships README.md whole once', () => {
    const readme = read('README.md');
    const markdown = (JSON.parse(read('.jsii')) as { readme: { markdown: string } }).readme.markdown;
    const cut = readme.indexOf('\n### The delegated subnet\'s network security group\n');
    expect(cut).toBeGreaterThan(0);
    expect(markdown.startsWith(readme.slice(0, cut))).toBe(true);
    expect(markdown.slice(cut)).toBe(`\n## More\n\nThe rest of this README (the network security group and hub networks, weakening a default, the security checks and their report, examples, DatabaseAccess and audit-roles, SecureSingleServer, supported versions) is in README.md of the package and at https://github.com/cdktf-azure-postgres/cdktf-azure-postgres#readme.\n`);
  });

  test('the assembly is for JavaScript only: it names no other language\'s submodules of the peers', () => {
    expect(manifest.jsii.targets).toEqual({});
    const closure = JSON.parse(read('.jsii')).dependencyClosure as { [name: string]: { targets?: object; submodules?: object } };
    expect(Object.keys(closure)).toContain('@cdktf/provider-azurerm');
    expect(Object.values(closure).filter((dependency) => dependency.submodules !== undefined)).toEqual([]);
  });

  // The reference docs (the rule catalog, the error catalog, DatabaseAccess, pipelines, the report's schema) are read in
  // the repository, where README.md's links lead on GitHub and npm; 110 KiB packed (bench/README.md, stop 32). A doc a
  // message of the library names ships, or the message gives its URL too.
  test('holds the docs a message of the library names without a URL, and no other', () => {
    expect(linkedDocs()).toEqual(expect.arrayContaining(['docs/errors.md', 'docs/postgres-security-report.schema.json', 'docs/security-rules.md']));
    const bundles = ['dist/index.js', 'dist/core.js', 'dist/cli.js'].map(read).join('\n');
    const docsUrl = `${manifest.repository.url.replace(/\.git$/, '')}/blob/main/`;
    // Each doc path a bundle names, unless it is part of a URL or the URL follows it.
    const named = [...bundles.matchAll(/docs\/[\w-]+\.(?:md|json)/g)].filter((match) => !bundles.slice(0, match.index).endsWith(docsUrl));
    expect(named.length).toBeGreaterThan(3);
    const withoutUrl = [...new Set(named.filter((match) => !bundles.slice(match.index, match.index + 200).includes(`(${docsUrl}${match[0]})`)).map((match) => match[0]))].sort();
    expect(withoutUrl).toEqual(['docs/cdk-terrain.md', 'docs/migrating-to-flexible-server.md']);
    expect(files.filter((file) => file.startsWith('docs/')).sort()).toEqual(withoutUrl);
    // The declarations point to the error catalog by its URL too.
    expect(read('dist/private/validation-error.d.ts')).toContain(`${manifest.repository.url.replace(/\.git$/, '')}/blob/main/docs/errors.md`);
  });

  test('every class the package exports keeps its name in the bundle', () => {
    const program = "const lib = require('./dist/index.js'); console.log(JSON.stringify(Object.entries(lib).filter(([, value]) => typeof value === 'function').map(([name, value]) => [name, value.name])));";
    const classes: [string, string][] = JSON.parse(execFileSync(process.execPath, ['-e', program], { cwd: ROOT, encoding: 'utf8' }));
    expect(classes.length).toBeGreaterThan(10);
    expect(classes.filter(([exported, name]) => exported !== name)).toEqual([]);
  });

  test('holds the API reference once: the .jsii (what Construct Hub renders) and the .d.ts doc comments, not API.md', () => {
    expect(files.filter((file) => /^API\.md$/i.test(file))).toEqual([]);
  });

  test('holds no CHANGELOG.md: the changes are read in the repository and its releases, and npm always ships the README', () => {
    expect(files.filter((file) => /^CHANGELOG\.md$/i.test(file))).toEqual([]);
  });

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

  test('the provider packages of generated passwords and of DatabaseAccess are optional, and the library knows them as such', () => {
    expect(manifest.peerDependenciesMeta).toEqual({
      '@cdktf/provider-postgresql': { optional: true },
      '@cdktf/provider-random': { optional: true },
      '@cdktf/provider-time': { optional: true },
    });
    expect(OPTIONAL_PEERS.map((peer) => peer.packageName).sort()).toEqual(Object.keys(manifest.peerDependenciesMeta).sort());
  });

  test('the postgresql provider starts at 12.1.1, the first release with the write-only password_wo, which needs cdktf 0.21', () => {
    expect(peers['@cdktf/provider-postgresql']).toBe('^12.1.1');
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

  test('a CDK Terrain counterpart that is not published yet is declared with the range "*", the others with a range of releases', () => {
    const unpublished = OPTIONAL_PEERS.filter((peer) => !peer.publishedForCdktn).map((peer) => peer.packageName.replace(/^@cdktf\//, '@cdktn/'));
    expect(unpublished.sort()).toEqual(['@cdktn/provider-postgresql', '@cdktn/provider-time']);
    for (const [name, range] of Object.entries(cdktnOverlay.peerDependencies as { [name: string]: string })) {
      expect([name, range === '*']).toEqual([name, unpublished.includes(name)]);
    }
  });
});

describe('the optional peers are needed only by the constructs that use them', () => {
  const optional = Object.keys(manifest.peerDependenciesMeta);
  const startsWithOptional = (specifier: string) => optional.some((name) => specifier === name || specifier.startsWith(`${name}/`));

  test('the public types (dist/index.d.ts and every declaration file it reaches) name none of them', () => {
    const { reached, packages } = publicDeclarations();
    expect(reached.size).toBeGreaterThan(20);
    expect(reached).toContain('dist/database/database-access.d.ts');
    expect([...packages].filter(startsWithOptional)).toEqual([]);
  });

  test('the built package loads and synthesizes a server without them, and a DatabaseAccess says what to install', () => {
    // A child Node in which every optional peer is missing, as in a project that did not install them.
    const program = `
      const Module = require('module');
      const optional = ${JSON.stringify(optional)};
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (optional.some((name) => request === name || request.startsWith(name + '/'))) {
          throw Object.assign(new Error("Cannot find module '" + request + "'"), { code: 'MODULE_NOT_FOUND' });
        }
        return resolve.call(this, request, ...rest);
      };
      const { App, TerraformStack } = require('cdktf');
      const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
      const library = require('./dist/index.js');
      const stack = new TerraformStack(new App({ outdir: require('os').tmpdir() + '/optional-peers-' + process.pid }), 'orders');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      // The network and diagnostics made by the built package's factories: its shapes accept only those.
      const server = new library.SecureFlexibleServer(stack, 'Postgres', {
        ...${JSON.stringify(minimalProps({ databases: [{ name: 'orders' }] }))},
        network: library.FlexibleServerNetwork.vnetIntegration(${JSON.stringify({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28' })}),
        diagnosticSettings: library.DiagnosticSettings.logAnalytics(${JSON.stringify(WORKSPACE_ID)}),
      });
      const synthesized = stack.toTerraform();
      console.log(Object.keys(synthesized.resource).includes('azurerm_postgresql_flexible_server') ? 'server synthesized' : 'no server');
      try {
        new library.DatabaseAccess(stack, 'OrdersAccess', { server, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
      } catch (error) {
        console.log(error.message);
      }
    `;
    const output = execFileSync(process.execPath, ['-e', program], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    expect(output).toEqual([
      'server synthesized',
      'cdktf-azure-postgres: a DatabaseAccess needs @cdktf/provider-postgresql, an optional peer dependency that is not installed. Fix: npm install @cdktf/provider-postgresql (stacks without a DatabaseAccess do not need it).',
    ]);
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
