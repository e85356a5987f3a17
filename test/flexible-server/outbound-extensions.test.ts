import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack } from 'cdktf';
import { SecureFlexibleServer, SecureFlexibleServerProps } from '../../lib';
import { minimalProps, newStack, serverParameters, synthErrors, synthStack, warningsOf } from '../helpers';

// Extensions that send data out of the server (postgres_fdw, dblink, azure_storage, ...) are a
// weakening: allow-listed only with a justification, which warns and covers exactly them (fourth
// review, A4-16). A name Azure does not offer fails at synth instead of at apply.

const REASON = 'Nightly export to the reporting warehouse, approved in SEC-311';

function serverStack(props: Partial<SecureFlexibleServerProps>): { stack: TerraformStack; postgres: SecureFlexibleServer } {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return { stack, postgres: new SecureFlexibleServer(stack, 'Postgres', minimalProps(props)) };
}

test('an outbound extension without a justification is refused, naming it', () => {
  expect(() => serverStack({ allowedExtensions: ['pg_trgm', 'postgres_fdw', 'dblink'] })).toThrow(
    'Invalid allowedExtensionsJustification: (not set) is required to allow-list postgres_fdw, dblink, which send data out of the server. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
  );
});

test('with a justification it is allow-listed, warns with the reason and passes synth', () => {
  const { stack } = serverStack({ allowedExtensions: ['azure_storage'], allowedExtensionsJustification: REASON });
  expect(synthErrors(stack)).toEqual([]);
  expect(serverParameters(synthStack(stack))['azure.extensions']).toBe('pgaudit,azure_storage');
  expect(warningsOf(stack)).toEqual([
    `[cdktf-azure-postgres:OutboundExtensions] azure.extensions allows azure_storage: a database user can send data out of the server to a host or storage of their choosing. Justification: "${REASON}".`,
  ]);
});

test('the justification covers exactly the extensions it was given for: one more added by override fails', () => {
  const { stack, postgres } = serverStack({ allowedExtensions: ['azure_storage'], allowedExtensionsJustification: REASON });
  (postgres.node.findChild('Parameter-azure.extensions') as TerraformResource).addOverride('value', 'pgaudit,azure_storage,dblink');
  expect(synthErrors(stack).filter((line) => line.includes('PGF-NET-12'))).toEqual([
    expect.stringMatching(/PGF-NET-12 server parameter azure\.extensions is "pgaudit,azure_storage,dblink", not a list without an extension that sends data out of the server\./),
  ]);
});

test('extensions that keep data in the server need no justification and print no warning', () => {
  const { stack } = serverStack({ allowedExtensions: ['pg_trgm', 'vector', 'uuid-ossp'] });
  expect(synthErrors(stack)).toEqual([]);
  expect(warningsOf(stack)).toEqual([]);
});

test.each(['pg_trgmm', 'postgres-fdw', 'timescale'])('a name Azure does not offer (%s) is refused at synth', (name) => {
  expect(() => serverStack({ allowedExtensions: ['pg_trgm', name] })).toThrow(
    `Invalid allowedExtensions[1]: "${name}" is not an extension Azure offers, so applying the server would fail. Fix: check the name against the list in azure.extensions' allowed values (az postgres flexible-server parameter show --name azure.extensions), e.g. "pg_trgm".`,
  );
});
