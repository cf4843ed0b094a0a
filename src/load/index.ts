// `load/`: owns putting a mock together — one synchronous core (`assembleMock`) with the same options and rules for
// every door (unknown API ids, the engine for specs without a hand policy, which scenario files count), fed by
// sources: files in Node (`./node.ts`: `loadMock`, `loadMockSync`) or the build-time embed (the msw adapter). This
// entry is portable; the Node loaders are `./node.ts`.
export { assembleMock, inferPolicy } from './assemble-mock.js';
export { UnknownApiError, type LoadMockOptions, type MockSources } from './load-options.js';
