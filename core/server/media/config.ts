import { z } from 'zod';
import { parseConvars } from '../config';

export const MEDIA_BACKENDS = ['local', 'fivemanage', 's3', 'discord', 'custom'] as const;

/** The server owner's media convars; keys are read with `set` (server only), never `setr`. */
export const MEDIA_CONVARS = {
  backend: { name: 'handset:media:backend', fallback: 'local' },
  maxBytes: { name: 'handset:media:max_bytes', fallback: '5242880' },
  photosPerCharacter: { name: 'handset:media:photos_per_character', fallback: '500' },
  cameraEncoding: { name: 'handset:camera:encoding', fallback: 'jpg' },
  cameraQuality: { name: 'handset:camera:quality', fallback: '0.85' },
  localUrl: { name: 'handset:media:local_url', fallback: '' },
  fivemanageToken: { name: 'handset:media:fivemanage_token', fallback: '' },
  fivemanageUrl: { name: 'handset:media:fivemanage_url', fallback: 'https://api.fivemanage.com/api/v3/file' },
  s3Endpoint: { name: 'handset:media:s3_endpoint', fallback: '' },
  s3Bucket: { name: 'handset:media:s3_bucket', fallback: '' },
  s3Region: { name: 'handset:media:s3_region', fallback: 'us-east-1' },
  s3AccessKey: { name: 'handset:media:s3_access_key', fallback: '' },
  s3SecretKey: { name: 'handset:media:s3_secret_key', fallback: '' },
  s3PublicUrl: { name: 'handset:media:s3_public_url', fallback: '' },
  s3PathStyle: { name: 'handset:media:s3_path_style', fallback: 'true' },
  discordWebhook: { name: 'handset:media:discord_webhook', fallback: '' },
  customUrl: { name: 'handset:media:custom_url', fallback: '' },
  customField: { name: 'handset:media:custom_field', fallback: 'file' },
  customHeaders: { name: 'handset:media:custom_headers', fallback: '{}' },
  customUrlPath: { name: 'handset:media:custom_url_path', fallback: 'url' },
} as const;
type Key = keyof typeof MEDIA_CONVARS;

const httpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).transform((url) => url.replace(/\/+$/, ''));
const optionalUrl = z.union([z.literal('').transform(() => undefined), httpUrl]);
const required = z.string().min(1, 'must be set for this backend');
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const commonSchema = z.object({
  backend: z.enum(MEDIA_BACKENDS),
  maxBytes: integer(1024, 32 * 1024 * 1024),
  photosPerCharacter: integer(0, 1_000_000),
  cameraEncoding: z.enum(['jpg', 'png', 'webp']),
  cameraQuality: z.coerce.number().gt(0).max(1),
});

const backendSchemas = {
  local: z.object({ localUrl: optionalUrl }).transform(({ localUrl }) => ({ kind: 'local' as const, publicUrl: localUrl })),
  fivemanage: z
    .object({ fivemanageToken: required, fivemanageUrl: httpUrl })
    .transform(({ fivemanageToken, fivemanageUrl }) => ({ kind: 'fivemanage' as const, token: fivemanageToken, url: fivemanageUrl })),
  s3: z
    .object({
      s3Endpoint: httpUrl,
      s3Bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
      s3Region: required,
      s3AccessKey: required,
      s3SecretKey: required,
      s3PublicUrl: optionalUrl,
      s3PathStyle: z.enum(['true', 'false']).transform((value) => value === 'true'),
    })
    .transform((s3) => ({
      kind: 's3' as const,
      endpoint: s3.s3Endpoint,
      bucket: s3.s3Bucket,
      region: s3.s3Region,
      accessKey: s3.s3AccessKey,
      secretKey: s3.s3SecretKey,
      publicUrl: s3.s3PublicUrl,
      pathStyle: s3.s3PathStyle,
    })),
  discord: z.object({ discordWebhook: httpUrl }).transform(({ discordWebhook }) => ({ kind: 'discord' as const, webhook: discordWebhook })),
  custom: z
    .object({
      customUrl: httpUrl,
      customField: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a form field name'),
      customHeaders: z
        .string()
        .transform((text, context) => {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            context.addIssue({ code: 'custom', message: 'a JSON object of header names to values' });
            return z.NEVER;
          }
        })
        .pipe(z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(4096), { error: 'a JSON object of header names to values' })),
      customUrlPath: z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'a dotted path into the JSON answer, such as data.url'),
    })
    .transform((custom) => ({
      kind: 'custom' as const,
      url: custom.customUrl,
      field: custom.customField,
      headers: custom.customHeaders,
      urlPath: custom.customUrlPath.split('.'),
    })),
};

export type BackendConfig = z.output<(typeof backendSchemas)[keyof typeof backendSchemas]>;

export interface MediaConfig {
  /** The largest image a player may store, in bytes. */
  maxBytes: number;
  /** How many photos one character may have stored; 0 turns storing off. */
  photosPerCharacter: number;
  /** screenshot-basic's options for the camera. */
  camera: { encoding: 'jpg' | 'png' | 'webp'; quality: number };
  backend: BackendConfig;
}

/** The media convars, read once at start; a bad value stops Handset with a message naming the convar. */
export function readMediaConfig(getConvar: (name: string, fallback: string) => string): MediaConfig {
  const raw = Object.fromEntries(
    Object.entries(MEDIA_CONVARS).map(([key, { name, fallback }]) => [key, getConvar(name, fallback).trim()]),
  ) as Record<Key, string>;
  const common = parseConvars(commonSchema, MEDIA_CONVARS, raw);
  return {
    maxBytes: common.maxBytes,
    photosPerCharacter: common.photosPerCharacter,
    camera: { encoding: common.cameraEncoding, quality: common.cameraQuality },
    backend: parseConvars(backendSchemas[common.backend], MEDIA_CONVARS, raw),
  };
}
