// The generic HTTP-request block types (A28b-1), a leaf module: graph-urls.ts, administrator-groups.ts and destroyed-objects.ts read it
// when they load, which an import cycle through graph-urls.ts would leave undefined.

/** A block of a generic HTTP-request provider: the requests it sends (each a URL or path argument and the argument of its method), and its provider's base URL. */
export interface HttpRequestType {
  /**
   * Each request: the argument holding its path or URL, the argument holding its method (none: any write, the provider's choice), and
   * `delete` on the request the provider sends when the block is destroyed or closed (its delete: graph-write-targets.ts judges it), or
   * `read` on its read request (sent at every refresh: a GET unless its method argument sets another, which writes as any request does),
   * and the arguments holding the body it sends (the first set; graph-urls.ts graphWrites reads it as the body of that request).
   */
  readonly requests: readonly (readonly [path: string, method?: string, kind?: 'delete' | 'read', body?: readonly string[]])[];
  /**
   * The arguments naming the object the block makes (its create and read paths), and the ID the provider appends to one in its delete
   * path: a delete of that object deletes nothing another reader misses (graph-write-targets.ts). None for a block that makes none.
   */
  readonly own?: {
    readonly paths: readonly string[];
    /**
     * The create method when neither the block nor its provider block sets it (restapi's and restful's provider `create_method`,
     * "Defaults to `POST`"): the block makes an object of its own only when its create is a POST (graph-urls.ts ownObjectPaths).
     */
    readonly method?: string;
    readonly id?: string;
    /**
     * Arguments that set the ID to any object, one the block may not make: set, the ID is not the block's own. restapi's `object_id`;
     * restful_resource's `post_create_read` ("for overriding the `$(body)` used for `read_path`"), `create_selector`, and `read_selector`
     * and `read_response_template`, which shape the body read back that `$(body.id)` in its update and delete paths reads (docs/resources/resource.md).
     */
    readonly setBy?: readonly string[];
    /** The argument naming the key of the body that sets the ID when the body holds it, and the key when unset (restapi's `id_attribute`, "id"). */
    readonly attribute?: readonly [argument: string, unset: string];
  };
  /**
   * Where its delete request goes when that request's path is unset: the first of these arguments set (restful_resource: "The `id` is
   * used instead", its `read_path` or else its `path`), with the ID appended (`appendId`: restapi's "Defaults to `path/{id}`"); and
   * whether it is sent only when its method argument is set (restful_operation: "If this is not specified, no `Delete` call will occur").
   */
  readonly destroy?: { readonly fallback: readonly string[]; readonly onlyWithMethod?: true; readonly appendId?: true };
  /**
   * Where each other request goes when its path argument (the key) is unset: the first of `fallback` set, with the ID appended as
   * restapi appends it (`appendId`). Every request its provider sends by default is here (39th run, A39c-1, A39c-2):
   * - restful_resource's update: "The `id` is used instead if `update_path` is absent" (docs/resources/resource.md; resource.go Update
   *   sends to `plan.ID`), the `id` being its `read_path` expanded, else its `path` (resource.go Create: `resourceId` is `path` unless
   *   `read_path` is set). Its read is a GET to the same ID: no write.
   * - restapi_object's update and read: `update_path` and `read_path` "Default to `path/{id}`" (internal/apiclient/object.go
   *   NewAPIObject: `appendIdToPath(opts.Path)`, which leaves a path holding "{id}" as it is and puts "/{id}" before a query).
   */
  readonly defaults?: { readonly [argument: string]: { readonly fallback: readonly string[]; readonly appendId?: true } };
  /**
   * The method each method argument sends when neither the block nor its provider block sets it, from the provider's schema: restful's
   * provider `update_method` "Defaults to `PUT`", `delete_method` DELETE (magodo/restful internal/provider/provider.go Configure);
   * restapi's provider `read_method` GET, `update_method` PUT, `destroy_method` DELETE (Mastercard/restapi internal/apiclient/client.go
   * NewAPIClient). Their create's POST is left out: an unset create method is read as any (the readers' verdicts on it fail closed).
   */
  readonly methods?: { readonly [argument: string]: string };
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
  /**
   * Every other argument holding a body one of its requests sends (update, read, delete, renew, close), or a part the provider merges
   * into one (restful's `ephemeral_body`), each from its provider's schema: the readers of bodies read these, never a name pattern.
   */
  readonly bodies?: readonly string[];
  /**
   * The argument holding restful's `update_body_patches` (resource.go Update): a list of `{path, raw_json}` (or `removed`) that the
   * provider sets into the body of every update request (sjson, the path in gjson syntax, "" the whole body), after `body`.
   */
  readonly patches?: string;
}

