import { rule } from '../../../lib/checks/rules/PGF-AVL-1';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const withServer = (overrides: { [key: string]: unknown }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer(overrides) } });

test('passes ZoneRedundant', () => {
  expect(judge(rule, withServer({ high_availability: { mode: 'ZoneRedundant' } }))).toEqual({ status: 'pass' });
});

test('fails SameZone: a zone outage takes primary and standby down', () => {
  expect(judge(rule, withServer({ high_availability: { mode: 'SameZone' } }))).toEqual({
    status: 'fail',
    message: 'high_availability.mode is "SameZone": the standby is in the primary\'s zone, so a zone outage takes the server down.',
    address: undefined,
    subject: 'high availability mode SameZone',
  });
});

test('passes the block written as a list', () => {
  expect(judge(rule, withServer({ high_availability: [{ mode: 'ZoneRedundant', standby_availability_zone: '2' }] }))).toEqual({ status: 'pass' });
});

test('fails without high availability', () => {
  expect(judge(rule, withServer({ high_availability: undefined }))).toEqual({
    status: 'fail',
    message: 'the server has no high_availability block, so it has no standby.',
    address: undefined,
    subject: 'no high availability',
  });
});

test('fails an unknown mode', () => {
  expect(judge(rule, withServer({ high_availability: { mode: 'Disabled' } }))).toMatchObject({
    status: 'fail',
    message: 'high_availability.mode is "Disabled", not "ZoneRedundant".',
  });
});

test('does not apply to a Burstable SKU', () => {
  expect(judge(rule, withServer({ sku_name: 'B_Standard_B1ms', high_availability: undefined }))).toMatchObject({ status: 'not-applicable' });
});

test('does not judge a server whose SKU is a reference and which has no HA', () => {
  expect(judge(rule, withServer({ sku_name: '${var.sku}', high_availability: undefined }))).toMatchObject({ status: 'unknown' });
});

test('passes HA when the SKU is a reference', () => {
  expect(judge(rule, withServer({ sku_name: '${var.sku}' }))).toEqual({ status: 'pass' });
});

test('fails a mode that is not ZoneRedundant', () => {
  expect(judge(rule, withServer({ high_availability: { mode: 'Disabled' } }))).toEqual({ status: 'fail', message: 'high_availability.mode is "Disabled", not "ZoneRedundant".' });
});

test('a mode known only later is unknown', () => {
  expect(judge(rule, withServer({ high_availability: { mode: '${var.mode}' } }))).toEqual({ status: 'unknown', note: 'high_availability.mode is known only at apply time' });
});

test('names the Burstable SKU it does not apply to', () => {
  expect(judge(rule, withServer({ sku_name: 'B_Standard_B1ms', high_availability: null }))).toEqual({ status: 'not-applicable', note: 'Burstable SKUs (B_Standard_B1ms) do not offer high availability' });
});

// The subject of an unknown verdict is the weaker choice that is known: only whether a Burstable SKU makes the rule moot is not.
test('without high availability, a SKU known only later is unknown, of the subject "no high availability"', () => {
  expect(judge(rule, withServer({ sku_name: '${var.sku}', high_availability: null }))).toEqual({
    status: 'unknown', note: 'sku_name is known only at apply time, so whether the server can have high availability is too', subject: 'no high availability',
  });
});

test('SameZone on a SKU known only later is unknown, of the subject SameZone; another mode has no subject', () => {
  const note = 'sku_name is known only at apply time, so whether the server can have high availability is too';
  expect(judge(rule, withServer({ sku_name: '${var.sku}', high_availability: { mode: 'SameZone' } }))).toEqual({ status: 'unknown', note, subject: 'high availability mode SameZone' });
  expect(judge(rule, withServer({ sku_name: '${var.sku}', high_availability: { mode: 'Other' } }))).toEqual({ status: 'unknown', note });
});
