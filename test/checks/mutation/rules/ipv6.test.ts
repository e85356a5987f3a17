// IPv6 prefixes as NSG rules write them (ipv6.ts): read, counted for the internet, written back.
import { describeIpv6Set, Ipv6Span, parseIpv6Prefix, publicIpv6Count } from '../../../../lib/private/ipv6';

const ALL = (1n << 128n) - 1n;
const DOC = 0x20010db8n << 96n;
const spans = (...texts: string[]): Ipv6Span[] => texts.map((text) => parseIpv6Prefix(text)!);

describe('parseIpv6Prefix', () => {
  test.each<[string, bigint, bigint]>([
    ['::/0', 0n, ALL],
    ['::', 0n, 0n],
    ['2001:db8::/32', DOC, DOC + (1n << 96n) - 1n],
    [' 2001:DB8::1/128 ', DOC + 1n, DOC + 1n],
    ['2001:db8::1/64', DOC, DOC + (1n << 64n) - 1n],
    ['1:2:3:4:5:6:7:8', 0x00010002000300040005000600070008n, 0x00010002000300040005000600070008n],
    ['1::8', 0x00010000000000000000000000000008n, 0x00010000000000000000000000000008n],
    ['::ffff:192.0.2.1', 0xffffc0000201n, 0xffffc0000201n],
    ['::ffff:192.168.100.200', 0xffffc0a864c8n, 0xffffc0a864c8n],
    ['::ffff:255.255.255.255', 0xffffffffffffn, 0xffffffffffffn],
    ['1:2:3:4:5:6:7::', 0x00010002000300040005000600070000n, 0x00010002000300040005000600070000n],
    ['1:2:3:4:5:6:1.2.3.4', 0x00010002000300040005000601020304n, 0x00010002000300040005000601020304n],
    ['fe80::/10', 0xfe80n << 112n, (0xfe80n << 112n) + (1n << 118n) - 1n],
  ])('reads %p', (text, first, last) => {
    expect(parseIpv6Prefix(text)).toEqual({ first, last });
  });

  test.each([
    '10.0.0.0/8', '::/129', '::/-1', '::/', '::/1/2', '::/8a',
    '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1::2::3', '1:2:3:4:5:6:7::8',
    '12345::', 'g::', '1:2:3:4:5:6:7:8::', '::ffff:1.2.3.4x', '::ffff:x1.2.3.4', '::ffff:256.0.0.1', '::1.2.3.4:5', '1.2.3.4::', '1:2:3:4:5:1.2.3.4::', ':', 'Internet',
  ])('refuses %p', (text) => {
    expect(parseIpv6Prefix(text)).toBeUndefined();
  });
});

describe('publicIpv6Count', () => {
  test('counts the whole space without the blocks no client on the internet has', () => {
    expect(publicIpv6Count(spans('::/0'))).toBe((1n << 128n) - 2n - (1n << 121n) - (1n << 118n));
    expect(publicIpv6Count(spans('fc00::/6'))).toBe((1n << 122n) - (1n << 121n) - (1n << 118n));
  });

  test('counts overlapping spans once', () => {
    expect(publicIpv6Count(spans('2001:db8::/48', '2001:db8::/32', '2001:db8::1'))).toBe(1n << 96n);
    expect(publicIpv6Count([])).toBe(0n);
  });

  test('leaves out exactly the part of a span that is loopback or unspecified', () => {
    expect(publicIpv6Count(spans('::1'))).toBe(0n);
    expect(publicIpv6Count(spans('::'))).toBe(0n);
    expect(publicIpv6Count(spans('::2'))).toBe(1n);
    expect(publicIpv6Count(spans('::/126'))).toBe(2n);
    // Joined into ::1 to ::3, which holds one of the two.
    expect(publicIpv6Count(spans('::2/127', '::1'))).toBe(2n);
  });
});

describe('describeIpv6Set', () => {
  test('writes each span in full, sorted, adjacent and overlapping spans joined', () => {
    expect(describeIpv6Set(spans('2001:db8::/32'))).toBe('2001:db8:0:0:0:0:0:0-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(describeIpv6Set(spans('2001:db8::2', '::1', '2001:db8::1'))).toBe('0:0:0:0:0:0:0:1-0:0:0:0:0:0:0:1, 2001:db8:0:0:0:0:0:1-2001:db8:0:0:0:0:0:2');
    expect(describeIpv6Set(spans('2001:db8::/120', '2001:db8::5', '2001:db8::100'))).toBe('2001:db8:0:0:0:0:0:0-2001:db8:0:0:0:0:0:100');
    expect(describeIpv6Set(spans('2001:db8::3', '2001:db8::1'))).toBe('2001:db8:0:0:0:0:0:1-2001:db8:0:0:0:0:0:1, 2001:db8:0:0:0:0:0:3-2001:db8:0:0:0:0:0:3');
  });
});
