import { ACCESS_KEY, AccessDeclaration, alteredDeclarations, comparableDeclarations, readAccessDeclarations, undeclaredAccess } from './access-declarations';
import { postgresqlProviders } from './database-checks';
import { aliasDataSources, aliasing } from './data-source-aliases';
import { alteredPins, comparablePins, PinnedAttributes, readPinnedAttributes } from './pinned-attributes';
import { ResourcePlace, Rule, RuleInfo, RuleReferences, RuleSeverity, SecurityLayer, StackFacts, Verdict } from './rule';
import { FIXED_RESOURCES } from './rules/PG-CFG-2';
import { SUPPRESSIONS_VALID } from './rules/PG-SUP-1';
import { rule as PINNED_IDENTITIES } from './rules/PG-CFG-6';
import { rule as DECLARED_SIGN_IN } from './rules/PGD-IAM-11';
import { rule as UNJUDGEABLE_WRITERS } from './rules/PG-CFG-4';
import { rule as PROVIDER_PASSWORD } from './rules/PGD-IAM-9';
import { unusedProviderPasswords } from './unused-providers';
import { possibleServerMessage, possibleServers } from './possible-servers';
import { belongingTo, notJudged, UnjudgedResource } from './not-judged';
import { joinStacks, OtherStack } from './other-stacks';
import { canonicalReferences } from './reference-spelling';
import { repointedOutputs } from './cross-stack-outputs';
import { misreadStates, unfollowedReads } from './remote-state-reads';
import { azurermProviders, literalSubscription, providerConfigurations, providerSources } from './provider-facts';
import { copiedOwner, copiesOf, copySourcesOf, possibleCopiesOf, ScopedServer, serversInScope } from './server-copies';
import { buildStackModel, isUnresolvedServer, ResourceView, ServerView, TerraformBlock } from './stack-model';
import { redactSecrets, secretLiterals } from './secret-literals';
import { importTargets, movedTargets, removedTargets } from './import-targets';
import { isLaterServer } from './later-servers';
import { existenceChange } from './instance-arguments';
import { removedResources, ResourcePaths, resourcePaths } from './library-marks';
import { pathProblemsIn } from './suppression-targets';
import { malformedLibraryEntry } from './library-comments';
import { MovedConstruct } from './recorded-paths';
import { blockAddressOf } from './in-database-index';
import { rewrittenPaths } from './rewritten-paths';
import {
  alteredScopes, alteredWarnings, CONSTRUCTS_KEY, covers, MADE_KEY, ENFORCED_KEY, scopesOf, findSuppression, suppressionCovers, suppressionsCovering, InvalidSuppression, readScopes, readSuppressions, readWarnings, Suppression, SynthWarning,
} from './suppressions';

export type FindingStatus = 'pass' | 'fail' | 'suppressed' | 'not-applicable';

/** The result of one rule on one server (or, for the stack-wide checks, on the stack). */
export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  /** The rule's severity, or error where an enforced construct makes a warning fail synth. */
  readonly severity: RuleSeverity;
  readonly layer: SecurityLayer;
  readonly references: RuleReferences;
  readonly fix: string;
  /** Address of the server judged ("(stack)" for the stack-wide checks). */
  readonly server: string;
  readonly status: FindingStatus;
  /** What is wrong (failed or suppressed findings). */
  readonly message?: string;
  /** Address of the resource at fault, when it is not the server itself. */
  readonly address?: string;
  /** Construct path of the resource at fault, else of the server, when cdktf wrote one. */
  readonly constructPath?: string;
  /** Why the finding is suppressed. */
  readonly reason?: string;
  /** Why the rule does not apply. */
  readonly note?: string;
  /** The construct whose control this is: a warning on its server fails synth. */
  readonly enforcedBy?: string;
}

export interface StackEvaluation {
  readonly servers: readonly ServerView[];
  readonly findings: readonly Finding[];
  /** The library's warnings printed at synth (weaker choices the constructs were asked for). */
  readonly warnings: readonly SynthWarning[];
  /** PostgreSQL resources of the stack no rule judged, and how to have them judged. */
  readonly unjudged: readonly UnjudgedResource[];
  /** Parts of the JSON that are not the shape Terraform needs: nothing was judged when there are any. */
  readonly problems: readonly string[];
  /**
   * The text with every secret the stack writes as text hidden (secret-literals.ts redactSecrets), for what a report shows of the
   * servers: a role named after a password key (A80-5). A function, so that the secrets are never written with the evaluation.
   */
  readonly redact?: (text: string) => string;
}

/** What the checks know beyond the JSON in a synth: the suppressions and enforced scopes added in this process. */
export interface Trusted {
  readonly suppressions: readonly Suppression[];
  readonly enforced: readonly string[];
  readonly constructs: readonly string[];
  readonly warnings: readonly SynthWarning[];
  /** What the DatabaseAccess constructs declared in this process. */
  readonly access?: readonly AccessDeclaration[];
  /** What the server constructs pinned on their resources in this process. */
  readonly pinned?: readonly PinnedAttributes[];
  /** Construct paths of the resources the library's constructs made in this process. */
  readonly made?: readonly string[];
}

