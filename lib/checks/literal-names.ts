import { evaluateJson, isUnknown, Scope, Value } from './hcl-expression';
import { isCounted } from './instance-arguments';

/** The arguments that name a block or its parents: the ones a literal resource ID is compared with. */
const NAME_KEYS = ['name', 'resource_group_name', 'virtual_network_name'];

/** A plain reference to an azurerm block's name or resource group, e.g. "azurerm_virtual_network.Network.resource_group_name". */
const NAME_REFERENCE = /^((?:data\.)?azurerm_[a-z0-9_]+\.[A-Za-z_][\w-]*)\.(name|resource_group_name)$/;

/** A block's evaluated arguments, its names and groups given by reference read as literals where they can be. */
export type LiteralNames = <T extends { readonly [key: string]: unknown }>(config: T) => T;

interface NamedBlock {
  readonly address: string;
  readonly body: { readonly [key: string]: unknown };
}

/**
 * Reads a name or resource group written as a plain reference to another azurerm block of the stack
 * as that block's literal argument: an azurerm resource's (or lookup's) `name` and
 * `resource_group_name` are what its configuration says, known at plan. So a subnet whose VNet and
 * group are the stack VNet's `name` and `resource_group_name` has a literal ID the checks can match
 * (fourteenth review, A14b-1). A counted block, an address written twice, a cycle or a value known
 * only later keep the reference.
 */
export function literalNames(blocks: readonly NamedBlock[], scope: Scope): LiteralNames {
  const byAddress = new Map<string, NamedBlock | undefined>();
  for (const block of blocks) {
    const counted = isCounted(block.body);
    byAddress.set(block.address, counted || byAddress.has(block.address) ? undefined : block);
  }
  const resolving = new Set<string>();
  const literalOf = (value: unknown): unknown => {
    const found = isUnknown(value) && value.isPlainReference ? NAME_REFERENCE.exec(value.expression) : null;
    const block = found === null ? undefined : byAddress.get(found[1]);
    if (found === null || block === undefined || resolving.has(block.address)) return value;
    resolving.add(block.address);
    try {
      const target = literalOf(evaluateJson(block.body[found[2]] ?? null, scope) as Value);
      return typeof target === 'string' ? target : value;
    } finally {
      resolving.delete(block.address);
    }
  };
  return (config) => {
    let copy: { [key: string]: unknown } | undefined;
    const written: { [key: string]: unknown } = {};
    for (const key of NAME_KEYS) {
      if (!Object.prototype.hasOwnProperty.call(config, key)) continue;
      const literal = literalOf(config[key]);
      if (literal === config[key]) continue;
      (copy ??= { ...config })[key] = literal;
      written[key] = config[key];
    }
    if (copy !== undefined) Object.defineProperty(copy, WRITTEN, { value: written });
    return (copy ?? config) as typeof config;
  };
}

const WRITTEN = Symbol('written');

/** What a block's argument is as written, before a reference was read as its literal: pins compare with that (PG-CFG-6). */
export function writtenArgument(config: unknown, key: string): unknown {
  const written = config !== null && typeof config === 'object' ? (config as { [WRITTEN]?: { [key: string]: unknown } })[WRITTEN] : undefined;
  return written !== undefined && Object.prototype.hasOwnProperty.call(written, key) ? written[key] : (config as { [key: string]: unknown })[key];
}

/** A block's argument as written, read as literalNames reads it: the literal a plain reference gives, else undefined. */
export function literalArgument(names: LiteralNames, key: string, value: unknown, scope: Scope): string | undefined {
  const evaluated = typeof value === 'string' ? evaluateJson(value, scope) : undefined;
  const literal = isUnknown(evaluated) ? names({ [key]: evaluated })[key] : undefined;
  return typeof literal === 'string' ? literal : undefined;
}
