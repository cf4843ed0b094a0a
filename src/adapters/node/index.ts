// `scimulator/node`: run the mock on node:http and build it from files.
export { createNodeListener } from './node-listener.js';
export { startServer, type RunningServer } from './start-server.js';
export { loadMock, loadMockSync, loadSpecs, type LoadMockOptions, type LoadMockSyncOptions } from '../../load/node.js';
