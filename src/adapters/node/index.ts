// `scimulator/node`: run the mock on node:http and build it from files.
export { createNodeListener } from './node-listener.js';
export { startServer, type RunningServer } from './start-server.js';
export { loadMock, loadSpecs, type LoadMockOptions } from '../../node/load-mock.js';
export { loadMockSync, type LoadMockSyncOptions } from '../../node/load-mock-sync.js';
