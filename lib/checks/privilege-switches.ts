import { parameterSatisfies } from './parameter-checks';
import { POSTGRES_OFF } from './postgres-booleans';
import { PASS, Verdict } from './rule';
import { ServerView } from './stack-model';

const normal = (value: string) => value.trim().toLowerCase();

/**
 * The server parameters that switch off PostgreSQL's own privilege or integrity checks for every session: lo_compat_privileges on
 * drops the privilege checks on large objects, session_replication_role replica stops ordinary triggers, rules and foreign-key
 * checks (pgaudit's DDL event triggers too). A verdict per parameter that does, each with its name and value as the subject, so a
 * suppression of one covers not the other; for either kind of server (PGF-IAM-8, PGS-IAM-4).
 */
export function privilegeChecksSwitchedOff(server: ServerView): readonly Verdict[] {
  const verdicts = [
    checked(server, 'lo_compat_privileges', '"off" (on skips the privilege checks on large objects: every role reads and writes all of them)', (value) => POSTGRES_OFF.includes(normal(value))),
    checked(server, 'session_replication_role', '"origin" or "local" (replica stops ordinary triggers, rules and foreign-key checks in every session)', (value) => normal(value) !== 'replica'),
  ].filter((verdict) => verdict.status !== 'pass');
  return verdicts.length > 0 ? verdicts : [PASS];
}

function checked(server: ServerView, name: string, wanted: string, test: (value: string) => boolean): Verdict {
  return parameterSatisfies(server, name, wanted, test, true, (value) => `${name} = ${normal(value)}`);
}
