import { IConstruct } from 'constructs';
import { networkSubject } from '../checks/rules/PG-NET-1';
import { EXISTING_NETWORK_REASON, suppressChoice } from '../checks/suppression-registry';

/**
 * Suppresses PG-NET-1 on a server given an existing subnet or zone by ID, for that pointer only:
 * PG-CFG-6 pins its value (an override to any other fails there), and every other PG-NET-1
 * finding of the server (a record in its zone, a shadow zone, another path) still fails.
 */
export function suppressExistingPointer(server: IConstruct, attribute: 'delegated_subnet_id' | 'private_dns_zone_id'): void {
  suppressChoice(server, 'PG-NET-1', EXISTING_NETWORK_REASON, networkSubject(attribute));
}
