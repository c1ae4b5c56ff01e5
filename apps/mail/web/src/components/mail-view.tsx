import { formatFull } from '../format';
import type { Folder, Mail } from '../mail-api';
import { BackIcon, BlockIcon, EnvelopeIcon, NavBar, ReplyIcon, TrashIcon } from '@handset/sdk/ui';

export interface MailViewProps {
  folder: Folder;
  /** Null while it loads. */
  mail: Mail | null;
  locale: string;
  busy: boolean;
  error: string | null;
  onBack(): void;
  onReply(): void;
  onMarkUnread(): void;
  onDelete(): void;
  /** Whether the player blocked this mail's sender. */
  senderBlocked: boolean;
  onBlockSender(): void;
  onUnblockSender(): void;
}

const FOLDER_LABELS: Record<Folder, string> = { inbox: 'Inbox', sent: 'Sent' };

/** One mail: who, when, the subject and the body as text, with Reply, Delete and (in the inbox) Mark as Unread and Block Sender. */
export function MailView({ folder, mail, locale, busy, error, onBack, onReply, onMarkUnread, onDelete, senderBlocked, onBlockSender, onUnblockSender }: MailViewProps) {
  return (
    <section class="screen pushed" aria-label={mail ? mail.subject || '(No subject)' : 'Mail'} aria-busy={busy || mail === null}>
      <NavBar
        leading={
          <button type="button" class="back" onClick={onBack}>
            <BackIcon />
            {FOLDER_LABELS[folder]}
          </button>
        }
      />
      <div class="scroll mail-scroll">
        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}
        {mail === null && !error && <p class="placeholder">Loading…</p>}
        {mail && (
          <article class="mail">
            <h2 class="mail-title">{mail.subject || '(No subject)'}</h2>
            <dl class="mail-meta">
              <div>
                <dt>From</dt>
                <dd>{mail.from}</dd>
              </div>
              <div>
                <dt>To</dt>
                <dd>{mail.to}</dd>
              </div>
              <div>
                <dt class="visually-hidden">Date</dt>
                <dd class="mail-date">{formatFull(mail.createdAt, locale)}</dd>
              </div>
            </dl>
            <p class="mail-body">{mail.body}</p>
          </article>
        )}
      </div>
      {mail && (
        <footer class="toolbar">
          {mail.folder === 'inbox' ? (
            <button type="button" class="tool" aria-label="Mark as unread" title="Mark as unread" disabled={busy} onClick={onMarkUnread}>
              <EnvelopeIcon />
            </button>
          ) : (
            <span class="tool-spacer" />
          )}
          {mail.folder === 'inbox' &&
            (senderBlocked ? (
              <button type="button" class="tool" aria-label="Unblock sender" title="Unblock sender" aria-pressed="true" disabled={busy} onClick={onUnblockSender}>
                <BlockIcon />
              </button>
            ) : (
              <button type="button" class="tool danger" aria-label="Block sender" title="Block sender" disabled={busy} onClick={onBlockSender}>
                <BlockIcon />
              </button>
            ))}
          <button type="button" class="tool danger" aria-label="Delete" title="Delete" disabled={busy} onClick={onDelete}>
            <TrashIcon />
          </button>
          <button type="button" class="tool" aria-label="Reply" title="Reply" disabled={busy} onClick={onReply}>
            <ReplyIcon />
          </button>
        </footer>
      )}
    </section>
  );
}
