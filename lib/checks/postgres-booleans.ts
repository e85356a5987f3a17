/** PostgreSQL's spellings of a boolean on, as a server parameter value (unique prefixes included), in lower case. */
export const POSTGRES_ON: readonly string[] = ['on', 'true', 'tru', 'tr', 't', 'yes', 'ye', 'y', '1'];

/** PostgreSQL's spellings of a boolean off, as a server parameter value (unique prefixes included), in lower case. */
export const POSTGRES_OFF: readonly string[] = ['off', 'of', 'false', 'fals', 'fal', 'fa', 'f', 'no', 'n', '0'];
