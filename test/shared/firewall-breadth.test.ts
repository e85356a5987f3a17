import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { FirewallRange, FlexibleServerNetwork, SecureFlexibleServer, SecureSingleServer, SingleServerNetwork } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { minimalProps, minimalSingleProps, newStack as bareStack, resourcesOf, synthStack, warningsOf } from '../helpers';

/** A stack with the azurerm provider, so that synth with validations runs the rule pack alone. */
function newStack(): TerraformStack {
  const stack = bareStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

// Firewall ranges are judged by what they open: together at most 256 addresses (a /24) unless
// wideRanges states why more, and public addresses only. Flexible and Single Server alike.

const REASON = 'SEC-482: partner ETL egress range, review 2026-09';
const PARTNER: FirewallRange = { name: 'partner', startIpAddress: '198.51.100.0', endIpAddress: '198.51.101.255' }; // a /23
const OFFICE: FirewallRange = { name: 'office', startIpAddress: '203.0.113.0', endIpAddress: '203.0.113.255' }; // a /24

const flexible = (allowedIpRanges: FirewallRange[], wideRanges?: { justification: string }) =>
  minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges, wideRanges, justification: REASON }) });
const single = (allowedIpRanges: FirewallRange[], wideRanges?: { justification: string }) =>
  minimalSingleProps({ network: SingleServerNetwork.publicAccess({ allowedIpRanges, wideRanges, justification: REASON }) });

describe.each([
  ['SecureFlexibleServer', 'PGF-NET-8', (stack: TerraformStack, ranges: FirewallRange[], wide?: { justification: string }) => new SecureFlexibleServer(stack, 'Postgres', flexible(ranges, wide))],
  ['SecureSingleServer', 'PGS-NET-5', (stack: TerraformStack, ranges: FirewallRange[], wide?: { justification: string }) => new SecureSingleServer(stack, 'Legacy', single(ranges, wide))],
] as const)('%s', (_, ruleId, make) => {
  test('256 addresses need no statement', () => {
    const stack = newStack();
    make(stack, [OFFICE]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(warningsOf(stack).filter((w) => w.includes('WideFirewallRanges'))).toEqual([]);
  });

  test('overlapping ranges count once', () => {
    const stack = newStack();
    make(stack, [OFFICE, { name: 'office-copy', startIpAddress: '203.0.113.0', endIpAddress: '203.0.113.127' }]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('more than 256 addresses without wideRanges are refused, counting every range', () => {
    expect(() => make(newStack(), [OFFICE, { name: 'home', startIpAddress: '192.0.2.7', endIpAddress: '192.0.2.7' }])).toThrow(
      'Invalid network.publicAccess.allowedIpRanges: ["203.0.113.0-203.0.113.255","192.0.2.7-192.0.2.7"] open 257 addresses together (overlaps counted once), more than the 256 (a /24) the library allows unstated. ' +
        'Fix: narrow them to the addresses your clients connect from, or state the need with network.publicAccess.wideRanges: { justification }.',
    );
  });

  test('two ranges that share the internet between them are refused', () => {
    expect(() => make(newStack(), [{ name: 'low', startIpAddress: '1.0.0.0', endIpAddress: '9.255.255.255' }, { name: 'high', startIpAddress: '11.0.0.0', endIpAddress: '99.255.255.255' }])).toThrow(/open 1644167168 addresses together/);
  });

  test('with wideRanges and a justification, wide ranges synthesize; the rule shows as suppressed with the reason', () => {
    const stack = newStack();
    make(stack, [PARTNER], { justification: REASON });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const json = synthStack(stack);
    const ranges = Object.values(json.resource).flatMap((byName) => Object.values(byName)).filter((r) => r.start_ip_address === '198.51.100.0');
    expect(ranges).toEqual([expect.objectContaining({ end_ip_address: '198.51.101.255' })]);
    const findings = evaluateStack(stack.toTerraform(), ALL_RULES).findings.filter((f) => f.ruleId === ruleId);
    expect(findings).toEqual([expect.objectContaining({ status: 'suppressed', reason: REASON })]);
  });

  test('with wideRanges, a warning with a stable id carries the count and the justification', () => {
    const stack = newStack();
    make(stack, [PARTNER], { justification: REASON });
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:WideFirewallRanges] The firewall rules open 512 addresses together, more than 256 (a /24). Justification: "${REASON}".`);
  });

  test('wideRanges without a justification is refused', () => {
    expect(() => make(newStack(), [PARTNER], { justification: 'wide' })).toThrow(
      'Invalid network.publicAccess.wideRanges.justification: "wide" is too short to justify the choice to open more than 256 addresses through the firewall. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
    );
  });

  test('a private range is refused, naming the block and the way to private access', () => {
    expect(() => make(newStack(), [{ name: 'lan', startIpAddress: '172.16.4.1', endIpAddress: '172.16.4.50' }])).toThrow(
      'Invalid network.publicAccess.allowedIpRanges[0]: "172.16.4.1-172.16.4.50" overlaps 172.16.0.0/12 (private, RFC 1918), which no client reaches a public endpoint from. Fix: list the public addresses your clients connect from; for clients in a private network use VNet integration or a private endpoint.',
    );
  });

  test.each([
    ['carrier-grade NAT', '100.64.0.1', '100.64.0.1', '100.64.0.0/10'],
    ['loopback', '127.0.0.1', '127.0.0.1', '127.0.0.0/8'],
    ['link-local', '169.254.1.1', '169.254.1.1', '169.254.0.0/16'],
    ['multicast', '239.1.1.1', '239.1.1.1', '224.0.0.0/4'],
    ['reserved', '250.0.0.1', '250.0.0.1', '240.0.0.0/4'],
    ['"this network"', '0.0.0.1', '0.0.0.1', '0.0.0.0/8'],
    ['a public range reaching into 10/8', '9.255.255.250', '10.0.0.1', '10.0.0.0/8'],
  ])('%s is refused', (__, start, end, block) => {
    expect(() => make(newStack(), [{ name: 'r', startIpAddress: start, endIpAddress: end }])).toThrow(`overlaps ${block}`);
  });

  test('the documentation ranges (TEST-NET) are public enough for examples', () => {
    const stack = newStack();
    make(stack, [{ name: 'docs', startIpAddress: '192.0.2.1', endIpAddress: '192.0.2.9' }]);
    expect(resourcesOf(synthStack(stack), 'azurerm_postgresql_flexible_server_firewall_rule').length + resourcesOf(synthStack(stack), 'azurerm_postgresql_firewall_rule').length).toBe(1);
  });

  test('an override that widens a rule past 256 addresses fails synth', () => {
    const stack = newStack();
    make(stack, [OFFICE]);
    const rule = stack.node.findAll().find((c) => c.node.id === 'FirewallRule-office') as unknown as { addOverride(path: string, value: unknown): void };
    rule.addOverride('end_ip_address', '203.0.114.255');
    expect(() => Testing.synth(stack, true)).toThrow(new RegExp(`${ruleId} the firewall rules open 512 addresses together`));
  });
});

test('the "allow Azure services" rule is not counted', () => {
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], allowAzureServices: true, justification: REASON }) }));
  expect(() => Testing.synth(stack, true)).not.toThrow();
});
