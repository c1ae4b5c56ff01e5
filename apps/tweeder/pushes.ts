/**
 * The pushes the Tweeder server sends its open pages (`app.sendAppMessage`), shared by both sides; no imports, so
 * the page bundles only these names. Each is sent only to players allowed to see it (blocks either way, mutes,
 * private accounts respected).
 */

/** A new feed row: `{ item: FeedItem, feeds: ('following' | 'latest')[] }`, the feeds of the receiver it belongs in. */
export const POST_NEW = 'posts.new';

/** A post or repost is gone (deleted by its author, by the server owner, or hidden by a new block): `{ id }`, the post's or feed row's id. */
export const POST_DELETED = 'posts.deleted';

/** A post's counts changed: `{ id, likes, reposts, replies }`. */
export const POST_COUNTS = 'posts.counts';

/** A new notification for the receiver: `{ unread }`, the count of unread groups. */
export const NOTIFICATIONS_CHANGED = 'notifications.changed';
