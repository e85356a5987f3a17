// The password readers of value-readers.ts (plainTextPassword, fromReferencesOnly) on values the evaluator reads from a stack, with
// the stack as their scope: whole messages for each path (an echoed argument, a block read whole, choices, wrappers, templates, the
// depth bound). The eighth mutation pass (docs/mutation-testing.md): each test pins a behaviour a surviving mutant changed.
import { EchoScope } from '../../../../lib/checks/echoed-arguments';
import { Unknown } from '../../../../lib/checks/hcl-expression';
import { fail, notApplicable, PASS, unknown } from '../../../../lib/checks/rule';
import { buildStackModel, ServerView, TerraformBlock } from '../../../../lib/checks/stack-model';
import { attributeEquals, fromReferencesOnly, outsideStack, plainTextPassword } from '../../../../lib/checks/value-readers';

/** A stack whose `local_file.probe` writes `expression` as its content, beside `resources`. */
function probe(expression: string, resources: object = {}) {
  const model = buildStackModel({ resource: { local_file: { probe: { filename: 'f', content: expression } }, ...resources }, variable: { p: {} } });
  const scope: EchoScope = { stack: { resources: model.resources, lookups: model.lookups } };
  return { value: model.resources.get('local_file.probe')!.config.content, scope };
}

/** plainTextPassword of `expression`, naming "the secret". */
function problem(expression: string, resources: object = {}): string | undefined {
  const { value, scope } = probe(expression, resources);
  return plainTextPassword(value, 'the secret', scope);
}

const HOLDERS = { terraform_data: { pw: { input: 's3cret' }, ref: { input: '${var.p}' }, nul: { input: null }, mix: { input: ['${var.p}', 'lit'] } } };
const ECHOED = (reference: string) => `reads ${reference}, an argument the stack writes with literal text, so the secret may be written in the configuration`;
const NOT_ONE = 'is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of the secret may be written in the configuration';

describe('a plain reference to a written argument is read as that argument', () => {
  test.each<[string, string | undefined]>([
    ['${terraform_data.pw.output}', ECHOED('terraform_data.pw.output')],
    ['${sensitive(terraform_data.pw.output)}', ECHOED('terraform_data.pw.output')],
    ['${var.b ? terraform_data.pw.output : var.p}', ECHOED('terraform_data.pw.output')],
    ['${var.b ? var.p : terraform_data.pw.output}', ECHOED('terraform_data.pw.output')],
    ['${terraform_data.mix.output[1]}', ECHOED('terraform_data.mix.output[1]')],
    ['${terraform_data.mix.output[0]}', undefined],
    ['${terraform_data.ref.output}', undefined],
    ['${terraform_data.nul.output}', undefined],
    // 85th run, A85c-2: an ID is no secret, whatever the block writes.
    ['${terraform_data.pw.id}', 'reads terraform_data.pw.id, an ID, name, host, address or public key (id): no secret, so the secret may be written in the configuration'],
    ['${terraform_data.ref.output}${terraform.workspace}', 'reads terraform.workspace, the name of the Terraform workspace: no secret, so the secret may be written in the configuration'],
    [
      '${terraform_data.pw}',
      'terraform_data.pw whole or by an attribute known only later, which the checks do not follow, so the secret may be written in the configuration',
    ],
  ])('%s', (expression, expected) => {
    expect(problem(expression, HOLDERS)).toBe(expected);
  });

  test('an echo of a reference that is itself an echo of a block read whole names the inner reason', () => {
    const resources = { terraform_data: { pw: { input: 's3cret' }, outer: { input: '${terraform_data.pw}' } } };
    expect(problem('${terraform_data.outer.output}', resources)).toBe(
      'terraform_data.pw whole or by an attribute known only later, which the checks do not follow, so the secret may be written in the configuration',
    );
  });
});

