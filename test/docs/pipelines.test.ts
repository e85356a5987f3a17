import { execFileSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { evaluateStack } from '../../lib/checks/evaluate';
import { buildReport, renderMarkdown } from '../../lib/checks/report';
import { ALL_RULES, CATALOG } from '../../lib/checks/rules';
import { exampleStack } from '../support/example-stacks';
import { descendants, parseXml } from '../support/xml';

// The recipes of docs/pipelines.md, read from the page (scripts/pipeline-recipes.js), and their
// commands run as the pipeline runs them: in bash, in a project whose cdktf.out holds a synthesized
// example. `npx cdktf-azure-postgres` runs the command from the sources; `npm ci` and `npx cdktf
// synth` are stood for by the prepared cdktf.out (npm run test:consumer runs them for real).

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { recipes, steps } = require('../../scripts/pipeline-recipes') as {
  recipes(): { heading: string; document: unknown }[];
  steps(recipe: { heading: string; document: unknown }): { name?: string; run?: string; uses?: string; with: { [key: string]: unknown }; condition?: string }[];
};

const RECIPES = recipes();
const NOT_RUN_HERE = ['npm ci', 'npx cdktf synth'];
const EXAMPLE = 'flexible-public-firewall';

/** A directory with a `npx` that runs the library's command from the sources, and refuses anything else. */
function npxShim(): string {
  const bin = mkdtempSync(join(tmpdir(), 'pg-npx-'));
  const cli = join(__dirname, '..', 'support', 'cli-from-source.js');
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\nif [ "$1" = "cdktf-azure-postgres" ]; then shift; exec "${process.execPath}" "${cli}" "$@"; fi\necho "npx $* is not run by this test" >&2\nexit 99\n`);
  chmodSync(join(bin, 'npx'), 0o755);
  return bin;
}

/** A project whose cdktf.out holds the example's stack, as `cdktf synth` leaves it; or, when synth failed, only its reports. */
function project(synthFailed = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'pg-pipeline-'));
  const stackDir = join(dir, 'cdktf.out', 'stacks', EXAMPLE);
  mkdirSync(stackDir, { recursive: true });
  const { terraform } = exampleStack(EXAMPLE);
  const report = buildReport(EXAMPLE, evaluateStack(terraform, ALL_RULES), CATALOG, { synthFailed });
  if (!synthFailed) writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(terraform, null, 2));
  writeFileSync(join(stackDir, 'postgres-security-report.json'), JSON.stringify(report));
  writeFileSync(join(stackDir, 'postgres-security-report.md'), renderMarkdown(report));
  return dir;
}

/** Runs a step's script as the runners do (bash, stop at the first failing command); its exit code and output. */
function runStep(script: string, cwd: string, env: { [key: string]: string }): { code: number; stdout: string } {
  try {
    const stdout = execFileSync('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { code: failed.status, stdout: failed.stdout };
  }
}

/** Runs every shell step of a recipe, in order, as its conditions let it: a step after a failure runs only when it asks to. */
function runRecipe(heading: string, cwd: string): { results: { name?: string; code: number; stdout: string }[]; summary: string } {
  const recipe = RECIPES.find((r) => r.heading === heading)!;
  const summary = join(cwd, 'step-summary.md');
  const bin = npxShim();
  const env = { PATH: `${bin}:${process.env.PATH}`, GITHUB_STEP_SUMMARY: summary };
  const results: { name?: string; code: number; stdout: string }[] = [];
  let failed = false;
  for (const step of steps(recipe)) {
    if (step.run === undefined || NOT_RUN_HERE.includes(step.run)) continue;
    const always = step.condition !== undefined && /always\(\)|succeededOrFailed\(\)/.test(step.condition);
    if (failed && !always) continue;
    const result = runStep(step.run, cwd, env);
    results.push({ name: step.name, ...result });
    if (result.code !== 0) failed = true;
  }
  rmSync(bin, { recursive: true, force: true });
  return { results, summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '' };
}

test('the page has a GitHub Actions and an Azure DevOps recipe', () => {
  expect(RECIPES.map((r) => r.heading)).toEqual(['GitHub Actions', 'Azure DevOps']);
});

describe.each(RECIPES.map((r) => [r.heading]))('%s', (heading) => {
  const list = steps(RECIPES.find((r) => r.heading === heading)!);
  const index = (test: (step: (typeof list)[number]) => boolean) => list.findIndex(test);

  test('synthesizes, then checks, then publishes the findings and the report even when the check fails', () => {
    const synth = index((s) => s.run === 'npx cdktf synth');
    const check = index((s) => s.run?.startsWith('npx cdktf-azure-postgres check cdktf.out ') === true);
    expect(synth).toBeGreaterThan(index((s) => s.run === 'npm ci'));
    expect(check).toBeGreaterThan(synth);
    const after = list.slice(check + 1);
    expect(after.length).toBeGreaterThanOrEqual(2);
    for (const step of after) expect([step.name, step.condition]).toEqual([step.name, expect.stringMatching(/always\(\)|succeededOrFailed\(\)/)]);
  });
});

describe('run on a stack that passes', () => {
  test('GitHub Actions: SARIF for code scanning, the reports as an artifact and in the run summary', () => {
    const cwd = project();
    const { results, summary } = runRecipe('GitHub Actions', cwd);
    expect(results.map((r) => [r.name, r.code])).toEqual([['Check', 0], ['Attach the security report to the run summary', 0]]);
    const list = steps(RECIPES[0]);
    const sarifFile = list.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif') === true)!.with.sarif_file as string;
    const sarif = JSON.parse(readFileSync(join(cwd, sarifFile), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(summary).toContain(`# PostgreSQL security report: ${EXAMPLE}`);
    expect(summary).toContain('```mermaid\nflowchart LR\n');
    const artifact = list.find((s) => s.uses?.startsWith('actions/upload-artifact') === true)!.with.path as string;
    expect(existsSync(join(cwd, artifact.split('\n')[0], EXAMPLE, 'postgres-security-report.json'))).toBe(true);
  });

  test('Azure DevOps: JUnit for the Tests tab, SARIF as CodeAnalysisLogs, the report in the run summary', () => {
    const cwd = project();
    const { results } = runRecipe('Azure DevOps', cwd);
    expect(results.map((r) => [r.name, r.code])).toEqual([['Check', 0], ['Write SARIF', 0], ['Attach the security report to the run summary', 0]]);
    const list = steps(RECIPES[1]);
    const junit = list.find((s) => s.uses === 'PublishTestResults@2')!.with.testResultsFiles as string;
    expect(descendants(parseXml(readFileSync(join(cwd, junit), 'utf8')), 'testcase').length).toBeGreaterThan(30);
    const sarifDir = list.find((s) => s.uses === 'PublishBuildArtifacts@1')!.with.PathtoPublish as string;
    expect(readdirSync(join(cwd, sarifDir))).toEqual(['postgres-security.sarif']);
    const attached = results[2].stdout.trim().split('\n');
    expect(attached).toEqual([`##vso[task.uploadsummary]${cwd}/reports/${EXAMPLE}/postgres-security-report.md`]);
  });
});

