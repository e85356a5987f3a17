import { ANY_SEGMENT, namesAfterType, segmentMayBe } from './ids-in-text';
import { nameKey } from './azure-keys';
import { actionRequest, AZAPI_WRITER_TYPES, azapiName, azapiParent, azapiTarget, azapiType, azapiWriters, bodyProperties } from './azapi-writes';
import { isUnknown, Unknown } from './hcl-expression';
import { patchesLive } from './live-patch';
import { referencedResources } from './referenced-resources';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';

// A forwarder's row reads some of what it forwards from other blocks: the ranges of an IP group, the ports of a load
// balancer's rules, an Application Gateway's backend and frontend ports. Azure keeps one property for each, which an azapi
// write sets as surely as the azurerm argument: an update of the object, a PUT or PATCH action, a same-named azapi_resource
// (a PUT that replaces it), a write of its parent's list, or a child written on its own (twenty-first review, A21b-1,
// A21b-3). One table, one row per (azurerm type, argument) and its (Azure type, property path), says where each writer
// spells it; a reader takes every value any of them may give (the azurerm block and its azapi writers both apply, in an
// order Terraform does not fix), and a write whose body cannot be read gives a value known only at apply time.

/** Where a forwarder input is written: the holder an azurerm reader reads it from, and each azapi spelling of it. */
export interface InputRow {
  /** The azurerm block (or the block the azurerm argument sits in) and the argument the reader takes, e.g. "azurerm_lb_rule" "backend_port". */
  readonly azurerm: string;
  readonly argument: string;
  /** The holder: the block the reader asks (an IP group, a load balancer, a gateway) and the Azure type of its azapi form. */
  readonly holder: string;
  readonly holderAzureType: string;
  /**
   * Each azapi spelling: the Azure type written (lower case, no API version) and the path of the value below the body's
   * `properties` ("list[]" for each item of a list, whose item properties sit under its own "properties").
   */
  readonly spellings: readonly Spelling[];
  /**
   * True when no child type of the holder writes the value but the spellings' own (a firewall's subnets, a hub's prefix): a
   * child of another type is no write of it. Otherwise a child no row reads, and not inert, may write it (a balancer's rules).
   */
  readonly childrenInert?: true;
}

/** One azapi spelling of an input: the Azure type written and the path of the value below the body's `properties`. */
export interface Spelling {
  readonly azureType: string;
  readonly path: string;
  /** True when the write is of the holder's parent, whose list (the path's first) holds the holder as the item of its name. */
  readonly inParent?: boolean;
}

/** The Azure types of the children of a load balancer whose rules the readers take ports from. */
const LB = 'microsoft.network/loadbalancers';
const LB_RULE = 'microsoft.network/loadbalancers/loadbalancingrules';
const LB_NAT_RULE = 'microsoft.network/loadbalancers/inboundnatrules';
const GATEWAY = 'microsoft.network/applicationgateways';
const VNET = 'microsoft.network/virtualnetworks';
const SUBNET = 'microsoft.network/virtualnetworks/subnets';

/** The azurerm blocks of a load balancer whose IDs lie below it. */
const LB_CHILDREN = ['azurerm_lb_rule', 'azurerm_lb_nat_rule', 'azurerm_lb_backend_address_pool'];

