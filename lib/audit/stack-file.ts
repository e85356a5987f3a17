import { existsSync, readFileSync, statSync } from 'fs';
import { basename, dirname, join } from 'path';
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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AuditInputError(`${file}: invalid JSON (${(error as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new AuditInputError(`${file}: invalid JSON (not a JSON object)`);
  const name = basename(file) === STACK_FILE ? basename(dirname(file)) : basename(file);
  return { name, json: json as StackFile['json'] };
}
