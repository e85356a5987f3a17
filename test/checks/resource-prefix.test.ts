// 88th run, A88a-4. Terraform reads `resource.<type>.<name>` as the managed resource `<type>.<name>` in any expression (the
// prefix lets a type that is also a keyword be named), but the rules read references by their text, and a generated password read
// as `resource.random_password.<name>.result` was no read of it: its copies and printed outputs passed PG-IAM-4. The prefix is now
// dropped where every reference is made canonical (reference-spelling.ts), in templates and in depends_on/replace_triggered_by.
import { canonicalReferences, canonicalTemplate } from '../../lib/checks/reference-spelling';
import { rule } from '../../lib/checks/rules/PG-IAM-4';
import { madeAt, passwordStackFindings } from './beside-fixtures';

describe('canonicalTemplate: the resource. prefix', () => {
  test.each([
    ['${resource.random_password.p.result}', '${random_password.p.result}'],
    ['${nonsensitive(resource . random_password . p . result)}', '${nonsensitive(random_password.p.result)}'],
    ['${resource.random_password.p["a"].result}', '${random_password.p["a"].result}'],
    ['${resource.azurerm_key_vault_secret.s[0].value}', '${azurerm_key_vault_secret.s[0].value}'],
    ['${resource.random_password.p}', '${random_password.p}'],
    ['x=${jsonencode({ a = resource.random_password.p.result })}', 'x=${jsonencode({ a = random_password.p.result })}'],
  ])('%s is read as %s', (written, canonical) => {
    expect(canonicalTemplate(written)).toBe(canonical);
  });

  test.each([
    ['a prefix with no type after it', '${resource}'],
    ['a type with no name after it', '${resource.random_password}'],
    ['a step named resource', '${local.resource.random_password.p}'],
    ['a variable named resource', '${var.resource.a.b}'],
    ['a type whose name ends in resource', '${azapi_resource.x.output}'],
    ['text outside an interpolation', 'resource.random_password.p.result'],
  ])('%s stays as written', (_name, written) => {
    expect(canonicalTemplate(written)).toBe(written);
  });

  test('depends_on and replace_triggered_by entries, bare references in JSON, are read in the same spelling', () => {
    expect(canonicalReferences({ depends_on: ['resource.random_password.p', 'azurerm_x . y', 'null_resource.n'], lifecycle: { replace_triggered_by: ['resource.terraform_data.t.output'] } }))
      .toEqual({ depends_on: ['random_password.p', 'azurerm_x.y', 'null_resource.n'], lifecycle: { replace_triggered_by: ['terraform_data.t.output'] } });
    const unchanged = { depends_on: ['random_password.p'] };
    expect(canonicalReferences(unchanged)).toBe(unchanged);
  });
});

describe('PG-IAM-4 in the pack: the construct\'s password read with the resource. prefix', () => {
  const GENERATOR = 'random_password.admin';
  const beside = (block: { [key: string]: unknown }) => ({ ...madeAt('stack/copy'), ...block });
  const judged = (sections: { [section: string]: unknown }) => passwordStackFindings(rule, sections);

  test('fails a copy into a file, another vault and an app setting, and an output printed in clear', () => {
    expect(judged({
      resource: {
        local_file: { f: beside({ filename: 'pw', content: `\${resource.${GENERATOR}.result}` }) },
        azurerm_linux_web_app: { app: beside({ app_settings: { PGPASSWORD: `\${resource . ${GENERATOR}.result}` } }) },
        null_resource: { whole: beside({ triggers: { all: `\${jsonencode(resource.${GENERATOR})}` } }) },
      },
      output: { leak: { value: `\${nonsensitive(resource.${GENERATOR}.result)}` } },
    })).toEqual([
      ['fail', 'azurerm_linux_web_app.app'], ['fail', 'local_file.f'], ['fail', 'null_resource.whole'], ['fail', 'output.leak'],
    ]);
  });

  test('passes a block that waits for the generator or reads its length with the prefix', () => {
    expect(judged({
      resource: { null_resource: { after: beside({ depends_on: [`resource.${GENERATOR}`], triggers: { n: `\${resource.${GENERATOR}.length}` } }) } },
    })).toEqual([]);
  });
});

// 89th run, A89a-2: Terraform evaluates the keys of an object inside an argument's value as templates; they were never respelt.
describe('the keys of an object inside a value are respelt as templates', () => {
  test('an output\'s and an argument\'s object keys are respelt; section, label and argument names are not', () => {
    const key = '${nonsensitive(resource.random_password.p . result)}';
    expect(canonicalReferences({ output: { o: { value: { [key]: 'x' } } }, resource: { t: { n: { input: { [key]: 'x' } } } } }))
      .toEqual({ output: { o: { value: { '${nonsensitive(random_password.p.result)}': 'x' } } }, resource: { t: { n: { input: { '${nonsensitive(random_password.p.result)}': 'x' } } } } });
    const names = { resource: { 't ${a . b}': { 'n ${a . b}': { 'arg ${a . b}': 'x' } } }, locals: { '${a . b}': 'x' } };
    expect(canonicalReferences(names)).toBe(names);
  });

  test('keys that meet once respelt are both kept, as a list', () => {
    expect(canonicalReferences({ locals: { l: { '${a . b}': 1, '${a.b}': 2 } } })).toEqual({ locals: { l: { '${a.b}': [2, 1] } } });
  });

  test('PG-IAM-4 fails an output whose object key is the password, read with the prefix or blanks', () => {
    expect(passwordStackFindings(rule, { output: { leak: { value: { '${nonsensitive(resource.random_password.admin.result)}': 'x' } }, spaced: { value: { '${nonsensitive(random_password . admin . result)}': 'x' } } } }))
      .toEqual([['fail', 'output.leak'], ['fail', 'output.spaced']]);
  });
});
