// The inferred resource model: what the engine (and the contract flows) know about an API's resources from its spec.

/**
 * What an operation does to its resource.
 * - `create`, `list`: POST / GET on a collection path (`/pets`);
 * - `read`, `replace`, `update`, `delete`: GET / PUT / PATCH / DELETE on an item path (`/pets/{id}`);
 * - `singleton-*`: a path without an id that holds one document (`/orgs/{org}/settings`), POST creating it;
 * - `action`: anything else (`/users/{id}/verify`, bulk endpoints); its effect comes from the overlay.
 */
export type OperationRole =
  | 'create'
  | 'list'
  | 'read'
  | 'replace'
  | 'update'
  | 'delete'
  | 'singleton-create'
  | 'singleton-read'
  | 'singleton-put'
  | 'singleton-patch'
  | 'singleton-delete'
  | 'action';

/** How a PATCH body is applied: RFC 7396 merge, RFC 6902 JSON Patch, or a SCIM PatchOp (RFC 7644 §3.5.2). */
export type PatchDialect = 'merge-patch' | 'json-patch' | 'scim-patch';

/** One operation of a resource, with its role. */
export interface ResourceOperation {
  operationId: string;
  role: OperationRole;
  /** Upper-case HTTP method. */
  method: string;
  /** Path template relative to the API's base path. */
  path: string;
  /** For `update` / `singleton-patch`: how the body is applied. */
  patch?: PatchDialect;
  /** Documented success status the engine answers with (e.g. 201 for a create). */
  successStatus: number;
}

/** What an envelope property carries. `other` fields are generated from their schema. */
export type EnvelopeField =
  'total' | 'page' | 'pageSize' | 'pages' | 'next' | 'previous' | 'startIndex' | 'itemsPerPage' | 'schemas' | 'other';

/**
 * How a list answer is shaped.
 * - `array`: the body is the array;
 * - `object`: `{<itemsProperty>: [...], ...fields}`, with paging fields at the top level or inside `metaProperty`
 *   (Twilio's `{content|users: [...], meta: {page, page_size, ...}}`); a SCIM `ListResponse` is an `object` whose
 *   items property is `Resources` and whose fields include `totalResults`/`startIndex`/`itemsPerPage`.
 */
export interface ListEnvelope {
  style: 'array' | 'object';
  itemsProperty?: string;
  /** Top-level envelope properties (not the items) and what each carries. */
  fields: Record<string, EnvelopeField>;
  /** A nested object holding the paging fields (`meta`), when the spec puts them there. */
  metaProperty?: string;
  metaFields?: Record<string, EnvelopeField>;
}

/**
 * The documented query parameters a list honours, by meaning (names as in the spec).
 * `cursor` is an opaque position (`from`, `cursor`, `page_token`); `offset` is 0-based unless it is SCIM's 1-based
 * `startIndex` (`offsetBase: 1`).
 */
export interface ListPaging {
  page?: string;
  pageSize?: string;
  offset?: string;
  offsetBase?: 0 | 1;
  cursor?: string;
  /** A SCIM filter expression parameter (`filter`). */
  scimFilter?: string;
  /** Query parameters named like a record property: equality filters. */
  equals: string[];
}

/** The id of a resource: which path parameter carries it, which record property holds it, how to mint new ones. */
export interface ResourceId {
  /** Path parameter on the item path (`idp_scim_token_id`). */
  param: string;
  /** Record property holding it (`token_id`), after the `$ref`/pattern → name-suffix → `id` rules. */
  property: string;
  type: 'string' | 'integer';
  pattern?: string;
  format?: string;
  /** Prefix shared by the documented examples' ids (`tok_`, `US`), kept on generated ids. */
  prefix?: string;
  /** Length of an example id, so generated ids look alike. */
  exampleLength?: number;
}

/** A resource inferred from the spec: a collection of records (or one document) and its operations. */
export interface Resource {
  /** Unique within the API: the collection path's last literal segment, qualified by earlier ones when ambiguous. */
  name: string;
  kind: 'collection' | 'singleton';
  /** `/pets` (collection) — for a singleton, the document's path. */
  collectionPath: string;
  /** `/pets/{id}`; undefined for singletons and for collections without item operations. */
  itemPath?: string;
  /** Path parameters before the id: they scope the records (`/orgs/{org}/users` → `['org']`). */
  parentParams: string[];
  id?: ResourceId;
  operations: ResourceOperation[];
  /** The list answer's shape (when the resource has a `list` operation). */
  list?: { envelope: ListEnvelope; paging: ListPaging; order?: { field: string; descending?: boolean } };
  /** Properties returned by create but never again (absent from read/list, or `writeOnly`). */
  secretFields: string[];
  /** Lists show the newest record first (overlay `order`). */
  newestFirst?: boolean;
  /** The message of a not-found on one of its records (overlay `notFound`). */
  notFoundMessage?: string;
  /** JSON pointer of the record schema (the read answer's, else the create answer's), for generating records. */
  recordSchemaPointer?: string;
}

/** An operation that is not CRUD on an inferred resource; the overlay's `actions` say what it does. */
export interface ActionOperation {
  operationId: string;
  method: string;
  path: string;
  /** The resource the path sits under (`/users/{id}/verify` → `users`), when there is one. */
  resource?: string;
  /** Whether it targets one record (`item`) or the collection (`collection`). */
  target?: 'item' | 'collection';
  successStatus: number;
}

/** Everything inference found in one API. */
export interface ResourceModel {
  apiId: string;
  resources: Resource[];
  actions: ActionOperation[];
}
