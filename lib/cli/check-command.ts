import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { evaluateStack, Finding } from '../checks/evaluate';
import { buildReport, renderMarkdown, REPORT_BASENAME } from '../checks/report';
import { ALL_RULES } from '../checks/rules';

/** Where the command writes; a test passes its own. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_BAD_INPUT = 2;

const USAGE = 'usage: cdktf-azure-postgres check <cdktf.out directory | cdk.tf.json> [--report <directory>]';
const STACK_FILE = 'cdk.tf.json';

class BadInput extends Error {}

/**
 * `cdktf-azure-postgres check`: runs the rule pack on synthesized stacks, prints what failed and
 * writes nothing unless `--report` names a directory. Exit 0: no error finding; 1: error
 * findings; 2: bad input (missing path, unreadable or invalid JSON, no stack found).
 */
export function runCheck(args: readonly string[], output: Output): number {
  try {
    const { target, reportDir } = parseArgs(args);
    const stacks = findStacks(target);
    let errors = 0;
    for (const file of stacks) {
      const name = stackName(file);
      const evaluation = evaluateStack(readJson(file), ALL_RULES);
      const failed = evaluation.findings.filter((f) => f.status === 'fail' || f.status === 'suppressed');
      output.out(`${name}: ${evaluation.servers.length} server(s), ${summary(evaluation.findings)}`);
      failed.forEach((finding) => output.out(`  ${row(finding)}`));
      errors += evaluation.findings.filter((f) => f.status === 'fail' && f.severity === 'error').length;
      if (reportDir !== undefined) writeReport(reportDir, name, buildReport(name, evaluation, ALL_RULES));
    }
    return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    if (!(error instanceof BadInput)) throw error;
    output.err(`cdktf-azure-postgres: ${error.message}`);
    return EXIT_BAD_INPUT;
  }
}

function parseArgs(args: readonly string[]): { target: string; reportDir?: string } {
  const [command, ...rest] = args;
  if (command !== 'check') throw new BadInput(USAGE);
  let target: string | undefined;
  let reportDir: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--report') {
      reportDir = rest[++i];
      if (reportDir === undefined) throw new BadInput(`--report needs a directory. ${USAGE}`);
    } else if (target === undefined) {
      target = rest[i];
    } else {
      throw new BadInput(`unexpected argument ${JSON.stringify(rest[i])}. ${USAGE}`);
    }
  }
  if (target === undefined) throw new BadInput(USAGE);
  return { target, reportDir };
}

/** The stack files a path names: a cdk.tf.json itself, or every one below a directory. */
function findStacks(target: string): string[] {
  if (!existsSync(target)) throw new BadInput(`${target}: no such file or directory`);
  if (statSync(target).isFile()) return [target];
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (entry === STACK_FILE) found.push(path);
      else if (depth > 0 && entry !== 'node_modules' && !entry.startsWith('.') && statSync(path).isDirectory()) walk(path, depth - 1);
    }
  };
  walk(target, 3);
  if (found.length === 0) throw new BadInput(`${target}: no stacks found (no ${STACK_FILE} in it or up to 3 levels below)`);
  return found;
}

function readJson(file: string): { [key: string]: unknown } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BadInput(`${file}: cannot be read (${(error as Error).message})`);
  }
  try {
    const parsed = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed;
  } catch (error) {
    throw new BadInput(`${file}: invalid JSON (${(error as Error).message})`);
  }
}

/** A stack is named by its folder (cdktf.out/stacks/<name>/cdk.tf.json), or its file for a loose one. */
function stackName(file: string): string {
  return basename(file) === STACK_FILE ? basename(dirname(file)) : basename(file);
}

function summary(findings: readonly Finding[]): string {
  const count = (status: string, severity?: string) => findings.filter((f) => f.status === status && (severity === undefined || f.severity === severity)).length;
  return `${count('fail', 'error')} error(s), ${count('fail', 'warning')} warning(s), ${count('suppressed')} suppressed, ${count('pass')} passed`;
}

function row(finding: Finding): string {
  const label = finding.status === 'suppressed' ? 'suppressed' : finding.severity.toUpperCase();
  const tail = finding.status === 'suppressed' ? `Reason: ${finding.reason}` : `Fix: ${finding.fix}`;
  return `${label.padEnd(10)} ${finding.ruleId.padEnd(10)} ${finding.address ?? finding.server}: ${finding.message} ${tail}`;
}

function writeReport(directory: string, name: string, report: ReturnType<typeof buildReport>): void {
  const stackDir = join(directory, name);
  mkdirSync(stackDir, { recursive: true });
  writeFileSync(join(stackDir, `${REPORT_BASENAME}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(stackDir, `${REPORT_BASENAME}.md`), renderMarkdown(report));
}
