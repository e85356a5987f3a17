import { rule } from '../../../lib/checks/rules/PGF-LOG-10';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge, judgeBesideConstructs, Resources } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withParameters = (parameters: { [name: string]: string }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters(parameters) });

test.each(['ddl,role,misc', 'ROLE, DDL', 'all', 'all,-misc', 'read,-all,ddl,role'])('passes pgaudit.log = %p', (classes) => {
  expect(judge(rule, withParameters({ 'pgaudit.log': classes }))).toEqual({ status: 'pass' });
});

// The subject, what a justification must equal to cover the finding, is the classes pgaudit turns on, in one order.
test.each([
  ['read', 'read'],
  ['ddl,misc', 'ddl,misc'],
  ['role', 'role'],
  ['all,-ddl', 'read,write,function,role,misc,misc_set'],
  ['all,-role', 'read,write,function,ddl,misc,misc_set'],
  ['none', 'none'],
  ['ddl,role,-all', 'none'],
])('fails pgaudit.log = %p, which leaves DDL or ROLE unaudited', (classes, subject) => {
  expect(judge(rule, withParameters({ 'pgaudit.log': classes }))).toEqual({
    status: 'fail',
    message: `server parameter pgaudit.log is ${JSON.stringify(classes)}, not a list that keeps the ddl and role classes on.`,
    address: `${CONFIGURATION}.pgaudit_log`,
    subject: `pgaudit.log classes ${subject}`,
  });
});

test('fails when pgaudit.log is not written (pgaudit then logs nothing)', () => {
  expect(judge(rule, withParameters({}))).toEqual({
    status: 'fail',
    message: 'server parameter pgaudit.log is not set (it must be a list that keeps the ddl and role classes on).',
  });
});

test('a pgaudit.log known only at apply time is unknown', () => {
  expect(judge(rule, withParameters({ 'pgaudit.log': '${var.classes}' }))).toMatchObject({ status: 'unknown', address: `${CONFIGURATION}.pgaudit_log` });
});

// X78-63 (adversarial run of stop 78): with create_before_destroy a replacement creates the new instance over the parameter, then
// the old instance's destroy resets it to Azure's default; under a trigger that changes at each apply, every apply ends so.
test.each([
  [{ create_before_destroy: true, replace_triggered_by: ['terraform_data.tick'] }],
  [{ create_before_destroy: true }],
  [[{ create_before_destroy: '${var.cbd}' }]],
])('fails a pgaudit.log written with lifecycle %j', (lifecycle) => {
  const parameters = flexibleParameters({ 'pgaudit.log': 'ddl,role' });
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: { pgaudit_log: { ...parameters.pgaudit_log, lifecycle } } })).toEqual({
    status: 'fail',
    message: 'server parameter pgaudit.log is written by a resource Terraform replaces create-before-destroy (its lifecycle.create_before_destroy), so each replacement sets it and then the old instance\'s destroy resets it to Azure\'s default.',
    address: `${CONFIGURATION}.pgaudit_log`,
  });
});

test('passes a pgaudit.log written with create_before_destroy = false or a replace trigger alone (destroyed, then set again)', () => {
  const parameters = flexibleParameters({ 'pgaudit.log': 'ddl,role' });
  for (const lifecycle of [{ create_before_destroy: false }, { replace_triggered_by: ['terraform_data.tick'] }]) {
    expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: { pgaudit_log: { ...parameters.pgaudit_log, lifecycle } } })).toEqual({ status: 'pass' });
  }
});

// Z78-2: Terraform forces create_before_destroy onto what a create_before_destroy resource depends on.
test('fails a pgaudit.log that a create_before_destroy resource depends on, by reference or depends_on, through another resource', () => {
  const parameters = flexibleParameters({ 'pgaudit.log': 'ddl,role' });
  const dependants: Resources[] = [
    { terraform_data: { tick: { input: `\${${CONFIGURATION}.pgaudit_log.value}`, lifecycle: { create_before_destroy: true } } } },
    { terraform_data: { tick: { depends_on: [`${CONFIGURATION}.pgaudit_log`], lifecycle: [{ create_before_destroy: true }] } } },
    { terraform_data: { mid: { input: `\${${CONFIGURATION}.pgaudit_log.id}` }, tick: { input: '${terraform_data.mid.output}', lifecycle: { create_before_destroy: true } } } },
  ];
  for (const dependant of dependants) {
    // The message names the resource whose lifecycle forces it, and the cure there (D79-38).
    expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: parameters, ...dependant })).toMatchObject({ status: 'fail', address: `${CONFIGURATION}.pgaudit_log`,
      message: expect.stringContaining('(forced by the lifecycle.create_before_destroy of terraform_data.tick, which depends on it directly or through what it reads; remove that lifecycle, or have terraform_data.tick not depend on it)') });
  }
  const notDepending = { terraform_data: { tick: { input: 'x', lifecycle: { create_before_destroy: true } } } };
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: parameters, ...notDepending })).toEqual({ status: 'pass' });
});

// C79-9, C79-10: through a data source that depends on the parameter, and through a count the evaluator folds to a constant.
test('fails a pgaudit.log a create_before_destroy resource depends on through a data source or a folded count', () => {
  const parameters = flexibleParameters({ 'pgaudit.log': 'ddl,role' });
  const stacks = [
    {
      data: { azurerm_postgresql_flexible_server: { look: { name: 'db', resource_group_name: 'rg', depends_on: [`${CONFIGURATION}.pgaudit_log`] } } },
      resource: { terraform_data: { tick: { input: '${data.azurerm_postgresql_flexible_server.look.fqdn}', lifecycle: { create_before_destroy: true } } } },
    },
    { resource: { terraform_data: { tick: { count: `\${length([${CONFIGURATION}.pgaudit_log.id])}`, input: 'x', lifecycle: { create_before_destroy: true } } } } },
  ];
  for (const { data, resource } of stacks) {
    const terraform = { ...(data === undefined ? {} : { data }), resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: parameters, ...resource } };
    expect(judgeBesideConstructs(rule, terraform, [])).toEqual([expect.objectContaining({ status: 'fail', address: `${CONFIGURATION}.pgaudit_log` })]);
  }
});

