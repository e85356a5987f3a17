import { libraryPackage } from '../private/library-version';
import { accessDiagram } from './access-diagram';
import { DatabaseInventory, databaseInventory } from './database-inventory';
import { Finding, StackEvaluation } from './evaluate';
import { UnjudgedResource } from './not-judged';
import { ReferenceLink, referenceLinks } from './reference-links';
import { RuleInfo } from './rule';
import { ServerFacts, serverFactsWith } from './server-facts';
import { SynthWarning } from './suppressions';
import { TerraformRequirement } from './terraform-requirement';
import { mapStrings } from './terraform-json';

export { renderMarkdown } from './report-markdown';

export const REPORT_BASENAME = 'postgres-security-report';

/**
 * The version of the JSON report's shape (docs/report-schema.md, docs/postgres-security-report.schema.json).
 * A field added is a minor change (2.1); a field removed, renamed or given another meaning is a
 * major one (3.0). 2.4: `undeclaredMemberships` in `inDatabase`. 2.3: `laterMemberships` in `inDatabase`. 2.2: `judgedAlone`. 2.1: `stacksNotRead`. 2.0: findings name their rule (`ruleId`) and no longer repeat its title,
 * references and fix, which `rules` holds once.
 */
export const REPORT_SCHEMA_VERSION = '2.4';

/** A stack of the app that `check` was not given: its name and cdk.tf.json as the app's manifest lists them. */
export interface StackNotRead {
  readonly name: string;
  readonly path: string;
}

/** A finding as the report holds it: its rule's title, references and fix are in `rules`. */
export type ReportFinding = Omit<Finding, 'title' | 'references' | 'fix'>;

/** The posture report as data: for pipelines (the .json file beside cdk.tf.json). */
export interface SecurityReport {
  readonly schemaVersion: string;
  readonly stack: string;
  readonly generator: string;
  /** The version of the library that wrote the report. */
  readonly generatorVersion: string;
  /** True when cdktf synth stopped on error findings, so no cdk.tf.json was written for the stack. */
  readonly synthFailed: boolean;
  /** The Terraform version the stack needs, when it writes write-only attributes (Terraform 1.11 or newer). */
  readonly terraform?: TerraformRequirement;
  readonly summary: {
    readonly errors: number;
    /** Failed warning rules and the library's warnings printed at synth: every warning synth printed. */
    readonly warnings: number;
    readonly suppressed: number;
    readonly servers: number;
    /** PostgreSQL resources no rule judged (see notJudged). */
    readonly notJudged: number;
  };
  /** Per server: what it is and every way in. */
  readonly servers: readonly ServerFacts[];
  /** The access paths as a Mermaid flowchart (what the Markdown report embeds). */
  readonly accessDiagram: string;
  /** Per server with postgresql provider resources: the roles and databases the stack declares inside it. */
  readonly inDatabase: readonly ({ readonly server: string } & DatabaseInventory)[];
  readonly rules: readonly {
    readonly id: string;
    readonly title: string;
    readonly severity: string;
    readonly layer: string;
    readonly fix: string;
    readonly references: object;
    readonly referenceLinks: readonly ReferenceLink[];
  }[];
  readonly findings: readonly ReportFinding[];
  /** The library's warnings printed at synth: weaker choices, with their justification. */
  readonly synthWarnings: readonly SynthWarning[];
  /** PostgreSQL resources of the stack that no rule judged, why, and how to include them. */
  readonly notJudged: readonly UnjudgedResource[];
  /**
   * Only from `check` given part of a multi-stack app: the app's other stacks (as its manifest lists
   * them) that were not read, so what this stack adds to their constructs is not judged.
   */
  readonly stacksNotRead?: readonly StackNotRead[];
  /**
   * Only from `check` when it judged this stack without (some of) its app's other stacks: why, as the warning it printed. Said
   * also where it cannot name them (the app's manifest.json cannot be read, a stack file outside stacks/: stop 70, C17).
   */
  readonly judgedAlone?: readonly string[];
}

/** How the report was come by, beyond the evaluation. */
export interface ReportOptions {
  /** cdktf synth stopped on error findings. */
  readonly synthFailed?: boolean;
  /** The Terraform version the stack needs, when it writes write-only attributes. */
  readonly terraform?: TerraformRequirement;
  /** The app's other stacks that `check` was not given (none: the field is left out). */
  readonly stacksNotRead?: readonly StackNotRead[];
  /** Why `check` judged the stack without its app's other stacks (none: the field is left out). */
  readonly judgedAlone?: readonly string[];
}

export function buildReport(stack: string, evaluation: StackEvaluation, rules: readonly RuleInfo[], options: ReportOptions = {}): SecurityReport {
  const report = reportOf(stack, evaluation, rules, options);
  // What the report shows of the stack (names, addresses, values) hides the stack's secrets as its messages do; the rules are the library's.
  const redact = evaluation.redact;
  return redact === undefined ? report : { ...mapStrings(report, redact) as SecurityReport, rules: report.rules };
}

function reportOf(stack: string, evaluation: StackEvaluation, rules: readonly RuleInfo[], options: ReportOptions): SecurityReport {
  const failed = evaluation.findings.filter((f) => f.status === 'fail');
  // Read once per server: the server's facts and the in-database section both show it.
  const inventories = evaluation.servers.map((server) => databaseInventory(server));
  const servers = evaluation.servers.map((server, index) => serverFactsWith(server, inventories[index]));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    stack,
    generator: 'cdktf-azure-postgres',
    generatorVersion: libraryPackage().version,
    synthFailed: options.synthFailed === true,
    ...(options.terraform === undefined ? {} : { terraform: options.terraform }),
    summary: {
      errors: failed.filter((f) => f.severity === 'error').length,
      warnings: failed.filter((f) => f.severity === 'warning').length + evaluation.warnings.length,
      suppressed: evaluation.findings.filter((f) => f.status === 'suppressed').length,
      servers: evaluation.servers.length,
      notJudged: evaluation.unjudged.length,
    },
    servers,
    accessDiagram: accessDiagram(servers),
    inDatabase: evaluation.servers.flatMap((s, index) => {
      const inventory = inventories[index];
      return inventory === undefined ? [] : [{ server: s.address, ...inventory }];
    }),
    rules: rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, layer: r.layer, fix: r.fix, references: r.references, referenceLinks: referenceLinks(r.references) })),
    // Per finding (one per rule and server) only what is its own: 1.7 of the 2.5 MB at 50 servers was its rule's text again.
    findings: evaluation.findings.map(withoutRuleText),
    synthWarnings: evaluation.warnings,
    notJudged: evaluation.unjudged,
    ...(options.stacksNotRead === undefined || options.stacksNotRead.length === 0 ? {} : { stacksNotRead: options.stacksNotRead }),
    ...(options.judgedAlone === undefined || options.judgedAlone.length === 0 ? {} : { judgedAlone: options.judgedAlone }),
  };
}

/** What a report's finding leaves to `rules`. */
const RULE_TEXT: ReadonlySet<string> = new Set(['title', 'references', 'fix']);

/**
 * The finding without its rule's title, references and fix; its other fields in their order. A
 * plain loop: Object.fromEntries made 3,550 findings cost about 30 ms instead of 2-8.
 */
function withoutRuleText(finding: Finding): ReportFinding {
  const own: { [key: string]: unknown } = {};
  for (const key in finding) if (!RULE_TEXT.has(key)) own[key] = finding[key as keyof Finding];
  return own as unknown as ReportFinding;
}
