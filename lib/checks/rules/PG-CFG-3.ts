import { madeServerOwner } from '../beside-construct';
import { defenderPlansOff } from '../defender-plans';
import { inertAzapiWrite } from '../inert-types';
import { networkWriters } from '../network-writers';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { secondResources } from '../second-resources';

/**
 * Every resource that acts on a server is one the rules can read. An azapi resource, an ARM
 * template or deployment script, a provisioner's command, a module, or a resource of any other type
 * that names the server's ID or runs a command naming it (a Logic App request, a container running
 * az) can change a server (open its firewall, turn TLS off) where no rule looks, so what cannot be
 * judged fails; so does an azapi block that writes to the network around the server (its subnet,
 * network security group, private endpoint or DNS zone), and a second resource of one of those (the
 * same type, group and name, adopted by an import block; a virtual network written with inline
 * subnets). Defender turned on (threat-protection.ts) is a hardening, no writer. A server that
 * copies a library construct's server (a replica, a restore, a copy of one) holds all its data, and
 * its administrators, network paths and log exports are not the construct's props (eleventh review,
 * A11a-4); so does one whose source is known only at apply time, which may be that server (twelfth
 * review, A12a-3). One that is reviewed by hand takes a suppression with the reason, on the resource or
 * module (or the server).
 */
export const rule: Rule = {
  id: 'PG-CFG-3',
  title: 'No unjudgeable writers to a server',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Manage the server with the azurerm PostgreSQL resources the rules read, or review the resource by hand and suppress PG-CFG-3 on it with the reason.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const direct = new Set(server.writers.map((writer) => writer.address));
    const writers = [...server.writers, ...[...networkWriters(server, stack, inertAzapiWrite), ...secondResources(server, stack)].filter((writer) => !direct.has(writer.address))];
    const owner = madeServerOwner(server, stack);
    const copies = owner === undefined ? [] : stack?.copiesOf?.(server) ?? [];
    const possible = owner === undefined ? [] : stack?.possibleCopiesOf?.(server) ?? [];
    const plansOff = defenderPlansOff(server, stack);
    if (writers.length === 0 && copies.length === 0 && possible.length === 0 && plansOff.length === 0) return PASS;
    return [
      ...plansOff.map((plan) => fail(plan.text, plan.address)),
      ...writers.map((writer) => fail(`${writer.what} reaches the server; no rule reads what it does there, so it cannot be judged.`, writer.address)),
      ...copies.map((copy) => fail(
        `${copy.address} copies the data of the server ${owner} makes (create_mode ${JSON.stringify(copy.config.create_mode ?? null)}): who administers the copy, reaches it and receives its logs is not in ${owner}'s props, so no rule holds it to them.`,
        copy.address,
      )),
      ...possible.map((copy) => fail(
        `${copy.address} copies the data of a server known only at apply time (create_mode ${JSON.stringify(copy.config.create_mode ?? null)}, or an import block), which may be the server ${owner} makes: who administers the copy, reaches it and receives its logs is not in ${owner}'s props, so no rule holds it to them.`,
        copy.address,
      )),
    ];
  },
};
