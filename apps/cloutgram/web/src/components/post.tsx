import { useState } from 'preact/hooks';
import { Avatar, MoreIcon, useTimeAgo, useTranslator } from '@handset/sdk/ui';
import type { AccountCard, Post } from '../cloutgram-api';
import { messages } from '../messages';

export interface PostActions {
  onOpen(post: Post): void;
  onProfile(id: number): void;
  onLike(post: Post): void;
  onSave(post: Post): void;
  onMenu(post: Post): void;
}

export function HeartIcon({ filled }: { filled: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <path
        fill={filled ? '#ff3040' : 'none'}
        stroke={filled ? '#ff3040' : 'currentColor'}
        stroke-width="1.8"
        d="M12 20.5s-7.5-4.6-9.2-9.4C1.7 7.9 3.8 4.5 7.2 4.5c2 0 3.6 1.1 4.8 2.8 1.2-1.7 2.8-2.8 4.8-2.8 3.4 0 5.5 3.4 4.4 6.6-1.7 4.8-9.2 9.4-9.2 9.4z"
      />
    </svg>
  );
}

function BubbleIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <path fill="none" stroke="currentColor" stroke-width="1.8" d="M20.5 11.5a8.5 8.5 0 0 1-12.6 7.4L3.5 20.5l1.6-4.2A8.5 8.5 0 1 1 20.5 11.5z" />
    </svg>
  );
}

function BookmarkIcon({ filled }: { filled: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <path fill={filled ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="1.8" d="M6 3.5h12v17l-6-4.5-6 4.5z" />
    </svg>
  );
}

/** A handle with the verified badge: the one way an account's name shows in Cloutgram. */
export function Handle({ account }: { account: AccountCard }) {
  const t = useTranslator(messages);
  return (
    <span class="handle">
      {account.handle}
      {account.verified && (
        <span class="verified" role="img" aria-label={t('verified')}>
          ✓
        </span>
      )}
    </span>
  );
}

/** A post's photos, one at a time, swiped or stepped through with the dots. */
function Carousel({ photos }: { photos: string[] }) {
  const t = useTranslator(messages);
  const [index, setIndex] = useState(0);
  return (
    <div class="carousel">
      <img class="post-photo" src={photos[index]} alt={t('photoOf', { index: index + 1, count: photos.length })} referrerpolicy="no-referrer" />
      {photos.length > 1 && (
        <>
          {index > 0 && (
            <button type="button" class="carousel-step previous" aria-label={t('previousPhoto')} onClick={() => setIndex(index - 1)}>
              ‹
            </button>
          )}
          {index < photos.length - 1 && (
            <button type="button" class="carousel-step next" aria-label={t('nextPhoto')} onClick={() => setIndex(index + 1)}>
              ›
            </button>
          )}
          <span class="carousel-count" aria-hidden="true">
            {index + 1}/{photos.length}
          </span>
        </>
      )}
    </div>
  );
}

/** One post: its author, photos, the like, comment and save buttons, counts and caption (all players' text as text). */
export function PostView({ post, actions, now, locale }: { post: Post; actions: PostActions; now: number; locale: string }) {
  const t = useTranslator(messages);
  const ago = useTimeAgo();
  return (
    <article class="post" aria-label={t('postBy', { handle: post.author.handle })}>
      <header class="post-head">
        <button type="button" class="author" aria-label={`@${post.author.handle}`} onClick={() => actions.onProfile(post.author.id)}>
          <Avatar name={post.author.displayName} imageUrl={post.author.avatar} size="small" />
          <span class="author-lines">
            <Handle account={post.author} />
            {post.location && <span class="location">{post.location}</span>}
          </span>
        </button>
        <button type="button" class="icon-button" aria-label={t('moreOptions')} onClick={() => actions.onMenu(post)}>
          <MoreIcon />
        </button>
      </header>
      <Carousel key={post.id} photos={post.photos} />
      <div class="post-actions">
        <button type="button" class="icon-button" aria-pressed={post.liked} aria-label={t('likeCount', { count: post.likes })} onClick={() => actions.onLike(post)}>
          <HeartIcon filled={post.liked} />
        </button>
        <button type="button" class="icon-button" aria-label={t('commentCount', { count: post.comments })} onClick={() => actions.onOpen(post)}>
          <BubbleIcon />
        </button>
        <span class="spacer" />
        <button type="button" class="icon-button" aria-pressed={post.saved} aria-label={t('save')} onClick={() => actions.onSave(post)}>
          <BookmarkIcon filled={post.saved} />
        </button>
      </div>
      <p class="likes">{t('likes', { count: post.likes })}</p>
      {post.caption && (
        <p class="caption">
          <strong>{post.author.handle}</strong> <span class="caption-text">{post.caption}</span>
        </p>
      )}
      {post.comments > 0 && (
        <button type="button" class="link muted" onClick={() => actions.onOpen(post)}>
          {t('viewComments', { count: post.comments })}
        </button>
      )}
      <p class="time">{ago(post.createdAt, now, locale)}</p>
    </article>
  );
}
