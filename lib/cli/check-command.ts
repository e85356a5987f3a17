import { existsSync, readdirSync, Stats, statSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { evaluateStack, EvaluationOptions, Finding, StackEvaluation } from '../checks/evaluate';
import { buildReport, renderMarkdown, REPORT_BASENAME, REPORT_SCHEMA_VERSION, StackNotRead } from '../checks/report';
import { ALL_RULES, CATALOG } from '../checks/rules';
import { printable } from '../private/reason-text';
import { libraryPackage } from '../private/library-version';
import { copiedFailedSynthOf, FAILED_SYNTH_REPORT, failedSynthOf } from './failed-synth';
import { JudgedStack, withDistinctNames } from './judged-stack';
import { readStackText, UnreadableStack } from './stack-text';
import { toJunit } from './junit-format';
import { toSarif } from './sarif-format';
import { terraformRequirement } from '../checks/terraform-requirement';
import { malformedLibraryEntry } from '../checks/library-comments';
import { CONSTRUCTS_KEY, readScopes } from '../checks/suppressions';
import { inRealFolder, realFile, realPathOf, refuseParentThroughLink, routesOf, writtenPath } from './real-path';
import { MANIFEST_FILE, manifestConstructPaths, manifestListing, misplacedWorkingDirectories, stacksNotGiven, unjudgedManifestStacks, unlistedStacksNotGiven } from './manifest-stacks';
import { autoVariableValues, isAutoVariableFile, UnreadVariableFile, withVariableValues } from './variable-files';
import { stacksRead } from '../checks/remote-state-reads';
import { BadInput } from './bad-input';
import { makeMissingFolders, PendingFile, removeFolderQuietly, writeAllOrNone } from './all-or-none-writes';
import { asksForHelp } from './help-request';
import { hiddenStacksProblem, inFolderOfStacks, MAX_FOLDERS, routesNamed, statOf, walkStackFiles } from './stack-walk';
import { CONFIGURATION_FILE, isIgnoredFile, STACK_FILE } from './stack-folder';
import { withCredentialsHidden } from '../checks/secret-literals';

/** Where the command writes; a test passes its own. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_BAD_INPUT = 2;

export const CHECK_USAGE = 'usage: cdktf-azure-postgres check <cdktf.out directory | cdk.tf.json> [--report <directory>]';

/** The --output that names stdout. */
const STDOUT = '-';

/** The formats --format writes. */
export const FORMATS = ['markdown', 'json', 'sarif', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/** What `check --help` prints: the usage line and every option. */
export const CHECK_HELP: readonly string[] = [
  CHECK_USAGE,
  '',
  'Judges the synthesized stacks with the rule pack: every cdk.tf.json in the directory and in every folder below it, however deep',
  '(node_modules, .git and .terraform are not searched, except inside a cdktf.out/stacks folder; one found in another hidden folder',
  'is not judged: check exits 2 and names it, so give that folder to check on its own). A folder of a cdktf.out/stacks folder is',
  'judged by the configuration Terraform would apply there, whatever its name: cdk.tf.json, else its JSON configuration file',
  '(cdk.tofu.json, main.tf.json); one that holds HCL only (.tf, .tofu), which check cannot read, is refused (exit 2).',
  'Give it the app\'s whole cdktf.out: one stack\'s folder or cdk.tf.json is judged alone (what it adds to another stack\'s',
  'constructs is not), and a warning on stderr names the app\'s stacks it was not given (its manifest.json\'s, and those in its stacks folder).',
  'A stack file of any name is judged with its folder: another .tf, .tf.json, .tofu or .tofu.json file beside it is refused (exit 2).',
  'Exit 0: no error finding; 1: error findings; 2: bad input (one line on stderr).',
  '',
  'options:',
  '  --format markdown|json|sarif|junit   write the results in this format: to --output, or to stdout instead of the summary lines',
  '                                       markdown and json: the posture report of each stack; sarif: SARIF 2.1.0 for code scanning;',
  '                                       junit: JUnit XML, one test case per control and server',
  '  --output <file>                      the file --format writes (folders made when missing); needs --format; never a stack file,',
  '                                       the judged cdktf.out\'s manifest.json, or a file Terraform loads in a judged stack\'s folder',
  '                                       --output - writes it to stdout, and the summary lines to stderr (./- names a file)',
  '  --report <directory>                 also write each stack\'s Markdown and JSON report to <directory>/<stack>/',
  '  --help, -h                           print this help',
];
/** The top-level keys of Terraform's JSON configuration syntax: a file with none of them is not a stack. */
const TERRAFORM_KEYS = ['terraform', 'provider', 'resource', 'data', 'variable', 'output', 'locals', 'module', 'import', 'moved', 'removed', 'check'];

export { BadInput };

/**
 * `cdktf-azure-postgres check`: runs the rule pack on synthesized stacks, prints what failed and
 * writes nothing unless `--report` names a directory or `--format` and `--output` a file (with
 * `--format` alone, the document goes to stdout instead of the summary lines; with `--output -`, to
 * stdout and the summary lines to stderr). Exit 0: no error finding; 1: error
 * findings; 2: bad input (missing path, unreadable or invalid JSON, a file that is not a
 * Terraform stack, a stack it cannot judge), with one line on stderr and no stack trace. A test
 * passes its own output, and a smaller limit of folders to search.
 */
export function runCheck(args: readonly string[], output: Output, maxFolders = MAX_FOLDERS): number {
  // The folders --report and --output name, made before the stacks are judged: removed again when the run exits 2 (W77-19).
  const made: string[] = [];
  try {
    const parsed = parseArgs(args);
    if (parsed === 'help') {
      CHECK_HELP.forEach((line) => output.out(line));
      return EXIT_OK;
    }
    const { target, reportDir, format, outputFile } = parsed;
    if (reportDir !== undefined) prepareReportDirectory(reportDir, made);
    const stacks = findStacks(target, maxFolders);
    if (reportDir !== undefined) refuseReportClash(reportDir, stacks);
    // "-" is stdout, as for most commands (69th run, A69b-3): the document alone there, the summary lines on stderr.
    const toStdout = outputFile === STDOUT;
    if (outputFile !== undefined && !toStdout) checkOutputFile(outputFile, stacks, made);
    const judged = withDistinctNames(judgeFiles(stacks), target);
    // Said once per app, whatever the format: the exit code stays the stack's own (docs/pipelines.md).
    // A note names folders and stacks as found on disk: printed escaped, each run of spaces as one (review of stop 70, C9, E10).
    new Set(judged.flatMap((stack) => stack.notes ?? [])).forEach((note) => output.err(`cdktf-azure-postgres: warning: ${oneSpaced(note)}`));
    let errors = 0;
    // With --format and no --output (or --output -), stdout carries the document alone.
    const summaryLines = format === undefined || outputFile !== undefined;
    // Printed once every file is written: a run that cannot write them exits 2 with its one line alone (U77-5).
    const said: string[] = [];
    const say = (line: string) => said.push(line);
    const files: PendingFile[] = [];
    for (const { name, evaluation, terraform, ignored, stacksNotRead, notes } of judged) {
      if (summaryLines) {
        say(`${oneSpaced(name)}: ${evaluation.servers.length} server(s), ${summary(evaluation)}`);
        ignored?.forEach((file) => say(`  ${'NOTE'.padEnd(10)} ${'(folder)'.padEnd(10)} ${oneSpaced(file)}: not read, as Terraform and OpenTofu ignore a file whose name starts with "." or ends with "~", or starts and ends with "#"`));
        // Text from the stack is printed escaped: a reason or a message cannot hide itself or forge a line.
        // Read back from the JSON, which anyone may have edited: runs of spaces are printed as one, so none places a forged line (A63a-4).
        evaluation.warnings.forEach((warning) => say(`  ${'WARNING'.padEnd(10)} ${'(synth)'.padEnd(10)} ${oneSpaced(warning.path)}: ${oneSpaced(warning.message)}`));
        evaluation.findings.filter((f) => f.status === 'fail' || f.status === 'suppressed').forEach((finding) => say(`  ${row(finding)}`));
        // PostgreSQL resources no rule reads (a Cosmos DB for PostgreSQL cluster): named in every output, for a review by hand (stop 70, C20).
        evaluation.unjudged.forEach((resource) => say(`  ${'NOTE'.padEnd(10)} ${'(not judged)'.padEnd(10)} ${oneSpaced(resource.address)}: ${oneSpaced(resource.reason)}; ${oneSpaced(resource.include)}`));
      }
      errors += evaluation.findings.filter((f) => f.status === 'fail' && f.severity === 'error').length;
      if (reportDir !== undefined) files.push(...reportFiles(reportDir, name, buildReport(name, evaluation, CATALOG, { terraform, stacksNotRead, judgedAlone: judgedAlone(notes) })));
    }
    const document = format === undefined ? undefined : render(format, judged);
    const toFile = document !== undefined && outputFile !== undefined && !toStdout;
    if (reportDir !== undefined) refuseJudgedReportTargets(reportDir, files, stacks);
    if (toFile) {
      refuseOutputAmongReports(outputFile, files);
      files.push({ path: outputFile, text: document, failure: `--output ${outputFile}: cannot be written` });
    }
    writeAllOrNone(files);
    said.forEach((line) => (toStdout ? output.err(line) : output.out(line)));
    if (toFile) output.out(`${format} results written to ${outputFile}`);
    else if (document !== undefined) output.out(document.replace(/\n$/, ''));
    return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    made.reverse().forEach(removeFolderQuietly);
    // A pipeline gate never crashes with a stack trace, nor with the exit code of findings.
    // Escaped: a path given with a line break in it cannot print a second, forged line (S77-36).
    // A line that quotes what a file holds hides a password written as a URL's user or a setting (B81-152).
    output.err(`cdktf-azure-postgres: ${printable(withCredentialsHidden(error instanceof BadInput ? error.message : `cannot check: ${(error as Error).message}`))}`);
    return EXIT_BAD_INPUT;
  }
}

interface CheckArgs {
  readonly target: string;
  readonly reportDir?: string;
  readonly format?: Format;
  readonly outputFile?: string;
}

function parseArgs(args: readonly string[]): CheckArgs | 'help' {
  const [command, ...rest] = args;
  if (command !== 'check') throw new BadInput(CHECK_USAGE);
  if (asksForHelp(rest, ['--report', '--format', '--output'])) return 'help';
  let target: string | undefined;
  let reportDir: string | undefined;
  let format: Format | undefined;
  let outputFile: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--report') {
      if (reportDir !== undefined) throw new BadInput('--report is given twice; give it once');
      reportDir = rest[++i];
      // An empty or option-like value is a variable left unset or an option misplaced, never a folder (U77-2, U77-5).
      if (reportDir === undefined || isNoValue(reportDir)) throw new BadInput(`--report needs a directory. ${CHECK_USAGE}`);
    } else if (rest[i] === '--format') {
      if (format !== undefined) throw new BadInput('--format is given twice; give it once');
      const value = rest[++i];
      if (value === undefined) throw new BadInput(`--format needs one of ${FORMATS.join(', ')}. ${CHECK_USAGE}`);
      if (!(FORMATS as readonly string[]).includes(value)) throw new BadInput(`--format ${JSON.stringify(value)}: not a format; use ${FORMATS.join(', ')}`);
      format = value as Format;
    } else if (rest[i] === '--output') {
      if (outputFile !== undefined) throw new BadInput('--output is given twice; give it once');
      outputFile = rest[++i];
      if (outputFile === undefined || (outputFile !== STDOUT && isNoValue(outputFile))) throw new BadInput(`--output needs a file. ${CHECK_USAGE}`);
    } else if (rest[i].startsWith('-')) {
      throw new BadInput(`unknown option ${JSON.stringify(rest[i])}. ${CHECK_USAGE}`);
    } else if (target === undefined) {
      target = rest[i];
    } else {
      throw new BadInput(`unexpected argument ${JSON.stringify(rest[i])}. ${CHECK_USAGE}`);
    }
  }
  if (target === undefined) throw new BadInput(CHECK_USAGE);
  refuseMisreadPath(target);
  // The results written to another name than the one asked: a pipeline would read a file left from an earlier run (W77-15).
  if (reportDir !== undefined) refuseMisreadPath(reportDir, '--report ');
  if (outputFile !== undefined) refuseMisreadPath(outputFile, '--output ');
  if (outputFile !== undefined && format === undefined) throw new BadInput(`--output ${outputFile}: needs --format ${FORMATS.join('|')}, the format to write`);
  return { target, reportDir, format, outputFile };
}

