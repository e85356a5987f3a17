import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AnnotationMetadataEntryType, Fn, TerraformLocal, TerraformResource, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import * as cdktfStackTrace from 'cdktf/lib/tokens/private/stack-trace';
import { IConstruct } from 'constructs';
import * as fc from 'fast-check';
import { DiagnosticSettings, PgAuditLogClass } from '../../lib';
import { evaluateStack, Finding } from '../../lib/checks/evaluate';
import { MAX_OPEN_ADDRESSES, openAddressCount } from '../../lib/private/firewall-breadth';
import { firstNonPublicOverlap, ipv4ToNumber } from '../../lib/private/ipv4';
import { coversPostgresPort, isWide, sourceBreadth } from '../../lib/private/source-breadth';
import { splitTemplate } from '../../lib/checks/value-readers';
import { ALL_RULES } from '../../lib/checks/rules';
import { trustedFor } from '../../lib/checks/suppression-registry';
import { ERROR_CODES, ErrorCode } from '../../lib/private/error-codes';
import { ValidationError } from '../../lib/private/validation-error';

// What the property tests of SecureFlexibleServer (flexible-server.property.test.ts) and
// SecureSingleServer (single-server.property.test.ts) share. A generated "plan" describes a prop
// set; tokens in it are placeholders (Tok) that become a TerraformVariable, TerraformLocal or Fn
// call of the run's own stack. Each test file keeps its own plan, its valid, invalid and arbitrary
// values, what a plan's weaker choices explain, and its tests with their regression seeds; this
// file holds the tokens, the literal building blocks, the parts of a plan both servers have,
// running a plan, judging the outcome (the whole rule pack, the suppressions and the warnings),
// the seeds, and the body of each of the four properties.

/**
 * cdktf records an unbounded stack trace for every token it creates (to report where a token was
 * made if it is misused), and Jest source-maps each frame: 80% of a run. The properties do not
 * need them: the helper returns no frames while they run, which keeps a run at a few milliseconds.
 * Call at the top level of a test file.
 */
export function stubStackTraces(): void {
  let stackTraces: jest.SpyInstance | undefined;
  beforeAll(() => {
    stackTraces = jest.spyOn(cdktfStackTrace, 'captureStackTrace').mockReturnValue([]);
  });
  afterAll(() => {
    stackTraces?.mockRestore();
  });
}

export const TIMEOUT_MS = 120_000;
/** One output directory for every app: nothing is written to it, as runs never call app.synth(). */
export const OUTDIR = Testing.app().outdir;

// ---------------------------------------------------------------------------------------------
// Tokens and derived values in a plan
// ---------------------------------------------------------------------------------------------

export type TokenType = 'string' | 'number' | 'boolean' | 'list';
export type TokenSource = 'variable' | 'local' | 'function';

/** A Terraform token in a plan; each occurrence becomes a new token of the run's stack. */
export class Tok {
  constructor(public readonly source: TokenSource, public readonly type: TokenType) {}
  [fc.toStringMethod](): string {
    return `<${this.source} ${this.type} token>`;
  }
}

/** A value computed when the props are built, from the name and resource group as built. */
export class Derived {
  constructor(public readonly label: string, public readonly make: (ctx: BuildContext) => unknown) {}
  [fc.toStringMethod](): string {
    return `<${this.label}>`;
  }
}

export class BuildContext {
  private count = 0;
  public name: unknown;
  public resourceGroupName: unknown;

  /** Tokens get the ids <prefix>0, <prefix>1, ...: a second context on a stack takes another prefix. */
  constructor(public readonly stack: TerraformStack, private readonly prefix = 't') {}

  public token(tok: Tok): unknown {
    const id = `${this.prefix}${this.count++}`;
    if (tok.source === 'local') {
      const local = new TerraformLocal(this.stack, id, { number: 1, boolean: true, list: ['x'], string: 'x' }[tok.type]);
      return { number: local.asNumber, boolean: local.asBoolean, list: local.asList, string: local.asString }[tok.type];
    }
    const variable = new TerraformVariable(this.stack, id, { type: { list: 'list(string)', boolean: 'bool', number: 'number', string: 'string' }[tok.type] });
    if (tok.type === 'number') return variable.numberValue;
    if (tok.type === 'boolean') return variable.booleanValue;
    if (tok.type === 'list') return variable.listValue;
    return tok.source === 'function' ? Fn.lower(variable.stringValue) : variable.stringValue;
  }
}

/** An object literal, or one fast-check made without a prototype. */
export function isPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A value given as it is, even where the plan describes a factory-made prop (network, sku, ...):
 * what a JavaScript caller may pass, e.g. a string for the SKU or a plain object for the network.
 */
export class Raw {
  constructor(public readonly value: unknown) {}
  [fc.toStringMethod](): string {
    return `raw ${fc.stringify(this.value)}`;
  }
}

/** Replaces every Tok, Derived and Raw; keys whose value is undefined are left out, as a caller would. */
export function materialize(value: unknown, ctx: BuildContext): any {
  if (value instanceof Raw) return materialize(value.value, ctx);
  if (value instanceof Tok) return ctx.token(value);
  if (value instanceof Derived) return value.make(ctx);
  if (Array.isArray(value)) return value.map((item) => materialize(item, ctx));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, materialize(v, ctx)]));
  }
  return value;
}

export const stringToken = fc.constantFrom(new Tok('variable', 'string'), new Tok('local', 'string'), new Tok('function', 'string'));
export const numberToken = fc.constantFrom(new Tok('variable', 'number'), new Tok('local', 'number'));
export const listToken = fc.constant(new Tok('variable', 'list'));