/**
 * Generic HTTP-request block types, by address prefix (a data source's with "data."), that send whatever request they are given, to
 * Microsoft Graph as to any API (twenty-eighth review, A28b-1). Each from its provider's schema:
 * - Mastercard/restapi `restapi_object` (docs/resources/object.md): `path` and `create_path` (sent `create_method`), `update_path`
 *   (`update_method`), `read_path` (`read_method`, the provider's, GET, when unset), `destroy_path` (`destroy_method`; each the provider's, POST, PUT and DELETE, when unset), the provider's `uri`; `read_path`, `update_path` and `destroy_path` default to `path/{id}`, "The
 *   string `{id}` will be replaced with the terraform ID of the object": the one the create returned, unless `object_id` sets it or the
 *   `data` holds its `id_attribute` ("id" unless the provider sets another; docs/index.md).
 * - magodo/restful (internal/provider/resource.go, operation_resource.go, data_source.go; paths "relative to the `base_url` of the
 *   provider"): `restful_resource` sends `create_method` (POST by default) to `path`, `update_method` to `update_path`, `delete_method`
 *   to `delete_path`; `restful_operation` sends `method` to `path` and `delete_method` to `delete_path`; `data.restful_resource` sends
 *   `method` (GET unless set, newer versions) to `id`; `ephemeral.restful_resource` (ephemeral_resource.go) `method` to `path` at open,
 *   `renew_method` to `renew_path`, `close_method` to `close_path`.
 * - devops-rob/terracurl (docs/resources/request.md, docs/data-sources/request.md, docs/ephemeral-resources/request.md): `terracurl_request`
 *   sends `method` to the whole URL `url`, `read_method` to `read_url` (its read: "HTTP method for reading resource state", at every
 *   refresh unless `skip_read`, read as sent) and `destroy_method` to `destroy_url` (as written: it appends no ID); its data source `method` to `url`; its ephemeral form
 *   `method` to `url`, `renew_method` to `renew_url`, `close_method` to `close_url`.
 * - hashicorp/http `data.http`: `method` (GET unless set) to the whole URL `url`.
 * Their other bodies (`bodies`, `patches`; 30th run, A30a-4), from the same schemas: restapi_object's `update_data`, `destroy_data` and
 * `read_data` ("Valid JSON object to pass during ... requests"); restful_resource's `ephemeral_body` ("merge-patched to the `body`"),
 * `delete_body`, `delete_body_raw` and `update_body_patches`; restful_operation's `ephemeral_body` and `delete_body`; the ephemeral
 * restful_resource's `renew_body`, `renew_body_raw`, `close_body`, `close_body_raw`; terracurl_request's `destroy_request_body` and
 * `read_request_body`, its ephemeral form's `renew_request_body` and `close_request_body`. No other argument of these types adds to
 * a body (restful's `merge_patch_disabled` and `write_only_attrs`, restapi's `ignore_changes_to` change what is compared, not sent).
 */
