/** The statement classes of pgaudit.log ("all" is every one of them). */
const CLASSES = ['read', 'write', 'function', 'role', 'ddl', 'misc', 'misc_set'];

/**
 * What a justification of a narrower pgaudit.log covers: exactly the classes a value turns on, in
 * one order whatever the writing ("role,read" and "read, role" read the same). Undefined when the
 * value is not a list of pgaudit classes.
 */
export function pgauditClassesSubject(value: string): string | undefined {
  const classes = pgauditLoggedClasses(value);
  return classes === undefined ? undefined : `pgaudit.log classes ${classes.length > 0 ? classes.join(',') : 'none'}`;
}

/**
 * The classes a pgaudit.log value turns on, read as pgaudit reads it: items left to right, a class
 * adds, "-class" removes, "all" is every class and "none" adds nothing. So "all,-misc" logs all
 * but misc, and "ddl,-all" or "-all" log nothing. Undefined when an item is not a pgaudit class
 * (PostgreSQL refuses such a value).
 */
export function pgauditLoggedClasses(value: string): string[] | undefined {
  const logged = new Set<string>();
  for (const raw of value.split(',')) {
    const item = raw.trim().toLowerCase();
    if (item === '') continue;
    const remove = item.startsWith('-');
    const name = remove ? item.slice(1).trim() : item;
    // Stryker disable next-line ArrayDeclaration: equivalent: only the classes of CLASSES are read back
    const classes = name === 'all' ? CLASSES : name === 'none' ? [] : CLASSES.includes(name) ? [name] : undefined;
    if (classes === undefined) return undefined;
    classes.forEach((c) => (remove ? logged.delete(c) : logged.add(c)));
  }
  return CLASSES.filter((c) => logged.has(c));
}