export interface EvaluationOptions {
  /**
   * Limits the servers judged (a construct checks only its own); a server outside the stack is
   * `{ defined: false }`. A server that copies a judged one (a replica, a restore) is judged too.
   */
  readonly inScope?: (server: ScopedServer) => boolean;
  /**
   * In synth: only suppressions added through PostgresSecurityChecks.suppress count, so a list
   * written into the JSON by an override is an invalid entry, not a waiver; and the scopes enforced
   * in this process stay enforced whatever the JSON says.
   */
  readonly trusted?: Trusted;
  /**
   * A library construct of another stack of the same app: a server this stack does not define may
   * be that construct's server (a cross-stack reference, its literal ID), so it is judged as the
   * construct enforces its own: a warning fails (fourth review, A4-17).
   */
  readonly enforcedElsewhere?: string;
  /**
   * The app's other stacks that hold a library construct, and this stack's construct path: what
   * this stack adds beside their servers (a rule on a construct's NSG, a record in its zone, an
   * administrator, a role, a log export, a copy of its password) is judged as it is beside them in
   * their own stack (fifth review, A5-13, A5-14). Their own findings stay theirs.
   */
  readonly app?: {
    readonly path: string;
    /** Every other stack of the app that was read (in `check`, of the same `cdktf.out`). */
    readonly others: readonly OtherStackToJoin[];
    /**
     * Whether `others` are all the app's other stacks: a cross-stack read named after none of them
     * is then one cdktf did not write (A6-12).
     * @default false
     */
    readonly complete?: boolean;
  };
  /**
   * In synth: the construct path of each resource and data source of the stack's construct tree,
   * by its address in the JSON ("resource.<type>.<name>", "data.<type>.<name>"). A block whose
   * written `//.metadata.path` differs (a stack-level override rewrote it) fails (A12a-14).
   */
  readonly tree?: ReadonlyMap<string, string>;
  /**
   * In synth: the constructs and resources the library recorded in the stack whose construct path
   * is no longer the one recorded (a node's id or scope, or an ancestor's node, changed after): the
   * lists would name paths the JSON does not have (fifteenth review, A15a-1).
   */
  readonly moved?: readonly MovedConstruct[];
}

/** Another stack of the app, and, in synth, what its constructs added in this process. */
export interface OtherStackToJoin extends OtherStack {
  readonly trusted?: Pick<Trusted, 'suppressions' | 'constructs' | 'enforced' | 'access' | 'made'>;
}

/** Where the stack-wide checks report their findings. */
export const STACK_ADDRESS = '(stack)';

/**
 * Runs every rule on every server of a stack's Terraform JSON. Suppressions and enforced scopes
 * come from the JSON itself (and, in synth, from what this process added).
 */
export function evaluateStack(written: unknown, rules: readonly Rule[], writtenOptions: EvaluationOptions = {}): StackEvaluation {
  // The rules find references by their text: each in the one spelling cdktf writes, in every stack and in
  // what this process recorded, so that the two still compare alike (seventh review, A7-9, A7-10).
  const terraform = canonicalReferences(written);
  const options = canonicalReferences(writtenOptions) as EvaluationOptions;
  const app = options.app;
  if (app === undefined || app.others.length === 0) return evaluateJoined(terraform, rules, options, undefined);
  const joined = evaluateJoined(terraform, rules, options, app);
  if (joined.problems.length === 0) return joined;
  // Another stack the model cannot read with this one: this one is still judged, by itself, and the join that failed is a failure
  // of this stack, never a silent change of what is judged (in synth, a stack with no construct is not judged on its own: 54th run,
  // A54b-3/4).
  const alone = evaluateJoined(terraform, rules, options, undefined);
  if (alone.problems.length > 0) return alone;
  const others = app.others.map((other) => JSON.stringify(other.path)).join(', ');
  const message = `the other stacks of the app (${others}) cannot be read with this one (${joined.problems[0]}), so what they add beside its servers and what it reads of them are not judged: fix that stack, or judge this one alone.`;
  return { ...alone, findings: [...alone.findings, { ...info(PINNED_IDENTITIES), server: STACK_ADDRESS, status: 'fail', message }] };
}