/** A literal, or now and then a string token in its place. */
export function orToken<T>(literal: fc.Arbitrary<T>): fc.Arbitrary<T | Tok> {
  return fc.oneof({ arbitrary: literal, weight: 5 }, { arbitrary: stringToken, weight: 1 });
}

export function orNumberToken(literal: fc.Arbitrary<number>): fc.Arbitrary<number | Tok> {
  return fc.oneof({ arbitrary: literal, weight: 5 }, { arbitrary: numberToken, weight: 1 });
}

export const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

// ---------------------------------------------------------------------------------------------
// Literal building blocks
// ---------------------------------------------------------------------------------------------

export const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
export const segment = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,14}$/);
export const randomCase = (text: string) => fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((flags) => [...text].map((c, i) => (flags[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

export function armId(provider: string, ...types: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.uuid(), segment, fc.array(segment, { minLength: types.length, maxLength: types.length })).map(
    ([subscription, group, names]) => `/subscriptions/${subscription}/resourceGroups/${group}/providers/${provider}/${types.map((type, i) => `${type}/${names[i]}`).join('/')}`,
  );
}

export const subnetId = armId('Microsoft.Network', 'virtualNetworks', 'subnets');
export const keyVaultId = armId('Microsoft.KeyVault', 'vaults');
// Azure returns workspace IDs in several casings; the provider accepts any.
export const workspaceId = fc.tuple(armId('Microsoft.OperationalInsights', 'workspaces'), fc.boolean()).chain(([id, recase]) =>
  recase ? fc.tuple(randomCase('/providers/Microsoft.OperationalInsights/workspaces/')).map(([tail]) => id.replace('/providers/Microsoft.OperationalInsights/workspaces/', tail)) : fc.constant(id),
);
export const zoneId = (zoneName: fc.Arbitrary<string>) =>
  fc.tuple(fc.uuid(), segment, zoneName).map(([s, g, z]) => `/subscriptions/${s}/resourceGroups/${g}/providers/Microsoft.Network/privateDnsZones/${z}`);
export const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$/);
/** Two labels before the suffix, so never the server's own host name. */
export const vnetZoneName = fc.tuple(label, label).map(([a, b]) => `${a}.${b}.postgres.database.azure.com`);
export const PRIVATE_LINK_ZONE = 'privatelink.postgres.database.azure.com';
export const keyId = fc
  .tuple(fc.stringMatching(/^[a-zA-Z0-9-]{3,24}$/), fc.constantFrom('vault.azure.net', 'managedhsm.azure.net'), fc.stringMatching(/^[a-zA-Z0-9-]{1,40}$/), optional(hex(32)))
  .map(([vault, host, name, version]) => `https://${vault}.${host}/keys/${name}${version === undefined ? '' : `/${version}`}`);

/** Characters a reader cannot see or that break the line they are printed on (docs/errors.md, JUSTIFICATION-UNREADABLE). */
const UNREADABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800\ufffc\ufffd\u{1d159}\u{16fe4}]/gu;
/** At least 10 letters and digits (all that counts), then any readable text without runs of spaces, at most 300 characters. */
export const justification = fc
  .tuple(fc.array(fc.constantFrom(...'aZ09éßж審क'), { minLength: 10, maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 40 }))
  // Runs of three spaces or more, of any kind, are refused (63rd run, A63a-3), and so are reasons over 300 characters.
  .map(([letters, rest]) => `${letters.join('')} ${rest.replace(UNREADABLE, '')}`.replace(/\p{Zs}{3,}/gu, ' '))
  .filter((s) => !/[$%]\{/.test(s) && [...s].length <= 300);
export const REASON = 'SEC-42: accepted by the security team until 2027-03';

export const ipOf = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
/**
 * Public ranges: not starting at 0.0.0.0, not ending at 255.255.255.255, start <= end, and holding
 * no private, loopback, link-local, multicast or reserved address. Often wider than 256 addresses
 * together: valid plans then state it (wideRanges).
 */
export const publicSpan = fc.tuple(fc.integer({ min: 1, max: 0xfffffffe }), fc.oneof(fc.nat({ max: 0xff }), fc.nat({ max: 0xffff })))
  .map(([start, width]) => [start, Math.min(start + width, 0xfffffffe)] as const)
  .filter(([first, last]) => firstNonPublicOverlap({ first, last }) === undefined)
  .map(([first, last]) => [ipOf(first), ipOf(last)] as const);

/** True when literal ranges open more than 256 addresses together: a valid plan then needs wideRanges. */
export function opensManyAddresses(ranges: unknown): boolean {
  if (!Array.isArray(ranges)) return false;
  const spans = ranges.filter((range) => typeof range?.startIpAddress === 'string' && typeof range?.endIpAddress === 'string')
    .map((range) => ({ first: ipv4ToNumber(range.startIpAddress), last: ipv4ToNumber(range.endIpAddress) }));
  return openAddressCount(spans) > MAX_OPEN_ADDRESSES;
}

/** True when vnetIntegration options let PostgreSQL in from more than 256 public addresses, or from a tag other than VirtualNetwork and AzureLoadBalancer (vnetIntegration.wideSources' doc). */
export function opensPostgresWidely(options: { allowedSources?: unknown; additionalSecurityRules?: unknown; subnetAddressPrefix?: unknown }): boolean {
  const sources = Array.isArray(options.allowedSources) ? options.allowedSources : ['VirtualNetwork'];
  const rules = Array.isArray(options.additionalSecurityRules) ? options.additionalSecurityRules : [];
  const own = rules.filter((rule) => rule.direction === 'Inbound' && rule.access === 'Allow' && ['Tcp', '*'].includes(rule.protocol) && coversPostgresPort(String(rule.destinationPortRange))
    // A rule whose literal destination lies outside the subnet's literal range guards another subnet (PGF-NET-11 does not count it, A17a-9).
    && !disjointRanges(rule.destinationAddressPrefix, options.subnetAddressPrefix));
  // The subnet's own range is no client (PGF-NET-11 does not count it either).
  const counted = [...sources, ...own.map((rule) => rule.sourceAddressPrefix)].filter((source): source is string => typeof source === 'string' && source !== options.subnetAddressPrefix);
  return isWide(sourceBreadth(counted));
}

/** True when two literal IPv4 addresses or CIDR ranges share no address (anything else, a tag or a token, may overlap). */
function disjointRanges(a: unknown, b: unknown): boolean {
  const span = (text: unknown) => {
    const match = typeof text === 'string' ? /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/.exec(text) : null;
    if (match === null) return undefined;
    const size = 2 ** (32 - Number(match[2] ?? 32));
    const first = Math.floor(ipv4ToNumber(match[1]) / size) * size;
    return { first, last: first + size - 1 };
  };
  const [x, y] = [span(a), span(b)];
  return x !== undefined && y !== undefined && (x.last < y.first || y.last < x.first);
}

/** A range each of whose addresses a public endpoint never sees from a client, for invalid plans. */
export const NON_PUBLIC_RANGES = [
  { startIpAddress: '10.0.0.1', endIpAddress: '10.0.0.9' },
  { startIpAddress: '172.16.0.1', endIpAddress: '172.16.0.1' },
  { startIpAddress: '192.168.1.1', endIpAddress: '192.168.1.200' },
  { startIpAddress: '100.64.0.1', endIpAddress: '100.64.0.1' },
  { startIpAddress: '127.0.0.1', endIpAddress: '127.0.0.1' },
  { startIpAddress: '169.254.169.254', endIpAddress: '169.254.169.254' },
  { startIpAddress: '224.0.0.5', endIpAddress: '224.0.0.5' },
  { startIpAddress: '240.0.0.1', endIpAddress: '240.0.0.9' },
  { startIpAddress: '0.0.0.1', endIpAddress: '0.0.0.1' },
  { startIpAddress: '9.255.255.250', endIpAddress: '10.0.0.3' },
];

// ---------------------------------------------------------------------------------------------
// The parts of a plan both servers have
// ---------------------------------------------------------------------------------------------

export type DiagnosticsPlan = { readonly kind: 'logAnalytics'; readonly id: unknown } | { readonly kind: 'disabled'; readonly justification: unknown };
export type SkuPlan = { readonly constant: string } | { readonly of: unknown };

/**
 * The props of a plan without factory-made ones, tokens made; the name and the resource group are
 * made first, and kept in the context for Derived values.
 */
export function buildPlainProps(plan: { readonly [key: string]: any }, ctx: BuildContext, factoryProps: string[]): any {
  ctx.name = materialize(plan.name, ctx);
  ctx.resourceGroupName = materialize(plan.resourceGroupName, ctx);
  const plain = Object.fromEntries(Object.entries(plan).filter(([key]) => !['name', 'resourceGroupName', ...factoryProps].includes(key)));
  return { ...materialize(plain, ctx), name: ctx.name, resourceGroupName: ctx.resourceGroupName };
}

/** A factory-made prop: built from its plan, or a Raw value given as it is. */
export function buildFactoryProp<T>(plan: T | Raw, ctx: BuildContext, build: (plan: T) => unknown): unknown {
  return plan instanceof Raw ? materialize(plan, ctx) : build(plan);
}

export function buildDiagnosticSettings(diagnostics: DiagnosticsPlan, ctx: BuildContext): DiagnosticSettings {
  return diagnostics.kind === 'logAnalytics'
    ? DiagnosticSettings.logAnalytics(materialize(diagnostics.id, ctx))
    : DiagnosticSettings.disabled(materialize(diagnostics.justification, ctx));
}

export const RESERVED_LOGINS = ['azure_superuser', 'azure_pg_admin', 'admin', 'administrator', 'root', 'guest', 'public'];

export const serverName = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
export const resourceGroupName = fc.stringMatching(/^[-\w.()]{0,30}[-\w()]$/);
/** Firewall rule names of valid plans start with "r"; injected ones with "x", so they never clash. */
export const ruleName = fc.stringMatching(/^r[a-zA-Z0-9_-]{0,20}$/);

/** A range: its name may be a token, its addresses (a security setting) are literals. */
export const firewallRange = fc.tuple(orToken(ruleName), publicSpan).map(([name, [start, end]]) => ({ name, startIpAddress: start, endIpAddress: end }));
export const firewallRanges = (minLength: number) =>
  fc.uniqueArray(firewallRange, { minLength, maxLength: 4, selector: (range) => (typeof range.name === 'string' ? range.name.toLowerCase() : range) });

/** The classes pgaudit logs, a security setting: literals only. */
export const pgauditClasses = fc.uniqueArray(fc.constantFrom(...Object.values(PgAuditLogClass)), { minLength: 1 });

export const tags = fc.oneof(
  { arbitrary: fc.dictionary(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_.-]{0,20}$/), orToken(fc.string({ unit: 'grapheme', maxLength: 40 })), { maxKeys: 6, noNullPrototype: true }), weight: 8 },
  { arbitrary: fc.constant(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'.repeat(256)]))), weight: 1 },
  { arbitrary: fc.constant({ ['k'.repeat(512)]: 'v' }), weight: 1 },
);

export const validDiagnosticSettings = fc.oneof(
  orToken(workspaceId).map((id): DiagnosticsPlan => ({ kind: 'logAnalytics', id })),
  justification.map((j): DiagnosticsPlan => ({ kind: 'disabled', justification: j })),
);

/** A SKU constant by its name, or a SKU name (or a token) given to of(). */
export const validSku = (constants: string[], names: string[]) => fc.oneof(
  fc.constantFrom(...constants).map((constant): SkuPlan => ({ constant })),
  orToken(fc.constantFrom(...names)).map((of): SkuPlan => ({ of })),
);

// Security settings and justifications are literals: a token there is an invalid value (see slots).
export const validBackup = fc.record({ geoRedundantBackup: fc.boolean(), retentionDays: fc.integer({ min: 7, max: 35 }), justification }, { requiredKeys: [] });
export const validAuditLogging = fc.record({ pgauditLogClasses: pgauditClasses, justification }, { requiredKeys: [] });

/** True when the classes leave schema or role changes unaudited: neither "all" nor both "ddl" and "role". */
export function auditsNoDdlOrRole(classes: unknown): boolean {
  return Array.isArray(classes) && !classes.includes('all') && !(classes.includes('ddl') && classes.includes('role'));
}

/** The audit logging options with a justification where the classes need one. */
export function consistentAuditLogging<A extends { pgauditLogClasses?: unknown; justification?: unknown }>(audit: A | undefined, reason: string): A | undefined {
  if (audit === undefined || audit.justification !== undefined || !auditsNoDdlOrRole(audit.pgauditLogClasses)) return audit;
  return { ...audit, justification: reason };
}
export const validDeletionProtection = fc.record({ preventDestroy: fc.boolean(), lock: fc.boolean(), justification }, { requiredKeys: [] });
/** Azure regions, as names and as display names (the provider drops spaces and case). */
export const location = fc.constantFrom('westeurope', 'northeurope', 'eastus2', 'swedencentral', 'uksouth', 'West Europe', 'East US 2', 'Switzerland North');

export const isLiteral = (value: unknown): value is string => typeof value === 'string';

// ---------------------------------------------------------------------------------------------
// Invalid and arbitrary values
// ---------------------------------------------------------------------------------------------

/** A change of a plan, and the prop whose error it must cause (none for an arbitrary value), with the error's code when the change knows it. */
export interface PlanChange<P> {
  readonly label: string;
  apply(plan: P): { plan: P; prop: string; code?: ErrorCode };
}

/** A change shown by its label when a property fails. */
export function planChange<P>(label: string, apply: (plan: any) => { plan: P; prop: string; code?: ErrorCode }): PlanChange<P> {
  return { label, apply, [fc.toStringMethod]: () => label } as PlanChange<P>;
}

export const BAD_JUSTIFICATIONS = [
  undefined, '', 'too short', '         x ', '\t\n\t\n\t\n\t\n\t\n',
  '\u200b'.repeat(12), `short ${'\u200b\u00a0'.repeat(10)}`, 'approved: ${var.ticket} (SEC)', '%{ if true }approved%{ endif }',
];
export const ENDPOINT = 'network.privateEndpoint';
export const PUBLIC = 'network.publicAccess';
export const LONG = 'v'.repeat(257);

export const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('', ' ', '${var.x}', '0.0.0.0', 'null', '__proto__'));
export const anyIp = fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.constantFrom('0.0.0.0', '255.255.255.255', '0.0.0.1', '255.255.255.254'), anyText);

