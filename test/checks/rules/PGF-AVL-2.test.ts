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