/**
 * A path check would read otherwise than the system: `..` after a link (Y78-2), or U+FFFD, which is how Node reads a path given in
 * bytes that are not UTF-8: it then names another entry, a sibling of that very name (V77-13).
 */
function refuseMisreadPath(path: string, option = ''): void {
  refuseParentThroughLink(path, option);
  if (path.includes('\uFFFD')) throw new BadInput(`${option}${path}: holds U+FFFD, which is how a path that is not UTF-8 is read, so it may name another file or folder than the one meant; rename it to a UTF-8 name`);
}

/** A value that names no file: empty, or an option (`./-h` names a file "-h"). */
function isNoValue(value: string): boolean {
  return value === '' || value.startsWith('-');
}

/**
 * The stack files a path names: a file itself, or every cdk.tf.json below a directory, however
 * deep (stack-walk.ts). A cdktf.out folder's manifest must list only stacks found.
 */
function findStacks(target: string, maxFolders: number): string[] {
  if (!existsSync(target)) throw new BadInput(`${target}: no such file or directory`);
  if (!statOf(target).isDirectory()) {
    // Whatever the file's name, and for a symlink the folder of each file on its links' way too (thirty-seventh review, A37b-1;
    // a chain of links, Z78-3).
    // Outside a folder of stacks, only a report that says synth failed (a stack folder an artifact copied out of stacks/, B79-1).
    for (const route of routesOf(target)) {
      const problem = inFolderOfStacks(dirname(route)) ? failedSynthOf(dirname(route), basename(route)) : copiedFailedSynthOf(dirname(route));
      if (problem !== undefined) throw new BadInput(problem);
    }
    refuseMisplacedWorkingDirectories([target]);
    return [target];
  }
  const { files, hiddenFiles, outputFolders } = walkStackFiles(target, refuseFailedSynth, maxFolders);
  if (hiddenFiles.length > 0) throw new BadInput(hiddenStacksProblem(target, hiddenFiles));
  const apps = stackApps(files);
  const judgedWith = new Map(files.flatMap((file) => { const app = apps.get(file)?.folder; return app === undefined ? [] : [[file, app] as const]; }));
  for (const folder of [target, ...outputFolders]) {
    // Only stacks found as this app's: one found first through another app's link to it is judged with that app (B79-65).
    const unjudged = unjudgedManifestStacks(folder, files.filter((file) => isOfApp(apps.get(file)?.folder, folder)), judgedWith);
    if (unjudged !== undefined) throw new BadInput(unjudged);
  }
  if (files.length === 0) throw new BadInput(`${target}: no stacks found (no ${STACK_FILE} in it or in any folder below it, node_modules, .git and .terraform not searched)`);
  refuseMisplacedWorkingDirectories(files, [target, ...outputFolders], apps);
  return [...files];
}

