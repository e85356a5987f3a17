import {
  cidrSpan,
  describeAddressSet,
  distinctAddressCount,
  firstNonPublicOverlap,
  lenientIpv4,
  firstReservedOverlap,
  ipv4ToNumber,
  isIpv4,
  networkAddress,
  numberToIpv4,
  parseCidr,
  parseAddressRange,
} from '../../../lib/private/ipv4';
import { MAX_OPEN_ADDRESSES, openAddressCount, opensTooMany } from '../../../lib/private/firewall-breadth';

// The IPv4 arithmetic behind firewall ranges, subnets and the rules that judge them.

describe('isIpv4', () => {
  test.each(['0.0.0.0', '10.0.0.1', '9.99.199.249', '100.200.250.255', '255.255.255.255'])('accepts %s', (address) => {
    expect(isIpv4(address)).toBe(true);
  });

  test.each([
    ['256.0.0.1', 'an octet over 255'],
    ['1.2.3.260', 'an octet over 255 at the end'],
    ['01.2.3.4', 'a leading zero'],
    ['1.2.3', 'three octets'],
    ['1.2.3.4.5', 'five octets'],
    ['x1.2.3.4', 'text before'],
    ['1.2.3.4/24', 'a CIDR suffix'],
    ['1.2.3.4 ', 'a trailing blank'],
    ['1a2b3c4', 'no dots'],
    ['', 'nothing'],
  ])('refuses %s (%s)', (address) => {
    expect(isIpv4(address)).toBe(false);
  });
});

describe('ipv4ToNumber and numberToIpv4', () => {
  test('read an address as a big-endian number and back', () => {
    expect(ipv4ToNumber('1.2.3.4')).toBe(16909060);
    expect(ipv4ToNumber('255.255.255.255')).toBe(4294967295);
    expect(numberToIpv4(16909060)).toBe('1.2.3.4');
    expect(numberToIpv4(4294967295)).toBe('255.255.255.255');
    expect(numberToIpv4(0)).toBe('0.0.0.0');
  });
});

describe('parseCidr', () => {
  test('splits an address and its prefix length', () => {
    expect(parseCidr('10.1.0.0/16')).toEqual({ address: '10.1.0.0', prefixLength: 16 });
    expect(parseCidr('10.1.2.3/32')).toEqual({ address: '10.1.2.3', prefixLength: 32 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ address: '0.0.0.0', prefixLength: 0 });
  });

  test.each(['10.1.0.0/33', '10.1.0.0/123', '10.1.0.0', '10.1.0/16', '10.1.0.0/16 ', ' 10.1.0.0/16', '10.1.0.0/', '10.1.0.0/x', '10.1.0.0/16/8', 'x/10.1.0.0/16'])('refuses %s', (value) => {
    expect(parseCidr(value)).toBeUndefined();
  });
});

describe('networkAddress and cidrSpan', () => {
  test('the first address of the block, host bits dropped', () => {
    expect(networkAddress('10.1.2.3', 24)).toBe('10.1.2.0');
    expect(networkAddress('10.1.2.3', 32)).toBe('10.1.2.3');
    expect(networkAddress('10.1.130.3', 17)).toBe('10.1.128.0');
  });

  test('the first and last address of the block', () => {
    expect(cidrSpan('10.1.2.3', 24)).toEqual({ first: ipv4ToNumber('10.1.2.0'), last: ipv4ToNumber('10.1.2.255') });
    expect(cidrSpan('10.1.2.3', 32)).toEqual({ first: ipv4ToNumber('10.1.2.3'), last: ipv4ToNumber('10.1.2.3') });
  });
});

const span = (first: string, last: string) => ({ first: ipv4ToNumber(first), last: ipv4ToNumber(last) });

