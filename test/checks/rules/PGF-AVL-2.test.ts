import { rule } from '../../../lib/checks/rules/PGF-AVL-2';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const withServer = (overrides: { [key: string]: unknown }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer(overrides) } });
const BOTH = ['zone', 'high_availability[0].standby_availability_zone'];

test('passes when both zones are ignored', () => {
  expect(judge(rule, withServer({ lifecycle: { prevent_destroy: true, ignore_changes: BOTH } }))).toEqual({ status: 'pass' });
});

test('fails when the standby zone is not ignored', () => {
  expect(judge(rule, withServer({ lifecycle: { ignore_changes: ['zone'] } }))).toMatchObject({
    status: 'fail',
    message: 'lifecycle.ignore_changes does not hold high_availability[0].standby_availability_zone, so a plan after a failover moves the zones back.',
  });
});

test('fails without ignore_changes', () => {
  expect(judge(rule, withServer({}))).toMatchObject({ status: 'fail' });
});

test('does not apply without high availability', () => {
  expect(judge(rule, withServer({ high_availability: undefined }))).toMatchObject({ status: 'not-applicable' });
});

test('ignore_changes = "all" keeps the zones too', () => {
  expect(judge(rule, withServer({ lifecycle: { prevent_destroy: true, ignore_changes: 'all' } }))).toEqual({ status: 'pass' });
});

test.each<[string, unknown]>([['a lifecycle without ignore_changes', { prevent_destroy: true }], ['ignore_changes written as one name', { ignore_changes: 'zone' }]])('fails %s, naming both zones', (_, lifecycle) => {
  expect(judge(rule, withServer({ lifecycle }))).toEqual({
    status: 'fail',
    message: 'lifecycle.ignore_changes does not hold zone and high_availability[0].standby_availability_zone, so a plan after a failover moves the zones back.',
  });
});

test('fails a server with high availability and no lifecycle block', () => {
  expect(judge(rule, withServer({ lifecycle: null }))).toMatchObject({ status: 'fail' });
});

test('does not apply to a server without high availability', () => {
  expect(judge(rule, withServer({ high_availability: null }))).toEqual({ status: 'not-applicable', note: 'the server has no high availability' });
});