function evaluateJoined(written: unknown, rules: readonly Rule[], options: EvaluationOptions, app: EvaluationOptions['app']): StackEvaluation {
  const joined = app === undefined ? undefined : joinStacks(written, app.path, app.others);
  const others = app?.others ?? [];
  // This stack's own JSON, its cross-stack references resolved as the model reads them.
  const terraform = joined === undefined ? written : joined.resolve(written);
  const trusted = resolvedTrust(options.trusted, joined?.resolve);
  // In synth, the resources the constructs made, whatever an override wrote into the JSON (A11a-1).
  const ownMade = trusted?.made ?? readScopes(terraform, MADE_KEY);
  const made = new Set([...ownMade, ...others.flatMap((other) => other.trusted?.made ?? readScopes(other.terraform, MADE_KEY))]);
  // Where each block lives (its stack, its provider's subscription): the model's facts and every reading of twins (resource-twins.ts) share it.
  const places = placesOf(joined?.terraform ?? terraform, joined?.imported ?? new Map());
  const twins = { made, placeOf: places };
  // One stack alone: its aliasing also reads its pins (comparablePins), the same JSON.
  const aliased = joined === undefined ? aliasing(written, twins) : undefined;
  // The JSON the model reads, lookups aliased to the blocks they match; the postgresql providers are read from it too, so a provider's
  // password read from a lookup of a secret the stack writes is that secret's value (47th run).
  const modelJson = joined === undefined ? aliased?.terraform : aliasDataSources(joined.terraform, twins);
  const model = buildStackModel(modelJson, joined === undefined ? undefined : (address) => joined.imported.get(address), made);
  if (model.problems.length > 0) return { servers: [], findings: [], warnings: [], unjudged: [], problems: model.problems };
  const knownIds = new Set(rules.map((rule) => rule.id));
  // An entry that names no construct of its stack suppresses nothing, there or in another stack (A46b-1). Judged in synth too, so
  // synth never writes a file check refuses (A15a-1): suppress() on a construct with no block beneath it fails there. An entry an
  // override wrote in synth is named as that (below), not judged by its path.
  // This stack's construct paths, read once for its suppressions' paths and for the resources its constructs no longer hold.
  let writtenPaths: ResourcePaths | undefined;
  const pathsOfWritten = () => (writtenPaths ??= resourcePaths(written));
  const pathsOf = (stackJson: unknown, trust: Pick<Trusted, 'suppressions'> | undefined) => {
    const problems = pathProblemsIn(stackJson, stackJson === written ? pathsOfWritten : undefined);
    return (entry: Suppression) => (trust !== undefined && !trust.suppressions.some((t) => sameSuppression(entry, t)) ? undefined : problems(entry.path));
  };
  const { valid, invalid } = readSuppressions(terraform, knownIds, pathsOf(terraform, trusted));
  const othersValid = others.flatMap((other) => trustedOnly(readSuppressions(other.terraform, knownIds, pathsOf(other.terraform, other.trusted)).valid, other.trusted));
  const suppressions = [...trustedOnly(valid, trusted), ...othersValid];
  // Without trust, every valid suppression counts and none is injected.
  const injected = valid.filter((s) => !suppressions.includes(s)).map((entry): InvalidSuppression => ({
    index: -1,
    entry,
    problem: 'was written into the JSON by an override, not added through PostgresSecurityChecks.suppress',
  }));
  // Stryker disable next-line ArrayDeclaration: equivalent: a scope no construct has covers nothing
  const constructs = [...readScopes(terraform, CONSTRUCTS_KEY), ...(trusted?.constructs ?? []), ...others.flatMap((other) => [...readScopes(other.terraform, CONSTRUCTS_KEY), ...(other.trusted?.constructs ?? [])])];
  // Every library construct enforces its servers: a file whose enforced list was edited away still lists them.
  // Stryker disable next-line ArrayDeclaration: equivalent: a scope no construct has covers nothing
  const enforced = [...readScopes(terraform, ENFORCED_KEY), ...constructs, ...(trusted?.enforced ?? []), ...others.flatMap((other) => [...readScopes(other.terraform, ENFORCED_KEY), ...(other.trusted?.enforced ?? [])])];
  const imported: ReadonlyMap<string, string> = joined?.imported ?? new Map();
  // The other stacks' servers are judged for what this stack adds beside them; what only their own stack adds stays theirs.
  const fromOthers = (server: ServerView) => imported.has(server.address) || (!server.defined && belongingTo(server).length > 0 && belongingTo(server).every((r) => imported.has(r.address)));
  const inScope = options.inScope;
  const copySources = copySourcesOf(model.servers, model.resources, model.lookups);
  const scoped = inScope === undefined ? model.servers : serversInScope(model.servers, copySources, (server) => inScope(server) || ('address' in server && fromOthers(server as ServerView)));
  const findings: Finding[] = [...invalid, ...injected].map(invalidSuppressionFinding);
  // What an override added to a construct's resource: PG-CFG-2.
  const reshaped = [
    ...model.multiplied.map((resource) => ({ ...resource, change: existenceChange(resource.arguments) })),
    ...model.provisioned.map((resource) => ({ ...resource, change: `has a ${resource.blocks.join(' and a ')} block, so commands no rule reads may change what the construct made` })),
  ];
  for (const resource of reshaped) {
    const owner = constructs.find((scope) => resource.constructPath !== undefined && covers(scope, resource.constructPath));
    if (owner === undefined) continue;
    findings.push({
      ...info(FIXED_RESOURCES),
      server: STACK_ADDRESS,
      status: 'fail',
      address: resource.address,
      constructPath: resource.constructPath,
      message: `the resource, which ${owner} makes, ${resource.change}.`,
    });
  }
  // In synth, what the constructs declared, whatever an override wrote into the JSON (PGD-IAM-11).
  // The other stacks' declarations too: what this stack does inside their servers is compared with them (sixth review, A6-13).
  const othersAccess = joined === undefined ? [] : others.flatMap((other, index) => joined.rename(index, other.trusted?.access ?? readAccessDeclarations(other.terraform)) as AccessDeclaration[]);
  const declaredAccess = comparableDeclarations(terraform, [...(trusted?.access ?? readAccessDeclarations(terraform)), ...othersAccess]);
  const altered = trusted?.access === undefined ? undefined : alteredDeclarations(terraform, trusted.access);
  if (altered !== undefined) findings.push({ ...info(DECLARED_SIGN_IN), server: STACK_ADDRESS, status: 'fail', message: `${altered}.` });
  // In synth, what the constructs pinned, whatever an override wrote into the JSON (PG-CFG-6).
  const pinned = comparablePins(terraform, trusted?.pinned ?? readPinnedAttributes(terraform), aliased, twins);
  const repinned = trusted?.pinned === undefined ? undefined : alteredPins(terraform, trusted.pinned);
  if (repinned !== undefined) findings.push({ ...info(PINNED_IDENTITIES), server: STACK_ADDRESS, status: 'fail', message: `${repinned}.` });
  const recordedLists = trusted === undefined ? [] : [[MADE_KEY, trusted.made], [CONSTRUCTS_KEY, trusted.constructs], [ENFORCED_KEY, trusted.enforced]] as const;
  for (const [key, recorded] of recordedLists) {
    const altered = recorded === undefined ? undefined : alteredScopes(terraform, key, recorded);
    if (altered !== undefined) findings.push({ ...info(PINNED_IDENTITIES), server: STACK_ADDRESS, status: 'fail', message: `${altered}.` });
  }
  for (const { address, problem } of options.tree === undefined ? [] : rewrittenPaths(written, options.tree, constructs, made)) {
    findings.push({ ...info(PINNED_IDENTITIES), server: STACK_ADDRESS, status: 'fail', address, message: `${address} ${problem}.` });
  }
  // A resource a construct made and an escape hatch took out (node.tryRemoveChild): what it guarded is gone (A11a-8).
  // A pinned one is PG-CFG-6's finding on its server already. Not the server itself: PG-CFG-6 judges the servers of the JSON, so
  // the construct's server taken out, or moved to another block (moveTo), is told here (adversarial run of stop 71, A71-6).
  const judgedServers = new Set(model.servers.map((server) => server.constructPath));
  const pinnedPaths = new Set(pinned.filter((pin) => pin.path !== pin.server || judgedServers.has(pin.server)).map((pin) => pin.path));
  for (const path of removedResources(written, ownMade, pathsOfWritten()).filter((removed) => !pinnedPaths.has(removed))) {
    findings.push({
      ...info(PINNED_IDENTITIES),
      server: STACK_ADDRESS,
      status: 'fail',
      constructPath: path,
      message: `${path}, which a library construct made, is not in the JSON: it was taken out, or moved to another block (moveTo), after the construct made it, and what it guarded (a lock, a database's prevent_destroy, a rule) goes with it.`,
    });
  }
  for (const { recorded, now } of options.moved ?? []) {
    findings.push({
      ...info(PINNED_IDENTITIES),
      server: STACK_ADDRESS,
      status: 'fail',
      constructPath: recorded,
      message: `${recorded}, which the library recorded for its construct when it was made, now has the construct path ${now === undefined ? '(one that cannot be read)' : JSON.stringify(now)}: `
        + 'a node\'s id or scope (its own, or an ancestor\'s node) was changed after the library recorded it, so the library\'s lists, pins and suppressions no longer name what the JSON holds and the construct\'s checks would not apply to it.',
    });
  }
  // A cross-stack output re-pointed: what another stack's construct was given is no longer what it pinned (PG-CFG-6).
  for (const { name, value } of repointedOutputs(written)) {
    findings.push({
      ...info(PINNED_IDENTITIES),
      server: STACK_ADDRESS,
      status: 'fail',
      address: `output.${name}`,
      message: `output.${name}, which cdktf writes for another stack to read, holds ${JSON.stringify(value)}, not the reference its name was made from: an override re-pointed what the reading stack (and a construct's props there) were given.`,
    });
  }
  // A cross-stack read re-pointed: the model judges the stack it is named after, Terraform reads another state (PG-CFG-6).
  for (const { address, problem } of options.app === undefined ? [] : [...misreadStates(written, options.app.others, options.app.complete === true), ...unfollowedReads(written)]) {
    findings.push({ ...info(PINNED_IDENTITIES), server: STACK_ADDRESS, status: 'fail', address, message: `${address} ${problem}.` });
  }
  // In synth, the warnings printed, whatever an override wrote into the JSON (PG-SUP-1): check counts the JSON's.
  const rewarned = trusted === undefined ? undefined : alteredWarnings(terraform, trusted.warnings);
  if (rewarned !== undefined) findings.push({ ...info(SUPPRESSIONS_VALID), server: STACK_ADDRESS, status: 'fail', message: `${rewarned}.` });
  const serverPaths = model.servers.flatMap((server) => (server.constructPath === undefined ? [] : [server.constructPath]));
  for (const { path, address } of undeclaredAccess(model.resources.values(), constructs, serverPaths, declaredAccess)) {
    findings.push({
      ...info(DECLARED_SIGN_IN),
      server: STACK_ADDRESS,
      status: 'fail',
      address,
      constructPath: path,
      message: `${path}, a library construct, makes in-database resources but the JSON holds no declaration of it (//.${ACCESS_KEY}), so they cannot be compared with what it declared.`,
    });
  }
  // In synth, the library's marks must agree with the JSON as `check` requires of the file written; a disagreement
  // no stack-wide failure has explained already (an altered list, a removed resource) fails here, so synth never writes a file check refuses (A15a-1).
  const marks = trusted === undefined || findings.some(isStackFailure) ? undefined : malformedLibraryEntry(written, { enforcedRecorded: true });
  if (marks !== undefined) {
    findings.push({
      ...info(PINNED_IDENTITIES),
      server: STACK_ADDRESS,
      status: 'fail',
      message: `the library's marks in the JSON disagree with it: ${marks}; the construct's resources would be judged as raw ones, and check refuses such a file.`,
    });
  }
  const unreadable: string[] = [];
  const facts: StackFacts = {
    postgresqlProviders: postgresqlProviders(modelJson, model.locals), resources: model.resources, lookups: model.lookups, locals: model.locals, outputs: model.outputs, azurermProviders: azurermProviders(joined?.terraform ?? terraform, model.locals), importedProviders: joined?.importedProviders, providerSources: providerSources(terraform),
    declaredAccess, constructs, pinned, providers: providerConfigurations(terraform), placeOf: places,
    imports: importTargets(written), moves: movedTargets(written), removals: removedTargets(written), copiesOf: (server) => copiesOf(server, copySources), possibleCopiesOf: (server) => possibleCopiesOf(server, copySources),
    copiedOwner: (server) => copiedOwner(server, copySources, { constructs }),
    laterServers: model.servers.filter(isLaterServer),
    namedServers: model.servers.filter((server) => !server.defined && !isLaterServer(server)),
  };
  // A copy of an enforced server (a replica, a restore, a twin of its Azure name) holds all its data: enforced as its source is (A11a-4).
  // A server the stack defines without a construct path (written by a stack-level override) is in the stack's scope (X78-66).
  const stackScope = options.app?.path === undefined ? [] : [options.app.path];
  const enforcedScope = (server: ServerView, seen: Set<ServerView>): string | undefined => {
    const scopes = new Set(server.constructPath !== undefined ? scopesOf(server.constructPath) : server.defined ? stackScope : []);
    const own = enforced.find((scope) => scopes.has(scope));
    if (own !== undefined || seen.has(server)) return own;
    seen.add(server);
    const sources = (copySources.from.get(server) ?? []).filter((source): source is ServerView => 'address' in source);
    return sources.map((source) => enforcedScope(source, seen)).find((scope) => scope !== undefined);
  };
  const judgeServers = (list: readonly ServerView[], judgedFacts: StackFacts, into: Finding[]) => {
    for (const server of list) {
      // A server known only at apply time may be an enforced construct's own: judged as that construct enforces it.
      const enforcedBy = enforcedScope(server, new Set())
        ?? (isUnresolvedServer(server) ? enforced[0] : undefined)
        ?? (server.defined ? undefined : options.enforcedElsewhere);
      for (const rule of rules) {
        if (rule.appliesTo !== server.kind && rule.appliesTo !== 'any') continue;
        try {
          into.push(...judge(rule, server, judgedFacts, blocksOf(judgedFacts), suppressions, { enforcedBy, enforced }));
        } catch (error) {
          // A value no rule foresaw (an object where Terraform needs text): not judged, never a crash.
          unreadable.push(`${server.address} cannot be read by ${rule.id} (${(error as Error).message})`);
        }
      }
    }
  };
  judgeServers(scoped, facts, findings);
  // No server read: a write whose type is known only later may be one, named rather than passed in silence (A18b-11).
  if (model.servers.length === 0) {
    for (const block of possibleServers(model.resources)) {
      const suppression = findSuppression(suppressions, UNJUDGEABLE_WRITERS.id, block.constructPath, undefined, resourcePathsOf(blocksOf(facts)));
      const found = { ...info(UNJUDGEABLE_WRITERS), server: STACK_ADDRESS, address: block.address, ...(block.constructPath === undefined ? {} : { constructPath: block.constructPath }), message: possibleServerMessage(block) };
      findings.push(suppression === undefined ? { ...found, status: 'fail' } : { ...found, status: 'suppressed', reason: suppression.reason });
    }
  }
  // A postgresql provider no block signs in with reaches no server's rules, yet a password written into it is in the JSON (adversarial
  // run of stop 70, A23). Only this stack's own: another stack's is judged there.
  if (knownIds.has(PROVIDER_PASSWORD.id)) {
    // A provider block has no construct path in the JSON: a suppression on the stack covers it (review of stop 70, D15).
    const stackPath = options.app?.path;
    for (const { key, problem, modules } of unusedProviderPasswords(postgresqlProviders(terraform, model.locals), facts)) {
      const suppression = findSuppression(suppressions, PROVIDER_PASSWORD.id, stackPath, undefined, resourcePathsOf(blocksOf(facts)));
      const found = {
        ...info(PROVIDER_PASSWORD), server: STACK_ADDRESS, address: `provider.${key}`, ...(stackPath === undefined ? {} : { constructPath: stackPath }),
        message: modules.length === 0
          ? `provider ${key}: password ${problem}, although no resource or data source signs in with it (Terraform leaves it out of the plan).`
          : `provider ${key}: password ${problem}; only ${modules.join(', ')} ${modules.length === 1 ? 'is' : 'are'} given it, whose blocks the checks cannot read.`,
      };
      findings.push(suppression === undefined ? { ...found, status: 'fail' } : { ...found, status: 'suppressed', reason: suppression.reason });
    }
  }
  const othersOnly = new Set(scoped.filter(fromOthers).map((server) => server.address));
  // A finding on this stack's own resource, or on a server of this stack with no resource named, is this stack's.
  const hostOwned = (f: Finding) => (f.address === undefined ? !othersOnly.has(f.server) : !imported.has(f.address) && !imported.has(blockAddressOf(f.address)));
  // A failure on another stack's server reported on none of this stack's resources (a verdict on the server, or on
  // the construct's NSG as a whole) is this stack's when that stack alone does not fail it so.
  const candidates = new Set(joined === undefined ? [] : findings.filter((f) => !hostOwned(f) && othersOnly.has(f.server) && (f.status === 'fail' || f.status === 'suppressed')));
  const theirs = new Set<string>();
  if (joined !== undefined && candidates.size > 0) {
    // Their twins read as the joined model reads them (resource-twins.ts), so a verdict the two share is found in both.
    const alone = buildStackModel(aliasDataSources((joined.terraform as unknown[]).slice(1), twins), (address) => joined.imported.get(address));
    const changed = new Set([...candidates].map((f) => f.server));
    const before: Finding[] = [];
    judgeServers(alone.servers.filter((server) => changed.has(server.address)), { ...facts, resources: alone.resources, lookups: alone.lookups, outputs: alone.outputs }, before);
    before.forEach((finding) => theirs.add(verdictKey(finding)));
  }
  // No message shows a secret the stack writes as text, whichever rule wrote it.
  const secrets = secretLiterals(joined?.terraform ?? terraform, model.resources.values());
  if (unreadable.length > 0) return { servers: [], findings: [], warnings: [], unjudged: [], problems: unreadable.map((problem) => redactSecrets(problem, secrets)) };
  const warnings = trusted?.warnings ?? readWarnings(terraform);
  const ours = (f: Finding) => hostOwned(f) || (candidates.has(f) && !theirs.has(verdictKey(f)));
  const own = joined === undefined ? findings : findings.filter(ours).map((f) => shownWith(f, joined.show));
  const servers = scoped.filter((server) => !othersOnly.has(server.address));
  return {
    servers,
    findings: own.map((finding) => withoutSecrets(finding, secrets)),
    warnings: [...warnings],
    unjudged: notJudged(model, servers).filter((resource) => !imported.has(resource.address)),
    problems: [],
    redact: (text: string) => redactSecrets(text, secrets),
  };
}

