/**
 * cdktf's reads of another stack's outputs (`data.terraform_remote_state.cross-stack-reference-input-<stack>`)
 * are resolved by their name (other-stacks.ts), but Terraform reads the state their `backend` and
 * `config` name. An override that re-points one to another state (the construct's stack's, under
 * an output name a decoy stack shares) makes the model judge one stack's resource where Terraform
 * uses another's (sixth review, A6-12). Each read must be what cdktf writes for the stack it is
 * named after: that stack's own backend settings. Pure: no cdktf.
 */
import { isDeepStrictEqual } from 'util';
import { inputName } from './other-stacks';
import { RawBlock, sectionBlocks } from './stack-model';
import { bodiesOf, forEachString, isObject } from './terraform-json';

/** A stack of the app: its construct path and its JSON (only its `terraform` settings are read). */
export interface StackSettings {
  readonly path: string;
  readonly terraform: unknown;
}

/** A cross-stack read that is not what cdktf writes for the stack it is named after. */
export interface MisreadState {
  readonly address: string;
  readonly problem: string;
}

const INPUT_PREFIX = 'cross-stack-reference-input-';

/** What cdktf writes in a cross-stack read's body: every other key is one it never writes. */
const WORKSPACE = '${terraform.workspace}';

/**
 * Backend options that say how to sign in, retry or encrypt, never which state is read: an escape
 * hatch may add one to a stack's backend that cdktf does not pass to its reads (eighth review, A8-3).
 */
const SIGN_IN_OPTIONS = /^(?:(?:use|skip|oidc|msi|client|retry|ec2_metadata_service)_.*|assume_role.*|impersonate_service_account.*|(?:access|secret|kms|encryption)_key|kms_encryption_key|kms_key_id|(?:(?:sas|access)_)?token|credentials|profile|shared_(?:credentials|config)_files|max_retries|https?_proxy|no_proxy|insecure|custom_ca_bundle|ado_pipeline_service_connection_id|dynamodb_table|encrypt|username|password|(?:ca|cert|key)_file|http_auth)$/;

/**
 * The cross-stack reads of `terraform` that do not read the state of the stack they are named after.
 * `complete`: `stacks` are all the app's stacks, so a read named after none of them is one cdktf did
 * not write (in `check` on part of an app, such a read is left alone: its stack is not known).
 */
export function misreadStates(terraform: unknown, stacks: readonly StackSettings[], complete: boolean): MisreadState[] {
  const byInput = new Map(stacks.map((stack) => [inputName(stack.path), stack]));
  const found: MisreadState[] = [];
  for (const { name, body } of crossStackReads(terraform)) {
    const address = `data.terraform_remote_state.${name}`;
    const stack = byInput.get(name);
    if (stack === undefined) {
      if (complete) found.push({ address, problem: `is named as cdktf names its read of another stack's outputs, but no stack of the app has that name: what it reads, and so what its references are, is not known` });
      continue;
    }
    const expected = expectedRead(stack.terraform);
    const differing = expected === undefined ? ['backend'] : differingKeys(body, expected);
    if (differing.length > 0) {
      found.push({ address, problem: `is cdktf's read of the outputs of stack ${JSON.stringify(stack.path)}, but its ${differing.join(', ')} ${differing.length === 1 ? 'is' : 'are'} not what that stack's backend settings make cdktf write: an override re-pointed it, and Terraform reads another state than the one the checks judged its references in` });
    }
  }
  return found;
}

/** What every match of READ_REFERENCE holds. */
const READ_NAME = 'data.terraform_remote_state.';
/** A reference to a cdktf cross-stack read; group 2 is set when it reads one output by its name, the only read the join follows. */
const READ_REFERENCE = /(?<![\w.-])data\.terraform_remote_state\.(cross-stack-reference-input-[\w-]+)(\.outputs\.[a-zA-Z_])?/g;

/** Section keys whose blocks are named by one label and may hold references, and how Terraform addresses them. */
const NAMED_SECTIONS: { readonly [section: string]: string } = { output: 'output.', locals: 'local.', module: 'module.' };

/**
 * The blocks that read a cdktf cross-stack read other than by one output's name (its whole outputs
 * in a local, `lookup`, `values`, a computed index): the join resolves each output by its name, so
 * such a read would reach another stack's resource unjudged (references in canonical spelling).
 */
