import { z } from 'zod';
import type { PluginContext, PluginExport } from '@handset/sdk/server/plugin';
import { digitsOf } from './messages.schemas';
import type { MessagesService, NumberHook, ScriptSendResult } from './messages.service';

/** Each started messages plugin's service, by the context Handset started it with. */
const services = new WeakMap<PluginContext, MessagesService>();

export function setMessagesService(context: PluginContext, service: MessagesService): void {
  services.set(context, service);
}

function serviceOf(context: PluginContext): MessagesService {
  const service = services.get(context);
  if (!service) throw new Error('UNAVAILABLE: the messages app is not running');
  return service;
}

const textSchema = z.string();

/**
 * The messages exports, under Handset's names. Numbers are strings with any punctuation, or numbers; bad
 * arguments answer `{ success = false, message }` and `false`.
 */
export const messagesExports: Record<string, PluginExport> = {
  /** For bots, services and jobs: a text from any number (one no character has, too) to a character's number. */
  sendMessage: {
    compat: [],
    call: async (context, _caller, fromNumber, toNumber, text): Promise<ScriptSendResult> => {
      const [from, to, body] = [digitsOf(fromNumber), digitsOf(toNumber), textSchema.safeParse(text)];
      if (from === undefined) return { success: false, message: 'fromNumber must be a phone number' };
      if (to === undefined) return { success: false, message: 'toNumber must be a phone number' };
      if (!body.success) return { success: false, message: 'text must be a string' };
      return serviceOf(context).sendFromNumber(from, to, body.data);
    },
  },
  /**
   * Answers players' messages to a number no character has: `handler(fromNumber, text, threadId)` → reply text or nil.
   * A number another resource answers for stays theirs (false) until that resource stops.
   */
  onMessageToNumber: {
    compat: [],
    call: async (context, caller, number, handler) => {
      const digits = digitsOf(number);
      if (digits === undefined || typeof handler !== 'function') return false;
      // A character's number is theirs: no script answers for them.
      if (context.phones.byNumber(digits) || (await context.phones.find(digits))) return false;
      return serviceOf(context).onMessageToNumber(digits, caller, handler as NumberHook);
    },
  },
};
