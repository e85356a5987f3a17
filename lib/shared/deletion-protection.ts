import { Construct } from 'constructs';
import { boolean, optional, reason, struct } from '../private/shape';
import { checkJustification } from '../private/validate';
import { warn } from '../private/warnings';
import { onDemandClasses } from '../private/on-demand-classes';

/** Guards against destroying the server and its data. */
export interface DeletionProtectionOptions {
  /**
   * Sets `lifecycle.prevent_destroy` on the server, so no plan can delete or replace it.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Adds a `CanNotDelete` management lock on the server, which also stops deletion from the
   * portal and the CLI. (A ReadOnly lock is not offered: it blocks parameter and scale changes.)
   * @default false
   */
  readonly lock?: boolean;
  /**
   * Why the server may be destroyed, required when `preventDestroy` is false and printed at synth.
   * @default - none; required only when `preventDestroy` is false
   */
  readonly justification?: string;
}

export const DELETION_PROTECTION_OPTIONS = struct('DeletionProtectionOptions', {
  preventDestroy: optional(boolean()),
  lock: optional(boolean()),
  justification: optional(reason()),
});

export interface ResolvedDeletionProtection {
  readonly preventDestroy: boolean;
  readonly lock: boolean;
}

export function resolveDeletionProtection(prop: string, options: DeletionProtectionOptions | undefined): ResolvedDeletionProtection {
  const preventDestroy = options?.preventDestroy ?? true;
  if (preventDestroy === false) {
    checkJustification(`${prop}.justification`, options?.justification, 'allow the server to be destroyed');
  }
  return { preventDestroy, lock: options?.lock ?? false };
}

/** Adds the lock and warns when destroy protection is off. */
export function applyDeletionProtection(
  scope: Construct,
  serverId: string,
  resolved: ResolvedDeletionProtection,
  options: DeletionProtectionOptions | undefined,
): void {
  if (resolved.preventDestroy === false) {
    warn(scope, 'DestroyAllowed', 'prevent_destroy is off: a plan may delete or replace the server and its data', options?.justification);
  }
  if (resolved.lock) {
    new (onDemandClasses.managementLock())(scope, 'DeleteLock', {
      name: 'do-not-delete',
      scope: serverId,
      lockLevel: 'CanNotDelete',
      notes: 'Managed by cdktf-azure-postgres: the server holds data that must not be deleted.',
    });
  }
}
