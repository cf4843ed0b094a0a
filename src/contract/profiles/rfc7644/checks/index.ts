// The profile's checks in the order they run: discovery, writes that build the fixtures, reads over them, teardown, then judges of every answer.
import { answerShapeChecks } from './answer-shape-checks.js';
import { discoveryChecks } from './discovery-checks.js';
import { etagChecks } from './etag-checks.js';
import { featureChecks, teardownChecks } from './feature-checks.js';
import { filterChecks } from './filter-checks.js';
import { groupChecks } from './group-checks.js';
import { listChecks } from './list-checks.js';
import { patchChecks } from './patch-checks.js';
import { userChecks } from './user-checks.js';
import type { ProfileCheck } from '../types.js';

export const rfc7644Checks: readonly ProfileCheck[] = [
  ...discoveryChecks,
  ...userChecks,
  ...filterChecks,
  ...listChecks,
  ...etagChecks,
  ...patchChecks,
  ...groupChecks,
  ...featureChecks,
  ...teardownChecks,
  ...answerShapeChecks,
];
