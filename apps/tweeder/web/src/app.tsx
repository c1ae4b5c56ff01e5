import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HandsetApp } from '@handset/sdk/app';
import { AccountList, ActionSheet, Avatar, BackBar, ClaimHandle, CloseIcon, ComposeIcon, ErrorNotice, ListRow, NavBar, PersonIcon, SearchField, SearchIcon, type SheetAction, type Tab, TabBar, useMessage, useSettings, useTranslator } from '@handset/sdk/ui';
import { Compose } from './components/compose';
import { Feed, type Changes } from './components/feed';
import { Notifications } from './components/notifications';
import type { PostActions } from './components/post';
import { PostView } from './components/post';
import { ProfileScreen } from './components/profile';
import {
  errorText,
  NOTIFICATIONS_CHANGED,
  POST_COUNTS,
  POST_DELETED,
  POST_NEW,
  tweederApi,
  useAccountSearch,
  type AccountPage,
  type FeedItem,
  type NotificationGroup,
  type Post,
  type Profile,
  type Relation,
  type Thread,
  type Trend,
  type TweederApi,
  type TweederSettings,
} from './tweeder-api';
import { messages } from './messages';

type TabId = 'home' | 'search' | 'notifications' | 'profile';
type Screen =
  | { kind: 'thread'; id: number }
  | { kind: 'profile'; id: number }
  | { kind: 'hashtag'; tag: string }
  | { kind: 'compose'; replyTo: Post | null; quote: Post | null }
  | { kind: 'accounts'; title: string; requests?: boolean; load: (cursor: number | null) => Promise<AccountPage> }
  | { kind: 'settings' }
  | { kind: 'edit' };

function HomeIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <path fill="currentColor" d="M12 3 2 11.5h3V21h5.5v-6h3v6H19v-9.5h3z" />
    </svg>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
    </svg>
  );
}

const TABS = [
  { id: 'home', icon: <HomeIcon /> },
  { id: 'search', icon: <SearchIcon /> },
  { id: 'notifications', icon: <BellIcon /> },
  { id: 'profile', icon: <PersonIcon /> },
] as const;
const PANEL_ID = 'tweeder-panel';
const REPORT_REASONS = {
  spam: 'reasonSpam',
  harassment: 'reasonHarassment',
  hate: 'reasonHate',
  violence: 'reasonViolence',
  impersonation: 'reasonImpersonation',
  other: 'reasonOther',
} as const;

