import { rule } from '../../../lib/checks/rules/PGD-IAM-2';
import { databaseStack, groupRole, passwordRole , judgeIn } from '../database-fixtures';
import { evaluateStack } from '../../../lib/checks/evaluate';
import { ALL_RULES } from '../../../lib/checks/rules';

test('passes a password taken from a generated password, and roles without one', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { a: passwordRole('billing'), b: groupRole('orders_readonly') } }))).toEqual({ status: 'pass' });
});

test.each([['password', 'S3cret-pass!'], ['password_wo', 'S3cret-pass!']])('fails a literal %s', (attribute, value) => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { a: passwordRole('billing', { [attribute]: value }) } }))).toEqual({
    status: 'fail',
    message: `role billing: ${attribute} is a literal, so the password is written in the configuration.`,
    address: 'postgresql_role.a',
  });
});

test('fails literal text mixed with a reference', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { a: passwordRole('billing', { password_wo: 'pre-${random_password.pw.result}' }) } }))).toMatchObject({ status: 'fail' });
});

// 83rd run, A83a-1: what a store is given write-only (`value_wo`, `secret_string_wo`, `data_json_wo`, ...) is what a lookup of
// it reads back: a literal there is a literal password, as in the store's readable argument; a generated one passes.
describe('a password read back from a store written write-only (A83a-1)', () => {
  const GENERATOR = { length: 32, min_lower: 2, min_upper: 2, min_numeric: 2, min_special: 2, keepers: { rotation: '${time_rotating.rotation.rfc3339}' } };
  const stack = (stores: object, lookups: object, password: string) => ({
    ...databaseStack({ postgresql_role: { a: passwordRole('billing', { password_wo: password }) }, random_password: { pw: GENERATOR }, time_rotating: { rotation: { rotation_days: 90 } }, ...stores }),
    data: lookups,
  });
  const verdict = (json: object) => evaluateStack(JSON.parse(JSON.stringify(json)) as object, ALL_RULES).findings.find((finding) => finding.ruleId === 'PGD-IAM-2')?.status;
  const STORES: [string, (written: string) => object, object, string][] = [
    ['a Key Vault secret', (written) => ({ azurerm_key_vault_secret: { t: { name: 'billing', key_vault_id: '${var.kv}', value_wo: written, value_wo_version: 1 } } }), { azurerm_key_vault_secret: { k: { name: 'billing', key_vault_id: '${var.kv}' } } }, '${data.azurerm_key_vault_secret.k.value}'],
    ['an AWS secret', (written) => ({ aws_secretsmanager_secret: { s: { name: 'db-pw' } }, aws_secretsmanager_secret_version: { v: { secret_id: '${aws_secretsmanager_secret.s.id}', secret_string_wo: written, secret_string_wo_version: 1 } } }), { aws_secretsmanager_secret_version: { d: { secret_id: '${aws_secretsmanager_secret.s.id}' } } }, '${data.aws_secretsmanager_secret_version.d.secret_string}'],
    ['an SSM parameter', (written) => ({ aws_ssm_parameter: { s: { name: '/db/pw', type: 'SecureString', value_wo: written, value_wo_version: 1 } } }), { aws_ssm_parameter: { d: { name: '/db/pw' } } }, '${data.aws_ssm_parameter.d.value}'],
    ['a Vault secret', (written) => ({ vault_kv_secret_v2: { s: { mount: 'kv', name: 'billing', data_json_wo: `\${jsonencode({pw = ${written.startsWith('${') ? written.slice(2, -1) : JSON.stringify(written)}})}`, data_json_wo_version: 1 } } }), { vault_kv_secret_v2: { d: { mount: 'kv', name: 'billing' } } }, '${data.vault_kv_secret_v2.d.data.pw}'],
    ['a Kubernetes secret', (written) => ({ kubernetes_secret_v1: { s: { metadata: { name: 'billing', namespace: 'db' }, data_wo: { pw: written }, data_wo_revision: 1 } } }), { kubernetes_secret_v1: { d: { metadata: { name: 'billing', namespace: 'db' } } } }, '${data.kubernetes_secret_v1.d.data.pw}'],
    ['a Google secret', (written) => ({ google_secret_manager_secret: { s: { secret_id: 'db-pw', replication: { auto: {} } } }, google_secret_manager_secret_version: { v: { secret: '${google_secret_manager_secret.s.id}', secret_data_wo: written, secret_data_wo_version: 1 } } }), { google_secret_manager_secret_version: { d: { secret: 'db-pw' } } }, '${data.google_secret_manager_secret_version.d.secret_data}'],
  ];
  test.each(STORES)('%s: a literal written write-only and read back fails; a generated one does not', (_name, store, lookup, password) => {
    expect(verdict(stack(store('hunter2'), lookup, password))).toBe('fail');
    expect(verdict(stack(store('${base64decode("aHVudGVyMg==")}'), lookup, password))).toBe('fail');
    expect(verdict(stack(store('${random_password.pw.result}'), lookup, password))).toBe('pass');
  });
  test('a reference to the write-only argument itself reads null, no literal password', () => {
    const [, store] = STORES[0];
    expect(verdict(stack(store('hunter2'), {}, '${azurerm_key_vault_secret.t.value_wo}'))).toBe('pass');
  });
  // 84th run, A84a-1: the lookup read whole (a local, lookup(), a relay, an instance key after a dot, ephemeral) reads back too.
  const [, vaultSecret, vaultLookup] = STORES[0];
  const ITERATED = { azurerm_key_vault_secret: { k: { for_each: '${toset(["billing"])}', name: '${each.key}', key_vault_id: '${var.kv}' } } };
  const WHOLE: [string, object, string][] = [
    ['a local', { data: vaultLookup, locals: { k: '${data.azurerm_key_vault_secret.k}' } }, '${local.k.value}'],
    ['lookup() of a local', { data: vaultLookup, locals: { k: '${data.azurerm_key_vault_secret.k}' } }, '${lookup(local.k, "value")}'],
    ['a terraform_data relay', { data: vaultLookup, resource: { terraform_data: { r: { input: '${data.azurerm_key_vault_secret.k}' } } } }, '${terraform_data.r.output.value}'],
    ['an instance key after a dot', { data: ITERATED }, '${data.azurerm_key_vault_secret.k.billing.value}'],
    ['an ephemeral lookup in a local', { ephemeral: vaultLookup, locals: { k: '${ephemeral.azurerm_key_vault_secret.k}' } }, '${local.k.value}'],
  ];
  test.each(WHOLE)('a lookup of a store written write-only, read whole through %s, reads what is written', (_name, extra, password) => {
    const json = (written: string) => {
      const base = stack(vaultSecret(written), {}, password) as { resource: object };
      return { ...base, ...extra, resource: { ...base.resource, ...(extra as { resource?: object }).resource } };
    };
    expect(verdict(json('hunter2'))).toBe('fail');
    expect(verdict(json('${random_password.pw.result}'))).toBe('pass');
  });
});

