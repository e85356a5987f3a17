import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TerraformStack } from 'cdktf';
import { check } from '../cli/cli-harness';
import { synthErrors } from '../helpers';

/** What synth prints of one rule, and what `check` prints of it (with its exit code) for the JSON the stack writes. */
export function ruleFindings(stack: TerraformStack, ruleId = 'PG-CFG-6'): { synth: string[]; code: number; checked: string[] } {
  const synth = synthErrors(stack).filter((line) => line.includes(ruleId));
  const file = join(mkdtempSync(join(tmpdir(), 'findings-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(stack.toTerraform()));
  const { code, out } = check('check', file);
  return { synth, code, checked: out.filter((line) => line.includes(ruleId)) };
}