export function App({ app }: { app: HandsetApp }) {
  const t = useTranslator(messages);
  const api = useMemo(() => tweederApi(app), [app]);
  const { locale } = useSettings();
  const [me, setMe] = useState<Profile | null | undefined>(undefined);
  const [meError, setMeError] = useState<string | null>(null);
  const [tab, setTab] = useState<TabId>('home');
  const [home, setHome] = useState<'following' | 'latest'>('following');
  const [stack, setStack] = useState<Screen[]>([]);
  const [changes, setChanges] = useState<Changes>({ patch: new Map(), gone: new Set() });
  const [menu, setMenu] = useState<{ title: string; actions: SheetAction[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [notificationsVersion, setNotificationsVersion] = useState(0);
  const [query, setQuery] = useState('');
  const [now, setNow] = useState(Date.now());
  const stackRef = useRef(stack);
  stackRef.current = stack;

  const loadMe = () => {
    setMeError(null);
    api.request('profiles.me', {}).then(setMe, (failure) => setMeError(errorText(failure, t)));
  };
  useEffect(loadMe, [api]);
  // Relative times move on while the page is open.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const push = (screen: Screen) => setStack((current) => [...current, screen]);
  const pop = () => setStack((current) => current.slice(0, -1));

  // Escape steps back inside the app; on a tab it is the phone's (the SDK hands it on when not prevented).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || stackRef.current.length === 0) return;
      event.preventDefault();
      pop();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  const patch = (post: Partial<Post> & { id: number }) =>
    setChanges((current) => ({ ...current, patch: new Map(current.patch).set(post.id, { ...current.patch.get(post.id), ...post }) }));
  const drop = (ids: number[]) => setChanges((current) => ({ ...current, gone: new Set([...current.gone, ...ids]) }));

  useMessage(POST_DELETED, (data) => drop([(data as { id: number }).id]));
  useMessage(POST_COUNTS, (data) => patch(data as { id: number; likes: number; reposts: number; replies: number }));
  useMessage(NOTIFICATIONS_CHANGED, (data) => {
    setUnread((data as { unread: number }).unread);
    setNotificationsVersion((version) => version + 1);
  });

  const attempt = async (work: () => Promise<unknown>) => {
    try {
      setNotice(null);
      await work();
    } catch (failure) {
      setNotice(errorText(failure, t));
    }
  };

  const openProfile = (id: number) => push({ kind: 'profile', id });
  const actions: PostActions = {
    onOpen: (post) => push({ kind: 'thread', id: post.id }),
    onProfile: openProfile,
    onMention: (handle) =>
      void attempt(async () => {
        const profile = await api.request('profiles.get', { handle });
        openProfile(profile.id);
      }),
    onHashtag: (tag) => push({ kind: 'hashtag', tag }),
    onReply: (post) => push({ kind: 'compose', replyTo: post, quote: null }),
    onRepost: (post) =>
      setMenu({
        title: t('repost'),
        actions: [
          { label: post.reposted ? t('undoRepost') : t('repost'), onSelect: () => void attempt(async () => patch(await api.request('posts.repost', { id: post.id, reposted: !post.reposted }))) },
          { label: t('quote'), onSelect: () => push({ kind: 'compose', replyTo: null, quote: post }) },
        ],
      }),
    onLike: (post) => {
      // Shown at once; put back if the server refuses.
      patch({ id: post.id, liked: !post.liked, likes: post.likes + (post.liked ? -1 : 1) });
      api.request('posts.like', { id: post.id, liked: !post.liked }).then(patch, (failure) => {
        patch({ id: post.id, liked: post.liked, likes: post.likes });
        setNotice(errorText(failure, t));
      });
    },
    onMenu: (post) => {
      const own = me && post.author.id === me.id;
      const list: SheetAction[] = own
        ? [
            { label: post.pinned ? t('unpinFromProfile') : t('pinToProfile'), onSelect: () => void attempt(async () => (await api.request('posts.pin', { id: post.pinned ? null : post.id }), patch({ id: post.id, pinned: !post.pinned }))) },
            {
              label: t('deletePost'),
              destructive: true,
              onSelect: () =>
                void attempt(async () => {
                  if (!(await app.confirm({ title: t('deletePostTitle'), message: t('deletePostMessage'), confirmLabel: t('delete'), destructive: true }))) return;
                  await api.request('posts.delete', { id: post.id });
                  drop([post.id]);
                }),
            },
          ]
        : [
            { label: t('reportPost'), onSelect: () => report({ postId: post.id }) },
            { label: t('mute', { handle: post.author.handle }), onSelect: () => void attempt(() => api.request('mutes.mute', { id: post.author.id })) },
            { label: t('blockHandle', { handle: post.author.handle }), destructive: true, onSelect: () => void attempt(() => block(post.author.id, post.author.handle)) },
          ];
      setMenu({ title: `@${post.author.handle}`, actions: list });
    },
    onPhoto: setViewing,
  };

  const block = async (id: number, handle: string) => {
    if (!(await app.confirm({ title: t('blockTitle', { handle }), message: t('blockMessage'), confirmLabel: t('block'), destructive: true }))) return null;
    return api.request('blocks.block', { id });
  };

  const report = (target: { postId: number } | { accountId: number }) =>
    setMenu({
      title: t('reportReason'),
      actions: (Object.keys(REPORT_REASONS) as (keyof typeof REPORT_REASONS)[]).map((reason) => ({
        label: t(REPORT_REASONS[reason]),
        onSelect: () =>
          void attempt(async () => {
            await api.request('reports.create', { ...target, reason });
            setNotice(t('reportThanks'));
          }),
      })),
    });

  const profileMenu = (profile: Profile, changed: (relation: Relation) => void) =>
    setMenu({
      title: `@${profile.handle}`,
      actions: [
        { label: t('reportAccount'), onSelect: () => report({ accountId: profile.id }) },
        {
          label: profile.relation.muting ? t('unmute', { handle: profile.handle }) : t('mute', { handle: profile.handle }),
          onSelect: () => void attempt(async () => changed(await api.request(profile.relation.muting ? 'mutes.unmute' : 'mutes.mute', { id: profile.id }))),
        },
        {
          label: profile.relation.blocking ? t('unblockHandle', { handle: profile.handle }) : t('blockHandle', { handle: profile.handle }),
          destructive: !profile.relation.blocking,
          onSelect: () =>
            void attempt(async () => {
              const relation = profile.relation.blocking ? await api.request('blocks.unblock', { id: profile.id }) : await block(profile.id, profile.handle);
              if (relation) changed(relation);
            }),
        },
        ...(profile.relation.followsYou ? [{ label: t('removeFollower'), onSelect: () => void attempt(async () => changed(await api.request('follows.removeFollower', { id: profile.id }))) }] : []),
      ],
    });

  const showRequests = () => push({ kind: 'accounts', title: t('followRequests'), requests: true, load: (cursor) => api.request('follows.requests', { limit: 20, ...(cursor !== null && { cursor }) }) });

  const openNotification = (group: NotificationGroup) => {
    if (group.post) push({ kind: 'thread', id: group.post.id });
    else if (group.kind === 'request') showRequests();
    else if (group.actors[0]) openProfile(group.actors[0].id);
  };

  if (me === undefined) {
    return (
      <main class="app">
        <section class="screen" aria-label="Tweeder">
          <NavBar title="Tweeder" />
          {meError ? <ErrorNotice message={meError} onRetry={loadMe} /> : <p class="placeholder">{t('loading')}</p>}
        </section>
      </main>
    );
  }
  if (me === null) {
    return (
      <main class="app">
        <ClaimHandle app="Tweeder" hint={t('joinHint')} claim={(input) => api.request('profiles.claim', input)} describe={(failure) => errorText(failure, t)} onDone={setMe} />
      </main>
    );
  }

  const profileProps = {
    api,
    changes,
    actions,
    now,
    locale,
    onEdit: () => push({ kind: 'edit' }),
    onSettings: () => push({ kind: 'settings' }),
    onRequests: showRequests,
    onList: (kind: 'followers' | 'following', profile: Profile) =>
      push({
        kind: 'accounts',
        title: kind === 'followers' ? t('followers') : t('following'),
        load: (cursor) => api.request(kind === 'followers' ? 'profiles.followers' : 'profiles.following', { id: profile.id, limit: 20, ...(cursor !== null && { cursor }) }),
      }),
    onMenu: profileMenu,
  } satisfies Partial<Parameters<typeof ProfileScreen>[0]>;
  const feedLoad = (kind: 'following' | 'latest') => (cursor: number | null) => api.request(kind === 'following' ? 'feed.following' : 'feed.latest', { limit: 20, ...(cursor !== null && { cursor }) });
  const top = stack.at(-1);
  const feedProps = { changes, actions, now, locale };

  return (
    <main class="app">
      <section class="screen" aria-label="Tweeder" hidden={top !== undefined}>
        {tab === 'home' && (
          <>
            <NavBar title={t('home')} />
            <div class="segments" role="tablist" aria-label={t('feeds')}>
              <button type="button" role="tab" aria-selected={home === 'following'} onClick={() => setHome('following')}>
                {t('following')}
              </button>
              <button type="button" role="tab" aria-selected={home === 'latest'} onClick={() => setHome('latest')}>
                {t('latest')}
              </button>
            </div>
          </>
        )}
        {tab === 'search' && (
          <>
            <NavBar title={t('search')} />
            <SearchField value={query} onChange={setQuery} label={t('searchTweeder')} />
          </>
        )}
        {tab === 'notifications' && <NavBar title={t('notifications')} />}
        {notice && (
          <p class="notice" role="alert">
            {notice}
          </p>
        )}
        <div class="scroll" id={PANEL_ID} role="tabpanel" aria-labelledby={`tab-${tab}`}>
          {tab === 'home' && (
            <Feed
              key={home}
              live={home}
              load={feedLoad(home)}
              loadKey={home}
              {...feedProps}
              empty={home === 'following' ? { title: t('welcome'), message: t('welcomeHint') } : { title: t('noPostsYet'), message: t('beFirst') }}
            />
          )}
          {tab === 'search' && <SearchPanel api={api} query={query} feedProps={feedProps} onProfile={openProfile} onHashtag={(tag) => push({ kind: 'hashtag', tag })} />}
          {tab === 'notifications' && (
            <Notifications
              api={api}
              version={notificationsVersion}
              onRead={() => {
                setUnread(0);
              }}
              onOpen={openNotification}
            />
          )}
        </div>
        {tab === 'profile' && (
          <ProfileScreen {...profileProps} id={me.id} onBack={null} />
        )}
        <button type="button" class="fab" aria-label={t('newPost')} onClick={() => push({ kind: 'compose', replyTo: null, quote: null })}>
          <ComposeIcon />
        </button>
        <TabBar<TabId> label="Tweeder" tabs={TABS.map(({ id, icon }): Tab<TabId> => ({ id, icon, label: id === 'notifications' && unread > 0 ? t('notificationsUnread', { count: unread }) : t(id) }))} selected={tab} panelId={PANEL_ID} onSelect={setTab} />
      </section>

      {top?.kind === 'compose' && (
        <Compose
          app={app}
          api={api}
          replyTo={top.replyTo}
          quote={top.quote}
          onCancel={pop}
          onPosted={() => {
            pop();
            setNotice(null);
          }}
        />
      )}
      {top?.kind === 'thread' && <ThreadScreen key={top.id} api={api} id={top.id} {...feedProps} onBack={pop} />}
      {top?.kind === 'hashtag' && (
        <section class="screen pushed" aria-label={`#${top.tag}`}>
          <BackBar title={`#${top.tag}`} onBack={pop} />
          <div class="scroll">
            <Feed live={null} load={(cursor) => api.request('feed.hashtag', { tag: top.tag, limit: 20, ...(cursor !== null && { cursor }) })} loadKey={top.tag} {...feedProps} empty={{ title: t('noPosts'), message: t('noHashtagPosts', { tag: top.tag }) }} />
          </div>
        </section>
      )}
      {top?.kind === 'profile' && (
        <ProfileScreen {...profileProps} key={top.id} id={top.id} onBack={pop} />
      )}
      {top?.kind === 'accounts' && (
        <section class="screen pushed" aria-label={top.title}>
          <BackBar title={top.title} onBack={pop} />
          <div class="scroll">
            <AccountList
              describe={(failure) => errorText(failure, t)}
              load={top.load}
              loadKey={top.title}
              onOpen={openProfile}
              buttons={
                top.requests
                  ? (account, done) => (
                      <span class="row-buttons">
                        <button type="button" class="small primary" onClick={(event) => (event.stopPropagation(), void attempt(async () => (await api.request('follows.answer', { id: account.id, accept: true }), done())))}>
                          {t('accept')}
                        </button>
                        <button type="button" class="small secondary" onClick={(event) => (event.stopPropagation(), void attempt(async () => (await api.request('follows.answer', { id: account.id, accept: false }), done())))}>
                          {t('decline')}
                        </button>
                      </span>
                    )
                  : undefined
              }
            />
          </div>
        </section>
      )}
      {top?.kind === 'settings' && <SettingsScreen api={api} onBack={pop} onOpen={openProfile} />}
      {top?.kind === 'edit' && (
        <EditProfile
          app={app}
          api={api}
          profile={me}
          onBack={pop}
          onSaved={(profile) => {
            setMe(profile);
            pop();
          }}
        />
      )}

      {menu && <ActionSheet title={menu.title} actions={menu.actions} onClose={() => setMenu(null)} />}
      {viewing && (
        <div class="viewer" role="dialog" aria-label={t('photo')}>
          <button type="button" class="icon-button" aria-label={t('closePhoto')} onClick={() => setViewing(null)}>
            <CloseIcon />
          </button>
          <img src={viewing} alt="" referrerpolicy="no-referrer" />
        </div>
      )}
    </main>
  );
}

/** Accounts by handle as the player types; trending hashtags and matching posts. */
function SearchPanel({
  api,
  query,
  feedProps,
  onProfile,
  onHashtag,
}: {
  api: TweederApi;
  query: string;
  feedProps: { changes: Changes; actions: PostActions; now: number; locale: string };
  onProfile(id: number): void;
  onHashtag(tag: string): void;
}) {
  const t = useTranslator(messages);
  const [trends, setTrends] = useState<Trend[] | null>(null);
  const text = query.trim();
  const accounts = useAccountSearch(api, text === '' || text.startsWith('#') ? null : text, 10);
  useEffect(() => {
    if (text !== '') return;
    api.request('trends.list', {}).then(setTrends, () => setTrends([]));
  }, [text === '']);
  if (text === '') {
    return (
      <section aria-label={t('trending')}>
        <h2 class="section-title">{t('trending')}</h2>
        {trends?.length === 0 && <p class="placeholder">{t('nothingTrending')}</p>}
        <ul class="list-rows">
          {(trends ?? []).map((trend) => (
            <ListRow key={trend.tag} title={`#${trend.tag}`} subtitle={t('postCount', { count: trend.posts })} onClick={() => onHashtag(trend.tag)} />
          ))}
        </ul>
      </section>
    );
  }
  return (
    <>
      {accounts.length > 0 && (
        <ul class="list-rows" aria-label={t('people')}>
          {accounts.map((account) => (
            <ListRow
              key={account.id}
              leading={<Avatar name={account.displayName} imageUrl={account.avatar} size="row" />}
              title={account.displayName}
              subtitle={`@${account.handle}`}
              label={`@${account.handle}`}
              onClick={() => onProfile(account.id)}
            />
          ))}
        </ul>
      )}
      <Feed
        live={null}
        load={(cursor) => api.request('search.posts', { query: text, limit: 20, ...(cursor !== null && { cursor }) })}
        loadKey={`search:${text}`}
        {...feedProps}
        empty={{ title: t('noPosts'), message: t('noPostsWith', { text }) }}
      />
    </>
  );
}

/** A post with the posts above it and its replies; new replies arrive live. */
function ThreadScreen({ api, id, changes, actions, now, locale, onBack }: { api: TweederApi; id: number; onBack(): void } & { changes: Changes; actions: PostActions; now: number; locale: string }) {
  const t = useTranslator(messages);
  const [thread, setThread] = useState<Thread | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    setError(null);
    api.request('posts.thread', { id }).then(setThread, (failure) => setError(errorText(failure, t)));
  };
  useEffect(load, [id]);
  useMessage(POST_NEW, (data) => {
    const { item } = data as { item: FeedItem };
    if (item.post.replyTo?.id === id) setThread((current) => current && (current.replies.some((reply) => reply.id === item.post.id) ? current : { ...current, replies: [...current.replies, item.post] }));
  });
  const more = async () => {
    if (!thread?.cursor) return;
    const page = await api.request('posts.replies', { id, cursor: thread.cursor, limit: 20 });
    setThread({ ...thread, replies: [...thread.replies, ...page.replies], cursor: page.cursor });
  };
  const shown = (post: Post) => (changes.gone.has(post.id) ? null : { ...post, ...changes.patch.get(post.id) });
  const view = (post: Post, main = false) => {
    const current = shown(post);
    return current && (
      <div key={post.id} class={main ? 'thread-main' : undefined}>
        <PostView post={current} actions={actions} now={now} locale={locale} />
      </div>
    );
  };
  return (
    <section class="screen pushed" aria-label={t('post')}>
      <BackBar title={t('post')} onBack={onBack} />
      <div class="scroll">
        {error && <ErrorNotice message={error} onRetry={load} />}
        {!thread && !error && <p class="placeholder">{t('loading')}</p>}
        {thread && changes.gone.has(thread.post.id) && <p class="placeholder">{t('postDeleted')}</p>}
        {thread && (
          <>
            {thread.ancestors.map((post) => view(post))}
            {view(thread.post, true)}
            <h2 class="section-title">{t('replies')}</h2>
            {thread.replies.map((post) => view(post))}
            {thread.cursor !== null && (
              <button type="button" class="more" onClick={() => void more()}>
                {t('moreReplies')}
              </button>
            )}
          </>
        )}
      </div>
    </section>
  );
}

/** Which activity notifies the player, and whom they blocked or muted. */
function SettingsScreen({ api, onBack, onOpen }: { api: TweederApi; onBack(): void; onOpen(id: number): void }) {
  const t = useTranslator(messages);
  const [settings, setSettings] = useState<TweederSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.request('settings.get', {}).then(setSettings, (failure) => setError(errorText(failure, t)));
  }, []);
  const toggle = async (key: keyof TweederSettings['notify']) => {
    if (!settings) return;
    const next = { notify: { ...settings.notify, [key]: !settings.notify[key] } };
    setSettings(next);
    try {
      setSettings(await api.request('settings.set', next));
    } catch (failure) {
      setSettings(settings);
      setError(errorText(failure, t));
    }
  };
  const labels: [keyof TweederSettings['notify'], string][] = [
    ['likes', t('likes')],
    ['reposts', t('reposts')],
    ['replies', t('replies')],
    ['mentions', t('mentionsAndQuotes')],
    ['follows', t('follows')],
  ];
  return (
    <section class="screen pushed" aria-label={t('settings')}>
      <BackBar title={t('settings')} onBack={onBack} />
      <div class="scroll grouped">
        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}
        <h2 class="section-title">{t('notifyMeOf')}</h2>
        <div class="card">
          {labels.map(([key, label]) => (
            <label key={key} class="toggle-row">
              <span>{label}</span>
              <input type="checkbox" role="switch" checked={settings?.notify[key] ?? true} disabled={!settings} onChange={() => void toggle(key)} />
            </label>
          ))}
        </div>
        {(
          [
            [t('blocked'), 'blocks.list', 'blocks.unblock', t('unblock')],
            [t('muted'), 'mutes.list', 'mutes.unmute', t('unmuteShort')],
          ] as const
        ).map(([title, list, undo, label]) => (
          <section key={title} aria-label={title}>
            <h2 class="section-title">{title}</h2>
            <AccountList
              describe={(failure) => errorText(failure, t)}
              load={(cursor) => api.request(list, { limit: 20, ...(cursor !== null && { cursor }) })}
              loadKey={list}
              onOpen={onOpen}
              buttons={(account, done) => (
                <button type="button" class="small secondary" onClick={(event) => (event.stopPropagation(), void api.request(undo, { id: account.id }).then(done))}>
                  {label}
                </button>
              )}
            />
          </section>
        ))}
      </div>
    </section>
  );
}

