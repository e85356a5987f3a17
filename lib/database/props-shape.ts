import { SecureFlexibleServer } from '../flexible-server/secure-flexible-server';
import { construct, list, LiteralReason, map, member, optional, reason, required, struct, text } from '../private/shape';
import { SecureSingleServer } from '../single-server/secure-single-server';
import { DATABASE_PRINCIPAL, MEMBER_FIX } from './database-principal';

/** The fix for a missing or unknown access level. */
export const ACCESS_LEVEL_FIX = 'use AccessLevel.READ_ONLY, READ_WRITE or OWNER';
/** The fix for a missing or unknown sign-in principal. */
export const CONNECT_AS_FIX = 'give the principalName of one of the server\'s entraAdministrators: Terraform signs in as it';

const SERVER = construct('SecureFlexibleServer', SecureFlexibleServer, 'pass the SecureFlexibleServer construct whose databases this manages', {
  type: SecureSingleServer,
  code: 'DB-SERVER-SINGLE',
  problem: 'is a SecureSingleServer: the pgaadauth security labels that map Entra principals to roles exist only on Flexible Server',
  fix: 'manage the roles of a SecureFlexibleServer; migrate the Single Server first (docs/migrating-to-flexible-server.md)',
});

// Literal: a database's and a schema's name decide where the group roles get their rights.
const DATABASE_NAME = text({ expected: 'a database name', example: '"orders"', literal: LiteralReason.SECURITY });
const SCHEMA_NAME = text({ expected: 'a schema name', example: '"sales"', literal: LiteralReason.SECURITY });

const DATABASE_CONNECT_AS = struct('DatabaseConnectAs', {
  principalName: required(text(), CONNECT_AS_FIX),
});

const DATABASE_ROLE = struct('DatabaseRole', {
  name: required(text(), 'give the name the member signs in with, e.g. "orders_app"'),
  database: required(DATABASE_NAME, 'give one of the databases this DatabaseAccess manages'),
  access: required(member('AccessLevel', 'AccessLevel.READ_ONLY', LiteralReason.SECURITY), ACCESS_LEVEL_FIX),
  member: required(DATABASE_PRINCIPAL, MEMBER_FIX),
});

/** What DatabaseAccessProps must be at run time, checked before anything else. */
export const DATABASE_ACCESS_PROPS = struct('DatabaseAccessProps', {
  server: required(SERVER, 'give the SecureFlexibleServer whose databases this manages'),
  connectAs: required(DATABASE_CONNECT_AS, CONNECT_AS_FIX),
  databases: required(list(DATABASE_NAME, { literal: LiteralReason.SECURITY }), 'list databases the server declares in its databases prop, e.g. ["orders"]'),
  // Items may hold references (role names, object IDs); the construct makes resources per item.
  roles: required(list(DATABASE_ROLE, { literal: LiteralReason.ITEMS }), 'give a list of { name, database, access, member }, or [] for the group roles only'),
  schemas: optional(map(list(SCHEMA_NAME, { literal: LiteralReason.SECURITY }), { literal: LiteralReason.SECURITY })),
  sslMode: optional(member('PostgresSslMode', 'PostgresSslMode.VERIFY_FULL', LiteralReason.SECURITY)),
  sslModeJustification: optional(reason()),
});
