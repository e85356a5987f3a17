import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { App, Manifest, TerraformStack } from 'cdktf';
import { STACK_FILE } from '../cli/stack-folder';

type Json = { [key: string]: unknown };

/** An app.synth() in progress: where it writes, the stacks it writes, their files as read, and what each judging stack read of the others. */
interface Synth {
  readonly outdir: string;
  readonly stacks: ReadonlySet<TerraformStack>;
  readonly written: Map<TerraformStack, Json>;
  readonly reads: Map<TerraformStack, Array<{ stack: TerraformStack; terraform: unknown }>>;
}

const synths = new WeakMap<App, Synth>();

/**
 * cdktf writes each stack once per app.synth(), and each stack's checker judges what its resources do to the other stacks'
 * servers by reading those stacks. Converted afresh at that moment, a stack already written may read otherwise than it was
 * written (a later stack's aspect changed it, a token answers differently each time), and one not written yet may change before
 * its write (adversarial run of stop 74, H74-1, H74-2). While app.synth() runs, a stack already written reads as its file, and
 * every read is kept, to be compared with the files once all are written. `stacks`: those whose earlier files the synth removed
 * first, so a file of theirs is this synth's.
 */
export function startSynth(app: App, stacks: readonly TerraformStack[]): () => void {
  // A synth started inside another (an aspect calling app.synth()) must not end the outer one's record (J74-3): its end puts it back.
  const outer = synths.get(app);
  synths.set(app, { outdir: app.outdir, stacks: new Set(stacks), written: new Map(), reads: new Map() });
  return () => (outer === undefined ? synths.delete(app) : synths.set(app, outer));
}

/** The folder cdktf writes a stack's files to (cdk.tf.json, and the checks' reports beside it) under an output folder. */
export function stackFolder(outdir: string, stack: TerraformStack): string {
  return join(outdir, Manifest.stacksFolder, stack.node.id);
}

/** stackFolder as a message names it, from the output folder and with "/" on any platform: `stacks/<stack id>`. */
export function stackFolderName(stack: TerraformStack): string {
  return `${Manifest.stacksFolder}/${stack.node.id}`;
}

/** Whether an app.synth() of the app is recorded as in progress (the library's wrapper started it). */
export function synthInProgress(app: App): boolean {
  return synths.has(app);
}

/**
 * The stacks the app.synth() in progress writes, as listed when it began: a stack an aspect removes from the tree later is still
 * written, and still judged with the others (adversarial run adv75a, K75-3).
 */
export function synthStacks(stack: TerraformStack): TerraformStack[] | undefined {
  const synth = synthOf(stack);
  return synth === undefined ? undefined : [...synth.stacks];
}

/** The apps a checker wrote a stack of in a synth the library's wrapper did not start (its first construct was made during it), until the app's validation. */
const unwrappedWrites = new WeakSet<App>();

/** Notes that a checker wrote a stack of the app into its outdir with no app.synth() of the library's in progress. */
export function noteUnwrappedWrite(app: App): void {
  unwrappedWrites.add(app);
}

/**
 * Whether a checker wrote a stack of the app since this was last asked, with no app.synth() of the library's in progress: only
 * then is the app's validation the end of a synth. Called otherwise (`app.node.validate()` beside a folder an earlier process
 * wrote), it judges nothing and removes nothing (adversarial run adv75a, K75-1).
 */
export function takeUnwrappedWrite(app: App): boolean {
  return unwrappedWrites.delete(app);
}

function synthOf(stack: TerraformStack): Synth | undefined {
  const root = stack.node.root;
  return App.isApp(root) ? synths.get(root) : undefined;
}

/** The JSON cdktf wrote for the stack in the app.synth() in progress, if it has. */
export function writtenJson(stack: TerraformStack): Json | undefined {
  const synth = synthOf(stack);
  if (synth === undefined || !synth.stacks.has(stack)) return undefined;
  const known = synth.written.get(stack);
  if (known !== undefined) return known;
  const file = join(stackFolder(synth.outdir, stack), STACK_FILE);
  if (!existsSync(file)) return undefined;
  const terraform = JSON.parse(readFileSync(file, 'utf8')) as Json;
  synth.written.set(stack, terraform);
  return terraform;
}

/** Keeps what `judging` read of `read`, while an app.synth() runs. */
export function recordRead(judging: TerraformStack, read: TerraformStack, terraform: unknown): void {
  const synth = synthOf(judging);
  if (synth === undefined) return;
  const reads = synth.reads.get(judging) ?? synth.reads.set(judging, []).get(judging)!;
  reads.push({ stack: read, terraform });
}

/**
 * Whether `judging` read another stack, in the app.synth() in progress, otherwise than it was written, or did not read one of
 * `expected` (a stack that holds a library construct now: an aspect may have made one after `judging` was judged, J74-2).
 */
export function readOtherwise(judging: TerraformStack, expected: readonly TerraformStack[]): boolean {
  const reads = synthOf(judging)?.reads.get(judging) ?? [];
  if (expected.some((stack) => stack !== judging && !reads.some((read) => read.stack === stack))) return true;
  return reads.some(({ stack, terraform }) => {
    const written = writtenJson(stack);
    return terraform !== written && sortedText(terraform) !== sortedText(written);
  });
}

/** The JSON text with every object's keys sorted: cdktf writes keys sorted, a conversion lists them in its own order. */
function sortedText(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, each: unknown) => (typeof each === 'object' && each !== null && !Array.isArray(each)
    ? Object.fromEntries(Object.keys(each).sort().map((key) => [key, (each as Json)[key]]))
    : each));
}
