import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { SdkError, type HandsetApp } from '@handset/sdk/app';
import { asCall, callsApi, errorText, isEnded, type Call, type CallAttempt, type CallRecord } from './calls-api';
import { elapsedSeconds, endedLocally, furtherOf, isLive, showCall, showStarted, type CallView } from './call-view';
import { CallScreen, type CallPhase } from './components/call-screen';
import { ContactsTab } from './components/contacts-tab';
import { Favorites } from './components/favorites';
import { Keypad } from './components/keypad';
import { Recents } from './components/recents';
import { PANEL_ID, PhoneTabs, tabId, type Tab } from './components/tab-bar';
import { dialable, parseDeepLink } from './deep-link';
import { favoriteFor, favoritesStore, withFavorite, type Favorite } from './favorites';
import { endedText, formatTimer } from './format';
import { partyOf } from './party';
import { useSettings, useTranslator } from '@handset/sdk/ui';
import { messages } from './messages';

/** The call screen's top and bottom colors: the phone's bars take them, so the call runs edge to edge. */
const CALL_BARS = { top: '#2b313b', bottom: '#0f1115' };

/** How long a finished call's screen stays ("Busy", "Call ended · 1:23") before the keypad comes back. */
export const ENDED_SCREEN_MS = 2000;

const PUSHES = ['call.incoming', 'call.updated', 'call.ended'] as const;

const isNotFound = (error: unknown) => error instanceof SdkError && error.code === 'NOT_FOUND';
/** Refusals another try of the same tap cannot change. */
const FINAL_CODES: readonly string[] = ['INVALID_INPUT', 'FORBIDDEN', 'NOT_FOUND'];
const isRetryable = (error: unknown) => !(error instanceof SdkError && FINAL_CODES.includes(error.code));

