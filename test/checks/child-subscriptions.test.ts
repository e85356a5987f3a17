import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

// Adversarial run of stop 69, M2 and M3: a child that names its server by name and resource group (an Entra
// administrator), or a lookup of the server by name, is written or read in the subscription of its own azurerm
// provider. Through an alias of another subscription it is another server's, and the judged one goes without.

const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const HERE = '00000000-0000-0000-0000-000000000000';
const ELSEWHERE = '99999999-9999-9999-9999-999999999999';

function providers(other: unknown) {
  return { azurerm: [{ features: [{}], subscription_id: HERE }, { features: [{}], alias: 'other', subscription_id: other }] };
}

function administrator(provider?: string) {
  return {
    server_name: 'orders-db', resource_group_name: 'rg-orders', object_id: '22222222-2222-2222-2222-222222222222',
    tenant_id: '11111111-2222-3333-4444-555555555555', principal_name: 'db-admins', principal_type: 'Group', ...(provider === undefined ? {} : { provider }),
  };
}

/** The statuses of one rule on the stack's server. */
function statuses(terraform: object, ruleId: string): string[] {
  return evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId === ruleId && f.server === `${FLEXIBLE}.db`).map((f) => f.status);
}

const server = () => compliantFlexibleServer({ resource_group_name: 'rg-orders' });

describe('an Entra administrator named by server_name (M2)', () => {
  test('through a provider of another literal subscription is another server\'s: the server has none', () => {
    expect(statuses({ provider: providers(ELSEWHERE), resource: { [FLEXIBLE]: { db: server() }, [ADMINISTRATOR]: { admin: administrator('azurerm.other') } } }, 'PGF-IAM-2')).toEqual(['fail']);
  });


  test('the server through the other subscription\'s provider, the administrator through the default one: the same', () => {
    const terraform = { provider: providers(ELSEWHERE), resource: { [FLEXIBLE]: { db: { ...server(), provider: 'azurerm.other' } }, [ADMINISTRATOR]: { admin: administrator() } } };
    expect(statuses(terraform, 'PGF-IAM-2')).toEqual(['fail']);
  });

  // A server's name is global: through a subscription that may be the server's, a child is the server's, or Azure refuses it.
  test.each([
    ['the server\'s own provider', undefined, ELSEWHERE],
    ['an alias of the same literal subscription', 'azurerm.other', HERE],
    ['an alias spelled with blanks of the same subscription', 'azurerm . other', HERE],
    ['an alias whose subscription is known only at apply time', 'azurerm.other', '${var.subscription}'],
  ])('control: through %s it is the server\'s', (_, provider, subscription) => {
    expect(statuses({ provider: providers(subscription), resource: { [FLEXIBLE]: { db: server() }, [ADMINISTRATOR]: { admin: administrator(provider) } } }, 'PGF-IAM-2')).toEqual(['pass']);
  });

  test('control: through an alias of the same expression as the server\'s provider, it is the server\'s (adversarial run of stop 69, F2)', () => {
    const terraform = { provider: { azurerm: [{ features: [{}], subscription_id: '${var.sub}' }, { features: [{}], alias: 'other', subscription_id: '${var.sub}' }] },
      resource: { [FLEXIBLE]: { db: server() }, [ADMINISTRATOR]: { admin: administrator('azurerm.other') } } };
    expect(statuses(terraform, 'PGF-IAM-2')).toEqual(['pass']);
  });
});

describe('a lookup of the server by name (M3)', () => {
  /** The server's TLS floor written through a lookup of it, on the lookup's provider. */
  const throughLookup = (subscription: string) => ({
    provider: providers(subscription),
    data: { [FLEXIBLE]: { d: { name: 'orders-db', resource_group_name: 'rg-orders', provider: 'azurerm.other' } } },
    resource: {
      [FLEXIBLE]: { db: server() },
      azurerm_postgresql_flexible_server_configuration: { tls: { name: 'ssl_min_protocol_version', value: 'TLSv1.2', server_id: `\${data.${FLEXIBLE}.d.id}` } },
    },
  });

  test('through a provider of another literal subscription finds another server: what it writes is not the server\'s', () => {
    const written = statuses(throughLookup(ELSEWHERE), 'PGF-TLS-2');
    expect(statuses(throughLookup(HERE), 'PGF-TLS-2')).toEqual(['pass']);
    expect(written).not.toEqual(['pass']);
  });

  test('through "azurerm . other" (blanks Terraform skips) of another subscription: the same (M3b)', () => {
    const terraform = throughLookup(ELSEWHERE);
    terraform.data[FLEXIBLE].d.provider = 'azurerm . other';
    expect(statuses(terraform, 'PGF-TLS-2')).not.toEqual(['pass']);
  });
});
