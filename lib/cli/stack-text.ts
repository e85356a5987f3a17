import { readFileSync, Stats, statSync } from 'fs';
import { InexactJsonNumber, isObject, parseTerraformJson, pointerKey } from '../checks/terraform-json';

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
    text = utf8Text(file, readFileSync(file));
  } catch (error) {
    if (error instanceof UnreadableStack) throw error;
    throw new UnreadableStack(`${file}: cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  const repeatedRecords = new Set<string>();
  try {
    // A property of the top-level "//" written twice (the library's records, such as its suppressions): merged here, where jq or
    // JSON.parse show a reviewer only the last (adversarial run of stop 77, T77-8; the "//" itself twice is Q76-19's).
    parsed = parseTerraformJson(text, (pointer) => {
      const record = /^\/~1~1\/([^/]*)$/.exec(pointer)?.[1];
      if (record !== undefined) repeatedRecords.add(pointerKey(record));
    });
  } catch (error) {
    if (error instanceof InexactJsonNumber) {
      throw new UnreadableStack(`${file}: holds a number Terraform reads more exactly than JavaScript (${error.message}); write it as a double prints, as cdktf synth does`);
    }
    // A syntax error, or JSON nested too deep to read.
    throw new UnreadableStack(`${file}: invalid JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new UnreadableStack(`${file}: invalid JSON (not a JSON object)`);
  const [record] = repeatedRecords;
  if (record !== undefined) {
    throw new UnreadableStack(`${file}: the top-level "//" comment object holds ${JSON.stringify(record)} more than once, where cdktf writes each of its properties once: JSON readers such as jq keep only the last, so a reviewer would not see what the checks would read in the others; synthesize the stack again`);
  }
  return { terraform: parsed, text };
}

/**
 * The file's text, refused unless it is UTF-8 (as JSON must be): Go and JavaScript replace bad bytes
 * with different counts of U+FFFD, so two strings Terraform reads as one could differ here.
 */
function utf8Text(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UnreadableStack(`${file}: invalid JSON (not UTF-8 text)`);
  }
}

/**
 * A file's text, read only when it is a regular file: a FIFO blocks the read and a device (a symlink to /dev/zero) never ends,
 * which would hang a pipeline's gate with no message (adversarial run of stop 69, C1). The error says what the path is.
 */
export function readRegularText(file: string): string {
  const kind = specialKind(statSync(file));
  if (kind !== undefined) throw new Error(`is ${kind}, not a regular file`);
  return readFileSync(file, 'utf8');
}

/** What a path is when it is neither a regular file nor a directory (a directory fails the read with its own message). */
export function specialKind(stat: Stats): string | undefined {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return undefined;
}
