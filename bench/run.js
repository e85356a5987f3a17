#!/usr/bin/env node
'use strict';
// npm run bench: the library against hand-written baselines. See bench/README.md.
//
//   node bench/run.js [--runs N] [--no-build] [--only synthOne,synth200,scaling,checks,roles50,sarif,moduleCycles,typecheck,npmTest,pack]
//
// Every comparison runs each side in a fresh process, alternating A B A B (one warm-up round, then
// --runs counted rounds, default 5), and reports medians of wall time and peak RSS. Results go to
// bench/results.json and a table on stdout.
const { spawnSync } = require('child_process');
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { compare, measureNode, HAS_GNU_TIME, round1 } = require('./lib/measure');

const ROOT = path.resolve(__dirname, '..');
const PROGRAMS = path.join(__dirname, 'programs');
const TYPECHECK = path.join(__dirname, 'typecheck');
const RESULTS = path.join(__dirname, 'results.json');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'); // what node_modules/.bin/tsc links to
const ENV = { CHECKPOINT_DISABLE: '1', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1', BENCH_PHASES: '1' };
const ALL = ['synthOne', 'synth200', 'scaling', 'checks', 'roles50', 'sarif', 'moduleCycles', 'typecheck', 'npmTest', 'pack'];

const GOALS = {
  'synthOne.wallRatio': { max: 1.10, text: '<= 1.10' },
  'synthOne.rssRatio': { max: 1.10, text: '<= 1.10' },
  'synth200.wallRatio': { max: 1.15, text: '<= 1.15' },
  'synth200.rssRatio': { max: 1.15, text: '<= 1.15' },
  'synth200.perServerMs': { text: 'linear (info)' },
  'typecheck.vsDeepRatio': { max: 1.20, text: '<= 1.20' },
  'checks.overheadRatio': { max: 0.10, text: '<= 0.10' },
  'roles50.wallRatio': { max: 1.15, text: '<= 1.15' },
  'roles50.rssRatio': { max: 1.15, text: '<= 1.15' },
  'sarif.cpuRatio': { max: 1.5, text: '<= 1.5' },
  'moduleCycles.cpuRatio': { max: 1.5, text: '<= 1.5' },
  'npmTestSeconds': { max: 90, text: '<= 90 s' },
  'packKilobytes': { max: 300, text: '<= 300 KB' },
};

function parseOptions(argv) {
  const options = { runs: 5, build: true, only: ALL };
  for (let i = 2; i < argv.length; i++) {
    if (argv[i] === '--runs') options.runs = Number(argv[++i]);
    else if (argv[i] === '--no-build') options.build = false;
    else if (argv[i] === '--only') options.only = argv[++i].split(',');
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 5) throw new Error('--runs must be an integer >= 5');
  for (const name of options.only) if (!ALL.includes(name)) throw new Error(`unknown --only ${name}; one of ${ALL.join(', ')}`);
  return options;
}

const started = Date.now();
function log(message) {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
}

function run(command, args, extra = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...ENV }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...extra });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  return { ...result, wallMs };
}

