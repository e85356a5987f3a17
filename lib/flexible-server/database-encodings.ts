// Which character sets a database can have with which collation. Measured with PostgreSQL 15:
// CREATE DATABASE ... ENCODING e LC_COLLATE c LC_CTYPE c TEMPLATE template0 (and, for ICU, with
// LOCALE_PROVIDER icu ICU_LOCALE) for every charset the provider accepts, as a superuser and as a
// role with CREATEDB. Only what holds whatever the host's locales are is encoded here:
//  - BIG5, GB18030, GBK, JOHAB, SHIFT_JIS_2004, SJIS and UHC are client-only encodings: "is not a
//    valid encoding name" for CREATE DATABASE, with any collation;
//  - C and POSIX suit every server encoding;
//  - a libc collation that names its code set ("en_US.utf8", "C.UTF-8", "en_US.latin1") needs that
//    encoding: "encoding ... does not match locale". SQL_ASCII passes too when a superuser creates
//    the database; whether Azure's service does cannot be told from here, so it is not refused;
//  - an ICU collation refuses SQL_ASCII, MULE_INTERNAL, EUC_JIS_2004, LATIN10 and WIN874 ("is not
//    supported with ICU provider"), and is no libc locale at all ("invalid locale name").
// The code set of a name without one ("en_US", "de_DE@euro") is the host's choice (Azure's
// en_US takes UTF8), so such names are not judged; nor are "default" and "ucs_basic".

/** The charsets the provider accepts (azurerm validate/database_charset.go), compared upper-cased. */
const PROVIDER_CHARSETS = [
  'BIG5', 'EUC_CN', 'EUC_JP', 'EUC_JIS_2004', 'EUC_KR', 'EUC_TW', 'GB18030', 'GBK', 'ISO_8859_5', 'ISO_8859_6', 'ISO_8859_7',
  'ISO_8859_8', 'JOHAB', 'KOI8R', 'KOI8U', 'LATIN1', 'LATIN2', 'LATIN3', 'LATIN4', 'LATIN5', 'LATIN6', 'LATIN7', 'LATIN8', 'LATIN9',
  'LATIN10', 'MULE_INTERNAL', 'SJIS', 'SHIFT_JIS_2004', 'SQL_ASCII', 'UHC', 'UTF8', 'WIN866', 'WIN874', 'WIN1250', 'WIN1251',
  'WIN1252', 'WIN1253', 'WIN1254', 'WIN1255', 'WIN1256', 'WIN1257', 'WIN1258',
];
const CLIENT_ONLY = ['BIG5', 'GB18030', 'GBK', 'JOHAB', 'SHIFT_JIS_2004', 'SJIS', 'UHC'];

/** The charsets a database can be created with, upper case. */
export const SERVER_CHARSETS: readonly string[] = PROVIDER_CHARSETS.filter((charset) => !CLIENT_ONLY.includes(charset));

const NOT_WITH_ICU = ['SQL_ASCII', 'MULE_INTERNAL', 'EUC_JIS_2004', 'LATIN10', 'WIN874'];
/** Code sets a libc collation name can end in, and the charset each needs. */
const CODE_SETS: { readonly [codeSet: string]: string } = { 'utf8': 'UTF8', 'utf-8': 'UTF8', 'latin1': 'LATIN1' };

/**
 * Why PostgreSQL refuses the charset (a server encoding, upper case) with the collation, and what
 * suits instead; undefined when it does not, or when the host decides.
 */
export function charsetCollationMismatch(charset: string, collation: string): { why: string; suits: string } | undefined {
  if (collation.endsWith('-x-icu')) {
    if (!NOT_WITH_ICU.includes(charset)) return undefined;
    return { why: 'PostgreSQL does not support it with an ICU collation', suits: `"UTF8" (any charset but ${NOT_WITH_ICU.join(', ')})` };
  }
  const codeSet = /^[^.@]+\.([^@]+)/.exec(collation)?.[1].toLowerCase();
  const needed = codeSet === undefined ? undefined : CODE_SETS[codeSet];
  if (needed === undefined || charset === needed || charset === 'SQL_ASCII') return undefined;
  return { why: `PostgreSQL refuses a database whose encoding does not match the collation's code set (${needed})`, suits: `"${needed}"` };
}
