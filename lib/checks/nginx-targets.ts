// Where an NGINX configuration forwards (twentieth review, A20b-1): the targets of its forwarding directives, read from the
// text, not only searched for the server's spellings. A target written with variables is read through the `set` and `map`
// directives that give them literal values (each value a target); any other variable (the client's SNI, a header, a capture,
// `geo`, `split_clients`, a script) is chosen at run time: a forward to anywhere the deployment's network reaches. An
// `include` of a file the configuration does not write is text the pack cannot read, so it is the same.

/** A target of a forwarding directive: its host (a name or an address as written), or why nginx chooses it at run time. */
export type NginxTarget = { readonly host: string } | { readonly runtime: string };

/** Directives whose first argument is the upstream a request or a connection is sent to (http and stream contexts). */
const PASS_DIRECTIVES: readonly string[] = ['proxy_pass', 'grpc_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'memcached_pass'];
/** Directives that define a variable other than by a literal (`set`, `map` are read): which argument is the variable. */
const RUNTIME_DEFINERS: { readonly [name: string]: (args: readonly string[]) => string | undefined } = {
  geo: (args) => args[args.length - 1], split_clients: (args) => args[1], js_set: (args) => args[0], perl_set: (args) => args[0],
  auth_request_set: (args) => args[0], auth_jwt_claim_set: (args) => args[0], auth_jwt_header_set: (args) => args[0], js_var: (args) => args[0],
};
/** Directives that run a script, which may assign any variable a `set` declared (njs `s.variables.x = ...`): no value is literal then. */
const SCRIPTS = /^(?:js_|perl)/;
/** Files every NGINX installation (NGINXaaS too) ships, which hold parameters, not forwards. */
const STOCK_INCLUDES = /(?:^|\/)(?:mime\.types|fastcgi_params|fastcgi\.conf|uwsgi_params|scgi_params|koi-utf|koi-win|win-utf)$/;
/** How many readings of one target are listed before it is read as chosen at run time. */
const MAX_READINGS = 64;
/** How deep variables given by other variables are followed. */
const MAX_DEPTH = 4;

interface Directive {
  readonly name: string;
  readonly args: readonly string[];
  /** The name of the block it is in (`upstream`, `map`...), undefined at the top. */
  readonly parent: string | undefined;
  /** The directives of its own block, when it opens one. */
  readonly block?: readonly Directive[];
}

/** The words of a configuration: quoted strings unquoted, `;`, `{`, `}` as themselves (but in `${name}`), comments left out. Control characters (a tar's) separate words. */
function words(text: string): string[] {
  const found: string[] = [];
  const pattern = /#[^\n]*|"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|([;{}])|((?:\\.|\$\{\w*\}|[^\s\x00-\x1f;{}"'#])(?:\\.|\$\{\w*\}|[^\s\x00-\x1f;{}"'])*)/g;
  for (const match of text.matchAll(pattern)) {
    const word = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (word !== undefined) found.push(word);
  }
  return found;
}

/** The directives of a configuration, nested by block. An unbalanced `}` ends the block it closes; what is left open ends with the text. */
function directives(text: string): Directive[] {
  const all = words(text);
  let at = 0;
  const read = (parent: string | undefined): Directive[] => {
    const list: Directive[] = [];
    let current: string[] = [];
    while (at < all.length) {
      const word = all[at++];
      if (word === ';') {
        if (current.length > 0) list.push({ name: current[0].toLowerCase(), args: current.slice(1), parent });
        current = [];
      } else if (word === '{') {
        const name = (current[0] ?? '').toLowerCase();
        list.push({ name, args: current.slice(1), parent, block: read(name) });
        current = [];
      } else if (word === '}') {
        break;
      } else {
        current.push(word);
      }
    }
    if (current.length > 0) list.push({ name: current[0].toLowerCase(), args: current.slice(1), parent });
    return list;
  };
  const top: Directive[] = [];
  while (at < all.length) top.push(...read(undefined));
  return top;
}

/** Every directive of a list and of the blocks in it. */
function flattened(list: readonly Directive[]): Directive[] {
  return list.flatMap((directive) => [directive, ...flattened(directive.block ?? [])]);
}

/** The names of the variables a text uses (`$name`, `${name}`), in order. */
function variablesIn(text: string): string[] {
  return [...text.matchAll(/\$(?:\{(\w+)\}|(\w+))/g)].map((match) => (match[1] ?? match[2]).toLowerCase());
}

/**
 * The host a forwarding argument names (a scheme, a port, a path left out), or undefined for a local socket (`unix:`) and an
 * empty host; an upstream of the configuration is not a host (its servers are targets).
 */
function hostOf(argument: string): string | undefined {
  let rest = argument.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  if (/^unix:/i.test(rest)) return undefined;
  rest = rest.split(/[/?]/)[0];
  const bracketed = /^\[([^\]]*)\]/.exec(rest);
  if (bracketed !== null) return bracketed[1];
  const host = (rest.match(/:/g) ?? []).length === 1 ? rest.slice(0, rest.indexOf(':')) : rest;
  return host === '' ? undefined : host;
}

