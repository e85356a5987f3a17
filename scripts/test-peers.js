#!/usr/bin/env node
// npm run test:peers — proves the peer dependency ranges that package.json declares, at both
// ends: the lowest release of every peer the ranges allow, and the highest. For each end it
// installs the packed library next to those peers in a temporary project outside the repo, then
//  1. without the optional peers (@cdktf/provider-random, -postgresql, -time): every example
//     type-checks (tsc with skipLibCheck off: the library's types need none of them), an Entra
//     ID-only example synthesizes, and the password example fails with the error that says to
//     install @cdktf/provider-random;
//  2. with the optional peers that can be installed at that end: type-checks every example
//     against those peers (tsc), synthesizes each (ts-node, app.synth(), as `cdktf synth` runs
//     the app) and runs `cdktf-azure-postgres check` on it. An example that needs a peer that
//     cannot be installed at that end (the postgresql provider needs cdktf 0.21) is left out,
//     with the reason printed, and must fail with the error that says to install that peer;
//  3. at the highest end, an ESM project (`"type": "module"`, `nodenext`) with the documented
//     deep-import form synthesizes the quickstart.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const semver = require('semver');
const kit = require('./consumer-kit');

const ENTRA_ONLY_EXAMPLE = 'flexible-vnet-integration';
const PASSWORD_EXAMPLE = 'flexible-password-auth';
const missing = (name) => `needs ${name}, an optional peer dependency that is not installed. Fix: npm install ${name} `;

const library = kit.libraryManifest();
const peers = library.peerDependencies;
const optionalPeers = Object.keys(library.peerDependenciesMeta ?? {}).filter((name) => library.peerDependenciesMeta[name].optional);
const requiredPeers = Object.keys(peers).filter((name) => !optionalPeers.includes(name));
const tools = Object.fromEntries(['typescript', 'ts-node', '@types/node'].map((name) => [name, library.devDependencies[name]]));

// The lowest end is each range's minimum; the highest is the range itself, which npm resolves to
// the newest release that fits all of them.
const ends = {
  lowest: Object.fromEntries(Object.entries(peers).map(([name, range]) => [name, semver.minVersion(range).version])),
  highest: { ...peers },
};

const work = kit.workDir('peers');
const tarball = kit.pack(work);
const examples = kit.exampleNames();
const checks = new kit.Checks();
const check = (label, body) => checks.check(label, body);

function synth(dir) {
  kit.run('npx', ['ts-node', '--transpile-only', 'main.ts'], dir);
}

function installedVersions(project) {
  return Object.keys(peers)
    .filter((name) => fs.existsSync(path.join(project, 'node_modules', name)))
    .map((name) => `${name}@${kit.readJson(path.join(project, 'node_modules', name, 'package.json')).version}`)
    .join(', ');
}

/** The quickstart as an ES module: deep imports name the file, as Node's ESM resolution requires. */
function esmProject(endDir, project) {
  const dir = kit.copyExample(ENTRA_ONLY_EXAMPLE, path.join(endDir, 'esm'), project, (source) =>
    source
      .replace(/'(@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+)'/g, "'$1/index.js'")
      // An ES module has no require.main: it synthesizes when run.
      .replace('if (require.main === module) {', '{'),
  );
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'esm-consumer', private: true, type: 'module' }, null, 2));
  const compilerOptions = { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, outDir: 'out', types: ['node'] };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['main.ts'] }, null, 2));
  return dir;
}

/**
 * The optional peers that cannot be installed at an end of exact versions, each with the reason:
 * the peer's own cdktf range leaves out the end's cdktf (npm view reads it from the registry).
 */
function notInstallable(versions, project) {
  const blocked = {};
  if (semver.valid(versions.cdktf) === null) return blocked;
  for (const name of optionalPeers.filter((peer) => semver.valid(versions[peer]) !== null)) {
    const output = execFileSync('npm', ['view', `${name}@${versions[name]}`, 'peerDependencies', '--json'], { cwd: project, env: kit.env, encoding: 'utf8' });
    const wanted = output.trim() === '' ? undefined : JSON.parse(output).cdktf;
    if (wanted !== undefined && !semver.satisfies(versions.cdktf, wanted)) {
      blocked[name] = `${name}@${versions[name]} needs cdktf ${wanted}, and this end has cdktf ${versions.cdktf}`;
    }
  }
  return blocked;
}

