import { describe, expect, it } from 'vitest';
import { ConfigError, isAllowedImage, readConfig } from '../../../core/server/config';

const convars = (set: Record<string, string>) => (name: string, fallback: string) => set[name] ?? fallback;

describe('readConfig', () => {
  it('reads defaults when nothing is set', () => {
    expect(readConfig(convars({}))).toEqual({
      framework: 'standalone',
      compat: [],
      numberFormat: '555-###-####',
      imageHosts: ['i.imgur.com', 'cdn.discordapp.com', 'media.discordapp.net', '*.fivemanage.com'],
      requestsPerSecond: 10,
      requestBurst: 30,
      adminAce: 'admin',
      passcodeAttempts: 5,
      passcodeLockoutSeconds: 30,
    });
  });

  it("takes the server owner's request rate, and refuses one that is not a whole number from 1 to 100000", () => {
    expect(readConfig(convars({ 'handset:requests_per_second': ' 20 ', 'handset:request_burst': '60' }))).toMatchObject({ requestsPerSecond: 20, requestBurst: 60 });
    for (const bad of ['0', '-1', '2.5', 'fast', '', '100001']) {
      expect(() => readConfig(convars({ 'handset:request_burst': bad }))).toThrow(
        new ConfigError(`convar handset:request_burst: a whole number from 1 to 100000 (got ${JSON.stringify(bad)})`),
      );
    }
  });

  it("takes the server owner's image hosts, lowercased, and refuses one that is not a host", () => {
    expect(readConfig(convars({ 'handset:image_hosts': 'Images.Example.com, *.cdn.example.org' })).imageHosts).toEqual([
      'images.example.com',
      '*.cdn.example.org',
    ]);
    expect(() => readConfig(convars({ 'handset:image_hosts': 'https://images.example.com/' }))).toThrow(
      new ConfigError('convar handset:image_hosts: a host such as i.imgur.com or *.example.com (got ["https://images.example.com/"])'),
    );
  });
});

describe('isAllowedImage', () => {
  const hosts = ['i.imgur.com', '*.fivemanage.com'];

  it('allows https images on the listed hosts and their wildcard subdomains', () => {
    expect(isAllowedImage('https://i.imgur.com/a.png', hosts)).toBe(true);
    expect(isAllowedImage('https://r2.fivemanage.com/p/1.webp', hosts)).toBe(true);
  });

  it('refuses other hosts, look-alikes, plain http, credentials and non-URLs', () => {
    expect(isAllowedImage('https://imgur.com/a.png', hosts)).toBe(false);
    expect(isAllowedImage('https://i.imgur.com.evil.example/a.png', hosts)).toBe(false);
    expect(isAllowedImage('https://evilfivemanage.com/a.png', hosts)).toBe(false);
    expect(isAllowedImage('http://i.imgur.com/a.png', hosts)).toBe(false);
    expect(isAllowedImage('https://user:pass@i.imgur.com/a.png', hosts)).toBe(false);
    expect(isAllowedImage('javascript:alert(1)', hosts)).toBe(false);
    expect(isAllowedImage('not a url', hosts)).toBe(false);
  });
});
