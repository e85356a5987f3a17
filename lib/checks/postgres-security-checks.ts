import { lstatSync, mkdirSync, readdirSync, rmSync, Stats, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { Annotations, App, ISynthesisSession, Manifest, TerraformDataSource, TerraformModule, TerraformResource, TerraformStack } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct, ConstructOrder, IConstruct } from 'constructs';
import { readArgument } from '../private/caller-arguments';
import { ValidationError } from '../private/validation-error';
import { claimStack } from './library-copy';
import { evaluateStack, Finding, formatFinding, formatSuppressed, StackEvaluation } from './evaluate';
import { stacksRead } from './remote-state-reads';
import { MODULE_REVIEW_RULES, moduleSubject } from './module-content';
import { buildReport, renderMarkdown, REPORT_BASENAME, SecurityReport } from './report';
import { ALL_RULES, CATALOG } from './rules';
import { terraformRequirement } from './terraform-requirement';
import { boolean, checkShape, optional, struct } from '../private/shape';
import { addSuppression, callerSuppressions, enforce, hasLibraryConstruct, libraryConstructsOf, stackOfScope, trustedFor } from './suppression-registry';
import { reservedIdError } from '../private/reserved-id';
import { movedConstructs, recordPath } from './recorded-paths';
import { Suppression } from './suppressions';
import { CONFIGURATION_FILE, isIgnoredFile, STACK_FILE } from '../cli/stack-folder';
import { writtenForm } from './written-form';
import { noteUnwrappedWrite, readOtherwise, recordRead, stackFolder, stackFolderName, startSynth, synthInProgress, synthStacks, takeUnwrappedWrite, writtenJson } from './written-stacks';

/** How PostgresSecurityChecks.applyTo judges a scope. */
export interface CheckOptions {
  /**
   * Fail synth on every failed rule of the servers under the scope, warnings included, as the
   * library's own constructs do for their servers. Also on every failed rule whose resource at
   * fault is under the scope, whatever server it configures (one defined elsewhere, given by ID).
   * @default false
   */
  readonly failOnWarnings?: boolean;
}

/**
 * The PostgreSQL security rule pack. It judges the synthesized Terraform JSON of a stack, so it
 * sees raw azurerm resources and escape-hatch overrides exactly as Terraform will get them.
 * Error findings fail `cdktf synth`, warnings are printed, and a Markdown and a JSON posture
 * report are written beside each stack's cdk.tf.json: in `<outdir>/stacks/<stack>/`, also when
 * synth fails on an error finding (then without cdk.tf.json), so a pipeline can attach them.
 * `new App({ skipValidation: true })` does not switch the checks off: they then run just before
 * each stack is written, and an error finding fails synth all the same.
 */
export class PostgresSecurityChecks {
  /**
   * Checks every PostgreSQL resource under a scope: an app (its stacks as they are now), a
   * stack, or any construct in one. SecureFlexibleServer and SecureSingleServer apply it to
   * themselves.
   * @param scope the app, stack or construct to check
   * @param options whether warnings fail synth too
   */
  public static applyTo(scope: IConstruct, options: CheckOptions = {}): void {
    const fix = 'pass the app, a stack, or a construct in a stack';
    // A JavaScript caller's Proxy may throw when read: the library's error naming the argument (A15a-5).
    const app = readArgument('scope', 'CHECK-SCOPE', fix, () => Construct.isConstruct(scope) && App.isApp(scope));
    if (!app) stackOfScope(scope, { notConstruct: 'CHECK-SCOPE', noStack: 'CHECK-SCOPE-NO-STACK' }, fix);
    const failOnWarnings = readArgument('options', 'CHECK-OPTIONS', 'give options a CheckOptions object, e.g. { failOnWarnings: true }', () => checkOptions(options));
    const scopes = app ? scope.node.findAll().filter((c) => TerraformStack.isStack(c)) : [scope];
    for (const each of scopes) {
      StackChecker.of(TerraformStack.of(each)).include(each);
      if (failOnWarnings) enforce(each);
    }
    outerStacksOf(scope).forEach((stack) => StackChecker.of(stack));
  }

