// 88th run, A88a-5. Terraform ignores a "//" property only where it is a comment: in a block's body (cdktf writes construct paths
// there) and the objects above it. Inside an argument's value (an output's object, an app setting map, a terraform_data input) it
// is a key like any, evaluated and sent; the rules read it as a comment at every depth, so a password copied under it passed.
import { isBlockComment } from '../../lib/checks/block-comments';
import { aliasing } from '../../lib/checks/data-source-aliases';
import { idsInValue } from '../../lib/checks/ids-in-text';
import { rule } from '../../lib/checks/rules/PG-IAM-4';
import { buildStackModel } from '../../lib/checks/stack-model';
import { madeAt, passwordStackFindings } from './beside-fixtures';

const GENERATOR = 'random_password.admin';
const PASSWORD = `\${${GENERATOR}.result}`;
const beside = (block: { [key: string]: unknown }) => ({ ...madeAt('stack/copy'), ...block });
const judged = (sections: { [section: string]: unknown }) => passwordStackFindings(rule, sections);

describe('isBlockComment', () => {
  test.each<[string[], boolean]>([
    [[], true],
    [['resource'], true],
    [['resource', 'local_file'], true],
    [['resource', 'local_file', 'f'], true],
    [['resource', 'local_file', 'f', 'content'], false],
    [['output', 'leak'], true],
    [['output', 'leak', 'value'], false],
    [['locals'], true],
    [['locals', 'settings'], false],
    [['data', 'azurerm_key_vault_secret', 's'], true],
    [['resource', 'azurerm_linux_web_app', 'w', 'app_settings'], false],
  ])('"//" in %j is a comment: %s', (path, comment) => {
    expect(isBlockComment('//', path)).toBe(comment);
  });

  test('only "//" is a comment', () => {
    expect(isBlockComment('x', [])).toBe(false);
  });
});

describe('PG-IAM-4: the password under a "//" key of a value is read (A88a-5)', () => {
  test('fails an output object, a map argument and a relay through terraform_data that hold it under "//"', () => {
    expect(judged({
      resource: {
        azurerm_linux_web_app: { w: beside({ app_settings: { '//': PASSWORD } }) },
        terraform_data: { t: beside({ input: { '//': PASSWORD } }) },
      },
      output: { leak: { value: { '//': `\${nonsensitive(${GENERATOR}.result)}` } } },
    })).toEqual([['fail', 'azurerm_linux_web_app.w'], ['fail', 'output.leak'], ['fail', 'terraform_data.t']]);
  });

  // Read before too (the local is evaluated whole): the control that a local's "//" key is a key.
  test('fails a copy under "//" of a local object read whole', () => {
    expect(judged({
      locals: { settings: { '//': PASSWORD } },
      resource: { local_file: { f: beside({ filename: 'p', content: '${jsonencode(local.settings)}' }) } },
    })).toEqual([['fail', 'local_file.f']]);
  });

  test('passes a block whose comment (a "//" of its body, of an output, of a section) names the password: Terraform ignores it', () => {
    expect(judged({
      resource: { local_file: { f: beside({ '//': PASSWORD, filename: 'p', content: 'x' }) } },
      output: { note: { '//': PASSWORD, value: 'x' } },
      locals: { '//': PASSWORD, other: 'x' },
    })).toEqual([]);
  });
});

test('the stack model leaves a block\'s comment out of its configuration and keeps a "//" key of a value', () => {
  const model = buildStackModel({ resource: { terraform_data: { t: { '//': { metadata: { path: 'stack/t' } }, input: { '//': 'kept' } } } } });
  expect(model.resources.get('terraform_data.t')!.config).toEqual({ input: { '//': 'kept' } });
});

test('a lookup read whole under a "//" key of a value is read as the block it matches; comments stay as written', () => {
  const terraform = {
    resource: { azurerm_key_vault_secret: { own: { name: 's', key_vault_id: 'kv', value: 'x' } } },
    data: { azurerm_key_vault_secret: { look: { '//': '${data.azurerm_key_vault_secret.look.value}', name: 's', key_vault_id: 'kv' } } },
    output: { o: { '//': '${data.azurerm_key_vault_secret.look.value}', value: { '//': '${data.azurerm_key_vault_secret.look.value}' } } },
  };
  const read = aliasing(terraform).terraform as typeof terraform;
  expect(read.output.o.value['//']).not.toContain('data.azurerm_key_vault_secret.look');
  expect(read.output.o['//']).toBe('${data.azurerm_key_vault_secret.look.value}');
  expect(read.data.azurerm_key_vault_secret.look['//']).toBe('${data.azurerm_key_vault_secret.look.value}');
});

test('the ID reader reads an ID under a "//" key of a value as under any key', () => {
  const id = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/db';
  const read = idsInValue({ body: { properties: { '//': id } } }, undefined);
  expect(read).toEqual(idsInValue({ body: { properties: { note: id } } }, undefined));
  expect(read).toHaveLength(1);
});
