import { isUnknown } from './hcl-expression';
import { createBeforeDestroyCause, isCreatedBeforeDestroyed } from './forced-create-before-destroy';
import { pgauditClassesSubject, pgauditLoggedClasses } from './pgaudit-classes';
import { fail, notApplicable, PASS, unknown, Verdict } from './rule';
import { ServerView } from './stack-model';
import { literalString } from './value-readers';

/**
 * Judges a server parameter that must be written with a value the test accepts (Flexible and
 * Single alike). Every resource that sets the parameter is judged, so a second configuration of
 * the same name (in any letter case, in any order) cannot override a good one unseen: any bad
 * value fails, any value known only later is unknown. Unless `optional`, the parameter must be set
 * by a resource that exists for sure: a missing one fails (Azure defaults differ by version and
 * age, and scanners read only what is written), except on a server defined outside this stack,
 * which may set it where it is managed.
 */
export function parameterSatisfies(
  server: ServerView,
  name: string,
  wanted: string,
  test: (value: string) => boolean,
  optional = false,
  subjectOf: (value: string) => string | undefined = () => undefined,
): Verdict {
  const settings = server.parameters.get(name.toLowerCase()) ?? [];
  // A replacement creates the new instance over the parameter, then the old instance's destroy resets it to Azure's default (X78-63);
  // Terraform replaces so what a create_before_destroy resource depends on too (Z78-2).
  const undone = settings.find(isCreatedBeforeDestroyed);
  if (undone !== undefined) {
    return fail(`server parameter ${name} is written by a resource Terraform replaces create-before-destroy (${createBeforeDestroyCause(undone)}), so each replacement sets it and then the old instance's destroy resets it to Azure's default.`, undone.address);
  }
  for (const setting of settings) {
    const raw = setting.config.value;
    const value = literalString(raw);
    if (!isUnknown(raw) && (value === undefined || !test(value))) {
      return fail(`server parameter ${name} is ${JSON.stringify(raw ?? null)}, not ${wanted}.`, setting.address, value === undefined ? undefined : subjectOf(value));
    }
  }
  const hidden = settings.find((setting) => isUnknown(setting.config.value));
  if (hidden) return unknown(`server parameter ${name} is known only at apply time`, hidden.address);
  if (optional || settings.some((setting) => setting.certain)) return PASS;
  if (!server.defined) return notApplicable(`the server is defined outside this stack, and this stack does not set ${name}`);
  if (settings.length > 0) {
    return unknown(`server parameter ${name} may not be set: count, for_each or the server its resource points at is known only at apply time`, settings[0].address);
  }
  return fail(`server parameter ${name} is not set (it must be ${wanted}).`);
}

/** A parameter that must be written as a value, compared without regard to case or surrounding blanks. */
export function parameterEquals(server: ServerView, name: string, expected: string): Verdict {
  return parameterSatisfies(server, name, `"${expected}"`, (value) => value.trim().toLowerCase() === expected.toLowerCase());
}

/** The items of a comma-separated parameter value (shared_preload_libraries, azure.extensions), trimmed and in lower case. */
export function listItems(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
}

/** pgaudit.log must turn on at least one class, as pgaudit reads the list ("-all" or "ddl,-ddl" turn nothing on). */
export function pgauditLogs(server: ServerView): Verdict {
  return parameterSatisfies(server, 'pgaudit.log', 'a list that leaves at least one audit class on', (value) => (pgauditLoggedClasses(value) ?? []).length > 0);
}

/**
 * Each server parameter is set by one resource with a name known at synth. Two resources that set
 * the same parameter (names ignore case) leave the value to whichever Azure applies last, and a
 * resource whose name is known only later could set any parameter: one verdict per such resource.
 */
export function parametersSetOnce(server: ServerView): readonly Verdict[] {
  const verdicts: Verdict[] = [];
  for (const [name, settings] of server.parameters) {
    if (settings.length < 2) continue;
    const others = settings.slice(1).map((setting) => setting.address).join(', ');
    verdicts.push(fail(`server parameter ${name} is set by ${settings.length} resources (${settings[0].address}, ${others}), so its value depends on which Azure applies last.`, settings[1].address));
  }
  for (const setting of server.parametersOfUnknownName) {
    verdicts.push(unknown(`the name of server parameter resource ${setting.address} is known only at apply time, so it could change any setting`, setting.address));
  }
  return verdicts.length > 0 ? verdicts : [PASS];
}

/** pgaudit.log keeps the ddl and role classes on, as pgaudit reads the list ("all" and "all,-misc" do; "all,-role" does not). */
export function pgauditLogsDdlAndRole(server: ServerView): Verdict {
  return parameterSatisfies(server, 'pgaudit.log', 'a list that keeps the ddl and role classes on', (value) => {
    const classes = pgauditLoggedClasses(value) ?? [];
    return classes.includes('ddl') && classes.includes('role');
  }, false, pgauditClassesSubject);
}