export function unfollowedReads(terraform: unknown): MisreadState[] {
  const found = new Map<string, MisreadState>();
  // Every string of every body is read (3,153 bodies at roles50): looked at in place, not copied, and
  // the expression run only on a text that names the read at all.
  const visit = (address: string, body: unknown) => forEachString(body, (text) => {
    if (!text.includes(READ_NAME)) return;
    for (const match of text.matchAll(READ_REFERENCE)) {
      if (match[2] !== undefined || found.has(address)) continue;
      found.set(address, { address, problem: `reads data.terraform_remote_state.${match[1]} other than by one output's name (its whole outputs, a lookup or a computed index): the checks follow cdktf's read of an output by its name only, so what it reaches in the other stack is not judged` });
    }
  });
  for (const section of ['resource', 'data', 'ephemeral']) {
    for (const block of sectionBlocks(terraform, section)) visit(`${section === 'resource' ? '' : `${section}.`}${block.type}.${block.name}`, block.body);
  }
  for (const root of bodiesOf(terraform).filter(isObject)) {
    for (const [section, prefix] of Object.entries(NAMED_SECTIONS)) {
      for (const byName of bodiesOf(root[section]).filter(isObject)) Object.entries(byName).forEach(([name, body]) => visit(`${prefix}${name}`, body));
    }
  }
  return [...found.values()];
}

/**
 * The stacks a stack reads outputs of through cdktf, and those they read in turn: a stack that holds
 * no construct may relay another stack's value (A7-4). `read` gives a stack's JSON when it is needed.
 */
export function stacksRead<T>(terraform: unknown, stacks: readonly T[], pathOf: (stack: T) => string, read: (stack: T) => unknown): T[] {
  const byInput = new Map(stacks.map((stack) => [inputName(pathOf(stack)), stack]));
  const reached: T[] = [];
  const visit = (json: unknown) => {
    for (const { name } of crossStackReads(json)) {
      const stack = byInput.get(name);
      if (stack === undefined || reached.includes(stack)) continue;
      reached.push(stack);
      visit(read(stack));
    }
  };
  visit(terraform);
  return reached;
}

/** A stack's cross-stack reads (`cross-stack-reference-input-<stack>`). */
function crossStackReads(terraform: unknown): RawBlock[] {
  return sectionBlocks(terraform, 'data').filter((block) => block.type === 'terraform_remote_state' && block.name.startsWith(INPUT_PREFIX));
}

/** The backend and config cdktf writes to read a stack's state, from its own settings; undefined when it has none. */
function expectedRead(terraform: unknown): { backend: string; config: unknown } | undefined {
  const settings = bodiesOf(terraform).filter(isObject).flatMap((root) => bodiesOf(root.terraform)).filter(isObject);
  const backends = settings.flatMap((block) => bodiesOf(block.backend)).filter(isObject).flatMap((byType) => Object.entries(byType));
  const clouds = settings.flatMap((block) => bodiesOf(block.cloud)).filter(isObject);
  if (backends.length + clouds.length !== 1) return undefined;
  if (backends.length === 1) return { backend: backends[0][0], config: backends[0][1] };
  // Terraform Cloud is read through the remote backend, with the workspace by name only (its project is not passed: A8-3).
  const { organization, workspaces, token, hostname } = clouds[0];
  return { backend: 'remote', config: { organization, workspaces: isObject(workspaces) ? { name: workspaces.name } : workspaces, token, hostname } };
}

/** The keys of a read's body that differ from what cdktf writes (names only: a config may hold a secret). */
function differingKeys(body: { [key: string]: unknown }, expected: { backend: string; config: unknown }): string[] {
  const differing: string[] = [];
  if (body.backend !== expected.backend) differing.push('backend');
  const config = isObject(body.config) ? body.config : {};
  const wanted = isObject(expected.config) ? expected.config : {};
  const keys = [...new Set([...Object.keys(config), ...Object.keys(wanted)])].filter((key) => !SIGN_IN_OPTIONS.test(key) && !isDeepStrictEqual(config[key], wanted[key]));
  differing.push(...keys.map((key) => `config.${key}`));
  if (body.workspace !== undefined && body.workspace !== WORKSPACE) differing.push('workspace');
  if (body.defaults !== undefined) differing.push('defaults');
  return differing;
}
