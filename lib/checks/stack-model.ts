/**
 * A read-only view of the PostgreSQL resources in one stack's Terraform JSON, with each child
 * resource (parameters, firewall rules, administrators, keys, diagnostic settings, private
 * endpoints) attached to the server it belongs to. Rules judge this view, so they see raw
 * resources and escape-hatch overrides as Terraform will: HCL's JSON forms (lists of bodies,
 * repeated properties), constant expressions evaluated, count and for_each taken into account.
 */
import { idWithoutQuery, parsePostgresServerId } from '../private/postgres-server-id';
import { blockOf, readsAttribute } from './attribute-reads';
import { childGroup, groupOf } from './child-groups';
import { evaluateJson, evaluateTemplate, isUnknown, iterationOver, objectOf, Scope, Unknown, Value, withIterator } from './hcl-expression';
import { literalNames, LiteralNames } from './literal-names';
import { evaluateLocals } from './locals-evaluation';
import { holdsName, hostNamesIn, isAboutPostgres, isCommandLike, Mentions, withoutHosts } from './server-mentions';
import { mentionsLeavingOut } from './argument-mentions';
import { blockProblems, dataLifecycleProblems, hasShape, resourceProblems, sectionProblems } from './stack-shape';
import { blockBodies, bodiesOf, isObject } from './terraform-json';
import { everyBlock, isDynamicBlock } from './dynamic-blocks';
import { destroyedObjectHarm, forgetsNothingLive } from './destroyed-objects';
import { forgetsObject } from './forgotten-objects';
import { armKey, idSegments, nameKey, sameName } from './azure-keys';
import { aliasedPointer } from './id-aliases';
import { countScope, existenceArguments, isEnabled } from './instance-arguments';
import { markCreatedBeforeDestroyed, providerOf } from './forced-create-before-destroy';
import { hideKeysOfStack } from './in-database-index';
import { mayNameParent, maySpellName } from './later-parents';
import { groupRelation, namedParents, resolvedGroup, withNamesRead } from './name-parents';
import { mayNameServer } from './later-pointers';
import { policyDefinitions } from './policy-writers';
import { DESTROYS, FORGETS, POSTGRES_TYPE, writerKind } from './writer-kinds';
import { echoedValues, literalPartsOf, SqlClientView, sqlClients } from './sql-clients';
import { laterServerPointer } from './server-pointers';
import { ownValue, setOwn } from '../private/own-keys';
import { appendTo } from '../private/list-map';
import { azapiSecurityGroups } from './azapi-network';
import { InlineSubnet, inlineSubnets, namedInline } from './inline-subnets';
import { actionRequest } from './azapi-writes';
import { sentToPostgres } from './postgres-sent-text';
import { withAzapiUrlRead } from './dot-segments';
import { idsInText, ServerOfId, serversOfId } from './ids-in-text';
import { ANYTHING, defaultedTexts, expressionReadings } from './expression-readings';
import { providerReferenceKey } from './provider-references';
import { azurermProviders, literalSubscription, postgresqlLocalNames, providerBlocksOf, providerSubscriptionRelation } from './provider-facts';
import { asReference, azurermConfigurationOf, cloudRelation, hostServers, serverCloud } from './provider-hosts';
import { withProviderDatabase } from './provider-databases';

/** One resource block, or a nested block, with its values as Terraform evaluates them (snake_case keys). */
export type TerraformBlock = { readonly [key: string]: unknown };

export interface ResourceView {
  readonly type: string;
  readonly name: string;
  /** "type.name", as Terraform addresses it. */
  readonly address: string;
  /** Construct path from the block's metadata, when cdktf wrote one. */
  readonly constructPath?: string;
  /** True when a library construct made the resource (its path is listed as made): only then is it a construct's own. */
  readonly madeByLibrary?: boolean;
  /**
   * Attributes and nested blocks: constants folded ("${true}" is true), null values left out (null
   * is unset in Terraform; but members of an azapi body, which azapi sends: azapi-writes.ts reads them),
   * and an Unknown for every value known only at plan or apply time.
   */
  readonly config: TerraformBlock;
  /**
   * The block's body as the JSON writes it, nothing evaluated: a variable's `default` and `type`, which Terraform reads as written,
   * never as templates (53rd run, A50d-3). Undefined for a view made otherwise than from the JSON.
   */
  readonly body?: { readonly [key: string]: unknown };
  /**
   * True when the resource exists for sure and belongs to its server for sure. False when count
   * or for_each is known only later, or when its server is reached through an expression (a
   * function, a conditional) rather than a plain reference or ID. A resource that may be missing
   * never satisfies a control, but a resource that may weaken a server is always judged.
   */
  readonly certain: boolean;
  /**
   * The configuration of one instance of a block with for_each over a collection the evaluator knows, picked by its literal key
   * (`data.azuread_user.u["alice@contoso.com"]`): its each.key and each.value that item's (30th run, note N1); undefined when the
   * block has no such for_each or the key is no item of it.
   */
  readonly instance?: (key: string) => TerraformBlock | undefined;
  /**
   * The literal keys of a block's for_each over a collection the evaluator knows (a set's items, an object's attribute names), so a
   * reader may read each instance (instance); undefined when the block has no such for_each, or has count too.
   */
  readonly instanceKeys?: readonly string[];
  /** For one instance of such a block (in-database-index.ts instanceViews, address `type.name["key"]`): the block's address. */
  readonly block?: string;
}

/** True for a server only an expression known at apply time points at: it may be any server, a construct's own included. */
export function isUnresolvedServer(server: ServerView): boolean {
  return !server.defined && server.address.startsWith('(server unknown)');
}

export interface ServerView extends ResourceView {
  readonly kind: 'flexible' | 'single';
  /**
   * False for a server known only by the ID, name or expression its child resources point at (it
   * is defined outside this stack, or cannot be resolved): server-attribute rules do not apply.
   */
  readonly defined: boolean;
  /** Server parameters by lower-case name (Azure ignores case), each with every resource that sets it. */
  readonly parameters: ReadonlyMap<string, readonly ResourceView[]>;
  /** Parameter resources whose name is known only later: they could set anything. */
  readonly parametersOfUnknownName: readonly ResourceView[];
  readonly firewallRules: readonly ResourceView[];
  readonly virtualNetworkRules: readonly ResourceView[];
  readonly administrators: readonly ResourceView[];
  readonly serverKeys: readonly ResourceView[];
  readonly databases: readonly ResourceView[];
  readonly diagnosticSettings: readonly ResourceView[];
  readonly privateEndpoints: readonly ResourceView[];
  /**
   * Resources of the postgresql provider (cyrilgdn/postgresql) that signs in to this server, by the
   * provider's host: roles, grants, default privileges, security labels, extensions, schemas.
   */
  readonly inDatabase: readonly ResourceView[];
  /**
   * Data sources of the postgresql provider that read this server, by the provider's host
   * (addresses "data.<type>.<name>"): read at every plan, so their provider signs in too.
   */
  readonly inDatabaseReads: readonly ResourceView[];
  /**
   * Blocks that sign in to this server through another client than the postgresql provider (sql-clients.ts: a provider
   * block, or a Vault database connection, that names the server): they run SQL in it that no rule reads.
   */
  readonly sqlClients: readonly SqlClientView[];
  /**
   * The azurerm_subnet of this stack that delegated_subnet_id names (a reference, or a literal ID
   * matching the subnet's literal names); undefined when the subnet is defined elsewhere or the
   * server is not VNet-integrated.
   */
  readonly delegatedSubnet?: SubnetView;
  /**
   * True when delegated_subnet_id is a literal ID whose subscription the subnet block's provider knows only later: the
   * block may be another object of the same names (A18b-3), so its literal ranges are not the server's for sure.
   */
  readonly delegatedSubnetUnsure?: true;
  /**
   * The azurerm_private_dns_zone resources of this stack the server resolves in: its
   * private_dns_zone_id and the zone groups of its private endpoints.
   */
  readonly privateDnsZones: readonly DnsZoneView[];
  /**
   * Resources and modules that act on this server in ways no rule reads: azapi resources,
   * templates and deployment scripts, provisioners, modules given the server.
   */
  readonly writers: readonly WriterView[];
  /**
   * Blocks of the stack that run commands or deploy a template or script (provisioners, external
   * and non-GET http data sources, deployments, azapi resources of a type known only later) and
   * name no server, or another one: what they run may still reach this server.
   */
  readonly possibleWriters: readonly WriterView[];
}

/** A resource or module block that acts on a server in a way no rule reads. */
export interface WriterView extends ResourceView {
  /** What acts on the server: "a module", "a provisioner (local-exec)", 'an azapi_resource of type "Microsoft.DBforPostgreSQL/…"'. */
  readonly what: string;
  /** For a command of another stack that may reach the server: the server's resource group it names (E73-9). */
  readonly group?: string;
}

/** A subnet with the network security group associations that name it. */
export interface SubnetView extends ResourceView {
  readonly associations: readonly AssociationView[];
  /** True when the view stands for several subnets that may each be the delegated one: its associations are not on one subnet. */
  readonly alternatives?: true;
}

/** An azurerm_subnet_network_security_group_association, with its group when the group is in this stack. */
export interface AssociationView extends ResourceView {
  /** Undefined when network_security_group_id names a group defined outside this stack. */
  readonly securityGroup?: SecurityGroupView;
}

/** An azurerm_network_security_group: its inline security_rule blocks are in config. */
export interface SecurityGroupView extends ResourceView {
  /** The azurerm_network_security_rule resources whose group is this one. */
  readonly separateRules: readonly ResourceView[];
  /** Separate rules whose group is known only at apply time: they may belong to this one. */
  readonly possibleRules: readonly ResourceView[];
}

/** An azurerm_private_dns_zone, with the other zones of the stack that have its name in its resource group. */
export interface DnsZoneView extends ResourceView {
  /** Zones with the same name (ignoring case) in the same resource group (literal, or the same expression). */
  readonly namesakes: readonly ResourceView[];
}

export interface StackModel {
  readonly servers: readonly ServerView[];
  /**
   * Every resource (and module block, type "module") in the stack, PostgreSQL or not, by address (the first, when an address repeats),
   * and the blocks that may run commands outside the resource section ("data.external.x", "check.c.data.http.y", "removed.<from>").
   */
  readonly resources: ReadonlyMap<string, ResourceView>;
  /**
   * The blocks outside the resource and module sections whose arguments Terraform evaluates and
   * hands on, by address: every data source and ephemeral resource ("data.<type>.<name>"), a check
   * block's data sources and assertions ("check.<name>.data.<type>.<name>", "check.<name>"), an
   * import block ("import.<to>", a second one into the same "to" "import.<to>#2") and a variable's validation ("variable.<name>").
   */
  readonly lookups: ReadonlyMap<string, ResourceView>;
  /** The stack's outputs (and those of the stacks joined to it), by address ("output.<name>", "output.<name>#2"): what a read of a state hands on (A12b-6). */
  readonly outputs: ReadonlyMap<string, ResourceView>;
  /** The stack's locals (constants evaluated), for the readers that read an expression's possible values (expression-readings.ts). */
  readonly locals?: Scope;
  /** Parts of the JSON that are not the shape Terraform needs (Terraform would refuse the file). */
  readonly problems: readonly string[];
  /** Resources with count or for_each, those that create no instance included. */
  readonly multiplied: readonly { readonly address: string; readonly constructPath?: string; readonly arguments: readonly string[] }[];
  /** Resources with a provisioner or connection block, and which of the two. */
  readonly provisioned: readonly { readonly address: string; readonly constructPath?: string; readonly blocks: readonly string[] }[];
}

type Kind = 'flexible' | 'single';
type ChildList = 'firewallRules' | 'virtualNetworkRules' | 'administrators' | 'serverKeys' | 'databases';

const SERVER_TYPES: { [type: string]: Kind } = {
  azurerm_postgresql_flexible_server: 'flexible',
  azurerm_postgresql_server: 'single',
};
const SERVER_TYPE_OF: { [kind in Kind]: string } = { flexible: 'azurerm_postgresql_flexible_server', single: 'azurerm_postgresql_server' };

