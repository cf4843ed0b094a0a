// SCIM errors (RFC 7644 §3.12): `schemas`, `status` as a string, `scimType` (Table 9), `detail` — in the spec's shape.
import type { MockResult } from '../policy.js';
import type { ApiSpec, Operation } from '../../spec/index.js';
import { getSpecValidator } from '../../validate/index.js';
import { jsonMedia } from '../spec-helpers.js';

export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The Table 9 keywords (and 409's `uniqueness`) the kit answers with. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

const isRec = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A SCIM error answer for `status`, built from the operation's documented response: the example carrying the same
 * `scimType` if there is one (a vendor's extra fields, like Twilio's `code`, come with it), else its first example,
 * else the bare §3.12 body. `scimType` is dropped when the spec's error schema cannot carry it (a vendor enum).
 * Undefined when the operation documents no such status, or no such body validates: the caller answers otherwise.
 */
export function scimError(
  spec: ApiSpec,
  op: Operation,
  status: number,
  scimType: ScimType | undefined,
  detail: string,
): MockResult | undefined {
  const response = op.responses.find((r) => r.status === String(status));
  if (!response) return undefined;
  const media = jsonMedia(response.content);
  const examples = (media?.examples ?? []).map((e) => e.value).filter(isRec);
  const base = (scimType ? examples.find((e) => e.scimType === scimType) : examples.find((e) => e.scimType === undefined)) ?? examples[0];
  const body: Record<string, unknown> = { ...(base ?? { schemas: [SCIM_ERROR] }) };
  body.schemas = [SCIM_ERROR];
  body.status = typeof body.status === 'number' ? status : String(status);
  body.detail = detail;
  if (scimType) body.scimType = scimType;
  else delete body.scimType;
  if (!media?.schema) return { status, body };
  const validator = getSpecValidator(spec);
  const ok = (b: unknown) => validator.validate(media.schema!, b, 'response', 'response.body', 'error-body').length === 0;
  if (ok(body)) return { status, body };
  delete body.scimType;
  if (ok(body)) return { status, body };
  return base && ok(base) ? { status, body: base } : undefined;
}
