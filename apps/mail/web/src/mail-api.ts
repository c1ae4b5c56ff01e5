import { SdkError, type HandsetApp } from '../../../../sdk/app';

export type Folder = 'inbox' | 'sent';

/** The character's address, as `mail.address` and `mail.claim` answer it (apps/mail/README.md). */
export interface MailAddress {
  name: string;
  address: string;
  canChange: boolean;
  nextChangeAt: number | null;
}

/** A mail as a folder's list carries it. */
export interface MailSummary {
  id: number;
  folder: Folder;
  from: string;
  to: string;
  subject: string;
  preview: string;
  read: boolean;
  createdAt: number;
}

/** A mail, whole. */
export interface Mail extends Omit<MailSummary, 'preview'> {
  body: string;
  replyTo: number | null;
}

export interface MailPage {
  mails: MailSummary[];
  cursor: string | null;
}

/** What compose sends, as typed. */
export interface Draft {
  to: string;
  subject: string;
  body: string;
  /** The mail this answers. */
  replyTo: number | null;
}

export const EMPTY_DRAFT: Draft = { to: '', subject: '', body: '', replyTo: null };

/** How many mails a page of a folder asks for. */
export const PAGE_SIZE = 30;

/** The player-facing text of a failure: the server's and the phone's messages are written for players. */
export function errorText(error: unknown): string {
  return error instanceof SdkError ? error.message : 'Something went wrong. Try again.';
}

/** A reply's draft: to the other party of the mail, "Re: " once in front of its subject. */
export function replyDraft(mail: Mail): Draft {
  return {
    to: mail.folder === 'inbox' ? mail.from : mail.to,
    subject: /^re:/i.test(mail.subject) ? mail.subject : `Re: ${mail.subject}`.slice(0, 120),
    body: '',
    replyTo: mail.id,
  };
}

/** The body's first characters, as the list shows them. */
export function summaryOf(mail: Mail): MailSummary {
  const { body, replyTo: _replyTo, ...fields } = mail;
  return { ...fields, preview: body.replace(/\s+/g, ' ').trim().slice(0, 100) };
}

/** The server plugin's actions, typed by the contract. */
export function mailApi(app: HandsetApp) {
  return {
    address: () => app.request<MailAddress | null>('mail.address', {}),
    claim: (name: string) => app.request<MailAddress>('mail.claim', { name }),
    list: (folder: Folder, cursor: string | null) =>
      app.request<MailPage>('mail.list', cursor === null ? { folder, limit: PAGE_SIZE } : { folder, cursor, limit: PAGE_SIZE }),
    get: (id: number) => app.request<Mail>('mail.get', { id }),
    setRead: (id: number, read: boolean) => app.request<Mail>('mail.setRead', { id, read }),
    remove: (id: number) => app.request<null>('mail.delete', { id }),
    send: (draft: Draft, clientId: string) =>
      app.request<Mail>('mail.send', {
        clientId,
        to: draft.to.trim(),
        subject: draft.subject.trim(),
        body: draft.body.trim(),
        ...(draft.replyTo !== null && { replyTo: draft.replyTo }),
      }),
  };
}
