import { boolean, member, number, optional, struct } from '../private/shape';
import { isToken } from '../private/tokens';
import { checkOneOf } from '../private/validate';
import { ValidationError } from '../private/validation-error';

/** Performance tier of the server's premium SSD. */
export enum StorageTier {
  /** 120 IOPS. */
  P4 = 'P4',
  /** 240 IOPS. */
  P6 = 'P6',
  /** 500 IOPS. */
  P10 = 'P10',
  /** 1,100 IOPS. */
  P15 = 'P15',
  /** 2,300 IOPS. */
  P20 = 'P20',
  /** 5,000 IOPS. */
  P30 = 'P30',
  /** 7,500 IOPS. */
  P40 = 'P40',
  /** 7,500 IOPS. */
  P50 = 'P50',
  /** 16,000 IOPS. */
  P60 = 'P60',
  /** 18,000 IOPS. */
  P70 = 'P70',
  /** 20,000 IOPS. */
  P80 = 'P80',
}

/** Storage of the server. */
export interface StorageOptions {
  /**
   * Size in MiB: 32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 4194304,
   * 8388608, 16777216 or 33553408. Storage can only grow.
   * @default 32768
   */
  readonly sizeMb?: number;
  /**
   * Performance tier, suited to the size (P4-P50 for 32768 MiB, for example).
   * @default - Azure's default tier for the size
   */
  readonly tier?: StorageTier;
  /**
   * Grow storage automatically before it fills up, instead of the server going read-only.
   * @default true
   */
  readonly autoGrow?: boolean;
}

/** Valid tiers per size, lowest first (azurerm 4.55 validate/flexible_server_storage_tier.go). */
const TIERS_BY_SIZE: { [sizeMb: number]: StorageTier[] } = {
  32768: tiersFrom('P4', 'P50'),
  65536: tiersFrom('P6', 'P50'),
  131072: tiersFrom('P10', 'P50'),
  262144: tiersFrom('P15', 'P50'),
  524288: tiersFrom('P20', 'P50'),
  1048576: tiersFrom('P30', 'P50'),
  2097152: tiersFrom('P40', 'P50'),
  4193280: [StorageTier.P50],
  4194304: [StorageTier.P50],
  8388608: tiersFrom('P60', 'P80'),
  16777216: tiersFrom('P70', 'P80'),
  33553408: [StorageTier.P80],
};

export const DEFAULT_STORAGE_MB = 32768;

export const STORAGE_OPTIONS = struct('StorageOptions', {
  sizeMb: optional(number()),
  tier: optional(member('StorageTier', 'StorageTier.P10')),
  autoGrow: optional(boolean()),
});

export function validateStorage(prop: string, storage: StorageOptions | undefined): void {
  const sizeMb = storage?.sizeMb ?? DEFAULT_STORAGE_MB;
  if (!isToken(sizeMb) && TIERS_BY_SIZE[sizeMb] === undefined) {
    throw new ValidationError('STORAGE-SIZE', `${prop}.sizeMb`, sizeMb, 'is not a Flexible Server storage size', `use one of ${Object.keys(TIERS_BY_SIZE).join(', ')} (MiB)`);
  }
  const tier = storage?.tier;
  checkOneOf('STORAGE-TIER', `${prop}.tier`, tier, Object.values(StorageTier), 'use a StorageTier member, e.g. StorageTier.P10');
  if (tier === undefined || isToken(tier) || isToken(sizeMb)) return;
  const allowed = TIERS_BY_SIZE[sizeMb];
  if (!allowed.includes(tier)) {
    const size = storage?.sizeMb === undefined ? `the default ${sizeMb} MiB` : `${sizeMb} MiB`;
    throw new ValidationError('STORAGE-TIER-SIZE', `${prop}.tier`, tier, `does not suit ${size} of storage`, `use one of ${allowed.join(', ')}, or change sizeMb`);
  }
}

function tiersFrom(lowest: keyof typeof StorageTier, highest: keyof typeof StorageTier): StorageTier[] {
  const all = Object.values(StorageTier);
  return all.slice(all.indexOf(StorageTier[lowest]), all.indexOf(StorageTier[highest]) + 1);
}
