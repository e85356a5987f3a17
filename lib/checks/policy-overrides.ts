import { isUnknown } from './hcl-expression';
import { prop, WRITING_EFFECTS } from './policy-rules';
import { isObject } from './terraform-json';

// A policy assignment's `overrides` change its definition's effect without changing the definition (Azure Policy assignment
// structure, kind "policyEffect"; azurerm writes the same list as `overrides` blocks, azapi as `properties.overrides`): an
// audit-only definition assigned with an override to Modify modifies (eighteenth review, A18b-6). The override's selectors
// narrow where it applies, so it is read wherever the assignment is.

/** The effects an assignment's overrides may give (lower case), or "any" when one cannot be read: not a list, a kind or value known only later. */
export type OverriddenEffects = readonly string[] | 'any';

/** Another kind of override changes the version of the definition, not its effect. */
const VERSION_KIND = 'definitionversion';

export function overriddenEffects(overrides: unknown): OverriddenEffects {
  if (overrides === undefined || overrides === null) return [];
  if (!Array.isArray(overrides)) return 'any';
  const effects: string[] = [];
  for (const override of overrides) {
    if (!isObject(override) || isUnknown(override)) return 'any';
    // azurerm's blocks have no kind: every one is an effect.
    const kind = prop(override, 'kind');
    if (kind !== undefined && (typeof kind !== 'string' || literal(kind) === undefined)) return 'any';
    if (typeof kind === 'string' && kind.trim().toLowerCase() === VERSION_KIND) continue;
    if (typeof kind === 'string' && kind.trim().toLowerCase() !== 'policyeffect') return 'any';
    const value = literal(prop(override, 'value'));
    if (value === undefined) return 'any';
    effects.push(value.trim().toLowerCase());
  }
  return effects;
}

/** Whether overrides may make an assignment modify, append or deploy. */
export function overridesWrite(overridden: OverriddenEffects): boolean {
  return overridden === 'any' || overridden.some((effect) => WRITING_EFFECTS.has(effect));
}

/** A literal text: neither a Terraform template nor an ARM expression. */
function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') && !value.includes('%{') && !(value.trim().startsWith('[') && !value.trim().startsWith('[[')) ? value : undefined;
}
