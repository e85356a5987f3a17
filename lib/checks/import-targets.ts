import { bodiesOf, isObject } from './terraform-json';

/**
 * The addresses the stack's `import` blocks adopt a live Azure object into ("azurerm_x.y", as
 * written, spaces trimmed), each once; an address known only at apply time (a for_each import) is
 * left out. An import adopts what the object holds that the resource does not describe (an NSG's
 * inline rules, a server's settings): on a construct's own resource it fails PG-CFG-6 (tenth
 * review, A10a-15) unless the construct adopts it itself (SecureSingleServer `adoption`).
 */
export function importTargets(terraform: unknown): string[] {
  if (!isObject(terraform)) return [];
  const targets = bodiesOf(terraform.import ?? []).filter(isObject).map((block) => block.to)
    .filter((to): to is string => typeof to === 'string' && !to.includes('${'))
    .map((to) => to.trim());
  return [...new Set(targets)];
}