// ---------------------------------------------------------------------------------------------
// What a JavaScript caller may pass: wrong types, nulls, unknown keys, and tokens where a literal
// belongs. Each construct lists its props as slots; the changes below are made from the slots.
// ---------------------------------------------------------------------------------------------

export type SlotKind = 'string' | 'number' | 'boolean' | 'list' | 'map' | 'struct' | 'class';
type Refusal = 'SECURITY-SETTING-TOKEN' | 'JUSTIFICATION-TOKEN' | 'LIST-TOKEN';

/** A prop of a plan: its kind, how to put a value there, and the error a token there causes, if it is refused. */
export interface Slot<P> {
  readonly prop: string;
  readonly kind: SlotKind;
  readonly refusesToken?: Refusal;
  set(plan: P, value: Raw): P;
}

export function slot<P>(prop: string, kind: SlotKind, set: (plan: any, value: Raw) => P, refusesToken?: Refusal): Slot<P> {
  return { prop, kind, set, refusesToken, [fc.toStringMethod]: () => prop } as Slot<P>;
}

/** Values of another type than the slot's: what a JavaScript caller passes by mistake. */
const WRONG_TYPES: { readonly [kind in SlotKind]: unknown[] } = {
  string: [42, true, null, ['x'], { value: 'x' }],
  number: ['7', '', true, null, [7], {}],
  boolean: ['false', 'true', 0, 1, null, {}],
  list: ['x', 7, null, { 0: 'x' }, true],
  map: ['owner=dba', 7, null, [['owner', 'dba']], true],
  struct: ['x', 7, null, [], true],
  // A plain object is not one a factory made.
  class: ['x', 7, null, {}, []],
};

