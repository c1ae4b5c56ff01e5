import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HandsetApp } from '@handset/sdk/app';
import { Conversation } from './components/conversation';
import { NewGroup } from './components/new-group';
import { ThreadInfo } from './components/thread-info';
import { ThreadList } from './components/thread-list';
import { parseDeepLink, type DeepLink } from './deep-link';
import { asDeleted, asMessage, asRead, asThread, errorText, messagesApi, type Message, type ThreadSummary } from './messages-api';
import { applyRead, bumpThread, directWith, markThreadRead, mergePage, putThread, withoutThread } from './threads';
import { useSettings, useTranslator } from '@handset/sdk/ui';
import { messages } from './messages';

type Screen = 'list' | 'conversation' | 'info' | 'new-group';

/** The conversation on screen (or under its info screen). `opened` tells apart two opened the same way. */
interface OpenConversation {
  threadId: string | null;
  to: string;
  draft: string;
  opened: number;
}

export function App({ app }: { app: HandsetApp }) {
  const t = useTranslator(messages);
  const api = useMemo(() => messagesApi(app), [app]);
  const { locale } = useSettings();
  const [threads, setThreads] = useState<ThreadSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>('list');
  const [conversation, setConversation] = useState<OpenConversation | null>(null);
  const [sharing, setSharing] = useState<string | null>(null);
  const opened = useRef(0);
  const paging = useRef(false);
  const threadsRef = useRef<ThreadSummary[]>([]);
  threadsRef.current = threads ?? [];
  const [visible, setVisible] = useState(app.visible);
  useEffect(() => app.on('visibility', (event) => setVisible(event.visible)), [app]);
  /** The thread the player has open and sees: its new messages are read as they come. */
  const openThreadId = useRef<string | null>(null);
  openThreadId.current = visible && (screen === 'conversation' || screen === 'info') ? (conversation?.threadId ?? null) : null;

  /** A summary as it arrived, read already when its thread is open. */
  const seen = (thread: ThreadSummary) => (thread.id === openThreadId.current && thread.unread > 0 ? { ...thread, unread: 0 } : thread);
  const put = (thread: ThreadSummary) => setThreads((list) => putThread(list ?? [], seen(thread)));

  /** Fetches a summary the list lacks (a thread on a later page, or one just made); false when the player may not see it. */
  const fetchThread = async (threadId: string) => {
    try {
      put(await api.thread(threadId));
      return true;
    } catch (error) {
      setNotice(errorText(error, t));
      return false;
    }
  };

  const loadPage = async (after: string | null) => {
    // One page at a time: the next one starts from the cursor this one returns.
    if (paging.current) return;
    paging.current = true;
    setLoadingMore(after !== null);
    try {
      const page = await api.threads(after);
      setThreads((list) => mergePage(list ?? [], page.threads.map(seen)));
      setCursor(page.cursor);
      setLoadError(null);
    } catch (error) {
      setLoadError(errorText(error, t));
    } finally {
      paging.current = false;
      setLoadingMore(false);
    }
  };

  const navigate = (next: Screen) => {
    setNotice(null);
    setScreen(next);
  };

  /** Opens a thread; `created` is its summary when the page just made it. */
  const openThread = (threadId: string, draft = '', created?: ThreadSummary) => {
    setConversation({ threadId, to: '', draft, opened: ++opened.current });
    navigate('conversation');
    if (created) put(created);
    setThreads((list) => list && markThreadRead(list, threadId));
    if (!created && !threadsRef.current.some((thread) => thread.id === threadId)) {
      void fetchThread(threadId).then((found) => {
        if (found) return;
        // A link to a thread the player is not in: back to the list, which says why.
        setConversation((current) => (current?.threadId === threadId ? null : current));
        setScreen((current) => (current === 'conversation' ? 'list' : current));
      });
    }
  };

  /** Shows the thread with `number` instead of a blank new message, when there is one. */
  const findDirect = async (conversationId: number, number: string) => {
    const adopt = (threadId: string) =>
      setConversation((current) => (current?.opened === conversationId && current.threadId === null ? { ...current, threadId } : current));
    const known = directWith(threadsRef.current, number);
    if (known) return adopt(known.id);
    try {
      const { threadId } = await api.direct(number);
      put(await api.thread(threadId));
      adopt(threadId);
    } catch {
      // No row until the first message (NOT_FOUND): a number never written to stays a new message.
    }
  };

  const compose = (number: string, draft = '') => {
    const conversationId = ++opened.current;
    setConversation({ threadId: null, to: number, draft, opened: conversationId });
    navigate('conversation');
    if (number !== '') void findDirect(conversationId, number);
  };

  /** A deleted message that was a thread's last one leaves its preview: the server says what it is now. */
  const refreshPreview = (messageId: number) => {
    const thread = threadsRef.current.find((candidate) => candidate.lastMessage?.id === messageId);
    if (thread) void api.thread(thread.id).then(put, () => {});
  };

  const closeConversation = () => {
    setConversation(null);
    navigate('list');
  };

  const follow = (link: DeepLink | null) => {
    if (link?.kind === 'thread') openThread(link.threadId);
    else if (link?.kind === 'new') compose(link.number);
    else if (link?.kind === 'share') {
      setSharing(link.text);
      setConversation(null);
      navigate('list');
    }
  };

  useEffect(() => app.on('link', ({ link }) => follow(parseDeepLink(link))), [app]);

  useEffect(() => {
    void loadPage(null);
    follow(parseDeepLink(app.info.link));
    const stops = [
      app.onMessage('message.new', (data) => {
        const message = asMessage(data);
        if (!message) return;
        if (threadsRef.current.some((thread) => thread.id === message.threadId)) {
          setThreads((list) => list && bumpThread(list, message, message.threadId === openThreadId.current));
        } else {
          void api.thread(message.threadId).then(put, () => {});
        }
      }),
      app.onMessage('thread.updated', (data) => {
        const thread = asThread(data);
        if (thread) put(thread);
      }),
      app.onMessage('thread.read', (data) => {
        const signal = asRead(data);
        if (signal) setThreads((list) => list && applyRead(list, signal));
      }),
      app.onMessage('message.deleted', (data) => {
        const messageId = asDeleted(data);
        if (messageId !== null) refreshPreview(messageId);
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [app]);

  // Escape steps back inside the app; on the list it is the phone's (the SDK hands it on when not prevented).
  const back = useRef<() => boolean>(() => false);
  back.current = () => {
    if (screen === 'info') navigate('conversation');
    else if (screen === 'conversation' || screen === 'new-group') closeConversation();
    else if (sharing !== null) setSharing(null);
    else return false;
    return true;
  };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && back.current()) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  const sent = (conversationId: number, message: Message) => {
    if (threadsRef.current.some((thread) => thread.id === message.threadId)) setThreads((list) => list && bumpThread(list, message, true));
    else void fetchThread(message.threadId);
    // A new message's first send made its thread: the screen shows that thread from now on.
    setConversation((current) =>
      current?.opened === conversationId && current.threadId === null ? { ...current, threadId: message.threadId } : current,
    );
  };

  const thread = conversation?.threadId ? (threads?.find((candidate) => candidate.id === conversation.threadId) ?? null) : null;

  return (
    <main class="app">
      <ThreadList
        hidden={screen !== 'list'}
        threads={threads}
        error={loadError}
        notice={notice}
        more={cursor !== null}
        loadingMore={loadingMore}
        locale={locale}
        sharing={sharing}
        onOpen={(chosen) => {
          openThread(chosen.id, sharing ?? '');
          setSharing(null);
        }}
        onNewMessage={() => {
          compose('', sharing ?? '');
          setSharing(null);
        }}
        onNewGroup={() => navigate('new-group')}
        onLoadMore={() => cursor !== null && void loadPage(cursor)}
        onRetry={() => void loadPage(threads === null ? null : cursor)}
        onCancelShare={() => setSharing(null)}
        onDismiss={() => setNotice(null)}
      />
      {conversation && (screen === 'conversation' || screen === 'info') && (
        <Conversation
          key={conversation.opened}
          app={app}
          api={api}
          threadId={conversation.threadId}
          thread={thread}
          to={conversation.to}
          draft={conversation.draft}
          locale={locale}
          hidden={screen !== 'conversation'}
          onBack={closeConversation}
          onInfo={() => navigate('info')}
          onRecipient={(number) => void findDirect(conversation.opened, number)}
          onSent={(message) => sent(conversation.opened, message)}
          onRead={(threadId) => setThreads((list) => list && markThreadRead(list, threadId))}
          onDeleted={refreshPreview}
        />
      )}
      {screen === 'info' && thread && (
        <ThreadInfo
          key={thread.id}
          app={app}
          api={api}
          thread={thread}
          onBack={() => navigate('conversation')}
          onChanged={put}
          onLeft={() => {
            setThreads((list) => list && withoutThread(list, thread.id));
            closeConversation();
          }}
        />
      )}
      {screen === 'new-group' && (
        <NewGroup
          app={app}
          api={api}
          onCancel={() => navigate('list')}
          onCreated={(created) => openThread(created.id, '', created)}
        />
      )}
    </main>
  );
}
