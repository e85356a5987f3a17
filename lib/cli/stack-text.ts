import { readFileSync, Stats, statSync } from 'fs';
import { isObject, parseTerraformJson } from '../checks/terraform-json';

/** A stack file that cannot be read as Terraform JSON; the message starts with the file's path. */
export class UnreadableStack extends Error {}

/** A stack file's text and its JSON object. */
export interface StackText {
  readonly terraform: { [key: string]: unknown };
  readonly text: string;
}

/**
 * Reads a stack file as both commands read it: only a regular file is opened (a FIFO would block
 * the read, a device never ends), a byte order mark is skipped, repeated keys are kept, and the
 * top level must be a JSON object.
 */
export function readStackText(file: string): StackText {
  let text: string;
  try {
    const kind = specialKind(statSync(file));
    if (kind !== undefined) throw new UnreadableStack(`${file}: is ${kind}, not a regular file; give the cdk.tf.json that cdktf synth wrote`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UnreadableStack) throw error;
    throw new UnreadableStack(`${file}: cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = parseTerraformJson(text);
  } catch (error) {
    // A syntax error, or JSON nested too deep to read.
    throw new UnreadableStack(`${file}: invalid JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new UnreadableStack(`${file}: invalid JSON (not a JSON object)`);
  return { terraform: parsed, text };
}

/** What a path is when it is neither a regular file nor a directory (a directory fails the read with its own message). */
export function specialKind(stat: Stats): string | undefined {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return undefined;
}
