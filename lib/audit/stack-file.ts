import { existsSync, readFileSync, statSync } from 'fs';
import { basename, dirname, join } from 'path';
import { isObject, JsonSyntaxError, parseTerraformJson } from '../checks/terraform-json';
import { AuditInputError } from './session';

const STACK_FILE = 'cdk.tf.json';

/** A synthesized stack: its name (the folder cdktf wrote it to) and its Terraform JSON. */
export interface StackFile {
  readonly name: string;
  readonly json: { readonly [key: string]: unknown };
}

/** Reads a stack from its cdk.tf.json, or from the folder that holds one (cdktf.out/stacks/<name>). */
export function readStackFile(path: string): StackFile {
  if (!existsSync(path)) throw new AuditInputError(`${path}: no such file or directory`);
  const file = statSync(path).isDirectory() ? join(path, STACK_FILE) : path;
  if (!existsSync(file)) throw new AuditInputError(`${path}: no ${STACK_FILE} in it; give a stack folder such as cdktf.out/stacks/<name>, or its ${STACK_FILE}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AuditInputError(`${file}: cannot be read (${(error as Error).message})`);
  }
  // Read as the check command reads it: a byte order mark is skipped, repeated keys are kept.
  let json: unknown;
  try {
    json = parseTerraformJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new AuditInputError(`${file}: invalid JSON (${error.message})`);
  }
  if (!isObject(json)) throw new AuditInputError(`${file}: invalid JSON (not a JSON object)`);
  const name = basename(file) === STACK_FILE ? basename(dirname(file)) : basename(file);
  return { name, json: json as StackFile['json'] };
}
