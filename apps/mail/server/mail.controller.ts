import { HandsetError } from '@handset/sdk/protocol/errors';
import type { PluginContext } from '@handset/sdk/server/plugin';
import { mailContract } from '../contract';
import type { MailService } from './mail.service';

/** Answers the mail page's requests, each on the caller's own mailbox (from `source`, never the payload). */
export function registerMailRequests({ app, phones }: PluginContext, service: MailService): void {
  const phoneOf = (source: number) => {
    const phone = phones.bySource(source);
    if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return phone.phoneId;
  };

  app.serve(mailContract, {
    'mail.address': ({ source }) => service.address(phoneOf(source)),
    'mail.domain': ({ source }) => (phoneOf(source), { domain: service.settings.domain }),
    'mail.addressesOf': async ({ source }, { numbers }) => {
      phoneOf(source);
      const found = await Promise.all(
        numbers.map(async (number) => {
          const phone = await phones.find(number);
          const mailbox = phone && (await service.mailboxOf(phone.phoneId));
          return mailbox ? { number, address: mailbox.address } : null;
        }),
      );
      return found.filter((entry) => entry !== null);
    },
    'mail.claim': ({ source }, { name }) => service.claim(phoneOf(source), name),
    'mail.list': ({ source }, input) => service.list(phoneOf(source), input),
    'mail.get': ({ source }, { id }) => service.get(phoneOf(source), id),
    'mail.send': ({ source }, input) => service.send(phoneOf(source), input),
    'mail.setRead': ({ source }, { id, read }) => service.setRead(phoneOf(source), id, read),
    'mail.blocks': ({ source }) => service.blocks(phoneOf(source)),
    'mail.block': ({ source }, { address }) => service.block(phoneOf(source), address),
    'mail.unblock': ({ source }, { address }) => service.unblock(phoneOf(source), address),
    'mail.delete': async ({ source }, { id }) => {
      await service.remove(phoneOf(source), id);
      return null;
    },
  });
}