/** The table: every argument a forwarder row takes from another block, and where azapi writes the same property. */
export const FORWARDER_INPUTS: { readonly [input: string]: InputRow } = {
  ipGroupRanges: { azurerm: 'azurerm_ip_group', argument: 'cidrs', holder: 'azurerm_ip_group', holderAzureType: 'microsoft.network/ipgroups',
    spellings: [{ azureType: 'microsoft.network/ipgroups', path: 'ipAddresses' }] },
  lbRuleBackendPorts: { azurerm: 'azurerm_lb_rule', argument: 'backend_port', holder: 'azurerm_lb', holderAzureType: LB,
    spellings: [{ azureType: LB, path: 'loadBalancingRules[].backendPort' }, { azureType: LB_RULE, path: 'backendPort' }] },
  lbRuleFrontendPorts: { azurerm: 'azurerm_lb_rule', argument: 'frontend_port', holder: 'azurerm_lb', holderAzureType: LB,
    spellings: [{ azureType: LB, path: 'loadBalancingRules[].frontendPort' }, { azureType: LB_RULE, path: 'frontendPort' }] },
  lbNatRuleBackendPorts: { azurerm: 'azurerm_lb_nat_rule', argument: 'backend_port', holder: 'azurerm_lb', holderAzureType: LB,
    spellings: [{ azureType: LB, path: 'inboundNatRules[].backendPort' }, { azureType: LB_NAT_RULE, path: 'backendPort' }] },
  lbNatRuleFrontendPorts: { azurerm: 'azurerm_lb_nat_rule', argument: 'frontend_port', holder: 'azurerm_lb', holderAzureType: LB,
    spellings: [{ azureType: LB, path: 'inboundNatRules[].frontendPort' }, { azureType: LB_NAT_RULE, path: 'frontendPort' }] },
  // A NAT rule's range of frontend ports: its start and end read as "start-end" (any other value: every port).
  lbNatRuleFrontendRanges: { azurerm: 'azurerm_lb_nat_rule', argument: 'frontend_port_start', holder: 'azurerm_lb', holderAzureType: LB,
    spellings: [{ azureType: LB, path: 'inboundNatRules[].frontendPortRangeStart' }, { azureType: LB_NAT_RULE, path: 'frontendPortRangeStart' }] },
  gatewayBackendPorts: { azurerm: 'azurerm_application_gateway', argument: 'backend_http_settings.port', holder: 'azurerm_application_gateway', holderAzureType: GATEWAY,
    spellings: [{ azureType: GATEWAY, path: 'backendHttpSettingsCollection[].port' }, { azureType: GATEWAY, path: 'backendSettingsCollection[].port' }] },
  gatewayFrontendPorts: { azurerm: 'azurerm_application_gateway', argument: 'frontend_port.port', holder: 'azurerm_application_gateway', holderAzureType: GATEWAY,
    spellings: [{ azureType: GATEWAY, path: 'frontendPorts[].port' }] },
  // Application Gateway Private Link publishes the gateway's private frontend to other tenants' private endpoints: any item exposes it.
  gatewayPrivateLinks: { azurerm: 'azurerm_application_gateway', argument: 'private_link_configuration', holder: 'azurerm_application_gateway', holderAzureType: GATEWAY,
    spellings: [{ azureType: GATEWAY, path: 'privateLinkConfigurations' }] },
  // The prefixes of the subnet a dynamically allocated private frontend takes its address in.
  subnetPrefixes: { azurerm: 'azurerm_subnet', argument: 'address_prefixes', holder: 'azurerm_subnet', holderAzureType: SUBNET,
    spellings: [{ azureType: SUBNET, path: 'addressPrefix' }, { azureType: SUBNET, path: 'addressPrefixes' },
      { azureType: VNET, path: 'subnets[].addressPrefix', inParent: true }, { azureType: VNET, path: 'subnets[].addressPrefixes', inParent: true }] },
};

/** The values this table made for what it cannot read: a verdict names them (`unreadInput`). */
const UNREAD = new WeakSet<Unknown>();

/** A value known only at apply time that an azapi write of an input gives, with what it is and the fix. */
function unreadWrite(text: string): Unknown {
  const value = new Unknown(`${text}: write it as literal JSON the pack reads, or suppress PG-NET-1 on the forwarder with the reason`, []);
  UNREAD.add(value);
  return value;
}

/** Whether a value is one an azapi write of an input gives and the pack cannot read (for the verdict's message). */
export function unreadInput(value: unknown): value is Unknown {
  return isUnknown(value) && UNREAD.has(value);
}

