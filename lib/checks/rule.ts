import type { AccessDeclaration } from './access-declarations';
import type { PinnedAttributes } from './pinned-attributes';
import type { ProviderConfiguration } from './provider-facts';
import type { Scope } from './hcl-expression';
import { ResourceView, ServerView, TerraformBlock } from './stack-model';

export { isUnknown } from './hcl-expression';

/** How a failed rule affects synth. */
export enum RuleSeverity {
  /** The finding fails `cdktf synth` and `check` exits 1. */
  ERROR = 'error',
  /** The finding is printed and synth goes on. */
  WARNING = 'warning',
}

/** The layers of Microsoft's security model for Azure Database for PostgreSQL. */
export enum SecurityLayer {
  /** Encryption of connections. */
  IN_TRANSIT = 'in transit',
  /** Encryption and protection of stored data and backups. */
  AT_REST = 'at rest',
  /** Who can reach the server over the network. */
  NETWORK = 'network',
  /** Who can sign in, and how. */
  ACCESS = 'access',
  /** Detection of attacks. */
  THREAT_PROTECTION = 'threat protection',
  /** What is logged, and where it goes. */
  AUDIT = 'audit',
  /** Whether the configuration can be judged at all: settings made once, suppressions that hold. */
  CONFIGURATION = 'configuration',
}

/** Where a control comes from, so a finding can be traced to the benchmark that asks for it. */
export interface RuleReferences {
  readonly cis?: string[];
  readonly checkov?: string[];
  readonly azurePolicy?: string[];
  readonly trivy?: string[];
}

/**
 * The outcome of one rule on one server. "unknown" means the rule would apply but a value it needs
 * is known only at plan or apply time: the engine reports it as a failure (a security setting
 * must be known at synth), never as a pass.
 */
export type Verdict =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly message: string; readonly address?: string; readonly subject?: string }
  | { readonly status: 'unknown'; readonly note: string; readonly address?: string; readonly subject?: string }
  | { readonly status: 'not-applicable'; readonly note?: string };

export const PASS: Verdict = { status: 'pass' };

/**
 * A failure. Its subject, when given, names the weaker choice found, written one way (e.g. the
 * addresses firewall rules open together): a suppression bound to a subject covers only the
 * failure of exactly that choice.
 */
export function fail(message: string, address?: string, subject?: string): Verdict {
  // Stryker disable next-line ConditionalExpression: equivalent: no reader tells a subject set to undefined from none (JSON drops it)
  return subject === undefined ? { status: 'fail', message, address } : { status: 'fail', message, address, subject };
}

export function notApplicable(note?: string): Verdict {
  return { status: 'not-applicable', note };
}

/**
 * The rule applies, but what it must judge is known only later, e.g. "geo_redundant_backup_enabled
 * is known only at apply time". A subject is given only when every outcome is either a pass or a
 * failure of that subject (the weaker choice itself is known), so its justification covers it.
 */
export function unknown(note: string, address?: string, subject?: string): Verdict {
  // Stryker disable next-line ConditionalExpression: equivalent: no reader tells a subject set to undefined from none (JSON drops it)
  return subject === undefined ? { status: 'unknown', note, address } : { status: 'unknown', note, address, subject };
}

/** The kind of server a rule judges. */
export type ServerKind = 'flexible' | 'single';

/** What a control is, where it comes from and how to meet it: what the catalog and the reports show. */
export interface RuleInfo {
  /** Stable id, upper case and hyphen separated, e.g. PGF-NET-1; also the rule's file name. */
  readonly id: string;
  readonly title: string;
  readonly severity: RuleSeverity;
  readonly layer: SecurityLayer;
  readonly references: RuleReferences;
  /** The fix, in one sentence. */
  readonly fix: string;
  /** The servers it judges ("any": both kinds), or "stack" for a check of the stack as a whole. */
  readonly appliesTo: ServerKind | 'any' | 'stack';
}

/**
 * One security control, judged on the synthesized Terraform JSON of one server and the resources
 * that belong to it. A rule is a small pure function: it never changes the stack.
 */
export interface Rule extends RuleInfo {
  /** The kind of server it judges, or "any" for the rules of what lives inside a server (roles, grants). */
  readonly appliesTo: ServerKind | 'any';
  /** One verdict, or one per faulty resource so that none hides another. */
  evaluate(server: ServerView, stack?: StackFacts): Verdict | readonly Verdict[];
}

