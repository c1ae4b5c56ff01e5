import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { HandsetApp } from '@handset/sdk/app';
import { Avatar, BackBar, CameraIcon, CloseIcon, EmptyState, ErrorNotice, PhotoIcon, useMessage, usePaged, useTimeAgo, useTranslator } from '@handset/sdk/ui';
import { errorText, newClientId, POST_NEW, type CloutgramApi, type Comment, type Post, type PostPage, type Profile, type Story } from '../cloutgram-api';
import { messages } from '../messages';
import { Handle, HeartIcon, PostView, type PostActions } from './post';

/** What changed since the lists were loaded: newer copies of posts, and posts that are gone. */
export interface Changes {
  patch: ReadonlyMap<number, Partial<Post>>;
  gone: ReadonlySet<number>;
}

/** Posts as they stand now: gone ones dropped, changed ones patched, each once. */
export function current(posts: Post[], changes: Changes): Post[] {
  const seen = new Set<number>();
  return posts.flatMap((post) => {
    if (seen.has(post.id) || changes.gone.has(post.id)) return [];
    seen.add(post.id);
    const patch = changes.patch.get(post.id);
    return [patch ? { ...post, ...patch } : post];
  });
}

/** A keyset-paged list of posts as it stands now; a live one takes new posts of its feed at the top as they are pushed. */
function useLivePosts(live: 'following' | 'explore' | null, load: (cursor: number | null) => Promise<PostPage>, loadKey: string, changes: Changes) {
  const paged = usePaged<Post, number>(
    useCallback(async (cursor) => {
      const page = await load(cursor);
      return { items: page.posts, next: page.cursor };
    }, [loadKey]),
  );
  useMessage(POST_NEW, (data) => {
    const { post, feeds } = data as { post: Post; feeds: string[] };
    if (live !== null && feeds.includes(live)) paged.update((posts) => [post, ...posts.filter((existing) => existing.id !== post.id)]);
  });
  return { paged, posts: current(paged.items, changes) };
}

/** A keyset-paged list of posts, newest first; a live feed takes new posts at its top as they are pushed. */
export function Feed({
  live,
  load,
  loadKey,
  changes,
  actions,
  now,
  locale,
  empty,
  children,
}: {
  live: 'following' | 'explore' | null;
  load(cursor: number | null): Promise<PostPage>;
  loadKey: string;
  changes: Changes;
  actions: PostActions;
  now: number;
  locale: string;
  empty: { title: string; message: string };
  children?: preact.ComponentChildren;
}) {
  const t = useTranslator(messages);
  const { paged, posts } = useLivePosts(live, load, loadKey, changes);
  return (
    <div class="feed">
      {children}
      {paged.error !== null && posts.length === 0 ? (
        <ErrorNotice message={errorText(paged.error, t)} onRetry={paged.reload} />
      ) : posts.length === 0 && !paged.loading ? (
        <EmptyState title={empty.title} message={empty.message} />
      ) : null}
      {posts.map((post) => (
        <PostView key={post.id} post={post} actions={actions} now={now} locale={locale} />
      ))}
      {paged.loading && <p class="placeholder">{t('loading')}</p>}
      {!paged.loading && !paged.done && posts.length > 0 && (
        <button type="button" class="more" onClick={paged.loadMore}>
          {t('morePosts')}
        </button>
      )}
    </div>
  );
}

/** Posts as a grid of their first photos (Explore, a profile, saved posts); a tap opens the post. */
export function Grid({ live, load, loadKey, changes, onOpen, empty }: { live: 'explore' | null; load(cursor: number | null): Promise<PostPage>; loadKey: string; changes: Changes; onOpen(post: Post): void; empty: string }) {
  const t = useTranslator(messages);
  const { paged, posts } = useLivePosts(live, load, loadKey, changes);
  return (
    <>
      {paged.error !== null && <ErrorNotice message={errorText(paged.error, t)} onRetry={paged.reload} />}
      {posts.length === 0 && !paged.loading && paged.error === null && <p class="placeholder">{empty}</p>}
      <ul class="grid">
        {posts.map((post) => (
          <li key={post.id}>
            <button type="button" aria-label={t('postBy', { handle: post.author.handle })} onClick={() => onOpen(post)}>
              <img src={post.photos[0]} alt="" referrerpolicy="no-referrer" />
              {post.photos.length > 1 && <span class="multi" aria-hidden="true" />}
            </button>
          </li>
        ))}
      </ul>
      {!paged.loading && !paged.done && posts.length > 0 && (
        <button type="button" class="more" onClick={paged.loadMore}>
          {t('morePosts')}
        </button>
      )}
    </>
  );
}