/** Keys no props interface has: typos, and names inherited from Object.prototype. */
const UNKNOWN_KEYS = ['justificaton', 'preventDestory', 'allowAzureService', 'minVerison', 'extra', 'constructor', 'toString', '__proto__'];

const TOKEN_TYPES: { readonly [kind in SlotKind]?: TokenType } = { string: 'string', number: 'number', boolean: 'boolean', list: 'list' };

/**
 * Changes a JavaScript caller may make, each refused naming its prop with its code: a value of
 * the wrong type (null included), a hole or null in a list, an unknown key in a props object, and
 * a token where the prop must be a literal.
 */
export function javaScriptCallerChanges<P>(slots: Slot<P>[]): fc.Arbitrary<PlanChange<P>> {
  // The props object itself ("") takes unknown keys only: its own type is a test of the constructs' tests.
  const wrongType = fc.constantFrom(...slots.filter((s) => s.prop !== '')).chain((s) => fc.constantFrom(...WRONG_TYPES[s.kind]).map((value) =>
    planChange<P>(`${s.prop} := ${fc.stringify(value)}`, (plan) => ({ plan: s.set(plan, new Raw(value)), prop: s.prop, code: 'PROP-TYPE' }))));
  const lists = slots.filter((s) => s.kind === 'list');
  // Items no list of the props takes, whatever its items are (strings, options objects, constructs).
  const badItem = fc.tuple(fc.constantFrom(...lists), fc.constantFrom(null, undefined, 7, true, [])).map(([s, item]) =>
    planChange<P>(`${s.prop} := [${fc.stringify(item)}]`, (plan) => ({ plan: s.set(plan, new Raw([item])), prop: `${s.prop}[0]`, code: 'PROP-TYPE' })));
  const structs = slots.filter((s) => s.kind === 'struct');
  const unknownKey = fc.tuple(fc.constantFrom(...structs), fc.constantFrom(...UNKNOWN_KEYS)).map(([s, key]) =>
    planChange<P>(`${s.prop === '' ? 'props' : s.prop}.${key} := "x"`, (plan) => ({
      plan: s.set(plan, new Raw({ [key]: 'x' })),
      prop: s.prop === '' ? key : `${s.prop}.${key}`,
      code: 'PROP-UNKNOWN',
    })));
  const literals = slots.filter((s) => s.refusesToken !== undefined && TOKEN_TYPES[s.kind] !== undefined);
  const token = fc.tuple(fc.constantFrom(...literals), fc.constantFrom<TokenSource>('variable', 'local')).map(([s, source]) =>
    planChange<P>(`${s.prop} := a ${source} token`, (plan) => ({ plan: s.set(plan, new Raw(new Tok(source, TOKEN_TYPES[s.kind]!))), prop: s.prop, code: s.refusesToken })));
  // Tokens twice as often: each literal-only prop is then drawn a few times per seed.
  return fc.oneof(wrongType, badItem, unknownKey, { arbitrary: token, weight: 2 });
}

