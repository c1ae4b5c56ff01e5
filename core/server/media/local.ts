import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HandsetError } from '../../../sdk/protocol/errors';
import { IMAGE_TYPES, type ImageType } from './image';
import type { MediaStore } from './store';

export interface LocalStoreOptions {
  /** The folder the files go to, under the resource. */
  dir: string;
  /** The resource's name: FXServer serves its HTTP handler at `/<resource>/`. */
  resource: string;
  /** FXServer's own public address (`web_baseUrl`), known only once the server is listed; '' before. */
  webBaseUrl(): string;
}

const TYPE_OF_EXTENSION = Object.fromEntries(Object.entries(IMAGE_TYPES).map(([type, extension]) => [extension, type]));
const MEDIA_PATH = /^\/media\/([A-Za-z0-9_-]{22})\.(jpg|png|webp)$/;

/**
 * Files under the resource, served by Handset's own HTTP handler at `<public url>/<resource>/media/<id>.<ext>`.
 * `publicUrl` is the server owner's `handset:media:local_url`, else FXServer's cfx.re address.
 */
export function localStore(publicUrl: string | undefined, options: LocalStoreOptions): MediaStore {
  const base = () => publicUrl ?? (options.webBaseUrl() ? `https://${options.webBaseUrl()}` : undefined);
  return {
    // The owner is in the database row that holds the URL; the file name says nothing about the player.
    async put(bytes, type) {
      const root = base();
      if (!root) {
        throw new HandsetError('UNAVAILABLE', 'the server has no public address yet: set handset:media:local_url to where FXServer is reachable');
      }
      const name = `${randomBytes(16).toString('base64url')}.${IMAGE_TYPES[type]}`;
      await mkdir(options.dir, { recursive: true });
      await writeFile(path.join(options.dir, name), bytes, { flag: 'wx' });
      return { url: `${root}/${options.resource}/media/${name}` };
    },
    host() {
      const root = base();
      return root ? new URL(root).hostname : null;
    },
  };
}

/** The parts of FXServer's HTTP handler request and response that serving a file needs. */
export interface HttpRequest {
  method: string;
  path: string;
}
export interface HttpResponse {
  writeHead(code: number, headers?: Record<string, string>): void;
  send(data?: string | Uint8Array): void;
}

/** Answers `GET /media/<id>.<ext>` from the local backend's folder; anything else is 404. */
export async function serveLocalMedia(dir: string, request: HttpRequest, response: HttpResponse): Promise<void> {
  const match = MEDIA_PATH.exec(request.path);
  if (!match || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.send('Not Found');
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, `${match[1]}.${match[2]}`));
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.send('Not Found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': TYPE_OF_EXTENSION[match[2]!]!,
    'Content-Length': String(bytes.length),
    // A file never changes under its random name.
    'Cache-Control': 'public, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
  });
  response.send(request.method === 'HEAD' ? undefined : bytes);
}