/** How each child type points at its server, and which list of the server it joins. */
const CHILDREN: { [type: string]: { kind: Kind; via: 'server_id' | 'server_name'; list: ChildList | 'parameters' } } = {
  azurerm_postgresql_flexible_server_configuration: { kind: 'flexible', via: 'server_id', list: 'parameters' },
  azurerm_postgresql_flexible_server_firewall_rule: { kind: 'flexible', via: 'server_id', list: 'firewallRules' },
  azurerm_postgresql_flexible_server_active_directory_administrator: { kind: 'flexible', via: 'server_name', list: 'administrators' },
  azurerm_postgresql_flexible_server_database: { kind: 'flexible', via: 'server_id', list: 'databases' },
  azurerm_postgresql_configuration: { kind: 'single', via: 'server_name', list: 'parameters' },
  azurerm_postgresql_firewall_rule: { kind: 'single', via: 'server_name', list: 'firewallRules' },
  azurerm_postgresql_virtual_network_rule: { kind: 'single', via: 'server_name', list: 'virtualNetworkRules' },
  azurerm_postgresql_active_directory_administrator: { kind: 'single', via: 'server_name', list: 'administrators' },
  azurerm_postgresql_server_key: { kind: 'single', via: 'server_id', list: 'serverKeys' },
  azurerm_postgresql_database: { kind: 'single', via: 'server_name', list: 'databases' },
};
/** The azurerm PostgreSQL resource types the model attaches to a server, so the rules read them. */
export const MODELLED_TYPES: readonly string[] = [...Object.keys(SERVER_TYPES), ...Object.keys(CHILDREN)];

/** Resources that may target a server by its ID, besides the children above. */
const TARGETING = ['azurerm_monitor_diagnostic_setting', 'azurerm_private_endpoint'];

/** Network resources the model links to servers. */
const SUBNET = 'azurerm_subnet';
const ASSOCIATION = 'azurerm_subnet_network_security_group_association';
const SECURITY_GROUP = 'azurerm_network_security_group';
const SECURITY_RULE = 'azurerm_network_security_rule';
const DNS_ZONE = 'azurerm_private_dns_zone';

/** A reference to a server resource or data source, e.g. "azurerm_postgresql_server.db[0].name". */
const SERVER_REFERENCE = /^(data\.)?(azurerm_postgresql(?:_flexible)?_server)\.([^.[\]]+)/;
/**
 * The servers a template whose literal end is a PostgreSQL server ID's type and name names, e.g.
 * "/subscriptions/${var.s}/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/db":
 * the name is known whatever the rest (server names are global: they are DNS names). Each text the expression may spell
 * (format, join, a conditional's branches) is read by the ID grammar, as a literal ID is (parsePostgresServerId; stop 36).
 */
function serverIdTails(pointer: Unknown): ServerOfId[] {
  const readings = expressionReadings(pointer, undefined) ?? [];
  return readings.filter((reading) => !reading.includes(ANYTHING)).flatMap((reading) => {
    const id = parsePostgresServerId(reading);
    const name = id === undefined ? undefined : nameKey(id.name);
    return id === undefined || name === undefined || name === '' || /[*?%$]/.test(name) ? [] : [{ kind: id.kind, name }];
  });
}

/** How servers are looked up by a literal name: Azure resource names ignore case. */
function literalKey(kind: Kind, name: string): string {
  return `${kind}:${nameKey(name)}`;
}

interface MutableServer extends ServerView {
  readonly parameters: Map<string, ResourceView[]>;
  readonly parametersOfUnknownName: ResourceView[];
  readonly firewallRules: ResourceView[];
  readonly virtualNetworkRules: ResourceView[];
  readonly administrators: ResourceView[];
  readonly serverKeys: ResourceView[];
  readonly databases: ResourceView[];
  readonly diagnosticSettings: ResourceView[];
  readonly privateEndpoints: ResourceView[];
  readonly inDatabase: ResourceView[];
  readonly inDatabaseReads: ResourceView[];
  readonly sqlClients: SqlClientView[];
  readonly writers: WriterView[];
  readonly possibleWriters: WriterView[];
}

/**
 * Builds the view from a stack's Terraform JSON (cdk.tf.json as parsed, or a stack's toTerraform()).
 * `stackOf` names the stack a block was joined from (other-stacks.ts), undefined for the stack's
 * own: what may only possibly reach a server or an NSG (a command that names no server, a rule whose
 * NSG is an expression) and two zones of one name are matched within one stack. `made` lists the
 * construct paths of the resources the library's constructs made (evaluateStack always gives it);
 * without it, a model read for its shape only, every resource with a construct path counts as made.
 */
