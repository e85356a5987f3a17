import { writeSync } from 'fs';
import { libraryPackage } from '../private/library-version';
import { AUDIT_USAGE, runAuditRoles } from './audit-roles-command';
import { CHECK_USAGE, EXIT_BAD_INPUT, EXIT_OK, Output, runCheck } from './check-command';

const HELP = [
  'cdktf-azure-postgres: security checks for Azure Database for PostgreSQL in cdktf stacks',
  '',
  `  ${CHECK_USAGE.replace('usage: ', '')}`,
  '      judge synthesized stacks with the rule pack; exit 0 clean, 1 error findings, 2 bad input',
  `  ${AUDIT_USAGE.replace('usage: ', '')}`,
  '      compare a live server\'s roles and privileges with what the stack declares; exit 0 clean, 1 drift, 2 bad input or no connection',
  '  cdktf-azure-postgres --help | --version',
  '',
  'Each command takes --help.',
];

/** Runs one command line: `--help`, `--version`, `check` or `audit-roles` (which queries a server, so it is asynchronous). */
export function run(args: readonly string[], output: Output): number | Promise<number> {
  const [command] = args;
  if (command === '--help' || command === '-h' || command === 'help') {
    HELP.forEach((line) => output.out(line));
    return EXIT_OK;
  }
  if (command === '--version' || command === '-v') {
    output.out(libraryPackage().version);
    return EXIT_OK;
  }
  if (command === 'audit-roles') return runAuditRoles(args, output);
  return runCheck(args, output);
}


/**
 * Entry point of the `cdktf-azure-postgres` command (bin/cdktf-azure-postgres.js). What it prints on standard output is a verdict
 * a pipeline reads (a report, SARIF): a write that fails (a full disk, a pipe whose reader is gone) exits 2, never with the verdict's
 * 0 (adversarial run of stop 70, C12). A descriptor closed before the start is reopened by Node on /dev/null, where every write succeeds.
 */
export function main(args: readonly string[]): number | Promise<number> {
  let failure: string | undefined;
  const out = (line: string) => {
    if (failure !== undefined) return;
    try {
      writeLine(1, line);
    } catch (error) {
      failure = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    }
  };
  const finish = (code: number) => {
    if (failure === undefined) return code;
    console.error(`cdktf-azure-postgres: standard output could not be written (${failure}), so what the command printed is incomplete`);
    return EXIT_BAD_INPUT;
  };
  const result = run(args, { out, err: (line) => console.error(line) });
  return typeof result === 'number' ? finish(result) : result.then(finish);
}

/** A shared buffer to sleep on (Atomics.wait) while a full pipe drains. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Writes a line to a file descriptor, whole, waiting while a pipe is full (EAGAIN); any other failure is thrown. */
function writeLine(fd: number, line: string): void {
  let rest = Buffer.from(`${line}\n`);
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(PAUSE, 0, 0, 5);
    }
  }
}
