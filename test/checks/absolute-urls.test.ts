import { mayBeGraph, readUrl, UrlReading } from '../../lib/checks/absolute-urls';
import { afterGraphBase, graphUrl } from '../../lib/checks/graph-urls';

// Twenty-ninth review, A29b-2: a URL's host is read once, as Go's net/url Parse reads it (src/net/url/url.go: parse, parseAuthority,
// parseHost, getScheme), lower case and without its trailing dot; what Go refuses, or a host the checks cannot read, may be any host.

const host = (text: string): string | undefined => {
  const reading: UrlReading = readUrl(text);
  return reading.kind === 'absolute' ? reading.host : reading.kind;
};

describe('readUrl: the host Go sends to', () => {
  test.each([
    ['https://graph.microsoft.com/v1.0', 'graph.microsoft.com'],
    ['HTTPS://GRAPH.Microsoft.COM/v1.0', 'graph.microsoft.com'],
    ['https://x@graph.microsoft.com/v1.0', 'graph.microsoft.com'],
    ['https://user:pa$$@graph.microsoft.com/v1.0', 'graph.microsoft.com'],
    ['https://a@b@graph.microsoft.com/v1.0', 'graph.microsoft.com'],
    ['https://graph.microsoft.com./v1.0', 'graph.microsoft.com'],
    ['https://graph.microsoft.com:443/v1.0', 'graph.microsoft.com'],
    ['https://graph.microsoft.com:0443/v1.0', 'graph.microsoft.com'],
    ['https://graph.microsoft.com:/v1.0', 'graph.microsoft.com'],
    ['https://graph.microsoft.com', 'graph.microsoft.com'],
    ['https://graph.microsoft.com?x=1', 'graph.microsoft.com'],
    ['https://graph.microsoft.com#x', 'graph.microsoft.com'],
    ['  https://graph.microsoft.com/v1.0 \n', 'graph.microsoft.com'],
    ['http://graph.microsoft.com/v1.0', 'graph.microsoft.com'],
    ['https://[::1]:8443/x', '[::1]'],
    // Another host, in the spellings that put a Graph name elsewhere.
    ['https://graph.microsoft.com@api.example.com/v1', 'api.example.com'],
    ['https://graph.microsoft.com.example.com/v1', 'graph.microsoft.com.example.com'],
    ['https://api.example.com/graph.microsoft.com', 'api.example.com'],
    ['https://api.example.com?@graph.microsoft.com', 'api.example.com'],
    ['https://api.example.com#@graph.microsoft.com', 'api.example.com'],
  ])('%s is sent to %s', (text, expected) => {
    expect(host(text)).toBe(expected);
  });

  test.each([
    ['/v1.0/groups'], ['groups/x'], ['https:graph.microsoft.com/v1.0'], ['https:/graph.microsoft.com/v1.0'], ['https:?//graph.microsoft.com'],
  ])('%s names no host', (text) => {
    expect(host(text)).toBe('hostless');
  });

  test.each([
    ['https://graph%2emicrosoft.com/v1.0'], ['https://gr%C3%A4ph.microsoft.com/v1.0'], ['https://ｇｒａｐｈ.microsoft.com/v1.0'],
    ['https://graph.microsoft.com:x/v1.0'], ['https://graph.microsoft.com:44 3/v1.0'], ['https://graph.microsoft.com\\@api.example.com/v1'],
    ['https://x\\y@graph.microsoft.com/v1.0'], ['https://graph .microsoft.com/v1.0'], ['https://graph.microsoft.com/v1.0\u0000'],
    ['https://graph.microsoft.com\t/v1.0'], ['https://[::1/x'],
  ])('%s is refused by Go or not read: it may be any host', (text) => {
    expect(host(text)).toBe('unreadable');
    expect(mayBeGraph(readUrl(text))).toBe(true);
  });

  test('an interpolation in the scheme or the authority leaves the host unknown; in the path it does not', () => {
    const hole = /\u0001\d+\u0002/;
    expect(readUrl('\u00010\u0002/v1.0/groups', hole).kind).toBe('unreadable');
    expect(readUrl('ht\u00010\u0002tps://api.example.com/x', hole).kind).toBe('unreadable');
    expect(readUrl('https:\u00010\u0002/x', hole).kind).toBe('unreadable');
    expect(readUrl('https://\u00010\u0002@api.example.com/x', hole)).toEqual({ kind: 'absolute', scheme: 'https', host: undefined, rest: '/x' });
    expect(readUrl('https://api.example.com\u00010\u0002/x/\u00011\u0002', hole)).toEqual({ kind: 'absolute', scheme: 'https', host: undefined, rest: '/x/\u00011\u0002' });
    expect(readUrl('https://api.example.com/\u00010\u0002/\u00011\u0002', hole)).toEqual({ kind: 'absolute', scheme: 'https', host: 'api.example.com', rest: '/\u00010\u0002/\u00011\u0002' });
  });

  test('mayBeGraph: the Graph hosts of every cloud, in any spelling Go sends there; another host or no host is not', () => {
    for (const text of ['https://graph.microsoft.us/v1.0', 'https://DOD-GRAPH.microsoft.us./v1.0', 'https://u@microsoftgraph.chinacloudapi.cn:443', 'https://graph.microsoft.de']) expect(mayBeGraph(readUrl(text))).toBe(true);
    for (const text of ['https://api.example.com/v1', 'https://graph.microsoft.com@api.example.com', 'https://graph.microsoft.com..', '/v1.0/groups']) expect(mayBeGraph(readUrl(text))).toBe(false);
  });

  test('mayBeGraph (A30b-1): a host under a Graph host (the canary endpoint, any other) and the retired Azure AD Graph hosts are Graph; a look-alike is not', () => {
    for (const text of ['https://canary.graph.microsoft.com/v1.0', 'https://CANARY.graph.microsoft.com./beta', 'https://x.y.graph.microsoft.us', 'https://graph.windows.net/contoso.com/users', 'https://graph.chinacloudapi.cn', 'https://graph.cloudapi.de']) expect(mayBeGraph(readUrl(text))).toBe(true);
    for (const text of ['https://notgraph.microsoft.com/v1.0', 'https://graph.microsoft.com.example.com/v1.0', 'https://canarygraph.microsoft.com', 'https://graph.windows.net.example.com']) expect(mayBeGraph(readUrl(text))).toBe(false);
  });
});

describe('the path after a Graph base', () => {
  test('a Graph base in any spelling Go sends there is read to its path; another host stays as written', () => {
    expect(afterGraphBase('https://x@GRAPH.microsoft.com.:0443/v1.0/groups?a=1')).toBe('/v1.0/groups?a=1');
    expect(afterGraphBase('https://api.example.com/v1.0/groups')).toBe('https://api.example.com/v1.0/groups');
    for (const text of ['https://u@graph.microsoft.com/v1.0/domains/contoso.com/federationConfiguration', 'https://graph.microsoft.com./beta/domains/contoso.com/federationConfiguration']) {
      expect(graphUrl(text).segments.map((segment) => segment.text)).toEqual(['domains', 'contoso.com', 'federationConfiguration']);
    }
  });
});
