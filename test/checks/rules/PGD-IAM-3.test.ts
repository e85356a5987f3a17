import { rule } from '../../../lib/checks/rules/PGD-IAM-3';
import { rule as passwordInConfiguration } from '../../../lib/checks/rules/PGD-IAM-2';
import { postgresqlProviders } from '../../../lib/checks/database-checks';
import { Verdict } from '../../../lib/checks/rule';
import { buildStackModel, TerraformBlock } from '../../../lib/checks/stack-model';
import { databaseStack, groupRole, passwordRole , judgeIn } from '../database-fixtures';
import { FLEXIBLE } from '../rule-harness';
import { aliasDataSources } from '../../../lib/checks/data-source-aliases';

const role = (overrides: { [key: string]: unknown }) => databaseStack({ postgresql_role: { a: passwordRole('billing', overrides) } });

test('passes a write-only password rotated by time_rotating with an expiry, and roles without a password', () => {
  const stack = databaseStack({ postgresql_role: { a: passwordRole('billing'), b: groupRole('orders_readonly') }, random_password: { pw: { length: 32, keepers: { rotation: '${time_rotating.rotation.rfc3339}' } } }, time_rotating: { rotation: { rotation_days: 90 } } });
  expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
});

test('fails the plain password attribute, kept in state', () => {
  expect(judgeIn(rule, role({ password: '${random_password.pw.result}', password_wo: undefined }))).toEqual({
    status: 'fail',
    message: 'role billing sets password, which Terraform keeps in its state and cannot rotate on a schedule.',
    address: 'postgresql_role.a',
  });
});

test('fails a literal password version, which never rotates by itself', () => {
  expect(judgeIn(rule, role({ password_wo_version: '1' }))).toEqual({
    status: 'fail',
    message: 'role billing has password_wo_version "1", a literal, so its password changes only when someone edits it.',
    address: 'postgresql_role.a',
  });
});

// 62nd run, A62a-3: "infinity" is named as written, not as missing.
test.each([[undefined, 'has no valid_until'], ['infinity', 'has valid_until = "infinity"'], ['Infinity ', 'has valid_until = "Infinity "']])('fails valid_until %j', (validUntil, what) => {
  expect(judgeIn(rule, role({ valid_until: validUntil }))).toEqual({
    status: 'fail',
    message: `role billing ${what}, so a password that is not rotated never expires.`,
    address: 'postgresql_role.a',
  });
});