function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bench-${prefix}-`));
}

// ---------------------------------------------------------------------------------------------
// Synth comparisons

const LIBRARY = path.join(PROGRAMS, 'library-synth.js');
const BASELINE = path.join(PROGRAMS, 'baseline-synth.js');

/** A synth side: a fresh outdir per run, removed afterwards; the warm-up output is kept for checks. */
function synthSide(key, script, servers, extraArgs = [], onWarmup) {
  return {
    key,
    script,
    env: ENV,
    before: () => ({ outdir: tempDir('out') }),
    args: (ctx) => ['--servers', String(servers), '--outdir', ctx.outdir, ...extraArgs],
    after: (ctx, _m, round) => {
      if (round === 0 && onWarmup) onWarmup(readStack(ctx.outdir));
    },
    cleanup: (ctx) => fs.rmSync(ctx.outdir, { recursive: true, force: true }),
  };
}

/**
 * Resources of one default server: subnet, network security group, its 6 rules and the subnet
 * association, private DNS zone and VNet link, server, 11 parameters, Entra administrator,
 * diagnostic setting. (Plus one data source, the provider's subscription, compared under "data".)
 */
const SERVER_RESOURCES = 25;

function readStack(outdir) {
  const dir = path.join(outdir, 'stacks', 'bench');
  return { json: JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')), files: fs.readdirSync(dir).sort() };
}

function countResources(json) {
  return Object.values(json.resource || {}).reduce((n, blocks) => n + Object.keys(blocks).length, 0);
}

/**
 * The two sides must produce the same Terraform: same resources with the same attributes,
 * provider, variables and terraform block. Only the top-level "//" comment may differ (the library
 * writes its suppression list there).
 */
function assertSameTerraform(library, baseline, servers, perServer = SERVER_RESOURCES) {
  for (const key of ['resource', 'provider', 'variable', 'terraform', 'output', 'data', 'locals']) {
    assert.deepStrictEqual(library.json[key], baseline.json[key], `library and baseline differ in "${key}" for ${servers} server(s)`);
  }
  const resources = countResources(baseline.json);
  assert.strictEqual(resources, 3 + perServer * servers, `expected ${3 + perServer * servers} resources, got ${resources}`);
  return { resources, libraryFiles: library.files, baselineFiles: baseline.files };
}

/** library vs baseline for one server count; also checks the outputs are equivalent. */
function synthComparison(label, servers, runs) {
  let libraryOut;
  let equivalence;
  const result = compare(label, [
    synthSide('library', LIBRARY, servers, [], (out) => { libraryOut = out; }),
    synthSide('baseline', BASELINE, servers, [], (out) => { equivalence = assertSameTerraform(libraryOut, out, servers); }),
  ], { runs, cwd: ROOT, log });
  log(`  ${label}: identical Terraform on both sides (${equivalence.resources} resources)`);
  return { ...result, equivalence, servers };
}

/** Ratios of a against b: of the medians (the headline), of CPU time, and the median paired ratio. */
function ratios(a, b) {
  const paired = b.pairedRatioOfFirst;
  return {
    wall: a.wallMs / b.wallMs,
    rss: a.rssKB / b.rssKB,
    cpu: a.cpuMs / b.cpuMs,
    pairedWall: paired ? paired.wall : undefined,
  };
}

function synthOne(options, raw) {
  const r = synthComparison('synthOne', 1, options.runs);
  raw.synthOne = { ...r, ratios: ratios(r.library, r.baseline) };
  return {
    'synthOne.wallRatio': r.library.wallMs / r.baseline.wallMs,
    'synthOne.rssRatio': r.library.rssKB / r.baseline.rssKB,
  };
}

function synth200(options, raw) {
  const r = synthComparison('synth200', 200, options.runs);
  raw.synth200 = { ...r, ratios: ratios(r.library, r.baseline) };
  return {
    'synth200.wallRatio': r.library.wallMs / r.baseline.wallMs,
    'synth200.rssRatio': r.library.rssKB / r.baseline.rssKB,
  };
}

/** Least-squares line through (servers, ms). */
function fit(points) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = points.reduce((s, p) => s + (p[1] - my) ** 2, 0);
  const ssRes = points.reduce((s, p) => s + (p[1] - (intercept + slope * p[0])) ** 2, 0);
  return { slope, intercept, r2: 1 - ssRes / ssTot };
}

/** Library (and baseline, for reference) at 50/100/200 servers: marginal cost per server and linearity. */
function scaling(options, raw) {
  const counts = [50, 100, 200];
  const sides = [];
  for (const n of counts) sides.push(synthSide(`library-${n}`, LIBRARY, n));
  for (const n of counts) sides.push(synthSide(`baseline-${n}`, BASELINE, n));
  const r = compare('scaling', sides, { runs: options.runs, cwd: ROOT, log });
  const describe = (prefix) => {
    const points = counts.map((n) => [n, r[`${prefix}-${n}`].wallMs]);
    const line = fit(points);
    const marginal = [];
    for (let i = 1; i < points.length; i++) {
      marginal.push({ from: points[i - 1][0], to: points[i][0], msPerServer: round1((points[i][1] - points[i - 1][1]) / (points[i][0] - points[i - 1][0])) });
    }
    const rss = counts.map((n) => [n, r[`${prefix}-${n}`].rssKB]);
    const cpu = fit(counts.map((n) => [n, r[`${prefix}-${n}`].cpuMs]));
    return {
      wallMsByServers: Object.fromEntries(points.map(([n, ms]) => [n, ms])),
      rssKBByServers: Object.fromEntries(rss.map(([n, kb]) => [n, kb])),
      perServerMs: round1(line.slope),
      fixedMs: round1(line.intercept),
      r2: Math.round(line.r2 * 10000) / 10000,
      marginal,
      perServerRssKB: round1(fit(rss).slope),
      cpuPerServerMs: round1(cpu.slope),
      cpuR2: Math.round(cpu.r2 * 10000) / 10000,
    };
  };
  raw.scaling = { library: describe('library'), baseline: describe('baseline'), sides: r };
  return { 'synth200.perServerMs': raw.scaling.library.perServerMs };
}

/**
 * The checks' cost on the 200-server synth: the library program as shipped against the same program
 * with the checks switched off (--mode no-checks: PostgresSecurityChecks.applyTo and suppressRules
 * replaced by no-ops, so no validation, no evaluation, no report, no suppression list). The
 * skipValidation variant is measured too, and reported, but it does not remove the checks: the
 * report writer still runs and then evaluates the stack itself.
 */
function checks(options, raw) {
  const r = compare('checks', [
    synthSide('withChecks', LIBRARY, 200, ['--mode', 'checks'], (out) => assertReport(out, true)),
    synthSide('noChecks', LIBRARY, 200, ['--mode', 'no-checks'], (out) => assertReport(out, false)),
    synthSide('skipValidation', LIBRARY, 200, ['--mode', 'skip-validation'], (out) => assertReport(out, true)),
  ], { runs: options.runs, cwd: ROOT, log });
  const added = r.withChecks.wallMs - r.noChecks.wallMs;
  raw.checks = {
    ...r,
    cpuOverheadRatio: (r.withChecks.cpuMs - r.noChecks.cpuMs) / r.noChecks.cpuMs,
    pairedWallRatio: r.noChecks.pairedRatioOfFirst.wall,
    addedWallMs: round1(added),
    addedRssKB: r.withChecks.rssKB - r.noChecks.rssKB,
    overheadOfSynthWithChecks: added / r.withChecks.wallMs,
    skipValidationOverheadRatio: (r.withChecks.wallMs - r.skipValidation.wallMs) / r.skipValidation.wallMs,
    addedSynthPhaseMs: r.withChecks.phasesMs && r.noChecks.phasesMs ? round1(r.withChecks.phasesMs.synth - r.noChecks.phasesMs.synth) : undefined,
  };
  return { 'checks.overheadRatio': added / r.noChecks.wallMs };
}

// ---------------------------------------------------------------------------------------------
// In-database access: 50 servers, each with a database and a DatabaseAccess of 5 Entra roles

const ROLES_SERVERS = 50;
const ROLES_PER_SERVER = 5;
/** Per server: the resources of a default server, its database, 27 in the database, 2 per login role. */
const ROLES_RESOURCES_PER_SERVER = SERVER_RESOURCES + 1 + 27 + 2 * ROLES_PER_SERVER;

function roles50(options, raw) {
  let libraryOut;
  let equivalence;
  const args = ['--roles', String(ROLES_PER_SERVER)];
  const r = compare('roles50', [
    synthSide('library', path.join(PROGRAMS, 'library-roles-synth.js'), ROLES_SERVERS, args, (out) => { libraryOut = out; }),
    synthSide('baseline', path.join(PROGRAMS, 'baseline-roles-synth.js'), ROLES_SERVERS, args, (out) => {
      equivalence = assertSameTerraform(libraryOut, out, ROLES_SERVERS, ROLES_RESOURCES_PER_SERVER);
    }),
  ], { runs: options.runs, cwd: ROOT, log });
  log(`  roles50: identical Terraform on both sides (${equivalence.resources} resources)`);
  raw.roles50 = { ...r, equivalence, servers: ROLES_SERVERS, rolesPerServer: ROLES_PER_SERVER, ratios: ratios(r.library, r.baseline) };
  return {
    'roles50.wallRatio': r.library.wallMs / r.baseline.wallMs,
    'roles50.rssRatio': r.library.rssKB / r.baseline.rssKB,
  };
}

// ---------------------------------------------------------------------------------------------
// check --format sarif against --format json, on one stack of 50 default servers

const CHECK_SERVERS = 50;
const CLI = path.join(ROOT, 'bin', 'cdktf-azure-postgres.js');

/**
 * The check command judges the same stack for every format, so SARIF over JSON is what the SARIF
 * writer adds. A guard, not a timing: locating the findings in the file's text was once quadratic
 * in its size (8 min 40 s at 50 servers, against seconds for the other formats). CPU time, which
 * the other engineers' load moves less than wall time.
 */
function sarif(options, raw) {
  const stack = tempDir('check-stack');
  try {
    const synth = run(process.execPath, [LIBRARY, '--servers', String(CHECK_SERVERS), '--outdir', stack]);
    if (synth.status !== 0) throw new Error(`synth of the ${CHECK_SERVERS}-server stack failed:\n${synth.stdout}\n${synth.stderr}`);
    const side = (format) => ({
      key: format,
      script: CLI,
      env: ENV,
      before: () => ({ dir: tempDir('check-out') }),
      args: (ctx) => ['check', stack, '--format', format, '--output', path.join(ctx.dir, `out.${format}`)],
      after: (ctx, _m, round) => {
        if (round === 0) assert.ok(fs.statSync(path.join(ctx.dir, `out.${format}`)).size > 0, `check --format ${format} wrote nothing`);
      },
      cleanup: (ctx) => fs.rmSync(ctx.dir, { recursive: true, force: true }),
    });
    const r = compare('sarif', [side('sarif'), side('json')], { runs: options.runs, cwd: ROOT, log });
    raw.sarif = { ...r, servers: CHECK_SERVERS, ratios: ratios(r.sarif, r.json) };
    return { 'sarif.cpuRatio': r.sarif.cpuMs / r.json.cpuMs };
  } finally {
    fs.rmSync(stack, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// check on modules that give each other their outputs, against the same modules in a chain

const CYCLE_MODULES = 16;

/**
 * A module's output read as a password gives back what the module is given, other modules' outputs included. A guard, not a
 * timing: modules that all give each other their outputs were read again on every path (10 modules, 63 s; 14, over 200 s: the
 * 61st adversarial run, A61a-4). Both stacks give module a0 a literal password and a role reads the last module's output, so both
 * fail PGD-IAM-2 (exit 1): the dense one has 16 x 15 references to read, the chain 15. CPU time, as for sarif.
 */
function moduleCycles(options, raw) {
  const dir = tempDir('module-cycles');
  try {
    const side = (shape) => {
      // Each in a folder of its own: the gate refuses a stack with other Terraform JSON beside it.
      const file = path.join(dir, shape, 'cdk.tf.json');
      fs.mkdirSync(path.dirname(file));
      fs.writeFileSync(file, JSON.stringify(moduleGraphStack(shape)));
      return {
        key: shape,
        script: CLI,
        env: ENV,
        status: 1,
        args: () => ['check', file],
        after: (_ctx, measured, round) => {
          if (round === 0) assert.match(measured.stdout, /ERROR +PGD-IAM-2 +postgresql_role\.app: .*module\.a0/, `check of the ${shape} modules did not find the password`);
        },
      };
    };
    const r = compare('moduleCycles', [side('dense'), side('chain')], { runs: options.runs, cwd: ROOT, log });
    raw.moduleCycles = { ...r, modules: CYCLE_MODULES, ratios: ratios(r.dense, r.chain) };
    return { 'moduleCycles.cpuRatio': r.dense.cpuMs / r.chain.cpuMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A role whose password is the last module's output; module a0 is given the literal password; `dense`: each given every other's output. */
function moduleGraphStack(shape) {
  const names = Array.from({ length: CYCLE_MODULES }, (_, i) => `a${i}`);
  const given = (i) => (shape === 'dense' ? names.filter((_, j) => j !== i) : i > 0 ? [names[i - 1]] : []);
  const module = Object.fromEntries(names.map((name, i) => [name, {
    source: `./modules/${name}`,
    ...Object.fromEntries(given(i).map((other) => [`from_${other}`, `\${module.${other}.out}`])),
    ...(i === 0 ? { password: 'Lit3ral-bench-password' } : {}),
  }]));
  return {
    provider: { postgresql: [{ host: 'db.example.com', azure_identity_auth: true, superuser: false, sslmode: 'verify-full' }] },
    module,
    resource: { postgresql_role: { app: { name: 'app', login: true, password: `\${module.${names[names.length - 1]}.out}` } } },
  };
}

/** With the checks, the report and the library's lists in "//"; without them, neither. */
function assertReport(out, expected) {
  const has = out.files.includes('postgres-security-report.json');
  assert.strictEqual(has, expected, `security report ${expected ? 'missing' : 'present'}: ${out.files.join(', ')}`);
  const lists = Object.keys(out.json['//'] || {}).filter((key) => key.startsWith('cdktf-azure-postgres-'));
  assert.strictEqual(lists.length > 0, expected, `the library's lists in "//" ${expected ? 'missing' : 'present'}: ${lists.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// Typecheck

