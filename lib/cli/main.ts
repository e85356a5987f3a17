import { libraryPackage } from '../private/library-version';
import { AUDIT_USAGE, runAuditRoles } from './audit-roles-command';
import { CHECK_USAGE, EXIT_OK, Output, runCheck } from './check-command';

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


/** Entry point of the `cdktf-azure-postgres` command (bin/cdktf-azure-postgres.js). */
export function main(args: readonly string[]): number | Promise<number> {
  return run(args, { out: (line) => console.log(line), err: (line) => console.error(line) });
}
