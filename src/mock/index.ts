// `mock/`: owns the Web-standard core — `handle(Request) → Response` (and `dispatch` without Web objects) as named
// pipeline steps (route → scenario → rate limit → auth → validate → handle → finish), the admin API and dashboard
// routes, OAuth token endpoints, CORS, the request log, and the one controller (reset, scenarios, clock) every door
// uses. Portable: nothing here imports `node:*` or msw; building a mock from files is `load/`.
export { createMock, DEFAULT_MAX_RECORDS, type Mock, type MockOptions, type UrlParts } from './create-mock.js';
export { displayBase } from './display-base.js';
export {
  MAX_BODY_BYTES,
  MAX_BODY_ITEMS,
  SCENARIO_HEADER,
  SESSION_HEADER,
  WARNING_HEADER,
  type LogEntry,
  type MockRequest,
  type MockResponse,
} from './types.js';
export { fromWebRequest, toWebResponse } from './web.js';
export { ADMIN_TOKEN_HEADER, isLoopbackHost, type AdminAccessOptions } from './admin-guard.js';
export { REQUEST_LOG_CAPACITY, type RecordedRequest, type RequestLog, type RequestQuery } from './request-log.js';
export {
  ControlError,
  createController,
  type ControllerDeps,
  type ControlRefusal,
  type ControlResult,
  type MockController,
} from './controller.js';
export type { ShippedData } from './shipped-data-type.js';
