// Starts (and stops) a node:http server for a mock on a host and port; used by `serve`, tests and benchmarks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Mock } from '../../mock/index.js';
import { createNodeListener } from './node-listener.js';

export interface RunningServer {
  server: Server;
  /** `http://host:port` actually bound (port 0 resolves to the real one). */
  url: string;
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0 = any free port). Rejects with the listen error (e.g. EADDRINUSE). */
export function startServer(
  mock: Mock,
  options: { port?: number; host?: string; onError?: (err: unknown) => void } = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(createNodeListener(mock, options.onError));
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        server,
        url: `http://${shown}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