/** The end of a NAT rule's frontend range, beside its start (lbNatRuleFrontendRanges). */
const RANGE_END: { readonly [type: string]: string } = { [LB]: 'inboundNatRules[].frontendPortRangeEnd', [LB_NAT_RULE]: 'frontendPortRangeEnd' };

/**
 * Children of a holder's Azure type no row reads, each inert for what the readers take, with why; a write of any other child
 * under a holder may change what it forwards: its value is known only at apply time (fails closed where it matters).
 */
export const INERT_CHILDREN: { readonly [azureType: string]: string } = {
  'microsoft.network/loadbalancers/probes': 'a health probe forwards nothing',
  'microsoft.network/loadbalancers/outboundrules': 'outbound SNAT of the backends: no inbound forward',
  'microsoft.network/loadbalancers/backendaddresspools': 'read as a forwarder of its own (forwarding-paths.ts), from anyone on every port',
  'microsoft.network/loadbalancers/inboundnatpools': 'forwards to a scale set\'s instances only, never to an address (the server is none)',
  'microsoft.network/applicationgateways/privateendpointconnections': 'an approval of a Private Link connection: read with privateLinkConfigurations (every source)',
};

/**
 * The Azure types the table reads, for read-types.ts; a VNet and its subnets are registered by azapi-network.ts, whose rows
 * judge them toward the network (here only their prefixes are read, not what else they write).
 */
export const FORWARDER_INPUT_AZURE_TYPES: readonly string[] = [...new Set(Object.values(FORWARDER_INPUTS).filter((row) => row.holder !== 'azurerm_subnet')
  .flatMap((row) => [row.holderAzureType, ...row.spellings.map((each) => each.azureType)]))];

/**
 * The values every azapi write of the stack gives an input of a holder block (an azurerm block, or an azapi one the
 * reader reads; its own body is read by its row, not here): the property at its path in each write's body, a value known
 * only at apply time when the body (or an item on the path) cannot be read or a child no row reads is written under it.
 */
export function azapiInputValues(input: keyof typeof FORWARDER_INPUTS | InputRow, holder: ResourceView, stack: StackFacts | undefined): unknown[] {
  // A row of another table read through the same writers (firewall-placements.ts: where a firewall connects from).
  const row: InputRow = typeof input === 'object' ? input : FORWARDER_INPUTS[input];
  const values: unknown[] = [];
  for (const block of azapiWriters(stack)) {
    if (block === holder || block.address === holder.address) continue;
    const view = requestView(block);
    const type = azapiType(view);
    if (type === undefined) {
      // A type known only at apply time (an action named by a variable) on the holder, or on a block of it, may write any of it.
      if (names(azapiTarget(view), holder, stack)) values.push(unreadWrite(`what ${block.address} writes at ${holder.address}, whose type is known only at apply time`));
      continue;
    }
    const spellings = row.spellings.filter((each) => each.azureType === type);
    // A child another row of the holder reads (a NAT rule, for a rule's ports) is no write of this input.
    const unreadChild = row.childrenInert !== true && type.startsWith(`${row.holderAzureType}/`) && !isInertChild(type) && !readUnder(row.holderAzureType).includes(type);
    if (spellings.length === 0 && !unreadChild) continue;
    // The object the write acts on: the holder itself, a child below it, or its parent (whose list holds it).
    const inParent = spellings.some((each) => each.inParent === true);
    if (inParent ? !mayBeParent(azapiTarget(view), holder, stack) : !mayBe(type === row.holderAzureType ? azapiTarget(view) : azapiParent(view), holder, row, stack)) continue;
    if (spellings.length === 0) {
      values.push(unreadWrite(`what ${block.address} writes under ${holder.address} as ${type}, which the pack does not read`));
      continue;
    }
    const properties = bodyProperties(block);
    if (properties === undefined) continue;
    // A partial write (live-patch.ts) of a child the stack's azurerm block does not give (a rule by literal ID) keeps its live value.
    const live = patchesLive(block) && type !== row.holderAzureType && !inParent && referencedResources(azapiTarget(view), row.azurerm, stack?.resources).length === 0;
    for (const { azureType, path, inParent: itemOf } of spellings) {
      if (!isObject(properties) || isUnknown(properties)) {
        values.push(unreadWrite(`the ${path} ${block.address} writes to ${holder.address}, whose body is known only at apply time`));
        continue;
      }
      // A NAT rule takes one frontend port or a range: a write of either form gives its frontend.
      const forms = input === 'lbNatRuleFrontendRanges' || input === 'lbNatRuleFrontendPorts' ? [path, path === 'frontendPort' ? 'frontendPortRangeStart' : 'frontendPort'] : [path];
      if (live && !path.includes('[]') && forms.every((form) => properties[form] === undefined || properties[form] === null)) {
        values.push(unreadWrite(`the live ${path} of what ${block.address} updates, which a write that leaves it out keeps and the stack does not give`));
        continue;
      }
      const found = valuesAt(properties, path, block.address, itemOf === true ? holderName(holder) : undefined);
      if (input !== 'lbNatRuleFrontendRanges') values.push(...found.flatMap((value) => (Array.isArray(value) ? value : value === undefined ? [] : [value])));
      else {
        const ends = valuesAt(properties, RANGE_END[azureType], block.address);
        values.push(...found.map((start, index) => [start, ends[index]]).filter((pair) => pair.some((end) => end !== undefined)).map(([start, end]) => rangeOf(start, end, block.address)));
      }
    }
  }
  return values;
}

