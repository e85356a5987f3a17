import { Token } from 'cdktf';
import {
  checkIntegerRange,
  checkJustification,
  checkOneOf,
  checkPattern,
  checkUuid,
  checkWholeNumberAtLeast,
  justificationTokenError,
  MIN_JUSTIFICATION_LENGTH,
} from '../../lib/private/validate';
import { ValidationError } from '../../lib/private/validation-error';

// The small checks every construct shares, called directly: each refuses a bad literal with the
// library's error (code, prop, whole message) and lets a Terraform token pass.

/** The error a call throws, or a failure when it throws none. */
function errorOf(call: () => void): ValidationError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError, none was thrown');
}

const STRING_TOKEN = Token.asString({ resolve: () => 'x' });
const NUMBER_TOKEN = Token.asNumber({ resolve: () => 1 });

describe('checkPattern', () => {
  test('passes a value that matches, an unset value and a token', () => {
    expect(() => checkPattern('NAME-FORMAT', 'name', 'abc', /^[a-z]+$/, 'is bad', 'fix it')).not.toThrow();
    // A pattern that "undefined" would not match: an unset value is skipped, not tested as text.
    expect(() => checkPattern('NAME-FORMAT', 'name', undefined, /^[0-9]+$/, 'is bad', 'fix it')).not.toThrow();
    expect(() => checkPattern('NAME-FORMAT', 'name', STRING_TOKEN, /^[a-z]+$/, 'is bad', 'fix it')).not.toThrow();
  });

  test('refuses a value that does not match', () => {
    const error = errorOf(() => checkPattern('NAME-FORMAT', 'name', 'ABC', /^[a-z]+$/, 'is bad', 'fix it'));
    expect(error.message).toBe('Invalid name: "ABC" is bad. Fix: fix it.');
    expect(error.code).toBe('NAME-FORMAT');
    expect(error.prop).toBe('name');
  });
});

describe('checkUuid', () => {
  // 46th run, A46b-2.
  test.each(['${var.tenant}', '${data.azurerm_client_config.current.tenant_id}', '$${var.tenant}', '%{if true}x%{endif}'])('says %s is a hand-written expression it does not read', (value) => {
    const error = errorOf(() => checkUuid('TENANT-ID-FORMAT', 'tenantId', value));
    expect(error.code).toBe('ID-TEMPLATE');
    expect(error.message).toBe(
      `Invalid tenantId: ${JSON.stringify(value)} holds a hand-written Terraform expression ("\${" or "%{"), which the library does not read: it reads only cdktf tokens and literal values. `
        + 'Fix: pass the attribute as a token instead (e.g. an attribute such as clientConfig.tenantId or identity.principalId, or variable.stringValue of a TerraformVariable), '
        + 'or the GUID itself, e.g. "00000000-0000-0000-0000-000000000000".',
    );
  });

  test('passes a GUID in either case', () => {
    expect(() => checkUuid('TENANT-ID-FORMAT', 'tenantId', '0a1B2c3D-4e5F-6789-aBcD-ef0123456789')).not.toThrow();
  });

  test.each(['0a1b2c3d-4e5f-6789-abcd-ef012345678', 'x0a1b2c3d-4e5f-6789-abcd-ef0123456789', '0a1b2c3d-4e5f-6789-abcd-ef0123456789x', '0a1b2c3d4e5f6789abcdef0123456789', 'g0000000-0000-0000-0000-000000000000'])(
    'refuses %s',
    (value) => {
      expect(errorOf(() => checkUuid('TENANT-ID-FORMAT', 'tenantId', value)).message).toBe(
        `Invalid tenantId: "${value}" is not a UUID. Fix: give the GUID from Entra ID, e.g. "00000000-0000-0000-0000-000000000000".`,
      );
    },
  );
});

describe('checkOneOf', () => {
  test('passes an allowed value, an unset value and a token', () => {
    expect(() => checkOneOf('ZONE-INVALID', 'zone', '2', ['1', '2', '3'])).not.toThrow();
    expect(() => checkOneOf('ZONE-INVALID', 'zone', undefined, ['1'])).not.toThrow();
    expect(() => checkOneOf('ZONE-INVALID', 'zone', STRING_TOKEN, ['1'])).not.toThrow();
  });

  test('lists the allowed values when no fix is given', () => {
    const error = errorOf(() => checkOneOf('ZONE-INVALID', 'zone', '4', ['1', '2', '3']));
    expect(error.message).toBe('Invalid zone: "4" is not supported. Fix: use one of "1", "2", "3".');
    expect(error.code).toBe('ZONE-INVALID');
  });

  test('says the given fix', () => {
    expect(errorOf(() => checkOneOf('ZONE-INVALID', 'zone', 4, [1, 2], 'pick a zone of the region')).message).toBe(
      'Invalid zone: 4 is not supported. Fix: pick a zone of the region.',
    );
  });
});

