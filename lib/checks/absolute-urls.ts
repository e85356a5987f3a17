// The one reader of an absolute URL's host (twenty-ninth review, A29b-2): every check that compares the host a block sends to (a
// REST provider's base URL, a whole request URL, a Graph base before a path) reads it here, never by a pattern of its own. The
// providers are Go programs: the host is the one Go's net/url Parse gives (src/net/url/url.go, parse/parseAuthority/parseHost):
// - a control byte (below 0x20, or 0x7f) anywhere refuses the URL; the fragment is cut at the first "#", the query at the first "?";
// - the scheme ([a-zA-Z][a-zA-Z0-9+.-]*, before the first ":") is case-insensitive; without "//" after it the URL has no host (opaque);
// - the authority runs from "//" to the first "/"; the userinfo is everything before its LAST "@" (so "https://x@graph.microsoft.com"
//   is sent to graph.microsoft.com) and takes only unreserved, sub-delim, ":", "%" and "@" characters;
// - the host is "[<IPv6>]" or a name, then ":" and digits or nothing (":443", ":0443", ":" are ports; ":x" refuses the URL); a name
//   takes letters, digits, "-._~", sub-delims and "<>\"" only (a "\\", a blank refuses it), and a "%" escape only of a non-ASCII byte
//   (or "%25"): "%2e" refuses it.
// DNS and TLS read a host in any case and with one trailing dot (crypto/x509 ignores it), so the host is returned in lower case without
// it. A non-ASCII host is mapped by the HTTP client (IDNA: a full-width letter is its ASCII letter), so it is not read: it may be any host.
// The pack reads the text trimmed of blanks at its ends, as its readers always have (Go refuses a leading blank: no request is sent).

/** How an absolute URL is read. */
export type UrlReading =
  /** A URL with an authority ("<scheme>://<host>"): its host (undefined when known only at apply time) and what is sent after it. */
  | { readonly kind: 'absolute'; readonly scheme: string; readonly host: string | undefined; readonly port?: number; readonly rest: string }
  /** No authority: a path (relative or from the root), or an opaque URL ("https:graph.microsoft.com"). Go sends it to no host of its own. */
  | { readonly kind: 'hostless' }
  /** A URL Go refuses, a non-ASCII host, or a scheme or authority an interpolation may write: it may be any host. */
  | { readonly kind: 'unreadable'; readonly why: string };

