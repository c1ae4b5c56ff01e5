import type { PluginContext } from '@handset/sdk/server/plugin';
import { pattern, readReportDestinations, settingsReader, wholeNumber, wordList, type ReportDestinations, type SocialRules } from '@handset/sdk/server/social';

/** The server owner's Tweeder rules (`handset:tweeder:<name>`), read once when the app starts. */
export interface TweederSettings extends SocialRules {
  /** Characters a post's text may have. */
  maxLength: number;
  /** Posts (replies and reposts too) one account may make a minute, and at once. */
  postsPerMinute: number;
  /** Reports one account may file an hour (each goes to the owner's log destinations), and at once. */
  reportsPerHour: number;
  /** Posts one account may keep. */
  maxPosts: number;
  /** Notifications one account keeps: each new one past this many takes the oldest's place. */
  maxNotifications: number;
  /** The window trending hashtags are counted over. */
  trendingHours: number;
  /** Where reports go besides the database: a Discord webhook, and Fivemanage's logs. */
  reports: ReportDestinations;
}

/** The settings, each bad value replaced by its default with a warning naming it. */
export function readTweederSettings(setting: PluginContext['setting'], warn: (message: string) => void): TweederSettings {
  const read = settingsReader('tweeder', setting, warn);
  return {
    handlePattern: read('handle_pattern', '^[a-z0-9_]{3,20}$', pattern, 'a regular expression'),
    maxLength: read('max_length', '280', wholeNumber(1, 1000), 'a whole number from 1 to 1000'),
    postsPerMinute: read('posts_per_minute', '5', wholeNumber(1, 600), 'a whole number from 1 to 600'),
    reportsPerHour: read('reports_per_hour', '10', wholeNumber(1, 1000), 'a whole number from 1 to 1000'),
    maxPosts: read('max_posts', '10000', wholeNumber(1, 1_000_000), 'a whole number from 1 to 1000000'),
    maxFollows: read('max_follows', '2000', wholeNumber(1, 100_000), 'a whole number from 1 to 100000'),
    maxBlocks: read('max_blocks', '1000', wholeNumber(1, 100_000), 'a whole number from 1 to 100000'),
    maxNotifications: read('max_notifications', '500', wholeNumber(1, 100_000), 'a whole number from 1 to 100000'),
    blacklist: read('blacklist', '', wordList, 'words separated by commas'),
    trendingHours: read('trending_hours', '168', wholeNumber(1, 24 * 365), 'a whole number of hours from 1 to 8760'),
    reports: readReportDestinations(read),
  };
}
