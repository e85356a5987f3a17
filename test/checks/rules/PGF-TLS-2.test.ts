import { rule } from '../../../lib/checks/rules/PGF-TLS-2';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withValue = (value: string) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters({ ssl_min_protocol_version: value }) });

test.each(['TLSv1.2', 'TLSv1.3', 'tlsv1.3', 'TLSV1.2'])('passes %s', (value) => {
  expect(judge(rule, withValue(value))).toEqual({ status: 'pass' });
});

test.each(['TLSv1.1', 'TLSv1', 'TLS1_2', 'TLSv1.2x', 'SSLv3,TLSv1.2', 'notTLSv1.3'])('fails %s', (value) => {
  expect(judge(rule, withValue(value))).toEqual({
    status: 'fail',
    message: `server parameter ssl_min_protocol_version is "${value}", not "TLSv1.2" or "TLSv1.3".`,
    address: `${CONFIGURATION}.ssl_min_protocol_version`,
  });
});

test('fails when the parameter is not written, although Trivy passes it', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toMatchObject({ status: 'fail' });
});

test('reads ssl_min_protocol_version, not the tls_version name older Trivy read', () => {
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters({ tls_version: 'TLSv1.2' }) };
  expect(judge(rule, resources)).toMatchObject({ status: 'fail' });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, withValue('${var.tls}'))).toMatchObject({ status: 'unknown' });
});