  /**
   * Switches a rule off for a construct and everything below it (a server construct, a stack), or
   * for one resource only: a resource created with a suppressed resource as its scope is not
   * covered. The finding still appears in the report, with the reason, and each synth prints it
   * as a warning. On a module, a suppression of PG-CFG-4, PGF-DEL-1 or PGS-DEL-1 covers the
   * module's source and version as they are when it is called.
   * @param scope the construct the suppression covers
   * @param ruleId the rule's id, e.g. "PGF-NET-1"
   * @param reason why, at least 10 characters, printed in the report
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    // A review of a module holds for the content it read (fifth review, A5-7).
    // The scope is checked before it is read (a JavaScript caller's Proxy may throw, A15a-5).
    const fix = 'pass the construct the suppression covers: a resource, a server construct or a stack';
    stackOfScope(scope, { notConstruct: 'SUPPRESS-SCOPE', noStack: 'SUPPRESS-SCOPE-NO-STACK' }, fix);
    const module = readArgument('scope', 'SUPPRESS-SCOPE', fix, () => scope instanceof TerraformModule);
    const reviewed = module && MODULE_REVIEW_RULES.has(ruleId) ? moduleSubject((scope as TerraformModule).source, (scope as TerraformModule).version) : undefined;
    addSuppression(scope, ruleId, reason, reviewed);
  }

  private constructor() {}
}

/** The options of applyTo, checked at run time (a JavaScript caller may pass anything, or misspell a key): whether warnings fail synth. */
function checkOptions(options: unknown): boolean {
  const failOnWarnings = isPlainObject(options) ? options.failOnWarnings : undefined;
  if (failOnWarnings !== undefined && typeof failOnWarnings !== 'boolean') {
    throw new ValidationError('CHECK-OPTIONS', 'options.failOnWarnings', failOnWarnings, 'is not a boolean', 'use true or false');
  }
  checkShape('options', options, CHECK_OPTIONS_SHAPE);
  return failOnWarnings === true;
}

function isPlainObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CHECK_OPTIONS_SHAPE = struct('CheckOptions', { failOnWarnings: optional(boolean()) });

/**
 * One per stack: the scopes to judge, the validation that judges them and the report writer.
 * In an app that holds one of the library's constructs, every stack's checker also judges the
 * servers its resources reach by an ID, name or expression that names no server of the stack
 * (another spelling of a server, a cross-stack reference): such a resource may weaken a
 * construct's server, so it fails where it weakens or where its value is known only later.
 * A server that copies a judged one (a replica, a restore) holds its data and is judged too.
 */
/**
 * The construct path of each resource and data source of a stack (not of the stacks inside it), by
 * its address in the JSON: what the JSON's metadata paths are compared with (A12a-14).
 */
function treeAddresses(stack: TerraformStack): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (scope: IConstruct): void => {
    for (const child of scope.node.children) {
      if (TerraformStack.isStack(child)) continue;
      // By cdktf's own marks, not instanceof: a provider class may come from another copy of cdktf.
      const section = TerraformResource.isTerraformResource(child) ? 'resource' : TerraformDataSource.isTerraformDataSource(child) ? 'data' : undefined;
      if (section !== undefined) {
        const block = child as TerraformResource | TerraformDataSource;
        found.set(`${section}.${block.terraformResourceType}.${block.friendlyUniqueId}`, block.node.path);
      }
      visit(child);
    }
  };
  visit(stack);
  return found;
}

class StackChecker extends Construct {
  public static of(stack: TerraformStack): StackChecker {
    claimStack(stack);
    const existing = stack.node.tryFindChild(CHECKER_ID);
    if (existing === undefined) return new StackChecker(stack);
    // Taken for the checker, a construct of the user's under its id would switch the checks off (A10a-10).
    if (!(existing instanceof StackChecker)) {
      throw reservedIdError('CHECKS-ID-RESERVED', CHECKER_ID, 'the security checks cdktf-azure-postgres adds to each stack');
    }
    return existing;
  }

  private readonly scopes = new Set<string>();
  private evaluation?: StackEvaluation;
  private terraform?: { [key: string]: unknown };
  /**
   * The JSON judged last and handed to cdktf's writer in this synth: what judgeAsWritten judges again. Not the file read back:
   * cdktf sorts its keys, and the constructs' own records compare with the JSON in the order they were converted (J74-1).
   */
  private handed?: { [key: string]: unknown };
  /** The judged JSON handed to cdktf's write, until someone else converts the stack first. */
  private reuse?: Reuse;
  /** The report this synth wrote, and where: marked failed when cdktf's writer is refused after it (C72-9). */
  private written?: { directory: string; report: SecurityReport };

