// Loads nothing of the stack model: every reader of a provider meta-argument (stack model, lookups, hosts) uses it.

/** An HCL identifier (hclsyntax: ID_Start or "_", then ID_Continue or "-"). */
const IDENTIFIER = '[\\p{ID_Start}_][\\p{ID_Continue}-]*';

/**
 * The provider references the checks read: a provider's local name, optionally followed by "." and a configuration alias; another
 * stack's blocks are renamed to `<provider>.<stack>__<name>:<alias>` or, for its default configuration, `<provider>.<stack>__:`
 * (other-stacks.ts renamedAlias), keys no written reference spells.
 */
export const PROVIDER_REFERENCE = new RegExp(`^${IDENTIFIER}(\\.${IDENTIFIER}(:(?:${IDENTIFIER})?)?)?$`, 'u');

/**
 * The provider key ("<name>" or "<name>.<alias>") a `provider` meta-argument names as Terraform reads its JSON text, as HCL traversal
 * syntax that skips blanks and comments between tokens ("azurerm . other", or a block comment after the alias: adversarial run of stop 69), or
 * undefined when it is none the checks read (an instance key, an expression).
 */
export function providerReferenceKey(written: string): string | undefined {
  const bare = written.replace(/^\s*\$\{([^]*)\}\s*$/, '$1').replace(/\/\*[^]*?\*\/|(?:\/\/|#)[^\n]*/g, ' ').replace(/\s*\.\s*/g, '.').trim();
  return PROVIDER_REFERENCE.test(bare) ? bare : undefined;
}

