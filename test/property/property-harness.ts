import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Fn, TerraformLocal, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import * as cdktfStackTrace from 'cdktf/lib/tokens/private/stack-trace';
import * as fc from 'fast-check';
import { DiagnosticSettings, PgAuditLogClass } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { MAX_OPEN_ADDRESSES, openAddressCount } from '../../lib/private/firewall-breadth';
import { firstNonPublicOverlap, ipv4ToNumber } from '../../lib/private/ipv4';
import { splitTemplate } from '../../lib/checks/value-readers';
import { ALL_RULES } from '../../lib/checks/rules';
import { ERROR_CODES, ErrorCode } from '../../lib/private/error-codes';
import { ValidationError } from '../../lib/private/validation-error';

// What the property tests of SecureFlexibleServer (flexible-server.property.test.ts) and
// SecureSingleServer (single-server.property.test.ts) share. A generated "plan" describes a prop
// set; tokens in it are placeholders (Tok) that become a TerraformVariable, TerraformLocal or Fn
// call of the run's own stack. Each test file keeps its own plan, its valid, invalid and arbitrary
// values, and its tests with their seeds; this file holds the tokens, the literal building blocks,
// the parts of a plan both servers have, running a plan, judging the outcome, and the body of each
// of the three properties.

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

export const RUNS = 1000;
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

  constructor(public readonly stack: TerraformStack) {}

  public token(tok: Tok): unknown {
    const id = `t${this.count++}`;
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

/** Characters a reader sees (docs/errors.md): letters, digits, punctuation and symbols. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/gu;
export const justification = fc.string({ unit: 'grapheme', minLength: 10, maxLength: 60 }).filter((s) => (s.match(VISIBLE)?.length ?? 0) >= 10 && !/[$%]\{/.test(s));
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
export const validAuditLogging = fc.record({ pgauditLogClasses: pgauditClasses }, { requiredKeys: [] });
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
  const badItem = fc.tuple(fc.constantFrom(...lists), fc.constantFrom(null, undefined)).map(([s, item]) =>
    planChange<P>(`${s.prop} := [${item}]`, (plan) => ({ plan: s.set(plan, new Raw([item])), prop: `${s.prop}[0]`, code: 'PROP-TYPE' })));
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
  return fc.oneof(wrongType, badItem, unknownKey, token);
}

// ---------------------------------------------------------------------------------------------
// Running a plan and judging the outcome
// ---------------------------------------------------------------------------------------------

export type Outcome = { readonly refused: Error & { prop?: unknown } } | { readonly terraform: { [key: string]: any } };

/**
 * Builds the props in a new stack (with the azurerm provider) and constructs the server from them.
 * A throw while building the props, or while synthesizing, is never a refusal.
 */
export function attemptWith<Props>(build: (ctx: BuildContext) => Props, construct: (stack: TerraformStack, props: Props) => void): Outcome {
  const stack = new TerraformStack(Testing.app({ outdir: OUTDIR }), 'property');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const props = build(new BuildContext(stack));
  try {
    construct(stack, props);
  } catch (error) {
    return { refused: error as Error };
  }
  // Outside the try: a crash while synthesizing is never a refusal.
  return { terraform: stack.toTerraform() };
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

/** No failed error-severity rule, and no literal secret. */
export function expectSecure(terraform: { [key: string]: any }): void {
  const failed = evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.status === 'fail' && f.severity === 'error');
  expect(failed.map((f) => `${f.ruleId} ${f.address ?? f.server}: ${f.message}`)).toEqual([]);
  expect(literalSecrets(terraform)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// The three properties; each test file gives its own plans, attempt, seed and number of runs
// ---------------------------------------------------------------------------------------------

/** Valid plans, each with no or one or two invalid changes and then up to two arbitrary ones. */
export function wildPlans<P>(validPlan: fc.Arbitrary<P>, invalidChange: fc.Arbitrary<PlanChange<P>>, arbitraryChange: fc.Arbitrary<PlanChange<P>>): fc.Arbitrary<P> {
  return fc
    .tuple(validPlan, fc.oneof(fc.constant([]), fc.array(invalidChange, { minLength: 1, maxLength: 2 })), fc.array(arbitraryChange, { maxLength: 2 }))
    .map(([plan, invalid, arbitrary]) => [...invalid, ...arbitrary].reduce((current, change) => change.apply(current).plan, plan));
}

/** Property 1: a plan is refused with a ValidationError that names its prop, or synthesizes securely. */
export function assertRefusedNamingAPropOrSecure<P>(plans: fc.Arbitrary<P>, attempt: (plan: P) => Outcome, params: fc.Parameters<[P]>): void {
  fc.assert(
    fc.property(plans, (plan) => {
      const outcome = attempt(plan);
      if ('refused' in outcome) expectValidationError(outcome.refused);
      else expectSecure(outcome.terraform);
    }),
    params,
  );
}

/** Property 2: a valid plan is accepted, and synthesizes securely. */
export function assertAcceptedAndSecure<P>(plans: fc.Arbitrary<P>, attempt: (plan: P) => Outcome, params: fc.Parameters<[P]>): void {
  fc.assert(
    fc.property(plans, (plan) => {
      const outcome = attempt(plan);
      if ('refused' in outcome) throw new Error(`a valid prop set was refused: ${outcome.refused.message}`);
      expectSecure(outcome.terraform);
    }),
    params,
  );
}

/** Property 3: a valid plan with one invalid change is refused, naming the prop the change names ("a or b": either). */
export function assertRefusedNamingTheProp<P>(
  plans: fc.Arbitrary<P>, invalidChange: fc.Arbitrary<PlanChange<P>>, attempt: (plan: P) => Outcome, params: fc.Parameters<[P, PlanChange<P>]>,
): void {
  fc.assert(
    fc.property(plans, invalidChange, (plan, change) => {
      const { plan: changed, prop, code } = change.apply(plan);
      const outcome = attempt(changed);
      if (!('refused' in outcome)) throw new Error(`accepted an invalid ${prop}`);
      expect(prop.split(' or ')).toContain(expectValidationError(outcome.refused));
      if (code !== undefined) expect(outcome.refused).toMatchObject({ code });
    }),
    params,
  );
}
