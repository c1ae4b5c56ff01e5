import { HandsetError } from '@handset/sdk/protocol/errors';
import type { PluginContext } from '@handset/sdk/server/plugin';
import { serveSocialActions, type SocialAccount } from '@handset/sdk/server/social';
import { cloutgramContract } from '../contract';
import { serverWords } from '../words';
import type { CloutgramLive } from './cloutgram.live';
import type { CloutgramService } from './cloutgram.service';

// The CitizenFX global, declared here so that tests outside the game type-check this module.
declare const exports: Record<string, Record<string, ((...args: unknown[]) => unknown) | undefined> | undefined>;

/** Sends a text from one character's number to another's through Handset's `sendMessage` export, as any resource would. */
async function sendThroughMessages(from: string, to: string, text: string): Promise<void> {
  const send = exports['handset']?.sendMessage;
  if (!send) throw new HandsetError('UNAVAILABLE', 'Messages is not running on this server');
  const answer = (await send(from, to, text)) as { success?: boolean; message?: string } | undefined;
  if (answer?.success !== true) throw new HandsetError('FORBIDDEN', answer?.message ?? 'the reply could not be sent');
}

/** Answers the Cloutgram page's requests, each as the caller's own account (from `source`, never the payload). */
export function registerCloutgramRequests({ app, phones }: PluginContext, service: CloutgramService, live: CloutgramLive): void {
  const { graph } = service;
  const phoneOf = (source: number) => {
    const phone = phones.bySource(source);
    if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return phone;
  };
  /** The caller's account, and from now on they hear the live feeds. */
  const me = async (source: number) => {
    const account = await graph.mine(phoneOf(source).phoneId);
    live.seen(source, account);
    return account;
  };
  const notices = async (actor: SocialAccount, list: [number, Parameters<CloutgramLive['notified']>[1]][], postId: number, text: string) => {
    for (const [recipient, kind] of list) await live.notified(recipient, kind, actor, postId, text);
  };

  app.serve(cloutgramContract, {
    ...serveSocialActions(graph, me, async (account, id, asked) => {
      if (await service.followed(account, id, asked)) await live.notified(id, asked, account, null, null);
    }),
    'profiles.me': async ({ source }) => {
      const account = await graph.accountOfPhone(phoneOf(source).phoneId);
      if (!account) return null;
      live.seen(source, account);
      return service.profileOf(account.id, account);
    },
    'profiles.claim': async ({ source }, input) => {
      const account = await graph.claim(phoneOf(source).phoneId, input);
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
    'feed.explore': async ({ source }, { cursor, limit }) => service.exploreFeed(await me(source), cursor, limit),

    'posts.create': async ({ source }, input) => {
      const account = await me(source);
      const { stored, created } = await service.create(account, input);
      if (created) await live.posted(stored);
      return (await service.visiblePost(account.id, stored.id)).post;
    },
    'posts.get': async ({ source }, { id }) => (await service.visiblePost((await me(source)).id, id)).post,
    'posts.like': async ({ source }, { id, liked }) => {
      const account = await me(source);
      const { post, notify } = await service.like(account, id, liked);
      if (notify) await live.notified(post.author.id, 'like', account, id, null);
      live.counted(id);
      return post;
    },
    'posts.save': async ({ source }, { id, saved }) => service.save(await me(source), id, saved),
    'posts.saved': async ({ source }, input) => service.saved(await me(source), input),
    'posts.delete': async ({ source }, { id }) => {
      const account = await me(source);
      await service.remove(account.id, id);
      await live.removed(account.id, id);
      return null;
    },
    'posts.likedBy': async ({ source }, input) => service.likedBy((await me(source)).id, input),

    'comments.list': async ({ source }, input) => service.comments((await me(source)).id, input),
    'comments.create': async ({ source }, input) => {
      const account = await me(source);
      const { comment, created, notices: list, postId } = await service.comment(account, input);
      if (created) {
        await notices(account, list, postId, comment.text);
        live.counted(postId);
      }
      return comment;
    },
    'comments.like': async ({ source }, { id, liked }) => {
      const account = await me(source);
      const { comment, notify } = await service.likeComment(account, id, liked);
      if (notify) await live.notified(comment.author.id, 'comment_like', account, comment.postId, comment.text);
      return comment;
    },
    'comments.delete': async ({ source }, { id }) => {
      live.counted(await service.deleteComment(await me(source), id));
      return null;
    },

    'stories.tray': async ({ source }, input) => service.tray(await me(source), input),
    'stories.of': async ({ source }, { accountId }) => service.storiesOf((await me(source)).id, accountId),
    'stories.create': async ({ source }, input) => {
      const account = await me(source);
      const { story, created } = await service.createStory(account, input);
      if (created) await live.storyPosted(account.id);
      return story;
    },
    'stories.view': async ({ source }, { id }) => {
      await service.view(await me(source), id);
      return null;
    },
    'stories.viewers': async ({ source }, input) => service.viewers(await me(source), input),
    'stories.reply': async ({ source }, { id, text }) => {
      const sender = phoneOf(source);
      const author = await service.replyTo(await me(source), id, text);
      const recipient = author.phoneId === null ? null : await phones.findById(author.phoneId);
      if (!recipient) throw new HandsetError('NOT_FOUND', `no story ${id}`);
      await sendThroughMessages(sender.number, recipient.number, serverWords.translator(phones.language(source))('storyReply', { text }));
      return null;
    },
    'stories.delete': async ({ source }, { id }) => {
      await service.deleteStory(await me(source), id);
      return null;
    },

    'reports.create': async ({ source }, input) => {
      const reporter = await me(source);
      const { post, account } = await service.report(reporter, input);
      live.report({ reporter: reporter.handle, reason: input.reason, details: input.details, account: account.handle, postId: post?.id ?? null, caption: post?.caption ?? null });
      return null;
    },

    'notifications.list': async ({ source }, input) => service.notifications(await me(source), input),
    'notifications.read': async ({ source }) => {
      await service.markRead(await me(source));
      app.refreshBadge(source);
      return null;
    },
  });
}
