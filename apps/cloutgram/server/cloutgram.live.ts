import type { PluginContext } from '@handset/sdk/server/plugin';
import { sendReport, type SocialAccount } from '@handset/sdk/server/social';
import type { NotificationKind, Post } from '../contract';
import { NOTIFICATIONS_CHANGED, POST_COUNTS, POST_DELETED, POST_NEW, STORY_NEW } from '../pushes';
import { serverWords } from '../words';
import { createCloutgramService, type CloutgramService, type StoredPost } from './cloutgram.service';
import { readCloutgramSettings } from './cloutgram.settings';

/** How often one post's counts are pushed at most. */
const COUNTS_EVERY_MS = 1000;
/** How often expired stories are pruned (each run deletes them in batches). */
export const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Cloutgram's live side: players with the app open hear new and deleted posts and new stories they may see, and a
 * character hears of their notifications (banner, badge, the open page). Only players who opened Cloutgram this
 * session are pushed to, and only what they may see: blocks either way, private accounts and mutes.
 */
export function createLive(context: PluginContext, service: CloutgramService) {
  const { app, phones } = context;
  const { graph } = service;
  const countsDue = new Map<number, NodeJS.Timeout>();
  /** Players who have used Cloutgram since they loaded, with their account. */
  const viewers = new Map<number, number>();
  phones.onUnloaded((phone) => viewers.delete(phone.source));

  /** The viewers who may see what `authorId` posts, each with whether they follow the author (or are the author). */
  const audienceOf = async (authorId: number) => {
    const author = await graph.accountById(authorId);
    if (!author) return [];
    const entries = [...viewers];
    const others = entries.map(([, accountId]) => accountId).filter((id) => id !== authorId);
    // From the author's side, in a fixed number of queries however many viewers: blocks either way, followers, muters.
    const hidden = await graph.hiddenAmong(authorId, others);
    const relations = await graph.relationsOf(authorId, others);
    const muting = await graph.mutersOf(authorId, others);
    return entries.flatMap(([source, accountId]) => {
      if (accountId === authorId) return [{ source, following: true }];
      if (hidden.has(accountId) || muting.has(accountId)) return [];
      const follows = relations.get(accountId)!.followsYou;
      return author.private && !follows ? [] : [{ source, following: follows }];
    });
  };

  /** Sends to a viewer; one whose page is closed stops being pushed to. */
  const push = (source: number, type: string, data: unknown) => {
    if (!app.sendAppMessage(source, type, data).ok) viewers.delete(source);
  };

  return {
    /** The caller's account, remembered as a viewer of the live feeds. */
    seen(source: number, account: SocialAccount) {
      viewers.set(source, account.id);
    },

    /** A new post: to every viewer who may see it, in the feeds it belongs to. */
    async posted(stored: StoredPost) {
      const post: Post | undefined = (await service.present(stored.authorId, [stored])).get(stored.id);
      if (!post) return;
      const author = await graph.accountById(stored.authorId);
      for (const { source, following } of await audienceOf(stored.authorId)) {
        const feeds = [...(following ? ['following'] : []), ...(author?.private ? [] : ['explore'])];
        push(source, POST_NEW, { post: viewers.get(source) === stored.authorId ? post : { ...post, liked: false, saved: false }, feeds });
      }
    },

    /** A post is gone: every viewer who could have it on screen drops it. */
    async removed(authorId: number, id: number) {
      for (const { source } of await audienceOf(authorId)) push(source, POST_DELETED, { id });
    },

    /** A new story: the followers with the app open reload their tray. */
    async storyPosted(authorId: number) {
      for (const { source, following } of await audienceOf(authorId)) if (following) push(source, STORY_NEW, { accountId: authorId });
    },

    /** A post's counts changed: its viewers hear them as they stand a second later, once however many came in that second. */
    counted(postId: number) {
      if (countsDue.has(postId)) return;
      countsDue.set(
        postId,
        setTimeout(() => {
          countsDue.delete(postId);
          void (async () => {
            const fresh = await service.postById(postId);
            if (!fresh || fresh.deleted) return;
            for (const { source } of await audienceOf(fresh.authorId)) push(source, POST_COUNTS, { id: fresh.id, likes: fresh.likes, comments: fresh.comments });
          })().catch((error: unknown) => console.warn(`Handset cloutgram: counts of post ${postId} not pushed: ${String(error)}`));
        }, COUNTS_EVERY_MS),
      );
    },

    /**
     * `recipient` has a new notification from `actor`: their badge and open page update, and a banner says so —
     * unless a like of the same post is already unread, so a burst of likes is one banner.
     */
    async notified(recipientId: number, kind: NotificationKind, actor: SocialAccount, postId: number | null, text: string | null) {
      const recipient = await graph.accountById(recipientId);
      const online = recipient?.phoneId == null ? null : phones.byId(recipient.phoneId);
      if (!recipient || !online) return;
      push(online.source, NOTIFICATIONS_CHANGED, { unread: await service.unread(recipient.id) });
      app.refreshBadge(online.source);
      if (kind === 'like' && postId !== null && (await service.unreadLikes(recipient.id, postId)) > 1) return;
      const body = serverWords.translator(phones.language(online.source))(kind, { text: (text ?? '').slice(0, 80) });
      await app.notify(online.source, { title: `${actor.displayName} @${actor.handle}`, body }).catch(() => {});
    },

    /** A report is stored: to the server owner's log destinations, best effort, never in the player's way. */
    report(summary: { reporter: string; reason: string; details: string; account: string; postId: number | null; caption: string | null }) {
      const line = `Cloutgram report by @${summary.reporter}: ${summary.reason} — @${summary.account}${summary.postId === null ? '' : ` post ${summary.postId}`}`;
      sendReport('Cloutgram', service.settings.reports, { line, text: summary.caption, details: summary.details, metadata: summary });
    },
  };
}

export type CloutgramLive = ReturnType<typeof createLive>;

// One service per started plugin: the settings are read (and a bad one warned about) once.
const started = new WeakMap<PluginContext, { service: CloutgramService; live: CloutgramLive }>();

/** The service and live side over a started plugin's database, phones and settings. */
export function cloutgramFor(context: PluginContext) {
  let both = started.get(context);
  if (!both) {
    const service = createCloutgramService({ db: context.db, settings: readCloutgramSettings(context.setting, (message) => console.warn(message)), imageAllowed: context.imageAllowed });
    both = { service, live: createLive(context, service) };
    started.set(context, both);
  }
  return both;
}
