import { ComposeIcon, ErrorNotice, InboxIcon, SentIcon, type Tab, TabBar, useTranslator } from '@handset/sdk/ui';
import { formatWhen } from '../format';
import type { Folder, MailAddress, MailSummary } from '../mail-api';
import { messages } from '../messages';

/** A folder as the page holds it: null mails until the first answer. */
export interface FolderState {
  mails: MailSummary[] | null;
  cursor: string | null;
  loading: boolean;
  error: string | null;
}

export interface MailboxProps {
  folder: Folder;
  state: FolderState;
  address: MailAddress;
  locale: string;
  hidden: boolean;
  onFolder(folder: Folder): void;
  onOpen(mail: MailSummary): void;
  onCompose(): void;
  onChangeAddress(): void;
  onMore(): void;
  onRetry(): void;
}

const FOLDERS = [
  { id: 'inbox', icon: <InboxIcon />, empty: 'inboxEmpty' },
  { id: 'sent', icon: <SentIcon />, empty: 'sentEmpty' },
] as const;

export const PANEL_ID = 'mail-panel';
const tabId = (folder: Folder) => `tab-${folder}`;
/** How close to the end of the list the next page starts loading, in pixels. */
const MORE_MARGIN = 160;

/** The main screen: the folder's mail newest first, older pages as the player scrolls, and the folder tabs. */
export function Mailbox({ folder, state, address, locale, hidden, onFolder, onOpen, onCompose, onChangeAddress, onMore, onRetry }: MailboxProps) {
  const t = useTranslator(messages);
  const current = FOLDERS.find((item) => item.id === folder)!;
  const tabs: Tab<Folder>[] = FOLDERS.map(({ id, icon }) => ({ id, icon, label: t(id) }));
  const { mails, cursor, loading, error } = state;

  return (
    <section class="screen" hidden={hidden} aria-label={t('mail')}>
      <header class="list-header">
        <div class="title-row">
          <h1>{t(current.id)}</h1>
          <button type="button" class="icon-button" aria-label={t('compose')} title={t('compose')} onClick={onCompose}>
            <ComposeIcon />
          </button>
        </div>
        <p class="my-address">
          <span>{address.address}</span>
          <button type="button" class="text-button small" aria-label={t('changeAddress')} onClick={onChangeAddress}>
            {t('change')}
          </button>
        </p>
      </header>

      <div
        class="scroll"
        id={PANEL_ID}
        role="tabpanel"
        aria-labelledby={tabId(folder)}
        onScroll={(event) => {
          const list = event.currentTarget;
          if (list.scrollTop + list.clientHeight >= list.scrollHeight - MORE_MARGIN) onMore();
        }}
      >
        {error && (
          <ErrorNotice message={error} onRetry={onRetry} />
        )}

        {mails === null && !error && <p class="placeholder">{t('loading')}</p>}

        {mails !== null && mails.length === 0 && (
          <div class="empty">
            <p class="empty-title">{t('noMail')}</p>
            <p>{t(current.empty)}</p>
          </div>
        )}

        {mails !== null && mails.length > 0 && (
          <ul class="mail-list">
            {mails.map((mail) => (
              <li key={mail.id}>
                <button type="button" class={mail.read ? 'mail-row' : 'mail-row unread'} onClick={() => onOpen(mail)}>
                  <span class="dot-column">
                    {!mail.read && (
                      <span class="unread-dot">
                        <span class="visually-hidden">{t('unread')}</span>
                      </span>
                    )}
                  </span>
                  <span class="mail-text">
                    <span class="mail-top">
                      <span class="mail-who">{mail.folder === 'inbox' ? mail.from : t('toWhom', { to: mail.to })}</span>
                      <time class="mail-when" dateTime={new Date(mail.createdAt).toISOString()}>
                        {formatWhen(mail.createdAt, locale, t)}
                      </time>
                    </span>
                    <span class="mail-subject">{mail.subject || t('noSubject')}</span>
                    <span class="mail-preview">{mail.preview}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}

        {mails !== null && mails.length > 0 && loading && cursor !== null && <p class="placeholder more">{t('loading')}</p>}
      </div>

      <TabBar label={t('folders')} tabs={tabs} selected={folder} panelId={PANEL_ID} onSelect={onFolder} />
    </section>
  );
}
