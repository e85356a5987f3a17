import { IConstruct } from 'constructs';
import { FlexibleServerTier } from './sku';
import { LiteralReason, member, optional, reason, required, struct, text } from '../private/shape';
import { isToken } from '../private/tokens';
import { checkJustification, checkOneOf, checkPattern } from '../private/validate';
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
   * Why a mode weaker than zone-redundant is chosen, required for SAME_ZONE and DISABLED and
   * printed at synth.
   * @default - none; required only for a weaker mode
   */
  readonly justification?: string;
}

export const HIGH_AVAILABILITY_OPTIONS = struct('HighAvailabilityOptions', {
  mode: required(member('HighAvailabilityMode', 'HighAvailabilityMode.ZONE_REDUNDANT', LiteralReason.SECURITY), 'choose a HighAvailabilityMode member'),
  standbyAvailabilityZone: optional(text()),
  justification: optional(reason()),
});

export interface ResolvedHighAvailability {
  readonly mode: HighAvailabilityMode;
  readonly standbyAvailabilityZone?: string;
}

/** Applies the default for the tier and refuses what Azure does not offer. */
export function resolveHighAvailability(
  prop: string,
  options: HighAvailabilityOptions | undefined,
  tier: FlexibleServerTier | undefined,
  zone: string | undefined,
): ResolvedHighAvailability {
  if (options === undefined) {
    return { mode: tier === FlexibleServerTier.BURSTABLE ? HighAvailabilityMode.DISABLED : HighAvailabilityMode.ZONE_REDUNDANT };
  }
  const { mode, standbyAvailabilityZone: standby } = options;
  checkOneOf('HA-MODE', `${prop}.mode`, mode, Object.values(HighAvailabilityMode), 'use a HighAvailabilityMode member');
  if (mode !== HighAvailabilityMode.ZONE_REDUNDANT) {
    checkJustification(`${prop}.justification`, options.justification, `run without zone-redundant high availability (mode ${mode})`);
  }
  if (tier === FlexibleServerTier.BURSTABLE && mode !== HighAvailabilityMode.DISABLED) {
    throw new ValidationError('HA-MODE-BURSTABLE', `${prop}.mode`, mode, 'is not available on Burstable SKUs', 'choose a General Purpose or Memory Optimized SKU, or HighAvailabilityMode.DISABLED');
  }
  checkZone(`${prop}.standbyAvailabilityZone`, standby);
  if (standby !== undefined && mode === HighAvailabilityMode.DISABLED) {
    throw new ValidationError('HA-STANDBY-WITHOUT-HA', `${prop}.standbyAvailabilityZone`, standby, 'has no standby to place', 'remove it, or choose a high-availability mode');
  }
  if (standby !== undefined && zone !== undefined && !isToken(standby) && !isToken(zone)) {
    if (mode === HighAvailabilityMode.ZONE_REDUNDANT && standby === zone) {
      throw new ValidationError('HA-STANDBY-PRIMARY-ZONE', `${prop}.standbyAvailabilityZone`, standby, 'is the primary\'s zone', 'pick another zone, or use HighAvailabilityMode.SAME_ZONE');
    }
    if (mode === HighAvailabilityMode.SAME_ZONE && standby !== zone) {
      throw new ValidationError('HA-STANDBY-NOT-PRIMARY-ZONE', `${prop}.standbyAvailabilityZone`, standby, `differs from the primary's zone "${zone}", which SAME_ZONE keeps the standby in`, 'leave it out, or use HighAvailabilityMode.ZONE_REDUNDANT');
    }
  }
  return { mode, standbyAvailabilityZone: standby };
}

const ZONE = /^[123]$/;

/** Availability zones are "1", "2" or "3". */
export function checkZone(prop: string, zone: string | undefined): void {
  checkPattern('ZONE-INVALID', prop, zone, ZONE, 'is not an availability zone', 'use "1", "2" or "3"');
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
