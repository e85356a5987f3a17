import { listItems, parameterSatisfies } from '../parameter-checks';
import { isUnknown, notApplicable, Rule, RuleSeverity, SecurityLayer, unknown, Verdict, faultsOf } from '../rule';
import { ServerView } from '../stack-model';
import { literalBoolean, nestedBlock } from '../value-readers';

const SCRAM = 'scram-sha-256';

/**
 * Passwords use SCRAM: where password authentication is on (the provider's default when the
 * authentication block or password_auth_enabled is missing), password_encryption is written as
 * scram-sha-256, so new passwords are stored as SCRAM verifiers, and
 * azure.accepted_password_auth_method as scram-sha-256 alone, so no client signs in with MD5.
 * Not applicable when password authentication is off. On a server defined outside this stack
 * (or known only at apply time) whether password sign-in is on is not known, so the values this
 * stack writes are judged: MD5 is never right. Microsoft's security guidance for Flexible
 * Server recommends SCRAM; no scanner has this check.
 */
export const rule: Rule = {
  id: 'PGF-IAM-6',
  title: 'Passwords use SCRAM-SHA-256, not MD5',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Add azurerm_postgresql_flexible_server_configuration password_encryption = "scram-sha-256" and azure.accepted_password_auth_method = "scram-sha-256", or turn password authentication off.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    if (!server.defined) return scramParameters(server);
    const authentication = nestedBlock(server.config, 'authentication');
    if (authentication.state === 'unknown') return unknown(authentication.note);
    const enabled = authentication.state === 'present' ? authentication.block.password_auth_enabled : undefined;
    if (isUnknown(enabled)) return unknown('authentication.password_auth_enabled is known only at apply time');
    if (literalBoolean(enabled) === false) return notApplicable('password authentication is off');
    return scramParameters(server);
  },
};

function scramParameters(server: ServerView): Verdict | readonly Verdict[] {
  return faultsOf(
    parameterSatisfies(server, 'password_encryption', `"${SCRAM}"`, (value) => value.trim().toLowerCase() === SCRAM),
    parameterSatisfies(server, 'azure.accepted_password_auth_method', `"${SCRAM}" alone`, (value) => listItems(value).join(',') === SCRAM),
  );
}