export function buildStackModel(
  terraform: unknown,
  stackOf: (address: string) => string | undefined = () => undefined,
  made?: ReadonlySet<string>,
): StackModel {
  const problems: string[] = [];
  const roots = bodiesOf(terraform).filter((root) => isObject(root) || problem(problems, 'the file', root));
  const locals = localBodies(roots as { [key: string]: unknown }[], problems);
  const scope = evaluateLocals(locals);
  problems.push(...sectionProblems(roots as { [key: string]: unknown }[]));
  const blocks = (section: 'resource' | 'data' | 'ephemeral' | 'action') => labelledBlocks(roots as { [key: string]: unknown }[], section, problems);

  const resources = new Map<string, ResourceView>();
  const all: ResourceView[] = [];
  const multiplied: { address: string; constructPath?: string; arguments: string[] }[] = [];
  const provisioned: { address: string; constructPath?: string; blocks: string[] }[] = [];
  const resourceBlockList = blocks('resource');
  const dataBlockList = blocks('data');
  // A name or group given by reference to a stack block's literal one is read as that literal (A14b-1).
  const addressed = [
    ...resourceBlockList.map((block) => ({ address: `${block.type}.${block.name}`, body: block.body })),
    ...dataBlockList.map((block) => ({ address: `data.${block.type}.${block.name}`, body: block.body })),
  ];
  const names = literalNames(addressed, scope);
  // A made construct path names one block: a second block at it (an override's copy) makes neither the construct's own (A12b-3).
  const ownMade = made === undefined ? undefined : onePerPath(made, resourceBlockList);
  const chained = chainedForEach(addressed, scope);
  for (const block of resourceBlockList) {
    const existence = existenceArguments(block.body, block.type);
    if (existence.length > 0) multiplied.push({ address: `${block.type}.${block.name}`, constructPath: constructPathOf(block), arguments: existence });
    const scripted = ['provisioner', 'connection'].filter((key) => key in block.body);
    if (scripted.length > 0) provisioned.push({ address: `${block.type}.${block.name}`, constructPath: constructPathOf(block), blocks: scripted });
    const view = resourceView(block, scope, ownMade, undefined, names, chained);
    if (view === undefined) continue;
    if (hasShape(block.type)) problems.push(...resourceProblems(`resource.${block.type}.${block.name}`, block.type, block.body, view.config));
    problems.push(...blockProblems(`resource.${block.type}.${block.name}`, block.type, view.config));
    all.push(view);
    if (!resources.has(view.address)) resources.set(view.address, view);
  }
  // Verdicts and messages must not depend on the order of keys in the JSON.
  all.sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
  markCreatedBeforeDestroyed(all, dataBlockList.flatMap((block) => {
    const view = resourceView(block, scope);
    return view === undefined ? [] : [{ ...view, address: `data.${view.address}` }];
  }), graphNodeBodies(roots as { [key: string]: unknown }[], locals), stackOf);
  const dataSources = new Map<string, TerraformBlock>();
  const postgresqlReads: ResourceView[] = [];
  // Data sources and ephemeral resources that may run a program or send a request at every plan.
  const calls: { section: string; view: ResourceView }[] = [];
  for (const block of dataBlockList) {
    problems.push(...dataLifecycleProblems(`data.${block.type}.${block.name}`, block.body));
    dataSources.set(`data.${block.type}.${block.name}`, names(evaluateBlock(block.body, scope)));
    const view = block.type.startsWith('postgresql_') ? resourceView(block, scope) : undefined;
    if (view) postgresqlReads.push({ ...view, address: `data.${view.address}` });
    else calls.push(...readCall('data', block, scope));
    // Which Entra groups a plural lookup may return: PG-IAM-3 follows its members into an administrator group.
    const groups = block.type === 'azuread_groups' ? resourceView(block, scope) : undefined;
    if (groups !== undefined) resources.set(`data.${groups.address}`, { ...groups, address: `data.${groups.address}` });
    // The provider a construct's subnet precondition reads its subscription from: PG-CFG-6 compares it with its pin (A12a-5).
    const client = block.type === 'azurerm_client_config' && constructPathOf(block) !== undefined ? resourceView(block, scope, made) : undefined;
    if (client !== undefined) resources.set(`data.${client.address}`, { ...client, address: `data.${client.address}` });
  }
  // A check block's scoped data source is read at every plan and apply too, through the provider it names (92nd run, A92b-1).
  for (const { name, body } of checkBodies(roots as { [key: string]: unknown }[])) {
    for (const block of labelledBlocks([body], 'data', []).filter((each) => each.type.startsWith('postgresql_'))) {
      const view = resourceView(block, scope);
      if (view) postgresqlReads.push({ ...view, address: `check.${name}.data.${view.address}` });
    }
  }
  for (const block of blocks('ephemeral')) {
    calls.push(...readCall('ephemeral', block, scope));
    // Ephemeral generators (Terraform 1.10) a password may come from: PG-IAM-1 judges them as it judges resources.
    const generator = block.type.startsWith('random_') ? resourceView(block, scope) : undefined;
    if (generator !== undefined) resources.set(`ephemeral.${generator.address}`, { ...generator, address: `ephemeral.${generator.address}` });
  }
  // Action blocks (Terraform 1.14) exist only to run something: each is a call whatever its type.
  for (const block of blocks('action')) calls.push(...readCall('action', block, scope));
  calls.push(...nestedCalls(roots as { [key: string]: unknown }[], scope));
  calls.filter((call) => !resources.has(call.view.address)).forEach((call) => resources.set(call.view.address, call.view));

  const servers = new Map<string, MutableServer>();
  const byLiteral = new Map<string, MutableServer>();
  for (const resource of all) {
    const kind = ownValue(SERVER_TYPES, resource.type);
    if (kind === undefined || servers.has(resource.address)) continue;
    const server = newServer(resource, kind, true);
    servers.set(resource.address, server);
    const name = resource.config.name;
    // Stryker disable next-line ConditionalExpression: equivalent: a name known only later never equals a literal pointer
    if (typeof name === 'string') byLiteral.set(literalKey(kind, name), server);
  }

  /** A server defined elsewhere (outside the stack, or behind an expression): its children are still judged. */
  const elsewhere = (kind: Kind, key: string, address: string): MutableServer => {
    const known = byLiteral.get(key);
    if (known) return known;
    const type = SERVER_TYPE_OF[kind];
    // Stryker disable next-line BooleanLiteral: equivalent: no rule reads a server's own certainty
    const server = newServer({ type, name: key, address, config: {}, certain: false }, kind, false);
    byLiteral.set(key, server);
    servers.set(address, server);
    return server;
  };
  const byName = (kind: Kind, literal: string) => elsewhere(kind, literalKey(kind, literal), `(outside this stack) ${SERVER_TYPE_OF[kind]} "${literal}"`);
  /** A literal pointer names its server for sure only when Azure reads it as written (blanks around a name may not be trimmed). */
  const byLiteralName = (kind: Kind, literal: string) => ({ servers: [byName(kind, literal)], plain: literal === literal.trim() });

  /**
   * The server of a name in a resource group: the stack's own server of that kind, name and group (a
   * child names it by name, whichever server its name was read from: A14a-3), one of that name whose
   * group is known only at apply time, or else one outside the stack (by name and group when the stack
   * has a server of the name in another group).
   */
  const inGroup = (kind: Kind, name: string, group: string, named = namedIn(kind, name)): MutableServer => {
    const key = literalKey(kind, name);
    // One whose group is known only at apply time may be in this one.
    const own = named.find((server) => groupOf(server.config, resources) === group) ?? named.find((server) => groupOf(server.config, resources) === undefined);
    // With no server of the name in the stack, the one outside is the name's, whatever group each child writes.
    if (named.length === 0) return byName(kind, name);
    return own ?? elsewhere(kind, `${key}@${group}`, `(outside this stack) ${SERVER_TYPE_OF[kind]} "${name.trim()}" in resource group "${group}"`);
  };
  /** The stack's servers of a kind and literal name. */
  const namedIn = (kind: Kind, name: string) => {
    const key = literalKey(kind, name);
    return [...servers.values()].filter((server) => server.defined && server.kind === kind && typeof server.config.name === 'string' && literalKey(kind, server.config.name) === key);
  };
  /** The server of a stack's server's name in another resource group. */
  const inOtherGroup = (server: MutableServer, group: string) => {
    const name = typeof server.config.name === 'string' ? server.config.name : server.address;
    return inGroup(server.kind, name, group);
  };
  /**
   * Where a child writes: the server it names, in its own group. By name in another group, that
   * group's server of the name (A12a-9); by the name of a server of the other kind, the server of its
   * own kind with that name in its group (A14a-3). Sure only when both groups are known.
   */
  const childTarget = (resource: ResourceView, kind: Kind, via: 'server_id' | 'server_name', named: MutableServer): { server: MutableServer; sure: boolean } => {
    if (via === 'server_name' && named.kind !== kind && typeof named.config.name === 'string') {
      const group = groupOf(resource.config, resources);
      return group === undefined ? { server: byName(kind, named.config.name), sure: false } : { server: inGroup(kind, named.config.name, group), sure: true };
    }
    if (!named.defined) return { server: named, sure: true };
    // By name, a child writes in its own provider's subscription: through another literal one it is not the server's (the name
    // being global, Azure refuses it there), and the server goes without (adversarial run of stop 69, M2). One that may be the
    // server's subscription is the server's child, as before: anywhere else Azure refuses it.
    if (via === 'server_name' && providerSubscriptionRelation(resource.config, named.config, azurerm) === 'other') {
      return { server: inOtherSubscription(named, resource), sure: true };
    }
    const group = childGroup(resource, via, named, resources);
    return group.relation === 'other' ? { server: inOtherGroup(named, group.group), sure: true } : { server: named, sure: group.relation === 'same' };
  };
  /** The server of a stack's server's name in the (literal) subscription of a block's azurerm provider, another than the server's. */
  const inOtherSubscription = (server: MutableServer, block: ResourceView) => {
    const name = typeof server.config.name === 'string' ? server.config.name.trim() : server.address;
    const subscription = literalSubscription(block, azurerm) ?? '?';
    return elsewhere(server.kind, `${literalKey(server.kind, name)}@subscription:${subscription}`, `(outside this stack) ${SERVER_TYPE_OF[server.kind]} "${name}" in subscription ${subscription}`);
  };
  const azurerm = azurermProviders(terraform, scope);
  /**
   * Which of `named`, the stack's servers a lookup (data.azurerm_postgresql_flexible_server, data.azurerm_postgresql_server) names by name,
   * it finds (42nd run, A42a-2): server names are unique within one cloud only (provider-hosts.ts), and a lookup reads the cloud of its own
   * azurerm provider configuration. A server is found when its configuration and the lookup's reach one cloud (cloudRelation: one
   * configuration, two of one known cloud, two both left to ARM_ENVIRONMENT); when that cannot be told, why. `domain`: the lookup's cloud
   * when it finds none of them (known then: another cloud than each's).
   */
  const inLookupCloud = (lookup: TerraformBlock, address: string, named: readonly MutableServer[]): { found: MutableServer[]; domain?: string } | string => {
    const configuration = azurermConfigurationOf(lookup);
    if (configuration === undefined) return `${address} looks up ${named[0].address} by name, and its azurerm provider is chosen by an expression (write the lookup's provider as text)`;
    const found: MutableServer[] = [];
    for (const server of named) {
      const own = azurermConfigurationOf(server.config);
      const relation = own === undefined ? { unknown: 'its azurerm provider is chosen by an expression' } : cloudRelation(configuration, own, (key) => azurerm.get(key));
      if (typeof relation !== 'string') return `${address} looks up ${server.address} by name through azurerm provider ${configuration}, and the cloud of one of them is not known: ${relation.unknown}`;
      if (relation !== 'same') continue;
      // In one cloud, a lookup through a provider of another literal subscription finds another server (adversarial run of stop 69, M3).
      if (providerSubscriptionRelation(lookup, server.config, azurerm) !== 'other') found.push(server);
    }
    const cloud = serverCloud(lookup, azurerm);
    return { found, ...('domain' in cloud ? { domain: cloud.domain } : {}) };
  };
  /**
   * The server a lookup of a server finds: by its literal name (or a reference to a server's name: A11b-9), in its own group (A14a-5),
   * in its own cloud (inLookupCloud); a server of its own when its name is known only at apply time; else why it cannot be told.
   */
  const lookupServer = (kind: Kind, address: string): MutableServer | string => {
    const source = dataSources.get(address);
    const dataName = source?.name;
    const lookedUp = isUnknown(dataName) && dataName.isPlainReference ? servers.get(dataName.references[0].replace(/\.name$/, '')) : undefined;
    const literalName = typeof dataName === 'string' ? dataName : lookedUp?.config.name;
    if (source === undefined || (typeof literalName !== 'string' && lookedUp === undefined)) return elsewhere(kind, address, `(data source) ${address}`);
    const named = typeof literalName === 'string' ? namedIn(kind, literalName) : [lookedUp!];
    // With no server of the name in the stack, the one outside is the name's, whatever cloud (as byHostName reads a host).
    if (named.length === 0) return byName(kind, literalName as string);
    const cloud = inLookupCloud(source, address, named);
    if (typeof cloud === 'string') return cloud;
    if (cloud.found.length === 0) {
      const label = typeof literalName === 'string' ? JSON.stringify(nameKey(literalName)) : `named as ${lookedUp!.address}`;
      const where = cloud.domain ?? `the cloud of ${address}`;
      return elsewhere(kind, `${typeof literalName === 'string' ? literalKey(kind, literalName) : lookedUp!.address}@${where}`, `(outside this stack) ${SERVER_TYPE_OF[kind]} ${label} in ${where}`);
    }
    if (typeof literalName !== 'string') return lookedUp!;
    const group = groupOf(source, resources);
    return group === undefined ? cloud.found[cloud.found.length - 1] : inGroup(kind, literalName, group, cloud.found);
  };
  /** The servers a pointer (a server ID or name as written) may name, and whether it names one for sure. */
  const serversFor = (kind: Kind, pointer: unknown, unresolvedAsServer: boolean): { servers: MutableServer[]; plain: boolean } => {
    if (typeof pointer === 'string') {
      const id = parsePostgresServerId(idWithoutQuery(pointer));
      if (id !== undefined) return byLiteralName(id.kind, id.name);
      if (pointer.trim() !== '' && !pointer.includes('/')) return byLiteralName(kind, pointer);
      // An ID no rule can place (or an empty name): judged on a server of its own, never dropped.
      if (!unresolvedAsServer) return { servers: [], plain: true };
      return { servers: [elsewhere(kind, `?${pointer}`, `(server unknown) ${SERVER_TYPE_OF[kind]} for ${JSON.stringify(pointer)}`)], plain: false };
    }
    // Stryker disable next-line BooleanLiteral: equivalent: with no server, plain decides nothing
    if (!isUnknown(pointer)) return { servers: [], plain: true };
    const found = new Set<MutableServer>();
    for (const reference of pointer.references) {
      const match = SERVER_REFERENCE.exec(reference);
      if (match === null) continue;
      const [, data, type, name] = match;
      const referenced = SERVER_TYPES[type];
      if (data === undefined) {
        const server = servers.get(`${type}.${name}`);
        if (server) found.add(server);
        continue;
      }
      const address = `data.${type}.${name}`;
      const looked = lookupServer(referenced, address);
      // A lookup that may find the stack's server or another: judged on a server of its own, which stands for every server.
      found.add(typeof looked !== 'string' ? looked : elsewhere(referenced, `?${address}`, `(server unknown) ${SERVER_TYPE_OF[referenced]} for ${address}: ${looked}`));
    }
    if (found.size === 0) serverIdTails(pointer).forEach(({ kind: tailKind, name }) => found.add(byName(tailKind, name)));
    if (found.size === 0 && unresolvedAsServer) {
      found.add(elsewhere(kind, `?${pointer.expression}`, `(server unknown) ${SERVER_TYPE_OF[kind]} for ${pointer.expression}`));
    }
    // Stryker disable next-line ConditionalExpression: equivalent: one plain reference names at most one server
    return { servers: [...found], plain: found.size === 1 && pointer.isPlainReference };
  };

  const lookups = lookupViews(roots as { [key: string]: unknown }[], scope, made, names);
  // A server or target that is the id of a block whose ID is another object's (a diagnostic categories lookup's) is that object (A70b-1).
  const aliased = (pointer: unknown) => aliasedPointer(pointer, (address) => resources.get(address) ?? lookups.get(address)) ?? pointer;
  for (const resource of all) {
    const child = ownValue(CHILDREN, resource.type);
    if (child) {
      const { servers: targets, plain } = serversFor(child.kind, aliased(resource.config[child.via]), true);
      for (const named of targets) {
        // A server's name names it in its resource group only: in another group it is another server (A12a-9).
        const { server, sure } = childTarget(resource, child.kind, child.via, named);
        const view = plain && sure ? resource : { ...resource, certain: false };
        if (child.list !== 'parameters') server[child.list].push(view);
        else addParameter(server, view, lookups);
      }
    } else if (TARGETING.includes(resource.type)) {
      const pointers = resource.type === 'azurerm_private_endpoint'
        ? everyBlock(resource.config, 'private_service_connection').map((connection) => connection.private_connection_resource_id)
        : [resource.config.target_resource_id].map(aliased);
      // A connection made by a dynamic block exists only if its for_each has an item.
      const sure = !isDynamicBlock(resource.config, 'private_service_connection');
      for (const pointer of pointers) {
        // Only a pointer that names a PostgreSQL server (by ID or reference) attaches the resource.
        if (typeof pointer === 'string' && parsePostgresServerId(idWithoutQuery(pointer)) === undefined) continue;
        // Stryker disable next-line StringLiteral: equivalent: the kind only names servers of unresolved pointers, which are not made here
        const found = serversFor('flexible', pointer, false);
        // A pointer known only at apply time that may be a server's ID: judged on a server of its own (A12b-4).
        // Stryker disable next-line StringLiteral: equivalent: endpoints and settings of such a server are read for either kind (later-servers.ts)
        const { servers: targets, plain } = found.servers.length === 0 && mayNameServer(pointer) ? serversFor('flexible', pointer, true) : found;
        const view = plain && sure ? resource : { ...resource, certain: false };
        for (const server of targets) (resource.type === 'azurerm_private_endpoint' ? server.privateEndpoints : server.diagnosticSettings).push(view);
      }
    }
  }
  // In-database resources reach their server through their provider's host.
  const providers = postgresqlProviders(roots as { [key: string]: unknown }[], scope, problems);
  /**
   * The server a name under a cloud's domain reaches (provider-hosts.ts, A38a-1): the stack's server of that name deployed to that cloud
   * (serverCloud); with none, a server outside the stack (by its name alone when the stack has no server of the name, else by name and
   * cloud: another server); or why it cannot be told, when a server of the name has a cloud that is not known.
   */
  const hostNames = new Map<string, MutableServer | string>();
  const byHostName = (name: string, domain: string): MutableServer | string => {
    const key = `${nameKey(name)}@${domain}`;
    const found = hostNames.get(key) ?? serverOfHostName(name, domain);
    hostNames.set(key, found);
    return found;
  };
  const serverOfHostName = (name: string, domain: string): MutableServer | string => {
    const known = [...servers.values()].filter((server) => server.defined && typeof server.config.name === 'string' && nameKey(server.config.name) === nameKey(name));
    for (const kind of ['flexible', 'single'] as const) {
      const clouds = known.filter((server) => server.kind === kind).map((server) => ({ server, cloud: serverCloud(server.config, azurerm) }));
      const unsure = clouds.find(({ cloud }) => 'unknown' in cloud);
      if (unsure !== undefined && 'unknown' in unsure.cloud) return `its host names ${unsure.server.address} by name under ${domain}, and ${unsure.cloud.unknown}`;
      // Two servers of one name in one cloud (which Azure refuses): the last, as a literal name is read elsewhere (byLiteral).
      const inCloud = clouds.filter(({ cloud }) => 'domain' in cloud && cloud.domain === domain);
      if (inCloud.length > 0) return inCloud[inCloud.length - 1].server;
    }
    if (known.length === 0) return byName('flexible', name);
    return elsewhere('flexible', `${literalKey('flexible', name)}@${domain}`, `(outside this stack) ${SERVER_TYPE_OF.flexible} "${nameKey(name)}" in ${domain}`);
  };
  /** The server `${<server>.name}.<domain>` reaches: the server in its own cloud, else as a literal name under that domain is read. */
  const byNameOf = (server: MutableServer, domain: string): MutableServer | string => {
    if (typeof server.config.name === 'string') return byHostName(server.config.name, domain);
    const cloud = serverCloud(server.config, azurerm);
    if ('unknown' in cloud) return `its host names ${server.address} by name under ${domain}, and ${cloud.unknown}`;
    return cloud.domain === domain ? server : `its host names ${server.address} by name under ${domain}, another cloud than the server's`;
  };
  const signingIn = [
    ...all.filter((resource) => resource.type.startsWith('postgresql_')).map((resource) => ({ resource, list: 'inDatabase' as const })),
    ...postgresqlReads.map((resource) => ({ resource, list: 'inDatabaseReads' as const })),
  ];
  for (const { resource, list } of signingIn) {
    const key = typeof resource.config.provider === 'string' ? resource.config.provider : 'postgresql';
    const host = providers.get(key)?.host;
    // Which server the host reaches (provider-hosts.ts). A host that may be any server (a branch of it included) is judged on a server
    // of its own, which stands for every server: what is done through it counts for none and against each (A37a-1).
    // A name (literal, or a server's name in a template) is a server of the stack only in the stack's server's cloud (A38a-1).
    const reached = hostServers(host);
    const targets = new Set<MutableServer>();
    let unresolved = reached.unresolved;
    let why: string | undefined;
    const add = (target: MutableServer | string) => {
      if (typeof target !== 'string') targets.add(target);
      else [unresolved, why] = [true, why ?? target];
    };
    reached.names.forEach(({ name, domain }) => add(byHostName(name, domain)));
    for (const { reference, domain } of reached.references) {
      const found = serversFor('flexible', asReference(reference), false).servers;
      for (const server of found) add(domain === undefined || !server.defined ? server : byNameOf(server, domain));
      if (found.length === 0) unresolved = true;
    }
    if (unresolved) {
      targets.clear();
      targets.add(elsewhere('flexible', `?${key}`, `(server unknown) for provider ${key}${why === undefined ? '' : `: ${why}`}`));
    }
    const read = withProviderDatabase(resource, providers.get(key));
    const view = targets.size === 1 ? read : { ...read, certain: false };
    targets.forEach((server) => server[list].push(view));
  }
  const modules = moduleViews(roots as { [key: string]: unknown }[], scope, problems);
  modules.filter((module) => !resources.has(module.address)).forEach((module) => resources.set(module.address, module));
  // A module given a postgresql configuration, under any local name, acts on that configuration's server (B71-6).
  const postgresqlNames = new Set(postgresqlLocalNames(roots));
  const givenPostgresql = (module: ResourceView) => isObject(module.config.providers) && Object.values(module.config.providers).some((value) => {
    const key = typeof value === 'string' ? providerReferenceKey(value) ?? value : undefined;
    return key !== undefined && postgresqlNames.has(key.split('.')[0]);
  });
  const candidates = [...all.map((view) => ({ section: 'resource', view })), ...calls, ...modules.map((view) => ({ section: 'module', view, postgresql: givenPostgresql(view) }))];
  const clientBlocks = [...all, ...[...lookups.values()].filter((view) => /^(?:data|ephemeral|check)\./.test(view.address))];
  // What a connection's references read back (a variable's default, a relay's input) names its servers too (sql-clients.ts echoedValues).
  const clients = (serversOf: (connection: TerraformBlock, echoed: readonly Value[]) => ReadonlySet<MutableServer>) => sqlClients(roots as { [key: string]: unknown }[], clientBlocks,
    (body) => evaluateBlock(body, scope), (connection) => serversOf(connection, echoedValues(connection, { resources, lookups })));
  addWriters(candidates, provisioned.map((p) => p.address), { servers, byLiteral, serversFor, byName, elsewhere }, stackOf, clients, resources);
  const network = networkOf(all, stackOf, lookups, resources, azurerm);
  for (const server of servers.values()) {
    if (!server.defined) continue;
    const { subnet, unsure } = network.subnet(server.config.delegated_subnet_id);
    const zonePointers = [server.config.private_dns_zone_id, ...server.privateEndpoints.flatMap((endpoint) =>
      everyBlock(endpoint.config, 'private_dns_zone_group').flatMap((group) => asPointerList(group.private_dns_zone_ids)))];
    Object.assign(server, { delegatedSubnet: subnet, privateDnsZones: network.zones(zonePointers), ...(unsure ? { delegatedSubnetUnsure: true } : {}) });
  }
  const postgresqlBlocks = all.filter((resource) => resource.type.startsWith('postgresql_'));
  for (const server of servers.values()) hideKeysOfStack(server.inDatabase, postgresqlBlocks);
  return { servers: [...servers.values()], resources, lookups, outputs: outputViews(roots as { [key: string]: unknown }[], scope), locals: scope, problems, multiplied, provisioned };
}