/**
 * The manifest of every cdktf.out folder a judged stack was written in (or given) must have cdktf
 * deploy each stack from the folder of its cdk.tf.json: bad input otherwise, naming the manifest.
 */
function refuseMisplacedWorkingDirectories(files: readonly string[], folders: readonly string[] = [], apps = stackApps(files)): void {
  const read = new Set<string>();
  for (const folder of [...folders, ...files.map((file) => apps.get(file)?.folder)]) {
    if (folder === undefined || read.has(resolve(folder))) continue;
    read.add(resolve(folder));
    const misplaced = misplacedWorkingDirectories(folder);
    if (misplaced !== undefined) throw new BadInput(misplaced);
  }
}

/** A stack folder whose last synth failed cannot pass the gate: bad input, naming the folder. */
function refuseFailedSynth(folder: string, stackFile?: string): void {
  const problem = failedSynthOf(folder, stackFile);
  if (problem !== undefined) throw new BadInput(problem);
}

/**
 * Reads and judges the stack files. Stacks of one cdktf.out folder are one app's: a server a stack
 * does not define may be a library construct's of another stack, and is judged as synth judges it
 * (fourth review, A4-17).
 */
function judgeFiles(files: readonly string[]): JudgedStack[] {
  const foundApps = stackApps(files);
  const stacks = files.map((file) => {
    const stack = readStack(file);
    const { folder, group } = foundApps.get(file) ?? {};
    // An app by its real folder: reached by two routes (the repository given through a link, a link into its stacks/), its stacks
    // are one app's all the same (adversarial run of stop 79, B79-70).
    return { file, real: realFile(file), ...stack, folder, app: folder === undefined ? undefined : realFile(folder), group, constructs: readScopes(stack.terraform, CONSTRUCTS_KEY) };
  });
  const apps = new Map<string, { paths: Map<string, string>; complete: boolean; notRead: StackNotRead[] | string | undefined; unlisted: StackNotRead[] }>();
  const given = new Set(stacks.map((stack) => resolve(stack.file)));
  // Each app folder's manifest once: the stacks' construct paths, whether every stack it lists was given, and those that were not.
  const appOf = (folder: string) => {
    const known = apps.get(folder);
    if (known !== undefined) return known;
    const paths = manifestConstructPaths(folder);
    const app = { paths, complete: paths.size > 0 && [...paths.keys()].every((file) => given.has(file)), notRead: stacksNotGiven(folder, given), unlisted: unlistedStacksNotGiven(folder, given) };
    apps.set(folder, app);
    return app;
  };
  return stacks.map((stack) => {
    const app = stack.folder === undefined ? undefined : appOf(stack.folder);
    // What a stack adds beside another stack's construct is judged with it (fifth review, A5-13, A5-14):
    // the other stacks that hold a construct, and those it reads outputs of, which may relay another
    // stack's values (A7-4) or have had their library lists deleted by hand (A7-5).
    const pathOf = (file: string) => app?.paths.get(resolve(file)) ?? app?.paths.get(realFile(file)) ?? stackName(file);
    // With every stack that shares any of its app folders (D80-1 to D80-6): which manifest names the app does not split them. Each
    // file once, and not its own: a file reached in two folders (a folder that links to it, judged in each: Z78-1) would join the
    // same blocks twice (E80-3).
    const candidates: typeof stacks = [];
    const joinedFiles = new Set([stack.real]);
    for (const other of app === undefined ? [] : stacks) {
      if (other.group !== stack.group || joinedFiles.has(other.real)) continue;
      joinedFiles.add(other.real);
      candidates.push(other);
    }
    const reached = stacksRead(stack.terraform, candidates, (other) => pathOf(other.file), (other) => other.terraform);
    const others = candidates.filter((other) => other.constructs.length > 0 || reached.includes(other));
    const elsewhere = others.flatMap((other) => other.constructs)[0];
    // Each other stack as Terraform runs it in its own folder, with the variable files it loads there (55th run, A55a-4).
    const joined = others.map((other) => ({ path: pathOf(other.file), terraform: withVariableValues(other.terraform, variableFilesOf(other.file).values) }));
    const judged = judgeFile(stack, elsewhere, { path: pathOf(stack.file), others: joined, complete: app?.complete ?? false });
    if (stack.folder === undefined) {
      const stray = strayStackNote(stack.file);
      return stray === undefined ? judged : { ...judged, notes: [stray] };
    }
    if (app === undefined) return judged;
    const listed = app.notRead ?? [];
    if (listed.length === 0 && app.unlisted.length === 0) return judged;
    const alone = stacks.filter((other) => other.app === stack.app).map((other) => stackName(other.file));
    const note = judgedAloneNote(stack.folder, listed, app.unlisted, alone);
    const notRead = [...(typeof listed === 'string' ? [] : listed), ...app.unlisted];
    return { ...judged, notes: [note], ...(notRead.length === 0 ? {} : { stacksNotRead: notRead }) };
  });
}