export function App({ app }: { app: HandsetApp }) {
  const t = useTranslator(messages);
  const api = useMemo(() => callsApi(app), [app]);
  const store = useMemo(() => favoritesStore(app), [app]);
  const { locale } = useSettings();
  const [tab, setTab] = useState<Tab>('keypad');
  const [number, setNumber] = useState(() => {
    const link = parseDeepLink(app.info.link);
    return link?.kind === 'dial' && !link.call ? link.number : '';
  });
  const [hideNumber, setHideNumber] = useState(false);
  const [lastDialed, setLastDialed] = useState('');
  const [view, setView] = useState<CallView | null>(null);
  const [now, setNow] = useState(Date.now);
  const [recents, setRecents] = useState<CallRecord[] | null>(null);
  const [recentsStale, setRecentsStale] = useState(true);
  const [recentsError, setRecentsError] = useState<string | null>(null);
  /** Hidden calls whose caller the player blocked from Recents: the number stays unknown, so each record is marked. */
  const [blockedRecords, setBlockedRecords] = useState<ReadonlySet<number>>(new Set());
  const [favorites, setFavorites] = useState<Favorite[] | null>(null);
  const [favoritesError, setFavoritesError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const favoritesRef = useRef<Favorite[]>([]);
  favoritesRef.current = favorites ?? [];
  /** Taps on Call the player hung up on before the server answered: their call is ended as soon as it exists. */
  const abandoned = useRef(new Set<string>());
  /** The latest push per call: one can overtake the calls.start answer it follows (the callee picks up at once). */
  const pushed = useRef(new Map<string, Call>());
  const recentsLoads = useRef(0);
  /** The call the phone brought this page up for: once it is over, the page closes and the phone is as it was. */
  const openedWith = parseDeepLink(app.info.link);
  const broughtUpFor = useRef(openedWith?.kind === 'call' ? openedWith.callId : null);

  const applyCall = (call: Call) => {
    if (isEnded(call.status)) setRecentsStale(true);
    setView((current) => showCall(current, call, Date.now()));
  };

  /** Shows the call in progress, if any: the phone opens the app with `call/<callId>` for an incoming call. */
  const showCurrent = async (reportErrors: boolean) => {
    try {
      const call = await api.current();
      if (call) applyCall(call);
    } catch (failure) {
      if (reportErrors) setError(errorText(failure, t));
    }
  };

  useEffect(() => {
    const stops = PUSHES.map((type) =>
      app.onMessage(type, (data) => {
        const call = asCall(data);
        if (!call) return;
        pushed.current.set(call.callId, call);
        applyCall(call);
      }),
    );
    return () => stops.forEach((stop) => stop());
  }, [app]);

  useEffect(
    () =>
      app.on('link', ({ link }) => {
        const parsed = parseDeepLink(link);
        if (parsed?.kind === 'dial' && parsed.call) {
          latestPlaceCall.current(parsed.number);
        } else if (parsed?.kind === 'dial') {
          setNumber(parsed.number);
          setTab('keypad');
        } else if (parsed?.kind === 'call') {
          void (parsed.accept ? acceptRinging(parsed.callId) : showCurrent(true));
        }
      }),
    [app],
  );

  useEffect(() => {
    // Also when opened without a link: a page reopened mid-call shows that call again.
    void showCurrent(openedWith?.kind === 'call');
    if (openedWith?.kind === 'dial' && openedWith.call) placeCall(openedWith.number);
    store.load().then(
      (list) => setFavorites((current) => current ?? list),
      // The list stays unloaded, so + cannot overwrite the stored favorites with a partial list.
      (failure) => setFavoritesError(errorText(failure, t)),
    );
  }, [app]);

  const activeSince = view?.kind === 'call' && view.call.status === 'active' ? view.since : null;
  useEffect(() => {
    if (activeSince === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [activeSince]);

  const endedCall = view?.kind === 'call' && isEnded(view.call.status) ? view.call : null;
  useEffect(() => {
    if (!endedCall) return;
    const outgoing = endedCall.direction === 'outgoing';
    // A new call replacing this one on screen cancels the timer (the effect's cleanup).
    const timer = setTimeout(() => {
      if (broughtUpFor.current === endedCall.callId) {
        void app.close();
        return;
      }
      pushed.current.delete(endedCall.callId);
      setView(null);
      setTab('keypad');
      if (outgoing) setNumber('');
    }, ENDED_SCREEN_MS);
    return () => clearTimeout(timer);
  }, [endedCall?.callId]);

  useEffect(() => {
    if (tab !== 'recents' || !recentsStale) return;
    setRecentsStale(false);
    const load = ++recentsLoads.current;
    api.recents().then(
      (list) => {
        if (load !== recentsLoads.current) return;
        setRecents(list);
        setRecentsError(null);
      },
      (failure) => {
        if (load === recentsLoads.current) setRecentsError(errorText(failure, t));
      },
    );
  }, [tab, recentsStale]);

  // Missed calls count on the home screen until the player sees them here.
  const [visible, setVisible] = useState(app.visible);
  useEffect(() => app.on('visibility', (event) => setVisible(event.visible)), [app]);
  useEffect(() => {
    if (tab === 'recents' && visible && recents !== null) api.markSeen().catch(() => {});
  }, [tab, visible, recents]);

  const blockCaller = async (call: CallRecord) => {
    try {
      await api.blockCaller(call.id);
      setBlockedRecords((records) => new Set(records).add(call.id));
    } catch (failure) {
      setError(errorText(failure, t));
    }
  };

  const start = async (attempt: CallAttempt) => {
    setView({ kind: 'starting', attempt, error: null, retryable: false });
    try {
      const answer = await api.start(attempt);
      const call = furtherOf(pushed.current.get(answer.callId), answer);
      if (abandoned.current.has(attempt.requestId)) {
        if (!isEnded(call.status)) void api.end(call.callId).catch(() => {});
        return;
      }
      if (isEnded(call.status)) setRecentsStale(true);
      setView((current) => showStarted(current, attempt, call, Date.now()));
    } catch (failure) {
      if (abandoned.current.has(attempt.requestId)) return;
      setView((current) =>
        current?.kind === 'starting' && current.attempt.requestId === attempt.requestId
          ? { ...current, error: errorText(failure, t), retryable: isRetryable(failure) }
          : current,
      );
    }
  };

  /** Always a voice call: Handset carries no video, so the page offers none (a call back from a video call included). */
  const placeCall = (target: string) => {
    const dialed = dialable(target);
    if (dialed === '' || isLive(view)) return;
    setError(null);
    setLastDialed(dialed);
    void start({ requestId: crypto.randomUUID(), number: dialed, video: false, hideNumber });
  };

  // The bars are painted for a call and given back after it; a page that never shows a call asks nothing.
  const onCallScreen = view !== null;
  const barsPainted = useRef(false);
  useEffect(() => {
    if (onCallScreen === barsPainted.current) return;
    barsPainted.current = onCallScreen;
    app.setBarColors(onCallScreen ? CALL_BARS : { top: null, bottom: null }).catch(() => {});
  }, [onCallScreen]);

  // The link listener is registered once: it calls through this to see the current call and settings.
  const latestPlaceCall = useRef(placeCall);
  latestPlaceCall.current = placeCall;

  /** Call on an empty keypad brings back the last number, as phones do; a second tap calls it. */
  const dial = () => {
    if (number === '') setNumber(lastDialed);
    else placeCall(number);
  };

  /** Runs an action on the call on screen: its buttons wait, and a refusal is shown on the screen. */
  const runOnCall = async (call: Call, action: () => Promise<void>) => {
    const patch = (busy: boolean, error: string | null) =>
      setView((current) => (current?.kind === 'call' && current.call.callId === call.callId ? { ...current, busy, error } : current));
    patch(true, null);
    try {
      await action();
    } catch (failure) {
      patch(false, errorText(failure, t));
    }
  };

  /** The call ended on this side; the server's `call.ended` push, when it comes, brings the final record. */
  const endHere = (call: Call, status: 'completed' | 'missed' | 'declined', duration: number) =>
    applyCall(endedLocally(call, status, duration, Date.now()));

  const accept = (call: Call) =>
    runOnCall(call, async () => {
      try {
        applyCall(await api.answer(call.callId));
      } catch (failure) {
        // The caller hung up while the phone rang.
        if (!isNotFound(failure)) throw failure;
        endHere(call, 'missed', 0);
      }
    });

  /** The answer key: answers the call if it is still ringing on this phone. */
  const acceptRinging = async (callId: string) => {
    try {
      const call = await api.current();
      if (call?.callId !== callId || call.direction !== 'incoming' || call.status !== 'dialing') return;
      applyCall(call);
      await accept(call);
    } catch (failure) {
      setError(errorText(failure, t));
    }
  };

  const decline = (call: Call) =>
    runOnCall(call, async () => {
      try {
        await api.decline(call.callId);
        endHere(call, 'declined', 0);
      } catch (failure) {
        if (!isNotFound(failure)) throw failure;
        endHere(call, 'missed', 0);
      }
    });

  const hangUp = () => {
    if (view?.kind === 'starting') {
      if (view.error === null) abandoned.current.add(view.attempt.requestId);
      setView(null);
      return;
    }
    if (view?.kind !== 'call') return;
    const { call, since } = view;
    const active = call.status === 'active' && since !== null;
    void runOnCall(call, async () => {
      try {
        await api.end(call.callId);
      } catch (failure) {
        // Already over on the server's side: the push says how.
        if (!isNotFound(failure)) throw failure;
      }
      endHere(call, active ? 'completed' : 'missed', active ? elapsedSeconds(since, Date.now()) : 0);
    });
  };

  const retry = () => {
    if (view?.kind === 'starting') void start(view.attempt);
  };

  const openApp = (appId: string, link?: string) => {
    setError(null);
    app.openApp(appId, link).catch((failure) => setError(errorText(failure, t)));
  };

  const saveFavorites = async (next: Favorite[]) => {
    setFavoritesError(null);
    try {
      await store.save(next);
      setFavorites(next);
    } catch (failure) {
      setFavoritesError(errorText(failure, t));
    }
  };

  const addFavorite = async () => {
    setFavoritesError(null);
    try {
      const contact = await app.pickContact();
      if (contact) await saveFavorites(withFavorite(favoritesRef.current, contact));
    } catch (failure) {
      setFavoritesError(errorText(failure, t));
    }
  };

  const removeFavorite = (favorite: Favorite) =>
    void saveFavorites(favoritesRef.current.filter((other) => other.number !== favorite.number));

  const labelOf = (call: Call) => partyOf(call, favoritesRef.current, t);

  if (view) {
    let phase: CallPhase;
    let status: string;
    let title: string;
    let subtitle: string | null;
    let video: boolean;
    if (view.kind === 'starting') {
      const favorite = favoriteFor(favoritesRef.current, view.attempt.number);
      phase = view.error === null ? 'calling' : 'failed';
      status = view.error === null ? t('calling') : t('callFailed');
      title = favorite?.name ?? view.attempt.number;
      subtitle = favorite?.number ?? null;
      video = view.attempt.video;
    } else {
      const { call } = view;
      if (isEnded(call.status)) [phase, status] = ['ended', endedText(call, t)];
      else if (call.status === 'active') [phase, status] = ['active', formatTimer(elapsedSeconds(view.since ?? now, now))];
      else if (call.direction === 'incoming') [phase, status] = ['incoming', t('incomingCall')];
      else [phase, status] = ['calling', t('calling')];
      const party = labelOf(call);
      title = party.name;
      subtitle = party.number;
      video = call.video;
    }
    const call = view.kind === 'call' ? view.call : null;
    return (
      <main class="phone">
        <CallScreen
          key={call?.callId ?? (view.kind === 'starting' ? view.attempt.requestId : '')}
          phase={phase}
          title={title}
          subtitle={subtitle}
          video={video}
          status={status}
          error={view.error}
          busy={view.kind === 'call' && view.busy}
          onAccept={() => call && void accept(call)}
          onDecline={() => call && void decline(call)}
          onHangUp={hangUp}
          onRetry={view.kind === 'starting' && view.retryable ? retry : null}
        />
      </main>
    );
  }

  return (
    <main class="phone">
      <div class="panel" id={PANEL_ID} role="tabpanel" aria-labelledby={tabId(tab)}>
        {tab === 'keypad' && (
          <Keypad
            number={number}
            hideNumber={hideNumber}
            onKey={(key) => setNumber((typed) => dialable(typed + key))}
            onDelete={() => setNumber((typed) => typed.slice(0, -1))}
            onCall={dial}
            onHideNumber={setHideNumber}
            onAddNumber={() => openApp('contacts', `add?number=${encodeURIComponent(number)}`)}
          />
        )}
        {tab === 'recents' && (
          <Recents
            recents={recents}
            error={recentsError}
            locale={locale}
            labelOf={labelOf}
            onCall={(call) => placeCall(call.number)}
            blocked={blockedRecords}
            onBlockCaller={(call) => void blockCaller(call)}
          />
        )}
        {tab === 'contacts' && <ContactsTab onCall={(contact) => placeCall(contact.number)} />}
        {tab === 'favorites' && (
          <Favorites
            favorites={favorites}
            error={favoritesError}
            onAdd={() => void addFavorite()}
            onRemove={removeFavorite}
            onCall={(favorite) => placeCall(favorite.number)}
          />
        )}
      </div>
      {error && (
        <p class="banner" role="alert">
          {error}
        </p>
      )}
      <PhoneTabs
        tab={tab}
        onSelect={(next) => {
          setError(null);
          setTab(next);
        }}
      />
    </main>
  );
}