/** How the model finds servers, for the resources that act on them outside the modelled types. */
interface ServerLookup {
  readonly servers: ReadonlyMap<string, MutableServer>;
  readonly byLiteral: ReadonlyMap<string, MutableServer>;
  serversFor(kind: Kind, pointer: unknown, unresolvedAsServer: boolean): { servers: MutableServer[] };
  byName(kind: Kind, literal: string): MutableServer;
  elsewhere(kind: Kind, key: string, address: string): MutableServer;
}

/** Types of data sources and ephemeral resources that may act when they are read (writerKind decides from their values). */
const CALL_TYPES = ['external', 'http', 'azapi_resource_action', 'shell_script'];

/** A data source or ephemeral resource that may run a program or send a request, at "<section>.<type>.<name>". */
function readCall(section: 'data' | 'ephemeral' | 'action', block: RawBlock, scope: Scope): { section: string; view: ResourceView }[] {
  if (section !== 'action' && !CALL_TYPES.includes(block.type)) return [];
  const view = resourceView(block, scope);
  return view === undefined ? [] : [{ section, view: { ...view, address: `${section}.${view.address}` } }];
}

/**
 * The blocks that may act when they are applied or read, as the model reads them (each as the request it sends: an azapi action's
 * URL): the resources, the calls of the data, ephemeral and action sections, check blocks' data sources and removed blocks.
 * data-source-aliases.ts reads them before the model is built, so that both read one stack (79th run, A79a-1/2).
 */
export function actingBlockViews(roots: readonly { [key: string]: unknown }[], scope: Scope): ResourceView[] {
  const resources = labelledBlocks(roots, 'resource', []).flatMap((block) => resourceView(block, scope) ?? []);
  // Every data source, as the model keeps it among its lookups: some write when read (an invoked function, an archive).
  const lookups = labelledBlocks(roots, 'data', []).flatMap((block) => resourceView(block, scope, undefined, `data.${block.type}.${block.name}`) ?? []);
  const sections = ['data', 'ephemeral', 'action'] as const;
  const calls = sections.flatMap((section) => labelledBlocks(roots, section, []).flatMap((block) => readCall(section, block, scope)));
  return [...resources, ...lookups, ...[...calls, ...nestedCalls(roots, scope)].map(({ view }) => view)];
}

/**
 * Blocks outside the labelled sections that may run commands: the data sources of check blocks
 * (read at every plan, at "check.<name>.data.<type>.<name>") and removed blocks with a destroy-time
 * provisioner, that leave their object in Azure, or that destroy one that may guard a server (at "removed.<from>").
 */
function nestedCalls(roots: readonly { [key: string]: unknown }[], scope: Scope): { section: string; view: ResourceView }[] {
  const found: { section: string; view: ResourceView }[] = [];
  for (const { name, body } of checkBodies(roots)) {
    for (const block of labelledBlocks([body], 'data', [])) {
      found.push(...readCall('data', block, scope).map((call) => ({ ...call, view: { ...call.view, address: `check.${name}.${call.view.address}` } })));
    }
  }
  for (const root of roots) {
    for (const body of bodiesOf(root.removed ?? []).filter(isObject)) {
      // Its provisioner runs commands; forgetting its object, or destroying one that may guard a server, is a finding of its own (PG-CFG-7).
      const forgets = forgetsObject(body);
      const sections = [...('provisioner' in body ? ['removed'] : []), ...(forgets && !forgetsNothingLive(body.from) ? ['forgotten'] : []),
        ...(!forgets && destroyedObjectHarm(body.from) !== undefined ? ['destroyed'] : [])];
      if (sections.length === 0) continue;
      const from = typeof body.from === 'string' ? body.from : '(known only later)';
      const view = resourceView({ type: 'removed', name: from, body }, scope, undefined, `removed.${from}`);
      if (view !== undefined) sections.forEach((section) => found.push({ section, view }));
    }
  }
  return found;
}

/** The bodies of the stack's check blocks, with their names; blocks of the wrong shape are problems of their section (stack-shape.ts). */
function checkBodies(roots: readonly { [key: string]: unknown }[]): { name: string; body: { [key: string]: unknown } }[] {
  return roots.flatMap((root) => bodiesOf(root.check ?? []).filter(isObject)
    .flatMap((byName) => Object.entries(byName).flatMap(([name, value]) => bodiesOf(value).filter(isObject).map((body) => ({ name, body })))));
}

/**
 * The model's lookups (StackModel.lookups): each sends what its arguments read somewhere when it is
 * read, at plan or at apply. A DNS lookup resolves its host, a TLS one connects to it, an azurerm
 * one puts its name in a request, an import hands its id to the provider, a failed assertion or
 * validation prints its message (eleventh review, A11a-5).
 */
function lookupViews(roots: readonly { [key: string]: unknown }[], scope: Scope, made: ReadonlySet<string> | undefined, names: LiteralNames): Map<string, ResourceView> {
  const found = new Map<string, ResourceView>();
  const add = (block: RawBlock, address: string) => {
    const view = found.has(address) ? undefined : resourceView(block, scope, made, address, names);
    if (view !== undefined) found.set(address, view);
  };
  for (const section of ['data', 'ephemeral']) {
    for (const block of labelledBlocks(roots, section, [])) add(block, `${section}.${block.type}.${block.name}`);
  }
  for (const { name, body } of checkBodies(roots)) {
    // Its assertions; its data sources are lookups of their own.
    add({ type: 'check', name, body: Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'data')) }, `check.${name}`);
    for (const block of labelledBlocks([body], 'data', [])) add(block, `check.${name}.data.${block.type}.${block.name}`);
  }
  for (const root of roots) {
    for (const body of bodiesOf(root.import ?? []).filter(isObject)) {
      const to = typeof body.to === 'string' ? body.to : '(known only later)';
      // Two for_each imports may share a "to" (each over other items): each is kept, the second as "import.<to>#2".
      let key = `import.${to}`;
      for (let n = 2; found.has(key); n++) key = `import.${to}#${n}`;
      add({ type: 'import', name: to, body }, key);
    }
    for (const byName of bodiesOf(root.variable ?? []).filter(isObject)) {
      for (const [name, value] of Object.entries(byName)) bodiesOf(value).filter(isObject).forEach((body) => add({ type: 'variable', name, body }, `variable.${name}`));
    }
  }
  return found;
}