/** A profile: avatar with its story ring, counts, bio, the follow button and the grid of posts. */
export function ProfileView({
  api,
  id,
  changes,
  onOpen,
  onStory,
  onList,
  onMenu,
  own,
}: {
  api: CloutgramApi;
  id: number;
  changes: Changes;
  onOpen(post: Post): void;
  onStory(profile: Profile): void;
  onList(kind: 'followers' | 'following', profile: Profile): void;
  onMenu(profile: Profile, changed: (profile: Profile) => void): void;
  /** The caller's own profile's extra buttons. */
  own?: preact.ComponentChildren;
}) {
  const t = useTranslator(messages);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api.request('profiles.get', { id }).then(setProfile, (failure) => setError(errorText(failure, t)));
  useEffect(() => void load(), [id]);
  if (error) return <ErrorNotice message={error} onRetry={() => (setError(null), void load())} />;
  if (!profile) return <p class="placeholder">{t('loading')}</p>;
  const follow = async () => {
    try {
      const relation = await api.request(profile.relation.following === 'no' ? 'follows.follow' : 'follows.unfollow', { id: profile.id });
      setProfile(await api.request('profiles.get', { id: profile.id }).catch(() => ({ ...profile, relation })));
    } catch (failure) {
      setError(errorText(failure, t));
    }
  };
  const followLabel = profile.relation.following === 'yes' ? t('following') : profile.relation.following === 'requested' ? t('requested') : profile.relation.followsYou ? t('followBack') : t('follow');
  return (
    <div class="profile">
      <div class="profile-head">
        <button type="button" class={`ring ${profile.story}`} aria-label={profile.story === 'none' ? `@${profile.handle}` : t('storyOf', { handle: profile.handle })} disabled={profile.story === 'none'} onClick={() => onStory(profile)}>
          <Avatar name={profile.displayName} imageUrl={profile.avatar} size="large" />
        </button>
        <dl class="counts">
          <div>
            <dd>{profile.posts}</dd>
            <dt>{t('posts')}</dt>
          </div>
          <button type="button" disabled={!profile.visible} aria-label={t('followersCount', { count: profile.followers })} onClick={() => onList('followers', profile)}>
            <dd>{profile.followers}</dd>
            <dt>{t('followers')}</dt>
          </button>
          <button type="button" disabled={!profile.visible} aria-label={t('followingCount', { count: profile.following })} onClick={() => onList('following', profile)}>
            <dd>{profile.following}</dd>
            <dt>{t('following')}</dt>
          </button>
        </dl>
      </div>
      <p class="profile-name">
        <strong>{profile.displayName}</strong> <Handle account={profile} />
      </p>
      {profile.bio && <p class="bio">{profile.bio}</p>}
      <div class="profile-buttons">
        {profile.me ? (
          own
        ) : (
          <>
            <button type="button" class={profile.relation.following === 'no' ? 'primary small' : 'secondary small'} disabled={profile.relation.blocking} onClick={() => void follow()}>
              {followLabel}
            </button>
            <button type="button" class="icon-button" aria-label={t('moreOptions')} onClick={() => onMenu(profile, setProfile)}>
              ⋯
            </button>
          </>
        )}
      </div>
      {profile.visible ? (
        <Grid live={null} load={(cursor) => api.request('profiles.posts', { id: profile.id, limit: 18, ...(cursor !== null && { cursor }) })} loadKey={`profile:${profile.id}`} changes={changes} onOpen={onOpen} empty={t('noPostsYet')} />
      ) : (
        <EmptyState title={t('privateAccount')} message={t('privateHint')} />
      )}
    </div>
  );
}

