import { KEY_URL as VERSIONLESS_OR_VERSIONED, VERSIONED_KEY_URL as VERSIONED } from '../private/key-vault-url';
import { checkPattern } from '../private/validate';

/** Refuses a literal that is not a Key Vault (or Managed HSM) key URL. */
export function checkKeyVaultKeyId(prop: string, value: string | undefined, options: { versionRequired: boolean }): void {
  const fix = options.versionRequired
    ? 'give the versioned key ID, https://<vault>.vault.azure.net/keys/<name>/<version>'
    : 'give the key ID, https://<vault>.vault.azure.net/keys/<name>[/<version>] (versionless keys rotate automatically)';
  if (options.versionRequired && value !== undefined && VERSIONLESS_OR_VERSIONED.test(value) && !VERSIONED.test(value)) {
    checkPattern('SINGLE-CMK-VERSIONLESS', prop, value, VERSIONED, 'has no key version, which this server needs', fix);
  }
  checkPattern('CMK-KEY-ID', prop, value, options.versionRequired ? VERSIONED : VERSIONLESS_OR_VERSIONED, 'is not a Key Vault key ID', fix);
}
