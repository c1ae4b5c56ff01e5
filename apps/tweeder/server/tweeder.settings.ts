import type { PluginContext } from '@handset/sdk/server/plugin';

/** The server owner's Tweeder rules (`handset:tweeder:<name>`), read once when the app starts. */
export interface TweederSettings {
  /** What a handle must match, lower case (e.g. `^[a-z0-9_]{3,20}$`). */
  handlePattern: RegExp;
  /** Characters a post's text may have. */
  maxLength: number;
  /** Posts (replies and reposts too) one account may make a minute, and at once. */
  postsPerMinute: number;
  /** Reports one account may file an hour (each goes to the owner's log destinations), and at once. */
  reportsPerHour: number;
  /** Posts one account may keep. */
  maxPosts: number;
  /** Accounts one account may follow, block and mute, each. */
  maxFollows: number;
  maxBlocks: number;
  /** Notifications one account keeps: each new one past this many takes the oldest's place. */
  maxNotifications: number;
  /** Words refused in posts, handles, names and bios, lower case. */
  blacklist: string[];
  /** The window trending hashtags are counted over. */
  trendingHours: number;
  /** Where reports go besides the database: a Discord webhook, and Fivemanage's logs. */
  reportWebhook: string | null;
  fivemanageLogsToken: string | null;
  /** Fivemanage's log ingestion (POST an array of `{ level, message, metadata, resource }`, the token as Authorization). */
  fivemanageLogsUrl: string;
}

const wholeIn = (min: number, max: number) => (text: string) => (/^\d{1,7}$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : undefined);
const webUrl = (text: string) => {
  if (text === '') return null;
  try {
    return ['https:', 'http:'].includes(new URL(text).protocol) ? text : undefined;
  } catch {
    return undefined;
  }
};

/** The settings, each bad value replaced by its default with a warning naming it. */
export function readTweederSettings(setting: PluginContext['setting'], warn: (message: string) => void): TweederSettings {
  const read = <T>(name: string, fallback: string, parse: (text: string) => T | undefined, expected: string): T => {
    const text = setting(name, fallback).trim();
    const value = parse(text);
    if (value !== undefined) return value;
    warn(`handset:tweeder:${name} must be ${expected}; using ${fallback || 'none'}`);
    return parse(fallback)!;
  };
  return {
    handlePattern: read(
      'handle_pattern',
      '^[a-z0-9_]{3,20}$',
      (text) => {
        try {
          return new RegExp(text);
        } catch {
          return undefined;
        }
      },
      'a regular expression',
    ),
    maxLength: read('max_length', '280', wholeIn(1, 1000), 'a whole number from 1 to 1000'),
    postsPerMinute: read('posts_per_minute', '5', wholeIn(1, 600), 'a whole number from 1 to 600'),
    reportsPerHour: read('reports_per_hour', '10', wholeIn(1, 1000), 'a whole number from 1 to 1000'),
    maxPosts: read('max_posts', '10000', wholeIn(1, 1_000_000), 'a whole number from 1 to 1000000'),
    maxFollows: read('max_follows', '2000', wholeIn(1, 100_000), 'a whole number from 1 to 100000'),
    maxBlocks: read('max_blocks', '1000', wholeIn(1, 100_000), 'a whole number from 1 to 100000'),
    maxNotifications: read('max_notifications', '500', wholeIn(1, 100_000), 'a whole number from 1 to 100000'),
    blacklist: read('blacklist', '', (text) => text.toLowerCase().split(',').map((word) => word.trim()).filter(Boolean), 'words separated by commas'),
    trendingHours: read('trending_hours', '168', wholeIn(1, 24 * 365), 'a whole number of hours from 1 to 8760'),
    reportWebhook: read('report_webhook', '', webUrl, 'a URL (a Discord webhook)'),
    fivemanageLogsToken: read('fivemanage_logs_token', '', (text) => text || null, 'a token'),
    fivemanageLogsUrl: read('fivemanage_logs_url', 'https://api.fivemanage.com/api/v3/logs', (text) => webUrl(text) ?? undefined, 'a URL'),
  };
}