describe('distinctAddressCount', () => {
  test('counts each address once, whatever the order and overlap of the spans', () => {
    expect(distinctAddressCount([])).toBe(0);
    expect(distinctAddressCount([span('1.0.0.5', '1.0.0.5')])).toBe(1);
    // Disjoint, given last first.
    expect(distinctAddressCount([span('1.0.0.20', '1.0.0.29'), span('1.0.0.0', '1.0.0.9')])).toBe(20);
    // Overlapping by five.
    expect(distinctAddressCount([span('1.0.0.5', '1.0.0.14'), span('1.0.0.0', '1.0.0.9')])).toBe(15);
    // One inside another, the inner one after.
    expect(distinctAddressCount([span('1.0.0.0', '1.0.0.99'), span('1.0.0.10', '1.0.0.19')])).toBe(100);
    // Touching at one address.
    expect(distinctAddressCount([span('1.0.0.0', '1.0.0.9'), span('1.0.0.9', '1.0.0.18')])).toBe(19);
    // Adjacent.
    expect(distinctAddressCount([span('1.0.0.0', '1.0.0.9'), span('1.0.0.10', '1.0.0.19')])).toBe(20);
    // Starting at address 0.
    expect(distinctAddressCount([span('0.0.0.0', '0.0.0.0'), span('0.0.0.0', '0.0.0.3')])).toBe(4);
  });

  test('does not reorder the spans it is given', () => {
    const spans = [span('1.0.0.20', '1.0.0.29'), span('1.0.0.0', '1.0.0.9')];
    distinctAddressCount(spans);
    expect(spans[0]).toEqual(span('1.0.0.20', '1.0.0.29'));
  });
});

describe('firewall breadth', () => {
  test('a /24 is the most a server may open without a justification', () => {
    expect(MAX_OPEN_ADDRESSES).toBe(256);
    expect(openAddressCount([span('203.0.113.0', '203.0.113.255'), span('203.0.113.0', '203.0.113.9')])).toBe(256);
    expect(opensTooMany([span('203.0.113.0', '203.0.113.255')])).toBe(false);
    expect(opensTooMany([span('203.0.113.0', '203.0.113.255'), span('198.51.100.7', '198.51.100.7')])).toBe(true);
  });
});

describe('firstReservedOverlap', () => {
  test.each([
    ['224.0.0.0', 4, 'multicast'],
    ['239.255.255.0', 24, 'multicast'],
    ['255.255.255.255', 32, 'broadcast'],
    ['127.0.0.1', 32, 'loopback'],
    ['169.254.10.0', 24, 'link-local'],
    ['168.63.129.16', 32, 'Azure\'s internal DNS'],
    ['168.63.128.0', 22, 'Azure\'s internal DNS'],
  ])('%s/%s overlaps the %s block', (address, prefixLength, use) => {
    expect(firstReservedOverlap(address, prefixLength)?.use).toBe(use);
  });

  test.each([
    ['10.0.0.0', 8],
    ['168.63.129.17', 32],
    ['168.63.129.15', 32],
    ['223.255.255.0', 24],
    ['126.255.255.255', 32],
    ['128.0.0.0', 32],
  ])('%s/%s overlaps none', (address, prefixLength) => {
    expect(firstReservedOverlap(address, prefixLength)).toBeUndefined();
  });

  test('names the block and its use', () => {
    expect(firstReservedOverlap('127.0.0.0', 8)).toEqual({ range: '127.0.0.0/8', use: 'loopback' });
  });
});

