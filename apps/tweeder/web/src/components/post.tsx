import { Avatar, MoreIcon, ReplyIcon, useTimeAgo, useTranslator } from '@handset/sdk/ui';
import type { FeedItem, Post } from '../tweeder-api';
import { messages } from '../messages';

export interface PostActions {
  onOpen(post: Post): void;
  onProfile(id: number): void;
  onMention(handle: string): void;
  onHashtag(tag: string): void;
  onReply(post: Post): void;
  onRepost(post: Post): void;
  onLike(post: Post): void;
  onMenu(post: Post): void;
  onPhoto(url: string): void;
}

/** A post's text: mentions and hashtags as links, everything else as text (never markup). */
export function PostText({ post, actions }: { post: Pick<Post, 'parts'>; actions: Pick<PostActions, 'onMention' | 'onHashtag'> }) {
  return (
    <p class="post-text">
      {post.parts.map((part, index) =>
        'mention' in part ? (
          <button key={index} type="button" class="link" onClick={(event) => (event.stopPropagation(), actions.onMention(part.mention))}>
            {part.text}
          </button>
        ) : 'hashtag' in part ? (
          <button key={index} type="button" class="link" onClick={(event) => (event.stopPropagation(), actions.onHashtag(part.hashtag))}>
            {part.text}
          </button>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}

function Name({ author }: { author: Post['author'] }) {
  const t = useTranslator(messages);
  return (
    <span class="post-name">
      <span class="display-name">{author.displayName}</span>
      {author.verified && (
        <span class="verified" role="img" aria-label={t('verified')}>
          ✓
        </span>
      )}
      <span class="handle">@{author.handle}</span>
    </span>
  );
}

function Photos({ photos, onPhoto }: { photos: string[]; onPhoto(url: string): void }) {
  const t = useTranslator(messages);
  if (photos.length === 0) return null;
  return (
    <div class={`post-photos count-${photos.length}`}>
      {photos.map((url) => (
        <button key={url} type="button" class="post-photo" aria-label={t('viewPhoto')} onClick={(event) => (event.stopPropagation(), onPhoto(url))}>
          <img src={url} alt="" loading="lazy" referrerpolicy="no-referrer" />
        </button>
      ))}
    </div>
  );
}

/** One post in a feed, a thread or a notification, with its actions. */
export function PostView({ post, repostedBy, actions, now, locale }: { post: Post; repostedBy?: FeedItem['repostedBy']; actions: PostActions; now: number; locale: string }) {
  const t = useTranslator(messages);
  const ago = useTimeAgo();
  const numbers = new Intl.NumberFormat(locale);
  const count = (value: number) => (value ? numbers.format(value) : '');
  return (
    <article class="post" aria-label={`${post.author.displayName}: ${post.text}`} onClick={() => actions.onOpen(post)}>
      {repostedBy && <p class="post-context">{t('repostedBy', { handle: repostedBy.handle })}</p>}
      <div class="post-body">
        <button type="button" class="avatar-button" aria-label={`@${post.author.handle}`} onClick={(event) => (event.stopPropagation(), actions.onProfile(post.author.id))}>
          <Avatar name={post.author.displayName} imageUrl={post.author.avatar} size="row" />
        </button>
        <div class="post-main">
          <div class="post-head">
            <Name author={post.author} />
            <span class="post-time">{ago(post.createdAt, now, locale)}</span>
            {post.pinned && <span class="pinned">{t('pinned')}</span>}
          </div>
          {post.replyTo && <p class="post-context">{post.replyTo.handle ? t('replyingTo', { handle: post.replyTo.handle }) : t('replyingToGone')}</p>}
          <PostText post={post} actions={actions} />
          <Photos photos={post.photos} onPhoto={actions.onPhoto} />
          {post.quote &&
            ('unavailable' in post.quote ? (
              <p class="quote unavailable">{t('postUnavailable')}</p>
            ) : (
              <div class="quote">
                <Name author={post.quote.author} />
                <PostText post={post.quote} actions={actions} />
                <Photos photos={post.quote.photos} onPhoto={actions.onPhoto} />
              </div>
            ))}
          <div class="post-actions">
            <button type="button" aria-label={t('replyCount', { count: post.replies })} onClick={(event) => (event.stopPropagation(), actions.onReply(post))}>
              <ReplyIcon />
              <span>{count(post.replies)}</span>
            </button>
            <button type="button" class={post.reposted ? 'on repost' : 'repost'} aria-pressed={post.reposted} aria-label={t('repostCount', { count: post.reposts })} onClick={(event) => (event.stopPropagation(), actions.onRepost(post))}>
              <span aria-hidden="true">⇄</span>
              <span>{count(post.reposts)}</span>
            </button>
            <button type="button" class={post.liked ? 'on like' : 'like'} aria-pressed={post.liked} aria-label={t('likeCount', { count: post.likes })} onClick={(event) => (event.stopPropagation(), actions.onLike(post))}>
              <span aria-hidden="true">{post.liked ? '♥' : '♡'}</span>
              <span>{count(post.likes)}</span>
            </button>
            <button type="button" aria-label={t('more')} onClick={(event) => (event.stopPropagation(), actions.onMenu(post))}>
              <MoreIcon />
            </button>
          </div>
        </div>
      </div>
    </article>
  );
}
