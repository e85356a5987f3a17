import { postgresNameProblem } from '../../../lib/private/postgres-name';

// The names the library takes for PostgreSQL roles and schemas (its own, and the role Azure makes
// of an Entra administrator's name).

test('a name of 1-63 bytes of visible characters, spaces inside, passes', () => {
  for (const name of ['a', 'orders_app', 'x'.repeat(63), 'é'.repeat(31), 'db admins@contoso.com', 'Équipe données', 'a$b', 'a%b', '{a}', 'a$ {b}']) expect(postgresNameProblem(name)).toBeUndefined();
});

test.each([
  ['', 'is empty or longer than 63 bytes'],
  ['x'.repeat(64), 'is empty or longer than 63 bytes'],
  ['é'.repeat(32), 'is empty or longer than 63 bytes'],
  ['a"b', 'holds a double quote or a control character'],
  ['a\nb', 'holds a double quote or a control character'],
  ['a\u007fb', 'holds a double quote or a control character'],
  // Terraform evaluates a template in any string: the role made would be azure_pg_admin, or what a variable holds (adversarial run of stop 67).
  ['azure_pg_%{if true}admin%{endif}', 'holds "${" or "%{", a template Terraform evaluates at apply time: the name it makes is not the one judged at synth'],
  ['${var.tenant}', 'holds "${" or "%{", a template Terraform evaluates at apply time: the name it makes is not the one judged at synth'],
  ['a$${b', 'holds "${" or "%{", a template Terraform evaluates at apply time: the name it makes is not the one judged at synth'],
  ['a\u0085b', 'holds U+0085, an invisible or bidirectional character, with which the name reads like another'],
  ['admins\u200b', 'holds U+200B, an invisible or bidirectional character, with which the name reads like another'],
  ['db-\u202esnimda', 'holds U+202E, an invisible or bidirectional character, with which the name reads like another'],
  ['a\u3164b', 'holds U+3164, an invisible or bidirectional character, with which the name reads like another'],
  [' admins', 'starts or ends with a space'],
  ['admins\u00a0', 'starts or ends with a space'],
  ['sa\u200ales', 'holds U+200A, a space other than U+0020, with which the name reads like another'],
  ['db\u3000admins', 'holds U+3000, a space other than U+0020, with which the name reads like another'],
])('%j: %s', (name, problem) => {
  expect(postgresNameProblem(name)).toBe(problem);
});

test('every Unicode space separator but U+0020 inside a name is refused: a reader cannot tell it from a space, or sees nothing (eleventh review, A11a-7)', () => {
  const spaces = Array.from({ length: 0x110000 }, (_, code) => String.fromCodePoint(code)).filter((c) => /\p{Zs}/u.test(c) && c !== ' ');
  expect(spaces.length).toBeGreaterThanOrEqual(16);
  for (const space of spaces) expect(postgresNameProblem(`db${space}admins`)).toMatch(/, a space other than U\+0020, /);
  expect(postgresNameProblem('db admins')).toBeUndefined();
});