/** Whether a finding is a failed stack-wide error (the JSON and what the library recorded disagree): synth fails on it. */
function isStackFailure(finding: Finding): boolean {
  return finding.server === STACK_ADDRESS && finding.status === 'fail' && finding.severity === RuleSeverity.ERROR;
}

/** What a finding says, to tell whether the judged stack changed it. */
function verdictKey(finding: Finding): string {
  return JSON.stringify([finding.ruleId, finding.server, finding.address, finding.status, finding.severity, finding.message, finding.note, finding.reason]);
}

/** A finding about another stack's blocks, as the judged stack's reader sees it (other-stacks.ts). */
function shownWith(finding: Finding, show: (text: string) => string): Finding {
  const { address, message, note } = finding;
  return {
    ...finding,
    server: show(finding.server),
    ...(address === undefined ? {} : { address: show(address) }),
    ...(message === undefined ? {} : { message: show(message) }),
    ...(note === undefined ? {} : { note: show(note) }),
  };
}

/** The suppressions of a stack that count: in synth, only those its constructs added in this process. */
function trustedOnly(valid: readonly Suppression[], trusted: Pick<Trusted, 'suppressions'> | undefined): Suppression[] {
  return trusted === undefined ? [...valid] : valid.filter((s) => trusted.suppressions.some((t) => sameSuppression(s, t)));
}

