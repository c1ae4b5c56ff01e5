/**
 * FXServer's per-resource HTTP handlers (`SetHttpHandler`): a request to `/<resource>/<path>` reaches that
 * resource's handler with the resource prefix stripped from `path` (the query string kept), the body delivered
 * whole to the data handler, and the answer written through `writeHead` / `write` / `send`.
 */

/** The request object a handler receives, shaped as FXServer's. */
export interface HttpHandlerRequest {
  address: string;
  headers: Record<string, string>;
  method: string;
  path: string;
  setDataHandler(handler: (data: string | ArrayBuffer) => void, binary?: 'binary'): void;
  setCancelHandler(handler: () => void): void;
}

/** The response object a handler receives, shaped as FXServer's. */
export interface HttpHandlerResponse {
  writeHead(code: number, headers?: Record<string, string | string[]>): void;
  write(data: string | Uint8Array): void;
  send(data?: string | Uint8Array): void;
}

export type HttpHandler = (request: HttpHandlerRequest, response: HttpHandlerResponse) => void;

export interface HttpRequestInit {
  method?: string;
  /** The path after the resource name, e.g. `/media/abc.jpg`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const chunk = (data: string | Uint8Array) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data));

export class HttpHandlers {
  private readonly handlers = new Map<string, HttpHandler>();

  set(resource: string, handler: HttpHandler): void {
    this.handlers.set(resource, handler);
  }

  /** A stopped resource answers no more requests. */
  remove(resource: string): void {
    this.handlers.delete(resource);
  }

  /** Sends a request to `resource`'s handler as FXServer would; 404 when the resource set none. */
  request(resource: string, init: HttpRequestInit, timeoutMs = 5000): Promise<HttpAnswer> {
    const handler = this.handlers.get(resource);
    if (!handler) return Promise.resolve({ status: 404, headers: {}, body: Buffer.from('Not Found') });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${resource}'s HTTP handler did not answer ${init.path} in ${timeoutMs} ms`)), timeoutMs);
      let status = 200;
      let headers: Record<string, string | string[]> = {};
      const chunks: Buffer[] = [];
      const body = chunk(init.body ?? '');
      const request: HttpHandlerRequest = {
        address: '127.0.0.1:50000',
        headers: init.headers ?? {},
        method: init.method ?? 'GET',
        path: init.path,
        setDataHandler: (onData, binary) => {
          const data = binary === 'binary' ? body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) : body.toString('utf8');
          setImmediate(() => onData(data));
        },
        setCancelHandler: () => {},
      };
      const response: HttpHandlerResponse = {
        writeHead: (code, head = {}) => {
          status = code;
          headers = head;
        },
        write: (data) => void chunks.push(chunk(data)),
        send: (data) => {
          if (data !== undefined) chunks.push(chunk(data));
          clearTimeout(timer);
          resolve({ status, headers, body: Buffer.concat(chunks) });
        },
      };
      try {
        handler(request, response);
      } catch (error) {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }
}
