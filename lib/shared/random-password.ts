import type { Password } from '@cdktf/provider-random/lib/password';
import type { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Construct } from 'constructs';
import { libraryProvider } from '../private/library-provider';
import { loadOptionalPeer, OptionalPeerUse, RANDOM_PROVIDER } from '../private/optional-peer';
import { noteWriteOnlyAttributes } from './terraform-version';

interface RandomProviderModule {
  readonly Password: typeof Password;
  readonly RandomProvider: typeof RandomProvider;
}

/**
 * Loads the random provider's classes when a password is generated, so that stacks without one
 * need not install @cdktf/provider-random. `use` says what needs it when it is missing.
 */
export function loadRandomProvider(use: OptionalPeerUse): RandomProviderModule {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
  return loadOptionalPeer(RANDOM_PROVIDER, use, () => ({
    Password: require('@cdktf/provider-random/lib/password').Password,
    RandomProvider: require('@cdktf/provider-random/lib/provider').RandomProvider,
  }));
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * A random_password as the library generates every password: 32 characters with at least two of
 * each class, under the library's own aliased random provider (one per stack, shared by every
 * password of the library, never the user's). A new value of a keeper generates a new password.
 */
export function libraryRandomPassword(scope: Construct, id: string, keepers: { [name: string]: string }, use: OptionalPeerUse): Password {
  const random = loadRandomProvider(use);
  // Every password generated here goes only to write-only attributes, which need Terraform 1.11.
  noteWriteOnlyAttributes(scope);
  const provider = libraryProvider(scope, 'random', (stack, providerId, alias) => new random.RandomProvider(stack, providerId, { alias }));
  return new random.Password(scope, id, {
    provider,
    length: 32,
    minLower: 2,
    minUpper: 2,
    minNumeric: 2,
    minSpecial: 2,
    // Characters that survive connection strings, shells and URLs without quoting.
    overrideSpecial: '-_.~!*',
    keepers,
  });
}
