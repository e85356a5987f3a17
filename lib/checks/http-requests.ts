// The generic HTTP-request block types (A28b-1), a leaf module: graph-urls.ts, administrator-groups.ts and destroyed-objects.ts read it
// when they load, which an import cycle through graph-urls.ts would leave undefined.

/** A block of a generic HTTP-request provider: the requests it sends (each a URL or path argument and the argument of its method), and its provider's base URL. */
export interface HttpRequestType {
  /** Each request: the argument holding its path or URL, and the argument holding its method (none: any write, the provider's choice). */
  readonly requests: readonly (readonly [path: string, method?: string])[];
  /** The provider's argument holding the base URL the paths are relative to; none when the path argument is the whole URL. */
  readonly base?: string;
  /**
   * How the provider joins a path to its base URL: `append` writes the base then the path as text (Mastercard/restapi api_client.go
   * sendRequest, `client.uri + path`: a path "@graph.microsoft.com/..." names another host); `resty` is go-resty's parseRequestURL
   * (magodo/restful's client: an absolute path, with a scheme, is sent as is; any other gets "/" before it, after the base).
   */
  readonly join?: 'append' | 'resty';
  /** The provider's local name (a block's `provider` argument, when unset). */
  readonly provider: string;
  /** The method a lookup sends when its method argument is unset (a read). */
  readonly unset?: string;
  /** The argument holding the body of its first request (create, open). */
  readonly body: string;
}

/**
 * Generic HTTP-request block types, by address prefix (a data source's with "data."), that send whatever request they are given, to
 * Microsoft Graph as to any API (twenty-eighth review, A28b-1). Each from its provider's schema:
 * - Mastercard/restapi `restapi_object`: `path`, `create_path`, `update_path`, `destroy_path`, the provider's `uri`.
 * - magodo/restful (internal/provider/resource.go, operation_resource.go, data_source.go; paths "relative to the `base_url` of the
 *   provider"): `restful_resource` sends `create_method` (POST by default) to `path`, `update_method` to `update_path`, `delete_method`
 *   to `delete_path`; `restful_operation` sends `method` to `path` and `delete_method` to `delete_path`; `data.restful_resource` sends
 *   `method` (GET unless set, newer versions) to `id`; `ephemeral.restful_resource` (ephemeral_resource.go) `method` to `path` at open,
 *   `renew_method` to `renew_path`, `close_method` to `close_path`.
 * - devops-rob/terracurl (docs/resources/request.md, docs/data-sources/request.md, docs/ephemeral-resources/request.md): `terracurl_request`
 *   sends `method` to the whole URL `url` and `destroy_method` to `destroy_url`; its data source `method` to `url`; its ephemeral form
 *   `method` to `url`, `renew_method` to `renew_url`, `close_method` to `close_url`.
 * - hashicorp/http `data.http`: `method` (GET unless set) to the whole URL `url`.
 */
export const HTTP_REQUESTS: { readonly [prefix: string]: HttpRequestType } = {
  'restapi_object': { body: 'data', requests: [['path'], ['create_path'], ['update_path'], ['destroy_path']], base: 'uri', join: 'append', provider: 'restapi' },
  'restful_resource': { body: 'body', requests: [['path', 'create_method'], ['update_path', 'update_method'], ['delete_path', 'delete_method']], base: 'base_url', join: 'resty', provider: 'restful' },
  'restful_operation': { body: 'body', requests: [['path', 'method'], ['delete_path', 'delete_method']], base: 'base_url', join: 'resty', provider: 'restful' },
  'terracurl_request': { body: 'request_body', requests: [['url', 'method'], ['destroy_url', 'destroy_method']], provider: 'terracurl' },
  'data.restful_resource': { body: 'body', requests: [['id', 'method']], base: 'base_url', join: 'resty', provider: 'restful', unset: 'GET' },
  'data.terracurl_request': { body: 'request_body', requests: [['url', 'method']], provider: 'terracurl' },
  'data.http': { body: 'request_body', requests: [['url', 'method']], provider: 'http', unset: 'GET' },
  'ephemeral.restful_resource': { body: 'body', requests: [['path', 'method'], ['renew_path', 'renew_method'], ['close_path', 'close_method']], base: 'base_url', join: 'resty', provider: 'restful' },
  'ephemeral.terracurl_request': { body: 'request_body', requests: [['url', 'method'], ['renew_url', 'renew_method'], ['close_url', 'close_method']], provider: 'terracurl' },
};

/** The resource types of HTTP_REQUESTS (a `removed` block's or a directory writer's type). */
export const HTTP_REQUEST_TYPES: readonly string[] = Object.keys(HTTP_REQUESTS).filter((prefix) => !prefix.includes('.'));

