import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { SdkError, type HandsetApp, type PickedContact } from '@handset/sdk/app';
import { formatStamp } from '../format';
import {
  asDeleted,
  asMessage,
  asTyping,
  digitsOf,
  errorText,
  imageUrlOf,
  isRefusal,
  type Draft,
  type Message,
  type MessagesApi,
  type Outgoing,
  type SendTarget,
  type ThreadSummary,
} from '../messages-api';
import { buildTimeline, MAX_SHOWN, mergeMessages, receiptOf, SHOWN_STEP, type PendingSend, type TimelineEntry } from '../timeline';
import { memberName } from '../threads';
import { copyText } from '../clipboard';
import { BubbleView } from './bubble';
import { Composer } from './composer';
import { Avatar, BackIcon, CloseIcon, ContactCardIcon, ErrorNotice, InfoIcon, ListRow, NavBar, useContactSuggestions, useTranslator } from '@handset/sdk/ui';
import { messages as catalogue, type MessagesText } from '../messages';

export interface ConversationProps {
  app: HandsetApp;
  api: MessagesApi;
  /** The thread shown; null for a new message to a number, until its first message makes the thread. */
  threadId: string | null;
  /** The thread's summary, once the list or `threads.get` has it. */
  thread: ThreadSummary | null;
  /** A new message's recipient as the link or the player gave it (digits); '' when unknown. */
  to: string;
  /** Text to start the message box with (a share). */
  draft: string;
  locale: string;
  hidden: boolean;
  onBack(): void;
  onInfo(): void;
  /** A new message's recipient is settled (picked, or typed and confirmed): the page looks for their thread. */
  onRecipient(number: string): void;
  onSent(message: Message): void;
  onRead(threadId: string, messageId: number): void;
  onDeleted(messageId: number): void;
}

/** At most one `threads.typing` per this many ms while the player types. */
export const TYPING_SIGNAL_MS = 3000;
/** How long "… is typing" stays after a `typing` push. */
export const TYPING_SHOWN_MS = 5000;
/** How long "Copied" stays after a message was copied. */
export const COPIED_SHOWN_MS = 1500;
/** How close to the top, in pixels, older messages start loading. */
const LOAD_AHEAD_PX = 160;

const keyOf = (entry: TimelineEntry) => (entry.type === 'stamp' ? entry.key : entry.bubble.key);

interface Typer {
  number: string;
  name: string;
  until: number;
}

interface Notice {
  text: string;
  code: string | null;
}

const noticeOf = (error: unknown, t: MessagesText): Notice => ({ text: errorText(error, t), code: error instanceof SdkError ? error.code : null });

function typingText(typers: Typer[], t: MessagesText): string {
  if (typers.length === 1) return t('isTyping', { name: typers[0]!.name });
  if (typers.length === 2) return t('twoTyping', { first: typers[0]!.name, second: typers[1]!.name });
  return t('severalTyping');
}

