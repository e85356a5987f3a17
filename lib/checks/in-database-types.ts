import { GRANTING } from './database-checks';

/**
 * The postgresql provider resource types the rules and the report read. The list is of what is
 * read, not of what is not: a type the provider adds later is not judged until a rule reads it
 * and it is added here (PGD-CFG-1, not-judged.ts).
 */
export const READ_IN_DATABASE: readonly string[] = [
  'postgresql_role',
  'postgresql_security_label',
  'postgresql_extension',
  'postgresql_schema',
  'postgresql_database',
  ...GRANTING,
];
