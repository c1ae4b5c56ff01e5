import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { HttpAnswer, HttpRequestInit } from '../http.js';

const tlsDir = new URL('./tls/', import.meta.url);
/** The largest request body the sandbox passes to a handler; FXServer's own limit is larger, no resource here needs it. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface WebServer {
  /** `https://localhost:<port>`: a resource's handler answers under `/<resource>/`. */
  url: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(part);
  }
  return Buffer.concat(chunks);
}

/**
 * FXServer's web server as players reach it, `https://<server>/<resource>/<path>`: `handle` passes each request
 * to the resource's `SetHttpHandler` (`sim.http.request`). Served over https on loopback with the sandbox's own certificate (tls/README.md),
 * because Handset shows players images over https only. Listening before the cfg runs lets the sandbox tell
 * Handset its address (`handset:media:local_url`).
 */
export async function startWebServer(handle: (resource: string, init: HttpRequestInit) => Promise<HttpAnswer>, port = 0): Promise<WebServer> {
  const server: Server = createServer({ key: readFileSync(new URL('key.pem', tlsDir)), cert: readFileSync(new URL('cert.pem', tlsDir)) }, (req, res) => {
    void (async () => {
      const { pathname, search } = new URL(req.url ?? '/', 'https://localhost');
      const [, resource = '', ...rest] = pathname.split('/');
      const headers = Object.fromEntries(Object.entries(req.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : [])));
      const answer = await handle(resource, { method: req.method ?? 'GET', path: `/${rest.join('/')}${search}`, headers, body: await readBody(req) });
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    })().catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  // Loopback only, as the sandbox's own page.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the sandbox web server has no port');
  return {
    url: `https://localhost:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