  private constructor(private readonly stack: TerraformStack) {
    super(stack, CHECKER_ID);
    guardAppSynth(stack.node.root);
    stack.node.addValidation({ validate: () => this.validate() });
    addCustomSynthesis(this, { onSynthesize: (session) => this.writeReport(session) });
  }

  public include(scope: IConstruct): void {
    const path = scope.node.path;
    // Judged by path: a scope renamed after would leave its servers out of the checks (A15a-1).
    recordPath(this.stack, scope, path);
    this.scopes.add(path);
  }

  /** Whether the stack has anything to judge: scopes of its own, or a library construct in its app. */
  private judges(stacks: readonly TerraformStack[]): boolean {
    return this.scopes.size > 0 || stacks.some(hasLibraryConstruct);
  }

  /** `stacks`: every stack of the app, listed once per validation (a walk of the whole app). */
  private evaluate(stacks: readonly TerraformStack[], given?: { [key: string]: unknown }): StackEvaluation {
    // A reuse left from an earlier synth (one a later validation failed) would hand back the JSON judged then.
    this.reuse?.cancel();
    this.reuse = undefined;
    const terraform = given ?? writtenForm(this.stack.toTerraform());
    this.terraform = terraform;
    const stackPath = this.stack.node.path;
    const scopes = [...this.scopes];
    const unresolved = stacks.some(hasLibraryConstruct);
    const inScope = (path: string | undefined) =>
      scopes.some((scope) => scope === stackPath || (path !== undefined && (path === scope || path.startsWith(`${scope}/`))));
    // The other stacks that hold a construct, and those this one reads outputs of, which may relay
    // another stack's values (A7-4); each converted once.
    const converted = new Map<TerraformStack, unknown>();
    // As cdktf writes them, as this stack is (adversarial run of stop 71, B71-9): a stack written in this synth as its file, the
    // others as they convert now, kept to be compared with their files at the end of app.synth() (H74-1, H74-2).
    const json = (stack: TerraformStack) => converted.get(stack) ?? converted.set(stack, writtenJson(stack) ?? writtenForm(stack.toTerraform())).get(stack);
    const candidates = stacks.filter((stack) => stack !== this.stack);
    const read = stacksRead(terraform, candidates, (stack) => stack.node.path, json);
    const others = candidates.filter((stack) => hasLibraryConstruct(stack) || read.includes(stack)).map((stack) => ({ stack, terraform: json(stack) }));
    converted.forEach((each, stack) => recordRead(this.stack, stack, each));
    this.evaluation = evaluateStack(terraform, ALL_RULES, {
      inScope: (server) => inScope(server.constructPath) || (unresolved && !server.defined),
      trusted: trustedFor(this.stack),
      enforcedElsewhere: others.flatMap(({ stack }) => libraryConstructsOf(stack))[0],
      // What this stack adds beside another stack's construct is judged here (fifth review, A5-13, A5-14).
      tree: treeAddresses(this.stack),
      moved: movedConstructs(this.stack),
      app: {
        path: stackPath,
        others: others.map(({ stack, terraform: json }) => ({ path: stack.node.path, terraform: json, trusted: trustedFor(stack) })),
        complete: true,
      },
    });
    return this.evaluation;
  }

