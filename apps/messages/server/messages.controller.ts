import { HandsetError } from '@handset/sdk/protocol/errors';
import type { PluginContext } from '@handset/sdk/server/plugin';
import { messagesContract } from '../contract';
import type { MessagesService } from './messages.service';

/** Answers the messages page's requests, each on the caller's own phone (from `source`, never the payload). */
export function registerMessagesRequests({ app, phones }: PluginContext, service: MessagesService): void {
  const phoneOf = (source: number) => {
    const phone = phones.bySource(source);
    if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return phone;
  };
  const done = () => null;

  app.serve(messagesContract, {
    'threads.list': ({ source }, { cursor, limit }) => service.listThreads(phoneOf(source), cursor, limit),
    'threads.get': ({ source }, { threadId }) => service.getThread(phoneOf(source), threadId),
    'threads.direct': ({ source }, { number }) => ({ threadId: service.directThread(phoneOf(source), number) }),
    'threads.read': ({ source }, { threadId, messageId }) => service.markRead(phoneOf(source), threadId, messageId).then(done),
    'threads.settings': ({ source }, { threadId, ...settings }) => service.changeSettings(phoneOf(source), threadId, settings),
    'threads.typing': ({ source }, { threadId }) => service.typing(phoneOf(source), threadId).then(done),
    'threads.view': ({ source }, { threadId }) => service.view(phoneOf(source), threadId).then(done),
    'messages.list': ({ source }, { threadId, before, limit }) => service.listMessages(phoneOf(source), threadId, before ?? undefined, limit),
    'messages.send': ({ source }, { clientId, threadId, to, ...content }) => {
      const phone = phoneOf(source);
      if (phones.airplaneMode(source)) throw new HandsetError('UNAVAILABLE', 'the phone is in airplane mode');
      return service.send(phone, { clientId, threadId, to, content });
    },
    'messages.delete': ({ source }, { messageId }) => service.hide(phoneOf(source), messageId).then(done),
    'groups.create': ({ source }, { name, members }) => service.createGroup(phoneOf(source), name, members),
    'groups.rename': ({ source }, { threadId, name }) => service.renameGroup(phoneOf(source), threadId, name),
    'groups.addMember': ({ source }, { threadId, number }) => service.addMember(phoneOf(source), threadId, number),
    'groups.removeMember': ({ source }, { threadId, number }) => service.removeMember(phoneOf(source), threadId, number),
    'groups.leave': ({ source }, { threadId }) => service.leave(phoneOf(source), threadId).then(done),
  });
}
