/**
 * The other stacks of an app, joined to the JSON of the stack judged, so that what a stack adds
 * beside another stack's library construct (a rule on its NSG, a record in its zone, an
 * administrator, a role, a log export, a copy of its password) is judged as it is beside the
 * construct in its own stack (fifth review, A5-13 and A5-14). Pure: no cdktf.
 *
 * The blocks of another stack are renamed `<stack>__<name>`, so that no name clashes with the
 * judged stack's, and cdktf's cross-stack references
 * (`data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>`) are
 * replaced by the reference the producing stack's output holds: the stack model then sees the
 * other stack's server, NSG or zone itself.
 */
import { ownValue } from '../private/own-keys';
import { localNamesOf, postgresqlLocalNames, unreadProviderReference } from './provider-facts';
import { providerReferenceKey } from './provider-references';
import { inheritedProviders, sectionBlocks, withInherited } from './stack-model';
import { bodiesOf, isObject, mapStrings } from './terraform-json';

/** Another stack of the app, as its JSON was written (or converted, in synth). */
export interface OtherStack {
  /** The stack's construct path, which cdktf names its cross-stack data source after. */
  readonly path: string;
  readonly terraform: unknown;
}

export interface JoinedStacks {
  /** The judged stack's JSON, then the renamed blocks of the other stacks: what the model is built from. */
  readonly terraform: unknown;
  /** Rewrites a value of the judged stack (its JSON, what its constructs recorded): cross-stack references resolved. */
  readonly resolve: (value: unknown) => unknown;
  /** The addresses of the blocks that come from the other stacks, and the path of the stack each comes from. */
  readonly imported: ReadonlyMap<string, string>;
  /** A message as a reader of the judged stack's report sees it: a joined block by its own name and stack. */
  readonly show: (text: string) => string;
  /** Rewrites a value of another stack (what its constructs recorded), by its index in `others`, in the joined naming. */
  readonly rename: (index: number, value: unknown) => unknown;
  /** The keys ("azurerm.<renamed alias>") of the azurerm provider configurations that come from the other stacks. */
  readonly importedProviders: ReadonlySet<string>;
}

/** The sections of another stack the model reads: the blocks and the values they refer to. */
const LABELLED = ['resource', 'data', 'ephemeral'] as const;

/**
 * The name cdktf gives the data source that reads a stack's outputs: its id holds the stack's path
 * ("/" written "--"), and the name keeps only letters, digits, "_" and "-" of it ("data.v2" gives
 * "…-datav2", "Group/data" "…-Group--data").
 */
export function inputName(stackPath: string): string {
  return `cross-stack-reference-input-${stackPath.replace(/\//g, '--')}`.replace(/[^A-Za-z0-9_-]/g, '');
}

/**
 * A traversal at the start of a chain: cdktf's read of another stack's output (groups 1, 2),
 * or the first two or three names of a reference (groups 3 to 5).
 */
const TRAVERSAL = /(?<![\w.-])(?:data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)|(?:(data|ephemeral)\.)?([a-zA-Z_][\w-]*)\.([a-zA-Z_][\w-]*))/g;

/** An output's value that is one plain reference, e.g. "${azurerm_x.y.id}". */
const PLAIN_OUTPUT = /^\$\{([a-zA-Z_][\w-]*(?:\.[a-zA-Z_][\w-]*|\[\d+\])*)\}$/;

