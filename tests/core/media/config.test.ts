import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/server/config';
import { readMediaConfig } from '../../../core/server/media/config';

const convars = (set: Record<string, string>) => (name: string, fallback: string) => set[name] ?? fallback;
const s3 = {
  'handset:media:backend': 's3',
  'handset:media:s3_endpoint': 'https://account.r2.cloudflarestorage.com/',
  'handset:media:s3_bucket': 'photos',
  'handset:media:s3_access_key': 'AKID',
  'handset:media:s3_secret_key': 'secret',
};

describe('readMediaConfig', () => {
  it('defaults to the local backend, 5 MiB, 500 photos a character and JPEG at 0.85', () => {
    expect(readMediaConfig(convars({}))).toEqual({
      maxBytes: 5242880,
      photosPerCharacter: 500,
      camera: { encoding: 'jpg', quality: 0.85 },
      backend: { kind: 'local', publicUrl: undefined },
    });
  });

  it("reads each backend's settings", () => {
    expect(readMediaConfig(convars({ 'handset:media:backend': 'fivemanage', 'handset:media:fivemanage_token': 'tok' })).backend).toEqual({
      kind: 'fivemanage',
      token: 'tok',
      url: 'https://api.fivemanage.com/api/v3/file',
    });
    expect(readMediaConfig(convars(s3)).backend).toEqual({
      kind: 's3',
      endpoint: 'https://account.r2.cloudflarestorage.com',
      bucket: 'photos',
      region: 'us-east-1',
      accessKey: 'AKID',
      secretKey: 'secret',
      publicUrl: undefined,
      pathStyle: true,
    });
    expect(
      readMediaConfig(
        convars({
          'handset:media:backend': 'custom',
          'handset:media:custom_url': 'https://upload.example.com/v1',
          'handset:media:custom_headers': '{"X-Api-Key":"k"}',
          'handset:media:custom_url_path': 'result.link',
        }),
      ).backend,
    ).toEqual({ kind: 'custom', url: 'https://upload.example.com/v1', field: 'file', headers: { 'X-Api-Key': 'k' }, urlPath: ['result', 'link'] });
  });

  it('stops Handset on a bad value, naming the convar', () => {
    expect(() => readMediaConfig(convars({ 'handset:media:backend': 'imgur' }))).toThrow(ConfigError);
    expect(() => readMediaConfig(convars({ 'handset:media:backend': 'imgur' }))).toThrow(/^convar handset:media:backend: .* \(got "imgur"\)$/);
    expect(() => readMediaConfig(convars({ 'handset:media:backend': 'fivemanage' }))).toThrow(
      new ConfigError('convar handset:media:fivemanage_token: must be set for this backend (got "")'),
    );
    expect(() => readMediaConfig(convars({ ...s3, 'handset:media:s3_bucket': '' }))).toThrow(
      new ConfigError('convar handset:media:s3_bucket: an S3 bucket name (got "")'),
    );
    expect(() => readMediaConfig(convars({ 'handset:media:backend': 'discord', 'handset:media:discord_webhook': 'discord.com/api/webhooks/1/x' }))).toThrow(
      new ConfigError('convar handset:media:discord_webhook: an http(s) URL (got "discord.com/api/webhooks/1/x")'),
    );
    expect(() =>
      readMediaConfig(convars({ 'handset:media:backend': 'custom', 'handset:media:custom_url': 'https://x.example', 'handset:media:custom_headers': '{bad' })),
    ).toThrow(new ConfigError('convar handset:media:custom_headers: a JSON object of header names to values (got "{bad")'));
    expect(() => readMediaConfig(convars({ 'handset:media:max_bytes': 'lots' }))).toThrow(/^convar handset:media:max_bytes: /);
    expect(() => readMediaConfig(convars({ 'handset:camera:quality': '2' }))).toThrow(/^convar handset:camera:quality: /);
  });
});
