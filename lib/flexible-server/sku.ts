import { choice, part, required, text } from '../private/shape';
import { isToken } from '../private/tokens';
import { checkPattern } from '../private/validate';

/** Compute tier of a Flexible Server SKU. */
export enum FlexibleServerTier {
  /** B-series: no zone-redundant high availability. */
  BURSTABLE = 'Burstable',
  /** D-series. */
  GENERAL_PURPOSE = 'GeneralPurpose',
  /** E-series. */
  MEMORY_OPTIMIZED = 'MemoryOptimized',
}

/** Compute size of a Flexible Server. Use a constant, or `of()` for any size the provider accepts. */
export class FlexibleServerSku {
  /** Burstable, 1 vCore: development only. */
  public static readonly B_STANDARD_B1MS = new FlexibleServerSku('B_Standard_B1ms');
  /** Burstable, 2 vCores: development only. */
  public static readonly B_STANDARD_B2MS = new FlexibleServerSku('B_Standard_B2ms');
  /** General Purpose, 2 vCores (Dds v5). */
  public static readonly GP_STANDARD_D2DS_V5 = new FlexibleServerSku('GP_Standard_D2ds_v5');
  /** General Purpose, 4 vCores (Dds v5). */
  public static readonly GP_STANDARD_D4DS_V5 = new FlexibleServerSku('GP_Standard_D4ds_v5');
  /** General Purpose, 8 vCores (Dds v5). */
  public static readonly GP_STANDARD_D8DS_V5 = new FlexibleServerSku('GP_Standard_D8ds_v5');
  /** Memory Optimized, 2 vCores (Eds v5). */
  public static readonly MO_STANDARD_E2DS_V5 = new FlexibleServerSku('MO_Standard_E2ds_v5');
  /** Memory Optimized, 4 vCores (Eds v5). */
  public static readonly MO_STANDARD_E4DS_V5 = new FlexibleServerSku('MO_Standard_E4ds_v5');

  /**
   * Any SKU name the azurerm provider accepts, e.g. "GP_Standard_D16ads_v5".
   * @param name SKU name, case-sensitive, with its tier prefix
   */
  public static of(name: string): FlexibleServerSku {
    return new FlexibleServerSku(name);
  }

  /** The SKU name as Azure spells it. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }

  /** The compute tier, or undefined while the name is a Terraform token. */
  public get tier(): FlexibleServerTier | undefined {
    if (isToken(this.name)) return undefined;
    if (this.name.startsWith('B_')) return FlexibleServerTier.BURSTABLE;
    if (this.name.startsWith('MO_')) return FlexibleServerTier.MEMORY_OPTIMIZED;
    return FlexibleServerTier.GENERAL_PURPOSE;
  }
}

// The provider's own SKU pattern (azurerm 4.55 validate/flexible_server_sku_name.go), case-sensitive.
const SKU_PATTERN = new RegExp(
  '^((B_Standard_B((1|2|4|8|12|16|20)ms|2s))' +
    '|(GP_Standard_D(((2|4|8|16|32|48|64)s_v3)|((2|4|8|16|32|48|64)ds_v4)|((2|4|8|16|32|48|64|96)ds_v5)|((2|4|8|16|32|48|64|96)ads_v5)))' +
    '|(MO_Standard_E((((2|4|8|16|20|32|48|64)s)_v3)|((2|4|6|8|16|20|32|48|64)ds_v4)|((2|4|8|16|20|32|48|64|96)ds_v5)|((2|4|8|16|32|48|64|96)ads_v5))))$',
);

export const FLEXIBLE_SERVER_SKU = choice('FlexibleServerSku', FlexibleServerSku, 'use a FlexibleServerSku constant, e.g. FlexibleServerSku.GP_STANDARD_D2DS_V5, or FlexibleServerSku.of("<name>")', (sku) => [
  part('', sku.name, required(text({ expected: 'a SKU name', example: '"GP_Standard_D2ds_v5"' }), 'give the SKU name to FlexibleServerSku.of, e.g. "GP_Standard_D2ds_v5"')),
]);

export function validateSku(prop: string, sku: FlexibleServerSku): void {
  checkPattern('FLEXIBLE-SKU', prop, sku.name, SKU_PATTERN, 'is not a Flexible Server SKU', 'use a FlexibleServerSku constant or a name such as "GP_Standard_D2ds_v5" (tier prefix B_, GP_ or MO_, exact case)');
}
