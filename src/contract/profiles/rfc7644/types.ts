// Types of the RFC 7644 conformance profile: a check, its level and feature, and what a check may use while it runs.
import type { Exchange } from '../../types.js';

/** How binding the RFC makes a rule: MUST (and SHALL), SHOULD, or an OPTIONAL feature the target may announce. */
export type CheckLevel = 'MUST' | 'SHOULD' | 'OPTIONAL';

/**
 * An optional feature that `/ServiceProviderConfig` announces (RFC 7643 §5), or `interop`: a request form that a
 * real identity provider sends although the RFC does not require a server to accept it (run with `interop: true`).
 */
export type ProfileFeature = 'patch' | 'bulk' | 'filter' | 'changePassword' | 'sort' | 'etag' | 'interop';

/** The parts of the service provider configuration the profile acts on. */
export interface AnnouncedFeatures {
  patch: boolean;
  bulk: boolean;
  filter: boolean;
  changePassword: boolean;
  sort: boolean;
  etag: boolean;
  /** `filter.maxResults`, when announced. */
  maxResults?: number;
  /** `bulk.maxOperations`, when announced. */
  maxOperations?: number;
}

/** One answer as a check sees it: status, headers (lower-case names) and the parsed JSON body, if it was JSON. */
export interface ScimAnswer {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  /** The body parsed as JSON, or undefined when it was empty or not JSON. */
  json: unknown;
}

/** A user this profile created, as the target described it on creation. */
export interface CreatedResource {
  id: string;
  location: string;
  /** The request body it was created from. */
  sent: Record<string, unknown>;
  /** The creation answer. */
  created: ScimAnswer;
}

/** What checks share: features, the resources made so far, and the run's unique tag (every userName starts with it). */
export interface ProfileState {
  tag: string;
  features: AnnouncedFeatures;
  /** The `/ServiceProviderConfig` answer, when there was one. */
  serviceProviderConfig?: ScimAnswer;
  users: Partial<Record<'alpha' | 'bravo' | 'charlie', CreatedResource>>;
  group?: CreatedResource;
  /** Every answer of the run, for the checks that judge all answers of a kind (error shapes, list shapes). */
  answers: ScimAnswer[];
  /** Paths of everything created, deleted again at the end (best effort). */
  cleanup: string[];
  /** Whether a check may send an Authorization-less request (the caller gave an Authorization header). */
  authHeaderGiven: boolean;
}

/** What a check may do: send requests to the SCIM base URL and read the shared state. */
export interface CheckContext {
  state: ProfileState;
  /** Base URL of the SCIM service provider (no trailing slash). */
  base: string;
  /**
   * Sends a request to `path` (relative to the base, or an absolute URL such as a `Location`) with the profile's
   * headers; JSON bodies go as `application/scim+json`. Throws {@link TransportError} when no answer came.
   */
  send(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; omitAuth?: boolean },
  ): Promise<ScimAnswer>;
  /** Names the answer a check judged without sending anything (an earlier one), so its step shows a request and status. */
  judged(answer: ScimAnswer | undefined): void;
}

/** What a check found wrong: one line each, no RFC section (the runner adds it). */
export type Finding = string;

/** One named rule of the profile. */
export interface ProfileCheck {
  /** Stable kebab-case name, used in reports and snapshots (`error-status-is-string`). */
  name: string;
  /** What is checked, in a sentence fragment (`a stale If-Match answers 412`). */
  title: string;
  /** The section that decides it (`RFC 7644 §3.14`). */
  section: string;
  level: CheckLevel;
  /** Group shown as the report's flow (`discovery`, `users`, `filter` …). */
  group: string;
  /** Run only when the target announces this feature (or, for `interop`, when asked). */
  feature?: ProfileFeature;
  /** The check creates, changes or deletes something. */
  writes?: boolean;
  /** Why the check cannot run now (a resource it needs was not created), or undefined to run it. */
  needs?: (state: ProfileState) => string | undefined;
  run(ctx: CheckContext): Promise<Finding[]>;
}

/** A request the target never answered (refused, timed out, not HTTP). */
export class TransportError extends Error {
  readonly code = 'TRANSPORT';
  constructor(
    message: string,
    readonly method: string,
    readonly url: string,
  ) {
    super(message);
  }
}

/** Converts a runner exchange to a check's answer. */
export function toAnswer(method: string, url: string, exchange: Exchange & { ok: true }): ScimAnswer {
  let json: unknown;
  try {
    json = exchange.bodyText.trim() === '' ? undefined : JSON.parse(exchange.bodyText);
  } catch {
    json = undefined;
  }
  return { method, url, status: exchange.status, headers: exchange.headers, bodyText: exchange.bodyText, json };
}
