import { runCheck } from './check-command';

/** Entry point of the `cdktf-azure-postgres` command (bin/cdktf-azure-postgres.js). */
export function main(args: readonly string[]): number {
  return runCheck(args, { out: (line) => console.log(line), err: (line) => console.error(line) });
}