/**
 * The model's outputs (StackModel.outputs), their values evaluated as a resource's arguments are
 * (locals folded). Another stack's joined outputs keep their names (other-stacks.ts), so a name
 * may repeat: each is kept, under "output.<name>" and then "output.<name>#<n>".
 */
function outputViews(roots: readonly { [key: string]: unknown }[], scope: Scope): Map<string, ResourceView> {
  const found = new Map<string, ResourceView>();
  for (const byName of roots.flatMap((root) => bodiesOf(root.output ?? [])).filter(isObject)) {
    for (const [name, value] of Object.entries(byName)) {
      let key = `output.${name}`;
      for (let n = 2; found.has(key); n++) key = `output.${name}#${n}`;
      const view = isObject(value) ? resourceView({ type: 'output', name, body: value }, scope, undefined, `output.${name}`) : undefined;
      if (view !== undefined) found.set(key, view);
    }
  }
  return found;
}

/**
 * Attaches to their servers the blocks that act on a server in ways no rule reads: azapi
 * resources, ARM templates and deployment scripts, provisioners, data sources that run programs
 * or send requests, modules. One that mentions no server the model knows, but is about
 * PostgreSQL, gets a server of its own. One that runs commands or deploys a template is also a
 * possible writer of every server it does not name: a command may find a server by a search.
 */
function addWriters(candidates: readonly { section: string; view: ResourceView; postgresql?: boolean }[], provisioned: readonly string[], lookup: ServerLookup, stackOf: (address: string) => string | undefined,
  clients: (serversOf: (connection: TerraformBlock, echoed: readonly Value[]) => ReadonlySet<MutableServer>) => readonly { readonly client: SqlClientView; readonly servers: ReadonlySet<MutableServer> }[],
  resources: ReadonlyMap<string, ResourceView>): void {
  // A reference to a child reaches the child's server.
  const owners = new Map<string, MutableServer[]>();
  for (const server of lookup.servers.values()) {
    for (const child of [server, ...childrenOf(server)]) appendTo(owners, child.address, server);
  }
  /** The servers a block names; by their IDs only, or also by a reference to any attribute, a host or a name. */
  const mentioned = (mentions: Mentions, idsOnly: boolean): Set<MutableServer> => {
    const found = new Set<MutableServer>();
    // By ID: a reference to an id, or to a whole block, which holds its id (seventh review, A7-9).
    for (const reference of mentions.references.filter((each) => !idsOnly || readsAttribute(each, blockOf(each) ?? each, ['id']))) {
      lookup.serversFor('flexible', new Unknown(reference, [reference]), false).servers.forEach((server) => found.add(server));
      const address = /^([A-Za-z_][\w-]*\.[^.[\]]+)/.exec(reference)?.[1];
      (address === undefined ? [] : owners.get(address) ?? []).forEach((server) => found.add(server));
    }
    for (const text of mentions.texts) {
      // A PostgreSQL server ID inside a text (a command line, below the server, a URL with a query), read by the ID grammar
      // (ids-in-text.ts; stop 36). A name that goes on with an expression ("orders-${var.env}", "@{items('each')}") is put
      // together, not named.
      for (const { kind, name } of idsInText(text).flat().flatMap(serversOfId)) found.add(lookup.byName(kind, name));
      if (idsOnly) continue;
      for (const name of hostNamesIn(text)) found.add(lookup.byLiteral.get(literalKey('flexible', name)) ?? lookup.byLiteral.get(literalKey('single', name)) ?? lookup.byName('flexible', name));
      for (const server of lookup.servers.values()) {
        if (server.defined && typeof server.config.name === 'string' && holdsName(text, server.config.name)) found.add(server);
      }
    }
    return found;
  };
  /**
   * A resource of any other type names a server by its ID, or by its name (not its host) beside a
   * command (or in text that addresses PostgreSQL's management surface).
   */
  const mentionedByIdOrCommand = (mentions: Mentions, command: boolean): Set<MutableServer> => {
    const found = mentioned(mentions, true);
    if (!command && !mentions.texts.some(isCommandLike)) return found;
    const named = mentioned({ references: mentions.references.filter((each) => !each.endsWith('.fqdn')), texts: mentions.texts.map(withoutHosts) }, false);
    named.forEach((server) => found.add(server));
    return found;
  };
  // A data-source, ephemeral or action PUT of a definition rewrites it as a resource's does (queued, closing note 29).
  const definitions = policyDefinitions(candidates.filter(({ section }) => section !== 'module').map(({ view }) => view));
  const commands: { writer: WriterView; named: ReadonlySet<MutableServer>; texts: readonly string[] }[] = [];
  for (const { section, view: candidate, postgresql } of candidates) {
    const hasProvisioner = ((section === 'resource' && provisioned.includes(candidate.address)) || section === 'removed') && 'provisioner' in candidate.config;
    const kind = writerKind(section, candidate, hasProvisioner, definitions);
    if (kind === undefined) continue;
    // Ordering a resource after the server, or replacing it with the server, does not act on the server.
    const mentions = kind.byIdOrCommand === true ? undefined : mentionsLeavingOut(candidate.config, []);
    const unordered = () => mentionsLeavingOut(candidate.config, ORDERING);
    const targets = mentions === undefined
      ? mentionedByIdOrCommand(unordered(), kind.command)
      // By ID: depends_on lists whole blocks, which would read as their id (A7-9).
      : mentioned(kind.byAnything ? mentions : unordered(), !kind.byAnything);
    if (hasProvisioner) (owners.get(candidate.address) ?? []).forEach((server) => targets.add(server));
    const azureType = candidate.config.type;
    // A resource of any other type that names no server of the model is no writer: only what it names counts.
    const aboutPostgres = postgresql === true || (mentions === undefined ? false : kind.byAnything ? mentions.texts.some(isAboutPostgres) : typeof azureType === 'string' && POSTGRES_TYPE.test(armKey(azureType)));
    const writer: WriterView = { ...candidate, config: candidate.config, what: kind.what };
    if (kind.command) commands.push({ writer: kind.asCommand === undefined ? writer : { ...writer, what: kind.asCommand }, named: targets, texts: unordered().texts });
    // One that points at a server by a pointer known only at apply time may act on any server, a construct's included (A15b-17).
    const later = targets.size === 0 ? laterServerPointer(candidate.type, candidate.config) : undefined;
    if (targets.size === 0 && !aboutPostgres && later === undefined) continue;
    if (targets.size === 0) targets.add(lookup.elsewhere(later?.kind ?? 'flexible', `?${candidate.address}`, `(server unknown) acted on by ${candidate.address}`));
    targets.forEach((server) => server.writers.push(writer));
  }
  // A client's connection names its server by anything: a reference to it, its host, its name (85th run, A85c-1).
  const connectionServers = (connection: TerraformBlock, echoed: readonly Value[]) => {
    const [mentions, read] = [mentionsLeavingOut(connection, []), mentionsLeavingOut({ echoed }, [])];
    const texts = [...mentions.texts, ...literalPartsOf(connection), ...read.texts, ...literalPartsOf({ echoed })];
    return mentioned({ references: [...mentions.references, ...read.references], texts }, false);
  };
  for (const { client, servers } of clients(connectionServers)) servers.forEach((server) => server.sqlClients.push(client));
  // A command that names no server may reach every server of its stack; one of another stack, a server whose resource group its
  // text names (literally or by a read of the group's literal name): `az resource list -g rg` finds the server there (E73-9).
  for (const { writer, named, texts } of commands) {
    const read = texts.map((text) => withNamesRead(text, resources));
    for (const server of lookup.servers.values()) {
      if (named.has(server)) continue;
      if (stackOf(server.address) === stackOf(writer.address)) server.possibleWriters.push(writer);
      else if (writer.what !== FORGETS && writer.what !== DESTROYS) {
        const group = resolvedGroup(server.config.resource_group_name, resources);
        if (group !== undefined && read.some((text) => holdsName(text, group))) server.possibleWriters.push({ ...writer, group });
      }
    }
  }
}

/** The arguments that order a block after others or replace it with them: they do not act on what they name. */
const ORDERING = ['depends_on', 'lifecycle'];

/** Every resource the model gives a server. */
function childrenOf(server: MutableServer): ResourceView[] {
  return [
    ...[...server.parameters.values()].flat(), ...server.parametersOfUnknownName, ...server.firewallRules, ...server.virtualNetworkRules,
    ...server.administrators, ...server.serverKeys, ...server.databases, ...server.diagnosticSettings, ...server.privateEndpoints, ...server.inDatabase,
  ];
}

/**
 * The default (unaliased) postgresql configurations of a stack, by local name: Terraform passes each to every module whose
 * `providers` map does not name it (implicit provider inheritance, withInherited), so it signs the module in to that provider's
 * server as a map naming it would (70th run, A1). Another stack's modules name their own stack's configurations (other-stacks.ts).
 */
export function inheritedProviders(roots: readonly { [key: string]: unknown }[]): { [local: string]: string } {
  const defaults = [...providerBlocksOf(roots, postgresqlLocalNames(roots), (body) => body).keys()].filter((key) => !key.includes('.'));
  return Object.fromEntries(defaults.map((local) => [local, local]));
}

/**
 * A module's `providers` with the inherited configurations it does not name: Terraform still passes a default configuration whose
 * name the map leaves out (adversarial run of stop 71, B71-5). A map that is no object is kept as written.
 */
export function withInherited(written: unknown, inherited: { readonly [local: string]: string }): unknown {
  if (written === undefined || written === null) return inherited;
  if (!isObject(written)) return written;
  return { ...Object.fromEntries(Object.entries(inherited).filter(([local]) => !(local in written))), ...written };
}

/** The module blocks of the stack, as resources of type "module" at "module.<name>", each with the providers it is given. */
function moduleViews(roots: readonly { [key: string]: unknown }[], scope: Scope, problems: string[]): ResourceView[] {
  const found: ResourceView[] = [];
  const inherited = inheritedProviders(roots);
  for (const root of roots) {
    if (!('module' in root)) continue;
    for (const byName of bodiesOf(root.module)) {
      if (!isObject(byName)) {
        problem(problems, 'module', byName);
        continue;
      }
      for (const [name, bodyValue] of Object.entries(byName)) {
        for (const body of bodiesOf(bodyValue)) {
          if (!isObject(body)) {
            problem(problems, `module.${name}`, body);
            continue;
          }
          const given = Object.keys(inherited).length === 0 ? body : { ...body, providers: withInherited(body.providers, inherited) };
          const view = resourceView({ type: 'module', name, body: given }, scope);
          if (view !== undefined) found.push({ ...view, address: `module.${name}` });
        }
      }
    }
  }
  return found;
}

/** A list attribute's items; a list known only later is one unknown pointer. */
function asPointerList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * The subnets, network security groups (with their separate rules), associations and private DNS
 * zones of the stack, and how pointers to them (a reference, or a literal resource ID) resolve.
 */
