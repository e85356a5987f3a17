/**
 * Microsoft Defender's plan for open-source relational databases, set for a whole subscription (nineteenth review, A19a-4):
 * the Free tier takes threat protection from every PostgreSQL server of the subscription, as turning it off for one server
 * does (threat-protection.ts, a writer PG-CFG-3 judges). The block names no server and, in its azurerm form without
 * `subscription_id`, no scope: it acts on its provider's subscription (with one, the PG-CFG-8 net judges it as a pointer). The Standard tier is a hardening and passes; a plan, tier or subscription known only
 * at apply time may be the server's.
 */
import { AZAPI_WRITER_TYPES, azapiName, azapiParent, azapiType, requestBody, writes } from './azapi-writes';
import { idKey, nameKey } from './azure-keys';
import { otherSubscription } from './containing-scopes';
import { sourceRelation } from './data-source-aliases';
import { blocksOfTypes } from './per-stack';
import { StackFacts } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { isObject } from './terraform-json';

const PLAN = 'opensourcerelationaldatabases';
export const DEFENDER_PLAN_TYPE = 'azurerm_security_center_subscription_pricing';
export const DEFENDER_PLAN_AZURE_TYPE = /^Microsoft\.Security\/pricings(@|$)/i;
/** azurerm's default `resource_type`. */
const AZURERM_DEFAULT_PLAN = 'VirtualMachines';

/** A block that may turn the plan off, with what it does, for PG-CFG-3's message. */
export interface DefenderPlanOff {
  readonly address: string;
  readonly text: string;
}

/** The blocks of the stack that may set the plan below Standard on the server's subscription. */
export function defenderPlansOff(server: ServerView, stack: StackFacts | undefined): DefenderPlanOff[] {
  const providers = stack?.providers ?? [];
  return planWriters(stack).flatMap((block) => {
    const plan = readPlan(block);
    if (plan === undefined || !mayBe(plan.plan, PLAN) || isOn(plan.tier)) return [];
    const other = block.type === DEFENDER_PLAN_TYPE ? sourceRelation(DEFENDER_PLAN_TYPE, block.config, server.config, providers) === 'other' : typeof plan.subscription === 'string' && otherSubscription(server, idKey(plan.subscription), stack);
    if (other) return [];
    const text = `${block.address} sets Microsoft Defender's ${JSON.stringify(plan.plan ?? null)} plan to tier ${JSON.stringify(plan.tier ?? null)} on a subscription that may hold the server: it removes threat protection from every PostgreSQL server there, this one included.`;
    return [{ address: block.address, text }];
  });
}

/** The blocks readPlan may read a plan from (the azurerm type, azapi writers), in the stack's order: every server asks. */
const planWriters = blocksOfTypes((type) => type === DEFENDER_PLAN_TYPE || AZAPI_WRITER_TYPES.includes(type));

interface PlanWrite {
  readonly plan: unknown;
  readonly tier: unknown;
  /** The subscription an azapi write names in its parent_id; undefined for azurerm (its provider's). */
  readonly subscription?: unknown;
}

function readPlan(block: ResourceView): PlanWrite | undefined {
  // One that names its subscription points at it: the PG-CFG-8 net judges it there (a pointer at a container of the server).
  if (block.type === DEFENDER_PLAN_TYPE) return block.config.subscription_id !== undefined ? undefined : { plan: block.config.resource_type ?? AZURERM_DEFAULT_PLAN, tier: block.config.tier };
  if (!AZAPI_WRITER_TYPES.includes(block.type) || !writes(block) || !DEFENDER_PLAN_AZURE_TYPE.test(azapiType(block) ?? '')) return undefined;
  const body = requestBody(block);
  const properties = isObject(body) && isObject(body.properties) ? body.properties : {};
  return { plan: azapiName(block), tier: isObject(body) ? properties.pricingTier : body, subscription: azapiParent(block) };
}

/** Whether a value may be the text (any case, trimmed): a literal is or is not; anything else may be. */
function mayBe(value: unknown, text: string): boolean {
  // A name's key (azure-keys.ts): "OpenSourceRelationalDatabaſes" may be the plan to ARM (run 35).
  return typeof value !== 'string' || nameKey(value) === text;
}

/** A literal Standard tier turns the plan on: a hardening. */
function isOn(tier: unknown): boolean {
  return typeof tier === 'string' && tier.trim().toLowerCase() === 'standard';
}