/** Joins the other stacks to the judged one (`hostPath`, its construct path). */
export function joinStacks(host: unknown, hostPath: string, others: readonly OtherStack[]): JoinedStacks {
  const hostNames = namesOf(bodiesOf(host).filter(isObject));
  const prefixes = prefixesOf(others.map((other) => other.path), [...hostNames.blocks].map((address) => address.slice(address.lastIndexOf('.') + 1))
    .concat([...hostNames.modules, ...hostNames.locals, ...hostNames.variables]));
  // The judged stack's default postgresql configurations, which no module of another stack is given (see renamedRoot).
  const hostDefaults = Object.keys(inheritedProviders(bodiesOf(host).filter(isObject)));
  const stacks = others.map((other, index) => {
    const roots = bodiesOf(other.terraform).filter(isObject);
    return { path: other.path, roots, prefix: prefixes[index], postgresqlNames: postgresqlLocalNames(roots), azurermNames: azurermLocalNames(roots), hostDefaults };
  });
  const names = stacks.map((stack) => namesOf(stack.roots));
  // The reference each stack's outputs hold, in the naming of the joined JSON.
  const outputs = new Map<string, Map<string, string>>();
  // `own`: the stack's prefix and names, for another stack; none for the judged stack, whose names stay.
  const rewriterOf = (own?: { prefix: string; names: Names }) => (text: string) => text.replace(TRAVERSAL, (match, input?: string, output?: string, keyword?: string, first?: string, second?: string) => {
    if (input !== undefined) {
      const reference = producerOf(outputs, input, output!)?.get(output!);
      if (reference !== undefined) return reference;
      return own === undefined ? match : renamed(match, 'data', 'terraform_remote_state', input, own.prefix, own.names);
    }
    return own === undefined ? match : renamed(match, keyword, first!, second!, own.prefix, own.names);
  });
  const hostRewrite = rewriterOf();
  const rewriters = stacks.map((stack, index) => rewriterOf({ prefix: stack.prefix, names: names[index] }));
  outputs.set(inputName(hostPath), outputReferences(bodiesOf(host).filter(isObject), (text) => text));
  stacks.forEach((stack, index) => outputs.set(inputName(stack.path), outputReferences(stack.roots, rewriters[index])));
  const imported = new Map<string, string>();
  const roots = stacks.flatMap((stack, index) => stack.roots.map((root, at) => renamedRoot(root, stack, rewriters[index], imported, at === 0 && impliesAzurerm(stack))));
  const resolve = (value: unknown) => rewriteStrings(value, hostRewrite);
  const rename = (index: number, value: unknown) => rewriteStrings(value, rewriters[index]);
  const importedProviders = new Set(roots.flatMap((root) => bodiesOf((root.provider as { azurerm?: unknown } | undefined)?.azurerm ?? []).filter(isObject).map((config) => `azurerm.${String(config.alias)}`)));
  return { terraform: [resolve(host), ...roots], resolve, imported, show: shownBy(stacks), rename, importedProviders };
}

/** The names a stack declares, which references inside it are renamed for. */
interface Names {
  readonly blocks: ReadonlySet<string>;
  readonly modules: ReadonlySet<string>;
  readonly locals: ReadonlySet<string>;
  readonly variables: ReadonlySet<string>;
}

function namesOf(roots: readonly { [key: string]: unknown }[]): Names {
  const blocks = new Set(LABELLED.flatMap((section) => sectionBlocks(roots, section).map(({ type, name }) => (section === 'resource' ? `${type}.${name}` : `${section}.${type}.${name}`))));
  const keys = (section: string) => new Set(roots.flatMap((root) => bodiesOf(root[section]).filter(isObject).flatMap(Object.keys)));
  return { blocks, modules: keys('module'), locals: keys('locals'), variables: keys('variable') };
}

/** A reference inside another stack, renamed when it names one of that stack's own blocks or values. */
function renamed(match: string, keyword: string | undefined, first: string, second: string, prefix: string, names: Names): string {
  const rest = match.slice((keyword === undefined ? 0 : keyword.length + 1) + first.length + 1 + second.length);
  if (keyword !== undefined) return names.blocks.has(`${keyword}.${first}.${second}`) ? `${keyword}.${first}.${prefix}${second}${rest}` : match;
  const own = first === 'module' ? names.modules : first === 'local' ? names.locals : first === 'var' ? names.variables : undefined;
  if (own !== undefined) return own.has(second) ? `${first}.${prefix}${second}${rest}` : match;
  return names.blocks.has(`${first}.${second}`) ? `${first}.${prefix}${second}${rest}` : match;
}

