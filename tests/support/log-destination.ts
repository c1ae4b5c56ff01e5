import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** What a log destination received: one request each. */
export interface LoggedRequest {
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/**
 * Local stand-ins for Discord's webhook and Fivemanage's logs, each recording the requests it gets; the one a test
 * opened is closed after it.
 */
export function logDestinations() {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  return {
    async open() {
      const received: LoggedRequest[] = [];
      const read = (request: IncomingMessage) =>
        new Promise<string>((resolve) => {
          let text = '';
          request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          request.on('end', () => resolve(text));
        });
      const server = createServer(async (request, response) => {
        received.push({ path: request.url!, authorization: request.headers.authorization, body: JSON.parse(await read(request)) });
        response.writeHead(204).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      close = () => new Promise((resolve) => server.close(() => resolve()));
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
    },
  };
}
