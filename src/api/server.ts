import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { App } from './route.js';

export interface RunningServer {
  /** `http://host:port`, with the port actually bound (for port 0). */
  url: string;
  port: number;
  /** Stops taking connections and waits for the requests in flight. */
  close(): Promise<void>;
}

/**
 * Serves the app on host:port (127.0.0.1 unless told otherwise). Node's own timeouts bound how
 * long a client may take to send its headers and its whole request.
 */
export function startServer(
  app: App,
  options: { host: string; port: number; requestTimeoutMs: number },
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        hostname: options.host,
        port: options.port,
        serverOptions: {
          requestTimeout: options.requestTimeoutMs + 5_000,
          headersTimeout: 10_000,
          keepAliveTimeout: 5_000,
        },
      },
      (info: AddressInfo) => {
        server.off('error', reject);
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise((done) => {
              server.close(() => done());
              if ('closeIdleConnections' in server) server.closeIdleConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
