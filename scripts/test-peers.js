#!/usr/bin/env node
// npm run test:peers — proves the peer dependency ranges that package.json declares, at both
// ends: the lowest release of every peer the ranges allow, and the highest. For each end it
// installs the packed library next to those peers in a temporary project outside the repo, then
//  1. without the optional @cdktf/provider-random: an Entra ID-only example synthesizes, and the
//     password example fails with the error that says to install it;
//  2. with it: type-checks every example against those peers (tsc), synthesizes each (ts-node,
//     app.synth(), as `cdktf synth` runs the app) and runs `cdktf-azure-postgres check` on it;
//  3. at the highest end, an ESM project (`"type": "module"`, `nodenext`) with the documented
//     deep-import form synthesizes the quickstart.
'use strict';
const fs = require('fs');
const path = require('path');
const semver = require('semver');
const kit = require('./consumer-kit');

const ENTRA_ONLY_EXAMPLE = 'flexible-vnet-integration';
const PASSWORD_EXAMPLE = 'flexible-password-auth';
const MISSING_RANDOM = 'needs @cdktf/provider-random, an optional peer dependency that is not installed';

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

for (const [end, versions] of Object.entries(ends)) {
  const endDir = path.join(work, end);
  const project = path.join(endDir, 'project');
  const required = Object.fromEntries(requiredPeers.map((name) => [name, versions[name]]));
  kit.install(project, { dependencies: { 'cdktf-azure-postgres': `file:${tarball}`, ...required }, devDependencies: tools });
  console.log(`\n${end} end without the optional peers: ${installedVersions(project)}`);
  const copies = Object.fromEntries(examples.map((name) => [name, kit.copyExample(name, endDir, project)]));

  check(`${end}: ${ENTRA_ONLY_EXAMPLE} without ${optionalPeers.join(', ')}`, () => {
    synth(copies[ENTRA_ONLY_EXAMPLE]);
    kit.expectStack(copies[ENTRA_ONLY_EXAMPLE], ENTRA_ONLY_EXAMPLE);
  });
  check(`${end}: ${PASSWORD_EXAMPLE} without @cdktf/provider-random`, () => {
    const stderr = kit.runExpectingFailure('npx', ['ts-node', '--transpile-only', 'main.ts'], copies[PASSWORD_EXAMPLE]);
    if (!stderr.includes(MISSING_RANDOM)) throw new Error(`expected "${MISSING_RANDOM}", got: ${stderr.trim().split('\n')[0]}`);
  });

  kit.run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...optionalPeers.map((name) => `${name}@${versions[name]}`)], project);
  console.log(`\n${end} end: ${installedVersions(project)}`);

  // One program for all examples, beside node_modules so that its @types are found.
  fs.writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ extends: `../${ENTRA_ONLY_EXAMPLE}/tsconfig.json`, include: examples.map((name) => `../${name}/main.ts`) }, null, 2),
  );
  check(`${end}: the examples type-check`, () => kit.run('npx', ['tsc', '-p', '.'], project));

  for (const name of examples) {
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
