import { isUnknown } from '../../lib/checks/hcl-expression';
import { afterWrite, patchesLive } from '../../lib/checks/live-patch';
import { requestBody } from '../../lib/checks/azapi-writes';
import { buildStackModel, ResourceView, TerraformBlock } from '../../lib/checks/stack-model';

// Seventeenth review, A17a-2; eighteenth, A18b-1, A18b-2: a partial write of an existing object leaves the live object's
// value of every property it does not write; the one function every table reads such a write through.

const block = (type: string, config: TerraformBlock): ResourceView => buildStackModel({ resource: { [type]: { w: { type: 'Microsoft.Network/x@2024-05-01', ...config } } } }).resources.get(`${type}.w`)!;

test('an update, a PATCH or an action by a method known only later merges into the live object; a resource or a PUT sends it whole', () => {
  expect(patchesLive(block('azapi_update_resource', {}))).toBe(true);
  expect(patchesLive(block('azapi_resource_action', { method: 'PATCH' }))).toBe(true);
  expect(patchesLive(block('azapi_resource_action', { method: ' patch ' }))).toBe(true);
  expect(patchesLive(block('azapi_resource_action', { method: '${var.m}' }))).toBe(true);
  expect(patchesLive(block('azapi_resource_action', { method: 'PUT' }))).toBe(false);
  expect(patchesLive(block('azapi_resource_action', { method: ' put ' }))).toBe(false);
  expect(patchesLive(block('azapi_resource', {}))).toBe(false);
});

test('a partial write: each judged property it writes in no spelling is the live one, known only at apply time; what it writes stays', () => {
  const update = block('azapi_update_resource', {});
  const after: TerraformBlock = afterWrite(update, { a: 1, c: 'x' }, ['a', ['b', 'b2'], ['c2', 'c']], 'the rule');
  expect(after.a).toBe(1);
  expect(after.c).toBe('x');
  expect(after.c2).toBeUndefined();
  expect(isUnknown(after.b)).toBe(true);
  expect(String(after.b)).toContain('the live b of the rule azapi_update_resource.w updates');
  // Every property written: the write as it is.
  const whole = { a: 1, b2: 2, c: 3 };
  expect(afterWrite(update, whole, ['a', ['b', 'b2'], 'c'], 'the rule')).toBe(whole);
  // A whole write: what it leaves out is absent.
  expect(afterWrite(block('azapi_resource', {}), { a: 1 }, ['a', 'b'], 'the rule')).toEqual({ a: 1 });
});

test('an ARM body read after a partial write keeps reading its property names in any case', () => {
  const update = block('azapi_update_resource', { body: { properties: { SourceAddresses: ['*'] } } });
  const properties = (requestBody(update) as { properties: TerraformBlock }).properties;
  const after = afterWrite(update, properties, ['sourceAddresses', 'translatedAddress'], 'the rule') as TerraformBlock;
  expect(after.sourceAddresses).toEqual(['*']);
  expect(after.SOURCEADDRESSES).toEqual(['*']);
  expect(isUnknown(after.translatedAddress)).toBe(true);
});