/**
 * The outputs of the stack a cross-stack data source reads: the stack cdktf names it after, else (a
 * stack whose name is not known as cdktf spelled it: `check` on a folder without its manifest, a
 * stack nested in a construct, a folder renamed; or a named stack without that output: a manifest
 * edited, A7-8) the only stack that has the output read.
 */
function producerOf(outputs: ReadonlyMap<string, ReadonlyMap<string, string>>, input: string, output: string): ReadonlyMap<string, string> | undefined {
  const named = outputs.get(input);
  if (named?.has(output) === true) return named;
  const having = [...outputs.values()].filter((references) => references.has(output));
  return having.length === 1 ? having[0] : undefined;
}

/** The plain reference each output of a stack holds, rewritten; outputs of another form are left out. */
function outputReferences(roots: readonly { [key: string]: unknown }[], rewrite: (text: string) => string): Map<string, string> {
  const found = new Map<string, string>();
  for (const byName of roots.flatMap((root) => bodiesOf(root.output)).filter(isObject)) {
    for (const [name, output] of Object.entries(byName)) {
      const value = isObject(output) ? output.value : undefined;
      const plain = typeof value === 'string' ? PLAIN_OUTPUT.exec(value) : null;
      if (plain !== null) found.set(name, rewrite(plain[1]));
    }
  }
  return found;
}

/**
 * Another stack's root with its blocks renamed and their values rewritten. Its library entries,
 * providers and settings stay out: the stack is judged on its own, and the judged stack reads
 * those entries from it directly (evaluate.ts).
 */
function renamedRoot(root: { [key: string]: unknown }, stack: JoinedStack, rewrite: (text: string) => string, imported: Map<string, string>,
  implied: boolean): { [key: string]: unknown } {
  const { path, prefix } = stack;
  const renamedRoot: { [key: string]: unknown } = {};
  for (const section of LABELLED) {
    if (!(section in root)) continue;
    renamedRoot[section] = bodiesOf(root[section]).map((byType) => (!isObject(byType) ? byType : Object.fromEntries(Object.entries(byType).map(([type, byName]) => [
      type,
      bodiesOf(byName).map((names) => (!isObject(names) ? names : Object.fromEntries(Object.entries(names).map(([name, body]) => {
        imported.set(section === 'resource' ? `${type}.${prefix}${name}` : `${section}.${type}.${prefix}${name}`, path);
        return [`${prefix}${name}`, withOwnProvider(type, rewriteStrings(body, rewrite), stack)];
      })))),
    ]))));
  }
  // Its outputs, by their own names: a read of its state by the judged stack hands on what they hold (A12b-6).
  if ('output' in root) {
    renamedRoot.output = bodiesOf(root.output).map((byName) => (!isObject(byName) ? byName : Object.fromEntries(Object.entries(byName).map(([name, body]) => [name, rewriteStrings(body, rewrite)]))));
  }
  // Its postgresql providers, of every local name it requires from cyrilgdn/postgresql (A37a-3), renamed: they tie its in-database
  // resources to its servers (PGD-*). Its azurerm providers too: a block of another stack is written in that stack's subscription
  // and cloud, not the judged stack's (adversarial run of stop 70, B16).
  const providers = bodiesOf(root.provider).filter(isObject);
  const renamedProviders = (main: string, locals: readonly string[]) => providers.flatMap((byType) => locals.flatMap((local) => bodiesOf(ownValue(byType, local) ?? []).filter(isObject)
    .map((config) => ({ ...(rewriteStrings(config, rewrite) as object), alias: `${prefix}${renamedAlias(main, local, config.alias)}` }))));
  const postgresql = renamedProviders('postgresql', stack.postgresqlNames);
  const azurerm = [...renamedProviders('azurerm', stack.azurermNames), ...(implied ? [{ alias: `${prefix}:` }] : [])];
  if (postgresql.length + azurerm.length > 0) renamedRoot.provider = { ...(postgresql.length > 0 ? { postgresql } : {}), ...(azurerm.length > 0 ? { azurerm } : {}) };
  // A module is given its own stack's default configurations where its map names none (implicit inheritance), never the judged
  // stack's: a name the judged stack configures by default is given the other stack's configuration of it, or the empty one Terraform
  // makes where that stack has none (a renamed key no block has).
  const ownDefaults = stack.postgresqlNames.filter((local) => providers.some((byType) => bodiesOf(ownValue(byType, local) ?? []).filter(isObject)
    .some((config) => config.alias === undefined || config.alias === null)));
  const inherited = Object.fromEntries([...new Set([...ownDefaults, ...stack.hostDefaults])].map((local) => [local, `postgresql.${prefix}${renamedAlias('postgresql', local, undefined)}`]));
  for (const section of ['module', 'locals', 'variable']) {
    if (!(section in root)) continue;
    renamedRoot[section] = bodiesOf(root[section]).map((byName) => (!isObject(byName) ? byName : Object.fromEntries(Object.entries(byName).map(([name, body]) => {
      if (section !== 'module') return [`${prefix}${name}`, rewriteStrings(body, rewrite)];
      imported.set(`module.${prefix}${name}`, path);
      const rewritten = rewriteStrings(body, rewrite);
      return [`${prefix}${name}`, isObject(rewritten) ? { ...rewritten, providers: withInherited(rewritten.providers, inherited) } : rewritten];
    }))));
  }
  return renamedRoot;
}