describe('checkIntegerRange', () => {
  test('passes the bounds, an unset value and a token', () => {
    for (const value of [7, 35, undefined, NUMBER_TOKEN]) {
      expect(() => checkIntegerRange('BACKUP-RETENTION', 'backup.retentionDays', value, 7, 35)).not.toThrow();
    }
  });

  test('refuses a value just outside either bound', () => {
    expect(errorOf(() => checkIntegerRange('BACKUP-RETENTION', 'backup.retentionDays', 6, 7, 35)).message).toBe(
      'Invalid backup.retentionDays: 6 is outside 7..35. Fix: use a whole number from 7 to 35.',
    );
    expect(errorOf(() => checkIntegerRange('BACKUP-RETENTION', 'backup.retentionDays', 36, 7, 35)).message).toBe(
      'Invalid backup.retentionDays: 36 is outside 7..35. Fix: use a whole number from 7 to 35.',
    );
  });

  test('refuses a fraction inside the range', () => {
    const error = errorOf(() => checkIntegerRange('BACKUP-RETENTION', 'backup.retentionDays', 7.5, 7, 35));
    expect(error.message).toBe('Invalid backup.retentionDays: 7.5 is not a whole number. Fix: use a whole number from 7 to 35.');
    expect(error.code).toBe('BACKUP-RETENTION');
  });
});

describe('checkWholeNumberAtLeast', () => {
  test('passes the least value, a larger one, an unset value and a token', () => {
    for (const value of [1, 1000, undefined, NUMBER_TOKEN]) {
      expect(() => checkWholeNumberAtLeast('PASSWORD-VERSION', 'passwordVersion', value, 1)).not.toThrow();
    }
  });

  test('refuses a value under the least and a fraction above it', () => {
    const message = (value: number) => `Invalid passwordVersion: ${value} is not a whole number of at least 1. Fix: use a whole number such as 1, 2 or 3.`;
    expect(errorOf(() => checkWholeNumberAtLeast('PASSWORD-VERSION', 'passwordVersion', 0, 1)).message).toBe(message(0));
    const error = errorOf(() => checkWholeNumberAtLeast('PASSWORD-VERSION', 'passwordVersion', 1.5, 1));
    expect(error.message).toBe(message(1.5));
    expect(error.code).toBe('PASSWORD-VERSION');
  });
});

describe('checkJustification', () => {
  const fix = 'say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03"';

  test('needs ten visible characters', () => {
    expect(MIN_JUSTIFICATION_LENGTH).toBe(10);
    expect(() => checkJustification('backup.justification', 'abcdefghij', 'turn off geo-redundant backup')).not.toThrow();
  });

  test('a missing or blank justification is JUSTIFICATION-MISSING', () => {
    for (const [value, shown] of [[undefined, '(not set)'], [' \u200b ', '" \\u{200b} "']] as const) {
      const error = errorOf(() => checkJustification('backup.justification', value, 'turn off geo-redundant backup'));
      expect(error.code).toBe('JUSTIFICATION-MISSING');
      expect(error.message).toBe(`Invalid backup.justification: ${shown} is required to turn off geo-redundant backup. Fix: ${fix}.`);
    }
  });

  test('nine visible characters are JUSTIFICATION-SHORT', () => {
    const error = errorOf(() => checkJustification('backup.justification', 'abcdefghi   ', 'turn off geo-redundant backup'));
    expect(error.code).toBe('JUSTIFICATION-SHORT');
    expect(error.message).toBe(`Invalid backup.justification: "abcdefghi   " is too short to justify the choice to turn off geo-redundant backup. Fix: ${fix}.`);
  });

  test('a template in the text is JUSTIFICATION-TEMPLATE', () => {
    const error = errorOf(() => checkJustification('backup.justification', 'approved by %{ if x }me%{ endif }', 'turn off geo-redundant backup'));
    expect(error.code).toBe('JUSTIFICATION-TEMPLATE');
    expect(error.message).toBe(
      'Invalid backup.justification: "approved by %{ if x }me%{ endif }" holds a Terraform expression ("${" or "%{"), which the warning and the security report would show unresolved. ' +
        'Fix: write the reason as plain text, e.g. "SEC-123: accepted by the security team until 2027-03".',
    );
  });
});

describe('justificationTokenError', () => {
  test('says a token cannot be read at synth, the token shown as ${…}', () => {
    const error = justificationTokenError('backup.justification', STRING_TOKEN);
    expect(error.code).toBe('JUSTIFICATION-TOKEN');
    expect(error.prop).toBe('backup.justification');
    expect(error.message).toBe(
      'Invalid backup.justification: "${…}" is a Terraform token, known only at apply time, not text a reviewer can read at synth. ' +
        'Fix: write the reason as literal text of at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
    );
  });
});
