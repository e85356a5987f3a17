// What the consumer tests (test-consumer.js, test-peers.js, test-cdktn.js) share: a temporary
// project outside the repo, the packed library, one install for many example copies, and commands
// run as a user runs them.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const env = { ...process.env, CHECKPOINT_DISABLE: '1', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1', CI: 'true' };

/** A fresh directory under the system's temporary directory, far from this repo's node_modules. */
function workDir(name) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cdktf-azure-postgres-${name}-`));
}

/** Runs a command, printing it and its output; throws when it exits non-zero. */
function run(command, args, cwd, extraEnv = {}) {
  console.log(`$ (${path.basename(cwd)}) ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd, env: { ...env, ...extraEnv }, stdio: 'inherit' });
}

/** Runs a command and returns what it printed on stdout; throws when it exits non-zero. */
function output(command, args, cwd, extraEnv = {}) {
  console.log(`$ (${path.basename(cwd)}) ${command} ${args.join(' ')}`);
  return execFileSync(command, args, { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
}

/** Runs a command that must fail; returns its exit code and what it printed on stderr. */
function runFailing(command, args, cwd, extraEnv = {}) {
  console.log(`$ (${path.basename(cwd)}) ${command} ${args.join(' ')}   # must fail`);
  try {
    execFileSync(command, args, { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    return { status: error.status, stderr: String(error.stderr) };
  }
  throw new Error(`${command} ${args.join(' ')} succeeded, but must fail`);
}

/** Runs a command that must fail; returns what it printed on stderr. */
function runExpectingFailure(command, args, cwd, extraEnv = {}) {
  return runFailing(command, args, cwd, extraEnv).stderr;
}

/** Packs the package in `dir` (default: this repo, built) into `destination`; returns the tarball's path. */
function pack(destination, dir = root) {
  if (!fs.existsSync(path.join(dir, 'dist', 'index.js'))) throw new Error(`${dir}/dist is missing: run npm run build first`);
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: dir, env, encoding: 'utf8' }))[0];
  console.log(`packed ${packed.filename} (${Math.round(packed.size / 1024)} kB)`);
  return path.join(destination, packed.filename);
}

/** The example folders, each a cdktf app. */
function exampleNames() {
  return fs.readdirSync(examplesDir).filter((name) => fs.statSync(path.join(examplesDir, name)).isDirectory());
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The root package's manifest. */
function libraryManifest() {
  return readJson(path.join(root, 'package.json'));
}

/** Writes a package.json into `dir` and installs it. */
function install(dir, manifest, args = []) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, ...manifest }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...args], dir);
}

/** Copies an example into `work`, sharing the node_modules of `installed`; `transform` may rewrite its main.ts. */
function copyExample(name, work, installed, transform = (source) => source) {
  const dir = path.join(work, name);
  fs.cpSync(path.join(examplesDir, name), dir, { recursive: true, filter: (src) => !/node_modules|cdktf\.out/.test(src) });
  const main = path.join(dir, 'main.ts');
  fs.writeFileSync(main, transform(fs.readFileSync(main, 'utf8')));
  fs.symlinkSync(path.join(installed, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Fails unless `dir` holds a synthesized stack named `name`. */
function expectStack(dir, name, outdir = 'cdktf.out') {
  const stack = path.join(dir, outdir, 'stacks', name, 'cdk.tf.json');
  if (!fs.existsSync(stack)) throw new Error(`${stack} was not written`);
  return readJson(stack);
}

/** Named checks that record a failure and go on, so one run reports every failure. */
class Checks {
  constructor() {
    this.total = 0;
    this.failures = [];
  }

  check(label, body) {
    this.total += 1;
    try {
      body();
    } catch (error) {
      this.failures.push(`${label}: ${error.message.split('\n')[0]}`);
    }
  }
}

/** Prints the outcome, removes the work directory on success and sets the exit code. */
function finish(label, total, failures, work) {
  console.log(`\n${label}: ${total - failures.length} passed, ${failures.length} failed`);
  failures.forEach((failure) => console.error(`  ${failure}`));
  // KEEP_WORK=1 keeps the projects of a passing run too, for inspection.
  if (failures.length === 0 && !process.env.KEEP_WORK) fs.rmSync(work, { recursive: true, force: true });
  else console.error(`  kept for inspection: ${work}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

module.exports = { Checks, root, examplesDir, env, workDir, run, output, runFailing, runExpectingFailure, pack, exampleNames, readJson, libraryManifest, install, copyExample, expectStack, finish };
