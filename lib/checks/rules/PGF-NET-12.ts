import { OUTBOUND_EXTENSIONS, outboundExtensionsIn, outboundExtensionsSubject } from '../outbound-extensions';
import { listItems, parameterSatisfies } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * No extension that sends data out of the server is allow-listed in azure.extensions: with
 * postgres_fdw, dblink, azure_storage and the like a database user moves data to a host or
 * storage account of their choosing, past every network control the pack judges. Not written:
 * Azure allows none. A warning: some workloads need one; SecureFlexibleServer's
 * allowedExtensionsJustification suppresses it for exactly the extensions it lists.
 */
export const rule: Rule = {
  id: 'PGF-NET-12',
  title: 'No extension that sends data out of the server is allow-listed',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.NETWORK,
  references: {},
  fix: `Remove ${OUTBOUND_EXTENSIONS.join(', ')} from azure.extensions, or keep the ones a workload needs with a justification (SecureFlexibleServer's allowedExtensionsJustification) or a suppression of PGF-NET-12 with the reason.`,
  appliesTo: 'flexible',
  evaluate: (server) => parameterSatisfies(
    server,
    'azure.extensions',
    'a list without an extension that sends data out of the server',
    (value) => outboundExtensionsIn(listItems(value)).length === 0,
    true,
    (value) => outboundExtensionsSubject(listItems(value)),
  ),
};
