import type { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import type { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { IConstruct } from 'constructs';
import { SecureFlexibleServer } from '../flexible-server/secure-flexible-server';
import { libraryProvider } from '../private/library-provider';
import { postgresqlClasses, timeClasses } from './provider-classes';
import { PostgresSslMode } from './ssl-mode';

/** Seconds Terraform waits for the server to answer: the provider's own default is 180. */
export const CONNECT_TIMEOUT_SECONDS = 30;

/**
 * The postgresql provider of one server, added once per stack and server: it signs in as an
 * Entra administrator with a token for the server's tenant, as a non-superuser (the Azure
 * administrator is not one), over TLS.
 */
export function serverProvider(scope: IConstruct, server: SecureFlexibleServer, principalName: string, sslMode: PostgresSslMode): PostgresqlProvider {
  // The construct address is stable for a construct path, unique per server and made of hex digits.
  const { PostgresqlProvider } = postgresqlClasses();
  return libraryProvider(scope, `postgresql_${server.node.addr.slice(0, 16)}`, (stack, id, alias) => new PostgresqlProvider(stack, id, {
    alias,
    host: server.fqdn,
    port: 5432,
    database: 'postgres',
    username: principalName,
    azureIdentityAuth: true,
    azureTenantId: server.tenantId,
    superuser: false,
    sslmode: sslMode,
    connectTimeout: CONNECT_TIMEOUT_SECONDS,
  }));
}

/** The time provider of the library's password rotations. */
export function timeProvider(scope: IConstruct): TimeProvider {
  const { TimeProvider } = timeClasses();
  return libraryProvider(scope, 'time', (stack, id, alias) => new TimeProvider(stack, id, { alias }));
}