/**
 * Why the given stacks of an app were judged without its other stacks: those the manifest lists that
 * were not given, or why it cannot be read. A stack given alone is judged alone (docs/pipelines.md),
 * and says so (thirty-sixth review, A36b-1).
 */
function judgedAloneNote(folder: string, notRead: readonly StackNotRead[] | string, unlisted: readonly StackNotRead[], given: readonly string[]): string {
  const which = `${given.map(printable).join(', ')} ${given.length === 1 ? 'was' : 'were'}`;
  const what = (whose: string) => `what ${given.length === 1 ? 'it adds' : 'they add'} to ${whose} constructs (an Entra administrator, a firewall rule or a parameter of a server, a role assignment) is not judged`;
  const fix = `give check the whole cdktf.out folder (${folder})`;
  const named = (stacks: readonly StackNotRead[]) => `${stacks.length === 1 ? 'stack' : 'stacks'} ${stacks.map(({ name, path }) => `${printable(name)} (${printable(path)})`).join(', ')}`;
  // The stacks in stacks/ that the manifest does not list (or there is none): judged alone all the same (A37b-3).
  const besides = unlisted.length === 0 ? '' : `${join(folder, 'stacks')}: holds ${named(unlisted)} that ${existsSync(join(folder, MANIFEST_FILE)) ? `${MANIFEST_FILE} does not list` : `no ${MANIFEST_FILE} lists`} and check was not given`;
  if (typeof notRead === 'string') return `${notRead}${besides === '' ? '' : `; ${besides}`}. ${which} judged alone, without the app's other stacks: ${what('their')}; ${fix}`;
  const all = notRead.length + unlisted.length;
  const listed = notRead.length === 0 ? '' : `${join(folder, MANIFEST_FILE)}: lists ${named(notRead)} that check was not given`;
  return `${[listed, besides].filter((part) => part !== '').join('; ')}, so ${which} judged alone: ${what(all === 1 ? 'its' : 'their')}; ${fix}`;
}

