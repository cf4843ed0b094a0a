// `scimulator/msw`: msw request handlers backed by the stateful scimulator core.
export { createHandlers, DEFAULT_BASE_URLS, type CreateHandlersOptions, type ScimulatorHandlers } from './create-handlers.js';
