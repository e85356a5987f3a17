import { administratorRoles, eachOf, inDatabaseOf, noDatabaseObjects, roleNamed, unknownAt } from '../database-checks';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';
import { ResourceView, ServerView } from '../stack-model';
import { ownValue } from '../../private/own-keys';

/** Azure's roles: its superuser, the administrators' group and its replication and local roles. */
const AZURE_ROLES: { readonly [name: string]: string } = {
  azure_pg_admin: 'the group of the server\'s administrators (CREATEROLE over every role, every database)',
  azuresu: 'Azure\'s superuser',
  azure_superuser: 'Azure\'s superuser',
  localadmin: 'Azure\'s local administrator',
  replication: 'Azure\'s replication role',
};

/**
 * What PostgreSQL 15's predefined roles let a member do. pg_monitor and its parts are here too:
 * they read every session's query text (with the literals it carries) and every setting.
 */
const PREDEFINED_ROLES: { readonly [name: string]: string } = {
  pg_read_all_data: 'reads every table of every database',
  pg_write_all_data: 'writes every table of every database',
  pg_read_server_files: 'reads the server\'s files (COPY FROM a file)',
  pg_write_server_files: 'writes the server\'s files (COPY TO a file)',
  pg_execute_server_program: 'runs programs on the server (COPY ... PROGRAM)',
  pg_signal_backend: 'cancels and ends other sessions',
  pg_monitor: 'reads every session\'s query text and every setting',
  pg_read_all_stats: 'reads every session\'s query text',
  pg_read_all_settings: 'reads every setting, superuser-only ones too',
  pg_stat_scan_tables: 'runs monitoring functions that lock tables',
  pg_checkpoint: 'forces checkpoints',
};

/** What membership of a role gives, when it is one of the server's powerful roles; else undefined. */
function powerOf(server: ServerView, name: string): string | undefined {
  const lower = name.toLowerCase();
  const power = ownValue(AZURE_ROLES, lower) ?? ownValue(PREDEFINED_ROLES, lower);
  if (power !== undefined) return power;
  // A predefined role of a later version (pg_maintain, ...): powerful until shown otherwise.
  if (lower.startsWith('pg_')) return 'a predefined role of PostgreSQL';
  if (administratorRoles(server).includes(lower)) return 'the role of one of the server\'s administrators';
  return undefined;
}


/** The verdict on one membership: the member (a label) made a member of `group`, read from `attribute` of `resource`. */
function judgeMembership(server: ServerView, resource: ResourceView, member: string, group: unknown, attribute: string): Verdict {
  const named = roleNamed(server, group);
  if (named === undefined) return PASS;
  if ('unknown' in named) return unknownAt(resource, attribute);
  const power = powerOf(server, named.name);
  return power === undefined ? PASS : fail(`${member} is made a member of ${named.name}, ${power}.`, resource.address);
}

/** The name of the member for messages: the literal or resolved name, else the expression. */
function memberLabel(server: ServerView, value: unknown, fallback: string): string {
  const named = roleNamed(server, value);
  return named !== undefined && 'name' in named ? `role ${named.name}` : fallback;
}

/**
 * No membership of Azure's or PostgreSQL's powerful roles: no postgresql_grant_role or
 * postgresql_role roles makes a role a member of azure_pg_admin (or another of Azure's roles), of
 * a role of the server's administrators, or of a predefined role (pg_read_all_data,
 * pg_write_all_data, pg_*_server_files, pg_execute_server_program, pg_signal_backend, pg_monitor
 * and its parts, any other pg_*). Each reads, writes or runs beyond the databases a role is given;
 * a monitoring agent that needs pg_monitor is a suppression with its reason. One finding per
 * membership. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-6',
  title: 'No role is made a member of azure_pg_admin, an administrator or a predefined pg_* role',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Give the role its rights through a group role of its database (DatabaseAccess access levels) instead of azure_pg_admin, an administrator\'s role or a predefined pg_* role.',
  appliesTo: 'any',
  evaluate: (server) =>
    noDatabaseObjects(server) ??
    eachOf(inDatabaseOf(server, 'postgresql_grant_role', 'postgresql_role'), (resource) => {
      if (resource.type === 'postgresql_grant_role') {
        return judgeMembership(server, resource, memberLabel(server, resource.config.role, resource.address), resource.config.grant_role, 'grant_role');
      }
      const groups = resource.config.roles;
      if (isUnknown(groups)) return unknownAt(resource, 'roles');
      const member = memberLabel(server, resource.config.name, resource.address);
      const verdicts = (Array.isArray(groups) ? groups : []).map((group) => judgeMembership(server, resource, member, group, 'an entry of roles'));
      return verdicts.find((verdict) => verdict.status !== 'pass') ?? PASS;
    }),
};
