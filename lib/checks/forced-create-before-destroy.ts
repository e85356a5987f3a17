import { mentionsIn } from './server-mentions';
import type { ResourceView } from './stack-model';
import { declaresCreateBeforeDestroy } from './instance-arguments';

const REPLACED_FIRST = new WeakSet<ResourceView>();

/**
 * Marks the resources Terraform replaces create-before-destroy: those whose lifecycle says so (anything but literal false), and
 * every resource of the stack one of them depends on (reads or lists in depends_on), transitively. Terraform forces
 * create_before_destroy onto a CBD resource's dependencies, or its apply graph would cycle (terraform/internal/terraform/
 * transform_destroy_cbd.go): a server parameter some CBD resource depends on is reset by each replacement as its own CBD would
 * reset it (adversarial run of stop 78, Z78-2).
 */
export function markCreatedBeforeDestroyed(resources: readonly ResourceView[]): void {
  const byAddress = new Map(resources.map((view) => [view.address, view]));
  const queue = resources.filter((view) => declaresCreateBeforeDestroy(view.body ?? {}));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (REPLACED_FIRST.has(next)) continue;
    REPLACED_FIRST.add(next);
    let references: readonly string[];
    try {
      references = mentionsIn(next.config).references;
    } catch {
      // A value no reading foresaw: its dependencies are not followed (the rules that read it say it cannot be read).
      continue;
    }
    for (const reference of references) {
      const read = /^([a-z][a-z0-9_]*\.[^.[\]]+)/.exec(reference)?.[1];
      const found = read === undefined ? undefined : byAddress.get(read);
      if (found !== undefined) queue.push(found);
    }
  }
}

/** Whether Terraform replaces the resource create-before-destroy (markCreatedBeforeDestroyed). */
export function isCreatedBeforeDestroyed(view: ResourceView): boolean {
  return REPLACED_FIRST.has(view);
}
