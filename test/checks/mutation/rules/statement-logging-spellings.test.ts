// Every spelling PostgreSQL takes for a boolean and every level at or above "error", as the
// statement-logging rule reads them (statement-logging.ts), and the provider PGF-LOG-12 asks
// about the restart (static-parameter-restart.ts), beyond the rules' own tests.
import { evaluateStack, Finding } from '../../../../lib/checks/evaluate';
import { rule as statementLogging } from '../../../../lib/checks/rules/PGF-LOG-11';
import { rule as restartLoadsPgaudit } from '../../../../lib/checks/rules/PGF-LOG-12';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withParameters = (parameters: { [name: string]: string }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters(parameters) });

describe('statement logging (PGF-LOG-11)', () => {
  test.each(['on', 'true', 'tru', 'tr', 't', 'yes', 'ye', 'y', '1'])('passes pgaudit.log_statement = %p, a spelling of on', (value) => {
    expect(judge(statementLogging, withParameters({ 'pgaudit.log_statement': ` ${value.toUpperCase()} ` }))).toEqual({ status: 'pass' });
  });

  test.each(['off', 'of', 'false', 'fals', 'fal', 'fa', 'f', 'no', 'n', '0'])('passes %p, a spelling of off, for the debug trees and pgaudit.log_parameter', (value) => {
    const off = { debug_print_parse: value, debug_print_rewritten: value, debug_print_plan: value, 'pgaudit.log_parameter': value };
    expect(judge(statementLogging, withParameters(off))).toEqual({ status: 'pass' });
  });

  test.each(['error', 'log', 'fatal', 'panic'])('passes log_min_error_statement = %p', (value) => {
    expect(judge(statementLogging, withParameters({ log_min_error_statement: value.toUpperCase() }))).toEqual({ status: 'pass' });
  });

  test.each(['of', 'n', 'f'])('fails pgaudit.log_statement = %p, a spelling of off', (value) => {
    expect(judge(statementLogging, withParameters({ 'pgaudit.log_statement': value }))).toEqual({
      status: 'fail',
      message: `server parameter pgaudit.log_statement is ${JSON.stringify(value)}, not "on" (audit lines with the statement text).`,
      address: `${CONFIGURATION}.pgaudit_log_statement`,
    });
  });

  test('passes a sample rate of zero written with blanks, and fails log_statement = "nothing"', () => {
    expect(judge(statementLogging, withParameters({ log_transaction_sample_rate: ' 0 ' }))).toEqual({ status: 'pass' });
    expect(judge(statementLogging, withParameters({ log_statement: 'nothing' }))).toEqual(expect.objectContaining({ status: 'fail', address: `${CONFIGURATION}.log_statement` }));
  });
});

describe('the restart that loads pgaudit (PGF-LOG-12)', () => {
  const FEATURE = 'features.postgresql_flexible_server.restart_server_on_configuration_value_change';
  const restartOff = { features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: false }] }] };

  function findings(providers: unknown[], parameterProvider?: string): Pick<Finding, 'status' | 'message' | 'address'>[] {
    const preload = flexibleParameters({ shared_preload_libraries: 'pgaudit' }).shared_preload_libraries;
    const parameters = { shared_preload_libraries: parameterProvider === undefined ? preload : { ...preload, provider: parameterProvider } };
    const terraform = { provider: { azurerm: providers }, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: parameters } };
    return evaluateStack(terraform, [restartLoadsPgaudit]).findings.filter((f) => f.ruleId === restartLoadsPgaudit.id).map(({ status, message, address }) => ({ status, message, address }));
  }

  const failure = (provider: string) => [{
    status: 'fail',
    message: `the azurerm provider ${provider} sets ${FEATURE} = false, so shared_preload_libraries, which ${CONFIGURATION}.shared_preload_libraries writes, takes effect only at the server's next restart: pgaudit stays unloaded until then.`,
    address: `${CONFIGURATION}.shared_preload_libraries`,
  }];

  test('reads the provider of the parameter written as a reference or with blanks', () => {
    expect(findings([{ features: [{}] }, { alias: 'quiet', ...restartOff }], '${azurerm.quiet}')).toEqual(failure('azurerm.quiet'));
    expect(findings([{ features: [{}] }, { alias: 'quiet', ...restartOff }], ' azurerm.quiet ')).toEqual(failure('azurerm.quiet'));
    expect(findings([restartOff, { alias: 'loud', features: [{}] }], 'azurerm')).toEqual(failure('azurerm'));
  });

  test('features known only at apply time cannot be judged', () => {
    expect(findings([{ features: '${var.features}' }])).toEqual([{
      status: 'fail',
      message: `${FEATURE} of the azurerm provider azurerm is known only at apply time, and off it leaves pgaudit unloaded, so it cannot be judged at synth.`,
      address: `${CONFIGURATION}.shared_preload_libraries`,
    }]);
  });

  test('passes a PostgreSQL features block without the feature, and the feature written "true"', () => {
    expect(findings([{ features: [{ postgresql_flexible_server: [{}] }] }])).toEqual([{ status: 'pass', message: undefined, address: undefined }]);
    expect(findings([{ features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: 'true' }] }] }])).toEqual([{ status: 'pass', message: undefined, address: undefined }]);
  });
});