// ---------------------------------------------------------------------------------------------
// Running a plan and judging the outcome
// ---------------------------------------------------------------------------------------------

/** What a construct made of an accepted plan: the stack, the construct, and the stack's Terraform JSON. */
export interface Accepted {
  readonly stack: TerraformStack;
  readonly construct: IConstruct;
  readonly terraform: { [key: string]: any };
}

export type Outcome = { readonly refused: Error & { prop?: unknown } } | Accepted;

/**
 * Builds the props in a new stack (with the azurerm provider) and constructs the server from them.
 * A throw while building the props, or while synthesizing, is never a refusal.
 */
export function attemptWith<Props>(build: (ctx: BuildContext) => Props, construct: (stack: TerraformStack, props: Props) => IConstruct): Outcome {
  const stack = new TerraformStack(Testing.app({ outdir: OUTDIR }), 'property');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const props = build(new BuildContext(stack));
  let made: IConstruct;
  try {
    made = construct(stack, props);
  } catch (error) {
    return { refused: error as Error };
  }
  // Outside the try: a crash while synthesizing is never a refusal.
  return { stack, construct: made, terraform: stack.toTerraform() };
}

/**
 * The library's own ValidationError, with a catalogued code and a message that starts with
 * "Invalid <prop>: "; anything else (a TypeError from deep inside, say) is rethrown as it is.
 */
export function expectValidationError(error: Error & { prop?: unknown; code?: unknown }): string {
  if (!(error instanceof ValidationError)) throw error;
  if (typeof error.prop !== 'string' || error.prop === '' || !error.message.startsWith(`Invalid ${error.prop}: `)) {
    throw new Error(`a ValidationError that does not name its prop: prop ${JSON.stringify(error.prop)}, message ${JSON.stringify(error.message)}`);
  }
  if (!(ERROR_CODES as readonly string[]).includes(error.code)) throw new Error(`a ValidationError without a catalogued code: ${JSON.stringify(error.code)}, message ${JSON.stringify(error.message)}`);
  return error.prop;
}

/** Attribute names that carry a secret (not the *_version, *_enabled, *_id ... attributes next to them). */
export function isSecretAttribute(resourceType: string, key: string): boolean {
  if (/_wo$/.test(key)) return true;
  if (resourceType === 'azurerm_key_vault_secret' && key === 'value') return true;
  return /password|secret|passphrase|private_key/i.test(key) && !/(_version|_enabled|_id|_ids|_name|_type|_method|_length)$/.test(key);
}

export function isReferenceOnly(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const { literal, interpolations } = splitTemplate(value);
  return literal === '' && interpolations > 0;
}

/** Every secret-carrying attribute of every resource that holds anything but a whole "${...}" reference. */
export function literalSecrets(terraform: { [key: string]: any }): string[] {
  const found: string[] = [];
  const visit = (node: unknown, path: string, type: string) => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '//' || key === 'tags' || key === 'depends_on' || key === 'lifecycle') continue;
      if (value !== null && typeof value === 'object') visit(value, `${path}.${key}`, type);
      else if (isSecretAttribute(type, key) && !isReferenceOnly(value)) found.push(`${path}.${key} = ${JSON.stringify(value)}`);
    }
  };
  for (const [type, blocks] of Object.entries(terraform.resource ?? {})) {
    for (const [name, block] of Object.entries(blocks as object)) visit(block, `${type}.${name}`, type);
  }
  return found;
}

