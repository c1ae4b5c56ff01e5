import { HandsetError } from '@handset/sdk/protocol/errors';
import type { PluginContext } from '@handset/sdk/server/plugin';
import { serveSocialActions } from '@handset/sdk/server/social';
import { tweederContract } from '../contract';
import type { TweederLive } from './tweeder.live';
import type { Account, StoredPost, TweederService } from './tweeder.service';

/** Answers the Tweeder page's requests, each as the caller's own account (from `source`, never the payload). */
export function registerTweederRequests({ app, phones }: PluginContext, service: TweederService, live: TweederLive): void {
  const phoneOf = (source: number) => {
    const phone = phones.bySource(source);
    if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return phone.phoneId;
  };
  /** The caller's account, and from now on they hear the live feeds. */
  const me = async (source: number) => {
    const account = await service.mine(phoneOf(source));
    live.seen(source, account);
    return account;
  };
  const announce = async (row: StoredPost, author: Account, notices: [number, Parameters<TweederLive['notified']>[1]][]) => {
    await live.posted(row);
    for (const [recipient, kind] of notices) await live.notified(recipient, kind, author, row.id);
    if (row.replyTo !== null) live.counted({ id: row.replyTo });
  };

  app.serve(tweederContract, {
    ...serveSocialActions(service.graph, me, async (account, id, asked) => {
      if (await service.followed(account, id, asked)) await live.notified(id, asked, account, null);
    }),
    'profiles.me': async ({ source }) => {
      const profile = await service.me(phoneOf(source));
      if (profile) live.seen(source, (await service.accountById(profile.id))!);
      return profile;
    },
    'profiles.claim': async ({ source }, input) => {
      const account = await service.claim(phoneOf(source), input);
      live.seen(source, account);
      return service.profileOf(account.id, account);
    },
    'profiles.update': async ({ source }, input) => {
      const account = await service.update(await me(source), input);
      return service.profileOf(account.id, account);
    },
    'profiles.get': async ({ source }, input) => service.profile((await me(source)).id, input),
    'profiles.posts': async ({ source }, input) => service.profilePosts((await me(source)).id, input),

    'feed.following': async ({ source }, { cursor, limit }) => service.followingFeed(await me(source), cursor, limit),
    'feed.latest': async ({ source }, { cursor, limit }) => service.latestFeed(await me(source), cursor, limit),
    'feed.hashtag': async ({ source }, { tag, cursor, limit }) => service.hashtag(await me(source), tag, cursor, limit),

    'posts.create': async ({ source }, input) => {
      const account = await me(source);
      const { stored, created, notices } = await service.create(account, input);
      if (created) await announce(stored, account, notices);
      const post = (await service.present(account.id, [stored])).get(stored.id);
      if (!post) throw new HandsetError('NOT_FOUND', `no post ${stored.id}`);
      return post;
    },
    'posts.thread': async ({ source }, { id }) => service.thread((await me(source)).id, id, 20),
    'posts.replies': async ({ source }, { id, cursor, limit }) => service.replies((await me(source)).id, id, cursor, limit),
    'posts.like': async ({ source }, { id, liked }) => {
      const account = await me(source);
      const { post, notify } = await service.like(account, id, liked);
      if (notify) await live.notified(post.author.id, 'like', account, id);
      live.counted(post);
      return post;
    },
    'posts.repost': async ({ source }, { id, reposted }) => {
      const account = await me(source);
      const { post, row, removed, notify } = await service.repost(account, id, reposted);
      if (row) await live.posted(row);
      if (removed !== null) await live.removed(account.id, [removed]);
      if (notify) await live.notified(post.author.id, 'repost', account, id);
      live.counted(post);
      return post;
    },
    'posts.pin': async ({ source }, { id }) => {
      await service.pin(await me(source), id);
      return null;
    },
    'posts.delete': async ({ source }, { id }) => {
      const account = await me(source);
      const removed = await service.remove(account.id, id);
      await live.removed(account.id, removed.rows);
      return null;
    },
    'posts.likedBy': async ({ source }, input) => service.likedBy((await me(source)).id, input),

    'search.posts': async ({ source }, { query, cursor, limit }) => service.searchPosts(await me(source), query, cursor, limit),
    'trends.list': async ({ source }) => (await me(source), service.trends()),

    'reports.create': async ({ source }, input) => {
      const { reporter, post, account } = await service.report(await me(source), input);
      live.report({ reporter: reporter.handle, reason: input.reason, details: input.details, account: account.handle, postId: post?.id ?? null, text: post?.text ?? null });
      return null;
    },

    'notifications.list': async ({ source }, input) => service.notifications(await me(source), input),
    'notifications.read': async ({ source }) => {
      const account = await me(source);
      await service.markRead(account);
      app.refreshBadge(source);
      return null;
    },

    'settings.get': async ({ source }) => ({ notify: (await me(source)).notify }),
    'settings.set': async ({ source }, { notify }) => service.setNotify(await me(source), notify),
  });
}