/** The options of `cdktf init --template typescript`, minus emit-only ones, for one file. */
function writeTsconfig(dir, name) {
  const file = path.join(dir, `tsconfig.${name}.json`);
  fs.writeFileSync(file, JSON.stringify({
    compilerOptions: {
      alwaysStrict: true,
      declaration: true,
      experimentalDecorators: true,
      lib: ['es2018'],
      module: 'CommonJS',
      moduleResolution: 'node10',
      noFallthroughCasesInSwitch: true,
      noImplicitAny: true,
      noImplicitReturns: true,
      noImplicitThis: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      resolveJsonModule: true,
      strict: true,
      strictNullChecks: true,
      strictPropertyInitialization: true,
      stripInternal: true,
      target: 'ES2018',
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      // The consumer imports the built package by name, through its published types.
      paths: { 'cdktf-azure-postgres': [path.join(ROOT, 'dist', 'index.d.ts')] },
    },
    files: [path.join(TYPECHECK, `${name}.ts`)],
  }, null, 2));
  return file;
}

function typecheck(options, raw) {
  const dir = tempDir('tsc');
  try {
    const side = (key, name) => ({
      key,
      script: TSC,
      args: () => ['--noEmit', '-p', writeTsconfig(dir, name)],
    });
    // Files each program loads, for the record (and proof that the library resolves to dist/).
    const listFiles = (name) => {
      const out = run(process.execPath, [TSC, '--noEmit', '--listFiles', '-p', writeTsconfig(dir, name)]);
      if (out.status !== 0) throw new Error(`tsc failed on bench/typecheck/${name}.ts:\n${out.stdout}${out.stderr}`);
      const files = out.stdout.trim().split('\n');
      return { files: files.length, providerFiles: files.filter((f) => f.includes('@cdktf/provider-azurerm')).length, distFiles: files.filter((f) => f.startsWith(path.join(ROOT, 'dist'))).length };
    };
    const files = { library: listFiles('library'), deepBaseline: listFiles('baseline-deep') };
    assert(files.library.distFiles > 0, 'the library consumer did not load dist/*.d.ts');
    const r = compare('typecheck', [
      side('library', 'library'),
      side('deepBaseline', 'baseline-deep'),
    ], { runs: options.runs, cwd: ROOT, log });
    raw.typecheck = { ...r, files, vsDeep: ratios(r.library, r.deepBaseline) };
    return {
      'typecheck.vsDeepRatio': r.library.wallMs / r.deepBaseline.wallMs,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// npm test and the package

function npmTest(_options, raw) {
  log('npm test (one run)...');
  const result = run('npm', ['test'], { env: { ...process.env, CHECKPOINT_DISABLE: '1', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' } });
  const output = `${result.stdout}\n${result.stderr}`;
  const summary = ['Test Suites:', 'Tests:'].map((p) => (output.split('\n').find((l) => l.startsWith(p)) || '').trim()).filter(Boolean);
  const failedSuites = [...new Set(output.split('\n').filter((l) => l.startsWith('FAIL ')).map((l) => l.slice(5).trim()))];
  const failedTests = [...new Set(output.split('\n').filter((l) => /^\s+● /.test(l) && !l.includes('● Console')).map((l) => l.trim().slice(2)))].slice(0, 30);
  raw.npmTest = { wallMs: round1(result.wallMs), exitCode: result.status, summary, failedSuites, failedTests };
  log(`  npm test: ${(result.wallMs / 1000).toFixed(1)} s, exit ${result.status}; ${summary.join('; ')}`);
  return { npmTestSeconds: result.wallMs / 1000 };
}

function pack(_options, raw) {
  const dir = tempDir('pack');
  try {
    // --ignore-scripts: dist/ was just built; "prepare" would rebuild it and print to stdout.
    const result = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir]);
    if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
    const info = JSON.parse(result.stdout)[0];
    const tarball = path.join(dir, info.filename);
    const bytes = fs.statSync(tarball).size;
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const runtimeDependencies = Object.keys(manifest.dependencies || {});
    const bundled = manifest.bundleDependencies || manifest.bundledDependencies || [];
    // How much of the packed JavaScript is inline source maps (jsii's default: map + sources, base64).
    let inlineSourceMapBytes = 0;
    for (const f of info.files.filter((x) => x.path.endsWith('.js'))) {
      const text = fs.readFileSync(path.join(ROOT, f.path), 'utf8');
      const at = text.indexOf('//# sourceMappingURL=data:');
      if (at >= 0) inlineSourceMapBytes += Buffer.byteLength(text.slice(at));
    }
    const largest = [...info.files].sort((a, b) => b.size - a.size).slice(0, 5).map((f) => `${f.path} ${(f.size / 1024).toFixed(1)} KB`);
    raw.pack = {
      filename: info.filename,
      bytes,
      unpackedBytes: info.unpackedSize,
      entryCount: info.entryCount,
      largestFiles: largest,
      inlineSourceMapBytes,
      runtimeDependencies,
      bundledDependencies: bundled,
      peerDependencies: manifest.peerDependencies || {},
      // No runtime dependency at all, not even bundled: what the package needs is a peer (optional
      // where only some constructs need it), and what the audit command needs it loads when it runs.
      noRuntimeDependencies: runtimeDependencies.length === 0 && bundled.length === 0,
    };
    log(`  npm pack: ${info.filename} ${(bytes / 1024).toFixed(1)} KB (${info.entryCount} files); runtime dependencies: ${runtimeDependencies.length ? `${runtimeDependencies.join(', ')} (bundled: ${bundled.join(', ') || 'none'})` : 'none'}`);
    return { packKilobytes: bytes / 1024 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

function build() {
  log('npm run build (jsii writes dist/)...');
  const result = run('npm', ['run', 'build']);
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
  log(`  built in ${(result.wallMs / 1000).toFixed(1)} s`);
}

function format(key, value) {
  if (value === null || value === undefined) return 'not run';
  if (key === 'npmTestSeconds') return `${value.toFixed(1)} s`;
  if (key === 'packKilobytes') return `${value.toFixed(1)} KB`;
  if (key === 'synth200.perServerMs') return `${value.toFixed(1)} ms`;
  return value.toFixed(3);
}

function verdict(key, value, raw) {
  if (value === null || value === undefined) return '-';
  const goal = GOALS[key];
  if (key === 'synth200.perServerMs') {
    const s = raw.scaling && raw.scaling.library;
    return s && s.r2 >= 0.99 ? `linear (R2 ${s.r2})` : `check (R2 ${s ? s.r2 : '?'})`;
  }
  let ok = value <= goal.max;
  if (key === 'packKilobytes' && raw.pack && !raw.pack.noRuntimeDependencies) ok = false;
  if (key === 'npmTestSeconds' && raw.npmTest && raw.npmTest.exitCode !== 0) return ok ? 'PASS (time; tests FAILED)' : 'FAIL (tests FAILED)';
  return ok ? 'PASS' : 'FAIL';
}

function printTable(figures, raw) {
  const rows = Object.keys(GOALS).map((key) => [key, format(key, figures[key]), GOALS[key].text, verdict(key, figures[key], raw)]);
  const head = ['figure', 'value', 'goal', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  rows.forEach((r) => console.log(line(r)));
  const m = (side) => `${(side.wallMs / 1000).toFixed(3)} s / ${(side.rssKB / 1024).toFixed(1)} MiB / ${(side.cpuMs / 1000).toFixed(2)} s`;
  const x = (r) => `ratios: wall ${r.wall.toFixed(3)} (paired ${r.pairedWall.toFixed(3)}), CPU ${r.cpu.toFixed(3)}, RSS ${r.rss.toFixed(3)}`;
  console.log('\nMedians (wall / peak RSS / CPU user+sys):');
  if (raw.synthOne) console.log(`  synthOne   library ${m(raw.synthOne.library)}   baseline ${m(raw.synthOne.baseline)}\n             ${x(raw.synthOne.ratios)}`);
  if (raw.synth200) console.log(`  synth200   library ${m(raw.synth200.library)}   baseline ${m(raw.synth200.baseline)}\n             ${x(raw.synth200.ratios)}`);
  if (raw.roles50) console.log(`  roles50    library ${m(raw.roles50.library)}   baseline ${m(raw.roles50.baseline)}\n             ${x(raw.roles50.ratios)}`);
  if (raw.sarif) console.log(`  sarif      check --format sarif ${m(raw.sarif.sarif)}   --format json ${m(raw.sarif.json)}\n             ${x(raw.sarif.ratios)}`);
  if (raw.moduleCycles) console.log(`  modules    check, ${raw.moduleCycles.modules} modules each given every other's output ${m(raw.moduleCycles.dense)}   in a chain ${m(raw.moduleCycles.chain)}\n             ${x(raw.moduleCycles.ratios)}`);
  if (raw.scaling) {
    for (const side of ['library', 'baseline']) {
      const s = raw.scaling[side];
      console.log(`  scaling    ${side.padEnd(8)} ${Object.entries(s.wallMsByServers).map(([n, ms]) => `${n}: ${(ms / 1000).toFixed(3)} s`).join(', ')}; ${s.perServerMs} ms/server + ${s.fixedMs} ms fixed, R2 ${s.r2}; marginal ${s.marginal.map((x) => `${x.from}->${x.to}: ${x.msPerServer}`).join(', ')} ms/server; CPU ${s.cpuPerServerMs} ms/server, R2 ${s.cpuR2}`);
    }
  }
  if (raw.checks) {
    console.log(`  checks     with ${m(raw.checks.withChecks)}   without ${m(raw.checks.noChecks)}   skipValidation ${m(raw.checks.skipValidation)}`);
    console.log(`             added ${raw.checks.addedWallMs} ms (${(raw.checks.overheadOfSynthWithChecks * 100).toFixed(1)}% of the synth with checks); CPU overhead ${raw.checks.cpuOverheadRatio.toFixed(3)}, paired wall ratio ${raw.checks.pairedWallRatio.toFixed(3)}`);
    console.log(`             skipValidation instead of no-checks would show ${raw.checks.skipValidationOverheadRatio.toFixed(3)}: it does not remove the checks (see README)`);
  }
  if (raw.typecheck) {
    console.log(`  typecheck  library ${m(raw.typecheck.library)}   deep ${m(raw.typecheck.deepBaseline)}`);
    console.log(`             vs deep ${x(raw.typecheck.vsDeep)}`);
  }
  if (raw.npmTest) console.log(`  npm test   ${(raw.npmTest.wallMs / 1000).toFixed(1)} s, exit ${raw.npmTest.exitCode}; ${raw.npmTest.summary.join('; ')}`);
  if (raw.pack) console.log(`  pack       ${raw.pack.filename} ${(raw.pack.bytes / 1024).toFixed(1)} KB, ${raw.pack.entryCount} files, ${(raw.pack.unpackedBytes / 1024).toFixed(0)} KB unpacked of which ${(raw.pack.inlineSourceMapBytes / 1024).toFixed(0)} KB inline source maps; runtime dependencies: ${raw.pack.runtimeDependencies.length ? raw.pack.runtimeDependencies.join(', ') : 'none'}`);
}

function main() {
  const options = parseOptions(process.argv);
  if (options.build) build();
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run npm run build (or drop --no-build)');
  const raw = {
    environment: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0] && os.cpus()[0].model,
      loadavgAtStart: os.loadavg().map((x) => round1(x)),
      measuredWith: HAS_GNU_TIME ? 'wall: process.hrtime around spawnSync; peak RSS and CPU: /usr/bin/time -f %e,%M,%U,%S' : 'wall: process.hrtime around spawnSync; peak RSS: process.resourceUsage().maxRSS at exit',
      runs: options.runs,
      warmup: 1,
      startedAt: new Date(started).toISOString(),
    },
  };
  const figures = Object.fromEntries(Object.keys(GOALS).map((k) => [k, null]));
  const steps = { synthOne, synth200, scaling, checks, roles50, sarif, moduleCycles, typecheck, npmTest, pack };
  for (const name of ALL) {
    if (!options.only.includes(name)) continue;
    log(`${name}...`);
    Object.assign(figures, steps[name](options, raw));
  }
  raw.environment.loadavgAtEnd = os.loadavg().map((x) => round1(x));
  raw.environment.totalSeconds = round1((Date.now() - started) / 1000);
  const rounded = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v === null ? null : Math.round(v * 1000) / 1000]));
  fs.writeFileSync(RESULTS, `${JSON.stringify({ ...rounded, raw }, null, 2)}\n`);
  console.log('');
  printTable(figures, raw);
  console.log(`\nWrote ${path.relative(ROOT, RESULTS)} in ${raw.environment.totalSeconds} s.`);
}

try {
  main();
} catch (error) {
  console.error(error && error.stack ? error.stack : error);
  process.exitCode = 1;
}