/** What this process recorded, its cross-stack references resolved as the stack's JSON is (other-stacks.ts), so the two compare alike. */
function resolvedTrust(trusted: Trusted | undefined, resolve: ((value: unknown) => unknown) | undefined): Trusted | undefined {
  return trusted === undefined || resolve === undefined ? trusted : resolve(trusted) as Trusted;
}

function withoutSecrets(finding: Finding, secrets: readonly string[]): Finding {
  const { message, note } = finding;
  if (message === undefined && note === undefined) return finding;
  return { ...finding, ...(message === undefined ? {} : { message: redactSecrets(message, secrets) }), ...(note === undefined ? {} : { note: redactSecrets(note, secrets) }) };
}

function judge(
  rule: Rule,
  server: ServerView,
  facts: StackFacts,
  resources: ReadonlyMap<string, { constructPath?: string }>,
  suppressions: readonly Suppression[],
  enforcement: { readonly enforcedBy: string | undefined; readonly enforced: readonly string[] },
): Finding[] {
  const base = findingBase(rule, server, enforcement.enforcedBy);
  const result = rule.evaluate(server, facts);
  const verdicts: readonly Verdict[] = Array.isArray(result) ? result : [result as Verdict];
  const failures = verdicts.flatMap((v) => {
    if (v.status === 'fail') return [{ message: v.message, address: v.address, subject: v.subject }];
    // A value the rule needs is known only later: a security setting is never passed unread.
    if (v.status === 'unknown') return [{ message: `${v.note}, so it cannot be judged at synth.`, address: v.address, subject: v.subject }];
    return [];
  });
  if (failures.length === 0) {
    const skipped = verdicts.find((v): v is Extract<Verdict, { status: 'not-applicable' }> => v.status === 'not-applicable');
    // The base is this finding's own object: a finding per rule and server, most of them passes.
    if (skipped === undefined) return [Object.assign(base, { status: 'pass' as const })];
    return [Object.assign(base, { status: 'not-applicable' as const, note: skipped.note })];
  }
  return failures.map(({ subject, ...fault }) => {
    // A suppression on the faulty resource, the server, or any construct above them counts.
    // An instance of a block with for_each (`type.name["key"]`) is suppressed on its block's construct.
    const faultPath = fault.address ? (resources.get(fault.address) ?? resources.get(blockAddressOf(fault.address)))?.constructPath : undefined;
    // The server's scope covers what its own stack adds; what another stack adds (a resource whose construct path is in another stack)
    // only by a suppression on that resource: a waiver written for the server's stack waived another team's administrator (D81-97).
    const paths = faultPath !== undefined && server.constructPath !== undefined && stackOfPath(faultPath) !== stackOfPath(server.constructPath) ? [faultPath] : [faultPath, server.constructPath];
    const covering = paths.flatMap((path) => suppressionsCovering(suppressions, rule.id, path, subject, resourcePathsOf(resources)));
    const suppression = covering[0];
    // A resource under an enforced scope fails on a warning whatever server it configures (one defined elsewhere, by ID).
    const enforcedBy = enforcement.enforcedBy ?? (faultPath === undefined ? undefined : enforcement.enforced.find((scope) => covers(scope, faultPath)));
    const enforcedBase = enforcedBy === enforcement.enforcedBy ? base : { ...base, severity: RuleSeverity.ERROR, enforcedBy };
    const found = { ...enforcedBase, ...fault, ...(faultPath === undefined ? {} : { constructPath: faultPath }), message: fault.message + narrowerJustification(suppression, suppressions, rule.id, paths, resources) };
    return suppression ? { ...found, status: 'suppressed' as const, reason: everyReason(covering) } : { ...found, status: 'fail' as const };
  });
}

