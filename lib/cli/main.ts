import { runAuditRoles } from './audit-roles-command';
import { runCheck } from './check-command';

/** Entry point of the `cdktf-azure-postgres` command (bin/cdktf-azure-postgres.js). */
export function main(args: readonly string[]): number | Promise<number> {
  const output = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
  if (args[0] === 'audit-roles') return runAuditRoles(args, output);
  return runCheck(args, output);
}
