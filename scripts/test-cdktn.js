#!/usr/bin/env node
// npm run test:cdktn — proves cdktn-azure-postgres (the library for CDK Terrain, built by
// scripts/build-cdktn.js) in a cdktn project outside the repo: it installs the packed package
// next to cdktn and @cdktn/provider-* at the versions it declares (and no cdktf at all), copies
// every example with its imports turned to cdktn, type-checks them, synthesizes each with
// ts-node and app.synth() (cdktn-cli needs Node >= 22.19, so `cdktn synth` itself is not run
// here) and runs the package's `cdktn-azure-postgres check` on the output. Each stack must equal
// the one the cdktf package synthesizes from the same example, apart from the framework and
// provider versions and the local state path: moving a stack between the two changes no resource.
// CDK Terrain has not published every provider package the library can use (see UNPUBLISHED
// below): an example that needs one is type-checked, and must fail at synth with the error that
// says so, but is left out of the synthesis comparison, with the reason printed.
'use strict';
const fs = require('fs');
const path = require('path');
const { isDeepStrictEqual } = require('util');
const kit = require('./consumer-kit');
const { build, toCdktn } = require('./build-cdktn');

const work = kit.workDir('cdktn');
const packageDir = build();
const cdktnPackage = kit.readJson(path.join(packageDir, 'package.json'));
const tarball = kit.pack(work, packageDir);
const library = kit.libraryManifest();

// The peers CDK Terrain has not published: the manifest declares them with the range "*" (which
// test/package.test.ts keeps in step with lib/private/optional-peer.ts).
const UNPUBLISHED = Object.keys(cdktnPackage.peerDependencies).filter((name) => cdktnPackage.peerDependencies[name] === '*');
const NOT_PUBLISHED = 'a CDK Terrain provider package that is not published on npm yet';

// The peers at the versions the package declares (those that exist), and the tools a TypeScript project has.
const project = path.join(work, 'project');
const tools = Object.fromEntries(['typescript', 'ts-node', '@types/node'].map((name) => [name, library.devDependencies[name]]));
const publishedPeers = Object.fromEntries(Object.entries(cdktnPackage.peerDependencies).filter(([name]) => !UNPUBLISHED.includes(name)));
kit.install(project, {
  dependencies: { [cdktnPackage.name]: `file:${tarball}`, ...publishedPeers },
  devDependencies: tools,
  // @cdktn/provider-azurerm 16.1.0 declares a peer cdktn@^0.23.0 although it runs on 0.24: the
  // override (the recipe the README gives) keeps every other peer check, unlike --legacy-peer-deps.
  overrides: { '@cdktn/provider-azurerm': { cdktn: '$cdktn' } },
});

const checks = new kit.Checks();
const check = (label, body) => checks.check(label, body);

check('the project has no cdktf: the library runs on cdktn alone', () => {
  const strays = ['cdktf', '@cdktf'].filter((name) => fs.existsSync(path.join(project, 'node_modules', name)));
  if (strays.length > 0) throw new Error(`node_modules holds ${strays.join(', ')}`);
});

const examples = kit.exampleNames();
const toCdktnProject = (source) => toCdktn(source).replace(/'cdktf-azure-postgres'/g, `'${cdktnPackage.name}'`);
const copies = Object.fromEntries(examples.map((name) => [name, kit.copyExample(name, work, project, toCdktnProject)]));

fs.writeFileSync(
  path.join(project, 'tsconfig.json'),
  JSON.stringify({ extends: `../${examples[0]}/tsconfig.json`, include: examples.map((name) => `../${name}/main.ts`) }, null, 2),
);
check('the examples type-check against cdktn and @cdktn/provider-*', () => kit.run('npx', ['tsc', '-p', '.'], project));

/** The stack as the cdktf package synthesizes the example, from this repo's build. */
function cdktfStack(name) {
  const outdir = path.join(work, 'cdktf-reference');
  kit.run('npx', ['ts-node', '-r', './scripts/resolve-self.js', '--transpile-only', `examples/${name}/main.ts`], kit.root, { CDKTF_OUTDIR: outdir });
  return kit.expectStack(outdir, name, '.');
}

/** Leaves out what differs by design: the framework's version, provider versions, the state path. */
function comparable(stack) {
  const copy = JSON.parse(JSON.stringify(stack));
  delete copy['//'].metadata.version;
  delete copy.terraform.backend;
  Object.values(copy.terraform.required_providers).forEach((provider) => delete provider.version);
  return copy;
}

/** The unpublished @cdktn packages an example needs: those whose @cdktf counterparts it depends on. */
function unpublishedNeeds(name) {
  const dependencies = Object.keys(kit.readJson(path.join(kit.examplesDir, name, 'package.json')).dependencies).map((dep) => toCdktn(`'${dep}'`).slice(1, -1));
  return dependencies.filter((dep) => UNPUBLISHED.includes(dep));
}

for (const name of examples) {
  const needs = unpublishedNeeds(name);
  if (needs.length > 0) {
    console.log(`${name} is left out of the synthesis comparison: it needs ${needs.join(' and ')}, which CDK Terrain has not published on npm yet.`);
    check(`${name} fails at synth with the error that says ${needs[0]} is not published`, () => {
      const stderr = kit.runExpectingFailure('npx', ['ts-node', '--transpile-only', 'main.ts'], copies[name]);
      if (!stderr.includes(`needs ${needs[0]}, ${NOT_PUBLISHED}`)) throw new Error(`expected "needs ${needs[0]}, ${NOT_PUBLISHED}", got: ${stderr.trim().split('\n')[0]}`);
    });
    continue;
  }
  check(name, () => {
    kit.run('npx', ['ts-node', '--transpile-only', 'main.ts'], copies[name]);
    const stack = kit.expectStack(copies[name], name);
    const libraryRandom = (stack.provider?.random ?? []).filter((config) => config.alias === 'cdktf_azure_postgres_random');
    if (stack.resource.random_password && libraryRandom.length !== 1) throw new Error('the generated password has no library random provider');
    // The rule pack ran inside cdktn's synth: it wrote its report beside the stack.
    if (!fs.existsSync(path.join(copies[name], 'cdktf.out', 'stacks', name, 'postgres-security-report.json'))) throw new Error('no security report was written');
    kit.run('npx', ['cdktn-azure-postgres', 'check', 'cdktf.out'], copies[name]);
    if (!isDeepStrictEqual(comparable(stack), comparable(cdktfStack(name)))) throw new Error('the stack differs from the one the cdktf package synthesizes');
  });
}

const versions = ['cdktn', 'constructs', '@cdktn/provider-azurerm', '@cdktn/provider-random']
  .map((name) => `${name}@${kit.readJson(path.join(project, 'node_modules', name, 'package.json')).version}`)
  .join(', ');
console.log(`\ncdktn project: ${versions}`);
kit.finish('cdktn consumer', checks.total, checks.failures, work);