/** The stack a construct path is in: its first segment. */
function stackOfPath(path: string): string {
  return path.split('/')[0];
}

/**
 * The reason of the suppression that counts, and each other reason that waives the finding too: a waiver another one shadows (a
 * stack-wide suppression of a rule the construct suppresses itself) stays visible in the report (adversarial run of stop 81, A81-42).
 */
function everyReason(covering: readonly Suppression[]): string {
  const [first, ...others] = [...new Set(covering.map((suppression) => suppression.reason))];
  return others.length === 0 ? first : `${first} (also suppressed: ${others.map((reason) => JSON.stringify(reason)).join('; ')})`;
}

const blocksCache = new WeakMap<ReadonlyMap<string, ResourceView>, ReadonlyMap<string, ResourceView>>();

/** The stack's resources and lookups by address: a finding on a data source is suppressed on its construct path too (A11a-5). */
function blocksOf(facts: StackFacts): ReadonlyMap<string, ResourceView> {
  const resources = facts.resources!;
  let blocks = blocksCache.get(resources);
  if (blocks === undefined) {
    blocks = new Map([...(facts.lookups ?? []), ...resources]);
    blocksCache.set(resources, blocks);
  }
  return blocks;
}

const resourcePathCache = new WeakMap<ReadonlyMap<string, { constructPath?: string }>, ReadonlySet<string>>();

