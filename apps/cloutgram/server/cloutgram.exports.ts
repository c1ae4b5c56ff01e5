import { z } from 'zod';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { PluginExport } from '@handset/sdk/server/plugin';
import { cloutgramFor } from './cloutgram.live';

const postIdSchema = z.union([z.number(), z.string().regex(/^\d{1,15}$/).transform(Number)]).pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

/**
 * Cloutgram's exports: 919PHONE's `deleteCloutgramPost` (also as `amzn_smartphone`), and Handset's own to verify an
 * account. Neither checks ACE: call them only from resources that check their callers.
 */
export const cloutgramExports: Record<string, PluginExport> = {
  /** Soft-deletes any post by id, its author online or not; every open feed drops it. True when a live post was deleted. */
  deleteCloutgramPost: {
    compat: [{ resource: 'amzn_smartphone', name: 'deleteCloutgramPost' }],
    call: async (context, _caller, postId) => {
      const id = postIdSchema.safeParse(postId);
      if (!id.success) return false;
      const { service, live } = cloutgramFor(context);
      try {
        const removed = await service.remove(null, id.data);
        await live.removed(removed.authorId, removed.id);
        return true;
      } catch (error) {
        if (error instanceof HandsetError && error.code === 'NOT_FOUND') return false;
        throw error;
      }
    },
  },
  /** Gives or takes the verified badge of the account with `handle`; false when no account has it. */
  setCloutgramVerified: {
    compat: [],
    call: async (context, _caller, handle, verified) => {
      if (typeof handle !== 'string' || typeof verified !== 'boolean') return false;
      return cloutgramFor(context).service.graph.setVerified(handle.replace(/^@/, ''), verified);
    },
  },
};
