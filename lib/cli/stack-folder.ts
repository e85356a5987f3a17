import { Dirent, readdirSync } from 'fs';

/** A file name Terraform and OpenTofu read as configuration: .tf, .tf.json, .tofu, .tofu.json. */
export const CONFIGURATION_FILE = /\.(tf|tofu)(\.json)?$/;

/** The name cdktf writes a stack's configuration under. */
export const STACK_FILE = 'cdk.tf.json';

/**
 * Whether Terraform (1.11, and OpenTofu) skips a file of a configuration directory by its name: hidden
 * files, vim's backups and emacs' autosaves (configs.IsIgnoredFile, internal/configs/parser_config_dir.go).
 */
export function isIgnoredFile(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));
}

/**
 * The file check judges a folder of cdktf.out/stacks/ by (of its entries): cdk.tf.json, else its first JSON configuration file
 * in name order (cdk.tofu.json, main.tf.json), else its first HCL one (.tf, .tofu), which check cannot read; undefined when it
 * holds none. `terraform -chdir=cdktf.out/stacks/<stack> apply` (and cdktf deploy, OpenTofu) applies whatever configuration
 * the folder holds, whatever its name, so a folder with no cdk.tf.json is no less a stack (adversarial run of stop 70, C15).
 * The other configuration files of the folder are refused when the stack is judged (CLI-MERGED-FILES). As Terraform, only
 * entries that are not directories count, and a name it skips (isIgnoredFile) is no configuration.
 */
export function stackFileAmong(entries: readonly Dirent[]): string | undefined {
  // cdktf's name is the stack's whatever it is: a folder or a link named so is bad input when read, never passed over.
  if (entries.some((entry) => entry.name === STACK_FILE)) return STACK_FILE;
  const configurations = entries
    .filter((entry) => !entry.isDirectory() && CONFIGURATION_FILE.test(entry.name) && !isIgnoredFile(entry.name))
    .map((entry) => entry.name)
    .sort();
  return configurations.find((name) => name.endsWith('.json')) ?? configurations[0];
}

/** The file check judges a stack folder by (stackFileAmong), or undefined when it holds none or cannot be read. */
export function stackFileIn(folder: string): string | undefined {
  try {
    return stackFileAmong(readdirSync(folder, { withFileTypes: true }));
  } catch {
    return undefined;
  }
}

/** Why a stack folder whose configuration is HCL only cannot pass the gate: Terraform would apply what check never read. */
export function hclStackProblem(folder: string, file: string): string {
  return `${folder}: holds ${file}, Terraform configuration in HCL, which check cannot read (it judges the JSON form, such as ${STACK_FILE}), so Terraform would apply a stack nobody judged; synthesize JSON for the gate (remove hclOutput from cdktf.json, or --hcl from cdktf synth), or remove the file; check takes every folder in a folder named stacks for a stack's folder, so for Terraform of your own kept in one (stacks/prod/main.tf) give check each cdktf.out folder instead`;
}
