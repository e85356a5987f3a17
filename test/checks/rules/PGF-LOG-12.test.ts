import { evaluateStack, Finding } from '../../../lib/checks/evaluate';
import { rule } from '../../../lib/checks/rules/PGF-LOG-12';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const FEATURE = 'features.postgresql_flexible_server.restart_server_on_configuration_value_change';

/** The findings of PGF-LOG-12 on a stack with the given azurerm provider blocks, whose server preloads pgaudit. */
function findings(providers: unknown[], parameterProvider?: string): Pick<Finding, 'status' | 'message' | 'address'>[] {
  const preload = flexibleParameters({ shared_preload_libraries: 'pgaudit' }).shared_preload_libraries;
  const parameters = { shared_preload_libraries: parameterProvider === undefined ? preload : { ...preload, provider: parameterProvider } };
  const terraform = { provider: { azurerm: providers }, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: parameters } };
  return evaluateStack(terraform, [rule]).findings.filter((f) => f.ruleId === rule.id).map(({ status, message, address }) => ({ status, message, address }));
}

const RESTART_OFF = (provider: string) => ({
  status: 'fail',
  message: `the azurerm provider ${provider} sets ${FEATURE} = false, so shared_preload_libraries, which ${CONFIGURATION}.shared_preload_libraries writes, takes effect only at the server's next restart: pgaudit stays unloaded until then.`,
  address: `${CONFIGURATION}.shared_preload_libraries`,
});

test.each([
  ['no features of PostgreSQL', [{ features: [{}] }]],
  ['the feature on', [{ features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: true }] }] }]],
  ['the feature off on another alias', [{ features: [{}] }, { alias: 'other', features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: false }] }] }]],
])('passes a provider with %s', (_, providers) => {
  expect(findings(providers)).toEqual([{ status: 'pass', message: undefined, address: undefined }]);
});

test.each([
  ['false', false],
  ['"false"', 'false'],
  ['"0"', '0'],
])('fails the feature written %s', (_, value) => {
  expect(findings([{ features: { postgresql_flexible_server: { restart_server_on_configuration_value_change: value } } }])).toEqual([RESTART_OFF('azurerm')]);
});

test('fails the feature off on the alias the parameter uses', () => {
  const providers = [{ features: [{}] }, { alias: 'quiet', features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: false }] }] }];
  expect(findings(providers, 'azurerm.quiet')).toEqual([RESTART_OFF('azurerm.quiet')]);
});

// Adversarial run of stop 69, M1: Terraform reads the reference as HCL traversal syntax, blanks and comments between tokens skipped.
test.each(['azurerm . quiet', ' azurerm.quiet ', 'azurerm.quiet/* a comment */', 'azurerm.quiet # a comment', '${azurerm.quiet}'])('fails the feature off on the alias the parameter names as %p', (written) => {
  const providers = [{ features: [{}] }, { alias: 'quiet', features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: false }] }] }];
  expect(findings(providers, written)).toEqual([RESTART_OFF('azurerm.quiet')]);
});

test('a provider reference the checks do not read is unknown, not the default provider', () => {
  const providers = [{ features: [{}] }, { alias: 'quiet', features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: false }] }] }];
  expect(findings(providers, 'azurerm.quiet[0]')).toEqual([{
    status: 'fail',
    message: `${CONFIGURATION}.shared_preload_libraries names its provider as "azurerm.quiet[0]", which the checks do not read as a provider reference: whether that provider restarts the server after writing shared_preload_libraries (${FEATURE}) is unknown, so it cannot be judged at synth.`,
    address: `${CONFIGURATION}.shared_preload_libraries`,
  }]);
});

test('a feature known only at apply time is unknown', () => {
  expect(findings([{ features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: '${var.restart}' }] }] }])).toEqual([{
    status: 'fail',
    message: `${FEATURE} of the azurerm provider azurerm is known only at apply time, and off it leaves pgaudit unloaded, so it cannot be judged at synth.`,
    address: `${CONFIGURATION}.shared_preload_libraries`,
  }]);
});

// A35b-3: the provider's arguments are read with the stack's locals, as a resource's are.
test('a feature given as a local is the local\'s value', () => {
  const withLocal = (value: boolean) => {
    const preload = flexibleParameters({ shared_preload_libraries: 'pgaudit' }).shared_preload_libraries;
    const terraform = {
      locals: { restart: value },
      provider: { azurerm: [{ features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: '${local.restart}' }] }] }] },
      resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: { shared_preload_libraries: preload } },
    };
    return evaluateStack(terraform, [rule]).findings.filter((f) => f.ruleId === rule.id).map(({ status, message, address }) => ({ status, message, address }));
  };
  expect(withLocal(true)).toEqual([{ status: 'pass', message: undefined, address: undefined }]);
  expect(withLocal(false)).toEqual([RESTART_OFF('azurerm')]);
});