/** What stands for an interpolation while a text is read (a character no URL holds as written). */
const HOLE = '\uE000';
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
/** Characters Go's validUserinfo takes (and a hole). */
const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@\uE000]*$/;
/** Characters Go's parseHost takes in a name (unescape in encodeHost mode), ASCII only. */
const HOST_NAME = /^[A-Za-z0-9\-._~!$&'()*+,;=<>"]*$/;

/**
 * An absolute URL as Go's net/url reads it. `hole`, when given, matches the interpolations of a template (each may hold any text): one
 * in the scheme, or the text starting with one, leaves it unreadable; one in the authority leaves the host known only at apply time.
 */
export function readUrl(text: string, hole?: RegExp): UrlReading {
  const marked = hole === undefined ? text : text.replace(new RegExp(hole.source, 'g'), HOLE);
  const trimmed = marked.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return { kind: 'unreadable', why: 'a control character, which Go refuses' };
  if (trimmed.startsWith(HOLE)) return { kind: 'unreadable', why: 'an interpolation where its scheme and host are' };
  const scheme = SCHEME.exec(trimmed);
  const sent = trimmed.split('#')[0];
  if (scheme === null && /^[^/?]*\uE000[^/?]*:/.test(sent)) return { kind: 'unreadable', why: 'an interpolation where its scheme is' };
  // After the scheme (or from the start: a scheme-relative "//host/..." names a host with no scheme, which the HTTP client refuses).
  const afterScheme = scheme === null ? trimmed : trimmed.slice(scheme[0].length);
  const beforeQuery = afterScheme.split('#')[0].split('?')[0];
  if (!beforeQuery.startsWith('//')) {
    // An interpolation where the "//" would be may write one, and a host after it.
    if (/^\/?\uE000/.test(beforeQuery)) return { kind: 'unreadable', why: 'an interpolation where its host may be' };
    return { kind: 'hostless' };
  }
  const authorityEnd = afterScheme.slice(2).search(/[/?#]/);
  const authority = authorityEnd < 0 ? afterScheme.slice(2) : afterScheme.slice(2, 2 + authorityEnd);
  const rest = authorityEnd < 0 ? '' : afterScheme.slice(2 + authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at >= 0 && !USERINFO.test(authority.slice(0, at))) return { kind: 'unreadable', why: 'a userinfo Go refuses' };
  // An interpolation anywhere in the authority may hold "@", "/" or "?" and so name any host.
  const host = authority.includes(HOLE) ? { name: undefined } : readHost(authority.slice(at + 1));
  if (typeof host === 'string') return { kind: 'unreadable', why: host };
  return { kind: 'absolute', scheme: scheme === null ? '' : scheme[1].toLowerCase(), host: host.name, ...(host.port === undefined ? {} : { port: host.port }), rest: restore(rest, text, hole) };
}

/** The host and port of an authority (Go's parseHost), or why Go refuses it or the pack cannot read it. */
function readHost(hostPort: string): { readonly name: string | undefined; readonly port?: number } | string {
  let name = hostPort;
  let port: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.lastIndexOf(']');
    if (close < 0) return 'a "[" host without its "]", which Go refuses';
    name = hostPort.slice(0, close + 1);
    port = hostPort.slice(close + 1);
    if (port !== '' && !/^:\d*$/.test(port)) return `the port "${port}", which Go refuses`;
    return { name: name.toLowerCase(), ...portOf(port) };
  }
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0) {
    port = hostPort.slice(colon);
    if (!/^:\d*$/.test(port)) return `the port "${port}", which Go refuses`;
    name = hostPort.slice(0, colon);
  }
  // Go refuses an escaped ASCII character ("%2e"); it decodes a non-ASCII one, which the HTTP client maps (IDNA) as a raw one.
  if (name.includes('%') || /[^\u0000-\u007f]/.test(name)) return 'a percent-encoded or non-ASCII character in its host, which the checks do not read';
  if (!HOST_NAME.test(name)) return 'a character Go refuses in a host name';
  return { name: name.toLowerCase().replace(/\.$/, ''), ...portOf(port ?? '') };
}

/** A port's number (":0443" is 443), none for "" or ":". */
function portOf(port: string): { readonly port?: number } {
  return port.length > 1 ? { port: Number(port.slice(1)) } : {};
}

/** The rest of the URL with its interpolations as written (the holes put back in order). */
function restore(rest: string, text: string, hole: RegExp | undefined): string {
  if (hole === undefined || !rest.includes(HOLE)) return rest;
  const found = text.match(new RegExp(hole.source, 'g')) ?? [];
  // The rest is the text's end (only blanks trimmed after it): its holes are the last ones.
  let index = found.length - rest.split(HOLE).length + 1;
  return rest.replace(new RegExp(HOLE, 'g'), () => found[index++]);
}

/**
 * The Graph hosts: the global service and the national clouds' (learn.microsoft.com/graph/deployments), and the retired Azure AD Graph
 * hosts of each cloud (a write there, where still served, changes the same directory). Any host under one of them is one too: Graph's
 * canary endpoint (canary.graph.microsoft.com, 30th run, A30b-1) serves the same tenants with the same token, and a list of the
 * names Microsoft serves under these domains would be one the checks cannot keep: a host under a Graph host fails closed.
 */
const GRAPH_HOSTS: readonly string[] = ['graph.microsoft.com', 'graph.microsoft.us', 'graph.microsoft.de', 'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn', 'graph.windows.net', 'graph.chinacloudapi.cn', 'graph.cloudapi.de'];

/** Whether a host (read by readUrl: lower case, no trailing dot) is a Graph host or one under it. */
function isGraphHost(host: string): boolean {
  return GRAPH_HOSTS.some((graph) => host === graph || host.endsWith(`.${graph}`));
}

/** Whether a read URL may send to Microsoft Graph: a Graph host (any scheme, any port: fail closed), one known only later, or unreadable. */
export function mayBeGraph(reading: UrlReading): boolean {
  if (reading.kind === 'hostless') return false;
  return reading.kind === 'unreadable' || reading.host === undefined || isGraphHost(reading.host);
}