describe('run after a failed gate', () => {
  test('findings: the check fails the run, and SARIF, JUnit and the reports are still written', () => {
    const cwd = project();
    const terraform = JSON.parse(readFileSync(join(cwd, 'cdktf.out', 'stacks', EXAMPLE, 'cdk.tf.json'), 'utf8'));
    terraform['//']['cdktf-azure-postgres-suppressions'] = [];
    writeFileSync(join(cwd, 'cdktf.out', 'stacks', EXAMPLE, 'cdk.tf.json'), JSON.stringify(terraform));
    const github = runRecipe('GitHub Actions', cwd);
    expect(github.results.map((r) => r.code)).toEqual([1, 0]);
    expect(existsSync(join(cwd, 'reports', 'postgres-security.sarif'))).toBe(true);
    expect(github.summary).toContain('**FAIL**');
    rmSync(join(cwd, 'reports'), { recursive: true });
    const azure = runRecipe('Azure DevOps', cwd);
    expect(azure.results.map((r) => r.code)).toEqual([1, 0, 0]);
    expect(existsSync(join(cwd, 'reports', 'postgres-security-junit.xml'))).toBe(true);
    expect(existsSync(join(cwd, 'reports', 'CodeAnalysisLogs', 'postgres-security.sarif'))).toBe(true);
  });

  test('synth failed: no cdk.tf.json to check, and the report synth wrote is attached instead', () => {
    const cwd = project(true);
    const github = runRecipe('GitHub Actions', cwd);
    expect(github.results.map((r) => r.code)).toEqual([2, 0]);
    expect(github.summary).toContain('**cdktf synth failed**');
    const azure = runRecipe('Azure DevOps', cwd);
    expect(azure.results.map((r) => r.code)).toEqual([2, 1, 0]);
    expect(azure.results[2].stdout.trim()).toBe(`##vso[task.uploadsummary]${cwd}/cdktf.out/stacks/${EXAMPLE}/postgres-security-report.md`);
  });
});