/** The construct paths of a stack's resources, once per stack model. */
function resourcePathsOf(resources: ReadonlyMap<string, { constructPath?: string }>): ReadonlySet<string> {
  let paths = resourcePathCache.get(resources);
  if (paths === undefined) {
    paths = new Set([...resources.values()].flatMap((resource) => (resource.constructPath === undefined ? [] : [resource.constructPath])));
    resourcePathCache.set(resources, paths);
  }
  return paths;
}

/**
 * The fields every finding of a rule on a server starts with, in the order the report lists them;
 * a fresh object, written directly (a finding per rule and server: spreading was most of judging).
 */
function findingBase(rule: RuleInfo, server: ServerView, enforcedBy: string | undefined): FindingBase {
  const base: FindingBase = {
    ruleId: rule.id,
    title: rule.title,
    // An enforced construct makes a warning fail synth.
    severity: enforcedBy === undefined ? rule.severity : RuleSeverity.ERROR,
    layer: rule.layer,
    references: rule.references,
    fix: rule.fix,
    server: server.address,
  };
  if (server.constructPath !== undefined) base.constructPath = server.constructPath;
  if (enforcedBy !== undefined) base.enforcedBy = enforcedBy;
  return base;
}

type FindingBase = { -readonly [key in keyof Omit<Finding, 'status'>]: Omit<Finding, 'status'>[key] };

