import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { firstLine, sslOptions, unverifiedTls } from '../../lib/audit/session';

// libpq's TLS variables as the audit reads them (the refusals are in the errors catalogue, test/support/audit-roles-errors.ts).

test('PGSSLMODE: verify-full by default, certificate and host checked against the trusted roots', () => {
  expect(sslOptions({})).toEqual({ rejectUnauthorized: true });
  expect(sslOptions({ PGSSLMODE: 'verify-full' })).toEqual({ rejectUnauthorized: true });
  expect(sslOptions({ PGSSLMODE: 'verify-ca', PGSSLROOTCERT: 'system' })).toEqual({ rejectUnauthorized: true });
});

test('PGSSLMODE require encrypts without checking; disable turns TLS off', () => {
  expect(sslOptions({ PGSSLMODE: 'require' })).toEqual({ rejectUnauthorized: false });
  expect(sslOptions({ PGSSLMODE: 'disable' })).toBe(false);
});

test('require and disable are said with what they expose; verify-ca and verify-full are not weaker (A9-7)', () => {
  expect(unverifiedTls({ PGSSLMODE: 'require' }, 'the token')).toBe('PGSSLMODE is require: the server\'s certificate is not checked, so the token is sent to a server whose identity is not verified');
  expect(unverifiedTls({ PGSSLMODE: 'disable' }, 'the token')).toBe('PGSSLMODE is disable: the connection is not encrypted, so the token is sent over the network in clear text');
  for (const mode of [undefined, 'verify-ca', 'verify-full']) expect(unverifiedTls({ PGSSLMODE: mode }, 'the token')).toBeUndefined();
});

test('PGSSLROOTCERT names the root certificates to trust', () => {
  const dir = mkdtempSync(join(tmpdir(), 'session-'));
  try {
    writeFileSync(join(dir, 'root.crt'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(sslOptions({ PGSSLROOTCERT: join(dir, 'root.crt') })).toEqual({ rejectUnauthorized: true, ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an error is shown by the first line of its message, or of its first cause', () => {
  expect(firstLine(new Error('first\nsecond'))).toBe('first');
  expect(firstLine(Object.assign(new Error(''), { errors: [new Error('connect ECONNREFUSED ::1:5432')] }))).toBe('connect ECONNREFUSED ::1:5432');
  expect(firstLine('plain')).toBe('plain');
});
