/**
 * Microsoft Defender (advanced threat protection) turned on for a resource: a hardening no
 * construct sets and no rule needs to read, so a block that does only that is no writer to the
 * server it names (PG-CFG-3). One that turns it off, or whose setting is known only later, stays a
 * writer: with the subscription's Defender plan on, it removes the protection from that server.
 */
import { AZAPI_WRITER_TYPES, requestBody, writes } from './azapi-writes';
import { armKey } from './azure-keys';
import { isUnknown } from './hcl-expression';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';

/** The per-server setting of Flexible Server, written through azapi. */
export const SETTING_TYPE = /^Microsoft\.DBforPostgreSQL\/flexibleServers\/advancedThreatProtectionSettings(@|$)/i;
/** The setting's own ID (a template read as written, "${azurerm_postgresql_flexible_server.db.id}/advancedThreatProtectionSettings/Default" too). */
const SETTING_ID = /\/advancedThreatProtectionSettings\/[^/]+$/i;

/** Whether a block only turns Defender on: azurerm's resource enabled, or azapi's setting with state "Enabled" and nothing else. */
export function turnsThreatProtectionOn(section: string, block: ResourceView): boolean {
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: equivalent: writerKind finds no writer in a data source or ephemeral block of these types either
  if (section !== 'resource') return false;
  const config = block.config;
  if (block.type === 'azurerm_advanced_threat_protection') return config.enabled === true;
  if (!AZAPI_WRITER_TYPES.includes(block.type) || !writes(block) || typeof config.type !== 'string' || !SETTING_TYPE.test(armKey(config.type))) return false;
  // An ID of another resource would send the body there: only the setting's own ID is read as one.
  const id = config.resource_id;
  if (id !== undefined && !((typeof id === 'string' || isUnknown(id)) && SETTING_ID.test(id.toString()))) return false;
  return onlyStateEnabled(requestBody(block));
}

/** A body of { properties: { state: "Enabled" } } exactly. */
function onlyStateEnabled(body: unknown): boolean {
  if (!isObject(body) || Object.keys(body).length !== 1 || !isObject(body.properties)) return false;
  const properties = body.properties;
  return Object.keys(properties).length === 1 && typeof properties.state === 'string' && properties.state.toLowerCase() === 'enabled';
}