/**
 * The part of a forwarding argument that names where it connects: the scheme and the path left out, and what follows a variable
 * that holds the request's path (it begins with `/`), so `http://backend$request_uri` reads as `backend`.
 */
function hostPart(argument: string): string {
  const rest = argument.trim().replace(/^(?:[a-z][a-z0-9+.-]*|\$\{?scheme\}?):\/\//i, '');
  return rest.split(/[/?]|\$(?:\{(?:request_uri|uri|document_uri)\}|(?:request_uri|uri|document_uri)(?!\w))/i)[0];
}

/** True when a glob of an `include` may name a path (`*` and `?` any characters, a class any character). */
function globMatches(glob: string, path: string): boolean {
  const pattern = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.').replace(/\[!/g, '[^');
  try {
    return new RegExp(`^${pattern}$`).test(path);
  } catch {
    return true;
  }
}

/**
 * The targets of a configuration's texts (all its files, read together: nginx runs what they hold). `paths`: the files the
 * configuration writes (absolute, as uploaded), or undefined when they cannot all be read (a package, a path known later):
 * then any include may be one of them.
 */
export function nginxTargets(texts: readonly string[], paths: readonly string[] | undefined): NginxTarget[] {
  const all = texts.flatMap((text) => flattened(directives(text)));
  const upstreams = new Set(all.filter((directive) => directive.name === 'upstream' && directive.block !== undefined).map((directive) => (directive.args[0] ?? '').toLowerCase()));
  // The literal values each variable may take, and the variables something other than a literal gives.
  const values = new Map<string, string[]>();
  const runtime = new Set<string>(texts.flatMap((text) => [...text.matchAll(/\(\?P?<(\w+)>/g)].map((match) => match[1].toLowerCase())));
  const give = (name: string | undefined, value: string) => {
    const variable = name === undefined ? undefined : variablesIn(name)[0];
    if (variable !== undefined) values.set(variable, [...(values.get(variable) ?? []), value]);
  };
  for (const directive of all) {
    if (directive.name === 'set' && directive.args.length >= 2) give(directive.args[0], directive.args[1]);
    if (directive.name === 'map' && directive.block !== undefined) {
      const entries = directive.block.filter((entry) => !['hostnames', 'volatile'].includes(entry.name));
      if (entries.some((entry) => entry.name === 'include')) runtime.add(variablesIn(directive.args[1] ?? '')[0] ?? '');
      for (const entry of entries) if (entry.name !== 'include') give(directive.args[1], entry.args[entry.args.length - 1] ?? '');
      if (!entries.some((entry) => entry.name === 'default')) give(directive.args[1], '');
    }
    const definer = Object.prototype.hasOwnProperty.call(RUNTIME_DEFINERS, directive.name) ? RUNTIME_DEFINERS[directive.name] : undefined;
    const defined = definer === undefined ? undefined : variablesIn(definer(directive.args) ?? '')[0];
    if (defined !== undefined) runtime.add(defined);
  }

  const scripted = all.some((directive) => SCRIPTS.test(directive.name));

  /** Each text a value may be with its variables replaced by their literal values, or undefined when one is chosen at run time. */
  const readings = (text: string, depth: number): string[] | undefined => {
    const used = variablesIn(text);
    if (used.length === 0) return [text];
    const name = used[0];
    if (depth >= MAX_DEPTH || scripted || runtime.has(name) || !values.has(name)) return undefined;
    const found: string[] = [];
    for (const value of values.get(name)!) {
      const replaced = text.replace(new RegExp(`\\$(?:\\{${name}\\}|${name}(?!\\w))`, 'gi'), () => value);
      const further = readings(replaced, depth + 1);
      if (further === undefined) return undefined;
      found.push(...further);
      if (found.length > MAX_READINGS) return undefined;
    }
    return found;
  };

  const targets: NginxTarget[] = [];
  for (const directive of all) {
    const upstreamServer = directive.name === 'server' && directive.parent === 'upstream' && directive.block === undefined;
    if (PASS_DIRECTIVES.includes(directive.name) || upstreamServer) {
      const argument = directive.args[0] ?? '';
      const read = readings(hostPart(argument), 0);
      if (read === undefined) {
        targets.push({ runtime: `${directive.name} ${argument}` });
        continue;
      }
      for (const each of read) {
        const host = hostOf(each);
        if (host !== undefined && !(PASS_DIRECTIVES.includes(directive.name) && upstreams.has(host.toLowerCase()))) targets.push({ host });
      }
    }
    if (directive.name === 'include' && directive.parent !== 'map') {
      const file = directive.args[0] ?? '';
      const absolute = file.startsWith('/') ? file : `/etc/nginx/${file}`;
      if (!STOCK_INCLUDES.test(absolute) && paths !== undefined && !paths.some((path) => globMatches(absolute, path))) {
        targets.push({ runtime: `include ${file} (a file the configuration does not write)` });
      }
    }
  }
  return targets;
}