  private validate(): string[] {
    // A stack made after the checks were applied is synthesized after this one: it gets a checker now
    // (which judges something only when the app holds a library construct).
    const stacks = stacksOf(this.stack);
    stacks.forEach((stack) => StackChecker.of(stack));
    if (!this.judges(stacks)) {
      this.evaluation = undefined;
      return [];
    }
    const folder = stackFolder(App.of(this.stack).outdir, this.stack);
    this.written = undefined;
    if (writesHcl(this.stack)) return [HCL_OUTPUT_REFUSED];
    const twin = stacks.find((stack) => stack !== this.stack && stack.node.id === this.stack.node.id);
    if (twin !== undefined) return [sharedFolder(this.stack, twin)];
    refuseHclUntilSynthReturns(this.stack, () => this.markFailed());
    const evaluation = this.evaluate(stacks);
    if (evaluation.problems.length > 0) return cannotBeJudged(evaluation);
    // Judged again before the write (see writeReport), a warning is printed once.
    for (const line of this.unprinted(evaluation)) Annotations.of(this.stack).addWarning(line);
    const errors = failedErrors(evaluation);
    if (errors.length === 0) {
      this.reuse = reuseOnce(this.stack, this.terraform!);
      return [];
    }
    // Synth stops here and writes nothing for the stack: the report still goes where cdktf
    // would have put cdk.tf.json (<outdir>/stacks/<stack>), so a pipeline can attach it.
    this.write(folder, evaluation, true);
    // cdktf's own message ends by advising skipValidation, which does not switch these checks off.
    return [...errors, SKIP_VALIDATION_ADVICE];
  }

  private writeReport(session: ISynthesisSession): void {
    // With skipValidation cdktf runs no validation, but it still runs this writer before it
    // writes cdk.tf.json: the checks run here then, and an error finding fails synth all the same.
    // When a later validation converted the stack (taking the judged JSON), it may have changed
    // the stack after: cdktf would write a new conversion, so that one is judged here.
    if (session.skipValidation === true || this.evaluation === undefined || this.reuse?.taken() === true) {
      const errors = this.validate();
      if (errors.length > 0) throw checksFailed(this.stack, errors);
    }
    const evaluation = this.evaluation;
    const directory = join(session.outdir, dirname(session.manifest.forStack(this.stack).synthesizedStackPath));
    if (evaluation !== undefined && this.reports(evaluation)) {
      this.write(directory, evaluation, false);
    } else {
      // cdktf keeps the stack's folder between syntheses: a report there is an earlier synth's, maybe one that failed
      // (synthFailed), which would make `check` refuse this stack. This synth passed the checks (adversarial run of stop 71, B71-10).
      removeFiles(directory, REPORT_FILES);
    }
    // A folder of no stack of the app, with a report and no stack file, is an earlier synth's of a stack since renamed or removed:
    // `check` would refuse the app for it, which the cdktf CLI avoids by removing such folders and app.synth() does not (C72-16).
    removeOrphanReports(join(session.outdir, Manifest.stacksFolder), stacksOf(this.stack));
    if (evaluation !== undefined && this.terraform !== undefined && laterSyntheses(this)) this.judgeLaterChanges(this.terraform, directory);
    this.handed = this.terraform;
    const root = this.stack.node.root;
    if (App.isApp(root) && !synthInProgress(root) && resolve(session.outdir) === resolve(root.outdir)) noteUnwrappedWrite(root);
    this.evaluation = undefined;
    this.terraform = undefined;
  }

  /**
   * cdktf runs the custom syntheses of constructs added after this one (and the stack's own) after
   * this writer, before it writes cdk.tf.json: one may change the stack (tenth review, A10a-1). Until
   * synth returns, each conversion of the stack is compared with the JSON judged, and judged again
   * when it differs; an error finding fails synth there.
   */
  private judgeLaterChanges(judged: { [key: string]: unknown }, directory: string): void {
    this.reuse?.cancel();
    let judgedText = JSON.stringify(judged);
    const guard = judgeEachConversion(this.stack, (terraform) => {
      const text = JSON.stringify(terraform);
      if (text === judgedText) return;
      // evaluate() cancels the reuse it finds: the guard stays until synth returns.
      this.reuse = undefined;
      const evaluation = this.evaluate(stacksOf(this.stack), terraform);
      this.reuse = guard;
      // cdktf has collected the warnings by now: one this JSON would print would go unseen (adversarial run of stop 69, M4).
      const errors = this.lateErrors(evaluation, LATE_WARNING);
      this.write(directory, evaluation, errors.length > 0);
      if (errors.length > 0) throw checksFailed(this.stack, errors);
      judgedText = text;
      this.handed = terraform;
    });
    this.reuse = guard;
  }

