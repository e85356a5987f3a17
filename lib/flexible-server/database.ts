import { checkPattern, checkRequired } from '../private/validate';
import { ValidationError } from '../private/validation-error';
import { isToken } from '../private/tokens';

/** A database on the server. */
export interface FlexibleServerDatabaseOptions {
  /** Name: 1-63 letters, digits, "-" or "_", starting with a letter, "-" or "_". */
  readonly name: string;
  /**
   * Character set.
   * @default "UTF8"
   */
  readonly charset?: string;
  /**
   * Collation, exactly as PostgreSQL on Azure names it, e.g. "en_US.utf8", "C", "de-DE-x-icu".
   * @default "en_US.utf8"
   */
  readonly collation?: string;
}

const NAME = /^[a-zA-Z_-][a-zA-Z0-9_-]{0,62}$/;
const RESERVED_NAMES = ['postgres', 'azure_maintenance', 'azure_sys', 'template0', 'template1'];
// The charsets the provider accepts (azurerm validate/database_charset.go), compared upper-cased.
const CHARSETS = [
  'BIG5', 'EUC_CN', 'EUC_JP', 'EUC_JIS_2004', 'EUC_KR', 'EUC_TW', 'GB18030', 'GBK', 'ISO_8859_5', 'ISO_8859_6', 'ISO_8859_7',
  'ISO_8859_8', 'JOHAB', 'KOI8R', 'KOI8U', 'LATIN1', 'LATIN2', 'LATIN3', 'LATIN4', 'LATIN5', 'LATIN6', 'LATIN7', 'LATIN8', 'LATIN9',
  'LATIN10', 'MULE_INTERNAL', 'SJIS', 'SHIFT_JIS_2004', 'SQL_ASCII', 'UHC', 'UTF8', 'WIN866', 'WIN874', 'WIN1250', 'WIN1251',
  'WIN1252', 'WIN1253', 'WIN1254', 'WIN1255', 'WIN1256', 'WIN1257', 'WIN1258',
];
/**
 * The shapes of the provider's case-sensitive collation allow-list: the fixed names, libc locales
 * such as "en_US", "en_US.utf8" or "de_DE@euro", and ICU locales such as "de-DE-x-icu". "en_US.UTF-8" and
 * "en-US" are refused, as the provider refuses them.
 */
const COLLATION = /^(default|C|POSIX|ucs_basic|C\.UTF-8|[a-z]{2,3}(_[A-Z]{2})?(\.[a-z0-9]+)?(@[a-z]+)?|[a-z]{2,3}(-[A-Za-z0-9]{1,8})*-x-icu|und-x-icu)$/;

export const DEFAULT_CHARSET = 'UTF8';
export const DEFAULT_COLLATION = 'en_US.utf8';

export function validateDatabases(prop: string, databases: readonly FlexibleServerDatabaseOptions[]): void {
  const names = new Set<string>();
  databases.forEach((database, index) => {
    const at = `${prop}[${index}]`;
    checkRequired(`${at}.name`, database.name, 'give the database a name, e.g. "app"');
    checkPattern(`${at}.name`, database.name, NAME, 'is not a valid database name', 'use 1-63 letters, digits, "-" or "_", not starting with a digit');
    if (!isToken(database.name)) {
      if (RESERVED_NAMES.includes(database.name)) {
        throw new ValidationError(`${at}.name`, database.name, 'is a database Azure creates and manages itself', 'choose another name');
      }
      if (names.has(database.name)) throw new ValidationError(`${at}.name`, database.name, 'is listed twice', 'list each database once');
      names.add(database.name);
    }
    const charset = database.charset;
    if (charset !== undefined && !isToken(charset) && !CHARSETS.includes(charset.toUpperCase())) {
      throw new ValidationError(`${at}.charset`, charset, 'is not a PostgreSQL server encoding', 'use one such as "UTF8", "LATIN1" or "WIN1252" (any case)');
    }
    checkPattern(`${at}.collation`, database.collation, COLLATION, 'is not a collation Flexible Server knows', 'write it as Azure names it, e.g. "en_US.utf8", "C" or "de-DE-x-icu" (not "en_US.UTF-8")');
  });
}
