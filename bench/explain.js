#!/usr/bin/env node
'use strict';
// Where the library's extra synth time goes:
//   node bench/explain.js [--servers N] [--roles R] [--repeat R] [--dist DIR] [--cpu]
// (--dist: load the library from another build's dist/ directory, e.g. to try a fix; --roles: each
// server also gets the database "orders" and a DatabaseAccess of R Entra roles, as in roles50:
// --servers 50 --roles 5; --cpu: the timers read the process's CPU time, user + system, instead of
// the wall clock, which other processes on a busy machine stretch.)
//
// Runs the library program (as shipped, and with the checks off) and the baseline program R times
// each (default 7), each in a fresh process, with timers wrapped around cdktf's and the checks'
// entry points, and prints the medians side by side: module loading (count and size of what the
// library loads beyond the baseline), construction, prepareStack, validations (and inside them
// every stack.toTerraform() call and the rule evaluation), the posture report, the final
// toTerraform and the write of cdk.tf.json. Diagnostic only: npm run bench does not use it.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BASELINE_MODULES = [
  'data-azurerm-client-config', 'subnet', 'network-security-group', 'network-security-rule', 'subnet-network-security-group-association',
  'private-dns-zone', 'private-dns-zone-virtual-network-link', 'postgresql-flexible-server',
  'postgresql-flexible-server-configuration', 'postgresql-flexible-server-active-directory-administrator', 'monitor-diagnostic-setting',
];
const BASELINE_POSTGRESQL_MODULES = ['provider', 'extension', 'grant', 'default-privileges', 'role', 'security-label'];

if (process.argv[2] === '--child') child(process.argv[3], Number(process.argv[4]), process.argv[5], process.argv[6], Number(process.argv[7]));
else parent();

