import type { PluginContext } from '@handset/sdk/server/plugin';
import { sendReport } from '@handset/sdk/server/social';
import type { FeedItem, NotificationKind } from '../contract';
import { NOTIFICATIONS_CHANGED, POST_COUNTS, POST_DELETED, POST_NEW } from '../pushes';
import { bannerWords } from '../words';
import { createTweederService, type Account, type StoredPost, type TweederService } from './tweeder.service';
import { readTweederSettings } from './tweeder.settings';

/** How often one post's counts are pushed at most. */
const COUNTS_EVERY_MS = 1000;

/** Each kind's switch in the player's Tweeder settings. */
const SETTING: Record<NotificationKind, keyof Account['notify']> = {
  like: 'likes',
  repost: 'reposts',
  reply: 'replies',
  mention: 'mentions',
  quote: 'mentions',
  follow: 'follows',
  request: 'follows',
};

/**
 * Tweeder's live side: the players with the app open hear new and deleted posts they may see, and a
 * character hears of their notifications (banner, badge, the open page). Only players who opened Tweeder this
 * session are pushed to, and only what they may see: blocks either way, private accounts, mutes.
 */
export function createLive(context: PluginContext, service: TweederService) {
  const { app, phones } = context;
  /** Posts whose new counts are waiting to be pushed. */
  const countsDue = new Map<number, NodeJS.Timeout>();
  /** Players who have used Tweeder since they loaded, with their account. */
  const viewers = new Map<number, number>();
  phones.onUnloaded((phone) => viewers.delete(phone.source));

  /** The viewers who may see what `authorId` posts, each with whether it belongs in their Following feed. */
  const audienceOf = async (authorId: number) => {
    const author = await service.accountById(authorId);
    if (!author) return [];
    const entries = [...viewers];
    const audience: { source: number; following: boolean }[] = [];
    for (const [source, accountId] of entries) {
      if (accountId === authorId) audience.push({ source, following: true });
    }
    const others = entries.map(([, accountId]) => accountId).filter((id) => id !== authorId);
    if (others.length === 0) return audience;
    // From the author's side, in three queries however many viewers: blocks either way, followers, muters.
    const hidden = await service.hiddenAmong(authorId, others);
    const relations = await service.relationsOf(authorId, others);
    const muting = await service.mutersOf(authorId, others);
    for (const [source, accountId] of entries) {
      if (accountId === authorId || hidden.has(accountId) || muting.has(accountId)) continue;
      const follows = relations.get(accountId)!.followsYou;
      if (author.private && !follows) continue;
      audience.push({ source, following: follows });
    }
    return audience;
  };

  /** Sends to a viewer; one whose page is closed stops being pushed to. */
  const push = (source: number, type: string, data: unknown) => {
    if (!app.sendAppMessage(source, type, data).ok) viewers.delete(source);
  };

  return {
    /** The caller's account, remembered as a viewer of the live feeds. */
    seen(source: number, account: Account) {
      viewers.set(source, account.id);
    },

    /** A new post, reply or repost row is stored: to every viewer who may see it, in the feeds it belongs to. */
    async posted(row: StoredPost) {
      // Shown as its author sees it; everyone else has neither liked nor reposted a post just made.
      const [item] = await service.itemsFor(row.authorId, [row]);
      if (!item) return;
      const fresh: FeedItem = { ...item, post: { ...item.post, liked: false, reposted: false } };
      for (const { source, following } of await audienceOf(row.authorId)) {
        const feeds = row.top ? (following ? ['following', 'latest'] : ['latest']) : [];
        push(source, POST_NEW, { item: viewers.get(source) === row.authorId ? item : fresh, feeds });
      }
    },

    /** Posts or repost rows are gone: every viewer who could have them on screen drops them. */
    async removed(authorId: number, rows: number[]) {
      for (const { source } of await audienceOf(authorId)) for (const id of rows) push(source, POST_DELETED, { id });
    },

    /**
     * A post's counts changed: its viewers hear the counts as they stand a second later, once however many likes
     * came in that second, so one player liking and unliking cannot flood every open page.
     */
    counted(post: { id: number }) {
      if (countsDue.has(post.id)) return;
      countsDue.set(
        post.id,
        setTimeout(() => {
          countsDue.delete(post.id);
          void (async () => {
            const fresh = await service.postById(post.id);
            if (!fresh || fresh.deleted) return;
            for (const { source } of await audienceOf(fresh.authorId)) push(source, POST_COUNTS, { id: fresh.id, likes: fresh.likes, reposts: fresh.reposts, replies: fresh.replies });
          })().catch((error: unknown) => console.warn(`Handset tweeder: counts of post ${post.id} not pushed: ${String(error)}`));
        }, COUNTS_EVERY_MS),
      );
    },

    /**
     * `recipient` has a new notification from `actor`: their badge and open page update, and a banner says so —
     * unless their settings silence that kind, or (likes and reposts) one is already unread for the same post,
     * so a burst is one banner.
     */
    async notified(recipientId: number, kind: NotificationKind, actor: Account, postId: number | null) {
      const recipient = await service.accountById(recipientId);
      const online = recipient?.phoneId == null ? null : phones.byId(recipient.phoneId);
      if (!recipient || !online) return;
      push(online.source, NOTIFICATIONS_CHANGED, { unread: await service.unread(recipient.id) });
      app.refreshBadge(online.source);
      const burst = (kind === 'like' || kind === 'repost') && postId !== null && (await service.unreadAbout(recipient.id, kind, postId)) > 1;
      if (!recipient.notify[SETTING[kind]] || burst) return;
      await app.notify(online.source, { title: `${actor.displayName} @${actor.handle}`, body: bannerWords.translator(phones.language(online.source))(kind) }).catch(() => {});
    },

    /** A report is stored: to the server owner's log destinations, best effort, never in the player's way. */
    report(summary: { reporter: string; reason: string; details: string; account: string; postId: number | null; text: string | null }) {
      const line = `Tweeder report by @${summary.reporter}: ${summary.reason} — @${summary.account}${summary.postId === null ? '' : ` post ${summary.postId}`}`;
      sendReport('Tweeder', service.settings.reports, { line, text: summary.text, details: summary.details, metadata: summary });
    },
  };
}

export type TweederLive = ReturnType<typeof createLive>;

// One service per started plugin: the settings are read (and a bad one warned about) once.
const started = new WeakMap<PluginContext, { service: TweederService; live: TweederLive }>();

/** The service and live side over a started plugin's database, phones and settings. */
export function tweederFor(context: PluginContext) {
  let both = started.get(context);
  if (!both) {
    const service = createTweederService({
      db: context.db,
      settings: readTweederSettings(context.setting, (message) => console.warn(message)),
      imageAllowed: context.imageAllowed,
    });
    both = { service, live: createLive(context, service) };
    started.set(context, both);
  }
  return both;
}
