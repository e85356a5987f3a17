/**
 * One reading's answers by reference, while a reader follows references through what blocks of the stack write (echoed-arguments.ts
 * echoOf). A lookup that may find several blocks, each copying another such lookup, makes paths that multiply with every layer, over a
 * handful of references (50th run, A50a-9: 27 s for 49 blocks): a reference met again is answered once, so the work grows with the
 * references, not with the paths. One met again while it is still being read is a cycle (blocks copying lookups that may find each
 * other): it is answered `cycle`, for the first reading of it goes on to every value it may give. The answers live while the
 * outermost reading runs: the next one may read another stack or scope.
 */
export class ReadingMemo<T> {
  private readings: Map<string, { readonly value: T } | { readonly error: unknown } | 'reading'> | undefined;

  /** `read()` for `key`, or what it gave (or threw) before in this reading; `cycle` while it is still being read. */
  public read(key: string, cycle: T, read: () => T): T {
    const outermost = this.readings === undefined;
    const readings = (this.readings ??= new Map());
    try {
      const known = readings.get(key);
      if (known === 'reading') return cycle;
      if (known !== undefined) {
        if ('error' in known) throw known.error;
        return known.value;
      }
      readings.set(key, 'reading');
      try {
        const value = read();
        readings.set(key, { value });
        return value;
      } catch (error) {
        readings.set(key, { error });
        throw error;
      }
    } finally {
      if (outermost) this.readings = undefined;
    }
  }
}