/** The example's synth must fail with the error that says to install `peer`. */
function expectMissing(end, name, dir, peer) {
  check(`${end}: ${name} without ${peer} fails with the error that says to install it`, () => {
    const stderr = kit.runExpectingFailure('npx', ['ts-node', '--transpile-only', 'main.ts'], dir);
    if (!stderr.includes(missing(peer))) throw new Error(`expected "${missing(peer)}", got: ${stderr.trim().split('\n')[0]}`);
  });
}

for (const [end, versions] of Object.entries(ends)) {
  const endDir = path.join(work, end);
  const project = path.join(endDir, 'project');
  const required = Object.fromEntries(requiredPeers.map((name) => [name, versions[name]]));
  kit.install(project, { dependencies: { 'cdktf-azure-postgres': `file:${tarball}`, ...required }, devDependencies: tools });
  console.log(`\n${end} end without the optional peers: ${installedVersions(project)}`);
  const copies = Object.fromEntries(examples.map((name) => [name, kit.copyExample(name, endDir, project)]));

  // skipLibCheck off: an import of a missing package in the library's .d.ts files would fail here.
  fs.writeFileSync(
    path.join(project, 'tsconfig.without-optional.json'),
    JSON.stringify({ extends: `../${ENTRA_ONLY_EXAMPLE}/tsconfig.json`, compilerOptions: { skipLibCheck: false }, include: examples.map((name) => `../${name}/main.ts`) }, null, 2),
  );
  check(`${end}: the examples type-check without ${optionalPeers.join(', ')}`, () => kit.run('npx', ['tsc', '-p', 'tsconfig.without-optional.json'], project));
  check(`${end}: ${ENTRA_ONLY_EXAMPLE} synthesizes without ${optionalPeers.join(', ')}`, () => {
    synth(copies[ENTRA_ONLY_EXAMPLE]);
    kit.expectStack(copies[ENTRA_ONLY_EXAMPLE], ENTRA_ONLY_EXAMPLE);
  });
  expectMissing(end, PASSWORD_EXAMPLE, copies[PASSWORD_EXAMPLE], '@cdktf/provider-random');

  const blocked = notInstallable(versions, project);
  const installable = optionalPeers.filter((name) => !(name in blocked));
  kit.run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...installable.map((name) => `${name}@${versions[name]}`)], project);
  console.log(`\n${end} end: ${installedVersions(project)}`);
  const blockedDependencies = (name) => Object.keys(kit.readJson(path.join(kit.examplesDir, name, 'package.json')).dependencies).filter((dep) => dep in blocked);
  const leftOut = examples.filter((name) => blockedDependencies(name).length > 0);
  for (const name of leftOut) {
    console.log(`${end}: ${name} is not synthesized at this end: ${blockedDependencies(name).map((dep) => blocked[dep]).join('; ')}. The highest end proves it.`);
    expectMissing(end, name, copies[name], blockedDependencies(name)[0]);
  }

  // One program for all examples, beside node_modules so that its @types are found.
  fs.writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ extends: `../${ENTRA_ONLY_EXAMPLE}/tsconfig.json`, include: examples.map((name) => `../${name}/main.ts`) }, null, 2),
  );
  check(`${end}: the examples type-check`, () => kit.run('npx', ['tsc', '-p', '.'], project));

  for (const name of examples.filter((example) => !leftOut.includes(example))) {
    check(`${end}: ${name}`, () => {
      synth(copies[name]);
      kit.expectStack(copies[name], name);
      kit.run('npx', ['cdktf-azure-postgres', 'check', 'cdktf.out'], copies[name]);
    });
  }

  if (end === 'highest') {
    check(`${end}: ESM (nodenext) project`, () => {
      const dir = esmProject(endDir, project);
      kit.run('npx', ['tsc', '-p', dir], project);
      kit.run('node', ['out/main.js'], dir);
      kit.expectStack(dir, ENTRA_ONLY_EXAMPLE);
      kit.run('npx', ['cdktf-azure-postgres', 'check', 'cdktf.out'], dir);
    });
  }
}

kit.finish('peer range ends', checks.total, checks.failures, work);
