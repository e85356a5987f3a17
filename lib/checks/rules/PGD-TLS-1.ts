import { providersSigningIn } from '../database-checks';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, unknown, Verdict } from '../rule';

/**
 * Terraform checks the server's certificate: every postgresql provider that signs in to the
 * server, for a resource or a data source (read at every plan), has sslmode "verify-full" (or, without sslmode, the deprecated ssl_mode). Any other mode
 * lets a man-in-the-middle read the Entra token of a server administrator the provider sends. A
 * missing sslmode is the provider's default (the runner's PGSSLMODE, else "require"). verify-ca
 * fails too: Azure's server certificates come from public CAs, and with a public CA verify-ca
 * accepts a certificate issued to anyone (PostgreSQL docs, libpq "SSL Support": use verify-full).
 * sslrootcert fails whatever its value: it replaces the trust anchors verify-full checks against
 * (unset, libpq reads the runner's ~/.postgresql/root.crt or, on the provider, the system's), so
 * a certificate from a CA of the committer's choosing would pass; a runner that needs Azure's
 * root bundle named suppresses the rule with the reason, for that path only (its subject).
 * DatabaseAccess's justified sslMode REQUIRE suppresses this rule for sslmode "require" only (its
 * subject): an override to a weaker mode still fails. No Checkov or Trivy check.
 */
/** The subject of sslmode "require": the only weaker mode DatabaseAccess's sslModeJustification covers. */
export const SSL_MODE_REQUIRE_SUBJECT = 'sslmode require';

/** The subject of a trust anchor swapped by sslrootcert: a justification covers that path only. */
export function rootCertificateSubject(path: string): string {
  return `sslrootcert ${JSON.stringify(path)}`;
}

export const rule: Rule = {
  id: 'PGD-TLS-1',
  title: 'Terraform verifies the server certificate',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.IN_TRANSIT,
  references: {},
  fix: 'Set sslmode = "verify-full" and no sslrootcert on the postgresql provider (DatabaseAccess does by default).',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const firstUse = providersSigningIn(server);
    if (firstUse.size === 0) return notApplicable('no postgresql provider resource or data source signs in to the server');
    const verdicts = [...firstUse].flatMap(([key, address]) => [providerVerifies(key, address, stack), trustAnchorKept(key, address, stack)])
      .filter((verdict) => verdict.status !== 'pass');
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

function providerVerifies(key: string, address: string, stack: StackFacts | undefined): Verdict {
  const config = stack?.postgresqlProviders.get(key);
  if (config === undefined) {
    return fail(`provider ${key} is not configured in this stack, so it uses the default sslmode (PGSSLMODE, else "require"), which does not check the server's certificate.`, address);
  }
  const mode = config.sslmode ?? config.ssl_mode ?? undefined;
  if (isUnknown(mode)) return unknown(`the sslmode of provider ${key} is known only at apply time`, address);
  if (mode === 'verify-full') return PASS;
  const why = mode === 'verify-ca' ? "checks the certificate's issuer but not the host name it was issued to" : "does not check the server's certificate";
  const shown = mode === undefined ? 'not set (the default, "require")' : JSON.stringify(mode);
  return fail(`provider ${key} has sslmode ${shown}, which ${why}, so a man-in-the-middle can take the token it signs in with.`, address,
    mode === 'require' ? SSL_MODE_REQUIRE_SUBJECT : undefined);
}

/** The provider checks the certificate against the runner's trust anchors: no sslrootcert of its own. */
function trustAnchorKept(key: string, address: string, stack: StackFacts | undefined): Verdict {
  const root = stack?.postgresqlProviders.get(key)?.sslrootcert;
  if (root === undefined) return PASS;
  if (isUnknown(root)) return unknown(`the sslrootcert of provider ${key} is known only at apply time`, address);
  return fail(`provider ${key} has sslrootcert ${JSON.stringify(root)}, which replaces the trust anchors verify-full checks the server's certificate against, `
    + 'so a server holding a certificate from that CA takes the token it signs in with.', address, typeof root === 'string' ? rootCertificateSubject(root) : undefined);
}

