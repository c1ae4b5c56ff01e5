import type { BackendConfig } from './config';
import type { ImageType } from './image';
import { localStore, type LocalStoreOptions } from './local';
import { multipartStore } from './remote';
import { s3Store } from './s3';

/**
 * Where players' photos go: one port, one backend chosen by the server owner. Its input is already checked
 * and stripped; it answers the URL anyone may load the image from. Keys stay on the server.
 */
export interface MediaStore {
  /** `owner` names the phone for the backend's own records (metadata), never in the URL. */
  put(bytes: Uint8Array, type: ImageType, owner: string): Promise<{ url: string }>;
  /** The host this backend's URLs are on when known before any upload, so the image allowlist can admit it. */
  host(): string | null;
}

/** The backend the server owner chose. */
export function createMediaStore(config: BackendConfig, local: LocalStoreOptions, log: (message: string) => void): MediaStore {
  switch (config.kind) {
    case 'local':
      return localStore(config.publicUrl, local);
    case 's3':
      return s3Store(config, log);
    case 'fivemanage':
      // Fivemanage v3: the token is the whole Authorization header; the URL is at data.url.
      return multipartStore('fivemanage', log, {
        url: config.url,
        field: 'file',
        headers: { Authorization: config.token },
        urlPath: ['data', 'url'],
        fields: (owner) => ({ path: 'handset', metadata: JSON.stringify({ owner }) }),
      });
    case 'discord': {
      log('Handset media: the discord backend stores photos as webhook attachments, whose URLs expire after about a day; choose another backend for photos that last');
      const url = new URL(config.webhook);
      url.searchParams.set('wait', 'true'); // without it Discord answers 204 and no message with the attachment
      return multipartStore('discord', log, { url: url.href, field: 'files[0]', headers: {}, urlPath: ['attachments', '0', 'url'] });
    }
    case 'custom':
      return multipartStore('custom', log, { url: config.url, field: config.field, headers: config.headers, urlPath: config.urlPath });
  }
}
