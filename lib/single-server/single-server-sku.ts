import { choice, part, required, text } from '../private/shape';
import { isToken } from '../private/tokens';
import { checkOneOf } from '../private/validate';
import { ValidationError } from '../private/validation-error';

/**
 * Compute size of a Single Server. Basic SKUs are not offered: they have no geo-redundant
 * backup, no Private Link and no threat detection, so they cannot meet the secure defaults.
 */
export class SingleServerSku {
  /** General Purpose, Gen5, 2 vCores. */
  public static readonly GP_GEN5_2 = new SingleServerSku('GP_Gen5_2');
  /** General Purpose, Gen5, 4 vCores. */
  public static readonly GP_GEN5_4 = new SingleServerSku('GP_Gen5_4');
  /** General Purpose, Gen5, 8 vCores. */
  public static readonly GP_GEN5_8 = new SingleServerSku('GP_Gen5_8');
  /** General Purpose, Gen5, 16 vCores. */
  public static readonly GP_GEN5_16 = new SingleServerSku('GP_Gen5_16');
  /** General Purpose, Gen5, 32 vCores. */
  public static readonly GP_GEN5_32 = new SingleServerSku('GP_Gen5_32');
  /** General Purpose, Gen5, 64 vCores. */
  public static readonly GP_GEN5_64 = new SingleServerSku('GP_Gen5_64');
  /** Memory Optimized, Gen5, 2 vCores. */
  public static readonly MO_GEN5_2 = new SingleServerSku('MO_Gen5_2');
  /** Memory Optimized, Gen5, 4 vCores. */
  public static readonly MO_GEN5_4 = new SingleServerSku('MO_Gen5_4');
  /** Memory Optimized, Gen5, 8 vCores. */
  public static readonly MO_GEN5_8 = new SingleServerSku('MO_Gen5_8');
  /** Memory Optimized, Gen5, 16 vCores. */
  public static readonly MO_GEN5_16 = new SingleServerSku('MO_Gen5_16');
  /** Memory Optimized, Gen5, 32 vCores. */
  public static readonly MO_GEN5_32 = new SingleServerSku('MO_Gen5_32');

  /**
   * Any SKU name the azurerm provider accepts, e.g. "GP_Gen4_8" for an older server.
   * @param name SKU name, case-sensitive
   */
  public static of(name: string): SingleServerSku {
    return new SingleServerSku(name);
  }

  /** The SKU name as Azure spells it. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}

// The provider's list (azurerm 4.55 postgresql_server_resource.go), Basic included so it can be named in the error.
const BASIC_SKUS = ['B_Gen4_1', 'B_Gen4_2', 'B_Gen5_1', 'B_Gen5_2'];
const SKUS = [
  'GP_Gen4_2', 'GP_Gen4_4', 'GP_Gen4_8', 'GP_Gen4_16', 'GP_Gen4_32',
  'GP_Gen5_2', 'GP_Gen5_4', 'GP_Gen5_8', 'GP_Gen5_16', 'GP_Gen5_32', 'GP_Gen5_64',
  'MO_Gen5_2', 'MO_Gen5_4', 'MO_Gen5_8', 'MO_Gen5_16', 'MO_Gen5_32',
];

export const SINGLE_SERVER_SKU = choice('SingleServerSku', SingleServerSku, 'use a SingleServerSku constant, e.g. SingleServerSku.GP_GEN5_2, or SingleServerSku.of("<name>")', (sku) => [
  part('', sku.name, required(text({ expected: 'a SKU name', example: '"GP_Gen5_2"' }), 'give the SKU name to SingleServerSku.of, e.g. "GP_Gen5_2"')),
]);

export function validateSingleServerSku(prop: string, sku: SingleServerSku): void {
  if (isToken(sku.name)) return;
  if (BASIC_SKUS.includes(sku.name)) {
    throw new ValidationError(
      'SINGLE-SKU-BASIC',
      prop,
      sku.name,
      'is a Basic SKU, which has no geo-redundant backup, no Private Link and no threat detection',
      'use a General Purpose or Memory Optimized SKU, e.g. SingleServerSku.GP_GEN5_2',
    );
  }
  checkOneOf('SINGLE-SKU', prop, sku.name, SKUS, 'use a SingleServerSku constant or a name such as "GP_Gen5_2" (exact case)');
}
