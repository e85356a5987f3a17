import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DatabaseAccess, PostgresSslMode, SecureFlexibleServer } from '../../lib';
import { rule } from '../../lib/checks/rules/PGD-TLS-1';
import { minimalProps, synthErrors, warningsOf } from '../helpers';

// The postgresql provider's TLS cannot be weakened around the props (adversary finding F5): an
// override of DatabaseAccess's provider fails synth (PGD-TLS-1); the justified sslMode REQUIRE
// warns and is reported as suppressed.

const REASON = 'SEC-123: runner behind a TLS-inspecting proxy until 2027-03';

function access(sslMode?: PostgresSslMode): { stack: TerraformStack; access: DatabaseAccess } {
  const stack = new TerraformStack(Testing.app(), 'trust');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  const made = new DatabaseAccess(stack, 'Access', {
    server: postgres,
    connectAs: { principalName: 'db-admins' },
    databases: ['orders'],
    roles: [],
    ...(sslMode === undefined ? {} : { sslMode, sslModeJustification: REASON }),
  });
  return { stack, access: made };
}


test('by default the provider verifies the certificate, and synth passes', () => {
  const { stack } = access();
  expect(JSON.parse(Testing.synth(stack)).provider.postgresql[0].sslmode).toBe('verify-full');
  expect(synthErrors(stack)).toEqual([]);
});

const UNCHECKED = "which does not check the server's certificate";
const ADDRESS = 'postgresql_default_privileges.Access_Database-orders_Default-readonly-public-function_E744C4B5';
const PROVIDER = 'postgresql.cdktf_azure_postgres_postgresql_c8a0d5367fde42f2';

test.each([
  ['require', UNCHECKED],
  ['prefer', UNCHECKED],
  ['disable', UNCHECKED],
  ['verify-ca', "which checks the certificate's issuer but not the host name it was issued to"],
])('an override of the provider\'s sslmode to %p fails synth', (mode, why) => {
  const { stack, access: made } = access();
  made.provider.addOverride('sslmode', mode);
  expect(synthErrors(stack)).toEqual([
    `  [trust] ${ADDRESS} PGD-TLS-1 provider ${PROVIDER} has sslmode "${mode}", ${why}, so a man-in-the-middle can take the token it signs in with. Fix: ${rule.fix}`,
  ]);
});

test('an override that removes sslmode fails synth', () => {
  const { stack, access: made } = access();
  made.provider.addOverride('sslmode', null);
  expect(synthErrors(stack)).toEqual([expect.stringMatching(/PGD-TLS-1 .* has sslmode not set, so the runner's PGSSLMODE decides \(else "require"\)/)]);
});

test('the justified sslMode REQUIRE warns, passes synth and suppresses PGD-TLS-1 on the DatabaseAccess', () => {
  const { stack } = access(PostgresSslMode.REQUIRE);
  expect(synthErrors(stack)).toEqual([]);
  expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:DatabaseTlsUnverified] Terraform connects to the server without checking its certificate (sslmode require). Justification: "${REASON}".`);
  const list = stack.toTerraform()['//']['cdktf-azure-postgres-suppressions'] as { path: string; ruleId: string; reason: string }[];
  expect(list.filter((s) => s.ruleId === 'PGD-TLS-1')).toEqual([{ path: 'trust/Access', ruleId: 'PGD-TLS-1', reason: REASON, subject: 'sslmode require' }]);
});

test.each(['disable', 'allow', 'prefer'])('the sslMode REQUIRE justification does not cover an override of the provider\'s sslmode to %p', (mode) => {
  const { stack, access: made } = access(PostgresSslMode.REQUIRE);
  made.provider.addOverride('sslmode', mode);
  expect(synthErrors(stack)).toEqual([
    `  [trust] ${ADDRESS} PGD-TLS-1 provider ${PROVIDER} has sslmode "${mode}", ${UNCHECKED}, so a man-in-the-middle can take the token it signs in with. `
    + `The justification "${REASON}" covers only sslmode require. Fix: ${rule.fix}`,
  ]);
});

test('the sslMode REQUIRE justification does not cover an override that removes sslmode (PGSSLMODE may say disable)', () => {
  const { stack, access: made } = access(PostgresSslMode.REQUIRE);
  made.provider.addOverride('sslmode', null);
  expect(synthErrors(stack)).toEqual([
    `  [trust] ${ADDRESS} PGD-TLS-1 provider ${PROVIDER} has sslmode not set, so the runner's PGSSLMODE decides (else "require"), which may not check the server's certificate, so a man-in-the-middle can take the token it signs in with. `
    + `The justification "${REASON}" covers only sslmode require. Fix: ${rule.fix}`,
  ]);
});

test('an override that swaps the provider\'s trust anchor with sslrootcert fails synth, under verify-full', () => {
  const { stack, access: made } = access();
  made.provider.addOverride('sslrootcert', './certs/corp-mitm-ca.pem');
  expect(synthErrors(stack)).toEqual([
    `  [trust] ${ADDRESS} PGD-TLS-1 provider ${PROVIDER} has sslrootcert "./certs/corp-mitm-ca.pem", which replaces the trust anchors verify-full checks the server's certificate against, `
    + `so a server holding a certificate from that CA takes the token it signs in with. Fix: ${rule.fix}`,
    expect.stringMatching(/ PGD-IAM-11 provider .* has sslrootcert, which DatabaseAccess never writes: an override of its provider\./),
  ]);
});

test('the sslMode REQUIRE justification does not cover an sslrootcert either', () => {
  const { stack, access: made } = access(PostgresSslMode.REQUIRE);
  made.provider.addOverride('sslrootcert', './certs/corp-mitm-ca.pem');
  expect(synthErrors(stack)).toEqual([expect.stringContaining(`PGD-TLS-1 provider ${PROVIDER} has sslrootcert "./certs/corp-mitm-ca.pem"`), expect.stringContaining(' PGD-IAM-11 ')]);
});
