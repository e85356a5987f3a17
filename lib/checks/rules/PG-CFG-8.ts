import { madeServerOwner } from '../beside-construct';
import { inertAzapiWrite } from '../inert-types';
import { networkWriters } from '../network-writers';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { secondResources } from '../second-resources';
import { unreadWriters } from '../unread-writers';

/**
 * What a construct's server depends on is written only by types the rules read. Each writer of an effect
 * (a network path, a role, a log export, an administrator's credential) is read into the shape the rules
 * judge by a table of types (read-types.ts), each toward the kinds of scope it judges; a block that points,
 * where no table judges its type (a type read for one effect still writes others: A16a-4), at the server, the
 * resource group or subscription that holds it, the network around it (its VNet, delegated subnet, network
 * security group, route table, private endpoint, or the subnet it is given), its private DNS zones, the
 * vault and secret of its generated password (also by the secret's data-plane address: an App Service Key Vault reference by URL
 * or by names, 89th run, A89a-3; by `key_vault_id` on a type that places no child of its own there, such as a Data Factory
 * linked service or a Machine Learning workspace), its log destinations or its Entra administrator may change
 * it where no rule looks, so it fails beside a construct until reviewed by hand and suppressed on the
 * resource with the reason (sixteenth run). A group the stack puts one of them in (an AVNM network group
 * holding its VNet) is judged as it. Inert types (alerts, budgets, dashboards, markers) pass where inert.
 */
export const rule: Rule = {
  id: 'PG-CFG-8',
  title: 'No unread writers of what a construct\'s server depends on',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Write the change with a resource type the rules read, or review the resource by hand and suppress PG-CFG-8 on it with the reason.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const owner = madeServerOwner(server, stack);
    if (owner === undefined) return PASS;
    // What PG-CFG-3 judges as a writer of the server is not judged twice.
    const judged = new Set([...server.writers, ...networkWriters(server, stack, inertAzapiWrite), ...secondResources(server, stack)].map((writer) => writer.address));
    const writers = unreadWriters(server, owner, stack, judged);
    if (writers.length === 0) return PASS;
    return writers.map(({ block, what, on, argument, why }) => fail(
      `${what} points at ${on} (its ${argument}): ${why}`,
      block.address,
    ));
  },
};
