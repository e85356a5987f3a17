// parseIpv6Prefix on forms the first ipv6 tests left open: "::" twice where the first two halves
// already hold eight groups (refused only by the count of "::"), and prefix lengths Number() reads
// but that are no decimal digits.
import { parseIpv6Prefix } from '../../../../lib/private/ipv6';

test.each(['1:2:3:4::5:6:7:8::9', '1:2:3:4::5:6:7:8::'])('refuses "::" written twice, even around eight groups: %p', (text) => {
  expect(parseIpv6Prefix(text)).toBeUndefined();
});

test.each(['::/+12', '::/1e2', '::/0x10', '::/12 0'])('refuses a prefix length that is not decimal digits alone: %p', (text) => {
  expect(parseIpv6Prefix(text)).toBeUndefined();
});