/** Another stack as it is joined: its path, the prefix of its renamed names, and the local names of its providers the checks read. */
interface JoinedStack {
  readonly path: string;
  readonly prefix: string;
  readonly postgresqlNames: readonly string[];
  readonly azurermNames: readonly string[];
  /** The judged stack's default postgresql configurations by local name. */
  readonly hostDefaults: readonly string[];
}

/** The local names whose provider blocks configure hashicorp/azurerm (provider-facts.ts localNamesOf). */
function azurermLocalNames(terraform: unknown): string[] {
  return localNamesOf(terraform, 'azurerm', 'hashicorp/azurerm');
}

/**
 * A postgresql or azurerm block of another stack names its provider by the renamed alias: `<main>` or `<main>.<alias>` and, for
 * another local name, `<name>` or `<name>.<alias>` (37th run, A37a-3). A local name whose blocks are not read (renamedRoot) gets a
 * key no block has: not configured.
 */
function withOwnProvider(type: string, body: unknown, stack: JoinedStack): unknown {
  const main = type.startsWith('postgresql_') ? 'postgresql' : type.startsWith('azurerm_') ? 'azurerm' : undefined;
  if (main === undefined || !isObject(body)) return body;
  // An azurerm reference is read as the checks read the judged stack's own ("azurerm . two", "${azurerm.two}"): kept as written, it
  // was read there as the judged stack's configuration of that alias, not its own stack's. A postgresql one with blanks stays as
  // written: the PGD rules do not read it and fail it closed, naming it.
  const written = typeof body.provider !== 'string' ? undefined : main === 'azurerm' ? providerReferenceKey(body.provider) ?? body.provider : body.provider;
  // A reference the checks do not read names no block of either stack: kept as written, so the finding names it so.
  if (written !== undefined && unreadProviderReference(written) !== undefined) return body;
  const [local, alias] = written !== undefined ? written.split('.') : [main];
  // An azurerm_ block run by a provider of another source (a fork) keeps its reference: no block of the judged stack configures it.
  if (main === 'azurerm' && !stack.azurermNames.includes(local)) return body;
  return { ...body, provider: `${main}.${stack.prefix}${renamedAlias(main, local, alias)}` };
}

/**
 * The alias a provider of another stack is renamed to: its own alias (":" for none), after its local name unless that is the
 * provider's own name (":" is in no alias).
 */