function parent() {
  let servers = 200;
  let repeat = 7;
  let roles = 0;
  let dist = '';
  let clock = 'wall';
  for (let i = 2; i < process.argv.length; i += 2) {
    if (process.argv[i] === '--cpu') {
      clock = 'cpu';
      i -= 1;
      continue;
    }
    if (process.argv[i] === '--servers') servers = Number(process.argv[i + 1]);
    else if (process.argv[i] === '--repeat') repeat = Number(process.argv[i + 1]);
    else if (process.argv[i] === '--roles') roles = Number(process.argv[i + 1]);
    else if (process.argv[i] === '--dist') dist = path.resolve(process.argv[i + 1]);
    else throw new Error(`unknown option ${process.argv[i]}`);
  }
  const sides = ['library', 'no-checks', 'baseline'];
  const samples = Object.fromEntries(sides.map((s) => [s, []]));
  for (let r = 0; r < repeat + 1; r++) {
    for (const side of sides) {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-explain-'));
      try {
        const result = spawnSync(process.execPath, [__filename, '--child', side, String(servers), outdir, dist, String(roles)], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', BENCH_EXPLAIN_CLOCK: clock } });
        if (result.status !== 0) throw new Error(`${side} failed:\n${result.stderr}`);
        if (r > 0) samples[side].push(JSON.parse(result.stdout.trim().split('\n').pop()));
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }
  }
  const med = (list) => { const s = [...list].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  const keys = [...new Set(sides.flatMap((s) => samples[s].flatMap((x) => Object.keys(x.ms))))];
  const table = keys.map((k) => [k, ...sides.map((s) => (samples[s][0].ms[k] === undefined ? '' : med(samples[s].map((x) => x.ms[k])).toFixed(1)))]);
  console.log(`${servers} server(s)${roles ? ` with ${roles} roles each` : ''}, medians of ${repeat} runs per side (ms of ${clock === 'cpu' ? 'CPU time, user + system' : 'wall time'}, in-process timers; process start not included)\n`);
  const head = ['phase', ...sides];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  table.forEach((r) => console.log(line(r)));
  for (const side of sides) {
    const info = samples[side][0].info;
    console.log(`\n${side}: ${JSON.stringify(info)}`);
  }
}

function child(side, servers, outdir, dist, roles) {
  const ms = {};
  const info = {};
  const now = process.env.BENCH_EXPLAIN_CLOCK === 'cpu'
    ? () => { const usage = process.cpuUsage(); return (usage.user + usage.system) / 1000; }
    : () => Number(process.hrtime.bigint()) / 1e6;
  const time = (key, fn) => { const t = now(); try { return fn(); } finally { ms[key] = (ms[key] || 0) + now() - t; } };
  const wrap = (obj, name, key, extra) => {
    const original = obj[name];
    obj[name] = function wrapped(...args) {
      if (extra) extra(args);
      return time(key, () => original.apply(this, args));
    };
  };

  const t0 = now();
  const cdktf = require('cdktf');
  const context = require('./programs/context');
  for (const m of BASELINE_MODULES) require(`@cdktf/provider-azurerm/lib/${m}`);
  if (roles) for (const m of BASELINE_POSTGRESQL_MODULES) require(`@cdktf/provider-postgresql/lib/${m}`);
  ms['load: cdktf + provider classes of the baseline'] = now() - t0;
  const before = new Set(Object.keys(require.cache));

  // cdktf entry points
  let inValidation = false;
  const { TerraformStack } = cdktf;
  const originalValidations = TerraformStack.prototype.runAllValidations;
  TerraformStack.prototype.runAllValidations = function runAllValidations() {
    inValidation = true;
    try { return time('synth: validations (all)', () => originalValidations.apply(this)); } finally { inValidation = false; }
  };
  const originalToTerraform = TerraformStack.prototype.toTerraform;
  TerraformStack.prototype.toTerraform = function toTerraform() {
    const key = inValidation ? 'synth:   stack.toTerraform() inside validations' : 'synth: stack.toTerraform() for cdk.tf.json';
    info.toTerraformCalls = (info.toTerraformCalls || 0) + 1;
    return time(key, () => originalToTerraform.apply(this));
  };
  wrap(TerraformStack.prototype, 'prepareStack', 'synth: prepareStack (cdktf)');
  const originalWrite = fs.writeFileSync;
  fs.writeFileSync = function writeFileSync(file, data, ...rest) {
    const name = path.basename(String(file));
    const key = name.startsWith('postgres-security-report') ? 'synth: report files written' : name === 'cdk.tf.json' ? 'synth: cdk.tf.json stringify + write' : 'synth: other files written';
    if (name.startsWith('postgres-security-report')) info.reportBytes = (info.reportBytes || 0) + Buffer.byteLength(data);
    return time(key, () => originalWrite.call(this, file, data, ...rest));
  };

  // The checks' report is written by a custom synthesis step; the library registers it through
  // this module's export, also from the bundle.
  const synthesizer = require('cdktf/lib/synthesize/synthesizer');
  const addCustomSynthesis = synthesizer.addCustomSynthesis;
  synthesizer.addCustomSynthesis = (construct, synthesis) => addCustomSynthesis(construct, {
    onSynthesize: (session) => time('synth: report (custom synthesis step, whole)', () => synthesis.onSynthesize(session)),
  });

  let lib;
  if (side !== 'baseline') {
    const t1 = now();
    lib = require(dist ? path.join(dist, 'index.js') : 'cdktf-azure-postgres');
    ms['load: cdktf-azure-postgres (beyond the above)'] = now() - t1;
    const added = Object.keys(require.cache).filter((f) => !before.has(f));
    const distRoot = dist || path.join(ROOT, 'dist');
    // dist/core.js is the bundled rule pack (with the few helpers the command line shares).
    const group = (f) => (f.startsWith(distRoot) ? (f.includes(`${path.sep}checks${path.sep}`) || f === path.join(distRoot, 'core.js') ? 'dist/checks' : 'dist/other') : 'provider classes a default server does not use');
    info.extraModules = {};
    for (const f of added) {
      const g = group(f);
      info.extraModules[g] = info.extraModules[g] || { modules: 0, kb: 0 };
      info.extraModules[g].modules++;
      info.extraModules[g].kb = Math.round(info.extraModules[g].kb + fs.statSync(f).size / 1024);
    }
    const distDir = dist || path.dirname(require.resolve('cdktf-azure-postgres'));
    // A per-file build (not bundled by scripts/bundle.js) calls its modules through their exports,
    // so the rule evaluation and the report's parts can be timed there. The bundle calls its own
    // copies: then only the custom synthesis step as a whole (the report) is timed, and the rule
    // evaluation is about "validations (all)" minus the toTerraform() inside them.
    if (!fs.readFileSync(path.join(distDir, 'index.js'), 'utf8').startsWith('// Bundled by scripts/bundle.js')) {
      const own = (name) => require(path.join(distDir, 'checks', name));
      wrap(own('evaluate.js'), 'evaluateStack', 'synth:   rule evaluation (evaluateStack)');
      wrap(own('report.js'), 'buildReport', 'synth: report: buildReport');
      wrap(own('report-markdown.js'), 'renderMarkdown', 'synth: report: renderMarkdown');
    }
    if (side === 'no-checks') lib.PostgresSecurityChecks.applyTo = () => {};
  }

  const app = new cdktf.App({ outdir });
  const t2 = now();
  const ctx = context.createStack(app);
  if (side === 'no-checks') {
    // As library-synth.js --mode no-checks: the library's lists in "//" are not written.
    const addOverride = ctx.stack.addOverride.bind(ctx.stack);
    ctx.stack.addOverride = (p, value) => {
      if (!p.startsWith('//.cdktf-azure-postgres-')) addOverride(p, value);
    };
  }
  if (lib) {
    for (let i = 0; i < servers; i++) {
      const s = context.serverInputs(i);
      const server = new lib.SecureFlexibleServer(ctx.stack, s.id, {
        name: s.name,
        resourceGroupName: ctx.resourceGroupName,
        location: ctx.location,
        network: lib.FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: ctx.virtualNetworkId, subnetAddressPrefix: s.subnetAddressPrefix }),
        tenantId: ctx.tenantId,
        entraAdministrators: [{ objectId: ctx.adminGroupObjectId, principalName: ctx.adminGroupName, principalType: lib.EntraPrincipalType.GROUP }],
        diagnosticSettings: lib.DiagnosticSettings.logAnalytics(ctx.workspaceId),
        ...(roles ? { databases: [{ name: context.ROLES_DATABASE }] } : {}),
        tags: s.tags,
      });
      if (roles) {
        // As library-roles-synth.js.
        const levels = { readonly: lib.AccessLevel.READ_ONLY, readwrite: lib.AccessLevel.READ_WRITE, owner: lib.AccessLevel.OWNER };
        const types = { User: lib.EntraPrincipalType.USER, Group: lib.EntraPrincipalType.GROUP, ServicePrincipal: lib.EntraPrincipalType.SERVICE_PRINCIPAL };
        const accessRoles = [];
        for (let j = 0; j < roles; j++) {
          const role = context.roleInputs(i, j);
          accessRoles.push({ name: role.name, database: context.ROLES_DATABASE, access: levels[role.level], member: lib.DatabasePrincipal.entra({ objectId: role.objectId, principalType: types[role.principalType] }) });
        }
        new lib.DatabaseAccess(ctx.stack, `Access${i}`, { server, connectAs: { principalName: ctx.adminGroupName }, databases: [context.ROLES_DATABASE], roles: accessRoles });
      }
    }
  } else {
    // The baseline program's server function, loaded without running its main part.
    // With --roles, baseline-roles-synth.js's, and its addAccess.
    const source = fs.readFileSync(path.join(__dirname, 'programs', roles ? 'baseline-roles-synth.js' : 'baseline-synth.js'), 'utf8');
    const body = source.slice(0, source.indexOf('const args = parseArgs'));
    const factory = new Function('require', '__dirname', `${body}; return { addServer, addAccess: typeof addAccess === 'function' ? addAccess : undefined };`);
    const { addServer, addAccess } = factory((id) => require(id.startsWith('./') ? path.join(__dirname, 'programs', id) : id), path.join(__dirname, 'programs'));
    for (let i = 0; i < servers; i++) {
      if (!roles) addServer(ctx, context.serverInputs(i));
      else addAccess(ctx, i, addServer(ctx, context.serverInputs(i), [context.ROLES_DATABASE]), roles);
    }
  }
  ms['construct'] = now() - t2;
  const t3 = now();
  app.synth();
  ms['synth (app.synth() total)'] = now() - t3;
  ms['total in-process'] = now() - t0;
  info.heapUsedMB = Math.round(process.memoryUsage().heapUsed / 1048576);
  info.maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ ms, info })}\n`);
}