// D79-10: through a local the evaluator folds to a constant (`locals { l = [x.id] }` read as `length(local.l)`), and a local naming another.
test('fails a pgaudit.log a create_before_destroy resource depends on through a folded local', () => {
  const parameters = flexibleParameters({ 'pgaudit.log': 'ddl,role' });
  const ticks = [
    { locals: { l: [`\${${CONFIGURATION}.pgaudit_log.id}`] }, input: '${length(local.l)}' },
    { locals: { n: `\${length([${CONFIGURATION}.pgaudit_log.id])}`, m: '${local.n + 1}' }, input: '${local.m}' },
    // HCL names are Unicode identifiers (A80-23).
    { locals: { 'lé': [`\${${CONFIGURATION}.pgaudit_log.id}`] }, input: '${length(local.lé)}' },
  ];
  for (const { locals, input } of ticks) {
    const terraform = (lifecycle: object) => ({ locals, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: parameters, terraform_data: { tick: { input, lifecycle } } } });
    expect(judgeBesideConstructs(rule, terraform({ create_before_destroy: true }), [])).toEqual([expect.objectContaining({ status: 'fail', address: `${CONFIGURATION}.pgaudit_log` })]);
    expect(judgeBesideConstructs(rule, terraform({}), [])).toEqual([expect.objectContaining({ status: 'pass' })]);
  }
});

// Adversarial run of stop 80, A80-1, A80-6, A80-7: through the other nodes of Terraform's graph, a provider configuration (named or
// the type's default one), an ephemeral resource and a variable's validation (Terraform 1.9), each reading the parameter.
test('fails a pgaudit.log a create_before_destroy resource depends on through a provider, an ephemeral resource or a variable', () => {
  const parameters = flexibleParameters({ 'pgaudit.log': 'ddl,role' });
  const reads = `\${substr("11111111-2222-3333-4444-555555555555", length([${CONFIGURATION}.pgaudit_log.id]) - 1, 36)}`;
  const stacks: { [section: string]: unknown }[] = [
    { provider: { azuread: [{ alias: 'x', tenant_id: reads }] }, resource: { azuread_group: { g: { provider: 'azuread.x', display_name: 'g' } } } },
    { provider: { azuread: [{ tenant_id: reads }] }, resource: { azuread_group: { g: { display_name: 'g' } } } },
    { ephemeral: { random_password: { p: { length: 24, depends_on: [`${CONFIGURATION}.pgaudit_log`] } } }, resource: { terraform_data: { g: { input: '${ephemeral.random_password.p.result}' } } } },
    { variable: { x: { default: 'a', validation: [{ condition: `\${length([${CONFIGURATION}.pgaudit_log.id]) > 0}`, error_message: 'm' }] } }, resource: { terraform_data: { g: { input: '${var.x}' } } } },
    // C80-1, C80-2, C80-20: an ephemeral resource's provider, a provider-defined function, an OpenTofu provider instance.
    { provider: { random: [{ alias: 'x', extra: reads }] }, ephemeral: { random_password: { p: { provider: 'random.x', length: 24 } } }, resource: { terraform_data: { g: { input: '${ephemeral.random_password.p.result}' } } } },
    { provider: { azapi: [{ subscription_id: reads }] }, resource: { terraform_data: { g: { input: '${provider::azapi::build_resource_id("a", "b", "c")}' } } } },
    { provider: { azuread: [{ alias: 'x', tenant_id: reads }] }, resource: { azuread_group: { g: { for_each: { a: 'a' }, provider: '${azuread.x[each.key]}', display_name: 'g' } } } },
    // E80-4, E80-16: an instance key holding brackets, a provider function written with blanks.
    { provider: { azuread: [{ alias: 'x', tenant_id: reads }] }, resource: { azuread_group: { g: { provider: '${azuread.x[local.k[0]]}', display_name: 'g' } } } },
    { provider: { azapi: [{ subscription_id: reads }] }, resource: { terraform_data: { g: { input: '${provider :: azapi :: build_resource_id("a", "b", "c")}' } } } },
  ];
  for (const { resource, ...sections } of stacks) {
    const [type, blocks] = Object.entries(resource as { [type: string]: { g: object } })[0];
    const terraform = (lifecycle: object) => ({ ...sections, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: parameters, [type]: { g: { ...blocks.g, lifecycle } } } });
    expect(judgeBesideConstructs(rule, terraform({ create_before_destroy: true }), [])).toEqual([expect.objectContaining({ status: 'fail', address: `${CONFIGURATION}.pgaudit_log` })]);
    expect(judgeBesideConstructs(rule, terraform({}), [])).toEqual([expect.objectContaining({ status: 'pass' })]);
  }
});

// C80-5: a local of 150,000 dotted names read by a create_before_destroy resource overflowed the call stack.
test('a create_before_destroy resource reading a very long local is judged', () => {
  const hosts = Array.from({ length: 150_000 }, (_, index) => `h${index}.example.com`).join(',');
  const terraform = { locals: { hosts }, resource: { ...withParameters({ 'pgaudit.log': 'ddl,role' }), terraform_data: { g: { input: '${length(local.hosts)}', lifecycle: { create_before_destroy: true } } } } };
  expect(judgeBesideConstructs(rule, terraform, [])).toEqual([expect.objectContaining({ status: 'pass' })]);
});