/** The player's name, bio, photo and privacy. */
function EditProfile({ app, api, profile, onBack, onSaved }: { app: HandsetApp; api: TweederApi; profile: Profile; onBack(): void; onSaved(profile: Profile): void }) {
  const t = useTranslator(messages);
  const [name, setName] = useState(profile.displayName);
  const [bio, setBio] = useState(profile.bio);
  const [avatar, setAvatar] = useState(profile.avatar);
  const [locked, setLocked] = useState(profile.private);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.request('profiles.update', { displayName: name.trim(), bio, avatar, private: locked }));
    } catch (failure) {
      setError(errorText(failure, t));
      setBusy(false);
    }
  };
  const pick = async () => {
    try {
      const photo = await app.pickPhoto();
      if (photo) setAvatar(photo.url);
    } catch (failure) {
      setError(errorText(failure, t));
    }
  };
  return (
    <section class="screen pushed" aria-label={t('editProfile')}>
      <BackBar
        title={t('editProfile')}
        onBack={onBack}
        trailing={
          <button type="button" class="text-button strong" disabled={busy || name.trim() === ''} onClick={() => void save()}>
            {t('save')}
          </button>
        }
      />
      <div class="scroll grouped">
        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}
        <div class="profile-header">
          <Avatar name={name || profile.displayName} imageUrl={avatar} size="large" />
          {app.info.grants.includes('gallery') && (
            <button type="button" class="link" onClick={() => void pick()}>
              {t('changePhoto')}
            </button>
          )}
          {avatar && (
            <button type="button" class="link" onClick={() => setAvatar(null)}>
              {t('removePhoto')}
            </button>
          )}
        </div>
        <div class="card">
          <div class="input-row">
            <label for="field-display-name">{t('name')}</label>
            <input id="field-display-name" value={name} maxLength={30} onInput={(event) => setName(event.currentTarget.value)} />
          </div>
          <div class="input-row stacked">
            <label for="field-bio">{t('bio')}</label>
            <textarea id="field-bio" rows={3} value={bio} maxLength={160} onInput={(event) => setBio(event.currentTarget.value)} />
          </div>
          <label class="toggle-row">
            <span>{t('privateAccount')}</span>
            <input type="checkbox" role="switch" checked={locked} onChange={() => setLocked(!locked)} />
          </label>
        </div>
        <p class="hint">{t('privateHint')}</p>
      </div>
    </section>
  );
}
