import { holdsTemplateSequence } from '../../../lib/private/template-text';

// What Terraform reads as a template in a string of its JSON configuration, and its escapes.

test('"${" and "%{" are template sequences, and so are their escapes', () => {
  for (const text of ['${var.x}', 'a%{if true}b%{endif}', 'a$${b}', 'a%%{b}', '${']) expect(holdsTemplateSequence(text)).toBe(true);
});

test('a lone "$" or "%", or a brace without one, is plain text', () => {
  for (const text of ['', 'sales', '$ {x}', '% {x}', '{x}', '50%', 'a$b', '$}{']) expect(holdsTemplateSequence(text)).toBe(false);
});