/** The Azure types the rows of a holder's Azure type read. */
function readUnder(holderAzureType: string): string[] {
  return Object.values(FORWARDER_INPUTS).filter((row) => row.holderAzureType === holderAzureType).flatMap((row) => row.spellings.map((each) => each.azureType));
}

/** Whether a child type of a holder is on the inert list. */
function isInertChild(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(INERT_CHILDREN, type);
}

/** An azapi action read as the request it sends (its object's type and ID); any other block as it is. */
function requestView(block: ResourceView): ResourceView {
  return block.type === 'azapi_resource_action' ? { ...block, config: actionRequest(block.config) } : block;
}

/** A NAT rule's frontend range as "start-end", or a value known only at apply time when either end is not a number. */
function rangeOf(start: unknown, end: unknown, address: string): unknown {
  return typeof start === 'number' && typeof end === 'number' ? `${start}-${end}` : unreadWrite(`the frontend port range ${address} writes, known only at apply time`);
}

/**
 * The values at a path below a body's properties, one per item: "list[]" steps into each item's own "properties"; a step
 * that cannot be read (a value known only later, no object) gives a value known only at apply time, an absent list nothing,
 * an absent last property undefined (an item that does not write it).
 */
function valuesAt(properties: { readonly [key: string]: unknown }, path: string, address: string, item?: unknown): unknown[] {
  let current: unknown[] = [properties];
  for (const step of path.split('.')) {
    const list = step.endsWith('[]');
    const name = list ? step.slice(0, -2) : step;
    current = current.flatMap((value) => {
      if (value === undefined) return [undefined];
      if (isUnknown(value) || !isObject(value)) return [unreadWrite(`the ${path} ${address} writes, known only at apply time`)];
      const next = value[name];
      if (!list) return [next === null ? undefined : next];
      if (next === undefined || next === null) return [];
      if (!Array.isArray(next)) return [unreadWrite(`the ${path} ${address} writes, known only at apply time`)];
      // In a parent's list, only the item of the holder's name (or one whose name is not known) is the holder.
      const items = item === undefined ? next : next.filter((each) => !isObject(each) || isUnknown(each) || sameName(each.name, item));
      return items.map((each) => (isObject(each) && !isUnknown(each) ? each.properties ?? {} : each));
    });
  }
  return current;
}