/**
 * A stack file inside a cdktf.out folder (one with a manifest.json above it) but not where cdktf writes a stack: judged alone, which
 * it says, as a stack given apart from its app does (adversarial run of stop 70, B20, B21).
 */
function strayStackNote(file: string): string | undefined {
  let folder = dirname(realFile(file));
  // Every folder above it, to the root (review of stop 70, E5).
  while (!existsSync(join(folder, MANIFEST_FILE))) {
    if (dirname(folder) === folder) return undefined;
    folder = dirname(folder);
  }
  return `${printable(file)} is inside the cdktf.out folder ${printable(folder)} but not one of its stacks (${printable(join(folder, 'stacks'))}/<name>/${STACK_FILE}), `
    + 'so it was judged alone: what it adds to the app\'s constructs (an Entra administrator, a firewall rule or a parameter of a server, a role assignment) is not judged';
}

/** Whether a stack file is judged as a stack of the cdktf.out folder (by real paths); a loose one is no other app's either. */
function isOfApp(app: string | undefined, folder: string): boolean {
  return app === undefined || realFile(app) === realFile(folder);
}

/**
 * The cdktf.out folder each stack file was written in (<out>/stacks/<stack>/cdk.tf.json), if it was: of the folders of stacks/ any
 * route to it passes, the first whose manifest lists it, else the first (a convenience link named stacks, a CI folder of links named
 * stacks, or a planted manifest that does not list it, makes no app of the folder above: D79-39, B80-1 to B80-5). And its group:
 * stacks that share an app folder that is one (a stack's real app folder, or one whose manifest lists the stack; E80-1), by real
 * path, are judged together whichever app each is named by, so that no manifest, planted or copied, and no link sorting first judges
 * a stack apart from the stacks whose servers it changes (D80-1 to D80-6). Each manifest read once per call (D80-10).
 */
function stackApps(files: readonly string[]): Map<string, { readonly folder: string | undefined; readonly group: string | undefined }> {
  const listings = new Map<string, ReadonlySet<string>>();
  const lists = (folder: string, file: string) => {
    const key = realFile(folder);
    let listing = listings.get(key);
    if (listing === undefined) listings.set(key, (listing = manifestListing(folder)));
    return listing.has(inRealFolder(file));
  };
  const realApp = (file: string) => {
    const stacksFolder = dirname(realFile(dirname(file)));
    return basename(stacksFolder) === 'stacks' ? dirname(stacksFolder) : undefined;
  };
  const realApps = new Set(files.flatMap((file) => realApp(file) ?? []));
  const found = files.map((file) => {
    const folders = appFoldersOf(file);
    // Joined through an app folder that is one: the stack's own real one, one whose manifest lists it, or any stack's real one.
    // A folder of links named stacks that is no app (a CI folder linking two environments' `data`) joins nothing (E80-1).
    const joining = folders.filter((folder) => realApps.has(realFile(folder)) || lists(folder, file)).map(realFile);
    return { file, folder: folders.find((folder) => lists(folder, file)) ?? folders[0], reals: joining.length > 0 ? joining : folders.slice(0, 1).map(realFile) };
  });
  // Union of the stacks' app folders, each group named by one of its folders.
  const parent = new Map<string, string>();
  const root = (folder: string): string => {
    let top = folder;
    while (parent.has(top) && parent.get(top) !== top) top = parent.get(top)!;
    parent.set(folder, top);
    return top;
  };
  for (const { reals } of found) for (const real of reals.slice(1)) parent.set(root(real), root(reals[0]));
  return new Map(found.map(({ file, folder, reals }) => [file, { folder, group: reals.length === 0 ? undefined : root(reals[0]) }]));
}

