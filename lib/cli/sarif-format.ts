/**
 * SARIF 2.1.0 (OASIS), the format code scanning reads (GitHub, Azure DevOps, GitLab): the rule
 * pack as the tool's rules, and one result per failed or suppressed finding, located in the
 * stack's cdk.tf.json (the line of the resource's block and its JSON pointer) and at its
 * construct path. A suppressed finding carries its justification as a SARIF suppression.
 * test/cli/sarif-format.test.ts validates the output against the official schema.
 */
import { isAbsolute, relative, resolve, sep } from 'path';
import { Finding, STACK_ADDRESS } from '../checks/evaluate';
import { referenceLinks } from '../checks/reference-links';
import { RuleInfo } from '../checks/rule';
import { pointerSegment, propertyLines } from '../checks/terraform-json';
import { libraryPackage } from '../private/library-version';
import { printable } from '../private/reason-text';
import { findingFingerprints } from './finding-fingerprints';
import { JudgedStack } from './judged-stack';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Where the suppressions of a stack travel in its JSON: findings of PG-SUP-1 point there. */
const COMMENT_POINTER = `/${pointerSegment('//')}`;

/** The SARIF log of the judged stacks, as a JSON value. */
export function toSarif(stacks: readonly JudgedStack[], rules: readonly RuleInfo[]): object {
  const library = libraryPackage();
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: library.name,
          version: library.version,
          semanticVersion: library.version,
          ...(library.homepage === undefined ? {} : { informationUri: library.homepage }),
          rules: rules.map(ruleDescriptor),
        },
      },
      ...invocations(stacks),
      results: stacks.flatMap((stack) => {
        const lines = propertyLines(stack.text);
        const blocks = blockPointers(lines);
        const reported = stack.evaluation.findings.filter((f) => f.status === 'fail' || f.status === 'suppressed');
        const fingerprints = findingFingerprints(stack.name, reported);
        return reported.map((finding, i) => result(finding, stack, lines, blocks, index.get(finding.ruleId), fingerprints[i]));
      }),
    }],
  };
}

/**
 * What check warns of how it read the stacks (the app's stacks it was not given), and the PostgreSQL resources of each stack no
 * rule reads (stop 70, C20), as SARIF tool notifications: one per warning, located at the stacks it concerns. Left out when there
 * are none.
 */
function invocations(stacks: readonly JudgedStack[]): object {
  const notes = new Map<string, string[]>();
  for (const stack of stacks) for (const note of stack.notes ?? []) notes.set(note, [...(notes.get(note) ?? []), stack.file]);
  const unjudged = stacks.filter((stack) => stack.evaluation.unjudged.length > 0);
  if (notes.size === 0 && unjudged.length === 0) return {};
  const notification = (id: string, text: string, files: readonly string[]) => ({
    descriptor: { id },
    level: 'warning',
    message: { text: printable(text) },
    locations: files.map((file) => ({ physicalLocation: { artifactLocation: { uri: fileUri(file) } } })),
  });
  return {
    invocations: [{
      executionSuccessful: true,
      toolExecutionNotifications: [
        ...[...notes].map(([note, files]) => notification('stacks-not-read', note, files)),
        ...unjudged.map(({ name, file, evaluation }) => notification('resources-not-judged', `${name}: ${evaluation.unjudged.length} PostgreSQL resource(s) not judged: ${
          evaluation.unjudged.map((resource) => `${resource.address} (${resource.reason}; ${resource.include})`).join(', ')}`, [file])),
      ],
    }],
  };
}

function ruleDescriptor(rule: RuleInfo): object {
  const links = referenceLinks(rule.references);
  const cited = links.map((link) => `${link.source} ${link.text}`).join('; ');
  return {
    id: rule.id,
    name: rule.id.replace(/-/g, ''),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title} (${rule.layer}).${cited ? ` Asked for by: ${cited}.` : ''}` },
    help: {
      text: `Fix: ${rule.fix}${cited ? `\nReferences: ${links.map((link) => `${link.source} ${link.text} ${link.url}`).join('; ')}` : ''}`,
      markdown: `**Fix:** ${rule.fix}${cited ? `\n\n**References:** ${links.map((link) => `${link.source} [${link.text.replace(/[[\]]/g, '\\$&')}](${link.url})`).join('; ')}` : ''}`,
    },
    ...(links.length > 0 ? { helpUri: links[0].url } : {}),
    defaultConfiguration: { level: rule.severity },
    properties: { tags: ['security', rule.layer], layer: rule.layer, references: rule.references },
  };
}

function result(finding: Finding, stack: JudgedStack, lines: ReadonlyMap<string, number>, blocks: ReadonlyMap<string, string>, ruleIndex: number | undefined, fingerprint: string): object {
  const target = finding.address ?? (finding.server === STACK_ADDRESS ? undefined : finding.server);
  const pointer = target === undefined ? COMMENT_POINTER : resourcePointer(target, blocks);
  const line = pointer === undefined ? undefined : lines.get(pointer);
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: finding.severity,
    // Text from the stack is shown escaped, as in every other output: a bidi control or a line separator in a value could reorder
    // or break the alert code scanning shows (adversarial run of stop 70, C13).
    message: { text: printable(`${finding.message} Fix: ${finding.fix}`) },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: fileUri(stack.file) },
        ...(line === undefined ? {} : { region: { startLine: line } }),
      },
      logicalLocations: [{ name: printable(target ?? STACK_ADDRESS), fullyQualifiedName: printable(finding.constructPath ?? target ?? stack.name), kind: 'resource' }],
      properties: { stack: printable(stack.name), server: printable(finding.server), ...(pointer === undefined ? {} : { jsonPointer: pointer }) },
    }],
    partialFingerprints: { 'cdktfAzurePostgresFinding/v2': fingerprint },
    ...(finding.status === 'suppressed' ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: finding.reason === undefined ? undefined : printable(finding.reason) }] } : {}),
  };
}

/**
 * Every pointer under a "resource" property by its form without list indexes, the first in text
 * order: HCL's JSON forms put a block in lists of bodies too. Built once per stack, not scanned per
 * finding (quadratic).
 */
function blockPointers(lines: ReadonlyMap<string, number>): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const pointer of lines.keys()) {
    if (!pointer.includes('/resource/')) continue; // not inside a resource block
    const form = pointer.split('/').filter((segment) => !/^\d+$/.test(segment)).join('/');
    if (!blocks.has(form)) blocks.set(form, pointer);
  }
  return blocks;
}

/** The JSON pointer of a resource's block ("type.name"), wherever HCL's JSON forms put it (lists of bodies included). */
function resourcePointer(address: string, blocks: ReadonlyMap<string, string>): string | undefined {
  const dot = address.indexOf('.');
  if (dot < 0) return undefined;
  return blocks.get(`/${['resource', address.slice(0, dot), address.slice(dot + 1)].map(pointerSegment).join('/')}`);
}

/** The stack file as a URI reference: relative to the working directory (how code scanning resolves it), else a file URI. */
function fileUri(file: string): string {
  const fromHere = relative(process.cwd(), resolve(file));
  if (fromHere !== '' && !fromHere.startsWith('..') && !isAbsolute(fromHere)) return fromHere.split(sep).map(encodeURIComponent).join('/');
  return `file://${resolve(file).split(sep).map(encodeURIComponent).join('/')}`;
}