// 85th run, A85c-2: a password read from text anyone can tell is as good as a literal: Terraform's own values, an object's ID,
// name, host or public key, a time, an HTTP body fetched with no headers. What generates or stores a secret still passes.
describe('a password read from what is no secret fails (A85c-2)', () => {
  const LOOKUPS = { http: { h: { url: 'https://example.com/pw.txt' }, authed: { url: 'https://vault.example.com/v1/kv/pg', request_headers: { 'X-Vault-Token': '${var.token}' } } } };
  const verdict = (password: string, locals: object = {}) =>
    judgeIn(rule, { ...databaseStack({ postgresql_role: { a: passwordRole('etl', { password_wo: password }), b: groupRole('orders_readwrite') }, tls_private_key: { k: { algorithm: 'ED25519' } } }), data: LOOKUPS, locals });
  test.each([
    ['${terraform.workspace}', 'the name of the Terraform workspace'],
    ['${path.module}', 'a path of the configuration'],
    ['${path.root}', 'a path of the configuration'],
    ['${path.cwd}', 'a path of the configuration'],
    ['${self.name}', 'an attribute of the block itself'],
    ['${postgresql_role.b.id}', 'an ID, name, host, address or public key (id)'],
    ['${azurerm_postgresql_flexible_server.db.fqdn}', 'an ID, name, host, address or public key (fqdn)'],
    ['${azurerm_postgresql_flexible_server.db.id}', 'an ID, name, host, address or public key (id)'],
    ['${data.azurerm_client_config.c.tenant_id}', 'an ID, name, host, address or public key (tenant_id)'],
    ['${tls_private_key.k.public_key_openssh}', 'an ID, name, host, address or public key (public_key_openssh)'],
    ['${data.http.h.response_body}', 'what an HTTP request sent with no credential in its headers gets back'],
    ['${random_password.pw.id}', 'the id of a random_password, not its result'],
    ['${time_static.t.unix}', 'a time, which anyone can guess'],
  ])('%s fails', (password, reading) => {
    expect(verdict(password)).toEqual({
      status: 'fail',
      message: `role etl: password_wo reads ${password.slice(2, -1)}, ${reading}: no secret, so the password may be written in the configuration.`,
      address: 'postgresql_role.a',
    });
  });
  test('through a local, a choice and a template', () => {
    expect(verdict('${local.p}', { p: '${terraform.workspace}' }).status).toBe('fail');
    expect(verdict('${var.x ? var.p : terraform.workspace}').status).toBe('fail');
    expect(verdict('${var.p}${path.module}').status).toBe('fail');
  });
  test.each(['${random_password.pw.result}', '${var.p}', '${tls_private_key.k.private_key_pem}', '${data.http.authed.response_body}', '${data.azurerm_key_vault_secret.s.value}', '${random_string.s.id}'])('%s passes', (password) => {
    expect(verdict(password)).toEqual({ status: 'pass' });
  });
});