describe('firstNonPublicOverlap', () => {
  test.each([
    ['0.0.0.0', '0.0.0.0', '"this network", reserved'],
    ['10.20.0.0', '10.20.0.255', 'private, RFC 1918'],
    ['100.64.0.0', '100.64.0.0', 'carrier-grade NAT, RFC 6598'],
    ['100.127.255.255', '100.127.255.255', 'carrier-grade NAT, RFC 6598'],
    ['127.0.0.1', '127.0.0.1', 'loopback'],
    ['169.254.1.1', '169.254.1.1', 'link-local'],
    ['172.31.255.255', '172.31.255.255', 'private, RFC 1918'],
    ['192.168.1.1', '192.168.1.1', 'private, RFC 1918'],
    ['230.0.0.1', '230.0.0.1', 'multicast'],
    ['255.255.255.255', '255.255.255.255', 'reserved, with the broadcast address'],
    // A public range that runs into a private block.
    ['9.255.255.0', '10.0.0.0', 'private, RFC 1918'],
    ['11.0.0.0', '100.64.0.0', 'carrier-grade NAT, RFC 6598'],
  ])('%s-%s opens the %s block', (first, last, use) => {
    expect(firstNonPublicOverlap(span(first, last))?.use).toBe(use);
  });

  test.each([
    ['1.0.0.0', '9.255.255.255'],
    ['11.0.0.0', '11.0.0.255'],
    ['100.63.255.255', '100.63.255.255'],
    ['100.128.0.0', '100.128.0.0'],
    ['172.15.255.255', '172.15.255.255'],
    ['172.32.0.0', '172.32.0.0'],
    ['192.167.255.255', '192.167.255.255'],
    ['192.169.0.0', '192.169.0.0'],
    ['203.0.113.0', '203.0.113.255'],
    ['223.255.255.255', '223.255.255.255'],
  ])('%s-%s is public', (first, last) => {
    expect(firstNonPublicOverlap(span(first, last))).toBeUndefined();
  });

  test('names the block and its use', () => {
    expect(firstNonPublicOverlap(span('192.168.0.1', '192.168.0.1'))).toEqual({ range: '192.168.0.0/16', use: 'private, RFC 1918' });
  });
});

describe('describeAddressSet', () => {
  const span = (first: string, last: string) => ({ first: ipv4ToNumber(first), last: ipv4ToNumber(last) });

  test('sorts the spans and joins the ones that overlap or touch, so two writings of one set read the same', () => {
    const halves = [span('198.51.100.128', '198.51.100.255'), span('203.0.113.7', '203.0.113.7'), span('198.51.100.0', '198.51.100.127')];
    expect(describeAddressSet(halves)).toBe('198.51.100.0-198.51.100.255, 203.0.113.7-203.0.113.7');
    expect(describeAddressSet([span('10.0.0.0', '10.0.0.200'), span('10.0.0.100', '10.0.0.150')])).toBe('10.0.0.0-10.0.0.200');
  });

  test('keeps apart spans with a gap of one address, and says nothing of no spans', () => {
    expect(describeAddressSet([span('10.0.0.0', '10.0.0.1'), span('10.0.0.3', '10.0.0.4')])).toBe('10.0.0.0-10.0.0.1, 10.0.0.3-10.0.0.4');
    expect(describeAddressSet([])).toBe('');
  });
});

describe('lenientIpv4 reads what inet_aton reads (A17b-3)', () => {
  test.each([
    ['10.0.1.4', 167772420], ['10.0.1.04', 167772420], ['10.0.260', 167772420], ['10.260', 167772420], ['0xa000104', 167772420],
    ['0x0a.0.1.4', 167772420], ['012.0.1.4', 167772420], ['167772420', 167772420], ['0', 0],
  ])('%s is %d', (text, value) => {
    expect(lenientIpv4(text)).toBe(value);
  });
  test.each(['10.0.1.4.5', '10.0.1.256', '10.0.65536', '08.0.1.4', '1e3', '', '10..1', 'db', '0x', '4294967296'])('%s is none', (text) => {
    expect(lenientIpv4(text)).toBeUndefined();
  });
});

describe('parseAddressRange reads Azure Firewall\'s "first-last" form (A19b-4)', () => {
  test.each([
    ['10.0.0.1-10.0.0.9', 167772161, 167772169],
    [' 10.0.0.1-10.0.0.1 ', 167772161, 167772161],
    ['0.0.0.0-255.255.255.255', 0, 4294967295],
  ])('%s', (text, first, last) => {
    expect(parseAddressRange(text)).toEqual({ first, last });
  });

  test.each(['10.0.0.9-10.0.0.1', '10.0.0.1-', '-10.0.0.1', '10.0.0.1--10.0.0.9', '10.0.0.1 - 10.0.0.9', '10.0.0.01-10.0.0.9', '10.0.0.1-10.0.0.9/24', '10.0.0.0/28', '10.0.0.1', '10.0.0.1-10.0.0.9-10.0.0.10', '10.0.0.1-10.0.1', 'a-b'])('%s is none (malformed, reversed or not a range)', (text) => {
    expect(parseAddressRange(text)).toBeUndefined();
  });
});