export const HTTP_REQUESTS: { readonly [prefix: string]: HttpRequestType } = {
  'restapi_object': { body: 'data', bodies: ['update_data', 'destroy_data', 'read_data'], requests: [['path', 'create_method', undefined, ['data']], ['create_path', 'create_method', undefined, ['data']], ['update_path', 'update_method', undefined, ['update_data', 'data']], ['read_path', 'read_method', 'read', ['read_data']], ['destroy_path', 'destroy_method', 'delete', ['destroy_data']]], base: 'uri', join: 'append', provider: 'restapi', own: { paths: ['path', 'create_path'], method: 'POST', id: '{id}', setBy: ['object_id'], attribute: ['id_attribute', 'id'] }, destroy: { fallback: ['path'], appendId: true }, defaults: { update_path: { fallback: ['path'], appendId: true }, read_path: { fallback: ['path'], appendId: true } }, methods: { read_method: 'GET', update_method: 'PUT', destroy_method: 'DELETE' } },
  'restful_resource': { body: 'body', bodies: ['ephemeral_body', 'delete_body', 'delete_body_raw'], patches: 'update_body_patches', requests: [['path', 'create_method', undefined, ['body']], ['update_path', 'update_method', undefined, ['body']], ['delete_path', 'delete_method', 'delete', ['delete_body', 'delete_body_raw']]], base: 'base_url', join: 'resty', provider: 'restful', own: { paths: ['path'], method: 'POST', id: '$(body.id)', setBy: ['post_create_read', 'create_selector', 'read_selector', 'read_response_template'] }, destroy: { fallback: ['read_path', 'path'] }, defaults: { update_path: { fallback: ['read_path', 'path'] } }, methods: { update_method: 'PUT', delete_method: 'DELETE' } },
  'restful_operation': { body: 'body', bodies: ['ephemeral_body', 'delete_body'], requests: [['path', 'method', undefined, ['body']], ['delete_path', 'delete_method', 'delete', ['delete_body']]], base: 'base_url', join: 'resty', provider: 'restful', own: { paths: ['path'], id: '$(body.id)' }, destroy: { fallback: ['path'], onlyWithMethod: true } },
  'terracurl_request': { body: 'request_body', bodies: ['destroy_request_body', 'read_request_body'], requests: [['url', 'method', undefined, ['request_body']], ['read_url', 'read_method', 'read', ['read_request_body']], ['destroy_url', 'destroy_method', 'delete', ['destroy_request_body']]], provider: 'terracurl', own: { paths: ['url'] } },
  'data.restful_resource': { body: 'body', requests: [['id', 'method', undefined, ['body']]], base: 'base_url', join: 'resty', provider: 'restful', unset: 'GET' },
  'data.terracurl_request': { body: 'request_body', requests: [['url', 'method', undefined, ['request_body']]], provider: 'terracurl' },
  'data.http': { body: 'request_body', requests: [['url', 'method', undefined, ['request_body']]], provider: 'http', unset: 'GET' },
  'ephemeral.restful_resource': { body: 'body', bodies: ['renew_body', 'renew_body_raw', 'close_body', 'close_body_raw'], requests: [['path', 'method', undefined, ['body']], ['renew_path', 'renew_method', undefined, ['renew_body', 'renew_body_raw']], ['close_path', 'close_method', 'delete', ['close_body', 'close_body_raw']]], base: 'base_url', join: 'resty', provider: 'restful', own: { paths: ['path'], id: '$(body.id)' } },
  'ephemeral.terracurl_request': { body: 'request_body', bodies: ['renew_request_body', 'close_request_body'], requests: [['url', 'method', undefined, ['request_body']], ['renew_url', 'renew_method', undefined, ['renew_request_body']], ['close_url', 'close_method', 'delete', ['close_request_body']]], provider: 'terracurl', own: { paths: ['url'] } },
};

/** The resource types of HTTP_REQUESTS (a `removed` block's or a directory writer's type). */
export const HTTP_REQUEST_TYPES: readonly string[] = Object.keys(HTTP_REQUESTS).filter((prefix) => !prefix.includes('.'));

/**
 * The one list of the types whose requests graph-urls.ts reads (graphWrites): the msgraph and restapi types and the generic
 * HTTP-request resource types. Every reader of Graph or REST writes reads these, the power reader (administrator-powers.ts) among
 * them: a grant path the unread-writes rule treats as known (graph-write-targets.ts) is judged there for each of them.
 */
export const REQUEST_WRITER = new RegExp(`^(?:msgraph_|restapi_|${HTTP_REQUEST_TYPES.join('$|')}$)`);