/** What a rule may need of the stack beyond its server's view: the blocks that are not resources. */
export interface StackFacts {
  /** The postgresql provider configurations, by the key resources name them with ("postgresql" or "postgresql.<alias>"). */
  readonly postgresqlProviders: ReadonlyMap<string, TerraformBlock>;
  /** Every resource of the stack by address, for the rules that follow a reference (a random_password, a time_rotating). */
  readonly resources?: ReadonlyMap<string, ResourceView>;
  /** The data sources and other blocks outside the resource section that hand on what they read (StackModel.lookups), for PG-IAM-4. */
  readonly lookups?: ReadonlyMap<string, ResourceView>;
  /** The stack's locals (StackModel.locals), for the readers of an expression's possible values (expression-readings.ts). */
  readonly locals?: Scope;
  /** The stack's outputs (StackModel.outputs), for PG-IAM-4: a read of the stack's state hands them on. */
  readonly outputs?: ReadonlyMap<string, ResourceView>;
  /**
   * The azurerm provider configurations, by the key resources name them with ("azurerm" or "azurerm.<alias>"), and those of the other
   * stacks joined to it, under their renamed keys (other-stacks.ts).
   */
  readonly azurermProviders?: ReadonlyMap<string, TerraformBlock>;
  /** The keys of azurermProviders that come from other stacks: their features govern what those stacks delete, judged there. */
  readonly importedProviders?: ReadonlySet<string>;
  /** Every provider configuration of the stack, of any type, for the rules that follow what a provider reads. */
  readonly providers?: readonly ProviderConfiguration[];
  /** The source of each provider in terraform.required_providers, by local name, as written. */
  readonly providerSources?: ReadonlyMap<string, unknown>;
  /** What the stack's DatabaseAccess constructs declared, for the rules that compare with it. */
  readonly declaredAccess?: readonly AccessDeclaration[];
  /** Construct paths of the library's own constructs, for the rules of what is added beside one. */
  readonly constructs?: readonly string[];
  /** What the library's server constructs pinned on their own resources, for PG-CFG-6. */
  readonly pinned?: readonly PinnedAttributes[];
  /** The addresses this stack's import blocks adopt live objects into, for PG-CFG-6. */
  readonly imports?: readonly string[];
  /** The addresses this stack's moved blocks move another object's state to, for PG-CFG-6. */
  readonly moves?: readonly string[];
  /** The addresses this stack's removed blocks destroy the object of (import-targets.ts removedTargets), for PG-IAM-3. */
  readonly removals?: readonly string[];
  /** The servers of the stack that copy a server's data (a replica, a restore, a copy of a copy), for PG-CFG-3. */
  readonly copiesOf?: (server: ServerView) => readonly ServerView[];
  /** The servers of the stack that may copy a server's data through a source known only at apply time, for PG-CFG-3. */
  readonly possibleCopiesOf?: (server: ServerView) => readonly ServerView[];
  /** The library construct whose server a server copies (through any chain of copies), for the rules of what a construct declares. */
  readonly copiedOwner?: (server: ServerView) => string | undefined;
  /** The servers known only at apply time (a variable, a lookup by a name known later): their children may be added to a construct's server. */
  readonly laterServers?: readonly ServerView[];
  /** The servers outside the stack its children name by literal name or ID: one may be a construct's server whose name is known only at apply time. */
  readonly namedServers?: readonly ServerView[];
  /** Where a resource lives, for the rules that tell two stacks' resources of one name apart. */
  readonly placeOf?: (resource: ResourceView) => ResourcePlace;
}

/** The stack a resource was joined from (undefined for the judged stack's own) and the subscription its azurerm provider names as a literal. */
export interface ResourcePlace {
  readonly stack?: string;
  readonly subscription?: string;
}

/** The first failing verdict, else the first unknown one, else the first not-applicable one, else pass. */
export function worstOf(...verdicts: Verdict[]): Verdict {
  const first = (status: Verdict['status']) => verdicts.find((v) => v.status === status);
  return first('fail') ?? first('unknown') ?? first('not-applicable') ?? PASS;
}

/**
 * Every failing and every unknown verdict, else worstOf's. Verdicts of several resources are kept
 * apart: a suppression covers one resource's finding, and must not hide another's value known only at
 * apply time by making the rule drop it (adversarial run of stop 68, PGF-LOG-11 and PGF-LOG-9).
 */
export function faultsOf(...verdicts: Verdict[]): Verdict | readonly Verdict[] {
  const faults = verdicts.filter((verdict) => verdict.status === 'fail' || verdict.status === 'unknown');
  return faults.length > 0 ? faults : worstOf(...verdicts);
}
