import { z } from 'zod';
import { APP_PERMISSIONS } from '../../sdk/manifest';

/** An app as one character's home screen lists it (the core's `apps.list`). */
export const visibleAppSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** An image path inside the app's resource, an https URL, or anything else (then the label's first letter). */
  icon: z.string(),
  color: z.string(),
  category: z.enum(['appstore', 'default']),
  /** The resource that registered it; its files are served at `https://cfx-nui-<resource>/`. */
  resource: z.string(),
  /** The app's page, relative to its resource. */
  ui: z.string(),
  permissions: z.array(z.enum(APP_PERMISSIONS)),
  installed: z.boolean(),
  order: z.number().nullable(),
});
export type VisibleApp = z.output<typeof visibleAppSchema>;

/** A notification as the phone shows it and keeps it in its center. */
export const phoneNotificationSchema = z.object({
  id: z.number(),
  appId: z.string().nullable(),
  app: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  icon: z.string().nullable(),
  iconColor: z.string().nullable(),
  /** How long the banner shows, in milliseconds. */
  timeout: z.number(),
  /** Epoch milliseconds. */
  createdAt: z.number(),
});
export type PhoneNotification = z.output<typeof phoneNotificationSchema>;
