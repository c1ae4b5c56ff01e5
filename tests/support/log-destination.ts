import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect } from 'vitest';
import { eventually } from './simulation';

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
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return {
        url,
        received,
        /** The settings that send `app`'s reports here: Discord's webhook at /discord, Fivemanage at /logs with 'fm-token'. */
        reportConvars: (app: string) => ({
          [`handset:${app}:report_webhook`]: `${url}/discord`,
          [`handset:${app}:fivemanage_logs_token`]: 'fm-token',
          [`handset:${app}:fivemanage_logs_url`]: `${url}/logs`,
        }),
        /** Once `count` requests came, each by its path. */
        async byPath(count: number): Promise<Record<string, LoggedRequest>> {
          await eventually(() => expect(received).toHaveLength(count));
          return Object.fromEntries(received.map((request) => [request.path, request]));
        },
      };
    },
  };
}
