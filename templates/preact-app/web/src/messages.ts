import { defineMessages } from '@handset/sdk/i18n';

/**
 * Every word the page says: English, and the languages the app ships. The phone's language comes with the locale
 * (`useTranslator` follows it live); a language the app does not ship reads English.
 */
export const messages = defineMessages(
  {
    title: 'Template',
    yourName: 'Your name',
    greet: 'Greet',
    ping: 'Ping',
    notifyMe: 'Notify me',
    pushed: { one: 'Pushed: pong', other: 'Pushed: pong ×{count}' },
    hello: 'Hello from {app}',
  },
  {
    es: {
      title: 'Plantilla',
      yourName: 'Tu nombre',
      greet: 'Saludar',
      ping: 'Ping',
      notifyMe: 'Avísame',
      pushed: { one: 'Recibido: pong', other: 'Recibido: pong ×{count}' },
      hello: 'Hola desde {app}',
    },
    de: {
      title: 'Vorlage',
      yourName: 'Dein Name',
      greet: 'Grüßen',
      ping: 'Ping',
      notifyMe: 'Benachrichtige mich',
      pushed: { one: 'Empfangen: pong', other: 'Empfangen: pong ×{count}' },
      hello: 'Hallo von {app}',
    },
  },
);