/** One comment, with its like button, Reply, and its replies on demand. */
function CommentRow({ api, comment, now, locale, onReply, onProfile, onChanged, onDelete, mayDelete }: {
  api: CloutgramApi;
  comment: Comment;
  now: number;
  locale: string;
  onReply(comment: Comment): void;
  onProfile(id: number): void;
  onChanged(comment: Comment): void;
  onDelete(comment: Comment): void;
  mayDelete(comment: Comment): boolean;
}) {
  const t = useTranslator(messages);
  const ago = useTimeAgo();
  const [open, setOpen] = useState(false);
  const like = () => api.request('comments.like', { id: comment.id, liked: !comment.liked }).then(onChanged, () => {});
  return (
    <li class="comment">
      <Avatar name={comment.author.displayName} imageUrl={comment.author.avatar} size="small" />
      <div class="comment-main">
        <p>
          <button type="button" class="link strong" onClick={() => onProfile(comment.author.id)}>
            {comment.author.handle}
          </button>{' '}
          <span class="comment-text">{comment.text}</span>
        </p>
        <p class="comment-meta">
          <span>{ago(comment.createdAt, now, locale)}</span>
          {comment.likes > 0 && <span>{t('likes', { count: comment.likes })}</span>}
          {comment.parentId === null && (
            <button type="button" class="link" onClick={() => onReply(comment)}>
              {t('reply')}
            </button>
          )}
          {mayDelete(comment) && (
            <button type="button" class="link" onClick={() => onDelete(comment)}>
              {t('delete')}
            </button>
          )}
        </p>
        {comment.replies > 0 && !open && (
          <button type="button" class="link muted" onClick={() => setOpen(true)}>
            {t('viewReplies', { count: comment.replies })}
          </button>
        )}
        {open && <Comments api={api} postId={comment.postId} parentId={comment.id} now={now} locale={locale} onReply={onReply} onProfile={onProfile} mayDelete={mayDelete} version={comment.replies} />}
      </div>
      <button type="button" class="icon-button small" aria-pressed={comment.liked} aria-label={t('likeComment', { count: comment.likes })} onClick={() => void like()}>
        <HeartIcon filled={comment.liked} />
      </button>
    </li>
  );
}

/** A post's comments or a comment's replies, oldest first, paged. */
function Comments({ api, postId, parentId, now, locale, onReply, onProfile, mayDelete, version }: {
  api: CloutgramApi;
  postId: number;
  parentId?: number;
  now: number;
  locale: string;
  onReply(comment: Comment): void;
  onProfile(id: number): void;
  mayDelete(comment: Comment): boolean;
  /** Bumped when the caller adds a comment here: the list loads again. */
  version: number;
}) {
  const t = useTranslator(messages);
  const paged = usePaged<Comment, number>(
    useCallback(async (cursor) => {
      const page = await api.request('comments.list', { postId, ...(parentId !== undefined && { parentId }), limit: 20, ...(cursor !== null && { cursor }) });
      return { items: page.comments, next: page.cursor };
    }, [postId, parentId, version]),
  );
  const remove = (comment: Comment) =>
    api.request('comments.delete', { id: comment.id }).then(() => paged.update((items) => items.filter((item) => item.id !== comment.id)), () => {});
  return (
    <>
      {paged.error !== null && <ErrorNotice message={errorText(paged.error, t)} onRetry={paged.reload} />}
      <ul class={parentId === undefined ? 'comments' : 'comments replies'}>
        {paged.items.map((comment) => (
          <CommentRow
            key={comment.id}
            api={api}
            comment={comment}
            now={now}
            locale={locale}
            onReply={onReply}
            onProfile={onProfile}
            onChanged={(changed) => paged.update((items) => items.map((item) => (item.id === changed.id ? changed : item)))}
            onDelete={remove}
            mayDelete={mayDelete}
          />
        ))}
      </ul>
      {!paged.loading && !paged.done && (
        <button type="button" class="more" onClick={paged.loadMore}>
          {t('moreComments')}
        </button>
      )}
    </>
  );
}