  /**
   * Judged again, once every stack is written, with the other stacks as written, when this stack read one otherwise during the
   * synth (H74-1, H74-2): the error lines, as synth prints them, each naming the stack.
   */
  public judgeAsWritten(): string[] {
    const stacks = synthStacks(this.stack) ?? stacksOf(this.stack);
    // A stack that judged nothing when it was synthesized (no construct in the app yet) has no JSON handed: its file then.
    const own = readOtherwise(this.stack, stacks.filter(hasLibraryConstruct)) ? this.handed ?? writtenJson(this.stack) : undefined;
    if (own === undefined) return [];
    const evaluation = this.evaluate(stacks, own);
    // cdktf has collected the warnings by now: one found only here would go unseen.
    const errors = this.lateErrors(evaluation, WRITTEN_LATE_WARNING);
    const directory = stackFolder(App.of(this.stack).outdir, this.stack);
    if (errors.length > 0 || this.reports(evaluation)) this.write(directory, evaluation, errors.length > 0);
    this.evaluation = undefined;
    this.terraform = undefined;
    return errors.map((error) => `[${this.stack.node.path}] ${error}`);
  }

  /** Whether the stack gets a report: it has a scope of its own, holds a server it judged, or has a finding on another stack's server (a suppressed one must be seen). */
  private reports(evaluation: StackEvaluation): boolean {
    return this.scopes.size > 0 || evaluation.servers.length > 0 || evaluation.findings.length > 0;
  }

  /**
   * The lines synth prints for an evaluation and has not printed yet: each failed warning, and each rule waived by
   * PostgresSecurityChecks.suppress, as a construct's justified choice is (adversarial run of stop 68).
   */
  private unprinted(evaluation: StackEvaluation): string[] {
    const printed = new Set(this.stack.node.metadata.map((entry) => entry.data));
    const warnings = evaluation.findings.filter((f) => f.status === 'fail' && f.severity === 'warning').map(formatFinding);
    const suppressed = suppressedByCaller(evaluation.findings, callerSuppressions(this.stack)).map(formatSuppressed);
    return [...new Set([...warnings, ...suppressed])].filter((line) => !printed.has(line));
  }

  /**
   * The error lines of a judgement made after cdktf collected the warnings: the problems and failed errors, and each line not
   * printed yet (unprinted), which would go unseen, fails synth with `reason` after it.
   */
  private lateErrors(evaluation: StackEvaluation, reason: string): string[] {
    const unseen = this.unprinted(evaluation).map((line) => `${line} (${reason})`);
    return [...cannotBeJudged(evaluation), ...failedErrors(evaluation), ...unseen];
  }

  private write(directory: string, evaluation: StackEvaluation, synthFailed: boolean): void {
    // The Terraform version the stack needs (write-only attributes) is stated beside the findings.
    const report = buildReport(this.stack.node.id, evaluation, CATALOG, { synthFailed, terraform: terraformRequirement(this.terraform) });
    writeReportFiles(directory, report);
    this.written = { directory, report };
  }

  /** The passing report this synth wrote is marked synthFailed: cdktf's writer was refused after it (C72-9). */
  private markFailed(): void {
    if (this.written !== undefined && !this.written.report.synthFailed) writeReportFiles(this.written.directory, { ...this.written.report, synthFailed: true });
  }
}

const REPORT_FILES = [`${REPORT_BASENAME}.json`, `${REPORT_BASENAME}.md`];

function writeReportFiles(directory: string, report: SecurityReport): void {
  mkdirSync(directory, { recursive: true });
  // Removed first: a directory of the name is the library's error, and a link is replaced, not written through.
  removeFiles(directory, REPORT_FILES);
  writeFileSync(join(directory, REPORT_FILES[0]), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(directory, REPORT_FILES[1]), renderMarkdown(report));
}

/** Removes files of a stack's folder, those there are (a link, not what it names); a directory of the name is the library's error (C72-18). */
function removeFiles(directory: string, names: readonly string[]): void {
  for (const name of names) {
    const path = join(directory, name);
    if (entryOf(directory, path)?.isDirectory() === true) {
      throw new ValidationError('CHECKS-OUTPUT-PATH', 'stack folder entry', path, 'is a directory, where the PostgreSQL security checks write or remove a file of the stack (its report, or the cdk.tf.json of an earlier synth)', 'remove the directory, then synth again');
    }
    rmSync(path, { force: true });
  }
}

/** What is at a path of a stack's folder, if anything; a file where the folder goes is the library's error (G74-5). */
function entryOf(directory: string, path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
    throw new ValidationError('CHECKS-OUTPUT-PATH', 'stack folder', directory, 'is a file, where cdktf writes the folder of a stack of the app', 'remove the file, then synth again');
  }
}

