import { providersSigningIn } from '../database-checks';
import { unreadProviderReference } from '../provider-facts';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown, Verdict } from '../rule';
import { literalBoolean } from '../value-readers';

/**
 * Terraform signs in to the server with an Entra token: every postgresql provider that signs in
 * to it, for a resource or a data source, has azure_identity_auth = true. Otherwise it signs in
 * with a password (the provider's default), a secret that lives in the pipeline and outside
 * Entra's conditional access, expiry and sign-in logs. A warning on a stack of raw resources (a
 * server in password mode may need it), an error on a library construct's server. No scanner has
 * this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-10',
  title: 'Terraform signs in to the server with an Entra token',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Set azure_identity_auth = true on the postgresql provider and sign in as an Entra administrator (DatabaseAccess does).',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const firstUse = providersSigningIn(server);
    if (firstUse.size === 0) return notApplicable('no postgresql provider resource or data source signs in to the server');
    const verdicts = [...firstUse].map(([key, address]): Verdict => {
      const config = stack?.postgresqlProviders.get(key);
      const unread = config === undefined ? unreadProviderReference(key) : undefined;
      if (unread !== undefined) return unknown(`${address} ${unread}`, address);
      const value = config?.azure_identity_auth;
      if (isUnknown(value)) return unknown(`the azure_identity_auth of provider ${key} is known only at apply time`, address);
      if (literalBoolean(value) === true) return PASS;
      const shown = value === undefined || value === null ? 'not set (the default, false)' : JSON.stringify(value);
      return fail(`provider ${key} has azure_identity_auth ${shown}, so it signs in with a password instead of an Entra token.`, address);
    }).filter((verdict) => verdict.status !== 'pass');
    return verdicts.length > 0 ? verdicts : PASS;
  },
};
