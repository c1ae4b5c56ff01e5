import { ComposeIcon, ErrorNotice, InboxIcon, SentIcon, TabBar, type Tab } from '@handset/sdk/ui';
import { formatWhen } from '../format';
import type { Folder, MailAddress, MailSummary } from '../mail-api';

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

const FOLDERS: (Tab<Folder> & { empty: string })[] = [
  { id: 'inbox', label: 'Inbox', icon: <InboxIcon />, empty: 'Mail sent to you appears here.' },
  { id: 'sent', label: 'Sent', icon: <SentIcon />, empty: 'Mail you send appears here.' },
];

export const PANEL_ID = 'mail-panel';
const tabId = (folder: Folder) => `tab-${folder}`;
/** How close to the end of the list the next page starts loading, in pixels. */
const MORE_MARGIN = 160;

/** The main screen: the folder's mail newest first, older pages as the player scrolls, and the folder tabs. */
export function Mailbox({ folder, state, address, locale, hidden, onFolder, onOpen, onCompose, onChangeAddress, onMore, onRetry }: MailboxProps) {
  const current = FOLDERS.find((item) => item.id === folder)!;
  const { mails, cursor, loading, error } = state;

  return (
    <section class="screen" hidden={hidden} aria-label="Mail">
      <header class="list-header">
        <div class="title-row">
          <h1>{current.label}</h1>
          <button type="button" class="icon-button" aria-label="Compose" title="Compose" onClick={onCompose}>
            <ComposeIcon />
          </button>
        </div>
        <p class="my-address">
          <span>{address.address}</span>
          <button type="button" class="text-button small" aria-label="Change address" onClick={onChangeAddress}>
            Change
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

        {mails === null && !error && <p class="placeholder">Loading…</p>}

        {mails !== null && mails.length === 0 && (
          <div class="empty">
            <p class="empty-title">No Mail</p>
            <p>{current.empty}</p>
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
                        <span class="visually-hidden">Unread</span>
                      </span>
                    )}
                  </span>
                  <span class="mail-text">
                    <span class="mail-top">
                      <span class="mail-who">{mail.folder === 'inbox' ? mail.from : `To: ${mail.to}`}</span>
                      <time class="mail-when" dateTime={new Date(mail.createdAt).toISOString()}>
                        {formatWhen(mail.createdAt, locale)}
                      </time>
                    </span>
                    <span class="mail-subject">{mail.subject || '(No subject)'}</span>
                    <span class="mail-preview">{mail.preview}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}

        {mails !== null && mails.length > 0 && loading && cursor !== null && <p class="placeholder more">Loading…</p>}
      </div>

      <TabBar label="Folders" tabs={FOLDERS} selected={folder} panelId={PANEL_ID} onSelect={onFolder} />
    </section>
  );
}
