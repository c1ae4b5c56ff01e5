import { z } from 'zod';
import { action, defineContract } from '@handset/sdk/contract';
import type { CallStatus } from './server/calls.repository';
import type { CallRecordView, CallView } from './server/calls.views';

export type { CallStatus };
/** A call as the actions and pushes carry it, from the asking side (README: "The page's actions"). */
export type Call = CallView;
/** A call in the player's history. */
export type CallRecord = CallRecordView;

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
const none = z.object({}).strict().nullish();

/** The Phone page's actions, each on the caller's own phone. */
export const phoneContract = defineContract({
  'calls.start': action(
    z
      .object({
        requestId: idText('requestId'),
        number: dialedNumberSchema,
        video: z.boolean().default(false),
        hideNumber: z.boolean().default(false),
      })
      .strict(),
  ).answers<Call>(),
  'calls.answer': action(callIdSchema).answers<Call>(),
  'calls.decline': action(callIdSchema).answers<null>(),
  'calls.end': action(callIdSchema).answers<null>(),
  'calls.current': action(none).answers<Call | null>(),
  'calls.recents': action(
    z
      .object({
        beforeId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
        limit: z.number().int().min(1).max(100).default(50),
      })
      .strict()
      .nullish()
      .transform((input) => input ?? { beforeId: undefined, limit: 50 }),
  ).answers<CallRecord[]>(),
  'calls.markSeen': action(none).answers<null>(),
  /** Blocks the hidden caller of one of the player's Recents, without showing their number. */
  'calls.blockCaller': action(z.object({ id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict()).answers<null>(),
});
