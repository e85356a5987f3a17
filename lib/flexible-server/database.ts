import { FLEXIBLE_SERVER_COLLATIONS } from './database-collations';
import { charsetCollationMismatch, SERVER_CHARSETS } from './database-encodings';
import { AZURE_DATABASES } from '../private/azure-databases';
import { list, LiteralReason, optional, required, struct, text } from '../private/shape';
import { isToken } from '../private/tokens';
import { checkPattern } from '../private/validate';
import { ValidationError } from '../private/validation-error';

/** A database on the server. */
export interface FlexibleServerDatabaseOptions {
  /** Name: 1-63 letters, digits, "-" or "_", starting with a letter, "-" or "_". */
  readonly name: string;
  /**
   * Character set: a PostgreSQL server encoding that suits the collation (a ".utf8" collation
   * needs UTF8).
   * @default "UTF8"
   */
  readonly charset?: string;
  /**
   * Collation, exactly as PostgreSQL on Azure names it (the azurerm provider's list), e.g.
   * "en_US.utf8", "C", "de-DE-x-icu".
   * @default "en_US.utf8"
   */
  readonly collation?: string;
}

const NAME = /^[a-zA-Z_-][a-zA-Z0-9_-]{0,62}$/;

export const DEFAULT_CHARSET = 'UTF8';
export const DEFAULT_COLLATION = 'en_US.utf8';

const DATABASE_OPTIONS = struct('FlexibleServerDatabaseOptions', {
  name: required(text(), 'give the database a name, e.g. "app"'),
  charset: optional(text()),
  collation: optional(text()),
});

/** A list of databases: the construct makes one resource per database, so the list must be known at synth. */
export const DATABASES = list(DATABASE_OPTIONS, { literal: LiteralReason.ITEMS });

export function validateDatabases(prop: string, databases: readonly FlexibleServerDatabaseOptions[]): void {
  const names = new Set<string>();
  databases.forEach((database, index) => {
    const at = `${prop}[${index}]`;
    checkPattern('DATABASE-NAME-FORMAT', `${at}.name`, database.name, NAME, 'is not a valid database name', 'use 1-63 letters, digits, "-" or "_", not starting with a digit');
    if (!isToken(database.name)) {
      if (AZURE_DATABASES.includes(database.name)) {
        throw new ValidationError('DATABASE-NAME-RESERVED', `${at}.name`, database.name, 'is a database Azure creates and manages itself', 'choose another name');
      }
      if (names.has(database.name)) throw new ValidationError('DATABASE-NAME-DUPLICATE', `${at}.name`, database.name, 'is listed twice', 'list each database once');
      names.add(database.name);
    }
    validateEncoding(at, database);
  });
}

/** The charset must be a server encoding, the collation one Flexible Server has, and the two must suit each other. */
function validateEncoding(at: string, database: FlexibleServerDatabaseOptions): void {
  const { charset, collation } = database;
  if (charset !== undefined && !isToken(charset) && !SERVER_CHARSETS.includes(charset.toUpperCase())) {
    throw new ValidationError('DATABASE-CHARSET', `${at}.charset`, charset, 'is not a PostgreSQL server encoding', 'use one such as "UTF8", "LATIN1" or "WIN1252" (any case)');
  }
  if (collation !== undefined && !isToken(collation) && !FLEXIBLE_SERVER_COLLATIONS.has(collation)) {
    throw new ValidationError(
      'DATABASE-COLLATION',
      `${at}.collation`,
      collation,
      'is not a collation Flexible Server knows',
      'write it as Azure names it, e.g. "en_US.utf8", "C" or "de-DE-x-icu" (not "en_US.UTF-8")',
    );
  }
  const effectiveCharset = charset ?? DEFAULT_CHARSET;
  const effectiveCollation = collation ?? DEFAULT_COLLATION;
  if (isToken(effectiveCharset) || isToken(effectiveCollation)) return;
  const mismatch = charsetCollationMismatch(effectiveCharset.toUpperCase(), effectiveCollation);
  if (mismatch !== undefined) {
    const shown = collation === undefined ? `the default collation "${DEFAULT_COLLATION}"` : `collation "${collation}"`;
    throw new ValidationError(
      'DATABASE-CHARSET-COLLATION',
      charset === undefined ? `${at}.collation` : `${at}.charset`,
      charset ?? collation,
      `does not suit ${charset === undefined ? `the default charset "${DEFAULT_CHARSET}"` : shown}: ${mismatch.why}`,
      `use charset ${mismatch.suits}, or another collation`,
    );
  }
}
