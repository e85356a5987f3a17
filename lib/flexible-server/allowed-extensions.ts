import { IConstruct } from 'constructs';
import { outboundExtensionsIn, outboundExtensionsSubject } from '../checks/outbound-extensions';
import { suppressChoice } from '../checks/suppression-registry';
import { checkJustification, checkPattern } from '../private/validate';
import { ValidationError } from '../private/validation-error';
import { warn } from '../private/warnings';

/**
 * The extensions Azure Database for PostgreSQL flexible server offers in azure.extensions (the
 * list azurerm 4.55 and the Azure API accept; see the library's reference): a name outside it
 * would pass synth and fail at apply.
 */
export const AZURE_EXTENSIONS: readonly string[] = [
  'address_standardizer', 'address_standardizer_data_us', 'age', 'amcheck', 'anon', 'azure_ai', 'azure_storage', 'bloom', 'btree_gin',
  'btree_gist', 'citext', 'credcheck', 'cube', 'dblink', 'dict_int', 'dict_xsyn', 'earthdistance', 'fuzzystrmatch', 'hll', 'hstore',
  'hypopg', 'intagg', 'intarray', 'ip4r', 'isn', 'lo', 'login_hook', 'ltree', 'oracle_fdw', 'orafce', 'pageinspect', 'pg_buffercache',
  'pg_cron', 'pg_diskann', 'pg_duckdb', 'pg_freespacemap', 'pg_hint_plan', 'pg_ivm', 'pg_partman', 'pg_prewarm', 'pg_repack',
  'pg_squeeze', 'pg_stat_statements', 'pg_trgm', 'pg_visibility', 'pgaudit', 'pgcrypto', 'pglogical', 'pgrouting', 'pgrowlocks',
  'pgstattuple', 'plpgsql', 'plv8', 'postgis', 'postgis_raster', 'postgis_sfcgal', 'postgis_tiger_geocoder', 'postgis_topology',
  'postgres_fdw', 'postgres_protobuf', 'semver', 'session_variable', 'sslinfo', 'tablefunc', 'temporal_tables', 'tdigest', 'tds_fdw',
  'timescaledb', 'topn', 'tsm_system_rows', 'tsm_system_time', 'unaccent', 'uuid-ossp', 'vector',
];

const EXTENSION = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Each allowed extension is one Azure offers, written as Azure lists it; one that sends data out
 * of the server needs the justification.
 */
export function validateAllowedExtensions(extensions: readonly string[], justification: string | undefined): void {
  extensions.forEach((extension, index) => {
    const prop = `allowedExtensions[${index}]`;
    checkPattern('EXTENSION-NAME', prop, extension, EXTENSION, 'is not an extension name', 'write it as Azure lists it, in lower case, e.g. "pg_trgm" or "uuid-ossp"');
    if (!AZURE_EXTENSIONS.includes(extension)) {
      throw new ValidationError('EXTENSION-UNKNOWN', prop, extension, 'is not an extension Azure offers, so applying the server would fail', 'check the name against the list in azure.extensions\' allowed values (az postgres flexible-server parameter show --name azure.extensions), e.g. "pg_trgm"');
    }
  });
  const outbound = outboundExtensionsIn(extensions);
  if (outbound.length > 0) checkJustification('allowedExtensionsJustification', justification, `allow-list ${outbound.join(', ')}, which ${outbound.length === 1 ? 'sends' : 'send'} data out of the server`);
}

/** Prints the justified choice and suppresses PGF-NET-12 on the allow-list for exactly these extensions (validated before). */
export function justifyOutboundExtensions(scope: IConstruct, parameter: IConstruct, extensions: readonly string[], justification: string | undefined): void {
  const outbound = outboundExtensionsIn(extensions);
  if (outbound.length === 0) return;
  warn(scope, 'OutboundExtensions', `azure.extensions allows ${outbound.join(', ')}: a database user can send data out of the server to a host or storage of their choosing`, justification);
  suppressChoice(parameter, 'PGF-NET-12', justification!, outboundExtensionsSubject(extensions)!);
}
