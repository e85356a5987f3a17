#!/usr/bin/env node
// npm run test:consumer — proves each example works as a user's copy of it would:
// packs the library, installs the tarball and the examples' dependencies once in a temporary
// directory outside the repo, copies every example there and runs `npx cdktf synth` in it, then
// checks the synthesized stacks with the package's own `cdktf-azure-postgres check`.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-azure-postgres-consumer-'));
const env = { ...process.env, CHECKPOINT_DISABLE: '1', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1', CI: 'true' };

function run(command, args, cwd) {
  console.log(`$ (${path.relative(work, cwd) || path.basename(cwd)}) ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd, env, stdio: 'inherit' });
}

const examples = fs.readdirSync(examplesDir).filter((name) => fs.statSync(path.join(examplesDir, name)).isDirectory());

// 1. Pack the library as it would be published (dist/ must be built: npm run build).
if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run npm run build first');
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, env, encoding: 'utf8' }))[0];
const tarball = path.join(work, packed.filename);
console.log(`packed ${packed.filename} (${Math.round(packed.size / 1024)} kB)`);

// 2. One install for all examples: their dependencies, with the library from the tarball.
const shared = path.join(work, 'shared');
fs.mkdirSync(shared);
const dependencies = {};
const devDependencies = {};
for (const name of examples) {
  const manifest = JSON.parse(fs.readFileSync(path.join(examplesDir, name, 'package.json'), 'utf8'));
  Object.assign(dependencies, manifest.dependencies);
  Object.assign(devDependencies, manifest.devDependencies);
}
dependencies['cdktf-azure-postgres'] = `file:${tarball}`;
fs.writeFileSync(path.join(shared, 'package.json'), JSON.stringify({ name: 'consumer', private: true, dependencies, devDependencies }, null, 2));
run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], shared);

// 3. Each example, copied out of the repo, synthesizes and passes the checks.
const failures = [];
for (const name of examples) {
  const dir = path.join(work, name);
  fs.cpSync(path.join(examplesDir, name), dir, { recursive: true, filter: (src) => !/node_modules|cdktf\.out/.test(src) });
  fs.symlinkSync(path.join(shared, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  try {
    run('npx', ['cdktf', 'synth'], dir);
    const stack = path.join(dir, 'cdktf.out', 'stacks', name, 'cdk.tf.json');
    if (!fs.existsSync(stack)) throw new Error(`${stack} was not written`);
    run('npx', ['cdktf-azure-postgres', 'check', 'cdktf.out'], dir);
  } catch (error) {
    failures.push(`${name}: ${error.message.split('\n')[0]}`);
  }
}

console.log(`\nconsumer examples: ${examples.length - failures.length} passed, ${failures.length} failed`);
failures.forEach((failure) => console.error(`  ${failure}`));
if (failures.length === 0) fs.rmSync(work, { recursive: true, force: true });
process.exitCode = failures.length === 0 ? 0 : 1;
