import { contractClient, SdkError, type HandsetApp } from '@handset/sdk/app';
import type { Folder, Mail, MailAddress, mailContract, MailPage, MailSummary } from '../../contract';
import { formatFull } from './format';
import type { MailText } from './messages';

export type { Folder, Mail, MailAddress, MailPage, MailSummary };

/** What compose sends, as typed. */
export interface Draft {
  to: string;
  subject: string;
  body: string;
  /** The mail this answers. */
  replyTo: number | null;
  /** A reply's quoted original ('' for a new mail), sent under the body. */
  quote: string;
}

export const EMPTY_DRAFT: Draft = { to: '', subject: '', body: '', replyTo: null, quote: '' };

/** The longest mail body the server takes. */
export const MAX_BODY_LENGTH = 5000;
/** How much of the original a reply quotes, so that the player keeps most of the body for their own text. */
const MAX_QUOTED_LENGTH = 2000;

/** How many mails a page of a folder asks for. */
export const PAGE_SIZE = 30;

/** The player-facing text of a failure: the server's and the phone's messages are written for players. */
export function errorText(error: unknown, t: MailText): string {
  return error instanceof SdkError ? error.message : t('somethingWrong');
}

/** A reply's draft: to the other party of the mail, "Re: " once in front of its subject, the original quoted. */
export function replyDraft(mail: Mail, locale: string, t: MailText): Draft {
  return {
    to: mail.folder === 'inbox' ? mail.from : mail.to,
    subject: /^re:/i.test(mail.subject) ? mail.subject : `Re: ${mail.subject}`.slice(0, 120),
    body: '',
    replyTo: mail.id,
    quote: quoteOf(mail, locale, t),
  };
}

/** "On <when>, <sender> wrote:" and the original's lines after "> ", cut short past MAX_QUOTED_LENGTH. */
export function quoteOf(mail: Mail, locale: string, t: MailText): string {
  const original = mail.body.length > MAX_QUOTED_LENGTH ? `${mail.body.slice(0, MAX_QUOTED_LENGTH)}…` : mail.body;
  const lines = original.split('\n').map((line) => (line === '' ? '>' : `> ${line}`));
  return [t('wrote', { when: formatFull(mail.createdAt, locale), sender: mail.from }), ...lines].join('\n');
}

/** What `mail.send` carries as the body: the player's text, then the quoted original. */
export const bodyOf = (draft: Draft): string => (draft.quote === '' ? draft.body.trim() : `${draft.body.trim()}\n\n${draft.quote}`);

/** The body's first characters, as the list shows them. */
export function summaryOf(mail: Mail): MailSummary {
  const { body, replyTo: _replyTo, ...fields } = mail;
  return { ...fields, preview: body.replace(/\s+/g, ' ').trim().slice(0, 100) };
}

/** The server plugin's actions, typed by the contract. */
export function mailApi(app: HandsetApp) {
  const mail = contractClient<typeof mailContract>(app);
  return {
    address: () => mail.request('mail.address', {}),
    domain: () => mail.request('mail.domain', {}),
    addressesOf: (numbers: string[]) => mail.request('mail.addressesOf', { numbers }),
    claim: (name: string) => mail.request('mail.claim', { name }),
    list: (folder: Folder, cursor: string | null) =>
      mail.request('mail.list', cursor === null ? { folder, limit: PAGE_SIZE } : { folder, cursor, limit: PAGE_SIZE }),
    get: (id: number) => mail.request('mail.get', { id }),
    setRead: (id: number, read: boolean) => mail.request('mail.setRead', { id, read }),
    remove: (id: number) => mail.request('mail.delete', { id }),
    blocks: () => mail.request('mail.blocks', {}),
    block: (address: string) => mail.request('mail.block', { address }),
    unblock: (address: string) => mail.request('mail.unblock', { address }),
    send: (draft: Draft, clientId: string) =>
      mail.request('mail.send', {
        clientId,
        to: draft.to.trim(),
        subject: draft.subject.trim(),
        body: bodyOf(draft),
        ...(draft.replyTo !== null && { replyTo: draft.replyTo }),
      }),
  };
}
