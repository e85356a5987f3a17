/**
 * Whether a command line asks for help: `--help` or `-h` where an option is expected, never as the value of an option that takes
 * one. `check cdktf.out --report -h` (a variable that happened to hold "-h") printed the help and exited 0 without judging
 * anything, a pass of the gate (adversarial run of stop 77, U77-2); the option's own check now refuses such a value.
 */
export function asksForHelp(args: readonly string[], optionsWithValues: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--help' || args[i] === '-h') return true;
    if (optionsWithValues.includes(args[i])) i++;
  }
  return false;
}