/** A post's page: the post, its comments with replies, and the box to add one. */
export function PostScreen({ api, id, me, changes, actions, now, locale, onBack }: { api: CloutgramApi; id: number; me: Profile; changes: Changes; actions: PostActions; now: number; locale: string; onBack(): void }) {
  const t = useTranslator(messages);
  const [post, setPost] = useState<Post | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const [version, setVersion] = useState(0);
  const [sending, setSending] = useState(false);
  const clientId = useRef(newClientId());
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => void api.request('posts.get', { id }).then(setPost, (failure) => setError(errorText(failure, t))), [id]);
  const shown = post && current([post], changes)[0];
  const send = async () => {
    if (!post || text.trim() === '' || sending) return;
    setSending(true);
    try {
      await api.request('comments.create', { clientId: clientId.current, postId: post.id, text, ...(replyTo && { parentId: replyTo.id }) });
      clientId.current = newClientId();
      setText('');
      setReplyTo(null);
      setError(null);
      setVersion((value) => value + 1);
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setSending(false);
    }
  };
  return (
    <section class="screen pushed" aria-label={t('post')}>
      <BackBar title={t('post')} onBack={onBack} />
      <div class="scroll">
        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}
        {post && !shown && <EmptyState title={t('postGone')} message={t('postGoneHint')} />}
        {shown && (
          <>
            <PostView post={shown} actions={{ ...actions, onOpen: () => box.current?.focus() }} now={now} locale={locale} />
            <Comments
              api={api}
              postId={shown.id}
              now={now}
              locale={locale}
              version={version}
              onReply={(comment) => {
                setReplyTo(comment);
                setText(`@${comment.author.handle} `);
                box.current?.focus();
              }}
              onProfile={actions.onProfile}
              mayDelete={(comment) => comment.author.id === me.id || shown.author.id === me.id}
            />
          </>
        )}
      </div>
      {shown && (
        <div class="comment-box">
          {replyTo && (
            <p class="replying">
              {t('replyingTo', { handle: replyTo.author.handle })}
              <button type="button" class="icon-button small" aria-label={t('cancelReply')} onClick={() => (setReplyTo(null), setText(''))}>
                <CloseIcon />
              </button>
            </p>
          )}
          <label for="comment-text" class="visually-hidden">
            {t('addComment')}
          </label>
          <input
            id="comment-text"
            ref={box}
            value={text}
            maxLength={500}
            placeholder={t('addComment')}
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Enter' && void send()}
          />
          <button type="button" class="text-button strong" disabled={text.trim() === '' || sending} onClick={() => void send()}>
            {t('postButton')}
          </button>
        </div>
      )}
    </section>
  );
}

