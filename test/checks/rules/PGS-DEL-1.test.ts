import { rule } from '../../../lib/checks/rules/PGS-DEL-1';
import { judge } from '../rule-harness';
import { compliantSingleServer, singleStack } from '../single-fixtures';

test('passes when prevent_destroy is on', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('fails when prevent_destroy is off', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ lifecycle: { prevent_destroy: false } })))).toEqual({
    status: 'fail',
    message: 'lifecycle.prevent_destroy is false, so a plan may delete or replace the server and its data.',
  });
});

test('fails when there is no lifecycle block', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ lifecycle: undefined })))).toEqual({
    status: 'fail',
    message: 'lifecycle.prevent_destroy is not set, so a plan may delete or replace the server and its data.',
  });
});

test('fails a lifecycle block that only ignores changes', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ lifecycle: { ignore_changes: ['tags'] } })))).toMatchObject({ status: 'fail' });
});

test('a lifecycle known only later is unknown', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ lifecycle: '${var.lifecycle}' })))).toEqual({ status: 'unknown', note: 'the lifecycle block is known only at apply time' });
});