function networkOf(all: readonly ResourceView[], stackOf: (address: string) => string | undefined, lookups: ReadonlyMap<string, ResourceView>, resources: ReadonlyMap<string, ResourceView>,
  providers: ReadonlyMap<string, TerraformBlock>) {
  const ofType = (type: string) => all.filter((resource) => resource.type === type);
  // A group written by azapi is read as an azurerm one (azapi-network.ts, A15b-15).
  const groups = [...ofType(SECURITY_GROUP), ...azapiSecurityGroups(ofType('azapi_resource'))].map((group): SecurityGroupView => ({ ...group, config: group.config, separateRules: [], possibleRules: [] }));
  const groupsReferencedBy = referencedBy(groups);
  // Indexes, not a scan of every group per rule: thousands of each took minutes (eleventh review, A11b-8).
  // By name, and by name and resource group (a group's unknown or missing resource group may be any).
  const groupsNamed = new Map<string, SecurityGroupView[]>();
  const groupsNamedIn = new Map<string, SecurityGroupView[]>();
  const groupsOfStack = new Map<string | undefined, SecurityGroupView[]>();
  const namedInKey = (name: string, group: unknown) => JSON.stringify([nameKey(name), typeof group === 'string' ? nameKey(group) : isUnknown(group) || group === undefined ? null : false]);
  for (const group of groups) {
    const name = group.config.name;
    const resourceGroup = resolvedGroup(group.config.resource_group_name, resources) ?? group.config.resource_group_name;
    if (typeof name === 'string') {
      appendTo(groupsNamed, nameKey(name), group);
      appendTo(groupsNamedIn, namedInKey(name, resourceGroup), group);
    }
    appendTo(groupsOfStack, stackOf(group.address), group);
  }
  /** The groups of a literal name that may be in a rule's resource group: the same, or either known only later or missing. */
  const namedGroups = (name: string, resourceGroup: unknown): SecurityGroupView[] => {
    if (isUnknown(resourceGroup) || resourceGroup === undefined) return groupsNamed.get(nameKey(name)) ?? [];
    const anyGroup = groupsNamedIn.get(namedInKey(name, undefined)) ?? [];
    return typeof resourceGroup === 'string' ? [...anyGroup, ...(groupsNamedIn.get(namedInKey(name, resourceGroup)) ?? [])] : anyGroup;
  };
  // An azapi group's view (azapi-network.ts) keeps no parent_id: its block as written does.
  const subscriptionOf = (candidate: ResourceView) => blockSubscription(resources.get(candidate.address) ?? candidate, providers);
  for (const rule of ofType(SECURITY_RULE)) {
    const pointer = rule.config.network_security_group_name;
    const ruleGroup = resolvedGroup(rule.config.resource_group_name, resources) ?? rule.config.resource_group_name;
    // A rule lands in its own provider's subscription: a group in another literal one does not hold it (by literal names, or a name known later).
    const ruleSubscription = literalSubscription(rule, providers);
    const mayBeIn = (group: SecurityGroupView) => ruleSubscription === undefined || [undefined, ruleSubscription].includes(subscriptionOf(group));
    // A reference to a group's name is that name in the rule's own resource group: a namesake in another group does not keep it (A14a-1).
    const { kept, name, later } = isUnknown(pointer) ? namedParents(rule, pointer, groupsReferencedBy(pointer), resources) : { kept: [], name: pointer, later: 'no' };
    const named = [...new Set([...kept, ...(typeof name === 'string' ? namedGroups(name, ruleGroup).filter(mayBeIn) : [])])];
    named.forEach((group) => (group.separateRules as ResourceView[]).push(rule));
    // A name known only at apply time may be a group of the stack, unless it cannot spell its name or its literal group is another (A13-3);
    // the name of a group in another (or an unknown) group may be any name.
    const ofStack = groupsOfStack.get(stackOf(rule.address)) ?? [];
    // A literal name no group of the stack bears may be one whose own name is known only at apply time (A14a-10).
    const spelling = later === 'no' && typeof name === 'string' && named.length === 0
      ? ofStack.filter((group) => groupRelation(rule, group, resources) !== 'other' && mayBeIn(group) && maySpellName(group.config.name, name, resources)) : [];
    spelling.forEach((group) => (group.possibleRules as ResourceView[]).push(rule));
    if (later === 'no') continue;
    ofStack.filter((group) => !named.includes(group) && mayBeIn(group) && mayHoldRule(rule, group, lookups, resources, later === 'any'))
      .forEach((group) => (group.possibleRules as ResourceView[]).push(rule));
  }
  // A literal ID matches a resource of the stack whose literal name and resource group it names, in any
  // spelling azurerm reads alike (its leading "/" optional: A14b-7), in the ID's subscription or one known only
  // later (A18b-3: two literal subscriptions are two objects). A reference to the id of a block whose
  // ID is another object's (a subnet association's) is what that block names (A14b-8).
  const find = (address: string) => resources.get(address) ?? lookups.get(address);
  const byPointer = <T extends ResourceView>(candidates: readonly T[], matchesId: (candidate: T, parts: string[]) => boolean) => {
    const referenced = referencedBy(candidates);
    const inGroup = new Map<string, T[]>();
    for (const candidate of candidates) {
      if (typeof candidate.config.resource_group_name === 'string') appendTo(inGroup, nameKey(candidate.config.resource_group_name), candidate);
    }
    return (written: unknown): T[] => {
      const pointer = aliasedPointer(written, find) ?? written;
      if (isUnknown(pointer)) return referenced(pointer);
      if (typeof pointer !== 'string') return [];
      const parts = idSegments(pointer);
      return parts[3] === undefined ? [] : (inGroup.get(parts[3]) ?? []).filter((candidate) => matchesId(candidate, parts) && subscriptionRelation(parts, subscriptionOf(candidate)) !== 'other');
    };
  };
  // A subnet a VNet block defines inline, or an azapi subnet resource, is read as an azurerm_subnet (inline-subnets.ts).
  const inline = new Map<SubnetView, InlineSubnet>();
  const subnets = [...ofType(SUBNET).map((subnet): SubnetView => ({ ...subnet, config: subnet.config, associations: [] })), ...inlineSubnets(all).map((each) => {
    const view: SubnetView = { ...each.view, associations: [] };
    inline.set(view, each);
    return view;
  })];
  const subnetFor = byPointer(subnets, (subnet, parts) => parts[8] === 'subnets' && (sameName(subnet.config.virtual_network_name, parts[7]) || sameName(inline.get(subnet)?.vnetName, parts[7]))
    && sameName(subnet.config.name, parts[9]));
  const groupFor = byPointer(groups, (candidate, parts) => parts[6] === 'networksecuritygroups' && sameName(candidate.config.name, parts[7]));
  // A group whose resource group is known only later (an azurerm group's resource_group_name, an azapi group's parent_id) may
  // be the group a literal ID of its name names, in a subscription that may be the ID's: the association may be with it too, so
  // its rules are judged beside the group the ID names (which stays a given group, its written rules judged as such).
  const laterGroups = (written: unknown): SecurityGroupView[] => {
    const pointer = aliasedPointer(written, find) ?? written;
    const parts = typeof pointer === 'string' ? idSegments(pointer) : [];
    if (parts[6] !== 'networksecuritygroups' || parts[7] === undefined) return [];
    return groups.filter((group) => typeof group.config.resource_group_name !== 'string' && [undefined, parts[3]].includes(resolvedGroup(group.config.resource_group_name, resources))
      && sameName(group.config.name, parts[7]) && subscriptionRelation(parts, subscriptionOf(group)) !== 'other');
  };
  for (const association of ofType(ASSOCIATION)) {
    const [group] = groupFor(association.config.network_security_group_id);
    const later = group === undefined ? laterGroups(association.config.network_security_group_id) : [];
    for (const subnet of subnetFor(association.config.subnet_id)) {
      (subnet.associations as AssociationView[]).push({ ...association, securityGroup: group }, ...later.map((each) => ({ ...association, securityGroup: each })));
    }
  }
  // The group an inline subnet's definition writes is its association, at the defining block; one the checks cannot read is a group of unread rules.
  for (const [subnet, each] of inline) {
    if (each.group === undefined) continue;
    const association = { ...subnet, type: ASSOCIATION, config: { subnet_id: subnet.address, network_security_group_id: each.group } as TerraformBlock };
    if (isUnknown(each.group) && each.group.references.length === 0) {
      const hidden: SecurityGroupView = { ...subnet, type: SECURITY_GROUP, config: { security_rule: each.group }, separateRules: [], possibleRules: [] };
      (subnet.associations as AssociationView[]).push({ ...association, securityGroup: hidden });
      continue;
    }
    const [group] = groupFor(each.group);
    const later = group === undefined ? laterGroups(each.group) : [];
    (subnet.associations as AssociationView[]).push({ ...association, securityGroup: group }, ...later.map((other) => ({ ...association, securityGroup: other })));
  }
  const zones = ofType(DNS_ZONE);
  // Zones of one stack, name and resource group for sure, found by key: comparing every pair took minutes for thousands (A11b-8).
  const namesakeKey = (zone: ResourceView): string | undefined => {
    const { name, resource_group_name: group } = zone.config;
    if (typeof name !== 'string' || (typeof group !== 'string' && !isUnknown(group))) return undefined;
    return JSON.stringify([stackOf(zone.address) ?? null, nameKey(name), isUnknown(group) ? ['expression', group.expression] : nameKey(group)]);
  };
  const byKey = new Map<string, ResourceView[]>();
  for (const zone of zones) {
    const key = namesakeKey(zone);
    if (key !== undefined) appendTo(byKey, key, zone);
  }
  const zoneViews = new Map(zones.map((zone) => [zone.address, {
    ...zone,
    config: zone.config,
    namesakes: (byKey.get(namesakeKey(zone) ?? '') ?? []).filter((other) => other !== zone),
  } as DnsZoneView]));
  const zonesFor = byPointer(zones, (zone, parts) => parts[6] === 'privatednszones' && sameName(zone.config.name, parts[7]));
  return {
    subnet: (pointer: unknown): { subnet?: SubnetView; unsure: boolean } => {
      const referenced = subnetFor(pointer).filter((each) => !inline.has(each) || namedInline([inline.get(each)!], pointer).length > 0);
      // "${<vnet>.id}/subnets/<name>": an azurerm_subnet of that name in that VNet block (whatever provider writes the VNet).
      const found = referenced.length > 0 || !isUnknown(pointer) ? referenced : subnets.filter((each) => !inline.has(each) && inVnetOf(each, pointer));
      // A block in the literal ID's own subscription is it for sure; else any namesake whose subscription is known later may be.
      const literal = typeof pointer === 'string' ? idSegments(pointer) : undefined;
      const sure = literal === undefined ? found : found.filter((each) => subscriptionRelation(literal, subscriptionOf(each)) === 'same');
      const chosen = sure.length > 0 ? sure : found;
      if (chosen.length < 2) return { subnet: chosen[0], unsure: sure.length === 0 && found.length > 0 };
      // Blocks that may each be the subnet: the groups associated with any guard it, and no one block's ranges are its for sure.
      const associations = [...new Set(chosen.flatMap((each) => each.associations))];
      return { subnet: { ...chosen[0], associations, alternatives: true }, unsure: true };
    },
    zones: (pointers: readonly unknown[]): DnsZoneView[] => {
      const found = new Set<DnsZoneView>();
      for (const pointer of pointers) {
        zonesFor(pointer).forEach((zone) => found.add(zoneViews.get(zone.address)!));
      }
      return [...found];
    },
  };
}

