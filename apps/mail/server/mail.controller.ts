import { z } from 'zod';
import { HandsetError } from '../../../sdk/protocol/errors';
import type { PluginContext } from '../../../sdk/server/plugin';
import { claimSchema, listSchema, mailIdSchema, sendSchema, setReadSchema, type MailService } from './mail.service';

/** Answers the mail page's requests, each on the caller's own mailbox (from `source`, never the payload). */
export function registerMailRequests({ app, phones }: PluginContext, service: MailService): void {
  const phoneOf = (source: number) => {
    const phone = phones.bySource(source);
    if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return phone.phoneId;
  };

  app.onRequest('mail.address', z.object({}).nullish(), async ({ source }) => service.address(phoneOf(source)));
  app.onRequest('mail.claim', claimSchema, async ({ source }, { name }) => service.claim(phoneOf(source), name));
  app.onRequest('mail.list', listSchema, async ({ source }, input) => service.list(phoneOf(source), input));
  app.onRequest('mail.get', mailIdSchema, async ({ source }, { id }) => service.get(phoneOf(source), id));
  app.onRequest('mail.send', sendSchema, async ({ source }, input) => service.send(phoneOf(source), input));
  app.onRequest('mail.setRead', setReadSchema, async ({ source }, { id, read }) => service.setRead(phoneOf(source), id, read));
  app.onRequest('mail.delete', mailIdSchema, async ({ source }, { id }) => {
    await service.remove(phoneOf(source), id);
    return null;
  });
}
