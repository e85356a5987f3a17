import { JsonSyntaxError, parseTerraformJson } from '../../lib/checks/terraform-json';

// The JSON reader of the check command, past the basics of terraform-json.test.ts: it must read
// every file JSON.parse reads the same way, and refuse what JSON.parse refuses.

test.each([
  ' \t\r\n{ "a" : [ 1 , { } , [ ] ] , "b" : "x y" } \n',
  '{"a\\u0041\\"": "\\\\ \\/ \\b\\f\\n\\r\\t"}',
  '[0, -0.5, 10, 1E2, 2e-2, 3e+1, "", {"x": null}]',
  '{"toString": 1, "constructor": 2, "hasOwnProperty": 3}',
])('reads %j as JSON.parse does', (text) => {
  expect(parseTerraformJson(text)).toEqual(JSON.parse(text));
});

test('merges a repeated property whatever the form of each value', () => {
  expect(parseTerraformJson('{"k": 1, "k": [2, 3], "other": 4}')).toEqual({ k: [1, 2, 3], other: 4 });
});

test('a byte order mark is ignored only at the start', () => {
  expect(() => parseTerraformJson('{"a": 1}\ufeff')).toThrow(new JsonSyntaxError('unexpected text after the JSON value at line 1, column 9'));
});

test.each([
  ['{"a": 1 "b": 2}', 'expected "," or "}" at line 1, column 9'],
  ['{"a": 1', 'expected "," or "}" at line 1, column 8'],
  ['[1', 'expected "," or "]" at line 1, column 3'],
  ['01', 'unexpected text after the JSON value at line 1, column 2'],
  ['-', 'unexpected character "-" at line 1, column 1'],
  ['.5', 'unexpected character "." at line 1, column 1'],
  ['{\n  "a": [\n    1,\n    x\n  ]\n}', 'unexpected character "x" at line 4, column 5'],
  ['"a\u001fb"', 'control character in a string at line 1, column 3'],
  ['{1: 2}', 'expected a property name at line 1, column 2'],
])('refuses %j: %s', (text, message) => {
  expect(() => parseTerraformJson(text)).toThrow(JsonSyntaxError);
  expect(() => parseTerraformJson(text)).toThrow(new JsonSyntaxError(message));
});