/**
 * Whether an ID (or parent ID) an azapi write names may be the holder: a reference to it, or to a child block of it (an
 * azurerm rule of the balancer); a reference to another block of its type is another; otherwise by the name the ID gives
 * after the holder's type segment (a same-named object), or may be (a name or ID known only at apply time).
 */
function mayBe(pointer: unknown, holder: ResourceView, row: InputRow, stack: StackFacts | undefined): boolean {
  if (pointer === undefined || pointer === null) return false;
  const resources = stack?.resources;
  const same = referencedResources(pointer, holder.type, resources);
  if (same.length > 0) return same.includes(holder);
  const children = holder.type === 'azurerm_lb' ? LB_CHILDREN.flatMap((type) => referencedResources(pointer, type, resources)) : [];
  if (children.length > 0) return children.some((child) => { const named = referencedResources(child.config.loadbalancer_id, 'azurerm_lb', resources); return named.length === 0 || named.includes(holder); });
  const azapiHolders = AZAPI_WRITER_TYPES.flatMap((type) => referencedResources(pointer, type, resources)).filter((block) => azapiType(block) === row.holderAzureType);
  if (azapiHolders.length > 0) return azapiHolders.some((block) => block === holder || sameName(azapiName(block), holderName(holder)));
  const text = typeof pointer === 'string' ? pointer : isUnknown(pointer) ? pointer.toString() : undefined;
  if (text === undefined) return true;
  // Read by the ID grammar (ids-in-text.ts; stop 36): each name a reading gives ("x/../lb-db" both ways) may be the holder's.
  // A name with a part known only at apply time ("lb-*") may be any name it spells.
  const [named, own] = [namesAfterType(text, nameKey(row.holderAzureType.split('/').pop()!)), holderName(holder)];
  return named.length === 0 || named.some((name) => (typeof own === 'string' && name.includes(ANY_SEGMENT) ? segmentMayBe(name, nameKey(own)) : sameName(name, own)));
}

/**
 * Whether an ID a write of a subnet's VNet names may be the VNet of the holder (a subnet): a reference to an azurerm VNet of
 * the stack of its virtual_network_name, a literal ID of that name, or one known only at apply time.
 */
function mayBeParent(pointer: unknown, holder: ResourceView, stack: StackFacts | undefined): boolean {
  if (pointer === undefined || pointer === null) return false;
  const vnet = holder.config.virtual_network_name;
  const vnets = referencedResources(pointer, 'azurerm_virtual_network', stack?.resources);
  if (vnets.length > 0) return vnets.some((each) => sameName(each.config.name, vnet));
  const text = typeof pointer === 'string' ? pointer : isUnknown(pointer) ? pointer.toString() : undefined;
  const named = text === undefined ? undefined : /\/virtualnetworks\/([^/]+)/i.exec(text)?.[1];
  return named === undefined || sameName(named, vnet);
}

/** Whether a pointer refers to the holder, or to a block of it (a rule of the balancer): a write there is a write of it. */
function names(pointer: unknown, holder: ResourceView, stack: StackFacts | undefined): boolean {
  const resources = stack?.resources;
  if (referencedResources(pointer, holder.type, resources).includes(holder)) return true;
  return holder.type === 'azurerm_lb' && LB_CHILDREN.flatMap((type) => referencedResources(pointer, type, resources))
    .some((child) => referencedResources(child.config.loadbalancer_id, 'azurerm_lb', resources).includes(holder));
}

/** The name of a holder: its azurerm name, or the name its azapi write gives. */
function holderName(holder: ResourceView): unknown {
  return holder.type.startsWith('azapi_') ? azapiName(holder) : holder.config.name;
}

/** Whether two names may be one (Azure compares them in any case); one known only at apply time may be any. */
function sameName(one: unknown, other: unknown): boolean {
  if (typeof one !== 'string' || typeof other !== 'string' || one.includes('${') || other.includes('${')) return true;
  return one.trim().toLowerCase() === other.trim().toLowerCase();
}
