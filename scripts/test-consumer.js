#!/usr/bin/env node
// npm run test:consumer — proves each example works as a user's copy of it would:
// packs the library, installs the tarball and the examples' dependencies once in a temporary
// directory outside the repo, copies every example there and runs `npx cdktf synth` in it, then
// checks the synthesized stacks with the package's own `cdktf-azure-postgres check`.
'use strict';
const path = require('path');
const kit = require('./consumer-kit');

const work = kit.workDir('consumer');
const examples = kit.exampleNames();

// 1. Pack the library as it would be published (dist/ must be built: npm run build).
const tarball = kit.pack(work);

// 2. One install for all examples: their dependencies, with the library from the tarball.
const shared = path.join(work, 'shared');
const dependencies = {};
const devDependencies = {};
for (const name of examples) {
  const manifest = kit.readJson(path.join(kit.examplesDir, name, 'package.json'));
  Object.assign(dependencies, manifest.dependencies);
  Object.assign(devDependencies, manifest.devDependencies);
}
dependencies['cdktf-azure-postgres'] = `file:${tarball}`;
kit.install(shared, { dependencies, devDependencies });

// 3. Each example, copied out of the repo, synthesizes and passes the checks.
const failures = [];
for (const name of examples) {
  const dir = kit.copyExample(name, work, shared);
  try {
    kit.run('npx', ['cdktf', 'synth'], dir);
    kit.expectStack(dir, name);
    kit.run('npx', ['cdktf-azure-postgres', 'check', 'cdktf.out'], dir);
  } catch (error) {
    failures.push(`${name}: ${error.message.split('\n')[0]}`);
  }
}

kit.finish('consumer examples', examples.length, failures, work);