/** A thread, or a new message: the messages bottom-up, older ones loading as the player scrolls up, and the message box. */
export function Conversation(props: ConversationProps) {
  const t = useTranslator(catalogue);
  const { app, api, threadId, thread, locale, hidden, onBack, onInfo, onRecipient, onSent, onRead, onDeleted } = props;
  const grants = app.info.grants;
  const [messages, setMessages] = useState<Message[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [more, setMore] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [pending, setPending] = useState<PendingSend[]>([]);
  const [text, setText] = useState(props.draft);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [menuFor, setMenuFor] = useState<number | null>(null);
  const [copied, setCopied] = useState(false);
  const copiedTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(copiedTimer.current), []);
  const [typers, setTypers] = useState<Typer[]>([]);
  const [recipient, setRecipient] = useState<{ text: string; name: string | null }>({ text: props.to, name: null });

  const scroller = useRef<HTMLDivElement>(null);
  const messageBox = useRef<HTMLTextAreaElement>(null);
  const toBox = useRef<HTMLInputElement>(null);
  const hiddenIds = useRef(new Set<number>());
  const readUpTo = useRef(0);
  const lastTyping = useRef(Number.NEGATIVE_INFINITY);
  const olderLoading = useRef(false);
  /** The newest entry on the page while the player reads further back; null: the newest of all. */
  const [newestShown, setNewestShown] = useState<string | null>(null);
  /** An entry that stays on the page as the window moves, and where it was: it is kept there. */
  const anchor = useRef<{ key: string; top: number } | null>(null);
  /** The timeline and the part of it on the page, as the last render made them. */
  const windowRef = useRef<{ entries: TimelineEntry[]; start: number; end: number }>({ entries: [], start: 0, end: 0 });
  useEffect(() => setNewestShown(null), [threadId]);
  const current = useRef({ threadId, thread, messages, more });
  current.current = { threadId, thread, messages, more };

  const composing = threadId === null;
  const to = digitsOf(recipient.text);
  const suggestions = useContactSuggestions(composing && !recipient.name ? recipient.text : '');

  useEffect(() => {
    if (composing && props.to === '') toBox.current?.focus();
    else messageBox.current?.focus();
  }, []);

  /** Moves the read pointer to `messageId`, once per message, only while the player sees the thread. */
  const markRead = (messageId: number) => {
    const id = current.current.threadId;
    if (id === null || messageId <= readUpTo.current || !app.visible) return;
    const previous = readUpTo.current;
    readUpTo.current = messageId;
    onRead(id, messageId);
    // A pointer that did not move is moved again by the next message.
    api.read(id, messageId).catch(() => {
      if (readUpTo.current === messageId) readUpTo.current = previous;
    });
  };

  useEffect(() => {
    if (threadId === null) return;
    let live = true;
    setLoadError(null);
    api.messages(threadId, null).then(
      (page) => {
        if (!live) return;
        setMessages((list) => mergeMessages(list, page.messages, hiddenIds.current));
        setMore(page.before !== null);
        setLoaded(true);
        const newest = page.messages[0];
        if (newest) markRead(newest.id);
      },
      (error) => live && setLoadError(errorText(error, t)),
    );
    return () => {
      live = false;
    };
  }, [threadId, reloads]);

  // The server notifies new messages of a thread unless the player sees it; seen again, what is on screen is read.
  useEffect(() => {
    if (threadId === null) return;
    const show = (visible: boolean) => {
      api.view(visible ? threadId : null).catch(() => {});
      const newest = current.current.messages[0];
      if (visible && newest) markRead(newest.id);
    };
    show(app.visible);
    const stop = app.on('visibility', ({ visible }) => show(visible));
    return () => {
      stop();
      api.view(null).catch(() => {});
    };
  }, [threadId]);

  useEffect(() => {
    if (threadId === null) return;
    const stops = [
      app.onMessage('message.new', (data) => {
        const message = asMessage(data);
        if (!message || message.threadId !== threadId) return;
        setMessages((list) => mergeMessages(list, [message], hiddenIds.current));
        if (message.mine) {
          setPending((list) => list.filter((send) => send.clientId !== message.clientId));
          return;
        }
        setTypers((list) => list.filter((typer) => typer.number !== message.senderNumber));
        markRead(message.id);
      }),
      app.onMessage('message.deleted', (data) => {
        const messageId = asDeleted(data);
        if (messageId === null) return;
        hiddenIds.current.add(messageId);
        setMessages((list) => list.filter((message) => message.id !== messageId));
      }),
      app.onMessage('typing', (data) => {
        const signal = asTyping(data);
        if (!signal || signal.threadId !== threadId) return;
        const member = current.current.thread?.members.find((candidate) => candidate.number === signal.number);
        const name = signal.name ?? (member ? memberName(member) : signal.number);
        const until = Date.now() + TYPING_SHOWN_MS;
        setTypers((list) => [...list.filter((typer) => typer.number !== signal.number), { number: signal.number, name, until }]);
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [app, threadId]);

  // Each "is typing" goes TYPING_SHOWN_MS after its last push.
  useEffect(() => {
    if (typers.length === 0) return;
    const next = Math.min(...typers.map((typer) => typer.until));
    const timer = setTimeout(() => setTypers((list) => list.filter((typer) => typer.until > Date.now())), Math.max(0, next - Date.now()));
    return () => clearTimeout(timer);
  }, [typers]);

  const loadOlder = async () => {
    const { threadId: id, messages: list, more: left } = current.current;
    const oldest = list.at(-1);
    if (id === null || !left || !oldest || olderLoading.current) return;
    olderLoading.current = true;
    setLoadingOlder(true);
    try {
      const page = await api.messages(id, oldest.id);
      // A full window first makes room at its newest end: the page comes in at the top in the same render, so the
      // top never shrinks under a player scrolled all the way up (the view would jump as the loading line goes).
      const { start, end } = windowRef.current;
      if (start === 0 && end + 2 * page.messages.length > MAX_SHOWN) showUpTo(end - SHOWN_STEP);
      setMessages((held) => mergeMessages(held, page.messages, hiddenIds.current));
      setMore(page.before !== null);
    } catch (error) {
      setNotice(noticeOf(error, t));
    } finally {
      olderLoading.current = false;
      setLoadingOlder(false);
    }
  };

  /** How far the view is from the oldest message: the list is bottom-up, so scrollTop is 0 or below at the newest. */
  const nearTop = () => {
    const element = scroller.current;
    return element !== null && element.scrollHeight - element.clientHeight - Math.abs(element.scrollTop) <= LOAD_AHEAD_PX;
  };
  const nearBottom = () => scroller.current !== null && Math.abs(scroller.current.scrollTop) <= LOAD_AHEAD_PX;

  /** Moves the window so the entry that ends it is `end`, keeping what stays on screen where it is. */
  const showUpTo = (end: number) => {
    const { entries: all, end: current } = windowRef.current;
    const kept = all[Math.min(end, current) - 1];
    const element = kept && scroller.current?.querySelector(`[data-key="${keyOf(kept)}"]`);
    anchor.current = element ? { key: keyOf(kept!), top: element.getBoundingClientRect().top } : null;
    setNewestShown(end >= all.length ? null : keyOf(all[end - 1]!));
  };

  /** Scrolled up to the oldest entry shown: older ones come in, from the page's own or the server. */
  const revealOlder = () => {
    const { start, end } = windowRef.current;
    if (start > 0) showUpTo(Math.max(MAX_SHOWN, end - SHOWN_STEP));
    else if (more) void loadOlder();
  };

  const scrolled = () => {
    if (!loaded) return;
    if (nearTop()) revealOlder();
    else if (newestShown !== null && nearBottom()) showUpTo(windowRef.current.end + SHOWN_STEP);
  };

  useLayoutEffect(() => {
    const held = anchor.current;
    anchor.current = null;
    const element = held && scroller.current?.querySelector(`[data-key="${held.key}"]`);
    if (element) scroller.current!.scrollTop += element.getBoundingClientRect().top - held!.top;
  }, [newestShown]);

  // Messages shorter than the screen give nothing to scroll: load on until they fill it (a hidden view has no height).
  useEffect(() => {
    const element = scroller.current;
    if (!hidden && loaded && (more || windowRef.current.start > 0) && !loadingOlder && element && element.clientHeight > 0 && nearTop()) revealOlder();
  }, [messages, more, loaded, loadingOlder, hidden, newestShown]);

  const deliver = async (target: SendTarget, outgoing: Outgoing) => {
    setPending((list) => {
      const retried = list.some((send) => send.clientId === outgoing.clientId);
      const sending = { ...outgoing, target, status: 'sending' as const, error: null, queuedAt: Date.now() };
      return retried ? list.map((send) => (send.clientId === outgoing.clientId ? { ...send, status: 'sending', error: null } : send)) : [...list, sending];
    });
    try {
      const message = await api.send(target, outgoing);
      setMessages((list) => mergeMessages(list, [message], hiddenIds.current));
      setPending((list) => list.filter((send) => send.clientId !== outgoing.clientId));
      onSent(message);
    } catch (error) {
      if (isRefusal(error)) {
        // Refused for good: the bubble goes, and its text comes back to the box to fix or drop.
        setPending((list) => list.filter((send) => send.clientId !== outgoing.clientId));
        setNotice(noticeOf(error, t));
        if (outgoing.draft.kind === 'text') setText((held) => (held.trim() === '' ? outgoing.draft.body : held));
      } else {
        setPending((list) =>
          list.map((send) => (send.clientId === outgoing.clientId ? { ...send, status: 'failed', error: errorText(error, t) } : send)),
        );
      }
    }
  };

  const send = (draft: Draft) => {
    const target: SendTarget | null = threadId !== null ? { threadId } : to !== '' ? { to } : null;
    if (!target) return;
    setNotice(null);
    setNewestShown(null);
    if (scroller.current) scroller.current.scrollTop = 0;
    void deliver(target, { clientId: crypto.randomUUID(), draft });
  };

  const sendText = () => {
    const body = text.trim();
    if (body === '') return;
    setText('');
    const photo = imageUrlOf(body);
    send(photo === null ? { kind: 'text', body, attachment: null } : { kind: 'photo', body: '', attachment: { url: photo } });
    messageBox.current?.focus();
  };

  const typed = (value: string) => {
    setText(value);
    if (threadId === null || value.trim() === '' || !thread?.settings.typing) return;
    const now = Date.now();
    if (now - lastTyping.current < TYPING_SIGNAL_MS) return;
    lastTyping.current = now;
    api.typing(threadId).catch(() => {});
  };

  /** Sends what a picker hands over; a cancelled picker sends nothing. */
  const attach = async (pick: () => Promise<Draft | null>) => {
    try {
      const draft = await pick();
      if (draft) send(draft);
    } catch (error) {
      setNotice(noticeOf(error, t));
    }
  };

  const attachPhoto = (source: 'gallery' | 'camera') =>
    attach(async () => {
      const photo = source === 'gallery' ? await app.pickPhoto() : await app.capturePhoto();
      return photo && { kind: 'photo', body: '', attachment: { url: photo.url } };
    });

  const attachContact = () =>
    attach(async () => {
      const contact = await app.pickContact();
      return contact && { kind: 'contact', body: '', attachment: { name: contact.name, number: digitsOf(contact.number) } };
    });

  const attachLocation = () =>
    attach(async () => {
      const place = await app.pickLocation();
      return place && { kind: 'location', body: '', attachment: place };
    });

  const chooseRecipient = (contact: PickedContact) => {
    setRecipient({ text: digitsOf(contact.number), name: contact.name });
    onRecipient(digitsOf(contact.number));
    messageBox.current?.focus();
  };

  const pickRecipient = async () => {
    try {
      const contact = await app.pickContact();
      if (contact) chooseRecipient(contact);
    } catch (error) {
      setNotice(noticeOf(error, t));
    }
  };

  const remove = async (messageId: number) => {
    setMenuFor(null);
    try {
      await api.remove(messageId);
      hiddenIds.current.add(messageId);
      setMessages((list) => list.filter((message) => message.id !== messageId));
      onDeleted(messageId);
    } catch (error) {
      setNotice(noticeOf(error, t));
    }
  };

  const copy = async (body: string) => {
    setMenuFor(null);
    if (!(await copyText(body))) {
      setNotice({ text: t('notCopied'), code: null });
      return;
    }
    setCopied(true);
    clearTimeout(copiedTimer.current);
    copiedTimer.current = setTimeout(() => setCopied(false), COPIED_SHOWN_MS);
  };

  const addContact = (number: string) =>
    app.openApp('contacts', `add?number=${encodeURIComponent(number)}`).catch((error: unknown) => setNotice(noticeOf(error, t)));

  const entries = buildTimeline(thread, messages, pending, receiptOf(thread, messages, t));
  const newestIndex = newestShown === null ? -1 : entries.findIndex((entry) => keyOf(entry) === newestShown);
  const shownEnd = newestIndex < 0 ? entries.length : newestIndex + 1;
  const shownStart = Math.max(0, shownEnd - MAX_SHOWN);
  windowRef.current = { entries, start: shownStart, end: shownEnd };
  const title = composing ? t('newMessageTitle') : (thread?.title ?? '');
  const group = thread?.kind === 'group';

  return (
    <section class="screen conversation pushed" hidden={hidden} aria-label={title || t('conversation')}>
      <NavBar
        leading={
          <button type="button" class="back" aria-label={t('back')} onClick={onBack}>
            <BackIcon />
          </button>
        }
        title={
          composing ? (
            <h1 class="nav-heading">{t('newMessageTitle')}</h1>
          ) : (
            <span class="nav-person">
              <Avatar name={thread?.title ?? ''} group={group} size="small" />
              <h1 class="nav-heading">{thread?.title ?? ''}</h1>
            </span>
          )
        }
        trailing={
          !composing && (
            <button
              type="button"
              class="icon-button"
              aria-label={group ? t('groupInfo') : t('details')}
              title={group ? t('groupInfo') : t('details')}
              disabled={!thread}
              onClick={onInfo}
            >
              <InfoIcon />
            </button>
          )
        }
      />

      {composing && (
        <div class="to-row">
          <label for="to-field">{t('to')}</label>
          {recipient.name ? (
            <span class="recipient-chip">
              <span>{recipient.name}</span>
              <button type="button" aria-label={t('removeRecipient')} onClick={() => setRecipient({ text: '', name: null })}>
                <CloseIcon />
              </button>
            </span>
          ) : (
            <input
              id="to-field"
              ref={toBox}
              aria-label={t('toField')}
              value={recipient.text}
              // A name finds the contact among the suggestions; without contacts, only a number can.
              inputMode={grants.includes('contacts:read') ? 'text' : 'tel'}
              placeholder={grants.includes('contacts:read') ? t('nameOrNumber') : t('number')}
              maxLength={32}
              autoComplete="off"
              spellcheck={false}
              onInput={(event) => setRecipient({ text: event.currentTarget.value, name: null })}
              onKeyDown={(event) => {
                if (event.key !== 'Enter' || to === '') return;
                event.preventDefault();
                onRecipient(to);
                messageBox.current?.focus();
              }}
            />
          )}
          {grants.includes('contacts:read') && (
            <button type="button" class="icon-button" aria-label={t('chooseContact')} title={t('chooseContact')} onClick={() => void pickRecipient()}>
              <ContactCardIcon />
            </button>
          )}
        </div>
      )}
      {composing && !recipient.name && suggestions.length > 0 && (
        <ul class="list-rows suggestions" aria-label={t('suggestedContacts')}>
          {suggestions.map((contact) => (
            <ListRow
              key={contact.number}
              leading={<Avatar name={contact.name} size="row" />}
              title={contact.name}
              subtitle={contact.number}
              label={`${contact.name}, ${contact.number}`}
              onClick={() => chooseRecipient(contact)}
            />
          ))}
        </ul>
      )}

      <div class="timeline-scroll" ref={scroller} onScroll={scrolled}>
        <div class="timeline" role="log" aria-label={t('messages')}>
          {loadingOlder && <p class="placeholder small">{t('loading')}</p>}
          {threadId !== null && !loaded && !loadError && <p class="placeholder">{t('loading')}</p>}
          {loadError && (
            <ErrorNotice message={loadError} onRetry={() => setReloads((count) => count + 1)} />
          )}
          {entries.slice(shownStart, shownEnd).map((entry) =>
            entry.type === 'stamp' ? (
              <p key={entry.key} class="stamp" data-key={entry.key}>
                {formatStamp(entry.at, locale, t)}
              </p>
            ) : (
              <BubbleView
                key={entry.bubble.key}
                bubble={entry.bubble}
                menuOpen={entry.bubble.id !== null && menuFor === entry.bubble.id}
                onMenu={(open) => setMenuFor(open ? entry.bubble.id : null)}
                onCopy={() => void copy(entry.bubble.body)}
                onDelete={() => entry.bubble.id !== null && void remove(entry.bubble.id)}
                onRetry={() => {
                  const failed = entry.bubble.pending;
                  if (failed) void deliver(failed.target, failed);
                }}
                onDiscard={() => setPending((list) => list.filter((send) => send.clientId !== entry.bubble.pending?.clientId))}
                onAddContact={(number) => void addContact(number)}
              />
            ),
          )}
          {typers.length > 0 && (
            <div class="typing" role="status">
              <span class="typing-dots" aria-hidden="true">
                <i />
                <i />
                <i />
              </span>
              <span class="typing-text">{typingText(typers, t)}</span>
            </div>
          )}
        </div>
      </div>

      {copied && (
        <p class="copied" role="status">
          {t('copied')}
        </p>
      )}

      {notice && (
        <div class="notice composer-notice" role="alert" data-code={notice.code ?? undefined}>
          <p>{notice.text}</p>
          <button type="button" class="dismiss" aria-label={t('dismiss')} onClick={() => setNotice(null)}>
            <CloseIcon />
          </button>
        </div>
      )}

      <Composer
        text={text}
        ready={threadId !== null || to !== ''}
        gallery={grants.includes('gallery')}
        camera={grants.includes('camera')}
        contacts={grants.includes('contacts:read')}
        location={grants.includes('location')}
        inputRef={messageBox}
        onText={typed}
        onSend={sendText}
        onPhoto={(source) => void attachPhoto(source)}
        onContact={() => void attachContact()}
        onLocation={() => void attachLocation()}
      />
    </section>
  );
}
