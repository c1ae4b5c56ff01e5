import { z } from 'zod';
import { action, defineContract } from '@handset/sdk/contract';
import type { ThreadSettings } from './server/messages.repository';
import {
  clientIdSchema,
  contentShape,
  DEFAULT_PAGE,
  groupNameSchema,
  MAX_GROUP_MEMBERS,
  messageIdSchema,
  numberSchema,
  pageLimitSchema,
  threadIdSchema,
  type Attachment,
  type ContactAttachment,
  type LocationAttachment,
  type MessageKind,
  type PhotoAttachment,
} from './server/messages.schemas';
import type { MemberView, Message, ThreadSummary } from './server/messages.views';

export type { Attachment, ContactAttachment, LocationAttachment, Message, MessageKind, PhotoAttachment, ThreadSettings, ThreadSummary };
/** A thread's member other than the viewer, named as the viewer saved them in Contacts. */
export type Member = MemberView;

const threadOnly = z.object({ threadId: threadIdSchema }).strict();
const flagSchema = (name: string) => z.boolean(`${name} must be true or false`);
const memberSchema = z.object({ threadId: threadIdSchema, number: numberSchema }).strict();

// Who sends is the player the request came from: the payload has no field that could say otherwise.
const target = { clientId: clientIdSchema, threadId: threadIdSchema.optional(), to: numberSchema.optional() };
const sendSchema = z.discriminatedUnion(
  'kind',
  [contentShape.text.extend(target).strict(), contentShape.photo.extend(target).strict(), contentShape.location.extend(target).strict(), contentShape.contact.extend(target).strict()],
  { error: 'kind must be text, photo, location or contact' },
);

const membersSchema = z
  .array(numberSchema, `members must be 1-${MAX_GROUP_MEMBERS - 1} numbers`)
  .min(1, `members must be 1-${MAX_GROUP_MEMBERS - 1} numbers`)
  .max(MAX_GROUP_MEMBERS - 1, `members must be 1-${MAX_GROUP_MEMBERS - 1} numbers`);

/** The Messages page's actions, each on the caller's own phone (README: "The page's actions"). */
export const messagesContract = defineContract({
  'threads.list': action(
    z
      .object({ cursor: z.string('cursor must be one a thread list answered').max(200).nullish(), limit: pageLimitSchema })
      .strict()
      .nullish()
      .transform((input) => ({ cursor: input?.cursor ?? undefined, limit: input?.limit ?? DEFAULT_PAGE })),
  ).answers<{ threads: ThreadSummary[]; cursor: string | null }>(),
  'threads.get': action(threadOnly).answers<ThreadSummary>(),
  'threads.direct': action(z.object({ number: numberSchema }).strict()).answers<{ threadId: string }>(),
  'threads.read': action(z.object({ threadId: threadIdSchema, messageId: messageIdSchema }).strict()).answers<null>(),
  'threads.settings': action(
    z.object({ threadId: threadIdSchema, readReceipts: flagSchema('readReceipts').optional(), typing: flagSchema('typing').optional() }).strict(),
  ).answers<ThreadSummary>(),
  'threads.typing': action(threadOnly).answers<null>(),
  'threads.view': action(z.object({ threadId: threadIdSchema.nullable() }).strict()).answers<null>(),
  'messages.list': action(z.object({ threadId: threadIdSchema, before: messageIdSchema.nullish(), limit: pageLimitSchema }).strict()).answers<{
    messages: Message[];
    before: number | null;
  }>(),
  'messages.send': action(sendSchema).answers<Message>(),
  'messages.delete': action(z.object({ messageId: messageIdSchema }).strict()).answers<null>(),
  'groups.create': action(z.object({ name: groupNameSchema, members: membersSchema }).strict()).answers<ThreadSummary>(),
  'groups.rename': action(z.object({ threadId: threadIdSchema, name: groupNameSchema }).strict()).answers<ThreadSummary>(),
  'groups.addMember': action(memberSchema).answers<ThreadSummary>(),
  'groups.removeMember': action(memberSchema).answers<ThreadSummary>(),
  'groups.leave': action(threadOnly).answers<null>(),
});
