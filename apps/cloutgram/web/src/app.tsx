import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HandsetApp } from '@handset/sdk/app';
import { AccountList, ActionSheet, Avatar, BackBar, ClaimHandle, ErrorNotice, ListRow, NavBar, PersonIcon, PlusIcon, SearchField, SearchIcon, Switch, type SheetAction, type Tab, TabBar, useMessage, usePaged, useSettings, useTranslator } from '@handset/sdk/ui';
import { Compose, Feed, Grid, PostScreen, ProfileView, StoryViewer, type Changes } from './components/screens';
import type { PostActions } from './components/post';
import {
  cloutgramApi,
  errorText,
  newClientId,
  notificationText,
  NOTIFICATIONS_CHANGED,
  POST_COUNTS,
  POST_DELETED,
  STORY_NEW,
  type AccountPage,
  type CloutgramApi,
  type NotificationGroup,
  type Post,
  type Profile,
  type StoryRing,
} from './cloutgram-api';
import { messages } from './messages';

type TabId = 'home' | 'explore' | 'create' | 'activity' | 'profile';
type Screen =
  | { kind: 'post'; id: number }
  | { kind: 'profile'; id: number }
  | { kind: 'story'; account: { id: number; handle: string } }
  | { kind: 'accounts'; title: string; requests?: boolean; undo?: { action: 'blocks.unblock' | 'mutes.unmute'; label: string }; load: (cursor: number | null) => Promise<AccountPage> }
  | { kind: 'saved' }
  | { kind: 'edit' };

function HomeIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <path fill="currentColor" d="M12 3 2 11.5h3V21h5.5v-6h3v6H19v-9.5h3z" />
    </svg>
  );
}

function HeartOutline() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <path fill="none" stroke="currentColor" stroke-width="2" d="M12 20.5s-7.5-4.6-9.2-9.4C1.7 7.9 3.8 4.5 7.2 4.5c2 0 3.6 1.1 4.8 2.8 1.2-1.7 2.8-2.8 4.8-2.8 3.4 0 5.5 3.4 4.4 6.6-1.7 4.8-9.2 9.4-9.2 9.4z" />
    </svg>
  );
}

const TABS = [
  { id: 'home', icon: <HomeIcon /> },
  { id: 'explore', icon: <SearchIcon /> },
  { id: 'create', icon: <PlusIcon /> },
  { id: 'activity', icon: <HeartOutline /> },
  { id: 'profile', icon: <PersonIcon /> },
] as const;
const PANEL_ID = 'cloutgram-panel';
const REPORT_REASONS = {
  spam: 'reasonSpam',
  harassment: 'reasonHarassment',
  hate: 'reasonHate',
  violence: 'reasonViolence',
  impersonation: 'reasonImpersonation',
  other: 'reasonOther',
} as const;

/** The stories tray: the caller's own (tap to watch, + to add) and those of the accounts they follow, unseen first. */
function Tray({ app, api, me, version, onOpen, onNotice }: { app: HandsetApp; api: CloutgramApi; me: Profile; version: number; onOpen(account: { id: number; handle: string }): void; onNotice(text: string): void }) {
  const t = useTranslator(messages);
  const paged = usePaged<StoryRing, number>(
    useCallback(async (cursor) => {
      const page = await api.request('stories.tray', { limit: 30, ...(cursor !== null && { cursor }) });
      return { items: page.rings, next: page.cursor };
    }, [version]),
  );
  const [adding, setAdding] = useState(false);
  const mine = paged.items.find((ring) => ring.account.id === me.id);
  const others = paged.items.filter((ring) => ring.account.id !== me.id).sort((a, b) => Number(a.seen) - Number(b.seen));
  const add = async () => {
    setAdding(true);
    try {
      const photo = app.info.grants.includes('gallery') ? await app.pickPhoto() : await app.capturePhoto();
      if (photo) {
        await api.request('stories.create', { clientId: newClientId(), photo: photo.url });
        paged.reload();
      }
    } catch (failure) {
      onNotice(errorText(failure, t));
    } finally {
      setAdding(false);
    }
  };
  return (
    <ul class="tray" aria-label={t('stories')}>
      <li>
        <button type="button" class={`ring ${mine ? (mine.seen ? 'seen' : 'unseen') : 'none'}`} aria-label={mine ? t('yourStory') : t('addToStory')} disabled={adding} onClick={() => (mine ? onOpen(me) : void add())}>
          <Avatar name={me.displayName} imageUrl={me.avatar} size="row" />
        </button>
        {mine && (
          <button type="button" class="add-story" aria-label={t('addToStory')} disabled={adding} onClick={() => void add()}>
            +
          </button>
        )}
        <span>{t('yourStory')}</span>
      </li>
      {others.map((ring) => (
        <li key={ring.account.id}>
          <button type="button" class={`ring ${ring.seen ? 'seen' : 'unseen'}`} aria-label={t('storyOf', { handle: ring.account.handle })} onClick={() => onOpen(ring.account)}>
            <Avatar name={ring.account.displayName} imageUrl={ring.account.avatar} size="row" />
          </button>
          <span>{ring.account.handle}</span>
        </li>
      ))}
      {!paged.done && !paged.loading && (
        <li>
          <button type="button" class="more" onClick={paged.loadMore}>
            {t('more')}
          </button>
        </li>
      )}
    </ul>
  );
}