/** Every folder a stack file is in a stacks/ of, by any route to it. */
function appFoldersOf(file: string): string[] {
  // Where it is given, else where its links lead: a link in an app's stacks/ is that app's stack (a cache's links: review of stop 70,
  // E2-E4), and a link from outside to an app's stack file is that stack, judged with its app (stop 70, B25). Any route counts: a
  // link to the app's stacks/ from another folder (`proj/out -> ../app/cdktf.out/stacks`), or a stacks/ that is itself a link to a
  // cache named otherwise, leads to the app all the same (adversarial run of stop 79, B79-62).
  const folders = [...routesOf(dirname(file)), ...routesOf(file).map(dirname)];
  return [...new Set(folders.flatMap((folder) => routesNamed(dirname(folder), 'stacks').map(dirname)))];
}

/** Judges one stack file as read; anything that keeps it from being judged is bad input. */
function judgeFile({ file, terraform, text }: { file: string; terraform: { [key: string]: unknown }; text: string }, enforcedElsewhere: string | undefined, app: NonNullable<EvaluationOptions['app']>): JudgedStack {
  const ignored = refuseMergedFiles(file);
  const malformed = malformedLibraryEntry(terraform);
  if (malformed !== undefined) {
    throw new BadInput(`${file}: ${printable(malformed)}; it tells check what the library's constructs made, so the stack cannot be judged: synthesize again instead of editing it`);
  }
  const variables = variableFilesOf(file);
  let evaluation: StackEvaluation;
  try {
    evaluation = evaluateStack(withVariableValues(terraform, variables.values), ALL_RULES, { enforcedElsewhere, app });
  } catch (error) {
    throw new BadInput(`${file}: cannot be judged (${(error as Error).message})`);
  }
  if (evaluation.problems.length > 0) {
    const more = evaluation.problems.length > 1 ? ` (and ${evaluation.problems.length - 1} more)` : '';
    throw new BadInput(`${file}: not valid Terraform JSON: ${evaluation.problems[0]}${more}`);
  }
  return { name: stackName(file), file, text, evaluation, terraform: terraformRequirement(terraform), ignored };
}

/** The variable files Terraform loads from the stack's folder, and the values they give (variable-files.ts); one it cannot read is bad input. */
function variableFilesOf(file: string): ReturnType<typeof autoVariableValues> {
  try {
    return autoVariableValues(dirname(file));
  } catch (error) {
    if (error instanceof UnreadVariableFile) throw new BadInput(error.message);
    throw error;
  }
}

function readStack(file: string): { terraform: { [key: string]: unknown }; text: string } {
  let read: { terraform: { [key: string]: unknown }; text: string };
  try {
    read = readStackText(file);
  } catch (error) {
    if (error instanceof UnreadableStack) throw new BadInput(error.message);
    throw error;
  }
  const { terraform: parsed, text } = read;
  if (!TERRAFORM_KEYS.some((key) => key in parsed)) {
    throw new BadInput(`${file}: not a Terraform stack (it has none of ${TERRAFORM_KEYS.join(', ')}); give a cdk.tf.json that cdktf synth wrote`);
  }
  return { terraform: parsed, text };
}

/**
 * Terraform reads every .tf and .tf.json file of a directory, OpenTofu also every .tofu and
 * .tofu.json (and cdk.tofu.json replaces cdk.tf.json), and *_override files change the others: a
 * stack directory with more than the stack file cannot be judged from that file alone, whatever
 * its name (main.tf.json, CDK.tf.json: thirty-seventh review, A37b-1). Both list a directory's
 * entries as Lstat sees them and pass over directories only (dirFiles/rootFiles in
 * internal/configs/parser_config_dir.go: `if info.IsDir() continue`), then skip a file by its name
 * (isIgnoredFile) and match the suffix case-sensitively (fileExt, strings.HasSuffix): a folder named
 * assets.tf changes nothing (A37b-2), a symlink of that name is read. The folder of the path given
 * is read, and the folder of the file it links to when it is a symlink. A file skipped by its name
 * changes nothing and is only named; the others are refused. Returns the configuration files
 * passed over.
 */
