import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { exampleJson } from './example-stacks';

/** Blocks by type and name, as a section of Terraform JSON holds them. */
export type Blocks = { [type: string]: { [name: string]: object } };
type Json = { [section: string]: unknown };
/** Sections to add: blocks by type and name (`resource`, `data`), variables by name, or a list (`import`). */
export type Sections = { readonly [section: string]: { readonly [key: string]: object } | readonly object[] };

/** The findings that are not a pass, each as its rule, address and message. */
function notPassing(json: Json): { readonly key: string; readonly label: string; readonly message: string }[] {
  const evaluation = evaluateStack(json, ALL_RULES);
  if (evaluation.problems.length > 0) throw new Error(evaluation.problems.join('\n'));
  return evaluation.findings.filter((f) => f.status !== 'pass' && f.status !== 'not-applicable')
    .map((f) => ({ key: `${f.ruleId} ${f.address ?? ''} ${f.message}`, label: `${f.ruleId} ${f.address ?? ''}`, message: f.message ?? '' }));
}

/**
 * The rule and address of each finding (not a pass) an example lacks, with these blocks added to its sections (`import` a list),
 * as an adversary's patch adds them: what the added blocks make the rules say.
 */
export function addedFindings(example: string, sections: Sections): string[] {
  return added(example, sections).map((finding) => finding.label).sort();
}

/** The messages of those findings. */
export function addedMessages(example: string, sections: Sections): string[] {
  return added(example, sections).map((finding) => finding.message);
}

function added(example: string, sections: Sections): ReturnType<typeof notPassing> {
  const json = exampleJson<Json>(example);
  const before = new Set(notPassing(exampleJson<Json>(example)).map((finding) => finding.key));
  for (const [section, blocks] of Object.entries(sections)) {
    if (Array.isArray(blocks)) {
      json[section] = [...((json[section] ?? []) as object[]), ...blocks];
      continue;
    }
    const into = (json[section] ?? {}) as { [key: string]: object };
    for (const [key, each] of Object.entries(blocks)) into[key] = { ...into[key], ...each };
    json[section] = into;
  }
  return notPassing(json).filter((finding) => !before.has(finding.key));
}