/** Whether a subnet block is the one a template names by its VNet's id and its name ("${azapi_resource.vnet.id}/subnets/pg"). */
function inVnetOf(subnet: ResourceView, pointer: Unknown): boolean {
  const vnet = subnet.config.virtual_network_name;
  if (!isUnknown(vnet) || !vnet.isPlainReference || !pointer.references.includes(vnet.references[0].replace(/\.name$/, '.id'))) return false;
  return namedInline([{ view: subnet }], pointer).length > 0 && /\/subnets\/[^/$]+\/*$/i.test(pointer.spelling);
}

/**
 * Whether a literal ID's subscription (its segments) is a block's: 'same', 'other' (two literals that differ), or 'maybe'
 * (either known only later: the provider's default may be the ID's).
 */
function subscriptionRelation(parts: readonly string[], subscription: string | undefined): 'same' | 'other' | 'maybe' {
  const written = parts[0] === 'subscriptions' && parts[1] !== undefined && !parts[1].includes('$') ? parts[1] : undefined;
  if (written === undefined || subscription === undefined) return 'maybe';
  return written === subscription ? 'same' : 'other';
}

/** The literal subscription (lower case) a block is written in: its azurerm provider's, or an azapi block's parent ID's. */
function blockSubscription(block: ResourceView, providers: ReadonlyMap<string, TerraformBlock>): string | undefined {
  if (!block.type.startsWith('azapi_')) return literalSubscription(block, providers);
  const parent = block.config.parent_id;
  // A parent known only later may still spell its subscription as literal text ("/subscriptions/<id>/resourceGroups/${var.rg}").
  const parts = typeof parent === 'string' ? idSegments(parent) : isUnknown(parent) ? idSegments(parent.toString()) : [];
  return parts[0] === 'subscriptions' && parts[1] !== undefined && !parts[1].includes('$') ? parts[1] : undefined;
}

/** Whether a separate rule whose group name is known only at apply time may be in this group. */
function mayHoldRule(rule: ResourceView, group: ResourceView, lookups: ReadonlyMap<string, ResourceView>, resources: ReadonlyMap<string, ResourceView>, anyName: boolean): boolean {
  if (groupRelation(rule, group, resources) === 'other') return false;
  return anyName || mayNameParent(rule.config.network_security_group_name, group, { name: typeof group.config.name === 'string' ? group.config.name : undefined }, lookups);
}

/**
 * The candidates a pointer known only later references (a reference that starts with a
 * candidate's address and a dot), in their order. Found through an index by address, not a scan
 * per pointer: a stack of many servers has as many subnets and groups, and six rules per group.
 */
function referencedBy<T extends ResourceView>(candidates: readonly T[]): (pointer: Unknown) => T[] {
  const byAddress = new Map<string, number[]>();
  candidates.forEach((candidate, index) => appendTo(byAddress, candidate.address, index));
  return (pointer) => {
    const found = new Set<number>();
    for (const reference of pointer.references) {
      // Each part before a dot may be an address.
      for (let dot = reference.indexOf('.'); dot !== -1; dot = reference.indexOf('.', dot + 1)) {
        byAddress.get(reference.slice(0, dot))?.forEach((index) => found.add(index));
      }
    }
    return [...found].sort((a, b) => a - b).map((index) => candidates[index]);
  };
}

/** Two values that name the same Azure object for sure: the same literal (ignoring case), or the same expression. */
export function sameForSure(a: unknown, b: unknown): boolean {
  if (isUnknown(a) && isUnknown(b)) return a.expression === b.expression;
  return sameName(a, b);
}

/** A nested block, which may be written as an object (one block) or a list of them, read as HCL's JSON syntax reads them (blockBodies). */
export function asList(value: unknown): TerraformBlock[] {
  return (Array.isArray(value) ? blockBodies(value) : [value].filter(isObject)) as TerraformBlock[];
}

/** The conditions of a block's lifecycle preconditions, a template as its text (Unknown.toString), in the order written. */
export function preconditionConditions(block: ResourceView): unknown[] {
  const lifecycle = block.config.lifecycle;
  return (Array.isArray(lifecycle) ? lifecycle : [lifecycle]).flatMap((each) => asList((each as TerraformBlock | undefined)?.precondition))
    .map(({ condition }) => (isUnknown(condition) ? condition.toString() : condition));
}

/** The first (usually only) item of a nested block: `[null]` is an empty block, `[[{...}]]` the block of those arguments (A27b-4). */
export function firstBlock(value: unknown): TerraformBlock | undefined {
  // asList(value)[0], without building the list for the common shapes: read for every resource by several rules.
  if (!Array.isArray(value)) return isObject(value) ? (value as TerraformBlock) : undefined;
  return (isObject(value[0]) ? value[0] : blockBodies(value)[0]) as TerraformBlock | undefined;
}

/** Only the resources that exist and belong to their server for sure. */
export function certainOnly<T extends ResourceView>(resources: readonly T[]): T[] {
  return resources.filter((resource) => resource.certain);
}

/** One block of a labelled section as written (not evaluated): its type, name and body. */
export interface RawBlock {
  readonly type: string;
  readonly name: string;
  readonly body: { [key: string]: unknown };
}

/**
 * The resource blocks of a stack's Terraform JSON as written, with HCL's JSON forms flattened
 * (lists of bodies, repeated keys), for readers that need the raw bodies (audit-roles).
 */
export function resourceBlocks(terraform: unknown): RawBlock[] {
  return sectionBlocks(terraform, 'resource');
}

/** The blocks of a labelled section ("resource", "data", "ephemeral") as written, with HCL's JSON forms flattened. */
export function sectionBlocks(terraform: unknown, section: string): RawBlock[] {
  return labelledBlocks(bodiesOf(terraform).filter(isObject), section, []);
}

/**
 * The resource blocks of a stack's Terraform JSON as written that may create an instance, each with whether it surely does: count,
 * for_each (a chained one included) and OpenTofu's lifecycle.enabled read by instancesOf, as a view's `certain` is. A block that
 * creates none (count = 0, for_each = {}, enabled = false) is left out, as the model leaves it out: for the readers of raw bodies
 * that take what a block writes as declared (audit-roles, 42nd run, A42b-2).
 */
export function createdResourceBlocks(terraform: unknown): (RawBlock & { readonly sure: boolean })[] {
  const roots = bodiesOf(terraform).filter(isObject);
  const scope = localsScope(roots, []);
  const resources = labelledBlocks(roots, 'resource', []);
  const chained = chainedForEach([
    ...resources.map((block) => ({ address: `${block.type}.${block.name}`, body: block.body })),
    ...labelledBlocks(roots, 'data', []).map((block) => ({ address: `data.${block.type}.${block.name}`, body: block.body })),
  ], scope);
  return resources.flatMap((block) => {
    const { instances, sure } = instancesOf(block.body, scope, chained);
    return instances === 0 ? [] : [{ ...block, sure }];
  });
}

/** Every block of a labelled section ("resource" or "data"), with HCL's JSON forms flattened. */
function labelledBlocks(roots: readonly { [key: string]: unknown }[], section: string, problems: string[]): RawBlock[] {
  const found: RawBlock[] = [];
  for (const root of roots) {
    if (!(section in root)) continue;
    for (const byType of bodiesOf(root[section])) {
      if (!isObject(byType)) {
        problem(problems, section, byType);
        continue;
      }
      // Keys, not entries: every block of the section is walked, by several readers (an entry pair per block was most of the walk).
      for (const type of Object.keys(byType)) {
        for (const byName of bodiesOf(byType[type])) {
          if (!isObject(byName)) {
            problem(problems, `${section}.${type}`, byName);
            continue;
          }
          for (const name of Object.keys(byName)) {
            const bodyValue = byName[name];
            // No block at all: the resource vanishes, and what refers to it would seem to name another.
            if (Array.isArray(bodyValue) && bodyValue.length === 0) problems.push(`${section}.${type}.${name} is an empty list, where Terraform needs a block`);
            for (const body of bodiesOf(bodyValue)) {
              if (isObject(body)) found.push({ type, name, body });
              else problem(problems, `${section}.${type}.${name}`, body);
            }
          }
        }
      }
    }
  }
  return found;
}

/** The resource as the rules see it, or undefined when count or for_each creates no instance of it. */
function resourceView(block: RawBlock, scope: Scope, made?: ReadonlySet<string>, address = `${block.type}.${block.name}`, names?: LiteralNames,
  chained?: Chain): ResourceView | undefined {
  const constructPath = constructPathOf(block);
  const { forEach, instances, sure } = instancesOf(block.body, scope, chained);
  if (instances === 0) return undefined;
  // each.key and each.value stand for the items of the resource's own for_each (A11b-9).
  // count.index stands for its indexes (A21a-4).
  const bodyScope = countScope(block.body, 'for_each' in block.body ? withIterator(scope, 'each', iterationOver(forEach, 'each')) : scope);
  let config: TerraformBlock | undefined;
  const keys = instanceKeysOf(block.body, forEach);
  // Each instance evaluated once: the in-database index and the keys it hides read them both (adversarial run of stop 80, A80-29).
  const evaluatedInstances = new Map<string, TerraformBlock | undefined>();
  // Evaluated when a rule first reads it: most resources of a stack are not PostgreSQL's.
  return {
    type: block.type,
    name: block.name,
    address,
    constructPath,
    ...(constructPath !== undefined && (made === undefined || made.has(constructPath)) ? { madeByLibrary: true } : {}),
    get config() {
      const kept = nullsSent(block.type);
      // An azapi action acts on the object of its URL, resource_id + "/" + action: every table reads it as that request (A20b-4).
      config ??= asRequest(block.type, names === undefined ? evaluateBlock(block.body, bodyScope, kept) : names(evaluateBlock(block.body, bodyScope, kept)));
      return config;
    },
    body: block.body,
    certain: sure,
    ...(keys === undefined ? {} : { instanceKeys: keys }),
    instance: (key) => {
      if (evaluatedInstances.has(key)) return evaluatedInstances.get(key);
      // A set's items are its keys; an object's attributes by name (iterationOver reads them so).
      const item = Array.isArray(forEach) ? forEach.find((each) => each === key) : forEach !== null && typeof forEach === 'object' && !isUnknown(forEach) ? ownValue(forEach as { readonly [key: string]: Value }, key) : undefined;
      const one = item === undefined || !('for_each' in block.body) || 'count' in block.body ? undefined : withIterator(scope, 'each', { key, value: item });
      const evaluated = one === undefined ? undefined : asRequest(block.type, names === undefined ? evaluateBlock(block.body, one, nullsSent(block.type)) : names(evaluateBlock(block.body, one, nullsSent(block.type))));
      evaluatedInstances.set(key, evaluated);
      return evaluated;
    },
  };
}

/**
 * How many instances a block makes and whether it makes them for sure, the one reading of its count, for_each (a chained one over the
 * block it chains over) and OpenTofu's lifecycle.enabled that both a view's `certain` and a chain's keys come from.
 */
function instancesOf(body: { readonly [key: string]: unknown }, scope: Scope, chained?: Chain): { forEach: Value; instances: number | undefined; sure: boolean } {
  const written = evaluateJson(body.for_each ?? null, scope);
  const link = chained?.(written);
  const forEach = link?.forEach ?? written;
  // OpenTofu's lifecycle.enabled = false creates no instance; known only later, it may create none (A15b-16).
  const enabled = isEnabled(body, scope);
  const instances = enabled === false ? 0 : instanceCount(evaluateJson(body.count ?? null, scope), forEach);
  // A chained block has the instances of the block it chains over only as surely as that block has them (35th run, A35a-2).
  return { forEach, instances, sure: instances !== undefined && enabled === true && (link?.sure ?? true) };
}

/** A for_each read through the block it chains over: its instances by key, and whether that block surely has them; undefined when not read so. */
type Chain = (forEach: Value) => { readonly forEach: Value; readonly sure: boolean } | undefined;

/**
 * A for_each over a resource or data source of the stack that has for_each over a collection the evaluator knows (`for_each =
 * postgresql_database.D`, Terraform's chained for_each): a map of its instances by their keys, known at plan, each instance's object
 * known only later (34th run, A34a-3). Sure only when that block surely has exactly those instances (instancesOf: its enabled known
 * true, its own for_each known, over a chain read so in turn); a block OpenTofu does not create (enabled = false) has none, so the
 * chained block has none either (35th run, A35a-2). Undefined for any other for_each: a reference to a block with count or without
 * for_each, to a module or a block the stack does not have, or a loop (Terraform's cycle error), each read as known only later.
 */
function chainedForEach(blocks: readonly { readonly address: string; readonly body: { readonly [key: string]: unknown } }[], scope: Scope): Chain {
  const byAddress = new Map(blocks.map((block) => [block.address, block.body]));
  const read = new Map<string, ReturnType<Chain>>();
  const link = (address: string): ReturnType<Chain> => {
    const body = byAddress.get(address);
    if (body === undefined || !('for_each' in body) || 'count' in body) return undefined;
    const source = instancesOf(body, scope, chain);
    const keys = source.instances === 0 ? [] : instanceKeysOf(body, source.forEach);
    if (keys === undefined) return undefined;
    return { forEach: Object.fromEntries(keys.map((key) => [key, new Unknown(`${address}[${JSON.stringify(key)}]`, [address])])), sure: source.sure };
  };
  const chain: Chain = (forEach) => {
    if (!isUnknown(forEach) || !forEach.isPlainReference) return undefined;
    // Walk the hops first, then read them from the far end back: no recursion however long the chain (thousands of hops).
    const hops = new Set<string>();
    for (let address: string | undefined = forEach.expression; address !== undefined && !read.has(address);) {
      // A loop (A over B, B over A) is Terraform's cycle error: the block it comes back to is read as known only later.
      if (hops.has(address)) {
        read.set(address, undefined);
        break;
      }
      hops.add(address);
      const body = byAddress.get(address);
      const written: Value = body === undefined ? null : evaluateJson(body.for_each ?? null, scope);
      address = isUnknown(written) && written.isPlainReference ? written.expression : undefined;
    }
    [...hops].reverse().forEach((address) => { if (!read.has(address)) read.set(address, link(address)); });
    return read.get(forEach.expression);
  };
  return chain;
}

/** The literal keys of a block's own for_each when the evaluator knows its collection: a set's (or list's) texts, an object's names. */
function instanceKeysOf(body: { readonly [key: string]: unknown }, forEach: Value): readonly string[] | undefined {
  if (!('for_each' in body) || 'count' in body) return undefined;
  if (Array.isArray(forEach)) return forEach.every((item) => typeof item === 'string') ? forEach as string[] : undefined;
  return forEach !== null && typeof forEach === 'object' && !isUnknown(forEach) ? Object.keys(forEach) : undefined;
}

/** The made paths that exactly one of the blocks carries. */
function onePerPath(made: ReadonlySet<string>, blocks: readonly RawBlock[]): ReadonlySet<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const path of blocks.map(constructPathOf)) {
    if (path === undefined) continue;
    if (seen.has(path)) twice.add(path);
    seen.add(path);
  }
  return twice.size === 0 ? made : new Set([...made].filter((path) => !twice.has(path)));
}