function refuseMergedFiles(file: string): string[] {
  const ignored: string[] = [];
  // Each folder once, by its real path: the folder shown, and the stack file's name in it.
  const folders = new Map<string, { shown: string; self: string }>([[realPathOf(dirname(file)) ?? resolve(dirname(file)), { shown: dirname(file), self: basename(file) }]]);
  const real = realPathOf(file);
  if (real !== undefined && !folders.has(dirname(real))) folders.set(dirname(real), { shown: dirname(real), self: basename(real) });
  for (const { shown, self } of folders.values()) {
    const configurations = readdirSync(shown, { withFileTypes: true })
      .filter((entry) => !entry.isDirectory() && entry.name !== self && CONFIGURATION_FILE.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    const others = configurations.filter((entry) => !isIgnoredFile(entry));
    if (others.length > 0) {
      throw new BadInput(`${shown}: holds ${others.join(', ')} beside ${self}, which Terraform or OpenTofu reads too (an override file can change any setting), so ${self} alone cannot be judged; remove it`);
    }
    ignored.push(...configurations.map((entry) => join(shown, entry)));
  }
  return ignored;
}

/** --report must name a directory (made when missing), never an existing file. */
function prepareReportDirectory(directory: string, made: string[]): void {
  if (existsSync(directory) && !statSync(directory).isDirectory()) throw new BadInput(`--report ${directory}: is a file, not a directory`);
  try {
    makeMissingFolders(directory, made);
  } catch (error) {
    throw new BadInput(`--report ${directory}: cannot be created (${(error as Error).message})`);
  }
}

/**
 * --report writes each stack's report to a folder named by the stack: two stacks of one name (two
 * apps of a monorepo, each with a stack "main") would write one report over the other.
 */
function refuseReportClash(directory: string, stacks: readonly string[]): void {
  const byName = new Map<string, string>();
  for (const file of stacks) {
    const other = byName.get(stackName(file));
    if (other !== undefined) {
      throw new BadInput(`--report ${directory}: ${other} and ${file} are both stacks named ${printable(stackName(file))}, so one report would overwrite the other; check each cdktf.out folder with a --report of its own`);
    }
    byName.set(stackName(file), file);
  }
}

/**
 * A stack is named by its folder (cdktf.out/stacks/<name>/cdk.tf.json), or its file for a loose one. The folder is read from the
 * resolved path: a path written `../cdk.tf.json` would name it `..`, and its report would land outside --report (A64a-4).
 */
function stackName(file: string): string {
  const folder = dirname(resolve(file));
  // A stack folder's file of any name (cdk.tofu.json, main.tf.json) is named by its folder, as cdktf names the stack (stop 70, C15).
  const inStackFolder = basename(dirname(folder)) === 'stacks';
  return (basename(file) === STACK_FILE || inStackFolder) && basename(folder) !== '' ? basename(folder) : basename(file);
}

function summary({ findings, warnings, unjudged }: StackEvaluation): string {
  const count = (status: string, severity?: string) => findings.filter((f) => f.status === status && (severity === undefined || f.severity === severity)).length;
  const notJudged = unjudged.length === 0 ? '' : `, ${unjudged.length} not judged`;
  return `${count('fail', 'error')} error(s), ${count('fail', 'warning') + warnings.length} warning(s), ${count('suppressed')} suppressed, ${count('pass')} passed${notJudged}`;
}

function row(finding: Finding): string {
  const label = finding.status === 'suppressed' ? 'suppressed' : finding.severity.toUpperCase();
  const tail = finding.status === 'suppressed' ? `Reason: ${oneSpaced(finding.reason ?? '')}` : `Fix: ${finding.fix}`;
  // Runs of spaces printed as one, as warnings are: a quoted value padded to wrap a log line could forge a row (stop 70, C14).
  return `${label.padEnd(10)} ${finding.ruleId.padEnd(10)} ${oneSpaced(finding.address ?? finding.server)}: ${oneSpaced(finding.message ?? '')} ${tail}`;
}

/** The JSON and Markdown report of a stack, in <directory>/<stack>/. */
function reportFiles(directory: string, name: string, report: ReturnType<typeof buildReport>): PendingFile[] {
  const stackDir = join(directory, name);
  const failure = `--report ${directory}: cannot write the report of ${name}`;
  return [
    { path: join(stackDir, `${REPORT_BASENAME}.json`), text: `${JSON.stringify(report, null, 2)}\n`, failure },
    { path: join(stackDir, `${REPORT_BASENAME}.md`), text: renderMarkdown(report), failure },
  ];
}

/**
 * --output must name a file whose folder exists or can be made, and never a stack: not a
 * cdk.tf.json, nor a file the command judges. Nor what the judged stacks are read with: the
 * manifest of their cdktf.out (every later check of it would exit 2), or a file Terraform loads
 * from a judged stack's folder (a variable file or configuration: the results would be read as the
 * stack's, adversarial run of stop 70, C6). Checked before anything is judged or written.
 */
function checkOutputFile(file: string, stacks: readonly string[], made: string[]): void {
  if (existsSync(file) && statSync(file).isDirectory()) throw new BadInput(`--output ${file}: is a directory, not a file`);
  const judged = judgedTargetOf(file, stacks);
  if (judged?.kind === 'stack') {
    throw new BadInput(`--output ${file}: is a stack file (a ${STACK_FILE}, or a stack this command judges), which the results would overwrite; write them to another file`);
  }
  if (judged?.kind === 'manifest') {
    throw new BadInput(`--output ${file}: is the ${MANIFEST_FILE} of the cdktf.out folder this command judges (${judged.folder}), which the results would overwrite, so no later check could match the app's stacks; write them to another file`);
  }
  if (judged?.kind === 'loaded') {
    throw new BadInput(`--output ${file}: is a file Terraform loads from the folder of a stack this command judges (${judged.folder}: a variable file or configuration), so the results would be read as the stack's; write them to another file`);
  }
  if (judged?.kind === 'synth report') {
    throw new BadInput(`--output ${file}: is the report synth writes in a stack's folder (${judged.folder}), which says whether its synth failed; write the results to another file`);
  }
  try {
    makeMissingFolders(dirname(file), made);
  } catch (error) {
    throw new BadInput(`--output ${file}: cannot be written (${(error as Error).message})`);
  }
}

/**
 * A report file that is a link to a judged stack, its app's manifest or a file Terraform loads from a judged stack's folder
 * (planted in the --report folder, dangling or not) would be written over it, as --output would (V77-10, W77-4): bad input,
 * before anything is written.
 */
function refuseJudgedReportTargets(directory: string, files: readonly PendingFile[], stacks: readonly string[]): void {
  // --output was checked before anything was judged (checkOutputFile): these are the reports.
  for (const { path } of files) {
    const judged = judgedTargetOf(path, stacks);
    if (judged?.kind === 'loaded') {
      throw new BadInput(`--report ${directory}: ${path} is a link to a file Terraform loads from the folder of a stack this command judges (${judged.folder}: a variable file or configuration), which the report would overwrite; remove the link`);
    }
    if (judged?.kind === 'synth report') {
      throw new BadInput(`--report ${directory}: ${path} is the report synth writes in a stack's folder (${judged.folder}), which says whether its synth failed; give --report a folder outside cdktf.out's stacks`);
    }
    if (judged !== undefined) {
      throw new BadInput(`--report ${directory}: ${path} is a link to a stack this command judges or to its app's ${MANIFEST_FILE}, which the report would overwrite; remove the link`);
    }
  }
}

/** --output naming a file --report writes too: the later write would replace the other unseen (Y78-8). */
function refuseOutputAmongReports(output: string, reports: readonly PendingFile[]): void {
  const target = writtenPath(output);
  const report = reports.find((file) => writtenPath(file.path) === target);
  if (report !== undefined) throw new BadInput(`--output ${output}: is also ${report.path}, which --report writes, so one would overwrite the other; write the results to another file`);
}

/**
 * What the gate judges or Terraform loads that a write to a path would change, through links (the file's own included, U77-8;
 * a dangling one, which the write would make, W77-5) and hard links (Y78-21): a stack file, the manifest of a judged app (every
 * later check of it would exit 2), a variable file or configuration in a judged stack's folder (read as the stack's, adversarial
 * run of stop 70, C6), or the report synth writes in any stack's folder (whether its synth failed, Y78-7).
 */
function judgedTargetOf(path: string, stacks: readonly string[]): { kind: 'stack' | 'manifest' | 'loaded' | 'synth report'; folder?: string } | undefined {
  const written = writtenPath(path);
  const found = existsSync(written) ? statSync(written) : undefined;
  // By its path, or by its inode: a hard link is the file too (Y78-21).
  const isIt = (file: string) => file === written || (found !== undefined && existsSync(file) && sameFile(found, file));
  if ([path, written].some((each) => basename(each) === STACK_FILE) || stacks.some(isIt)) return { kind: 'stack' };
  const app = stacks.flatMap(appFoldersOf).find((folder) => isIt(realFile(join(folder, MANIFEST_FILE))));
  if (app !== undefined) return { kind: 'manifest', folder: app };
  const loaded = (name: string) => isAutoVariableFile(name) || CONFIGURATION_FILE.test(name);
  // The folder a stack is given in, where its variable files are read, and the folder of the file it links to.
  for (const folder of new Set(stacks.flatMap((stack) => [realFile(dirname(stack)), dirname(realFile(stack))]))) {
    if (folder === dirname(written) && loaded(basename(written))) return { kind: 'loaded', folder };
    if (found !== undefined && found.nlink > 1 && readdirSync(folder).some((name) => loaded(name) && isIt(join(folder, name)))) return { kind: 'loaded', folder };
  }
  // The report synth writes in a stack's folder says whether its synth failed: written over, a failed stack would pass (Y78-7).
  // A stack's folder by any route to it (a stacks/ linked to a folder named otherwise, Z78-4).
  if (basename(written) === FAILED_SYNTH_REPORT && [path, written].some((each) => inFolderOfStacks(dirname(each)))) return { kind: 'synth report', folder: dirname(written) };
  return undefined;
}

/** Whether a path is the file of a status, through any link. */
function sameFile(stat: Stats, path: string): boolean {
  const other = statSync(path);
  return other.ino === stat.ino && other.dev === stat.dev;
}

/** The document --format asks for, of every judged stack. */
function render(format: Format, judged: readonly JudgedStack[]): string {
  if (format === 'sarif') return `${JSON.stringify(toSarif(judged, CATALOG), null, 2)}\n`;
  if (format === 'junit') return toJunit(judged, CATALOG);
  const reports = judged.map(({ name, evaluation, terraform, stacksNotRead, notes }) => buildReport(name, evaluation, CATALOG, { terraform, stacksNotRead, judgedAlone: judgedAlone(notes) }));
  if (format === 'markdown') return reports.map(renderMarkdown).join('\n');
  const library = libraryPackage();
  return `${JSON.stringify({ schemaVersion: REPORT_SCHEMA_VERSION, generator: 'cdktf-azure-postgres', generatorVersion: library.version, stacks: reports }, null, 2)}\n`;
}

/**
 * The notes of how a stack was read, for its reports: each says it was judged alone (without the app's other stacks), and every
 * format says so, also where the stacks cannot be named (an unreadable manifest: stop 70, C17). Escaped, as SARIF and JUnit show them.
 */
function judgedAlone(notes: readonly string[] | undefined): string[] {
  return (notes ?? []).map(printable);
}

/** Text from the stack made printable, each run of spaces printed as one. */
function oneSpaced(text: string): string {
  return printable(text).replace(/\p{Zs}{2,}/gu, ' ');
}
