import { rule } from '../../../lib/checks/rules/PGF-LOG-11';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withParameters = (parameters: { [name: string]: string }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters(parameters) });
const NONE_WANTED = 'not "none" (PostgreSQL\'s statement log writes passwords of CREATE and ALTER ROLE in clear text; pgaudit logs the statements with passwords redacted).';

test('passes when neither parameter is written (Azure\'s defaults: on and none)', () => {
  expect(judge(rule, withParameters({}))).toEqual({ status: 'pass' });
});

test.each([
  [{ 'pgaudit.log_statement': 'on', log_statement: 'none' }],
  [{ 'pgaudit.log_statement': 'TRUE' }],
  [{ 'pgaudit.log_statement': ' yes ' }],
  [{ log_statement: 'NONE' }],
])('passes %j', (parameters) => {
  expect(judge(rule, withParameters(parameters))).toEqual({ status: 'pass' });
});

test.each(['off', 'false', '0', 'no'])('fails pgaudit.log_statement = %p: audit lines without the statement', (value) => {
  expect(judge(rule, withParameters({ 'pgaudit.log_statement': value }))).toEqual({
    status: 'fail',
    message: `server parameter pgaudit.log_statement is ${JSON.stringify(value)}, not "on" (audit lines with the statement text).`,
    address: `${CONFIGURATION}.pgaudit_log_statement`,
  });
});

test.each(['ddl', 'mod', 'all', 'ALL'])('fails log_statement = %p, which writes passwords of CREATE and ALTER ROLE into the log', (value) => {
  expect(judge(rule, withParameters({ log_statement: value }))).toEqual({
    status: 'fail',
    message: `server parameter log_statement is ${JSON.stringify(value)}, ${NONE_WANTED}`,
    address: `${CONFIGURATION}.log_statement`,
  });
});

test('a log_statement known only at apply time is unknown', () => {
  expect(judge(rule, withParameters({ log_statement: '${var.level}' }))).toEqual({
    status: 'unknown',
    note: 'server parameter log_statement is known only at apply time',
    address: `${CONFIGURATION}.log_statement`,
  });
});
