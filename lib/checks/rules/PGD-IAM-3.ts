import { eachOf, inDatabaseOf, noDatabaseObjects, roleLabel } from '../database-checks';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { isSet, literalString } from '../value-readers';
import { rotationChainProblem } from '../password-rotation-chain';

/**
 * Password roles rotate and expire: a postgresql_role with a password writes it through
 * password_wo (the plain password attribute keeps it in Terraform state), changes it on a schedule
 * (password_wo_version is the time of a time_rotating, not a literal that changes only when someone
 * edits it, and a random_password behind password_wo keeps that time, so a new password is made and
 * sent) and has valid_until set to the rotation's due time plus at most 30 days (not "infinity", not a
 * fixed date), so a password that is not rotated stops working (password-rotation-chain.ts, A65a-1). A password that comes, on
 * any way, from anything but a generator of the stack (a variable, a store the stack does not write) fails: the same one may be
 * sent at every rotation, and where it is rotated is said in a suppression (70th run). Microsoft's security guidance asks for rotated database user
 * passwords. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-3',
  title: 'Password roles: write-only, rotated by a time_rotating, with an expiry that follows it',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Write the password through password_wo from a random_password whose keepers hold a time_rotating\'s rfc3339, set password_wo_version to that rfc3339 and valid_until to its rotation_rfc3339 plus at most 30 days (as DatabaseAccess does). A password rotated elsewhere (a variable a pipeline sets, a vault\'s own rotation) cannot be shown new at each rotation: suppress PGD-IAM-3 saying where it is rotated.',
  appliesTo: 'any',
  evaluate: (server, stack) =>
    noDatabaseObjects(server) ??
    eachOf(inDatabaseOf(server, 'postgresql_role'), (role) => {
      const { password, password_wo: writeOnly, password_wo_version: version, valid_until: validUntil } = role.config;
      if (!isSet(password) && !isSet(writeOnly)) return PASS;
      const name = roleLabel(role);
      if (isSet(password)) return fail(`${name} sets password, which Terraform keeps in its state and cannot rotate on a schedule.`, role.address);
      if (!isUnknown(version)) return fail(`${name} has password_wo_version ${JSON.stringify(version ?? null)}, a literal, so its password changes only when someone edits it.`, role.address);
      if (!isSet(validUntil) || literalString(validUntil)?.trim().toLowerCase() === 'infinity') {
        // Named as written: "infinity" is a value a reviewer finds, a missing argument is not (62nd run, A62a-3).
        const what = isSet(validUntil) ? `has valid_until = ${JSON.stringify(validUntil)}` : 'has no valid_until';
        return fail(`${name} ${what}, so a password that is not rotated never expires.`, role.address);
      }
      const broken = rotationChainProblem(name, role, { stack, block: role.config });
      return broken === undefined ? PASS : fail(broken, role.address);
    }),
};
