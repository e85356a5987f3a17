// Two patterns read side by side (given-objects.ts's variable texts, public-name-shadows.ts's globs): whether they may spell one
// text is a search of the pairs of positions both may be at together, each pair seen once, from both starts to both ends.

/** The pairs of positions a pair may move on to (each position at most its pattern's length). */
export type PairSteps = (i: number, j: number) => readonly (readonly [number, number])[];

/** Whether the search from (0, 0) reaches (ends[0], ends[1]), moving by `next`. */
export function pairsReach(ends: readonly [number, number], next: PairSteps): boolean {
  const seen = new Set<number>();
  const width = ends[1] + 1;
  const pending: (readonly [number, number])[] = [[0, 0]];
  while (pending.length > 0) {
    const [i, j] = pending.pop()!;
    if (seen.has(i * width + j)) continue;
    seen.add(i * width + j);
    if (i === ends[0] && j === ends[1]) return true;
    pending.push(...next(i, j));
  }
  return false;
}
