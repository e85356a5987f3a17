import { nameKey } from './azure-keys';
import { madeBy } from './beside-construct';
import { isUnknown } from './hcl-expression';
import { templateMaySpell } from './later-parents';
import { fail, notApplicable, PASS, unknown, Verdict } from './rule';
import { asList, certainOnly, ResourceView, ServerView, TerraformBlock } from './stack-model';
import { isSet, literalString, nestedBlock } from './value-readers';

const DESTINATIONS = ['log_analytics_workspace_id', 'storage_account_id', 'eventhub_authorization_rule_id', 'partner_solution_id'];

/** The category that carries the server log (connection lines, pgaudit lines), and the groups that contain it; Azure Monitor compares them ignoring case. */
const SERVER_LOG_CATEGORY = 'postgresqllogs';
const SERVER_LOG_GROUPS = ['alllogs', 'audit'];

/** Whether one enabled_log exports the server log: yes, no, or unknown when its category is known only later. */
function exportsServerLog(log: TerraformBlock): boolean | 'unknown' {
  if (isUnknown(log.category) || isUnknown(log.category_group)) return 'unknown';
  const category = literalString(log.category)?.toLowerCase();
  const group = literalString(log.category_group)?.toLowerCase();
  return category === SERVER_LOG_CATEGORY || (group !== undefined && SERVER_LOG_GROUPS.includes(group));
}

/** What keeps a diagnostic setting from sending the server log anywhere: a problem, "unknown", or undefined when it sends it. */
function shortcoming(setting: ResourceView): string | 'unknown' | undefined {
  if (!DESTINATIONS.some((attribute) => isSet(setting.config[attribute]))) {
    return 'the diagnostic setting has no destination (Log Analytics, storage, Event Hub or partner solution).';
  }
  if (nestedBlock(setting.config, 'enabled_log').state === 'unknown') return 'unknown';
  const enabled = asList(setting.config.enabled_log).filter((log) => isSet(log.category) || isSet(log.category_group));
  if (enabled.length === 0) return 'the diagnostic setting sends metrics only: it has no enabled_log with a category or category_group.';
  const exports = enabled.map(exportsServerLog);
  if (exports.includes(true)) return undefined;
  if (exports.includes('unknown')) return 'unknown';
  return 'the diagnostic setting does not export the server log (where connections and pgaudit write): no enabled_log has category "PostgreSQLLogs" or category_group "allLogs" or "audit".';
}

/**
 * Server logs leave the server (Flexible and Single alike): an azurerm_monitor_diagnostic_setting
 * that exists for sure targets the server, has a destination and exports the server log, where
 * the connection lines and pgaudit write: the category PostgreSQLLogs or a category group that
 * contains it (allLogs, audit). Metrics and the other categories (sessions, query store) do not.
 * An enabled_log written as a dynamic block or an expression cannot be read: unknown. A server
 * defined outside this stack, without a setting here, may have one elsewhere: not applicable.
 */
export function sendsLogs(server: ServerView): Verdict {
  const settings = certainOnly(server.diagnosticSettings);
  if (settings.length === 0) {
    if (!server.defined) return notApplicable('the server is defined outside this stack, and so may be its diagnostic setting');
    const maybe = server.diagnosticSettings[0];
    if (maybe) return unknown(`diagnostic setting ${maybe.address} may not exist or target the server: count, for_each or its target is known only at apply time`, maybe.address);
    return fail('no azurerm_monitor_diagnostic_setting sends the server\'s logs anywhere.');
  }
  const judged = settings.map((setting) => ({ setting, problem: shortcoming(setting) }));
  const sending = judged.filter(({ problem }) => problem === undefined).map(({ setting }) => setting);
  // One that shares its Azure ID with a setting that does not send the log is one object written twice: the last apply wins (X78-60).
  const namesakes = sending.map((setting) => ({ setting, other: server.diagnosticSettings.find((other) => other !== setting && mayShareName(other, setting) && shortcoming(other) !== undefined) }));
  if (namesakes.some(({ other }) => other === undefined)) return PASS;
  if (namesakes.length > 0) {
    const { setting, other } = namesakes[0] as { setting: ResourceView; other: ResourceView };
    const problem = shortcoming(other) as string;
    const shared = `diagnostic settings ${setting.address} and ${other.address} may have one name (Azure compares a setting's name without case, and a name known only at apply time may be any), so they are one setting written twice and the last apply wins`;
    if (problem === 'unknown') return unknown(`${shared}, and the enabled_log blocks of ${other.address} are known only at plan time`, other.address);
    return fail(`${shared}: ${other.address} ${problem.replace(/^the diagnostic setting /, '')}`, other.address);
  }
  const hidden = judged.find(({ problem }) => problem === 'unknown');
  if (hidden) return unknown(`the enabled_log blocks of ${hidden.setting.address} are known only at plan time`, hidden.setting.address);
  return fail(judged[0].problem!, judged[0].setting.address);
}

/**
 * Whether two settings of one target may have one name: Azure compares names without case; one known only at apply time may be
 * any its template can spell (`${var.prefix}-metrics` is never `diag`: Z78-5).
 */
function mayShareName(one: ResourceView, other: ResourceView): boolean {
  const [a, b] = [one.config.name, other.config.name];
  if (isUnknown(a) && isUnknown(b)) return true;
  if (isUnknown(a)) return typeof b === 'string' && templateMaySpell(a.spelling, b);
  if (isUnknown(b)) return typeof a === 'string' && templateMaySpell(b.spelling, a);
  return typeof a === 'string' && typeof b === 'string' && nameKey(a) === nameKey(b);
}

/**
 * A diagnostic setting's Azure ID is its target's ID and its name, compared without case: a setting the stack writes on
 * a construct's server with the name of the construct's own setting (or a name known only at apply time, which may be
 * it) is that setting written twice, and the last apply wins, so a metrics-only one stops the server's logs (sixteenth
 * review, A16a-9). Each such setting, with the name it may share.
 */
export function ownSettingNamesakes(settings: readonly ResourceView[], owner: string): { readonly setting: ResourceView; readonly name: string }[] {
  const own = settings.filter((setting) => madeBy(setting, owner)).flatMap((setting) => (typeof setting.config.name === 'string' ? [setting.config.name] : []));
  return settings.filter((setting) => !madeBy(setting, owner)).flatMap((setting) => {
    const name = setting.config.name;
    const shared = isUnknown(name) ? own[0] : own.find((each) => typeof name === 'string' && nameKey(name) === nameKey(each));
    return shared === undefined ? [] : [{ setting, name: shared }];
  });
}