/**
 * The findings of the whole rule pack on an accepted plan's stack, as synth judges them: with the
 * suppressions this process added (one written into the JSON any other way would be a finding).
 */
export function findingsOf(accepted: Accepted): readonly Finding[] {
  const evaluation = evaluateStack(accepted.terraform, ALL_RULES, { trusted: trustedFor(accepted.stack) });
  expect(evaluation.problems).toEqual([]);
  return evaluation.findings;
}

/**
 * No finding of the whole pack fails, whatever its severity (the constructs enforce their servers:
 * a failed warning there fails synth), and no literal secret.
 */
export function expectSecure(findings: readonly Finding[], terraform: { [key: string]: any }): void {
  const failed = findings.filter((f) => f.status === 'fail');
  expect(failed.map((f) => `${f.ruleId} (${f.severity}) ${f.address ?? f.server}: ${f.message}`)).toEqual([]);
  expect(literalSecrets(terraform)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// What a plan's weaker choices explain: the suppressions and the warnings, each with its reason
// ---------------------------------------------------------------------------------------------

/** The resources of the synthesized JSON a suppression concerns. */
export interface ResourcePick {
  readonly label: string;
  readonly type: string;
  /** Which resources of the type; all of them when not given. */
  readonly where?: (block: { [key: string]: any }) => boolean;
  /** Every such resource, none included; otherwise exactly one must match. */
  readonly each?: boolean;
}

export interface ExpectedSuppression {
  readonly ruleId: string;
  readonly on: ResourcePick;
  readonly reason: string;
  /** False where the rule does not apply to the resource, so the suppression has no finding to suppress. */
  readonly suppressesAFinding: boolean;
}

export interface ExpectedWarning {
  /** The stable id, as in "[cdktf-azure-postgres:<id>]". */
  readonly id: string;
  /** The justification it prints; none for a warning that has none. */
  readonly justification?: string;
}

/** The suppressions and warnings a plan's weaker choices call for; each construct's test file says which. */
export class Explanation {
  public readonly suppressions: ExpectedSuppression[] = [];
  public readonly warnings: ExpectedWarning[] = [];

  public suppress(on: ResourcePick, ruleIds: string[], reason: string, suppressesAFinding = true): this {
    ruleIds.forEach((ruleId) => this.suppressions.push({ ruleId, on, reason, suppressesAFinding }));
    return this;
  }

  public warn(id: string, justification?: string): this {
    this.warnings.push({ id, justification });
    return this;
  }
}

/** The key of the top-level "//" comment under which the constructs list their suppressions (what the CLI reads). */
const SUPPRESSION_LIST = 'cdktf-azure-postgres-suppressions';
/** A warning of the library: "[cdktf-azure-postgres:<id>] <message>." and, for a weaker choice, ' Justification: "<why>".' */
const LIBRARY_WARNING = /^\[cdktf-azure-postgres:(\w+)\] [^]*?(?: Justification: "([^]*)"\.)?$/;

interface SynthesizedResource {
  readonly address: string;
  readonly path: string;
}

function pick(terraform: { [key: string]: any }, on: ResourcePick): SynthesizedResource[] {
  const found = Object.entries<any>(terraform.resource?.[on.type] ?? {})
    .filter(([, block]) => on.where?.(block) ?? true)
    .map(([name, block]) => ({ address: `${on.type}.${name}`, path: String(block['//']?.metadata?.path) }));
  if (on.each !== true && found.length !== 1) throw new Error(`expected one resource for ${on.label} (${on.type}), found ${found.length}`);
  return found;
}

const shown = (ruleId: string, where: string, reason: unknown) => `${ruleId} on ${where}: ${JSON.stringify(reason)}`;
const shownWarning = (id: string, justification: string | undefined) => `${id}: ${justification === undefined ? '(no justification)' : JSON.stringify(justification)}`;
const isUnder = (scope: string, path: string) => path === scope || path.startsWith(`${scope}/`);

/**
 * The library's warnings under the stack, as "<id>: <justification>"; one outside the construct
 * that printed it, or not in the library's form, says so.
 */
export function libraryWarnings(accepted: Accepted): string[] {
  const scope = accepted.construct.node.path;
  return accepted.stack.node.findAll()
    .flatMap((node) => node.node.metadata.filter((entry) => entry.type === AnnotationMetadataEntryType.WARN).map((entry) => ({ path: node.node.path, text: String(entry.data) })))
    .filter(({ text }) => text.includes('cdktf-azure-postgres'))
    .map(({ path, text }) => {
      const match = LIBRARY_WARNING.exec(text);
      if (match === null) return `not in the library's form: ${text}`;
      return `${shownWarning(match[1], match[2])}${isUnder(scope, path) ? '' : ` (printed on ${path}, outside ${scope})`}`;
    })
    .sort();
}

/**
 * The suppressions and warnings are exactly those the plan's weaker choices explain, each with the
 * props' own justification: the suppression list the JSON carries (on the construct path of the
 * resource concerned, never a broader one), the findings it suppresses (on that resource's
 * address), and the warnings printed on the construct.
 */
export function expectExplained(accepted: Accepted, findings: readonly Finding[], explained: Explanation): void {
  const expected = explained.suppressions.flatMap((s) => pick(accepted.terraform, s.on).map((resource) => ({ ...s, resource })));
  const listed = (accepted.terraform['//']?.[SUPPRESSION_LIST] ?? []) as { path: unknown; ruleId: string; reason: unknown }[];
  expect(listed.map((s) => shown(s.ruleId, String(s.path), s.reason)).sort()).toEqual(expected.map((e) => shown(e.ruleId, e.resource.path, e.reason)).sort());
  const suppressed = findings.filter((f) => f.status === 'suppressed');
  expect(suppressed.map((f) => shown(f.ruleId, f.address ?? f.server, f.reason)).sort())
    .toEqual(expected.filter((e) => e.suppressesAFinding).map((e) => shown(e.ruleId, e.resource.address, e.reason)).sort());
  expect(libraryWarnings(accepted)).toEqual(explained.warnings.map((w) => shownWarning(w.id, w.justification)).sort());
}

/** Undoes Raw wrappers, so a plan's explanation reads the values a caller gave. */
export function unwrapped(value: unknown): any {
  if (value instanceof Raw) return unwrapped(value.value);
  if (Array.isArray(value)) return value.map(unwrapped);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapped(v)]));
  return value;
}

