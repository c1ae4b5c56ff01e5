import { z } from 'zod';
import { HandsetError } from '../../../sdk/protocol/errors';
import type { PluginContext } from '../../../sdk/server/plugin';
import type { CallsService } from './calls.service';

const NUMBER_MESSAGE = 'number must be 3-15 digits, with optional spaces and ( ) + - .';

/** A number as a player dials it, as its digits. */
export const dialedNumberSchema = z
  .string(NUMBER_MESSAGE)
  .regex(/^[0-9 ()+.-]{3,32}$/, NUMBER_MESSAGE)
  .transform((text) => text.replace(/\D/g, ''))
  .refine((digits) => digits.length >= 3 && digits.length <= 15, NUMBER_MESSAGE);

/** An id of 1 to 64 characters, refused with a message that names it. */
const idText = (name: string) => z.string(`${name} must be 1-64 characters`).min(1, `${name} must be 1-64 characters`).max(64, `${name} must be 1-64 characters`);

const callIdSchema = z.object({ callId: idText('callId') }).strict();

const startSchema = z
  .object({
    requestId: idText('requestId'),
    number: dialedNumberSchema,
    video: z.boolean().default(false),
    hideNumber: z.boolean().default(false),
  })
  .strict();

const recentsSchema = z
  .object({
    beforeId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict()
  .nullish()
  .transform((input) => input ?? { beforeId: undefined, limit: 50 });

/** Answers the phone page's requests, each on the caller's own phone (from `source`, never the payload). */
export function registerCallRequests({ app, phones }: PluginContext, service: CallsService): void {
  const phoneOf = (source: number) => {
    const phone = phones.bySource(source);
    if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return phone;
  };

  app.onRequest('calls.start', startSchema, ({ source }, input) => {
    const phone = phoneOf(source);
    if (phones.airplaneMode(source)) throw new HandsetError('UNAVAILABLE', 'the phone is in airplane mode');
    return service.start(phone, input);
  });
  app.onRequest('calls.answer', callIdSchema, ({ source }, { callId }) => service.answer(phoneOf(source), callId));
  app.onRequest('calls.decline', callIdSchema, async ({ source }, { callId }) => {
    await service.decline(phoneOf(source), callId);
    return null;
  });
  app.onRequest('calls.end', callIdSchema, async ({ source }, { callId }) => {
    await service.end(phoneOf(source), callId);
    return null;
  });
  app.onRequest('calls.current', z.object({}).strict().nullish(), ({ source }) => service.current(phoneOf(source)));
  app.onRequest('calls.recents', recentsSchema, ({ source }, { beforeId, limit }) => service.recents(phoneOf(source), beforeId ?? null, limit));
  app.onRequest('calls.markSeen', z.object({}).strict().nullish(), async ({ source }) => {
    await service.markRecentsSeen(phoneOf(source));
    return null;
  });
}
