import { SecureFlexibleServer } from '../flexible-server/secure-flexible-server';
import { ValidationError } from '../private/validation-error';
import { PostgresSslMode } from './ssl-mode';

/** What the DatabaseAccess constructs of one server have taken: they share its provider. */
interface Claims {
  readonly principalName: string;
  readonly sslMode: PostgresSslMode;
  /** Database name → path of the DatabaseAccess that manages it. */
  readonly databases: Map<string, string>;
  /** Role name in lower case → path of the DatabaseAccess that creates it. */
  readonly roles: Map<string, string>;
}

const claimsByServer = new WeakMap<SecureFlexibleServer, Claims>();

export interface AccessClaim {
  readonly path: string;
  readonly principalName: string;
  readonly sslMode: PostgresSslMode;
  readonly databases: readonly string[];
  /** Every role name the access creates (group and login), literal ones only. */
  readonly roles: readonly string[];
}

/**
 * Records what a DatabaseAccess manages on its server, after refusing a second owner of a
 * database or role (Terraform would create it twice) and a second way to sign in (one provider
 * serves every DatabaseAccess of the server).
 */
export function claim(server: SecureFlexibleServer, access: AccessClaim): void {
  const existing = claimsByServer.get(server);
  if (existing === undefined) {
    claimsByServer.set(server, {
      principalName: access.principalName,
      sslMode: access.sslMode,
      databases: new Map(access.databases.map((name) => [name, access.path])),
      roles: new Map(access.roles.map((name) => [name.toLowerCase(), access.path])),
    });
    return;
  }
  const shared = 'every DatabaseAccess of a server shares one postgresql provider';
  if (existing.principalName !== access.principalName) {
    throw new ValidationError('DB-CONNECT-AS-SHARED', 'connectAs.principalName', access.principalName, `differs from ${JSON.stringify(existing.principalName)}, which another DatabaseAccess of this server signs in as`, `sign in as the same administrator: ${shared}`);
  }
  if (existing.sslMode !== access.sslMode) {
    throw new ValidationError('DB-SSL-MODE-SHARED', 'sslMode', access.sslMode, `differs from ${JSON.stringify(existing.sslMode)}, which another DatabaseAccess of this server uses`, `use the same TLS mode: ${shared}`);
  }
  access.databases.forEach((name, index) => {
    const owner = existing.databases.get(name);
    if (owner !== undefined) throw new ValidationError('DB-DATABASE-CLAIMED', `databases[${index}]`, name, `is already managed by DatabaseAccess "${owner}" on this server`, 'manage each database of a server in one DatabaseAccess');
  });
  for (const name of access.roles) {
    const owner = existing.roles.get(name.toLowerCase());
    if (owner !== undefined) throw new ValidationError('DB-ROLE-CLAIMED', 'roles', name, `is already created by DatabaseAccess "${owner}" on this server`, 'declare each role once per server');
  }
  access.databases.forEach((name) => existing.databases.set(name, access.path));
  access.roles.forEach((name) => existing.roles.set(name.toLowerCase(), access.path));
}
