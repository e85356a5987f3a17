import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

/** The example folders, each a cdktf app whose main.ts exports one stack class. */
export const EXAMPLE_NAMES = readdirSync(EXAMPLES_DIR).filter((name) => statSync(join(EXAMPLES_DIR, name)).isDirectory());

/** An example's stack, built in a test app, with its Terraform JSON as cdk.tf.json holds it. */
export function exampleStack(name: string): { stack: TerraformStack; terraform: { [key: string]: unknown } } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(EXAMPLES_DIR, name, 'main')) as { [exported: string]: unknown };
  const StackClass = Object.values(module).find((value) => typeof value === 'function') as new (scope: ReturnType<typeof Testing.app>, id: string) => TerraformStack;
  const stack = new StackClass(Testing.app(), name);
  return { stack, terraform: stack.toTerraform() };
}

/** Each example's Terraform JSON, built once per test file (an example's stack takes a while to build). */
const built = new Map<string, string>();

/** An example's Terraform JSON as cdk.tf.json holds it: a fresh deep copy on every call, so a test may edit it. */
export function exampleJson<T = { [key: string]: unknown }>(name: string): T {
  if (!built.has(name)) built.set(name, JSON.stringify(exampleStack(name).terraform));
  return JSON.parse(built.get(name) as string) as T;
}
