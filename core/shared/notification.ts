import * as z from 'zod';
import { hexColorSchema } from '../../sdk/manifest';

export const DEFAULT_TIMEOUT_MS = 5000;

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullish();

/** `notify`'s data: the fields scripts written for 919PHONE pass, with Handset's limits. */
export const notificationInputSchema = z.object({
  title: z.string().trim().min(1).max(100),
  body: z.string().max(500),
  app: optionalText(64),
  icon: optionalText(64),
  iconColor: hexColorSchema.nullish(),
  timeout: z.number().int().min(0).max(60_000).nullish(),
});
export type NotificationInput = z.input<typeof notificationInputSchema>;
