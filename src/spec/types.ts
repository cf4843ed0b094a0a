// The normalised spec model: everything downstream reads specs through these types, never through swagger-parser's.

/** Which JSON Schema dialect an OpenAPI document's schemas are written in. */
export type SchemaDialect = 'oas30' | 'oas31';

/** A JSON value as it appears in a spec document. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A schema object kept as written (it may contain internal `$ref`s resolved against the document). */
export type SchemaObject = Record<string, unknown> | boolean;

/** An example attached to a media type, parameter, header or schema, with where it sits in the document. */
export interface Example {
  name: string;
  value: unknown;
  /** JSON pointer of the example value in the bundled document. */
  pointer: string;
}

/** A schema plus the JSON pointer where it sits, so validators can compile it against the whole document. */
export interface SchemaRef {
  schema: SchemaObject;
  pointer: string;
}

export interface MediaType {
  mediaType: string;
  schema?: SchemaRef;
  examples: Example[];
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema?: SchemaRef;
  examples: Example[];
  pointer: string;
}

export interface RequestBody {
  required: boolean;
  content: MediaType[];
  pointer: string;
}

export interface Header {
  /** Header name as documented (original case). */
  name: string;
  required: boolean;
  schema?: SchemaRef;
  examples: Example[];
}

export interface ResponseSpec {
  /** '200', '4XX' or 'default'. */
  status: string;
  description: string;
  headers: Header[];
  content: MediaType[];
  /** True when the response carries `x-scimulator-inferred: true`. */
  inferred: boolean;
  pointer: string;
}

/** One alternative of an operation's `security` list: scheme name → required scopes. */
export type SecurityRequirement = Record<string, string[]>;

export interface Operation {
  apiId: string;
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Path template as written in the document, relative to the API's base path. */
  pathTemplate: string;
  /** Base path + path template: what a request's pathname is matched against. */
  fullPath: string;
  summary: string;
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: ResponseSpec[];
  /** Alternatives; an empty list means the operation needs no authentication. */
  security: SecurityRequirement[];
  /** Scopes named by `x-scimulator-scopes` for schemes (such as http bearer) that cannot carry scopes. */
  extraScopes: string[];
  inferred: boolean;
  pointer: string;
}

export interface SecurityScheme {
  name: string;
  type: string;
  scheme?: string;
  tokenUrl?: string;
}

/** A loaded, bundled and normalised OpenAPI document. */
export interface ApiSpec {
  id: string;
  title: string;
  version: string;
  openapi: string;
  dialect: SchemaDialect;
  file: string;
  /** Path part of the first server URL, without a trailing slash ('' for the host root). */
  basePath: string;
  /**
   * Path parts of every server URL, distinct, the first server's first (`basePath`). Every one is served: a
   * document that lists `/my-org/v1` and `/my-org` answers an operation under both prefixes.
   */
  basePaths: string[];
  serverUrls: string[];
  operations: Operation[];
  securitySchemes: SecurityScheme[];
  /** The bundled document (internal `$ref`s only); validators compile schemas against it. */
  document: Record<string, unknown>;
}
