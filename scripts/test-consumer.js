#!/usr/bin/env node
// npm run test:consumer — proves each example works as a user's copy of it would:
// packs the library, installs the tarball and the examples' dependencies once in a temporary
// directory outside the repo, copies every example there and runs `npx cdktf synth` in it, then
// checks the synthesized stacks with the package's own `cdktf-azure-postgres check`. Then the
// pipeline recipes of docs/pipelines.md, every command but `npm ci`, in a copy of an example; the
// light checker: `check` in a project where only the packed library is installed (no cdktf, no
// providers); last, the `audit-roles` command in that project, which has neither pg nor
// @azure/identity (they are not dependencies of the package): its help works, and an audit says
// which package to install.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const kit = require('./consumer-kit');
const pipelines = require('./pipeline-recipes');

const AUDITED_EXAMPLE = 'flexible-database-roles';

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

const checks = new kit.Checks();
const check = (label, body) => checks.check(label, body);

// 3. Each example, copied out of the repo, synthesizes and passes the checks.
const copies = {};
for (const name of examples) {
  check(name, () => {
    copies[name] = kit.copyExample(name, work, shared);
    kit.run('npx', ['cdktf', 'synth'], copies[name]);
    kit.expectStack(copies[name], name);
    kit.run('npx', ['cdktf-azure-postgres', 'check', 'cdktf.out'], copies[name]);
  });
}

// 4. The pipeline recipes, as a runner runs them: bash, stop at the first failing command; npm ci is
// stood for by the shared install. Each writes what the recipe's later steps publish.
const RECIPE_EXAMPLE = 'flexible-public-firewall';
for (const recipe of pipelines.recipes()) {
  check(`${recipe.heading} recipe`, () => {
    const parent = path.join(work, 'recipes', recipe.heading.replace(/\W+/g, '-'));
    fs.mkdirSync(parent, { recursive: true });
    const dir = kit.copyExample(RECIPE_EXAMPLE, parent, shared);
    const summary = path.join(dir, 'step-summary.md');
    const scripts = pipelines.steps(recipe).filter((step) => step.run !== undefined && step.run !== 'npm ci');
    for (const step of scripts) {
      console.log(`$ (${recipe.heading}: ${step.name}) ${step.run.trim()}`);
      execFileSync('bash', ['-e', '-o', 'pipefail', '-c', step.run], { cwd: dir, env: { ...kit.env, GITHUB_STEP_SUMMARY: summary }, stdio: 'inherit' });
    }
    // What the recipe's publishing steps (SARIF upload, test results, artifacts) read.
    const published = pipelines.steps(recipe).flatMap((step) => Object.values(step.with ?? {}))
      .filter((value) => typeof value === 'string' && value.startsWith('reports/') && !value.includes('\n'));
    const missing = [...published, `reports/${RECIPE_EXAMPLE}/postgres-security-report.md`].filter((file) => !fs.existsSync(path.join(dir, file)));
    if (published.length === 0 || missing.length > 0) throw new Error(`the recipe did not write ${missing.join(', ') || 'what it publishes'}`);
    if (recipe.heading === 'GitHub Actions' && !fs.readFileSync(summary, 'utf8').includes(`# PostgreSQL security report: ${RECIPE_EXAMPLE}`)) throw new Error('the run summary lacks the report');
  });
}

// 5. The light checker: a project with only the packed library, no peer installed.
check('check runs where only the packed library is installed (no cdktf, no providers)', () => {
  const light = path.join(work, 'light');
  kit.install(light, { dependencies: { 'cdktf-azure-postgres': `file:${tarball}` } }, ['--omit=peer']);
  const installed = fs.readdirSync(path.join(light, 'node_modules')).filter((name) => !name.startsWith('.'));
  if (installed.join(',') !== 'cdktf-azure-postgres') throw new Error(`node_modules holds ${installed.join(', ')}`);
  fs.cpSync(path.join(copies[RECIPE_EXAMPLE], 'cdktf.out'), path.join(light, 'cdktf.out'), { recursive: true });
  kit.run('npx', ['cdktf-azure-postgres', 'check', 'cdktf.out', '--format', 'sarif', '--output', 'results.sarif'], light);
  if (kit.readJson(path.join(light, 'results.sarif')).version !== '2.1.0') throw new Error('results.sarif is not SARIF 2.1.0');
  const help = kit.output('npx', ['cdktf-azure-postgres', 'check', '--help'], light);
  if (!help.includes('--format markdown|json|sarif|junit')) throw new Error(`check --help does not list --format: ${help.split('\n')[0]}`);
});

// 6. audit-roles without its optional packages.
const auditDir = copies[AUDITED_EXAMPLE];
const audit = ['cdktf-azure-postgres', 'audit-roles', `cdktf.out/stacks/${AUDITED_EXAMPLE}`, '--host', 'orders-db-prod.postgres.database.azure.com'];
const expectExit2 = (result, line) => {
  if (result.status !== 2 || result.stderr.trim() !== line) throw new Error(`expected exit 2 and "${line}", got exit ${result.status}: ${result.stderr.trim()}`);
};

check('the project has neither pg nor @azure/identity', () => {
  const found = ['pg', '@azure/identity'].filter((name) => fs.existsSync(path.join(shared, 'node_modules', name)));
  if (found.length > 0) throw new Error(`node_modules holds ${found.join(', ')}`);
});
check('audit-roles --help works without them', () => {
  const help = kit.output('npx', ['cdktf-azure-postgres', 'audit-roles', '--help'], auditDir);
  if (!help.startsWith('usage: cdktf-azure-postgres audit-roles ')) throw new Error(`unexpected help: ${help.split('\n')[0]}`);
});
check('audit-roles with a password says to install pg', () => {
  expectExit2(
    kit.runFailing('npx', audit, auditDir, { PGUSER: 'grp-orders-dba', PGPASSWORD: 'not-used' }),
    'cdktf-azure-postgres: audit-roles needs the pg package (node-postgres), which is not installed: run npm install pg',
  );
});
check('audit-roles with Entra sign-in says to install @azure/identity', () => {
  expectExit2(
    kit.runFailing('npx', audit, auditDir, { PGUSER: 'grp-orders-dba', PGPASSWORD: undefined }),
    'cdktf-azure-postgres: no PGPASSWORD is set, and signing in with Entra ID needs @azure/identity, which is not installed: run npm install @azure/identity, or set PGPASSWORD',
  );
});

kit.finish('consumer examples and commands', checks.total, checks.failures, work);