function renamedAlias(main: string, local: string, alias: unknown): string {
  // No alias is ":" (or nothing after "<name>:"), which no alias can spell (an alias "default" is another configuration: 54th run,
  // A54b-4), and a key the checks read (provider-references.ts).
  const own = typeof alias === 'string' ? alias : '';
  if (local !== main) return `${local}:${own}`;
  return own === '' ? ':' : own;
}

/**
 * Whether a stack writes azurerm blocks but no default azurerm configuration: Terraform gives them an empty one (subscription and
 * cloud from the environment), which the judged stack's own default is not, so the joined JSON holds one for them.
 */
function impliesAzurerm(stack: { readonly roots: readonly { [key: string]: unknown }[] }): boolean {
  const declared = stack.roots.some((root) => bodiesOf(root.provider).filter(isObject).some((byType) => bodiesOf(ownValue(byType, 'azurerm') ?? []).filter(isObject)
    .some((config) => config.alias === undefined || config.alias === null)));
  return !declared && LABELLED.some((section) => sectionBlocks(stack.roots, section).some(({ type }) => type.startsWith('azurerm_')));
}

/** Every string of a JSON value rewritten (keys kept). */
function rewriteStrings(value: unknown, rewrite: (text: string) => string): unknown {
  // Stryker disable next-line StringLiteral,ConditionalExpression: equivalent: a fast path, text without a dot holds no reference
  return mapStrings(value, (text) => (text.includes('.') ? rewrite(text) : text));
}

/**
 * Names a renamed block as its own stack does: `azurerm_x.data__y` is shown as `azurerm_x.y (stack "data")`, and a renamed provider
 * configuration as its stack names it: `azurerm.data__:` as `azurerm (stack "data")`, `azurerm.data__arm:x` as `arm.x (stack "data")`.
 */
function shownBy(stacks: readonly { path: string; prefix: string }[]): (text: string) => string {
  const pathOf = new Map(stacks.map((stack) => [stack.prefix, stack.path]));
  const prefixes = stacks.map((stack) => stack.prefix).join('|');
  const renamedAddress = new RegExp(`(?<![\\w-])((?:(?:data|ephemeral)\\.)?[a-zA-Z_][\\w-]*\\.)(${prefixes})([\\w-]+)`, 'g');
  // A provider's key with a ":" (renamedAlias): its default configuration, or one of another local name.
  const renamedProvider = new RegExp(`(?<![\\w-])(azurerm|postgresql)\\.(${prefixes})([\\w-]*):([\\w-]*)`, 'g');
  const stackOf = (prefix: string) => ` (stack ${JSON.stringify(pathOf.get(prefix))})`;
  return (text) => text
    .replace(renamedProvider, (_match, main: string, prefix: string, local: string, alias: string) => `${local === '' ? main : local}${alias === '' ? '' : `.${alias}`}${stackOf(prefix)}`)
    .replace(renamedAddress, (_match, head: string, prefix: string, name: string) => `${head}${name}${stackOf(prefix)}`);
}

/**
 * A prefix per stack: its path as a name ("data" gives "data__"), changed until no name of the
 * judged stack starts with it and it does not start another prefix (nor another it): a renamed
 * block never takes the address of another block.
 */
function prefixesOf(paths: readonly string[], hostNames: readonly string[]): string[] {
  // Stryker disable next-line ArrayDeclaration: equivalent: no prefix starts with text that has blanks
  const used: string[] = [];
  const clashes = (prefix: string) => used.some((other) => other.startsWith(prefix) || prefix.startsWith(other)) || hostNames.some((name) => name.startsWith(prefix));
  return paths.map((path) => {
    const base = path.replace(/[^\w]/g, '_').replace(/^(?![a-zA-Z_])/, '_');
    let prefix = `${base}__`;
    // The number goes first: a prefix that starts with the base would clash again with what clashed.
    for (let n = 2; clashes(prefix); n++) prefix = `_${n}_${base}__`;
    used.push(prefix);
    return prefix;
  });
}