/** Activity: notifications grouped, newest first; a row opens its post or its account. */
function Activity({ api, version, onOpen }: { api: CloutgramApi; version: number; onOpen(group: NotificationGroup): void }) {
  const t = useTranslator(messages);
  const paged = usePaged<NotificationGroup, number>(
    useCallback(async (cursor) => {
      const page = await api.request('notifications.list', { limit: 20, ...(cursor !== null && { cursor }) });
      return { items: page.groups, next: page.cursor };
    }, [version]),
  );
  return (
    <>
      {paged.error !== null && <ErrorNotice message={errorText(paged.error, t)} onRetry={paged.reload} />}
      {paged.items.length === 0 && !paged.loading && paged.error === null && <p class="placeholder">{t('noActivity')}</p>}
      <ul class="list-rows activity">
        {paged.items.map((group) => (
          <ListRow
            key={group.id}
            leading={<Avatar name={group.actors[0]?.displayName ?? '?'} imageUrl={group.actors[0]?.avatar ?? null} size="row" />}
            title={<span class="notification-text">{notificationText(group, t)}</span>}
            subtitle={group.text ?? undefined}
            label={notificationText(group, t)}
            trailing={group.thumbnail ? <img class="thumb" src={group.thumbnail} alt="" referrerpolicy="no-referrer" /> : undefined}
            onClick={() => onOpen(group)}
          />
        ))}
      </ul>
      {!paged.loading && !paged.done && paged.items.length > 0 && (
        <button type="button" class="more" onClick={paged.loadMore}>
          {t('more')}
        </button>
      )}
    </>
  );
}

/** The caller's name, bio, photo and privacy. */
function EditProfile({ app, api, me, onDone, onBack }: { app: HandsetApp; api: CloutgramApi; me: Profile; onDone(profile: Profile): void; onBack(): void }) {
  const t = useTranslator(messages);
  const [name, setName] = useState(me.displayName);
  const [bio, setBio] = useState(me.bio);
  const [avatar, setAvatar] = useState(me.avatar);
  const [closed, setClosed] = useState(me.private);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      onDone(await api.request('profiles.update', { displayName: name, bio, avatar, private: closed }));
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
          <button type="button" class="text-button strong" onClick={() => void save()}>
            {t('done')}
          </button>
        }
      />
      <div class="scroll grouped">
        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}
        <button type="button" class="link" onClick={() => void app.pickPhoto().then((photo) => photo && setAvatar(photo.url), () => {})}>
          {t('changePhoto')}
        </button>
        <div class="card">
          <div class="input-row">
            <label for="edit-name">{t('name')}</label>
            <input id="edit-name" value={name} maxLength={30} onInput={(event) => setName(event.currentTarget.value)} />
          </div>
          <div class="input-row">
            <label for="edit-bio">{t('bio')}</label>
            <input id="edit-bio" value={bio} maxLength={160} onInput={(event) => setBio(event.currentTarget.value)} />
          </div>
        </div>
        <ul class="list-rows card">
          <ListRow title={t('privateAccount')} trailing={<Switch label={t('privateAccount')} on={closed} onChange={setClosed} />} />
        </ul>
      </div>
    </section>
  );
}

