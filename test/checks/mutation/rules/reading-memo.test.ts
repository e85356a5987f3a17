// One reading's answers by reference (reading-memo.ts ReadingMemo): each key read once while the outermost reading runs, a key met
// again while it is read is the cycle answer, an error is thrown again, and the next outermost reading starts afresh.
import { ReadingMemo } from '../../../../lib/checks/reading-memo';

describe('ReadingMemo', () => {
  test('a key met again in one reading is read once', () => {
    const memo = new ReadingMemo<number>();
    const reads: string[] = [];
    const read = (key: string, inner: () => number): number => memo.read(key, -1, () => {
      reads.push(key);
      return inner();
    });
    expect(read('a', () => read('b', () => 2) + read('b', () => 99) + read('c', () => read('b', () => 99)))).toBe(6);
    expect(reads).toEqual(['a', 'b', 'c']);
  });
  test('a key met again while it is read is a cycle', () => {
    const memo = new ReadingMemo<string>();
    const read = (key: string, next: string): string => memo.read(key, 'cycle', () => `${key}>${read(next, key)}`);
    expect(read('a', 'b')).toBe('a>b>cycle');
  });
  test('the next outermost reading reads again', () => {
    const memo = new ReadingMemo<number>();
    let calls = 0;
    expect(memo.read('a', -1, () => ++calls)).toBe(1);
    expect(memo.read('a', -1, () => ++calls)).toBe(2);
  });
  test('an error is thrown again when the key is met again, and the reading ends with it', () => {
    const memo = new ReadingMemo<number>();
    let calls = 0;
    const failing = () => {
      calls++;
      throw new Error('unplaced');
    };
    expect(() => memo.read('outer', -1, () => {
      expect(() => memo.read('x', -1, failing)).toThrow('unplaced');
      return memo.read('x', -1, failing);
    })).toThrow('unplaced');
    expect(calls).toBe(1);
    expect(memo.read('x', -1, () => 7)).toBe(7);
  });
});
