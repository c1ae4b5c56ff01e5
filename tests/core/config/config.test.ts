import { describe, expect, it } from 'vitest';
import { ConfigError, isAllowedImage, readConfig, rereadConfig } from '../../../core/server/config';
import { createSettingsReader } from '../../../core/server/apps/app-settings';

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
      language: 'en',
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

describe('rereadConfig, for changes at run time', () => {
  it('applies live convars in place, keeps the previous value of a bad one, and says which wait for a restart', () => {
    const config = readConfig(convars({}));
    const hosts = config.imageHosts;
    const warnings: string[] = [];
    const applied = rereadConfig(
      config,
      convars({
        'handset:image_hosts': 'images.example.com',
        'handset:passcode_attempts': '3',
        'handset:passcode_lockout_seconds': 'soon',
        'handset:number_format': '(###) ###-####',
      }),
      (message) => warnings.push(message),
    );
    expect(applied).toEqual(['imageHosts', 'passcodeAttempts']);
    // The same array: services that hold it see the new hosts.
    expect(config.imageHosts).toBe(hosts);
    expect(hosts).toEqual(['images.example.com']);
    expect(config).toMatchObject({ passcodeAttempts: 3, passcodeLockoutSeconds: 30, numberFormat: '555-###-####' });
    expect(warnings).toEqual([
      'convar handset:number_format changes when Handset restarts',
      'convar handset:passcode_lockout_seconds: a whole number from 1 to 100000 (got "soon") — the previous value is kept',
    ]);
    expect(rereadConfig(config, convars({ 'handset:image_hosts': 'images.example.com', 'handset:passcode_attempts': '3' }), () => undefined)).toEqual([]);
  });
});

describe("an app's words", () => {
  it('disable the app on a bad first value, keep the previous one on a bad later value, and say whether it changed', () => {
    const set: Record<string, string> = { 'handset:app:bank': 'jobs=police:2,ems order=2' };
    const warnings: string[] = [];
    const reader = createSettingsReader(convars(set), (message) => warnings.push(message));
    expect(reader.get('bank')).toEqual({ enabled: true, allowDefault: false, removable: false, system: false, jobs: [{ name: 'police', minGrade: 2 }, { name: 'ems', minGrade: 0 }], order: 2 });
    expect(reader.refresh('bank').changed).toBe(false);
    set['handset:app:bank'] = 'disabled';
    expect(reader.refresh('bank')).toEqual({ settings: { enabled: false, allowDefault: false, removable: false, system: false, jobs: [], order: null }, changed: true });
    set['handset:app:bank'] = 'jobs=';
    expect(reader.refresh('bank')).toEqual({ settings: { enabled: false, allowDefault: false, removable: false, system: false, jobs: [], order: null }, changed: false });
    set['handset:app:shop'] = 'sometimes';
    expect(reader.get('shop').enabled).toBe(false);
    expect(warnings).toEqual([
      'convar handset:app:bank: "jobs=" is not one of enabled, disabled, default, removable, system, jobs=…, order=… — the previous value is kept',
      'convar handset:app:shop: "sometimes" is not one of enabled, disabled, default, removable, system, jobs=…, order=… — app disabled',
    ]);
  });
});
