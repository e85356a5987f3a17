// Where a connection string reads a secret back from an argument the stack writes (connection-secrets.ts piecesOf, echoedPieces,
// echoedTexts, textsIn over echoed-arguments.ts echoOf), on values the evaluator reads from a stack, with the stack as their scope:
// whole reasons for each path. The eighth mutation pass (docs/mutation-testing.md): each case pins a behaviour a mutant changed.
import { secretInConnectionString } from '../../../../lib/checks/connection-secrets';
import { EchoScope } from '../../../../lib/checks/echoed-arguments';
import { buildStackModel } from '../../../../lib/checks/stack-model';

/** Blocks that write arguments the connection strings read back. */
const HOLDERS = {
  terraform_data: {
    pw: { input: 's3cret' },
    ref: { input: '${var.p}' },
    num: { input: 31415926 },
    bool: { input: true },
    nul: { input: null },
    list: { input: ['a', 'b'] },
    obj: { input: { k: 'v' } },
    kw: { input: 'password=x' },
    sp: { input: 'a b' },
    inner: { input: '${terraform_data.pw.output}' },
    innerref: { input: '${terraform_data.ref.output}' },
    whole: { input: '${terraform_data.pw}' },
    call: { input: '${lower(var.p)}' },
    callt: { input: '${lower("password=x")}' },
    mk: { input: { k: 'pub' } },
  },
};

/** secretInConnectionString of `expression`, written by `local_file.probe` beside HOLDERS and `resources`. */
function secret(expression: string, resources: object = {}): string | undefined {
  const model = buildStackModel({ resource: { local_file: { probe: { filename: 'f', content: expression } }, ...HOLDERS, ...resources }, variable: { p: {}, h: {}, m: {}, b: {}, n: {} } });
  const scope: EchoScope = { stack: { resources: model.resources, lookups: model.lookups } };
  return secretInConnectionString(model.resources.get('local_file.probe')!.config.content, scope);
}

const WRITES = 'writes its password as text, so it is in the configuration';
const UNREADABLE = 'is an expression the checks do not read, so a password written in it cannot be ruled out';

describe('a reference in a connection string is the text of the argument it reads back', () => {
  test.each<[string, string | undefined]>([
    ['password=${terraform_data.pw.output}', WRITES],
    ['password=${terraform_data.num.output}', WRITES],
    ['password=${terraform_data.bool.output}', WRITES],
    ['password=${terraform_data.inner.output}', WRITES],
    ['password=${terraform_data.callt.output}', WRITES],
    ['password=${var.b ? terraform_data.pw.output : var.p}', WRITES],
    ['password=${var.b ? var.p : terraform_data.pw.output}', WRITES],
    // The echoed text spells a setting of its own.
    ['host=h ${terraform_data.kw.output}', WRITES],
    ['password=${terraform_data.ref.output}', undefined],
    ['password=${terraform_data.innerref.output}', undefined],
    ['password=${terraform_data.nul.output}', undefined],
    ['password=${terraform_data.call.output}', undefined],
    // 85th run, A85c-2: an ID is no secret, whatever the block writes.
    ['password=${terraform_data.pw.id}', 'reads its password from text anyone can tell (a workspace\'s name, a path, an ID, a name, a host), so it is no secret'],
    ['host=${terraform_data.pw.id}', undefined],
    ['host=${terraform_data.sp.output}', undefined],
    // A list, an object or a block read whole cannot be placed in the text.
    ['password=${terraform_data.list.output}', UNREADABLE],
    ['password=${terraform_data.obj.output}', UNREADABLE],
    ['password=${terraform_data.whole.output}', UNREADABLE],
  ])('%s', (expression, expected) => {
    expect(secret(expression)).toBe(expected);
  });
});

describe('an argument read back inside a call is literal text of the call', () => {
  test.each<[string, string | undefined]>([
    // Text that spells no setting, a number, a boolean or nothing, in a host: no secret.
    ['host=${lookup(terraform_data.pw.output, "k")}', undefined],
    ['host=${lookup(terraform_data.num.output, "k")}', undefined],
    ['host=${lookup(terraform_data.bool.output, "k")}', undefined],
    ['host=${lookup(terraform_data.nul.output, "k")}', undefined],
    ['host=${lookup(terraform_data.inner.output, "k")}', undefined],
    ['host=${lookup(terraform_data.call.output, "k")}', undefined],
    ['host=${lookup(var.m, terraform_data.ref.output)}', undefined],
    // Literal text read back is somewhere in a password.
    ['password=${lookup(terraform_data.pw.output, "k")}', UNREADABLE],
    // Text that may spell a setting, a value the checks cannot read as text (an object, a block read whole).
    ['host=${lookup(terraform_data.callt.output, "k")}', UNREADABLE],
    ['host=${lookup(terraform_data.kw.output, "k")}', UNREADABLE],
    ['host=${lookup(terraform_data.obj.output, "k")}', UNREADABLE],
    ['host=${lookup(terraform_data.mk.output, "k")}', UNREADABLE],
    ['host=${lookup(terraform_data.whole.output, "k")}', UNREADABLE],
  ])('%s', (expression, expected) => {
    expect(secret(expression)).toBe(expected);
  });
});

describe('values read through one another: at most 32 deep, deeper cannot be placed', () => {
  // terraform_data.t0 echoes t1, … the last writes `last`.
  const chain = (n: number, last: string) => ({ terraform_data: { ...HOLDERS.terraform_data, ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, { input: i === n - 1 ? last : `\${terraform_data.t${i + 1}.output}` }])) } });
  test.each<[number, string, string | undefined]>([
    [31, '${var.p}', undefined],
    [32, '${var.p}', UNREADABLE],
    [31, 's3cret', WRITES],
  ])('a password through a chain of %i echoes of %s', (n, last, expected) => {
    expect(secret('password=${terraform_data.t0.output}', chain(n, last))).toBe(expected);
  });
  test.each<[number, string | undefined]>([
    [31, undefined],
    [32, UNREADABLE],
  ])('a host reading a chain of %i echoes in a call', (n, expected) => {
    expect(secret('host=${lookup(terraform_data.t0.output, "k")}', chain(n, 'pub'))).toBe(expected);
  });
});

describe('choices and readings', () => {
  const choice = '${var.b ? var.p : var.h}';
  test.each<[string, string | undefined]>([
    ['password=${var.b ? var.p : null}', undefined],
    ['password=${var.b ? var.p : 12345}', WRITES],
    ['password=${var.b ? var.p : true}', WRITES],
    ['password=${var.b ? var.p : ["x"]}', UNREADABLE],
    // 2^8 readings are read; 2^9 are too many: not placed.
    [`password=${choice.repeat(8)}`, undefined],
    [`password=${choice.repeat(9)}`, UNREADABLE],
    [`password=x${choice.repeat(8)}`, 'writes part of its password as text, so it is in the configuration'],
  ])('%s', (expression, expected) => {
    expect(secret(expression)).toBe(expected);
  });

  test('a null read back inside a call is no text', () => {
    const resources = { terraform_data: { ...HOLDERS.terraform_data, ln: { input: ['x', null] } } };
    expect(secret('host=${lookup(terraform_data.ln.output[1], "k")}', resources)).toBeUndefined();
  });
});
