import { z } from 'zod';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { PluginExport } from '@handset/sdk/server/plugin';
import { createPostSchema } from '../contract';
import { tweederFor } from './tweeder.live';

const postIdSchema = z.union([z.number(), z.string().regex(/^\d{1,15}$/).transform(Number)]).pipe(z.number().int().positive());
const postAsSchema = z
  .object({
    handle: z.string().trim().min(1).max(24),
    displayName: z.string().trim().min(1).max(30).optional(),
    text: z.string().max(1000),
    photos: z.array(z.string().max(500)).max(4).optional(),
  })
  .strict();

/** A refusal with its reason, as another resource's error message reads it. */
const refusal = (error: unknown) => (error instanceof HandsetError ? new Error(`${error.code}: ${error.message}`) : error);

/**
 * Tweeder's exports: 919PHONE's `deleteTweederPost` (also as `amzn_smartphone`), and Handset's own to verify an
 * account, post as a server account (news bots), and veto posts before they are stored. None checks ACE: call
 * them only from resources that check their callers.
 */
export const tweederExports: Record<string, PluginExport> = {
  /** Soft-deletes any post by id, its author online or not; every open feed drops it. True when a live post was deleted. */
  deleteTweederPost: {
    compat: [{ resource: 'amzn_smartphone', name: 'deleteTweederPost' }],
    call: async (context, _caller, postId) => {
      const id = postIdSchema.safeParse(postId);
      if (!id.success) return false;
      const { service, live } = tweederFor(context);
      try {
        const removed = await service.remove(null, id.data);
        await live.removed(removed.authorId, removed.rows);
        return true;
      } catch (error) {
        if (error instanceof HandsetError && error.code === 'NOT_FOUND') return false;
        throw error;
      }
    },
  },
  /** Gives or takes the verified badge of the account with `handle`; false when no account has it. */
  setTweederVerified: {
    compat: [],
    call: async (context, _caller, handle, verified) => {
      if (typeof handle !== 'string' || typeof verified !== 'boolean') return false;
      return tweederFor(context).service.setVerified(handle.replace(/^@/, ''), verified);
    },
  },
  /** Posts as the account with `handle` (a server account with no phone is made for a free handle); answers the post's id. */
  tweederPostAs: {
    compat: [],
    call: async (context, _caller, input) => {
      const parsed = postAsSchema.safeParse(input);
      if (!parsed.success) throw new Error(`INVALID_INPUT: ${parsed.error.issues[0]!.path.join('.') || 'input'}: ${parsed.error.issues[0]!.message}`);
      const { service, live } = tweederFor(context);
      try {
        const handle = parsed.data.handle.replace(/^@/, '');
        // Two first posts at once both find no account: the one whose claim loses takes the winner's.
        const author =
          (await service.accountByHandle(handle)) ??
          (await service.claim(null, { handle, displayName: parsed.data.displayName ?? handle }).catch(async (error: unknown) => {
            const claimed = await service.accountByHandle(handle);
            if (!claimed) throw error;
            return claimed;
          }));
        const { stored, notices } = await service.create(author, createPostSchema.parse({ text: parsed.data.text, photos: parsed.data.photos ?? [], clientId: `server-${Date.now()}-${Math.random().toString(36).slice(2, 10)}` }), false);
        await live.posted(stored);
        for (const [recipient, kind] of notices) await live.notified(recipient, kind, author, stored.id);
        return stored.id;
      } catch (error) {
        throw refusal(error);
      }
    },
  },
  /** Registers `hook(draft)`, asked before each post is stored: a string refuses it with that reason, false refuses it. */
  onTweederPost: {
    compat: [],
    call: (context, _caller, hook) => {
      if (typeof hook !== 'function') return false;
      tweederFor(context).service.addVeto(hook as (draft: unknown) => unknown);
      return true;
    },
  },
};