/** What a property needs of a construct: running a plan, and what the plan's weaker choices explain. */
export interface Subject<P> {
  attempt(plan: P): Outcome;
  explain(plan: P): Explanation;
}

/** The whole pack passes (nothing fails, whatever its severity), no literal secret, and every suppression and warning is explained. */
function expectSecureAndExplained<P>(subject: Subject<P>, plan: P, accepted: Accepted): void {
  const findings = findingsOf(accepted);
  expectSecure(findings, accepted.terraform);
  expectExplained(accepted, findings, subject.explain(plan));
}

// ---------------------------------------------------------------------------------------------
// Overrides that weaken a control the construct set
// ---------------------------------------------------------------------------------------------

/** A constant held in a Terraform local: the checks read locals that are constants. */
export class InLocal {
  constructor(public readonly value: unknown) {}
  [fc.toStringMethod](): string {
    return `local holding ${fc.stringify(this.value)}`;
  }
}

/** An escape-hatch override of a resource the construct made, and the rule it weakens. */
export interface Weakening {
  readonly ruleId: string;
  /** The resource overridden (the first that matches); the weakening applies only where there is one. */
  readonly on: ResourcePick;
  /** The override's path in the resource's JSON, e.g. "lifecycle.prevent_destroy". */
  readonly path: string;
  /** The value: a literal as Terraform reads it, a Tok (a variable, known only at apply time), an InLocal, or undefined to remove. */
  readonly value: unknown;
}

/** One weakening per value, each shown as "<resource>: <path> := <value> (<rule>)". */
export function weakenings(ruleId: string, on: ResourcePick, path: string, values: unknown[]): fc.Arbitrary<Weakening> {
  return fc.constantFrom(...values).map((value) =>
    ({ ruleId, on, path, value, [fc.toStringMethod]: () => `${on.label}: ${path} := ${value === undefined ? '(removed)' : fc.stringify(value)} (${ruleId})` }) as Weakening);
}

/** Makes the override on the first resource the weakening concerns; the construct path of that resource, or undefined when there is none. */
function override(accepted: Accepted, weakening: Weakening): string | undefined {
  const [target] = pick(accepted.terraform, { ...weakening.on, each: true });
  if (target === undefined) return undefined;
  const resource = accepted.stack.node.findAll().find((node) => node.node.path === target.path) as TerraformResource | undefined;
  if (resource === undefined) throw new Error(`no construct at ${target.path}`);
  const { value } = weakening;
  const made = value instanceof Tok
    ? new BuildContext(accepted.stack, 'weakening').token(value)
    : value instanceof InLocal ? new TerraformLocal(accepted.stack, 'weakening', value.value).expression : value;
  resource.addOverride(weakening.path, made);
  return target.path;
}

// ---------------------------------------------------------------------------------------------
// Seeds: each property runs on its fixed regression seed, and on a seed drawn for this run
// ---------------------------------------------------------------------------------------------

/** Runs on each seed: the regression seed and the run's seed share what one seed had before. */
export const RUNS_PER_SEED = 375;
/** Runs on each seed of the override property (each run synthesizes twice). */
export const OVERRIDE_RUNS_PER_SEED = 100;

/** PROPERTY_SEED when set (to replay a failure), else a new seed; each test file draws its own. */
function drawRunSeed(): number {
  const given = process.env.PROPERTY_SEED;
  if (given === undefined || given === '') return Math.floor(Math.random() * 2 ** 31);
  if (!/^-?\d+$/.test(given) || !Number.isSafeInteger(Number(given))) throw new Error(`PROPERTY_SEED must be an integer, not ${JSON.stringify(given)}`);
  return Number(given);
}

export const RUN_SEED = drawRunSeed();

/** Prints the run's seed once per test file, so that a failure on it can be replayed. */
export function printRunSeed(): void {
  beforeAll(() => console.info(`property seed: ${RUN_SEED} (replay with PROPERTY_SEED=${RUN_SEED})`));
}

/** A property as two tests: on its regression seed, and on the seed of this run (a failure prints the seed and the shrunk counterexample). */
export function testProperty(name: string, regressionSeed: number, check: (params: { seed: number; numRuns: number }) => void): void {
  test(`${name} (regression seed ${regressionSeed})`, () => check({ seed: regressionSeed, numRuns: RUNS_PER_SEED }), TIMEOUT_MS);
  test(`${name} (seed of this run)`, () => check({ seed: RUN_SEED, numRuns: RUNS_PER_SEED }), TIMEOUT_MS);
}

