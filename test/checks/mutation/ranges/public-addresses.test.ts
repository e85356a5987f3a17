// What the ranges group's own tests left unjudged: the public addresses of IPv4 spans, the subject
// of a wide-range justification, and server IDs with the provider segment at their start.
import { firewallRangesSubject } from '../../../../lib/private/firewall-breadth';
import { cidrSpan, ipv4ToNumber, publicAddressCount } from '../../../../lib/private/ipv4';
import { parsePostgresServerId } from '../../../../lib/private/postgres-server-id';

const span = (cidr: string) => {
  const [address, length] = cidr.split('/');
  return cidrSpan(address, Number(length));
};

describe('publicAddressCount', () => {
  test('the whole IPv4 space less every block no client on the internet has', () => {
    expect(publicAddressCount([span('0.0.0.0/0')])).toBe(3702390784);
  });

  test('a public block counts whole, a private one not at all, overlapping spans once', () => {
    expect(publicAddressCount([span('8.8.8.0/24')])).toBe(256);
    expect(publicAddressCount([span('10.0.0.0/8')])).toBe(0);
    expect(publicAddressCount([span('8.8.8.0/24'), span('8.8.8.0/25')])).toBe(256);
    expect(publicAddressCount([span('10.0.0.0/24'), span('10.0.0.0/25'), span('8.8.8.8/32')])).toBe(1);
  });

  test('a span across the edge of a private block counts its public part only', () => {
    expect(publicAddressCount([{ first: ipv4ToNumber('9.255.255.0'), last: ipv4ToNumber('10.0.0.255') }])).toBe(256);
    expect(publicAddressCount([{ first: ipv4ToNumber('10.255.255.0'), last: ipv4ToNumber('11.0.0.255') }])).toBe(256);
    // Spans that touch a private block at one address only.
    expect(publicAddressCount([{ first: ipv4ToNumber('10.255.255.255'), last: ipv4ToNumber('11.0.0.0') }])).toBe(1);
    expect(publicAddressCount([{ first: ipv4ToNumber('9.255.255.255'), last: ipv4ToNumber('10.0.0.0') }])).toBe(1);
  });
});

test('firewallRangesSubject names the addresses the ranges open, written one way', () => {
  expect(firewallRangesSubject([span('203.0.113.0/25'), span('198.51.100.0/24'), span('203.0.113.128/25')])).toBe(
    'firewall ranges 198.51.100.0-198.51.100.255, 203.0.113.0-203.0.113.255',
  );
});

describe('parsePostgresServerId at the edges of the provider segment', () => {
  test('an ID that starts at the provider segment, with or without its "/"', () => {
    expect(parsePostgresServerId('/providers/Microsoft.DBforPostgreSQL/flexibleServers/db')).toEqual({ kind: 'flexible', name: 'db' });
    expect(parsePostgresServerId('providers/Microsoft.DBforPostgreSQL/servers/db')).toEqual({ kind: 'single', name: 'db' });
  });

  test('names no server without a "providers" segment right before the provider, or with "providers" last', () => {
    expect(parsePostgresServerId('/subscriptions/s/x/Microsoft.DBforPostgreSQL/flexibleServers/db')).toBeUndefined();
    expect(parsePostgresServerId('rg/flexibleServers/db')).toBeUndefined();
    expect(parsePostgresServerId('/subscriptions/s/providers')).toBeUndefined();
  });
});
