import { useEffect, useRef } from 'preact/hooks';
import { formatListTime } from '../format';
import type { ThreadSummary } from '../messages-api';
import { previewLine } from '../threads';
import { Avatar, CloseIcon, ComposeIcon, ErrorNotice, NewGroupIcon, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

export interface ThreadListProps {
  /** Null until the first page came. */
  threads: ThreadSummary[] | null;
  /** Why the list could not be loaded, if it could not. */
  error: string | null;
  /** An action's refusal to show over the list (a link to a thread the player is not in …). */
  notice: string | null;
  /** Whether older threads are left to load. */
  more: boolean;
  loadingMore: boolean;
  locale: string;
  /** Text another app shared: the player picks the thread to send it to. */
  sharing: string | null;
  hidden: boolean;
  onOpen(thread: ThreadSummary): void;
  onNewMessage(): void;
  onNewGroup(): void;
  onLoadMore(): void;
  onRetry(): void;
  onCancelShare(): void;
  onDismiss(): void;
}

/** How close to the end, in pixels, the next page starts loading. */
const LOAD_AHEAD_PX = 160;

/** The main screen: every conversation, most recent first, loading older ones as the player nears the end. */
export function ThreadList(props: ThreadListProps) {
  const t = useTranslator(messages);
  const { threads, error, notice, more, loadingMore, locale, sharing, hidden } = props;
  const { onOpen, onNewMessage, onNewGroup, onLoadMore, onRetry, onCancelShare, onDismiss } = props;
  const scroller = useRef<HTMLDivElement>(null);

  const nearEnd = () => {
    const element = scroller.current;
    return element !== null && element.scrollTop + element.clientHeight >= element.scrollHeight - LOAD_AHEAD_PX;
  };

  // A page shorter than the screen gives nothing to scroll: load on until it fills (a hidden list has no height).
  useEffect(() => {
    const element = scroller.current;
    if (!hidden && more && !loadingMore && element && element.clientHeight > 0 && nearEnd()) onLoadMore();
  }, [threads, more, loadingMore, hidden]);

  return (
    <section class="screen list-screen" hidden={hidden} aria-label={t('messages')}>
      <header class="list-header">
        <div class="title-row">
          <h1>{t('messages')}</h1>
          <div class="header-actions">
            <button type="button" class="icon-button" aria-label={t('newGroup')} title={t('newGroup')} onClick={onNewGroup}>
              <NewGroupIcon />
            </button>
            <button type="button" class="icon-button" aria-label={t('newMessage')} title={t('newMessage')} onClick={onNewMessage}>
              <ComposeIcon />
            </button>
          </div>
        </div>
        {sharing !== null && (
          <div class="share-banner" role="status">
            <span>{t('chooseConversation')}</span>
            <button type="button" class="text-button" onClick={onCancelShare}>
              {t('cancel')}
            </button>
          </div>
        )}
      </header>

      <div class="scroll" ref={scroller} onScroll={() => more && !loadingMore && nearEnd() && onLoadMore()}>
        {notice && (
          <div class="notice" role="alert">
            <p>{notice}</p>
            <button type="button" class="dismiss" aria-label={t('dismiss')} onClick={onDismiss}>
              <CloseIcon />
            </button>
          </div>
        )}
        {error && (
          <ErrorNotice message={error} onRetry={onRetry} />
        )}

        {threads === null && !error && <p class="placeholder">{t('loading')}</p>}

        {threads !== null && threads.length === 0 && !more && (
          <div class="empty">
            <p class="empty-title">{t('noMessages')}</p>
            <p>{t('noMessagesHint')}</p>
            <button type="button" class="text-button" onClick={onNewMessage}>
              {t('writeMessage')}
            </button>
          </div>
        )}

        {threads !== null && threads.length > 0 && (
          <ul class="threads">
            {threads.map((thread, index) => (
              <li key={thread.id}>
                <ThreadRow thread={thread} index={index} locale={locale} onOpen={() => onOpen(thread)} />
              </li>
            ))}
          </ul>
        )}

        {loadingMore && <p class="placeholder more">{t('loading')}</p>}
      </div>
    </section>
  );
}

function ThreadRow({ thread, index, locale, onOpen }: { thread: ThreadSummary; index: number; locale: string; onOpen(): void }) {
  const t = useTranslator(messages);
  const id = `thread-${index}`;
  const unread = thread.unread > 0;
  return (
    <button
      type="button"
      class={unread ? 'thread-row unread' : 'thread-row'}
      aria-label={thread.title}
      aria-describedby={`${id}-preview${unread ? ` ${id}-unread` : ''}`}
      onClick={onOpen}
    >
      <Avatar name={thread.title} group={thread.kind === 'group'} size="row" />
      <span class="thread-text">
        <span class="thread-top">
          <span class="thread-title">{thread.title}</span>
          {thread.lastMessage && (
            <time class="thread-time" dateTime={new Date(thread.lastMessage.sentAt).toISOString()}>
              {formatListTime(thread.lastMessage.sentAt, locale, t)}
            </time>
          )}
        </span>
        <span class="thread-bottom">
          <span class="thread-preview" id={`${id}-preview`}>
            {previewLine(thread, t)}
          </span>
          {unread && (
            <span class="unread-badge" id={`${id}-unread`} aria-label={t('unread', { count: thread.unread })}>
              {thread.unread > 99 ? '99+' : thread.unread}
            </span>
          )}
        </span>
      </span>
    </button>
  );
}