/** A new post: 1-10 photos from the gallery or camera, a caption and a place. */
export function Compose({ app, api, onPosted }: { app: HandsetApp; api: CloutgramApi; onPosted(post: Post): void }) {
  const t = useTranslator(messages);
  const [photos, setPhotos] = useState<string[]>([]);
  const [caption, setCaption] = useState('');
  const [location, setLocation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const clientId = useRef(newClientId());
  const grants = app.info.grants;
  const add = async (source: 'gallery' | 'camera') => {
    try {
      const photo = source === 'gallery' ? await app.pickPhoto() : await app.capturePhoto();
      if (photo) setPhotos((list) => [...list, photo.url].slice(0, 10));
    } catch (failure) {
      setError(errorText(failure, t));
    }
  };
  const share = async () => {
    if (photos.length === 0 || sending) return;
    setSending(true);
    setError(null);
    try {
      onPosted(await api.request('posts.create', { clientId: clientId.current, photos, caption, location }));
    } catch (failure) {
      setError(errorText(failure, t));
      setSending(false);
    }
  };
  return (
    <div class="compose">
      {error && (
        <p class="notice" role="alert">
          {error}
        </p>
      )}
      <ul class="compose-photos">
        {photos.map((url, index) => (
          <li key={`${index}:${url}`}>
            <img src={url} alt={t('photoOf', { index: index + 1, count: photos.length })} referrerpolicy="no-referrer" />
            <button type="button" aria-label={t('removePhoto')} onClick={() => setPhotos((list) => list.filter((_, at) => at !== index))}>
              <CloseIcon />
            </button>
          </li>
        ))}
      </ul>
      <div class="compose-tools">
        {grants.includes('gallery') && (
          <button type="button" class="secondary" disabled={photos.length >= 10} onClick={() => void add('gallery')}>
            <PhotoIcon /> {t('addPhoto')}
          </button>
        )}
        {grants.includes('camera') && (
          <button type="button" class="secondary" disabled={photos.length >= 10} onClick={() => void add('camera')}>
            <CameraIcon /> {t('takePhoto')}
          </button>
        )}
      </div>
      <label for="caption">{t('caption')}</label>
      <textarea id="caption" rows={4} maxLength={2200} value={caption} placeholder={t('captionPlaceholder')} onInput={(event) => setCaption(event.currentTarget.value)} />
      <label for="location">{t('location')}</label>
      <input id="location" maxLength={60} value={location} placeholder={t('locationPlaceholder')} onInput={(event) => setLocation(event.currentTarget.value)} />
      <button type="button" class="primary" disabled={photos.length === 0 || sending} onClick={() => void share()}>
        {t('share')}
      </button>
    </div>
  );
}

/** An account's live stories, one at a time: marked seen as shown; the author sees its viewers, others reply. */
export function StoryViewer({ api, account, me, now, locale, onClose, onViewers }: {
  api: CloutgramApi;
  account: { id: number; handle: string };
  me: Profile;
  now: number;
  locale: string;
  onClose(): void;
  onViewers(story: Story): void;
}) {
  const t = useTranslator(messages);
  const ago = useTimeAgo();
  const [stories, setStories] = useState<Story[] | null>(null);
  const [index, setIndex] = useState(0);
  const [reply, setReply] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(
    () =>
      void api.request('stories.of', { accountId: account.id }).then(
        (list) => {
          setStories(list);
          // Start at the first one not yet watched.
          setIndex(Math.max(0, list.findIndex((story) => !story.seen)));
        },
        (failure) => setNotice(errorText(failure, t)),
      ),
    [account.id],
  );
  const story = stories?.[index];
  useEffect(() => {
    if (story && !story.seen) void api.request('stories.view', { id: story.id }).catch(() => {});
  }, [story?.id]);
  const next = () => (stories && index < stories.length - 1 ? setIndex(index + 1) : onClose());
  const send = async () => {
    if (!story || reply.trim() === '') return;
    try {
      await api.request('stories.reply', { id: story.id, text: reply });
      setReply('');
      setNotice(t('replySent'));
    } catch (failure) {
      setNotice(errorText(failure, t));
    }
  };
  return (
    <section class="screen pushed story" aria-label={t('storyOf', { handle: account.handle })}>
      <div class="story-bars" aria-hidden="true">
        {stories?.map((item, at) => <span key={item.id} class={at <= index ? 'done' : ''} />)}
      </div>
      <header class="story-head">
        {story && <Avatar name={story.author.displayName} imageUrl={story.author.avatar} size="small" />}
        <strong>{account.handle}</strong>
        {story && <span class="time">{ago(story.createdAt, now, locale)}</span>}
        <span class="spacer" />
        <button type="button" class="icon-button" aria-label={t('close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      {stories !== null && stories.length === 0 && <EmptyState title={t('storyGone')} message={t('storyGoneHint')} />}
      {story && (
        <button type="button" class="story-photo" aria-label={t('nextStory')} onClick={next}>
          <img src={story.photo} alt={t('storyPhoto')} referrerpolicy="no-referrer" />
        </button>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {story && account.id === me.id && (
        <button type="button" class="secondary story-viewers" onClick={() => onViewers(story)}>
          {t('viewers', { count: story.views ?? 0 })}
        </button>
      )}
      {story && account.id !== me.id && (
        <div class="story-reply">
          <label for="story-reply" class="visually-hidden">
            {t('replyTo', { handle: account.handle })}
          </label>
          <input
            id="story-reply"
            value={reply}
            maxLength={500}
            placeholder={t('replyTo', { handle: account.handle })}
            onInput={(event) => setReply(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Enter' && void send()}
          />
          <button type="button" class="text-button strong" disabled={reply.trim() === ''} onClick={() => void send()}>
            {t('send')}
          </button>
        </div>
      )}
    </section>
  );
}
