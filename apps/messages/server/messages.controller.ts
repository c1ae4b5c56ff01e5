import { z } from 'zod';
import { HandsetError } from '../../../sdk/protocol/errors';
import type { PluginContext } from '../../../sdk/server/plugin';
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
} from './messages.schemas';
import type { MessagesService } from './messages.service';

const threadOnly = z.object({ threadId: threadIdSchema }).strict();
const flagSchema = (name: string) => z.boolean(`${name} must be true or false`);

const listThreadsSchema = z
  .object({ cursor: z.string('cursor must be one a thread list answered').max(200).nullish(), limit: pageLimitSchema })
  .strict()
  .nullish()
  .transform((input) => ({ cursor: input?.cursor ?? undefined, limit: input?.limit ?? DEFAULT_PAGE }));

const listMessagesSchema = z.object({ threadId: threadIdSchema, before: messageIdSchema.nullish(), limit: pageLimitSchema }).strict();

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

/** Answers the messages page's requests, each on the caller's own phone (from `source`, never the payload). */
export function registerMessagesRequests({ app, phones }: PluginContext, service: MessagesService): void {
  const phoneOf = (source: number) => {
    const phone = phones.bySource(source);
    if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return phone;
  };
  const done = () => null;

  app.onRequest('threads.list', listThreadsSchema, ({ source }, { cursor, limit }) => service.listThreads(phoneOf(source), cursor, limit));
  app.onRequest('threads.get', threadOnly, ({ source }, { threadId }) => service.getThread(phoneOf(source), threadId));
  app.onRequest('threads.direct', z.object({ number: numberSchema }).strict(), ({ source }, { number }) => ({
    threadId: service.directThread(phoneOf(source), number),
  }));
  app.onRequest('threads.read', z.object({ threadId: threadIdSchema, messageId: messageIdSchema }).strict(), ({ source }, { threadId, messageId }) =>
    service.markRead(phoneOf(source), threadId, messageId).then(done),
  );
  app.onRequest(
    'threads.settings',
    z.object({ threadId: threadIdSchema, readReceipts: flagSchema('readReceipts').optional(), typing: flagSchema('typing').optional() }).strict(),
    ({ source }, { threadId, ...settings }) => service.changeSettings(phoneOf(source), threadId, settings),
  );
  app.onRequest('threads.typing', threadOnly, ({ source }, { threadId }) => service.typing(phoneOf(source), threadId).then(done));
  app.onRequest('messages.list', listMessagesSchema, ({ source }, { threadId, before, limit }) =>
    service.listMessages(phoneOf(source), threadId, before ?? undefined, limit),
  );
  app.onRequest('messages.send', sendSchema, ({ source }, { clientId, threadId, to, ...content }) => {
    const phone = phoneOf(source);
    if (phones.airplaneMode(source)) throw new HandsetError('UNAVAILABLE', 'the phone is in airplane mode');
    return service.send(phone, { clientId, threadId, to, content });
  });
  app.onRequest('messages.delete', z.object({ messageId: messageIdSchema }).strict(), ({ source }, { messageId }) =>
    service.hide(phoneOf(source), messageId).then(done),
  );
  app.onRequest('groups.create', z.object({ name: groupNameSchema, members: membersSchema }).strict(), ({ source }, { name, members }) =>
    service.createGroup(phoneOf(source), name, members),
  );
  app.onRequest('groups.rename', z.object({ threadId: threadIdSchema, name: groupNameSchema }).strict(), ({ source }, { threadId, name }) =>
    service.renameGroup(phoneOf(source), threadId, name),
  );
  const memberSchema = z.object({ threadId: threadIdSchema, number: numberSchema }).strict();
  app.onRequest('groups.addMember', memberSchema, ({ source }, { threadId, number }) => service.addMember(phoneOf(source), threadId, number));
  app.onRequest('groups.removeMember', memberSchema, ({ source }, { threadId, number }) => service.removeMember(phoneOf(source), threadId, number));
  app.onRequest('groups.leave', threadOnly, ({ source }, { threadId }) => service.leave(phoneOf(source), threadId).then(done));
}
