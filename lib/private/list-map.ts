/**
 * Adds an item to the list a map holds under a key, in place. Copying the list at every item
 * (`[...(map.get(key) ?? []), item]`) takes quadratic time: thousands of blocks of one name in a
 * hand-written stack stalled `check` for minutes (eleventh review, A11b-8).
 */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}
