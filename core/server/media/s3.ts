import { randomBytes } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import type { BackendConfig } from './config';
import { IMAGE_TYPES } from './image';
import { callBackend } from './remote';
import type { MediaStore } from './store';

type S3Config = Extract<BackendConfig, { kind: 's3' }>;

/**
 * Any S3-compatible bucket (AWS, R2, MinIO, Backblaze …), signed with SigV4 by aws4fetch. Objects are read
 * back at `s3_public_url/<key>` when set (a CDN or public bucket domain), else at the object's own URL.
 */
export function s3Store(config: S3Config, log: (message: string) => void): MediaStore {
  const client = new AwsClient({ accessKeyId: config.accessKey, secretAccessKey: config.secretKey, service: 's3', region: config.region });
  const endpoint = new URL(config.endpoint);
  const bucketUrl = config.pathStyle ? `${config.endpoint}/${config.bucket}` : `${endpoint.protocol}//${config.bucket}.${endpoint.host}${endpoint.pathname.replace(/\/$/, '')}`;
  const publicBase = config.publicUrl ?? bucketUrl;
  return {
    async put(bytes, type, owner) {
      const key = `handset/${randomBytes(16).toString('base64url')}.${IMAGE_TYPES[type]}`;
      await callBackend('s3', log, (signal) =>
        client.fetch(`${bucketUrl}/${key}`, {
          method: 'PUT',
          body: new Uint8Array(bytes),
          headers: { 'Content-Type': type, 'x-amz-meta-owner': owner },
          signal,
        }),
      );
      return { url: `${publicBase}/${key}` };
    },
    host: () => new URL(publicBase).hostname,
  };
}
