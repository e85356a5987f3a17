import { nginxTargets } from '../../lib/checks/nginx-targets';

// The targets of an NGINX configuration (A20b-1): what its forwarding directives send to, with variables read through the
// `set` and `map` directives that give them literal values; any other variable is chosen at run time.

const hosts = (text: string, paths?: string[]) => nginxTargets([text], paths).map((target) => ('host' in target ? target.host : `RUNTIME ${target.runtime}`));

describe('nginxTargets', () => {
  test('reads the host of every forwarding directive, in the stream and http contexts, with and without a scheme and a port', () => {
    expect(hosts('stream { server { listen 5432; proxy_pass 10.0.1.4:5432; } }')).toEqual(['10.0.1.4']);
    expect(hosts('http { server { location / { proxy_pass https://db.example.com:8443/x?y; } location /g { grpc_pass grpcs://[::1]:50051; } } }')).toEqual(['db.example.com', '::1']);
    expect(hosts('fastcgi_pass 10.0.0.1:9000; uwsgi_pass suwsgi://u.example:1; scgi_pass "s.example:4000"; memcached_pass m.example:11211; proxy_pass unix:/tmp/s.sock;'))
      .toEqual(['10.0.0.1', 'u.example', 's.example', 'm.example']);
  });

  test('an upstream\'s servers are targets; its name is not a host', () => {
    expect(hosts('upstream pg { server 10.0.1.4:5432 weight=2; server db.example.com:5432 backup; } server { proxy_pass pg; }')).toEqual(['10.0.1.4', 'db.example.com']);
  });

  test('a variable given literal values by set or map is read as each value; a map without a default adds none', () => {
    expect(hosts('set $h orders-db.postgres.database; proxy_pass $h.azure.com:5432;')).toEqual(['orders-db.postgres.database.azure.com']);
    expect(hosts('set $a 10.0.2.4; if ($x) { set $a 10.0.1.4; } proxy_pass http://${a}:80;')).toEqual(['10.0.2.4', '10.0.1.4']);
    expect(hosts('map $ssl_preread_server_name $b { hostnames; default 10.0.2.4; db.example 10.0.1.4; } server { proxy_pass $b:5432; }')).toEqual(['10.0.2.4', '10.0.1.4']);
    expect(hosts('map $ssl_preread_server_name $b { a.example 10.0.2.4; } server { proxy_pass $b:5432; }')).toEqual(['10.0.2.4']);
    expect(hosts('set $p 10.0.2.4; set $q $p; proxy_pass $q:5432;')).toEqual(['10.0.2.4']);
    // Variables of the request's path come after the host: they choose no upstream.
    expect(hosts('proxy_pass http://backend.example$request_uri; proxy_pass $scheme://b.example${uri}$is_args$args; proxy_pass http://c.example/$http_x;')).toEqual(['backend.example', 'b.example', 'c.example']);
  });

  test.each([
    ['the client\'s SNI', 'proxy_pass $ssl_preread_server_name:5432;'],
    ['a request header', 'location / { proxy_pass http://$http_x_target; }'],
    ['a query argument', 'grpc_pass grpc://$arg_h:5432;'],
    ['the Host header', 'fastcgi_pass $host:9000;'],
    ['a regex capture', 'location ~ ^/(.+)$ { proxy_pass http://$1; }'],
    ['a named capture', 'server { server_name ~^(?<target>.+)\\.example$; location / { uwsgi_pass $target:1; } }'],
    ['a map of a variable', 'map $ssl_preread_server_name $b { default $ssl_preread_server_name; } proxy_pass $b:5432;'],
    ['a map that includes a file', 'map $x $b { include /etc/nginx/m.map; } proxy_pass $b:5432;'],
    ['geo', 'geo $b { default 10.0.2.4; } proxy_pass $b:5432;'],
    ['split_clients', 'split_clients "$remote_addr" $b { 50% 10.0.2.4; * 10.0.2.5; } proxy_pass $b:5432;'],
    ['a script', 'js_set $b main.target; scgi_pass $b:4000;'],
    ['set from a variable', 'set $b $http_x; memcached_pass $b:11211;'],
    ['a variable a script may assign', 'js_import main.js; set $b 10.0.2.4; js_preread main.pick; proxy_pass $b:5432;'],
    ['js_var', 'js_var $b 10.0.2.4; proxy_pass $b:5432;'],
    ['a variable never set', 'proxy_pass $upstream_addr:5432;'],
    ['an upstream server', 'upstream u { server $x:5432; }'],
  ])('a target chosen at run time (%s) is read as such', (_, text) => {
    expect(hosts(text)[0]).toMatch(/^RUNTIME /);
  });

  test('an include of a file the configuration does not write is text the pack cannot read; stock files, written ones and globs over them are read', () => {
    expect(hosts('include /etc/nginx/site.conf;', ['/etc/nginx/nginx.conf'])).toEqual(['RUNTIME include /etc/nginx/site.conf (a file the configuration does not write)']);
    expect(hosts('include conf.d/*.conf;', ['/etc/nginx/nginx.conf'])).toHaveLength(1);
    expect(hosts('include mime.types; include /etc/nginx/fastcgi_params; include site.conf; include conf.d/*.conf;', ['/etc/nginx/nginx.conf', '/etc/nginx/site.conf', '/etc/nginx/conf.d/a.conf'])).toEqual([]);
    // A package's (or a path known later) files: any include may be one of them.
    expect(hosts('include /etc/nginx/site.conf;', undefined)).toEqual([]);
  });

  test('comments, quotes and a tar\'s control characters do not hide a directive', () => {
    expect(hosts('# proxy_pass 10.0.9.9;\nproxy_pass "10.0.1.4:5432"; # x')).toEqual(['10.0.1.4']);
    expect(hosts('nginx.conf\u0000\u0000\u00000000644\u0000stream { server { proxy_pass 10.0.1.4:5432; } }\u0000\u0000')).toEqual(['10.0.1.4']);
  });
});
