// Where an API lives, for people (banner, health, dashboard): its base path, or the first path segment it serves.
import type { ApiSpec } from '../spec/index.js';

/** An API's base path, or the first segment its operations share when it has none (Twilio serves at the root). */
export function displayBase(spec: ApiSpec): string {
  return spec.basePath || `/${spec.operations[0]?.fullPath.split('/')[1] ?? ''}`;
}
