import { HandsetError } from '@handset/sdk/protocol/errors';
import type { PluginContext } from '@handset/sdk/server/plugin';
import { phoneContract } from '../contract';
import type { CallsService } from './calls.service';

/** Answers the phone page's requests, each on the caller's own phone (from `source`, never the payload). */
export function registerCallRequests({ app, phones }: PluginContext, service: CallsService): void {
  const phoneOf = (source: number) => {
    const phone = phones.bySource(source);
    if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return phone;
  };

  app.serve(phoneContract, {
    'calls.start': ({ source }, input) => {
      const phone = phoneOf(source);
      if (phones.airplaneMode(source)) throw new HandsetError('UNAVAILABLE', 'the phone is in airplane mode');
      return service.start(phone, input);
    },
    'calls.answer': ({ source }, { callId }) => service.answer(phoneOf(source), callId),
    'calls.decline': async ({ source }, { callId }) => {
      await service.decline(phoneOf(source), callId);
      return null;
    },
    'calls.end': async ({ source }, { callId }) => {
      await service.end(phoneOf(source), callId);
      return null;
    },
    'calls.current': ({ source }) => service.current(phoneOf(source)),
    'calls.recents': ({ source }, { beforeId, limit }) => service.recents(phoneOf(source), beforeId ?? null, limit),
    'calls.blockCaller': async ({ source }, { id }) => {
      await service.blockCaller(phoneOf(source), id);
      return null;
    },
    'calls.markSeen': async ({ source }) => {
      await service.markRecentsSeen(phoneOf(source));
      return null;
    },
  });
}
