import type { ServerPlugin } from '@handset/sdk/server/plugin';
import { cloutgramPlugin } from './cloutgram/server';
import { contactsPlugin } from './contacts/server';
import { mailPlugin } from './mail/server';
import { messagesPlugin } from './messages/server';
import { phonePlugin } from './phone/server';
import { photosPlugin } from './photos/server';
import { settingsPlugin } from './settings/server';
import { storePlugin } from './store/server';
import { tweederPlugin } from './tweeder/server';

/** The built-in apps' server plugins, in the order Handset starts them. */
export const serverPlugins: readonly ServerPlugin[] = [contactsPlugin, phonePlugin, messagesPlugin, mailPlugin, photosPlugin, tweederPlugin, cloutgramPlugin, settingsPlugin, storePlugin];
