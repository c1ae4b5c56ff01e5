import { z } from 'zod';
import { action, defineContract } from '@handset/sdk/contract';
import type { Folder } from './server/mail.repository';
import { addressesOfSchema, blockSchema, claimSchema, listSchema, mailIdSchema, sendSchema, setReadSchema, type Mail, type MailAddress, type MailPage, type MailSummary } from './server/mail.service';

export type { Folder, Mail, MailAddress, MailPage, MailSummary };

/** The Mail page's actions, each on the caller's own mailbox (README: "The page's actions"). */
export const mailContract = defineContract({
  'mail.address': action(z.object({}).nullish()).answers<MailAddress | null>(),
  /** The server's mail domain, which every claimed address ends in. */
  'mail.domain': action(z.object({}).nullish()).answers<{ domain: string }>(),
  /** The addresses of the characters with these numbers (a contact's), for the To: suggestions; numbers without one are left out. */
  'mail.addressesOf': action(addressesOfSchema).answers<{ number: string; address: string }[]>(),
  'mail.claim': action(claimSchema).answers<MailAddress>(),
  'mail.list': action(listSchema).answers<MailPage>(),
  'mail.get': action(mailIdSchema).answers<Mail>(),
  'mail.send': action(sendSchema).answers<Mail>(),
  'mail.setRead': action(setReadSchema).answers<Mail>(),
  'mail.delete': action(mailIdSchema).answers<null>(),
  'mail.blocks': action(z.object({}).nullish()).answers<string[]>(),
  'mail.block': action(blockSchema).answers<string[]>(),
  'mail.unblock': action(blockSchema).answers<string[]>(),
});
