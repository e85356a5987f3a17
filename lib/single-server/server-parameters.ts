import { PgAuditLogClass } from '../shared/pgaudit';
import { joinList, ServerParameter } from '../shared/server-parameter';

/** The most days Single Server keeps its log files (CIS 4.3.6: more than 3). */
export const SINGLE_SERVER_LOG_RETENTION_DAYS = 7;

/**
 * The server parameters the secure defaults need on Single Server, in the order they are
 * applied: connection logging and throttling, log retention, then pgaudit (preload, classes).
 */
export function singleServerParameters(pgauditLogClasses: readonly PgAuditLogClass[]): ServerParameter[] {
  return [
    { name: 'log_checkpoints', value: 'on' },
    { name: 'log_connections', value: 'on' },
    { name: 'log_disconnections', value: 'on' },
    { name: 'connection_throttling', value: 'on' },
    { name: 'log_retention_days', value: String(SINGLE_SERVER_LOG_RETENTION_DAYS) },
    { name: 'shared_preload_libraries', value: 'pgaudit' },
    { name: 'pgaudit.log', value: joinList([], pgauditLogClasses) },
  ];
}
