import { IConstruct } from 'constructs';

/**
 * The library records its constructs, the resources they make, its pins, suppressions, warnings and
 * declarations by construct path when they are made, and cdktf writes the paths again when it
 * converts the stack: a path computed twice. A node's `id` and `scope` are writable fields, and an
 * ancestor's `node` is the caller's object (a Proxy may report another id), so a construct renamed
 * or moved after it was recorded left the lists naming paths the JSON no longer had, and its server
 * was judged as a raw one (fifteenth review, A15a-1). Each object is kept with the paths it was
 * recorded at, and compared with the path it has when the stack is judged.
 */
const recorded = new WeakMap<object, Map<IConstruct, Set<string>>>();

/** Keeps a construct (or resource) the library recorded in a stack's lists, with the path it recorded. */
export function recordPath(stack: object, construct: IConstruct, path: string): void {
  let objects = recorded.get(stack);
  if (objects === undefined) recorded.set(stack, (objects = new Map()));
  let paths = objects.get(construct);
  if (paths === undefined) objects.set(construct, (paths = new Set()));
  paths.add(path);
}

/** A recorded construct whose path is not the one recorded. */
export interface MovedConstruct {
  readonly recorded: string;
  /** Its path now, or undefined when its node (or an ancestor's) cannot be read. */
  readonly now?: string;
}

/**
 * The constructs recorded in a stack whose path now differs from one recorded for them, in the order
 * recorded; one below another moved one (a construct's resources) is told by that one.
 */
export function movedConstructs(stack: object): MovedConstruct[] {
  const moved: MovedConstruct[] = [];
  for (const [construct, paths] of recorded.get(stack) ?? []) {
    const now = pathNow(construct);
    for (const path of paths) {
      if (path !== now) moved.push(now === undefined ? { recorded: path } : { recorded: path, now });
    }
  }
  return moved.filter((each) => !moved.some((other) => each.recorded.startsWith(`${other.recorded}/`)));
}

/** The construct path read now; a node that throws or reports no text (a caller's Proxy on an ancestor) has none. */
function pathNow(construct: IConstruct): string | undefined {
  try {
    const path: unknown = construct.node.path;
    return typeof path === 'string' ? path : undefined;
  } catch {
    return undefined;
  }
}
