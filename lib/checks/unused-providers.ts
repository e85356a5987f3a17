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
}

/**
 * The postgresql provider configurations of the stack (`own`: its own, not another stack's joined to it) that no postgresql resource
 * or data source signs in with, and that write a password (adversarial run of stop 70, A23): no server's rule reads them, for they
 * reach no server, yet the password is in cdk.tf.json and every copy of it. Terraform drops such a configuration from the plan.
 */
export function unusedProviderPasswords(own: ReadonlyMap<string, TerraformBlock>, stack: StackFacts): UnusedProviderPassword[] {
  const blocks = [...(stack.resources?.values() ?? []), ...(stack.lookups?.values() ?? [])];
  // As Terraform reads a reference ("postgresql . x" is postgresql.x), and a module given the provider uses it (review of stop 70, D9).
  const written = [
    ...blocks.filter((block) => /^(?:data\.)?postgresql_/.test(block.address)).map(providerKeyOf),
    ...blocks.filter((block) => block.address.startsWith('module.') && isObject(block.config.providers)).flatMap((module) => Object.values(module.config.providers as object)),
  ];
  const used = new Set(written.filter((key): key is string => typeof key === 'string').map((key) => providerReferenceKey(key) ?? key));
  return [...own].flatMap(([key, config]) => {
    const problem = used.has(key) ? undefined : providerPasswordProblem(config.password, stack);
    return problem === undefined ? [] : [{ key, problem }];
  });
}

/** Why a postgresql provider's password is written in the configuration, or undefined; an empty one is none (the provider signs in without). */
export function providerPasswordProblem(password: unknown, stack: StackFacts | undefined): string | undefined {
  return password === null || password === '' ? undefined : plainTextPassword(password, undefined, { stack });
}
