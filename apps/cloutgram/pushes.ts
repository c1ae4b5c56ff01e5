/**
 * The pushes the Cloutgram server sends its open pages (`app.sendAppMessage`), shared by both sides; no imports, so
 * the page bundles only these names. Each is sent only to players allowed to see it (blocks either way and private
 * accounts respected).
 */

/** A new post: `{ post: Post, feeds: ('following' | 'explore')[] }`, the feeds of the receiver it belongs in. */
export const POST_NEW = 'posts.new';

/** A post is gone (deleted by its author or by the server owner): `{ id }`. */
export const POST_DELETED = 'posts.deleted';

/** A post's counts changed: `{ id, likes, comments }`. */
export const POST_COUNTS = 'posts.counts';

/** An account the receiver may watch has a new story: `{ accountId }`; the tray reloads. */
export const STORY_NEW = 'stories.new';

/** A new notification for the receiver: `{ unread }`, the count of unread notifications. */
export const NOTIFICATIONS_CHANGED = 'notifications.changed';
