import { providerKeyOf } from './database-checks';
import { providerReferenceKey } from './provider-references';
import { TerraformBlock } from './stack-model';
import { StackFacts } from './rule';
import { isObject } from './terraform-json';
import { plainTextPassword } from './value-readers';

/** A postgresql provider configuration that no block signs in with, and why its password is in the JSON. */
export interface UnusedProviderPassword {
  /** "postgresql" or "<name>.<alias>", as blocks name it. */
  readonly key: string;
  readonly problem: string;
  /** The modules given it ("module.<name>"), whose blocks the checks cannot read. */
  readonly modules: readonly string[];
}

/**
 * The postgresql provider configurations of the stack (`own`: its own, not another stack's joined to it) that no postgresql resource
 * or data source signs in with, and that write a password (adversarial run of stop 70, A23): no server's rule reads them, yet the
 * password is in cdk.tf.json and every copy of it. A configuration given only to modules is one of them: what the modules sign in
 * to is not in the JSON (adversarial run of stop 71, B71-7); the finding names the modules.
 */
export function unusedProviderPasswords(own: ReadonlyMap<string, TerraformBlock>, stack: StackFacts): UnusedProviderPassword[] {
  const blocks = [...(stack.resources?.values() ?? []), ...(stack.lookups?.values() ?? [])];
  // As Terraform reads a reference ("postgresql . x" is postgresql.x: review of stop 70, D9).
  const keyOf = (key: unknown) => (typeof key === 'string' ? providerReferenceKey(key) ?? key : undefined);
  const signedIn = new Set(blocks.filter((block) => /^(?:data\.)?postgresql_/.test(block.address)).map((block) => keyOf(providerKeyOf(block))));
  const modules = blocks.filter((block) => block.address.startsWith('module.') && isObject(block.config.providers));
  return [...own].flatMap(([key, config]) => {
    const problem = signedIn.has(key) ? undefined : providerPasswordProblem(config.password, stack);
    const given = modules.filter((module) => Object.values(module.config.providers as object).some((value) => keyOf(value) === key)).map((module) => module.address);
    return problem === undefined ? [] : [{ key, problem, modules: given }];
  });
}

/** Why a postgresql provider's password is written in the configuration, or undefined; an empty one is none (the provider signs in without). */
export function providerPasswordProblem(password: unknown, stack: StackFacts | undefined): string | undefined {
  return password === null || password === '' ? undefined : plainTextPassword(password, undefined, { stack });
}
