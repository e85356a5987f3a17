import { evaluateStack } from '../../lib/checks/evaluate';
import { evaluateTemplate, isUnknown, Unknown, Value } from '../../lib/checks/hcl-expression';
import { MAX_LOCAL_DEPTH } from '../../lib/checks/locals-evaluation';
import { rule as publicAccess } from '../../lib/checks/rules/PGF-NET-1';
import { localsScope } from '../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';
import { workGrowth } from '../support/work-count';

// Terraform evaluates locals as a graph: a chain of any length is valid, and the evaluator must read
// it without nesting one local's evaluation in another's, which overflowed the call stack at about
// 400 links (eleventh review, A11b-5).

/** Locals l0 to l<count - 1>, l0 the given value and each other one `link` of the one before. */
function chain(count: number, first: unknown, link: (previous: string) => unknown): { [name: string]: unknown } {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`l${i}`, i === 0 ? first : link(`local.l${i - 1}`)]));
}

/** What `${local.<name>}` reads as among the given locals. */
function read(locals: { [name: string]: unknown } | { [name: string]: unknown }[], name: string): Value {
  return evaluateTemplate(`\${local.${name}}`, localsScope([{ locals }], []));
}

describe('chains of locals of any length are read to their end', () => {
  test.each<[string, (previous: string) => unknown, Value]>([
    ['a plain reference', (previous) => `\${${previous}}`, 'off'],
    ['a function call', (previous) => `\${lower(${previous})}`, 'off'],
    ['a conditional', (previous) => `\${true ? ${previous} : "on"}`, 'off'],
    ['an index into a list', (previous) => `\${[${previous}][0]}`, 'off'],
    ['an attribute of an object', (previous) => ({ v: `\${${previous}.v}` }), { v: 'off' }],
    ['a template', (previous) => `\${${previous}}-`, `off${'-'.repeat(4_999)}`],
  ])('5,000 links, each %s', (_name, link, end) => {
    const first = typeof end === 'object' ? { v: 'off' } : 'off';
    expect(read(chain(5_000, first, link), 'l4999')).toEqual(end);
  });

  test('the links in any order: each local declared before the one it reads', () => {
    const locals = Object.fromEntries(Object.entries(chain(20_000, false, (previous) => `\${${previous}}`)).reverse());
    expect(read(locals, 'l19999')).toBe(false);
  });

  test('locals of several blocks, a later block read by an earlier one', () => {
    expect(read([{ a: '${local.b}' }, { b: '${local.c}' }, { c: 'TLSv1.2' }], 'a')).toBe('TLSv1.2');
  });

  test('a reference at the chain\'s start stays a reference', () => {
    const value = read(chain(5_000, '${var.public}', (previous) => `\${${previous}}`), 'l4999');
    expect(isUnknown(value) && value.references).toEqual(['var.public']);
  });
});

describe('a cycle of locals (Terraform refuses it) is Unknown, never a loop or an overflow', () => {
  test.each<[string, { [name: string]: unknown }, string]>([
    ['a local that reads itself', { a: '${local.a}' }, '"${local.a}"'],
    ['two locals that read each other', { a: '${local.b}', b: '${local.a}' }, '"${local.a}"'],
    ['a ring of 20,000', chain(20_000, '${local.l19999}', (previous) => `\${${previous}}`), '"${local.l0}"'],
    ['a cycle through a list and an object', { a: ['${local.b}'], b: { x: '${local.a}' } }, '[{"x":"${local.a}"}]'],
  ])('%s', (_name, locals, written) => {
    expect(JSON.stringify(read(locals, Object.keys(locals)[0]))).toBe(written);
  });

  test('a local outside the cycle that reads it is Unknown too', () => {
    expect(isUnknown(read({ a: '${local.b}', b: '${local.a}', c: '${!local.a}' }, 'c'))).toBe(true);
  });
});

describe('a local whose value nests too deep or holds too much is Unknown', () => {
  test('each link wrapping the one before in a list: as deep as a stack file may nest, then Unknown', () => {
    const locals = chain(MAX_LOCAL_DEPTH + 3, '${var.x}', (previous) => [`\${${previous}}`]);
    expect(isUnknown(read(locals, `l${MAX_LOCAL_DEPTH}`))).toBe(false);
    const deep = read(locals, `l${MAX_LOCAL_DEPTH + 1}`) as Unknown;
    expect(deep).toBeInstanceOf(Unknown);
    // Still reads what its parts read.
    expect(deep.references).toEqual([`local.l${MAX_LOCAL_DEPTH + 1}`, 'var.x']);
    expect(JSON.stringify(read(locals, `l${MAX_LOCAL_DEPTH + 2}`))).toBe(`["\${local.l${MAX_LOCAL_DEPTH + 1}}"]`);
  });

  test('each link holding the one before twice (2^64 items as a tree) is Unknown past a million items, each shared value measured once', () => {
    const doubling = (links: number) => chain(links, 'on', (previous) => ({ left: `\${${previous}}`, right: `\${${previous}}` }));
    const locals = doubling(64);
    // l<n> holds 2^(n+1) - 1 items.
    expect(isUnknown(read(locals, 'l18'))).toBe(false);
    expect(String(read(locals, 'l19'))).toBe('${local.l19}');
    expect(JSON.stringify(read(locals, 'l20'))).toBe('{"left":"${local.l19}","right":"${local.l19}"}');
    // Counted, not timed (test/support/work-count.ts), on chains of 4, 8 and 16 links (under the bound): doubling the links
    // adds about twice the work the doubling before added when each shared value is measured once; measuring each local's
    // value afresh adds about 4 times, walking it as a tree (2^(n+1) items at link n) thousands of times.
    expect(workGrowth(doubling, (links) => localsScope([{ locals: links }], []), 4)).toBeLessThan(2.5);
  });
});

describe('judged through a chain of 1,000 locals, as Terraform reads it', () => {
  const statuses = (end: unknown) => evaluateStack({
    locals: chain(1_000, end, (previous) => `\${${previous}}`),
    resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ public_network_access_enabled: '${local.l999}' }) } },
  }, [publicAccess]).findings.map(({ status }) => status);

  test('public access read as false passes; as true, or a variable, fails', () => {
    expect(statuses(false)).toEqual(['pass']);
    expect(statuses(true)).toEqual(['fail']);
    expect(statuses('${var.public}')).toEqual(['fail']);
  });
});
