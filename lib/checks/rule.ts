import { ServerView } from './stack-model';

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
}

/** Where a control comes from, so a finding can be traced to the benchmark that asks for it. */
export interface RuleReferences {
  readonly cis?: string[];
  readonly checkov?: string[];
  readonly azurePolicy?: string[];
  readonly trivy?: string[];
}

/** The outcome of one rule on one server. */
export type Verdict =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly message: string; readonly address?: string }
  | { readonly status: 'not-applicable'; readonly note?: string };

export const PASS: Verdict = { status: 'pass' };

export function fail(message: string, address?: string): Verdict {
  return { status: 'fail', message, address };
}

export function notApplicable(note?: string): Verdict {
  return { status: 'not-applicable', note };
}

/** The kind of server a rule judges. */
export type ServerKind = 'flexible' | 'single';

/**
 * One security control, judged on the synthesized Terraform JSON of one server and the resources
 * that belong to it. A rule is a small pure function: it never changes the stack.
 */
export interface Rule {
  /** Stable id, upper case and hyphen separated, e.g. PGF-NET-1; also the rule's file name. */
  readonly id: string;
  readonly title: string;
  readonly severity: RuleSeverity;
  readonly layer: SecurityLayer;
  readonly references: RuleReferences;
  /** The fix, in one sentence. */
  readonly fix: string;
  readonly appliesTo: ServerKind;
  /** One verdict, or one per faulty resource so that none hides another. */
  evaluate(server: ServerView): Verdict | readonly Verdict[];
}

/** A value known only at apply time, e.g. "${var.x}": rules cannot judge it. */
export function isReference(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** The first failing verdict, else the first not-applicable one, else pass. */
export function worstOf(...verdicts: Verdict[]): Verdict {
  return verdicts.find((v) => v.status === 'fail') ?? verdicts.find((v) => v.status === 'not-applicable') ?? PASS;
}