// ---------------------------------------------------------------------------------------------
// The four properties; each test file gives its own plans, subject, changes and regression seeds
// ---------------------------------------------------------------------------------------------

/** Valid plans, each with no or one or two invalid changes and then up to two arbitrary ones. */
export function wildPlans<P>(validPlan: fc.Arbitrary<P>, invalidChange: fc.Arbitrary<PlanChange<P>>, arbitraryChange: fc.Arbitrary<PlanChange<P>>): fc.Arbitrary<P> {
  return fc
    .tuple(validPlan, fc.oneof(fc.constant([]), fc.array(invalidChange, { minLength: 1, maxLength: 2 })), fc.array(arbitraryChange, { maxLength: 2 }))
    .map(([plan, invalid, arbitrary]) => [...invalid, ...arbitrary].reduce((current, change) => change.apply(current).plan, plan));
}

/** Property 1: a plan is refused with a ValidationError that names its prop, or synthesizes securely with every suppression and warning explained. */
export function assertRefusedNamingAPropOrSecure<P>(plans: fc.Arbitrary<P>, subject: Subject<P>, params: fc.Parameters<[P]>): void {
  fc.assert(
    fc.property(plans, (plan) => {
      const outcome = subject.attempt(plan);
      if ('refused' in outcome) expectValidationError(outcome.refused);
      else expectSecureAndExplained(subject, plan, outcome);
    }),
    params,
  );
}

/** Property 2: a valid plan is accepted, and synthesizes securely with every suppression and warning explained. */
export function assertAcceptedAndSecure<P>(plans: fc.Arbitrary<P>, subject: Subject<P>, params: fc.Parameters<[P]>): void {
  fc.assert(
    fc.property(plans, (plan) => {
      const outcome = subject.attempt(plan);
      if ('refused' in outcome) throw new Error(`a valid prop set was refused: ${outcome.refused.message}`);
      expectSecureAndExplained(subject, plan, outcome);
    }),
    params,
  );
}

/** Property 3: a valid plan with one invalid change is refused, naming the prop the change names ("a or b": either). */
export function assertRefusedNamingTheProp<P>(
  plans: fc.Arbitrary<P>, invalidChange: fc.Arbitrary<PlanChange<P>>, subject: Subject<P>, params: fc.Parameters<[P, PlanChange<P>]>,
): void {
  fc.assert(
    fc.property(plans, invalidChange, (plan, change) => {
      const { plan: changed, prop, code } = change.apply(plan);
      const outcome = subject.attempt(changed);
      if (!('refused' in outcome)) throw new Error(`accepted an invalid ${prop}`);
      expect(prop.split(' or ')).toContain(expectValidationError(outcome.refused));
      if (code !== undefined) expect(outcome.refused).toMatchObject({ code });
    }),
    params,
  );
}

/**
 * Property 4: on an accepted plan, an override that weakens a control the construct set (and the
 * props did not weaken with a justification) fails synth: its rule fails as an error, as the
 * constructs enforce their servers. A suppression written straight into the JSON for it changes
 * nothing but adds a failed PG-SUP-1.
 */
export function assertWeakeningOverridesFail<P>(plans: fc.Arbitrary<P>, weakening: fc.Arbitrary<Weakening>, subject: Subject<P>, params: fc.Parameters<[P, Weakening, boolean]>): void {
  fc.assert(
    fc.property(plans, weakening, fc.boolean(), (plan, change, injectSuppression) => {
      // A rule the props weakened on purpose is suppressed with their justification: overriding it further is not judged here.
      fc.pre(!subject.explain(plan).suppressions.some((s) => s.ruleId === change.ruleId));
      const accepted = subject.attempt(plan);
      if ('refused' in accepted) throw new Error(`a valid prop set was refused: ${accepted.refused.message}`);
      const path = override(accepted, change);
      fc.pre(path !== undefined);
      if (injectSuppression) {
        const listed = accepted.terraform['//']?.[SUPPRESSION_LIST] ?? [];
        accepted.stack.addOverride(`//.${SUPPRESSION_LIST}`, [...listed, { path, ruleId: change.ruleId, reason: REASON }]);
      }
      const findings = findingsOf({ ...accepted, terraform: accepted.stack.toTerraform() });
      const failed = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId && f.status === 'fail').map((f) => f.severity);
      expect(failed(change.ruleId)).toContain('error');
      if (injectSuppression) expect(failed('PG-SUP-1')).toContain('error');
    }),
    params,
  );
}

/**
 * An administrator of the server's tenant (another one is refused, or fails PGF-IAM-7 when a local
 * value makes it known at synth): a literal tenant becomes the server's in upper case; one that
 * the server's differs from at synth (a local against a literal) is left out, so it defaults.
 */
export function sameTenant<A extends { readonly tenantId?: unknown }>(admin: A, serverTenant: unknown): A {
  const known = (value: unknown) => isLiteral(value) || (value instanceof Tok && value.source === 'local');
  // Plans of any shape pass here too: an administrator that is not an object is left as it is.
  if (!isPlainObject(admin) || admin.tenantId === undefined || !known(admin.tenantId) || !known(serverTenant)) return admin;
  if (isLiteral(admin.tenantId) && isLiteral(serverTenant)) return { ...admin, tenantId: String(serverTenant).toUpperCase() };
  if (!isLiteral(admin.tenantId) && !isLiteral(serverTenant)) return admin;
  const rest: { tenantId?: unknown } = { ...admin };
  delete rest.tenantId;
  return rest as A;
}
