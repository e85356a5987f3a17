import { mentionsIn } from './server-mentions';
import type { ResourceView } from './stack-model';
import { declaresCreateBeforeDestroy } from './instance-arguments';

// A mark on the view that its copies ({ ...view, certain: false }) keep: a spread copies symbol-keyed properties.
const REPLACED_FIRST = Symbol('replaced create-before-destroy');

/**
 * Marks the resources Terraform replaces create-before-destroy: those whose lifecycle says so (anything but literal false), and
 * every resource of the stack one of them depends on (reads or lists in depends_on), transitively. Terraform forces
 * create_before_destroy onto a CBD resource's dependencies, or its apply graph would cycle (terraform/internal/terraform/
 * transform_destroy_cbd.go): a server parameter some CBD resource depends on is reset by each replacement as its own CBD would
 * reset it (adversarial run of stop 78, Z78-2).
 */
export function markCreatedBeforeDestroyed(resources: readonly ResourceView[], dataSources: readonly ResourceView[] = []): void {
  // Through data sources too: Terraform forces it onto what a data source a CBD resource reads depends on (C79-9).
  const byAddress = new Map([...resources, ...dataSources].map((view) => [view.address, view]));
  const queue = resources.filter((view) => declaresCreateBeforeDestroy(view.body ?? {}));
  const visited = new Set<ResourceView>();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (visited.has(next)) continue;
    visited.add(next);
    Object.defineProperty(next, REPLACED_FIRST, { value: true, enumerable: true });
    for (const address of dependenciesOf(next)) {
      const found = byAddress.get(address);
      if (found !== undefined) queue.push(found);
    }
  }
}

/**
 * The addresses a block depends on: its references as evaluated (through locals), and each address its text spells, which Terraform
 * reads as a dependency although the evaluator may fold the expression to a constant (`count = length([x.id])`, C79-10).
 */
function dependenciesOf(view: ResourceView): string[] {
  let references: readonly string[] = [];
  try {
    references = mentionsIn(view.config).references;
  } catch {
    // A value no reading foresaw: the text's addresses are followed still (the rules that read it say it cannot be read).
  }
  return [...references.flatMap((reference) => /^((?:data\.)?[a-z][a-z0-9_]*\.[^.[\]]+)/.exec(reference)?.[1] ?? []), ...spelledAddresses(JSON.stringify(view.body ?? {}))];
}

/**
 * Every `type.name` and `data.type.name` a text may spell, read segment by segment in one pass: a regular expression over the text
 * took time quadratic in a long run without dots (adversarial run of stop 79, D79-42). Those that name no block are not looked up.
 */
function spelledAddresses(text: string): string[] {
  const addresses: string[] = [];
  for (const piece of text.split(/[^A-Za-z0-9_.-]+/)) {
    const segments = piece.split('.');
    for (let index = 0; index + 1 < segments.length; index++) {
      if (!/^[a-z][a-z0-9_]*$/.test(segments[index]) || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segments[index + 1])) continue;
      addresses.push(`${segments[index]}.${segments[index + 1]}`);
      if (index > 0 && segments[index - 1] === 'data') addresses.push(`data.${segments[index]}.${segments[index + 1]}`);
    }
  }
  return addresses;
}

/** Whether Terraform replaces the resource create-before-destroy: its own lifecycle says so, or markCreatedBeforeDestroyed marked it. */
export function isCreatedBeforeDestroyed(view: ResourceView): boolean {
  return (view as { [REPLACED_FIRST]?: boolean })[REPLACED_FIRST] === true || declaresCreateBeforeDestroy(view.body ?? {});
}