/** When only a justification of another choice is there, says what it covers, so the reviewer sees why it does not apply. */
function narrowerJustification(
  found: Suppression | undefined,
  suppressions: readonly Suppression[],
  ruleId: string,
  paths: readonly (string | undefined)[],
  resources: ReadonlyMap<string, { constructPath?: string }>,
): string {
  if (found !== undefined) return '';
  const bound = suppressions.find((s) => s.ruleId === ruleId && s.subject !== undefined && paths.some((path) => path !== undefined && suppressionCovers(s.path, path, resourcePathsOf(resources))));
  return bound === undefined ? '' : ` The justification ${JSON.stringify(bound.reason)} covers only ${bound.subject}.`;
}

function info(rule: RuleInfo) {
  return { ruleId: rule.id, title: rule.title, severity: rule.severity, layer: rule.layer, references: rule.references, fix: rule.fix };
}

function invalidSuppressionFinding({ index, entry, problem, fix }: InvalidSuppression): Finding {
  const which = index >= 0 ? `suppression ${index + 1}` : 'a suppression';
  return {
    ...info(SUPPRESSIONS_VALID),
    ...(fix === undefined ? {} : { fix }),
    server: STACK_ADDRESS,
    status: 'fail',
    message: `${which} (${JSON.stringify(entry)}) ${problem}, so it suppresses nothing.`,
  };
}

function sameSuppression(a: Suppression, b: Suppression): boolean {
  return a.path === b.path && a.ruleId === b.ruleId && a.reason === b.reason && a.subject === b.subject;
}

/** One line per finding: resource address, rule id, what is wrong, the fix. */
export function formatFinding(finding: Finding): string {
  const where = finding.address ?? finding.server;
  return `${where} ${finding.ruleId} ${finding.message} Fix: ${finding.fix}`;
}

/** A suppressed finding as synth prints it: what the rule found, and the reason that waived it. */
export function formatSuppressed(finding: Finding): string {
  const where = finding.address ?? finding.server;
  return `${where} ${finding.ruleId} is suppressed (${finding.reason}): ${finding.message}`;
}

/**
 * Where each resource of the joined model lives: its stack, and the subscription its provider there names (another stack's blocks name
 * their own stack's providers, renamed in the joined JSON: other-stacks.ts).
 */
function placesOf(joined: unknown, imported: ReadonlyMap<string, string>): (resource: { readonly address: string; readonly config: TerraformBlock }) => ResourcePlace {
  const providers = azurermProviders(joined);
  return (resource) => ({ stack: imported.get(resource.address), subscription: literalSubscription(resource, providers) });
}
