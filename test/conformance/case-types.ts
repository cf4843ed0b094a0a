// The shape of a conformance case: requests as data plus what each answer must show, door-independent.

/** A value a step expects: exact JSON (strings may hold `{{name}}` placeholders) or a pattern for strings. */
export type Expected = string | number | boolean | null | RegExp | Expected[] | { [key: string]: Expected };

export interface StepRequest {
  method: string;
  /** Path and query under the server root, e.g. `/my-org/v1/...`; may hold `{{name}}` placeholders. */
  path: string;
  headers?: Record<string, string>;
  /** A JSON body (sent with `content-type: application/json` unless `headers` names another). */
  body?: unknown;
  /** A body sent as is (wins over `body`); set its content type in `headers`. */
  raw?: string;
  /** Authorization header value (placeholders allowed); `false` sends none. Default: an opaque bearer token that passes. */
  auth?: string | false;
}

export interface StepExpectation {
  /** The status, or the statuses allowed (seeded fault scenarios); 0 stands for a network error (dropped connection). */
  status: number | number[];
  /** Dotted paths into the JSON body (`scim_tokens.0.token_id`, `items.length`) and the value each must have. */
  body?: Record<string, Expected>;
  /** Dotted paths that must be absent from the JSON body (e.g. a secret field on a read). */
  absent?: string[];
  /** Text the raw body must not contain (placeholders allowed: a secret captured earlier). */
  excludes?: string[];
  /** Header values (names in lower case); `null` means the header must be absent. */
  headers?: Record<string, string | RegExp | null>;
}

export interface ConformanceStep {
  /** What this step shows, for failure messages. */
  label: string;
  request: StepRequest;
  expect: StepExpectation;
  /** Values to remember for later steps: placeholder name → dotted path in this step's JSON body. */
  capture?: Record<string, string>;
}

export type ApiId = 'auth0' | 'capillary' | 'scaikey' | 'twilio';

export interface ConformanceCase {
  /** Behaviour-named, e.g. 'auth0: revoking a revoked token is a 404'. */
  name: string;
  api: ApiId;
  steps: ConformanceStep[];
  /**
   * A door disagreement or broken expectation that is known and reported but not fixed yet: the case runs as
   * `it.fails`, so it turns red (asking for this flag to go) the day the doors agree.
   */
  knownDivergence?: string;
}