// 65th adversarial run, A65a-1: a role that references a rotation without the rest of the chain kept one password for good.
describe('the rotation reaches the password: version, generator and expiry follow one time_rotating', () => {
  const ROTATION = { rotation_days: 90 };
  const GENERATOR = { length: 32, min_lower: 2, min_upper: 2, min_numeric: 2, min_special: 2, keepers: { rotation: '${time_rotating.rotation.rfc3339}' } };
  /** The verdict of the rule on a stack, given the stack's resources as the checks give them. */
  const judgeWhole = (terraform: object) => {
    const model = buildStackModel(terraform);
    const verdicts = rule.evaluate(model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: postgresqlProviders(terraform), resources: model.resources, lookups: model.lookups });
    return (verdicts as readonly Verdict[])[0];
  };
  /** The verdict on a password role beside its own rotation and generator, with the given changes. */
  const chained = (roleChanges: TerraformBlock = {}, generator: TerraformBlock = GENERATOR, rotation: TerraformBlock = ROTATION) => judgeWhole(databaseStack({
    postgresql_role: { a: passwordRole('billing', roleChanges) },
    random_password: { pw: generator },
    time_rotating: { rotation },
  }));
  const VERSION = (version: string) => `role billing has password_wo_version = ${JSON.stringify(version)}, which is not the time of a time_rotating (its rfc3339, id or unix), so it does not change when the password is due.`;
  const EXPIRY = (validUntil: unknown) => `role billing has valid_until = ${JSON.stringify(validUntil)}, which is not the due time of time_rotating.rotation (its rotation_rfc3339) plus at most 30 days, so a password that is not rotated stays valid for longer.`;
  const SAME = 'so when role billing\'s password is due the same password is sent again.';

  test.each([
    ['as DatabaseAccess writes it', {}],
    ['the rotation\'s id or unix time as the version', { password_wo_version: '${time_rotating.rotation.unix}' }],
    ['the expiry formatted, 30 days after the due time at most', { valid_until: '${formatdate("YYYY-MM-DD hh:mm:ss+00", timeadd(time_rotating.rotation.rotation_rfc3339, "720h"))}' }],
    ['the due time itself as the expiry', { valid_until: '${time_rotating.rotation.rotation_rfc3339}' }],
    ['the rotation\'s time plus its period (90 days) and a week', { valid_until: '${timeadd(time_rotating.rotation.rfc3339, "2328h")}' }],
    ['an RFC 3339 layout with the time\'s own offset (ZZZZZ)', { valid_until: '${formatdate("YYYY-MM-DD\'T\'hh:mm:ssZZZZZ", time_rotating.rotation.rotation_rfc3339)}' }],
    ['a layout with the zone\'s name after a space (ZZZ)', { valid_until: '${formatdate("YYYY-MM-DD hh:mm:ss ZZZ", time_rotating.rotation.rotation_rfc3339)}' }],
    ['an ISO layout with a literal T and Z', { valid_until: '${formatdate("YYYY-MM-DD\'T\'hh:mm:ssZ", time_rotating.rotation.rotation_rfc3339)}' }],
  ])('passes %s', (_, changes) => {
    expect(chained(changes)).toEqual({ status: 'pass' });
  });

  test.each([
    ['the random_password\'s length', '${random_password.pw.length}'],
    ['the random_password\'s id, which never changes', '${random_password.pw.id}'],
    ['the rotation period', '${time_rotating.rotation.rotation_days}'],
    ['a time_static', '${time_static.s.rfc3339}'],
    ['a terraform_data output', '${terraform_data.t.output}'],
    ['a variable', '${var.version}'],
    ['a condition with a literal branch', '${var.on ? time_rotating.rotation.rfc3339 : "1"}'],
  ])('fails a version that is %s', (_, version) => {
    expect(chained({ password_wo_version: version })).toEqual({ status: 'fail', message: VERSION(version), address: 'postgresql_role.a' });
  });

  test.each([
    ['no keepers', { ...GENERATOR, keepers: undefined }, `random_password.pw has no keeper that is the time of time_rotating.rotation, so it is never made again, ${SAME}`],
    ['a constant keeper', { ...GENERATOR, keepers: { v: '1' } }, `random_password.pw has no keeper that is the time of time_rotating.rotation, so it is never made again, ${SAME}`],
    ['a keeper that is the rotation period', { ...GENERATOR, keepers: { rotation: '${time_rotating.rotation.rotation_days}' } }, `random_password.pw has no keeper that is the time of time_rotating.rotation, so it is never made again, ${SAME}`],
    ['a keeper of another rotation', { ...GENERATOR, keepers: { rotation: '${time_rotating.yearly.rfc3339}' } }, `random_password.pw has no keeper that is the time of time_rotating.rotation, so it is never made again, ${SAME}`],
    ['keepers known only later', { ...GENERATOR, keepers: '${var.keepers}' }, `random_password.pw has no keeper that is the time of time_rotating.rotation, so it is never made again, ${SAME}`],
    ['its keepers ignored', { ...GENERATOR, lifecycle: { ignore_changes: ['keepers'] } }, `random_password.pw has lifecycle.ignore_changes = ["keepers"], which may keep it as it is, ${SAME}`],
    ['all its changes ignored', { ...GENERATOR, lifecycle: { ignore_changes: 'all' } }, `random_password.pw has lifecycle.ignore_changes = "all", which may keep it as it is, ${SAME}`],
    ['a keeper that is a function of the rotation\'s time (its length never changes)', { ...GENERATOR, keepers: { rotation: '${length(time_rotating.rotation.rfc3339)}' } }, `random_password.pw has no keeper that is the time of time_rotating.rotation, so it is never made again, ${SAME}`],
  ])('fails a generator with %s', (_, generator, message) => {
    expect(chained({}, generator)).toEqual({ status: 'fail', message, address: 'postgresql_role.a' });
  });

  test.each([
    '2099-01-01T00:00:00Z',
    '2027-01-01T00:00:00Z',
    '${timeadd(time_rotating.rotation.rotation_rfc3339, "876000h")}',
    '${timeadd(time_rotating.rotation.rotation_rfc3339, "721h")}',
    '${timeadd(time_rotating.rotation.rotation_rfc3339, var.grace)}',
    '${timeadd(time_rotating.rotation.rfc3339, "2881h")}',
    '${timeadd(plantimestamp(), "2160h")}',
    '${timeadd(timestamp(), "2160h")}',
    '${time_offset.o.rfc3339}',
    '${var.on ? time_rotating.rotation.rotation_rfc3339 : "2099-01-01"}',
    '+infinity',
    '${formatdate("YYYY-12-31 hh:mm:ss+00", time_rotating.rotation.rotation_rfc3339)}',
    '${formatdate("YYYY-MM-DD hh:mm:ss-15", time_rotating.rotation.rotation_rfc3339)}',
    '${formatdate("YYYY-MM-DD hh:mm:ss-14:59", time_rotating.rotation.rotation_rfc3339)}',
  ])('fails valid_until %j, not bounded by the rotation', (validUntil) => {
    expect(chained({ valid_until: validUntil })).toEqual({ status: 'fail', message: EXPIRY(validUntil), address: 'postgresql_role.a' });
  });

  test('any generator of the random provider that password_wo reads keeps the rotation, and the rotation ignores no change', () => {
    const withString = (keepers: object) => judgeWhole(databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: '${random_string.s.result}' }) },
      random_string: { s: { length: 32, keepers } },
      time_rotating: { rotation: ROTATION },
    }));
    expect(withString({ rotation: '${time_rotating.rotation.id}' })).toEqual({ status: 'pass' });
    expect(withString({})).toEqual({ status: 'fail', message: `random_string.s has no keeper that is the time of time_rotating.rotation, so it is never made again, ${SAME}`, address: 'postgresql_role.a' });
    expect(chained({}, GENERATOR, { ...ROTATION, lifecycle: { ignore_changes: ['rotation_days'] } })).toEqual({
      status: 'fail', message: `time_rotating.rotation has lifecycle.ignore_changes = ["rotation_days"], which may keep it as it is, ${SAME}`, address: 'postgresql_role.a',
    });
  });

  // 66th run, A66a-3: a password passed on through another block is its generator's.
  test('a generator behind another block is followed', () => {
    const through = (resources: object, password: string) => judgeWhole(databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: password }) },
      random_password: { pw: { ...GENERATOR, keepers: undefined } },
      time_rotating: { rotation: ROTATION },
      ...resources,
    }));
    const noKeeper = { status: 'fail', message: `random_password.pw has no keeper that is the time of time_rotating.rotation, so it is never made again, ${SAME}`, address: 'postgresql_role.a' };
    expect(through({ terraform_data: { t: { input: '${random_password.pw.result}' } } }, '${terraform_data.t.output}')).toEqual(noKeeper);
    expect(through({ null_resource: { n: { triggers: { pw: '${random_password.pw.result}' } } } }, '${null_resource.n.triggers.pw}')).toEqual(noKeeper);
    expect(through({ azurerm_key_vault_secret: { s: { name: 'billing', key_vault_id: '${var.kv}', value: '${random_password.pw.result}' } } }, '${azurerm_key_vault_secret.s.value}')).toEqual(noKeeper);
    expect(through({}, '${random_password.pw.bcrypt_hash}')).toEqual(noKeeper);
  });

  // 70th run: every way that ends elsewhere than at a generator of the stack (a variable, a store the stack does not write, a store
  // of a type the checks do not know, another resource's secret) fails; where it is rotated is said in a suppression (A66a-5 reversed).
  test.each([
    ['a variable', { password_wo: '${var.vendor_password}' }, 'var.vendor_password'],
    ['a Key Vault secret the stack does not write', { password_wo: '${data.azurerm_key_vault_secret.billing.value}', password_wo_version: '${data.azurerm_key_vault_secret.billing.version}', valid_until: '${data.azurerm_key_vault_secret.billing.expiration_date}' }, 'data.azurerm_key_vault_secret.billing.value'],
    ['another resource\'s secret', { password_wo: '${azuread_application_password.a.value}' }, 'azuread_application_password.a.value'],
    ['a generator or a variable', { password_wo: '${coalesce(var.override, random_password.pw.result)}' }, 'var.override'],
    ['a literal behind a relay', { password_wo: '${terraform_data.t.output}' }, 'terraform_data.t.output'],
  ])('fails a password from %s', (_, changes, leaf) => {
    const verdict = judgeWhole(databaseStack({
      postgresql_role: { a: passwordRole('billing', changes) },
      random_password: { pw: GENERATOR },
      time_rotating: { rotation: ROTATION },
      terraform_data: { t: { input: 'correct-horse-battery' } },
      azuread_application_password: { a: { application_id: '${var.app}' } },
    }));
    expect(verdict).toEqual({ status: 'fail', address: 'postgresql_role.a',
      message: `role billing's password_wo comes from ${leaf}, no generator of this stack, so the checks cannot show a new password is sent when it is due: write it from a random_password kept by a time_rotating (as DatabaseAccess does), or suppress PGD-IAM-3 saying where it is rotated.` });
  });

  // 67th run, A67a-4: a block on the way that keeps its first value passes the first password on at every rotation.
  test('a block the password passes through that keeps its first value fails: changes ignored, a lookup pinned to one version', () => {
    const via = (blocks: object, password: string, data: object = {}) => judgeWhole({ ...databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: password }) },
      random_password: { pw: GENERATOR },
      time_rotating: { rotation: ROTATION },
      ...blocks,
    }), data });
    const relay = (lifecycle: object) => ({ terraform_data: { t: { input: '${random_password.pw.result}', ...lifecycle } } });
    expect(via(relay({}), '${terraform_data.t.output}')).toEqual({ status: 'pass' });
    expect(via(relay({ lifecycle: { ignore_changes: ['input'] } }), '${terraform_data.t.output}')).toEqual({
      status: 'fail', message: `terraform_data.t has lifecycle.ignore_changes = ["input"], which may keep it as it is, ${SAME}`, address: 'postgresql_role.a',
    });
    const secret = { azurerm_key_vault_secret: { s: { name: 'billing', key_vault_id: '${var.kv}', value: '${random_password.pw.result}' } } };
    const lookup = (version: object) => ({ azurerm_key_vault_secret: { k: { name: 'billing', key_vault_id: '${var.kv}', ...version } } });
    expect(via(secret, '${data.azurerm_key_vault_secret.k.value}', lookup({}))).toEqual({ status: 'pass' });
    expect(via(secret, '${data.azurerm_key_vault_secret.k.value}', lookup({ version: 'abc123' }))).toEqual({
      status: 'fail', message: `data.azurerm_key_vault_secret.k reads one version, "abc123", of what it looks up, ${SAME}`, address: 'postgresql_role.a',
    });
  });

  // 68th run, A68a-1/3/4: a store given the password write-only is rewritten only when its version changes; a relay may ignore its
  // tags and dates; a lookup's version that is a reference moves with every write.
  test('a write-only store follows the rotation; harmless ignores and moving versions pass', () => {
    const via = (store: object, lookup: object = {}) => judgeWhole({ ...databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: '${data.azurerm_key_vault_secret.k.value}' }) },
      random_password: { pw: GENERATOR },
      time_rotating: { rotation: ROTATION },
      azurerm_key_vault_secret: { s: { name: 'billing', key_vault_id: '${var.kv}', ...store } },
    }), data: { azurerm_key_vault_secret: { k: { name: 'billing', key_vault_id: '${var.kv}', ...lookup } } } });
    const writeOnly = { value_wo: '${random_password.pw.result}', value_wo_version: '${time_rotating.rotation.unix}' };
    expect(via(writeOnly)).toEqual({ status: 'pass' });
    expect(via({ ...writeOnly, value_wo_version: 1 })).toEqual({
      status: 'fail', message: `azurerm_key_vault_secret.s has value_wo_version = 1, not the time of time_rotating.rotation, so its value_wo is written once and not again, ${SAME}`, address: 'postgresql_role.a',
    });
    expect(via({ ...writeOnly, lifecycle: { ignore_changes: ['tags', 'expiration_date'] } })).toEqual({ status: 'pass' });
    expect(via({ ...writeOnly, lifecycle: { ignore_changes: ['value_wo_version'] } })).toEqual(expect.objectContaining({ status: 'fail' }));
    expect(via(writeOnly, { version: '${azurerm_key_vault_secret.s.version}' })).toEqual({ status: 'pass' });
  });

  // 68th run, A68a-2: other stores pin a lookup by other arguments; "latest" and "AWSCURRENT" follow every write.
  test('an AWS Secrets Manager lookup pinned to a previous stage fails; the current stage passes', () => {
    const aws = (lookup: object) => judgeWhole({ ...databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: '${data.aws_secretsmanager_secret_version.d.secret_string}' }) },
      random_password: { pw: GENERATOR },
      time_rotating: { rotation: ROTATION },
      aws_secretsmanager_secret_version: { s: { secret_id: 'arn:aws:secretsmanager:eu-west-1:1:secret:pw', secret_string: '${random_password.pw.result}' } },
    }), data: { aws_secretsmanager_secret_version: { d: { secret_id: 'arn:aws:secretsmanager:eu-west-1:1:secret:pw', ...lookup } } } });
    expect(aws({ version_stage: 'AWSCURRENT' })).toEqual({ status: 'pass' });
    expect(aws({ version_stage: 'AWSPREVIOUS' })).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringContaining('reads one version, "AWSPREVIOUS", of') }));
  });

  // A68a-2's rest: an SSM parameter named with a selector (`/pw:1`, `/pw:label`) reads one version of the parameter the stack writes.
  test('an SSM parameter lookup with a version or label selector is followed and fails; one by its name alone passes', () => {
    const ssm = (name: unknown) => judgeWhole({ ...databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: '${data.aws_ssm_parameter.d.value}' }) },
      random_password: { pw: GENERATOR },
      time_rotating: { rotation: ROTATION },
      aws_ssm_parameter: { s: { name: '/db/billing', type: 'SecureString', value: '${random_password.pw.result}' } },
    }), data: { aws_ssm_parameter: { d: { name } } } });
    expect(ssm('/db/billing')).toEqual({ status: 'pass' });
    expect(ssm('/db/billing:1')).toEqual({ status: 'fail', message: `data.aws_ssm_parameter.d reads one version, "/db/billing:1", of what it looks up, ${SAME}`, address: 'postgresql_role.a' });
    expect(ssm('/db/billing:prod')).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringContaining('reads one version, "/db/billing:prod", of') }));
    expect(ssm('${aws_ssm_parameter.s.name}:3')).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringContaining('reads one version, "${aws_ssm_parameter.s.name}:3", of') }));
    // A literal ARN names an account the stack's is not known to be (72nd run, A72a-2).
    expect(ssm('arn:aws:ssm:eu-west-1:111122223333:parameter/db/billing')).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringContaining('comes from data.aws_ssm_parameter.d.value') }));
    expect(ssm('arn:aws:ssm:eu-west-1:111122223333:parameter/db/billing:2')).toEqual(expect.objectContaining({ status: 'fail' }));
  });

  // 69th run: stores and lookups the chain read too little of.
  describe('stores, lookups and relays of the 69th run', () => {
    /** The verdict on role billing reading `password`, beside the given resources and lookups (data or ephemeral). */
    const through = (password: string, resources: object, lookups: object = {}) => judgeWhole({ ...databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: password }) },
      random_password: { pw: GENERATOR },
      time_rotating: { rotation: ROTATION },
      ...resources,
    }), ...lookups });
    const VAULT = (written: object) => ({ vault_kv_secret_v2: { s: { mount: 'kv', name: 'billing', ...written } } });
    const VAULT_LOOKUP = (section: string, pin: object = {}) => ({ [section]: { vault_kv_secret_v2: { d: { mount: 'kv', name: 'billing', ...pin } } } });

    // A69a-1: Vault's `data` is written as `data_json`, write-only as `data_json_wo`.
    test('a Vault secret given the password write-only is rewritten only with the rotation', () => {
      const writeOnly = { data_json_wo: '${jsonencode({pw = random_password.pw.result})}', data_json_wo_version: '${time_rotating.rotation.unix}' };
      expect(through('${data.vault_kv_secret_v2.d.data.pw}', VAULT(writeOnly), VAULT_LOOKUP('data'))).toEqual({ status: 'pass' });
      expect(through('${data.vault_kv_secret_v2.d.data.pw}', VAULT({ ...writeOnly, data_json_wo_version: 1 }), VAULT_LOOKUP('data'))).toEqual({
        status: 'fail', message: `vault_kv_secret_v2.s has data_json_wo_version = 1, not the time of time_rotating.rotation, so its data_json_wo is written once and not again, ${SAME}`, address: 'postgresql_role.a',
      });
    });

    // 76th run, A76a-6: what the role reads of a write-only map is its key, not the user name beside it; A76a-1/2 inside it.
    test('a write-only map is read at the key the role reads (A76a-6)', () => {
      const K8S = (dataWo: object) => ({ kubernetes_secret_v1: { s: { metadata: { name: 'billing', namespace: 'db' }, data_wo: dataWo, data_wo_revision: '${time_rotating.rotation.unix}' } } });
      const LOOKUP = { data: { kubernetes_secret_v1: { d: { metadata: { name: 'billing', namespace: 'db' } } } } };
      expect(through('${data.kubernetes_secret_v1.d.data.pw}', K8S({ user: 'app', pw: '${random_password.pw.result}' }), LOOKUP)).toEqual({ status: 'pass' });
      expect(through('${data.kubernetes_secret_v1.d.data["pw"]}', K8S({ user: 'app', pw: '${random_password.pw.result}' }), LOOKUP)).toEqual({ status: 'pass' });
      expect(through('${data.kubernetes_secret_v1.d.data.user}', K8S({ user: 'app', pw: '${random_password.pw.result}' }), LOOKUP)).toEqual(expect.objectContaining({ status: 'fail' }));
      expect(through('${data.kubernetes_secret_v1.d.data.pw}', K8S({ user: 'app', pw: '${substr(random_password.pw.result, 0, 2)}' }), LOOKUP)).toEqual(expect.objectContaining({ status: 'fail' }));
      const vault = (pw: string) => through('${data.vault_kv_secret_v2.d.data.pw}', VAULT({ data_json_wo: `\${jsonencode({user = "app", pw = ${pw}})}`, data_json_wo_version: '${time_rotating.rotation.unix}' }), VAULT_LOOKUP('data'));
      expect(vault('random_password.pw.result')).toEqual({ status: 'pass' });
      expect(vault('sensitive("hunter2")')).toEqual(expect.objectContaining({ status: 'fail' }));
    });

    // A69a-3: an ephemeral lookup reads one version as a data source does.
    test('an ephemeral Vault lookup pinned to one version fails like the data source', () => {
      const written = VAULT({ data_json: '${jsonencode({pw = random_password.pw.result})}' });
      expect(through('${ephemeral.vault_kv_secret_v2.d.data.pw}', written, VAULT_LOOKUP('ephemeral'))).toEqual({ status: 'pass' });
      expect(through('${ephemeral.vault_kv_secret_v2.d.data.pw}', written, VAULT_LOOKUP('ephemeral', { version: 1 }))).toEqual({
        status: 'fail', message: `ephemeral.vault_kv_secret_v2.d reads one version, 1, of what it looks up, ${SAME}`, address: 'postgresql_role.a',
      });
    });

    // A69a-2: a version known only later may be one version for good; only the store's own version moves with it.
    test.each([
      ['${var.version}'],
      ['${terraform_data.pin.output}'],
      ['${var.pin ? "0123456789abcdef0123456789abcdef" : null}'],
      ['${module.secrets.version}'],
    ])('a Key Vault lookup whose version is %s fails', (version) => {
      const secret = { azurerm_key_vault_secret: { s: { name: 'billing', key_vault_id: '${var.kv}', value: '${random_password.pw.result}' } } };
      const lookup = { data: { azurerm_key_vault_secret: { k: { name: 'billing', key_vault_id: '${var.kv}', version } } } };
      expect(through('${data.azurerm_key_vault_secret.k.value}', secret, lookup)).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringContaining(`reads one version, ${JSON.stringify(version)}, of`) }));
    });

    // A69a-4: a version written without the AWSCURRENT stage leaves that stage, which lookups read, on the first version.
    test('an AWS secret version written without AWSCURRENT fails; with it, or without version_stages, it passes', () => {
      const aws = (stages: object) => through('${data.aws_secretsmanager_secret_version.d.secret_string}',
        { aws_secretsmanager_secret_version: { s: { secret_id: 'arn:aws:secretsmanager:eu-west-1:1:secret:pw', secret_string: '${random_password.pw.result}', ...stages } } },
        { data: { aws_secretsmanager_secret_version: { d: { secret_id: 'arn:aws:secretsmanager:eu-west-1:1:secret:pw' } } } });
      expect(aws({})).toEqual({ status: 'pass' });
      expect(aws({ version_stages: ['AWSCURRENT', 'release'] })).toEqual({ status: 'pass' });
      expect(aws({ version_stages: ['PENDING'] })).toEqual({
        status: 'fail', message: `aws_secretsmanager_secret_version.s has version_stages = ["PENDING"], without "AWSCURRENT", so lookups keep reading the version AWSCURRENT stays on, ${SAME}`, address: 'postgresql_role.a',
      });
      expect(aws({ version_stages: '${var.stages}' })).toEqual(expect.objectContaining({ status: 'fail' }));
    });

    // A69a-5 and A69a-7: a relay may ignore its tags and annotations, not when the password passes through them.
    test('a relay ignoring the tags the password passes through fails; a Kubernetes secret ignoring its annotations passes', () => {
      const group = (tags: object) => ({ azurerm_resource_group: { g: { name: 'g', location: 'westeurope', tags, lifecycle: { ignore_changes: ['tags'] } } } });
      expect(through('${azurerm_resource_group.g.tags.pw}', group({ pw: '${random_password.pw.result}' }))).toEqual({
        status: 'fail', message: `azurerm_resource_group.g has lifecycle.ignore_changes = ["tags"], which may keep it as it is, ${SAME}`, address: 'postgresql_role.a',
      });
      const secret = (ignored: string) => ({ kubernetes_secret_v1: { s: { metadata: { name: 'billing', namespace: 'db', annotations: { owner: 'team' } }, data: { pw: '${random_password.pw.result}' }, lifecycle: { ignore_changes: [ignored] } } } });
      const lookup = { data: { kubernetes_secret_v1: { d: { metadata: { name: 'billing', namespace: 'db' } } } } };
      expect(through('${data.kubernetes_secret_v1.d.data.pw}', secret('metadata[0].annotations'), lookup)).toEqual({ status: 'pass' });
      expect(through('${data.kubernetes_secret_v1.d.data.pw}', secret('data'), lookup)).toEqual(expect.objectContaining({ status: 'fail' }));
    });
  });

  // 70th run: SSM names known only later or given as an ARN, and a version that is another store's.
  describe('pins the 70th run found', () => {
    const PASSWORD = { name: '/db/billing', type: 'SecureString', value: '${random_password.pw.result}' };
    const AMI = { name: '/ami/latest', type: 'String', value: 'ami-0abc' };
    /** The verdict on a role reading an SSM lookup, beside the password's parameter and (unless told) an unrelated one. */
    const ssm = (section: string, lookup: object, parameters: { [name: string]: TerraformBlock } = { s: PASSWORD, ami: AMI }) => judgeWhole({ ...databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: `\${${section}.aws_ssm_parameter.d.value}` }) },
      random_password: { pw: GENERATOR },
      time_rotating: { rotation: ROTATION },
      aws_ssm_parameter: parameters,
    }), [section]: { aws_ssm_parameter: { d: lookup } } });
    test.each([
      ['a variable', { name: '${var.parameter}' }, 'data'],
      ['a parameter\'s name and a variable', { name: '${aws_ssm_parameter.s.name}${var.selector}' }, 'data'],
      ['a format call', { name: '${format("%s:%d", aws_ssm_parameter.s.name, 1)}' }, 'data'],
      ['an ARN reference and a version (ephemeral)', { arn: '${aws_ssm_parameter.s.arn}:1' }, 'ephemeral'],
      ['a literal ARN and a label (ephemeral)', { arn: 'arn:aws:ssm:eu-west-1:111122223333:parameter/db/billing:prod' }, 'ephemeral'],
    ])('an SSM lookup named by %s may read one version: fails', (_, lookup, section) => {
      // A name known only later may be any parameter's, here or elsewhere (a lookup not surely of the stack: 71st run, A71a-1),
      // or select a version: the first way that fails is named.
      const why = /reads one version|comes from (aws_ssm_parameter\.ami\.value|(data|ephemeral)\.aws_ssm_parameter\.d\.value)/;
      expect(ssm(section, lookup)).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringMatching(why) }));
      expect(ssm(section, lookup, { s: PASSWORD })).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringMatching(why) }));
    });
    test.each([
      ['its own name', { name: '${aws_ssm_parameter.s.name}' }, 'data'],
      ['its own name and version', { name: '${aws_ssm_parameter.s.name}:${aws_ssm_parameter.s.version}' }, 'data'],
      ['its own ARN (ephemeral), beside another parameter', { arn: '${aws_ssm_parameter.s.arn}' }, 'ephemeral'],
    ])('an SSM lookup named by %s follows every write: passes', (_, lookup, section) => {
      expect(ssm(section, lookup)).toEqual({ status: 'pass' });
    });
    test('a Google lookup whose version is another secret\'s version fails; its own store\'s passes', () => {
      const google = (version: string) => judgeWhole({ ...databaseStack({
        postgresql_role: { a: passwordRole('billing', { password_wo: '${data.google_secret_manager_secret_version.d.secret_data}' }) },
        random_password: { pw: GENERATOR },
        time_rotating: { rotation: ROTATION },
        google_secret_manager_secret: { pw: { secret_id: 'db-pw' }, api: { secret_id: 'api-key' } },
        google_secret_manager_secret_version: { s: { secret: '${google_secret_manager_secret.pw.id}', secret_data: '${random_password.pw.result}' }, other: { secret: '${google_secret_manager_secret.api.id}', secret_data: 'api' } },
      }), data: { google_secret_manager_secret_version: { d: { secret: '${google_secret_manager_secret.pw.id}', version } } } });
      expect(google('${google_secret_manager_secret_version.s.version}')).toEqual({ status: 'pass' });
      expect(google('${google_secret_manager_secret_version.other.version}')).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringContaining('reads one version, "${google_secret_manager_secret_version.other.version}"') }));
    });
  });

  // 71st run: a lookup that only may read the stack's store, a name with a part known only later, a conditional's condition.
  describe('what the 71st run found', () => {
    const SECRET = { secret_id: 'db-pw', secret_string: '${random_password.pw.result}' };
    const aws = (lookup: object, providers: object = {}) => {
      const stack = databaseStack({
        postgresql_role: { a: passwordRole('billing', { password_wo: '${data.aws_secretsmanager_secret_version.d.secret_string}' }) },
        random_password: { pw: GENERATOR },
        time_rotating: { rotation: ROTATION },
        aws_secretsmanager_secret_version: { s: SECRET },
      });
      return judgeWhole({ ...stack, provider: { ...stack.provider, ...providers }, data: { aws_secretsmanager_secret_version: { d: lookup } } });
    };
    test('an AWS lookup through another provider configuration (another region) may read a secret the stack does not write: fails', () => {
      const providers = { aws: [{ region: 'eu-west-1' }, { alias: 'prod', region: 'us-east-1' }] };
      expect(aws({ secret_id: 'db-pw' }, providers)).toEqual({ status: 'pass' });
      expect(aws({ secret_id: 'db-pw', provider: 'aws.prod' }, providers)).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringContaining('comes from data.aws_secretsmanager_secret_version.d.secret_string, no generator') }));
      expect(aws({ secret_id: '${var.secret}' })).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringContaining('comes from data.aws_secretsmanager_secret_version.d.secret_string') }));
    });
    test('an SSM name with a part known only later before its last segment, or the parameter\'s id, selects no version: passes', () => {
      const ssm = (written: string, looked: string) => judgeWhole({ ...databaseStack({
        postgresql_role: { a: passwordRole('billing', { password_wo: '${data.aws_ssm_parameter.d.value}' }) },
        random_password: { pw: GENERATOR },
        time_rotating: { rotation: ROTATION },
        aws_ssm_parameter: { s: { name: written, type: 'SecureString', value: '${random_password.pw.result}' } },
      }), data: { aws_ssm_parameter: { d: { name: looked, with_decryption: true } } } });
      expect(ssm('/${var.env}/db/pw', '/${var.env}/db/pw')).toEqual({ status: 'pass' });
      expect(ssm('/db/pw', '${aws_ssm_parameter.s.id}')).toEqual({ status: 'pass' });
      expect(ssm('/db/pw', '/db/${var.name}')).toEqual(expect.objectContaining({ status: 'fail' }));
    });
    test('a generator relayed whole by a terraform_data is read by the attribute after its output (A71a-4)', () => {
      const relayed = (attribute: string) => judgeWhole(databaseStack({
        postgresql_role: { a: passwordRole('billing', { password_wo: `\${terraform_data.relay.output.${attribute}}` }) },
        random_password: { pw: GENERATOR },
        time_rotating: { rotation: ROTATION },
        terraform_data: { relay: { input: '${random_password.pw}' } },
      }));
      expect(relayed('result')).toEqual({ status: 'pass' });
      // Its id is the public "none", no password it makes.
      expect(relayed('id')).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringContaining('reads random_password.pw.id, which is no password random_password.pw makes') }));
    });
    test('a conditional between two rotated generators passes: its condition is no way of the password', () => {
      const verdict = judgeWhole(databaseStack({
        postgresql_role: { a: passwordRole('billing', { password_wo: '${var.env == "prod" ? random_password.pw.result : random_password.other.result}' }) },
        random_password: { pw: GENERATOR, other: GENERATOR },
        time_rotating: { rotation: ROTATION },
      }));
      expect(verdict).toEqual({ status: 'pass' });
    });
  });

  // 72nd run: where a store is placed, a literal ARN, Google's secret_id, a store counted once, the default provider spelled out.
  describe('what the 72nd run found', () => {
    /** The verdict on role billing reading `password` through the given lookups, beside the given stores. */
    const through = (password: string, stores: object, lookups: object) => judgeWhole({ ...databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: password }) },
      random_password: { pw: GENERATOR },
      time_rotating: { rotation: ROTATION },
      ...stores,
    }), ...lookups });
    const K8S = (metadata: object) => ({ kubernetes_secret_v1: { s: { metadata: { name: 'pg-pw', ...metadata }, data: { pw: '${random_password.pw.result}' } } } });
    const K8S_LOOKUP = (metadata: object) => ({ data: { kubernetes_secret_v1: { d: { metadata: { name: 'pg-pw', ...metadata } } } } });
    const AWS = (secret: object) => ({ aws_secretsmanager_secret_version: { s: { secret_id: 'db-pw', secret_string: '${random_password.pw.result}', ...secret } } });
    const AWS_LOOKUP = (lookup: object) => ({ data: { aws_secretsmanager_secret_version: { d: { secret_id: 'db-pw', ...lookup } } } });
    const K8S_PASSWORD = '${data.kubernetes_secret_v1.d.data.pw}';
    const AWS_PASSWORD = '${data.aws_secretsmanager_secret_version.d.secret_string}';
    const outside = (leaf: string) => expect.objectContaining({ status: 'fail', message: expect.stringContaining(`comes from ${leaf}, no generator`) });

    test('a store placed by an argument the lookup does not set (a namespace, a region) may be another: fails (A72a-1)', () => {
      expect(through(K8S_PASSWORD, K8S({ namespace: 'ops' }), K8S_LOOKUP({ namespace: 'ops' }))).toEqual({ status: 'pass' });
      expect(through(K8S_PASSWORD, K8S({}), K8S_LOOKUP({ namespace: 'default' }))).toEqual({ status: 'pass' });
      expect(through(K8S_PASSWORD, K8S({ namespace: 'ops' }), K8S_LOOKUP({}))).toEqual(outside('data.kubernetes_secret_v1.d.data.pw'));
      expect(through(AWS_PASSWORD, AWS({ region: 'us-east-1' }), AWS_LOOKUP({}))).toEqual(outside('data.aws_secretsmanager_secret_version.d.secret_string'));
      expect(through(AWS_PASSWORD, AWS({ region: 'us-east-1' }), AWS_LOOKUP({ region: 'us-east-1' }))).toEqual({ status: 'pass' });
    });

    test('a store counted once, and the default provider spelled out, are surely the stack\'s (A72a-5/6)', () => {
      expect(through(AWS_PASSWORD, AWS({ count: 1 }), AWS_LOOKUP({}))).toEqual({ status: 'pass' });
      expect(through(AWS_PASSWORD, AWS({ count: '${var.on ? 1 : 0}' }), AWS_LOOKUP({}))).toEqual(outside('data.aws_secretsmanager_secret_version.d.secret_string'));
      expect(through(AWS_PASSWORD, AWS({}), AWS_LOOKUP({ provider: 'aws' }))).toEqual({ status: 'pass' });
    });

    test('an SSM lookup by a literal ARN may be another account\'s parameter: fails (A72a-2)', () => {
      const parameter = { aws_ssm_parameter: { s: { name: '/db/pw', type: 'SecureString', value: '${random_password.pw.result}' } } };
      const lookup = (name: string) => ({ data: { aws_ssm_parameter: { d: { name } } } });
      expect(through('${data.aws_ssm_parameter.d.value}', parameter, lookup('/db/pw'))).toEqual({ status: 'pass' });
      expect(through('${data.aws_ssm_parameter.d.value}', parameter, lookup('arn:aws:ssm:eu-west-1:999999999999:parameter/db/pw'))).toEqual(outside('data.aws_ssm_parameter.d.value'));
    });

    test('a Google lookup by the secret\'s secret_id, or by it as a literal, is surely the stack\'s (A72a-4)', () => {
      const google = { google_secret_manager_secret: { pw: { secret_id: 'db-pw' } }, google_secret_manager_secret_version: { s: { secret: '${google_secret_manager_secret.pw.id}', secret_data: '${random_password.pw.result}' } } };
      const lookup = (secret: string) => ({ data: { google_secret_manager_secret_version: { d: { secret } } } });
      expect(through('${data.google_secret_manager_secret_version.d.secret_data}', google, lookup('${google_secret_manager_secret.pw.secret_id}'))).toEqual({ status: 'pass' });
      expect(through('${data.google_secret_manager_secret_version.d.secret_data}', google, lookup('db-pw'))).toEqual({ status: 'pass' });
      expect(through('${data.google_secret_manager_secret_version.d.secret_data}', google, lookup('other'))).toEqual(outside('data.google_secret_manager_secret_version.d.secret_data'));
    });

    test('a lookup per key reading the store of that key is surely the stack\'s, instance by instance (A72a-3)', () => {
      const KEYS = '${toset(["a", "b"])}';
      const vault = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv';
      // Judged as written, and as the checks read it (the lookup's instance key dropped: `d[each.key]` read as `d`), alike.
      const perKey = (role: TerraformBlock, lookupName: string) => [judgeWhole, (t: object) => judgeWhole(aliasDataSources(t) as object)].map((judge) => judge({ ...databaseStack({
        postgresql_role: { a: passwordRole('billing', role) },
        random_password: { pw: { ...GENERATOR, for_each: KEYS } },
        time_rotating: { rotation: ROTATION },
        azurerm_key_vault_secret: { s: { for_each: KEYS, name: '${each.key}-pw', key_vault_id: vault, value: '${random_password.pw[each.key].result}' } },
      }), data: { azurerm_key_vault_secret: { d: { for_each: KEYS, name: lookupName, key_vault_id: vault } } } }));
      const pass = [{ status: 'pass' }, { status: 'pass' }];
      const fails = [expect.objectContaining({ status: 'fail' }), expect.objectContaining({ status: 'fail' })];
      const eachRole = { for_each: KEYS, name: 'vendor_${each.key}', password_wo: '${data.azurerm_key_vault_secret.d[each.key].value}' };
      expect(perKey(eachRole, '${each.key}-pw')).toEqual(pass);
      expect(perKey({ password_wo: '${data.azurerm_key_vault_secret.d["a"].value}' }, '${each.key}-pw')).toEqual(pass);
      // One key's lookup reads a secret the stack does not write.
      expect(perKey(eachRole, '${each.key == "a" ? "a-pw" : "other"}')).toEqual(fails);
      expect(perKey(eachRole, '${each.key}-other')).toEqual(fails);
    });
  });

  // 73rd run: what identifies a store beyond the lookup's own arguments: the provider by name, the parent secret's place, a label,
  // and expressions that read a block's own instance.
  describe('what the 73rd run found', () => {
    const through = (password: string, stores: object, lookups: object) => judgeWhole({ ...databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: password }) },
      random_password: { pw: GENERATOR },
      time_rotating: { rotation: ROTATION },
      ...stores,
    }), data: lookups });
    const outside = (leaf: string) => expect.objectContaining({ status: 'fail', message: expect.stringContaining(`comes from ${leaf}, no generator`) });
    const GOOGLE_PASSWORD = '${data.google_secret_manager_secret_version.d.secret_data}';
    const google = (secret: object = {}, version: object = {}) => ({
      google_secret_manager_secret: { pw: { secret_id: 'db-pw', ...secret } },
      google_secret_manager_secret_version: { s: { secret: '${google_secret_manager_secret.pw.id}', secret_data: '${random_password.pw.result}', ...version } },
    });
    const googleLookup = (lookup: object) => ({ google_secret_manager_secret_version: { d: { secret: 'db-pw', ...lookup } } });

    test('a provider named without an alias is the default configuration only when it is the type\'s own provider (A73a-1)', () => {
      expect(through(GOOGLE_PASSWORD, google(), googleLookup({ provider: 'google' }))).toEqual({ status: 'pass' });
      expect(through(GOOGLE_PASSWORD, google(), googleLookup({ provider: 'google-beta' }))).toEqual(outside('data.google_secret_manager_secret_version.d.secret_data'));
      expect(through(GOOGLE_PASSWORD, google({}, { provider: 'google-beta' }), googleLookup({}))).toEqual(outside('data.google_secret_manager_secret_version.d.secret_data'));
    });

    test('the secret a version writes into places it: its project and provider are compared with the lookup\'s (A73a-2/5)', () => {
      expect(through(GOOGLE_PASSWORD, google({ project: 'proj-b' }), googleLookup({}))).toEqual(outside('data.google_secret_manager_secret_version.d.secret_data'));
      expect(through(GOOGLE_PASSWORD, google({ project: 'proj-b' }), googleLookup({ project: 'proj-b' }))).toEqual({ status: 'pass' });
      // By the secret's ID, which holds its project.
      expect(through(GOOGLE_PASSWORD, google({ project: 'proj-b' }), googleLookup({ secret: '${google_secret_manager_secret.pw.id}' }))).toEqual({ status: 'pass' });
      expect(through(GOOGLE_PASSWORD, google({ project: 'proj-b' }), googleLookup({ project: 'proj-a' }))).toEqual(outside('data.google_secret_manager_secret_version.d.secret_data'));
      expect(through(GOOGLE_PASSWORD, google({ provider: 'google.b' }), googleLookup({ secret: '${google_secret_manager_secret.pw.secret_id}' }))).toEqual(outside('data.google_secret_manager_secret_version.d.secret_data'));
      const aws = (secret: object, lookup: object) => through('${data.aws_secretsmanager_secret_version.d.secret_string}', {
        aws_secretsmanager_secret: { db: { name: 'db-pw', ...secret } },
        aws_secretsmanager_secret_version: { s: { secret_id: '${aws_secretsmanager_secret.db.id}', secret_string: '${random_password.pw.result}' } },
      }, { aws_secretsmanager_secret_version: { d: { secret_id: 'db-pw', ...lookup } } });
      expect(aws({}, {})).toEqual({ status: 'pass' });
      expect(aws({ region: 'us-east-1' }, {})).toEqual(outside('data.aws_secretsmanager_secret_version.d.secret_string'));
      expect(aws({ provider: 'aws.prod' }, {})).toEqual(outside('data.aws_secretsmanager_secret_version.d.secret_string'));
    });

    test('an argument only the store sets that may tell it from another (an App Configuration label) makes the lookup unsure (A73a-3)', () => {
      const STORE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.AppConfiguration/configurationStores/cfg';
      const appConfiguration = (store: object, lookup: object) => through('${data.azurerm_app_configuration_key.d.value}',
        { azurerm_app_configuration_key: { k: { configuration_store_id: STORE, key: 'db/pw', value: '${random_password.pw.result}', content_type: 'password', tags: { team: 'orders' }, ...store } } },
        { azurerm_app_configuration_key: { d: { configuration_store_id: STORE, key: 'db/pw', ...lookup } } });
      expect(appConfiguration({}, {})).toEqual({ status: 'pass' });
      expect(appConfiguration({ label: 'prod' }, { label: 'prod' })).toEqual({ status: 'pass' });
      expect(appConfiguration({ label: 'prod' }, {})).toEqual(outside('data.azurerm_app_configuration_key.d.value'));
      // Keys are case-sensitive, as every name of a store outside Azure Resource Manager is (74th run, A74a-1).
      expect(appConfiguration({ key: 'DB/PW' }, {})).toEqual(outside('data.azurerm_app_configuration_key.d.value'));
      expect(appConfiguration({ key: 'db/pw ' }, {})).toEqual(outside('data.azurerm_app_configuration_key.d.value'));
      // Nor is the lookup read as the resource (data-source-aliases.ts), which would take it off the password's way.
      const aliased = (store: object) => JSON.stringify(aliasDataSources({ resource: { azurerm_app_configuration_key: { k: { configuration_store_id: STORE, key: 'db/pw', ...store } } },
        data: { azurerm_app_configuration_key: { d: { configuration_store_id: STORE, key: 'db/pw' } } }, output: { o: { value: '${data.azurerm_app_configuration_key.d.value}' } } }));
      expect(aliased({})).toContain('"value":"${azurerm_app_configuration_key.k.value}"');
      expect(aliased({ label: 'prod' })).toContain('"value":"${data.azurerm_app_configuration_key.d.value}"');
      expect(aliased({ key: 'DB/PW' })).toContain('"value":"${data.azurerm_app_configuration_key.d.value}"');
    });

    test('text that reads a block\'s own instance (each, count.index) is alike only over the same for_each or count (A73a-4)', () => {
      const vault = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv';
      const keyVault = (store: object, lookup: object, password = '${data.azurerm_key_vault_secret.d["x"].value}') => through(password,
        { azurerm_key_vault_secret: { s: { key_vault_id: vault, value: '${random_password.pw.result}', ...store } } },
        { azurerm_key_vault_secret: { d: { key_vault_id: vault, ...lookup } } });
      // Named with the instance read, as written (the checks' aliasing drops it: A72a-3's test).
      const keyed = expect.objectContaining({ status: 'fail', message: expect.stringMatching(/comes from data\.azurerm_key_vault_secret\.d(\[[^\]]*\])?\.value, no generator/) });
      const each = (items: string) => ({ for_each: items, name: '${each.value}-pw' });
      expect(keyVault(each('${{x = var.a}}'), each('${{x = var.a}}'))).toEqual({ status: 'pass' });
      expect(keyVault(each('${{x = var.a}}'), each('${{x = var.c}}'))).toEqual(keyed);
      const counted = (count: number) => ({ count, name: 'pw-${count.index}' });
      expect(keyVault(counted(2), counted(2), '${data.azurerm_key_vault_secret.d[1].value}')).toEqual({ status: 'pass' });
      expect(keyVault(counted(2), counted(3), '${data.azurerm_key_vault_secret.d[2].value}')).toEqual(keyed);
    });
  });

  // 74th run: a secret that takes a version from any block that writes one.
  test('an AWS secret read back is read as every version any block may write to it, not the stack\'s alone (A74a-2)', () => {
    const aws = (others: object) => [judgeWhole, (t: object) => judgeWhole(aliasDataSources(t) as object)].map((judge) => judge({ ...databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: '${data.aws_secretsmanager_secret_version.d.secret_string}' }) },
      random_password: { pw: GENERATOR },
      time_rotating: { rotation: ROTATION },
      aws_secretsmanager_secret: { db: { name: 'db-pw' } },
      aws_secretsmanager_secret_version: { s: { secret_id: '${aws_secretsmanager_secret.db.id}', secret_string: '${random_password.pw.result}' }, ...others },
    }), data: { aws_secretsmanager_secret_version: { d: { secret_id: '${aws_secretsmanager_secret.db.id}' } } } }));
    expect(aws({})).toEqual([{ status: 'pass' }, { status: 'pass' }]);
    // Another version given the secret by a variable may be written after the stack's, with a literal.
    const other = expect.objectContaining({ status: 'fail', message: expect.stringContaining('data.aws_secretsmanager_secret_version.d.secret_string') });
    expect(aws({ o: { secret_id: '${var.sid}', secret_string: 'hunter2-literal' } })).toEqual([other, other]);
  });

  // 75th run: a second writer's literal given write-only; Google's regional secrets; two secrets of one type.
  describe('what the 75th run found', () => {
    const both = (t: object) => [judgeWhole, (each: object) => judgeWhole(aliasDataSources(each) as object)].map((judge) => judge(t));
    const stack = (stores: object, lookups: object, password: string) => ({ ...databaseStack({
      postgresql_role: { a: passwordRole('billing', { password_wo: password }) },
      random_password: { pw: GENERATOR },
      time_rotating: { rotation: ROTATION },
      ...stores,
    }), data: lookups });
    const AWS_PASSWORD = '${data.aws_secretsmanager_secret_version.d.secret_string}';
    const awsVersions = (others: object) => ({
      aws_secretsmanager_secret: { db: { name: 'db-pw' } },
      aws_secretsmanager_secret_version: { s: { secret_id: '${aws_secretsmanager_secret.db.id}', secret_string: '${random_password.pw.result}' }, ...others },
    });
    const awsLookup = (secretId: string) => ({ aws_secretsmanager_secret_version: { d: { secret_id: secretId } } });
    const PASS = [{ status: 'pass' }, { status: 'pass' }];

    test('a literal another version of the secret is given write-only ends the way there (A75a-1)', () => {
      const literal = { o: { secret_id: '${aws_secretsmanager_secret.db.id}', secret_string_wo: 'hunter2-literal', secret_string_wo_version: '${time_rotating.rotation.unix}' } };
      const outside = expect.objectContaining({ status: 'fail', message: expect.stringContaining('comes from aws_secretsmanager_secret_version.o.secret_string_wo, no generator') });
      expect(both(stack(awsVersions(literal), awsLookup('${aws_secretsmanager_secret.db.id}'), AWS_PASSWORD))).toEqual([outside, outside]);
      // A conditional with a literal branch, given through a relay, ends there too.
      const relayed = stack({ terraform_data: { relay: { input: '${var.on ? random_password.pw.result : "hunter2-literal"}' } } }, {}, '${terraform_data.relay.output}');
      expect(judgeWhole(relayed)).toEqual(expect.objectContaining({ status: 'fail' }));
    });

    test('a Google regional secret read back is read as every version any block may write to it (A75a-2)', () => {
      const regional = (others: object) => stack({
        google_secret_manager_regional_secret: { pw: { secret_id: 'db-pw', location: 'europe-west1' } },
        google_secret_manager_regional_secret_version: { s: { secret: '${google_secret_manager_regional_secret.pw.id}', secret_data: '${random_password.pw.result}' }, ...others },
      }, { google_secret_manager_regional_secret_version: { d: { secret: '${google_secret_manager_regional_secret.pw.id}' } } }, '${data.google_secret_manager_regional_secret_version.d.secret_data}');
      expect(both(regional({}))).toEqual(PASS);
      const other = expect.objectContaining({ status: 'fail' });
      expect(both(regional({ o: { secret: '${var.sid}', secret_data: 'hunter2-literal' } }))).toEqual([other, other]);
    });

    // 76th run, A76a-7 (false failure): a regional secret is looked up by its name and location, which places it as a region does.
    test('a Google regional secret looked up by name and location is the stack\'s (A76a-7)', () => {
      const lookup = (location: string) => both(stack({
        google_secret_manager_regional_secret: { pw: { secret_id: 'db-pw', location: 'europe-west1' } },
        google_secret_manager_regional_secret_version: { s: { secret: '${google_secret_manager_regional_secret.pw.id}', secret_data: '${random_password.pw.result}' } },
      }, { google_secret_manager_regional_secret_version: { d: { secret: 'db-pw', location } } }, '${data.google_secret_manager_regional_secret_version.d.secret_data}'));
      expect(lookup('europe-west1')).toEqual(PASS);
      expect(lookup('us-east1')).toEqual([expect.objectContaining({ status: 'fail' }), expect.objectContaining({ status: 'fail' })]);
    });

    // 81st run, A81a-6 (false failure): a Google secret looked up by its full resource name, its project literal on the block.
    test('a Google secret looked up by its full resource name is the stack\'s when its project is written (A81a-6)', () => {
      const FAIL = [expect.objectContaining({ status: 'fail' }), expect.objectContaining({ status: 'fail' })];
      const byName = (project: object, secret: string) => both(stack({
        google_secret_manager_secret: { pw: { secret_id: 'db-pw', ...project, replication: { auto: {} } } },
        google_secret_manager_secret_version: { s: { secret: '${google_secret_manager_secret.pw.id}', secret_data: '${random_password.pw.result}' } },
      }, { google_secret_manager_secret_version: { d: { secret } } }, '${data.google_secret_manager_secret_version.d.secret_data}'));
      expect(byName({ project: 'p' }, 'projects/p/secrets/db-pw')).toEqual(PASS);
      expect(byName({ project: 'p' }, '//secretmanager.googleapis.com/projects/p/secrets/db-pw')).toEqual(PASS);
      expect(byName({ project: 'p' }, 'projects/q/secrets/db-pw')).toEqual(FAIL);
      // The provider's project is not known here: a full name may be another project's.
      expect(byName({}, 'projects/p/secrets/db-pw')).toEqual(FAIL);
    });

    test('another secret of the stack beside it is not what a lookup of this one by name or ARN finds (A75a-3)', () => {
      const api = { aws_secretsmanager_secret: { db: { name: 'db-pw' }, api: { name: 'api-key' } }, aws_secretsmanager_secret_version: {
        s: { secret_id: '${aws_secretsmanager_secret.db.id}', secret_string: '${random_password.pw.result}' },
        a: { secret_id: '${aws_secretsmanager_secret.api.id}', secret_string: '${var.api_key}' },
      } };
      expect(both(stack(api, awsLookup('db-pw'), AWS_PASSWORD))).toEqual(PASS);
      expect(both(stack(api, awsLookup('${aws_secretsmanager_secret.db.arn}'), AWS_PASSWORD))).toEqual(PASS);
      // A secret named only later (a prefix) may be the one a name finds.
      const prefixed = { ...api, aws_secretsmanager_secret: { db: { name: 'db-pw' }, api: { name_prefix: 'api-' } } };
      expect(both(stack(prefixed, awsLookup('db-pw'), AWS_PASSWORD))).toEqual([expect.objectContaining({ status: 'fail' }), expect.objectContaining({ status: 'fail' })]);
    });

    // 78th run, A78a-3/4 (false failures): a secret looked up by a literal name is that name's, and a name may hold "/".
    test('a version written to another secret, looked up by its name or named with "/", is not the role\'s (A78a-3/4)', () => {
      const FAIL = [expect.objectContaining({ status: 'fail' }), expect.objectContaining({ status: 'fail' })];
      const viaLookup = (name: string) => both(stack(awsVersions({ o: { secret_id: '${data.aws_secretsmanager_secret.api.arn}', secret_string: 'hunter2-literal' } }),
        { ...awsLookup('db-pw'), aws_secretsmanager_secret: { api: { name } } }, AWS_PASSWORD));
      expect(viaLookup('api-key')).toEqual(PASS);
      expect(viaLookup('db-pw')).toEqual(FAIL);
      expect(viaLookup('${var.name}')).toEqual(FAIL);
      const slashed = (lookedUp: string) => both(stack({ aws_secretsmanager_secret: { db: { name: 'prod/db/pw' }, api: { name: 'prod/api/key' } }, aws_secretsmanager_secret_version: {
        s: { secret_id: '${aws_secretsmanager_secret.db.id}', secret_string: '${random_password.pw.result}' },
        a: { secret_id: '${aws_secretsmanager_secret.api.id}', secret_string: '${var.api_key}' },
      } }, awsLookup(lookedUp), AWS_PASSWORD));
      expect(slashed('prod/db/pw')).toEqual(PASS);
      expect(slashed('prod/api/key')).toEqual(FAIL);
      // A literal ARN another version writes is compared with the secret's own by the name it spells.
      const byArn = (arn: string) => both(stack(awsVersions({ o: { secret_id: arn, secret_string: 'hunter2-literal' } }), awsLookup('${aws_secretsmanager_secret.db.arn}'), AWS_PASSWORD));
      expect(byArn('arn:aws:secretsmanager:eu-west-1:111122223333:secret:api-key-AbCdEf')).toEqual(PASS);
      expect(byArn('arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-pw-AbCdEf')).toEqual(FAIL);
    });

    test('an App Configuration lookup by its store\'s ID in another case is the store\'s, its key compared as written (A75a-4)', () => {
      const STORE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.AppConfiguration/configurationStores/cfg';
      const appConfiguration = (lookupStore: string, key: string) => both(stack(
        { azurerm_app_configuration_key: { k: { configuration_store_id: STORE, key: 'db/pw', value: '${random_password.pw.result}' } } },
        { azurerm_app_configuration_key: { d: { configuration_store_id: lookupStore, key } } }, '${data.azurerm_app_configuration_key.d.value}'));
      expect(appConfiguration(STORE.replace('/rg/', '/RG/'), 'db/pw')).toEqual(PASS);
      expect(appConfiguration(STORE, 'DB/pw')).toEqual([expect.objectContaining({ status: 'fail' }), expect.objectContaining({ status: 'fail' })]);
      // Only an azurerm store's ID argument: a file's name that looks like an ID is compared as written (76th run, A76a-4).
      const file = (looked: string) => both(stack({ local_sensitive_file: { f: { filename: '/subscriptions/x/pw.txt', content: '${random_password.pw.result}' } } },
        { local_sensitive_file: { d: { filename: looked } } }, '${data.local_sensitive_file.d.content}'));
      expect(file('/subscriptions/x/pw.txt')).toEqual(PASS);
      expect(file('/subscriptions/x/PW.txt')).toEqual([expect.objectContaining({ status: 'fail' }), expect.objectContaining({ status: 'fail' })]);
    });

    test('a block that names the secret by its literal ARN is not another secret of that name (76th run, A76a-3)', () => {
      const ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-pw-AbCdEf';
      const rotation = { ...awsVersions({ o: { secret_id: '${aws_secretsmanager_secret_rotation.r.id}', secret_string: '${var.other}' } }), aws_secretsmanager_secret_rotation: { r: { secret_id: ARN, rotation_lambda_arn: 'arn:aws:lambda:eu-west-1:111122223333:function:rotate' } } };
      expect(both(stack(rotation, awsLookup('db-pw'), AWS_PASSWORD))).toEqual([expect.objectContaining({ status: 'fail' }), expect.objectContaining({ status: 'fail' })]);
    });

    // 76th run, A76a-1/2: a write-only argument echoes nothing, so PGD-IAM-2 never read what a second writer gives it.
    test('a write-only writer of the secret is read as PGD-IAM-2 reads a password: references alone (A76a-1/2)', () => {
      const written = (value: string) => both(stack(awsVersions({ o: { secret_id: '${aws_secretsmanager_secret.db.id}', secret_string_wo: value, secret_string_wo_version: '${time_rotating.rotation.unix}' } }), awsLookup('${aws_secretsmanager_secret.db.id}'), AWS_PASSWORD));
      const outside = expect.objectContaining({ status: 'fail', message: expect.stringContaining('comes from aws_secretsmanager_secret_version.o.secret_string_wo (not written from references alone), no generator') });
      for (const value of ['${sensitive("hunter2-literal")}', '${base64encode("hunter2")}', '${jsonencode("hunter2")}', '${substr(random_password.pw.result, 0, 1)}', '${format("hunter2%.0s", random_password.pw.result)}', '${replace(random_password.pw.result, "/.*/", "x")}']) {
        expect([value, written(value)]).toEqual([value, [outside, outside]]);
      }
      // The generator itself, or under a function that keeps its text, is followed to the rotation as before.
      expect(written('${random_password.pw.result}')).toEqual(PASS);
      expect(written('${sensitive(random_password.pw.result)}')).toEqual(PASS);
    });

    // 78th run, A78a-1: a Key Vault lookup was read as the one secret it surely finds, beside another it may find.
    test('a Key Vault lookup beside a second secret named only later reads back what that one writes too (A78a-1)', () => {
      const vault = (other: object) => both(stack({
        azurerm_key_vault: { kv: { name: 'kv-app', resource_group_name: 'rg', location: 'westeurope', tenant_id: '11111111-2222-3333-4444-555555555555', sku_name: 'standard' } },
        azurerm_key_vault_secret: { s: { name: 'billing', key_vault_id: '${azurerm_key_vault.kv.id}', value_wo: '${random_password.pw.result}', value_wo_version: '${time_rotating.rotation.unix}' }, ...other },
      }, { azurerm_key_vault_secret: { k: { name: 'billing', key_vault_id: '${azurerm_key_vault.kv.id}' } } }, '${data.azurerm_key_vault_secret.k.value}'));
      const FAIL = [expect.objectContaining({ status: 'fail' }), expect.objectContaining({ status: 'fail' })];
      expect(vault({})).toEqual(PASS);
      expect(vault({ o: { name: 'other', key_vault_id: '${azurerm_key_vault.kv.id}', value: 'hunter2' } })).toEqual(PASS);
      expect(vault({ o: { name: '${var.n}', key_vault_id: '${azurerm_key_vault.kv.id}', value: 'hunter2' } })).toEqual(FAIL);
      expect(vault({ o: { for_each: '${var.names}', name: '${each.key}', key_vault_id: '${azurerm_key_vault.kv.id}', value: 'hunter2' } })).toEqual(FAIL);
      expect(vault({ o: { name: 'billing', key_vault_id: '${var.vault}', value: 'hunter2' } })).toEqual(FAIL);
    });

    // 78th run, A78a-2: a block of another type (an azapi write, a manifest, Cloud Control, a command) writing the store was not seen.
    test('a store another type may write in a way the checks do not read is read as unreadable, by PGD-IAM-2 too (A78a-2)', () => {
      const KV_STORE = { azurerm_key_vault_secret: { s: { name: 'billing', key_vault_id: '${var.kv}', value_wo: '${random_password.pw.result}', value_wo_version: '${time_rotating.rotation.unix}' } } };
      const keyVault = (other: object) => stack({ ...KV_STORE, ...other }, { azurerm_key_vault_secret: { k: { name: 'billing', key_vault_id: '${var.kv}' } } }, '${data.azurerm_key_vault_secret.k.value}');
      const unread = (address: string, what: string) => expect.objectContaining({ status: 'fail', message: expect.stringContaining(`, which ${address} (${what}) may write in a way the checks do not read`) });
      const bothRules = (t: object) => [...both(t), judgeIn(passwordInConfiguration, t)];
      const SECRET_TYPE = 'Microsoft.KeyVault/vaults/secrets@2023-07-01';
      const literalBody = { properties: { value: 'hunter2-literal' } };
      expect(bothRules(keyVault({}))).toEqual([...PASS, { status: 'pass' }]);
      const azapiWrites: [object, string, string][] = [
        [{ azapi_resource: { w: { type: SECRET_TYPE, name: 'billing', parent_id: '${var.kv}', body: literalBody } } }, 'azapi_resource.w', `an azapi_resource of type "${SECRET_TYPE}"`],
        [{ azapi_update_resource: { w: { type: SECRET_TYPE, resource_id: '${var.kv}/secrets/billing', body: literalBody } } }, 'azapi_update_resource.w', `an azapi_update_resource of type "${SECRET_TYPE}"`],
        [{ azapi_resource: { w: { type: SECRET_TYPE, name: '${var.n}', parent_id: '${var.kv}', body: literalBody } } }, 'azapi_resource.w', `an azapi_resource of type "${SECRET_TYPE}"`],
        // An action is read as the request it sends: a PUT of the secret below the vault (azapi-writes.ts actionRequest).
        [{ azapi_resource_action: { w: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: '${var.kv}', action: 'secrets/billing', method: 'PUT', body: literalBody } } }, 'azapi_resource_action.w', `an azapi_resource_action of type "${SECRET_TYPE}"`],
        [{ azurerm_resource_group_template_deployment: { w: { name: 'd', resource_group_name: 'rg', deployment_mode: 'Incremental', template_content: '{"resources":[]}' } } }, 'azurerm_resource_group_template_deployment.w', 'an azurerm_resource_group_template_deployment'],
        [{ null_resource: { w: { provisioner: [{ 'local-exec': { command: 'az keyvault secret set --vault-name kv --name billing --value hunter2' } }] } } }, 'null_resource.w', 'a provisioner (local-exec)'],
      ];
      for (const [other, address, what] of azapiWrites) expect(bothRules(keyVault(other))).toEqual([unread(address, what), unread(address, what), unread(address, what)]);
      // A command among the data sources runs at every plan: it may write the secret too.
      const external = stack(KV_STORE, { azurerm_key_vault_secret: { k: { name: 'billing', key_vault_id: '${var.kv}' } }, external: { e: { program: ['sh', '-c', 'az keyvault secret set --name billing --value x'] } } }, '${data.azurerm_key_vault_secret.k.value}');
      expect(bothRules(external)).toEqual(Array(3).fill(unread('data.external.e', 'an external data source, which runs a program at every plan,')));
      // So does a request a check block sends, a removed block's destroy-time provisioner, an action: the lookup is not read as the secret.
      const request = { h: { url: 'https://kv.vault.azure.net/secrets/billing?api-version=7.4', method: 'PUT', request_body: '{"value":"hunter2"}' } };
      expect(bothRules({ ...keyVault({}), check: { c: { data: { http: request } } } })).toEqual(Array(3).fill(unread('check.c.data.http.h', 'an http data source with method "PUT", sent at every plan,')));
      const removed = { from: 'null_resource.old', lifecycle: { destroy: true }, provisioner: [{ 'local-exec': { when: 'destroy', command: 'az keyvault secret set --name billing --value x' } }] };
      expect(bothRules({ ...keyVault({}), removed: [removed] })).toEqual(Array(3).fill(unread('removed.null_resource.old', 'a provisioner (local-exec)')));
      expect(bothRules({ ...keyVault({}), action: { local_command: { run: { config: { command: 'az' } } } } })).toEqual(Array(3).fill(unread('action.local_command.run', 'an action of type local_command')));
      // The aliasing reads every block as the model does: an ephemeral action, and an action read as the request it sends (its URL
      // names the secret below a resource group or the vault's secrets: 79th run, A79a-1/2).
      const put = (resourceId: string, action: string, type = 'Microsoft.Resources/resourceGroups@2021-04-01') => ({ type, resource_id: resourceId, action, method: 'PUT', body: literalBody });
      const ephemeralAction = { ...keyVault({}), ephemeral: { azapi_resource_action: { w: put('${var.kv}', 'secrets/billing', 'Microsoft.KeyVault/vaults@2023-07-01') } } };
      expect(bothRules(ephemeralAction)).toEqual(Array(3).fill(unread('ephemeral.azapi_resource_action.w', `an azapi_resource_action of type "${SECRET_TYPE}"`)));
      const RG = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg';
      for (const [resourceId, action] of [[RG, 'providers/Microsoft.KeyVault/vaults/kv/secrets/billing'], [`${RG}/providers/Microsoft.KeyVault/vaults/kv/secrets`, 'billing']]) {
        expect(bothRules(keyVault({ azapi_resource_action: { w: put(resourceId, action) } }))).toEqual(Array(3).fill(unread('azapi_resource_action.w', 'an azapi_resource_action of type "Microsoft.KeyVault/vaults/secrets@2021-04-01"')));
      }
      expect(bothRules(keyVault({ azapi_resource_action: { w: put(RG, 'providers/Microsoft.KeyVault/vaults/kv/secrets/other') } }))).toEqual([...PASS, { status: 'pass' }]);
      // Another type, another literal name, or an action that only reads writes no such secret.
      for (const other of [
        { azapi_resource: { w: { type: 'Microsoft.Storage/storageAccounts@2023-01-01', name: 'sa', parent_id: '${var.rg}', body: {} } } },
        { azapi_resource: { w: { type: SECRET_TYPE, name: 'api-key', parent_id: '${var.kv}', body: literalBody } } },
        { azapi_resource_action: { w: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: '${var.kv}', action: 'listKeys' } } },
        { null_resource: { w: { triggers: { at: '${timestamp()}' } } } },
      ]) expect(bothRules(keyVault(other))).toEqual([...PASS, { status: 'pass' }]);
      // A certificate's secret bears its name.
      const certificate = (name: string) => ({ azurerm_key_vault_certificate: { c: { name, key_vault_id: '${var.kv}', certificate: { contents: 'TUlJQ...' } } } });
      expect(bothRules(keyVault(certificate('billing')))).toEqual(Array(3).fill(unread('azurerm_key_vault_certificate.c', 'an azurerm_key_vault_certificate, whose secret bears its name')));
      expect(bothRules(keyVault(certificate('tls-cert')))).toEqual([...PASS, { status: 'pass' }]);
      // Billing's secret written in another case is the same Key Vault secret.
      const upper = { azapi_resource: { w: { type: SECRET_TYPE, name: 'BILLING', parent_id: '${var.kv}', body: literalBody } } };
      expect(bothRules(keyVault(upper))).toEqual([unread('azapi_resource.w', `an azapi_resource of type "${SECRET_TYPE}"`), expect.anything(), expect.anything()]);
      // Kubernetes, AWS and Google stores, with the writers of their own kinds.
      const K8S_STORE = { kubernetes_secret_v1: { s: { metadata: { name: 'billing', namespace: 'db' }, data: { pw: '${random_password.pw.result}' } } } };
      const kubernetes = (other: object) => stack({ ...K8S_STORE, ...other }, { kubernetes_secret_v1: { d: { metadata: { name: 'billing', namespace: 'db' } } } }, '${data.kubernetes_secret_v1.d.data.pw}');
      const manifest = (kind: string, name = 'billing') => ({ kubernetes_manifest: { w: { manifest: { apiVersion: 'v1', kind, metadata: { name, namespace: 'db' }, data: { pw: 'aHVudGVyMg==' } } } } });
      expect(bothRules(kubernetes({}))).toEqual([...PASS, { status: 'pass' }]);
      expect(bothRules(kubernetes(manifest('Secret')))).toEqual(Array(3).fill(unread('kubernetes_manifest.w', 'a kubernetes_manifest of kind "Secret"')));
      expect(bothRules(kubernetes(manifest('ConfigMap')))).toEqual([...PASS, { status: 'pass' }]);
      expect(bothRules(kubernetes(manifest('Secret', 'other')))).toEqual([...PASS, { status: 'pass' }]);
      expect(bothRules(kubernetes({ kubectl_manifest: { w: { yaml_body: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing\n' } } }))).toEqual(Array(3).fill(unread('kubectl_manifest.w', 'a kubectl_manifest of kind "Secret"')));
      expect(bothRules(kubernetes({ kubectl_manifest: { w: { yaml_body: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: db\n' } } }))).toEqual([...PASS, { status: 'pass' }]);
      expect(bothRules(kubernetes({ helm_release: { w: { name: 'app', chart: 'app' } } }))).toEqual(Array(3).fill(unread('helm_release.w', 'a helm_release, whose objects a controller may make into any store')));
      const aws = (other: object) => stack({ ...awsVersions({}), ...other }, awsLookup('${aws_secretsmanager_secret.db.id}'), AWS_PASSWORD);
      expect(bothRules(aws({}))).toEqual([...PASS, { status: 'pass' }]);
      expect(bothRules(aws({ awscc_secretsmanager_secret: { w: { name: 'db-pw', secret_string: 'hunter2-literal' } } }))).toEqual(Array(3).fill(unread('awscc_secretsmanager_secret.w', 'an awscc_secretsmanager_secret')));
      const cloudFormation = (template: string) => bothRules(aws({ aws_cloudformation_stack: { w: { name: 'cfn', template_body: template } } }));
      expect(cloudFormation('{"Resources":{"S":{"Type":"AWS::SecretsManager::Secret"}}}')).toEqual(Array(3).fill(unread('aws_cloudformation_stack.w', 'an aws_cloudformation_stack whose template may make an AWS::SecretsManager::Secret')));
      expect(cloudFormation('{"Resources":{"B":{"Type":"AWS::S3::Bucket"}}}')).toEqual([...PASS, { status: 'pass' }]);
      expect(bothRules(aws({ aws_cloudformation_stack_set: { w: { name: 'set', template_body: '${file("set.json")}' } } }))).toEqual(Array(3).fill(unread('aws_cloudformation_stack_set.w', 'an aws_cloudformation_stack_set whose template may make an AWS::SecretsManager::Secret')));
      expect(bothRules(aws({ aws_lambda_invocation: { w: { function_name: 'seed', input: '{}' } } }))).toEqual(Array(3).fill(unread('aws_lambda_invocation.w', 'an aws_lambda_invocation, which runs a function when applied')));
      expect(bothRules(kubernetes({ k8s_manifest: { w: { content: 'kind: Secret' } } }))).toEqual(Array(3).fill(unread('k8s_manifest.w', 'a k8s_manifest whose objects are known only later')));
    });

    // 80th run, A80a-1/2/3/5/6: more writers of other kinds into a store a role reads back, and a Vault endpoint elsewhere.
    test('a raw Vault write, a copied or archived file and templates the stack does not show write the store; an endpoint elsewhere does not (A80a)', () => {
      const bothRules = (t: object) => [...both(t), judgeIn(passwordInConfiguration, t)];
      const NONE = [...PASS, { status: 'pass' }];
      const unreadBy = (address: string) => Array(3).fill(expect.objectContaining({ status: 'fail', message: expect.stringContaining(`, which ${address} (`) }));
      const VAULT_STORE = { vault_kv_secret_v2: { s: { mount: 'kv', name: 'billing', data_json_wo: '${jsonencode({pw = random_password.pw.result})}', data_json_wo_version: '${time_rotating.rotation.unix}' } } };
      const vault = (other: object) => stack({ ...VAULT_STORE, ...other }, { vault_kv_secret_v2: { d: { mount: 'kv', name: 'billing' } } }, '${data.vault_kv_secret_v2.d.data.pw}');
      const endpoint = (path: string) => ({ vault_generic_endpoint: { w: { path, data_json: '{"data":{"pw":"hunter2"}}' } } });
      expect(bothRules(vault({}))).toEqual(NONE);
      expect(bothRules(vault(endpoint('kv/data/billing')))).toEqual(unreadBy('vault_generic_endpoint.w'));
      expect(bothRules(vault(endpoint('auth/userpass/users/alice')))).toEqual(NONE);
      const FILE_STORE = { local_sensitive_file: { s: { filename: '${path.module}/db.txt', content: '${random_password.pw.result}' } } };
      const file = (other: object) => stack({ ...FILE_STORE, ...other }, { local_sensitive_file: { d: { filename: '${path.module}/db.txt' } } }, '${data.local_sensitive_file.d.content}');
      expect(both(file({}))).toEqual(PASS);
      expect(bothRules(file({ local_file: { w: { filename: '${path.module}/db.txt', source: '${path.module}/fixed.txt' } } }))).toEqual(unreadBy('local_file.w'));
      expect(bothRules(file({ archive_file: { w: { type: 'zip', output_path: '${path.module}/db.txt', source_content: 'hunter2', source_content_filename: 'a' } } }))).toEqual(unreadBy('archive_file.w'));
      const aws = (other: object) => stack({ ...awsVersions({}), ...other }, awsLookup('${aws_secretsmanager_secret.db.id}'), AWS_PASSWORD);
      expect(bothRules(aws({ aws_cloudformation_stack_set_instance: { w: { stack_set_name: 'existing-set', region: 'eu-west-1' } } }))).toEqual(unreadBy('aws_cloudformation_stack_set_instance.w'));
      expect(bothRules(aws({ aws_servicecatalog_provisioned_product: { w: { name: 'p', product_id: 'prod-x', provisioning_artifact_name: 'v1' } } }))).toEqual(unreadBy('aws_servicecatalog_provisioned_product.w'));
      expect(bothRules(aws({ aws_cloudformation_stack: { w: { name: 'x', template_body: 'Resources:\n  S:\n    Type: My::Secret::MODULE\n' } } }))).toEqual(unreadBy('aws_cloudformation_stack.w'));
      expect(bothRules(aws({ aws_cloudformation_stack: { w: { name: 'x', template_body: 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n' } } }))).toEqual(NONE);
    });

    // 81st run, A81a-1/2/3/7: the generic Cloud Control resource, controllers' custom resources and charts (into any store),
    // writers among the data sources, rendered template directories, a kind spelled with an escape.
    test('Cloud Control by type, custom resources and charts, plan-time writers and escaped kinds write stores (A81a)', () => {
      const NONE = [...PASS, { status: 'pass' }];
      const bothRules = (t: object) => [...both(t), judgeIn(passwordInConfiguration, t)];
      const unreadBy = (address: string) => Array(3).fill(expect.objectContaining({ status: 'fail', message: expect.stringContaining(`, which ${address} (`) }));
      const aws = (other: object, lookups: object = {}) => stack({ ...awsVersions({}), ...other }, { ...awsLookup('${aws_secretsmanager_secret.db.id}'), ...lookups }, AWS_PASSWORD);
      const cloudControl = (typeName: string) => bothRules(aws({ aws_cloudcontrolapi_resource: { w: { type_name: typeName, desired_state: '{"Name":"db-pw","SecretString":"hunter2"}' } } }));
      expect(cloudControl('AWS::SecretsManager::Secret')).toEqual(unreadBy('aws_cloudcontrolapi_resource.w'));
      expect(cloudControl('AWS::S3::Bucket')).toEqual(NONE);
      // A controller's custom resource may write a cloud's store; a manifest of Kubernetes' own kinds other than a Secret does not.
      const manifest = (apiVersion: string, kind: string) => ({ kubernetes_manifest: { w: { manifest: { apiVersion, kind, metadata: { name: 'db', namespace: 'app' }, spec: {} } } } });
      expect(bothRules(aws(manifest('external-secrets.io/v1alpha1', 'PushSecret')))).toEqual(unreadBy('kubernetes_manifest.w'));
      expect(bothRules(aws(manifest('secretsmanager.services.k8s.aws/v1alpha1', 'Secret')))).toEqual(unreadBy('kubernetes_manifest.w'));
      expect(bothRules(aws(manifest('apps/v1', 'Deployment')))).toEqual(NONE);
      expect(bothRules(aws(manifest('networking.k8s.io/v1', 'NetworkPolicy')))).toEqual(NONE);
      expect(bothRules(aws({ helm_release: { w: { name: 'eso', chart: 'external-secrets' } } }))).toEqual(unreadBy('helm_release.w'));
      // Data sources that act when read; a plain lookup writes nothing.
      expect(bothRules(aws({}, { aws_lambda_invocation: { w: { function_name: 'writer', input: '{"pw":"hunter2"}' } } }))).toEqual(unreadBy('data.aws_lambda_invocation.w'));
      expect(bothRules(aws({}, { aws_secretsmanager_secret: { other: { name: 'api-key' } } }))).toEqual(NONE);
      const FILE_STORE = { local_sensitive_file: { s: { filename: '${path.module}/db.txt', content: '${random_password.pw.result}' } } };
      const file = (other: object, lookups: object = {}) => bothRules(stack({ ...FILE_STORE, ...other }, { local_sensitive_file: { d: { filename: '${path.module}/db.txt' } }, ...lookups }, '${data.local_sensitive_file.d.content}'));
      expect(file({}, { archive_file: { w: { type: 'zip', output_path: '${path.module}/db.txt', source_content: 'hunter2', source_content_filename: 'a' } } })).toEqual(unreadBy('data.archive_file.w'));
      expect(file({ template_dir: { w: { source_dir: 'templates', destination_dir: '${path.module}' } } })).toEqual(unreadBy('template_dir.w'));
      // A kind written with an escape the checks do not decode may be a Secret.
      const K8S_STORE = { kubernetes_secret_v1: { s: { metadata: { name: 'db', namespace: 'app' }, data: { pw: '${random_password.pw.result}' } } } };
      const kubernetes = (yaml: string) => bothRules(stack({ ...K8S_STORE, kubectl_manifest: { w: { yaml_body: yaml } } }, { kubernetes_secret_v1: { d: { metadata: { name: 'db', namespace: 'app' } } } }, '${data.kubernetes_secret_v1.d.data.pw}'));
      expect(kubernetes('{"apiVersion":"v1","kind":"Sec\\u0072et","metadata":{"name":"db","namespace":"app"}}')).toEqual(unreadBy('kubectl_manifest.w'));
      expect(kubernetes('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n')).toEqual(NONE);
      expect(kubernetes('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"db"}}')).toEqual(NONE);
      expect(kubernetes('{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"}}')).toEqual(unreadBy('kubectl_manifest.w'));
      // A document's own kind, never a nested object's, a tagged one or a List's (82nd run, A82a-1).
      expect(kubernetes('apiVersion: v1\nmetadata:\n  name: db\n  annotations:\n    kind: ConfigMap\nkind: Secret\n')).toEqual(unreadBy('kubectl_manifest.w'));
      expect(kubernetes('{"metadata":{"name":"db","labels":{"kind":"web"}},"apiVersion":"v1","kind":"Secret"}')).toEqual(unreadBy('kubectl_manifest.w'));
      expect(kubernetes('apiVersion: v1\nkind: !!str Secret\nmetadata:\n  name: db\n')).toEqual(unreadBy('kubectl_manifest.w'));
      expect(kubernetes('apiVersion: v1\nkind: List\nitems: []\n')).toEqual(unreadBy('kubectl_manifest.w'));
      expect(kubernetes('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  ownerReferences:\n  - apiVersion: v1\n    kind: Secret\n')).toEqual(NONE);
      // A template with an escape may spell any type (A82a-2).
      expect(bothRules(aws({ aws_cloudformation_stack: { w: { name: 'x', template_body: '{"Resources":{"S":{"Type":"AWS::SecretsManager::\\u0053ecret"}}}' } } }))).toEqual(unreadBy('aws_cloudformation_stack.w'));
      // Azure deployments of templates the stack does not show are commands (A81a-4).
      const keyVault = (other: object) => bothRules(stack({ azurerm_key_vault_secret: { s: { name: 'billing', key_vault_id: '${var.kv}', value_wo: '${random_password.pw.result}', value_wo_version: '${time_rotating.rotation.unix}' } }, ...other },
        { azurerm_key_vault_secret: { k: { name: 'billing', key_vault_id: '${var.kv}' } } }, '${data.azurerm_key_vault_secret.k.value}'));
      expect(keyVault({})).toEqual(NONE);
      expect(keyVault({ azurerm_blueprint_assignment: { w: { name: 'bp', target_subscription_id: '${var.sub}', version_id: '${var.bp}', location: 'westeurope' } } })).toEqual(unreadBy('azurerm_blueprint_assignment.w'));
      expect(keyVault({ azurerm_managed_application: { w: { name: 'app', location: 'westeurope', resource_group_name: 'rg', kind: 'ServiceCatalog', managed_resource_group_name: 'mrg', application_definition_id: '${var.def}' } } })).toEqual(unreadBy('azurerm_managed_application.w'));
      expect(keyVault({ azurerm_resource_group_policy_remediation: { w: { name: 'r', resource_group_id: '${var.rg}', policy_assignment_id: '${var.assignment}' } } })).toEqual(unreadBy('azurerm_resource_group_policy_remediation.w'));
      expect(keyVault({ azapi_resource: { w: { type: 'Microsoft.Solutions/applications@2021-07-01', name: 'app', parent_id: '${var.rg}', body: {} } } })).toEqual(unreadBy('azapi_resource.w'));
    });

    // 77th run, A77a-3/4: the JSON secret idiom, `jsondecode(<lookup>).password`, reads that key of what the writer gives.
    test('a key of a JSON secret is read at that key, by PGD-IAM-2 too (A77a-3/4)', () => {
      const json = (writer: object, key: string) => stack({ aws_secretsmanager_secret: { db: { name: 'db-pw' } }, aws_secretsmanager_secret_version: { s: { secret_id: '${aws_secretsmanager_secret.db.id}', ...writer } } },
        awsLookup('${aws_secretsmanager_secret.db.id}'), `\${jsondecode(data.aws_secretsmanager_secret_version.d.secret_string).${key}}`);
      const ENCODED = '${jsonencode({username = "app", password = random_password.pw.result})}';
      const plain = { secret_string: ENCODED };
      const writeOnly = { secret_string_wo: ENCODED, secret_string_wo_version: '${time_rotating.rotation.unix}' };
      const FAIL = expect.objectContaining({ status: 'fail' });
      for (const writer of [plain, writeOnly]) {
        expect(both(json(writer, 'password'))).toEqual(PASS);
        expect(both(json(writer, 'username'))).toEqual([FAIL, FAIL]);
        expect(judgeIn(passwordInConfiguration, json(writer, 'password'))).toEqual({ status: 'pass' });
      }
      expect(judgeIn(passwordInConfiguration, json(plain, 'username'))).toEqual(FAIL);
      // The decoded object kept in a local, then read at its key (the common idiom: 81st run, A81a-5).
      const viaLocal = (password: string) => ({ ...stack({ aws_secretsmanager_secret: { db: { name: 'db-pw' } }, aws_secretsmanager_secret_version: { s: { secret_id: '${aws_secretsmanager_secret.db.id}', ...writeOnly } } },
        awsLookup('${aws_secretsmanager_secret.db.id}'), password), locals: { creds: '${jsondecode(data.aws_secretsmanager_secret_version.d.secret_string)}' } });
      for (const read of ['${local.creds.password}', '${local.creds["password"]}']) {
        expect([read, ...both(viaLocal(read)), judgeIn(passwordInConfiguration, viaLocal(read))]).toEqual([read, ...PASS, { status: 'pass' }]);
      }
      expect(both(viaLocal('${local.creds.username}'))).toEqual([FAIL, FAIL]);
      // A key of a variable's text is read whole, as before: its default may hold literal text.
      expect(judgeIn(passwordInConfiguration, databaseStack({ postgresql_role: { a: passwordRole('billing', { password_wo: '${jsondecode(var.secret).password}' }) } }))).toEqual(FAIL);
    });

    test('a second writer naming the secret by its ARN or full resource name writes the same secret (A76a-5, A77a-1/2)', () => {
      const FAIL = [expect.objectContaining({ status: 'fail' }), expect.objectContaining({ status: 'fail' })];
      const aws = (secretId: string) => both(stack(awsVersions({ o: { secret_id: secretId, secret_string: 'hunter2-literal' } }), awsLookup('db-pw'), AWS_PASSWORD));
      expect(aws('arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-pw-AbCdEf')).toEqual(FAIL);
      expect(aws('arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-pw')).toEqual(FAIL);
      expect(aws('arn:aws:secretsmanager:eu-west-1:111122223333:secret:api-key-AbCdEf')).toEqual(PASS);
      // Spelled with parts known only later: the region, the account, the name (77th run, A77a-1/2).
      expect(aws('arn:aws:secretsmanager:${var.region}:${var.account}:secret:db-pw-AbCdEf')).toEqual(FAIL);
      expect(aws('arn:${var.partition}:secretsmanager:eu-west-1:111122223333:secret:db-pw')).toEqual(FAIL);
      expect(aws('arn:aws:secretsmanager:eu-west-1:111122223333:secret:${var.name}')).toEqual(FAIL);
      expect(aws('arn:aws:secretsmanager:${var.region}:111122223333:secret:api-key-AbCdEf')).toEqual(PASS);
      const google = (secret: string) => both(stack({
        google_secret_manager_secret: { pw: { secret_id: 'db-pw', replication: { auto: {} } } },
        google_secret_manager_secret_version: { s: { secret: '${google_secret_manager_secret.pw.id}', secret_data: '${random_password.pw.result}' }, o: { secret, secret_data: 'hunter2-literal' } },
      }, { google_secret_manager_secret_version: { d: { secret: 'db-pw' } } }, '${data.google_secret_manager_secret_version.d.secret_data}'));
      expect(google('projects/other-project/secrets/db-pw')).toEqual(FAIL);
      expect(google('projects/other-project/secrets/api-key')).toEqual(PASS);
      expect(google('projects/${var.project}/secrets/db-pw')).toEqual(FAIL);
      expect(google('//secretmanager.googleapis.com/projects/${var.project}/secrets/db-pw')).toEqual(FAIL);
      expect(google('projects/p/secrets/${var.secret}')).toEqual(FAIL);
      expect(google('projects/${var.project}/secrets/api-key')).toEqual(PASS);
    });
  });

  test('a password that is a generator\'s id or a copy of the rotation\'s time fails', () => {
    expect(chained({ password_wo: '${random_password.pw.id}' })).toEqual({ status: 'fail', message: 'role billing\'s password_wo reads random_password.pw.id, which is no password random_password.pw makes: it cannot be judged as a password each rotation makes new.', address: 'postgresql_role.a' });
    expect(chained({ password_wo: '${random_password.pw.keepers.rotation}' })).toEqual({ status: 'fail', message: 'role billing\'s password_wo reads time_rotating.rotation.rfc3339, a time any plan shows: it cannot be judged as a password each rotation makes new.', address: 'postgresql_role.a' });
    // Read whole, a function may pick its id or a flag (thirteenth mutation pass, stop 66).
    expect(chained({ password_wo: '${lookup(random_password.pw, "id")}' })).toEqual({ status: 'fail', message: 'role billing\'s password_wo reads random_password.pw, which is no password random_password.pw makes: it cannot be judged as a password each rotation makes new.', address: 'postgresql_role.a' });
    expect(chained({ password_wo: '${random_password.pw["id"]}' })).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringContaining('which is no password random_password.pw makes') }));
  });

  test('the same chain over for_each instances passes, and a for_each generator keeping its key fails', () => {
    const forEach = (keeper: string) => judgeWhole(databaseStack({
      postgresql_role: { a: passwordRole('billing', { for_each: '${var.vendors}', name: '${each.key}', password_wo: '${random_password.pw[each.key].result}', password_wo_version: '${time_rotating.rotation[each.key].rfc3339}', valid_until: '${timeadd(time_rotating.rotation[each.key].rotation_rfc3339, "168h")}' }) },
      random_password: { pw: { ...GENERATOR, for_each: '${var.vendors}', keepers: { rotation: keeper } } },
      time_rotating: { rotation: { ...ROTATION, for_each: '${var.vendors}' } },
    }));
    expect(forEach('${time_rotating.rotation[each.key].rfc3339}')).toEqual({ status: 'pass' });
    expect(forEach('${each.key}')).toEqual(expect.objectContaining({ status: 'fail', message: expect.stringContaining('random_password.pw has no keeper that is the time of time_rotating.rotation') }));
  });
});
