import type { PluginContext } from '@handset/sdk/server/plugin';

/** The server owner's mail rules (`handset:mail:<name>`), read once when the app starts. */
export interface MailSettings {
  /** What follows the `@` of every claimed address. */
  domain: string;
  /** Whether a character may change their address at all. */
  allowChange: boolean;
  /** Days between two changes of one character's address; 0: no wait. */
  changeDays: number;
  /** Mails one character may send to one address a minute (and at once). */
  perRecipientPerMinute: number;
  /** Mails an inbox holds; past it, new mail is refused to its sender. */
  maxMailbox: number;
}

const DOMAIN = /^(?=.{3,100}$)[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

const wholeIn = (min: number, max: number) => (text: string) => (/^\d{1,6}$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : undefined);

/** The settings, each bad value replaced by its default with a warning naming it. */
export function readMailSettings(setting: PluginContext['setting'], warn: (message: string) => void): MailSettings {
  const read = <T>(name: string, fallback: string, parse: (text: string) => T | undefined, expected: string): T => {
    const text = setting(name, fallback).trim().toLowerCase();
    const value = parse(text);
    if (value !== undefined) return value;
    warn(`handset:mail:${name} must be ${expected}; using ${fallback}`);
    return parse(fallback)!;
  };
  return {
    domain: read('domain', 'handset.mail', (text) => (DOMAIN.test(text) ? text : undefined), 'a domain such as handset.mail'),
    allowChange: read('allow_change', 'true', (text) => (text === 'true' ? true : text === 'false' ? false : undefined), 'true or false'),
    changeDays: read('change_days', '7', (text) => (/^\d{1,4}$/.test(text) ? Number(text) : undefined), 'a whole number of days from 0 to 9999'),
    perRecipientPerMinute: read('per_recipient_per_minute', '5', wholeIn(1, 600), 'a whole number from 1 to 600'),
    maxMailbox: read('max_mailbox', '500', wholeIn(1, 100_000), 'a whole number from 1 to 100000'),
  };
}