/** Removes the reports in the folders of stacks/ that no stack of the app writes and that hold no Terraform configuration. */
function removeOrphanReports(stacksFolder: string, stacks: readonly TerraformStack[]): void {
  const own = new Set(stacks.map((stack) => stack.node.id));
  for (const entry of readdirSync(stacksFolder, { withFileTypes: true })) {
    if (own.has(entry.name) || !entry.isDirectory()) continue;
    const folder = join(stacksFolder, entry.name);
    const names = readdirSync(folder);
    if (names.some((name) => REPORT_FILES.includes(name)) && !names.some((name) => CONFIGURATION_FILE.test(name) && !isIgnoredFile(name))) removeFiles(folder, REPORT_FILES);
  }
}

/** The suppressed findings a caller's suppression waived (same rule and reason). */
function suppressedByCaller(findings: readonly Finding[], suppressions: readonly Suppression[]): Finding[] {
  return findings.filter((f) => f.status === 'suppressed' && suppressions.some((s) => s.ruleId === f.ruleId && s.reason === f.reason));
}

/** The apps whose synth is guarded (guardAppSynth). */
const guardedApps = new WeakSet<App>();

/**
 * cdktf writes a stack's cdk.tf.json only when its synth gets that far, and manifest.json only when the whole synth passes. An
 * earlier synth's files would stay for `check` to pass on when this one stops anywhere before (an aspect, an error finding, a
 * later validation, an error annotation, the HCL refusal, a stack synthesized before this one): `app.synth()` first removes the
 * cdk.tf.json of every stack of the app from its outdir (C72-10, C72-9; 73rd run, F73-1, F73-2), as the cdktf CLI empties its
 * output first. Only app.synth() does: Testing's syntheses write elsewhere and leave the app's outdir as it is (F73-3). The app's
 * own synth (a subclass's too) is kept and called.
 * Once every stack is written, each stack that read another otherwise than it was written is judged again with the stacks as
 * written (judgeAsWritten, H74-1, H74-2); an error there removes the stack files this synth wrote, as a synth stopped midway leaves none.
 */
function guardAppSynth(root: IConstruct): void {
  if (!App.isApp(root) || guardedApps.has(root)) return;
  guardedApps.add(root);
  // The first construct may be made during app.synth() (by an aspect): that synth runs without the wrapper below. cdktf validates
  // the app once every stack is written: the stacks are judged as written there then (adversarial run adv74d, J74-2), when a checker
  // wrote a stack in that synth; a validation called at any other time judges nothing (K75-1). Under skipValidation cdktf runs no
  // such validation: that synth is not judged as written (README; `check` reads the files).
  root.node.addValidation({
    validate: () => {
      if (synthInProgress(root) || !takeUnwrappedWrite(root)) return [];
      const stacks = stacksOf(root);
      const endSynth = startSynth(root, stacks);
      try {
        const errors = judgedAsWritten(stacks);
        if (errors.length > 0) removeStackFiles(stacks.map((stack) => stackFolder(root.outdir, stack)));
        return errors;
      } finally {
        endSynth();
      }
    },
  });
  const synth = root.synth;
  Object.defineProperty(root, 'synth', {
    configurable: true,
    writable: true,
    value: function synthWithoutStaleFiles() {
      const stacks = stacksOf(root);
      const folders = stacks.map((stack) => stackFolder(root.outdir, stack));
      removeStackFiles(folders);
      const endSynth = startSynth(root, stacks);
      try {
        synth.call(root);
        const errors = judgedAsWritten(stacks);
        if (errors.length === 0) return;
        removeStackFiles(folders);
        throw new Error(`Validation failed with the following errors:\n${[...errors, SKIP_VALIDATION_ADVICE].map((error) => `  ${error}`).join('\n')}\n`);
      } finally {
        endSynth();
      }
    },
  });
}

/** Each stack's checker's judgement of it as written, once every stack is written: the error lines. */
function judgedAsWritten(stacks: readonly TerraformStack[]): string[] {
  return stacks.flatMap((stack) => {
    const checker = stack.node.tryFindChild(CHECKER_ID);
    return checker instanceof StackChecker ? checker.judgeAsWritten() : [];
  });
}