/** The construct path cdktf writes into a block's metadata. */
export function constructPathOf(block: RawBlock): string | undefined {
  const metadata = isObject(block.body['//']) ? block.body['//'].metadata : undefined;
  return isObject(metadata) && typeof metadata.path === 'string' ? metadata.path : undefined;
}

/** How many instances count or for_each make: a number, or undefined when known only later. */
function instanceCount(count: Value, forEach: Value): number | undefined {
  if (isUnknown(count) || isUnknown(forEach)) return undefined;
  if (count !== null) return Number(count);
  if (forEach === null) return 1;
  if (Array.isArray(forEach)) return forEach.length;
  return isObject(forEach) ? Object.keys(forEach).length : undefined;
}

/**
 * The arguments of a block type whose null members are sent, not unset: azapi sends a null in `body` or `sensitive_body`
 * as JSON null, which replaces (clears) the member when the two are merged and in the object Azure writes (azapi-writes.ts).
 */
function nullsSent(type: string): ReadonlySet<string> | undefined {
  return type.startsWith('azapi_') ? AZAPI_BODIES : undefined;
}
const AZAPI_BODIES: ReadonlySet<string> = new Set(['body', 'sensitive_body']);

/**
 * A block's arguments as the request it sends: an azapi block's name and IDs as ARM reads its URL (a percent-encoded character:
 * any text, dot-segments.ts), an azapi action's as its URL names the object (azapi-writes.ts actionRequest).
 */
function asRequest(type: string, config: TerraformBlock): TerraformBlock {
  // A postgresql_* block's texts as the provider sends them: each up to its first NUL (postgres-sent-text.ts; A33b-1), its
  // identifiers cut to 63 bytes as PostgreSQL reads them (A35b-4).
  if (type.startsWith('postgresql_')) return sentToPostgres(config, type);
  if (!AZAPI_URL_TYPES.includes(type)) return config;
  const read = withAzapiUrlRead(config);
  return type === 'azapi_resource_action' ? actionRequest(read) : read;
}

/** The azapi block types whose name and IDs make an ARM URL (resources, updates, actions, and their data and ephemeral forms). */
const AZAPI_URL_TYPES: readonly string[] = ['azapi_resource', 'azapi_update_resource', 'azapi_resource_action'];

/**
 * A block's values as Terraform evaluates them, null values left out (but in the `kept` arguments' members). Its comment ("//",
 * where cdktf writes construct paths) is left out, as Terraform ignores it; a "//" key inside an argument's value (an object, a
 * map) is no comment but a key like any, which Terraform evaluates and sends (88th run, A88a-5), and is kept.
 */
function evaluateBlock(body: { [key: string]: unknown }, scope: Scope, kept?: ReadonlySet<string>): TerraformBlock {
  const config: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '//') continue;
    const evaluated = key === 'dynamic' ? evaluatedDynamic(value, scope) : evaluatedValue(value, scope, kept?.has(key) === true);
    if (evaluated !== null) setOwn(config, key, evaluated);
  }
  return config;
}

/**
 * A body's dynamic blocks (an object of blocks by label, or a list of such objects), each one's
 * content read with its iterator bound: the block's `iterator`, else its label (A11b-9).
 */
function evaluatedDynamic(value: unknown, scope: Scope): Value {
  if (Array.isArray(value)) return value.map((item) => evaluatedDynamic(item, scope));
  if (!isObject(value) || isUnknown(value)) return evaluatedValue(value, scope);
  const block = (label: string, body: unknown): Value => {
    if (Array.isArray(body)) return body.map((item) => block(label, item));
    if (!isObject(body)) return evaluatedValue(body, scope);
    const name = typeof body.iterator === 'string' ? body.iterator : label;
    const inner = withIterator(scope, name, iterationOver(evaluateJson(body.for_each ?? null, scope), name));
    return Object.fromEntries(Object.entries(body).map(([key, part]) => [key, evaluatedValue(part, key === 'content' ? inner : scope)]));
  };
  return Object.fromEntries(Object.entries(value).map(([label, body]) => [label, block(label, body)]));
}

/**
 * A value of a block as Terraform evaluates it, null members of objects left out (unless `keepNulls`). A part with
 * nothing to evaluate (no template, no null member) is returned as written, not copied: most of
 * a stack's JSON is literal, and copying all of it was a large part of the model's cost. Nothing
 * writes into the values the model returns.
 */
function evaluatedValue(value: unknown, scope: Scope, keepNulls = false): Value {
  if (typeof value === 'string') return keepNulls ? evaluateTemplate(value, scope) : withoutNulls(evaluateTemplate(value, scope));
  if (Array.isArray(value)) {
    let copy: Value[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = evaluatedValue(value[index], scope, keepNulls);
      if (copy === undefined && item !== value[index]) copy = value.slice(0, index);
      copy?.push(item);
    }
    return copy ?? (value as Value[]);
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    let changed = false;
    const evaluated: [string, Value][] = [];
    for (const [key, item] of entries) {
      const result = evaluatedValue(item, scope, keepNulls);
      // Stryker disable next-line ConditionalExpression: equivalent: a fast path, objectOf keeps a plain key as it is
      changed ||= result !== item || !PLAIN_KEY.test(key);
      evaluated.push([key, result]);
    }
    // Keys are templates in an object expression (A12b-2); a nested block's are names Terraform refuses as templates.
    const object = changed ? objectOf(evaluated, scope) : (value as Value);
    if (keepNulls || isUnknown(object) || !Object.values(object as object).includes(null)) return object;
    return Object.fromEntries(Object.entries(object as object).filter(([, item]) => item !== null)) as Value;
  }
  return value as Value;
}

/** A key with nothing to evaluate: no template, no byte order mark, nothing to normalize. */
const PLAIN_KEY = /^[^$%\u0080-\uffff]*$/;

/** A value a template gave (a tuple or an object of HCL), null members of objects left out. */
function withoutNulls(value: Value): Value {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (isObject(value) && !isUnknown(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null).map(([key, item]) => [key, withoutNulls(item as Value)]));
  }
  return value;
}

/** The postgresql provider configurations by the key resources name them with: "postgresql" or "postgresql.<alias>", or those of another local name required from cyrilgdn/postgresql (provider-facts.ts postgresqlLocalNames). */
function postgresqlProviders(roots: readonly { [key: string]: unknown }[], scope: Scope, problems: string[]): Map<string, TerraformBlock> {
  // Blocks of the wrong shape are problems of the provider section (stack-shape.ts).
  return providerBlocksOf(roots, postgresqlLocalNames(roots), (body, name) => {
    const config = evaluateBlock(body, scope);
    for (const key of ['host', 'alias'].filter((argument) => config[argument] !== undefined && typeof config[argument] !== 'string' && !isUnknown(config[argument]))) {
      problems.push(`provider.${name}.${key} is ${Array.isArray(config[key]) ? 'list' : typeof config[key]}, where Terraform needs text`);
    }
    return config;
  });
}

/** The locals of a stack's JSON, evaluated as the stack model evaluates them, for a reader given no scope of its own. */
export function ownLocals(terraform: unknown): Scope {
  return localsScope(bodiesOf(terraform).filter(isObject), []);
}

/** The stack's locals, each evaluated once (locals-evaluation.ts); a local that refers to itself is Unknown. */
export function localsScope(roots: readonly { [key: string]: unknown }[], problems: string[]): Scope {
  return evaluateLocals(localBodies(roots, problems));
}

/**
 * The nodes of Terraform's graph besides resources and data sources that a resource may depend on, by address, with what they read
 * as written: locals, variables (a validation may read a resource since Terraform 1.9), ephemeral resources and provider
 * configurations (`provider.<key>`): a create_before_destroy forced through any of them (adversarial run of stop 80, A80-1, A80-6,
 * A80-7) as through a resource.
 */
function graphNodeBodies(roots: readonly { [key: string]: unknown }[], locals: ReadonlyMap<string, unknown>): Map<string, unknown> {
  const nodes = new Map<string, unknown>([...locals].map(([name, body]) => [`local.${name}`, body]));
  for (const root of roots) {
    for (const variables of bodiesOf(root.variable ?? []).filter(isObject)) {
      for (const [name, body] of Object.entries(variables)) nodes.set(`var.${name}`, isObject(body) ? body.validation ?? null : null);
    }
    for (const providers of bodiesOf(root.provider ?? []).filter(isObject)) {
      for (const [name, list] of Object.entries(providers)) {
        for (const body of bodiesOf(list).filter(isObject)) nodes.set(`provider.${typeof body.alias === 'string' ? `${name}.${body.alias}` : name}`, body);
      }
    }
  }
  // An ephemeral resource reads its provider configuration too (C80-1).
  for (const block of labelledBlocks(roots, 'ephemeral', [])) nodes.set(`ephemeral.${block.type}.${block.name}`, [block.body, ...providerOf(block.type, block.body)]);
  return nodes;
}

/** The stack's locals as the JSON writes them, by name. */
function localBodies(roots: readonly { [key: string]: unknown }[], problems: string[]): Map<string, unknown> {
  const raw = new Map<string, unknown>();
  for (const root of roots) {
    for (const body of bodiesOf('locals' in root ? root.locals : [])) {
      if (!isObject(body)) {
        problem(problems, 'locals', body);
        continue;
      }
      for (const [name, value] of Object.entries(body)) raw.set(name, value);
    }
  }
  return raw;
}

function addParameter(server: MutableServer, parameter: ResourceView, lookups: ReadonlyMap<string, ResourceView>): void {
  const name = parameter.config.name;
  if (typeof name !== 'string') {
    server.parametersOfUnknownName.push(parameter);
    // A name its variables' defaults give is the parameter Terraform plans unless the run sets another: its value is judged there too.
    const defaulted = isUnknown(name) ? defaultedTexts(name, { postgresqlProviders: new Map(), lookups }) : [];
    for (const text of new Set(defaulted.map((each) => each.toLowerCase()))) appendTo(server.parameters, text, { ...parameter, certain: false });
    return;
  }
  const key = name.toLowerCase();
  appendTo(server.parameters, key, parameter);
}

/** Records a value that is not an object where Terraform needs one (lists never get here: bodiesOf flattens them). */
function problem(problems: string[], where: string, value: unknown): false {
  problems.push(`${where} is ${value === null ? 'null' : typeof value}, where Terraform needs an object`);
  return false;
}

function newServer(resource: ResourceView, kind: Kind, defined: boolean): MutableServer {
  return {
    ...resource,
    kind,
    defined,
    parameters: new Map(),
    parametersOfUnknownName: [],
    firewallRules: [],
    virtualNetworkRules: [],
    administrators: [],
    serverKeys: [],
    databases: [],
    diagnosticSettings: [],
    privateEndpoints: [],
    inDatabase: [],
    inDatabaseReads: [],
    sqlClients: [],
    privateDnsZones: [],
    writers: [],
    possibleWriters: [],
  };
}
