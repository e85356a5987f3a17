import { IConstruct } from 'constructs';
import { FlexibleServerTier } from './sku';
import { checkJustification, checkOneOf } from '../private/validate';
import { ValidationError } from '../private/validation-error';
import { warn } from '../private/warnings';

/** High-availability mode of a Flexible Server. */
export enum HighAvailabilityMode {
  /** Standby in another availability zone: survives the loss of a zone. */
  ZONE_REDUNDANT = 'ZoneRedundant',
  /** Standby in the primary's zone: survives a host failure, not a zone outage. */
  SAME_ZONE = 'SameZone',
  /** No standby. */
  DISABLED = 'Disabled',
}

/** High availability. Default: zone-redundant on General Purpose and Memory Optimized SKUs, off on Burstable. */
export interface HighAvailabilityOptions {
  /** The mode. */
  readonly mode: HighAvailabilityMode;
  /**
   * Zone of the standby, e.g. "2"; must differ from the server's `zone`.
   * @default - Azure picks a zone
   */
  readonly standbyAvailabilityZone?: string;
  /**
   * Why a mode weaker than zone-redundant is chosen; required for SAME_ZONE and DISABLED,
   * printed at synth.
   * @default - none; required only for a weaker mode
   */
  readonly justification?: string;
}

export interface ResolvedHighAvailability {
  readonly mode: HighAvailabilityMode;
  readonly standbyAvailabilityZone?: string;
}

/** Applies the default for the tier and refuses what Azure does not offer. */
export function resolveHighAvailability(
  prop: string,
  options: HighAvailabilityOptions | undefined,
  tier: FlexibleServerTier | undefined,
): ResolvedHighAvailability {
  if (options === undefined) {
    return { mode: tier === FlexibleServerTier.BURSTABLE ? HighAvailabilityMode.DISABLED : HighAvailabilityMode.ZONE_REDUNDANT };
  }
  checkOneOf(`${prop}.mode`, options.mode, Object.values(HighAvailabilityMode), 'use a HighAvailabilityMode member');
  if (options.mode !== HighAvailabilityMode.ZONE_REDUNDANT) {
    checkJustification(`${prop}.justification`, options.justification, `run without zone-redundant high availability (mode ${options.mode})`);
  }
  if (tier === FlexibleServerTier.BURSTABLE && options.mode !== HighAvailabilityMode.DISABLED) {
    throw new ValidationError(`${prop}.mode`, options.mode, 'is not available on Burstable SKUs', 'choose a General Purpose or Memory Optimized SKU, or HighAvailabilityMode.DISABLED');
  }
  if (options.standbyAvailabilityZone !== undefined && options.mode === HighAvailabilityMode.DISABLED) {
    throw new ValidationError(`${prop}.standbyAvailabilityZone`, options.standbyAvailabilityZone, 'has no standby to place', 'remove it, or choose a high-availability mode');
  }
  return { mode: options.mode, standbyAvailabilityZone: options.standbyAvailabilityZone };
}

export function warnWeakHighAvailability(scope: IConstruct, resolved: ResolvedHighAvailability, options: HighAvailabilityOptions | undefined): void {
  if (resolved.mode === HighAvailabilityMode.ZONE_REDUNDANT) return;
  if (options === undefined) {
    warn(scope, 'HighAvailabilityOff', 'High availability is off because Burstable SKUs do not offer it: a host or zone failure takes the server down');
    return;
  }
  const effect = resolved.mode === HighAvailabilityMode.SAME_ZONE ? 'a zone outage takes the server down' : 'a host or zone failure takes the server down';
  warn(scope, 'HighAvailabilityWeakened', `High availability is ${resolved.mode}: ${effect}`, options.justification);
}