export function App({ app }: { app: HandsetApp }) {
  const t = useTranslator(messages);
  const api = useMemo(() => cloutgramApi(app), [app]);
  const { locale } = useSettings();
  const [me, setMe] = useState<Profile | null | undefined>(undefined);
  const [meError, setMeError] = useState<string | null>(null);
  const [tab, setTab] = useState<TabId>('home');
  const [stack, setStack] = useState<Screen[]>([]);
  const [changes, setChanges] = useState<Changes>({ patch: new Map(), gone: new Set() });
  const [menu, setMenu] = useState<{ title: string; actions: SheetAction[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [activityVersion, setActivityVersion] = useState(0);
  const [trayVersion, setTrayVersion] = useState(0);
  const [query, setQuery] = useState('');
  const [now, setNow] = useState(Date.now());
  const stackRef = useRef(stack);
  stackRef.current = stack;

  const loadMe = () => {
    setMeError(null);
    api.request('profiles.me', {}).then(setMe, (failure) => setMeError(errorText(failure, t)));
  };
  useEffect(loadMe, [api]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const push = (screen: Screen) => setStack((list) => [...list, screen]);
  const pop = () => setStack((list) => list.slice(0, -1));
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

  const patch = (post: Partial<Post> & { id: number }) => setChanges((list) => ({ ...list, patch: new Map(list.patch).set(post.id, { ...list.patch.get(post.id), ...post }) }));
  const drop = (id: number) => setChanges((list) => ({ ...list, gone: new Set([...list.gone, id]) }));
  useMessage(POST_DELETED, (data) => drop((data as { id: number }).id));
  useMessage(POST_COUNTS, (data) => patch(data as { id: number; likes: number; comments: number }));
  useMessage(STORY_NEW, () => setTrayVersion((version) => version + 1));
  useMessage(NOTIFICATIONS_CHANGED, (data) => {
    setUnread((data as { unread: number }).unread);
    setActivityVersion((version) => version + 1);
  });

  const attempt = async (work: () => Promise<unknown>) => {
    try {
      setNotice(null);
      await work();
    } catch (failure) {
      setNotice(errorText(failure, t));
    }
  };
  const report = (target: { postId: number } | { accountId: number }) =>
    setMenu({
      title: t('reportReason'),
      actions: (Object.keys(REPORT_REASONS) as (keyof typeof REPORT_REASONS)[]).map((reason) => ({
        label: t(REPORT_REASONS[reason]),
        onSelect: () => void attempt(async () => (await api.request('reports.create', { ...target, reason }), setNotice(t('reportThanks')))),
      })),
    });
  const block = async (id: number, handle: string) => {
    if (!(await app.confirm({ title: t('blockTitle', { handle }), message: t('blockMessage'), confirmLabel: t('block'), destructive: true }))) return null;
    return api.request('blocks.block', { id });
  };

  const openProfile = (id: number) => push({ kind: 'profile', id });
  const actions: PostActions = {
    onOpen: (post) => push({ kind: 'post', id: post.id }),
    onProfile: openProfile,
    onLike: (post) => {
      // Shown at once; put back if the server refuses.
      patch({ id: post.id, liked: !post.liked, likes: post.likes + (post.liked ? -1 : 1) });
      api.request('posts.like', { id: post.id, liked: !post.liked }).then(patch, (failure) => {
        patch({ id: post.id, liked: post.liked, likes: post.likes });
        setNotice(errorText(failure, t));
      });
    },
    onSave: (post) => void attempt(async () => patch(await api.request('posts.save', { id: post.id, saved: !post.saved }))),
    onMenu: (post) =>
      setMenu({
        title: `@${post.author.handle}`,
        actions:
          me && post.author.id === me.id
            ? [
                {
                  label: t('deletePost'),
                  destructive: true,
                  onSelect: () =>
                    void attempt(async () => {
                      if (!(await app.confirm({ title: t('deletePostTitle'), message: t('deletePostMessage'), confirmLabel: t('delete'), destructive: true }))) return;
                      await api.request('posts.delete', { id: post.id });
                      drop(post.id);
                    }),
                },
              ]
            : [
                { label: t('likedBy'), onSelect: () => push({ kind: 'accounts', title: t('likedBy'), load: (cursor) => api.request('posts.likedBy', { id: post.id, limit: 20, ...(cursor !== null && { cursor }) }) }) },
                { label: t('reportPost'), onSelect: () => report({ postId: post.id }) },
                { label: t('blockHandle', { handle: post.author.handle }), destructive: true, onSelect: () => void attempt(() => block(post.author.id, post.author.handle)) },
              ],
      }),
  };

  const profileMenu = (profile: Profile, changed: (profile: Profile) => void) =>
    setMenu({
      title: `@${profile.handle}`,
      actions: [
        { label: t('reportAccount'), onSelect: () => report({ accountId: profile.id }) },
        {
          label: profile.relation.muting ? t('unmute', { handle: profile.handle }) : t('mute', { handle: profile.handle }),
          onSelect: () => void attempt(async () => changed({ ...profile, relation: await api.request(profile.relation.muting ? 'mutes.unmute' : 'mutes.mute', { id: profile.id }) })),
        },
        {
          label: profile.relation.blocking ? t('unblockHandle', { handle: profile.handle }) : t('blockHandle', { handle: profile.handle }),
          destructive: !profile.relation.blocking,
          onSelect: () =>
            void attempt(async () => {
              const relation = profile.relation.blocking ? await api.request('blocks.unblock', { id: profile.id }) : await block(profile.id, profile.handle);
              if (relation) changed({ ...profile, relation });
            }),
        },
      ],
    });
  const showRequests = () => push({ kind: 'accounts', title: t('followRequests'), requests: true, load: (cursor) => api.request('follows.requests', { limit: 20, ...(cursor !== null && { cursor }) }) });
  const openNotification = (group: NotificationGroup) => {
    if (group.postId !== null) push({ kind: 'post', id: group.postId });
    else if (group.kind === 'request') showRequests();
    else if (group.actors[0]) openProfile(group.actors[0].id);
  };
  const showTab = (id: TabId) => {
    setTab(id);
    if (id === 'activity' && unread > 0) void api.request('notifications.read', {}).then(() => setUnread(0), () => {});
  };

  if (me === undefined) {
    return (
      <main class="app">
        <section class="screen" aria-label="Cloutgram">
          <NavBar title="Cloutgram" />
          {meError ? <ErrorNotice message={meError} onRetry={loadMe} /> : <p class="placeholder">{t('loading')}</p>}
        </section>
      </main>
    );
  }
  if (me === null) {
    return (
      <main class="app">
        <ClaimHandle app="Cloutgram" hint={t('joinHint')} claim={(input) => api.request('profiles.claim', input)} describe={(failure) => errorText(failure, t)} onDone={setMe} />
      </main>
    );
  }

  const profileProps = {
    api,
    changes,
    onOpen: actions.onOpen,
    onStory: (profile: Profile) => push({ kind: 'story', account: profile }),
    onList: (kind: 'followers' | 'following', profile: Profile) =>
      push({
        kind: 'accounts',
        title: kind === 'followers' ? t('followers') : t('following'),
        load: (cursor) => api.request(kind === 'followers' ? 'profiles.followers' : 'profiles.following', { id: profile.id, limit: 20, ...(cursor !== null && { cursor }) }),
      }),
    onMenu: profileMenu,
  };
  const top = stack.at(-1);
  const tabs: Tab<TabId>[] = TABS.map(({ id, icon }) => ({
    id,
    icon,
    label: id === 'activity' && unread > 0 ? t('activityUnread', { count: unread }) : t(id === 'create' ? 'newPost' : id),
  }));
  const searching = query.trim() !== '';

  return (
    <main class="app">
      <section class="screen" aria-label="Cloutgram" hidden={top !== undefined}>
        {tab === 'home' && <NavBar title="Cloutgram" />}
        {tab === 'explore' && (
          <>
            <NavBar title={t('explore')} />
            <SearchField value={query} onChange={setQuery} label={t('searchCloutgram')} />
          </>
        )}
        {tab === 'create' && <NavBar title={t('newPost')} />}
        {tab === 'activity' && <NavBar title={t('activity')} />}
        {tab === 'profile' && <NavBar title={me.handle} />}
        {notice && (
          <p class="notice" role="alert">
            {notice}
          </p>
        )}
        <div class="scroll" id={PANEL_ID} role="tabpanel" aria-labelledby={`tab-${tab}`}>
          {tab === 'home' && (
            <Feed
              live="following"
              load={(cursor) => api.request('feed.following', { limit: 10, ...(cursor !== null && { cursor }) })}
              loadKey="following"
              changes={changes}
              actions={actions}
              now={now}
              locale={locale}
              empty={{ title: t('emptyFeed'), message: t('emptyFeedHint') }}
            >
              <Tray app={app} api={api} me={me} version={trayVersion} onOpen={(account) => push({ kind: 'story', account })} onNotice={setNotice} />
            </Feed>
          )}
          {tab === 'explore' &&
            (searching ? (
              <AccountList load={() => api.request('search.accounts', { query, limit: 20 })} loadKey={`search:${query}`} onOpen={openProfile} describe={(failure) => errorText(failure, t)} />
            ) : (
              <Grid live="explore" load={(cursor) => api.request('feed.explore', { limit: 24, ...(cursor !== null && { cursor }) })} loadKey="explore" changes={changes} onOpen={actions.onOpen} empty={t('nothingToExplore')} />
            ))}
          {tab === 'create' && (
            <Compose
              app={app}
              api={api}
              onPosted={() => {
                setTab('home');
                setMe({ ...me, posts: me.posts + 1 });
              }}
            />
          )}
          {tab === 'activity' && <Activity api={api} version={activityVersion} onOpen={openNotification} />}
          {tab === 'profile' && (
            <ProfileView
              key={`${me.posts}:${me.displayName}:${me.bio}:${me.avatar}:${me.private}`}
              {...profileProps}
              id={me.id}
              own={
                <>
                  <button type="button" class="secondary small" onClick={() => push({ kind: 'edit' })}>
                    {t('editProfile')}
                  </button>
                  <button type="button" class="secondary small" onClick={() => push({ kind: 'saved' })}>
                    {t('saved')}
                  </button>
                  {me.private && (
                    <button type="button" class="secondary small" onClick={showRequests}>
                      {t('followRequests')}
                    </button>
                  )}
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() =>
                      push({ kind: 'accounts', title: t('blocked'), undo: { action: 'blocks.unblock', label: t('unblock') }, load: (cursor) => api.request('blocks.list', { limit: 20, ...(cursor !== null && { cursor }) }) })
                    }
                  >
                    {t('blocked')}
                  </button>
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() =>
                      push({ kind: 'accounts', title: t('muted'), undo: { action: 'mutes.unmute', label: t('unmuteButton') }, load: (cursor) => api.request('mutes.list', { limit: 20, ...(cursor !== null && { cursor }) }) })
                    }
                  >
                    {t('muted')}
                  </button>
                </>
              }
            />
          )}
        </div>
        <TabBar tabs={tabs} selected={tab} onSelect={showTab} panelId={PANEL_ID} label={t('sections')} />
      </section>
      {top?.kind === 'post' && <PostScreen key={top.id} api={api} id={top.id} me={me} changes={changes} actions={actions} now={now} locale={locale} onBack={pop} />}
      {top?.kind === 'profile' && (
        <section class="screen pushed" aria-label={t('profile')}>
          <BackBar title={t('profile')} onBack={pop} />
          <div class="scroll">
            <ProfileView key={top.id} {...profileProps} id={top.id} />
          </div>
        </section>
      )}
      {top?.kind === 'story' && (
        <StoryViewer
          key={top.account.id}
          api={api}
          account={top.account}
          me={me}
          now={now}
          locale={locale}
          onClose={() => (pop(), setTrayVersion((version) => version + 1))}
          onViewers={(story) =>
            push({ kind: 'accounts', title: t('viewersTitle'), load: (cursor) => api.request('stories.viewers', { id: story.id, limit: 20, ...(cursor !== null && { cursor }) }) })
          }
        />
      )}
      {top?.kind === 'accounts' && (
        <section class="screen pushed" aria-label={top.title}>
          <BackBar title={top.title} onBack={pop} />
          <div class="scroll">
            <AccountList
              describe={(failure) => errorText(failure, t)}
              load={top.load}
              loadKey={`${stack.length}:${top.title}`}
              onOpen={openProfile}
              buttons={
                top.requests
                  ? (account, done) => (
                      <span class="row-buttons">
                        <button type="button" class="primary small" onClick={(event) => (event.stopPropagation(), void attempt(async () => (await api.request('follows.answer', { id: account.id, accept: true }), done())))}>
                          {t('confirm')}
                        </button>
                        <button type="button" class="secondary small" onClick={(event) => (event.stopPropagation(), void attempt(async () => (await api.request('follows.answer', { id: account.id, accept: false }), done())))}>
                          {t('decline')}
                        </button>
                      </span>
                    )
                  : top.undo
                    ? (account, done) => (
                        <button type="button" class="secondary small" onClick={(event) => (event.stopPropagation(), void attempt(async () => (await api.request(top.undo!.action, { id: account.id }), done())))}>
                          {top.undo!.label}
                        </button>
                      )
                    : undefined
              }
            />
          </div>
        </section>
      )}
      {top?.kind === 'saved' && (
        <section class="screen pushed" aria-label={t('saved')}>
          <BackBar title={t('saved')} onBack={pop} />
          <div class="scroll">
            <Grid live={null} load={(cursor) => api.request('posts.saved', { limit: 24, ...(cursor !== null && { cursor }) })} loadKey="saved" changes={changes} onOpen={actions.onOpen} empty={t('nothingSaved')} />
          </div>
        </section>
      )}
      {top?.kind === 'edit' && <EditProfile app={app} api={api} me={me} onBack={pop} onDone={(profile) => (setMe(profile), pop())} />}
      {menu && <ActionSheet title={menu.title} actions={menu.actions} onClose={() => setMenu(null)} />}
    </main>
  );
}
