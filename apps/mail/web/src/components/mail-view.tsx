import { formatFull } from '../format';
import type { Folder, Mail } from '../mail-api';
import { BackIcon, BlockIcon, EnvelopeIcon, NavBar, ReplyIcon, TrashIcon, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

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


/** One mail: who, when, the subject and the body as text, with Reply, Delete and (in the inbox) Mark as Unread and Block Sender. */
export function MailView({ folder, mail, locale, busy, error, onBack, onReply, onMarkUnread, onDelete, senderBlocked, onBlockSender, onUnblockSender }: MailViewProps) {
  const t = useTranslator(messages);
  return (
    <section class="screen pushed" aria-label={mail ? mail.subject || t('noSubject') : t('mail')} aria-busy={busy || mail === null}>
      <NavBar
        leading={
          <button type="button" class="back" onClick={onBack}>
            <BackIcon />
            {t(folder)}
          </button>
        }
      />
      <div class="scroll mail-scroll">
        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}
        {mail === null && !error && <p class="placeholder">{t('loading')}</p>}
        {mail && (
          <article class="mail">
            <h2 class="mail-title">{mail.subject || t('noSubject')}</h2>
            <dl class="mail-meta">
              <div>
                <dt>{t('from')}</dt>
                <dd>{mail.from}</dd>
              </div>
              <div>
                <dt>{t('to')}</dt>
                <dd>{mail.to}</dd>
              </div>
              <div>
                <dt class="visually-hidden">{t('date')}</dt>
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
            <button type="button" class="tool" aria-label={t('markUnread')} title={t('markUnread')} disabled={busy} onClick={onMarkUnread}>
              <EnvelopeIcon />
            </button>
          ) : (
            <span class="tool-spacer" />
          )}
          {mail.folder === 'inbox' &&
            (senderBlocked ? (
              <button type="button" class="tool" aria-label={t('unblockSender')} title={t('unblockSender')} aria-pressed="true" disabled={busy} onClick={onUnblockSender}>
                <BlockIcon />
              </button>
            ) : (
              <button type="button" class="tool danger" aria-label={t('blockSender')} title={t('blockSender')} disabled={busy} onClick={onBlockSender}>
                <BlockIcon />
              </button>
            ))}
          <button type="button" class="tool danger" aria-label={t('delete')} title={t('delete')} disabled={busy} onClick={onDelete}>
            <TrashIcon />
          </button>
          <button type="button" class="tool" aria-label={t('reply')} title={t('reply')} disabled={busy} onClick={onReply}>
            <ReplyIcon />
          </button>
        </footer>
      )}
    </section>
  );
}
