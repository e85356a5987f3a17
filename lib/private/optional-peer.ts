// Optional peer dependencies: provider packages that only some constructs need. The library loads
// them when such a construct is made, never when the package itself is loaded, so a user of the
// server constructs alone installs none of them.

/** A package the library loads on first use. */
export interface OptionalPeer {
  /**
   * The package's name. Written as a quoted module name, so that `npm run build:cdktn` turns it
   * into the `@cdktn/...` counterpart in cdktn-azure-postgres.
   */
  readonly packageName: string;
  /** Whether CDK Terrain publishes the `@cdktn/...` counterpart on npm. */
  readonly publishedForCdktn: boolean;
}

export const RANDOM_PROVIDER: OptionalPeer = { packageName: '@cdktf/provider-random', publishedForCdktn: true };
export const POSTGRESQL_PROVIDER: OptionalPeer = { packageName: '@cdktf/provider-postgresql', publishedForCdktn: false };
export const TIME_PROVIDER: OptionalPeer = { packageName: '@cdktf/provider-time', publishedForCdktn: false };

/** Every optional peer, for the build and test scripts. */
export const OPTIONAL_PEERS: readonly OptionalPeer[] = [POSTGRESQL_PROVIDER, RANDOM_PROVIDER, TIME_PROVIDER];

/** What needs the package, for the error when it is missing. */
export interface OptionalPeerUse {
  /** What needs it, e.g. "a generated administrator password". */
  readonly neededBy: string;
  /** Who can do without it, e.g. "stacks whose servers use Entra ID only do not need it". */
  readonly notNeededBy: string;
}

/**
 * Runs `load`, which requires modules of `peer` with literal module names (so that bundlers and
 * the cdktn build see them). When the package is not installed, the error says what needs it and
 * what to install; any other failure to load it (a broken install, a missing dependency of the
 * package) is passed on as it is.
 */
export function loadOptionalPeer<T>(peer: OptionalPeer, use: OptionalPeerUse, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!isMissingModule(error, peer.packageName)) throw error;
    const name = peer.packageName;
    if (name.startsWith('@cdktn/') && !peer.publishedForCdktn) {
      throw new Error(
        `cdktf-azure-postgres: ${use.neededBy} needs ${name}, a CDK Terrain provider package that is not published on npm yet, so cdktn-azure-postgres cannot create it today. ` +
          `Fix: build this stack with cdktf and cdktf-azure-postgres until ${name} is published (docs/cdk-terrain.md).`,
      );
    }
    throw new Error(`cdktf-azure-postgres: ${use.neededBy} needs ${name}, an optional peer dependency that is not installed. Fix: npm install ${name} (${use.notNeededBy}).`);
  }
}

/** True when `error` is Node's report that `packageName` itself (not something it loads) is not installed. */
export function isMissingModule(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'MODULE_NOT_FOUND' || typeof message !== 'string') return false;
  return message.startsWith(`Cannot find module '${packageName}'`) || message.startsWith(`Cannot find module '${packageName}/`);
}
