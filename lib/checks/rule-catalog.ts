import { RuleInfo, SecurityLayer } from './rule';

/** What each kind of rule judges, as the catalog's second column says it. */
const APPLIES_TO: { [appliesTo in RuleInfo['appliesTo']]: string } = {
  flexible: 'Flexible Server',
  single: 'Single Server',
  any: 'either kind of server, and inside it',
  stack: 'the whole stack',
};

/** The rule pack as a Markdown table per layer, for docs/security-rules.md. */
export function renderRuleCatalog(rules: readonly RuleInfo[]): string {
  const lines = [
    '# Security rules',
    '',
    'Generated from `lib/checks/rules/` (one file per rule, named by its id); `npm test` fails when this page is stale.',
    'Error findings fail `cdktf synth` and make `cdktf-azure-postgres check` exit 1; warnings are printed.',
    'On the servers of `SecureFlexibleServer` and `SecureSingleServer`, and under `PostgresSecurityChecks.applyTo(scope, { failOnWarnings: true })`,',
    'every failed rule fails synth, warnings included: the constructs set each control themselves, so an override that undoes one is never just a warning.',
    'In an app that holds one of these constructs, synth also judges, in every stack of the app, the servers that resources reach by an ID, name',
    'or expression naming no server of their stack (another spelling, a cross-stack reference). `new App({ skipValidation: true })` does not',
    'switch the checks off: they then run just before each stack is written, and an error finding still fails synth.',
    '',
    '## What is judged, and how',
    '',
    '- **Values are read as Terraform reads them.** A JSON string is a template: `"${true}"` is the bool true, `\'${"off"}\'` the string "off".',
    '  Expressions made only of constants are evaluated: literals, operators, conditionals, locals that are constants and the pure functions',
    '  `lower`, `upper`, `trimspace`, `tostring`, `tonumber`, `tobool`, `join`, `concat`, `distinct`, `split`, `element`, `replace` (plain text) and `coalesce`.',
    '  Only where the result is exactly Terraform\'s: functions and `==`/`!=` read ASCII text only (text is NFC-normalized, as HCL does), numbers',
    '  are computed, compared and printed as safe integers, `==`/`!=` compare scalars only, a conditional\'s branches and `coalesce`\'s arguments',
    '  are unified as Terraform unifies them (a string with numbers or bools), list functions read items of one type. Anything else is *unknown*.',
    '  Values are converted as Terraform converts them for the attribute: `"true"` and `"1"` are true, `"false"` and `"0"` false, `"35"` is 35, 7 is "7".',
    '- **A value known only at apply time is never passed.** A variable, a reference to another resource or data source, `each`/`count`, a template',
    '  directive (`%{if}`) or an expression the checks do not evaluate is *unknown*. Where a rule needs it, the rule fails with',
    '  "... is known only at apply time, so it cannot be judged at synth" (an error for error rules, a warning for warning rules): write a literal,',
    '  or suppress the rule with a reason. References that only need to exist (a subnet, zone, workspace or tenant ID) count as written.',
    '- **Every resource that sets a control is judged.** Two parameter resources for one parameter (names ignore case, as Azure does) fail',
    '  `*-CFG-1`, and each of their values is judged, so the verdict never depends on the order of keys. A resource whose `count` or `for_each`',
    '  is unknown may not exist: it never satisfies a control, but it is judged when it could weaken one. `count = 0` removes a resource.',
    '- **Children reach their server however they point at it:** a reference, a literal ID (read as azurerm reads it: one `/` after the name,',
    '  no leading `/`, segment names in any case) or name (ignoring case), a local, a function of the reference, a data source of the server.',
    '  A child whose server cannot be resolved (another stack\'s output, a variable, an ID no rule can place) is judged under a server of its',
    '  own, `(server unknown) ...`, so a wide firewall rule never passes unseen; server-attribute rules do not apply to such servers.',
    '- **What acts on a server through a type no rule reads fails** (`PG-CFG-3`): an azapi resource of a `Microsoft.DBforPostgreSQL` type or',
    '  given a server\'s ID (`parent_id`, `resource_id`, its body; one given only the host is a client); an ARM template, deployment script,',
    '  provisioner or module that names a server (a reference, or its ID, name or host). One that names no server the checks know but is',
    '  about PostgreSQL is judged under `(server unknown) acted on by ...`. Review such a resource by hand and suppress PG-CFG-3 on it with',
    '  the reason. What runs a program or sends a request when Terraform reads it counts as a command: `data "external"`, `data "http"`',
    '  with a method other than GET or HEAD, `azapi_resource_action` as a data source (it sends POST unless its method is GET) or an',
    '  ephemeral resource. An azapi resource whose `type` is known only at apply time, or whose type carries a template or a script',
    '  (`Microsoft.Resources/deployments`, `deploymentScripts`, `deploymentStacks`, `.../runCommands`, the `runCommand` action), is read',
    '  whole, like an ARM template: by the server\'s name, host and ID.',
    '  A resource of any other type (a Logic App HTTP action, a container group or job, an Automation runbook, a backup instance, ...)',
    '  acts on a server when its values name the server\'s ID or ARM path (also inside a URL), or its name beside a command (`az`,',
    '  `pwsh`, an `-AzPostgreSql` cmdlet, `Invoke-RestMethod`, `management.azure.com`); its host alone makes a client, which passes.',
    '  Types the rules read and types that only point at a server (alerts, locks, role assignments, private endpoints, dashboards)',
    '  are not writers. An `azurerm_data_protection_backup_instance_postgresql_flexible_server` of a server is a copy of its data',
    '  restorable outside the stack: it fails until suppressed on the backup instance with the reason.',
    '- **A command beside a server is never passed unread** (`PG-CFG-4`): a provisioner (also of a `removed` block), a command data',
    '  source (also inside a `check` block), an ARM template or deployment script, a VM run command or script extension (`CustomScript`,',
    '  `RunCommand`), an `action` block, a `shell_script` or `restapi_object`, or an azapi resource of such a type (or of a type known',
    '  only later) that does not name a server may still reach every server of its stack, since no text match is complete',
    '  (`az resource list -g rg` finds a server without naming it). It is a warning on a server of raw resources and an error on a',
    '  server of the library\'s constructs, whose warnings fail synth (the same split as every other rule). Keep such commands out of',
    '  the server\'s stack, or review one by hand and suppress PG-CFG-4 on it or on the server with the reason. Modules are not commands:',
    '  one that names no server passes. An Azure Policy assignment (at any scope) of a policy or set definition of the stack whose',
    '  effect is modify, append or deployIfNotExists (also chosen by a parameter) on `Microsoft.DBforPostgreSQL` types or on every type',
    '  (except a modify that writes only tags), or whose rule is known only at apply time, counts as such a command, and so does an',
    '  assignment of a definition defined elsewhere or known only later (its effect is not in the JSON). Built-in definitions pass.',
    '- **HCL\'s JSON forms are read as Terraform reads them:** lists of bodies, repeated properties (the CLI keeps both `"resource"` keys that',
    '  `JSON.parse` would drop), a UTF-8 byte order mark. A file that is not a Terraform stack, or has a `null` where a block belongs, is not',
    '  judged: the CLI exits 2. So is a stack directory with other `.tf` or `.tf.json` files, which Terraform would merge in.',
    '  `dynamic` blocks are read in both forms (an object of blocks by label, or a list of them, which merge) wherever a rule reads a',
    '  block: in resources, in providers (the azurerm `features`) and in blocks within blocks. A block a rule reads that a dynamic',
    '  block makes (an NSG\'s `security_rule`, `authentication`, `enabled_log`, `features.postgresql_flexible_server`) is known only at',
    '  plan time, never a pass; a pointer in a dynamic block\'s `content` (a private endpoint\'s connection, a policy set\'s definitions)',
    '  still attaches it.',
    '- **Suppressions must be valid to count** (`PG-SUP-1`): a rule id of the pack, a construct path, and a reason of at least 10 visible',
    '  characters written as literal text. In synth only suppressions added with `PostgresSecurityChecks.suppress` count; one written into',
    '  the JSON by an override is a finding. A hand-edited `cdk.tf.json` can still carry valid-looking suppressions: the report lists every one.',
    '- **Enforced servers, read from the file:** `check` treats the servers under each path of `//.cdktf-azure-postgres-enforced` and of',
    '  `//.cdktf-azure-postgres-constructs` (every library construct enforces its servers) as synth does: their warnings are errors. A',
    '  hand-edited file that drops both lists, the whole `//`, or changes a server\'s `//.metadata.path` gives no sound way to tell a library',
    '  server from a raw one; its findings keep their own severity. Synth itself reads the constructs made in the process, not the file.',
    '- **Inside a server** (`PGD-*`): the resources of the postgresql provider (roles, grants, default privileges, security labels, extensions)',
    '  belong to the server their provider configuration\'s `host` names (a reference to the server\'s `fqdn`, or a literal',
    '  `<name>.postgres.database.azure.com`); a host that names no server of the stack is judged under a server of its own. A grant\'s',
    '  `role` is read through a reference to a `postgresql_role` of the stack; a grantee known only at apply time is unknown.',
    '- **The library\'s constructs keep their resources** (`PG-CFG-2`): an override that adds `count`, `for_each`, a `provisioner` or a',
    '  `connection` to a resource a `SecureFlexibleServer` or `SecureSingleServer` makes fails, since `count = 0` could remove, say, the',
    '  delete lock unseen, and a provisioner runs commands no rule reads.',
    '- **The network around a server** (`PGF-NET-7`, `PGF-NET-10`, `PGS-NET-7`): the delegated subnet a server\'s `delegated_subnet_id` names',
    '  (a reference, or a literal ID matching the subnet\'s literal names) with the `azurerm_subnet_network_security_group_association`s that',
    '  name it, their group\'s inline `security_rule` blocks and the `azurerm_network_security_rule`s that name the group; and the',
    '  `azurerm_private_dns_zone`s the server resolves in (its `private_dns_zone_id`, its endpoints\' zone groups). A subnet, group or zone',
    '  defined outside the stack (given by a variable or a literal ID) is its owner\'s to judge.',
    '- **Firewall ranges are counted** (`PGF-NET-8`, `PGS-NET-5`): all rules of a server together, overlaps counted once, at most 256',
    '  addresses (a /24); the 0.0.0.0-0.0.0.0 "Azure services" rule is judged on its own.',
    '- **Not judged:** other resources than the azurerm PostgreSQL resources, their diagnostic settings, private endpoints, delegated subnet',
    '  and DNS zones; servers of a stack the checks do not cover (constructs check themselves, `PostgresSecurityChecks.applyTo` or the CLI',
    '  check everything). The security report lists every PostgreSQL resource of the stack it did not judge, and how to include it.',
    '',
  ];
  for (const layer of Object.values(SecurityLayer)) {
    const inLayer = rules.filter((rule) => rule.layer === layer);
    if (inLayer.length === 0) continue;
    lines.push(`## ${layer[0].toUpperCase()}${layer.slice(1)}`, '', '| id | applies to | control | severity | references | fix |', '| --- | --- | --- | --- | --- | --- |');
    for (const rule of inLayer) {
      const { cis, checkov, azurePolicy, trivy } = rule.references;
      const references = [
        ...(cis ?? []).map((c) => `CIS ${c}`),
        ...(checkov ?? []),
        ...(trivy ?? []),
        ...(azurePolicy ?? []).map((p) => `Policy ${p}`),
      ].join('; ');
      lines.push(`| ${rule.id} | ${APPLIES_TO[rule.appliesTo]} | ${rule.title} | ${rule.severity} | ${references || '—'} | ${rule.fix} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
