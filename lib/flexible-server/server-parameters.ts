import { PgAuditLogClass } from '../shared/pgaudit';
import { hasConnectionThrottle } from './postgres-version';
import { TlsVersion } from './tls';
import { joinList, ServerParameter } from '../shared/server-parameter';


export interface ServerParameterInputs {
  readonly version: string;
  readonly tlsMinVersion: TlsVersion;
  readonly tlsMaxVersion?: TlsVersion;
  readonly pgauditLogClasses: readonly PgAuditLogClass[];
  readonly passwordAuthentication: boolean;
  /** Extensions allow-listed besides pgaudit. */
  readonly allowedExtensions: readonly string[];
}

/** The service's own preload list (PG 16 default), kept so that pg_cron and pg_stat_statements still load. */
const SERVICE_PRELOAD_LIBRARIES = ['pg_cron', 'pg_stat_statements'];
/** User and database first, so every log line says who did what where (Azure Policy 3bf854e8). */
export const LOG_LINE_PREFIX = '%t-%c-user=%u,db=%d,app=%a,client=%h-';
/** The most Azure keeps server log files (CIS: more than 3 days). */
export const LOG_FILE_RETENTION_DAYS = 7;

/**
 * Every server parameter the secure defaults need, in the order they are applied: transport
 * security first, then logging, then the pgaudit chain (allow-list, preload, classes), then SCRAM.
 */
export function flexibleServerParameters(inputs: ServerParameterInputs): ServerParameter[] {
  const parameters: ServerParameter[] = [
    { name: 'require_secure_transport', value: 'on' },
    { name: 'ssl_min_protocol_version', value: inputs.tlsMinVersion },
  ];
  if (inputs.tlsMaxVersion !== undefined) parameters.push({ name: 'ssl_max_protocol_version', value: inputs.tlsMaxVersion });
  parameters.push(
    { name: 'log_checkpoints', value: 'on' },
    { name: 'log_connections', value: 'on' },
    { name: 'log_disconnections', value: 'on' },
  );
  if (hasConnectionThrottle(inputs.version)) parameters.push({ name: 'connection_throttle.enable', value: 'on' });
  parameters.push(
    { name: 'logfiles.retention_days', value: String(LOG_FILE_RETENTION_DAYS) },
    { name: 'log_line_prefix', value: LOG_LINE_PREFIX },
    { name: 'azure.extensions', value: joinList(['pgaudit'], inputs.allowedExtensions) },
    { name: 'shared_preload_libraries', value: [...SERVICE_PRELOAD_LIBRARIES, 'pgaudit'].join(',') },
    { name: 'pgaudit.log', value: joinList([], inputs.pgauditLogClasses) },
  );
  if (inputs.passwordAuthentication) {
    parameters.push(
      { name: 'password_encryption', value: 'scram-sha-256' },
      { name: 'azure.accepted_password_auth_method', value: 'scram-sha-256' },
    );
  }
  return parameters;
}