/** Removes the cdk.tf.json of each stack folder, every one before an error is thrown: one folder that cannot be cleaned must not leave the others' files (G74-5). */
function removeStackFiles(folders: readonly string[]): void {
  const errors = folders.flatMap((folder) => {
    try {
      removeFiles(folder, [STACK_FILE]);
      return [];
    } catch (error) {
      return [error];
    }
  });
  if (errors.length > 0) throw errors[0];
}

/** Every stack of the construct's app (of its root, for a tree that has no App). */
function stacksOf(scope: IConstruct): TerraformStack[] {
  return scope.node.root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/**
 * The stacks of the construct's app that are not inside another stack. Every server construct
 * gives them a checker: walking every construct of the app for each server grew with the square
 * of the servers (about 230 ms of CPU at 200 servers). A stack inside another one comes after it
 * in synth, and that stack's validation gives it a checker (validate).
 */
function outerStacksOf(scope: IConstruct): TerraformStack[] {
  const found: TerraformStack[] = [];
  const visit = (construct: IConstruct): void => {
    if (TerraformStack.isStack(construct)) found.push(construct);
    else construct.node.children.forEach(visit);
  };
  visit(scope.node.root);
  return found;
}

/** The judged JSON waiting for the stack's next conversion. */
interface Reuse {
  /** Whether a conversion took it: the stack may have changed after, and the write converts anew. */
  taken(): boolean;
  /** Gives the stack its own method back, the JSON unused. */
  cancel(): void;
}

/**
 * cdktf converts the stack to JSON again right after the validations (and this construct's
 * report) to write cdk.tf.json. Converting is most of a synth's cost, so the next conversion is
 * handed the JSON the checks just judged: the same stack, not changed since. Only when synth
 * goes on (no error finding); the stack's own method is back after that one call. When another
 * validation takes it first, the report writer judges the stack again before the write.
 */
function reuseOnce(stack: TerraformStack, terraform: { [key: string]: unknown }): Reuse {
  let taken = false;
  const hook = () => {
    taken = true;
    Reflect.deleteProperty(stack, 'toTerraform');
    return terraform;
  };
  // Stryker disable next-line StringLiteral: equivalent: under another name the reuse is only lost
  const cancel = ownMethod(stack, 'toTerraform', hook);
  return { taken: () => taken, cancel };
}

/** Gives the stack an own conversion method over its class's; what it returns takes it away again, while it is still this one. */
function ownMethod(stack: TerraformStack, name: 'toTerraform' | 'toHclTerraform', method: () => { [key: string]: unknown }): () => void {
  Object.defineProperty(stack, name, { configurable: true, value: method });
  return () => {
    if (Object.getOwnPropertyDescriptor(stack, name)?.value === method) Reflect.deleteProperty(stack, name);
  };
}

const CHECKER_ID = 'PostgresSecurityChecks';

/**
 * Whether cdktf writes the stack as HCL (SYNTH_HCL_OUTPUT, which `cdktf synth --hcl` and `hclOutput` in cdktf.json set): its writer
 * then converts the stack by another path (`toHclTerraform()`), which the checks do not judge and `check` cannot read (adversarial
 * run of stop 71, A71-3).
 */
function writesHcl(stack: TerraformStack): boolean {
  return (stack as unknown as { synthesizer?: { hclOutput?: unknown } }).synthesizer?.hclOutput === true;
}

/**
 * Code that runs after this validation (a later validation or custom synthesis step) may switch the stack to HCL output: cdktf's
 * writer would then write `toHclTerraform()`, never judged (adversarial run of stop 72, B72-2). Until the synth in progress returns,
 * that conversion of a judged stack fails synth when its synthesizer writes HCL; a caller's own conversion (Testing.synthHcl) is
 * the stack's as before (C72-7).
 */
function refuseHclUntilSynthReturns(stack: TerraformStack, refused: () => void): void {
  const convert = Reflect.get(Object.getPrototypeOf(stack), 'toHclTerraform') as () => { [key: string]: unknown };
  const refuse = () => {
    if (writesHcl(stack)) {
      refused();
      throw checksFailed(stack, [HCL_OUTPUT_REFUSED]);
    }
    return convert.call(stack);
  };
  // app.synth() is synchronous: the first microtask after it gives the stack its own method back.
  queueMicrotask(ownMethod(stack, 'toHclTerraform', refuse));
}

const HCL_OUTPUT_REFUSED = 'The stack is synthesized as HCL (cdk.tf), a conversion the PostgreSQL security checks do not judge and `cdktf-azure-postgres check` '
  + 'cannot read. Fix: synthesize JSON: remove hclOutput from cdktf.json (or --hcl from cdktf synth) and unset SYNTH_HCL_OUTPUT.';

/**
 * Two stacks of one id, in different scopes, are written to the same folder (stacks/<id>), one over the other: the folder then
 * describes one of them, and a plan of it destroys what the other declared, its server's deletion protection with it (adversarial
 * run adv75a, K75-6). cdktf does not refuse it.
 */
function sharedFolder(stack: TerraformStack, twin: TerraformStack): string {
  return `The stacks ${stack.node.path} and ${twin.node.path} are both written to ${stackFolderName(stack)}, one over the other: the folder `
    + 'would describe only one, and a plan of it would destroy what the other declares, a server and its deletion protection with it. Fix: give the stacks distinct ids.';
}

/** The last line of a synth that fails on the checks: how to accept a finding, since skipValidation does not. */
const SKIP_VALIDATION_ADVICE = 'skipValidation: true does not switch off the PostgreSQL security checks of cdktf-azure-postgres. Fix: undo the weakening, '
  + 'choose it through the construct\'s props with a justification, or waive the rule with PostgresSecurityChecks.suppress(scope, ruleId, reason).';

/** The problems that keep an evaluation from judging the stack's JSON, as synth prints them. */
function cannotBeJudged(evaluation: StackEvaluation): string[] {
  return evaluation.problems.map((problem) => `The stack's Terraform JSON cannot be judged: ${problem}.`);
}

/** The error findings of an evaluation, as synth prints them. */
function failedErrors(evaluation: StackEvaluation): string[] {
  return evaluation.findings.filter((f) => f.status === 'fail' && f.severity === 'error').map(formatFinding);
}

/** Whether cdktf runs a custom synthesis after the checker's: of a construct after it in the stack's post-order, or of the stack. */
function laterSyntheses(checker: StackChecker): boolean {
  const order = TerraformStack.of(checker).node.findAll(ConstructOrder.POSTORDER);
  return order.slice(order.indexOf(checker) + 1).some((node) => CUSTOM_SYNTHESIS in node);
}

/** Where cdktf's addCustomSynthesis keeps a construct's synthesis (a global symbol). */
const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');

/**
 * Hands each conversion of the stack, until the synth in progress returns, to `judge` (which
 * throws to fail synth) before its caller gets it.
 */
function judgeEachConversion(stack: TerraformStack, judge: (terraform: { [key: string]: unknown }) => void): Reuse {
  const convert = Reflect.get(Object.getPrototypeOf(stack), 'toTerraform') as () => { [key: string]: unknown };
  const hook = () => {
    const terraform = writtenForm(convert.call(stack));
    judge(terraform);
    return terraform;
  };
  const cancel = ownMethod(stack, 'toTerraform', hook);
  // app.synth() is synchronous: the first microtask after it gives the stack its own method back.
  queueMicrotask(cancel);
  return { taken: () => false, cancel };
}

/** Why a warning found when the stacks are judged as written fails synth. */
const WRITTEN_LATE_WARNING = 'found when the stacks were judged as written, after synth printed its warnings: another stack changed after this one read it '
  + '(an aspect, a token that resolves otherwise each time). Make the change, or call PostgresSecurityChecks.suppress, before app.synth() so that it is printed';

/** Why a warning found in a custom synthesis step fails synth. */
const LATE_WARNING = 'found after synth printed its warnings: a custom synthesis step changed the stack. Make the change, or call '
  + 'PostgresSecurityChecks.suppress, before app.synth() so that it is printed';

/** The error of a synth that skips validations but fails the checks: the lines cdktf prints for a failed validation, without its skipValidation hint. */
function checksFailed(stack: TerraformStack, errors: readonly string[]): Error {
  return new Error(`Validation failed with the following errors:\n${errors.map((error) => `  [${stack.node.path}] ${error}`).join('\n')}\n`);
}
