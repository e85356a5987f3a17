import { bodiesOf, JsonSyntaxError, parseTerraformJson, propertyLines } from '../../lib/checks/terraform-json';
import { workGrowth } from '../support/work-count';

test('parses JSON as JSON.parse does', () => {
  const text = JSON.stringify({ a: [1, -2.5e3, true, false, null, 'x\n"y"\u00e9'], b: { c: {} }, d: [] });
  expect(parseTerraformJson(text)).toEqual(JSON.parse(text));
});

test('ignores a UTF-8 byte order mark', () => {
  expect(parseTerraformJson('\ufeff{"resource": {}}')).toEqual({ resource: {} });
});

test('keeps both values of a repeated property, as HCL does, in one list', () => {
  const text = '{"resource": {"a": {"x": {}}}, "resource": {"b": {"y": {}}}}';
  expect(parseTerraformJson(text)).toEqual({ resource: [{ a: { x: {} } }, { b: { y: {} } }] });
  expect(parseTerraformJson('{"k": [1], "k": 2, "k": [3]}')).toEqual({ k: [1, 2, 3] });
});

// Counted, not timed (test/support/work-count.ts): doubling the repetitions adds twice the work the doubling before added, 4 times with a copy per repetition.
test('a repeated property is read with work linear in its repetitions (a copy per repetition took minutes: A10b-3)', () => {
  const repeated = (times: number) => `{${Array.from({ length: times }, (_, i) => `"resource": {"r": {"a${i}": {}}}`).join(',')}, "k": [1], "k": 2}`;
  expect(workGrowth(repeated, parseTerraformJson, 2_500)).toBeLessThan(2.5);
  const parsed = parseTerraformJson(repeated(40000)) as { resource: unknown[]; k: unknown[] };
  expect(parsed.resource).toHaveLength(40000);
  expect(parsed.resource[39999]).toEqual({ r: { a39999: {} } });
  expect(parsed.k).toEqual([1, 2]);
});

test('a property named __proto__ is an ordinary property', () => {
  const parsed = parseTerraformJson('{"__proto__": {"polluted": true}}') as { [key: string]: unknown };
  expect(Object.keys(parsed)).toEqual(['__proto__']);
  expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
});

test.each([
  ['', 'unexpected end of input at line 1, column 1'],
  ['{', 'expected a property name at line 1, column 2'],
  ['{"a" 1}', 'expected ":" at line 1, column 6'],
  ['{"a": 1,}', 'expected a property name at line 1, column 9'],
  ['[1 2]', 'expected "," or "]" at line 1, column 4'],
  ['{"a": 1}\n x', 'unexpected text after the JSON value at line 2, column 2'],
  ['"\u0001"', 'control character in a string at line 1, column 2'],
  ['"\\q"', 'invalid escape in a string at line 1, column 5'],
  ['tru', 'unexpected character "t" at line 1, column 1'],
  ['"abc', 'unterminated string at line 1, column 5'],
])('refuses %j: %s', (text, message) => {
  expect(() => parseTerraformJson(text)).toThrow(new JsonSyntaxError(message));
});

test('bodiesOf reads an object or a list of them as HCL bodies', () => {
  expect(bodiesOf({ a: 1 })).toEqual([{ a: 1 }]);
  expect(bodiesOf([{ a: 1 }, [{ b: 2 }]])).toEqual([{ a: 1 }, { b: 2 }]);
});

test('propertyLines gives the line of every property by JSON pointer, the first of a repeated one', () => {
  const text = '\ufeff{\r\n  "resource": {\n    "t": [\n      {"a": {}},\n\n      {"b": {"x": 1}}\n    ]\n  },\n  "resource": {"t": {"a": {}}},\n  "a~/b": 2\n}';
  expect([...propertyLines(text)]).toEqual([
    ['/resource', 2],
    ['/resource/t', 3],
    ['/resource/t/0/a', 4],
    ['/resource/t/1/b', 6],
    ['/resource/t/1/b/x', 6],
    ['/resource/t/a', 9],
    ['/a~0~1b', 10],
  ]);
});
