import type { PluginContext } from '@handset/sdk/server/plugin';
import { pattern, readReportDestinations, settingsReader, wholeNumber, wordList, type ReportDestinations, type SocialRules } from '@handset/sdk/server/social';

/** The server owner's Cloutgram rules (`handset:cloutgram:<name>`), read once when the app starts. */
export interface CloutgramSettings extends SocialRules {
  /** Characters a caption may have. */
  captionLength: number;
  /** Posts and stories one account may make a minute (and at once); comments and story replies a minute. */
  postsPerMinute: number;
  commentsPerMinute: number;
  /** Reports one account may file an hour. */
  reportsPerHour: number;
  /** Posts, saved posts and live stories one account may keep; comments one post may have. */
  maxPosts: number;
  maxSaves: number;
  maxStories: number;
  maxComments: number;
  /** Notifications one account keeps: each new one past this many takes the oldest's place. */
  maxNotifications: number;
  /** How long a story is served. */
  storyHours: number;
  reports: ReportDestinations;
}

/** The settings, each bad value replaced by its default with a warning naming it. */
export function readCloutgramSettings(setting: PluginContext['setting'], warn: (message: string) => void): CloutgramSettings {
  const read = settingsReader('cloutgram', setting, warn);
  const whole = (name: string, fallback: number, max: number) => read(name, String(fallback), wholeNumber(1, max), `a whole number from 1 to ${max}`);
  return {
    handlePattern: read('handle_pattern', '^[a-z0-9_.]{3,24}$', pattern, 'a regular expression'),
    maxFollows: whole('max_follows', 2000, 100_000),
    maxBlocks: whole('max_blocks', 1000, 100_000),
    blacklist: read('blacklist', '', wordList, 'words separated by commas'),
    captionLength: whole('caption_length', 2200, 2200),
    postsPerMinute: whole('posts_per_minute', 5, 600),
    commentsPerMinute: whole('comments_per_minute', 20, 600),
    reportsPerHour: whole('reports_per_hour', 10, 1000),
    maxPosts: whole('max_posts', 5000, 1_000_000),
    maxSaves: whole('max_saves', 2000, 100_000),
    maxStories: whole('max_stories', 30, 1000),
    maxComments: whole('max_comments', 5000, 1_000_000),
    maxNotifications: whole('max_notifications', 500, 100_000),
    storyHours: whole('story_hours', 24, 168),
    reports: readReportDestinations(read),
  };
}
