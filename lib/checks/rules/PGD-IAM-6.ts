import { eachOf, inDatabaseOf, NamedRole, noDatabaseObjects, roleNamed, runsAfter, surelyMade, unknownAt } from '../database-checks';
import { Administrators, administratorsOf } from '../server-administrators';
import { asIdentifier } from '../postgres-sent-text';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, unknown, Verdict } from '../rule';
import { ResourceView, ServerView } from '../stack-model';
import { ownValue } from '../../private/own-keys';

/**
 * Azure's roles: its superuser, the administrators' group and its replication and local roles, and the roles Azure's extensions
 * make to manage where they send data (adversarial run of stop 70, A18).
 */
const AZURE_ROLES: { readonly [name: string]: string } = {
  azure_pg_admin: 'the group of the server\'s administrators (CREATEROLE over every role, every database)',
  azuresu: 'Azure\'s superuser',
  azure_superuser: 'Azure\'s superuser',
  localadmin: 'Azure\'s local administrator',
  replication: 'Azure\'s replication role',
  azure_storage_admin: 'adds storage accounts and their keys to the azure_storage extension, through which tables are copied to and from blob storage',
  azure_ai_settings_manager: 'sets the endpoints and keys of the azure_ai extension, where its calls send the data they are given',
  azure_cdc_admin: 'runs Azure\'s change data capture, which copies the server\'s tables out of it (Fabric mirroring)',
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
function powerOf(administrators: Administrators, name: string): string | undefined {
  const lower = name.toLowerCase();
  const power = ownValue(AZURE_ROLES, lower) ?? ownValue(PREDEFINED_ROLES, lower);
  if (power !== undefined) return power;
  // A predefined role of a later version (pg_maintain, ...): powerful until shown otherwise.
  if (lower.startsWith('pg_')) return 'a predefined role of PostgreSQL';
  if (administrators.roles.includes(asIdentifier(name).toLowerCase())) return 'the role of one of the server\'s administrators';
  return undefined;
}

/**
 * Where an administrator's name is known only at apply time: why a group not surely another role may be that administrator's, or
 * undefined. A role the stack surely makes itself (a postgresql_role of the server by that name, the DatabaseAccess roles among them,
 * or the block a reference names: surelyMade) is not Azure's administrator role; a block that may make no role or adopts one is no
 * proof (40th run, A40a-1), nor is one the membership does not wait for (no reference to it, no depends_on: runsAfter), for its CREATE
 * ROLE may fail on the administrator's role while the membership is applied to it (42nd run, A42a-1).
 */
function mayBeAdministrator(server: ServerView, stack: StackFacts | undefined, administrators: Administrators, named: NamedRole, membership: ResourceView): string | undefined {
  if (administrators.unknown.length === 0) return undefined;
  const made = (block: ResourceView) => surelyMade(block, stack) && runsAfter(server, membership, block);
  if (named.resource !== undefined && made(named.resource)) return undefined;
  const blocks = 'name' in named ? inDatabaseOf(server, 'postgresql_role').filter((role) => role.config.name === named.name) : [];
  if (blocks.some(made)) return undefined;
  const all = [...named.resource === undefined ? [] : [named.resource], ...blocks];
  const unsure = [...new Set(all.filter((block) => !surelyMade(block, stack)).map((block) => block.address))];
  const unordered = [...new Set(all.filter((block) => surelyMade(block, stack)).map((block) => block.address))];
  const why = [
    ...unsure.length === 0 ? [] : [`${unsure.join(', ')} may adopt an existing role or make none: an import or moved block, or a count, for_each or lifecycle.enabled known only later`],
    ...unordered.length === 0 ? [] : [`${membership.address} does not wait for ${unordered.join(', ')} (no reference to it, no depends_on): where its CREATE ROLE fails on an existing role, the membership is applied to that role`],
  ];
  const wait = unordered.length === 0 ? '' : 'name the role through its block\'s name or add depends_on on it (a DatabaseAccess group role: groupRoleName(...)), ';
  return `the name of ${administrators.unknown.join(', ')} is known only at apply time${why.length === 0 ? '' : ` (${why.join('; ')})`} (${wait}write the administrator's name literally, or suppress PGD-IAM-6 with the reason)`;
}

/** The verdict on one membership: the member (a label) made a member of `group`, read from `attribute` of `resource`. */
function judgeMembership(server: ServerView, stack: StackFacts | undefined, administrators: Administrators, resource: ResourceView, member: string, group: unknown, attribute: string): Verdict {
  const named = roleNamed(server, group);
  if (named === undefined) return PASS;
  const maybe = mayBeAdministrator(server, stack, administrators, named, resource);
  if ('unknown' in named) return maybe === undefined ? unknownAt(resource, attribute) : unknown(`${attribute} of ${resource.address} is known only at apply time and may name an administrator's role: ${maybe}`, resource.address);
  const power = powerOf(administrators, named.name);
  if (power !== undefined) return fail(`${member} is made a member of ${named.name}, ${power}.`, resource.address);
  return maybe === undefined ? PASS : unknown(`${member} is made a member of ${named.name}, which may be the role of an administrator (its CREATEROLE, membership of azure_pg_admin): ${maybe}`, resource.address);
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
 * membership. An administrator whose name is known only at apply time (a token in the props, a
 * reference, a token connectAs) may be any role the stack does not surely make itself: a membership
 * of a role no postgresql_role of the server surely makes (surelyMade: certain, not adopted by an
 * import or moved block; DatabaseAccess roles included) and that the membership waits for (a reference to the block or a depends_on
 * on it, directly or through a chain: runsAfter) is unknown, never a pass (39th run, A39a-1; 40th run, A40a-1, A40a-3; 42nd run, A42a-1). No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-6',
  title: 'No role is made a member of azure_pg_admin, an administrator or a predefined pg_* role',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Give the role its rights through a group role of its database (DatabaseAccess access levels) instead of azure_pg_admin, an administrator\'s role or a predefined pg_* role. '
    + 'Beside an administrator named only at apply time, make the membership wait for the block of the role it names: name the role through the block\'s name '
    + '(for a DatabaseAccess group role, DatabaseAccess.groupRoleName(...)) or add depends_on on the block.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const none = noDatabaseObjects(server);
    if (none) return none;
    const administrators = administratorsOf(server, stack);
    return eachOf(inDatabaseOf(server, 'postgresql_grant_role', 'postgresql_role'), (resource) => {
      if (resource.type === 'postgresql_grant_role') {
        return judgeMembership(server, stack, administrators, resource, memberLabel(server, resource.config.role, resource.address), resource.config.grant_role, 'grant_role');
      }
      const groups = resource.config.roles;
      if (isUnknown(groups)) return unknownAt(resource, 'roles');
      const member = memberLabel(server, resource.config.name, resource.address);
      const verdicts = (Array.isArray(groups) ? groups : []).map((group) => judgeMembership(server, stack, administrators, resource, member, group, 'an entry of roles'));
      return verdicts.find((verdict) => verdict.status === 'fail') ?? verdicts.find((verdict) => verdict.status !== 'pass') ?? PASS;
    });
  },
};
