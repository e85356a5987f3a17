import { existsSync, statSync } from 'fs';
import { basename, dirname, join } from 'path';
import { buildStackModel } from '../checks/stack-model';
import { STACK_FILE } from '../cli/stack-folder';
import { readStackText, UnreadableStack } from '../cli/stack-text';
import { providerProblems } from './declared-access';
import { AuditInputError } from './session';

/** A synthesized stack: its name (the folder cdktf wrote it to) and its Terraform JSON. */
export interface StackFile {
  readonly name: string;
  readonly json: { readonly [key: string]: unknown };
}

/**
 * Reads a stack from its cdk.tf.json, or from the folder that holds one (cdktf.out/stacks/<name>),
 * as the check command reads it; a file Terraform would refuse (a null block) is bad input.
 */
export function readStackFile(path: string): StackFile {
  if (!existsSync(path)) throw new AuditInputError(`${path}: no such file or directory`);
  const file = statSync(path).isDirectory() ? join(path, STACK_FILE) : path;
  if (!existsSync(file)) throw new AuditInputError(`${path}: no ${STACK_FILE} in it; give a stack folder such as cdktf.out/stacks/<name>, or its ${STACK_FILE}`);
  let json: { [key: string]: unknown };
  try {
    json = readStackText(file).terraform;
  } catch (error) {
    if (error instanceof UnreadableStack) throw new AuditInputError(error.message);
    throw error;
  }
  // The model reads provider blocks too; a problem both name is told once.
  const problems = [...new Set([...buildStackModel(json).problems, ...providerProblems(json)])];
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new AuditInputError(`${file}: not valid Terraform JSON: ${problems[0]}${more}`);
  }
  const name = basename(file) === STACK_FILE ? basename(dirname(file)) : basename(file);
  return { name, json };
}