describe('wrappers, choices and templates', () => {
  test.each<[string, string | undefined]>([
    ['${sensitive(var.p)}', undefined],
    ['${sensitive (var.p)}', undefined],
    ['${sensitive(var.p) }', undefined],
    ['${sensitive(sensitive(var.p))}', undefined],
    ['${coalesce(var.p, null)}', undefined],
    ['${var.b ? var.p : null}', undefined],
    ['${var.p}${""}', undefined],
    ['${sensitive(var.p)} ', NOT_ONE],
    ['${sensitive(var.p, var.q)}', NOT_ONE],
    ['${Sensitive(var.p)}', NOT_ONE],
    ['${sensitive(var.p)[0]}', NOT_ONE],
    ['${var.p}x', NOT_ONE],
    ['${var.p + 1}', NOT_ONE],
    ['lit', 'is a literal, so the secret is written in the configuration'],
    ['${sensitive()}', 'is built only from constants, so the secret is written in the configuration'],
  ])('%s', (expression, expected) => {
    expect(problem(expression)).toBe(expected);
  });

  test('the secret is "the password" unless named', () => {
    expect(plainTextPassword('x')).toBe('is a literal, so the password is written in the configuration');
    const { value } = probe('${var.p}x');
    expect(plainTextPassword(value)).toBe('is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of the password may be written in the configuration');
  });
});

describe('values followed inside one another: at most 32 deep, deeper fails closed, saying so (50th run, A50a-10)', () => {
  const DEEP = 'reads values through more than 32 others, deeper than the checks follow, so the secret may be written in the configuration';
  const wrapped = (n: number) => `\${${'sensitive('.repeat(n)}var.p${')'.repeat(n)}}`;
  test.each([[31, undefined], [32, undefined], [33, DEEP]])('%i wrappers', (n, expected) => {
    expect(problem(wrapped(n))).toBe(expected);
    expect(fromReferencesOnly(probe(wrapped(n)).value)).toBe(expected === undefined);
  });

  // terraform_data.t0 echoes t1, … the last echoes var.p.
  const chain = (n: number) => ({ terraform_data: Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, { input: i === n - 1 ? '${var.p}' : `\${terraform_data.t${i + 1}.output}` }])) });
  test.each([[32, undefined], [33, DEEP]])('a chain of %i echoes', (n, expected) => {
    expect(problem('${terraform_data.t0.output}', chain(n))).toBe(expected);
  });
});

describe('expressions that are no wrapper of references', () => {
  test.each<[string, string | undefined]>([
    // An item of an empty collection by a key known only later: no value the checks know, read as the expression it is.
    ['${local.empty[var.k]}', NOT_ONE],
    // Text before the call.
    ['${x sensitive(var.p)}', NOT_ONE],
    ['${-sensitive(var.p)}', NOT_ONE],
    ['${(sensitive(var.p))}', undefined],
    ['${[sensitive(var.p)][0]}', undefined],
  ])('%s', (expression, expected) => {
    const model = buildStackModel({ resource: { local_file: { probe: { filename: 'f', content: expression } } }, variable: { p: {}, k: {} }, locals: { empty: {} } });
    expect(plainTextPassword(model.resources.get('local_file.probe')!.config.content, 'the secret')).toBe(expected);
  });
});

describe('server attributes', () => {
  const server = (config: TerraformBlock, defined = true) => ({ defined, config }) as unknown as ServerView;
  test('outsideStack: not applicable to a server defined outside this stack only', () => {
    expect(outsideStack(server({}, false))).toEqual(notApplicable('the server is defined outside this stack'));
    expect(outsideStack(server({}))).toBeUndefined();
  });

  test('attributeEquals compares as Terraform converts to the expected type, and says why it fails', () => {
    expect(attributeEquals(server({}, false), 'a', true)).toEqual(notApplicable('the server is defined outside this stack'));
    expect(attributeEquals(server({}), 'ssl_enforcement_enabled', true)).toEqual(fail('ssl_enforcement_enabled is not set (it must be true).'));
    expect(attributeEquals(server({}), 'a', 'x', 'a is missing.')).toEqual(fail('a is missing.'));
    expect(attributeEquals(server({ a: new Unknown('var.a', ['var.a']) }), 'a', true)).toEqual(unknown('a is known only at apply time'));
    expect(attributeEquals(server({ a: 'true' }), 'a', true)).toEqual(PASS);
    expect(attributeEquals(server({ a: '1' }), 'a', true)).toEqual(PASS);
    expect(attributeEquals(server({ a: false }), 'a', true)).toEqual(fail('a is false, not true.'));
    expect(attributeEquals(server({ a: 'true' }), 'a', 'true')).toEqual(PASS);
    expect(attributeEquals(server({ a: true }), 'a', 'true')).toEqual(PASS);
    expect(attributeEquals(server({ a: 1.2 }), 'a', '1.2')).toEqual(PASS);
    expect(attributeEquals(server({ a: 'TLS1_2' }), 'a', 'TLS1_3')).toEqual(fail('a is "TLS1_2", not "TLS1_3".'));
  });
});
